//! Indexing a root only as far as checking some of its notes needs: what `check` does
//! when it is given files rather than whole workspaces.
//!
//! A rule reads other notes only through `rules::Context`, whose questions are: where a link
//! leads (the notes with the link's file stem, and the content of the one it finds), the
//! Career Index a Goals note belongs to (the Goals note's links, every Career Index and the
//! links of each), whether a Goals note exists for a year (every Goals note), and the
//! session logs held after a session log (every session log). So the notes read are: the
//! checked notes; every note that may be a Career Index, a Goals note, a profile or a
//! session log — by its path (names and `[notes]` globs), or by its text, which is read
//! and tested line by line without being parsed ([`text_may_give_kind`]); then every note
//! whose file stem a link of those notes names. Any other note can change no answer, so
//! the findings of the checked notes are those a whole index gives.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{scan, scan_root, Found, ScanReport, Workspace};
use crate::methodology::NoteKind;
use crate::model::notes::target_stem;
use crate::model::text_may_give_kind;
use crate::syntax::SyntaxTree;

impl Workspace {
    /// Takes on the root `root` and indexes of it the notes at or below `targets` (notes
    /// and folders of this root) and the notes their findings may depend on (see the
    /// module's documentation); `progress` hears (notes done, notes in all). A note named
    /// in `targets` is read even where the walk of the root passes over it (a hidden
    /// folder, a `.gitignore`): it was asked for.
    pub fn add_root_for(
        &mut self,
        root: PathBuf,
        targets: &[PathBuf],
        progress: &mut dyn FnMut(usize, usize),
    ) -> ScanReport {
        let (root, found) = scan_root(root);
        let Found {
            notes: all,
            config_dirs,
            configs,
            skipped,
        } = found;
        let in_targets = |path: &Path| targets.iter().any(|t| path.starts_with(t));
        // The roots first: their configuration says which notes are which.
        let mut skipped = self
            .start_indexing(
                &root,
                Found {
                    notes: Vec::new(),
                    config_dirs,
                    configs,
                    skipped,
                },
            )
            .skipped;
        let builder = self.builder();
        let blank = SyntaxTree::parse("");
        let mut wanted: BTreeSet<PathBuf> = targets
            .iter()
            .filter(|t| t.is_file() && scan::is_markdown(t))
            .cloned()
            .collect();
        let mut to_sniff = Vec::new();
        for path in &all {
            let by_path = builder.classify(path, &blank);
            if in_targets(path)
                || matches!(
                    by_path,
                    NoteKind::CareerIndex
                        | NoteKind::Goals
                        | NoteKind::Profile
                        | NoteKind::SessionLog
                )
            {
                wanted.insert(path.clone());
            } else {
                to_sniff.push((path, self.config_for(path).max_file_size));
            }
        }
        let by_text: Vec<PathBuf> = to_sniff
            .par_iter()
            .filter(|(path, max)| {
                super::read::read_text(path, *max, super::read::Links::Refuse)
                    .is_ok_and(|text| text_may_give_kind(&text))
            })
            .map(|(path, _)| (*path).clone())
            .collect();
        wanted.extend(by_text);

        let mut indexed = 0;
        let mut done = 0;
        let mut read = |workspace: &mut Workspace, paths: Vec<PathBuf>, total: usize| {
            let mut batch = workspace.start_indexing(&root, Found::of(paths));
            while let Some(documents) = batch.next_batch() {
                indexed += workspace.add_read(documents);
                progress(done + batch.done(), total);
            }
            done += batch.total();
            skipped.append(&mut batch.skipped);
        };
        // Rough: the link targets are not known until these are read.
        let total = wanted.len();
        read(self, wanted.iter().cloned().collect(), total);

        // The notes the links of those name, by file stem.
        let stems: HashSet<String> = self
            .documents
            .values()
            .flat_map(|document| document.note.outline.wikilinks.iter())
            .map(|link| target_stem(&link.target))
            .filter(|stem| !stem.is_empty())
            .collect();
        let linked: Vec<PathBuf> = all
            .iter()
            .filter(|path| !wanted.contains(*path))
            .filter(|path| {
                let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
                stems.contains(&stem.to_lowercase())
            })
            .cloned()
            .collect();
        let total = total + linked.len();
        read(self, linked, total);
        self.finish_indexing();
        ScanReport { indexed, skipped }
    }
}

impl Found {
    /// Notes to index, found by other means than a walk.
    fn of(notes: Vec<PathBuf>) -> Found {
        Found {
            notes,
            config_dirs: Vec::new(),
            configs: Vec::new(),
            skipped: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::workspace::{Config, Workspace};

    fn write(root: &Path, name: &str, text: &str) {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// The notes indexed, relative to `root`.
    fn indexed(workspace: &Workspace, root: &Path) -> Vec<String> {
        workspace
            .note_paths()
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect()
    }

    #[test]
    fn checking_one_note_reads_what_it_depends_on_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        write(
            &root,
            "career-lsp.toml",
            "[notes]\ngoals = [\"plans/*.md\"]\n",
        );
        write(&root, "Career.md", "# Career\n\n## Vision\n");
        write(&root, "CLAUDE.md", "# Profile\n");
        write(&root, "plans/next.md", "# Next\n");
        write(&root, "me.md", "Intro.\n\n2026 Goals\n==========\n");
        write(
            &root,
            "notes/kinds.md",
            "---\nkind: career-index\n---\n# Me\n",
        );
        write(
            &root,
            "log.md",
            "# 2026-03-01 Session\n\n- [[Reading List#Books]] and [[Career]].\n",
        );
        write(&root, "a/Reading List.md", "# Reading\n\n## Books\n");
        write(
            &root,
            "Sessions/2026-03-08 Career Coaching Session.md",
            "# Later\n",
        );
        for i in 0..30 {
            write(
                &root,
                &format!("notes/{i}.md"),
                &format!("# Note {i}\n\nOn careers and goals: [[{}]].\n", i + 1),
            );
        }
        let mut workspace = Workspace::new(Config::default());
        let report = workspace.add_root_for(root.clone(), &[root.join("log.md")], &mut |_, _| {});
        assert_eq!(
            indexed(&workspace, &root),
            [
                "CLAUDE.md",
                "Career.md",
                "Sessions/2026-03-08 Career Coaching Session.md",
                "a/Reading List.md",
                "log.md",
                "me.md",
                "notes/kinds.md",
                "plans/next.md",
            ]
        );
        assert_eq!(report.indexed, 8);
        assert!(report.skipped.is_empty(), "{:?}", report.skipped);

        // A folder asked for is read whole.
        let mut workspace = Workspace::new(Config::default());
        workspace.add_root_for(root.clone(), &[root.join("notes")], &mut |_, _| {});
        let read = indexed(&workspace, &root);
        assert!(read.contains(&"notes/29.md".to_string()), "{read:?}");
        assert!(!read.contains(&"log.md".to_string()), "{read:?}");
    }
}
