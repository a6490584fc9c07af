//! Every documentation string of every official AWS model (`../shared/models/aws`) renders as
//! Markdown that rustdoc and clippy read without a warning: no doctest, no lazy continuation,
//! no over-indented list item. The sweep finds the same with clippy, in hours; this finds it in
//! seconds, and names the string.

#[path = "support/markdown.rs"]
mod markdown;
#[path = "support/official_models.rs"]
mod official_models;

#[test]
fn every_official_documentation_renders_clean() {
    let Some(docs) = official_models::trait_strings("smithy.api#documentation") else { return };
    assert!(docs.len() > 100_000, "only {} documentation strings found", docs.len());
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
