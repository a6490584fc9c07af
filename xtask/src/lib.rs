//! The I/O side of code generation: reading models, writing (or checking) generated crates.
//!
//! `cargo xtask codegen` and the freshness tests share [`sync`], so "is `generated/` fresh?"
//! has one answer.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use codegen::{Generated, GeneratedFile, Options, Runtime};

pub mod sweep;

/// The workspace root (the parent of `xtask/`).
pub fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

/// This repository's runtime crate, which generated crates depend on.
pub const RUNTIME: &str = "runtime";

/// Options that make a crate generated into `out` depend on this repository's runtime crate.
pub fn options_for(out: &Path) -> Options {
    Options { runtime: runtime_at(&workspace_root().join(RUNTIME), out), ..Options::default() }
}

/// A dependency on the runtime crate in folder `runtime` (relative to the current folder), as
/// the `Cargo.toml` of a crate in `out` writes it: relative to `out` when the two share a
/// folder other than the file system's root (a repository, a home folder), so that the pair
/// can move together; absolute otherwise (a crate generated into `/tmp` from a checkout).
pub fn runtime_at(runtime: &Path, out: &Path) -> Runtime {
    let (runtime, out) = (normalize(runtime), normalize(out));
    let common = runtime.components().zip(out.components()).take_while(|(a, b)| a == b).count();
    let shares_a_folder = runtime.components().take(common).any(|component| matches!(component, Component::Normal(_)));
    if !shares_a_folder {
        return Runtime::Path(to_toml_path(&runtime));
    }
    let mut relative = PathBuf::new();
    for _ in out.components().skip(common) {
        relative.push("..");
    }
    relative.extend(runtime.components().skip(common));
    Runtime::Path(to_toml_path(&relative))
}

/// `path` absolute, with `.` and `..` resolved by the text alone (the folder may not exist yet).
fn normalize(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut normal = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}

/// A path as Cargo reads it on every platform: `/` between folders.
fn to_toml_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        text.into_owned()
    } else {
        text.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

/// The default model and output folder of `cargo xtask codegen`.
pub const DEFAULT_MODEL: &str = "models/robomaker.json";
pub const DEFAULT_OUT: &str = "generated/robomaker";
/// Fixture models live in `<FIXTURES>/<name>/model.json`, their expected crates in
/// `<FIXTURES>/<name>/expected/`.
pub const FIXTURES: &str = "codegen/tests/fixtures";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write what differs and remove files the generator no longer produces.
    Write,
    /// Touch nothing; report what differs.
    Check,
}

/// What [`sync`] found: files whose contents differ (or are missing), and files on disk that the
/// generator does not produce.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub stale: Vec<PathBuf>,
    pub extra: Vec<PathBuf>,
}

impl Report {
    pub fn is_fresh(&self) -> bool {
        self.stale.is_empty() && self.extra.is_empty()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for path in &self.stale {
            writeln!(f, "stale: {}", path.display())?;
        }
        for path in &self.extra {
            writeln!(f, "extra: {}", path.display())?;
        }
        Ok(())
    }
}

/// Failures of xtask: I/O with the path involved, or a model the generator rejects.
#[derive(Debug)]
pub enum Error {
    Io { path: PathBuf, source: io::Error },
    Model { path: PathBuf, source: codegen::Error },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Model { path, source } => write!(f, "{}: {source}", path.display()),
        }
    }
}

impl std::error::Error for Error {}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> Error + '_ {
    move |source| Error::Io { path: path.to_path_buf(), source }
}

/// Reads a model and generates its crate in memory.
pub fn generate(model: &Path, options: &Options) -> Result<Generated, Error> {
    let json = fs::read_to_string(model).map_err(io_error(model))?;
    codegen::generate(&json, options).map_err(|source| Error::Model { path: model.to_path_buf(), source })
}

/// Makes `dir` hold exactly `files` (in [`Mode::Write`]), or reports how it differs.
pub fn sync(dir: &Path, files: &[GeneratedFile], mode: Mode) -> Result<Report, Error> {
    let mut report = Report::default();
    for file in files {
        let path = dir.join(&file.path);
        if ensure_file_contents(&path, &file.contents, mode)? {
            report.stale.push(path);
        }
    }
    let expected: Vec<PathBuf> = files.iter().map(|file| dir.join(&file.path)).collect();
    for path in list_files(dir)? {
        if !expected.contains(&path) {
            if mode == Mode::Write {
                fs::remove_file(&path).map_err(io_error(&path))?;
            }
            report.extra.push(path);
        }
    }
    Ok(report)
}

/// Whether `path` differed from `contents`; in [`Mode::Write`] it is rewritten when it did.
/// Unchanged files are not touched, so their timestamps do not trigger rebuilds.
pub fn ensure_file_contents(path: &Path, contents: &str, mode: Mode) -> Result<bool, Error> {
    match fs::read_to_string(path) {
        Ok(current) if current == contents => return Ok(false),
        Ok(_) => {}
        Err(err) if err.kind() == io::ErrorKind::NotFound => {}
        Err(err) => return Err(Error::Io { path: path.to_path_buf(), source: err }),
    }
    if mode == Mode::Write {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        fs::write(path, contents).map_err(io_error(path))?;
    }
    Ok(true)
}

/// Every file under `dir`, sorted; a missing `dir` has none. `target/` is skipped so a crate
/// built outside the workspace is still checkable.
fn list_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == io::ErrorKind::NotFound => continue,
            Err(err) => return Err(Error::Io { path: dir, source: err }),
        };
        for entry in entries {
            let entry = entry.map_err(io_error(&dir))?;
            let path = entry.path();
            let file_type = entry.file_type().map_err(io_error(&path))?;
            if file_type.is_dir() {
                if entry.file_name() != "target" {
                    pending.push(path);
                }
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The file of a fixture's expected crate that lists the generator's warnings, one a line.
pub const WARNINGS: &str = "warnings.txt";

/// The fixture names under [`FIXTURES`], sorted.
pub fn fixture_names(root: &Path) -> Result<Vec<String>, Error> {
    let dir = root.join(FIXTURES);
    let mut names = Vec::new();
    for entry in fs::read_dir(&dir).map_err(io_error(&dir))? {
        let entry = entry.map_err(io_error(&dir))?;
        if entry.path().join("model.json").is_file() {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    names.sort();
    Ok(names)
}

/// Generates (or checks) the expected crate of one fixture.
pub fn sync_fixture(root: &Path, name: &str, mode: Mode) -> Result<Report, Error> {
    let dir = root.join(FIXTURES).join(name);
    let out = dir.join("expected");
    let options = Options {
        crate_name: Some(format!("fixture-{}", name.replace('_', "-"))),
        protocol_tests: true,
        property_tests: true,
        ..options_for(&out)
    };
    let Generated { mut files, warnings } = generate(&dir.join("model.json"), &options)?;
    // What the generator left out is part of what a fixture pins down.
    if !warnings.is_empty() {
        let contents: String = warnings.iter().map(|warning| format!("{warning}\n")).collect();
        files.push(GeneratedFile { path: WARNINGS.to_owned(), contents });
    }
    sync(&out, &files, mode)
}
