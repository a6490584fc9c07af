//! What the client logs. Its own test binary: tracing caches per call site whether anyone
//! listens, and tests on other threads without a subscriber would race with that cache.

#![allow(deprecated)] // DescribeDeploymentJob is deprecated in the model; calling it warns.

mod support;

use std::sync::Arc;

use robomaker::{Client, Config, Credentials};
use support::{Reply, Server};

const ARN: &str = "arn:aws:robomaker:us-east-1:123456789012:deployment-job/dep-1";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

/// What the client logs is enough to follow attempts and holds no secret.
#[tokio::test]
async fn tracing_shows_attempts_but_no_secrets() {
    #[derive(Clone, Default)]
    struct Buffer(Arc<std::sync::Mutex<Vec<u8>>>);
    impl std::io::Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap_or_else(|err| err.into_inner()).extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber =
        tracing_subscriber::fmt().with_max_level(tracing::Level::TRACE).with_writer(move || writer.clone()).finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let throttle = Reply::new(400, r#"{"__type":"ThrottlingException"}"#);
    let server = Server::start(vec![throttle, Reply::new(200, "{}")]).await;
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url(&server.url)
        .credentials(Credentials::new("AKIDEXAMPLE", SECRET, Some("SESSIONTOKEN".into())))
        .build();
    Client::from_conf(config).describe_deployment_job().job(ARN).send().await.unwrap_or_else(|err| panic!("{err}"));
    let logged = String::from_utf8_lossy(&buffer.0.lock().unwrap_or_else(|err| err.into_inner())).into_owned();
    assert!(
        logged.contains("attempt failed") && logged.contains("retrying") && logged.contains("attempt succeeded"),
        "{logged}"
    );
    for secret in [SECRET, "SESSIONTOKEN", "Signature=", "AWS4-HMAC-SHA256 Credential"] {
        assert!(!logged.contains(secret), "the log shows {secret}:\n{logged}");
    }
}
