//! Code actions and their edits in the protocol: the core's actions (byte ranges into the
//! text they were computed for) become versioned `WorkspaceEdit`s, with file creation
//! when the client supports it and an edit of the current note when it does not.

use std::collections::HashMap;
use std::path::Path;

use ropey::Rope;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, Command as LspCommand, CreateFile, CreateFileOptions, Diagnostic,
    DocumentChangeOperation, DocumentChanges, NumberOrString, OneOf,
    OptionalVersionedTextDocumentIdentifier, Position, Range, ResourceOp, TextDocumentEdit,
    TextEdit, Uri, WorkspaceEdit,
};

use super::capabilities::SHOW_DOCUMENT_COMMAND;
use super::convert::{to_proto, PositionEncoding};
use crate::features::{Action, ActionKind, Change};
use crate::rules::Edit;
use crate::workspace::Snapshot;

/// What the client's `workspace.workspaceEdit` capabilities allow.
#[derive(Debug, Clone, Copy, Default)]
pub struct EditSupport {
    /// Versioned `documentChanges` rather than a plain `changes` map.
    pub document_changes: bool,
    /// `create` resource operations.
    pub create_files: bool,
    /// `window/showDocument`: the client opens a note when asked.
    pub show_document: bool,
}

/// Replaces file creations by an insertion at the end of the current note, for clients
/// that cannot create files: nothing is lost, and the person can move the text.
fn without_file_creation(action: &Action, snapshot: &Snapshot) -> Action {
    let mut action = action.clone();
    let end = snapshot.text().len();
    let mut appended = Vec::new();
    action.changes.retain(|change| match change {
        Change::Create { path, text } => {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            appended.push(Edit {
                range: end..end,
                text: format!("\n\n<!-- Save what follows as “{name}” -->\n\n{text}"),
            });
            false
        }
        Change::Edit { .. } => true,
    });
    if !appended.is_empty() {
        let current = snapshot.path().to_path_buf();
        match action
            .changes
            .iter_mut()
            .find(|c| matches!(c, Change::Edit { path, .. } if *path == current))
        {
            Some(Change::Edit { edits, .. }) => edits.extend(appended),
            _ => action.changes.push(Change::Edit {
                path: current,
                edits: appended,
            }),
        }
    }
    action
}

/// The text an edit of `path` was computed against, and its version: a note of the
/// snapshot, or the root's `career-lsp.toml` when it is not open as a document (its
/// version is then the file's on disk, `None`).
fn edited_text(snapshot: &Snapshot, path: &Path) -> Option<(Rope, Option<i32>)> {
    if let Some(document) = snapshot.document_for(path) {
        return Some((document.rope.clone(), document.version));
    }
    if snapshot.config_path().as_deref() == Some(path) {
        return Some((Rope::from_str(snapshot.config_text()?), None));
    }
    None
}

fn text_edits(edits: &[Edit], rope: &Rope, encoding: PositionEncoding) -> Vec<TextEdit> {
    edits
        .iter()
        .map(|edit| TextEdit {
            range: to_proto::range(rope, edit.range.clone(), encoding),
            new_text: edit.text.clone(),
        })
        .collect()
}

/// The workspace edit for `changes` computed against `snapshot` (and the other notes of
/// its workspace). `None` when a change names a note the snapshot does not hold.
pub fn workspace_edit(
    changes: &[Change],
    snapshot: &Snapshot,
    support: EditSupport,
    encoding: PositionEncoding,
    uri_for: &dyn Fn(&Path) -> Option<Uri>,
) -> Option<WorkspaceEdit> {
    if support.document_changes {
        let mut operations = Vec::new();
        for change in changes {
            match change {
                Change::Edit { path, edits } => {
                    let (rope, version) = edited_text(snapshot, path)?;
                    operations.push(DocumentChangeOperation::Edit(TextDocumentEdit {
                        text_document: OptionalVersionedTextDocumentIdentifier {
                            uri: uri_for(path)?,
                            version,
                        },
                        edits: text_edits(edits, &rope, encoding)
                            .into_iter()
                            .map(OneOf::Left)
                            .collect(),
                    }));
                }
                Change::Create { path, text } => {
                    let uri = uri_for(path)?;
                    // Neither overwritten nor ignored when it exists: the client fails the
                    // whole edit then, rather than insert the new note's text into the file
                    // that is there.
                    operations.push(DocumentChangeOperation::Op(ResourceOp::Create(
                        CreateFile {
                            uri: uri.clone(),
                            options: Some(CreateFileOptions {
                                overwrite: Some(false),
                                ignore_if_exists: Some(false),
                            }),
                            annotation_id: None,
                        },
                    )));
                    operations.push(DocumentChangeOperation::Edit(TextDocumentEdit {
                        text_document: OptionalVersionedTextDocumentIdentifier {
                            uri,
                            version: None,
                        },
                        edits: vec![OneOf::Left(TextEdit {
                            range: Range::new(Position::new(0, 0), Position::new(0, 0)),
                            new_text: text.clone(),
                        })],
                    }));
                }
            }
        }
        return Some(WorkspaceEdit {
            document_changes: Some(DocumentChanges::Operations(operations)),
            ..WorkspaceEdit::default()
        });
    }
    let mut map: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for change in changes {
        match change {
            Change::Edit { path, edits } => {
                let (rope, _) = edited_text(snapshot, path)?;
                map.entry(uri_for(path)?)
                    .or_default()
                    .extend(text_edits(edits, &rope, encoding));
            }
            // Only reached when the client said it can create files but not version edits.
            Change::Create { .. } => return None,
        }
    }
    Some(WorkspaceEdit {
        changes: Some(map),
        ..WorkspaceEdit::default()
    })
}

/// A core action as a protocol code action, attached to the diagnostics it fixes. An
/// action that shows a note carries the command that asks the client to; `None` for a
/// client that cannot show documents.
pub fn code_action(
    action: &Action,
    snapshot: &Snapshot,
    support: EditSupport,
    encoding: PositionEncoding,
    uri_for: &dyn Fn(&Path) -> Option<Uri>,
    context_diagnostics: &[Diagnostic],
) -> Option<CodeAction> {
    let action = if support.create_files && support.document_changes {
        action.clone()
    } else {
        without_file_creation(action, snapshot)
    };
    let command = match &action.shows {
        Some(path) if support.show_document => Some(LspCommand {
            title: action.title.clone(),
            command: SHOW_DOCUMENT_COMMAND.to_string(),
            arguments: Some(vec![serde_json::json!({ "uri": uri_for(path)? })]),
        }),
        Some(_) => return None,
        None => None,
    };
    let edit = if action.changes.is_empty() {
        None
    } else {
        Some(workspace_edit(
            &action.changes,
            snapshot,
            support,
            encoding,
            uri_for,
        )?)
    };
    let kind = match action.kind {
        ActionKind::QuickFix => CodeActionKind::QUICKFIX,
        ActionKind::Refactor => CodeActionKind::REFACTOR_REWRITE,
        ActionKind::Source => CodeActionKind::SOURCE,
    };
    let diagnostics = action.fixes.as_ref().map(|(code, range)| {
        let wanted = to_proto::range(&snapshot.document.rope, range.clone(), encoding);
        context_diagnostics
            .iter()
            .filter(|d| {
                d.code == Some(NumberOrString::String(code.to_string())) && d.range == wanted
            })
            .cloned()
            .collect::<Vec<_>>()
    });
    Some(CodeAction {
        title: action.title.clone(),
        kind: Some(kind),
        diagnostics: diagnostics.filter(|d| !d.is_empty()),
        edit,
        command,
        is_preferred: action.preferred.then_some(true),
        ..CodeAction::default()
    })
}
