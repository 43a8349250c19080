//! Code actions never write into a note that is there, over the built binary on stdio: on
//! a day whose session log exists, "Start a session log" is not offered — "Open today's
//! session log" is, when the client can show documents, and running it asks the client to
//! show the log; and no action creates a file with `ignoreIfExists` and then inserts into
//! it, which would prepend a second template to the person's note.

mod common;

use std::path::Path;

use common::file_uri;
use common::stdio::Session;
use serde_json::{json, Value};

const TODAYS_LOG: &str = "2026-03-15 Career Coaching Session.md";
const CAREER: &str = "# Career\n\n## Vision\n\n**North Star (2031):** Lead a platform group.\n\n## Reading\n\nSee [[Reading List]].\n";
const LOG: &str = "# 2026-03-15 Career Coaching Session\n\n## Discussed\n- The promotion case\n";

/// A workspace whose clock says 2026-03-15, with the Career Index and today's log on disk.
fn workspace(with_log: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("career-lsp.toml"),
        "today = \"2026-03-15\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("Career.md"), CAREER).unwrap();
    if with_log {
        std::fs::write(dir.path().join(TODAYS_LOG), LOG).unwrap();
    }
    dir
}

/// A client that can create files in versioned edits, takes code action literals and, if
/// `show_document`, shows documents; Career.md opened.
fn session(root: &Path, show_document: bool) -> Session {
    let mut session = Session::start();
    session.initialize_with(json!({
        "rootUri": file_uri(root),
        "capabilities": {
            "workspace": {"workspaceEdit": {"documentChanges": true, "resourceOperations": ["create"]}},
            "textDocument": {"codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix", "refactor", "source"]}}}},
            "window": {"showDocument": {"support": show_document}},
        },
    }));
    session.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": file_uri(&root.join("Career.md")), "languageId": "markdown", "version": 1, "text": CAREER}}),
    );
    session
}

/// Every code action offered anywhere in Career.md.
fn code_actions(session: &mut Session, root: &Path) -> Vec<Value> {
    let lines = CAREER.lines().count() as u32;
    let mut all = Vec::new();
    for line in 0..lines {
        let result = session.request_ok(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": file_uri(&root.join("Career.md"))},
                "range": {"start": {"line": line, "character": 0}, "end": {"line": line + 1, "character": 0}},
                "context": {"diagnostics": []},
            }),
        );
        all.extend(result.as_array().cloned().unwrap_or_default());
    }
    all
}

/// The `create` operations of the actions' edits, each with whether an edit of the same
/// file follows it in that action.
fn creates(actions: &[Value]) -> Vec<(Value, bool)> {
    let mut found = Vec::new();
    for action in actions {
        let operations = action["edit"]["documentChanges"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for (i, operation) in operations.iter().enumerate() {
            if operation["kind"] == "create" {
                let inserted = operations[i + 1..]
                    .iter()
                    .any(|later| later["textDocument"]["uri"] == operation["uri"]);
                found.push((operation.clone(), inserted));
            }
        }
    }
    found
}

fn titled<'a>(actions: &'a [Value], prefix: &str) -> Vec<&'a Value> {
    actions
        .iter()
        .filter(|a| a["title"].as_str().is_some_and(|t| t.starts_with(prefix)))
        .collect()
}

#[test]
fn on_a_day_whose_log_exists_the_log_is_opened_never_started_again() {
    let dir = workspace(true);
    let root = dir.path().canonicalize().unwrap();
    let log_uri = file_uri(&root.join(TODAYS_LOG));
    let mut session = session(&root, true);
    let actions = code_actions(&mut session, &root);

    assert!(
        titled(&actions, "Start a session log").is_empty(),
        "{actions:#?}"
    );
    for (create, _) in creates(&actions) {
        assert_ne!(create["uri"], json!(log_uri), "{create}");
        assert_ne!(create["options"]["ignoreIfExists"], json!(true), "{create}");
    }
    let open = titled(&actions, "Open today's session log");
    assert!(!open.is_empty(), "{actions:#?}");
    let command = &open[0]["command"];
    assert_eq!(command["command"], "career-lsp.showDocument", "{command}");
    assert_eq!(command["arguments"][0]["uri"], json!(log_uri), "{command}");
    assert!(
        open[0].get("edit").is_none_or(Value::is_null),
        "{}",
        open[0]
    );

    // Running it asks the client to show the log.
    let result = session.request_ok(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    );
    assert_eq!(result, Value::Null);
    let show = session.server_request("window/showDocument");
    assert_eq!(show["params"]["uri"], json!(log_uri), "{show}");

    // So does the command bound to a key, and it applies no edit.
    session.request_ok(
        "workspace/executeCommand",
        json!({"command": "career-lsp.startSessionLog", "arguments": [{"uri": file_uri(&root.join("Career.md"))}]}),
    );
    let show = session.server_request("window/showDocument");
    assert_eq!(show["params"]["uri"], json!(log_uri), "{show}");
    let edits = session.collect_for(std::time::Duration::from_millis(300), |m| {
        m["method"] == "workspace/applyEdit"
    });
    assert!(edits.is_empty(), "{edits:?}");
    assert_eq!(std::fs::read_to_string(root.join(TODAYS_LOG)).unwrap(), LOG);
}

#[test]
fn a_client_that_cannot_show_documents_is_offered_neither() {
    let dir = workspace(true);
    let root = dir.path().canonicalize().unwrap();
    let mut session = session(&root, false);
    let actions = code_actions(&mut session, &root);
    assert!(
        titled(&actions, "Start a session log").is_empty(),
        "{actions:#?}"
    );
    assert!(
        titled(&actions, "Open today's session log").is_empty(),
        "{actions:#?}"
    );
}

#[test]
fn a_note_created_with_its_text_fails_rather_than_prepend_if_it_appears_meanwhile() {
    let dir = workspace(false);
    let root = dir.path().canonicalize().unwrap();
    let mut session = session(&root, true);
    let actions = code_actions(&mut session, &root);
    let creates = creates(&actions);
    let created: Vec<&Value> = creates.iter().map(|(c, _)| &c["uri"]).collect();
    // Today's log, and the note the broken link names.
    assert!(
        created.contains(&&json!(file_uri(&root.join(TODAYS_LOG)))),
        "{created:?}"
    );
    assert!(
        created.contains(&&json!(file_uri(&root.join("Reading List.md")))),
        "{created:?}"
    );
    for (create, inserted) in &creates {
        assert!(inserted, "{create}");
        assert_eq!(
            create["options"],
            json!({"overwrite": false, "ignoreIfExists": false}),
            "{create}"
        );
    }
}
