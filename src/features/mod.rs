//! Editing features — hover, code actions, completion, inlay hints, symbols, navigation —
//! as plain data in and plain data out over byte offsets. `src/lsp/` turns them into the
//! protocol.

pub mod actions;
pub mod completion;
pub mod fixes;
pub mod hover;
pub mod inlay_hints;
pub mod lenses;
pub mod navigation;
pub mod overview;
pub mod proposal;
pub mod recognition;
pub mod report;
pub mod semantic_tokens;

#[cfg(test)]
pub(crate) mod test_support;

use std::ops::Range;
use std::path::PathBuf;

use crate::rules::Edit;

/// A place in a note of the workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub range: Range<usize>,
}

/// One change a code action makes to the workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Edits to an existing note, in bytes of the text the action was computed for.
    Edit { path: PathBuf, edits: Vec<Edit> },
    /// A new note; never overwrites an existing file.
    Create { path: PathBuf, text: String },
}

/// What kind of code action (maps to the protocol's code action kinds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionKind {
    QuickFix,
    /// Inserting templates and prompts.
    Refactor,
    Source,
}

/// A code action: a titled set of changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub title: String,
    pub kind: ActionKind,
    pub changes: Vec<Change>,
    /// A note the editor is asked to show, once the changes (if any) are made.
    pub shows: Option<PathBuf>,
    /// The finding this action fixes: (code, its range).
    pub fixes: Option<(&'static str, Range<usize>)>,
    pub preferred: bool,
}
