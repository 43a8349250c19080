//! The server itself: the state its parts share, the session's lifecycle (`initialize`,
//! `initialized`, `shutdown`), and the `LanguageServer` implementation, which hands every
//! other message to the module whose job it is: `sync` for notifications, `handlers` for
//! requests about notes, `diagnostics` for diagnostics.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use serde_json::Value;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    CodeActionParams, CodeActionResponse, CodeLens, CodeLensParams, CompletionParams,
    CompletionResponse, DidChangeConfigurationParams, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, DocumentDiagnosticParams, DocumentDiagnosticReportResult,
    DocumentHighlight, DocumentHighlightParams, DocumentLink, DocumentLinkParams,
    DocumentSymbolParams, DocumentSymbolResponse, ExecuteCommandParams, FoldingRange,
    FoldingRangeParams, GotoDefinitionParams, GotoDefinitionResponse, Hover, HoverParams,
    InitializeParams, InitializeResult, InitializedParams, InlayHint, InlayHintParams, Location,
    PrepareRenameResponse, ReferenceParams, RenameParams, SemanticTokensDeltaParams,
    SemanticTokensFullDeltaResult, SemanticTokensParams, SemanticTokensRangeParams,
    SemanticTokensRangeResult, SemanticTokensResult, TextDocumentPositionParams, Uri,
    WorkspaceDiagnosticParams, WorkspaceDiagnosticReportResult, WorkspaceEdit,
    WorkspaceSymbolParams, WorkspaceSymbolResponse,
};
use tower_lsp_server::{Client, ClientSocket, LanguageServer, LspService};
use tracing::info;

use super::capabilities::{self, Session};
use super::convert::to_proto;
use super::guard::{guarded, lock, read, write};
use super::indexing::{roots_of, IndexStage};
use super::sync::DOCUMENT_TEXT_METHOD;
use super::{diagnostics, handlers, sync};
use crate::workspace::Snapshot;
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
    /// How far the workspace roots are indexed.
    pub(super) index: watch::Sender<IndexStage>,
    /// The client sent `initialized`: it takes requests now.
    pub(super) ready: watch::Sender<bool>,
    /// The last semantic tokens sent for each note, for deltas.
    pub(super) sent_tokens: super::semantic::SentTokens,
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
            index: watch::Sender::new(IndexStage::Done),
            ready: watch::Sender::new(false),
            sent_tokens: super::semantic::SentTokens::default(),
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
        read(&self.workspace).open_count()
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
        self.start_indexing(roots_of(&params));
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
        capabilities::initialize_result(&session)
    }

    fn client_ready(&self) {
        self.shared.ready.send_replace(true);
        // The client can take notifications now: a first round reports configuration
        // problems found while indexing.
        self.shared.changed(true);
        let messages = std::mem::take(&mut *lock(&self.startup_messages));
        self.show_later(messages);
        if self.shared.session().watch_files {
            self.register_file_watchers();
        }
    }

    fn shut_down(&self) {
        self.shared.shutdown_requested.store(true, Ordering::SeqCst);
        self.shared.close();
        self.stop_publishing();
    }
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
        self.shared.sent_tokens.forget(&params.text_document.uri);
        sync::did_close(self, params);
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        sync::did_change_watched_files(self, params);
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        sync::did_change_configuration(self, params).await;
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        self.shared.indexed(IndexStage::Primed).await;
        handlers::hover(self, params)
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        self.shared.indexed(IndexStage::Primed).await;
        handlers::inlay_hint(self, params)
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        self.shared.indexed(IndexStage::Primed).await;
        handlers::completion(self, params)
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        handlers::document_symbol(self, params)
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        self.shared.indexed(IndexStage::Done).await;
        handlers::workspace_symbol(self, params)
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        handlers::folding_range(self, params)
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        self.shared.indexed(IndexStage::Primed).await;
        handlers::goto_definition(self, params)
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        self.shared.indexed(IndexStage::Done).await;
        handlers::references(self, params)
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        self.shared.indexed(IndexStage::Primed).await;
        handlers::semantic_tokens_full(self, params)
    }

    async fn semantic_tokens_full_delta(
        &self,
        params: SemanticTokensDeltaParams,
    ) -> Result<Option<SemanticTokensFullDeltaResult>> {
        self.shared.indexed(IndexStage::Primed).await;
        handlers::semantic_tokens_full_delta(self, params)
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        self.shared.indexed(IndexStage::Primed).await;
        handlers::semantic_tokens_range(self, params)
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        self.shared.indexed(IndexStage::Primed).await;
        handlers::code_lens(self, params)
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        self.shared.indexed(IndexStage::Primed).await;
        handlers::document_highlight(self, params)
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        self.shared.indexed(IndexStage::Done).await;
        handlers::document_link(self, params)
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        self.shared.indexed(IndexStage::Done).await;
        handlers::prepare_rename(self, params)
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        self.shared.indexed(IndexStage::Done).await;
        handlers::rename(self, params)
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        self.shared.indexed(IndexStage::Primed).await;
        handlers::code_action(self, params)
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        if params.command == super::capabilities::SHOW_REPORT_COMMAND {
            // The dashboard covers every note of the root: wait until they are read.
            self.shared.indexed(IndexStage::Done).await;
        }
        handlers::execute_command(self, params)
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        self.shared.indexed(IndexStage::Primed).await;
        diagnostics::document_diagnostic(self, params).await
    }

    async fn workspace_diagnostic(
        &self,
        params: WorkspaceDiagnosticParams,
    ) -> Result<WorkspaceDiagnosticReportResult> {
        self.shared.indexed(IndexStage::Done).await;
        diagnostics::workspace_diagnostic(self, params).await
    }
}
