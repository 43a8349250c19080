//! The client's side of a `didChange`: the buffer an editor such as VS Code holds, edited
//! with UTF-16 positions, and the JSON of the notification that reports each edit.
//!
//! What the buffer does is what the server must do to stay equal to it:
//! - lines end at `\n`, `\r\n` or a lone `\r`;
//! - a line past the last is the end of the text; a character past the end of its line is
//!   the line's end (before its line break);
//! - a position between the two halves of a surrogate pair is the pair's start (VS Code
//!   moves it there);
//! - a range whose start comes after its end is taken with its ends swapped;
//! - inserted text arrives as UTF-16 (JSON's `\uXXXX` escapes) and a lone surrogate in it
//!   is read as U+FFFD, which has the same length in UTF-16, so every later position
//!   still means what the client meant.
//!
//! Because the buffer never holds a lone surrogate, it is kept as a `String`.

/// A position as the protocol gives it: a line and a UTF-16 column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

/// One content change of a `didChange`: a range (none: the whole text) and new text in
/// UTF-16 code units, lone surrogates allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub range: Option<(Position, Position)>,
    pub text: Vec<u16>,
}

impl Change {
    /// The range's start comes after its end.
    pub fn is_reversed(&self) -> bool {
        self.range.is_some_and(|(start, end)| start > end)
    }

    /// The new text holds a surrogate without its other half.
    pub fn has_lone_surrogate(&self) -> bool {
        char::decode_utf16(self.text.iter().copied()).any(|c| c.is_err())
    }
}

/// The client's copy of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Buffer {
    text: String,
}

impl Buffer {
    pub fn new(text: String) -> Buffer {
        Buffer { text }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Each line's start and the end of its content (before its line break), in bytes.
    pub fn lines(&self) -> Vec<(usize, usize)> {
        let bytes = self.text.as_bytes();
        let mut lines = Vec::new();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => {
                    lines.push((start, i));
                    start = i + 1;
                }
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    lines.push((start, i));
                    i += 1;
                    start = i + 1;
                }
                b'\r' => {
                    lines.push((start, i));
                    start = i + 1;
                }
                _ => {}
            }
            i += 1;
        }
        lines.push((start, bytes.len()));
        lines
    }

    /// The byte offset a position means.
    pub fn offset(&self, position: Position) -> usize {
        let lines = self.lines();
        let Some(&(start, end)) = lines.get(position.line as usize) else {
            return self.text.len();
        };
        let wanted = position.character as usize;
        let mut units = 0;
        for (at, c) in self.text[start..end].char_indices() {
            // A column inside a surrogate pair falls back to the pair's start.
            if units + c.len_utf16() > wanted {
                return start + at;
            }
            units += c.len_utf16();
        }
        end
    }

    /// Applies one change.
    pub fn apply(&mut self, change: &Change) {
        let text = String::from_utf16_lossy(&change.text);
        match change.range {
            None => self.text = text,
            Some((start, end)) => {
                let (a, b) = (self.offset(start), self.offset(end));
                self.text.replace_range(a.min(b)..a.max(b), &text);
            }
        }
    }
}

/// The length of a line's content in UTF-16 units.
pub fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// `units` as a JSON string, lone surrogates as `\uXXXX` escapes (as JavaScript's
/// `JSON.stringify` writes them). With `escape_all`, every character outside ASCII is
/// escaped too (a surrogate pair as two escapes).
pub fn json_string(units: &[u16], escape_all: bool) -> String {
    let mut out = String::from("\"");
    let escape = |out: &mut String, unit: u16| out.push_str(&format!("\\u{unit:04x}"));
    for decoded in char::decode_utf16(units.iter().copied()) {
        match decoded {
            Ok('"') => out.push_str("\\\""),
            Ok('\\') => out.push_str("\\\\"),
            Ok('\n') => out.push_str("\\n"),
            Ok('\r') => out.push_str("\\r"),
            Ok('\t') => out.push_str("\\t"),
            Ok(c) if (c as u32) < 0x20 => escape(&mut out, c as u16),
            Ok(c) if escape_all && !c.is_ascii() => {
                let mut buffer = [0u16; 2];
                for unit in c.encode_utf16(&mut buffer) {
                    escape(&mut out, *unit);
                }
            }
            Ok(c) => out.push(c),
            Err(lone) => escape(&mut out, lone.unpaired_surrogate()),
        }
    }
    out.push('"');
    out
}

/// The body of a `textDocument/didChange` notification.
pub fn did_change_body(uri: &str, version: i32, changes: &[Change], escape_all: bool) -> Vec<u8> {
    let changes: Vec<String> = changes
        .iter()
        .map(|change| {
            let text = json_string(&change.text, escape_all);
            match change.range {
                None => format!("{{\"text\":{text}}}"),
                Some((start, end)) => format!(
                    "{{\"range\":{{\"start\":{{\"line\":{},\"character\":{}}},\"end\":{{\"line\":{},\"character\":{}}}}},\"text\":{text}}}",
                    start.line, start.character, end.line, end.character
                ),
            }
        })
        .collect();
    let uri = serde_json::to_string(uri).expect("a string encodes");
    format!(
        "{{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{{\"textDocument\":{{\"uri\":{uri},\"version\":{version}}},\"contentChanges\":[{}]}}}}",
        changes.join(",")
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    fn change(start: (u32, u32), end: (u32, u32), text: &str) -> Change {
        Change {
            range: Some((pos(start.0, start.1), pos(end.0, end.1))),
            text: text.encode_utf16().collect(),
        }
    }

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        let buffer = Buffer::new("a\nb\r\nc\rd".into());
        assert_eq!(buffer.lines(), vec![(0, 1), (2, 3), (5, 6), (7, 8)]);
        assert_eq!(Buffer::new(String::new()).lines(), vec![(0, 0)]);
        assert_eq!(Buffer::new("x\n".into()).lines(), vec![(0, 1), (2, 2)]);
    }

    #[test]
    fn positions_clamp_and_snap_like_vs_code() {
        let buffer = Buffer::new("🎯ab\r\nc".into());
        assert_eq!(buffer.offset(pos(0, 0)), 0);
        assert_eq!(buffer.offset(pos(0, 1)), 0, "inside the pair");
        assert_eq!(buffer.offset(pos(0, 2)), 4);
        assert_eq!(buffer.offset(pos(0, 99)), 6, "before the line break");
        assert_eq!(buffer.offset(pos(1, 1)), 9);
        assert_eq!(buffer.offset(pos(7, 0)), 9, "past the last line");
    }

    #[test]
    fn reversed_ranges_swap_and_lone_surrogates_become_replacement_characters() {
        let mut buffer = Buffer::new("hello".into());
        buffer.apply(&change((0, 4), (0, 1), "X"));
        assert_eq!(buffer.text(), "hXo");
        buffer.apply(&Change {
            range: Some((pos(0, 1), pos(0, 1))),
            text: vec![0xD83D],
        });
        assert_eq!(buffer.text(), "h\u{FFFD}Xo");
        buffer.apply(&Change {
            range: None,
            text: "new".encode_utf16().collect(),
        });
        assert_eq!(buffer.text(), "new");
    }

    #[test]
    fn json_strings_escape_what_json_needs_and_lone_surrogates() {
        let units: Vec<u16> = "a\"\\\n\u{1}é🎯".encode_utf16().chain([0xDE00]).collect();
        assert_eq!(
            json_string(&units, false),
            "\"a\\\"\\\\\\n\\u0001é🎯\\ude00\""
        );
        assert_eq!(
            json_string(&units, true),
            "\"a\\\"\\\\\\n\\u0001\\u00e9\\ud83c\\udfaf\\ude00\""
        );
        let valid: Vec<u16> = "é🎯\"".encode_utf16().collect();
        let decoded: String = serde_json::from_str(&json_string(&valid, true)).unwrap();
        assert_eq!(decoded, "é🎯\"");
    }
}
