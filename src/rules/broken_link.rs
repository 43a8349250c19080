//! `broken-link`: a wikilink whose note or heading does not exist.

use super::{finding, Context, Finding, Rule, Severity};
use crate::model::links::{resolve, Resolution};
use crate::model::Note;

pub struct BrokenLink;

impl Rule for BrokenLink {
    fn code(&self) -> &'static str {
        "broken-link"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
        let mut findings = Vec::new();
        for link in &note.outline.wikilinks {
            match resolve(context.notes, note, link) {
                Resolution::MissingNote => findings.push(finding(
                    self,
                    link.range.clone(),
                    format!(
                        "There is no note called “{}” yet — create it, or fix the link.",
                        link.target.trim()
                    ),
                )),
                Resolution::MissingHeading(target) => findings.push(finding(
                    self,
                    link.range.clone(),
                    format!(
                        "“{}” has no heading “{}” — link to one of its sections.",
                        target.stem(),
                        link.heading.as_deref().unwrap_or("").trim()
                    ),
                )),
                _ => {}
            }
        }
        findings
    }
}
