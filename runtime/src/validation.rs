//! Checks an input against the constraints of the service model (`@length`,
//! `@range`, `@pattern`) before it is sent, collecting every violation into a
//! [`ValidationError`].

use std::fmt;
#[cfg(feature = "patterns")]
use std::sync::OnceLock;

use crate::error::{ValidationError, Violation};

/// Collects violations while the generated `validate` code walks an input.
///
/// The generated code descends with [`enter_field`](Self::enter_field),
/// [`enter_index`](Self::enter_index) and [`enter_key`](Self::enter_key),
/// each undone by [`leave`](Self::leave), and applies
/// [`length`](Self::length), [`range_int`](Self::range_int),
/// [`range_float`](Self::range_float) and [`pattern`](Self::pattern) to the
/// values it meets. [`finish`](Self::finish) then reports every violation at
/// once.
///
/// Paths read `a.b[0].c["KEY"]`: member names joined by `.`, list indices in
/// brackets, map keys quoted in brackets (with `"`, `\` and control
/// characters escaped as in Rust string literals).
///
/// Messages never repeat the value of a string, which may be sensitive; they
/// state lengths and numbers only.
///
#[derive(Debug, Default)]
pub struct Validator {
    /// Where the checks currently run, outermost segment first.
    path: Vec<Segment>,
    /// Everything found so far, in the order it was found.
    violations: Vec<Violation>,
}

/// One step from a value into a value it contains.
#[derive(Debug)]
enum Segment {
    /// A structure member, by its Rust field name.
    Field(&'static str),
    /// An element of a list, by position.
    Index(usize),
    /// A value of a map, by its key.
    Key(String),
}

impl Validator {
    /// Starts with an empty path and no violations.
    pub fn new() -> Self {
        Self { path: Vec::new(), violations: Vec::new() }
    }

    /// `Ok` if nothing was found, otherwise a [`ValidationError`] for
    /// `shape` (the name of the input's shape) listing every violation.
    pub fn finish(self, shape: &'static str) -> Result<(), ValidationError> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(ValidationError::new(shape, self.violations))
        }
    }

    /// Descends into the member `name` of the current structure, until the
    /// matching [`leave`](Self::leave).
    pub fn enter_field(&mut self, name: &'static str) {
        self.path.push(Segment::Field(name));
    }

    /// Descends into the element at `index` of the current list, until the
    /// matching [`leave`](Self::leave).
    pub fn enter_index(&mut self, index: usize) {
        self.path.push(Segment::Index(index));
    }

    /// Descends into the value under `key` of the current map, until the
    /// matching [`leave`](Self::leave).
    pub fn enter_key(&mut self, key: &str) {
        self.path.push(Segment::Key(key.to_owned()));
    }

    /// Returns to the value that contains the current one.
    pub fn leave(&mut self) {
        self.path.pop();
    }

    /// Checks an `@length` constraint: `len` is the number of Unicode scalar
    /// values of a string (`s.chars().count()`), or the number of elements of
    /// a list or map. Reports `length 0 is below 1` or
    /// `length 1300 is above 1224`.
    pub fn length(&mut self, len: usize, min: Option<u64>, max: Option<u64>) {
        let len = u64::try_from(len).unwrap_or(u64::MAX);
        if let Some(min) = min.filter(|&min| len < min) {
            self.violation(format_args!("length {len} is below {min}"));
        } else if let Some(max) = max.filter(|&max| len > max) {
            self.violation(format_args!("length {len} is above {max}"));
        }
    }

    /// Checks an `@range` constraint on an integer. Reports
    /// `value 0 is below 1` or `value 101 is above 100`.
    pub fn range_int(&mut self, value: i64, min: Option<i64>, max: Option<i64>) {
        if let Some(min) = min.filter(|&min| value < min) {
            self.violation(format_args!("value {value} is below {min}"));
        } else if let Some(max) = max.filter(|&max| value > max) {
            self.violation(format_args!("value {value} is above {max}"));
        }
    }

    /// Checks an `@range` constraint on a float, with the same wording as
    /// [`range_int`](Self::range_int). NaN is in no range, so when a bound is
    /// given it is reported as `value NaN is not a number`.
    pub fn range_float(&mut self, value: f64, min: Option<f64>, max: Option<f64>) {
        if value.is_nan() {
            if min.is_some() || max.is_some() {
                self.violation(format_args!("value NaN is not a number"));
            }
        } else if let Some(min) = min.filter(|&min| value < min) {
            self.violation(format_args!("value {value} is below {min}"));
        } else if let Some(max) = max.filter(|&max| value > max) {
            self.violation(format_args!("value {value} is above {max}"));
        }
    }

    /// Records the outcome of a `@pattern` check that the generated code ran
    /// (`matches`). Reports ``value does not match pattern `^arn:` ``.
    ///
    /// The value is passed so that every check has the same shape at the
    /// call site, but it is deliberately left out of the message: it may be
    /// a secret.
    pub fn pattern(&mut self, _value: &str, matches: bool, pattern: &'static str) {
        if !matches {
            self.violation(format_args!("value does not match pattern `{pattern}`"));
        }
    }

    /// Records a violation at the current path.
    fn violation(&mut self, message: fmt::Arguments<'_>) {
        let path = self.render_path();
        self.violations.push(Violation::new(path, message.to_string()));
    }

    /// The current path as text, such as `a.b[0].c["KEY"]`.
    fn render_path(&self) -> String {
        PathDisplay(&self.path).to_string()
    }
}

/// A `@pattern` constraint: an ECMAScript regular expression, as Smithy defines patterns, run by
/// `regress` (an ECMAScript engine) and compiled on first use. A generated crate keeps each of
/// its model's patterns as a `static`; the generator has already written Java-only syntax the
/// AWS models use (`\p{Print}`, `\A`) in ECMAScript and compiled the result with this engine.
#[cfg(feature = "patterns")]
#[derive(Debug)]
pub struct Pattern {
    source: &'static str,
    flags: &'static str,
    compiled: OnceLock<Option<regress::Regex>>,
}

#[cfg(feature = "patterns")]
impl Pattern {
    /// The ECMAScript regex `source` with its `flags` (`u` for Unicode property classes and
    /// code point semantics, `i`, `m`, `s`), not yet compiled.
    pub const fn new(source: &'static str, flags: &'static str) -> Self {
        Self { source, flags, compiled: OnceLock::new() }
    }

    /// The ECMAScript source.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Whether `text` holds a match (patterns are not implicitly anchored). The generator
    /// compiled the pattern with the same engine and flags, so it compiles here too; if it did
    /// not, no value would be refused for it.
    pub fn is_match(&self, text: &str) -> bool {
        let compiled = self.compiled.get_or_init(|| regress::Regex::with_flags(self.source, self.flags).ok());
        compiled.as_ref().is_none_or(|regex| regex.find(text).is_some())
    }
}

/// Writes a path of segments as `a.b[0].c["KEY"]`.
struct PathDisplay<'a>(&'a [Segment]);

impl fmt::Display for PathDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (position, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Field(name) if position == 0 => f.write_str(name)?,
                Segment::Field(name) => write!(f, ".{name}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
                Segment::Key(key) => write!(f, "[{key:?}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Closure-style helpers keep the nesting of the tests visible.
    impl Validator {
        fn field(&mut self, name: &'static str, check: impl FnOnce(&mut Self)) {
            self.enter_field(name);
            check(self);
            self.leave();
        }

        fn index(&mut self, index: usize, check: impl FnOnce(&mut Self)) {
            self.enter_index(index);
            check(self);
            self.leave();
        }

        fn key(&mut self, key: &str, check: impl FnOnce(&mut Self)) {
            self.enter_key(key);
            check(self);
            self.leave();
        }
    }

    fn messages(validator: Validator) -> Vec<String> {
        match validator.finish("Shape") {
            Ok(()) => Vec::new(),
            Err(error) => error.violations().iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn nothing_found_is_ok() {
        let mut v = Validator::new();
        v.field("name", |v| v.length(3, Some(1), Some(10)));
        v.field("count", |v| v.range_int(5, Some(1), None));
        v.field("ratio", |v| v.range_float(0.5, None, Some(1.0)));
        v.field("arn", |v| v.pattern("arn:x", true, "^arn:"));
        assert_eq!(v.finish("Shape"), Ok(()));
    }

    #[test]
    fn error_names_the_shape_and_every_violation() {
        let mut v = Validator::new();
        v.field("job", |v| v.length(0, Some(1), Some(1224)));
        v.field("description", |v| v.length(1300, Some(1), Some(1224)));
        let error = v.finish("DescribeDeploymentJobInput").expect_err("violations");
        assert_eq!(error.shape(), "DescribeDeploymentJobInput");
        assert_eq!(
            error.to_string(),
            "invalid `DescribeDeploymentJobInput`: job: length 0 is below 1; \
             description: length 1300 is above 1224"
        );
    }

    #[test]
    fn paths_render_fields_indices_and_keys() {
        let mut v = Validator::new();
        v.field("a", |v| {
            v.field("b", |v| {
                v.index(0, |v| {
                    v.field("c", |v| {
                        v.key("KEY", |v| v.range_int(0, Some(1), None));
                    });
                });
            });
            v.key("we\"ird\\key\n", |v| v.range_int(101, None, Some(100)));
            v.range_int(-1, Some(0), None);
        });
        v.range_int(7, Some(8), None);
        assert_eq!(
            messages(v),
            [
                r#"a.b[0].c["KEY"]: value 0 is below 1"#,
                r#"a["we\"ird\\key\n"]: value 101 is above 100"#,
                "a: value -1 is below 0",
                "value 7 is below 8",
            ]
        );
    }

    #[test]
    fn paths_start_with_an_index_or_key_without_a_dot() {
        let mut v = Validator::new();
        v.index(3, |v| v.field("x", |v| v.length(0, Some(1), None)));
        v.key("k", |v| v.length(0, Some(1), None));
        assert_eq!(messages(v), ["[3].x: length 0 is below 1", r#"["k"]: length 0 is below 1"#]);
    }

    #[test]
    fn length_bounds_are_inclusive() {
        let mut v = Validator::new();
        v.length(1, Some(1), Some(1));
        v.length(0, None, None);
        v.length(usize::MAX, None, Some(u64::MAX));
        assert_eq!(v.finish("Shape"), Ok(()));
        let mut v = Validator::new();
        v.length(2, Some(1), Some(1));
        v.length(0, Some(1), Some(1));
        assert_eq!(messages(v), ["length 2 is above 1", "length 0 is below 1"]);
    }

    #[test]
    fn range_int_bounds_are_inclusive() {
        let mut v = Validator::new();
        v.range_int(i64::MIN, Some(i64::MIN), Some(0));
        v.range_int(100, Some(1), Some(100));
        assert_eq!(v.finish("Shape"), Ok(()));
        let mut v = Validator::new();
        v.range_int(0, Some(1), Some(100));
        v.range_int(101, Some(1), Some(100));
        assert_eq!(messages(v), ["value 0 is below 1", "value 101 is above 100"]);
    }

    #[test]
    fn range_float_reports_bounds_and_nan() {
        let mut v = Validator::new();
        v.range_float(0.5, Some(0.5), Some(1.0));
        v.range_float(f64::NAN, None, None);
        assert_eq!(v.finish("Shape"), Ok(()));
        let mut v = Validator::new();
        v.range_float(0.25, Some(0.5), None);
        v.range_float(1.5, None, Some(1.0));
        v.range_float(f64::NAN, Some(0.0), None);
        v.range_float(f64::INFINITY, None, Some(1.0));
        assert_eq!(
            messages(v),
            ["value 0.25 is below 0.5", "value 1.5 is above 1", "value NaN is not a number", "value inf is above 1",]
        );
    }

    #[test]
    fn pattern_does_not_echo_the_value() {
        let mut v = Validator::new();
        v.field("secret", |v| v.pattern("hunter2", false, "^arn:"));
        let found = messages(v);
        assert_eq!(found, ["secret: value does not match pattern `^arn:`"]);
        assert!(!found[0].contains("hunter2"));
    }

    #[cfg(feature = "patterns")]
    #[test]
    fn patterns_are_ecmascript() {
        // Look-ahead, the common tag-key pattern, which linear-time engines refuse.
        let tag_key = Pattern::new("^(?!aws:)[a-zA-Z+-=._:/]+$", "u");
        assert!(tag_key.is_match("Name"));
        assert!(!tag_key.is_match("aws:createdBy"));
        // Not anchored unless the pattern says so.
        assert!(Pattern::new("[0-9]", "").is_match("abc1"));
        // With the `u` flag: property classes, and astral code points as one character.
        let letters = Pattern::new("^\\p{L}+$", "u");
        assert!(letters.is_match("Zoë"));
        assert!(!letters.is_match("Zoë1"));
        let astral = Pattern::new("^[\\u{10000}-\\u{10FFFF}]$", "u");
        assert!(astral.is_match("\u{1F600}"));
        // `$` is the end of the text, not before a final newline.
        assert!(!Pattern::new("^a$", "").is_match("a\n"));
    }
}
