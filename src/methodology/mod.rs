//! The product's knowledge, taken from the coaching methodology: the sections of each kind
//! of note, their review questions, the definitions of sponsor, mentor, advisor and mentee,
//! the blind spots, and the templates.

pub mod definitions;
pub mod sections;

pub use definitions::{network_role_for_word, NetworkRole};
pub use sections::{
    core_sections, match_section, normalize_heading, NoteKind, SectionId, SectionInfo, SECTIONS,
};
