//! Session logs and the profile (`CLAUDE.md`).

use super::index::Text;
use super::text::is_placeholder;
use super::Note;
use crate::methodology::SectionId;
use crate::syntax::{BlockKind, DateValue};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionLog {
    pub date: Option<chrono::NaiveDate>,
    pub focus: Option<String>,
    pub discussed: Vec<String>,
    pub decisions: Vec<String>,
    pub frameworks: Vec<String>,
    pub open_threads: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    pub profile: Vec<Text>,
    pub professional_context: Vec<Text>,
    pub communication_preferences: Vec<Text>,
    pub how_to_help: Vec<Text>,
    pub things_to_avoid: Vec<Text>,
}

fn lines_under(note: &Note, matches: impl Fn(&str) -> bool) -> Vec<String> {
    note.sections
        .iter()
        .filter(|s| matches(&s.title.to_lowercase()))
        .flat_map(|s| note.blocks_in(s))
        .filter(|b| {
            matches!(b.kind, BlockKind::ListItem(_) | BlockKind::Paragraph)
                && !is_placeholder(&b.text)
        })
        .map(|b| b.text.clone())
        .collect()
}

pub(crate) fn session_log(note: &Note) -> SessionLog {
    let date = note
        .stem()
        .get(..10)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .or_else(|| {
            note.outline.dates.iter().find_map(|d| match d.value {
                DateValue::Day(day) => Some(day),
                _ => None,
            })
        });
    let focus = note.outline.blocks.iter().find_map(|b| {
        let lower = b.text.to_lowercase();
        let rest = lower.trim_start_matches(['*', '_']);
        rest.starts_with("focus").then(|| {
            b.text.split_once(':').map_or(String::new(), |(_, r)| {
                r.trim().trim_start_matches(['*', '_']).trim().to_string()
            })
        })
    });
    SessionLog {
        date,
        focus,
        discussed: lines_under(note, |t| t.contains("discuss")),
        decisions: lines_under(note, |t| t.contains("decision")),
        frameworks: lines_under(note, |t| t.contains("framework")),
        open_threads: lines_under(note, |t| t.contains("open thread") || t.contains("next")),
    }
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
