//! What each fuzz target does with its input. None of them may panic, hang or overflow the
//! stack, whatever the bytes; where a value can be written back and read again, it must read
//! back the same. `tests/regressions.rs` replays the inputs kept in `fuzz/regressions/`.

#![allow(deprecated)] // Many RoboMaker operations are deprecated in the model; reading them warns.

use std::collections::HashMap;
use std::str::FromStr;

use arbitrary::{Arbitrary, Unstructured};
use runtime::primitives::Timestamp;

/// The model loader and the whole generator: a model in, files or an error out.
pub fn model(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = codegen::generate(text, &codegen::Options::default());
}

include!(concat!(env!("OUT_DIR"), "/operations.rs"));

/// A response as a server could send it.
#[derive(Debug, Arbitrary)]
struct Response {
    operation: u8,
    status: u16,
    headers: Vec<(HeaderName, Vec<u8>)>,
    body: Vec<u8>,
}

/// The headers the readers look at, and any other.
#[derive(Debug, Arbitrary)]
enum HeaderName {
    RequestId,
    ErrorType,
    QueryError,
    ContentType,
    Other(String),
}

impl HeaderName {
    fn as_str(&self) -> &str {
        match self {
            HeaderName::RequestId => "x-amzn-requestid",
            HeaderName::ErrorType => "x-amzn-errortype",
            HeaderName::QueryError => "x-amzn-query-error",
            HeaderName::ContentType => "content-type",
            HeaderName::Other(name) => name,
        }
    }
}

fn read<O: runtime::invoke::Operation>(response: &runtime::http::Response) {
    let _ = runtime::invoke::read_response::<O>(response);
}

/// Every response reader of the whole official RoboMaker crate, outputs and errors: the input
/// picks the operation, the status, the headers and the body.
pub fn responses(data: &[u8]) {
    let Ok(Response { operation, status, headers, body }) = Response::arbitrary_take_rest(Unstructured::new(data))
    else {
        return;
    };
    let mut response = http::Response::new(body);
    *response.status_mut() = http::StatusCode::from_u16(status % 500 + 100).unwrap_or(http::StatusCode::OK);
    for (name, value) in &headers {
        let (Ok(name), Ok(value)) = (http::HeaderName::from_str(name.as_str()), http::HeaderValue::from_bytes(value))
        else {
            continue;
        };
        response.headers_mut().append(name, value);
    }
    let read = OPERATIONS[usize::from(operation) % OPERATIONS.len()];
    read(&response);
}

/// The parameters of an endpoint resolution.
#[derive(Debug, Arbitrary)]
struct EndpointParams {
    region: Option<String>,
    use_fips: Option<bool>,
    use_dual_stack: Option<bool>,
    endpoint: Option<String>,
    /// A parameter the rule set may not declare, or of the wrong type.
    other: Option<(String, Option<bool>)>,
}

/// The endpoint rules evaluator, on the official RoboMaker rule set, with any parameters.
pub fn endpoint(data: &[u8]) {
    use robomaker::endpoint::{Partitions, Value};
    let Ok(EndpointParams { region, use_fips, use_dual_stack, endpoint, other }) =
        EndpointParams::arbitrary_take_rest(Unstructured::new(data))
    else {
        return;
    };
    let mut params: Vec<(&str, Value)> = Vec::new();
    if let Some(region) = region {
        params.push(("Region", Value::String(region)));
    }
    if let Some(fips) = use_fips {
        params.push(("UseFIPS", Value::Bool(fips)));
    }
    if let Some(dual_stack) = use_dual_stack {
        params.push(("UseDualStack", Value::Bool(dual_stack)));
    }
    if let Some(endpoint) = endpoint {
        params.push(("Endpoint", Value::String(endpoint)));
    }
    let other = other.map(|(name, value)| (name, value.map_or(Value::None, Value::Bool)));
    if let Some((name, value)) = &other {
        params.push((name.as_str(), value.clone()));
    }
    let endpoint_given = params.iter().any(|(name, _)| *name == "Endpoint");
    if let Ok(found) = robomaker::endpoint::resolve(&params, Partitions::builtin()) {
        // The rule set passes an `Endpoint` through as it is, even empty; any other is built.
        assert!(endpoint_given || found.url().starts_with("https://"), "{found:?}");
    }
}

/// Timestamps in every format they are read in, and the header value parsers. What parses is
/// written back and must read back the same.
pub fn timestamps_and_headers(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for parse in [Timestamp::parse_any, Timestamp::parse_http_date, Timestamp::parse_epoch_seconds, Timestamp::from_str]
    {
        let Ok(time) = parse(text) else { continue };
        let rfc3339 = time.to_string();
        assert_eq!(Timestamp::from_str(&rfc3339).ok(), Some(time), "{text:?} as {rfc3339}");
        let epoch = time.to_epoch_seconds_string();
        assert_eq!(Timestamp::parse_epoch_seconds(&epoch).ok(), Some(time), "{text:?} as {epoch}");
        // HTTP dates have whole seconds and four-digit years.
        let http_date = time.to_http_date();
        if time.subsec_nanos() == 0 && (0..=9999).contains(&time.as_offset_date_time().year()) {
            assert_eq!(Timestamp::parse_http_date(&http_date).ok(), Some(time), "{text:?} as {http_date}");
        }
    }
    let _ = runtime::protocol::split_header_list(text);
    let _ = runtime::protocol::split_http_date_list(text);
    let _ = runtime::protocol::header_text("x-fuzz", text);
    let _ = runtime::protocol::parse_header::<i64>("x-fuzz", text);
    let _ = runtime::protocol::parse_header::<f64>("x-fuzz", text);
    let _ = runtime::protocol::parse_header::<bool>("x-fuzz", text);
}

/// The shared `config` and `credentials` files and the profile they name.
#[derive(Debug, Arbitrary)]
struct Profile {
    config: String,
    credentials: String,
    profile: Option<String>,
}

/// The profile and config file parser, through `Config::from_vars` as a process's environment
/// names the files.
pub fn profile(data: &[u8]) {
    let Ok(Profile { config, credentials, profile }) = Profile::arbitrary_take_rest(Unstructured::new(data)) else {
        return;
    };
    let folder = std::env::temp_dir().join(format!("smithy-lean-fuzz-profile-{}", std::process::id()));
    if std::fs::create_dir_all(&folder).is_err() {
        return;
    }
    let (config_file, credentials_file) = (folder.join("config"), folder.join("credentials"));
    if std::fs::write(&config_file, config).is_err() || std::fs::write(&credentials_file, credentials).is_err() {
        return;
    }
    let mut vars = HashMap::from([
        ("AWS_CONFIG_FILE".to_owned(), config_file.display().to_string()),
        ("AWS_SHARED_CREDENTIALS_FILE".to_owned(), credentials_file.display().to_string()),
    ]);
    if let Some(profile) = profile {
        vars.insert("AWS_PROFILE".to_owned(), profile);
    }
    let _ = runtime::Config::from_vars(&vars);
}
