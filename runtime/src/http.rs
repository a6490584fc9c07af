//! The transport: how a signed request reaches the service.
//!
//! [`HttpClient`] is the seam. The default, `HyperClient`, is hyper with
//! rustls (no OpenSSL) over HTTP/1.1; tests, benchmarks and users with their
//! own HTTP stack plug in anything else through
//! [`ConfigBuilder::http_client`](crate::config::ConfigBuilder::http_client).
//!
//! The default client is the `default-https-client` feature, of this crate
//! and of every generated crate, on by default. Built without it
//! (`default-features = false`), hyper, rustls and ring are not compiled,
//! and a client must be plugged in: sending without one is an error that
//! says so.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;

use crate::primitives::ByteStream;

/// A request as the transport sends it: the body is already serialized and
/// the request already signed.
pub type Request = http::Request<Vec<u8>>;

/// A response as the transport returns it, with the whole body read.
pub type Response = http::Response<Vec<u8>>;

/// The future an [`HttpClient`] returns.
pub type ResponseFuture<'a> = Pin<Box<dyn Future<Output = Result<Response, TransportError>> + Send + 'a>>;

/// A request extension saying the request must go over HTTP/2: an input event stream of a
/// service whose event streams need it (`eventStreamHttp: ["h2"]`). A transport that cannot
/// must fail the request rather than send it over HTTP/1.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequiresHttp2;

/// A request whose body may be a stream, sent as it is read: an input's `@streaming` blob.
pub type StreamRequest = http::Request<ByteStream>;

/// A response whose body is read as it arrives: a stream's.
pub type StreamResponse = http::Response<ByteStream>;

/// The future of [`HttpClient::send_streaming`]: it ends with the response's headers.
pub type StreamResponseFuture<'a> = Pin<Box<dyn Future<Output = Result<StreamResponse, TransportError>> + Send + 'a>>;

/// Sends requests. Implement it to use another HTTP stack, or to answer
/// requests in memory in tests and benchmarks.
pub trait HttpClient: Send + Sync + fmt::Debug {
    /// Sends `request` and reads the whole response. Time-outs of the
    /// attempt and the operation are applied by the caller; only the connect
    /// time-out is the transport's.
    fn send(&self, request: Request) -> ResponseFuture<'_>;

    /// Sends `request`, its body as it is read, and returns the response once its headers have
    /// come, its body to be read as it arrives: what operations with a streaming input or
    /// output call. The default reads the request's body whole and sends it with
    /// [`send`](Self::send), then hands over the whole response: right for a client that
    /// answers from memory. The default transport streams both ways.
    fn send_streaming(&self, request: StreamRequest) -> StreamResponseFuture<'_> {
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let body = body.collect().await?;
            let response = self.send(http::Request::from_parts(parts, body.into())).await?;
            Ok(response.map(ByteStream::from))
        })
    }
}

/// A shared client is a client, so one transport can serve several
/// configurations and a test can keep a handle on the one it plugs in.
impl<T: HttpClient + ?Sized> HttpClient for std::sync::Arc<T> {
    fn send(&self, request: Request) -> ResponseFuture<'_> {
        (**self).send(request)
    }

    fn send_streaming(&self, request: StreamRequest) -> StreamResponseFuture<'_> {
        (**self).send_streaming(request)
    }
}

/// What went wrong below HTTP: no response was received.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    source: Box<dyn StdError + Send + Sync>,
}

/// The kinds of [`TransportError`]; all of them are retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be established (refused, DNS, TLS).
    Connect,
    /// The connection was not established within the connect time-out.
    ConnectTimeout,
    /// The connection failed while the request or response was in flight.
    Io,
    /// Anything else the transport reports.
    Other,
}

impl TransportError {
    /// A transport failure of `kind` caused by `source`.
    pub fn new(kind: TransportErrorKind, source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        Self { kind, source: source.into() }
    }

    /// What kind of failure it was.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// The transport's own error, for example to downcast it to
    /// `std::io::Error` or `hyper::Error`.
    pub fn get_ref(&self) -> &(dyn StdError + Send + Sync + 'static) {
        self.source.as_ref()
    }

    /// The transport's own error, taken out.
    pub fn into_inner(self) -> Box<dyn StdError + Send + Sync> {
        self.source
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::ConnectTimeout => "timed out connecting",
            TransportErrorKind::Io => "the connection failed",
            TransportErrorKind::Other => "the transport failed",
        };
        write!(f, "{what}: ")?;
        crate::error::write_chain(f, self.source.as_ref())
    }
}

impl StdError for TransportError {
    /// `None`: `Display` already shows the whole chain of causes (HTTP
    /// clients' own messages, such as hyper's "client error (Connect)", say
    /// little without them). The cause itself is [`TransportError::get_ref`].
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        None
    }
}

#[cfg(feature = "default-https-client")]
mod default_client;

#[cfg(feature = "default-https-client")]
pub use default_client::{HyperClient, HyperClientBuilder, DEFAULT_BODY_STALL_TIMEOUT};
