//! `annual-review-due`: the year is ending and there is no Goals note for the next one.

use chrono::Datelike;

use super::fixes_support::create_note_fix_with;
use super::{finding, Context, Finding, Rule, RuleMeta, Severity};
use crate::methodology::templates::goals_file_name;
use crate::methodology::GoalStatus;
use crate::model::goals::GoalsNote;
use crate::model::Note;

pub struct AnnualReviewDue;

impl AnnualReviewDue {
    pub const META: RuleMeta = RuleMeta {
        code: "annual-review-due",
        default_severity: Severity::Info,
        documentation: include_str!("docs/annual-review-due.md"),
        blind_spot: None,
    };
}

/// The link the goals template starts with, to the Career Index's vision.
const TEMPLATE_VISION_LINK: &str = "[[Career#Vision]]";

/// The prompt a new year's note opens with: this year's unfinished goals, by outcome. They
/// are not copied as goals (and not named by ID, which would be a reference to a goal the
/// new note does not have): carrying one over is the review's decision.
fn still_open(goals: &GoalsNote, year: i32) -> Option<String> {
    let open: Vec<String> = goals
        .goals
        .iter()
        .filter(|g| GoalStatus::written_in(&g.status) != Some(GoalStatus::Complete))
        .map(|g| {
            let outcome = g.outcome.trim();
            if outcome.is_empty() {
                format!("goal {} of {year}", g.id)
            } else {
                format!("“{outcome}”")
            }
        })
        .collect();
    (!open.is_empty()).then(|| {
        format!(
            "> Still open from {year}: {} — carry over, change, or drop?",
            open.join("; ")
        )
    })
}

impl Rule for AnnualReviewDue {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
        let Some(goals) = note.as_goals() else {
            return Vec::new();
        };
        let year = context.today.year();
        if goals.year != Some(year) {
            return Vec::new();
        }
        let from = context.settings.annual_review_from;
        if from.in_year(year).is_none_or(|from| context.today < from) {
            return Vec::new();
        }
        let next = year + 1;
        if context.has_goals_for(next) {
            return Vec::new();
        }
        let mut found = finding(
            self,
            note.title_range(),
            format!("{year} is nearly over and there is no {next} Goals note yet — time for the annual review: what will {next} be about?"),
        );
        // The new note links to this index's vision, as this year's note belongs to it.
        let vision_link = context
            .career_index_vision(note)
            .and_then(|(index, vision)| {
                let heading = vision.heading.as_ref()?;
                let title = index
                    .outline
                    .headings
                    .iter()
                    .find(|h| h.range == *heading)
                    .map(|h| h.text.clone())?;
                Some(format!("[[{}#{title}]]", index.stem()))
            });
        let prompt = still_open(goals, year);
        let name = goals_file_name(next);
        found.fixes.extend(create_note_fix_with(
            note,
            context,
            format!("Create {next} Goals note"),
            name.strip_suffix(".md").unwrap_or(&name),
            |text| {
                let mut text = match &vision_link {
                    Some(link) => text.replacen(TEMPLATE_VISION_LINK, link, 1),
                    None => text,
                };
                if let Some(prompt) = &prompt {
                    // Under the vision link, above the goals to set.
                    let at = text.find("\n## ").map_or(text.len(), |at| at + 1);
                    text.insert_str(at, &format!("{prompt}\n\n"));
                }
                text
            },
        ));
        vec![found]
    }
}

#[cfg(test)]
mod tests;
