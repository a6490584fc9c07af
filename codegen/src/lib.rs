//! A Smithy code generator: an AWS service model (restJson1, AWS JSON 1.0 or 1.1) in, a Rust
//! client crate out.
//!
//! Generation runs in three stages, each its own module:
//! [`parse`] (JSON AST to a typed model), [`lower`] (model to Rust names, types and docs) and
//! `emit` (the intermediate form to formatted files). [`generate`] runs them and returns the
//! files in memory; writing them is the caller's business (see `xtask`).

pub mod docs;
mod emit;
mod error;
pub mod lower;
pub mod parse;

pub use error::{Error, Warning};
pub use lower::SUPPORTED_PROTOCOLS;

/// The README's examples run as doctests, so they cannot drift from the generated crate.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

/// What to generate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Where the generated `Cargo.toml` finds the runtime crate, `smithy-lean-runtime`.
    pub runtime: Runtime,
    /// The package name; by default the service's `sdkId` in kebab case (`robomaker`).
    pub crate_name: Option<String>,
    /// Operation names to keep (with the shapes they reach); empty keeps every operation.
    pub operations: Vec<String>,
    /// Also write the model's `smithy.test` protocol compliance cases of these operations as
    /// the crate's unit tests (`src/protocol_tests.rs`).
    pub protocol_tests: bool,
    /// Also write property tests of every type as the crate's unit tests
    /// (`src/property_tests.rs`): serde round trips, and validation of values made within and
    /// outside each constraint.
    pub property_tests: bool,
}

/// How a generated crate depends on the runtime crate, `smithy-lean-runtime`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Runtime {
    /// `path = "..."`: the runtime's folder, absolute or relative to the generated crate.
    Path(String),
    /// `git = "..."`: a repository whose workspace holds the runtime crate.
    Git(String),
    /// `version = "..."`: from a registry.
    Version(String),
}

/// This generator's own version of the runtime, from a registry: the dependency of crates
/// whose caller says nothing else (`cargo xtask codegen` points at this repository's runtime).
impl Default for Runtime {
    fn default() -> Self {
        Runtime::Version(RUNTIME_VERSION.to_owned())
    }
}

/// The version of the runtime crate this generator writes code for.
pub const RUNTIME_VERSION: &str = "0.1.0";

/// One file of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// The path relative to the crate root, with `/` separators (`src/types.rs`).
    pub path: String,
    pub contents: String,
}

/// A generated crate, and what of the model it leaves out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The crate's files, in path order.
    pub files: Vec<GeneratedFile>,
    /// Parts of the model the crate leaves out or handles in a lesser way (a pattern no engine
    /// runs, say), in model order. The crate builds without them; show them to the user.
    pub warnings: Vec<Warning>,
}

/// Generates a crate from a Smithy JSON AST document. The same model and options always give
/// the same files, byte for byte, in path order.
pub fn generate(model_json: &str, options: &Options) -> Result<Generated, Error> {
    let model = parse::parse(model_json)?;
    let (krate, warnings) = lower::lower(&model, options)?;
    Ok(Generated { files: emit::emit(&krate)?, warnings })
}
