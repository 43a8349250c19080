//! Document sync: the client's notes, edits, saves, files changed on disk and settings
//! brought into the workspace, and the workspace roots indexed at the start.
//!
//! Notifications change the workspace before their handler's first `.await`: the
//! dispatch runs each handler in order only until it first waits, so anything a handler
//! did after awaiting could land out of order. That is why every notification here but the configuration
//! one is a plain function, and the configuration one applies the settings it was given
//! before it awaits anything. The workspace lock is a std `RwLock`, held briefly and never
//! across an await.

use std::path::Path;

use ropey::Rope;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{
    ConfigurationItem, DidChangeConfigurationParams, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidChangeWatchedFilesRegistrationOptions,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    FileChangeType, FileSystemWatcher, GlobPattern, Registration, TextDocumentContentChangeEvent,
    Uri,
};
use tracing::{debug, info, warn};

use super::convert::{from_proto, PositionEncoding};
use super::guard::{guarded, lock, read, write};
use super::server::Backend;
use crate::rules::Edit;
use crate::workspace::{FromDisk, RootFolder, CONFIG_FILE_NAME};

/// A custom request, `{uri} -> {text, version}`: the server's copy of a document. Tests use
/// it to check incremental sync; it helps when debugging an editor integration too.
pub const DOCUMENT_TEXT_METHOD: &str = "careerLsp/documentText";

pub fn did_open(backend: &Backend, params: DidOpenTextDocumentParams) {
    let shared = &backend.shared;
    let document = params.text_document;
    let Some(path) = from_proto::path(&document.uri) else {
        info!("not tracking {}: only file URIs are", document.uri.as_str());
        return;
    };
    let text = document.text;
    // A note under no root makes its folder one: the folder's configuration is read
    // before the workspace is locked.
    let folder = read(&shared.workspace).folder_without_root(&path);
    if let Some(folder) = folder {
        let folder = RootFolder::read(folder);
        guarded("adding the note's folder", || {
            write(&shared.workspace).add_root_folder(folder)
        });
    }
    guarded("opening a note", || {
        write(&shared.workspace).open(path.clone(), document.version, text)
    });
    lock(&shared.open_uris).insert(path, document.uri);
    let others_open = shared.open_note_count() > 1;
    shared.changed(others_open);
}

pub fn did_change(backend: &Backend, params: DidChangeTextDocumentParams) {
    let shared = &backend.shared;
    let Some(path) = from_proto::path(&params.text_document.uri) else {
        return;
    };
    let version = params.text_document.version;
    let encoding = shared.session().encoding;
    let result = {
        let mut workspace = write(&shared.workspace);
        let Some(document) = workspace.document(&path) else {
            warn!(
                "a change to {}, which is not open, was ignored",
                path.display()
            );
            return;
        };
        // Each change's range is into the text as the changes before it left it, so
        // they are converted one by one against a copy that follows along.
        let mut rope = document.rope.clone();
        let edits = params
            .content_changes
            .into_iter()
            .map(|change| apply_change(&mut rope, change, encoding))
            .collect();
        guarded("applying a change", || {
            workspace.change(&path, version, edits)
        })
    };
    if let Some(Err(problem)) = result {
        warn!(
            "a change to {} could not be applied: {problem}",
            path.display()
        );
    }
    let others_open = shared.open_note_count() > 1;
    shared.changed(others_open);
}

pub fn did_save(backend: &Backend, params: DidSaveTextDocumentParams) {
    let Some(path) = from_proto::path(&params.text_document.uri) else {
        return;
    };
    // A note's text is already current; a configuration file is read when saved (before
    // the workspace is locked).
    if is_config_file(&path) {
        let workspace = &backend.shared.workspace;
        let on_disk = guarded("reloading the configuration", || {
            let builder = read(workspace).builder();
            builder.read_from_disk(&path)
        });
        if let Some(on_disk) = on_disk {
            guarded("reloading the configuration", || {
                write(workspace).apply_from_disk(on_disk)
            });
        }
        backend.shared.changed(true);
    }
}

pub fn did_close(backend: &Backend, params: DidCloseTextDocumentParams) {
    let shared = &backend.shared;
    let Some(path) = from_proto::path(&params.text_document.uri) else {
        return;
    };
    // The note goes back to its content on disk, read before the workspace is locked.
    let on_disk = guarded("closing a note", || {
        let builder = read(&shared.workspace).builder();
        builder.read_from_disk(&path)
    });
    if let Some(on_disk) = on_disk {
        guarded("closing a note", || {
            write(&shared.workspace).close_with(&path, on_disk)
        });
    }
    lock(&shared.open_uris).remove(&path);
    shared.changed(true);
}

/// Files changed on disk. Each file is read before the workspace is locked, never under
/// the lock: a slow or odd file (a FIFO, a device) holds up nothing. Only notes and
/// configuration files under a root are read; any other path is ignored.
pub fn did_change_watched_files(backend: &Backend, params: DidChangeWatchedFilesParams) {
    let workspace = &backend.shared.workspace;
    let Some(mut builder) = guarded("reading the roots", || read(workspace).builder()) else {
        return;
    };
    for event in &params.changes {
        let Some(path) = from_proto::path(&event.uri) else {
            debug!("ignoring {}: not a file URI", event.uri.as_str());
            continue;
        };
        debug!("on disk: {:?} {}", event.typ, path.display());
        if event.typ == FileChangeType::DELETED {
            guarded("updating from disk", || write(workspace).remove(&path));
        } else if let Some(on_disk) = guarded("reading from disk", || builder.read_from_disk(&path))
        {
            let reconfigured = matches!(on_disk, FromDisk::Config(..));
            guarded("updating from disk", || {
                write(workspace).apply_from_disk(on_disk)
            });
            if reconfigured {
                // A new or changed configuration may change the roots and their limits.
                if let Some(now) = guarded("reading the roots", || read(workspace).builder()) {
                    builder = now;
                }
            }
        }
    }
    backend.shared.changed(true);
}

pub async fn did_change_configuration(backend: &Backend, params: DidChangeConfigurationParams) {
    let settings = params.settings;
    let empty = settings.is_null() || settings.as_object().is_some_and(|s| s.is_empty());
    if !empty || !backend.shared.session().configuration_requests {
        let problems = backend.apply_settings(&settings);
        backend.show_later(problems);
        backend.shared.changed(true);
        return;
    }
    // The client only told us that something changed: ask for our section.
    let item = ConfigurationItem {
        scope_uri: None,
        section: Some("careerLsp".to_string()),
    };
    match backend.client.configuration(vec![item]).await {
        Ok(values) => {
            let settings = values.into_iter().next().unwrap_or(Value::Null);
            let problems = backend.apply_settings(&settings);
            backend.show_later(problems);
            backend.shared.changed(true);
        }
        Err(error) => warn!("could not read the settings from the client: {error}"),
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct DocumentTextParams {
    uri: Uri,
}

#[derive(Debug, Serialize)]
pub(super) struct DocumentText {
    text: String,
    version: Option<i32>,
}

impl Backend {
    /// Answers [`DOCUMENT_TEXT_METHOD`]. A method rather than a function because that is
    /// what tower-lsp-server's custom methods take.
    pub(super) async fn document_text(&self, params: DocumentTextParams) -> Result<DocumentText> {
        let path =
            from_proto::path(&params.uri).ok_or_else(|| Error::invalid_params("not a file URI"))?;
        let document = read(&self.shared.workspace)
            .document(&path)
            .ok_or_else(|| Error::invalid_params(format!("{} is not known", path.display())))?;
        Ok(DocumentText {
            text: document.text.to_string(),
            version: document.version,
        })
    }

    /// Asks the client to tell us about notes and configuration files changed on disk.
    pub(super) fn register_file_watchers(&self) {
        // Spawned: a handler that awaits the client could hold up the session's end.
        let client = self.client.clone();
        tokio::spawn(async move {
            let watchers = ["**/*.md", &format!("**/{CONFIG_FILE_NAME}")]
                .into_iter()
                .map(|glob| FileSystemWatcher {
                    glob_pattern: GlobPattern::String(glob.to_string()),
                    kind: None,
                })
                .collect();
            let options = DidChangeWatchedFilesRegistrationOptions { watchers };
            let registration = Registration {
                id: "career-lsp-watched-files".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(options).ok(),
            };
            if let Err(error) = client.register_capability(vec![registration]).await {
                warn!("the client did not accept the file watchers: {error}");
            }
        });
    }
}

/// Applies one content change to `rope` and returns it as a byte edit of the text before it.
///
/// Positions are read as VS Code reads them: clamped to the line's end and the text's end,
/// a position between the halves of a surrogate pair taken as the pair's start, and a
/// reversed range with its ends swapped.
pub(super) fn apply_change(
    rope: &mut Rope,
    change: TextDocumentContentChangeEvent,
    encoding: PositionEncoding,
) -> Edit {
    let range = match change.range {
        Some(range) => from_proto::range(rope, range, encoding),
        None => 0..rope.len_bytes(),
    };
    // `from_proto` puts both ends on char boundaries.
    let start = rope.byte_to_char(range.start);
    let end = rope.byte_to_char(range.end);
    rope.remove(start..end);
    rope.insert(start, &change.text);
    Edit {
        range,
        text: change.text,
    }
}

pub fn is_config_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name == std::ffi::OsStr::new(CONFIG_FILE_NAME))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn change(
        range: Option<((u32, u32), (u32, u32))>,
        text: &str,
    ) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range.map(|((l1, c1), (l2, c2))| {
                Range::new(Position::new(l1, c1), Position::new(l2, c2))
            }),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn changes_become_sequential_byte_edits() {
        let mut rope = Rope::from_str("🎯 a\nb");
        let encoding = PositionEncoding::Utf16;
        let first = apply_change(&mut rope, change(Some(((0, 2), (0, 3))), "日本"), encoding);
        assert_eq!(
            first,
            Edit {
                range: 4..5,
                text: "日本".into()
            }
        );
        let second = apply_change(&mut rope, change(Some(((1, 0), (1, 1))), ""), encoding);
        assert_eq!(
            second,
            Edit {
                range: 12..13,
                text: String::new()
            }
        );
        let whole = apply_change(&mut rope, change(None, "new"), encoding);
        assert_eq!(
            whole,
            Edit {
                range: 0..12,
                text: "new".into()
            }
        );
        assert_eq!(rope.to_string(), "new");
    }

    type Span = ((u32, u32), (u32, u32));

    /// Applies `changes` (UTF-16) to `text`; the resulting text.
    fn after(text: &str, changes: &[(Span, &str)]) -> String {
        let mut rope = Rope::from_str(text);
        let mut mirror = text.to_string();
        for &(range, insert) in changes {
            let edit = apply_change(
                &mut rope,
                change(Some(range), insert),
                PositionEncoding::Utf16,
            );
            mirror.replace_range(edit.range, &edit.text);
        }
        assert_eq!(rope.to_string(), mirror, "the edits describe the change");
        mirror
    }

    #[test]
    fn a_position_inside_a_surrogate_pair_is_the_pairs_start_as_in_vs_code() {
        // "a😀b": the emoji is UTF-16 units 1 and 2.
        assert_eq!(after("a😀b", &[(((0, 2), (0, 3)), "")]), "ab");
        assert_eq!(after("a😀b", &[(((0, 0), (0, 2)), "")]), "😀b");
        assert_eq!(after("a😀b", &[(((0, 2), (0, 2)), "x")]), "ax😀b");
        // Reversed, with both ends inside pairs.
        assert_eq!(after("😀😀", &[(((0, 3), (0, 1)), "-")]), "-😀");
    }
}
