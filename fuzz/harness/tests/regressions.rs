//! Replays every input kept in `fuzz/regressions/<target>/` (crashes found, once fixed, and
//! inputs worth keeping) through its target, on stable: what once failed stays fixed.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../regressions").join(target);
    let mut inputs: Vec<_> = std::fs::read_dir(&folder)
        .unwrap_or_else(|err| panic!("{}: {err}", folder.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no inputs in {}", folder.display());
    for input in inputs {
        let data = std::fs::read(&input).unwrap_or_else(|err| panic!("{}: {err}", input.display()));
        eprintln!("{target}: {}", input.display());
        run(&data);
    }
}

#[test]
fn model() {
    replay("model", harness::model);
}

#[test]
fn responses() {
    replay("responses", harness::responses);
}

#[test]
fn endpoint() {
    replay("endpoint", harness::endpoint);
}

#[test]
fn timestamps_and_headers() {
    replay("timestamps_and_headers", harness::timestamps_and_headers);
}

#[test]
fn profile() {
    replay("profile", harness::profile);
}

#[test]
fn event_stream() {
    replay("event_stream", harness::event_stream);
}
