//! `session-not-indexed`: a session log the Career Index's Session Logs list does not name.

use std::sync::LazyLock;

use super::fixes_support::{
    insert_block_at, insert_section, new_row, row_text, section_content_end,
};
use super::{finding, Applicability, Context, Edit, Finding, Fix, Rule, RuleMeta, Severity};
use crate::methodology::templates::section_template;
use crate::methodology::SectionId;
use crate::model::{Note, SessionLog};
use crate::syntax::{BlockKind, Table};

pub struct SessionNotIndexed;

impl SessionNotIndexed {
    pub const META: RuleMeta = RuleMeta {
        code: "session-not-indexed",
        default_severity: Severity::Info,
        documentation: include_str!("docs/session-not-indexed.md"),
        blind_spot: None,
    };
}

/// The template's Session Logs section (it names no year), made once: a vault may have
/// thousands of logs that its index does not list.
static SESSION_LOGS_SECTION: LazyLock<String> =
    LazyLock::new(|| section_template(SectionId::SessionLogs, 2026));

/// `text` as a table cell: one line, its pipes escaped.
fn cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

/// What the Session Logs row says of a log: its link, its focus (the `Focus:` line, else
/// the first thing discussed) and its output (the decisions).
struct Summary {
    link: String,
    focus: String,
    output: String,
}

impl Summary {
    fn of(log_note: &Note, log: &SessionLog) -> Summary {
        let focus = log
            .focus
            .as_ref()
            .or(log.discussed.first())
            .map_or(String::new(), |t| cell(&t.text));
        let output = log
            .decisions
            .iter()
            .map(|d| cell(d.text.trim_end_matches('.')))
            .collect::<Vec<_>>()
            .join("; ");
        Summary {
            link: format!("[[{}]]", log_note.stem()),
            focus,
            output,
        }
    }

    /// The row's cells under `table`'s header: the link under Date (or Session, or the
    /// first column), the focus under Focus (or Topic), the output under Output (or
    /// Outcome, Decisions); other columns stay empty.
    fn cells(&self, table: &Table) -> Vec<String> {
        let width = table.header.cells.len().max(1);
        let mut cells = vec![String::new(); width];
        let link = table
            .column(&["date", "session", "log", "session log"])
            .unwrap_or(0);
        cells[link] = self.link.clone();
        if let Some(focus) = table.column(&["focus", "topic", "subject"]) {
            if focus != link {
                cells[focus] = self.focus.clone();
            }
        }
        if let Some(output) = table.column(&["output", "outcome", "outcomes", "decisions"]) {
            if output != link {
                cells[output] = self.output.clone();
            }
        }
        cells
    }

    /// The row of the methodology's `| Date | Focus | Output |` table.
    fn row(&self) -> String {
        let cells = [self.link.clone(), self.focus.clone(), self.output.clone()];
        row_text(&cells, true, true)
    }

    fn item(&self) -> String {
        match (self.focus.is_empty(), self.output.is_empty()) {
            (true, _) => format!("- {}", self.link),
            (false, true) => format!("- {} — {}", self.link, self.focus),
            (false, false) => format!("- {} — {} → {}", self.link, self.focus, self.output),
        }
    }
}

/// The date a row's or item's first link names (`[[2026-01-17 …]]`), to keep the list in
/// order.
fn listed_date(text: &str) -> Option<chrono::NaiveDate> {
    let start = text.find("[[")? + 2;
    chrono::NaiveDate::parse_from_str(text.get(start..start + 10)?, "%Y-%m-%d").ok()
}

/// The edit that lists `summary` in `index`: a row of the Session Logs table, in date
/// order (in place of the template's empty row, when it has one); an item of a list; a
/// table under a heading that has neither; a new Session Logs section.
fn listing_edit(index: &Note, summary: &Summary, date: Option<chrono::NaiveDate>) -> Edit {
    let Some(section) = index.section(SectionId::SessionLogs) else {
        let block = SESSION_LOGS_SECTION.replace("| | | |", &summary.row());
        return insert_section(index, SectionId::SessionLogs, &block);
    };
    let blocks: Vec<_> = index.blocks_in(section).collect();
    let table = blocks.iter().find_map(|b| match &b.kind {
        BlockKind::Table(table) => Some((b, table)),
        _ => None,
    });
    if let Some((block, table)) = table {
        let like = table.rows.last().unwrap_or(&table.header);
        let row = new_row(like, &summary.cells(table));
        if let Some(empty) = table
            .rows
            .iter()
            .find(|r| r.cells.iter().all(|c| c.text.is_empty()))
        {
            return Edit {
                range: empty.range.clone(),
                text: row,
            };
        }
        let later = date.and_then(|date| {
            table.rows.iter().find(|r| {
                let text = &index.text[r.range.clone()];
                listed_date(text).is_some_and(|d| d > date)
            })
        });
        return match later {
            Some(next) => Edit {
                range: next.range.start..next.range.start,
                text: format!("{row}\n"),
            },
            None => {
                // After the last row, or after the delimiter row of a table without rows.
                let end = match table.rows.last() {
                    Some(row) => row.range.end,
                    None => index.text[..block.range.end]
                        .trim_end_matches(['\n', '\r'])
                        .len(),
                };
                Edit {
                    range: end..end,
                    text: format!("\n{row}"),
                }
            }
        };
    }
    let items: Vec<_> = blocks
        .iter()
        .filter(|b| matches!(&b.kind, BlockKind::ListItem(item) if item.depth == 0))
        .collect();
    if let Some(last) = items.last() {
        let later = date.and_then(|date| {
            items
                .iter()
                .find(|b| listed_date(&b.text).is_some_and(|d| d > date))
        });
        return match later {
            Some(next) => Edit {
                range: next.range.start..next.range.start,
                text: format!("{}\n", summary.item()),
            },
            None => Edit {
                range: last.range.end..last.range.end,
                text: format!("\n{}", summary.item()),
            },
        };
    }
    let table = format!(
        "| Date | Focus | Output |\n|------|-------|--------|\n{}\n",
        summary.row()
    );
    insert_block_at(index, section_content_end(index, section), &table)
}

/// The edit that lists a new session log, `stem`, held on `date`, in `index`'s Session
/// Logs: its row, with the focus and output still to write ("Start a session log").
pub(crate) fn new_log_listing(index: &Note, stem: &str, date: chrono::NaiveDate) -> Edit {
    let summary = Summary {
        link: format!("[[{stem}]]"),
        focus: String::new(),
        output: String::new(),
    };
    listing_edit(index, &summary, Some(date))
}

impl Rule for SessionNotIndexed {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
        let Some(log) = note.as_session_log() else {
            return Vec::new();
        };
        let Some(index) = context.career_index_of(note) else {
            return Vec::new();
        };
        if context.lists_session_log(index, note) {
            return Vec::new();
        }
        let index = context.content_of(note, index);
        let index_name = index.stem();
        let mut found = finding(
            self,
            note.title_range(),
            format!(
                "This session isn't listed in {index_name}'s Session Logs yet — add it, so the next session can pick up where this one ended."
            ),
        );
        let summary = Summary::of(note, log);
        found.fixes.extend(Fix::in_other_note(
            index,
            "Add to the Session Logs table",
            Applicability::Resolves,
            vec![listing_edit(index, &summary, log.date)],
        ));
        vec![found]
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::fixes_support::testing::{apply, findings, titles};

    const CODE: &str = super::SessionNotIndexed::META.code;
    const TITLE: &str = "Add to the Session Logs table";

    const LOG: &str = "# 2026-02-21 Career Coaching Session\n\n**Focus:** Blind spot review\n\n## Discussed\n- The contingency question.\n\n## Decisions\n- Quantify the CI overhaul.\n- Ask Ruud for a read | in June.\n\n## Open threads\n- A mitigation for the acquisition risk.\n";

    /// The index's text after the fix.
    fn index_after(notes: &[(&str, &str)]) -> String {
        let found = findings(notes, CODE);
        assert_eq!(found.len(), 1, "{found:#?}");
        let fix = found[0].fixes.iter().find(|f| f.title == TITLE).unwrap();
        assert!(fix.edits().is_empty(), "the log itself is not edited");
        let (path, edits) = fix.edits_elsewhere().expect("an edit of the index");
        assert!(path.ends_with("Career.md"), "{path:?}");
        apply(notes[1].1, edits)
    }

    #[test]
    fn the_row_goes_in_date_order_with_focus_and_decisions() {
        let index = "# Career\n\n## Session Logs\n\n| Date | Focus | Output |\n|------|-------|--------|\n| [[2026-01-17 Career Coaching Session]] | Buildout | Career Index |\n| [[2026-03-02 Career Coaching Session]] | Promo | Packet |\n";
        let notes = [
            ("2026-02-21 Career Coaching Session.md", LOG),
            ("Career.md", index),
        ];
        assert_eq!(
            titles(&notes, CODE),
            [[format!("{TITLE} (resolves, preferred)")]]
        );
        assert_eq!(
            index_after(&notes),
            index.replace(
                "| [[2026-03-02",
                "| [[2026-02-21 Career Coaching Session]] | Blind spot review | Quantify the CI overhaul; Ask Ruud for a read \\| in June |\n| [[2026-03-02"
            )
        );
    }

    #[test]
    fn the_templates_empty_row_gives_way_and_a_missing_section_is_added() {
        let index = "# Career\n\n## Open Tasks\n\n- [ ] Draft the one-pager\n\n## Session Logs\n\n| Date | Focus | Output |\n|------|-------|--------|\n| | | |\n";
        let notes = [
            ("2026-02-21 Career Coaching Session.md", LOG),
            ("Career.md", index),
        ];
        assert!(index_after(&notes).ends_with("|--------|\n| [[2026-02-21 Career Coaching Session]] | Blind spot review | Quantify the CI overhaul; Ask Ruud for a read \\| in June |\n"));
        let bare = "# Career\n\n## Open Tasks\n\n- [ ] Draft the one-pager\n";
        let notes = [
            ("2026-02-21 Career Coaching Session.md", LOG),
            ("Career.md", bare),
        ];
        assert_eq!(
            index_after(&notes),
            format!("{bare}\n## Session Logs\n\n| Date | Focus | Output |\n|------|-------|--------|\n| [[2026-02-21 Career Coaching Session]] | Blind spot review | Quantify the CI overhaul; Ask Ruud for a read \\| in June |\n")
        );
    }

    #[test]
    fn a_list_gets_an_item_and_a_log_without_focus_uses_what_was_discussed() {
        let log = LOG.replace("**Focus:** Blind spot review\n\n", "");
        let index =
            "# Career\n\n## Sessions\n\n- [[2026-01-17 Career Coaching Session]] — buildout\n";
        let notes = [
            ("2026-02-21 Career Coaching Session.md", log.as_str()),
            ("Career.md", index),
        ];
        assert_eq!(
            index_after(&notes),
            format!("{index}- [[2026-02-21 Career Coaching Session]] — The contingency question. → Quantify the CI overhaul; Ask Ruud for a read \\| in June\n")
        );
    }
}
