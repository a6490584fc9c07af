//! A service's endpoint rule set as data: the generator writes the model's
//! `smithy.rules#endpointRuleSet` as a `static` of these types, and
//! [`RuleSet::resolve`] evaluates it. The shapes follow the [rules engine
//! specification](https://smithy.io/2.0/additional-specs/rules-engine/specification.html).

use super::eval::{self, Value};
use super::partition::Partitions;
use super::{Endpoint, EndpointError};

/// A rule set: its parameters and its rules, tried in order.
#[derive(Debug)]
pub struct RuleSet {
    /// The parameters, in declaration order.
    pub parameters: &'static [Parameter],
    /// The rules, tried in order until one gives an endpoint or an error.
    pub rules: &'static [Rule],
}

impl RuleSet {
    /// Resolves the endpoint for `params`, the rule set's parameters by name (the AWS ones are
    /// usually `Region`, `UseFIPS`, `UseDualStack` and `Endpoint`). A parameter that is missing
    /// or [`Value::None`] takes the rule set's default; a name given twice takes the last value.
    /// A name the rule set does not declare, a value of the wrong type, or a required parameter
    /// left without a value is an error, as is the rule set's own error for the parameters
    /// given. `partitions` is the table `aws.partition` reads, usually
    /// [`Partitions::builtin`].
    pub fn resolve(&self, params: &[(&str, Value)], partitions: &Partitions) -> Result<Endpoint, EndpointError> {
        eval::resolve(self, params, partitions)
    }

    /// The parameters as `(name, built_in)` pairs, in declaration order, for callers that fill
    /// them from built-ins such as `AWS::Region` or `SDK::Endpoint`.
    pub fn parameters(&self) -> impl Iterator<Item = (&'static str, Option<&'static str>)> {
        self.parameters.iter().map(|parameter| (parameter.name, parameter.built_in))
    }

    /// Whether the rule set reads the region (the `AWS::Region` built-in).
    pub fn reads_region(&self) -> bool {
        self.parameters().any(|(_, built_in)| built_in == Some("AWS::Region"))
    }
}

/// A parameter of the rule set.
#[derive(Debug)]
pub struct Parameter {
    /// Its name, such as `Region`.
    pub name: &'static str,
    /// The built-in that fills it, such as `AWS::Region` or `SDK::Endpoint`.
    pub built_in: Option<&'static str>,
    /// Whether resolution fails when it has no value (given or default).
    pub required: bool,
    /// Its value when none is given.
    pub default: Option<Literal>,
    /// Its type.
    pub kind: ParameterKind,
}

/// The type of a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterKind {
    /// `string`.
    String,
    /// `boolean`.
    Boolean,
    /// `stringArray`.
    StringArray,
}

/// A parameter's default value.
#[derive(Debug)]
pub enum Literal {
    /// A boolean.
    Bool(bool),
    /// A string.
    Str(&'static str),
    /// An array of strings.
    StrArray(&'static [&'static str]),
}

/// A rule: when all its conditions hold, an endpoint, an error, or a tree of further rules.
#[derive(Debug)]
pub enum Rule {
    /// Gives an endpoint.
    Endpoint {
        /// What must hold.
        conditions: &'static [Condition],
        /// The endpoint given.
        endpoint: EndpointTemplate,
    },
    /// Fails resolution with a message.
    Error {
        /// What must hold.
        conditions: &'static [Condition],
        /// The message, usually a template.
        message: Expr,
    },
    /// Tries further rules; resolution fails if none of them applies.
    Tree {
        /// What must hold.
        conditions: &'static [Condition],
        /// The rules tried in order.
        rules: &'static [Rule],
    },
}

/// A function call that must be truthy, its result optionally bound to a name.
#[derive(Debug)]
pub struct Condition {
    /// The call.
    pub call: Call,
    /// The name its result is bound to for the conditions and rules after it.
    pub assign: Option<&'static str>,
}

/// A call of a library function such as `isSet` or `aws.partition`.
#[derive(Debug)]
pub struct Call {
    /// The function's name.
    pub function: &'static str,
    /// Its arguments.
    pub args: &'static [Expr],
}

/// An expression of the rule set.
#[derive(Debug)]
pub enum Expr {
    /// A string; `{Name}` and `{Name#path}` are replaced, `{{` and `}}` are literal braces.
    Template(&'static str),
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A parameter or a name bound by an earlier condition's `assign`.
    Ref(&'static str),
    /// A function call.
    Call(Call),
    /// An array.
    Array(&'static [Expr]),
    /// An object, fields in order.
    Object(&'static [(&'static str, Expr)]),
}

/// The endpoint an endpoint rule gives.
#[derive(Debug)]
pub struct EndpointTemplate {
    /// The URL.
    pub url: Expr,
    /// Headers to send, each with its values.
    pub headers: &'static [(&'static str, &'static [Expr])],
    /// Properties such as `authSchemes`.
    pub properties: &'static [(&'static str, Expr)],
}
