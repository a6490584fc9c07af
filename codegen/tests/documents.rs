//! Golden tests: the generated `robomaker` crate against the public API
//! document of `DescribeDeploymentJob` (the boto3 reference page
//! `RoboMaker.Client.describe_deployment_job`).
//!
//! Everything the document states that these tests rely on — member names,
//! enum values in documented order, the required input member, the list of
//! exceptions — is written down below as test data, so the suite runs on a
//! fresh clone without the document itself. When the document and the crate
//! disagree, the test asserts what the document says.

// The model marks `DescribeDeploymentJob` as deprecated, so the generator puts
// `#[deprecated]` on the operation and on its input and output structures.
// Testing them is the point of this file, so their use must not warn.
#![allow(deprecated)]

use std::collections::HashMap;

use robomaker::operation::describe_deployment_job::{
    DescribeDeploymentJob, DescribeDeploymentJobError, DescribeDeploymentJobInput, DescribeDeploymentJobOutput,
};
use robomaker::primitives::Timestamp;
use robomaker::types::error::{
    InternalServerException, InvalidParameterException, ResourceNotFoundException, ThrottlingException,
};
use robomaker::types::{DeploymentJobErrorCode, DeploymentStatus, RobotDeploymentStep, RobotStatus};
use serde_json::{json, Value};

// ---------------------------------------------------------------------------
// Facts from the document.
// ---------------------------------------------------------------------------

/// The members of the Response Syntax, in documented order.
const RESPONSE_MEMBERS: &[&str] = &[
    "arn",
    "fleet",
    "status",
    "deploymentConfig",
    "deploymentApplicationConfigs",
    "failureReason",
    "failureCode",
    "createdAt",
    "robotDeploymentSummary",
    "tags",
];

/// `deploymentConfig` members, in documented order.
const DEPLOYMENT_CONFIG_MEMBERS: &[&str] = &[
    "concurrentDeploymentPercentage",
    "failureThresholdPercentage",
    "robotDeploymentTimeoutInSeconds",
    "downloadConditionFile",
];

/// `downloadConditionFile` members, in documented order.
const S3_OBJECT_MEMBERS: &[&str] = &["bucket", "key", "etag"];

/// `deploymentApplicationConfigs[]` members, in documented order.
const DEPLOYMENT_APPLICATION_CONFIG_MEMBERS: &[&str] = &["application", "applicationVersion", "launchConfig"];

/// `launchConfig` members, in documented order.
const LAUNCH_CONFIG_MEMBERS: &[&str] =
    &["packageName", "preLaunchFile", "launchFile", "postLaunchFile", "environmentVariables"];

/// `robotDeploymentSummary[]` members, in documented order.
const ROBOT_DEPLOYMENT_MEMBERS: &[&str] =
    &["arn", "deploymentStartTime", "deploymentFinishTime", "status", "progressDetail", "failureReason", "failureCode"];

/// `progressDetail` members, in documented order.
const PROGRESS_DETAIL_MEMBERS: &[&str] =
    &["currentProgress", "percentDone", "estimatedTimeRemainingSeconds", "targetResource"];

/// Values of the top-level `status`, in documented order.
const DEPLOYMENT_STATUS_VALUES: &[&str] = &["Pending", "Preparing", "InProgress", "Failed", "Succeeded", "Canceled"];

/// Values of both `failureCode` members, in documented order.
const DEPLOYMENT_JOB_ERROR_CODE_VALUES: &[&str] = &[
    "ResourceNotFound",
    "EnvironmentSetupError",
    "EtagMismatch",
    "FailureThresholdBreached",
    "RobotDeploymentAborted",
    "RobotDeploymentNoResponse",
    "RobotAgentConnectionTimeout",
    "GreengrassDeploymentFailed",
    "InvalidGreengrassGroup",
    "MissingRobotArchitecture",
    "MissingRobotApplicationArchitecture",
    "MissingRobotDeploymentResource",
    "GreengrassGroupVersionDoesNotExist",
    "LambdaDeleted",
    "ExtractingBundleFailure",
    "PreLaunchFileFailure",
    "PostLaunchFileFailure",
    "BadPermissionError",
    "DownloadConditionFailed",
    "BadLambdaAssociated",
    "InternalServerError",
    "RobotApplicationDoesNotExist",
    "DeploymentFleetDoesNotExist",
    "FleetDeploymentTimeout",
];

/// Values of `robotDeploymentSummary[].status`, in documented order.
const ROBOT_STATUS_VALUES: &[&str] =
    &["Available", "Registered", "PendingNewDeployment", "Deploying", "Failed", "InSync", "NoResponse"];

/// Values of `progressDetail.currentProgress`, in the order of the Response
/// Syntax line (the prose list below it leaves out
/// `ExecutingDownloadCondition`; the syntax line is the complete one).
const ROBOT_DEPLOYMENT_STEP_VALUES: &[&str] = &[
    "Validating",
    "DownloadingExtracting",
    "ExecutingDownloadCondition",
    "ExecutingPreLaunch",
    "Launching",
    "ExecutingPostLaunch",
    "Finished",
];

/// The section "Exceptions", in documented order.
const EXCEPTIONS: &[&str] =
    &["ResourceNotFoundException", "InvalidParameterException", "InternalServerException", "ThrottlingException"];

/// The only member of the Request Syntax; it is `[REQUIRED]`.
const REQUEST_MEMBERS: &[&str] = &["job"];

const JOB_ARN: &str = "arn:aws:robomaker:us-east-1:123456789012:deployment-job/dep-1";

/// A response body with every documented member set, each to a value no
/// other member has, so a member read from the wrong place is caught. Maps
/// have several entries, lists several elements, and timestamps carry
/// milliseconds.
fn full_response() -> Value {
    json!({
        "arn": JOB_ARN,
        "fleet": "arn:aws:robomaker:us-east-1:123456789012:fleet/fleet-7",
        "status": "InProgress",
        "deploymentConfig": {
            "concurrentDeploymentPercentage": 20,
            "failureThresholdPercentage": 35,
            "robotDeploymentTimeoutInSeconds": 18000,
            "downloadConditionFile": {
                "bucket": "condition-bucket",
                "key": "conditions/ready.sh",
                "etag": "\"9b2cf535f27731c974343645a3985328\""
            }
        },
        "deploymentApplicationConfigs": [
            {
                "application": "arn:aws:robomaker:us-east-1:123456789012:robot-application/nav/1",
                "applicationVersion": "3",
                "launchConfig": {
                    "packageName": "nav_pkg",
                    "preLaunchFile": "/opt/nav/pre.sh",
                    "launchFile": "nav.launch",
                    "postLaunchFile": "/opt/nav/post.sh",
                    "environmentVariables": {
                        "NAV_MODE": "fast",
                        "NAV_LOG": "debug"
                    }
                }
            },
            {
                "application": "arn:aws:robomaker:us-east-1:123456789012:robot-application/arm/2",
                "applicationVersion": "$LATEST",
                "launchConfig": {
                    "packageName": "arm_pkg",
                    "preLaunchFile": "/opt/arm/pre.sh",
                    "launchFile": "arm.launch",
                    "postLaunchFile": "/opt/arm/post.sh",
                    "environmentVariables": {
                        "ARM_SPEED": "3",
                        "ARM_SIDE": "left",
                        "ARM_TOOL": "gripper"
                    }
                }
            }
        ],
        "failureReason": "job-level failure reason",
        "failureCode": "FailureThresholdBreached",
        "createdAt": 1700000000.125,
        "robotDeploymentSummary": [
            {
                "arn": "arn:aws:robomaker:us-east-1:123456789012:robot/r2d2",
                "deploymentStartTime": 1700000100.25,
                "deploymentFinishTime": 1700000200.875,
                "status": "Deploying",
                "progressDetail": {
                    "currentProgress": "ExecutingPreLaunch",
                    "percentDone": 42.5,
                    "estimatedTimeRemainingSeconds": 77,
                    "targetResource": "arn:aws:robomaker:us-east-1:123456789012:deployment-job/target-1"
                },
                "failureReason": "robot-level failure reason",
                "failureCode": "PreLaunchFileFailure"
            },
            {
                "arn": "arn:aws:robomaker:us-east-1:123456789012:robot/c3po",
                "deploymentStartTime": 1700000300.5,
                "deploymentFinishTime": 1700000400.001,
                "status": "NoResponse",
                "progressDetail": {
                    "currentProgress": "DownloadingExtracting",
                    "percentDone": 87.25,
                    "estimatedTimeRemainingSeconds": 912,
                    "targetResource": "arn:aws:robomaker:us-east-1:123456789012:deployment-job/target-2"
                },
                "failureReason": "second robot failure reason",
                "failureCode": "RobotDeploymentNoResponse"
            }
        ],
        "tags": {
            "team": "robotics",
            "env": "staging",
            "cost-center": "4711"
        }
    })
}

fn parse_output(body: &str) -> DescribeDeploymentJobOutput {
    serde_json::from_str::<DescribeDeploymentJobOutput>(body)
        .unwrap_or_else(|e| panic!("response body should parse: {e}\n{body}"))
}

fn string_map(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value.as_object().expect("a JSON object").keys().map(String::as_str).collect();
    keys.sort_unstable();
    keys
}

fn sorted(names: &[&'static str]) -> Vec<&'static str> {
    let mut names = names.to_vec();
    names.sort_unstable();
    names
}

// ---------------------------------------------------------------------------
// 1. Every documented response member is read, with its value.
// ---------------------------------------------------------------------------

/// The test body itself covers every documented member name, and nothing
/// else, at every level — so the other tests really exercise all of them.
#[test]
fn full_response_sets_exactly_the_documented_members() {
    let body = full_response();
    assert_eq!(keys(&body), sorted(RESPONSE_MEMBERS));
    assert_eq!(keys(&body["deploymentConfig"]), sorted(DEPLOYMENT_CONFIG_MEMBERS));
    assert_eq!(keys(&body["deploymentConfig"]["downloadConditionFile"]), sorted(S3_OBJECT_MEMBERS));
    for config in body["deploymentApplicationConfigs"].as_array().expect("list") {
        assert_eq!(keys(config), sorted(DEPLOYMENT_APPLICATION_CONFIG_MEMBERS));
        assert_eq!(keys(&config["launchConfig"]), sorted(LAUNCH_CONFIG_MEMBERS));
        assert!(config["launchConfig"]["environmentVariables"].as_object().expect("map").len() >= 2);
    }
    for robot in body["robotDeploymentSummary"].as_array().expect("list") {
        assert_eq!(keys(robot), sorted(ROBOT_DEPLOYMENT_MEMBERS));
        assert_eq!(keys(&robot["progressDetail"]), sorted(PROGRESS_DETAIL_MEMBERS));
    }
    assert!(body["tags"].as_object().expect("map").len() >= 2);
}

#[test]
fn every_documented_response_member_parses_to_its_value() {
    let output = parse_output(&full_response().to_string());

    // Top level, through the getters.
    assert_eq!(output.arn(), Some(JOB_ARN));
    assert_eq!(output.fleet(), Some("arn:aws:robomaker:us-east-1:123456789012:fleet/fleet-7"));
    assert_eq!(output.status(), Some(&DeploymentStatus::InProgress));
    assert_eq!(output.failure_reason(), Some("job-level failure reason"));
    assert_eq!(output.failure_code(), Some(&DeploymentJobErrorCode::FailureThresholdBreached));
    let created_at = output.created_at().expect("createdAt");
    assert_eq!(created_at.to_millis(), 1_700_000_000_125);
    assert_eq!(created_at.secs(), 1_700_000_000);
    assert_eq!(created_at.subsec_nanos(), 125_000_000);
    assert_eq!(created_at.to_string(), "2023-11-14T22:13:20.125Z");
    assert_eq!(output.tags(), Some(&string_map(&[("team", "robotics"), ("env", "staging"), ("cost-center", "4711"),])));

    // deploymentConfig and downloadConditionFile.
    let config = output.deployment_config().expect("deploymentConfig");
    assert_eq!(config.concurrent_deployment_percentage(), Some(20));
    assert_eq!(config.failure_threshold_percentage(), Some(35));
    assert_eq!(config.robot_deployment_timeout_in_seconds(), Some(18000));
    let file = config.download_condition_file().expect("downloadConditionFile");
    assert_eq!(file.bucket(), "condition-bucket");
    assert_eq!(file.key(), "conditions/ready.sh");
    assert_eq!(file.etag(), Some("\"9b2cf535f27731c974343645a3985328\""));

    // deploymentApplicationConfigs, in order.
    let apps = output.deployment_application_configs();
    assert_eq!(apps.len(), 2);
    assert_eq!(apps[0].application(), "arn:aws:robomaker:us-east-1:123456789012:robot-application/nav/1");
    assert_eq!(apps[0].application_version(), "3");
    let launch = apps[0].launch_config();
    assert_eq!(launch.package_name(), "nav_pkg");
    assert_eq!(launch.pre_launch_file(), Some("/opt/nav/pre.sh"));
    assert_eq!(launch.launch_file(), "nav.launch");
    assert_eq!(launch.post_launch_file(), Some("/opt/nav/post.sh"));
    assert_eq!(launch.environment_variables(), Some(&string_map(&[("NAV_MODE", "fast"), ("NAV_LOG", "debug")])));
    assert_eq!(apps[1].application(), "arn:aws:robomaker:us-east-1:123456789012:robot-application/arm/2");
    assert_eq!(apps[1].application_version(), "$LATEST");
    let launch = apps[1].launch_config();
    assert_eq!(launch.package_name(), "arm_pkg");
    assert_eq!(launch.pre_launch_file(), Some("/opt/arm/pre.sh"));
    assert_eq!(launch.launch_file(), "arm.launch");
    assert_eq!(launch.post_launch_file(), Some("/opt/arm/post.sh"));
    assert_eq!(
        launch.environment_variables(),
        Some(&string_map(&[("ARM_SPEED", "3"), ("ARM_SIDE", "left"), ("ARM_TOOL", "gripper"),]))
    );

    // robotDeploymentSummary, in order.
    let robots = output.robot_deployment_summary();
    assert_eq!(robots.len(), 2);

    let robot = &robots[0];
    assert_eq!(robot.arn(), Some("arn:aws:robomaker:us-east-1:123456789012:robot/r2d2"));
    let start = robot.deployment_start_time().expect("deploymentStartTime");
    assert_eq!(start.to_millis(), 1_700_000_100_250);
    assert_eq!(start.to_string(), "2023-11-14T22:15:00.25Z");
    let finish = robot.deployment_finish_time().expect("deploymentFinishTime");
    assert_eq!(finish.to_millis(), 1_700_000_200_875);
    assert_eq!(finish.to_string(), "2023-11-14T22:16:40.875Z");
    assert_eq!(robot.status(), Some(&RobotStatus::Deploying));
    let progress = robot.progress_detail().expect("progressDetail");
    assert_eq!(progress.current_progress(), Some(&RobotDeploymentStep::PreLaunchStep));
    assert_eq!(progress.percent_done(), Some(42.5_f32));
    assert_eq!(progress.estimated_time_remaining_seconds(), Some(77));
    assert_eq!(progress.target_resource(), Some("arn:aws:robomaker:us-east-1:123456789012:deployment-job/target-1"));
    assert_eq!(robot.failure_reason(), Some("robot-level failure reason"));
    assert_eq!(robot.failure_code(), Some(&DeploymentJobErrorCode::PreLaunchFileFailure));

    let robot = &robots[1];
    assert_eq!(robot.arn(), Some("arn:aws:robomaker:us-east-1:123456789012:robot/c3po"));
    let start = robot.deployment_start_time().expect("deploymentStartTime");
    assert_eq!(start.to_millis(), 1_700_000_300_500);
    assert_eq!(start.to_string(), "2023-11-14T22:18:20.5Z");
    let finish = robot.deployment_finish_time().expect("deploymentFinishTime");
    assert_eq!(finish.to_millis(), 1_700_000_400_001);
    assert_eq!(finish.to_string(), "2023-11-14T22:20:00.001Z");
    assert_eq!(robot.status(), Some(&RobotStatus::NoResponse));
    let progress = robot.progress_detail().expect("progressDetail");
    assert_eq!(progress.current_progress(), Some(&RobotDeploymentStep::DownloadingExtractingStep));
    assert_eq!(progress.percent_done(), Some(87.25_f32));
    assert_eq!(progress.estimated_time_remaining_seconds(), Some(912));
    assert_eq!(progress.target_resource(), Some("arn:aws:robomaker:us-east-1:123456789012:deployment-job/target-2"));
    assert_eq!(robot.failure_reason(), Some("second robot failure reason"));
    assert_eq!(robot.failure_code(), Some(&DeploymentJobErrorCode::RobotDeploymentNoResponse));
}

/// The public fields hold the same values as the getters return.
#[test]
fn public_fields_agree_with_getters() {
    let output = parse_output(&full_response().to_string());
    assert_eq!(output.arn.as_deref(), output.arn());
    assert_eq!(output.fleet.as_deref(), output.fleet());
    assert_eq!(output.status.as_ref(), output.status());
    assert_eq!(output.failure_reason.as_deref(), Some("job-level failure reason"));
    assert_eq!(output.failure_code.as_ref(), output.failure_code());
    assert_eq!(output.created_at, Timestamp::from_millis(1_700_000_000_125));
    assert_eq!(output.tags.as_ref(), output.tags());

    let config = output.deployment_config.as_ref().expect("deploymentConfig");
    assert_eq!(config.concurrent_deployment_percentage, Some(20));
    assert_eq!(config.failure_threshold_percentage, Some(35));
    assert_eq!(config.robot_deployment_timeout_in_seconds, Some(18000));
    let file = config.download_condition_file.as_ref().expect("downloadConditionFile");
    assert_eq!(file.bucket, "condition-bucket");
    assert_eq!(file.key, "conditions/ready.sh");
    assert_eq!(file.etag.as_deref(), Some("\"9b2cf535f27731c974343645a3985328\""));

    let apps = output.deployment_application_configs.as_deref().expect("list");
    assert_eq!(apps, output.deployment_application_configs());
    assert_eq!(apps[1].application_version, "$LATEST");
    assert_eq!(apps[1].launch_config.package_name, "arm_pkg");
    assert_eq!(apps[1].launch_config.launch_file, "arm.launch");
    assert_eq!(apps[0].launch_config.pre_launch_file.as_deref(), Some("/opt/nav/pre.sh"));
    assert_eq!(apps[0].launch_config.post_launch_file.as_deref(), Some("/opt/nav/post.sh"));

    let robots = output.robot_deployment_summary.as_deref().expect("list");
    assert_eq!(robots, output.robot_deployment_summary());
    assert_eq!(robots[0].deployment_start_time, Timestamp::from_millis(1_700_000_100_250));
    assert_eq!(robots[0].deployment_finish_time, Timestamp::from_millis(1_700_000_200_875));
    let progress = robots[0].progress_detail.as_ref().expect("progressDetail");
    assert_eq!(progress.current_progress, Some(RobotDeploymentStep::PreLaunchStep));
    assert_eq!(progress.percent_done, Some(42.5));
    assert_eq!(progress.estimated_time_remaining_seconds, Some(77));
}

// ---------------------------------------------------------------------------
// 2. Round trip: serializing gives back exactly the documented JSON.
// ---------------------------------------------------------------------------

#[test]
fn full_response_round_trips_unchanged() {
    let body = full_response();
    let output = parse_output(&body.to_string());
    let back = serde_json::to_value(&output).expect("output serializes");
    assert_eq!(back, body);

    // And once more from the serialized text, to be sure nothing drifts.
    let again = parse_output(&serde_json::to_string(&output).expect("serializes"));
    assert_eq!(again, output);
}

/// Timestamps go back to the wire as epoch seconds with their milliseconds,
/// not as strings and not truncated to whole seconds.
#[test]
fn timestamps_serialize_as_epoch_seconds_with_milliseconds() {
    let output = parse_output(&full_response().to_string());
    let back = serde_json::to_value(&output).expect("output serializes");
    assert_eq!(back["createdAt"].as_f64(), Some(1_700_000_000.125));
    assert_eq!(back["robotDeploymentSummary"][0]["deploymentStartTime"].as_f64(), Some(1_700_000_100.25));
    assert_eq!(back["robotDeploymentSummary"][1]["deploymentFinishTime"].as_f64(), Some(1_700_000_400.001));
    let text = serde_json::to_string(&output).expect("serializes");
    assert!(text.contains("\"createdAt\":1700000000.125"), "{text}");
}

/// Enum values the crate does not know survive the round trip verbatim.
#[test]
fn unknown_enum_values_in_a_response_round_trip() {
    let mut body = full_response();
    body["status"] = json!("SomethingNew");
    body["failureCode"] = json!("BrandNewFailure");
    body["robotDeploymentSummary"][0]["status"] = json!("Hibernating");
    body["robotDeploymentSummary"][0]["progressDetail"]["currentProgress"] = json!("Rebooting");
    let output = parse_output(&body.to_string());
    assert!(matches!(output.status(), Some(DeploymentStatus::Unknown(v)) if v.as_str() == "SomethingNew"));
    assert_eq!(output.failure_code().map(DeploymentJobErrorCode::as_str), Some("BrandNewFailure"));
    let robot = &output.robot_deployment_summary()[0];
    assert!(matches!(robot.status(), Some(RobotStatus::Unknown(v)) if v.as_str() == "Hibernating"));
    let progress = robot.progress_detail().expect("progressDetail");
    assert!(matches!(
        progress.current_progress(),
        Some(RobotDeploymentStep::Unknown(v)) if v.as_str() == "Rebooting"
    ));
    assert_eq!(serde_json::to_value(&output).expect("serializes"), body);
}

// ---------------------------------------------------------------------------
// 3. Enums: exactly the documented values, in documented order.
// ---------------------------------------------------------------------------

/// Checks one enum against its documented values: `values()` lists exactly
/// them in order, each parses to a known variant that gives the same text
/// back (as_str, Display, FromStr, serde), and an unknown value is kept.
macro_rules! check_enum {
    ($ty:ident, $documented:expr) => {{
        let documented: &[&str] = $documented;
        assert_eq!($ty::values(), documented, "{} values", stringify!($ty));

        let mut seen = Vec::new();
        for &value in documented {
            let parsed = $ty::from(value);
            assert!(
                !matches!(parsed, $ty::Unknown(_)),
                "{}: documented value {value:?} parsed as Unknown",
                stringify!($ty)
            );
            assert_eq!(parsed.as_str(), value);
            assert_eq!(parsed.to_string(), value);
            assert_eq!(value.parse::<$ty>(), Ok(parsed.clone()));
            let wire = serde_json::to_value(&parsed).expect("serializes");
            assert_eq!(wire, Value::String(value.to_owned()));
            assert_eq!(serde_json::from_value::<$ty>(wire).expect("deserializes"), parsed);
            assert!(!seen.contains(&parsed), "{value:?} maps to a variant seen before");
            seen.push(parsed);
        }

        let unknown = $ty::from("SomethingNew");
        match &unknown {
            $ty::Unknown(raw) => {
                assert_eq!(raw.as_str(), "SomethingNew");
                assert_eq!(raw.to_string(), "SomethingNew");
            }
            other => panic!("{}: \"SomethingNew\" parsed as {other:?}", stringify!($ty)),
        }
        assert_eq!(unknown.as_str(), "SomethingNew");
        assert_eq!(unknown.to_string(), "SomethingNew");
        let wire = serde_json::to_string(&unknown).expect("serializes");
        assert_eq!(wire, "\"SomethingNew\"");
        assert_eq!(serde_json::from_str::<$ty>(&wire).expect("deserializes"), unknown);
        // Matching is exact: case and whitespace variants are not known values.
        for near_miss in [documented[0].to_lowercase(), format!(" {}", documented[0])] {
            assert!(matches!($ty::from(near_miss.as_str()), $ty::Unknown(_)), "{near_miss:?}");
        }
    }};
}

/// Checks explicit variant ↔ value pairs both ways.
fn check_pairs<T>(pairs: &[(T, &str)], as_str: fn(&T) -> &str)
where
    T: for<'a> From<&'a str> + PartialEq + std::fmt::Debug,
{
    for (variant, value) in pairs {
        assert_eq!(as_str(variant), *value, "{variant:?}");
        assert_eq!(&T::from(*value), variant, "{value:?}");
    }
}

#[test]
fn deployment_status_has_exactly_the_documented_values() {
    check_enum!(DeploymentStatus, DEPLOYMENT_STATUS_VALUES);
    check_pairs(
        &[
            (DeploymentStatus::Pending, "Pending"),
            (DeploymentStatus::Preparing, "Preparing"),
            (DeploymentStatus::InProgress, "InProgress"),
            (DeploymentStatus::Failed, "Failed"),
            (DeploymentStatus::Succeeded, "Succeeded"),
            (DeploymentStatus::Canceled, "Canceled"),
        ],
        DeploymentStatus::as_str,
    );
}

#[test]
fn deployment_job_error_code_has_exactly_the_documented_values() {
    check_enum!(DeploymentJobErrorCode, DEPLOYMENT_JOB_ERROR_CODE_VALUES);
    check_pairs(
        &[
            (DeploymentJobErrorCode::ResourceNotFound, "ResourceNotFound"),
            (DeploymentJobErrorCode::EtagMismatch, "EtagMismatch"),
            (DeploymentJobErrorCode::MissingRobotApplicationArchitecture, "MissingRobotApplicationArchitecture"),
            (DeploymentJobErrorCode::GreengrassGroupVersionDoesNotExist, "GreengrassGroupVersionDoesNotExist"),
            (DeploymentJobErrorCode::InternalServerError, "InternalServerError"),
            (DeploymentJobErrorCode::FleetDeploymentTimeout, "FleetDeploymentTimeout"),
        ],
        DeploymentJobErrorCode::as_str,
    );
}

#[test]
fn robot_status_has_exactly_the_documented_values() {
    check_enum!(RobotStatus, ROBOT_STATUS_VALUES);
    check_pairs(
        &[
            (RobotStatus::Available, "Available"),
            (RobotStatus::Registered, "Registered"),
            (RobotStatus::PendingNewDeployment, "PendingNewDeployment"),
            (RobotStatus::Deploying, "Deploying"),
            (RobotStatus::Failed, "Failed"),
            (RobotStatus::InSync, "InSync"),
            (RobotStatus::NoResponse, "NoResponse"),
        ],
        RobotStatus::as_str,
    );
}

/// The Rust variant names of this enum differ from the wire values (they
/// come from the model's member names), so every pair is spelled out.
#[test]
fn robot_deployment_step_has_exactly_the_documented_values() {
    check_enum!(RobotDeploymentStep, ROBOT_DEPLOYMENT_STEP_VALUES);
    check_pairs(
        &[
            (RobotDeploymentStep::ValidatingStep, "Validating"),
            (RobotDeploymentStep::DownloadingExtractingStep, "DownloadingExtracting"),
            (RobotDeploymentStep::ExecutingDownloadCondition, "ExecutingDownloadCondition"),
            (RobotDeploymentStep::PreLaunchStep, "ExecutingPreLaunch"),
            (RobotDeploymentStep::LaunchingStep, "Launching"),
            (RobotDeploymentStep::PostLaunchStep, "ExecutingPostLaunch"),
            (RobotDeploymentStep::FinishedStep, "Finished"),
        ],
        RobotDeploymentStep::as_str,
    );
}

// ---------------------------------------------------------------------------
// 4. The input: `job`, the only member, is required.
// ---------------------------------------------------------------------------

#[test]
fn input_without_job_does_not_build() {
    let error = DescribeDeploymentJobInput::builder().build().expect_err("`job` is [REQUIRED]");
    assert_eq!(error.shape(), "DescribeDeploymentJobInput");
    assert_eq!(error.member(), "job");
    assert_eq!(error.to_string(), "cannot build `DescribeDeploymentJobInput`: required member `job` is not set");
    // Clearing it again is the same as never setting it.
    let error =
        DescribeDeploymentJobInput::builder().job(JOB_ARN).set_job(None).build().expect_err("`job` was cleared");
    assert_eq!(error.member(), "job");
}

#[test]
fn input_with_job_serializes_to_exactly_the_documented_request() {
    let input = DescribeDeploymentJobInput::builder().job(JOB_ARN).build().expect("`job` is set");
    assert_eq!(input.job(), JOB_ARN);
    assert_eq!(input.job, JOB_ARN);
    let wire = serde_json::to_value(&input).expect("input serializes");
    assert_eq!(wire, json!({ "job": JOB_ARN }));
    assert_eq!(keys(&wire), sorted(REQUEST_MEMBERS));
    let back: DescribeDeploymentJobInput = serde_json::from_value(wire).expect("deserializes");
    assert_eq!(back, input);
    assert_eq!(input.validate(), Ok(()));
}

#[test]
fn input_validation_reports_an_empty_job() {
    let input = DescribeDeploymentJobInput::builder().job("").build().expect("builds");
    let error = input.validate().expect_err("an empty ARN is too short");
    assert_eq!(error.shape(), "DescribeDeploymentJobInput");
    let message = error.to_string();
    assert!(message.contains("job: length 0 is below 1"), "{message}");
    assert!(message.starts_with("invalid `DescribeDeploymentJobInput`: "), "{message}");
    assert!(error.violations().iter().all(|v| v.path() == "job"), "{message}");
}

#[test]
fn input_validation_reports_a_job_that_is_not_an_arn() {
    let input = DescribeDeploymentJobInput::builder().job("deployment-job/dep-1").build().expect("builds");
    let error = input.validate().expect_err("not an ARN");
    assert_eq!(error.to_string(), "invalid `DescribeDeploymentJobInput`: job: value does not match pattern `^arn:`");
    assert_eq!(error.violations().len(), 1);
    assert_eq!(error.violations()[0].path(), "job");
    // The message must not echo the value.
    assert!(!error.to_string().contains("dep-1"));
}

#[test]
fn operation_constants_name_the_documented_operation() {
    assert_eq!(DescribeDeploymentJob::NAME, "DescribeDeploymentJob");
    assert_eq!(DescribeDeploymentJob::HTTP_METHOD, "POST");
    assert_eq!(DescribeDeploymentJob::HTTP_URI, "/describeDeploymentJob");
}

// ---------------------------------------------------------------------------
// 5. The documented exceptions.
// ---------------------------------------------------------------------------

/// Checks one exception type: its code is the documented name, it reads
/// `message` and `Message`, shows `Code: message`, and becomes the right
/// variant of the operation's error with the same code, message and text.
macro_rules! check_exception {
    ($ty:ident, $documented:expr) => {{
        let documented: &str = $documented;
        assert_eq!($ty::CODE, documented);

        let lower: $ty = serde_json::from_str(r#"{"message":"lower-case key"}"#).expect("message");
        assert_eq!(lower.message(), Some("lower-case key"));
        let upper: $ty = serde_json::from_str(r#"{"Message":"upper-case key"}"#).expect("Message");
        assert_eq!(upper.message(), Some("upper-case key"));
        let empty: $ty = serde_json::from_str(r#"{"__type":"x","other":1}"#).expect("no message");
        assert_eq!(empty.message(), None);
        assert_eq!(empty.to_string(), documented);

        assert_eq!(lower.to_string(), format!("{documented}: lower-case key"));
        assert_eq!(upper.to_string(), format!("{documented}: upper-case key"));

        let error = DescribeDeploymentJobError::from(upper.clone());
        assert!(matches!(&error, DescribeDeploymentJobError::$ty(inner) if *inner == upper));
        assert_eq!(error.code(), Some(documented));
        assert_eq!(error.message(), Some("upper-case key"));
        assert_eq!(error.to_string(), format!("{documented}: upper-case key"));
        // Display already shows the exception, so source() must not repeat it.
        assert!(std::error::Error::source(&error).is_none());
        assert_eq!(error.as_service_error().to_string(), format!("{documented}: upper-case key"));
    }};
}

#[test]
fn documented_exceptions_exist_and_are_errors_of_the_operation() {
    assert_eq!(EXCEPTIONS.len(), 4);
    check_exception!(ResourceNotFoundException, EXCEPTIONS[0]);
    check_exception!(InvalidParameterException, EXCEPTIONS[1]);
    check_exception!(InternalServerException, EXCEPTIONS[2]);
    check_exception!(ThrottlingException, EXCEPTIONS[3]);
}

#[test]
fn exception_display_strings_are_exact() {
    let not_found: ResourceNotFoundException =
        serde_json::from_str(r#"{"message":"Deployment job dep-1 does not exist."}"#).expect("parses");
    assert_eq!(
        DescribeDeploymentJobError::from(not_found).to_string(),
        "ResourceNotFoundException: Deployment job dep-1 does not exist."
    );
    let invalid: InvalidParameterException =
        serde_json::from_str(r#"{"Message":"job is not an ARN"}"#).expect("parses");
    assert_eq!(invalid.to_string(), "InvalidParameterException: job is not an ARN");
    let internal: InternalServerException = serde_json::from_str(r#"{"message":"try again"}"#).expect("parses");
    assert_eq!(internal.to_string(), "InternalServerException: try again");
    let throttled: ThrottlingException = serde_json::from_str(r#"{"Message":"Rate exceeded"}"#).expect("parses");
    assert_eq!(DescribeDeploymentJobError::from(throttled).to_string(), "ThrottlingException: Rate exceeded");
}

/// Each documented exception maps to its own variant: codes are distinct.
#[test]
fn each_exception_has_its_own_variant() {
    let errors: Vec<DescribeDeploymentJobError> = vec![
        ResourceNotFoundException::builder().message("a").build().into(),
        InvalidParameterException::builder().message("b").build().into(),
        InternalServerException::builder().message("c").build().into(),
        ThrottlingException::builder().message("d").build().into(),
    ];
    let codes: Vec<&str> = errors.iter().map(|e| e.code().expect("has a code")).collect();
    assert_eq!(codes, EXCEPTIONS);
    for error in &errors {
        let expected = match error {
            DescribeDeploymentJobError::ResourceNotFoundException(_) => "ResourceNotFoundException",
            DescribeDeploymentJobError::InvalidParameterException(_) => "InvalidParameterException",
            DescribeDeploymentJobError::InternalServerException(_) => "InternalServerException",
            DescribeDeploymentJobError::ThrottlingException(_) => "ThrottlingException",
            other => panic!("unexpected variant {other:?}"),
        };
        assert_eq!(error.code(), Some(expected));
    }
}

// ---------------------------------------------------------------------------
// 6. Unknown members are ignored; missing members are absent.
// ---------------------------------------------------------------------------

#[test]
fn unknown_members_are_ignored_at_every_level() {
    let mut body = full_response();
    body["someFutureMember"] = json!({"nested": [1, 2, 3]});
    body["deploymentConfig"]["newKnob"] = json!(true);
    body["deploymentConfig"]["downloadConditionFile"]["versionId"] = json!("v9");
    body["deploymentApplicationConfigs"][0]["extra"] = json!("x");
    body["deploymentApplicationConfigs"][0]["launchConfig"]["extra"] = json!(null);
    body["robotDeploymentSummary"][1]["extra"] = json!(7);
    body["robotDeploymentSummary"][1]["progressDetail"]["extra"] = json!([]);
    let output = parse_output(&body.to_string());
    assert_eq!(output, parse_output(&full_response().to_string()));
    assert_eq!(serde_json::to_value(&output).expect("serializes"), full_response());
}

#[test]
fn missing_members_are_none_or_empty() {
    let output = parse_output("{}");
    assert_eq!(output.arn(), None);
    assert_eq!(output.fleet(), None);
    assert_eq!(output.status(), None);
    assert_eq!(output.deployment_config(), None);
    assert!(output.deployment_application_configs().is_empty());
    assert_eq!(output.deployment_application_configs, None);
    assert_eq!(output.failure_reason(), None);
    assert_eq!(output.failure_code(), None);
    assert_eq!(output.created_at(), None);
    assert!(output.robot_deployment_summary().is_empty());
    assert_eq!(output.robot_deployment_summary, None);
    assert_eq!(output.tags(), None);
    // Nothing is invented on the way back.
    assert_eq!(serde_json::to_value(&output).expect("serializes"), json!({}));
    assert_eq!(output, DescribeDeploymentJobOutput::builder().build());
}

#[test]
fn missing_nested_optional_members_are_none() {
    let body = json!({
        "arn": JOB_ARN,
        "deploymentConfig": {},
        "robotDeploymentSummary": [ { "progressDetail": {} } ],
        "tags": {}
    });
    let output = parse_output(&body.to_string());
    assert_eq!(output.arn(), Some(JOB_ARN));
    let config = output.deployment_config().expect("deploymentConfig");
    assert_eq!(config.concurrent_deployment_percentage(), None);
    assert_eq!(config.failure_threshold_percentage(), None);
    assert_eq!(config.robot_deployment_timeout_in_seconds(), None);
    assert_eq!(config.download_condition_file(), None);
    let robot = &output.robot_deployment_summary()[0];
    assert_eq!(robot.arn(), None);
    assert_eq!(robot.deployment_start_time(), None);
    assert_eq!(robot.deployment_finish_time(), None);
    assert_eq!(robot.status(), None);
    assert_eq!(robot.failure_reason(), None);
    assert_eq!(robot.failure_code(), None);
    let progress = robot.progress_detail().expect("progressDetail");
    assert_eq!(progress.current_progress(), None);
    assert_eq!(progress.percent_done(), None);
    assert_eq!(progress.estimated_time_remaining_seconds(), None);
    assert_eq!(progress.target_resource(), None);
    assert_eq!(output.tags().map(HashMap::len), Some(0));
    assert_eq!(serde_json::to_value(&output).expect("serializes"), body);
}
