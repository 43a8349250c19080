//! Renaming a goal ID (`G2` → `G5`) everywhere it is used: its cell in the Annual Goals
//! table, every reference in its Goals note, and every reference in the notes that link to
//! that Goals note and to no other (see the module above). Only goal IDs are renamable:
//! headings and notes are renamed by the editor, with their files.

use std::ops::Range;
use std::path::PathBuf;

use super::goal_scope::{goal_at, mentions_of};
use crate::model::text::goal_id;
use crate::rules::Edit;
use crate::workspace::Snapshot;

/// The `G<n>` under the cursor and its text, when the cursor is on the ID of an existing
/// goal (its cell or any reference to it); `None` everywhere else.
pub fn prepare_rename(snapshot: &Snapshot, offset: usize) -> Option<(Range<usize>, String)> {
    let goal = goal_at(snapshot, offset)?;
    if goal.goals().is_empty() {
        return None;
    }
    let text = snapshot.text().get(goal.range.clone())?.to_string();
    Some((goal.range, text))
}

/// The edits, by note, that rename the goal under the cursor to `new_name`. Refused with a
/// message the editor shows when the cursor is not on an existing goal's ID, when
/// `new_name` is not `G` and a number, or when another goal already has that ID (two rows
/// would then share it and every reference would become ambiguous).
pub fn rename(
    snapshot: &Snapshot,
    offset: usize,
    new_name: &str,
) -> Result<Vec<(PathBuf, Vec<Edit>)>, String> {
    let goal = goal_at(snapshot, offset)
        .ok_or_else(|| "Only goal IDs like G1 can be renamed here.".to_string())?;
    let old = format!("G{}", goal.id);
    if goal.goals().is_empty() {
        return Err(format!(
            "There is no {old} among the annual goals to rename — add its row first."
        ));
    }
    let new_name = new_name.trim();
    let new_id = goal_id(new_name)
        .filter(|_| new_name.starts_with('G'))
        .ok_or_else(|| {
            format!("“{new_name}” is not a goal ID — use G followed by a number, like G5.")
        })?;
    let exists = goal
        .goals
        .note
        .as_goals()
        .is_some_and(|g| g.goals.iter().any(|other| other.id == new_id));
    if new_id != goal.id && exists {
        return Err(format!(
            "G{new_id} is already a goal — pick an ID no other goal uses."
        ));
    }
    let changes = mentions_of(snapshot, goal.goals, goal.id)
        .into_iter()
        .filter_map(|(path, mentions)| {
            let text = text_of(snapshot, &path)?;
            let edits: Vec<Edit> = mentions
                .into_iter()
                .filter(|m| text.get(m.range.clone()) != Some(new_name))
                .map(|m| Edit {
                    range: m.range,
                    text: new_name.to_string(),
                })
                .collect();
            (!edits.is_empty()).then_some((path, edits))
        })
        .collect();
    Ok(changes)
}

fn text_of<'a>(snapshot: &'a Snapshot, path: &PathBuf) -> Option<&'a str> {
    if *path == snapshot.document.path {
        return Some(snapshot.text());
    }
    snapshot.document_for(path).map(|d| &*d.text)
}
