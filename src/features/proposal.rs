//! A section update, proposed and not made: given a section and the person's answer, the
//! edit that puts the answer in the right place in the section's own shape — a row of its
//! table (a goal row for the annual goals), an item of its list (a checkbox where the list
//! is one, a win bullet under this year's heading), a paragraph — as the exact insertion
//! and as a unified diff. The methodology's "confirm before updating": nothing is written;
//! whoever shows the proposal applies it once the person agrees.

use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::methodology::templates::section_template;
use crate::methodology::{match_section, GoalColumn, GoalStatus, NoteKind, SectionId};
use crate::model::text::is_placeholder;
use crate::model::{Note, Section};
use crate::rules::fixes_support::{
    insert_block_at, insert_section, insert_under_heading, new_row, row_text, section_content_end,
};
use crate::rules::{uses_crlf, Edit};
use crate::syntax::{Block, BlockKind, Table};

/// Lines of context either side of a change in the diff.
const CONTEXT: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Proposal {
    /// The note, as given.
    pub note: String,
    /// The section's title in the methodology.
    pub section: &'static str,
    /// `table row`, `goal row`, `list item`, `checkbox`, `win bullet`, `paragraph`, or
    /// `new section` when the note lacks the section.
    pub shape: &'static str,
    /// The 1-based line of the note where the change starts.
    pub line: usize,
    /// The text inserted, and the text it replaces (the template's empty row or
    /// placeholder items; empty for a plain insertion).
    pub insert: String,
    pub replaces: String,
    /// The lines around the change before and after it, for an editing tool that replaces
    /// one unique passage with another.
    pub old_text: String,
    pub new_text: String,
    /// The change as a unified diff of the note.
    pub diff: String,
    #[serde(skip)]
    pub edit: Edit,
}

/// The section a name means: a heading as the note (or any note kind) writes it, a
/// methodology title (`Wins & Artifacts`), or a configuration id (`wins`,
/// `annual-goals`).
pub fn section_named(note: Option<&Note>, name: &str) -> Option<SectionId> {
    if let Some(id) = note.and_then(|n| n.match_heading(name)) {
        return Some(id);
    }
    if let Some(id) = SectionId::from_alias_key(name) {
        return Some(id);
    }
    let kinds = [
        NoteKind::CareerIndex,
        NoteKind::Goals,
        NoteKind::Profile,
        NoteKind::SessionLog,
    ];
    let preferred = note.map(|n| n.kind);
    preferred
        .into_iter()
        .chain(kinds)
        .find_map(|kind| match_section(kind, name))
}

/// The edit that adds `answer` to section `id` of `note`, on `today` (a win goes under
/// this year's heading). An error, in words for the person, when the answer is empty, the
/// section belongs to another kind of note, or the answer gives a table more cells than
/// it has columns.
pub fn propose(
    note: &Note,
    shown_path: &str,
    id: SectionId,
    answer: &str,
    today: NaiveDate,
) -> Result<Proposal, String> {
    let answer = answer.trim();
    if answer.is_empty() {
        return Err("the answer is empty: there is nothing to add".into());
    }
    let kind = id.info().note;
    if kind != note.kind {
        return Err(format!(
            "{} is a section of {}, and {shown_path} is {}",
            id.title(),
            a_note_of(kind),
            a_note_of(note.kind)
        ));
    }
    let (shape, edit) = match note.section(id) {
        Some(section) => into_section(note, section, answer, today)?,
        None => ("new section", new_section(note, id, answer, today)?),
    };
    let mut edit = edit;
    if uses_crlf(&note.text) {
        edit.text = edit.text.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    Ok(describe(note, shown_path, id, shape, edit))
}

fn a_note_of(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::CareerIndex => "the Career Index",
        NoteKind::Goals => "a Goals note",
        NoteKind::SessionLog => "a session log",
        NoteKind::Profile => "the profile (CLAUDE.md)",
        NoteKind::Other => "no career note",
    }
}

/// The answer on one line, for a table cell or a list item.
fn one_line(answer: &str) -> String {
    answer.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The cells an answer gives: split at `|` when it has any (`| Kafka pilot | … |`), else
/// the whole answer.
fn answer_cells(answer: &str) -> Vec<String> {
    let line = one_line(answer);
    if !line.contains('|') {
        return vec![line];
    }
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    inner.split('|').map(|c| c.trim().to_string()).collect()
}

fn into_section(
    note: &Note,
    section: &Section,
    answer: &str,
    today: NaiveDate,
) -> Result<(&'static str, Edit), String> {
    if section.id == Some(SectionId::WinsAndArtifacts) {
        return Ok(("win bullet", win(note, section, answer, today)));
    }
    let blocks: Vec<&Block> = note.blocks_of(section).collect();
    if let Some(table) = blocks.iter().rev().find_map(|b| match &b.kind {
        BlockKind::Table(table) => Some(table),
        _ => None,
    }) {
        let goal = section.id == Some(SectionId::AnnualGoals);
        let edit = table_row(note, table, answer, goal)?;
        return Ok((if goal { "goal row" } else { "table row" }, edit));
    }
    let items: Vec<&Block> = blocks
        .iter()
        .copied()
        .filter(|b| matches!(&b.kind, BlockKind::ListItem(item) if item.depth == 0))
        .collect();
    if let Some(last) = items.last() {
        if section.id == Some(SectionId::AnnualGoals) {
            if let Some(labelled) = goal_label(note, answer) {
                let (_, edit) = list_item(note, &items, last, &labelled);
                return Ok(("goal item", edit));
            }
        }
        return Ok(list_item(note, &items, last, answer));
    }
    let placeholders: Vec<&Block> = blocks
        .iter()
        .copied()
        .filter(|b| matches!(b.kind, BlockKind::Paragraph) && is_placeholder(&b.text))
        .collect();
    let written = blocks
        .iter()
        .any(|b| matches!(b.kind, BlockKind::Paragraph) && !is_placeholder(&b.text));
    if !written {
        // Nothing written yet: the template's shape for the section.
        if let [only] = placeholders.as_slice() {
            // `> [Your POV on your industry]`: the answer takes the placeholder's place.
            return Ok((
                "paragraph",
                Edit {
                    range: only.text_range.clone(),
                    text: one_line(answer),
                },
            ));
        }
        if let Some(id) = section.id {
            if let Some(body) = template_body(id, answer, today) {
                let edit = insert_under_heading(note, &section.heading_range, &body.1);
                return Ok((body.0, edit));
            }
        }
    }
    let at = section_content_end(note, section);
    Ok(("paragraph", paragraph_at(note, at, answer)))
}

/// A paragraph added at `at` (the end of a section's content): a blank line either side.
fn paragraph_at(note: &Note, at: usize, answer: &str) -> Edit {
    let before = &note.text[..at];
    let trimmed = before.trim_end();
    // Keep what is written; start the paragraph after one blank line.
    let start = trimmed.len();
    let after_blank = if at < note.text.len() { "\n\n" } else { "\n" };
    Edit {
        range: start..at,
        text: format!("\n\n{}{after_blank}", answer.trim()),
    }
}

/// A win: `- **Title** — what it changed` under this year's heading of the section (made
/// when missing, above the earlier years).
fn win(note: &Note, section: &Section, answer: &str, today: NaiveDate) -> Edit {
    let year = today.year().to_string();
    let line = one_line(answer);
    let bullet = if line.starts_with("**") {
        format!("- {line}")
    } else {
        match line.split_once(" — ").or_else(|| line.split_once(": ")) {
            Some((title, rest)) if !title.is_empty() && title.len() <= 80 => {
                format!("- **{}** — {}", title.trim(), rest.trim())
            }
            _ => format!("- {line}"),
        }
    };
    let index = note.sections.iter().position(|s| std::ptr::eq(s, section));
    let this_year = note
        .sections
        .iter()
        .find(|s| index.is_some() && s.parent == index && s.id.is_none() && s.title.trim() == year);
    match this_year {
        Some(heading) => {
            let items: Vec<&Block> = note
                .blocks_of(heading)
                .filter(|b| matches!(&b.kind, BlockKind::ListItem(item) if item.depth == 0))
                .collect();
            match items.last() {
                Some(last) => list_item_with(note, &items, last, &bullet),
                None => insert_under_heading(note, &heading.heading_range, &format!("{bullet}\n")),
            }
        }
        None => {
            let hashes = "#".repeat(usize::from(section.level) + 1);
            insert_under_heading(
                note,
                &section.heading_range,
                &format!("{hashes} {year}\n{bullet}\n"),
            )
        }
    }
}

/// A row of `table` holding `answer` (its cells, or the whole answer in the first
/// column); a goal row numbers itself after the last goal and starts `Not started`. It
/// takes the place of the template's empty row when there is one.
fn table_row(note: &Note, table: &Table, answer: &str, goal: bool) -> Result<Edit, String> {
    let columns = table.header.cells.len().max(1);
    let given = answer_cells(answer);
    let mut cells = vec![String::new(); columns];
    if goal && given.len() < columns {
        let column = |c: GoalColumn| table.column(c.aliases());
        let id_column = column(GoalColumn::Id);
        let outcome = column(GoalColumn::Outcome)
            .filter(|c| Some(*c) != id_column)
            .unwrap_or(usize::from(id_column == Some(0)));
        if let Some(id) = id_column {
            cells[id] = format!("G{}", next_goal_id(note));
        }
        for (offset, value) in given.into_iter().enumerate() {
            if let Some(cell) = cells.get_mut(outcome + offset) {
                *cell = value;
            }
        }
        if let Some(status) = column(GoalColumn::Status) {
            if cells[status].is_empty() {
                cells[status] = GoalStatus::ALL[0].name().to_string();
            }
        }
    } else {
        if given.len() > columns {
            let names: Vec<&str> = table.header.cells.iter().map(|c| c.text.as_str()).collect();
            return Err(format!(
                "the table has {columns} columns ({}); the answer gives {} cells",
                names.join(", "),
                given.len()
            ));
        }
        for (cell, value) in cells.iter_mut().zip(given) {
            *cell = value;
        }
    }
    let like = table.rows.first().unwrap_or(&table.header);
    let row = new_row(like, &cells);
    let empty = table.rows.iter().find(|r| {
        r.cells
            .iter()
            .all(|c| c.text.is_empty() || is_placeholder(&c.text))
    });
    if let Some(empty) = empty {
        return Ok(Edit {
            range: empty.range.clone(),
            text: row,
        });
    }
    let at = match table.rows.last() {
        Some(last) => last.range.end,
        // Only the header and the delimiter row: after the delimiter row.
        None => line_end(
            &note.text,
            next_line_start(&note.text, table.header.range.end),
        ),
    };
    Ok(Edit {
        range: at..at,
        text: format!("\n{row}"),
    })
}

/// A goal written as a list item the way the note's last labelled goal is (`G2: …`,
/// `G2 — …`): the answer with the next ID and that separator. `None` when the note's goals
/// are numbered by their position.
fn goal_label(note: &Note, answer: &str) -> Option<String> {
    let last = note
        .as_goals()?
        .goals
        .iter()
        .rev()
        .find(|g| !g.id_range.is_empty())?;
    let after = &note.text[last.id_range.end..];
    let separator: String = after
        .chars()
        .take_while(|c| !c.is_alphanumeric() && !matches!(c, '\n' | '\r' | '*' | '[' | '_'))
        .collect();
    let separator = if separator.is_empty() {
        " ".to_string()
    } else {
        separator
    };
    Some(format!(
        "G{}{separator}{}",
        next_goal_id(note),
        one_line(answer)
    ))
}

/// The number of the next annual goal: one after the highest in the note.
fn next_goal_id(note: &Note) -> u32 {
    note.as_goals()
        .map(|g| {
            g.goals
                .iter()
                .map(|goal| goal.id)
                .chain(g.template_ids.iter().copied())
                .max()
                .unwrap_or(0)
        })
        .unwrap_or(0)
        + 1
}

/// An item in the style of the list it joins: its marker, a checkbox when the list has
/// them; the template's placeholder items give way to it.
fn list_item(note: &Note, items: &[&Block], last: &Block, answer: &str) -> (&'static str, Edit) {
    let BlockKind::ListItem(item) = &last.kind else {
        unreachable!("only list items are passed");
    };
    let checkbox = item.checked.is_some();
    let text = one_line(answer);
    let text = if checkbox {
        format!("[ ] {text}")
    } else {
        text
    };
    let marker = &note.text[item.marker_range.clone()];
    let marker = if item.ordered {
        let digits: String = marker.chars().take_while(char::is_ascii_digit).collect();
        let next = digits.parse::<u64>().map_or(1, |n| n + 1);
        let close = marker.trim_start_matches(|c: char| c.is_ascii_digit());
        format!("{next}{}", close.trim())
    } else {
        marker.trim().to_string()
    };
    let line = format!("{marker} {text}");
    let shape = if checkbox { "checkbox" } else { "list item" };
    (shape, list_item_with(note, items, last, &line))
}

/// `line` (a whole list item) after `last`, or in place of the list's items when they are
/// all the template's placeholders.
fn list_item_with(note: &Note, items: &[&Block], last: &Block, line: &str) -> Edit {
    let all_placeholders = items.iter().all(|b| is_placeholder(&b.text));
    if all_placeholders {
        let start = line_start(&note.text, items[0].range.start);
        let end = line_end(&note.text, last.range.end.saturating_sub(1).max(start));
        return Edit {
            range: start..end,
            text: line.to_string(),
        };
    }
    let end = line_end(
        &note.text,
        last.range.end.saturating_sub(1).max(last.range.start),
    );
    Edit {
        range: end..end,
        text: format!("\n{line}"),
    }
}

/// The section's body from the template, with the answer in place of its first row or
/// item: (`table row`/`list item`/`checkbox`, the body's lines). `None` when the template
/// gives the section no table or list.
fn template_body(id: SectionId, answer: &str, today: NaiveDate) -> Option<(&'static str, String)> {
    let template = section_template(id, today.year());
    let lines: Vec<&str> = template.lines().skip(1).collect();
    if let Some(start) = lines.iter().position(|l| l.trim_start().starts_with('|')) {
        let header = lines[start];
        let delimiter = lines.get(start + 1)?;
        let columns = header.trim().trim_matches('|').split('|').count();
        let mut cells = answer_cells(answer);
        cells.resize(columns.max(cells.len()), String::new());
        let row = row_text(&cells, true, true);
        let goal = id == SectionId::AnnualGoals;
        let shape = if goal { "goal row" } else { "table row" };
        return Some((shape, format!("{header}\n{delimiter}\n{row}\n")));
    }
    let item = lines.iter().find(|l| l.trim_start().starts_with("- "))?;
    let text = one_line(answer);
    if item.trim_start().starts_with("- [ ]") {
        Some(("checkbox", format!("- [ ] {text}\n")))
    } else {
        Some(("list item", format!("- {text}\n")))
    }
}

/// A whole new section holding the answer, where the template puts it.
fn new_section(note: &Note, id: SectionId, answer: &str, today: NaiveDate) -> Result<Edit, String> {
    let heading = section_template(id, today.year())
        .lines()
        .next()
        .unwrap_or("")
        .to_string();
    let body = match template_body(id, answer, today) {
        Some((_, body)) => body,
        None => format!("{}\n", answer.trim()),
    };
    let block = format!("{heading}\n\n{body}");
    match id.parent() {
        None => Ok(insert_section(note, id, &block)),
        Some(parent) => match note.section(parent) {
            // Under its section, after what that section holds.
            Some(parent_section) => {
                let hashes = "#".repeat(usize::from(parent_section.level) + 1);
                let block = format!("{hashes} {}\n\n{body}", id.title());
                let at = section_content_end(note, parent_section);
                Ok(insert_block_at(note, at, &block))
            }
            None => {
                let parent_heading = section_template(parent, today.year())
                    .lines()
                    .next()
                    .unwrap_or("")
                    .to_string();
                let block = format!("{parent_heading}\n\n### {}\n\n{body}", id.title());
                Ok(insert_section(note, parent, &block))
            }
        },
    }
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1)
}

/// Where the line holding `offset` ends, before its line break.
fn line_end(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    if end > 0 && text.as_bytes()[end - 1] == b'\r' {
        end - 1
    } else {
        end
    }
}

fn next_line_start(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text[offset..]
        .find('\n')
        .map_or(text.len(), |i| offset + i + 1)
}

/// The proposal for `edit`: where it starts, what it replaces, and the diff.
fn describe(
    note: &Note,
    shown_path: &str,
    id: SectionId,
    shape: &'static str,
    edit: Edit,
) -> Proposal {
    let text = &note.text;
    let line = text[..edit.range.start].matches('\n').count() + 1;
    let (old_text, new_text, diff) = hunk(text, &edit.range, &edit.text, shown_path);
    Proposal {
        note: shown_path.to_string(),
        section: id.title(),
        shape,
        line,
        insert: edit.text.clone(),
        replaces: text[edit.range.clone()].to_string(),
        old_text,
        new_text,
        diff,
        edit,
    }
}

/// The changed lines with [`CONTEXT`] lines either side, before and after the change, and
/// the unified diff of that hunk.
fn hunk(text: &str, range: &Range<usize>, insert: &str, path: &str) -> (String, String, String) {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut starts = Vec::with_capacity(lines.len() + 1);
    let mut at = 0;
    for line in &lines {
        starts.push(at);
        at += line.len();
    }
    let line_of = |offset: usize| starts.partition_point(|&s| s <= offset).saturating_sub(1);
    let first = line_of(range.start);
    // The last line the change touches (an insertion at a line's end touches that line).
    let last = if range.end > range.start {
        line_of(range.end - 1).max(first)
    } else {
        first
    };
    let from = first.saturating_sub(CONTEXT);
    let to = (last + 1 + CONTEXT).min(lines.len());
    let changed_start = starts.get(first).copied().unwrap_or(text.len());
    let changed_end = starts.get(last + 1).copied().unwrap_or(text.len());
    let old_changed = &text[changed_start..changed_end];
    let new_changed = format!(
        "{}{insert}{}",
        &text[changed_start..range.start],
        &text[range.end..changed_end]
    );
    let before: String = lines[from..first].concat();
    let after: String = lines[(last + 1).min(lines.len())..to].concat();
    let old_text = format!("{before}{old_changed}{after}");
    let new_text = format!("{before}{new_changed}{after}");

    let diff_lines = |s: &str| -> Vec<String> {
        s.split_inclusive('\n')
            .map(|l| l.trim_end_matches(['\n', '\r']).to_string())
            .collect()
    };
    let context_before = diff_lines(&before);
    let context_after = diff_lines(&after);
    let removed = diff_lines(old_changed);
    let added = diff_lines(&new_changed);
    let old_count = context_before.len() + removed.len() + context_after.len();
    let new_count = context_before.len() + added.len() + context_after.len();
    let mut diff = format!(
        "--- a/{path}\n+++ b/{path}\n@@ -{},{old_count} +{},{new_count} @@\n",
        from + 1,
        from + 1
    );
    for line in &context_before {
        diff.push_str(&format!(" {line}\n"));
    }
    for line in &removed {
        diff.push_str(&format!("-{line}\n"));
    }
    for line in &added {
        diff.push_str(&format!("+{line}\n"));
    }
    for line in &context_after {
        diff.push_str(&format!(" {line}\n"));
    }
    (old_text, new_text, diff)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::test_support::snapshot;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 15).unwrap()
    }

    /// The note after the proposal for `answer` in `section` of `name` (`text`), and the
    /// proposal.
    fn proposed(name: &str, text: &str, section: &str, answer: &str) -> (String, Proposal) {
        let snapshot = snapshot(&[(name, text)]);
        let note = snapshot.note();
        let id = section_named(Some(note), section).expect("a known section");
        let proposal = propose(note, name, id, answer, today()).unwrap();
        let mut after = text.to_string();
        after.replace_range(proposal.edit.range.clone(), &proposal.edit.text);
        (after, proposal)
    }

    const CAREER: &str = "# Career\n\n## Innovation Thesis\n\n### The Belief\n> [Your POV on your industry]\n\n### Innovation Portfolio\n| Experiment | Hypothesis | Status | Learning |\n|------------|------------|--------|----------|\n| | | | |\n\n---\n\n## Wins & Artifacts\n\n### 2025\n- **CI overhaul** — cut CI time from 41 to 12 minutes.\n\n## Open Tasks\n\n- [ ] Ask Ruud about the promo packet\n";

    #[test]
    fn a_table_row_takes_the_place_of_the_templates_empty_row() {
        let (after, proposal) = proposed(
            "Career.md",
            CAREER,
            "Innovation Portfolio",
            "| Golden paths for data jobs | Teams adopt them without a mandate | Running | |",
        );
        assert_eq!(proposal.shape, "table row");
        assert_eq!(proposal.section, "Innovation Portfolio");
        assert!(after.contains("|----------|\n| Golden paths for data jobs | Teams adopt them without a mandate | Running | |\n\n---"), "{after}");
        assert!(!after.contains("| | | | |"), "{after}");
        assert_eq!(proposal.line, 11);
        assert_eq!(proposal.replaces, "| | | | |");
        assert!(
            proposal.diff.contains("-| | | | |\n+| Golden paths"),
            "{}",
            proposal.diff
        );
        assert!(
            proposal
                .diff
                .starts_with("--- a/Career.md\n+++ b/Career.md\n@@ -8,7 +8,7 @@\n"),
            "{}",
            proposal.diff
        );
        // The passage to replace is the note's own text, once.
        assert_eq!(CAREER.matches(&proposal.old_text).count(), 1);
        assert_eq!(
            after.replacen(&proposal.new_text, &proposal.old_text, 1),
            CAREER
        );
    }

    #[test]
    fn a_row_with_more_cells_than_columns_is_refused() {
        let snapshot = snapshot(&[("Career.md", CAREER)]);
        let error = propose(
            snapshot.note(),
            "Career.md",
            SectionId::InnovationPortfolio,
            "a | b | c | d | e",
            today(),
        )
        .unwrap_err();
        assert_eq!(error, "the table has 4 columns (Experiment, Hypothesis, Status, Learning); the answer gives 5 cells");
    }

    #[test]
    fn a_placeholder_paragraph_gives_way_to_the_answer() {
        let (after, proposal) = proposed(
            "Career.md",
            CAREER,
            "The Belief",
            "Platform teams should measure the work product teams stop doing.",
        );
        assert_eq!(proposal.shape, "paragraph");
        assert!(after.contains("### The Belief\n> Platform teams should measure the work product teams stop doing.\n"), "{after}");
    }

    #[test]
    fn a_win_goes_under_this_years_heading_made_above_last_years() {
        let (after, proposal) = proposed(
            "Career.md",
            CAREER,
            "wins",
            "Vendor consolidation — saved €180k a year by retiring three monitoring tools",
        );
        assert_eq!(proposal.shape, "win bullet");
        assert!(after.contains("## Wins & Artifacts\n\n### 2026\n- **Vendor consolidation** — saved €180k a year by retiring three monitoring tools\n\n### 2025\n"), "{after}");
        // A second win joins the first under 2026.
        let (again, _) = proposed(
            "Career.md",
            &after,
            "Wins & Artifacts",
            "**Paved roads talk** — 400 people at KubeCon",
        );
        assert!(
            again.contains(
                "monitoring tools\n- **Paved roads talk** — 400 people at KubeCon\n\n### 2025"
            ),
            "{again}"
        );
    }

    #[test]
    fn a_task_is_a_checkbox_after_the_last_one() {
        let (after, proposal) = proposed(
            "Career.md",
            CAREER,
            "open-tasks",
            "Book the skip-level\nwith Marta",
        );
        assert_eq!(proposal.shape, "checkbox");
        assert!(
            after.ends_with(
                "- [ ] Ask Ruud about the promo packet\n- [ ] Book the skip-level with Marta\n"
            ),
            "{after}"
        );
    }

    #[test]
    fn the_templates_placeholder_items_give_way_to_the_answer() {
        let text = "# Career\n\n## Open Tasks\n\n- [ ] [Task 1]\n- [ ] [Task 2]\n\n---\n\n## Session Logs\n";
        let (after, proposal) = proposed("Career.md", text, "Open Tasks", "Book the skip-level");
        assert_eq!(proposal.shape, "checkbox");
        assert_eq!(proposal.replaces, "- [ ] [Task 1]\n- [ ] [Task 2]");
        assert!(
            after.contains("## Open Tasks\n\n- [ ] Book the skip-level\n\n---"),
            "{after}"
        );
    }

    #[test]
    fn a_goal_row_numbers_itself_and_starts_not_started() {
        let goals = "# 2026 Goals\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status |\n|------|---------|----------------|--------|\n| G1 | Promoted to Principal | Promo approved | In progress |\n| G2 | Speak externally | 2 talks | Not started |\n\n## Quarterly Intentions\n";
        let (after, proposal) = proposed(
            "2026 Goals.md",
            goals,
            "Annual Goals",
            "Grow two tech leads",
        );
        assert_eq!(proposal.shape, "goal row");
        assert!(after.contains("| G2 | Speak externally | 2 talks | Not started |\n| G3 | Grow two tech leads | | Not started |\n\n## Quarterly"), "{after}");
    }

    #[test]
    fn goals_written_as_a_list_get_an_item_labelled_like_theirs() {
        let goals = "# 2026 Goals\n\n## Annual Goals\n\n- G1: Promoted to Principal — promo approved\n- G2: Speak externally — 2 talks\n\n## Monthly Milestones\n";
        let (after, proposal) = proposed(
            "2026 Goals.md",
            goals,
            "Annual Goals",
            "Grow two tech leads",
        );
        assert_eq!(proposal.shape, "goal item");
        assert!(
            after.contains(
                "- G2: Speak externally — 2 talks\n- G3: Grow two tech leads\n\n## Monthly"
            ),
            "{after}"
        );
        // Numbered by position: a plain item.
        let plain =
            "# 2026 Goals\n\n## Annual Goals\n\n1. Promoted to Principal\n2. Speak externally\n";
        let (after, proposal) = proposed(
            "2026 Goals.md",
            plain,
            "Annual Goals",
            "Grow two tech leads",
        );
        assert_eq!(proposal.shape, "list item");
        assert!(
            after.ends_with("2. Speak externally\n3. Grow two tech leads\n"),
            "{after}"
        );
    }

    #[test]
    fn a_missing_section_is_added_where_the_template_puts_it_in_its_shape() {
        let text = "# Career\n\n## Vision\n\nLead platform engineering at a company I admire.\n\n## Open Tasks\n\n- [ ] Draft the thesis\n";
        let (after, proposal) = proposed(
            "Career.md",
            text,
            "Risk Register",
            "| Reorg merges the platform group | Medium | High | Build a case with the CTO |",
        );
        assert_eq!(proposal.shape, "new section");
        assert!(after.contains("admire.\n\n## Risk Register\n\n| Risk | Likelihood | Impact | Mitigation |\n|------|------------|--------|------------|\n| Reorg merges the platform group | Medium | High | Build a case with the CTO |\n\n## Open Tasks"), "{after}");
    }

    #[test]
    fn a_note_in_its_own_shape_gets_a_paragraph_at_the_end_of_the_section() {
        let text = "# Career\n\n## Vision\n\nLead platform engineering.\n\n## Timeline\n\nSince 2019 at Freightline.\n";
        let (after, proposal) = proposed(
            "Career.md",
            text,
            "vision",
            "Known outside the company for paved roads.",
        );
        assert_eq!(proposal.shape, "paragraph");
        assert!(after.contains("Lead platform engineering.\n\nKnown outside the company for paved roads.\n\n## Timeline"), "{after}");
    }

    #[test]
    fn crlf_notes_get_crlf_lines() {
        let text = CAREER.replace('\n', "\r\n");
        let (after, _) = proposed("Career.md", &text, "Open Tasks", "Book the skip-level");
        assert!(
            after.ends_with("promo packet\r\n- [ ] Book the skip-level\r\n"),
            "{after:?}"
        );
    }

    #[test]
    fn an_empty_answer_or_another_notes_section_is_an_error() {
        let snapshot = snapshot(&[("Career.md", CAREER)]);
        let note = snapshot.note();
        let empty = propose(note, "Career.md", SectionId::OpenTasks, "  \n", today()).unwrap_err();
        assert!(empty.contains("empty"), "{empty}");
        let other =
            propose(note, "Career.md", SectionId::AnnualGoals, "Grow", today()).unwrap_err();
        assert_eq!(
            other,
            "Annual Goals is a section of a Goals note, and Career.md is the Career Index"
        );
        assert_eq!(section_named(None, "no such thing"), None);
        assert_eq!(
            section_named(None, "weekly-actions"),
            Some(SectionId::WeeklyActions)
        );
    }
}
