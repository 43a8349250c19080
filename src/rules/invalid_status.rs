//! `invalid-status`: a goal's Status is not `Not started`, `In progress` or `Complete`.

use super::{finding, Applicability, Context, Edit, Finding, Fix, Rule, RuleMeta, Severity};
use crate::methodology::GoalStatus;
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

/// One fix per valid status, the likeliest first; each writes the status into the cell,
/// in place of what it says.
fn fixes(note: &Note, goal: &Goal) -> Vec<Fix> {
    let Some(range) = goal.status_range.clone() else {
        return Vec::new();
    };
    let likely = GoalStatus::likely_meant_by(&goal.status);
    let mut statuses = GoalStatus::ALL.to_vec();
    if let Some(likely) = likely {
        statuses.retain(|s| *s != likely);
        statuses.insert(0, likely);
    }
    statuses
        .into_iter()
        .filter_map(|status| {
            let applicability = if Some(status) == likely {
                Applicability::Resolves
            } else {
                Applicability::Suggestion
            };
            let status = status.name();
            // An empty cell's range sits before its closing pipe: keep a space before it.
            let text = if range.is_empty() {
                format!("{status} ")
            } else {
                status.to_string()
            };
            Fix::new(
                note,
                format!("Set {}'s status to {status}", goal.label()),
                applicability,
                vec![Edit {
                    range: range.clone(),
                    text,
                }],
            )
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
            .filter(|goal| {
                goal.status_range.is_some() && GoalStatus::written_in(&goal.status).is_none()
            })
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
                found.fixes = fixes(note, goal);
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
            for status in GoalStatus::ALL.map(GoalStatus::name) {
                let title = format!("Set {goal}'s status to {status}");
                assert!(resolves(&notes, CODE, nth, &title), "{title}");
            }
        }
    }

    #[test]
    fn a_checkbox_or_a_plain_bullet_is_never_an_invalid_status() {
        let list = "# 2026 Goals\n\n## Annual Goals\n\n- [x] Ship the billing rewrite\n- [ ] Give 2 talks\n- Spend more time outdoors\n";
        assert!(
            crate::rules::fixes_support::testing::findings(&[("2026 Goals.md", list)], CODE)
                .is_empty()
        );
    }
}
