//! Markdown escaping of prose, bare URLs and link targets, and whitespace collapsing.

pub(super) fn collapse_whitespace(s: &str) -> String {
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

pub(super) fn longest_run(s: &str, c: char) -> usize {
    s.split(|x| x != c).map(|run| run.chars().count()).max().unwrap_or(0)
}

/// Escapes characters Markdown would read as syntax, and wraps bare URLs in `<>` for rustdoc's
/// `bare_urls` lint. `prev` is the character before `text` in the paragraph.
pub(super) fn escape_prose(text: &str, mut prev: Option<char>, autolink: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        let rest = &text[i..];
        if autolink && c == 'h' && (rest.starts_with("http://") || rest.starts_with("https://")) {
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
pub(super) fn escape_line_start(s: &mut String) {
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

pub(super) fn encode_url(url: &str, parens: bool) -> String {
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
