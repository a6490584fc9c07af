//! The [`UnknownValue`] type: an enum value the service sent that this
//! version of the crate does not know.

use std::fmt;

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
/// `UnknownValue` cannot be constructed outside this crate. If it could, a
/// user could build `Unknown("KNOWN_VALUE")` for a value that does have its
/// own variant, and two enum values that mean the same thing would compare
/// unequal and match different arms. The only way in is through the enum's
/// `From<&str>` conversion, which picks the known variant whenever there is
/// one.
///
/// Code that must handle values newer than this crate should match the
/// `Unknown` variant (or use a wildcard arm) and compare
/// [`as_str`](Self::as_str) rather than build one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnknownValue(String);

impl UnknownValue {
    /// Wraps a raw value that matched none of an enum's known values.
    ///
    /// Only the enums' `From<&str>` conversions call this, after checking
    /// the value against every known variant.
    pub(crate) fn new(value: impl Into<String>) -> Self {
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
}
