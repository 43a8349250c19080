//! Whole sessions of what editors and file systems do, over the built binary on stdio:
//! requests out of turn, two hundred requests at once, every odd kind of change, a
//! session of code actions and commands, notes deleted and renamed while the vault is
//! indexed, symlink loops, hostile configuration. The server keeps serving, and keeps the
//! person's text as the editor holds it.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use common::stdio::Session;
use serde_json::{json, Value};

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display()).replace(' ', "%20")
}

fn initialize_on(session: &mut Session, root: &Path, capabilities: Value) -> Value {
    session.initialize_with(json!({
        "processId": null,
        "rootUri": file_uri(root),
        "capabilities": capabilities,
        "initializationOptions": {"diagnosticsDelayMs": 0},
    }))
}

fn open(session: &mut Session, uri: &str, text: &str) {
    session.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
}

fn document_text(session: &mut Session, id: i64, uri: &str) -> Value {
    session.request_with_id(id, "careerLsp/documentText", json!({"uri": uri}));
    session.response(id)["result"].clone()
}

/// The demo vault, copied: every file's path and bytes.
fn demo_copy() -> (tempfile::TempDir, BTreeMap<PathBuf, Vec<u8>>) {
    let dir = tempfile::tempdir().unwrap();
    let mut files = BTreeMap::new();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo"),
        dir.path(),
        &mut files,
    );
    (dir, files)
}

fn copy_tree(from: &Path, to: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target, files);
        } else {
            let bytes = fs::read(entry.path()).unwrap();
            fs::write(&target, &bytes).unwrap();
            files.insert(target, bytes);
        }
    }
}

fn notes(files: &BTreeMap<PathBuf, Vec<u8>>) -> Vec<(String, String)> {
    files
        .iter()
        .filter(|(path, _)| path.extension().is_some_and(|e| e == "md"))
        .map(|(path, bytes)| (file_uri(path), String::from_utf8(bytes.clone()).unwrap()))
        .collect()
}

#[test]
fn requests_before_initialize_and_after_shutdown_are_refused_and_the_session_goes_on() {
    let mut session = Session::start();
    assert_eq!(session.hover(1)["error"]["code"], -32002);
    session.initialize_with(json!({"processId": null, "rootUri": null, "capabilities": {}}));
    assert!(session.hover(2).get("error").is_none());
    session.request_with_id(3, "shutdown", Value::Null);
    assert!(session.response(3).get("error").is_none());
    let after = session.hover(4);
    assert_eq!(after["error"]["code"], -32600, "{after}");
    session.notify("exit", Value::Null);
    assert!(session.wait().success());
}

#[test]
fn two_hundred_requests_at_once_are_each_answered_once() {
    let (dir, files) = demo_copy();
    let mut session = Session::start();
    initialize_on(
        &mut session,
        dir.path(),
        json!({"textDocument": {"diagnostic": {}}}),
    );
    let notes = notes(&files);
    for (uri, text) in &notes {
        open(&mut session, uri, text);
    }
    let methods = [
        "textDocument/hover",
        "textDocument/completion",
        "textDocument/documentSymbol",
        "textDocument/foldingRange",
        "textDocument/codeAction",
        "textDocument/inlayHint",
        "textDocument/definition",
        "textDocument/references",
        "workspace/symbol",
        "textDocument/diagnostic",
    ];
    for id in 100..300 {
        let (uri, text) = &notes[id as usize % notes.len()];
        let lines = text.lines().count().max(1) as u32;
        let line = (id as u32 * 7) % lines;
        let position = json!({"line": line, "character": (id % 13) as u32});
        let document = json!({"uri": uri});
        let whole =
            json!({"start": {"line": 0, "character": 0}, "end": {"line": lines, "character": 0}});
        let method = methods[id as usize % methods.len()];
        let params = match method {
            "textDocument/documentSymbol"
            | "textDocument/foldingRange"
            | "textDocument/diagnostic" => json!({"textDocument": document}),
            "textDocument/codeAction" => {
                json!({"textDocument": document, "range": whole, "context": {"diagnostics": []}})
            }
            "textDocument/inlayHint" => json!({"textDocument": document, "range": whole}),
            "textDocument/references" => json!({
                "textDocument": document, "position": position,
                "context": {"includeDeclaration": true},
            }),
            "workspace/symbol" => json!({"query": (["", "goal", "G1", "vision"][id as usize % 4])}),
            _ => json!({"textDocument": document, "position": position}),
        };
        session.request_with_id(id, method, params);
    }
    for id in 100..300 {
        let response = session.response_answering(id, Value::Null);
        assert!(response.get("error").is_none(), "{response}");
    }
    // Each exactly once: nothing more arrives for those ids.
    assert!(session.hover(400).get("error").is_none());
    let again: Vec<&Value> = session
        .received()
        .iter()
        .filter(|m| m.get("method").is_none() && m["id"].as_i64().is_some_and(|id| id < 300))
        .collect();
    assert!(again.is_empty(), "{again:?}");
}

/// One change as the editor sends it, and the text the editor then holds.
struct Odd {
    what: &'static str,
    before: &'static str,
    /// `contentChanges` of one `didChange` each, with their versions.
    changes: Vec<(i32, Value)>,
    after: &'static str,
}

fn range(start: (u32, u32), end: (u32, u32), text: &str) -> Value {
    json!({"range": {
        "start": {"line": start.0, "character": start.1},
        "end": {"line": end.0, "character": end.1},
    }, "text": text})
}

fn odd_changes() -> Vec<Odd> {
    let one = |version, change: Value| vec![(version, json!([change]))];
    vec![
        Odd {
            what: "insert at the start",
            before: "abc\n",
            changes: one(2, range((0, 0), (0, 0), "X")),
            after: "Xabc\n",
        },
        Odd {
            what: "insert at a line's end",
            before: "abc\ndef\n",
            changes: one(2, range((0, 3), (0, 3), "!")),
            after: "abc!\ndef\n",
        },
        Odd {
            what: "a column past the line's end",
            before: "abc\ndef\n",
            changes: one(2, range((0, 99), (0, 99), "!")),
            after: "abc!\ndef\n",
        },
        Odd {
            what: "a line past the end",
            before: "abc\n",
            changes: one(2, range((7, 0), (9, 4), "Z")),
            after: "abc\nZ",
        },
        Odd {
            what: "a range running past the end",
            before: "abc\ndef",
            changes: one(2, range((1, 1), (40, 0), "")),
            after: "abc\nd",
        },
        Odd {
            what: "the largest positions there are",
            before: "abc",
            changes: one(2, range((u32::MAX, u32::MAX), (u32::MAX, u32::MAX), "!")),
            after: "abc!",
        },
        Odd {
            what: "a reversed range",
            before: "abcdef\n",
            changes: one(2, range((0, 5), (0, 2), "-")),
            after: "ab-f\n",
        },
        Odd {
            what: "a reversed range across lines",
            before: "ab\ncd\n",
            changes: one(2, range((1, 1), (0, 1), "")),
            after: "ad\n",
        },
        Odd {
            what: "an empty change",
            before: "abc\n",
            changes: one(2, range((0, 1), (0, 1), "")),
            after: "abc\n",
        },
        Odd {
            what: "no changes at all",
            before: "abc\n",
            changes: vec![(2, json!([]))],
            after: "abc\n",
        },
        Odd {
            what: "a whole replacement",
            before: "abc\n",
            changes: vec![(2, json!([{"text": "new\n"}]))],
            after: "new\n",
        },
        Odd {
            what: "whole then ranged in one notification",
            before: "abc\n",
            changes: vec![(2, json!([{"text": "xyz\n"}, range((0, 1), (0, 2), "Y")]))],
            after: "xYz\n",
        },
        Odd {
            what: "ranged then whole in one notification",
            before: "abc\n",
            changes: vec![(2, json!([range((0, 0), (0, 1), "Q"), {"text": "fresh"}]))],
            after: "fresh",
        },
        Odd {
            what: "several ranged changes, each on the text the last left",
            before: "abc\n",
            changes: vec![(
                2,
                json!([
                    range((0, 0), (0, 0), "1"),
                    range((0, 2), (0, 3), ""),
                    range((0, 3), (0, 3), "\n2")
                ]),
            )],
            after: "1ac\n2\n",
        },
        Odd {
            what: "CRLF line ends",
            before: "ab\r\ncd\r\n",
            changes: one(2, range((0, 2), (1, 0), " ")),
            after: "ab cd\r\n",
        },
        Odd {
            what: "a lone CR ends a line",
            before: "ab\rcd",
            changes: one(2, range((1, 0), (1, 1), "C")),
            after: "ab\rCd",
        },
        Odd {
            what: "inserting a CR before a LF",
            before: "ab\ncd",
            changes: vec![
                (2, json!([range((0, 2), (0, 2), "\r")])),
                (3, json!([range((1, 0), (1, 0), ">")])),
            ],
            after: "ab\r\n>cd",
        },
        Odd {
            what: "versions going backwards",
            before: "abc",
            changes: vec![
                (9, json!([range((0, 0), (0, 0), "1")])),
                (4, json!([range((0, 0), (0, 0), "2")])),
            ],
            after: "21abc",
        },
        Odd {
            what: "a surrogate pair deleted whole",
            before: "a😀b",
            changes: one(2, range((0, 1), (0, 3), "")),
            after: "ab",
        },
        // A position inside a pair is the pair's start, as VS Code reads it.
        Odd {
            what: "a range ending inside a surrogate pair",
            before: "a😀b",
            changes: one(2, range((0, 0), (0, 2), "")),
            after: "😀b",
        },
        Odd {
            what: "a range starting inside a surrogate pair, then an edit after it",
            before: "a😀b",
            changes: vec![
                (2, json!([range((0, 2), (0, 3), "")])),
                (3, json!([range((0, 1), (0, 2), "B")])),
            ],
            after: "aB",
        },
    ]
}

#[test]
fn every_odd_kind_of_change_leaves_the_text_the_editor_holds() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = Session::start();
    initialize_on(&mut session, dir.path(), json!({}));
    let cases = odd_changes();
    assert_eq!(cases.len(), 21);
    for (i, case) in cases.iter().enumerate() {
        let uri = file_uri(&dir.path().join(format!("Case {i}.md")));
        open(&mut session, &uri, case.before);
        let mut last_version = 1;
        for (version, changes) in &case.changes {
            session.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
            );
            last_version = *version;
        }
        let seen = document_text(&mut session, 1000 + i as i64, &uri);
        assert_eq!(seen["text"], case.after, "{}", case.what);
        assert_eq!(seen["version"], last_version, "{}", case.what);
    }
    // A change to a note that is not open is ignored, and the session goes on.
    session.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": file_uri(&dir.path().join("Never opened.md")), "version": 2},
               "contentChanges": [range((0, 0), (0, 0), "x")]}),
    );
    assert!(session.hover(2000).get("error").is_none());
}

/// Every code action offered on every line of the demo, and every command — the actions'
/// and each coaching command at each line — run, with the client declining every edit the
/// server asks it to apply: no file changes, none appears, and the server's copy of each
/// note is still the editor's.
#[test]
fn a_session_of_code_actions_and_commands_changes_no_file() {
    let (dir, files) = demo_copy();
    let mut session = Session::start();
    let initialized = initialize_on(
        &mut session,
        dir.path(),
        json!({"workspace": {"applyEdit": true, "workspaceEdit": {"documentChanges": true,
               "resourceOperations": ["create"]}}}),
    );
    let coaching: Vec<Value> = initialized["capabilities"]["executeCommandProvider"]["commands"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!coaching.is_empty(), "{initialized}");
    let notes = notes(&files);
    for (uri, text) in &notes {
        open(&mut session, uri, text);
    }
    let (mut actions, mut commands) = (0, 0);
    let mut id = 10;
    let mut run = |session: &mut Session, command: &Value, arguments: &Value| {
        id += 1;
        session.request_with_id(
            id,
            "workspace/executeCommand",
            json!({"command": command, "arguments": arguments}),
        );
        // The client declines every edit the server asks it to apply.
        let done = session.response_answering(id, json!({"applied": false}));
        assert!(done.get("error").is_none(), "{command}: {done}");
        commands += 1;
    };
    let mut request_id = 100_000;
    for (uri, text) in &notes {
        for (line, content) in text.lines().enumerate() {
            request_id += 1;
            session.request_with_id(
                request_id,
                "textDocument/codeAction",
                json!({"textDocument": {"uri": uri}, "range": {
                    "start": {"line": line, "character": 0},
                    "end": {"line": line, "character": content.encode_utf16().count()},
                }, "context": {"diagnostics": []}}),
            );
            let offered = session.response_answering(request_id, Value::Null);
            let offered = offered["result"].as_array().cloned().unwrap_or_default();
            actions += offered.len();
            for action in offered {
                // A client without code action literals gets commands.
                if action["command"].is_string() {
                    run(&mut session, &action["command"], &action["arguments"]);
                }
            }
            let position = json!({"line": line, "character": 0});
            for command in &coaching {
                run(
                    &mut session,
                    command,
                    &json!([{"uri": uri, "position": position}]),
                );
            }
        }
    }
    assert!(actions > 100, "only {actions} code actions were offered");
    assert!(commands > actions, "only {commands} commands were run");
    for (path, bytes) in &files {
        assert_eq!(
            &fs::read(path).unwrap(),
            bytes,
            "{} changed",
            path.display()
        );
    }
    let unexpected: Vec<PathBuf> = walk(dir.path())
        .into_iter()
        .filter(|path| !files.contains_key(path))
        .collect();
    assert!(unexpected.is_empty(), "files appeared: {unexpected:?}");
    for (uri, text) in &notes {
        request_id += 1;
        assert_eq!(
            document_text(&mut session, request_id, uri)["text"],
            *text.as_str()
        );
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            found.extend(walk(&entry.path()));
        } else {
            found.push(entry.path());
        }
    }
    found
}

/// Workspace symbols for `query`: name → the URIs they are in.
fn symbols(session: &mut Session, id: i64, query: &str) -> HashMap<String, Vec<String>> {
    session.request_with_id(id, "workspace/symbol", json!({"query": query}));
    let response = session.response_answering(id, Value::Null);
    let mut found: HashMap<String, Vec<String>> = HashMap::new();
    for symbol in response["result"].as_array().expect("symbols") {
        found
            .entry(symbol["name"].as_str().unwrap().to_string())
            .or_default()
            .push(symbol["location"]["uri"].as_str().unwrap().to_string());
    }
    found
}

#[test]
fn notes_deleted_and_renamed_while_the_vault_is_indexed_leave_the_index_as_the_disk_is() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("Career.md"), "# Career\n\n## Vision\n\nLead.\n").unwrap();
    let path = |name: &str| root.join(format!("{name}.md"));
    for i in 0..900 {
        fs::write(
            path(&format!("Note {i:04}")),
            format!("# Topic{i:04}\n\nAbout [[Career]].\n"),
        )
        .unwrap();
    }
    let mut session = Session::start();
    initialize_on(
        &mut session,
        root,
        json!({"window": {"workDoneProgress": true}}),
    );
    // While the notes are read: 200 deleted, 200 renamed, each reported as editors do.
    let mut events = Vec::new();
    for i in 0..200 {
        let gone = path(&format!("Note {i:04}"));
        fs::remove_file(&gone).unwrap();
        events.push(json!({"uri": file_uri(&gone), "type": 3}));
    }
    for i in 200..400 {
        let (from, to) = (
            path(&format!("Note {i:04}")),
            path(&format!("Moved {i:04}")),
        );
        fs::rename(&from, &to).unwrap();
        events.push(json!({"uri": file_uri(&from), "type": 3}));
        events.push(json!({"uri": file_uri(&to), "type": 1}));
    }
    session.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": events}),
    );

    // A note's symbol is named after its file. (900 notes: all fit in one answer.)
    let found = symbols(&mut session, 10, "");
    for i in 0..400 {
        let name = format!("Note {i:04}");
        assert!(!found.contains_key(&name), "{name} is gone from the disk");
    }
    for i in 200..400 {
        let name = format!("Moved {i:04}");
        assert_eq!(
            found.get(&name),
            Some(&vec![file_uri(&path(&name))]),
            "{name} is on the disk"
        );
    }
    for i in 400..900 {
        let name = format!("Note {i:04}");
        assert!(found.contains_key(&name), "{name} is missing");
    }
}

#[test]
fn symlink_loops_and_links_to_the_file_systems_root_are_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("Career.md"), "# Career\n\n## Vision\n\nLead.\n").unwrap();
    fs::create_dir(root.join("Sessions")).unwrap();
    fs::write(root.join("Sessions/Kickoff.md"), "# Kickoff\n").unwrap();
    std::os::unix::fs::symlink(root, root.join("Sessions/loop")).unwrap();
    std::os::unix::fs::symlink("/", root.join("everything")).unwrap();
    std::os::unix::fs::symlink(root.join("b.md"), root.join("a.md")).unwrap();
    std::os::unix::fs::symlink(root.join("a.md"), root.join("b.md")).unwrap();
    let mut session = Session::start();
    initialize_on(&mut session, root, json!({}));
    let found = symbols(&mut session, 10, "");
    let mut uris: Vec<String> = found.into_values().flatten().collect();
    uris.sort();
    uris.dedup();
    assert_eq!(
        uris,
        vec![
            file_uri(&root.join("Career.md")),
            file_uri(&root.join("Sessions/Kickoff.md"))
        ]
    );
}

#[test]
fn broken_and_hostile_configuration_is_reported_and_the_session_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("Career.md"), "# Career\n\n## Vision\n").unwrap();
    let config = root.join("career-lsp.toml");
    fs::write(&config, "[rules\nmax-anual-goals = \"three\"\n\u{0}\u{7f}").unwrap();
    let mut session = Session::start();
    initialize_on(&mut session, root, json!({}));
    let reported = session.next_matching("the config file's problems", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == file_uri(&config)
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| !d.is_empty())
    });
    assert!(reported["params"]["diagnostics"][0]["message"].is_string());

    // Settings from the client of every wrong shape.
    for (i, settings) in [
        json!(null),
        json!([1, 2, 3]),
        json!({"careerLsp": {"rules": "all"}}),
        json!({"careerLsp": {"max-file-size": -1, "today": "yesterday", "rules": {"empty-section": 42}}}),
        json!({"careerLsp": {"diagnosticsDelayMs": 1e300}}),
        json!({"careerLsp": {"rules": {("x".repeat(10_000)): "error"}}}),
        (0..200).fold(json!(1), |inner, _| json!({"careerLsp": inner})),
    ]
    .into_iter()
    .enumerate()
    {
        session.notify("workspace/didChangeConfiguration", json!({"settings": settings}));
        let hover = session.hover(10 + i as i64);
        assert!(hover.get("error").is_none(), "{hover}");
    }
    session.request_with_id(50, "shutdown", Value::Null);
    assert!(session.response(50).get("error").is_none());
    session.notify("exit", Value::Null);
    assert!(session.wait().success());
}
