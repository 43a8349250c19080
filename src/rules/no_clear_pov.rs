//! `no-clear-pov`: the Innovation Thesis belief is empty or absent (a blind spot).

use super::{anchor, finding, Context, Finding, Rule, Severity};
use crate::methodology::SectionId;
use crate::model::Note;

pub struct NoClearPov;

impl Rule for NoClearPov {
    fn code(&self) -> &'static str {
        "no-clear-pov"
    }

    fn default_severity(&self) -> Severity {
        Severity::Info
    }

    fn check(&self, note: &Note, _context: &Context) -> Vec<Finding> {
        let Some(index) = note.as_index() else {
            return Vec::new();
        };
        if index.belief.is_some() {
            return Vec::new();
        }
        let at = anchor(
            note,
            &[
                note.section(SectionId::TheBelief)
                    .map(|s| s.heading_range.clone()),
                note.section(SectionId::InnovationThesis)
                    .map(|s| s.heading_range.clone()),
            ],
        );
        vec![finding(self, at, "Blind spot: no clear point of view — what do you believe about your industry that others don't?")]
    }
}
