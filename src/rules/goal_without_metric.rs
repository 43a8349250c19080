//! `goal-without-metric`: an annual goal's Success Metric is empty or a placeholder.

use super::fixes_support::ask_about_goals;
use super::{every_goal_anchor, finding, Context, Finding, Rule, RuleMeta, Severity};
use crate::methodology::{GoalStatus, GOAL_METRIC_QUESTION};
use crate::model::text::is_placeholder;
use crate::model::Note;

pub struct GoalWithoutMetric;

impl GoalWithoutMetric {
    pub const META: RuleMeta = RuleMeta {
        code: "goal-without-metric",
        default_severity: Severity::Warning,
        documentation: include_str!("docs/goal-without-metric.md"),
        blind_spot: None,
    };
}

impl Rule for GoalWithoutMetric {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
        let Some(goals) = note.as_goals() else {
            return Vec::new();
        };
        let without: Vec<_> = goals
            .goals
            .iter()
            .filter(|goal| is_placeholder(&goal.success_metric))
            // A goal already complete needs no measure to steer by.
            .filter(|goal| GoalStatus::written_in(&goal.status) != Some(GoalStatus::Complete))
            .collect();
        // The same question serves one goal or all of them.
        let ask = || {
            ask_about_goals(
                note,
                context,
                format!("Ask: {GOAL_METRIC_QUESTION}"),
                GOAL_METRIC_QUESTION,
            )
        };
        if let Some(at) = every_goal_anchor(note, without.len()) {
            let mut found = finding(
                self,
                at,
                format!(
                    "None of your {} goals has a success metric yet — how will you measure each one?",
                    without.len()
                ),
            );
            found.fixes.extend(ask());
            return vec![found];
        }
        without
            .into_iter()
            .map(|goal| {
                let mut found = finding(
                    self,
                    goal.row_range.clone(),
                    format!(
                        "{} has no success metric — how will you measure it?",
                        goal.label()
                    ),
                );
                found.fixes.extend(ask());
                found
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::fixes_support::testing::{findings, fixed, titles};

    const CODE: &str = super::GoalWithoutMetric::META.code;

    const GOALS: &str = "# 2026 Goals\n\n## Annual Goals\n| Goal | Outcome | Success Metric | Status | Vision |\n|---|---|---|---|---|\n| G1 | Principal promotion | Packet accepted | In progress | Role |\n| G2 | Better at public speaking | ... | Not started | Reach |\n";

    #[test]
    fn the_metric_question_goes_above_the_goals() {
        let notes = [("2026 Goals.md", GOALS)];
        assert_eq!(titles(&notes, CODE), [["Ask: How will you measure it?"]]);
        let asked = fixed(&notes, CODE, 0, "Ask: How will you measure it?");
        assert_eq!(
            asked,
            GOALS.replace(
                "## Annual Goals\n",
                "## Annual Goals\n\n> How will you measure it?\n\n"
            )
        );
        // Asked once.
        assert_eq!(
            titles(&[("2026 Goals.md", &asked)], CODE),
            [Vec::<String>::new()]
        );
    }

    /// Goals listed under the H1, one without a measurable target.
    const LIST: &str = "# 2026 Goals\n\nWhat this year is for.\n\n- [ ] Get promoted to Staff (Role)\n- [ ] Give 3 talks at meetups (Reach)\n";

    #[test]
    fn a_list_goal_without_a_target_is_asked_above_the_list() {
        let notes = [("2026 Goals.md", LIST)];
        let found = crate::rules::fixes_support::testing::findings(&notes, CODE);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            &LIST[found[0].range.clone()],
            "- [ ] Get promoted to Staff (Role)"
        );
        // No Annual Goals section is made for the question: the list stands for it.
        let asked = fixed(&notes, CODE, 0, "Ask: How will you measure it?");
        assert_eq!(
            asked,
            LIST.replace(
                "# 2026 Goals\n",
                "# 2026 Goals\n\n> How will you measure it?\n"
            )
        );
        assert_eq!(
            titles(&[("2026 Goals.md", &asked)], CODE),
            [Vec::<String>::new()]
        );
        // A target stated in a nested item is the metric.
        let measured = LIST.replace(
            "Staff (Role)\n",
            "Staff (Role)\n  - Metric: promotion packet accepted in the spring cycle\n",
        );
        assert!(crate::rules::fixes_support::testing::findings(
            &[("2026 Goals.md", &measured)],
            CODE
        )
        .is_empty());
    }

    #[test]
    fn when_no_goal_has_a_metric_one_finding_says_so_at_the_goals() {
        // Three goals, none measurable yet.
        let goals = "# 2026 Goals\n\n## Annual Goals\n| Goal | Outcome | Success Metric | Status | Vision |\n|---|---|---|---|---|\n| G1 | Principal promotion | | In progress | Role |\n| G2 | Better at public speaking | ... | Not started | Reach |\n| G3 | Run a half marathon | [metric] | Not started | Life |\n";
        let found = findings(&[("2026 Goals.md", goals)], CODE);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            &goals[found[0].range.clone()],
            "## Annual Goals",
            "at the section"
        );
        assert_eq!(
            found[0].message,
            "None of your 3 goals has a success metric yet — how will you measure each one?"
        );
        assert_eq!(
            titles(&[("2026 Goals.md", goals)], CODE),
            [["Ask: How will you measure it?"]]
        );
        // Once one goal has a metric, the others are reported each at its row.
        let one_measured = goals.replace(
            "| Principal promotion | |",
            "| Principal promotion | Packet accepted |",
        );
        let found = findings(&[("2026 Goals.md", &one_measured)], CODE);
        let rows: Vec<&str> = found
            .iter()
            .map(|f| one_measured[f.range.clone()].split(" |").next().unwrap())
            .collect();
        assert_eq!(rows, ["| G2", "| G3"]);
        // A single goal is named at its row.
        let single = "# 2026 Goals\n\n## Annual Goals\n| Goal | Outcome | Success Metric | Status | Vision |\n|---|---|---|---|---|\n| G1 | Principal promotion | | In progress | Role |\n";
        let found = findings(&[("2026 Goals.md", single)], CODE);
        assert_eq!(
            found[0].message,
            "G1 has no success metric — how will you measure it?"
        );
        assert!(single[found[0].range.clone()].starts_with("| G1 |"));
    }

    #[test]
    fn a_goal_already_complete_is_not_asked_for_a_measure() {
        let list = "# 2026 Goals\n\n- [x] Run a half marathon (Life)\n- [ ] Read more (Life)\n";
        let found =
            crate::rules::fixes_support::testing::findings(&[("2026 Goals.md", list)], CODE);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(&list[found[0].range.clone()], "- [ ] Read more (Life)");
    }
}
