//! `check`'s human format for a person at a terminal: each finding as a code frame in
//! colour (its title, `file:line:col`, the note's lines it points at, underlined), drawn by
//! `annotate-snippets`, rustc's renderer. Elsewhere — into a pipe or a file, under
//! `NO_COLOR`, with `--color never` — it is one line a finding, which scripts and editors'
//! problem matchers read.

use std::ffi::OsStr;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::Reported;
use crate::rules::{self, Severity};

/// When `check` colours its human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// When stdout is a terminal and `NO_COLOR` is unset or empty.
    #[default]
    Auto,
    /// Always, into a pipe too; it wins over `NO_COLOR`.
    Always,
    /// Never.
    Never,
}

/// Whether the human format has colour and code frames: `choice`, given whether stdout is
/// a terminal and the value of `NO_COLOR`. Frames come with colour and never without it, so
/// that what is not coloured is the one-line format.
pub fn styled(choice: ColorChoice, stdout_is_terminal: bool, no_color: Option<&OsStr>) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stdout_is_terminal && no_color.is_none_or(OsStr::is_empty),
    }
}

/// A finding as a code frame in colour, ending with a blank line; with `explain_hint`, and
/// a rule of the registry, it ends by naming `career-lsp explain CODE` (once a rule is
/// enough).
pub fn frame(reported: &Reported, explain_hint: bool) -> String {
    let level = match reported.level {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Hint => Level::HELP.with_name("hint"),
    };
    let (excerpt, span) = excerpt(&reported.source.text, reported.source.range.clone());
    let mut title = level.primary_title(&reported.message).id(reported.code);
    let known_rule = rules::rule(reported.code).is_some();
    if known_rule {
        title = title.id_url(rules::docs_url(reported.code));
    }
    let mut group = title.element(
        Snippet::source(excerpt)
            .line_start(reported.line)
            .path(&reported.file)
            .annotation(AnnotationKind::Primary.span(span)),
    );
    if known_rule && explain_hint {
        group = group.element(
            Level::HELP.message(format!("`career-lsp explain {}` tells why", reported.code)),
        );
    }
    let report: [Group; 1] = [group];
    format!("{}\n\n", Renderer::styled().render(&report))
}

/// The lines of `text` that `range` covers, and the range within them. A range that ends
/// with a line break ends before it, so that the frame shows the line it underlines and not
/// the empty start of the next one.
fn excerpt(text: &str, range: Range<usize>) -> (&str, Range<usize>) {
    let start = text.floor_char_boundary(range.start.min(text.len()));
    let mut end = text.floor_char_boundary(range.end.clamp(start, text.len()));
    while end > start && matches!(text.as_bytes()[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    let first = text[..start].rfind('\n').map_or(0, |at| at + 1);
    let last = text[end..]
        .find('\n')
        .map_or(text.len(), |at| end + at)
        .max(first);
    let last = if text[..last].ends_with('\r') {
        (last - 1).max(end)
    } else {
        last
    };
    (&text[first..last], start - first..end - first)
}

#[cfg(test)]
mod tests {
    use std::ffi::OsStr;
    use std::path::PathBuf;
    use std::sync::Arc;

    use super::*;
    use crate::cli::check::Source;

    #[test]
    fn colour_follows_the_flag_then_the_terminal_then_no_color() {
        use ColorChoice::*;
        let set = Some(OsStr::new("1"));
        let empty = Some(OsStr::new(""));
        assert!(styled(Auto, true, None));
        assert!(styled(Auto, true, empty));
        assert!(!styled(Auto, true, set));
        assert!(!styled(Auto, false, None));
        assert!(styled(Always, false, set));
        assert!(!styled(Never, true, None));
    }

    #[test]
    fn the_excerpt_is_the_lines_of_the_range() {
        let text = "# Career\r\n\r\n## Vision\r\nstill empty\r\n";
        let vision = text.find("## Vision").unwrap();
        // To the end of the heading's line, its line break included.
        let (lines, span) = excerpt(text, vision..vision + "## Vision\r\n".len());
        assert_eq!(lines, "## Vision");
        assert_eq!(&lines[span], "## Vision");
        // Two lines, and a range inside a character or past the end.
        let (lines, span) = excerpt(text, vision + 3..text.len() - 4);
        assert_eq!(lines, "## Vision\r\nstill empty");
        assert_eq!(&lines[span], "Vision\r\nstill emp");
        assert_eq!(excerpt("a\n🎯b", 4..99), ("🎯b", 0..5));
        assert_eq!(excerpt("", 0..0), ("", 0..0));
        assert_eq!(excerpt("x\n", 2..2), ("", 0..0));
    }

    #[test]
    fn a_frame_shows_the_line_underlined_in_colour() {
        let text = "# Goals\n\nSee [[Nowhere]] today.\n";
        let link = text.find("[[").unwrap();
        let reported = Reported {
            file: "notes/Goals.md".to_string(),
            path: PathBuf::from("notes/Goals.md"),
            line: 3,
            column: 5,
            end_line: 3,
            end_column: 16,
            severity: "warning",
            code: "broken-link",
            message: "No note called Nowhere".to_string(),
            level: Severity::Warning,
            source: Source {
                text: Arc::from(text),
                range: link..link + "[[Nowhere]]".len(),
            },
        };
        assert!(!frame(&reported, false).contains("career-lsp explain"));
        let frame = frame(&reported, true);
        assert!(frame.contains('\u{1b}'), "{frame}");
        let plain = strip_ansi(&frame);
        assert!(
            plain.contains("warning[broken-link]: No note called Nowhere"),
            "{plain}"
        );
        assert!(plain.contains("--> notes/Goals.md:3:5"), "{plain}");
        assert!(plain.contains("3 | See [[Nowhere]] today."), "{plain}");
        assert!(plain.contains("  |     ^^^^^^^^^^^"), "{plain}");
        assert!(
            plain.contains("`career-lsp explain broken-link` tells why"),
            "{plain}"
        );
        assert!(frame.ends_with("\n\n"));
    }

    /// `text` without its ANSI escapes: colours (`ESC [ … m`) and hyperlinks (`ESC ] … ESC \`).
    fn strip_ansi(text: &str) -> String {
        let escapes = regex::Regex::new(r"\x1b\[[0-9;]*m|\x1b\][^\x1b]*\x1b\\").unwrap();
        escapes.replace_all(text, "").into_owned()
    }
}
