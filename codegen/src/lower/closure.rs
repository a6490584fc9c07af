//! Which shapes the crate needs: the service's operations (optionally pruned) and everything
//! their inputs, outputs and errors reach.

use std::collections::BTreeSet;

use crate::error::{shape_path, Error};
use crate::parse::{Model, Service, Shape, ShapeKind};

/// The service shape the crate is generated for: the model must hold exactly one.
pub fn service(model: &Model) -> Result<(&Shape, &Service), Error> {
    let mut services = model.shapes.values().filter_map(|shape| match &shape.kind {
        ShapeKind::Service(service) => Some((shape, service)),
        _ => None,
    });
    let first = services.next().ok_or_else(|| Error::new("$.shapes", "the model defines no service shape"))?;
    if let Some((second, _)) = services.next() {
        return Err(Error::in_shape(
            &second.id,
            shape_path(&second.id),
            format!(
                "the model defines more than one service (`{}` and `{}`); generate one service per model",
                first.0.id, second.id
            ),
        ));
    }
    Ok(first)
}

/// The operation shape IDs of the service, including those bound through resources, in
/// shape-ID order, restricted to `only` (operation names) when it is not empty.
pub fn operations(model: &Model, service: &Shape, only: &[String]) -> Result<Vec<String>, Error> {
    let ShapeKind::Service(definition) = &service.kind else {
        return Err(Error::in_shape(&service.id, shape_path(&service.id), "expected a service shape"));
    };
    let mut found = BTreeSet::new();
    let mut seen_resources = BTreeSet::new();
    let mut pending: Vec<&str> = definition.resources.iter().map(String::as_str).collect();
    found.extend(definition.operations.iter().cloned());
    while let Some(id) = pending.pop() {
        if !seen_resources.insert(id) {
            continue;
        }
        if let ShapeKind::Resource(resource) = &model.shape(id)?.kind {
            found.extend(resource.operations.iter().cloned());
            pending.extend(resource.resources.iter().map(String::as_str));
        }
    }
    for id in &found {
        if !matches!(model.shape(id)?.kind, ShapeKind::Operation(_)) {
            return Err(Error::in_shape(id, shape_path(id), "is bound as an operation but is not an operation shape"));
        }
    }
    if only.is_empty() {
        return Ok(found.into_iter().collect());
    }
    let mut selected = Vec::new();
    for name in only {
        let id = found.iter().find(|id| shape_name(id) == name || *id == name).ok_or_else(|| {
            let known: Vec<&str> = found.iter().map(|id| shape_name(id)).collect();
            Error::in_shape(
                &service.id,
                format!("{}.operations", shape_path(&service.id)),
                format!("the service has no operation `{name}`; it has: {}", known.join(", ")),
            )
        })?;
        if !selected.contains(id) {
            selected.push(id.clone());
        }
    }
    selected.sort();
    Ok(selected)
}

/// The part of a shape ID after `#`.
pub fn shape_name(id: &str) -> &str {
    id.rsplit_once('#').map_or(id, |(_, name)| name)
}

/// Every shape reached through members from the given roots' members (the roots themselves are
/// not included unless a member reaches them too).
pub fn reached_from_members(model: &Model, roots: &[&str]) -> Result<BTreeSet<String>, Error> {
    reached_from_members_within(model, roots, |_| true)
}

/// [`reached_from_members`], not going into (nor keeping) the shapes `enter` refuses.
pub fn reached_from_members_within(
    model: &Model,
    roots: &[&str],
    enter: impl Fn(&Shape) -> bool,
) -> Result<BTreeSet<String>, Error> {
    let mut reached = BTreeSet::new();
    let mut pending: Vec<String> = Vec::new();
    for root in roots {
        pending.extend(targets(model.shape(root)?));
    }
    while let Some(id) = pending.pop() {
        let shape = model.shape(&id)?;
        if enter(shape) && reached.insert(id.clone()) {
            pending.extend(targets(shape));
        }
    }
    Ok(reached)
}

fn targets(shape: &Shape) -> Vec<String> {
    match &shape.kind {
        ShapeKind::Structure(members) | ShapeKind::Union(members) => {
            members.iter().map(|member| member.target.clone()).collect()
        }
        ShapeKind::List(member) => vec![member.target.clone()],
        ShapeKind::Map { key, value } => vec![key.target.clone(), value.target.clone()],
        _ => Vec::new(),
    }
}

/// Whether a member of `from` targeting `target` closes a cycle of structure/union members:
/// such a member must be boxed or the type would have infinite size. Lists and maps already
/// put their elements behind a pointer, so paths through them do not count.
pub fn closes_cycle(model: &Model, from: &str, target: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut pending = vec![target];
    while let Some(id) = pending.pop() {
        if id == from {
            return true;
        }
        if !seen.insert(id) {
            continue;
        }
        if let Some(Shape { kind: ShapeKind::Structure(members) | ShapeKind::Union(members), .. }) =
            model.shapes.get(id)
        {
            pending.extend(members.iter().map(|member| member.target.as_str()));
        }
    }
    false
}
