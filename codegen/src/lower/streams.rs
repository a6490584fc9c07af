//! Streams: the operations with streams the generator cannot write yet (input event streams that
//! are not restJson1's, and streaming blobs that are not the HTTP payload), and the errors an
//! output's event stream adds to its operation's.
//!
//! When the whole service is generated such an operation is left out with a warning, so the
//! rest of the service is usable; when the caller names it, it is an error.

use crate::error::{shape_path, Error, Warning};
use crate::parse::{Model, ShapeKind};

/// Why the operation `id` cannot be generated, if it cannot.
pub fn unsupported(model: &Model, id: &str) -> Result<Option<Error>, Error> {
    let ShapeKind::Operation(operation) = &model.shape(id)?.kind else { return Ok(None) };
    let (service, _) = super::closure::service(model)?;
    for (io, is_input) in [(&operation.input, true), (&operation.output, false)] {
        let Some(io) = io else { continue };
        let ShapeKind::Structure(members) = &model.shape(io)?.kind else { continue };
        for member in members {
            let target = model.shape(&member.target)?;
            let buffered = matches!(target.kind, ShapeKind::Blob) && member.traits.http_payload;
            let events = matches!(target.kind, ShapeKind::Union(_));
            let input_events = events && is_input;
            let rest = service.traits.protocols.iter().any(|protocol| protocol == "aws.protocols#restJson1");
            if target.traits.streaming && input_events && !rest {
                return Ok(Some(Error::in_shape(
                    id,
                    shape_path(&member.target),
                    format!(
                        "member `{}` of `{io}` is an input event stream, which only restJson1 services can have here yet (an awsJson one starts with an `initial-request` message)",
                        member.name
                    ),
                )));
            }
            if target.traits.streaming && !buffered && !events {
                let what = "a stream";
                return Ok(Some(Error::in_shape(
                    id,
                    shape_path(&member.target),
                    format!(
                        "member `{}` of `{io}` is {what} (`@streaming` on `{}`); streams that are not the HTTP payload are not supported yet",
                        member.name, member.target
                    ),
                )));
            }
        }
    }
    Ok(None)
}

/// Leaves out the operations of `ids` with unsupported streams, one warning each; `named` says
/// the caller chose the operations, which makes such an operation an error instead.
pub fn leave_out(model: &Model, ids: &mut Vec<String>, named: bool) -> Result<Vec<Warning>, Error> {
    let mut warnings = Vec::new();
    let mut kept = Vec::with_capacity(ids.len());
    for id in ids.drain(..) {
        match unsupported(model, &id)? {
            Some(err) if named => return Err(err),
            Some(err) => warnings.push(Warning::in_shape(
                id.clone(),
                err.path(),
                format!("operation left out: {}", err.message()),
            )),
            None => kept.push(id),
        }
    }
    *ids = kept;
    Ok(warnings)
}

/// The error members of the event streams of operation `id`'s output: (member name, error
/// shape ID). A service names such an error in a stream by its member name (`:exception-type`).
pub fn event_errors(model: &Model, id: &str) -> Result<Vec<(String, String)>, Error> {
    let ShapeKind::Operation(operation) = &model.shape(id)?.kind else { return Ok(Vec::new()) };
    let mut errors = Vec::new();
    let Some(output) = &operation.output else { return Ok(errors) };
    let ShapeKind::Structure(members) = &model.shape(output)?.kind else { return Ok(errors) };
    for member in members {
        let target = model.shape(&member.target)?;
        let ShapeKind::Union(events) = &target.kind else { continue };
        if !target.traits.streaming {
            continue;
        }
        for event in events {
            if model.shape(&event.target)?.traits.error.is_some() {
                errors.push((event.name.clone(), event.target.clone()));
            }
        }
    }
    Ok(errors)
}
