//! Navigation: document and workspace symbols and folding ranges, over the sections and
//! goals of the workspace, in byte offsets.

mod folding;
mod symbols;

#[cfg(test)]
mod tests;

pub use folding::{folding_ranges, Fold, FoldKind};
pub use symbols::{document_symbols, workspace_symbols, Symbol, SymbolKind};

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
