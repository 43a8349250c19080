//! `missing-section`: a core section of the note's kind is absent.

use super::evidence::absent_spot_applies;
use super::fixes_support::{insert_section, insert_sections, section_block};
use super::{finding, Applicability, Context, Finding, Fix, Rule, RuleMeta, Severity};
use crate::methodology::{core_sections, review_question, NoteKind, SectionId, BLIND_SPOTS};
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

/// `Timeline`, `Timeline and Growth`, `Timeline, Growth and Risk Register`.
fn names(ids: &[SectionId]) -> String {
    let titles: Vec<&str> = ids.iter().map(|id| id.title()).collect();
    match titles.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A question that starts a sentence, read after a dash: its first letter in lower case
/// (unless it is the word "I").
fn continuing(question: &str) -> String {
    let mut chars = question.chars();
    match chars.next() {
        Some('I') if matches!(chars.clone().next(), Some(' ' | '\'' | '’')) => {
            question.to_string()
        }
        Some(first) => format!("{}{}", first.to_lowercase(), chars.as_str()),
        None => String::new(),
    }
}

/// The one finding's message: every absent section named, and the first one's question,
/// so that the person knows where to start — one question at a time.
fn message(what: &str, missing: &[SectionId]) -> String {
    match missing {
        [one] => format!(
            "Your {what} has no {} section yet — {}",
            one.title(),
            continuing(review_question(*one))
        ),
        [first, ..] => format!(
            "Your {what} has no {} sections yet — start with {}: {}",
            names(missing),
            first.title(),
            continuing(review_question(*first))
        ),
        [] => String::new(),
    }
}

/// Whether this rule is on under `settings`: its one finding at the H1 then offers every
/// missing section, so the coaching actions need not offer the templates again.
pub fn missing_sections_reported(settings: &super::Settings) -> bool {
    let meta = MissingSection::META;
    matches!(
        settings.level(meta.code, meta.default_severity),
        super::RuleLevel::On(_)
    )
}

impl Rule for MissingSection {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
        let what = match note.kind {
            NoteKind::CareerIndex => "Career Index",
            NoteKind::Goals => "Goals note",
            NoteKind::Profile => "profile",
            NoteKind::SessionLog => "session log",
            NoteKind::Other => return Vec::new(),
        };
        let missing: Vec<SectionId> = core_sections(note.kind)
            .filter(|id| !note.has_section(*id))
            .collect();
        if missing.is_empty() {
            return Vec::new();
        }
        let mut found = finding(self, note.title_range(), message(what, &missing));
        if note.kind == NoteKind::SessionLog {
            // A log is a record, not a plan: a part it lacks is worth a word, not a warning.
            found.severity = Severity::Info;
        }
        // The blind spots of the absent sections speak through this finding.
        found.blind_spots = BLIND_SPOTS
            .iter()
            .filter(|spot| missing.contains(&spot.section))
            .filter(|spot| absent_spot_applies(note, spot.id))
            .map(|spot| spot.id)
            .collect();
        let blocks: Vec<(SectionId, String)> = missing
            .iter()
            .map(|id| (*id, section_block(note, context, *id)))
            .collect();
        if blocks.len() > 1 {
            found.fixes.extend(Fix::new(
                note,
                "Add all missing sections",
                Applicability::Resolves,
                insert_sections(note, &blocks),
            ));
        }
        // One section alone clears the finding only when it is the only one missing.
        let one = if blocks.len() == 1 {
            Applicability::Resolves
        } else {
            Applicability::Helps
        };
        for (id, block) in &blocks {
            found.fixes.extend(Fix::new(
                note,
                format!("Add the {} section", id.title()),
                one,
                vec![insert_section(note, *id, block)],
            ));
        }
        vec![found]
    }
}

#[cfg(test)]
mod tests {
    use crate::features::test_support::snapshot;
    use crate::rules::fixes_support::testing::{findings, fixed, resolves, titles};

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
    fn one_finding_names_every_absent_section_and_asks_where_to_start() {
        let career = "# Career\n\n## Vision\n\n**North Star (2031):** Principal engineer.\n\n## Current Role\n\nStaff engineer, platform.\n\n## Timeline\n\n| Years | Role | Company | Key Achievement |\n|---|---|---|---|\n| 2019–2023 | Staff Engineer | Freightline | Led the CI overhaul |\n\n## Growth\n\n- Kubernetes operators\n\n## Network\n\n- Ruud — sponsor\n\n## Wins\n\n- Cut CI time by 40%\n\n## Open Tasks\n\n- [ ] Ask Ruud for feedback\n";
        let found = findings(&[("Career.md", career)], CODE);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].range, 0..8, "at the H1");
        assert_eq!(
            found[0].message,
            "Your Career Index has no Annual Theme, Innovation Thesis, External Visibility, Business Impact and Risk Register sections yet — start with Annual Theme: if this year had ONE theme, what would it be?"
        );
        assert_eq!(
            titles(&[("Career.md", career)], CODE),
            [[
                "Add all missing sections (resolves, preferred)",
                "Add the Annual Theme section",
                "Add the Innovation Thesis section",
                "Add the External Visibility section",
                "Add the Business Impact section",
                "Add the Risk Register section",
            ]]
        );
        assert!(resolves(
            &[("Career.md", career)],
            CODE,
            0,
            "Add all missing sections"
        ));
        // Adding every section in one go: each at its place, the two that go before Open
        // Tasks in the template's order.
        let all = fixed(
            &[("Career.md", career)],
            CODE,
            0,
            "Add all missing sections",
        );
        let order: Vec<usize> = [
            "## Vision",
            "## 2026 Theme",
            "## Current Role",
            "## Growth",
            "## Innovation Thesis",
            "## Network",
            "## External Visibility Plan",
            "## Wins",
            "## Business Impact Metrics",
            "## Risk Register",
            "## Open Tasks",
        ]
        .iter()
        .map(|h| {
            all.find(&format!("{h}\n"))
                .unwrap_or_else(|| panic!("{h}: {all}"))
        })
        .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{all}");
        assert!(
            all.contains("| Initiative | Business Impact | Year |\n|------------|-----------------|------|\n| | | |\n\n## Risk Register\n"),
            "{all}"
        );
    }

    #[test]
    fn one_absent_section_reads_as_one() {
        let profile = "# CLAUDE.md\n\n## Profile\n\n- **Name:** Elena\n\n## Professional Context\n\nStaff engineer.\n\n## Communication Preferences\n\nDirect.\n\n## How to Help\n\nAsk one question at a time.\n";
        let notes = [("CLAUDE.md", profile), ("Career.md", "# Career\n")];
        let found = findings(&notes, CODE);
        assert_eq!(
            found[0].message,
            "Your profile has no Things to Avoid section yet — what are your pet peeves: what should a coach never do with you?"
        );
        assert_eq!(
            titles(&notes, CODE),
            [["Add the Things to Avoid section (resolves, preferred)"]]
        );
    }

    #[test]
    fn a_note_built_on_h3_headings_gets_h3_sections_and_keeps_its_shape() {
        // A career plan: the H2s group the person's sections, which are H3s.
        let career = "# Career\n\n## Where I'm going\n\n### Vision\n\n**North Star (2031):** Principal engineer.\n\n### Current Role\n\nStaff engineer on the platform team.\n\n## Where I've been\n\n### Timeline\n\n| Years | Role | Company | Key Achievement |\n|---|---|---|---|\n| 2019–2023 | Staff Engineer | Freightline | Led the CI overhaul |\n\n### Wins\n\n- Cut CI time by 40%\n\n#### 2025\n\n- Ran the platform guild\n\n### Open Tasks\n\n- [ ] Ask Ruud for feedback\n";
        let notes = [("Career.md", career)];
        let all = fixed(&notes, CODE, 0, "Add all missing sections");
        let before = snapshot(&notes);
        let after = snapshot(&[("Career.md", &all)]);
        let parent_title = |note: &crate::model::Note, s: &crate::model::Section| {
            s.parent.map(|p| note.sections[p].title.clone())
        };
        // Every section of the note keeps its level and its parent.
        for section in &before.note().sections {
            let now = after
                .note()
                .sections
                .iter()
                .find(|s| s.title == section.title)
                .unwrap_or_else(|| panic!("{} is gone: {all}", section.title));
            assert_eq!(now.level, section.level, "{}", section.title);
            assert_eq!(
                parent_title(after.note(), now),
                parent_title(before.note(), section),
                "{} changed parent: {all}",
                section.title
            );
        }
        // Every added section is an H3 the model finds, with nothing left missing.
        for id in crate::methodology::core_sections(crate::methodology::NoteKind::CareerIndex) {
            let section = after
                .note()
                .section(id)
                .unwrap_or_else(|| panic!("{id:?} not found: {all}"));
            assert_eq!(section.level, 3, "{id:?}: {all}");
        }
        assert!(
            all.contains("### Innovation Thesis\n\n#### The Belief\n"),
            "sub-sections go one level down: {all}"
        );
        assert!(findings(&[("Career.md", &all)], CODE).is_empty());
        // One section alone goes in at the same level, before its next sibling.
        let theme = fixed(&notes, CODE, 0, "Add the Annual Theme section");
        assert!(
            theme.contains("Principal engineer.\n\n### 2026 Theme\n"),
            "{theme}"
        );
        assert!(
            theme.contains("[ ] [Criterion 3]\n\n### Current Role\n"),
            "{theme}"
        );
    }

    #[test]
    fn the_last_section_goes_at_the_end_after_a_rule_when_the_note_uses_rules() {
        let career = "# Career\n\n## Vision\n\n**North Star (2031):** Principal engineer.\n\n---\n\n## Timeline\n\n| Years | Role | Company | Key Achievement |\n|---|---|---|---|\n| 2019–2023 | Staff Engineer | Freightline | Led the CI overhaul |";
        let fixed = fixed(
            &[("Career.md", career)],
            CODE,
            0,
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
        // All of them: separated by rules, as the note's sections are.
        let all = self::fixed(
            &[("Career.md", career)],
            CODE,
            0,
            "Add all missing sections",
        );
        assert!(
            all.contains("[ ] [Criterion 3]\n\n---\n\n## Current Role\n"),
            "{all}"
        );
        assert!(all.contains("|\n\n---\n\n## Growth\n"), "{all}");
        assert!(
            all.ends_with("\n\n---\n\n## Open Tasks\n\n- [ ] [Task 1]\n- [ ] [Task 2]\n"),
            "{all}"
        );
        assert!(!all.contains("---\n\n---"), "{all}");
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
