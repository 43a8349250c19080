//! The protocol handlers: capability negotiation, document sync into the workspace, and
//! diagnostics (pushed after a short delay, or pulled when the client supports pulling).
//!
//! Notifications change the workspace before their handler's first `.await`:
//! tower-lsp-server runs handlers concurrently, so anything a handler did after awaiting
//! could land out of order. The workspace lock is a std `RwLock`, held briefly and never
//! across an await. Diagnostics are computed off the notification path from the workspace
//! as it stands, and a result for a note version that is no longer current is dropped.

use std::collections::{BTreeMap, HashMap};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Duration;

use ropey::Rope;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio::time::Instant;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{
    CodeActionKind, CodeActionOptions, CompletionOptions, CompletionParams, CompletionResponse,
    DocumentSymbolParams, DocumentSymbolResponse, FoldingRange, FoldingRangeParams,
    FoldingRangeProviderCapability, GotoDefinitionParams, GotoDefinitionResponse, InlayHint,
    InlayHintKind, InlayHintLabel, InlayHintParams, InlayHintTooltip, Location, OneOf,
    PrepareRenameResponse, ReferenceParams, RenameOptions, RenameParams,
    TextDocumentPositionParams, WorkspaceEdit, WorkspaceSymbolParams, WorkspaceSymbolResponse,
};
use tower_lsp_server::ls_types::{
    CodeActionOrCommand, CodeActionParams, CodeActionProviderCapability, CodeActionResponse,
    ConfigurationItem, Diagnostic, DiagnosticOptions, DiagnosticServerCapabilities,
    DidChangeConfigurationParams, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, DocumentDiagnosticParams,
    DocumentDiagnosticReport, DocumentDiagnosticReportResult, ExecuteCommandOptions,
    ExecuteCommandParams, FileChangeType, FileSystemWatcher, FullDocumentDiagnosticReport,
    GlobPattern, Hover, HoverContents, HoverParams, HoverProviderCapability, InitializeParams,
    InitializeResult, InitializedParams, MarkupContent, MarkupKind, MessageType, Registration,
    RelatedFullDocumentDiagnosticReport, RelatedUnchangedDocumentDiagnosticReport,
    ResourceOperationKind, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentContentChangeEvent, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, UnchangedDocumentDiagnosticReport, Uri,
    WorkspaceDiagnosticParams, WorkspaceDiagnosticReport, WorkspaceDiagnosticReportResult,
    WorkspaceDocumentDiagnosticReport, WorkspaceFullDocumentDiagnosticReport,
};
use tower_lsp_server::{Client, ClientSocket, LanguageServer, LspService};
use tracing::{debug, error, info, warn};

use super::convert::{from_proto, to_proto, PositionEncoding};
use super::edits::{code_action, workspace_edit, EditSupport};
use super::navigation as nav;
use crate::features::actions::{self as coaching, Command};
use crate::features::navigation;
use crate::features::{completion, hover, inlay_hints, Change};
use crate::rules::Edit;
use crate::workspace::Snapshot;
use crate::workspace::{Config, Workspace, CONFIG_FILE_NAME};

/// A custom request, `{uri} -> {text, version}`: the server's copy of a document. Tests use
/// it to check incremental sync; it helps when debugging an editor integration too.
pub const DOCUMENT_TEXT_METHOD: &str = "careerLsp/documentText";

/// The default pause between the last change and publishing diagnostics.
pub const DEFAULT_DIAGNOSTICS_DELAY: Duration = Duration::from_millis(150);
/// While changes keep coming, diagnostics are still published at least this often.
const MAX_DIAGNOSTICS_WAIT: Duration = Duration::from_secs(1);

/// Server settings that are not part of the analysis configuration: they are taken out of
/// `initializationOptions` / `didChangeConfiguration` before the rest goes to `Config`.
const DELAY_KEYS: [&str; 3] = [
    "diagnostics-delay-ms",
    "diagnostics_delay_ms",
    "diagnosticsDelayMs",
];

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

/// What the client and server agreed on in `initialize`, plus server settings.
#[derive(Debug, Clone, Copy)]
struct Session {
    encoding: PositionEncoding,
    /// The client pulls diagnostics (`textDocument/diagnostic`), so notes' are not pushed.
    pull_diagnostics: bool,
    /// The client accepts `workspace/diagnostic/refresh`.
    diagnostics_refresh: bool,
    /// The client lets us register file watchers at run time.
    watch_files: bool,
    /// The client answers `workspace/configuration`.
    configuration_requests: bool,
    diagnostics_delay: Duration,
    /// What the client's workspace edits can do.
    edits: EditSupport,
    /// The client renders Markdown in hovers.
    markdown_hover: bool,
    /// The client accepts `workspace/inlayHint/refresh`.
    inlay_hint_refresh: bool,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            encoding: PositionEncoding::default(),
            pull_diagnostics: false,
            diagnostics_refresh: false,
            watch_files: false,
            configuration_requests: false,
            diagnostics_delay: DEFAULT_DIAGNOSTICS_DELAY,
            edits: EditSupport::default(),
            markdown_hover: true,
            inlay_hint_refresh: false,
        }
    }
}

/// State shared by the handlers and the background tasks.
#[derive(Debug)]
pub struct Shared {
    workspace: Arc<RwLock<Workspace>>,
    session: RwLock<Session>,
    /// Each open note's URI as the client spelled it, so reports go back under that name.
    open_uris: Mutex<HashMap<PathBuf, Uri>>,
    /// Bumped after every change to the workspace; also the pull diagnostics' result id.
    generation: watch::Sender<u64>,
    /// A change may have altered other notes' diagnostics than the changed one's.
    refresh_wanted: AtomicBool,
    /// A change may have altered other notes' inlay hints.
    hints_refresh_wanted: AtomicBool,
    shutdown_requested: AtomicBool,
    /// Set when the session is ending; long-held requests return.
    closing: watch::Sender<bool>,
    /// The generation of the last workspace report that listed no documents at all.
    empty_workspace_report: Mutex<Option<u64>>,
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

    fn session(&self) -> Session {
        *read(&self.session)
    }

    fn changed(&self, may_affect_other_notes: bool) {
        if may_affect_other_notes {
            self.refresh_wanted.store(true, Ordering::SeqCst);
            self.hints_refresh_wanted.store(true, Ordering::SeqCst);
        }
        self.generation.send_modify(|generation| *generation += 1);
    }

    fn uri_for(&self, path: &Path) -> Option<Uri> {
        lock(&self.open_uris)
            .get(path)
            .cloned()
            .or_else(|| to_proto::uri(path))
    }

    fn open_note_count(&self) -> usize {
        read(&self.workspace).open_paths().len()
    }
}

pub struct Backend {
    client: Client,
    shared: Arc<Shared>,
    publisher: Mutex<Option<JoinHandle<()>>>,
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
        if let Some(publisher) = lock(&self.publisher).take() {
            publisher.abort();
        }
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

    fn workspace(&self) -> &RwLock<Workspace> {
        &self.shared.workspace
    }

    /// Applies settings from the client; returns problems to show the user.
    fn apply_settings(&self, settings: &Value) -> Vec<String> {
        let (config, problems, delay) = read_settings(settings);
        if let Some(delay) = delay {
            write(&self.shared.session).diagnostics_delay = delay;
        }
        write(self.workspace()).set_config(config);
        problems
    }

    fn show_later(&self, messages: Vec<String>) {
        if messages.is_empty() {
            return;
        }
        let client = self.client.clone();
        tokio::spawn(async move {
            for message in messages {
                client
                    .show_message(
                        MessageType::WARNING,
                        format!("career-lsp settings: {message}"),
                    )
                    .await;
            }
        });
    }

    async fn document_text(&self, params: DocumentTextParams) -> Result<DocumentText> {
        let path =
            from_proto::path(&params.uri).ok_or_else(|| Error::invalid_params("not a file URI"))?;
        let document = read(self.workspace())
            .document(&path)
            .ok_or_else(|| Error::invalid_params(format!("{} is not known", path.display())))?;
        Ok(DocumentText {
            text: document.text.to_string(),
            version: document.version,
        })
    }

    /// A snapshot of the note at `uri` and its workspace, with the session's settings.
    fn snapshot(&self, uri: &Uri) -> Option<(Snapshot, Session)> {
        let path = from_proto::path(uri)?;
        let snapshot = guarded("taking a snapshot", || {
            read(self.workspace()).snapshot(&path)
        })
        .flatten()?;
        Some((snapshot, self.shared.session()))
    }

    /// The diagnostics of one note, computed on a blocking thread.
    async fn note_report(&self, path: PathBuf) -> Option<NoteReport> {
        let workspace = self.shared.workspace.clone();
        let encoding = self.shared.session().encoding;
        tokio::task::spawn_blocking(move || note_report(&workspace, &path, encoding))
            .await
            .unwrap_or_else(|error| {
                error!("computing diagnostics failed: {error}");
                None
            })
    }
}

/// The argument of every command: the note, and where the cursor is.
#[derive(Debug, Deserialize)]
struct CommandArgument {
    uri: Uri,
    position: Option<tower_lsp_server::ls_types::Position>,
}

#[derive(Debug, Deserialize)]
struct DocumentTextParams {
    uri: Uri,
}

#[derive(Debug, Serialize)]
struct DocumentText {
    text: String,
    version: Option<i32>,
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let capabilities = &params.capabilities;
        let encoding = PositionEncoding::negotiate(
            capabilities
                .general
                .as_ref()
                .and_then(|general| general.position_encodings.as_deref()),
        );
        let workspace_capabilities = capabilities.workspace.as_ref();
        {
            let mut session = write(&self.shared.session);
            session.encoding = encoding;
            session.pull_diagnostics = capabilities
                .text_document
                .as_ref()
                .is_some_and(|text| text.diagnostic.is_some());
            session.diagnostics_refresh = workspace_capabilities
                .and_then(|w| w.diagnostics.as_ref())
                .and_then(|d| d.refresh_support)
                == Some(true);
            session.watch_files = workspace_capabilities
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                == Some(true);
            session.configuration_requests =
                workspace_capabilities.and_then(|w| w.configuration) == Some(true);
            let workspace_edit = workspace_capabilities.and_then(|w| w.workspace_edit.as_ref());
            session.edits = EditSupport {
                document_changes: workspace_edit.and_then(|e| e.document_changes) == Some(true),
                create_files: workspace_edit
                    .and_then(|e| e.resource_operations.as_ref())
                    .is_some_and(|ops| ops.contains(&ResourceOperationKind::Create)),
            };
            session.markdown_hover = capabilities
                .text_document
                .as_ref()
                .and_then(|t| t.hover.as_ref())
                .and_then(|h| h.content_format.as_ref())
                .is_none_or(|formats| formats.first() != Some(&MarkupKind::PlainText));
            session.inlay_hint_refresh = workspace_capabilities
                .and_then(|w| w.inlay_hint.as_ref())
                .and_then(|i| i.refresh_support)
                == Some(true);
        }
        let settings = params.initialization_options.clone().unwrap_or(Value::Null);
        let problems = self.apply_settings(&settings);
        lock(&self.startup_messages).extend(problems);

        let roots = roots_of(&params);
        let workspace = self.shared.workspace.clone();
        let scan = tokio::task::spawn_blocking(move || {
            for root in roots {
                let report = guarded("indexing a workspace root", || {
                    write(&workspace).add_root(root.clone())
                });
                if let Some(report) = report {
                    info!("indexed {} notes under {}", report.indexed, root.display());
                    for (path, reason) in report.skipped {
                        warn!("skipped {}: {reason}", path.display());
                    }
                }
            }
        });
        if let Err(error) = scan.await {
            error!("indexing the workspace failed: {error}");
        }

        let publisher = tokio::spawn(publish_diagnostics(
            self.shared.clone(),
            self.client.clone(),
        ));
        if let Some(previous) = lock(&self.publisher).replace(publisher) {
            previous.abort();
        }

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
        Ok(InitializeResult {
            capabilities: capabilities_for(encoding),
            server_info: Some(ServerInfo {
                name: "career-lsp".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        // The client can take notifications now: a first round reports configuration
        // problems found while indexing.
        self.shared.changed(true);
        let messages = std::mem::take(&mut *lock(&self.startup_messages));
        self.show_later(messages);
        if !self.shared.session().watch_files {
            return;
        }
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

    async fn shutdown(&self) -> Result<()> {
        self.shared.shutdown_requested.store(true, Ordering::SeqCst);
        self.shared.close();
        if let Some(publisher) = lock(&self.publisher).take() {
            publisher.abort();
        }
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let document = params.text_document;
        let Some(path) = from_proto::path(&document.uri) else {
            info!("not tracking {}: only file URIs are", document.uri.as_str());
            return;
        };
        let text = document.text;
        guarded("opening a note", || {
            write(self.workspace()).open(path.clone(), document.version, text)
        });
        lock(&self.shared.open_uris).insert(path, document.uri);
        let others_open = self.shared.open_note_count() > 1;
        self.shared.changed(others_open);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let Some(path) = from_proto::path(&params.text_document.uri) else {
            return;
        };
        let version = params.text_document.version;
        let encoding = self.shared.session().encoding;
        let result = {
            let mut workspace = write(self.workspace());
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
        let others_open = self.shared.open_note_count() > 1;
        self.shared.changed(others_open);
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let Some(path) = from_proto::path(&params.text_document.uri) else {
            return;
        };
        // A note's text is already current; a configuration file is read when saved.
        if is_config_file(&path) {
            guarded("reloading the configuration", || {
                write(self.workspace()).reload_from_disk(&path)
            });
            self.shared.changed(true);
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let Some(path) = from_proto::path(&params.text_document.uri) else {
            return;
        };
        guarded("closing a note", || write(self.workspace()).close(&path));
        lock(&self.shared.open_uris).remove(&path);
        self.shared.changed(true);
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        {
            let mut workspace = write(self.workspace());
            for event in &params.changes {
                let Some(path) = from_proto::path(&event.uri) else {
                    continue;
                };
                debug!("on disk: {:?} {}", event.typ, path.display());
                guarded("updating from disk", || {
                    if event.typ == FileChangeType::DELETED {
                        workspace.remove(&path);
                    } else {
                        workspace.reload_from_disk(&path);
                    }
                });
            }
        }
        self.shared.changed(true);
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let settings = params.settings;
        let empty = settings.is_null() || settings.as_object().is_some_and(|s| s.is_empty());
        if !empty || !self.shared.session().configuration_requests {
            let problems = self.apply_settings(&settings);
            self.show_later(problems);
            self.shared.changed(true);
            return;
        }
        // The client only told us that something changed: ask for our section.
        let item = ConfigurationItem {
            scope_uri: None,
            section: Some("careerLsp".to_string()),
        };
        match self.client.configuration(vec![item]).await {
            Ok(values) => {
                let settings = values.into_iter().next().unwrap_or(Value::Null);
                let problems = self.apply_settings(&settings);
                self.show_later(problems);
                self.shared.changed(true);
            }
            Err(error) => warn!("could not read the settings from the client: {error}"),
        }
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
        let snapshots = guarded("taking snapshots", || {
            read(self.workspace()).root_snapshots()
        })
        .unwrap_or_default();
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
        // Read the generation first: the report is then at least as new as its id.
        let generation = *self.shared.generation.borrow();
        let result_id = generation.to_string();
        if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
            return Ok(DocumentDiagnosticReport::Unchanged(
                RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id,
                    },
                },
            )
            .into());
        }
        let items = match from_proto::path(&params.text_document.uri) {
            Some(path) if !is_config_file(&path) => self
                .note_report(path)
                .await
                .map(|report| report.diagnostics)
                .unwrap_or_default(),
            // Configuration problems are always pushed.
            _ => Vec::new(),
        };
        Ok(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(result_id),
                    items,
                },
            })
            .into(),
        )
    }

    async fn workspace_diagnostic(
        &self,
        params: WorkspaceDiagnosticParams,
    ) -> Result<WorkspaceDiagnosticReportResult> {
        let mut generations = self.shared.generation.subscribe();
        let current_generation = *generations.borrow_and_update();
        let current = current_generation.to_string();
        let client_is_current = if params.previous_result_ids.is_empty() {
            *lock(&self.shared.empty_workspace_report) == Some(current_generation)
        } else {
            params
                .previous_result_ids
                .iter()
                .all(|previous| previous.value == current)
        };
        if client_is_current {
            // Nothing changed since the client's last report: hold the request until
            // something does, so a client that asks again at once does not spin.
            let mut closing = self.shared.closing.subscribe();
            tokio::select! {
                _ = generations.changed() => {}
                _ = closing.wait_for(|closing| *closing) => {}
            }
        }
        let generation = *generations.borrow_and_update();
        let workspace = self.shared.workspace.clone();
        let shared = self.shared.clone();
        let encoding = shared.session().encoding;
        let items = tokio::task::spawn_blocking(move || {
            let paths = read(&workspace).note_paths();
            paths
                .into_iter()
                .filter(|path| !is_config_file(path))
                .filter_map(|path| {
                    let report = note_report(&workspace, &path, encoding)?;
                    let uri = shared.uri_for(&path)?;
                    Some(WorkspaceDocumentDiagnosticReport::Full(
                        WorkspaceFullDocumentDiagnosticReport {
                            uri,
                            version: report.version.map(i64::from),
                            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                                result_id: Some(generation.to_string()),
                                items: report.diagnostics,
                            },
                        },
                    ))
                })
                .collect::<Vec<_>>()
        })
        .await
        .unwrap_or_else(|error| {
            error!("computing workspace diagnostics failed: {error}");
            Vec::new()
        });
        *lock(&self.shared.empty_workspace_report) = items.is_empty().then_some(generation);
        Ok(WorkspaceDiagnosticReport { items }.into())
    }
}

fn capabilities_for(encoding: PositionEncoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                will_save: None,
                will_save_wait_until: None,
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
            },
        )),
        diagnostic_provider: Some(DiagnosticServerCapabilities::Options(DiagnosticOptions {
            identifier: Some("career-lsp".to_string()),
            inter_file_dependencies: true,
            workspace_diagnostics: true,
            ..DiagnosticOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::REFACTOR_REWRITE,
                CodeActionKind::SOURCE,
            ]),
            ..CodeActionOptions::default()
        })),
        inlay_hint_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(["[", "#", "|", " "].iter().map(|c| c.to_string()).collect()),
            ..CompletionOptions::default()
        }),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: Command::ALL.iter().map(|c| c.id().to_string()).collect(),
            ..ExecuteCommandOptions::default()
        }),
        ..ServerCapabilities::default()
    }
}

/// The workspace folders, else the root URI, else the (older) root path.
fn roots_of(params: &InitializeParams) -> Vec<PathBuf> {
    if let Some(folders) = params.workspace_folders.as_ref().filter(|f| !f.is_empty()) {
        return folders
            .iter()
            .filter_map(|folder| from_proto::path(&folder.uri))
            .collect();
    }
    #[allow(deprecated)]
    let root_uri = params.root_uri.as_ref().and_then(from_proto::path);
    #[allow(deprecated)]
    let root_path = params.root_path.as_ref().map(PathBuf::from);
    root_uri.or(root_path).into_iter().collect()
}

/// Splits the client's settings into the analysis configuration and server settings.
/// Returns the configuration, problems to show, and the diagnostics delay if set.
fn read_settings(settings: &Value) -> (Config, Vec<String>, Option<Duration>) {
    let mut settings = settings
        .get("careerLsp")
        .or_else(|| settings.get("career-lsp"))
        .unwrap_or(settings)
        .clone();
    let mut messages = Vec::new();
    let mut delay = None;
    if let Some(object) = settings.as_object_mut() {
        for key in DELAY_KEYS {
            match object.remove(key) {
                None => {}
                Some(value) => match value.as_u64() {
                    Some(ms) => delay = Some(Duration::from_millis(ms)),
                    None => messages.push(format!(
                        "`{key}` must be a whole number of milliseconds, not {value}"
                    )),
                },
            }
        }
    }
    let (config, problems) = Config::from_json(&settings);
    messages.extend(problems.into_iter().map(|problem| problem.message));
    for message in &messages {
        warn!("settings: {message}");
    }
    (config, messages, delay)
}

/// Applies one content change to `rope` and returns it as a byte edit of the text before it.
fn apply_change(
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

fn is_config_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name == std::ffi::OsStr::new(CONFIG_FILE_NAME))
}

/// A note's diagnostics with the version they were computed for.
struct NoteReport {
    version: Option<i32>,
    diagnostics: Vec<Diagnostic>,
}

fn note_report(
    workspace: &RwLock<Workspace>,
    path: &Path,
    encoding: PositionEncoding,
) -> Option<NoteReport> {
    // The lock is held only to take the snapshot; the rules run after it is released, so
    // an edit never waits for them. The document and its findings come from one moment.
    let snapshot = guarded("taking a snapshot", || read(workspace).snapshot(path)).flatten()?;
    let findings = guarded("computing diagnostics", || snapshot.diagnostics()).unwrap_or_default();
    let document = &snapshot.document;
    let diagnostics = findings
        .iter()
        .map(|finding| to_proto::diagnostic(finding, &document.rope, encoding))
        .collect();
    Some(NoteReport {
        version: document.version,
        diagnostics,
    })
}

/// Problems in configuration files, as diagnostics, by file.
fn config_reports(
    workspace: &RwLock<Workspace>,
    encoding: PositionEncoding,
) -> BTreeMap<PathBuf, Vec<Diagnostic>> {
    let files = guarded("reading configuration problems", || {
        read(workspace).config_problems()
    })
    .unwrap_or_default();
    // The problems' ranges point into the text the workspace read them from: an open
    // file's unsaved text, not what is on disk.
    files
        .into_iter()
        .map(|file| {
            let rope = Rope::from_str(&file.text);
            let diagnostics = file
                .problems
                .iter()
                .map(|problem| to_proto::config_diagnostic(problem, &rope, encoding))
                .collect();
            (file.path, diagnostics)
        })
        .collect()
}

/// One round of pushed diagnostics.
struct Round {
    notes: Vec<(PathBuf, Uri, NoteReport)>,
    configs: BTreeMap<PathBuf, Vec<Diagnostic>>,
}

fn compute_round(shared: &Shared, session: Session) -> Round {
    let mut notes = Vec::new();
    if !session.pull_diagnostics {
        let open = read(&shared.workspace).open_paths();
        for path in open {
            let Some(uri) = shared.uri_for(&path) else {
                continue;
            };
            if let Some(report) = note_report(&shared.workspace, &path, session.encoding) {
                notes.push((path, uri, report));
            }
        }
    }
    let configs = config_reports(&shared.workspace, session.encoding);
    Round { notes, configs }
}

/// Publishes diagnostics for every open note a short while after the last change, and
/// clears them when a note closes. Runs for the whole session.
async fn publish_diagnostics(shared: Arc<Shared>, client: Client) {
    let mut generations = shared.generation.subscribe();
    let mut published_notes: HashMap<PathBuf, Uri> = HashMap::new();
    let mut published_configs: HashMap<PathBuf, Uri> = HashMap::new();
    loop {
        if generations.changed().await.is_err() {
            return;
        }
        let session = shared.session();
        if !settle(&mut generations, session.diagnostics_delay).await {
            return;
        }
        generations.borrow_and_update();
        let round = {
            let shared = shared.clone();
            match tokio::task::spawn_blocking(move || compute_round(&shared, session)).await {
                Ok(round) => round,
                Err(error) => {
                    error!("computing diagnostics failed: {error}");
                    continue;
                }
            }
        };

        let mut still_open = HashMap::new();
        for (path, uri, report) in round.notes {
            // A newer version will get its own round; this result is out of date.
            if !is_current(&shared.workspace, &path, report.version) {
                debug!(
                    "dropping diagnostics for an old version of {}",
                    path.display()
                );
                still_open.insert(path, uri);
                continue;
            }
            client
                .publish_diagnostics(uri.clone(), report.diagnostics, report.version)
                .await;
            still_open.insert(path, uri);
        }
        for (path, uri) in published_notes.drain() {
            if !still_open.contains_key(&path) && !read(&shared.workspace).is_open(&path) {
                client.publish_diagnostics(uri, Vec::new(), None).await;
            }
        }
        published_notes = still_open;

        let mut with_problems = HashMap::new();
        for (path, diagnostics) in round.configs {
            let Some(uri) = to_proto::uri(&path) else {
                continue;
            };
            client
                .publish_diagnostics(uri.clone(), diagnostics, None)
                .await;
            with_problems.insert(path, uri);
        }
        for (path, uri) in published_configs.drain() {
            if !with_problems.contains_key(&path) {
                client.publish_diagnostics(uri, Vec::new(), None).await;
            }
        }
        published_configs = with_problems;

        if session.inlay_hint_refresh && shared.hints_refresh_wanted.swap(false, Ordering::SeqCst) {
            let client = client.clone();
            tokio::spawn(async move {
                if let Err(error) = client.inlay_hint_refresh().await {
                    debug!("inlay hint refresh: {error}");
                }
            });
        }
        if session.pull_diagnostics
            && session.diagnostics_refresh
            && shared.refresh_wanted.swap(false, Ordering::SeqCst)
        {
            let client = client.clone();
            tokio::spawn(async move {
                if let Err(error) = client.workspace_diagnostic_refresh().await {
                    debug!("diagnostic refresh: {error}");
                }
            });
        }
    }
}

/// Waits until no change has come for `delay` (but no longer than a second in all).
/// `false` when the workspace is gone.
async fn settle(generations: &mut watch::Receiver<u64>, delay: Duration) -> bool {
    if delay.is_zero() {
        return true;
    }
    let deadline = Instant::now() + delay.max(MAX_DIAGNOSTICS_WAIT);
    loop {
        let wait = delay.min(deadline.saturating_duration_since(Instant::now()));
        match tokio::time::timeout(wait, generations.changed()).await {
            Ok(Ok(())) if Instant::now() < deadline => continue,
            Ok(Ok(())) | Err(_) => return true,
            Ok(Err(_)) => return false,
        }
    }
}

fn is_current(workspace: &RwLock<Workspace>, path: &Path, version: Option<i32>) -> bool {
    let workspace = read(workspace);
    workspace.is_open(path) && workspace.document(path).and_then(|d| d.version) == version
}

/// Runs core code so that a panic in it is logged instead of ending the session.
fn guarded<T>(what: &str, f: impl FnOnce() -> T) -> Option<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(value) => Some(value),
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            error!("{what} failed: {message}");
            None
        }
    }
}

// A panic while a lock is held poisons it; the data is still the best we have, so the
// server carries on with it rather than failing every later request.
fn read<T>(lock: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(PoisonError::into_inner)
}

fn write<T>(lock: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(PoisonError::into_inner)
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
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

    #[test]
    fn settings_split_server_keys_from_the_configuration() {
        let (config, problems, delay) = read_settings(&json!({
            "careerLsp": { "diagnosticsDelayMs": 0, "maxAnnualGoals": 5 }
        }));
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(delay, Some(Duration::ZERO));
        assert_eq!(config.rules.max_annual_goals, 5);
        let (_, problems, delay) = read_settings(&json!({ "diagnostics-delay-ms": "soon" }));
        assert_eq!(problems.len(), 1);
        assert_eq!(delay, None);
        let (config, problems, _) = read_settings(&Value::Null);
        assert_eq!((config, problems), (Config::default(), Vec::new()));
    }
}
