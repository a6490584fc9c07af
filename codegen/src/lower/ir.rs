//! The intermediate form the emitters read: Rust names, Rust types and docs already decided.
//!
//! Every field is public and plain data, so emitters destructure these structs fully and a new
//! field is a compile error in each emitter until it is handled.

pub use crate::parse::protocol_tests::{CannedResponse, ExpectedRequest};
pub use crate::parse::rules::{EndpointTest, RuleSet};
pub use crate::parse::{DefaultValue, Http, TimestampFormat};
pub use crate::Runtime;

use super::naming::RustIdent;

/// One generated crate.
#[derive(Debug, Clone)]
pub struct Crate {
    /// The Cargo package and library name.
    pub name: String,
    pub service: Service,
    /// Operations ordered by Rust name.
    pub operations: Vec<Operation>,
    /// Structures of `crate::types`, ordered by shape ID.
    pub structures: Vec<Structure>,
    /// Modeled errors of `crate::types::error`, ordered by shape ID.
    pub errors: Vec<Structure>,
    /// Enums of `crate::types`, ordered by shape ID.
    pub enums: Vec<Enum>,
    /// Unions of `crate::types`, ordered by shape ID.
    pub unions: Vec<Union>,
    /// Distinct `pattern` constraints, each a static of `crate::patterns`.
    pub patterns: Vec<Pattern>,
    /// Whether any type uses `crate::primitives::Timestamp`.
    pub uses_timestamp: bool,
    /// Whether any type uses `crate::primitives::Blob`.
    pub uses_blob: bool,
    /// Whether any type holds an `f64`: a `double`, or a `document`'s numbers.
    pub uses_f64: bool,
    pub endpoints: Endpoints,
    /// The protocol the crate speaks, chosen from the service's protocol traits.
    pub protocol: Protocol,
    /// Smithy's protocol compliance tests of the operations, when asked for
    /// (`Options::protocol_tests`).
    pub protocol_tests: ProtocolTests,
    /// Whether to write property tests of the types (`Options::property_tests`).
    pub property_tests: bool,
    /// Where the crate's `Cargo.toml` finds the runtime crate.
    pub runtime: Runtime,
}

/// The `smithy.test` cases of the generated operations and their errors, as Rust tests.
#[derive(Debug, Clone, Default)]
pub struct ProtocolTests {
    pub requests: Vec<RequestCase>,
    pub responses: Vec<ResponseCase>,
    /// Cases not turned into tests: the case ID and why.
    pub skipped: Vec<(String, String)>,
}

impl ProtocolTests {
    pub fn is_empty(&self) -> bool {
        self.requests.is_empty() && self.responses.is_empty() && self.skipped.is_empty()
    }
}

/// An `httpRequestTests` case: call the operation with `input`, check the request sent.
#[derive(Debug, Clone)]
pub struct RequestCase {
    /// The test function, the case ID in snake case.
    pub name: RustIdent,
    pub id: String,
    pub docs: Vec<String>,
    /// The operation's method on the client.
    pub method: RustIdent,
    /// Setter calls on the operation's fluent builder.
    pub input: Vec<(RustIdent, TestValue)>,
    pub request: ExpectedRequest,
}

/// An `httpResponseTests` case: answer with `response`, check what the client reads.
#[derive(Debug, Clone)]
pub struct ResponseCase {
    pub name: RustIdent,
    pub id: String,
    pub docs: Vec<String>,
    /// The operation's module and type.
    pub module: RustIdent,
    pub operation: String,
    /// The output's stream member, when the output holds one: the operation is read with
    /// `read_streaming_response`, and the stream compared by what it holds.
    pub stream: Option<RustIdent>,
    pub response: CannedResponse,
    pub expect: Expected,
}

/// What a response test expects the client to read.
#[derive(Debug, Clone)]
pub enum Expected {
    /// The operation's output, a [`TestValue::Structure`].
    Output(TestValue),
    /// A modeled error: the operation's error enum, the variant, and the error structure.
    Error { error_enum: String, variant: String, value: TestValue },
}

/// A value of a test case's `params` or of a member's `@default`, typed as the Rust code that
/// builds it needs.
#[derive(Debug, Clone, PartialEq)]
pub enum TestValue {
    /// `None` inside a sparse list or map.
    Null,
    Some(Box<TestValue>),
    Bool(bool),
    Int {
        value: i64,
        ty: RustType,
    },
    /// NaN and the infinities included.
    Float {
        value: f64,
        ty: RustType,
    },
    String(String),
    /// Seconds since the epoch.
    Timestamp(f64),
    /// A blob's bytes, given as text in the tests.
    Blob(String),
    /// A streaming body's bytes, given as text.
    Stream(String),
    /// A document, as JSON text.
    Document(String),
    Enum {
        path: TypePath,
        value: String,
    },
    List {
        item: RustType,
        items: Vec<TestValue>,
    },
    /// Keys are strings or enums, given as their text.
    Map {
        key: RustType,
        value: RustType,
        entries: Vec<(String, TestValue)>,
    },
    /// Built with its builder; `fallible` when `build()` returns a `Result`.
    Structure {
        path: TypePath,
        fallible: bool,
        members: Vec<(RustIdent, TestValue)>,
    },
    Union {
        path: TypePath,
        variant: RustIdent,
        value: Option<Box<TestValue>>,
    },
}

/// How the crate resolves endpoints: the model's rule set (or a default one for models without)
/// and its test cases. The partitions table `aws.partition` reads is the runtime's.
#[derive(Debug, Clone)]
pub struct Endpoints {
    pub rule_set: RuleSet,
    pub tests: Vec<EndpointTest>,
}

#[derive(Debug, Clone)]
pub struct Service {
    pub shape_id: String,
    pub title: String,
    pub docs: Vec<String>,
    pub version: Option<String>,
    /// `aws.api#service` `sdkId`, or the service shape's name.
    pub sdk_id: String,
    /// The SigV4 signing name (`aws.auth#sigv4`), or the endpoint prefix.
    pub signing_name: String,
    /// The first label of the default endpoint host (`robomaker`).
    pub endpoint_prefix: String,
    /// The `<SERVICE>` of `AWS_ENDPOINT_URL_<SERVICE>` (`ROBOMAKER`).
    pub env_name: String,
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub shape_id: String,
    /// The operation's Rust type name, also its wire name (`DescribeDeploymentJob`).
    pub name: String,
    /// Its module under `crate::operation` (`describe_deployment_job`).
    pub module: RustIdent,
    /// The `Client` method that starts a call: the module's name unless the client has a
    /// method of that name already (`config_operation` for `Config`).
    pub method: RustIdent,
    pub docs: Vec<String>,
    pub deprecated: Option<String>,
    /// How the request is laid out: the one part of an operation that depends on the protocol.
    pub request: RequestForm,
    /// `@endpoint`'s host prefix, split into literal text and `@hostLabel` members; empty
    /// when the operation has none.
    pub host_prefix: Vec<HostPart>,
    /// `@httpChecksumRequired`: the request carries the `Content-MD5` of its body.
    pub checksum_required: bool,
    /// `@requestCompression` with `gzip`: a large enough body is sent gzip-compressed.
    pub gzip_request: bool,
    pub input: Structure,
    pub output: Structure,
    pub errors: Vec<ErrorVariant>,
    /// `@paginated`: how to follow the pages.
    pub pagination: Option<Pagination>,
    pub signing: Signing,
    /// The input's stream, when it has one: sent as it is read.
    pub input_stream: Option<InputStream>,
}

/// An input's `@streaming` blob payload and how it may be sent.
#[derive(Debug, Clone)]
pub struct InputStream {
    pub field: RustIdent,
    /// An event stream (`EventSender`), not a blob.
    pub events: bool,
    /// An event stream of a service whose event streams need HTTP/2 (`eventStreamHttp`).
    pub http2: bool,
    /// `@requiresLength`: its length must be known.
    pub requires_length: bool,
    /// `aws.auth#unsignedPayload` on the operation: not part of the signature.
    pub unsigned: bool,
}

/// The protocols generated crates speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// `aws.protocols#restJson1`: HTTP binding traits place members in the URI, query string and
    /// headers; the rest is a JSON body.
    RestJson1,
    /// `aws.protocols#awsJson1_0`.
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1`.
    AwsJson1_1,
}

impl Protocol {
    /// The protocol trait's shape ID.
    pub fn trait_id(self) -> &'static str {
        match self {
            Protocol::RestJson1 => "aws.protocols#restJson1",
            Protocol::AwsJson1_0 => "aws.protocols#awsJson1_0",
            Protocol::AwsJson1_1 => "aws.protocols#awsJson1_1",
        }
    }

    /// The protocol's name, as Smithy's docs write it (`restJson1`).
    pub fn name(self) -> &'static str {
        let id = self.trait_id();
        id.split_once('#').map_or(id, |(_, name)| name)
    }

    /// Whether HTTP binding traits (`@httpLabel`, `@httpHeader`, ...) place members; the AWS
    /// JSON protocols ignore them and `@jsonName`, and send every member in the body.
    pub fn has_http_bindings(self) -> bool {
        self == Protocol::RestJson1
    }
}

/// How an operation's request is laid out.
#[derive(Debug, Clone, PartialEq)]
pub enum RequestForm {
    /// restJson1: the operation's `@http` method, URI pattern and success code; members go where
    /// their bindings say.
    Rest {
        http: Http,
        /// The request URI pattern, split into literal text and labels.
        uri: Vec<UriPart>,
    },
    /// AWS JSON 1.0 and 1.1: `POST /` with the whole input as a JSON object (`{}` when empty).
    Rpc {
        /// The `X-Amz-Target` header: `{service shape name}.{operation name}`.
        target: String,
        /// `application/x-amz-json-1.0` or `-1.1`.
        content_type: &'static str,
        /// `@awsQueryCompatible`: requests say `x-amzn-query-mode: true`.
        query_mode: bool,
    },
}

/// Whether requests of an operation are signed (`@auth`, `@optionalAuth`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signing {
    /// Signed; credentials are required.
    Required,
    /// Signed when credentials are configured, sent unsigned otherwise.
    Optional,
    /// Never signed (`@auth([])`).
    Anonymous,
}

/// The members a paginator follows.
#[derive(Debug, Clone)]
pub struct Pagination {
    /// The input member set from the previous page (`next_token`).
    pub input_token: Member,
    /// The output member with the next page's token.
    pub output_token: Member,
    /// The output list of items, when the model names one.
    pub items: Option<Member>,
}

/// A piece of an operation's URI pattern.
#[derive(Debug, Clone, PartialEq)]
pub enum UriPart {
    /// Text sent as it is (it may hold a literal query string).
    Literal(String),
    /// A member of the input, by its field, percent-encoded (`/` kept when greedy).
    Label { field: RustIdent, greedy: bool },
}

/// One modeled error an operation can return.
#[derive(Debug, Clone)]
pub struct ErrorVariant {
    /// The variant name in the operation's error enum.
    pub variant: String,
    /// The method that tells whether the error is this variant (`is_throttling_exception`).
    pub predicate: RustIdent,
    /// The error structure in `crate::types::error`.
    pub ty: TypePath,
    /// The error codes that select this variant: the error shape's name, and its awsQuery code
    /// when the service is `@awsQueryCompatible`.
    pub codes: Vec<String>,
    /// Some of its members are bound to headers: read with `read_headers`.
    pub reads_headers: bool,
}

/// The member of an error structure named `message` (in any case), which `Display` and
/// `ServiceError::message` read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorMessage {
    Absent,
    /// The field is an `Option<String>`.
    Optional(RustIdent),
    /// The field is a plain `String`: required, or with a zero `@default`.
    Plain(RustIdent),
}

/// Where a generated type lives.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Module {
    /// `crate::types`
    Types,
    /// `crate::types::error`
    Errors,
    /// `crate::operation::<module>`
    Operation(String),
}

/// A generated type: its module and name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct TypePath {
    pub module: Module,
    pub name: String,
}

/// Rust types of members, decided in one place (`lower::symbols`).
#[derive(Debug, Clone, PartialEq)]
pub enum RustType {
    String,
    Bool,
    I8,
    I16,
    I32,
    I64,
    F32,
    F64,
    Timestamp,
    /// `crate::primitives::Blob`: bytes, base64 in JSON.
    Blob,
    /// `serde_json::Value`.
    Document,
    Named(TypePath),
    Vec(Box<RustType>),
    Map(Box<RustType>, Box<RustType>),
    Option(Box<RustType>),
    Box(Box<RustType>),
    /// An output's event stream: `runtime::event_stream::EventReceiver` of the event union
    /// `event`, its errors the operation's error enum `error`.
    EventReceiver {
        event: TypePath,
        error: TypePath,
    },
    /// An output's `@streaming` blob: `runtime::primitives::ByteStream`.
    ByteStream,
    /// An input's event stream: `runtime::event_stream::EventStreamSender` of the union `event`.
    EventSender {
        event: TypePath,
    },
}

#[derive(Debug, Clone)]
pub struct Structure {
    pub shape_id: String,
    pub path: TypePath,
    pub docs: Vec<String>,
    pub deprecated: Option<String>,
    pub members: Vec<Member>,
    pub validation: Validation,
    /// Operation outputs carry the request ID of the response they were read from.
    pub request_id: bool,
    /// Set for modeled errors.
    pub error: Option<ErrorInfo>,
    /// Whether the structure is the type of a required member somewhere, and so needs a
    /// fallback value.
    pub fallback: bool,
}

/// How a structure takes part in input validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validation {
    /// Not reachable from an operation input, or nothing to check inside.
    None,
    /// Reachable from an input and has constraints inside: `validate_members`.
    Nested,
    /// An operation input: a public `validate()` besides `validate_members`.
    Input,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorInfo {
    /// The error code the service sends: the error shape's name, or its `@awsQueryError` code
    /// when the service is `@awsQueryCompatible`.
    pub code: String,
    /// `true` when the fault is the caller's (`smithy.api#error` is `client`).
    pub client_fault: bool,
    pub http_status: Option<u16>,
    pub message: ErrorMessage,
}

#[derive(Debug, Clone)]
pub struct Member {
    /// The field, getter and builder-setter name.
    pub field: RustIdent,
    /// The builder's `set_` method name.
    pub setter: RustIdent,
    /// The JSON name on the wire.
    pub wire: String,
    /// Other JSON names accepted when deserializing.
    pub aliases: Vec<String>,
    pub docs: Vec<String>,
    pub deprecated: Option<String>,
    /// The field's type, with `Option`/`Box` as decided by the resolver.
    pub ty: RustType,
    /// `ty` without the outer `Option`: what the builder setter takes.
    pub value_ty: RustType,
    /// Required members are plain values; when a response leaves one out, deserialization fills
    /// in a fallback (Smithy's client error correction) instead of failing the whole response.
    pub required: bool,
    /// What `validate` checks on this member.
    pub check: Check,
    /// Where the member travels in an operation's request or response.
    pub binding: Binding,
    /// A `timestampFormat` on the member or its target, overriding the location's default.
    pub timestamp_format: Option<TimestampFormat>,
    /// `@sensitive`: `Debug` shows a placeholder instead of the value.
    pub sensitive: bool,
    /// `@idempotencyToken`: filled with a fresh UUID when the caller sets none.
    pub idempotency_token: bool,
    /// A `@default` that makes the member a plain value: a builder or response that leaves it
    /// out gets the default.
    pub default: Option<MemberDefault>,
}

/// The `@default` of a plain member, typed as the member is.
#[derive(Debug, Clone, PartialEq)]
pub enum MemberDefault {
    /// The type's zero value, `Default::default()`: `""`, `0`, `false`, an empty blob, list or
    /// map.
    Zero,
    Bool(bool),
    /// An integer of type `ty` (`I8` to `I64`), in its range.
    Int {
        value: i64,
        ty: RustType,
    },
    /// A float of type `ty` (`F32` or `F64`).
    Float {
        value: f64,
        ty: RustType,
    },
    String(String),
    /// An enum's value, and the variant that has it (found once every enum is lowered).
    Enum {
        path: TypePath,
        value: String,
        variant: Option<RustIdent>,
    },
    /// A blob, given as its text.
    Blob(String),
    /// Milliseconds since the epoch, in `Timestamp`'s range.
    Timestamp(i64),
    /// A document: a boolean, a number, a string, `[]` or `{}` (never `null`).
    Document(DefaultValue),
}

impl Structure {
    /// Whether a member is a stream, sent or read as it goes (`Binding::Stream`): such a
    /// structure cannot be cloned, compared or written whole.
    pub fn holds_stream(&self) -> bool {
        self.members.iter().any(Member::is_stream)
    }

    /// Whether every member is in the JSON body: no HTTP binding, no stream.
    pub fn all_in_body(&self) -> bool {
        self.members.iter().all(|member| member.binding == Binding::Body)
    }

    /// Whether the builder's `build()` can fail (returns a `Result`): some member is required.
    pub fn build_can_fail(&self) -> bool {
        self.members.iter().any(|member| member.required)
    }
}

impl Member {
    /// Whether the member is a stream ([`Binding::Stream`]).
    pub fn is_stream(&self) -> bool {
        matches!(self.binding, Binding::Stream { .. })
    }

    /// Whether the field is an `Option`: the one answer every emitter uses for "may be unset".
    pub fn is_optional(&self) -> bool {
        matches!(self.ty, RustType::Option(_))
    }
}

/// Where a member travels: restJson1 HTTP bindings (`httpLabel`, `httpQuery`, ...); anything else,
/// and every member under AWS JSON, is in the JSON body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    Body,
    /// A path label; whether it is greedy is the URI's business (`UriPart::Label`).
    Label,
    Query(String),
    QueryParams,
    Header(String),
    /// A `@mediaType` string in a header, which restJson1 sends base64-encoded.
    Base64Header(String),
    PrefixHeaders(String),
    /// The whole body; `media_type` is the target's `@mediaType`, the `Content-Type` of a text
    /// or blob payload.
    Payload {
        media_type: Option<String>,
        kind: PayloadKind,
    },
    ResponseCode,
    /// A stream of an operation's input or output, the body sent or read as it goes: an output's
    /// event stream (restJson1's `@httpPayload`, or under awsJson the member itself), or a
    /// `@streaming` blob payload (`media_type`: the target's `@mediaType`).
    Stream {
        media_type: Option<String>,
    },
    /// An event's member carried in its message's header of this name (`@eventHeader`).
    EventHeader(String),
}

/// A piece of an operation's host prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostPart {
    Literal(String),
    /// The value of this `@hostLabel` input member.
    Label(RustIdent),
}

/// How a payload member is the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayloadKind {
    /// A string or an enum: the text itself.
    Text,
    /// The bytes themselves.
    Blob,
    /// A structure as a JSON object, `{}` when unset.
    Structure,
    /// A union or a document as JSON, no body when unset.
    Json,
}

/// Constraints on one value and on what it contains.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Check {
    pub length: Option<(Option<u64>, Option<u64>)>,
    pub range: Option<(Option<f64>, Option<f64>)>,
    /// Index into [`Crate::patterns`] of a pattern `validate()` checks.
    pub pattern: Option<usize>,
    /// Index into [`Crate::patterns`] of a pattern no engine runs ([`Matcher::Unchecked`]):
    /// documented, not checked.
    pub unchecked_pattern: Option<usize>,
    pub nested: Nested,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub enum Nested {
    #[default]
    None,
    /// A structure or union whose `validate_members` must run.
    Structure,
    List(Box<Check>),
    Map {
        key: Box<Check>,
        value: Box<Check>,
    },
}

impl Check {
    /// Nothing to check here or below.
    pub fn is_empty(&self) -> bool {
        self.length.is_none() && self.range.is_none() && self.pattern.is_none() && self.nested == Nested::None
    }
}

#[derive(Debug, Clone)]
pub struct Pattern {
    /// The pattern as the model writes it, for docs and violation messages.
    pub regex: String,
    pub matcher: Matcher,
    /// A text the pattern refuses, for the property test of values outside it; `None` when
    /// every text tried matches (`^[\S\s]*$`) or the pattern is not checked.
    pub outside: Option<String>,
}

/// How generated code tests a value against a pattern.
#[derive(Debug, Clone, PartialEq)]
pub enum Matcher {
    /// A static of this name in `crate::patterns`, compiled on first use: the ECMAScript
    /// `source`, with its `flags` (`u`, `iu`).
    Regex { name: RustIdent, source: String, flags: String },
    /// A pattern no engine of the generated crate runs, and why: it is documented, not checked.
    Unchecked(String),
    /// `^text`, the text without special characters: the value starts with it.
    Prefix(String),
    /// `^text$`, the text without special characters: the value is it.
    Exact(String),
}

#[derive(Debug, Clone)]
pub struct Enum {
    pub shape_id: String,
    pub path: TypePath,
    pub docs: Vec<String>,
    pub deprecated: Option<String>,
    pub variants: Vec<Variant>,
    /// Whether the enum is the type of a required member somewhere.
    pub fallback: bool,
}

#[derive(Debug, Clone)]
pub struct Variant {
    pub name: RustIdent,
    pub value: String,
    pub docs: Vec<String>,
    pub deprecated: Option<String>,
}

/// A Smithy union: a Rust enum with one variant per member and `Unknown` for members added later.
#[derive(Debug, Clone)]
pub struct Union {
    pub shape_id: String,
    pub path: TypePath,
    pub docs: Vec<String>,
    pub deprecated: Option<String>,
    pub variants: Vec<UnionVariant>,
    /// Whether the union is the type of a required member somewhere.
    pub fallback: bool,
    /// Whether it is an event stream (`@streaming`): its variants are the events, read from
    /// messages ([`UnionVariant::event`]); its error members are the operation's errors.
    pub event_stream: bool,
    /// Whether some input sends it (its events are written as messages), and whether some output
    /// receives it (read from messages).
    pub sent: bool,
    pub received: bool,
}

#[derive(Debug, Clone)]
pub struct UnionVariant {
    pub name: RustIdent,
    /// The method returning the variant's value (`as_field`).
    pub accessor: RustIdent,
    pub wire: String,
    pub docs: Vec<String>,
    /// `None` for members targeting `smithy.api#Unit`.
    pub ty: Option<RustType>,
    /// What `validate()` checks in the member's value, when the union is part of an input.
    pub check: Check,
    /// The `timestampFormat` of the timestamps the member holds, if any.
    pub timestamp_format: Option<TimestampFormat>,
    /// How the event is read from its message, in an event stream union.
    pub event: Option<EventLayout>,
}

/// Where an event's members are in its message: Smithy's `@eventHeader` and `@eventPayload`;
/// the other members are a JSON object in the payload.
#[derive(Debug, Clone, Default)]
pub struct EventLayout {
    /// Members read from headers.
    pub headers: Vec<EventMember>,
    /// The member that is the whole payload.
    pub payload: Option<(EventMember, PayloadKind)>,
    /// Whether any member is in the JSON payload.
    pub json: bool,
}

/// A member of an event bound to a header or to the payload.
#[derive(Debug, Clone)]
pub struct EventMember {
    pub field: RustIdent,
    /// The header's name (the member's).
    pub wire: String,
    pub value_ty: RustType,
    pub optional: bool,
}
