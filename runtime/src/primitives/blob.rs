//! The [`Blob`] type: bytes, base64 in JSON.

use std::fmt;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// Binary data. In a JSON body it travels as standard base64 with padding;
/// as an HTTP payload it is the raw body.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Blob(Vec<u8>);

impl Blob {
    /// Wraps bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self(bytes.into())
    }

    /// The bytes.
    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }

    /// How many bytes there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no bytes.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The bytes as standard base64 with padding.
    pub fn to_base64(&self) -> String {
        aws_smithy_types::base64::encode(&self.0)
    }

    /// Decodes standard base64 (padding optional).
    pub fn from_base64(text: &str) -> Result<Self, aws_smithy_types::base64::DecodeError> {
        // The decoder wants the padding; some services leave it out.
        let unpadded = text.trim_end_matches('=');
        let mut padded = String::with_capacity(unpadded.len() + 3);
        padded.push_str(unpadded);
        while !padded.len().is_multiple_of(4) {
            padded.push('=');
        }
        aws_smithy_types::base64::decode(&padded).map(Self)
    }
}

impl AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}

impl From<&[u8]> for Blob {
    fn from(bytes: &[u8]) -> Self {
        Self(bytes.to_vec())
    }
}

impl From<&str> for Blob {
    fn from(text: &str) -> Self {
        Self(text.as_bytes().to_vec())
    }
}

/// Shows the size, not the bytes, which may be large or secret.
impl fmt::Debug for Blob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Blob({} bytes)", self.0.len())
    }
}

impl Serialize for Blob {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_base64())
    }
}

impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Self::from_base64(&text).map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_base64() {
        let blob = Blob::from("hello");
        assert_eq!(blob.to_base64(), "aGVsbG8=");
        assert_eq!(Blob::from_base64("aGVsbG8=").ok(), Some(blob.clone()));
        assert_eq!(Blob::from_base64("aGVsbG8").ok(), Some(blob.clone()));
        assert!(Blob::from_base64("%%%").is_err());
        // Padding is optional, but the length must be one base64 can have.
        assert_eq!(Blob::from_base64("aGVsbA").ok(), Some(Blob::from("hell")));
        assert_eq!(Blob::from_base64("aGVsbA==").ok(), Some(Blob::from("hell")));
        assert!(Blob::from_base64("aGVsb").is_err());
        assert_eq!(Blob::from_base64("").ok(), Some(Blob::default()));
        assert_eq!(format!("{blob:?}"), "Blob(5 bytes)");
        let json = serde_json::to_string(&blob).unwrap_or_default();
        assert_eq!(json, "\"aGVsbG8=\"");
        assert_eq!(serde_json::from_str::<Blob>(&json).ok(), Some(blob));
    }
}
