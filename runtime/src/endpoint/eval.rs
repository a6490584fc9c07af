//! The evaluator that walks a rule set ([`super::rules`]) and the values it computes with.
//!
//! It binds the parameters, tries the rules in order and builds the endpoint. The library
//! functions themselves live in `functions.rs`; only `coalesce` and `ite` are evaluated here,
//! because they must not evaluate the arguments they do not return.

use std::collections::BTreeMap;

use super::functions;
use super::partition::Partitions;
use super::rules::{Call, EndpointTemplate, Expr, Literal, Parameter, ParameterKind, Rule, RuleSet};
use super::{Endpoint, EndpointError};

/// A value of the rules engine: a parameter, a function's result, or an endpoint property.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// No value: an unset parameter, or a function's empty result (such as `parseURL` of
    /// something that is not a URL).
    None,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A string.
    String(String),
    /// An array, such as a `StringArray` parameter or the `resourceId` of a parsed ARN.
    Array(Vec<Value>),
    /// An object, such as a partition, a parsed URL or an entry of `authSchemes`.
    Object(BTreeMap<String, Value>),
}

impl Value {
    /// Whether this is [`Value::None`].
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(value) => Some(value),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(value) => Some(*value),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The fields, if this is an object.
    pub fn as_object(&self) -> Option<&BTreeMap<String, Value>> {
        match self {
            Value::Object(fields) => Some(fields),
            _ => None,
        }
    }

    /// Whether a condition with this result holds: anything but no value and `false`.
    pub(crate) fn is_truthy(&self) -> bool {
        !matches!(self, Value::None | Value::Bool(false))
    }

    /// What kind of value this is, for error messages.
    pub(crate) fn describe(&self) -> &'static str {
        match self {
            Value::None => "no value",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

impl From<bool> for Value {
    fn from(value: bool) -> Self {
        Value::Bool(value)
    }
}

impl From<&str> for Value {
    fn from(value: &str) -> Self {
        Value::String(value.to_owned())
    }
}

impl From<String> for Value {
    fn from(value: String) -> Self {
        Value::String(value)
    }
}

/// `None` becomes [`Value::None`], so an unset option leaves the parameter to its default.
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(value: Option<T>) -> Self {
        value.map_or(Value::None, Into::into)
    }
}

/// Resolves `params` against `rule_set`; see [`super::resolve`].
pub(crate) fn resolve(
    rule_set: &RuleSet,
    params: &[(&str, Value)],
    partitions: &Partitions,
) -> Result<Endpoint, EndpointError> {
    if let Some((name, _)) = params.iter().find(|(name, _)| !rule_set.parameters.iter().any(|p| p.name == *name)) {
        return Err(EndpointError::new(format!("unknown endpoint parameter `{name}`")));
    }
    let mut vars = Vec::with_capacity(rule_set.parameters.len() + 4);
    for parameter in rule_set.parameters {
        vars.push((parameter.name, bind(parameter, params)?));
    }
    let mut scope = Scope { vars, partitions };
    match scope.rules(rule_set.rules)? {
        Some(endpoint) => Ok(endpoint),
        None => Err(EndpointError::new("no endpoint rule matched the parameters")),
    }
}

/// The value of one parameter: the caller's (the last one given wins), else the default.
fn bind(parameter: &Parameter, params: &[(&str, Value)]) -> Result<Value, EndpointError> {
    let given = params.iter().rev().find(|(name, value)| *name == parameter.name && !value.is_none());
    let value = match (given, &parameter.default) {
        (Some((_, value)), _) => value.clone(),
        (None, Some(Literal::Bool(value))) => Value::Bool(*value),
        (None, Some(Literal::Str(value))) => Value::String((*value).to_owned()),
        (None, Some(Literal::StrArray(values))) => {
            Value::Array(values.iter().map(|value| Value::String((*value).to_owned())).collect())
        }
        (None, None) if parameter.required => {
            return Err(EndpointError::new(format!(
                "endpoint parameter `{}` is required but has no value",
                parameter.name
            )))
        }
        (None, None) => return Ok(Value::None),
    };
    let fits = match (parameter.kind, &value) {
        (ParameterKind::String, Value::String(_)) | (ParameterKind::Boolean, Value::Bool(_)) => true,
        (ParameterKind::StringArray, Value::Array(items)) => items.iter().all(|item| matches!(item, Value::String(_))),
        _ => false,
    };
    if !fits {
        let expected = match parameter.kind {
            ParameterKind::String => "a string",
            ParameterKind::Boolean => "a boolean",
            ParameterKind::StringArray => "an array of strings",
        };
        return Err(EndpointError::new(format!(
            "endpoint parameter `{}` must be {expected}, not {}",
            parameter.name,
            value.describe()
        )));
    }
    Ok(value)
}

/// The names visible while evaluating: the parameters, then the names bound by the conditions
/// of the rules being evaluated, innermost last.
struct Scope<'a> {
    /// A stack, so that leaving a rule drops exactly the names its conditions bound; a lookup
    /// searches from the top.
    vars: Vec<(&'static str, Value)>,
    partitions: &'a Partitions,
}

impl Scope<'_> {
    /// The first rule that matches gives the result; `None` when no rule matches.
    fn rules(&mut self, rules: &'static [Rule]) -> Result<Option<Endpoint>, EndpointError> {
        for rule in rules {
            if let Some(endpoint) = self.rule(rule)? {
                return Ok(Some(endpoint));
            }
        }
        Ok(None)
    }

    /// One rule, with the names its conditions bind visible to its body only.
    fn rule(&mut self, rule: &'static Rule) -> Result<Option<Endpoint>, EndpointError> {
        let depth = self.vars.len();
        let result = self.rule_in_scope(rule);
        self.vars.truncate(depth);
        result
    }

    /// The conditions in order, each binding its `assign` for the next ones and the body; then
    /// the body. A tree whose conditions hold has committed to its rules: running out of them
    /// is an error (as the spec says), not a fall-through to the tree's siblings.
    fn rule_in_scope(&mut self, rule: &'static Rule) -> Result<Option<Endpoint>, EndpointError> {
        let conditions = match rule {
            Rule::Endpoint { conditions, .. } | Rule::Error { conditions, .. } | Rule::Tree { conditions, .. } => {
                conditions
            }
        };
        for condition in *conditions {
            let value = self.call(&condition.call)?;
            if !value.is_truthy() {
                return Ok(None);
            }
            if let Some(name) = condition.assign {
                self.vars.push((name, value));
            }
        }
        match rule {
            Rule::Endpoint { endpoint, .. } => self.endpoint(endpoint).map(Some),
            Rule::Error { message, .. } => Err(EndpointError::new(self.string(message, "the error message")?)),
            Rule::Tree { rules, .. } => match self.rules(rules)? {
                Some(endpoint) => Ok(Some(endpoint)),
                None => Err(EndpointError::new("no endpoint rule matched the parameters (tree rule exhausted)")),
            },
        }
    }

    fn endpoint(&mut self, template: &'static EndpointTemplate) -> Result<Endpoint, EndpointError> {
        let url = self.string(&template.url, "the endpoint URL")?;
        let mut headers = Vec::with_capacity(template.headers.len());
        for (name, values) in template.headers {
            let values = values
                .iter()
                .map(|value| self.string(value, &format!("header `{name}`")))
                .collect::<Result<Vec<_>, _>>()?;
            headers.push(((*name).to_owned(), values));
        }
        let mut properties = BTreeMap::new();
        for (name, value) in template.properties {
            properties.insert((*name).to_owned(), self.expr(value)?);
        }
        Ok(Endpoint::new(url, headers, properties))
    }

    /// An expression that must evaluate to a string, such as the URL or a header value.
    fn string(&mut self, expr: &'static Expr, what: &str) -> Result<String, EndpointError> {
        match self.expr(expr)? {
            Value::String(value) => Ok(value),
            other => Err(EndpointError::new(format!("{what} must be a string, not {}", other.describe()))),
        }
    }

    fn expr(&mut self, expr: &'static Expr) -> Result<Value, EndpointError> {
        Ok(match expr {
            Expr::Template(text) => Value::String(self.template(text)?),
            Expr::Bool(value) => Value::Bool(*value),
            Expr::Int(value) => Value::Int(*value),
            Expr::Ref(name) => self.lookup(name)?.clone(),
            Expr::Call(call) => self.call(call)?,
            Expr::Array(items) => Value::Array(items.iter().map(|item| self.expr(item)).collect::<Result<_, _>>()?),
            Expr::Object(fields) => Value::Object(
                fields
                    .iter()
                    .map(|(key, value)| Ok(((*key).to_owned(), self.expr(value)?)))
                    .collect::<Result<_, EndpointError>>()?,
            ),
        })
    }

    fn lookup(&self, name: &str) -> Result<&Value, EndpointError> {
        self.vars.iter().rev().find(|(bound, _)| *bound == name).map(|(_, value)| value).ok_or_else(|| {
            EndpointError::new(format!("the endpoint rules refer to `{name}`, which is not defined here"))
        })
    }

    /// Calls a function. `coalesce` and `ite` are lazy: `coalesce` evaluates its arguments only
    /// up to the first that is set, and `ite` only the branch it takes, so the other may refer
    /// to values that are not set.
    fn call(&mut self, call: &'static Call) -> Result<Value, EndpointError> {
        match call.function {
            "coalesce" => {
                if call.args.len() < 2 {
                    return Err(functions::arity_error("coalesce", "at least 2", call.args.len()));
                }
                for arg in call.args {
                    let value = self.expr(arg)?;
                    if !value.is_none() {
                        return Ok(value);
                    }
                }
                Ok(Value::None)
            }
            "ite" => {
                let [condition, if_true, if_false] = call.args else {
                    return Err(functions::arity_error("ite", "3", call.args.len()));
                };
                match self.expr(condition)? {
                    Value::Bool(true) => self.expr(if_true),
                    Value::Bool(false) => self.expr(if_false),
                    other => {
                        Err(EndpointError::new(format!("`ite` argument 1 must be a boolean, not {}", other.describe())))
                    }
                }
            }
            function => {
                let args = call.args.iter().map(|arg| self.expr(arg)).collect::<Result<Vec<_>, _>>()?;
                functions::call(function, args, self.partitions)
            }
        }
    }

    /// Expands `{Name}` and `{Name#path}`; `{{` and `}}` stand for literal braces.
    fn template(&self, text: &str) -> Result<String, EndpointError> {
        if !text.contains(['{', '}']) {
            return Ok(text.to_owned());
        }
        let mut out = String::with_capacity(text.len() + 16);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' | '}' if chars.peek() == Some(&c) => {
                    chars.next();
                    out.push(c);
                }
                '{' => {
                    let mut placeholder = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(c) => placeholder.push(c),
                            None => {
                                return Err(EndpointError::new(format!("the template `{text}` has an unclosed `{{`")))
                            }
                        }
                    }
                    out.push_str(&self.placeholder(&placeholder, text)?);
                }
                '}' => return Err(EndpointError::new(format!("the template `{text}` has an unmatched `}}`"))),
                c => out.push(c),
            }
        }
        Ok(out)
    }

    /// One `{Name}` or `{Name#path}` of a template: it must be a string.
    fn placeholder(&self, placeholder: &str, text: &str) -> Result<String, EndpointError> {
        let (name, path) = match placeholder.split_once('#') {
            Some((name, path)) => (name, Some(path)),
            None => (placeholder, None),
        };
        let value = self.lookup(name)?;
        let value = match path {
            Some(path) => functions::get_attr(value, path)?,
            None => value.clone(),
        };
        match value {
            Value::String(value) => Ok(value),
            other => Err(EndpointError::new(format!(
                "`{{{placeholder}}}` in the template `{text}` must be a string, not {}",
                other.describe()
            ))),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::endpoint::rules::Condition;

    const fn call(function: &'static str, args: &'static [Expr]) -> Call {
        Call { function, args }
    }

    const fn when(function: &'static str, args: &'static [Expr]) -> Condition {
        Condition { call: call(function, args), assign: None }
    }

    const fn bind_as(function: &'static str, args: &'static [Expr], name: &'static str) -> Condition {
        Condition { call: call(function, args), assign: Some(name) }
    }

    const fn url(url: &'static str) -> EndpointTemplate {
        EndpointTemplate { url: Expr::Template(url), headers: &[], properties: &[] }
    }

    const REGION: Parameter = Parameter {
        name: "Region",
        built_in: Some("AWS::Region"),
        required: false,
        default: None,
        kind: ParameterKind::String,
    };
    const USE_FIPS: Parameter = Parameter {
        name: "UseFIPS",
        built_in: Some("AWS::UseFIPS"),
        required: true,
        default: Some(Literal::Bool(false)),
        kind: ParameterKind::Boolean,
    };

    /// A small RoboMaker-like rule set: custom endpoint, FIPS, the region's partition.
    pub(crate) static ROBO: RuleSet = RuleSet {
        parameters: &[
            REGION,
            USE_FIPS,
            Parameter {
                name: "Endpoint",
                built_in: Some("SDK::Endpoint"),
                required: false,
                default: None,
                kind: ParameterKind::String,
            },
        ],
        rules: &[
            Rule::Tree {
                conditions: &[when("isSet", &[Expr::Ref("Endpoint")])],
                rules: &[
                    Rule::Error {
                        conditions: &[when("booleanEquals", &[Expr::Ref("UseFIPS"), Expr::Bool(true)])],
                        message: Expr::Template("Invalid Configuration: FIPS and custom endpoint are not supported"),
                    },
                    Rule::Endpoint {
                        conditions: &[],
                        endpoint: EndpointTemplate { url: Expr::Ref("Endpoint"), headers: &[], properties: &[] },
                    },
                ],
            },
            Rule::Tree {
                conditions: &[
                    when("isSet", &[Expr::Ref("Region")]),
                    bind_as("aws.partition", &[Expr::Ref("Region")], "PartitionResult"),
                ],
                rules: &[
                    Rule::Endpoint {
                        conditions: &[when("booleanEquals", &[Expr::Ref("UseFIPS"), Expr::Bool(true)])],
                        endpoint: url("https://robomaker-fips.{Region}.{PartitionResult#dnsSuffix}"),
                    },
                    Rule::Endpoint {
                        conditions: &[],
                        endpoint: EndpointTemplate {
                            url: Expr::Template("https://robomaker.{Region}.{PartitionResult#dnsSuffix}"),
                            headers: &[(
                                "x-partition",
                                &[Expr::Template("{PartitionResult#name}"), Expr::Template("b")],
                            )],
                            properties: &[(
                                "authSchemes",
                                Expr::Array(&[Expr::Object(&[
                                    ("name", Expr::Template("sigv4")),
                                    ("signingRegion", Expr::Template("{Region}")),
                                    ("disableDoubleEncoding", Expr::Bool(true)),
                                ])]),
                            )],
                        },
                    },
                ],
            },
            Rule::Error { conditions: &[], message: Expr::Template("Invalid Configuration: Missing Region") },
        ],
    };

    fn resolve_with(rule_set: &RuleSet, params: &[(&str, Value)]) -> Result<Endpoint, String> {
        resolve(rule_set, params, &Partitions::default()).map_err(|error| error.to_string())
    }

    fn url_of(rule_set: &RuleSet, params: &[(&str, Value)]) -> Result<String, String> {
        resolve_with(rule_set, params).map(|endpoint| endpoint.url().to_owned())
    }

    #[test]
    fn region_endpoint_with_headers_and_properties() {
        let endpoint = resolve_with(&ROBO, &[("Region", "us-east-1".into())]);
        let endpoint = endpoint.unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(endpoint.url(), "https://robomaker.us-east-1.amazonaws.com");
        assert_eq!(endpoint.headers(), &[("x-partition".to_owned(), vec!["aws".to_owned(), "b".to_owned()])]);
        let scheme = BTreeMap::from([
            ("name".to_owned(), Value::from("sigv4")),
            ("signingRegion".to_owned(), Value::from("us-east-1")),
            ("disableDoubleEncoding".to_owned(), Value::Bool(true)),
        ]);
        let properties = BTreeMap::from([("authSchemes".to_owned(), Value::Array(vec![Value::Object(scheme)]))]);
        assert_eq!(endpoint.properties(), &properties);
    }

    #[test]
    fn rules_are_tried_in_order() {
        let fips = url_of(&ROBO, &[("Region", "cn-north-1".into()), ("UseFIPS", true.into())]);
        assert_eq!(fips.as_deref(), Ok("https://robomaker-fips.cn-north-1.amazonaws.com.cn"));
        let custom = url_of(&ROBO, &[("Region", "us-east-1".into()), ("Endpoint", "https://localhost:8443".into())]);
        assert_eq!(custom.as_deref(), Ok("https://localhost:8443"));
    }

    #[test]
    fn error_rules_give_their_message_exactly() {
        assert_eq!(url_of(&ROBO, &[]), Err("Invalid Configuration: Missing Region".to_owned()));
        let both = url_of(&ROBO, &[("Endpoint", "https://x".into()), ("UseFIPS", true.into())]);
        assert_eq!(both, Err("Invalid Configuration: FIPS and custom endpoint are not supported".to_owned()));
    }

    #[test]
    fn parameters_take_defaults_and_are_checked() {
        // `None` means unset: the default applies.
        let unset = url_of(&ROBO, &[("Region", "us-west-2".into()), ("UseFIPS", Value::None)]);
        assert_eq!(unset.as_deref(), Ok("https://robomaker.us-west-2.amazonaws.com"));
        // The last value given wins.
        let twice = url_of(&ROBO, &[("Region", "us-west-2".into()), ("Region", "eu-west-1".into())]);
        assert_eq!(twice.as_deref(), Ok("https://robomaker.eu-west-1.amazonaws.com"));
        assert_eq!(
            url_of(&ROBO, &[("Region", true.into())]),
            Err("endpoint parameter `Region` must be a string, not a boolean".to_owned())
        );
        assert_eq!(
            url_of(&ROBO, &[("UseFIPS", "yes".into())]),
            Err("endpoint parameter `UseFIPS` must be a boolean, not a string".to_owned())
        );
        assert_eq!(
            url_of(&ROBO, &[("region", "us-east-1".into())]),
            Err("unknown endpoint parameter `region`".to_owned())
        );
    }

    #[test]
    fn required_parameter_missing() {
        static RULES: RuleSet = RuleSet {
            parameters: &[Parameter {
                name: "Bucket",
                built_in: None,
                required: true,
                default: None,
                kind: ParameterKind::String,
            }],
            rules: &[Rule::Endpoint { conditions: &[], endpoint: url("https://{Bucket}.example.com") }],
        };
        assert_eq!(url_of(&RULES, &[]), Err("endpoint parameter `Bucket` is required but has no value".to_owned()));
        assert_eq!(url_of(&RULES, &[("Bucket", "b".into())]).as_deref(), Ok("https://b.example.com"));
    }

    #[test]
    fn string_array_parameters() {
        static RULES: RuleSet = RuleSet {
            parameters: &[Parameter {
                name: "Names",
                built_in: None,
                required: true,
                default: Some(Literal::StrArray(&["first", "second"])),
                kind: ParameterKind::StringArray,
            }],
            rules: &[Rule::Endpoint {
                conditions: &[bind_as("getAttr", &[Expr::Ref("Names"), Expr::Template("[1]")], "second")],
                endpoint: url("https://{second}.example.com"),
            }],
        };
        assert_eq!(url_of(&RULES, &[]).as_deref(), Ok("https://second.example.com"));
        let given = Value::Array(vec!["a".into(), "b".into()]);
        assert_eq!(url_of(&RULES, &[("Names", given)]).as_deref(), Ok("https://b.example.com"));
        assert_eq!(
            url_of(&RULES, &[("Names", Value::Array(vec![Value::Int(1)]))]),
            Err("endpoint parameter `Names` must be an array of strings, not an array".to_owned())
        );
    }

    #[test]
    fn tree_exhaustion_is_an_error_not_a_fall_through() {
        static RULES: RuleSet = RuleSet {
            parameters: &[REGION],
            rules: &[
                Rule::Tree {
                    conditions: &[when("isSet", &[Expr::Ref("Region")])],
                    rules: &[Rule::Endpoint {
                        conditions: &[when("stringEquals", &[Expr::Ref("Region"), Expr::Template("us-east-1")])],
                        endpoint: url("https://east.example.com"),
                    }],
                },
                Rule::Endpoint { conditions: &[], endpoint: url("https://sibling.example.com") },
            ],
        };
        assert_eq!(url_of(&RULES, &[("Region", "us-east-1".into())]).as_deref(), Ok("https://east.example.com"));
        assert_eq!(
            url_of(&RULES, &[("Region", "eu-west-1".into())]),
            Err("no endpoint rule matched the parameters (tree rule exhausted)".to_owned())
        );
        // The tree's own conditions failing is not exhaustion: the sibling applies.
        assert_eq!(url_of(&RULES, &[]).as_deref(), Ok("https://sibling.example.com"));
    }

    #[test]
    fn no_rule_matching_is_an_error() {
        static RULES: RuleSet = RuleSet {
            parameters: &[REGION],
            rules: &[Rule::Endpoint {
                conditions: &[when("isSet", &[Expr::Ref("Region")])],
                endpoint: url("https://x"),
            }],
        };
        assert_eq!(url_of(&RULES, &[]), Err("no endpoint rule matched the parameters".to_owned()));
    }

    #[test]
    fn assignments_are_scoped_to_their_rule() {
        static RULES: RuleSet = RuleSet {
            parameters: &[REGION],
            rules: &[
                Rule::Tree {
                    conditions: &[bind_as("coalesce", &[Expr::Ref("Region"), Expr::Template("fallback")], "Picked")],
                    rules: &[
                        // A sibling's binding is not visible to the next sibling.
                        Rule::Endpoint {
                            conditions: &[
                                bind_as("isSet", &[Expr::Ref("Region")], "Inner"),
                                when("booleanEquals", &[Expr::Ref("Inner"), Expr::Bool(false)]),
                            ],
                            endpoint: url("https://never"),
                        },
                        Rule::Endpoint {
                            conditions: &[when("isSet", &[Expr::Ref("Inner")])],
                            endpoint: url("https://leak"),
                        },
                    ],
                },
                Rule::Endpoint { conditions: &[], endpoint: url("https://unreachable") },
            ],
        };
        // The tree binds `Picked` for its rules; the first child binds `Inner` and fails;
        // the second child refers to `Inner`, which is out of scope: an evaluation error.
        assert_eq!(
            url_of(&RULES, &[]),
            Err("the endpoint rules refer to `Inner`, which is not defined here".to_owned())
        );

        static VISIBLE: RuleSet = RuleSet {
            parameters: &[REGION],
            rules: &[Rule::Tree {
                conditions: &[bind_as("coalesce", &[Expr::Ref("Region"), Expr::Template("fallback")], "Picked")],
                rules: &[Rule::Endpoint { conditions: &[], endpoint: url("https://{Picked}.example.com") }],
            }],
        };
        assert_eq!(url_of(&VISIBLE, &[]).as_deref(), Ok("https://fallback.example.com"));
        assert_eq!(url_of(&VISIBLE, &[("Region", "r".into())]).as_deref(), Ok("https://r.example.com"));
    }

    #[test]
    fn truthiness_of_condition_results() {
        static RULES: RuleSet = RuleSet {
            parameters: &[REGION],
            rules: &[
                // `parseURL` of a non-URL is no value: the condition fails.
                Rule::Endpoint {
                    conditions: &[when("parseURL", &[Expr::Template("not a url")])],
                    endpoint: url("https://none"),
                },
                // `false` fails.
                Rule::Endpoint { conditions: &[when("not", &[Expr::Bool(true)])], endpoint: url("https://false") },
                // Any other value holds, even an empty string.
                Rule::Endpoint {
                    conditions: &[when("uriEncode", &[Expr::Template("")])],
                    endpoint: url("https://empty-string"),
                },
            ],
        };
        assert_eq!(url_of(&RULES, &[]).as_deref(), Ok("https://empty-string"));
        assert!(Value::Int(0).is_truthy() && Value::Array(vec![]).is_truthy() && Value::Bool(true).is_truthy());
        assert!(!Value::None.is_truthy() && !Value::Bool(false).is_truthy());
    }

    #[test]
    fn template_escapes_and_paths() {
        static RULES: RuleSet = RuleSet {
            parameters: &[REGION],
            rules: &[Rule::Endpoint {
                conditions: &[bind_as("aws.parseArn", &[Expr::Template("arn:aws:s3:::bucket/key")], "Arn")],
                endpoint: url("https://{{literal}}.{Region}.{Arn#resourceId[1]}/{{{Arn#service}}}"),
            }],
        };
        assert_eq!(url_of(&RULES, &[("Region", "r".into())]).as_deref(), Ok("https://{literal}.r.key/{s3}"));
        // A placeholder that is not set, or not a string, is an evaluation error.
        assert_eq!(
            url_of(&RULES, &[]),
            Err("`{Region}` in the template `https://{{literal}}.{Region}.{Arn#resourceId[1]}/{{{Arn#service}}}` must be a string, not no value".to_owned())
        );
    }

    #[test]
    fn malformed_templates_are_errors() {
        let scope =
            Scope { vars: vec![("A", Value::from("a")), ("B", Value::Bool(true))], partitions: &Partitions::default() };
        assert_eq!(scope.template("x{A}y{{z}}").as_deref(), Ok("xay{z}"));
        assert_eq!(scope.template("}}{{").as_deref(), Ok("}{"));
        assert_eq!(scope.template("no braces").as_deref(), Ok("no braces"));
        assert!(scope.template("{A").is_err());
        assert!(scope.template("a}b").is_err());
        assert!(scope.template("{B}").is_err());
        assert!(scope.template("{Missing}").is_err());
        assert_eq!(
            scope.template("{A#x}").map_err(|e| e.to_string()),
            Err("`{A#x}` in the template `{A#x}` must be a string, not no value".to_owned())
        );
    }

    #[test]
    fn coalesce_and_ite_evaluate_lazily() {
        static RULES: RuleSet = RuleSet {
            parameters: &[REGION],
            rules: &[Rule::Endpoint {
                conditions: &[
                    // The unset `Region` in the branch not taken is never expanded.
                    bind_as(
                        "ite",
                        &[
                            Expr::Call(call("isSet", &[Expr::Ref("Region")])),
                            Expr::Template("{Region}"),
                            Expr::Template("none"),
                        ],
                        "Picked",
                    ),
                    bind_as(
                        "coalesce",
                        &[Expr::Ref("Region"), Expr::Template("first"), Expr::Template("{Region}")],
                        "First",
                    ),
                ],
                endpoint: url("https://{Picked}.{First}"),
            }],
        };
        assert_eq!(url_of(&RULES, &[]).as_deref(), Ok("https://none.first"));
        assert_eq!(url_of(&RULES, &[("Region", "r".into())]).as_deref(), Ok("https://r.r"));
    }

    #[test]
    fn coalesce_is_variadic_and_ite_checks_its_condition() {
        let partitions = Partitions::default();
        let scope = |vars| Scope { vars, partitions: &partitions };
        static THREE: Call = Call { function: "coalesce", args: &[Expr::Ref("A"), Expr::Ref("B"), Expr::Ref("C")] };
        let mut all_unset = scope(vec![("A", Value::None), ("B", Value::None), ("C", Value::None)]);
        assert_eq!(all_unset.call(&THREE), Ok(Value::None));
        let mut last = scope(vec![("A", Value::None), ("B", Value::None), ("C", Value::Bool(false))]);
        // `false` is a value: coalesce looks for one that is set, not one that is true.
        assert_eq!(last.call(&THREE), Ok(Value::Bool(false)));
        let mut middle = scope(vec![("A", Value::None), ("B", Value::Int(2)), ("C", Value::Int(3))]);
        assert_eq!(middle.call(&THREE), Ok(Value::Int(2)));

        static ONE: Call = Call { function: "coalesce", args: &[Expr::Bool(true)] };
        assert!(middle.call(&ONE).is_err());
        static ITE: Call = Call { function: "ite", args: &[Expr::Template("yes"), Expr::Int(1), Expr::Int(2)] };
        assert_eq!(
            middle.call(&ITE).map_err(|e| e.to_string()),
            Err("`ite` argument 1 must be a boolean, not a string".to_owned())
        );
        static ITE_FALSE: Call = Call { function: "ite", args: &[Expr::Bool(false), Expr::Int(1), Expr::Int(2)] };
        assert_eq!(middle.call(&ITE_FALSE), Ok(Value::Int(2)));
    }

    #[test]
    fn unknown_function_is_named() {
        static RULES: RuleSet = RuleSet {
            parameters: &[],
            rules: &[Rule::Endpoint { conditions: &[when("aws.frobnicate", &[])], endpoint: url("https://x") }],
        };
        assert_eq!(url_of(&RULES, &[]), Err("unknown endpoint rules function `aws.frobnicate`".to_owned()));
    }

    #[test]
    fn url_must_be_a_string() {
        static RULES: RuleSet = RuleSet {
            parameters: &[],
            rules: &[Rule::Endpoint {
                conditions: &[],
                endpoint: EndpointTemplate { url: Expr::Bool(true), headers: &[], properties: &[] },
            }],
        };
        assert_eq!(url_of(&RULES, &[]), Err("the endpoint URL must be a string, not a boolean".to_owned()));
    }

    #[test]
    fn value_conversions_and_accessors() {
        assert_eq!(Value::from(Some("a")), Value::String("a".to_owned()));
        assert_eq!(Value::from(None::<bool>), Value::None);
        assert_eq!(Value::from(String::from("s")).as_str(), Some("s"));
        assert_eq!(Value::Bool(true).as_bool(), Some(true));
        assert_eq!(Value::Array(vec![Value::Int(1)]).as_array(), Some([Value::Int(1)].as_slice()));
        assert!(Value::Object(BTreeMap::new()).as_object().is_some());
        assert!(Value::None.is_none() && Value::Int(1).as_str().is_none());
    }
}
