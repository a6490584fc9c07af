//! The Smithy prelude: shapes every model may target without defining them.

use std::collections::BTreeMap;

use super::shape::{Shape, ShapeKind};
use super::traits::Traits;

/// The simple prelude shapes, including the 1.0 `Primitive*` and `Boxed*` names.
pub(crate) fn shapes() -> BTreeMap<String, Shape> {
    let simple = [
        ("Blob", ShapeKind::Blob),
        ("Boolean", ShapeKind::Boolean),
        ("String", ShapeKind::String),
        ("Byte", ShapeKind::Byte),
        ("Short", ShapeKind::Short),
        ("Integer", ShapeKind::Integer),
        ("Long", ShapeKind::Long),
        ("Float", ShapeKind::Float),
        ("Double", ShapeKind::Double),
        ("BigInteger", ShapeKind::BigInteger),
        ("BigDecimal", ShapeKind::BigDecimal),
        ("Timestamp", ShapeKind::Timestamp),
        ("Document", ShapeKind::Document),
    ];
    let mut shapes = BTreeMap::new();
    let mut add = |name: String, kind: ShapeKind| {
        let id = format!("smithy.api#{name}");
        shapes.insert(id.clone(), Shape { id, kind, traits: Traits::default() });
    };
    for (name, kind) in simple {
        if matches!(name, "Boolean" | "Byte" | "Short" | "Integer" | "Long" | "Float" | "Double") {
            add(format!("Primitive{name}"), kind.clone());
        }
        add(name.to_owned(), kind);
    }
    // `Unit` is the empty structure: the input or output of operations that have none,
    // and the target of enum and union members that carry no value.
    add("Unit".to_owned(), ShapeKind::Structure(Vec::new()));
    shapes
}

/// The ID of the prelude's empty structure.
pub const UNIT: &str = "smithy.api#Unit";
