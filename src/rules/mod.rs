//! The rule catalogue: one file per rule, the `Rule` trait, and the registry.

pub mod docs;
mod finding;

pub use finding::{Edit, Finding, Fix, Severity};

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
