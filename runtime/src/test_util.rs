//! What the generated protocol tests share (the `test-util` feature): a
//! configuration whose transport records the request and answers with a
//! canned response, and the checks Smithy's `httpRequestTests` and
//! `httpResponseTests` define. Request cases go through the client; response
//! cases through the reading alone, as Smithy means them (the input that would
//! have been sent plays no part).

use std::future::Future;
use std::pin::pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Wake, Waker};
use std::time::{Duration, SystemTime};

use crate::config::{Config, Credentials};
use crate::http::{HttpClient, Request, Response, ResponseFuture};

/// The parts of a request a case checks; see Smithy's `httpRequestTests`.
pub struct ExpectedRequest<'a> {
    /// The HTTP method.
    pub method: &'a str,
    /// The path, percent-encoded.
    pub uri: &'a str,
    /// The host the request must go to.
    pub resolved_host: Option<&'a str>,
    /// `key=value` pairs that must be sent, as on the wire.
    pub query_params: &'a [&'a str],
    /// Query keys that must not be sent.
    pub forbid_query_params: &'a [&'a str],
    /// Query keys that must be sent, whatever their value.
    pub require_query_params: &'a [&'a str],
    /// Headers that must be sent with these values (several values joined by `, `).
    pub headers: &'a [(&'a str, &'a str)],
    /// Headers that must not be sent.
    pub forbid_headers: &'a [&'a str],
    /// Headers that must be sent, whatever their value.
    pub require_headers: &'a [&'a str],
    /// The body, if the case gives one.
    pub body: Option<&'a str>,
    /// The body's media type: JSON bodies are compared as JSON values.
    pub body_media_type: Option<&'a str>,
}

/// A response a case answers with.
pub struct CannedResponse<'a> {
    /// The HTTP status.
    pub code: u16,
    /// The headers.
    pub headers: &'a [(&'a str, &'a str)],
    /// The body.
    pub body: &'a str,
}

/// Records each request and answers with one response.
#[derive(Debug)]
pub struct Transport {
    requests: Mutex<Vec<Request>>,
    response: Response,
}

impl HttpClient for Transport {
    fn send(&self, request: Request) -> ResponseFuture<'_> {
        self.requests.lock().unwrap_or_else(PoisonError::into_inner).push(request);
        let response = self.response.clone();
        Box::pin(async move { Ok(response) })
    }
}

impl Transport {
    /// The one request the client sent.
    pub fn request(&self) -> Request {
        let mut requests = self.requests.lock().unwrap_or_else(PoisonError::into_inner);
        assert_eq!(requests.len(), 1, "the client should send exactly one request");
        requests.remove(0)
    }
}

/// The canned response as the transport would return it. The request ID lands
/// in a private field of outputs, which the expected values, built with
/// builders, cannot set: it is left out.
pub fn response(canned: &CannedResponse<'_>) -> Response {
    let mut builder = http::Response::builder().status(canned.code);
    for (name, value) in canned.headers {
        if !name.eq_ignore_ascii_case("x-amzn-requestid") {
            builder = builder.header(*name, *value);
        }
    }
    builder.body(canned.body.as_bytes().to_vec()).expect("a valid canned response")
}

/// A configuration for `host` (`example.com` when the case names none), with fixed
/// credentials, clock and idempotency token, one attempt per call, and a transport that records
/// the request and answers `200 {}`.
pub fn config(host: Option<&str>) -> (Config, Arc<Transport>) {
    let response = response(&CannedResponse { code: 200, headers: &[], body: "{}" });
    let transport = Arc::new(Transport { requests: Mutex::default(), response });
    let config = Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKID", "SECRET", None))
        .endpoint_url(format!("https://{}", host.unwrap_or("example.com")))
        .max_attempts(1)
        .time_source(|| SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000))
        // The token Smithy's protocol tests expect of a test's token generator.
        .idempotency_token_provider(|| "00000000-0000-4000-8000-000000000000".to_owned())
        .http_client(transport.clone())
        .build();
    (config, transport)
}

/// Runs a future that never waits on I/O or timers: the transport answers at once.
pub fn block_on<F: Future>(future: F) -> F::Output {
    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut context = Context::from_waker(&waker);
    let mut future = pin!(future);
    loop {
        match future.as_mut().poll(&mut context) {
            Poll::Ready(output) => return output,
            Poll::Pending => std::thread::park(),
        }
    }
}

/// Checks `request` as Smithy's `httpRequestTests` do.
pub fn check_request(request: &Request, expected: &ExpectedRequest<'_>) {
    assert_eq!(request.method().as_str(), expected.method, "method");
    assert_eq!(request.uri().path(), expected.uri, "path");
    if let Some(host) = expected.resolved_host {
        assert_eq!(request.uri().host(), Some(host), "host");
    }
    let query: Vec<&str> = request.uri().query().map_or_else(Vec::new, |query| query.split('&').collect());
    let key = |pair: &str| pair.split('=').next().unwrap_or_default().to_owned();
    let mut unmatched = query.clone();
    for pair in expected.query_params {
        // As sent on the wire, percent-encoding and all (Smithy's `queryParams`).
        let position = unmatched.iter().position(|sent| sent == pair);
        match position {
            Some(index) => {
                unmatched.remove(index);
            }
            None => panic!("query parameter `{pair}` not sent; the query was {query:?}"),
        }
    }
    for name in expected.forbid_query_params {
        assert!(!query.iter().any(|pair| key(pair) == *name), "query parameter `{name}` must not be sent: {query:?}");
    }
    for name in expected.require_query_params {
        assert!(query.iter().any(|pair| key(pair) == *name), "query parameter `{name}` must be sent: {query:?}");
    }
    let header = |name: &str| {
        let values: Vec<&str> =
            request.headers().get_all(name).iter().map(|value| value.to_str().unwrap_or("<not text>")).collect();
        (!values.is_empty()).then(|| values.join(", "))
    };
    for (name, value) in expected.headers {
        assert_eq!(header(name).as_deref(), Some(*value), "header `{name}`");
    }
    for name in expected.forbid_headers {
        assert_eq!(header(name), None, "header `{name}` must not be sent");
    }
    for name in expected.require_headers {
        assert!(header(name).is_some(), "header `{name}` must be sent");
    }
    if let Some(body) = expected.body {
        check_body(request.body(), body, expected.body_media_type);
    }
}

fn check_body(sent: &[u8], expected: &str, media_type: Option<&str>) {
    let json = media_type.is_some_and(|media_type| media_type.contains("json"));
    if json && !expected.is_empty() {
        let sent_json: serde_json::Value = serde_json::from_slice(sent)
            .unwrap_or_else(|err| panic!("the body is not JSON ({err}): {}", String::from_utf8_lossy(sent)));
        let expected_json: serde_json::Value = serde_json::from_str(expected).expect("the expected body is JSON");
        assert_eq!(sent_json, expected_json, "body");
    } else {
        assert_eq!(String::from_utf8_lossy(sent), expected, "body");
    }
}

/// Equal by their `Debug` text: for expected values holding NaN, which is
/// never equal to itself. Only such cases use it: `Debug` hides what
/// `@sensitive` members and blobs hold.
pub fn assert_same_debug<T: std::fmt::Debug>(actual: &T, expected: &T) {
    assert_eq!(format!("{actual:?}"), format!("{expected:?}"));
}
