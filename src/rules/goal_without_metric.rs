//! `goal-without-metric`: an annual goal's Success Metric is empty or a placeholder.

use super::{finding, Context, Finding, Rule, Severity};
use crate::model::text::is_placeholder;
use crate::model::Note;

pub struct GoalWithoutMetric;

impl Rule for GoalWithoutMetric {
    fn code(&self) -> &'static str {
        "goal-without-metric"
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
            .filter(|goal| is_placeholder(&goal.success_metric))
            .map(|goal| {
                finding(
                    self,
                    goal.row_range.clone(),
                    format!(
                        "{} has no success metric — how will you measure it?",
                        goal.label()
                    ),
                )
            })
            .collect()
    }
}
