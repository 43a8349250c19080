//! `unknown-goal-ref`: a reference like `G7` to a goal that does not exist.

use super::{finding, Context, Finding, Rule, Severity};
use crate::model::Note;

pub struct UnknownGoalRef;

impl Rule for UnknownGoalRef {
    fn code(&self) -> &'static str {
        "unknown-goal-ref"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn check(&self, note: &Note, _context: &Context) -> Vec<Finding> {
        let Some(goals) = note.as_goals() else {
            return Vec::new();
        };
        let known: Vec<String> = goals.goals.iter().map(|g| g.label()).collect();
        goals
            .references
            .iter()
            .filter(|(id, _)| !goals.goals.iter().any(|g| g.id == *id) && !goals.template_ids.contains(id))
            .map(|(id, range)| {
                let message = if known.is_empty() {
                    format!("G{id} refers to an annual goal, but there are none yet — add it to Annual Goals first.")
                } else {
                    format!("There is no G{id} among your annual goals ({}) — which goal did you mean?", known.join(", "))
                };
                finding(self, range.clone(), message)
            })
            .collect()
    }
}
