//! The yearly Goals note: annual goals with their vision links, quarterly intentions,
//! monthly milestones, weekly actions and weekly reviews (SPEC §2, §3).

use serde::Serialize;
use std::ops::Range;

use chrono::{Days, NaiveDate};

use std::sync::LazyLock;

use regex::Regex;

use super::text::{
    goal_id, goal_refs, is_placeholder, is_quantified, is_scaffolding_row, quarter_label,
    vision_cell_link, VisionLink,
};
use super::{template_row_labels, year_goals, Note};
use crate::methodology::{
    is_period_heading, GoalColumn, GoalStatus, IntentionColumn, MilestoneColumn, Pillar, SectionId,
    MILESTONE_DONE_MARKS,
};
use crate::syntax::{
    column_named, month_number, Block, BlockKind, DateValue, Outline, Table, MONTH_NAMES,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Goal {
    pub id: u32,
    pub outcome: String,
    pub success_metric: String,
    pub status: String,
    #[serde(skip)]
    pub status_range: Option<Range<usize>>,
    /// Every way the row ties the goal to the vision (a pillar cell, a wikilink, a tag).
    pub vision_links: Vec<VisionLink>,
    /// The goal's table row, or its list item's line(s) without nested items.
    #[serde(skip)]
    pub row_range: Range<usize>,
    /// The `G1` cell, or the `G1` a list item starts with; an empty range at the row's or
    /// item's start when the goal is numbered by its position.
    #[serde(skip)]
    pub id_range: Range<usize>,
    /// For a goal written as a list item: the item's own text, where a fix appends to it.
    #[serde(skip)]
    pub item_text: Option<Range<usize>>,
}

impl Goal {
    pub fn label(&self) -> String {
        format!("G{}", self.id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Intention {
    pub quarter: Option<u32>,
    pub intention: String,
    pub focus: String,
    #[serde(skip)]
    pub goal_refs: Vec<(u32, Range<usize>)>,
    #[serde(skip)]
    pub range: Range<usize>,
}

/// A monthly milestone or weekly action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub text: String,
    pub done: bool,
    /// The last day it is due: its own date, else its heading's (a `Week of D` item is due
    /// on D+6, a month on its last day).
    pub due: Option<NaiveDate>,
    #[serde(skip)]
    pub goal_refs: Vec<(u32, Range<usize>)>,
    #[serde(skip)]
    pub range: Range<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GoalsNote {
    pub year: Option<i32>,
    pub goals: Vec<Goal>,
    /// Whether the annual goals table has a Vision (or Serves) column.
    pub has_vision_column: bool,
    #[serde(skip)]
    pub annual_goals_table: Option<Range<usize>>,
    /// The list the goals are written as, when they are a list rather than a table (from
    /// its first goal to its last).
    #[serde(skip)]
    pub annual_goals_list: Option<Range<usize>>,
    /// The goals are a list directly under the H1 of a note without an Annual Goals
    /// section: that list stands for the section.
    pub goals_under_title: bool,
    pub quarterly: Vec<Intention>,
    pub monthly: Vec<Item>,
    pub weekly: Vec<Item>,
    /// The IDs of the template's goal rows that are still all placeholders: not goals
    /// yet, but references to them are not unknown either.
    pub template_ids: Vec<u32>,
    /// Every goal reference outside the goals' own ID cells.
    #[serde(skip)]
    pub references: Vec<(u32, Range<usize>)>,
    /// Dated weekly review or `Week of` headings: (date, heading line).
    #[serde(skip)]
    pub reviews: Vec<(NaiveDate, Range<usize>)>,
    #[serde(skip)]
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
            if let BlockKind::Table(table) = &block.kind {
                table_goals(note, text, block, table, &mut goals, &mut template_cells);
            }
        }
    }
    // Goals written as a list (SPEC §1.1): under Annual Goals when it holds no table of
    // goals, else — in a note without the section — directly under the H1.
    if goals.annual_goals_table.is_none() {
        let under_title = note.section(SectionId::AnnualGoals).is_none();
        let blocks: Vec<&Block> = if under_title {
            let h1 = outline.headings.iter().position(|h| h.level == 1);
            outline.blocks.iter().filter(|b| b.heading == h1).collect()
        } else {
            note.sections_with(SectionId::AnnualGoals)
                .flat_map(|section| note.blocks_of(section))
                .collect()
        };
        list_goals(note, text, &blocks, &mut goals, &mut template_cells);
        goals.goals_under_title = under_title && goals.annual_goals_list.is_some();
    }

    goals.quarterly = intentions(note, text);

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

/// The quarterly intentions, in the shapes people write them: rows of a table (by column
/// meaning), list items that start with their quarter (`- **Q2:** "Go external" (G3)`) and
/// headings that do (`### Q2 — "Go external"`, or `### Q2` with the intention below it).
/// A `### Q2` under Quarterly Intentions is a section of its own, so each table, item and
/// heading is read once however many sections hold it.
fn intentions(note: &Note, text: &str) -> Vec<Intention> {
    let outline = &note.outline;
    let sections: Vec<_> = note.sections_with(SectionId::QuarterlyIntentions).collect();
    let mut seen_blocks = std::collections::BTreeSet::new();
    let mut intentions = Vec::new();
    for section in &sections {
        for block in note.blocks_in(section) {
            if !seen_blocks.insert(block.range.start) {
                continue;
            }
            match &block.kind {
                BlockKind::Table(table) => table_intentions(note, text, table, &mut intentions),
                BlockKind::ListItem(item) if item.depth == 0 => {
                    let Some((quarter, rest)) = quarter_prefix(&block.text) else {
                        continue;
                    };
                    intentions.push(Intention {
                        quarter: Some(quarter),
                        intention: written(rest),
                        focus: String::new(),
                        goal_refs: refs_in(text, outline, block.range.clone()),
                        range: block.range.start..block.text_range.end.max(block.range.start),
                    });
                }
                _ => {}
            }
        }
    }
    let mut seen_headings = std::collections::BTreeSet::new();
    for section in &sections {
        for (index, heading) in outline.headings.iter().enumerate() {
            if !section.range.contains(&heading.range.start) || !seen_headings.insert(index) {
                continue;
            }
            let Some((quarter, rest)) = quarter_prefix(&heading.text) else {
                continue;
            };
            // The intention is on the heading line, else in what is written right under it.
            let under: Vec<&Block> = outline
                .blocks
                .iter()
                .filter(|b| b.heading == Some(index))
                .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem(_)))
                .filter(|b| !is_placeholder(&b.text))
                .collect();
            let intention = if is_placeholder(rest) {
                under.first().map(|b| written(&b.text)).unwrap_or_default()
            } else {
                written(rest)
            };
            let mut goal_refs = refs_in(text, outline, heading.range.clone());
            for block in &under {
                goal_refs.extend(refs_in(text, outline, block.range.clone()));
            }
            intentions.push(Intention {
                quarter: Some(quarter),
                intention,
                focus: String::new(),
                goal_refs,
                range: heading.range.clone(),
            });
        }
    }
    intentions.sort_by_key(|i| i.range.start);
    intentions
}

/// The intentions of one table of Quarterly Intentions. A table without an Intention
/// column (`| Quarter | Focus |`) states its intention in its other cells.
fn table_intentions(note: &Note, text: &str, table: &Table, intentions: &mut Vec<Intention>) {
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
        let intention = match intention_column {
            Some(_) => row.cell_text(intention_column),
            None => row
                .cells
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != quarter_column)
                .map(|(_, c)| c.text.trim())
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
        };
        intentions.push(Intention {
            quarter: row
                .cell(quarter_column)
                .and_then(|c| quarter_label(&c.text)),
            intention,
            focus: row.cell_text(focus_column),
            goal_refs: refs_in(text, &note.outline, row.range.clone()),
            range: row.range.clone(),
        });
    }
}

static QUARTER_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s*_]*[Qq]([1-4])\b(?:\s+\d{4}\b)?[\s*_]*(?:\([^()]*\))?[\s*_]*[:—–.-]?\s*(.*)$")
        .expect("valid regex")
});

/// The quarter a line starts with (`Q2`, `**Q2:**`, `Q2 2026 —`, `Q2 (Apr–Jun)`) and what
/// follows it.
pub(crate) fn quarter_prefix(text: &str) -> Option<(u32, &str)> {
    let captures = QUARTER_PREFIX.captures(text)?;
    let quarter = captures.get(1)?.as_str().parse().ok()?;
    Some((quarter, captures.get(2).map_or("", |m| m.as_str())))
}

/// What a person wrote, without the emphasis around it.
fn written(text: &str) -> String {
    text.trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace())
        .to_string()
}

/// Which column of a table of goals holds what, by header meaning (SPEC §1.1).
#[derive(Debug, Default, PartialEq, Eq)]
struct GoalColumns {
    /// `None` when the table keeps no IDs: its goals are numbered by position.
    id: Option<usize>,
    outcome: Option<usize>,
    metric: Option<usize>,
    status: Option<usize>,
    vision: Option<usize>,
}

/// Whether the cells of `column` are goal IDs: at least one is, and every other one is
/// empty or a placeholder.
fn holds_ids(table: &Table, column: usize) -> bool {
    let mut any = false;
    for cell in table.rows.iter().filter_map(|row| row.cell(column)) {
        if goal_id(&cell.text).is_some() {
            any = true;
        } else if !is_placeholder(&cell.text) {
            return false;
        }
    }
    any
}

/// The first column named one of `names`, other than `except`.
fn column_except(table: &Table, names: &[&str], except: Option<usize>) -> Option<usize> {
    column_named(
        table.header.cells.iter().enumerate().map(|(i, cell)| {
            if Some(i) == except {
                ""
            } else {
                cell.text.as_str()
            }
        }),
        names,
    )
}

/// Reads a goals table's columns by meaning. A `Goal` column is the ID when its cells are
/// IDs, else the outcome; a table naming no ID column keeps its IDs in the first column
/// when that column holds them. `None` for a table that names neither an ID column nor an
/// outcome or metric: not a table of goals.
fn goal_columns(table: &Table) -> Option<GoalColumns> {
    let id = table
        .column(GoalColumn::Id.aliases())
        .filter(|&c| holds_ids(table, c))
        .or_else(|| holds_ids(table, 0).then_some(0));
    let outcome = column_except(table, GoalColumn::Outcome.aliases(), id);
    let metric = column_except(table, GoalColumn::SuccessMetric.aliases(), id);
    if id.is_none() && outcome.is_none() && metric.is_none() {
        return None;
    }
    Some(GoalColumns {
        id,
        outcome,
        metric,
        status: column_except(table, GoalColumn::Status.aliases(), id),
        vision: column_except(table, GoalColumn::Vision.aliases(), id),
    })
}

/// The goals of one table in Annual Goals.
fn table_goals(
    note: &Note,
    text: &str,
    block: &Block,
    table: &Table,
    goals: &mut GoalsNote,
    template_cells: &mut Vec<Range<usize>>,
) {
    let Some(columns) = goal_columns(table) else {
        return;
    };
    if goals.annual_goals_table.is_none() {
        goals.annual_goals_table = Some(block.range.clone());
    }
    goals.has_vision_column |= columns.vision.is_some();
    let first_of_table = goals.goals.len();
    for row in &table.rows {
        let scaffolding = is_scaffolding_row(
            row.cells.iter().map(|c| c.text.as_str()),
            template_row_labels(Some(SectionId::AnnualGoals)),
        );
        let (id, id_range) = match columns.id {
            Some(column) => {
                let Some(cell) = row.cell(column) else {
                    continue;
                };
                let Some(id) = goal_id(&cell.text) else {
                    continue;
                };
                if scaffolding {
                    goals.template_ids.push(id);
                    template_cells.push(trimmed_cell_range(text, &cell.range));
                    continue;
                }
                (id, trimmed_cell_range(text, &cell.range))
            }
            None => {
                if scaffolding {
                    continue;
                }
                // An OKR table lists further key results of an objective on rows of their
                // own, the Objective cell left empty.
                let outcome = row.cell_text(columns.outcome);
                if is_placeholder(&outcome) && columns.outcome.is_some() {
                    if let Some(previous) = goals.goals[first_of_table..].last_mut() {
                        let metric = row.cell_text(columns.metric);
                        if !is_placeholder(&metric) {
                            if !previous.success_metric.trim().is_empty() {
                                previous.success_metric.push_str("; ");
                            }
                            previous.success_metric.push_str(&metric);
                        }
                        continue;
                    }
                }
                let position = goals.goals.len() as u32 + 1;
                (position, row.range.start..row.range.start)
            }
        };
        let mut vision_links = Vec::new();
        if let Some(link) = columns
            .vision
            .and_then(|c| row.cell(c))
            .and_then(|c| vision_cell_link(&c.text))
        {
            vision_links.push(link);
        }
        vision_links.extend(links_in(&note.outline, &row.range));
        goals.goals.push(Goal {
            id,
            outcome: row.cell_text(columns.outcome),
            success_metric: row.cell_text(columns.metric),
            status: row.cell_text(columns.status),
            status_range: columns
                .status
                .and_then(|c| row.cell(c))
                .map(|c| trimmed_cell_range(text, &c.range)),
            vision_links,
            row_range: row.range.clone(),
            id_range,
            item_text: None,
        });
    }
}

/// The wikilinks to a heading and the `#vision/<pillar>` tags in `range`.
fn links_in(outline: &Outline, range: &Range<usize>) -> Vec<VisionLink> {
    let mut links = Vec::new();
    for link in outline
        .wikilinks
        .iter()
        .filter(|l| range.contains(&l.range.start))
    {
        if let Some(heading) = &link.heading {
            links.push(VisionLink::Wikilink {
                target: link.target.clone(),
                heading: heading.clone(),
            });
        }
    }
    for tag in outline
        .tags
        .iter()
        .filter(|t| range.contains(&t.range.start))
    {
        let lower = tag.name.to_lowercase();
        if let Some(pillar) = lower.strip_prefix("vision/").and_then(Pillar::from_word) {
            links.push(VisionLink::Pillars(vec![pillar]));
        }
    }
    links
}

/// The goals of a list: each top-level item, its nested items read as its details.
fn list_goals(
    note: &Note,
    text: &str,
    blocks: &[&Block],
    goals: &mut GoalsNote,
    template_cells: &mut Vec<Range<usize>>,
) {
    let mut position = 0;
    let mut i = 0;
    while i < blocks.len() {
        let block = blocks[i];
        i += 1;
        let BlockKind::ListItem(item) = &block.kind else {
            continue;
        };
        if item.depth != 0 {
            continue;
        }
        let mut details = Vec::new();
        while let Some(nested) = blocks.get(i) {
            match &nested.kind {
                BlockKind::ListItem(n) if n.depth > 0 => details.push(nested.text.as_str()),
                // A paragraph or table nested in the item.
                _ if nested.range.start < block.range.end => {}
                _ => break,
            }
            i += 1;
        }
        position += 1;
        let source = text.get(block.text_range.clone()).unwrap_or("");
        let explicit = explicit_goal_id(source);
        if is_placeholder(&block.text) {
            if let Some((id, range)) = explicit {
                goals.template_ids.push(id);
                template_cells.push(offset(range, block.text_range.start));
            }
            continue;
        }
        let (id, id_range) = match explicit {
            Some((id, range)) => (id, offset(range, block.text_range.start)),
            None => (position, block.range.start..block.range.start),
        };
        let own = match explicit_goal_id_prefix(&block.text) {
            Some(rest) => rest,
            None => block.text.as_str(),
        };
        let (outcome, trailing) = trailing_vision(own);
        let row_range = block.range.start..block.text_range.end.max(block.range.start);
        let mut vision_links: Vec<VisionLink> = trailing.into_iter().collect();
        vision_links.extend(links_in(&note.outline, &block.range));
        let status = match item.checked {
            Some(true) => GoalStatus::Complete.name(),
            Some(false) => GoalStatus::NotStarted.name(),
            None => "",
        };
        goals.goals.push(Goal {
            id,
            outcome: outcome.trim().to_string(),
            success_metric: stated_metric(own, &details),
            status: status.to_string(),
            status_range: None,
            vision_links,
            row_range,
            id_range,
            item_text: Some(block.text_range.clone()),
        });
        let list = goals
            .annual_goals_list
            .get_or_insert(block.range.start..block.range.end);
        list.end = list.end.max(block.range.end);
    }
}

fn offset(range: Range<usize>, by: usize) -> Range<usize> {
    range.start + by..range.end + by
}

static EXPLICIT_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\*\*|__)?([Gg]\d{1,3})\b(?:\s*[:.)])?(?:\*\*|__)?(?:\s*[:—–-](?:\s|$))?\s*")
        .expect("valid regex")
});

/// A `G1`, `**G1**` or `G1:` a list item's text starts with: its ID and where the `G1` is
/// in the text.
fn explicit_goal_id(text: &str) -> Option<(u32, Range<usize>)> {
    let captures = EXPLICIT_ID.captures(text)?;
    let id = captures.get(1)?;
    Some((goal_id(id.as_str())?, id.range()))
}

/// The text after an explicit ID and its punctuation.
fn explicit_goal_id_prefix(text: &str) -> Option<&str> {
    EXPLICIT_ID.find(text).map(|m| &text[m.end()..])
}

static TRAILING_VISION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\(\s*([^()]+?)\s*\)|(?:→|->)\s*([^→]+?))[\s.*_]*$").expect("valid regex")
});

/// A trailing `(Role)` or `→ Role` that names only pillars or the North Star: the text
/// before it and the link it makes. A parenthesised aside that names anything else is
/// part of the outcome.
fn trailing_vision(text: &str) -> (&str, Option<VisionLink>) {
    let Some(captures) = TRAILING_VISION.captures(text) else {
        return (text, None);
    };
    let named = captures
        .get(1)
        .or(captures.get(2))
        .map_or("", |m| m.as_str());
    let plain = named.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    let only_pillars = plain.eq_ignore_ascii_case(crate::methodology::NORTH_STAR)
        || plain
            .split(|c: char| matches!(c, '/' | ',' | '&' | '+') || c.is_whitespace())
            .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("and"))
            .all(|w| Pillar::from_word(w.trim_matches(|c: char| c == '*' || c == '_')).is_some());
    if plain.is_empty() || !only_pillars {
        return (text, None);
    }
    let start = captures.get(0).map_or(text.len(), |m| m.start());
    (&text[..start], vision_cell_link(plain))
}

/// The success metric a list goal states: what follows a metric label (`Metric:`,
/// `Target:`, `KR:`) in its text or its nested items, else its whole text when that
/// states a measurable target (SPEC §4.1), else nothing.
fn stated_metric(own: &str, details: &[&str]) -> String {
    for line in std::iter::once(own).chain(details.iter().copied()) {
        let plain = line.replace(['*', '_'], "");
        let lower = plain.to_lowercase();
        for label in GoalColumn::SuccessMetric.aliases() {
            if let Some(at) = lower.find(&format!("{label}:")) {
                let before_ok = lower[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                let rest = plain[at + label.len() + 1..].trim();
                if before_ok && !is_placeholder(rest) {
                    return rest.to_string();
                }
            }
        }
    }
    let all = std::iter::once(own)
        .chain(details.iter().copied())
        .collect::<Vec<_>>()
        .join(" ");
    if is_quantified(&all) {
        all.trim().to_string()
    } else {
        String::new()
    }
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

static MONTH_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s*_]*(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)[*_]*(?:\s*[:—–-]|[*_]*$)")
        .expect("valid regex")
});

/// The month an item starts with (`March: ship the RFC`, `**Apr** — talk`, `May`) and
/// what follows it.
fn month_prefix(text: &str) -> Option<(u32, &str)> {
    let captures = MONTH_PREFIX.captures(text)?;
    let month = month_number(captures.get(1)?.as_str())?;
    Some((month, &text[captures.get(0)?.end()..]))
}

fn items(note: &Note, text: &str, id: SectionId, year: Option<i32>) -> Vec<Item> {
    let outline = &note.outline;
    let mut items = Vec::new();
    // The list items around the current one: (depth, where it ends, its due date), so a
    // nested item is due when its parent (`- March:`) says.
    let mut parents: Vec<(usize, usize, Option<NaiveDate>)> = Vec::new();
    for section in note.sections_with(id) {
        for block in note.blocks_in(section) {
            match &block.kind {
                BlockKind::ListItem(item) => {
                    while parents.last().is_some_and(|(depth, end, _)| {
                        *depth >= item.depth || *end <= block.range.start
                    }) {
                        parents.pop();
                    }
                    let own_date = outline
                        .dates
                        .iter()
                        .find(|d| block.text_range.contains(&d.range.start))
                        .and_then(|d| due_of(d.value))
                        .or_else(|| {
                            let (month, _) = month_prefix(&block.text)?;
                            last_day_of_month(year?, month)
                        });
                    let due = own_date
                        .or_else(|| parents.last().and_then(|(_, _, due)| *due))
                        .or_else(|| block.heading.and_then(|h| heading_due(outline, h, year)));
                    parents.push((item.depth, block.range.end, due));
                    // A placeholder (`May: [Milestone]` too), or an item that only names its
                    // month (its nested items are the milestones), is not one.
                    let after_month = month_prefix(&block.text).map_or("", |(_, rest)| rest);
                    if is_placeholder(&block.text)
                        || is_period_heading(&written(&block.text))
                        || (month_prefix(&block.text).is_some() && is_placeholder(after_month))
                    {
                        continue;
                    }
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
mod tests;
