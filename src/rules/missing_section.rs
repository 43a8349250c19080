//! `missing-section`: a core section of the note's kind is absent.

use super::{finding, Context, Finding, Rule, Severity};
use crate::methodology::{core_sections, NoteKind};
use crate::model::Note;

pub struct MissingSection;

impl Rule for MissingSection {
    fn code(&self) -> &'static str {
        "missing-section"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn check(&self, note: &Note, _context: &Context) -> Vec<Finding> {
        if !matches!(
            note.kind,
            NoteKind::CareerIndex | NoteKind::Goals | NoteKind::Profile
        ) {
            return Vec::new();
        }
        let what = match note.kind {
            NoteKind::CareerIndex => "Career Index",
            NoteKind::Goals => "Goals note",
            _ => "profile",
        };
        core_sections(note.kind)
            .filter(|id| note.section(*id).is_none())
            .map(|id| {
                finding(
                    self,
                    note.title_range(),
                    format!("Your {what} has no {} section — add it so nothing falls through the cracks.", id.title()),
                )
            })
            .collect()
    }
}
