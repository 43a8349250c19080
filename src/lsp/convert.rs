//! Conversions at the protocol edge: byte offsets ⇄ LSP positions in the negotiated
//! encoding, findings → diagnostics, paths ⇄ `file://` URIs.
//!
//! The core speaks bytes; LSP speaks (line, character) where a character is a UTF-16 code
//! unit unless the client offered UTF-8. Every conversion clamps instead of failing: a
//! position past the end of a line lands at the line's end, a line past the end of the text
//! lands at the end of the text, and a position inside a character (a UTF-16 surrogate pair,
//! a multi-byte UTF-8 sequence) snaps to that character's start.

use tower_lsp_server::ls_types::PositionEncodingKind;

/// How the `character` of a position is counted, negotiated in `initialize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PositionEncoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units: the protocol's default, which every client understands.
    #[default]
    Utf16,
}

impl PositionEncoding {
    /// UTF-8 when the client offers it (no counting needed on our side), else UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> PositionEncoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => PositionEncoding::Utf8,
            _ => PositionEncoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
            PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// From the core's plain data to protocol types.
pub mod to_proto {
    use std::ops::Range as ByteRange;
    use std::path::Path;
    use std::str::FromStr;

    use ropey::Rope;
    use tower_lsp_server::ls_types::{
        CodeDescription, Diagnostic, DiagnosticSeverity, NumberOrString, Position, Range, Uri,
    };

    use super::PositionEncoding;
    use crate::rules::{self, Finding, Severity};
    use crate::workspace::ConfigProblem;

    /// The `source` of every diagnostic the server reports.
    pub const DIAGNOSTIC_SOURCE: &str = "career-lsp";

    /// The position of a byte offset. Offsets past the end clamp to the end; an offset
    /// inside a character, or between the `\r` and `\n` of a CRLF, snaps back.
    pub fn position(rope: &Rope, offset: usize, encoding: PositionEncoding) -> Position {
        let offset = offset.min(rope.len_bytes());
        let mut char_index = rope.byte_to_char(offset);
        if char_index > 0
            && rope.get_char(char_index) == Some('\n')
            && rope.get_char(char_index - 1) == Some('\r')
        {
            char_index -= 1;
        }
        let line = rope.char_to_line(char_index);
        let character = match encoding {
            PositionEncoding::Utf8 => rope.char_to_byte(char_index) - rope.line_to_byte(line),
            PositionEncoding::Utf16 => {
                rope.char_to_utf16_cu(char_index) - rope.char_to_utf16_cu(rope.line_to_char(line))
            }
        };
        Position::new(saturate(line), saturate(character))
    }

    pub fn range(rope: &Rope, range: ByteRange<usize>, encoding: PositionEncoding) -> Range {
        let start = position(rope, range.start, encoding);
        let end = position(rope, range.end.max(range.start), encoding);
        Range::new(start, end)
    }

    pub fn severity(severity: Severity) -> DiagnosticSeverity {
        match severity {
            Severity::Hint => DiagnosticSeverity::HINT,
            Severity::Info => DiagnosticSeverity::INFORMATION,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Error => DiagnosticSeverity::ERROR,
        }
    }

    /// The documentation address of a rule; none for a code the registry does not know,
    /// which has no page to link to.
    pub fn code_description(code: &str) -> Option<CodeDescription> {
        let rule = rules::rule(code)?;
        Uri::from_str(&rules::docs_url(rule.code()))
            .ok()
            .map(|href| CodeDescription { href })
    }

    pub fn diagnostic(finding: &Finding, rope: &Rope, encoding: PositionEncoding) -> Diagnostic {
        Diagnostic {
            range: range(rope, finding.range.clone(), encoding),
            severity: Some(severity(finding.severity)),
            code: Some(NumberOrString::String(finding.code.to_string())),
            code_description: code_description(finding.code),
            source: Some(DIAGNOSTIC_SOURCE.to_string()),
            message: finding.message.clone(),
            ..Diagnostic::default()
        }
    }

    /// A problem in `career-lsp.toml`; without a location it points at the file's start.
    pub fn config_diagnostic(
        problem: &ConfigProblem,
        rope: &Rope,
        encoding: PositionEncoding,
    ) -> Diagnostic {
        let range = problem
            .range
            .clone()
            .map(|bytes| range(rope, bytes, encoding))
            .unwrap_or_default();
        Diagnostic {
            range,
            severity: Some(DiagnosticSeverity::ERROR),
            code: Some(NumberOrString::String("config".to_string())),
            source: Some(DIAGNOSTIC_SOURCE.to_string()),
            message: problem.message.clone(),
            ..Diagnostic::default()
        }
    }

    /// The `file://` URI of an absolute path, percent-encoded (`2026%20Goals.md`).
    pub fn uri(path: &Path) -> Option<Uri> {
        Uri::from_file_path(path)
    }

    fn saturate(value: usize) -> u32 {
        u32::try_from(value).unwrap_or(u32::MAX)
    }
}

/// From protocol types to the core's plain data.
pub mod from_proto {
    use std::ops::Range as ByteRange;
    use std::path::PathBuf;

    use ropey::{Rope, RopeSlice};
    use tower_lsp_server::ls_types::{Position, Range, Uri};

    use super::PositionEncoding;

    /// The byte offset of a position, clamped into the text and snapped to a char start.
    pub fn offset(rope: &Rope, position: Position, encoding: PositionEncoding) -> usize {
        let line = position.line as usize;
        if line >= rope.len_lines() {
            return rope.len_bytes();
        }
        let column = position.character as usize;
        let line_start = rope.line_to_char(line);
        let line_end = line_start + content_chars(rope.line(line));
        let char_index = match encoding {
            PositionEncoding::Utf8 => {
                let start = rope.line_to_byte(line);
                let end = rope.char_to_byte(line_end);
                rope.byte_to_char(start.saturating_add(column).min(end))
            }
            PositionEncoding::Utf16 => {
                let start = rope.char_to_utf16_cu(line_start);
                let end = rope.char_to_utf16_cu(line_end);
                rope.utf16_cu_to_char(start.saturating_add(column).min(end))
            }
        };
        rope.char_to_byte(char_index)
    }

    /// The byte range of a range. A reversed range (end before start) covers the same
    /// text as its ends swapped, as VS Code reads one.
    pub fn range(rope: &Rope, range: Range, encoding: PositionEncoding) -> ByteRange<usize> {
        let start = offset(rope, range.start, encoding);
        let end = offset(rope, range.end, encoding);
        start.min(end)..start.max(end)
    }

    /// The path of a `file://` URI, percent-decoded; `None` for any other scheme.
    pub fn path(uri: &Uri) -> Option<PathBuf> {
        if !uri.scheme().as_str().eq_ignore_ascii_case("file") {
            return None;
        }
        uri.to_file_path().map(|path| path.into_owned())
    }

    /// Chars of a line without its line break (`\n`, `\r\n` or `\r`).
    fn content_chars(line: RopeSlice<'_>) -> usize {
        let len = line.len_chars();
        match line.get_char(len.wrapping_sub(1)) {
            Some('\n') if len >= 2 && line.char(len - 2) == '\r' => len - 2,
            Some('\n' | '\r') => len - 1,
            _ => len,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::str::FromStr;

    use ropey::Rope;
    use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range, Uri};

    use super::{from_proto, to_proto, PositionEncoding};
    use crate::rules::{Finding, Severity};
    use PositionEncoding::{Utf16, Utf8};

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn negotiation_prefers_utf8_and_defaults_to_utf16() {
        assert_eq!(PositionEncoding::negotiate(None), Utf16);
        assert_eq!(PositionEncoding::negotiate(Some(&[])), Utf16);
        assert_eq!(
            PositionEncoding::negotiate(Some(&[PositionEncodingKind::UTF16])),
            Utf16
        );
        assert_eq!(
            PositionEncoding::negotiate(Some(&[
                PositionEncodingKind::UTF16,
                PositionEncodingKind::UTF8
            ])),
            Utf8
        );
        assert_eq!(
            PositionEncoding::negotiate(Some(&[PositionEncodingKind::UTF32])),
            Utf16
        );
    }

    /// Every char boundary maps to a position and back to itself, in both encodings.
    fn assert_round_trips(text: &str) {
        let rope = Rope::from_str(text);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            if offset > 0
                && text.as_bytes()[offset - 1] == b'\r'
                && text[offset..].starts_with('\n')
            {
                continue; // between the halves of a CRLF: not a position a client can name
            }
            for encoding in [Utf8, Utf16] {
                let position = to_proto::position(&rope, offset, encoding);
                assert_eq!(
                    from_proto::offset(&rope, position, encoding),
                    offset,
                    "{text:?} offset {offset} {encoding:?} -> {position:?}"
                );
            }
        }
    }

    #[test]
    fn round_trips_with_emoji_cjk_and_mixed_line_endings() {
        assert_round_trips("");
        assert_round_trips("# 🎯 Vision\r\n\r\n- 👩‍💻 日本語 の目標\n- done\rlast");
        assert_round_trips("日本語\n\n🎯\r\n👩‍💻x\r");
        assert_round_trips("trailing newline\n");
    }

    #[test]
    fn columns_count_utf16_units_or_utf8_bytes() {
        // 🎯 is 4 bytes / 2 UTF-16 units; 日 is 3 bytes / 1 unit; 👩‍💻 is 11 bytes / 5 units.
        let text = "🎯日👩‍💻x\r\nsecond";
        let rope = Rope::from_str(text);
        let x = text.find('x').unwrap();
        assert_eq!(to_proto::position(&rope, x, Utf16), pos(0, 2 + 1 + 5));
        assert_eq!(to_proto::position(&rope, x, Utf8), pos(0, 4 + 3 + 11));
        let second = text.find("second").unwrap();
        assert_eq!(to_proto::position(&rope, second, Utf16), pos(1, 0));
        assert_eq!(to_proto::position(&rope, text.len(), Utf16), pos(1, 6));
    }

    #[test]
    fn positions_inside_a_character_snap_to_its_start() {
        let text = "a🎯日b";
        let rope = Rope::from_str(text);
        // UTF-16: 'a'=0, 🎯=1..3 (surrogate pair), 日=3, b=4.
        assert_eq!(from_proto::offset(&rope, pos(0, 2), Utf16), 1);
        assert_eq!(from_proto::offset(&rope, pos(0, 3), Utf16), 5);
        // UTF-8: 🎯 is bytes 1..5, 日 is bytes 5..8.
        for inside in 2..5 {
            assert_eq!(from_proto::offset(&rope, pos(0, inside), Utf8), 1);
        }
        assert_eq!(from_proto::offset(&rope, pos(0, 6), Utf8), 5);
        // Byte offsets inside a character snap back too.
        assert_eq!(to_proto::position(&rope, 3, Utf16), pos(0, 1));
        assert_eq!(to_proto::position(&rope, 7, Utf8), pos(0, 5));
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let text = "日本語\r\nab\n";
        let rope = Rope::from_str(text);
        // Past the end of a line: the line's end, before its line break.
        assert_eq!(from_proto::offset(&rope, pos(0, 99), Utf16), 9);
        assert_eq!(from_proto::offset(&rope, pos(0, 99), Utf8), 9);
        assert_eq!(from_proto::offset(&rope, pos(1, 3), Utf16), 13);
        // The empty last line after the final newline exists.
        assert_eq!(from_proto::offset(&rope, pos(2, 0), Utf16), text.len());
        assert_eq!(from_proto::offset(&rope, pos(2, 5), Utf16), text.len());
        // Past the last line: the end of the text.
        assert_eq!(from_proto::offset(&rope, pos(7, 0), Utf16), text.len());
        assert_eq!(
            from_proto::offset(&rope, pos(u32::MAX, u32::MAX), Utf8),
            text.len()
        );
        // Byte offsets past the end, and between \r and \n.
        assert_eq!(to_proto::position(&rope, 1000, Utf16), pos(2, 0));
        assert_eq!(to_proto::position(&rope, 10, Utf16), pos(0, 3));
        // A reversed range covers what its ends swapped cover, as in VS Code.
        let reversed = Range::new(pos(1, 2), pos(0, 0));
        assert_eq!(from_proto::range(&rope, reversed, Utf16), 0..13);
        #[allow(clippy::reversed_empty_ranges)]
        let backwards = 5..2;
        assert_eq!(
            to_proto::range(&rope, backwards, Utf16),
            Range::new(pos(0, 1), pos(0, 1))
        );
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        let text = "one\rtwo\r\nthree";
        let rope = Rope::from_str(text);
        assert_eq!(to_proto::position(&rope, 4, Utf16), pos(1, 0));
        assert_eq!(from_proto::offset(&rope, pos(2, 1), Utf16), 10);
    }

    #[test]
    fn a_finding_becomes_a_diagnostic() {
        let text = "# Career\n## 🎯 Vision\n";
        let rope = Rope::from_str(text);
        let start = text.find("## ").unwrap();
        let finding = Finding {
            code: "empty-section",
            severity: Severity::Warning,
            range: start..text.len() - 1,
            message: "Vision is empty".to_string(),
            fixes: Vec::new(),
            blind_spots: Vec::new(),
        };
        let diagnostic = to_proto::diagnostic(&finding, &rope, Utf16);
        assert_eq!(diagnostic.range, Range::new(pos(1, 0), pos(1, 12)));
        let json = serde_json::to_value(&diagnostic).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 12}},
                "severity": 2,
                "code": "empty-section",
                "codeDescription": {"href": "https://career-lsp.dev/rules/empty-section"},
                "source": "career-lsp",
                "message": "Vision is empty",
            })
        );
        assert_eq!(
            to_proto::diagnostic(&finding, &rope, Utf8).range.end,
            pos(1, 14)
        );
        assert_eq!(to_proto::code_description("no-such-rule"), None);
    }

    #[test]
    fn paths_and_uris_percent_encode() {
        let path = Path::new("/notes/2026 Goals.md");
        let uri = to_proto::uri(path).unwrap();
        assert_eq!(uri.as_str(), "file:///notes/2026%20Goals.md");
        assert_eq!(from_proto::path(&uri).unwrap(), path);
        let cjk = Uri::from_str("file:///notes/%E6%97%A5%E6%9C%AC/Career%20Index.md").unwrap();
        assert_eq!(
            from_proto::path(&cjk).unwrap(),
            Path::new("/notes/日本/Career Index.md")
        );
        let untitled = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(from_proto::path(&untitled), None);
    }
}
