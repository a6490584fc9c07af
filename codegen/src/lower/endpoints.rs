//! The endpoint rule set of the crate: the model's, or for a model without one, the usual AWS
//! pattern written as a rule set, so every crate resolves endpoints the same way.

use crate::error::{shape_path, Error};
use crate::parse::rules::{Call, Condition, EndpointTemplate, Expr, Literal, Parameter, ParameterKind, Rule, RuleSet};
use crate::parse::Shape;

use super::ir::Endpoints;

pub fn lower(service: &Shape, endpoint_prefix: &str) -> Result<Endpoints, Error> {
    let rule_set = match &service.traits.endpoint_rule_set {
        Some(rule_set) => rule_set.clone(),
        None => default_rule_set(endpoint_prefix),
    };
    for parameter in &rule_set.parameters {
        if let (Some(Literal::Bool(_)), ParameterKind::String) | (Some(Literal::Str(_)), ParameterKind::Boolean) =
            (&parameter.default, parameter.kind)
        {
            return Err(Error::in_shape(
                &service.id,
                format!(
                    "{}.traits[\"smithy.rules#endpointRuleSet\"].parameters.{}",
                    shape_path(&service.id),
                    parameter.name
                ),
                "the default does not have the parameter's type",
            ));
        }
    }
    Ok(Endpoints { rule_set, tests: service.traits.endpoint_tests.clone() })
}

/// `Endpoint` when set; otherwise `https://{prefix}.{Region}.{dnsSuffix}` for the region's
/// partition; no region is the error the AWS rule sets give.
fn default_rule_set(endpoint_prefix: &str) -> RuleSet {
    let is_set = |name: &str| Condition {
        call: Call { function: "isSet".into(), args: vec![Expr::Ref(name.into())] },
        assign: None,
    };
    let endpoint = |url: Expr| EndpointTemplate { url, headers: Vec::new(), properties: Vec::new() };
    let parameter = |name: &str, built_in: &str| Parameter {
        name: name.into(),
        built_in: Some(built_in.into()),
        required: false,
        default: None,
        kind: ParameterKind::String,
    };
    RuleSet {
        parameters: vec![parameter("Region", "AWS::Region"), parameter("Endpoint", "SDK::Endpoint")],
        rules: vec![
            Rule::Endpoint { conditions: vec![is_set("Endpoint")], endpoint: endpoint(Expr::Ref("Endpoint".into())) },
            Rule::Tree {
                conditions: vec![
                    is_set("Region"),
                    Condition {
                        call: Call { function: "aws.partition".into(), args: vec![Expr::Ref("Region".into())] },
                        assign: Some("PartitionResult".into()),
                    },
                ],
                rules: vec![Rule::Endpoint {
                    conditions: Vec::new(),
                    endpoint: endpoint(Expr::Template(format!(
                        "https://{endpoint_prefix}.{{Region}}.{{PartitionResult#dnsSuffix}}"
                    ))),
                }],
            },
            Rule::Error {
                conditions: Vec::new(),
                message: Expr::Template("Invalid Configuration: Missing Region".into()),
            },
        ],
    }
}
