//! `no-contingency`: the Risk Register is empty, or a risk has no mitigation (a blind spot).

use super::evidence::{asked_by_empty_section, named_by_missing_section};
use super::fixes_support::{prompt_fix, table_of_row, write_cell, CellWrite};
use super::{
    anchor, finding, Applicability, Context, Edit, Finding, Fix, Rule, RuleMeta, Severity,
};
use crate::methodology::{BlindSpotId, RiskColumn, SectionId, CONTINGENCY_QUESTION};
use crate::model::index::Risk;
use crate::model::text::is_placeholder;
use crate::model::Note;
use crate::syntax::BlockKind;

/// What the fix writes for the person to answer.
const MITIGATION_PLACEHOLDER: &str = "[What would you do?]";

/// Fills the risk's empty mitigation with a placeholder that asks the question: the
/// Mitigation cell of a table row (in place of a placeholder such as `...`), or after a
/// list item (`Risk → [What would you do?]`).
fn mitigation_placeholder(note: &Note, risk: &Risk) -> Option<Fix> {
    let edit = match table_of_row(note, &risk.range) {
        Some((_, table, index)) => {
            let column = table.column(RiskColumn::Mitigation.aliases()).or(table
                .header
                .cells
                .is_empty()
                .then_some(3))?;
            write_cell(
                &table.rows[index],
                column,
                MITIGATION_PLACEHOLDER,
                CellWrite::OverPlaceholder,
            )?
        }
        None => {
            if !risk.mitigation.trim().is_empty() {
                return None;
            }
            let block = note
                .outline
                .blocks
                .iter()
                .find(|b| b.range == risk.range && matches!(b.kind, BlockKind::ListItem(_)))?;
            let arrow = block.text.contains('→') || block.text.contains("Mitigation:");
            let end = block.text_range.end;
            Edit {
                range: end..end,
                text: if arrow {
                    format!(" {MITIGATION_PLACEHOLDER}")
                } else {
                    format!(" → {MITIGATION_PLACEHOLDER}")
                },
            }
        }
    };
    Fix::new(
        note,
        "Add a mitigation placeholder",
        Applicability::Helps,
        vec![edit],
    )
}

pub struct NoContingency;

impl NoContingency {
    pub const META: RuleMeta = RuleMeta {
        code: "no-contingency",
        default_severity: Severity::Info,
        documentation: include_str!("docs/no-contingency.md"),
        blind_spot: Some(BlindSpotId::NoContingency),
    };
}

/// Whether the prose of `section` states a fallback: what the person would do if things go
/// another way ("if …", "in case …", "otherwise", "fallback", "backup").
fn states_a_fallback(note: &Note, section: &crate::model::Section) -> bool {
    note.blocks_in(section).any(|block| {
        let text = format!(" {} ", block.text.to_lowercase());
        [
            " if ",
            " in case ",
            " otherwise",
            "fallback",
            "backup",
            "plan b",
        ]
        .iter()
        .any(|marker| text.contains(marker))
    })
}

impl Rule for NoContingency {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
        let Some(index) = note.as_index() else {
            return Vec::new();
        };
        if index.risks.is_empty() {
            let message = if note.section(SectionId::RiskRegister).is_none() {
                // Missing-section, naming the section, carries the blind spot.
                if named_by_missing_section(note, context, SectionId::RiskRegister) {
                    return Vec::new();
                }
                "No contingency plan written down yet — what if your current path doesn't work out?"
            } else {
                if asked_by_empty_section(note, context, &[SectionId::RiskRegister]) {
                    return Vec::new();
                }
                // A register written as prose that says what happens if — a "Plan B"
                // paragraph — is the person's contingency plan in their own words;
                // "nothing worries me" is not.
                if note
                    .section(SectionId::RiskRegister)
                    .is_some_and(|section| states_a_fallback(note, section))
                {
                    return Vec::new();
                }
                "Blind spot: no contingency plan — what if your current path doesn't work out?"
            };
            let at = anchor(note, std::slice::from_ref(&index.risks_heading));
            let mut found = finding(self, at, message);
            found.fixes.extend(prompt_fix(
                note,
                context,
                format!("Ask: {CONTINGENCY_QUESTION}"),
                CONTINGENCY_QUESTION,
                &[SectionId::RiskRegister],
            ));
            return vec![found];
        }
        index
            .risks
            .iter()
            .filter(|risk| is_placeholder(&risk.mitigation))
            .map(|risk| {
                let mut found = finding(
                    self,
                    risk.range.clone(),
                    format!(
                        "“{}” has no mitigation — what would you do if it happened?",
                        risk.risk.trim()
                    ),
                );
                found.fixes.extend(mitigation_placeholder(note, risk));
                found
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::fixes_support::testing::{
        findings, fixed, missing_section_carries, titles, MISSING_SECTION_OFF,
    };

    const CODE: &str = super::NoContingency::META.code;
    const PLACEHOLDER: &str = "Add a mitigation placeholder";
    const ASK: &str = "Ask: What if your current path doesn't work out?";

    #[test]
    fn an_empty_register_is_empty_sections_question_alone() {
        let career = "# Career\n\n## Risk Register\n\n| Risk | Likelihood | Impact | Mitigation |\n|---|---|---|---|\n| | | | |\n";
        let notes = [("Career.md", career)];
        assert!(findings(&notes, CODE).is_empty());
        assert_eq!(findings(&notes, "empty-section").len(), 1);
    }

    #[test]
    fn without_a_register_the_rule_asks() {
        let career = "# Career Plan\n\n## Where I'm heading\n\nStaff engineer by 2027.\n";
        assert!(findings(&[("Career.md", career)], CODE).is_empty());
        assert!(missing_section_carries(
            &[("Career.md", career)],
            crate::methodology::BlindSpotId::NoContingency
        ));
        let notes = [("Career.md", career), MISSING_SECTION_OFF];
        let found = findings(&notes, CODE);
        assert_eq!(found[0].range, 0..13, "at the H1");
        assert_eq!(
            found[0].message,
            "No contingency plan written down yet — what if your current path doesn't work out?"
        );
        assert_eq!(titles(&notes, CODE), [[ASK]]);
        assert!(fixed(&notes, CODE, 0, ASK)
            .ends_with("## Risk Register\n\n> What if your current path doesn't work out?\n"));
    }

    #[test]
    fn a_register_in_prose_without_risks_gets_the_question_at_its_heading() {
        let career = "# Career\n\n## Risk Register\n\nNothing worries me right now.\n";
        let found = findings(&[("Career.md", career)], CODE);
        assert_eq!(&career[found[0].range.clone()], "## Risk Register");
        assert!(found[0]
            .message
            .starts_with("Blind spot: no contingency plan"));
    }

    #[test]
    fn a_risk_without_mitigation_gets_a_placeholder() {
        let career = "# Career\n\n## Risk Register\n\n| Risk | Likelihood | Impact | Mitigation |\n|---|---|---|---|\n| Budget cut | Medium | High | |\n| Reorg | Low | High | ... |\n| Burnout | High | High |\n\n- Acquisition →\n- Promo stalls\n";
        let notes = [("Career.md", career)];
        assert_eq!(titles(&notes, CODE), vec![vec![PLACEHOLDER]; 5]);
        let filled = |nth| fixed(&notes, CODE, nth, PLACEHOLDER);
        assert_eq!(
            filled(0),
            career.replace("| High | |", "| High | [What would you do?] |")
        );
        assert_eq!(
            filled(1),
            career.replace("| ... |", "| [What would you do?] |")
        );
        assert_eq!(
            filled(2),
            career.replace(
                "| High | High |\n",
                "| High | High | [What would you do?] |\n"
            )
        );
        assert_eq!(
            filled(3),
            career.replace("Acquisition →", "Acquisition → [What would you do?]")
        );
        assert_eq!(
            filled(4),
            career.replace("Promo stalls", "Promo stalls → [What would you do?]")
        );
    }

    #[test]
    fn a_plan_b_in_prose_is_a_contingency_and_a_labelled_mitigation_is_read() {
        let prose = "# Self Review\n\n## Plan B\n\nIf the promotion does not land this cycle, I move to the platform team's tech lead opening.\n";
        assert!(findings(&[("Career.md", prose)], CODE).is_empty());
        let bullets = "# Career\n\n## Risks\n\n- Reorg moves the platform group under product — mitigation: keep the roadmap visible to both VPs.\n- Budget cut in the autumn round\n";
        let found = findings(&[("Career.md", bullets)], CODE);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].message.starts_with("“Budget cut"),
            "{}",
            found[0].message
        );
    }
}
