//! The product's knowledge, taken from the coaching methodology: the sections of each kind
//! of note, their review questions, the columns of their tables, a goal's statuses, the
//! vision's pillars, the definitions of sponsor, mentor, advisor and mentee, the blind
//! spots, and the templates.

pub mod blind_spots;
pub mod columns;
pub mod definitions;
pub mod pillars;
pub mod questions;
pub mod sections;
pub mod statuses;
pub mod templates;

pub use blind_spots::{BlindSpot, BlindSpotId, BLIND_SPOTS, STEP_BACK_QUESTIONS};
pub use columns::{
    GoalColumn, ImpactColumn, IntentionColumn, MilestoneColumn, PersonColumn, RiskColumn,
};
pub use definitions::{network_role_for_word, NetworkRole};
pub use pillars::{Pillar, NORTH_STAR};
pub use questions::{
    as_prompt, is_product_question, purpose, review_question, CONTINGENCY_QUESTION,
    EXTERNAL_VISIBILITY_QUESTION, GOAL_METRIC_QUESTION, ONE_THEME_QUESTION, POV_QUESTION,
    QUANTIFY_IMPACT_QUESTION, WEEKLY_REVIEW_QUESTIONS,
};
pub use sections::{
    core_sections, is_period_heading, match_section, match_section_with, normalize_heading,
    NoteKind, SectionAliases, SectionId, SectionInfo, ALIASABLE, MONTH_NAMES, SECTIONS,
};
pub use statuses::{GoalStatus, MILESTONE_DONE_MARKS};

/// Whether `text` (a block quote's text) is one of the product's own prompts, which the
/// quick fixes insert under a heading for the person to answer: scaffolding, not content.
pub fn is_known_prompt(text: &str) -> bool {
    is_product_question(text)
}
