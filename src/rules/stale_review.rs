//! `stale-review`: the current year's Goals note has no weekly review within the cadence.

use chrono::Datelike;

use super::{anchor, finding, Context, Finding, Rule, Severity};
use crate::model::Note;

pub struct StaleReview;

impl Rule for StaleReview {
    fn code(&self) -> &'static str {
        "stale-review"
    }

    fn default_severity(&self) -> Severity {
        Severity::Info
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
        let Some(goals) = note.as_goals() else {
            return Vec::new();
        };
        if goals.year != Some(context.today.year()) {
            return Vec::new();
        }
        let cadence = context.config.weekly_review_days;
        let newest = goals
            .reviews
            .iter()
            .map(|(date, _)| *date)
            .filter(|d| *d <= context.today)
            .max();
        let message = match newest {
            Some(date) if (context.today - date).num_days() <= cadence => return Vec::new(),
            Some(date) => format!(
                "Your last weekly review was {} days ago ({date}) — what's the ONE thing this week that moves you toward your goals?",
                (context.today - date).num_days()
            ),
            None => "No weekly review yet — what's the ONE thing this week that moves you toward your goals?".to_string(),
        };
        vec![finding(
            self,
            anchor(note, std::slice::from_ref(&goals.weekly_review_heading)),
            message,
        )]
    }
}
