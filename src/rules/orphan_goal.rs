//! `orphan-goal`: no quarterly intention, milestone or weekly action references the goal.

use super::{finding, Context, Finding, Rule, Severity};
use crate::model::Note;

pub struct OrphanGoal;

impl Rule for OrphanGoal {
    fn code(&self) -> &'static str {
        "orphan-goal"
    }

    fn default_severity(&self) -> Severity {
        Severity::Info
    }

    fn check(&self, note: &Note, _context: &Context) -> Vec<Finding> {
        let Some(goals) = note.as_goals() else {
            return Vec::new();
        };
        let referenced = |id: u32| {
            goals
                .quarterly
                .iter()
                .any(|q| q.goal_refs.iter().any(|(r, _)| *r == id))
                || goals
                    .monthly
                    .iter()
                    .chain(&goals.weekly)
                    .any(|i| i.goal_refs.iter().any(|(r, _)| *r == id))
        };
        goals
            .goals
            .iter()
            .filter(|goal| !referenced(goal.id))
            .map(|goal| {
                finding(
                    self,
                    goal.row_range.clone(),
                    format!("Nothing in your quarters, months or weeks moves {} forward — what is the first step, and when?", goal.label()),
                )
            })
            .collect()
    }
}
