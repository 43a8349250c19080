use std::path::PathBuf;

use crate::rules::fixes_support::testing::{findings, titles};

const CODE: &str = super::AnnualReviewDue::META.code;
const CREATE: &str = "Create 2027 Goals note";

const GOALS: &str = "# 2026 Goals\n\n→ [[Career#🎯 Vision]]\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status | Vision |\n|---|---|---|---|---|\n| G1 | Principal promotion | Packet accepted | Complete | Role |\n| G2 | Golden paths are the default | 80% of new services | In progress | Impact |\n| G4 | Get better at public speaking | Two talks | Not started | Reach |\n";

const CAREER: &str = "# Career\n\n## 🎯 Vision\n\n**North Star (2031):** Principal engineer.\n\n## 2026 Theme\n\n> **\"Go external\"**\n";

fn config(day: &str, extra: &str) -> String {
    format!("today = \"{day}\"\n{extra}")
}

fn count_on(day: &str, extra: &str, more: &[(&str, &str)]) -> usize {
    let config = config(day, extra);
    let mut notes = vec![
        ("2026 Goals.md", GOALS),
        ("Career.md", CAREER),
        ("career-lsp.toml", config.as_str()),
    ];
    notes.extend_from_slice(more);
    findings(&notes, CODE).len()
}

#[test]
fn from_the_first_of_december_until_next_years_note_exists() {
    assert_eq!(count_on("2026-11-30", "", &[]), 0);
    assert_eq!(count_on("2026-12-01", "", &[]), 1);
    assert_eq!(count_on("2026-12-31", "", &[]), 1);
    let next = "# 2027 Goals\n\n## Annual Goals\n";
    assert_eq!(count_on("2026-12-01", "", &[("2027 Goals.md", next)]), 0);
    // On 1 January this note is last year's: `past-goals-year` speaks for it.
    assert_eq!(count_on("2027-01-01", "", &[]), 0);
    // The day is configurable.
    let from = "[cadence]\nannual-review-from = \"11-15\"\n";
    assert_eq!(count_on("2026-11-14", from, &[]), 0);
    assert_eq!(count_on("2026-11-15", from, &[]), 1);
}

#[test]
fn the_message_is_at_the_title() {
    let config = config("2026-12-01", "");
    let notes = [
        ("2026 Goals.md", GOALS),
        ("Career.md", CAREER),
        ("career-lsp.toml", config.as_str()),
    ];
    let found = findings(&notes, CODE);
    assert_eq!(&GOALS[found[0].range.clone()], "# 2026 Goals");
    assert_eq!(
        found[0].message,
        "2026 is nearly over and there is no 2027 Goals note yet — time for the annual review: what will 2027 be about?"
    );
}

#[test]
fn next_years_note_links_the_vision_and_lists_what_is_still_open_as_a_prompt() {
    let config = config("2026-12-01", "");
    let notes = [
        ("2026 Goals.md", GOALS),
        ("Career.md", CAREER),
        ("career-lsp.toml", config.as_str()),
    ];
    assert_eq!(titles(&notes, CODE), [[format!("{CREATE} (resolves)")]]);
    let found = findings(&notes, CODE);
    let created = found[0].fixes[0]
        .creates()
        .expect("the fix creates a note")
        .clone();
    assert_eq!(created.path, PathBuf::from("/vault/2027 Goals.md"));
    assert!(
        created.text.starts_with(
            "# 2027 Goals\n\n→ [[Career#🎯 Vision]]\n\n> Still open from 2026: “Golden paths are the default”; “Get better at public speaking” — carry over, change, or drop?\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status | Vision |\n|------|---------|----------------|--------|--------|\n| G1 | [What you'll achieve] |"
        ),
        "{}",
        created.text
    );
    assert!(
        created.text.contains("### Week of 2027-01-04\n"),
        "{}",
        created.text
    );
    assert!(
        !created.text.contains("Principal promotion"),
        "a complete goal is not listed"
    );

    // Once created, the review has its note, and the new note names no goal it lacks.
    let with_next = [
        ("2027 Goals.md", created.text.as_str()),
        ("2026 Goals.md", GOALS),
        ("Career.md", CAREER),
        ("career-lsp.toml", config.as_str()),
    ];
    assert!(findings(&with_next, "unknown-goal-ref").is_empty());
    assert!(findings(&with_next, "broken-link").is_empty());
    assert_eq!(
        count_on("2026-12-01", "", &[("2027 Goals.md", &created.text)]),
        0
    );
}

#[test]
fn only_the_current_years_note_is_asked() {
    let config = config("2026-12-15", "");
    for (name, text) in [
        ("2025 Goals.md", GOALS.replace("2026 Goals", "2025 Goals")),
        ("Goals.md", GOALS.replace("# 2026 Goals", "# Goals")),
    ] {
        let notes = [
            (name, text.as_str()),
            ("Career.md", CAREER),
            ("career-lsp.toml", config.as_str()),
        ];
        assert!(findings(&notes, CODE).is_empty(), "{name}");
    }
}
