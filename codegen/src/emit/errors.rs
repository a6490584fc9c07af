//! Modeled errors: `Display` says what went wrong, `std::error::Error` lets `?` carry them.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::error::Error;
use crate::lower::ir::{ErrorInfo, ErrorMessage, Structure};

/// The `impl`s an error structure gets besides those of every structure.
pub fn emit(structure: &Structure) -> Result<TokenStream, Error> {
    let Structure { path, error, .. } = structure;
    let Some(ErrorInfo { code, client_fault, http_status, message }) = error else {
        return Ok(TokenStream::new());
    };
    let name = format_ident!("{}", path.name);
    let reads = super::bindings::header_reads(structure, &quote! { self }, &path.name)?;
    let read_headers = if reads.is_empty() {
        TokenStream::new()
    } else {
        quote! {
            impl #name {
                /// Sets the members the response carries in headers.
                pub(crate) fn read_headers(&mut self, response: &crate::http::Response) -> Result<(), String> {
                    #( #reads )*
                    Ok(())
                }
            }
        }
    };
    let message = match message {
        ErrorMessage::Plain(field) => {
            let field = field.ident();
            quote! { Some(&self.#field) }
        }
        ErrorMessage::Optional(field) => {
            let field = field.ident();
            quote! { self.#field.as_deref() }
        }
        ErrorMessage::Absent => quote! { None },
    };
    let status = match http_status {
        Some(status) => {
            let status = proc_macro2::Literal::u16_unsuffixed(*status);
            quote! { Some(#status) }
        }
        None => quote! { None },
    };
    Ok(quote! {
        impl #name {
            /// The error code the service sends for this error.
            pub const CODE: &'static str = #code;

            /// Whether the caller is at fault (`true`) or the service (`false`).
            pub const fn is_client_fault() -> bool {
                #client_fault
            }

            /// The HTTP status code the model gives this error, if any.
            pub const fn http_status() -> Option<u16> {
                #status
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                crate::error::write_error(f, Self::CODE, crate::error::ServiceError::message(self))
            }
        }

        impl std::error::Error for #name {}

        impl crate::error::ServiceError for #name {
            fn code(&self) -> Option<&str> {
                Some(Self::CODE)
            }

            fn message(&self) -> Option<&str> {
                #message
            }
        }

        #read_headers
    })
}
