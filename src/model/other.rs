//! The profile (`CLAUDE.md`).

use super::index::Text;
use super::text::is_placeholder;
use super::Note;
use crate::methodology::SectionId;
use crate::syntax::BlockKind;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    pub profile: Vec<Text>,
    pub professional_context: Vec<Text>,
    pub communication_preferences: Vec<Text>,
    pub how_to_help: Vec<Text>,
    pub things_to_avoid: Vec<Text>,
}

pub(crate) fn profile(note: &Note) -> Profile {
    let texts = |id: SectionId| -> Vec<Text> {
        note.sections_with(id)
            .flat_map(|s| note.blocks_in(s))
            .filter(|b| {
                matches!(b.kind, BlockKind::ListItem(_) | BlockKind::Paragraph)
                    && !is_placeholder(&b.text)
            })
            .map(|b| Text {
                text: b.text.clone(),
                range: b.range.clone(),
            })
            .collect()
    };
    Profile {
        profile: texts(SectionId::Profile),
        professional_context: texts(SectionId::ProfessionalContext),
        communication_preferences: texts(SectionId::CommunicationPreferences),
        how_to_help: texts(SectionId::HowToHelp),
        things_to_avoid: texts(SectionId::ThingsToAvoid),
    }
}
