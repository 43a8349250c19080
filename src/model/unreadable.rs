//! Why a file was not read as a note: the reader's answer, kept with the notes of a root
//! so that a link to a note that exists but was not indexed can say why.

use std::fmt;

/// Why a file could not be read as text. Worded to follow "it is": "it is not UTF-8".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// Nothing at that path (any more).
    Missing,
    /// A folder, a FIFO, a device or a socket: what it is, e.g. "a FIFO".
    NotAFile(&'static str),
    /// A symbolic link, which notes are never read through.
    SymbolicLink,
    /// Over the size limit (`max-file-size` for a note).
    TooLarge { limit: u64 },
    /// Not UTF-8: the first byte that is not, and where it is.
    NotUtf8 { byte: u8, offset: usize },
    /// Text with NUL bytes in it, a binary file: where the first is.
    Binary { offset: usize },
    /// The system refused (permissions, an I/O error): its message.
    Io(String),
}

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unreadable::Missing => write!(f, "not found"),
            Unreadable::NotAFile(what) => write!(f, "not a regular file ({what})"),
            Unreadable::SymbolicLink => write!(f, "a symbolic link (not followed)"),
            Unreadable::TooLarge { limit } => {
                write!(f, "larger than max-file-size ({})", size(*limit))
            }
            Unreadable::NotUtf8 { byte, offset } => {
                write!(f, "not UTF-8 (byte 0x{byte:02X} at offset {offset})")
            }
            Unreadable::Binary { offset } => write!(f, "binary (a NUL byte at offset {offset})"),
            Unreadable::Io(message) => write!(f, "unreadable ({message})"),
        }
    }
}

/// A byte count as people write it: `2 MB`, `512 KB`, `1,000 bytes` (MB and KB of 1,024).
pub fn size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * KB;
    match bytes {
        0 => "0 bytes".to_string(),
        b if b % MB == 0 => format!("{} MB", thousands(b / MB)),
        b if b % KB == 0 => format!("{} KB", thousands(b / KB)),
        b => format!("{} bytes", thousands(b)),
    }
}

/// `12345` → `12,345`: counts and sizes as people read them.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_read_after_it_is() {
        assert_eq!(
            Unreadable::NotUtf8 {
                byte: 0xE9,
                offset: 14
            }
            .to_string(),
            "not UTF-8 (byte 0xE9 at offset 14)"
        );
        assert_eq!(
            Unreadable::Binary { offset: 10 }.to_string(),
            "binary (a NUL byte at offset 10)"
        );
        assert_eq!(
            Unreadable::TooLarge {
                limit: 2 * 1024 * 1024
            }
            .to_string(),
            "larger than max-file-size (2 MB)"
        );
        assert_eq!(
            Unreadable::NotAFile("a FIFO").to_string(),
            "not a regular file (a FIFO)"
        );
        assert_eq!(size(1000), "1,000 bytes");
        assert_eq!(size(512 * 1024), "512 KB");
        assert_eq!(size(0), "0 bytes");
    }
}
