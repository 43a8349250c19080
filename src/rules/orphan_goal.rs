//! `orphan-goal`: no quarterly intention, milestone or weekly action references the goal.

use chrono::Datelike;

use super::fixes_support::{
    insert_section, insert_under_heading, intention_row_cells, new_row, section_heading_line,
};
use super::{
    every_goal_anchor, finding, Applicability, Context, Edit, Finding, Fix, Rule, RuleMeta,
    Severity,
};
use crate::methodology::SectionId;
use crate::model::goals::Goal;
use crate::model::text::is_placeholder;
use crate::model::Note;
use crate::syntax::BlockKind;

pub struct OrphanGoal;

impl OrphanGoal {
    pub const META: RuleMeta = RuleMeta {
        code: "orphan-goal",
        default_severity: Severity::Info,
        documentation: include_str!("docs/orphan-goal.md"),
        blind_spot: None,
    };
}

/// The quarter a new intention is for: this quarter in this year's note, the first of a
/// future year's, the last of a past year's.
fn quarter(note: &Note, context: &Context) -> u32 {
    let this_year = context.today.year();
    match note.as_goals().and_then(|g| g.year) {
        Some(year) if year > this_year => 1,
        Some(year) if year < this_year => 4,
        _ => context.today.month0() / 3 + 1,
    }
}

/// What the new row focuses on: the goal, named by its ID and its outcome. An ID alone
/// reads as template scaffolding, so the outcome (or a first step) goes with it.
fn focus(goal: &Goal) -> String {
    let outcome = goal.outcome.trim();
    if is_placeholder(outcome) {
        format!("{}: first step", goal.label())
    } else {
        format!("{}: {outcome}", goal.label())
    }
}

const NEW_TABLE_HEADER: &str = "| Quarter | Intention | Focus |\n|---------|-----------|-------|\n";

/// The fix that adds a quarterly intention for each of `goals`: rows joining the last
/// table of Quarterly Intentions, else a table under its heading, else the section with
/// its table where the template puts it. One edit, whatever the number of goals.
fn add_intentions(note: &Note, context: &Context, goals: &[&Goal], title: String) -> Option<Fix> {
    let quarter = quarter(note, context);
    let section = note.section(SectionId::QuarterlyIntentions);
    let table = section.and_then(|section| {
        note.blocks_in(section)
            .filter_map(|block| match &block.kind {
                BlockKind::Table(table) => Some((block, table)),
                _ => None,
            })
            .last()
    });
    let new_rows: String = goals
        .iter()
        .map(|goal| format!("| Q{quarter} | [intention] | {} |\n", focus(goal)))
        .collect();
    let new_table = format!("{NEW_TABLE_HEADER}{new_rows}");
    let edit = match (section, table) {
        (_, Some((block, table))) => {
            let like = table.rows.last().unwrap_or(&table.header);
            let at = block.range.end;
            let rows: String = goals
                .iter()
                .map(|goal| {
                    format!(
                        "\n{}",
                        new_row(
                            like,
                            &intention_row_cells(table, quarter, "[intention]", &focus(goal)),
                        )
                    )
                })
                .collect();
            Edit {
                range: at..at,
                text: rows,
            }
        }
        (Some(section), None) => insert_under_heading(note, &section.heading_range, &new_table),
        (None, None) => {
            let id = SectionId::QuarterlyIntentions;
            let heading = section_heading_line(note, context, id);
            insert_section(note, id, &format!("{heading}\n{new_table}"))
        }
    };
    Fix::new(note, title, Applicability::Suggestion, vec![edit])
}

impl Rule for OrphanGoal {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
        let Some(goals) = note.as_goals() else {
            return Vec::new();
        };
        let referenced = |id: u32| {
            goals
                .quarterly
                .iter()
                .any(|q| q.goal_refs.iter().any(|(r, _)| *r == id))
                || goals
                    .monthly
                    .iter()
                    .chain(&goals.weekly)
                    .any(|i| i.goal_refs.iter().any(|(r, _)| *r == id))
        };
        let orphans: Vec<&Goal> = goals
            .goals
            .iter()
            .filter(|goal| !referenced(goal.id))
            .collect();
        if let Some(at) = every_goal_anchor(note, orphans.len()) {
            let mut found = finding(
                self,
                at,
                format!(
                    "Nothing in your quarters, months or weeks moves any of your {} goals forward yet — what is the first step for each, and when?",
                    orphans.len()
                ),
            );
            found.fixes.extend(add_intentions(
                note,
                context,
                &orphans,
                "Add a quarterly intention for each goal".to_string(),
            ));
            return vec![found];
        }
        orphans
            .into_iter()
            .map(|goal| {
                let mut found = finding(
                    self,
                    goal.row_range.clone(),
                    format!("Nothing in your quarters, months or weeks moves {} forward — what is the first step, and when?", goal.label()),
                );
                found.fixes.extend(add_intentions(
                    note,
                    context,
                    &[goal],
                    format!("Add a quarterly intention for {}", goal.label()),
                ));
                found
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::fixes_support::testing::{findings, fixed, resolves, titles};

    const CODE: &str = super::OrphanGoal::META.code;

    const ANNUAL: &str = "# 2026 Goals\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status | Vision |\n|---|---|---|---|---|\n| G1 | Principal promotion | Packet accepted | In progress | Role |\n| G2 | Golden paths are the default | 80% of new services | In progress | Impact |\n";

    #[test]
    fn a_row_for_this_quarter_joins_the_table() {
        let goals = format!("{ANNUAL}\n## Quarterly Intentions\n\n| Quarter | Intention | Focus |\n|---------|-----------|-------|\n| Q1 | *\"Prove it\"* | G1: scope summary |\n\n## Monthly Milestones\n");
        let notes = [("2026 Goals.md", goals.as_str())];
        assert_eq!(
            titles(&notes, CODE),
            [["Add a quarterly intention for G2 (resolves)"]]
        );
        assert_eq!(
            fixed(&notes, CODE, 0, "Add a quarterly intention for G2"),
            goals.replace(
                "| G1: scope summary |\n",
                "| G1: scope summary |\n| Q1 | [intention] | G2: Golden paths are the default |\n"
            )
        );
        assert!(resolves(
            &notes,
            CODE,
            0,
            "Add a quarterly intention for G2"
        ));
    }

    #[test]
    fn without_a_table_the_fix_brings_one() {
        // Under the heading when the section is there…
        let goals = format!("{ANNUAL}\n## Quarterly Intentions\n\n## Weekly Actions\n\n### Week of 2026-03-09\n- [ ] Draft the promo narrative (G1)\n");
        let notes = [("2026 Goals.md", goals.as_str())];
        assert_eq!(
            fixed(&notes, CODE, 0, "Add a quarterly intention for G2"),
            goals.replace(
                "## Quarterly Intentions\n",
                "## Quarterly Intentions\n\n| Quarter | Intention | Focus |\n|---------|-----------|-------|\n| Q1 | [intention] | G2: Golden paths are the default |\n"
            )
        );
        assert!(resolves(
            &notes,
            CODE,
            0,
            "Add a quarterly intention for G2"
        ));
        // …and as a section of its own, where the template puts it, when it is not.
        let goals = format!("{ANNUAL}\n## Weekly Actions\n\n### Week of 2026-03-09\n- [ ] Draft the promo narrative (G1)\n");
        let notes = [("2026 Goals.md", goals.as_str())];
        assert_eq!(
            fixed(&notes, CODE, 0, "Add a quarterly intention for G2"),
            goals.replace(
                "\n## Weekly Actions",
                "\n## Quarterly Intentions\n\n| Quarter | Intention | Focus |\n|---------|-----------|-------|\n| Q1 | [intention] | G2: Golden paths are the default |\n\n## Weekly Actions"
            )
        );
        assert!(resolves(
            &notes,
            CODE,
            0,
            "Add a quarterly intention for G2"
        ));
    }

    #[test]
    fn next_years_note_starts_in_its_first_quarter() {
        let goals = ANNUAL.replace("2026", "2027");
        let notes = [("2027 Goals.md", goals.as_str())];
        assert!(
            fixed(&notes, CODE, 0, "Add a quarterly intention for each goal")
                .ends_with("| Q1 | [intention] | G1: Principal promotion |\n| Q1 | [intention] | G2: Golden paths are the default |\n")
        );
    }

    #[test]
    fn when_no_goal_moves_one_finding_offers_a_row_for_each() {
        let goals = format!("{ANNUAL}\n## Quarterly Intentions\n\n| Quarter | Intention | Focus |\n|---------|-----------|-------|\n| Q1 | *\"Prove it\"* | Settle in |\n\n## Monthly Milestones\n");
        let notes = [("2026 Goals.md", goals.as_str())];
        let found = findings(&notes, CODE);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(&goals[found[0].range.clone()], "## Annual Goals");
        assert_eq!(
            found[0].message,
            "Nothing in your quarters, months or weeks moves any of your 2 goals forward yet — what is the first step for each, and when?"
        );
        assert_eq!(
            titles(&notes, CODE),
            [["Add a quarterly intention for each goal (resolves)"]]
        );
        assert_eq!(
            fixed(&notes, CODE, 0, "Add a quarterly intention for each goal"),
            goals.replace(
                "| Settle in |\n",
                "| Settle in |\n| Q1 | [intention] | G1: Principal promotion |\n| Q1 | [intention] | G2: Golden paths are the default |\n"
            )
        );
        assert!(resolves(
            &notes,
            CODE,
            0,
            "Add a quarterly intention for each goal"
        ));
        // Without the section, it comes with a row for each goal.
        let notes = [("2026 Goals.md", ANNUAL)];
        assert!(fixed(&notes, CODE, 0, "Add a quarterly intention for each goal").ends_with(
            "## Quarterly Intentions\n\n| Quarter | Intention | Focus |\n|---------|-----------|-------|\n| Q1 | [intention] | G1: Principal promotion |\n| Q1 | [intention] | G2: Golden paths are the default |\n"
        ));
    }

    #[test]
    fn a_list_goal_nothing_moves_forward_is_found_at_its_item() {
        let goals = "# 2026 Goals\n\n- [ ] Principal promotion (Role)\n- [ ] Golden paths are the default (Impact)\n\n## Quarterly Intentions\n\n| Quarter | Intention | Focus |\n|---|---|---|\n| Q1 | *\"Prove it\"* | G1: scope summary |\n";
        let notes = [("2026 Goals.md", goals)];
        let found = crate::rules::fixes_support::testing::findings(&notes, CODE);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            &goals[found[0].range.clone()],
            "- [ ] Golden paths are the default (Impact)"
        );
        assert_eq!(
            fixed(&notes, CODE, 0, "Add a quarterly intention for G2"),
            goals.replace(
                "| G1: scope summary |\n",
                "| G1: scope summary |\n| Q1 | [intention] | G2: Golden paths are the default |\n"
            )
        );
    }
}
