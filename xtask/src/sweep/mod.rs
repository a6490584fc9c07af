//! `cargo xtask sweep`: generates a crate from every model in a folder (by default every
//! official AWS model), optionally builds, lints, documents and tests them, and writes a table
//! of what happened to each. A generator is judged on the models its users bring; this is how
//! it meets all of them at once.

mod cargo;
mod features;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use codegen::parse::PROTOCOL_TRAITS;
use codegen::{Generated, Options, SUPPORTED_PROTOCOLS};
use serde_json::Value;

use crate::{options_for, sync, workspace_root, Mode};
use cargo::{Outcome, Step};

pub const USAGE: &str = "  cargo xtask sweep [--models DIR] [--out DIR] [--only NAME]... [--covering-set]
                    [--lint] [--doc] [--test] [--jobs N] [--table FILE]
      Generates a crate from every model in DIR (default: ../shared/models/aws) into
      --out (default: target/sweep), one folder per model file. --only keeps the named
      models (file names without .json). --covering-set keeps, of the models that generate,
      the fewest that together use every trait, binding, shape type and pattern feature
      found in all of them, and prints them. --lint builds and lints the crates
      (clippy --all-targets, warnings denied), --doc documents them (rustdoc warnings
      denied), --test runs their tests; they share one target folder, and --jobs bounds
      the compilers run at once (default 2). --table writes a Markdown table, one row per
      model: protocol, operations, generated, built, clippy-clean, documented, the first
      error. Fails when a model of a supported protocol does not generate, or a crate fails
      a step asked for.";

/// What the command line asked for.
#[derive(Debug)]
pub struct Args {
    models: PathBuf,
    out: PathBuf,
    only: Vec<String>,
    covering_set: bool,
    lint: bool,
    doc: bool,
    test: bool,
    jobs: usize,
    table: Option<PathBuf>,
}

impl Args {
    pub fn parse(args: &[String], root: &Path) -> Result<Self, String> {
        let mut parsed = Args {
            models: root.join("../shared/models/aws"),
            out: root.join("target/sweep"),
            only: Vec::new(),
            covering_set: false,
            lint: false,
            doc: false,
            test: false,
            jobs: 2,
            table: None,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = |name: &str| args.next().cloned().ok_or_else(|| format!("`{name}` needs a value"));
            match arg.as_str() {
                "--models" => parsed.models = PathBuf::from(value("--models")?),
                "--out" => parsed.out = PathBuf::from(value("--out")?),
                "--only" => parsed.only.push(value("--only")?),
                "--covering-set" => parsed.covering_set = true,
                "--lint" => parsed.lint = true,
                "--doc" => parsed.doc = true,
                "--test" => parsed.test = true,
                "--jobs" => {
                    let jobs = value("--jobs")?;
                    parsed.jobs = jobs.parse().ok().filter(|jobs| *jobs > 0).ok_or(format!("bad --jobs `{jobs}`"))?;
                }
                "--table" => parsed.table = Some(PathBuf::from(value("--table")?)),
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        // Compiler messages name absolute source paths; the crates are found by them.
        parsed.out = std::path::absolute(&parsed.out).map_err(|err| format!("{}: {err}", parsed.out.display()))?;
        Ok(parsed)
    }
}

/// One model and what became of it.
#[derive(Debug, Default)]
struct Row {
    /// The file name without `.json`, also the crate's folder under `--out`.
    name: String,
    protocol: String,
    operations: usize,
    supported: bool,
    /// The generator's error, if it refused the model.
    generation_error: Option<String>,
    warnings: usize,
    features: BTreeSet<String>,
    size: usize,
    /// How long `codegen::generate` took (both runs when the package name was taken), writing
    /// the files included.
    generation_time: Duration,
    /// Per step asked for and run on this crate: what cargo said.
    check: Option<Outcome>,
    doc: Option<Outcome>,
}

/// Runs the sweep; `Ok(false)` when something failed that should not have.
pub fn run(args: &Args) -> Result<bool, String> {
    let started = Instant::now();
    let mut names = model_names(&args.models)?;
    if !args.only.is_empty() {
        let missing: Vec<&String> = args.only.iter().filter(|name| !names.contains(name)).collect();
        if !missing.is_empty() {
            return Err(format!("no such models in {}: {missing:?}", args.models.display()));
        }
        names.retain(|name| args.only.contains(name));
    }
    fs::create_dir_all(&args.out).map_err(|err| format!("{}: {err}", args.out.display()))?;
    let mut rows = generate_all(args, &names)?;
    let generation = started.elapsed();
    let generated = rows.iter().filter(|row| row.generation_error.is_none()).count();
    println!(
        "generated {generated} of {} models in {:.1} s ({} at a time); slowest: {}",
        rows.len(),
        generation.as_secs_f64(),
        args.jobs,
        slowest(&rows)
    );

    let mut selected: Vec<String> =
        rows.iter().filter(|row| row.generation_error.is_none()).map(|row| row.name.clone()).collect();
    if args.covering_set {
        let candidates: BTreeMap<String, (BTreeSet<String>, usize)> = rows
            .iter()
            .filter(|row| row.generation_error.is_none())
            .map(|row| (row.name.clone(), (row.features.clone(), row.size)))
            .collect();
        let features: BTreeSet<&String> = candidates.values().flat_map(|(features, _)| features).collect();
        selected = features::covering_set(&candidates);
        let bytes: usize = selected.iter().map(|name| candidates[name].1).sum();
        println!(
            "covering set: {} models ({:.1} MB of JSON) use all {} features: {}",
            selected.len(),
            bytes as f64 / 1e6,
            features.len(),
            selected.join(" ")
        );
    }

    let mut ok = rows.iter().all(|row| row.generation_error.is_none() || !row.supported);
    if args.lint || args.doc || args.test {
        cargo::write_workspace(&args.out, &selected, &workspace_root().join("Cargo.lock"))
            .map_err(|err| format!("{}: {err}", args.out.display()))?;
    }
    if args.lint {
        let outcomes = step(args, &selected, Step::Lint)?;
        for row in rows.iter_mut().filter(|row| selected.contains(&row.name)) {
            row.check = Some(outcomes.get(&row.name).cloned().unwrap_or_default());
        }
    }
    if args.doc {
        let outcomes = step(args, &selected, Step::Doc)?;
        for row in rows.iter_mut().filter(|row| selected.contains(&row.name)) {
            row.doc = Some(outcomes.get(&row.name).cloned().unwrap_or_default());
        }
    }
    ok &= rows.iter().all(|row| {
        [&row.check, &row.doc]
            .iter()
            .all(|outcome| outcome.as_ref().is_none_or(|o| o.error.is_none() && o.lint.is_none()))
    });
    if args.test {
        let timer = Instant::now();
        let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
            .current_dir(&args.out)
            .args(["test", "--workspace", "--no-fail-fast", "--jobs", &args.jobs.to_string()])
            .status()
            .map_err(|err| format!("cargo test: {err}"))?;
        println!("cargo test of {} crates: {status} in {}", selected.len(), minutes(timer.elapsed()));
        ok &= status.success();
    }

    for row in &rows {
        if let Some(problem) = problem(row) {
            println!("FAIL {}: {problem}", row.name);
        }
    }
    if let Some(path) = &args.table {
        let table = table(&rows, args, generation);
        fs::write(path, table).map_err(|err| format!("{}: {err}", path.display()))?;
        println!("table written to {}", path.display());
    }
    println!("sweep finished in {}", minutes(started.elapsed()));
    Ok(ok)
}

/// The five models that took longest to generate, with their times.
fn slowest(rows: &[Row]) -> String {
    let mut by_time: Vec<&Row> = rows.iter().collect();
    by_time.sort_by(|a, b| b.generation_time.cmp(&a.generation_time).then_with(|| a.name.cmp(&b.name)));
    let slowest: Vec<String> =
        by_time.iter().take(5).map(|row| format!("{} {:.2} s", row.name, row.generation_time.as_secs_f64())).collect();
    slowest.join(", ")
}

fn minutes(elapsed: Duration) -> String {
    let seconds = elapsed.as_secs();
    format!("{}m{:02}s", seconds / 60, seconds % 60)
}

fn step(args: &Args, selected: &[String], step: Step) -> Result<BTreeMap<String, Outcome>, String> {
    let timer = Instant::now();
    let outcomes = cargo::run(&args.out, selected, step, args.jobs).map_err(|err| format!("cargo: {err}"))?;
    println!(
        "{step:?} of {} crates: {} with a problem, in {}",
        selected.len(),
        outcomes.len(),
        minutes(timer.elapsed())
    );
    Ok(outcomes)
}

/// The model files' names without `.json`, sorted.
fn model_names(dir: &Path) -> Result<Vec<String>, String> {
    let entries = fs::read_dir(dir).map_err(|err| format!("{}: {err}", dir.display()))?;
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().to_str().and_then(|name| name.strip_suffix(".json")).map(str::to_owned))
        .collect();
    names.sort();
    Ok(names)
}

/// Generates every model, `--jobs` at a time, each into `out/<name>`.
fn generate_all(args: &Args, names: &[String]) -> Result<Vec<Row>, String> {
    let next = AtomicUsize::new(0);
    let rows = Mutex::new(Vec::new());
    let package_names = Mutex::new(BTreeSet::new());
    std::thread::scope(|scope| {
        for _ in 0..args.jobs {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(name) = names.get(index) else { break };
                let row = generate_one(args, name, &package_names);
                rows.lock().unwrap_or_else(|poison| poison.into_inner()).push(row);
            });
        }
    });
    let mut rows = rows.into_inner().unwrap_or_else(|poison| poison.into_inner());
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(rows)
}

fn generate_one(args: &Args, name: &str, package_names: &Mutex<BTreeSet<String>>) -> Row {
    let path = args.models.join(format!("{name}.json"));
    let mut row = Row { name: name.to_owned(), ..Row::default() };
    let json = match fs::read_to_string(&path) {
        Ok(json) => json,
        Err(err) => {
            row.generation_error = Some(format!("{}: {err}", path.display()));
            return row;
        }
    };
    row.size = json.len();
    if let Ok(model) = serde_json::from_str::<Value>(&json) {
        let (protocol, operations) = describe(&model);
        row.supported = SUPPORTED_PROTOCOLS.iter().any(|supported| protocol.iter().any(|p| p == supported.trait_id()));
        row.protocol = protocol.iter().map(|p| p.rsplit('#').next().unwrap_or(p)).collect::<Vec<_>>().join("+");
        row.operations = operations;
        row.features = features::of(&model);
    }
    let out = args.out.join(name);
    let timer = Instant::now();
    let mut options = options_for(&out);
    let mut result = codegen::generate(&json, &options);
    // Two models of one package name (the service's `sdkId`) cannot share a workspace: the
    // second is named after its file.
    if let Ok(generated) = &result {
        let package = package_name(generated);
        let mut taken = package_names.lock().unwrap_or_else(|poison| poison.into_inner());
        if !taken.insert(package) {
            options = Options { crate_name: Some(name.to_lowercase().replace('.', "-")), ..options };
            result = codegen::generate(&json, &options);
        }
    }
    match result {
        Ok(Generated { files, warnings }) => {
            row.warnings = warnings.len();
            if let Err(err) = sync(&out, &files, Mode::Write) {
                row.generation_error = Some(err.to_string());
            }
        }
        Err(err) => row.generation_error = Some(err.to_string()),
    }
    row.generation_time = timer.elapsed();
    row
}

/// The protocol traits of the model's service, and its number of operations.
fn describe(model: &Value) -> (Vec<String>, usize) {
    let shapes = model.get("shapes").and_then(Value::as_object);
    let mut protocols = Vec::new();
    let mut operations = 0;
    for shape in shapes.into_iter().flat_map(|shapes| shapes.values()) {
        match shape.get("type").and_then(Value::as_str) {
            Some("service") => {
                let traits = shape.get("traits").and_then(Value::as_object);
                protocols.extend(
                    traits
                        .into_iter()
                        .flat_map(|traits| traits.keys())
                        .filter(|name| PROTOCOL_TRAITS.contains(&name.as_str()))
                        .cloned(),
                );
            }
            Some("operation") => operations += 1,
            _ => {}
        }
    }
    (protocols, operations)
}

fn package_name(generated: &Generated) -> String {
    let manifest = generated.files.iter().find(|file| file.path == "Cargo.toml").map(|file| file.contents.as_str());
    let name = manifest.and_then(|manifest| manifest.lines().find_map(|line| line.strip_prefix("name = ")));
    name.unwrap_or_default().trim_matches('"').to_owned()
}

/// What went wrong with a model that should have worked, if anything.
fn problem(row: &Row) -> Option<String> {
    if let Some(err) = &row.generation_error {
        return row.supported.then(|| format!("generation: {err}"));
    }
    for (step, outcome) in [("clippy", &row.check), ("rustdoc", &row.doc)] {
        match outcome {
            Some(Outcome { error: Some(error), .. }) => return Some(format!("{step}: build error: {error}")),
            Some(Outcome { lint: Some(lint), .. }) => return Some(format!("{step}: {lint}")),
            _ => {}
        }
    }
    None
}

/// The Markdown table of every model, with a header saying when and from which commit.
fn table(rows: &[Row], args: &Args, generation: Duration) -> String {
    let commit = git(&["rev-parse", "--short", "HEAD"]);
    let dirty = if git(&["status", "--porcelain", "--untracked-files=no"]).is_empty() {
        ""
    } else {
        " (with uncommitted changes)"
    };
    let date = Command::new("date").args(["-u", "+%Y-%m-%d %H:%M UTC"]).output().ok();
    let date = date.map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned()).unwrap_or_default();
    let mut out = String::new();
    let _ = writeln!(out, "# Sweep over the official models\n");
    let _ = writeln!(
        out,
        "Written by `cargo xtask sweep{}{}{}{}` on {date}, commit `{commit}`{dirty}. Models read from `{}`.\n",
        if args.covering_set { " --covering-set" } else { "" },
        if args.lint { " --lint" } else { "" },
        if args.doc { " --doc" } else { "" },
        if args.test { " --test" } else { "" },
        args.models.display()
    );
    let supported: Vec<&Row> = rows.iter().filter(|row| row.supported).collect();
    let count = |pick: fn(&Row) -> bool| supported.iter().filter(|row| pick(row)).count();
    let _ = writeln!(
        out,
        "Of {} models, {} use a protocol this generator supports ({}); of those, {} generate, {} were built ({} without compiler errors, {} clippy-clean), {} documented ({} without rustdoc warnings). {} models of other protocols are listed as unsupported. Warnings count the parts of a model the crate leaves out (a pattern no engine runs).\n",
        rows.len(),
        supported.len(),
        SUPPORTED_PROTOCOLS.iter().map(|protocol| protocol.trait_id()).collect::<Vec<_>>().join(", "),
        count(|row| row.generation_error.is_none()),
        count(|row| row.check.is_some()),
        count(|row| row.check.as_ref().is_some_and(|o| o.error.is_none())),
        count(|row| row.check.as_ref().is_some_and(|o| o.error.is_none() && o.lint.is_none())),
        count(|row| row.doc.is_some()),
        count(|row| row.doc.as_ref().is_some_and(|o| o.error.is_none() && o.lint.is_none())),
        rows.len() - supported.len(),
    );
    let _ = writeln!(
        out,
        "Generating all {} took {:.1} s, {} at a time; the slowest: {}.\n",
        rows.len(),
        generation.as_secs_f64(),
        args.jobs,
        slowest(rows)
    );
    let _ = writeln!(
        out,
        "| model | protocol | operations | generated | warnings | built | clippy-clean | documented | first error |"
    );
    let _ = writeln!(out, "| --- | --- | ---: | --- | ---: | --- | --- | --- | --- |");
    for row in rows {
        let generated = match (&row.generation_error, row.supported) {
            (None, _) => "yes",
            (Some(_), false) => "unsupported protocol",
            (Some(_), true) => "**no**",
        };
        let mark = |outcome: &Option<Outcome>, pick: fn(&Outcome) -> bool| match outcome {
            None => "",
            Some(outcome) if pick(outcome) => "yes",
            Some(_) => "**no**",
        };
        let built = mark(&row.check, |o| o.error.is_none());
        let clean = mark(&row.check, |o| o.error.is_none() && o.lint.is_none());
        let documented = mark(&row.doc, |o| o.error.is_none() && o.lint.is_none());
        let error = match (&row.generation_error, row.supported) {
            (Some(_), false) => String::new(),
            _ => problem(row).map(|text| cell(&text)).unwrap_or_default(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {generated} | {} | {built} | {clean} | {documented} | {error} |",
            row.name, row.protocol, row.operations, row.warnings
        );
    }
    out
}

/// Text that fits in one table cell.
fn cell(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let short: String = flat.chars().take(240).collect();
    let ellipsis = if short.len() < flat.len() { "…" } else { "" };
    format!("{}{ellipsis}", short.replace('|', "\\|"))
}

fn git(args: &[&str]) -> String {
    let output = Command::new("git").args(args).current_dir(workspace_root()).output();
    output.map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned()).unwrap_or_default()
}
