//! Values for required members that a response left out (Smithy's client
//! error correction): the response still parses, and nothing else in it is
//! lost.
//!
//! Generated structures read a required member `m` as
//! `m.unwrap_or_else(fallback::value)`; the types of the model implement
//! [`Fallback`] with their zero value (an empty string, `0`, an empty list,
//! a structure whose own members are at their fallbacks, a union's or enum's
//! unknown variant).

use std::collections::HashMap;

use crate::primitives::{Blob, Timestamp};

/// The value a required member gets when a response leaves it out.
pub trait Fallback {
    /// The value: the type's zero value.
    fn fallback() -> Self;
}

/// The fallback of `T`, as a function (for `unwrap_or_else`).
pub fn value<T: Fallback>() -> T {
    T::fallback()
}

macro_rules! zero {
    ($($ty:ty => $zero:expr),* $(,)?) => {
        $(
            impl Fallback for $ty {
                fn fallback() -> Self {
                    $zero
                }
            }
        )*
    };
}

zero! {
    String => String::new(),
    bool => false,
    i8 => 0,
    i16 => 0,
    i32 => 0,
    i64 => 0,
    f32 => 0.0,
    f64 => 0.0,
    Blob => Blob::default(),
    Timestamp => Timestamp::UNIX_EPOCH,
    serde_json::Value => serde_json::Value::Null,
}

impl<T> Fallback for Vec<T> {
    fn fallback() -> Self {
        Vec::new()
    }
}

impl<K, V, S: Default> Fallback for HashMap<K, V, S> {
    fn fallback() -> Self {
        HashMap::default()
    }
}

impl<T: Fallback> Fallback for Box<T> {
    fn fallback() -> Self {
        Box::new(T::fallback())
    }
}

impl<T> Fallback for Option<T> {
    fn fallback() -> Self {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallbacks_are_zero_values() {
        assert_eq!(value::<String>(), "");
        assert_eq!(value::<i64>(), 0);
        assert_eq!(value::<f64>(), 0.0);
        assert!(!value::<bool>());
        assert_eq!(value::<Vec<u8>>(), Vec::<u8>::new());
        assert_eq!(value::<HashMap<String, i32>>(), HashMap::new());
        assert_eq!(value::<Box<i32>>(), Box::new(0));
        assert_eq!(value::<Blob>(), Blob::default());
        assert_eq!(value::<Timestamp>(), Timestamp::UNIX_EPOCH);
        assert_eq!(value::<serde_json::Value>(), serde_json::Value::Null);
        assert_eq!(value::<Option<i32>>(), None);
    }
}
