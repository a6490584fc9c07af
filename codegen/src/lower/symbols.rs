//! The resolver: the one place that decides `Option`, `Box`, `Vec` and `HashMap`.

use std::collections::BTreeMap;

use super::closure::closes_cycle;
use super::ir::{RustType, TypePath};
use crate::error::{shape_path, Error};
use crate::parse::{DefaultValue, Member, Model, ShapeKind};

pub struct Symbols<'a> {
    model: &'a Model,
    /// Where each generated structure and enum lives.
    locations: &'a BTreeMap<String, TypePath>,
    uses_timestamp: bool,
    uses_blob: bool,
    uses_f64: bool,
    /// The error enum of the operation whose input and output are being lowered: an event
    /// stream's errors are its.
    stream_error: Option<TypePath>,
    /// Whether an input is being lowered (its event stream is sent, not received).
    stream_input: bool,
}

/// A member's field type and the type its builder setter takes.
pub struct MemberType {
    pub ty: RustType,
    pub value_ty: RustType,
}

impl<'a> Symbols<'a> {
    pub fn new(model: &'a Model, locations: &'a BTreeMap<String, TypePath>) -> Self {
        Self {
            model,
            locations,
            uses_timestamp: false,
            uses_blob: false,
            uses_f64: false,
            stream_error: None,
            stream_input: false,
        }
    }

    pub fn uses_timestamp(&self) -> bool {
        self.uses_timestamp
    }

    pub fn uses_blob(&self) -> bool {
        self.uses_blob
    }

    /// Whether a `double` or a `document` (whose numbers are `f64`s) was lowered.
    pub fn uses_f64(&self) -> bool {
        self.uses_f64
    }

    /// The operation whose input (`input`) or output is lowered next, by its error enum; `None`
    /// after.
    pub fn set_stream_context(&mut self, error: Option<TypePath>, input: bool) {
        self.stream_error = error;
        self.stream_input = input;
    }

    /// Something other than a blob member needs `Blob`'s base64 (a `@mediaType` header).
    pub fn need_base64(&mut self) {
        self.uses_blob = true;
    }

    /// Required members are plain values (the builder enforces them), and so are members with a
    /// `plain_default` ([`plain_default`]); the rest are `Option`s. A member that closes a cycle
    /// of structures is boxed.
    pub fn member(&mut self, owner: &str, member: &Member, plain_default: bool) -> Result<MemberType, Error> {
        let mut value_ty = self.value(&member.target)?;
        if closes_cycle(self.model, owner, &member.target) {
            value_ty = RustType::Box(Box::new(value_ty));
        }
        let ty = if member.traits.required || plain_default {
            value_ty.clone()
        } else {
            RustType::Option(Box::new(value_ty.clone()))
        };
        Ok(MemberType { ty, value_ty })
    }

    /// The Rust type of a value of shape `id`.
    pub fn value(&mut self, id: &str) -> Result<RustType, Error> {
        let shape = self.model.shape(id)?;
        let unsupported = |what: &str| {
            Err(Error::in_shape(
                id,
                format!("{}.type", shape_path(id)),
                format!("{what} shapes are not supported by this generator yet"),
            ))
        };
        Ok(match &shape.kind {
            ShapeKind::String => RustType::String,
            ShapeKind::Boolean => RustType::Bool,
            ShapeKind::Byte => RustType::I8,
            ShapeKind::Short => RustType::I16,
            ShapeKind::Integer => RustType::I32,
            ShapeKind::Long => RustType::I64,
            ShapeKind::Float => RustType::F32,
            ShapeKind::Double => {
                self.uses_f64 = true;
                RustType::F64
            }
            ShapeKind::Timestamp => {
                self.uses_timestamp = true;
                RustType::Timestamp
            }
            // `@sparse` collections may hold nulls.
            ShapeKind::List(member) => {
                let item = self.value(&member.target)?;
                RustType::Vec(Box::new(if shape.traits.sparse { RustType::Option(Box::new(item)) } else { item }))
            }
            ShapeKind::Map { key, value } => {
                let item = self.value(&value.target)?;
                let item = if shape.traits.sparse { RustType::Option(Box::new(item)) } else { item };
                RustType::Map(Box::new(self.value(&key.target)?), Box::new(item))
            }
            ShapeKind::Union(_) if shape.traits.streaming => {
                let (Some(event), Some(error)) = (self.locations.get(id), &self.stream_error) else {
                    return Err(Error::in_shape(
                        id,
                        shape_path(id),
                        "an event stream (`@streaming` union) can only be a member of an operation's input or output",
                    ));
                };
                if self.stream_input {
                    RustType::EventSender { event: event.clone() }
                } else {
                    RustType::EventReceiver { event: event.clone(), error: error.clone() }
                }
            }
            ShapeKind::Enum(_) | ShapeKind::Structure(_) | ShapeKind::Union(_) => match self.locations.get(id) {
                Some(path) => RustType::Named(path.clone()),
                None => {
                    return Err(Error::in_shape(
                        id,
                        shape_path(id),
                        "is used as a member type but was not assigned a Rust type",
                    ))
                }
            },
            ShapeKind::Blob => {
                self.uses_blob = true;
                RustType::Blob
            }
            ShapeKind::Document => {
                self.uses_f64 = true;
                RustType::Document
            }
            ShapeKind::BigInteger => return unsupported("bigInteger"),
            ShapeKind::BigDecimal => return unsupported("bigDecimal"),
            // As smithy-rs clients do: an `i32`, so a value added to the model later is never an
            // error. The member docs list the named values (`docs::int_enum_values`).
            ShapeKind::IntEnum(_) => RustType::I32,
            ShapeKind::Service(_) | ShapeKind::Operation(_) | ShapeKind::Resource(_) => {
                return Err(Error::in_shape(
                    id,
                    shape_path(id),
                    "a member cannot target a service, operation or resource",
                ))
            }
        })
    }
}

/// Whether a `@default` makes a member a plain value, filled with the default when a builder or
/// response leaves it out: unless the default is `null`, `@clientOptional` keeps the `Option`, or
/// the member is an operation input's own, which clients treat as optional (Smithy's `@input`)
/// so that a member the caller leaves unset is not sent.
pub fn plain_default(member: &Member, in_input: bool) -> bool {
    !in_input
        && !member.traits.client_optional
        && member.traits.default.as_ref().is_some_and(|default| *default != DefaultValue::Null)
}

impl RustType {
    /// The generated types a fallback value of this type is built from: a fallback `Vec` or map
    /// is empty, but a structure or enum needs its own.
    pub fn fallback_needs(&self) -> Option<&TypePath> {
        match self {
            RustType::Named(path) => Some(path),
            RustType::Box(inner) => inner.fallback_needs(),
            _ => None,
        }
    }
}
