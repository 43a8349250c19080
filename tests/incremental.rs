//! Incremental re-parsing equals a full parse: random edit sequences applied through the
//! workspace (rope + block tree edited, inline content re-parsed only where it changed)
//! give the same block tree, outline, model and findings as parsing the final text afresh.
//! Also where the complexity budget decides what is read: edits that take a block over
//! its limit and back, and that make the note spend more than it may and less again.

use std::path::PathBuf;

use career_lsp::rules::Edit;
use career_lsp::syntax::{SkipReason, SyntaxTree, MAX_BLOCK_DELIMITERS};
use career_lsp::workspace::{Config, Workspace};
use proptest::prelude::*;

const GOALS: &str = "# 2026 Goals\n\n→ [[Career#Vision]]\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status | Vision |\n|------|---------|----------------|--------|--------|\n| G1 | Ship the *platform* | 10 teams onboarded | In progress | Role |\n| G2 | Speak at 2 conferences | | Done | |\n\n## Quarterly Intentions\n\n| Quarter | Intention | Focus |\n|---------|-----------|-------|\n| Q1 | *\"Stabilize\"* | G1, G7 |\n\n## Monthly Milestones\n- [ ] Draft talk (G2) — Feb 2026\n- [x] Onboard team 1 (G1)\n  wrapped **line**\n\n## Weekly Actions\n### Week of 2026-03-02\n- [ ] Email the CFP chair [[Nope]] `code [[x]]` #vision/role\n\n> What's the ONE thing this week?\n";

const INDEX: &str = "# Career\n\n> 日本語 tagline 🎯\n\n## 🎯 Vision\n\n**North Star (2031):** Lead a platform org.\n\n### The Picture\n- **Life:** Four-day weeks\n- **Role:** VP of Platform\n\n## Wins & Artifacts\n\n### 2025\n- **Migration** — Moved 40 services, cutting deploy time 60%\n  - nested detail\n- **Reliability** — Significantly improved reliability\n\n### Business Impact Metrics\n| Initiative | Business Impact | Year |\n|------------|-----------------|------|\n| Migration | $1.2M saved | 2025 |\n\n## Network & Influence\n\n### Sponsors\n| Name | Context |\n|------|---------|\n| Priya | VP Eng |\n\n```\n[[code block]]\n```\n";

const PIECES: &[&str] = &[
    "| | |\n",
    "| ",
    "\n| | |",
    "a",
    "é",
    "🎯",
    "日本",
    "\n",
    "\n\n",
    "| G1 | x |\n",
    "**",
    "*",
    "_",
    "[[",
    "]]",
    "[[Career]]",
    "- [ ] ",
    "- [x] ",
    "# ",
    "## Vision\n",
    "`",
    "> ",
    " | ",
    "|",
    "\r\n",
    "G3",
    "2026-03-09",
    "Week of ",
    "$3M",
    "40%",
    "---\n",
    "```\n",
    "    ",
    "1. ",
    "#tag ",
    "<!-- career-lsp-disable-next-line empty-section -->\n",
];

fn char_boundary_at(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn edits() -> impl Strategy<Value = Vec<(usize, usize, usize)>> {
    // (position seed, deletion length, piece index)
    prop::collection::vec((0usize..10_000, 0usize..12, 0usize..PIECES.len()), 1..12)
}

/// A paragraph just under the block limit: 1,980 brackets.
fn heavy_paragraph() -> String {
    "[x] ".repeat(MAX_BLOCK_DELIMITERS / 2 - 10)
}

/// A Career Index whose six heavy paragraphs spend nearly all the note may spend: one
/// more, or one of them grown, goes over.
fn near_the_budget() -> String {
    let heavy = heavy_paragraph();
    let mut text = INDEX.to_string();
    for i in 0..6 {
        text.push_str(&format!("\n## Log {i}\n\n{heavy}\n"));
    }
    text
}

/// What edits insert near the budget: brackets that take a paragraph over its limit, a
/// whole heavy paragraph, paragraph breaks that split one, and ordinary text.
fn heavy_pieces() -> Vec<String> {
    vec![
        "[x] ".repeat(12),
        format!("\n\n{}\n\n", heavy_paragraph()),
        "\n\n".to_string(),
        "![".to_string(),
        "***a".to_string(),
        "]".to_string(),
        "a".to_string(),
        "- ".to_string(),
        "> ".to_string(),
        "| ".to_string(),
        "[[Career]]".to_string(),
        "`".to_string(),
    ]
}

fn heavy_edits() -> impl Strategy<Value = Vec<(usize, usize, usize)>> {
    // Longer deletions than `edits`, so that a paragraph can come back under its limit.
    prop::collection::vec((0usize..100_000, 0usize..80, 0usize..12), 1..8)
}

fn check_sequence(
    base: &str,
    name: &str,
    sequence: &[(usize, usize, usize)],
) -> Result<(), TestCaseError> {
    check_sequence_of(base, name, sequence, PIECES)
}

fn check_sequence_of(
    base: &str,
    name: &str,
    sequence: &[(usize, usize, usize)],
    pieces: &[&str],
) -> Result<(), TestCaseError> {
    let path = PathBuf::from(format!("/notes/{name}"));
    let mut incremental = Workspace::new(Config::default());
    let mut client_text = base.to_string();
    incremental.open(path.clone(), 0, base.to_string());
    for (version, (seed, delete, piece)) in sequence.iter().enumerate() {
        let start = char_boundary_at(&client_text, seed % (client_text.len() + 1));
        let end = char_boundary_at(&client_text, start + delete);
        let insert = pieces[*piece];
        client_text.replace_range(start..end, insert);
        incremental
            .change(
                &path,
                version as i32 + 1,
                vec![Edit {
                    range: start..end,
                    text: insert.to_string(),
                }],
            )
            .map_err(TestCaseError::fail)?;
    }
    let document = incremental.document(&path).expect("open");
    prop_assert_eq!(&*document.text, client_text.as_str());
    let fresh = SyntaxTree::parse(&client_text);
    prop_assert_eq!(document.syntax.block_sexp(), fresh.block_sexp());
    prop_assert_eq!(document.syntax.outline(), fresh.outline());

    let mut full = Workspace::new(Config::default());
    full.open(path.clone(), 0, client_text.clone());
    let full_document = full.document(&path).expect("open");
    prop_assert_eq!(&document.note.typed, &full_document.note.typed);
    prop_assert_eq!(&document.note.sections, &full_document.note.sections);
    prop_assert_eq!(incremental.diagnostics(&path), full.diagnostics(&path));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn goals_note_edits_match_a_full_parse(sequence in edits()) {
        check_sequence(GOALS, "2026 Goals.md", &sequence)?;
    }

    #[test]
    fn career_index_edits_match_a_full_parse(sequence in edits()) {
        check_sequence(INDEX, "Career.md", &sequence)?;
    }
}

proptest! {
    // Each case parses a 25 KB note of heavy markup several times.
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn edits_around_the_complexity_budget_match_a_full_parse(sequence in heavy_edits()) {
        let pieces = heavy_pieces();
        let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
        check_sequence_of(&near_the_budget(), "Career.md", &sequence, &pieces)?;
    }
}

/// Applies `edit` (a range of the current text and its replacement) to the open note and
/// checks the outline against a full parse; returns what the outline skipped, and why.
fn edit_and_compare(
    workspace: &mut Workspace,
    text: &mut String,
    version: i32,
    range: std::ops::Range<usize>,
    insert: &str,
) -> Vec<SkipReason> {
    let path = PathBuf::from("/notes/Career.md");
    text.replace_range(range.clone(), insert);
    workspace
        .change(
            &path,
            version,
            vec![Edit {
                range,
                text: insert.to_string(),
            }],
        )
        .unwrap();
    let document = workspace.document(&path).unwrap();
    assert_eq!(&*document.text, text.as_str());
    let fresh = SyntaxTree::parse(text);
    assert_eq!(document.syntax.outline(), fresh.outline());
    let mut full = Workspace::new(Config::default());
    full.open(path.clone(), 0, text.clone());
    assert_eq!(workspace.diagnostics(&path), full.diagnostics(&path));
    fresh.outline().skipped.iter().map(|s| s.why).collect()
}

#[test]
fn edits_into_and_out_of_an_over_budget_block_match_a_full_parse() {
    let path = PathBuf::from("/notes/Career.md");
    let mut text = near_the_budget();
    let mut workspace = Workspace::new(Config::default());
    workspace.open(path.clone(), 0, text.clone());
    assert!(SyntaxTree::parse(&text).outline().skipped.is_empty());

    // Twenty-four more brackets take the last heavy paragraph over the block limit...
    let at = text.rfind("[x] ").unwrap();
    let skipped = edit_and_compare(&mut workspace, &mut text, 1, at..at, &"[x] ".repeat(12));
    assert_eq!(skipped, [SkipReason::BlockTooComplex]);
    // ...and taking them out brings it back.
    let skipped = edit_and_compare(&mut workspace, &mut text, 2, at..at + 48, "");
    assert!(skipped.is_empty());

    // A seventh heavy paragraph, at the top, is more than the note may spend: the last
    // one is read as plain text.
    let top = text.find("## Log 0").unwrap();
    let seventh = format!(
        "{}

",
        heavy_paragraph()
    );
    let skipped = edit_and_compare(&mut workspace, &mut text, 3, top..top, &seventh);
    assert_eq!(skipped, [SkipReason::NoteBudgetSpent]);
    // Splitting a heavy paragraph in two halves its cost: everything fits again.
    let middle = text.find("## Log 2").unwrap()
        + "## Log 2

"
        .len()
        + 2_000;
    let skipped = edit_and_compare(
        &mut workspace,
        &mut text,
        4,
        middle..middle,
        "

",
    );
    assert!(skipped.is_empty(), "{skipped:?}");
    // Joining it again spends too much once more.
    let skipped = edit_and_compare(&mut workspace, &mut text, 5, middle..middle + 2, "");
    assert_eq!(skipped, [SkipReason::NoteBudgetSpent]);
    // Removing the seventh paragraph brings the note under its budget.
    let skipped = edit_and_compare(&mut workspace, &mut text, 6, top..top + seventh.len(), "");
    assert!(skipped.is_empty());
}

#[test]
fn several_edits_in_one_change_apply_in_order() {
    let path = PathBuf::from("/notes/Career.md");
    let mut workspace = Workspace::new(Config::default());
    workspace.open(path.clone(), 0, "# Career\n\nabc\n".into());
    workspace
        .change(
            &path,
            1,
            vec![
                Edit {
                    range: 10..11,
                    text: "🎯".into(),
                },
                Edit {
                    range: 10..14,
                    text: "x".into(),
                },
            ],
        )
        .unwrap();
    assert_eq!(
        &*workspace.document(&path).unwrap().text,
        "# Career\n\nxbc\n"
    );
    // A range that splits a character, or runs past the end, is refused and changes nothing.
    assert!(workspace
        .change(
            &path,
            2,
            vec![Edit {
                range: 0..99,
                text: String::new()
            }]
        )
        .is_err());
    assert_eq!(workspace.document(&path).unwrap().version, Some(1));
}

#[test]
fn a_note_whose_tree_has_errors_reads_as_a_full_parse_after_every_edit() {
    // Around an ERROR node, tree-sitter's recovery from the old tree differed from a fresh
    // parse: this note flipped between two readings at each re-parse, even of edits that
    // change nothing (found by fuzzing).
    let path = PathBuf::from("/notes/2026 Goals.md");
    let list = "---\n*\n.\n\n#\n- \n\n 1. 1. 1. 1. 1. 1. 1. ";
    let last_line = list.rfind('\n').unwrap() + 1;
    let mut workspace = Workspace::new(Config::default());
    workspace.open(path.clone(), 0, list.into());
    // Deletions of "1. " on the last line, then edits that change nothing.
    let deletions =
        [2..5, 15..18, 0..3, 3..6, 2..5].map(|r| last_line + r.start..last_line + r.end);
    let edits = deletions.into_iter().chain([0..0, 0..0, 0..0]);
    for (version, range) in edits.enumerate() {
        workspace
            .change(
                &path,
                version as i32 + 1,
                vec![Edit {
                    range,
                    text: String::new(),
                }],
            )
            .unwrap();
        let document = workspace.document(&path).expect("open");
        let fresh = SyntaxTree::parse(&document.text);
        assert_eq!(
            document.syntax.block_sexp(),
            fresh.block_sexp(),
            "after edit {version}: {:?}",
            document.text
        );
        assert_eq!(document.syntax.outline(), fresh.outline());
    }
}
