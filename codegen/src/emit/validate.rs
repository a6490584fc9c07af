//! `validate()` and `validate_members()`: constraint checks generated from the lowered plan.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote, ToTokens};

use super::rust::{bound, option};
use crate::lower::ir::{Check, Matcher, Member, Nested, Pattern, RustType, Structure, Union, UnionVariant, Validation};

pub fn emit(structure: &Structure, patterns: &[Pattern]) -> TokenStream {
    let Structure { path, members, validation, .. } = structure;
    if *validation == Validation::None {
        return TokenStream::new();
    }
    let name = format_ident!("{}", path.name);
    let shape_name = &path.name;
    let checks: Vec<TokenStream> =
        members.iter().filter(|member| !member.check.is_empty()).map(|member| member_check(member, patterns)).collect();

    let walk = if checks.is_empty() {
        TokenStream::new()
    } else {
        quote! {
            pub(crate) fn validate_members(&self, validator: &mut runtime::validation::Validator) {
                #( #checks )*
            }
        }
    };
    let validate = match (validation, checks.is_empty()) {
        (Validation::Input, false) => quote! {
            /// Checks the constraints of the model (lengths, ranges, patterns), here and in
            /// nested values, and returns every violation at once with its member path.
            /// Required members cannot be missing: the builder enforces them.
            pub fn validate(&self) -> Result<(), crate::error::ValidationError> {
                let mut validator = runtime::validation::Validator::new();
                self.validate_members(&mut validator);
                validator.finish(#shape_name)
            }
        },
        (Validation::Input, true) => quote! {
            /// Checks the constraints of the model. This input has none beyond its required
            /// members, which the builder enforces, so it always passes.
            pub fn validate(&self) -> Result<(), crate::error::ValidationError> {
                runtime::validation::Validator::new().finish(#shape_name)
            }
        },
        _ => TokenStream::new(),
    };
    if walk.is_empty() && validate.is_empty() {
        return TokenStream::new();
    }
    quote! {
        impl #name {
            #validate
            #walk
        }
    }
}

/// `validate_members()` of a union that is part of an input and holds something to check: the
/// checks of the member it holds.
pub fn emit_union(union: &Union, patterns: &[Pattern]) -> TokenStream {
    let Union { path, variants, .. } = union;
    let name = format_ident!("{}", path.name);
    let value = format_ident!("value");
    // Each checked member: the pattern that binds its value, and the checks on it.
    let arms: Vec<(TokenStream, TokenStream)> = variants
        .iter()
        .filter_map(|UnionVariant { name, wire, ty, check, .. }| {
            let ty = ty.as_ref().filter(|_| !check.is_empty())?;
            let ident = name.ident();
            let body = value_check(check, ty, &value, patterns);
            Some((
                quote! { Self::#ident(#value) },
                quote! {
                    validator.enter_field(#wire);
                    #body
                    validator.leave();
                },
            ))
        })
        .collect();
    let walk = match arms.as_slice() {
        [] => return TokenStream::new(),
        // One checked member: `if let`, as clippy prefers to a `match` with one arm.
        [(pattern, body)] => quote! { if let #pattern = self { #body } },
        arms => {
            let arms = arms.iter().map(|(pattern, body)| quote! { #pattern => { #body } });
            quote! {
                match self {
                    #( #arms )*
                    _ => {}
                }
            }
        }
    };
    quote! {
        impl #name {
            pub(crate) fn validate_members(&self, validator: &mut runtime::validation::Validator) {
                #walk
            }
        }
    }
}

fn member_check(member: &Member, patterns: &[Pattern]) -> TokenStream {
    let Member { field, check, value_ty, .. } = member;
    let required = &!member.is_optional();
    let ident = field.ident();
    let name = field.as_str();
    let value = format_ident!("value");
    let body = value_check(check, value_ty, &value, patterns);
    if *required {
        quote! {
            let #value = &self.#ident;
            validator.enter_field(#name);
            #body
            validator.leave();
        }
    } else {
        quote! {
            if let Some(#value) = &self.#ident {
                validator.enter_field(#name);
                #body
                validator.leave();
            }
        }
    }
}

/// Checks on `value`, a reference to a value of type `ty`, reporting to `validator`.
fn value_check(check: &Check, ty: &RustType, value: &Ident, patterns: &[Pattern]) -> TokenStream {
    if let RustType::Option(inner) = ty {
        // An item of a `@sparse` collection: only a present value is checked.
        let body = value_check(check, inner, value, patterns);
        return if body.is_empty() {
            body
        } else {
            quote! { if let Some(#value) = #value { #body } }
        };
    }
    let Check { length, range, pattern, unchecked_pattern: _, nested } = check;
    let ty = match ty {
        RustType::Box(inner) => inner,
        other => other,
    };
    let mut out = Vec::new();
    if let Some((min, max)) = length {
        let len = match ty {
            RustType::String => quote! { #value.chars().count() },
            _ => quote! { #value.len() },
        };
        let min = option(min.map(|n| Literal::u64_unsuffixed(n).into_token_stream()));
        let max = option(max.map(|n| Literal::u64_unsuffixed(n).into_token_stream()));
        out.push(quote! { validator.length(#len, #min, #max); });
    }
    if let Some((min, max)) = range {
        let min = option(min.map(|n| bound(n, ty, true)));
        let max = option(max.map(|n| bound(n, ty, false)));
        out.push(match ty {
            RustType::F64 => quote! { validator.range_float(*#value, #min, #max); },
            RustType::F32 => quote! { validator.range_float(f64::from(*#value), #min, #max); },
            RustType::I64 => quote! { validator.range_int(*#value, #min, #max); },
            _ => quote! { validator.range_int(i64::from(*#value), #min, #max); },
        });
    }
    if let Some(Pattern { regex, matcher, outside: _ }) = pattern.and_then(|index| patterns.get(index)) {
        let matched = match matcher {
            Matcher::Regex { name, source: _, flags: _ } => {
                let name = name.ident();
                Some(quote! { crate::patterns::#name.is_match(#value) })
            }
            Matcher::Prefix(text) => Some(quote! { #value.starts_with(#text) }),
            Matcher::Exact(text) => Some(quote! { #value == #text }),
            // Never in `Check::pattern`: the lowering keeps these apart.
            Matcher::Unchecked(_) => None,
        };
        if let Some(matched) = matched {
            out.push(quote! { validator.pattern(#value, #matched, #regex); });
        }
    }
    match (nested, ty) {
        (Nested::Structure, _) => out.push(quote! { #value.validate_members(validator); }),
        (Nested::List(item_check), RustType::Vec(item_ty)) => {
            let item = format_ident!("item");
            let body = value_check(item_check, item_ty, &item, patterns);
            out.push(quote! {
                for (index, #item) in #value.iter().enumerate() {
                    validator.enter_index(index);
                    #body
                    validator.leave();
                }
            });
        }
        (Nested::Map { key: key_check, value: value_check_plan }, RustType::Map(key_ty, value_ty)) => {
            let key = format_ident!("key");
            let item = format_ident!("item");
            let key_body = value_check(key_check, key_ty, &key, patterns);
            let value_body = value_check(value_check_plan, value_ty, &item, patterns);
            let bindings = if value_body.is_empty() {
                quote! { #key in #value.keys() }
            } else {
                quote! { (#key, #item) in #value }
            };
            out.push(quote! {
                for #bindings {
                    validator.enter_key(#key.as_str());
                    #key_body
                    #value_body
                    validator.leave();
                }
            });
        }
        _ => {}
    }
    quote! { #( #out )* }
}
