//! What each path given to `check` is: a folder to check, a note to check, or the reason it
//! cannot be checked. Judged from the file's metadata, without opening it, so that a FIFO
//! or a device is never read.

use std::path::{Path, PathBuf};

use crate::workspace::is_markdown;

/// A path `check` can check, made canonical.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Folder(PathBuf),
    Note(PathBuf),
}

impl Target {
    pub fn path(&self) -> &Path {
        match self {
            Target::Folder(path) | Target::Note(path) => path,
        }
    }
}

/// The target `path` names, or why it cannot be checked ("not a Markdown note", "not a
/// regular file (a FIFO)", "no such file or folder", …).
pub fn classify(path: &Path) -> Result<Target, String> {
    let metadata = std::fs::metadata(path).map_err(|error| io_reason(&error))?;
    let file_type = metadata.file_type();
    if !file_type.is_dir() && !file_type.is_file() {
        return Err(format!("not a regular file ({})", special_kind(&file_type)));
    }
    if file_type.is_file() && !is_markdown(path) {
        return Err("not a Markdown note".to_string());
    }
    let canonical = path.canonicalize().map_err(|error| io_reason(&error))?;
    Ok(if file_type.is_dir() {
        Target::Folder(canonical)
    } else {
        Target::Note(canonical)
    })
}

/// `path` below `cwd` as the `/`-separated path from it (`notes/2026 Goals.md`), as CI
/// services name a file of the checkout; `None` for a path elsewhere.
pub fn slash_relative(path: &Path, cwd: &Path) -> Option<Vec<String>> {
    if cwd.as_os_str().is_empty() {
        return None;
    }
    path.strip_prefix(cwd)
        .ok()?
        .components()
        .map(|component| match component {
            std::path::Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect()
}

fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => error.to_string(),
    }
}

/// What a file that is neither a folder nor a regular file is.
#[cfg(unix)]
fn special_kind(file_type: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        "a FIFO"
    } else if file_type.is_char_device() {
        "a character device"
    } else if file_type.is_block_device() {
        "a block device"
    } else if file_type.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> &'static str {
    "a special file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_and_notes_are_targets_and_everything_else_has_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(root.join("note.md"), "# Note\n").unwrap();
        std::fs::write(root.join("x.txt"), "text").unwrap();
        assert_eq!(classify(&root), Ok(Target::Folder(root.clone())));
        assert_eq!(
            classify(&root.join("note.md")),
            Ok(Target::Note(root.join("note.md")))
        );
        assert_eq!(
            classify(&root.join("x.txt")),
            Err("not a Markdown note".to_string())
        );
        assert_eq!(
            classify(&root.join("gone.md")),
            Err("no such file or folder".to_string())
        );
        #[cfg(unix)]
        assert_eq!(
            classify(Path::new("/dev/null")),
            Err("not a regular file (a character device)".to_string())
        );
    }

    #[test]
    fn paths_below_the_current_folder_are_named_by_their_segments() {
        let cwd = Path::new("/home/me/career");
        let segments = |path: &str| slash_relative(Path::new(path), cwd);
        assert_eq!(
            segments("/home/me/career/notes/2026 Goals.md"),
            Some(vec!["notes".to_string(), "2026 Goals.md".to_string()])
        );
        assert_eq!(segments("/home/me/other/Career.md"), None);
        assert_eq!(slash_relative(Path::new("/a/b.md"), Path::new("")), None);
    }
}
