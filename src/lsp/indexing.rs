//! Indexing the workspace roots in the background: `initialize` is answered at once, the
//! notes are read and parsed in parallel batches, and the client sees the progress as
//! work-done progress ("Indexing notes 1,200/10,000") when it supports it.
//!
//! Requests about one note are answered meanwhile from what is indexed so far, once the
//! notes others depend on — Career Indexes, Goals notes, profiles, indexed first as a batch
//! of their own — are in; document symbols and folding ranges, which read only the note,
//! at once. Requests about the whole
//! workspace — workspace symbols and diagnostics, references, rename — wait for the index:
//! a partial answer there would be wrong, and a partial rename would leave links broken.
//! When indexing ends, diagnostics are published or refreshed.

use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::mpsc;
use tower_lsp_server::ls_types::{InitializeParams, NumberOrString, ProgressToken};
use tower_lsp_server::Client;
use tracing::{debug, error, info, warn};

use super::convert::from_proto;
use super::guard::{guarded, write};
use super::server::{Backend, Shared};
use crate::model::unreadable::thousands;
use crate::workspace::{scan_root, Indexing, RootFolder};

/// Below this many notes a root is indexed before anyone could read a progress report.
const PROGRESS_FROM: usize = 500;

/// How far indexing is: notes read, notes in all.
type Progress = (usize, usize);

/// How far indexing is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum IndexStage {
    /// The roots are being walked, or their first notes read.
    Started,
    /// Each root's first batch is in: its Career Indexes, Goals notes and profiles, which
    /// other notes depend on (or, in a root without any, its first notes).
    Primed,
    /// Every note is in.
    Done,
}

impl Backend {
    /// Starts indexing `roots` in the background.
    pub(super) fn start_indexing(&self, roots: Vec<PathBuf>) {
        if roots.is_empty() {
            return;
        }
        // The roots are known before `initialize` is answered: a note opened while the
        // notes are read belongs to its root, not to a root of its own folder.
        let roots: Vec<PathBuf> = roots
            .into_iter()
            .filter_map(|root| {
                // Its configuration is read before the workspace is locked.
                let folder = RootFolder::read(root.canonicalize().unwrap_or(root));
                guarded("adding a workspace root", || {
                    write(&self.shared.workspace).add_root_folder(folder)
                })
            })
            .collect();
        self.shared.index.send_replace(IndexStage::Started);
        let (sender, progress) = mpsc::unbounded_channel();
        let shared = self.shared.clone();
        let work = tokio::task::spawn_blocking(move || index(&shared, roots, sender));
        let shared = self.shared.clone();
        let client = self.client.clone();
        tokio::spawn(async move {
            report_progress(&shared, &client, progress).await;
            let added_late = work.await.unwrap_or_else(|error| {
                error!("indexing the workspace failed: {error}");
                true
            });
            shared.index.send_replace(IndexStage::Done);
            if added_late {
                // Reports made from the first notes may have changed: report again.
                shared.changed(true);
            }
        });
    }
}

impl Shared {
    /// Waits until indexing has reached `stage` (at once when it has, or when the session
    /// is ending).
    pub(super) async fn indexed(&self, stage: IndexStage) {
        let mut index = self.index.subscribe();
        let mut closing = self.closing.subscribe();
        tokio::select! {
            _ = index.wait_for(|now| *now >= stage) => {}
            _ = closing.wait_for(|closing| *closing) => {}
        }
    }
}

/// Reads every root's notes batch by batch — first one batch of each root, then the rest —
/// holding the workspace lock only to add each batch. Whether notes were added after the
/// first batches (when reports may have been made without them).
fn index(shared: &Shared, roots: Vec<PathBuf>, progress: mpsc::UnboundedSender<Progress>) -> bool {
    let mut indexings: Vec<(PathBuf, Indexing, usize)> = roots
        .into_iter()
        .filter_map(|root| {
            guarded("walking a workspace root", || {
                let (root, found) = scan_root(root);
                let indexing = write(&shared.workspace).start_indexing(&root, found);
                (root, indexing, 0)
            })
        })
        .collect();
    let total: usize = indexings.iter().map(|(_, i, _)| i.total()).sum();
    let mut read_before = 0;
    let mut added_late = false;
    for first_pass in [true, false] {
        for (_, indexing, indexed) in &mut indexings {
            let done_before = indexing.done();
            while let Some(batch) = indexing.next_batch() {
                *indexed += guarded("indexing notes", || {
                    write(&shared.workspace).add_read(batch)
                })
                .unwrap_or(0);
                let _ = progress.send((read_before + indexing.done() - done_before, total));
                if first_pass {
                    break;
                }
                added_late = true;
            }
            read_before += indexing.done() - done_before;
        }
        if first_pass {
            shared.index.send_replace(IndexStage::Primed);
        }
    }
    guarded("finishing the index", || {
        write(&shared.workspace).finish_indexing()
    });
    for (root, indexing, indexed) in indexings {
        info!("indexed {indexed} notes under {}", root.display());
        for (path, reason) in &indexing.skipped {
            warn!("skipped {}: {reason}", path.display());
        }
    }
    added_late
}

/// The workspace folders, else the root URI, else the (older) root path.
pub(super) fn roots_of(params: &InitializeParams) -> Vec<PathBuf> {
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

/// Shows indexing progress to a client that supports work-done progress, once it is ready
/// for requests, for roots large enough to take a while. Returns when indexing is done.
async fn report_progress(
    shared: &Arc<Shared>,
    client: &Client,
    mut progress: mpsc::UnboundedReceiver<Progress>,
) {
    let mut ready = shared.ready.subscribe();
    let mut ongoing = None;
    while let Some((done, total)) = progress.recv().await {
        if ongoing.is_none() {
            let wanted = total >= PROGRESS_FROM
                && done < total
                && shared.session().work_done_progress
                && *ready.borrow_and_update();
            if !wanted {
                continue;
            }
            let token =
                ProgressToken::from(NumberOrString::String("career-lsp/indexing".to_string()));
            if let Err(error) = client.create_work_done_progress(token.clone()).await {
                debug!("the client declined indexing progress: {error}");
                continue;
            }
            ongoing = Some(
                client
                    .progress(token, "Indexing notes")
                    .with_message(message(done, total))
                    .with_percentage(percent(done, total))
                    .begin()
                    .await,
            );
        } else if let Some(ongoing) = &ongoing {
            ongoing
                .report_with_message(message(done, total), percent(done, total))
                .await;
        }
    }
    if let Some(ongoing) = ongoing {
        ongoing.finish_with_message("Indexed").await;
    }
}

fn message(done: usize, total: usize) -> String {
    format!("{}/{}", thousands(done as u64), thousands(total as u64))
}

fn percent(done: usize, total: usize) -> u32 {
    (done * 100).checked_div(total).unwrap_or(100) as u32
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_read_with_thousands_separators() {
        assert_eq!(super::message(1_200, 10_000), "1,200/10,000");
        assert_eq!(super::message(0, 999), "0/999");
        assert_eq!(super::percent(5, 10), 50);
        assert_eq!(super::percent(0, 0), 100);
    }
}
