//! Inlay hints on real-looking notes.

use super::*;
use crate::features::test_support::snapshot;

/// The lines of the first note that carry hints, each hint rendered as `⟨label⟩` at its
/// offset.
fn render(text: &str, hints: &[InlayHint]) -> String {
    let mut rendered = String::new();
    let mut at = 0;
    for hint in hints {
        rendered.push_str(&text[at..hint.offset]);
        rendered.push_str(&format!("⟨{}⟩", hint.label));
        at = hint.offset;
    }
    rendered.push_str(&text[at..]);
    rendered
        .lines()
        .filter(|line| line.contains('⟨'))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The hints of the first of `notes` (today is 2026-03-15), rendered into its hinted
/// lines, compared with `expected`.
#[track_caller]
fn check_hints(notes: &[(&str, &str)], expected: &str) {
    let snapshot = snapshot(notes);
    let text = snapshot.text();
    let hints = inlay_hints(&snapshot, 0..text.len());
    assert_eq!(render(text, &hints), expected.trim_matches('\n'));
}

/// The hints of one kind, with their tooltips: `label | tooltip`.
fn hints_of(notes: &[(&str, &str)], kind: HintKind) -> Vec<String> {
    let snapshot = snapshot(notes);
    inlay_hints(&snapshot, 0..snapshot.text().len())
        .into_iter()
        .filter(|h| h.kind == kind)
        .map(|h| format!("{} | {}", h.label, h.tooltip.unwrap_or_default()))
        .collect()
}

const CAREER: &str = "\
# Career

## Vision

**North Star (2031):** Principal engineer of a mid-size logistics tech company.

### The Picture
- **Life:** Living in Rotterdam, four weeks a year fully offline.
- **Role:** Principal engineer who sets platform strategy.
- **Impact:** Developer platforms that cut lead time from weeks to hours.
- **Reach:** [How you extend beyond day job]

## 2026 Theme

> **\"From fixer to force multiplier\"**

### Success Criteria (Dec 2026)
- [ ] Principal promotion case reviewed by the promo committee
- [ ] Golden-path templates used by 80% of new services
- [x] Jonah promoted to Senior Engineer

## Network & Influence

### Sponsors
| Name | Context |
|------|---------|
| Ruud Janssen | VP Engineering |

### Mentors
| Name | Context |
|------|---------|
| | |

## Open Tasks

- [ ] [Task 1]
- [ ] [Task 2]
";

const GOALS: &str = "\
# 2026 Goals

## Annual Goals

| Goal | Outcome | Success Metric | Status | Vision |
|------|---------|----------------|--------|--------|
| G1 | Make the case for Principal Engineer | Promo packet submitted | In progress | Role |
| G2 | Golden paths are the default | 80% of new services on templates | In progress | Impact / Reach |
| G3 | Get better at public speaking | Two talks given | Not started | |
| G4 | Keep weekends offline | No work mail on weekends | In progress | North Star |

## Quarterly Intentions

| Quarter | Intention | Focus |
|---------|-----------|-------|
| Q1 | *\"Prove the paved road\"* | G2 |
| Q2 | *\"Take it company-wide\"* | G2, G3 |

## Monthly Milestones

### Feb 2026
- [x] Go template in production (G2)
- [ ] First blog post published (G3)

### Mar 2026
- [ ] Shipments team on templates (G2)
- [ ] Talk outline reviewed by 2026-03-18 (G3)

## Weekly Actions

### Week of 2026-03-09
- [ ] Send Ana the scope summary (G1)
- [x] Demo the Go template (G2)
";

#[test]
fn every_hint_of_a_goals_note() {
    check_hints(
        &[("2026 Goals.md", GOALS), ("Career.md", CAREER)],
        "\
## Annual Goals⟨filled⟩
| G1 | Make the case for Principal Engineer | Promo packet submitted | In progress | Role |⟨→ Role⟩
| G2 | Golden paths are the default | 80% of new services on templates | In progress | Impact / Reach |⟨→ Impact, Reach⟩
| G3 | Get better at public speaking | Two talks given | Not started | |⟨not linked⟩
| G4 | Keep weekends offline | No work mail on weekends | In progress | North Star |⟨→ North Star⟩
## Quarterly Intentions⟨filled⟩
| Q1 | *\"Prove the paved road\"* | G2 |⟨current quarter · 2 weeks left⟩
## Monthly Milestones⟨filled⟩
- [ ] First blog post published (G3)⟨2 weeks overdue⟩⟨1/2 done⟩
- [ ] Shipments team on templates (G2)⟨due in 2 weeks⟩
- [ ] Talk outline reviewed by 2026-03-18 (G3)⟨due in 3 days⟩⟨0/2 done⟩
## Weekly Actions⟨filled⟩
- [ ] Send Ana the scope summary (G1)⟨due today⟩
- [x] Demo the Go template (G2)⟨1/2 done⟩",
    );
}

#[test]
fn goal_rows_carry_their_picture_lines() {
    assert_eq!(
        hints_of(
            &[("2026 Goals.md", GOALS), ("Career.md", CAREER)],
            HintKind::VisionLink
        ),
        [
            "→ Role | Role: Principal engineer who sets platform strategy.",
            "→ Impact, Reach | Impact: Developer platforms that cut lead time from weeks to hours.",
            "not linked | G3 is not linked to your vision — which part of the picture does it serve?",
            "→ North Star | North Star: Principal engineer of a mid-size logistics tech company.",
        ]
    );
    // Without an index the pillars are still named.
    assert_eq!(
        hints_of(&[("2026 Goals.md", GOALS)], HintKind::VisionLink)[0],
        "→ Role | "
    );
}

#[test]
fn a_goal_linked_by_wikilink_or_tag() {
    let goals = "\
# 2026 Goals

## Annual Goals

| Goal | Outcome | Success Metric | Status |
|------|---------|----------------|--------|
| G1 | Principal case [[Career#Vision]] | Promo packet submitted | In progress |
| G2 | Golden paths #vision/impact | 80% of new services | In progress |
";
    check_hints(
        &[("2026 Goals.md", goals), ("Career.md", CAREER)],
        "\
## Annual Goals⟨filled⟩
| G1 | Principal case [[Career#Vision]] | Promo packet submitted | In progress |⟨→ Vision⟩
| G2 | Golden paths #vision/impact | 80% of new services | In progress |⟨→ Impact⟩",
    );
}

#[test]
fn time_left_in_the_current_quarter() {
    assert_eq!(
        hints_of(&[("2026 Goals.md", GOALS)], HintKind::Quarter),
        ["current quarter · 2 weeks left | Q1 2026 ends on 2026-03-31"]
    );
    let last_week = GOALS
        .replace("| Q1 |", "| Q3 |")
        .replace("| Q2 |", "| Q1 |");
    let config_today = |date: &str| {
        let mut snapshot = snapshot(&[("2026 Goals.md", &last_week)]);
        snapshot.today = date.parse().unwrap();
        inlay_hints(&snapshot, 0..last_week.len())
            .into_iter()
            .filter(|h| h.kind == HintKind::Quarter)
            .map(|h| h.label)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        config_today("2026-03-27"),
        ["current quarter · 4 days left"]
    );
    assert_eq!(config_today("2026-03-31"), ["current quarter · last day"]);
    assert_eq!(
        config_today("2026-01-01"),
        ["current quarter · 12 weeks left"]
    );
    assert_eq!(
        config_today("2026-08-01"),
        ["current quarter · 8 weeks left"]
    );
    assert!(config_today("2026-05-01").is_empty(), "no Q2 row");
}

#[test]
fn a_past_years_goals_have_no_quarter_or_dates() {
    let old = GOALS.replace("2026", "2025");
    let hints = hints_of(&[("2025 Goals.md", &old)], HintKind::Quarter);
    assert!(hints.is_empty(), "{hints:?}");
    let hints = hints_of(&[("2025 Goals.md", &old)], HintKind::DueDate);
    assert!(hints.is_empty(), "{hints:?}");
}

#[test]
fn relative_dates_read_naturally() {
    let today: NaiveDate = "2026-03-15".parse().unwrap();
    let cases = [
        ("2026-03-15", "due today"),
        ("2026-03-16", "due tomorrow"),
        ("2026-03-18", "due in 3 days"),
        ("2026-03-28", "due in 13 days"),
        ("2026-03-29", "due in 2 weeks"),
        ("2026-05-31", "due in 2 months"),
        ("2026-03-14", "1 day overdue"),
        ("2026-03-05", "10 days overdue"),
        ("2026-02-28", "2 weeks overdue"),
        ("2025-12-31", "2 months overdue"),
    ];
    for (due, expected) in cases {
        assert_eq!(relative_due(due.parse().unwrap(), today), expected, "{due}");
    }
}

#[test]
fn dated_milestones_in_a_table() {
    let goals = "\
# 2026 Goals

## Monthly Milestones

| Month | Milestone | Status |
|-------|-----------|--------|
| Feb | Go template in production | Done |
| Mar | Shipments team on templates | In progress |
| Apr | Promo narrative first draft | |
";
    check_hints(
        &[("2026 Goals.md", goals)],
        "\
## Monthly Milestones⟨filled⟩
| Mar | Shipments team on templates | In progress |⟨due in 2 weeks⟩
| Apr | Promo narrative first draft | |⟨due in 6 weeks⟩",
    );
}

#[test]
fn checkbox_lists_and_section_completeness_in_an_index() {
    check_hints(
        &[("Career.md", CAREER)],
        "\
## Vision⟨filled⟩
### The Picture⟨filled⟩
## 2026 Theme⟨filled⟩
### Success Criteria (Dec 2026)⟨filled⟩
- [x] Jonah promoted to Senior Engineer⟨1/3 done⟩
## Network & Influence⟨1/2 sub-sections filled⟩
### Sponsors⟨filled⟩
### Mentors⟨empty⟩
## Open Tasks⟨empty⟩",
    );
}

#[test]
fn completeness_tooltips_ask_the_question_or_name_what_is_empty() {
    let hints = hints_of(&[("Career.md", CAREER)], HintKind::SectionCompleteness);
    assert!(hints.contains(&"1/2 sub-sections filled | Still empty: Mentors".to_string()));
    assert!(hints.contains(
        &"empty | Who are your mentors? (People whose experience you pull advice from)".to_string()
    ));
    assert!(hints.contains(&"filled | ".to_string()));
}

#[test]
fn a_section_holding_only_its_own_prompt_is_empty() {
    let career = "\
# Career

## Innovation Thesis

> What do you believe about your industry that others don't?

## Growth

### Skills Inventory
| Domain | Level | Last Active | Notes |
|--------|-------|-------------|-------|
| Platform engineering | Expert | 2026 | |

### Active Development
- [ ] [Development item 1]
";
    check_hints(
        &[("Career.md", career)],
        "\
## Innovation Thesis⟨empty⟩
## Growth⟨1/2 sub-sections filled⟩
### Skills Inventory⟨filled⟩
### Active Development⟨empty⟩",
    );
}

#[test]
fn nested_checkbox_lists_are_counted_per_level() {
    let career = "\
# Career

## Growth

Working on these:

- [ ] Write a platform strategy one-pager
  - [x] Outline
  - [x] First draft
  - [ ] Review with Ana
- [x] Incident commander training
- Reading, not a task
- [ ] Join a staff-plus peer group

> - [x] A quoted task
> - [ ] Another quoted task
";
    check_hints(
        &[("Career.md", career)],
        "\
## Growth⟨filled⟩
  - [ ] Review with Ana⟨2/3 done⟩
- [x] Incident commander training⟨1/2 done⟩
> - [ ] Another quoted task⟨1/2 done⟩",
    );
}

#[test]
fn profiles_and_session_logs() {
    let profile = "\
# Profile

## Profile
- Elena Marchetti, Rotterdam, CET

## Things to Avoid
";
    check_hints(
        &[
            ("CLAUDE.md", profile),
            ("Career.md", "# Career\n\n## Vision\n"),
        ],
        "\
## Profile⟨filled⟩
## Things to Avoid⟨empty⟩",
    );
    // A session log gets checkbox counts but no section completeness.
    let session = "\
# 2026-02-21 Career Coaching Session

## Open Threads
- [ ] A mitigation for the acquisition risk
- [x] Which pillar the speaking goal serves
";
    check_hints(
        &[("2026-02-21 Career Coaching Session.md", session)],
        "- [x] Which pillar the speaking goal serves⟨1/2 done⟩",
    );
}

#[test]
fn a_carried_open_thread_says_where_it_went() {
    let old = "\
# 2026-01-17 Career Coaching Session

## Open threads
- What is the euro value of the CI overhaul?
- Risk Register still thin.
- Who could be a second sponsor?
";
    let later = "# 2026-02-21 Career Coaching Session\n\n## Discussed\n- The risk register still thin: ran the contingency question.\n";
    let index = "# Career\n\n## Open Tasks\n\n- [ ] What is the euro value of the CI overhaul? (from [[2026-01-17 Career Coaching Session]])\n";
    check_hints(
        &[
            ("2026-01-17 Career Coaching Session.md", old),
            ("2026-02-21 Career Coaching Session.md", later),
            ("Career.md", index),
        ],
        "\
- What is the euro value of the CI overhaul?⟨→ Open Tasks⟩
- Risk Register still thin.⟨→ session of 2026-02-21⟩",
    );
}

#[test]
fn other_notes_have_no_hints() {
    let other = "# Reading list\n\n## Vision\n\n- [ ] One\n- [x] Two\n";
    check_hints(&[("Reading.md", other)], "");
}

#[test]
fn only_hints_in_the_range() {
    let snapshot = snapshot(&[("2026 Goals.md", GOALS)]);
    let text = snapshot.text();
    let start = text.find("## Quarterly").unwrap();
    let end = text.find("## Monthly").unwrap();
    let labels: Vec<String> = inlay_hints(&snapshot, start..end)
        .into_iter()
        .map(|h| h.label)
        .collect();
    assert_eq!(labels, ["filled", "current quarter · 2 weeks left"]);
    // A hint at the very end of the range is in it.
    let row_end =
        text.find("| Q1 |").unwrap() + text[text.find("| Q1 |").unwrap()..].find('\n').unwrap();
    let labels: Vec<String> = inlay_hints(&snapshot, row_end..row_end)
        .into_iter()
        .map(|h| h.label)
        .collect();
    assert_eq!(labels, ["current quarter · 2 weeks left"]);
}

/// Section completeness agrees with `empty-section` on every fixture workspace: the
/// rule fires at a heading only where the hint says `empty`, and every `empty` heading
/// is reported, or sits under a reported one.
#[test]
fn empty_agrees_with_the_empty_section_rule_on_the_fixtures() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut folders = vec![root.join("demo"), root.join("demo/mentee-review")];
    let cases = std::fs::read_dir(root.join("rules/empty-section")).expect("fixtures");
    folders.extend(cases.map(|entry| entry.expect("a fixture folder").path()));
    let rule = crate::rules::rule("empty-section").expect("the rule");
    let mut checked = 0;
    for folder in folders {
        let mut notes: Vec<(String, String)> = std::fs::read_dir(&folder)
            .expect("a fixture folder")
            .map(|entry| entry.expect("a file").path())
            .filter(|path| path.extension().is_some_and(|e| e == "md"))
            .map(|path| {
                let name = path.file_name().unwrap().to_string_lossy().to_string();
                (name, std::fs::read_to_string(&path).expect("a note"))
            })
            .collect();
        notes.sort();
        for first in 0..notes.len() {
            let mut ordered: Vec<(&str, &str)> = notes
                .iter()
                .map(|(n, t)| (n.as_str(), t.as_str()))
                .collect();
            ordered.swap(0, first);
            let snapshot = snapshot(&ordered);
            let note = snapshot.note();
            let reported: Vec<Range<usize>> = rule
                .check(note, &snapshot.context())
                .into_iter()
                .map(|finding| finding.range)
                .collect();
            let empty: Vec<Range<usize>> = inlay_hints(&snapshot, 0..snapshot.text().len())
                .into_iter()
                .filter(|h| h.kind == HintKind::SectionCompleteness && h.label == "empty")
                .filter_map(|h| {
                    note.sections
                        .iter()
                        .find(|s| s.heading_range.end == h.offset)
                        .map(|s| s.heading_range.clone())
                })
                .collect();
            let where_ = format!("{}/{}", folder.display(), ordered[0].0);
            for range in &reported {
                assert!(
                    empty.contains(range),
                    "{where_}: reported but not `empty` at {range:?}"
                );
            }
            for range in &empty {
                let section = note
                    .sections
                    .iter()
                    .find(|s| s.heading_range == *range)
                    .expect("a section");
                let mut current = Some(section);
                let mut covered = false;
                while let Some(s) = current {
                    covered |= reported.contains(&s.heading_range);
                    current = s.parent.map(|p| &note.sections[p]);
                }
                assert!(covered, "{where_}: `empty` but not reported at {range:?}");
            }
            checked += empty.len();
        }
    }
    assert!(checked > 10, "the fixtures hold empty sections ({checked})");
}

#[test]
fn hints_sit_on_character_boundaries_in_multi_byte_text() {
    let goals = "\
# 2026 Goals

## 🎯 Annual Goals

| Goal | Outcome | Success Metric | Status | Vision |
|------|---------|----------------|--------|--------|
| G1 | 晋升到首席工程师 | 评审通过 | In progress | Role 🚀 |

## Weekly Actions

### Week of 2026-03-09
- [ ] 準備する (G1) 🎤
- [x] Démo du modèle Go
";
    let snapshot = snapshot(&[("2026 Goals.md", goals)]);
    let hints = inlay_hints(&snapshot, 0..goals.len());
    assert!(hints.iter().all(|h| goals.is_char_boundary(h.offset)));
    check_hints(
        &[("2026 Goals.md", goals)],
        "\
## 🎯 Annual Goals⟨filled⟩
| G1 | 晋升到首席工程师 | 评审通过 | In progress | Role 🚀 |⟨→ Role⟩
## Weekly Actions⟨filled⟩
- [ ] 準備する (G1) 🎤⟨due today⟩
- [x] Démo du modèle Go⟨1/2 done⟩",
    );
}

#[test]
fn an_agent_file_gets_hints_only_where_it_is_a_career_profile() {
    let profile = "# CLAUDE.md\n\n## Profile\n\nStaff engineer, platform.\n";
    let hints = |snapshot: &Snapshot| inlay_hints(snapshot, 0..snapshot.text().len());
    assert_eq!(hints(&snapshot(&[("CLAUDE.md", profile)])), Vec::new());
    let career = "# Career\n\n## Vision\n\nLead a platform group.\n";
    let beside_index = snapshot(&[("CLAUDE.md", profile), ("Career.md", career)]);
    assert!(hints(&beside_index).iter().any(|h| h.label == "filled"));
    let in_configured_root = crate::features::test_support::snapshot_in_root(
        &[("CLAUDE.md", profile)],
        Some("today = \"2026-03-15\"\n"),
    );
    assert!(hints(&in_configured_root)
        .iter()
        .any(|h| h.label == "filled"));
}
