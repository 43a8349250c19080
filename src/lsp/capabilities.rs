//! What the client and the server agree on in `initialize`: the [`Session`] read from the
//! client's capabilities, and the capabilities the server announces in return.

use std::time::Duration;

use tower_lsp_server::ls_types::{
    ClientCapabilities, CodeActionKind, CodeActionOptions, CodeActionProviderCapability,
    CodeLensOptions, CompletionOptions, DiagnosticOptions, DiagnosticServerCapabilities,
    DocumentLinkOptions, ExecuteCommandOptions, FoldingRangeProviderCapability,
    HoverProviderCapability, InitializeResult, MarkupKind, OneOf, RenameOptions,
    ResourceOperationKind, SaveOptions, SemanticTokensFullOptions, SemanticTokensOptions,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions,
};

use super::convert::PositionEncoding;
use super::diagnostics::DEFAULT_DIAGNOSTICS_DELAY;
use super::edits::EditSupport;
use crate::features::actions::Command;

/// The command a code action becomes for a client without `CodeAction` literals: its one
/// argument is the action's `WorkspaceEdit`, which the server sends back to the client
/// through `workspace/applyEdit`.
pub const APPLY_EDIT_COMMAND: &str = "career-lsp.applyEdit";

/// The command of an action that shows a note ("Open today's session log"): its one
/// argument is `{ "uri": … }`, which the server asks the client to show through
/// `window/showDocument`.
pub const SHOW_DOCUMENT_COMMAND: &str = "career-lsp.showDocument";

/// The command that returns the dashboard of a workspace root as one HTML page (a
/// string): its optional argument `{ "uri": … }` names a note or folder of the root
/// (else the outermost root).
pub const SHOW_REPORT_COMMAND: &str = "career-lsp.showReport";

/// What the client and server agreed on in `initialize`, plus server settings.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    pub encoding: PositionEncoding,
    /// The client pulls diagnostics (`textDocument/diagnostic`), so notes' are not pushed.
    pub pull_diagnostics: bool,
    /// The client accepts `workspace/diagnostic/refresh`.
    pub diagnostics_refresh: bool,
    /// The client lets us register file watchers at run time.
    pub watch_files: bool,
    /// The client answers `workspace/configuration`.
    pub configuration_requests: bool,
    pub diagnostics_delay: Duration,
    /// What the client's workspace edits can do.
    pub edits: EditSupport,
    /// The client renders Markdown in hovers.
    pub markdown_hover: bool,
    /// The client accepts `workspace/inlayHint/refresh`.
    pub inlay_hint_refresh: bool,
    /// The client accepts `workspace/codeLens/refresh`.
    pub code_lens_refresh: bool,
    /// The client takes `CodeAction` literals; one that does not gets each action as a
    /// `Command` that asks the server to apply its edit.
    pub code_action_literals: bool,
    /// The client shows work-done progress the server starts (`window.workDoneProgress`).
    pub work_done_progress: bool,
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
            code_lens_refresh: false,
            code_action_literals: true,
            work_done_progress: false,
        }
    }
}

impl Session {
    /// The session a client with these capabilities gets. Server settings keep their
    /// defaults: they come from the client's settings, read after this.
    pub fn negotiate(capabilities: &ClientCapabilities) -> Session {
        let encoding = PositionEncoding::negotiate(
            capabilities
                .general
                .as_ref()
                .and_then(|general| general.position_encodings.as_deref()),
        );
        let workspace_capabilities = capabilities.workspace.as_ref();
        let workspace_edit = workspace_capabilities.and_then(|w| w.workspace_edit.as_ref());
        Session {
            encoding,
            // Pulled only by a client that also re-pulls when asked: a change to one note
            // (the Vision) changes another's findings (the Goals note's), and a client that
            // pulls only after its own edits would show them stale. Every other client is
            // pushed its diagnostics.
            pull_diagnostics: capabilities
                .text_document
                .as_ref()
                .is_some_and(|text| text.diagnostic.is_some())
                && workspace_capabilities
                    .and_then(|w| w.diagnostics.as_ref())
                    .and_then(|d| d.refresh_support)
                    == Some(true),
            diagnostics_refresh: workspace_capabilities
                .and_then(|w| w.diagnostics.as_ref())
                .and_then(|d| d.refresh_support)
                == Some(true),
            watch_files: workspace_capabilities
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                == Some(true),
            configuration_requests: workspace_capabilities.and_then(|w| w.configuration)
                == Some(true),
            edits: EditSupport {
                document_changes: workspace_edit.and_then(|e| e.document_changes) == Some(true),
                create_files: workspace_edit
                    .and_then(|e| e.resource_operations.as_ref())
                    .is_some_and(|ops| ops.contains(&ResourceOperationKind::Create)),
                show_document: capabilities
                    .window
                    .as_ref()
                    .and_then(|w| w.show_document.as_ref())
                    .is_some_and(|show| show.support),
            },
            markdown_hover: capabilities
                .text_document
                .as_ref()
                .and_then(|t| t.hover.as_ref())
                .and_then(|h| h.content_format.as_ref())
                .is_none_or(|formats| formats.first() != Some(&MarkupKind::PlainText)),
            inlay_hint_refresh: workspace_capabilities
                .and_then(|w| w.inlay_hint.as_ref())
                .and_then(|i| i.refresh_support)
                == Some(true),
            code_lens_refresh: workspace_capabilities
                .and_then(|w| w.code_lens.as_ref())
                .and_then(|c| c.refresh_support)
                == Some(true),
            code_action_literals: capabilities
                .text_document
                .as_ref()
                .and_then(|t| t.code_action.as_ref())
                .is_some_and(|c| c.code_action_literal_support.is_some()),
            work_done_progress: capabilities
                .window
                .as_ref()
                .and_then(|w| w.work_done_progress)
                == Some(true),
            ..Session::default()
        }
    }
}

/// The answer to `initialize`: what the server can do for this client, with positions in
/// the negotiated encoding.
pub fn initialize_result(session: &Session) -> InitializeResult {
    InitializeResult {
        capabilities: server_capabilities(session),
        server_info: Some(ServerInfo {
            name: "career-lsp".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
        offset_encoding: None,
    }
}

fn server_capabilities(session: &Session) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(session.encoding.kind()),
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
        // Offered only to a client that pulls; one that is pushed would otherwise pull too
        // and show every finding twice.
        diagnostic_provider: session.pull_diagnostics.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("career-lsp".to_string()),
                inter_file_dependencies: true,
                workspace_diagnostics: true,
                ..DiagnosticOptions::default()
            })
        }),
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
        document_highlight_provider: Some(OneOf::Left(true)),
        semantic_tokens_provider: Some(
            SemanticTokensOptions {
                work_done_progress_options: Default::default(),
                legend: super::semantic::legend(),
                range: Some(true),
                full: Some(SemanticTokensFullOptions::Delta { delta: Some(true) }),
            }
            .into(),
        ),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        document_link_provider: Some(DocumentLinkOptions {
            resolve_provider: Some(false),
            work_done_progress_options: Default::default(),
        }),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: Command::ALL
                .iter()
                .map(|c| c.id())
                .chain([
                    APPLY_EDIT_COMMAND,
                    SHOW_DOCUMENT_COMMAND,
                    SHOW_REPORT_COMMAND,
                ])
                .map(str::to_string)
                .collect(),
            ..ExecuteCommandOptions::default()
        }),
        ..ServerCapabilities::default()
    }
}
