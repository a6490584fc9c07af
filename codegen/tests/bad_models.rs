//! A bad model is an error naming the shape and the JSON path, never a panic.

use codegen::{generate, Options};

fn error(model: &str) -> codegen::Error {
    match generate(model, &Options::default()) {
        Ok(_) => panic!("expected the model to be rejected:\n{model}"),
        Err(err) => err,
    }
}

/// A model with one service and one operation, plus `extra` shapes.
fn model_with(extra: &str) -> String {
    format!(
        r#"{{"smithy": "2.0", "shapes": {{
            "ex#Svc": {{"type": "service", "operations": [{{"target": "ex#Op"}}], "traits": {{"aws.protocols#restJson1": {{}}}}}},
            "ex#Op": {{"type": "operation", "input": {{"target": "ex#OpInput"}}, "traits": {{"smithy.api#http": {{"method": "POST", "uri": "/op"}}}}}},
            "ex#OpInput": {{"type": "structure", "members": {{"a": {{"target": "ex#A"}}}}}}
            {extra}
        }}}}"#
    )
}

#[test]
fn not_json() {
    let err = error("{ this is not json");
    assert_eq!(err.path(), "$");
    assert!(err.message().contains("not valid JSON"), "{err}");
    assert!(err.message().contains("line 1"), "the position is given: {err}");
}

#[test]
fn no_smithy_version() {
    let err = error(r#"{"shapes": {}}"#);
    assert_eq!(err.path(), "$.smithy");
    assert!(err.to_string().contains("no `smithy` version"), "{err}");
}

#[test]
fn unknown_version() {
    let err = error(r#"{"smithy": "3.0", "shapes": {}}"#);
    assert_eq!(err.path(), "$.smithy");
    assert!(err.to_string().contains("unsupported Smithy version `3.0`"), "{err}");
}

#[test]
fn target_that_does_not_exist() {
    let err = error(&model_with(r#", "ex#A": {"type": "structure", "members": {"b": {"target": "ex#Missing"}}}"#));
    assert_eq!(err.shape(), Some("ex#A"));
    assert_eq!(err.path(), r#"$.shapes["ex#A"].members.b.target"#);
    assert!(err.message().contains("`ex#Missing`"), "{err}");
}

#[test]
fn unknown_shape_type() {
    let err = error(&model_with(r#", "ex#A": {"type": "widget"}"#));
    assert_eq!(err.shape(), Some("ex#A"));
    assert_eq!(err.path(), r#"$.shapes["ex#A"].type"#);
    assert!(err.message().contains("unknown shape type `widget`"), "{err}");
}

#[test]
fn member_without_target() {
    let err = error(&model_with(r#", "ex#A": {"type": "structure", "members": {"b": {"traits": {}}}}"#));
    assert_eq!(err.shape(), Some("ex#A"));
    assert_eq!(err.path(), r#"$.shapes["ex#A"].members.b"#);
    assert!(err.message().contains("member `b` has no `target`"), "{err}");
    assert_eq!(err.to_string(), r#"shape `ex#A` at $.shapes["ex#A"].members.b: member `b` has no `target`"#);
}

#[test]
fn malformed_known_trait() {
    let err = error(&model_with(r#", "ex#A": {"type": "string", "traits": {"smithy.api#length": {"min": "one"}}}"#));
    assert_eq!(err.shape(), Some("ex#A"));
    assert_eq!(err.path(), r#"$.shapes["ex#A"].traits["smithy.api#length"].min"#);
}

#[test]
fn unknown_traits_are_ignored() {
    let model = model_with(r#", "ex#A": {"type": "string", "traits": {"com.example#custom": {"anything": [1, 2]}}}"#);
    let files = generate(&model, &Options::default()).unwrap_or_else(|err| panic!("{err}")).files;
    assert!(files.iter().any(|file| file.path == "src/operation/op.rs"));
}

#[test]
fn unknown_operation_is_named() {
    let model = model_with(r#", "ex#A": {"type": "string"}"#);
    let options = Options { operations: vec!["Nope".into()], ..Options::default() };
    let err = generate(&model, &options).err().unwrap_or_else(|| panic!("expected an error"));
    assert_eq!(err.shape(), Some("ex#Svc"));
    assert!(err.message().contains("no operation `Nope`; it has: Op"), "{err}");
}

/// A pattern no engine compiles never blocks the service: a warning names the shape, the
/// member's docs say it is not checked, and `validate()` leaves it out.
#[test]
fn a_pattern_that_cannot_compile_is_a_warning() {
    let model = model_with(r#", "ex#A": {"type": "string", "traits": {"smithy.api#pattern": "^a{2}{3}$"}}"#);
    let generated = generate(&model, &Options::default()).unwrap_or_else(|err| panic!("{err}"));
    let [warning] = generated.warnings.as_slice() else { panic!("{:?}", generated.warnings) };
    assert_eq!(warning.shape(), Some("ex#A"));
    assert_eq!(warning.path(), r#"$.shapes["ex#A"].traits["smithy.api#pattern"]"#);
    assert!(warning.message().contains("pattern `^a{2}{3}$` is not checked"), "{warning}");
    let input = generated.files.iter().find(|file| file.path == "src/operation/op.rs").map(|file| &file.contents);
    let input = input.unwrap_or_else(|| panic!("no src/operation/op.rs"));
    assert!(input.contains("(not checked by `validate()`"), "{input}");
    assert!(!generated.files.iter().any(|file| file.path == "src/patterns.rs"));
}

/// A service in a protocol the generator does not speak is refused before anything else, with
/// the protocol named.
#[test]
fn unsupported_protocol_is_named_at_once() {
    let model = model_with(r#", "ex#A": {"type": "string"}"#)
        .replace(r#""aws.protocols#restJson1": {}"#, r#""aws.protocols#restXml": {}"#);
    let err = error(&model);
    assert_eq!(err.shape(), Some("ex#Svc"));
    assert_eq!(err.path(), r#"$.shapes["ex#Svc"].traits"#);
    assert_eq!(
        err.message(),
        "the service speaks `aws.protocols#restXml`; this generator supports `aws.protocols#restJson1`, \
         `aws.protocols#awsJson1_0`, `aws.protocols#awsJson1_1`"
    );
    let bare = model.replace(r#""aws.protocols#restXml": {}"#, "");
    assert!(error(&bare).message().starts_with("the service declares no protocol;"));
}

#[test]
fn garbage_never_panics() {
    let inputs = [
        "",
        "null",
        "[]",
        "42",
        r#"{"smithy": 2}"#,
        r#"{"smithy": "2.0", "shapes": []}"#,
        r#"{"smithy": "2.0", "shapes": {"noHash": {"type": "string"}}}"#,
        r#"{"smithy": "2.0", "shapes": {"a#B": 5}}"#,
        r#"{"smithy": "2.0", "shapes": {"a#B": {"type": "list"}}}"#,
        r#"{"smithy": "2.0", "shapes": {"a#B": {"type": "service", "operations": "x"}}}"#,
        r#"{"smithy": "2.0", "shapes": {"a#B": {"type": "service", "operations": [{"target": "a#C"}]}, "a#C": {"type": "string"}}}"#,
        r#"{"smithy": "2.0", "shapes": {"a#B": {"type": "enum", "members": {"X": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 3}}}}}}"#,
    ];
    for input in inputs {
        assert!(generate(input, &Options::default()).is_err(), "accepted: {input}");
    }
}

/// An operation with a stream the generator cannot write yet is left out of the whole service
/// with a warning, and is an error when asked for by name.
#[test]
fn unsupported_streams_leave_the_operation_out_or_are_an_error_when_named() {
    let model = model_with(r#", "ex#A": {"type": "blob", "traits": {"smithy.api#streaming": {}}}"#);
    let generated = generate(&model, &Options::default()).unwrap_or_else(|err| panic!("{err}"));
    let [warning] = generated.warnings.as_slice() else { panic!("{:?}", generated.warnings) };
    assert_eq!(warning.shape(), Some("ex#Op"));
    assert!(warning.message().starts_with("operation left out: member `a` of `ex#OpInput` is a stream"), "{warning}");
    assert!(!generated.files.iter().any(|file| file.path.starts_with("src/operation/")));
    let named = Options { operations: vec!["Op".into()], ..Options::default() };
    let err = generate(&model, &named).err().unwrap_or_else(|| panic!("expected an error"));
    assert_eq!(err.shape(), Some("ex#Op"));
    assert_eq!(err.path(), r#"$.shapes["ex#A"]"#);
    assert!(err.message().contains("member `a` of `ex#OpInput` is a stream"), "{err}");
}

/// A model whose operation `ex#Op` carries `traits` (JSON object members) besides `@http`.
fn operation_with(traits: &str) -> String {
    format!(
        r#"{{"smithy": "2.0", "shapes": {{
            "ex#Svc": {{"type": "service", "operations": [{{"target": "ex#Op"}}], "traits": {{"aws.protocols#restJson1": {{}}}}}},
            "ex#Op": {{"type": "operation", "input": {{"target": "ex#OpInput"}}, "traits": {{"smithy.api#http": {{"method": "POST", "uri": "/op"}}, {traits}}}}},
            "ex#OpInput": {{"type": "structure", "members": {{"a": {{"target": "smithy.api#String"}}}}}}
        }}}}"#
    )
}

#[test]
fn host_prefix_label_without_its_member() {
    let err = error(&operation_with(r#""smithy.api#endpoint": {"hostPrefix": "{bucket}."}"#));
    assert_eq!(err.shape(), Some("ex#Op"));
    assert_eq!(err.path(), r#"$.shapes["ex#Op"].traits["smithy.api#endpoint"].hostPrefix"#);
    assert!(err.message().contains("label `bucket` has no input member with `@hostLabel`"), "{err}");
}

/// A malformed protocol test case is an error when the tests are asked for, and nothing
/// otherwise: it does not change the client.
fn protocol_test_error(model: &str) -> codegen::Error {
    if let Err(err) = generate(model, &Options::default()) {
        panic!("without --protocol-tests the cases are not read: {err}");
    }
    match generate(model, &Options { protocol_tests: true, ..Options::default() }) {
        Ok(_) => panic!("expected the test cases to be rejected:\n{model}"),
        Err(err) => err,
    }
}

#[test]
fn protocol_test_case_without_an_id() {
    let cases =
        r#""smithy.test#httpResponseTests": [{"protocol": "aws.protocols#restJson1", "code": 200, "params": {}}]"#;
    let err = protocol_test_error(&operation_with(cases));
    assert_eq!(err.shape(), Some("ex#Op"));
    assert_eq!(err.path(), r#"$.shapes["ex#Op"].traits["smithy.test#httpResponseTests"][0].id"#);
    assert!(err.message().contains("no `id`"), "{err}");
}

#[test]
fn protocol_test_status_that_is_not_a_status() {
    let cases =
        r#""smithy.test#httpResponseTests": [{"id": "X", "protocol": "aws.protocols#restJson1", "code": "ok"}]"#;
    let err = protocol_test_error(&operation_with(cases));
    assert_eq!(err.path(), r#"$.shapes["ex#Op"].traits["smithy.test#httpResponseTests"][0].code"#);
    assert!(err.message().contains("HTTP status code"), "{err}");
}

/// A value the generator cannot put where its binding says is refused at the member, before
/// any code is emitted.
#[test]
fn bindings_the_generator_cannot_write_name_the_member() {
    let cases = [
        (r#""traits": {"smithy.api#httpHeader": "x-a"}"#, r#"{"type": "structure", "members": {}}"#, "a header"),
        (
            r#""traits": {"smithy.api#httpQuery": "a"}"#,
            r#"{"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#String"}}"#,
            "the query string",
        ),
        (
            r#""traits": {"smithy.api#httpQueryParams": {}}"#,
            r#"{"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#Integer"}}"#,
            "`@httpQueryParams`",
        ),
        (
            r#""traits": {"smithy.api#httpPrefixHeaders": "x-"}"#,
            r#"{"type": "list", "member": {"target": "smithy.api#String"}}"#,
            "`@httpPrefixHeaders`",
        ),
    ];
    for (traits, target, place) in cases {
        let model = format!(
            r#"{{"smithy": "2.0", "shapes": {{
                "ex#Svc": {{"type": "service", "operations": [{{"target": "ex#Op"}}], "traits": {{"aws.protocols#restJson1": {{}}}}}},
                "ex#Op": {{"type": "operation", "input": {{"target": "ex#OpInput"}}, "traits": {{"smithy.api#http": {{"method": "POST", "uri": "/op"}}}}}},
                "ex#OpInput": {{"type": "structure", "members": {{"a": {{"target": "ex#A", {traits}}}}}}},
                "ex#A": {target}
            }}}}"#
        );
        let err = error(&model);
        assert_eq!(err.shape(), Some("ex#OpInput"), "{err}");
        assert_eq!(err.path(), r#"$.shapes["ex#OpInput"].members.a"#, "{err}");
        assert!(err.message().starts_with(&format!("member `a` is bound to {place}")), "{err}");
    }
    // A label too, where a list cannot go.
    let model = r#"{"smithy": "2.0", "shapes": {
        "ex#Svc": {"type": "service", "operations": [{"target": "ex#Op"}], "traits": {"aws.protocols#restJson1": {}}},
        "ex#Op": {"type": "operation", "input": {"target": "ex#OpInput"}, "traits": {"smithy.api#http": {"method": "POST", "uri": "/op/{a}"}}},
        "ex#OpInput": {"type": "structure", "members": {"a": {"target": "ex#A", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}}}},
        "ex#A": {"type": "list", "member": {"target": "smithy.api#String"}}
    }}"#;
    let err = error(model);
    assert_eq!(err.path(), r#"$.shapes["ex#OpInput"].members.a"#, "{err}");
    assert!(err.message().contains("a URI label"), "{err}");
}

#[test]
fn a_default_that_is_not_a_value_of_its_type_names_the_member() {
    let with_default = |default: &str| {
        model_with(&format!(
            r#", "ex#A": {{"type": "structure", "members": {{"n": {{"target": "smithy.api#Integer", "traits": {{"smithy.api#default": {default}}}}}}}}}"#
        ))
    };
    let err = error(&with_default(r#""ten""#));
    assert_eq!(err.shape(), Some("ex#A"));
    assert_eq!(err.path(), r#"$.shapes["ex#A"].members.n.traits["smithy.api#default"]"#);
    assert_eq!(err.message(), "the default of member `n` is not a value of its type");
    let err = error(&with_default("1.5"));
    assert_eq!(err.message(), "the default of member `n` is 1.5, which is not an integer of the member's type");
    let err = error(&with_default("3000000000"));
    assert!(err.message().contains("not an integer of the member's type"), "{err}");
    assert!(generate(&with_default("7"), &Options::default()).is_ok());
}
