//! Every `@pattern` of every official AWS model (`../shared/models/aws`) either runs in
//! generated crates or is one of the few no ECMAScript engine compiles, which the generator
//! reports as a warning and leaves unchecked.

#[path = "support/official_models.rs"]
mod official_models;

use codegen::lower::pattern::ecmascript;

/// The official patterns that are not ECMAScript and have no Java-only meaning to translate:
/// a quantifier on a quantifier, which Java's engine alone accepts.
const UNCOMPILABLE: &[&str] =
    &["^arn:aws(-[a-z]{1,3}){0,2}:rbin:[a-z\\-0-9]{0,63}:[0-9]{12}:rule/[0-9a-zA-Z]{11}{0,1011}$"];

#[test]
fn every_official_pattern_compiles_or_is_reported() {
    let Some(patterns) = official_models::trait_strings("smithy.api#pattern") else { return };
    assert!(patterns.len() > 3000, "only {} patterns found", patterns.len());
    let failing: Vec<(&str, String)> =
        patterns.iter().filter_map(|pattern| ecmascript(pattern).err().map(|err| (pattern.as_str(), err))).collect();
    let failing_patterns: Vec<&str> = failing.iter().map(|(pattern, _)| *pattern).collect();
    assert_eq!(failing_patterns, UNCOMPILABLE, "{failing:#?}");
}
