//! The yearly Goals note: annual goals with their vision links, quarterly intentions,
//! monthly milestones, weekly actions and weekly reviews (SPEC §2, §3).

use std::ops::Range;

use chrono::{Days, NaiveDate};

use super::text::{
    goal_id, goal_refs, is_placeholder, is_scaffolding_row, quarter_label, vision_cell_link,
    VisionLink,
};
use super::{template_row_labels, year_goals, Note};
use crate::methodology::{
    GoalColumn, IntentionColumn, MilestoneColumn, Pillar, SectionId, MILESTONE_DONE_MARKS,
};
use crate::syntax::{month_number, BlockKind, DateValue, Outline, MONTH_NAMES};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goal {
    pub id: u32,
    pub outcome: String,
    pub success_metric: String,
    pub status: String,
    pub status_range: Option<Range<usize>>,
    /// Every way the row ties the goal to the vision (a pillar cell, a wikilink, a tag).
    pub vision_links: Vec<VisionLink>,
    pub row_range: Range<usize>,
    /// The `G1` cell.
    pub id_range: Range<usize>,
}

impl Goal {
    pub fn label(&self) -> String {
        format!("G{}", self.id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intention {
    pub quarter: Option<u32>,
    pub intention: String,
    pub focus: String,
    pub goal_refs: Vec<(u32, Range<usize>)>,
    pub range: Range<usize>,
}

/// A monthly milestone or weekly action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub text: String,
    pub done: bool,
    /// The last day it is due: its own date, else its heading's (a `Week of D` item is due
    /// on D+6, a month on its last day).
    pub due: Option<NaiveDate>,
    pub goal_refs: Vec<(u32, Range<usize>)>,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct GoalsNote {
    pub year: Option<i32>,
    pub goals: Vec<Goal>,
    /// Whether the annual goals table has a Vision (or Serves) column.
    pub has_vision_column: bool,
    pub annual_goals_table: Option<Range<usize>>,
    pub quarterly: Vec<Intention>,
    pub monthly: Vec<Item>,
    pub weekly: Vec<Item>,
    /// The IDs of the template's goal rows that are still all placeholders: not goals
    /// yet, but references to them are not unknown either.
    pub template_ids: Vec<u32>,
    /// Every goal reference outside the goals' own ID cells.
    pub references: Vec<(u32, Range<usize>)>,
    /// Dated weekly review or `Week of` headings: (date, heading line).
    pub reviews: Vec<(NaiveDate, Range<usize>)>,
    pub weekly_review_heading: Option<Range<usize>>,
}

pub(crate) fn build(note: &Note, text: &str) -> GoalsNote {
    let outline = &note.outline;
    let mut goals = GoalsNote {
        year: note_year(note),
        ..GoalsNote::default()
    };
    let mut template_cells = Vec::new();

    for section in note.sections_with(SectionId::AnnualGoals) {
        for block in note.blocks_in(section) {
            let BlockKind::Table(table) = &block.kind else {
                continue;
            };
            let Some(id_column) = table.column(GoalColumn::Id.aliases()).or(Some(0)) else {
                continue;
            };
            if goals.annual_goals_table.is_none() {
                goals.annual_goals_table = Some(block.range.clone());
            }
            let vision_column = table.column(GoalColumn::Vision.aliases());
            goals.has_vision_column |= vision_column.is_some();
            let outcome_column = table.column(GoalColumn::Outcome.aliases());
            let metric_column = table.column(GoalColumn::SuccessMetric.aliases());
            let status_column = table.column(GoalColumn::Status.aliases());
            for row in &table.rows {
                let Some(id_cell) = row.cell(id_column) else {
                    continue;
                };
                let Some(id) = goal_id(&id_cell.text) else {
                    continue;
                };
                if is_scaffolding_row(
                    row.cells.iter().map(|c| c.text.as_str()),
                    template_row_labels(Some(SectionId::AnnualGoals)),
                ) {
                    goals.template_ids.push(id);
                    template_cells.push(trimmed_cell_range(text, &id_cell.range));
                    continue;
                }
                let mut vision_links = Vec::new();
                if let Some(link) = vision_column
                    .and_then(|c| row.cell(c))
                    .and_then(|c| vision_cell_link(&c.text))
                {
                    vision_links.push(link);
                }
                for link in outline
                    .wikilinks
                    .iter()
                    .filter(|l| row.range.contains(&l.range.start))
                {
                    if let Some(heading) = &link.heading {
                        vision_links.push(VisionLink::Wikilink {
                            target: link.target.clone(),
                            heading: heading.clone(),
                        });
                    }
                }
                for tag in outline
                    .tags
                    .iter()
                    .filter(|t| row.range.contains(&t.range.start))
                {
                    let lower = tag.name.to_lowercase();
                    if let Some(pillar) = lower.strip_prefix("vision/").and_then(Pillar::from_word)
                    {
                        vision_links.push(VisionLink::Pillars(vec![pillar]));
                    }
                }
                goals.goals.push(Goal {
                    id,
                    outcome: row.cell_text(outcome_column),
                    success_metric: row.cell_text(metric_column),
                    status: row.cell_text(status_column),
                    status_range: status_column
                        .and_then(|c| row.cell(c))
                        .map(|c| trimmed_cell_range(text, &c.range)),
                    vision_links,
                    row_range: row.range.clone(),
                    id_range: trimmed_cell_range(text, &id_cell.range),
                });
            }
        }
    }

    for section in note.sections_with(SectionId::QuarterlyIntentions) {
        for block in note.blocks_in(section) {
            let BlockKind::Table(table) = &block.kind else {
                continue;
            };
            let quarter_column = table
                .column(IntentionColumn::Quarter.aliases())
                .unwrap_or(0);
            let intention_column = table.column(IntentionColumn::Intention.aliases());
            let focus_column = table.column(IntentionColumn::Focus.aliases());
            for row in &table.rows {
                if is_scaffolding_row(
                    row.cells.iter().map(|c| c.text.as_str()),
                    template_row_labels(Some(SectionId::QuarterlyIntentions)),
                ) {
                    continue;
                }
                goals.quarterly.push(Intention {
                    quarter: row
                        .cell(quarter_column)
                        .and_then(|c| quarter_label(&c.text)),
                    intention: row.cell_text(intention_column),
                    focus: row.cell_text(focus_column),
                    goal_refs: refs_in(text, outline, row.range.clone()),
                    range: row.range.clone(),
                });
            }
        }
    }

    goals.monthly = items(note, text, SectionId::MonthlyMilestones, goals.year);
    goals.weekly = items(note, text, SectionId::WeeklyActions, goals.year);

    // References: every G<n> outside code and outside the goals' ID cells.
    let mut id_cells: Vec<Range<usize>> = goals.goals.iter().map(|g| g.id_range.clone()).collect();
    id_cells.extend(template_cells);
    for block in &outline.blocks {
        if matches!(block.kind, BlockKind::Code | BlockKind::Html) {
            continue;
        }
        // A list item's range covers its nested items, which are blocks of their own.
        let own = match block.kind {
            BlockKind::ListItem(_) => block.text_range.clone(),
            _ => block.range.clone(),
        };
        for (id, range) in refs_in(text, outline, own) {
            if !id_cells.iter().any(|cell| cell.contains(&range.start)) {
                goals.references.push((id, range));
            }
        }
    }
    for heading in &outline.headings {
        let lower = heading.text.to_lowercase();
        if lower.starts_with("weekly review") || lower.starts_with("week of") {
            if let Some(date) = outline
                .dates
                .iter()
                .find(|d| heading.range.contains(&d.range.start))
                .and_then(|d| match d.value {
                    DateValue::Day(day) | DateValue::WeekOf(day) => Some(day),
                    _ => None,
                })
            {
                goals.reviews.push((date, heading.range.clone()));
            }
        }
    }
    goals.weekly_review_heading = note
        .sections
        .iter()
        .find(|s| {
            s.id == Some(SectionId::WeeklyReview)
                && s.title.trim().eq_ignore_ascii_case("weekly review")
        })
        .or_else(|| note.section(SectionId::WeeklyReview))
        .map(|s| s.heading_range.clone());
    goals
}

fn trimmed_cell_range(text: &str, range: &Range<usize>) -> Range<usize> {
    let cell = text.get(range.clone()).unwrap_or("");
    let start = range.start + (cell.len() - cell.trim_start().len());
    start..start + cell.trim().len()
}

/// Goal references in `range`, outside code spans and wikilinks.
fn refs_in(text: &str, outline: &Outline, range: Range<usize>) -> Vec<(u32, Range<usize>)> {
    let slice = text.get(range.clone()).unwrap_or("");
    goal_refs(slice, range.start)
        .into_iter()
        .filter(|(_, r)| {
            !outline.in_code(r.start)
                && !outline.wikilinks.iter().any(|l| l.range.contains(&r.start))
        })
        .collect()
}

/// The note's year: front matter `year:`, the file name, the H1.
fn note_year(note: &Note) -> Option<i32> {
    note.outline
        .front_matter
        .as_ref()
        .and_then(|f| f.get("year"))
        .and_then(|y| y.trim().parse().ok())
        .or_else(|| year_goals(note.stem()))
        .or_else(|| note.title.as_ref().and_then(|(title, _)| year_goals(title)))
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)?.pred_opt()
}

/// When a date mention is due: its last day.
fn due_of(value: DateValue) -> Option<NaiveDate> {
    match value {
        DateValue::Day(day) => Some(day),
        DateValue::WeekOf(day) => day.checked_add_days(Days::new(6)),
        DateValue::Month { year, month } => last_day_of_month(year, month),
        DateValue::Quarter { year, quarter } => last_day_of_month(year, quarter * 3),
    }
}

/// A heading's due date: a date in it, or a bare month name read in the note's year.
fn heading_due(outline: &Outline, heading: usize, year: Option<i32>) -> Option<NaiveDate> {
    let heading = &outline.headings[heading];
    if let Some(date) = outline
        .dates
        .iter()
        .find(|d| heading.range.contains(&d.range.start))
    {
        return due_of(date.value);
    }
    let lower = heading.text.to_lowercase();
    let month = MONTH_NAMES.iter().position(|m| {
        lower
            .split(|c: char| !c.is_alphabetic())
            .any(|w| w == *m || (w.len() == 3 && m.starts_with(w)))
    })?;
    last_day_of_month(year?, month as u32 + 1)
}

fn items(note: &Note, text: &str, id: SectionId, year: Option<i32>) -> Vec<Item> {
    let outline = &note.outline;
    let mut items = Vec::new();
    for section in note.sections_with(id) {
        for block in note.blocks_in(section) {
            match &block.kind {
                BlockKind::ListItem(item) => {
                    if is_placeholder(&block.text) {
                        continue;
                    }
                    let own_date = outline
                        .dates
                        .iter()
                        .find(|d| block.text_range.contains(&d.range.start))
                        .and_then(|d| due_of(d.value));
                    let due = own_date
                        .or_else(|| block.heading.and_then(|h| heading_due(outline, h, year)));
                    items.push(Item {
                        text: block.text.clone(),
                        done: item.checked == Some(true),
                        due,
                        goal_refs: refs_in(text, outline, block.text_range.clone()),
                        range: block.range.clone(),
                    });
                }
                BlockKind::Table(table) => {
                    let status_column = table.column(MilestoneColumn::Status.aliases());
                    let month_column = table.column(MilestoneColumn::Due.aliases());
                    for row in &table.rows {
                        if is_scaffolding_row(row.cells.iter().map(|c| c.text.as_str()), &[]) {
                            continue;
                        }
                        let status = status_column
                            .and_then(|c| row.cell(c))
                            .map(|c| c.text.to_lowercase())
                            .unwrap_or_default();
                        let done = MILESTONE_DONE_MARKS.iter().any(|w| status.contains(w));
                        let own_date = outline
                            .dates
                            .iter()
                            .find(|d| row.range.contains(&d.range.start))
                            .and_then(|d| due_of(d.value));
                        let month_due = month_column.and_then(|c| row.cell(c)).and_then(|cell| {
                            let month = month_number(&cell.text)?;
                            last_day_of_month(year?, month)
                        });
                        let due = own_date
                            .or(month_due)
                            .or_else(|| block.heading.and_then(|h| heading_due(outline, h, year)));
                        let row_text = row
                            .cells
                            .iter()
                            .map(|c| c.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" | ");
                        items.push(Item {
                            text: row_text,
                            done,
                            due,
                            goal_refs: refs_in(text, outline, row.range.clone()),
                            range: row.range.clone(),
                        });
                    }
                }
                _ => {}
            }
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use crate::methodology::NoteKind;
    use crate::model::Note;
    use crate::syntax::SyntaxTree;

    #[test]
    fn a_reference_in_a_nested_item_is_counted_once() {
        let text =
            "# 2026 Goals\n\n## Monthly Milestones\n- [ ] March\n  - [ ] Draft the RFC (G1)\n";
        let tree = SyntaxTree::parse(text);
        let note = Note::build(
            PathBuf::from("/v/2026 Goals.md"),
            NoteKind::Goals,
            text,
            tree.outline().clone(),
        );
        let goals = note.as_goals().unwrap();
        assert_eq!(goals.references.len(), 1, "{:?}", goals.references);
        assert_eq!(&text[goals.references[0].1.clone()], "G1");
    }
}
