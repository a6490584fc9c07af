//! [`EventReceiver`]: an output's event stream, message by message, as the operation's events
//! and errors.

use std::fmt;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use super::{text_header, FrameReader, HeaderValue, Message};
use crate::error::{SdkError, Unhandled};
use crate::invoke::{Operation, StreamOrigin, Streamed};
use crate::primitives::{Blob, Timestamp};

/// An event union of a generated crate: how a message of each `:event-type` is read.
pub trait Event: Sized {
    /// The event of type `event_type` that `message` holds; a type the model does not know is
    /// the union's `Unknown`. An error says what is wrong with the message.
    fn read(event_type: &str, message: &Message) -> Result<Self, String>;
}

/// The events of an output's stream, in the order they come: call [`recv`](Self::recv) until it
/// gives `Ok(None)`, or read it as a `futures_core::Stream` of `Result`s (with `StreamExt` of
/// `futures-util` or `tokio-stream`), which ends where `recv` gives `Ok(None)`.
///
/// A modeled exception the service sends in the stream is the operation's error
/// (`SdkError::Service`, its variant); an `error` message is `Unhandled` with the code and
/// message the service gave; a corrupt or truncated frame is `SdkError::Response`, and a failed
/// connection `SdkError::Transport`. Each of these ends the stream. An event that does not read
/// as its type is an `SdkError::Response` too, but the events after it can still be read.
///
/// `EventReceiver::default()` has no events: what a test building an output by hand can use.
pub struct EventReceiver<T, E> {
    open: Option<Open<E>>,
    event: PhantomData<fn() -> T>,
}

/// A stream not yet ended.
struct Open<E> {
    frames: FrameReader,
    origin: StreamOrigin,
    read_error: ReadError<E>,
}

/// How an operation reads its modeled errors: `Operation::deserialize_error` for a body alone.
type ReadError<E> = fn(&str, &[u8], Option<String>) -> Option<Result<E, serde_json::Error>>;

fn read_error<O: Operation>(
    code: &str,
    body: &[u8],
    request_id: Option<String>,
) -> Option<Result<O::Error, serde_json::Error>> {
    // An exception message has no HTTP headers of its own: members bound to them stay unset.
    O::deserialize_error(code, &http::Response::new(Vec::new()), body, request_id)
}

impl<T, E> Default for EventReceiver<T, E> {
    fn default() -> Self {
        Self { open: None, event: PhantomData }
    }
}

impl<T, E> fmt::Debug for EventReceiver<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventReceiver").field("ended", &self.open.is_none()).finish_non_exhaustive()
    }
}

impl<T: Event, E: From<Unhandled>> EventReceiver<T, E> {
    /// The events of `streamed`, the body of a response to operation `O`.
    pub fn new<O: Operation<Error = E>>(streamed: Streamed) -> Self {
        let (frames, origin) = streamed.into_frames();
        Self { open: Some(Open { frames, origin, read_error: read_error::<O> }), event: PhantomData }
    }

    /// The next event; `Ok(None)` once the stream has ended.
    pub async fn recv(&mut self) -> Result<Option<T>, SdkError<E>> {
        std::future::poll_fn(|cx| self.poll_recv(cx)).await
    }

    /// [`recv`](Self::recv) as a poll.
    fn poll_recv(&mut self, cx: &mut Context<'_>) -> Poll<Result<Option<T>, SdkError<E>>> {
        let Some(open) = &mut self.open else { return Poll::Ready(Ok(None)) };
        let message = match open.frames.poll_next(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(Ok(Some(message))) => message,
            Poll::Ready(Ok(None)) => {
                self.open = None;
                return Poll::Ready(Ok(None));
            }
            Poll::Ready(Err(err)) => {
                let StreamOrigin { operation, status, request_id } = open.origin.clone();
                self.open = None;
                return Poll::Ready(Err(err.into_sdk_error(operation, status, request_id)));
            }
        };
        Poll::Ready(self.read(message))
    }

    /// What one message of the stream says.
    fn read(&mut self, message: Message) -> Result<Option<T>, SdkError<E>> {
        let Some(open) = &self.open else { return Ok(None) };
        let origin = &open.origin;
        let invalid = |message: String| SdkError::Response {
            operation: origin.operation,
            status: origin.status,
            request_id: origin.request_id.clone(),
            message,
        };
        let service = |error: E| SdkError::Service {
            operation: origin.operation,
            status: origin.status,
            request_id: origin.request_id.clone(),
            error,
        };
        match text_header(&message, ":message-type") {
            Some("event") => {
                let Some(event_type) = text_header(&message, ":event-type") else {
                    return Err(invalid("an event message has no `:event-type` header".to_owned()));
                };
                T::read(event_type, &message)
                    .map(Some)
                    .map_err(|err| invalid(format!("the `{event_type}` event is not valid: {err}")))
            }
            Some("exception") => {
                let code = text_header(&message, ":exception-type");
                let body = message.payload();
                let modeled = code
                    .and_then(|code| {
                        (open.read_error)(code, payload_or_empty_object(&message), origin.request_id.clone())
                    })
                    .and_then(Result::ok);
                let error = modeled.unwrap_or_else(|| {
                    let text = serde_json::from_slice::<serde_json::Value>(body).ok();
                    let said = text.as_ref().and_then(|value| {
                        ["message", "Message"].iter().find_map(|name| value.get(*name)?.as_str().map(str::to_owned))
                    });
                    let unhandled = Unhandled::new(code.map(str::to_owned), said).with_status(origin.status);
                    E::from(unhandled.with_body(body.to_vec()).with_request_id(origin.request_id.clone()))
                });
                let error = service(error);
                self.open = None;
                Err(error)
            }
            Some("error") => {
                let code = text_header(&message, ":error-code").map(str::to_owned);
                let said = text_header(&message, ":error-message").map(str::to_owned);
                let unhandled = Unhandled::new(code, said).with_status(origin.status);
                let error = service(E::from(unhandled.with_request_id(origin.request_id.clone())));
                self.open = None;
                Err(error)
            }
            Some(other) => Err(invalid(format!("a message has the unknown `:message-type` `{other}`"))),
            None => Err(invalid("a message has no `:message-type` header".to_owned())),
        }
    }
}

/// The events as a stream: `Some(Ok(event))` for each, `Some(Err(..))` for what `recv` gives as
/// an error (after which the stream ends, but for an event that does not read as its type), and
/// `None` at the end.
impl<T: Event, E: From<Unhandled>> Stream for EventReceiver<T, E> {
    type Item = Result<T, SdkError<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_recv(cx).map(Result::transpose)
    }
}

/// The message's payload as an event's JSON members: `{}` when it is empty.
pub fn payload_or_empty_object(message: &Message) -> &[u8] {
    let payload = message.payload();
    if payload.is_empty() {
        b"{}"
    } else {
        payload
    }
}

/// A value an `@eventHeader` member can hold, and the header type that carries it.
pub trait FromHeader: Sized {
    /// The value, if `value` is of the header type for it.
    fn from_header(value: &HeaderValue) -> Option<Self>;
}

impl FromHeader for bool {
    fn from_header(value: &HeaderValue) -> Option<Self> {
        value.as_bool().ok()
    }
}

impl FromHeader for i8 {
    fn from_header(value: &HeaderValue) -> Option<Self> {
        value.as_byte().ok()
    }
}

impl FromHeader for i16 {
    fn from_header(value: &HeaderValue) -> Option<Self> {
        value.as_int16().ok()
    }
}

impl FromHeader for i32 {
    fn from_header(value: &HeaderValue) -> Option<Self> {
        value.as_int32().ok()
    }
}

impl FromHeader for i64 {
    fn from_header(value: &HeaderValue) -> Option<Self> {
        value.as_int64().ok()
    }
}

impl FromHeader for String {
    fn from_header(value: &HeaderValue) -> Option<Self> {
        value.as_string().ok().map(|text| text.as_str().to_owned())
    }
}

impl FromHeader for Blob {
    fn from_header(value: &HeaderValue) -> Option<Self> {
        value.as_byte_array().ok().map(|bytes| Blob::new(bytes.to_vec()))
    }
}

impl FromHeader for Timestamp {
    fn from_header(value: &HeaderValue) -> Option<Self> {
        let instant = value.as_timestamp().ok()?;
        Timestamp::from_millis(instant.to_millis().ok()?)
    }
}

/// The `@eventHeader` member `name` of an event: `None` when the message has no such header, an
/// error when it has one of another type.
pub fn header<V: FromHeader>(message: &Message, name: &str) -> Result<Option<V>, String> {
    let Some(header) = message.headers().iter().find(|header| header.name().as_str() == name) else {
        return Ok(None);
    };
    V::from_header(header.value())
        .map(Some)
        .ok_or_else(|| format!("the header `{name}` is not of the type its member has"))
}

#[cfg(test)]
mod tests;
