//! `no-contingency`: the Risk Register is empty, or a risk has no mitigation (a blind spot).

use super::{anchor, finding, Context, Finding, Rule, Severity};
use crate::model::text::is_placeholder;
use crate::model::Note;

pub struct NoContingency;

impl Rule for NoContingency {
    fn code(&self) -> &'static str {
        "no-contingency"
    }

    fn default_severity(&self) -> Severity {
        Severity::Info
    }

    fn check(&self, note: &Note, _context: &Context) -> Vec<Finding> {
        let Some(index) = note.as_index() else {
            return Vec::new();
        };
        if index.risks.is_empty() {
            let at = anchor(note, std::slice::from_ref(&index.risks_heading));
            return vec![finding(
                self,
                at,
                "Blind spot: no contingency plan — what if your current path doesn't work out?",
            )];
        }
        index
            .risks
            .iter()
            .filter(|risk| is_placeholder(&risk.mitigation))
            .map(|risk| {
                finding(
                    self,
                    risk.range.clone(),
                    format!(
                        "“{}” has no mitigation — what would you do if it happened?",
                        risk.risk.trim()
                    ),
                )
            })
            .collect()
    }
}
