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
