//! How a note's headings become sections: the person's shapes, periods as groups, a
//! heading inside the section it names, and a Network told by its sub-sections alone.

use std::path::PathBuf;

use super::*;
use crate::syntax::SyntaxTree;

fn build(name: &str, kind: NoteKind, text: &str) -> Note {
    let tree = SyntaxTree::parse(text);
    Note::build(
        PathBuf::from("/v").join(name),
        kind,
        text,
        tree.outline().clone(),
    )
}

/// (heading, section) for every heading below the H1.
fn ids(note: &Note) -> Vec<(&str, Option<SectionId>)> {
    note.sections
        .iter()
        .filter(|s| s.level > 1)
        .map(|s| (s.title.as_str(), s.id))
        .collect()
}

const BRAG_DOC: &str = "\
# Brag Document — Priya Raman

## About Me

Staff engineer on the payments platform since 2022.

## Career Timeline (Mermaid Gantt Chart)

```mermaid
gantt
    title Career
    Payments platform :2022-01-01, 2026-03-01
```

## Accomplishments

### 2025

#### March

Led the migration of card payouts to the new ledger, two weeks ahead of plan.

#### June

- Cut the nightly reconciliation from 3 hours to 20 minutes.

### 2024

- Onboarded 4 engineers to the on-call rotation.

## What I learned

- Certified Kubernetes Administrator (passed in May).

## Mentors

- **Dana Whitfield** — VP Engineering at a fintech; quarterly coffee.

## Action Plan

- [ ] Ask Dana about the staff-plus promotion packet.
";

#[test]
fn a_brag_document_in_its_own_shape_has_sections() {
    let note = build("Brag.md", NoteKind::CareerIndex, BRAG_DOC);
    use SectionId as S;
    assert_eq!(
        ids(&note),
        [
            ("About Me", Some(S::CurrentRole)),
            ("Career Timeline (Mermaid Gantt Chart)", Some(S::Timeline)),
            ("Accomplishments", Some(S::WinsAndArtifacts)),
            ("2025", None),
            ("March", None),
            ("June", None),
            ("2024", None),
            ("What I learned", Some(S::Growth)),
            ("Mentors", Some(S::Mentors)),
            ("Action Plan", Some(S::OpenTasks)),
        ]
    );
    // The year and month groups belong to the Accomplishments: their text is the section's.
    let wins = note.section(S::WinsAndArtifacts).expect("wins");
    let texts: Vec<&str> = note.blocks_of(wins).map(|b| b.text.as_str()).collect();
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert!(texts[0].starts_with("Led the migration"), "{texts:?}");
    // A top-level Mentors heading is the Network's.
    assert!(note.has_section(S::Network));
    assert!(note.section(S::Network).is_none());
    assert!(!note.has_section(S::RiskRegister));
    // And the people under it are the Network's mentors.
    let network = &note.as_index().expect("an index").network;
    assert_eq!(network.mentors.len(), 1, "{network:?}");
    assert!(network.mentors_heading.is_some());
    assert!(network.sponsors.is_empty());
    assert_eq!(network.heading, None);
}

#[test]
fn a_heading_inside_the_section_it_names_groups_that_section() {
    let index = build(
        "Career.md",
        NoteKind::CareerIndex,
        "# Career\n\n## External Visibility\n\n### Writing\n\n- Published the ledger post.\n\n### Talks\n\n- Meetup talk in May.\n\n## Wins\n\n### Highlights\n\n- Shipped payouts.\n",
    );
    use SectionId as S;
    assert_eq!(
        ids(&index),
        [
            ("External Visibility", Some(S::ExternalVisibility)),
            ("Writing", None),
            ("Talks", None),
            ("Wins", Some(S::WinsAndArtifacts)),
            ("Highlights", None),
        ]
    );
    let goals = build(
        "2026 Goals.md",
        NoteKind::Goals,
        "# 2026 Goals\n\n## Quarterly Intentions\n\n### Q1\n\n- Prove it\n\n## Weekly Review\n\n### Weekly Review — 2026-03-09\n\n- Sent the summary.\n",
    );
    assert_eq!(
        ids(&goals),
        [
            ("Quarterly Intentions", Some(S::QuarterlyIntentions)),
            ("Q1", None),
            ("Weekly Review", Some(S::WeeklyReview)),
            ("Weekly Review — 2026-03-09", Some(S::WeeklyReview)),
        ]
    );
    // On their own, quarters are the Goals note's intentions.
    let quarters = build(
        "2026 Goals.md",
        NoteKind::Goals,
        "# 2026 Goals\n\n## Q1 2026\n\n- Prove it\n\n## Q2 2026\n\n- Ship it\n",
    );
    assert_eq!(
        ids(&quarters),
        [
            ("Q1 2026", Some(S::QuarterlyIntentions)),
            ("Q2 2026", Some(S::QuarterlyIntentions)),
        ]
    );
}

#[test]
fn a_note_without_any_network_heading_has_no_network() {
    let note = build(
        "Career.md",
        NoteKind::CareerIndex,
        "# Career\n\n## Vision\n\nLead payments.\n\n## People I admire\n\n- Dana\n",
    );
    assert!(!note.has_section(SectionId::Network));
    assert!(note.has_section(SectionId::Vision));
}

/// The kind a note called `notes/x.md` gets from its text alone.
fn kind_from_text(text: &str) -> NoteKind {
    let tree = SyntaxTree::parse(text);
    Classifier::new(&Default::default())
        .classify(std::path::Path::new("notes/x.md"), tree.outline())
}

#[test]
fn text_that_gives_a_kind_is_always_noticed_without_parsing() {
    for text in [
        "# Career\n",
        "Intro.\n\n## Vision\n\n# career index ##\n",
        "> # 2026 Goals\n",
        "- Item\n\n# Career#\n",
        "Career\nIndex\n======\n",
        "2026\nGoals\n===\n",
        "---\nkind: goals\n---\n\n# Plan\n",
        "\u{feff}# Career\n",
        "Intro\n\n# 2025   Goals\n",
    ] {
        assert_ne!(kind_from_text(text), NoteKind::Other, "{text:?}");
        assert!(text_may_give_kind(text), "{text:?}");
    }
    for text in [
        "# 2026-03-01 Career Coaching Session\n\n- Walked through [[Career#Vision]].\n",
        "# Notes\n\n## Goals for the week\n\n- Careers page\n",
        "",
    ] {
        assert_eq!(kind_from_text(text), NoteKind::Other, "{text:?}");
        assert!(!text_may_give_kind(text), "{text:?}");
    }
}

/// Lines that make titles, markers and near misses, to build notes from.
const TITLE_LINES: &[&str] = &[
    "# Career",
    "Career",
    "career index",
    "Index",
    "2026 Goals",
    "Goals",
    "2026",
    "# ",
    "#",
    "===",
    "---",
    "> ",
    ">",
    "- ",
    "1. ",
    "2) ",
    "  ",
    "\t",
    "```",
    "~~~",
    "<div>",
    "</div>",
    "kind: career-index",
    "kind: goals",
    "+++",
    "Notes",
    "# Notes",
    "Career Coaching",
    "##",
    "Career#",
    "#Career",
    "\\# Career",
    "**Career**",
    "- [ ] ",
    "|a|b|",
    "|-|-|",
    "",
    "\r",
    "CAREER",
    " Index",
    "goals ##",
    "    ",
    "* ",
    "+ ",
    ">>",
    "<!-- x -->",
    "Goals\t",
    "\n",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]

    /// Whenever the parser gives a note a kind from its text, the line test says so too.
    #[test]
    fn the_line_test_never_misses_a_kind_the_parser_gives(
        lines in proptest::collection::vec(
            proptest::collection::vec(proptest::sample::select(TITLE_LINES), 1..4),
            0..8,
        )
    ) {
        let text: String = lines
            .iter()
            .map(|parts| parts.concat() + "\n")
            .collect();
        if kind_from_text(&text) != NoteKind::Other {
            proptest::prop_assert!(text_may_give_kind(&text), "{:?}", text);
        }
    }
}

#[test]
fn suppressions_cover_their_line_or_the_rest_of_the_note() {
    let text = "# Career\n\
        <!-- career-lsp-disable-next-line broken-link --> <!-- career-lsp-disable-next-line empty-section -->\n\
        line two\n\
        <!-- career-lsp-disable-next-line -->\n\
        line four\n\
        `<!-- career-lsp-disable-next-line -->`\n\
        line six\n\
        <!-- career-lsp-disable broken-link -->\n\
        line eight\n\
        <!-- career-lsp-disable broken-link missing-section -->\n\
        line ten\n\
        <!-- career-lsp-disable -->\n\
        line twelve\n";
    let note = build("Career.md", NoteKind::CareerIndex, text);
    let at = |line: &str| text.find(line).unwrap();
    let suppressed = |code: &str, line: &str| note.suppressions.suppresses(code, at(line));
    assert!(suppressed("broken-link", "line two"));
    assert!(suppressed("empty-section", "line two"));
    assert!(!suppressed("missing-section", "line two"));
    assert!(suppressed("missing-section", "line four"));
    assert!(
        !suppressed("broken-link", "line six"),
        "a comment in code is text"
    );
    assert!(suppressed("broken-link", "line four"));
    assert!(!suppressed("missing-section", "# Career"));
    assert!(suppressed("broken-link", "line eight"));
    assert!(!suppressed("missing-section", "line eight"));
    assert!(suppressed("missing-section", "line ten"));
    assert!(suppressed("broken-link", "line ten"));
    assert!(!suppressed("empty-section", "line ten"));
    assert!(suppressed("empty-section", "line twelve"));
    // The later comments for a code add nothing: the first one counts.
    assert_eq!(note.suppressions.from.len(), 2);
    assert_eq!(
        note.suppressions.from["broken-link"],
        at("<!-- career-lsp-disable broken-link -->")
    );
    assert_eq!(note.suppressions.next_line.len(), 2);
}
