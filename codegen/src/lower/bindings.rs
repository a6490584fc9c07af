//! Where a member of an operation's input, output or error travels (restJson1's HTTP binding
//! traits), and whether the generator can put its value there: a binding it cannot write or
//! read is a model error here, naming the member's JSON path, so the emitters never meet one.

use super::ir::{Binding, PayloadKind};
use crate::error::{shape_path, Error};
use crate::parse::{Member, Model, Shape, ShapeKind};

/// Where `member` of structure `owner` travels, checked against what its target can be there.
pub fn binding(model: &Model, owner: &str, member: &Member, target: &Shape) -> Result<Binding, Error> {
    let traits = &member.traits;
    let bindings = [
        traits.http_label.then_some(Binding::Label),
        traits.http_query.clone().map(Binding::Query),
        traits.http_query_params.then_some(Binding::QueryParams),
        traits.http_header.clone().map(Binding::Header),
        traits.http_prefix_headers.clone().map(Binding::PrefixHeaders),
        traits
            .http_payload
            .then(|| Binding::Payload { media_type: target.traits.media_type.clone(), kind: payload_kind(target) }),
        traits.http_response_code.then_some(Binding::ResponseCode),
    ];
    let mut found = bindings.into_iter().flatten();
    let binding = found.next().unwrap_or(Binding::Body);
    let path = format!("{}.members.{}", shape_path(owner), member.name);
    if found.next().is_some() {
        return Err(Error::in_shape(owner, format!("{path}.traits"), "a member can have only one HTTP binding trait"));
    }
    if let Some(problem) = unsupported(model, &binding, target)? {
        return Err(Error::in_shape(
            owner,
            path,
            format!("member `{}` is bound to {problem}, which this generator does not support", member.name),
        ));
    }
    // restJson1 sends a `@mediaType` string in a header base64-encoded.
    let media_type_string = matches!(target.kind, ShapeKind::String) && target.traits.media_type.is_some();
    Ok(match binding {
        Binding::Header(name) if media_type_string => Binding::Base64Header(name),
        binding => binding,
    })
}

/// How a payload of `target` is the body (or an event's payload).
pub fn payload_kind(target: &Shape) -> PayloadKind {
    match target.kind {
        ShapeKind::String | ShapeKind::Enum(_) => PayloadKind::Text,
        ShapeKind::Blob => PayloadKind::Blob,
        ShapeKind::Structure(_) => PayloadKind::Structure,
        _ => PayloadKind::Json,
    }
}

/// What is wrong with putting a value of `target` where `binding` says, if anything.
fn unsupported(model: &Model, binding: &Binding, target: &Shape) -> Result<Option<String>, Error> {
    let text = |shape: &Shape| is_text(&shape.kind);
    let text_or_list = |shape: &Shape| -> Result<bool, Error> {
        Ok(match &shape.kind {
            ShapeKind::List(item) => text(model.shape(&item.target)?),
            kind => is_text(kind),
        })
    };
    let map_of = |shape: &Shape, value_ok: &dyn Fn(&Shape) -> Result<bool, Error>| -> Result<bool, Error> {
        Ok(match &shape.kind {
            ShapeKind::Map { key, value } => {
                matches!(model.shape(&key.target)?.kind, ShapeKind::String) && value_ok(model.shape(&value.target)?)?
            }
            _ => false,
        })
    };
    let string = |shape: &Shape| Ok(matches!(shape.kind, ShapeKind::String));
    let string_or_list = |shape: &Shape| -> Result<bool, Error> {
        Ok(match &shape.kind {
            ShapeKind::List(item) => matches!(model.shape(&item.target)?.kind, ShapeKind::String),
            kind => matches!(kind, ShapeKind::String),
        })
    };
    let problem = match binding {
        Binding::Label if !text(target) => Some("a URI label, but is not a string, number, boolean, timestamp or blob"),
        Binding::Query(_) if !text_or_list(target)? => {
            Some("the query string, but is neither a string, number, boolean, timestamp or blob nor a list of them")
        }
        Binding::Header(_) if !text_or_list(target)? => {
            Some("a header, but is neither a string, number, boolean, timestamp or blob nor a list of them")
        }
        Binding::QueryParams if !map_of(target, &string_or_list)? => {
            Some("`@httpQueryParams`, but is not a map of strings or of lists of strings")
        }
        Binding::PrefixHeaders(_) if !map_of(target, &string)? => {
            Some("`@httpPrefixHeaders`, but is not a map of strings")
        }
        Binding::ResponseCode if !matches!(target.kind, ShapeKind::Integer) => {
            Some("`@httpResponseCode`, but is not an integer")
        }
        _ => None,
    };
    Ok(problem.map(str::to_owned))
}

/// Whether a value of this kind travels as one piece of text (in a label, the query or a header).
fn is_text(kind: &ShapeKind) -> bool {
    matches!(
        kind,
        ShapeKind::String
            | ShapeKind::Enum(_)
            | ShapeKind::IntEnum(_)
            | ShapeKind::Boolean
            | ShapeKind::Byte
            | ShapeKind::Short
            | ShapeKind::Integer
            | ShapeKind::Long
            | ShapeKind::Float
            | ShapeKind::Double
            | ShapeKind::Timestamp
            | ShapeKind::Blob
    )
}
