//! What the property tests of a generated crate (`cargo xtask codegen --property-tests`) run on:
//! value strategies that follow a member's constraints or ignore them, and the three properties
//! every crate checks.
//!
//! - [`round_trip`]: any value of a type, constraints or not, reads back from its serde JSON
//!   equal to itself.
//! - [`valid`]: a value built within every constraint of the model passes validation.
//! - [`invalid_at`]: a valid value with one member set outside its constraint fails validation,
//!   and every violation names that member.
//!
//! The generated `src/property_tests.rs` holds one strategy per structure, union and enum, made
//! from the helpers here; what is the same for every model lives here, compiled once.

use std::collections::HashMap;
use std::fmt::Debug;
use std::hash::Hash;

pub use proptest;
use proptest::prelude::*;
use proptest::strategy::{BoxedStrategy, Just, LazyJust, Strategy, Union};
use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::ValidationError;
use crate::primitives::{Blob, Timestamp};

/// Cases each property runs.
pub const CASES: u32 = 32;

/// How deep nested structures go before optional members and collections of structures are
/// left empty: recursive shapes end there.
pub const DEPTH: u32 = 3;

/// Most items of a list or map made beyond a constraint's minimum: nested lists of structures
/// multiply, and a maximum of thousands must not make every case huge.
const SPREAD: usize = 3;

/// Most characters of a text or bytes of a blob made beyond a constraint's minimum.
const TEXT_SPREAD: usize = 24;

/// Whether values follow the model's constraints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Any value of the Rust type: what serde must carry whatever the constraints.
    Any,
    /// Values within every `@length`, `@range` and `@pattern`.
    Valid,
}

fn runner(cases: u32) -> TestRunner {
    // No persistence file: a generated crate's tests write nothing into its sources.
    TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() })
}

fn report<T: Debug>(what: &str, result: Result<(), TestError<T>>) {
    if let Err(err) = result {
        panic!("{what}: {err}");
    }
}

/// Every value `strategy` makes serializes to JSON and reads back equal to itself.
pub fn round_trip<T>(name: &str, strategy: impl Strategy<Value = T>)
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let result = runner(CASES).run(&strategy, |value| {
        let json = serde_json::to_string(&value).map_err(|err| TestCaseError::fail(format!("serialize: {err}")))?;
        let back: T =
            serde_json::from_str(&json).map_err(|err| TestCaseError::fail(format!("read back `{json}`: {err}")))?;
        prop_assert_eq!(&back, &value, "read back from {}", json);
        Ok(())
    });
    report(&format!("{name} does not round-trip through serde"), result);
}

/// Every value `strategy` makes passes `validate`.
pub fn valid<T: Debug>(
    name: &str,
    strategy: impl Strategy<Value = T>,
    validate: impl Fn(&T) -> Result<(), ValidationError>,
) {
    let result = runner(CASES).run(&strategy, |value| match validate(&value) {
        Ok(()) => Ok(()),
        Err(err) => Err(TestCaseError::fail(format!("a value within the constraints fails: {err}"))),
    });
    report(&format!("{name} within its constraints"), result);
}

/// Every value `strategy` makes fails `validate`, each violation at `path`.
pub fn invalid_at<T: Debug>(
    name: &str,
    path: &str,
    strategy: impl Strategy<Value = T>,
    validate: impl Fn(&T) -> Result<(), ValidationError>,
) {
    let result = runner(CASES / 4).run(&strategy, |value| match validate(&value) {
        Ok(()) => Err(TestCaseError::fail(format!("passes with `{path}` outside its constraint"))),
        Err(err) if err.violations().iter().all(|violation| violation.path() == path) => Ok(()),
        Err(err) => Err(TestCaseError::fail(format!("violations elsewhere than `{path}`: {err}"))),
    });
    report(&format!("{name} with `{path}` outside its constraint"), result);
}

/// A choice among `options`, each as likely.
pub fn one_of<T: Debug + 'static>(options: impl IntoIterator<Item = BoxedStrategy<T>>) -> BoxedStrategy<T> {
    Union::new(options).boxed()
}

/// A union's value: one of its `shallow` members (those that hold no structure or union), or
/// one of its `nested` ones while `depth` lasts. `nested` is made only then: it may hold the
/// union itself. A union that has no shallow member takes its nested ones at any depth.
pub fn union_of<T, S, N>(depth: u32, shallow: S, nested: impl FnOnce() -> N) -> BoxedStrategy<T>
where
    T: Debug + 'static,
    S: IntoIterator<Item = BoxedStrategy<T>>,
    N: IntoIterator<Item = BoxedStrategy<T>>,
{
    let mut options: Vec<BoxedStrategy<T>> = shallow.into_iter().collect();
    if depth > 0 || options.is_empty() {
        options.extend(nested());
    }
    one_of(options)
}

/// `None` or a value of `inner`; only `None` once `depth` is used up, where `inner` is not made
/// at all (it may be the type being made).
pub fn optional<T: Debug + 'static>(depth: u32, inner: impl FnOnce() -> BoxedStrategy<T>) -> BoxedStrategy<Option<T>> {
    if depth == 0 {
        LazyJust::new(|| None).boxed()
    } else {
        proptest::option::of(inner()).boxed()
    }
}

/// The sizes to make for a `@length` of `(min, max)`: from the minimum, at most `spread` more,
/// never past the maximum; any small size when the mode ignores constraints.
fn sizes(mode: Mode, min: Option<u64>, max: Option<u64>, spread: usize) -> std::ops::RangeInclusive<usize> {
    let (min, max) = match mode {
        Mode::Any => (0, usize::MAX),
        Mode::Valid => bounds(min, max),
    };
    min..=max.min(min.saturating_add(spread))
}

/// A `@length` of `(min, max)` as sizes.
fn bounds(min: Option<u64>, max: Option<u64>) -> (usize, usize) {
    let min = usize::try_from(min.unwrap_or(0)).unwrap_or(usize::MAX);
    let max = max.and_then(|max| usize::try_from(max).ok()).unwrap_or(usize::MAX);
    (min, max)
}

/// A list of `item`s, its length within `(min, max)` in [`Mode::Valid`]; empty once `depth` is
/// used up and no minimum asks for items.
pub fn list<T: Debug + 'static>(
    mode: Mode,
    depth: u32,
    min: Option<u64>,
    max: Option<u64>,
    item: impl FnOnce() -> BoxedStrategy<T>,
) -> BoxedStrategy<Vec<T>> {
    let sizes = sizes(mode, min, max, SPREAD);
    if depth == 0 && *sizes.start() == 0 {
        return LazyJust::new(Vec::new).boxed();
    }
    proptest::collection::vec(item(), sizes).boxed()
}

/// A map of `key`s to `value`s, its size within `(min, max)` in [`Mode::Valid`]. Keys that come
/// out equal make the map smaller, so a minimum is met by drawing until it is.
pub fn map<K, V>(
    mode: Mode,
    depth: u32,
    min: Option<u64>,
    max: Option<u64>,
    key: BoxedStrategy<K>,
    value: impl FnOnce() -> BoxedStrategy<V>,
) -> BoxedStrategy<HashMap<K, V>>
where
    K: Debug + Hash + Eq + 'static,
    V: Debug + 'static,
{
    let sizes = sizes(mode, min, max, SPREAD);
    if depth == 0 && *sizes.start() == 0 {
        return LazyJust::new(HashMap::new).boxed();
    }
    proptest::collection::hash_map(key, value(), sizes).boxed()
}

/// A `@pattern`: its ECMAScript source, and the crate's own check of it.
pub type Pattern = (&'static str, fn(&str) -> bool);

/// Text: any in [`Mode::Any`]; in [`Mode::Valid`], as many characters as `(min, max)` allows
/// and, given a pattern, a match for it. `pattern` is the ECMAScript source and `matches` the
/// crate's own check of it: the text is drawn from the source read as a Rust regex
/// ([`generation_regex`]) where that works, and kept only when `matches` agrees.
pub fn text(mode: Mode, min: Option<u64>, max: Option<u64>, pattern: Option<Pattern>) -> BoxedStrategy<String> {
    let free = chars(sizes(mode, min, max, TEXT_SPREAD));
    match (mode, pattern) {
        (Mode::Any, _) | (Mode::Valid, None) => free.boxed(),
        (Mode::Valid, Some((source, matches))) => {
            // The pattern decides the length of what it draws: only the constraint's own
            // bounds may refuse it.
            let (min, max) = bounds(min, max);
            let drawn = match proptest::string::string_regex(&generation_regex(source)) {
                Ok(strategy) => strategy.boxed(),
                Err(_) => free.boxed(),
            };
            drawn
                .prop_filter("within the pattern and length", move |text| {
                    (min..=max).contains(&text.chars().count()) && matches(text)
                })
                .boxed()
        }
    }
}

/// Text of `len` characters.
pub fn text_of_length(len: usize) -> BoxedStrategy<String> {
    chars(len).boxed()
}

/// Text of any characters, as many as `sizes` says.
fn chars(sizes: impl Into<proptest::collection::SizeRange>) -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>(), sizes).prop_map(String::from_iter)
}

/// An ECMAScript pattern as a Rust regex to draw matching text from (`proptest`'s
/// `string_regex`, which takes Rust's syntax and no assertions). Smithy patterns are not
/// anchored, so text matching the pattern without its `^` and `$` matches it too; look-arounds
/// are dropped (the crate's own check then keeps what they allow); `\d`, `\w` and `\s` become
/// the ASCII classes ECMAScript means (Rust's are Unicode, and text drawn from them would
/// mostly be refused).
pub fn generation_regex(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars().peekable();
    let mut in_class = false;
    // Depth of open groups, and the depth at which a look-around being dropped opened.
    let mut depth = 0usize;
    let mut dropping: Option<usize> = None;
    while let Some(c) = chars.next() {
        let mut piece = String::new();
        match c {
            '\\' => match chars.next() {
                Some('d') => piece.push_str(if in_class { "0-9" } else { "[0-9]" }),
                Some('w') => piece.push_str(if in_class { "0-9A-Za-z_" } else { "[0-9A-Za-z_]" }),
                Some('s') => piece.push_str(if in_class { " \\t\\n\\x0B\\x0C\\r" } else { "[ \\t\\n\\x0B\\x0C\\r]" }),
                Some('D') if !in_class => piece.push_str("[^0-9]"),
                Some('W') if !in_class => piece.push_str("[^0-9A-Za-z_]"),
                Some('S') if !in_class => piece.push_str("[^ \\t\\n\\x0B\\x0C\\r]"),
                Some(other) => {
                    piece.push('\\');
                    piece.push(other);
                }
                None => piece.push('\\'),
            },
            '[' if !in_class => {
                in_class = true;
                piece.push('[');
                if chars.peek() == Some(&'^') {
                    chars.next();
                    piece.push('^');
                }
                if chars.peek() == Some(&']') {
                    chars.next();
                    piece.push_str("\\]");
                }
            }
            ']' if in_class => {
                in_class = false;
                piece.push(']');
            }
            '^' | '$' if !in_class => {}
            '(' if !in_class => {
                let rest: String = chars.clone().take(3).collect();
                let look = ["?=", "?!", "?<=", "?<!"].iter().find(|prefix| rest.starts_with(**prefix));
                if let (Some(prefix), None) = (look, dropping) {
                    for _ in 0..prefix.len() {
                        chars.next();
                    }
                    dropping = Some(depth);
                } else {
                    piece.push('(');
                }
                depth += 1;
            }
            ')' if !in_class => {
                depth = depth.saturating_sub(1);
                if dropping == Some(depth) {
                    dropping = None;
                    continue;
                }
                piece.push(')');
            }
            other => piece.push(other),
        }
        if dropping.is_none() {
            out.push_str(&piece);
        }
    }
    out
}

/// Bytes: any number in [`Mode::Any`], within `(min, max)` in [`Mode::Valid`].
pub fn blob(mode: Mode, min: Option<u64>, max: Option<u64>) -> BoxedStrategy<Blob> {
    proptest::collection::vec(any::<u8>(), sizes(mode, min, max, TEXT_SPREAD)).prop_map(Blob::new).boxed()
}

/// Bytes, exactly `len` of them.
pub fn blob_of_length(len: usize) -> BoxedStrategy<Blob> {
    proptest::collection::vec(any::<u8>(), len).prop_map(Blob::new).boxed()
}

/// An integer type of the model (`byte` to `long`).
pub trait Int: Copy + Debug + TryFrom<i64> + Into<i64> + 'static {
    /// The type's least value.
    const MIN: Self;
    /// The type's greatest value.
    const MAX: Self;
}

macro_rules! int {
    ($($ty:ty),*) => {
        $(impl Int for $ty {
            const MIN: Self = <$ty>::MIN;
            const MAX: Self = <$ty>::MAX;
        })*
    };
}
int!(i8, i16, i32, i64);

/// An integer: any in [`Mode::Any`], within `(min, max)` in [`Mode::Valid`].
pub fn int<T: Int>(mode: Mode, min: Option<i64>, max: Option<i64>) -> BoxedStrategy<T> {
    let (low, high) = (T::MIN.into(), T::MAX.into());
    let (low, high) = match mode {
        Mode::Any => (low, high),
        Mode::Valid => (min.unwrap_or(low).max(low), max.unwrap_or(high).min(high)),
    };
    (low..=high).prop_filter_map("in the type's range", |value| T::try_from(value).ok()).boxed()
}

/// A float: any but NaN in [`Mode::Any`] (NaN equals nothing, itself included, so it cannot
/// show a round trip; it is written as `"NaN"` like the infinities), within `(min, max)` in
/// [`Mode::Valid`].
pub fn float(mode: Mode, min: Option<f64>, max: Option<f64>) -> BoxedStrategy<f64> {
    match (mode, min, max) {
        (Mode::Any, _, _) | (Mode::Valid, None, None) => (kinds_finite() | proptest::num::f64::INFINITE).boxed(),
        (Mode::Valid, min, max) => (min.unwrap_or(f64::MIN)..=max.unwrap_or(f64::MAX)).boxed(),
    }
}

/// A 32-bit float, as [`float`].
pub fn float32(mode: Mode, min: Option<f64>, max: Option<f64>) -> BoxedStrategy<f32> {
    use proptest::num::f32 as kinds;
    match (mode, min, max) {
        (Mode::Any, _, _) | (Mode::Valid, None, None) => {
            (kinds::POSITIVE | kinds::NEGATIVE | kinds::NORMAL | kinds::SUBNORMAL | kinds::ZERO | kinds::INFINITE)
                .boxed()
        }
        (Mode::Valid, min, max) => {
            // The bounds as the nearest `f32`s inside them.
            let low = min.map_or(f32::MIN, next_f32_at_least);
            let high = max.map_or(f32::MAX, |max| -next_f32_at_least(-max));
            (low..=high).boxed()
        }
    }
}

#[allow(clippy::cast_possible_truncation)]
fn next_f32_at_least(value: f64) -> f32 {
    let near = value as f32;
    if f64::from(near) >= value {
        near
    } else {
        near.next_up()
    }
}

/// A timestamp to the millisecond. In JSON epoch seconds are a float, whose resolution keeps
/// milliseconds exactly for about 136 years either side of 1970 (an `f64` tells apart values
/// 0.5 µs apart up to 2^32 seconds); those are the instants made.
pub fn timestamp() -> BoxedStrategy<Timestamp> {
    const LIMIT: i64 = (1 << 32) * 1000 - 1;
    (-LIMIT..=LIMIT).prop_filter_map("in range", Timestamp::from_millis).boxed()
}

/// A timestamp to the second, all an HTTP date (IMF-fixdate) says, in the years 1 to 9999 that
/// it can write.
pub fn timestamp_seconds() -> BoxedStrategy<Timestamp> {
    const FIRST: i64 = -62_135_596_800;
    const LAST: i64 = 253_402_300_799;
    (FIRST..=LAST).prop_filter_map("in range", Timestamp::from_secs).boxed()
}

/// A document: JSON of any shape, `depth` levels deep at most. Numbers are integers and
/// floats that are whole (JSON does not tell `1.0` from `1`).
pub fn document(depth: u32) -> BoxedStrategy<serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        (kinds_finite()).prop_map(serde_json::Value::from),
        text_of_length_up_to(TEXT_SPREAD).prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(depth, 32, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            proptest::collection::btree_map(text_of_length_up_to(TEXT_SPREAD), inner, 0..4)
                .prop_map(|members| serde_json::Value::Object(members.into_iter().collect())),
        ]
    })
    .boxed()
}

/// Every kind of `f64` but the infinities and NaN.
fn kinds_finite() -> proptest::num::f64::Any {
    use proptest::num::f64 as kinds;
    kinds::POSITIVE | kinds::NEGATIVE | kinds::NORMAL | kinds::SUBNORMAL | kinds::ZERO
}

fn text_of_length_up_to(max: usize) -> impl Strategy<Value = String> {
    chars(0..=max)
}

/// An enum's value, most likely one the model does not list (lowercase text ending in a digit),
/// turned into the enum by `From<&str>`, which gives a listed value its variant.
pub fn unknown<T: Debug + for<'a> From<&'a str> + 'static>() -> BoxedStrategy<T> {
    "[a-z]{1,6}[0-9]".prop_map(|text| T::from(text.as_str())).boxed()
}

#[cfg(test)]
mod tests {
    use super::generation_regex;

    #[test]
    fn generation_regexes_drop_assertions_and_mean_ascii_classes() {
        assert_eq!(generation_regex("^[a-z]+$"), "[a-z]+");
        assert_eq!(generation_regex("^(?!aws:)[a-zA-Z+-=._:/]+$"), "[a-zA-Z+-=._:/]+");
        assert_eq!(generation_regex(r"^\w+:[\w-]*\$$"), r"[0-9A-Za-z_]+:[0-9A-Za-z_-]*\$");
        assert_eq!(generation_regex(r"[^$]\d(?=(a))b"), r"[^$][0-9]b");
        assert_eq!(generation_regex(r"^(\$LATEST)|[0-9]*$"), r"(\$LATEST)|[0-9]*");
        assert_eq!(generation_regex(r"[]a]"), r"[\]a]");
    }
}
