//! `goal-without-metric`: an annual goal's Success Metric is empty or a placeholder.

use super::fixes_support::ask_about_goals;
use super::{finding, Context, Finding, Rule, RuleMeta, Severity};
use crate::methodology::GOAL_METRIC_QUESTION;
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
        goals
            .goals
            .iter()
            .filter(|goal| is_placeholder(&goal.success_metric))
            .map(|goal| {
                let mut found = finding(
                    self,
                    goal.row_range.clone(),
                    format!(
                        "{} has no success metric — how will you measure it?",
                        goal.label()
                    ),
                );
                found.fixes.extend(ask_about_goals(
                    note,
                    context,
                    format!("Ask: {GOAL_METRIC_QUESTION}"),
                    GOAL_METRIC_QUESTION,
                ));
                found
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::fixes_support::testing::{fixed, titles};

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
}
