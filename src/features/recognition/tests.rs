//! "Treat ‘<heading>’ as <Section>" and "Rename to <Section>" on real-looking notes.

use std::path::PathBuf;

use super::*;
use crate::features::test_support::{cursor, snapshot_in_root};
use crate::workspace::CONFIG_FILE_NAME;

/// A brag document whose headings are the person's own: one the methodology knows
/// (Accomplishments), one it does not (Major Wins Shipped), a year group, and a heading
/// that shares no word with any section.
const BRAG: &str = "# Brag Document 2025\n\n## Accomplishments\n\n### 2025\n\n- Cut deploy time from 40 to 12 minutes.\n\n## Major Achievements Shipped\n\n- Launched the partner API; 30 partners in the first quarter.\n\n## Hobbies and Side Quests\n\n- Sourdough.\n";

/// The actions on the heading of `note` that holds `$0`, in a root whose config file holds
/// `config` when given.
fn actions_at(name: &str, note: &str, config: Option<&str>) -> Vec<Action> {
    let (text, offset) = cursor(note);
    let snapshot = snapshot_in_root(&[(name, &text)], config);
    heading_actions(&snapshot, offset..offset)
}

fn titles(actions: &[Action]) -> Vec<&str> {
    actions.iter().map(|a| a.title.as_str()).collect()
}

fn at(marker: &str) -> String {
    BRAG.replacen(marker, &format!("{marker}$0"), 1)
}

fn config_path() -> PathBuf {
    PathBuf::from("/vault").join(CONFIG_FILE_NAME)
}

#[test]
fn likely_sections_come_best_word_match_first() {
    use SectionId as S;
    let index = |heading| likely_sections(NoteKind::CareerIndex, heading);
    assert_eq!(index("Major Achievements Shipped")[0], S::WinsAndArtifacts);
    assert_eq!(index("Career Risks")[0], S::RiskRegister);
    assert_eq!(index("Speaking & Podcasts")[0], S::ExternalVisibility);
    assert_eq!(index("Impact & Results")[0], S::BusinessImpact);
    assert_eq!(index("Skills I'm building")[0], S::Growth);
    assert_eq!(index("Mentoring & Sponsorship")[0], S::Network);
    assert_eq!(index("Hobbies and Side Quests"), []);
    assert_eq!(
        likely_sections(NoteKind::Goals, "Outcomes I want")[0],
        S::AnnualGoals
    );
    // Only the note's own kind of section is offered.
    assert!(!likely_sections(NoteKind::Goals, "Career Risks").contains(&S::RiskRegister));
}

#[test]
fn an_unrecognised_heading_offers_its_likely_sections_both_ways() {
    let actions = actions_at("Career.md", &at("## Major"), None);
    assert_eq!(
        titles(&actions)[..2],
        [
            "Treat ‘Major Achievements Shipped’ as Wins & Artifacts",
            "Rename to Wins & Artifacts"
        ]
    );
    assert!(actions.len() <= 2 * MAX_OFFERS, "{:?}", titles(&actions));
    // With no config file, the root gets one holding the alias.
    assert_eq!(
        actions[0].changes,
        [Change::Create {
            path: config_path(),
            text: "[aliases]\n\"Major Achievements Shipped\" = \"wins\"\n".to_string(),
        }]
    );
    // Renaming replaces the heading's text, and only it.
    let Change::Edit { path, edits } = &actions[1].changes[0] else {
        panic!("{:?}", actions[1].changes)
    };
    assert_eq!(path, &PathBuf::from("/vault/Career.md"));
    let mut renamed = BRAG.to_string();
    renamed.replace_range(edits[0].range.clone(), &edits[0].text);
    assert!(
        renamed.contains("\n## Wins & Artifacts\n\n- Launched the partner API"),
        "{renamed}"
    );
    assert_eq!(renamed.matches("Major Achievements").count(), 0);
}

#[test]
fn the_alias_joins_the_aliases_table_or_starts_one() {
    let no_table = "today = \"2026-03-15\"\n\n[rules]\nempty-section = \"off\"\n";
    let actions = actions_at("Career.md", &at("## Major"), Some(no_table));
    let Change::Edit { path, edits } = &actions[0].changes[0] else {
        panic!("{:?}", actions[0].changes)
    };
    assert_eq!(path, &config_path());
    let mut edited = no_table.to_string();
    edited.replace_range(edits[0].range.clone(), &edits[0].text);
    assert_eq!(
        edited,
        "today = \"2026-03-15\"\n\n[rules]\nempty-section = \"off\"\n\n[aliases]\n\"Major Achievements Shipped\" = \"wins\"\n"
    );

    let table = "[aliases] # my headings\n\"Brag\" = \"wins\"\n\n[rules]\nempty-section = \"off\"";
    let actions = actions_at("Career.md", &at("## Major"), Some(table));
    let Change::Edit { edits, .. } = &actions[0].changes[0] else {
        panic!("{:?}", actions[0].changes)
    };
    let mut edited = table.to_string();
    edited.replace_range(edits[0].range.clone(), &edits[0].text);
    assert_eq!(
        edited,
        "[aliases] # my headings\n\"Brag\" = \"wins\"\n\"Major Achievements Shipped\" = \"wins\"\n\n[rules]\nempty-section = \"off\""
    );
    // The file still reads, and now names the heading's section.
    let (config, problems) = crate::workspace::Config::from_toml(&edited);
    assert_eq!(problems, vec![]);
    assert!(!config.aliases.is_empty());

    // A last line without a line break gets one before the alias.
    assert_eq!(
        alias_edit("[aliases]\n\"Brag\" = \"wins\"", "\"X\" = \"growth\"\n").text,
        "\n\"X\" = \"growth\"\n"
    );
    assert_eq!(
        toml_string("The \"real\" C:\\ work"),
        "\"The \\\"real\\\" C:\\\\ work\""
    );
}

#[test]
fn once_aliased_the_heading_is_a_section_and_nothing_more_is_offered() {
    let config = "[aliases]\n\"Major Achievements Shipped\" = \"wins\"\n";
    let (text, offset) = cursor(&at("## Major"));
    let snapshot = snapshot_in_root(&[("Career.md", &text)], Some(config));
    let note = snapshot.note();
    let heading = note
        .sections
        .iter()
        .find(|s| s.title == "Major Achievements Shipped")
        .expect("the heading");
    assert_eq!(heading.id, Some(SectionId::WinsAndArtifacts));
    assert_eq!(heading_actions(&snapshot, offset..offset), []);
}

#[test]
fn nothing_is_offered_where_there_is_nothing_to_recognise() {
    // A recognised heading, a year group, the H1, a heading that shares no word with any
    // section, and a line that is no heading.
    for marker in [
        "## Accomplishments",
        "### 2025",
        "# Brag",
        "## Hobbies",
        "- Sourdough",
    ] {
        assert_eq!(
            titles(&actions_at("Career.md", &at(marker), None)),
            Vec::<&str>::new(),
            "{marker}"
        );
    }
    // A note that is not a career note.
    assert_eq!(
        titles(&actions_at("Reading List.md", &at("## Major"), None)),
        Vec::<&str>::new()
    );
    // A heading inside the section it would name is that section's group already.
    let nested =
        "# Career\n\n## Wins\n\n### Major achievements$0 shipped\n\n- Launched the partner API.\n";
    assert!(!titles(&actions_at("Career.md", nested, None))
        .iter()
        .any(|t| t.contains("Wins")));
}

#[test]
fn a_goals_notes_own_heading_can_be_its_annual_goals() {
    let goals =
        "# 2026 Goals\n\n## Outcomes I $0want\n\n1. Promoted to staff engineer by October.\n";
    let actions = actions_at("2026 Goals.md", goals, None);
    assert_eq!(
        titles(&actions)[..2],
        [
            "Treat ‘Outcomes I want’ as Annual Goals",
            "Rename to Annual Goals"
        ]
    );
    assert_eq!(
        actions[0].changes,
        [Change::Create {
            path: config_path(),
            text: "[aliases]\n\"Outcomes I want\" = \"annual-goals\"\n".to_string(),
        }]
    );
}
