//! The official AWS models (`../shared/models/aws`), for tests that check the generator against
//! every one of them.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

/// Every distinct string value of trait `name` (`smithy.api#pattern`) in any official model, or
/// `None` when the models are not there.
pub fn trait_strings(name: &str) -> Option<BTreeSet<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/models/aws");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} is not there", dir.display());
        return None;
    };
    let mut found = BTreeSet::new();
    for entry in entries {
        let path = entry.unwrap_or_else(|err| panic!("{err}")).path();
        if path.extension().is_some_and(|ext| ext == "json") {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            let model: Value = serde_json::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            collect(&model, name, &mut found);
        }
    }
    Some(found)
}

fn collect(value: &Value, name: &str, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(fields) => {
            for (key, value) in fields {
                match value {
                    Value::String(text) if key == name => {
                        out.insert(text.clone());
                    }
                    _ => collect(value, name, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect(item, name, out)),
        _ => {}
    }
}
