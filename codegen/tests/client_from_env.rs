//! `Config::from_env()` with a temporary profile file. The environment is process-wide, so this
//! is its own test binary with a single test.

#![allow(deprecated)] // DescribeDeploymentJob is deprecated in the model; calling it warns.

mod support;

use robomaker::config::RetryBehavior;
use robomaker::{Client, Config};
use support::{expected_signature, parse_authorization, Reply, Server};

#[tokio::test]
async fn from_env_reads_a_profile_file() {
    let server = Server::start(vec![Reply::new(200, "{}")]).await;
    let dir = std::env::temp_dir().join(format!("robomaker-from-env-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|err| panic!("{err}"));
    let config_file = dir.join("config");
    let credentials_file = dir.join("credentials");
    std::fs::write(
        &config_file,
        format!(
            "[default]\nregion = us-east-1\n\n[profile test]\nregion = ap-southeast-2\nendpoint_url = {}\nmax_attempts = 4\n\n[profile role]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = test\n",
            server.url
        ),
    )
    .unwrap_or_else(|err| panic!("{err}"));
    std::fs::write(&credentials_file, "[test]\naws_access_key_id = PROFILEKEY\naws_secret_access_key = profile-secret\naws_session_token = profile-token\n")
        .unwrap_or_else(|err| panic!("{err}"));

    for name in [
        "AWS_REGION",
        "AWS_DEFAULT_REGION",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_ENDPOINT_URL",
        "AWS_ENDPOINT_URL_ROBOMAKER",
        "AWS_MAX_ATTEMPTS",
        "AWS_NEW_RETRIES_2026",
    ] {
        std::env::remove_var(name);
    }
    std::env::set_var("AWS_CONFIG_FILE", &config_file);
    std::env::set_var("AWS_SHARED_CREDENTIALS_FILE", &credentials_file);
    std::env::set_var("AWS_PROFILE", "test");

    let config = Config::from_env().unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(config.region(), Some("ap-southeast-2"));
    assert_eq!(config.endpoint_url(), Some(server.url.as_str()));
    assert_eq!(config.max_attempts(), 4);
    assert_eq!(config.retry_behavior(), RetryBehavior::Standard);
    let shown = format!("{config:?}");
    assert!(!shown.contains("profile-secret") && !shown.contains("profile-token"), "{shown}");

    Client::from_conf(config)
        .describe_deployment_job()
        .job("arn:aws:robomaker:ap-southeast-2:123456789012:deployment-job/dep-1")
        .send()
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    let request = &server.received()[0];
    assert_eq!(request.headers["x-amz-security-token"], "profile-token");
    let authorization = parse_authorization(&request.headers["authorization"]);
    assert_eq!(authorization.access_key, "PROFILEKEY");
    assert!(authorization.scope.contains("/ap-southeast-2/robomaker/"));
    assert_eq!(authorization.signature, expected_signature(request, "profile-secret"));

    // Variables win over the profile; a profile that does not exist is an error.
    std::env::set_var("AWS_ENDPOINT_URL_ROBOMAKER", "http://127.0.0.1:9");
    std::env::set_var("AWS_MAX_ATTEMPTS", "2");
    std::env::set_var("AWS_NEW_RETRIES_2026", "true");
    let config = Config::from_env().unwrap_or_else(|err| panic!("{err}"));
    // The configuration serves every service: its endpoint URL is the profile's; RoboMaker's
    // own variable applies to RoboMaker's client.
    assert_eq!(config.endpoint_url(), Some(server.url.as_str()));
    assert_eq!(Client::new(&config).config().endpoint_url(), Some("http://127.0.0.1:9"));
    assert_eq!(fixture_errors::Client::new(&config).config().endpoint_url(), Some(server.url.as_str()));
    assert_eq!((config.max_attempts(), config.retry_behavior()), (2, RetryBehavior::Standard2026));
    // A profile that gets its credentials through a role: the error of a call says so, and
    // what to plug in.
    std::env::set_var("AWS_PROFILE", "role");
    let client = Client::from_conf(Config::from_env().unwrap_or_else(|err| panic!("{err}")));
    let err = client.describe_deployment_job().job("arn:aws:robomaker:us-east-1:1:deployment-job/x").send().await;
    let err = err.err().map(|err| err.to_string()).unwrap_or_default();
    assert_eq!(
        err,
        "DescribeDeploymentJob failed: no credentials are configured: profile `role` gets its credentials through \
         `role_arn`, which this crate does not resolve; plug in a provider that does, such as aws-config's, with \
         `Config::builder().credentials_provider(..)`"
    );
    std::env::set_var("AWS_PROFILE", "missing");
    let err = Config::from_env().err().map(|err| err.to_string()).unwrap_or_default();
    assert!(err.starts_with("profile `missing` (from AWS_PROFILE) is not in"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}
