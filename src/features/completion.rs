//! Completion: statuses and vision pillars in the Annual Goals table, goal IDs where a goal
//! is referenced, the missing core sections after `## `, note names and headings after
//! `[[`, and the Network's people in the Key Stakeholders table.
//!
//! The note is being typed, so its outline may not show what the person is writing yet: a
//! `[[Car` with no closing brackets is no wikilink, and a half-typed table row may not be a
//! row. The context therefore comes from the text — the cursor's line up to the cursor,
//! and for a table the lines of the table around it — and the outline only says where
//! that text is: in code or not, under which section.

mod table;

use std::ops::Range;

use self::table::CellAt;
use crate::features::navigation::goal_scope::goals_document_for;
use crate::features::navigation::{is_subsequence, kind_label};
use crate::methodology::{
    core_sections, purpose, GoalColumn, GoalStatus, IntentionColumn, NoteKind, PersonColumn,
    Pillar, SectionId, NORTH_STAR,
};
use crate::model::index::{Person, Vision};
use crate::model::links::find_note;
use crate::model::Note;
use crate::syntax::SyntaxTree;
use crate::workspace::Snapshot;

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
    if let Some(cell) = CellAt::at(&line, text) {
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
            find_note(notes, note, target)
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
    let mut offered = std::collections::HashSet::new();
    for other in notes.iter() {
        let stem = other.stem();
        if other.path == note.path || stem.is_empty() || !fits(inner, stem) {
            continue;
        }
        if !offered.insert(stem.to_lowercase()) {
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
    let vision: Option<&Vision> = snapshot
        .career_index()
        .and_then(|note| note.as_index())
        .map(|index| &index.vision);
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
    // The row being typed is no stakeholder yet, and a row just begun (a lone `|`) makes
    // tree-sitter-md take the lines below it, headings and all, into the table. So the
    // note is read again without the cursor's line.
    let note = snapshot.note();
    let text = snapshot.text();
    let line_end = (line.offset + line.after.len() + 1).min(text.len());
    let without_line = format!("{}{}", &text[..line.start], &text[line_end..]);
    let reread = Note::build_with(
        note.path.clone(),
        note.kind,
        without_line.as_str(),
        SyntaxTree::parse(&without_line).outline().clone(),
        &note.aliases,
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
mod tests;
