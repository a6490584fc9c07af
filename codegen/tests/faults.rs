//! Broken servers and proxies, against the generated client's default transport: each fault
//! gives a clear error or a retry that succeeds, never a panic or a hang, and retries stay
//! bounded. The server (tests/support/raw.rs) writes raw bytes on 127.0.0.1.

#![allow(deprecated)] // DescribeDeploymentJob is deprecated in the model; calling it warns.

mod support;

use std::time::{Duration, Instant};

use robomaker::operation::describe_deployment_job::{DescribeDeploymentJobError, DescribeDeploymentJobOutput};
use robomaker::{Client, Config, Credentials, SdkError};
use support::raw::{Answer, RawServer, Then};

const ARN: &str = "arn:aws:robomaker:us-east-1:123456789012:deployment-job/dep-1";
const OK_BODY: &[u8] = br#"{"arn":"a","status":"InProgress"}"#;

fn client(server: &RawServer) -> Client {
    let config = Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", "fault-test-secret", None))
        .endpoint_url(&server.url)
        .attempt_timeout(Duration::from_secs(2))
        .build();
    Client::from_conf(config)
}

async fn call(client: &Client) -> Result<DescribeDeploymentJobOutput, SdkError<DescribeDeploymentJobError>> {
    client.describe_deployment_job().job(ARN).send().await
}

fn ok() -> Answer {
    Answer::http(200, &[], OK_BODY)
}

/// The call fails; its `Display` is returned.
async fn failure(server: &RawServer) -> (SdkError<DescribeDeploymentJobError>, String) {
    let err = call(&client(server)).await.err().unwrap_or_else(|| panic!("expected an error"));
    let shown = err.to_string();
    (err, shown)
}

#[tokio::test]
async fn a_connection_reset_mid_body_is_retried_and_then_reported() {
    let cut = Answer::raw(&b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"arn\":"[..], Then::Reset);
    let server = RawServer::start(vec![cut.clone(), ok()]).await;
    let output = call(&client(&server)).await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!((output.arn(), server.requests()), (Some("a"), 2), "the second attempt succeeds");

    let server = RawServer::start(vec![cut]).await;
    let (err, shown) = failure(&server).await;
    assert!(matches!(err, SdkError::Transport { attempts: 3, .. }), "{err:?}");
    assert!(shown.starts_with("DescribeDeploymentJob failed: the connection failed: "), "{shown}");
    assert_eq!(server.requests(), 3, "three attempts, no more");
}

#[tokio::test]
async fn a_body_shorter_than_its_content_length_is_a_transport_failure() {
    let short = Answer::raw(&b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"arn\":\"a\"}"[..], Then::Close);
    let server = RawServer::start(vec![short]).await;
    let (err, shown) = failure(&server).await;
    assert!(matches!(err, SdkError::Transport { attempts: 3, .. }), "{err:?}");
    assert!(shown.contains("the connection failed"), "{shown}");
    assert_eq!(server.requests(), 3);
}

/// Bytes past the `Content-Length` are not part of the response, and do not leak into the
/// answer to the next call on the same client.
#[tokio::test]
async fn a_body_longer_than_its_content_length_is_read_to_its_length() {
    let mut long = ok();
    long.bytes.extend_from_slice(b"HTTP/1.1 500 Stray\r\ncontent-length: 0\r\n\r\n");
    let server = RawServer::start(vec![long, Answer::http(200, &[], br#"{"arn":"second"}"#)]).await;
    let client = client(&server);
    let first = call(&client).await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(first.arn(), Some("a"));
    let second = call(&client).await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(second.arn(), Some("second"));
}

/// A response whose body never ends: the attempt time-out fires and the retry gets the answer.
#[tokio::test]
async fn a_response_that_never_ends_times_out_and_is_retried() {
    let endless = Answer::raw(&b"HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n{\"arn\":"[..], Then::Hang);
    let server = RawServer::start(vec![endless.clone(), ok()]).await;
    let started = Instant::now();
    let output = call(&client(&server)).await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!((output.arn(), server.requests()), (Some("a"), 2));
    assert!(started.elapsed() < Duration::from_secs(4), "{:?}", started.elapsed());

    // Headers that never end are no different.
    let server = RawServer::start(vec![Answer::raw(&b"HTTP/1.1 200 OK\r\n"[..], Then::Hang)]).await;
    let quick = Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", "fault-test-secret", None))
        .endpoint_url(&server.url)
        .attempt_timeout(Duration::from_millis(300))
        .build();
    let started = Instant::now();
    let err = call(&Client::from_conf(quick)).await.err().unwrap_or_else(|| panic!("expected a time-out"));
    assert_eq!(err.to_string(), "DescribeDeploymentJob failed: timed out after 300ms");
    assert_eq!(server.requests(), 3, "each attempt timed out, and there were three");
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
}

/// Without any time-out configured, a body that stalls fails the attempt after the default
/// transport's stall time-out, and the retry's answer is the call's.
#[tokio::test]
async fn a_stalled_body_fails_the_attempt_without_a_configured_time_out() {
    let stalled = Answer::raw(&b"HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n{\"arn\":"[..], Then::Hang);
    let client = |server: &RawServer| {
        let transport = robomaker::http::HyperClient::builder()
            .body_stall_timeout(Some(Duration::from_millis(300)))
            .build()
            .unwrap_or_else(|err| panic!("{err}"));
        let config = Config::builder()
            .region("us-east-1")
            .credentials(Credentials::new("AKIDEXAMPLE", "fault-test-secret", None))
            .endpoint_url(&server.url)
            .http_client(transport)
            .build();
        Client::from_conf(config)
    };
    let server = RawServer::start(vec![stalled.clone(), ok()]).await;
    let output = call(&client(&server)).await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!((output.arn(), server.requests()), (Some("a"), 2));

    let server = RawServer::start(vec![stalled]).await;
    let err = call(&client(&server)).await.err().unwrap_or_else(|| panic!("expected an error"));
    assert_eq!(
        err.to_string(),
        "DescribeDeploymentJob failed: the connection failed: the response body sent nothing for 300ms (after 3 attempts)"
    );
    assert_eq!(robomaker::http::DEFAULT_BODY_STALL_TIMEOUT, Duration::from_secs(30));
}

#[tokio::test]
async fn a_200_with_html_or_an_empty_body() {
    let html = b"<html><body>Welcome to the captive portal</body></html>";
    let server = RawServer::start(vec![Answer::http(200, &[("content-type", "text/html")], html)]).await;
    let (err, shown) = failure(&server).await;
    assert!(matches!(err, SdkError::Response { status: 200, .. }), "{err:?}");
    assert!(
        shown.starts_with("DescribeDeploymentJob failed: the response is not a valid DescribeDeploymentJob output: "),
        "{shown}"
    );
    assert_eq!(server.requests(), 1, "a response that does not read is not retried");

    // An empty body is an output with nothing in it, as botocore reads one; the output's members
    // are all optional (a required one would be missing, and that an error naming it).
    let server = RawServer::start(vec![Answer::http(200, &[], b"")]).await;
    let output = call(&client(&server)).await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(output, DescribeDeploymentJobOutput::builder().build());
}

#[tokio::test]
async fn a_proxys_502_page_is_retried_and_then_shown() {
    let page = b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    let server = RawServer::start(vec![Answer::http(502, &[("content-type", "text/html")], page)]).await;
    let (err, shown) = failure(&server).await;
    assert_eq!(server.requests(), 3, "a 502 is retried, three attempts in all");
    let Some(DescribeDeploymentJobError::Unhandled(unhandled)) = err.service_error() else { panic!("{err:?}") };
    assert_eq!((unhandled.status(), unhandled.code(), unhandled.body()), (Some(502), None, &page[..]));
    assert_eq!(
        shown,
        "DescribeDeploymentJob failed: unrecognized error response: <html> <head><title>502 Bad Gateway</title></head> <body> <center><h1>502 Bad Gateway</h1></center> <hr><center>nginx</center> </body> </html> (HTTP 502)"
    );
}

/// A 10 MB error body is kept whole for the caller, and `Display` shows 4 KiB of its message,
/// modeled error or not.
#[tokio::test]
async fn a_10_mb_error_body_is_kept_and_its_display_is_short() {
    let message = "x".repeat(10 << 20);
    for code in ["InternalServerException", "SomeNewException"] {
        let body = format!(r#"{{"__type":"{code}","message":"{message}"}}"#);
        let server = RawServer::start(vec![Answer::http(400, &[], body.as_bytes())]).await;
        let (err, shown) = failure(&server).await;
        let expected_end = format!("... ({} more bytes) (HTTP 400)", message.len() - 4096);
        assert!(shown.len() < 4096 + 100 && shown.ends_with(&expected_end), "{}", &shown[..100]);
        assert!(shown.starts_with(&format!("DescribeDeploymentJob failed: {code}: xxx")), "{}", &shown[..100]);
        match err.into_service_error() {
            Some(DescribeDeploymentJobError::InternalServerException(modeled)) => {
                assert_eq!(modeled.message().map(str::len), Some(message.len()));
            }
            Some(DescribeDeploymentJobError::Unhandled(unhandled)) => {
                assert_eq!(unhandled.body().len(), body.len());
                assert_eq!(unhandled.message().map(str::len), Some(message.len()));
            }
            _ => panic!("{code}: not a service error"),
        }
    }
}

#[tokio::test]
async fn invalid_utf8_in_bodies_and_headers() {
    let body = b"{\"arn\":\"\xff\xfe\"}";
    let server = RawServer::start(vec![Answer::http(200, &[], body)]).await;
    let (err, shown) = failure(&server).await;
    assert!(matches!(err, SdkError::Response { status: 200, .. }), "{err:?}");
    assert!(shown.contains("invalid unicode"), "{shown}");

    // A request ID that is not text is left out; the error body is kept as it came.
    let mut bad_id = Answer::http(400, &[], b"\xff{\"__type\":");
    let at = bad_id.bytes.windows(4).position(|window| window == b"\r\n\r\n").unwrap_or(0);
    bad_id.bytes.splice(at..at, b"\r\nx-amzn-requestid: \xff\xfe".iter().copied());
    let server = RawServer::start(vec![bad_id]).await;
    let (err, shown) = failure(&server).await;
    assert_eq!(shown, "DescribeDeploymentJob failed: unrecognized error response: \u{fffd}{\"__type\": (HTTP 400)");
    let Some(DescribeDeploymentJobError::Unhandled(unhandled)) = err.service_error() else { panic!("{err:?}") };
    assert_eq!((unhandled.body(), robomaker::RequestId::request_id(unhandled)), (&b"\xff{\"__type\":"[..], None));
}

/// Serde's recursion limit holds: no stack overflow, an error.
#[tokio::test]
async fn json_nested_100000_deep_is_an_error() {
    let deep = format!("{{\"tags\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    let server = RawServer::start(vec![Answer::http(200, &[], deep.as_bytes())]).await;
    let (err, shown) = failure(&server).await;
    assert!(matches!(err, SdkError::Response { .. }), "{err:?}");
    assert!(shown.contains("recursion limit exceeded") || shown.contains("invalid type"), "{}", &shown[..200]);

    let deep = format!("{}{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    let server = RawServer::start(vec![Answer::http(400, &[], deep.as_bytes())]).await;
    let (err, _) = failure(&server).await;
    let Some(DescribeDeploymentJobError::Unhandled(unhandled)) = err.service_error() else { panic!("{err:?}") };
    assert_eq!(unhandled.code(), None);
}
