//! `models/robomaker.json` is our own file, but its facts must be the official model's: the same
//! shapes, members, targets and traits for everything DescribeDeploymentJob reaches. Only
//! documentation (and the wording of deprecation messages) is ours.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::{json, Map, Value};

const OPERATION: &str = "com.amazonaws.robomaker#DescribeDeploymentJob";
const SERVICE: &str = "com.amazonaws.robomaker#robomaker";
/// The service traits compared fact for fact; the endpoint rule set and its tests are compared
/// by behaviour (`tests/endpoints.rs`).
const SERVICE_TRAITS: &[&str] = &["aws.api#service", "aws.auth#sigv4", "aws.protocols#restJson1", "smithy.api#title"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(path: PathBuf) -> Value {
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

fn shapes(model: &Value) -> &Map<String, Value> {
    model["shapes"].as_object().unwrap_or_else(|| panic!("model has no shapes"))
}

/// Shape IDs reached from `start` through input, output, errors and members, prelude excluded.
fn closure(shapes: &Map<String, Value>, start: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut pending = vec![start.to_owned()];
    while let Some(id) = pending.pop() {
        if id.starts_with("smithy.api#") || !seen.insert(id.clone()) {
            continue;
        }
        let shape = &shapes[&id];
        for key in ["input", "output", "member", "key", "value"] {
            if let Some(target) = shape[key]["target"].as_str() {
                pending.push(target.to_owned());
            }
        }
        for error in shape["errors"].as_array().into_iter().flatten() {
            pending.extend(error["target"].as_str().map(str::to_owned));
        }
        for member in shape["members"].as_object().into_iter().flat_map(Map::values) {
            pending.extend(member["target"].as_str().map(str::to_owned));
        }
    }
    seen
}

/// The facts of a shape: documentation and deprecation messages removed, everywhere.
fn facts(value: &Value) -> Value {
    match value {
        Value::Object(object) => {
            let mut out = Map::new();
            for (key, value) in object {
                match key.as_str() {
                    "smithy.api#documentation" => {}
                    "smithy.api#deprecated" => {
                        let mut deprecated = value.as_object().cloned().unwrap_or_default();
                        deprecated.remove("message");
                        out.insert(key.clone(), Value::Object(deprecated));
                    }
                    // A shape whose only trait was documentation is the same as one with none.
                    "traits" if facts(value).as_object().is_some_and(Map::is_empty) => {}
                    _ => {
                        out.insert(key.clone(), facts(value));
                    }
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(facts).collect()),
        other => other.clone(),
    }
}

fn service_facts(service: &Value) -> Value {
    let traits: Map<String, Value> = SERVICE_TRAITS
        .iter()
        .filter_map(|name| service["traits"].get(*name).map(|value| ((*name).to_owned(), value.clone())))
        .collect();
    json!({
        "type": service["type"],
        "version": service["version"],
        "operations": [{ "target": OPERATION }],
        "traits": traits,
    })
}

#[test]
fn our_model_states_the_official_facts() {
    let official_path = root().join("../shared/models/robomaker-2018-06-29.json");
    if !official_path.exists() {
        assert!(
            std::env::var("CI").map_or(true, |ci| ci != "true"),
            "CI=true but the official model is missing at {}",
            official_path.display()
        );
        eprintln!("skipped: {} is not here (it is beside the checkout in CI)", official_path.display());
        return;
    }
    let official = read(official_path);
    let ours = read(root().join("models/robomaker.json"));
    let (official, ours) = (shapes(&official), shapes(&ours));

    let expected = closure(official, OPERATION);
    let mut ours_ids: BTreeSet<String> = ours.keys().cloned().collect();
    assert!(ours_ids.remove(SERVICE), "our model has no service shape `{SERVICE}`");
    assert_eq!(ours_ids, expected, "our model must hold exactly the shapes DescribeDeploymentJob reaches");
    assert_eq!(expected.len(), 39);

    for id in &expected {
        assert_eq!(facts(&ours[id]), facts(&official[id]), "shape `{id}` differs from the official model");
    }
    let mut our_service = ours[SERVICE].clone();
    if let Some(traits) = our_service["traits"].as_object_mut() {
        traits.remove("smithy.api#documentation");
        // Our rule set is our own writing; `endpoints` tests prove it behaves like the official one.
        traits.remove("smithy.rules#endpointRuleSet");
        traits.remove("smithy.rules#endpointTests");
    }
    assert_eq!(facts(&our_service), service_facts(&official[SERVICE]), "the service shape differs");
}

#[test]
fn documentation_is_stripped_but_facts_are_not() {
    let shape = json!({"type": "string", "traits": {
        "smithy.api#documentation": "x",
        "smithy.api#length": {"min": 1},
        "smithy.api#deprecated": {"message": "m", "since": "2020"}
    }});
    assert_eq!(
        facts(&shape),
        json!({"type": "string", "traits": {"smithy.api#length": {"min": 1}, "smithy.api#deprecated": {"since": "2020"}}})
    );
}
