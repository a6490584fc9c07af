//! Stage one: the Smithy JSON AST document becomes a typed [`Model`].
//!
//! Nothing after this module looks at `serde_json::Value`s of the model: every shape, member
//! and trait the generator uses is checked and typed here, with the JSON path of each failure.

mod prelude;
pub mod protocol_tests;
pub mod rules;
mod shape;
mod traits;

pub use prelude::UNIT;
pub use shape::{EnumMember, Member, Operation, Resource, Service, Shape, ShapeKind};
pub use traits::{
    AwsService, DefaultValue, Deprecated, ErrorKind, Http, Length, Paginated, Range, TimestampFormat, Traits,
    PROTOCOL_TRAITS, TRAITS_READ,
};

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::error::{shape_path, Error};

/// A parsed model: every shape of the document plus the Smithy prelude, keyed by shape ID.
#[derive(Debug, Clone)]
pub struct Model {
    /// The Smithy IDL version the document declared (`1.0` or `2.0`).
    pub version: SmithyVersion,
    /// All shapes, ordered by shape ID so that everything derived from them is deterministic.
    pub shapes: BTreeMap<String, Shape>,
}

/// The Smithy IDL versions the generator reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmithyVersion {
    /// Smithy 1.0: enums are strings with the `smithy.api#enum` trait, `set` is a list.
    V1,
    /// Smithy 2.0.
    V2,
}

impl Model {
    /// The shape with this ID; IDs were checked while parsing, so a miss is a generator bug
    /// reported as an error rather than a panic.
    pub fn shape(&self, id: &str) -> Result<&Shape, Error> {
        self.shapes.get(id).ok_or_else(|| Error::in_shape(id, shape_path(id), "shape is referenced but not defined"))
    }
}

/// Parses a Smithy JSON AST document.
pub fn parse(json: &str) -> Result<Model, Error> {
    let document: Value =
        serde_json::from_str(json).map_err(|err| Error::new("$", format!("the model is not valid JSON: {err}")))?;
    let root = document.as_object().ok_or_else(|| Error::new("$", "the model must be a JSON object"))?;
    let version = parse_version(root)?;

    let mut shapes = prelude::shapes();
    if let Some(raw) = root.get("shapes") {
        let raw =
            raw.as_object().ok_or_else(|| Error::new("$.shapes", "`shapes` must be an object keyed by shape ID"))?;
        for (id, value) in raw {
            let shape = shape::parse_shape(id, value, version)?;
            shapes.insert(id.clone(), shape);
        }
    }
    let model = Model { version, shapes };
    check_targets(&model)?;
    Ok(model)
}

fn parse_version(root: &Map<String, Value>) -> Result<SmithyVersion, Error> {
    let value = root.get("smithy").ok_or_else(|| Error::new("$.smithy", "the model has no `smithy` version"))?;
    match value.as_str() {
        Some("2" | "2.0") => Ok(SmithyVersion::V2),
        Some("1" | "1.0") => Ok(SmithyVersion::V1),
        Some(other) => Err(Error::new(
            "$.smithy",
            format!("unsupported Smithy version `{other}`; this generator reads 1.0 and 2.0"),
        )),
        None => Err(Error::new("$.smithy", format!("the Smithy version must be a string, found {value}"))),
    }
}

/// Every reference in the model must point at a shape that exists, so later stages can look
/// shapes up without failing.
fn check_targets(model: &Model) -> Result<(), Error> {
    for shape in model.shapes.values() {
        for reference in shape.references() {
            if !model.shapes.contains_key(reference.target) {
                return Err(Error::in_shape(
                    &shape.id,
                    reference.path,
                    format!("targets `{}`, which is not defined in the model", reference.target),
                ));
            }
        }
    }
    Ok(())
}
