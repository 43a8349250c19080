//! The notes under the root the assistant works in, as the language server holds them (a
//! [`Workspace`]), kept in step with the disk: before each request the root is walked
//! again and every note or `career-lsp.toml` whose size or modification time changed is
//! read again, so an answer reflects the edit the assistant made a moment before. Paths the
//! assistant names are resolved under the root, and refused outside it.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::time::SystemTime;

use chrono::Datelike;

use crate::methodology::NoteKind;
use crate::workspace::{scan_root, Config, Snapshot, Workspace, CONFIG_FILE_NAME};

/// What a file looked like when it was last read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let metadata = std::fs::symlink_metadata(path).ok()?;
    Some(Stamp {
        len: metadata.len(),
        modified: metadata.modified().ok(),
    })
}

#[derive(Debug)]
pub struct Vault {
    root: PathBuf,
    workspace: Workspace,
    stamps: HashMap<PathBuf, Stamp>,
}

impl Vault {
    /// The notes under `root` (a folder), indexed.
    pub fn open(root: &Path) -> Result<Vault, String> {
        let canonical = root
            .canonicalize()
            .map_err(|error| format!("cannot open {}: {error}", root.display()))?;
        if !canonical.is_dir() {
            return Err(format!("{} is not a folder", root.display()));
        }
        let mut vault = Vault {
            root: canonical,
            workspace: Workspace::new(Config::default()),
            stamps: HashMap::new(),
        };
        let report = vault.workspace.add_root(vault.root.clone());
        for (path, why) in report.skipped {
            tracing::info!("not indexing {}: {why}", path.display());
        }
        vault.stamps = vault.files_on_disk();
        Ok(vault)
    }

    /// Today, as the folder's `career-lsp.toml` may pin it.
    pub fn today(&self) -> chrono::NaiveDate {
        self.workspace.config_for(&self.root).today()
    }

    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    /// Every note and configuration file under the root, with its stamp.
    fn files_on_disk(&self) -> HashMap<PathBuf, Stamp> {
        let (_, found) = scan_root(self.root.clone());
        let configs = found
            .configs
            .iter()
            .filter(|(_, file)| file.is_some())
            .map(|(dir, _)| dir.join(CONFIG_FILE_NAME));
        found
            .notes
            .into_iter()
            .chain(configs)
            .filter_map(|path| stamp(&path).map(|s| (path, s)))
            .collect()
    }

    /// Reads again what changed on disk since the last look: new and changed notes and
    /// configuration files are read, deleted ones forgotten. Returns how many files changed.
    pub fn refresh(&mut self) -> usize {
        let now = self.files_on_disk();
        let mut changed = 0;
        for (path, stamp) in &now {
            if self.stamps.get(path) != Some(stamp) {
                self.workspace.reload_from_disk(path);
                changed += 1;
            }
        }
        let gone: Vec<PathBuf> = self
            .stamps
            .keys()
            .filter(|path| !now.contains_key(*path))
            .cloned()
            .collect();
        for path in &gone {
            self.workspace.remove(path);
            changed += 1;
        }
        self.stamps = now;
        if changed > 0 {
            tracing::debug!("{changed} file(s) changed under {}", self.root.display());
        }
        changed
    }

    /// A path as the assistant sees it: relative to the root, with `/`.
    pub fn shown(&self, path: &Path) -> String {
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The path under the root that `given` (relative to the root, or absolute) names.
    /// Refused when it leads outside the root.
    pub fn inside(&self, given: &str) -> Result<PathBuf, String> {
        let given_path = Path::new(given.trim());
        if given.trim().is_empty() {
            return Err("the path is empty".into());
        }
        let joined = if given_path.is_absolute() {
            given_path.to_path_buf()
        } else {
            self.root.join(given_path)
        };
        // `..` is resolved by the path's own components, so a folder that does not exist
        // yet is judged the same way as one that does.
        let mut normal = PathBuf::new();
        for component in joined.components() {
            match component {
                Component::ParentDir => {
                    normal.pop();
                }
                Component::CurDir => {}
                other => normal.push(other.as_os_str()),
            }
        }
        let outside =
            || format!("{given} is outside the notes' folder; only notes under it can be read");
        if !normal.starts_with(&self.root) {
            return Err(outside());
        }
        // A symbolic link inside the root may still lead out of it.
        if let Ok(real) = normal.canonicalize() {
            if !real.starts_with(&self.root) {
                return Err(outside());
            }
        }
        Ok(normal)
    }

    /// The note `given` names (a path under the root, with or without `.md`).
    pub fn note_path(&self, given: &str) -> Result<PathBuf, String> {
        let path = self.inside(given)?;
        let with_extension = if crate::workspace::is_markdown(&path) {
            path
        } else {
            let mut name = path.clone().into_os_string();
            name.push(".md");
            PathBuf::from(name)
        };
        if self.workspace.document(&with_extension).is_some() {
            return Ok(with_extension);
        }
        if let Some(why) = self.workspace.unread(&with_extension) {
            return Err(format!("{given} is not indexed: it is {why}"));
        }
        Err(format!(
            "there is no note {given} under the notes' folder (paths are relative to it, e.g. \"Career.md\")"
        ))
    }

    /// The snapshot of a note.
    pub fn snapshot(&self, path: &Path) -> Result<Snapshot, String> {
        self.workspace
            .snapshot(path)
            .ok_or_else(|| format!("{} is not indexed", self.shown(path)))
    }

    /// A snapshot of the root `folder` (under the root; the root itself when `None`)
    /// belongs to.
    pub fn root_snapshot(&self, folder: Option<&str>) -> Result<Snapshot, String> {
        let folder = match folder {
            Some(given) if !given.trim().is_empty() => {
                let path = self.inside(given)?;
                if !path.is_dir() {
                    return Err(format!("{given} is not a folder under the notes' folder"));
                }
                path
            }
            _ => self.root.clone(),
        };
        self.workspace.snapshot_of_root(&folder).ok_or_else(|| {
            format!(
                "there are no notes in {} yet — `career-lsp init` writes a Career Index and this year's Goals note",
                folder.display()
            )
        })
    }

    /// The note of `kind` in the root of `snapshot` — for Goals, the current year's (last
    /// year's is no place for this year's plans) — or an error that says which note is
    /// missing.
    pub fn note_of_kind(&self, snapshot: &Snapshot, kind: NoteKind) -> Result<PathBuf, String> {
        let year = snapshot.today.year();
        let found = snapshot.notes().of_kind(kind).find(|note| match kind {
            NoteKind::Goals => note.as_goals().and_then(|g| g.year) == Some(year),
            _ => true,
        });
        found.map(|note| note.path.clone()).ok_or_else(|| {
            let what = match kind {
                NoteKind::CareerIndex => "Career Index (Career.md)".to_string(),
                NoteKind::Goals => format!("Goals note for {year} ({year} Goals.md)"),
                NoteKind::Profile => "profile (CLAUDE.md)".to_string(),
                NoteKind::SessionLog => "session log".to_string(),
                NoteKind::Other => "note of that kind".to_string(),
            };
            format!(
                "there is no {what} under the notes' folder yet — `career-lsp init` writes one; or name the note to use"
            )
        })
    }
}
