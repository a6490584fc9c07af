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
        let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new()).build(connector);
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
