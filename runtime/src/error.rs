//! Errors of this crate: an input that a builder could not build
//! ([`BuildError`]) or that breaks the service's constraints
//! ([`ValidationError`]), both found before anything is sent, and error
//! responses the model does not describe ([`Unhandled`]), and why an
//! operation failed ([`SdkError`]).

use std::fmt;

/// A builder's `build()` was called while a required member was not set.
///
/// The message names the shape and the member, for example:
/// ``cannot build `DescribeDeploymentJobInput`: required member `job` is not set``.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    /// The shape that was being built.
    shape: &'static str,
    /// The required member that was not set.
    member: &'static str,
}

impl BuildError {
    /// The required `member` of `shape` was not set.
    pub fn missing(shape: &'static str, member: &'static str) -> Self {
        Self { shape, member }
    }

    /// The Rust type that was being built, such as `DescribeDeploymentJobInput`.
    pub fn shape(&self) -> &'static str {
        self.shape
    }

    /// The required member that was not set, by its Rust field name (the
    /// name of the builder method that sets it).
    pub fn member(&self) -> &'static str {
        self.member
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot build `{}`: required member `{}` is not set", self.shape, self.member)
    }
}

impl std::error::Error for BuildError {}

/// An input broke one or more of the constraints the service model puts on
/// it (lengths, ranges, patterns), found before the request was sent.
///
/// Every broken constraint is reported, not just the first, for example:
/// ``invalid `DescribeDeploymentJobInput`: job: length 0 is below 1``.
/// Several are separated by `; `.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// The shape whose value was checked.
    shape: &'static str,
    /// Every constraint that was broken, in the order they were found.
    violations: Vec<Violation>,
}

impl ValidationError {
    /// The value of `shape` broke the constraints in `violations`.
    pub fn new(shape: &'static str, violations: Vec<Violation>) -> Self {
        Self { shape, violations }
    }

    /// The Rust type whose value was checked, such as
    /// `DescribeDeploymentJobInput`.
    pub fn shape(&self) -> &'static str {
        self.shape
    }

    /// Every constraint that was broken, in the order they were found.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid `{}`", self.shape)?;
        for (index, violation) in self.violations.iter().enumerate() {
            let separator = if index == 0 { ": " } else { "; " };
            write!(f, "{separator}{violation}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// One broken constraint: where in the input, and what was wrong.
///
/// The message never repeats the offending value of a string (it may be
/// sensitive), only facts such as its length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Where the value is, such as `deploymentConfig.concurrentDeploymentPercentage`.
    path: String,
    /// What was wrong with it, such as `value 101 is above 100`.
    message: String,
}

impl Violation {
    /// The value at `path` broke a constraint, as `message` says.
    pub fn new(path: String, message: String) -> Self {
        Self { path, message }
    }

    /// Where the value is in the input: member names joined by `.`, list
    /// indices as `[0]` and map keys as `["key"]`, for example
    /// `tags["env"]` or `jobs[2].name`. Empty when the input itself is at
    /// fault.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What was wrong, for example `length 0 is below 1`.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Violation {
    /// Writes `path: message`, or only `message` when the path is empty.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// An error response that the model does not describe for the operation, or one
/// that could not be understood.
///
/// It keeps everything the service sent, so nothing is lost: the HTTP status,
/// the error code and message when they could be read, and the raw body.
/// `Display` shows the code and message, for example
/// `SomeNewException: the thing went wrong`; `Debug` shows the body as text.
/// Equality leaves the request ID out, as it does for modeled errors.
#[derive(Clone)]
pub struct Unhandled {
    status: Option<u16>,
    code: Option<String>,
    message: Option<String>,
    body: Vec<u8>,
    request_id: Option<String>,
}

/// Shows the body as text (lossily, cut after 512 bytes), not as a list of
/// numbers, so that logs and panic messages of an `{err:?}` can be read.
impl fmt::Debug for Unhandled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SHOWN: usize = 512;
        let Self { status, code, message, body, request_id } = self;
        let text = String::from_utf8_lossy(&body[..body.len().min(SHOWN)]);
        let cut = body.len().saturating_sub(SHOWN);
        let mut debug = f.debug_struct("Unhandled");
        debug.field("status", status).field("code", code).field("message", message).field("request_id", request_id);
        debug.field("body", &text);
        if cut > 0 {
            debug.field("body_bytes_not_shown", &cut);
        }
        debug.finish()
    }
}

impl PartialEq for Unhandled {
    fn eq(&self, other: &Self) -> bool {
        let Self { status, code, message, body, request_id: _ } = self;
        (status, code, message, body) == (&other.status, &other.code, &other.message, &other.body)
    }
}

impl Eq for Unhandled {}

impl Unhandled {
    /// An error with the given code and message, as a transport or a test
    /// double would build it.
    pub fn new(code: Option<String>, message: Option<String>) -> Self {
        Self { status: None, code, message, body: Vec::new(), request_id: None }
    }

    /// Records the HTTP status code of the response.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// Records the raw response body.
    pub fn with_body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    /// Records the request ID of the response (`x-amzn-requestid`).
    pub fn with_request_id(mut self, request_id: Option<String>) -> Self {
        self.request_id = request_id;
        self
    }

    /// The HTTP status code, when the error came from a response.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The error code the service sent, when one could be read.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The message the service sent, when one could be read.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The raw response body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

/// Shows the code and message as [`write_error`] does; without either, the start of the body
/// as text (a proxy's error page says what went wrong). [`SdkError`] adds the status and
/// request ID.
impl fmt::Display for Unhandled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const BODY_SHOWN: usize = 200;
        let code = self.code.as_deref().unwrap_or("unrecognized error response");
        write_error(f, code, self.message.as_deref())?;
        if self.code.is_some() || self.message.is_some() || self.body.is_empty() {
            return Ok(());
        }
        let text = String::from_utf8_lossy(&self.body[..self.body.len().min(4 * BODY_SHOWN)]);
        let excerpt = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let shown = excerpt.floor_char_boundary(BODY_SHOWN);
        f.write_str(": ")?;
        write_escaped(f, &excerpt[..shown])?;
        if shown < excerpt.len() || self.body.len() > 4 * BODY_SHOWN {
            f.write_str("...")?;
        }
        Ok(())
    }
}

/// How much of an error message `Display` shows.
const MESSAGE_SHOWN: usize = 4096;

/// Writes an error as `code: message`, or `code` alone: the `Display` of every error a service
/// answers with. A message longer than 4 KiB is cut, saying how much was left out, so that a
/// huge error body cannot flood a log; the whole message stays in the error's `message()`.
/// Control characters, which come from the server, are escaped.
pub fn write_error(f: &mut fmt::Formatter<'_>, code: &str, message: Option<&str>) -> fmt::Result {
    f.write_str(code)?;
    let Some(message) = message else { return Ok(()) };
    let shown = message.floor_char_boundary(MESSAGE_SHOWN);
    f.write_str(": ")?;
    write_escaped(f, &message[..shown])?;
    if shown < message.len() {
        write!(f, "... ({} more bytes)", message.len() - shown)?;
    }
    Ok(())
}

/// Writes `text` with its control characters other than whitespace escaped.
fn write_escaped(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    if !text.chars().any(|char| char.is_control() && !char.is_whitespace()) {
        return f.write_str(text);
    }
    for char in text.chars() {
        if char.is_control() && !char.is_whitespace() {
            write!(f, "{}", char.escape_default())?;
        } else {
            write!(f, "{char}")?;
        }
    }
    Ok(())
}

impl std::error::Error for Unhandled {}

impl ServiceError for Unhandled {
    fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
}

impl RequestId for Unhandled {
    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

/// What every error a service answers with tells, modeled or not: its code,
/// message and request ID. Each operation's error enum hands out the error it holds as
/// `&dyn ServiceError` (`as_service_error`), so code that handles the errors of
/// many operations needs no `match` per operation. The crate's own errors
/// implement it; a type of yours that does must implement [`RequestId`] too.
pub trait ServiceError: std::error::Error + RequestId + Send + Sync + 'static {
    /// The error code, such as `ThrottlingException`, when there is one.
    fn code(&self) -> Option<&str>;

    /// The message the service sent, when it sent one.
    fn message(&self) -> Option<&str>;
}

/// Why an operation failed. Every variant names the operation, and
/// `Display` says what went wrong, for example
/// `DescribeDeploymentJob failed: ResourceNotFoundException: no such job (HTTP 400, request id 1234)`.
///
/// `Display` already includes the text of the error a variant holds (for
/// credentials and transport failures, also that error's causes, which carry
/// the reason), so `source()` returns only a cause it has not shown: a report
/// that walks the chain, such as `anyhow`'s `{:#}`, says each thing once. The
/// errors themselves are in the variants' fields, so code that looks for an
/// `std::io::Error` matches the variant instead of walking `source()`.
#[derive(Debug)]
#[non_exhaustive]
pub enum SdkError<E> {
    /// The input could not be built: a required member is not set. Nothing
    /// was sent.
    Build {
        /// The operation's name.
        operation: &'static str,
        /// Which member is missing.
        source: BuildError,
    },
    /// The input breaks the model's constraints. Nothing was sent.
    Validation {
        /// The operation's name.
        operation: &'static str,
        /// Every violation, with its member path.
        source: ValidationError,
    },
    /// The client cannot send: no region, no credentials, a bad endpoint.
    /// Nothing was sent.
    Config {
        /// The operation's name.
        operation: &'static str,
        /// What is missing or wrong.
        message: String,
    },
    /// The endpoint rules found no endpoint for the configuration (for
    /// example FIPS in a partition without FIPS). Nothing was sent.
    Endpoint {
        /// The operation's name.
        operation: &'static str,
        /// The rule set's message.
        source: crate::endpoint::EndpointError,
    },
    /// The credentials provider failed. Nothing was sent.
    Credentials {
        /// The operation's name.
        operation: &'static str,
        /// The provider's error.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The request could not be built or signed. Nothing was sent.
    Request {
        /// The operation's name.
        operation: &'static str,
        /// What went wrong.
        message: String,
    },
    /// No response was received, on any attempt.
    Transport {
        /// The operation's name.
        operation: &'static str,
        /// How many attempts were made.
        attempts: u32,
        /// The last attempt's failure.
        source: crate::http::TransportError,
    },
    /// The attempt or operation time-out ran out.
    Timeout {
        /// The operation's name.
        operation: &'static str,
        /// The time-out that ran out.
        after: std::time::Duration,
    },
    /// A successful response that could not be read.
    Response {
        /// The operation's name.
        operation: &'static str,
        /// The HTTP status code.
        status: u16,
        /// The request ID the service sent (`x-amzn-requestid`).
        request_id: Option<String>,
        /// What is wrong with the response.
        message: String,
    },
    /// The service answered with an error.
    Service {
        /// The operation's name.
        operation: &'static str,
        /// The HTTP status code.
        status: u16,
        /// The request ID the service sent (`x-amzn-requestid`).
        request_id: Option<String>,
        /// The error, modeled or `Unhandled`.
        error: E,
    },
}

impl<E> SdkError<E> {
    /// The name of the operation that failed.
    pub fn operation(&self) -> &'static str {
        match self {
            Self::Build { operation, .. }
            | Self::Validation { operation, .. }
            | Self::Config { operation, .. }
            | Self::Endpoint { operation, .. }
            | Self::Credentials { operation, .. }
            | Self::Request { operation, .. }
            | Self::Transport { operation, .. }
            | Self::Timeout { operation, .. }
            | Self::Response { operation, .. }
            | Self::Service { operation, .. } => operation,
        }
    }

    /// The service's error, when the service answered with one.
    pub fn service_error(&self) -> Option<&E> {
        match self {
            Self::Service { error, .. } => Some(error),
            _ => None,
        }
    }

    /// The service's error, when the service answered with one. It keeps the
    /// request ID ([`RequestId::request_id`]); the HTTP status of a modeled
    /// error stays with the `SdkError` ([`SdkError::status`]).
    pub fn into_service_error(self) -> Option<E> {
        match self {
            Self::Service { error, .. } => Some(error),
            _ => None,
        }
    }

    /// The HTTP status code, when a response was received.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Response { status, .. } | Self::Service { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The same error with the service's error, if any, turned into another type: for a
    /// program that wraps the operation errors in an enum of its own.
    pub fn map_service_error<F>(self, map: impl FnOnce(E) -> F) -> SdkError<F> {
        match self {
            Self::Build { operation, source } => SdkError::Build { operation, source },
            Self::Validation { operation, source } => SdkError::Validation { operation, source },
            Self::Config { operation, message } => SdkError::Config { operation, message },
            Self::Endpoint { operation, source } => SdkError::Endpoint { operation, source },
            Self::Credentials { operation, source } => SdkError::Credentials { operation, source },
            Self::Request { operation, message } => SdkError::Request { operation, message },
            Self::Transport { operation, attempts, source } => SdkError::Transport { operation, attempts, source },
            Self::Timeout { operation, after } => SdkError::Timeout { operation, after },
            Self::Response { operation, status, request_id, message } => {
                SdkError::Response { operation, status, request_id, message }
            }
            Self::Service { operation, status, request_id, error } => {
                SdkError::Service { operation, status, request_id, error: map(error) }
            }
        }
    }
}

impl<E: fmt::Display> fmt::Display for SdkError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed: ", self.operation())?;
        match self {
            Self::Build { source, .. } => write!(f, "{source}"),
            Self::Validation { source, .. } => write!(f, "{source}"),
            Self::Config { message, .. } | Self::Request { message, .. } => f.write_str(message),
            Self::Endpoint { source, .. } => write!(f, "no endpoint: {source}"),
            Self::Credentials { source, .. } => {
                // Providers often say only "an error occurred while loading credentials" and
                // put the reason in a cause, so the causes are shown too.
                f.write_str("could not load credentials: ")?;
                write_chain(f, source.as_ref())
            }
            Self::Transport { attempts, source, .. } => {
                write!(f, "{source} (after {attempts} attempt{})", if *attempts == 1 { "" } else { "s" })
            }
            Self::Timeout { after, .. } => write!(f, "timed out after {after:?}"),
            Self::Response { status, request_id, message, .. } => {
                write!(f, "{message}")?;
                write_status(f, *status, request_id.as_deref())
            }
            Self::Service { status, request_id, error, .. } => {
                write!(f, "{error}")?;
                write_status(f, *status, request_id.as_deref())
            }
        }
    }
}

fn write_status(f: &mut fmt::Formatter<'_>, status: u16, request_id: Option<&str>) -> fmt::Result {
    match request_id {
        Some(id) => write!(f, " (HTTP {status}, request id {id})"),
        None => write!(f, " (HTTP {status})"),
    }
}

/// Writes `error` and each of its causes, separated by `: `.
pub(crate) fn write_chain(f: &mut fmt::Formatter<'_>, error: &(dyn std::error::Error + 'static)) -> fmt::Result {
    write!(f, "{error}")?;
    let mut cause = error.source();
    while let Some(inner) = cause {
        write!(f, ": {inner}")?;
        cause = inner.source();
    }
    Ok(())
}

impl<E: std::error::Error + 'static> std::error::Error for SdkError<E> {
    /// The first cause `Display` has not shown: `Display` shows the error a
    /// variant holds, so this is that error's own `source()`, if any.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Build { source, .. } => source.source(),
            Self::Validation { source, .. } => source.source(),
            Self::Endpoint { source, .. } => source.source(),
            Self::Transport { source, .. } => source.source(),
            Self::Service { error, .. } => error.source(),
            // The whole chain is in `Display`.
            Self::Credentials { .. } => None,
            Self::Config { .. } | Self::Request { .. } | Self::Timeout { .. } | Self::Response { .. } => None,
        }
    }
}

/// The request ID the service gave a response (`x-amzn-requestid`), the key
/// AWS support asks for.
pub trait RequestId {
    /// The request ID, when the service sent one.
    fn request_id(&self) -> Option<&str>;
}

impl<E> RequestId for SdkError<E> {
    fn request_id(&self) -> Option<&str> {
        match self {
            Self::Response { request_id, .. } | Self::Service { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn violation(path: &str, message: &str) -> Violation {
        Violation::new(path.to_owned(), message.to_owned())
    }

    #[test]
    fn build_error_names_shape_and_member() {
        let error = BuildError::missing("DescribeDeploymentJobInput", "job");
        assert_eq!(error.shape(), "DescribeDeploymentJobInput");
        assert_eq!(error.member(), "job");
        assert_eq!(error.to_string(), "cannot build `DescribeDeploymentJobInput`: required member `job` is not set");
        let error: Box<dyn std::error::Error + Send + Sync> = Box::new(error);
        assert!(error.source().is_none());
    }

    #[test]
    fn validation_error_lists_every_violation() {
        let error = ValidationError::new("DescribeDeploymentJobInput", vec![violation("job", "length 0 is below 1")]);
        assert_eq!(error.shape(), "DescribeDeploymentJobInput");
        assert_eq!(error.violations(), [violation("job", "length 0 is below 1")]);
        assert_eq!(error.to_string(), "invalid `DescribeDeploymentJobInput`: job: length 0 is below 1");

        let error = ValidationError::new(
            "CreateFleetInput",
            vec![
                violation("name", "length 0 is below 1"),
                violation("tags[\"env\"]", "length 300 is above 256"),
                violation("", "value 0 is below 1"),
            ],
        );
        assert_eq!(
            error.to_string(),
            "invalid `CreateFleetInput`: name: length 0 is below 1; \
             tags[\"env\"]: length 300 is above 256; value 0 is below 1"
        );
        let error: Box<dyn std::error::Error + Send + Sync> = Box::new(error);
        assert!(error.source().is_none());
    }

    #[test]
    fn validation_error_without_violations_still_reads() {
        let error = ValidationError::new("Empty", Vec::new());
        assert_eq!(error.to_string(), "invalid `Empty`");
    }

    #[test]
    fn violation_shows_path_only_when_present() {
        let v = violation("a.b[0]", "value 101 is above 100");
        assert_eq!(v.path(), "a.b[0]");
        assert_eq!(v.message(), "value 101 is above 100");
        assert_eq!(v.to_string(), "a.b[0]: value 101 is above 100");
        assert_eq!(violation("", "value 101 is above 100").to_string(), "value 101 is above 100");
    }

    #[test]
    fn unhandled_shows_code_message_and_status() {
        let error = Unhandled::new(Some("SomeNewException".into()), Some("the thing went wrong".into()))
            .with_status(400)
            .with_body(b"{}".to_vec());
        assert_eq!(error.to_string(), "SomeNewException: the thing went wrong");
        assert_eq!(error.status(), Some(400));
        assert_eq!(error.body(), b"{}");
        assert_eq!(Unhandled::new(None, None).to_string(), "unrecognized error response");
    }

    #[test]
    fn unhandled_debug_shows_the_body_as_text_and_cuts_it() {
        let error = Unhandled::new(Some("Nope".into()), None).with_status(403).with_body(r#"{"message":"denied"}"#);
        let shown = format!("{error:?}");
        assert_eq!(
            shown,
            r#"Unhandled { status: Some(403), code: Some("Nope"), message: None, request_id: None, body: "{\"message\":\"denied\"}" }"#
        );
        let long = Unhandled::new(None, None).with_body(vec![b'x'; 600]);
        let shown = format!("{long:?}");
        assert!(shown.contains(&format!("body: \"{}\"", "x".repeat(512))), "{shown}");
        assert!(shown.ends_with("body_bytes_not_shown: 88 }"), "{shown}");
    }

    /// What a report that walks `source()` prints (`anyhow`'s `{:#}`).
    fn report(error: &(dyn std::error::Error + 'static)) -> String {
        let mut text = error.to_string();
        let mut cause = error.source();
        while let Some(inner) = cause {
            text.push_str(": ");
            text.push_str(&inner.to_string());
            cause = inner.source();
        }
        text
    }

    /// An error that says little and keeps the reason in its cause, like
    /// `aws_credential_types`' `CredentialsError::ProviderError`.
    #[derive(Debug)]
    struct Vague(std::io::Error);

    impl fmt::Display for Vague {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an error occurred")
        }
    }

    impl std::error::Error for Vague {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }

    /// `Display` says everything once; a report along `source()` adds nothing
    /// it already said.
    #[test]
    fn display_says_it_all_and_the_chain_never_repeats_it() {
        let service: SdkError<Unhandled> = SdkError::Service {
            operation: "Op",
            status: 400,
            request_id: Some("id".into()),
            error: Unhandled::new(Some("NopeException".into()), Some("no such thing".into())),
        };
        let expected = "Op failed: NopeException: no such thing (HTTP 400, request id id)";
        assert_eq!(service.to_string(), expected);
        assert_eq!(report(&service), expected);

        let refused = || Vague(std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused"));
        let credentials: SdkError<Unhandled> = SdkError::Credentials { operation: "Op", source: Box::new(refused()) };
        let expected = "Op failed: could not load credentials: an error occurred: refused";
        assert_eq!(credentials.to_string(), expected);
        assert_eq!(report(&credentials), expected);

        let transport: SdkError<Unhandled> = SdkError::Transport {
            operation: "Op",
            attempts: 3,
            source: crate::http::TransportError::new(crate::http::TransportErrorKind::Connect, refused()),
        };
        let expected = "Op failed: could not connect: an error occurred: refused (after 3 attempts)";
        assert_eq!(transport.to_string(), expected);
        assert_eq!(report(&transport), expected);
        let SdkError::Transport { source, .. } = transport else { unreachable!("built as Transport") };
        let io = source.get_ref().downcast_ref::<Vague>().map(|vague| vague.0.kind());
        assert_eq!(io, Some(std::io::ErrorKind::ConnectionRefused));

        let build: SdkError<Unhandled> =
            SdkError::Build { operation: "Op", source: BuildError::missing("OpInput", "name") };
        assert_eq!(report(&build), build.to_string());
    }

    /// Only the service's error changes type; everything else is kept as it was.
    #[test]
    fn map_service_error_keeps_the_rest() {
        let service: SdkError<u8> =
            SdkError::Service { operation: "Op", status: 404, request_id: Some("id".into()), error: 7 };
        let mapped = service.map_service_error(|code| format!("code {code}"));
        assert_eq!(mapped.service_error().map(String::as_str), Some("code 7"));
        assert_eq!((mapped.operation(), mapped.status()), ("Op", Some(404)));
        let timeout: SdkError<u8> = SdkError::Timeout { operation: "Op", after: std::time::Duration::from_secs(2) };
        let mapped = timeout.map_service_error(|_| -> String { unreachable!("no service error to map") });
        assert_eq!(mapped.to_string(), "Op failed: timed out after 2s");
    }
}
