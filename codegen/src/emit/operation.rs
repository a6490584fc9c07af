//! One module per operation: the operation, its input and output, and its error enum.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust::{deprecated, docs, inner_docs, type_path};
use super::structure;
use crate::lower::ir::{ErrorMessage, ErrorVariant, Http, Operation, Pattern};

pub fn emit(operation: &Operation, patterns: &[Pattern]) -> TokenStream {
    let Operation { shape_id, name, module: _, docs: doc_lines, deprecated: note, http, input, output, errors } =
        operation;
    let ident = format_ident!("{}", name);
    let module_docs = if doc_lines.is_empty() { vec![format!("The `{name}` operation.")] } else { doc_lines.clone() };
    let module_docs = inner_docs(&module_docs);
    let doc_attrs = docs(doc_lines);
    let deprecated = deprecated(note.as_ref());
    let shape_doc = format!(" Smithy shape `{shape_id}`.");
    let http_consts = match http {
        Some(Http { method, uri, code }) => {
            let code = proc_macro2::Literal::u16_unsuffixed(*code);
            quote! {
            /// The HTTP method of the request.
            pub const HTTP_METHOD: &'static str = #method;
            /// The request URI pattern, with `{label}` placeholders for path parameters.
            pub const HTTP_URI: &'static str = #uri;
            /// The HTTP status code of a successful response.
            pub const HTTP_SUCCESS_CODE: u16 = #code;
            }
        }
        None => TokenStream::new(),
    };
    let structure::Emitted { item: input_item, builder: input_builder } = structure::emit(input, patterns);
    let structure::Emitted { item: output_item, builder: output_builder } = structure::emit(output, patterns);
    let error_enum = error_enum(name, errors);

    quote! {
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
            #http_consts
        }

        #input_item
        #output_item
        #error_enum

        /// Builders of this operation's input and output.
        pub mod builders {
            #input_builder
            #output_builder
        }
    }
}

fn error_enum(operation: &str, errors: &[ErrorVariant]) -> TokenStream {
    let name = format_ident!("{operation}Error");
    let doc = format!(" The errors [`{operation}`] can return.");
    let variants: Vec<_> = errors.iter().map(|error| format_ident!("{}", error.variant)).collect();
    let types: Vec<_> = errors.iter().map(|error| type_path(&error.ty, None)).collect();
    let messages = errors.iter().zip(&variants).map(|(error, variant)| match error.message {
        ErrorMessage::Absent => quote! { Self::#variant(_) => None },
        ErrorMessage::Optional => quote! { Self::#variant(error) => error.message() },
        ErrorMessage::Required => quote! { Self::#variant(error) => Some(error.message()) },
    });
    let variant_docs = errors.iter().map(|error| format!(" The service answered `{}`.", error.code));
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
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
                match self {
                    #( Self::#variants(_) => Some(#types::CODE), )*
                    Self::Unhandled(error) => error.code(),
                }
            }

            /// The message the service sent, when it sent one.
            pub fn message(&self) -> Option<&str> {
                match self {
                    #( #messages, )*
                    Self::Unhandled(error) => error.message(),
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    #( Self::#variants(error) => error.fmt(f), )*
                    Self::Unhandled(error) => error.fmt(f),
                }
            }
        }

        impl std::error::Error for #name {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                match self {
                    #( Self::#variants(error) => Some(error), )*
                    Self::Unhandled(error) => Some(error),
                }
            }
        }

        #(
            impl From<#types> for #name {
                fn from(error: #types) -> Self {
                    Self::#variants(error)
                }
            }
        )*
    }
}
