//! Completion: statuses and vision pillars in the Annual Goals table, goal IDs where a goal
//! is referenced, the missing core sections after `## `, note names and headings after
//! `[[`, and the Network's people in the Key Stakeholders table.
//!
//! The note is being typed, so its outline may not show what the person is writing yet: a
//! `[[Car` with no closing brackets is no wikilink, and a half-typed table row may not be a
//! row. The context therefore comes from the text — the cursor's line up to the cursor,
//! and for a table the lines of the table around it — and the outline only says where
//! that text is: in code or not, under which section.

use std::ops::Range;

use crate::features::navigation::goal_scope::goals_document_for;
use crate::features::navigation::{is_subsequence, kind_label};
use crate::features::Snapshot;
use crate::methodology::{
    core_sections, purpose, GoalColumn, GoalStatus, IntentionColumn, NoteKind, PersonColumn,
    Pillar, SectionId, NORTH_STAR,
};
use crate::model::index::{Person, Vision};
use crate::model::links::find_note;
use crate::model::Note;
use crate::syntax::SyntaxTree;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    /// A value from a fixed set (a goal's status).
    Value,
    /// A goal ID.
    Reference,
    /// A section heading.
    Section,
    /// A note's name, in a wikilink.
    Note,
    /// A heading, in a wikilink.
    Heading,
    Person,
    /// A part of the vision's picture.
    Pillar,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    pub detail: Option<String>,
    pub insert_text: String,
    /// The text the item replaces: what has been typed of it so far (empty when nothing
    /// has), ending at the cursor.
    pub replace: Range<usize>,
    /// The order to list items in, when it is not the label's.
    pub sort_text: Option<String>,
}

/// The completions at `offset` in the snapshot's note; empty where nothing fits (in code,
/// in a table's header, in a wikilink's alias, in ordinary prose).
pub fn complete(snapshot: &Snapshot, offset: usize) -> Vec<CompletionItem> {
    let text = snapshot.text();
    if offset > text.len() || !text.is_char_boundary(offset) {
        return Vec::new();
    }
    let note = snapshot.note();
    if note.outline.in_code(offset) {
        return Vec::new();
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = Line {
        before: &text[line_start..offset],
        after: &text[offset..line_end],
        start: line_start,
        offset,
    };
    if let Some(link) = line.open_wikilink() {
        return wikilink_items(snapshot, &line, link);
    }
    if let Some(partial) = line.heading_text() {
        return section_items(note, &line, partial);
    }
    if let Some(cell) = line.table_cell(text) {
        if let Some(items) = table_items(snapshot, &line, &cell) {
            return items;
        }
    }
    if line.word().is_empty() {
        return Vec::new();
    }
    goal_items(snapshot, &line)
}

/// The cursor's line, split at the cursor.
struct Line<'a> {
    before: &'a str,
    after: &'a str,
    /// Where the line starts in the note.
    start: usize,
    /// The cursor.
    offset: usize,
}

/// An unclosed `[[` before the cursor on its line.
enum OpenLink<'a> {
    /// `[[Car` or `[[Career#Vi`: what is inside so far, and where that starts.
    Target { inner: &'a str, start: usize },
    /// `[[Career|my ind` or `[[[Year]`: nothing to complete.
    Other,
}

impl<'a> Line<'a> {
    fn open_wikilink(&self) -> Option<OpenLink<'a>> {
        let open = self.before.rfind("[[")?;
        let inner = &self.before[open + 2..];
        if inner.contains("]]") {
            return None;
        }
        if inner.contains('|') || inner.starts_with('[') {
            return Some(OpenLink::Other);
        }
        Some(OpenLink::Target {
            inner,
            start: self.start + open + 2,
        })
    }

    /// Whether the text after the cursor already closes the link.
    fn link_is_closed(&self) -> bool {
        match (self.after.find("]]"), self.after.find("[[")) {
            (Some(close), Some(open)) => close < open,
            (Some(_), None) => true,
            _ => false,
        }
    }

    /// `## Net` at the start of the line (a heading below the title): the text typed after
    /// the marker.
    fn heading_text(&self) -> Option<&'a str> {
        let line = self.before.trim_start_matches(' ');
        if self.before.len() - line.len() > 3 {
            return None;
        }
        let hashes = line.len() - line.trim_start_matches('#').len();
        if !(2..=6).contains(&hashes) {
            return None;
        }
        let rest = &line[hashes..];
        let partial = rest.trim_start_matches([' ', '\t']);
        (partial.len() < rest.len()).then_some(partial)
    }

    /// The run of letters and digits just before the cursor.
    fn word(&self) -> &'a str {
        let start = self
            .before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric())
            .last()
            .map_or(self.before.len(), |(i, _)| i);
        &self.before[start..]
    }

    /// The range of the word just before the cursor.
    fn word_range(&self) -> Range<usize> {
        self.offset - self.word().len()..self.offset
    }

    /// The table cell the cursor is in, when the line is a body row of a pipe table.
    fn table_cell(&self, text: &'a str) -> Option<CellAt<'a>> {
        let table = TextTable::around(text, self.start)?;
        let pipes: Vec<usize> = self
            .before
            .char_indices()
            .filter(|&(i, c)| c == '|' && !self.before[..i].ends_with('\\'))
            .map(|(i, _)| i)
            .collect();
        let leading = self.before.trim_start().starts_with('|');
        let column = if leading {
            pipes.len().checked_sub(1)?
        } else {
            pipes.len()
        };
        let cell_start = pipes.last().map_or(0, |&i| i + 1);
        let typed = self.before[cell_start..].trim_start();
        Some(CellAt {
            table,
            column,
            typed,
        })
    }
}

/// A pipe table read from the lines around the cursor. The outline is not used for it: a
/// row being typed can be one the parser does not take as a row yet (`| | |` even ends
/// tree-sitter-md's table and the rest of the note with it).
struct TextTable<'a> {
    /// Where the header line starts.
    start: usize,
    header: Vec<&'a str>,
    /// Every row below the delimiter line: where the line is, and its cells.
    rows: Vec<(Range<usize>, Vec<&'a str>)>,
}

impl<'a> TextTable<'a> {
    /// The table whose body holds the line starting at `line_start`.
    fn around(text: &'a str, line_start: usize) -> Option<TextTable<'a>> {
        let is_table_line = |line: &str| {
            let line = line.trim();
            !line.is_empty() && line.contains('|')
        };
        let line_end = |start: usize| text[start..].find('\n').map_or(text.len(), |i| start + i);
        if !is_table_line(&text[line_start..line_end(line_start)]) {
            return None;
        }
        // Walk up to the first line of the table, then read it downwards.
        let mut start = line_start;
        while start > 0 {
            let previous = text[..start - 1].rfind('\n').map_or(0, |i| i + 1);
            if !is_table_line(&text[previous..start - 1]) {
                break;
            }
            start = previous;
        }
        let mut lines: Vec<Range<usize>> = Vec::new();
        let mut at = start;
        loop {
            let end = line_end(at);
            if !is_table_line(&text[at..end]) {
                break;
            }
            lines.push(at..end);
            if end >= text.len() {
                break;
            }
            at = end + 1;
        }
        let is_delimiter = |line: &Range<usize>| {
            let line = text[line.clone()].trim_end_matches('\r');
            line.contains('-')
                && line
                    .chars()
                    .all(|c| matches!(c, '|' | ':' | '-' | ' ' | '\t'))
        };
        // The header is the line above the delimiter row; lines above it are not the table's.
        let delimiter = (1..lines.len()).find(|&i| is_delimiter(&lines[i]))?;
        let header = &lines[delimiter - 1];
        if line_start < lines[delimiter].end {
            return None;
        }
        Some(TextTable {
            start: header.start,
            header: split_cells(&text[header.clone()]),
            rows: lines[delimiter + 1..]
                .iter()
                .map(|line| (line.clone(), split_cells(&text[line.clone()])))
                .collect(),
        })
    }

    /// The first column whose header is one of `names` (any case, emphasis ignored).
    fn column(&self, names: &[&str]) -> Option<usize> {
        self.header.iter().position(|cell| {
            let header = cell.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
            names.iter().any(|name| header.eq_ignore_ascii_case(name))
        })
    }
}

/// A table line's cells, trimmed; the pipes at either end are not cell separators.
fn split_cells(line: &str) -> Vec<&str> {
    let line = line.trim();
    let line = line.strip_prefix('|').unwrap_or(line);
    let line = line.strip_suffix('|').unwrap_or(line);
    let mut cells = Vec::new();
    let mut start = 0;
    for (i, c) in line.char_indices() {
        if c == '|' && !line[..i].ends_with('\\') {
            cells.push(line[start..i].trim());
            start = i + 1;
        }
    }
    cells.push(line[start..].trim());
    cells
}

/// The table cell the cursor is in.
struct CellAt<'a> {
    table: TextTable<'a>,
    column: usize,
    /// What the cell holds before the cursor, leading spaces dropped.
    typed: &'a str,
}

impl CellAt<'_> {
    fn typed_range(&self, line: &Line) -> Range<usize> {
        line.offset - self.typed.len()..line.offset
    }
}

/// Whether what has been typed may become `label`: its first character starts a word of
/// the label, and the rest follow in order (any case) — `prog` fits `In progress`, `Net`
/// fits `Network & Influence` but not `Business Impact`.
fn fits(typed: &str, label: &str) -> bool {
    let typed = typed.trim();
    let Some(first) = typed.chars().next() else {
        return true;
    };
    let rest = &typed[first.len_utf8()..];
    let mut previous: Option<char> = None;
    for (i, c) in label.char_indices() {
        let starts_word = previous.is_none_or(|p| !p.is_alphanumeric());
        previous = Some(c);
        if starts_word
            && c.to_lowercase().eq(first.to_lowercase())
            && is_subsequence(rest, &label[i + c.len_utf8()..])
        {
            return true;
        }
    }
    false
}

/// A name as written in a cell or a list, for comparing: emphasis and link brackets
/// dropped, any case.
fn clean_name(name: &str) -> String {
    name.trim()
        .trim_matches(|c: char| matches!(c, '*' | '_' | '[' | ']') || c.is_whitespace())
        .to_lowercase()
}

/// `G`, `G1`, `G12`, or nothing.
fn is_goal_prefix(word: &str) -> bool {
    word.is_empty()
        || word
            .strip_prefix('G')
            .is_some_and(|digits| digits.chars().all(|c| c.is_ascii_digit()))
}

fn wikilink_items(snapshot: &Snapshot, line: &Line, link: OpenLink) -> Vec<CompletionItem> {
    let OpenLink::Target { inner, start } = link else {
        return Vec::new();
    };
    let note = snapshot.note();
    let notes = snapshot.notes();
    let closing = if line.link_is_closed() { "" } else { "]]" };
    if let Some((target, typed)) = inner.split_once('#') {
        let Some(target_note) = (if target.trim().is_empty() {
            Some(note)
        } else {
            find_note(&notes, note, target)
        }) else {
            return Vec::new();
        };
        let title = target_note.outline.title().map(|h| h.range.start);
        return target_note
            .outline
            .headings
            .iter()
            .enumerate()
            .filter(|(_, h)| Some(h.range.start) != title && !h.text.trim().is_empty())
            .filter(|(_, h)| fits(typed, &h.text))
            .map(|(index, h)| {
                let parent = target_note
                    .sections
                    .iter()
                    .find(|s| s.heading == index)
                    .and_then(|s| s.parent)
                    .map(|p| &target_note.sections[p])
                    .filter(|p| Some(p.heading_range.start) != title)
                    .map(|p| p.title.clone());
                CompletionItem {
                    label: h.text.clone(),
                    kind: CompletionKind::Heading,
                    detail: parent,
                    insert_text: format!("{}{closing}", h.text),
                    replace: start + target.len() + 1..line.offset,
                    sort_text: Some(format!("{index:04}")),
                }
            })
            .collect();
    }
    let mut items: Vec<CompletionItem> = Vec::new();
    for other in &notes {
        let stem = other.stem();
        let duplicate = items.iter().any(|i| i.label.eq_ignore_ascii_case(stem));
        if other.path == note.path || stem.is_empty() || duplicate {
            continue;
        }
        if !fits(inner, stem) {
            continue;
        }
        // Career notes first, then the rest, each by name.
        let group = if other.kind.is_career_note() { 0 } else { 1 };
        items.push(CompletionItem {
            label: stem.to_string(),
            kind: CompletionKind::Note,
            detail: kind_label(other.kind).map(str::to_string),
            insert_text: format!("{stem}{closing}"),
            replace: start..line.offset,
            sort_text: Some(format!("{group}{}", stem.to_lowercase())),
        });
    }
    items
}

fn section_items(note: &Note, line: &Line, typed: &str) -> Vec<CompletionItem> {
    // The heading being typed is not there yet, whatever it reads so far.
    let present: Vec<SectionId> = note
        .sections
        .iter()
        .filter(|s| s.heading_range.start != line.start)
        .filter_map(|s| s.id)
        .collect();
    core_sections(note.kind)
        .enumerate()
        .filter(|(_, id)| !present.contains(id))
        .filter(|(_, id)| fits(typed, id.title()))
        .map(|(position, id)| CompletionItem {
            label: id.title().to_string(),
            kind: CompletionKind::Section,
            detail: Some(purpose(id).to_string()),
            insert_text: id.title().to_string(),
            replace: line.offset - typed.len()..line.offset,
            sort_text: Some(format!("{position:02}")),
        })
        .collect()
}

/// Completions for a table cell, or `None` when the cell is not one this module fills
/// (then a goal ID may still be typed in it).
fn table_items(snapshot: &Snapshot, line: &Line, cell: &CellAt) -> Option<Vec<CompletionItem>> {
    let note = snapshot.note();
    let sections = sections_at(note, cell.table.start);
    let table = &cell.table;
    let column = Some(cell.column);
    match note.kind {
        NoteKind::Goals if sections.contains(&SectionId::AnnualGoals) => {
            if column == table.column(GoalColumn::Status.aliases()) {
                return Some(status_items(line, cell));
            }
            if column == table.column(GoalColumn::Vision.aliases()) {
                return Some(pillar_items(snapshot, line, cell));
            }
            // A new goal's ID is the person's to choose.
            if column == table.column(GoalColumn::Id.aliases()).or(Some(0)) {
                return Some(Vec::new());
            }
            None
        }
        NoteKind::Goals if sections.contains(&SectionId::QuarterlyIntentions) => {
            if column == table.column(IntentionColumn::Focus.aliases()) {
                return Some(goal_items(snapshot, line));
            }
            None
        }
        NoteKind::CareerIndex if sections.contains(&SectionId::KeyStakeholders) => {
            if column == table.column(PersonColumn::Name.aliases()).or(Some(0)) {
                return Some(people_items(snapshot, line, cell));
            }
            None
        }
        _ => None,
    }
}

/// The known sections `offset` is in, innermost first.
fn sections_at(note: &Note, offset: usize) -> Vec<SectionId> {
    let mut current = note
        .sections
        .iter()
        .rposition(|s| s.range.contains(&offset));
    let mut ids = Vec::new();
    while let Some(index) = current {
        let section = &note.sections[index];
        ids.extend(section.id);
        current = section.parent;
    }
    ids
}

fn status_items(line: &Line, cell: &CellAt) -> Vec<CompletionItem> {
    GoalStatus::ALL
        .map(GoalStatus::name)
        .into_iter()
        .enumerate()
        .filter(|(_, status)| fits(cell.typed, status))
        .map(|(position, status)| CompletionItem {
            label: status.to_string(),
            kind: CompletionKind::Value,
            detail: None,
            insert_text: status.to_string(),
            replace: cell.typed_range(line),
            sort_text: Some(format!("{position}")),
        })
        .collect()
}

fn pillar_items(snapshot: &Snapshot, line: &Line, cell: &CellAt) -> Vec<CompletionItem> {
    let vision: Option<Vision> = snapshot.with_rule_context(|context| {
        context
            .career_index_for(snapshot.note())
            .and_then(Note::as_index)
            .map(|index| index.vision.clone())
    });
    let picture = |pillar: Pillar| {
        vision
            .as_ref()
            .and_then(|v| v.picture.iter().find(|line| line.pillar == pillar))
            .map(|line| line.text.clone())
    };
    let north_star = vision
        .as_ref()
        .and_then(|v| v.north_star.as_ref())
        .map(|text| text.text.clone());
    // A goal may serve several pillars (`Role / Impact`): complete the last one.
    let typed = cell
        .typed
        .rsplit([',', '/', '+', '&', ';'])
        .next()
        .unwrap_or("")
        .trim_start();
    Pillar::ALL
        .into_iter()
        .map(|pillar| (pillar.name(), picture(pillar)))
        .chain([(NORTH_STAR, north_star)])
        .enumerate()
        .filter(|(_, (name, _))| fits(typed, name))
        .map(|(position, (name, detail))| CompletionItem {
            label: name.to_string(),
            kind: CompletionKind::Pillar,
            detail,
            insert_text: name.to_string(),
            replace: line.offset - typed.len()..line.offset,
            sort_text: Some(format!("{position}")),
        })
        .collect()
}

/// The annual goals of the Goals note this note uses, when the word before the cursor is
/// empty or a goal ID being typed.
fn goal_items(snapshot: &Snapshot, line: &Line) -> Vec<CompletionItem> {
    let word = line.word();
    if !is_goal_prefix(word) {
        return Vec::new();
    }
    let Some(goals) =
        goals_document_for(snapshot, &snapshot.document).and_then(|d| d.note.as_goals())
    else {
        return Vec::new();
    };
    let mut items: Vec<CompletionItem> = Vec::new();
    for goal in &goals.goals {
        let label = goal.label();
        if !label.starts_with(word) || items.iter().any(|i| i.label == label) {
            continue;
        }
        let outcome = goal.outcome.trim();
        items.push(CompletionItem {
            insert_text: label.clone(),
            kind: CompletionKind::Reference,
            detail: (!outcome.is_empty()).then(|| outcome.to_string()),
            replace: line.word_range(),
            sort_text: Some(format!("{:04}", goal.id)),
            label,
        });
    }
    items
}

fn people_items(snapshot: &Snapshot, line: &Line, cell: &CellAt) -> Vec<CompletionItem> {
    // A row of empty cells below a filled one ends tree-sitter-md's table, and the rest of
    // the note with it (tree-sitter-markdown issue 242) — and a new stakeholder row is just
    // that until a name is typed. So the note is read again without the cursor's line.
    let note = snapshot.note();
    let text = snapshot.text();
    let line_end = (line.offset + line.after.len() + 1).min(text.len());
    let without_line = format!("{}{}", &text[..line.start], &text[line_end..]);
    let reread = Note::build(
        note.path.clone(),
        note.kind,
        &without_line,
        SyntaxTree::parse(&without_line).outline().clone(),
    );
    let Some(index) = reread.as_index() else {
        return Vec::new();
    };
    // Who is listed already: in this table, and anywhere under Key Stakeholders.
    let name_column = cell.table.column(PersonColumn::Name.aliases()).unwrap_or(0);
    let listed: Vec<String> = cell
        .table
        .rows
        .iter()
        .filter(|(range, _)| range.start != line.start)
        .filter_map(|(_, cells)| cells.get(name_column))
        .map(|name| clean_name(name))
        .chain(
            index
                .current_role
                .stakeholders
                .iter()
                .map(|p| clean_name(&p.name)),
        )
        .filter(|name| !name.is_empty())
        .collect();
    let network = &index.network;
    let groups: [(&str, &[Person]); 4] = [
        ("Sponsor", &network.sponsors),
        ("Mentor", &network.mentors),
        ("Advisor", &network.advisors),
        ("Mentee", &network.mentees),
    ];
    let mut items: Vec<CompletionItem> = Vec::new();
    for (role, people) in groups {
        for person in people {
            let name = person.name.trim();
            let lower = clean_name(name);
            let already =
                listed.contains(&lower) || items.iter().any(|i| clean_name(&i.label) == lower);
            if name.is_empty() || already || !fits(cell.typed, name) {
                continue;
            }
            let context = person.context.trim();
            items.push(CompletionItem {
                label: name.to_string(),
                kind: CompletionKind::Person,
                detail: Some(if context.is_empty() {
                    role.to_string()
                } else {
                    format!("{role} — {context}")
                }),
                insert_text: name.to_string(),
                replace: cell.typed_range(line),
                sort_text: Some(format!("{:03}", items.len())),
            });
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::test_support::snapshot_at;

    /// The cursor's line with the replaced text in «», then one line per item in the order
    /// an editor lists them: kind, label, ` — detail`, and `⇒ insert` when it differs.
    fn render(notes: &[(&str, &str)]) -> String {
        let (snapshot, offset) = snapshot_at(notes);
        let mut items = complete(&snapshot, offset);
        if items.is_empty() {
            return "(none)".to_string();
        }
        items.sort_by(|a, b| (&a.sort_text, &a.label).cmp(&(&b.sort_text, &b.label)));
        let text = snapshot.text();
        let replace = items[0].replace.clone();
        assert!(
            items.iter().all(|i| i.replace == replace),
            "every item replaces the same text"
        );
        let line_start = text[..replace.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[replace.end..]
            .find('\n')
            .map_or(text.len(), |i| replace.end + i);
        let mut out = format!(
            "{}«{}»{}",
            &text[line_start..replace.start],
            &text[replace.clone()],
            &text[replace.end..line_end]
        );
        for item in items {
            out.push_str(&format!("\n{:?} {}", item.kind, item.label));
            if let Some(detail) = &item.detail {
                out.push_str(&format!(" — {detail}"));
            }
            if item.insert_text != item.label {
                out.push_str(&format!(" ⇒ {}", item.insert_text));
            }
        }
        out
    }

    #[track_caller]
    fn check_completion(notes: &[(&str, &str)], expected: &str) {
        let actual = render(notes);
        let expected: Vec<&str> = expected.trim().lines().map(str::trim).collect();
        assert_eq!(actual, expected.join("\n"), "\n{actual}\n");
    }

    const CAREER: &str = "# Career

## Vision

**North Star (2031):** Principal engineer or CTO of a mid-size logistics company.

### The Picture
- **Life:** Living in Rotterdam, four weeks a year offline.
- **Role:** Principal engineer who sets platform strategy.
- **Impact:** Platforms that cut lead time from weeks to hours.

## 2026 Theme

> **\"From fixer to force multiplier\"** → [[2026 Goals]]

## Network & Influence

### Sponsors
| Name | Context |
|------|---------|
| Ruud Janssen | VP Engineering |

### Mentors
- **Ingeborg Vos** — Principal Engineer at a Dutch bank

### Mentees
| Name | Context |
|------|---------|
| Jonah Okafor | Engineer on the shipments team |
";

    const GOALS: &str = "# 2026 Goals

Serves [[Career#Vision]]

## Annual Goals

| Goal | Outcome | Success Metric | Status | Vision |
|------|---------|----------------|--------|--------|
| G1 | Make the case for Principal Engineer | Promo packet submitted | In progress | Role |
| G2 | Golden paths are the default | 80% of new services on templates | In progress | Impact |
| G3 | Known outside Freightline | One talk, three blog posts | Not started | Reach |
";

    #[test]
    fn statuses_in_the_status_column() {
        let goals = "# 2026 Goals

## Annual Goals

| Goal | Outcome | Success Metric | Status | Vision |
|------|---------|----------------|--------|--------|
| G1 | Make the case for Principal Engineer | Promo packet submitted | $0 | Role |
";
        check_completion(
            &[("2026 Goals.md", goals)],
            "| G1 | Make the case for Principal Engineer | Promo packet submitted | «» | Role |
             Value Not started
             Value In progress
             Value Complete",
        );
        // Partly typed, in any case; the row may still be unfinished.
        let typing = "# 2026 Goals

## Annual Goals

| Goal | Outcome | Success Metric | Status |
|------|---------|----------------|--------|
| G1 | Make the case for Principal Engineer | Promo packet submitted | in pr$0
";
        check_completion(
            &[("2026 Goals.md", typing)],
            "| G1 | Make the case for Principal Engineer | Promo packet submitted | «in pr»
             Value In progress",
        );
    }

    #[test]
    fn pillars_in_the_vision_column_with_the_picture() {
        let goals = "# 2026 Goals

Serves [[Career#Vision]]

## Annual Goals

| Goal | Outcome | Success Metric | Status | Vision |
|------|---------|----------------|--------|--------|
| G1 | Make the case for Principal Engineer | Promo packet submitted | In progress | $0 |
";
        check_completion(
            &[("2026 Goals.md", goals), ("Career.md", CAREER)],
            "| G1 | Make the case for Principal Engineer | Promo packet submitted | In progress | «» |
             Pillar Life — Living in Rotterdam, four weeks a year offline.
             Pillar Role — Principal engineer who sets platform strategy.
             Pillar Impact — Platforms that cut lead time from weeks to hours.
             Pillar Reach
             Pillar North Star — Principal engineer or CTO of a mid-size logistics company.",
        );
        // Without a Career Index the pillars come without their picture.
        let typing = "# 2026 Goals

## Annual Goals

| Goal | Outcome | Success Metric | Status | Vision |
|------|---------|----------------|--------|--------|
| G1 | Make the case for Principal Engineer | Promo packet submitted | In progress | Ro$0
";
        check_completion(
            &[("2026 Goals.md", typing)],
            "| G1 | Make the case for Principal Engineer | Promo packet submitted | In progress | «Ro»
             Pillar Role",
        );
        // A second pillar after a separator.
        let second = typing.replace("| Ro$0", "| Role / imp$0");
        check_completion(
            &[("2026 Goals.md", &second)],
            "| G1 | Make the case for Principal Engineer | Promo packet submitted | In progress | Role / «imp»
             Pillar Impact",
        );
    }

    #[test]
    fn goal_ids_where_a_goal_is_referenced() {
        let weekly = format!("{GOALS}\n## Weekly Actions\n\n### Week of 2026-03-09\n- [ ] Send Ana the scope summary (G$0\n");
        check_completion(
            &[("2026 Goals.md", &weekly)],
            "- [ ] Send Ana the scope summary («G»
             Reference G1 — Make the case for Principal Engineer
             Reference G2 — Golden paths are the default
             Reference G3 — Known outside Freightline",
        );
        let milestone = format!("{GOALS}\n## Monthly Milestones\n\n### Mar 2026\n- [ ] Promo narrative first draft G1$0\n");
        check_completion(
            &[("2026 Goals.md", &milestone)],
            "- [ ] Promo narrative first draft «G1»
             Reference G1 — Make the case for Principal Engineer",
        );
        // The Focus column of the quarterly table takes goal IDs before anything is typed.
        let focus = format!("{GOALS}\n## Quarterly Intentions\n\n| Quarter | Intention | Focus |\n|---|---|---|\n| Q2 | *\"Tell the story\"* | G3: conference talk; $0 |\n");
        check_completion(
            &[("2026 Goals.md", &focus)],
            "| Q2 | *\"Tell the story\"* | G3: conference talk; «» |
             Reference G1 — Make the case for Principal Engineer
             Reference G2 — Golden paths are the default
             Reference G3 — Known outside Freightline",
        );
        // A note that links to its Goals note uses that note's IDs.
        let session = "# 2026-03-10 Career Coaching Session

## Discussed
- Reviewed [[2026 Goals]]: G2$0 needs a second team on templates
";
        check_completion(
            &[
                ("2026-03-10 Career Coaching Session.md", session),
                ("2026 Goals.md", GOALS),
            ],
            "- Reviewed [[2026 Goals]]: «G2» needs a second team on templates
             Reference G2 — Golden paths are the default",
        );
    }

    #[test]
    fn no_goal_ids_where_none_is_being_typed() {
        // A word that only starts with G.
        let prose = format!("{GOALS}\n## Weekly Actions\n\n- [ ] Go$0\n");
        check_completion(&[("2026 Goals.md", &prose)], "(none)");
        // The ID column: a new goal's ID is the person's to choose.
        let id_cell = GOALS.replace("| G3 | Known", "| G$0 | Known");
        check_completion(&[("2026 Goals.md", &id_cell)], "(none)");
        // A note that links to no Goals note has no goals to offer.
        let session = "# 2026-03-10 Career Coaching Session\n\n## Discussed\n- G$0\n";
        check_completion(
            &[
                ("2026-03-10 Career Coaching Session.md", session),
                ("2026 Goals.md", GOALS),
            ],
            "(none)",
        );
    }

    #[test]
    fn missing_core_sections_after_a_heading_marker() {
        let goals = format!("{GOALS}\n## $0\n\n## Weekly Actions\n");
        check_completion(
            &[("2026 Goals.md", &goals)],
            "## «»
             Section Quarterly Intentions — What each quarter is about.
             Section Monthly Milestones — Checkpoints that show you're on track.",
        );
        let index = "# Career\n\n## Vision\n\n## Growth\n\n### Net$0\n";
        check_completion(
            &[("Career.md", index)],
            "### «Net»
             Section Network & Influence — Your sponsors, mentors, advisors and mentees.",
        );
        // The heading being typed counts as missing until it is finished.
        let typed = "# Career\n\n## Vision$0\n";
        check_completion(
            &[("Career.md", typed)],
            "## «Vision»
             Section Vision — Your 5-year north star: where you're heading.",
        );
    }

    #[test]
    fn no_sections_where_a_heading_is_not_being_started() {
        // The title, a marker without its space, a note kind without core sections.
        check_completion(&[("Career.md", "# $0\n")], "(none)");
        check_completion(&[("Career.md", "# Career\n\n##$0\n")], "(none)");
        check_completion(
            &[(
                "2026-03-10 Career Coaching Session.md",
                "# 2026-03-10 Career Coaching Session\n\n## $0\n",
            )],
            "(none)",
        );
    }

    #[test]
    fn note_names_after_double_brackets() {
        let session = "# 2026-03-10 Career Coaching Session\n\nSee [[$0\n";
        let others = [
            ("Career.md", CAREER),
            ("2026 Goals.md", GOALS),
            ("Reading list.md", "# Reading list\n"),
        ];
        let notes = |first: &'static str| {
            let mut notes = vec![("2026-03-10 Career Coaching Session.md", first)];
            notes.extend(others);
            notes
        };
        check_completion(
            &notes(session),
            "See [[«»
             Note 2026 Goals — Goals ⇒ 2026 Goals]]
             Note Career — Career Index ⇒ Career]]
             Note Reading list ⇒ Reading list]]",
        );
        // Partly typed, with the closing brackets already there.
        check_completion(
            &notes("# 2026-03-10 Career Coaching Session\n\nSee [[car$0]] for the vision\n"),
            "See [[«car»]] for the vision
             Note Career — Career Index",
        );
    }

    #[test]
    fn headings_after_a_note_name_and_a_hash() {
        let goals = "# 2026 Goals\n\nServes [[Career#$0\n";
        check_completion(
            &[("2026 Goals.md", goals), ("Career.md", CAREER)],
            "Serves [[Career#«»
             Heading Vision ⇒ Vision]]
             Heading The Picture — Vision ⇒ The Picture]]
             Heading 2026 Theme ⇒ 2026 Theme]]
             Heading Network & Influence ⇒ Network & Influence]]
             Heading Sponsors — Network & Influence ⇒ Sponsors]]
             Heading Mentors — Network & Influence ⇒ Mentors]]
             Heading Mentees — Network & Influence ⇒ Mentees]]",
        );
        let typing = "# 2026 Goals\n\nServes [[career#men$0]]\n";
        check_completion(
            &[("2026 Goals.md", typing), ("Career.md", CAREER)],
            "Serves [[career#«men»]]
             Heading Mentors — Network & Influence
             Heading Mentees — Network & Influence",
        );
        // `[[#` is this note's own headings.
        let own = format!("{GOALS}\n## Weekly Actions\n\n- [ ] Update [[#An$0\n");
        check_completion(
            &[("2026 Goals.md", &own)],
            "- [ ] Update [[#«An»
             Heading Annual Goals ⇒ Annual Goals]]
             Heading Weekly Actions ⇒ Weekly Actions]]",
        );
    }

    #[test]
    fn nothing_inside_a_wikilink_that_cannot_be_completed() {
        let notes = |text: &'static str| [("2026 Goals.md", text), ("Career.md", CAREER)];
        // An alias, an unknown note, a template placeholder.
        check_completion(&notes("# 2026 Goals\n\n[[Career|my in$0\n"), "(none)");
        check_completion(&notes("# 2026 Goals\n\n[[Nowhere#$0\n"), "(none)");
        check_completion(&notes("# 2026 Goals\n\n[[[Ye$0\n"), "(none)");
        // A closed link before the cursor is not an open one.
        check_completion(&notes("# 2026 Goals\n\n[[Career]] and $0\n"), "(none)");
    }

    #[test]
    fn people_from_the_network_in_the_stakeholder_table() {
        let index = "# Career

## Current Role

### Key Stakeholders
| Name | Role | Relationship |
|------|------|--------------|
| Ruud Janssen | VP Engineering | Sponsor; monthly skip-level |
| $0 | | |

## Network & Influence

### Sponsors
| Name | Context |
|------|---------|
| Ruud Janssen | VP Engineering |

### Mentors
- **Ingeborg Vos** — Principal Engineer at a Dutch bank

### Advisors
| Name | Context |
|------|---------|
| Marco Bellini | |

### Mentees
| Name | Context |
|------|---------|
| Jonah Okafor | Engineer on the shipments team |
";
        check_completion(
            &[("Career.md", index)],
            "| «» | | |
             Person Ingeborg Vos — Mentor — Principal Engineer at a Dutch bank
             Person Marco Bellini — Advisor
             Person Jonah Okafor — Mentee — Engineer on the shipments team",
        );
        let typing = index.replace("| $0 | | |", "| jon$0");
        check_completion(
            &[("Career.md", &typing)],
            "| «jon»
             Person Jonah Okafor — Mentee — Engineer on the shipments team",
        );
        // A new row above a filled one: who is listed below it is not offered again.
        let above = index.replace(
            "| Ruud Janssen | VP Engineering | Sponsor; monthly skip-level |\n| $0 | | |",
            "| Ruud Janssen | VP Engineering | Sponsor; monthly skip-level |\n| $0 | | |\n| Jonah Okafor | Engineer | Mentee |",
        );
        check_completion(
            &[("Career.md", &above)],
            "| «» | | |
             Person Ingeborg Vos — Mentor — Principal Engineer at a Dutch bank
             Person Marco Bellini — Advisor",
        );
        // Only the Name column.
        let role = index.replace("| $0 | | |", "| Ana Lima | $0 | |");
        check_completion(&[("Career.md", &role)], "(none)");
    }

    #[test]
    fn nothing_in_code_headers_or_prose() {
        let code = format!("{GOALS}\n```\n## $0\n```\n");
        check_completion(&[("2026 Goals.md", &code)], "(none)");
        let header = GOALS.replace("| Status | Vision |", "| Status | $0Vision |");
        check_completion(&[("2026 Goals.md", &header)], "(none)");
        let delimiter = GOALS.replace("|--------|--------|\n", "|--------|---$0-----|\n");
        check_completion(&[("2026 Goals.md", &delimiter)], "(none)");
        let outcome = GOALS.replace("| Golden paths", "| Gold$0en paths");
        check_completion(&[("2026 Goals.md", &outcome)], "(none)");
        check_completion(
            &[("Career.md", "# Career\n\nA platform engineer who $0\n")],
            "(none)",
        );
    }
}
