//! Walking a root for notes: `.gitignore` respected, hidden folders skipped, symlinks never
//! followed, and a note that is not a regular file (a FIFO, a device) passed over with the
//! reason. Notes are read afterwards, with [`super::read`].

use std::path::{Path, PathBuf};

use super::{ConfigFile, CONFIG_FILE_NAME};
use crate::model::Unreadable;

#[derive(Debug, Default)]
pub struct Found {
    /// The Markdown files, in path order.
    pub notes: Vec<PathBuf>,
    /// The folders below the root with a `career-lsp.toml` of their own.
    pub config_dirs: Vec<PathBuf>,
    /// The configuration file of the root and of each folder of `config_dirs`, read while
    /// walking (so that no file is read while a server holds its workspace).
    pub configs: Vec<(PathBuf, Option<ConfigFile>)>,
    /// Files passed over, and why.
    pub skipped: Vec<(PathBuf, Unreadable)>,
}

/// Whether a path names a Markdown file (`.md`, `.markdown`), by its extension.
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Walks `root` for Markdown files and `career-lsp.toml` files below it (without reading
/// the notes: that is done in parallel afterwards).
pub fn scan(root: &Path) -> Found {
    let mut found = Found::default();
    let walker = ignore::WalkBuilder::new(root)
        .follow_links(false)
        .hidden(true)
        .git_ignore(true)
        .git_global(false)
        .require_git(false)
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                tracing::warn!("while indexing {}: {error}", root.display());
                continue;
            }
        };
        let path = entry.path();
        if entry.path_is_symlink() {
            if is_markdown(path) || path.is_dir() {
                tracing::info!("not following the symbolic link {}", path.display());
                found
                    .skipped
                    .push((path.to_path_buf(), Unreadable::SymbolicLink));
            }
            continue;
        }
        let Some(file_type) = entry.file_type() else {
            continue;
        };
        if !file_type.is_file() {
            // A folder is walked into; a note that is a FIFO, a device or a socket is never
            // opened (reading a FIFO would wait for a writer, a device would never end).
            if !file_type.is_dir() && is_markdown(path) {
                let what = entry
                    .metadata()
                    .map(|m| super::read::kind(&m))
                    .unwrap_or("not a file");
                tracing::info!(
                    "not indexing {}: not a regular file ({what})",
                    path.display()
                );
                found
                    .skipped
                    .push((path.to_path_buf(), Unreadable::NotAFile(what)));
            }
            continue;
        }
        if path.file_name().is_some_and(|n| n == CONFIG_FILE_NAME) {
            if let Some(dir) = path.parent() {
                if dir != root {
                    found.config_dirs.push(dir.to_path_buf());
                }
            }
            continue;
        }
        if !is_markdown(path) {
            continue;
        }
        found.notes.push(path.to_path_buf());
    }
    found.notes.sort();
    found.configs = std::iter::once(root)
        .chain(found.config_dirs.iter().map(PathBuf::as_path))
        .map(|dir| (dir.to_path_buf(), ConfigFile::read(dir)))
        .collect();
    found
}
