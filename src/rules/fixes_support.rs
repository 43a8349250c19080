//! What the rules' quick fixes share: where to insert a block so that it reads as its own
//! paragraph, where a missing section belongs, table cells to fill, prompts to ask.
//!
//! Positions come from the byte ranges of headings, blocks and cells; what lies between
//! two pieces of content is read from the note's text, counting line breaks, so a note
//! written with `\r\n` gets the same placement as one written with `\n`. Inserted text is
//! written with `\n`; [`Fix::new`] turns it into the note's own line endings.

use std::ops::Range;
use std::path::{Component, Path};
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

use super::{Applicability, Context, Edit, Fix, NewNote};
use crate::methodology::templates::{
    goals, section_template, section_template_for_week, session_log, week_start,
};
use crate::methodology::{is_known_prompt, IntentionColumn, SectionId, SectionInfo, SECTIONS};
use crate::model::{year_goals, Note, Section};
use crate::syntax::{Block, BlockKind, Row, Table};

/// The year a section template is filled with: the Goals note's own year, else this year.
pub(crate) fn template_year(note: &Note, context: &Context) -> i32 {
    note.as_goals()
        .and_then(|g| g.year)
        .unwrap_or_else(|| context.today.year())
}

/// The template block for `id` (heading and body, ending in a newline). Weekly Actions
/// starts in this week when the note is this year's.
pub(crate) fn section_block(note: &Note, context: &Context, id: SectionId) -> String {
    let year = template_year(note, context);
    if id == SectionId::WeeklyActions && year == context.today.year() {
        section_template_for_week(id, year, week_start(context.today))
    } else {
        section_template(id, year)
    }
}

/// The heading line the template gives `id` (`## 2026 Theme`), with its line break.
pub(crate) fn section_heading_line(note: &Note, context: &Context, id: SectionId) -> String {
    let block = section_block(note, context, id);
    let line = block.lines().next().unwrap_or("").trim_end();
    format!("{line}\n")
}

/// Where the line before the one starting at `line_start` ends: before its line break,
/// `\n` or `\r\n`.
pub(crate) fn end_of_line_before(note: &Note, line_start: usize) -> usize {
    let before = &note.text[..line_start.min(note.text.len())];
    let without_break = before.strip_suffix('\n').unwrap_or(before);
    without_break
        .strip_suffix('\r')
        .unwrap_or(without_break)
        .len()
}

/// Where a block's content ends. Rules, HTML, code and front matter take in the line
/// break after them; every other block ends at its last character.
fn content_end(note: &Note, block: &Block) -> usize {
    let keeps_line_break = matches!(
        block.kind,
        BlockKind::ThematicBreak | BlockKind::Html | BlockKind::Code
    );
    if keeps_line_break && block.range.end < note.text.len() && block.range.end > block.range.start
    {
        end_of_line_before(note, block.range.end)
    } else {
        block.range.end
    }
}

/// How many line breaks the text between `from` and `to` holds.
fn line_breaks(note: &Note, from: usize, to: usize) -> usize {
    note.text
        .get(from..to)
        .map_or(0, |between| between.matches('\n').count())
}

/// The last piece of content (a heading, a block or the front matter) that ends at or
/// before `offset`: where it ends, and the block when it is one. `None` when nothing
/// comes before.
fn content_before(note: &Note, offset: usize) -> Option<(usize, Option<&Block>)> {
    content_ends(note)
        .filter(|(end, _)| *end <= offset)
        .max_by_key(|(end, _)| *end)
}

/// Where each piece of content (heading, block, front matter) ends, and the block when it
/// is one.
fn content_ends(note: &Note) -> impl Iterator<Item = (usize, Option<&Block>)> {
    let outline = &note.outline;
    let headings = outline.headings.iter().map(|h| (h.range.end, None));
    let blocks = outline
        .blocks
        .iter()
        .map(|b| (content_end(note, b), Some(b)));
    let front_matter = outline.front_matter.iter().map(|f| {
        let end = if f.range.end < note.text.len() && f.range.end > f.range.start {
            end_of_line_before(note, f.range.end)
        } else {
            f.range.end
        };
        (end, None)
    });
    headings.chain(blocks).chain(front_matter)
}

/// The start of the first heading or block that starts after `offset` (a quoted block's
/// range starts after its quote marker).
fn content_start_after(note: &Note, offset: usize) -> Option<usize> {
    let outline = &note.outline;
    let headings = outline.headings.iter().map(|h| h.range.start);
    let blocks = outline.blocks.iter().map(|b| b.range.start);
    headings.chain(blocks).filter(|start| *start > offset).min()
}

/// Inserts `block` (lines ending in `\n`) as its own paragraph right under the heading
/// whose line is `heading`: one blank line before it and one after.
pub(crate) fn insert_under_heading(note: &Note, heading: &Range<usize>, block: &str) -> Edit {
    let at = heading.end;
    let body = block.trim_end_matches('\n');
    let needs_blank_after = match content_start_after(note, at) {
        // Only the heading's line break comes before the next line.
        Some(start) => line_breaks(note, at, start) < 2,
        // Nothing follows: the text ends here, or with blank space.
        None => false,
    };
    let text = if needs_blank_after || at >= note.text.len() {
        format!("\n\n{body}\n")
    } else {
        format!("\n\n{body}")
    };
    Edit {
        range: at..at,
        text,
    }
}

/// Inserts `block` (starting with a heading, lines ending in `\n`) at `at`, the start of a
/// line (a heading's or a block's) or the end of the text, with a blank line before it and
/// after it.
pub(crate) fn insert_block_at(note: &Note, at: usize, block: &str) -> Edit {
    let block = block.trim_end_matches('\n');
    let before = match content_before(note, at) {
        None => "",
        Some((end, _)) => match line_breaks(note, end, at) {
            0 => "\n\n",
            1 => "\n",
            _ => "",
        },
    };
    let text = if at >= note.text.len() {
        format!("{before}{block}\n")
    } else {
        format!("{before}{block}\n\n")
    };
    Edit {
        range: at..at,
        text,
    }
}

/// Whether the last block before `at` is a thematic break (`---`): the note separates its
/// sections with rules.
fn rule_before(note: &Note, at: usize) -> Option<&Block> {
    match content_before(note, at)? {
        (_, Some(block)) if matches!(block.kind, BlockKind::ThematicBreak) => Some(block),
        _ => None,
    }
}

/// Whether the note puts a `---` line before its top-level sections: [`rule_before`]
/// each of them, with the content's ends sorted once rather than searched per section (a
/// note may have thousands of sections).
fn separates_sections(note: &Note) -> bool {
    let mut ends: Vec<(usize, Option<&Block>)> = content_ends(note).collect();
    // Stable: among equal ends the last in `content_ends`' order stays last, as
    // `content_before`'s `max_by_key` picks it.
    ends.sort_by_key(|(end, _)| *end);
    note.sections.iter().filter(|s| s.level == 2).any(|s| {
        let before = ends.partition_point(|(end, _)| *end <= s.range.start);
        before > 0
            && matches!(ends[before - 1], (_, Some(block)) if matches!(block.kind, BlockKind::ThematicBreak))
    })
}

/// Inserts a whole top-level section (`block` starts with its heading) where the template
/// puts it: before the next top-level section of the note's kind that the note has, in
/// template order; else at the end of the note. Keeps the note's `---` separators, and
/// gives the section the heading level of the sections around it.
pub(crate) fn insert_section(note: &Note, id: SectionId, block: &str) -> Edit {
    insert_sections(note, &[(id, block.to_string())])
        .pop()
        .expect("one section gives one edit")
}

/// Inserts several top-level sections (each block starts with its heading), each where
/// [`insert_section`] puts it. Sections that go to the same place are written in one edit,
/// in the order given, so that the edits stay apart from one another.
pub(crate) fn insert_sections(note: &Note, blocks: &[(SectionId, String)]) -> Vec<Edit> {
    // (where: the next section's start, or `None` for the end of the note; level; blocks)
    let mut groups: Vec<(Option<usize>, u8, Vec<String>)> = Vec::new();
    for (id, block) in blocks {
        let (at, level) = placement(note, *id);
        let block = at_level(block, level);
        match groups.iter_mut().find(|(place, _, _)| *place == at) {
            Some((_, _, group)) => group.push(block),
            None => groups.push((at, level, vec![block])),
        }
    }
    groups
        .into_iter()
        .map(|(at, _, group)| {
            let trimmed: Vec<&str> = group.iter().map(|b| b.trim_end_matches('\n')).collect();
            match at {
                Some(at) => {
                    let ruled = rule_before(note, at).is_some();
                    let joined = trimmed.join(if ruled { "\n\n---\n\n" } else { "\n\n" });
                    let mut edit = insert_block_at(note, at, &joined);
                    if ruled {
                        edit.text.push_str("---\n\n");
                    }
                    edit
                }
                None => {
                    let at = note.text.len();
                    let ruled = separates_sections(note);
                    let joined = trimmed.join(if ruled { "\n\n---\n\n" } else { "\n\n" });
                    if ruled && rule_before(note, at).is_none() {
                        insert_block_at(note, at, &format!("---\n\n{joined}"))
                    } else {
                        insert_block_at(note, at, &joined)
                    }
                }
            }
        })
        .collect()
}

/// Inserts a whole section (`block` starts with its heading) right before `section`, as
/// its sibling: at its heading level, followed by a `---` when the note puts one before
/// `section`, so the two stay apart as the note's other sections are.
pub(crate) fn insert_section_before(note: &Note, section: &Section, block: &str) -> Edit {
    let at = section.range.start;
    let block = at_level(block, section.level);
    let mut edit = insert_block_at(note, at, &block);
    if rule_before(note, at).is_some() {
        edit.text.push_str("---\n\n");
    }
    edit
}

/// Where a new top-level section `id` goes and the level of its heading: before the next
/// top-level section of its kind that the note has, at that section's level, so that the
/// new heading is its sibling and nothing changes parent; else at the end of the note, at
/// the level of the note's last top-level section (the level 2 of the template when the
/// note has none).
fn placement(note: &Note, id: SectionId) -> (Option<usize>, u8) {
    let kind = id.info().note;
    let top_level = |info: &&SectionInfo| info.note == kind && info.parent.is_none();
    let later = SECTIONS
        .iter()
        .filter(top_level)
        .filter(|info| (info.id as usize) > (id as usize))
        .find_map(|info| note.section(info.id));
    if let Some(later) = later {
        return (Some(later.range.start), later.level);
    }
    let last = note.sections.iter().rev().find(|s| {
        s.id.is_some_and(|other| other.info().note == kind && other.parent().is_none())
    });
    (None, last.map_or(2, |s| s.level))
}

/// `block` with its headings moved so that its first one is at `level`: a sub-section
/// stays one level below its section.
fn at_level(block: &str, level: u8) -> String {
    let heading_level = |line: &str| {
        let hashes = line.len() - line.trim_start_matches('#').len();
        let rest = &line[hashes..];
        ((1..=6).contains(&hashes) && (rest.is_empty() || rest.starts_with([' ', '\n', '\r'])))
            .then_some(hashes)
    };
    let Some(first) = block.lines().next().and_then(heading_level) else {
        return block.to_string();
    };
    let shift = i32::from(level) - first as i32;
    if shift == 0 {
        return block.to_string();
    }
    block
        .split_inclusive('\n')
        .map(|line| match heading_level(line) {
            Some(hashes) => {
                let moved = (hashes as i32 + shift).clamp(1, 6) as usize;
                format!("{}{}", "#".repeat(moved), &line[hashes..])
            }
            None => line.to_string(),
        })
        .collect()
}

/// Where new content goes at the end of `section`: before a `---` that closes it, else
/// where the next section starts (or the end of the note).
pub(crate) fn section_content_end(note: &Note, section: &Section) -> usize {
    let end = section.range.end;
    match rule_before(note, end) {
        Some(rule) if rule.range.start > section.heading_range.end => rule.range.start,
        _ => end,
    }
}

/// Whether the section holds anything besides comments, rules and the product's prompts.
pub(crate) fn has_content(note: &Note, section: &Section) -> bool {
    note.blocks_of(section).any(|block| {
        let markup = matches!(
            block.kind,
            BlockKind::Html | BlockKind::ThematicBreak | BlockKind::LinkDefinition
        );
        let prompt = block.quoted && is_known_prompt(&block.text);
        !markup && !prompt
    })
}

/// Whether `question` is already asked as a quote in `range`.
fn asks(note: &Note, range: &Range<usize>, question: &str) -> bool {
    let plain = |text: &str| {
        text.trim()
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '"' | '“' | '”'))
            .to_lowercase()
    };
    let question = plain(question);
    note.outline
        .blocks
        .iter()
        .filter(|b| b.quoted && range.contains(&b.range.start))
        .any(|b| plain(&b.text) == question)
}

/// Asks `question` as a block quote right under `section`'s heading. `None` when the
/// section already asks it.
pub(crate) fn ask_under(
    note: &Note,
    section: &Section,
    title: String,
    question: &str,
) -> Option<Fix> {
    if asks(note, &section.range, question) {
        return None;
    }
    let prompt = crate::methodology::as_prompt(question);
    Fix::new(
        note,
        title,
        Applicability::Helps,
        vec![insert_under_heading(note, &section.heading_range, &prompt)],
    )
}

/// Asks `question` as a block quote under the heading of the first of `sections` the note
/// has; when it has none, adds the first of them (its heading and the question) where the
/// template puts it. `None` when the question is already there.
pub(crate) fn prompt_fix(
    note: &Note,
    context: &Context,
    title: String,
    question: &str,
    sections: &[SectionId],
) -> Option<Fix> {
    let prompt = crate::methodology::as_prompt(question);
    let existing = sections.iter().find_map(|id| note.section(*id));
    let edit = match existing {
        Some(section) => return ask_under(note, section, title, question),
        None => {
            let id = *sections.first()?;
            if id.info().note != note.kind {
                return None;
            }
            // A sub-section's question goes into a new top-level section.
            let top = top_level(id);
            let heading = section_heading_line(note, context, top);
            insert_section(note, top, &format!("{heading}\n{prompt}"))
        }
    };
    Fix::new(note, title, Applicability::Helps, vec![edit])
}

/// Asks `question` about a Goals note's annual goals: under Annual Goals, or — where the
/// goals are a list directly under the H1, standing for the section — under the H1, so no
/// empty Annual Goals section is made for it.
pub(crate) fn ask_about_goals(
    note: &Note,
    context: &Context,
    title: String,
    question: &str,
) -> Option<Fix> {
    let h1 = note.sections.iter().find(|s| s.level == 1);
    match h1 {
        Some(h1) if note.as_goals().is_some_and(|g| g.goals_under_title) => {
            ask_under(note, h1, title, question)
        }
        _ => prompt_fix(note, context, title, question, &[SectionId::AnnualGoals]),
    }
}

/// The top-level section `id` belongs to.
fn top_level(id: SectionId) -> SectionId {
    let mut id = id;
    while let Some(parent) = id.parent() {
        id = parent;
    }
    id
}

// ---------------------------------------------------------------------------------------
// Tables

/// The table block holding the row that spans `row_range`, and the row's index.
pub(crate) fn table_of_row<'a>(
    note: &'a Note,
    row_range: &Range<usize>,
) -> Option<(&'a Block, &'a Table, usize)> {
    note.outline
        .blocks
        .iter()
        .find_map(|block| match &block.kind {
            BlockKind::Table(table) => table
                .rows
                .iter()
                .position(|r| r.range == *row_range)
                .map(|i| (block, table, i)),
            _ => None,
        })
}

/// Whether a row ends with a `|` after its last cell.
pub(crate) fn has_trailing_pipe(row: &Row) -> bool {
    row.cells
        .last()
        .is_none_or(|cell| cell.range.end < row.range.end)
}

/// Whether a row starts with a `|` before its first cell.
pub(crate) fn has_leading_pipe(row: &Row) -> bool {
    row.cells
        .first()
        .is_none_or(|cell| cell.range.start > row.range.start)
}

/// Cells appended to a row that has `present` cells so that cell `column` holds `value`.
fn appended_cells(row: &Row, column: usize, value: &str) -> String {
    let present = row.cells.len();
    let empty = column.saturating_sub(present);
    if has_trailing_pipe(row) {
        format!("{} {value} |", " |".repeat(empty))
    } else {
        format!("{} {value}", " |".repeat(empty + 1))
    }
}

/// How a fix puts `value` into a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CellWrite {
    /// Into an empty cell (or a missing one), or in place of a placeholder.
    OverPlaceholder,
    /// Into an empty cell, over a placeholder, or after what the cell says, joined by
    /// `joiner`.
    Alongside(&'static str),
}

/// The edit that puts `value` into cell `column` of `row`: an empty cell gets it, a
/// placeholder gives way to it, written text is kept and `value` follows it when `how`
/// allows; a row too short for the column gets the cells it lacks. `None` when `how` does
/// not allow writing into what the cell holds.
pub(crate) fn write_cell(row: &Row, column: usize, value: &str, how: CellWrite) -> Option<Edit> {
    let Some(cell) = row.cell(column) else {
        let at = row.range.end;
        return Some(Edit {
            range: at..at,
            text: appended_cells(row, column, value),
        });
    };
    let text = cell.text.as_str();
    if text.is_empty() {
        // The cell's range is the blank between its pipes.
        return Some(Edit {
            range: cell.range.start..cell.range.start,
            text: format!(" {value}"),
        });
    }
    // A written cell's range starts at its text.
    let content = cell.range.start..cell.range.start + text.len();
    let placeholder = crate::model::text::is_placeholder(text);
    match how {
        _ if placeholder => Some(Edit {
            range: content,
            text: value.to_string(),
        }),
        CellWrite::OverPlaceholder => None,
        CellWrite::Alongside(joiner) => Some(Edit {
            range: content.end..content.end,
            text: format!("{joiner}{value}"),
        }),
    }
}

/// A new row with `cells`, shaped like `like` (leading and trailing pipes).
pub(crate) fn new_row(like: &Row, cells: &[String]) -> String {
    row_text(cells, has_leading_pipe(like), has_trailing_pipe(like))
}

/// A table row with `cells`, a space either side of each, with or without pipes at its
/// ends; an empty cell is a single space.
pub(crate) fn row_text(cells: &[String], leading_pipe: bool, trailing_pipe: bool) -> String {
    let inner = cells
        .iter()
        .map(|c| {
            if c.is_empty() {
                " ".to_string()
            } else {
                format!(" {c} ")
            }
        })
        .collect::<Vec<_>>()
        .join("|");
    let lead = if leading_pipe { "|" } else { "" };
    let trail = if trailing_pipe { "|" } else { "" };
    format!("{lead}{inner}{trail}")
}

/// The cells of a new row of a Quarterly Intentions `table` for `quarter`, following its
/// columns: the quarter, `intention` in the intention column, and `focus` in the focus
/// column — after the intention, in parentheses, when the table has none.
pub(crate) fn intention_row_cells(
    table: &Table,
    quarter: u32,
    intention: &str,
    focus: &str,
) -> Vec<String> {
    let columns = table.header.cells.len().max(1);
    let mut cells = vec![String::new(); columns];
    let quarter_column = table
        .column(IntentionColumn::Quarter.aliases())
        .unwrap_or(0);
    cells[quarter_column] = format!("Q{quarter}");
    let intention_column = table
        .column(IntentionColumn::Intention.aliases())
        .or_else(|| (0..columns).find(|c| *c != quarter_column));
    let focus_column = table
        .column(IntentionColumn::Focus.aliases())
        .filter(|c| Some(*c) != intention_column && *c != quarter_column);
    if let Some(column) = intention_column {
        cells[column] = intention.to_string();
    }
    match focus_column {
        Some(column) => cells[column] = focus.to_string(),
        None if !focus.is_empty() => {
            let column = intention_column.unwrap_or(quarter_column);
            cells[column] = format!("{} ({focus})", cells[column]);
        }
        None => {}
    }
    cells
}

// ---------------------------------------------------------------------------------------
// New notes

/// A fix titled `title` that creates the note `name` (`.md` added) in the folder of
/// `note`, from the template its name calls for. `None` when the name would leave the
/// folder or a note of the workspace already has that path: a fix never overwrites.
pub(crate) fn create_note_fix(
    note: &Note,
    context: &Context,
    title: String,
    name: &str,
) -> Option<Fix> {
    let relative = Path::new(name);
    if name.is_empty()
        || !relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let folder = note.path.parent().unwrap_or(Path::new(""));
    let path = folder.join(format!("{name}.md"));
    if context.exists(&path) {
        return None;
    }
    let file_name = relative.file_name()?.to_str()?;
    let text = new_note_text(file_name, context.today);
    Some(Fix::create(
        title,
        Applicability::Suggestion,
        NewNote { path, text },
    ))
}

/// Like [`create_note_fix`], with the template's text passed through `adapt` first.
pub(crate) fn create_note_fix_with(
    note: &Note,
    context: &Context,
    title: String,
    name: &str,
    adapt: impl FnOnce(String) -> String,
) -> Option<Fix> {
    let fix = create_note_fix(note, context, title.clone(), name)?;
    let created = fix.creates()?.clone();
    Some(Fix::create(
        title,
        fix.applicability,
        NewNote {
            path: created.path,
            text: adapt(created.text),
        },
    ))
}

static SESSION_LOG_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(\d{4}-\d{2}-\d{2})\s.*session").expect("valid regex"));

/// The text of a new note called `name`: a Goals note from the goals template, a session
/// log from the session-log template, anything else as a title.
fn new_note_text(name: &str, today: NaiveDate) -> String {
    if let Some(year) = year_goals(name) {
        let monday = if year == today.year() {
            week_start(today)
        } else {
            first_monday(year).unwrap_or_else(|| week_start(today))
        };
        return goals(year, monday);
    }
    if let Some(date) = SESSION_LOG_NAME
        .captures(name)
        .and_then(|c| NaiveDate::parse_from_str(&c[1], "%Y-%m-%d").ok())
    {
        // The template's title names a coaching session; the note keeps the link's name.
        let log = session_log(date);
        let body = log.split_once('\n').map_or("", |(_, rest)| rest);
        return format!("# {name}\n{body}");
    }
    format!("# {name}\n")
}

/// The first Monday of `year`.
fn first_monday(year: i32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let offset = (7 - first.weekday().num_days_from_monday()) % 7;
    first.checked_add_days(chrono::Days::new(u64::from(offset)))
}

// ---------------------------------------------------------------------------------------
// Words

/// Words that say nothing about which part of a vision a goal serves.
const STOP_WORDS: &[&str] = &[
    "the", "and", "for", "with", "that", "this", "from", "into", "onto", "over", "under", "who",
    "what", "when", "where", "which", "while", "are", "was", "were", "will", "would", "can",
    "could", "should", "have", "has", "had", "been", "being", "not", "but", "out", "all", "any",
    "each", "every", "more", "most", "less", "than", "then", "them", "they", "their", "there",
    "its", "our", "your", "you", "his", "her", "one", "two", "three", "year", "years", "get",
    "make", "made", "let", "lets", "via", "per", "about", "also", "just", "like", "without",
];

/// The distinct content words of `text`: lower case, at least three letters, no stop
/// words, a plural `s` dropped.
pub(crate) fn content_words(text: &str) -> std::collections::BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 3 && !STOP_WORDS.contains(&w.as_str()))
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| {
            if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
                w[..w.len() - 1].to_string()
            } else {
                w
            }
        })
        .collect()
}

/// How many content words two texts share.
pub(crate) fn shared_words(a: &str, b: &str) -> usize {
    content_words(a).intersection(&content_words(b)).count()
}

/// What the rules' fix tests share: a workspace of notes in strings, the fixes of one
/// rule's findings, and the text once a fix is applied.
#[cfg(test)]
pub(crate) mod testing {
    use crate::features::test_support::snapshot;
    use crate::rules::{Applicability, Edit, Finding};

    /// The findings of `code` in the first of `notes` (a workspace under `/vault`, the
    /// clock at Sunday 2026-03-15).
    /// A root configuration that switches `missing-section` off, added to a test's notes:
    /// a blind spot whose section is absent then speaks for itself, at the title.
    pub const MISSING_SECTION_OFF: (&str, &str) = (
        "career-lsp.toml",
        "today = \"2026-03-15\"\n\n[rules]\nmissing-section = \"off\"\n",
    );

    /// Whether `missing-section` names the blind spot `spot` in the first of `notes`.
    pub fn missing_section_carries(
        notes: &[(&str, &str)],
        spot: crate::methodology::BlindSpotId,
    ) -> bool {
        findings(notes, "missing-section")
            .iter()
            .any(|f| f.blind_spots.contains(&spot))
    }

    pub fn findings(notes: &[(&str, &str)], code: &str) -> Vec<Finding> {
        let snapshot = snapshot(notes);
        snapshot
            .diagnostics()
            .into_iter()
            .filter(|f| f.code == code)
            .collect()
    }

    /// Each finding's fixes as `title (resolves)`, in order.
    pub fn titles(notes: &[(&str, &str)], code: &str) -> Vec<Vec<String>> {
        findings(notes, code)
            .iter()
            .map(|f| {
                f.fixes
                    .iter()
                    .map(|fix| {
                        let mark = match fix.applicability {
                            Applicability::Resolves => " (resolves, preferred)",
                            Applicability::Suggestion => " (resolves)",
                            Applicability::Helps => "",
                        };
                        format!("{}{mark}", fix.title)
                    })
                    .collect()
            })
            .collect()
    }

    /// `text` with `edits` (all against `text`, apart from each other) applied.
    pub fn apply(text: &str, edits: &[Edit]) -> String {
        let mut sorted = edits.to_vec();
        sorted.sort_by_key(|e| std::cmp::Reverse(e.range.start));
        let mut out = text.to_string();
        for edit in sorted {
            out.replace_range(edit.range.clone(), &edit.text);
        }
        out
    }

    /// The first note's text after the fix titled `title` of the `nth` finding of `code`.
    pub fn fixed(notes: &[(&str, &str)], code: &str, nth: usize, title: &str) -> String {
        let found = findings(notes, code);
        let finding = found
            .get(nth)
            .unwrap_or_else(|| panic!("no finding {nth} of {code}: {found:#?}"));
        let fix = finding
            .fixes
            .iter()
            .find(|f| f.title == title)
            .unwrap_or_else(|| panic!("no fix “{title}” among {:#?}", finding.fixes));
        apply(notes[0].1, fix.edits())
    }

    /// Whether the fix titled `title` of the `nth` finding of `code` makes it go away: no
    /// finding of `code` is left where it was (its place moved by the fix's edits).
    pub fn resolves(notes: &[(&str, &str)], code: &str, nth: usize, title: &str) -> bool {
        let before = findings(notes, code);
        let fix = before[nth]
            .fixes
            .iter()
            .find(|f| f.title == title)
            .unwrap_or_else(|| panic!("no fix “{title}”"));
        let start = before[nth].range.start;
        let moved: isize = fix
            .edits()
            .iter()
            .filter(|e| e.range.end <= start)
            .map(|e| e.text.len() as isize - e.range.len() as isize)
            .sum();
        let at = (start as isize + moved) as usize;
        let text = apply(notes[0].1, fix.edits());
        let mut after_notes = notes.to_vec();
        after_notes[0].1 = &text;
        let here =
            |found: &[Finding], at: usize| found.iter().filter(|f| f.range.start == at).count();
        let after = findings(&after_notes, code);
        here(&after, at) < here(&before, start)
            && !after
                .iter()
                .any(|f| f.range.start == at && f.message == before[nth].message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_words_ignore_case_plurals_and_small_words() {
        assert_eq!(
            shared_words(
                "Known outside the company for platform talks",
                "A respected voice on Platform engineering; talk at conferences"
            ),
            2
        );
        assert_eq!(shared_words("Get better at it", "Get it done"), 0);
        assert_eq!(shared_words("2026 goals", "goal for 2026"), 1);
    }
}
