//! `stale-review`: the current year's Goals note has no weekly review within the cadence.

use chrono::Datelike;

use super::fixes_support::{insert_block_at, insert_section, section_content_end};
use super::{
    anchor, finding, Applicability, Context, Edit, Finding, Fix, Rule, RuleMeta, Severity,
};
use crate::methodology::templates::weekly_review_entry;
use crate::methodology::SectionId;
use crate::model::Note;

pub struct StaleReview;

impl StaleReview {
    pub const META: RuleMeta = RuleMeta {
        code: "stale-review",
        default_severity: Severity::Info,
        documentation: include_str!("docs/stale-review.md"),
        blind_spot: None,
    };
}

/// A weekly review dated today, with the four questions: at the end of the `## Weekly
/// Review` section (reviews read oldest first), after the last dated review when there is
/// no such section, else in a new `## Weekly Review` section at the end of the note.
pub(crate) fn review_edit(note: &Note, context: &Context) -> Edit {
    let entry = weekly_review_entry(context.today);
    let reviews: Vec<_> = note.sections_with(SectionId::WeeklyReview).collect();
    let plain = reviews
        .iter()
        .find(|s| s.title.trim().eq_ignore_ascii_case("weekly review"));
    match (plain, reviews.last()) {
        (Some(section), _) => {
            let entry = relevel(&entry, usize::from(section.level) + 1);
            insert_block_at(note, section_content_end(note, section), &entry)
        }
        (None, Some(last)) => {
            let entry = relevel(&entry, usize::from(last.level));
            insert_block_at(note, section_content_end(note, last), &entry)
        }
        (None, None) => insert_section(
            note,
            SectionId::WeeklyReview,
            &format!("## Weekly Review\n\n{}", relevel(&entry, 3)),
        ),
    }
}

/// `entry` with its heading at `level`.
fn relevel(entry: &str, level: usize) -> String {
    let body = entry.trim_start_matches('#');
    format!("{}{body}", "#".repeat(level.clamp(1, 6)))
}

impl Rule for StaleReview {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
        let Some(goals) = note.as_goals() else {
            return Vec::new();
        };
        if goals.year != Some(context.today.year()) {
            return Vec::new();
        }
        let cadence = context.settings.weekly_review_days;
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
        let mut found = finding(
            self,
            anchor(note, std::slice::from_ref(&goals.weekly_review_heading)),
            message,
        );
        found.fixes.extend(Fix::new(
            note,
            format!("Insert a weekly review for {}", context.today),
            Applicability::Resolves,
            vec![review_edit(note, context)],
        ));
        vec![found]
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::fixes_support::testing::{fixed, resolves, titles};

    const CODE: &str = super::StaleReview::META.code;
    const INSERT: &str = "Insert a weekly review for 2026-03-15";
    const ENTRY: &str = "Weekly Review — 2026-03-15\n\n1. What's the ONE thing this week that moves me toward my goals?\n2. Am I on track for this month's milestones?\n3. What's blocking me? Who can help?\n4. Am I protecting time for what matters?\n";

    const ANNUAL: &str = "# 2026 Goals\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status | Vision |\n|---|---|---|---|---|\n| G1 | Principal promotion | Packet accepted | In progress | Role |\n";

    #[test]
    fn todays_review_goes_after_the_last_one() {
        let goals = format!("{ANNUAL}\n## Weekly Review\n\n### Weekly Review — 2026-02-27\n- **The ONE thing:** the Go template demo.\n\n---\n\n## Notes\n\nNothing yet.\n");
        let notes = [("2026 Goals.md", goals.as_str())];
        assert_eq!(
            titles(&notes, CODE),
            [[format!("{INSERT} (resolves, preferred)")]]
        );
        assert_eq!(
            fixed(&notes, CODE, 0, INSERT),
            goals.replace("demo.\n\n---", &format!("demo.\n\n### {ENTRY}\n---"))
        );
        assert!(resolves(&notes, CODE, 0, INSERT));
    }

    #[test]
    fn without_a_weekly_review_section_one_is_added_at_the_end() {
        let notes = [("2026 Goals.md", ANNUAL)];
        assert_eq!(
            fixed(&notes, CODE, 0, INSERT),
            format!("{ANNUAL}\n## Weekly Review\n\n### {ENTRY}")
        );
        assert!(resolves(&notes, CODE, 0, INSERT));
    }
}
