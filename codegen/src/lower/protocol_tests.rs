//! Smithy's protocol compliance tests, lowered: each case's `params` become typed values that
//! the emitter writes as builder calls.
//!
//! A case whose values this crate cannot build (a shape the generator left out, a value of the
//! wrong kind) is skipped with the reason, never dropped silently.

use std::collections::BTreeMap;

use super::ir::{
    Binding, Expected, Operation, Protocol, ProtocolTests, RequestCase, ResponseCase, RustType, Structure, TestValue,
    Union,
};
use super::naming::{self, Namespace, RustIdent};
use crate::error::Error;
use crate::parse::protocol_tests::{HttpRequestTest, HttpResponseTest, Node};
use crate::parse::{Member as ModelMember, Model, ShapeKind};

/// The lowered shapes the values are built from, by shape ID.
pub struct Shapes<'a> {
    pub structures: BTreeMap<&'a str, &'a Structure>,
    pub unions: BTreeMap<&'a str, &'a Union>,
}

/// The cases of the crate's `protocol`; cases for others are not its business.
pub fn lower(
    model: &Model,
    protocol: Protocol,
    operations: &[Operation],
    shapes: &Shapes<'_>,
) -> Result<ProtocolTests, Error> {
    let protocol = protocol.trait_id();
    let mut tests = ProtocolTests::default();
    let mut names = Namespace::default();
    for operation in operations {
        let Some(shape) = model.shapes.get(&operation.shape_id) else { continue };
        if let Some(err) = &shape.traits.protocol_test_error {
            return Err(err.clone());
        }
        for case in shape.traits.http_request_tests.iter().filter(|case| case.protocol == protocol) {
            let lowered = request_case(model, operation, shapes, case, &mut names);
            keep(&mut tests.requests, &mut tests.skipped, &case.id, lowered);
        }
        for case in shape.traits.http_response_tests.iter().filter(|case| case.protocol == protocol) {
            let expect = value(model, shapes, &operation.output.shape_id, &output_type(operation), &case.params, "")
                .map(Expected::Output);
            let lowered = expect.map(|expect| response_case(operation, case, expect, &mut names));
            keep(&mut tests.responses, &mut tests.skipped, &case.id, lowered);
        }
    }
    // Error cases sit on the error shapes: each runs against the first operation that can
    // return the error.
    let mut seen = std::collections::BTreeSet::new();
    for operation in operations {
        for error in &operation.errors {
            let Some((shape_id, structure)) =
                shapes.structures.iter().find(|(_, structure)| structure.error.is_some() && structure.path == error.ty)
            else {
                continue;
            };
            if !seen.insert(*shape_id) {
                continue;
            }
            let Some(shape) = model.shapes.get(*shape_id) else { continue };
            if let Some(err) = &shape.traits.protocol_test_error {
                return Err(err.clone());
            }
            for case in shape.traits.http_response_tests.iter().filter(|case| case.protocol == protocol) {
                let ty = RustType::Named(structure.path.clone());
                let expect = value(model, shapes, shape_id, &ty, &case.params, "").map(|value| Expected::Error {
                    error_enum: format!("{}Error", operation.name),
                    variant: error.variant.clone(),
                    value,
                });
                let lowered = expect.map(|expect| response_case(operation, case, expect, &mut names));
                keep(&mut tests.responses, &mut tests.skipped, &case.id, lowered);
            }
        }
    }
    Ok(tests)
}

/// A lowered case joins the tests; one that could not be lowered is listed with the reason.
fn keep<T>(cases: &mut Vec<T>, skipped: &mut Vec<(String, String)>, id: &str, lowered: Result<T, String>) {
    match lowered {
        Ok(case) => cases.push(case),
        Err(reason) => skipped.push((id.to_owned(), reason)),
    }
}

fn output_type(operation: &Operation) -> RustType {
    RustType::Named(operation.output.path.clone())
}

fn request_case(
    model: &Model,
    operation: &Operation,
    shapes: &Shapes<'_>,
    case: &HttpRequestTest,
    names: &mut Namespace,
) -> Result<RequestCase, String> {
    let HttpRequestTest { id, protocol: _, documentation, params, request } = case;
    let model_members = structure_members(model, &operation.input.shape_id)?;
    let input = members(model, shapes, &operation.input, model_members, params, "")?;
    Ok(RequestCase {
        name: test_name(names, id),
        id: id.clone(),
        docs: case_docs(id, documentation.as_deref()),
        method: operation.method.clone(),
        input,
        request: request.clone(),
    })
}

fn response_case(
    operation: &Operation,
    case: &HttpResponseTest,
    expect: Expected,
    names: &mut Namespace,
) -> ResponseCase {
    let HttpResponseTest { id, protocol: _, documentation, params: _, response } = case;
    ResponseCase {
        name: test_name(names, id),
        id: id.clone(),
        docs: case_docs(id, documentation.as_deref()),
        module: operation.module.clone(),
        operation: operation.name.clone(),
        stream: operation.output.members.iter().find(|member| member.is_stream()).map(|member| member.field.clone()),
        response: response.clone(),
        expect,
    }
}

fn test_name(names: &mut Namespace, id: &str) -> RustIdent {
    names.claim_ident(naming::module(id))
}

fn case_docs(id: &str, documentation: Option<&str>) -> Vec<String> {
    let mut docs = vec![format!("`{id}`")];
    if let Some(text) = documentation {
        docs.push(String::new());
        docs.extend(text.lines().map(str::to_owned));
    }
    docs
}

fn structure_members<'m>(model: &'m Model, shape_id: &str) -> Result<&'m [ModelMember], String> {
    match model.shapes.get(shape_id).map(|shape| &shape.kind) {
        Some(ShapeKind::Structure(members)) => Ok(members),
        _ => Err(format!("`{shape_id}` is not a structure of the model")),
    }
}

/// The setter calls that give a structure the members in `node`. The lowered members are in
/// the model's member order, one for one.
fn members(
    model: &Model,
    shapes: &Shapes<'_>,
    structure: &Structure,
    model_members: &[ModelMember],
    node: &Node,
    at: &str,
) -> Result<Vec<(RustIdent, TestValue)>, String> {
    let Node::Object(fields) = node else {
        return Err(format!("`{at}` should be an object of members"));
    };
    let mut calls = Vec::new();
    for (key, field) in fields {
        let here = format!("{at}.{key}");
        let index = model_members
            .iter()
            .position(|member| &member.name == key)
            .ok_or_else(|| format!("`{here}` is not a member of `{}`", structure.shape_id))?;
        let (Some(model_member), Some(member)) = (model_members.get(index), structure.members.get(index)) else {
            return Err(format!("`{here}`: `{}` was lowered without this member", structure.shape_id));
        };
        if *field == Node::Null {
            continue;
        }
        // Header names reach the client in lower case (the http crate; HTTP/2 sends no other), so
        // expected response keys are compared so; request headers are found case-insensitively,
        // so lower-casing the keys of a request case changes nothing.
        let field = match (&member.binding, field) {
            (Binding::PrefixHeaders(_), Node::Object(entries)) => {
                Node::Object(entries.iter().map(|(key, value)| (key.to_ascii_lowercase(), value.clone())).collect())
            }
            _ => field.clone(),
        };
        calls
            .push((member.field.clone(), value(model, shapes, &model_member.target, &member.value_ty, &field, &here)?));
    }
    Ok(calls)
}

fn value(
    model: &Model,
    shapes: &Shapes<'_>,
    target: &str,
    ty: &RustType,
    node: &Node,
    at: &str,
) -> Result<TestValue, String> {
    let wrong = || format!("`{at}` is `{}`, which does not fit {}", node.to_json(), describe(ty));
    Ok(match (ty, node) {
        (RustType::Option(_), Node::Null) => TestValue::Null,
        (RustType::Option(inner), _) => TestValue::Some(Box::new(value(model, shapes, target, inner, node, at)?)),
        (RustType::Box(inner), _) => value(model, shapes, target, inner, node, at)?,
        (RustType::Bool, Node::Bool(value)) => TestValue::Bool(*value),
        (RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64, Node::Int(value)) => {
            let fits = match ty {
                RustType::I8 => i8::try_from(*value).is_ok(),
                RustType::I16 => i16::try_from(*value).is_ok(),
                RustType::I32 => i32::try_from(*value).is_ok(),
                _ => true,
            };
            if !fits {
                return Err(wrong());
            }
            TestValue::Int { value: *value, ty: ty.clone() }
        }
        // A finite value must stay finite as the member's type (an f32 overflows sooner).
        #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
        (RustType::F32 | RustType::F64, Node::Int(_) | Node::Float(_)) => {
            let value = match node {
                Node::Int(int) => *int as f64,
                Node::Float(float) => *float,
                _ => return Err(wrong()),
            };
            if *ty == RustType::F32 && !(value as f32).is_finite() {
                return Err(wrong());
            }
            TestValue::Float { value, ty: ty.clone() }
        }
        (RustType::F32 | RustType::F64, Node::String(text)) => {
            let value = match text.as_str() {
                "NaN" => f64::NAN,
                "Infinity" => f64::INFINITY,
                "-Infinity" => f64::NEG_INFINITY,
                _ => return Err(wrong()),
            };
            TestValue::Float { value, ty: ty.clone() }
        }
        (RustType::String, Node::String(text)) => TestValue::String(text.clone()),
        (RustType::Timestamp, Node::Int(secs)) => TestValue::Timestamp(*secs as f64),
        (RustType::Timestamp, Node::Float(secs)) => TestValue::Timestamp(*secs),
        (RustType::Blob, Node::String(text)) => TestValue::Blob(text.clone()),
        (RustType::ByteStream, Node::String(text)) => TestValue::Stream(text.clone()),
        (RustType::Document, _) => TestValue::Document(node.to_json()),
        (RustType::Vec(item_ty), Node::Array(items)) => {
            let member = match model.shapes.get(target).map(|shape| &shape.kind) {
                Some(ShapeKind::List(member)) => member,
                _ => return Err(format!("`{at}`: `{target}` is not a list")),
            };
            let items = items
                .iter()
                .enumerate()
                .map(|(index, item)| value(model, shapes, &member.target, item_ty, item, &format!("{at}[{index}]")))
                .collect::<Result<_, _>>()?;
            TestValue::List { item: (**item_ty).clone(), items }
        }
        (RustType::Map(key_ty, value_ty), Node::Object(entries)) => {
            let member = match model.shapes.get(target).map(|shape| &shape.kind) {
                Some(ShapeKind::Map { value, .. }) => value,
                _ => return Err(format!("`{at}`: `{target}` is not a map")),
            };
            let entries = entries
                .iter()
                .map(|(key, entry)| {
                    Ok((key.clone(), value(model, shapes, &member.target, value_ty, entry, &format!("{at}.{key}"))?))
                })
                .collect::<Result<_, String>>()?;
            TestValue::Map { key: (**key_ty).clone(), value: (**value_ty).clone(), entries }
        }
        (RustType::Named(path), _) => match model.shapes.get(target).map(|shape| &shape.kind) {
            Some(ShapeKind::Enum(_)) => match node {
                Node::String(text) => TestValue::Enum { path: path.clone(), value: text.clone() },
                _ => return Err(wrong()),
            },
            Some(ShapeKind::Structure(model_members)) => {
                let structure = shapes.structures.get(target).ok_or_else(|| format!("`{target}` was not lowered"))?;
                TestValue::Structure {
                    path: path.clone(),
                    fallible: structure.build_can_fail(),
                    members: members(model, shapes, structure, model_members, node, at)?,
                }
            }
            Some(ShapeKind::Union(model_members)) => {
                let union = shapes.unions.get(target).ok_or_else(|| format!("`{target}` was not lowered"))?;
                let Node::Object(fields) = node else { return Err(wrong()) };
                let [(key, field)] = fields.as_slice() else {
                    return Err(format!("`{at}` should set exactly one member of the union"));
                };
                let index = model_members
                    .iter()
                    .position(|member| &member.name == key)
                    .ok_or_else(|| format!("`{at}.{key}` is not a member of `{target}`"))?;
                let (Some(variant), Some(model_member)) = (union.variants.get(index), model_members.get(index)) else {
                    return Err(format!("`{at}.{key}`: `{target}` was lowered without this member"));
                };
                let value = match &variant.ty {
                    Some(ty) => {
                        Some(Box::new(value(model, shapes, &model_member.target, ty, field, &format!("{at}.{key}"))?))
                    }
                    None => None,
                };
                TestValue::Union { path: path.clone(), variant: variant.name.clone(), value }
            }
            _ => return Err(wrong()),
        },
        _ => return Err(wrong()),
    })
}

/// A type as a skip reason names it.
fn describe(ty: &RustType) -> String {
    match ty {
        RustType::String => "a string".to_owned(),
        RustType::Bool => "a boolean".to_owned(),
        RustType::I8 => "an i8".to_owned(),
        RustType::I16 => "an i16".to_owned(),
        RustType::I32 => "an i32".to_owned(),
        RustType::I64 => "an i64".to_owned(),
        RustType::F32 => "an f32".to_owned(),
        RustType::F64 => "an f64".to_owned(),
        RustType::Timestamp => "a timestamp (epoch seconds)".to_owned(),
        RustType::Blob => "a blob (text)".to_owned(),
        RustType::Document => "a document".to_owned(),
        RustType::Named(path) => format!("`{}`", path.name),
        RustType::Vec(_) => "a list".to_owned(),
        RustType::Map(..) => "a map".to_owned(),
        RustType::Option(inner) | RustType::Box(inner) => describe(inner),
        RustType::EventReceiver { .. } => "an event stream".to_owned(),
        RustType::ByteStream => "a streaming body".to_owned(),
        RustType::EventSender { .. } => "an input event stream".to_owned(),
    }
}
