//! What of the generator a model exercises, as a set of named features, and the fewest models
//! that together exercise every feature found in a folder: the covering set CI builds.

use std::collections::{BTreeMap, BTreeSet};

use codegen::lower::pattern::ecmascript;
use codegen::parse::{PROTOCOL_TRAITS, TRAITS_READ};
use serde_json::{Map, Value};

/// The HTTP binding traits: a member's binding, with its target's type, is a feature.
const BINDINGS: &[&str] = &[
    "smithy.api#httpHeader",
    "smithy.api#httpLabel",
    "smithy.api#httpPayload",
    "smithy.api#httpPrefixHeaders",
    "smithy.api#httpQuery",
    "smithy.api#httpQueryParams",
    "smithy.api#httpResponseCode",
];

/// The features of one model (a Smithy JSON AST document): each trait the generator reads,
/// each shape type, each binding with its target type (and item type for lists), each
/// timestamp format and default kind, and what each pattern needs of the regex engine.
pub fn of(model: &Value) -> BTreeSet<String> {
    let mut features = BTreeSet::new();
    let Some(shapes) = model.get("shapes").and_then(Value::as_object) else { return features };
    for shape in shapes.values() {
        let kind = type_of(shape);
        features.insert(format!("shape:{kind}"));
        traits(shape, kind, &mut features);
        let named = shape.get("members").and_then(Value::as_object).into_iter().flat_map(Map::values);
        let collection = ["member", "key", "value"].into_iter().filter_map(|key| shape.get(key));
        for member in named.chain(collection) {
            let target = member.get("target").and_then(Value::as_str).and_then(|id| shapes.get(id));
            let target_kind = target.map_or("prelude", type_of);
            traits(member, target_kind, &mut features);
            let member_traits = member.get("traits").and_then(Value::as_object);
            for binding in BINDINGS.iter().filter(|binding| member_traits.is_some_and(|t| t.contains_key(**binding))) {
                let item = target
                    .and_then(|target| target.get("member"))
                    .and_then(|item| item.get("target"))
                    .and_then(Value::as_str)
                    .and_then(|id| shapes.get(id))
                    .map_or("", type_of);
                features.insert(
                    format!("binding:{binding}:{target_kind}{}", if item.is_empty() { "" } else { ":" }) + item,
                );
            }
        }
    }
    features
}

fn type_of(shape: &Value) -> &str {
    shape.get("type").and_then(Value::as_str).unwrap_or("unknown")
}

/// The features of one shape's or member's traits; `kind` is the type of the value they
/// apply to.
fn traits(holder: &Value, kind: &str, features: &mut BTreeSet<String>) {
    let Some(traits) = holder.get("traits").and_then(Value::as_object) else { return };
    for (name, value) in traits {
        if TRAITS_READ.contains(&name.as_str()) || PROTOCOL_TRAITS.contains(&name.as_str()) {
            features.insert(format!("trait:{name}"));
        }
        match name.as_str() {
            "smithy.api#timestampFormat" => {
                features.insert(format!("timestampFormat:{}", value.as_str().unwrap_or("?")));
            }
            "smithy.api#default" => {
                features.insert(format!("default:{kind}:{}", default_kind(value)));
            }
            "smithy.api#pattern" => pattern(value.as_str().unwrap_or_default(), features),
            "smithy.api#http" => http(value, features),
            _ => {}
        }
    }
}

fn default_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(false) => "false",
        Value::Bool(true) => "true",
        Value::Number(number) if number.as_f64() == Some(0.0) => "zero",
        Value::Number(_) => "number",
        Value::String(text) if text.is_empty() => "empty",
        Value::String(_) => "text",
        Value::Array(_) => "list",
        Value::Object(_) => "map",
    }
}

/// What a pattern asks of the engine: its flags once written in ECMAScript, look-around,
/// Unicode classes, Java-only syntax, or that no engine compiles it.
fn pattern(source: &str, features: &mut BTreeSet<String>) {
    match ecmascript(source) {
        Ok(ecma) => {
            features.insert(format!("pattern:flags={}", ecma.flags));
            if ecma.source != source {
                features.insert("pattern:java-syntax".to_owned());
            }
        }
        Err(_) => {
            features.insert("pattern:unchecked".to_owned());
        }
    }
    for (construct, feature) in [
        ("(?!", "look-ahead"),
        ("(?=", "look-ahead"),
        ("(?<!", "look-behind"),
        ("(?<=", "look-behind"),
        ("\\p{", "property"),
    ] {
        if source.contains(construct) {
            features.insert(format!("pattern:{feature}"));
        }
    }
}

/// The method, and the URI's greedy labels and literal query, of `@http`.
fn http(value: &Value, features: &mut BTreeSet<String>) {
    let Some(http) = value.as_object() else { return };
    let field = |key: &str| http.get(key).and_then(Value::as_str).unwrap_or_default();
    features.insert(format!("http:method:{}", field("method")));
    let uri = field("uri");
    if uri.contains("+}") {
        features.insert("http:greedy-label".to_owned());
    }
    if uri.contains('?') {
        features.insert("http:literal-query".to_owned());
    }
    if http.get("code").and_then(Value::as_u64).is_some_and(|code| code != 200) {
        features.insert("http:code".to_owned());
    }
}

/// Few models (greedily: most new features per byte of model first, then without those the
/// others make redundant) whose features together are all of theirs; `models` maps a name to its features and size.
pub fn covering_set(models: &BTreeMap<String, (BTreeSet<String>, usize)>) -> Vec<String> {
    let mut uncovered: BTreeSet<&String> = models.values().flat_map(|(features, _)| features).collect();
    let mut chosen = Vec::new();
    while !uncovered.is_empty() {
        let best = models
            .iter()
            .filter(|(name, _)| !chosen.contains(*name))
            .map(|(name, (features, size))| {
                let new = features.iter().filter(|feature| uncovered.contains(feature)).count();
                (name, new, *size)
            })
            .filter(|(_, new, _)| *new > 0)
            // More new features per byte wins; `new / size` compared without division.
            .max_by(|(a_name, a_new, a_size), (b_name, b_new, b_size)| {
                (a_new * b_size).cmp(&(b_new * a_size)).then_with(|| b_name.cmp(a_name))
            });
        let Some((name, _, _)) = best else { break };
        for feature in &models[name].0 {
            uncovered.remove(feature);
        }
        chosen.push(name.clone());
    }
    // A greedy pick can become redundant once later picks cover it: drop those, largest first.
    chosen.sort_by_key(|name| std::cmp::Reverse(models[name].1));
    let mut index = 0;
    while index < chosen.len() {
        let others: BTreeSet<&String> =
            chosen.iter().enumerate().filter(|(i, _)| *i != index).flat_map(|(_, name)| &models[name].0).collect();
        if models[&chosen[index]].0.iter().all(|feature| others.contains(feature)) {
            chosen.remove(index);
        } else {
            index += 1;
        }
    }
    chosen.sort();
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(shapes: Value) -> Value {
        serde_json::json!({ "smithy": "2.0", "shapes": shapes })
    }

    #[test]
    fn features_name_traits_bindings_and_patterns() {
        let features = of(&model(serde_json::json!({
            "ex#In": {"type": "structure", "members": {
                "ids": {"target": "ex#Ids", "traits": {"smithy.api#httpHeader": "X-Ids"}},
                "name": {"target": "ex#Name", "traits": {"com.example#ignored": {}}}
            }},
            "ex#Ids": {"type": "list", "member": {"target": "ex#Name"}},
            "ex#Name": {"type": "string", "traits": {"smithy.api#pattern": "^(?!aws:)\\p{Print}+$"}}
        })));
        for expected in [
            "shape:structure",
            "shape:list",
            "binding:smithy.api#httpHeader:list:string",
            "trait:smithy.api#httpHeader",
            "trait:smithy.api#pattern",
            "pattern:look-ahead",
            "pattern:java-syntax",
            "pattern:flags=u",
        ] {
            assert!(features.contains(expected), "{expected} missing from {features:?}");
        }
        assert!(!features.iter().any(|feature| feature.contains("com.example")));
    }

    #[test]
    fn the_covering_set_covers_everything_with_few_models() {
        let set = |names: &[&str]| names.iter().map(|name| (*name).to_owned()).collect::<BTreeSet<_>>();
        let models = BTreeMap::from([
            ("big".to_owned(), (set(&["a", "b", "c"]), 1000)),
            ("small-a".to_owned(), (set(&["a", "b"]), 10)),
            ("small-c".to_owned(), (set(&["c"]), 10)),
            ("same".to_owned(), (set(&["a"]), 5)),
        ]);
        assert_eq!(covering_set(&models), ["small-a", "small-c"]);
        assert!(covering_set(&BTreeMap::new()).is_empty());
    }
}
