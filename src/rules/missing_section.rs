//! `missing-section`: a core section of the note's kind is absent.

use super::fixes_support::{insert_section, section_block};
use super::{finding, Applicability, Context, Finding, Fix, Rule, RuleMeta, Severity};
use crate::methodology::{core_sections, NoteKind};
use crate::model::Note;

pub struct MissingSection;

impl MissingSection {
    pub const META: RuleMeta = RuleMeta {
        code: "missing-section",
        default_severity: Severity::Warning,
        documentation: include_str!("docs/missing-section.md"),
        blind_spot: None,
    };
}

impl Rule for MissingSection {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
        if !matches!(
            note.kind,
            NoteKind::CareerIndex | NoteKind::Goals | NoteKind::Profile
        ) {
            return Vec::new();
        }
        let what = match note.kind {
            NoteKind::CareerIndex => "Career Index",
            NoteKind::Goals => "Goals note",
            _ => "profile",
        };
        core_sections(note.kind)
            .filter(|id| !note.has_section(*id))
            .map(|id| {
                let mut found = finding(
                    self,
                    note.title_range(),
                    format!("Your {what} has no {} section — add it so nothing falls through the cracks.", id.title()),
                );
                found.fixes.extend(Fix::new(note, format!("Add the {} section", id.title()), Applicability::Resolves, vec![insert_section(note, id, &section_block(note, context, id))]));
                found
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::fixes_support::testing::{fixed, resolves, titles};

    const CODE: &str = super::MissingSection::META.code;

    /// A Goals note without Monthly Milestones.
    const GOALS: &str = "# 2026 Goals\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status | Vision |\n|---|---|---|---|---|\n| G1 | Principal promotion | Packet accepted | In progress | Role |\n\n## Quarterly Intentions\n\n| Quarter | Intention | Focus |\n|---|---|---|\n| Q1 | *\"Prove it\"* | G1: scope summary |\n\n## Weekly Actions\n\n### Week of 2026-03-09\n- [ ] Send Ana the scope summary (G1)\n";

    #[test]
    fn a_missing_section_goes_before_the_next_one_it_has() {
        assert_eq!(
            titles(&[("2026 Goals.md", GOALS)], CODE),
            [["Add the Monthly Milestones section (resolves, preferred)"]]
        );
        let fixed = fixed(
            &[("2026 Goals.md", GOALS)],
            CODE,
            0,
            "Add the Monthly Milestones section",
        );
        assert!(
            fixed.contains("| Q1 | *\"Prove it\"* | G1: scope summary |\n\n## Monthly Milestones\n\n- [ ] [Milestone] (G1)\n- [ ] [Milestone] (G2)\n- [ ] [Milestone] (G3)\n\n## Weekly Actions\n"),
            "{fixed}"
        );
        assert!(resolves(
            &[("2026 Goals.md", GOALS)],
            CODE,
            0,
            "Add the Monthly Milestones section"
        ));
    }

    #[test]
    fn the_last_section_goes_at_the_end_after_a_rule_when_the_note_uses_rules() {
        let career = "# Career\n\n## Vision\n\n**North Star (2031):** Principal engineer.\n\n---\n\n## Timeline\n\n| Years | Role | Company | Key Achievement |\n|---|---|---|---|\n| 2019–2023 | Staff Engineer | Freightline | Led the CI overhaul |";
        let fixed = fixed(
            &[("Career.md", career)],
            CODE,
            9,
            "Add the Open Tasks section",
        );
        assert_eq!(
            fixed,
            format!("{career}\n\n---\n\n## Open Tasks\n\n- [ ] [Task 1]\n- [ ] [Task 2]\n")
        );
        // The theme is this year's.
        let fixed = self::fixed(
            &[("Career.md", career)],
            CODE,
            0,
            "Add the Annual Theme section",
        );
        assert!(
            fixed.contains("---\n\n## 2026 Theme\n\n> **\"[Theme in quotes]\"**\n"),
            "{fixed}"
        );
        assert!(
            fixed.contains("[ ] [Criterion 3]\n\n---\n\n## Timeline\n"),
            "{fixed}"
        );
    }

    #[test]
    fn a_checklist_under_the_title_is_the_annual_goals_section() {
        let findings = crate::rules::fixes_support::testing::findings;
        let says_annual = |text: &str| {
            findings(&[("2024 Goals.md", text)], CODE)
                .iter()
                .any(|f| f.message.contains("Annual Goals"))
        };
        let checklist = "# 2024 Goals\n\n- [x] Read 12 books\n- [ ] Run a half marathon\n";
        assert!(!says_annual(checklist));
        // Prose under the title is no list of goals.
        let prose = "# 2024 Goals\n\nRead more, run more, and get promoted.\n";
        assert!(says_annual(prose));
    }
}
