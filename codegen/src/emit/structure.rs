//! Structures: the type with its serde attributes and getters, and its builder.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust::{deprecated, docs, is_copy, rust_type, trait_method_allow, WireLeaf};
use super::validate;
use super::value::{default_expr, or_default};
use crate::lower::ir::{Binding, Member, Module, Pattern, RustType, Structure};

/// The structure's type and its `impl`s. Its builder ([`builder`]) goes into the module's
/// `builders` submodule.
pub fn item(structure: &Structure, patterns: &[Pattern]) -> TokenStream {
    let Structure {
        shape_id,
        path,
        docs: doc_lines,
        deprecated: note,
        members,
        validation: _,
        request_id,
        error: _,
        fallback,
    } = structure;
    let module = &path.module;
    let name = format_ident!("{}", path.name);
    let builder_name = format_ident!("{}Builder", path.name);
    let doc_attrs = docs(doc_lines);
    let deprecated = deprecated(note.as_ref());
    let fields = members.iter().map(|member| field(member, module));
    // An event stream is read through its field (`recv` takes it mutably), so it has no getter.
    let getters = members.iter().filter(|member| !member.is_stream()).map(|member| getter(member, module));
    let validation_impl = validate::emit(structure, patterns);
    let fallback_impl = if *fallback { fallback_impl(&name, members, *request_id) } else { TokenStream::new() };
    let shape_doc = format!(" Smithy shape `{shape_id}`.");
    let builder_doc = format!(" Creates a builder for [`{}`].", path.name);
    let (request_id_field, request_id_impl) = if *request_id {
        (
            quote! {
                #[serde(skip)]
                pub(crate) _request_id: Option<String>,
            },
            quote! {
                impl crate::error::RequestId for #name {
                    fn request_id(&self) -> Option<&str> {
                        self._request_id.as_deref()
                    }
                }
            },
        )
    } else {
        (TokenStream::new(), TokenStream::new())
    };
    let sensitive = members.iter().any(|member| member.sensitive);
    let debug_derive = if sensitive {
        TokenStream::new()
    } else {
        quote! { Debug, }
    };
    let debug_impl =
        if sensitive { redacted_debug(&name, &path.name, members, *request_id) } else { TokenStream::new() };
    let deserialize_impl = deserialize_impl(&name, &path.name, members, *request_id);
    // A stream is read once, as it arrives: it cannot be cloned or compared.
    let streams = structure.holds_stream();
    let clone_derive = if streams {
        TokenStream::new()
    } else {
        quote! { Clone, }
    };
    let (partial_eq_derive, partial_eq_impl) = if streams {
        (TokenStream::new(), TokenStream::new())
    } else if *request_id {
        (TokenStream::new(), partial_eq_without_request_id(&name, members))
    } else {
        (quote! { PartialEq, }, TokenStream::new())
    };
    quote! {
        #doc_attrs
        #[doc = ""]
        #[doc = #shape_doc]
        #[derive(#debug_derive #clone_derive #partial_eq_derive serde::Serialize)]
        #[non_exhaustive]
        #deprecated
        pub struct #name {
            #( #fields )*
            #request_id_field
        }

        impl #name {
            #[doc = #builder_doc]
            pub fn builder() -> builders::#builder_name {
                // Not `Builder::default()`: a member named `default` has a setter of that name.
                <builders::#builder_name as Default>::default()
            }

            #( #getters )*
        }

        #deserialize_impl
        #validation_impl
        #fallback_impl
        #request_id_impl
        #debug_impl
        #partial_eq_impl
    }
}

/// `PartialEq` of a structure that keeps a response's request ID: it compares what the values
/// say, and leaves the request ID out, so a value read from a response equals one built or
/// read back from JSON (serde skips the request ID).
fn partial_eq_without_request_id(name: &proc_macro2::Ident, members: &[Member]) -> TokenStream {
    let mut comparisons = members.iter().map(|member| {
        let field = member.field.ident();
        quote! { self.#field == other.#field }
    });
    let body = match comparisons.next() {
        Some(first) => quote! { #first #( && #comparisons )* },
        None => quote! {
            let _ = other;
            true
        },
    };
    quote! {
        /// Compares the members; the request ID, which says which response a value came from
        /// and not what it holds, is left out.
        impl PartialEq for #name {
            fn eq(&self, other: &Self) -> bool {
                #body
            }
        }
    }
}

/// `Debug` that shows `@sensitive` members as a placeholder, so logging a value cannot leak them.
fn redacted_debug(name: &proc_macro2::Ident, type_name: &str, members: &[Member], request_id: bool) -> TokenStream {
    let fields = members.iter().map(|member| {
        let ident = member.field.ident();
        let label = member.field.as_str();
        if member.sensitive {
            quote! { .field(#label, &"*** Sensitive Data Redacted ***") }
        } else {
            quote! { .field(#label, &self.#ident) }
        }
    });
    let request_id = if request_id {
        quote! { .field("_request_id", &self._request_id) }
    } else {
        TokenStream::new()
    };
    quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#type_name) #( #fields )* #request_id .finish()
            }
        }
    }
}

/// The value a required member of this type gets when a response leaves it out.
fn fallback_impl(name: &proc_macro2::Ident, members: &[Member], request_id: bool) -> TokenStream {
    let fields = members.iter().map(|member| {
        let ident = member.field.ident();
        if member.required {
            quote! { #ident: runtime::fallback::Fallback::fallback() }
        } else if let Some(default) = &member.default {
            let value = default_expr(default);
            quote! { #ident: #value }
        } else {
            quote! { #ident: None }
        }
    });
    let request_id = if request_id {
        quote! { _request_id: None, }
    } else {
        TokenStream::new()
    };
    quote! {
        impl runtime::fallback::Fallback for #name {
            fn fallback() -> Self {
                Self { #( #fields, )* #request_id }
            }
        }
    }
}

/// The field, with the serde attributes of its `Serialize` (its `Deserialize` is
/// [`deserialize_impl`]).
fn field(member: &Member, module: &Module) -> TokenStream {
    let Member { field, wire, docs: doc_lines, deprecated: note, ty, value_ty, timestamp_format, .. } = member;
    let ident = field.ident();
    let ty_tokens = rust_type(ty, Some(module));
    let doc_attrs = docs(doc_lines);
    let deprecated = deprecated(note.as_ref());
    // Every member is in the serde form, those bound to the URI, query, headers or status code
    // too (the restJson1 body, which leaves them out, is written and read on its own path).
    let mut serde = Vec::new();
    if member.is_stream() {
        // The events are read from the response as they arrive; the serde form has the rest.
        serde.push(quote! { skip });
    } else if field.as_str() != wire {
        serde.push(quote! { rename = #wire });
    }
    if member.is_optional() && !member.is_stream() {
        serde.push(quote! { skip_serializing_if = "Option::is_none" });
    }
    // Floats (NaN and the infinities as strings) and timestamps in a format other than
    // epoch seconds, wherever they sit.
    if let Some(leaf) = WireLeaf::of(value_ty, *timestamp_format) {
        let serialize = format!("{}::serialize", leaf.module());
        serde.push(quote! { serialize_with = #serialize });
    }
    let serde = if serde.is_empty() {
        TokenStream::new()
    } else {
        quote! { #[serde( #(#serde),* )] }
    };
    quote! {
        #doc_attrs
        #serde
        #deprecated
        pub #ident: #ty_tokens,
    }
}

/// `Deserialize`, written out rather than derived: only a JSON object is read (serde's derive
/// also reads arrays, code the JSON protocols never need, and would compile once per structure), member
/// names are matched as borrowed text, unknown members are skipped, and `null` is a member left
/// out. A required member left out gets its fallback (Smithy's client error correction). The
/// members bound elsewhere than the body are read only for the serde form
/// (`runtime::protocol::object::Members::All`), not from a response body.
fn deserialize_impl(name: &proc_macro2::Ident, type_name: &str, members: &[Member], request_id: bool) -> TokenStream {
    let map = fresh_name("map", members);
    let key = fresh_name("member", members);
    let scope = fresh_name("members", members);
    // The locals are named after the fields; clippy objects to some names as locals (not as
    // fields): its placeholders, and names of only underscores and digits, which a model may have.
    let placeholder = members.iter().any(|member| matches!(member.field.as_str(), "foo" | "baz" | "quux"));
    let digits = members.iter().any(|member| member.field.as_str().chars().all(|c| c == '_' || c.is_ascii_digit()));
    let lints: Vec<TokenStream> = [
        placeholder.then(|| quote! { clippy::disallowed_names }),
        digits.then(|| quote! { clippy::just_underscores_and_digits }),
    ]
    .into_iter()
    .flatten()
    .collect();
    let allow = if lints.is_empty() {
        TokenStream::new()
    } else {
        quote! { #[allow(#(#lints),*)] }
    };
    let (streams, members): (Vec<&Member>, Vec<&Member>) = members.iter().partition(|member| member.is_stream());
    let locals = members.iter().map(|member| {
        let ident = member.field.ident();
        quote! { let mut #ident = None; }
    });
    let arms = members.iter().map(|member| {
        let Member { field, wire, aliases, value_ty, timestamp_format, binding, .. } = member;
        let ident = field.ident();
        let value = match (WireLeaf::of(value_ty, *timestamp_format), value_ty) {
            (Some(leaf), _) => {
                let next = leaf.next();
                quote! { #next(&mut #map)? }
            }
            // Clients of the JSON protocols drop the `null` entries of dense maps.
            (None, RustType::Map(_, entry)) if !matches!(**entry, RustType::Option(_)) => {
                quote! { runtime::protocol::next_dense_map(&mut #map)? }
            }
            // `null` is a document of its own, not a member left out: it is kept.
            (None, RustType::Document) => quote! { Some(#map.next_value::<serde_json::Value>()?) },
            (None, _) => quote! { #map.next_value()? },
        };
        let guard = if *binding == Binding::Body {
            TokenStream::new()
        } else {
            quote! { if #scope == runtime::protocol::object::Members::All }
        };
        quote! { #wire #(| #aliases)* #guard => #ident = #value, }
    });
    let fields = members.iter().map(|member| {
        let ident = member.field.ident();
        match (member.required, &member.default) {
            (true, _) => quote! { #ident: #ident.unwrap_or_else(runtime::fallback::value), },
            (false, Some(default)) => {
                let value = or_default(quote! { #ident }, default);
                quote! { #ident: #value, }
            }
            (false, None) => quote! { #ident, },
        }
    });
    let streams = streams.iter().map(|member| {
        let ident = member.field.ident();
        quote! { #ident: Default::default(), }
    });
    let request_id = if request_id {
        quote! { _request_id: None, }
    } else {
        TokenStream::new()
    };
    let scope_param = if members.iter().all(|member| member.binding == Binding::Body) {
        quote! { _ }
    } else {
        quote! { #scope }
    };
    let members = if members.is_empty() {
        quote! {
            while #map.next_key::<serde::de::IgnoredAny>()?.is_some() {
                #map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
    } else {
        quote! {
            while let Some(#key) = #map.next_key::<runtime::protocol::Key<'de>>()? {
                match &*#key {
                    #( #arms )*
                    _ => {
                        #map.next_value::<serde::de::IgnoredAny>()?;
                    }
                }
            }
        }
    };
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                runtime::protocol::object::deserialize(deserializer)
            }
        }

        impl<'de> runtime::protocol::object::Object<'de> for #name {
            const NAME: &'static str = #type_name;

            #allow
            fn read<A: serde::de::MapAccess<'de>>(
                mut #map: A,
                #scope_param: runtime::protocol::object::Members,
            ) -> Result<Self, A::Error> {
                #( #locals )*
                #members
                Ok(Self { #( #fields )* #( #streams )* #request_id })
            }
        }
    }
}

/// `name`, or `name` with underscores after it, whichever no member's field uses.
fn fresh_name(name: &str, members: &[Member]) -> proc_macro2::Ident {
    let mut candidate = name.to_owned();
    while members.iter().any(|member| member.field.as_str() == candidate) {
        candidate.push('_');
    }
    format_ident!("{candidate}")
}

/// Getters in the style of the AWS SDK for Rust: strings as `&str`, lists as slices (empty when
/// absent), `Copy` values by value, everything else by reference.
fn getter(member: &Member, module: &Module) -> TokenStream {
    let Member { field, docs: doc_lines, value_ty, .. } = member;
    let required = &!member.is_optional();
    let ident = field.ident();
    let allow = trait_method_allow(field);
    let doc_attrs = docs(doc_lines);
    let value = rust_type(value_ty, Some(module));
    let (returns, body) = match (required, value_ty) {
        (true, RustType::String) => (quote! { &str }, quote! { &self.#ident }),
        (true, RustType::Vec(item)) => {
            let item = rust_type(item, Some(module));
            (quote! { &[#item] }, quote! { &self.#ident })
        }
        (true, RustType::Box(inner)) => {
            let inner = rust_type(inner, Some(module));
            (quote! { &#inner }, quote! { &self.#ident })
        }
        (true, value_ty) if is_copy(value_ty) => (value.clone(), quote! { self.#ident }),
        (true, _) => (quote! { &#value }, quote! { &self.#ident }),
        (false, RustType::String) => (quote! { Option<&str> }, quote! { self.#ident.as_deref() }),
        (false, RustType::Vec(item)) => {
            let item = rust_type(item, Some(module));
            (quote! { &[#item] }, quote! { self.#ident.as_deref().unwrap_or_default() })
        }
        (false, RustType::Box(inner)) => {
            let inner = rust_type(inner, Some(module));
            (quote! { Option<&#inner> }, quote! { self.#ident.as_deref() })
        }
        (false, value_ty) if is_copy(value_ty) => (quote! { Option<#value> }, quote! { self.#ident }),
        (false, _) => (quote! { Option<&#value> }, quote! { self.#ident.as_ref() }),
    };
    quote! {
        #doc_attrs
        #allow
        pub fn #ident(&self) -> #returns {
            #body
        }
    }
}

/// The builder of the structure, for the module's `builders` submodule.
pub fn builder(structure: &Structure) -> TokenStream {
    let Structure { path, members, request_id, .. } = structure;
    let sensitive = members.iter().any(|member| member.sensitive);
    let debug_derive = if sensitive {
        TokenStream::new()
    } else {
        quote! { Debug, }
    };
    let builder_debug = if sensitive {
        let builder_ident = format_ident!("{}Builder", path.name);
        redacted_debug(&builder_ident, &format!("{}Builder", path.name), members, false)
    } else {
        TokenStream::new()
    };
    let request_id = if *request_id {
        quote! { _request_id: None, }
    } else {
        TokenStream::new()
    };
    let name = format_ident!("{}", path.name);
    let builder_name = format_ident!("{}Builder", path.name);
    let doc = format!(" A builder for [`{0}`](super::{0}).", path.name);
    let derives = if structure.holds_stream() {
        quote! { Default }
    } else {
        quote! { Clone, Default, PartialEq }
    };
    let fields = members.iter().map(|member| {
        let ident = member.field.ident();
        let value = rust_type(&member.value_ty, None);
        quote! { #ident: Option<#value>, }
    });
    let setters = members.iter().map(|member| {
        let Member { field, setter, docs: doc_lines, value_ty, .. } = member;
        let ident = field.ident();
        let allow = trait_method_allow(field);
        let setter = setter.ident();
        let value = rust_type(value_ty, None);
        let doc_attrs = docs(doc_lines);
        let set_doc = format!(" Sets or clears [`{}`](Self::{}).", field.as_str(), field.as_str());
        quote! {
            #doc_attrs
            #allow
            pub fn #ident(mut self, input: impl Into<#value>) -> Self {
                self.#ident = Some(input.into());
                self
            }

            #[doc = #set_doc]
            pub fn #setter(mut self, input: Option<#value>) -> Self {
                self.#ident = input;
                self
            }
        }
    });
    let shape_name = &path.name;
    let any_required = structure.build_can_fail();
    let assignments = members.iter().map(|member| {
        let ident = member.field.ident();
        if let Some(default) = &member.default {
            let value = or_default(quote! { self.#ident }, default);
            quote! { #ident: #value, }
        } else if member.required {
            let wire_name = member.field.as_str();
            quote! { #ident: self.#ident.ok_or_else(|| crate::error::BuildError::missing(#shape_name, #wire_name))?, }
        } else {
            quote! { #ident: self.#ident, }
        }
    });
    let build = if any_required {
        let build_doc =
            format!(" Builds the [`{shape_name}`](super::{shape_name}), failing when a required member is not set.");
        quote! {
            #[doc = #build_doc]
            pub fn build(self) -> Result<super::#name, crate::error::BuildError> {
                Ok(super::#name { #( #assignments )* #request_id })
            }
        }
    } else {
        let build_doc = format!(" Builds the [`{shape_name}`](super::{shape_name}).");
        quote! {
            #[doc = #build_doc]
            pub fn build(self) -> super::#name {
                super::#name { #( #assignments )* #request_id }
            }
        }
    };
    quote! {
        #[doc = #doc]
        #[derive(#debug_derive #derives)]
        pub struct #builder_name {
            #( #fields )*
        }

        impl #builder_name {
            #( #setters )*
            #build
        }

        #builder_debug
    }
}
