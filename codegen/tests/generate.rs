//! Properties of `generate()` itself: deterministic output and operation pruning.

use codegen::{generate, GeneratedFile, Options};

const TWO_OPERATIONS: &str = r#"{"smithy": "2.0", "shapes": {
    "ex#Svc": {"type": "service", "operations": [{"target": "ex#GetA"}, {"target": "ex#GetB"}], "traits": {"aws.protocols#restJson1": {}}},
    "ex#GetA": {"type": "operation", "output": {"target": "ex#GetAOutput"}, "traits": {"smithy.api#http": {"method": "GET", "uri": "/a"}}},
    "ex#GetAOutput": {"type": "structure", "members": {"a": {"target": "ex#OnlyA"}}},
    "ex#OnlyA": {"type": "structure", "members": {"shared": {"target": "ex#Shared"}}},
    "ex#GetB": {"type": "operation", "output": {"target": "ex#GetBOutput"}, "traits": {"smithy.api#http": {"method": "GET", "uri": "/b"}}},
    "ex#GetBOutput": {"type": "structure", "members": {"b": {"target": "ex#OnlyB"}, "s": {"target": "ex#Shared"}}},
    "ex#OnlyB": {"type": "enum", "members": {"X": {"target": "smithy.api#Unit"}}},
    "ex#Shared": {"type": "structure", "members": {"n": {"target": "smithy.api#Integer"}}}
}}"#;

fn files(model: &str, operations: &[&str]) -> Vec<GeneratedFile> {
    let options =
        Options { operations: operations.iter().map(|name| (*name).to_owned()).collect(), ..Options::default() };
    generate(model, &options).unwrap_or_else(|err| panic!("{err}"))
}

fn file<'a>(files: &'a [GeneratedFile], path: &str) -> &'a str {
    files.iter().find(|file| file.path == path).map_or_else(|| panic!("no {path}"), |file| file.contents.as_str())
}

#[test]
fn same_model_gives_the_same_bytes() {
    let model = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../models/robomaker.json"))
        .unwrap_or_else(|err| panic!("{err}"));
    let first = files(&model, &[]);
    for _ in 0..3 {
        assert_eq!(files(&model, &[]), first);
    }
    let paths: Vec<&str> = first.iter().map(|file| file.path.as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort_unstable();
    assert_eq!(paths, sorted, "files come in path order");
    assert!(first
        .iter()
        .all(|file| file.contents.starts_with("// @generated") || file.contents.starts_with("# @generated")));
}

#[test]
fn pruning_keeps_only_what_the_operations_reach() {
    let all = files(TWO_OPERATIONS, &[]);
    assert!(all.iter().any(|file| file.path == "src/operation/get_b.rs"));
    assert!(file(&all, "src/types.rs").contains("pub enum OnlyB"));

    let only_a = files(TWO_OPERATIONS, &["GetA"]);
    let paths: Vec<&str> = only_a.iter().map(|file| file.path.as_str()).collect();
    assert!(paths.contains(&"src/operation/get_a.rs"));
    assert!(!paths.contains(&"src/operation/get_b.rs"), "{paths:?}");
    let types = file(&only_a, "src/types.rs");
    assert!(types.contains("pub struct OnlyA") && types.contains("pub struct Shared"));
    assert!(!types.contains("OnlyB"), "an enum only GetB reaches is pruned");
    assert!(!paths.contains(&"src/primitives/unknown.rs"), "no enums, no enum support code");

    // Names and shape IDs select the same operation; naming one twice is harmless.
    assert_eq!(files(TWO_OPERATIONS, &["ex#GetA", "GetA"]), only_a);
}

/// Protocol tests only when asked for; a case the crate cannot build is listed with the
/// reason, and cases for servers are not written at all.
#[test]
fn protocol_tests_are_written_when_asked_and_odd_cases_say_why_they_are_left_out() {
    let model = r#"{"smithy": "2.0", "shapes": {
        "ex#Svc": {"type": "service", "operations": [{"target": "ex#Put"}], "traits": {"aws.protocols#restJson1": {}}},
        "ex#Put": {"type": "operation", "input": {"target": "ex#PutInput"}, "traits": {
            "smithy.api#http": {"method": "PUT", "uri": "/put"},
            "smithy.test#httpRequestTests": [
                {"id": "PutsA", "protocol": "aws.protocols#restJson1", "method": "PUT", "uri": "/put", "body": "{\"a\":\"x\"}", "params": {"a": "x"}},
                {"id": "PutsANumber", "protocol": "aws.protocols#restJson1", "method": "PUT", "uri": "/put", "params": {"a": 5}},
                {"id": "ServesA", "protocol": "aws.protocols#restJson1", "method": "PUT", "uri": "/put", "appliesTo": "server", "params": {}},
                {"id": "OtherProtocol", "protocol": "aws.protocols#awsJson1_1", "method": "POST", "uri": "/", "params": {}}
            ]}},
        "ex#PutInput": {"type": "structure", "members": {"a": {"target": "smithy.api#String"}}}
    }}"#;
    let plain = files(model, &[]);
    assert!(plain.iter().all(|file| !file.path.starts_with("src/protocol_tests")));
    let options = Options { protocol_tests: true, ..Options::default() };
    let with_tests = generate(model, &options).unwrap_or_else(|err| panic!("{err}"));
    let tests = file(&with_tests, "src/protocol_tests.rs");
    assert!(tests.contains("fn puts_a()"), "{tests}");
    assert!(tests.contains("- `PutsANumber`: `.a` is `5`, which does not fit a string"), "{tests}");
    assert!(!tests.contains("ServesA") && !tests.contains("serves_a"), "{tests}");
    assert!(!tests.contains("OtherProtocol") && !tests.contains("other_protocol"), "{tests}");
    assert!(file(&with_tests, "src/lib.rs").contains("#[cfg(test)]\nmod protocol_tests;"));
    file(&with_tests, "src/protocol_tests/support.rs");
}
