//! `invalid-status`: a goal's Status is not `Not started`, `In progress` or `Complete`.

use super::{finding, Context, Finding, Rule, Severity};
use crate::model::text::is_placeholder;
use crate::model::Note;

pub struct InvalidStatus;

/// The statuses the Goals table allows, as written in the methodology.
pub const VALID_STATUSES: [&str; 3] = ["Not started", "In progress", "Complete"];

/// Whether a Status cell holds one of the valid values (any case; emphasis, emoji and
/// hyphens ignored).
pub fn is_valid_status(cell: &str) -> bool {
    let words: String = cell
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect();
    let normalized = words.split_whitespace().collect::<Vec<_>>().join(" ");
    VALID_STATUSES
        .iter()
        .any(|status| status.eq_ignore_ascii_case(&normalized))
}

impl Rule for InvalidStatus {
    fn code(&self) -> &'static str {
        "invalid-status"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn check(&self, note: &Note, _context: &Context) -> Vec<Finding> {
        let Some(goals) = note.as_goals() else {
            return Vec::new();
        };
        goals
            .goals
            .iter()
            .filter(|goal| goal.status_range.is_some() && !is_valid_status(&goal.status))
            .map(|goal| {
                let message = if is_placeholder(&goal.status) {
                    format!("{} has no status yet — is it Not started, In progress or Complete?", goal.label())
                } else {
                    format!(
                        "“{}” isn't a status the cascade tracks — is {} Not started, In progress or Complete?",
                        goal.status.trim(),
                        goal.label()
                    )
                };
                finding(self, goal.row_range.clone(), message)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses() {
        for valid in [
            "Not started",
            "in progress",
            "**Complete**",
            "✅ Complete",
            "In-progress",
            "NOT STARTED",
        ] {
            assert!(is_valid_status(valid), "{valid}");
        }
        for invalid in ["", "Done", "WIP", "Blocked", "Completed", "50%"] {
            assert!(!is_valid_status(invalid), "{invalid}");
        }
    }
}
