//! Every documentation string of every official AWS model (`../shared/models/aws`) renders as
//! Markdown that rustdoc and clippy read without a warning: no doctest, no lazy continuation,
//! no over-indented list item. The sweep finds the same with clippy, in hours; this finds it in
//! seconds, and names the string.

#[path = "support/markdown.rs"]
mod markdown;

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

fn collect(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(fields) => {
            for (key, value) in fields {
                match (key.as_str(), value) {
                    ("smithy.api#documentation", Value::String(doc)) => {
                        out.insert(doc.clone());
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
fn every_official_documentation_renders_clean() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/models/aws");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} is not there", dir.display());
        return;
    };
    let mut docs = BTreeSet::new();
    for entry in entries {
        let path = entry.unwrap_or_else(|err| panic!("{err}")).path();
        if path.extension().is_some_and(|ext| ext == "json") {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            let model: Value = serde_json::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            collect(&model, &mut docs);
        }
    }
    assert!(docs.len() > 100_000, "only {} documentation strings found in {}", docs.len(), dir.display());
    let failing: Vec<String> = docs
        .iter()
        .filter_map(|doc| {
            let lines = codegen::docs::html_to_markdown(doc);
            let problems = markdown::problems(&lines);
            (!problems.is_empty()).then(|| format!("{doc}\n=> {problems:?}\n{}", lines.join("\n")))
        })
        .collect();
    assert!(
        failing.is_empty(),
        "{} of {} render badly; the first:\n{}",
        failing.len(),
        docs.len(),
        failing[..failing.len().min(3)].join("\n\n")
    );
}
