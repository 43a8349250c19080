//! Which Goals note a `G1` belongs to, and every place the workspace mentions a goal: its
//! ID cell in the Annual Goals table, the references in its Goals note, and the references
//! in the notes that wikilink to that Goals note and to no other.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use super::{may_link_to, may_name, touches};
use crate::methodology::NoteKind;
use crate::model::goals::Goal;
use crate::model::links::{resolve, Resolution};
use crate::model::text::goal_refs;
use crate::syntax::BlockKind;
use crate::workspace::Document;
use crate::workspace::Snapshot;

/// One `G<n>` in a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GoalMention {
    pub id: u32,
    /// The `G<n>` itself (without emphasis around it).
    pub range: Range<usize>,
    /// The `G<n>` in the goal's own ID cell.
    pub declaration: bool,
}

/// The goal a cursor is on.
#[derive(Debug, Clone)]
pub(crate) struct GoalAt<'a> {
    /// The Goals note whose IDs the cursor's note uses.
    pub goals: &'a Arc<Document>,
    pub id: u32,
    /// The `G<n>` under the cursor.
    pub range: Range<usize>,
}

impl GoalAt<'_> {
    /// The rows of the Annual Goals table with this ID (more than one only when the table
    /// repeats an ID by mistake).
    pub fn goals(&self) -> Vec<&Goal> {
        self.goals
            .note
            .as_goals()
            .map(|g| g.goals.iter().filter(|goal| goal.id == self.id).collect())
            .unwrap_or_default()
    }
}

/// The Goals note whose IDs `document`'s `G<n>`s name: the note itself when it is a Goals
/// note, else the only Goals note it wikilinks to.
pub(crate) fn goals_document_for<'a>(
    snapshot: &'a Snapshot,
    document: &Document,
) -> Option<&'a Arc<Document>> {
    let in_snapshot = |path: &PathBuf| {
        if *path == snapshot.document.path {
            Some(&snapshot.document)
        } else {
            snapshot.document_for(path)
        }
    };
    if document.note.kind == NoteKind::Goals {
        return in_snapshot(&document.path);
    }
    let notes = snapshot.notes();
    let mut linked: Vec<PathBuf> = Vec::new();
    for link in &document.note.outline.wikilinks {
        if let Resolution::Note(note) | Resolution::Heading(note, _) =
            resolve(notes, &document.note, link)
        {
            if note.kind == NoteKind::Goals && !linked.contains(&note.path) {
                linked.push(note.path.clone());
            }
        }
    }
    match linked.as_slice() {
        [only] => in_snapshot(only),
        _ => None,
    }
}

/// Every `G<n>` of `document`, in order. In a Goals note: the goals' ID cells and the
/// references the model found; elsewhere every `G<n>` outside code and wikilinks.
pub(crate) fn mentions(document: &Document) -> Vec<GoalMention> {
    let text = &*document.text;
    let outline = &document.note.outline;
    let mut found: Vec<GoalMention> = Vec::new();
    match document.note.as_goals() {
        Some(goals) => {
            for goal in &goals.goals {
                let cell = text.get(goal.id_range.clone()).unwrap_or("");
                if let Some((id, range)) = goal_refs(cell, goal.id_range.start).into_iter().next() {
                    found.push(GoalMention {
                        id,
                        range,
                        declaration: true,
                    });
                }
            }
            found.extend(goals.references.iter().map(|(id, range)| GoalMention {
                id: *id,
                range: range.clone(),
                declaration: false,
            }));
        }
        None => {
            for block in &outline.blocks {
                if matches!(block.kind, BlockKind::Code | BlockKind::Html) {
                    continue;
                }
                let slice = text.get(block.range.clone()).unwrap_or("");
                for (id, range) in goal_refs(slice, block.range.start) {
                    let in_link = outline
                        .wikilinks
                        .iter()
                        .any(|l| l.range.contains(&range.start));
                    if !outline.in_code(range.start) && !in_link {
                        found.push(GoalMention {
                            id,
                            range,
                            declaration: false,
                        });
                    }
                }
            }
        }
    }
    // A list item's range holds its nested items, so a nested item's `G1` is seen twice.
    found.sort_by_key(|m| (m.range.start, !m.declaration));
    found.dedup_by(|later, earlier| later.range == earlier.range);
    found
}

/// The goal whose `G<n>` the cursor is on, in the snapshot's note.
pub(crate) fn goal_at(snapshot: &Snapshot, offset: usize) -> Option<GoalAt<'_>> {
    let goals = goals_document_for(snapshot, &snapshot.document)?;
    let mention = mentions(&snapshot.document)
        .into_iter()
        .find(|m| touches(&m.range, offset))?;
    Some(GoalAt {
        goals,
        id: mention.id,
        range: mention.range,
    })
}

/// Every mention of goal `id` of the Goals note `goals` across the workspace, by note
/// (notes in path order, mentions in text order).
pub(crate) fn mentions_of(
    snapshot: &Snapshot,
    goals: &Document,
    id: u32,
) -> Vec<(PathBuf, Vec<GoalMention>)> {
    let mut by_note = Vec::new();
    let documents = may_link_to(snapshot.notes(), &goals.note)
        .into_iter()
        .filter_map(|note| snapshot.document_for(&note.path));
    for document in documents {
        let links_to_goals = document.path == goals.path
            || document
                .note
                .outline
                .wikilinks
                .iter()
                .any(|l| may_name(&l.target, &document.path, &goals.note));
        let uses_these_goals = links_to_goals
            && goals_document_for(snapshot, document).is_some_and(|g| g.path == goals.path);
        if !uses_these_goals {
            continue;
        }
        // The snapshot's own note is the freshest text of itself.
        let document = if document.path == snapshot.document.path {
            &snapshot.document
        } else {
            document
        };
        let found: Vec<GoalMention> = mentions(document)
            .into_iter()
            .filter(|m| m.id == id)
            .collect();
        if !found.is_empty() {
            by_note.push((document.path.clone(), found));
        }
    }
    by_note
}
