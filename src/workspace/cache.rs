//! Findings kept from earlier analyses, with what they were computed from: the note (the
//! very model, compared by identity), the rule settings, the date, and every answer the
//! rules got about other notes ([`Reads`]). A note's findings are reused while all of these
//! are unchanged, so a workspace-wide report after an edit re-runs the rules only on the
//! edited note and on the notes that read something the edit changed.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use dashmap::DashMap;

use crate::model::notes::NoteSet;
use crate::model::Note;
use crate::rules::{Finding, Reads, Settings};

#[derive(Debug, Default)]
pub struct FindingsCache {
    entries: DashMap<PathBuf, Entry>,
}

#[derive(Debug)]
struct Entry {
    note: Arc<Note>,
    settings: Settings,
    today: NaiveDate,
    reads: Reads,
    findings: Vec<Finding>,
}

impl FindingsCache {
    /// The findings kept for `note`, when they are still right in `notes`.
    pub fn get(
        &self,
        note: &Arc<Note>,
        settings: &Settings,
        today: NaiveDate,
        notes: &NoteSet,
    ) -> Option<Vec<Finding>> {
        let entry = self.entries.get(&note.path)?;
        let holds = Arc::ptr_eq(&entry.note, note)
            && entry.today == today
            && entry.settings == *settings
            && entry.reads.hold(notes, note);
        holds.then(|| entry.findings.clone())
    }

    pub fn put(
        &self,
        note: Arc<Note>,
        settings: &Settings,
        today: NaiveDate,
        reads: Reads,
        findings: &[Finding],
    ) {
        self.entries.insert(
            note.path.clone(),
            Entry {
                note,
                settings: settings.clone(),
                today,
                reads,
                findings: findings.to_vec(),
            },
        );
    }

    /// Drops what is kept for a note that left the workspace.
    pub fn forget(&self, path: &Path) {
        self.entries.remove(path);
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests;
