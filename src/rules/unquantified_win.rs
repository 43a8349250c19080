//! `unquantified-win`: a win or business-impact row states no measurable result.

use super::fixes_support::{prompt_fix, table_of_row, write_cell, CellWrite};
use super::{finding, Applicability, Context, Edit, Finding, Fix, Rule, RuleMeta, Severity};
use crate::methodology::{ImpactColumn, SectionId, QUANTIFY_IMPACT_QUESTION};
use crate::model::index::{ImpactRow, Win};
use crate::model::text::{is_quantified, read_win, WinReading};
use crate::model::Note;
use crate::syntax::BlockKind;

pub struct UnquantifiedWin;

impl UnquantifiedWin {
    pub const META: RuleMeta = RuleMeta {
        code: "unquantified-win",
        default_severity: Severity::Warning,
        documentation: include_str!("docs/unquantified-win.md"),
        blind_spot: None,
    };
}

/// What the fix appends for the person to replace with a number.
const IMPACT_PLACEHOLDER: &str = "[impact: $ / % / how many]";

fn placeholder_fix(note: &Note, edit: Edit) -> Option<Fix> {
    Fix::new(
        note,
        "Add an impact placeholder".to_string(),
        Applicability::Helps,
        vec![edit],
    )
}

/// Appends the placeholder after the text of the item or paragraph at `range`: its own
/// text, or the text of the item it holds (`- 1. Led the migration`).
fn append_placeholder(note: &Note, range: &std::ops::Range<usize>) -> Option<Fix> {
    let end = note
        .outline
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::ListItem(_) | BlockKind::Paragraph))
        .filter(|b| b.range.start >= range.start && b.range.end <= range.end)
        .find(|b| !b.text.trim().is_empty())?
        .text_range
        .end;
    placeholder_fix(
        note,
        Edit {
            range: end..end,
            text: format!(" — {IMPACT_PLACEHOLDER}"),
        },
    )
}

/// Appends the placeholder to the win's own line.
fn win_placeholder(note: &Note, win: &Win) -> Option<Fix> {
    append_placeholder(note, &win.range)
}

/// Puts the placeholder into the row's Business Impact cell, after what it says; an
/// impact written as a bullet or paragraph gets it appended, as a win does.
fn impact_placeholder(note: &Note, row: &ImpactRow) -> Option<Fix> {
    let Some((_, table, index)) = table_of_row(note, &row.range) else {
        return append_placeholder(note, &row.range);
    };
    let column = table
        .column(ImpactColumn::BusinessImpact.aliases())
        .or(table.header.cells.is_empty().then_some(1))?;
    let edit = write_cell(
        &table.rows[index],
        column,
        IMPACT_PLACEHOLDER,
        CellWrite::Alongside(" — "),
    )?;
    placeholder_fix(note, edit)
}

fn ask(note: &Note, context: &Context, sections: &[SectionId]) -> Option<Fix> {
    prompt_fix(
        note,
        context,
        format!("Ask: {QUANTIFY_IMPACT_QUESTION}"),
        QUANTIFY_IMPACT_QUESTION,
        sections,
    )
}

impl Rule for UnquantifiedWin {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
        let Some(index) = note.as_index() else {
            return Vec::new();
        };
        let mut findings = Vec::new();
        for win in &index.wins {
            // Recognition and lines that are not achievements have nothing to quantify.
            if read_win(&win.text) == WinReading::Unquantified {
                let name = if win.title.is_empty() {
                    "This win".to_string()
                } else {
                    format!("“{}”", win.title)
                };
                let mut found = finding(
                    self,
                    win.range.clone(),
                    format!("{name} states no measurable result — can you quantify the $ impact, the %, or how many people it reached?"),
                );
                found.fixes.extend(win_placeholder(note, win));
                found
                    .fixes
                    .extend(ask(note, context, &[SectionId::WinsAndArtifacts]));
                findings.push(found);
            }
        }
        for row in &index.business_impact {
            if !is_quantified(&row.impact) {
                let what = if row.initiative.trim().is_empty() {
                    "This impact".to_string()
                } else {
                    format!("The impact of “{}”", row.initiative)
                };
                let mut found = finding(
                    self,
                    row.range.clone(),
                    format!(
                        "{what} has no number yet — what did it save, earn or change, in $ or %?"
                    ),
                );
                found.fixes.extend(impact_placeholder(note, row));
                found
                    .fixes
                    .extend(ask(note, context, &[SectionId::BusinessImpact]));
                findings.push(found);
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::fixes_support::testing::{fixed, titles};

    const CODE: &str = super::UnquantifiedWin::META.code;
    const ASK: &str = "Ask: Can you quantify the $ impact of your wins?";

    const CAREER: &str = "# Career\n\n## Wins & Artifacts\n\n### 2025\n- **CI overhaul** — cut median CI time from 41 to 12 minutes.\n- **On-call culture** — turned incident reviews into blameless learning.\n- 1. Led the vendor consolidation\n\n### Business Impact Metrics\n| Initiative | Business Impact | Year |\n|------------|-----------------|------|\n| Vendor consolidation | Simpler procurement | 2025 |\n| Cloud rightsizing | | 2024 |\n";

    #[test]
    fn a_placeholder_after_the_win_and_the_question_under_its_heading() {
        let notes = [("Career.md", CAREER)];
        assert_eq!(
            titles(&notes, CODE),
            [
                ["Add an impact placeholder", ASK],
                ["Add an impact placeholder", ASK],
                ["Add an impact placeholder", ASK],
                ["Add an impact placeholder", ASK],
            ]
        );
        assert_eq!(
            fixed(&notes, CODE, 0, "Add an impact placeholder"),
            CAREER.replace(
                "blameless learning.\n",
                "blameless learning. — [impact: $ / % / how many]\n"
            )
        );
        // A bullet holding a numbered item: after the item's text.
        assert_eq!(
            fixed(&notes, CODE, 1, "Add an impact placeholder"),
            CAREER.replace(
                "Led the vendor consolidation\n",
                "Led the vendor consolidation — [impact: $ / % / how many]\n"
            )
        );
        assert_eq!(
            fixed(&notes, CODE, 0, ASK),
            CAREER.replace(
                "## Wins & Artifacts\n",
                "## Wins & Artifacts\n\n> Can you quantify the $ impact of your wins?\n"
            )
        );
    }

    #[test]
    fn an_impact_row_gets_the_placeholder_in_its_impact_cell() {
        let notes = [("Career.md", CAREER)];
        assert_eq!(
            fixed(&notes, CODE, 2, "Add an impact placeholder"),
            CAREER.replace(
                "| Simpler procurement |",
                "| Simpler procurement — [impact: $ / % / how many] |"
            )
        );
        assert_eq!(
            fixed(&notes, CODE, 3, "Add an impact placeholder"),
            CAREER.replace(
                "| Cloud rightsizing | |",
                "| Cloud rightsizing | [impact: $ / % / how many] |"
            )
        );
        assert_eq!(
            fixed(&notes, CODE, 3, ASK),
            CAREER.replace(
                "### Business Impact Metrics\n",
                "### Business Impact Metrics\n\n> Can you quantify the $ impact of your wins?\n\n"
            )
        );
    }

    #[test]
    fn prose_wins_and_impact_bullets_get_the_placeholder_after_their_text() {
        let career = "# Career\n\n## Wins & Artifacts\n\n### 2025\n\nLed the migration of 40 services to Kubernetes.\n\nRebuilt the on-call rotation from scratch.\n\n## Business Impact\n\n- Calls over 1s dropped from 30% to 10%\n- Improved reliability of the payments API\n";
        let notes = [("Career.md", career)];
        let found = crate::rules::fixes_support::testing::findings(&notes, CODE);
        assert_eq!(
            found
                .iter()
                .map(|f| &career[f.range.clone()])
                .collect::<Vec<_>>(),
            [
                "Rebuilt the on-call rotation from scratch.",
                "- Improved reliability of the payments API"
            ]
        );
        assert!(found[1]
            .message
            .starts_with("This impact has no number yet"));
        assert_eq!(
            fixed(&notes, CODE, 0, "Add an impact placeholder"),
            career.replace(
                "from scratch.\n",
                "from scratch. — [impact: $ / % / how many]\n"
            )
        );
        assert_eq!(
            fixed(&notes, CODE, 1, "Add an impact placeholder"),
            career.replace(
                "payments API\n",
                "payments API — [impact: $ / % / how many]\n"
            )
        );
    }
}
