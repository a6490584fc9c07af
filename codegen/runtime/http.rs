//! The transport: how a signed request reaches the service.
//!
//! [`HttpClient`] is the seam. The default, [`HyperClient`], is hyper with
//! rustls (no OpenSSL) over HTTP/1.1; tests, benchmarks and users with their
//! own HTTP stack plug in anything else through
//! [`ConfigBuilder::http_client`](crate::config::ConfigBuilder::http_client).

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// A request as the transport sends it: the body is already serialized and
/// the request already signed.
pub type Request = http::Request<Vec<u8>>;

/// A response as the transport returns it, with the whole body read.
pub type Response = http::Response<Vec<u8>>;

/// The future an [`HttpClient`] returns.
pub type ResponseFuture<'a> = Pin<Box<dyn Future<Output = Result<Response, TransportError>> + Send + 'a>>;

/// Sends requests. Implement it to use another HTTP stack, or to answer
/// requests in memory in tests and benchmarks.
pub trait HttpClient: Send + Sync + fmt::Debug {
    /// Sends `request` and reads the whole response. Time-outs of the
    /// attempt and the operation are applied by the caller; only the connect
    /// time-out is the transport's.
    fn send(&self, request: Request) -> ResponseFuture<'_>;
}

/// A shared client is a client, so one transport can serve several
/// configurations and a test can keep a handle on the one it plugs in.
impl<T: HttpClient + ?Sized> HttpClient for std::sync::Arc<T> {
    fn send(&self, request: Request) -> ResponseFuture<'_> {
        (**self).send(request)
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
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::ConnectTimeout => "timed out connecting",
            TransportErrorKind::Io => "the connection failed",
            TransportErrorKind::Other => "the transport failed",
        };
        write!(f, "{what}: {}", self.source)?;
        let mut cause = self.source.source();
        while let Some(inner) = cause {
            write!(f, ": {inner}")?;
            cause = inner.source();
        }
        Ok(())
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(self.source.as_ref())
    }
}

type Connector = hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>;

/// The default transport: hyper's pooled client with rustls and the Mozilla
/// root certificates (webpki-roots), HTTP/1.1, `http://` allowed for local
/// endpoints.
#[derive(Clone)]
pub struct HyperClient {
    client: hyper_util::client::legacy::Client<Connector, http_body_util::Full<bytes::Bytes>>,
}

impl HyperClient {
    /// A client whose connections must be established within
    /// `connect_timeout`, if one is given. Fails only if rustls cannot be
    /// set up with the ring crypto provider.
    pub fn new(connect_timeout: Option<Duration>) -> Result<Self, TransportError> {
        let mut http = hyper_util::client::legacy::connect::HttpConnector::new();
        http.enforce_http(false);
        http.set_connect_timeout(connect_timeout);
        http.set_nodelay(true);
        // An explicit crypto provider: relying on the process default panics
        // when another crate in the program enables a second rustls provider.
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())
            .map_err(|err| TransportError::new(TransportErrorKind::Other, err))?
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
            .build(connector);
        Ok(Self { client })
    }
}

impl fmt::Debug for HyperClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HyperClient")
    }
}

impl HttpClient for HyperClient {
    fn send(&self, request: Request) -> ResponseFuture<'_> {
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let request = http::Request::from_parts(parts, http_body_util::Full::new(bytes::Bytes::from(body)));
            let response = self.client.request(request).await.map_err(|err| {
                let kind = if err.is_connect() {
                    if is_timeout(&err) {
                        TransportErrorKind::ConnectTimeout
                    } else {
                        TransportErrorKind::Connect
                    }
                } else {
                    TransportErrorKind::Io
                };
                TransportError::new(kind, err)
            })?;
            let (parts, body) = response.into_parts();
            let body = http_body_util::BodyExt::collect(body)
                .await
                .map_err(|err| TransportError::new(TransportErrorKind::Io, err))?
                .to_bytes();
            Ok(http::Response::from_parts(parts, body.to_vec()))
        })
    }
}

/// hyper reports a connect time-out as an I/O error of kind `TimedOut`
/// somewhere in the chain of sources.
fn is_timeout(error: &(dyn StdError + 'static)) -> bool {
    let mut cause = Some(error);
    while let Some(error) = cause {
        if let Some(io) = error.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::TimedOut {
                return true;
            }
        }
        cause = error.source();
    }
    false
}
