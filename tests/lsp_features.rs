//! The editing features over the protocol, in process: code actions with versioned edits,
//! commands that apply edits, and the capabilities advertised for them.

mod common;

use common::{file_uri, TestClient};
use serde_json::{json, Value};

const CAREER: &str = "# Career\n\n## Vision\n\n**North Star (2031):** [One sentence]\n\n## Innovation Thesis\n\nPlatform teams should be product teams.\n";

fn init(root: &std::path::Path, edits: Value) -> Value {
    json!({
        "rootUri": file_uri(root),
        "initializationOptions": {"diagnosticsDelayMs": 0, "today": "2026-03-15"},
        "capabilities": {
            "workspace": {"workspaceEdit": edits},
            "textDocument": {"codeAction": LITERALS.clone()},
        },
    })
}

/// What an editor that takes `CodeAction` literals declares (VS Code, Neovim, Emacs do).
static LITERALS: std::sync::LazyLock<Value> = std::sync::LazyLock::new(
    || json!({"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix", "refactor", "source"]}}}),
);

fn open(uri: &str, version: i32, text: &str) -> Value {
    json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": version, "text": text}})
}

fn titles(actions: &Value) -> Vec<String> {
    actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn code_actions_carry_edits_against_the_document_version() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let (mut client, initialized) = TestClient::initialized(init(
        &root,
        json!({"documentChanges": true, "resourceOperations": ["create"]}),
    ))
    .await;
    assert!(
        initialized["capabilities"]["codeActionProvider"]["codeActionKinds"]
            .as_array()
            .unwrap()
            .contains(&json!("quickfix"))
    );
    let commands = initialized["capabilities"]["executeCommandProvider"]["commands"]
        .as_array()
        .unwrap();
    assert!(
        commands.contains(&json!("career-lsp.askNextQuestion")),
        "{commands:?}"
    );

    let uri = file_uri(&root.join("Career.md"));
    client
        .notify("textDocument/didOpen", open(&uri, 3, CAREER))
        .await;
    let actions = client
        .request_ok(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 8, "character": 3}, "end": {"line": 8, "character": 3}}, "context": {"diagnostics": []}}),
        )
        .await;
    let listed = titles(&actions);
    assert!(
        listed.contains(&"Insert review prompt for Innovation Thesis".to_string()),
        "{listed:?}"
    );
    assert!(
        listed.contains(&"Run blind spot review".to_string()),
        "{listed:?}"
    );
    let prompt = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Insert review prompt for Innovation Thesis")
        .unwrap();
    let change = &prompt["edit"]["documentChanges"][0];
    assert_eq!(change["textDocument"], json!({"uri": uri, "version": 3}));
    assert_eq!(
        change["edits"][0]["range"]["start"],
        json!({"line": 6, "character": 20})
    );
    assert_eq!(
        change["edits"][0]["newText"],
        "\n\n> What do you believe about your industry that others don't?"
    );

    // `only` filters by kind.
    let only_fixes = client
        .request_ok(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": [], "only": ["source"]}}),
        )
        .await;
    assert_eq!(
        titles(&only_fixes),
        vec!["Start a session log (2026-03-15 Career Coaching Session.md)".to_string()]
    );
    client.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_logs_fix_edits_the_career_index_at_its_version() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let index =
        "# Career\n\n## Session Logs\n\n| Date | Focus | Output |\n|------|-------|--------|\n";
    std::fs::write(root.join("Career.md"), index).unwrap();
    let log = "# 2026-03-01 Career Coaching Session\n\n**Focus:** Promo case\n\n## Discussed\n- Ruud.\n\n## Decisions\n- Ask Ana.\n\n## Open threads\n- Who else?\n";
    std::fs::write(root.join("2026-03-01 Career Coaching Session.md"), log).unwrap();
    let (mut client, _) = TestClient::initialized(init(
        &root,
        json!({"documentChanges": true, "resourceOperations": ["create"]}),
    ))
    .await;
    let log_uri = file_uri(&root.join("2026-03-01 Career Coaching Session.md"));
    let index_uri = file_uri(&root.join("Career.md"));
    client
        .notify("textDocument/didOpen", open(&log_uri, 1, log))
        .await;
    // The index is read from disk (no version), then open in the editor (its version).
    for version in [None, Some(5)] {
        if let Some(version) = version {
            client
                .notify("textDocument/didOpen", open(&index_uri, version, index))
                .await;
        }
        let actions = client
            .request_ok(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": log_uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}}),
            )
            .await;
        let fix = actions
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["title"] == "Add to the Session Logs table")
            .unwrap_or_else(|| panic!("{:?}", titles(&actions)));
        let changes = fix["edit"]["documentChanges"].as_array().unwrap();
        assert_eq!(changes.len(), 1, "{fix}");
        assert_eq!(
            changes[0]["textDocument"],
            json!({"uri": index_uri, "version": version})
        );
        assert_eq!(
            changes[0]["edits"][0],
            json!({
                "range": {"start": {"line": 5, "character": 25}, "end": {"line": 5, "character": 25}},
                "newText": "\n| [[2026-03-01 Career Coaching Session]] | Promo case | Ask Ana |"
            })
        );
    }
    client.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_command_applies_its_edit_through_the_client() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let (mut client, _) = TestClient::initialized(init(
        &root,
        json!({"documentChanges": true, "resourceOperations": ["create"]}),
    ))
    .await;
    let uri = file_uri(&root.join("Career.md"));
    client
        .notify("textDocument/didOpen", open(&uri, 1, CAREER))
        .await;
    let result = client
        .request_ok(
            "workspace/executeCommand",
            json!({"command": "career-lsp.startSessionLog", "arguments": [{"uri": uri}]}),
        )
        .await;
    assert_eq!(result, Value::Null);
    let apply = client.server_request("workspace/applyEdit").await;
    let operations = &apply["params"]["edit"]["documentChanges"];
    assert_eq!(operations[0]["kind"], "create");
    assert_eq!(
        operations[0]["uri"],
        file_uri(&root.join("2026-03-15 Career Coaching Session.md"))
    );
    assert_eq!(
        operations[0]["options"],
        json!({"overwrite": false, "ignoreIfExists": false})
    );
    assert!(operations[1]["edits"][0]["newText"]
        .as_str()
        .unwrap()
        .contains("## Open threads"));

    let unknown = client
        .request(
            "workspace/executeCommand",
            json!({"command": "career-lsp.nope", "arguments": []}),
        )
        .await;
    assert_eq!(unknown["error"]["code"], -32602, "{unknown}");
    client.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn without_file_creation_a_new_note_is_appended_to_the_current_one() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let (mut client, _) = TestClient::initialized(init(&root, json!({}))).await;
    let uri = file_uri(&root.join("Career.md"));
    client
        .notify("textDocument/didOpen", open(&uri, 1, CAREER))
        .await;
    client
        .request_ok(
            "workspace/executeCommand",
            json!({"command": "career-lsp.startSessionLog", "arguments": [{"uri": uri}]}),
        )
        .await;
    let apply = client.server_request("workspace/applyEdit").await;
    let edits = apply["params"]["edit"]["changes"][uri.as_str()]
        .as_array()
        .unwrap();
    // The index lists the new log, and the log itself comes after, to be saved by hand.
    let texts: Vec<&str> = edits
        .iter()
        .map(|e| e["newText"].as_str().unwrap())
        .collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(
        texts[0].contains("## Session Logs")
            && texts[0].contains("| [[2026-03-15 Career Coaching Session]] | | |"),
        "{texts:?}"
    );
    assert!(
        texts[1].starts_with(
            "\n\n<!-- Save what follows as “2026-03-15 Career Coaching Session.md” -->"
        ),
        "{texts:?}"
    );
    for edit in edits {
        assert_eq!(edit["range"]["start"], json!({"line": 9, "character": 0}));
    }
    client.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn hover_explains_a_role_in_markdown_or_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let text = "# Career\n\n## Network & Influence\n\n### Sponsors\n| Name | Context |\n|------|---------|\n| Priya Raman | VP Engineering |\n\nPriya keeps sponsoring my promo case.\n";
    for (format, kind) in [
        (json!(["markdown", "plaintext"]), "markdown"),
        (json!(["plaintext"]), "plaintext"),
    ] {
        let (mut client, initialized) = TestClient::initialized(json!({
            "rootUri": file_uri(&root),
            "capabilities": {"textDocument": {"hover": {"contentFormat": format}}},
        }))
        .await;
        assert_eq!(initialized["capabilities"]["hoverProvider"], true);
        let uri = file_uri(&root.join("Career.md"));
        client
            .notify("textDocument/didOpen", open(&uri, 1, text))
            .await;
        // "sponsoring" on line 9.
        let hover = client
            .request_ok(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": {"line": 9, "character": 14}}),
            )
            .await;
        assert_eq!(hover["contents"]["kind"], kind, "{hover}");
        let value = hover["contents"]["value"].as_str().unwrap();
        assert!(value.contains("Priya Raman"), "{value}");
        assert!(value.to_lowercase().contains("not in the room"), "{value}");
        assert_eq!(
            hover["range"],
            json!({"start": {"line": 9, "character": 12}, "end": {"line": 9, "character": 22}})
        );
        if kind == "plaintext" {
            assert!(!value.contains("**"), "{value}");
        }
        let nothing = client
            .request_ok(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": {"line": 9, "character": 1}}),
            )
            .await;
        assert_eq!(nothing, Value::Null);
        client.shutdown_and_exit().await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn inlay_hints_show_pillars_and_are_refreshed_when_the_index_changes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let career = "# Career\n\n## Vision\n\n### The Picture\n- **Role:** VP of Platform\n";
    let goals = "# 2026 Goals\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status | Vision |\n|---|---|---|---|---|\n| G1 | Ship the platform | 10 teams | In progress | Role |\n| G2 | Write more | 6 posts | Not started | |\n";
    let (mut client, initialized) = TestClient::initialized(json!({
        "rootUri": file_uri(&root),
        "initializationOptions": {"diagnosticsDelayMs": 0, "today": "2026-03-15"},
        "capabilities": {"workspace": {"inlayHint": {"refreshSupport": true}}},
    }))
    .await;
    assert_eq!(initialized["capabilities"]["inlayHintProvider"], true);
    let goals_uri = file_uri(&root.join("2026 Goals.md"));
    let career_uri = file_uri(&root.join("Career.md"));
    client
        .notify("textDocument/didOpen", open(&career_uri, 1, career))
        .await;
    client
        .notify("textDocument/didOpen", open(&goals_uri, 1, goals))
        .await;
    let hints = client
        .request_ok(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": goals_uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}}}),
        )
        .await;
    let labels: Vec<(u64, String)> = hints
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["position"]["line"].as_u64().unwrap(),
                h["label"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        labels
            .iter()
            .any(|(line, label)| *line == 6 && label.contains("Role")),
        "{labels:?}"
    );
    assert!(
        labels
            .iter()
            .any(|(line, label)| *line == 7 && label.contains("not linked")),
        "{labels:?}"
    );

    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": career_uri, "version": 2}, "contentChanges": [{
                "range": {"start": {"line": 6, "character": 0}, "end": {"line": 6, "character": 0}},
                "text": "- **Reach:** Talks at two conferences\n"}]}),
        )
        .await;
    client.server_request("workspace/inlayHint/refresh").await;
    client.shutdown_and_exit().await;
}

const GOALS: &str = "# 2026 Goals\n\n→ [[Career#Vision]]\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status | Vision |\n|---|---|---|---|---|\n| G1 | Ship the platform | 10 teams | In progress | Role |\n| G2 | Write more | 6 posts |  | Reach |\n\n## Quarterly Intentions\n\n| Quarter | Intention | Focus |\n|---|---|---|\n| Q1 | Stabilize | G1 |\n\n## Weekly Actions\n\n### Week of 2026-03-09\n- [ ] Draft the onboarding guide (G1)\n- [ ] Outline a post (G2)\n";

#[tokio::test(flavor = "multi_thread")]
async fn completion_symbols_folding_definition_references_and_rename() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(
        root.join("Career.md"),
        "# Career\n\n## Vision\n\n### The Picture\n- **Role:** VP\n- **Reach:** Talks\n",
    )
    .unwrap();
    let (mut client, initialized) = TestClient::initialized(json!({
        "rootUri": file_uri(&root),
        "initializationOptions": {"today": "2026-03-15"},
        "capabilities": {"workspace": {"workspaceEdit": {"documentChanges": true}}},
    }))
    .await;
    let capabilities = &initialized["capabilities"];
    for provider in [
        "documentSymbolProvider",
        "workspaceSymbolProvider",
        "foldingRangeProvider",
        "definitionProvider",
        "referencesProvider",
    ] {
        assert_eq!(capabilities[provider], true, "{provider}");
    }
    assert_eq!(capabilities["renameProvider"]["prepareProvider"], true);
    let uri = file_uri(&root.join("2026 Goals.md"));
    client
        .notify("textDocument/didOpen", open(&uri, 4, GOALS))
        .await;
    let at = |line: u32, character: u32| json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}});

    // Status values in G2's empty Status cell (line 9, after "| 6 posts | ").
    let line = GOALS.lines().nth(9).unwrap();
    let status_column = line.find("|  |").unwrap() + 2;
    let items = client
        .request_ok("textDocument/completion", at(9, status_column as u32))
        .await;
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["Not started", "In progress", "Complete"]);

    let symbols = client
        .request_ok(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let title = &symbols[0];
    assert_eq!(title["name"], "2026 Goals");
    let annual = title["children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Annual Goals")
        .unwrap();
    let goals: Vec<&str> = annual["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(goals, ["G1 — Ship the platform", "G2 — Write more"]);

    let workspace_symbols = client
        .request_ok("workspace/symbol", json!({"query": "pltfrm"}))
        .await;
    assert!(
        workspace_symbols
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["name"] == "G1 — Ship the platform"),
        "{workspace_symbols}"
    );

    let folds = client
        .request_ok(
            "textDocument/foldingRange",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    assert!(
        folds
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["startLine"] == 4),
        "{folds}"
    );

    // From the G1 in a weekly action (line 20) to its row (line 8).
    let weekly = GOALS.lines().nth(20).unwrap();
    let g1 = weekly.find("G1").unwrap() as u32;
    let definition = client
        .request_ok("textDocument/definition", at(20, g1))
        .await;
    assert_eq!(definition[0]["range"]["start"]["line"], 8, "{definition}");
    let mut references = at(8, 2);
    references["context"] = json!({"includeDeclaration": false});
    let found = client
        .request_ok("textDocument/references", references)
        .await;
    let lines: Vec<u64> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["range"]["start"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [15, 20]);

    let prepared = client
        .request_ok("textDocument/prepareRename", at(20, g1))
        .await;
    assert_eq!(prepared["placeholder"], "G1");
    let mut rename = at(20, g1);
    rename["newName"] = json!("G3");
    let edit = client.request_ok("textDocument/rename", rename).await;
    let change = &edit["documentChanges"][0];
    assert_eq!(change["textDocument"]["version"], 4);
    assert_eq!(change["edits"].as_array().unwrap().len(), 3, "{edit}");
    let mut taken = at(20, g1);
    taken["newName"] = json!("G2");
    assert_eq!(
        client.request("textDocument/rename", taken).await["error"]["code"],
        -32602
    );
    assert_eq!(
        client
            .request_ok("textDocument/prepareRename", at(8, 6))
            .await,
        Value::Null
    );
    client.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn quick_fixes_are_attached_to_their_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(
        root.join("Career.md"),
        "# Career\n\n## Vision\n\n### The Picture\n- **Role:** VP\n- **Reach:** Talks\n",
    )
    .unwrap();
    let (mut client, _) = TestClient::initialized(json!({
        "rootUri": file_uri(&root),
        "initializationOptions": {"diagnosticsDelayMs": 0, "today": "2026-03-15"},
        "capabilities": {
            "workspace": {"workspaceEdit": {"documentChanges": true}},
            "textDocument": {"codeAction": LITERALS.clone()},
        },
    }))
    .await;
    let uri = file_uri(&root.join("2026 Goals.md"));
    let text = GOALS.replace("| 6 posts |  |", "| 6 posts | Done |");
    client
        .notify("textDocument/didOpen", open(&uri, 2, &text))
        .await;
    let published = client
        .notification_where("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri.as_str()
        })
        .await;
    let invalid = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "invalid-status")
        .cloned()
        .unwrap();
    let actions = client
        .request_ok(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": invalid["range"], "context": {"diagnostics": [invalid.clone()], "only": ["quickfix"]}}),
        )
        .await;
    let actions = actions.as_array().unwrap();
    let complete = actions
        .iter()
        .find(|a| a["title"] == "Set G2's status to Complete")
        .unwrap_or_else(|| panic!("{actions:?}"));
    assert_eq!(complete["isPreferred"], true);
    assert_eq!(complete["diagnostics"][0]["code"], "invalid-status");
    let edit = &complete["edit"]["documentChanges"][0];
    assert_eq!(edit["textDocument"]["version"], 2);
    assert_eq!(edit["edits"][0]["newText"], "Complete");
    assert!(
        actions
            .iter()
            .any(|a| a["title"] == "Ignore invalid-status here"),
        "{actions:?}"
    );
    client.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unrecognised_heading_can_become_an_alias_in_the_config_file_or_be_renamed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let config = "today = \"2026-03-15\"\n\n[rules]\nnetwork-gap = \"off\"\n";
    std::fs::write(root.join("career-lsp.toml"), config).unwrap();
    let (mut client, _) = TestClient::initialized(init(
        &root,
        json!({"documentChanges": true, "resourceOperations": ["create"]}),
    ))
    .await;
    let uri = file_uri(&root.join("Career.md"));
    let text = "# Career\n\n## Vision\n\nRun payments engineering by 2030.\n\n## Major Achievements Shipped\n\n- Launched the partner API; 30 partners in the first quarter.\n";
    client
        .notify("textDocument/didOpen", open(&uri, 4, text))
        .await;
    let actions = client
        .request_ok(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 6, "character": 5}, "end": {"line": 6, "character": 5}}, "context": {"diagnostics": []}}),
        )
        .await;
    let listed = titles(&actions);
    let treat = listed
        .iter()
        .position(|t| t == "Treat ‘Major Achievements Shipped’ as Wins & Artifacts")
        .unwrap_or_else(|| panic!("{listed:?}"));
    assert_eq!(listed[treat + 1], "Rename to Wins & Artifacts");

    // The alias goes into the config file on disk, which is not open: no version.
    let change = &actions[treat]["edit"]["documentChanges"][0];
    assert_eq!(
        change["textDocument"],
        json!({"uri": file_uri(&root.join("career-lsp.toml")), "version": null})
    );
    assert_eq!(
        change["edits"][0],
        json!({
            "range": {"start": {"line": 4, "character": 0}, "end": {"line": 4, "character": 0}},
            "newText": "\n[aliases]\n\"Major Achievements Shipped\" = \"wins\"\n"
        })
    );
    // Renaming edits the heading of the open note, at its version.
    let rename = &actions[treat + 1]["edit"]["documentChanges"][0];
    assert_eq!(rename["textDocument"], json!({"uri": uri, "version": 4}));
    assert_eq!(
        rename["edits"][0],
        json!({
            "range": {"start": {"line": 6, "character": 3}, "end": {"line": 6, "character": 29}},
            "newText": "Wins & Artifacts"
        })
    );
    client.shutdown_and_exit().await;
}

/// A brag document with several findings at its title and a win without a number.
const BRAG: &str = "# Career\n\n## Vision\n\n**North Star (2030):** Staff engineer on a logistics platform.\n\n## Current Role\n\nSenior engineer, shipments.\n\n## Timeline\n\n| Years | Role | Company | Key Achievement |\n|---|---|---|---|\n| 2021– | Senior Engineer | Freightline | Led the ingestion rewrite |\n\n## Growth\n\n- Kafka, idempotent consumers\n\n## Network\n\n### Sponsors\n- Ruud Janssen — VP Engineering\n\n### Mentors\n- Elena Marchetti — Staff Engineer\n\n## Wins\n\n- Improved the reliability of the ingestion pipeline\n\n## Open Tasks\n\n- [ ] Ask Ruud about the staff promotion\n";

#[tokio::test(flavor = "multi_thread")]
async fn code_actions_put_the_asked_diagnostics_first_and_keep_file_level_fixes_at_the_title() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let (mut client, _) =
        TestClient::initialized(init(&root, json!({"documentChanges": true}))).await;
    let uri = file_uri(&root.join("Career.md"));
    client
        .notify("textDocument/didOpen", open(&uri, 1, BRAG))
        .await;
    let published = client
        .notification_where("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri.as_str()
        })
        .await;
    let diagnostics = published["diagnostics"].as_array().unwrap().clone();
    let find = |code: &str| {
        diagnostics
            .iter()
            .find(|d| d["code"] == code)
            .cloned()
            .unwrap_or_else(|| panic!("no {code} in {diagnostics:?}"))
    };
    let (missing, win) = (find("missing-section"), find("unquantified-win"));
    let win_line = win["range"]["start"]["line"].as_u64().unwrap();
    let at = |line: u64, asked: Vec<Value>| json!({"textDocument": {"uri": uri}, "range": {"start": {"line": line, "character": 2}, "end": {"line": line, "character": 2}}, "context": {"diagnostics": asked}});
    let codes_of = |actions: &Value| -> Vec<String> {
        actions
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                a["diagnostics"][0]["code"]
                    .as_str()
                    .unwrap_or("")
                    .to_string()
            })
            .collect()
    };

    // At the win, with nothing asked: the win's fixes, and no file-level ones.
    let plain = client
        .request_ok("textDocument/codeAction", at(win_line, vec![]))
        .await;
    let listed = titles(&plain);
    assert!(
        !listed
            .iter()
            .any(|t| t == "Add all missing sections" || t == "Ignore missing-section here"),
        "{listed:?}"
    );

    // Asked for the file-level diagnostic and the win's: their fixes first, in that order.
    let asked = client
        .request_ok(
            "textDocument/codeAction",
            at(win_line, vec![missing.clone(), win.clone()]),
        )
        .await;
    let codes = codes_of(&asked);
    let first = |code: &str| codes.iter().position(|c| c == code).unwrap();
    assert_eq!(codes[0], "missing-section", "{codes:?}");
    assert!(
        first("missing-section") < first("unquantified-win"),
        "{codes:?}"
    );
    let listed = titles(&asked);
    assert_eq!(listed[first("missing-section")], "Add all missing sections");

    // On the title line, the file-level fixes are offered without being asked for.
    let on_title = client
        .request_ok("textDocument/codeAction", at(0, vec![]))
        .await;
    let listed = titles(&on_title);
    assert!(
        listed.iter().any(|t| t == "Add all missing sections"),
        "{listed:?}"
    );
    client.shutdown_and_exit().await;
}

/// `career-lsp.showReport` answers the dashboard of the root a note belongs to, or of the
/// workspace's root without an argument, as one HTML page; a bad argument is an error.
#[tokio::test(flavor = "multi_thread")]
async fn show_report_returns_the_workspaces_dashboard() {
    let demo = demo_notes();
    let root = demo.path().canonicalize().unwrap();
    let (mut client, initialized) = TestClient::initialized(init(&root, json!({}))).await;
    let commands = &initialized["capabilities"]["executeCommandProvider"]["commands"];
    assert!(
        commands
            .as_array()
            .unwrap()
            .contains(&json!("career-lsp.showReport")),
        "{commands}"
    );
    let of_note = client
        .request_ok(
            "workspace/executeCommand",
            json!({"command": "career-lsp.showReport", "arguments": [{"uri": file_uri(&root.join("Career.md"))}]}),
        )
        .await;
    let page = of_note.as_str().expect("the page, as a string");
    assert!(page.starts_with("<!DOCTYPE html>"), "{page:.200}");
    assert!(page.contains("G4 Get better at public speaking"));
    assert!(page.contains("2026 Goals.md:31"));
    let of_root = client
        .request_ok(
            "workspace/executeCommand",
            json!({"command": "career-lsp.showReport"}),
        )
        .await;
    assert_eq!(of_root, of_note);
    let error = client
        .request(
            "workspace/executeCommand",
            json!({"command": "career-lsp.showReport", "arguments": [{"uri": 7}]}),
        )
        .await;
    assert_eq!(error["error"]["code"], -32602, "{error}");
    client.shutdown_and_exit().await;
}

/// Code lenses, document highlights and document links over stdio, on the demo: G1's
/// progress above its row, the goal's mentions highlighted, the note's links resolved.
#[tokio::test(flavor = "multi_thread")]
async fn lenses_highlights_and_links_on_the_demo() {
    let demo = demo_notes();
    let root = demo.path().canonicalize().unwrap();
    let (mut client, initialized) = TestClient::initialized(init(&root, json!({}))).await;
    let capabilities = &initialized["capabilities"];
    assert_eq!(capabilities["documentHighlightProvider"], true);
    assert_eq!(capabilities["codeLensProvider"]["resolveProvider"], false);
    assert_eq!(
        capabilities["documentLinkProvider"]["resolveProvider"],
        false
    );
    let path = root.join("2026 Goals.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = file_uri(&path);
    client
        .notify("textDocument/didOpen", open(&uri, 1, &text))
        .await;
    let lenses = client
        .request_ok(
            "textDocument/codeLens",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let lenses = lenses.as_array().unwrap();
    assert_eq!(lenses.len(), 4, "{lenses:?}");
    // G1's row is line 9 (0-based 8).
    assert_eq!(
        lenses[0]["range"]["start"],
        json!({"line": 8, "character": 0})
    );
    assert_eq!(
        lenses[0]["command"]["title"],
        "1/2 milestones · 0/1 weekly action · serves Role"
    );
    assert_eq!(lenses[0]["command"]["command"], "careerLsp.showReferences");
    assert_eq!(
        lenses[3]["command"]["title"],
        "0/0 milestones · 0/0 weekly actions · not linked to the vision"
    );

    let highlights = client
        .request_ok(
            "textDocument/documentHighlight",
            json!({"textDocument": {"uri": uri}, "position": {"line": 8, "character": 3}}),
        )
        .await;
    let kinds: Vec<i64> = highlights
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_i64().unwrap())
        .collect();
    // Write on G1's own cell, Read on each reference.
    assert_eq!(kinds[0], 3, "{highlights}");
    assert!(
        kinds.len() > 3 && kinds[1..].iter().all(|k| *k == 2),
        "{highlights}"
    );

    let links = client
        .request_ok(
            "textDocument/documentLink",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let targets: Vec<&str> = links
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["target"].as_str().unwrap())
        .collect();
    let vision = format!("{}#L", file_uri(&root.join("Career.md")));
    assert!(
        targets.iter().any(|t| t.starts_with(&vision)),
        "{targets:?}"
    );
    client.shutdown_and_exit().await;
}

/// Semantic tokens over stdio: the legend, the first tokens of the demo's Goals note in
/// the relative encoding, a range, and a delta after an edit that is smaller than the whole.
#[tokio::test(flavor = "multi_thread")]
async fn semantic_tokens_in_full_by_range_and_as_a_delta() {
    let demo = demo_notes();
    let root = demo.path().canonicalize().unwrap();
    let (mut client, initialized) = TestClient::initialized(init(&root, json!({}))).await;
    let provider = &initialized["capabilities"]["semanticTokensProvider"];
    let types: Vec<&str> = provider["legend"]["tokenTypes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "variable",
            "enumMember",
            "type",
            "number",
            "namespace",
            "property",
            "comment"
        ]
    );
    assert_eq!(provider["full"], json!({"delta": true}));
    assert_eq!(provider["range"], true);
    let path = root.join("2026 Goals.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = file_uri(&path);
    client
        .notify("textDocument/didOpen", open(&uri, 1, &text))
        .await;
    let full = client
        .request_ok(
            "textDocument/semanticTokens/full",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let data: Vec<u64> = full["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect();
    // Line 3 `Serves [[Career#Vision]]`: `Career` (namespace) at 9, `Vision` (property).
    assert_eq!(&data[..10], &[2, 9, 6, 4, 0, 0, 7, 6, 5, 0]);
    // Line 9, G1's own ID cell: a variable, declared.
    assert_eq!(&data[10..15], &[6, 2, 2, 0, 1]);
    let range = client
        .request_ok(
            "textDocument/semanticTokens/range",
            json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 8, "character": 0}, "end": {"line": 9, "character": 0}}}),
        )
        .await;
    let in_range = range["data"].as_array().unwrap();
    assert_eq!(
        &in_range[..5],
        &[json!(8), json!(2), json!(2), json!(0), json!(1)]
    );

    // A word typed before `[[Career#Vision]]` moves its first token alone.
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 0}}, "text": "It "}]}),
        )
        .await;
    let delta = client
        .request_ok(
            "textDocument/semanticTokens/full/delta",
            json!({"textDocument": {"uri": uri}, "previousResultId": full["resultId"]}),
        )
        .await;
    let edits = delta["edits"]
        .as_array()
        .expect("a delta, not the full data");
    assert_eq!(edits.len(), 1, "{delta}");
    assert_eq!(edits[0]["start"], 0, "{delta}");
    assert_eq!(edits[0]["deleteCount"], 5, "{delta}");
    assert_eq!(edits[0]["data"], json!([2, 12, 6, 4, 0]), "{delta}");
    assert_ne!(delta["resultId"], full["resultId"]);
    // An unknown previous result gets the full data.
    let again = client
        .request_ok(
            "textDocument/semanticTokens/full/delta",
            json!({"textDocument": {"uri": uri}, "previousResultId": "no-such-id"}),
        )
        .await;
    assert!(again["data"].is_array(), "{again}");
    client.shutdown_and_exit().await;
}

/// `codeLens: false` and `semanticTokens: false` in the client's settings turn them off.
#[tokio::test(flavor = "multi_thread")]
async fn lenses_and_tokens_can_be_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let mut params = init(&root, json!({}));
    params["initializationOptions"]["codeLens"] = json!(false);
    params["initializationOptions"]["semanticTokens"] = json!(false);
    let (mut client, _) = TestClient::initialized(params).await;
    let goals = "# 2026 Goals\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status | Vision |\n|---|---|---|---|---|\n| G1 | Principal | Promo | In progress | Role |\n";
    let uri = file_uri(&root.join("2026 Goals.md"));
    client
        .notify("textDocument/didOpen", open(&uri, 1, goals))
        .await;
    let lenses = client
        .request_ok(
            "textDocument/codeLens",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    assert_eq!(lenses, json!([]));
    let tokens = client
        .request_ok(
            "textDocument/semanticTokens/full",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    assert_eq!(tokens["data"], json!([]));
    client.shutdown_and_exit().await;
}

/// A client that takes `workspace/codeLens/refresh` (and not the inlay hints') is asked for
/// its lenses again when another note changes what they say.
#[tokio::test(flavor = "multi_thread")]
async fn code_lenses_are_refreshed_when_another_note_changes_them() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let career = "# Career\n\n## Vision\n\n### The Picture\n- **Role:** VP of Platform\n";
    let goals = "# 2026 Goals\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status | Vision |\n|---|---|---|---|---|\n| G1 | Ship the platform | 10 teams | In progress | Role |\n";
    let (mut client, _) = TestClient::initialized(json!({
        "rootUri": file_uri(&root),
        "initializationOptions": {"diagnosticsDelayMs": 0, "today": "2026-03-15"},
        "capabilities": {"workspace": {"codeLens": {"refreshSupport": true}}},
    }))
    .await;
    let goals_uri = file_uri(&root.join("2026 Goals.md"));
    let career_uri = file_uri(&root.join("Career.md"));
    client
        .notify("textDocument/didOpen", open(&career_uri, 1, career))
        .await;
    client
        .notify("textDocument/didOpen", open(&goals_uri, 1, goals))
        .await;
    let lenses = client
        .request_ok(
            "textDocument/codeLens",
            json!({"textDocument": {"uri": goals_uri}}),
        )
        .await;
    assert_eq!(
        lenses[0]["command"]["title"],
        "0/0 milestones · 0/0 weekly actions · serves Role"
    );
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": career_uri, "version": 2}, "contentChanges": [{
                "range": {"start": {"line": 6, "character": 0}, "end": {"line": 6, "character": 0}},
                "text": "- **Reach:** Talks at two conferences\n"}]}),
        )
        .await;
    client.server_request("workspace/codeLens/refresh").await;
    client.shutdown_and_exit().await;
}

/// The demo's own notes (its top folder, without the folders below it that are workspaces
/// of their own, one of them a pasted chat that is slow to parse), in a temporary folder:
/// the tests that run servers side by side stay light.
fn demo_notes() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo");
    for entry in std::fs::read_dir(demo).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
        }
    }
    dir
}
