//! `network-gap`: no sponsor listed, and separately no mentor listed.

use super::{anchor, finding, Context, Finding, Rule, Severity};
use crate::model::Note;

pub struct NetworkGap;

impl Rule for NetworkGap {
    fn code(&self) -> &'static str {
        "network-gap"
    }

    fn default_severity(&self) -> Severity {
        Severity::Info
    }

    fn check(&self, note: &Note, _context: &Context) -> Vec<Finding> {
        let Some(index) = note.as_index() else {
            return Vec::new();
        };
        let network = &index.network;
        let mut findings = Vec::new();
        if network.sponsors.is_empty() {
            let at = anchor(
                note,
                &[network.sponsors_heading.clone(), network.heading.clone()],
            );
            findings.push(finding(
                self,
                at,
                "No sponsor listed — who are your sponsors? (People who advocate for you when you're not in the room)",
            ));
        }
        if network.mentors.is_empty() {
            let at = anchor(
                note,
                &[network.mentors_heading.clone(), network.heading.clone()],
            );
            findings.push(finding(
                self,
                at,
                "No mentor listed — whose experience do you learn from? A mentor gives advice; you pull from them.",
            ));
        }
        findings
    }
}
