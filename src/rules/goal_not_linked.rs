//! `goal-not-linked`: an annual goal has no link to the vision (SPEC §3).

use super::{finding, Context, Finding, Rule, Severity};
use crate::methodology::SectionId;
use crate::model::links::find_heading;
use crate::model::links::find_note;
use crate::model::text::VisionLink;
use crate::model::{CareerIndex, Note};

pub struct GoalNotLinked;

/// Whether one link ties the goal to the vision of `index` (when the index is known).
fn holds(
    link: &VisionLink,
    index: Option<(&Note, &CareerIndex)>,
    goals: &Note,
    context: &Context,
) -> bool {
    match (link, index) {
        (VisionLink::Pillars(pillars), Some((_, index))) => pillars
            .iter()
            .any(|p| index.vision.picture.iter().any(|line| line.pillar == *p)),
        (VisionLink::NorthStar, Some((_, index))) => index.vision.north_star.is_some(),
        (VisionLink::Wikilink { target, heading }, _) => {
            let Some(target) = find_note(context.notes, goals, target) else {
                return false;
            };
            if index.is_some_and(|(index, _)| index.path != target.path) {
                return false;
            }
            find_heading(target, heading).is_some_and(|h| {
                target
                    .sections
                    .iter()
                    .find(|s| s.heading == h)
                    .and_then(|s| s.id)
                    .is_some_and(|id| matches!(id, SectionId::Vision | SectionId::ThePicture))
            })
        }
        (_, None) => true,
    }
}

impl Rule for GoalNotLinked {
    fn code(&self) -> &'static str {
        "goal-not-linked"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
        let Some(goals) = note.as_goals() else {
            return Vec::new();
        };
        let index = context
            .career_index_for(note)
            .and_then(|n| n.as_index().map(|i| (n, i)));
        goals
            .goals
            .iter()
            .filter(|goal| !goal.vision_links.iter().any(|link| holds(link, index, note, context)))
            .map(|goal| {
                let message = if goal.vision_links.is_empty() {
                    format!("{} is not linked to your vision — which part of the picture does it serve?", goal.label())
                } else {
                    format!(
                        "{} points at a part of your vision that isn't written yet — fill in that picture line, or link the goal to another part.",
                        goal.label()
                    )
                };
                finding(self, goal.row_range.clone(), message)
            })
            .collect()
    }
}
