//! Shapes and members of the JSON AST.

use serde_json::{Map, Value};

use super::traits::{parse_traits, Traits};
use super::SmithyVersion;
use crate::error::{quoted, shape_path, Error};

/// One shape of the model.
#[derive(Debug, Clone)]
pub struct Shape {
    /// The absolute shape ID, `namespace#Name`.
    pub id: String,
    /// What kind of shape it is, with its members.
    pub kind: ShapeKind,
    /// The traits the generator understands; unknown traits are dropped.
    pub traits: Traits,
}

/// The shape types of Smithy 2.0 (and `set` of 1.0, read as a list).
#[derive(Debug, Clone)]
pub enum ShapeKind {
    Blob,
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp,
    Document,
    /// A 2.0 `enum` shape, or a 1.0 string with the `smithy.api#enum` trait.
    Enum(Vec<EnumMember>),
    /// A 2.0 `intEnum` shape.
    IntEnum(Vec<EnumMember>),
    List(Box<Member>),
    Map {
        key: Box<Member>,
        value: Box<Member>,
    },
    Structure(Vec<Member>),
    Union(Vec<Member>),
    Service(Service),
    Operation(Operation),
    Resource(Resource),
}

/// A member of an aggregate shape.
#[derive(Debug, Clone)]
pub struct Member {
    /// The member name as written in the model (`member`, `key` and `value` for collections).
    pub name: String,
    /// The shape ID the member targets.
    pub target: String,
    /// Traits applied to the member itself.
    pub traits: Traits,
}

/// A member of an enum shape.
#[derive(Debug, Clone)]
pub struct EnumMember {
    /// The member name; for 1.0 enum definitions without a name, derived from the value.
    pub name: String,
    /// The wire value: the string of `enumValue` (or the member name when absent), or the
    /// decimal text of an `intEnum` value.
    pub value: String,
    pub traits: Traits,
}

#[derive(Debug, Clone, Default)]
pub struct Service {
    pub version: Option<String>,
    pub operations: Vec<String>,
    pub resources: Vec<String>,
    pub errors: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Operation {
    pub input: Option<String>,
    pub output: Option<String>,
    pub errors: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Resource {
    /// Lifecycle operations (`create`, `read`, ...) followed by `operations` and
    /// `collectionOperations`, in document order.
    pub operations: Vec<String>,
    pub resources: Vec<String>,
}

/// A reference from one shape to another, with where it is written.
pub(crate) struct Reference<'a> {
    pub target: &'a str,
    pub path: String,
}

impl Shape {
    /// Every shape ID this shape refers to, with the JSON path of the reference.
    pub(crate) fn references(&self) -> Vec<Reference<'_>> {
        let base = shape_path(&self.id);
        fn member_ref<'m>(base: &str, kind: &str, member: &'m Member) -> Reference<'m> {
            Reference { target: member.target.as_str(), path: format!("{base}.{kind}.target") }
        }
        fn named<'m>(base: &str, list: &str, index: usize, target: &'m str) -> Reference<'m> {
            Reference { target, path: format!("{base}.{list}[{index}].target") }
        }
        let mut refs = Vec::new();
        match &self.kind {
            ShapeKind::List(member) => refs.push(member_ref(&base, "member", member)),
            ShapeKind::Map { key, value } => {
                refs.push(member_ref(&base, "key", key));
                refs.push(member_ref(&base, "value", value));
            }
            ShapeKind::Structure(members) | ShapeKind::Union(members) => {
                for member in members {
                    refs.push(Reference {
                        target: &member.target,
                        path: format!("{base}.members.{}.target", member_path_key(&member.name)),
                    });
                }
            }
            ShapeKind::Service(service) => {
                for (i, id) in service.operations.iter().enumerate() {
                    refs.push(named(&base, "operations", i, id));
                }
                for (i, id) in service.resources.iter().enumerate() {
                    refs.push(named(&base, "resources", i, id));
                }
                for (i, id) in service.errors.iter().enumerate() {
                    refs.push(named(&base, "errors", i, id));
                }
            }
            ShapeKind::Operation(operation) => {
                for (key, id) in [("input", &operation.input), ("output", &operation.output)] {
                    if let Some(id) = id {
                        refs.push(Reference { target: id, path: format!("{base}.{key}.target") });
                    }
                }
                for (i, id) in operation.errors.iter().enumerate() {
                    refs.push(named(&base, "errors", i, id));
                }
            }
            ShapeKind::Resource(resource) => {
                for (i, id) in resource.operations.iter().enumerate() {
                    refs.push(named(&base, "operations", i, id));
                }
                for (i, id) in resource.resources.iter().enumerate() {
                    refs.push(named(&base, "resources", i, id));
                }
            }
            _ => {}
        }
        refs
    }
}

/// Member names are identifiers, but quote anything that is not, so the path stays readable.
fn member_path_key(name: &str) -> String {
    if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        name.to_owned()
    } else {
        format!("[{}]", quoted(name))
    }
}

pub(crate) fn parse_shape(id: &str, value: &Value, version: SmithyVersion) -> Result<Shape, Error> {
    let base = shape_path(id);
    if !id.contains('#') {
        return Err(Error::in_shape(id, &base, "a shape ID must be absolute (`namespace#Name`)"));
    }
    let object = value.as_object().ok_or_else(|| Error::in_shape(id, &base, "a shape must be a JSON object"))?;
    let type_name =
        object.get("type").ok_or_else(|| Error::in_shape(id, format!("{base}.type"), "the shape has no `type`"))?;
    let type_name = type_name.as_str().ok_or_else(|| {
        Error::in_shape(id, format!("{base}.type"), format!("`type` must be a string, found {type_name}"))
    })?;
    let traits = parse_traits(id, object.get("traits"), &format!("{base}.traits"))?;
    let cx = Context { id, base: &base, object };

    let kind = match type_name {
        "blob" => ShapeKind::Blob,
        "boolean" => ShapeKind::Boolean,
        "string" => match &traits.enum_definitions {
            Some(definitions) => ShapeKind::Enum(definitions.clone()),
            None => ShapeKind::String,
        },
        "byte" => ShapeKind::Byte,
        "short" => ShapeKind::Short,
        "integer" => ShapeKind::Integer,
        "long" => ShapeKind::Long,
        "float" => ShapeKind::Float,
        "double" => ShapeKind::Double,
        "bigInteger" => ShapeKind::BigInteger,
        "bigDecimal" => ShapeKind::BigDecimal,
        "timestamp" => ShapeKind::Timestamp,
        "document" => ShapeKind::Document,
        "enum" => ShapeKind::Enum(cx.enum_members(false)?),
        "intEnum" => ShapeKind::IntEnum(cx.enum_members(true)?),
        "list" => ShapeKind::List(Box::new(cx.member("member")?)),
        "set" if version == SmithyVersion::V1 => ShapeKind::List(Box::new(cx.member("member")?)),
        "map" => ShapeKind::Map { key: Box::new(cx.member("key")?), value: Box::new(cx.member("value")?) },
        "structure" => ShapeKind::Structure(cx.members()?),
        "union" => ShapeKind::Union(cx.members()?),
        "service" => ShapeKind::Service(Service {
            version: cx.optional_string("version")?,
            operations: cx.id_list("operations")?,
            resources: cx.id_list("resources")?,
            errors: cx.id_list("errors")?,
        }),
        "operation" => ShapeKind::Operation(Operation {
            input: cx.optional_reference("input")?,
            output: cx.optional_reference("output")?,
            errors: cx.id_list("errors")?,
        }),
        "resource" => {
            let mut operations = Vec::new();
            for key in ["create", "put", "read", "update", "delete", "list"] {
                operations.extend(cx.optional_reference(key)?);
            }
            operations.extend(cx.id_list("operations")?);
            operations.extend(cx.id_list("collectionOperations")?);
            ShapeKind::Resource(Resource { operations, resources: cx.id_list("resources")? })
        }
        other => return Err(Error::in_shape(id, format!("{base}.type"), format!("unknown shape type `{other}`"))),
    };
    Ok(Shape { id: id.to_owned(), kind, traits })
}

struct Context<'a> {
    id: &'a str,
    base: &'a str,
    object: &'a Map<String, Value>,
}

impl Context<'_> {
    fn error(&self, path: String, message: impl Into<String>) -> Error {
        Error::in_shape(self.id, path, message)
    }

    fn member_at(&self, name: &str, value: &Value, path: String) -> Result<Member, Error> {
        let object = value.as_object().ok_or_else(|| self.error(path.clone(), "a member must be a JSON object"))?;
        let target =
            object.get("target").ok_or_else(|| self.error(path.clone(), format!("member `{name}` has no `target`")))?;
        let target = target.as_str().ok_or_else(|| {
            self.error(format!("{path}.target"), format!("`target` must be a shape ID string, found {target}"))
        })?;
        let traits = parse_traits(self.id, object.get("traits"), &format!("{path}.traits"))?;
        Ok(Member { name: name.to_owned(), target: target.to_owned(), traits })
    }

    fn member(&self, key: &str) -> Result<Member, Error> {
        let path = format!("{}.{key}", self.base);
        let value =
            self.object.get(key).ok_or_else(|| self.error(path.clone(), format!("the shape has no `{key}` member")))?;
        self.member_at(key, value, path)
    }

    fn members(&self) -> Result<Vec<Member>, Error> {
        let Some(members) = self.object.get("members") else {
            return Ok(Vec::new());
        };
        let path = format!("{}.members", self.base);
        let members = members.as_object().ok_or_else(|| self.error(path.clone(), "`members` must be an object"))?;
        members
            .iter()
            .map(|(name, value)| self.member_at(name, value, format!("{path}.{}", member_path_key(name))))
            .collect()
    }

    fn enum_members(&self, int: bool) -> Result<Vec<EnumMember>, Error> {
        let mut out = Vec::new();
        for member in self.members()? {
            let path = format!("{}.members.{}.traits", self.base, member_path_key(&member.name));
            let value = match (&member.traits.enum_value, int) {
                (Some(super::traits::EnumValue::String(value)), false) => value.clone(),
                (None, false) => member.name.clone(),
                (Some(super::traits::EnumValue::Int(value)), true) => value.to_string(),
                (None, true) => {
                    return Err(self.error(path, format!("intEnum member `{}` has no integer `enumValue`", member.name)))
                }
                (Some(_), _) => {
                    let expected = if int { "an integer" } else { "a string" };
                    return Err(self.error(path, format!("`enumValue` of `{}` must be {expected}", member.name)));
                }
            };
            out.push(EnumMember { name: member.name, value, traits: member.traits });
        }
        Ok(out)
    }

    fn optional_string(&self, key: &str) -> Result<Option<String>, Error> {
        match self.object.get(key) {
            None => Ok(None),
            Some(Value::String(value)) => Ok(Some(value.clone())),
            Some(other) => {
                Err(self.error(format!("{}.{key}", self.base), format!("`{key}` must be a string, found {other}")))
            }
        }
    }

    fn reference(&self, value: &Value, path: String) -> Result<String, Error> {
        value
            .get("target")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| self.error(path, "a shape reference must be an object with a string `target`"))
    }

    fn optional_reference(&self, key: &str) -> Result<Option<String>, Error> {
        self.object.get(key).map(|value| self.reference(value, format!("{}.{key}", self.base))).transpose()
    }

    fn id_list(&self, key: &str) -> Result<Vec<String>, Error> {
        let Some(value) = self.object.get(key) else {
            return Ok(Vec::new());
        };
        let path = format!("{}.{key}", self.base);
        let items = value
            .as_array()
            .ok_or_else(|| self.error(path.clone(), format!("`{key}` must be an array of shape references")))?;
        items.iter().enumerate().map(|(i, item)| self.reference(item, format!("{path}[{i}]"))).collect()
    }
}
