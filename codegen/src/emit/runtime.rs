//! Hand-written support code copied into every generated crate.
//!
//! It lives in real `.rs` files under `codegen/runtime/`, so it is read, tested and linted as
//! code, and is parsed here so a broken file fails generation instead of the user's build.
//! Copying it, rather than depending on a shared runtime crate, keeps each generated crate
//! self-contained wherever `--out` puts it, and one crate fewer to compile.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, PoisonError};

use crate::error::Error;

pub const BLOB: &str = include_str!("../../runtime/blob.rs");
pub const CHECKSUM: &str = include_str!("../../runtime/checksum.rs");
pub const COMPRESSION: &str = include_str!("../../runtime/compression.rs");
pub const CONFIG: &str = include_str!("../../runtime/config.rs");
pub const CREDENTIALS_CACHE: &str = include_str!("../../runtime/credentials_cache.rs");
pub const ENDPOINT: &str = include_str!("../../runtime/endpoint.rs");
pub const ENDPOINT_EVAL: &str = include_str!("../../runtime/endpoint_eval.rs");
pub const ENDPOINT_FUNCTIONS: &str = include_str!("../../runtime/endpoint_functions.rs");
pub const ENDPOINT_PARTITION: &str = include_str!("../../runtime/endpoint_partition.rs");
pub const ERROR: &str = include_str!("../../runtime/error.rs");
pub const HTTP: &str = include_str!("../../runtime/http.rs");
pub const HTTP_DEFAULT_CLIENT: &str = include_str!("../../runtime/http_default_client.rs");
pub const INVOKE: &str = include_str!("../../runtime/invoke.rs");
pub const PROFILE: &str = include_str!("../../runtime/profile.rs");
pub const PAGINATE: &str = include_str!("../../runtime/paginate.rs");
pub const PROTOCOL: &str = include_str!("../../runtime/protocol.rs");
pub const PROTOCOL_TEST_SUPPORT: &str = include_str!("../../runtime/protocol_test_support.rs");
pub const RETRY: &str = include_str!("../../runtime/retry.rs");
pub const VALIDATION: &str = include_str!("../../runtime/validation.rs");
pub const TIMESTAMP: &str = include_str!("../../runtime/timestamp.rs");
pub const UNKNOWN: &str = include_str!("../../runtime/unknown.rs");

/// Parses a runtime file and prints it the way generated files are printed. The result never
/// changes within a process, so it is made once: generating several crates (the fixtures, a
/// benchmark) formats each runtime file a single time.
pub fn format(source: &'static str, path: &str) -> Result<String, Error> {
    static FORMATTED: OnceLock<Mutex<HashMap<usize, String>>> = OnceLock::new();
    let cache = FORMATTED.get_or_init(Mutex::default);
    // The address identifies the constant: every runtime file is a distinct `include_str!`.
    let key = source.as_ptr() as usize;
    if let Some(formatted) = cache.lock().unwrap_or_else(PoisonError::into_inner).get(&key) {
        return Ok(formatted.clone());
    }
    let parsed = syn::parse_file(source).map_err(|err| {
        Error::new("$", format!("runtime file for `{path}` does not parse ({err}); this is a generator bug"))
    })?;
    let formatted = super::rust::print(parsed);
    cache.lock().unwrap_or_else(PoisonError::into_inner).insert(key, formatted.clone());
    Ok(formatted)
}
