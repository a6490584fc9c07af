//! `src/protocol_tests.rs`: one unit test per `smithy.test` case of the generated operations.
//! The checks themselves are the runtime's (`runtime::test_util`).

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::rust::{docs, inner_docs, rust_type, type_path};
use super::value::{float_literal, int_literal};
use crate::lower::ir::{
    CannedResponse, Expected, ExpectedRequest, ProtocolTests, RequestCase, ResponseCase, TestValue,
};

pub fn emit(tests: &ProtocolTests) -> TokenStream {
    let ProtocolTests { requests, responses, skipped } = tests;
    let mut lines = vec![
        "Smithy's protocol compliance tests of this crate's operations, from the model's".to_owned(),
        "`smithy.test#httpRequestTests` and `smithy.test#httpResponseTests`.".to_owned(),
    ];
    if !skipped.is_empty() {
        lines.push(String::new());
        lines.push("Cases not generated, and why:".to_owned());
        lines.push(String::new());
        lines.extend(skipped.iter().map(|(id, reason)| format!("- `{id}`: {reason}")));
    }
    let module_docs = inner_docs(&lines);
    let requests = requests.iter().map(request_test);
    let responses = responses.iter().map(response_test);
    quote! {
        #module_docs

        mod requests {
            #( #requests )*
        }

        mod responses {
            #( #responses )*
        }
    }
}

fn request_test(case: &RequestCase) -> TokenStream {
    let RequestCase { name, id: _, docs: doc_lines, method, input, request } = case;
    let ExpectedRequest {
        method: http_method,
        uri,
        host,
        resolved_host,
        query_params,
        forbid_query_params,
        require_query_params,
        headers,
        forbid_headers,
        require_headers,
        body,
        body_media_type,
    } = request;
    let doc_attrs = docs(doc_lines);
    let name = name.ident();
    let method = method.ident();
    let setters = input.iter().map(|(setter, value)| {
        let setter = setter.ident();
        let value = value_expr(value);
        quote! { .#setter(#value) }
    });
    let host = option_str(host.as_deref());
    let resolved_host = option_str(resolved_host.as_deref());
    let header_pairs = headers.iter().map(|(name, value)| quote! { (#name, #value) });
    let body = option_str(body.as_deref());
    let body_media_type = option_str(body_media_type.as_deref());
    quote! {
        #doc_attrs
        #[test]
        fn #name() {
            let (config, transport) = runtime::test_util::config(#host);
            let client = crate::Client::from_conf(config);
            // What the call returns does not matter here, only what it sent.
            let _ = runtime::test_util::block_on(client.#method() #( #setters )* .send());
            runtime::test_util::check_request(
                &transport.request(),
                &runtime::test_util::ExpectedRequest {
                    method: #http_method,
                    uri: #uri,
                    resolved_host: #resolved_host,
                    query_params: &[#( #query_params ),*],
                    forbid_query_params: &[#( #forbid_query_params ),*],
                    require_query_params: &[#( #require_query_params ),*],
                    headers: &[#( #header_pairs ),*],
                    forbid_headers: &[#( #forbid_headers ),*],
                    require_headers: &[#( #require_headers ),*],
                    body: #body,
                    body_media_type: #body_media_type,
                },
            );
        }
    }
}

fn response_test(case: &ResponseCase) -> TokenStream {
    let ResponseCase { name, id: _, docs: doc_lines, module, operation, stream, response, expect } = case;
    let CannedResponse { code, headers, body } = response;
    let doc_attrs = docs(doc_lines);
    let name = name.ident();
    let module = module.ident();
    let operation = format_ident!("{operation}");
    let header_pairs = headers.iter().map(|(name, value)| quote! { (#name, #value) });
    let body = body.as_deref().unwrap_or_default();
    let code = Literal::u16_unsuffixed(*code);
    let check = match expect {
        // A stream is compared by what it holds; the rest, which has no `PartialEq` beside a
        // stream, by its `Debug` text.
        Expected::Output(value) if stream.is_some() => {
            let field = stream.as_ref().map(crate::lower::naming::RustIdent::ident);
            let expected = value_expr(value);
            quote! {
                let mut output = result.expect("the response is the operation's output");
                let mut expected = #expected;
                let body = runtime::test_util::block_on(std::mem::take(&mut output.#field).collect());
                let expected_body = runtime::test_util::block_on(std::mem::take(&mut expected.#field).collect());
                assert_eq!(body.expect("the body"), expected_body.expect("the expected body"));
                runtime::test_util::assert_same_debug(&output, &expected);
            }
        }
        Expected::Output(value) => {
            let expected = value_expr(value);
            let check = same(value, &quote! { output }, &quote! { expected });
            quote! {
                let output = result.expect("the response is the operation's output");
                let expected = #expected;
                #check
            }
        }
        Expected::Error { error_enum, variant, value } => {
            let error_enum = format_ident!("{error_enum}");
            let variant = format_ident!("{variant}");
            let expected = value_expr(value);
            let check = same(value, &quote! { *error }, &quote! { expected });
            quote! {
                let error = result.expect_err("the response is an error");
                let error = error.service_error().expect("the service's error");
                let expected = crate::operation::#module::#error_enum::#variant(#expected);
                #check
            }
        }
    };
    let read = if stream.is_some() {
        quote! {
            let result = runtime::test_util::block_on(
                runtime::invoke::read_streaming_response::<crate::operation::#module::#operation>(&response),
            );
        }
    } else {
        quote! {
            let result = runtime::invoke::read_response::<crate::operation::#module::#operation>(&response);
        }
    };
    quote! {
        #doc_attrs
        #[test]
        fn #name() {
            let response = runtime::test_util::response(&runtime::test_util::CannedResponse {
                code: #code,
                headers: &[#( #header_pairs ),*],
                body: #body,
            });
            #read
            #check
        }
    }
}

/// `actual == expected`, or, when the expected value holds NaN (never equal to itself), equal
/// `Debug` text.
fn same(value: &TestValue, actual: &TokenStream, expected: &TokenStream) -> TokenStream {
    if has_nan(value) {
        quote! { runtime::test_util::assert_same_debug(&#actual, &#expected); }
    } else {
        quote! { assert_eq!(#actual, #expected); }
    }
}

fn has_nan(value: &TestValue) -> bool {
    match value {
        TestValue::Float { value, .. } => value.is_nan(),
        TestValue::Some(inner) => has_nan(inner),
        TestValue::List { items, .. } => items.iter().any(has_nan),
        TestValue::Map { entries, .. } => entries.iter().any(|(_, entry)| has_nan(entry)),
        TestValue::Structure { members, .. } => members.iter().any(|(_, member)| has_nan(member)),
        TestValue::Union { value, .. } => value.as_deref().is_some_and(has_nan),
        TestValue::Null
        | TestValue::Bool(_)
        | TestValue::Int { .. }
        | TestValue::String(_)
        | TestValue::Timestamp(_)
        | TestValue::Blob(_)
        | TestValue::Stream(_)
        | TestValue::Document(_)
        | TestValue::Enum { .. } => false,
    }
}

fn option_str(text: Option<&str>) -> TokenStream {
    match text {
        Some(text) => quote! { Some(#text) },
        None => quote! { None },
    }
}

/// The Rust expression that builds `value`.
fn value_expr(value: &TestValue) -> TokenStream {
    match value {
        TestValue::Null => quote! { None },
        TestValue::Some(inner) => {
            let inner = value_expr(inner);
            quote! { Some(#inner) }
        }
        TestValue::Bool(value) => quote! { #value },
        TestValue::Int { value, ty } => int_literal(*value, ty),
        TestValue::Float { value, ty } => float_literal(*value, ty),
        TestValue::String(text) => quote! { String::from(#text) },
        TestValue::Timestamp(secs) => {
            let secs = Literal::f64_suffixed(*secs);
            quote! { crate::primitives::Timestamp::from_secs_f64(#secs).expect("a timestamp in range") }
        }
        TestValue::Blob(text) => quote! { crate::primitives::Blob::new(#text) },
        TestValue::Stream(text) => quote! { crate::primitives::ByteStream::from(#text.as_bytes().to_vec()) },
        TestValue::Document(json) => {
            quote! { serde_json::from_str::<serde_json::Value>(#json).expect("a JSON document") }
        }
        TestValue::Enum { path, value } => {
            let path = type_path(path, None);
            quote! { #path::from(#value) }
        }
        TestValue::List { item, items } => {
            // The items' own types name the list's, unless there is none to look at.
            if items.iter().all(|item| matches!(item, TestValue::Null)) {
                let item = rust_type(item, None);
                let items = items.iter().map(value_expr);
                quote! { Vec::<#item>::from([#( #items ),*]) }
            } else {
                let items = items.iter().map(value_expr);
                quote! { vec![#( #items ),*] }
            }
        }
        TestValue::Map { key, value, entries } => {
            let typed = entries.iter().all(|(_, entry)| matches!(entry, TestValue::Null));
            let key_ty = rust_type(key, None);
            let value = rust_type(value, None);
            let entries = entries.iter().map(|(text, entry)| {
                let entry = value_expr(entry);
                // Keys are strings or enums (`From<&str>`).
                quote! { (#key_ty::from(#text), #entry) }
            });
            if typed {
                quote! { std::collections::HashMap::<#key_ty, #value>::from([#( #entries ),*]) }
            } else {
                quote! { std::collections::HashMap::from([#( #entries ),*]) }
            }
        }
        TestValue::Structure { path, fallible, members } => {
            let path = type_path(path, None);
            let setters = members.iter().map(|(setter, value)| {
                let setter = setter.ident();
                let value = value_expr(value);
                quote! { .#setter(#value) }
            });
            let built = quote! { #path::builder() #( #setters )* .build() };
            if *fallible {
                quote! { #built.expect("every required member is set") }
            } else {
                built
            }
        }
        TestValue::Union { path, variant, value } => {
            let path = type_path(path, None);
            let variant = variant.ident();
            match value {
                Some(value) => {
                    let value = value_expr(value);
                    quote! { #path::#variant(#value) }
                }
                None => quote! { #path::#variant },
            }
        }
    }
}
