//! `empty-section`: a known section holds only scaffolding or nothing.

use super::{finding, Context, Finding, Rule, Severity};
use crate::methodology::{review_question, NoteKind};
use crate::model::{is_scaffolding_block, template_row_labels, Note, Section};

pub struct EmptySection;

fn own_empty(note: &Note, section: &Section) -> bool {
    let labels = template_row_labels(section.id);
    note.blocks_of(section)
        .all(|block| is_scaffolding_block(block, labels))
}

fn is_empty(note: &Note, section: &Section) -> bool {
    own_empty(note, section)
        && note
            .known_children(section)
            .all(|child| is_empty(note, child))
}

impl EmptySection {
    fn report(&self, note: &Note, section: &Section, out: &mut Vec<Finding>) {
        if is_empty(note, section) {
            let id = section.id.expect("known sections only");
            out.push(finding(
                self,
                section.heading_range.clone(),
                format!(
                    "{} is still empty — {}",
                    section.title.trim(),
                    review_question(id)
                ),
            ));
            return;
        }
        for child in note.known_children(section) {
            self.report(note, child, out);
        }
    }
}

impl Rule for EmptySection {
    fn code(&self) -> &'static str {
        "empty-section"
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
        let mut findings = Vec::new();
        // Start from the known sections that no known section encloses.
        for section in &note.sections {
            if section.id.is_none() {
                continue;
            }
            let mut parent = section.parent;
            let mut enclosed = false;
            while let Some(p) = parent {
                if note.sections[p].id.is_some() {
                    enclosed = true;
                    break;
                }
                parent = note.sections[p].parent;
            }
            if !enclosed {
                self.report(note, section, &mut findings);
            }
        }
        findings
    }
}
