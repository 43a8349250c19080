//! Coaching-flow actions on real-looking notes: the text after applying each action.

use std::path::PathBuf;

use super::*;
use crate::features::test_support::{snapshot, snapshot_at};
use crate::workspace::{Config, Workspace};

/// The note's text with the action's edits to it applied (edits are non-overlapping
/// inserts; applied from the last to the first).
fn apply(text: &str, action: &Action) -> String {
    let mut edits: Vec<&Edit> = action
        .changes
        .iter()
        .flat_map(|c| match c {
            Change::Edit { edits, .. } => edits.iter().collect::<Vec<_>>(),
            Change::Create { .. } => Vec::new(),
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    let mut out = text.to_string();
    for edit in edits {
        out.replace_range(edit.range.clone(), &edit.text);
    }
    out
}

/// The codes found in `text` read as note `name` (clock pinned to 2026-03-15).
fn codes_after(name: &str, text: &str) -> Vec<&'static str> {
    let config = Config {
        today: chrono::NaiveDate::from_ymd_opt(2026, 3, 15),
        ..Config::default()
    };
    let mut workspace = Workspace::new(config);
    let path = PathBuf::from("/vault").join(name);
    workspace.open(path.clone(), 1, text.to_string());
    workspace
        .diagnostics(&path)
        .iter()
        .map(|f| f.code)
        .collect()
}

const INDEX: &str = "# Career\n\n## Vision\n\n**North Star (2031):** Run a platform org people copy.\n\n### The Picture\n- **Life:** Four-day weeks\n- **Role:** VP of Platform\n\n## Network & Influence\n### Sponsors\n| Name | Context |\n|------|---------|\n| | |\n\n## Innovation Thesis\n\n> [Your POV on your industry]\n";

#[test]
fn the_next_question_goes_under_the_first_empty_section() {
    let snap = snapshot(&[("Career.md", INDEX)]);
    let action = ask_next_question(&snap).expect("an empty section");
    let after = apply(INDEX, &action);
    assert!(
        after.contains("## Network & Influence\n\n> Who are your sponsors? (People who advocate for you when you're not in the room)\n\n### Sponsors"),
        "{after}"
    );
    // Only one question is asked.
    assert_eq!(
        after.matches("\n> ").count(),
        INDEX.matches("\n> ").count() + 1
    );
}

#[test]
fn a_prompt_never_joins_the_paragraph_under_the_heading() {
    let text = "# Career\n\n## Timeline\n| Years | Role |\n|---|---|\n| | |\n";
    let snap = snapshot(&[("Career.md", text)]);
    let offset = text.find("Years").unwrap();
    let after = apply(text, &review_prompt(&snap, offset).unwrap());
    assert!(after.contains("## Timeline\n\n> What were the key roles before this one? What did you learn in each?\n\n| Years"), "{after}");
}

#[test]
fn the_review_prompt_is_the_section_under_the_cursor() {
    let (snap, offset) = snapshot_at(&[(
        "Career.md",
        "# Career\n\n## Innovation Thesis\n\nPlatform teams $0should be product teams.\n",
    )]);
    let action = review_prompt(&snap, offset).unwrap();
    assert_eq!(action.title, "Insert review prompt for Innovation Thesis");
    let after = apply(snap.text(), &action);
    assert!(after.contains("## Innovation Thesis\n\n> What do you believe about your industry that others don't?\n\nPlatform"), "{after}");
    // Outside any known section there is nothing to ask.
    let (snap, offset) = snapshot_at(&[("Career.md", "# Career\n\nIntro $0text\n")]);
    assert!(review_prompt(&snap, offset).is_none());
}

#[test]
fn a_weekly_review_is_dated_and_clears_stale_review() {
    let goals = "# 2026 Goals\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status | Vision |\n|---|---|---|---|---|\n| G1 | Ship the platform | 10 teams | In progress | Role |\n\n## Weekly Review\n\n### Weekly Review — 2026-02-02\n\n1. Shipped the RFC\n\n## Notes\n\nMisc.\n";
    assert!(codes_after("2026 Goals.md", goals).contains(&"stale-review"));
    let snap = snapshot(&[("2026 Goals.md", goals)]);
    let after = apply(goals, &weekly_review(&snap));
    assert!(after.contains("1. Shipped the RFC\n\n### Weekly Review — 2026-03-15\n\n1. What's the ONE thing this week that moves me toward my goals?"), "{after}");
    assert!(after.ends_with("## Notes\n\nMisc.\n"), "{after}");
    assert!(!codes_after("2026 Goals.md", &after).contains(&"stale-review"));
}

#[test]
fn a_weekly_review_section_is_created_when_missing() {
    let goals = "# 2026 Goals\n\n## Annual Goals\n";
    let snap = snapshot(&[("2026 Goals.md", goals)]);
    let after = apply(goals, &weekly_review(&snap));
    assert!(after.starts_with("# 2026 Goals\n\n## Annual Goals\n\n## Weekly Review\n\n### Weekly Review — 2026-03-15\n"), "{after}");
}

#[test]
fn the_blind_spot_review_marks_what_applies() {
    let snap = snapshot(&[("Career.md", INDEX)]);
    let after = apply(INDEX, &blind_spot_review(&snap));
    assert!(
        after.contains("## Blind Spot Review — 2026-03-15"),
        "{after}"
    );
    // The thesis is empty: empty-section asks its question, not no-clear-pov, and the
    // review still marks the spot.
    assert!(!snap.diagnostics().iter().any(|f| f.code == "no-clear-pov"));
    assert!(after.contains("- [ ] **No clear POV** (applies) — What do you believe about your industry that others don't?"), "{after}");
    assert!(after.contains("**No contingency** (applies)"), "{after}");
    assert!(
        after.contains("**Too many priorities** (looks covered)"),
        "{after}"
    );
    assert!(
        after.contains("- What's missing that should be front and center?"),
        "{after}"
    );
    assert!(after.starts_with(INDEX));
}

#[test]
fn a_session_log_is_created_beside_the_note() {
    let snap = snapshot(&[("Career.md", INDEX)]);
    let action = start_session_log(&snap).expect("offered");
    let Change::Create { path, text } = &action.changes[0] else {
        panic!("{action:?}")
    };
    assert_eq!(
        path,
        &PathBuf::from("/vault/2026-03-15 Career Coaching Session.md")
    );
    for heading in [
        "## Discussed",
        "## Decisions",
        "## Frameworks",
        "## Open threads",
    ] {
        assert!(text.contains(heading), "{text}");
    }
    assert!(codes_after("2026-03-15 Career Coaching Session.md", text).is_empty());
}

#[test]
fn a_new_session_log_is_listed_in_the_career_index_in_the_same_edit() {
    let listed = "# Career\n\n## Session Logs\n\n| Date | Focus | Output |\n|------|-------|--------|\n| [[2026-01-17 Career Coaching Session]] | Buildout | Career Index |\n";
    let goals = "# 2026 Goals\n\n→ [[Career#Vision]]\n";
    // From the index itself, and from a Goals note that belongs to it.
    for (open, text) in [("Career.md", listed), ("2026 Goals.md", goals)] {
        let snap = snapshot(&[
            (open, text),
            ("Career.md", listed),
            ("2026 Goals.md", goals),
        ]);
        let action = start_session_log(&snap).expect("offered");
        let edits: Vec<_> = action
            .changes
            .iter()
            .filter_map(|c| match c {
                Change::Edit { path, edits } => Some((path.clone(), edits.clone())),
                Change::Create { .. } => None,
            })
            .collect();
        assert_eq!(edits.len(), 1, "{open}: {action:?}");
        assert_eq!(edits[0].0, PathBuf::from("/vault/Career.md"));
        let mut after = listed.to_string();
        for edit in edits[0].1.iter().rev() {
            after.replace_range(edit.range.clone(), &edit.text);
        }
        assert_eq!(
            after,
            format!("{listed}| [[2026-03-15 Career Coaching Session]] | | |\n"),
            "{open}"
        );
        // The new log, with the index edited, is listed.
        let Change::Create { text: log, .. } = &action.changes[0] else {
            panic!("{action:?}")
        };
        let mut workspace = Workspace::new(Config {
            today: chrono::NaiveDate::from_ymd_opt(2026, 3, 15),
            ..Config::default()
        });
        workspace.open(PathBuf::from("/vault/Career.md"), 1, after);
        let log_path = PathBuf::from("/vault/2026-03-15 Career Coaching Session.md");
        workspace.open(log_path.clone(), 1, log.clone());
        let codes: Vec<_> = workspace
            .diagnostics(&log_path)
            .iter()
            .map(|f| f.code)
            .collect();
        assert!(!codes.contains(&"session-not-indexed"), "{codes:?}");
    }
    // An index that lists today's log already, or none at all: only the log is created.
    let today = format!("{listed}| [[2026-03-15 Career Coaching Session]] | Promo | |\n");
    for notes in [
        vec![("Career.md", today.as_str())],
        vec![("2026 Goals.md", "# 2026 Goals\n")],
    ] {
        let action = start_session_log(&snapshot(&notes)).expect("offered");
        assert_eq!(action.changes.len(), 1, "{action:?}");
    }
}

#[test]
fn templates_are_read_back_as_their_kind_with_every_section_present_and_empty() {
    for (command, name, empty_at_least) in [
        (Command::InsertCareerIndexTemplate, "Career.md", 5),
        (Command::InsertGoalsTemplate, "2026 Goals.md", 3),
        (Command::InsertProfileTemplate, "CLAUDE.md", 5),
    ] {
        let snap = snapshot(&[(name, "")]);
        let after = apply("", &command_action(&snap, command, 0).unwrap());
        let config = Config {
            today: chrono::NaiveDate::from_ymd_opt(2026, 3, 15),
            ..Config::default()
        };
        let mut workspace = Workspace::new(config);
        let path = PathBuf::from("/vault").join(name);
        workspace.open(path.clone(), 1, after.clone());
        if name != "Career.md" {
            // A profile is checked beside a Career Index; the Goals note links to its Vision.
            workspace.open(
                PathBuf::from("/vault/Career.md"),
                1,
                "# Career\n\n## Vision\n".into(),
            );
        }
        let document = workspace.document(&path).unwrap();
        let expected_kind = match command {
            Command::InsertCareerIndexTemplate => NoteKind::CareerIndex,
            Command::InsertGoalsTemplate => NoteKind::Goals,
            _ => NoteKind::Profile,
        };
        assert_eq!(document.note.kind, expected_kind, "{after}");
        let codes: Vec<_> = workspace
            .diagnostics(&path)
            .iter()
            .map(|f| f.code)
            .collect();
        assert!(
            !codes.contains(&"missing-section"),
            "{name}: {codes:?}\n{after}"
        );
        assert!(
            codes.iter().filter(|c| **c == "empty-section").count() >= empty_at_least,
            "{name}: {codes:?}"
        );
    }
}

#[test]
fn a_missing_section_template_goes_at_its_canonical_place() {
    let text = "# Career\n\n## Vision\n\nLead.\n\n## Innovation Thesis\n\nBelief.\n";
    let snap = snapshot(&[("Career.md", text)]);
    let growth = missing_section_templates(&snap)
        .into_iter()
        .find(|a| a.title == "Insert Growth template")
        .unwrap();
    let after = apply(text, &growth);
    let growth_at = after.find("## Growth").unwrap();
    assert!(
        growth_at < after.find("## Innovation Thesis").unwrap(),
        "{after}"
    );
    assert!(after[..growth_at].ends_with("Lead.\n\n"), "{after}");
    assert!(
        after.contains("| Domain | Level | Last Active | Notes |"),
        "{after}"
    );
    let open_tasks = missing_section_templates(&snap)
        .into_iter()
        .find(|a| a.title == "Insert Open Tasks template")
        .unwrap();
    assert!(apply(text, &open_tasks).starts_with(text));
}

#[test]
fn commands_round_trip_their_ids() {
    for command in Command::ALL {
        assert_eq!(Command::from_id(command.id()), Some(command));
    }
    assert_eq!(Command::from_id("career-lsp.nope"), None);
}

#[test]
fn the_action_list_fits_the_note() {
    let titles = |name: &str, text: &str| -> Vec<String> {
        let snap = snapshot(&[(name, text)]);
        actions(&snap, 0..0).into_iter().map(|a| a.title).collect()
    };
    let empty = titles("Untitled.md", "");
    assert!(
        empty.contains(&"Insert Career Index template".to_string()),
        "{empty:?}"
    );
    assert!(
        empty.contains(&"Insert 2026 Goals template".to_string()),
        "{empty:?}"
    );
    let index = titles("Career.md", INDEX);
    assert!(
        index.contains(&"Run blind spot review".to_string()),
        "{index:?}"
    );
    // missing-section's finding at the H1 offers the sections; they do not follow the
    // cursor around the note as well, unless the rule is switched off.
    assert!(
        !index.iter().any(|t| t == "Insert Timeline template"),
        "{index:?}"
    );
    let without_the_rule = crate::features::test_support::snapshot_in_root(
        &[("Career.md", INDEX)],
        Some("[rules]\nmissing-section = \"off\"\n"),
    );
    assert!(
        actions(&without_the_rule, 0..0)
            .iter()
            .any(|a| a.title == "Insert Timeline template"),
        "{index:?}"
    );
    assert!(
        !index.iter().any(|t| t.starts_with("Insert weekly review")),
        "{index:?}"
    );
    let goals = titles("2026 Goals.md", "# 2026 Goals\n");
    assert!(
        goals
            .iter()
            .any(|t| t.starts_with("Insert weekly review questions")),
        "{goals:?}"
    );
}

const TODAYS_LOG: &str = "2026-03-15 Career Coaching Session.md";

/// Every note an action in `found` would create.
fn created(found: &[Action]) -> Vec<PathBuf> {
    found
        .iter()
        .flat_map(|a| &a.changes)
        .filter_map(|c| match c {
            Change::Create { path, .. } => Some(path.clone()),
            Change::Edit { .. } => None,
        })
        .collect()
}

#[test]
fn todays_session_log_is_opened_not_started_again_when_it_is_a_note() {
    let log = "# 2026-03-15 Career Coaching Session\n\n## Discussed\n- Promotion case\n";
    let snap = snapshot(&[("Career.md", INDEX), (TODAYS_LOG, log)]);
    let offered = actions(&snap, 0..0);
    let path = PathBuf::from("/vault").join(TODAYS_LOG);
    assert!(!created(&offered).contains(&path), "{offered:#?}");
    assert!(
        !offered
            .iter()
            .any(|a| a.title.starts_with("Start a session log")),
        "{offered:#?}"
    );
    let open = offered
        .iter()
        .find(|a| a.title == format!("Open today's session log ({TODAYS_LOG})"))
        .unwrap_or_else(|| panic!("{offered:#?}"));
    assert_eq!(open.shows, Some(path));
    assert!(open.changes.is_empty(), "{open:?}");
    // The command does the same.
    assert_eq!(
        command_action(&snap, Command::StartSessionLog, 0).as_ref(),
        Some(open)
    );
    // In today's log itself, neither is offered.
    let in_the_log = snapshot(&[(TODAYS_LOG, log), ("Career.md", INDEX)]);
    assert!(
        !actions(&in_the_log, 0..0)
            .iter()
            .any(|a| a.title.contains("session log")),
        "{:#?}",
        actions(&in_the_log, 0..0)
    );
}

/// A workspace rooted in a real folder, with `open` open in it; the snapshot of the first.
fn snapshot_on_disk(root: &std::path::Path, open: &[(&str, &str)]) -> Snapshot {
    let config = Config {
        today: chrono::NaiveDate::from_ymd_opt(2026, 3, 15),
        ..Config::default()
    };
    let mut workspace = Workspace::new(config);
    workspace.add_root_folder(crate::workspace::RootFolder::read(root.to_path_buf()));
    for (i, (name, text)) in open.iter().enumerate() {
        workspace.open(root.join(name), i as i32 + 1, text.to_string());
    }
    workspace.snapshot(&root.join(open[0].0)).expect("open")
}

#[test]
fn a_file_on_disk_that_is_not_a_note_is_never_created_again() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let career = "# Career\n\n## Vision\n\nLead a platform group, see [[Reading List]].\n";
    // Nothing on disk: the log is started, and the broken link offers its note.
    let snap = snapshot_on_disk(&root, &[("Career.md", career)]);
    assert!(start_session_log(&snap).is_some_and(|a| a.shows.is_none()));
    let link = career.find("[[Reading").unwrap();
    let fixes = crate::features::fixes::quick_fixes(&snap, link..link);
    assert_eq!(created(&fixes), vec![root.join("Reading List.md")]);

    // The same files on disk, not indexed (a note that is not UTF-8 is not): neither is
    // created, and today's log is opened instead.
    std::fs::write(root.join(TODAYS_LOG), b"# Log\n\xE9t\xE9\n").unwrap();
    std::fs::write(root.join("Reading List.md"), b"# Caf\xE9\n").unwrap();
    let snap = snapshot_on_disk(&root, &[("Career.md", career)]);
    let offered: Vec<Action> = actions(&snap, 0..career.len())
        .into_iter()
        .chain(crate::features::fixes::quick_fixes(&snap, link..link))
        .collect();
    assert_eq!(created(&offered), Vec::<PathBuf>::new(), "{offered:#?}");
    let open = start_session_log(&snap).expect("offered");
    assert_eq!(open.shows, Some(root.join(TODAYS_LOG)));
}
