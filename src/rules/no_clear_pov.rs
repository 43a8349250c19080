//! `no-clear-pov`: the Innovation Thesis belief is empty or absent (a blind spot).

use super::evidence::{asked_by_empty_section, named_by_missing_section};
use super::fixes_support::prompt_fix;
use super::{anchor, finding, Context, Finding, Rule, RuleMeta, Severity};
use crate::methodology::{BlindSpotId, SectionId, POV_QUESTION};
use crate::model::Note;

pub struct NoClearPov;

impl NoClearPov {
    pub const META: RuleMeta = RuleMeta {
        code: "no-clear-pov",
        default_severity: Severity::Info,
        documentation: include_str!("docs/no-clear-pov.md"),
        blind_spot: Some(BlindSpotId::NoClearPov),
    };
}

impl Rule for NoClearPov {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
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
        let sections = [SectionId::TheBelief, SectionId::InnovationThesis];
        let message = if sections.iter().all(|id| note.section(*id).is_none()) {
            // Missing-section, naming the section, carries the blind spot.
            if named_by_missing_section(note, context, SectionId::InnovationThesis) {
                return Vec::new();
            }
            "No point of view written down yet — what do you believe about your industry that others don't?"
        } else {
            if asked_by_empty_section(note, context, &sections) {
                return Vec::new();
            }
            "Blind spot: no clear point of view — what do you believe about your industry that others don't?"
        };
        let mut found = finding(self, at, message);
        found.fixes.extend(prompt_fix(
            note,
            context,
            format!("Ask: {POV_QUESTION}"),
            POV_QUESTION,
            &[SectionId::TheBelief, SectionId::InnovationThesis],
        ));
        vec![found]
    }
}

#[cfg(test)]
mod tests {
    use crate::features::test_support::snapshot_in_root;
    use crate::rules::fixes_support::testing::{
        findings, fixed, missing_section_carries, titles, MISSING_SECTION_OFF,
    };

    const CODE: &str = super::NoClearPov::META.code;

    const ASK: &str = "Ask: What do you believe about your industry that others don't?";

    #[test]
    fn an_empty_belief_is_empty_sections_question_alone() {
        let career = "# Career\n\n## Innovation Thesis\n\n### The Belief\n> [Your POV on your industry]\n\n### Innovation Portfolio\n| Experiment | Hypothesis | Status | Learning |\n|---|---|---|---|\n| Paved road | Templates beat docs | Running | Adoption doubles |\n";
        let notes = [("Career.md", career)];
        assert!(findings(&notes, CODE).is_empty());
        let empty = findings(&notes, "empty-section");
        assert_eq!(empty.len(), 1, "{empty:#?}");
        assert_eq!(&career[empty[0].range.clone()], "### The Belief");
        // With empty-section switched off, the blind spot asks in its place.
        let quiet = snapshot_in_root(&notes, Some("[rules]\nempty-section = \"off\"\n"));
        let found: Vec<_> = quiet
            .diagnostics()
            .into_iter()
            .filter(|f| f.code == CODE)
            .collect();
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(&career[found[0].range.clone()], "### The Belief");
    }

    #[test]
    fn a_portfolio_without_a_belief_gets_the_question_under_the_thesis() {
        let career = "# Career\n\n## Innovation Thesis\n\n| Experiment | Hypothesis | Status | Learning |\n|---|---|---|---|\n| Paved road | Templates beat docs | Running | Adoption doubles |\n";
        let notes = [("Career.md", career)];
        let found = findings(&notes, CODE);
        assert_eq!(&career[found[0].range.clone()], "## Innovation Thesis");
        assert!(found[0]
            .message
            .starts_with("Blind spot: no clear point of view"));
        assert_eq!(titles(&notes, CODE), [[ASK]]);
        assert_eq!(
            fixed(&notes, CODE, 0, ASK),
            career.replace(
                "## Innovation Thesis\n",
                "## Innovation Thesis\n\n> What do you believe about your industry that others don't?\n"
            )
        );
    }

    #[test]
    fn without_a_thesis_the_rule_asks_and_the_fix_brings_one() {
        let career = "# Career\n\n## Growth\n\n- Kubernetes operators\n\n## Network\n\n### Sponsors\n- Ruud — VP Engineering\n";
        assert!(findings(&[("Career.md", career)], CODE).is_empty());
        assert!(missing_section_carries(
            &[("Career.md", career)],
            crate::methodology::BlindSpotId::NoClearPov
        ));
        let notes = [("Career.md", career), MISSING_SECTION_OFF];
        let found = findings(&notes, CODE);
        assert_eq!(found[0].range, 0..8, "at the H1");
        assert_eq!(
            found[0].message,
            "No point of view written down yet — what do you believe about your industry that others don't?"
        );
        assert!(fixed(&notes, CODE, 0, ASK).contains(
            "- Kubernetes operators\n\n## Innovation Thesis\n\n> What do you believe about your industry that others don't?\n\n## Network\n"
        ));
    }
}
