//! Chats with a Bedrock model, printing the answer as it arrives.
//!
//! ```text
//! cargo run --manifest-path examples/bedrock-chat/Cargo.toml -- \
//!     [--endpoint-url URL] [--region REGION] [--model MODEL_ID] PROMPT
//! ```
//!
//! Region and credentials come from the standard AWS environment (`AWS_REGION`,
//! `AWS_ACCESS_KEY_ID`, `AWS_PROFILE`, ...); the flags override them. The model defaults to
//! Amazon Nova Micro.

use std::process::ExitCode;

use bedrockruntime::{Client, Config};

const USAGE: &str = "usage: bedrock-chat [--endpoint-url URL] [--region REGION] [--model MODEL_ID] PROMPT";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut config = Config::from_env().map_err(|err| err.to_string())?.to_builder();
    let mut model = "amazon.nova-micro-v1:0".to_owned();
    let mut prompt = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--endpoint-url" => config = config.endpoint_url(args.next().ok_or(USAGE)?),
            "--region" => config = config.region(args.next().ok_or(USAGE)?),
            "--model" => model = args.next().ok_or(USAGE)?,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other if other.starts_with('-') => return Err(format!("unknown flag `{other}`\n{USAGE}")),
            other => prompt.push(other.to_owned()),
        }
    }
    if prompt.is_empty() {
        return Err(USAGE.to_owned());
    }
    let client = Client::from_conf(config.build());
    bedrock_chat::chat(&client, &model, &prompt.join(" "), &mut tokio::io::stdout())
        .await
        .map_err(|err| err.to_string())
}
