//! One module per operation: the operation, its input and output, and its error enum.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust::{deprecated, docs, inner_docs, trait_method_allow, type_path};
use super::structure;
use crate::error::Error;
use crate::lower::ir::{
    ErrorVariant, Http, InputStream, Member, Operation, Pagination, Pattern, RequestForm, RustType, Signing, Structure,
};

pub fn emit(operation: &Operation, patterns: &[Pattern]) -> Result<TokenStream, Error> {
    let Operation {
        shape_id,
        name,
        module: _,
        // The client's business (`client::emit`).
        method: _,
        docs: doc_lines,
        deprecated: note,
        // The request's layout, host prefix and compression are `bindings::request_impl`'s; the
        // checksum is too, but for a stream, whose checksum the call asks the runtime for.
        request,
        host_prefix: _,
        checksum_required,
        gzip_request: _,
        input,
        output,
        errors,
        pagination,
        signing,
        input_stream,
    } = operation;
    let ident = format_ident!("{}", name);
    let module_docs = if doc_lines.is_empty() { vec![format!("The `{name}` operation.")] } else { doc_lines.clone() };
    let module_docs = inner_docs(&module_docs);
    let doc_attrs = docs(doc_lines);
    let deprecated = deprecated(note.as_ref());
    let shape_doc = format!(" Smithy shape `{shape_id}`.");
    let (method, uri, code) = match request {
        RequestForm::Rest { http: Http { method, uri, code }, uri: _ } => (method.as_str(), uri.as_str(), *code),
        RequestForm::Rpc { .. } => ("POST", "/", 200),
    };
    let code = proc_macro2::Literal::u16_unsuffixed(code);
    let (input_item, input_builder) = (structure::item(input, patterns), structure::builder(input));
    let (output_item, output_builder) = (structure::item(output, patterns), structure::builder(output));
    let error_enum = error_enum(name, errors);
    let operation_impl = operation_impl(&ident, name, output, errors, *signing)?;
    let streaming_impl = streaming_impl(&ident, output, matches!(request, RequestForm::Rpc { .. }));
    let request_impl = super::bindings::request_impl(operation)?;
    let fluent_builder = fluent_builder(
        name,
        note.as_ref(),
        input,
        input_stream.as_ref(),
        *checksum_required,
        output.holds_stream(),
        pagination.as_ref(),
    );

    Ok(quote! {
        #module_docs

        #doc_attrs
        #[doc = ""]
        #[doc = #shape_doc]
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
        #deprecated
        pub struct #ident;

        impl #ident {
            /// The operation's name in the model.
            pub const NAME: &'static str = #name;
            /// The HTTP method of the request.
            pub const HTTP_METHOD: &'static str = #method;
            /// The request URI pattern, with `{label}` placeholders for path parameters.
            pub const HTTP_URI: &'static str = #uri;
            /// The HTTP status code of a successful response.
            pub const HTTP_SUCCESS_CODE: u16 = #code;
        }

        #operation_impl
        #streaming_impl
        #request_impl

        #input_item
        #output_item
        #error_enum

        /// Builders of this operation's input and output, and of its call.
        pub mod builders {
            #fluent_builder
            #input_builder
            #output_builder
        }
    })
}

fn error_enum(operation: &str, errors: &[ErrorVariant]) -> TokenStream {
    let name = format_ident!("{operation}Error");
    let doc = format!(" The errors [`{operation}`] can return.");
    // Each variant holds the error as the model describes it, however many members it has:
    // boxing some would make the API depend on a size estimate, and errors are the cold path.
    let large_variants = if errors.is_empty() {
        TokenStream::new()
    } else {
        quote! { #[allow(clippy::large_enum_variant)] }
    };
    let (mut variants, mut types, mut variant_docs, mut predicates, mut predicate_docs) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for ErrorVariant { variant, ty, codes, reads_headers: _, predicate } in errors {
        let code = codes.first().map_or("", String::as_str);
        variants.push(format_ident!("{variant}"));
        types.push(type_path(ty, None));
        variant_docs.push(format!(" The service answered `{code}`."));
        predicates.push(predicate.ident());
        predicate_docs.push(format!(" Whether the service answered `{code}`."));
    }
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        #large_variants
        pub enum #name {
            #(
                #[doc = #variant_docs]
                #variants(#types),
            )*
            /// An error the model does not describe for this operation, or a response that
            /// could not be understood.
            Unhandled(crate::error::Unhandled),
        }

        impl #name {
            /// The error code the service sent, when it sent one.
            pub fn code(&self) -> Option<&str> {
                self.as_service_error().code()
            }

            /// The message the service sent, when it sent one.
            pub fn message(&self) -> Option<&str> {
                self.as_service_error().message()
            }

            /// The error inside, whichever variant holds it.
            pub fn as_service_error(&self) -> &dyn crate::error::ServiceError {
                match self {
                    #( Self::#variants(error) => error, )*
                    Self::Unhandled(error) => error,
                }
            }

            #(
                #[doc = #predicate_docs]
                pub fn #predicates(&self) -> bool {
                    matches!(self, Self::#variants(_))
                }
            )*
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(self.as_service_error(), f)
            }
        }

        /// The request ID of the response the error came from, whichever variant holds it.
        impl crate::error::RequestId for #name {
            fn request_id(&self) -> Option<&str> {
                self.as_service_error().request_id()
            }
        }

        impl std::error::Error for #name {
            /// Transparent, like `Display`: the cause of the error inside, if any.
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                self.as_service_error().source()
            }
        }

        #(
            impl From<#types> for #name {
                fn from(error: #types) -> Self {
                    Self::#variants(error)
                }
            }
        )*

        impl From<crate::error::Unhandled> for #name {
            fn from(error: crate::error::Unhandled) -> Self {
                Self::Unhandled(error)
            }
        }
    }
}

/// How the invoker turns responses into this operation's output and errors.
fn operation_impl(
    ident: &proc_macro2::Ident,
    name: &str,
    output: &Structure,
    errors: &[ErrorVariant],
    signing: Signing,
) -> Result<TokenStream, Error> {
    let signing = match signing {
        Signing::Required => quote! { runtime::invoke::Signing::Required },
        Signing::Optional => quote! { runtime::invoke::Signing::Optional },
        Signing::Anonymous => quote! { runtime::invoke::Signing::Anonymous },
    };
    let output_name = format_ident!("{}", output.path.name);
    let error_name = format_ident!("{name}Error");
    let arms = errors.iter().map(|error| {
        let ErrorVariant { variant, ty, codes, reads_headers, predicate: _ } = error;
        let code = quote! { #( #codes )|* };
        let variant = format_ident!("{variant}");
        let ty = type_path(ty, None);
        if *reads_headers {
            quote! {
                #code => serde_json::from_slice::<runtime::protocol::object::Body<#ty>>(body).and_then(|runtime::protocol::object::Body(mut error)| match error.read_headers(response) {
                    Ok(()) => {
                        error._request_id = request_id;
                        Ok(#error_name::#variant(error))
                    }
                    Err(message) => Err(serde::de::Error::custom(message)),
                }),
            }
        } else {
            quote! {
                #code => serde_json::from_slice::<#ty>(body).map(|mut error| {
                    error._request_id = request_id;
                    #error_name::#variant(error)
                }),
            }
        }
    });
    let response_param = if errors.iter().any(|error| error.reads_headers) {
        quote! { response }
    } else {
        quote! { _response }
    };
    let deserialize_error = if errors.is_empty() {
        quote! {
            fn deserialize_error(
                _code: &str,
                _response: &crate::http::Response,
                _body: &[u8],
                _request_id: Option<String>,
            ) -> Option<Result<Self::Error, serde_json::Error>> {
                None
            }
        }
    } else {
        quote! {
            fn deserialize_error(
                code: &str,
                #response_param: &crate::http::Response,
                body: &[u8],
                request_id: Option<String>,
            ) -> Option<Result<Self::Error, serde_json::Error>> {
                Some(match code {
                    #( #arms )*
                    _ => return None,
                })
            }
        }
    };
    let deserialize_output = super::bindings::output_reader(output, name)?;
    Ok(quote! {
        impl runtime::invoke::Operation for #ident {
            const NAME: &'static str = #name;
            const SIGNING: runtime::invoke::Signing = #signing;
            type Output = #output_name;
            type Error = #error_name;

            #deserialize_output

            #deserialize_error
        }
    })
}

/// `runtime::invoke::StreamingOperation` of an operation whose output holds a stream (events or
/// a blob): the body goes into that member. `rpc`: awsJson, whose other output members come in an
/// `initial-response` message.
fn streaming_impl(ident: &proc_macro2::Ident, output: &Structure, rpc: bool) -> TokenStream {
    let Some(stream) = output.members.iter().find(|member| member.is_stream()) else {
        return TokenStream::new();
    };
    let field = stream.field.ident();
    let output_name = format_ident!("{}", output.path.name);
    let value = match stream.value_ty {
        RustType::ByteStream => quote! { streamed.into_body() },
        _ => quote! { runtime::event_stream::EventReceiver::new::<Self>(streamed) },
    };
    quote! {
        impl runtime::invoke::StreamingOperation for #ident {
            const INITIAL_RESPONSE: bool = #rpc;

            fn attach(output: &mut #output_name, streamed: runtime::invoke::Streamed) {
                output.#field = #value;
            }
        }
    }
}

/// `client.describe_deployment_job().job(arn).send().await`: the input builder's setters, then
/// build, validate and send.
fn fluent_builder(
    name: &str,
    deprecated_note: Option<&String>,
    input: &Structure,
    input_stream: Option<&InputStream>,
    checksum_required: bool,
    output_streams: bool,
    pagination: Option<&Pagination>,
) -> TokenStream {
    let ident = format_ident!("{name}FluentBuilder");
    let operation = format_ident!("{name}");
    let input_name = format_ident!("{}", input.path.name);
    let input_builder = format_ident!("{}Builder", input.path.name);
    let error_name = format_ident!("{name}Error");
    let output_name = format_ident!("{name}Output");
    let deprecated = deprecated(deprecated_note);
    let doc = format!(" A call of [`{name}`](super::{name}): set the input's members, then [`send`](Self::send) it.");
    let setters = input.members.iter().map(|member| {
        let Member { field, setter, docs: doc_lines, value_ty, .. } = member;
        let ident = field.ident();
        let allow = trait_method_allow(field);
        let setter = setter.ident();
        let value = super::rust::rust_type(value_ty, None);
        let doc_attrs = docs(doc_lines);
        let set_doc = format!(" Sets or clears [`{}`](Self::{}).", field.as_str(), field.as_str());
        quote! {
            #doc_attrs
            #allow
            pub fn #ident(mut self, input: impl Into<#value>) -> Self {
                self.input = self.input.#ident(input);
                self
            }

            #[doc = #set_doc]
            pub fn #setter(mut self, input: Option<#value>) -> Self {
                self.input = self.input.#setter(input);
                self
            }
        }
    });
    let build = if input.build_can_fail() {
        quote! {
            let input = self.input.build().map_err(|source| crate::error::SdkError::Build { operation: #name, source })?;
        }
    } else {
        quote! { let input = self.input.build(); }
    };
    let tokens: Vec<_> = input
        .members
        .iter()
        .filter(|member| member.idempotency_token && member.is_optional())
        .map(|member| member.field.ident())
        .collect();
    let fill_tokens = if tokens.is_empty() {
        TokenStream::new()
    } else {
        quote! {
            let mut input = input;
            #(
                if input.#tokens.is_none() {
                    input.#tokens = Some(self.handle.config().idempotency_token());
                }
            )*
        }
    };
    let invoke = if output_streams {
        quote! { invoke_streaming }
    } else {
        quote! { invoke }
    };
    // Paginators send the call again for each page, so they need an input that can be cloned:
    // one without a stream.
    let paginators = match pagination.filter(|_| input_stream.is_none()) {
        Some(pagination) => paginators(name, pagination),
        None => TokenStream::new(),
    };
    let derives = if input_stream.is_some() {
        quote! { Debug }
    } else {
        quote! { Debug, Clone }
    };
    // The stream goes beside the request, not in its serialized body.
    let (take_stream, attach_stream, request_mut) = match input_stream {
        Some(InputStream { field, events: true, http2, .. }) => {
            let field = field.ident();
            let http2 = if *http2 {
                quote! { .http2() }
            } else {
                TokenStream::new()
            };
            (
                quote! {
                    let mut input = input;
                    let events = std::mem::take(&mut input.#field);
                },
                quote! {
                    request.stream = Some(runtime::invoke::RequestStream::events(events.into_messages()) #http2);
                },
                quote! { mut },
            )
        }
        Some(InputStream { field, requires_length, unsigned, events: false, http2: _ }) => {
            let field = field.ident();
            let mut options = Vec::new();
            if *requires_length {
                options.push(quote! { .requires_length() });
            }
            if *unsigned {
                options.push(quote! { .unsigned() });
            }
            if checksum_required {
                options.push(quote! { .content_md5(runtime::checksum::content_md5) });
            }
            (
                quote! {
                    let mut input = input;
                    let body = std::mem::take(&mut input.#field);
                },
                quote! {
                    request.stream = Some(runtime::invoke::RequestStream::bytes(body) #( #options )*);
                },
                quote! { mut },
            )
        }
        None => (TokenStream::new(), TokenStream::new(), TokenStream::new()),
    };
    quote! {
        #[doc = #doc]
        #[derive(#derives)]
        #deprecated
        pub struct #ident {
            handle: std::sync::Arc<runtime::invoke::Handle>,
            input: #input_builder,
        }

        impl #ident {
            pub(crate) fn new(handle: std::sync::Arc<runtime::invoke::Handle>) -> Self {
                Self { handle, input: super::#input_name::builder() }
            }

            /// The input as set so far.
            pub fn as_input(&self) -> &#input_builder {
                &self.input
            }

            #( #setters )*

            /// Builds and validates the input, then sends it, retrying as configured. Nothing is
            /// sent when the input is incomplete or breaks the model's constraints.
            pub async fn send(self) -> Result<super::#output_name, crate::error::SdkError<super::#error_name>> {
                #build
                #fill_tokens
                input.validate().map_err(|source| crate::error::SdkError::Validation { operation: #name, source })?;
                #take_stream
                let #request_mut request = input.to_http_request().map_err(|err| crate::error::SdkError::Request {
                    operation: #name,
                    message: format!("the input could not be serialized: {err}"),
                })?;
                #attach_stream
                self.handle.#invoke::<super::#operation>(request).await
            }

            #paginators
        }
    }
}

/// `into_paginator()` and `into_items()` of a paginated operation's fluent builder.
fn paginators(name: &str, pagination: &Pagination) -> TokenStream {
    let Pagination { input_token, output_token, items } = pagination;
    let output = format_ident!("{name}Output");
    let error = format_ident!("{name}Error");
    let setter = input_token.setter.ident();
    let field = output_token.field.ident();
    let token = if output_token.is_optional() {
        quote! { page.#field.as_ref() }
    } else {
        quote! { Some(&page.#field) }
    };
    // A string token is the paginators' default; another (a map) is named.
    let token_ty = match &output_token.value_ty {
        RustType::String => TokenStream::new(),
        ty => {
            let ty = super::rust::rust_type(ty, None);
            quote! { , #ty }
        }
    };
    let pages_doc = format!(
        " Every page of results: each request sends the previous page's `{}` as `{}`, until a page comes without one.",
        output_token.wire, input_token.wire
    );
    let items_method = items.as_ref().and_then(|items| {
        let RustType::Vec(item) = &items.value_ty else { return None };
        let item = super::rust::rust_type(item, None);
        let field = items.field.ident();
        let take = if items.is_optional() { quote! { page.#field.unwrap_or_default() } } else { quote! { page.#field } };
        let doc = format!(" Every item of `{}` on every page, in order.", items.wire);
        Some(quote! {
            #[doc = #doc]
            pub fn into_items(self) -> crate::paginate::Items<super::#output, crate::error::SdkError<super::#error>, #item #token_ty> {
                self.into_paginator().items(|page| #take)
            }
        })
    });
    quote! {
        #[doc = #pages_doc]
        pub fn into_paginator(self) -> crate::paginate::Pages<super::#output, crate::error::SdkError<super::#error> #token_ty> {
            crate::paginate::Pages::new(
                move |token| Box::pin(self.clone().#setter(token).send()),
                |page| #token,
            )
        }

        #items_method
    }
}
