//! The product's knowledge, taken from the coaching methodology: the sections of each kind
//! of note, their review questions, the definitions of sponsor, mentor, advisor and mentee,
//! the blind spots, and the templates.

pub mod blind_spots;
pub mod definitions;
pub mod questions;
pub mod sections;
pub mod templates;

pub use blind_spots::{BlindSpot, BlindSpotId, BLIND_SPOTS, STEP_BACK_QUESTIONS};
pub use definitions::{network_role_for_word, NetworkRole};
pub use questions::{
    as_prompt, is_product_question, purpose, review_question, CONTINGENCY_QUESTION,
    EXTERNAL_VISIBILITY_QUESTION, GOAL_METRIC_QUESTION, ONE_THEME_QUESTION, POV_QUESTION,
    QUANTIFY_IMPACT_QUESTION, WEEKLY_REVIEW_QUESTIONS,
};
pub use sections::{
    core_sections, match_section, normalize_heading, NoteKind, SectionId, SectionInfo, SECTIONS,
};

/// Whether `text` (a block quote's text) is one of the product's own prompts, which the
/// quick fixes insert under a heading for the person to answer: scaffolding, not content.
pub fn is_known_prompt(text: &str) -> bool {
    is_product_question(text)
}
