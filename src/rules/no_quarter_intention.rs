//! `no-quarter-intention`: the current year's Goals note has no intention for the quarter
//! that has started.

use chrono::{Datelike, NaiveDate};

use super::evidence::{asked_by_empty_section, named_by_missing_section};
use super::fixes_support::{
    insert_block_at, insert_section, insert_under_heading, intention_row_cells, new_row,
    section_content_end, section_heading_line, write_cell, CellWrite,
};
use super::{
    anchor, finding, Applicability, Context, Edit, Finding, Fix, Rule, RuleMeta, Severity,
};
use crate::methodology::{GoalStatus, IntentionColumn, SectionId};
use crate::model::goals::{quarter_prefix, GoalsNote};
use crate::model::text::{goal_refs, is_placeholder, quarter_label};
use crate::model::Note;
use crate::syntax::{Block, BlockKind, Row, Table};

pub struct NoQuarterIntention;

impl NoQuarterIntention {
    pub const META: RuleMeta = RuleMeta {
        code: "no-quarter-intention",
        default_severity: Severity::Warning,
        documentation: include_str!("docs/no-quarter-intention.md"),
        blind_spot: None,
    };
}

/// The quarter `date` falls in (1–4) and its first day.
pub(crate) fn quarter_of(date: NaiveDate) -> (u32, NaiveDate) {
    let quarter = date.month0() / 3 + 1;
    let first = NaiveDate::from_ymd_opt(date.year(), (quarter - 1) * 3 + 1, 1).unwrap_or(date);
    (quarter, first)
}

/// The goals not yet complete, by ID: what a new quarter can focus on.
fn open_goals(goals: &GoalsNote) -> String {
    goals
        .goals
        .iter()
        .filter(|g| GoalStatus::written_in(&g.status) != Some(GoalStatus::Complete))
        .map(|g| g.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The tables of the Quarterly Intentions sections, each once (a `### Q1` under the section
/// is one of its own).
fn intention_tables(note: &Note) -> Vec<(&Block, &Table)> {
    let mut tables: Vec<(&Block, &Table)> = Vec::new();
    for section in note.sections_with(SectionId::QuarterlyIntentions) {
        for block in note.blocks_in(section) {
            if let BlockKind::Table(table) = &block.kind {
                if !tables.iter().any(|(b, _)| b.range == block.range) {
                    tables.push((block, table));
                }
            }
        }
    }
    tables
}

/// The edits that fill a quarter's row where the person left it empty: a placeholder in an
/// empty Intention cell, the open goals in an empty or placeholder Focus cell. Nothing the
/// person wrote is replaced.
fn fill_row(table: &Table, row: &Row, open: &str) -> Vec<Edit> {
    let mut edits = Vec::new();
    if let Some(column) = table.column(IntentionColumn::Intention.aliases()) {
        if row.cell(column).is_none_or(|c| c.text.trim().is_empty()) {
            edits.extend(write_cell(
                row,
                column,
                "[Intention]",
                CellWrite::OverPlaceholder,
            ));
        }
    }
    if let Some(column) = table.column(IntentionColumn::Focus.aliases()) {
        let cell = row.cell(column).map_or("", |c| c.text.as_str());
        // Goal IDs the person wrote count as placeholders elsewhere; here they are kept.
        if !open.is_empty() && is_placeholder(cell) && goal_refs(cell, 0).is_empty() {
            edits.extend(write_cell(row, column, open, CellWrite::OverPlaceholder));
        }
    }
    // Two missing cells would both be appended at the row's end: keep the first.
    edits.sort_by_key(|e| e.range.start);
    edits.dedup_by_key(|e| e.range.clone());
    edits
}

/// "Add the Qn intention": fills this quarter's row, else adds one in the shape the
/// intentions are written in (a table row, a list item, a heading), else the section with
/// its table where the template puts it.
fn add_intention(note: &Note, context: &Context, goals: &GoalsNote, quarter: u32) -> Option<Fix> {
    let open = open_goals(goals);
    let tables = intention_tables(note);
    let title = format!("Add the Q{quarter} intention");
    // This quarter's row, the template's untouched one included.
    for (_, table) in &tables {
        if let Some(row) = table.rows.iter().find(|r| {
            let column = table
                .column(IntentionColumn::Quarter.aliases())
                .unwrap_or(0);
            r.cell(column).and_then(|c| quarter_label(&c.text)) == Some(quarter)
        }) {
            let edits = fill_row(table, row, &open);
            return (!edits.is_empty())
                .then(|| Fix::new(note, title, Applicability::Helps, edits))
                .flatten();
        }
    }
    let section = note.section(SectionId::QuarterlyIntentions);
    let focus = if open.is_empty() {
        String::new()
    } else {
        format!(" ({open})")
    };
    let edit = if let Some((block, table)) = tables.last() {
        let like = table.rows.last().unwrap_or(&table.header);
        let at = block.range.end;
        Edit {
            range: at..at,
            text: format!(
                "\n{}",
                new_row(
                    like,
                    &intention_row_cells(table, quarter, "[Intention]", &open)
                )
            ),
        }
    } else if let Some(item) = last_quarter_item(note, goals) {
        // Intentions written as a list: one more item after the last.
        let marker = note.text[item.range.start..item.text_range.start].trim_end();
        let at = item.range.end;
        let line = format!("{marker} Q{quarter}: [Intention]{focus}");
        Edit {
            range: at..at,
            text: if note.text[..at].ends_with('\n') {
                format!("{line}\n")
            } else {
                format!("\n{line}")
            },
        }
    } else if let Some(section) = section {
        let quarter_headings: Vec<_> = note
            .outline
            .headings
            .iter()
            .filter(|h| {
                section.range.contains(&h.range.start)
                    && h.range.start > section.heading_range.start
            })
            .filter(|h| quarter_prefix(&h.text).is_some())
            .collect();
        match quarter_headings.last() {
            // Intentions written as headings: one more heading at the section's end.
            Some(last) => {
                let hashes = "#".repeat(usize::from(last.level));
                let body = if open.is_empty() {
                    String::new()
                } else {
                    format!("\n- Focus: {open}")
                };
                insert_block_at(
                    note,
                    section_content_end(note, section),
                    &format!("{hashes} Q{quarter} — [Intention]{body}\n"),
                )
            }
            None => insert_under_heading(note, &section.heading_range, &new_table(quarter, &open)),
        }
    } else {
        let id = SectionId::QuarterlyIntentions;
        let heading = section_heading_line(note, context, id);
        insert_section(
            note,
            id,
            &format!("{heading}\n{}", new_table(quarter, &open)),
        )
    };
    Fix::new(note, title, Applicability::Helps, vec![edit])
}

fn new_table(quarter: u32, open: &str) -> String {
    format!("| Quarter | Intention | Focus |\n|---------|-----------|-------|\n| Q{quarter} | [Intention] | {open} |\n")
}

/// The last list item that states a quarter's intention.
fn last_quarter_item<'a>(note: &'a Note, goals: &GoalsNote) -> Option<&'a Block> {
    goals.quarterly.iter().rev().find_map(|i| {
        note.outline
            .blocks
            .iter()
            .find(|b| matches!(b.kind, BlockKind::ListItem(_)) && b.range.start == i.range.start)
    })
}

impl Rule for NoQuarterIntention {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
        let Some(goals) = note.as_goals() else {
            return Vec::new();
        };
        // Only the current year's note: a past year's is history (`past-goals-year` speaks
        // for it), next year's has not started.
        if goals.year != Some(context.today.year()) {
            return Vec::new();
        }
        // An absent or empty section is `missing-section`'s or `empty-section`'s to ask
        // about, at the same place: one finding where one thing is wrong.
        if named_by_missing_section(note, context, SectionId::QuarterlyIntentions)
            || asked_by_empty_section(note, context, &[SectionId::QuarterlyIntentions])
        {
            return Vec::new();
        }
        let (quarter, first_day) = quarter_of(context.today);
        let grace = i64::from(context.settings.quarter_intention_grace_days);
        if (context.today - first_day).num_days() < grace {
            return Vec::new();
        }
        let stated = goals.quarterly.iter().any(|i| {
            i.quarter == Some(quarter)
                && !i.intention.trim().is_empty()
                && !is_placeholder(&i.intention)
        });
        if stated {
            return Vec::new();
        }
        let heading = note
            .section(SectionId::QuarterlyIntentions)
            .map(|s| s.heading_range.clone());
        let mut found = finding(
            self,
            anchor(note, &[heading]),
            format!(
                "Q{quarter} has started and has no intention yet — what is this quarter about?"
            ),
        );
        found
            .fixes
            .extend(add_intention(note, context, goals, quarter));
        vec![found]
    }
}

#[cfg(test)]
mod tests;
