//! `no-clear-pov`: the Innovation Thesis belief is empty or absent (a blind spot).

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
        let mut found = finding(self, at, "Blind spot: no clear point of view — what do you believe about your industry that others don't?");
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
    use crate::rules::fixes_support::testing::{fixed, titles};

    const CODE: &str = super::NoClearPov::META.code;

    const ASK: &str = "Ask: What do you believe about your industry that others don't?";

    #[test]
    fn the_question_goes_under_the_belief_or_into_a_new_thesis() {
        let career = "# Career\n\n## Innovation Thesis\n\n### The Belief\n> [Your POV on your industry]\n\n### Innovation Portfolio\n| Experiment | Hypothesis | Status | Learning |\n|---|---|---|---|\n| Paved road | Templates beat docs | Running | Adoption doubles |\n";
        let notes = [("Career.md", career)];
        assert_eq!(titles(&notes, CODE), [[ASK]]);
        assert_eq!(
            fixed(&notes, CODE, 0, ASK),
            career.replace(
                "### The Belief\n",
                "### The Belief\n\n> What do you believe about your industry that others don't?\n\n"
            )
        );
        let career = "# Career\n\n## Growth\n\n- Kubernetes operators\n\n## Network\n\n### Sponsors\n- Ruud — VP Engineering\n";
        assert!(fixed(&[("Career.md", career)], CODE, 0, ASK).contains(
            "- Kubernetes operators\n\n## Innovation Thesis\n\n> What do you believe about your industry that others don't?\n\n## Network\n"
        ));
    }
}
