//! Diagnostics: a note's report, pushed for every open note a short while after the last
//! change (with configuration problems), or pulled by the client, note by note or for the
//! whole workspace.
//!
//! Diagnostics are computed off the notification path from the workspace as it stands, and
//! a result for a note version that is no longer current is dropped.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use ropey::Rope;
use tokio::sync::watch;
use tokio::time::Instant;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    Diagnostic, DocumentDiagnosticParams, DocumentDiagnosticReport, DocumentDiagnosticReportResult,
    FullDocumentDiagnosticReport, RelatedFullDocumentDiagnosticReport,
    RelatedUnchangedDocumentDiagnosticReport, UnchangedDocumentDiagnosticReport, Uri,
    WorkspaceDiagnosticParams, WorkspaceDiagnosticReport, WorkspaceDiagnosticReportResult,
    WorkspaceDocumentDiagnosticReport, WorkspaceFullDocumentDiagnosticReport,
};
use tower_lsp_server::Client;
use tracing::{debug, error};

use super::capabilities::Session;
use super::convert::{from_proto, to_proto, PositionEncoding};
use super::guard::{fail_point, guarded, lock, read};
use super::indexing::IndexStage;
use super::server::{Backend, Shared};
use super::sync::is_config_file;
use crate::workspace::Workspace;

/// The default pause between the last change and publishing diagnostics.
pub const DEFAULT_DIAGNOSTICS_DELAY: Duration = Duration::from_millis(150);
/// While changes keep coming, diagnostics are still published at least this often.
const MAX_DIAGNOSTICS_WAIT: Duration = Duration::from_secs(1);

/// A note's diagnostics with the version they were computed for.
struct NoteReport {
    version: Option<i32>,
    /// `None` when the analysis failed: the client keeps the diagnostics it has.
    diagnostics: Option<Vec<Diagnostic>>,
}

/// The diagnostics of the note at `path`; `None` when the workspace does not hold it.
fn note_report(shared: &Shared, path: &Path, encoding: PositionEncoding) -> Option<NoteReport> {
    // The workspace lock is held only while the snapshot is taken; the rules run on the
    // snapshot after it is released, so a change never waits for them. The document and
    // its findings come from the same moment.
    let snapshot = shared.snapshot(path)?;
    #[cfg(test)]
    tests::hold_analysis();
    let findings = guarded("computing diagnostics", || {
        fail_point("computing diagnostics");
        snapshot.diagnostics()
    });
    let document = &snapshot.document;
    let diagnostics = findings.map(|findings| {
        findings
            .iter()
            .map(|finding| to_proto::diagnostic(finding, &document.rope, encoding))
            .collect()
    });
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

impl Backend {
    /// Starts publishing diagnostics for the rest of the session, in place of any earlier
    /// publisher.
    pub(super) fn start_publishing(&self) {
        let publisher = tokio::spawn(publish_diagnostics(
            self.shared.clone(),
            self.client.clone(),
        ));
        if let Some(previous) = lock(&self.publisher).replace(publisher) {
            previous.abort();
        }
    }

    pub(super) fn stop_publishing(&self) {
        if let Some(publisher) = lock(&self.publisher).take() {
            publisher.abort();
        }
    }
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
            if let Some(report) = note_report(shared, &path, session.encoding) {
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
        // Findings against a root whose Career Index is not read yet would be wrong.
        shared.indexed(IndexStage::Primed).await;
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
            // After a failed analysis the client keeps the last good diagnostics.
            if let Some(diagnostics) = report.diagnostics {
                client
                    .publish_diagnostics(uri.clone(), diagnostics, report.version)
                    .await;
            }
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

        // Another note changed what a note's hints and lenses say: ask for them again.
        if (session.inlay_hint_refresh || session.code_lens_refresh)
            && shared.hints_refresh_wanted.swap(false, Ordering::SeqCst)
        {
            let client = client.clone();
            tokio::spawn(async move {
                if session.inlay_hint_refresh {
                    if let Err(error) = client.inlay_hint_refresh().await {
                        debug!("inlay hint refresh: {error}");
                    }
                }
                if session.code_lens_refresh {
                    if let Err(error) = client.code_lens_refresh().await {
                        debug!("code lens refresh: {error}");
                    }
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

/// `textDocument/diagnostic`: one note's diagnostics, or word that they have not changed.
pub async fn document_diagnostic(
    backend: &Backend,
    params: DocumentDiagnosticParams,
) -> Result<DocumentDiagnosticReportResult> {
    let shared = &backend.shared;
    // Read the generation first: the report is then at least as new as its id.
    let generation = *shared.generation.borrow();
    let result_id = generation.to_string();
    if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
        return Ok(
            DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                    result_id,
                },
            })
            .into(),
        );
    }
    let items = match from_proto::path(&params.text_document.uri) {
        Some(path) if !is_config_file(&path) => {
            let shared = shared.clone();
            let encoding = shared.session().encoding;
            let report = tokio::task::spawn_blocking(move || note_report(&shared, &path, encoding))
                .await
                .unwrap_or_else(|error| {
                    error!("computing diagnostics failed: {error}");
                    None
                });
            match report {
                Some(NoteReport {
                    diagnostics: Some(diagnostics),
                    ..
                }) => diagnostics,
                // An error, rather than an empty report, keeps the client's last good one.
                Some(_) => {
                    return Err(tower_lsp_server::jsonrpc::Error {
                        code: tower_lsp_server::jsonrpc::ErrorCode::InternalError,
                        message: "career-lsp failed while computing this note's diagnostics; see the server's log".into(),
                        data: None,
                    })
                }
                None => Vec::new(),
            }
        }
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

/// `workspace/diagnostic`: every note's diagnostics, held open while the client is current.
pub async fn workspace_diagnostic(
    backend: &Backend,
    params: WorkspaceDiagnosticParams,
) -> Result<WorkspaceDiagnosticReportResult> {
    let mut generations = backend.shared.generation.subscribe();
    let current_generation = *generations.borrow_and_update();
    let current = current_generation.to_string();
    let client_is_current = if params.previous_result_ids.is_empty() {
        *lock(&backend.shared.empty_workspace_report) == Some(current_generation)
    } else {
        params
            .previous_result_ids
            .iter()
            .all(|previous| previous.value == current)
    };
    if client_is_current {
        // Nothing changed since the client's last report: hold the request until
        // something does, so a client that asks again at once does not spin.
        let mut closing = backend.shared.closing.subscribe();
        tokio::select! {
            _ = generations.changed() => {}
            _ = closing.wait_for(|closing| *closing) => {}
        }
    }
    let generation = *generations.borrow_and_update();
    let workspace = backend.shared.workspace.clone();
    let shared = backend.shared.clone();
    let encoding = shared.session().encoding;
    let items = tokio::task::spawn_blocking(move || {
        let paths = read(&workspace).note_paths();
        paths
            .into_iter()
            .filter(|path| !is_config_file(path))
            .filter_map(|path| {
                let report = note_report(&shared, &path, encoding)?;
                // A note whose analysis failed is left out: the client keeps what it has.
                let diagnostics = report.diagnostics?;
                let uri = shared.uri_for(&path)?;
                Some(WorkspaceDocumentDiagnosticReport::Full(
                    WorkspaceFullDocumentDiagnosticReport {
                        uri,
                        version: report.version.map(i64::from),
                        full_document_diagnostic_report: FullDocumentDiagnosticReport {
                            result_id: Some(generation.to_string()),
                            items: diagnostics,
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
    *lock(&backend.shared.empty_workspace_report) = items.is_empty().then_some(generation);
    Ok(WorkspaceDiagnosticReport { items }.into())
}

#[cfg(test)]
mod tests;
