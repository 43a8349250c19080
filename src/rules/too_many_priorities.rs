//! `too-many-priorities`: more annual goals than the maximum, more than one theme, or more
//! than three Current Focus items.

use super::fixes_support::{ask_about_goals, prompt_fix};
use super::{finding, Context, Finding, Fix, Rule, RuleMeta, Severity};
use crate::methodology::{BlindSpotId, NoteKind, SectionId, ONE_THEME_QUESTION as QUESTION};
use crate::model::Note;

pub struct TooManyPriorities;

impl TooManyPriorities {
    pub const META: RuleMeta = RuleMeta {
        code: "too-many-priorities",
        default_severity: Severity::Warning,
        documentation: include_str!("docs/too-many-priorities.md"),
        blind_spot: Some(BlindSpotId::TooManyPriorities),
    };
}

/// The ONE-theme question, under the theme in a Career Index and above the annual goals
/// in a Goals note.
fn ask(note: &Note, context: &Context) -> Option<Fix> {
    let title = format!("Ask: {QUESTION}");
    match note.kind {
        NoteKind::Goals => ask_about_goals(note, context, title, QUESTION),
        _ => prompt_fix(note, context, title, QUESTION, &[SectionId::AnnualTheme]),
    }
}

/// A single theme that is really several: joined by ` and `, ` & `, ` + ` or `;`.
fn is_joined(theme: &str) -> bool {
    let lower = theme.to_lowercase();
    [" and ", " & ", " + ", ";"]
        .iter()
        .any(|joiner| lower.contains(joiner))
}

impl Rule for TooManyPriorities {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
        let mut findings = Vec::new();
        let at = note.title_range();
        if let Some(goals) = note.as_goals() {
            let max = context.settings.max_annual_goals;
            if goals.goals.len() > max {
                findings.push(finding(
                    self,
                    at.clone(),
                    format!(
                        "{} annual goals is more than {max} — which ones really matter this year?",
                        goals.goals.len()
                    ),
                ));
            }
        }
        if let Some(index) = note.as_index() {
            let themes = &index.theme.themes;
            if themes.len() >= 2 {
                findings.push(finding(
                    self,
                    at.clone(),
                    format!(
                        "Your theme section states {} themes — {QUESTION}",
                        themes.len()
                    ),
                ));
            } else if let Some(theme) = themes.first().filter(|t| is_joined(&t.text)) {
                findings.push(finding(
                    self,
                    at.clone(),
                    format!(
                        "“{}” joins several themes into one — {QUESTION}",
                        theme.text.trim()
                    ),
                ));
            }
            let max = context.settings.max_current_focus;
            let focus = &index.current_role.focus;
            if focus.len() > max {
                findings.push(finding(
                    self,
                    at,
                    format!("{} Current Focus items is more than {max} — what would you drop if you could keep only {max}?", focus.len()),
                ));
            }
        }
        if !findings.is_empty() {
            let fix = ask(note, context);
            for found in &mut findings {
                found.fixes.extend(fix.clone());
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::fixes_support::testing::{fixed, titles};

    const CODE: &str = super::TooManyPriorities::META.code;

    const ASK: &str = "Ask: If this year had ONE theme, what would it be?";

    #[test]
    fn the_one_theme_question_goes_under_the_theme() {
        let career =
            "# Career\n\n## 2026 Theme\n\n> **\"Scale the platform\"** and **\"Go external\"**\n";
        let notes = [("Career.md", career)];
        assert_eq!(titles(&notes, CODE), [[ASK]]);
        assert_eq!(
            fixed(&notes, CODE, 0, ASK),
            "# Career\n\n## 2026 Theme\n\n> If this year had ONE theme, what would it be?\n\n> **\"Scale the platform\"** and **\"Go external\"**\n"
        );
    }

    #[test]
    fn in_a_goals_note_above_the_goals_or_in_a_new_theme_section() {
        let goals = "# 2026 Goals\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status | Vision |\n|---|---|---|---|---|\n| G1 | A | 1 promo | In progress | Role |\n| G2 | B | 2 talks | In progress | Reach |\n| G3 | C | 3 posts | In progress | Reach |\n| G4 | D | 4 hires | In progress | Impact |\n";
        assert_eq!(
            fixed(&[("2026 Goals.md", goals)], CODE, 0, ASK),
            goals.replace(
                "## Annual Goals\n",
                "## Annual Goals\n\n> If this year had ONE theme, what would it be?\n"
            )
        );
        // Four Current Focus items and no theme section: the theme section is added.
        let career = "# Career\n\n## Vision\n\n**North Star (2031):** Principal engineer.\n\n## Current Role\n\n### Current Focus\n- Platform roadmap\n- Hiring\n- CI costs\n- Mentoring\n";
        let asked = fixed(&[("Career.md", career)], CODE, 0, ASK);
        assert!(
            asked.contains("Principal engineer.\n\n## 2026 Theme\n\n> If this year had ONE theme, what would it be?\n\n## Current Role\n"),
            "{asked}"
        );
    }

    #[test]
    fn joined_themes() {
        assert!(super::is_joined("Scale the team and ship the platform"));
        assert!(super::is_joined("Depth; visibility"));
        assert!(!super::is_joined("Go external"));
    }

    #[test]
    fn a_long_checklist_of_goals_is_too_many_and_asked_above_it() {
        let goals = "# 2024 Goals\n\n- [x] Read 12 books\n- [ ] Run a half marathon\n- [ ] Get promoted to Staff\n- [ ] Learn Spanish\n- [ ] Ship the side project\n";
        let notes = [("2024 Goals.md", goals)];
        let found = crate::rules::fixes_support::testing::findings(&notes, CODE);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].message.starts_with("5 annual goals"),
            "{}",
            found[0].message
        );
        assert_eq!(
            fixed(&notes, CODE, 0, ASK),
            goals.replace(
                "# 2024 Goals\n",
                "# 2024 Goals\n\n> If this year had ONE theme, what would it be?\n"
            )
        );
        // Three are fine.
        let three = "# 2024 Goals\n\n- [x] Read 12 books\n- [ ] Run a half marathon\n- [ ] Get promoted to Staff\n";
        assert!(
            crate::rules::fixes_support::testing::findings(&[("2024 Goals.md", three)], CODE)
                .is_empty()
        );
    }
}
