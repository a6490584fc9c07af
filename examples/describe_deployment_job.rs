//! Describes a deployment job and prints it as a readable summary.
//!
//! ```text
//! cargo run --example describe_deployment_job -- [--endpoint-url URL] [--region REGION] ARN
//! ```
//!
//! Region and credentials come from the standard AWS environment (`AWS_REGION`,
//! `AWS_ACCESS_KEY_ID`, `AWS_PROFILE`, ...); the flags override them.

#![allow(deprecated)] // DescribeDeploymentJob is deprecated by the service.

use std::fmt::Write as _;
use std::process::ExitCode;

use robomaker::operation::describe_deployment_job::DescribeDeploymentJobOutput;
use robomaker::{Client, Config};

const USAGE: &str = "usage: describe_deployment_job [--endpoint-url URL] [--region REGION] ARN";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(summary) => {
            print!("{summary}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<String, String> {
    let mut args = std::env::args().skip(1);
    let mut config = Config::from_env().map_err(|err| err.to_string())?.to_builder();
    let mut arn = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--endpoint-url" => config = config.endpoint_url(args.next().ok_or(USAGE)?),
            "--region" => config = config.region(args.next().ok_or(USAGE)?),
            "-h" | "--help" => return Ok(format!("{USAGE}\n")),
            other if other.starts_with('-') => return Err(format!("unknown flag `{other}`\n{USAGE}")),
            other => arn = Some(other.to_owned()),
        }
    }
    let arn = arn.ok_or(USAGE)?;
    let client = Client::from_conf(config.build());
    let job = client.describe_deployment_job().job(arn).send().await.map_err(|err| err.to_string())?;
    Ok(summary(&job))
}

/// Writes a line only for what the service sent.
fn line(out: &mut String, label: &str, value: Option<impl std::fmt::Display>) {
    if let Some(value) = value {
        let _ = writeln!(out, "{label:<14}{value}");
    }
}

fn summary(job: &DescribeDeploymentJobOutput) -> String {
    let mut out = String::new();
    line(&mut out, "Deployment", job.arn());
    line(&mut out, "Status", job.status());
    line(&mut out, "Fleet", job.fleet());
    line(&mut out, "Created", job.created_at());
    line(
        &mut out,
        "Failure",
        job.failure_code().map(|code| format!("{code}: {}", job.failure_reason().unwrap_or("-"))),
    );
    if let Some(config) = job.deployment_config() {
        let percent = |value: Option<i32>| value.map_or("-".to_owned(), |value| format!("{value}%"));
        line(
            &mut out,
            "Rollout",
            Some(format!(
                "{} at a time, stop at {} failed, {} per robot",
                percent(config.concurrent_deployment_percentage()),
                percent(config.failure_threshold_percentage()),
                config.robot_deployment_timeout_in_seconds().map_or("-".to_owned(), |seconds| format!("{seconds} s")),
            )),
        );
    }
    for application in job.deployment_application_configs() {
        let launch = application.launch_config();
        line(
            &mut out,
            "Application",
            Some(format!(
                "{} v{} ({} {})",
                application.application(),
                application.application_version(),
                launch.package_name(),
                launch.launch_file()
            )),
        );
    }
    for robot in job.robot_deployment_summary() {
        let progress = robot.progress_detail().map(|detail| {
            let step = detail.current_progress().map_or("-".to_owned(), ToString::to_string);
            let done = detail.percent_done().map(|done| format!(" {done:.0}%")).unwrap_or_default();
            format!(", {step}{done}")
        });
        line(
            &mut out,
            "Robot",
            Some(format!(
                "{} {}{}",
                robot.arn().unwrap_or("-"),
                robot.status().map_or("-".to_owned(), ToString::to_string),
                progress.unwrap_or_default()
            )),
        );
    }
    if let Some(tags) = job.tags() {
        let mut tags: Vec<_> = tags.iter().map(|(key, value)| format!("{key}={value}")).collect();
        tags.sort();
        line(&mut out, "Tags", Some(tags.join(", ")));
    }
    out
}
