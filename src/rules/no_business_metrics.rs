//! `no-business-metrics`: no Business Impact row has a quantified impact (a blind spot).

use super::{anchor, finding, Context, Finding, Rule, Severity};
use crate::model::text::is_quantified;
use crate::model::Note;

pub struct NoBusinessMetrics;

impl Rule for NoBusinessMetrics {
    fn code(&self) -> &'static str {
        "no-business-metrics"
    }

    fn default_severity(&self) -> Severity {
        Severity::Info
    }

    fn check(&self, note: &Note, _context: &Context) -> Vec<Finding> {
        let Some(index) = note.as_index() else {
            return Vec::new();
        };
        if index
            .business_impact
            .iter()
            .any(|row| is_quantified(&row.impact))
        {
            return Vec::new();
        }
        let at = anchor(note, std::slice::from_ref(&index.business_impact_heading));
        vec![finding(
            self,
            at,
            "Blind spot: no business metrics — can you quantify the $ impact of your wins?",
        )]
    }
}
