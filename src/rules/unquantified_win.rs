//! `unquantified-win`: a win or business-impact row states no measurable result.

use super::{finding, Context, Finding, Rule, Severity};
use crate::model::text::is_quantified;
use crate::model::Note;

pub struct UnquantifiedWin;

impl Rule for UnquantifiedWin {
    fn code(&self) -> &'static str {
        "unquantified-win"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn check(&self, note: &Note, _context: &Context) -> Vec<Finding> {
        let Some(index) = note.as_index() else {
            return Vec::new();
        };
        let mut findings = Vec::new();
        for win in &index.wins {
            if !is_quantified(&win.text) {
                let name = if win.title.is_empty() {
                    "This win".to_string()
                } else {
                    format!("“{}”", win.title)
                };
                findings.push(finding(
                    self,
                    win.range.clone(),
                    format!("{name} states no measurable result — can you quantify the $ impact, the %, or how many people it reached?"),
                ));
            }
        }
        for row in &index.business_impact {
            if !is_quantified(&row.impact) {
                findings.push(finding(
                    self,
                    row.range.clone(),
                    format!("The impact of “{}” has no number yet — what did it save, earn or change, in $ or %?", row.initiative),
                ));
            }
        }
        findings
    }
}
