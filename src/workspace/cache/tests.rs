//! Findings kept from an earlier analysis are reused exactly when they are still right:
//! each dependency of one note's findings on another note, and a property test holding the
//! cached findings of every note equal to a fresh analysis after any sequence of changes.

use std::path::PathBuf;

use proptest::prelude::*;

use crate::workspace::{Config, Workspace, CONFIG_FILE_NAME};

const TODAY: &str = "today = \"2026-03-15\"\n";

fn path(name: &str) -> PathBuf {
    PathBuf::from("/vault").join(format!("{name}.md"))
}

fn workspace(notes: &[(&str, &str)]) -> Workspace {
    let mut workspace = Workspace::new(Config::default());
    workspace.open(
        PathBuf::from("/vault").join(CONFIG_FILE_NAME),
        1,
        TODAY.into(),
    );
    for (name, text) in notes {
        workspace.open(path(name), 1, text.to_string());
    }
    workspace
}

/// Analyses `name` through the cache, checking the findings against a fresh analysis;
/// whether the rules had to run again.
fn analysed_again(workspace: &Workspace, name: &str) -> bool {
    let snapshot = workspace
        .snapshot(&path(name))
        .expect("a note of the workspace");
    let kept = workspace
        .cache
        .get(
            &snapshot.document.note,
            &snapshot.config.rules,
            snapshot.today,
            snapshot.notes(),
        )
        .is_some();
    assert_eq!(snapshot.diagnostics(), snapshot.diagnostics_uncached());
    !kept
}

const CAREER: &str = "# Career\n\n## Vision\n\n**North Star (2031):** Lead a platform group.\n\n### The Picture\n- **Role:** VP of Platform\n- **Reach:** Keynotes\n\n## Wins & Artifacts\n\n- Cut build times by 40%.\n\n## Session Logs\n\n- [[2026-03-01 Career Coaching Session]]\n";
const GOALS: &str = "# 2026 Goals\n\n→ [[Career]]\n\n## Annual Goals\n\n| # | Goal | Metric | Vision | Status |\n|---|---|---|---|---|\n| G1 | Speak at a conference | 1 talk | Reach | Not started |\n";
const SESSION_NAME: &str = "2026-03-01 Career Coaching Session";
const SESSION: &str = "# 2026-03-01 Career Coaching Session\n\n## Discussed\n- The [[Career#Vision]] and [[Reading List]].\n";

#[test]
fn a_goals_note_is_analysed_again_when_its_career_indexs_vision_changes_and_only_then() {
    let mut workspace = workspace(&[("Career", CAREER), ("2026 Goals", GOALS)]);
    assert!(analysed_again(&workspace, "2026 Goals"));
    assert!(!analysed_again(&workspace, "2026 Goals"), "nothing changed");

    // A new win changes the index but not its vision.
    workspace.open(path("Career"), 2, CAREER.replace("40%", "45%"));
    assert!(!analysed_again(&workspace, "2026 Goals"));

    // The Reach line leaves the picture: G1 points at a line still to write.
    workspace.open(
        path("Career"),
        3,
        CAREER.replace("- **Reach:** Keynotes\n", ""),
    );
    assert!(analysed_again(&workspace, "2026 Goals"));
    let goals = workspace.snapshot(&path("2026 Goals")).expect("open");
    assert!(
        goals
            .diagnostics()
            .iter()
            .any(|f| f.code == "goal-not-linked"),
        "{:?}",
        goals.diagnostics()
    );
}

#[test]
fn a_session_log_is_analysed_again_when_its_listing_or_where_its_threads_went_changes() {
    let index = "# Career\n\n## Wins & Artifacts\n\n- Cut build times by 40%.\n\n## Open Tasks\n\n- [ ] Draft the one-pager\n\n## Session Logs\n\n- [[2026-01-17 Session]]\n- [[2026-02-21 Session]]\n";
    let old = "# 2026-01-17 Session\n\n## Open threads\n- Risk Register still thin?\n";
    let new = "# 2026-02-21 Session\n\n## Discussed\n- The risk register still thin.\n";
    let mut workspace = workspace(&[
        ("Career", index),
        ("2026-01-17 Session", old),
        ("2026-02-21 Session", new),
    ]);
    assert!(analysed_again(&workspace, "2026-01-17 Session"));

    // A new win, and an open task that carries nothing, change no answer it got.
    workspace.open(path("Career"), 2, index.replace("40%", "45%"));
    assert!(!analysed_again(&workspace, "2026-01-17 Session"));
    workspace.open(
        path("Career"),
        3,
        index.replace("one-pager\n", "one-pager\n- [ ] Book the offsite\n"),
    );
    assert!(!analysed_again(&workspace, "2026-01-17 Session"));

    // The later log no longer mentions the thread: now it is dropped.
    workspace.open(
        path("2026-02-21 Session"),
        2,
        new.replace("risk register", "roadmap"),
    );
    assert!(analysed_again(&workspace, "2026-01-17 Session"));
    assert!(!analysed_again(&workspace, "2026-01-17 Session"));

    // An open task takes it up.
    workspace.open(
        path("Career"),
        4,
        index.replace("one-pager\n", "one-pager\n- [ ] Risk Register still thin\n"),
    );
    assert!(analysed_again(&workspace, "2026-01-17 Session"));

    // The log leaves the listing.
    workspace.open(
        path("Career"),
        5,
        index.replace("- [[2026-01-17 Session]]\n", ""),
    );
    assert!(analysed_again(&workspace, "2026-01-17 Session"));

    // A later log that does not take the thread up changes nothing; one that does, does.
    assert!(!analysed_again(&workspace, "2026-01-17 Session"));
    workspace.open(
        path("2026-03-07 Session"),
        1,
        "# 2026-03-07 Session\n".into(),
    );
    assert!(!analysed_again(&workspace, "2026-01-17 Session"));
    workspace.open(
        path("2026-03-07 Session"),
        2,
        "# 2026-03-07 Session\n\n- Risk register still thin, again.\n".into(),
    );
    assert!(analysed_again(&workspace, "2026-01-17 Session"));
}

#[test]
fn a_note_is_analysed_again_when_a_heading_it_links_to_is_renamed_or_a_missing_note_appears() {
    let mut workspace = workspace(&[("Career", CAREER), (SESSION_NAME, SESSION)]);
    assert!(analysed_again(&workspace, SESSION_NAME));
    workspace.open(path("Career"), 2, CAREER.replace("40%", "45%"));
    assert!(
        !analysed_again(&workspace, SESSION_NAME),
        "the heading is still there"
    );

    workspace.open(
        path("Career"),
        3,
        CAREER.replace("## Vision", "## Direction"),
    );
    assert!(analysed_again(&workspace, SESSION_NAME));
    assert!(!analysed_again(&workspace, SESSION_NAME));

    workspace.open(path("Reading List"), 1, "# Reading\n".into());
    assert!(analysed_again(&workspace, SESSION_NAME));
}

#[test]
fn a_link_to_a_missing_heading_is_analysed_again_when_the_headings_it_may_mean_change() {
    // The finding's fix offers the linked note's headings spelt closest to the one the
    // link names: when those headings change, so does the fix (found by fuzzing).
    let session = "# 2026-03-01 Career Coaching Session\n\n- The [[Career#Visiom]].\n";
    let mut workspace = workspace(&[("Career", CAREER), (SESSION_NAME, session)]);
    assert!(analysed_again(&workspace, SESSION_NAME));
    workspace.open(
        path("Career"),
        2,
        CAREER.replace("## Vision", "## Direction"),
    );
    assert!(analysed_again(&workspace, SESSION_NAME));
}

#[test]
fn a_past_goals_note_is_analysed_again_when_this_years_goals_note_comes_or_goes() {
    let past = "# 2025 Goals\n\n## Annual Goals\n\n| # | Goal | Status |\n|---|---|---|\n| G1 | Ship it | Complete |\n";
    let mut workspace = workspace(&[("2025 Goals", past)]);
    assert!(analysed_again(&workspace, "2025 Goals"));
    workspace.open(path("2026 Goals"), 1, GOALS.into());
    assert!(analysed_again(&workspace, "2025 Goals"));
    workspace.open(path("Unrelated"), 1, "# Groceries\n".into());
    assert!(!analysed_again(&workspace, "2025 Goals"));
    // Closed, with no file on disk, the note leaves the workspace.
    workspace.close(&path("2026 Goals"));
    assert!(analysed_again(&workspace, "2025 Goals"));
}

#[test]
fn a_note_that_leaves_the_workspace_leaves_the_cache() {
    let mut workspace = workspace(&[("Career", CAREER)]);
    analysed_again(&workspace, "Career");
    assert_eq!(workspace.cache.len(), 1);
    workspace.close(&path("Career"));
    assert!(workspace.document(&path("Career")).is_none());
    assert_eq!(workspace.cache.len(), 0);
}

/// The notes of the property test and the texts each can take (the empty text: the note
/// is closed and, having no file on disk, leaves the workspace).
const NOTES: &[(&str, &[&str])] = &[
    (
        "Career",
        &[
            "",
            CAREER,
            "# Career\n\n## Direction\n\nLead.\n\n## Wins & Artifacts\n\n- Shipped the thing.\n",
            "# Career\n\n## Vision\n\n### The Picture\n- **Life:** Four-day weeks\n",
            "# Career\n\n## Open Tasks\n\n- [ ] Risk register still thin (from [[2026-03-01 Career Coaching Session]])\n\n## Session Logs\n\n- [[2026-03-08 Career Coaching Session]]\n",
        ],
    ),
    (
        "2026 Goals",
        &[
            "",
            GOALS,
            "# 2026 Goals\n\n## Annual Goals\n\n| # | Goal | Vision | Status |\n|---|---|---|---|\n| G1 | Grow the team | [[Career#Vision]] | Done |\n",
        ],
    ),
    ("2025 Goals", &["", "# 2025 Goals\n\nSee [[2026 Goals]].\n"]),
    (
        SESSION_NAME,
        &[
            "",
            SESSION,
            "# 2026-03-01 Career Coaching Session\n\n## Decisions\n- [[Career#The Picture]], [[2026 Goals]], [[notes/Reading List]]\n",
            "# 2026-03-01 Career Coaching Session\n\n- [[Career#Visiom]], [[Reading List#Vison]]\n",
            "# 2026-03-01 Career Coaching Session\n\n## Open threads\n- Who sponsors the case?\n- Risk register still thin\n",
        ],
    ),
    (
        "2026-03-08 Career Coaching Session",
        &[
            "",
            "# 2026-03-08 Career Coaching Session\n\n- Who sponsors the case: Ruud.\n",
            "# 2026-03-08 Career Coaching Session\n\n## Open threads\n- Nothing yet\n",
        ],
    ),
    ("Reading List", &["", "# Reading\n\n## Vision\n"]),
    ("notes/Reading List", &["", "# Another reading list\n"]),
    ("CLAUDE", &["", "# Profile\n\nStaff engineer.\n"]),
];

fn steps() -> impl Strategy<Value = Vec<(usize, usize)>> {
    let step = (0..NOTES.len()).prop_flat_map(|note| (Just(note), 0..NOTES[note].1.len()));
    prop::collection::vec(step, 1..24)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn cached_findings_always_equal_a_fresh_analysis(steps in steps()) {
        let mut workspace = workspace(&[]);
        for (version, (note, variant)) in steps.into_iter().enumerate() {
            let (name, texts) = NOTES[note];
            let text = texts[variant];
            if text.is_empty() {
                workspace.close(&path(name));
            } else {
                workspace.open(path(name), version as i32 + 2, text.to_string());
            }
            for note in workspace.note_paths() {
                let snapshot = workspace.snapshot(&note).expect("indexed");
                prop_assert_eq!(
                    snapshot.diagnostics(),
                    snapshot.diagnostics_uncached(),
                    "{}", note.display()
                );
            }
        }
    }
}
