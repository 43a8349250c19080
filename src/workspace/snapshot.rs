//! A consistent view of one note and the notes of its root, taken at one moment: the only
//! way to ask questions of the workspace. The server takes a snapshot while it holds the
//! workspace lock — cloning a few `Arc`s — and runs rules and features on it afterwards,
//! so a change never waits for an analysis.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;

use super::{Config, Document, FindingsCache, CONFIG_FILE_NAME};
use crate::methodology::NoteKind;
use crate::model::links::career_index_for;
use crate::model::notes::NoteSet;
use crate::model::Note;
use crate::rules::{check_note, Context, Finding};

#[derive(Debug, Clone)]
pub struct Snapshot {
    pub document: Arc<Document>,
    /// Every document of the note's root, the note itself included, by path.
    documents: imbl::OrdMap<PathBuf, Arc<Document>>,
    /// The models of `documents`, indexed.
    notes: NoteSet,
    pub config: Config,
    pub today: NaiveDate,
    /// The folder of the note's root, when it has one.
    root: Option<PathBuf>,
    /// The text of the root's own `career-lsp.toml`, when it has one (the editor's, when
    /// the file is open).
    config_file: Option<Arc<str>>,
    cache: Arc<FindingsCache>,
}

impl Snapshot {
    pub(super) fn new(
        document: Arc<Document>,
        documents: imbl::OrdMap<PathBuf, Arc<Document>>,
        notes: NoteSet,
        config: Config,
        root: Option<PathBuf>,
        config_file: Option<Arc<str>>,
        cache: Arc<FindingsCache>,
    ) -> Snapshot {
        let today = config.today();
        Snapshot {
            document,
            documents,
            notes,
            config,
            today,
            root,
            config_file,
            cache,
        }
    }

    pub fn note(&self) -> &Note {
        &self.document.note
    }

    pub fn text(&self) -> &str {
        &self.document.text
    }

    pub fn path(&self) -> &Path {
        &self.document.path
    }

    /// Every note of the root, the snapshot's own included, indexed.
    pub fn notes(&self) -> &NoteSet {
        &self.notes
    }

    /// Every document of the root, the snapshot's own included, in path order.
    pub fn documents(&self) -> impl Iterator<Item = &Arc<Document>> {
        self.documents.values()
    }

    pub fn document_for(&self, path: &Path) -> Option<&Arc<Document>> {
        self.documents.get(path)
    }

    /// Whether a note of the root, or any file on disk, is at `path`: no action creates a
    /// note there. (A file that was not indexed — not UTF-8, too large, not yet read — is
    /// on disk all the same.)
    pub fn file_exists(&self, path: &Path) -> bool {
        self.notes.contains(path)
            || self.documents.contains_key(path)
            || std::fs::symlink_metadata(path).is_ok()
    }

    /// Where the root's `career-lsp.toml` is, or would be created.
    pub fn config_path(&self) -> Option<PathBuf> {
        self.root.as_ref().map(|root| root.join(CONFIG_FILE_NAME))
    }

    /// The text of the root's `career-lsp.toml`, when the root has one.
    pub fn config_text(&self) -> Option<&str> {
        self.config_file.as_deref()
    }

    /// Whether the note gets career diagnostics, fixes and hints at all — the one place
    /// this is decided. Any career note does, except that an agent file (`CLAUDE.md`,
    /// `AGENTS.md`) is a career profile only beside a Career Index or in a root with its
    /// own `career-lsp.toml`: a code repository's agent file is left alone (SPEC §1).
    pub fn is_checked(&self) -> bool {
        match self.note().kind {
            NoteKind::Other => false,
            NoteKind::Profile => {
                self.config_file.is_some()
                    || self.notes.of_kind(NoteKind::CareerIndex).next().is_some()
            }
            NoteKind::CareerIndex | NoteKind::Goals | NoteKind::SessionLog => true,
        }
    }

    /// What the rules may look at besides the note they check.
    pub fn context(&self) -> Context<'_> {
        Context::new(&self.config.rules, self.today, &self.notes)
    }

    /// The note's findings, with the configured severities applied; none for a note that
    /// is not checked. Findings an earlier analysis computed from the same note, settings
    /// and date are reused when everything they read of other notes is unchanged.
    pub fn diagnostics(&self) -> Vec<Finding> {
        if !self.is_checked() {
            return Vec::new();
        }
        let rules = &self.config.rules;
        if let Some(findings) = self
            .cache
            .get(&self.document.note, rules, self.today, &self.notes)
        {
            return findings;
        }
        let context = self.context();
        let findings = check_note(self.note(), &context);
        self.cache.put(
            self.document.note.clone(),
            rules,
            self.today,
            context.into_reads(),
            &findings,
        );
        findings
    }

    /// The note's findings computed afresh, without the findings cache.
    #[cfg(test)]
    pub(crate) fn diagnostics_uncached(&self) -> Vec<Finding> {
        if !self.is_checked() {
            return Vec::new();
        }
        check_note(self.note(), &self.context())
    }

    /// The Career Index `note` belongs to: itself when it is one; for a Goals note, the
    /// index SPEC §3 finds (its link to an index, the index linking to it, or the root's
    /// only index).
    pub fn career_index_of(&self, note: &Note) -> Option<&Arc<Note>> {
        if note.kind == NoteKind::CareerIndex {
            return self.notes.get(&note.path);
        }
        let index = career_index_for(&self.notes, note)?;
        self.notes.get(&index.path)
    }

    /// The Career Index of the snapshot's own note.
    pub fn career_index(&self) -> Option<&Arc<Note>> {
        self.career_index_of(self.note())
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::workspace::{Workspace, CONFIG_FILE_NAME};

    const AGENT_FILE: &str =
        "# CLAUDE.md\n\nBuild with `cargo build`; run the tests before a commit.\n";
    const CAREER: &str = "# Career\n\n## Vision\n\nLead a platform group.\n";

    /// A workspace under `/repo` with `files` open; the snapshot of `CLAUDE.md`.
    fn agent_file_beside(files: &[(&str, &str)]) -> Snapshot {
        let mut workspace = Workspace::new(Config::default());
        for (i, (name, text)) in files.iter().enumerate() {
            workspace.open(
                PathBuf::from("/repo").join(name),
                i as i32,
                text.to_string(),
            );
        }
        workspace.open(PathBuf::from("/repo/CLAUDE.md"), 9, AGENT_FILE.to_string());
        workspace
            .snapshot(&PathBuf::from("/repo/CLAUDE.md"))
            .expect("open")
    }

    #[test]
    fn an_agent_file_is_a_career_profile_only_beside_an_index_or_a_config_file() {
        let alone = agent_file_beside(&[("README.md", "# A library\n")]);
        assert_eq!(alone.note().kind, NoteKind::Profile);
        assert!(!alone.is_checked());
        assert_eq!(alone.diagnostics(), Vec::new());

        let beside_index = agent_file_beside(&[("Career.md", CAREER)]);
        assert!(beside_index.is_checked());
        assert!(
            beside_index
                .diagnostics()
                .iter()
                .any(|f| f.code == "missing-section"),
            "{:?}",
            beside_index.diagnostics()
        );

        let with_config = agent_file_beside(&[(CONFIG_FILE_NAME, "max-annual-goals = 3\n")]);
        assert!(with_config.is_checked());
        assert!(!with_config.diagnostics().is_empty());
    }

    #[test]
    fn other_markdown_is_never_checked_and_career_notes_always_are() {
        let mut workspace = Workspace::new(Config::default());
        workspace.open(PathBuf::from("/v/notes.md"), 1, "# Groceries\n".into());
        workspace.open(PathBuf::from("/v/Career.md"), 1, CAREER.into());
        let other = workspace.snapshot(Path::new("/v/notes.md")).expect("open");
        assert!(!other.is_checked());
        let index = workspace.snapshot(Path::new("/v/Career.md")).expect("open");
        assert!(index.is_checked());
        assert!(!index.diagnostics().is_empty());
    }

    #[test]
    fn a_snapshot_is_unaffected_by_later_changes_to_the_workspace() {
        let mut workspace = Workspace::new(Config::default());
        let path = PathBuf::from("/v/Career.md");
        workspace.open(path.clone(), 1, CAREER.into());
        let before = workspace.snapshot(&path).expect("open");
        let findings = before.diagnostics();
        workspace
            .change(
                &path,
                2,
                vec![crate::rules::Edit {
                    range: 0..0,
                    text: "Intro.\n\n".into(),
                }],
            )
            .expect("a valid edit");
        assert_eq!(before.text(), CAREER);
        assert_eq!(before.document.version, Some(1));
        assert_eq!(before.diagnostics(), findings);
        let after = workspace.snapshot(&path).expect("open");
        assert!(after.text().starts_with("Intro."));
    }
}
