//! Inlay hints: the vision pillar after each annual goal row, the time left on the current
//! quarter's row, relative dates on dated milestones and actions, `2/3 done` after
//! checkbox lists, how complete each known section is after its heading, and where a
//! session's open threads were carried.

mod threads;

use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use crate::methodology::{review_question, NoteKind};
use crate::model::goals::{Goal, GoalsNote};
use crate::model::text::{is_placeholder, VisionLink};
use crate::model::{CareerIndex, Note, Section};
use crate::syntax::BlockKind;
use crate::workspace::Snapshot;

/// What a hint says (the edge may map these to the protocol's hint kinds: the vision link
/// reads like a type, the rest like notes on the line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HintKind {
    /// The pillars an annual goal serves (`→ Role`), or `not linked`.
    VisionLink,
    /// `current quarter · 3 weeks left` on the current quarter's row.
    Quarter,
    /// `due in 3 days`, `due today`, `2 weeks overdue` on a dated milestone or action.
    DueDate,
    /// `2/3 done` after a checkbox list.
    Checklist,
    /// `empty`, `3/4 sub-sections filled` or `filled` after a known section's heading.
    SectionCompleteness,
    /// `→ Open Tasks`, `→ session of 2026-03-12` after a session's open thread.
    CarriedThread,
}

/// A label shown at a byte offset of the note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlayHint {
    pub offset: usize,
    pub label: String,
    pub kind: HintKind,
    pub tooltip: Option<String>,
}

/// The hints of the snapshot's note whose offset lies in `range` (its end included, so a
/// hint at the end of the last line asked for is shown), in the order of the text.
pub fn inlay_hints(snapshot: &Snapshot, range: Range<usize>) -> Vec<InlayHint> {
    if !snapshot.is_checked() {
        return Vec::new();
    }
    let note = snapshot.note();
    let mut hints = Vec::new();
    if let Some(goals) = note.as_goals() {
        goal_hints(snapshot, goals, &mut hints);
        quarter_hints(goals, snapshot.today, &mut hints);
        due_hints(note, goals, snapshot.today, &mut hints);
    }
    checklist_hints(note, &mut hints);
    threads::carried_thread_hints(snapshot, &mut hints);
    if matches!(
        note.kind,
        NoteKind::CareerIndex | NoteKind::Goals | NoteKind::Profile
    ) {
        section_hints(note, &mut hints);
    }
    hints.retain(|h| range.start <= h.offset && h.offset <= range.end);
    // Stable: hints at one offset keep the order above (an item's date before its list's count).
    hints.sort_by_key(|h| h.offset);
    hints
}

// ---------------------------------------------------------------------------------------
// Annual goals

fn goal_hints(snapshot: &Snapshot, goals: &GoalsNote, hints: &mut Vec<InlayHint>) {
    let index = snapshot.career_index();
    let picture = index.as_ref().and_then(|n| n.as_index());
    for goal in &goals.goals {
        let (label, tooltip) = vision_label(goal, picture);
        hints.push(InlayHint {
            offset: goal.row_range.end,
            label,
            kind: HintKind::VisionLink,
            tooltip,
        });
    }
}

/// `→ Role` (with the picture lines as the tooltip), or `not linked`.
fn vision_label(goal: &Goal, index: Option<&CareerIndex>) -> (String, Option<String>) {
    let mut names: Vec<String> = Vec::new();
    let mut details: Vec<String> = Vec::new();
    for link in &goal.vision_links {
        match link {
            VisionLink::Pillars(pillars) => {
                for pillar in pillars {
                    let name = pillar.name().to_string();
                    if names.contains(&name) {
                        continue;
                    }
                    if let Some(line) =
                        index.and_then(|i| i.vision.picture.iter().find(|l| l.pillar == *pillar))
                    {
                        details.push(format!("{name}: {}", line.text));
                    }
                    names.push(name);
                }
            }
            VisionLink::NorthStar => {
                if let Some(statement) = index.and_then(|i| i.vision.north_star.as_ref()) {
                    details.push(format!("North Star: {}", statement.text));
                }
                names.push(crate::methodology::NORTH_STAR.to_string());
            }
            VisionLink::Wikilink { heading, .. } => names.push(heading.trim().to_string()),
        }
    }
    if names.is_empty() {
        return (
            "not linked".to_string(),
            Some(format!(
                "{} is not linked to your vision — which part of the picture does it serve?",
                goal.label()
            )),
        );
    }
    let tooltip = (!details.is_empty()).then(|| details.join("\n"));
    (format!("→ {}", names.join(", ")), tooltip)
}

// ---------------------------------------------------------------------------------------
// Quarters and dates

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (year, month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1)?.pred_opt()
}

fn plural(n: i64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// A span of days in the largest unit that reads naturally: days under two weeks, weeks
/// under about two months, then months.
fn span(days: i64) -> String {
    if days < 14 {
        plural(days, "day")
    } else if days < 60 {
        plural(days / 7, "week")
    } else {
        plural(days / 30, "month")
    }
}

fn quarter_hints(goals: &GoalsNote, today: NaiveDate, hints: &mut Vec<InlayHint>) {
    if goals.year.is_some_and(|year| year != today.year()) {
        return;
    }
    let quarter = (today.month() - 1) / 3 + 1;
    let Some(end) = last_day_of_month(today.year(), quarter * 3) else {
        return;
    };
    let days = (end - today).num_days();
    let left = match days {
        0 => "last day".to_string(),
        1..=6 => format!("{} left", plural(days, "day")),
        _ => format!("{} left", plural(days / 7, "week")),
    };
    for row in goals
        .quarterly
        .iter()
        .filter(|row| row.quarter == Some(quarter))
    {
        hints.push(InlayHint {
            offset: row.range.end,
            label: format!("current quarter · {left}"),
            kind: HintKind::Quarter,
            tooltip: Some(format!("Q{quarter} {} ends on {end}", today.year())),
        });
    }
}

/// `due today`, `due in 3 days`, `2 weeks overdue`…
fn relative_due(due: NaiveDate, today: NaiveDate) -> String {
    let days = (due - today).num_days();
    match days {
        0 => "due today".to_string(),
        1 => "due tomorrow".to_string(),
        d if d > 0 => format!("due in {}", span(d)),
        d => format!("{} overdue", span(-d)),
    }
}

fn due_hints(note: &Note, goals: &GoalsNote, today: NaiveDate, hints: &mut Vec<InlayHint>) {
    // A past year's note is history: its open items are not late, just left behind.
    if goals.year.is_some_and(|year| year < today.year()) {
        return;
    }
    for item in goals.monthly.iter().chain(&goals.weekly) {
        let Some(due) = item.due.filter(|_| !item.done) else {
            continue;
        };
        // After the item's own text, not after its nested items.
        let offset = note
            .outline
            .blocks
            .iter()
            .find(|b| b.range == item.range && matches!(b.kind, BlockKind::ListItem(_)))
            .map_or(item.range.end, |b| b.text_range.end);
        hints.push(InlayHint {
            offset,
            label: relative_due(due, today),
            kind: HintKind::DueDate,
            tooltip: Some(format!("Due {due}")),
        });
    }
}

// ---------------------------------------------------------------------------------------
// Checkbox lists

/// A run of checkbox items at one depth of one list.
struct Run {
    depth: usize,
    done: usize,
    total: usize,
    end: usize,
}

impl Run {
    fn hint(&self) -> Option<InlayHint> {
        // One item shows its own box; a count says something from two on.
        (self.total >= 2).then(|| InlayHint {
            offset: self.end,
            label: format!("{}/{} done", self.done, self.total),
            kind: HintKind::Checklist,
            tooltip: None,
        })
    }
}

fn checklist_hints(note: &Note, hints: &mut Vec<InlayHint>) {
    let mut open: Vec<Run> = Vec::new();
    let mut previous: Option<(Option<usize>, bool)> = None;
    let close_all = |open: &mut Vec<Run>, hints: &mut Vec<InlayHint>| {
        hints.extend(open.drain(..).rev().filter_map(|run| run.hint()));
    };
    for block in &note.outline.blocks {
        let BlockKind::ListItem(item) = &block.kind else {
            close_all(&mut open, hints);
            previous = None;
            continue;
        };
        // A list does not run across a heading or in and out of a block quote.
        if previous.is_some_and(|p| p != (block.heading, block.quoted)) {
            close_all(&mut open, hints);
        }
        previous = Some((block.heading, block.quoted));
        while open.last().is_some_and(|run| run.depth > item.depth) {
            if let Some(hint) = open.pop().and_then(|run| run.hint()) {
                hints.push(hint);
            }
        }
        match item.checked {
            Some(checked) => {
                if open.last().is_none_or(|run| run.depth != item.depth) {
                    open.push(Run {
                        depth: item.depth,
                        done: 0,
                        total: 0,
                        end: block.range.end,
                    });
                }
                if let Some(run) = open.last_mut() {
                    // Template placeholders (`- [ ] [Task 1]`) are not tasks.
                    if !is_placeholder(&block.text) {
                        run.total += 1;
                        run.done += usize::from(checked);
                    }
                }
            }
            None => {
                if open.last().is_some_and(|run| run.depth == item.depth) {
                    if let Some(hint) = open.pop().and_then(|run| run.hint()) {
                        hints.push(hint);
                    }
                }
            }
        }
        // Every enclosing run now ends at or after this item.
        for run in &mut open {
            run.end = run.end.max(block.range.end);
        }
    }
    close_all(&mut open, hints);
}

// ---------------------------------------------------------------------------------------
// Section completeness

fn section_hints(note: &Note, hints: &mut Vec<InlayHint>) {
    for section in note.sections.iter() {
        let Some(id) = section.id else {
            continue;
        };
        let (label, tooltip) = if note.is_empty_section(section) {
            ("empty".to_string(), Some(review_question(id).to_string()))
        } else {
            let children: Vec<&Section> = note.known_children(section).collect();
            let empty: Vec<&str> = children
                .iter()
                .filter(|child| note.is_empty_section(child))
                .map(|child| child.title.trim())
                .collect();
            if empty.is_empty() {
                ("filled".to_string(), None)
            } else {
                (
                    format!(
                        "{}/{} sub-sections filled",
                        children.len() - empty.len(),
                        children.len()
                    ),
                    Some(format!("Still empty: {}", empty.join(", "))),
                )
            }
        };
        hints.push(InlayHint {
            offset: section.heading_range.end,
            label,
            kind: HintKind::SectionCompleteness,
            tooltip,
        });
    }
}

#[cfg(test)]
mod tests;
