//! `too-many-priorities`: more annual goals than the maximum, more than one theme, or more
//! than three Current Focus items.

use super::{finding, Context, Finding, Rule, Severity};
use crate::model::Note;

pub struct TooManyPriorities;

const QUESTION: &str = "If this year had ONE theme, what would it be?";

/// A single theme that is really several: joined by ` and `, ` & `, ` + ` or `;`.
fn is_joined(theme: &str) -> bool {
    let lower = theme.to_lowercase();
    [" and ", " & ", " + ", ";"]
        .iter()
        .any(|joiner| lower.contains(joiner))
}

impl Rule for TooManyPriorities {
    fn code(&self) -> &'static str {
        "too-many-priorities"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
        let mut findings = Vec::new();
        let at = note.title_range();
        if let Some(goals) = note.as_goals() {
            let max = context.config.max_annual_goals;
            if goals.goals.len() > max {
                findings.push(finding(
                    self,
                    at.clone(),
                    format!(
                        "{} annual goals is more than {max} — which ones really matter this year?",
                        goals.goals.len()
                    ),
                ));
            }
        }
        if let Some(index) = note.as_index() {
            let themes = &index.theme.themes;
            if themes.len() >= 2 {
                findings.push(finding(
                    self,
                    at.clone(),
                    format!(
                        "Your theme section states {} themes — {QUESTION}",
                        themes.len()
                    ),
                ));
            } else if let Some(theme) = themes.first().filter(|t| is_joined(&t.text)) {
                findings.push(finding(
                    self,
                    at.clone(),
                    format!(
                        "“{}” joins several themes into one — {QUESTION}",
                        theme.text.trim()
                    ),
                ));
            }
            let max = context.config.max_current_focus;
            let focus = &index.current_role.focus;
            if focus.len() > max {
                findings.push(finding(
                    self,
                    at,
                    format!("{} Current Focus items is more than {max} — what would you drop if you could keep only {max}?", focus.len()),
                ));
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn joined_themes() {
        assert!(super::is_joined("Scale the team and ship the platform"));
        assert!(super::is_joined("Depth; visibility"));
        assert!(!super::is_joined("Go external"));
    }
}
