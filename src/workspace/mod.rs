//! The workspace: every note under the roots (open documents and files on disk), kept
//! current, with the configuration and the clock.
//!
//! NOTE: interim skeleton; the note index and analysis land next. The public API below is
//! the one the server and the command line use.

pub mod config;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ropey::Rope;

pub use config::{Config, ConfigProblem, RuleLevel, CONFIG_FILE_NAME};

use crate::rules::{Edit, Finding};

/// One note's current text and analysis.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: PathBuf,
    /// The editor's version while the note is open; `None` for a file read from disk.
    pub version: Option<i32>,
    pub rope: Rope,
    pub text: Arc<str>,
}

/// What indexing a root found.
#[derive(Debug, Default)]
pub struct ScanReport {
    pub indexed: usize,
    /// Files passed over, with the reason (too large, not UTF-8, …).
    pub skipped: Vec<(PathBuf, String)>,
}

#[derive(Debug, Default)]
pub struct Workspace {
    config: Config,
    roots: Vec<PathBuf>,
    documents: HashMap<PathBuf, Arc<Document>>,
}

impl Workspace {
    pub fn new(config: Config) -> Workspace {
        Workspace {
            config,
            ..Workspace::default()
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Replaces the client-side configuration (a root's `career-lsp.toml` still wins).
    pub fn set_config(&mut self, config: Config) {
        self.config = config;
    }

    /// Indexes every Markdown file under `root`.
    pub fn add_root(&mut self, root: PathBuf) -> ScanReport {
        self.roots.push(root);
        ScanReport::default()
    }

    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    pub fn open(&mut self, path: PathBuf, version: i32, text: String) {
        let document = Document {
            path: path.clone(),
            version: Some(version),
            rope: Rope::from_str(&text),
            text: text.into(),
        };
        self.documents.insert(path, Arc::new(document));
    }

    /// Applies edits in order; each edit's byte range is into the text as the edits before
    /// it left it. Fails (changing nothing) when the note is unknown or a range is invalid.
    pub fn change(&mut self, path: &Path, version: i32, edits: Vec<Edit>) -> Result<(), String> {
        let document = self
            .documents
            .get(path)
            .ok_or_else(|| format!("{} is not open", path.display()))?;
        let mut rope = document.rope.clone();
        for edit in &edits {
            let len = rope.len_bytes();
            if edit.range.start > edit.range.end || edit.range.end > len {
                return Err(format!(
                    "edit {:?} is outside the text (0..{len})",
                    edit.range
                ));
            }
            let start = rope
                .try_byte_to_char(edit.range.start)
                .map_err(|e| e.to_string())?;
            let end = rope
                .try_byte_to_char(edit.range.end)
                .map_err(|e| e.to_string())?;
            rope.remove(start..end);
            rope.insert(start, &edit.text);
        }
        let text: Arc<str> = rope.to_string().into();
        let document = Document {
            path: path.to_path_buf(),
            version: Some(version),
            rope,
            text,
        };
        self.documents
            .insert(path.to_path_buf(), Arc::new(document));
        Ok(())
    }

    /// Closes an open note: it goes back to its content on disk (or leaves the index).
    pub fn close(&mut self, path: &Path) {
        self.documents.remove(path);
        self.reload_from_disk(path);
    }

    /// Re-reads a file that changed on disk, unless it is open in the editor.
    pub fn reload_from_disk(&mut self, _path: &Path) {}

    /// Forgets a file deleted on disk, unless it is open in the editor.
    pub fn remove(&mut self, path: &Path) {
        if self
            .documents
            .get(path)
            .is_some_and(|d| d.version.is_none())
        {
            self.documents.remove(path);
        }
    }

    pub fn document(&self, path: &Path) -> Option<Arc<Document>> {
        self.documents.get(path).cloned()
    }

    pub fn is_open(&self, path: &Path) -> bool {
        self.documents
            .get(path)
            .is_some_and(|d| d.version.is_some())
    }

    /// Paths of every open note.
    pub fn open_paths(&self) -> Vec<PathBuf> {
        self.documents
            .values()
            .filter(|d| d.version.is_some())
            .map(|d| d.path.clone())
            .collect()
    }

    /// Paths of every indexed career note (for workspace-wide pull diagnostics).
    pub fn note_paths(&self) -> Vec<PathBuf> {
        self.documents.keys().cloned().collect()
    }

    /// The findings for one note, with the configured severities applied.
    pub fn diagnostics(&self, _path: &Path) -> Vec<Finding> {
        Vec::new()
    }

    /// Problems in the roots' `career-lsp.toml` files, by file.
    pub fn config_problems(&self) -> Vec<(PathBuf, ConfigProblem)> {
        Vec::new()
    }
}
