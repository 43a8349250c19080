//! The server keeps serving whatever the client does with its requests and changes: held
//! requests, cancellations, half surrogate pairs, reversed ranges, a handler that panics,
//! `exit` in the middle of indexing. Each test runs the built binary over real stdio.

mod common;

use std::fs;
use std::time::Duration;

use common::stdio::Session;
use serde_json::{json, Value};

fn file_uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display()).replace(' ', "%20")
}

/// A session on a root with one note; pulled diagnostics when `pull`.
fn session_on_note(
    env: &[(&str, &str)],
    text: &str,
    pull: bool,
) -> (Session, String, tempfile::TempDir) {
    let root = tempfile::tempdir().unwrap();
    let note = root.path().join("Career.md");
    fs::write(&note, text).unwrap();
    let mut session = Session::start_with(env);
    let capabilities = if pull {
        json!({"textDocument": {"diagnostic": {}}, "workspace": {"diagnostics": {"refreshSupport": false}}})
    } else {
        json!({})
    };
    session.initialize_with(json!({
        "processId": null,
        "rootUri": file_uri(root.path()),
        "capabilities": capabilities,
        "initializationOptions": {"diagnosticsDelayMs": 0},
    }));
    let uri = file_uri(&note);
    session.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    (session, uri, root)
}

fn document_text(session: &mut Session, id: i64, uri: &str) -> Value {
    session.request_with_id(id, "careerLsp/documentText", json!({"uri": uri}));
    session.response(id)["result"].clone()
}

fn change(session: &mut Session, uri: &str, version: i32, changes: Value) {
    session.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
    );
}

const CAREER: &str = "# Career\n\n## Vision\n\n## Wins\n\n- Shipped the importer\n";

/// F1: workspace reports held open (the client is current) used to fill tower-lsp-server's
/// pool of eight, after which nothing else was served — not even the change that would
/// release them, nor their cancellation, nor `shutdown`.
#[test]
fn held_workspace_reports_stop_nothing_behind_them() {
    let (mut session, uri, _root) = session_on_note(&[], CAREER, true);
    session.request_with_id(2, "workspace/diagnostic", json!({"previousResultIds": []}));
    let first = session.response(2);
    let items = first["result"]["items"].as_array().expect("a full report");
    let previous: Vec<Value> = items
        .iter()
        .map(|item| json!({"uri": item["uri"], "value": item["resultId"]}))
        .collect();
    assert!(!previous.is_empty(), "{first}");

    // Twelve reports, all current: each is held until something changes.
    for id in 10..22 {
        session.request_with_id(
            id,
            "workspace/diagnostic",
            json!({"previousResultIds": previous}),
        );
    }
    // Other requests are still answered.
    session.request_with_id(
        30,
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 2}}),
    );
    let hover = session.response(30);
    assert!(hover.get("error").is_none(), "{hover}");

    // A request reusing the id of one still running is refused; the running one is still
    // answered, below.
    session.request_with_id(
        12,
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 2}}),
    );
    let refused = session.response(12);
    assert_eq!(refused["error"]["code"], -32600, "{refused}");

    // A cancelled report is answered at once, as cancelled.
    session.notify("$/cancelRequest", json!({"id": 10}));
    let cancelled = session.response(10);
    assert_eq!(cancelled["error"]["code"], -32800, "{cancelled}");

    // A change releases the others, each with a fresh report.
    change(
        &mut session,
        &uri,
        2,
        json!([{"range": {"start": {"line": 0, "character": 8}, "end": {"line": 0, "character": 8}}, "text": " notes"}]),
    );
    for id in 11..22 {
        let report = session.response(id);
        assert!(report["result"]["items"].is_array(), "{report}");
    }
    // Cancelling a request that has been answered changes nothing.
    session.notify("$/cancelRequest", json!({"id": 11}));
    assert_eq!(
        document_text(&mut session, 31, &uri)["text"],
        "# Career notes\n\n## Vision\n\n## Wins\n\n- Shipped the importer\n"
    );

    session.request_with_id(40, "shutdown", Value::Null);
    assert!(session.response(40).get("error").is_none());
    session.notify("exit", Value::Null);
    assert!(session.wait().success());
}

/// F1 again, with requests that wait for the index: `shutdown` and `exit` still get through
/// while twenty workspace-wide requests wait.
#[test]
fn requests_waiting_on_each_other_do_not_stop_shutdown() {
    let (mut session, _uri, _root) = session_on_note(&[], CAREER, true);
    session.request_with_id(2, "workspace/diagnostic", json!({"previousResultIds": []}));
    let first = session.response(2);
    let previous: Vec<Value> = first["result"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| json!({"uri": item["uri"], "value": item["resultId"]}))
        .collect();
    for id in 10..30 {
        session.request_with_id(
            id,
            "workspace/diagnostic",
            json!({"previousResultIds": previous}),
        );
    }
    session.request_with_id(40, "shutdown", Value::Null);
    assert!(session.response(40).get("error").is_none());
    // The held reports are let go when the session closes.
    for id in 10..30 {
        assert!(session.response(id).get("error").is_none());
    }
    session.notify("exit", Value::Null);
    assert!(session.wait().success());
}

/// F6: JavaScript's `JSON.stringify` writes half of a surrogate pair as `"\ud83d"`, which is
/// not Unicode; the whole notification used to be refused, and the server's text differed
/// from the editor's for good. Now the half is U+FFFD — one UTF-16 unit, as in the editor —
/// and the next change lands where the editor put it.
#[test]
fn half_a_surrogate_pair_keeps_the_text_aligned_with_the_editor() {
    let (mut session, uri, _root) = session_on_note(&[], "ab\n", false);
    // Written by hand: serde_json would not write a lone surrogate.
    let body = format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didChange","params":{{"textDocument":{{"uri":"{uri}","version":2}},"contentChanges":[{{"range":{{"start":{{"line":0,"character":1}},"end":{{"line":0,"character":1}}}},"text":"\ud83d"}}]}}}}"#
    );
    session.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    // The editor now holds "a", the half, "b": "b" is at UTF-16 column 2.
    change(
        &mut session,
        &uri,
        3,
        json!([{"range": {"start": {"line": 0, "character": 2}, "end": {"line": 0, "character": 3}}, "text": "B"}]),
    );
    let text = document_text(&mut session, 2, &uri);
    assert_eq!(text["text"], "a\u{fffd}B\n", "{text}");
    assert_eq!(text["version"], 3);
}

/// A reversed range (end before start) covers the same text as its ends swapped, as VS Code
/// reads it; it used to be an insert at its start.
#[test]
fn a_reversed_range_replaces_what_it_spans() {
    let (mut session, uri, _root) = session_on_note(&[], "abcdef\n", false);
    change(
        &mut session,
        &uri,
        2,
        json!([{"range": {"start": {"line": 0, "character": 4}, "end": {"line": 0, "character": 1}}, "text": "Z"}]),
    );
    assert_eq!(document_text(&mut session, 2, &uri)["text"], "aZef\n");
}

/// A panic in a request's handler answers that request with an error naming the method,
/// logs a line naming it, and the next request is answered as usual.
#[test]
fn a_panicking_request_is_answered_with_an_error_and_the_session_goes_on() {
    let (mut session, uri, _root) = session_on_note(
        &[("CAREER_LSP_FAIL_AT", "computing a hover:1")],
        CAREER,
        false,
    );
    let hover = json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 4}});
    session.request_with_id(2, "textDocument/hover", hover.clone());
    let failed = session.response(2);
    assert_eq!(failed["error"]["code"], -32603, "{failed}");
    let message = failed["error"]["message"].as_str().unwrap();
    assert!(message.contains("textDocument/hover"), "{message}");
    session.log_line(|line| line.contains("textDocument/hover failed: failing at"));

    session.request_with_id(3, "textDocument/hover", hover);
    let answered = session.response(3);
    assert!(answered.get("error").is_none(), "{answered}");
    assert!(answered.get("result").is_some(), "{answered}");
}

/// A panic in the background analysis of a note publishes nothing for it: the editor keeps
/// the last good diagnostics instead of losing them all, and the next good analysis is
/// published as usual.
#[test]
fn a_failed_analysis_keeps_the_last_good_diagnostics() {
    let (mut session, uri, _root) = session_on_note(
        &[("CAREER_LSP_FAIL_AT", "computing diagnostics:2")],
        CAREER,
        false,
    );
    let published = |version: i64| {
        let uri = uri.clone();
        move |message: &Value| {
            message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
                && message["params"]["version"] == version
        }
    };
    let first = session.next_matching("diagnostics of version 1", published(1));
    assert!(
        !first["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .is_empty(),
        "{first}"
    );

    change(
        &mut session,
        &uri,
        2,
        json!([{"range": {"start": {"line": 0, "character": 8}, "end": {"line": 0, "character": 8}}, "text": " plan"}]),
    );
    session.log_line(|line| line.contains("computing diagnostics failed"));
    change(
        &mut session,
        &uri,
        3,
        json!([{"range": {"start": {"line": 0, "character": 13}, "end": {"line": 0, "character": 13}}, "text": "s"}]),
    );
    let third = session.next_matching("diagnostics of version 3", published(3));
    assert!(
        !third["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .is_empty(),
        "{third}"
    );
    let received = session.received().to_vec();
    let for_version_2: Vec<&Value> = received.iter().filter(|m| published(2)(m)).collect();
    assert!(for_version_2.is_empty(), "{for_version_2:?}");
}

/// F3: `exit`, and the end of the input, used to wait for indexing to finish (seconds on a
/// large vault). The session now ends at once, in the middle of indexing.
#[test]
fn exit_and_the_end_of_input_do_not_wait_for_indexing() {
    let root = tempfile::tempdir().unwrap();
    fs::write(root.path().join("Career.md"), CAREER).unwrap();
    let sessions = root.path().join("Sessions");
    fs::create_dir(&sessions).unwrap();
    let body =
        "# Session\n\n## Notes\n\n- Talked about [[Career]] and the next review.\n".repeat(40);
    for i in 0..6000 {
        fs::write(sessions.join(format!("Session {i:05}.md")), &body).unwrap();
    }
    let params = json!({
        "processId": null,
        "rootUri": file_uri(root.path()),
        "capabilities": {"window": {"workDoneProgress": true}},
    });

    // `exit` while the notes are being read.
    let mut session = Session::start();
    session.initialize_with(params.clone());
    session.next_matching("the indexing progress", |m| {
        m["method"] == "window/workDoneProgress/create"
    });
    session.request_with_id(2, "shutdown", Value::Null);
    session.response(2);
    session.notify("exit", Value::Null);
    let status = session
        .wait_within(Duration::from_secs(3))
        .expect("the server ends within 3 s of `exit`");
    assert!(status.success(), "{status:?}");

    // The input closed while the notes are being read.
    let mut session = Session::start();
    session.initialize_with(params);
    session.next_matching("the indexing progress", |m| {
        m["method"] == "window/workDoneProgress/create"
    });
    session.stdin = None;
    let status = session
        .wait_within(Duration::from_secs(3))
        .expect("the server ends within 3 s of its input closing");
    assert!(status.success(), "{status:?}");
}

/// A handler that blocks its thread for good (a read that never returns, say) cannot keep
/// the process alive: `exit`, or the end of the input, still ends it, shortly after.
#[test]
fn a_handler_that_never_returns_does_not_stop_exit() {
    for end_with_exit in [true, false] {
        let (mut session, uri, _root) = session_on_note(
            &[("CAREER_LSP_FAIL_AT", "computing a hover:1:hang")],
            CAREER,
            false,
        );
        session.request_with_id(
            2,
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 2}}),
        );
        if end_with_exit {
            session.notify("exit", Value::Null);
        } else {
            session.stdin = None;
        }
        let status = session
            .wait_within(Duration::from_secs(6))
            .expect("the server ends within 6 s");
        assert_eq!(status.code(), Some(if end_with_exit { 1 } else { 0 }));
    }
}
