//! `smithy.rules#endpointRuleSet` and `smithy.rules#endpointTests`, typed.

use serde_json::{Map, Value};

use crate::error::Error;

/// An endpoint rule set: parameters and the rules that turn them into an endpoint or an error.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSet {
    pub parameters: Vec<Parameter>,
    pub rules: Vec<Rule>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    pub name: String,
    /// `AWS::Region`, `AWS::UseFIPS`, `AWS::UseDualStack`, `SDK::Endpoint`, ...
    pub built_in: Option<String>,
    pub required: bool,
    pub default: Option<Literal>,
    pub kind: ParameterKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterKind {
    String,
    Boolean,
    StringArray,
}

/// A parameter default or a test's parameter value.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Bool(bool),
    Str(String),
    StrArray(Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    Endpoint { conditions: Vec<Condition>, endpoint: EndpointTemplate },
    Error { conditions: Vec<Condition>, message: Expr },
    Tree { conditions: Vec<Condition>, rules: Vec<Rule> },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub call: Call,
    pub assign: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub function: String,
    pub args: Vec<Expr>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A string, possibly with `{Name}` templates.
    Template(String),
    Bool(bool),
    Int(i64),
    Ref(String),
    Call(Call),
    Array(Vec<Expr>),
    Object(Vec<(String, Expr)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct EndpointTemplate {
    pub url: Expr,
    pub headers: Vec<(String, Vec<Expr>)>,
    pub properties: Vec<(String, Expr)>,
}

/// One case of `smithy.rules#endpointTests`.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointTest {
    pub documentation: Option<String>,
    pub params: Vec<(String, Literal)>,
    pub expect: Expectation,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expectation {
    Endpoint { url: String, headers: Vec<(String, Vec<String>)>, properties: Vec<(String, Document)> },
    Error(String),
}

/// A JSON value of a test expectation's endpoint properties.
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    Null,
    Bool(bool),
    Int(i64),
    String(String),
    Array(Vec<Document>),
    Object(Vec<(String, Document)>),
}

/// The functions of the rules engine's standard library and the AWS library; anything else is a
/// generation error, not a failure at the user's first call.
pub const FUNCTIONS: &[&str] = &[
    "isSet",
    "not",
    "booleanEquals",
    "stringEquals",
    "getAttr",
    "substring",
    "uriEncode",
    "parseURL",
    "isValidHostLabel",
    "coalesce",
    "split",
    "ite",
    "aws.partition",
    "aws.parseArn",
    "aws.isVirtualHostableS3Bucket",
];

struct Cx<'a> {
    shape: &'a str,
}

impl Cx<'_> {
    fn error(&self, path: &str, message: impl Into<String>) -> Error {
        Error::in_shape(self.shape, path, message)
    }

    fn object<'v>(&self, value: &'v Value, path: &str) -> Result<&'v Map<String, Value>, Error> {
        value.as_object().ok_or_else(|| self.error(path, "expected an object"))
    }

    fn array<'v>(&self, value: Option<&'v Value>, path: &str) -> Result<&'v [Value], Error> {
        match value {
            None => Ok(&[]),
            Some(Value::Array(items)) => Ok(items),
            Some(_) => Err(self.error(path, "expected an array")),
        }
    }

    fn string(&self, value: Option<&Value>, path: &str) -> Result<String, Error> {
        value.and_then(Value::as_str).map(str::to_owned).ok_or_else(|| self.error(path, "expected a string"))
    }

    fn rule_set(&self, value: &Value, path: &str) -> Result<RuleSet, Error> {
        let object = self.object(value, path)?;
        let mut parameters = Vec::new();
        if let Some(raw) = object.get("parameters") {
            for (name, parameter) in self.object(raw, &format!("{path}.parameters"))? {
                parameters.push(self.parameter(name, parameter, &format!("{path}.parameters.{name}"))?);
            }
        }
        Ok(RuleSet { parameters, rules: self.rules(object.get("rules"), &format!("{path}.rules"))? })
    }

    fn parameter(&self, name: &str, value: &Value, path: &str) -> Result<Parameter, Error> {
        let object = self.object(value, path)?;
        let kind = match object.get("type").and_then(Value::as_str) {
            Some(kind) if kind.eq_ignore_ascii_case("string") => ParameterKind::String,
            Some(kind) if kind.eq_ignore_ascii_case("boolean") => ParameterKind::Boolean,
            Some(kind) if kind.eq_ignore_ascii_case("stringArray") => ParameterKind::StringArray,
            _ => {
                return Err(
                    self.error(&format!("{path}.type"), "a parameter's type must be String, Boolean or stringArray")
                )
            }
        };
        let default = object.get("default").map(|value| self.literal(value, &format!("{path}.default"))).transpose()?;
        Ok(Parameter {
            name: name.to_owned(),
            built_in: object.get("builtIn").and_then(Value::as_str).map(str::to_owned),
            required: object.get("required").and_then(Value::as_bool).unwrap_or(false),
            default,
            kind,
        })
    }

    fn literal(&self, value: &Value, path: &str) -> Result<Literal, Error> {
        match value {
            Value::Bool(value) => Ok(Literal::Bool(*value)),
            Value::String(value) => Ok(Literal::Str(value.clone())),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| self.string(Some(item), &format!("{path}[{i}]")))
                .collect::<Result<_, _>>()
                .map(Literal::StrArray),
            _ => Err(self.error(path, "expected a boolean, a string or an array of strings")),
        }
    }

    fn rules(&self, value: Option<&Value>, path: &str) -> Result<Vec<Rule>, Error> {
        self.array(value, path)?.iter().enumerate().map(|(i, rule)| self.rule(rule, &format!("{path}[{i}]"))).collect()
    }

    fn rule(&self, value: &Value, path: &str) -> Result<Rule, Error> {
        let object = self.object(value, path)?;
        let conditions = self
            .array(object.get("conditions"), &format!("{path}.conditions"))?
            .iter()
            .enumerate()
            .map(|(i, condition)| self.condition(condition, &format!("{path}.conditions[{i}]")))
            .collect::<Result<Vec<_>, _>>()?;
        match object.get("type").and_then(Value::as_str) {
            Some("endpoint") => {
                let endpoint_path = format!("{path}.endpoint");
                let endpoint = object.get("endpoint").ok_or_else(|| self.error(&endpoint_path, "missing endpoint"))?;
                Ok(Rule::Endpoint { conditions, endpoint: self.endpoint(endpoint, &endpoint_path)? })
            }
            Some("error") => {
                let error_path = format!("{path}.error");
                let message = object.get("error").ok_or_else(|| self.error(&error_path, "missing error"))?;
                Ok(Rule::Error { conditions, message: self.expr(message, &error_path)? })
            }
            Some("tree") => {
                Ok(Rule::Tree { conditions, rules: self.rules(object.get("rules"), &format!("{path}.rules"))? })
            }
            _ => Err(self.error(&format!("{path}.type"), "a rule's type must be endpoint, error or tree")),
        }
    }

    fn condition(&self, value: &Value, path: &str) -> Result<Condition, Error> {
        let object = self.object(value, path)?;
        Ok(Condition {
            call: self.call(object, path)?,
            assign: object.get("assign").and_then(Value::as_str).map(str::to_owned),
        })
    }

    fn call(&self, object: &Map<String, Value>, path: &str) -> Result<Call, Error> {
        let function = self.string(object.get("fn"), &format!("{path}.fn"))?;
        if !FUNCTIONS.contains(&function.as_str()) {
            return Err(self.error(&format!("{path}.fn"), format!("unknown rules-engine function `{function}`")));
        }
        let args = self
            .array(object.get("argv"), &format!("{path}.argv"))?
            .iter()
            .enumerate()
            .map(|(i, arg)| self.expr(arg, &format!("{path}.argv[{i}]")))
            .collect::<Result<_, _>>()?;
        Ok(Call { function, args })
    }

    fn expr(&self, value: &Value, path: &str) -> Result<Expr, Error> {
        Ok(match value {
            Value::String(text) => Expr::Template(text.clone()),
            Value::Bool(value) => Expr::Bool(*value),
            Value::Number(number) => {
                Expr::Int(number.as_i64().ok_or_else(|| self.error(path, "numbers must be integers"))?)
            }
            Value::Array(items) => Expr::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| self.expr(item, &format!("{path}[{i}]")))
                    .collect::<Result<_, _>>()?,
            ),
            Value::Object(object) if object.contains_key("ref") => {
                Expr::Ref(self.string(object.get("ref"), &format!("{path}.ref"))?)
            }
            Value::Object(object) if object.contains_key("fn") => Expr::Call(self.call(object, path)?),
            Value::Object(object) => Expr::Object(
                object
                    .iter()
                    .map(|(key, value)| Ok((key.clone(), self.expr(value, &format!("{path}.{key}"))?)))
                    .collect::<Result<_, Error>>()?,
            ),
            Value::Null => return Err(self.error(path, "null is not an expression")),
        })
    }

    fn endpoint(&self, value: &Value, path: &str) -> Result<EndpointTemplate, Error> {
        let object = self.object(value, path)?;
        let url_path = format!("{path}.url");
        let url = self.expr(object.get("url").ok_or_else(|| self.error(&url_path, "missing url"))?, &url_path)?;
        let mut headers = Vec::new();
        if let Some(raw) = object.get("headers") {
            for (name, values) in self.object(raw, &format!("{path}.headers"))? {
                let values_path = format!("{path}.headers.{name}");
                let values = self
                    .array(Some(values), &values_path)?
                    .iter()
                    .enumerate()
                    .map(|(i, value)| self.expr(value, &format!("{values_path}[{i}]")))
                    .collect::<Result<_, _>>()?;
                headers.push((name.clone(), values));
            }
        }
        let mut properties = Vec::new();
        if let Some(raw) = object.get("properties") {
            for (name, value) in self.object(raw, &format!("{path}.properties"))? {
                properties.push((name.clone(), self.expr(value, &format!("{path}.properties.{name}"))?));
            }
        }
        Ok(EndpointTemplate { url, headers, properties })
    }

    fn tests(&self, value: &Value, path: &str) -> Result<Vec<EndpointTest>, Error> {
        let object = self.object(value, path)?;
        let cases_path = format!("{path}.testCases");
        self.array(object.get("testCases"), &cases_path)?
            .iter()
            .enumerate()
            .map(|(i, case)| self.test(case, &format!("{cases_path}[{i}]")))
            .collect()
    }

    fn test(&self, value: &Value, path: &str) -> Result<EndpointTest, Error> {
        let object = self.object(value, path)?;
        let mut params = Vec::new();
        if let Some(raw) = object.get("params") {
            for (name, value) in self.object(raw, &format!("{path}.params"))? {
                params.push((name.clone(), self.literal(value, &format!("{path}.params.{name}"))?));
            }
        }
        let expect_path = format!("{path}.expect");
        let expect = self.object(object.get("expect").unwrap_or(&Value::Null), &expect_path)?;
        let expect = if let Some(message) = expect.get("error") {
            Expectation::Error(self.string(Some(message), &format!("{expect_path}.error"))?)
        } else {
            let endpoint_path = format!("{expect_path}.endpoint");
            let endpoint = self.object(expect.get("endpoint").unwrap_or(&Value::Null), &endpoint_path)?;
            let mut headers = Vec::new();
            if let Some(raw) = endpoint.get("headers") {
                for (name, values) in self.object(raw, &format!("{endpoint_path}.headers"))? {
                    let values = self
                        .array(Some(values), &format!("{endpoint_path}.headers.{name}"))?
                        .iter()
                        .map(|value| self.string(Some(value), &format!("{endpoint_path}.headers.{name}")))
                        .collect::<Result<_, _>>()?;
                    headers.push((name.clone(), values));
                }
            }
            let properties = match endpoint.get("properties") {
                Some(Value::Object(object)) => {
                    object.iter().map(|(key, value)| (key.clone(), document(value))).collect()
                }
                _ => Vec::new(),
            };
            Expectation::Endpoint {
                url: self.string(endpoint.get("url"), &format!("{endpoint_path}.url"))?,
                headers,
                properties,
            }
        };
        Ok(EndpointTest {
            documentation: object.get("documentation").and_then(Value::as_str).map(str::to_owned),
            params,
            expect,
        })
    }
}

fn document(value: &Value) -> Document {
    match value {
        Value::Null => Document::Null,
        Value::Bool(value) => Document::Bool(*value),
        Value::Number(number) => number.as_i64().map_or(Document::Null, Document::Int),
        Value::String(value) => Document::String(value.clone()),
        Value::Array(items) => Document::Array(items.iter().map(document).collect()),
        Value::Object(object) => {
            Document::Object(object.iter().map(|(key, value)| (key.clone(), document(value))).collect())
        }
    }
}

pub(crate) fn parse_rule_set(shape: &str, value: &Value, path: &str) -> Result<RuleSet, Error> {
    Cx { shape }.rule_set(value, path)
}

pub(crate) fn parse_tests(shape: &str, value: &Value, path: &str) -> Result<Vec<EndpointTest>, Error> {
    Cx { shape }.tests(value, path)
}
