//! Stage two: the typed model becomes the intermediate form of the crate ([`ir::Crate`]).
//!
//! Here, and only here, Rust names, Rust types, module placement, boxing, validation plans and
//! rustdoc text are decided.

mod bindings;
mod checks;
mod closure;
mod defaults;
pub mod docs;
mod endpoints;
pub mod ir;
pub mod naming;
pub mod pattern;
mod protocol_tests;
mod streams;
mod symbols;

use std::collections::{BTreeMap, BTreeSet};

use self::checks::Checks;
use self::closure::shape_name;
use self::ir::{
    Binding, Crate, Enum, ErrorInfo, ErrorMessage, ErrorVariant, HostPart, Member, Module, Operation, Protocol,
    Service, Structure, TimestampFormat, TypePath, UriPart, Validation, Variant,
};
use self::naming::Namespace;
use self::symbols::Symbols;
use crate::error::{shape_path, Error, Warning};
use crate::parse::{EnumMember, ErrorKind, Member as ModelMember, Model, Paginated, Shape, ShapeKind, UNIT};
use crate::Options;

/// Variant names of every enum that the generator adds itself.
const ENUM_RESERVED: &[&str] = &["Unknown"];
/// Variant names of every operation error enum that the generator adds itself.
const ERROR_RESERVED: &[&str] = &["Unhandled"];
/// Methods generated on every structure and builder, and those of the traits they implement
/// that are called with method syntax: a getter or setter may not shadow them (an inherent
/// `clone` would make `output.clone()` return a member, and `builder.clone()` not compile).
const STRUCT_METHODS: &[&str] = &[
    "builder",
    "validate",
    "validate_members",
    "build",
    "clone",
    "clone_from",
    "eq",
    "ne",
    "fmt",
    "to_owned",
    "to_string",
    "into",
    "try_into",
];

/// The protocols generated crates speak, in the order a service that declares several is
/// spoken to.
pub const SUPPORTED_PROTOCOLS: &[Protocol] = &[Protocol::RestJson1, Protocol::AwsJson1_0, Protocol::AwsJson1_1];

/// The protocol the crate speaks: the first supported one the service declares. A service that
/// declares none of them is refused before any work, naming the ones it declares.
fn protocol(service: &Shape) -> Result<Protocol, Error> {
    let declared = &service.traits.protocols;
    if let Some(protocol) =
        SUPPORTED_PROTOCOLS.iter().find(|protocol| declared.iter().any(|id| id == protocol.trait_id()))
    {
        return Ok(*protocol);
    }
    let list =
        |names: &mut dyn Iterator<Item = &str>| names.map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ");
    let says = if declared.is_empty() {
        "declares no protocol".to_owned()
    } else {
        format!("speaks {}", list(&mut declared.iter().map(String::as_str)))
    };
    Err(Error::in_shape(
        &service.id,
        format!("{}.traits", shape_path(&service.id)),
        format!(
            "the service {says}; this generator supports {}",
            list(&mut SUPPORTED_PROTOCOLS.iter().map(|protocol| protocol.trait_id()))
        ),
    ))
}

/// Lowers the model to the crate's intermediate form, with a warning for each part of the model
/// the crate leaves out.
pub fn lower(model: &Model, options: &Options) -> Result<(Crate, Vec<Warning>), Error> {
    let (service_shape, service) = closure::service(model)?;
    let protocol = protocol(service_shape)?;
    let mut operation_ids = closure::operations(model, service_shape, &options.operations)?;
    let mut warnings = streams::leave_out(model, &mut operation_ids, !options.operations.is_empty())?;

    let mut operations_io = Vec::new();
    let mut inputs = Vec::new();
    let mut error_ids = BTreeSet::new();
    for id in &operation_ids {
        let ShapeKind::Operation(operation) = &model.shape(id)?.kind else { continue };
        for io in [&operation.input, &operation.output].into_iter().flatten() {
            operations_io.push(io.as_str());
        }
        inputs.extend(operation.input.as_deref());
        error_ids.extend(operation.errors.iter().chain(&service.errors).cloned());
        // An output's event stream can end in errors the operation does not list.
        error_ids.extend(streams::event_errors(model, id)?.into_iter().map(|(_, error)| error));
    }
    let mut roots = operations_io.clone();
    roots.extend(error_ids.iter().map(String::as_str));
    let mut reached = closure::reached_from_members(model, &roots)?;
    // `Unit` marks a member without a value; it is not a type of its own.
    reached.remove(UNIT);
    // An input's event stream is not validated before it goes: its events come later, one by one.
    let mut input_structures = closure::reached_from_members_within(model, &inputs, |shape| {
        !(matches!(shape.kind, ShapeKind::Union(_)) && shape.traits.streaming)
    })?;
    // Structures and unions: a union's members are checked as a structure's are.
    input_structures.retain(|id| {
        matches!(model.shapes.get(id).map(|s| &s.kind), Some(ShapeKind::Structure(_) | ShapeKind::Union(_)))
    });

    // Module placement and type names, claimed in shape-ID order so they are stable.
    let mut locations = BTreeMap::new();
    let mut type_names = Namespace::default();
    for id in &reached {
        if matches!(model.shape(id)?.kind, ShapeKind::Structure(_) | ShapeKind::Enum(_) | ShapeKind::Union(_))
            && !error_ids.contains(id)
        {
            let name = type_names.claim(&naming::type_name(shape_name(id)));
            locations.insert(id.clone(), TypePath { module: Module::Types, name });
        }
    }
    let mut error_names = Namespace::default();
    for id in &error_ids {
        let name = error_names.claim(&naming::type_name(shape_name(id)));
        locations.insert(id.clone(), TypePath { module: Module::Errors, name });
    }

    let mut checks = Checks::new(model, &input_structures)?;
    let mut lowerer = Lowerer {
        model,
        symbols: Symbols::new(model, &locations),
        checks: &mut checks,
        protocol,
        query_compatible: service_shape.traits.aws_query_compatible,
        service_name: shape_name(&service_shape.id),
        event_streams_need_h2: service_shape.traits.event_streams_need_h2,
    };

    let mut structures = Vec::new();
    let mut enums = Vec::new();
    let mut unions = Vec::new();
    for id in &reached {
        let Some(path) = locations.get(id) else { continue };
        if path.module != Module::Types {
            continue;
        }
        let shape = model.shape(id)?;
        match &shape.kind {
            ShapeKind::Structure(members) => {
                let validation = if lowerer.checks.walks(id) { Validation::Nested } else { Validation::None };
                structures.push(lowerer.structure(shape, members, path.clone(), validation, false)?);
            }
            ShapeKind::Enum(members) => enums.push(lowerer.enumeration(shape, members, path.clone())?),
            ShapeKind::Union(members) => unions.push(lowerer.union(shape, members, path.clone())?),
            _ => {}
        }
    }
    let mut errors = Vec::new();
    for id in &error_ids {
        let shape = model.shape(id)?;
        let ShapeKind::Structure(members) = &shape.kind else {
            return Err(Error::in_shape(id, shape_path(id), "an operation error must be a structure"));
        };
        let path = locations
            .get(id)
            .cloned()
            .unwrap_or_else(|| TypePath { module: Module::Errors, name: naming::type_name(shape_name(id)) });
        errors.push(lowerer.structure(shape, members, path, Validation::None, true)?);
    }

    let mut operations = Vec::new();
    let mut modules = Namespace::with_reserved(&["builders"]);
    for id in &operation_ids {
        operations.push(lowerer.operation(
            model.shape(id)?,
            &service.errors,
            service_shape.traits.paginated.as_ref(),
            &locations,
            &mut modules,
        )?);
    }
    operations.sort_by(|a, b| a.name.cmp(&b.name));
    // An error whose lowered members are bound to headers gets `read_headers`; its variants call it.
    let header_errors: Vec<&TypePath> = errors
        .iter()
        .filter(|error| {
            error.members.iter().any(|member| {
                matches!(member.binding, Binding::Header(_) | Binding::Base64Header(_) | Binding::PrefixHeaders(_))
            })
        })
        .map(|error| &error.path)
        .collect();
    for variant in operations.iter_mut().flat_map(|operation| &mut operation.errors) {
        variant.reads_headers = header_errors.contains(&&variant.ty);
    }

    let uses_timestamp = lowerer.symbols.uses_timestamp();
    let uses_blob = lowerer.symbols.uses_blob();
    let uses_f64 = lowerer.symbols.uses_f64();
    for operation in &operations {
        for (structure, sent) in [(&operation.input, true), (&operation.output, false)] {
            for member in &structure.members {
                let event = match &member.value_ty {
                    ir::RustType::EventSender { event } | ir::RustType::EventReceiver { event, .. } => event,
                    _ => continue,
                };
                for union in unions.iter_mut().filter(|union| &union.path == event) {
                    if sent {
                        union.sent = true;
                    } else {
                        union.received = true;
                    }
                }
            }
        }
    }
    lay_out_events(&mut unions, &structures)?;
    mark_fallbacks(&operations, &mut structures, &mut errors, &mut enums, &mut unions);
    name_enum_defaults(&enums, &mut operations, &mut structures, &mut errors);
    let (patterns, pattern_warnings) = checks.into_patterns();
    warnings.extend(pattern_warnings);
    let traits = &service_shape.traits;
    let sdk_id = traits
        .aws_service
        .as_ref()
        .map_or_else(|| shape_name(&service_shape.id).to_owned(), |service| service.sdk_id.clone());
    let compact_id: String = sdk_id.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    let endpoint_prefix = traits
        .aws_service
        .as_ref()
        .and_then(|service| service.endpoint_prefix.clone())
        .unwrap_or_else(|| compact_id.clone());
    // As the AWS SDKs name their crates: `RoboMaker` -> `robomaker`, `IoT Jobs Data Plane` -> `iotjobsdataplane`.
    let name = options.crate_name.clone().unwrap_or(compact_id);
    let endpoints = endpoints::lower(service_shape, &endpoint_prefix)?;
    let protocol_tests = if options.protocol_tests {
        let shapes = protocol_tests::Shapes {
            structures: operations
                .iter()
                .flat_map(|operation| [&operation.input, &operation.output])
                .chain(&structures)
                .chain(&errors)
                .map(|structure| (structure.shape_id.as_str(), structure))
                .collect(),
            unions: unions.iter().map(|union| (union.shape_id.as_str(), union)).collect(),
        };
        protocol_tests::lower(model, protocol, &operations, &shapes)?
    } else {
        ir::ProtocolTests::default()
    };
    let krate = Crate {
        name,
        service: Service {
            shape_id: service_shape.id.clone(),
            title: traits.title.clone().unwrap_or_else(|| shape_name(&service_shape.id).to_owned()),
            docs: docs::markdown(traits.documentation.as_deref()),
            version: service.version.clone(),
            signing_name: traits.sigv4.clone().unwrap_or_else(|| endpoint_prefix.clone()),
            env_name: sdk_id.split_whitespace().collect::<Vec<_>>().join("_").to_uppercase(),
            sdk_id,
            endpoint_prefix,
        },
        operations,
        structures,
        errors,
        enums,
        unions,
        patterns,
        uses_timestamp,
        uses_blob,
        uses_f64,
        endpoints,
        protocol,
        protocol_tests,
        property_tests: options.property_tests,
        runtime: options.runtime.clone(),
    };
    Ok((krate, warnings))
}

/// How each event of an event stream is read from its message: from the bindings of its
/// structure's lowered members.
fn lay_out_events(unions: &mut [ir::Union], structures: &[Structure]) -> Result<(), Error> {
    for union in unions.iter_mut().filter(|union| union.event_stream) {
        for variant in &mut union.variants {
            let layout = match &variant.ty {
                None => ir::EventLayout::default(),
                Some(ir::RustType::Named(path)) => {
                    let Some(event) = structures.iter().find(|structure| &structure.path == path) else {
                        return Err(Error::in_shape(
                            &union.shape_id,
                            format!("{}.members.{}", shape_path(&union.shape_id), variant.wire),
                            "an event stream's member must target a structure",
                        ));
                    };
                    let mut layout = ir::EventLayout::default();
                    for member in &event.members {
                        let bound = ir::EventMember {
                            field: member.field.clone(),
                            wire: member.wire.clone(),
                            value_ty: member.value_ty.clone(),
                            optional: member.is_optional(),
                        };
                        match &member.binding {
                            Binding::EventHeader(name) => {
                                // The types a header value can carry (Smithy's `@eventHeader`).
                                use ir::RustType as T;
                                let carried = matches!(
                                    member.value_ty,
                                    T::Bool | T::I8 | T::I16 | T::I32 | T::I64 | T::String | T::Blob | T::Timestamp
                                );
                                if !carried {
                                    return Err(Error::in_shape(
                                        &event.shape_id,
                                        format!("{}.members.{}", shape_path(&event.shape_id), member.wire),
                                        "an `@eventHeader` member must be a boolean, byte, short, integer, long, string, blob or timestamp",
                                    ));
                                }
                                layout.headers.push(ir::EventMember { wire: name.clone(), ..bound })
                            }
                            Binding::Payload { kind, .. } => layout.payload = Some((bound, *kind)),
                            _ => layout.json = true,
                        }
                    }
                    // A sent event's JSON members would need a body of their own beside headers and
                    // payload members; no model has such an event yet.
                    if union.sent && layout.json && (layout.payload.is_some() || !layout.headers.is_empty()) {
                        return Err(Error::in_shape(
                            &event.shape_id,
                            shape_path(&event.shape_id),
                            "an event sent in an input's stream with members in headers or the payload and others in a JSON body is not supported yet",
                        ));
                    }
                    layout
                }
                Some(_) => {
                    return Err(Error::in_shape(
                        &union.shape_id,
                        format!("{}.members.{}", shape_path(&union.shape_id), variant.wire),
                        "an event stream's member must target a structure",
                    ))
                }
            };
            variant.event = Some(layout);
        }
    }
    Ok(())
}

/// Names the variant of each enum default, so the default reads `Status::Pending` rather than
/// `Status::from("PENDING")`. A value the enum does not have keeps the `from` form.
fn name_enum_defaults(
    enums: &[Enum],
    operations: &mut [Operation],
    structures: &mut [Structure],
    errors: &mut [Structure],
) {
    // Enums all live in `crate::types`, so their names are unique.
    let variants: BTreeMap<(&str, &str), &naming::RustIdent> = enums
        .iter()
        .flat_map(|enumeration| {
            let name = enumeration.path.name.as_str();
            enumeration.variants.iter().map(move |variant| ((name, variant.value.as_str()), &variant.name))
        })
        .collect();
    let io = operations.iter_mut().flat_map(|operation| [&mut operation.input, &mut operation.output]);
    for structure in io.chain(structures.iter_mut()).chain(errors.iter_mut()) {
        for member in &mut structure.members {
            if let Some(ir::MemberDefault::Enum { path, value, variant }) = &mut member.default {
                *variant = variants.get(&(path.name.as_str(), value.as_str())).map(|name| (*name).clone());
            }
        }
    }
}

/// Marks the structures, enums and unions that are the types of required members, directly or
/// inside another type that is.
fn mark_fallbacks(
    operations: &[Operation],
    structures: &mut [Structure],
    errors: &mut [Structure],
    enums: &mut [Enum],
    unions: &mut [ir::Union],
) {
    let required_types = |structure: &Structure| -> Vec<TypePath> {
        structure
            .members
            .iter()
            .filter(|member| member.required)
            .filter_map(|member| member.value_ty.fallback_needs().cloned())
            .collect()
    };
    let mut pending: Vec<TypePath> = Vec::new();
    let all = operations.iter().flat_map(|op| [&op.input, &op.output]).chain(structures.iter()).chain(errors.iter());
    for structure in all {
        pending.extend(required_types(structure));
    }
    while let Some(path) = pending.pop() {
        if let Some(structure) = structures.iter_mut().find(|structure| structure.path == path) {
            if !structure.fallback {
                structure.fallback = true;
                pending.extend(required_types(structure));
            }
        } else if let Some(enumeration) = enums.iter_mut().find(|enumeration| enumeration.path == path) {
            enumeration.fallback = true;
        } else if let Some(union) = unions.iter_mut().find(|union| union.path == path) {
            // A union's variants are not required members: nothing inside it needs a fallback.
            union.fallback = true;
        }
    }
}

/// An operation's `@paginated`, completed by the service's (which gives defaults).
fn operation_paginated(operation: &Shape, service: Option<&Paginated>) -> Option<Paginated> {
    let own = operation.traits.paginated.as_ref()?;
    let fallback = service.cloned().unwrap_or_default();
    Some(Paginated {
        input_token: own.input_token.clone().or(fallback.input_token),
        output_token: own.output_token.clone().or(fallback.output_token),
        items: own.items.clone().or(fallback.items),
        page_size: own.page_size.clone().or(fallback.page_size),
    })
}

/// The members a paginator follows. Tokens must be top-level members of one type, a string
/// (`NextToken`) or a map (DynamoDB's `LastEvaluatedKey`); nested paths (`a.b`) are not
/// followed yet, and such an operation gets no paginator.
fn pagination(paginated: Option<Paginated>, input: &ir::Structure, output: &ir::Structure) -> Option<ir::Pagination> {
    let paginated = paginated?;
    let find = |structure: &ir::Structure, name: &Option<String>| {
        let name = name.as_deref()?;
        structure.members.iter().find(|member| member.wire == name || member.field.as_str() == name).cloned()
    };
    let input_token = find(input, &paginated.input_token)?;
    let output_token = find(output, &paginated.output_token)?;
    let is_token = |member: &Member| matches!(member.value_ty, ir::RustType::String | ir::RustType::Map(..));
    if !is_token(&input_token) || input_token.value_ty != output_token.value_ty {
        return None;
    }
    let items = find(output, &paginated.items).filter(|member| matches!(member.value_ty, ir::RustType::Vec(_)));
    Some(ir::Pagination { input_token, output_token, items })
}

/// A piece of a URI pattern or host prefix: literal text, or the name inside `{...}`.
enum Piece<'t> {
    Literal(&'t str),
    Label(&'t str),
}

/// Splits `/jobs/{jobId}/files/{Key+}` or `data-{Bucket}.` into literal text and labels.
fn pieces(text: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        if start > 0 {
            pieces.push(Piece::Literal(&rest[..start]));
        }
        let end = rest[start..].find('}').ok_or_else(|| format!("unclosed label in `{text}`"))? + start;
        pieces.push(Piece::Label(&rest[start + 1..end]));
        rest = &rest[end + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Literal(rest));
    }
    Ok(pieces)
}

/// The lowered input member a label names: labels name model members, and the lowered input
/// has them in the model's order, one for one.
fn labelled<'s>(
    members: &[ModelMember],
    input: &'s Structure,
    name: &str,
    is_label: impl Fn(&ModelMember, &Member) -> bool,
) -> Option<&'s Member> {
    let index = members.iter().position(|member| member.name == name)?;
    input.members.get(index).filter(|member| is_label(&members[index], member))
}

/// The host prefix `data-{Bucket}.` as literal text and `@hostLabel` input members.
fn host_parts(
    operation: &Shape,
    prefix: &str,
    members: &[ModelMember],
    input: &Structure,
) -> Result<Vec<HostPart>, Error> {
    let error = |message: String| {
        Error::in_shape(
            &operation.id,
            format!("{}.traits[\"smithy.api#endpoint\"].hostPrefix", shape_path(&operation.id)),
            message,
        )
    };
    pieces(prefix)
        .map_err(error)?
        .into_iter()
        .map(|piece| match piece {
            Piece::Literal(text) => Ok(HostPart::Literal(text.to_owned())),
            Piece::Label(name) => labelled(members, input, name, |member, _| member.traits.host_label)
                .map(|member| HostPart::Label(member.field.clone()))
                .ok_or_else(|| error(format!("label `{name}` has no input member with `@hostLabel`"))),
        })
        .collect()
}

/// The URI pattern `/jobs/{jobId}/files/{Key+}` as literal text and `@httpLabel` input members.
fn uri_parts(operation: &Shape, uri: &str, members: &[ModelMember], input: &Structure) -> Result<Vec<UriPart>, Error> {
    let error = |message: String| {
        Error::in_shape(
            &operation.id,
            format!("{}.traits[\"smithy.api#http\"].uri", shape_path(&operation.id)),
            message,
        )
    };
    pieces(uri)
        .map_err(error)?
        .into_iter()
        .map(|piece| match piece {
            Piece::Literal(text) => Ok(UriPart::Literal(text.to_owned())),
            Piece::Label(label) => {
                let (name, greedy) = match label.strip_suffix('+') {
                    Some(name) => (name, true),
                    None => (label, false),
                };
                labelled(members, input, name, |_, member| member.binding == Binding::Label)
                    .map(|member| UriPart::Label { field: member.field.clone(), greedy })
                    .ok_or_else(|| error(format!("label `{name}` has no input member with `@httpLabel`")))
            }
        })
        .collect()
}

/// AWS services send an error's message as `message` or `Message` whatever the model says, so
/// the error structures accept both.
fn error_aliases(is_error: bool, wire: &str) -> Vec<String> {
    match wire {
        "message" if is_error => vec!["Message".to_owned()],
        "Message" if is_error => vec!["message".to_owned()],
        _ => Vec::new(),
    }
}

/// The error's member named `message` in any case, as botocore and smithy-rs find it; whether
/// its field is an `Option` is the lowered type's answer, not `@required`'s (a zero `@default`
/// makes a plain `String` too).
fn error_message(members: &[ModelMember], lowered: &[Member]) -> ErrorMessage {
    let Some(index) = members.iter().position(|member| member.name.eq_ignore_ascii_case("message")) else {
        return ErrorMessage::Absent;
    };
    let Some(member) = lowered.get(index) else {
        return ErrorMessage::Absent;
    };
    if member.is_optional() {
        ErrorMessage::Optional(member.field.clone())
    } else {
        ErrorMessage::Plain(member.field.clone())
    }
}

struct Lowerer<'a, 'c> {
    model: &'a Model,
    symbols: Symbols<'a>,
    checks: &'c mut Checks<'a>,
    protocol: Protocol,
    /// `@awsQueryCompatible`: errors are also known by their awsQuery codes.
    query_compatible: bool,
    /// The service shape's name, which starts each awsJson `X-Amz-Target`.
    service_name: &'a str,
    /// The service's event streams need HTTP/2 (`eventStreamHttp: ["h2"]`).
    event_streams_need_h2: bool,
}

impl Lowerer<'_, '_> {
    fn structure(
        &mut self,
        shape: &Shape,
        members: &[ModelMember],
        path: TypePath,
        validation: Validation,
        is_error: bool,
    ) -> Result<Structure, Error> {
        // HTTP binding traits count only on an operation's own input and output, and only in
        // restJson1.
        let rest = self.protocol.has_http_bindings();
        let http_bindings = rest && matches!(path.module, Module::Operation(_));
        // Clients treat an input's members as optional whatever their defaults, so that what a
        // caller leaves unset is not sent.
        let in_input = validation == Validation::Input;
        let mut fields = Namespace::with_reserved(STRUCT_METHODS);
        let mut lowered = Vec::with_capacity(members.len());
        for member in members {
            let json_name = if rest { member.traits.json_name.as_deref() } else { None };
            let name = naming::member(&member.name, json_name);
            let field = fields.claim_ident(name.rust);
            let setter = fields.claim_ident(naming::RustIdent::new(&format!("set_{}", field.as_str())));
            let plain_default = symbols::plain_default(member, in_input);
            let types = self.symbols.member(&shape.id, member, plain_default)?;
            let mut check = if validation == Validation::None {
                ir::Check::default()
            } else {
                self.checks.check(&member.traits, &member.target)?
            };
            let target = self.model.shape(&member.target)?;
            if http_bindings && member.traits.http_label && matches!(target.kind, ShapeKind::String) {
                // An empty label would change the path (`/things//files`), so Smithy forbids it.
                let (min, max) = check.length.unwrap_or((None, None));
                check.length = Some((Some(min.unwrap_or(0).max(1)), max));
            }
            // Members often carry no docs of their own; the target's docs describe the value.
            let mut member_docs =
                docs::markdown(member.traits.documentation.as_deref().or(target.traits.documentation.as_deref()));
            if member_docs.is_empty() {
                member_docs.push(format!("The `{}` member.", name.wire));
            }
            if let ShapeKind::IntEnum(values) = &target.kind {
                if let Some(values) = docs::int_enum_values(values) {
                    member_docs.push(String::new());
                    member_docs.push(values);
                }
            }
            let events = matches!(target.kind, ShapeKind::Union(_)) && target.traits.streaming;
            if events {
                check = ir::Check::default();
            }
            // An operation's blob payload is read or sent as it goes.
            let byte_stream = matches!(target.kind, ShapeKind::Blob)
                && target.traits.streaming
                && http_bindings
                && member.traits.http_payload;
            if byte_stream {
                // A stream's bytes are not there to check before they are sent.
                check = ir::Check::default();
            }
            if events && in_input {
                member_docs.push(String::new());
                member_docs.push(
                    "Events sent as they come from the stream given (any `futures_core::Stream` of them), each signed after the one before."
                        .to_owned(),
                );
            } else if events {
                member_docs.push(String::new());
                member_docs.push(
                    "Events arrive as the service sends them: call `recv().await` until it gives `Ok(None)`, or read them as a `futures_core::Stream` of `Result`s."
                        .to_owned(),
                );
            } else if byte_stream && in_input {
                member_docs.push(String::new());
                member_docs.push(
                    "The body, sent as it is read: bytes, a file (`ByteStream::from_path`) or any stream of chunks."
                        .to_owned(),
                );
            } else if byte_stream {
                member_docs.push(String::new());
                member_docs.push(
                    "The body, read as it arrives: `next().await` chunk by chunk, `collect().await` whole, or `into_async_read()`."
                        .to_owned(),
                );
            } else if target.traits.streaming {
                member_docs.push(String::new());
                member_docs
                    .push("The service streams this body; this client sends and reads it whole, in memory.".to_owned());
            }
            if let Some(default) = member.traits.default.as_ref().and_then(docs::default_value) {
                member_docs.push(String::new());
                member_docs.push(format!("Default: `{default}`."));
            }
            let member_binding = if http_bindings {
                bindings::binding(self.model, &shape.id, member, target)?
            } else if is_error && rest {
                // An error response carries members in headers too; the rest is its body.
                match bindings::binding(self.model, &shape.id, member, target)? {
                    header @ (Binding::Header(_) | Binding::Base64Header(_) | Binding::PrefixHeaders(_)) => header,
                    _ => Binding::Body,
                }
            } else {
                Binding::Body
            };
            // Events are a message's headers and payload; the members bound to them (only
            // events have such members) are read from there.
            let member_binding = if events {
                Binding::Stream { media_type: Some("application/vnd.amazon.eventstream".to_owned()) }
            } else if byte_stream {
                Binding::Stream { media_type: target.traits.media_type.clone() }
            } else if member.traits.event_header && !http_bindings {
                Binding::EventHeader(member.name.clone())
            } else if member.traits.event_payload && !http_bindings {
                Binding::Payload { media_type: target.traits.media_type.clone(), kind: bindings::payload_kind(target) }
            } else {
                member_binding
            };
            if matches!(member_binding, Binding::Base64Header(_)) {
                self.symbols.need_base64();
            }
            let mut types = types;
            if byte_stream {
                types.value_ty = ir::RustType::ByteStream;
            }
            let default = if events || byte_stream {
                // Never unset: an output built by hand without one has an empty stream.
                types.ty = types.value_ty.clone();
                Some(ir::MemberDefault::Zero)
            } else if plain_default {
                Some(defaults::member_default(self.model, &shape.id, member, &types.value_ty)?)
            } else {
                None
            };
            lowered.push(Member {
                docs: docs::with_constraints(member_docs, &check, self.checks.patterns()),
                aliases: error_aliases(is_error, &name.wire),
                field,
                setter,
                wire: name.wire,
                deprecated: docs::deprecation(member.traits.deprecated.as_ref().or(target.traits.deprecated.as_ref())),
                ty: types.ty,
                value_ty: types.value_ty,
                required: member.traits.required && !events && !byte_stream,
                check,
                binding: member_binding,
                timestamp_format: timestamp_format(self.model, member)?,
                sensitive: member.traits.sensitive || target.traits.sensitive,
                idempotency_token: member.traits.idempotency_token,
                default,
            });
        }
        let mut structure_docs = docs::markdown(shape.traits.documentation.as_deref());
        if structure_docs.is_empty() {
            structure_docs.push(format!("The `{}` structure of the model.", shape_name(&shape.id)));
        }
        let error = is_error.then(|| ErrorInfo {
            code: self.error_codes(shape).swap_remove(0),
            client_fault: shape.traits.error != Some(ErrorKind::Server),
            http_status: shape.traits.http_error,
            message: error_message(members, &lowered),
        });
        Ok(Structure {
            shape_id: shape.id.clone(),
            path,
            docs: structure_docs,
            deprecated: docs::deprecation(shape.traits.deprecated.as_ref()),
            members: lowered,
            validation,
            // An error keeps the request id of the response it came from, as outputs do.
            request_id: error.is_some(),
            error,
            fallback: false,
        })
    }

    fn union(&mut self, shape: &Shape, members: &[ModelMember], path: TypePath) -> Result<ir::Union, Error> {
        let mut names = Namespace::with_reserved(ENUM_RESERVED);
        let mut accessors = Namespace::default();
        let mut variants = Vec::with_capacity(members.len());
        let event_stream = shape.traits.streaming;
        for member in members {
            let target = self.model.shape(&member.target)?;
            // An event stream's errors are its operation's (`streams::event_errors`).
            if event_stream && target.traits.error.is_some() {
                continue;
            }
            let ty = if member.target == UNIT {
                None
            } else {
                Some(self.symbols.member(&shape.id, member, false)?.value_ty)
            };
            let mut variant_docs =
                docs::markdown(member.traits.documentation.as_deref().or(target.traits.documentation.as_deref()));
            if variant_docs.is_empty() {
                variant_docs.push(format!("The `{}` member.", member.name));
            }
            let check = if self.checks.walks(&shape.id) && ty.is_some() {
                self.checks.check(&member.traits, &member.target)?
            } else {
                ir::Check::default()
            };
            let name = names.claim_ident(naming::RustIdent::new(&naming::type_name(&member.name)));
            variants.push(ir::UnionVariant {
                accessor: accessors.claim_ident(naming::union_accessor(&name)),
                name,
                docs: docs::with_constraints(variant_docs, &check, self.checks.patterns()),
                check,
                wire: match &member.traits.json_name {
                    Some(json_name) if self.protocol.has_http_bindings() => json_name.clone(),
                    _ => member.name.clone(),
                },
                ty,
                timestamp_format: timestamp_format(self.model, member)?,
                // Laid out once the events' structures are lowered (`lay_out_events`).
                event: None,
            });
        }
        let mut union_docs = docs::markdown(shape.traits.documentation.as_deref());
        if union_docs.is_empty() {
            union_docs.push(format!("The `{}` union of the model.", shape_name(&shape.id)));
        }
        Ok(ir::Union {
            shape_id: shape.id.clone(),
            path,
            docs: union_docs,
            deprecated: docs::deprecation(shape.traits.deprecated.as_ref()),
            variants,
            fallback: false,
            event_stream,
            // Found once the operations are lowered (`lower`).
            sent: false,
            received: false,
        })
    }

    fn enumeration(&mut self, shape: &Shape, members: &[EnumMember], path: TypePath) -> Result<Enum, Error> {
        let mut names = Namespace::with_reserved(ENUM_RESERVED);
        let mut values = BTreeSet::new();
        let mut variants = Vec::with_capacity(members.len());
        for member in members {
            if !values.insert(member.value.as_str()) {
                return Err(Error::in_shape(
                    &shape.id,
                    format!("{}.members", shape_path(&shape.id)),
                    format!("the enum value `{}` appears twice", member.value),
                ));
            }
            let name = naming::variant(&member.name, &member.value);
            variants.push(Variant {
                name: names.claim_ident(name.rust),
                value: name.wire,
                docs: docs::markdown(member.traits.documentation.as_deref()),
                deprecated: docs::deprecation(member.traits.deprecated.as_ref()),
            });
        }
        let mut enum_docs = docs::markdown(shape.traits.documentation.as_deref());
        if enum_docs.is_empty() {
            enum_docs.push(format!("The `{}` enum of the model.", shape_name(&shape.id)));
        }
        Ok(Enum {
            shape_id: shape.id.clone(),
            path,
            docs: enum_docs,
            deprecated: docs::deprecation(shape.traits.deprecated.as_ref()),
            variants,
            fallback: false,
        })
    }

    fn operation(
        &mut self,
        shape: &Shape,
        service_errors: &[String],
        service_paginated: Option<&Paginated>,
        locations: &BTreeMap<String, TypePath>,
        modules: &mut Namespace,
    ) -> Result<Operation, Error> {
        let ShapeKind::Operation(operation) = &shape.kind else {
            return Err(Error::in_shape(&shape.id, shape_path(&shape.id), "expected an operation shape"));
        };
        let name = naming::type_name(shape_name(&shape.id));
        let module = modules.claim_ident(naming::module(&name));
        let io = |suffix: &str| TypePath {
            module: Module::Operation(module.as_str().to_owned()),
            name: format!("{name}{suffix}"),
        };
        self.symbols.set_stream_context(Some(io("Error")), true);
        let input = self.io_structure(operation.input.as_deref(), io("Input"), Validation::Input);
        self.symbols.set_stream_context(Some(io("Error")), false);
        let output = self.io_structure(operation.output.as_deref(), io("Output"), Validation::None);
        self.symbols.set_stream_context(None, false);
        let (mut input, mut output) = (input?, output?);
        if input.docs.is_empty() {
            input.docs = vec![format!("What [`{name}`] takes.")];
        }
        if output.docs.is_empty() {
            output.docs = vec![format!("What [`{name}`] returns.")];
        }
        output.request_id = true;

        let mut variants = Namespace::with_reserved(ERROR_RESERVED);
        // `FooBar` and `Foo_Bar` are different variants but would be the same `is_foo_bar`.
        let mut predicates = Namespace::default();
        let mut errors = Vec::new();
        let mut seen = BTreeSet::new();
        for id in operation.errors.iter().chain(service_errors) {
            if !seen.insert(id) {
                continue;
            }
            let ty = locations
                .get(id)
                .cloned()
                .ok_or_else(|| Error::in_shape(id, shape_path(id), "error shape was not lowered"))?;
            // Whether it reads headers is the lowered error's answer, filled in by `lower`.
            let variant = variants.claim(&ty.name);
            errors.push(ErrorVariant {
                predicate: predicates.claim_ident(naming::variant_predicate(&variant)),
                variant,
                ty,
                codes: self.error_codes(self.model.shape(id)?),
                reads_headers: false,
            });
        }
        // A service names an error in an event stream by its member name.
        for (member, id) in streams::event_errors(self.model, &shape.id)? {
            let ty = locations
                .get(&id)
                .cloned()
                .ok_or_else(|| Error::in_shape(&id, shape_path(&id), "error shape was not lowered"))?;
            if let Some(known) = errors.iter_mut().find(|error| error.ty == ty) {
                if !known.codes.contains(&member) {
                    known.codes.push(member);
                }
                continue;
            }
            let mut codes = self.error_codes(self.model.shape(&id)?);
            if !codes.contains(&member) {
                codes.insert(0, member);
            }
            let variant = variants.claim(&ty.name);
            errors.push(ErrorVariant {
                predicate: predicates.claim_ident(naming::variant_predicate(&variant)),
                variant,
                ty,
                codes,
                reads_headers: false,
            });
        }
        // Labels name model members; the lowered input has them in the same order.
        let input_members = match operation.input.as_deref().map(|id| self.model.shape(id)).transpose()? {
            Some(Shape { kind: ShapeKind::Structure(members), .. }) => members.as_slice(),
            _ => &[],
        };
        let request = match self.protocol {
            Protocol::RestJson1 => {
                let http = shape.traits.http.clone().ok_or_else(|| {
                    Error::in_shape(
                        &shape.id,
                        format!("{}.traits", shape_path(&shape.id)),
                        "restJson1 operations need the `smithy.api#http` trait",
                    )
                })?;
                let uri = uri_parts(shape, &http.uri, input_members, &input)?;
                ir::RequestForm::Rest { http, uri }
            }
            Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => ir::RequestForm::Rpc {
                target: format!("{}.{}", self.service_name, shape_name(&shape.id)),
                content_type: if self.protocol == Protocol::AwsJson1_0 {
                    "application/x-amz-json-1.0"
                } else {
                    "application/x-amz-json-1.1"
                },
                query_mode: self.query_compatible,
            },
        };
        let host_prefix = match &shape.traits.host_prefix {
            Some(prefix) => host_parts(shape, prefix, input_members, &input)?,
            None => Vec::new(),
        };
        if let Some(err) = streams::unsupported(self.model, &shape.id)? {
            return Err(err);
        }
        let pagination = pagination(operation_paginated(shape, service_paginated), &input, &output);
        let input_stream = match input.members.iter().find(|member| member.is_stream()) {
            Some(member) => Some(ir::InputStream {
                field: member.field.clone(),
                events: matches!(member.value_ty, ir::RustType::EventSender { .. }),
                http2: matches!(member.value_ty, ir::RustType::EventSender { .. }) && self.event_streams_need_h2,
                requires_length: input_members
                    .iter()
                    .find(|model_member| naming::member(&model_member.name, None).wire == member.wire)
                    .map(|model_member| self.model.shape(&model_member.target))
                    .transpose()?
                    .is_some_and(|target| target.traits.requires_length),
                unsigned: shape.traits.unsigned_payload,
            }),
            None => None,
        };
        Ok(Operation {
            shape_id: shape.id.clone(),
            method: naming::client_method(&module),
            module,
            docs: docs::markdown(shape.traits.documentation.as_deref()),
            deprecated: docs::deprecation(shape.traits.deprecated.as_ref()),
            request,
            host_prefix,
            checksum_required: shape.traits.http_checksum_required,
            // gzip is the one encoding Smithy defines; a client may also send uncompressed.
            gzip_request: shape.traits.request_compression.iter().any(|encoding| encoding == "gzip"),
            input,
            output,
            errors,
            pagination,
            input_stream,
            signing: match (&shape.traits.auth, shape.traits.optional_auth) {
                (Some(schemes), _) if schemes.is_empty() => ir::Signing::Anonymous,
                (_, true) => ir::Signing::Optional,
                _ => ir::Signing::Required,
            },
            name,
        })
    }

    /// The codes an error is known by, the one the service answers with first: for an
    /// `@awsQueryCompatible` service its `@awsQueryError` code, then its shape's name.
    fn error_codes(&self, shape: &Shape) -> Vec<String> {
        let name = shape_name(&shape.id).to_owned();
        match &shape.traits.aws_query_error {
            Some(code) if self.query_compatible && *code != name => vec![code.clone(), name],
            _ => vec![name],
        }
    }

    /// An operation's input or output: the members of its shape under the operation's own
    /// name (`DescribeDeploymentJobInput`); `Unit` or no shape gives an empty structure.
    fn io_structure(&mut self, id: Option<&str>, path: TypePath, validation: Validation) -> Result<Structure, Error> {
        match id.map(|id| self.model.shape(id)).transpose()? {
            Some(shape @ Shape { kind: ShapeKind::Structure(members), .. }) => {
                self.structure(shape, members, path, validation, false)
            }
            Some(shape) => Err(Error::in_shape(
                &shape.id,
                shape_path(&shape.id),
                "an operation input or output must be a structure",
            )),
            None => Ok(Structure {
                shape_id: UNIT.to_owned(),
                path,
                docs: Vec::new(),
                deprecated: None,
                members: Vec::new(),
                validation,
                request_id: false,
                error: None,
                fallback: false,
            }),
        }
    }
}

/// The `timestampFormat` of the timestamps a member holds: its own or its target's for a
/// timestamp, that of the list's member or the map's value for a collection (where Smithy puts
/// it), however deep. The depth is bounded: a model whose lists contain themselves gets none.
fn timestamp_format(model: &Model, member: &ModelMember) -> Result<Option<TimestampFormat>, Error> {
    let mut member = member;
    for _ in 0..32 {
        let target = model.shape(&member.target)?;
        member = match &target.kind {
            ShapeKind::List(item) => item,
            ShapeKind::Map { value, .. } => value,
            _ => return Ok(member.traits.timestamp_format.or(target.traits.timestamp_format)),
        };
    }
    Ok(None)
}
