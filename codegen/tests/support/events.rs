//! A server on 127.0.0.1 that answers one request with an event stream: a 200 whose chunked
//! body carries `application/vnd.amazon.eventstream` frames, encoded by AWS's own
//! implementation (`aws-smithy-eventstream`), sent part by part.

use aws_smithy_eventstream::frame::write_message_to;
use aws_smithy_types::event_stream::{Header, HeaderValue, Message};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use super::Received;

/// What the server sends after the response's head: each part is a chunk of the body.
pub enum Part {
    Bytes(Vec<u8>),
    /// Sends nothing more until the test says so, to show an event is read before the rest
    /// of the body has come.
    WaitFor(oneshot::Receiver<()>),
    /// Closes the connection without ending the chunked body.
    Cut,
}

/// Answers one request with a 200 with `headers` (the event-stream `Content-Type` unless they
/// name another) and the chunked body `parts`; returns the server's URL and the request it
/// received.
pub async fn serve(headers: &[(&str, &str)], parts: Vec<Part>) -> (String, oneshot::Receiver<Received>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|err| panic!("bind: {err}"));
    let url = format!("http://{}", listener.local_addr().unwrap_or_else(|err| panic!("{err}")));
    let (seen, received) = oneshot::channel();
    let mut head = "HTTP/1.1 200 OK\r\nx-amzn-requestid: req-1\r\ntransfer-encoding: chunked\r\n".to_owned();
    if !headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("content-type")) {
        head.push_str("content-type: application/vnd.amazon.eventstream\r\n");
    }
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    tokio::spawn(async move {
        let Ok((mut socket, _)) = listener.accept().await else { return };
        let Some(request) = super::read_request(&mut socket).await else { return };
        let _ = seen.send(request);
        if socket.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        for part in parts {
            match part {
                Part::Bytes(bytes) => {
                    let chunk = [format!("{:x}\r\n", bytes.len()).into_bytes(), bytes, b"\r\n".to_vec()].concat();
                    if socket.write_all(&chunk).await.is_err() || socket.flush().await.is_err() {
                        return;
                    }
                }
                Part::WaitFor(signal) => {
                    let _ = signal.await;
                }
                Part::Cut => return,
            }
        }
        let _ = socket.write_all(b"0\r\n\r\n").await;
    });
    (url, received)
}

/// A frame with string headers.
pub fn frame(headers: &[(&str, &str)], payload: &[u8]) -> Vec<u8> {
    let headers =
        headers.iter().map(|(name, value)| (*name, HeaderValue::String(value.to_string().into()))).collect::<Vec<_>>();
    typed_frame(&headers, payload)
}

/// A frame with headers of any type.
pub fn typed_frame(headers: &[(&str, HeaderValue)], payload: &[u8]) -> Vec<u8> {
    let headers = headers.iter().map(|(name, value)| Header::new(name.to_string(), value.clone())).collect();
    let mut bytes = Vec::new();
    write_message_to(&Message::new_from_parts(headers, payload.to_vec()), &mut bytes)
        .unwrap_or_else(|err| panic!("{err}"));
    bytes
}

/// An event of `event_type` with a JSON payload.
pub fn event(event_type: &str, json: &str) -> Part {
    Part::Bytes(frame(
        &[(":message-type", "event"), (":event-type", event_type), (":content-type", "application/json")],
        json.as_bytes(),
    ))
}

/// The signature of one message of an input event stream, computed from the published algorithm
/// (Transcribe's "Setting up a streaming transcription"), apart from the client's signer:
/// HMAC-SHA256 with the SigV4 key of `secret`, the date of `amz_date` (`yyyymmddThhmmssZ`),
/// `region` and `service`, over the string to sign made of the previous signature, the SHA-256
/// of the encoded `:date` header and the SHA-256 of the payload (the encoded inner message).
pub fn event_signature(
    secret: &str,
    amz_date: &str,
    region: &str,
    service: &str,
    previous: &str,
    date_header: &[u8],
    payload: &[u8],
) -> String {
    use sha2::Digest;
    let day = &amz_date[..8];
    let string_to_sign = [
        "AWS4-HMAC-SHA256-PAYLOAD",
        amz_date,
        &format!("{day}/{region}/{service}/aws4_request"),
        previous,
        &super::hex(&sha2::Sha256::digest(date_header)),
        &super::hex(&sha2::Sha256::digest(payload)),
    ]
    .join("\n");
    let mut key = format!("AWS4{secret}").into_bytes();
    for part in [day, region, service, "aws4_request"] {
        key = super::hmac(&key, part);
    }
    super::hex(&super::hmac(&key, &string_to_sign))
}

/// The frames of a request body (the bytes of an input event stream), each decoded.
pub fn frames(mut body: &[u8]) -> Vec<Message> {
    let mut messages = Vec::new();
    while body.len() >= 4 {
        let length = u32::from_be_bytes([body[0], body[1], body[2], body[3]]) as usize;
        let frame = bytes::Bytes::copy_from_slice(body.get(..length).unwrap_or_else(|| panic!("a cut frame")));
        messages.push(aws_smithy_eventstream::frame::read_message_from(frame).unwrap_or_else(|err| panic!("{err}")));
        body = &body[length..];
    }
    assert!(body.is_empty(), "bytes after the last frame");
    messages
}

/// Checks the signed frames of an input event stream: each has `:date` and a `:chunk-signature`
/// chained from the one before (the request's signature `seed` first), computed with
/// [`event_signature`], and the last is empty. Returns the messages inside.
pub fn verify_signed_frames(body: &[u8], seed: &str, secret: &str, region: &str, service: &str) -> Vec<Message> {
    let signed = frames(body);
    let mut previous = seed.to_owned();
    let mut inner = Vec::new();
    for frame in &signed {
        let header = |name: &str| {
            frame.headers().iter().find(|header| header.name().as_str() == name).map(|header| header.value().clone())
        };
        let Some(HeaderValue::Timestamp(date)) = header(":date") else { panic!("a signed frame has :date") };
        let Some(HeaderValue::ByteArray(chunk)) = header(":chunk-signature") else {
            panic!("a signed frame has :chunk-signature")
        };
        let mut date_header = Vec::new();
        aws_smithy_eventstream::frame::write_headers_to(
            &[Header::new(":date", HeaderValue::Timestamp(date))],
            &mut date_header,
        )
        .unwrap_or_else(|err| panic!("{err}"));
        let amz_date = date
            .fmt(aws_smithy_types::date_time::Format::DateTime)
            .unwrap_or_else(|err| panic!("{err}"))
            .replace(['-', ':'], "");
        let expected = event_signature(secret, &amz_date, region, service, &previous, &date_header, frame.payload());
        let got: String = chunk.iter().map(|byte| format!("{byte:02x}")).collect();
        assert_eq!(got, expected, "each chunk signature chains from the one before");
        previous = got;
        if !frame.payload().is_empty() {
            inner.push(
                aws_smithy_eventstream::frame::read_message_from(frame.payload().clone())
                    .unwrap_or_else(|err| panic!("{err}")),
            );
        }
    }
    assert!(signed.last().is_some_and(|last| last.payload().is_empty()), "an empty signed frame ends the stream");
    inner
}

/// The value of the string header `name` of `message`.
pub fn text_header(message: &Message, name: &str) -> Option<String> {
    message
        .headers()
        .iter()
        .find(|header| header.name().as_str() == name)
        .and_then(|header| header.value().as_string().ok().map(|value| value.as_str().to_owned()))
}

/// Items of an iterator as a `futures_core::Stream`, each ready at once: an upload's chunks or
/// a stream of input events.
pub struct Iter<I>(pub I);

impl<I: Iterator + Unpin> futures_core::Stream for Iter<I> {
    type Item = I::Item;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        std::task::Poll::Ready(self.0.next())
    }
}
