//! Sending one operation: endpoint, SigV4 signing, retries and time-outs, and
//! turning the response into the operation's output or error.
//!
//! A generated client holds a [`Handle`], made from a [`Config`] and its
//! service's [`ServiceInfo`]; each operation is an [`Operation`] whose input
//! becomes an [`HttpRequest`]. Everything here is compiled once, in this
//! crate, whatever the number of services and operations a program calls.

use std::borrow::Cow;
use std::future::{poll_fn, Future};
use std::pin::pin;
use std::sync::{Arc, OnceLock};
use std::task::Poll;
use std::time::{Duration, SystemTime};

use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;

use crate::config::Config;
use crate::endpoint::rules::RuleSet;
use crate::endpoint::{Endpoint, EndpointError, Partitions, Value};
use crate::error::{SdkError, Unhandled};
use crate::http::{HttpClient, Response};
use crate::retry::{self, RetryBehavior};

pub(crate) mod credentials_cache;

/// The error of a call that needs a region when none is configured.
const NO_REGION: &str = "no region is configured: set one with `Config::builder().region(..)` or AWS_REGION";

/// Why calls cannot go out with the configured region: it goes into the endpoint's host, so it
/// must be one host label; and without an endpoint URL the rule set needs one.
fn region_problem(config: &Config, rules: &RuleSet) -> Option<String> {
    match config.region.as_deref() {
        Some(region) if !crate::endpoint::is_valid_region(region) => Some(format!(
            "the region `{}` is not a valid region name (letters, digits and hyphens, as in `us-east-1`)",
            region.escape_debug()
        )),
        None if config.endpoint_url.is_none() && rules.reads_region() => Some(NO_REGION.to_owned()),
        _ => None,
    }
}

/// What the model says about a service, for signing, endpoints and configuration: the one
/// thing a generated crate gives the runtime about its service as a whole.
#[derive(Debug)]
pub struct ServiceInfo {
    /// The service's `sdkId`, such as `RoboMaker`, by which `aws-config` finds its settings.
    pub sdk_id: &'static str,
    /// The name requests are signed for (`aws.auth#sigv4`), such as `robomaker`.
    pub signing_name: &'static str,
    /// The `<SERVICE>` of `AWS_ENDPOINT_URL_<SERVICE>`: the `sdkId` in upper case, spaces as
    /// `_` (`ROBOMAKER`, `IOT_JOBS_DATA_PLANE`); in lower case, its key in a profile's
    /// `services` section.
    pub env_name: &'static str,
    /// The `User-Agent` of its requests: the generated crate's name and version.
    pub user_agent: &'static str,
    /// The model's endpoint rule set.
    pub rules: &'static RuleSet,
}

/// Whether an operation's requests are signed (`@auth`, `@optionalAuth`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signing {
    /// Signed; credentials are required.
    Required,
    /// Signed when credentials are configured.
    Optional,
    /// Never signed.
    Anonymous,
}

/// What the generated code of each operation provides.
pub trait Operation {
    /// The operation's name in the model.
    const NAME: &'static str;
    /// Whether its requests are signed.
    const SIGNING: Signing;
    /// The operation's output.
    type Output;
    /// The operation's error enum.
    type Error: From<Unhandled>;

    /// Reads a successful response: `body` is its body, or `{}` when the body
    /// was empty; members bound to headers and the status come from
    /// `response`. An error says what is wrong.
    fn deserialize_output(response: &Response, body: &[u8], request_id: Option<String>)
        -> Result<Self::Output, String>;

    /// Reads an error response of a modeled error `code`; `None` for codes the
    /// operation does not know.
    fn deserialize_error(
        code: &str,
        response: &Response,
        body: &[u8],
        request_id: Option<String>,
    ) -> Option<Result<Self::Error, serde_json::Error>>;
}

/// A serialized request, before the endpoint and signature are added.
#[derive(Debug)]
pub struct HttpRequest {
    /// The HTTP method, such as `POST`.
    pub method: &'static str,
    /// The path and query, already percent-encoded.
    pub path: String,
    /// Headers from members bound to them, names in lower case.
    pub headers: Vec<(String, String)>,
    /// The serialized body.
    pub body: Vec<u8>,
    /// `None` when the input has no body at all: then neither `Content-Type`
    /// nor `Content-Length` is sent. A `Content-Type` header member wins.
    pub content_type: Option<&'static str>,
    /// `@endpoint`'s host prefix, labels filled in, put before the endpoint's host.
    pub host_prefix: Option<String>,
    /// `@requestCompression`: how to compress the body, for operations that may.
    pub compress: Option<Compress>,
    /// The body when it is a stream (an input's `@streaming` blob); `body` is then empty.
    pub stream: Option<RequestStream>,
}

/// A request body that is a stream: an input's `@streaming` blob payload, or its event stream.
#[derive(Debug)]
pub struct RequestStream {
    source: Source,
    /// `@requiresLength`: the service needs its length (`Content-Length`), so a stream of
    /// unknown length is refused before anything is sent.
    requires_length: bool,
    /// `aws.auth#unsignedPayload`: the body is not part of the signature.
    unsigned: bool,
    /// `@httpChecksumRequired`: how to compute the `Content-MD5` header of the body, which
    /// only a body in memory can have before it is sent.
    content_md5: Option<fn(&[u8]) -> String>,
    /// The request must go over HTTP/2 (`http::RequiresHttp2`).
    http2: bool,
}

#[derive(Debug)]
enum Source {
    Bytes(crate::primitives::ByteStream),
    /// Messages, each signed after the one before once the request's signature is known.
    #[cfg(feature = "event-stream")]
    Events(Option<crate::event_stream::EventMessages>),
}

impl RequestStream {
    /// A `@streaming` blob payload.
    pub fn bytes(body: crate::primitives::ByteStream) -> Self {
        Self { source: Source::Bytes(body), requires_length: false, unsigned: false, content_md5: None, http2: false }
    }

    /// An event stream: signed with the request's signature as the seed of the chain, sent as
    /// the events come, ended with a signed empty message.
    #[cfg(feature = "event-stream")]
    pub fn events(messages: crate::event_stream::EventMessages) -> Self {
        Self {
            source: Source::Events(Some(messages)),
            requires_length: false,
            unsigned: false,
            content_md5: None,
            http2: false,
        }
    }

    /// `@requiresLength`: refused before anything is sent when its length is not known.
    pub fn requires_length(mut self) -> Self {
        self.requires_length = true;
        self
    }

    /// `aws.auth#unsignedPayload`: not part of the signature, even in memory.
    pub fn unsigned(mut self) -> Self {
        self.unsigned = true;
        self
    }

    /// `@httpChecksumRequired`: sent with its `Content-MD5`, computed by `content_md5`; only a
    /// body in memory can be.
    pub fn content_md5(mut self, content_md5: fn(&[u8]) -> String) -> Self {
        self.content_md5 = Some(content_md5);
        self
    }

    /// The request must go over HTTP/2: an event stream of a service whose event streams need
    /// it (`eventStreamHttp: ["h2"]`).
    pub fn http2(mut self) -> Self {
        self.http2 = true;
        self
    }

    /// The bytes of a body in memory.
    fn in_memory(&self) -> Option<&[u8]> {
        match &self.source {
            Source::Bytes(body) => body.bytes(),
            #[cfg(feature = "event-stream")]
            Source::Events(_) => None,
        }
    }

    /// The body's length, when it is known before it is sent.
    fn content_length(&self) -> Option<u64> {
        match &self.source {
            Source::Bytes(body) => body.content_length(),
            #[cfg(feature = "event-stream")]
            Source::Events(_) => None,
        }
    }

    /// The body for one attempt; `None` once a stream that can be read only once has gone.
    fn body_for_attempt(&mut self, signer: Option<EventSigner<'_>>) -> (crate::primitives::ByteStream, bool) {
        // Only an event stream has messages to sign.
        let _ = &signer;
        match &mut self.source {
            Source::Bytes(body) => match body.try_clone() {
                Some(copy) => (copy, false),
                None => (std::mem::take(body), true),
            },
            #[cfg(feature = "event-stream")]
            Source::Events(messages) => {
                let body = match messages.take() {
                    Some(messages) => messages.into_body(signer.map(|signer| {
                        let EventSigner { identity, region, name, seed, clock } = signer;
                        (crate::event_stream::MessageSigner::new(identity.clone(), region, name, seed), clock)
                    })),
                    None => crate::primitives::ByteStream::default(),
                };
                (body, true)
            }
        }
    }
}

/// What signs the messages of an event stream: the request's signer and its signature.
struct EventSigner<'a> {
    #[cfg_attr(not(feature = "event-stream"), allow(dead_code))]
    identity: &'a Identity,
    #[cfg_attr(not(feature = "event-stream"), allow(dead_code))]
    region: &'a str,
    #[cfg_attr(not(feature = "event-stream"), allow(dead_code))]
    name: &'a str,
    #[cfg_attr(not(feature = "event-stream"), allow(dead_code))]
    seed: String,
    #[cfg_attr(not(feature = "event-stream"), allow(dead_code))]
    clock: Option<Arc<dyn Fn() -> SystemTime + Send + Sync>>,
}

/// A request ready to go, and its signature when it was signed (in hex): the seed of an event
/// stream's chain.
type Signed = (http::Request<Vec<u8>>, Option<String>);

/// What the signature covers of the body, and the request's body as it goes out.
enum Payload<'a> {
    /// `HttpRequest::body`.
    Whole,
    /// A stream: signed only when it is in memory and may be signed.
    Stream(&'a RequestStream),
}

/// A signed request, its body in memory or a stream.
enum Outgoing {
    Whole(http::Request<Vec<u8>>),
    Streaming(crate::http::StreamRequest),
}

/// Compresses a body; `None` sends it as it is.
pub type Compress = fn(&[u8]) -> Option<Vec<u8>>;

/// What a client shares between its clones: the configuration as its service
/// uses it, the service, and the endpoint and retry quota that follow from them.
pub struct Handle {
    config: Config,
    service: &'static ServiceInfo,
    user_agent: http::HeaderValue,
    /// The endpoint depends only on the configuration, so it is resolved once.
    endpoint: OnceLock<Result<Endpoint, EndpointError>>,
    /// Whether the endpoint's URL is absolute (a scheme and a host), found once with it.
    endpoint_is_absolute: OnceLock<bool>,
    /// What the retries of this client's partition may still spend.
    retry_quota: Arc<retry::Quota>,
    /// What is wrong with the configuration, found once: every call fails with it.
    config_problem: Option<String>,
}

impl std::fmt::Debug for Handle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Handle")
            .field("service", &self.service.sdk_id)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// How a response is read: whole, or its body as it arrives.
#[derive(Debug, Clone, Copy)]
enum Reading {
    Whole,
    Streaming,
}

/// A successful response, read as asked.
enum Received {
    Whole(Response),
    Streaming(crate::http::StreamResponse),
}

impl Received {
    fn status(&self) -> http::StatusCode {
        match self {
            Received::Whole(response) => response.status(),
            Received::Streaming(response) => response.status(),
        }
    }
}

/// `future`'s output, or `Err(limit)` when it has not finished within `limit` (no limit: it
/// may take as long as it takes). `future` is awaited in one place whether or not there is a
/// limit: a `match` awaiting `tokio::time::timeout(limit, future)` in one arm and `future` in the
/// other compiles `future`'s code twice, in each build of every program.
async fn within<F: Future>(limit: Option<Duration>, future: F) -> Result<F::Output, Duration> {
    let mut future = pin!(future);
    let mut timer = pin!(limit.map(tokio::time::sleep));
    poll_fn(|cx| {
        if let Poll::Ready(output) = future.as_mut().poll(cx) {
            return Poll::Ready(Ok(output));
        }
        match (timer.as_mut().as_pin_mut(), limit) {
            (Some(timer), Some(limit)) => timer.poll(cx).map(|()| Err(limit)),
            _ => Poll::Pending,
        }
    })
    .await
}

/// One request and its response: `Ok(Err(..))` is an error response, read whole (errors are
/// small and are read as a whole, whatever the operation).
async fn exchange(
    http: &dyn HttpClient,
    request: Outgoing,
    reading: Reading,
) -> Result<Result<Received, Response>, crate::http::TransportError> {
    let response = match (request, reading) {
        (Outgoing::Whole(request), Reading::Whole) => {
            let response = http.send(request).await?;
            return Ok(if response.status().is_success() { Ok(Received::Whole(response)) } else { Err(response) });
        }
        (Outgoing::Whole(request), Reading::Streaming) => {
            http.send_streaming(request.map(crate::primitives::ByteStream::from)).await?
        }
        (Outgoing::Streaming(request), _) => http.send_streaming(request).await?,
    };
    if response.status().is_success() {
        if let Reading::Streaming = reading {
            return Ok(Ok(Received::Streaming(response)));
        }
    }
    let (parts, body) = response.into_parts();
    let response = Response::from_parts(parts, body.collect().await?.into());
    Ok(if response.status().is_success() { Ok(Received::Whole(response)) } else { Err(response) })
}

/// What the generated code of an operation whose output holds a stream adds: where the stream
/// goes. [`Operation::deserialize_output`] reads the rest of the output from the response's
/// headers (and, under awsJson, from the event stream's `initial-response` message).
pub trait StreamingOperation: Operation {
    /// Whether the output's other members come in an `initial-response` message at the start of
    /// the event stream (awsJson), rather than in headers.
    const INITIAL_RESPONSE: bool;

    /// Puts the response's body, `streamed`, into `output`.
    fn attach(output: &mut Self::Output, streamed: Streamed);
}

/// A response body being read as it arrives, and where it comes from: what
/// [`StreamingOperation::attach`] puts into an output.
#[derive(Debug)]
pub struct Streamed {
    body: crate::primitives::ByteStream,
    operation: &'static str,
    status: u16,
    request_id: Option<String>,
    /// The frames, once the `initial-response` message was looked for.
    #[cfg(feature = "event-stream")]
    frames: Option<crate::event_stream::FrameReader>,
}

impl Streamed {
    fn new(
        body: crate::primitives::ByteStream,
        operation: &'static str,
        status: u16,
        request_id: Option<String>,
    ) -> Self {
        Self {
            body,
            operation,
            status,
            request_id,
            #[cfg(feature = "event-stream")]
            frames: None,
        }
    }

    /// The body, for an output's `@streaming` blob.
    pub fn into_body(self) -> crate::primitives::ByteStream {
        self.body
    }

    /// The operation whose response it is.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The response's status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The request ID the service sent.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The payload of the `initial-response` message, when the event stream starts with one.
    #[cfg(feature = "event-stream")]
    async fn initial_response<E>(&mut self) -> Result<Option<Vec<u8>>, SdkError<E>> {
        let mut frames = crate::event_stream::FrameReader::new(std::mem::take(&mut self.body));
        let initial = frames
            .initial_response()
            .await
            .map_err(|err| err.into_sdk_error(self.operation, self.status, self.request_id.clone()));
        self.frames = Some(frames);
        initial
    }

    #[cfg(not(feature = "event-stream"))]
    async fn initial_response<E>(&mut self) -> Result<Option<Vec<u8>>, SdkError<E>> {
        Ok(None)
    }

    /// The frames of the body, for an output's event stream.
    #[cfg(feature = "event-stream")]
    pub(crate) fn into_frames(self) -> (crate::event_stream::FrameReader, StreamOrigin) {
        let origin = StreamOrigin { operation: self.operation, status: self.status, request_id: self.request_id };
        (self.frames.unwrap_or_else(|| crate::event_stream::FrameReader::new(self.body)), origin)
    }
}

/// Where a stream's errors come from, for them to say.
#[cfg(feature = "event-stream")]
#[derive(Debug, Clone)]
pub(crate) struct StreamOrigin {
    pub(crate) operation: &'static str,
    pub(crate) status: u16,
    pub(crate) request_id: Option<String>,
}

/// How a call ended without a successful response: an error response, for the operation to
/// read as one of its errors, or an error that does not depend on the operation.
enum Failed {
    Service(Response, ErrorMeta),
    Other(SdkError<std::convert::Infallible>),
}

/// How one attempt ended, when it did not end the operation.
enum Failure {
    /// An error response, with its code and message read once.
    Response(Response, ErrorMeta),
    Transport(crate::http::TransportError),
    Timeout(Duration),
}

impl Failure {
    /// How the call ends when this attempt, its `attempts`th, is the last.
    fn end(self, operation: &'static str, attempts: u32) -> Failed {
        match self {
            Failure::Response(response, meta) => Failed::Service(response, meta),
            Failure::Transport(source) => Failed::Other(SdkError::Transport { operation, attempts, source }),
            Failure::Timeout(after) => Failed::Other(SdkError::Timeout { operation, after }),
        }
    }
}

impl Handle {
    /// The handle of a client of `service` with `config`, with the endpoint URL the
    /// configuration's environment gives that service.
    pub fn new(config: Config, service: &'static ServiceInfo) -> Self {
        let config = config.for_service(service);
        let retry_quota = retry::partition_quota(&config.retry_partition_name(service));
        let user_agent = http::HeaderValue::from_str(service.user_agent);
        let config_problem = match &user_agent {
            Ok(_) => region_problem(&config, service.rules),
            Err(_) => {
                Some(format!("the user agent `{}` is not a valid header value", service.user_agent.escape_debug()))
            }
        };
        let user_agent = user_agent.unwrap_or_else(|_| http::HeaderValue::from_static("smithy-lean-runtime"));
        Self {
            config,
            service,
            user_agent,
            endpoint: OnceLock::new(),
            endpoint_is_absolute: OnceLock::new(),
            retry_quota,
            config_problem,
        }
    }

    /// The configuration as this client uses it: the endpoint URL is the one its service gets.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The service the client calls.
    pub fn service(&self) -> &'static ServiceInfo {
        self.service
    }

    /// The configured clock, or the system's.
    fn now(&self) -> SystemTime {
        self.config.time_source.as_ref().map_or_else(SystemTime::now, |now| now())
    }

    /// Sends `request` as operation `O`, within the operation time-out, and reads the response
    /// as `O`'s output or error. Only that reading depends on `O`: sending, signing and retrying
    /// are compiled once, not again for each operation a program calls.
    pub async fn invoke<O: Operation>(&self, request: HttpRequest) -> Result<O::Output, SdkError<O::Error>> {
        match self.send(O::NAME, O::SIGNING, request, Reading::Whole).await {
            Ok(Received::Whole(response)) => read_output::<O>(&response),
            // Not asked for; read whole all the same.
            Ok(Received::Streaming(response)) => {
                let (parts, body) = response.into_parts();
                let body = body.collect().await.map_err(|source| SdkError::Transport {
                    operation: O::NAME,
                    attempts: 1,
                    source,
                })?;
                read_output::<O>(&Response::from_parts(parts, body.into()))
            }
            Err(Failed::Service(response, meta)) => Err(service_error::<O>(&response, meta)),
            Err(Failed::Other(error)) => Err(error.map_service_error(|never| match never {})),
        }
    }

    /// [`invoke`](Self::invoke) for an operation whose output holds a stream: the call ends with
    /// the response's headers (the time-outs and retries cover it up to there), and the body is
    /// read as it arrives, through the output.
    pub async fn invoke_streaming<O: StreamingOperation>(
        &self,
        request: HttpRequest,
    ) -> Result<O::Output, SdkError<O::Error>> {
        let response = match self.send(O::NAME, O::SIGNING, request, Reading::Streaming).await {
            Ok(Received::Streaming(response)) => response,
            Ok(Received::Whole(response)) => response.map(crate::primitives::ByteStream::from),
            Err(Failed::Service(response, meta)) => return Err(service_error::<O>(&response, meta)),
            Err(Failed::Other(error)) => return Err(error.map_service_error(|never| match never {})),
        };
        read_streamed::<O>(response).await
    }

    async fn send(
        &self,
        operation: &'static str,
        signing: Signing,
        request: HttpRequest,
        reading: Reading,
    ) -> Result<Received, Failed> {
        let mut request = self.compressed(request);
        let stream = request.stream.take();
        if let Some(stream @ RequestStream { content_md5: Some(md5), .. }) = &stream {
            let Some(bytes) = stream.in_memory() else {
                return Err(Failed::Other(SdkError::Request {
                    operation,
                    message: "the operation needs the Content-MD5 of its body, which a stream cannot give before it is sent: send the bytes (`ByteStream::from(Vec<u8>)`)".to_owned(),
                }));
            };
            request.headers.push(("content-md5".to_owned(), md5(bytes)));
        }
        match within(self.config.operation_timeout, self.attempts(operation, signing, &request, stream, reading)).await
        {
            Ok(result) => result,
            Err(limit) => Err(Failed::Other(SdkError::Timeout { operation, after: limit })),
        }
    }

    /// `@requestCompression`: a body of at least the configured size goes
    /// gzip-compressed, `Content-Encoding` naming gzip after what the input set.
    /// Once per call: every attempt sends the same bytes.
    fn compressed(&self, mut request: HttpRequest) -> HttpRequest {
        // A stream is sent as it is read, so it is not compressed.
        let Some(compress) = request.compress.filter(|_| request.stream.is_none()) else { return request };
        let small = (request.body.len() as u64) < u64::from(self.config.request_min_compression_size_bytes);
        if self.config.disable_request_compression || small {
            return request;
        }
        let Some(body) = compress(&request.body) else { return request };
        request.body = body;
        let encoding = request
            .headers
            .iter_mut()
            .find(|(name, value)| name.eq_ignore_ascii_case("content-encoding") && !value.is_empty());
        match encoding {
            Some((_, value)) => value.push_str(", gzip"),
            None => request.headers.push(("content-encoding".to_owned(), "gzip".to_owned())),
        }
        request
    }

    /// The response of the first attempt that gets a successful one, or how the last attempt
    /// failed.
    async fn attempts(
        &self,
        operation: &'static str,
        signing: Signing,
        request: &HttpRequest,
        mut stream: Option<RequestStream>,
        reading: Reading,
    ) -> Result<Received, Failed> {
        let config_error = |message: String| Failed::Other(SdkError::Config { operation, message });
        if let Some(problem) = &self.config_problem {
            return Err(config_error(problem.clone()));
        }
        check_headers(&request.headers).map_err(|message| Failed::Other(SdkError::Request { operation, message }))?;
        if stream.as_ref().is_some_and(|stream| stream.requires_length && stream.content_length().is_none()) {
            return Err(Failed::Other(SdkError::Request {
                operation,
                message: "the operation needs the length of its streaming body: give it with `ByteStream::with_content_length`, or send a file (`ByteStream::from_path`) or bytes".to_owned(),
            }));
        }
        let endpoint = self
            .endpoint()
            .map_err(|source| Failed::Other(SdkError::Endpoint { operation, source: source.clone() }))?;
        let auth = SigningOverrides::from(endpoint);
        let region = auth.region.or(self.config.region.as_deref());
        let signing_name = auth.name.unwrap_or(self.service.signing_name);
        let provider = match (signing, self.config.credentials.as_ref()) {
            (Signing::Anonymous, _) | (Signing::Optional, None) => None,
            (_, Some(provider)) => Some(provider),
            (Signing::Required, None) => {
                let message = match &self.config.credentials_hint {
                    Some(hint) => format!(
                        "no credentials are configured: {hint}; plug in a provider that does, such as aws-config's, with `Config::builder().credentials_provider(..)`"
                    ),
                    None => "no credentials are configured: set them with `Config::builder().credentials(..)` or `.credentials_provider(..)`, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY".to_owned(),
                };
                return Err(config_error(message));
            }
        };
        let signer = match provider {
            None => None,
            Some(provider) => Some((provider, region.ok_or_else(|| config_error(NO_REGION.into()))?)),
        };
        let base = endpoint.url().trim_end_matches('/');
        // The rule set passes a configured endpoint URL through as it is given.
        let absolute = *self.endpoint_is_absolute.get_or_init(|| {
            base.parse::<http::Uri>().is_ok_and(|uri| uri.scheme().is_some() && uri.authority().is_some())
        });
        if !absolute {
            return Err(config_error(format!(
                "the endpoint URL `{}` is not an absolute URL with a scheme and a host, such as `https://example.com`",
                endpoint.url()
            )));
        }
        let base = match &request.host_prefix {
            Some(prefix) => Cow::Owned(with_host_prefix(base, prefix).map_err(config_error)?),
            None => Cow::Borrowed(base),
        };
        let url = format!("{base}{}", request.path);
        let uri: http::Uri =
            url.parse().map_err(|err| config_error(format!("the endpoint URL `{url}` is not valid: {err}")))?;

        let http = self.http_client().map_err(config_error)?;
        let target = Target { uri: &uri, url: &url, signing_name, headers: endpoint.headers() };

        let mut attempt = 1;
        // What the last retry cost the quota, refunded if it succeeds.
        let mut retry_cost = None;
        // A stream that is not in memory can be sent once: once it has gone, there is no retry.
        let mut spent = false;
        loop {
            // Asked each attempt: a retry after a long backoff may need credentials newer than
            // the first attempt's.
            let identity = match signer {
                None => None,
                Some(((provider, cache), region)) => {
                    let identity = cache.get(provider, self.now()).await.map_err(|source| {
                        Failed::Other(SdkError::Credentials { operation, source: Box::new(source) })
                    })?;
                    Some((identity, region))
                }
            };
            let payload = stream.as_ref().map_or(Payload::Whole, Payload::Stream);
            let (signed, seed) = self.sign(request, &target, identity.as_ref(), &payload).map_err(|err| {
                Failed::Other(SdkError::Request {
                    operation,
                    message: format!("the request could not be signed: {err}"),
                })
            })?;
            let signed = match &mut stream {
                None => Outgoing::Whole(signed),
                Some(stream) => {
                    let signer = match (&identity, seed) {
                        (Some((identity, region)), Some(seed)) => Some(EventSigner {
                            identity,
                            region,
                            name: target.signing_name,
                            seed,
                            clock: self.config.time_source.clone(),
                        }),
                        _ => None,
                    };
                    let (body, once) = stream.body_for_attempt(signer);
                    spent |= once;
                    let mut signed = signed.map(|_| body);
                    if stream.http2 {
                        signed.extensions_mut().insert(crate::http::RequiresHttp2);
                    }
                    Outgoing::Streaming(signed)
                }
            };
            let outcome = within(self.config.attempt_timeout, exchange(&*http, signed, reading)).await;
            let failure = match outcome {
                Ok(Ok(Ok(received))) => {
                    self.retry_quota.release(retry_cost);
                    tracing::debug!(operation, attempt, status = received.status().as_u16(), "attempt succeeded");
                    return Ok(received);
                }
                Ok(Ok(Err(response))) => {
                    let meta = ErrorMeta::read(&response);
                    Failure::Response(response, meta)
                }
                Ok(Err(error)) => Failure::Transport(error),
                Err(limit) => Failure::Timeout(limit),
            };
            let kind = match &failure {
                Failure::Response(response, meta) => {
                    let status = response.status().as_u16();
                    tracing::debug!(operation, attempt, status, code = meta.code.as_deref(), "attempt failed");
                    retry::classify(status, meta.code.as_deref())
                }
                Failure::Transport(error) => {
                    tracing::debug!(operation, attempt, %error, "attempt failed");
                    Some(retry::Kind::NoResponse)
                }
                Failure::Timeout(limit) => {
                    tracing::debug!(operation, attempt, ?limit, "attempt timed out");
                    Some(retry::Kind::NoResponse)
                }
            };
            let Some(kind) = kind.filter(|_| attempt < self.config.max_attempts && !spent) else {
                return Err(failure.end(operation, attempt));
            };
            let behavior = self.config.retry_behavior;
            let cost = behavior.retry_cost(kind);
            if !self.retry_quota.acquire(cost) {
                tracing::debug!(operation, attempt, "not retrying: the retry quota of the client's partition is spent");
                return Err(failure.end(operation, attempt));
            }
            retry_cost = Some(cost);
            attempt += 1;
            let retry_after = match (&failure, behavior) {
                (Failure::Response(response, _), RetryBehavior::Standard2026) => retry::retry_after(response.headers()),
                _ => None,
            };
            let wait = retry::backoff(behavior, kind, attempt, retry_after);
            tracing::debug!(operation, attempt, ?kind, ?wait, "retrying");
            tokio::time::sleep(wait).await;
        }
    }

    /// The endpoint the rule set gives for the configuration's built-ins.
    fn endpoint(&self) -> Result<&Endpoint, &EndpointError> {
        self.endpoint
            .get_or_init(|| {
                let config = &self.config;
                let params: Vec<(&str, Value)> = self
                    .service
                    .rules
                    .parameters()
                    .filter_map(|(name, built_in)| {
                        let value = match built_in? {
                            "AWS::Region" => Value::String(config.region.clone()?),
                            "AWS::UseFIPS" => Value::Bool(config.use_fips),
                            "AWS::UseDualStack" => Value::Bool(config.use_dual_stack),
                            "SDK::Endpoint" => Value::String(config.endpoint_url.clone()?),
                            _ => return None,
                        };
                        Some((name, value))
                    })
                    .collect();
                let partitions = config.partitions.as_ref().unwrap_or_else(|| Partitions::builtin());
                self.service.rules.resolve(&params, partitions)
            })
            .as_ref()
    }

    fn http_client(&self) -> Result<Arc<dyn HttpClient>, String> {
        if let Some(client) = &self.config.http_client {
            return Ok(client.clone());
        }
        self.config.default_http_client.get_or_init(|| self.default_http_client()).clone()
    }

    #[cfg(feature = "default-https-client")]
    fn default_http_client(&self) -> Result<Arc<dyn HttpClient>, String> {
        crate::http::HyperClient::new(Some(self.config.connect_timeout))
            .map(|client| Arc::new(client) as Arc<dyn HttpClient>)
            .map_err(|err| format!("the HTTP client could not be created: {err}"))
    }

    #[cfg(not(feature = "default-https-client"))]
    fn default_http_client(&self) -> Result<Arc<dyn HttpClient>, String> {
        Err("no HTTP client: the client was built without the `default-https-client` feature, \
             so one must be set with `ConfigBuilder::http_client`"
            .to_owned())
    }

    /// The request with its headers and SigV4 signature; signed anew for each
    /// attempt, so a retry after a long backoff is not refused as stale.
    fn sign(
        &self,
        request: &HttpRequest,
        target: &Target<'_>,
        signer: Option<&(Identity, &str)>,
        payload: &Payload<'_>,
    ) -> Result<Signed, Box<dyn std::error::Error + Send + Sync>> {
        let uri = target.uri;
        let mut builder = http::Request::builder().method(request.method).uri(uri.clone());
        if let Some(host) = uri.authority() {
            builder = builder.header(http::header::HOST, host.as_str());
        }
        let header_member = |name: &str| {
            request.headers.iter().any(|(member, value)| member.eq_ignore_ascii_case(name) && !value.is_empty())
        };
        if let Some(content_type) = request.content_type.filter(|_| !header_member("content-type")) {
            builder = builder.header(http::header::CONTENT_TYPE, content_type);
        }
        // An empty header is not sent (restJson1): an empty string, an empty list.
        for (name, value) in request.headers.iter().filter(|(_, value)| !value.is_empty()) {
            builder = builder.header(name.as_str(), value.as_str());
        }
        for (name, values) in target.headers {
            for value in values {
                builder = builder.header(name.as_str(), value.as_str());
            }
        }
        // A stream's body is put in once the request is signed.
        let body = match payload {
            Payload::Whole => request.body.clone(),
            Payload::Stream(_) => Vec::new(),
        };
        let mut http_request = builder.header(http::header::USER_AGENT, self.user_agent.clone()).body(body)?;

        // The signature, which chains an event stream's messages.
        let mut seed = None;
        if let Some((identity, region)) = signer {
            let time = self.now();
            let mut settings = SigningSettings::default();
            // What is signed of a stream: its bytes when they are in memory and may be signed,
            // otherwise `UNSIGNED-PAYLOAD`, which the `x-amz-content-sha256` header says.
            let signable_body = match payload {
                Payload::Whole => SignableBody::Bytes(&request.body),
                // The messages of an event stream are signed one by one, chained to this signature.
                #[cfg(feature = "event-stream")]
                Payload::Stream(RequestStream { source: Source::Events(_), .. }) => {
                    settings.payload_checksum_kind = aws_sigv4::http_request::PayloadChecksumKind::XAmzSha256;
                    SignableBody::Precomputed("STREAMING-AWS4-HMAC-SHA256-EVENTS".to_owned())
                }
                Payload::Stream(stream) => match stream.in_memory().filter(|_| !stream.unsigned) {
                    Some(bytes) => SignableBody::Bytes(bytes),
                    None => {
                        settings.payload_checksum_kind = aws_sigv4::http_request::PayloadChecksumKind::XAmzSha256;
                        SignableBody::UnsignedPayload
                    }
                },
            };
            let params = v4::SigningParams::builder()
                .identity(identity)
                .region(region)
                .name(target.signing_name)
                .time(time)
                .settings(settings)
                .build()?
                .into();
            let headers = http_request
                .headers()
                .iter()
                .map(|(name, value)| value.to_str().map(|value| (name.as_str(), value)))
                .collect::<Result<Vec<_>, _>>()?;
            let signable = SignableRequest::new(request.method, target.url, headers.into_iter(), signable_body)?;
            let (instructions, signature) = sign(signable, &params)?.into_parts();
            instructions.apply_to_request_http1x(&mut http_request);
            seed = Some(signature);
        }
        let length = match payload {
            Payload::Whole => {
                (request.content_type.is_some() || !request.body.is_empty()).then_some(request.body.len() as u64)
            }
            // Without a length, a stream goes chunked.
            Payload::Stream(stream) => stream.content_length(),
        };
        if let Some(length) = length {
            http_request.headers_mut().insert(http::header::CONTENT_LENGTH, http::HeaderValue::from(length));
        }
        Ok((http_request, seed))
    }
}

/// Header members whose names or values HTTP cannot carry: CR and LF would end the header and
/// start another (header injection), and other control characters and non-ASCII text are not
/// valid either. The value is not shown, as it may be a token.
fn check_headers(headers: &[(String, String)]) -> Result<(), String> {
    for (name, value) in headers {
        if http::HeaderName::from_bytes(name.as_bytes()).is_err() {
            return Err(format!("`{}` is not a valid HTTP header name", name.escape_debug()));
        }
        if http::HeaderValue::from_str(value).is_err() {
            let what =
                if value.contains(['\r', '\n']) { "a line break" } else { "a character HTTP headers cannot carry" };
            return Err(format!(
                "the value of header `{name}` has {what} (control characters and non-ASCII text are not allowed)"
            ));
        }
    }
    Ok(())
}

/// Where and how one request is sent: its URL, the name it is signed for, and the
/// headers the endpoint asks for.
struct Target<'a> {
    uri: &'a http::Uri,
    /// `uri` as text, as the signer reads it.
    url: &'a str,
    signing_name: &'a str,
    headers: &'a [(String, Vec<String>)],
}

/// The signing name and region an endpoint's `authSchemes` property sets for SigV4, when it does.
#[derive(Default)]
struct SigningOverrides<'a> {
    name: Option<&'a str>,
    region: Option<&'a str>,
}

impl<'a> From<&'a Endpoint> for SigningOverrides<'a> {
    fn from(endpoint: &'a Endpoint) -> Self {
        let Some(Value::Array(schemes)) = endpoint.properties().get("authSchemes") else { return Self::default() };
        let sigv4 = schemes.iter().find_map(|scheme| match scheme {
            Value::Object(fields) if fields.get("name") == Some(&Value::String("sigv4".to_owned())) => Some(fields),
            _ => None,
        });
        let text = |key: &str| match sigv4?.get(key) {
            Some(Value::String(value)) => Some(value.as_str()),
            _ => None,
        };
        Self { name: text("signingName"), region: text("signingRegion") }
    }
}

/// `https://example.com` with prefix `foo.` is `https://foo.example.com`. The
/// prefix comes partly from the input (`@hostLabel`), so it must stay a host
/// name: dot-separated labels of letters, digits and inner `-`.
fn with_host_prefix(url: &str, prefix: &str) -> Result<String, String> {
    let valid = prefix.strip_suffix('.').unwrap_or(prefix).split('.').all(|label| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && label.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'-')
    });
    if !valid {
        return Err(format!(
            "the host prefix `{prefix}` is not a valid host name; check the members marked `@hostLabel`"
        ));
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err(format!("the endpoint URL `{url}` has no scheme"));
    };
    // The host starts after any user info, and an IP-literal host takes no prefix.
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host_start = rest[..authority_end].rfind('@').map_or(0, |at| at + 1);
    if rest[host_start..].starts_with('[') {
        return Err(format!("the endpoint URL `{url}` is an IP address, which cannot take the host prefix `{prefix}`"));
    }
    Ok(format!("{scheme}://{}{prefix}{}", &rest[..host_start], &rest[host_start..]))
}

/// The output of a successful response to `O` whose body is read as it arrives.
async fn read_streamed<O: StreamingOperation>(
    response: crate::http::StreamResponse,
) -> Result<O::Output, SdkError<O::Error>> {
    let (parts, body) = response.into_parts();
    let head = Response::from_parts(parts, Vec::new());
    let mut streamed = Streamed::new(body, O::NAME, head.status().as_u16(), request_id(&head));
    let initial = if O::INITIAL_RESPONSE { streamed.initial_response().await? } else { None };
    let mut output = deserialize_output::<O>(&head, initial.as_deref().unwrap_or_default())?;
    O::attach(&mut output, streamed);
    Ok(output)
}

/// What an operation with a streaming output reads from a response held in memory, as an
/// attempt that got it would: for protocol tests.
pub async fn read_streaming_response<O: StreamingOperation>(
    response: &Response,
) -> Result<O::Output, SdkError<O::Error>> {
    if response.status().is_success() {
        read_streamed::<O>(response.clone().map(crate::primitives::ByteStream::from)).await
    } else {
        Err(service_error::<O>(response, ErrorMeta::read(response)))
    }
}

/// What an operation reads from a response, as an attempt that got it would:
/// for protocol tests, which check the reading apart from the sending.
pub fn read_response<O: Operation>(response: &Response) -> Result<O::Output, SdkError<O::Error>> {
    if response.status().is_success() {
        read_output::<O>(response)
    } else {
        Err(service_error::<O>(response, ErrorMeta::read(response)))
    }
}

fn read_output<O: Operation>(response: &Response) -> Result<O::Output, SdkError<O::Error>> {
    deserialize_output::<O>(response, response.body())
}

/// `O`'s output from the response's head and `body` (an empty one reads as `{}`).
fn deserialize_output<O: Operation>(head: &Response, body: &[u8]) -> Result<O::Output, SdkError<O::Error>> {
    let body = if body.iter().all(u8::is_ascii_whitespace) { b"{}".as_slice() } else { body };
    O::deserialize_output(head, body, request_id(head)).map_err(|err| SdkError::Response {
        operation: O::NAME,
        status: head.status().as_u16(),
        request_id: request_id(head),
        message: format!("the response is not a valid {} output: {err}", O::NAME),
    })
}

/// A modeled error when the code is one the operation knows and its body
/// reads as that error; otherwise `Unhandled`, keeping everything received.
fn service_error<O: Operation>(response: &Response, meta: ErrorMeta) -> SdkError<O::Error> {
    let status = response.status().as_u16();
    let request_id = request_id(response);
    let body = if meta.is_json_object { response.body().as_slice() } else { b"{}".as_slice() };
    // An awsQuery code, when the service sends one, names the error first.
    let modeled = [meta.query_code.as_deref(), meta.code.as_deref()]
        .into_iter()
        .flatten()
        .find_map(|code| O::deserialize_error(code, response, body, request_id.clone()))
        .and_then(Result::ok);
    let error = modeled.unwrap_or_else(|| {
        let code = meta.query_code.or(meta.code);
        let unhandled = Unhandled::new(code, meta.message).with_status(status).with_body(response.body().clone());
        O::Error::from(unhandled.with_request_id(request_id.clone()))
    });
    SdkError::Service { operation: O::NAME, status, request_id, error }
}

/// The error code and message of an error response, found as restJson1, awsJson and
/// botocore find them: the same way in every JSON protocol.
struct ErrorMeta {
    code: Option<String>,
    /// The code of `x-amzn-query-error: Code;Fault`, which a service that moved from awsQuery
    /// to awsJson (`@awsQueryCompatible`) sends: the error's awsQuery code.
    query_code: Option<String>,
    message: Option<String>,
    is_json_object: bool,
}

impl ErrorMeta {
    fn read(response: &Response) -> Self {
        let body = serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(response.body()).ok();
        let field =
            |names: &[&str]| names.iter().find_map(|name| body.as_ref()?.get(*name)?.as_str()).map(str::to_owned);
        let header = crate::protocol::header(response, "x-amzn-errortype").map(str::to_owned);
        let code = header.or_else(|| field(&["code", "Code"])).or_else(|| field(&["__type"]));
        let query_code = crate::protocol::header(response, "x-amzn-query-error")
            .and_then(|value| value.split(';').next())
            .map(str::trim)
            .filter(|code| !code.is_empty())
            .map(str::to_owned);
        Self {
            code: code.map(|code| sanitize_code(&code).to_owned()).filter(|code| !code.is_empty()),
            query_code,
            message: field(&["message", "Message", "errorMessage"]),
            is_json_object: body.is_some(),
        }
    }
}

/// `aws.protocoltests#FooError:http://internal.amazon.com/` -> `FooError`:
/// cut at the first `:`, keep what follows the last `#`.
fn sanitize_code(code: &str) -> &str {
    let code = code.split(':').next().unwrap_or(code);
    code.rsplit('#').next().unwrap_or(code).trim()
}

fn request_id(response: &Response) -> Option<String> {
    ["x-amzn-requestid", "x-amz-request-id"]
        .iter()
        .find_map(|name| crate::protocol::header(response, name))
        .map(str::to_owned)
}

#[cfg(test)]
pub(crate) mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::http::{Request, ResponseFuture};

    /// A service for the runtime's own tests, with a small RoboMaker-like rule set.
    pub(crate) static SERVICE: ServiceInfo = ServiceInfo {
        sdk_id: "RoboMaker",
        signing_name: "robomaker",
        env_name: "ROBOMAKER",
        user_agent: "robomaker/0.1.0",
        rules: &crate::endpoint::eval::tests::ROBO,
    };

    /// Another service, as a second generated crate would describe it.
    static OTHER: ServiceInfo = ServiceInfo {
        sdk_id: "SSO",
        signing_name: "awsssoportal",
        env_name: "SSO",
        user_agent: "sso/0.1.0",
        rules: &crate::endpoint::eval::tests::ROBO,
    };

    /// Answers `200 {}` and keeps every request.
    #[derive(Debug, Default)]
    struct Recorder(Mutex<Vec<Request>>);

    impl HttpClient for Recorder {
        fn send(&self, request: Request) -> ResponseFuture<'_> {
            self.0.lock().unwrap_or_else(PoisonError::into_inner).push(request);
            Box::pin(async { Ok(http::Response::new(b"{}".to_vec())) })
        }
    }

    use std::sync::PoisonError;

    /// An operation with no input or output to speak of.
    struct Ping;

    impl Operation for Ping {
        const NAME: &'static str = "Ping";
        const SIGNING: Signing = Signing::Required;
        type Output = ();
        type Error = Unhandled;

        fn deserialize_output(_: &Response, _: &[u8], _: Option<String>) -> Result<(), String> {
            Ok(())
        }

        fn deserialize_error(
            _: &str,
            _: &Response,
            _: &[u8],
            _: Option<String>,
        ) -> Option<Result<Unhandled, serde_json::Error>> {
            None
        }
    }

    fn ping() -> HttpRequest {
        HttpRequest {
            method: "POST",
            path: "/ping".to_owned(),
            headers: Vec::new(),
            body: b"{}".to_vec(),
            content_type: Some("application/json"),
            host_prefix: None,
            compress: None,
            stream: None,
        }
    }

    #[tokio::test]
    async fn one_configuration_serves_several_services_each_with_its_own_name_and_agent() {
        let recorder = Arc::new(Recorder::default());
        let config = Config::builder()
            .region("us-east-1")
            .credentials(crate::Credentials::new("AKID", "SECRET", None))
            .http_client(recorder.clone())
            .build();
        let first = Handle::new(config.clone(), &SERVICE);
        let second = Handle::new(config, &OTHER);
        assert!(first.invoke::<Ping>(ping()).await.is_ok());
        assert!(second.invoke::<Ping>(ping()).await.is_ok());
        let requests = std::mem::take(&mut *recorder.0.lock().unwrap_or_else(PoisonError::into_inner));
        let seen: Vec<(String, String, String)> = requests
            .iter()
            .map(|request| {
                let header = |name| request.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
                let scope = header("authorization").split('/').nth(3).unwrap_or_default().to_owned();
                (request.uri().to_string(), header("user-agent"), scope)
            })
            .collect();
        assert_eq!(
            seen,
            [
                (
                    "https://robomaker.us-east-1.amazonaws.com/ping".to_owned(),
                    "robomaker/0.1.0".to_owned(),
                    "robomaker".to_owned()
                ),
                (
                    "https://robomaker.us-east-1.amazonaws.com/ping".to_owned(),
                    "sso/0.1.0".to_owned(),
                    "awsssoportal".to_owned()
                ),
            ]
        );
        assert_eq!(first.service().sdk_id, "RoboMaker");
    }

    #[test]
    fn each_service_gets_the_endpoint_url_its_environment_gives_and_code_wins() {
        let env = [("AWS_ENDPOINT_URL", "http://all"), ("AWS_ENDPOINT_URL_ROBOMAKER", "http://robomaker")];
        let env = env.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        let config = Config::from_vars(&env).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(config.endpoint_url(), Some("http://all"));
        assert_eq!(Handle::new(config.clone(), &SERVICE).config().endpoint_url(), Some("http://robomaker"));
        assert_eq!(Handle::new(config.clone(), &OTHER).config().endpoint_url(), Some("http://all"));
        let set = config.to_builder().endpoint_url("http://code").build();
        assert_eq!(Handle::new(set, &SERVICE).config().endpoint_url(), Some("http://code"));
    }

    #[test]
    fn the_default_retry_partition_names_the_service() {
        let config = Config::builder().region("eu-west-1").build();
        assert_eq!(config.retry_partition_name(&SERVICE), "robomaker-eu-west-1");
        assert_eq!(config.retry_partition_name(&OTHER), "awsssoportal-eu-west-1");
        let named = config.to_builder().retry_partition("mine").build();
        assert_eq!(named.retry_partition_name(&OTHER), "mine");
    }

    #[cfg(feature = "default-https-client")]
    #[test]
    fn clients_of_one_configuration_share_its_default_transport_until_it_changes() {
        let config = Config::builder().region("us-east-1").build();
        let transport = |handle: &Handle| handle.http_client().unwrap_or_else(|err| panic!("{err}"));
        let first = transport(&Handle::new(config.clone(), &SERVICE));
        let second = transport(&Handle::new(config.clone(), &OTHER));
        assert!(Arc::ptr_eq(&first, &second));
        let changed = config.to_builder().connect_timeout(Duration::from_secs(1)).build();
        assert!(!Arc::ptr_eq(&first, &transport(&Handle::new(changed, &SERVICE))));
    }

    /// Built without its default transport (`--no-default-features`), the crate says what to do
    /// instead of failing somewhere below.
    #[cfg(not(feature = "default-https-client"))]
    #[test]
    fn without_the_default_client_the_error_says_how_to_plug_one_in() {
        let handle = Handle::new(Config::builder().region("us-east-1").build(), &SERVICE);
        let Err(message) = handle.http_client() else { panic!("there is no client to give") };
        assert!(message.contains("`default-https-client` feature"), "{message}");
        assert!(message.contains("`ConfigBuilder::http_client`"), "{message}");
    }

    #[test]
    fn host_prefixes_go_before_the_host_and_must_stay_host_names() {
        assert_eq!(with_host_prefix("https://example.com", "foo.bar.").as_deref(), Ok("https://foo.bar.example.com"));
        assert_eq!(with_host_prefix("http://127.0.0.1:8080", "data-").as_deref(), Ok("http://data-127.0.0.1:8080"));
        assert_eq!(
            with_host_prefix("https://user@example.com/x", "foo.").as_deref(),
            Ok("https://user@foo.example.com/x")
        );
        assert!(with_host_prefix("http://[::1]:8080", "foo.").is_err());
        for bad in ["a/b.", "a..", "", "a b.", "x.@evil.com/", "-x."] {
            assert!(with_host_prefix("https://example.com", bad).is_err(), "`{bad}` must be refused");
        }
    }

    #[test]
    fn error_codes_are_sanitized() {
        assert_eq!(sanitize_code("FooError"), "FooError");
        assert_eq!(sanitize_code("aws.protocoltests.restjson#FooError"), "FooError");
        assert_eq!(sanitize_code("FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"), "FooError");
        assert_eq!(
            sanitize_code(
                "aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"
            ),
            "FooError"
        );
    }

    fn response(status: u16, headers: &[(&str, &str)], body: &str) -> Response {
        let mut builder = http::Response::builder().status(status);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(body.as_bytes().to_vec()).unwrap_or_else(|err| panic!("{err}"))
    }

    #[test]
    fn error_code_comes_from_header_then_code_then_type() {
        let read = |headers: &[(&str, &str)], body: &str| ErrorMeta::read(&response(400, headers, body)).code;
        assert_eq!(read(&[("X-Amzn-Errortype", "A:x")], r#"{"code":"B","__type":"C"}"#).as_deref(), Some("A"));
        assert_eq!(read(&[], r#"{"code":"B","__type":"C"}"#).as_deref(), Some("B"));
        assert_eq!(read(&[], r#"{"Code":"B2","__type":"C"}"#).as_deref(), Some("B2"));
        assert_eq!(read(&[], r#"{"__type":"ns#C"}"#).as_deref(), Some("C"));
        assert_eq!(read(&[], "not json"), None);
        let meta = ErrorMeta::read(&response(400, &[], r#"{"Message":"m"}"#));
        assert_eq!(meta.message.as_deref(), Some("m"));
    }

    /// An operation that knows one error by two codes, as an `@awsQueryCompatible` service's
    /// operations do: its awsQuery code and its shape name.
    struct Queue;

    impl Operation for Queue {
        const NAME: &'static str = "Queue";
        const SIGNING: Signing = Signing::Required;
        type Output = ();
        type Error = Unhandled;

        fn deserialize_output(_: &Response, _: &[u8], _: Option<String>) -> Result<(), String> {
            Ok(())
        }

        fn deserialize_error(
            code: &str,
            _: &Response,
            _: &[u8],
            _: Option<String>,
        ) -> Option<Result<Unhandled, serde_json::Error>> {
            matches!(code, "AWS.SimpleQueueService.NonExistentQueue" | "QueueDoesNotExist")
                .then(|| Ok(Unhandled::new(Some(format!("modeled {code}")), None)))
        }
    }

    #[test]
    fn a_query_error_header_names_the_error_first() {
        let code = |headers: &[(&str, &str)], body: &str| match read_response::<Queue>(&response(400, headers, body)) {
            Err(SdkError::Service { error, .. }) => error.code().map(str::to_owned),
            _ => None,
        };
        let query = [("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender")];
        let body = r#"{"__type":"com.amazonaws.sqs#QueueDoesNotExist"}"#;
        assert_eq!(code(&query, body).as_deref(), Some("modeled AWS.SimpleQueueService.NonExistentQueue"));
        assert_eq!(code(&[], body).as_deref(), Some("modeled QueueDoesNotExist"));
        // A query code the operation does not know: the body's code may still name the error.
        let other = [("x-amzn-query-error", "AWS.SimpleQueueService.Other;Sender")];
        assert_eq!(code(&other, body).as_deref(), Some("modeled QueueDoesNotExist"));
        // Unknown either way: unhandled, with the awsQuery code the service sent.
        assert_eq!(code(&other, r#"{"__type":"Nope"}"#).as_deref(), Some("AWS.SimpleQueueService.Other"));
    }
}
