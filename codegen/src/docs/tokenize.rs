//! Splitting documentation HTML into text and tag tokens, with character references decoded.

use std::collections::HashSet;

pub(super) enum Token {
    Text(String),
    Open { name: String, href: Option<String>, self_closing: bool },
    Close(String),
}

/// Tags recognised even when never closed. Anything else that merely looks like a tag, such as
/// `Map<String>` in prose, stays text unless the document also closes it.
const KNOWN_TAGS: &str = "a b blockquote br code codeblock dd div dl dt em fullname h1 h2 h3 h4 h5 h6 \
                          hr i important li note ol p pre span strong sub sup table tbody td th \
                          thead tr u ul";

pub(super) fn listed(tags: &str, name: &str) -> bool {
    tags.split_whitespace().any(|t| t == name)
}

pub(super) fn tokenize(input: &str) -> Vec<Token> {
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
