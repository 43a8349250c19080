//! `overdue-milestone`: an unchecked milestone or weekly action whose date has passed.

use chrono::Datelike;

use super::{finding, Context, Finding, Rule, Severity};
use crate::model::Note;

pub struct OverdueMilestone;

impl Rule for OverdueMilestone {
    fn code(&self) -> &'static str {
        "overdue-milestone"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
        let Some(goals) = note.as_goals() else {
            return Vec::new();
        };
        if goals.year != Some(context.today.year()) {
            return Vec::new();
        }
        goals
            .monthly
            .iter()
            .chain(&goals.weekly)
            .filter(|item| !item.done)
            .filter_map(|item| item.due.filter(|due| *due < context.today).map(|due| (item, due)))
            .map(|(item, due)| {
                let days = (context.today - due).num_days();
                let when = if days == 1 { "yesterday".to_string() } else { format!("{days} days ago") };
                finding(
                    self,
                    item.range.clone(),
                    format!("This was due {when} ({due}) and isn't checked off — done, moved, or dropped?"),
                )
            })
            .collect()
    }
}
