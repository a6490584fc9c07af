//! Output event streams, on the `streams` fixture, against a server on 127.0.0.1: events
//! whose members are a JSON payload, the whole payload (`@eventPayload` blob and text), headers
//! of every type (`@eventHeader`), a unit event; the output's header member beside the stream;
//! and errors that only the stream names, read as the operation's.

mod support;

use aws_smithy_types::event_stream::HeaderValue;
use aws_smithy_types::DateTime;
use fixture_streams::error::SdkError;
use fixture_streams::operation::watch::{WatchError, WatchOutput};
use fixture_streams::primitives::{Blob, Timestamp};
use fixture_streams::types::WatchEvents;
use fixture_streams::{Client, Config, Credentials};
use support::events::{event, frame, serve, typed_frame, Part};

async fn watch(url: &str) -> WatchOutput {
    let config = Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKID", "SECRET", None))
        .endpoint_url(url)
        .build();
    Client::from_conf(config).watch().topic("news").since(7).send().await.unwrap_or_else(|err| panic!("{err}"))
}

fn typed_event(event_type: &str, headers: Vec<(&'static str, HeaderValue)>, payload: &[u8]) -> Part {
    let mut all = vec![
        (":message-type", HeaderValue::String("event".to_owned().into())),
        (":event-type", HeaderValue::String(event_type.to_owned().into())),
    ];
    all.extend(headers);
    Part::Bytes(typed_frame(&all, payload))
}

#[tokio::test]
async fn each_event_is_read_from_where_its_members_are() {
    let (url, request) = serve(
        &[("x-session", "s-1")],
        vec![
            event("tick", r#"{"count":3,"at":1700000000.25}"#),
            typed_event("chunk", Vec::new(), &[0, 159, 146, 150]),
            typed_event("note", Vec::new(), "héllo".as_bytes()),
            typed_event(
                "labelled",
                vec![
                    ("name", HeaderValue::String("north".to_owned().into())),
                    ("seq", HeaderValue::Int64(9_000_000_000)),
                    ("flag", HeaderValue::Bool(true)),
                    ("small", HeaderValue::Byte(-3)),
                    ("short", HeaderValue::Int16(-300)),
                    ("int", HeaderValue::Int32(70_000)),
                    ("when", HeaderValue::Timestamp(DateTime::from_millis(1_700_000_000_123))),
                    ("raw", HeaderValue::ByteArray(vec![1, 2, 3].into())),
                ],
                // A payload member named like a header member cannot set it.
                br#"{"detail":"from the payload","name":"not this"}"#,
            ),
            typed_event("labelled", vec![("seq", HeaderValue::Int64(1))], b""),
            typed_event("done", Vec::new(), b""),
        ],
    )
    .await;
    let mut output = watch(&url).await;
    let request = request.await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!((request.method.as_str(), request.path.as_str()), ("POST", "/watch/news?since=7"));
    assert_eq!(output.session(), Some("s-1"));

    let mut events = Vec::new();
    while let Some(event) = output.events.recv().await.unwrap_or_else(|err| panic!("{err}")) {
        events.push(event);
    }
    let [WatchEvents::Tick(tick), WatchEvents::Chunk(chunk), WatchEvents::Note(note), WatchEvents::Labelled(labelled), WatchEvents::Labelled(bare), WatchEvents::Done] =
        events.as_slice()
    else {
        panic!("six events in order, not {events:?}")
    };
    assert_eq!(tick.count, 3);
    assert_eq!(tick.at.as_ref().map(Timestamp::to_millis), Some(1_700_000_000_250));
    assert_eq!(chunk.data, Some(Blob::new(vec![0, 159, 146, 150])));
    assert_eq!(note.text, "héllo");
    assert_eq!(labelled.name.as_deref(), Some("north"));
    assert_eq!(labelled.seq, 9_000_000_000);
    assert_eq!(
        (labelled.flag, labelled.small, labelled.short, labelled.int),
        (Some(true), Some(-3), Some(-300), Some(70_000))
    );
    assert_eq!(labelled.when.as_ref().map(Timestamp::to_millis), Some(1_700_000_000_123));
    assert_eq!(labelled.raw, Some(Blob::new(vec![1, 2, 3])));
    assert_eq!(labelled.detail.as_deref(), Some("from the payload"));
    assert_eq!((bare.seq, bare.name.as_deref(), bare.detail.as_deref()), (1, None, None));
}

#[tokio::test]
async fn a_header_of_the_wrong_type_is_an_error_and_the_stream_goes_on() {
    let (url, _request) = serve(
        &[],
        vec![
            typed_event("labelled", vec![("seq", HeaderValue::String("nine".to_owned().into()))], b""),
            typed_event("done", Vec::new(), b""),
        ],
    )
    .await;
    let mut output = watch(&url).await;
    let error = output.events.recv().await.err().unwrap_or_else(|| panic!("a bad header"));
    assert!(matches!(error, SdkError::Response { .. }), "{error:?}");
    assert!(error.to_string().contains("`seq`"), "{error}");
    assert!(matches!(output.events.recv().await, Ok(Some(WatchEvents::Done))));
}

#[tokio::test]
async fn errors_only_the_stream_names_are_the_operations_by_member_name() {
    for (code, expected) in [("throttled", "Throttled"), ("badTopic", "BadTopic")] {
        let (url, _request) = serve(
            &[],
            vec![Part::Bytes(frame(
                &[(":message-type", "exception"), (":exception-type", code)],
                br#"{"message":"stop"}"#,
            ))],
        )
        .await;
        let mut output = watch(&url).await;
        let error = output.events.recv().await.err().unwrap_or_else(|| panic!("an exception"));
        let SdkError::Service { error, status, .. } = error else { panic!("a service error, not {error:?}") };
        assert_eq!(status, 200);
        let variant = match &error {
            WatchError::Throttled(_) => "Throttled",
            WatchError::BadTopic(_) => "BadTopic",
            other => panic!("a modeled error, not {other:?}"),
        };
        assert_eq!(variant, expected);
        assert_eq!(error.message(), Some("stop"));
        assert!(output.events.recv().await.is_ok_and(|event| event.is_none()));
    }
}

#[test]
fn an_output_built_by_hand_has_an_empty_stream() {
    let output = WatchOutput::builder().session("s").build();
    assert_eq!(output.session(), Some("s"));
    assert!(format!("{output:?}").contains("EventReceiver"));
}

fn client(url: &str) -> Client {
    let config = Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKID", "SECRET", None))
        .endpoint_url(url)
        .build();
    Client::from_conf(config)
}

#[tokio::test]
async fn a_streaming_body_is_read_chunk_by_chunk_as_it_arrives() {
    let (go_on, wait) = tokio::sync::oneshot::channel();
    let (url, request) = serve(
        &[("content-type", "audio/mpeg")],
        vec![Part::Bytes(b"first ".to_vec()), Part::WaitFor(wait), Part::Bytes(b"second".to_vec())],
    )
    .await;
    let limit = std::time::Duration::from_secs(10);
    let send = client(&url).download().name("song.mp3").send();
    let Ok(sent) = tokio::time::timeout(limit, send).await else { panic!("no head") };
    let mut output = sent.unwrap_or_else(|err| panic!("{err}"));
    let request = request.await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!((request.method.as_str(), request.path.as_str()), ("GET", "/files/song.mp3"));
    assert_eq!(output.content_type(), Some("audio/mpeg"));
    // The first chunk comes while the server holds the rest back.
    let first = tokio::time::timeout(limit, output.body.next()).await.unwrap_or_else(|_| panic!("no first chunk"));
    assert_eq!(first.map(|chunk| chunk.map(|bytes| bytes.to_vec()).ok()), Some(Some(b"first ".to_vec())));
    let _ = go_on.send(());
    let rest = output.body.collect().await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(rest.as_ref(), b"second");
}

#[tokio::test]
async fn a_streaming_body_reads_as_async_read_and_a_cut_connection_is_an_error() {
    use tokio::io::AsyncReadExt;
    let (url, _request) = serve(&[], vec![Part::Bytes(b"abc".to_vec()), Part::Bytes(b"def".to_vec())]).await;
    let output = client(&url).download().name("f").send().await.unwrap_or_else(|err| panic!("{err}"));
    let mut text = String::new();
    output.body.into_async_read().read_to_string(&mut text).await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(text, "abcdef");

    let (url, _request) = serve(&[], vec![Part::Bytes(b"abc".to_vec()), Part::Cut]).await;
    let output = client(&url).download().name("f").send().await.unwrap_or_else(|err| panic!("{err}"));
    assert!(output.body.collect().await.is_err(), "a body cut short is not a whole body");
}

async fn upload_server(status: u16) -> (support::Server, Client) {
    let server = support::Server::start(vec![support::Reply::new(status, r#"{"size":5}"#)]).await;
    let client = client(&server.url);
    (server, client)
}

#[tokio::test]
async fn an_upload_from_memory_is_signed_and_sent_with_its_length() {
    let (server, client) = upload_server(200).await;
    let output =
        client.upload().name("a.txt").body(b"hello".to_vec()).send().await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(output.size(), Some(5));
    let request = &server.received()[0];
    assert_eq!((request.method.as_str(), request.path.as_str()), ("PUT", "/files/a.txt"));
    assert_eq!(request.body, b"hello");
    assert_eq!(request.headers["content-length"], "5");
    assert_eq!(request.headers["content-type"], "application/x-file");
    assert!(!request.headers.contains_key("x-amz-content-sha256"), "bytes in memory are signed");
    let authorization = support::parse_authorization(&request.headers["authorization"]);
    assert_eq!(authorization.signature, support::expected_signature(request, "SECRET"));
}

#[tokio::test]
async fn an_upload_from_a_stream_goes_chunked_unsigned_and_one_from_a_file_with_its_length() {
    let (server, client) = upload_server(200).await;
    let chunks = [Ok::<_, std::io::Error>(bytes::Bytes::from_static(b"par")), Ok(bytes::Bytes::from_static(b"ts"))];
    let body = fixture_streams::primitives::ByteStream::from_stream(support::events::Iter(chunks.into_iter()));
    client.upload().name("s").body(body).send().await.unwrap_or_else(|err| panic!("{err}"));
    let request = &server.received()[0];
    assert_eq!(request.body, b"parts");
    assert_eq!(request.headers.get("transfer-encoding").map(String::as_str), Some("chunked"));
    assert_eq!(request.headers["x-amz-content-sha256"], "UNSIGNED-PAYLOAD");
    let authorization = support::parse_authorization(&request.headers["authorization"]);
    assert_eq!(authorization.signature, support::expected_signature(request, "SECRET"));

    let path = std::env::temp_dir().join(format!("streams-upload-{}.txt", std::process::id()));
    std::fs::write(&path, b"from a file").unwrap_or_else(|err| panic!("{err}"));
    let (server, client) = upload_server(200).await;
    let body = fixture_streams::primitives::ByteStream::from_path(&path).await.unwrap_or_else(|err| panic!("{err}"));
    client.upload().name("f").body(body).send().await.unwrap_or_else(|err| panic!("{err}"));
    let _ = std::fs::remove_file(&path);
    let request = &server.received()[0];
    assert_eq!(request.body, b"from a file");
    assert_eq!(request.headers["content-length"], "11");
}

#[tokio::test]
async fn a_stream_that_must_have_a_length_is_refused_without_one_and_unsigned_payloads_stay_unsigned() {
    let (server, client) = upload_server(204).await;
    let chunks = [Ok::<_, std::io::Error>(bytes::Bytes::from_static(b"x"))];
    let body = fixture_streams::primitives::ByteStream::from_stream(support::events::Iter(chunks.into_iter()));
    let error = client.put_part().number(1).data(body).send().await.err().unwrap_or_else(|| panic!("refused"));
    assert!(matches!(error, SdkError::Request { .. }), "{error:?}");
    assert!(error.to_string().contains("length"), "{error}");
    assert!(server.received().is_empty(), "nothing was sent");

    let chunks = [Ok::<_, std::io::Error>(bytes::Bytes::from_static(b"xyz"))];
    let body = fixture_streams::primitives::ByteStream::from_stream(support::events::Iter(chunks.into_iter()))
        .with_content_length(3);
    client.put_part().number(2).data(body).send().await.unwrap_or_else(|err| panic!("{err}"));
    client.put_part().number(3).data(b"in memory".to_vec()).send().await.unwrap_or_else(|err| panic!("{err}"));
    let received = server.received();
    assert_eq!((received[0].body.as_slice(), received[0].headers["content-length"].as_str()), (b"xyz".as_slice(), "3"));
    for request in &received {
        assert_eq!(request.headers["x-amz-content-sha256"], "UNSIGNED-PAYLOAD", "@unsignedPayload");
        let authorization = support::parse_authorization(&request.headers["authorization"]);
        assert_eq!(authorization.signature, support::expected_signature(request, "SECRET"));
    }
}

/// The verifier the tests of input event streams check chunk signatures with, against the
/// published vector of smithy-typescript's `signature-v4` (from aws-sdk-ruby's signer spec).
#[test]
fn the_event_signature_verifier_agrees_with_the_published_vector() {
    let date_header = [5, 58, 100, 97, 116, 101, 8, 0, 0, 1, 103, 247, 125, 87, 112];
    let signature =
        support::events::event_signature("secret", "20130524T000000Z", "REGION", "SERVICE", "", &date_header, b"foo");
    assert_eq!(signature, "204bb5e2713e95354680e9522986d3ac0304aeafd33397f39e6540ca51ffe226");
}

#[tokio::test]
async fn input_events_go_as_frames_each_signed_after_the_one_before() {
    use fixture_streams::types::{Audio, Mark, Say, TalkEvents};
    let (url, request) = serve(&[], vec![typed_event("done", Vec::new(), b"")]).await;
    let events = vec![
        TalkEvents::Say(Say::builder().text("hello").build().unwrap_or_else(|err| panic!("{err}"))),
        TalkEvents::Audio(Audio::builder().chunk(Blob::new(vec![1, 2, 3])).build()),
        TalkEvents::Mark(
            Mark::builder()
                .label("here")
                .count(7)
                .at(Timestamp::from_millis(1_700_000_000_000).unwrap_or_else(|| panic!("in range")))
                .build()
                .unwrap_or_else(|err| panic!("{err}")),
        ),
        TalkEvents::Ping(fixture_streams::types::Ping::builder().build()),
        TalkEvents::Bye,
    ];
    let mut output = client(&url)
        .talk()
        .room("lobby")
        .events(support::events::Iter(events.into_iter()))
        .send()
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    assert!(matches!(output.replies.recv().await, Ok(Some(WatchEvents::Done))));
    let request = request.await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!((request.method.as_str(), request.path.as_str()), ("POST", "/talk/lobby"));
    assert_eq!(request.headers["content-type"], "application/vnd.amazon.eventstream");
    assert_eq!(request.headers["x-amz-content-sha256"], "STREAMING-AWS4-HMAC-SHA256-EVENTS");
    let authorization = support::parse_authorization(&request.headers["authorization"]);
    assert_eq!(authorization.signature, support::expected_signature(&request, "SECRET"));

    // Each frame: the event inside, `:date` and a `:chunk-signature` chained from the request's.
    let inner = support::events::verify_signed_frames(
        &request.body,
        &authorization.signature,
        "SECRET",
        "us-east-1",
        "streams",
    );
    assert_eq!(inner.len(), 5, "five events, then the empty end");
    let text = |message: &aws_smithy_types::event_stream::Message, name: &str| {
        message.headers().iter().find(|header| header.name().as_str() == name).map(|header| header.value().clone())
    };
    let types: Vec<_> = inner.iter().map(|message| text(message, ":event-type")).collect();
    let string = |value: &str| Some(HeaderValue::String(value.to_owned().into()));
    assert_eq!(types, [string("say"), string("audio"), string("mark"), string("ping"), string("bye")]);
    // Nothing in the body (all in headers, or no member at all): an empty JSON object.
    for event in [&inner[2], &inner[3]] {
        assert_eq!(event.payload().as_ref(), b"{}");
        assert_eq!(text(event, ":content-type"), string("application/json"));
    }
    assert_eq!(inner[0].payload().as_ref(), br#"{"text":"hello"}"#);
    assert_eq!(text(&inner[0], ":content-type"), string("application/json"));
    assert_eq!(inner[1].payload().as_ref(), &[1, 2, 3]);
    assert_eq!(text(&inner[1], ":content-type"), string("application/octet-stream"));
    assert_eq!(text(&inner[2], "label"), string("here"));
    assert_eq!(text(&inner[2], "count"), Some(HeaderValue::Int32(7)));
    assert_eq!(
        text(&inner[2], "at"),
        Some(HeaderValue::Timestamp(aws_smithy_types::DateTime::from_millis(1_700_000_000_000)))
    );
}
