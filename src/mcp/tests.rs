//! The MCP server's content, without the protocol: the vault kept in step with the disk,
//! paths refused outside it, each tool's result and failures, the resources and prompts.
//! (`tests/editors/mcp/` drives the built server with the official Python SDK.)

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::json;

use super::prompts;
use super::resources::{self, ResourceError};
use super::tools::{call, ToolError};
use super::vault::Vault;

/// A copy of the demo in a temporary folder, so that a test may change it.
fn demo_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo");
    copy_dir(&demo, dir.path());
    let root = dir.path().canonicalize().unwrap();
    (dir, root)
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn failed(result: Result<super::tools::ToolOutput, ToolError>) -> String {
    match result {
        Err(ToolError::Failed(message)) => message,
        other => panic!("expected a failure the assistant reads, got {other:?}"),
    }
}

#[test]
fn the_overview_follows_an_edit_made_on_disk() {
    let (_dir, root) = demo_copy();
    let mut vault = Vault::open(&root).unwrap();
    let before = call(&vault, "career_overview", json!({})).unwrap();
    assert_eq!(before.structured["goals"].as_array().unwrap().len(), 4);
    assert_eq!(before.structured["goals"][0]["serves"], json!(["Role"]));
    assert_eq!(before.structured["goals_note"], "2026 Goals.md");

    // The assistant links G4 to the vision and adds a goal, then asks again.
    let goals = root.join("2026 Goals.md");
    let text = std::fs::read_to_string(&goals).unwrap();
    let text = text.replace(
        "| G4 | Get better at public speaking | ... | Not started | |",
        "| G4 | Get better at public speaking | ... | Not started | Reach |\n| G5 | Grow two tech leads | Both lead a team | Not started | Role |",
    );
    std::fs::write(&goals, text).unwrap();
    assert_eq!(vault.refresh(), 1);
    let after = call(&vault, "career_overview", json!({})).unwrap();
    let goals = after.structured["goals"].as_array().unwrap();
    assert_eq!(goals.len(), 5);
    assert_eq!(goals[3]["serves"], json!(["Reach"]));
    // Nothing changed since: nothing is read again.
    assert_eq!(vault.refresh(), 0);

    // A deleted note leaves; a new one comes in.
    std::fs::remove_file(root.join("2026-03-12 Career Coaching Session.md")).unwrap();
    std::fs::write(root.join("Ideas.md"), "# Ideas\n").unwrap();
    assert_eq!(vault.refresh(), 2);
    let listed: Vec<String> = resources::list(&vault, 0, usize::MAX)
        .0
        .into_iter()
        .map(|r| r.uri)
        .collect();
    assert!(listed.contains(&"career://note/Ideas.md".to_string()));
    assert!(
        !listed.iter().any(|uri| uri.contains("2026-03-12")),
        "{listed:?}"
    );
}

#[test]
fn paths_outside_the_notes_folder_are_refused() {
    let (_dir, root) = demo_copy();
    let vault = Vault::open(&root).unwrap();
    for given in ["../secret.md", "/etc/passwd", "year-end/../../x.md"] {
        let message = failed(call(&vault, "next_question", json!({ "note": given })));
        assert!(
            message.contains("is outside the notes' folder"),
            "{given}: {message}"
        );
    }
    #[cfg(unix)]
    {
        // A link inside the folder that leads out of it.
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("Private.md"), "# Private\n").unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("elsewhere")).unwrap();
        let message = failed(call(
            &vault,
            "next_question",
            json!({ "note": "elsewhere/Private.md" }),
        ));
        assert!(message.contains("outside"), "{message}");
        assert!(matches!(
            resources::read(&vault, "career://note/elsewhere/Private.md"),
            Err(ResourceError::Invalid(_))
        ));
    }
    assert!(matches!(
        resources::read(&vault, "career://note/..%2F..%2Fetc%2Fpasswd"),
        Err(ResourceError::Invalid(_))
    ));
    let missing = failed(call(&vault, "next_question", json!({ "note": "Nope.md" })));
    assert!(missing.starts_with("there is no note Nope.md"), "{missing}");
    assert!(matches!(
        resources::read(&vault, "career://note/Nope.md"),
        Err(ResourceError::NotFound(_))
    ));
    // A folder that is not there, for the overview.
    let message = failed(call(
        &vault,
        "career_overview",
        json!({ "folder": "nowhere" }),
    ));
    assert!(message.contains("not a folder"), "{message}");
}

#[test]
fn wrong_calls_are_protocol_errors_and_name_what_is_wrong() {
    let (_dir, root) = demo_copy();
    let vault = Vault::open(&root).unwrap();
    let invalid = |name: &str, args| match call(&vault, name, args) {
        Err(ToolError::InvalidCall(message)) => message,
        other => panic!("{name}: expected an invalid call, got {other:?}"),
    };
    assert!(invalid("no_such_tool", json!({})).contains("the tools are career_overview"));
    assert!(invalid("next_question", json!({ "note": 42 })).contains("invalid type"));
    assert!(invalid("next_question", json!({ "path": "Career.md" })).contains("unknown field"));
    assert!(
        invalid("career_findings", json!({ "min_severity": "loud" })).contains("unknown variant")
    );
    assert!(
        invalid("propose_section_update", json!({ "section": "Wins" }))
            .contains("missing field `answer`")
    );
    let message = failed(call(
        &vault,
        "propose_section_update",
        json!({ "section": "Hobbies", "answer": "Sailing" }),
    ));
    assert!(
        message.contains("no section called \"Hobbies\""),
        "{message}"
    );
    let message = failed(call(
        &vault,
        "blind_spot_review",
        json!({ "note": "CLAUDE.md" }),
    ));
    assert!(
        message.contains("reads a Career Index or a Goals note"),
        "{message}"
    );
}

#[test]
fn the_findings_of_a_note_and_of_the_workspace() {
    let (_dir, root) = demo_copy();
    let vault = Vault::open(&root).unwrap();
    let goals = call(
        &vault,
        "career_findings",
        json!({ "note": "2026 Goals.md" }),
    )
    .unwrap();
    let findings = goals.structured["findings"].as_array().unwrap();
    assert_eq!(goals.structured["total"], 9);
    let overdue = findings
        .iter()
        .find(|f| f["code"] == "overdue-milestone")
        .unwrap();
    assert_eq!(overdue["line"], 31);
    assert_eq!(overdue["question"], "Done, moved, or dropped?");
    let metric = findings
        .iter()
        .find(|f| f["code"] == "goal-without-metric")
        .unwrap();
    assert_eq!(metric["question"], "How will you measure it?");
    assert_eq!(goals.structured["counts"]["error"], 1);

    // The workspace, warnings and above, the first five.
    let all = call(
        &vault,
        "career_findings",
        json!({ "min_severity": "warning", "limit": 5 }),
    )
    .unwrap();
    assert_eq!(all.structured["findings"].as_array().unwrap().len(), 5);
    let total = all.structured["total"].as_u64().unwrap();
    assert!(total > 5, "{total}");
    assert!(
        all.text.contains(&format!("… and {} more", total - 5)),
        "{}",
        all.text
    );
    assert!(all.structured["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["severity"] == "warning" || f["severity"] == "error"));
}

#[test]
fn next_question_blind_spots_and_a_proposal_on_the_demo() {
    let (_dir, root) = demo_copy();
    let vault = Vault::open(&root).unwrap();
    let next = call(&vault, "next_question", json!({})).unwrap();
    assert_eq!(next.structured["note"], "Career.md");
    assert_eq!(next.structured["line"], 93);
    assert_eq!(next.structured["next"]["section"], "Innovation Portfolio");
    let profile = call(&vault, "next_question", json!({ "note": "CLAUDE" })).unwrap();
    assert_eq!(profile.structured["next"]["section"], "Things to Avoid");
    assert_eq!(
        profile.structured["next"]["heading"],
        serde_json::Value::Null
    );

    let spots = call(&vault, "blind_spot_review", json!({})).unwrap();
    let applying: Vec<&str> = spots.structured["blind_spots"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["applies"] == true)
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(applying, ["No clear POV", "No contingency"]);

    let proposal = call(
        &vault,
        "propose_section_update",
        json!({ "section": "annual-goals", "answer": "Grow two tech leads" }),
    )
    .unwrap();
    assert_eq!(proposal.structured["note"], "2026 Goals.md");
    assert_eq!(proposal.structured["shape"], "goal row");
    assert!(proposal.structured["insert"]
        .as_str()
        .unwrap()
        .contains("| G5 | Grow two tech leads |"));
    // Nothing was written.
    let on_disk = std::fs::read_to_string(root.join("2026 Goals.md")).unwrap();
    assert!(!on_disk.contains("Grow two tech leads"));
    // A session log's section needs its log named.
    let message = failed(call(
        &vault,
        "propose_section_update",
        json!({ "section": "Decisions", "answer": "Ask Ruud" }),
    ));
    assert!(message.contains("name the log"), "{message}");
}

#[test]
fn resources_read_notes_models_rules_and_the_methodology() {
    let (_dir, root) = demo_copy();
    let vault = Vault::open(&root).unwrap();
    let (listed, total) = resources::list(&vault, 0, usize::MAX);
    assert_eq!(listed.len(), total);
    assert_eq!(listed[0].uri, "career://methodology");
    // A page is the same entries as the whole list, from where it starts.
    let (page, same_total) = resources::list(&vault, 20, 7);
    assert_eq!((page.len(), same_total), (7, total));
    assert_eq!(page, listed[20..27].to_vec());
    assert!(resources::list(&vault, total + 5, 10).0.is_empty());
    assert!(listed
        .iter()
        .any(|r| r.uri == "career://rules/empty-section"));
    assert!(listed
        .iter()
        .any(|r| r.uri == "career://model/2026%20Goals.md"));
    let note = resources::read(&vault, "career://note/2026%20Goals.md").unwrap();
    assert!(note.text.starts_with("# 2026 Goals\n"));
    let model = resources::read(&vault, "career://model/2026%20Goals.md").unwrap();
    let model: serde_json::Value = serde_json::from_str(&model.text).unwrap();
    assert_eq!(model["model"]["goals"][3]["id"], 4);
    let rule = resources::read(&vault, "career://rules/unquantified-win").unwrap();
    assert!(rule.text.contains("unquantified-win"));
    assert!(matches!(
        resources::read(&vault, "career://rules/no-such-rule"),
        Err(ResourceError::NotFound(_))
    ));
    assert!(matches!(
        resources::read(&vault, "https://example.com/"),
        Err(ResourceError::Invalid(_))
    ));
    assert!(matches!(
        resources::read(&vault, "career://note/%E9.md"),
        Err(ResourceError::Invalid(_))
    ));
    let methodology = resources::read(&vault, "career://methodology")
        .unwrap()
        .text;
    for expected in [
        "| Sponsor | ",
        "| No clear POV | What do you believe about your industry that others don't? |",
        "1. What's the ONE thing this week that moves me toward my goals?",
        "| Innovation Thesis › Innovation Portfolio | ",
    ] {
        assert!(methodology.contains(expected), "{expected}\n{methodology}");
    }
    assert_eq!(
        resources::decode(&resources::encode("a b/é#.md")).as_deref(),
        Some("a b/é#.md")
    );
}

#[test]
fn prompts_carry_the_profiles_ways_of_working() {
    let (_dir, root) = demo_copy();
    let vault = Vault::open(&root).unwrap();
    let none = BTreeMap::new();
    let (_, coaching) = prompts::render(&vault, "coaching-session", &none).unwrap();
    assert!(coaching.contains("Ask one question at a time and wait for my answer."));
    assert!(coaching.contains("What experiments are testing that belief"));
    assert!(coaching.contains("lists no things to avoid yet"));
    // Once the profile lists things to avoid, the prompt says them.
    let profile = root.join("CLAUDE.md");
    let mut text = std::fs::read_to_string(&profile).unwrap();
    text.push_str("\n## Things to Avoid\n- Generic career advice.\n");
    std::fs::write(&profile, text).unwrap();
    let mut vault = vault;
    vault.refresh();
    let (_, coaching) = prompts::render(&vault, "coaching-session", &none).unwrap();
    assert!(
        coaching.contains("Never do these (Things to Avoid):\n- Generic career advice."),
        "{coaching}"
    );

    let (_, spots) = prompts::render(&vault, "blind-spot-analysis", &none).unwrap();
    assert!(spots.contains("No contingency: applies"));
    let (_, cascade) = prompts::render(&vault, "goal-cascade", &none).unwrap();
    assert!(
        cascade.contains("[goal-not-linked] G4 is not linked"),
        "{cascade}"
    );
    let (_, weekly) = prompts::render(&vault, "weekly-review", &none).unwrap();
    assert!(
        weekly.contains("### Weekly Review — 2026-03-15"),
        "{weekly}"
    );
    assert!(weekly.contains("Milestones at risk"));

    let wrong = BTreeMap::from([("colour".to_string(), "blue".to_string())]);
    assert!(matches!(
        prompts::render(&vault, "coaching-session", &wrong),
        Err(ToolError::InvalidCall(_))
    ));
    assert!(matches!(
        prompts::render(&vault, "pep-talk", &none),
        Err(ToolError::InvalidCall(_))
    ));
}

#[test]
fn a_proposal_for_this_years_plans_never_goes_into_last_years_goals() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("career-lsp.toml"), "today = \"2026-03-15\"\n").unwrap();
    std::fs::write(
        root.join("Career.md"),
        "# Career\n\n## Vision\n\nLead platforms.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("2025 Goals.md"),
        "# 2025 Goals\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status |\n|---|---|---|---|\n| G1 | Ship the platform | 10 teams | Complete |\n",
    )
    .unwrap();
    let vault = Vault::open(root).unwrap();
    let message = failed(call(
        &vault,
        "propose_section_update",
        json!({ "section": "Annual Goals", "answer": "Grow two tech leads" }),
    ));
    assert!(
        message.starts_with("there is no Goals note for 2026 (2026 Goals.md)"),
        "{message}"
    );
    // Named, last year's note takes the row.
    let named = call(
        &vault,
        "propose_section_update",
        json!({ "section": "Annual Goals", "answer": "Grow two tech leads", "note": "2025 Goals.md" }),
    )
    .unwrap();
    assert!(named.structured["insert"]
        .as_str()
        .unwrap()
        .contains("| G2 | Grow two tech leads |"));
}

#[test]
fn a_changed_configuration_is_read_again() {
    let (_dir, root) = demo_copy();
    let mut vault = Vault::open(&root).unwrap();
    let before = call(&vault, "weekly_review", json!({})).unwrap();
    assert_eq!(before.structured["week_of"], "2026-03-09");
    std::fs::write(root.join("career-lsp.toml"), "today = \"2026-03-04\"\n").unwrap();
    assert_eq!(vault.refresh(), 1);
    let after = call(&vault, "weekly_review", json!({})).unwrap();
    assert_eq!(after.structured["week_of"], "2026-03-02");
    assert_eq!(after.structured["actions"].as_array().unwrap().len(), 2);
}

/// The README's example exchange is what the server answers on the demo.
#[test]
fn the_readmes_example_is_the_demos_next_question() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo");
    let vault = Vault::open(&demo).unwrap();
    let next = call(&vault, "next_question", json!({})).unwrap();
    let text = serde_json::to_string(&next.text).unwrap();
    assert!(
        readme.contains(&format!("\"text\": {text}")),
        "README lacks {text}"
    );
    for field in ["section", "heading", "purpose", "question"] {
        let value = serde_json::to_string(&next.structured["next"][field]).unwrap();
        assert!(
            readme.contains(&format!("\"{field}\": {value}")),
            "README lacks \"{field}\": {value}"
        );
    }
    assert!(readme.contains(&format!("\"line\": {}", next.structured["line"])));
}

/// A first session in an empty folder still has a prompt: it starts with the Vision.
#[test]
fn a_coaching_session_in_an_empty_folder_starts_with_the_vision() {
    let dir = tempfile::tempdir().unwrap();
    let vault = Vault::open(dir.path()).unwrap();
    let (_, text) = prompts::render(&vault, "coaching-session", &BTreeMap::new()).unwrap();
    assert!(
        text.contains(
            "Start the Career Index with its first section, Vision: It's 5 years from now"
        ),
        "{text}"
    );
    assert!(
        text.contains("There is no profile (CLAUDE.md) yet"),
        "{text}"
    );
    // The tools say what is missing.
    let message = failed(call(&vault, "career_overview", json!({})));
    assert!(message.contains("`career-lsp init`"), "{message}");
}
