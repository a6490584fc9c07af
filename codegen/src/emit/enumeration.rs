//! Enums: one Rust enum per Smithy enum, with an `Unknown` variant that keeps values added to
//! the service after this crate was generated.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust::{deprecated as deprecated_attr, docs};
use crate::lower::ir::{Enum, Variant};

pub fn emit(enumeration: &Enum) -> TokenStream {
    let Enum { shape_id, path, docs: doc_lines, deprecated: note, variants, fallback } = enumeration;
    let name = format_ident!("{}", path.name);
    let doc_attrs = docs(doc_lines);
    let deprecated = deprecated_attr(note.as_ref());
    let shape_doc = format!(" Smithy shape `{shape_id}`.");
    let variant_defs = variants.iter().map(|Variant { name, value, docs: doc_lines, deprecated: note }| {
        let ident = name.ident();
        let doc_attrs = if doc_lines.is_empty() {
            let line = format!(" `{value}`");
            quote! { #[doc = #line] }
        } else {
            docs(doc_lines)
        };
        let deprecated = deprecated_attr(note.as_ref());
        quote! { #doc_attrs #deprecated #ident, }
    });
    let idents: Vec<_> = variants.iter().map(|variant| variant.name.ident()).collect();
    let values: Vec<_> = variants.iter().map(|variant| variant.value.as_str()).collect();

    let fallback_impl = if *fallback {
        quote! {
            impl runtime::fallback::Fallback for #name {
                fn fallback() -> Self {
                    Self::Unknown(crate::primitives::UnknownValue::new(""))
                }
            }
        }
    } else {
        TokenStream::new()
    };
    quote! {
        #fallback_impl

        #doc_attrs
        #[doc = ""]
        #[doc = #shape_doc]
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        #deprecated
        pub enum #name {
            #( #variant_defs )*
            /// A value this version of the crate does not know, kept as the service sent it.
            Unknown(crate::primitives::UnknownValue),
        }

        impl #name {
            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#idents => #values, )*
                    Self::Unknown(value) => value.as_str(),
                }
            }

            /// Every value the model defines, in model order.
            pub const fn values() -> &'static [&'static str] {
                &[ #( #values ),* ]
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #values => Self::#idents, )*
                    other => Self::Unknown(crate::primitives::UnknownValue::new(other)),
                }
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                runtime::primitives::deserialize_enum(deserializer)
            }
        }
    }
}
