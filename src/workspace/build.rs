//! Building a note's document — parse, classify, model — from what the workspace knows of
//! its roots, owned, so that notes are read and built in parallel and outside the
//! workspace's lock; and reading a file the client says changed on disk, likewise.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use ropey::Rope;

use super::read::{read_text, Links};
use super::{is_config_file, scan, Config, ConfigFile, Document};
use crate::methodology::NoteKind;
use crate::model::{Classifier, Note, Unreadable};
use crate::syntax::SyntaxTree;

/// The configuration of every root, to build notes with.
#[derive(Debug, Clone)]
pub struct NoteBuilder {
    client_config: Config,
    /// Root folders with the configuration in force under each, deepest first.
    roots: Vec<(PathBuf, Option<Config>)>,
}

impl NoteBuilder {
    pub(super) fn new(client_config: Config, roots: Vec<(PathBuf, Option<Config>)>) -> Self {
        NoteBuilder {
            client_config,
            roots,
        }
    }

    fn root_of(&self, path: &Path) -> Option<&(PathBuf, Option<Config>)> {
        self.roots.iter().find(|(root, _)| path.starts_with(root))
    }

    fn config_for(&self, path: &Path) -> &Config {
        self.root_of(path)
            .and_then(|(_, config)| config.as_ref())
            .unwrap_or(&self.client_config)
    }

    /// The note's kind (SPEC §1), from its path below its root and its outline.
    pub(super) fn classify(&self, path: &Path, syntax: &SyntaxTree) -> NoteKind {
        let relative = match self.root_of(path) {
            Some((root, _)) => path.strip_prefix(root).unwrap_or(path),
            None => Path::new(path.file_name().unwrap_or(path.as_os_str())),
        };
        let config = self.config_for(path);
        Classifier::new(&config.note_globs).classify(relative, syntax.outline())
    }

    /// The model of a note from its text and syntax.
    pub(super) fn note(&self, path: &Path, text: &Arc<str>, syntax: &SyntaxTree) -> Arc<Note> {
        Arc::new(Note::build_with(
            path.to_path_buf(),
            self.classify(path, syntax),
            text.clone(),
            syntax.outline().clone(),
            &self.config_for(path).aliases,
        ))
    }

    /// A note's document. A note read from disk (`version` is `None`) keeps only its
    /// outline, not the parser's trees: those serve incremental re-parsing, which only an
    /// open note needs, and they are most of a note's memory. Career Indexes, Goals notes
    /// and profiles — a few notes, the ones a person opens most — keep theirs, so that
    /// opening one does not parse it again.
    pub fn document(&self, path: PathBuf, version: Option<i32>, text: String) -> Document {
        let mut syntax = SyntaxTree::parse(&text);
        let rope = Rope::from_str(&text);
        let text: Arc<str> = text.into();
        let note = self.note(&path, &text, &syntax);
        let often_opened = matches!(
            note.kind,
            NoteKind::CareerIndex | NoteKind::Goals | NoteKind::Profile
        );
        if version.is_none() && !often_opened {
            syntax.compact();
        }
        Document {
            path,
            version,
            rope,
            text,
            syntax,
            note,
        }
    }

    /// Reads a note from disk: only a regular file of at most the root's `max-file-size`,
    /// never through a symbolic link.
    pub fn read_note(&self, path: &Path) -> Result<String, Unreadable> {
        read_text(path, self.config_for(path).max_file_size, Links::Refuse)
    }

    /// Reads and builds notes from disk in parallel, with the files passed over and why.
    pub fn read(&self, paths: &[PathBuf]) -> Batch {
        let read: Vec<Result<Document, (PathBuf, Unreadable)>> = paths
            .par_iter()
            .map(|path| match self.read_note(path) {
                Ok(text) => Ok(self.document(path.clone(), None, text)),
                Err(why) => Err((path.clone(), why)),
            })
            .collect();
        let mut batch = Batch::default();
        for result in read {
            match result {
                Ok(document) => batch.documents.push(document),
                Err((path, why)) => {
                    tracing::info!("not indexing {}: it is {why}", path.display());
                    batch.unread.push((path, why));
                }
            }
        }
        batch
    }

    /// Reads a file the client says was created or changed on disk, for
    /// [`Workspace::apply_from_disk`](super::Workspace::apply_from_disk). Only a note under
    /// a root (a Markdown file) and a `career-lsp.toml` under a root are read; anything
    /// else is ignored with a log line.
    pub fn read_from_disk(&self, path: &Path) -> FromDisk {
        let path = path.to_path_buf();
        if is_config_file(&path) {
            let dir = path.parent().unwrap_or(Path::new(""));
            if !self.roots.iter().any(|(root, _)| dir.starts_with(root)) {
                tracing::debug!("ignoring {}: under no workspace root", path.display());
                return FromDisk::Ignored(path);
            }
            let file = ConfigFile::read(dir);
            return FromDisk::Config(path, file);
        }
        if !scan::is_markdown(&path) {
            tracing::debug!("ignoring {}: not a Markdown note", path.display());
            return FromDisk::Ignored(path);
        }
        if self.root_of(&path).is_none() {
            tracing::debug!("ignoring {}: under no workspace root", path.display());
            return FromDisk::Ignored(path);
        }
        let text = self.read_note(&path);
        FromDisk::Note(path, text)
    }
}

/// Notes read from disk: the documents built, and the notes that could not be read.
#[derive(Debug, Default)]
pub struct Batch {
    pub documents: Vec<Document>,
    pub unread: Vec<(PathBuf, Unreadable)>,
}

/// A file as read from disk by [`NoteBuilder::read_from_disk`] — without the workspace,
/// so outside a server's lock — to be applied with
/// [`Workspace::apply_from_disk`](super::Workspace::apply_from_disk).
#[derive(Debug)]
pub enum FromDisk {
    /// A note: its text, or why it could not be read.
    Note(PathBuf, Result<String, Unreadable>),
    /// A `career-lsp.toml`: its content, or `None` when it is gone.
    Config(PathBuf, Option<ConfigFile>),
    /// Not a file the workspace reads: not a note, or under no root.
    Ignored(PathBuf),
}

/// Indexing one root, batch by batch: each batch is read and built without the workspace
/// (so a server can release its lock meanwhile), then added with
/// [`Workspace::add_read`](super::Workspace::add_read).
#[derive(Debug)]
pub struct Indexing {
    builder: NoteBuilder,
    paths: Vec<PathBuf>,
    /// How many of `paths`, at their start, other notes depend on: the first batch.
    depended_on: usize,
    next: usize,
    /// Files passed over so far, with the reason.
    pub skipped: Vec<(PathBuf, String)>,
}

/// How many notes are read between two updates of the index.
const BATCH: usize = 256;

impl Indexing {
    pub(super) fn new(
        builder: NoteBuilder,
        paths: Vec<PathBuf>,
        depended_on: usize,
        skipped: Vec<(PathBuf, String)>,
    ) -> Indexing {
        Indexing {
            builder,
            paths,
            depended_on,
            next: 0,
            skipped,
        }
    }

    /// Reads and builds the next batch of notes; `None` when all are done. The first
    /// batch is the notes other notes depend on (Career Indexes, Goals notes, profiles),
    /// when there are any: they come in as early as can be.
    pub fn next_batch(&mut self) -> Option<Batch> {
        if self.next >= self.paths.len() {
            return None;
        }
        let size = match self.next {
            0 if self.depended_on > 0 => self.depended_on.min(BATCH),
            _ => BATCH,
        };
        let end = (self.next + size).min(self.paths.len());
        let batch = self.builder.read(&self.paths[self.next..end]);
        self.next = end;
        self.skipped.extend(
            batch
                .unread
                .iter()
                .map(|(path, why)| (path.clone(), why.to_string())),
        );
        Some(batch)
    }

    /// Notes read so far.
    pub fn done(&self) -> usize {
        self.next
    }

    /// Notes to read in all.
    pub fn total(&self) -> usize {
        self.paths.len()
    }
}
