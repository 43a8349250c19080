//! `internal-only-visibility`: no External Visibility target is active (a blind spot).

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
        let at = anchor(note, std::slice::from_ref(&index.visibility_heading));
        let mut found = finding(
            self,
            at,
            "Blind spot: your visibility is internal only — who outside your company would recommend you for a role?",
        );
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
    use crate::rules::fixes_support::testing::{fixed, titles};

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
}
