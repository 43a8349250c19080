//! Document highlights and document links. On a goal ID, every mention of that goal in the
//! note (its own ID cell written, the references read); on a wikilink, every link in the
//! note to the same note or heading. And every `[[wikilink]]` and `[text](note.md)` that
//! resolves, as a link to its target (a heading's line for `#heading`); broken ones are no
//! links, their diagnostic says why.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::goal_scope::{goal_at, mentions};
use super::goto::wikilink_at;
use crate::model::links::{resolve, Resolution};
use crate::model::Note;
use crate::syntax::WikiLink;
use crate::workspace::Snapshot;

/// How a highlighted place uses what the cursor is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HighlightKind {
    /// Where it is declared (a goal's own ID cell).
    Write,
    /// Where it is referred to.
    Read,
    /// A link to the same target.
    Text,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    pub range: Range<usize>,
    pub kind: HighlightKind,
}

/// The places of the note that name what the cursor is on, in text order; empty when it is
/// on no goal ID and no resolving wikilink.
pub fn document_highlights(snapshot: &Snapshot, offset: usize) -> Vec<Highlight> {
    let note = snapshot.note();
    if let Some(link) = wikilink_at(note, offset) {
        let Some(target) = target_of(snapshot, note, link) else {
            return Vec::new();
        };
        return note
            .outline
            .wikilinks
            .iter()
            .filter(|other| target_of(snapshot, note, other).as_ref() == Some(&target))
            .map(|other| Highlight {
                range: other.range.clone(),
                kind: HighlightKind::Text,
            })
            .collect();
    }
    if let Some(goal) = goal_at(snapshot, offset) {
        return mentions(&snapshot.document)
            .into_iter()
            .filter(|m| m.id == goal.id)
            .map(|m| Highlight {
                range: m.range,
                kind: if m.declaration {
                    HighlightKind::Write
                } else {
                    HighlightKind::Read
                },
            })
            .collect();
    }
    Vec::new()
}

/// What a wikilink leads to: a note, or one of its headings (by index).
fn target_of(
    snapshot: &Snapshot,
    note: &Note,
    link: &WikiLink,
) -> Option<(PathBuf, Option<usize>)> {
    match resolve(snapshot.notes(), note, link) {
        Resolution::Note(target) => Some((target.path.clone(), None)),
        Resolution::Heading(target, heading) => Some((target.path.clone(), Some(heading))),
        _ => None,
    }
}

/// A clickable link: its text in the note, the note it leads to, and the heading's
/// 0-based line there when it leads to one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentLink {
    pub range: Range<usize>,
    pub target: PathBuf,
    pub line: Option<usize>,
}

/// Every wikilink and Markdown link of the note that resolves to a note of the workspace,
/// in text order.
pub fn document_links(snapshot: &Snapshot) -> Vec<DocumentLink> {
    let note = snapshot.note();
    let notes = snapshot.notes();
    let mut links: Vec<DocumentLink> = note
        .outline
        .wikilinks
        .iter()
        .filter_map(|link| match resolve(notes, note, link) {
            Resolution::Note(target) => Some(DocumentLink {
                range: link.range.clone(),
                target: target.path.clone(),
                line: None,
            }),
            Resolution::Heading(target, heading) => Some(DocumentLink {
                range: link.range.clone(),
                target: target.path.clone(),
                line: target
                    .outline
                    .headings
                    .get(heading)
                    .map(|h| line_of(&target.text, h.range.start)),
            }),
            _ => None,
        })
        .collect();
    for link in &note.outline.links {
        if let Some((path, line)) = markdown_target(snapshot, &note.path, &link.destination) {
            links.push(DocumentLink {
                range: link.range.clone(),
                target: path,
                line,
            });
        }
    }
    links.sort_by_key(|l| l.range.start);
    links
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count()
}

/// The note a Markdown link's destination names, relative to the linking note's folder
/// (`2026%20Goals.md`, `../Career.md#vision`), and the line of the heading its anchor
/// names; `None` for a URL, a file that is not a note of the workspace, or a missing one.
fn markdown_target(
    snapshot: &Snapshot,
    from: &Path,
    destination: &str,
) -> Option<(PathBuf, Option<usize>)> {
    let destination = destination
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>');
    if destination.contains("://")
        || destination.starts_with("mailto:")
        || destination.starts_with('#')
    {
        return None;
    }
    let (file, anchor) = match destination.split_once('#') {
        Some((file, anchor)) => (file, Some(anchor)),
        None => (destination, None),
    };
    let file = percent_encoding::percent_decode_str(file)
        .decode_utf8()
        .ok()?
        .into_owned();
    if !crate::workspace::is_markdown(Path::new(&file)) {
        return None;
    }
    let mut path = from.parent()?.to_path_buf();
    for part in Path::new(&file).components() {
        match part {
            std::path::Component::ParentDir => {
                path.pop();
            }
            std::path::Component::Normal(name) => path.push(name),
            _ => {}
        }
    }
    let target = if path == snapshot.document.path {
        &snapshot.document
    } else {
        snapshot.document_for(&path)?
    };
    let line = anchor.and_then(|anchor| {
        target
            .note
            .outline
            .headings
            .iter()
            .find(|h| slug(&h.text) == anchor.to_lowercase())
            .map(|h| line_of(&target.text, h.range.start))
    });
    Some((path, line))
}

/// A heading's anchor as GitHub and most renderers write it: lower case, spaces as `-`,
/// punctuation dropped.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}
