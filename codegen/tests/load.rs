//! Load on one client against a server on 127.0.0.1: many calls at once, then many in a row.
//! Every call is answered, connections are reused (the server counts them), and neither file
//! descriptors nor memory grow between the first and the last calls in a row.
//!
//! `cargo test` runs 1,000 calls at once and 20,000 in a row; the soak of the issue, 1,000 at
//! once and 100,000 in a row compared over their first and last 10,000, is `#[ignore]`d:
//! `cargo test --release -p codegen --test load -- --ignored`.

#![allow(deprecated)] // DescribeDeploymentJob is deprecated in the model; calling it warns.

mod support;

use robomaker::{Client, Config, Credentials};
use support::raw::{Answer, RawServer};

const ARN: &str = "arn:aws:robomaker:us-east-1:123456789012:deployment-job/dep-1";

/// Open file descriptors of this process.
fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd").map(|dir| dir.count()).unwrap_or_else(|err| panic!("/proc/self/fd: {err}"))
}

/// Resident memory of this process, in bytes.
fn resident_bytes() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_else(|err| panic!("/proc/self/statm: {err}"));
    let pages: u64 = statm.split_whitespace().nth(1).and_then(|pages| pages.parse().ok()).unwrap_or(0);
    pages * 4096
}

async fn soak(concurrent: usize, in_a_row: usize, window: usize) {
    let body = br#"{"arn":"a","status":"InProgress","createdAt":1700000000.125}"#;
    let server = RawServer::start(vec![Answer::http(200, &[("x-amzn-requestid", "load")], body)]).await;
    let config = Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKIDLOAD", "load-test-secret", None))
        .endpoint_url(&server.url)
        .build();
    let client = Client::from_conf(config);

    let calls: Vec<_> = (0..concurrent)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                let output = client.describe_deployment_job().job(ARN).send().await;
                output.map(|output| output.arn().map(str::to_owned)).map_err(|err| err.to_string())
            })
        })
        .collect();
    for call in calls {
        let arn = call.await.unwrap_or_else(|err| panic!("task: {err}")).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(arn.as_deref(), Some("a"));
    }
    assert_eq!(server.requests(), concurrent);

    // Connects the calls at once started may still be accepted during the first calls in a
    // row (the pool keeps them); after those, no call opens a connection.
    let mut after_first = (0, 0, 0);
    for call in 0..in_a_row {
        let output =
            client.describe_deployment_job().job(ARN).send().await.unwrap_or_else(|err| panic!("call {call}: {err}"));
        assert_eq!(output.arn(), Some("a"));
        if call + 1 == window {
            after_first = (open_fds(), resident_bytes(), server.connections());
        }
    }
    let after_last = (open_fds(), resident_bytes(), server.connections());
    assert_eq!(server.requests(), concurrent + in_a_row, "every call was answered");
    let opened = after_last.2;
    assert!(opened <= concurrent, "{opened} connections for {concurrent} calls at once");
    assert_eq!(opened, after_first.2, "calls in a row reuse the pooled connections");
    assert_eq!(after_last.0, after_first.0, "file descriptors after the first and the last {window} calls");
    let growth = after_last.1.saturating_sub(after_first.1);
    assert!(growth < 4 << 20, "resident memory grew by {growth} bytes over {} calls", in_a_row - window);
    eprintln!(
        "{concurrent} at once over {opened} connections, then {in_a_row} in a row on them: {} open files, resident {:.1} MiB after the first {window} and {:.1} MiB after the last",
        after_last.0,
        after_first.1 as f64 / f64::from(1 << 20),
        after_last.1 as f64 / f64::from(1 << 20),
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_at_once_then_twenty_thousand_in_a_row() {
    soak(1_000, 20_000, 5_000).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "the soak: 100,000 calls; run it with --release"]
async fn soak_a_thousand_at_once_then_a_hundred_thousand_in_a_row() {
    soak(1_000, 100_000, 10_000).await;
}
