//! `DescribeDeploymentJobOutput` as plain `#[derive(Deserialize, Serialize)]` structs: what
//! serde does with no generated code, the practical limit for parsing (parse bench) and the
//! output of the floor client (per_call bench).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// `DescribeDeploymentJobOutput` as plain serde structs: the same members, no custom enum,
/// timestamp or float types.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainOutput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fleet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment_config: Option<PlainDeploymentConfig>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment_application_configs: Option<Vec<PlainApplicationConfig>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub robot_deployment_summary: Option<Vec<PlainRobotDeployment>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<HashMap<String, String>>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainDeploymentConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concurrent_deployment_percentage: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_threshold_percentage: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub robot_deployment_timeout_in_seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub download_condition_file: Option<PlainS3Object>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct PlainS3Object {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bucket: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainApplicationConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub launch_config: Option<PlainLaunchConfig>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainLaunchConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_launch_file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub launch_file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_launch_file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment_variables: Option<HashMap<String, String>>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainRobotDeployment {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment_start_time: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment_finish_time: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress_detail: Option<PlainProgressDetail>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_code: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainProgressDetail {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_progress: Option<String>,
    /// `f32` like the model's `Float` (and the generated member), through plain serde.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent_done: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_time_remaining_seconds: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_resource: Option<String>,
}
