//! A scripted HTTP/1.1 server on 127.0.0.1 for client tests, and a SigV4 verifier written
//! independently of the crate's signer (from the published algorithm, with `hmac` and `sha2`).

#![allow(dead_code)] // Each test binary uses part of the support code.

pub mod events;
pub mod raw;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A request as the server received it; header names are lower case.
#[derive(Debug, Clone)]
pub struct Received {
    pub method: String,
    pub path: String,
    pub headers: BTreeMap<String, String>,
    pub body: Vec<u8>,
}

/// One scripted answer.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub delay: Duration,
}

impl Reply {
    pub fn new(status: u16, body: &str) -> Self {
        Self { status, headers: Vec::new(), body: body.to_owned(), delay: Duration::ZERO }
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn delayed(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

/// Answers the scripted replies in order (the last one repeats), recording every request. The
/// server stops when dropped.
pub struct Server {
    pub url: String,
    received: Arc<Mutex<Vec<Received>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Server {
    pub async fn start(replies: Vec<Reply>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|err| panic!("bind: {err}"));
        let url = format!("http://{}", listener.local_addr().unwrap_or_else(|err| panic!("{err}")));
        let received = Arc::new(Mutex::new(Vec::new()));
        let log = received.clone();
        let task = tokio::spawn(async move {
            let mut index = 0;
            while let Ok((mut socket, _)) = listener.accept().await {
                let reply = replies.get(index).or(replies.last()).cloned().unwrap_or_else(|| Reply::new(200, "{}"));
                index += 1;
                let log = log.clone();
                tokio::spawn(async move {
                    // One request per connection keeps the script simple; the client reconnects.
                    let Some(request) = read_request(&mut socket).await else { return };
                    log.lock().unwrap_or_else(|err| err.into_inner()).push(request);
                    tokio::time::sleep(reply.delay).await;
                    let mut head = format!(
                        "HTTP/1.1 {} Test\r\ncontent-length: {}\r\nconnection: close\r\n",
                        reply.status,
                        reply.body.len()
                    );
                    for (name, value) in &reply.headers {
                        head.push_str(&format!("{name}: {value}\r\n"));
                    }
                    head.push_str("\r\n");
                    let _ = socket.write_all(head.as_bytes()).await;
                    let _ = socket.write_all(reply.body.as_bytes()).await;
                    let _ = socket.shutdown().await;
                });
            }
        });
        Self { url, received, task }
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap_or_else(|err| err.into_inner()).clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

pub async fn read_request(socket: &mut (impl tokio::io::AsyncRead + Unpin)) -> Option<Received> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let read = socket.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
        if let Some(end) = buffer.windows(4).position(|window| window == b"\r\n\r\n") {
            break end;
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let (method, path) = (request_line.next()?.to_owned(), request_line.next()?.to_owned());
    let headers: BTreeMap<String, String> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    let length: usize = headers.get("content-length").and_then(|value| value.parse().ok()).unwrap_or(0);
    let mut body = buffer[head_end + 4..].to_vec();
    if headers.get("transfer-encoding").is_some_and(|value| value.eq_ignore_ascii_case("chunked")) {
        // Chunks until the empty one; trailers are not used by clients here.
        while !body.windows(5).any(|window| window == b"0\r\n\r\n") {
            let read = socket.read(&mut chunk).await.ok()?;
            if read == 0 {
                return None;
            }
            body.extend_from_slice(&chunk[..read]);
        }
        return Some(Received { method, path, headers, body: dechunk(&body)? });
    }
    while body.len() < length {
        let read = socket.read(&mut chunk).await.ok()?;
        if read == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..read]);
    }
    Some(Received { method, path, headers, body })
}

/// The data of a chunked body, which ends with its last (empty) chunk.
fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut data = Vec::new();
    loop {
        let line_end = raw.windows(2).position(|window| window == b"\r\n")?;
        let size_text = std::str::from_utf8(&raw[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        raw = &raw[line_end + 2..];
        if size == 0 {
            return Some(data);
        }
        data.extend_from_slice(raw.get(..size)?);
        raw = raw.get(size + 2..)?;
    }
}

/// RFC 3986 encoding of everything but unreserved characters, as SigV4 specifies.
fn uri_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| {
            if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
                char::from(byte).to_string()
            } else {
                format!("%{byte:02X}")
            }
        })
        .collect()
}

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap_or_else(|err| panic!("{err}"));
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The parts of an `Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...` header.
#[derive(Debug, PartialEq, Eq)]
pub struct Authorization {
    pub access_key: String,
    pub scope: String,
    pub signed_headers: Vec<String>,
    pub signature: String,
}

pub fn parse_authorization(header: &str) -> Authorization {
    let rest = header.strip_prefix("AWS4-HMAC-SHA256 ").unwrap_or_else(|| panic!("not SigV4: {header}"));
    let mut fields = BTreeMap::new();
    for part in rest.split(", ") {
        let (key, value) = part.split_once('=').unwrap_or_else(|| panic!("bad part {part}"));
        fields.insert(key, value);
    }
    let credential = fields["Credential"];
    let (access_key, scope) = credential.split_once('/').unwrap_or_else(|| panic!("bad credential {credential}"));
    Authorization {
        access_key: access_key.to_owned(),
        scope: scope.to_owned(),
        signed_headers: fields["SignedHeaders"].split(';').map(str::to_owned).collect(),
        signature: fields["Signature"].to_owned(),
    }
}

/// Recomputes the signature the way the service does, from the request as received, the
/// declared `SignedHeaders` and the secret key, and returns it.
pub fn expected_signature(request: &Received, secret: &str) -> String {
    let authorization = parse_authorization(&request.headers["authorization"]);
    let (path, query) = request.path.split_once('?').unwrap_or((&request.path, ""));
    // Services other than S3 encode the (already encoded) path once more, and sort the query.
    let path: String = path.split('/').map(uri_encode).collect::<Vec<_>>().join("/");
    let mut pairs: Vec<&str> = query.split('&').filter(|pair| !pair.is_empty()).collect();
    pairs.sort_unstable();
    let query = pairs
        .iter()
        .map(|pair| if pair.contains('=') { (*pair).to_owned() } else { format!("{pair}=") })
        .collect::<Vec<_>>()
        .join("&");
    let canonical_headers: String = authorization
        .signed_headers
        .iter()
        .map(|name| format!("{name}:{}\n", request.headers.get(name).map_or("", |value| value.trim())))
        .collect();
    // The payload's hash, unless the request says what stands for it (`UNSIGNED-PAYLOAD`).
    let payload = match request.headers.get("x-amz-content-sha256") {
        Some(given) => given.clone(),
        None => hex(&Sha256::digest(&request.body)),
    };
    let canonical_request =
        [request.method.as_str(), &path, &query, &canonical_headers, &authorization.signed_headers.join(";"), &payload]
            .join("\n");
    let amz_date = &request.headers["x-amz-date"];
    let string_to_sign =
        ["AWS4-HMAC-SHA256", amz_date, &authorization.scope, &hex(&Sha256::digest(canonical_request.as_bytes()))]
            .join("\n");
    let mut key = format!("AWS4{secret}").into_bytes();
    let scope_parts: Vec<&str> = authorization.scope.split('/').collect();
    for part in &scope_parts {
        key = hmac(&key, part);
    }
    hex(&hmac(&key, &string_to_sign))
}
