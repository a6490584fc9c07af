//! The [`UnknownValue`] type: an enum value the service sent that this
//! version of the crate does not know, and the deserializer every enum uses.

use std::fmt;
use std::marker::PhantomData;

/// The payload of every enum's `Unknown` variant: a value the service sent
/// that this version of the crate does not know, kept exactly as received.
///
/// Services add enum values over time, so an older crate must accept values
/// it has never heard of rather than fail. Such a value lands in the enum's
/// `Unknown(UnknownValue)` variant; [`as_str`](Self::as_str) and
/// [`Display`](fmt::Display) give back the raw string, and serializing the
/// enum sends it back unchanged.
///
/// # Why it is opaque
///
/// `UnknownValue` is not meant to be constructed by hand. If it were, a
/// user could build `Unknown("KNOWN_VALUE")` for a value that does have its
/// own variant, and two enum values that mean the same thing would compare
/// unequal and match different arms. The way in is through the enum's
/// `From<&str>` conversion, which picks the known variant whenever there is
/// one (its constructor is hidden from the documentation, for the generated
/// enums alone).
///
/// Code that must handle values newer than this crate should match the
/// `Unknown` variant (or use a wildcard arm) and compare
/// [`as_str`](Self::as_str) rather than build one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnknownValue(String);

impl UnknownValue {
    /// Wraps a raw value that matched none of an enum's known values.
    ///
    /// Only the generated enums' `From<&str>` conversions call this, after
    /// checking the value against every known variant.
    #[doc(hidden)]
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The raw value, exactly as the service sent it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownValue {
    /// Writes the raw value, exactly as the service sent it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

/// Deserializes an enum from a JSON string through its `From<&str>`.
///
/// A visitor that reads the string in place, so known values, the common
/// case, are matched without allocating; only an unknown value is copied.
pub fn deserialize_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    deserializer.deserialize_str(EnumVisitor(PhantomData))
}

/// The visitor of [`deserialize_enum`].
struct EnumVisitor<T>(PhantomData<T>);

impl<T> serde::de::Visitor<'_> for EnumVisitor<T>
where
    T: for<'a> From<&'a str>,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an enum value as a string")
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
        Ok(T::from(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_raw_value() {
        let value = UnknownValue::new("NEW_STATUS");
        assert_eq!(value.as_str(), "NEW_STATUS");
        assert_eq!(value.to_string(), "NEW_STATUS");
        assert_eq!(format!("{value:?}"), r#"UnknownValue("NEW_STATUS")"#);
        assert_eq!(UnknownValue::new(String::from("")).as_str(), "");
    }

    #[test]
    fn compares_by_value() {
        assert_eq!(UnknownValue::new("a"), UnknownValue::new(String::from("a")));
        assert_ne!(UnknownValue::new("a"), UnknownValue::new("A"));
        assert!(UnknownValue::new("a") < UnknownValue::new("b"));
        let mut set = std::collections::HashSet::new();
        set.insert(UnknownValue::new("a"));
        assert!(set.contains(&UnknownValue::new("a")));
    }

    #[derive(Debug, PartialEq)]
    enum Color {
        Red,
        Other(UnknownValue),
    }

    impl From<&str> for Color {
        fn from(value: &str) -> Self {
            match value {
                "red" => Color::Red,
                other => Color::Other(UnknownValue::new(other)),
            }
        }
    }

    #[test]
    fn deserializes_known_unknown_and_escaped_values() {
        let parse = |json: &str| deserialize_enum::<_, Color>(&mut serde_json::Deserializer::from_str(json));
        assert_eq!(parse(r#""red""#).ok(), Some(Color::Red));
        assert_eq!(parse(r#""r\u0065d""#).ok(), Some(Color::Red));
        assert_eq!(parse(r#""blue""#).ok(), Some(Color::Other(UnknownValue::new("blue"))));
        let error = parse("3").err().map(|error| error.to_string()).unwrap_or_default();
        assert!(error.contains("expected an enum value as a string"), "{error}");
    }
}
