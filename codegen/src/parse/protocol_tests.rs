//! Smithy's protocol compliance tests (`smithy.test#httpRequestTests` and
//! `smithy.test#httpResponseTests`), typed. Only the cases a client runs are kept: those
//! without `appliesTo` or with `appliesTo: "client"`.

use serde_json::{Map, Value};

use crate::error::Error;

/// One `httpRequestTests` case: the input's `params`, and the request a client must send.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpRequestTest {
    pub id: String,
    /// The protocol the case is for (`aws.protocols#restJson1`).
    pub protocol: String,
    pub documentation: Option<String>,
    pub params: Node,
    pub request: ExpectedRequest,
}

/// What a request test checks of the request a client sends.
#[derive(Debug, Clone, PartialEq)]
pub struct ExpectedRequest {
    pub method: String,
    /// The path, without the query string.
    pub uri: String,
    /// The endpoint host the client is given; `None` leaves it to the test's default.
    pub host: Option<String>,
    /// The host the request must go to, after the operation's host prefix.
    pub resolved_host: Option<String>,
    /// `key=value` pairs, percent-encoded as on the wire, that must all be in the query.
    pub query_params: Vec<String>,
    pub forbid_query_params: Vec<String>,
    pub require_query_params: Vec<String>,
    /// Headers that must be sent with exactly these values.
    pub headers: Vec<(String, String)>,
    pub forbid_headers: Vec<String>,
    pub require_headers: Vec<String>,
    /// The exact body; `None` when the case does not check it.
    pub body: Option<String>,
    /// How `body` is compared: JSON bodies as JSON values, anything else byte for byte.
    pub body_media_type: Option<String>,
}

/// One `httpResponseTests` case: a response, and the output (or error) a client must read
/// from it, given as `params`.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpResponseTest {
    pub id: String,
    /// The protocol the case is for (`aws.protocols#restJson1`).
    pub protocol: String,
    pub documentation: Option<String>,
    pub params: Node,
    pub response: CannedResponse,
}

/// The response a response test answers with.
#[derive(Debug, Clone, PartialEq)]
pub struct CannedResponse {
    pub code: u16,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
}

/// A value of a test's `params`: the input, output or error, by member name.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
    Array(Vec<Node>),
    /// Members in document order.
    Object(Vec<(String, Node)>),
}

impl Node {
    /// The value as JSON text, for `Document` members.
    pub fn to_json(&self) -> String {
        fn value(node: &Node) -> Value {
            match node {
                Node::Null => Value::Null,
                Node::Bool(value) => Value::Bool(*value),
                Node::Int(value) => Value::from(*value),
                Node::Float(value) => serde_json::Number::from_f64(*value).map_or(Value::Null, Value::Number),
                Node::String(text) => Value::String(text.clone()),
                Node::Array(items) => Value::Array(items.iter().map(value).collect()),
                Node::Object(fields) => {
                    Value::Object(fields.iter().map(|(key, field)| (key.clone(), value(field))).collect())
                }
            }
        }
        value(self).to_string()
    }

    fn from_json(json: &Value) -> Self {
        match json {
            Value::Null => Node::Null,
            Value::Bool(value) => Node::Bool(*value),
            Value::Number(number) => match number.as_i64() {
                Some(int) => Node::Int(int),
                None => Node::Float(number.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(text) => Node::String(text.clone()),
            Value::Array(items) => Node::Array(items.iter().map(Node::from_json).collect()),
            Value::Object(fields) => {
                Node::Object(fields.iter().map(|(key, value)| (key.clone(), Node::from_json(value))).collect())
            }
        }
    }
}

pub(crate) fn parse_request_tests(shape: &str, value: &Value, path: &str) -> Result<Vec<HttpRequestTest>, Error> {
    let mut tests = Vec::new();
    for cx in cases(shape, value, path)? {
        if !cx.for_client()? {
            continue;
        }
        tests.push(HttpRequestTest {
            id: cx.required_string("id")?,
            protocol: cx.required_string("protocol")?,
            documentation: cx.string("documentation")?,
            params: cx.params(),
            request: ExpectedRequest {
                method: cx.required_string("method")?,
                uri: cx.required_string("uri")?,
                host: cx.string("host")?,
                resolved_host: cx.string("resolvedHost")?,
                query_params: cx.strings("queryParams")?,
                forbid_query_params: cx.strings("forbidQueryParams")?,
                require_query_params: cx.strings("requireQueryParams")?,
                headers: cx.headers()?,
                forbid_headers: cx.strings("forbidHeaders")?,
                require_headers: cx.strings("requireHeaders")?,
                body: cx.string("body")?,
                body_media_type: cx.string("bodyMediaType")?,
            },
        });
    }
    Ok(tests)
}

pub(crate) fn parse_response_tests(shape: &str, value: &Value, path: &str) -> Result<Vec<HttpResponseTest>, Error> {
    let mut tests = Vec::new();
    for cx in cases(shape, value, path)? {
        if !cx.for_client()? {
            continue;
        }
        let code = match cx.fields.get("code").and_then(Value::as_u64).map(u16::try_from) {
            Some(Ok(code)) => code,
            _ => return Err(cx.error("code", "`code` must be an HTTP status code")),
        };
        tests.push(HttpResponseTest {
            id: cx.required_string("id")?,
            protocol: cx.required_string("protocol")?,
            documentation: cx.string("documentation")?,
            params: cx.params(),
            response: CannedResponse { code, headers: cx.headers()?, body: cx.string("body")? },
        });
    }
    Ok(tests)
}

/// The cases of a test trait, each with its JSON path.
fn cases<'a>(shape: &'a str, value: &'a Value, path: &str) -> Result<Vec<Case<'a>>, Error> {
    let items = value.as_array().ok_or_else(|| Error::in_shape(shape, path, "the test cases must be an array"))?;
    items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let path = format!("{path}[{index}]");
            match item.as_object() {
                Some(fields) => Ok(Case { shape, path, fields }),
                None => Err(Error::in_shape(shape, path, "a test case must be an object")),
            }
        })
        .collect()
}

struct Case<'a> {
    shape: &'a str,
    path: String,
    fields: &'a Map<String, Value>,
}

impl Case<'_> {
    fn error(&self, key: &str, message: &str) -> Error {
        Error::in_shape(self.shape, format!("{}.{key}", self.path), message)
    }

    fn for_client(&self) -> Result<bool, Error> {
        match self.fields.get("appliesTo") {
            None => Ok(true),
            Some(Value::String(who)) if who == "client" => Ok(true),
            Some(Value::String(who)) if who == "server" => Ok(false),
            Some(_) => Err(self.error("appliesTo", "`appliesTo` must be \"client\" or \"server\"")),
        }
    }

    fn string(&self, key: &str) -> Result<Option<String>, Error> {
        match self.fields.get(key) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(_) => Err(self.error(key, &format!("`{key}` must be a string"))),
        }
    }

    fn required_string(&self, key: &str) -> Result<String, Error> {
        self.string(key)?.ok_or_else(|| self.error(key, &format!("the test case has no `{key}`")))
    }

    fn strings(&self, key: &str) -> Result<Vec<String>, Error> {
        match self.fields.get(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| item.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| self.error(key, &format!("`{key}` must be an array of strings"))),
            Some(_) => Err(self.error(key, &format!("`{key}` must be an array of strings"))),
        }
    }

    fn headers(&self) -> Result<Vec<(String, String)>, Error> {
        match self.fields.get("headers") {
            None => Ok(Vec::new()),
            Some(Value::Object(headers)) => headers
                .iter()
                .map(|(name, value)| value.as_str().map(|value| (name.clone(), value.to_owned())))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| self.error("headers", "`headers` must map names to strings")),
            Some(_) => Err(self.error("headers", "`headers` must map names to strings")),
        }
    }

    fn params(&self) -> Node {
        self.fields.get("params").map_or(Node::Object(Vec::new()), Node::from_json)
    }
}
