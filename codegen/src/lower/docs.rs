//! Rustdoc text: the model's HTML documentation as Markdown, plus what a reader of the Rust API
//! needs and the model only says in traits (constraints, deprecation).

use super::ir::{Check, Nested, Pattern};
use crate::docs::html_to_markdown;
use crate::parse::{DefaultValue, Deprecated, EnumMember};

/// Markdown lines for a shape or member's documentation.
pub fn markdown(documentation: Option<&str>) -> Vec<String> {
    documentation.map(html_to_markdown).unwrap_or_default()
}

/// The named values of an `intEnum`, as a paragraph for the docs of members that hold one, e.g.
/// ``Values: `1` (`LOW`), `2` (`HIGH`).``
pub fn int_enum_values(members: &[EnumMember]) -> Option<String> {
    let values: Vec<String> = members.iter().map(|member| format!("`{}` (`{}`)", member.value, member.name)).collect();
    (!values.is_empty()).then(|| format!("Values: {}.", values.join(", ")))
}

/// Appends a paragraph stating the checks `validate()` makes, e.g.
/// ``Constraints: length 1..=1224, pattern `^arn:`.``
pub fn with_constraints(mut docs: Vec<String>, check: &Check, patterns: &[Pattern]) -> Vec<String> {
    let parts = describe(check, patterns);
    if parts.is_empty() {
        return docs;
    }
    if !docs.is_empty() {
        docs.push(String::new());
    }
    docs.push(format!("Constraints: {}.", parts.join(", ")));
    docs
}

fn describe(check: &Check, patterns: &[Pattern]) -> Vec<String> {
    let Check { length, range, pattern, unchecked_pattern, nested } = check;
    let mut parts = Vec::new();
    if let Some((min, max)) = length {
        parts.push(format!("length {}", bounds(min.map(|n| n.to_string()), max.map(|n| n.to_string()))));
    }
    if let Some((min, max)) = range {
        parts.push(format!("value {}", bounds(min.map(number), max.map(number))));
    }
    if let Some(regex) = pattern.and_then(|index| patterns.get(index)) {
        parts.push(format!("pattern {}", code(&regex.regex)));
    }
    if let Some(regex) = unchecked_pattern.and_then(|index| patterns.get(index)) {
        parts.push(format!("pattern {} (not checked by `validate()`: no regex engine runs it)", code(&regex.regex)));
    }
    match nested {
        Nested::None | Nested::Structure => {}
        Nested::List(item) => {
            parts.extend(describe(item, patterns).into_iter().map(|part| format!("each item {part}")))
        }
        Nested::Map { key, value } => {
            parts.extend(describe(key, patterns).into_iter().map(|part| format!("each key {part}")));
            parts.extend(describe(value, patterns).into_iter().map(|part| format!("each value {part}")));
        }
    }
    parts
}

fn bounds(min: Option<String>, max: Option<String>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("{min}..={max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => "unbounded".to_owned(),
    }
}

fn number(value: f64) -> String {
    // `{}` prints 100.0 as `100`; keep integers integral and fractions as written.
    format!("{value}")
}

/// A Markdown code span that survives backticks and control characters inside the pattern
/// (a tab or line break in a doc comment would end the span or trip rustdoc's lints).
pub(crate) fn code(text: &str) -> String {
    let text: String =
        text.chars().map(|c| if c.is_control() { c.escape_unicode().to_string() } else { c.to_string() }).collect();
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// The note of `#[deprecated]`, when the shape is deprecated.
pub fn deprecation(deprecated: Option<&Deprecated>) -> Option<String> {
    deprecated.map(|Deprecated { message, since }| match (message, since) {
        (Some(message), Some(since)) => format!("{message} (deprecated since {since})"),
        (Some(message), None) => message.clone(),
        (None, Some(since)) => format!("deprecated since {since}"),
        (None, None) => "deprecated by the service model".to_owned(),
    })
}

/// A `@default` as the docs show it; `null` (no default) shows nothing.
pub fn default_value(default: &DefaultValue) -> Option<String> {
    Some(match default {
        DefaultValue::Null => return None,
        DefaultValue::Bool(value) => value.to_string(),
        DefaultValue::Number(value) => number(*value),
        DefaultValue::String(value) => format!("{value:?}"),
        DefaultValue::EmptyList => "[]".to_owned(),
        DefaultValue::EmptyMap => "{}".to_owned(),
    })
}
