//! Which member a JSON error is in: a response that does not read names the member's path
//! (`execution.statusDetails.step`, `records[3][0]`), found after the fact from the error's
//! position. Compiled once, and nothing runs unless reading failed.

/// Reads `body` as a `T`; an error names the path of the member where reading stopped.
pub fn read<'de, T: serde::Deserialize<'de>>(body: &'de [u8]) -> Result<T, String> {
    serde_json::from_slice(body).map_err(|err| describe(body, &err))
}

/// The error, prefixed with the member path at its position when a value inside a member is
/// wrong (not for JSON that does not parse at all).
fn describe(body: &[u8], err: &serde_json::Error) -> String {
    if !err.is_data() {
        return err.to_string();
    }
    match offset(body, err.line(), err.column()).map(|at| path_at(body, at)) {
        Some(path) if !path.is_empty() => format!("member `{path}`: {err}"),
        _ => err.to_string(),
    }
}

/// The byte offset of 1-based `line` and `column` (serde_json counts columns in bytes).
fn offset(body: &[u8], line: usize, column: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    let line_start = if line == 1 {
        0
    } else {
        body.iter().enumerate().filter(|(_, byte)| **byte == b'\n').nth(line - 2).map(|(at, _)| at + 1)?
    };
    Some((line_start + column.saturating_sub(1)).min(body.len()))
}

/// One level of the path: a member of an object (its name, once read) or an item of an array.
enum Level {
    Object(Option<String>),
    Array(usize),
}

/// The path of the value being read at byte `at`, as `a.b[2].c`.
fn path_at(body: &[u8], at: usize) -> String {
    let mut levels: Vec<Level> = Vec::new();
    let mut index = 0;
    // In an object, whether the next string is a member name.
    let mut expect_key = false;
    while index < at.min(body.len()) {
        match body[index] {
            b'{' => {
                levels.push(Level::Object(None));
                expect_key = true;
            }
            b'[' => {
                levels.push(Level::Array(0));
                expect_key = false;
            }
            b'}' | b']' => {
                levels.pop();
                expect_key = false;
            }
            b',' => match levels.last_mut() {
                Some(Level::Array(item)) => *item += 1,
                Some(Level::Object(name)) => {
                    *name = None;
                    expect_key = true;
                }
                None => {}
            },
            b'"' => {
                let (text, end) = string(body, index);
                if expect_key {
                    if let Some(Level::Object(name)) = levels.last_mut() {
                        *name = Some(text);
                    }
                    expect_key = false;
                }
                index = end;
                continue;
            }
            _ => {}
        }
        index += 1;
    }
    let mut path = String::new();
    for level in &levels {
        match level {
            Level::Object(Some(name)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(name);
            }
            Level::Object(None) => {}
            Level::Array(item) => path.push_str(&format!("[{item}]")),
        }
    }
    path
}

/// The text of the string that starts at `start` (a `"`), escapes kept as written, and the
/// offset just past its closing quote (or the end of the body).
fn string(body: &[u8], start: usize) -> (String, usize) {
    let mut index = start + 1;
    while index < body.len() {
        match body[index] {
            b'\\' => index += 2,
            b'"' => return (String::from_utf8_lossy(&body[start + 1..index]).into_owned(), index + 1),
            _ => index += 1,
        }
    }
    (String::from_utf8_lossy(&body[(start + 1).min(body.len())..]).into_owned(), body.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Job {
        count: Option<i32>,
        steps: Option<Vec<Step>>,
        tags: Option<std::collections::HashMap<String, i8>>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Step {
        name: Option<String>,
        size: Option<u8>,
    }

    fn error(json: &str) -> String {
        read::<Job>(json.as_bytes()).err().unwrap_or_else(|| panic!("`{json}` must not read"))
    }

    #[test]
    fn errors_name_the_member_path() {
        let message = error(r#"{"count": 3000000000}"#);
        assert!(message.starts_with("member `count`: invalid value: integer `3000000000`, expected i32"), "{message}");
        let message = error(r#"{"count": 1, "steps": [{"name": "a"}, {"name": "b", "size": -1}]}"#);
        assert!(message.starts_with("member `steps[1].size`: invalid value"), "{message}");
        let message = error("{\n  \"tags\": {\"a\\\"b\": 1, \"x\": 300}\n}");
        assert!(message.starts_with(r#"member `tags.x`: invalid value: integer `300`, expected i8"#), "{message}");
        let message = error(r#"{"steps": [{"name": 5}]}"#);
        assert!(message.starts_with("member `steps[0].name`: invalid type: integer `5`"), "{message}");
    }

    #[test]
    fn errors_outside_any_member_stay_as_they_are() {
        assert!(error(r#""x""#).starts_with("invalid type: string"), "{}", error(r#""x""#));
        assert!(error(r#"{"count": 1"#).starts_with("EOF while parsing"), "{}", error(r#"{"count": 1"#));
        assert_eq!(read::<Job>(br#"{"count": 7}"#).map(|job| job.count), Ok(Some(7)));
    }

    #[test]
    fn positions_past_the_end_or_on_later_lines_are_safe() {
        assert_eq!(offset(b"ab\ncd", 2, 2), Some(4));
        assert_eq!(offset(b"ab", 1, 99), Some(2));
        assert_eq!(offset(b"ab", 3, 1), None);
        assert_eq!(offset(b"ab", 0, 0), None);
        assert_eq!(path_at(br#"{"a": "unterminated"#, 99), "a");
    }
}
