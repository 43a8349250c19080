//! `stale-theme`: the Career Index's theme is for a year before the current one.

use chrono::Datelike;

use super::fixes_support::insert_section_before;
use super::{finding, Applicability, Context, Finding, Fix, Rule, RuleMeta, Severity};
use crate::methodology::templates::section_template;
use crate::methodology::SectionId;
use crate::model::Note;

pub struct StaleTheme;

impl StaleTheme {
    pub const META: RuleMeta = RuleMeta {
        code: "stale-theme",
        default_severity: Severity::Info,
        documentation: include_str!("docs/stale-theme.md"),
        blind_spot: None,
    };
}

impl Rule for StaleTheme {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
        let Some(index) = note.as_index() else {
            return Vec::new();
        };
        // The model's theme is the latest one, a heading without a year counting as
        // current: a stale year here means no theme heading names this year or a later one.
        let (Some(year), Some(heading)) = (index.theme.year, &index.theme.heading) else {
            return Vec::new();
        };
        let this_year = context.today.year();
        if year >= this_year {
            return Vec::new();
        }
        let message = if year == this_year - 1 {
            format!("Your theme is still last year's ({year}) — what is {this_year} about, in one phrase?")
        } else {
            format!("Your newest theme is from {year} — what is {this_year} about, in one phrase?")
        };
        let mut found = finding(self, heading.clone(), message);
        let section = note
            .sections_with(SectionId::AnnualTheme)
            .find(|s| s.heading_range == *heading);
        if let Some(section) = section {
            // The new theme goes above the old one, which stays as the record of its year.
            let block = section_template(SectionId::AnnualTheme, this_year);
            found.fixes.extend(Fix::new(
                note,
                format!("Start the {this_year} theme"),
                Applicability::Suggestion,
                vec![insert_section_before(note, section, &block)],
            ));
        }
        vec![found]
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::fixes_support::testing::{findings, fixed, resolves, titles};

    const CODE: &str = super::StaleTheme::META.code;
    const START: &str = "Start the 2026 theme";
    const NEW_THEME: &str = "## 2026 Theme\n\n> **\"[Theme in quotes]\"**\n\n**→ [[2026 Goals]]** — Full cascade\n\n### Success Criteria (Dec 2026)\n- [ ] [Criterion 1]\n- [ ] [Criterion 2]\n- [ ] [Criterion 3]\n\n";

    const CAREER: &str = "# Career\n\n## Vision\n\n**North Star (2031):** Principal engineer.\n\n---\n\n## 2025 Theme\n\n> **\"Ship it\"**\n\n### Success Criteria (Dec 2025)\n- [x] Ledger v2 live\n\n---\n\n## Current Role\n\nStaff engineer.\n";

    #[test]
    fn the_new_theme_goes_above_last_years_which_stays() {
        let notes = [("Career.md", CAREER)];
        assert_eq!(titles(&notes, CODE), [[format!("{START} (resolves)")]]);
        let found = findings(&notes, CODE);
        assert_eq!(&CAREER[found[0].range.clone()], "## 2025 Theme");
        assert_eq!(
            found[0].message,
            "Your theme is still last year's (2025) — what is 2026 about, in one phrase?"
        );
        let after = fixed(&notes, CODE, 0, START);
        assert_eq!(
            after,
            CAREER.replace("## 2025 Theme", &format!("{NEW_THEME}---\n\n## 2025 Theme"))
        );
        assert!(resolves(&notes, CODE, 0, START));
        // The theme the other rules read is now this year's.
        let snapshot = crate::features::test_support::snapshot(&[("Career.md", &after)]);
        let index = snapshot.note().as_index().expect("a Career Index");
        assert_eq!(index.theme.year, Some(2026));
        assert!(index.theme.themes.is_empty(), "{:?}", index.theme.themes);
    }

    #[test]
    fn without_rules_between_sections_none_is_added() {
        let career = "# Career\n\n### 2024 Theme\n\n> **\"Ship it\"**\n";
        let notes = [("Career.md", career)];
        let found = findings(&notes, CODE);
        assert_eq!(
            found[0].message,
            "Your newest theme is from 2024 — what is 2026 about, in one phrase?"
        );
        assert_eq!(
            fixed(&notes, CODE, 0, START),
            format!(
                "# Career\n\n{}### 2024 Theme\n\n> **\"Ship it\"**\n",
                NEW_THEME
                    .replace("## 2026 Theme", "### 2026 Theme")
                    .replace("### Success", "#### Success")
            )
        );
        assert!(resolves(&notes, CODE, 0, START));
    }

    #[test]
    fn a_current_or_undated_theme_is_quiet() {
        for career in [
            "# Career\n\n## 2026 Theme\n\n> **\"Go external\"**\n",
            "# Career\n\n## 2025 Theme\n\n> **\"Ship it\"**\n\n## 2026 Theme\n\n> **\"Go external\"**\n",
            "# Career\n\n## 2027 Theme\n\n> **\"Go external\"**\n",
            "# Career\n\n## Theme\n\n> **\"Go external\"**\n",
            "# Career\n\n## Annual Theme\n\n> **\"Go external\"**\n\n## 2024 Theme\n\n> **\"Ship it\"**\n",
        ] {
            assert!(
                findings(&[("Career.md", career)], CODE).is_empty(),
                "{career}"
            );
        }
    }
}
