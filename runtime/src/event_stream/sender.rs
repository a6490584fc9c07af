//! [`EventStreamSender`]: an input's event stream, any stream of events, sent as frames that are
//! each signed after the one before ([`MessageSigner`]), then a signed empty frame.

use std::fmt;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::SystemTime;

use bytes::Bytes;
use futures_core::Stream;

use super::{Header, HeaderValue, Message, MessageSigner};
use crate::primitives::ByteStream;

/// An input event union of a generated crate: each event as the message that carries it.
pub trait Marshall {
    /// The message of this event: `:message-type`, `:event-type` and `:content-type` headers,
    /// the `@eventHeader` members as headers, and the payload.
    fn message(&self) -> Result<Message, String>;
}

/// The events of an input's stream: any `futures_core::Stream` of them, sent as they come,
/// until it ends. `EventStreamSender::default()` sends none.
pub struct EventStreamSender<T> {
    events: Option<Pin<Box<dyn Stream<Item = T> + Send>>>,
}

impl<T> EventStreamSender<T> {
    /// The events of `events`.
    pub fn from_stream(events: impl Stream<Item = T> + Send + 'static) -> Self {
        Self { events: Some(Box::pin(events)) }
    }
}

impl<T, S: Stream<Item = T> + Send + 'static> From<S> for EventStreamSender<T> {
    fn from(events: S) -> Self {
        Self::from_stream(events)
    }
}

impl<T> Default for EventStreamSender<T> {
    fn default() -> Self {
        Self { events: None }
    }
}

impl<T> fmt::Debug for EventStreamSender<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStreamSender").finish_non_exhaustive()
    }
}

impl<T: Marshall + 'static> EventStreamSender<T> {
    /// The events as messages, for the request (`invoke::RequestStream::events`).
    pub fn into_messages(self) -> EventMessages {
        EventMessages(self.events.map(|events| std::sync::Mutex::new(Box::pin(Messages(events)) as MessageStream)))
    }
}

/// [`EventStreamSender::into_messages`].
struct Messages<T>(Pin<Box<dyn Stream<Item = T> + Send>>);

impl<T: Marshall> Stream for Messages<T> {
    type Item = Result<Message, String>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.as_mut().poll_next(cx).map(|next| next.map(|event| event.message()))
    }
}

/// Events as messages, or why one could not be written.
type MessageStream = Pin<Box<dyn Stream<Item = Result<Message, String>> + Send>>;

/// An input's events as messages, whatever their type: what the runtime signs and frames. The
/// lock makes it `Sync` whatever the events' stream is (a call's future must be, for
/// paginators); it is only ever taken through `&mut`, so never contended.
pub struct EventMessages(Option<std::sync::Mutex<MessageStream>>);

impl fmt::Debug for EventMessages {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EventMessages")
    }
}

/// The clock frames are signed by.
pub(crate) type Clock = Option<Arc<dyn Fn() -> SystemTime + Send + Sync>>;

impl EventMessages {
    /// The request body: each message framed, inside a signed message when `signer` is given,
    /// and then a signed empty message.
    pub(crate) fn into_body(self, signer: Option<(MessageSigner, Clock)>) -> ByteStream {
        let messages = self.0.map(|messages| messages.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner));
        ByteStream::from_stream(Frames { messages, signer, ended: false })
    }
}

/// [`EventMessages::into_body`].
struct Frames {
    messages: Option<MessageStream>,
    signer: Option<(MessageSigner, Clock)>,
    ended: bool,
}

impl Stream for Frames {
    type Item = Result<Bytes, Box<dyn std::error::Error + Send + Sync>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.ended {
            return Poll::Ready(None);
        }
        let next = match &mut this.messages {
            Some(messages) => match messages.as_mut().poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(next) => next,
            },
            None => None,
        };
        let message = match next {
            Some(Ok(message)) => Some(message),
            Some(Err(err)) => {
                this.ended = true;
                return Poll::Ready(Some(Err(format!("an event could not be written: {err}").into())));
            }
            None => {
                this.ended = true;
                this.messages = None;
                None
            }
        };
        let framed = match (&mut this.signer, message) {
            (None, Some(message)) => message,
            // Unsigned, the stream just ends.
            (None, None) => return Poll::Ready(None),
            (Some((signer, clock)), message) => {
                let now = clock.as_ref().map_or_else(SystemTime::now, |now| now());
                let signed = match &message {
                    Some(message) => signer.sign(message, now),
                    None => signer.sign_end(now),
                };
                match signed {
                    Ok(signed) => signed,
                    Err(err) => {
                        this.ended = true;
                        return Poll::Ready(Some(Err(format!("an event could not be signed: {err}").into())));
                    }
                }
            }
        };
        let mut bytes = Vec::new();
        Poll::Ready(Some(match aws_smithy_eventstream::frame::write_message_to(&framed, &mut bytes) {
            Ok(()) => Ok(Bytes::from(bytes)),
            Err(err) => {
                this.ended = true;
                Err(format!("an event could not be framed: {err}").into())
            }
        }))
    }
}

/// The message of an event of type `event_type`: the headers every event has, then `headers`
/// (its `@eventHeader` members), and `payload`.
pub fn event_message(
    event_type: &'static str,
    content_type: Option<&'static str>,
    payload: Vec<u8>,
    headers: Vec<Header>,
) -> Message {
    let text = |value: &'static str| HeaderValue::String(value.into());
    let mut all = vec![Header::new(":message-type", text("event")), Header::new(":event-type", text(event_type))];
    if let Some(content_type) = content_type {
        all.push(Header::new(":content-type", text(content_type)));
    }
    all.extend(headers);
    Message::new_from_parts(all, payload)
}

/// A value an `@eventHeader` member can hold, as the header value that carries it.
pub trait ToHeader {
    /// The header value.
    fn to_header_value(&self) -> HeaderValue;
}

/// The `@eventHeader` member `name` of an event, with its value.
pub fn to_header(name: &'static str, value: &impl ToHeader) -> Header {
    Header::new(name, value.to_header_value())
}

impl ToHeader for bool {
    fn to_header_value(&self) -> HeaderValue {
        HeaderValue::Bool(*self)
    }
}

impl ToHeader for i8 {
    fn to_header_value(&self) -> HeaderValue {
        HeaderValue::Byte(*self)
    }
}

impl ToHeader for i16 {
    fn to_header_value(&self) -> HeaderValue {
        HeaderValue::Int16(*self)
    }
}

impl ToHeader for i32 {
    fn to_header_value(&self) -> HeaderValue {
        HeaderValue::Int32(*self)
    }
}

impl ToHeader for i64 {
    fn to_header_value(&self) -> HeaderValue {
        HeaderValue::Int64(*self)
    }
}

impl ToHeader for String {
    fn to_header_value(&self) -> HeaderValue {
        HeaderValue::String(self.clone().into())
    }
}

impl ToHeader for crate::primitives::Blob {
    fn to_header_value(&self) -> HeaderValue {
        HeaderValue::ByteArray(Bytes::copy_from_slice(self.as_ref()))
    }
}

impl ToHeader for crate::primitives::Timestamp {
    fn to_header_value(&self) -> HeaderValue {
        HeaderValue::Timestamp(aws_smithy_types::DateTime::from_millis(self.to_millis()))
    }
}
