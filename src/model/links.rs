//! Link resolution (SPEC §3): `[[Note]]` by file stem, `[[path/Note]]` by path,
//! `[[Note#Heading]]` by a heading matched after the section-heading normalisation.

use std::path::Path;

use super::notes::{target_stem, NoteSet};
use super::unreadable::Unreadable;
use super::Note;
use crate::methodology::{normalize_heading, NoteKind};
use crate::syntax::WikiLink;

/// Where a wikilink leads.
#[derive(Debug, Clone, Copy)]
pub enum Resolution<'a> {
    Note(&'a Note),
    /// The note and the index of the heading in its outline.
    Heading(&'a Note, usize),
    MissingNote,
    MissingHeading(&'a Note),
    /// Template scaffolding (`[[[Year] Goals]]`) or a link to a file that is not a note
    /// (`![[chart.png]]`): not checked.
    NotChecked,
}

/// Finds the note a link target names among `notes`: by file stem, or by the end of its
/// path when the target names folders. Ties go to the first note in path order.
pub fn find_note<'a>(notes: &'a NoteSet, from: &'a Note, target: &str) -> Option<&'a Note> {
    let target = target.trim();
    if target.is_empty() {
        return Some(from);
    }
    let target = Target::new(target);
    notes
        .with_stem(&target.stem)
        .map(|n| n.as_ref())
        .find(|note| target.names(&note.path))
}

/// The note a link target names among the root's notes that could not be read, and why,
/// when [`find_note`] finds none: the same matching, over the unread notes.
pub fn find_unread<'a>(notes: &'a NoteSet, target: &str) -> Option<(&'a Path, &'a Unreadable)> {
    let target = target.trim();
    if target.is_empty() {
        return None;
    }
    let target = Target::new(target);
    notes
        .unread_with_stem(&target.stem)
        .find(|(path, _)| target.names(path))
}

/// A link target as it is matched against paths.
struct Target {
    /// Without `.md`, with `/` between folders.
    name: String,
    stem: String,
}

impl Target {
    fn new(target: &str) -> Target {
        let name = target
            .strip_suffix(".md")
            .unwrap_or(target)
            .replace('\\', "/");
        let stem = target_stem(&name);
        Target { name, stem }
    }

    /// Whether the target names the note at `path` (whose stem is the target's).
    fn names(&self, path: &Path) -> bool {
        if !self.name.contains('/') {
            return true;
        }
        let lower = self.name.to_lowercase();
        let path = path
            .with_extension("")
            .to_string_lossy()
            .replace('\\', "/")
            .to_lowercase();
        path == lower || path.ends_with(&format!("/{lower}"))
    }
}

/// The heading of `note` that `heading` names, if any.
pub fn find_heading(note: &Note, heading: &str) -> Option<usize> {
    let wanted = normalize_heading(heading);
    if let Some(index) = note
        .outline
        .headings
        .iter()
        .position(|h| normalize_heading(&h.text) == wanted)
    {
        return Some(index);
    }
    let section = note.match_heading(heading)?;
    note.sections
        .iter()
        .find(|s| s.id == Some(section))
        .map(|s| s.heading)
}

pub fn resolve<'a>(notes: &'a NoteSet, from: &'a Note, link: &WikiLink) -> Resolution<'a> {
    let target = link.target.trim();
    if target.starts_with('[') || target.contains("[Year]") || target.contains("[year]") {
        return Resolution::NotChecked;
    }
    if let Some((_, extension)) = target.rsplit_once('.') {
        let is_note =
            extension.eq_ignore_ascii_case("md") || extension.contains(' ') || extension.len() > 5;
        if !is_note {
            return Resolution::NotChecked;
        }
    }
    let Some(note) = find_note(notes, from, target) else {
        return Resolution::MissingNote;
    };
    match link
        .heading
        .as_deref()
        .map(str::trim)
        .filter(|h| !h.is_empty())
    {
        None => Resolution::Note(note),
        Some(heading) if heading.starts_with('^') => Resolution::Note(note),
        Some(heading) => match find_heading(note, heading) {
            Some(index) => Resolution::Heading(note, index),
            None => Resolution::MissingHeading(note),
        },
    }
}

/// The Career Index a Goals note belongs to (SPEC §3): its first wikilink that resolves to
/// a Career Index; else the index linking to it; else the workspace's only index. `None`
/// when that gives no single index — then cross-note checks are skipped.
pub fn career_index_for<'a>(notes: &'a NoteSet, goals: &'a Note) -> Option<&'a Note> {
    for link in &goals.outline.wikilinks {
        if let Some(note) = find_note(notes, goals, &link.target) {
            if note.kind == NoteKind::CareerIndex {
                return Some(note);
            }
        }
    }
    let indexes: Vec<&Note> = notes
        .of_kind(NoteKind::CareerIndex)
        .map(|n| n.as_ref())
        .collect();
    let linking: Vec<&Note> = indexes
        .iter()
        .copied()
        .filter(|index| {
            index.outline.wikilinks.iter().any(|link| {
                matches!(
                    resolve(notes, index, link),
                    Resolution::Note(n) | Resolution::Heading(n, _) if n.path == goals.path
                )
            })
        })
        .collect();
    match (linking.as_slice(), indexes.as_slice()) {
        ([one], _) => Some(one),
        ([], [only]) => Some(only),
        _ => None,
    }
}
