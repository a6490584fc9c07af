//! Rendering of `smithy.api#documentation` HTML as rustdoc Markdown.
//!
//! AWS models write documentation in a loose HTML dialect: unclosed tags, AWS-only tags such as
//! `<important>`, and the source indentation of whatever tool produced them. Generated crates are
//! documented with rustdoc's lints on, so the output has to render faithfully *and* contain
//! nothing rustdoc would warn about (bare URLs, text that looks like an HTML tag or an intra-doc
//! link) or compile as a doctest (indented or unlabelled code blocks).

mod escape;
mod render;
mod tokenize;

use render::Renderer;
use tokenize::{tokenize, Token};

/// Converts AWS documentation HTML into rustdoc Markdown lines (no trailing whitespace, no
/// empty first/last line, never two blank lines in a row, no indented code block, no lazy
/// continuation of a list item).
pub fn html_to_markdown(html: &str) -> Vec<String> {
    // HTML reads CR and CRLF as line breaks, and rustc rejects a bare CR in a `///` comment.
    // It also denies by default the invisible codepoints that reorder text (`\u{202E}` and
    // kin) in comments, so they are dropped.
    let normalized;
    let html = if html.contains(|c| c == '\r' || is_bidi_control(c)) {
        normalized = html.replace("\r\n", "\n").replace('\r', "\n").replace(is_bidi_control, "");
        normalized.as_str()
    } else {
        html
    };
    let tokens = tokenize(html);
    let mut renderer = Renderer::default();
    if tokens.iter().all(|t| matches!(t, Token::Text(_))) {
        // Docs written in our own words carry no markup: blank lines are their only structure.
        let mut paragraph = String::new();
        for line in tokens
            .iter()
            .filter_map(|t| match t {
                Token::Text(s) => Some(s.lines()),
                _ => None,
            })
            .flatten()
        {
            if line.trim().is_empty() {
                renderer.text(&std::mem::take(&mut paragraph));
                renderer.flush();
            } else {
                paragraph.push_str(line);
                paragraph.push('\n');
            }
        }
        renderer.text(&paragraph);
    } else {
        tokens.into_iter().for_each(|t| renderer.token(t));
    }
    renderer.finish()
}

/// The codepoints of rustc's `text_direction_codepoint_in_comment` lint.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

// The properties every rendering must have, checked by the parser rustdoc uses; shared with the
// test over every official model.
#[cfg(test)]
#[path = "../../tests/support/markdown.rs"]
mod markdown;

#[cfg(test)]
mod tests {
    use super::{html_to_markdown, markdown};

    /// Renders `html`, checking the properties every output must have whatever the input.
    fn md(html: &str) -> Vec<String> {
        let lines = html_to_markdown(html);
        let problems = markdown::problems(&lines);
        assert!(problems.is_empty(), "{html:?}: {problems:?} in {lines:#?}");
        lines
    }

    #[test]
    fn the_checker_finds_what_rustdoc_and_clippy_would() {
        let check = |lines: &[&str]| markdown::problems(&lines.iter().map(|l| l.to_string()).collect::<Vec<_>>());
        assert!(check(&["- a", "  - b", "", "    **Note:** n"]).is_empty());
        assert_eq!(check(&["```text", "x"]).len(), 1, "unclosed fence");
        assert_eq!(check(&["```", "x", "```"]).len(), 1, "doctest");
        assert_eq!(check(&["x", "", "    code"]).len(), 1, "indented code block");
        assert_eq!(check(&["- a", "  - b", "   lazy"]).len(), 1, "lazy continuation");
        assert_eq!(check(&["- a", "   - over"]).len(), 1, "over-indented item");
    }

    #[test]
    fn carriage_returns_never_reach_the_output() {
        for html in [
            "plain\r\ntext\rwith returns",
            "<p>a\rb</p>",
            "<code>a\rb</code>",
            "<pre>line one\rline two\r\nline three</pre>",
            "<ul><li>a\r</li><li>\rb</li></ul>",
        ] {
            md(html);
        }
    }

    #[test]
    fn text_direction_codepoints_are_dropped() {
        assert_eq!(md("abc\u{202E}def\u{2066}ghi\u{2069}"), ["abcdefghi"]);
        assert_eq!(md("<pre>a\u{202A}b</pre>"), ["```text", "ab", "```"]);
    }

    #[test]
    fn simple_paragraph() {
        assert_eq!(
            md("<p>The Amazon Resource Name (ARN) of the deployment job.</p>"),
            ["The Amazon Resource Name (ARN) of the deployment job."]
        );
    }

    #[test]
    fn wrapped_paragraph_with_code() {
        let html = "<p>Precentage of the step that is done. This currently only applies to the\n            \
                    <code>Downloading/Extracting</code> step of the deployment. It is empty for other\n         steps.</p>";
        assert_eq!(
            md(html),
            ["Precentage of the step that is done. This currently only applies to the `Downloading/Extracting` \
              step of the deployment. It is empty for other steps."]
        );
    }

    #[test]
    fn definition_list() {
        let html = "<p>The current progress status.</p>\n  <dl>\n <dt>Validating</dt>\n <dd>\n <p>Validating the \
                    deployment.</p>\n </dd>\n <dt>Finished</dt>\n <dd>\n <p>Deployment is complete.</p>\n </dd>\n </dl>";
        assert_eq!(
            md(html),
            [
                "The current progress status.",
                "",
                "- **Validating**: Validating the deployment.",
                "- **Finished**: Deployment is complete.",
            ]
        );
        // A term without a description, and a term wrapped in a paragraph.
        assert_eq!(
            md("<dl><dt>Alone</dt><dt><p>Wrapped</p></dt><dd>Text</dd></dl>"),
            ["- **Alone**", "- **Wrapped**: Text"]
        );
        assert_eq!(md("<dl><dt></dt><dd>Only text</dd></dl>"), ["- Only text"]);
    }

    #[test]
    fn important_with_link() {
        let html = "<important><p>End of support notice: see <a href=\"https://aws.amazon.com/x\">\
                    https://aws.amazon.com/x</a>.</p></important><p>Describes a deployment job.</p>";
        assert_eq!(
            md(html),
            [
                "**Important:** End of support notice: see <https://aws.amazon.com/x>.",
                "",
                "Describes a deployment job."
            ]
        );
    }

    #[test]
    fn note_and_headings() {
        assert_eq!(md("<note>Be careful.</note>"), ["**Note:** Be careful."]);
        assert_eq!(md("<NOTE><ul><li>x</li></ul></NOTE>"), ["**Note:**", "", "- x"]);
        assert_eq!(md("<h2>Errors</h2><p>None.</p>"), ["**Errors**", "", "None."]);
    }

    #[test]
    fn nested_lists() {
        assert_eq!(
            md("<ul><li><p>one</p></li><li>two <ul><li>nested</li></ul></li></ul>"),
            ["- one", "- two", "  - nested"]
        );
        assert_eq!(
            md("<p>Steps:</p><ol><li>first<ol><li>a</li><li>b</li></ol></li><li>second<p>more</p></li></ol><p>End.</p>"),
            ["Steps:", "", "1. first", "   1. a", "   2. b", "", "2. second", "   more", "", "End."]
        );
        // Text after a nested list, in the outer item: a blank line, so it is not read as a
        // lazy continuation of the nested list's last item.
        assert_eq!(
            md("<ul><li>Deploy with:<ul><li>an ID</li><li>a version</li></ul>Then it runs.</li></ul>"),
            ["- Deploy with:", "  - an ID", "  - a version", "", "  Then it runs."]
        );
        // Unclosed items, as AWS models sometimes have them.
        assert_eq!(md("<ul><li>a<li>b</ul>"), ["- a", "- b"]);
        assert_eq!(
            md("<ul><li>a<ul><li>b<ul><li>c<p>d</p></li></ul></li></ul></li></ul>"),
            ["- a", "  - b", "    - c", "      d"]
        );
        // Text after a list nested two deep lines up with its own item, after a blank line:
        // the item above accounts for every column of it, so it is no code block.
        assert_eq!(
            md("<ul><li>a<ul><li>b<ul><li>c</li></ul><note>n</note></li><li>d</li></ul></li></ul>"),
            ["- a", "  - b", "    - c", "", "    **Note:** n", "  - d"]
        );
        // Lists inside a list that has no item yet stay at its level: no indentation that no
        // item line accounts for.
        assert_eq!(md("<ul><ul><ul><li>deep</li></ul></ul><p>x</p></ul>"), ["- deep", "", "x"]);
        // An item holding only a list would leave a bare `-`: its list takes the item's place.
        assert_eq!(
            md("<ul><li><ol><li>x</li></ol></li><li><h3>Title</h3>text</li></ul>"),
            ["1. x", "", "- **Title**", "  text"]
        );
    }

    #[test]
    fn prose_escaping() {
        let html = "Use [REQUIRED] when a < b and x*y, see Map<String> at https://example.com/docs. \
                    Tom &amp; Jerry &lt;tag&gt;";
        assert_eq!(
            md(html),
            ["Use \\[REQUIRED\\] when a \\< b and x\\*y, see Map\\<String\\> at <https://example.com/docs>. \
              Tom & Jerry \\<tag\\>"]
        );
        assert_eq!(md("<p>a `tick` and _under_ snake_case \\n</p>"), ["a \\`tick\\` and \\_under\\_ snake_case \\\\n"]);
        assert_eq!(md("~~struck~~ ~5 to ~10"), ["\\~\\~struck\\~\\~ \\~5 to \\~10"]);
        assert_eq!(md("<p>&amp;amp; stays literal, AT&amp;T too</p>"), ["\\&amp; stays literal, AT&T too"]);
    }

    #[test]
    fn line_starts_are_not_markdown_blocks() {
        assert_eq!(md("<p># not a heading</p>"), ["\\# not a heading"]);
        assert_eq!(md("<p>- not a list</p><p>+ nor this</p>"), ["\\- not a list", "", "\\+ nor this"]);
        assert_eq!(md("<p>2019. A year</p><p>=== </p>"), ["2019\\. A year", "", "\\==="]);
        assert_eq!(md("<ul><li>1) x</li></ul>"), ["- 1\\) x"]);
    }

    #[test]
    fn bare_urls() {
        assert_eq!(
            md("<p>(see https://a.com/b(c)), or http://x.io.</p>"),
            ["(see <https://a.com/b(c)>), or <http://x.io>."]
        );
        assert_eq!(md("<p>https://a.com/x_y*z</p>"), ["<https://a.com/x_y*z>"]);
    }

    #[test]
    fn links() {
        assert_eq!(md("<a href=\"https://a.com/(x)\">the [docs]</a>"), ["[the \\[docs\\]](https://a.com/%28x%29)"]);
        assert_eq!(md("<p>See <a href='https://a.com'></a>.</p>"), ["See <https://a.com>."]);
        assert_eq!(
            md("<p>See <A HREF=https://a.com/ target=_blank><code>Api</code></A></p>"),
            ["See [`Api`](https://a.com/)"]
        );
        // Relative and fragment links would look like intra-doc links: keep their text only.
        assert_eq!(md("<p>See <a href=\"API_Foo.html\">Foo</a> and <a>Bar</a>.</p>"), ["See Foo and Bar."]);
        assert_eq!(md("<p><a href=\"https://a.com\">Unclosed</p>"), ["[Unclosed](https://a.com)"]);
    }

    #[test]
    fn emphasis() {
        assert_eq!(
            md("<p><b>Bold </b>then <STRONG>strong</STRONG> <i> it</i> <em>em</em></p>"),
            ["**Bold** then **strong** *it* *em*"]
        );
        assert_eq!(md("<p>a<b></b>b <i> </i>c</p>"), ["ab c"]);
    }

    #[test]
    fn code_spans() {
        assert_eq!(md("<p><code>a`b</code> <code></code>x <code> a < b </code></p>"), ["`` a`b `` x `a < b`"]);
        assert_eq!(md("<code>Map&lt;String, *x*&gt;</code>"), ["`Map<String, *x*>`"]);
        assert_eq!(md("<code>a</code><code>`b`</code>"), ["`a` `` `b` ``"]);
        assert_eq!(md("<code><code>nested</code> still</code>"), ["`nested` still"]);
        // A missing </code> ends at the next block instead of swallowing it.
        assert_eq!(md("<p><code>x</p><p>y</p>"), ["`x`", "", "y"]);
    }

    #[test]
    fn code_blocks() {
        let html = "<p>Example:</p><pre>\n      {\n        \"a\": \"```\"\n      }\n\n\n   </pre><p>After</p>";
        assert_eq!(md(html), ["Example:", "", "````text", "{", "  \"a\": \"```\"", "}", "````", "", "After"]);
        assert_eq!(md("<codeblock>fn main() {}<br/>x<b>y</b></codeblock>"), ["```text", "fn main() {}", "xy", "```"]);
        assert_eq!(
            md("<ul><li>a<pre>    code</pre></li><li>b<ul><li><ul><li>c</li></ul></li></ul></li></ul>"),
            ["- a", "", "  ```text", "  code", "  ```", "", "- b", "  - c"]
        );
        // A block that opens an item starts on its marker line; one in a nested item is
        // indented to that item's content, blank lines and all.
        assert_eq!(
            md("<ol><li><pre>x\n\n  y</pre></li><li>b<ul><li>c<pre>z</pre>after</li></ul></li></ol>"),
            [
                "1. ```text",
                "   x",
                "",
                "     y",
                "   ```",
                "",
                "2. b",
                "   - c",
                "",
                "     ```text",
                "     z",
                "     ```",
                "",
                "     after"
            ]
        );
    }

    #[test]
    fn entities() {
        assert_eq!(
            md("&lt; &gt; &amp; &quot; &apos; &#39; &#x27; a&nbsp;&nbsp;b &#65;&#x42; &mdash; &bogus; & ; &#xZZ; &#0;"),
            ["\\< \\> & \" ' ' ' a b AB \u{2014} \\&bogus; & ; \\&#xZZ; \\&#0;"]
        );
    }

    #[test]
    fn whitespace_and_paragraphs() {
        assert_eq!(
            md("\n   <p>\n  one\n\n  two </p>\n\n   <p>three</p><br><p></p>four<br/>five"),
            ["one two", "", "three", "", "four", "", "five"]
        );
        assert_eq!(md("Own words.\n\n\n  Second\n  paragraph.  \n"), ["Own words.", "", "Second paragraph."]);
    }

    #[test]
    fn unknown_tags_keep_text() {
        assert_eq!(
            md("<p>The <fullname>Amazon S3</fullname> API<!-- hidden --> <span class=\"x\">v2</span></p>"),
            ["The Amazon S3 API v2"]
        );
        assert_eq!(md("<p><foo bar='1'>kept</foo> List<Integer></p>"), ["kept List\\<Integer\\>"]);
    }

    #[test]
    fn malformed_input_never_panics() {
        assert!(md("").is_empty());
        assert!(md("   \n ").is_empty());
        let odd = "<|>|&|&#|&#x;|<p|</|</p|<a href=\"x|<<p>>|</ul></li></dl>|<!--|<!-- x|<!DOCTYPE|<pre>|<code>|<dt>|\
                   <dd>|<li>|<important>|<a href>x</a>|<b><i>x</b></i>|&#99999999999;|<h1>|\u{e9}&#x1F600;<b>\u{1F600}</b>";
        for html in odd.split('|') {
            md(html);
        }
        let complex = "<p>A <b>b <i>i</i></b> <a href=\"https://x.y/z\">l</a> <code>c</code> é https://u.v/w.</p>\
                       <ul><li>1 <ol><li>2<dl><dt>t</dt><dd>d</dd></dl></li></ol></li></ul><pre> p\n  q</pre>\
                       <important><note>n</note></important>&lt;x&gt;&amp;";
        for end in (0..=complex.len()).filter(|&i| complex.is_char_boundary(i)) {
            md(&complex[..end]);
            md(&complex[end..]);
        }
    }

    #[test]
    fn random_markup_soup() {
        let pieces: Vec<&str> = "<p>|</p>|<ul>|</ul>|<ol>|</ol>|<li>|</li>|<dl>|<dt>|</dt>|<dd>|<b>|</b>|<i>|<code>|\
                                 </code>|<pre>|</pre>|<note>|</note>|<a href=\"https://a.io/(x)\">|</a>|<br/>|<h2>|\
                                 </h2>| word |\n    |\n\n|[x]|<|&|&amp;lt;|*|_|`|```|#|-|1.|=|https://u.io/p.|\
                                 Map<T>|    - |\\|\u{e9}"
            .split('|')
            .collect();
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..3000 {
            let mut html = String::new();
            for _ in 0..seed % 40 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                html.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            md(&html);
        }
    }
}
