//! A change is never blocked by a rule run: the analysis of a note is held mid-way (after
//! its snapshot is taken, before its rules run) while the client edits the note, and the
//! edit is applied and answered for meanwhile.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};

use crate::lsp::{serve, DOCUMENT_TEXT_METHOD};

/// Whether an analysis is being held, and whether it may go on.
#[derive(Default)]
struct Gate {
    state: Mutex<(bool, bool)>,
    changed: Condvar,
}

/// Set only by the test below: every other test's analyses run straight through.
static GATE: Mutex<Option<&'static Gate>> = Mutex::new(None);

/// Called between taking a snapshot and running the rules on it.
pub(super) fn hold_analysis() {
    let gate = *GATE.lock().unwrap_or_else(|e| e.into_inner());
    let Some(gate) = gate else {
        return;
    };
    let mut state = gate.state.lock().unwrap();
    state.0 = true;
    gate.changed.notify_all();
    while !state.1 {
        state = gate.changed.wait(state).unwrap();
    }
}

impl Gate {
    fn wait_until_held(&self) {
        let state = self.state.lock().unwrap();
        let (state, timeout) = self
            .changed
            .wait_timeout_while(state, Duration::from_secs(30), |s| !s.0)
            .unwrap();
        assert!(!timeout.timed_out() && state.0, "no analysis was held");
    }

    fn release(&self) {
        self.state.lock().unwrap().1 = true;
        self.changed.notify_all();
    }
}

struct Release(&'static Gate);

impl Drop for Release {
    fn drop(&mut self) {
        *GATE.lock().unwrap_or_else(|e| e.into_inner()) = None;
        self.0.release();
    }
}

async fn send(to: &mut DuplexStream, message: Value) {
    let body = message.to_string();
    let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
    to.write_all(frame.as_bytes()).await.unwrap();
}

/// Reads frames until the response to `id`, skipping notifications and other responses.
async fn response(from: &mut DuplexStream, buffer: &mut Vec<u8>, id: i64) -> Value {
    loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let header = std::str::from_utf8(&buffer[..end]).unwrap();
            let length: usize = header
                .lines()
                .find_map(|l| l.strip_prefix("Content-Length: "))
                .unwrap()
                .trim()
                .parse()
                .unwrap();
            if buffer.len() >= end + 4 + length {
                let body: Value =
                    serde_json::from_slice(&buffer[end + 4..end + 4 + length]).unwrap();
                buffer.drain(..end + 4 + length);
                if body["id"] == id && body.get("method").is_none() {
                    return body;
                }
                continue;
            }
        }
        let mut chunk = [0u8; 4096];
        let read = tokio::time::timeout(Duration::from_secs(30), from.read(&mut chunk))
            .await
            .expect("the server answers within 30 s")
            .unwrap();
        assert!(read > 0, "the server closed its output");
        buffer.extend_from_slice(&chunk[..read]);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_is_applied_while_an_analysis_is_held() {
    let gate: &'static Gate = Box::leak(Box::default());
    *GATE.lock().unwrap() = Some(gate);
    // Whatever happens, the held analysis goes on at the end: a failed assertion must not
    // leave a blocking thread waiting forever.
    let _release = Release(gate);

    let (mut client, server_side) = tokio::io::duplex(1 << 16);
    let (server_in, server_out) = tokio::io::split(server_side);
    let server = tokio::spawn(serve(server_in, server_out));
    let mut buffer = Vec::new();
    // A client that pulls diagnostics, so that only its request starts an analysis.
    send(
        &mut client,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "capabilities": {"textDocument": {"diagnostic": {}}}}}),
    )
    .await;
    response(&mut client, &mut buffer, 1).await;
    send(
        &mut client,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    )
    .await;
    let uri = "file:///held/Career.md";
    let text = "# Career\n\n## Vision\n\n";
    send(
        &mut client,
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": text}}}),
    )
    .await;
    send(
        &mut client,
        json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/diagnostic", "params": {
            "textDocument": {"uri": uri}}}),
    )
    .await;
    let waiting = tokio::task::spawn_blocking(move || gate.wait_until_held());
    waiting.await.unwrap();

    // The analysis of version 1 is held. An edit and a request for the text go through.
    send(
        &mut client,
        json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": {"start": {"line": 4, "character": 0},
                "end": {"line": 4, "character": 0}}, "text": "Lead a platform group.\n"}]}}),
    )
    .await;
    send(
        &mut client,
        json!({"jsonrpc": "2.0", "id": 3, "method": DOCUMENT_TEXT_METHOD, "params": {"uri": uri}}),
    )
    .await;
    let current = response(&mut client, &mut buffer, 3).await;
    assert_eq!(current["result"]["version"], 2, "{current}");
    assert_eq!(
        current["result"]["text"],
        "# Career\n\n## Vision\n\nLead a platform group.\n"
    );

    // Let the held analysis finish: it reports on the version it took, where the Vision
    // was still empty.
    gate.release();
    let report = response(&mut client, &mut buffer, 2).await;
    let items = report["result"]["items"].as_array().expect("a full report");
    assert!(
        items.iter().any(|d| d["code"] == "empty-section"),
        "{report}"
    );

    send(
        &mut client,
        json!({"jsonrpc": "2.0", "id": 4, "method": "shutdown", "params": null}),
    )
    .await;
    response(&mut client, &mut buffer, 4).await;
    send(&mut client, json!({"jsonrpc": "2.0", "method": "exit"})).await;
    server.await.unwrap();
}
