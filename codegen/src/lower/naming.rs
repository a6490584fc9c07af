//! The one place that turns Smithy names into Rust names.
//!
//! Each function returns the Rust identifier next to the wire name it came from, so no emitter
//! re-derives either. Collisions are resolved by [`Namespace`], deterministically.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// A Rust identifier, remembered without its `r#` so docs and paths can print the plain name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RustIdent {
    name: String,
    raw: bool,
}

impl RustIdent {
    /// An identifier, raw (`r#type`) when the name is a Rust keyword.
    pub fn new(name: &str) -> Self {
        if CANNOT_BE_RAW.contains(&name) {
            // `self`, `crate` and friends cannot be raw identifiers; a trailing `_` is the
            // convention rustc suggests.
            Self { name: format!("{name}_"), raw: false }
        } else {
            Self { name: name.to_owned(), raw: KEYWORDS.contains(&name) }
        }
    }

    /// The identifier without `r#`.
    pub fn as_str(&self) -> &str {
        &self.name
    }

    /// The name of a standard trait's method (`add`, `next`, `clone`, ...). A model may well
    /// call a member `add`, and its builder setter keeps the name; clippy's
    /// `should_implement_trait` would take it for a missing `impl Add`, so the method is marked.
    pub fn is_trait_method(&self) -> bool {
        TRAIT_METHODS.contains(&self.name.as_str())
    }

    pub fn ident(&self) -> Ident {
        if self.raw {
            Ident::new_raw(&self.name, Span::call_site())
        } else {
            Ident::new(&self.name, Span::call_site())
        }
    }
}

/// A name as Rust sees it and as the wire carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub rust: RustIdent,
    pub wire: String,
}

const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn", "else", "enum",
    "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod", "move",
    "mut", "override", "priv", "pub", "ref", "return", "static", "struct", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// The methods clippy's `should_implement_trait` knows.
const TRAIT_METHODS: &[&str] = &[
    "add",
    "as_mut",
    "as_ref",
    "bitand",
    "bitor",
    "bitxor",
    "borrow",
    "borrow_mut",
    "clone",
    "cmp",
    "default",
    "deref",
    "deref_mut",
    "div",
    "drop",
    "eq",
    "from_iter",
    "from_str",
    "hash",
    "index",
    "index_mut",
    "into_iter",
    "mul",
    "neg",
    "next",
    "not",
    "rem",
    "shl",
    "shr",
    "sub",
];

const CANNOT_BE_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Type names the generated code uses unqualified (the standard prelude's types, variants and
/// traits, which derives and intra-doc links also name); a shape with one of these names would
/// shadow them.
const RESERVED_TYPES: &[&str] = &[
    "Option",
    "Result",
    "String",
    "Vec",
    "Box",
    "HashMap",
    "Self",
    "Some",
    "None",
    "Ok",
    "Err",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Hash",
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "Into",
    "TryFrom",
    "TryInto",
    "AsRef",
    "AsMut",
    "Iterator",
    "IntoIterator",
    "FromIterator",
    "Extend",
    "ToString",
    "ToOwned",
];

/// The type name of a shape (`S3Object`, `DeploymentJobErrorCode`).
pub fn type_name(shape_name: &str) -> String {
    let camel = camel(shape_name, "Shape");
    if RESERVED_TYPES.contains(&camel.as_str()) {
        format!("{camel}Shape")
    } else {
        camel
    }
}

/// The field name of a structure member (`deploymentConfig` -> `deployment_config`).
pub fn member(name: &str, json_name: Option<&str>) -> Name {
    let mut snake = name.to_snake_case();
    if snake.is_empty() || snake.starts_with(|c: char| c.is_ascii_digit()) {
        snake.insert(0, '_');
    }
    Name { rust: RustIdent::new(&snake), wire: json_name.unwrap_or(name).to_owned() }
}

/// The variant name of an enum member (`PreLaunchStep`, or `UsEast1` for a 1.0 value
/// `us-east-1` without a name).
pub fn variant(name: &str, value: &str) -> Name {
    Name { rust: RustIdent::new(&camel(name, "Value")), wire: value.to_owned() }
}

/// The method that tells whether an operation's error is one variant (`ThrottlingException` ->
/// `is_throttling_exception`).
pub fn variant_predicate(variant: &str) -> RustIdent {
    RustIdent::new(&format!("is_{}", variant.to_snake_case()))
}

/// The union method that returns the value of one variant (`FieldFilter` -> `as_field_filter`).
pub fn union_accessor(variant: &RustIdent) -> RustIdent {
    RustIdent::new(&format!("as_{}", variant.as_str().to_snake_case()))
}

/// Methods of the generated `Client` besides the operations', and of the traits it implements.
pub const CLIENT_METHODS: &[&str] = &["new", "from_conf", "config", "clone", "clone_from", "fmt"];

/// The `Client` method that starts a call of the operation whose module is `module`: the
/// module's name, unless the client has a method of that name (`Config` -> `config_operation`).
pub fn client_method(module: &RustIdent) -> RustIdent {
    if CLIENT_METHODS.contains(&module.as_str()) {
        RustIdent::new(&format!("{}_operation", module.as_str()))
    } else {
        module.clone()
    }
}

/// The module name of an operation (`DescribeDeploymentJob` -> `describe_deployment_job`).
pub fn module(operation: &str) -> RustIdent {
    RustIdent::new(&operation.to_snake_case())
}

fn camel(name: &str, prefix_for_digit: &str) -> String {
    let camel = name.to_upper_camel_case();
    if camel.is_empty() {
        prefix_for_digit.to_owned()
    } else if camel.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{prefix_for_digit}{camel}")
    } else {
        camel
    }
}

/// Names already taken in one scope (a struct's fields, an enum's variants, a module's types).
#[derive(Debug, Default)]
pub struct Namespace {
    taken: BTreeSet<String>,
}

impl Namespace {
    /// A namespace where `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self { taken: reserved.iter().map(|name| (*name).to_owned()).collect() }
    }

    /// Claims `name`, or `name2`, `name3`, ... when it is taken: the first claimant keeps the
    /// plain name, so adding a member later never renames an existing one that sorts earlier.
    pub fn claim(&mut self, name: &str) -> String {
        if self.taken.insert(name.to_owned()) {
            return name.to_owned();
        }
        let separator = if name.ends_with(|c: char| c.is_ascii_digit()) { "_" } else { "" };
        (2..)
            .map(|n| format!("{name}{separator}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or_default()
    }

    /// Like [`Namespace::claim`], for identifiers.
    pub fn claim_ident(&mut self, ident: RustIdent) -> RustIdent {
        let claimed = self.claim(ident.as_str());
        if claimed == ident.as_str() {
            ident
        } else {
            RustIdent::new(&claimed)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_become_snake_case_and_keywords_raw() {
        assert_eq!(member("deploymentConfig", None).rust.as_str(), "deployment_config");
        let ty = member("type", None);
        assert_eq!(ty.rust.ident().to_string(), "r#type");
        assert_eq!(ty.wire, "type");
        assert_eq!(member("self", None).rust.ident().to_string(), "self_");
        assert_eq!(member("foo", Some("Foo")).wire, "Foo");
        assert_eq!(member("3d", None).rust.as_str(), "_3d");
    }

    #[test]
    fn variants_keep_their_wire_value() {
        let name = variant("PreLaunchStep", "ExecutingPreLaunch");
        assert_eq!((name.rust.as_str(), name.wire.as_str()), ("PreLaunchStep", "ExecutingPreLaunch"));
        assert_eq!(variant("us-east-1", "us-east-1").rust.as_str(), "UsEast1");
        assert_eq!(variant("1.0", "1.0").rust.as_str(), "Value10");
    }

    #[test]
    fn variant_predicates_are_snake_case_and_can_collide_until_claimed() {
        assert_eq!(variant_predicate("ThrottlingException").as_str(), "is_throttling_exception");
        assert_eq!(variant_predicate("FooBar"), variant_predicate("Foo_Bar"));
        let mut predicates = Namespace::default();
        let first = predicates.claim_ident(variant_predicate("FooBar"));
        let second = predicates.claim_ident(variant_predicate("Foo_Bar"));
        assert_ne!(first, second);
    }

    #[test]
    fn types_avoid_prelude_names() {
        assert_eq!(type_name("S3Object"), "S3Object");
        assert_eq!(type_name("errorMessage"), "ErrorMessage");
        assert_eq!(type_name("Result"), "ResultShape");
    }

    #[test]
    fn namespace_suffixes_collisions_in_claim_order() {
        let mut names = Namespace::with_reserved(&["Unknown"]);
        assert_eq!(names.claim("foo_bar"), "foo_bar");
        assert_eq!(names.claim("foo_bar"), "foo_bar2");
        assert_eq!(names.claim("Unknown"), "Unknown2");
        assert_eq!(names.claim("v1"), "v1");
        assert_eq!(names.claim("v1"), "v1_2");
    }
}
