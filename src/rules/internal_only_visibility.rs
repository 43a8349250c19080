//! `internal-only-visibility`: no External Visibility target is active (a blind spot).

use super::evidence::{absent_spot_applies, asked_by_empty_section, named_by_missing_section};
use super::fixes_support::prompt_fix;
use super::{anchor, finding, Context, Finding, Rule, RuleMeta, Severity};
use crate::methodology::{BlindSpotId, SectionId, EXTERNAL_VISIBILITY_QUESTION};
use crate::model::index::VisibilityTarget;
use crate::model::text::is_placeholder;
use crate::model::Note;

pub struct InternalOnlyVisibility;

impl InternalOnlyVisibility {
    pub const META: RuleMeta = RuleMeta {
        code: "internal-only-visibility",
        default_severity: Severity::Info,
        documentation: include_str!("docs/internal-only-visibility.md"),
        blind_spot: Some(BlindSpotId::InternalOnlyVisibility),
    };
}

/// A target is active when it is external, its Target is filled and its Status is filled
/// and past the idea stage.
pub fn is_active(target: &VisibilityTarget) -> bool {
    let status = target
        .status
        .trim()
        .trim_matches(|c: char| c == '*' || c == '_')
        .to_lowercase();
    !target.internal
        && !is_placeholder(&target.target)
        && !is_placeholder(&target.status)
        && !matches!(status.as_str(), "not started" | "planned" | "idea")
}

impl Rule for InternalOnlyVisibility {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
        let Some(index) = note.as_index() else {
            return Vec::new();
        };
        if index.visibility.iter().any(is_active) {
            return Vec::new();
        }
        let message = if note.section(SectionId::ExternalVisibility).is_none() {
            // Absent: a talk, an article or an open-source release elsewhere in the note
            // already answers the question; else missing-section, naming the section,
            // carries the blind spot.
            if !absent_spot_applies(note, BlindSpotId::InternalOnlyVisibility)
                || named_by_missing_section(note, context, SectionId::ExternalVisibility)
            {
                return Vec::new();
            }
            "Nothing outside your company is written down yet — who outside your company would recommend you for a role?"
        } else {
            if asked_by_empty_section(
                note,
                context,
                &[SectionId::Targets, SectionId::ExternalVisibility],
            ) {
                return Vec::new();
            }
            "Blind spot: your visibility is internal only — who outside your company would recommend you for a role?"
        };
        let at = anchor(note, std::slice::from_ref(&index.visibility_heading));
        let mut found = finding(self, at, message);
        found.fixes.extend(prompt_fix(
            note,
            context,
            format!("Ask: {EXTERNAL_VISIBILITY_QUESTION}"),
            EXTERNAL_VISIBILITY_QUESTION,
            &[SectionId::ExternalVisibility],
        ));
        vec![found]
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::fixes_support::testing::{
        findings, fixed, missing_section_carries, titles, MISSING_SECTION_OFF,
    };

    const CODE: &str = super::InternalOnlyVisibility::META.code;

    const ASK: &str = "Ask: Who outside your company would recommend you for a role?";

    #[test]
    fn the_question_goes_under_external_visibility() {
        let career = "# Career\n\n## External Visibility Plan\n\n### Targets\n| Channel | Target | Status |\n|---|---|---|\n| Speaking | Internal tech talk | Done |\n";
        let notes = [("Career.md", career)];
        assert_eq!(titles(&notes, CODE), [[ASK]]);
        assert_eq!(
            fixed(&notes, CODE, 0, ASK),
            career.replace(
                "## External Visibility Plan\n",
                "## External Visibility Plan\n\n> Who outside your company would recommend you for a role?\n"
            )
        );
    }

    #[test]
    fn a_list_of_targets_is_active_unless_unchecked_or_only_planned() {
        let findings = crate::rules::fixes_support::testing::findings;
        let active = "# Career\n\n## External Visibility\n\n- Spoke at KubeCon EU on golden paths\n- [ ] Write about the migration for InfoQ\n";
        assert!(findings(&[("Career.md", active)], CODE).is_empty());
        let only_planned = "# Career\n\n## External Visibility\n\n- [ ] Write about the migration for InfoQ\n- Podcast with the Platform Engineering show (planned)\n- Internal tech talk on CI\n";
        assert_eq!(findings(&[("Career.md", only_planned)], CODE).len(), 1);
    }

    /// A career plan in its own shape: no External Visibility section.
    fn plan(vision: &str, win: &str) -> String {
        format!("# Career\n\n## Vision\n\n{vision}\n\n## Timeline\n\n| Years | Role | Company | Key Achievement |\n|---|---|---|---|\n| 2021– | Senior Engineer | Freightline | Led the event ingestion rewrite |\n\n## Wins\n\n- {win}\n\n## Open Tasks\n\n- [ ] Submit a talk to GopherCon EU\n- [ ] Talk to Sanne about the promotion case\n")
    }

    #[test]
    fn without_the_section_external_work_elsewhere_is_enough() {
        for win in [
            "Gave a talk at the Rotterdam Go meetup on idempotent consumers",
            "Published “Paved roads, not gates” on the engineering blog",
            "Open-sourced our Kafka replay tool",
        ] {
            let career = plan("Staff engineer on a logistics platform.", win);
            assert!(
                findings(&[("Career.md", &career)], CODE).is_empty(),
                "{win}"
            );
        }
    }

    #[test]
    fn an_aspiration_or_an_open_task_is_not_evidence_and_the_rule_asks() {
        // The vision dreams of talks, the open tasks plan one, a conversation is not a talk.
        let career = plan(
            "Staff engineer, speaking at conferences about event-driven systems.",
            "Cut duplicate parcel events by 92%",
        );
        // missing-section names the absent section and carries the blind spot...
        let notes = [("Career.md", career.as_str())];
        assert!(findings(&notes, CODE).is_empty());
        assert!(missing_section_carries(
            &notes,
            crate::methodology::BlindSpotId::InternalOnlyVisibility
        ));
        // ...and without it, the rule asks at the H1.
        let found = findings(&[("Career.md", &career), MISSING_SECTION_OFF], CODE);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].range, 0..8, "at the H1");
        assert_eq!(
            found[0].message,
            "Nothing outside your company is written down yet — who outside your company would recommend you for a role?"
        );
    }

    #[test]
    fn an_empty_visibility_plan_is_empty_sections_question_alone() {
        let career = "# Career\n\n## External Visibility Plan\n\n### Targets\n| Channel | Target | Status |\n|---|---|---|\n| Speaking | | |\n| Writing | | |\n";
        let notes = [("Career.md", career)];
        assert!(findings(&notes, CODE).is_empty());
        assert_eq!(findings(&notes, "empty-section").len(), 1);
    }
}
