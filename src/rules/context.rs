//! What a rule may look at besides the note it checks, and the record of what it looked at.
//!
//! Every question about other notes goes through [`Context`], which writes down the question
//! and the answer ([`Read`]). The answers a note's findings were computed from are therefore
//! known, and findings kept from an earlier analysis are still right exactly when every
//! question still gets the same answer ([`Reads::hold`]): that is how an edit re-analyses only
//! the notes whose findings can depend on what changed.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;

use super::Settings;
use crate::methodology::NoteKind;
use crate::model::index::Vision;
use crate::model::links::{self, Resolution};
use crate::model::notes::NoteSet;
use crate::model::sessions::threads_carried;
use crate::model::{Note, Unreadable};
use crate::syntax::WikiLink;

pub struct Context<'a> {
    pub settings: &'a Settings,
    pub today: NaiveDate,
    /// Every note of the checked note's root, the checked one included.
    notes: &'a NoteSet,
    reads: Mutex<Vec<Read>>,
}

/// One question about the other notes, with the answer it got.
#[derive(Debug, Clone)]
pub enum Read {
    /// Where a wikilink of the checked note leads.
    Link {
        target: String,
        heading: Option<String>,
        answer: LinkAnswer,
    },
    /// The note a link target names, from the checked note.
    Target {
        target: String,
        found: Option<PathBuf>,
    },
    /// A note's whole content.
    Content {
        path: PathBuf,
        note: Option<Arc<Note>>,
    },
    /// The Career Index the checked Goals note belongs to.
    CareerIndex { found: Option<PathBuf> },
    /// The vision of a Career Index.
    Vision {
        path: PathBuf,
        vision: Option<Vision>,
    },
    /// Whether a note exists at a path.
    Exists { path: PathBuf, exists: bool },
    /// Whether there is a Goals note for a year.
    GoalsYear { year: i32, exists: bool },
    /// Whether a Career Index's Session Logs list names a session log.
    Listed {
        index: PathBuf,
        stem: String,
        listed: bool,
    },
    /// For each open thread of the checked session log, whether a later log or the Career
    /// Index's Open Tasks took it up; `None` when no log was held after it.
    Threads { carried: Option<Vec<bool>> },
    /// The note a link target names among the notes that could not be read, and why.
    Unread {
        target: String,
        found: Option<(PathBuf, Unreadable)>,
    },
}

/// A [`Resolution`] without the borrowed notes, to compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkAnswer {
    Note(PathBuf),
    Heading(PathBuf, usize),
    MissingNote,
    MissingHeading(PathBuf),
    NotChecked,
}

impl From<&Resolution<'_>> for LinkAnswer {
    fn from(resolution: &Resolution) -> LinkAnswer {
        match resolution {
            Resolution::Note(note) => LinkAnswer::Note(note.path.clone()),
            Resolution::Heading(note, index) => LinkAnswer::Heading(note.path.clone(), *index),
            Resolution::MissingNote => LinkAnswer::MissingNote,
            Resolution::MissingHeading(note) => LinkAnswer::MissingHeading(note.path.clone()),
            Resolution::NotChecked => LinkAnswer::NotChecked,
        }
    }
}

/// Everything the rules read of other notes while checking one note.
#[derive(Debug, Clone, Default)]
pub struct Reads(Vec<Read>);

impl Reads {
    /// Whether every question gets the same answer from `notes` (which hold `from`, the
    /// checked note, unchanged) as when it was asked.
    pub fn hold(&self, notes: &NoteSet, from: &Note) -> bool {
        self.0.iter().all(|read| read.holds(notes, from))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Read> {
        self.0.iter()
    }
}

impl Read {
    fn holds(&self, notes: &NoteSet, from: &Note) -> bool {
        match self {
            Read::Link {
                target,
                heading,
                answer,
            } => {
                let link = WikiLink {
                    range: 0..0,
                    target: target.clone(),
                    heading: heading.clone(),
                    alias: None,
                    embed: false,
                };
                LinkAnswer::from(&links::resolve(notes, from, &link)) == *answer
            }
            Read::Target { target, found } => {
                links::find_note(notes, from, target).map(|n| &n.path) == found.as_ref()
            }
            Read::Content { path, note } => match (notes.get(path), note) {
                (Some(now), Some(then)) => Arc::ptr_eq(now, then),
                (None, None) => true,
                _ => false,
            },
            Read::CareerIndex { found } => {
                links::career_index_for(notes, from).map(|n| &n.path) == found.as_ref()
            }
            Read::Vision { path, vision } => vision_of(notes.get(path)) == vision.as_ref(),
            Read::Exists { path, exists } => notes.contains(path) == *exists,
            Read::GoalsYear { year, exists } => has_goals_for(notes, *year) == *exists,
            Read::Listed {
                index,
                stem,
                listed,
            } => {
                notes
                    .get(index)
                    .and_then(|n| n.as_index())
                    .map(|i| i.session_logs.lists(stem))
                    == Some(*listed)
            }
            Read::Threads { carried } => threads_carried(notes, from) == *carried,
            Read::Unread { target, found } => {
                links::find_unread(notes, target)
                    == found.as_ref().map(|(path, why)| (path.as_path(), why))
            }
        }
    }
}

fn vision_of(note: Option<&Arc<Note>>) -> Option<&Vision> {
    note.and_then(|n| n.as_index()).map(|index| &index.vision)
}

fn has_goals_for(notes: &NoteSet, year: i32) -> bool {
    notes
        .of_kind(NoteKind::Goals)
        .any(|n| n.as_goals().is_some_and(|g| g.year == Some(year)))
}

impl<'a> Context<'a> {
    pub fn new(settings: &'a Settings, today: NaiveDate, notes: &'a NoteSet) -> Context<'a> {
        Context {
            settings,
            today,
            notes,
            reads: Mutex::new(Vec::new()),
        }
    }

    /// What the rules have read of other notes so far.
    pub fn into_reads(self) -> Reads {
        Reads(self.reads.into_inner().unwrap_or_else(|e| e.into_inner()))
    }

    fn record(&self, read: Read) {
        self.reads
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(read);
    }

    /// Where a wikilink of `from` (the checked note) leads.
    pub fn resolve(&self, from: &'a Note, link: &WikiLink) -> Resolution<'a> {
        let resolution = links::resolve(self.notes, from, link);
        self.record(Read::Link {
            target: link.target.clone(),
            heading: link.heading.clone(),
            answer: LinkAnswer::from(&resolution),
        });
        resolution
    }

    /// The note a link target names, from `from` (the checked note). The caller reads the
    /// note's content.
    pub fn find_note(&self, from: &'a Note, target: &str) -> Option<&'a Note> {
        let found = links::find_note(self.notes, from, target);
        self.record(Read::Target {
            target: target.to_string(),
            found: found.map(|n| n.path.clone()),
        });
        if let Some(note) = found.filter(|n| n.path != from.path) {
            self.record(Read::Content {
                path: note.path.clone(),
                note: self.notes.get(&note.path).cloned(),
            });
        }
        found
    }

    /// `note`, another note that [`resolve`](Self::resolve) led to, for the caller to read
    /// its content: the read is recorded, so the findings are computed again when it changes.
    pub fn content_of(&self, from: &Note, note: &'a Note) -> &'a Note {
        if note.path != from.path {
            self.record(Read::Content {
                path: note.path.clone(),
                note: self.notes.get(&note.path).cloned(),
            });
        }
        note
    }

    /// The Career Index a Goals note belongs to (SPEC §3) and its vision; `None` when there
    /// is no single one, and then cross-note checks are skipped.
    pub fn career_index_vision(&self, goals: &'a Note) -> Option<(&'a Note, &'a Vision)> {
        let index = links::career_index_for(self.notes, goals);
        self.record(Read::CareerIndex {
            found: index.map(|n| n.path.clone()),
        });
        let index = index?;
        let vision = index.as_index().map(|i| &i.vision);
        self.record(Read::Vision {
            path: index.path.clone(),
            vision: vision.cloned(),
        });
        Some((index, vision?))
    }

    /// Whether a note exists at `path`.
    pub fn exists(&self, path: &Path) -> bool {
        let exists = self.notes.contains(path);
        self.record(Read::Exists {
            path: path.to_path_buf(),
            exists,
        });
        exists
    }

    /// The note `target` names among the root's notes that could not be read (not UTF-8,
    /// too large, …), and why: for a link that finds no note.
    pub fn unread_note(&self, target: &str) -> Option<(&'a Path, &'a Unreadable)> {
        let found = links::find_unread(self.notes, target);
        self.record(Read::Unread {
            target: target.to_string(),
            found: found.map(|(path, why)| (path.to_path_buf(), why.clone())),
        });
        found
    }

    /// The Career Index `note` belongs to (SPEC §3: the index it links to, else the one
    /// linking to it, else the root's only one), without reading its content.
    pub fn career_index_of(&self, note: &'a Note) -> Option<&'a Note> {
        let index = links::career_index_for(self.notes, note);
        self.record(Read::CareerIndex {
            found: index.map(|n| n.path.clone()),
        });
        index
    }

    /// Whether `index`'s Session Logs list names the session log `log`.
    pub fn lists_session_log(&self, index: &Note, log: &Note) -> bool {
        let stem = log.stem().to_string();
        let listed = index
            .as_index()
            .is_some_and(|i| i.session_logs.lists(&stem));
        self.record(Read::Listed {
            index: index.path.clone(),
            stem,
            listed,
        });
        listed
    }

    /// For each open thread of `log`, the checked session log, whether a later log or its
    /// Career Index's Open Tasks took it up; `None` when no log was held after it.
    pub fn threads_carried(&self, log: &Note) -> Option<Vec<bool>> {
        let carried = threads_carried(self.notes, log);
        self.record(Read::Threads {
            carried: carried.clone(),
        });
        carried
    }

    /// Whether the root holds a Goals note for `year`.
    pub fn has_goals_for(&self, year: i32) -> bool {
        let exists = has_goals_for(self.notes, year);
        self.record(Read::GoalsYear { year, exists });
        exists
    }
}
