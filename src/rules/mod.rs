//! The rule catalogue: one file per rule, the `Rule` trait, and the registry.
//!
//! A rule is a small stateless type: it declares its code, its default severity, its
//! documentation (`docs/<code>.md`, printed by `career-lsp explain`) and the blind spot it
//! looks for once, in its `META` constant, and checks one note at a time, looking at the
//! rest of the workspace through [`Context`](crate::rules::Context). Adding a rule means a file here, its
//! documentation, a `mod` line and a line in the registry; everything that lists, looks up,
//! configures or documents rules reads the registry.

mod context;
pub mod docs;
mod evidence;
mod finding;
pub(crate) mod fixes_support;
mod settings;

mod annual_review_due;
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
mod no_month_milestone;
mod no_quarter_intention;
mod open_thread_dropped;
mod orphan_goal;
mod overdue_milestone;
mod partial_analysis;
mod past_goals_year;
mod session_not_indexed;
mod stale_review;
mod stale_theme;
mod too_many_priorities;
mod unknown_goal_ref;
mod unquantified_win;

use std::ops::Range;

pub use context::{Context, LinkAnswer, Read, Reads};
pub use docs::docs_url;
pub use finding::{uses_crlf, Applicability, Edit, Finding, Fix, InvalidFix, NewNote, Severity};
pub use missing_section::missing_sections_reported;
pub(crate) use session_not_indexed::new_log_listing as session_log_listing_edit;
pub use settings::{MonthDay, RuleLevel, Settings};
pub(crate) use stale_review::review_edit as weekly_review_edit;

use crate::methodology::BlindSpotId;
use crate::model::Note;

/// What a rule is, apart from what it checks: declared once, as the `META` constant of the
/// rule's type, and read by everything that names, configures or documents rules.
#[derive(Debug)]
pub struct RuleMeta {
    /// The stable kebab-case code, which is also the name of the documentation file.
    pub code: &'static str,
    pub default_severity: Severity,
    /// `docs/<code>.md`: what the rule checks, why, a failing and a passing example, and its
    /// quick fixes. Its summary, severity line and examples are read from it (`docs.rs`).
    pub documentation: &'static str,
    /// The methodology's blind spot the rule looks for, when it is one of them: the
    /// blind-spot review marks a spot as applying when its rule reports the note.
    pub blind_spot: Option<BlindSpotId>,
}

/// A rule of the catalogue.
pub trait Rule: Sync {
    /// The rule's declaration: its type's `META`.
    fn meta(&self) -> &'static RuleMeta;

    /// The findings in `note`, at the rule's default severity.
    fn check(&self, note: &Note, context: &Context) -> Vec<Finding>;
}

// Read from the declaration, and not trait methods, so no rule can answer differently.
impl<'a> dyn Rule + 'a {
    /// The stable kebab-case code.
    pub fn code(&self) -> &'static str {
        self.meta().code
    }

    /// The severity before configuration.
    pub fn default_severity(&self) -> Severity {
        self.meta().default_severity
    }
}

/// Registers the rules. The list names each rule type once; `RULES` and `CODES` are both
/// made from it, so they cannot disagree, and `CODES` stays a constant because every code
/// is a constant (`META.code`).
macro_rules! register_rules {
    ($($module:ident::$rule:ident),* $(,)?) => {
        /// Every rule, sorted by code.
        pub static RULES: &[&dyn Rule] = &[$(&$module::$rule),*];

        /// Every rule code, sorted.
        pub const CODES: &[&str] = &[$($module::$rule::META.code),*];
    };
}

register_rules![
    annual_review_due::AnnualReviewDue,
    broken_link::BrokenLink,
    empty_section::EmptySection,
    goal_not_linked::GoalNotLinked,
    goal_without_metric::GoalWithoutMetric,
    internal_only_visibility::InternalOnlyVisibility,
    invalid_status::InvalidStatus,
    missing_section::MissingSection,
    network_gap::NetworkGap,
    no_business_metrics::NoBusinessMetrics,
    no_clear_pov::NoClearPov,
    no_contingency::NoContingency,
    no_month_milestone::NoMonthMilestone,
    no_quarter_intention::NoQuarterIntention,
    open_thread_dropped::OpenThreadDropped,
    orphan_goal::OrphanGoal,
    overdue_milestone::OverdueMilestone,
    partial_analysis::PartialAnalysis,
    past_goals_year::PastGoalsYear,
    session_not_indexed::SessionNotIndexed,
    stale_review::StaleReview,
    stale_theme::StaleTheme,
    too_many_priorities::TooManyPriorities,
    unknown_goal_ref::UnknownGoalRef,
    unquantified_win::UnquantifiedWin,
];

pub fn is_known_code(code: &str) -> bool {
    rule(code).is_some()
}

/// The rule whose code is `code`.
pub fn rule(code: &str) -> Option<&'static dyn Rule> {
    let at = RULES.binary_search_by(|r| r.code().cmp(code)).ok()?;
    Some(RULES[at])
}

/// Runs every rule on `note`: configured severities applied (a finding a rule reports
/// below its default severity stays there, or lower), rules switched off and suppressed
/// findings dropped, sorted by position.
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
            // A finding the rule itself reports below its default severity (a link to a
            // note that could not be read: the tool's limit, not a mistake) stays there,
            // unless the configured level is lower still.
            finding.severity = if finding.severity < rule.default_severity() {
                finding.severity.min(severity)
            } else {
                severity
            };
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
        blind_spots: rule.meta().blind_spot.into_iter().collect(),
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

/// Where a goal rule reports once for all goals (SPEC §4, "Aggregation"): at the Annual
/// Goals heading, else the note's title — when it would fire on every annual goal of a
/// note that has two or more. One goal alone is reported at its row, where its own
/// message names it: "None of your 1 goals" would say less.
pub(crate) fn every_goal_anchor(note: &Note, affected: usize) -> Option<Range<usize>> {
    let goals = note.as_goals()?.goals.len();
    (goals >= 2 && affected == goals).then(|| {
        anchor(
            note,
            &[note
                .section(crate::methodology::SectionId::AnnualGoals)
                .map(|s| s.heading_range.clone())],
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methodology::BLIND_SPOTS;

    #[test]
    fn the_registry_is_sorted_by_code_and_the_codes_are_unique() {
        let codes: Vec<_> = RULES.iter().map(|r| r.code()).collect();
        assert_eq!(codes, CODES);
        for pair in CODES.windows(2) {
            assert!(
                pair[0] < pair[1],
                "{} must come before {}",
                pair[1],
                pair[0]
            );
        }
        assert!(CODES.iter().all(|code| is_known_code(code)));
        assert!(!is_known_code("no-such-rule"));
        assert_eq!(rule("stale-review").map(|r| r.code()), Some("stale-review"));
        assert!(rule("").is_none());
    }

    #[test]
    fn the_documentation_agrees_with_the_declaration() {
        for rule in RULES {
            let meta = rule.meta();
            assert_eq!(
                meta.documentation.lines().next(),
                Some(format!("# {}", meta.code).as_str()),
                "{}: the title is not the code",
                meta.code
            );
            assert_eq!(
                meta.documented_severity(),
                Some(meta.default_severity.name()),
                "{}: the \"Default severity:\" line is not the default",
                meta.code
            );
        }
    }

    #[test]
    fn every_blind_spot_is_looked_for_by_exactly_one_rule() {
        for spot in &BLIND_SPOTS {
            let looking: Vec<_> = RULES
                .iter()
                .filter(|r| r.meta().blind_spot == Some(spot.id))
                .map(|r| r.code())
                .collect();
            assert_eq!(looking.len(), 1, "{}: {looking:?}", spot.name);
        }
    }
}
