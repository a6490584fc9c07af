//! A member's `@default`, typed as the member's Rust type: what fills a plain member that a
//! builder or a response leaves out.

use super::ir::{MemberDefault, RustType};
use crate::error::{shape_path, Error};
use crate::parse::{DefaultValue, Member, Model, ShapeKind};

/// Timestamps a default may name: within `Timestamp`'s range (years -9999 to 9999), with room.
const MAX_DEFAULT_MILLIS: f64 = 253_402_300_799_000.0;

/// The default of `member` of structure `owner`, whose value type is `value_ty`; a default that
/// is not a value of that type is a model error naming the member.
pub fn member_default(
    model: &Model,
    owner: &str,
    member: &Member,
    value_ty: &RustType,
) -> Result<MemberDefault, Error> {
    let wrong = |what: &str| {
        Error::in_shape(
            owner,
            format!("{}.members.{}.traits[\"smithy.api#default\"]", shape_path(owner), member.name),
            format!("the default of member `{}` {what}", member.name),
        )
    };
    let Some(default) = &member.traits.default else {
        return Err(wrong("is missing"));
    };
    let is_enum = matches!(model.shape(&member.target)?.kind, ShapeKind::Enum(_));
    Ok(match (value_ty, default) {
        (RustType::Document, DefaultValue::Null) => return Err(wrong("is `null`, which is no value")),
        (RustType::Document, document) => MemberDefault::Document(document.clone()),
        (RustType::Named(path), DefaultValue::String(value)) if is_enum => {
            MemberDefault::Enum { path: path.clone(), value: value.clone(), variant: None }
        }
        (RustType::Timestamp, DefaultValue::Number(secs)) => {
            let millis = (secs * 1000.0).round();
            if !millis.is_finite() || millis.abs() > MAX_DEFAULT_MILLIS {
                return Err(wrong("is not a timestamp in range"));
            }
            // In range and whole: the conversion is exact.
            #[allow(clippy::cast_possible_truncation)]
            MemberDefault::Timestamp(millis as i64)
        }
        (_, default) if default.is_zero() => MemberDefault::Zero,
        (RustType::Bool, DefaultValue::Bool(value)) => MemberDefault::Bool(*value),
        (RustType::String, DefaultValue::String(value)) => MemberDefault::String(value.clone()),
        (RustType::Blob, DefaultValue::String(text)) => MemberDefault::Blob(text.clone()),
        (ty @ (RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64), DefaultValue::Number(value)) => {
            let (min, max) = match ty {
                RustType::I8 => (i8::MIN.into(), i8::MAX.into()),
                RustType::I16 => (i16::MIN.into(), i16::MAX.into()),
                RustType::I32 => (i32::MIN.into(), i32::MAX.into()),
                _ => (i64::MIN, i64::MAX),
            };
            // Integers of the model's JSON are exact in an `f64` up to 2^53.
            #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
            let in_range = value.fract() == 0.0 && *value >= min as f64 && *value <= max as f64;
            if !in_range {
                return Err(wrong(&format!("is {value}, which is not an integer of the member's type")));
            }
            #[allow(clippy::cast_possible_truncation)]
            MemberDefault::Int { value: *value as i64, ty: ty.clone() }
        }
        (ty @ (RustType::F32 | RustType::F64), DefaultValue::Number(value)) => {
            MemberDefault::Float { value: *value, ty: ty.clone() }
        }
        (_, DefaultValue::Null) => return Err(wrong("is `null`, which is no value")),
        _ => return Err(wrong("is not a value of its type")),
    })
}
