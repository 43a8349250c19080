//! What a rule reports: a finding with its code, severity, byte range, message and fixes.

use std::ops::Range;

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

/// A fix: a titled set of edits to the note the finding is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    /// The fix an editor may apply without asking ("Fix all", `isPreferred`).
    pub preferred: bool,
    /// Applying the fix makes the finding go away (a prompt or a placeholder does not:
    /// it helps the person answer).
    pub resolves: bool,
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
}
