//! `src/endpoint.rs`, which resolves endpoints with the service's rule set, and
//! `src/endpoint/rules.rs`: the rule set as static data for the runtime's evaluator, and one
//! test per `endpointTests` case.
//!
//! A small evaluator over data, rather than code generated from each rule, keeps the generator
//! simple (this file only translates data) and the crate lean: the evaluator is compiled once,
//! and the rules cost a few kilobytes of statics. Resolution runs once per client, so the
//! interpretation overhead does not matter.

use heck::ToSnakeCase;
use proc_macro2::{Literal as TokenLiteral, TokenStream};
use quote::{format_ident, quote};

use super::rust::{docs, option};
use crate::lower::ir::{EndpointTest, Endpoints, RuleSet};
use crate::parse::rules::{
    Call, Condition, Document, EndpointTemplate, Expectation, Expr, Literal, Parameter, ParameterKind, Rule,
};

/// `src/endpoint.rs`: the same for every model, apart from the rule set it reads.
pub fn module() -> TokenStream {
    quote! {
        //! Where requests go: the endpoint resolved from the service model's endpoint rule set
        //! (`smithy.rules#endpointRuleSet`), which this crate holds as data for the runtime's
        //! interpreter of the [Smithy rules
        //! engine](https://smithy.io/2.0/additional-specs/rules-engine/). [`resolve`] turns
        //! parameters such as `Region`, `UseFIPS`, `UseDualStack` and `Endpoint` into an
        //! [`Endpoint`], or into the rule set's own error message.
        //!
        //! `aws.partition` reads a [`Partitions`] table: the runtime's own
        //! ([`Partitions::builtin`]) places regions it does not know by pattern (`eu-*`,
        //! `cn-*`, ...); a region of a partition it does not know at all needs a newer
        //! `partitions.json`, given with [`Partitions::from_json`].

        pub(crate) mod rules;

        pub use runtime::endpoint::{Endpoint, EndpointError, Partitions, PartitionsError, Value};

        /// Resolves the endpoint with the service's own rule set.
        ///
        /// `params` are the rule set's parameters by name (the AWS ones are usually `Region`,
        /// `UseFIPS`, `UseDualStack` and `Endpoint`). A parameter that is missing or
        /// [`Value::None`] takes the rule set's default; a name given twice takes the last
        /// value. A name the rule set does not declare, a value of the wrong type, or a
        /// required parameter left without a value is an error. `partitions` is the table
        /// `aws.partition` reads, usually [`Partitions::builtin`].
        pub fn resolve(params: &[(&str, Value)], partitions: &Partitions) -> Result<Endpoint, EndpointError> {
            rules::RULE_SET.resolve(params, partitions)
        }
    }
}

pub fn emit(endpoints: &Endpoints) -> TokenStream {
    let Endpoints { rule_set, tests } = endpoints;
    let rule_set = rule_set_tokens(rule_set);
    let tests = tests_module(tests);
    quote! {
        //! The service's endpoint rule set, as data for the runtime's evaluator.

        use runtime::endpoint::rules::*;

        /// The rule set of the service model.
        pub(crate) static RULE_SET: RuleSet = #rule_set;

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
                let error = resolve(&params, Partitions::builtin()).err();
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
                    let endpoint = resolve(&params, Partitions::builtin()).unwrap_or_else(|error| panic!("{error}"));
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
