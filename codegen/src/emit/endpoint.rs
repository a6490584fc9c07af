//! `src/endpoint/rules.rs`: the rule set and the partitions table as static data for the
//! runtime's evaluator, and one test per `endpointTests` case.
//!
//! A small evaluator over data, rather than code generated from each rule, keeps the generator
//! simple (this file only translates data) and the crate lean: the evaluator is compiled once,
//! and the rules cost a few kilobytes of statics. Resolution runs once per client, so the
//! interpretation overhead does not matter.

use heck::ToSnakeCase;
use proc_macro2::{Literal as TokenLiteral, TokenStream};
use quote::{format_ident, quote};

use super::rust::docs;
use crate::lower::ir::{EndpointTest, Endpoints, Partition, RuleSet};
use crate::parse::partitions::PartitionOutputs;
use crate::parse::rules::{
    Call, Condition, Document, EndpointTemplate, Expectation, Expr, Literal, Parameter, ParameterKind, Rule,
};

pub fn emit(endpoints: &Endpoints) -> TokenStream {
    let Endpoints { rule_set, tests, partitions } = endpoints;
    let rule_set = rule_set_tokens(rule_set);
    let partitions = partitions.iter().map(partition);
    let tests = tests_module(tests);
    quote! {
        //! The service's endpoint rule set and the partitions table, as data for `eval`.

        use super::eval::*;
        use super::partition::{OutputsData, PartitionData};

        /// The rule set of the service model.
        pub(super) static RULE_SET: RuleSet = #rule_set;

        /// The partitions `aws.partition` knows, in lookup order.
        pub(super) static PARTITIONS: &[PartitionData] = &[ #( #partitions ),* ];

        #tests
    }
}

fn rule_set_tokens(rule_set: &RuleSet) -> TokenStream {
    let RuleSet { parameters, rules } = rule_set;
    let parameters = parameters.iter().map(parameter);
    let rules = rules.iter().map(rule);
    quote! { RuleSet { parameters: &[ #( #parameters ),* ], rules: &[ #( #rules ),* ] } }
}

fn parameter(parameter: &Parameter) -> TokenStream {
    let Parameter { name, built_in, required, default, kind } = parameter;
    let built_in = option(built_in.as_ref().map(|built_in| quote! { #built_in }));
    let default = option(default.as_ref().map(literal));
    let kind = match kind {
        ParameterKind::String => quote! { ParameterKind::String },
        ParameterKind::Boolean => quote! { ParameterKind::Boolean },
        ParameterKind::StringArray => quote! { ParameterKind::StringArray },
    };
    quote! { Parameter { name: #name, built_in: #built_in, required: #required, default: #default, kind: #kind } }
}

fn literal(literal: &Literal) -> TokenStream {
    match literal {
        Literal::Bool(value) => quote! { Literal::Bool(#value) },
        Literal::Str(value) => quote! { Literal::Str(#value) },
        Literal::StrArray(values) => quote! { Literal::StrArray(&[ #( #values ),* ]) },
    }
}

fn rule(rule: &Rule) -> TokenStream {
    match rule {
        Rule::Endpoint { conditions, endpoint } => {
            let conditions = conditions.iter().map(condition);
            let endpoint = endpoint_template(endpoint);
            quote! { Rule::Endpoint { conditions: &[ #( #conditions ),* ], endpoint: #endpoint } }
        }
        Rule::Error { conditions, message } => {
            let conditions = conditions.iter().map(condition);
            let message = expr(message);
            quote! { Rule::Error { conditions: &[ #( #conditions ),* ], message: #message } }
        }
        Rule::Tree { conditions, rules } => {
            let conditions = conditions.iter().map(condition);
            let rules = rules.iter().map(self::rule);
            quote! { Rule::Tree { conditions: &[ #( #conditions ),* ], rules: &[ #( #rules ),* ] } }
        }
    }
}

fn condition(condition: &Condition) -> TokenStream {
    let Condition { call: function_call, assign } = condition;
    let call = call(function_call);
    let assign = option(assign.as_ref().map(|name| quote! { #name }));
    quote! { Condition { call: #call, assign: #assign } }
}

fn call(call: &Call) -> TokenStream {
    let Call { function, args } = call;
    let args = args.iter().map(expr);
    quote! { Call { function: #function, args: &[ #( #args ),* ] } }
}

fn expr(expr: &Expr) -> TokenStream {
    match expr {
        Expr::Template(text) => quote! { Expr::Template(#text) },
        Expr::Bool(value) => quote! { Expr::Bool(#value) },
        Expr::Int(value) => {
            let value = TokenLiteral::i64_unsuffixed(*value);
            quote! { Expr::Int(#value) }
        }
        Expr::Ref(name) => quote! { Expr::Ref(#name) },
        Expr::Call(inner) => {
            let inner = call(inner);
            quote! { Expr::Call(#inner) }
        }
        Expr::Array(items) => {
            let items = items.iter().map(self::expr);
            quote! { Expr::Array(&[ #( #items ),* ]) }
        }
        Expr::Object(fields) => {
            let fields = fields.iter().map(|(key, value)| {
                let value = self::expr(value);
                quote! { (#key, #value) }
            });
            quote! { Expr::Object(&[ #( #fields ),* ]) }
        }
    }
}

fn endpoint_template(endpoint: &EndpointTemplate) -> TokenStream {
    let EndpointTemplate { url, headers, properties } = endpoint;
    let url = expr(url);
    let headers = headers.iter().map(|(name, values)| {
        let values = values.iter().map(expr);
        quote! { (#name, &[ #( #values ),* ]) }
    });
    let properties = properties.iter().map(|(name, value)| {
        let value = expr(value);
        quote! { (#name, #value) }
    });
    quote! { EndpointTemplate { url: #url, headers: &[ #( #headers ),* ], properties: &[ #( #properties ),* ] } }
}

fn partition(partition: &Partition) -> TokenStream {
    let Partition { id, region_regex, regions, outputs } = partition;
    let PartitionOutputs {
        name,
        dns_suffix,
        dual_stack_dns_suffix,
        supports_fips,
        supports_dual_stack,
        implicit_global_region,
    } = outputs;
    quote! {
        PartitionData {
            id: #id,
            region_regex: #region_regex,
            regions: &[ #( #regions ),* ],
            outputs: OutputsData {
                name: #name,
                dns_suffix: #dns_suffix,
                dual_stack_dns_suffix: #dual_stack_dns_suffix,
                supports_fips: #supports_fips,
                supports_dual_stack: #supports_dual_stack,
                implicit_global_region: #implicit_global_region,
            },
        }
    }
}

fn option(value: Option<TokenStream>) -> TokenStream {
    match value {
        Some(value) => quote! { Some(#value) },
        None => quote! { None },
    }
}

/// One `#[test]` per case of the model's `endpointTests`, named after its documentation.
fn tests_module(tests: &[EndpointTest]) -> TokenStream {
    if tests.is_empty() {
        return TokenStream::new();
    }
    let width = tests.len().saturating_sub(1).to_string().len();
    let cases = tests.iter().enumerate().map(|(index, test)| {
        let EndpointTest { documentation, params, expect } = test;
        let snake = documentation.as_deref().unwrap_or_default().to_snake_case();
        let mut words = String::new();
        for word in snake.split('_').filter(|word| !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric()))
        {
            if words.len() + word.len() > 60 {
                break;
            }
            if !words.is_empty() {
                words.push('_');
            }
            words.push_str(word);
        }
        let ident = if words.is_empty() {
            format_ident!("case_{:0width$}", index)
        } else {
            format_ident!("case_{:0width$}_{}", index, words)
        };
        // Through `docs`, as every doc comment: an empty line when the test has no documentation.
        let mut doc_lines: Vec<String> =
            documentation.as_deref().unwrap_or_default().lines().map(str::to_owned).collect();
        if doc_lines.is_empty() {
            doc_lines.push(String::new());
        }
        let doc = docs(&doc_lines);
        let params = params.iter().map(|(name, value)| {
            let value = value_tokens(value);
            quote! { (#name, #value) }
        });
        let check = match expect {
            Expectation::Error(message) => quote! {
                let error = resolve(&params, &Partitions::default()).err();
                assert_eq!(error.map(|error| error.to_string()).as_deref(), Some(#message));
            },
            Expectation::Endpoint { url, headers, properties } => {
                // Header order is not part of the contract; compare sorted.
                let mut headers = headers.clone();
                headers.sort();
                let headers = headers.iter().map(|(name, values)| {
                    let values = values.iter();
                    quote! { (#name.to_owned(), vec![ #( #values.to_owned() ),* ]) }
                });
                let properties = properties.iter().map(|(name, value)| {
                    let value = document(value);
                    quote! { (#name.to_owned(), #value) }
                });
                quote! {
                    let endpoint = resolve(&params, &Partitions::default()).unwrap_or_else(|error| panic!("{error}"));
                    assert_eq!(endpoint.url(), #url);
                    let mut headers = endpoint.headers().to_vec();
                    headers.sort();
                    let expected: Vec<(String, Vec<String>)> = vec![ #( #headers ),* ];
                    assert_eq!(headers, expected);
                    let properties: BTreeMap<String, Value> = BTreeMap::from([ #( #properties ),* ]);
                    assert_eq!(endpoint.properties(), &properties);
                }
            }
        };
        quote! {
            #doc
            #[test]
            fn #ident() {
                let params: Vec<(&str, Value)> = vec![ #( #params ),* ];
                #check
            }
        }
    });
    let map_import = if tests.iter().any(|test| matches!(test.expect, Expectation::Endpoint { .. })) {
        quote! { use std::collections::BTreeMap; }
    } else {
        TokenStream::new()
    };
    quote! {
        /// The model's `endpointTests`, one test per case.
        #[cfg(test)]
        mod tests {
            #map_import

            use crate::endpoint::{resolve, Partitions, Value};

            #( #cases )*
        }
    }
}

fn value_tokens(value: &Literal) -> TokenStream {
    match value {
        Literal::Bool(value) => quote! { Value::Bool(#value) },
        Literal::Str(value) => quote! { Value::String(#value.to_owned()) },
        Literal::StrArray(values) => quote! { Value::Array(vec![ #( Value::String(#values.to_owned()) ),* ]) },
    }
}

fn document(value: &Document) -> TokenStream {
    match value {
        Document::Null => quote! { Value::None },
        Document::Bool(value) => quote! { Value::Bool(#value) },
        Document::Int(value) => {
            let value = TokenLiteral::i64_unsuffixed(*value);
            quote! { Value::Int(#value) }
        }
        Document::String(value) => quote! { Value::String(#value.to_owned()) },
        Document::Array(items) => {
            let items = items.iter().map(document);
            quote! { Value::Array(vec![ #( #items ),* ]) }
        }
        Document::Object(fields) => {
            let fields = fields.iter().map(|(key, value)| {
                let value = document(value);
                quote! { (#key.to_owned(), #value) }
            });
            quote! { Value::Object(BTreeMap::from([ #( #fields ),* ])) }
        }
    }
}
