//! Per-call cost of a signed `DescribeDeploymentJob`: this project's generated `robomaker`
//! client against `aws-sdk-robomaker` 1.87.0, both over an in-memory transport that answers
//! every request at once with the same canned 200 response (no sockets).
//!
//! Both clients build the input, serialize it, resolve the endpoint, sign with SigV4 (static
//! credentials, region `us-east-1`), "send" through their transport seam and parse the whole
//! JSON body into their output type. Everything runs on one thread, in a tokio
//! `current_thread` runtime.
//!
//! Three measurements:
//! - time: criterion, calls per second (`thrpt`, one element = one call), measured with
//!   `iter_custom` inside one `block_on`, so the runtime's entry cost is not counted;
//! - the ratio, paired: [`PAIRED_ROUNDS`] rounds, each timing a batch of [`PAIRED_BATCH`] calls
//!   of every client back to back (each of the six orders equally often), so that each round's ratio compares
//!   batches run within a fraction of a second of each other. On a shared machine whose speed
//!   drifts by tens of percent from one minute to the next, criterion's groups, which run one
//!   client for seconds and then the next, compare different machines; the paired rounds do not.
//!   Printed as a table before criterion runs: the median ratio and its spread;
//! - allocations: a counting global allocator, switched on only around a loop of
//!   [`ALLOC_CALLS`] calls made after a warm-up, printed as a table before criterion runs.
//!   With `PER_CALL_SITES=1`, where each allocation of one call of ours and of the floor comes
//!   from: a backtrace of each, grouped by the first frame outside the standard library (build
//!   with `CARGO_PROFILE_BENCH_DEBUG=line-tables-only` so that inlined frames are named).
//!
//! aws-sdk-robomaker answers through `infallible_client_fn` of `aws-smithy-http-client`'s
//! `test-util` feature, which builds the response on each call as ours' transport does; the
//! feature's `StaticReplayClient` pops one response prepared in advance per call and keeps every
//! request, which a loop of millions of calls cannot use.
//!
//! aws-sdk-robomaker is measured as configured by default (`BehaviorVersion::latest()`), and
//! also "lean": stalled-stream protection off, retries off and no identity cache, which only
//! removes work it does and ours does not need for an in-memory 200 response.
//!
//! Run: `cd bench && CARGO_TARGET_DIR=../target/bench cargo bench --bench per_call`.

#![allow(deprecated)]

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::backtrace::Backtrace;
use std::cell::Cell;
use std::collections::BTreeMap;
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use aws_sdk_robomaker::operation::describe_deployment_job::DescribeDeploymentJobOutput as AwsOutput;
use common::plain::PlainOutput;
use common::spread;
use criterion::{Criterion, Throughput};
use robomaker::operation::describe_deployment_job::DescribeDeploymentJobOutput as OursOutput;

/// Counts allocations while [`COUNTING`] is on; otherwise only forwards to [`System`].
struct CountingAlloc;

static COUNTING: AtomicBool = AtomicBool::new(false);
static ALLOCS: AtomicU64 = AtomicU64::new(0);
static REALLOCS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);
/// While on, each allocation's backtrace is kept in [`SITES`].
static RECORDING: AtomicBool = AtomicBool::new(false);
static SITES: Mutex<Vec<Backtrace>> = Mutex::new(Vec::new());

thread_local! {
    /// Set while a backtrace is taken and kept, whose own allocations are not recorded.
    static RECORDING_NOW: Cell<bool> = const { Cell::new(false) };
}

/// Keeps a backtrace of the allocation being made, when [`RECORDING`] is on.
fn record_site() {
    if !RECORDING.load(Relaxed) {
        return;
    }
    let _ = RECORDING_NOW.try_with(|busy| {
        if busy.replace(true) {
            return;
        }
        let trace = Backtrace::force_capture();
        SITES.lock().unwrap_or_else(PoisonError::into_inner).push(trace);
        busy.set(false);
    });
}

// SAFETY: every method forwards to `System` with the same arguments; the counters have no
// effect on the memory handed out.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Relaxed) {
            ALLOCS.fetch_add(1, Relaxed);
            BYTES.fetch_add(layout.size() as u64, Relaxed);
        }
        record_site();
        // SAFETY: the caller's contract for `alloc` is `System::alloc`'s.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Relaxed) {
            ALLOCS.fetch_add(1, Relaxed);
            BYTES.fetch_add(layout.size() as u64, Relaxed);
        }
        record_site();
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if COUNTING.load(Relaxed) {
            REALLOCS.fetch_add(1, Relaxed);
            BYTES.fetch_add(new_size.saturating_sub(layout.size()) as u64, Relaxed);
        }
        // SAFETY: as for `alloc`; `ptr` and `layout` come from this allocator, i.e. `System`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc;

/// What the allocator counted over a stretch of code.
#[derive(Debug, Clone, Copy)]
struct Counts {
    allocs: u64,
    reallocs: u64,
    bytes: u64,
}

/// Counts the allocations `f` makes.
fn counted<T>(f: impl FnOnce() -> T) -> (T, Counts) {
    let before = (ALLOCS.load(Relaxed), REALLOCS.load(Relaxed), BYTES.load(Relaxed));
    COUNTING.store(true, Relaxed);
    let value = f();
    COUNTING.store(false, Relaxed);
    let counts = Counts {
        allocs: ALLOCS.load(Relaxed) - before.0,
        reallocs: REALLOCS.load(Relaxed) - before.1,
        bytes: BYTES.load(Relaxed) - before.2,
    };
    (value, counts)
}

/// Calls in the allocation-counting loop.
const ALLOC_CALLS: u64 = 10_000;
/// Calls made before counting, so one-time set-up (endpoint, caches, lazy statics) is excluded.
const WARM_UP_CALLS: u64 = 100;
/// Rounds of the paired measurement: a multiple of eight, so that each order of the four
/// clients runs equally often and none is favoured by running first or after another.
const PAIRED_ROUNDS: usize = 40;
/// The orders of the four clients (0 ours, 1 aws-sdk default, 2 aws-sdk lean, 3 floor): each
/// rotation and its reverse, so each client runs in each place, and before and after each other.
const ORDERS: [[usize; 4]; 8] =
    [[0, 1, 2, 3], [1, 2, 3, 0], [2, 3, 0, 1], [3, 0, 1, 2], [3, 2, 1, 0], [0, 3, 2, 1], [1, 0, 3, 2], [2, 1, 0, 3]];
/// Calls per client in each round: tens of milliseconds for ours, so that timer resolution
/// and the loop itself do not count, and a whole round stays well under a second.
const PAIRED_BATCH: u32 = 2_000;

const ACCESS_KEY_ID: &str = "AKIAIOSFODNN7EXAMPLE";
const SECRET_ACCESS_KEY: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const REGION: &str = "us-east-1";
const JOB_ARN: &str = "arn:aws:robomaker:us-east-1:123456789012:deployment-job/deployment-2b9k7lp4wxy8";
const REQUEST_ID: &str = "6f1c0b5e-3c1d-4f8e-9a4b-2d7e8f9a0b1c";
/// Robot deployments in the canned response.
const ROBOTS: usize = 4;

/// A realistic `DescribeDeploymentJob` response body (restJson1: timestamps in epoch seconds)
/// with [`ROBOTS`] robot summaries in various states.
const BODY: &str = r#"{
  "arn": "arn:aws:robomaker:us-east-1:123456789012:deployment-job/deployment-2b9k7lp4wxy8",
  "fleet": "arn:aws:robomaker:us-east-1:123456789012:deployment-fleet/warehouse-fleet/1580318416419",
  "status": "InProgress",
  "deploymentConfig": {
    "concurrentDeploymentPercentage": 25,
    "failureThresholdPercentage": 10,
    "robotDeploymentTimeoutInSeconds": 18000,
    "downloadConditionFile": {
      "bucket": "warehouse-robot-artifacts",
      "key": "conditions/download-ok.sh",
      "etag": "\"9b2cf535f27731c974343645a3985328\""
    }
  },
  "deploymentApplicationConfigs": [
    {
      "application": "arn:aws:robomaker:us-east-1:123456789012:robot-application/picker/1580318416419",
      "applicationVersion": "7",
      "launchConfig": {
        "packageName": "picker_bringup",
        "preLaunchFile": "scripts/pre_launch.sh",
        "launchFile": "picker.launch",
        "postLaunchFile": "scripts/post_launch.sh",
        "environmentVariables": {
          "ROS_DISTRO": "melodic",
          "PICKER_MODE": "production",
          "LOG_LEVEL": "info"
        }
      }
    }
  ],
  "createdAt": 1717171717.123,
  "robotDeploymentSummary": [
    {
      "arn": "arn:aws:robomaker:us-east-1:123456789012:robot/picker-001/1580318416419",
      "deploymentStartTime": 1717171720.5,
      "deploymentFinishTime": 1717172020.25,
      "status": "Healthy",
      "progressDetail": {
        "currentProgress": "Finished",
        "percentDone": 100.0,
        "estimatedTimeRemainingSeconds": 0,
        "targetResource": "picker_bringup"
      }
    },
    {
      "arn": "arn:aws:robomaker:us-east-1:123456789012:robot/picker-002/1580318416420",
      "deploymentStartTime": 1717171721.75,
      "status": "Deploying",
      "progressDetail": {
        "currentProgress": "DownloadingExtracting",
        "percentDone": 42.5,
        "estimatedTimeRemainingSeconds": 180,
        "targetResource": "picker_bringup"
      }
    },
    {
      "arn": "arn:aws:robomaker:us-east-1:123456789012:robot/picker-003/1580318416421",
      "deploymentStartTime": 1717171722.0,
      "status": "Deploying",
      "progressDetail": {
        "currentProgress": "Validating",
        "estimatedTimeRemainingSeconds": 600
      }
    },
    {
      "arn": "arn:aws:robomaker:us-east-1:123456789012:robot/picker-004/1580318416422",
      "deploymentStartTime": 1717171722.5,
      "deploymentFinishTime": 1717171790.0,
      "status": "Failed",
      "progressDetail": {
        "currentProgress": "ExecutingPreLaunch",
        "targetResource": "scripts/pre_launch.sh"
      },
      "failureReason": "The pre-launch script exited with status 1.",
      "failureCode": "PreLaunchFileFailure"
    }
  ],
  "tags": {
    "team": "fulfilment",
    "environment": "production"
  }
}"#;

/// The canned 200 response, built anew for each call the same way for both clients: the body
/// is copied into a fresh `Vec<u8>`, as a transport that read it from a socket would have.
fn canned_response() -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(200)
        .header("content-type", "application/json")
        .header("x-amzn-requestid", REQUEST_ID)
        .header("content-length", BODY.len())
        .body(BODY.as_bytes().to_vec())
        .expect("the canned response is valid")
}

/// Where a transport puts the `Authorization` header of each request it saw, when checking.
type Seen = Arc<Mutex<Vec<String>>>;

fn authorization(headers: &http::HeaderMap) -> String {
    headers.get(http::header::AUTHORIZATION).and_then(|value| value.to_str().ok()).unwrap_or_default().to_owned()
}

/// Our transport: answers every request with [`canned_response`] at once.
#[derive(Debug, Default)]
struct Canned {
    seen: Option<Seen>,
}

impl robomaker::http::HttpClient for Canned {
    fn send(&self, request: robomaker::http::Request) -> robomaker::http::ResponseFuture<'_> {
        if let Some(seen) = &self.seen {
            seen.lock().expect("not poisoned").push(authorization(request.headers()));
        }
        Box::pin(std::future::ready(Ok(canned_response())))
    }
}

fn ours(seen: Option<Seen>) -> robomaker::Client {
    let config = robomaker::Config::builder()
        .region(REGION)
        .credentials(robomaker::Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None))
        .http_client(Canned { seen })
        .build();
    robomaker::Client::from_conf(config)
}

async fn call_ours(client: &robomaker::Client) -> OursOutput {
    client.describe_deployment_job().job(JOB_ARN).send().await.expect("the call succeeds")
}

/// How aws-sdk-robomaker is configured.
#[derive(Debug, Clone, Copy)]
enum AwsSetup {
    /// `BehaviorVersion::latest()` and nothing else changed.
    Default,
    /// Stalled-stream protection off, retries off, no identity cache.
    Lean,
}

/// aws-sdk-robomaker with its own in-memory client (`infallible_client_fn`, the test utility
/// of `aws-smithy-http-client`), answering with [`canned_response`] at once.
fn aws(setup: AwsSetup, seen: Option<Seen>) -> aws_sdk_robomaker::Client {
    use aws_sdk_robomaker::config::{
        retry::RetryConfig, BehaviorVersion, Credentials, IdentityCache, Region, StalledStreamProtectionConfig,
    };
    let http_client = aws_smithy_http_client::test_util::infallible_client_fn(move |request| {
        if let Some(seen) = &seen {
            seen.lock().expect("not poisoned").push(authorization(request.headers()));
        }
        canned_response()
    });
    let mut config = aws_sdk_robomaker::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(REGION))
        .credentials_provider(Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None, None, "bench"))
        .http_client(http_client);
    if let AwsSetup::Lean = setup {
        config = config
            .stalled_stream_protection(StalledStreamProtectionConfig::disabled())
            .retry_config(RetryConfig::disabled())
            .identity_cache(IdentityCache::no_cache());
    }
    aws_sdk_robomaker::Client::from_conf(config.build())
}

async fn call_aws(client: &aws_sdk_robomaker::Client) -> AwsOutput {
    client.describe_deployment_job().job(JOB_ARN).send().await.expect("the call succeeds")
}

/// The floor: a client on the same dependencies that does only what the call needs, with
/// nothing else (issue 20): the input serialized with serde_json, a `http::Request` to the
/// endpoint (fixed, not resolved), signed with aws-sigv4 as both clients sign, the same canned
/// response, the body parsed into [`PlainOutput`] (plain serde derives). No configuration,
/// endpoint rules, validation, retries, time-outs, user agent, request id or error handling.
struct Floor {
    identity: aws_smithy_runtime_api::client::identity::Identity,
}

impl Floor {
    fn new() -> Self {
        let credentials = aws_credential_types::Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None, None, "floor");
        Floor { identity: credentials.into() }
    }
}

#[derive(serde::Serialize)]
struct PlainInput<'a> {
    job: &'a str,
}

const FLOOR_URL: &str = "https://robomaker.us-east-1.amazonaws.com/describeDeploymentJob";

async fn call_floor(floor: &Floor) -> PlainOutput {
    use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
    let body = serde_json::to_vec(&PlainInput { job: JOB_ARN }).expect("the input serializes");
    let mut request = http::Request::builder()
        .method("POST")
        .uri(FLOOR_URL)
        .header("host", "robomaker.us-east-1.amazonaws.com")
        .header("content-type", "application/json")
        .header("content-length", body.len())
        .body(body)
        .expect("the request is valid");
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&floor.identity)
        .region(REGION)
        .name("robomaker")
        .time(std::time::SystemTime::now())
        .settings(SigningSettings::default())
        .build()
        .expect("the signing parameters are complete")
        .into();
    let headers = request.headers().iter().map(|(name, value)| (name.as_str(), value.to_str().expect("ASCII")));
    let signable = SignableRequest::new("POST", FLOOR_URL, headers, SignableBody::Bytes(request.body()))
        .expect("the request can be signed");
    let (instructions, _) = sign(signable, &params).expect("the request is signed").into_parts();
    instructions.apply_to_request_http1x(&mut request);
    let response = std::future::ready(canned_response()).await;
    assert_eq!(response.status(), 200);
    serde_json::from_slice(response.body()).expect("the body parses")
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime")
}

/// Checks that both clients sign and parse the whole body, so they do the same work.
fn check_equivalent_work(rt: &tokio::runtime::Runtime) {
    let seen = Seen::default();
    let output = rt.block_on(call_ours(&ours(Some(seen.clone()))));
    let robots = output.robot_deployment_summary.as_deref().unwrap_or_default();
    assert_eq!(robots.len(), ROBOTS);
    assert_eq!(robots[3].failure_reason.as_deref(), Some("The pre-launch script exited with status 1."));
    assert_eq!(output.tags.as_ref().map(|tags| tags.len()), Some(2));
    for setup in [AwsSetup::Default, AwsSetup::Lean] {
        let output = rt.block_on(call_aws(&aws(setup, Some(seen.clone()))));
        let robots = output.robot_deployment_summary();
        assert_eq!(robots.len(), ROBOTS);
        assert_eq!(robots[3].failure_reason(), Some("The pre-launch script exited with status 1."));
        assert_eq!(output.tags().map(|tags| tags.len()), Some(2));
    }
    let output = rt.block_on(call_floor(&Floor::new()));
    let robots = output.robot_deployment_summary.as_deref().unwrap_or_default();
    assert_eq!(robots.len(), ROBOTS);
    assert_eq!(robots[3].failure_reason.as_deref(), Some("The pre-launch script exited with status 1."));
    let seen = seen.lock().expect("not poisoned");
    assert_eq!(seen.len(), 3, "one request per client");
    for authorization in seen.iter() {
        assert!(
            authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/")
                && authorization.contains("/us-east-1/robomaker/aws4_request"),
            "signed for robomaker in us-east-1: {authorization}"
        );
    }
}

/// Makes [`WARM_UP_CALLS`] calls, so that one-time set-up is not counted.
fn warm_up<F: std::future::Future>(rt: &tokio::runtime::Runtime, call: &mut impl FnMut() -> F) {
    rt.block_on(async {
        for _ in 0..WARM_UP_CALLS {
            black_box(call().await);
        }
    });
}

/// Makes [`WARM_UP_CALLS`] calls, then [`ALLOC_CALLS`] counted ones; prints a row.
fn count_allocations<F: std::future::Future>(rt: &tokio::runtime::Runtime, name: &str, mut call: impl FnMut() -> F) {
    warm_up(rt, &mut call);
    let start = Instant::now();
    let ((), counts) = counted(|| {
        rt.block_on(async {
            for _ in 0..ALLOC_CALLS {
                black_box(call().await);
            }
        })
    });
    let elapsed = start.elapsed();
    print_row(name, counts, ALLOC_CALLS, Some(elapsed));
}

fn print_row(name: &str, counts: Counts, calls: u64, elapsed: Option<Duration>) {
    let per_call = |n: u64| n as f64 / calls as f64;
    let rate = elapsed.map_or_else(|| "-".to_owned(), |elapsed| format!("{:.0}", calls as f64 / elapsed.as_secs_f64()));
    println!(
        "| {name} | {calls} | {:.1} | {:.1} | {:.0} | {rate} |",
        per_call(counts.allocs),
        per_call(counts.reallocs),
        per_call(counts.bytes)
    );
}

/// Allocations per call, and of the parts both clients share, for reference.
fn allocation_table(rt: &tokio::runtime::Runtime) {
    println!();
    println!(
        "Allocations per call ({ALLOC_CALLS} calls after {WARM_UP_CALLS} warm-up calls; bytes = bytes requested by alloc plus growth by realloc; calls/s of the counting loop, counter on):"
    );
    println!();
    println!("| client | calls | allocs/call | reallocs/call | bytes/call | calls/s (counting loop) |");
    println!("|---|---:|---:|---:|---:|---:|");
    let client = ours(None);
    count_allocations(rt, "robomaker (ours)", || call_ours(&client));
    for (name, setup) in [
        ("aws-sdk-robomaker 1.87.0 (default config)", AwsSetup::Default),
        ("aws-sdk-robomaker 1.87.0 (lean config)", AwsSetup::Lean),
    ] {
        let client = aws(setup, None);
        count_allocations(rt, name, || call_aws(&client));
    }
    let floor = Floor::new();
    count_allocations(rt, "floor (same dependencies, nothing else)", || call_floor(&floor));
    // Shared by both: the canned response the transport builds, and the parse of the body by
    // each client's output type alone (ours: serde_json into the generated type).
    let ((), counts) = counted(|| {
        for _ in 0..ALLOC_CALLS {
            black_box(canned_response());
        }
    });
    print_row("(part of both) transport: build the canned response", counts, ALLOC_CALLS, None);
    let ((), counts) = counted(|| {
        for _ in 0..ALLOC_CALLS {
            black_box(serde_json::from_slice::<OursOutput>(BODY.as_bytes()).expect("parses"));
        }
    });
    print_row("(part of ours) serde_json parse of the body alone", counts, ALLOC_CALLS, None);
    println!();
}

/// Where the allocations of one call (after [`WARM_UP_CALLS`]) come from, a table per client:
/// for each allocation, the first frame of its backtrace below the allocator and outside the
/// standard library, and the first frame in the generated crate or the runtime that led there.
/// Frames are named by their source location, which needs debug line tables
/// (`CARGO_PROFILE_BENCH_DEBUG=line-tables-only`).
fn allocation_sites<F: std::future::Future>(rt: &tokio::runtime::Runtime, name: &str, mut call: impl FnMut() -> F) {
    warm_up(rt, &mut call);
    SITES.lock().unwrap_or_else(PoisonError::into_inner).clear();
    RECORDING.store(true, Relaxed);
    rt.block_on(async { black_box(call().await) });
    RECORDING.store(false, Relaxed);
    let traces = std::mem::take(&mut *SITES.lock().unwrap_or_else(PoisonError::into_inner));
    let mut sites: BTreeMap<(String, String), usize> = BTreeMap::new();
    for trace in &traces {
        let frames = frames(trace);
        // Below the global allocator's entry point, outside the standard library.
        let below = frames.iter().position(|(name, _)| name == "__rust_alloc" || name == "__rust_alloc_zeroed");
        let caller = frames[below.map_or(0, |at| at + 1)..].iter().find(|(_, at)| !at.starts_with("/rustc/"));
        let site = caller.map_or_else(|| "?".to_owned(), |(name, at)| format!("{name} ({})", short(at)));
        let ours = frames
            .iter()
            .find(|(_, at)| at.contains("/generated/") || at.contains("/runtime/src/"))
            .map_or_else(String::new, |(name, at)| format!("{name} ({})", short(at)));
        *sites.entry((site, ours)).or_default() += 1;
    }
    let mut rows: Vec<_> = sites.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    println!();
    println!(
        "Allocation sites of one call, {name}: {} allocations (alloc and alloc_zeroed; reallocs not counted)",
        traces.len()
    );
    println!();
    println!("| allocations | where (first frame outside the standard library) | reached from (generated crate or runtime) |");
    println!("|---:|---|---|");
    for ((site, ours), count) in rows {
        println!("| {count} | `{site}` | {} |", if ours.is_empty() { String::new() } else { format!("`{ours}`") });
    }
}

/// A backtrace's frames, top first: each function's name and where it is (`file:line`).
fn frames(trace: &Backtrace) -> Vec<(String, String)> {
    let text = trace.to_string();
    let mut frames: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        let line = line.trim_start();
        if let Some(at) = line.strip_prefix("at ") {
            if let Some(last) = frames.last_mut() {
                last.1 = at.to_owned();
            }
        } else if let Some((number, name)) = line.split_once(": ") {
            if number.parse::<u32>().is_ok() {
                frames.push((name.to_owned(), String::new()));
            }
        }
    }
    frames
}

/// A source location without the registry's and this repository's directories.
fn short(at: &str) -> &str {
    let at =
        at.rsplit_once("index.crates.io-").map_or(at, |(_, rest)| rest.split_once('/').map_or(rest, |(_, path)| path));
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().and_then(std::path::Path::to_str);
    root.and_then(|root| at.strip_prefix(root)).map_or(at, |path| path.trim_start_matches('/'))
}

/// Times one batch of [`PAIRED_BATCH`] calls.
async fn batch<F: std::future::Future>(call: impl FnMut() -> F) -> Duration {
    timed(u64::from(PAIRED_BATCH), call).await
}

/// Times `calls` calls, one after the other.
async fn timed<F: std::future::Future>(calls: u64, mut call: impl FnMut() -> F) -> Duration {
    let start = Instant::now();
    for _ in 0..calls {
        black_box(call().await);
    }
    start.elapsed()
}

/// Ours against each aws-sdk configuration and the floor, batch against batch within each round.
fn paired_ratios(rt: &tokio::runtime::Runtime) {
    let client = ours(None);
    let default = aws(AwsSetup::Default, None);
    let lean = aws(AwsSetup::Lean, None);
    let floor = Floor::new();
    // [ours, aws default, aws lean, floor] per round.
    let rounds: Vec<[Duration; 4]> = rt.block_on(async {
        // Warm-up: one-time set-up, caches and lazy statics, and the CPU's clock.
        batch(|| call_ours(&client)).await;
        batch(|| call_aws(&default)).await;
        batch(|| call_aws(&lean)).await;
        batch(|| call_floor(&floor)).await;
        let mut rounds = Vec::with_capacity(PAIRED_ROUNDS);
        for round in 0..PAIRED_ROUNDS {
            let mut times = [Duration::ZERO; 4];
            for which in ORDERS[round % ORDERS.len()] {
                times[which] = match which {
                    0 => batch(|| call_ours(&client)).await,
                    1 => batch(|| call_aws(&default)).await,
                    2 => batch(|| call_aws(&lean)).await,
                    _ => batch(|| call_floor(&floor)).await,
                };
            }
            rounds.push(times);
        }
        rounds
    });
    let per_second = |time: Duration| f64::from(PAIRED_BATCH) / time.as_secs_f64();
    println!();
    println!(
        "Paired rounds: {PAIRED_ROUNDS} rounds of {PAIRED_BATCH} calls per client, back to back, each of eight orders in {} rounds; ratio = ours' calls/s over the client's in the same round:",
        PAIRED_ROUNDS / ORDERS.len()
    );
    println!();
    println!("| client | calls/s, median round | ours / it, median | lowest round | highest round | rounds >= 5x |");
    println!("|---|---:|---:|---:|---:|---:|");
    let (ours_rate, ..) = spread(rounds.iter().map(|times| per_second(times[0])).collect());
    println!("| robomaker (ours) | {ours_rate:.0} | | | | |");
    for (index, name) in [
        (1, "aws-sdk-robomaker 1.87.0 (default config)"),
        (2, "aws-sdk-robomaker 1.87.0 (lean config)"),
        (3, "floor (same dependencies, nothing else)"),
    ] {
        let (rate, ..) = spread(rounds.iter().map(|times| per_second(times[index])).collect());
        let ratios: Vec<f64> = rounds.iter().map(|times| times[index].as_secs_f64() / times[0].as_secs_f64()).collect();
        let at_least_5 = ratios.iter().filter(|ratio| **ratio >= 5.0).count();
        let (median, lowest, highest) = spread(ratios);
        println!(
            "| {name} | {rate:.0} | {median:.2}x | {lowest:.2}x | {highest:.2}x | {at_least_5} of {PAIRED_ROUNDS} |"
        );
    }
    println!();
}

fn per_call(c: &mut Criterion, rt: &tokio::runtime::Runtime) {
    let mut group = c.benchmark_group("per_call/describe_deployment_job");
    group.throughput(Throughput::Elements(1));
    let client = ours(None);
    group.bench_function("robomaker (ours)", |b| {
        b.iter_custom(|iters| rt.block_on(timed(iters, || call_ours(&client))))
    });
    for (name, setup) in [("aws-sdk-robomaker default", AwsSetup::Default), ("aws-sdk-robomaker lean", AwsSetup::Lean)]
    {
        let client = aws(setup, None);
        group.bench_function(name, |b| b.iter_custom(|iters| rt.block_on(timed(iters, || call_aws(&client)))));
    }
    let floor = Floor::new();
    group.bench_function("floor", |b| b.iter_custom(|iters| rt.block_on(timed(iters, || call_floor(&floor)))));
    group.finish();
}

fn main() {
    let rt = runtime();
    check_equivalent_work(&rt);
    let mut criterion = Criterion::default().configure_from_args();
    // Arguments go to criterion; `--list` and `--profile-time` (for a profiler) skip the counting.
    if std::env::var_os("PER_CALL_SITES").is_some() {
        let client = ours(None);
        allocation_sites(&rt, "robomaker (ours)", || call_ours(&client));
        let floor = Floor::new();
        allocation_sites(&rt, "floor", || call_floor(&floor));
        return;
    }
    if !std::env::args().any(|arg| arg == "--list" || arg.starts_with("--profile-time")) {
        paired_ratios(&rt);
        allocation_table(&rt);
    }
    per_call(&mut criterion, &rt);
    criterion.final_summary();
}
