//! What a rule reports: a finding with its code, severity, byte range, message and fixes.

use std::ops::Range;
use std::path::PathBuf;

use crate::methodology::BlindSpotId;
use crate::model::Note;

/// How serious a finding is. Ordered from least to most severe.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn from_name(name: &str) -> Option<Severity> {
        match name.trim().to_ascii_lowercase().as_str() {
            "hint" => Some(Severity::Hint),
            "info" | "information" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// One text replacement, in bytes of the note it was computed for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub text: String,
}

/// What applying a fix does to its finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applicability {
    /// Clears the finding, and is the evident fix: the one an editor may apply without
    /// asking (`isPreferred`, "Fix all").
    Resolves,
    /// Clears the finding, as one of several choices the person picks from.
    Suggestion,
    /// Helps the person answer — a prompt, a template, a placeholder — and leaves the
    /// finding in place until they have.
    Helps,
}

/// A note a fix creates beside the one it is in. Never overwrites: a fix that would create
/// an existing note is not offered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNote {
    pub path: PathBuf,
    pub text: String,
}

/// A fix: a titled set of edits to the note the finding is in, and perhaps a note to
/// create. Built only through [`Fix::new`] and [`Fix::create`], so its edits are always
/// sorted, apart from one another, inside the note, and written with its line endings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub applicability: Applicability,
    edits: Vec<Edit>,
    creates: Option<NewNote>,
    /// Edits to another note of the workspace, against its text.
    elsewhere: Option<(PathBuf, Vec<Edit>)>,
}

/// Why a fix's edits do not fit the note they were computed for: a bug in a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvalidFix {
    NoChange,
    OutsideText { range: Range<usize>, len: usize },
    SplitsCharacter(Range<usize>),
    SplitsLineBreak(Range<usize>),
    Overlapping(Range<usize>, Range<usize>),
}

impl std::fmt::Display for InvalidFix {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InvalidFix::NoChange => write!(f, "it changes nothing"),
            InvalidFix::OutsideText { range, len } => {
                write!(f, "edit {range:?} is outside the text (0..{len})")
            }
            InvalidFix::SplitsCharacter(range) => write!(f, "edit {range:?} splits a character"),
            InvalidFix::SplitsLineBreak(range) => {
                write!(f, "edit {range:?} falls between the two bytes of a \\r\\n")
            }
            InvalidFix::Overlapping(a, b) => write!(f, "edits {a:?} and {b:?} overlap"),
        }
    }
}

impl Fix {
    /// A fix of `note` made of `edits`, checked against the note's text. Inserted text is
    /// written with `\n` line breaks and becomes `\r\n` in a note that uses those. A fix
    /// that does not fit is a rule's bug: it is logged and not offered (and a debug build
    /// stops on it, so that tests catch it).
    pub fn new(
        note: &Note,
        title: impl Into<String>,
        applicability: Applicability,
        edits: Vec<Edit>,
    ) -> Option<Fix> {
        let title = title.into();
        match Fix::try_new(&note.text, title.clone(), applicability, edits) {
            Ok(fix) => Some(fix),
            Err(problem) => {
                tracing::error!(
                    "the fix \"{title}\" does not fit {}: {problem}",
                    note.path.display()
                );
                debug_assert!(
                    false,
                    "the fix \"{title}\" does not fit {}: {problem}",
                    note.path.display()
                );
                None
            }
        }
    }

    /// [`Fix::new`] without the logging: the edits are sorted, then each must lie inside
    /// `text` on character boundaries, not between `\r` and `\n`, and apart from the next.
    pub fn try_new(
        text: &str,
        title: String,
        applicability: Applicability,
        mut edits: Vec<Edit>,
    ) -> Result<Fix, InvalidFix> {
        if edits.is_empty() {
            return Err(InvalidFix::NoChange);
        }
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        let crlf = uses_crlf(text);
        for edit in &mut edits {
            let Range { start, end } = edit.range;
            if start > end || end > text.len() {
                return Err(InvalidFix::OutsideText {
                    range: edit.range.clone(),
                    len: text.len(),
                });
            }
            if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                return Err(InvalidFix::SplitsCharacter(edit.range.clone()));
            }
            let splits =
                |at: usize| at > 0 && text[..at].ends_with('\r') && text[at..].starts_with('\n');
            if splits(start) || splits(end) {
                return Err(InvalidFix::SplitsLineBreak(edit.range.clone()));
            }
            if crlf {
                edit.text = with_crlf(&edit.text);
            }
        }
        for pair in edits.windows(2) {
            // Two inserts at one offset apply in order; anything else must not overlap.
            let (a, b) = (&pair[0].range, &pair[1].range);
            if b.start < a.end || (a == b && !a.is_empty()) {
                return Err(InvalidFix::Overlapping(a.clone(), b.clone()));
            }
        }
        Ok(Fix {
            title,
            applicability,
            edits,
            creates: None,
            elsewhere: None,
        })
    }

    /// A fix that creates `note` and changes nothing else.
    pub fn create(title: impl Into<String>, applicability: Applicability, note: NewNote) -> Fix {
        Fix {
            title: title.into(),
            applicability,
            edits: Vec::new(),
            creates: Some(note),
            elsewhere: None,
        }
    }

    /// A fix made of `edits` to `other`, a note that is not the finding's (the Career
    /// Index, from a session log), checked against its text like [`Fix::new`]'s.
    pub fn in_other_note(
        other: &Note,
        title: impl Into<String>,
        applicability: Applicability,
        edits: Vec<Edit>,
    ) -> Option<Fix> {
        let mut fix = Fix::new(other, title, applicability, edits)?;
        fix.elsewhere = Some((other.path.clone(), std::mem::take(&mut fix.edits)));
        Some(fix)
    }

    /// The edits to another note than the finding's, and its path.
    pub fn edits_elsewhere(&self) -> Option<(&PathBuf, &[Edit])> {
        self.elsewhere
            .as_ref()
            .map(|(path, edits)| (path, edits.as_slice()))
    }

    /// The edits to the finding's note, sorted and apart.
    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }

    /// The note the fix creates, if it creates one.
    pub fn creates(&self) -> Option<&NewNote> {
        self.creates.as_ref()
    }

    /// Applying the fix clears the finding.
    pub fn resolves(&self) -> bool {
        matches!(
            self.applicability,
            Applicability::Resolves | Applicability::Suggestion
        )
    }

    /// The evident fix, which an editor may apply without asking.
    pub fn is_preferred(&self) -> bool {
        self.applicability == Applicability::Resolves
    }
}

/// Whether the text breaks its lines with `\r\n` (judged by its first line break).
pub fn uses_crlf(text: &str) -> bool {
    text.find('\n').is_some_and(|i| text[..i].ends_with('\r'))
}

/// `text` with every lone `\n` written as `\r\n`.
fn with_crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous = '\0';
    for c in text.chars() {
        if c == '\n' && previous != '\r' {
            out.push('\r');
        }
        out.push(c);
        previous = c;
    }
    out
}

/// A problem a rule found in one note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule's stable kebab-case code, e.g. `empty-section`.
    pub code: &'static str,
    pub severity: Severity,
    /// Where the finding points, in bytes of the note.
    pub range: Range<usize>,
    pub message: String,
    pub fixes: Vec<Fix>,
    /// The methodology's blind spots this finding raises: its rule's own, or those whose
    /// question it asks for another rule (an empty or absent section's).
    pub blind_spots: Vec<BlindSpotId>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(range: Range<usize>, text: &str) -> Edit {
        Edit {
            range,
            text: text.to_string(),
        }
    }

    fn build(text: &str, edits: Vec<Edit>) -> Result<Fix, InvalidFix> {
        Fix::try_new(text, "t".into(), Applicability::Helps, edits)
    }

    #[test]
    fn edits_are_sorted_when_the_fix_is_built() {
        let fix = build(
            "abcdef",
            vec![edit(4..5, "X"), edit(0..1, "Y"), edit(2..2, "Z")],
        )
        .expect("valid");
        let starts: Vec<usize> = fix.edits().iter().map(|e| e.range.start).collect();
        assert_eq!(starts, [0, 2, 4]);
    }

    #[test]
    fn edits_that_do_not_fit_the_text_are_refused() {
        let text = "# É\r\nb";
        assert!(build(text, vec![edit(0..4, "")]).is_ok());
        assert_eq!(
            build(text, vec![edit(3..3, "")]),
            Err(InvalidFix::SplitsCharacter(3..3)),
            "inside É"
        );
        assert_eq!(
            build(text, vec![edit(5..5, "")]),
            Err(InvalidFix::SplitsLineBreak(5..5))
        );
        assert_eq!(
            build(text, vec![edit(6..9, "")]),
            Err(InvalidFix::OutsideText {
                range: 6..9,
                len: 7
            })
        );
        #[allow(clippy::reversed_empty_ranges)]
        let backwards = 4..2;
        assert!(matches!(
            build(text, vec![edit(backwards, "")]),
            Err(InvalidFix::OutsideText { .. })
        ));
        assert_eq!(build(text, vec![]), Err(InvalidFix::NoChange));
    }

    #[test]
    fn overlapping_edits_are_refused_and_inserts_at_one_place_are_kept_in_order() {
        assert_eq!(
            build("abcdef", vec![edit(0..3, "x"), edit(2..4, "y")]),
            Err(InvalidFix::Overlapping(0..3, 2..4))
        );
        assert_eq!(
            build("abcdef", vec![edit(1..2, "x"), edit(1..2, "y")]),
            Err(InvalidFix::Overlapping(1..2, 1..2))
        );
        let inserts = build("abcdef", vec![edit(3..3, "1"), edit(3..3, "2")]).expect("valid");
        let texts: Vec<&str> = inserts.edits().iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["1", "2"]);
        assert!(build("abcdef", vec![edit(0..3, "x"), edit(3..4, "y")]).is_ok());
    }

    #[test]
    fn inserted_text_takes_the_notes_line_endings() {
        let crlf = build("# A\r\n\r\nb\r\n", vec![edit(5..5, "## B\n\nText\r\n")]).expect("valid");
        assert_eq!(crlf.edits()[0].text, "## B\r\n\r\nText\r\n");
        let lf = build("# A\n\nb\n", vec![edit(4..4, "## B\n\n")]).expect("valid");
        assert_eq!(lf.edits()[0].text, "## B\n\n");
    }

    #[test]
    fn applicability_says_whether_the_fix_resolves_and_is_preferred() {
        let with = |applicability| {
            Fix::try_new("ab", "t".into(), applicability, vec![edit(0..0, "x")]).expect("valid")
        };
        let resolves = with(Applicability::Resolves);
        assert!(resolves.resolves() && resolves.is_preferred());
        let suggestion = with(Applicability::Suggestion);
        assert!(suggestion.resolves() && !suggestion.is_preferred());
        let helps = with(Applicability::Helps);
        assert!(!helps.resolves() && !helps.is_preferred());
    }
}
