//! `src/property_tests.rs` (`Options::property_tests`): a proptest strategy per structure,
//! union and enum of the crate, and three properties over them. Every structure and union
//! round-trips through serde; every structure that has constraints validates when made within
//! them; and for each constrained member, a value outside its length, range or pattern fails
//! validation at that member's path. The strategies are built from `runtime::properties`.

use std::collections::BTreeSet;

use heck::ToSnakeCase;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote, ToTokens};

use super::rust::{option, rust_type, type_path};
use crate::lower::ir::{
    Check, Crate, Enum, Matcher, Member, Module, Nested, Pattern, RustType, Structure, TimestampFormat, TypePath,
    Union, UnionVariant,
};

/// Longest text, blob, list or map made past a maximum, for the test of values outside it.
const MAX_OUTSIDE_TEXT: u64 = 4096;
const MAX_OUTSIDE_ITEMS: u64 = 64;

pub fn emit(krate: &Crate) -> TokenStream {
    let structures: Vec<&Structure> = krate
        .operations
        .iter()
        .flat_map(|operation| [&operation.input, &operation.output])
        .chain(&krate.structures)
        .chain(&krate.errors)
        // A stream is read once, as it arrives: it has no value to make or compare.
        .filter(|structure| !structure.holds_stream())
        .collect();
    let enums: BTreeSet<&TypePath> = krate.enums.iter().map(|item| &item.path).collect();
    let plan = Plan { enums: &enums, patterns: &krate.patterns };

    let enum_strategies = krate.enums.iter().map(enum_strategy);
    let union_strategies = krate.unions.iter().map(|union| plan.union_strategy(union));
    let structure_strategies = structures.iter().map(|structure| plan.structure_strategy(structure));
    let round_trips = structures
        .iter()
        .map(|structure| &structure.path)
        .chain(krate.unions.iter().map(|union| &union.path))
        .map(round_trip);
    let checked: Vec<&&Structure> =
        structures.iter().filter(|structure| structure.members.iter().any(|member| !member.check.is_empty())).collect();
    let valid = checked.iter().map(|structure| within_constraints(structure));
    let invalid = checked.iter().flat_map(|structure| plan.outside_constraints(structure));
    quote! {
        //! Property tests: values of every type made at random, within the model's constraints
        //! or not (`runtime::properties`).

        use runtime::properties::proptest::prelude::*;
        use runtime::properties::proptest::strategy::BoxedStrategy;
        use runtime::properties::{Mode, DEPTH};

        #( #enum_strategies )*
        #( #union_strategies )*
        #( #structure_strategies )*
        #( #round_trips )*
        #( #valid )*
        #( #invalid )*
    }
}

/// What the strategies of members need to know about the crate.
struct Plan<'a> {
    enums: &'a BTreeSet<&'a TypePath>,
    patterns: &'a [Pattern],
}

/// The strategy function of a type: `types_thing`, `error_throttled`, `put_thing_put_thing_input`.
fn strategy_name(path: &TypePath) -> proc_macro2::Ident {
    let module = match &path.module {
        Module::Types => "types",
        Module::Errors => "error",
        Module::Operation(module) => module.as_str(),
    };
    format_ident!("{}_{}", module, path.name.to_snake_case())
}

fn enum_strategy(item: &Enum) -> TokenStream {
    let Enum { path, variants, .. } = item;
    let name = strategy_name(path);
    let ty = type_path(path, None);
    let doc = format!(" A listed value of `{}` or another.", path.name);
    let listed = variants.iter().map(|variant| {
        let ident = variant.name.ident();
        quote! { Just(#ty::#ident).boxed(), }
    });
    quote! {
        #[doc = #doc]
        fn #name() -> BoxedStrategy<#ty> {
            runtime::properties::one_of([#( #listed )* runtime::properties::unknown()])
        }
    }
}

fn round_trip(path: &TypePath) -> TokenStream {
    let name = strategy_name(path);
    let test = format_ident!("{}_round_trips", name);
    let label = &path.name;
    quote! {
        #[test]
        fn #test() {
            runtime::properties::round_trip(#label, #name(Mode::Any, DEPTH));
        }
    }
}

/// `validate_members` run to the end, as `validate()` does for an input.
fn validate_closure(structure: &Structure) -> TokenStream {
    let label = &structure.path.name;
    quote! {
        |value| {
            let mut validator = runtime::validation::Validator::new();
            value.validate_members(&mut validator);
            validator.finish(#label)
        }
    }
}

fn within_constraints(structure: &Structure) -> TokenStream {
    let name = strategy_name(&structure.path);
    let test = format_ident!("{}_within_constraints_validates", name);
    let label = &structure.path.name;
    let validate = validate_closure(structure);
    quote! {
        #[test]
        fn #test() {
            runtime::properties::valid(#label, #name(Mode::Valid, DEPTH), #validate);
        }
    }
}

/// Splits `items` into nested tuples of at most ten, which proptest's tuple strategies take:
/// the pattern that binds them and the strategy that makes them.
fn tuple_tree(items: Vec<(TokenStream, TokenStream)>) -> (TokenStream, TokenStream) {
    if items.len() <= 10 {
        let (patterns, strategies): (Vec<_>, Vec<_>) = items.into_iter().unzip();
        return (quote! { ( #( #patterns, )* ) }, quote! { ( #( #strategies, )* ) });
    }
    let mut chunks = Vec::new();
    let mut items = items.into_iter().peekable();
    while items.peek().is_some() {
        chunks.push(tuple_tree(items.by_ref().take(10).collect()));
    }
    tuple_tree(chunks)
}

impl Plan<'_> {
    fn structure_strategy(&self, structure: &Structure) -> TokenStream {
        let Structure { path, members, request_id, .. } = structure;
        let name = strategy_name(path);
        let ty = type_path(path, None);
        let doc = format!(" A `{}`.", path.name);
        let request_id = if *request_id {
            quote! { _request_id: None, }
        } else {
            TokenStream::new()
        };
        let idents: Vec<_> = members.iter().map(|member| member.field.ident()).collect();
        let body = if members.is_empty() {
            quote! { Just(#ty { #request_id }).boxed() }
        } else {
            let items = members
                .iter()
                .map(|member| (member.field.ident().into_token_stream(), self.member_strategy(member)))
                .collect();
            let (pattern, strategy) = tuple_tree(items);
            quote! {
                #strategy
                    .prop_map(|#pattern| #ty { #( #idents, )* #request_id })
                    .boxed()
            }
        };
        let (mode, depth) = self.params(members.iter().map(|member| &member.ty));
        quote! {
            #[doc = #doc]
            fn #name(#mode: Mode, #depth: u32) -> BoxedStrategy<#ty> {
                #body
            }
        }
    }

    fn union_strategy(&self, union: &Union) -> TokenStream {
        let Union { path, variants, .. } = union;
        let name = strategy_name(path);
        let ty = type_path(path, None);
        let doc = format!(" A `{}` holding any of its members.", path.name);
        let (mut shallow, mut nested) = (Vec::new(), Vec::new());
        for UnionVariant { name: variant, ty: value, check, timestamp_format, .. } in variants {
            let ident = variant.ident();
            match value {
                Some(value) => {
                    let strategy = self.strategy(value, check, *timestamp_format);
                    let option = quote! { #strategy.prop_map(#ty::#ident).boxed() };
                    if self.holds_structure(value) {
                        nested.push(option);
                    } else {
                        shallow.push(option);
                    }
                }
                None => shallow.push(quote! { Just(#ty::#ident).boxed() }),
            }
        }
        let (mode, _) = self.params(variants.iter().filter_map(|variant| variant.ty.as_ref()));
        // `depth` decides between the members, whatever they use.
        let depth = format_ident!("depth");
        quote! {
            #[doc = #doc]
            fn #name(#mode: Mode, #depth: u32) -> BoxedStrategy<#ty> {
                runtime::properties::union_of(#depth, [#( #shallow ),*], || [#( #nested ),*])
            }
        }
    }

    /// Whether a value of `ty` is itself a structure or union (boxed or not), whose strategy is
    /// made at once, not only while depth lasts as in options, lists and maps.
    fn holds_structure(&self, ty: &RustType) -> bool {
        match ty {
            RustType::Box(inner) => self.holds_structure(inner),
            RustType::Named(path) => !self.enums.contains(path),
            _ => false,
        }
    }

    fn member_strategy(&self, member: &Member) -> TokenStream {
        self.strategy(&member.ty, &member.check, member.timestamp_format)
    }

    /// The strategy of a value of type `ty` with `check`, in the `mode` and at the `depth` of
    /// the strategy function it is in.
    fn strategy(&self, ty: &RustType, check: &Check, format: Option<TimestampFormat>) -> TokenStream {
        let (min_len, max_len) = check.length.unwrap_or((None, None));
        let min_len = option_u64(min_len);
        let max_len = option_u64(max_len);
        match ty {
            // Structures holding streams get no strategy (`emit`); an empty stream all the same.
            RustType::EventReceiver { .. } | RustType::EventSender { .. } | RustType::ByteStream => {
                quote! { Just(()).prop_map(|()| Default::default()).boxed() }
            }
            RustType::Option(inner) => {
                let inner = self.later(inner, check, format);
                quote! { runtime::properties::optional(depth, #inner) }
            }
            RustType::Box(inner) => {
                let inner = self.strategy(inner, check, format);
                quote! { #inner.prop_map(Box::new).boxed() }
            }
            RustType::String => {
                let pattern = match check.pattern.and_then(|index| self.patterns.get(index)) {
                    Some(Pattern { regex: _, matcher, outside: _ }) => {
                        let matches = match matcher {
                            Matcher::Regex { name, .. } => {
                                let name = name.ident();
                                Some(quote! { crate::patterns::#name.is_match(text) })
                            }
                            Matcher::Prefix(prefix) => Some(quote! { text.starts_with(#prefix) }),
                            Matcher::Exact(exact) => Some(quote! { text == #exact }),
                            Matcher::Unchecked(_) => None,
                        };
                        let source = match matcher {
                            Matcher::Regex { source, .. } => Some(source.clone()),
                            Matcher::Prefix(prefix) => Some(format!("^{}", escape(prefix))),
                            Matcher::Exact(exact) => Some(format!("^{}$", escape(exact))),
                            Matcher::Unchecked(_) => None,
                        };
                        match (source, matches) {
                            (Some(source), Some(matches)) => quote! { Some((#source, |text: &str| #matches)) },
                            _ => quote! { None },
                        }
                    }
                    None => quote! { None },
                };
                quote! { runtime::properties::text(mode, #min_len, #max_len, #pattern) }
            }
            RustType::Bool => quote! { any::<bool>().boxed() },
            RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64 => {
                let int = rust_type(ty, None);
                let (min, max) = check.range.unwrap_or((None, None));
                let min = option_i64(min.map(f64::ceil));
                let max = option_i64(max.map(f64::floor));
                quote! { runtime::properties::int::<#int>(mode, #min, #max) }
            }
            RustType::F32 | RustType::F64 => {
                let (min, max) = check.range.unwrap_or((None, None));
                let min = option_f64(min);
                let max = option_f64(max);
                if *ty == RustType::F32 {
                    quote! { runtime::properties::float32(mode, #min, #max) }
                } else {
                    quote! { runtime::properties::float(mode, #min, #max) }
                }
            }
            // An HTTP date says whole seconds (IMF-fixdate); the other formats keep milliseconds.
            RustType::Timestamp if format == Some(TimestampFormat::HttpDate) => {
                quote! { runtime::properties::timestamp_seconds() }
            }
            RustType::Timestamp => quote! { runtime::properties::timestamp() },
            RustType::Blob => quote! { runtime::properties::blob(mode, #min_len, #max_len) },
            RustType::Document => quote! { runtime::properties::document(2) },
            RustType::Named(path) if self.enums.contains(path) => {
                let name = strategy_name(path);
                quote! { #name() }
            }
            RustType::Named(path) => {
                let name = strategy_name(path);
                quote! { #name(mode, depth.saturating_sub(1)) }
            }
            RustType::Vec(item) => {
                let item_check = match &check.nested {
                    Nested::List(item_check) => (**item_check).clone(),
                    _ => Check::default(),
                };
                let item = self.later(item, &item_check, format);
                quote! { runtime::properties::list(mode, depth, #min_len, #max_len, #item) }
            }
            RustType::Map(key, value) => {
                let (key_check, value_check) = match &check.nested {
                    Nested::Map { key, value } => ((**key).clone(), (**value).clone()),
                    _ => (Check::default(), Check::default()),
                };
                let key = self.strategy(key, &key_check, format);
                let value = self.later(value, &value_check, format);
                quote! { runtime::properties::map(mode, depth, #min_len, #max_len, #key, #value) }
            }
        }
    }

    /// A function that makes the strategy of `ty` when called: the strategy function itself
    /// where it takes nothing, else a closure.
    fn later(&self, ty: &RustType, check: &Check, format: Option<TimestampFormat>) -> TokenStream {
        match ty {
            RustType::Timestamp if format == Some(TimestampFormat::HttpDate) => {
                quote! { runtime::properties::timestamp_seconds }
            }
            RustType::Timestamp => quote! { runtime::properties::timestamp },
            RustType::Named(path) if self.enums.contains(path) => strategy_name(path).into_token_stream(),
            _ => {
                let strategy = self.strategy(ty, check, format);
                quote! { || #strategy }
            }
        }
    }

    /// A test per constrained member and constraint: a value made within every constraint,
    /// then that member set outside this one, fails validation at the member.
    fn outside_constraints(&self, structure: &Structure) -> Vec<TokenStream> {
        let name = strategy_name(&structure.path);
        let label = &structure.path.name;
        let mut tests = Vec::new();
        for member in &structure.members {
            let field = member.field.ident();
            let path = member.field.as_str();
            for (kind, outside) in self.outside_values(member) {
                let test = format_ident!("{}_{}_outside_{}_fails", name, path.to_snake_case(), kind);
                let set = wrap(&member.ty, quote! { outside });
                let validate = validate_closure(structure);
                tests.push(quote! {
                    #[test]
                    fn #test() {
                        let strategy = (#name(Mode::Valid, DEPTH), #outside).prop_map(|(mut value, outside)| {
                            value.#field = #set;
                            value
                        });
                        runtime::properties::invalid_at(#label, #path, strategy, #validate);
                    }
                });
            }
        }
        tests
    }

    /// Strategies of values outside each of the member's own constraints (not those of values
    /// nested in it, which their own structures' tests cover), named for the test.
    fn outside_values(&self, member: &Member) -> Vec<(&'static str, TokenStream)> {
        let check = &member.check;
        let mut ty = &member.value_ty;
        while let RustType::Box(inner) | RustType::Option(inner) = ty {
            ty = inner;
        }
        let mut out = Vec::new();
        if let Some((min, max)) = check.length {
            let limit = match ty {
                RustType::String | RustType::Blob => MAX_OUTSIDE_TEXT,
                _ => MAX_OUTSIDE_ITEMS,
            };
            let len = match (min, max) {
                (Some(min), _) if min > 0 => Some(min - 1),
                (_, Some(max)) if max < limit => Some(max + 1),
                _ => None,
            };
            if let Some(len) = len {
                let n = Literal::u64_unsuffixed(len);
                let exact = Some(len);
                let strategy = match ty {
                    RustType::String => Some(quote! { runtime::properties::text_of_length(#n) }),
                    RustType::Blob => Some(quote! { runtime::properties::blob_of_length(#n) }),
                    RustType::Vec(_) | RustType::Map(..) => {
                        let within = Check { length: Some((exact, exact)), ..check.clone() };
                        let strategy = self.strategy(ty, &within, member.timestamp_format);
                        Some(quote! { { let (mode, depth) = (Mode::Valid, DEPTH); #strategy } })
                    }
                    _ => None,
                };
                out.extend(strategy.map(|strategy| ("length", strategy)));
            }
        }
        if let Some((min, max)) = check.range {
            let (low, high) = match ty {
                RustType::I8 => (f64::from(i8::MIN), f64::from(i8::MAX)),
                RustType::I16 => (f64::from(i16::MIN), f64::from(i16::MAX)),
                RustType::I32 => (f64::from(i32::MIN), f64::from(i32::MAX)),
                // Exactly representable ends of the range an `f64` can say of an `i64`.
                RustType::I64 => (-9.223_372_036_854_775e18, 9.223_372_036_854_774e18),
                RustType::F32 => (f64::from(f32::MIN), f64::from(f32::MAX)),
                _ => (f64::MIN, f64::MAX),
            };
            let float = matches!(ty, RustType::F32 | RustType::F64);
            // For floats, a margin clear of rounding at the bound's magnitude.
            let margin = |bound: f64| if float { 1.0 + bound.abs() * 1e-3 } else { 1.0 };
            let outside = match (min, max) {
                (Some(min), _) if min.ceil() - margin(min) >= low => Some((low, min.ceil() - margin(min))),
                (_, Some(max)) if max.floor() + margin(max) <= high => Some((max.floor() + margin(max), high)),
                _ => None,
            };
            if let Some((from, to)) = outside {
                let within = Check { range: Some((Some(from), Some(to))), ..Check::default() };
                let strategy = self.strategy(ty, &within, member.timestamp_format);
                out.push(("range", quote! { { let mode = Mode::Valid; #strategy } }));
            }
        }
        if let Some(Pattern { outside: Some(text), .. }) = check.pattern.and_then(|index| self.patterns.get(index)) {
            if *ty == RustType::String {
                out.push(("pattern", quote! { Just(#text.to_owned()) }));
            }
        }
        out
    }

    /// The strategy function's parameters, `_`-prefixed where none of the members uses them, so
    /// that the compiler has nothing to warn about.
    fn params<'b>(&self, types: impl Iterator<Item = &'b RustType>) -> (proc_macro2::Ident, proc_macro2::Ident) {
        let (mut uses_mode, mut uses_depth) = (false, false);
        for ty in types {
            let (mode, depth) = self.uses(ty);
            uses_mode |= mode;
            uses_depth |= depth;
        }
        (
            format_ident!("{}", if uses_mode { "mode" } else { "_mode" }),
            format_ident!("{}", if uses_depth { "depth" } else { "_depth" }),
        )
    }

    /// Whether a strategy of `ty` reads `mode` and `depth`.
    fn uses(&self, ty: &RustType) -> (bool, bool) {
        match ty {
            RustType::Option(inner) => (self.uses(inner).0, true),
            RustType::Vec(_) | RustType::Map(..) => (true, true),
            RustType::Box(inner) => self.uses(inner),
            RustType::String | RustType::Blob => (true, false),
            RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64 | RustType::F32 | RustType::F64 => {
                (true, false)
            }
            RustType::Named(path) if self.enums.contains(path) => (false, false),
            RustType::Named(_) => (true, true),
            RustType::Bool | RustType::Timestamp | RustType::Document => (false, false),
            RustType::EventReceiver { .. } | RustType::EventSender { .. } | RustType::ByteStream => (false, false),
        }
    }
}

/// `value` as a value of the member's type `ty` (`Some`, `Box`).
fn wrap(ty: &RustType, value: TokenStream) -> TokenStream {
    match ty {
        RustType::Option(inner) => {
            let inner = wrap(inner, value);
            quote! { Some(#inner) }
        }
        RustType::Box(inner) => {
            let inner = wrap(inner, value);
            quote! { Box::new(#inner) }
        }
        _ => value,
    }
}

/// `text` as a regex that matches it literally.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$-#&~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn option_u64(value: Option<u64>) -> TokenStream {
    option(value.map(|value| Literal::u64_unsuffixed(value).into_token_stream()))
}

#[allow(clippy::cast_possible_truncation)]
fn option_i64(value: Option<f64>) -> TokenStream {
    option(value.map(|value| Literal::i64_unsuffixed(value as i64).into_token_stream()))
}

fn option_f64(value: Option<f64>) -> TokenStream {
    option(value.map(|value| Literal::f64_unsuffixed(value).into_token_stream()))
}
