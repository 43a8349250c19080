//! `no-month-milestone`: the current year's Goals note has no milestone dated in the
//! current month.

use chrono::{Datelike, NaiveDate};

use super::evidence::{asked_by_empty_section, named_by_missing_section};
use super::fixes_support::{
    insert_block_at, insert_section, insert_under_heading, new_row, section_content_end,
};
use super::{
    anchor, finding, Applicability, Context, Edit, Finding, Fix, Rule, RuleMeta, Severity,
};
use crate::methodology::{is_period_heading, MilestoneColumn, SectionId};
use crate::model::{Note, Section};
use crate::syntax::{month_number, BlockKind, DateValue, Heading};

pub struct NoMonthMilestone;

impl NoMonthMilestone {
    pub const META: RuleMeta = RuleMeta {
        code: "no-month-milestone",
        default_severity: Severity::Info,
        documentation: include_str!("docs/no-month-milestone.md"),
        blind_spot: None,
    };
}

fn month_name(date: NaiveDate) -> String {
    date.format("%B").to_string()
}

/// The (year, month) a heading under Monthly Milestones names: `### Mar 2026`, `### March`
/// (in the note's year).
fn heading_month(note: &Note, heading: &Heading, year: i32) -> Option<(i32, u32)> {
    let dated = note.outline.dates.iter().find_map(|d| {
        if !heading.range.contains(&d.range.start) {
            return None;
        }
        match d.value {
            DateValue::Month { year, month } => Some((year, month)),
            _ => None,
        }
    });
    dated.or_else(|| {
        if !is_period_heading(&heading.text) {
            return None;
        }
        let word = heading.text.split_whitespace().next()?;
        Some((year, month_number(word)?))
    })
}

/// "Add a milestone for May": a month heading in order among the section's month headings,
/// a row in its table, an item in its list, else the section itself.
fn add_milestone(note: &Note, today: NaiveDate) -> Option<Fix> {
    let name = month_name(today);
    let title = format!("Add a milestone for {name}");
    let item = format!("- [ ] {name}: [Milestone]");
    let Some(section) = note.section(SectionId::MonthlyMilestones) else {
        let edit = insert_section(
            note,
            SectionId::MonthlyMilestones,
            &format!("## Monthly Milestones\n\n{item}\n"),
        );
        return Fix::new(note, title, Applicability::Helps, vec![edit]);
    };
    let edit = month_heading_edit(note, section, today)
        .or_else(|| table_edit(note, section, &name))
        .or_else(|| list_edit(note, section, &item))
        .unwrap_or_else(|| {
            insert_under_heading(note, &section.heading_range, &format!("{item}\n"))
        });
    Fix::new(note, title, Applicability::Helps, vec![edit])
}

/// A heading for this month, written as the others are (`### May 2026`, `### May`), before
/// the first later month or at the section's end.
fn month_heading_edit(note: &Note, section: &Section, today: NaiveDate) -> Option<Edit> {
    let this = (today.year(), today.month());
    let months: Vec<(&Heading, (i32, u32))> = note
        .outline
        .headings
        .iter()
        .filter(|h| {
            section.range.contains(&h.range.start) && h.range.start > section.heading_range.start
        })
        .filter_map(|h| Some((h, heading_month(note, h, today.year())?)))
        .collect();
    let (last, _) = months.last()?;
    let first_word = last.text.split_whitespace().next().unwrap_or("");
    let format = match (
        first_word.chars().count() <= 4,
        last.text.split_whitespace().count() > 1,
    ) {
        (true, true) => "%b %Y",
        (true, false) => "%b",
        (false, true) => "%B %Y",
        (false, false) => "%B",
    };
    let level = usize::from(last.level);
    let block = format!(
        "{} {}\n- [ ] [Milestone]\n",
        "#".repeat(level),
        today.format(format)
    );
    let later = months.iter().find(|(_, month)| *month > this);
    let at = match later {
        Some((heading, _)) => heading.range.start,
        None => section_content_end(note, section),
    };
    Some(insert_block_at(note, at, &block))
}

/// A row in the section's table of milestones when it has a month (or due) column.
fn table_edit(note: &Note, section: &Section, name: &str) -> Option<Edit> {
    let (block, table) = note.blocks_in(section).find_map(|b| match &b.kind {
        BlockKind::Table(table) => Some((b, table)),
        _ => None,
    })?;
    let due = table.column(MilestoneColumn::Due.aliases())?;
    let status = table.column(MilestoneColumn::Status.aliases());
    let columns = table.header.cells.len().max(1);
    let mut cells = vec![String::new(); columns];
    cells[due] = name.to_string();
    if let Some(column) = (0..columns).find(|c| *c != due && Some(*c) != status) {
        cells[column] = "[Milestone]".to_string();
    }
    let like = table.rows.last().unwrap_or(&table.header);
    let at = block.range.end;
    Some(Edit {
        range: at..at,
        text: format!("\n{}", new_row(like, &cells)),
    })
}

/// One more item after the section's last top-level list item.
fn list_edit(note: &Note, section: &Section, item: &str) -> Option<Edit> {
    let last = note
        .blocks_of(section)
        .filter(|b| matches!(&b.kind, BlockKind::ListItem(i) if i.depth == 0))
        .last()?;
    let at = last.range.end;
    Some(Edit {
        range: at..at,
        text: if note.text[..at].ends_with('\n') {
            format!("{item}\n")
        } else {
            format!("\n{item}")
        },
    })
}

impl Rule for NoMonthMilestone {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
        let Some(goals) = note.as_goals() else {
            return Vec::new();
        };
        let today = context.today;
        if goals.year != Some(today.year()) {
            return Vec::new();
        }
        // An absent or empty section is `missing-section`'s or `empty-section`'s to ask
        // about, at the same place: one finding where one thing is wrong.
        if named_by_missing_section(note, context, SectionId::MonthlyMilestones)
            || asked_by_empty_section(note, context, &[SectionId::MonthlyMilestones])
        {
            return Vec::new();
        }
        if today.day0() < context.settings.month_milestone_grace_days {
            return Vec::new();
        }
        let dated_this_month = goals.monthly.iter().any(|item| {
            item.due
                .is_some_and(|due| due.year() == today.year() && due.month() == today.month())
        });
        if dated_this_month {
            return Vec::new();
        }
        let heading = note
            .section(SectionId::MonthlyMilestones)
            .map(|s| s.heading_range.clone());
        let name = month_name(today);
        let mut found = finding(
            self,
            anchor(note, &[heading]),
            format!("No milestone for {name} yet — what will be done by the end of the month?"),
        );
        found.fixes.extend(add_milestone(note, today));
        vec![found]
    }
}

#[cfg(test)]
mod tests;
