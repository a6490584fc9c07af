//! Properties of `generate()` itself: deterministic output and operation pruning.

use codegen::{generate, GeneratedFile, Options, Runtime};

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
    generate(model, &options).unwrap_or_else(|err| panic!("{err}")).files
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
    assert!(file(&all, "src/lib.rs").contains("UnknownValue"));
    assert!(!file(&only_a, "src/lib.rs").contains("UnknownValue"), "no enums, no re-export of enum support");

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
    let with_tests = generate(model, &options).unwrap_or_else(|err| panic!("{err}")).files;
    let tests = file(&with_tests, "src/protocol_tests.rs");
    assert!(tests.contains("fn puts_a()"), "{tests}");
    assert!(tests.contains("- `PutsANumber`: `.a` is `5`, which does not fit a string"), "{tests}");
    assert!(!tests.contains("ServesA") && !tests.contains("serves_a"), "{tests}");
    assert!(!tests.contains("OtherProtocol") && !tests.contains("other_protocol"), "{tests}");
    assert!(file(&with_tests, "src/lib.rs").contains("#[cfg(test)]\nmod protocol_tests;"));
    // The checks are the runtime's, for tests only.
    let manifest = file(&with_tests, "Cargo.toml");
    let dev = "[dev-dependencies]\nruntime = { package = \"smithy-lean-runtime\", version = \"0.1.0\", default-features = false, features = [\"test-util\"] }";
    assert!(manifest.contains(dev), "{manifest}");
    assert!(!file(&plain, "Cargo.toml").contains("test-util"));
}

/// The crate depends on the runtime where the options say, with the parts its model needs.
#[test]
fn the_manifest_names_the_runtime_as_asked_with_the_features_the_model_needs() {
    let runtime_line = |runtime: Runtime| {
        let files = generate(TWO_OPERATIONS, &Options { runtime, ..Options::default() })
            .unwrap_or_else(|err| panic!("{err}"))
            .files;
        let manifest = file(&files, "Cargo.toml").to_owned();
        manifest.lines().find(|line| line.starts_with("runtime =")).map(str::to_owned).unwrap_or_default()
    };
    assert_eq!(
        runtime_line(Runtime::Path("../../runtime".into())),
        r#"runtime = { package = "smithy-lean-runtime", path = "../../runtime", default-features = false }"#
    );
    assert_eq!(
        runtime_line(Runtime::Git("https://example.com/r.git".into())),
        r#"runtime = { package = "smithy-lean-runtime", git = "https://example.com/r.git", default-features = false }"#
    );
    assert_eq!(
        runtime_line(Runtime::default()),
        format!(
            r#"runtime = {{ package = "smithy-lean-runtime", version = "{}", default-features = false }}"#,
            codegen::RUNTIME_VERSION
        )
    );
    // A model whose operations compress and checksum their bodies turns those parts on.
    let model = TWO_OPERATIONS.replace(
        r#""smithy.api#http": {"method": "GET", "uri": "/a"}"#,
        r#""smithy.api#http": {"method": "GET", "uri": "/a"}, "smithy.api#httpChecksumRequired": {}, "smithy.api#requestCompression": {"encodings": ["gzip"]}"#,
    );
    let files = generate(&model, &Options::default()).unwrap_or_else(|err| panic!("{err}")).files;
    assert!(file(&files, "Cargo.toml").contains(r#"default-features = false, features = ["content-md5", "gzip"] }"#));
}

/// The version the generator writes code for is the runtime crate's.
#[test]
fn the_runtime_version_is_the_runtime_crates() {
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../runtime/Cargo.toml"))
        .unwrap_or_else(|err| panic!("{err}"));
    assert!(manifest.contains(&format!("\nversion = \"{}\"\n", codegen::RUNTIME_VERSION)), "{manifest}");
}
