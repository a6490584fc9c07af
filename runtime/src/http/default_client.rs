//! The default transport, [`HyperClient`]: the `default-https-client`
//! feature.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use super::{HttpClient, Request, ResponseFuture, TransportError, TransportErrorKind};

#[cfg(feature = "streaming")]
mod streaming;

type Connector = hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>;

/// A request body: in memory, or a stream sent as it is read.
#[cfg(feature = "streaming")]
type RequestBody =
    http_body_util::Either<http_body_util::Full<bytes::Bytes>, http_body_util::StreamBody<streaming::Frames>>;

/// A request body: in memory. Without streams, hyper's code is compiled for this body alone.
#[cfg(not(feature = "streaming"))]
type RequestBody = http_body_util::Full<bytes::Bytes>;

/// A body in memory, as hyper sends it.
fn whole(body: Vec<u8>) -> RequestBody {
    let body = http_body_util::Full::new(body.into());
    #[cfg(feature = "streaming")]
    let body = http_body_util::Either::Left(body);
    body
}

/// How long a response body may send nothing, once its headers have come, before the
/// attempt fails (and is retried), unless [`HyperClientBuilder::body_stall_timeout`] says
/// otherwise. Only the body: the wait for the headers can be long by design (long polls).
pub const DEFAULT_BODY_STALL_TIMEOUT: Duration = Duration::from_secs(30);

/// The default transport: hyper's pooled client with rustls and the Mozilla
/// root certificates (webpki-roots), HTTP/1.1, `http://` allowed for local
/// endpoints.
#[derive(Clone)]
pub struct HyperClient {
    client: hyper_util::client::legacy::Client<Connector, RequestBody>,
    /// HTTP/2 only, with prior knowledge over plain TCP: for requests that must go over it.
    #[cfg(feature = "http2")]
    http2: hyper_util::client::legacy::Client<Connector, RequestBody>,
    body_stall_timeout: Option<Duration>,
}

impl HyperClient {
    /// A client whose connections must be established within
    /// `connect_timeout`, if one is given, trusting the Mozilla roots. Fails
    /// only if rustls cannot be set up with the ring crypto provider.
    pub fn new(connect_timeout: Option<Duration>) -> Result<Self, TransportError> {
        let builder = Self::builder();
        match connect_timeout {
            Some(timeout) => builder.connect_timeout(timeout),
            None => builder,
        }
        .build()
    }

    /// A client with other settings: a connect time-out, more trusted roots.
    pub fn builder() -> HyperClientBuilder {
        HyperClientBuilder::default()
    }
}

/// Builds a [`HyperClient`]. Certificates are always verified; what can be
/// added is trust in more roots, such as a private certificate authority.
#[derive(Debug)]
pub struct HyperClientBuilder {
    connect_timeout: Option<Duration>,
    body_stall_timeout: Option<Duration>,
    roots: Vec<Vec<u8>>,
}

impl Default for HyperClientBuilder {
    fn default() -> Self {
        Self { connect_timeout: None, body_stall_timeout: Some(DEFAULT_BODY_STALL_TIMEOUT), roots: Vec::new() }
    }
}

impl HyperClientBuilder {
    /// Connections must be established within `timeout`.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How long a response body may send nothing before the attempt fails
    /// ([`DEFAULT_BODY_STALL_TIMEOUT`] by default); `None` waits as long as
    /// the connection stays open.
    pub fn body_stall_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.body_stall_timeout = timeout;
        self
    }

    /// Trusts the certificate `der` (DER-encoded) as a root, besides the
    /// Mozilla roots: for a private certificate authority, or a test server.
    pub fn add_root_certificate(mut self, der: impl Into<Vec<u8>>) -> Self {
        self.roots.push(der.into());
        self
    }

    /// The client. Fails if a root added is not a valid certificate, or if
    /// rustls cannot be set up with the ring crypto provider.
    pub fn build(self) -> Result<HyperClient, TransportError> {
        let other = |err: rustls::Error| TransportError::new(TransportErrorKind::Other, err);
        let mut roots = rustls::RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
        for der in self.roots {
            roots.add(rustls::pki_types::CertificateDer::from(der)).map_err(other)?;
        }
        // An explicit crypto provider: relying on the process default panics
        // when another crate in the program enables a second rustls provider.
        let tls = rustls::ClientConfig::builder_with_provider(rustls::crypto::ring::default_provider().into())
            .with_safe_default_protocol_versions()
            .map_err(other)?
            .with_root_certificates(roots)
            .with_no_client_auth();
        let mut http = hyper_util::client::legacy::connect::HttpConnector::new();
        http.enforce_http(false);
        http.set_connect_timeout(self.connect_timeout);
        http.set_nodelay(true);
        let connector = hyper_rustls::HttpsConnectorBuilder::new().with_tls_config(tls).https_or_http().enable_http1();
        // ALPN offers h2 too; a service that picks it gets HTTP/2 on the pooled connection.
        #[cfg(feature = "http2")]
        let connector = connector.enable_http2();
        let connector = connector.wrap_connector(http);
        let executor = hyper_util::rt::TokioExecutor::new();
        #[cfg(feature = "http2")]
        let http2 =
            hyper_util::client::legacy::Client::builder(executor.clone()).http2_only(true).build(connector.clone());
        let client = hyper_util::client::legacy::Client::builder(executor).build(connector);
        Ok(HyperClient {
            client,
            #[cfg(feature = "http2")]
            http2,
            body_stall_timeout: self.body_stall_timeout,
        })
    }
}

impl fmt::Debug for HyperClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HyperClient")
    }
}

impl HyperClient {
    /// The response's headers; its body comes later. A request that requires HTTP/2 goes over
    /// it, or fails when the crate was built without it.
    async fn head(
        &self,
        request: http::Request<RequestBody>,
    ) -> Result<http::Response<hyper::body::Incoming>, TransportError> {
        let client = if request.extensions().get::<super::RequiresHttp2>().is_some() {
            #[cfg(feature = "http2")]
            {
                &self.http2
            }
            #[cfg(not(feature = "http2"))]
            return Err(TransportError::new(
                TransportErrorKind::Other,
                "the request must go over HTTP/2, which this client was built without (the runtime's `http2` feature)",
            ));
        } else {
            &self.client
        };
        client.request(request).await.map_err(|err| {
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
        })
    }
}

impl HttpClient for HyperClient {
    fn send(&self, request: Request) -> ResponseFuture<'_> {
        Box::pin(async move {
            let request = request.map(whole);
            let (parts, body) = self.head(request).await?.into_parts();
            let body = read_body(body, self.body_stall_timeout).await?;
            Ok(http::Response::from_parts(parts, body))
        })
    }

    #[cfg(feature = "streaming")]
    fn send_streaming(&self, request: super::StreamRequest) -> super::StreamResponseFuture<'_> {
        Box::pin(streaming::send(self, request))
    }
}

/// Reads a whole body, failing when it sends nothing for `stall_timeout`.
async fn read_body<B>(mut body: B, stall_timeout: Option<Duration>) -> Result<Vec<u8>, TransportError>
where
    B: http_body_util::BodyExt<Data = bytes::Bytes> + Unpin,
    B::Error: Into<Box<dyn StdError + Send + Sync>>,
{
    let io = |err: Box<dyn StdError + Send + Sync>| TransportError::new(TransportErrorKind::Io, err);
    let mut chunks: Vec<bytes::Bytes> = Vec::new();
    loop {
        let frame = match stall_timeout {
            Some(limit) => tokio::time::timeout(limit, body.frame()).await.map_err(|_| io(Box::new(Stalled(limit))))?,
            None => body.frame().await,
        };
        let Some(frame) = frame else { break };
        if let Ok(data) = frame.map_err(|err| io(err.into()))?.into_data() {
            if !data.is_empty() {
                chunks.push(data);
            }
        }
    }
    // `Vec::from` takes over the buffer of a body that came in one chunk, where `to_vec` would
    // copy it.
    Ok(match chunks.len() {
        0 => Vec::new(),
        1 => chunks.pop().map(Vec::from).unwrap_or_default(),
        _ => chunks.concat(),
    })
}

/// A response body that sent nothing for the stall time-out.
#[derive(Debug)]
pub(super) struct Stalled(Duration);

impl fmt::Display for Stalled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the response body sent nothing for {:?}", self.0)
    }
}

impl StdError for Stalled {}

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
