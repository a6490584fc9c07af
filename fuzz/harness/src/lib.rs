//! What each fuzz target does with its input. None of them may panic, hang or overflow the
//! stack, whatever the bytes; where a value can be written back and read again, it must read
//! back the same. `tests/regressions.rs` replays the inputs kept in `fuzz/regressions/`.

#![allow(deprecated)] // Many RoboMaker operations are deprecated in the model; reading them warns.

use std::collections::HashMap;
use std::future::Future;
use std::pin::{pin, Pin};
use std::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use arbitrary::{Arbitrary, Unstructured};
use runtime::primitives::Timestamp;

/// The model loader and the whole generator: a model in, files or an error out.
pub fn model(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = codegen::generate(text, &codegen::Options::default());
}

include!(concat!(env!("OUT_DIR"), "/operations.rs"));

/// A response as a server could send it.
#[derive(Debug, Arbitrary)]
struct Response {
    operation: u8,
    status: u16,
    headers: Vec<(HeaderName, Vec<u8>)>,
    body: Vec<u8>,
}

/// The headers the readers look at, and any other.
#[derive(Debug, Arbitrary)]
enum HeaderName {
    RequestId,
    ErrorType,
    QueryError,
    ContentType,
    Other(String),
}

impl HeaderName {
    fn as_str(&self) -> &str {
        match self {
            HeaderName::RequestId => "x-amzn-requestid",
            HeaderName::ErrorType => "x-amzn-errortype",
            HeaderName::QueryError => "x-amzn-query-error",
            HeaderName::ContentType => "content-type",
            HeaderName::Other(name) => name,
        }
    }
}

fn read<O: runtime::invoke::Operation>(response: &runtime::http::Response) {
    let _ = runtime::invoke::read_response::<O>(response);
}

/// Every response reader of the whole official RoboMaker crate, outputs and errors: the input
/// picks the operation, the status, the headers and the body.
pub fn responses(data: &[u8]) {
    let Ok(Response { operation, status, headers, body }) = Response::arbitrary_take_rest(Unstructured::new(data))
    else {
        return;
    };
    let mut response = http::Response::new(body);
    *response.status_mut() = http::StatusCode::from_u16(status % 500 + 100).unwrap_or(http::StatusCode::OK);
    for (name, value) in &headers {
        let (Ok(name), Ok(value)) = (http::HeaderName::from_str(name.as_str()), http::HeaderValue::from_bytes(value))
        else {
            continue;
        };
        response.headers_mut().append(name, value);
    }
    let read = OPERATIONS[usize::from(operation) % OPERATIONS.len()];
    read(&response);
}

/// The parameters of an endpoint resolution.
#[derive(Debug, Arbitrary)]
struct EndpointParams {
    region: Option<String>,
    use_fips: Option<bool>,
    use_dual_stack: Option<bool>,
    endpoint: Option<String>,
    /// A parameter the rule set may not declare, or of the wrong type.
    other: Option<(String, Option<bool>)>,
}

/// The endpoint rules evaluator, on the official RoboMaker rule set, with any parameters.
pub fn endpoint(data: &[u8]) {
    use robomaker::endpoint::{Partitions, Value};
    let Ok(EndpointParams { region, use_fips, use_dual_stack, endpoint, other }) =
        EndpointParams::arbitrary_take_rest(Unstructured::new(data))
    else {
        return;
    };
    let mut params: Vec<(&str, Value)> = Vec::new();
    if let Some(region) = region {
        params.push(("Region", Value::String(region)));
    }
    if let Some(fips) = use_fips {
        params.push(("UseFIPS", Value::Bool(fips)));
    }
    if let Some(dual_stack) = use_dual_stack {
        params.push(("UseDualStack", Value::Bool(dual_stack)));
    }
    if let Some(endpoint) = endpoint {
        params.push(("Endpoint", Value::String(endpoint)));
    }
    let other = other.map(|(name, value)| (name, value.map_or(Value::None, Value::Bool)));
    if let Some((name, value)) = &other {
        params.push((name.as_str(), value.clone()));
    }
    let endpoint_given = params.iter().any(|(name, _)| *name == "Endpoint");
    if let Ok(found) = robomaker::endpoint::resolve(&params, Partitions::builtin()) {
        // The rule set passes an `Endpoint` through as it is, even empty; any other is built.
        assert!(endpoint_given || found.url().starts_with("https://"), "{found:?}");
    }
}

/// Timestamps in every format they are read in, and the header value parsers. What parses is
/// written back and must read back the same.
pub fn timestamps_and_headers(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for parse in [Timestamp::parse_any, Timestamp::parse_http_date, Timestamp::parse_epoch_seconds, Timestamp::from_str]
    {
        let Ok(time) = parse(text) else { continue };
        let rfc3339 = time.to_string();
        assert_eq!(Timestamp::from_str(&rfc3339).ok(), Some(time), "{text:?} as {rfc3339}");
        let epoch = time.to_epoch_seconds_string();
        assert_eq!(Timestamp::parse_epoch_seconds(&epoch).ok(), Some(time), "{text:?} as {epoch}");
        // HTTP dates have whole seconds and four-digit years.
        let http_date = time.to_http_date();
        if time.subsec_nanos() == 0 && (0..=9999).contains(&time.as_offset_date_time().year()) {
            assert_eq!(Timestamp::parse_http_date(&http_date).ok(), Some(time), "{text:?} as {http_date}");
        }
    }
    let _ = runtime::protocol::split_header_list(text);
    let _ = runtime::protocol::split_http_date_list(text);
    let _ = runtime::protocol::header_text("x-fuzz", text);
    let _ = runtime::protocol::parse_header::<i64>("x-fuzz", text);
    let _ = runtime::protocol::parse_header::<f64>("x-fuzz", text);
    let _ = runtime::protocol::parse_header::<bool>("x-fuzz", text);
}

/// The shared `config` and `credentials` files and the profile they name.
#[derive(Debug, Arbitrary)]
struct Profile {
    config: String,
    credentials: String,
    profile: Option<String>,
}

/// The profile and config file parser, through `Config::from_vars` as a process's environment
/// names the files.
pub fn profile(data: &[u8]) {
    let Ok(Profile { config, credentials, profile }) = Profile::arbitrary_take_rest(Unstructured::new(data)) else {
        return;
    };
    let folder = std::env::temp_dir().join(format!("smithy-lean-fuzz-profile-{}", std::process::id()));
    if std::fs::create_dir_all(&folder).is_err() {
        return;
    }
    let (config_file, credentials_file) = (folder.join("config"), folder.join("credentials"));
    if std::fs::write(&config_file, config).is_err() || std::fs::write(&credentials_file, credentials).is_err() {
        return;
    }
    let mut vars = HashMap::from([
        ("AWS_CONFIG_FILE".to_owned(), config_file.display().to_string()),
        ("AWS_SHARED_CREDENTIALS_FILE".to_owned(), credentials_file.display().to_string()),
    ]);
    if let Some(profile) = profile {
        vars.insert("AWS_PROFILE".to_owned(), profile);
    }
    let _ = runtime::Config::from_vars(&vars);
}

/// Event-stream frames: the input's body, cut into chunks where its first bytes say, read by
/// `FrameReader` until it ends or fails (after asking for the `initial-response` first, when
/// the input says so). Whatever the cuts, the reader must read what a decoder of whole frames
/// reads frame after frame, and end where it ends; and it may never ask for more of the body
/// while what it holds already decides the next frame, so it never holds more than a frame
/// (`MAX_FRAME_LEN`) and one chunk.
///
/// The input: a byte whose lowest bit asks for the `initial-response` and whose next four give
/// how many chunk sizes follow (a byte each, used in turn, 0 for an empty chunk); then the body.
pub fn event_stream(data: &[u8]) {
    use runtime::event_stream::{FrameError, FrameReader};
    use runtime::primitives::ByteStream;

    let Some((&flags, rest)) = data.split_first() else { return };
    let (sizes, body) = rest.split_at(usize::from(flags >> 1 & 0x0f).min(rest.len()));
    let (expected, ends_cleanly) = whole_frames(body);
    let consumed = Arc::new(AtomicUsize::new(0));
    let chunks = Chunks {
        body: bytes::Bytes::copy_from_slice(body),
        sizes: sizes.iter().map(|&size| usize::from(size)).collect(),
        turn: 0,
        pulled: 0,
        consumed: consumed.clone(),
    };
    let mut reader = FrameReader::new(ByteStream::from_stream(chunks));
    let mut read = 0;
    // The message `initial_response` kept, already taken from the reader's buffer.
    let mut kept = false;
    if flags & 1 == 1 {
        let first = expected.first();
        let initial = first.is_some_and(|(message, _)| {
            text_header(message, ":message-type") == Some("event")
                && text_header(message, ":event-type") == Some("initial-response")
        });
        match now(reader.initial_response()) {
            Ok(Some(payload)) => {
                let (message, len) = first.unwrap_or_else(|| panic!("an initial response out of no frame"));
                assert!(initial, "{message:?} taken for the initial response");
                assert_eq!(payload, message.payload().as_ref());
                consumed.fetch_add(*len, Ordering::Relaxed);
                read = 1;
            }
            Ok(None) => {
                assert!(!initial, "the initial response {first:?} was not taken");
                if let Some((_, len)) = first {
                    consumed.fetch_add(*len, Ordering::Relaxed);
                    kept = true;
                } else {
                    assert!(body.is_empty() && ends_cleanly, "no message out of {} bytes", body.len());
                }
            }
            Err(FrameError::Invalid(_)) => {
                assert!(expected.is_empty() && !ends_cleanly, "the first frame read as invalid");
                return;
            }
            Err(FrameError::Transport(err)) => panic!("the body never fails, yet: {err}"),
        }
    }
    loop {
        match now(reader.next()) {
            Ok(Some(message)) => {
                let (whole, len) = expected.get(read).unwrap_or_else(|| panic!("{message:?} read past the frames"));
                assert_eq!(&message, whole, "message {read}");
                if !std::mem::take(&mut kept) {
                    consumed.fetch_add(*len, Ordering::Relaxed);
                }
                read += 1;
            }
            Ok(None) => {
                assert!(read == expected.len() && ends_cleanly, "the body ended cleanly after {read} messages");
                return;
            }
            Err(FrameError::Invalid(_)) => {
                assert!(read == expected.len() && !ends_cleanly, "invalid after {read} messages");
                return;
            }
            Err(FrameError::Transport(err)) => panic!("the body never fails, yet: {err}"),
        }
    }
}

/// The messages of `body` and the length of each frame, decoded whole, one after the other;
/// and whether the body ends after the last of them rather than with an invalid frame.
fn whole_frames(body: &[u8]) -> (Vec<(runtime::event_stream::Message, usize)>, bool) {
    let mut messages = Vec::new();
    let mut at = 0;
    while at < body.len() {
        let Prelude::Frame(len) = prelude(&body[at..]) else { return (messages, false) };
        let Some(mut frame) = body.get(at..at + len) else { return (messages, false) };
        let Ok(message) = aws_smithy_eventstream::frame::read_message_from(&mut frame) else {
            return (messages, false);
        };
        messages.push((message, len));
        at += len;
    }
    (messages, true)
}

/// What the first twelve bytes of a frame say.
#[derive(Debug)]
enum Prelude {
    /// Not all there.
    Short,
    /// A wrong checksum, a length out of bounds, or headers longer than the frame.
    Invalid,
    /// A valid prelude, of a frame of this length.
    Frame(usize),
}

fn prelude(bytes: &[u8]) -> Prelude {
    let Some(prelude) = bytes.get(..12) else { return Prelude::Short };
    let word = |at: usize| u32::from_be_bytes([prelude[at], prelude[at + 1], prelude[at + 2], prelude[at + 3]]);
    let (total, headers) = (word(0) as usize, word(4) as usize);
    let max = runtime::event_stream::MAX_FRAME_LEN;
    if crc32fast::hash(&prelude[..8]) != word(8) || !(16..=max).contains(&total) || headers > total - 16 {
        return Prelude::Invalid;
    }
    Prelude::Frame(total)
}

fn text_header<'m>(message: &'m runtime::event_stream::Message, name: &str) -> Option<&'m str> {
    let header = message.headers().iter().find(|header| header.name().as_str() == name)?;
    header.value().as_string().ok().map(|value| value.as_str())
}

/// A body handed out in chunks of the given sizes, which checks, each time the reader asks for
/// one, that what the reader holds (what it was given and has not read as messages) does not
/// already decide the next frame.
struct Chunks {
    body: bytes::Bytes,
    sizes: Vec<usize>,
    turn: usize,
    pulled: usize,
    /// The bytes of the frames read so far, as the harness counts them.
    consumed: Arc<AtomicUsize>,
}

impl futures_core::Stream for Chunks {
    type Item = Result<bytes::Bytes, runtime::http::TransportError>;

    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let held = &self.body[self.consumed.load(Ordering::Relaxed)..self.pulled];
        match prelude(held) {
            Prelude::Short => {}
            Prelude::Frame(len) if held.len() < len => {}
            decided => panic!("the reader asks for more while it holds {} bytes: {decided:?}", held.len()),
        }
        let rest = self.body.len() - self.pulled;
        if rest == 0 {
            return Poll::Ready(None);
        }
        // Sizes that are all zero would never get through the body.
        let size = if self.sizes.iter().all(|&size| size == 0) {
            rest
        } else {
            let size = self.sizes[self.turn % self.sizes.len()];
            self.turn += 1;
            size.min(rest)
        };
        let chunk = self.body.slice(self.pulled..self.pulled + size);
        self.pulled += size;
        Poll::Ready(Some(Ok(chunk)))
    }
}

/// The output of a future that must not wait: the body it reads never does.
fn now<F: Future>(future: F) -> F::Output {
    match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("the reader waits, yet the body never does"),
    }
}
