//! Builds, lints and documents many generated crates at once: they become the members of one
//! throwaway workspace, so their dependencies compile once and Cargo runs `--jobs` compilers
//! side by side, and each compiler message is given back to the crate it is about.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

/// One cargo step over the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// `cargo clippy --all-targets -- -D warnings`: compiler errors, then lints.
    Lint,
    /// `cargo doc --no-deps` with rustdoc warnings denied.
    Doc,
}

/// What a step said about one crate: its first compiler error, or its first warning denied.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub error: Option<String>,
    pub lint: Option<String>,
}

/// Writes `dir/Cargo.toml`, a workspace of `members` (folders under `dir`), with the lock file
/// of this repository so the same dependency versions are used.
pub fn write_workspace(dir: &Path, members: &[String], lock: &Path) -> std::io::Result<()> {
    let list: Vec<String> = members.iter().map(|member| format!("    {:?},", member)).collect();
    let manifest = format!(
        "# Written by `cargo xtask sweep`: the crates it builds, as one workspace.\n[workspace]\nresolver = \"2\"\nmembers = [\n{}\n]\n",
        list.join("\n")
    );
    fs::write(dir.join("Cargo.toml"), manifest)?;
    if lock.is_file() {
        fs::copy(lock, dir.join("Cargo.lock"))?;
    }
    Ok(())
}

/// Runs `step` over the workspace in `dir` and sorts the messages by crate folder (`members`).
/// Errors in a crate do not stop the others (`--keep-going`).
pub fn run(dir: &Path, members: &[String], step: Step, jobs: usize) -> std::io::Result<BTreeMap<String, Outcome>> {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    // Incremental caches serve a crate built again; a sweep builds each once, and over every
    // official model they took 34 GB (a run filled the disk), so they are off.
    command.current_dir(dir).env("CARGO_TERM_COLOR", "never").env("CARGO_INCREMENTAL", "0");
    match step {
        Step::Lint => command.args(["clippy", "--workspace", "--all-targets"]),
        // Each crate's rustdoc merges every crate documented before it into the shared search
        // index and rewrites it whole, so documenting n crates in one folder costs n^2: 382
        // official crates slowed to 2 a minute. `--merge=none` skips that merge; lints and the
        // crate's own pages are as before, with the toolchain's own rustdoc, whose unstable flag
        // RUSTC_BOOTSTRAP lets through. Only the throwaway sweep workspace sees either.
        Step::Doc => command
            .args(["doc", "--workspace", "--no-deps"])
            .env("RUSTDOCFLAGS", "-D warnings -Zunstable-options --merge=none")
            .env("RUSTC_BOOTSTRAP", "1"),
    };
    command.args(["--keep-going", "--message-format=json", "--jobs", &jobs.to_string()]);
    if step == Step::Lint {
        command.args(["--", "-D", "warnings"]);
    }
    command.stdout(Stdio::piped()).stderr(Stdio::inherit());
    let mut child = command.spawn()?;
    let mut outcomes: BTreeMap<String, Outcome> = BTreeMap::new();
    let roots: Vec<(String, PathBuf)> = members.iter().map(|member| (member.clone(), dir.join(member))).collect();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines() {
            let line = line?;
            let Ok(message) = serde_json::from_str::<Value>(&line) else { continue };
            if message.get("reason").and_then(Value::as_str) != Some("compiler-message") {
                continue;
            }
            let src = message.pointer("/target/src_path").and_then(Value::as_str).map(PathBuf::from);
            let Some((member, _)) =
                roots.iter().find(|(_, root)| src.as_ref().is_some_and(|src| src.starts_with(root)))
            else {
                continue;
            };
            let Some(diagnostic) = message.get("message") else { continue };
            let level = diagnostic.get("level").and_then(Value::as_str).unwrap_or_default();
            if level != "error" {
                continue;
            }
            let text = first_line(diagnostic);
            if text.starts_with("aborting due to") || text.starts_with("could not compile") {
                continue;
            }
            let code = diagnostic.pointer("/code/code").and_then(Value::as_str).unwrap_or_default();
            // A denied lint carries the lint's name; a compiler error an `E` code or none.
            let is_lint = !code.is_empty() && !code.starts_with('E');
            let outcome = outcomes.entry(member.clone()).or_default();
            let slot = if is_lint { &mut outcome.lint } else { &mut outcome.error };
            if slot.is_none() {
                *slot = Some(text);
            }
        }
    }
    let status = child.wait()?;
    // A failure no message explains (a dependency that did not build, a crashed compiler) is
    // every crate's failure.
    if !status.success() && outcomes.is_empty() {
        for member in members {
            outcomes.entry(member.clone()).or_default().error =
                Some(format!("cargo failed ({status}) without a message"));
        }
    }
    Ok(outcomes)
}

/// The message, with where it was found: ``error[E0277]: ... (src/types.rs:12)``.
fn first_line(diagnostic: &Value) -> String {
    let message = diagnostic.get("message").and_then(Value::as_str).unwrap_or_default();
    let code = diagnostic.pointer("/code/code").and_then(Value::as_str);
    let span = diagnostic.get("spans").and_then(Value::as_array).and_then(|spans| spans.first());
    let place = span.map(|span| {
        let file = span.get("file_name").and_then(Value::as_str).unwrap_or_default();
        let line = span.get("line_start").and_then(Value::as_u64).unwrap_or_default();
        format!(" ({file}:{line})")
    });
    format!("{}{message}{}", code.map(|code| format!("[{code}] ")).unwrap_or_default(), place.unwrap_or_default())
}
