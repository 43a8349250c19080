//! The request handlers: hover, inlay hints, completion, symbols, folding, definition,
//! references, rename, code actions and commands.
//!
//! Each runs through [`on_note`], the one way a request about a note is answered: the
//! URI is resolved, the note's snapshot taken, the client's position or range turned into
//! bytes with the session's encoding, the feature run under the panic guard, and what it
//! found converted back. So a handler only says which feature it runs and how its answer
//! looks in the protocol.

use std::ops::Range as ByteRange;
use std::path::Path;

use ropey::Rope;
use serde::Deserialize;
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionOrCommand, CodeActionParams, CodeActionResponse, CodeLens,
    CodeLensParams, Command as LspCommand, CompletionParams, CompletionResponse, Diagnostic,
    DocumentHighlight, DocumentHighlightKind, DocumentHighlightParams, DocumentLink,
    DocumentLinkParams, DocumentSymbolParams, DocumentSymbolResponse, ExecuteCommandParams,
    FoldingRange, FoldingRangeParams, GotoDefinitionParams, GotoDefinitionResponse, Hover,
    HoverContents, HoverParams, InlayHint, InlayHintKind, InlayHintLabel, InlayHintParams,
    InlayHintTooltip, Location, MarkupContent, MarkupKind, NumberOrString, Position,
    PrepareRenameResponse, Range, ReferenceParams, RenameParams, SemanticTokens,
    SemanticTokensDeltaParams, SemanticTokensFullDeltaResult, SemanticTokensParams,
    SemanticTokensRangeParams, SemanticTokensRangeResult, SemanticTokensResult, ShowDocumentParams,
    TextDocumentPositionParams, Uri, WorkspaceEdit, WorkspaceSymbolParams, WorkspaceSymbolResponse,
};
use tracing::warn;

use super::capabilities::{
    Session, APPLY_EDIT_COMMAND, SHOW_DOCUMENT_COMMAND, SHOW_REPORT_COMMAND,
};
use super::convert::{from_proto, to_proto, PositionEncoding};
use super::edits;
use super::guard::{fail_point, guarded, read};
use super::navigation as nav;
use super::server::{Backend, Shared};
use crate::features::actions::{self as coaching, Command};
use crate::features::{self, navigation, report, Change};
use crate::workspace::Snapshot;

/// A place in a note as the client names it, which the handler turns into bytes.
trait Place {
    type Bytes;
    fn to_bytes(self, rope: &Rope, encoding: PositionEncoding) -> Self::Bytes;
}

impl Place for Position {
    type Bytes = usize;
    fn to_bytes(self, rope: &Rope, encoding: PositionEncoding) -> usize {
        from_proto::offset(rope, self, encoding)
    }
}

impl Place for Range {
    type Bytes = ByteRange<usize>;
    fn to_bytes(self, rope: &Rope, encoding: PositionEncoding) -> ByteRange<usize> {
        from_proto::range(rope, self, encoding)
    }
}

/// A code-action request: where it is, and the diagnostics it asks to fix (ours only,
/// each as its code and byte range, in the request's order).
struct CodeActionPlace {
    range: Range,
    diagnostics: Vec<Diagnostic>,
}

impl Place for CodeActionPlace {
    type Bytes = (ByteRange<usize>, Vec<(String, ByteRange<usize>)>);
    fn to_bytes(self, rope: &Rope, encoding: PositionEncoding) -> Self::Bytes {
        let asked = self
            .diagnostics
            .into_iter()
            .filter_map(|d| match d.code {
                Some(NumberOrString::String(code)) => {
                    Some((code, from_proto::range(rope, d.range, encoding)))
                }
                _ => None,
            })
            .collect();
        (self.range.to_bytes(rope, encoding), asked)
    }
}

/// The request is about the whole note.
impl Place for () {
    type Bytes = ();
    fn to_bytes(self, _: &Rope, _: PositionEncoding) {}
}

impl<P: Place> Place for Option<P> {
    type Bytes = Option<P::Bytes>;
    fn to_bytes(self, rope: &Rope, encoding: PositionEncoding) -> Option<P::Bytes> {
        self.map(|place| place.to_bytes(rope, encoding))
    }
}

/// One request's view of one note: its snapshot, and the session to convert with.
struct NoteView<'a> {
    snapshot: Snapshot,
    session: Session,
    shared: &'a Shared,
}

impl NoteView<'_> {
    fn rope(&self) -> &Rope {
        &self.snapshot.document.rope
    }

    fn encoding(&self) -> PositionEncoding {
        self.session.encoding
    }

    fn range(&self, range: ByteRange<usize>) -> Range {
        to_proto::range(self.rope(), range, self.encoding())
    }

    fn locations(&self, found: Vec<features::Location>) -> Vec<Location> {
        let uri_for = |path: &Path| self.shared.uri_for(path);
        nav::locations(found, &self.snapshot, self.encoding(), &uri_for)
    }

    fn workspace_edit(&self, changes: &[Change]) -> Option<WorkspaceEdit> {
        let uri_for = |path: &Path| self.shared.uri_for(path);
        edits::workspace_edit(
            changes,
            &self.snapshot,
            self.session.edits,
            self.encoding(),
            &uri_for,
        )
    }

    fn code_action(
        &self,
        action: &features::Action,
        diagnostics: &[Diagnostic],
    ) -> Option<CodeAction> {
        let uri_for = |path: &Path| self.shared.uri_for(path);
        edits::code_action(
            action,
            &self.snapshot,
            self.session.edits,
            self.encoding(),
            &uri_for,
            diagnostics,
        )
    }
}

/// Answers a request about the note at `uri`: takes its snapshot, turns `at` into bytes,
/// runs `feature` under the panic guard (`what` names it in the log), and hands what it
/// found to `answer` to convert. `answer` gets `None` when the feature panicked, and each
/// handler decides what the client is told then. `None` when the note is not known.
fn on_note<At: Place, T, R>(
    backend: &Backend,
    uri: &Uri,
    at: At,
    what: &str,
    feature: impl FnOnce(&Snapshot, At::Bytes) -> T,
    answer: impl FnOnce(Option<T>, &NoteView) -> R,
) -> Option<R> {
    let path = from_proto::path(uri)?;
    let snapshot = backend.shared.snapshot(&path)?;
    let note = NoteView {
        snapshot,
        session: backend.shared.session(),
        shared: &backend.shared,
    };
    let at = at.to_bytes(note.rope(), note.encoding());
    // A panic here is the request's: the dispatch answers it with an error naming the
    // method, and logs it.
    fail_point(what);
    let found = Some(feature(&note.snapshot, at));
    Some(answer(found, &note))
}

pub fn hover(backend: &Backend, params: HoverParams) -> Result<Option<Hover>> {
    let at = params.text_document_position_params;
    let hover = on_note(
        backend,
        &at.text_document.uri,
        at.position,
        "computing a hover",
        features::hover::hover,
        |found, note| {
            let found = found.flatten()?;
            let contents = if note.session.markdown_hover {
                MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: found.markdown,
                }
            } else {
                MarkupContent {
                    kind: MarkupKind::PlainText,
                    value: features::hover::to_plain_text(&found.markdown),
                }
            };
            Some(Hover {
                contents: HoverContents::Markup(contents),
                range: Some(note.range(found.range)),
            })
        },
    );
    Ok(hover.flatten())
}

pub fn inlay_hint(backend: &Backend, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
    use features::inlay_hints::{self, HintKind};
    Ok(on_note(
        backend,
        &params.text_document.uri,
        params.range,
        "computing inlay hints",
        inlay_hints::inlay_hints,
        |hints, note| {
            hints
                .unwrap_or_default()
                .into_iter()
                .map(|hint| InlayHint {
                    position: to_proto::position(note.rope(), hint.offset, note.encoding()),
                    label: InlayHintLabel::String(hint.label),
                    kind: Some(match hint.kind {
                        HintKind::VisionLink => InlayHintKind::TYPE,
                        _ => InlayHintKind::PARAMETER,
                    }),
                    text_edits: None,
                    tooltip: hint.tooltip.map(InlayHintTooltip::String),
                    padding_left: Some(true),
                    padding_right: None,
                    data: None,
                })
                .collect()
        },
    ))
}

pub fn completion(
    backend: &Backend,
    params: CompletionParams,
) -> Result<Option<CompletionResponse>> {
    let at = params.text_document_position;
    Ok(on_note(
        backend,
        &at.text_document.uri,
        at.position,
        "computing completions",
        features::completion::complete,
        |items, note| {
            CompletionResponse::Array(
                items
                    .unwrap_or_default()
                    .into_iter()
                    .map(|item| nav::completion_item(item, note.rope(), note.encoding()))
                    .collect(),
            )
        },
    ))
}

pub fn document_symbol(
    backend: &Backend,
    params: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>> {
    Ok(on_note(
        backend,
        &params.text_document.uri,
        (),
        "listing symbols",
        |snapshot, ()| navigation::document_symbols(snapshot),
        |symbols, note| {
            DocumentSymbolResponse::Nested(
                symbols
                    .unwrap_or_default()
                    .into_iter()
                    .map(|symbol| nav::document_symbol(symbol, note.rope(), note.encoding()))
                    .collect(),
            )
        },
    ))
}

/// Workspace symbols are not about one note: each workspace root is searched on its own
/// snapshot, under its own guard, so one failing root does not hide the others.
pub fn workspace_symbol(
    backend: &Backend,
    params: WorkspaceSymbolParams,
) -> Result<Option<WorkspaceSymbolResponse>> {
    let shared = &backend.shared;
    let session = shared.session();
    let snapshots = shared.root_snapshots();
    let uri_for = |path: &Path| shared.uri_for(path);
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

pub fn folding_range(
    backend: &Backend,
    params: FoldingRangeParams,
) -> Result<Option<Vec<FoldingRange>>> {
    let folds = on_note(
        backend,
        &params.text_document.uri,
        (),
        "folding",
        |snapshot, ()| navigation::folding_ranges(snapshot),
        |folds, note| folds.map(|folds| nav::folding_ranges(folds, note.rope(), note.encoding())),
    );
    Ok(folds.flatten())
}

pub fn goto_definition(
    backend: &Backend,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let at = params.text_document_position_params;
    let definition = on_note(
        backend,
        &at.text_document.uri,
        at.position,
        "finding a definition",
        navigation::definition,
        |found, note| {
            let locations = note.locations(found.unwrap_or_default());
            (!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations))
        },
    );
    Ok(definition.flatten())
}

pub fn references(backend: &Backend, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
    let at = params.text_document_position;
    let include = params.context.include_declaration;
    Ok(on_note(
        backend,
        &at.text_document.uri,
        at.position,
        "finding references",
        |snapshot, offset| navigation::references(snapshot, offset, include),
        |found, note| note.locations(found.unwrap_or_default()),
    ))
}

/// The note's semantic tokens in `range`, none when the configuration turns them off.
fn tokens_of(
    snapshot: &Snapshot,
    range: ByteRange<usize>,
) -> Vec<features::semantic_tokens::Token> {
    if snapshot.config.semantic_tokens {
        features::semantic_tokens::semantic_tokens(snapshot, range)
    } else {
        Vec::new()
    }
}

/// The note's semantic tokens, in full, with a result id for later deltas.
pub fn semantic_tokens_full(
    backend: &Backend,
    params: SemanticTokensParams,
) -> Result<Option<SemanticTokensResult>> {
    let uri = params.text_document.uri;
    Ok(on_note(
        backend,
        &uri,
        (),
        "computing semantic tokens",
        |snapshot, ()| tokens_of(snapshot, 0..snapshot.text().len()),
        |found, note| {
            let data =
                super::semantic::encode(&found.unwrap_or_default(), note.rope(), note.encoding());
            SemanticTokensResult::Tokens(backend.shared.sent_tokens.full(&uri, data))
        },
    ))
}

/// The note's semantic tokens as an edit of the result the client has, when it is the
/// last one sent; else in full.
pub fn semantic_tokens_full_delta(
    backend: &Backend,
    params: SemanticTokensDeltaParams,
) -> Result<Option<SemanticTokensFullDeltaResult>> {
    let uri = params.text_document.uri;
    let previous = params.previous_result_id;
    Ok(on_note(
        backend,
        &uri,
        (),
        "computing semantic tokens",
        |snapshot, ()| tokens_of(snapshot, 0..snapshot.text().len()),
        |found, note| {
            let data =
                super::semantic::encode(&found.unwrap_or_default(), note.rope(), note.encoding());
            backend.shared.sent_tokens.delta(&uri, &previous, data)
        },
    ))
}

pub fn semantic_tokens_range(
    backend: &Backend,
    params: SemanticTokensRangeParams,
) -> Result<Option<SemanticTokensRangeResult>> {
    Ok(on_note(
        backend,
        &params.text_document.uri,
        params.range,
        "computing semantic tokens",
        tokens_of,
        |found, note| {
            SemanticTokensRangeResult::Tokens(SemanticTokens {
                result_id: None,
                data: super::semantic::encode(
                    &found.unwrap_or_default(),
                    note.rope(),
                    note.encoding(),
                ),
            })
        },
    ))
}

/// The client-side command a goal's lens runs: the VS Code extension shows the goal's
/// references (`editor.action.showReferences`); its arguments are the note's URI and the
/// goal ID's position.
pub const SHOW_REFERENCES_COMMAND: &str = "careerLsp.showReferences";

pub fn code_lens(backend: &Backend, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
    let uri = params.text_document.uri;
    Ok(on_note(
        backend,
        &uri,
        (),
        "computing code lenses",
        |snapshot, ()| {
            if snapshot.config.code_lens {
                features::lenses::code_lenses(snapshot)
            } else {
                Vec::new()
            }
        },
        |found, note| {
            found
                .unwrap_or_default()
                .into_iter()
                .map(|lens| {
                    let at = |offset: usize| note.range(offset..offset).start;
                    let (command, arguments) = match lens.action {
                        Some(features::lenses::LensAction::ShowReferences(offset)) => (
                            SHOW_REFERENCES_COMMAND.to_string(),
                            Some(vec![serde_json::json!(uri), serde_json::json!(at(offset))]),
                        ),
                        Some(features::lenses::LensAction::InsertReviewPrompt(offset)) => (
                            Command::InsertReviewPrompt.id().to_string(),
                            Some(vec![
                                serde_json::json!({"uri": uri, "position": at(offset)}),
                            ]),
                        ),
                        None => (String::new(), None),
                    };
                    CodeLens {
                        range: note.range(lens.range.start..lens.range.start),
                        command: Some(LspCommand {
                            title: lens.title,
                            command,
                            arguments,
                        }),
                        data: None,
                    }
                })
                .collect()
        },
    ))
}

pub fn document_highlight(
    backend: &Backend,
    params: DocumentHighlightParams,
) -> Result<Option<Vec<DocumentHighlight>>> {
    let at = params.text_document_position_params;
    Ok(on_note(
        backend,
        &at.text_document.uri,
        at.position,
        "highlighting",
        navigation::document_highlights,
        |found, note| {
            found
                .unwrap_or_default()
                .into_iter()
                .map(|h| DocumentHighlight {
                    range: note.range(h.range),
                    kind: Some(match h.kind {
                        navigation::HighlightKind::Write => DocumentHighlightKind::WRITE,
                        navigation::HighlightKind::Read => DocumentHighlightKind::READ,
                        navigation::HighlightKind::Text => DocumentHighlightKind::TEXT,
                    }),
                })
                .collect()
        },
    ))
}

/// Every link of the note that resolves, with its target's URI; a heading's line as the
/// URI's `#L<line>` fragment, which VS Code opens at.
pub fn document_link(
    backend: &Backend,
    params: DocumentLinkParams,
) -> Result<Option<Vec<DocumentLink>>> {
    Ok(on_note(
        backend,
        &params.text_document.uri,
        (),
        "finding links",
        |snapshot, ()| navigation::document_links(snapshot),
        |found, note| {
            found
                .unwrap_or_default()
                .into_iter()
                .filter_map(|link| {
                    let uri = to_proto::uri(&link.target)?;
                    let target = match link.line {
                        Some(line) => format!("{}#L{}", uri.as_str(), line + 1)
                            .parse::<Uri>()
                            .ok()?,
                        None => uri,
                    };
                    Some(DocumentLink {
                        range: note.range(link.range),
                        target: Some(target),
                        tooltip: None,
                        data: None,
                    })
                })
                .collect()
        },
    ))
}

pub fn prepare_rename(
    backend: &Backend,
    params: TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>> {
    let prepared = on_note(
        backend,
        &params.text_document.uri,
        params.position,
        "preparing a rename",
        navigation::prepare_rename,
        |found, note| {
            let (range, placeholder) = found.flatten()?;
            Some(PrepareRenameResponse::RangeWithPlaceholder {
                range: note.range(range),
                placeholder,
            })
        },
    );
    Ok(prepared.flatten())
}

pub fn rename(backend: &Backend, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
    let at = params.text_document_position;
    let new_name = params.new_name;
    let edit = on_note(
        backend,
        &at.text_document.uri,
        at.position,
        "renaming",
        |snapshot, offset| navigation::rename(snapshot, offset, &new_name),
        |edits, note| {
            let edits = edits
                .unwrap_or_else(|| Err("renaming failed".to_string()))
                .map_err(Error::invalid_params)?;
            let changes: Vec<Change> = edits
                .into_iter()
                .map(|(path, edits)| Change::Edit { path, edits })
                .collect();
            Ok(note.workspace_edit(&changes))
        },
    );
    edit.unwrap_or(Ok(None))
}

pub fn code_action(
    backend: &Backend,
    params: CodeActionParams,
) -> Result<Option<CodeActionResponse>> {
    let only = params.context.only.unwrap_or_default();
    let diagnostics = params.context.diagnostics;
    let place = CodeActionPlace {
        range: params.range,
        diagnostics: diagnostics.clone(),
    };
    Ok(on_note(
        backend,
        &params.text_document.uri,
        place,
        "computing code actions",
        |snapshot, (range, asked)| {
            // The fixes of the diagnostics the request names come first, in its order.
            let mut actions = features::fixes::quick_fixes_for(snapshot, range.clone(), &asked);
            actions.extend(coaching::actions(snapshot, range));
            actions
        },
        |actions, note| {
            let literals = note.session.code_action_literals;
            actions
                .unwrap_or_default()
                .iter()
                .filter_map(|action| note.code_action(action, &diagnostics))
                .filter(|action| {
                    only.is_empty()
                        || action.kind.as_ref().is_some_and(|kind| {
                            only.iter().any(|wanted| {
                                kind.as_str() == wanted.as_str()
                                    || kind.as_str().starts_with(&format!("{}.", wanted.as_str()))
                            })
                        })
                })
                .map(|action| {
                    if literals {
                        return CodeActionOrCommand::CodeAction(action);
                    }
                    if let (None, Some(command)) = (&action.edit, &action.command) {
                        return CodeActionOrCommand::Command(command.clone());
                    }
                    CodeActionOrCommand::Command(LspCommand {
                        title: action.title,
                        command: APPLY_EDIT_COMMAND.to_string(),
                        arguments: action
                            .edit
                            .and_then(|edit| serde_json::to_value(edit).ok())
                            .map(|edit| vec![edit]),
                    })
                })
                .collect()
        },
    ))
}

/// The argument of every command: the note, and where the cursor is.
#[derive(Debug, Deserialize)]
struct CommandArgument {
    uri: Uri,
    position: Option<Position>,
}

/// Runs a coaching command: its edit is sent to the client to apply, and the request
/// itself answers nothing.
pub fn execute_command(backend: &Backend, params: ExecuteCommandParams) -> Result<Option<Value>> {
    if params.command == APPLY_EDIT_COMMAND {
        let edit: WorkspaceEdit = params
            .arguments
            .first()
            .cloned()
            .and_then(|value| serde_json::from_value(value).ok())
            .ok_or_else(|| Error::invalid_params("expected a WorkspaceEdit"))?;
        apply_later(backend, edit);
        return Ok(None);
    }
    if params.command == SHOW_REPORT_COMMAND {
        return show_report(backend, params.arguments.first());
    }
    let command = Command::from_id(&params.command);
    if command.is_none() && params.command != SHOW_DOCUMENT_COMMAND {
        return Err(Error::invalid_params(format!(
            "unknown command {}",
            params.command
        )));
    }
    let argument: CommandArgument = params
        .arguments
        .first()
        .cloned()
        .and_then(|value| serde_json::from_value(value).ok())
        .ok_or_else(|| Error::invalid_params("expected an argument {uri, position?}"))?;
    let Some(command) = command else {
        // Shows a note: only a Markdown file.
        from_proto::path(&argument.uri)
            .filter(|path| crate::workspace::is_markdown(path))
            .ok_or_else(|| Error::invalid_params("expected the URI of a Markdown note"))?;
        show_later(backend, argument.uri);
        return Ok(None);
    };
    let found = on_note(
        backend,
        &argument.uri,
        argument.position,
        "running a command",
        |snapshot, offset| coaching::command_action(snapshot, command, offset.unwrap_or(0)),
        |action, note| {
            let action = note.code_action(&action.flatten()?, &[])?;
            let shows = action
                .command
                .filter(|c| c.command == SHOW_DOCUMENT_COMMAND)
                .and_then(|c| c.arguments?.first()?.get("uri").cloned())
                .and_then(|uri| serde_json::from_value::<Uri>(uri).ok());
            Some((action.edit, shows))
        },
    )
    .ok_or_else(|| Error::invalid_params("that note is not known"))?;
    let Some((edit, shows)) = found else {
        return Ok(None);
    };
    if let Some(edit) = edit {
        apply_later(backend, edit);
    }
    if let Some(uri) = shows {
        show_later(backend, uri);
    }
    Ok(None)
}

/// The dashboard of the root the argument's URI (a note or a folder) belongs to, else of
/// the first root, as an HTML string. The snapshots are taken under the lock and analysed
/// after it.
fn show_report(backend: &Backend, argument: Option<&Value>) -> Result<Option<Value>> {
    let folder = match argument {
        Some(value) => {
            let uri: Uri = value
                .get("uri")
                .cloned()
                .and_then(|uri| serde_json::from_value(uri).ok())
                .ok_or_else(|| Error::invalid_params("expected an argument {uri}"))?;
            Some(
                from_proto::path(&uri)
                    .ok_or_else(|| Error::invalid_params("expected a file URI"))?,
            )
        }
        None => None,
    };
    let notes = guarded("taking the report's snapshots", || {
        let workspace = read(&backend.shared.workspace);
        let folder = folder
            .clone()
            .or_else(|| workspace.roots().last().cloned())?;
        report::root_notes(&workspace, &folder)
    })
    .flatten()
    .ok_or_else(|| Error::invalid_params("there are no notes in that workspace yet"))?;
    let page = guarded("writing the report", || {
        report::html(&report::report_of(&notes))
    })
    .ok_or_else(Error::internal_error)?;
    Ok(Some(Value::String(page)))
}

/// Asks the client to show the note at `uri`. Spawned, like [`apply_later`].
fn show_later(backend: &Backend, uri: Uri) {
    let client = backend.client.clone();
    tokio::spawn(async move {
        let params = ShowDocumentParams {
            uri,
            external: Some(false),
            take_focus: Some(true),
            selection: None,
        };
        match client.show_document(params).await {
            Ok(true) => {}
            Ok(false) => warn!("the client did not show the note"),
            Err(error) => warn!("showing a note failed: {error}"),
        }
    });
}

/// Asks the client to apply `edit`. Spawned: the client answers `workspace/applyEdit` while
/// the command's request is still open.
fn apply_later(backend: &Backend, edit: WorkspaceEdit) {
    let client = backend.client.clone();
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
}
