//! The workspace: every note under the roots (open documents and files on disk), kept
//! current, with the configuration and the clock.
//!
//! A root is a workspace folder, or any folder below it that holds its own
//! `career-lsp.toml`: notes belong to the deepest root above them, and cross-note checks
//! (links, the goal cascade, this year's Goals note) look only at the notes of that root.
//! A root's `career-lsp.toml` wins over the client's settings.

mod build;
mod cache;
pub mod config;
mod needed;
mod read;
mod scan;
mod snapshot;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ropey::Rope;

pub use build::{Batch, FromDisk, Indexing, NoteBuilder};
pub use cache::FindingsCache;
pub use config::{Config, ConfigFile, ConfigProblem, CONFIG_FILE_NAME};
pub use read::{read_bytes, read_text, Links};
pub use scan::{is_markdown, Found};
pub use snapshot::Snapshot;

use crate::methodology::NoteKind;
use crate::model::notes::NoteSet;
use crate::model::{Note, Unreadable};
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

/// A workspace folder and its `career-lsp.toml`, read without the workspace (so outside a
/// server's lock), to add with [`Workspace::add_root_folder`].
#[derive(Debug)]
pub struct RootFolder {
    path: PathBuf,
    config: Option<ConfigFile>,
}

impl RootFolder {
    /// Reads the configuration file of the folder at `path`.
    pub fn read(path: PathBuf) -> RootFolder {
        let config = ConfigFile::read(&path);
        RootFolder { path, config }
    }
}

#[derive(Debug, Clone)]
struct Root {
    path: PathBuf,
    /// The root's own `career-lsp.toml`, when it has one.
    file_config: Option<ConfigFile>,
    notes: RootNotes,
}

impl Root {
    fn new(path: PathBuf, file_config: Option<ConfigFile>) -> Root {
        Root {
            path,
            file_config,
            notes: RootNotes::default(),
        }
    }
}

/// The documents of one root and their models, indexed. Both are persistent maps: a
/// snapshot clones them in constant time, and replacing one note costs time logarithmic in
/// the number of notes.
#[derive(Debug, Clone, Default)]
struct RootNotes {
    documents: imbl::OrdMap<PathBuf, Arc<Document>>,
    notes: NoteSet,
}

impl RootNotes {
    fn insert(&mut self, document: &Arc<Document>) {
        self.documents
            .insert(document.path.clone(), document.clone());
        self.notes.insert(document.note.clone());
    }

    fn remove(&mut self, path: &Path) {
        self.documents.remove(path);
        self.notes.remove(path);
    }
}

#[derive(Debug, Default)]
pub struct Workspace {
    client_config: Config,
    /// Deepest first, so that the first root above a path is its own.
    roots: Vec<Root>,
    /// The notes under no root.
    rootless: RootNotes,
    documents: HashMap<PathBuf, Arc<Document>>,
    /// The notes open in the editor, kept apart so that counting them does not look at
    /// every note of the vault.
    open: std::collections::BTreeSet<PathBuf>,
    /// Findings of earlier analyses, shared by every snapshot.
    cache: Arc<FindingsCache>,
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
    /// their own `career-lsp.toml` become roots of their own. Notes are read and parsed in
    /// parallel; `progress` hears (notes done, notes in all) as they are.
    pub fn add_root(&mut self, root: PathBuf) -> ScanReport {
        self.add_root_with_progress(root, &mut |_, _| {})
    }

    pub fn add_root_with_progress(
        &mut self,
        root: PathBuf,
        progress: &mut dyn FnMut(usize, usize),
    ) -> ScanReport {
        let (root, found) = scan_root(root);
        let mut indexing = self.start_indexing(&root, found);
        let mut indexed = 0;
        while let Some(documents) = indexing.next_batch() {
            indexed += self.add_read(documents);
            progress(indexing.done(), indexing.total());
        }
        self.finish_indexing();
        ScanReport {
            indexed,
            skipped: indexing.skipped,
        }
    }

    /// Takes on a workspace folder as a root before its notes are read, so that a note
    /// opened meanwhile already belongs to it. Returns the root's path.
    pub fn add_root_folder(&mut self, folder: RootFolder) -> PathBuf {
        let RootFolder { path, config } = folder;
        if !self.roots.iter().any(|r| r.path == path) {
            self.add_roots(vec![Root::new(path.clone(), config)]);
        }
        path
    }

    /// The folder an opened note at `path` would make a root of, when it is under none:
    /// its configuration is read (outside a server's lock) and the root added with
    /// [`Workspace::add_root_folder`] before the note is opened.
    pub fn folder_without_root(&self, path: &Path) -> Option<PathBuf> {
        match self.root_of(path) {
            Some(_) => None,
            None => path.parent().map(Path::to_path_buf),
        }
    }

    /// Takes on a root whose folder [`scan_root`] walked, and the roots its configuration
    /// files make, and starts indexing its notes: Career Indexes, Goals notes and profiles
    /// first, so that what other notes depend on is indexed early.
    pub fn start_indexing(&mut self, root: &Path, found: Found) -> Indexing {
        let mut new_roots = Vec::new();
        // The walk read each folder's configuration.
        let mut configs: HashMap<PathBuf, Option<ConfigFile>> = found.configs.into_iter().collect();
        for dir in std::iter::once(root).chain(found.config_dirs.iter().map(PathBuf::as_path)) {
            let known = self.roots.iter().any(|r| r.path == dir)
                || new_roots.iter().any(|r: &Root| r.path == dir);
            if !known {
                let config = configs.remove(dir).unwrap_or_else(|| ConfigFile::read(dir));
                new_roots.push(Root::new(dir.to_path_buf(), config));
            }
        }
        self.add_roots(new_roots);
        let mut skipped = Vec::with_capacity(found.skipped.len());
        for (path, why) in found.skipped {
            skipped.push((path.clone(), why.to_string()));
            if scan::is_markdown(&path) && !self.is_open(&path) {
                self.mark_unread(path, why);
            }
        }
        let mut paths = found.notes;
        paths.sort_by_cached_key(|path| (!is_depended_on(path), path.clone()));
        let depended_on = paths.iter().take_while(|path| is_depended_on(path)).count();
        Indexing::new(self.builder(), paths, depended_on, skipped)
    }

    /// What building notes needs from the workspace, owned (to build outside its lock).
    pub fn builder(&self) -> NoteBuilder {
        NoteBuilder::new(
            self.client_config.clone(),
            self.roots
                .iter()
                .map(|r| {
                    let config = r.file_config.as_ref().map(|file| file.config.clone());
                    (r.path.clone(), config)
                })
                .collect(),
        )
    }

    /// Adds notes read from disk, except those open in the editor meanwhile, and records
    /// the notes that could not be read. Returns how many notes were added.
    pub fn add_read(&mut self, batch: Batch) -> usize {
        let mut added = 0;
        for document in batch.documents {
            if !self.is_open(&document.path) {
                self.put(document);
                added += 1;
            }
        }
        for (path, why) in batch.unread {
            if !self.is_open(&path) {
                self.mark_unread(path, why);
            }
        }
        added
    }

    /// After indexing: the configuration may have changed while notes were read.
    pub fn finish_indexing(&mut self) {
        self.reclassify_all();
    }

    pub fn roots(&self) -> Vec<PathBuf> {
        self.roots.iter().map(|r| r.path.clone()).collect()
    }

    fn root_of(&self, path: &Path) -> Option<&Root> {
        self.roots.iter().find(|r| path.starts_with(&r.path))
    }

    /// The notes of the root `path` belongs to.
    fn notes_of_root_mut(&mut self, path: &Path) -> &mut RootNotes {
        match self.roots.iter().position(|r| path.starts_with(&r.path)) {
            Some(at) => &mut self.roots[at].notes,
            None => &mut self.rootless,
        }
    }

    /// Adds roots, then hands every note to the root it now belongs to (a new root takes
    /// the notes below it from the root above).
    fn add_roots(&mut self, roots: Vec<Root>) {
        if roots.is_empty() {
            return;
        }
        self.roots.extend(roots);
        // Deepest roots first, so that `root_of` finds the innermost one.
        self.roots
            .sort_by_key(|r| std::cmp::Reverse(r.path.components().count()));
        let mut unread: Vec<(PathBuf, Unreadable)> = Vec::new();
        for notes in self
            .roots
            .iter_mut()
            .map(|r| &mut r.notes)
            .chain([&mut self.rootless])
        {
            unread.extend(
                notes
                    .notes
                    .unread_notes()
                    .map(|(path, why)| (path.to_path_buf(), why.clone())),
            );
            *notes = RootNotes::default();
        }
        let documents: Vec<Arc<Document>> = self.documents.values().cloned().collect();
        for document in &documents {
            self.notes_of_root_mut(&document.path).insert(document);
        }
        for (path, why) in unread {
            self.notes_of_root_mut(&path).notes.set_unread(path, why);
        }
    }

    /// Adds or replaces a document, in the index of its root too.
    fn put(&mut self, document: Document) {
        if document.version.is_some() {
            self.open.insert(document.path.clone());
        } else {
            self.open.remove(&document.path);
        }
        let document = Arc::new(document);
        self.notes_of_root_mut(&document.path).insert(&document);
        self.documents.insert(document.path.clone(), document);
    }

    /// Records that the note at `path` could not be read, in place of the note if it was
    /// indexed: a link to it says why it is not indexed.
    fn mark_unread(&mut self, path: PathBuf, why: Unreadable) {
        self.forget(&path);
        self.notes_of_root_mut(&path).notes.set_unread(path, why);
    }

    /// Why the note at `path` could not be read, when it could not.
    pub fn unread(&self, path: &Path) -> Option<&Unreadable> {
        let notes = self.root_of(path).map_or(&self.rootless, |r| &r.notes);
        notes.notes.unread(path)
    }

    /// Forgets a document (or the record that it could not be read).
    fn forget(&mut self, path: &Path) {
        self.open.remove(path);
        self.notes_of_root_mut(path).remove(path);
        self.documents.remove(path);
        self.cache.forget(path);
    }

    fn insert(&mut self, path: PathBuf, version: Option<i32>, text: String) {
        let document = self.builder().document(path, version, text);
        self.put(document);
    }

    /// Classifies every note again (after a configuration change: its `[notes]` globs may
    /// have changed a note's kind, its `[aliases]` the sections a heading names) and
    /// rebuilds the model of each note whose kind or aliases changed. Findings need no
    /// rebuilding: they are computed from a snapshot when asked for.
    fn reclassify_all(&mut self) {
        let builder = self.builder();
        let changed: Vec<Document> = self
            .documents
            .values()
            .filter(|document| {
                let kind = builder.classify(&document.path, &document.syntax);
                kind != document.note.kind
                    || self.config_for(&document.path).aliases != document.note.aliases
            })
            .map(|document| {
                let mut updated = (**document).clone();
                updated.note = builder.note(&document.path, &document.text, &document.syntax);
                updated
            })
            .collect();
        for document in changed {
            self.put(document);
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
                if !document.syntax.is_incremental() {
                    // Read from disk: parse again, so that edits re-parse incrementally.
                    document.syntax = SyntaxTree::parse(&document.text);
                }
                self.put(document);
                return;
            }
        }
        if self.root_of(&path).is_none() {
            if let Some(parent) = path.parent() {
                let root = Root::new(parent.to_path_buf(), ConfigFile::read(parent));
                self.add_roots(vec![root]);
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
        // The root's index holds the document too: let go of it there as well.
        self.notes_of_root_mut(path).remove(path);
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
        let text: Arc<str> = text.into();
        let note = self.builder().note(path, &text, &syntax);
        self.put(Document {
            path: path.to_path_buf(),
            version: Some(version),
            rope,
            text,
            syntax,
            note,
        });
        Ok(())
    }

    /// Replaces a note's whole text (full sync).
    pub fn replace(&mut self, path: &Path, version: i32, text: String) {
        self.open(path.to_path_buf(), version, text);
    }

    /// Closes an open note: it goes back to its content on disk (or leaves the index).
    pub fn close(&mut self, path: &Path) {
        let on_disk = self.builder().read_from_disk(path);
        self.close_with(path, on_disk);
    }

    /// Closes an open note, with its content on disk read beforehand by
    /// [`NoteBuilder::read_from_disk`] (outside a server's lock).
    pub fn close_with(&mut self, path: &Path, on_disk: FromDisk) {
        if let Some(document) = self.documents.get(path) {
            let mut closed = (**document).clone();
            closed.version = None;
            closed.syntax.compact();
            self.put(closed);
        }
        match on_disk {
            // Not a file the workspace would read from disk: it leaves with the editor.
            FromDisk::Ignored(path) => self.forget(&path),
            on_disk => self.apply_from_disk(on_disk),
        }
    }

    /// Re-reads a file that changed on disk, unless it is open in the editor. A changed
    /// `career-lsp.toml` reconfigures its root. (A server reads with
    /// [`NoteBuilder::read_from_disk`] outside its lock and applies with
    /// [`Workspace::apply_from_disk`] under it.)
    pub fn reload_from_disk(&mut self, path: &Path) {
        let on_disk = self.builder().read_from_disk(path);
        self.apply_from_disk(on_disk);
    }

    /// Applies a file read from disk: a note's new text, unless the note is open in the
    /// editor (a note that could not be read leaves the index, and is recorded with the
    /// reason); a root's new configuration.
    pub fn apply_from_disk(&mut self, on_disk: FromDisk) {
        match on_disk {
            FromDisk::Config(path, file) => self.apply_config_file(&path, file),
            FromDisk::Ignored(_) => {}
            FromDisk::Note(path, _) if self.is_open(&path) => {}
            FromDisk::Note(path, Ok(text)) => self.insert(path, None, text),
            FromDisk::Note(path, Err(Unreadable::Missing)) => self.forget(&path),
            FromDisk::Note(path, Err(why)) => {
                tracing::info!("not indexing {}: it is {why}", path.display());
                self.mark_unread(path, why);
            }
        }
    }

    /// A root's `career-lsp.toml` read from disk (`None`: it is gone) reconfigures the root,
    /// or makes its folder a root.
    fn apply_config_file(&mut self, path: &Path, file: Option<ConfigFile>) {
        let Some(dir) = path.parent() else {
            return;
        };
        let dir = dir.to_path_buf();
        match self.roots.iter_mut().find(|r| r.path == dir) {
            Some(root) => root.file_config = file,
            None => {
                let root = Root::new(dir.clone(), file);
                self.add_roots(vec![root]);
            }
        }
        self.reclassify_all();
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
            self.forget(path);
        }
    }

    fn set_root_config_text(&mut self, path: &Path, text: &str) {
        if let Some(dir) = path.parent() {
            let parsed = ConfigFile::parse(path.to_path_buf(), text);
            match self.roots.iter_mut().find(|r| r.path == dir) {
                Some(root) => root.file_config = Some(parsed),
                None => self.add_roots(vec![Root::new(dir.to_path_buf(), Some(parsed))]),
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

    /// Paths of every open note, sorted.
    pub fn open_paths(&self) -> Vec<PathBuf> {
        self.open.iter().cloned().collect()
    }

    /// How many notes are open.
    pub fn open_count(&self) -> usize {
        self.open.len()
    }

    /// Paths of every indexed note (for workspace-wide pull diagnostics), sorted.
    pub fn note_paths(&self) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = self.documents.keys().cloned().collect();
        paths.sort();
        paths
    }

    /// A consistent view of one note and the notes of its root, for the rules and the
    /// editing features. Cheap: it clones `Arc`s and the root's persistent index, so it can
    /// be taken under a lock and analysed after the lock is released.
    pub fn snapshot(&self, path: &Path) -> Option<Snapshot> {
        let document = self.documents.get(path)?.clone();
        let root = self.root_of(path);
        let notes = root.map_or(&self.rootless, |r| &r.notes);
        let config = self.config_for(path).clone();
        let config_file = root
            .and_then(|r| r.file_config.as_ref())
            .map(|file| file.text.clone());
        Some(Snapshot::new(
            document,
            notes.documents.clone(),
            notes.notes.clone(),
            config,
            root.map(|r| r.path.clone()),
            config_file,
            self.cache.clone(),
        ))
    }

    /// A snapshot of a note of the root `folder` belongs to, for features that look at a
    /// root as a whole; `None` when `folder` is under no root, or its root holds no note.
    pub fn snapshot_of_root(&self, folder: &Path) -> Option<Snapshot> {
        let root = self.root_of(folder)?;
        let path = root.notes.documents.keys().next()?;
        self.snapshot(path)
    }

    /// One snapshot per root that holds notes (for workspace-wide features).
    pub fn root_snapshots(&self) -> Vec<Snapshot> {
        self.roots
            .iter()
            .map(|r| &r.notes)
            .chain([&self.rootless])
            .filter_map(|notes| notes.documents.keys().next())
            .filter_map(|path| self.snapshot(path))
            .collect()
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

/// Walks a root's folder for notes and reads its configuration files (no lock needed):
/// the root's canonical path and what the walk found, for [`Workspace::start_indexing`].
pub fn scan_root(root: PathBuf) -> (PathBuf, Found) {
    let root = root.canonicalize().unwrap_or(root);
    let found = scan::scan(&root);
    (root, found)
}

/// Whether other notes depend on this one by its name alone: a Career Index, a Goals
/// note or a profile by the SPEC §1 default names.
fn is_depended_on(path: &Path) -> bool {
    let kind = path
        .file_name()
        .and_then(|name| name.to_str())
        .and_then(crate::model::kind_from_file_name);
    matches!(
        kind,
        Some(NoteKind::CareerIndex | NoteKind::Goals | NoteKind::Profile)
    )
}

fn is_config_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == CONFIG_FILE_NAME)
}

#[cfg(test)]
mod tests;
