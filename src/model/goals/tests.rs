//! The Goals note's model: goal tables read by column meaning, goals written as a list,
//! and references.

use std::path::PathBuf;

use crate::methodology::{NoteKind, Pillar, SectionId};
use crate::model::goals::{Goal, GoalsNote};
use crate::model::text::VisionLink;
use crate::model::Note;
use crate::syntax::SyntaxTree;

fn note(text: &str) -> Note {
    let tree = SyntaxTree::parse(text);
    Note::build(
        PathBuf::from("/v/2026 Goals.md"),
        NoteKind::Goals,
        text,
        tree.outline().clone(),
    )
}

fn goals(note: &Note) -> &GoalsNote {
    note.as_goals().expect("a Goals note")
}

/// Each goal as (label, outcome, metric, status).
fn summary(goals: &[Goal]) -> Vec<(String, &str, &str, &str)> {
    goals
        .iter()
        .map(|g| {
            (
                g.label(),
                g.outcome.as_str(),
                g.success_metric.as_str(),
                g.status.as_str(),
            )
        })
        .collect()
}

#[test]
fn a_reference_in_a_nested_item_is_counted_once() {
    let text = "# 2026 Goals\n\n## Monthly Milestones\n- [ ] March\n  - [ ] Draft the RFC (G1)\n";
    let note = note(text);
    let goals = goals(&note);
    assert_eq!(goals.references.len(), 1, "{:?}", goals.references);
    assert_eq!(&text[goals.references[0].1.clone()], "G1");
}

#[test]
fn an_okr_table_is_read_as_goals_numbered_by_position() {
    let text = "# 2026 Goals\n\n## 2026 Goals\n\n| Objective | Key Result | Status |\n|---|---|---|\n| Make the platform the default | 80% of new services on golden paths | In progress |\n| | Onboarding a service takes under a day | Not started |\n| Grow as a leader | Run 12 skip-levels | Not started |\n";
    let note = note(text);
    assert!(note.section(SectionId::AnnualGoals).is_some());
    let goals = goals(&note);
    assert_eq!(
        summary(&goals.goals),
        [
            (
                "G1".to_string(),
                "Make the platform the default",
                "80% of new services on golden paths; Onboarding a service takes under a day",
                "In progress"
            ),
            (
                "G2".to_string(),
                "Grow as a leader",
                "Run 12 skip-levels",
                "Not started"
            ),
        ]
    );
    // No ID is written: nothing in the table is a reference or an ID cell.
    assert!(goals.goals.iter().all(|g| g.id_range.is_empty()));
    assert!(goals.references.is_empty());
}

#[test]
fn a_goal_column_is_the_id_only_when_its_cells_are_ids() {
    // `Goal` holding outcomes, metrics under `Target`, the pillar under `Serves`.
    let text = "# 2026 Goals\n\n## Annual Goals\n\n| Goal | Target | State | Serves |\n|---|---|---|---|\n| Principal promotion | Packet accepted by June | In progress | Role |\n| Speak at a conference | 2 talks | Not started | Reach |\n";
    let note = note(text);
    let goals = goals(&note);
    assert_eq!(
        summary(&goals.goals),
        [
            (
                "G1".to_string(),
                "Principal promotion",
                "Packet accepted by June",
                "In progress"
            ),
            (
                "G2".to_string(),
                "Speak at a conference",
                "2 talks",
                "Not started"
            ),
        ]
    );
    assert_eq!(
        goals.goals[1].vision_links,
        [VisionLink::Pillars(vec![Pillar::Reach])]
    );
    assert!(goals.has_vision_column);

    // `#` holding IDs, `Goal` the outcome, `KPI` and `Progress`.
    let text = "# 2026 Goals\n\n## Annual Goals\n\n| # | Goal | KPI | Progress | Pillar |\n|---|---|---|---|---|\n| G1 | Ship the billing rewrite | 99.9% of invoices on the new path | Complete | Impact |\n| G3 | Write more | 6 posts | In progress | Reach |\n";
    let note = self::note(text);
    let goals = self::goals(&note);
    assert_eq!(
        summary(&goals.goals),
        [
            (
                "G1".to_string(),
                "Ship the billing rewrite",
                "99.9% of invoices on the new path",
                "Complete"
            ),
            ("G3".to_string(), "Write more", "6 posts", "In progress"),
        ]
    );
    assert_eq!(&text[goals.goals[1].id_range.clone()], "G3");
}

#[test]
fn a_table_with_no_goal_columns_holds_no_goals() {
    let text = "# 2026 Goals\n\n## Annual Goals\n\n| Month | Theme |\n|---|---|\n| January | Rest |\n| February | Focus |\n";
    let note = note(text);
    assert!(goals(&note).goals.is_empty());
    assert!(goals(&note).annual_goals_table.is_none());
}

const CHECKLIST: &str = "# 2026 Goals\n\nWhat I want from this year, in no particular order.\n\n- [x] Read 12 books\n- [ ] Get promoted to Staff (Role)\n- [ ] Cut p99 latency of checkout → Impact\n- [ ] Give a talk outside the company #vision/reach\n- Spend more time outdoors\n- [ ] Ship the mentoring program [[Career#Vision]]\n  - Measure: 4 mentees paired by June\n\n## Notes\n\n- Remember to book the conference early.\n";

#[test]
fn a_checklist_under_the_title_is_the_annual_goals() {
    let note = note(CHECKLIST);
    let goals = goals(&note);
    assert_eq!(
        summary(&goals.goals),
        [
            (
                "G1".to_string(),
                "Read 12 books",
                "Read 12 books",
                "Complete"
            ),
            ("G2".to_string(), "Get promoted to Staff", "", "Not started"),
            (
                "G3".to_string(),
                "Cut p99 latency of checkout",
                "",
                "Not started"
            ),
            (
                "G4".to_string(),
                "Give a talk outside the company #vision/reach",
                "",
                "Not started"
            ),
            ("G5".to_string(), "Spend more time outdoors", "", ""),
            (
                "G6".to_string(),
                "Ship the mentoring program [[Career#Vision]]",
                "4 mentees paired by June",
                "Not started"
            ),
        ]
    );
    let links: Vec<&[VisionLink]> = goals
        .goals
        .iter()
        .map(|g| g.vision_links.as_slice())
        .collect();
    assert_eq!(
        links,
        [
            &[][..],
            &[VisionLink::Pillars(vec![Pillar::Role])],
            &[VisionLink::Pillars(vec![Pillar::Impact])],
            &[VisionLink::Pillars(vec![Pillar::Reach])],
            &[],
            &[VisionLink::Wikilink {
                target: "Career".to_string(),
                heading: "Vision".to_string()
            }],
        ]
    );
    // A checkbox is the status: there is no cell to write another into.
    assert!(goals.goals.iter().all(|g| g.status_range.is_none()));
    // Each goal is its item's own line, nested details left out.
    assert_eq!(
        &CHECKLIST[goals.goals[5].row_range.clone()],
        "- [ ] Ship the mentoring program [[Career#Vision]]"
    );
    assert_eq!(
        &CHECKLIST[goals.goals[1].item_text.clone().unwrap()],
        "Get promoted to Staff (Role)"
    );
    // The list stands for the section; the Notes list is not a goal.
    assert!(goals.goals_under_title);
    assert!(note.has_section(SectionId::AnnualGoals));
    assert!(note.section(SectionId::AnnualGoals).is_none());
}

#[test]
fn explicit_ids_and_asides_in_a_list_under_annual_goals() {
    let text = "# 2026 Goals\n\n## Annual Goals\n\nThree things this year:\n\n1. **G1:** Lead the platform migration (with Sam and Priya)\n2. G2 — Run a half marathon\n   - Target: under 2 hours\n3. G4 Learn Rust\n\n## Weekly Actions\n\n- [ ] Draft the migration plan (G1)\n";
    let note = note(text);
    let goals = goals(&note);
    assert_eq!(
        summary(&goals.goals),
        [
            (
                "G1".to_string(),
                "Lead the platform migration (with Sam and Priya)",
                "",
                ""
            ),
            ("G2".to_string(), "Run a half marathon", "under 2 hours", ""),
            ("G4".to_string(), "Learn Rust", "", ""),
        ]
    );
    // An aside that names no pillar is no vision link.
    assert!(goals.goals[0].vision_links.is_empty());
    assert_eq!(&text[goals.goals[0].id_range.clone()], "G1");
    assert!(!goals.goals_under_title);
    // The IDs the items start with are declarations, not references; the action's is one.
    assert_eq!(
        goals
            .references
            .iter()
            .map(|(id, r)| (*id, &text[r.clone()]))
            .collect::<Vec<_>>(),
        [(1, "G1")]
    );
    assert!(goals.references[0].1.start > text.find("## Weekly").unwrap());
}

#[test]
fn a_list_is_not_read_where_a_table_of_goals_is_or_outside_the_goals() {
    // Annual Goals with a table: the list below it is commentary.
    let text = "# 2026 Goals\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status | Vision |\n|---|---|---|---|---|\n| G1 | Principal promotion | Packet accepted | In progress | Role |\n\n- Revisit in June\n";
    let note = self::note(text);
    assert_eq!(goals(&note).goals.len(), 1);
    assert!(goals(&note).annual_goals_list.is_none());

    // A note with the section: a list directly under the H1 is not its goals.
    let text = "# 2026 Goals\n\n- Keep this note short\n\n## Annual Goals\n\n- [ ] Principal promotion (Role)\n";
    let note = self::note(text);
    assert_eq!(
        summary(&goals(&note).goals),
        [("G1".to_string(), "Principal promotion", "", "Not started")]
    );

    // Prose under the H1 and no list: no goals, and nothing stands for the section.
    let text = "# 2026 Goals\n\nThis year is about rest and one big bet on the platform.\n\n## Weekly Actions\n\n- [ ] Book the retro\n";
    let note = self::note(text);
    assert!(goals(&note).goals.is_empty());
    assert!(!note.has_section(SectionId::AnnualGoals));

    // The template's placeholder items are no goals, but their IDs are known.
    let text = "# 2026 Goals\n\n## Annual Goals\n\n- [ ] G1: [What you'll achieve]\n- [ ] G2: [What you'll achieve]\n";
    let note = self::note(text);
    assert!(goals(&note).goals.is_empty());
    assert_eq!(goals(&note).template_ids, [1, 2]);
}

/// Each intention as (quarter, intention, goals it names).
fn intentions(goals: &GoalsNote) -> Vec<(Option<u32>, &str, Vec<u32>)> {
    goals
        .quarterly
        .iter()
        .map(|i| {
            (
                i.quarter,
                i.intention.as_str(),
                i.goal_refs.iter().map(|(id, _)| *id).collect(),
            )
        })
        .collect()
}

#[test]
fn quarterly_intentions_are_read_as_a_list_and_as_headings() {
    let list = "# 2026 Goals\n\n## Quarterly Intentions\n\n- **Q1:** \"Prove it\" (G1)\n- Q2 — Go external: G3 talk\n- Q3:\n- Hire a second lead\n";
    let note = note(list);
    assert_eq!(
        intentions(goals(&note)),
        [
            (Some(1), "\"Prove it\" (G1)", vec![1]),
            (Some(2), "Go external: G3 talk", vec![3]),
            (Some(3), "", vec![]),
        ]
    );
    let headings = "# 2026 Goals\n\n## Quarterly Intentions\n\n### Q1 — \"Prove it\"\n- Scope summary for G1\n\n### Q2 (Apr–Jun)\nGo external with the G3 talk.\n\n### Q3\n- [Intention]\n";
    let note = self::note(headings);
    assert_eq!(
        intentions(goals(&note)),
        [
            (Some(1), "\"Prove it\"", vec![1]),
            (Some(2), "Go external with the G3 talk.", vec![3]),
            (Some(3), "", vec![]),
        ]
    );
    // A table read once, though its `### Q1` is a Quarterly Intentions section too; one
    // without an Intention column states it in its other cells.
    let table = "# 2026 Goals\n\n## Quarterly Intentions\n\n### Q1\n\n| Quarter | Focus |\n|---|---|\n| Q1 | Ship G2 |\n";
    let note = self::note(table);
    assert_eq!(
        intentions(goals(&note)),
        [(Some(1), "", vec![]), (Some(1), "Ship G2", vec![2])]
    );
}

#[test]
fn milestones_are_dated_by_a_month_they_start_with_or_their_parent_names() {
    let text = "# 2026 Goals\n\n## Monthly Milestones\n\n- [ ] March: first planning session led by Mei (G3)\n- [x] **Apr** — talk outline reviewed (G1)\n- [ ] May\n  - [ ] Promo narrative drafted (G1)\n- [ ] 2026-06-12 cut over settlement (G2)\n- [ ] Mayhem drill with on-call\n- [ ] Decide on the vendor\n- [ ] July: [Milestone]\n";
    let note = note(text);
    let due: Vec<(&str, Option<String>)> = goals(&note)
        .monthly
        .iter()
        .map(|i| (i.text.as_str(), i.due.map(|d| d.to_string())))
        .collect();
    let on = |d: &str| Some(d.to_string());
    assert_eq!(
        due,
        [
            (
                "March: first planning session led by Mei (G3)",
                on("2026-03-31")
            ),
            ("**Apr** — talk outline reviewed (G1)", on("2026-04-30")),
            ("Promo narrative drafted (G1)", on("2026-05-31")),
            ("2026-06-12 cut over settlement (G2)", on("2026-06-12")),
            ("Mayhem drill with on-call", None),
            ("Decide on the vendor", None),
        ]
    );
}
