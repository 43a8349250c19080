//! The server itself: the state its parts share, the session's lifecycle (`initialize`,
//! `initialized`, `shutdown`), the requests about notes, and the `LanguageServer`
//! implementation, which hands notifications to `sync` and diagnostics to `diagnostics`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use serde::Deserialize;
use serde_json::Value;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{
    CodeActionOrCommand, CodeActionParams, CodeActionResponse, CompletionParams,
    CompletionResponse, DidChangeConfigurationParams, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, DocumentDiagnosticParams, DocumentDiagnosticReportResult,
    DocumentSymbolParams, DocumentSymbolResponse, ExecuteCommandParams, FoldingRange,
    FoldingRangeParams, GotoDefinitionParams, GotoDefinitionResponse, Hover, HoverContents,
    HoverParams, InitializeParams, InitializeResult, InitializedParams, InlayHint, InlayHintKind,
    InlayHintLabel, InlayHintParams, InlayHintTooltip, Location, MarkupContent, MarkupKind,
    PrepareRenameResponse, ReferenceParams, RenameParams, TextDocumentPositionParams, Uri,
    WorkspaceDiagnosticParams, WorkspaceDiagnosticReportResult, WorkspaceEdit,
    WorkspaceSymbolParams, WorkspaceSymbolResponse,
};
use tower_lsp_server::{Client, ClientSocket, LanguageServer, LspService};
use tracing::{info, warn};

use super::capabilities::{self, Session};
use super::convert::{from_proto, to_proto};
use super::edits::{code_action, workspace_edit};
use super::guard::{guarded, lock, read, write};
use super::navigation as nav;
use super::sync::DOCUMENT_TEXT_METHOD;
use super::{diagnostics, sync};
use crate::features::actions::{self as coaching, Command};
use crate::features::navigation;
use crate::features::{completion, hover, inlay_hints, Change, Snapshot};
use crate::workspace::{Config, Workspace};

/// Builds the service with its custom methods; the `Shared` handle lets the caller tell
/// the server that its input has ended.
pub fn build() -> (LspService<Backend>, ClientSocket, Arc<Shared>) {
    let shared = Arc::new(Shared::new());
    let handle = shared.clone();
    let (service, socket) = LspService::build(move |client| Backend::new(client, shared))
        .custom_method(DOCUMENT_TEXT_METHOD, Backend::document_text)
        .finish();
    (service, socket, handle)
}

/// State shared by the handlers and the background tasks.
#[derive(Debug)]
pub struct Shared {
    pub(super) workspace: Arc<RwLock<Workspace>>,
    pub(super) session: RwLock<Session>,
    /// Each open note's URI as the client spelled it, so reports go back under that name.
    pub(super) open_uris: Mutex<HashMap<PathBuf, Uri>>,
    /// Bumped after every change to the workspace; also the pull diagnostics' result id.
    pub(super) generation: watch::Sender<u64>,
    /// A change may have altered other notes' diagnostics than the changed one's.
    pub(super) refresh_wanted: AtomicBool,
    /// A change may have altered other notes' inlay hints.
    pub(super) hints_refresh_wanted: AtomicBool,
    shutdown_requested: AtomicBool,
    /// Set when the session is ending; long-held requests return.
    pub(super) closing: watch::Sender<bool>,
    /// The generation of the last workspace report that listed no documents at all.
    pub(super) empty_workspace_report: Mutex<Option<u64>>,
}

impl Shared {
    fn new() -> Shared {
        Shared {
            workspace: Arc::new(RwLock::new(Workspace::new(Config::default()))),
            session: RwLock::new(Session::default()),
            open_uris: Mutex::new(HashMap::new()),
            generation: watch::Sender::new(0),
            refresh_wanted: AtomicBool::new(false),
            hints_refresh_wanted: AtomicBool::new(false),
            shutdown_requested: AtomicBool::new(false),
            closing: watch::Sender::new(false),
            empty_workspace_report: Mutex::new(None),
        }
    }

    /// Whether the client asked for `shutdown` (an `exit` without it ends with status 1).
    pub fn shutdown_requested(&self) -> bool {
        self.shutdown_requested.load(Ordering::SeqCst)
    }

    /// The session is ending: stop holding requests open.
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    pub(super) fn session(&self) -> Session {
        *read(&self.session)
    }

    /// Records a change to the workspace, which schedules a round of diagnostics.
    pub(super) fn changed(&self, may_affect_other_notes: bool) {
        if may_affect_other_notes {
            self.refresh_wanted.store(true, Ordering::SeqCst);
            self.hints_refresh_wanted.store(true, Ordering::SeqCst);
        }
        self.generation.send_modify(|generation| *generation += 1);
    }

    pub(super) fn uri_for(&self, path: &Path) -> Option<Uri> {
        lock(&self.open_uris)
            .get(path)
            .cloned()
            .or_else(|| to_proto::uri(path))
    }

    pub(super) fn open_note_count(&self) -> usize {
        read(&self.workspace).open_paths().len()
    }

    /// A snapshot of the note at `path` and its workspace, for the features to read.
    pub(super) fn snapshot(&self, path: &Path) -> Option<Snapshot> {
        guarded("taking a snapshot", || read(&self.workspace).snapshot(path)).flatten()
    }

    /// A snapshot of each workspace root, for questions about every note.
    pub(super) fn root_snapshots(&self) -> Vec<Snapshot> {
        guarded("taking snapshots", || {
            read(&self.workspace).root_snapshots()
        })
        .unwrap_or_default()
    }
}

pub struct Backend {
    pub(super) client: Client,
    pub(super) shared: Arc<Shared>,
    pub(super) publisher: Mutex<Option<JoinHandle<()>>>,
    /// Messages for the user found during `initialize`, shown once the client is ready.
    startup_messages: Mutex<Vec<String>>,
}

impl std::fmt::Debug for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Backend")
            .field("session", &self.shared.session())
            .finish_non_exhaustive()
    }
}

impl Drop for Backend {
    fn drop(&mut self) {
        self.stop_publishing();
    }
}

impl Backend {
    fn new(client: Client, shared: Arc<Shared>) -> Backend {
        Backend {
            client,
            shared,
            publisher: Mutex::new(None),
            startup_messages: Mutex::new(Vec::new()),
        }
    }

    /// Agrees on the session, applies the client's settings, indexes the workspace and
    /// starts publishing diagnostics.
    async fn initialize_session(&self, params: InitializeParams) -> InitializeResult {
        *write(&self.shared.session) = Session::negotiate(&params.capabilities);
        let settings = params.initialization_options.clone().unwrap_or(Value::Null);
        let problems = self.apply_settings(&settings);
        lock(&self.startup_messages).extend(problems);
        self.index_roots(&params).await;
        self.start_publishing();

        let session = self.shared.session();
        info!(
            "initialized: positions in {:?}, diagnostics {}",
            session.encoding,
            if session.pull_diagnostics {
                "pulled"
            } else {
                "pushed"
            }
        );
        capabilities::initialize_result(session.encoding)
    }

    fn client_ready(&self) {
        // The client can take notifications now: a first round reports configuration
        // problems found while indexing.
        self.shared.changed(true);
        let messages = std::mem::take(&mut *lock(&self.startup_messages));
        self.show_later(messages);
        if self.shared.session().watch_files {
            self.register_file_watchers();
        }
    }

    /// A snapshot of the note at `uri` and its workspace, with the session's settings.
    fn snapshot(&self, uri: &Uri) -> Option<(Snapshot, Session)> {
        let path = from_proto::path(uri)?;
        Some((self.shared.snapshot(&path)?, self.shared.session()))
    }

    fn shut_down(&self) {
        self.shared.shutdown_requested.store(true, Ordering::SeqCst);
        self.shared.close();
        self.stop_publishing();
    }
}

/// The argument of every command: the note, and where the cursor is.
#[derive(Debug, Deserialize)]
struct CommandArgument {
    uri: Uri,
    position: Option<tower_lsp_server::ls_types::Position>,
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        Ok(self.initialize_session(params).await)
    }

    async fn initialized(&self, _: InitializedParams) {
        self.client_ready();
    }

    async fn shutdown(&self) -> Result<()> {
        self.shut_down();
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        sync::did_open(self, params);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        sync::did_change(self, params);
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        sync::did_save(self, params);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        sync::did_close(self, params);
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        sync::did_change_watched_files(self, params);
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        sync::did_change_configuration(self, params).await;
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let position = params.text_document_position_params;
        let Some((snapshot, session)) = self.snapshot(&position.text_document.uri) else {
            return Ok(None);
        };
        let rope = &snapshot.document.rope;
        let offset = from_proto::offset(rope, position.position, session.encoding);
        let Some(found) =
            guarded("computing a hover", || hover::hover(&snapshot, offset)).flatten()
        else {
            return Ok(None);
        };
        let contents = if session.markdown_hover {
            MarkupContent {
                kind: MarkupKind::Markdown,
                value: found.markdown,
            }
        } else {
            MarkupContent {
                kind: MarkupKind::PlainText,
                value: hover::to_plain_text(&found.markdown),
            }
        };
        Ok(Some(Hover {
            contents: HoverContents::Markup(contents),
            range: Some(to_proto::range(rope, found.range, session.encoding)),
        }))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some((snapshot, session)) = self.snapshot(&params.text_document.uri) else {
            return Ok(None);
        };
        let rope = &snapshot.document.rope;
        let range = from_proto::range(rope, params.range, session.encoding);
        let hints = guarded("computing inlay hints", || {
            inlay_hints::inlay_hints(&snapshot, range)
        })
        .unwrap_or_default();
        Ok(Some(
            hints
                .into_iter()
                .map(|hint| InlayHint {
                    position: to_proto::position(rope, hint.offset, session.encoding),
                    label: InlayHintLabel::String(hint.label),
                    kind: Some(match hint.kind {
                        inlay_hints::HintKind::VisionLink => InlayHintKind::TYPE,
                        _ => InlayHintKind::PARAMETER,
                    }),
                    text_edits: None,
                    tooltip: hint.tooltip.map(InlayHintTooltip::String),
                    padding_left: Some(true),
                    padding_right: None,
                    data: None,
                })
                .collect(),
        ))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let position = params.text_document_position;
        let Some((snapshot, session)) = self.snapshot(&position.text_document.uri) else {
            return Ok(None);
        };
        let rope = &snapshot.document.rope;
        let offset = from_proto::offset(rope, position.position, session.encoding);
        let items = guarded("computing completions", || {
            completion::complete(&snapshot, offset)
        })
        .unwrap_or_default();
        Ok(Some(CompletionResponse::Array(
            items
                .into_iter()
                .map(|item| nav::completion_item(item, rope, session.encoding))
                .collect(),
        )))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some((snapshot, session)) = self.snapshot(&params.text_document.uri) else {
            return Ok(None);
        };
        let symbols = guarded("listing symbols", || {
            navigation::document_symbols(&snapshot)
        })
        .unwrap_or_default();
        let rope = &snapshot.document.rope;
        Ok(Some(DocumentSymbolResponse::Nested(
            symbols
                .into_iter()
                .map(|symbol| nav::document_symbol(symbol, rope, session.encoding))
                .collect(),
        )))
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let session = self.shared.session();
        let snapshots = self.shared.root_snapshots();
        let uri_for = |path: &Path| self.shared.uri_for(path);
        let symbols = snapshots
            .iter()
            .flat_map(|snapshot| {
                guarded("searching symbols", || {
                    nav::workspace_symbols(snapshot, &params.query, session.encoding, &uri_for)
                })
                .unwrap_or_default()
            })
            .collect();
        Ok(Some(WorkspaceSymbolResponse::Nested(symbols)))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let Some((snapshot, session)) = self.snapshot(&params.text_document.uri) else {
            return Ok(None);
        };
        Ok(guarded("folding", || {
            nav::folding_ranges(&snapshot, session.encoding)
        }))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let position = params.text_document_position_params;
        let Some((snapshot, session)) = self.snapshot(&position.text_document.uri) else {
            return Ok(None);
        };
        let offset =
            from_proto::offset(&snapshot.document.rope, position.position, session.encoding);
        let found = guarded("finding a definition", || {
            navigation::definition(&snapshot, offset)
        })
        .unwrap_or_default();
        let uri_for = |path: &Path| self.shared.uri_for(path);
        let locations = nav::locations(found, &snapshot, session.encoding, &uri_for);
        Ok((!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations)))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let position = params.text_document_position;
        let Some((snapshot, session)) = self.snapshot(&position.text_document.uri) else {
            return Ok(None);
        };
        let offset =
            from_proto::offset(&snapshot.document.rope, position.position, session.encoding);
        let include = params.context.include_declaration;
        let found = guarded("finding references", || {
            navigation::references(&snapshot, offset, include)
        })
        .unwrap_or_default();
        let uri_for = |path: &Path| self.shared.uri_for(path);
        Ok(Some(nav::locations(
            found,
            &snapshot,
            session.encoding,
            &uri_for,
        )))
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let Some((snapshot, session)) = self.snapshot(&params.text_document.uri) else {
            return Ok(None);
        };
        let rope = &snapshot.document.rope;
        let offset = from_proto::offset(rope, params.position, session.encoding);
        let Some((range, placeholder)) = guarded("preparing a rename", || {
            navigation::prepare_rename(&snapshot, offset)
        })
        .flatten() else {
            return Ok(None);
        };
        Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
            range: to_proto::range(rope, range, session.encoding),
            placeholder,
        }))
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let position = params.text_document_position;
        let Some((snapshot, session)) = self.snapshot(&position.text_document.uri) else {
            return Ok(None);
        };
        let offset =
            from_proto::offset(&snapshot.document.rope, position.position, session.encoding);
        let edits = guarded("renaming", || {
            navigation::rename(&snapshot, offset, &params.new_name)
        })
        .unwrap_or_else(|| Err("renaming failed".to_string()))
        .map_err(Error::invalid_params)?;
        let changes: Vec<Change> = edits
            .into_iter()
            .map(|(path, edits)| Change::Edit { path, edits })
            .collect();
        let uri_for = |path: &Path| self.shared.uri_for(path);
        Ok(workspace_edit(
            &changes,
            &snapshot,
            session.edits,
            session.encoding,
            &uri_for,
        ))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some((snapshot, session)) = self.snapshot(&params.text_document.uri) else {
            return Ok(None);
        };
        let range = from_proto::range(&snapshot.document.rope, params.range, session.encoding);
        let actions = guarded("computing code actions", || {
            let mut actions = crate::features::fixes::quick_fixes(&snapshot, range.clone());
            actions.extend(coaching::actions(&snapshot, range.clone()));
            actions
        })
        .unwrap_or_default();
        let only = params.context.only.unwrap_or_default();
        let uri_for = |path: &Path| self.shared.uri_for(path);
        let response: Vec<CodeActionOrCommand> = actions
            .iter()
            .filter_map(|action| {
                code_action(
                    action,
                    &snapshot,
                    session.edits,
                    session.encoding,
                    &uri_for,
                    &params.context.diagnostics,
                )
            })
            .filter(|action| {
                only.is_empty()
                    || action.kind.as_ref().is_some_and(|kind| {
                        only.iter().any(|wanted| {
                            kind.as_str() == wanted.as_str()
                                || kind.as_str().starts_with(&format!("{}.", wanted.as_str()))
                        })
                    })
            })
            .map(CodeActionOrCommand::CodeAction)
            .collect();
        Ok(Some(response))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        let command = Command::from_id(&params.command)
            .ok_or_else(|| Error::invalid_params(format!("unknown command {}", params.command)))?;
        let argument: CommandArgument = params
            .arguments
            .first()
            .cloned()
            .and_then(|value| serde_json::from_value(value).ok())
            .ok_or_else(|| Error::invalid_params("expected an argument {uri, position?}"))?;
        let (snapshot, session) = self
            .snapshot(&argument.uri)
            .ok_or_else(|| Error::invalid_params("that note is not known"))?;
        let offset = argument
            .position
            .map(|position| from_proto::offset(&snapshot.document.rope, position, session.encoding))
            .unwrap_or(0);
        let Some(action) = guarded("running a command", || {
            coaching::command_action(&snapshot, command, offset)
        })
        .flatten() else {
            return Ok(None);
        };
        let uri_for = |path: &Path| self.shared.uri_for(path);
        let Some(edit) = code_action(
            &action,
            &snapshot,
            session.edits,
            session.encoding,
            &uri_for,
            &[],
        )
        .and_then(|a| a.edit) else {
            return Ok(None);
        };
        // Spawned: the client answers applyEdit while this request is still open.
        let client = self.client.clone();
        tokio::spawn(async move {
            match client.apply_edit(edit).await {
                Ok(response) if !response.applied => {
                    warn!(
                        "the client did not apply the edit: {:?}",
                        response.failure_reason
                    )
                }
                Ok(_) => {}
                Err(error) => warn!("applying an edit failed: {error}"),
            }
        });
        Ok(None)
    }
    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        diagnostics::document_diagnostic(self, params).await
    }

    async fn workspace_diagnostic(
        &self,
        params: WorkspaceDiagnosticParams,
    ) -> Result<WorkspaceDiagnosticReportResult> {
        diagnostics::workspace_diagnostic(self, params).await
    }
}
