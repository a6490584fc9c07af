//! restJson1 HTTP bindings, on the `http_bindings` fixture, against a server on 127.0.0.1: the
//! exact request (method, path, query, headers, body) and the response read back from the body,
//! headers, status and payload.

mod support;

use std::collections::HashMap;

use fixture_http_bindings::primitives::{Blob, Timestamp};
use fixture_http_bindings::types::{Choice, Thing};
use fixture_http_bindings::{Client, Config, Credentials};
use support::{Reply, Server};

fn client(server: &Server) -> Client {
    Client::from_conf(
        Config::builder()
            .region("us-east-1")
            .credentials(Credentials::new("AKID", "SECRET", None))
            .endpoint_url(&server.url)
            .build(),
    )
}

#[tokio::test]
async fn every_binding_kind_on_the_request_and_the_response() {
    let reply = Reply::new(201, r#"{"name":"saved","size":42}"#)
        .header("ETag", "\"abc\"")
        .header("X-Count", "7")
        .header("X-Flags", "a, \"b,c\"")
        .header("X-Meta-Color", "blue")
        .header("X-Stamps", "Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 00:00:01 GMT");
    let server = Server::start(vec![reply]).await;
    let since = Timestamp::from_millis(1_700_000_000_125).unwrap_or(Timestamp::UNIX_EPOCH);
    let output = client(&server)
        .put_thing()
        .thing_id("t 1")
        .key("dir/file name.txt")
        .limit(5)
        .tags(vec!["x".to_owned(), "y z".to_owned()])
        .since(since)
        .extra(HashMap::from([
            ("k".to_owned(), "v&w".to_owned()),
            ("limit".to_owned(), "ignored".to_owned()),
            // `level` is an `@httpQuery` member that comes after the map in the model.
            ("level".to_owned(), "ignored".to_owned()),
        ]))
        .trace_id("trace-1")
        .flags(vec!["one".to_owned(), "two,three".to_owned()])
        .modified_after(since)
        .meta(HashMap::from([("Owner".to_owned(), "me".to_owned())]))
        .name("thing")
        .data(Blob::from("hello"))
        .choice(Choice::Number(3))
        .doc(serde_json::json!({"free": ["form", 1]}))
        .secret("hunter2")
        .renamed("r")
        .stamps(vec![since, Timestamp::UNIX_EPOCH])
        .level(2)
        .priority(1)
        .send()
        .await
        .unwrap_or_else(|err| panic!("{err}"));

    let request = &server.received()[0];
    assert_eq!(request.method, "PUT");
    assert_eq!(
        request.path,
        "/things/t%201/files/dir/file%20name.txt?fixed=1&limit=5&tag=x&tag=y%20z&since=2023-11-14T22%3A13%3A20.125Z&level=2&k=v%26w"
    );
    assert_eq!(request.headers["x-trace-id"], "trace-1");
    assert_eq!(request.headers["x-flags"], r#"one, "two,three""#);
    assert_eq!(request.headers["x-modified-after"], "Tue, 14 Nov 2023 22:13:20 GMT");
    // HTTP dates have a comma of their own and are not quoted in a list (restJson1).
    assert_eq!(request.headers["x-stamps"], "Tue, 14 Nov 2023 22:13:20 GMT, Thu, 01 Jan 1970 00:00:00 GMT");
    assert_eq!(request.headers["x-meta-owner"], "me");
    assert_eq!(request.headers["content-type"], "application/json");
    let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap_or_else(|err| panic!("{err}"));
    let token = body["clientToken"].as_str().unwrap_or_default().to_owned();
    assert_eq!(token.len(), 36, "an idempotency token is filled in: {body}");
    assert_eq!(
        body,
        serde_json::json!({
            "clientToken": token,
            "name": "thing",
            "data": "aGVsbG8=",
            "choice": {"number": 3},
            "doc": {"free": ["form", 1]},
            "secret": "hunter2",
            "renamed_on_wire": "r",
            "priority": 1
        }),
        "only body members are in the body, and an input's own default (`count`) only when set"
    );

    assert_eq!(output.status(), Some(201));
    assert_eq!(output.etag(), Some("\"abc\""));
    assert_eq!(output.count(), Some(7));
    assert_eq!(output.flags(), ["a", "b,c"]);
    let stamps: Vec<i64> = output.stamps().iter().map(|stamp| stamp.to_millis()).collect();
    assert_eq!(stamps, [1_576_540_098_000, 1_576_540_801_000]);
    assert_eq!(output.meta().and_then(|meta| meta.get("color")).map(String::as_str), Some("blue"));
    let thing = output.thing().unwrap_or_else(|| panic!("the payload was sent"));
    assert_eq!((thing.name(), thing.size()), (Some("saved"), Some(42)));
}

#[tokio::test]
async fn no_body_members_no_body_and_blob_payloads_are_raw() {
    let server =
        Server::start(vec![Reply::new(200, "raw \u{1} bytes").header("Content-Type", "application/octet-stream")])
            .await;
    let output = client(&server).get_blob().id("a/b").send().await.unwrap_or_else(|err| panic!("{err}"));
    let request = &server.received()[0];
    assert_eq!((request.method.as_str(), request.path.as_str()), ("GET", "/blobs/a%2Fb"));
    assert!(request.body.is_empty());
    assert!(!request.headers.contains_key("content-type"));
    assert_eq!(output.data().map(Blob::as_ref), Some(b"raw \x01 bytes".as_slice()));
    assert_eq!(output.content_type(), Some("application/octet-stream"));
}

#[tokio::test]
async fn a_text_payload_is_the_raw_body_with_its_media_type() {
    let server = Server::start(vec![Reply::new(200, "")]).await;
    client(&server).put_note().note("# Title\n*note*").send().await.unwrap_or_else(|err| panic!("{err}"));
    let request = &server.received()[0];
    assert_eq!((request.method.as_str(), request.path.as_str()), ("PUT", "/notes"));
    assert_eq!(request.headers["content-type"], "text/markdown", "the target's @mediaType");
    assert_eq!(request.body, b"# Title\n*note*");
}

/// `@requestCompression`: a body from the configured size up goes gzip-compressed, with
/// `Content-Encoding` naming gzip after what the input set; a smaller one goes as it is.
#[tokio::test]
async fn large_bodies_of_compressing_operations_are_gzipped() {
    let server = Server::start(vec![Reply::new(200, ""), Reply::new(200, ""), Reply::new(200, "")]).await;
    let text = "log line\n".repeat(2000);
    let compressing = |min: u32| {
        Client::from_conf(
            Config::builder()
                .region("us-east-1")
                .credentials(Credentials::new("AKID", "SECRET", None))
                .endpoint_url(&server.url)
                .request_min_compression_size_bytes(min)
                .build(),
        )
    };
    client(&server).put_log().text(text.clone()).send().await.unwrap_or_else(|err| panic!("{err}"));
    compressing(1_000_000).put_log().text(text.clone()).send().await.unwrap_or_else(|err| panic!("{err}"));
    compressing(0).put_log().encoding("custom").text("short").send().await.unwrap_or_else(|err| panic!("{err}"));
    let received = server.received();
    assert_eq!(received[0].headers["content-encoding"], "gzip");
    assert!(received[0].body.starts_with(&[0x1f, 0x8b]) && received[0].body.len() < text.len() / 4);
    assert!(!received[1].headers.contains_key("content-encoding"), "below the minimum size");
    assert!(received[1].body.starts_with(b"{\"text\":\"log line"));
    assert_eq!(received[2].headers["content-encoding"], "custom, gzip");
    assert!(received[2].body.starts_with(&[0x1f, 0x8b]));
}

/// A host label comes from the input; a value that would not make a host name (and could send
/// the request elsewhere) is an error, and nothing is sent.
#[tokio::test]
async fn a_host_label_that_is_not_a_host_name_is_refused() {
    let server = Server::start(vec![Reply::new(200, "")]).await;
    let err = client(&server)
        .upload_thing()
        .bucket("evil.example/x")
        .name("n")
        .send()
        .await
        .err()
        .unwrap_or_else(|| panic!("expected an error"));
    let text = err.to_string();
    assert!(text.starts_with("UploadThing failed"), "{text}");
    assert!(text.contains("the host prefix `evil.example/x.data.` is not a valid host name"), "{text}");
    assert!(server.received().is_empty(), "nothing may be sent");
}

#[tokio::test]
async fn a_bad_header_is_a_clear_error() {
    let server = Server::start(vec![Reply::new(201, "{}").header("X-Count", "many")]).await;
    let err = client(&server)
        .put_thing()
        .thing_id("t")
        .key("k")
        .send()
        .await
        .err()
        .unwrap_or_else(|| panic!("expected an error"));
    assert_eq!(
        err.to_string(),
        "PutThing failed: the response is not a valid PutThing output: header `x-count` has the invalid value `many`: invalid digit found in string (HTTP 201)"
    );
}

#[test]
fn sensitive_members_are_redacted_and_unions_round_trip() {
    let input = fixture_http_bindings::operation::put_thing::PutThingInput::builder()
        .thing_id("t")
        .key("k")
        .secret("hunter2")
        .build()
        .unwrap_or_else(|err| panic!("{err}"));
    let shown = format!("{input:?}");
    assert!(shown.contains("*** Sensitive Data Redacted ***") && !shown.contains("hunter2"), "{shown}");

    let choice: Choice = serde_json::from_str(r#"{"thing": {"name": "n"}}"#).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(choice.as_thing().and_then(Thing::name), Some("n"));
    assert_eq!(serde_json::from_str::<Choice>(r#"{"nothing": {}}"#).ok(), Some(Choice::Nothing));
    assert_eq!(serde_json::from_str::<Choice>(r#"{"newMember": 1}"#).ok(), Some(Choice::Unknown));
    assert_eq!(serde_json::from_str::<Choice>(r#"{"__type": "x", "text": "t"}"#).ok(), Some(Choice::Text("t".into())));
    assert!(serde_json::from_str::<Choice>("{}").is_err());
    assert!(serde_json::to_string(&Choice::Unknown).is_err());
    assert_eq!(serde_json::to_string(&Choice::Nothing).ok().as_deref(), Some(r#"{"nothing":{}}"#));
}

#[tokio::test]
async fn serde_keeps_every_member_and_a_body_only_its_own() {
    // A response body that names a header-bound member does not set it: only the header does.
    let server = Server::start(vec![
        Reply::new(200, r#"{"things":[{"name":"a"}],"charge":5}"#),
        Reply::new(200, r#"{"things":[]}"#).header("X-Charge", "7"),
    ])
    .await;
    let client = client(&server);
    let first = client.list_things().send().await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(first.charge(), None);
    let second = client.list_things().send().await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(second.charge(), Some(7));

    // The serde form of an output or input holds its header, query, label and status members
    // too, so a stored value loses nothing.
    let json = serde_json::to_value(&second).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(json, serde_json::json!({"things": [], "charge": 7}));
    let back: fixture_http_bindings::operation::list_things::ListThingsOutput =
        serde_json::from_value(json).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(back, second);
    let input = fixture_http_bindings::operation::put_thing::PutThingInput::builder()
        .thing_id("t")
        .key("k")
        .trace_id("trace")
        .name("n")
        .build()
        .unwrap_or_else(|err| panic!("{err}"));
    let json = serde_json::to_value(&input).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(json, serde_json::json!({"ThingID": "t", "key": "k", "traceId": "trace", "name": "n"}));
    let back: fixture_http_bindings::operation::put_thing::PutThingInput =
        serde_json::from_value(json).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(back, input);
}

#[tokio::test]
async fn paginators_follow_tokens_to_the_last_page() {
    let server = Server::start(vec![
        Reply::new(200, r#"{"nextToken":"t1","things":[{"name":"a"},{"name":"b"}]}"#),
        Reply::new(200, r#"{"nextToken":"t2","things":[]}"#),
        Reply::new(200, r#"{"things":[{"name":"c"}]}"#),
    ])
    .await;
    let things =
        client(&server).list_things().max_results(2).into_items().collect().await.unwrap_or_else(|err| panic!("{err}"));
    let names: Vec<&str> = things.iter().filter_map(Thing::name).collect();
    assert_eq!(names, ["a", "b", "c"]);
    let paths: Vec<String> = server.received().into_iter().map(|request| request.path).collect();
    assert_eq!(paths, ["/things?max=2", "/things?token=t1&max=2", "/things?token=t2&max=2"]);
}

#[tokio::test]
async fn a_repeated_token_ends_the_pages() {
    let server = Server::start(vec![Reply::new(200, r#"{"nextToken":"same","things":[{"name":"x"}]}"#)]).await;
    let pages = client(&server).list_things().into_paginator().collect().await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(pages.len(), 2, "the second page repeats the token it was asked with");
    assert_eq!(server.received().len(), 2);

    let server = Server::start(vec![Reply::new(400, r#"{"__type":"Nope"}"#)]).await;
    let mut pages = client(&server).list_things().into_paginator();
    assert!(matches!(pages.next().await, Some(Err(_))));
    assert!(pages.next().await.is_none(), "an error ends the pages");
}

#[tokio::test]
async fn paginators_are_streams() {
    use futures_core::Stream;
    let server = Server::start(vec![
        Reply::new(200, r#"{"nextToken":"t1","things":[{"name":"a"}]}"#),
        Reply::new(200, r#"{"things":[{"name":"b"}]}"#),
    ])
    .await;
    let mut items = client(&server).list_things().into_items();
    let mut names = Vec::new();
    while let Some(item) = std::future::poll_fn(|cx| std::pin::Pin::new(&mut items).poll_next(cx)).await {
        names.extend(item.unwrap_or_else(|err| panic!("{err}")).name().map(str::to_owned));
    }
    assert_eq!(names, ["a", "b"]);
}

#[tokio::test]
async fn a_checksum_of_a_streaming_body_needs_it_in_memory() {
    struct One(Option<bytes::Bytes>);
    impl futures_core::Stream for One {
        type Item = Result<bytes::Bytes, std::io::Error>;
        fn poll_next(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Self::Item>> {
            std::task::Poll::Ready(self.0.take().map(Ok))
        }
    }
    let server = Server::start(vec![Reply::new(200, "")]).await;
    let body = fixture_http_bindings::primitives::ByteStream::from_stream(One(Some(bytes::Bytes::from_static(b"x"))));
    let error = client(&server)
        .upload_thing()
        .bucket("b")
        .name("n")
        .data(body)
        .send()
        .await
        .err()
        .unwrap_or_else(|| panic!("refused"));
    assert!(error.to_string().contains("Content-MD5"), "{error}");
    assert!(server.received().is_empty(), "nothing was sent");
}
