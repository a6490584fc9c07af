//! The fixtures' expected crates (generated from `tests/fixtures/*/model.json`, kept fresh by
//! `xtask/tests/freshness.rs`) compile as workspace members; here they show they behave as their
//! models say, one feature each.

use std::collections::HashMap;

fn parse<T: serde::de::DeserializeOwned>(json: &str) -> T {
    serde_json::from_str(json).unwrap_or_else(|err| panic!("{err}: {json}"))
}

fn to_json<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_else(|err| panic!("{err}"))
}

#[test]
fn enum_member_names_differ_from_values() {
    use fixture_enum_rename::types::Step;
    assert_eq!(Step::values(), &["Validating", "ExecutingPreLaunch", "UNKNOWN"]);
    assert_eq!(Step::PreLaunchStep.as_str(), "ExecutingPreLaunch");
    assert_eq!(Step::from("Validating"), Step::ValidatingStep);
    // A model member named `Unknown` does not take the place of the catch-all variant.
    assert_eq!(Step::from("UNKNOWN"), Step::Unknown2);
    let new = Step::from("Paused");
    assert!(matches!(&new, Step::Unknown(value) if value.as_str() == "Paused"));
    assert_eq!(to_json(&new), serde_json::json!("Paused"));
}

#[test]
fn smithy_1_enum_trait_becomes_an_enum() {
    use fixture_smithy1_enum::types::{Color, Region};
    assert_eq!(Color::from("dark-blue"), Color::DarkBlue);
    assert_eq!(Color::Red.to_string(), "red");
    assert_eq!(Region::values(), &["us-east-1", "eu-west-1"]);
    assert_eq!("eu-west-1".parse::<Region>(), Ok(Region::EuWest1));
}

#[test]
fn nested_structures_validate_with_their_path() {
    use fixture_nested_structure::operation::put_config::PutConfigInput;
    use fixture_nested_structure::types::{Config, Location};
    let location = Location::builder().bucket("Bad Bucket").build().unwrap_or_else(|err| panic!("{err}"));
    let config = Config::builder().name("ok-name").location(location).build().unwrap_or_else(|err| panic!("{err}"));
    let input = PutConfigInput::builder().config(config).build().unwrap_or_else(|err| panic!("{err}"));
    let err = input.validate().err().unwrap_or_else(|| panic!("expected a violation"));
    assert_eq!(
        err.to_string(),
        "invalid `PutConfigInput`: config.location.bucket: value does not match pattern `^[a-z0-9.-]+$`"
    );
    assert_eq!(Location::builder().build().err().map(|err| err.member()), Some("bucket"));
}

/// `^data/` and `^STANDARD$` are compared as text, `.*` is no constraint; the messages are
/// those of any pattern.
#[test]
fn plain_text_patterns_validate_as_text() {
    use fixture_nested_structure::operation::put_config::PutConfigInput;
    use fixture_nested_structure::types::{Config, Location};
    let input = |key: &str, storage_class: &str| {
        let location = Location::builder()
            .bucket("bucket")
            .key(key)
            .storage_class(storage_class)
            .note("\nanything\n")
            .build()
            .unwrap_or_else(|err| panic!("{err}"));
        let config = Config::builder().name("ok-name").location(location).build().unwrap_or_else(|err| panic!("{err}"));
        PutConfigInput::builder().config(config).build().unwrap_or_else(|err| panic!("{err}"))
    };
    assert_eq!(input("data/a", "STANDARD").validate().map_err(|err| err.to_string()), Ok(()));
    let err = input("logs/data/a", "STANDARD_IA").validate().err().map(|err| err.to_string());
    assert_eq!(
        err.as_deref(),
        Some(
            "invalid `PutConfigInput`: config.location.key: value does not match pattern `^data/`; \
             config.location.storage_class: value does not match pattern `^STANDARD$`"
        )
    );
    assert_eq!(input("data/", "STANDARD ").validate().err().map(|err| err.violations().len()), Some(1));
}

#[test]
fn lists_validate_their_length_and_items() {
    use fixture_list::operation::list_things::{ListThingsInput, ListThingsOutput};
    let names: Vec<String> = ["a", "", "c", "d", "e", "f"].map(String::from).to_vec();
    let input = ListThingsInput::builder().names(names).build();
    let err = input.validate().err().unwrap_or_else(|| panic!("expected violations"));
    let found: Vec<String> = err.violations().iter().map(ToString::to_string).collect();
    assert_eq!(found, ["names: length 6 is above 5", "names[1]: length 0 is below 1"]);
    let sparse = ListThingsInput::builder().sparse(vec![Some("ok".to_owned()), None, Some(String::new())]).build();
    assert_eq!(to_json(&sparse), serde_json::json!({"sparse": ["ok", null, ""]}));
    let err = sparse.validate().err().map(|err| err.to_string());
    assert_eq!(err.as_deref(), Some("invalid `ListThingsInput`: sparse[2]: length 0 is below 1"));
    let output: ListThingsOutput = parse(r#"{"things": [{"name": "x"}, {}]}"#);
    assert_eq!(output.things().len(), 2);
    assert_eq!(output.things()[0].name(), Some("x"));
}

#[test]
fn maps_validate_keys_and_keep_entries() {
    use fixture_map::operation::tag_thing::{TagThingInput, TagThingOutput};
    let tags = HashMap::from([("good".to_owned(), "1".to_owned()), ("BAD".to_owned(), "2".to_owned())]);
    let input = TagThingInput::builder().tags(tags).build().unwrap_or_else(|err| panic!("{err}"));
    let err = input.validate().err().unwrap_or_else(|| panic!("expected a violation"));
    assert_eq!(err.violations().len(), 1);
    assert_eq!(err.violations()[0].path(), r#"tags["BAD"]"#);
    let output: TagThingOutput = parse(r#"{"counts": {"a": 1, "b": 9007199254740993}}"#);
    assert_eq!(output.counts().and_then(|counts| counts.get("b")), Some(&9_007_199_254_740_993));
}

#[test]
fn timestamps_keep_sub_second_digits() {
    use fixture_timestamp::operation::get_time::GetTimeOutput;
    let json = r#"{"now":1700000000.125,"history":[0,-1.5,1700000000.000001]}"#;
    let output: GetTimeOutput = parse(json);
    assert_eq!(output.now().to_string(), "2023-11-14T22:13:20.125Z");
    let history: Vec<String> = output.history().iter().map(ToString::to_string).collect();
    assert_eq!(history, ["1970-01-01T00:00:00Z", "1969-12-31T23:59:58.5Z", "2023-11-14T22:13:20.000001Z"]);
    assert_eq!(serde_json::to_string(&output).ok().as_deref(), Some(json));
    // `timestampFormat` on the member, on a list's member and on a map value's target.
    let json = r#"{"now":0,"expires":"2023-11-14T22:13:20.125Z","checkpoints":["Tue, 14 Nov 2023 22:13:20 GMT"],"byZone":{"utc":"1970-01-01T00:00:01Z","gone":null}}"#;
    let output: GetTimeOutput = parse(json);
    assert_eq!(output.expires().map(|time| time.to_string()).as_deref(), Some("2023-11-14T22:13:20.125Z"));
    assert_eq!(output.checkpoints().iter().map(|time| time.secs()).collect::<Vec<_>>(), [1_700_000_000]);
    let by_zone = output.by_zone().cloned().unwrap_or_default();
    assert_eq!((by_zone.len(), by_zone.get("utc").map(|time| time.secs())), (1, Some(1)));
    let written = to_json(&output);
    assert_eq!(written["checkpoints"], serde_json::json!(["Tue, 14 Nov 2023 22:13:20 GMT"]));
    assert_eq!(written["byZone"], serde_json::json!({"utc": "1970-01-01T00:00:01Z"}));
    assert_eq!(written["expires"], "2023-11-14T22:13:20.125Z");
}

#[test]
fn floats_check_their_range() {
    use fixture_float::operation::measure::{MeasureInput, MeasureOutput};
    let err = MeasureInput::builder().ratio(1.5).scale(-3.25).build().validate().err();
    assert_eq!(err.map(|err| err.to_string()).as_deref(), Some("invalid `MeasureInput`: ratio: value 1.5 is above 1"));
    assert!(MeasureInput::builder().ratio(0.25).build().validate().is_ok());
    let output: MeasureOutput = parse(r#"{"percent": 42.5}"#);
    assert_eq!(output.percent(), Some(42.5_f32));
    // restJson1 sends NaN and the infinities as strings.
    let output: MeasureOutput = parse(r#"{"percent": "-Infinity"}"#);
    assert_eq!(output.percent(), Some(f32::NEG_INFINITY));
    let input = MeasureInput::builder().scale(f64::NAN).build();
    assert_eq!(to_json(&input), serde_json::json!({"scale": "NaN"}));
    // Also inside lists and maps; a dense map drops the entries sent as `null`.
    let output: MeasureOutput =
        parse(r#"{"samples": [0.5, "NaN", "Infinity"], "byProbe": {"a": "-Infinity", "b": null, "c": 1}}"#);
    assert!(matches!(output.samples(), [half, nan, inf] if *half == 0.5 && nan.is_nan() && *inf == f64::INFINITY));
    let by_probe = output.by_probe().cloned().unwrap_or_default();
    assert_eq!((by_probe.len(), by_probe.get("a"), by_probe.get("c")), (2, Some(&f32::NEG_INFINITY), Some(&1.0)));
    assert_eq!(to_json(&output)["samples"], serde_json::json!([0.5, "NaN", "Infinity"]));
}

#[test]
fn recursive_structures_are_boxed_and_walked() {
    use fixture_recursive_structure::operation::put_tree::PutTreeInput;
    use fixture_recursive_structure::types::Node;
    let json = r#"{"name":"root","left":{"name":"l","right":{"name":""}},"children":[{"name":"c","parent":{"node":{"name":""}}}]}"#;
    let root: Node = parse(json);
    assert_eq!(root.left().and_then(Node::right).map(Node::name), Some(""));
    assert_eq!(serde_json::to_string(&root).ok().as_deref(), Some(json));
    let input = PutTreeInput::builder().root(root).build().unwrap_or_else(|err| panic!("{err}"));
    let err = input.validate().err().unwrap_or_else(|| panic!("expected violations"));
    let paths: Vec<&str> = err.violations().iter().map(|violation| violation.path()).collect();
    assert_eq!(paths, ["root.left.right.name", "root.children[0].parent.node.name"]);
}

#[test]
fn recursive_unions_are_boxed_and_read_through_the_box() {
    use fixture_recursive_structure::operation::put_tree::PutTreeInput;
    use fixture_recursive_structure::types::{Filter, Node};
    let filter: Filter = parse(r#"{"not": {"all": [{"name": "a"}, {"not": {"name": ""}}]}}"#);
    // The accessor hands out the filter, not its box.
    let inner: Option<&Filter> = filter.as_not();
    let all = inner.and_then(Filter::as_all).map(Vec::as_slice).unwrap_or_default();
    assert_eq!(all.first().and_then(Filter::as_name).map(String::as_str), Some("a"));
    let root: Node = parse(r#"{"name": "root"}"#);
    let input = PutTreeInput::builder().root(root).filter(filter).build().unwrap_or_else(|err| panic!("{err}"));
    let err = input.validate().err().unwrap_or_else(|| panic!("expected violations"));
    let paths: Vec<&str> = err.violations().iter().map(|violation| violation.path()).collect();
    assert_eq!(paths, ["filter.not.all[1].not.name"]);
}

#[test]
fn keyword_members_keep_their_wire_names() {
    use fixture_keyword_member::operation::r#match::MatchInput;
    use fixture_keyword_member::types::Type;
    let input = MatchInput::builder().r#type("t").self_("s").r#fn(3).builder2("b").build();
    let input = input.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(to_json(&input), serde_json::json!({"type": "t", "self": "s", "fn": 3, "builder": "b"}));
    assert_eq!(input.r#type(), "t");
    assert_eq!(Type::from("self"), Type::Self_);
}

/// Members named like the reader's own variables (`map`, `member`) are still read into their
/// fields; unknown members and `null`s are skipped.
#[test]
fn members_named_like_the_readers_variables_are_read() {
    use fixture_keyword_member::operation::r#match::MatchOutput;
    use fixture_keyword_member::types::Type;
    let output: MatchOutput =
        parse(r#"{"type": "crate", "map": "m", "other": {"map": 1}, "member": "x", "foo": 7, "self": null}"#);
    assert_eq!(
        (output.r#type(), output.map(), output.member(), output.foo()),
        (Some(&Type::Crate), Some("m"), Some("x"), Some(7))
    );
    let empty: MatchOutput = parse(r#"{"map": null}"#);
    assert_eq!(empty.map(), None);
    let not_an_object = serde_json::from_str::<MatchOutput>(r#"["m"]"#).map_err(|err| err.to_string());
    assert!(not_an_object.is_err_and(|err| err.contains("expected a `MatchOutput` object")));
}

#[test]
fn colliding_names_get_distinct_rust_names() {
    use fixture_name_collision::operation::collide::CollideInput;
    use fixture_name_collision::types::Mode;
    let input = CollideInput::builder().foo_bar("camel").foo_bar2("snake").foo_bar3(3).build();
    assert_eq!(to_json(&input), serde_json::json!({"fooBar": "camel", "foo_bar": "snake", "FooBar": 3}));
    assert_eq!((Mode::FooBar.as_str(), Mode::FooBar2.as_str()), ("foo-bar", "FooBar"));
}

#[test]
fn errors_say_what_went_wrong() {
    use fixture_errors::operation::fail::FailError;
    use fixture_errors::types::error::{Broken, Conflict, Throttled};
    let broken: Broken = parse(r#"{"message": "disk full", "reason": "io"}"#);
    assert_eq!(broken.to_string(), "Broken: disk full");
    assert!(!Broken::is_client_fault());
    let error = FailError::from(broken);
    assert_eq!((error.code(), error.message()), (Some("Broken"), Some("disk full")));
    assert_eq!(Throttled::http_status(), Some(429));
    let throttled: Throttled = parse("{}");
    assert_eq!(FailError::from(throttled).to_string(), "Throttled");
    // A `message` with a zero `@default` is a plain string; left out, it is empty, not absent.
    let conflict: Conflict = parse(r#"{"Message": "taken"}"#);
    assert_eq!((conflict.message(), conflict.to_string().as_str()), ("taken", "Conflict: taken"));
    let empty: Conflict = parse("{}");
    assert_eq!(FailError::from(empty).message(), Some(""));
}

#[test]
fn every_error_is_a_service_error() {
    use fixture_errors::error::Unhandled;
    use fixture_errors::operation::fail::FailError;
    use fixture_errors::types::error::Throttled;
    let errors = [
        FailError::from(parse::<Throttled>(r#"{"message": "slow down"}"#)),
        FailError::from(Unhandled::new(Some("Gone".into()), None)),
    ];
    let seen: Vec<(Option<&str>, Option<&str>)> =
        errors.iter().map(FailError::as_service_error).map(|error| (error.code(), error.message())).collect();
    assert_eq!(seen, [(Some("Throttled"), Some("slow down")), (Some("Gone"), None)]);
    // `Display` is the error inside, so `source` is not that error again (a report that walks
    // the chain would say it twice); the modeled type is reached by `match` or the accessors.
    assert_eq!(errors[0].to_string(), "Throttled: slow down");
    assert!(std::error::Error::source(&errors[0]).is_none());
}

#[test]
fn a_required_union_left_out_of_a_response_is_unknown() {
    use fixture_http_bindings::operation::list_things::ListThingsOutput;
    use fixture_http_bindings::types::Choice;
    // Smithy's client error correction: the response still parses, the union is `Unknown`.
    let output: ListThingsOutput = parse(r#"{"tagged": {}}"#);
    assert_eq!(output.tagged().map(|tagged| tagged.choice()), Some(&Choice::Unknown));
    let output: ListThingsOutput = parse(r#"{"tagged": {"choice": {"number": 4}}}"#);
    assert_eq!(output.tagged().map(|tagged| tagged.choice()), Some(&Choice::Number(4)));
}

/// Union members keep their `timestampFormat`, and floats in them their NaN and infinities.
#[test]
fn union_members_read_formatted_timestamps_and_float_strings() {
    use fixture_http_bindings::types::Choice;
    let at: Choice = parse(r#"{"at": "2023-11-14T22:13:20Z"}"#);
    assert!(matches!(&at, Choice::At(time) if time.secs() == 1_700_000_000));
    assert_eq!(to_json(&at), serde_json::json!({"at": "2023-11-14T22:13:20Z"}));
    let ratios: Choice = parse(r#"{"ratios": [0.5, "-Infinity"]}"#);
    assert!(matches!(&ratios, Choice::Ratios(values) if values[..] == [0.5, f64::NEG_INFINITY]));
    assert_eq!(to_json(&Choice::Ratios(vec![f64::INFINITY])), serde_json::json!({"ratios": ["Infinity"]}));
}

#[test]
fn int_enums_are_integers_on_the_wire() {
    use fixture_http_bindings::operation::put_thing::PutThingInput;
    let input = PutThingInput::builder().thing_id("t").key("k").priority(2).build();
    let input = input.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(to_json(&input)["priority"], serde_json::json!(2));
    // A value the model does not name is kept, not an error.
    let input: PutThingInput = parse(r#"{"priority": 7}"#);
    assert_eq!(input.priority(), Some(7));
}

#[test]
fn unions_in_inputs_are_validated_and_uncheckable_patterns_are_not() {
    use fixture_union_validation::operation::search::SearchInput;
    use fixture_union_validation::types::{Filter, Range, Sort};
    let violations = |filter: Filter, sort: Option<Sort>| -> Vec<(String, String)> {
        let mut builder = SearchInput::builder().filter(filter).legacy_id("whatever: not checked");
        if let Some(sort) = sort {
            builder = builder.sort(sort);
        }
        let input = builder.build().unwrap_or_else(|err| panic!("{err}"));
        match input.validate() {
            Ok(()) => Vec::new(),
            Err(err) => err.violations().iter().map(|v| (v.path().to_owned(), v.message().to_owned())).collect(),
        }
    };
    assert!(violations(Filter::Name("Zoe".into()), Some(Sort::Field("abc".into()))).is_empty());
    assert!(violations(Filter::All, Some(Sort::Natural)).is_empty());
    let found = violations(Filter::Name("toolongname1".into()), Some(Sort::Field("1".into())));
    let paths: Vec<&str> = found.iter().map(|(path, _)| path.as_str()).collect();
    assert_eq!(paths, ["filter.name", "filter.name", "sort.field"], "{found:?}");
    let range = Range::builder().low(-1).high(5).build().unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(violations(Filter::Range(range), None)[0].0, "filter.range.low");
    // The tag-key pattern: look-ahead, Unicode classes, and Java's literal `-` after a class.
    let tags = |keys: &[&str]| Filter::Tags(keys.iter().map(|key| (*key).to_owned()).collect());
    assert!(violations(tags(&["Zoë-_ 1"]), None).is_empty());
    let found = violations(tags(&["ok", "aws:reserved", "no.dots"]), None);
    let paths: Vec<&str> = found.iter().map(|(path, _)| path.as_str()).collect();
    assert_eq!(paths, ["filter.tags[1]", "filter.tags[2]"], "{found:?}");
}

#[test]
fn names_rust_or_the_client_already_use_are_renamed_and_keep_their_wire_names() {
    use fixture_reserved_names::operation::config::{ConfigInput, ConfigOutput};
    use fixture_reserved_names::types::{DebugShape, OptionShape, Union};
    // Operation `Config` does not take `Client::config`'s place.
    let client = fixture_reserved_names::Client::from_conf(
        fixture_reserved_names::Config::builder().region("us-east-1").build(),
    );
    let _: &fixture_reserved_names::Config = client.config();
    let _ = client.config_operation();
    // Members named after keywords and the generated code's own names.
    let input = ConfigInput::builder().self_("s").r#type("t").runtime("r").crate_("c").build();
    let json = to_json(&input);
    assert_eq!(
        (&json["self"], &json["type"], &json["runtime"], &json["crate"]),
        (&"s".into(), &"t".into(), &"r".into(), &"c".into())
    );
    // Shapes named after prelude types and traits; enum values that look like `Unknown`.
    let output: ConfigOutput = parse(r#"{"option": {"x": "o"}, "debug": "UNKNOWN", "u": {"self": 3}}"#);
    assert_eq!(output.option().and_then(OptionShape::x), Some("o"));
    assert_eq!(output.debug(), Some(&DebugShape::Unknown2));
    assert_eq!(parse::<DebugShape>(r#""Unknown""#), DebugShape::Unknown2_2);
    assert_eq!(parse::<DebugShape>(r#""other""#).as_str(), "other");
    assert_eq!(output.u(), Some(&Union::SelfShape(3)));
    // Members named after standard trait methods keep their names.
    let input = ConfigInput::builder().add("a").build();
    assert_eq!((input.add(), &to_json(&input)["add"]), (Some("a"), &"a".into()));
    let output: ConfigOutput = parse(r#"{"clone": "c", "u": {"ref": "r"}}"#);
    assert_eq!((output.clone2(), output.u().and_then(Union::as_ref).map(String::as_str)), (Some("c"), Some("r")));
    // ... unless the name is a method the type has already: `clone` still clones.
    assert_eq!(output.clone().clone2(), Some("c"));
    assert_eq!(to_json(&ConfigOutput::builder().clone2("c").clone().build())["clone"], "c");
}

#[test]
fn defaults_fill_plain_members_and_inputs_keep_theirs_optional() {
    use fixture_aws_json::operation::send_message::SendMessageInput;
    use fixture_aws_json::types::{MessageOptions, QueueKind};
    let options = MessageOptions::builder().build();
    assert_eq!(
        (options.priority(), options.label(), options.fifo(), options.kind()),
        (5, "none", true, &QueueKind::Standard)
    );
    assert_eq!(options.extra(), &serde_json::json!({}));
    assert_eq!((options.weight(), options.not_before().secs()), (0.5, 0));
    // `@clientOptional` keeps the `Option` whatever the default.
    assert_eq!(options.tag(), None);
    let set = MessageOptions::builder().priority(1).kind(QueueKind::Fifo).build();
    assert_eq!((set.priority(), set.kind()), (1, &QueueKind::Fifo));
    // Read from JSON, a member left out gets its default; `null` counts as left out.
    let read: MessageOptions = parse(r#"{"Priority": null, "Label": "x"}"#);
    assert_eq!((read.priority(), read.label()), (5, "x"));
    // An input's own member is optional whatever its default, so an unset one is not sent.
    let input = SendMessageInput::builder().queue_url("q").build().unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(input.delay_seconds(), None);
    assert_eq!(to_json(&input), serde_json::json!({ "QueueUrl": "q" }));
}
