//! Go to definition and find references: wikilinks lead to their note or heading, goal IDs
//! to their row in the Annual Goals table; a heading or a note is referenced by every
//! wikilink in the workspace that resolves to it.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::goal_scope::{goal_at, mentions_of};
use super::{may_link_to, may_name, touches};
use crate::features::Location;
use crate::model::links::{resolve, Resolution};
use crate::model::Note;
use crate::syntax::WikiLink;
use crate::workspace::Snapshot;

/// Where the thing under the cursor is defined: a wikilink's target note (its start) or
/// heading, or a goal ID's row in the Annual Goals table. Empty when the cursor is on
/// neither, or the link or goal leads nowhere.
pub fn definition(snapshot: &Snapshot, offset: usize) -> Vec<Location> {
    let note = snapshot.note();
    if let Some(link) = wikilink_at(note, offset) {
        let notes = snapshot.notes();
        return match resolve(notes, note, link) {
            Resolution::Note(target) => vec![note_start(target)],
            Resolution::Heading(target, heading) => vec![heading_location(target, heading)],
            _ => Vec::new(),
        };
    }
    if let Some(goal) = goal_at(snapshot, offset) {
        return goal
            .goals()
            .into_iter()
            .map(|g| Location {
                path: goal.goals.path.clone(),
                range: g.row_range.clone(),
            })
            .collect();
    }
    Vec::new()
}

/// What a reference search is about.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    /// A note; links to its headings count as links to it.
    Note(PathBuf),
    /// A heading of a note (index into its outline's headings).
    Heading(PathBuf, usize),
}

/// Every place that refers to the thing under the cursor, in path and text order:
///
/// - on a goal ID (its cell or any `G1`): every `G1` referring to the goal, and with
///   `include_declaration` the goal's row;
/// - on a heading: every wikilink resolving to that heading; on the H1, or on a wikilink to
///   a note, every wikilink to the note, its headings included (a link to
///   `[[Career#Vision]]` is a link to `Career` too); with `include_declaration` the heading,
///   or the note's title (its start when it has none);
/// - on a wikilink to a heading: every wikilink to that heading.
pub fn references(snapshot: &Snapshot, offset: usize, include_declaration: bool) -> Vec<Location> {
    if let Some(goal) = goal_at(snapshot, offset) {
        let mut found = Vec::new();
        if include_declaration {
            found.extend(goal.goals().into_iter().map(|g| Location {
                path: goal.goals.path.clone(),
                range: g.row_range.clone(),
            }));
        }
        for (path, mentions) in mentions_of(snapshot, goal.goals, goal.id) {
            found.extend(
                mentions
                    .into_iter()
                    .filter(|m| !m.declaration)
                    .map(|m| Location {
                        path: path.clone(),
                        range: m.range,
                    }),
            );
        }
        return sorted(found);
    }
    let Some(target) = target_at(snapshot, offset) else {
        return Vec::new();
    };
    let notes = snapshot.notes();
    let mut found = Vec::new();
    let Some(target_note) = notes.get(target.path()) else {
        return Vec::new();
    };
    if include_declaration {
        found.push(match &target {
            Target::Note(_) => note_title(target_note),
            Target::Heading(_, heading) => heading_location(target_note, *heading),
        });
    }
    for note in may_link_to(notes, target_note) {
        for link in &note.outline.wikilinks {
            if !may_name(&link.target, &note.path, target_note) {
                continue;
            }
            let hits = match (resolve(notes, note, link), &target) {
                (Resolution::Note(to), Target::Note(path))
                | (Resolution::Heading(to, _), Target::Note(path)) => to.path == *path,
                (Resolution::Heading(to, heading), Target::Heading(path, wanted)) => {
                    to.path == *path && heading == *wanted
                }
                _ => false,
            };
            if hits {
                found.push(Location {
                    path: note.path.clone(),
                    range: link.range.clone(),
                });
            }
        }
    }
    sorted(found)
}

impl Target {
    fn path(&self) -> &Path {
        match self {
            Target::Note(path) | Target::Heading(path, _) => path,
        }
    }
}

/// The note or heading the cursor designates: a heading it is on (the H1 stands for the
/// note), or the target of a wikilink it is on.
fn target_at(snapshot: &Snapshot, offset: usize) -> Option<Target> {
    let note = snapshot.note();
    let outline = &note.outline;
    if let Some(index) = outline
        .headings
        .iter()
        .position(|h| touches(&h.range, offset))
    {
        let is_title = outline
            .title()
            .is_some_and(|title| title.range == outline.headings[index].range);
        return Some(if is_title {
            Target::Note(note.path.clone())
        } else {
            Target::Heading(note.path.clone(), index)
        });
    }
    let link = wikilink_at(note, offset)?;
    let notes = snapshot.notes();
    match resolve(notes, note, link) {
        Resolution::Note(to) => Some(Target::Note(to.path.clone())),
        Resolution::Heading(to, heading) => Some(Target::Heading(to.path.clone(), heading)),
        _ => None,
    }
}

/// The wikilink the cursor is on.
pub(crate) fn wikilink_at(note: &Note, offset: usize) -> Option<&WikiLink> {
    note.outline
        .wikilinks
        .iter()
        .find(|l| touches(&l.range, offset))
}

fn note_start(note: &Note) -> Location {
    Location {
        path: note.path.clone(),
        range: 0..0,
    }
}

fn note_title(note: &Note) -> Location {
    Location {
        path: note.path.clone(),
        range: note.title_range(),
    }
}

fn heading_location(note: &Note, heading: usize) -> Location {
    let range: Range<usize> = note
        .outline
        .headings
        .get(heading)
        .map_or(0..0, |h| h.range.clone());
    Location {
        path: note.path.clone(),
        range,
    }
}

fn sorted(mut locations: Vec<Location>) -> Vec<Location> {
    locations.sort_by(|a, b| (&a.path, a.range.start).cmp(&(&b.path, b.range.start)));
    locations.dedup();
    locations
}
