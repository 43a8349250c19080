//! The Career Index's model for notes in the person's own shape: wins and business
//! impact written as prose, external visibility written as a list.

use std::path::PathBuf;

use crate::methodology::NoteKind;
use crate::model::index::CareerIndex;
use crate::model::Note;
use crate::syntax::SyntaxTree;

fn note(text: &str) -> Note {
    let tree = SyntaxTree::parse(text);
    Note::build(
        PathBuf::from("/v/Career.md"),
        NoteKind::CareerIndex,
        text,
        tree.outline().clone(),
    )
}

fn index(note: &Note) -> &CareerIndex {
    note.as_index().expect("a Career Index")
}

/// A brag document by year: one year in paragraphs, one in a list with an introduction.
const BRAG: &str = "# Career\n\n## Wins & Artifacts\n\n### 2025\n\nLed the migration of 40 services to Kubernetes, cutting deploy time by 60%.\n\nMentored two new hires through their first on-call rotation.\n\n**2025 H2**\n\n### 2024\n\nHighlights from this year:\n\n1. Shipped the checkout redesign\n2. Cut cloud spend by $1.2M\n   - Negotiated the reserved-instance plan\n\nI also spent a lot of time on hiring, which is not listed here.\n";

#[test]
fn a_year_without_a_list_has_its_paragraphs_as_wins() {
    let note = note(BRAG);
    let wins: Vec<(Option<i32>, &str)> = index(&note)
        .wins
        .iter()
        .map(|w| (w.year, w.text.as_str()))
        .collect();
    assert_eq!(
        wins,
        [
            (
                Some(2025),
                "Led the migration of 40 services to Kubernetes, cutting deploy time by 60%."
            ),
            (
                Some(2025),
                "Mentored two new hires through their first on-call rotation."
            ),
            (Some(2024), "Shipped the checkout redesign"),
            (
                Some(2024),
                "Cut cloud spend by $1.2M Negotiated the reserved-instance plan"
            ),
        ]
    );
    // A paragraph win points at the paragraph.
    let first = &index(&note).wins[0];
    assert_eq!(
        &BRAG[first.range.clone()],
        "Led the migration of 40 services to Kubernetes, cutting deploy time by 60%."
    );
}

#[test]
fn labels_introductions_and_dates_are_never_wins() {
    let text = "# Career\n\n## Wins & Artifacts\n\nThe big ones, most recent first:\n\n**March**\n\nMay 2025\n\n> Can you quantify the $ impact of your wins?\n\n- Things I shipped:\n- Rebuilt the on-call rotation — pages per week down from 30 to 6\n";
    let note = note(text);
    let wins: Vec<&str> = index(&note).wins.iter().map(|w| w.text.as_str()).collect();
    assert_eq!(
        wins,
        ["Rebuilt the on-call rotation — pages per week down from 30 to 6"]
    );
    assert_eq!(index(&note).wins[0].title, "Rebuilt the on-call rotation");

    // Without any list, the same section's paragraphs are the wins, labels aside.
    let text = "# Career\n\n## Wins & Artifacts\n\nThe big ones:\n\n**March**\n\nRebuilt the on-call rotation.\n";
    let note = self::note(text);
    let wins: Vec<&str> = index(&note).wins.iter().map(|w| w.text.as_str()).collect();
    assert_eq!(wins, ["Rebuilt the on-call rotation."]);
}

#[test]
fn business_impact_in_bullets_or_paragraphs_is_read_row_by_row() {
    let text = "# Career\n\n## Business Impact\n\n- Latency: calls over 1s dropped from 30% to 10%\n- Improved reliability of the payments API\n\n## Risk Register\n";
    let note = note(text);
    let rows: Vec<(&str, &str)> = index(&note)
        .business_impact
        .iter()
        .map(|r| (r.initiative.as_str(), r.impact.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("", "Latency: calls over 1s dropped from 30% to 10%"),
            ("", "Improved reliability of the payments API"),
        ]
    );

    let text = "# Career\n\n## Wins & Artifacts\n\n- Shipped search\n\n### Business Impact Metrics\n\n| Initiative | Business Impact | Year |\n|---|---|---|\n| | | |\n\nBilling rewrite — $3M in annual revenue recovered (2024)\n";
    let note = self::note(text);
    let rows: Vec<(&str, &str, &str)> = index(&note)
        .business_impact
        .iter()
        .map(|r| (r.initiative.as_str(), r.impact.as_str(), r.year.as_str()))
        .collect();
    assert_eq!(
        rows,
        [(
            "Billing rewrite",
            "Billing rewrite — $3M in annual revenue recovered (2024)",
            "2024"
        )]
    );
    // The wins stay the wins.
    assert_eq!(index(&note).wins.len(), 1);
}

#[test]
fn a_filled_impact_table_is_not_read_again_as_prose() {
    let text = "# Career\n\n## Business Impact\n\nWhat the platform work earned:\n\n| Initiative | Business Impact | Year |\n|---|---|---|\n| Billing rewrite | $3M recovered | 2024 |\n";
    let note = note(text);
    let rows: Vec<&str> = index(&note)
        .business_impact
        .iter()
        .map(|r| r.impact.as_str())
        .collect();
    assert_eq!(rows, ["$3M recovered"]);
}

#[test]
fn external_visibility_as_a_list_is_read_target_by_target() {
    let text = "# Career\n\n## External Visibility\n\n- Spoke at KubeCon EU on golden paths\n- [x] Published \"Paved roads\" on the company blog\n- [ ] Write about the migration for InfoQ\n- Podcast with the Platform Engineering show (planned)\n- Idea: a meetup talk on on-call\n- Internal tech talk on CI\n";
    let note = note(text);
    let index = index(&note);
    let targets: Vec<(&str, bool)> = index
        .visibility
        .iter()
        .map(|t| (t.status.as_str(), t.internal))
        .collect();
    assert_eq!(
        targets,
        [
            ("Active", false),
            ("Done", false),
            ("Not started", false),
            ("Planned", false),
            ("Idea", false),
            ("Active", true),
        ]
    );
}

#[test]
fn the_theme_is_the_latest_one_an_undated_heading_counting_as_current() {
    let theme = |text: &str| {
        let note = note(text);
        let theme = &index(&note).theme;
        (
            theme.year,
            theme
                .themes
                .iter()
                .map(|t| t.text.clone())
                .collect::<Vec<_>>(),
        )
    };
    let two_years = "# Career\n\n## 2025 Theme\n\n> **\"Ship it\"**\n\n## 2026 Theme\n\n> **\"Go external\"**\n";
    assert_eq!(
        theme(two_years),
        (Some(2026), vec!["Go external".to_string()])
    );
    let newest_first = "# Career\n\n## 2026 Theme\n\n> **\"Go external\"**\n\n## 2025 Theme\n\n> **\"Ship it\"**\n";
    assert_eq!(
        theme(newest_first),
        (Some(2026), vec!["Go external".to_string()])
    );
    let undated =
        "# Career\n\n## Theme\n\n> **\"Go external\"**\n\n## 2025 Theme\n\n> **\"Ship it\"**\n";
    assert_eq!(theme(undated), (None, vec!["Go external".to_string()]));
}
