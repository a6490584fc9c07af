//! Every `@pattern` of every official AWS model (`../shared/models/aws`) either runs in
//! generated crates or is one of the few no ECMAScript engine compiles, which the generator
//! reports as a warning and leaves unchecked.

use std::collections::BTreeSet;
use std::path::Path;

use codegen::lower::pattern::ecmascript;
use serde_json::Value;

/// The official patterns that are not ECMAScript and have no Java-only meaning to translate:
/// a quantifier on a quantifier, which Java's engine alone accepts.
const UNCOMPILABLE: &[&str] =
    &["^arn:aws(-[a-z]{1,3}){0,2}:rbin:[a-z\\-0-9]{0,63}:[0-9]{12}:rule/[0-9a-zA-Z]{11}{0,1011}$"];

fn collect(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(fields) => {
            for (key, value) in fields {
                match (key.as_str(), value) {
                    ("smithy.api#pattern", Value::String(pattern)) => {
                        out.insert(pattern.clone());
                    }
                    _ => collect(value, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect(item, out)),
        _ => {}
    }
}

#[test]
fn every_official_pattern_compiles_or_is_reported() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/models/aws");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} is not there", dir.display());
        return;
    };
    let mut patterns = BTreeSet::new();
    for entry in entries {
        let path = entry.unwrap_or_else(|err| panic!("{err}")).path();
        if path.extension().is_some_and(|ext| ext == "json") {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            let model: Value = serde_json::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            collect(&model, &mut patterns);
        }
    }
    assert!(patterns.len() > 3000, "only {} patterns found in {}", patterns.len(), dir.display());
    let failing: Vec<(&str, String)> =
        patterns.iter().filter_map(|pattern| ecmascript(pattern).err().map(|err| (pattern.as_str(), err))).collect();
    let failing_patterns: Vec<&str> = failing.iter().map(|(pattern, _)| *pattern).collect();
    assert_eq!(failing_patterns, UNCOMPILABLE, "{failing:#?}");
}
