//! The server in process, over the protocol: negotiation, document sync (including a long
//! burst of incremental edits checked against a client-side model of the text),
//! diagnostics plumbing and the session's lifecycle.

mod common;

use std::collections::HashMap;
use std::time::Duration;

use career_lsp::lsp::{SessionEnd, DOCUMENT_TEXT_METHOD};
use common::{file_uri, TestClient};
use serde_json::{json, Value};

fn utf8_client() -> Value {
    json!({"capabilities": {"general": {"positionEncodings": ["utf-16", "utf-8"]}}})
}

/// No debounce, so pushed diagnostics arrive promptly.
fn prompt_options() -> Value {
    json!({"diagnosticsDelayMs": 0})
}

async fn document_text(client: &mut TestClient, uri: &str) -> Value {
    client
        .request_ok(DOCUMENT_TEXT_METHOD, json!({"uri": uri}))
        .await
}

fn open_params(uri: &str, version: i32, text: &str) -> Value {
    json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": version, "text": text}})
}

#[tokio::test(flavor = "multi_thread")]
async fn initialize_defaults_to_utf16_and_advertises_what_is_served() {
    let (client, result) = TestClient::initialized(json!({"capabilities": {
        "textDocument": {"diagnostic": {}},
        "workspace": {"diagnostics": {"refreshSupport": true}},
    }}))
    .await;
    let capabilities = &result["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert_eq!(capabilities["textDocumentSync"]["change"], 2, "incremental");
    assert_eq!(capabilities["textDocumentSync"]["openClose"], true);
    assert_eq!(
        capabilities["diagnosticProvider"]["interFileDependencies"],
        true
    );
    assert_eq!(
        capabilities["diagnosticProvider"]["workspaceDiagnostics"],
        true
    );
    assert_eq!(capabilities["hoverProvider"], true);
    assert_eq!(result["serverInfo"]["name"], "career-lsp");
    assert_eq!(client.shutdown_and_exit().await, SessionEnd::Clean);
}

#[tokio::test(flavor = "multi_thread")]
async fn initialize_chooses_utf8_when_the_client_offers_it() {
    let (client, result) = TestClient::initialized(utf8_client()).await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    client.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn requests_before_initialize_are_refused() {
    let mut client = TestClient::start();
    let response = client
        .request("textDocument/hover", json!({"textDocument": {"uri": "file:///a.md"}, "position": {"line": 0, "character": 0}}))
        .await;
    assert_eq!(response["error"]["code"], -32002, "{response}");
    client.initialize(json!({})).await;
    client.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn messages_sent_right_behind_initialize_are_kept() {
    // A client may send everything without waiting for the initialize response.
    let mut client = TestClient::start();
    let uri = "file:///notes/Career.md";
    let initialize = client
        .send_request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}}),
        )
        .await;
    client.notify("initialized", json!({})).await;
    client
        .notify("textDocument/didOpen", open_params(uri, 1, "# Career\n"))
        .await;
    let text = client
        .send_request(DOCUMENT_TEXT_METHOD, json!({"uri": uri}))
        .await;
    assert!(client.response(initialize).await.get("result").is_some());
    let text = client.response(text).await;
    assert_eq!(text["result"]["text"], "# Career\n", "{text}");
    client.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_document_opened_under_a_percent_encoded_uri_is_tracked() {
    let dir = tempfile::tempdir().unwrap();
    let root_uri = file_uri(dir.path());
    let uri = file_uri(&dir.path().join("2026 Goals.md"));
    assert!(uri.contains("2026%20Goals.md"));
    let (mut client, _) = TestClient::initialized(json!({
        "workspaceFolders": [{"uri": root_uri, "name": "notes"}],
    }))
    .await;
    client
        .notify(
            "textDocument/didOpen",
            open_params(&uri, 3, "# 2026 Goals\n"),
        )
        .await;
    let text = document_text(&mut client, &uri).await;
    assert_eq!(text, json!({"text": "# 2026 Goals\n", "version": 3}));

    // A full-text change replaces everything.
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"text": "# 🎯\r\n"}]}),
        )
        .await;
    let text = document_text(&mut client, &uri).await;
    assert_eq!(text, json!({"text": "# 🎯\r\n", "version": 4}));

    client
        .notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let gone = client
        .request(DOCUMENT_TEXT_METHOD, json!({"uri": uri}))
        .await;
    assert_eq!(gone["error"]["code"], -32602, "{gone}");
    client.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn diagnostics_are_pushed_with_the_version_and_cleared_on_close() {
    let (mut client, _) =
        TestClient::initialized(json!({"initializationOptions": prompt_options()})).await;
    let uri = "file:///notes/Career%20Index.md";
    client
        .notify("textDocument/didOpen", open_params(uri, 1, "# Career\n"))
        .await;
    let published = client
        .notification_where("textDocument/publishDiagnostics", |p| p["uri"] == uri)
        .await;
    assert_eq!(published["version"], 1, "{published}");
    assert!(published["diagnostics"].is_array());

    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2},
                   "contentChanges": [{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "## Vision\n"}]}),
        )
        .await;
    client
        .notification_where("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["version"] == 2
        })
        .await;

    client
        .notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let cleared = client
        .notification_where("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p.get("version").is_none_or(Value::is_null)
        })
        .await;
    assert_eq!(cleared["diagnostics"], json!([]));
    client.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn clients_that_pull_get_reports_and_no_pushed_note_diagnostics() {
    let (mut client, _) = TestClient::initialized(json!({
        "capabilities": {
            "textDocument": {"diagnostic": {"dynamicRegistration": false}},
            "workspace": {"diagnostics": {"refreshSupport": true}},
        },
        "initializationOptions": prompt_options(),
    }))
    .await;
    let uri = "file:///notes/2026%20Goals.md";
    client
        .notify(
            "textDocument/didOpen",
            open_params(uri, 7, "# 2026 Goals\n"),
        )
        .await;
    let report = client
        .request_ok(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    assert_eq!(report["kind"], "full", "{report}");
    let codes: Vec<&str> = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"missing-section"), "{report}");
    let result_id = report["resultId"].clone();
    assert!(result_id.is_string());

    let again = client
        .request_ok(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}, "previousResultId": result_id}),
        )
        .await;
    assert_eq!(again, json!({"kind": "unchanged", "resultId": result_id}));

    let workspace = client
        .request_ok("workspace/diagnostic", json!({"previousResultIds": []}))
        .await;
    let items = workspace["items"].as_array().unwrap();
    let note = items
        .iter()
        .find(|item| item["uri"] == uri)
        .unwrap_or_else(|| panic!("{workspace}"));
    assert_eq!(note["version"], 7);
    assert_eq!(note["kind"], "full");

    // With nothing changed, a repeated workspace pull is held until something changes.
    let previous: Vec<Value> = items
        .iter()
        .map(|item| json!({"uri": item["uri"], "value": item["resultId"]}))
        .collect();
    let held = client
        .send_request(
            "workspace/diagnostic",
            json!({"previousResultIds": previous}),
        )
        .await;
    let early = client
        .collect_for(Duration::from_millis(300), |m| m["id"] == held)
        .await;
    assert!(early.is_empty(), "answered without a change: {early:?}");
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 8}, "contentChanges": [{"text": "# 2026 Goals\n\n"}]}),
        )
        .await;
    let answered = client.response(held).await;
    let note = answered["result"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["uri"] == uri)
        .cloned()
        .unwrap();
    assert_eq!(note["version"], 8);

    let pushed = client
        .collect_for(Duration::from_millis(300), |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        })
        .await;
    assert!(pushed.is_empty(), "pushed to a pulling client: {pushed:?}");
    client.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn file_watchers_are_registered_when_the_client_allows_it() {
    let (mut client, _) = TestClient::initialized(json!({
        "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}},
    }))
    .await;
    let request = client.server_request("client/registerCapability").await;
    let registration = &request["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    let globs: Vec<&str> = registration["registerOptions"]["watchers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|watcher| watcher["globPattern"].as_str().unwrap())
        .collect();
    assert_eq!(globs, ["**/*.md", "**/career-lsp.toml"]);

    // A change on disk is taken without complaint.
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": "file:///notes/Career.md", "type": 2}, {"uri": "file:///notes/Old.md", "type": 3}]}),
        )
        .await;
    client.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_settings_are_reported_to_the_user_and_the_server_carries_on() {
    let (mut client, _) = TestClient::initialized(json!({
        "initializationOptions": {"careerLsp": {"maxAnnualGoals": "three", "diagnosticsDelayMs": "soon"}},
    }))
    .await;
    let first = client.notification("window/showMessage").await;
    let second = client.notification("window/showMessage").await;
    let messages = format!("{first} {second}");
    assert!(messages.contains("diagnosticsDelayMs"), "{messages}");
    assert!(
        messages.contains("three")
            || messages.contains("maxAnnualGoals")
            || messages.contains("invalid type"),
        "{messages}"
    );

    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"careerLsp": {"maxAnnualGoals": 4}}}),
        )
        .await;
    let hover = client
        .request_ok("textDocument/hover", json!({"textDocument": {"uri": "file:///a.md"}, "position": {"line": 0, "character": 0}}))
        .await;
    assert_eq!(hover, Value::Null);
    client.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_methods_get_method_not_found() {
    let (mut client, _) = TestClient::initialized(json!({})).await;
    let unknown = client.request("careerLsp/noSuchThing", json!({})).await;
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    // tower-lsp-server answers no `$/` request at all; the transport answers for it.
    let dollar = client.request("$/noSuchThing", json!({})).await;
    assert_eq!(dollar["error"]["code"], -32601, "{dollar}");
    // Unknown notifications are ignored.
    client.notify("$/setTrace", json!({"value": "off"})).await;
    client
        .notify("careerLsp/noSuchNotification", json!({}))
        .await;
    let hover = client
        .request("textDocument/hover", json!({"textDocument": {"uri": "file:///a.md"}, "position": {"line": 0, "character": 0}}))
        .await;
    assert_eq!(hover["result"], Value::Null, "{hover}");
    client.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_input_is_answered_and_the_session_continues() {
    let (mut client, _) = TestClient::initialized(json!({})).await;
    client.send_raw(b"Content-Length: 9\r\n\r\nnot json!").await;
    assert_eq!(client.null_id_error().await["error"]["code"], -32700);
    client
        .send_raw(b"Content-Length: 17\r\n\r\n{\"hello\":\"world\"}")
        .await;
    assert_eq!(client.null_id_error().await["error"]["code"], -32600);
    client
        .send_raw(b"Content-Lenght: 10\r\n\r\n{\"a\":\"bc\"}")
        .await;
    assert_eq!(client.null_id_error().await["error"]["code"], -32700);
    client
        .send(&json!({"jsonrpc": "1.0", "id": 99, "method": "textDocument/hover"}))
        .await;
    let wrong_version = client.response(99).await;
    assert_eq!(wrong_version["error"]["code"], -32600);
    // serde would refuse this duplicated key inside tower-lsp-server; the transport
    // normalises it.
    let duplicated = r#"{"jsonrpc":"2.0","jsonrpc":"2.0","method":"initialized","params":{}}"#;
    let frame = format!("Content-Length: {}\r\n\r\n{duplicated}", duplicated.len());
    client.send_raw(frame.as_bytes()).await;
    let hover = client
        .request("textDocument/hover", json!({"textDocument": {"uri": "file:///a.md"}, "position": {"line": 0, "character": 0}}))
        .await;
    assert_eq!(hover["result"], Value::Null, "{hover}");
    client.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn exit_without_shutdown_ends_with_status_one() {
    let (client, _) = TestClient::initialized(json!({})).await;
    assert_eq!(client.exit().await, SessionEnd::ExitWithoutShutdown);
    assert_eq!(SessionEnd::ExitWithoutShutdown.exit_code(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn closing_the_input_ends_the_session_cleanly() {
    let (mut client, _) = TestClient::initialized(json!({
        "capabilities": {
            "textDocument": {"diagnostic": {}},
            "workspace": {"diagnostics": {"refreshSupport": true}},
        },
    }))
    .await;
    // Even with a workspace pull held open.
    client
        .request_ok("workspace/diagnostic", json!({"previousResultIds": []}))
        .await;
    client
        .send_request("workspace/diagnostic", json!({"previousResultIds": []}))
        .await;
    let started = std::time::Instant::now();
    assert_eq!(client.close_input().await, SessionEnd::Clean);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

// --- The edit burst -------------------------------------------------------------------

/// A small deterministic generator, so a failure reproduces.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The client's own idea of a position, counted independently of the server's code:
/// lines end at `\n`, `\r\n` or a lone `\r`.
fn position(text: &str, offset: usize, utf8: bool) -> Value {
    let (mut line, mut character) = (0, 0);
    let chars = text[..offset].chars();
    let bytes = text.as_bytes();
    let mut index = 0;
    for c in chars {
        let crlf = c == '\r' && bytes.get(index + 1) == Some(&b'\n');
        index += c.len_utf8();
        if c == '\n' || (c == '\r' && !crlf) {
            line += 1;
            character = 0;
        } else if !crlf {
            character += if utf8 { c.len_utf8() } else { c.len_utf16() };
        }
    }
    json!({"line": line, "character": character})
}

/// Offsets a client can name: char boundaries, but not between the halves of a CRLF.
fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .filter(|&i| {
            !(i > 0 && text.as_bytes()[i - 1] == b'\r' && text.as_bytes().get(i) == Some(&b'\n'))
        })
        .collect()
}

const INSERTS: &[&str] = &[
    "",
    "a",
    "Vision",
    "🎯",
    "👩‍💻",
    "日本語",
    "é",
    "\n",
    "\r\n",
    "\r",
    "- [ ] 日本 task\n",
    "## 🎯 Vision\r\n",
    "| G1 | 👩‍💻 | Role |\n",
    "  ",
];

async fn edit_burst(initialize: Value, utf8: bool, seed: u64) {
    let (mut client, _) = TestClient::initialized(initialize).await;
    let uri = "file:///notes/2026%20Goals.md";
    let mut text =
        String::from("# 2026 Goals\r\n\r\n## Annual Goals\n| G1 | 🎯 | Role |\n日本語\n");
    let mut version = 1;
    let mut history = HashMap::from([(version, text.clone())]);
    client
        .notify("textDocument/didOpen", open_params(uri, version, &text))
        .await;

    let mut random = Xorshift(seed);
    let mut pending = Vec::new();
    for step in 0..1000 {
        let mut changes = Vec::new();
        if random.below(100) == 0 {
            text = INSERTS[random.below(INSERTS.len())].repeat(3);
            changes.push(json!({"text": text}));
        } else {
            for _ in 0..1 + random.below(3) {
                let offsets = boundaries(&text);
                let first = random.below(offsets.len());
                let last = (first + random.below(6)).min(offsets.len() - 1);
                let (start, end) = (offsets[first], offsets[last]);
                // Keep the text from growing without bound.
                let insert = if text.len() > 2000 {
                    ""
                } else {
                    INSERTS[random.below(INSERTS.len())]
                };
                changes.push(json!({
                    "range": {"start": position(&text, start, utf8), "end": position(&text, end, utf8)},
                    "text": insert,
                }));
                text.replace_range(start..end, insert);
            }
        }
        version += 1;
        history.insert(version, text.clone());
        client
            .notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
            )
            .await;
        if step % 25 == 0 {
            let id = client
                .send_request(DOCUMENT_TEXT_METHOD, json!({"uri": uri}))
                .await;
            pending.push((id, version));
            client
                .send_request(
                    "textDocument/hover",
                    json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}}),
                )
                .await;
        }
    }

    for (id, sent_at) in pending {
        let response = client.response(id).await;
        let seen = &response["result"];
        // Requests are handled in order with the notifications around them: each one sees
        // exactly the edits sent before it, never part of an edit.
        assert_eq!(seen["version"], sent_at, "{response}");
        assert_eq!(seen["text"], history[&sent_at], "version {sent_at}");
    }
    let last = document_text(&mut client, uri).await;
    assert_eq!(last["version"], version);
    assert_eq!(last["text"], text);
    client.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_thousand_incremental_edits_in_utf16_leave_the_same_text() {
    edit_burst(json!({}), false, 0x9E37_79B9_7F4A_7C15).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_thousand_incremental_edits_in_utf8_leave_the_same_text() {
    edit_burst(utf8_client(), true, 0xD1B5_4A32_D192_ED03).await;
}

/// A folder with a `career-lsp.toml` and a Career Index, kept while the `TempDir` lives;
/// its canonical path.
fn vault_with_a_career_index() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("career-lsp.toml"), "today = \"2026-03-15\"\n").unwrap();
    std::fs::write(
        root.join("Career.md"),
        "# Career\n\n## Vision\n\nLead a platform group.\n",
    )
    .unwrap();
    (dir, root)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_large_vault_is_indexed_in_the_background_with_progress_and_whole_workspace_requests_wait_for_it(
) {
    let (_dir, root) = vault_with_a_career_index();
    let notes = 600;
    std::fs::create_dir(root.join("log")).unwrap();
    for i in 0..notes {
        std::fs::write(
            root.join("log").join(format!("Note {i}.md")),
            format!(
                "# Note {i}\n\nSee [[Career#Vision]] and [[Note {}]].\n",
                (i + 1) % notes
            ),
        )
        .unwrap();
    }
    let (mut client, _) = TestClient::initialized(json!({
        "rootUri": file_uri(&root),
        "capabilities": {"window": {"workDoneProgress": true}},
    }))
    .await;

    // Asked for at once: answered only when every note is in.
    let symbols = client
        .request_ok("workspace/symbol", json!({"query": "Note 599"}))
        .await;
    assert!(
        symbols
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["name"] == "Note 599"),
        "{symbols}"
    );

    let create = client
        .server_request("window/workDoneProgress/create")
        .await;
    let token = create["params"]["token"].clone();
    let progress: Vec<Value> = client
        .collect_for(Duration::from_millis(500), |m| {
            m["method"] == "$/progress" && m["params"]["token"] == token
        })
        .await
        .into_iter()
        .map(|m| m["params"]["value"].clone())
        .collect();
    let kinds: Vec<&str> = progress
        .iter()
        .map(|v| v["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.first(), Some(&"begin"), "{progress:?}");
    assert_eq!(kinds.last(), Some(&"end"), "{progress:?}");
    assert_eq!(progress[0]["title"], "Indexing notes");
    let messages: Vec<&str> = progress
        .iter()
        .filter_map(|v| v["message"].as_str())
        .collect();
    assert!(messages.contains(&"601/601"), "{messages:?}");
    assert!(
        messages
            .iter()
            .any(|m| *m != "601/601" && m.ends_with("/601")),
        "notes read before the end are reported: {messages:?}"
    );
    client.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_note_opened_while_the_vault_is_indexed_belongs_to_the_workspace_root() {
    let (_dir, root) = vault_with_a_career_index();
    let folder = root.join("Sessions").join("2026");
    std::fs::create_dir_all(&folder).unwrap();
    for i in 0..300 {
        std::fs::write(
            root.join("Sessions").join(format!("Note {i}.md")),
            format!("# Note {i}\n\nSee [[Career]].\n"),
        )
        .unwrap();
    }
    let session = folder.join("2026-03-01 Career Coaching Session.md");
    let text = "# 2026-03-01 Career Coaching Session\n\n## Discussed\n- The [[Career#Vision]].\n";
    std::fs::write(&session, text).unwrap();
    let (mut client, _) = TestClient::initialized(json!({
        "rootUri": file_uri(&root),
        "capabilities": {
            "textDocument": {"diagnostic": {}},
            "workspace": {"diagnostics": {"refreshSupport": true}},
        },
    }))
    .await;
    let uri = file_uri(&session);
    client
        .notify("textDocument/didOpen", open_params(&uri, 1, text))
        .await;
    let report = client
        .request_ok(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    // The link to the root's Career Index resolves, and the log is asked to be listed in
    // that index: the note belongs to the root.
    let codes: Vec<&str> = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(!codes.contains(&"broken-link"), "{report}");
    assert!(
        report["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "session-not-indexed"
                && d["message"]
                    .as_str()
                    .unwrap()
                    .contains("Career's Session Logs")),
        "{report}"
    );
    client.shutdown_and_exit().await;
}
