//! A response that leaves out a required member still parses (Smithy's client error
//! correction): the member gets an empty value and nothing else in the response is lost.

#![allow(deprecated)] // DescribeDeploymentJob is deprecated in the model; its types warn on use.

use robomaker::operation::describe_deployment_job::DescribeDeploymentJobOutput;
use robomaker::types::DeploymentJobErrorCode;

#[test]
fn missing_required_members_get_fallbacks() {
    let body = r#"{
        "arn": "arn:aws:robomaker:us-east-1:123456789012:deployment-job/dep-1",
        "deploymentApplicationConfigs": [{"application": "arn:app"}],
        "deploymentConfig": {"downloadConditionFile": {"etag": "e-1"}}
    }"#;
    let output: DescribeDeploymentJobOutput = serde_json::from_str(body).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(output.arn(), Some("arn:aws:robomaker:us-east-1:123456789012:deployment-job/dep-1"));

    let config = &output.deployment_application_configs()[0];
    assert_eq!(config.application(), "arn:app");
    assert_eq!(config.application_version(), "");
    let launch = config.launch_config();
    assert_eq!((launch.package_name(), launch.launch_file()), ("", ""));
    assert_eq!(launch.pre_launch_file(), None);
    assert_eq!(launch.environment_variables(), None);

    let file = output.deployment_config().and_then(|config| config.download_condition_file());
    let file = file.unwrap_or_else(|| panic!("downloadConditionFile was sent"));
    assert_eq!((file.bucket(), file.key(), file.etag()), ("", "", Some("e-1")));
}

#[test]
fn present_members_are_not_replaced() {
    let body = r#"{"failureCode": "EtagMismatch", "deploymentApplicationConfigs": [{
        "application": "a", "applicationVersion": "1",
        "launchConfig": {"packageName": "p", "launchFile": "l"}
    }]}"#;
    let output: DescribeDeploymentJobOutput = serde_json::from_str(body).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(output.failure_code(), Some(&DeploymentJobErrorCode::EtagMismatch));
    let launch = output.deployment_application_configs()[0].launch_config();
    assert_eq!((launch.package_name(), launch.launch_file()), ("p", "l"));
}
