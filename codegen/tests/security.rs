//! What input and servers cannot do to a client: header members cannot inject headers,
//! labels cannot change the path, TLS certificates are verified, and secrets stay out of
//! `Debug`, `Display` and errors. (What the client logs is checked in `client_tracing.rs`.)

#![allow(deprecated)] // DescribeDeploymentJob is deprecated in the model; calling it warns.

mod support;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use fixture_http_bindings::operation::put_thing::PutThingError;
use fixture_http_bindings::{Client, Config, Credentials, SdkError};
use support::{Reply, Server};

const SECRET: &str = "security-test-secret-key";
const TOKEN: &str = "security-test-session-token";

fn config(url: &str) -> Config {
    Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKIDSECURITY", SECRET, Some(TOKEN.to_owned())))
        .endpoint_url(url)
        .build()
}

/// `PutThing` with its labels set to `thing_id` and `key`, and header member `X-Trace-Id`.
async fn put_thing(
    server: &Server,
    thing_id: &str,
    key: &str,
    trace_id: &str,
    meta: HashMap<String, String>,
) -> Result<(), SdkError<PutThingError>> {
    Client::from_conf(config(&server.url))
        .put_thing()
        .thing_id(thing_id)
        .key(key)
        .trace_id(trace_id)
        .meta(meta)
        .secret("hunter2")
        .send()
        .await
        .map(drop)
}

#[tokio::test]
async fn header_members_cannot_inject_headers_and_nothing_is_sent() {
    let server = Server::start(vec![Reply::new(201, "{}")]).await;
    let cases = [
        ("a\r\nX-Injected: yes", HashMap::new(), "the value of header `x-trace-id` has a line break"),
        ("a\nb", HashMap::new(), "the value of header `x-trace-id` has a line break"),
        ("nul\0", HashMap::new(), "the value of header `x-trace-id` has a character HTTP headers cannot carry"),
        ("del\x7f", HashMap::new(), "the value of header `x-trace-id` has a character HTTP headers cannot carry"),
        (
            "ok",
            HashMap::from([("k".to_owned(), "v\r\nX-Injected: yes".to_owned())]),
            "header `x-meta-k` has a line break",
        ),
        (
            "ok",
            HashMap::from([("a\r\nX-Injected".to_owned(), "v".to_owned())]),
            r"`x-meta-a\r\nx-injected` is not a valid HTTP header name",
        ),
        ("ok", HashMap::from([("a b".to_owned(), "v".to_owned())]), "`x-meta-a b` is not a valid HTTP header name"),
    ];
    for (trace_id, meta, expected) in cases {
        let err =
            put_thing(&server, "t", "k", trace_id, meta).await.err().unwrap_or_else(|| panic!("{trace_id:?} was sent"));
        assert!(matches!(err, SdkError::Request { .. }), "{err:?}");
        let shown = err.to_string();
        assert!(shown.starts_with("PutThing failed: ") && shown.contains(expected), "{shown}");
        // The value may be a token: it is not shown.
        assert!(!shown.contains("X-Injected: yes") && !shown.contains("nul"), "{shown}");
    }
    assert_eq!(server.received().len(), 0, "nothing was sent");
    // Tabs and visible ASCII are fine.
    put_thing(&server, "t", "k", "a\tb ~!", HashMap::new()).await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(server.received()[0].headers["x-trace-id"], "a\tb ~!");
}

#[tokio::test]
async fn labels_cannot_change_the_path() {
    let server = Server::start(vec![Reply::new(201, "{}")]).await;
    let cases = [
        ("..", "../../admin", "/things/%2E%2E/files/%2E%2E/%2E%2E/admin"),
        (".", "./x/.", "/things/%2E/files/%2E/x/%2E"),
        ("a/b", "c/d", "/things/a%2Fb/files/c/d"),
        ("q?x=1#f", "k?y#z", "/things/q%3Fx%3D1%23f/files/k%3Fy%23z"),
        ("%2F..", "%2E%2E", "/things/%252F../files/%252E%252E"),
    ];
    for (thing_id, key, path) in cases {
        put_thing(&server, thing_id, key, "t", HashMap::new()).await.unwrap_or_else(|err| panic!("{err}"));
        let received = server.received();
        let sent = received.last().map(|request| request.path.as_str()).unwrap_or_default();
        assert_eq!(sent, format!("{path}?fixed=1"), "labels {thing_id:?} and {key:?}");
        // And the signature, computed on the path the server sees, checks out.
        let request = received.last().unwrap_or_else(|| unreachable!("one was received"));
        assert_eq!(
            support::parse_authorization(&request.headers["authorization"]).signature,
            support::expected_signature(request, SECRET)
        );
    }
    // An empty label would make `//`: it is a validation error, and nothing is sent.
    let sent = server.received().len();
    for (thing_id, key) in [("", "k"), ("t", "")] {
        let err = put_thing(&server, thing_id, key, "t", HashMap::new()).await.err().unwrap_or_else(|| panic!("sent"));
        assert!(matches!(err, SdkError::Validation { .. }), "{err:?}");
        assert!(err.to_string().contains("length"), "{err}");
    }
    assert_eq!(server.received().len(), sent);
}

/// A TLS server on 127.0.0.1 with a certificate for `127.0.0.1` signed by nobody: its
/// URL and certificate (DER), and how many requests it answered.
async fn self_signed_server() -> (String, Vec<u8>, Arc<AtomicUsize>) {
    use tokio::io::AsyncWriteExt;
    use tokio_rustls::rustls;

    let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()])
        .unwrap_or_else(|err| panic!("certificate: {err}"));
    let der = certified.cert.der().to_vec();
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(certified.signing_key.serialize_der().into());
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|builder| builder.with_no_client_auth().with_single_cert(vec![der.clone().into()], key))
        .unwrap_or_else(|err| panic!("server config: {err}"));
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(tls));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|err| panic!("bind: {err}"));
    let url = format!("https://{}", listener.local_addr().unwrap_or_else(|err| panic!("{err}")));
    let answered = Arc::new(AtomicUsize::new(0));
    let count = answered.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let count = count.clone();
            tokio::spawn(async move {
                // A client that refuses the certificate ends the handshake here.
                let Ok(mut stream) = acceptor.accept(socket).await else { return };
                while support::read_request(&mut stream).await.is_some() {
                    count.fetch_add(1, Ordering::SeqCst);
                    let _ = stream.write_all(b"HTTP/1.1 201 Created\r\ncontent-length: 2\r\n\r\n{}").await;
                }
            });
        }
    });
    (url, der, answered)
}

#[tokio::test]
async fn tls_certificates_are_verified_unless_their_root_is_added() {
    let (url, der, answered) = self_signed_server().await;
    let call = |config: Config| async move {
        Client::from_conf(config).put_thing().thing_id("t").key("k").send().await.map(drop)
    };

    let err = call(config(&url)).await.err().unwrap_or_else(|| panic!("a self-signed certificate was accepted"));
    assert!(matches!(err, SdkError::Transport { .. }), "{err:?}");
    let shown = err.to_string();
    assert!(
        shown.contains("could not connect") && shown.contains("invalid peer certificate: UnknownIssuer"),
        "{shown}"
    );
    assert_eq!(answered.load(Ordering::SeqCst), 0, "no request went through");

    let trusting = fixture_http_bindings::http::HyperClient::builder()
        .add_root_certificate(der.clone())
        .build()
        .unwrap_or_else(|err| panic!("{err}"));
    let trusted = config(&url).to_builder().http_client(trusting).build();
    call(trusted).await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(answered.load(Ordering::SeqCst), 1);

    // Trusting the root does not stop the name check: the certificate is for 127.0.0.1 only.
    let by_name = url.replace("127.0.0.1", "localhost");
    let trusting = fixture_http_bindings::http::HyperClient::builder()
        .add_root_certificate(der)
        .build()
        .unwrap_or_else(|err| panic!("{err}"));
    let err = call(config(&by_name).to_builder().http_client(trusting).build()).await.err();
    let shown = err.map(|err| err.to_string()).unwrap_or_else(|| panic!("a certificate for another name was accepted"));
    assert!(shown.contains("invalid peer certificate: certificate not valid for name \"localhost\""), "{shown}");

    let err =
        fixture_http_bindings::http::HyperClient::builder().add_root_certificate(b"not a certificate".to_vec()).build();
    assert!(err.is_err(), "a root that is not a certificate is refused");
}

/// Every type that holds a secret keeps it out of `Debug` and `Display`.
#[tokio::test]
async fn secrets_stay_out_of_debug_display_and_errors() {
    let server =
        Server::start(vec![Reply::new(403, r#"{"message":"The security token included in the request is invalid"}"#)])
            .await;
    let credentials = Credentials::new("AKIDSECURITY", SECRET, Some(TOKEN.to_owned()));
    let builder = Config::builder().region("us-east-1").credentials(credentials.clone()).endpoint_url(&server.url);
    let config = builder.clone().build();
    let client = Client::from_conf(config.clone());
    let input =
        fixture_http_bindings::operation::put_thing::PutThingInput::builder().thing_id("t").key("k").secret("hunter2");
    let err = client.put_thing().thing_id("t").key("k").secret("hunter2").send().await.err();
    let err = err.unwrap_or_else(|| panic!("expected the 403"));
    let shown = [
        format!("{credentials:?}"),
        format!("{builder:?}"),
        format!("{config:?}"),
        format!("{client:?}"),
        format!("{input:?}"),
        format!("{:?}", input.clone().build()),
        format!("{err:?}"),
        err.to_string(),
    ];
    for text in &shown {
        for secret in [SECRET, TOKEN, "hunter2"] {
            assert!(!text.contains(secret), "{secret} shown in {text}");
        }
    }
    assert!(shown[0].contains("AKIDSECURITY"), "{}", shown[0]);
    assert!(shown[4].contains("secret: \"*** Sensitive Data Redacted ***\""), "{}", shown[4]);
}
