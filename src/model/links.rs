//! Link resolution (SPEC §3): `[[Note]]` by file stem, `[[path/Note]]` by path,
//! `[[Note#Heading]]` by a heading matched after the section-heading normalisation.

use super::notes::{target_stem, NoteSet};
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
    let target = target
        .strip_suffix(".md")
        .unwrap_or(target)
        .replace('\\', "/");
    let mut candidates = notes.with_stem(&target_stem(&target)).map(|n| n.as_ref());
    if !target.contains('/') {
        return candidates.next();
    }
    let lower = target.to_lowercase();
    candidates.find(|note| {
        let path = note
            .path
            .with_extension("")
            .to_string_lossy()
            .replace('\\', "/")
            .to_lowercase();
        path == lower || path.ends_with(&format!("/{lower}"))
    })
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
