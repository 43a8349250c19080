//! Navigation: document and workspace symbols, folding ranges, go to definition, find
//! references, and renaming a goal ID — over the sections, goals and wikilinks of the
//! workspace, in byte offsets.
//!
//! Goal IDs reach beyond their Goals note: a note that wikilinks to exactly one Goals note
//! (a session log, the Career Index) uses that note's IDs, so its `G1`s take part in
//! definition, references and rename. A note that links to two Goals notes is ambiguous
//! (is `G1` this year's or last year's?) and its `G1`s are left alone.

mod folding;
pub(crate) mod goal_scope;
mod goto;
mod highlights;
mod rename;
mod symbols;

#[cfg(test)]
mod tests;

pub use folding::{folding_ranges, Fold, FoldKind};
pub use goto::{definition, references};
pub use highlights::{document_highlights, document_links, DocumentLink, Highlight, HighlightKind};
pub use rename::{prepare_rename, rename};
pub use symbols::{document_symbols, workspace_symbols, Symbol, SymbolKind, MAX_WORKSPACE_SYMBOLS};

/// Whether `needle`'s characters appear in `haystack` in order, ignoring case and the
/// white space of `needle`: the forgiving match editors use for symbol and completion
/// filtering (`angl` finds `Annual Goals`).
pub(crate) fn is_subsequence(needle: &str, haystack: &str) -> bool {
    let mut haystack = haystack.chars().flat_map(char::to_lowercase);
    needle
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .all(|wanted| haystack.any(|c| c == wanted))
}

/// Whether `offset` touches `range`: inside it or right at its end, where the cursor sits
/// after typing the last character of a word.
pub(crate) fn touches(range: &std::ops::Range<usize>, offset: usize) -> bool {
    range.start <= offset && offset <= range.end
}

/// What kind of career note a note is, for people; `None` for other Markdown files.
pub(crate) fn kind_label(kind: crate::methodology::NoteKind) -> Option<&'static str> {
    use crate::methodology::NoteKind;
    match kind {
        NoteKind::CareerIndex => Some("Career Index"),
        NoteKind::Goals => Some("Goals"),
        NoteKind::SessionLog => Some("Session log"),
        NoteKind::Profile => Some("Profile"),
        NoteKind::Other => None,
    }
}

/// Whether a wikilink's target could name `target` — its last path part is the note's
/// stem, or it is empty and the link is in the note itself. A cheap test that spares
/// resolving every link of the workspace against every note.
pub(crate) fn may_name(
    link_target: &str,
    from: &std::path::Path,
    target: &crate::model::Note,
) -> bool {
    if link_target.trim().is_empty() {
        return from == target.path;
    }
    crate::model::notes::target_stem(link_target) == target.stem().to_lowercase()
}

/// The notes that may hold a link to `target`, in path order: the notes whose links name
/// its stem (from the backlink index) and the note itself.
pub(crate) fn may_link_to<'a>(
    notes: &'a crate::model::notes::NoteSet,
    target: &'a crate::model::Note,
) -> Vec<&'a std::sync::Arc<crate::model::Note>> {
    let mut found: Vec<_> = notes
        .linking_to_stem(target.stem())
        .chain(notes.get(&target.path))
        .collect();
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found.dedup_by(|a, b| a.path == b.path);
    found
}
