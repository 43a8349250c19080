//! `[cadence]`: the methodology's rhythm — a weekly review, a milestone each month, an
//! intention each quarter, next year's goals before the year ends — and how much room each
//! rule gives before it asks.

use super::raw::{Entry, Raw};
use super::{wrong, Problems};
use crate::rules::{MonthDay, Settings};

/// One key of `[cadence]`, in its kebab-case, snake_case and camelCase spellings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CadenceKey {
    WeeklyReviewDays,
    MonthMilestoneGraceDays,
    QuarterIntentionGraceDays,
    AnnualReviewFrom,
}

const CADENCE_KEYS: &[(CadenceKey, [&str; 3])] = &[
    (
        CadenceKey::WeeklyReviewDays,
        [
            "weekly-review-days",
            "weekly_review_days",
            "weeklyReviewDays",
        ],
    ),
    (
        CadenceKey::MonthMilestoneGraceDays,
        [
            "monthly-milestone-grace-days",
            "monthly_milestone_grace_days",
            "monthlyMilestoneGraceDays",
        ],
    ),
    (
        CadenceKey::QuarterIntentionGraceDays,
        [
            "quarterly-intention-grace-days",
            "quarterly_intention_grace_days",
            "quarterlyIntentionGraceDays",
        ],
    ),
    (
        CadenceKey::AnnualReviewFrom,
        [
            "annual-review-from",
            "annual_review_from",
            "annualReviewFrom",
        ],
    ),
];

/// The most grace days a month (which has at least 28 days) and a quarter (at least 90)
/// can give while the rule still asks on the period's last day.
const MAX_MONTH_GRACE: u32 = 27;
const MAX_QUARTER_GRACE: u32 = 89;

/// Reads the entries of `[cadence]` into `settings`; each wrong key or value is a problem
/// at its place, and leaves the default.
pub(super) fn read_cadence(entries: Vec<Entry>, settings: &mut Settings, problems: &mut Problems) {
    for entry in entries {
        let Some(key) = CADENCE_KEYS
            .iter()
            .find(|(_, names)| names.contains(&entry.key.as_str()))
            .map(|(key, _)| *key)
        else {
            let names: Vec<&str> = CADENCE_KEYS.iter().map(|(_, names)| names[0]).collect();
            problems.add(
                format!(
                    "unknown key `{}` in [cadence]: the keys are {}",
                    entry.key,
                    names.join(", ")
                ),
                entry.range,
            );
            continue;
        };
        let name = entry.key;
        let value = entry.value;
        let range = value.range();
        match key {
            CadenceKey::WeeklyReviewDays => match value.get::<i64>() {
                Ok(days) if days > 0 => settings.weekly_review_days = days,
                Ok(days) => problems.add(
                    format!("weekly-review-days must be at least 1, not {days}"),
                    range,
                ),
                Err(written) => {
                    problems.add(wrong(&name, "a whole number of days", &written), range)
                }
            },
            CadenceKey::MonthMilestoneGraceDays => {
                if let Some(days) = grace_days(&name, value, MAX_MONTH_GRACE, "a month", problems) {
                    settings.month_milestone_grace_days = days;
                }
            }
            CadenceKey::QuarterIntentionGraceDays => {
                if let Some(days) =
                    grace_days(&name, value, MAX_QUARTER_GRACE, "a quarter", problems)
                {
                    settings.quarter_intention_grace_days = days;
                }
            }
            CadenceKey::AnnualReviewFrom => match value.get::<String>() {
                Ok(text) => match MonthDay::parse(&text) {
                    Some(day) => settings.annual_review_from = day,
                    None => problems.add(
                        format!(
                            "`{name} = \"{text}\"` is not a day of the year like \"12-01\" \
                             (month-day; 29 February is not in every year); using the default"
                        ),
                        range,
                    ),
                },
                Err(written) => problems.add(
                    wrong(&name, "a month and day in quotes, like \"12-01\"", &written),
                    range,
                ),
            },
        }
    }
}

/// A number of grace days between 0 and `max`, else a problem.
fn grace_days(
    name: &str,
    value: Raw,
    max: u32,
    period: &str,
    problems: &mut Problems,
) -> Option<u32> {
    let range = value.range();
    match value.get::<i64>() {
        Ok(days) if (0..=i64::from(max)).contains(&days) => u32::try_from(days).ok(),
        Ok(days) => {
            problems.add(
                format!(
                    "`{name}` must be between 0 and {max} days (the rule must still ask before \
                     {period} ends), not {days}; using the default"
                ),
                range,
            );
            None
        }
        Err(written) => {
            problems.add(wrong(name, "a whole number of days", &written), range);
            None
        }
    }
}
