//! Event streams (`@streaming` unions): the `application/vnd.amazon.eventstream` messages an
//! output's events arrive in, and the receiver that turns them into the operation's events and
//! errors; and the sender of an input's events, each message signed after the one before.
//!
//! Frames are encoded and decoded by `aws-smithy-eventstream`, AWS's own implementation, which
//! checks both checksums of a whole frame; [`FrameReader`] adds what a reader of a network
//! stream needs before that: the prelude's checksum is checked before its length is trusted, a
//! frame may not exceed [`MAX_FRAME_LEN`], and a body that ends inside a frame is an error.

mod frame;
mod receiver;
mod sender;
mod signer;

pub use aws_smithy_types::event_stream::{Header, HeaderValue, Message};
pub use frame::{FrameError, FrameReader, MAX_FRAME_LEN};
pub use receiver::{header, payload_or_empty_object, Event, EventReceiver, FromHeader};
pub use sender::{event_message, to_header, EventMessages, EventStreamSender, Marshall, ToHeader};
pub use signer::MessageSigner;

/// The value of the string header `name`.
fn text_header<'m>(message: &'m Message, name: &str) -> Option<&'m str> {
    let header = message.headers().iter().find(|header| header.name().as_str() == name)?;
    header.value().as_string().ok().map(|value| value.as_str())
}
