//! The protocol seam of the emitters: the input written as a request, as the operation's
//! [`RequestForm`] says (restJson1's path labels, query string, headers, JSON body or payload;
//! awsJson's `POST /` with the whole input as JSON), and the output read from a response (body,
//! and in restJson1 headers and status).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::rust::{rust_type, WireLeaf};
use crate::error::Error;
use crate::lower::ir::{
    Binding, HostPart, Http, Member, Operation, PayloadKind, RequestForm, RustType, Structure, TimestampFormat, UriPart,
};

/// Where a value is written as text: each location has its default timestamp format.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Location {
    Label,
    Query,
    Header,
}

/// `impl Input { fn to_http_request(&self) }`.
pub fn request_impl(operation: &Operation) -> Result<TokenStream, Error> {
    match &operation.request {
        RequestForm::Rest { http, uri } => rest_request(operation, http, uri),
        RequestForm::Rpc { target, content_type, query_mode } => {
            rpc_request(operation, target, content_type, *query_mode)
        }
    }
}

/// What every protocol adds to a request the same way: `@endpoint`'s host prefix (its setup
/// statements and the `host_prefix` value), `@httpChecksumRequired`'s `Content-MD5` (a statement
/// after `body` and `headers`), and `@requestCompression` (the `compress` value).
struct Extras {
    host_prefix_setup: TokenStream,
    host_prefix: TokenStream,
    checksum: TokenStream,
    compress: TokenStream,
}

/// The input member a label names; the lowering guarantees it, so its absence is a bug.
fn input_member<'a>(
    operation: &'a Operation,
    field: &crate::lower::naming::RustIdent,
    what: &str,
) -> Result<&'a Member, Error> {
    let Operation { input, name, .. } = operation;
    input.members.iter().find(|member| &member.field == field).ok_or_else(|| unsupported(name, what))
}

fn extras(operation: &Operation) -> Result<Extras, Error> {
    let Operation { host_prefix, checksum_required, gzip_request, name, .. } = operation;
    // `@endpoint`: the text to put before the endpoint's host, labels filled in.
    let (host_prefix_setup, host_prefix) = if host_prefix.is_empty() {
        (TokenStream::new(), quote! { None })
    } else {
        let pushes = host_prefix
            .iter()
            .map(|part| match part {
                HostPart::Literal(text) => Ok(push_literal(&format_ident!("host_prefix"), text)),
                HostPart::Label(field) => {
                    let member = input_member(operation, field, "a host label without its member")?;
                    let value = format_ident!("value");
                    let text = to_str(&member.value_ty, &value, Location::Label, member.timestamp_format, name)?;
                    Ok(bind_value(member, &value, quote! { host_prefix.push_str(#text); }))
                }
            })
            .collect::<Result<Vec<_>, Error>>()?;
        (quote! { let mut host_prefix = String::new(); #( #pushes )* }, quote! { Some(host_prefix) })
    };
    // A stream's checksum is the runtime's to compute (`RequestStream::content_md5`).
    let checksum = if *checksum_required && operation.input_stream.is_none() {
        quote! { headers.push(("content-md5".to_owned(), runtime::checksum::content_md5(&body))); }
    } else {
        TokenStream::new()
    };
    let compress = if *gzip_request {
        quote! { Some(runtime::compression::gzip) }
    } else {
        quote! { None }
    };
    Ok(Extras { host_prefix_setup, host_prefix, checksum, compress })
}

/// awsJson: `POST /`, the operation named by `X-Amz-Target`, the whole input as a JSON object
/// (`{}` when it has no members); HTTP binding traits play no part.
fn rpc_request(
    operation: &Operation,
    target: &str,
    content_type: &str,
    query_mode: bool,
) -> Result<TokenStream, Error> {
    let Extras { host_prefix_setup, host_prefix, checksum, compress } = extras(operation)?;
    let input_name = format_ident!("{}", operation.input.path.name);
    let query_mode = if query_mode {
        quote! { ("x-amzn-query-mode".to_owned(), "true".to_owned()), }
    } else {
        TokenStream::new()
    };
    let headers_mut = if checksum.is_empty() {
        TokenStream::new()
    } else {
        quote! { mut }
    };
    let doc = format!(" The input as an HTTP request: `POST /` with the input as JSON (`{content_type}`).");
    Ok(quote! {
        impl #input_name {
            #[doc = #doc]
            pub(crate) fn to_http_request(&self) -> Result<runtime::invoke::HttpRequest, serde_json::Error> {
                let body = serde_json::to_vec(self)?;
                let #headers_mut headers = vec![("x-amz-target".to_owned(), #target.to_owned()), #query_mode];
                #checksum
                #host_prefix_setup
                Ok(runtime::invoke::HttpRequest {
                    method: "POST",
                    path: "/".to_owned(),
                    headers,
                    body,
                    content_type: Some(#content_type),
                    host_prefix: #host_prefix,
                    compress: #compress,
                    stream: None,
                })
            }
        }
    })
}

/// restJson1: members where their HTTP bindings say, the rest as the JSON body (or the payload).
fn rest_request(operation: &Operation, http: &Http, uri: &[UriPart]) -> Result<TokenStream, Error> {
    let Operation { input, name, .. } = operation;
    let Http { method, .. } = http;
    let input_name = format_ident!("{}", input.path.name);

    let mut path = Vec::new();
    for part in uri {
        path.push(match part {
            UriPart::Literal(text) => push_literal(&format_ident!("path"), text),
            UriPart::Label { field, greedy } => {
                let member = input_member(operation, field, "a label without its member")?;
                let value = format_ident!("value");
                let text = to_str(&member.value_ty, &value, Location::Label, member.timestamp_format, name)?;
                let write = quote! { path.push_str(&runtime::protocol::encode_label(#text, #greedy)); };
                bind_value(member, &value, write)
            }
        });
    }

    let mut query = Vec::new();
    // `@httpQueryParams` never override `@httpQuery` members, whatever their order in the model:
    // the maps are written last, skipping the keys already there.
    let mut query_params = Vec::new();
    let mut headers = Vec::new();
    let mut payload = None;
    // A streaming payload's `@mediaType`: the body is put in by the call (`RequestStream`).
    let mut stream: Option<Option<&str>> = None;
    let mut has_body_members = false;
    for member in &input.members {
        let value = format_ident!("value");
        match &member.binding {
            Binding::Body => has_body_members = true,
            // Input event streams are refused by lowering (`lower::streams`); event headers are
            // events' own.
            Binding::Label | Binding::ResponseCode | Binding::EventHeader(_) => {}
            Binding::Stream { media_type } => stream = Some(media_type.as_deref()),
            Binding::Query(key) => {
                let write = match &member.value_ty {
                    RustType::Vec(item_ty) => {
                        let item = format_ident!("item");
                        let text = to_str(item_ty, &item, Location::Query, member.timestamp_format, name)?;
                        quote! { for #item in #value { query.push(#key, #text); } }
                    }
                    ty => {
                        let text = to_str(ty, &value, Location::Query, member.timestamp_format, name)?;
                        quote! { query.push(#key, #text); }
                    }
                };
                query.push(bind_value(member, &value, write));
            }
            Binding::QueryParams => {
                let write = match &member.value_ty {
                    RustType::Map(_, item) if matches!(**item, RustType::Vec(_)) => quote! {
                        for (key, items) in #value {
                            if !query.contains(key) {
                                for item in items { query.push(key, item); }
                            }
                        }
                    },
                    RustType::Map(..) => quote! {
                        for (key, item) in #value {
                            if !query.contains(key) { query.push(key, item); }
                        }
                    },
                    _ => return Err(unsupported(name, "`@httpQueryParams` on something other than a map")),
                };
                query_params.push(bind_value(member, &value, write));
            }
            Binding::Header(header) => {
                let header = header.to_ascii_lowercase();
                let write = match &member.value_ty {
                    RustType::Vec(item_ty) if **item_ty == RustType::String => quote! {
                        headers.push((#header.to_owned(), runtime::protocol::join_header_list(#value.iter().map(String::as_str))));
                    },
                    RustType::Vec(item_ty) => {
                        let item = format_ident!("item");
                        let text = to_text(item_ty, &item, Location::Header, member.timestamp_format, name)?;
                        // HTTP dates carry a comma of their own and go unquoted (restJson1).
                        let join = if is_http_date(item_ty, member.timestamp_format) {
                            quote! { items.join(", ") }
                        } else {
                            quote! { runtime::protocol::join_header_list(items.iter().map(String::as_str)) }
                        };
                        quote! {
                            let items: Vec<String> = #value.iter().map(|#item| #text).collect();
                            headers.push((#header.to_owned(), #join));
                        }
                    }
                    ty => {
                        let text = to_text(ty, &value, Location::Header, member.timestamp_format, name)?;
                        quote! { headers.push((#header.to_owned(), #text)); }
                    }
                };
                headers.push(bind_value(member, &value, write));
            }
            Binding::Base64Header(header) => {
                let header = header.to_ascii_lowercase();
                let write = quote! {
                    headers.push((#header.to_owned(), crate::primitives::Blob::new(#value.as_str()).to_base64()));
                };
                headers.push(bind_value(member, &value, write));
            }
            Binding::PrefixHeaders(prefix) => {
                let prefix = prefix.to_ascii_lowercase();
                let write = quote! {
                    for (key, item) in #value {
                        headers.push((format!("{}{}", #prefix, key.to_ascii_lowercase()), item.clone()));
                    }
                };
                headers.push(bind_value(member, &value, write));
            }
            Binding::Payload { media_type, kind } => payload = Some((member, media_type.as_deref(), *kind)),
        }
    }

    // An input with body members or a payload gets a `Content-Type`, even when nothing is set
    // (Smithy's empty-payload cases expect it); one without gets neither it nor a body. An
    // unset structure payload is still `{}`.
    let (body, content_type) = match payload {
        None if stream.is_some() => {
            let content_type = stream.flatten().unwrap_or("application/octet-stream");
            (quote! { let body = Vec::new(); }, quote! { Some(#content_type) })
        }
        Some((member, media_type, kind)) => {
            let value = format_ident!("value");
            let (bytes, content_type) = match kind {
                PayloadKind::Text => {
                    (quote! { #value.as_str().as_bytes().to_vec() }, media_type.unwrap_or("text/plain"))
                }
                PayloadKind::Blob => {
                    (quote! { #value.as_ref().to_vec() }, media_type.unwrap_or("application/octet-stream"))
                }
                PayloadKind::Structure | PayloadKind::Json => {
                    (quote! { serde_json::to_vec(#value)? }, "application/json")
                }
            };
            let field = member.field.ident();
            let body = if member.is_optional() {
                let unset = if kind == PayloadKind::Structure {
                    quote! { b"{}".to_vec() }
                } else {
                    quote! { Vec::new() }
                };
                quote! {
                    let body = match &self.#field {
                        Some(#value) => #bytes,
                        None => #unset,
                    };
                }
            } else {
                quote! { let body = { let #value = &self.#field; #bytes }; }
            };
            (body, quote! { Some(#content_type) })
        }
        // The serde form holds every member; the body, only those bound to it.
        None if has_body_members && input.all_in_body() => {
            (quote! { let body = serde_json::to_vec(self)?; }, quote! { Some("application/json") })
        }
        None if has_body_members => (
            quote! { let body = serde_json::to_vec(&runtime::protocol::object::Body(self))?; },
            quote! { Some("application/json") },
        ),
        None => (quote! { let body = Vec::new(); }, quote! { None }),
    };
    query.append(&mut query_params);
    let query_setup = if query.is_empty() {
        TokenStream::new()
    } else {
        quote! { let mut query = runtime::protocol::Query::default(); }
    };
    let path_field = if query.is_empty() {
        quote! { path }
    } else {
        quote! { path: query.append_to(path) }
    };
    let Extras { host_prefix_setup, host_prefix, checksum, compress } = extras(operation)?;
    let headers_setup = if headers.is_empty() && checksum.is_empty() {
        quote! { let headers = Vec::new(); }
    } else {
        quote! { let mut headers = Vec::new(); }
    };
    let write_body = if payload.is_none() && has_body_members { write_body(input) } else { TokenStream::new() };
    Ok(quote! {
        #write_body

        impl #input_name {
            /// The input as an HTTP request: labels in the path, query parameters, headers and
            /// the JSON body (restJson1).
            pub(crate) fn to_http_request(&self) -> Result<runtime::invoke::HttpRequest, serde_json::Error> {
                let mut path = String::new();
                #( #path )*
                #query_setup
                #( #query )*
                #headers_setup
                #( #headers )*
                #body
                #checksum
                #host_prefix_setup
                Ok(runtime::invoke::HttpRequest {
                    method: #method,
                    #path_field,
                    headers,
                    body,
                    content_type: #content_type,
                    host_prefix: #host_prefix,
                    compress: #compress,
                    stream: None,
                })
            }
        }
    })
}

/// The request body of an input whose members are partly bound elsewhere: a JSON object of the
/// members bound to the body, written as the structure's serde form writes them. Nothing when
/// every member is in the body (the serde form is the body).
fn write_body(input: &Structure) -> TokenStream {
    if input.all_in_body() {
        return TokenStream::new();
    }
    let name = format_ident!("{}", input.path.name);
    let type_name = &input.path.name;
    let body: Vec<&Member> = input.members.iter().filter(|member| member.binding == Binding::Body).collect();
    let count = proc_macro2::Literal::usize_unsuffixed(body.len());
    let value = format_ident!("value");
    let writes = body.iter().map(|member| {
        let wire = &member.wire;
        let written = match WireLeaf::of(&member.value_ty, member.timestamp_format) {
            Some(leaf) => {
                let kind = leaf.kind();
                quote! { &runtime::protocol::wire::Ser(#value, std::marker::PhantomData::<#kind>) }
            }
            None => quote! { #value },
        };
        bind_value(member, &value, quote! { object.serialize_field(#wire, #written)?; })
    });
    quote! {
        impl runtime::protocol::object::WriteBody for #name {
            fn write_body<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct as _;
                let mut object = serializer.serialize_struct(#type_name, #count)?;
                #( #writes )*
                object.end()
            }
        }
    }
}

/// Runs `write` with `value` bound to the member's value, when it is set.
fn bind_value(member: &Member, value: &Ident, write: TokenStream) -> TokenStream {
    let field = member.field.ident();
    if member.is_optional() {
        quote! { if let Some(#value) = &self.#field { #write } }
    } else {
        quote! { { let #value = &self.#field; #write } }
    }
}

/// A `&str` expression of `value` (a reference to a `ty`) as the location writes it: the value
/// itself where it already is text, else the `String` of [`to_text`], borrowed.
fn to_str(
    ty: &RustType,
    value: &Ident,
    location: Location,
    format: Option<TimestampFormat>,
    operation: &str,
) -> Result<TokenStream, Error> {
    Ok(match ty {
        RustType::String | RustType::Named(_) => quote! { #value.as_str() },
        RustType::Box(inner) => return to_str(inner, value, location, format, operation),
        _ => {
            let text = to_text(ty, value, location, format, operation)?;
            quote! { &#text }
        }
    })
}

/// Whether a header holds the type as an HTTP date (the default for timestamps in headers).
fn is_http_date(ty: &RustType, format: Option<TimestampFormat>) -> bool {
    *ty == RustType::Timestamp && matches!(format, Some(TimestampFormat::HttpDate) | None)
}

/// `target.push_str("text")`, or `target.push('/')` for one character, as clippy wants it.
fn push_literal(target: &Ident, text: &str) -> TokenStream {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => quote! { #target.push(#c); },
        _ => quote! { #target.push_str(#text); },
    }
}

/// A `String` expression of `value` (a reference to a `ty`) as the location writes it.
fn to_text(
    ty: &RustType,
    value: &Ident,
    location: Location,
    format: Option<TimestampFormat>,
    operation: &str,
) -> Result<TokenStream, Error> {
    Ok(match ty {
        RustType::String => quote! { #value.clone() },
        RustType::Bool | RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64 => quote! { #value.to_string() },
        RustType::F32 | RustType::F64 => quote! { runtime::protocol::float_text(*#value) },
        RustType::Timestamp => match (format, location) {
            (Some(TimestampFormat::EpochSeconds), _) => quote! { #value.to_epoch_seconds_string() },
            (Some(TimestampFormat::HttpDate), _) | (None, Location::Header) => quote! { #value.to_http_date() },
            (Some(TimestampFormat::DateTime), _) | (None, _) => quote! { #value.to_string() },
        },
        RustType::Blob => quote! { crate::primitives::Blob::to_base64(#value) },
        RustType::Named(_) => quote! { #value.as_str().to_owned() },
        RustType::Box(inner) => return to_text(inner, value, location, format, operation),
        _ => {
            return Err(unsupported(
                operation,
                "a list, map, structure or document bound to the URI, query or a header",
            ))
        }
    })
}

/// `fn deserialize_output(..)` of the operation: the JSON body (or payload), then the members
/// bound to headers and to the status code.
pub fn output_reader(output: &Structure, operation: &str) -> Result<TokenStream, Error> {
    let output_name = format_ident!("{}", output.path.name);
    let payload = output.members.iter().find(|member| matches!(member.binding, Binding::Payload { .. }));
    let body_members = output.members.iter().any(|member| member.binding == Binding::Body);
    let read_body = match payload {
        // Nothing is read from the body, so whatever a proxy or service puts there (`OK`, stray
        // text) is no error, as botocore has it.
        None if !body_members => {
            quote! { let mut output: #output_name = serde_json::from_slice(b"{}").map_err(|err| err.to_string())?; }
        }
        // An error names the member where reading stopped.
        None if output.all_in_body() => {
            quote! { let mut output: #output_name = runtime::protocol::json_path::read(body)?; }
        }
        // The body holds only the members bound to it; the serde form would take the others too.
        None => quote! {
            let runtime::protocol::object::Body::<#output_name>(mut output) = runtime::protocol::json_path::read(body)?;
        },
        Some(member) => {
            let field = member.field.ident();
            let text = quote! { String::from_utf8(response.body().clone()).map_err(|err| err.to_string())? };
            let value = match (&member.binding, &member.value_ty) {
                (Binding::Payload { kind: PayloadKind::Text, .. }, RustType::String) => text,
                (Binding::Payload { kind: PayloadKind::Text, .. }, ty) => {
                    let ty = rust_type(ty, None);
                    quote! { <#ty>::from(#text.as_str()) }
                }
                (Binding::Payload { kind: PayloadKind::Blob, .. }, _) => {
                    quote! { crate::primitives::Blob::new(response.body().clone()) }
                }
                _ => quote! { runtime::protocol::json_path::read(body)? },
            };
            let value = if member.is_optional() {
                quote! { Some(#value) }
            } else {
                value
            };
            quote! {
                let mut output: #output_name = serde_json::from_slice(b"{}").map_err(|err| err.to_string())?;
                if !response.body().is_empty() {
                    output.#field = #value;
                }
            }
        }
    };
    let reads = header_reads(output, &quote! { output }, operation)?;
    // Most outputs need nothing but the body.
    let response_param = if reads.is_empty() && payload.is_none() {
        quote! { _response }
    } else {
        quote! { response }
    };
    // A blob or string payload is the raw body, and an output without body members reads no
    // body: the JSON view of it goes unused.
    let body_unused = payload.is_some_and(|member| {
        matches!(member.binding, Binding::Payload { kind: PayloadKind::Text | PayloadKind::Blob, .. })
    }) || (payload.is_none() && !body_members);
    let body_param = if body_unused {
        quote! { _body }
    } else {
        quote! { body }
    };
    Ok(quote! {
        fn deserialize_output(
            #response_param: &crate::http::Response,
            #body_param: &[u8],
            request_id: Option<String>,
        ) -> Result<Self::Output, String> {
            #read_body
            #( #reads )*
            output._request_id = request_id;
            Ok(output)
        }
    })
}

/// Statements that set the members bound to headers and to the status code on `target` (a
/// place of the structure's type), from `response`; a header that does not parse is an error
/// naming it.
pub fn header_reads(structure: &Structure, target: &TokenStream, operation: &str) -> Result<Vec<TokenStream>, Error> {
    let mut reads = Vec::new();
    for member in &structure.members {
        let field = member.field.ident();
        let optional = member.is_optional();
        let wrap = |value: TokenStream| {
            if optional {
                quote! { Some(#value) }
            } else {
                value
            }
        };
        match &member.binding {
            Binding::Header(header) | Binding::Base64Header(header) => {
                let header = header.to_ascii_lowercase();
                let text = format_ident!("text");
                let base64 = matches!(member.binding, Binding::Base64Header(_));
                let value = match &member.value_ty {
                    _ if base64 => quote! { runtime::protocol::header_text(#header, #text)? },
                    RustType::Vec(item_ty) => {
                        let item = format_ident!("item");
                        let split = if is_http_date(item_ty, member.timestamp_format) {
                            quote! { runtime::protocol::split_http_date_list(#text) }
                        } else {
                            quote! { runtime::protocol::split_header_list(#text) }
                        };
                        match from_text(item_ty, &item, &header, operation)? {
                            Parsed::Value(parsed) => quote! { #split.iter().map(|#item| #parsed).collect() },
                            Parsed::Fallible(parsed) => quote! {
                                #split.iter().map(|#item| #parsed).collect::<Result<Vec<_>, String>>()?
                            },
                        }
                    }
                    ty => match from_text(ty, &text, &header, operation)? {
                        Parsed::Value(parsed) => parsed,
                        Parsed::Fallible(parsed) => quote! { #parsed? },
                    },
                };
                let value = wrap(value);
                reads.push(quote! {
                    if let Some(#text) = runtime::protocol::header(response, #header) {
                        #target.#field = #value;
                    }
                });
            }
            Binding::PrefixHeaders(prefix) => {
                let prefix = prefix.to_ascii_lowercase();
                let value = wrap(quote! { headers });
                reads.push(quote! {
                    let headers = runtime::protocol::prefix_headers(response, #prefix);
                    if !headers.is_empty() {
                        #target.#field = #value;
                    }
                });
            }
            Binding::ResponseCode => {
                let value = wrap(quote! { i32::from(response.status().as_u16()) });
                reads.push(quote! { #target.#field = #value; });
            }
            Binding::Body
            | Binding::Payload { .. }
            | Binding::Label
            | Binding::Query(_)
            | Binding::QueryParams
            | Binding::Stream { .. }
            | Binding::EventHeader(_) => {}
        }
    }
    Ok(reads)
}

/// A value parsed from header text: an expression of the member's type, or one of
/// `Result<_, String>` whose error names the header.
enum Parsed {
    Value(TokenStream),
    Fallible(TokenStream),
}

/// The member's type parsed from the header text `text` (a `&str`). A timestamp is read in
/// whatever format the service sent it, as botocore reads it; only requests keep the model's.
fn from_text(ty: &RustType, text: &Ident, header: &str, operation: &str) -> Result<Parsed, Error> {
    Ok(match ty {
        RustType::String => Parsed::Value(quote! { #text.to_owned() }),
        RustType::Bool
        | RustType::I8
        | RustType::I16
        | RustType::I32
        | RustType::I64
        | RustType::F32
        | RustType::F64 => {
            let ty = rust_type(ty, None);
            Parsed::Fallible(quote! { runtime::protocol::parse_header::<#ty>(#header, #text) })
        }
        RustType::Timestamp => Parsed::Fallible(quote! {
            crate::primitives::Timestamp::parse_any(#text).map_err(|err| format!("header `{}`: {err}", #header))
        }),
        RustType::Blob => Parsed::Fallible(
            quote! { crate::primitives::Blob::from_base64(#text).map_err(|err| format!("header `{}`: {err}", #header)) },
        ),
        RustType::Named(path) => {
            let ty = super::rust::type_path(path, None);
            Parsed::Value(quote! { #ty::from(AsRef::<str>::as_ref(#text)) })
        }
        _ => return Err(unsupported(operation, "a list, map, structure or document read from a header")),
    })
}

/// A binding that lowering should have refused (`lower::bindings` names the member's JSON
/// path for each that a model can hold), met here all the same.
fn unsupported(operation: &str, what: &str) -> Error {
    Error::new(
        "$",
        format!("operation `{operation}` binds {what}, which lowering lets through; this is a generator bug"),
    )
}
