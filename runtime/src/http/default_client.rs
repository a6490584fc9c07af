//! The default transport, [`HyperClient`]: the `default-https-client`
//! feature.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use super::{HttpClient, Request, ResponseFuture, TransportError, TransportErrorKind};

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
#[derive(Debug, Default)]
pub struct HyperClientBuilder {
    connect_timeout: Option<Duration>,
    roots: Vec<Vec<u8>>,
}

impl HyperClientBuilder {
    /// Connections must be established within `timeout`.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
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
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new()).build(connector);
        Ok(HyperClient { client })
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
            // `Vec::from` takes over the buffer `to_bytes` made, where `to_vec` would copy it.
            Ok(http::Response::from_parts(parts, Vec::from(body)))
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
