//! The traits the generator understands, typed. Any other trait is ignored, as Smithy allows.

use serde_json::{Map, Value};

use super::protocol_tests::{parse_request_tests, parse_response_tests, HttpRequestTest, HttpResponseTest};
use super::rules::{parse_rule_set, parse_tests, EndpointTest, RuleSet};
use super::shape::EnumMember;
use crate::error::{quoted, Error};

/// Traits of a shape or member. Absent traits are `None`/`false`.
#[derive(Debug, Clone, Default)]
pub struct Traits {
    pub documentation: Option<String>,
    pub required: bool,
    pub length: Option<Length>,
    pub range: Option<Range>,
    pub pattern: Option<String>,
    pub enum_value: Option<EnumValue>,
    /// The Smithy 1.0 `smithy.api#enum` trait, read as enum members.
    pub enum_definitions: Option<Vec<EnumMember>>,
    pub http: Option<Http>,
    pub error: Option<ErrorKind>,
    pub http_error: Option<u16>,
    pub deprecated: Option<Deprecated>,
    pub sensitive: bool,
    pub json_name: Option<String>,
    pub input: bool,
    pub output: bool,
    pub aws_service: Option<AwsService>,
    /// The signing name of `aws.auth#sigv4`.
    pub sigv4: Option<String>,
    /// The protocol traits of a service (`aws.protocols#restJson1`), as shape IDs, in the
    /// model's order.
    pub protocols: Vec<String>,
    pub title: Option<String>,
    pub timestamp_format: Option<TimestampFormat>,
    pub idempotency_token: bool,
    pub endpoint_rule_set: Option<RuleSet>,
    pub endpoint_tests: Vec<EndpointTest>,
    pub http_label: bool,
    pub http_query: Option<String>,
    pub http_query_params: bool,
    pub http_header: Option<String>,
    pub http_prefix_headers: Option<String>,
    pub http_payload: bool,
    pub http_response_code: bool,
    pub default: Option<DefaultValue>,
    pub client_optional: bool,
    pub sparse: bool,
    pub streaming: bool,
    /// `smithy.api#eventHeader`: an event's member carried in a header of its message.
    pub event_header: bool,
    /// `smithy.api#eventPayload`: an event's member that is its message's whole payload.
    pub event_payload: bool,
    /// A protocol trait's `eventStreamHttp` names only HTTP/2: the service's event streams need it.
    pub event_streams_need_h2: bool,
    /// `smithy.api#requiresLength`: a stream whose length must be known before it is sent.
    pub requires_length: bool,
    /// `aws.auth#unsignedPayload`: an operation whose body is not part of its signature.
    pub unsigned_payload: bool,
    pub media_type: Option<String>,
    pub paginated: Option<Paginated>,
    /// `smithy.api#auth`: the auth schemes an operation accepts; `Some([])` means none.
    pub auth: Option<Vec<String>>,
    pub optional_auth: bool,
    /// `smithy.api#endpoint`'s `hostPrefix`.
    pub host_prefix: Option<String>,
    /// `smithy.api#hostLabel`: the member fills a `{label}` of the host prefix.
    pub host_label: bool,
    /// `smithy.api#httpChecksumRequired`: send the body's `Content-MD5`.
    pub http_checksum_required: bool,
    /// `smithy.api#requestCompression`'s encodings (`gzip`), in the order of preference.
    pub request_compression: Vec<String>,
    /// `smithy.test#httpRequestTests`, the cases a client runs.
    pub http_request_tests: Vec<HttpRequestTest>,
    /// `smithy.test#httpResponseTests`, the cases a client runs.
    pub http_response_tests: Vec<HttpResponseTest>,
    /// Why the shape's test cases could not be read, if they could not.
    pub protocol_test_error: Option<Error>,
    /// `aws.protocols#awsQueryCompatible`: a service that moved from awsQuery to awsJson1_0 and
    /// still names its errors by their awsQuery codes.
    pub aws_query_compatible: bool,
    /// `aws.protocols#awsQueryError`'s `code`: the error's code under awsQuery.
    pub aws_query_error: Option<String>,
}

/// The traits that say which protocol a service speaks: AWS's, and the `smithy.protocols`
/// ones a model may declare.
pub const PROTOCOL_TRAITS: &[&str] = &[
    "aws.protocols#restJson1",
    "aws.protocols#awsJson1_0",
    "aws.protocols#awsJson1_1",
    "aws.protocols#awsQuery",
    "aws.protocols#ec2Query",
    "aws.protocols#restXml",
    "smithy.protocols#rpcv2Cbor",
];

/// Every trait this module reads besides [`PROTOCOL_TRAITS`]; any other is ignored. Tools use
/// it to tell which parts of a model matter to the generator (`cargo xtask sweep`'s covering
/// set).
pub const TRAITS_READ: &[&str] = &[
    "aws.api#service",
    "aws.auth#sigv4",
    "aws.auth#unsignedPayload",
    "aws.protocols#awsQueryCompatible",
    "aws.protocols#awsQueryError",
    "smithy.api#auth",
    "smithy.api#clientOptional",
    "smithy.api#default",
    "smithy.api#deprecated",
    "smithy.api#documentation",
    "smithy.api#endpoint",
    "smithy.api#enum",
    "smithy.api#enumValue",
    "smithy.api#error",
    "smithy.api#eventHeader",
    "smithy.api#eventPayload",
    "smithy.api#hostLabel",
    "smithy.api#http",
    "smithy.api#httpChecksumRequired",
    "smithy.api#httpError",
    "smithy.api#httpHeader",
    "smithy.api#httpLabel",
    "smithy.api#httpPayload",
    "smithy.api#httpPrefixHeaders",
    "smithy.api#httpQuery",
    "smithy.api#httpQueryParams",
    "smithy.api#httpResponseCode",
    "smithy.api#idempotencyToken",
    "smithy.api#input",
    "smithy.api#jsonName",
    "smithy.api#length",
    "smithy.api#mediaType",
    "smithy.api#optionalAuth",
    "smithy.api#output",
    "smithy.api#paginated",
    "smithy.api#pattern",
    "smithy.api#range",
    "smithy.api#requestCompression",
    "smithy.api#required",
    "smithy.api#requiresLength",
    "smithy.api#sensitive",
    "smithy.api#sparse",
    "smithy.api#streaming",
    "smithy.api#timestampFormat",
    "smithy.api#title",
    "smithy.rules#endpointRuleSet",
    "smithy.rules#endpointTests",
    "smithy.test#httpRequestTests",
    "smithy.test#httpResponseTests",
];

/// `smithy.api#default`.
#[derive(Debug, Clone, PartialEq)]
pub enum DefaultValue {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    EmptyList,
    EmptyMap,
}

impl DefaultValue {
    /// Whether it is the zero value of its type, which `Default::default()` gives.
    pub fn is_zero(&self) -> bool {
        match self {
            DefaultValue::Null => false,
            DefaultValue::Bool(value) => !value,
            DefaultValue::Number(value) => *value == 0.0,
            DefaultValue::String(value) => value.is_empty(),
            DefaultValue::EmptyList | DefaultValue::EmptyMap => true,
        }
    }
}

/// `smithy.api#paginated`: member paths of the paginated operation (on a service, defaults).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paginated {
    pub input_token: Option<String>,
    pub output_token: Option<String>,
    pub items: Option<String>,
    pub page_size: Option<String>,
}

/// `smithy.api#length`: inclusive bounds on a string's characters or a collection's entries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Length {
    pub min: Option<u64>,
    pub max: Option<u64>,
}

/// `smithy.api#range`: inclusive numeric bounds.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Range {
    pub min: Option<f64>,
    pub max: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnumValue {
    String(String),
    Int(i64),
}

/// `smithy.api#http`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Http {
    pub method: String,
    pub uri: String,
    pub code: u16,
}

/// `smithy.api#error`: who is at fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Client,
    Server,
}

/// `smithy.api#deprecated`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Deprecated {
    pub message: Option<String>,
    pub since: Option<String>,
}

/// `aws.api#service`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AwsService {
    pub sdk_id: String,
    pub endpoint_prefix: Option<String>,
    pub arn_namespace: Option<String>,
}

/// `smithy.api#timestampFormat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    EpochSeconds,
    DateTime,
    HttpDate,
}

pub(crate) fn parse_traits(shape: &str, value: Option<&Value>, path: &str) -> Result<Traits, Error> {
    let mut traits = Traits::default();
    let Some(value) = value else {
        return Ok(traits);
    };
    let object = value.as_object().ok_or_else(|| Error::in_shape(shape, path, "`traits` must be an object"))?;
    for (name, value) in object {
        let cx = TraitContext { shape, path: format!("{path}[{}]", quoted(name)), value };
        match name.as_str() {
            "smithy.api#documentation" => traits.documentation = Some(cx.string()?),
            "smithy.api#required" => traits.required = true,
            "smithy.api#length" => {
                traits.length = Some(Length { min: cx.field_u64("min")?, max: cx.field_u64("max")? });
            }
            "smithy.api#range" => {
                traits.range = Some(Range { min: cx.field_f64("min")?, max: cx.field_f64("max")? });
            }
            "smithy.api#pattern" => traits.pattern = Some(cx.string()?),
            "smithy.api#enumValue" => {
                traits.enum_value = Some(match value {
                    Value::String(s) => EnumValue::String(s.clone()),
                    Value::Number(n) => EnumValue::Int(
                        n.as_i64().ok_or_else(|| cx.error("an integer `enumValue` must fit in 64 bits"))?,
                    ),
                    _ => return Err(cx.error("`enumValue` must be a string or an integer")),
                });
            }
            "smithy.api#enum" => traits.enum_definitions = Some(cx.enum_definitions()?),
            "smithy.api#http" => {
                let code = cx.field_u64("code")?.unwrap_or(200);
                traits.http = Some(Http {
                    method: cx.required_field_string("method")?,
                    uri: cx.required_field_string("uri")?,
                    code: u16::try_from(code).map_err(|_| cx.error("`code` must be an HTTP status"))?,
                });
            }
            "smithy.api#error" => {
                traits.error = Some(match value.as_str() {
                    Some("client") => ErrorKind::Client,
                    Some("server") => ErrorKind::Server,
                    _ => return Err(cx.error("`error` must be \"client\" or \"server\"")),
                });
            }
            "smithy.api#httpError" => {
                let code = value.as_u64().and_then(|code| u16::try_from(code).ok());
                traits.http_error = Some(code.ok_or_else(|| cx.error("`httpError` must be an HTTP status"))?);
            }
            "smithy.api#deprecated" => {
                traits.deprecated =
                    Some(Deprecated { message: cx.field_string("message")?, since: cx.field_string("since")? });
            }
            "smithy.api#sensitive" => traits.sensitive = true,
            "smithy.api#jsonName" => traits.json_name = Some(cx.string()?),
            "smithy.api#input" => traits.input = true,
            "smithy.api#output" => traits.output = true,
            "smithy.api#title" => traits.title = Some(cx.string()?),
            "smithy.api#idempotencyToken" => traits.idempotency_token = true,
            "smithy.api#timestampFormat" => {
                traits.timestamp_format = Some(match value.as_str() {
                    Some("epoch-seconds") => TimestampFormat::EpochSeconds,
                    Some("date-time") => TimestampFormat::DateTime,
                    Some("http-date") => TimestampFormat::HttpDate,
                    _ => return Err(cx.error("`timestampFormat` must be epoch-seconds, date-time or http-date")),
                });
            }
            "aws.api#service" => {
                traits.aws_service = Some(AwsService {
                    sdk_id: cx.required_field_string("sdkId")?,
                    endpoint_prefix: cx.field_string("endpointPrefix")?,
                    arn_namespace: cx.field_string("arnNamespace")?,
                });
            }
            "aws.auth#sigv4" => traits.sigv4 = Some(cx.required_field_string("name")?),
            "aws.protocols#awsQueryCompatible" => traits.aws_query_compatible = true,
            "aws.protocols#awsQueryError" => traits.aws_query_error = Some(cx.required_field_string("code")?),
            name if PROTOCOL_TRAITS.contains(&name) => {
                traits.protocols.push(name.to_owned());
                // `eventStreamHttp`: the HTTP versions an event stream may go over.
                if let Some(versions) = value.get("eventStreamHttp").and_then(Value::as_array) {
                    traits.event_streams_need_h2 =
                        !versions.is_empty() && versions.iter().all(|version| version.as_str() == Some("h2"));
                }
            }
            "smithy.api#httpLabel" => traits.http_label = true,
            "smithy.api#httpQuery" => traits.http_query = Some(cx.string()?),
            "smithy.api#httpQueryParams" => traits.http_query_params = true,
            "smithy.api#httpHeader" => traits.http_header = Some(cx.string()?),
            "smithy.api#httpPrefixHeaders" => traits.http_prefix_headers = Some(cx.string()?),
            "smithy.api#httpPayload" => traits.http_payload = true,
            "smithy.api#httpResponseCode" => traits.http_response_code = true,
            "smithy.api#clientOptional" => traits.client_optional = true,
            "smithy.api#sparse" => traits.sparse = true,
            "smithy.api#streaming" => traits.streaming = true,
            "smithy.api#eventHeader" => traits.event_header = true,
            "smithy.api#eventPayload" => traits.event_payload = true,
            "smithy.api#requiresLength" => traits.requires_length = true,
            "aws.auth#unsignedPayload" => traits.unsigned_payload = true,
            "smithy.api#mediaType" => traits.media_type = Some(cx.string()?),
            "smithy.api#default" => {
                traits.default = Some(match value {
                    Value::Null => DefaultValue::Null,
                    Value::Bool(value) => DefaultValue::Bool(*value),
                    Value::Number(number) => DefaultValue::Number(number.as_f64().unwrap_or_default()),
                    Value::String(text) => DefaultValue::String(text.clone()),
                    Value::Array(items) if items.is_empty() => DefaultValue::EmptyList,
                    Value::Object(fields) if fields.is_empty() => DefaultValue::EmptyMap,
                    _ => return Err(cx.error("a default must be null, a boolean, a number, a string, [] or {}")),
                });
            }
            "smithy.api#auth" => {
                let schemes = value.as_array().ok_or_else(|| cx.error("`auth` must be an array of shape IDs"))?;
                traits.auth = Some(schemes.iter().filter_map(Value::as_str).map(str::to_owned).collect());
            }
            "smithy.api#optionalAuth" => traits.optional_auth = true,
            "smithy.api#endpoint" => traits.host_prefix = Some(cx.required_field_string("hostPrefix")?),
            "smithy.api#hostLabel" => traits.host_label = true,
            "smithy.api#httpChecksumRequired" => traits.http_checksum_required = true,
            "smithy.api#requestCompression" => {
                let encodings = cx.object()?.get("encodings").and_then(Value::as_array);
                let encodings = encodings.ok_or_else(|| cx.error("`requestCompression` needs an `encodings` array"))?;
                traits.request_compression = encodings.iter().filter_map(Value::as_str).map(str::to_owned).collect();
            }
            "smithy.api#paginated" => {
                traits.paginated = Some(Paginated {
                    input_token: cx.field_string("inputToken")?,
                    output_token: cx.field_string("outputToken")?,
                    items: cx.field_string("items")?,
                    page_size: cx.field_string("pageSize")?,
                });
            }
            "smithy.rules#endpointRuleSet" => traits.endpoint_rule_set = Some(parse_rule_set(shape, value, &cx.path)?),
            "smithy.rules#endpointTests" => traits.endpoint_tests = parse_tests(shape, value, &cx.path)?,
            // A malformed test case matters only to `--protocol-tests`: kept for it to report.
            "smithy.test#httpRequestTests" => match parse_request_tests(shape, value, &cx.path) {
                Ok(tests) => traits.http_request_tests = tests,
                Err(err) => traits.protocol_test_error = Some(err),
            },
            "smithy.test#httpResponseTests" => match parse_response_tests(shape, value, &cx.path) {
                Ok(tests) => traits.http_response_tests = tests,
                Err(err) => traits.protocol_test_error = Some(err),
            },
            _ => {}
        }
    }
    Ok(traits)
}

struct TraitContext<'a> {
    shape: &'a str,
    path: String,
    value: &'a Value,
}

impl TraitContext<'_> {
    fn error(&self, message: impl Into<String>) -> Error {
        Error::in_shape(self.shape, self.path.clone(), message)
    }

    fn object(&self) -> Result<&Map<String, Value>, Error> {
        self.value.as_object().ok_or_else(|| self.error("the trait value must be an object"))
    }

    fn string(&self) -> Result<String, Error> {
        self.value
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| self.error(format!("the trait value must be a string, found {}", self.value)))
    }

    fn field_string(&self, key: &str) -> Result<Option<String>, Error> {
        match self.object()?.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(Error::in_shape(
                self.shape,
                format!("{}.{key}", self.path),
                format!("`{key}` must be a string, found {other}"),
            )),
        }
    }

    fn required_field_string(&self, key: &str) -> Result<String, Error> {
        self.field_string(key)?.ok_or_else(|| {
            Error::in_shape(self.shape, format!("{}.{key}", self.path), format!("the trait has no `{key}`"))
        })
    }

    fn field_u64(&self, key: &str) -> Result<Option<u64>, Error> {
        match self.object()?.get(key) {
            None => Ok(None),
            Some(value) => value.as_u64().map(Some).ok_or_else(|| {
                Error::in_shape(
                    self.shape,
                    format!("{}.{key}", self.path),
                    format!("`{key}` must be a non-negative integer, found {value}"),
                )
            }),
        }
    }

    fn field_f64(&self, key: &str) -> Result<Option<f64>, Error> {
        match self.object()?.get(key) {
            None => Ok(None),
            Some(value) => value.as_f64().map(Some).ok_or_else(|| {
                Error::in_shape(
                    self.shape,
                    format!("{}.{key}", self.path),
                    format!("`{key}` must be a number, found {value}"),
                )
            }),
        }
    }

    /// The 1.0 `enum` trait: `[{ "value": "...", "name": "...", "documentation": "..." }]`.
    fn enum_definitions(&self) -> Result<Vec<EnumMember>, Error> {
        let items = self.value.as_array().ok_or_else(|| self.error("`enum` must be an array of definitions"))?;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let item_path = format!("{}[{i}]", self.path);
            let cx = TraitContext { shape: self.shape, path: item_path, value: item };
            let value = cx.required_field_string("value")?;
            let mut traits = Traits { documentation: cx.field_string("documentation")?, ..Traits::default() };
            if matches!(cx.object()?.get("deprecated"), Some(Value::Bool(true))) {
                traits.deprecated = Some(Deprecated::default());
            }
            // Unnamed 1.0 enum values take their name from the value; naming cleans it up.
            let name = cx.field_string("name")?.unwrap_or_else(|| value.clone());
            out.push(EnumMember { name, value, traits });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    /// `TRAITS_READ` lists exactly the trait names this file matches on.
    #[test]
    fn traits_read_is_the_list_of_matched_traits() {
        let source = include_str!("traits.rs");
        let matched: BTreeSet<&str> = source
            .lines()
            .filter_map(|line| line.trim_start().strip_prefix('"'))
            .filter_map(|rest| rest.split_once("\" =>"))
            .map(|(name, _)| name)
            .filter(|name| name.contains('#'))
            .collect();
        let listed: BTreeSet<&str> = super::TRAITS_READ.iter().copied().collect();
        assert_eq!(matched, listed);
    }
}
