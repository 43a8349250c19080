//! The profile (`CLAUDE.md`).

use super::index::Text;
use super::sessions::section_texts;
use super::Note;
use crate::methodology::SectionId;
use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Profile {
    pub profile: Vec<Text>,
    pub professional_context: Vec<Text>,
    pub communication_preferences: Vec<Text>,
    pub how_to_help: Vec<Text>,
    pub things_to_avoid: Vec<Text>,
}

pub(crate) fn profile(note: &Note) -> Profile {
    let texts = |id: SectionId| section_texts(note, id);
    Profile {
        profile: texts(SectionId::Profile),
        professional_context: texts(SectionId::ProfessionalContext),
        communication_preferences: texts(SectionId::CommunicationPreferences),
        how_to_help: texts(SectionId::HowToHelp),
        things_to_avoid: texts(SectionId::ThingsToAvoid),
    }
}
