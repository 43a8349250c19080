//! What the rules read from the person's configuration: each rule's level (a severity, or
//! off) and the thresholds some rules compare against. The front ends build it from their
//! own sources (`career-lsp.toml`, the editor's settings); the rules never see those.

use std::collections::BTreeMap;

use super::Severity;

/// A rule's configured level: a severity, or switched off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleLevel {
    Off,
    On(Severity),
}

impl RuleLevel {
    pub fn from_name(name: &str) -> Option<RuleLevel> {
        if name.trim().eq_ignore_ascii_case("off") {
            Some(RuleLevel::Off)
        } else {
            Severity::from_name(name).map(RuleLevel::On)
        }
    }
}

/// The rules' settings. `Default` gives the documented defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Per-rule level, by code. Rules not named keep their default severity.
    pub levels: BTreeMap<String, RuleLevel>,
    /// `too-many-priorities`: how many annual goals a year holds before it is too many.
    pub max_annual_goals: usize,
    /// `too-many-priorities`: how many Current Focus items are too many past this.
    pub max_current_focus: usize,
    /// `stale-review`: days after which the newest weekly review counts as stale.
    pub weekly_review_days: i64,
    /// `no-month-milestone`: how many days into a month it may go without a milestone
    /// before the rule asks (0: from the 1st).
    pub month_milestone_grace_days: u32,
    /// `no-quarter-intention`: how many days into a quarter it may go without an
    /// intention before the rule asks (0: from the quarter's first day).
    pub quarter_intention_grace_days: u32,
    /// `annual-review-due`: the day of the year from which next year's Goals note is due.
    pub annual_review_from: MonthDay,
}

/// A day of the year, without the year: `12-01`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

impl MonthDay {
    /// `"12-01"` → 1 December. `None` for anything that is not a day every year has
    /// (29 February is not).
    pub fn parse(text: &str) -> Option<MonthDay> {
        let (month, day) = text.trim().split_once('-')?;
        let all_digits =
            |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(month) || !all_digits(day) {
            return None;
        }
        let (month, day) = (month.parse().ok()?, day.parse().ok()?);
        // 2025 is not a leap year: a day it has, every year has.
        chrono::NaiveDate::from_ymd_opt(2025, month, day)?;
        Some(MonthDay { month, day })
    }

    /// This day in `year`.
    pub fn in_year(self, year: i32) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(year, self.month, self.day)
    }
}

impl std::fmt::Display for MonthDay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            levels: BTreeMap::new(),
            max_annual_goals: 3,
            max_current_focus: 3,
            weekly_review_days: 7,
            month_milestone_grace_days: 0,
            quarter_intention_grace_days: 0,
            annual_review_from: MonthDay { month: 12, day: 1 },
        }
    }
}

impl Settings {
    /// The configured level of a rule, or its default severity.
    pub fn level(&self, code: &str, default: Severity) -> RuleLevel {
        self.levels
            .get(code)
            .copied()
            .unwrap_or(RuleLevel::On(default))
    }
}

#[cfg(test)]
mod tests {
    use super::MonthDay;

    #[test]
    fn a_month_day_is_a_day_every_year_has() {
        assert_eq!(
            MonthDay::parse("12-01"),
            Some(MonthDay { month: 12, day: 1 })
        );
        assert_eq!(
            MonthDay::parse(" 3-5 "),
            Some(MonthDay { month: 3, day: 5 })
        );
        for wrong in [
            "02-29",
            "13-01",
            "12-32",
            "00-10",
            "12",
            "2026-12-01",
            "dec-01",
            "12-1x",
            "",
        ] {
            assert_eq!(MonthDay::parse(wrong), None, "{wrong}");
        }
        assert_eq!(MonthDay { month: 12, day: 1 }.to_string(), "12-01");
    }
}
