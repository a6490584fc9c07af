//! Parse and serialize throughput of `DescribeDeploymentJob` response bodies with 1, 100 and
//! 10,000 robot deployment summaries, three ways:
//!
//! * `generated`: the generated crate's `DescribeDeploymentJobOutput` (custom enum, timestamp and
//!   float handling), as `invoke` deserializes a response body;
//! * `value`: `serde_json::Value`, the untyped baseline;
//! * `plain`: plain `#[derive(Deserialize, Serialize)]` structs with the same members as
//!   `Option<String>` / `Option<f64>` and so on, "the practical limit" for typed serde.
//!
//! Throughput is in bytes of the response body (`Throughput::Bytes`), the same count for all
//! three and for both directions, so the MB/s figures compare directly. Each timed iteration
//! also drops what it made (the parsed value, the written bytes), as a real call does.
//!
//! Target (from the issue): `generated` within 1.2x of `plain`.
//!
//! Before criterion runs, a paired measurement prints that ratio directly: [`PAIRED_ROUNDS`]
//! rounds, each timing a batch of `generated` and a batch of `plain` back to back (the order
//! alternating), so that each round's ratio compares work done within milliseconds of each
//! other. criterion measures one way for seconds and then the next, and on a shared machine
//! whose speed drifts from one minute to the next its ratios move with the machine.

// The operation is deprecated in the model; its types still have to be benchmarked.
#![allow(deprecated)]

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use common::plain::PlainOutput;
use common::spread;
use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use robomaker::operation::describe_deployment_job::DescribeDeploymentJobOutput;
use robomaker::types::{DeploymentJobErrorCode, ProgressDetail, RobotDeploymentStep, RobotStatus};
use serde_json::{json, Value};

/// The numbers of robot deployment summaries per body.
const SIZES: [usize; 3] = [1, 100, 10_000];
/// Rounds of the paired measurement: even, so that each way runs first equally often.
const PAIRED_ROUNDS: usize = 22;
/// Bytes of body each batch of the paired measurement reads or writes: milliseconds of work,
/// far above the timer's resolution.
const PAIRED_BYTES: usize = 4_000_000;

/// The response body with `robots` robot deployment summaries and every top-level member set.
fn body(robots: usize) -> Vec<u8> {
    let summaries: Vec<Value> = (0..robots)
        .map(|index| {
            // Whole seconds vary per robot; the fraction keeps the float form of epoch seconds.
            let start = 1_700_000_000.125 + index as f64;
            json!({
                "arn": format!("arn:aws:robomaker:us-west-2:123456789012:robot/robot-{index}/1600000000000"),
                "deploymentStartTime": start,
                "deploymentFinishTime": start + 60.5,
                "status": "Deploying",
                "progressDetail": {
                    "currentProgress": "Launching",
                    "percentDone": 42.5,
                    "estimatedTimeRemainingSeconds": 10,
                    "targetResource": "x"
                },
                "failureReason": "The ETag of the downloaded bundle did not match.",
                "failureCode": "EtagMismatch"
            })
        })
        .collect();
    let document = json!({
        "arn": "arn:aws:robomaker:us-west-2:123456789012:deployment-job/sim-0123456789ab/1600000000000",
        "fleet": "arn:aws:robomaker:us-west-2:123456789012:deployment-fleet/fleet-01/1600000000000",
        "status": "InProgress",
        "deploymentConfig": {
            "concurrentDeploymentPercentage": 20,
            "failureThresholdPercentage": 25,
            "robotDeploymentTimeoutInSeconds": 3600,
            "downloadConditionFile": {
                "bucket": "my-bucket",
                "key": "conditions/download.sh",
                "etag": "\"0123456789abcdef0123456789abcdef\""
            }
        },
        "deploymentApplicationConfigs": [{
            "application": "arn:aws:robomaker:us-west-2:123456789012:robot-application/app/1600000000000",
            "applicationVersion": "1",
            "launchConfig": {
                "packageName": "hello_world",
                "preLaunchFile": "pre.sh",
                "launchFile": "hello.launch",
                "postLaunchFile": "post.sh",
                "environmentVariables": {"ROS_LOG_DIR": "/tmp/ros", "STAGE": "prod"}
            }
        }],
        "failureReason": "One or more robot deployments failed.",
        "failureCode": "FailureThresholdBreached",
        "createdAt": 1_699_999_999.5,
        "robotDeploymentSummary": summaries,
        "tags": {"team": "robotics", "env": "prod"}
    });
    serde_json::to_vec(&document).expect("a JSON value serializes")
}

/// Checks, outside the timed loops, that all three ways read the whole body: each one written
/// back must be the same JSON document. A member that a type silently dropped (serde ignores
/// unknown members) would show up here rather than as a flattering number.
fn check_round_trips(body: &[u8]) {
    let original: Value = serde_json::from_slice(body).expect("the body is JSON");
    let generated: DescribeDeploymentJobOutput = serde_json::from_slice(body).expect("generated types parse");
    let plain: PlainOutput = serde_json::from_slice(body).expect("plain types parse");
    let written = [
        ("generated", serde_json::to_value(&generated).expect("generated types serialize")),
        ("value", serde_json::to_value(&original).expect("a value serializes")),
        ("plain", serde_json::to_value(&plain).expect("plain types serialize")),
    ];
    for (label, value) in written {
        assert_eq!(value, original, "{label}: the round trip changed the document");
    }
    // The enum values are known ones, so the generated types take their usual path (a known
    // variant, no allocation) rather than `Unknown`.
    for robot in generated.robot_deployment_summary() {
        assert_eq!(robot.status(), Some(&RobotStatus::Deploying));
        assert_eq!(robot.failure_code(), Some(&DeploymentJobErrorCode::EtagMismatch));
        let progress = robot.progress_detail().map(ProgressDetail::current_progress);
        assert_eq!(progress, Some(Some(&RobotDeploymentStep::LaunchingStep)));
    }
}

fn bench_deserialize(c: &mut Criterion) {
    let mut group = c.benchmark_group("deserialize");
    for robots in SIZES {
        let body = body(robots);
        configure(&mut group, robots, body.len());
        group.bench_with_input(BenchmarkId::new("generated", robots), &body, |b, body| {
            b.iter(|| serde_json::from_slice::<DescribeDeploymentJobOutput>(black_box(body)).expect("parses"))
        });
        group.bench_with_input(BenchmarkId::new("value", robots), &body, |b, body| {
            b.iter(|| serde_json::from_slice::<Value>(black_box(body)).expect("parses"))
        });
        group.bench_with_input(BenchmarkId::new("plain", robots), &body, |b, body| {
            b.iter(|| serde_json::from_slice::<PlainOutput>(black_box(body)).expect("parses"))
        });
    }
    group.finish();
}

fn bench_serialize(c: &mut Criterion) {
    let mut group = c.benchmark_group("serialize");
    for robots in SIZES {
        let body = body(robots);
        let generated: DescribeDeploymentJobOutput = serde_json::from_slice(&body).expect("generated types parse");
        let value: Value = serde_json::from_slice(&body).expect("the body is JSON");
        let plain: PlainOutput = serde_json::from_slice(&body).expect("plain types parse");
        configure(&mut group, robots, body.len());
        group.bench_with_input(BenchmarkId::new("generated", robots), &generated, |b, output| {
            b.iter(|| serde_json::to_vec(black_box(output)).expect("serializes"))
        });
        group.bench_with_input(BenchmarkId::new("value", robots), &value, |b, output| {
            b.iter(|| serde_json::to_vec(black_box(output)).expect("serializes"))
        });
        group.bench_with_input(BenchmarkId::new("plain", robots), &plain, |b, output| {
            b.iter(|| serde_json::to_vec(black_box(output)).expect("serializes"))
        });
    }
    group.finish();
}

/// Sets the throughput to the body's size, and samples the largest bodies (milliseconds per
/// iteration) flat with fewer samples so that a run stays within its measurement time.
fn configure(group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>, robots: usize, bytes: usize) {
    eprintln!("note: {robots} robot deployment summaries: {bytes} bytes of body");
    group.throughput(Throughput::Bytes(bytes as u64));
    if robots >= 10_000 {
        group.sampling_mode(SamplingMode::Flat).sample_size(20);
    } else {
        group.sampling_mode(SamplingMode::Auto).sample_size(100);
    }
}

/// Times `iterations` runs of `work`.
fn batch(iterations: usize, work: &mut impl FnMut()) -> Duration {
    let start = Instant::now();
    for _ in 0..iterations {
        work();
    }
    start.elapsed()
}

/// `generated` over `plain`, batch against batch, as a table cell: the median round, the
/// extremes, and the rounds within the target.
fn paired(iterations: usize, mut generated: impl FnMut(), mut plain: impl FnMut()) -> String {
    batch(iterations, &mut generated);
    batch(iterations, &mut plain);
    let ratios: Vec<f64> = (0..PAIRED_ROUNDS)
        .map(|round| {
            let (generated, plain) = if round % 2 == 0 {
                let first = batch(iterations, &mut generated);
                (first, batch(iterations, &mut plain))
            } else {
                let first = batch(iterations, &mut plain);
                (batch(iterations, &mut generated), first)
            };
            generated.as_secs_f64() / plain.as_secs_f64()
        })
        .collect();
    let within = ratios.iter().filter(|ratio| **ratio <= 1.2).count();
    let (median, lowest, highest) = spread(ratios);
    format!("{median:.3} | {lowest:.3} | {highest:.3} | {within} of {PAIRED_ROUNDS}")
}

fn paired_ratios() {
    println!();
    println!("Paired rounds: {PAIRED_ROUNDS} rounds per row, each a batch of `generated` and one of `plain` (about {PAIRED_BYTES} bytes of body each), back to back, the order alternating; ratio = generated's time over plain's in the same round:");
    println!();
    println!("| summaries | body bytes | parse: generated / plain, median | lowest | highest | rounds <= 1.2 | serialize: generated / plain, median | lowest | highest | rounds <= 1.2 |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for robots in SIZES {
        let body = body(robots);
        let generated: DescribeDeploymentJobOutput = serde_json::from_slice(&body).expect("generated types parse");
        let plain: PlainOutput = serde_json::from_slice(&body).expect("plain types parse");
        let iterations = (PAIRED_BYTES / body.len()).max(1);
        let parse = paired(
            iterations,
            || {
                drop(black_box(
                    serde_json::from_slice::<DescribeDeploymentJobOutput>(black_box(&body)).expect("parses"),
                ))
            },
            || drop(black_box(serde_json::from_slice::<PlainOutput>(black_box(&body)).expect("parses"))),
        );
        let write = paired(
            iterations,
            || drop(black_box(serde_json::to_vec(black_box(&generated)).expect("serializes"))),
            || drop(black_box(serde_json::to_vec(black_box(&plain)).expect("serializes"))),
        );
        println!("| {robots} | {} | {parse} | {write} |", body.len());
    }
    println!();
}

fn main() {
    // Arguments go to criterion; `--list` skips everything else, and `--profile-time` (for a
    // profiler) the pairs.
    let args: Vec<String> = std::env::args().collect();
    if !args.iter().any(|arg| arg == "--list") {
        for robots in SIZES {
            check_round_trips(&body(robots));
        }
    }
    if !args.iter().any(|arg| arg == "--list" || arg.starts_with("--profile-time")) {
        paired_ratios();
    }
    let mut criterion = Criterion::default().configure_from_args();
    bench_deserialize(&mut criterion);
    bench_serialize(&mut criterion);
    criterion.final_summary();
}
