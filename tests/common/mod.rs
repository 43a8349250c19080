//! An in-process client for the language server: framed JSON-RPC over in-memory pipes to
//! `career_lsp::lsp::serve`. Requests the server sends (`client/registerCapability`, …)
//! are answered with `null` and kept for inspection. Every wait is bounded, so a server
//! that hangs fails the test instead of hanging it.

#![allow(dead_code)] // each test file uses a different part of the harness

use std::collections::VecDeque;
use std::path::Path;
use std::time::Duration;

pub mod stdio;

use career_lsp::lsp::{serve, SessionEnd};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// The longest any single wait may take.
pub const TIMEOUT: Duration = Duration::from_secs(10);

pub struct TestClient {
    to_server: mpsc::UnboundedSender<Vec<u8>>,
    from_server: mpsc::UnboundedReceiver<Value>,
    /// Messages received but not yet asked for, oldest first.
    backlog: VecDeque<Value>,
    next_id: i64,
    server: JoinHandle<SessionEnd>,
}

impl TestClient {
    /// Starts a server session (nothing sent yet).
    pub fn start() -> TestClient {
        let (client_end, server_end) = tokio::io::duplex(64 * 1024);
        let (server_read, server_write) = tokio::io::split(server_end);
        let server = tokio::spawn(serve(server_read, server_write));
        let (client_read, client_write) = tokio::io::split(client_end);

        let (to_server, outgoing) = mpsc::unbounded_channel::<Vec<u8>>();
        let (incoming, from_server) = mpsc::unbounded_channel();
        tokio::spawn(write_bytes(client_write, outgoing));
        tokio::spawn(read_messages(client_read, incoming, to_server.downgrade()));
        TestClient {
            to_server,
            from_server,
            backlog: VecDeque::new(),
            next_id: 1,
            server,
        }
    }

    /// Starts a server and completes the handshake; returns the `initialize` result.
    pub async fn initialized(params: Value) -> (TestClient, Value) {
        let mut client = TestClient::start();
        let result = client.initialize(params).await;
        (client, result)
    }

    /// `initialize` with `params` (defaults filled in), then `initialized`.
    pub async fn initialize(&mut self, mut params: Value) -> Value {
        let object = params
            .as_object_mut()
            .expect("initialize params are an object");
        object.entry("processId").or_insert(Value::Null);
        object.entry("rootUri").or_insert(Value::Null);
        object.entry("capabilities").or_insert(json!({}));
        let result = self.request_ok("initialize", params).await;
        self.notify("initialized", json!({})).await;
        result
    }

    /// Sends raw bytes, framing and all.
    pub async fn send_raw(&mut self, bytes: &[u8]) {
        self.to_server
            .send(bytes.to_vec())
            .expect("the client's writer is running");
    }

    /// Sends one framed message.
    pub async fn send(&mut self, message: &Value) {
        let body = serde_json::to_vec(message).unwrap();
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend_from_slice(&body);
        self.send_raw(&frame).await;
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    /// Sends a request without waiting; returns its id.
    pub async fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        id
    }

    /// The whole response to request `id` (`result` or `error`).
    pub async fn response(&mut self, id: i64) -> Value {
        self.next_matching(&format!("the response to request {id}"), |message| {
            message.get("method").is_none() && message["id"] == json!(id)
        })
        .await
    }

    /// Sends a request and waits for its whole response.
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params).await;
        self.response(id).await
    }

    /// Sends a request and returns its result; fails the test on an error response.
    pub async fn request_ok(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params).await;
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// The next notification with this method.
    pub async fn notification(&mut self, method: &str) -> Value {
        self.next_matching(&format!("a {method} notification"), |message| {
            message["method"] == method && message.get("id").is_none()
        })
        .await["params"]
            .clone()
    }

    /// The next notification with this method that satisfies `wanted`.
    pub async fn notification_where(
        &mut self,
        method: &str,
        wanted: impl Fn(&Value) -> bool,
    ) -> Value {
        self.next_matching(&format!("a matching {method} notification"), |message| {
            message["method"] == method && message.get("id").is_none() && wanted(&message["params"])
        })
        .await["params"]
            .clone()
    }

    /// The next request the server sent us (already answered with `null`).
    pub async fn server_request(&mut self, method: &str) -> Value {
        self.next_matching(&format!("a {method} request from the server"), |message| {
            message["method"] == method && message.get("id").is_some()
        })
        .await
    }

    /// The next error response that carries `id: null` (a rejected message).
    pub async fn null_id_error(&mut self) -> Value {
        self.next_matching("an error response with id null", |message| {
            message.get("method").is_none()
                && message["id"].is_null()
                && message.get("error").is_some()
        })
        .await
    }

    /// Every message that arrives within `wait` and matches, without failing on none.
    pub async fn collect_for(
        &mut self,
        wait: Duration,
        matches: impl Fn(&Value) -> bool,
    ) -> Vec<Value> {
        let deadline = tokio::time::Instant::now() + wait;
        while let Ok(Some(message)) =
            tokio::time::timeout_at(deadline, self.from_server.recv()).await
        {
            self.backlog.push_back(message);
        }
        let (found, rest): (Vec<Value>, Vec<Value>) =
            self.backlog.drain(..).partition(|message| matches(message));
        self.backlog = rest.into();
        found
    }

    async fn next_matching(&mut self, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
        if let Some(index) = self.backlog.iter().position(&matches) {
            return self.backlog.remove(index).unwrap();
        }
        let deadline = tokio::time::Instant::now() + TIMEOUT;
        loop {
            match tokio::time::timeout_at(deadline, self.from_server.recv()).await {
                Ok(Some(message)) if matches(&message) => return message,
                Ok(Some(message)) => self.backlog.push_back(message),
                Ok(None) => panic!("the server closed its output while we waited for {what}"),
                Err(_) => panic!(
                    "no {what} within {TIMEOUT:?}; unconsumed: {:?}",
                    self.backlog
                ),
            }
        }
    }

    /// `shutdown` (with `params: null`, as some clients send it), then `exit`.
    pub async fn shutdown_and_exit(mut self) -> SessionEnd {
        let response = self.request("shutdown", Value::Null).await;
        assert_eq!(response["result"], Value::Null, "{response}");
        assert!(response.get("error").is_none(), "{response}");
        self.exit().await
    }

    /// Sends `exit` and waits for the session to end.
    pub async fn exit(mut self) -> SessionEnd {
        self.notify("exit", Value::Null).await;
        self.finish().await
    }

    /// Closes our end of the input and waits for the session to end.
    pub async fn close_input(self) -> SessionEnd {
        self.finish().await
    }

    async fn finish(self) -> SessionEnd {
        let TestClient {
            to_server, server, ..
        } = self;
        drop(to_server);
        tokio::time::timeout(TIMEOUT, server)
            .await
            .expect("the server stops")
            .expect("the server task does not panic")
    }
}

async fn write_bytes(
    mut to_server: tokio::io::WriteHalf<DuplexStream>,
    mut outgoing: mpsc::UnboundedReceiver<Vec<u8>>,
) {
    while let Some(bytes) = outgoing.recv().await {
        if to_server.write_all(&bytes).await.is_err() {
            return;
        }
    }
    let _ = to_server.shutdown().await;
}

/// Parses the server's output; answers its requests with `null` and passes every message on.
async fn read_messages(
    mut from_server: tokio::io::ReadHalf<DuplexStream>,
    incoming: mpsc::UnboundedSender<Value>,
    // Weak, so that dropping the client's sender still closes the server's input.
    to_server: mpsc::WeakUnboundedSender<Vec<u8>>,
) {
    let mut buffer = Vec::new();
    loop {
        while let Some((body, used)) = parse_frame(&buffer) {
            buffer.drain(..used);
            let message: Value = serde_json::from_slice(&body).expect("the server writes JSON");
            if message.get("method").is_some() {
                if let Some(id) = message.get("id") {
                    let reply = json!({"jsonrpc": "2.0", "id": id, "result": null});
                    let body = serde_json::to_vec(&reply).unwrap();
                    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
                    frame.extend_from_slice(&body);
                    if let Some(to_server) = to_server.upgrade() {
                        let _ = to_server.send(frame);
                    }
                }
            }
            if incoming.send(message).is_err() {
                return;
            }
        }
        match from_server.read_buf(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
    }
}

/// A complete frame at the start of `buffer`: its body and how many bytes it used. The
/// server's framing is strict: exactly one `Content-Length` header.
pub fn parse_frame(buffer: &[u8]) -> Option<(Vec<u8>, usize)> {
    let end = buffer.windows(4).position(|w| w == b"\r\n\r\n")?;
    let header = std::str::from_utf8(&buffer[..end]).expect("ASCII headers");
    let length: usize = header
        .strip_prefix("Content-Length: ")
        .unwrap_or_else(|| panic!("unexpected header {header:?}"))
        .parse()
        .expect("a numeric Content-Length");
    let start = end + 4;
    (buffer.len() >= start + length)
        .then(|| (buffer[start..start + length].to_vec(), start + length))
}

/// The `file://` URI of a path, percent-encoded as clients send it.
pub fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for byte in path.to_str().expect("a UTF-8 path").bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(byte as char)
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}
