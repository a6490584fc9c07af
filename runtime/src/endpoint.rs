//! Where requests go: the endpoint resolved from a service model's endpoint rule set.
//!
//! Each generated crate holds its model's `smithy.rules#endpointRuleSet` as data (a
//! [`rules::RuleSet`]), which a small interpreter of the [Smithy rules
//! engine](https://smithy.io/2.0/additional-specs/rules-engine/) evaluates, with its standard
//! library and the AWS functions (`aws.partition`, `aws.parseArn`,
//! `aws.isVirtualHostableS3Bucket`). [`RuleSet::resolve`](rules::RuleSet::resolve) turns
//! parameters such as `Region`, `UseFIPS`, `UseDualStack` and `Endpoint` into an [`Endpoint`],
//! or into the rule set's own error message.
//!
//! `aws.partition` reads a [`Partitions`] table. The one built into this crate
//! ([`Partitions::builtin`]) knows the regions that existed when it was built and places
//! unknown ones by pattern (`eu-*`, `cn-*`, ...); a region of a partition it does not know at
//! all needs a newer `partitions.json`, given with [`Partitions::from_json`].

pub(crate) mod eval;
mod functions;
mod partition;
pub mod rules;

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

/// Whether `region` is one host label (letters, digits and hyphens), as the AWS SDKs check
/// before a region goes into an endpoint: a region such as `example.com/x` would otherwise send
/// signed requests to another host.
pub(crate) fn is_valid_region(region: &str) -> bool {
    functions::is_valid_host_label(region, false)
}

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
    fn unknown_parameter_is_an_error() {
        let params = [("NotAParameterOfAnyRuleSet", Value::Bool(true))];
        let error = eval::tests::ROBO.resolve(&params, Partitions::builtin()).err().map(|error| error.to_string());
        assert_eq!(error.as_deref(), Some("unknown endpoint parameter `NotAParameterOfAnyRuleSet`"));
    }

    #[test]
    fn the_rule_sets_parameters_and_whether_it_reads_the_region() {
        let names: Vec<_> = eval::tests::ROBO.parameters().collect();
        assert_eq!(
            names,
            [("Region", Some("AWS::Region")), ("UseFIPS", Some("AWS::UseFIPS")), ("Endpoint", Some("SDK::Endpoint"))]
        );
        assert!(eval::tests::ROBO.reads_region());
        let no_region = rules::RuleSet { parameters: &eval::tests::ROBO.parameters[2..], rules: &[] };
        assert!(!no_region.reads_region());
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
