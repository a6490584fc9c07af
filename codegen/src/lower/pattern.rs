//! `@pattern`s as the ECMAScript regexes generated crates run.
//!
//! Smithy defines a pattern as an ECMA-262 regular expression, and generated crates run it with
//! an ECMAScript engine (`regress`). Smithy's own tooling validates models with Java's engine, so
//! some AWS models use Java-only syntax (`\p{Print}`, `\p{all}`, `\A`, `\z`, possessive
//! quantifiers, `\x{...}`); those are written here in ECMAScript with their Java meaning.
//! Everything else is left as the model wrote it. The result is compiled with the engine the
//! crate uses, first with the `u` flag (Unicode classes, code point semantics), then without it
//! (the lenient syntax of ECMA-262's Annex B, such as `\-` outside a class or `[\w- ]`).

/// A pattern ready for the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ecma {
    /// The ECMAScript source.
    pub source: String,
    /// Its flags, in ECMAScript's letters: `u` when it compiles as Unicode (the usual case),
    /// `i`, `m` and `s` from Java's inline modifiers (`(?i)`).
    pub flags: String,
}

/// The pattern in ECMAScript, compiled once here; `Err` says why it cannot be checked.
pub fn ecmascript(pattern: &str) -> Result<Ecma, String> {
    let (source, modifiers) = translate_java(pattern)?;
    let unicode = format!("{modifiers}u");
    let unicode_err = match regress::Regex::with_flags(&source, unicode.as_str()) {
        Ok(_) => return Ok(Ecma { source, flags: unicode }),
        Err(err) => err,
    };
    // Without `u`, `\p{...}` and `\u{...}` would be read as letters, not as what they mean.
    if !["\\p", "\\P", "\\u{"].iter().any(|construct| source.contains(construct))
        && regress::Regex::with_flags(&source, modifiers.as_str()).is_ok()
    {
        return Ok(Ecma { source, flags: modifiers });
    }
    Err(format!("an ECMAScript engine does not compile it ({unicode_err})"))
}

/// Java's POSIX classes (ASCII, as Java reads them without `UNICODE_CHARACTER_CLASS`) and the
/// other Java-only names, as the inside of an ECMAScript class.
fn java_class(name: &str) -> Option<&'static str> {
    Some(match name {
        "Lower" => "a-z",
        "Upper" => "A-Z",
        "ASCII" => "\\x00-\\x7F",
        "Alpha" => "a-zA-Z",
        "Digit" => "0-9",
        "Alnum" => "a-zA-Z0-9",
        "Punct" => "!-\\/:-@\\[-`{-~",
        "Graph" => "!-~",
        "Print" => " -~",
        "Blank" => " \\t",
        "Cntrl" => "\\x00-\\x1F\\x7F",
        "XDigit" => "0-9a-fA-F",
        "Space" => " \\t\\n\\x0B\\f\\r",
        "all" => "\\s\\S",
        // Java's letter-or-digit category.
        "LD" => "\\p{L}\\p{Nd}",
        "javaLowerCase" => "\\p{Lowercase}",
        "javaUpperCase" => "\\p{Uppercase}",
        "javaWhitespace" => "\\p{White_Space}",
        "javaLetter" => "\\p{L}",
        "javaDigit" => "\\p{Nd}",
        "javaLetterOrDigit" => "\\p{L}\\p{Nd}",
        _ => {
            // Java's binary properties, `\p{IsAlphabetic}`, named in any case, `_` optional.
            let binary = name.strip_prefix("Is")?.replace('_', "").to_ascii_uppercase();
            match binary.as_str() {
                "ALPHABETIC" => "\\p{Alphabetic}",
                "LETTER" => "\\p{L}",
                "DIGIT" => "\\p{Nd}",
                "LOWERCASE" => "\\p{Lowercase}",
                "UPPERCASE" => "\\p{Uppercase}",
                "WHITESPACE" | "WHITE_SPACE" => "\\p{White_Space}",
                "PUNCTUATION" => "\\p{P}",
                "CONTROL" => "\\p{Cc}",
                "HEXDIGIT" => "\\p{Hex_Digit}",
                _ => return None,
            }
        }
    })
}

/// What follows a backslash that ECMAScript reads as itself (a syntax character, which Java
/// reads the same way); any other non-alphanumeric character after a backslash is itself in
/// Java, and written bare here, since ECMAScript's `u` mode refuses `\_` or `\:`.
const SYNTAX: &str = "^$\\.*+?()[]{}|/-";

/// Writes the Java-only constructs of `pattern` in ECMAScript, and returns the inline
/// modifiers (`(?i)`, `(?ms)`) as ECMAScript flags for the whole pattern. The rest is copied.
fn translate_java(pattern: &str) -> Result<(String, String), String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len());
    let mut modifiers = String::new();
    let mut in_class = false;
    // Whether the last thing written ends a quantifier, so that a `+` after it is possessive,
    // or is the `$` assertion, which Java lets a quantifier follow.
    let mut after_quantifier = false;
    let mut after_end = false;
    // Whether the last thing written in a class is a class escape, which makes a `-` after it a
    // literal in Java.
    let mut after_class_escape = false;
    // For each open group, whether `(?-s:` turned dot-all off inside it.
    let mut groups: Vec<bool> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            let Some(&next) = chars.get(i + 1) else {
                return Err("it ends with a lone `\\`".to_owned());
            };
            after_class_escape = false;
            match next {
                'p' | 'P' => {
                    let (name, end) = property_name(&chars, i + 2)?;
                    let negated = next == 'P';
                    match java_class(&name) {
                        Some(_) if in_class && negated => {
                            return Err(format!("`\\P{{{name}}}` inside a class has no ECMAScript form"))
                        }
                        Some(body) if in_class => out.push_str(body),
                        Some(body) => {
                            out.push_str(if negated { "[^" } else { "[" });
                            out.push_str(body);
                            out.push(']');
                        }
                        None => {
                            let name = name.strip_prefix("Is").filter(|rest| rest.len() <= 2).unwrap_or(&name);
                            out.push('\\');
                            out.push(next);
                            out.push('{');
                            out.push_str(name);
                            out.push('}');
                        }
                    }
                    after_class_escape = in_class;
                    i = end;
                }
                'A' if !in_class => {
                    out.push('^');
                    i += 2;
                }
                'z' | 'Z' if !in_class => {
                    out.push('$');
                    i += 2;
                }
                'u' if chars.get(i + 2) == Some(&'{') => {
                    let close = chars[i + 3..].iter().position(|&c| c == '}').ok_or("`\\u{` is not closed")?;
                    out.extend(&chars[i..i + 4 + close]);
                    i += 4 + close;
                }
                'x' if chars.get(i + 2) == Some(&'{') => {
                    let close = chars[i + 3..].iter().position(|&c| c == '}').ok_or("`\\x{` is not closed")?;
                    out.push_str("\\u{");
                    out.extend(&chars[i + 3..i + 3 + close]);
                    out.push('}');
                    i += 4 + close;
                }
                next if !next.is_ascii_alphanumeric() && !SYNTAX.contains(next) => {
                    out.push(next);
                    i += 2;
                }
                next => {
                    after_class_escape = in_class && "wWdDsS".contains(next);
                    out.push(c);
                    out.push(next);
                    i += 2;
                }
            }
            after_quantifier = false;
            after_end = false;
            continue;
        }
        if in_class {
            match c {
                ']' => in_class = false,
                '-' if after_class_escape || chars.get(i + 1) == Some(&'\\') && is_class_escape(chars.get(i + 2)) => {
                    out.push_str("\\-");
                    after_class_escape = false;
                    i += 1;
                    continue;
                }
                _ => {}
            }
            after_class_escape = false;
            out.push(c);
            i += 1;
            continue;
        }
        let quantifier_end = quantifier_at(&chars, i);
        if after_end && (quantifier_end.is_some() || "*+?".contains(c)) {
            // A quantified `$` is `$`.
            i = quantifier_end.unwrap_or(i + 1);
            continue;
        }
        after_end = false;
        match c {
            '+' if after_quantifier => {
                // Java's possessive `X*+`: the same matches as greedy `X*` for a yes/no test
                // in all but contrived patterns.
                after_quantifier = false;
                i += 1;
                continue;
            }
            '(' => {
                if let Some((letters, scoped, end)) = inline_modifiers(&chars, i) {
                    let dot_all_off = letters.starts_with('-') && letters.contains('s');
                    if !letters.starts_with('-') {
                        for letter in letters.chars().filter(|letter| "ims".contains(*letter)) {
                            if !modifiers.contains(letter) {
                                modifiers.push(letter);
                            }
                        }
                    }
                    if scoped {
                        out.push_str("(?:");
                        groups.push(dot_all_off);
                    }
                    after_quantifier = false;
                    i = end;
                    continue;
                }
                groups.push(false);
            }
            ')' => {
                groups.pop();
            }
            '.' if groups.iter().any(|off| *off) => {
                out.push_str("[^\\n\\r\\u2028\\u2029]");
                after_quantifier = false;
                i += 1;
                continue;
            }
            '[' => {
                in_class = true;
                // A `]` right after `[` or `[^` is a literal in Java, and an empty class in
                // ECMAScript: copy it escaped.
                out.push('[');
                i += 1;
                if chars.get(i) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                if chars.get(i) == Some(&']') {
                    out.push_str("\\]");
                    i += 1;
                }
                after_quantifier = false;
                continue;
            }
            '{' => match quantifier_end {
                Some(end) => {
                    out.extend(&chars[i..end]);
                    after_quantifier = true;
                    i = end;
                    continue;
                }
                // Java reads a brace that starts no quantifier as itself.
                None => {
                    out.push_str("\\{");
                    after_quantifier = false;
                    i += 1;
                    continue;
                }
            },
            '}' => {
                out.push_str("\\}");
                after_quantifier = false;
                i += 1;
                continue;
            }
            '$' => after_end = true,
            _ => {}
        }
        after_quantifier = match c {
            '*' | '+' => true,
            '?' => !out.ends_with('('),
            _ => false,
        };
        out.push(c);
        i += 1;
    }
    Ok((out, modifiers))
}

/// Whether `c`, after a `\` in a class, makes a class escape (`\w`, `\p{L}`).
fn is_class_escape(c: Option<&char>) -> bool {
    c.is_some_and(|c| "wWdDsSpP".contains(*c))
}

/// If a `{n}`, `{n,}` or `{n,m}` quantifier starts at `start`, the index after it.
fn quantifier_at(chars: &[char], start: usize) -> Option<usize> {
    if chars.get(start) != Some(&'{') {
        return None;
    }
    let close = start + chars[start..].iter().position(|&c| c == '}')?;
    let inside: String = chars[start + 1..close].iter().collect();
    let (min, max) = inside.split_once(',').unwrap_or((&inside, ""));
    let digits = |text: &str| text.bytes().all(|b| b.is_ascii_digit());
    (!min.is_empty() && digits(min) && digits(max)).then_some(close + 1)
}

/// Java's inline modifiers at `start`: `(?ims)` or the scoped `(?-s:`; their letters, whether
/// scoped, and the index after them.
fn inline_modifiers(chars: &[char], start: usize) -> Option<(String, bool, usize)> {
    if chars.get(start + 1) != Some(&'?') {
        return None;
    }
    let mut letters = String::new();
    let mut i = start + 2;
    while let Some(&c) = chars.get(i) {
        match c {
            'i' | 'm' | 's' | 'x' | 'u' | 'd' | 'U' | '-' => letters.push(c),
            ')' if !letters.is_empty() => return Some((letters, false, i + 1)),
            ':' if !letters.is_empty() => return Some((letters, true, i + 1)),
            _ => return None,
        }
        i += 1;
    }
    None
}

/// The name of `\p{Name}` or `\pL` starting at `start`, and the index after it.
fn property_name(chars: &[char], start: usize) -> Result<(String, usize), String> {
    match chars.get(start) {
        Some('{') => {
            let close = chars[start..].iter().position(|&c| c == '}').ok_or("`\\p{` is not closed")?;
            Ok((chars[start + 1..start + close].iter().collect(), start + close + 1))
        }
        Some(letter) => Ok((letter.to_string(), start + 1)),
        None => Err("it ends with `\\p`".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::{ecmascript, translate_java, Ecma};

    fn matches(pattern: &str, text: &str) -> bool {
        let Ecma { source, flags } = ecmascript(pattern).expect(pattern);
        let regex = regress::Regex::with_flags(&source, flags.as_str()).expect(pattern);
        regex.find(text).is_some()
    }

    fn source(pattern: &str) -> String {
        translate_java(pattern).map(|(source, _)| source).unwrap_or_else(|err| panic!("{pattern}: {err}"))
    }

    #[test]
    fn java_classes_keep_their_java_meaning() {
        assert_eq!(source(r"^\p{Print}+$"), "^[ -~]+$");
        assert_eq!(source(r"^[\p{Alnum}\-]+$"), r"^[a-zA-Z0-9\-]+$");
        assert!(matches(r"^\p{Print}+$", "Hello, world ~"));
        assert!(!matches(r"^\p{Print}+$", "tab\there"));
        assert!(!matches(r"^\p{Print}+$", "é"));
        assert!(matches(r"^\p{XDigit}{8}$", "deadBEEF"));
        assert!(matches(r"^[\p{all}]+$", "any\nthing é"));
        assert!(matches(r"^[^\p{C}\p{IsWhitespace}]+$", "no-spaces"));
        assert!(!matches(r"^[^\p{C}\p{IsWhitespace}]+$", "a b"));
        assert!(matches(r"^(\p{LD}|\p{Punct}| )+$", "Zoë 42!"));
        assert!(matches(r"^\A[a-z]+\z$", "abc"));
        assert!(!matches(r"^\A[a-z]+\z$", "abc1"));
        assert!(matches(r"^\x{0022}$", "\""));
    }

    #[test]
    fn java_syntax_keeps_its_java_meaning() {
        // Possessive quantifiers read as greedy ones.
        assert_eq!(source(r"^a-\d{1}+:\d{12}+$"), r"^a-\d{1}:\d{12}$");
        assert_eq!(source(r"^a++b*+c?+$"), "^a+b*c?$");
        // `(?` opens a group, and `+` inside a class is a literal.
        assert_eq!(source(r"^(?:a)+[+]+$"), r"^(?:a)+[+]+$");
        // A `-` next to a class escape is a literal; `\_` is `_`; braces that start no
        // quantifier are themselves; a quantified `$` is `$`.
        assert!(matches(r"^[\p{L}\p{Z}-_]*$", "a-b_c d"));
        assert!(!matches(r"^[\p{L}\p{Z}-_]*$", "a.b"));
        assert!(matches(r"^\p{L}+(?:(\.|\_)\p{L}+){0,2}$", "a_b.c"));
        assert!(matches(r"^\{[\w\s:\{\}\[\]]*}$", "{a: [b]}"));
        assert!(matches(r"^[-_a-zA-Z0-9]*${2,64}$", "abc"));
        // Inline modifiers become flags.
        assert_eq!(ecmascript("^(?i)(true|false)$").map(|ecma| ecma.flags), Ok("iu".to_owned()));
        assert!(matches("^(?i)(true|false)$", "TRUE"));
        assert!(matches(r"^(?s).+$", "two\nlines"));
        // `(?-s:...)`: no line breaks there, even with dot-all on elsewhere.
        let key = r"^(?ms)\s*^-----BEGIN (?-s:.*)PRIVATE KEY-----$.*?^-----END (?-s:.*)PRIVATE KEY-----$\s*$";
        assert!(matches(key, "-----BEGIN RSA PRIVATE KEY-----\nabc\ndef\n-----END RSA PRIVATE KEY-----\n"));
        assert!(!matches(key, "-----BEGIN RSA\nPRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----"));
    }

    #[test]
    fn ecmascript_patterns_run_as_written() {
        // Look-ahead, the common tag-key pattern.
        assert!(matches("^(?!aws:)[a-zA-Z+-=._:/]+$", "Name"));
        assert!(!matches("^(?!aws:)[a-zA-Z+-=._:/]+$", "aws:created"));
        // Unicode properties, and surrogate pairs written as code points.
        assert!(matches(r"^\p{L}+$", "Zoë"));
        assert!(matches(r"^[\uD800\uDC00-\uDBFF\uDFFF]+$", "\u{1F600}"));
        assert!(!matches(r"^[\uD800\uDC00-\uDBFF\uDFFF]+$", "a"));
        // Annex B syntax that only compiles without the `u` flag.
        assert_eq!(ecmascript(r"^(?=a)?b$").map(|ecma| ecma.flags), Ok(String::new()));
        assert!(matches(r"^[\w-.]+$", "a-b.c"));
        assert!(matches(r"^[\w- ]+$", "a b-c"));
        assert!(matches(r"^ami\-[a-f0-9]{8}$", "ami-0123abcd"));
    }

    #[test]
    fn what_cannot_compile_says_why() {
        let err = ecmascript(r"^a{11}{0,1011}$").unwrap_err();
        assert!(err.starts_with("an ECMAScript engine does not compile it"), "{err}");
        assert!(ecmascript(r"[\P{Print}a]").unwrap_err().contains("inside a class"));
        assert!(ecmascript("a\\").is_err());
    }
}
