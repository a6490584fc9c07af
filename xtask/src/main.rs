//! `cargo xtask codegen [--model PATH] [--out DIR] [--operation NAME]... [--crate-name NAME] [--protocol-tests]
//!                      [--property-tests] [--runtime-path DIR | --runtime-git URL | --runtime-version VERSION] [--check]`
//! `cargo xtask fixtures [--check]`
//! `cargo xtask sweep [--models DIR] [--out DIR] [--only NAME]... [--covering-set] [--lint] [--doc] [--test] [--jobs N] [--table FILE]`

use std::path::PathBuf;
use std::process::ExitCode;

use codegen::Runtime;
use xtask::{fixture_names, options_for, runtime_at, sync, sync_fixture, workspace_root, Mode, Report};
use xtask::{DEFAULT_MODEL, DEFAULT_OUT};

const USAGE: &str = "usage:
  cargo xtask codegen [--model PATH] [--out DIR] [--operation NAME]... [--crate-name NAME]
                      [--protocol-tests] [--property-tests] [--runtime-path DIR |
                      --runtime-git URL | --runtime-version VERSION] [--check]
      Generates a crate from a Smithy JSON AST model (default: models/robomaker.json into
      generated/robomaker). --operation keeps only the named operations and the shapes they
      reach; --protocol-tests also writes the model's smithy.test cases as the crate's unit
      tests, --property-tests property tests of every type (serde round trips, validation
      within and outside each constraint); --check writes nothing and fails if the output is stale.
      The crate depends on this repository's runtime crate (runtime/) by path, relative when
      the output shares a folder with it, absolute otherwise; --runtime-path names another
      folder, --runtime-git a repository that holds it, --runtime-version a registry version.
  cargo xtask fixtures [--check]
      Regenerates (or checks) the expected crates of the generator's fixture models.
";

fn usage() -> String {
    format!("{USAGE}{}", xtask::sweep::USAGE)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let root = workspace_root();
    match args.split_first() {
        Some((command, rest)) if command == "codegen" => codegen(rest, &root),
        Some((command, rest)) if command == "fixtures" => fixtures(rest, &root),
        Some((command, rest)) if command == "sweep" => {
            let args = xtask::sweep::Args::parse(rest, &root).map_err(|err| format!("{err}\n{}", usage()))?;
            match xtask::sweep::run(&args)? {
                true => Ok(()),
                false => Err("the sweep found failures (listed above)".to_owned()),
            }
        }
        Some((command, _)) if command == "--help" || command == "-h" || command == "help" => {
            println!("{}", usage());
            Ok(())
        }
        Some((command, _)) => Err(format!("unknown command `{command}`\n{}", usage())),
        None => Err(format!("no command given\n{}", usage())),
    }
}

fn codegen(args: &[String], root: &std::path::Path) -> Result<(), String> {
    let mut model = root.join(DEFAULT_MODEL);
    let mut out = root.join(DEFAULT_OUT);
    let mut options = codegen::Options::default();
    let mut runtime = None;
    let mut mode = Mode::Write;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().cloned().ok_or_else(|| format!("`{name}` needs a value\n{}", usage()));
        match arg.as_str() {
            "--model" => model = PathBuf::from(value("--model")?),
            "--out" => out = PathBuf::from(value("--out")?),
            "--operation" => options.operations.push(value("--operation")?),
            "--crate-name" => options.crate_name = Some(value("--crate-name")?),
            "--protocol-tests" => options.protocol_tests = true,
            "--property-tests" => options.property_tests = true,
            "--runtime-path" | "--runtime-git" | "--runtime-version" if runtime.is_some() => {
                return Err(format!(
                    "give at most one of --runtime-path, --runtime-git and --runtime-version\n{}",
                    usage()
                ))
            }
            "--runtime-path" => runtime = Some(RuntimeArg::Path(PathBuf::from(value("--runtime-path")?))),
            "--runtime-git" => runtime = Some(RuntimeArg::Given(Runtime::Git(value("--runtime-git")?))),
            "--runtime-version" => runtime = Some(RuntimeArg::Given(Runtime::Version(value("--runtime-version")?))),
            "--check" => mode = Mode::Check,
            other => return Err(format!("unknown argument `{other}`\n{}", usage())),
        }
    }
    options.runtime = match runtime {
        None => options_for(&out).runtime,
        Some(RuntimeArg::Path(dir)) => runtime_at(&dir, &out),
        Some(RuntimeArg::Given(runtime)) => runtime,
    };
    let codegen::Generated { files, warnings } = xtask::generate(&model, &options).map_err(|err| err.to_string())?;
    for warning in &warnings {
        eprintln!("warning: {warning}");
    }
    let report = sync(&out, &files, mode).map_err(|err| err.to_string())?;
    finish(&report, mode, &format!("{} files in {}", files.len(), out.display()), "cargo xtask codegen")
}

/// Where `--runtime-*` says the runtime crate is.
enum RuntimeArg {
    /// A folder, relative to the current one.
    Path(PathBuf),
    Given(Runtime),
}

fn fixtures(args: &[String], root: &std::path::Path) -> Result<(), String> {
    let mode = match args {
        [] => Mode::Write,
        [flag] if flag == "--check" => Mode::Check,
        _ => return Err(format!("unexpected arguments {args:?}\n{}", usage())),
    };
    let mut all = Report::default();
    let names = fixture_names(root).map_err(|err| err.to_string())?;
    for name in &names {
        let report = sync_fixture(root, name, mode).map_err(|err| err.to_string())?;
        all.stale.extend(report.stale);
        all.extra.extend(report.extra);
    }
    finish(&all, mode, &format!("{} fixtures", names.len()), "cargo xtask fixtures")
}

fn finish(report: &Report, mode: Mode, what: &str, command: &str) -> Result<(), String> {
    match mode {
        Mode::Write => {
            // In this mode the differences are already mended: say what was done to them.
            for path in &report.stale {
                println!("updated: {}", path.display());
            }
            for path in &report.extra {
                println!("removed: {}", path.display());
            }
            println!("up to date: {what}");
            Ok(())
        }
        Mode::Check if report.is_fresh() => {
            println!("fresh: {what}");
            Ok(())
        }
        Mode::Check => Err(format!("generated files are out of date:\n{report}run `{command}` to update them")),
    }
}
