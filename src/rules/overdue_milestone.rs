//! `overdue-milestone`: an unchecked milestone or weekly action whose date has passed.

use chrono::{Datelike, Days, NaiveDate};

use super::fixes_support::table_of_row;
use super::{finding, Applicability, Context, Edit, Finding, Fix, Rule, RuleMeta, Severity};
use crate::methodology::templates::week_start;
use crate::methodology::MilestoneColumn;
use crate::model::goals::Item;
use crate::model::Note;
use crate::syntax::{BlockKind, DateValue};

pub struct OverdueMilestone;

impl OverdueMilestone {
    pub const META: RuleMeta = RuleMeta {
        code: "overdue-milestone",
        default_severity: Severity::Warning,
        documentation: include_str!("docs/overdue-milestone.md"),
        blind_spot: None,
    };
}

/// The item's own date: the first date written in it (not its heading's).
fn own_date(
    note: &Note,
    within: &std::ops::Range<usize>,
) -> Option<(std::ops::Range<usize>, DateValue)> {
    note.outline
        .dates
        .iter()
        .find(|d| within.contains(&d.range.start))
        .map(|d| (d.range.clone(), d.value))
}

/// Replaces the item's own date with `monday` (keeping `Week of`), or, when only its
/// heading dates it, notes the move after its text: `(moved to the week of 2026-03-16)`.
fn move_edit(note: &Note, item: &Item, monday: NaiveDate) -> Option<Edit> {
    let iso = monday.format("%Y-%m-%d").to_string();
    let (text_range, append_at) = match note
        .outline
        .blocks
        .iter()
        .find(|b| b.range == item.range && matches!(b.kind, BlockKind::ListItem(_)))
    {
        Some(block) => (block.text_range.clone(), block.text_range.end),
        None => {
            let (_, table, index) = table_of_row(note, &item.range)?;
            let row = &table.rows[index];
            let skip = [
                table.column(MilestoneColumn::Status.aliases()),
                table.column(MilestoneColumn::Due.aliases()),
            ];
            let cell = row
                .cells
                .iter()
                .enumerate()
                .find(|(i, c)| !skip.contains(&Some(*i)) && !c.text.is_empty())
                .map(|(_, c)| c)?;
            (row.range.clone(), cell.range.start + cell.text.len())
        }
    };
    Some(match own_date(note, &text_range) {
        Some((range, DateValue::WeekOf(_))) if range.len() >= 10 => Edit {
            range: range.end - 10..range.end,
            text: iso,
        },
        Some((range, _)) => Edit { range, text: iso },
        None => Edit {
            range: append_at..append_at,
            text: format!(" (moved to the week of {iso})"),
        },
    })
}

/// Ticks the item's checkbox (`[ ]` → `[x]`), gives a plain item a ticked one, or sets a
/// milestone row's Status to `Done`.
fn done_edit(note: &Note, item: &Item) -> Option<(String, Edit)> {
    if let Some(block) = note
        .outline
        .blocks
        .iter()
        .find(|b| b.range == item.range && matches!(b.kind, BlockKind::ListItem(_)))
    {
        let BlockKind::ListItem(list_item) = &block.kind else {
            return None;
        };
        let edit = match list_item.checked {
            // `- [ ]`: the box follows the marker and one space.
            Some(false) => {
                let start = list_item.marker_range.end + 1;
                Edit {
                    range: start..start + 3,
                    text: "[x]".to_string(),
                }
            }
            Some(true) => return None,
            None => Edit {
                range: block.text_range.start..block.text_range.start,
                text: "[x] ".to_string(),
            },
        };
        return Some(("Mark done".to_string(), edit));
    }
    let (_, table, index) = table_of_row(note, &item.range)?;
    let column = table.column(MilestoneColumn::Status.aliases())?;
    let row = &table.rows[index];
    let edit = match row.cell(column) {
        Some(cell) if cell.text.is_empty() => Edit {
            range: cell.range.start..cell.range.start,
            text: " Done".to_string(),
        },
        Some(cell) => Edit {
            range: cell.range.start..cell.range.start + cell.text.len(),
            text: "Done".to_string(),
        },
        None => return None,
    };
    Some(("Mark done: set its Status to Done".to_string(), edit))
}

fn fixes(note: &Note, item: &Item, today: NaiveDate) -> Vec<Fix> {
    let mut fixes = Vec::new();
    if let Some((title, edit)) = done_edit(note, item) {
        fixes.extend(Fix::new(note, title, Applicability::Suggestion, vec![edit]));
    }
    let next_monday = week_start(today) + Days::new(7);
    if let Some(edit) = move_edit(note, item, next_monday) {
        fixes.extend(Fix::new(
            note,
            format!("Move to next week ({next_monday})"),
            Applicability::Suggestion,
            vec![edit],
        ));
    }
    fixes
}

impl Rule for OverdueMilestone {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
        let Some(goals) = note.as_goals() else {
            return Vec::new();
        };
        if goals.year != Some(context.today.year()) {
            return Vec::new();
        }
        goals
            .monthly
            .iter()
            .chain(&goals.weekly)
            .filter(|item| !item.done)
            .filter_map(|item| item.due.filter(|due| *due < context.today).map(|due| (item, due)))
            .map(|(item, due)| {
                let days = (context.today - due).num_days();
                let when = if days == 1 { "yesterday".to_string() } else { format!("{days} days ago") };
                let mut found = finding(
                    self,
                    item.range.clone(),
                    format!("This was due {when} ({due}) and isn't checked off — done, moved, or dropped?"),
                );
                found.fixes = fixes(note, item, context.today);
                found
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::fixes_support::testing::{fixed, resolves, titles};

    const CODE: &str = super::OverdueMilestone::META.code;
    const MOVE: &str = "Move to next week (2026-03-16)";

    const GOALS: &str = "# 2026 Goals\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status | Vision |\n|---|---|---|---|---|\n| G1 | Principal promotion | Packet accepted | In progress | Role |\n\n## Monthly Milestones\n\n### Feb 2026\n- [ ] First blog post published (G1)\n\n### Mar 2026\n- [ ] Scope summary to Ana by 2026-03-06 (G1)\n- Talk outline reviewed (Week of 2026-03-02)\n\n| Milestone | Month | Status |\n|---|---|---|\n| Promo narrative draft | February | In review |\n";

    #[test]
    fn mark_done_or_move_to_next_week() {
        let notes = [("2026 Goals.md", GOALS)];
        let both = [
            "Mark done (resolves)",
            "Move to next week (2026-03-16) (resolves)",
        ];
        assert_eq!(
            titles(&notes, CODE),
            [
                both.to_vec(),
                both.to_vec(),
                both.to_vec(),
                vec![
                    "Mark done: set its Status to Done (resolves)",
                    "Move to next week (2026-03-16) (resolves)"
                ],
            ]
        );
        // Dated by its heading: the move is noted after the item.
        assert_eq!(
            fixed(&notes, CODE, 0, "Mark done"),
            GOALS.replace("- [ ] First blog post", "- [x] First blog post")
        );
        assert_eq!(
            fixed(&notes, CODE, 0, MOVE),
            GOALS.replace(
                "published (G1)",
                "published (G1) (moved to the week of 2026-03-16)"
            )
        );
        // Dated in its text: the date moves.
        assert_eq!(
            fixed(&notes, CODE, 1, MOVE),
            GOALS.replace("by 2026-03-06", "by 2026-03-16")
        );
        // A plain item gets a ticked box; a `Week of` date keeps its words.
        assert_eq!(
            fixed(&notes, CODE, 2, "Mark done"),
            GOALS.replace("- Talk outline", "- [x] Talk outline")
        );
        assert_eq!(
            fixed(&notes, CODE, 2, MOVE),
            GOALS.replace("(Week of 2026-03-02)", "(Week of 2026-03-16)")
        );
        // A table row: its Status, or a note after its first cell.
        assert_eq!(
            fixed(&notes, CODE, 3, "Mark done: set its Status to Done"),
            GOALS.replace("| In review |", "| Done |")
        );
        assert_eq!(
            fixed(&notes, CODE, 3, MOVE),
            GOALS.replace(
                "| Promo narrative draft |",
                "| Promo narrative draft (moved to the week of 2026-03-16) |"
            )
        );
        for nth in 0..4 {
            for fix in &crate::rules::fixes_support::testing::findings(&notes, CODE)[nth].fixes {
                assert!(
                    resolves(&notes, CODE, nth, &fix.title),
                    "{nth}: {}",
                    fix.title
                );
            }
        }
    }
}
