//! `invalid-status`: a goal's Status is not `Not started`, `In progress` or `Complete`.

use super::{finding, Context, Edit, Finding, Fix, Rule, RuleMeta, Severity};
use crate::model::goals::Goal;
use crate::model::text::is_placeholder;
use crate::model::Note;

pub struct InvalidStatus;

impl InvalidStatus {
    pub const META: RuleMeta = RuleMeta {
        code: "invalid-status",
        default_severity: Severity::Warning,
        documentation: include_str!("docs/invalid-status.md"),
        blind_spot: None,
    };
}

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

/// The valid status a written one most likely means, if any: `Done` is `Complete`, `WIP`
/// is `In progress`, `Planned` is `Not started`.
fn likely_status(cell: &str) -> Option<&'static str> {
    let lower = cell.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |options: &[&str]| options.iter().any(|o| words.contains(o));
    if ["not started", "not begun", "not yet"]
        .iter()
        .any(|p| lower.contains(p))
    {
        Some("Not started")
    } else if has(&[
        "done",
        "completed",
        "finished",
        "shipped",
        "achieved",
        "delivered",
        "closed",
    ]) {
        Some("Complete")
    } else if has(&[
        "todo", "planned", "pending", "idea", "backlog", "later", "queued",
    ]) {
        Some("Not started")
    } else if has(&[
        "wip",
        "ongoing",
        "started",
        "active",
        "underway",
        "track",
        "progressing",
        "doing",
        "blocked",
        "risk",
        "behind",
        "paused",
    ]) {
        Some("In progress")
    } else {
        None
    }
}

/// One fix per valid status, the likeliest first; each writes the status into the cell,
/// in place of what it says.
fn fixes(goal: &Goal) -> Vec<Fix> {
    let Some(range) = goal.status_range.clone() else {
        return Vec::new();
    };
    let likely = likely_status(&goal.status);
    let mut statuses: Vec<&str> = VALID_STATUSES.to_vec();
    if let Some(likely) = likely {
        statuses.retain(|s| *s != likely);
        statuses.insert(0, likely);
    }
    statuses
        .into_iter()
        .map(|status| {
            // An empty cell's range sits before its closing pipe: keep a space before it.
            let text = if range.is_empty() {
                format!("{status} ")
            } else {
                status.to_string()
            };
            Fix {
                title: format!("Set {}'s status to {status}", goal.label()),
                edits: vec![Edit {
                    range: range.clone(),
                    text,
                }],
                preferred: Some(status) == likely,
                resolves: true,
            }
        })
        .collect()
}

impl Rule for InvalidStatus {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
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
                let mut found = finding(self, goal.row_range.clone(), message);
                found.fixes = fixes(goal);
                found
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::fixes_support::testing::{fixed, resolves, titles};

    const CODE: &str = super::InvalidStatus::META.code;

    const GOALS: &str = "# 2026 Goals\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status | Vision |\n|------|---------|----------------|--------|--------|\n| G1 | Principal promotion | Packet accepted | Done ✅ | Role |\n| G2 | Golden paths | 80% of new services | | Impact |\n| G3 | Known outside | Two talks | 50% | Reach |\n";

    #[test]
    fn each_valid_status_replaces_the_cell_the_likeliest_first() {
        let notes = [("2026 Goals.md", GOALS)];
        assert_eq!(
            titles(&notes, CODE),
            [
                [
                    "Set G1's status to Complete (resolves, preferred)",
                    "Set G1's status to Not started (resolves)",
                    "Set G1's status to In progress (resolves)",
                ],
                [
                    "Set G2's status to Not started (resolves)",
                    "Set G2's status to In progress (resolves)",
                    "Set G2's status to Complete (resolves)",
                ],
                [
                    "Set G3's status to Not started (resolves)",
                    "Set G3's status to In progress (resolves)",
                    "Set G3's status to Complete (resolves)",
                ],
            ]
        );
        assert_eq!(
            fixed(&notes, CODE, 0, "Set G1's status to Complete"),
            GOALS.replace("| Done ✅ |", "| Complete |")
        );
        // An empty cell gets the status with a space on each side.
        assert_eq!(
            fixed(&notes, CODE, 1, "Set G2's status to In progress"),
            GOALS.replace(
                "| 80% of new services | |",
                "| 80% of new services | In progress |"
            )
        );
        for (nth, goal) in [(0, "G1"), (1, "G2"), (2, "G3")] {
            for status in VALID_STATUSES {
                let title = format!("Set {goal}'s status to {status}");
                assert!(resolves(&notes, CODE, nth, &title), "{title}");
            }
        }
    }

    #[test]
    fn written_statuses_suggest_their_valid_value() {
        assert_eq!(likely_status("Done ✅"), Some("Complete"));
        assert_eq!(likely_status("On track"), Some("In progress"));
        assert_eq!(likely_status("WIP"), Some("In progress"));
        assert_eq!(likely_status("Planned for Q3"), Some("Not started"));
        assert_eq!(likely_status("Not started yet"), Some("Not started"));
        assert_eq!(likely_status("50%"), None);
        assert_eq!(likely_status(""), None);
    }

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
