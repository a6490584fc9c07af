//! The receiver as a generated crate uses it: an operation whose output holds an event stream,
//! called through `Handle::invoke_streaming` over a transport that answers with the given frames
//! (so `EventReceiver::new` gets the `Streamed` the runtime builds, `initial-response` read).

use std::sync::{Arc, Mutex, PoisonError};

use aws_smithy_types::event_stream::Header;
use aws_smithy_types::DateTime;
use bytes::Bytes;

use super::*;
use crate::http::{
    HttpClient, Request, Response, ResponseFuture, StreamResponseFuture, TransportError, TransportErrorKind,
};
use crate::invoke::{Handle, HttpRequest, Signing, StreamingOperation};
use crate::primitives::ByteStream;
use crate::Config;

/// The events of the test operation's stream.
#[derive(Debug, PartialEq)]
enum Feed {
    Tick { n: i64, seq: Option<i32> },
    Unknown(String),
}

impl Event for Feed {
    fn read(event_type: &str, message: &Message) -> Result<Self, String> {
        #[derive(serde::Deserialize)]
        struct Tick {
            n: i64,
        }
        match event_type {
            "Tick" => {
                let tick: Tick =
                    serde_json::from_slice(payload_or_empty_object(message)).map_err(|err| err.to_string())?;
                Ok(Feed::Tick { n: tick.n, seq: header(message, "seq")? })
            }
            other => Ok(Feed::Unknown(other.to_owned())),
        }
    }
}

/// The operation's one modeled error.
#[derive(Debug, PartialEq, serde::Deserialize)]
struct Throttled {
    message: Option<String>,
}

#[derive(Debug)]
enum WatchError {
    Throttled(Throttled),
    Unhandled(Unhandled),
}

impl From<Unhandled> for WatchError {
    fn from(unhandled: Unhandled) -> Self {
        WatchError::Unhandled(unhandled)
    }
}

/// An awsJson-like operation: its output's other members come in an `initial-response`.
struct Watch;

#[derive(Debug)]
struct WatchOutput {
    session: Option<String>,
    events: EventReceiver<Feed, WatchError>,
}

impl Operation for Watch {
    const NAME: &'static str = "Watch";
    const SIGNING: Signing = Signing::Anonymous;
    type Output = WatchOutput;
    type Error = WatchError;

    fn deserialize_output(_: &Response, body: &[u8], _: Option<String>) -> Result<WatchOutput, String> {
        #[derive(serde::Deserialize)]
        struct Initial {
            session: Option<String>,
        }
        let initial: Initial = serde_json::from_slice(body).map_err(|err| err.to_string())?;
        Ok(WatchOutput { session: initial.session, events: EventReceiver::default() })
    }

    fn deserialize_error(
        code: &str,
        _: &Response,
        body: &[u8],
        _: Option<String>,
    ) -> Option<Result<WatchError, serde_json::Error>> {
        (code == "ThrottledException").then(|| serde_json::from_slice(body).map(WatchError::Throttled))
    }
}

impl StreamingOperation for Watch {
    const INITIAL_RESPONSE: bool = true;

    fn attach(output: &mut WatchOutput, streamed: Streamed) {
        output.events = EventReceiver::new::<Watch>(streamed);
    }
}

/// Answers the one request with `200`, a request ID, and a body of these chunks (a failure of
/// the connection where a chunk is `Err`).
#[derive(Debug)]
struct Frames(Mutex<Vec<Result<Vec<u8>, TransportErrorKind>>>);

impl HttpClient for Frames {
    fn send(&self, _: Request) -> ResponseFuture<'_> {
        panic!("an operation with an event stream reads its response as it arrives")
    }

    fn send_streaming(&self, _: crate::http::StreamRequest) -> StreamResponseFuture<'_> {
        let parts = std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner));
        let parts: Vec<_> = parts
            .into_iter()
            .map(|part| part.map(Bytes::from).map_err(|kind| TransportError::new(kind, "connection reset")))
            .collect();
        let body = ByteStream::from_stream(Chunks(parts.into_iter()));
        let response = http::Response::builder().status(200).header("x-amzn-requestid", "req-1").body(body);
        Box::pin(async move { Ok(response.unwrap_or_else(|err| panic!("{err}"))) })
    }
}

/// The chunks of a body, as `futures_core::Stream`.
struct Chunks(std::vec::IntoIter<Result<Bytes, TransportError>>);

impl futures_core::Stream for Chunks {
    type Item = Result<Bytes, TransportError>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        std::task::Poll::Ready(self.0.next())
    }
}

/// Calls `Watch` against a service that answers with `parts`.
async fn watch(parts: Vec<Result<Vec<u8>, TransportErrorKind>>) -> Result<WatchOutput, SdkError<WatchError>> {
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url("https://example.com")
        .max_attempts(1)
        .http_client(Arc::new(Frames(Mutex::new(parts))))
        .build();
    let handle = Handle::new(config, &crate::invoke::tests::SERVICE);
    let request = HttpRequest {
        method: "POST",
        path: "/".to_owned(),
        headers: Vec::new(),
        body: b"{}".to_vec(),
        content_type: Some("application/x-amz-json-1.1"),
        host_prefix: None,
        compress: None,
        stream: None,
    };
    handle.invoke_streaming::<Watch>(request).await
}

/// The events of a stream of `messages`, sent as one chunk.
async fn stream_of(messages: &[Message]) -> EventReceiver<Feed, WatchError> {
    let body = messages.iter().flat_map(encode).collect();
    watch(vec![Ok(body)]).await.unwrap_or_else(|err| panic!("{err:?}")).events
}

fn encode(message: &Message) -> Vec<u8> {
    let mut out = Vec::new();
    aws_smithy_eventstream::frame::write_message_to(message, &mut out).unwrap_or_else(|err| panic!("{err}"));
    out
}

fn text(name: &'static str, value: &'static str) -> Header {
    Header::new(name, HeaderValue::String(value.into()))
}

fn event(event_type: &'static str, payload: impl Into<Bytes>) -> Message {
    Message::new(payload).add_header(text(":message-type", "event")).add_header(text(":event-type", event_type))
}

fn tick(n: i64) -> Message {
    event("Tick", format!(r#"{{"n":{n}}}"#))
}

fn exception(code: &'static str, payload: &'static str) -> Message {
    Message::new(payload.as_bytes())
        .add_header(text(":message-type", "exception"))
        .add_header(text(":exception-type", code))
        .add_header(text(":content-type", "application/json"))
}

async fn next(events: &mut EventReceiver<Feed, WatchError>) -> Option<Feed> {
    events.recv().await.unwrap_or_else(|err| panic!("{err:?}"))
}

/// The message of the `SdkError::Response` that `recv` gives, from operation `Watch`.
async fn response_error(events: &mut EventReceiver<Feed, WatchError>) -> String {
    match events.recv().await {
        Err(SdkError::Response { operation: "Watch", status: 200, request_id: Some(id), message }) if id == "req-1" => {
            message
        }
        other => panic!("expected a response error, got {other:?}"),
    }
}

/// The error that `recv` gives, as `SdkError::Service` of `Watch`.
async fn service_error(events: &mut EventReceiver<Feed, WatchError>) -> WatchError {
    match events.recv().await {
        Err(SdkError::Service { operation: "Watch", status: 200, request_id: Some(id), error }) if id == "req-1" => {
            error
        }
        other => panic!("expected a service error, got {other:?}"),
    }
}

#[tokio::test]
async fn events_come_in_order_after_the_initial_response_then_none() {
    let initial = event("initial-response", r#"{"session":"s-1"}"#);
    let numbered = tick(1).add_header(Header::new("seq", HeaderValue::Int32(7)));
    let body: Vec<u8> = [initial, numbered, event("Later", ""), tick(2)].iter().flat_map(encode).collect();
    // Chunks of 5 bytes: no message comes whole in one.
    let parts = body.chunks(5).map(|chunk| Ok(chunk.to_vec())).collect();
    let mut output = watch(parts).await.unwrap_or_else(|err| panic!("{err:?}"));
    assert_eq!(output.session.as_deref(), Some("s-1"));
    let events = &mut output.events;
    assert_eq!(next(events).await, Some(Feed::Tick { n: 1, seq: Some(7) }));
    assert_eq!(next(events).await, Some(Feed::Unknown("Later".to_owned())));
    assert_eq!(next(events).await, Some(Feed::Tick { n: 2, seq: None }));
    assert_eq!(next(events).await, None);
    assert_eq!(next(events).await, None);
}

#[tokio::test]
async fn without_an_initial_response_the_first_event_is_kept_and_the_output_reads_from_nothing() {
    let mut output = watch(vec![Ok(encode(&tick(1)))]).await.unwrap_or_else(|err| panic!("{err:?}"));
    assert_eq!(output.session, None);
    assert_eq!(next(&mut output.events).await, Some(Feed::Tick { n: 1, seq: None }));
    assert_eq!(next(&mut output.events).await, None);
    // An empty body: no initial response, no events.
    let mut output = watch(Vec::new()).await.unwrap_or_else(|err| panic!("{err:?}"));
    assert_eq!(next(&mut output.events).await, None);
}

#[tokio::test]
async fn a_corrupt_first_frame_fails_the_call_itself() {
    let mut body = encode(&tick(1));
    body[9] ^= 1;
    match watch(vec![Ok(body)]).await {
        Err(SdkError::Response { operation: "Watch", status: 200, request_id: Some(id), message }) => {
            assert_eq!(id, "req-1");
            assert!(message.starts_with("the event stream is not valid: the prelude's checksum"), "{message}");
        }
        other => panic!("expected a response error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_modeled_exception_is_the_operations_error_and_ends_the_stream() {
    let throttled = exception("ThrottledException", r#"{"message":"slow down"}"#);
    let mut events = stream_of(&[tick(1), throttled, tick(2)]).await;
    assert_eq!(next(&mut events).await, Some(Feed::Tick { n: 1, seq: None }));
    match service_error(&mut events).await {
        WatchError::Throttled(throttled) => assert_eq!(throttled.message.as_deref(), Some("slow down")),
        other => panic!("expected the modeled error, got {other:?}"),
    }
    // The event after it in the body is never read.
    assert_eq!(next(&mut events).await, None);

    // An empty payload is an exception with no members.
    let mut events = stream_of(&[exception("ThrottledException", "")]).await;
    assert!(matches!(service_error(&mut events).await, WatchError::Throttled(Throttled { message: None })));
}

#[tokio::test]
async fn an_unknown_exception_is_unhandled_with_the_code_and_the_payloads_message() {
    for (payload, said) in [
        (r#"{"message":"it broke"}"#, Some("it broke")),
        (r#"{"Message":"it broke"}"#, Some("it broke")),
        ("oops", None),
    ] {
        let mut events = stream_of(&[exception("BoomException", payload), tick(1)]).await;
        match service_error(&mut events).await {
            WatchError::Unhandled(unhandled) => {
                assert_eq!(unhandled.code(), Some("BoomException"));
                assert_eq!(unhandled.message(), said);
                assert_eq!(unhandled.body(), payload.as_bytes());
                assert_eq!(unhandled.status(), Some(200));
                assert_eq!(crate::RequestId::request_id(&unhandled), Some("req-1"));
            }
            other => panic!("expected an unhandled error, got {other:?}"),
        }
        assert_eq!(next(&mut events).await, None);
    }
    // A modeled code whose payload does not read as the error is still that code.
    let mut events = stream_of(&[exception("ThrottledException", r#"{"message":5}"#)]).await;
    match service_error(&mut events).await {
        WatchError::Unhandled(unhandled) => assert_eq!(unhandled.code(), Some("ThrottledException")),
        other => panic!("expected an unhandled error, got {other:?}"),
    }
}

#[tokio::test]
async fn an_error_message_is_unhandled_with_its_headers_and_ends_the_stream() {
    let error = Message::new(&b""[..])
        .add_header(text(":message-type", "error"))
        .add_header(text(":error-code", "InternalFailure"))
        .add_header(text(":error-message", "the service failed"));
    let mut events = stream_of(&[error, tick(1)]).await;
    match service_error(&mut events).await {
        WatchError::Unhandled(unhandled) => {
            assert_eq!(unhandled.code(), Some("InternalFailure"));
            assert_eq!(unhandled.message(), Some("the service failed"));
            assert_eq!(unhandled.status(), Some(200));
        }
        other => panic!("expected an unhandled error, got {other:?}"),
    }
    assert_eq!(next(&mut events).await, None);
}

#[tokio::test]
async fn a_corrupt_or_cut_frame_is_a_response_error_and_ends_the_stream() {
    let mut corrupt = encode(&tick(2));
    let last = corrupt.len() - 1;
    corrupt[last] ^= 0xff;
    let body = [encode(&tick(1)), corrupt, encode(&tick(1))].concat();
    let mut events = watch(vec![Ok(body)]).await.unwrap_or_else(|err| panic!("{err:?}")).events;
    assert_eq!(next(&mut events).await, Some(Feed::Tick { n: 1, seq: None }));
    let message = response_error(&mut events).await;
    assert!(message.starts_with("the event stream is not valid: a frame cannot be read"), "{message}");
    assert_eq!(next(&mut events).await, None);

    let whole = encode(&tick(1));
    let body = [&whole[..], &whole[..whole.len() - 1]].concat();
    let mut events = watch(vec![Ok(body)]).await.unwrap_or_else(|err| panic!("{err:?}")).events;
    assert_eq!(next(&mut events).await, Some(Feed::Tick { n: 1, seq: None }));
    let message = response_error(&mut events).await;
    assert!(message.contains("the body ended inside a frame"), "{message}");
    assert_eq!(next(&mut events).await, None);
}

#[tokio::test]
async fn a_failed_connection_is_a_transport_error_and_ends_the_stream() {
    let parts = vec![Ok(encode(&tick(1))), Err(TransportErrorKind::Io), Ok(encode(&tick(2)))];
    let mut events = watch(parts).await.unwrap_or_else(|err| panic!("{err:?}")).events;
    assert_eq!(next(&mut events).await, Some(Feed::Tick { n: 1, seq: None }));
    match events.recv().await {
        Err(SdkError::Transport { operation: "Watch", attempts: 1, source }) => {
            assert_eq!(source.kind(), TransportErrorKind::Io);
        }
        other => panic!("expected a transport error, got {other:?}"),
    }
    assert_eq!(next(&mut events).await, None);
}

#[tokio::test]
async fn a_message_that_does_not_read_is_a_response_error_and_the_next_one_still_reads() {
    let wrong_header = tick(1).add_header(text("seq", "seven"));
    let no_type = Message::new(&b"{}"[..]).add_header(text(":message-type", "event"));
    let odd_kind = Message::new(&b"{}"[..]).add_header(text(":message-type", "notice"));
    let bare = Message::new(&b"{}"[..]);
    let messages = [event("Tick", r#"{"n":"one"}"#), wrong_header, no_type, odd_kind, bare, tick(2)];
    let mut events = stream_of(&messages).await;
    let message = response_error(&mut events).await;
    assert!(message.starts_with("the `Tick` event is not valid: invalid type: string \"one\""), "{message}");
    let message = response_error(&mut events).await;
    assert_eq!(message, "the `Tick` event is not valid: the header `seq` is not of the type its member has");
    assert_eq!(response_error(&mut events).await, "an event message has no `:event-type` header");
    assert_eq!(response_error(&mut events).await, "a message has the unknown `:message-type` `notice`");
    assert_eq!(response_error(&mut events).await, "a message has no `:message-type` header");
    assert_eq!(next(&mut events).await, Some(Feed::Tick { n: 2, seq: None }));
    assert_eq!(next(&mut events).await, None);
}

#[tokio::test]
async fn a_default_receiver_has_no_events() {
    let mut events = EventReceiver::<Feed, WatchError>::default();
    assert_eq!(next(&mut events).await, None);
    assert_eq!(format!("{events:?}"), "EventReceiver { ended: true, .. }");
}

#[test]
fn each_header_type_reads_as_its_members_type_and_only_as_it() {
    let message = Message::new(&b""[..])
        .add_header(Header::new("bool", HeaderValue::Bool(true)))
        .add_header(Header::new("byte", HeaderValue::Byte(-3)))
        .add_header(Header::new("short", HeaderValue::Int16(-300)))
        .add_header(Header::new("int", HeaderValue::Int32(70_000)))
        .add_header(Header::new("long", HeaderValue::Int64(5_000_000_000)))
        .add_header(text("string", "text"))
        .add_header(Header::new("bytes", HeaderValue::ByteArray(Bytes::from_static(b"\x00\xff"))))
        .add_header(Header::new("time", HeaderValue::Timestamp(DateTime::from_millis(1_700_000_000_123))))
        .add_header(Header::new("uuid", HeaderValue::Uuid(1)));
    let as_bool = |name| header::<bool>(&message, name);
    assert_eq!(as_bool("bool"), Ok(Some(true)));
    assert_eq!(header::<i8>(&message, "byte"), Ok(Some(-3)));
    assert_eq!(header::<i16>(&message, "short"), Ok(Some(-300)));
    assert_eq!(header::<i32>(&message, "int"), Ok(Some(70_000)));
    assert_eq!(header::<i64>(&message, "long"), Ok(Some(5_000_000_000)));
    assert_eq!(header::<String>(&message, "string"), Ok(Some("text".to_owned())));
    assert_eq!(header::<Blob>(&message, "bytes").map(|blob| blob.map(Blob::into_inner)), Ok(Some(vec![0, 0xff])));
    assert_eq!(
        header::<Timestamp>(&message, "time"),
        Ok(Some(Timestamp::from_millis(1_700_000_000_123).unwrap_or_else(|| panic!("in range"))))
    );
    // A header the message does not have is an unset member; one of another type is an error,
    // even between integer types a value would fit in.
    assert_eq!(as_bool("missing"), Ok(None));
    for name in ["byte", "string", "uuid"] {
        assert_eq!(as_bool(name), Err(format!("the header `{name}` is not of the type its member has")));
    }
    assert!(header::<i64>(&message, "int").is_err());
    assert!(header::<String>(&message, "bytes").is_err());
}

#[test]
fn an_empty_payload_reads_as_an_empty_object() {
    assert_eq!(payload_or_empty_object(&Message::new(&b""[..])), b"{}");
    assert_eq!(payload_or_empty_object(&Message::new(&b" "[..])), b" ");
    assert_eq!(payload_or_empty_object(&Message::new(&br#"{"a":1}"#[..])), br#"{"a":1}"#);
}

/// The next item of `events` read as a `futures_core::Stream`.
async fn stream_next(events: &mut EventReceiver<Feed, WatchError>) -> Option<Result<Feed, SdkError<WatchError>>> {
    std::future::poll_fn(|cx| Pin::new(&mut *events).poll_next(cx)).await
}

#[tokio::test]
async fn as_a_stream_it_gives_the_events_then_the_error_that_ends_it_then_none() {
    let body: Vec<u8> =
        [tick(1), event("Later", ""), exception("ThrottledException", "{}"), tick(2)].iter().flat_map(encode).collect();
    // Chunks of 3 bytes: the stream waits for the rest of each message.
    let parts = body.chunks(3).map(|chunk| Ok(chunk.to_vec())).collect();
    let mut output = watch(parts).await.unwrap_or_else(|err| panic!("{err:?}"));
    let events = &mut output.events;
    assert!(matches!(stream_next(events).await, Some(Ok(Feed::Tick { n: 1, seq: None }))));
    assert!(matches!(stream_next(events).await, Some(Ok(Feed::Unknown(name))) if name == "Later"));
    assert!(matches!(stream_next(events).await, Some(Err(SdkError::Service { error: WatchError::Throttled(_), .. }))));
    assert!(stream_next(events).await.is_none());
    assert!(stream_next(events).await.is_none());
}

#[tokio::test]
async fn as_a_stream_an_empty_one_ends_at_once() {
    let mut events = stream_of(&[]).await;
    assert!(stream_next(&mut events).await.is_none());
    assert!(stream_next(&mut EventReceiver::<Feed, WatchError>::default()).await.is_none());
}
