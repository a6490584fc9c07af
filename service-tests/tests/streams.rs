//! Output streams of crates generated from the official models, against a server on 127.0.0.1
//! that sends a chunked body: event streams (`application/vnd.amazon.eventstream` frames) of
//! Bedrock Runtime's `ConverseStream` (restJson1) and Kinesis's `SubscribeToShard` (awsJson1_1,
//! with an `initial-response`), and Polly's `SynthesizeSpeech` audio streamed into a file.

#[path = "../../codegen/tests/support/mod.rs"]
mod support;

use tokio::sync::oneshot;

use support::events::{event, frame, serve, Part};

fn bedrock(url: &str) -> bedrockruntime::Client {
    let config = bedrockruntime::Config::builder()
        .region("us-east-1")
        .credentials(bedrockruntime::Credentials::new("AKIDTEST", "secret", None))
        .endpoint_url(url)
        .build();
    bedrockruntime::Client::new(&config)
}

async fn converse(url: &str) -> bedrockruntime::operation::converse_stream::ConverseStreamOutput {
    use bedrockruntime::types::{ContentBlock, ConversationRole, Message};
    let message = Message::builder()
        .role(ConversationRole::User)
        .content(vec![ContentBlock::Text("Hello?".to_owned())])
        .build()
        .unwrap_or_else(|err| panic!("{err}"));
    bedrock(url)
        .converse_stream()
        .model_id("anthropic.claude-v2")
        .messages(vec![message])
        .send()
        .await
        .unwrap_or_else(|err| panic!("{err}"))
}

#[tokio::test]
async fn converse_stream_events_arrive_as_they_are_sent() {
    use bedrockruntime::types::{ContentBlockDelta, ConversationRole, ConverseStreamOutput as Event, StopReason};
    let (go_on, wait) = oneshot::channel();
    let (url, request) = serve(
        &[],
        vec![
            event("messageStart", r#"{"role":"assistant"}"#),
            event("contentBlockDelta", r#"{"contentBlockIndex":0,"delta":{"text":"Hel"}}"#),
            Part::WaitFor(wait),
            event("contentBlockDelta", r#"{"contentBlockIndex":0,"delta":{"text":"lo"}}"#),
            event("contentBlockStop", r#"{"contentBlockIndex":0}"#),
            event("aNewEventType", r#"{"x":1}"#),
            event("messageStop", r#"{"stopReason":"end_turn"}"#),
            event(
                "metadata",
                r#"{"usage":{"inputTokens":3,"outputTokens":2,"totalTokens":5},"metrics":{"latencyMs":42}}"#,
            ),
        ],
    )
    .await;
    // A client that waited for the whole body would wait for ever: the server holds the rest
    // back until the first delta has been read.
    let limit = std::time::Duration::from_secs(10);
    let mut output = tokio::time::timeout(limit, converse(&url)).await.unwrap_or_else(|_| panic!("no response head"));
    let request = request.await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/model/anthropic.claude-v2/converse-stream");
    assert!(request.headers["authorization"].starts_with("AWS4-HMAC-SHA256 "));

    let mut next = async || output.stream.recv().await.unwrap_or_else(|err| panic!("{err}"));
    assert!(matches!(next().await, Some(Event::MessageStart(start)) if start.role == ConversationRole::Assistant));
    let first = tokio::time::timeout(limit, next()).await.unwrap_or_else(|_| panic!("the first delta did not come"));
    let Some(Event::ContentBlockDelta(delta)) = first else { panic!("a delta") };
    assert_eq!(delta.delta, ContentBlockDelta::Text("Hel".to_owned()));
    // The first delta came while the server still held the rest back.
    let _ = go_on.send(());
    let Some(Event::ContentBlockDelta(delta)) = next().await else { panic!("a delta") };
    assert_eq!(delta.delta, ContentBlockDelta::Text("lo".to_owned()));
    assert!(matches!(next().await, Some(Event::ContentBlockStop(stop)) if stop.content_block_index == 0));
    assert!(matches!(next().await, Some(Event::Unknown)), "an event type the model does not know");
    assert!(matches!(next().await, Some(Event::MessageStop(stop)) if stop.stop_reason == StopReason::EndTurn));
    let Some(Event::Metadata(metadata)) = next().await else { panic!("metadata") };
    assert_eq!((metadata.usage.total_tokens, metadata.metrics.latency_ms), (5, 42));
    assert!(next().await.is_none());
    assert!(next().await.is_none(), "an ended stream stays ended");
}

#[tokio::test]
async fn converse_stream_modeled_exception_mid_stream_is_the_operations_error() {
    use bedrockruntime::error::SdkError;
    use bedrockruntime::operation::converse_stream::ConverseStreamError;
    let (url, _request) = serve(
        &[],
        vec![
            event("messageStart", r#"{"role":"assistant"}"#),
            Part::Bytes(frame(
                &[(":message-type", "exception"), (":exception-type", "modelStreamErrorException")],
                br#"{"message":"the model stopped","originalStatusCode":500}"#,
            )),
            event("messageStop", r#"{"stopReason":"end_turn"}"#),
        ],
    )
    .await;
    let mut output = converse(&url).await;
    assert!(output.stream.recv().await.is_ok_and(|event| event.is_some()));
    let error = output.stream.recv().await.err().unwrap_or_else(|| panic!("the exception"));
    assert!(error.to_string().contains("the model stopped"), "{error}");
    let SdkError::Service { error: ConverseStreamError::ModelStreamErrorException(exception), request_id, .. } = error
    else {
        panic!("the modeled error, not {error:?}")
    };
    assert_eq!(exception.message.as_deref(), Some("the model stopped"));
    assert_eq!(exception.original_status_code, Some(500));
    assert_eq!(request_id.as_deref(), Some("req-1"));
    assert!(output.stream.recv().await.is_ok_and(|event| event.is_none()), "an exception ends the stream");
}

#[tokio::test]
async fn converse_stream_error_messages_and_unknown_exceptions_are_unhandled_with_their_code() {
    use bedrockruntime::error::SdkError;
    let (url, _request) = serve(
        &[],
        vec![Part::Bytes(frame(
            &[(":message-type", "error"), (":error-code", "InternalFailure"), (":error-message", "try again")],
            b"",
        ))],
    )
    .await;
    let mut output = converse(&url).await;
    let error = output.stream.recv().await.err().unwrap_or_else(|| panic!("the error"));
    let SdkError::Service { error, .. } = &error else { panic!("a service error, not {error:?}") };
    assert_eq!((error.code(), error.message()), (Some("InternalFailure"), Some("try again")));

    let (url, _request) = serve(
        &[],
        vec![Part::Bytes(frame(
            &[(":message-type", "exception"), (":exception-type", "brandNewException")],
            br#"{"message":"new"}"#,
        ))],
    )
    .await;
    let mut output = converse(&url).await;
    let error = output.stream.recv().await.err().unwrap_or_else(|| panic!("the error"));
    let SdkError::Service { error, .. } = &error else { panic!("a service error, not {error:?}") };
    assert!(
        matches!(error, bedrockruntime::operation::converse_stream::ConverseStreamError::Unhandled(_)),
        "{error:?}"
    );
    assert_eq!((error.code(), error.message()), (Some("brandNewException"), Some("new")));
}

#[tokio::test]
async fn corrupt_and_truncated_frames_are_errors_that_end_the_stream() {
    use bedrockruntime::error::SdkError;
    let mut corrupt = frame(&[(":message-type", "event"), (":event-type", "messageStart")], br#"{"role":"user"}"#);
    let last = corrupt.len() - 6;
    corrupt[last] ^= 0x20;
    let (url, _request) = serve(&[], vec![Part::Bytes(corrupt)]).await;
    let mut output = converse(&url).await;
    let error = output.stream.recv().await.err().unwrap_or_else(|| panic!("a checksum error"));
    assert!(matches!(error, SdkError::Response { .. }), "{error:?}");
    assert!(error.to_string().contains("checksum"), "{error}");
    assert!(output.stream.recv().await.is_ok_and(|event| event.is_none()));

    let whole = frame(&[(":message-type", "event"), (":event-type", "messageStart")], br#"{"role":"user"}"#);
    let (url, _request) = serve(&[], vec![Part::Bytes(whole[..whole.len() - 3].to_vec()), Part::Cut]).await;
    let mut output = converse(&url).await;
    let error = output.stream.recv().await.err().unwrap_or_else(|| panic!("a truncation error"));
    assert!(matches!(error, SdkError::Response { .. } | SdkError::Transport { .. }), "{error:?}");
}

/// awsJson: the output's members would come in an `initial-response` message, which is not
/// an event.
#[tokio::test]
async fn subscribe_to_shard_skips_the_initial_response() {
    use kinesis::types::SubscribeToShardEventStream as Event;
    let (url, request) = serve(&[], vec![
        event("initial-response", "{}"),
        event(
            "SubscribeToShardEvent",
            r#"{"Records":[{"SequenceNumber":"1","Data":"aGk=","PartitionKey":"p"}],"ContinuationSequenceNumber":"1","MillisBehindLatest":0}"#,
        ),
    ])
    .await;
    let config = kinesis::Config::builder()
        .region("us-east-1")
        .credentials(kinesis::Credentials::new("AKIDTEST", "secret", None))
        .endpoint_url(&url)
        .build();
    let mut output = kinesis::Client::new(&config)
        .subscribe_to_shard()
        .consumer_arn("arn:aws:kinesis:us-east-1:123456789012:stream/s/consumer/c:1")
        .shard_id("shardId-000000000000")
        .starting_position(
            kinesis::types::StartingPosition::builder()
                .r#type(kinesis::types::ShardIteratorType::Latest)
                .build()
                .unwrap_or_else(|err| panic!("{err}")),
        )
        .send()
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    let request = request.await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(request.headers["x-amz-target"], "Kinesis_20131202.SubscribeToShard");
    let Some(Event::SubscribeToShardEvent(shard)) =
        output.event_stream.recv().await.unwrap_or_else(|err| panic!("{err}"))
    else {
        panic!("the records")
    };
    assert_eq!(shard.records[0].data.as_ref(), b"hi");
    assert!(output.event_stream.recv().await.is_ok_and(|event| event.is_none()));
}

#[tokio::test]
async fn synthesize_speech_streams_the_audio_into_a_file() {
    let audio: Vec<u8> = (0..=255u8).cycle().take(300_000).collect();
    let parts = audio.chunks(65_536).map(|chunk| Part::Bytes(chunk.to_vec())).collect();
    let (url, request) = serve(&[("content-type", "audio/mpeg"), ("x-amzn-RequestCharacters", "11")], parts).await;
    let config = polly::Config::builder()
        .region("us-east-1")
        .credentials(polly::Credentials::new("AKIDTEST", "secret", None))
        .endpoint_url(&url)
        .build();
    let output = polly::Client::new(&config)
        .synthesize_speech()
        .text("Hello world")
        .voice_id(polly::types::VoiceId::Joanna)
        .output_format(polly::types::OutputFormat::Mp3)
        .send()
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    let request = request.await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!((request.method.as_str(), request.path.as_str()), ("POST", "/v1/speech"));
    assert_eq!((output.content_type.as_deref(), output.request_characters), (Some("audio/mpeg"), 11));
    let path = std::env::temp_dir().join(format!("polly-{}.mp3", std::process::id()));
    let mut file = tokio::fs::File::create(&path).await.unwrap_or_else(|err| panic!("{err}"));
    let copied = tokio::io::copy(&mut output.audio_stream.into_async_read(), &mut file)
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    drop(file);
    let written = std::fs::read(&path).unwrap_or_else(|err| panic!("{err}"));
    let _ = std::fs::remove_file(&path);
    assert_eq!(copied, 300_000);
    assert!(written == audio, "the file holds the audio sent");
}

/// Transcribe Streaming: audio events go up an HTTP/2 stream (h2c on 127.0.0.1, as the service
/// requires HTTP/2), each signed after the one before, and the transcript events come back.
#[tokio::test]
async fn start_stream_transcription_signs_each_audio_event_over_http2() {
    use transcribestreaming::types::{AudioEvent, AudioStream, LanguageCode, MediaEncoding, TranscriptResultStream};

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|err| panic!("bind: {err}"));
    let url = format!("http://{}", listener.local_addr().unwrap_or_else(|err| panic!("{err}")));
    let (seen, request) = oneshot::channel::<(http::request::Parts, Vec<u8>)>();
    tokio::spawn(async move {
        let Ok((socket, _)) = listener.accept().await else { return };
        // Prior knowledge: the connection is HTTP/2 from its first byte, or the handshake fails.
        let Ok(mut connection) = h2::server::handshake(socket).await else { return };
        let Some(Ok((request, mut respond))) = connection.accept().await else { return };
        tokio::spawn(async move { while connection.accept().await.is_some() {} });
        let (parts, mut body) = request.into_parts();
        let mut received = Vec::new();
        while let Some(Ok(chunk)) = body.data().await {
            let _ = body.flow_control().release_capacity(chunk.len());
            received.extend_from_slice(&chunk);
        }
        let _ = seen.send((parts, received));
        let response = http::Response::builder()
            .status(200)
            .header("content-type", "application/vnd.amazon.eventstream")
            .header("x-amzn-request-id", "req-h2")
            .header("x-amzn-transcribe-language-code", "en-US")
            .body(())
            .unwrap_or_else(|err| panic!("{err}"));
        let Ok(mut stream) = respond.send_response(response, false) else { return };
        let transcript = r#"{"Transcript":{"Results":[{"ResultId":"r1","StartTime":0.0,"EndTime":1.5,"IsPartial":false,"Alternatives":[{"Transcript":"hello world"}]}]}}"#;
        let frame = frame(
            &[(":message-type", "event"), (":event-type", "TranscriptEvent"), (":content-type", "application/json")],
            transcript.as_bytes(),
        );
        let _ = stream.send_data(frame.into(), true);
    });

    let config = transcribestreaming::Config::builder()
        .region("us-west-2")
        .credentials(transcribestreaming::Credentials::new("AKIDTEST", "h2-secret", None))
        .endpoint_url(&url)
        .build();
    let audio = [vec![0u8; 3200], vec![1u8; 3200]].into_iter().map(|chunk| {
        AudioStream::AudioEvent(
            AudioEvent::builder().audio_chunk(transcribestreaming::primitives::Blob::new(chunk)).build(),
        )
    });
    let mut output = transcribestreaming::Client::new(&config)
        .start_stream_transcription()
        .language_code(LanguageCode::EnUs)
        .media_sample_rate_hertz(16_000)
        .media_encoding(MediaEncoding::Pcm)
        .audio_stream(support::events::Iter(audio))
        .send()
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    let Some(TranscriptResultStream::TranscriptEvent(event)) =
        output.transcript_result_stream.recv().await.unwrap_or_else(|err| panic!("{err}"))
    else {
        panic!("a transcript")
    };
    let results = event.transcript.and_then(|transcript| transcript.results).unwrap_or_default();
    assert_eq!(results[0].alternatives.as_ref().and_then(|all| all[0].transcript.as_deref()), Some("hello world"));
    assert!(output.transcript_result_stream.recv().await.is_ok_and(|event| event.is_none()));

    let (parts, body) = request.await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(parts.version, http::Version::HTTP_2);
    assert_eq!((parts.method.as_str(), parts.uri.path()), ("POST", "/stream-transcription"));
    let header =
        |name: &str| parts.headers.get(name).and_then(|value| value.to_str().ok()).unwrap_or_default().to_owned();
    assert_eq!(header("x-amzn-transcribe-language-code"), "en-US");
    assert_eq!(header("x-amzn-transcribe-sample-rate"), "16000");
    assert_eq!(header("content-type"), "application/vnd.amazon.eventstream");
    assert_eq!(header("x-amz-content-sha256"), "STREAMING-AWS4-HMAC-SHA256-EVENTS");
    let authorization = support::parse_authorization(&header("authorization"));
    assert!(authorization.scope.ends_with("/us-west-2/transcribe/aws4_request"), "{}", authorization.scope);
    let audio_events =
        support::events::verify_signed_frames(&body, &authorization.signature, "h2-secret", "us-west-2", "transcribe");
    assert_eq!(audio_events.len(), 2);
    for (event, byte) in audio_events.iter().zip([0u8, 1]) {
        assert_eq!(support::events::text_header(event, ":event-type").as_deref(), Some("AudioEvent"));
        assert_eq!(support::events::text_header(event, ":content-type").as_deref(), Some("application/octet-stream"));
        assert!(event.payload().len() == 3200 && event.payload().iter().all(|b| *b == byte));
    }
}
