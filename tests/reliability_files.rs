//! What the file system can hand the server, over the built binary on stdio: a FIFO named
//! like a note, a configuration file that is a FIFO, a device reported by the file
//! watcher. None of them is read; each is passed over with a log line, and the server
//! keeps answering. And `check` on a folder with a note that is not UTF-8: a link to it
//! says why the note is not indexed instead of calling it missing.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::file_uri;
use common::stdio::Session;
use serde_json::{json, Value};

const CAREER: &str = "# Career\n\n## Vision\n\n**North Star (2031):** Lead a platform group.\n\nSee [[Old Notes]].\n";

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo {}", path.display());
}

/// A folder holding `files`, and its canonical path.
fn folder(files: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    for (name, bytes) in files {
        std::fs::write(root.join(name), bytes).unwrap();
    }
    (dir, root)
}

fn initialize(session: &mut Session, root: &Path) {
    session.initialize_with(json!({
        "rootUri": file_uri(root),
        "capabilities": {
            "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}},
        },
    }));
}

fn open(session: &mut Session, uri: &str, text: &str) {
    session.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
}

/// A hover on the note's first line: answered at all (its content does not matter here).
fn hover(session: &mut Session, uri: &str) -> Value {
    let response = session.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 2}}),
    );
    assert!(response.get("error").is_none(), "{response}");
    response
}

/// The server's copy of a note.
fn server_text(session: &mut Session, uri: &str) -> String {
    let response = session.request("careerLsp/documentText", json!({"uri": uri}));
    response["result"]["text"]
        .as_str()
        .unwrap_or_else(|| panic!("{response}"))
        .to_string()
}

fn watched(session: &mut Session, changes: Value) {
    session.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": changes}),
    );
}

#[test]
fn a_fifo_reported_by_the_file_watcher_is_not_read_and_the_server_keeps_serving() {
    let (_dir, root) = folder(&[("Career.md", CAREER.as_bytes())]);
    let mut session = Session::start_in(&root);
    initialize(&mut session, &root);
    let career = file_uri(&root.join("Career.md"));
    open(&mut session, &career, CAREER);
    hover(&mut session, &career);

    // Reading a FIFO waits for a writer, which never comes.
    let pipe = root.join("pipe.md");
    mkfifo(&pipe);
    let pipe_uri = file_uri(&pipe);
    watched(
        &mut session,
        json!([{"uri": pipe_uri, "type": 1}, {"uri": pipe_uri, "type": 2}]),
    );

    hover(&mut session, &career);
    let edited = CAREER.replace("platform group", "platform organisation");
    session.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": career, "version": 2},
            "contentChanges": [{"text": edited}],
        }),
    );
    assert_eq!(server_text(&mut session, &career), edited);
    let line = session.log_line(|line| line.contains("pipe.md") && line.contains("FIFO"));
    assert!(line.contains("not a regular file"), "{line}");
    assert!(session.shutdown_and_exit().success());
}

#[test]
fn a_configuration_file_that_is_a_fifo_does_not_hold_up_initialize() {
    let (_dir, root) = folder(&[("Career.md", CAREER.as_bytes())]);
    mkfifo(&root.join("career-lsp.toml"));
    let mut session = Session::start_in(&root);
    initialize(&mut session, &root);

    // The configuration is reported as what it is; the defaults apply.
    let config = file_uri(&root.join("career-lsp.toml"));
    let published = session.notification_where("textDocument/publishDiagnostics", |p| {
        p["uri"] == config.as_str()
    });
    let message = published["diagnostics"][0]["message"]
        .as_str()
        .unwrap_or("");
    assert!(
        message.contains("not a regular file (a FIFO)"),
        "{published}"
    );
    session.log_line(|line| line.contains("career-lsp.toml") && line.contains("FIFO"));

    let career = file_uri(&root.join("Career.md"));
    open(&mut session, &career, CAREER);
    hover(&mut session, &career);
    assert!(session.shutdown_and_exit().success());
}

#[test]
fn a_device_reported_by_the_file_watcher_is_ignored() {
    let (_dir, root) = folder(&[("Career.md", CAREER.as_bytes())]);
    let mut session = Session::start_in(&root);
    initialize(&mut session, &root);
    let career = file_uri(&root.join("Career.md"));
    open(&mut session, &career, CAREER);

    // Not Markdown and under no root: never opened (a device reports a size of 0 and never
    // ends). A link to it named like a note, under the root, is not followed.
    watched(
        &mut session,
        json!([
            {"uri": "file:///dev/zero", "type": 1},
            {"uri": "file:///dev/zero", "type": 2},
        ]),
    );
    hover(&mut session, &career);
    session.log_line(|line| line.contains("ignoring /dev/zero"));

    std::os::unix::fs::symlink("/dev/zero", root.join("zero.md")).unwrap();
    watched(
        &mut session,
        json!([{"uri": file_uri(&root.join("zero.md")), "type": 1}]),
    );
    hover(&mut session, &career);
    session.log_line(|line| line.contains("zero.md") && line.contains("symbolic link"));
    assert!(session.shutdown_and_exit().success());
}

#[test]
fn check_says_why_a_linked_note_is_not_indexed() {
    let (_dir, root) = folder(&[
        ("career-lsp.toml", b"today = \"2026-03-15\"\n"),
        ("Career.md", CAREER.as_bytes()),
        // "Café" in Latin-1: not UTF-8.
        ("Old Notes.md", b"# Old notes\n\nCaf\xe9 with the team.\n"),
    ]);
    let output = Command::new(env!("CARGO_BIN_EXE_career-lsp"))
        .args(["check", "."])
        .current_dir(&root)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stdout.lines().any(|line| line
            == "Career.md:7:5: info[broken-link] “Old Notes” is not indexed: it is not UTF-8 (byte 0xE9 at offset 16) — save it as UTF-8 to have it checked."),
        "{stdout}"
    );
    assert!(!stdout.contains("There is no note"), "{stdout}");
    assert!(stderr.contains("Old Notes.md: not UTF-8"), "{stderr}");

    // Saved as UTF-8, the note is read and the link holds.
    std::fs::write(
        root.join("Old Notes.md"),
        "# Old notes\n\nCafé with the team.\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_career-lsp"))
        .args(["check", "."])
        .current_dir(&root)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(!stdout.contains("broken-link"), "{stdout}");
}
