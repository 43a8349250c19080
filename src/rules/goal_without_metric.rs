//! `goal-without-metric`: an annual goal's Success Metric is empty or a placeholder.

use super::fixes_support::prompt_fix;
use super::{finding, Context, Finding, Rule, RuleMeta, Severity};
use crate::methodology::{SectionId, GOAL_METRIC_QUESTION};
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
                found.fixes.extend(prompt_fix(
                    note,
                    context,
                    format!("Ask: {GOAL_METRIC_QUESTION}"),
                    GOAL_METRIC_QUESTION,
                    &[SectionId::AnnualGoals],
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
}
