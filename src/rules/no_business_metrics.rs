//! `no-business-metrics`: no Business Impact row has a quantified impact (a blind spot).

use super::evidence::{absent_spot_applies, asked_by_empty_section, named_by_missing_section};
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
        let message = if note.section(SectionId::BusinessImpact).is_none() {
            // Absent: a win that states money or a share already answers the question;
            // else missing-section, naming the section, carries the blind spot.
            if !absent_spot_applies(note, BlindSpotId::NoBusinessMetrics)
                || named_by_missing_section(note, context, SectionId::BusinessImpact)
            {
                return Vec::new();
            }
            "No business impact written down yet — can you quantify the $ impact of your wins?"
        } else {
            if asked_by_empty_section(note, context, &[SectionId::BusinessImpact]) {
                return Vec::new();
            }
            "Blind spot: no business metrics — can you quantify the $ impact of your wins?"
        };
        let at = anchor(note, std::slice::from_ref(&index.business_impact_heading));
        let mut found = finding(self, at, message);
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
    use crate::rules::fixes_support::testing::{
        findings, fixed, missing_section_carries, titles, MISSING_SECTION_OFF,
    };

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

    /// A brag document in its own shape: no Business Impact section.
    fn brag(win: &str) -> String {
        format!("# Career\n\n## Current Role\n\nStaff engineer, payments platform.\n\n## Wins\n\n### 2025\n\n- {win}\n- Mentored two new hires through their first on-call\n")
    }

    #[test]
    fn without_the_section_money_or_a_share_in_a_win_is_enough() {
        for win in [
            "Checkout rewrite brought in $3M in annual revenue",
            "Calls over 1s dropped from 30% to 10%",
            "Saved €300k a year by retiring the old queue",
        ] {
            let career = brag(win);
            assert!(
                findings(&[("Career.md", &career)], CODE).is_empty(),
                "{win}"
            );
        }
        // Counts are wins, not business metrics: the rule asks.
        let career = brag("Migrated 12 services to the new queue");
        let notes = [("Career.md", career.as_str())];
        assert!(
            findings(&notes, CODE).is_empty(),
            "missing-section names it"
        );
        assert!(missing_section_carries(
            &notes,
            crate::methodology::BlindSpotId::NoBusinessMetrics
        ));
        let found = findings(&[("Career.md", &career), MISSING_SECTION_OFF], CODE);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].range, 0..8, "at the H1");
        assert_eq!(
            found[0].message,
            "No business impact written down yet — can you quantify the $ impact of your wins?"
        );
    }

    #[test]
    fn an_empty_business_impact_table_is_empty_sections_question_alone() {
        let career = "# Career\n\n## Business Impact\n\n| Initiative | Business Impact | Year |\n|---|---|---|\n| | | |\n";
        let notes = [("Career.md", career)];
        assert!(findings(&notes, CODE).is_empty());
        assert_eq!(findings(&notes, "empty-section").len(), 1);
    }
}
