//! The workspace: every note under the roots (open documents and files on disk), kept
//! current, with the configuration and the clock.
//!
//! A root is a workspace folder, or any folder below it that holds its own
//! `career-lsp.toml`: notes belong to the deepest root above them, and cross-note checks
//! (links, the goal cascade, this year's Goals note) look only at the notes of that root.
//! A root's `career-lsp.toml` wins over the client's settings.

pub mod config;
mod scan;
mod snapshot;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ropey::Rope;

pub use config::{Config, ConfigFile, ConfigProblem, CONFIG_FILE_NAME};
pub use snapshot::Snapshot;

use crate::methodology::NoteKind;
use crate::model::{Classifier, Note};
use crate::rules::{Edit, Finding};
use crate::syntax::{SyntaxTree, TextEdit};

/// One note's current text and analysis.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: PathBuf,
    /// The editor's version while the note is open; `None` for a file read from disk.
    pub version: Option<i32>,
    pub rope: Rope,
    pub text: Arc<str>,
    pub syntax: SyntaxTree,
    pub note: Arc<Note>,
}

/// What indexing a root found.
#[derive(Debug, Default)]
pub struct ScanReport {
    pub indexed: usize,
    /// Files passed over, with the reason (too large, not UTF-8, …).
    pub skipped: Vec<(PathBuf, String)>,
}

#[derive(Debug, Clone)]
struct Root {
    path: PathBuf,
    /// The root's own `career-lsp.toml`, when it has one.
    file_config: Option<ConfigFile>,
}

#[derive(Debug, Default)]
pub struct Workspace {
    client_config: Config,
    roots: Vec<Root>,
    documents: HashMap<PathBuf, Arc<Document>>,
}

impl Workspace {
    pub fn new(config: Config) -> Workspace {
        Workspace {
            client_config: config,
            ..Workspace::default()
        }
    }

    /// The client-side configuration (settings), which a root's file overrides.
    pub fn config(&self) -> &Config {
        &self.client_config
    }

    /// The configuration in force for a note.
    pub fn config_for(&self, path: &Path) -> &Config {
        match self.root_of(path).and_then(|r| r.file_config.as_ref()) {
            Some(file) => &file.config,
            None => &self.client_config,
        }
    }

    /// Replaces the client-side configuration (a root's `career-lsp.toml` still wins).
    pub fn set_config(&mut self, config: Config) {
        self.client_config = config;
        self.reclassify_all();
    }

    /// Indexes every Markdown file under `root` (respecting `.gitignore`, never following
    /// symlinks, skipping files that are too large or not UTF-8); folders below it with
    /// their own `career-lsp.toml` become roots of their own.
    pub fn add_root(&mut self, root: PathBuf) -> ScanReport {
        let root = root.canonicalize().unwrap_or(root);
        if !self.roots.iter().any(|r| r.path == root) {
            self.roots.push(Root {
                path: root.clone(),
                file_config: ConfigFile::read(&root),
            });
        }
        let max_file_size = self.config_for(&root.join("x.md")).max_file_size;
        let found = scan::scan(&root, max_file_size);
        for config_dir in &found.config_dirs {
            if !self.roots.iter().any(|r| &r.path == config_dir) {
                self.roots.push(Root {
                    path: config_dir.clone(),
                    file_config: ConfigFile::read(config_dir),
                });
            }
        }
        // Deepest roots first, so that `root_of` finds the innermost one.
        self.roots
            .sort_by_key(|r| std::cmp::Reverse(r.path.components().count()));
        let mut report = ScanReport {
            indexed: 0,
            skipped: found.skipped,
        };
        for (path, text) in found.notes {
            if self.is_open(&path) {
                continue;
            }
            self.insert(path, None, text);
            report.indexed += 1;
        }
        self.reclassify_all();
        report
    }

    pub fn roots(&self) -> Vec<PathBuf> {
        self.roots.iter().map(|r| r.path.clone()).collect()
    }

    fn root_of(&self, path: &Path) -> Option<&Root> {
        self.roots.iter().find(|r| path.starts_with(&r.path))
    }

    fn relative<'a>(&self, path: &'a Path) -> &'a Path {
        match self.root_of(path) {
            Some(root) => path.strip_prefix(&root.path).unwrap_or(path),
            None => Path::new(path.file_name().unwrap_or(path.as_os_str())),
        }
    }

    fn classify(&self, path: &Path, syntax: &SyntaxTree) -> NoteKind {
        let config = self.config_for(path);
        Classifier::new(&config.note_globs).classify(self.relative(path), syntax.outline())
    }

    fn insert(&mut self, path: PathBuf, version: Option<i32>, text: String) {
        let syntax = SyntaxTree::parse(&text);
        let kind = self.classify(&path, &syntax);
        let rope = Rope::from_str(&text);
        let text: Arc<str> = text.into();
        let note = Arc::new(Note::build_with(
            path.clone(),
            kind,
            text.clone(),
            syntax.outline().clone(),
            &self.config_for(&path).aliases,
        ));
        let document = Document {
            path: path.clone(),
            version,
            rope,
            text,
            syntax,
            note,
        };
        self.documents.insert(path, Arc::new(document));
    }

    /// Classifies every note again (after a configuration change: its `[notes]` globs may
    /// have changed a note's kind, its `[aliases]` the sections a heading names) and
    /// rebuilds the model of each note whose kind or aliases changed. Findings need no
    /// rebuilding: they are computed from a snapshot when asked for.
    fn reclassify_all(&mut self) {
        let paths: Vec<PathBuf> = self.documents.keys().cloned().collect();
        for path in paths {
            let Some(document) = self.documents.get(&path).cloned() else {
                continue;
            };
            let kind = self.classify(&path, &document.syntax);
            let aliases = &self.config_for(&path).aliases;
            if kind != document.note.kind || *aliases != document.note.aliases {
                let note = Arc::new(Note::build_with(
                    path.clone(),
                    kind,
                    document.text.clone(),
                    document.syntax.outline().clone(),
                    aliases,
                ));
                let mut updated = (*document).clone();
                updated.note = note;
                self.documents.insert(path, Arc::new(updated));
            }
        }
    }

    /// A note opened in the editor (the editor's text wins over the file on disk).
    pub fn open(&mut self, path: PathBuf, version: i32, text: String) {
        if is_config_file(&path) {
            self.set_root_config_text(&path, &text);
        }
        if let Some(existing) = self.documents.get(&path) {
            if *existing.text == *text {
                let mut document = (**existing).clone();
                document.version = Some(version);
                self.documents.insert(path, Arc::new(document));
                return;
            }
        }
        if self.root_of(&path).is_none() {
            if let Some(parent) = path.parent() {
                self.roots.push(Root {
                    path: parent.to_path_buf(),
                    file_config: ConfigFile::read(parent),
                });
                self.roots
                    .sort_by_key(|r| std::cmp::Reverse(r.path.components().count()));
            }
        }
        self.insert(path, Some(version), text);
    }

    /// Applies edits in order; each edit's byte range is into the text as the edits before
    /// it left it. The rope and the block tree are edited, then the note is re-parsed
    /// incrementally. Fails (changing nothing) when the note is unknown or a range is invalid.
    pub fn change(&mut self, path: &Path, version: i32, edits: Vec<Edit>) -> Result<(), String> {
        let document = self
            .documents
            .get(path)
            .ok_or_else(|| format!("{} is not open", path.display()))?;
        let mut rope = document.rope.clone();
        let mut text = document.text.to_string();
        let mut tree_edits = Vec::with_capacity(edits.len());
        for edit in &edits {
            let len = rope.len_bytes();
            if edit.range.start > edit.range.end || edit.range.end > len {
                return Err(format!(
                    "edit {:?} is outside the text (0..{len})",
                    edit.range
                ));
            }
            if !text.is_char_boundary(edit.range.start) || !text.is_char_boundary(edit.range.end) {
                return Err(format!("edit {:?} splits a character", edit.range));
            }
            let start_char = rope.byte_to_char(edit.range.start);
            let end_char = rope.byte_to_char(edit.range.end);
            rope.remove(start_char..end_char);
            rope.insert(start_char, &edit.text);
            let before = text.clone();
            text.replace_range(edit.range.clone(), &edit.text);
            let new_end = edit.range.start + edit.text.len();
            tree_edits.push(TextEdit::for_replacement(
                &before,
                &text,
                edit.range.start,
                edit.range.end,
                new_end,
            ));
        }
        // Every edit is valid: now take the syntax tree. When no reader holds the old
        // document, its tree is edited in place — re-parsing from a copy of a tree costs
        // tree-sitter far more than re-parsing from the tree it last produced.
        let document = self.documents.remove(path).expect("looked up above");
        let mut syntax = match Arc::try_unwrap(document) {
            Ok(document) => document.syntax,
            Err(shared) => shared.syntax.clone(),
        };
        for tree_edit in &tree_edits {
            syntax.edit(tree_edit);
        }
        syntax.reparse(&text);
        if is_config_file(path) {
            self.set_root_config_text(path, &text);
        }
        let kind = self.classify(path, &syntax);
        let text: Arc<str> = text.into();
        let note = Arc::new(Note::build_with(
            path.to_path_buf(),
            kind,
            text.clone(),
            syntax.outline().clone(),
            &self.config_for(path).aliases,
        ));
        let document = Document {
            path: path.to_path_buf(),
            version: Some(version),
            rope,
            text,
            syntax,
            note,
        };
        self.documents
            .insert(path.to_path_buf(), Arc::new(document));
        Ok(())
    }

    /// Replaces a note's whole text (full sync).
    pub fn replace(&mut self, path: &Path, version: i32, text: String) {
        self.open(path.to_path_buf(), version, text);
    }

    /// Closes an open note: it goes back to its content on disk (or leaves the index).
    pub fn close(&mut self, path: &Path) {
        if let Some(document) = self.documents.get(path) {
            let mut closed = (**document).clone();
            closed.version = None;
            self.documents.insert(path.to_path_buf(), Arc::new(closed));
        }
        self.reload_from_disk(path);
    }

    /// Re-reads a file that changed on disk, unless it is open in the editor. A changed
    /// `career-lsp.toml` reconfigures its root.
    pub fn reload_from_disk(&mut self, path: &Path) {
        if is_config_file(path) {
            if let Some(dir) = path.parent() {
                let dir = dir.to_path_buf();
                match self.roots.iter_mut().find(|r| r.path == dir) {
                    Some(root) => root.file_config = ConfigFile::read(&dir),
                    None => {
                        self.roots.push(Root {
                            path: dir.clone(),
                            file_config: ConfigFile::read(&dir),
                        });
                        self.roots
                            .sort_by_key(|r| std::cmp::Reverse(r.path.components().count()));
                    }
                }
                self.reclassify_all();
            }
            return;
        }
        if self.is_open(path) {
            return;
        }
        let max = self.config_for(path).max_file_size;
        match scan::read_note(path, max) {
            Ok(text) => self.insert(path.to_path_buf(), None, text),
            Err(reason) => {
                tracing::info!("not indexing {}: {reason}", path.display());
                self.documents.remove(path);
            }
        }
    }

    /// Forgets a file deleted on disk, unless it is open in the editor.
    pub fn remove(&mut self, path: &Path) {
        if is_config_file(path) {
            if let Some(root) = self
                .roots
                .iter_mut()
                .find(|r| Some(r.path.as_path()) == path.parent())
            {
                root.file_config = None;
            }
            self.reclassify_all();
            return;
        }
        if !self.is_open(path) {
            self.documents.remove(path);
        }
    }

    fn set_root_config_text(&mut self, path: &Path, text: &str) {
        if let Some(dir) = path.parent() {
            let parsed = ConfigFile::parse(path.to_path_buf(), text);
            match self.roots.iter_mut().find(|r| r.path == dir) {
                Some(root) => root.file_config = Some(parsed),
                None => {
                    self.roots.push(Root {
                        path: dir.to_path_buf(),
                        file_config: Some(parsed),
                    });
                    self.roots
                        .sort_by_key(|r| std::cmp::Reverse(r.path.components().count()));
                }
            }
            self.reclassify_all();
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
        let mut paths: Vec<PathBuf> = self
            .documents
            .values()
            .filter(|d| d.version.is_some())
            .map(|d| d.path.clone())
            .collect();
        paths.sort();
        paths
    }

    /// Paths of every indexed note (for workspace-wide pull diagnostics), sorted.
    pub fn note_paths(&self) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = self.documents.keys().cloned().collect();
        paths.sort();
        paths
    }

    /// A consistent view of one note and the notes of its root, for the rules and the
    /// editing features. Cheap: it clones `Arc`s, so it can be taken under a lock and
    /// analysed after the lock is released.
    pub fn snapshot(&self, path: &Path) -> Option<Snapshot> {
        let document = self.documents.get(path)?.clone();
        let root = self.root_of(path);
        let root_path = root.map(|r| r.path.as_path());
        let mut documents: Vec<Arc<Document>> = self
            .documents
            .values()
            .filter(|d| self.root_of(&d.path).map(|r| r.path.as_path()) == root_path)
            .cloned()
            .collect();
        documents.sort_by(|a, b| a.path.cmp(&b.path));
        let config = self.config_for(path).clone();
        let config_file = root
            .and_then(|r| r.file_config.as_ref())
            .map(|file| file.text.clone());
        Some(Snapshot::new(
            document,
            documents,
            config,
            root.map(|r| r.path.clone()),
            config_file,
        ))
    }

    /// One snapshot per root that holds notes (for workspace-wide features).
    pub fn root_snapshots(&self) -> Vec<Snapshot> {
        let mut seen: Vec<Option<PathBuf>> = Vec::new();
        let mut snapshots = Vec::new();
        for path in self.note_paths() {
            let root = self.root_of(&path).map(|r| r.path.clone());
            if seen.contains(&root) {
                continue;
            }
            seen.push(root);
            snapshots.extend(self.snapshot(&path));
        }
        snapshots
    }

    /// The findings for one note, with the configured severities applied (for callers
    /// that hold the workspace alone, such as `check`; the server analyses a snapshot
    /// outside its lock instead).
    pub fn diagnostics(&self, path: &Path) -> Vec<Finding> {
        self.snapshot(path)
            .map(|snapshot| snapshot.diagnostics())
            .unwrap_or_default()
    }

    /// The roots' `career-lsp.toml` files that have problems, sorted by path.
    pub fn config_problems(&self) -> Vec<ConfigFile> {
        let mut files: Vec<ConfigFile> = self
            .roots
            .iter()
            .filter_map(|root| root.file_config.clone())
            .filter(|file| !file.problems.is_empty())
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

fn is_config_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == CONFIG_FILE_NAME)
}

#[cfg(test)]
mod tests;
