//! A client made from what `aws_config::load_from_env()` returns, an `aws_types::SdkConfig`, as
//! aws-sdk-rust's clients are made (`Client::new(&sdk_config)`): with the crate's `aws-config`
//! feature, a program switches by changing the crate's name.

#![allow(deprecated)] // DescribeDeploymentJob is deprecated in the model; calling it warns.

mod support;

use aws_credential_types::provider::SharedCredentialsProvider;
use aws_types::region::Region;
use aws_types::sdk_config::{RetryConfig, SdkConfig};
use support::{expected_signature, parse_authorization, Reply, Server};

const SECRET: &str = "sdk-config-secret";

#[tokio::test]
async fn a_client_made_from_an_sdk_config_uses_its_settings() {
    let server = Server::start(vec![Reply::new(503, "{}"), Reply::new(200, r#"{"status":"Succeeded"}"#)]).await;
    let credentials = aws_credential_types::Credentials::new("SDKKEY", SECRET, Some("SDKTOKEN".into()), None, "test");
    let sdk_config = SdkConfig::builder()
        .region(Region::new("eu-central-1"))
        .credentials_provider(SharedCredentialsProvider::new(credentials))
        .endpoint_url(&server.url)
        .retry_config(RetryConfig::standard().with_max_attempts(2).with_initial_backoff(std::time::Duration::ZERO))
        .build();
    let client = robomaker::Client::new(&sdk_config);
    assert_eq!(client.config().region(), Some("eu-central-1"));
    assert_eq!(client.config().max_attempts(), 2);
    let output = client
        .describe_deployment_job()
        .job("arn:aws:robomaker:eu-central-1:123456789012:deployment-job/dep-1")
        .send()
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(output.status().map(|status| status.as_str()), Some("Succeeded"));

    let received = server.received();
    assert_eq!(received.len(), 2, "the 503 was retried");
    let request = &received[1];
    assert_eq!(request.headers["x-amz-security-token"], "SDKTOKEN");
    let authorization = parse_authorization(&request.headers["authorization"]);
    assert_eq!(authorization.access_key, "SDKKEY");
    assert!(authorization.scope.contains("/eu-central-1/robomaker/"), "{}", authorization.scope);
    assert_eq!(authorization.signature, expected_signature(request, SECRET));
}
