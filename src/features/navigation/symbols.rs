//! Symbols: a note's outline as a tree (the title, its sections, the annual goals), and a
//! flat, filtered list of the notes, sections and goals of the whole workspace.

use std::ops::Range;
use std::path::PathBuf;

use super::{is_subsequence, kind_label};
use crate::methodology::normalize_heading;
use crate::model::goals::Goal;
use crate::model::text::VisionLink;
use crate::model::Note;
use crate::workspace::Snapshot;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    /// A note, or in a note's own outline its title (the H1).
    Note,
    Section,
    /// An annual goal, `G1 — outcome`.
    Goal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole thing: a section from its heading to its end, a goal's row.
    pub range: Range<usize>,
    /// What to select when jumping to it: a heading's text, a goal's ID. Inside `range`.
    pub selection_range: Range<usize>,
    pub children: Vec<Symbol>,
}

/// The note's outline as a tree. The H1 is the root — a `Note` symbol named by the title,
/// spanning the note from the title on — and the sections nest under it by level, so the
/// outline reads like the note. Headings above the H1, and further H1s, are top-level
/// sections. The annual goals (`G1 — outcome`) are children of the section their row is in
/// (Annual Goals), in text order among its sub-sections.
pub fn document_symbols(snapshot: &Snapshot) -> Vec<Symbol> {
    let note = snapshot.note();
    let text = snapshot.text();
    let goals: &[Goal] = note.as_goals().map_or(&[], |g| g.goals.as_slice());
    // The innermost section holding each goal's row.
    let owner = |goal: &Goal| {
        note.sections
            .iter()
            .rposition(|s| s.range.contains(&goal.row_range.start))
    };
    let roots: Vec<usize> = (0..note.sections.len())
        .filter(|&i| note.sections[i].parent.is_none())
        .collect();
    let build = |index: usize| section_tree(note, text, index, goals, &owner);
    let mut symbols: Vec<Symbol> = roots.into_iter().map(build).collect();
    // Goals outside every section (a note without headings) stand on their own.
    symbols.extend(
        goals
            .iter()
            .filter(|g| owner(g).is_none())
            .map(|g| goal_symbol(text, g)),
    );
    symbols.sort_by_key(|s| s.range.start);
    symbols
}

fn section_tree(
    note: &Note,
    text: &str,
    index: usize,
    goals: &[Goal],
    owner: &dyn Fn(&Goal) -> Option<usize>,
) -> Symbol {
    let section = &note.sections[index];
    let heading = &note.outline.headings[section.heading];
    let mut children: Vec<Symbol> = (0..note.sections.len())
        .filter(|&child| note.sections[child].parent == Some(index))
        .map(|child| section_tree(note, text, child, goals, owner))
        .collect();
    children.extend(
        goals
            .iter()
            .filter(|g| owner(g) == Some(index))
            .map(|g| goal_symbol(text, g)),
    );
    children.sort_by_key(|s| s.range.start);
    let is_title = note.title.as_ref().map(|(_, r)| r) == Some(&section.heading_range);
    let (kind, detail) = if is_title {
        (SymbolKind::Note, kind_label(note.kind).map(str::to_string))
    } else {
        let canonical = section
            .id
            .map(|id| id.title())
            .filter(|title| normalize_heading(title) != normalize_heading(&section.title));
        (SymbolKind::Section, canonical.map(str::to_string))
    };
    // The range leaves out trailing whitespace; what it selects must lie inside it.
    let heading_text = trimmed(text, heading.text_range.clone());
    let selection_range = if heading_text.is_empty() {
        trimmed(text, section.heading_range.clone())
    } else {
        heading_text
    };
    Symbol {
        name: heading_name(&section.title, section.level),
        detail,
        kind,
        range: trimmed(text, section.range.clone()),
        selection_range,
        children,
    }
}

fn goal_symbol(text: &str, goal: &Goal) -> Symbol {
    let outcome = goal.outcome.trim();
    let name = if outcome.is_empty() {
        goal.label()
    } else {
        format!("{} — {outcome}", goal.label())
    };
    let mut detail: Vec<String> = Vec::new();
    if !goal.status.trim().is_empty() {
        detail.push(goal.status.trim().to_string());
    }
    for link in &goal.vision_links {
        detail.push(match link {
            VisionLink::Pillars(pillars) => pillars
                .iter()
                .map(|p| p.name())
                .collect::<Vec<_>>()
                .join(" / "),
            VisionLink::NorthStar => crate::methodology::NORTH_STAR.to_string(),
            VisionLink::Wikilink { heading, .. } => heading.clone(),
        });
    }
    Symbol {
        name,
        detail: (!detail.is_empty()).then(|| detail.join(" · ")),
        kind: SymbolKind::Goal,
        // Without trailing whitespace, like a section's, which then holds it.
        range: trimmed(text, goal.row_range.clone()),
        selection_range: goal.id_range.clone(),
        children: Vec::new(),
    }
}

/// How many workspace symbols one answer holds at most.
pub const MAX_WORKSPACE_SYMBOLS: usize = 1_000;

/// Every note, section and goal of the workspace whose name holds the characters of
/// `query` in order (any case; an empty query matches everything), each with its note's
/// path. Names that start with the query come first, then names containing it, then the
/// looser matches; within each, notes in path order and symbols in text order. The
/// symbols are flat: `detail` names the note they are in. At most
/// [`MAX_WORKSPACE_SYMBOLS`], the best first: a vault of thousands of notes has tens of
/// thousands of headings, and a picker shows a screenful while the person types on.
pub fn workspace_symbols(snapshot: &Snapshot, query: &str) -> Vec<(PathBuf, Symbol)> {
    let mut found: Vec<(u8, PathBuf, Symbol)> = Vec::new();
    let query_lower = query.trim().to_lowercase();
    let mut consider = |path: &PathBuf, symbol: Symbol| {
        let name = symbol.name.to_lowercase();
        let rank = if name.starts_with(&query_lower) {
            0
        } else if name.contains(&query_lower) {
            1
        } else if is_subsequence(&query_lower, &name) {
            2
        } else {
            return;
        };
        found.push((rank, path.clone(), symbol));
    };
    for document in snapshot.documents() {
        let note = &document.note;
        let text = &*document.text;
        let path = &document.path;
        let stem = note.stem().to_string();
        consider(
            path,
            Symbol {
                name: stem.clone(),
                detail: kind_label(note.kind).map(str::to_string),
                kind: SymbolKind::Note,
                range: 0..text.len(),
                selection_range: note.title_range(),
                children: Vec::new(),
            },
        );
        let title = note.title.as_ref().map(|(_, range)| range.clone());
        let goals: &[Goal] = note.as_goals().map_or(&[], |g| g.goals.as_slice());
        let mut symbols: Vec<Symbol> = note
            .sections
            .iter()
            .filter(|s| Some(&s.heading_range) != title.as_ref() && !s.title.trim().is_empty())
            .map(|s| Symbol {
                name: s.title.clone(),
                detail: Some(stem.clone()),
                kind: SymbolKind::Section,
                range: trimmed(text, s.range.clone()),
                selection_range: trimmed(text, note.outline.headings[s.heading].text_range.clone()),
                children: Vec::new(),
            })
            .chain(goals.iter().map(|g| Symbol {
                detail: Some(stem.clone()),
                ..goal_symbol(text, g)
            }))
            .collect();
        symbols.sort_by_key(|s| s.range.start);
        for symbol in symbols {
            consider(path, symbol);
        }
    }
    // A stable sort keeps path and text order within a rank.
    found.sort_by_key(|(rank, _, _)| *rank);
    found.truncate(MAX_WORKSPACE_SYMBOLS);
    found
        .into_iter()
        .map(|(_, path, symbol)| (path, symbol))
        .collect()
}

/// A heading's name as a symbol; editors reject empty names, and a heading being typed
/// (`## `) has none yet.
fn heading_name(title: &str, level: u8) -> String {
    if title.trim().is_empty() {
        "#".repeat(level as usize)
    } else {
        title.to_string()
    }
}

/// `range` without the blank lines and spaces at its end.
pub(super) fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = text.get(range.clone()).unwrap_or("");
    range.start..range.start + slice.trim_end().len()
}
