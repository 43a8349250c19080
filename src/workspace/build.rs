//! Building a note's document — parse, classify, model — from what the workspace knows of
//! its roots, owned, so that notes are built in parallel and outside the workspace's lock.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use ropey::Rope;

use super::{scan, Config, Document};
use crate::methodology::NoteKind;
use crate::model::{Classifier, Note};
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

    /// Reads and builds notes from disk in parallel, with the files passed over and why.
    pub fn read(&self, paths: &[PathBuf]) -> (Vec<Document>, Vec<(PathBuf, String)>) {
        let read: Vec<Result<Document, (PathBuf, String)>> = paths
            .par_iter()
            .map(|path| {
                let max = self.config_for(path).max_file_size;
                match scan::read_note(path, max) {
                    Ok(text) => Ok(self.document(path.clone(), None, text)),
                    Err(reason) => Err((path.clone(), reason)),
                }
            })
            .collect();
        let mut documents = Vec::with_capacity(read.len());
        let mut skipped = Vec::new();
        for result in read {
            match result {
                Ok(document) => documents.push(document),
                Err((path, reason)) => {
                    tracing::info!("not indexing {}: {reason}", path.display());
                    skipped.push((path, reason));
                }
            }
        }
        (documents, skipped)
    }
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
    pub fn next_batch(&mut self) -> Option<Vec<Document>> {
        if self.next >= self.paths.len() {
            return None;
        }
        let size = match self.next {
            0 if self.depended_on > 0 => self.depended_on.min(BATCH),
            _ => BATCH,
        };
        let end = (self.next + size).min(self.paths.len());
        let (documents, skipped) = self.builder.read(&self.paths[self.next..end]);
        self.next = end;
        self.skipped.extend(skipped);
        Some(documents)
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
