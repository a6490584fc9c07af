//! A chat with a Bedrock model, its answer written as it arrives: `ConverseStream`'s text deltas,
//! then the token counts. `src/main.rs` is the command; the loopback test calls [`chat`].

use bedrockruntime::error::SdkError;
use bedrockruntime::operation::converse_stream::ConverseStreamError;
use bedrockruntime::types::{ContentBlock, ContentBlockDelta, ConversationRole, ConverseStreamOutput, Message};
use bedrockruntime::Client;
use tokio::io::{AsyncWrite, AsyncWriteExt};

/// How the chat ended, when it did not end well.
#[derive(Debug)]
pub enum ChatError {
    /// The call or the stream failed.
    Service(SdkError<ConverseStreamError>),
    /// The answer could not be written out.
    Write(std::io::Error),
}

impl std::fmt::Display for ChatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChatError::Service(err) => write!(f, "{err}"),
            ChatError::Write(err) => write!(f, "could not write the answer: {err}"),
        }
    }
}

impl std::error::Error for ChatError {}

/// Asks `model` the `prompt` and writes the answer to `out` as its pieces arrive, each one
/// flushed, then a line with the token counts when the service sends them.
pub async fn chat(
    client: &Client,
    model: &str,
    prompt: &str,
    out: &mut (impl AsyncWrite + Unpin),
) -> Result<(), ChatError> {
    let message = Message::builder()
        .role(ConversationRole::User)
        .content(vec![ContentBlock::Text(prompt.to_owned())])
        .build()
        .map_err(|err| ChatError::Service(SdkError::Build { operation: "ConverseStream", source: err }))?;
    let mut output =
        client.converse_stream().model_id(model).messages(vec![message]).send().await.map_err(ChatError::Service)?;
    while let Some(event) = output.stream.recv().await.map_err(ChatError::Service)? {
        match event {
            ConverseStreamOutput::ContentBlockDelta(delta) => {
                if let ContentBlockDelta::Text(text) = delta.delta() {
                    out.write_all(text.as_bytes()).await.map_err(ChatError::Write)?;
                    out.flush().await.map_err(ChatError::Write)?;
                }
            }
            ConverseStreamOutput::MessageStop(_) => out.write_all(b"\n").await.map_err(ChatError::Write)?,
            ConverseStreamOutput::Metadata(metadata) => {
                let usage = metadata.usage();
                let line = format!(
                    "[{} tokens in, {} out, {} ms]\n",
                    usage.input_tokens(),
                    usage.output_tokens(),
                    metadata.metrics().latency_ms()
                );
                out.write_all(line.as_bytes()).await.map_err(ChatError::Write)?;
            }
            // Starts and stops of messages and blocks, and events this crate does not know.
            _ => {}
        }
    }
    out.flush().await.map_err(ChatError::Write)
}
