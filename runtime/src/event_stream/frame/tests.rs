//! The golden frames of `aws-smithy-eventstream` (copied into `runtime/tests/data/eventstream/`),
//! and what the reader adds for a body that comes off the network: chunks cut anywhere, a
//! prelude checked before its length is trusted, a bound on what is buffered, and a body that
//! ends inside a frame.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::{pin, Pin};
use std::task::{Context, Poll, Waker};

use aws_smithy_types::event_stream::{Header, HeaderValue, Message};
use aws_smithy_types::DateTime;
use bytes::Bytes;
use futures_core::Stream;

use super::*;
use crate::http::{TransportError, TransportErrorKind};

macro_rules! golden {
    ($name:literal) => {
        ($name, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/eventstream/", $name)) as &[u8])
    };
}

const ALL_HEADERS: (&str, &[u8]) = golden!("valid_with_all_headers_and_payload");
const EMPTY_PAYLOAD: (&str, &[u8]) = golden!("valid_empty_payload");
const NO_HEADERS: (&str, &[u8]) = golden!("valid_no_headers");
const PRELUDE_CHECKSUM: (&str, &[u8]) = golden!("invalid_prelude_checksum");

/// Each invalid golden frame, and what the error must mention: the prelude's own checks catch
/// the first two, `aws-smithy-eventstream` the others once the whole frame is there.
const INVALID: [((&str, &[u8]), &str); 8] = [
    (PRELUDE_CHECKSUM, "the prelude's checksum is 0xdeadbeef, but its bytes give 0x8bb495fb"),
    (golden!("invalid_headers_length"), "says its headers take"),
    (golden!("invalid_message_checksum"), "a frame cannot be read"),
    (golden!("invalid_header_string_value_length"), "a frame cannot be read"),
    (golden!("invalid_header_string_length_cut_off"), "a frame cannot be read"),
    (golden!("invalid_header_value_type"), "a frame cannot be read"),
    (golden!("invalid_header_name_length"), "a frame cannot be read"),
    (golden!("invalid_header_name_length_too_long"), "a frame cannot be read"),
];

/// A body that arrives as the given chunks (or failures), then ends, or with `hang` never sends
/// anything more: a connection that stays open.
struct Chunks {
    parts: VecDeque<Result<Bytes, TransportError>>,
    hang: bool,
}

impl Stream for Chunks {
    type Item = Result<Bytes, TransportError>;

    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        match self.parts.pop_front() {
            Some(part) => Poll::Ready(Some(part)),
            // Nothing will wake the task: the test polls once and looks at what it got.
            None if self.hang => Poll::Pending,
            None => Poll::Ready(None),
        }
    }
}

fn chunked<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> ByteStream {
    let parts = parts.into_iter().map(|part| Ok(Bytes::copy_from_slice(part))).collect();
    ByteStream::from_stream(Chunks { parts, hang: false })
}

/// `parts`, then a connection that stays open without sending more.
fn hanging<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> ByteStream {
    let parts = parts.into_iter().map(|part| Ok(Bytes::copy_from_slice(part))).collect();
    ByteStream::from_stream(Chunks { parts, hang: true })
}

/// One poll, with a waker that does nothing: whether `future` finishes without waiting for
/// the body.
fn poll_once<F: Future>(future: F) -> Poll<F::Output> {
    pin!(future).poll(&mut Context::from_waker(Waker::noop()))
}

fn encode(message: &Message) -> Vec<u8> {
    let mut out = Vec::new();
    aws_smithy_eventstream::frame::write_message_to(message, &mut out).unwrap_or_else(|err| panic!("{err}"));
    out
}

fn text(name: &'static str, value: &'static str) -> Header {
    Header::new(name, HeaderValue::String(value.into()))
}

/// A prelude announcing a frame of `total` bytes with `headers` bytes of headers, with the
/// checksum that makes it valid.
fn prelude(total: u32, headers: u32) -> Vec<u8> {
    let mut out = [total.to_be_bytes(), headers.to_be_bytes()].concat();
    let checksum = crc32fast::hash(&out);
    out.extend_from_slice(&checksum.to_be_bytes());
    out
}

/// Every message of `body`, or the first error.
async fn read_all(body: ByteStream) -> Result<Vec<Message>, FrameError> {
    let mut reader = FrameReader::new(body);
    let mut messages = Vec::new();
    while let Some(message) = reader.next().await? {
        messages.push(message);
    }
    Ok(messages)
}

fn invalid(result: Result<impl fmt::Debug, FrameError>) -> String {
    match result {
        Err(FrameError::Invalid(message)) => message,
        other => panic!("expected an invalid frame, got {other:?}"),
    }
}

#[tokio::test]
async fn the_valid_golden_frames_decode_as_aws_smithy_eventstream_says() {
    let messages = read_all(ByteStream::from(ALL_HEADERS.1.to_vec())).await.unwrap_or_else(|err| panic!("{err}"));
    // What aws-smithy-eventstream's `read_all_headers_and_payload` asserts of the same file.
    let headers = [
        Header::new("true", HeaderValue::Bool(true)),
        Header::new("false", HeaderValue::Bool(false)),
        Header::new("byte", HeaderValue::Byte(50)),
        Header::new("short", HeaderValue::Int16(20_000)),
        Header::new("int", HeaderValue::Int32(500_000)),
        Header::new("long", HeaderValue::Int64(50_000_000_000)),
        Header::new("bytes", HeaderValue::ByteArray(Bytes::from_static(b"some bytes"))),
        text("str", "some str"),
        Header::new("time", HeaderValue::Timestamp(DateTime::from_secs(5_000_000))),
        Header::new("uuid", HeaderValue::Uuid(0xb79b_c914_de21_4e13_b8b2_bc47_e85b_7f0b)),
    ];
    assert_eq!(messages, [Message::new_from_parts(headers.to_vec(), &b"some payload"[..])]);

    let messages = read_all(ByteStream::from(EMPTY_PAYLOAD.1.to_vec())).await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(messages, [Message::new_from_parts(vec![Header::new("some-header", HeaderValue::Int16(500))], "")]);

    let messages = read_all(ByteStream::from(NO_HEADERS.1.to_vec())).await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(messages, [Message::new(&b"another test payload"[..])]);
}

#[tokio::test]
async fn each_invalid_golden_frame_is_an_invalid_stream_whatever_its_chunks() {
    for ((name, bytes), expected) in INVALID {
        let message = invalid(read_all(ByteStream::from(bytes.to_vec())).await);
        assert!(message.contains(expected), "{name}: {message}");
        // Cut anywhere, the same frame fails the same way, never as a truncation or a panic.
        for at in 1..bytes.len() {
            let split = invalid(read_all(chunked([&bytes[..at], &bytes[at..]])).await);
            assert_eq!(split, message, "{name} cut at {at}");
        }
    }
}

#[tokio::test]
async fn a_corrupt_prelude_is_refused_before_the_rest_of_its_frame_arrives() {
    let prelude = &PRELUDE_CHECKSUM.1[..PRELUDE_LEN];
    let expected = "the prelude's checksum is 0xdeadbeef, but its bytes give 0x8bb495fb";
    // A body that ends after the prelude: the checksum is the error, not the truncation.
    let ended = invalid(read_all(chunked([prelude])).await);
    assert_eq!(ended, expected);
    // A connection that stays open: the reader does not wait for the 150 bytes announced.
    let mut reader = FrameReader::new(hanging([prelude]));
    match poll_once(reader.next()) {
        Poll::Ready(result) => assert_eq!(invalid(result), expected),
        Poll::Pending => panic!("the reader waits for the rest of a frame whose prelude is corrupt"),
    }
}

#[tokio::test]
async fn frames_cut_at_every_byte_read_the_same() {
    let event = Message::new(&br#"{"hello":"world"}"#[..])
        .add_header(text(":message-type", "event"))
        .add_header(text(":event-type", "Greeting"));
    let body = [ALL_HEADERS.1, EMPTY_PAYLOAD.1, &encode(&event), NO_HEADERS.1].concat();
    let whole = read_all(ByteStream::from(body.clone())).await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(whole.len(), 4);
    assert_eq!(whole[2], event);
    for at in 1..body.len() {
        let split = read_all(chunked([&body[..at], &body[at..]])).await.unwrap_or_else(|err| panic!("{at}: {err}"));
        assert_eq!(split, whole, "cut at {at}");
    }
    let bytes = read_all(chunked(body.chunks(1))).await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(bytes, whole, "one byte at a time");
    for size in [2, 3, 5, 7, 11, 13, 64] {
        let sized = read_all(chunked(body.chunks(size))).await.unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(sized, whole, "chunks of {size} bytes");
    }
}

#[tokio::test]
async fn two_frames_in_one_chunk_are_read_one_after_the_other() {
    let body = [NO_HEADERS.1, EMPTY_PAYLOAD.1].concat();
    let mut reader = FrameReader::new(hanging([&body[..]]));
    let first = reader.next().await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(first.map(|message| message.payload().clone()), Some(Bytes::from_static(b"another test payload")));
    // The second is already buffered: it comes without waiting on the connection.
    let Poll::Ready(second) = poll_once(reader.next()) else { panic!("the second frame waits for more bytes") };
    let second = second.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(second.map(|message| message.headers().len()), Some(1));
    assert!(reader.buffer.is_empty());
}

#[tokio::test]
async fn a_body_that_ends_inside_a_frame_is_invalid_wherever_it_ends() {
    let frame = ALL_HEADERS.1;
    for at in 1..frame.len() {
        let message = invalid(read_all(ByteStream::from(frame[..at].to_vec())).await);
        assert_eq!(message, format!("the body ended inside a frame, after {at} bytes of it"));
    }
    // The frames before it are read; the error comes after them.
    let body = [NO_HEADERS.1, &frame[..20]].concat();
    let mut reader = FrameReader::new(ByteStream::from(body));
    assert!(matches!(reader.next().await, Ok(Some(_))));
    let message = invalid(reader.next().await);
    assert!(message.contains("ended inside a frame, after 20 bytes"), "{message}");
}

#[tokio::test]
async fn an_empty_body_has_no_messages() {
    assert!(matches!(read_all(ByteStream::default()).await.as_deref(), Ok([])));
    assert!(matches!(read_all(chunked([&b""[..], b""])).await.as_deref(), Ok([])));
    let mut reader = FrameReader::new(ByteStream::default());
    assert!(matches!(reader.initial_response().await, Ok(None)));
    assert!(matches!(reader.next().await, Ok(None)));
}

#[tokio::test]
async fn a_transport_failure_is_not_an_invalid_frame() {
    let failure = TransportError::new(TransportErrorKind::Io, "connection reset");
    let parts = [Ok(Bytes::copy_from_slice(&NO_HEADERS.1[..5])), Err(failure)].into_iter().collect();
    let mut reader = FrameReader::new(ByteStream::from_stream(Chunks { parts, hang: false }));
    match reader.next().await {
        Err(FrameError::Transport(err)) => assert_eq!(err.kind(), TransportErrorKind::Io),
        other => panic!("expected the transport's failure, got {other:?}"),
    }
    let err = FrameError::Invalid("x".to_owned()).into_sdk_error::<()>("Subscribe", 200, Some("id".to_owned()));
    assert!(
        matches!(&err, SdkError::Response { operation: "Subscribe", status: 200, request_id: Some(id), message }
            if id == "id" && message == "the event stream is not valid: x"),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_prelude_announcing_a_gibibyte_is_refused_before_anything_is_buffered() {
    let mut reader = FrameReader::new(hanging([&prelude(1 << 30, 0)[..]]));
    match poll_once(reader.next()) {
        Poll::Ready(result) => assert_eq!(
            invalid(result),
            format!("a frame says it is 1073741824 bytes long, outside 16..={MAX_FRAME_LEN}")
        ),
        Poll::Pending => panic!("the reader waits for a frame of 1 GiB"),
    }
    // Not even room for it was reserved.
    assert!(reader.buffer.capacity() < 4096, "{} bytes reserved", reader.buffer.capacity());
}

#[tokio::test]
async fn a_frame_may_be_as_long_as_the_limit_and_no_longer() {
    let limit = u32::try_from(MAX_FRAME_LEN).unwrap_or_else(|err| panic!("{err}"));
    let over = invalid(read_all(hanging([&prelude(limit + 1, 0)[..]])).await);
    assert!(over.contains("16777217 bytes long"), "{over}");
    let under = invalid(read_all(hanging([&prelude(15, 0)[..]])).await);
    assert!(under.contains("15 bytes long"), "{under}");
    // The headers cannot take more than what the prelude and the message checksum leave.
    let headers = invalid(read_all(hanging([&prelude(100, 85)[..]])).await);
    assert_eq!(headers, "a frame of 100 bytes says its headers take 85");

    let largest = encode(&Message::new(vec![7u8; MAX_FRAME_LEN - MIN_FRAME_LEN]));
    assert_eq!(largest.len(), MAX_FRAME_LEN);
    let messages = read_all(chunked(largest.chunks(1 << 20))).await.unwrap_or_else(|err| panic!("{err}"));
    assert!(matches!(&messages[..], [message] if message.payload().len() == MAX_FRAME_LEN - MIN_FRAME_LEN));
}

#[tokio::test]
async fn the_initial_response_is_taken_and_any_other_first_message_kept() {
    let initial = Message::new(&br#"{"sessionId":"s-1"}"#[..])
        .add_header(text(":message-type", "event"))
        .add_header(text(":event-type", "initial-response"));
    let event =
        Message::new(&b"{}"[..]).add_header(text(":message-type", "event")).add_header(text(":event-type", "Tick"));

    let body = [encode(&initial), encode(&event)].concat();
    let mut reader = FrameReader::new(ByteStream::from(body));
    let payload = reader.initial_response().await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(payload.as_deref(), Some(&br#"{"sessionId":"s-1"}"#[..]));
    assert_eq!(reader.next().await.ok().flatten(), Some(event.clone()));
    assert!(matches!(reader.next().await, Ok(None)));

    // Messages that are not an initial response, each first in its stream and read after.
    let exception = Message::new(&b"{}"[..])
        .add_header(text(":message-type", "exception"))
        .add_header(text(":event-type", "initial-response"));
    let not_text = Message::new(&b"{}"[..])
        .add_header(text(":message-type", "event"))
        .add_header(Header::new(":event-type", HeaderValue::ByteArray(Bytes::from_static(b"initial-response"))));
    for first in [event, exception, not_text, Message::new(&b"x"[..])] {
        let body = [encode(&first), encode(&initial)].concat();
        let mut reader = FrameReader::new(ByteStream::from(body));
        assert!(matches!(reader.initial_response().await, Ok(None)), "{first:?}");
        assert_eq!(reader.next().await.ok().flatten(), Some(first));
        assert_eq!(reader.next().await.ok().flatten(), Some(initial.clone()));
        assert!(matches!(reader.next().await, Ok(None)));
    }

    // A corrupt first frame is the stream's error, not a missing initial response.
    let mut reader = FrameReader::new(ByteStream::from(PRELUDE_CHECKSUM.1.to_vec()));
    assert!(matches!(reader.initial_response().await, Err(FrameError::Invalid(_))));
}

#[tokio::test]
async fn an_ended_body_is_not_asked_again() {
    struct Once(bool);
    impl futures_core::Stream for Once {
        type Item = Result<bytes::Bytes, crate::http::TransportError>;
        fn poll_next(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Self::Item>> {
            assert!(!self.0, "polled after the end");
            self.0 = true;
            std::task::Poll::Ready(None)
        }
    }
    let mut reader = FrameReader::new(ByteStream::from_stream(Once(false)));
    assert!(matches!(reader.initial_response().await, Ok(None)));
    assert!(matches!(reader.next().await, Ok(None)));
}
