//! The rule catalogue: one file per rule, the `Rule` trait, and the registry.
//!
//! A rule is a small stateless type: it owns its code, its default severity and its
//! documentation (`docs/<code>.md`, shared by `career-lsp explain` and hover), and checks
//! one note at a time, looking at the rest of the workspace through [`Context`].

pub mod docs;
mod finding;
pub(crate) mod fixes_support;
mod settings;

mod broken_link;
mod empty_section;
mod goal_not_linked;
mod goal_without_metric;
mod internal_only_visibility;
mod invalid_status;
mod missing_section;
mod network_gap;
mod no_business_metrics;
mod no_clear_pov;
mod no_contingency;
mod orphan_goal;
mod overdue_milestone;
mod past_goals_year;
mod stale_review;
mod too_many_priorities;
mod unknown_goal_ref;
mod unquantified_win;

use std::ops::Range;
use std::sync::Arc;

use chrono::NaiveDate;

pub use finding::{uses_crlf, Applicability, Edit, Finding, Fix, InvalidFix, NewNote, Severity};
pub use settings::{RuleLevel, Settings};
pub(crate) use stale_review::review_edit as weekly_review_edit;

use crate::model::Note;

/// What a rule may look at besides the note it checks.
pub struct Context<'a> {
    pub settings: &'a Settings,
    pub today: NaiveDate,
    /// Every note of the note's workspace, the checked one included.
    pub notes: &'a [Arc<Note>],
}

impl Context<'_> {
    /// The Career Index a Goals note belongs to (SPEC §3); `None` when there is no single
    /// one, and then cross-note checks are skipped.
    pub fn career_index_for<'n>(&'n self, goals: &'n Note) -> Option<&'n Note> {
        crate::model::links::career_index_for(self.notes, goals)
    }
}

/// A rule of the catalogue.
pub trait Rule: Sync {
    /// The stable kebab-case code.
    fn code(&self) -> &'static str;
    fn default_severity(&self) -> Severity;
    /// The findings in `note`, at the rule's default severity.
    fn check(&self, note: &Note, context: &Context) -> Vec<Finding>;
}

/// Every rule, sorted by code.
pub static RULES: &[&dyn Rule] = &[
    &broken_link::BrokenLink,
    &empty_section::EmptySection,
    &goal_not_linked::GoalNotLinked,
    &goal_without_metric::GoalWithoutMetric,
    &internal_only_visibility::InternalOnlyVisibility,
    &invalid_status::InvalidStatus,
    &missing_section::MissingSection,
    &network_gap::NetworkGap,
    &no_business_metrics::NoBusinessMetrics,
    &no_clear_pov::NoClearPov,
    &no_contingency::NoContingency,
    &orphan_goal::OrphanGoal,
    &overdue_milestone::OverdueMilestone,
    &past_goals_year::PastGoalsYear,
    &stale_review::StaleReview,
    &too_many_priorities::TooManyPriorities,
    &unknown_goal_ref::UnknownGoalRef,
    &unquantified_win::UnquantifiedWin,
];

/// Every rule code, sorted.
pub const CODES: &[&str] = &[
    "broken-link",
    "empty-section",
    "goal-not-linked",
    "goal-without-metric",
    "internal-only-visibility",
    "invalid-status",
    "missing-section",
    "network-gap",
    "no-business-metrics",
    "no-clear-pov",
    "no-contingency",
    "orphan-goal",
    "overdue-milestone",
    "past-goals-year",
    "stale-review",
    "too-many-priorities",
    "unknown-goal-ref",
    "unquantified-win",
];

pub fn is_known_code(code: &str) -> bool {
    CODES.binary_search(&code).is_ok()
}

pub fn rule(code: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.code() == code)
}

/// Runs every rule on `note`: configured severities applied, rules switched off and
/// suppressed findings dropped, sorted by position.
pub fn check_note(note: &Note, context: &Context) -> Vec<Finding> {
    if !note.kind.is_career_note() {
        return Vec::new();
    }
    let mut findings = Vec::new();
    for rule in RULES {
        let RuleLevel::On(severity) = context.settings.level(rule.code(), rule.default_severity())
        else {
            continue;
        };
        for mut finding in rule.check(note, context) {
            if note
                .suppressions
                .suppresses(finding.code, finding.range.start)
            {
                continue;
            }
            finding.severity = severity;
            findings.push(finding);
        }
    }
    findings.sort_by(|a, b| (a.range.start, a.code).cmp(&(b.range.start, b.code)));
    findings
}

/// A finding without fixes.
pub(crate) fn finding(rule: &dyn Rule, range: Range<usize>, message: impl Into<String>) -> Finding {
    Finding {
        code: rule.code(),
        severity: rule.default_severity(),
        range,
        message: message.into(),
        fixes: Vec::new(),
    }
}

/// The first of `candidates` that exists, else the note's title (file-level findings).
pub(crate) fn anchor(note: &Note, candidates: &[Option<Range<usize>>]) -> Range<usize> {
    candidates
        .iter()
        .flatten()
        .next()
        .cloned()
        .unwrap_or_else(|| note.title_range())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_sorted_and_matches_the_codes() {
        let codes: Vec<_> = RULES.iter().map(|r| r.code()).collect();
        assert_eq!(codes, CODES);
    }

    #[test]
    fn documented_severities_are_the_defaults() {
        for rule in RULES {
            assert_eq!(
                docs::documented_severity(rule.code()),
                Some(rule.default_severity().name()),
                "{}",
                rule.code()
            );
        }
    }
}
