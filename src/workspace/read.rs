//! Reading a file from disk — a note, a `career-lsp.toml` — the one way the project does.
//!
//! Only a regular file is read, and never more than a limit. The file is opened without
//! waiting (`O_NONBLOCK`, so opening a FIFO does not wait for a writer) and its type and
//! size are taken from the opened handle, not from the path, so nothing can swap the file
//! between the check and the read. The read itself stops one byte past the limit: a file
//! that grows meanwhile, or a device that reports a size of 0, is never read beyond it.
//! A file that cannot be read gives a typed reason ([`Unreadable`]) for the caller to
//! report; nothing here logs.

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::Path;

use crate::model::Unreadable;

/// Whether a symbolic link at the path itself is followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Read through a link (a configuration file kept elsewhere).
    Follow,
    /// Refuse a link: notes are never read through one (a link may lead out of the root,
    /// or to `/`).
    Refuse,
}

/// Reads the file at `path` as UTF-8 text of at most `max` bytes.
pub fn read_text(path: &Path, max: u64, links: Links) -> Result<String, Unreadable> {
    let bytes = read_bytes(path, max, links)?;
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(Unreadable::Binary { offset });
    }
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        Unreadable::NotUtf8 {
            byte: error.as_bytes()[offset],
            offset,
        }
    })
}

/// Reads the regular file at `path`, of at most `max` bytes.
pub fn read_bytes(path: &Path, max: u64, links: Links) -> Result<Vec<u8>, Unreadable> {
    if links == Links::Refuse {
        let metadata = std::fs::symlink_metadata(path).map_err(|e| reason(path, e))?;
        if metadata.file_type().is_symlink() {
            return Err(Unreadable::SymbolicLink);
        }
    }
    let file = open(path, links).map_err(|e| reason(path, e))?;
    let metadata = file.metadata().map_err(|e| reason(path, e))?;
    if !metadata.is_file() {
        return Err(Unreadable::NotAFile(kind(&metadata)));
    }
    if metadata.len() > max {
        return Err(Unreadable::TooLarge { limit: max });
    }
    read_limited(file, metadata.len(), max).map_err(|e| reason(path, e))?
}

/// Reads at most `max` bytes of `source` (expected to hold `expected` bytes); more than
/// that is [`Unreadable::TooLarge`], found after reading one byte past the limit.
fn read_limited(
    source: impl Read,
    expected: u64,
    max: u64,
) -> io::Result<Result<Vec<u8>, Unreadable>> {
    let capacity = usize::try_from(expected.min(max)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity.saturating_add(1));
    source.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Ok(Err(Unreadable::TooLarge { limit: max }));
    }
    Ok(Ok(bytes))
}

#[cfg(unix)]
fn open(path: &Path, links: Links) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer. It
    // changes nothing for a regular file, the only kind read.
    let mut flags = libc::O_NONBLOCK;
    if links == Links::Refuse {
        // A link put in place after the check above is refused too.
        flags |= libc::O_NOFOLLOW;
    }
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path, _links: Links) -> io::Result<File> {
    File::open(path)
}

/// Why opening or reading `path` failed, in the reader's terms: a socket or a link refused
/// at the open is named for what it is.
fn reason(path: &Path, error: io::Error) -> Unreadable {
    if error.kind() == io::ErrorKind::NotFound {
        return Unreadable::Missing;
    }
    match std::fs::symlink_metadata(path) {
        Ok(metadata) if metadata.file_type().is_symlink() => match std::fs::metadata(path) {
            Ok(target) if !target.is_file() => Unreadable::NotAFile(kind(&target)),
            Ok(_) => Unreadable::SymbolicLink,
            Err(error) if error.kind() == io::ErrorKind::NotFound => Unreadable::Missing,
            Err(error) => Unreadable::Io(error.to_string()),
        },
        Ok(metadata) if !metadata.is_file() => Unreadable::NotAFile(kind(&metadata)),
        _ => Unreadable::Io(error.to_string()),
    }
}

/// What a file that is not a regular file is, for a reader of the log: "a FIFO".
pub(super) fn kind(metadata: &Metadata) -> &'static str {
    let file_type = metadata.file_type();
    if file_type.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
    }
    "not a file"
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX: u64 = 64;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn a_regular_utf8_file_within_the_limit_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "Career.md", "# Career — 🎯\n".as_bytes());
        assert_eq!(
            read_text(&path, MAX, Links::Refuse).as_deref(),
            Ok("# Career — 🎯\n")
        );
        let exact = write(dir.path(), "Exact.md", &[b'a'; MAX as usize]);
        assert_eq!(
            read_text(&exact, MAX, Links::Refuse).map(|t| t.len()),
            Ok(64)
        );
    }

    #[test]
    fn a_file_over_the_limit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "Big.md", &[b'a'; MAX as usize + 1]);
        assert_eq!(
            read_text(&path, MAX, Links::Refuse),
            Err(Unreadable::TooLarge { limit: MAX })
        );
    }

    #[test]
    fn the_read_is_bounded_whatever_the_size_said() {
        // A file that grows after its size was taken, or a source without end, is read one
        // byte past the limit and no further.
        let endless = io::repeat(b'a');
        assert_eq!(
            read_limited(endless, 0, MAX).unwrap(),
            Err(Unreadable::TooLarge { limit: MAX })
        );
        let grown = io::Cursor::new(vec![b'a'; 10 * MAX as usize]);
        let mut counted = Counted {
            inner: grown,
            read: 0,
        };
        assert!(read_limited(&mut counted, 10, MAX).unwrap().is_err());
        assert!(counted.read <= MAX + 1, "read {} bytes", counted.read);
        assert_eq!(
            read_limited(io::Cursor::new(b"short".to_vec()), 5, MAX).unwrap(),
            Ok(b"short".to_vec())
        );
    }

    struct Counted<R> {
        inner: R,
        read: u64,
    }

    impl<R: Read> Read for Counted<R> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.inner.read(buf)?;
            self.read += n as u64;
            Ok(n)
        }
    }

    #[test]
    fn text_that_is_not_utf8_or_holds_nul_bytes_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let latin1 = write(dir.path(), "Old Notes.md", b"# Caf\xe9 notes\n");
        assert_eq!(
            read_text(&latin1, MAX, Links::Refuse),
            Err(Unreadable::NotUtf8 {
                byte: 0xE9,
                offset: 5
            })
        );
        let binary = write(dir.path(), "Binary.md", b"# Bin\0ary\n");
        assert_eq!(
            read_text(&binary, MAX, Links::Refuse),
            Err(Unreadable::Binary { offset: 5 })
        );
    }

    #[test]
    fn a_missing_file_and_a_folder_are_named_for_what_they_are() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            read_text(&dir.path().join("Gone.md"), MAX, Links::Refuse),
            Err(Unreadable::Missing)
        );
        std::fs::create_dir(dir.path().join("Folder.md")).unwrap();
        assert_eq!(
            read_text(&dir.path().join("Folder.md"), MAX, Links::Refuse),
            Err(Unreadable::NotAFile("a folder"))
        );
    }

    /// Reads `path` on a thread of its own: opening a FIFO for reading without O_NONBLOCK
    /// waits for a writer (forever, here), so a regression fails instead of hanging.
    #[cfg(unix)]
    fn read_in_time(path: &Path, links: Links) -> Result<String, Unreadable> {
        let (sender, receiver) = std::sync::mpsc::channel();
        let path = path.to_path_buf();
        std::thread::spawn(move || {
            let _ = sender.send(read_text(&path, MAX, links));
        });
        receiver
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("reading a FIFO returns at once")
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_skipped_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.md");
        make_fifo(&fifo);
        for links in [Links::Follow, Links::Refuse] {
            assert_eq!(
                read_in_time(&fifo, links),
                Err(Unreadable::NotAFile("a FIFO"))
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_never_read() {
        // /dev/zero reports a size of 0 and never ends.
        let zero = Path::new("/dev/zero");
        assert_eq!(
            read_bytes(zero, MAX, Links::Follow),
            Err(Unreadable::NotAFile("a device"))
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_followed_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let target = write(dir.path(), "Career.md", b"# Career\n");
        let link = dir.path().join("Alias.md");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert_eq!(
            read_text(&link, MAX, Links::Refuse),
            Err(Unreadable::SymbolicLink)
        );
        assert_eq!(
            read_text(&link, MAX, Links::Follow).as_deref(),
            Ok("# Career\n")
        );
        let to_fifo = dir.path().join("ToPipe.md");
        make_fifo(&dir.path().join("pipe"));
        std::os::unix::fs::symlink(dir.path().join("pipe"), &to_fifo).unwrap();
        assert_eq!(
            read_in_time(&to_fifo, Links::Follow),
            Err(Unreadable::NotAFile("a FIFO"))
        );
    }

    #[cfg(unix)]
    fn make_fifo(path: &Path) {
        let made = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .expect("mkfifo runs");
        assert!(made.success(), "mkfifo {}", path.display());
    }
}
