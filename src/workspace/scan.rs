//! Walking a root for notes: `.gitignore` respected, hidden folders skipped, symlinks never
//! followed; reading a note: files that are too large or not UTF-8 skipped with a reason.

use std::path::{Path, PathBuf};

use super::CONFIG_FILE_NAME;

pub struct Found {
    /// The Markdown files, in path order.
    pub notes: Vec<PathBuf>,
    pub config_dirs: Vec<PathBuf>,
    pub skipped: Vec<(PathBuf, String)>,
}

/// Whether a path names a Markdown file (`.md`, `.markdown`), by its extension.
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Reads a note, refusing files over `max_size` bytes and files that are not UTF-8.
pub(super) fn read_note(path: &Path, max_size: u64) -> Result<String, String> {
    let metadata = std::fs::symlink_metadata(path).map_err(|e| e.to_string())?;
    if metadata.file_type().is_symlink() {
        return Err("a symbolic link (not followed)".into());
    }
    if metadata.len() > max_size {
        return Err(format!(
            "{} bytes is over the {max_size}-byte limit (max-file-size)",
            metadata.len()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(format!("binary content (a NUL byte at offset {at})"));
    }
    String::from_utf8(bytes).map_err(|error| {
        let at = error.utf8_error().valid_up_to();
        format!(
            "not UTF-8 (byte 0x{:02X} at offset {at})",
            error.as_bytes()[at]
        )
    })
}

/// Walks `root` for Markdown files and `career-lsp.toml` files below it (without reading
/// the notes: that is done in parallel afterwards).
pub fn scan(root: &Path) -> Found {
    let mut found = Found {
        notes: Vec::new(),
        config_dirs: Vec::new(),
        skipped: Vec::new(),
    };
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
                    .push((path.to_path_buf(), "a symbolic link (not followed)".into()));
            }
            continue;
        }
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            // A FIFO, a device or a socket named like a note is never opened.
            if is_markdown(path) && !entry.file_type().is_some_and(|t| t.is_dir()) {
                found
                    .skipped
                    .push((path.to_path_buf(), "not a regular file".into()));
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
    found
}
