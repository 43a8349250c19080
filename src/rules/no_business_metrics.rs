//! `no-business-metrics`: no Business Impact row has a quantified impact (a blind spot).

use super::fixes_support::prompt_fix;
use super::{anchor, finding, Context, Finding, Rule, RuleMeta, Severity};
use crate::methodology::{BlindSpotId, SectionId, QUANTIFY_IMPACT_QUESTION};
use crate::model::text::is_quantified;
use crate::model::Note;

pub struct NoBusinessMetrics;

impl NoBusinessMetrics {
    pub const META: RuleMeta = RuleMeta {
        code: "no-business-metrics",
        default_severity: Severity::Info,
        documentation: include_str!("docs/no-business-metrics.md"),
        blind_spot: Some(BlindSpotId::NoBusinessMetrics),
    };
}

impl Rule for NoBusinessMetrics {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
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
        let mut found = finding(
            self,
            at,
            "Blind spot: no business metrics — can you quantify the $ impact of your wins?",
        );
        found.fixes.extend(prompt_fix(
            note,
            context,
            format!("Ask: {QUANTIFY_IMPACT_QUESTION}"),
            QUANTIFY_IMPACT_QUESTION,
            &[SectionId::BusinessImpact],
        ));
        vec![found]
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::fixes_support::testing::{fixed, titles};

    const CODE: &str = super::NoBusinessMetrics::META.code;

    const ASK: &str = "Ask: Can you quantify the $ impact of your wins?";

    #[test]
    fn the_question_goes_under_business_impact() {
        let career = "# Career\n\n## Business Impact\n| Initiative | Business Impact | Year |\n|---|---|---|\n| Vendor consolidation | Simpler procurement | 2025 |\n";
        let notes = [("Career.md", career)];
        assert_eq!(titles(&notes, CODE), [[ASK]]);
        assert_eq!(
            fixed(&notes, CODE, 0, ASK),
            career.replace(
                "## Business Impact\n",
                "## Business Impact\n\n> Can you quantify the $ impact of your wins?\n\n"
            )
        );
    }

    #[test]
    fn impact_in_bullets_counts_when_it_states_a_number() {
        let findings = crate::rules::fixes_support::testing::findings;
        let measured = "# Career\n\n## Business Impact\n\n- Calls over 1s dropped from 30% to 10%\n- Improved reliability of the payments API\n";
        assert!(findings(&[("Career.md", measured)], CODE).is_empty());
        let vague = "# Career\n\n## Business Impact\n\nImproved reliability of the payments API.\n\nMade on-call calmer.\n";
        assert_eq!(findings(&[("Career.md", vague)], CODE).len(), 1);
    }
}
