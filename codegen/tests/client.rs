//! The generated client against a server on 127.0.0.1 that this file starts and stops: the
//! exact request, its SigV4 signature checked the way the service checks it, error parsing,
//! retries and time-outs.

#![allow(deprecated)] // DescribeDeploymentJob is deprecated in the model; calling it warns.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use robomaker::config::RetryBehavior;
use robomaker::operation::describe_deployment_job::DescribeDeploymentJobError;
use robomaker::types::{DeploymentStatus, RobotDeploymentStep};
use robomaker::{Client, Config, Credentials, RequestId, SdkError};
use support::{expected_signature, parse_authorization, Reply, Server};

const ARN: &str = "arn:aws:robomaker:us-east-1:123456789012:deployment-job/dep-1";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

fn config(url: &str) -> robomaker::config::ConfigBuilder {
    Config::builder().region("us-east-1").credentials(Credentials::new("AKIDEXAMPLE", SECRET, None)).endpoint_url(url)
}

fn client(server: &Server) -> Client {
    Client::from_conf(config(&server.url).build())
}

async fn call(
    client: &Client,
) -> Result<
    robomaker::operation::describe_deployment_job::DescribeDeploymentJobOutput,
    SdkError<DescribeDeploymentJobError>,
> {
    client.describe_deployment_job().job(ARN).send().await
}

#[tokio::test]
async fn sends_the_exact_request_signed_as_the_service_checks_it() {
    let server =
        Server::start(
            vec![Reply::new(200, r#"{"arn":"x","status":"InProgress"}"#).header("x-amzn-requestid", "req-1")],
        )
        .await;
    let output = call(&client(&server)).await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(output.status(), Some(&DeploymentStatus::InProgress));
    assert_eq!(output.request_id(), Some("req-1"));
    // Read back from its JSON the output is equal: serde skips the request ID, and so does `==`.
    let json = serde_json::to_vec(&output).unwrap_or_else(|err| panic!("{err}"));
    let read_back: robomaker::operation::describe_deployment_job::DescribeDeploymentJobOutput =
        serde_json::from_slice(&json).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!((read_back.request_id(), &read_back), (None, &output));

    let received = server.received();
    assert_eq!(received.len(), 1);
    let request = &received[0];
    assert_eq!((request.method.as_str(), request.path.as_str()), ("POST", "/describeDeploymentJob"));
    assert_eq!(String::from_utf8_lossy(&request.body), format!(r#"{{"job":"{ARN}"}}"#));
    assert_eq!(request.headers["content-type"], "application/json");
    assert_eq!(request.headers["content-length"], request.body.len().to_string());
    assert_eq!(request.headers["user-agent"], format!("robomaker/{}", env!("CARGO_PKG_VERSION")));
    assert!(!request.headers.contains_key("x-amz-security-token"));

    let authorization = parse_authorization(&request.headers["authorization"]);
    assert_eq!(authorization.access_key, "AKIDEXAMPLE");
    assert!(authorization.scope.ends_with("/us-east-1/robomaker/aws4_request"), "{}", authorization.scope);
    for header in ["content-type", "host", "x-amz-date"] {
        assert!(authorization.signed_headers.contains(&header.to_owned()), "{header} is signed");
    }
    assert_eq!(authorization.signature, expected_signature(request, SECRET));
    // A signature checked with the wrong secret must not match: the check can fail.
    assert_ne!(authorization.signature, expected_signature(request, "not-the-secret"));
}

#[tokio::test]
async fn a_session_token_is_sent_and_signed() {
    let server = Server::start(vec![Reply::new(200, "{}")]).await;
    let config = config(&server.url).credentials(Credentials::new("AKID", SECRET, Some("TOKEN".into()))).build();
    call(&Client::from_conf(config)).await.unwrap_or_else(|err| panic!("{err}"));
    let request = &server.received()[0];
    assert_eq!(request.headers["x-amz-security-token"], "TOKEN");
    let authorization = parse_authorization(&request.headers["authorization"]);
    assert!(authorization.signed_headers.contains(&"x-amz-security-token".to_owned()));
    assert_eq!(authorization.signature, expected_signature(request, SECRET));
}

/// A transport that records the request and answers `{}`, for the golden signature, which
/// needs the real host name.
#[derive(Debug, Default)]
struct Capture(std::sync::Mutex<Option<http::Request<Vec<u8>>>>);

impl robomaker::http::HttpClient for Capture {
    fn send(&self, request: robomaker::http::Request) -> robomaker::http::ResponseFuture<'_> {
        *self.0.lock().unwrap_or_else(|err| err.into_inner()) = Some(request);
        Box::pin(async { Ok(http::Response::builder().status(200).body(b"{}".to_vec()).unwrap_or_default()) })
    }
}

#[tokio::test]
async fn golden_signature_for_a_fixed_clock() {
    let capture = Arc::new(Capture::default());
    let fixed = SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600); // 2026-01-01T00:00:00Z
    let config = Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", SECRET, None))
        .http_client(capture.clone())
        .time_source(move || fixed)
        .build();
    call(&Client::from_conf(config)).await.unwrap_or_else(|err| panic!("{err}"));
    let request =
        capture.0.lock().unwrap_or_else(|err| err.into_inner()).take().unwrap_or_else(|| panic!("nothing sent"));
    assert_eq!(request.uri().to_string(), "https://robomaker.us-east-1.amazonaws.com/describeDeploymentJob");
    assert_eq!(request.headers()["x-amz-date"], "20260101T000000Z");
    let authorization = request.headers()["authorization"].to_str().unwrap_or_default();
    assert_eq!(
        authorization,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/robomaker/aws4_request, \
         SignedHeaders=content-type;host;x-amz-date, \
         Signature=3a1186f711f7e2733597522f91a1c59abc8a5ff5ce89515c175228bc4367124b"
    );
}

/// The four modeled errors, each found by the header, by `__type` with a namespace, and by `code`.
#[tokio::test]
async fn modeled_errors_by_header_type_and_code() {
    let cases = [
        ("ResourceNotFoundException", 400),
        ("InvalidParameterException", 400),
        ("InternalServerException", 500),
        ("ThrottlingException", 400),
    ];
    for (code, status) in cases {
        let by_header = Reply::new(status, r#"{"message":"m1"}"#)
            .header("x-amzn-errortype", &format!("{code}:http://internal.amazon.com/"));
        let by_type = Reply::new(status, &format!(r#"{{"__type":"com.amazonaws.robomaker#{code}","Message":"m2"}}"#));
        let by_code = Reply::new(status, &format!(r#"{{"code":"{code}","message":"m3"}}"#));
        for (reply, message) in [(by_header, "m1"), (by_type, "m2"), (by_code, "m3")] {
            let server = Server::start(vec![reply.header("x-amzn-requestid", "rid")]).await;
            let config = config(&server.url).max_attempts(1).build();
            let err =
                call(&Client::from_conf(config)).await.err().unwrap_or_else(|| panic!("{code}: expected an error"));
            assert_eq!(err.request_id(), Some("rid"));
            assert_eq!(err.status(), Some(status));
            let error = err.service_error().unwrap_or_else(|| panic!("{code}: not a service error: {err}"));
            assert_eq!((error.code(), error.message()), (Some(code), Some(message)), "{code}");
            // The error keeps the request id when taken out of the `SdkError`.
            assert_eq!(error.request_id(), Some("rid"), "{code}");
            let variant_matches = match error {
                DescribeDeploymentJobError::ResourceNotFoundException(_) => code == "ResourceNotFoundException",
                DescribeDeploymentJobError::InvalidParameterException(_) => code == "InvalidParameterException",
                DescribeDeploymentJobError::InternalServerException(_) => code == "InternalServerException",
                DescribeDeploymentJobError::ThrottlingException(_) => code == "ThrottlingException",
                _ => false,
            };
            assert!(variant_matches, "{code} became {error:?}");
            assert_eq!(
                err.to_string(),
                format!("DescribeDeploymentJob failed: {code}: {message} (HTTP {status}, request id rid)")
            );
        }
    }
}

#[tokio::test]
async fn an_unknown_code_is_unhandled_and_keeps_everything() {
    let body = r#"{"__type":"NewFancyException","message":"something new"}"#;
    let server = Server::start(vec![Reply::new(409, body).header("x-amzn-requestid", "rid-409")]).await;
    let err = call(&client(&server)).await.err().unwrap_or_else(|| panic!("expected an error"));
    let Some(DescribeDeploymentJobError::Unhandled(unhandled)) = err.service_error() else { panic!("{err:?}") };
    assert_eq!(unhandled.request_id(), Some("rid-409"));
    // Equality leaves the request ID out: an error built for a test equals the one received.
    let expected = robomaker::error::Unhandled::new(Some("NewFancyException".into()), Some("something new".into()))
        .with_status(409)
        .with_body(body);
    assert_eq!(unhandled, &expected);
    assert_eq!(unhandled.code(), Some("NewFancyException"));
    assert_eq!(unhandled.message(), Some("something new"));
    assert_eq!(unhandled.status(), Some(409));
    assert_eq!(unhandled.body(), body.as_bytes());
    assert_eq!(server.received().len(), 1, "a 409 is not retried");
    assert_eq!(
        err.to_string(),
        "DescribeDeploymentJob failed: NewFancyException: something new (HTTP 409, request id rid-409)"
    );
}

#[tokio::test]
async fn a_500_with_an_empty_body_is_retried_then_unhandled() {
    let server = Server::start(vec![Reply::new(500, "")]).await;
    let err = call(&client(&server)).await.err().unwrap_or_else(|| panic!("expected an error"));
    assert_eq!(server.received().len(), 3);
    let Some(DescribeDeploymentJobError::Unhandled(unhandled)) = err.service_error() else { panic!("{err:?}") };
    assert_eq!((unhandled.status(), unhandled.code(), unhandled.body()), (Some(500), None, b"".as_slice()));
}

#[tokio::test]
async fn bodies_that_are_not_json_are_errors_not_panics() {
    let server = Server::start(vec![Reply::new(200, "<html>oops</html>")]).await;
    let err = call(&client(&server)).await.err().unwrap_or_else(|| panic!("expected an error"));
    assert!(matches!(err, SdkError::Response { status: 200, .. }), "{err:?}");
    let shown = err.to_string();
    assert!(
        shown.starts_with("DescribeDeploymentJob failed: the response is not a valid DescribeDeploymentJob output:"),
        "{shown}"
    );

    let server = Server::start(vec![Reply::new(200, r#"{"status": 42}"#)]).await;
    let err = call(&client(&server)).await.err().unwrap_or_else(|| panic!("expected an error"));
    assert!(err.to_string().contains("expected an enum value as a string"), "{err}");

    let server = Server::start(vec![Reply::new(400, "not json at all")]).await;
    let err = call(&client(&server)).await.err().unwrap_or_else(|| panic!("expected an error"));
    let Some(DescribeDeploymentJobError::Unhandled(unhandled)) = err.service_error() else { panic!("{err:?}") };
    assert_eq!(unhandled.body(), b"not json at all");
}

#[tokio::test]
async fn throttling_is_retried_until_success() {
    let throttle = Reply::new(400, r#"{"__type":"ThrottlingException","message":"slow down"}"#);
    let server = Server::start(vec![throttle, Reply::new(200, r#"{"arn":"a"}"#)]).await;
    let output = call(&client(&server)).await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(output.arn(), Some("a"));
    let received = server.received();
    assert_eq!(received.len(), 2, "one retry");
    // Each attempt is signed anew.
    for request in &received {
        assert_eq!(
            parse_authorization(&request.headers["authorization"]).signature,
            expected_signature(request, SECRET)
        );
    }
}

/// The model says epoch seconds; a response that sends an RFC 3339 string after a throttled
/// attempt is still read, to the millisecond, as botocore reads it.
#[tokio::test]
async fn a_retried_call_answered_with_a_timestamp_in_another_format_succeeds() {
    let throttle = Reply::new(400, r#"{"__type":"ThrottlingException","message":"slow down"}"#);
    let answer = Reply::new(200, r#"{"arn":"a","createdAt":"2026-01-01T00:00:02.5Z"}"#);
    let server = Server::start(vec![throttle, answer]).await;
    let output = call(&client(&server)).await.unwrap_or_else(|err| panic!("{err}"));
    let created = output.created_at().unwrap_or_else(|| panic!("createdAt was sent"));
    assert_eq!(created.to_string(), "2026-01-01T00:00:02.5Z");
    assert_eq!(server.received().len(), 2);
    // Epoch seconds as a numeric string, and an HTTP date, read too.
    for (sent, expected) in [
        (r#""1767225602.5""#, "2026-01-01T00:00:02.5Z"),
        (r#""Thu, 01 Jan 2026 00:00:02 GMT""#, "2026-01-01T00:00:02Z"),
    ] {
        let server = Server::start(vec![Reply::new(200, &format!(r#"{{"createdAt":{sent}}}"#))]).await;
        let output = call(&client(&server)).await.unwrap_or_else(|err| panic!("{sent}: {err}"));
        assert_eq!(output.created_at().map(|at| at.to_string()).as_deref(), Some(expected));
    }
    // Text that is no timestamp at all is an error naming the operation and the text.
    let server = Server::start(vec![Reply::new(200, r#"{"createdAt":"yesterday"}"#)]).await;
    let err = call(&client(&server)).await.err().unwrap_or_else(|| panic!("`yesterday` is no timestamp"));
    let message = err.to_string();
    assert!(message.contains("DescribeDeploymentJob") && message.contains(r#""yesterday""#), "{message}");
}

/// A number out of range for its member is an error naming the operation and the member's
/// path, never a wrapped value.
#[tokio::test]
async fn a_number_out_of_range_names_the_member() {
    let body = r#"{"arn":"a","robotDeploymentSummary":[{"arn":"r","progressDetail":{"estimatedTimeRemainingSeconds":3000000000}}]}"#;
    let server = Server::start(vec![Reply::new(200, body)]).await;
    let err = call(&client(&server)).await.err().unwrap_or_else(|| panic!("3000000000 is no i32"));
    let message = err.to_string();
    assert!(message.contains("DescribeDeploymentJob"), "{message}");
    assert!(
        message.contains("member `robotDeploymentSummary[0].progressDetail.estimatedTimeRemainingSeconds`: invalid value: integer `3000000000`, expected i32"),
        "{message}"
    );
    // A string where a float belongs names its member too.
    let body = r#"{"robotDeploymentSummary":[{"progressDetail":{"percentDone":"x"}}]}"#;
    let server = Server::start(vec![Reply::new(200, body)]).await;
    let message = call(&client(&server)).await.err().map(|err| err.to_string()).unwrap_or_default();
    assert!(message.contains("member `robotDeploymentSummary[0].progressDetail.percentDone`"), "{message}");
}

#[tokio::test]
async fn three_throttles_give_up_after_three_attempts() {
    let server =
        Server::start(vec![Reply::new(400, r#"{"__type":"ThrottlingException","message":"slow down"}"#)]).await;
    let err = call(&client(&server)).await.err().unwrap_or_else(|| panic!("expected an error"));
    assert_eq!(server.received().len(), 3);
    assert!(matches!(err.service_error(), Some(DescribeDeploymentJobError::ThrottlingException(_))), "{err:?}");
    let error = err.service_error().unwrap_or_else(|| panic!("expected a service error"));
    assert!(error.is_throttling_exception() && !error.is_resource_not_found_exception());
}

/// A transport that answers each request with the next answer of its script, or the last one
/// when the script runs out; status 0 stands for a connection that fails (no response).
/// Counts the requests.
#[derive(Debug, Default)]
struct Scripted {
    script: std::sync::Mutex<std::collections::VecDeque<Canned>>,
    sent: AtomicUsize,
}

/// A status, and the headers to answer with.
type Canned = (u16, &'static [(&'static str, &'static str)]);

/// A throttling error response that asks for a wait of 3 s.
const THROTTLED_3S: Canned = (400, &[("x-amzn-errortype", "ThrottlingException"), ("x-amz-retry-after", "3000")]);

impl Scripted {
    fn answer(&self, statuses: &[u16]) {
        self.answer_with(&statuses.iter().map(|&status| (status, &[][..])).collect::<Vec<_>>());
    }

    fn answer_with(&self, answers: &[Canned]) {
        *self.script.lock().unwrap_or_else(|err| err.into_inner()) = answers.iter().copied().collect();
    }

    fn sent(&self) -> usize {
        self.sent.load(Ordering::SeqCst)
    }
}

impl robomaker::http::HttpClient for Scripted {
    fn send(&self, _request: robomaker::http::Request) -> robomaker::http::ResponseFuture<'_> {
        self.sent.fetch_add(1, Ordering::SeqCst);
        let mut script = self.script.lock().unwrap_or_else(|err| err.into_inner());
        let answer = if script.len() > 1 { script.pop_front() } else { script.front().copied() };
        let (status, headers) = answer.unwrap_or((200, &[]));
        Box::pin(async move {
            if status == 0 {
                let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
                return Err(robomaker::http::TransportError::new(
                    robomaker::http::TransportErrorKind::Connect,
                    refused,
                ));
            }
            let response = headers.iter().fold(http::Response::builder().status(status), |response, (name, value)| {
                response.header(*name, *value)
            });
            Ok(response.body(b"{}".to_vec()).unwrap_or_default())
        })
    }
}

/// A client on a scripted transport, two attempts a call, in a retry partition of its own: the
/// tests of this file run at once, and clients of one partition share its quota.
fn scripted(partition: &str) -> (Arc<Scripted>, Client) {
    scripted_with(partition, RetryBehavior::Standard)
}

fn scripted_with(partition: &str, behavior: RetryBehavior) -> (Arc<Scripted>, Client) {
    let transport = Arc::new(Scripted::default());
    let config = config("https://robomaker.us-east-1.amazonaws.com")
        .http_client(transport.clone())
        .max_attempts(2)
        .retry_behavior(behavior)
        .retry_partition(partition);
    (transport, Client::from_conf(config.build()))
}

/// The standard retry mode's quota: 500 tokens, 5 a retry after an error response, 1 back for
/// each call that succeeds at once. The clock is paused, so backoffs take no real time.
#[tokio::test(start_paused = true)]
async fn retries_stop_when_the_retry_quota_is_spent_and_resume_as_calls_succeed() {
    let (transport, client) = scripted("quota-spent");
    transport.answer(&[503]);
    // 100 retries spend the quota: each failing call is two attempts.
    for _ in 0..100 {
        assert!(call(&client).await.is_err());
    }
    assert_eq!(transport.sent(), 200);
    // Then a failing call is one attempt.
    assert!(call(&client).await.is_err());
    assert_eq!(transport.sent(), 201);
    // Five calls that succeed at once earn one retry back.
    transport.answer(&[200]);
    for _ in 0..5 {
        call(&client).await.unwrap_or_else(|err| panic!("{err}"));
    }
    transport.answer(&[503]);
    assert!(call(&client).await.is_err());
    assert_eq!(transport.sent(), 206 + 2, "the earned retry is used");
    assert!(call(&client).await.is_err());
    assert_eq!(transport.sent(), 208 + 1, "and then none is left");
    // A clone shares the quota, and so does a new client of the same partition; a client of
    // another partition has its own.
    assert!(call(&client.clone()).await.is_err());
    assert_eq!(transport.sent(), 210);
    let same_partition = Client::from_conf(client.config().clone());
    assert!(call(&same_partition).await.is_err());
    assert_eq!(transport.sent(), 211);
    let other_partition = Client::from_conf(client.config().to_builder().retry_partition("quota-spent-2").build());
    assert!(call(&other_partition).await.is_err());
    assert_eq!(transport.sent(), 213);
}

/// By default the partition is the service and the region, as in the AWS SDKs, and the endpoint
/// URL when one is set: clients of one region share a quota, clients of another region or another
/// endpoint do not. (Regions no other test of this file uses.)
#[tokio::test(start_paused = true)]
async fn by_default_clients_of_one_region_share_a_retry_quota() {
    let transport = Arc::new(Scripted::default());
    let client_in = |region: &str, url: &str| {
        let config = config(url).region(region).http_client(transport.clone()).max_attempts(2);
        Client::from_conf(config.build())
    };
    let paris = client_in("eu-west-3", "https://robomaker.example");
    assert_eq!(paris.config().retry_partition(), None);
    transport.answer(&[503]);
    for _ in 0..100 {
        assert!(call(&paris).await.is_err());
    }
    assert_eq!(transport.sent(), 200);
    assert!(call(&client_in("eu-west-3", "https://robomaker.example")).await.is_err());
    assert_eq!(transport.sent(), 201, "a new client in the same region finds the quota spent");
    assert!(call(&client_in("ap-south-2", "https://robomaker.example")).await.is_err());
    assert_eq!(transport.sent(), 203, "one in another region has its own");
    assert!(call(&client_in("eu-west-3", "http://127.0.0.1:1")).await.is_err());
    assert_eq!(transport.sent(), 205, "and so has one of another endpoint");
}

/// A retry that succeeds gives back what it cost, so the quota is as it was; a retry after a
/// connection failure costs 10, twice an error response's.
#[tokio::test(start_paused = true)]
async fn a_retry_that_succeeds_is_refunded_and_one_after_a_transport_failure_costs_more() {
    let (transport, client) = scripted("refund");
    // Spend all but 5 tokens: 99 retries after error responses.
    transport.answer(&[503]);
    for _ in 0..99 {
        assert!(call(&client).await.is_err());
    }
    // The last 5 pay for a retry that succeeds, and come back.
    transport.answer(&[503, 200]);
    call(&client).await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(transport.sent(), 198 + 2);
    transport.answer(&[503, 200]);
    call(&client).await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(transport.sent(), 200 + 2, "refunded: the quota could pay again");
    // 5 tokens do not pay for a retry after a connection failure.
    transport.answer(&[0]);
    let err = call(&client).await.err().unwrap_or_else(|| panic!("expected an error"));
    assert!(matches!(err, SdkError::Transport { attempts: 1, .. }), "{err:?}");
    assert_eq!(transport.sent(), 203);
    // A fresh quota pays for 50 of them.
    let (transport, client) = scripted("refund-2");
    transport.answer(&[0]);
    for _ in 0..50 {
        assert!(matches!(call(&client).await, Err(SdkError::Transport { attempts: 2, .. })));
    }
    assert!(matches!(call(&client).await, Err(SdkError::Transport { attempts: 1, .. })));
    assert_eq!(transport.sent(), 101);
}

/// The 2026 revision: a retry after anything but throttling costs 14 of the 500 tokens, one after
/// throttling 5.
#[tokio::test(start_paused = true)]
async fn the_2026_revision_charges_14_a_retry_and_5_after_throttling() {
    let (transport, client) = scripted_with("charges-2026", RetryBehavior::Standard2026);
    transport.answer(&[503]);
    // 35 retries take 490 tokens; the 10 left do not pay for another.
    for _ in 0..35 {
        assert!(call(&client).await.is_err());
    }
    assert_eq!(transport.sent(), 70);
    assert!(call(&client).await.is_err());
    assert_eq!(transport.sent(), 71);
    // A connection failure costs the same 14: no retry either.
    transport.answer(&[0]);
    assert!(matches!(call(&client).await, Err(SdkError::Transport { attempts: 1, .. })));
    // They pay for two retries after throttling.
    transport.answer_with(&[(400, &[("x-amzn-errortype", "ThrottlingException")])]);
    for attempts in [2, 2, 1] {
        let sent = transport.sent();
        assert!(call(&client).await.is_err());
        assert_eq!(transport.sent() - sent, attempts);
    }
}

/// The 2026 revision waits as long as an error response asks in `x-amz-retry-after`, within 5 s
/// above its own backoff; the earlier revision does not read the header. The clock is paused, so
/// the wait is exactly the sleep.
#[tokio::test(start_paused = true)]
async fn the_2026_revision_waits_as_long_as_the_service_asks() {
    const UNAVAILABLE_3S: Canned = (503, &[("x-amz-retry-after", "3000")]);
    for (behavior, failure, at_least, below) in [
        (RetryBehavior::Standard2026, THROTTLED_3S, Duration::from_secs(3), Duration::from_millis(3001)),
        (RetryBehavior::Standard2026, UNAVAILABLE_3S, Duration::from_secs(3), Duration::from_millis(3001)),
        (RetryBehavior::Standard, THROTTLED_3S, Duration::ZERO, Duration::from_millis(101)),
    ] {
        let (transport, client) = scripted_with(&format!("asked-wait-{behavior:?}-{}", failure.0), behavior);
        transport.answer_with(&[failure, (200, &[])]);
        let started = tokio::time::Instant::now();
        call(&client).await.unwrap_or_else(|err| panic!("{err}"));
        let waited = started.elapsed();
        assert_eq!(transport.sent(), 2);
        assert!(waited >= at_least && waited < below, "{behavior:?} after {} waited {waited:?}", failure.0);
    }
}

#[tokio::test]
async fn a_client_error_is_not_retried() {
    let server =
        Server::start(vec![Reply::new(400, r#"{"__type":"InvalidParameterException","message":"bad"}"#)]).await;
    let err = call(&client(&server)).await.err().unwrap_or_else(|| panic!("expected an error"));
    assert_eq!(server.received().len(), 1);
    assert!(matches!(err.into_service_error(), Some(DescribeDeploymentJobError::InvalidParameterException(_))));
}

#[tokio::test]
async fn a_slow_response_times_out() {
    let server = Server::start(vec![Reply::new(200, "{}").delayed(Duration::from_secs(5))]).await;
    let attempt_limited = config(&server.url).attempt_timeout(Duration::from_millis(200)).max_attempts(2).build();
    let started = std::time::Instant::now();
    let err = call(&Client::from_conf(attempt_limited)).await.err().unwrap_or_else(|| panic!("expected a time-out"));
    assert!(matches!(err, SdkError::Timeout { after, .. } if after == Duration::from_millis(200)), "{err:?}");
    assert_eq!(err.to_string(), "DescribeDeploymentJob failed: timed out after 200ms");
    assert_eq!(server.received().len(), 2, "a time-out is retried");
    assert!(started.elapsed() < Duration::from_secs(4));

    let operation_limited = config(&server.url).operation_timeout(Duration::from_millis(300)).build();
    let err = call(&Client::from_conf(operation_limited)).await.err().unwrap_or_else(|| panic!("expected a time-out"));
    assert!(matches!(err, SdkError::Timeout { after, .. } if after == Duration::from_millis(300)), "{err:?}");
}

#[tokio::test]
async fn an_unreachable_endpoint_is_a_transport_error_after_retries() {
    // Bind and drop a listener: nothing listens on that port now.
    let port =
        std::net::TcpListener::bind("127.0.0.1:0").and_then(|listener| listener.local_addr()).map(|addr| addr.port());
    let url = format!("http://127.0.0.1:{}", port.unwrap_or_else(|err| panic!("{err}")));
    let err = call(&Client::from_conf(config(&url).build())).await.err().unwrap_or_else(|| panic!("expected an error"));
    assert!(matches!(err, SdkError::Transport { attempts: 3, .. }), "{err:?}");
    let shown = err.to_string();
    assert!(
        shown.starts_with("DescribeDeploymentJob failed: could not connect") && shown.ends_with("(after 3 attempts)"),
        "{shown}"
    );
    // `Display` shows the whole chain down to the operating system's reason, so `source()`
    // adds nothing; the HTTP client's own error is still there to downcast.
    assert!(std::error::Error::source(&err).is_none());
    let SdkError::Transport { source, .. } = &err else { unreachable!("matched above") };
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(source.get_ref());
    let mut io = None;
    while let Some(error) = cause {
        io = io.or_else(|| error.downcast_ref::<std::io::Error>());
        cause = error.source();
    }
    let io = io.unwrap_or_else(|| panic!("no io::Error under {shown}"));
    assert_eq!(io.kind(), std::io::ErrorKind::ConnectionRefused);
    assert!(shown.contains(&io.to_string()), "{shown}");
}

#[tokio::test]
async fn unknown_enum_values_and_members_and_missing_members() {
    let body = r#"{"status":"Paused","brandNewMember":{"x":[1,2]},"robotDeploymentSummary":[{"progressDetail":{"currentProgress":"Launching"}}]}"#;
    let server = Server::start(vec![Reply::new(200, body)]).await;
    let output = call(&client(&server)).await.unwrap_or_else(|err| panic!("{err}"));
    let status = output.status().unwrap_or_else(|| panic!("status was sent"));
    assert!(matches!(status, DeploymentStatus::Unknown(value) if value.as_str() == "Paused"));
    let step = output.robot_deployment_summary()[0].progress_detail().and_then(|detail| detail.current_progress());
    assert_eq!(step, Some(&RobotDeploymentStep::LaunchingStep));
    assert_eq!((output.arn(), output.fleet(), output.created_at()), (None, None, None));
    assert!(output.deployment_application_configs().is_empty());

    let server = Server::start(vec![Reply::new(200, "")]).await;
    let output = call(&client(&server)).await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(output.arn(), None);
}

#[tokio::test]
async fn invalid_input_sends_nothing() {
    let server = Server::start(vec![Reply::new(200, "{}")]).await;
    let client = client(&server);
    let err =
        client.describe_deployment_job().job("").send().await.err().unwrap_or_else(|| panic!("expected an error"));
    assert!(matches!(err, SdkError::Validation { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "DescribeDeploymentJob failed: invalid `DescribeDeploymentJobInput`: job: length 0 is below 1; job: value does not match pattern `^arn:`"
    );
    let err = client.describe_deployment_job().send().await.err().unwrap_or_else(|| panic!("expected an error"));
    assert_eq!(
        err.to_string(),
        "DescribeDeploymentJob failed: cannot build `DescribeDeploymentJobInput`: required member `job` is not set"
    );
    assert!(server.received().is_empty());
}

#[tokio::test]
async fn missing_region_or_credentials_are_clear_errors() {
    // With an endpoint URL the rule set needs no region, but signing still does.
    let config =
        Config::builder().credentials(Credentials::new("A", "S", None)).endpoint_url("http://127.0.0.1:9").build();
    let err = call(&Client::from_conf(config)).await.err().unwrap_or_else(|| panic!("expected an error"));
    assert!(err.to_string().starts_with("DescribeDeploymentJob failed: no region is configured"), "{err}");
    // Without an endpoint URL the region is missed before the endpoint is resolved.
    let config = Config::builder().credentials(Credentials::new("A", "S", None)).build();
    let err = call(&Client::from_conf(config)).await.err().unwrap_or_else(|| panic!("expected an error"));
    assert!(matches!(err, SdkError::Config { .. }), "{err:?}");
    assert!(err.to_string().starts_with("DescribeDeploymentJob failed: no region is configured"), "{err}");
    let client = Client::from_conf(Config::builder().region("us-east-1").build());
    let err = call(&client).await.err().unwrap_or_else(|| panic!("expected an error"));
    assert!(err.to_string().starts_with("DescribeDeploymentJob failed: no credentials are configured"), "{err}");
}

/// A region goes into the endpoint's host name, so one that is not a host label is refused
/// before anything is sent: `example.com/x` would otherwise send a signed request to
/// `robomaker.example.com/x.amazonaws.com`.
#[tokio::test]
async fn a_region_that_is_not_a_host_label_is_refused() {
    let server = Server::start(vec![Reply::new(200, "{}")]).await;
    for region in ["example.com/x", "us-east-1.evil", "", "-us-east-1", "us east 1"] {
        // Without an endpoint URL too, on a transport that would answer if asked.
        let credentials = Credentials::new("AKIDEXAMPLE", SECRET, None);
        let without_url = Config::builder().region(region).credentials(credentials).http_client(Scripted::default());
        for client in
            [Client::from_conf(config(&server.url).region(region).build()), Client::from_conf(without_url.build())]
        {
            let err = call(&client).await.err().unwrap_or_else(|| panic!("{region:?}: expected an error"));
            assert!(matches!(err, SdkError::Config { .. }), "{region:?}: {err:?}");
            assert!(err.to_string().contains("is not a valid region name"), "{err}");
        }
    }
    assert!(server.received().is_empty());
    // A well-formed region the partitions do not know still resolves, by pattern or to `aws`.
    let client = Client::from_conf(config(&server.url).region("xx-future-9").build());
    call(&client).await.unwrap_or_else(|err| panic!("{err}"));
}

/// A provider such as `aws-config`'s plugs in through `ProvideCredentials`. This one counts the
/// times it is asked and answers after yielding once, as a provider that makes a request does;
/// its credentials expire `lifetime` after `ISSUED`, or never; with `fail_first`, its first
/// answer is an error.
#[derive(Debug, Default)]
struct CountingProvider {
    asked: AtomicUsize,
    lifetime: Option<Duration>,
    fail_first: bool,
}

/// When [`CountingProvider`]'s credentials are issued, in seconds since 1970.
const ISSUED: u64 = 1_800_000_000;

impl CountingProvider {
    fn asked(&self) -> usize {
        self.asked.load(Ordering::SeqCst)
    }
}

impl aws_credential_types::provider::ProvideCredentials for CountingProvider {
    fn provide_credentials<'a>(&'a self) -> aws_credential_types::provider::future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        let first = self.asked.fetch_add(1, Ordering::SeqCst) == 0;
        let expiry = self.lifetime.map(|lifetime| SystemTime::UNIX_EPOCH + Duration::from_secs(ISSUED) + lifetime);
        aws_credential_types::provider::future::ProvideCredentials::new(async move {
            tokio::task::yield_now().await;
            if first && self.fail_first {
                return Err(aws_credential_types::provider::error::CredentialsError::not_loaded("not yet"));
            }
            Ok(aws_credential_types::Credentials::new("PROVIDED", SECRET, None, expiry, "test"))
        })
    }
}

#[tokio::test]
async fn a_credentials_provider_plugs_in() {
    let server = Server::start(vec![Reply::new(200, "{}")]).await;
    let provider = Arc::new(CountingProvider::default());
    let config = Config::builder()
        .region("eu-west-1")
        .endpoint_url(&server.url)
        .credentials_provider(ProviderRef(provider.clone()))
        .build();
    call(&Client::from_conf(config)).await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(provider.asked(), 1);
    let request = &server.received()[0];
    let authorization = parse_authorization(&request.headers["authorization"]);
    assert_eq!(authorization.access_key, "PROVIDED");
    assert!(authorization.scope.contains("/eu-west-1/robomaker/"));
    assert_eq!(authorization.signature, expected_signature(request, SECRET));
}

/// A client whose provider is `provider` and whose clock reads `clock` (seconds since 1970),
/// on a transport that answers 200.
fn client_with_provider(provider: &Arc<CountingProvider>, clock: &Arc<std::sync::atomic::AtomicU64>) -> Client {
    let clock = clock.clone();
    let config = Config::builder()
        .region("us-east-1")
        .credentials_provider(ProviderRef(provider.clone()))
        .http_client(Scripted::default())
        .time_source(move || SystemTime::UNIX_EPOCH + Duration::from_secs(clock.load(Ordering::SeqCst)));
    Client::from_conf(config.build())
}

/// A provider may make a request each time it is asked (instance metadata, STS, SSO), so the
/// client keeps what it gives until shortly before it expires, or for 15 minutes when it does
/// not say.
#[tokio::test]
async fn credentials_are_asked_for_again_only_shortly_before_they_expire() {
    let clock = Arc::new(std::sync::atomic::AtomicU64::new(ISSUED));
    let provider = Arc::new(CountingProvider { lifetime: Some(Duration::from_secs(3600)), ..Default::default() });
    let client = client_with_provider(&provider, &clock);
    for minutes in [0, 0, 1, 30, 59] {
        clock.store(ISSUED + minutes * 60, Ordering::SeqCst);
        call(&client).await.unwrap_or_else(|err| panic!("{err}"));
    }
    assert_eq!(provider.asked(), 1);
    // Within 10 s of the expiry they no longer serve.
    clock.store(ISSUED + 3595, Ordering::SeqCst);
    call(&client).await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(provider.asked(), 2);

    let provider = Arc::new(CountingProvider::default());
    let client = client_with_provider(&provider, &clock);
    for seconds in [0, 899] {
        clock.store(ISSUED + seconds, Ordering::SeqCst);
        call(&client).await.unwrap_or_else(|err| panic!("{err}"));
    }
    assert_eq!(provider.asked(), 1);
    clock.store(ISSUED + 900, Ordering::SeqCst);
    call(&client).await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(provider.asked(), 2);
}

/// Calls that find no credentials at once wait for one answer instead of each asking; an error
/// is not kept, so the next call asks again.
#[tokio::test]
async fn one_caller_asks_the_provider_and_errors_are_not_kept() {
    let clock = Arc::new(std::sync::atomic::AtomicU64::new(ISSUED));
    let provider = Arc::new(CountingProvider::default());
    let client = client_with_provider(&provider, &clock);
    let (a, b, c) = tokio::join!(call(&client), call(&client), call(&client));
    for result in [a, b, c] {
        result.unwrap_or_else(|err| panic!("{err}"));
    }
    assert_eq!(provider.asked(), 1);

    let provider = Arc::new(CountingProvider { fail_first: true, ..Default::default() });
    let client = client_with_provider(&provider, &clock);
    let err = call(&client).await.err().unwrap_or_else(|| panic!("expected an error"));
    assert!(matches!(err, SdkError::Credentials { .. }), "{err:?}");
    call(&client).await.unwrap_or_else(|err| panic!("{err}"));
    call(&client).await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(provider.asked(), 2);
}

/// Credentials that come already within the 10 s margin before their expiry (a short-lived
/// token, a skewed clock) serve the calls that waited for them, rather than each asking again.
#[tokio::test]
async fn callers_that_waited_take_credentials_even_close_to_their_expiry() {
    let clock = Arc::new(std::sync::atomic::AtomicU64::new(ISSUED));
    let provider = Arc::new(CountingProvider { lifetime: Some(Duration::from_secs(5)), ..Default::default() });
    let client = client_with_provider(&provider, &clock);
    let (a, b, c) = tokio::join!(call(&client), call(&client), call(&client));
    for result in [a, b, c] {
        result.unwrap_or_else(|err| panic!("{err}"));
    }
    assert_eq!(provider.asked(), 1);
}

/// Each attempt takes credentials that serve at its own time: a retry after a 3 s wait asks again
/// when the first attempt's credentials serve only 1 s. The clock is paused and the signing clock
/// follows it.
#[tokio::test(start_paused = true)]
async fn a_retry_after_a_long_wait_takes_newer_credentials() {
    let provider = Arc::new(CountingProvider { lifetime: Some(Duration::from_secs(11)), ..Default::default() });
    let transport = Arc::new(Scripted::default());
    transport.answer_with(&[THROTTLED_3S, (200, &[])]);
    let started = tokio::time::Instant::now();
    let config = Config::builder()
        .region("us-east-1")
        .credentials_provider(ProviderRef(provider.clone()))
        .http_client(transport.clone())
        .retry_behavior(RetryBehavior::Standard2026)
        .retry_partition("newer-credentials")
        .time_source(move || SystemTime::UNIX_EPOCH + Duration::from_secs(ISSUED) + started.elapsed());
    call(&Client::from_conf(config.build())).await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(transport.sent(), 2);
    assert_eq!(provider.asked(), 2);
}

#[derive(Debug)]
struct ProviderRef(Arc<CountingProvider>);

impl aws_credential_types::provider::ProvideCredentials for ProviderRef {
    fn provide_credentials<'a>(&'a self) -> aws_credential_types::provider::future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        self.0.provide_credentials()
    }
}

fn capture_config(capture: &Arc<Capture>) -> robomaker::config::ConfigBuilder {
    Config::builder().credentials(Credentials::new("AKIDEXAMPLE", SECRET, None)).http_client(capture.clone())
}

fn sent_uri(capture: &Capture) -> Option<String> {
    capture.0.lock().unwrap_or_else(|err| err.into_inner()).take().map(|request| request.uri().to_string())
}

#[tokio::test]
async fn endpoints_come_from_the_rule_set() {
    let cases = [
        (
            capture_config as fn(&Arc<Capture>) -> robomaker::config::ConfigBuilder,
            "eu-west-1",
            false,
            false,
            "https://robomaker.eu-west-1.amazonaws.com",
        ),
        (capture_config, "us-east-1", true, false, "https://robomaker-fips.us-east-1.amazonaws.com"),
        (capture_config, "us-east-1", false, true, "https://robomaker.us-east-1.api.aws"),
        (capture_config, "cn-north-1", false, false, "https://robomaker.cn-north-1.amazonaws.com.cn"),
    ];
    for (make, region, fips, dual_stack, expected) in cases {
        let capture = Arc::new(Capture::default());
        let config = make(&capture).region(region).use_fips(fips).use_dual_stack(dual_stack).build();
        call(&Client::from_conf(config)).await.unwrap_or_else(|err| panic!("{region}: {err}"));
        assert_eq!(sent_uri(&capture), Some(format!("{expected}/describeDeploymentJob")));
    }
}

#[tokio::test]
async fn an_endpoint_rule_error_is_reported_before_sending() {
    let capture = Arc::new(Capture::default());
    let config =
        capture_config(&capture).region("us-east-1").endpoint_url("https://example.com").use_fips(true).build();
    let err = call(&Client::from_conf(config)).await.err().unwrap_or_else(|| panic!("expected an error"));
    assert!(matches!(err, SdkError::Endpoint { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "DescribeDeploymentJob failed: no endpoint: Invalid Configuration: FIPS and custom endpoint are not supported"
    );
    assert_eq!(sent_uri(&capture), None);

    // Found by fuzzing the rule set: it passes a configured endpoint URL through as given.
    for url in ["", "example.com", "/path"] {
        let capture = Arc::new(Capture::default());
        let config = capture_config(&capture).region("us-east-1").endpoint_url(url).build();
        let err = call(&Client::from_conf(config)).await.err().unwrap_or_else(|| panic!("{url:?} was used"));
        assert!(matches!(err, SdkError::Config { .. }), "{err:?}");
        assert!(err.to_string().contains("is not an absolute URL with a scheme and a host"), "{err}");
        assert_eq!(sent_uri(&capture), None);
    }

    let capture = Arc::new(Capture::default());
    let err = call(&Client::from_conf(capture_config(&capture).build()))
        .await
        .err()
        .unwrap_or_else(|| panic!("expected an error"));
    // The rule set would say "Missing Region"; the client says so first, as a configuration error.
    assert!(matches!(err, SdkError::Config { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "DescribeDeploymentJob failed: no region is configured: set one with `Config::builder().region(..)` or AWS_REGION"
    );
    assert_eq!(sent_uri(&capture), None);
}

#[tokio::test]
async fn partitions_can_be_overridden_for_new_regions() {
    let partitions = robomaker::endpoint::Partitions::from_json(
        r#"{"version": "1.1", "partitions": [{
            "id": "aws-newland", "regionRegex": "^xx\\-newland\\-\\d+$", "regions": {},
            "outputs": {"name": "aws-newland", "dnsSuffix": "amazonaws.example", "dualStackDnsSuffix": "api.example",
                        "supportsFIPS": false, "supportsDualStack": true, "implicitGlobalRegion": "xx-newland-1"}
        }]}"#,
    )
    .unwrap_or_else(|err| panic!("{err}"));
    let capture = Arc::new(Capture::default());
    let config = capture_config(&capture).region("xx-newland-1").partitions(partitions).build();
    call(&Client::from_conf(config)).await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(
        sent_uri(&capture).as_deref(),
        Some("https://robomaker.xx-newland-1.amazonaws.example/describeDeploymentJob")
    );
}

/// One configuration makes the clients of two services (RoboMaker and the `errors` fixture's):
/// each signs with its own name and sends its own user agent, and they share the configuration's
/// transport and the credentials its provider gave.
#[tokio::test]
async fn one_configuration_makes_the_clients_of_several_services() {
    let server = Server::start(vec![Reply::new(200, "{}"), Reply::new(200, "{}")]).await;
    let provider = Arc::new(CountingProvider::default());
    let shared = Config::builder()
        .region("eu-west-1")
        .credentials_provider(ProviderRef(provider.clone()))
        .endpoint_url(&server.url)
        .build();
    call(&Client::new(&shared)).await.unwrap_or_else(|err| panic!("{err}"));
    let errors = fixture_errors::Client::new(&shared);
    errors.fail().send().await.unwrap_or_else(|err| panic!("{err}"));

    let received = server.received();
    let seen: Vec<(&str, &str, String)> = received
        .iter()
        .map(|request| {
            let scope = parse_authorization(&request.headers["authorization"]).scope;
            let service = scope.split('/').nth(2).unwrap_or_default().to_owned();
            (request.path.as_str(), request.headers["user-agent"].as_str(), service)
        })
        .collect();
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(
        seen,
        [
            ("/describeDeploymentJob", format!("robomaker/{version}").as_str(), "robomaker".to_owned()),
            ("/fail", format!("fixture-errors/{version}").as_str(), "errors".to_owned()),
        ]
    );
    assert_eq!(provider.asked(), 1, "the second client uses the credentials the first one got");
    // The configuration is one type, whichever crate names it.
    let _: &fixture_errors::Config = errors.config();
    let _: fixture_timestamp::primitives::Timestamp = robomaker::primitives::Timestamp::UNIX_EPOCH;
}
