//! Rust expressions of typed values: literals of the model's number types, and the `@default`
//! of a plain member.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::rust::type_path;
use crate::lower::ir::{DefaultValue, MemberDefault, RustType};

/// An integer literal of type `ty`, which lowering checked it fits.
pub fn int_literal(value: i64, ty: &RustType) -> TokenStream {
    #[allow(clippy::cast_possible_truncation)]
    let literal = match ty {
        RustType::I8 => Literal::i8_suffixed(value as i8),
        RustType::I16 => Literal::i16_suffixed(value as i16),
        RustType::I32 => Literal::i32_suffixed(value as i32),
        _ => Literal::i64_suffixed(value),
    };
    quote! { #literal }
}

/// A float literal of type `ty` (`F32` or `F64`), NaN and the infinities by name.
pub fn float_literal(value: f64, ty: &RustType) -> TokenStream {
    let float = match ty {
        RustType::F32 => quote! { f32 },
        _ => quote! { f64 },
    };
    if value.is_nan() {
        quote! { #float::NAN }
    } else if value == f64::INFINITY {
        quote! { #float::INFINITY }
    } else if value == f64::NEG_INFINITY {
        quote! { #float::NEG_INFINITY }
    } else if matches!(ty, RustType::F32) {
        #[allow(clippy::cast_possible_truncation)]
        let literal = Literal::f32_suffixed(value as f32);
        quote! { #literal }
    } else {
        let literal = Literal::f64_suffixed(value);
        quote! { #literal }
    }
}

/// `option` (an `Option` of the member's type) with the member's default filling `None`.
pub fn or_default(option: TokenStream, default: &MemberDefault) -> TokenStream {
    match default {
        MemberDefault::Zero => quote! { #option.unwrap_or_default() },
        // A literal needs no closure (clippy's `unnecessary_lazy_evaluations`).
        MemberDefault::Bool(_)
        | MemberDefault::Int { .. }
        | MemberDefault::Float { .. }
        | MemberDefault::Timestamp(0)
        | MemberDefault::Enum { variant: Some(_), .. }
        | MemberDefault::Document(DefaultValue::Null | DefaultValue::Bool(_)) => {
            let value = default_expr(default);
            quote! { #option.unwrap_or(#value) }
        }
        _ => {
            let value = default_expr(default);
            quote! { #option.unwrap_or_else(|| #value) }
        }
    }
}

/// The expression of a member's default value.
pub fn default_expr(default: &MemberDefault) -> TokenStream {
    match default {
        MemberDefault::Zero => quote! { Default::default() },
        MemberDefault::Bool(value) => quote! { #value },
        MemberDefault::Int { value, ty } => int_literal(*value, ty),
        MemberDefault::Float { value, ty } => float_literal(*value, ty),
        MemberDefault::String(text) => quote! { String::from(#text) },
        MemberDefault::Enum { path, value, variant } => {
            let path = type_path(path, None);
            match variant {
                Some(variant) => {
                    let variant = variant.ident();
                    quote! { #path::#variant }
                }
                None => quote! { #path::from(#value) },
            }
        }
        MemberDefault::Blob(text) => quote! { crate::primitives::Blob::new(#text) },
        MemberDefault::Timestamp(0) => quote! { crate::primitives::Timestamp::UNIX_EPOCH },
        // Lowering checked the instant is in range.
        MemberDefault::Timestamp(millis) => quote! {
            crate::primitives::Timestamp::from_millis(#millis).unwrap_or(crate::primitives::Timestamp::UNIX_EPOCH)
        },
        MemberDefault::Document(document) => match document {
            DefaultValue::Null => quote! { serde_json::Value::Null },
            DefaultValue::Bool(value) => quote! { serde_json::Value::Bool(#value) },
            DefaultValue::Number(value) if value.fract() == 0.0 && value.abs() < 9_007_199_254_740_992.0 => {
                // Exact: a whole number below 2^53.
                #[allow(clippy::cast_possible_truncation)]
                let value = Literal::i64_suffixed(*value as i64);
                quote! { serde_json::Value::from(#value) }
            }
            DefaultValue::Number(value) => {
                let value = Literal::f64_suffixed(*value);
                quote! { serde_json::Value::from(#value) }
            }
            DefaultValue::String(text) => quote! { serde_json::Value::String(String::from(#text)) },
            DefaultValue::EmptyList => quote! { serde_json::Value::Array(Vec::new()) },
            DefaultValue::EmptyMap => quote! { serde_json::Value::Object(serde_json::Map::new()) },
        },
    }
}
