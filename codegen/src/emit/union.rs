//! Unions: a Rust enum with one variant per member, written and read as a JSON object with
//! exactly one member, and `Unknown` for members added to the service later.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust::{deprecated, docs, rust_type, trait_method_allow, WireLeaf};
use crate::lower::ir::{EventLayout, EventMember, PayloadKind, RustType, Union, UnionVariant};

pub fn emit(union: &Union) -> TokenStream {
    let Union { shape_id, path, docs: doc_lines, deprecated: note, variants, fallback, event_stream, sent, received } =
        union;
    let name = format_ident!("{}", path.name);
    let module = Some(&path.module);
    let doc_attrs = docs(doc_lines);
    let deprecated = deprecated(note.as_ref());
    let shape_doc = format!(" Smithy shape `{shape_id}`.");
    let definitions = variants.iter().map(|UnionVariant { name, docs: doc_lines, ty, .. }| {
        let ident = name.ident();
        let doc_attrs = docs(doc_lines);
        match ty {
            Some(ty) => {
                let ty = rust_type(ty, module);
                quote! { #doc_attrs #ident(#ty), }
            }
            None => quote! { #doc_attrs #ident, },
        }
    });
    let serialize_arms = variants.iter().map(|UnionVariant { name, wire, ty, timestamp_format, .. }| {
        let ident = name.ident();
        // Floats and formatted timestamps as the JSON protocols write them, as in structures.
        match ty.as_ref().map(|ty| WireLeaf::of(ty, *timestamp_format)) {
            Some(Some(leaf)) => {
                let kind = leaf.kind();
                quote! {
                    Self::#ident(value) => map.serialize_entry(
                        #wire,
                        &runtime::protocol::wire::Ser::<#kind, _>(value, std::marker::PhantomData),
                    )?,
                }
            }
            Some(None) => quote! { Self::#ident(value) => map.serialize_entry(#wire, value)?, },
            None => quote! { Self::#ident => map.serialize_entry(#wire, &serde_json::Map::new())?, },
        }
    });
    let deserialize_arms = variants.iter().map(|UnionVariant { name: variant, wire, ty, timestamp_format, .. }| {
        let ident = variant.ident();
        match ty {
            Some(ty) => {
                let leaf = WireLeaf::of(ty, *timestamp_format);
                let ty = rust_type(ty, module);
                // An `Option`, read as structures read their members: `null` is no value.
                let value = match leaf {
                    Some(leaf) => {
                        let next = leaf.next();
                        quote! { #next(&mut map)? }
                    }
                    None => quote! { map.next_value::<Option<#ty>>()? },
                };
                quote! {
                    #wire => {
                        if let Some(value) = #value {
                            found = Some(#name::#ident(value));
                        }
                    }
                }
            }
            None => quote! {
                #wire => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                    found = Some(#name::#ident);
                }
            },
        }
    });
    let accessors = variants.iter().filter_map(|UnionVariant { name: variant, accessor, ty, .. }| {
        // A recursive variant's box stays out of the signature (clippy: borrowed_box).
        let (ty, value) = match ty.as_ref()? {
            RustType::Box(inner) => (rust_type(inner, module), quote! { value.as_ref() }),
            ty => (rust_type(ty, module), quote! { value }),
        };
        let ident = variant.ident();
        let allow = trait_method_allow(accessor);
        let method = accessor.ident();
        let doc = format!(" The value, when this is [`{0}`](Self::{0}).", variant.as_str());
        Some(quote! {
            #[doc = #doc]
            #allow
            pub fn #method(&self) -> Option<&#ty> {
                match self {
                    Self::#ident(value) => Some(#value),
                    _ => None,
                }
            }
        })
    });
    let expecting = format!("a `{}` union: an object with one member", path.name);
    let event_impl = if *event_stream && *received { event_impl(&name, variants) } else { TokenStream::new() };
    let marshall_impl = if *event_stream && *sent { marshall_impl(&name, variants) } else { TokenStream::new() };
    // Smithy's client error correction gives a missing required union an unknown variant.
    let fallback_impl = if *fallback {
        quote! {
            impl runtime::fallback::Fallback for #name {
                fn fallback() -> Self {
                    Self::Unknown
                }
            }
        }
    } else {
        TokenStream::new()
    };
    // Variants hold their values as the model has them: boxing the large ones, as clippy's
    // `large_enum_variant` would have it, would make every `match` on a union deref a box.
    quote! {
        #doc_attrs
        #[doc = ""]
        #[doc = #shape_doc]
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        #[allow(clippy::large_enum_variant)]
        #deprecated
        pub enum #name {
            #( #definitions )*
            /// A member this version of the crate does not know; its value is not kept.
            Unknown,
        }

        impl #name {
            #( #accessors )*
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut map = serializer.serialize_map(Some(1))?;
                match self {
                    #( #serialize_arms )*
                    Self::Unknown => return Err(serde::ser::Error::custom("an unknown union member cannot be sent")),
                }
                map.end()
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;

                impl<'de> serde::de::Visitor<'de> for Visitor {
                    type Value = #name;

                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(#expecting)
                    }

                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<#name, A::Error> {
                        let mut found = None;
                        while let Some(key) = map.next_key::<runtime::protocol::Key<'de>>()? {
                            match &*key {
                                #( #deserialize_arms )*
                                // Servers of the JSON protocols may name the union's type (`__type`); it is not a member.
                                "__type" => {
                                    map.next_value::<serde::de::IgnoredAny>()?;
                                }
                                _ => {
                                    map.next_value::<serde::de::IgnoredAny>()?;
                                    found = found.or(Some(#name::Unknown));
                                }
                            }
                        }
                        found.ok_or_else(|| serde::de::Error::custom("a union must set one member"))
                    }
                }

                deserializer.deserialize_map(Visitor)
            }
        }

        #fallback_impl
        #event_impl
        #marshall_impl
    }
}

/// `runtime::event_stream::Marshall`: each event as the message that carries it.
fn marshall_impl(name: &proc_macro2::Ident, variants: &[UnionVariant]) -> TokenStream {
    let arms = variants.iter().filter_map(|UnionVariant { name: variant, wire, ty, event, .. }| {
        let ident = variant.ident();
        let EventLayout { headers, payload, json } = event.as_ref()?;
        if ty.is_none() {
            return Some(quote! {
                Self::#ident => runtime::event_stream::event_message(#wire, None, Vec::new(), Vec::new()),
            });
        }
        let (content_type, body) = match payload {
            Some((member, kind)) => {
                let field = member.field.ident();
                let bytes = match kind {
                    PayloadKind::Blob => quote! { value.as_ref().to_vec() },
                    PayloadKind::Text => quote! { value.as_str().as_bytes().to_vec() },
                    PayloadKind::Structure | PayloadKind::Json => {
                        quote! { serde_json::to_vec(value).map_err(|err| err.to_string())? }
                    }
                };
                let body = if member.optional {
                    quote! {
                        match &event.#field {
                            Some(value) => #bytes,
                            None => Vec::new(),
                        }
                    }
                } else {
                    quote! { { let value = &event.#field; #bytes } }
                };
                let content_type = match kind {
                    PayloadKind::Blob => "application/octet-stream",
                    PayloadKind::Text => "text/plain",
                    PayloadKind::Structure | PayloadKind::Json => "application/json",
                };
                (quote! { Some(#content_type) }, body)
            }
            None if *json => (
                quote! { Some("application/json") },
                quote! { serde_json::to_vec(event).map_err(|err| err.to_string())? },
            ),
            // No member in the body: an empty JSON object, as the AWS SDKs send it.
            None => (quote! { Some("application/json") }, quote! { b"{}".to_vec() }),
        };
        // An event with nothing in headers, payload or body is not read at all.
        let binding = if payload.is_none() && !*json && headers.is_empty() {
            quote! { _ }
        } else {
            quote! { event }
        };
        let header_pushes = headers.iter().map(|member| {
            let field = member.field.ident();
            let header = &member.wire;
            if member.optional {
                quote! {
                    if let Some(value) = &event.#field {
                        headers.push(runtime::event_stream::to_header(#header, value));
                    }
                }
            } else {
                quote! { headers.push(runtime::event_stream::to_header(#header, &event.#field)); }
            }
        });
        let headers = if headers.is_empty() {
            quote! { Vec::new() }
        } else {
            quote! {
                {
                    let mut headers = Vec::new();
                    #( #header_pushes )*
                    headers
                }
            }
        };
        Some(quote! {
            Self::#ident(#binding) => runtime::event_stream::event_message(#wire, #content_type, #body, #headers),
        })
    });
    quote! {
        impl runtime::event_stream::Marshall for #name {
            fn message(&self) -> Result<runtime::event_stream::Message, String> {
                Ok(match self {
                    #( #arms )*
                    Self::Unknown => return Err("an unknown event cannot be sent".to_owned()),
                })
            }
        }
    }
}

/// `runtime::event_stream::Event`: each event read from its message, by `:event-type`.
fn event_impl(name: &proc_macro2::Ident, variants: &[UnionVariant]) -> TokenStream {
    let arms = variants.iter().filter_map(|UnionVariant { name: variant, wire, ty, event, .. }| {
        let ident = variant.ident();
        let layout = event.as_ref()?;
        let Some(ty) = ty else { return Some(quote! { #wire => Self::#ident, }) };
        let ty = rust_type(ty, None);
        let EventLayout { headers, payload, json } = layout;
        let read = |target: TokenStream| {
            quote! {
                serde_json::from_slice::<#target>(runtime::event_stream::payload_or_empty_object(message))
                    .map_err(|err| err.to_string())?
            }
        };
        let start = match (json, headers.is_empty() && payload.is_none()) {
            (true, true) => read(quote! { #ty }),
            (true, false) => {
                let body = read(quote! { runtime::protocol::object::Body<#ty> });
                quote! { #body.0 }
            }
            (false, _) => quote! { serde_json::from_slice::<#ty>(b"{}").map_err(|err| err.to_string())? },
        };
        let wrap = |member: &EventMember, value: TokenStream| {
            if member.optional {
                quote! { Some(#value) }
            } else {
                value
            }
        };
        let header_sets = headers.iter().map(|member| {
            let field = member.field.ident();
            let header = &member.wire;
            let value_ty = rust_type(&member.value_ty, None);
            let value = wrap(member, quote! { value });
            quote! {
                if let Some(value) = runtime::event_stream::header::<#value_ty>(message, #header)? {
                    event.#field = #value;
                }
            }
        });
        let payload_set = payload.as_ref().map(|(member, kind)| {
            let field = member.field.ident();
            let text = quote! { String::from_utf8(message.payload().to_vec()).map_err(|err| err.to_string())? };
            let value = match (kind, &member.value_ty) {
                (PayloadKind::Blob, _) => quote! { crate::primitives::Blob::new(message.payload().to_vec()) },
                (PayloadKind::Text, RustType::String) => text,
                (PayloadKind::Text, value_ty) => {
                    let value_ty = rust_type(value_ty, None);
                    quote! { <#value_ty>::from(#text.as_str()) }
                }
                (PayloadKind::Structure | PayloadKind::Json, _) => quote! {
                    serde_json::from_slice(runtime::event_stream::payload_or_empty_object(message))
                        .map_err(|err| err.to_string())?
                },
            };
            let value = wrap(member, value);
            quote! { event.#field = #value; }
        });
        if headers.is_empty() && payload.is_none() {
            return Some(quote! { #wire => Self::#ident(#start), });
        }
        Some(quote! {
            #wire => {
                let mut event = #start;
                #( #header_sets )*
                #payload_set
                Self::#ident(event)
            }
        })
    });
    quote! {
        impl runtime::event_stream::Event for #name {
            fn read(event_type: &str, message: &runtime::event_stream::Message) -> Result<Self, String> {
                Ok(match event_type {
                    #( #arms )*
                    _ => Self::Unknown,
                })
            }
        }
    }
}
