//! Where requests go: the endpoint resolved from the service model's endpoint rule set.
//!
//! The model's `smithy.rules#endpointRuleSet` is compiled into this crate as data and
//! evaluated by a small interpreter of the [Smithy rules
//! engine](https://smithy.io/2.0/additional-specs/rules-engine/), with its standard library and
//! the AWS functions (`aws.partition`, `aws.parseArn`, `aws.isVirtualHostableS3Bucket`).
//! [`resolve`] turns parameters such as `Region`, `UseFIPS`, `UseDualStack` and `Endpoint`
//! into an [`Endpoint`], or into the rule set's own error message.
//!
//! `aws.partition` reads a [`Partitions`] table. The one built into the crate
//! ([`Partitions::default`]) knows the regions that existed when the crate was generated and
//! places unknown ones by pattern (`eu-*`, `cn-*`, ...); a region of a partition it does not
//! know at all needs a newer `partitions.json`, given with [`Partitions::from_json`].

mod eval;
mod functions;
mod partition;
mod rules;

use std::collections::BTreeMap;
use std::fmt;

pub use eval::Value;
pub use partition::{Partitions, PartitionsError};

/// A resolved endpoint: the URL requests are sent to, headers to add to them, and properties
/// such as `authSchemes` that say how to sign them.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    url: String,
    headers: Vec<(String, Vec<String>)>,
    properties: BTreeMap<String, Value>,
}

impl Endpoint {
    pub(crate) fn new(url: String, headers: Vec<(String, Vec<String>)>, properties: BTreeMap<String, Value>) -> Self {
        Self { url, headers, properties }
    }

    /// The URL requests are sent to, such as `https://robomaker.us-east-1.amazonaws.com`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Headers to add to every request, each with its values, in the rule set's order.
    pub fn headers(&self) -> &[(String, Vec<String>)] {
        &self.headers
    }

    /// The endpoint's properties, such as `authSchemes` (an array of objects with `name`,
    /// `signingName` and `signingRegion`), keyed by name.
    pub fn properties(&self) -> &BTreeMap<String, Value> {
        &self.properties
    }
}

/// Endpoint resolution failed: the rule set's own error message for the parameters given (such
/// as `Invalid Configuration: Missing Region`), or a parameter or evaluation error (such as a
/// required parameter with no value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointError {
    message: String,
}

impl EndpointError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self { message: message.into() }
    }

    /// What went wrong; the same text as `Display`.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EndpointError {}

/// Resolves the endpoint with the service's own rule set.
///
/// `params` are the rule set's parameters by name (see the service's endpoint rule set; the AWS
/// ones are usually `Region`, `UseFIPS`, `UseDualStack` and `Endpoint`). A parameter that is
/// missing or [`Value::None`] takes the rule set's default; a name given twice takes the last
/// value. A name the rule set does not declare, a value of the wrong type, or a required
/// parameter left without a value is an error. `partitions` is the table `aws.partition` reads,
/// usually [`Partitions::default`].
pub fn resolve(params: &[(&str, Value)], partitions: &Partitions) -> Result<Endpoint, EndpointError> {
    eval::resolve(&rules::RULE_SET, params, partitions)
}

/// The parameters of the service's rule set as `(name, built_in)` pairs, in declaration order,
/// for callers that fill them from built-ins such as `AWS::Region` or `SDK::Endpoint`.
pub(crate) fn parameters() -> impl Iterator<Item = (&'static str, Option<&'static str>)> {
    rules::RULE_SET.parameters.iter().map(|parameter| (parameter.name, parameter.built_in))
}

/// Whether `region` is one host label (letters, digits and hyphens), as the AWS SDKs check
/// before a region goes into an endpoint: a region such as `example.com/x` would otherwise send
/// signed requests to another host.
pub(crate) fn is_valid_region(region: &str) -> bool {
    functions::is_valid_host_label(region, false)
}

/// Whether the rule set reads the region (the `AWS::Region` built-in).
pub(crate) fn reads_region() -> bool {
    parameters().any(|(_, built_in)| built_in == Some("AWS::Region"))
}

/// These tests run in every generated crate, so they hold for any service's rule set.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_displays_its_message_exactly() {
        let error = EndpointError::new("Invalid Configuration: Missing Region");
        assert_eq!(error.to_string(), "Invalid Configuration: Missing Region");
        assert_eq!(error.message(), "Invalid Configuration: Missing Region");
    }

    #[test]
    fn parameters_are_named_once() {
        let names: Vec<&str> = parameters().map(|(name, _)| name).collect();
        assert!(names.iter().all(|name| !name.is_empty()), "{names:?}");
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "{names:?}");
    }

    #[test]
    fn unknown_parameter_is_an_error() {
        let params = [("NotAParameterOfAnyRuleSet", Value::Bool(true))];
        let error = resolve(&params, &Partitions::default()).err().map(|error| error.to_string());
        assert_eq!(error.as_deref(), Some("unknown endpoint parameter `NotAParameterOfAnyRuleSet`"));
    }

    #[test]
    fn accessors_return_what_was_resolved() {
        let properties = BTreeMap::from([("k".to_owned(), Value::Bool(true))]);
        let headers = vec![("x-h".to_owned(), vec!["v".to_owned()])];
        let endpoint = Endpoint::new("https://example.com".to_owned(), headers.clone(), properties.clone());
        assert_eq!(endpoint.url(), "https://example.com");
        assert_eq!(endpoint.headers(), headers.as_slice());
        assert_eq!(endpoint.properties(), &properties);
    }
}
