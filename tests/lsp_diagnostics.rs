//! The server's diagnostics end to end, in process: codes and versions, an edit that fixes
//! a problem, columns in UTF-16 and UTF-8, a change in one note re-checking another, and a
//! broken configuration.

mod common;

use std::path::Path;

use common::{file_uri, TestClient};
use serde_json::{json, Value};

const CAREER: &str = "# Career\n\n## Vision\n\n**North Star (2031):** Lead platform engineering at a company people copy.\n\n### The Picture\n- **Life:** Four-day weeks by the sea\n- **Role:** VP of Platform\n";

const GOALS: &str = "# 2026 Goals\n\n→ [[Career#Vision]]\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status | Vision |\n|------|---------|----------------|--------|--------|\n| G1 | Ship the internal platform | 10 teams onboarded | Done | Role |\n| G2 | Speak at two conferences | 2 talks accepted | Not started | Reach |\n";

fn workspace(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn init_params(root: &Path, utf8: bool) -> Value {
    let mut params = json!({
        "rootUri": file_uri(root),
        "initializationOptions": {"diagnosticsDelayMs": 0},
        "capabilities": {},
    });
    if utf8 {
        params["capabilities"] = json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}});
    }
    params
}

fn open(uri: &str, version: i32, text: &str) -> Value {
    json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": version, "text": text}})
}

fn codes(published: &Value) -> Vec<String> {
    published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

fn root(dir: &tempfile::TempDir) -> std::path::PathBuf {
    dir.path().canonicalize().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn diagnostics_carry_codes_and_versions_and_a_fixing_edit_clears_one() {
    let dir = workspace(&[
        ("Career.md", CAREER),
        ("career-lsp.toml", "today = \"2026-03-15\"\n"),
    ]);
    let (mut client, _) = TestClient::initialized(init_params(&root(&dir), false)).await;
    let uri = file_uri(&root(&dir).join("2026 Goals.md"));
    client
        .notify("textDocument/didOpen", open(&uri, 1, GOALS))
        .await;
    let first = client
        .notification_where("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri.as_str() && p["version"] == 1
        })
        .await;
    let invalid: Vec<&Value> = first["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "invalid-status")
        .collect();
    assert_eq!(invalid.len(), 1, "{first}");
    assert_eq!(
        invalid[0]["range"]["start"],
        json!({"line": 8, "character": 0})
    );
    assert_eq!(invalid[0]["source"], "career-lsp");
    assert_eq!(invalid[0]["severity"], 2);
    assert!(invalid[0]["codeDescription"]["href"]
        .as_str()
        .unwrap()
        .ends_with("invalid-status"));
    // G2's Reach has no picture line in the index: not linked.
    assert!(
        codes(&first).contains(&"goal-not-linked".to_string()),
        "{first}"
    );

    // Replace "Done" with "Complete" on line 8.
    let line = GOALS.lines().nth(8).unwrap();
    let start = line.find("Done").unwrap();
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{
                "range": {"start": {"line": 8, "character": start}, "end": {"line": 8, "character": start + 4}},
                "text": "Complete"}]}),
        )
        .await;
    let second = client
        .notification_where("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri.as_str() && p["version"] == 2
        })
        .await;
    assert!(
        !codes(&second).contains(&"invalid-status".to_string()),
        "{second}"
    );
    assert!(
        codes(&second).contains(&"goal-not-linked".to_string()),
        "{second}"
    );
    client.shutdown_and_exit().await;
}

async fn broken_link_column(utf8: bool) -> Value {
    let dir = workspace(&[("Career.md", CAREER)]);
    let (mut client, _) = TestClient::initialized(init_params(&root(&dir), utf8)).await;
    let uri = file_uri(&root(&dir).join("2026-02-03 Career Coaching Session.md"));
    let text = "# Session\n\n🎯 日本語 [[Missing Note]] and more\n";
    client
        .notify("textDocument/didOpen", open(&uri, 1, text))
        .await;
    let published = client
        .notification_where("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri.as_str()
        })
        .await;
    let broken = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "broken-link")
        .cloned();
    client.shutdown_and_exit().await;
    broken.unwrap_or_else(|| panic!("no broken-link in {published}"))["range"].clone()
}

#[tokio::test(flavor = "multi_thread")]
async fn columns_are_utf16_by_default_and_utf8_when_negotiated() {
    // "🎯 日本語 " is 2 + 1 + 3 + 1 UTF-16 code units and 4 + 1 + 9 + 1 bytes.
    let utf16 = broken_link_column(false).await;
    assert_eq!(utf16["start"], json!({"line": 2, "character": 7}));
    assert_eq!(utf16["end"], json!({"line": 2, "character": 23}));
    let utf8 = broken_link_column(true).await;
    assert_eq!(utf8["start"], json!({"line": 2, "character": 15}));
    assert_eq!(utf8["end"], json!({"line": 2, "character": 31}));
}

#[tokio::test(flavor = "multi_thread")]
async fn editing_the_vision_re_checks_the_goals_note() {
    let dir = workspace(&[("career-lsp.toml", "today = \"2026-03-15\"\n")]);
    let root = root(&dir);
    let career_path = root.join("Career.md");
    std::fs::write(&career_path, CAREER).unwrap();
    let (mut client, _) = TestClient::initialized(init_params(&root, false)).await;
    let goals = file_uri(&root.join("2026 Goals.md"));
    let career = file_uri(&career_path);
    client
        .notify("textDocument/didOpen", open(&goals, 1, GOALS))
        .await;
    let before = client
        .notification_where("textDocument/publishDiagnostics", |p| {
            p["uri"] == goals.as_str()
        })
        .await;
    assert!(
        codes(&before).contains(&"goal-not-linked".to_string()),
        "{before}"
    );

    // In the editor: add the Reach line to the Career Index's picture.
    client
        .notify("textDocument/didOpen", open(&career, 1, CAREER))
        .await;
    let end_line = CAREER.lines().count();
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": career, "version": 2}, "contentChanges": [{
                "range": {"start": {"line": end_line, "character": 0}, "end": {"line": end_line, "character": 0}},
                "text": "- **Reach:** Talks at two conferences a year\n"}]}),
        )
        .await;
    let after = client
        .notification_where("textDocument/publishDiagnostics", |p| {
            p["uri"] == goals.as_str() && !codes(p).contains(&"goal-not-linked".to_string())
        })
        .await;
    assert_eq!(after["version"], 1);

    // Outside the editor: the index loses its picture on disk, and the watcher says so.
    client
        .notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": career}}),
        )
        .await;
    std::fs::write(&career_path, "# Career\n\n## Vision\n\nTo be written.\n").unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": career, "type": 2}]}),
        )
        .await;
    client
        .notification_where("textDocument/publishDiagnostics", |p| {
            // Neither goal is linked now: one finding says so for both.
            p["uri"] == goals.as_str()
                && p["diagnostics"].as_array().is_some_and(|found| {
                    found.iter().any(|d| {
                        d["code"] == "goal-not-linked"
                            && d["message"]
                                .as_str()
                                .is_some_and(|m| m.starts_with("None of your 2 goals"))
                    })
                })
        })
        .await;
    client.shutdown_and_exit().await;
}

/// A configuration whose second line has a bad value.
const BROKEN_CONFIG: &str = "today = \"2026-03-15\"\nmax-annual-goals = \"ten\"\n";

#[tokio::test(flavor = "multi_thread")]
async fn a_broken_config_file_gets_a_diagnostic_and_the_defaults_apply() {
    let four_goals = GOALS.to_string()
        + "| G3 | Mentor two engineers | 2 promotions | Not started | Role |\n| G4 | Write a book proposal | 1 proposal sent | Not started | Life |\n";
    let dir = workspace(&[("Career.md", CAREER), ("career-lsp.toml", BROKEN_CONFIG)]);
    let root = root(&dir);
    let (mut client, _) = TestClient::initialized(init_params(&root, false)).await;
    let config = file_uri(&root.join("career-lsp.toml"));
    let problem = client
        .notification_where("textDocument/publishDiagnostics", |p| {
            p["uri"] == config.as_str()
        })
        .await;
    let diagnostic = &problem["diagnostics"][0];
    assert_eq!(diagnostic["range"]["start"]["line"], 1, "{problem}");
    assert!(
        diagnostic["message"]
            .as_str()
            .unwrap()
            .contains("using the default"),
        "{problem}"
    );

    let goals = file_uri(&root.join("2026 Goals.md"));
    client
        .notify("textDocument/didOpen", open(&goals, 1, &four_goals))
        .await;
    let published = client
        .notification_where("textDocument/publishDiagnostics", |p| {
            p["uri"] == goals.as_str()
        })
        .await;
    assert!(
        codes(&published).contains(&"too-many-priorities".to_string()),
        "{published}"
    );
    client.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_open_config_file_is_located_against_its_unsaved_text() {
    // On disk the bad value is on line 2; in the editor, unsaved, two comment lines above
    // it move it to line 4. The diagnostic must point at line 4 of what the person sees.
    let dir = workspace(&[("Career.md", CAREER), ("career-lsp.toml", BROKEN_CONFIG)]);
    let root = root(&dir);
    let (mut client, _) = TestClient::initialized(init_params(&root, false)).await;
    let config = file_uri(&root.join("career-lsp.toml"));
    let unsaved =
        "today = \"2026-03-15\"\n# Goals\n# (at most three)\nmax-annual-goals = \"ten\"\n";
    client
        .notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": config, "languageId": "toml", "version": 1, "text": unsaved}}),
        )
        .await;
    let problem = client
        .notification_where("textDocument/publishDiagnostics", |p| {
            p["uri"] == config.as_str() && p["diagnostics"][0]["range"]["start"]["line"] == 3
        })
        .await;
    let range = &problem["diagnostics"][0]["range"];
    assert_eq!(range["start"]["character"], 19, "{problem}");
    client.shutdown_and_exit().await;
}
