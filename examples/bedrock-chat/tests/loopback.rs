//! The chat against a server on 127.0.0.1 that answers as Bedrock does: a `ConverseStream`
//! response whose events come one by one.

#[path = "../../../codegen/tests/support/mod.rs"]
mod support;

use bedrockruntime::{Client, Config, Credentials};
use support::events::{event, serve};

#[tokio::test]
async fn the_answer_is_written_as_it_arrives_then_the_token_counts() {
    let (url, request) = serve(
        &[],
        vec![
            event("messageStart", r#"{"role":"assistant"}"#),
            event("contentBlockDelta", r#"{"contentBlockIndex":0,"delta":{"text":"Hello"}}"#),
            event("contentBlockDelta", r#"{"contentBlockIndex":0,"delta":{"text":", world"}}"#),
            event("contentBlockStop", r#"{"contentBlockIndex":0}"#),
            event("messageStop", r#"{"stopReason":"end_turn"}"#),
            event(
                "metadata",
                r#"{"usage":{"inputTokens":4,"outputTokens":3,"totalTokens":7},"metrics":{"latencyMs":21}}"#,
            ),
        ],
    )
    .await;
    let config = Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKIDTEST", "secret", None))
        .endpoint_url(&url)
        .build();
    let mut out = Vec::new();
    bedrock_chat::chat(&Client::from_conf(config), "amazon.nova-micro-v1:0", "Say hello", &mut out)
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(String::from_utf8_lossy(&out), "Hello, world\n[4 tokens in, 3 out, 21 ms]\n");
    let request = request.await.unwrap_or_else(|err| panic!("{err}"));
    // A label's `:` is percent-encoded, as every AWS SDK sends it.
    assert_eq!(request.path, "/model/amazon.nova-micro-v1%3A0/converse-stream");
    let body = String::from_utf8_lossy(&request.body);
    assert!(body.contains(r#""text":"Say hello""#), "{body}");
}
