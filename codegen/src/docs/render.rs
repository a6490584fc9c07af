//! Rendering tokens as Markdown lines: block, inline and list state.

use super::escape::{collapse_whitespace, encode_url, escape_line_start, escape_prose, longest_run};
use super::tokenize::{listed, Token};

/// Tags that end an unclosed `<code>`, so one missing `</code>` cannot swallow the rest.
const BLOCK_TAGS: &str = "blockquote codeblock dd div dl dt important li note ol p pre table tr ul";

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
    /// The current item's marker line has been written. Until it is, nothing may be indented
    /// to its content: after a blank line, indentation no item accounts for starts a code block.
    shown: bool,
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
pub(super) struct Renderer {
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
    pub(super) fn token(&mut self, token: Token) {
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
                // `<li><pre>`: the block starts on the item's marker line (see `end_pre`).
                if self.lead.as_ref().is_some_and(|l| !l.label.is_empty() || l.marker.is_empty()) {
                    self.flush_lead();
                }
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
                // Text after a nested list continues the outer item; without a blank line
                // Markdown would read it as a lazy continuation of the nested list's last item.
                if !self.lists.is_empty() {
                    self.force_blank = true;
                }
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

    pub(super) fn text(&mut self, raw: &str) {
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
        // The block sits in the list item it belongs to, its lines indented to the item's
        // content; an item that holds nothing before it opens with it.
        let opening = match self.lead.take() {
            Some(lead) => {
                self.show_item(&lead.marker);
                format!("{}{}", " ".repeat(lead.indent), lead.marker)
            }
            None => " ".repeat(self.continuation_indent()),
        };
        let indent = " ".repeat(self.continuation_indent());
        self.force_blank = true;
        // `text` keeps rustdoc from compiling the block as a doctest.
        self.push_block_line(format!("{opening}{fence}text"));
        for line in body {
            let line = line.get(dedent.unwrap_or(0)..).unwrap_or_else(|| line.trim_start());
            if line.is_empty() {
                if !self.lines.last().is_some_and(String::is_empty) {
                    self.lines.push(String::new());
                }
            } else {
                self.lines.push(format!("{indent}{line}"));
            }
        }
        self.lines.push(format!("{indent}{fence}"));
        self.force_blank = true;
    }

    fn open_list(&mut self, ordered: bool) {
        self.flush();
        // `<li><ul>`: an empty item line could read as a setext underline, so the nested list
        // takes the empty item's place instead.
        let empty_item = self.lead.as_ref().filter(|l| l.label.is_empty()).map(|l| l.indent);
        self.flush_lead();
        let marker_indent = empty_item.unwrap_or_else(|| self.continuation_indent());
        if self.lists.is_empty() {
            self.force_blank = true;
        }
        self.lists.push(List { ordered, next: 1, marker_indent, content_indent: marker_indent + 2, shown: false });
    }

    fn start_item(&mut self) {
        self.flush();
        self.flush_lead();
        let (indent, marker) = match self.lists.last_mut() {
            Some(list) => {
                let marker = if list.ordered { format!("{}. ", list.next) } else { "- ".to_string() };
                list.next += 1;
                list.content_indent = list.marker_indent + marker.len();
                list.shown = false;
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

    /// Lines continuing a list item line up with its content: less would make them lazy
    /// continuations (clippy's `doc_lazy_continuation`), and after a blank line they still belong
    /// to the item, never to a code block, because every level of indentation is one an item
    /// line above opened. Text in a list whose current item was never written belongs to the
    /// enclosing item instead.
    fn continuation_indent(&self) -> usize {
        self.lists.last().map_or(0, |l| if l.shown { l.content_indent } else { l.marker_indent })
    }

    /// Records that a line carrying the current item's marker was written.
    fn show_item(&mut self, marker: &str) {
        if let (false, Some(list)) = (marker.is_empty(), self.lists.last_mut()) {
            list.shown = true;
        }
    }

    pub(super) fn flush(&mut self) {
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
            Some(lead) => {
                self.show_item(&lead.marker);
                format!("{}{}{}{text}", " ".repeat(lead.indent), lead.marker, lead.label)
            }
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
            self.show_item(&lead.marker);
            self.push_block_line(format!("{}{}{label}", " ".repeat(lead.indent), lead.marker));
        }
    }

    fn push_block_line(&mut self, line: String) {
        if (self.lists.is_empty() || self.force_blank) && self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
        self.force_blank = false;
        self.lines.push(line);
    }

    pub(super) fn finish(mut self) -> Vec<String> {
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
