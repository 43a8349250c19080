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
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            levels: BTreeMap::new(),
            max_annual_goals: 3,
            max_current_focus: 3,
            weekly_review_days: 7,
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
