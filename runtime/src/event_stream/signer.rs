//! [`MessageSigner`]: SigV4's chained signing of the messages of an input event stream.
//!
//! Each message goes inside a signed one: its payload is the whole encoded message, and its
//! headers are `:date` and `:chunk-signature`, a signature over the previous one (the request's
//! own for the first message), the date and the payload. An empty signed message ends the
//! stream. The signing itself is `aws-sigv4`'s (`sign-eventstream`); the chain is ours to keep.

use std::time::SystemTime;

use aws_sigv4::event_stream::{sign_empty_message, sign_message};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;

use super::Message;

/// Signs the messages of one event stream, each after the one before.
#[derive(Debug)]
pub struct MessageSigner {
    identity: Identity,
    region: String,
    name: String,
    /// The signature the next message's is chained to, in hex.
    last: String,
}

/// Why a message could not be signed.
pub type SigningError = Box<dyn std::error::Error + Send + Sync>;

impl MessageSigner {
    /// A signer for the messages of a request signed with `seed` (its signature, in hex), for
    /// `identity`, in `region`, by the service's signing `name`.
    pub fn new(
        identity: Identity,
        region: impl Into<String>,
        name: impl Into<String>,
        seed: impl Into<String>,
    ) -> Self {
        Self { identity, region: region.into(), name: name.into(), last: seed.into() }
    }

    /// `message`, inside a message signed at `time` (to the second).
    pub fn sign(&mut self, message: &Message, time: SystemTime) -> Result<Message, SigningError> {
        let params = self.params(time)?;
        let (signed, signature) = sign_message(message, &self.last, &params)?.into_parts();
        self.last = signature;
        Ok(signed)
    }

    /// The signed empty message that ends the stream.
    pub fn sign_end(&mut self, time: SystemTime) -> Result<Message, SigningError> {
        let params = self.params(time)?;
        let (signed, signature) = sign_empty_message(&self.last, &params)?.into_parts();
        self.last = signature;
        Ok(signed)
    }

    /// The signature of the last message signed, in hex (the seed before any).
    pub fn last_signature(&self) -> &str {
        &self.last
    }

    fn params(&self, time: SystemTime) -> Result<v4::SigningParams<'_, ()>, SigningError> {
        Ok(v4::SigningParams::builder()
            .identity(&self.identity)
            .region(&self.region)
            .name(&self.name)
            .time(time)
            .settings(())
            .build()?)
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use aws_smithy_types::event_stream::{Header, HeaderValue};

    use super::*;

    /// The case of aws-sigv4's own test of its string to sign (credentials `ANOTREAL`, 1973,
    /// us-east-1, `testservice`, the seed being the SHA-256 of "last message sts"). The two
    /// signatures were computed apart from aws-sigv4, from the published algorithm, before this
    /// signer was written; the two computations agree.
    #[test]
    fn the_chain_matches_signatures_computed_apart() {
        let identity = Identity::from(aws_credential_types::Credentials::new(
            "ANOTREAL",
            "notrealrnrELgWzOk3IfjzDKtFBhDby",
            None,
            None,
            "test",
        ));
        let seed = "be1f8c7d79ef8e1abc5254a2c70e4da3bfaf4f07328f527444e1fc6ea67273e2";
        let mut signer = MessageSigner::new(identity, "us-east-1", "testservice", seed);
        let time = UNIX_EPOCH + Duration::new(123_456_789, 1234);
        let message = Message::new(&b"test payload"[..])
            .add_header(Header::new("some-header", HeaderValue::String("value".into())));
        let signed = signer.sign(&message, time).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(signer.last_signature(), "08fed460df836999e1c4137962a3d6ad66a9e8c1bf8e8888e3cbeee26bbf774d");
        let header = |message: &Message, name: &str| {
            message.headers().iter().find(|header| header.name().as_str() == name).map(|header| header.value().clone())
        };
        let Some(HeaderValue::ByteArray(chunk)) = header(&signed, ":chunk-signature") else {
            panic!("a :chunk-signature header")
        };
        let hex: String = chunk.iter().map(|byte| format!("{byte:02x}")).collect();
        assert_eq!(hex, signer.last_signature());
        assert!(matches!(header(&signed, ":date"), Some(HeaderValue::Timestamp(date)) if date.secs() == 123_456_789));
        let mut inner = Vec::new();
        aws_smithy_eventstream::frame::write_message_to(&message, &mut inner).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(signed.payload().as_ref(), inner.as_slice(), "the payload is the whole message");

        let end = signer.sign_end(time).unwrap_or_else(|err| panic!("{err}"));
        assert!(end.payload().is_empty());
        assert_eq!(signer.last_signature(), "dbe0525115366ab86e102862106d03e6662e7696abe6d172a0daf49e3c472615");
    }
}
