//! Rendering of `smithy.api#documentation` HTML as rustdoc Markdown.
//!
//! AWS models write documentation in a loose HTML dialect: unclosed tags, AWS-only tags such as
//! `<important>`, and the source indentation of whatever tool produced them. Generated crates are
//! documented with rustdoc's lints on, so the output has to render faithfully *and* contain
//! nothing rustdoc would warn about (bare URLs, text that looks like an HTML tag or an intra-doc
//! link) or compile as a doctest (indented or unlabelled code blocks).

use std::collections::HashSet;

/// Converts AWS documentation HTML into rustdoc Markdown lines (no trailing whitespace, no
/// leading indentation on prose lines, no empty first/last line, never two blank lines in a row).
pub fn html_to_markdown(html: &str) -> Vec<String> {
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

enum Token {
    Text(String),
    Open { name: String, href: Option<String>, self_closing: bool },
    Close(String),
}

/// Tags recognised even when never closed. Anything else that merely looks like a tag, such as
/// `Map<String>` in prose, stays text unless the document also closes it.
const KNOWN_TAGS: &str = "a b blockquote br code codeblock dd div dl dt em fullname h1 h2 h3 h4 h5 h6 \
                          hr i important li note ol p pre span strong sub sup table tbody td th \
                          thead tr u ul";

/// Tags that end an unclosed `<code>`, so one missing `</code>` cannot swallow the rest.
const BLOCK_TAGS: &str = "blockquote codeblock dd div dl dt important li note ol p pre table tr ul";

fn listed(tags: &str, name: &str) -> bool {
    tags.split_whitespace().any(|t| t == name)
}

fn tokenize(input: &str) -> Vec<Token> {
    let closed: HashSet<String> =
        input.match_indices("</").filter_map(|(i, _)| tag_name(&input[i + 2..])).map(str::to_ascii_lowercase).collect();
    let mut tokens = Vec::new();
    let mut text = String::new();
    let mut rest = input;
    while let Some(pos) = rest.find('<') {
        text.push_str(&rest[..pos]);
        rest = &rest[pos..];
        match parse_markup(rest, &closed) {
            Some((token, len)) => {
                if !text.is_empty() {
                    tokens.push(Token::Text(decode_entities(&std::mem::take(&mut text))));
                }
                tokens.extend(token);
                rest = &rest[len..];
            }
            None => {
                text.push('<');
                rest = &rest[1..];
            }
        }
    }
    text.push_str(rest);
    if !text.is_empty() {
        tokens.push(Token::Text(decode_entities(&text)));
    }
    tokens
}

fn tag_name(s: &str) -> Option<&str> {
    let end = s.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(s.len());
    (end > 0 && s.as_bytes()[0].is_ascii_alphabetic()).then(|| &s[..end])
}

/// Parses the markup at the `<` starting `s`: the token (none for comments and declarations) and
/// its length, or `None` when the `<` is just text.
fn parse_markup(s: &str, closed: &HashSet<String>) -> Option<(Option<Token>, usize)> {
    if let Some(body) = s.strip_prefix("<!--") {
        return Some((None, body.find("-->").map_or(s.len(), |i| i + 7)));
    }
    if s[1..].starts_with(['!', '?']) {
        return s.find('>').map(|i| (None, i + 1));
    }
    let closing = s[1..].starts_with('/');
    let after = &s[if closing { 2 } else { 1 }..];
    let name = tag_name(after)?;
    let attrs_start = s.len() - after.len() + name.len();
    let end = attrs_start + find_tag_end(&s[attrs_start..])?;
    let name = name.to_ascii_lowercase();
    if closing {
        return Some((Some(Token::Close(name)), end + 1));
    }
    if !listed(KNOWN_TAGS, &name) && !closed.contains(&name) {
        return None;
    }
    let attrs = &s[attrs_start..end];
    let href = href(attrs);
    let self_closing = attrs.trim_end().ends_with('/');
    Some((Some(Token::Open { name, href, self_closing }), end + 1))
}

/// Offset of the `>` ending a tag, skipping quoted attribute values. A `<` first means the
/// "tag" was really text followed by a tag.
fn find_tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

/// The `href` value among a tag's attributes, quoted or not.
fn href(attrs: &str) -> Option<String> {
    let lower = attrs.to_ascii_lowercase();
    lower.match_indices("href").find_map(|(at, _)| {
        if !lower[..at].ends_with(char::is_whitespace) {
            return None;
        }
        let value = attrs[at + 4..].trim_start().strip_prefix('=')?.trim_start();
        let value = match value.chars().next()? {
            q @ ('"' | '\'') => value[1..].split(q).next()?,
            _ => value.split(char::is_whitespace).next()?,
        };
        Some(decode_entities(value.trim()))
    })
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let semi = rest.char_indices().take(12).find(|&(_, c)| c == ';').map(|(i, _)| i);
        match semi.and_then(|i| Some((decode_entity(&rest[1..i])?, i + 1))) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|&c| c != '\0');
    }
    Some(match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "hellip" => '\u{2026}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "ldquo" => '\u{201c}',
        "rdquo" => '\u{201d}',
        _ => return None,
    })
}

enum InlineKind {
    Bold,
    Italic,
    /// `href` is kept only for web URLs: anything else rustdoc could take for an intra-doc link.
    Link {
        href: Option<String>,
        raw: String,
    },
}

struct Inline {
    kind: InlineKind,
    /// Offset in the paragraph buffer where the element's content starts.
    start: usize,
}

struct List {
    ordered: bool,
    next: usize,
    marker_indent: usize,
    content_indent: usize,
}

/// Prefix for the first line of the next paragraph. Deferred so that `<li><p>text</p>` and
/// `<important><p>text</p>` put the marker and the text on one line.
#[derive(Default)]
struct Lead {
    indent: usize,
    marker: String,
    label: String,
    /// The label is a `<dt>` term, printed as `**term**: ` before its `<dd>`.
    term: bool,
}

#[derive(Default)]
struct Renderer {
    lines: Vec<String>,
    /// Inline Markdown of the paragraph being built.
    buf: String,
    inline: Vec<Inline>,
    lists: Vec<List>,
    lead: Option<Lead>,
    /// Raw text of an open `<code>`.
    code: Option<String>,
    /// Raw text of an open `<pre>`/`<codeblock>`.
    pre: Option<String>,
    term_start: Option<usize>,
    /// Lists are kept tight, so blank lines inside them must be asked for.
    force_blank: bool,
}

impl Renderer {
    fn token(&mut self, token: Token) {
        if let Some(pre) = &mut self.pre {
            match token {
                Token::Text(t) => pre.push_str(&t),
                Token::Open { name, .. } if name == "br" => pre.push('\n'),
                Token::Close(name) if name == "pre" || name == "codeblock" => self.end_pre(),
                _ => {}
            }
            return;
        }
        match token {
            Token::Text(t) => self.text(&t),
            Token::Open { name, href, self_closing } => {
                self.open(&name, href);
                if self_closing {
                    self.close(&name);
                }
            }
            Token::Close(name) => self.close(&name),
        }
    }

    fn open(&mut self, name: &str, href: Option<String>) {
        if self.code.is_some() {
            if !listed(BLOCK_TAGS, name) {
                return;
            }
            self.end_code();
        }
        match name {
            "p" | "div" | "br" | "hr" | "blockquote" | "tr" => self.flush(),
            "b" | "strong" => self.open_inline(InlineKind::Bold),
            "i" | "em" => self.open_inline(InlineKind::Italic),
            "a" => {
                // Links cannot nest: an inner link keeps its text only.
                let in_link = self.inline.iter().any(|i| matches!(i.kind, InlineKind::Link { .. }));
                let href = href.filter(|h| !in_link && (h.starts_with("https://") || h.starts_with("http://")));
                self.open_inline(InlineKind::Link { href, raw: String::new() });
            }
            "code" => self.code = Some(String::new()),
            "ul" | "ol" | "dl" => self.open_list(name == "ol"),
            "li" => self.start_item(),
            "dt" => {
                self.start_item();
                self.term_start = Some(self.buf.len());
            }
            "dd" => {
                self.end_term(true);
                self.flush();
            }
            "important" | "note" => {
                self.flush();
                self.add_label(if name == "note" { "**Note:** " } else { "**Important:** " });
            }
            "pre" | "codeblock" => {
                self.flush();
                self.flush_lead();
                self.pre = Some(String::new());
            }
            h if is_heading(h) => {
                self.flush();
                self.open_inline(InlineKind::Bold);
            }
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        if self.code.is_some() {
            if name != "code" && !listed(BLOCK_TAGS, name) {
                return;
            }
            self.end_code();
        }
        match name {
            "p" | "div" | "blockquote" | "li" | "dd" | "tr" => self.flush(),
            "b" | "strong" => self.close_inline(|k| matches!(k, InlineKind::Bold)),
            "i" | "em" => self.close_inline(|k| matches!(k, InlineKind::Italic)),
            "a" => self.close_inline(|k| matches!(k, InlineKind::Link { .. })),
            "ul" | "ol" | "dl" => {
                self.flush();
                self.flush_lead();
                self.lists.pop();
            }
            "dt" => self.end_term(true),
            "important" | "note" => {
                self.flush();
                self.flush_lead();
            }
            "pre" | "codeblock" => self.end_pre(),
            "td" | "th" => self.text(" "),
            h if is_heading(h) => {
                self.close_inline(|k| matches!(k, InlineKind::Bold));
                self.flush();
            }
            _ => {}
        }
    }

    fn text(&mut self, raw: &str) {
        if let Some(code) = &mut self.code {
            code.push_str(raw);
            return;
        }
        let mut in_link = false;
        for item in &mut self.inline {
            if let InlineKind::Link { raw: link_text, .. } = &mut item.kind {
                link_text.push_str(raw);
                in_link = true;
            }
        }
        let collapsed = collapse_whitespace(raw);
        let text = if self.buf.is_empty() || self.buf.ends_with(' ') { collapsed.trim_start() } else { &collapsed };
        if text.is_empty() {
            return;
        }
        // Links cannot nest, so URLs inside link text stay as they are.
        let mut escaped = escape_prose(text, self.buf.chars().last(), !in_link);
        if self.buf.trim().is_empty() {
            escape_line_start(&mut escaped);
        }
        self.buf.push_str(&escaped);
    }

    fn open_inline(&mut self, kind: InlineKind) {
        self.inline.push(Inline { kind, start: self.buf.len() });
    }

    fn close_inline(&mut self, is_target: impl Fn(&InlineKind) -> bool) {
        if let Some(pos) = self.inline.iter().rposition(|i| is_target(&i.kind)) {
            while self.inline.len() > pos {
                self.finish_inline();
            }
        }
    }

    /// Wraps the innermost open inline element's content, moving its edge whitespace outside the
    /// markers: `** text **` is not emphasis in Markdown.
    fn finish_inline(&mut self) {
        let Some(Inline { kind, start }) = self.inline.pop() else {
            return;
        };
        let start = if self.buf.is_char_boundary(start) { start } else { self.buf.len() };
        let content = self.buf.split_off(start);
        let body = content.trim();
        let rendered = match &kind {
            InlineKind::Bold if !body.is_empty() => format!("**{body}**"),
            InlineKind::Italic if !body.is_empty() => format!("*{body}*"),
            InlineKind::Link { href: Some(href), raw } => {
                let raw = collapse_whitespace(raw);
                if body.is_empty() || raw.trim().trim_end_matches('/') == href.trim_end_matches('/') {
                    format!("<{}>", encode_url(href, false))
                } else {
                    format!("[{body}]({})", encode_url(href, true))
                }
            }
            _ => body.to_string(),
        };
        if content.starts_with(' ') && !self.buf.is_empty() && !self.buf.ends_with(' ') {
            self.buf.push(' ');
        }
        self.buf.push_str(&rendered);
        if content.ends_with(' ') && !rendered.is_empty() {
            self.buf.push(' ');
        }
    }

    fn end_code(&mut self) {
        let Some(raw) = self.code.take() else {
            return;
        };
        for item in &mut self.inline {
            if let InlineKind::Link { raw: link_text, .. } = &mut item.kind {
                link_text.push_str(&raw);
            }
        }
        let content = collapse_whitespace(&raw);
        let content = content.trim();
        if content.is_empty() {
            return;
        }
        // Touching backtick runs would merge into one delimiter.
        if self.buf.ends_with('`') {
            self.buf.push(' ');
        }
        let ticks = longest_run(content, '`');
        if ticks == 0 {
            self.buf.push_str(&format!("`{content}`"));
        } else {
            let fence = "`".repeat(ticks + 1);
            self.buf.push_str(&format!("{fence} {content} {fence}"));
        }
    }

    fn end_pre(&mut self) {
        let Some(raw) = self.pre.take() else { return };
        let lines: Vec<&str> = raw.lines().map(str::trim_end).collect();
        let Some(first) = lines.iter().position(|l| !l.is_empty()) else {
            return;
        };
        let last = lines.iter().rposition(|l| !l.is_empty()).unwrap_or(first);
        let body = &lines[first..=last];
        let dedent = body.iter().filter(|l| !l.is_empty()).map(|l| l.len() - l.trim_start().len()).min();
        let fence = "`".repeat(longest_run(&raw, '`').max(2) + 1);
        self.force_blank = true;
        // `text` keeps rustdoc from compiling the block as a doctest.
        self.push_block_line(format!("{fence}text"));
        for line in body {
            let line = line.get(dedent.unwrap_or(0)..).unwrap_or_else(|| line.trim_start());
            if !(line.is_empty() && self.lines.last().is_some_and(String::is_empty)) {
                self.lines.push(line.to_string());
            }
        }
        self.lines.push(fence);
        self.force_blank = true;
    }

    fn open_list(&mut self, ordered: bool) {
        self.flush();
        // `<li><ul>`: an empty item line could read as a setext underline, so the nested list
        // takes the empty item's place instead.
        let empty_item = self.lead.as_ref().filter(|l| l.label.is_empty()).map(|l| l.indent);
        self.flush_lead();
        let marker_indent = empty_item.unwrap_or_else(|| self.lists.last().map_or(0, |l| l.content_indent));
        if self.lists.is_empty() {
            self.force_blank = true;
        }
        self.lists.push(List { ordered, next: 1, marker_indent, content_indent: marker_indent + 2 });
    }

    fn start_item(&mut self) {
        self.flush();
        self.flush_lead();
        let (indent, marker) = match self.lists.last_mut() {
            Some(list) => {
                let marker = if list.ordered { format!("{}. ", list.next) } else { "- ".to_string() };
                list.next += 1;
                list.content_indent = list.marker_indent + marker.len();
                (list.marker_indent, marker)
            }
            None => (0, "- ".to_string()),
        };
        self.lead = Some(Lead { indent, marker, ..Lead::default() });
    }

    /// Turns the `<dt>` text gathered so far into the item's label. A non-final call leaves a
    /// still-empty term open, because `<dt><p>term</p>` has not reached its text yet.
    fn end_term(&mut self, is_final: bool) {
        let Some(start) = self.term_start else { return };
        while !self.inline.is_empty() {
            self.finish_inline();
        }
        let term = self.buf.get(start..).unwrap_or("").trim().to_string();
        if term.is_empty() && !is_final {
            return;
        }
        self.term_start = None;
        self.buf.clear();
        if term.is_empty() {
            return;
        }
        let term = term.strip_prefix("**").and_then(|t| t.strip_suffix("**")).unwrap_or(&term);
        let indent = self.continuation_indent();
        let lead = self.lead.get_or_insert_with(|| Lead { indent, ..Lead::default() });
        lead.label = format!("**{term}**: ");
        lead.term = true;
    }

    fn add_label(&mut self, label: &str) {
        let indent = self.continuation_indent();
        let lead = self.lead.get_or_insert_with(|| Lead { indent, ..Lead::default() });
        lead.label.push_str(label);
    }

    /// Lines continuing a list item stay below four spaces; they follow a non-blank line, so
    /// Markdown still attaches them to the item.
    fn continuation_indent(&self) -> usize {
        self.lists.last().map_or(0, |l| l.content_indent.min(3))
    }

    fn flush(&mut self) {
        self.end_term(false);
        while !self.inline.is_empty() {
            self.finish_inline();
        }
        let text = std::mem::take(&mut self.buf);
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let line = match self.lead.take() {
            Some(lead) => format!("{}{}{}{text}", " ".repeat(lead.indent), lead.marker, lead.label),
            None => format!("{}{text}", " ".repeat(self.continuation_indent())),
        };
        self.push_block_line(line);
    }

    /// Emits a pending lead that never got a paragraph, e.g. a `<dt>` without `<dd>`.
    fn flush_lead(&mut self) {
        let Some(lead) = self.lead.take() else { return };
        let label = lead.label.trim_end();
        let label = if lead.term { label.strip_suffix(':').unwrap_or(label) } else { label };
        if !label.is_empty() {
            self.push_block_line(format!("{}{}{label}", " ".repeat(lead.indent), lead.marker));
        }
    }

    fn push_block_line(&mut self, line: String) {
        if (self.lists.is_empty() || self.force_blank) && self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
        self.force_blank = false;
        // After a blank line, four spaces start an indented code block, which rustdoc would
        // compile as a doctest: give up the nesting instead.
        if matches!(self.lines.last().map(String::as_str), None | Some("")) && line.starts_with("    ") {
            self.lines.push(line.trim_start().to_string());
        } else {
            self.lines.push(line);
        }
    }

    fn finish(mut self) -> Vec<String> {
        self.end_pre();
        self.end_code();
        self.end_term(true);
        self.flush();
        self.flush_lead();
        let mut out: Vec<String> = Vec::new();
        for line in self.lines {
            let line = line.trim_end();
            if !(line.is_empty() && matches!(out.last().map(String::as_str), None | Some(""))) {
                out.push(line.to_string());
            }
        }
        if out.last().is_some_and(String::is_empty) {
            out.pop();
        }
        out
    }
}

fn is_heading(name: &str) -> bool {
    matches!(name.as_bytes(), [b'h', b'1'..=b'6'])
}

fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !c.is_whitespace() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out
}

fn longest_run(s: &str, c: char) -> usize {
    s.split(|x| x != c).map(|run| run.chars().count()).max().unwrap_or(0)
}

/// Escapes characters Markdown would read as syntax, and wraps bare URLs in `<>` for rustdoc's
/// `bare_urls` lint. `prev` is the character before `text` in the paragraph.
fn escape_prose(text: &str, mut prev: Option<char>, autolink: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        let rest = &text[i..];
        if autolink && (rest.starts_with("http://") || rest.starts_with("https://")) {
            let url = bare_url(rest);
            out.push_str(&format!("<{}>", encode_url(url, false)));
            prev = url.chars().last();
            i += url.len();
            continue;
        }
        let next = rest[c.len_utf8()..].chars().next();
        let escape = match c {
            // `~` because rustdoc renders `~a~` as strikethrough.
            '\\' | '[' | ']' | '<' | '>' | '*' | '`' | '~' => true,
            // `snake_case` is safe; only an underscore at a word edge can start emphasis.
            '_' => !(prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric)),
            '&' => looks_like_entity(&rest[1..]),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        prev = Some(c);
        i += c.len_utf8();
    }
    out
}

/// Keeps a line from turning into a heading, list item, fence or setext underline.
fn escape_line_start(s: &mut String) {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        if matches!(s.as_bytes().get(digits), Some(b'.' | b')')) {
            s.insert(digits, '\\');
        }
    } else if s.starts_with(['#', '-', '+', '=']) {
        s.insert(0, '\\');
    }
}

/// The URL at the start of `s`, without the punctuation of the sentence around it.
fn bare_url(s: &str) -> &str {
    let end = s.find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`')).unwrap_or(s.len());
    let mut url = &s[..end];
    loop {
        let unbalanced = url.ends_with(')') && url.matches(')').count() > url.matches('(').count();
        if unbalanced || url.ends_with(['.', ',', ';', ':', '!', '?', '\'']) {
            url = &url[..url.len() - 1];
        } else {
            return url;
        }
    }
}

fn encode_url(url: &str, parens: bool) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            c if c.is_whitespace() => out.push_str("%20"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '(' if parens => out.push_str("%28"),
            ')' if parens => out.push_str("%29"),
            _ => out.push(c),
        }
    }
    out
}

/// Whether `&` followed by `s` would be decoded by Markdown as a character reference.
fn looks_like_entity(s: &str) -> bool {
    let body = s.strip_prefix('#').unwrap_or(s);
    let len = body.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(body.len());
    len > 0 && body[len..].starts_with(';')
}

#[cfg(test)]
mod tests {
    use super::html_to_markdown;

    /// Renders `html`, checking the properties every output must have whatever the input.
    fn md(html: &str) -> Vec<String> {
        let lines = html_to_markdown(html);
        assert_ne!(lines.first().map(String::as_str), Some(""), "{html:?}: {lines:?}");
        assert_ne!(lines.last().map(String::as_str), Some(""), "{html:?}: {lines:?}");
        let mut fence: Option<&str> = None;
        for (i, line) in lines.iter().enumerate() {
            assert_eq!(line.trim_end(), line, "{html:?}: trailing whitespace in {lines:?}");
            assert!(i == 0 || !(line.is_empty() && lines[i - 1].is_empty()), "{html:?}: {lines:?}");
            if let Some(open) = fence {
                fence = (line != open).then_some(open);
            } else if let Some(ticks) =
                line.strip_suffix("text").filter(|t| t.len() >= 3 && t.bytes().all(|b| b == b'`'))
            {
                fence = Some(ticks);
            } else if line.starts_with("    ") {
                let item = line.trim_start();
                let numbered = item.trim_start_matches(|c: char| c.is_ascii_digit()).starts_with(". ");
                assert!(item.starts_with("- ") || numbered, "{html:?}: indented prose in {lines:?}");
                assert!(i > 0 && !lines[i - 1].is_empty(), "{html:?}: code block in {lines:?}");
            }
        }
        assert!(fence.is_none(), "{html:?}: unclosed fence in {lines:?}");
        lines
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
            ["Steps:", "", "1. first", "   1. a", "   2. b", "2. second", "   more", "", "End."]
        );
        // Unclosed items, as AWS models sometimes have them.
        assert_eq!(md("<ul><li>a<li>b</ul>"), ["- a", "- b"]);
        assert_eq!(
            md("<ul><li>a<ul><li>b<ul><li>c<p>d</p></li></ul></li></ul></li></ul>"),
            ["- a", "  - b", "    - c", "   d"]
        );
        // An item holding only a list would leave a bare `-`: its list takes the item's place.
        assert_eq!(
            md("<ul><li><ol><li>x</li></ol></li><li><h3>Title</h3>text</li></ul>"),
            ["1. x", "- **Title**", "  text"]
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
            ["- a", "", "```text", "code", "```", "", "- b", "  - c"]
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
