//! Quick fixes: the fixes of the findings at a range, "Ignore CODE here", and the fixes that
//! create notes.
//!
//! The rules attach their fixes to their findings (edits to the note the finding is in);
//! this module offers them for a range of the note, adds the suppression comment of SPEC §6
//! for every finding, and the fixes that create a note, which a rule cannot express:
//! `broken-link` creates the missing note and `past-goals-year` this year's Goals note.

use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

use super::{Action, ActionKind, Change};
use crate::methodology::templates::{goals, goals_file_name, session_log, week_start};
use crate::model::links::{resolve, Resolution};
use crate::model::{year_goals, Note};
use crate::rules::fixes_support::has_trailing_pipe;
use crate::rules::{Edit, Finding};
use crate::syntax::BlockKind;
use crate::workspace::Snapshot;

/// The quick fixes for the findings of the snapshot's note whose range meets `range` (a
/// cursor inside a finding, or touching its ends, counts): each finding's own fixes, then
/// the notes it would create, then "Ignore CODE here". Identical actions offered for
/// several findings appear once.
pub fn quick_fixes(snapshot: &Snapshot, range: Range<usize>) -> Vec<Action> {
    let findings = snapshot.diagnostics();
    let mut actions: Vec<Action> = Vec::new();
    for finding in findings
        .iter()
        .filter(|f| f.range.start <= range.end && range.start <= f.range.end)
    {
        let mut offered = Vec::new();
        for fix in &finding.fixes {
            if fix.edits.iter().all(|e| fits(snapshot.text(), e)) {
                offered.push(edit_action(
                    snapshot,
                    finding,
                    fix.title.clone(),
                    fix.edits.clone(),
                    fix.preferred,
                ));
            }
        }
        offered.extend(create_action(snapshot, finding));
        offered.extend(ignore_action(snapshot, finding));
        for action in offered {
            let duplicate = actions
                .iter()
                .any(|a| a.title == action.title && a.changes == action.changes);
            if !duplicate {
                actions.push(action);
            }
        }
    }
    actions
}

/// Whether an edit applies to `text` as it is: inside it, on character boundaries, and not
/// between the two bytes of a `\r\n` (a fix is computed from the outline, which assumes
/// `\n` line breaks).
fn fits(text: &str, edit: &Edit) -> bool {
    let Range { start, end } = edit.range;
    let splits_crlf = |at: usize| {
        at > 0
            && at < text.len()
            && text.as_bytes()[at - 1] == b'\r'
            && text.as_bytes()[at] == b'\n'
    };
    start <= end
        && end <= text.len()
        && text.is_char_boundary(start)
        && text.is_char_boundary(end)
        && !splits_crlf(start)
        && !splits_crlf(end)
}

fn edit_action(
    snapshot: &Snapshot,
    finding: &Finding,
    title: String,
    edits: Vec<Edit>,
    preferred: bool,
) -> Action {
    Action {
        title,
        kind: ActionKind::QuickFix,
        changes: vec![Change::Edit {
            path: snapshot.path().to_path_buf(),
            edits,
        }],
        fixes: Some((finding.code, finding.range.clone())),
        preferred,
    }
}

/// The comment that suppresses `code` on the line after it (SPEC §6).
fn suppression(code: &str) -> String {
    format!("<!-- career-lsp-disable-next-line {code} -->")
}

/// "Ignore CODE here": the suppression comment on its own line above the finding's line,
/// indented like it. A table row cannot have a line above it inside its table without
/// breaking the table, so there the comment goes after the row above, where a Markdown
/// table ignores cells beyond its header's; the first row of a table, and the front
/// matter, get no such action.
fn ignore_action(snapshot: &Snapshot, finding: &Finding) -> Option<Action> {
    let text = snapshot.text();
    let note = snapshot.note();
    let start = finding.range.start.min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    if note
        .outline
        .front_matter
        .as_ref()
        .is_some_and(|f| f.range.contains(&line_start))
    {
        return None;
    }
    let edit = match table_row_at(note, start) {
        Some(TableRowAt::First) => return None,
        Some(TableRowAt::After { end, usable }) => {
            if !usable {
                return None;
            }
            Edit {
                range: end..end,
                text: suppression(finding.code),
            }
        }
        None => {
            let line = &text[line_start..];
            let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
            Edit {
                range: line_start..line_start,
                text: format!("{indent}{}\n", suppression(finding.code)),
            }
        }
    };
    Some(edit_action(
        snapshot,
        finding,
        format!("Ignore {} here", finding.code),
        vec![edit],
        false,
    ))
}

enum TableRowAt {
    /// The finding is on a table's first row, right under the delimiter row.
    First,
    /// The finding is on a later row; the row above ends at `end`, and a comment can follow
    /// it when it ends with a pipe and has all its header's cells.
    After { end: usize, usable: bool },
}

fn table_row_at(note: &Note, offset: usize) -> Option<TableRowAt> {
    note.outline.blocks.iter().find_map(|block| {
        let BlockKind::Table(table) = &block.kind else {
            return None;
        };
        let index = table
            .rows
            .iter()
            .position(|r| r.range.start <= offset && offset <= r.range.end)?;
        if index == 0 {
            return Some(TableRowAt::First);
        }
        let above = &table.rows[index - 1];
        Some(TableRowAt::After {
            end: above.range.end,
            usable: has_trailing_pipe(above) && above.cells.len() >= table.header.cells.len(),
        })
    })
}

/// The notes a finding's fix creates: the missing note of a broken link, this year's Goals
/// note for a past year's.
fn create_action(snapshot: &Snapshot, finding: &Finding) -> Option<Action> {
    let (title, path, text) = match finding.code {
        "broken-link" => create_linked_note(snapshot, finding)?,
        "past-goals-year" => {
            let year = snapshot.today.year();
            let path = folder(snapshot).join(goals_file_name(year));
            let text = goals(year, week_start(snapshot.today));
            (format!("Create {year} Goals note"), path, text)
        }
        _ => return None,
    };
    if snapshot.document_for(&path).is_some() {
        return None;
    }
    Some(Action {
        title,
        kind: ActionKind::QuickFix,
        changes: vec![Change::Create { path, text }],
        fixes: Some((finding.code, finding.range.clone())),
        preferred: false,
    })
}

fn folder(snapshot: &Snapshot) -> PathBuf {
    snapshot
        .path()
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

static SESSION_LOG_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(\d{4}-\d{2}-\d{2})\s.*session").expect("valid regex"));

/// "Create <target>.md" for a link to a note that does not exist, in the linking note's
/// folder: a Goals note from the goals template, a session log from the session-log
/// template, anything else as a title. Targets that would leave the folder are not created.
fn create_linked_note(snapshot: &Snapshot, finding: &Finding) -> Option<(String, PathBuf, String)> {
    let note = snapshot.note();
    let link = note
        .outline
        .wikilinks
        .iter()
        .find(|l| l.range == finding.range)?;
    let notes = snapshot.notes();
    if !matches!(resolve(notes, note, link), Resolution::MissingNote) {
        return None;
    }
    let target = link.target.trim();
    let target = target.strip_suffix(".md").unwrap_or(target).trim();
    let relative = Path::new(target);
    if target.is_empty()
        || !relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let name = relative.file_name()?.to_str()?.to_string();
    let text = template_for(&name, snapshot.today);
    Some((
        format!("Create {target}.md"),
        folder(snapshot).join(format!("{target}.md")),
        text,
    ))
}

/// The text of a new note called `name`.
fn template_for(name: &str, today: NaiveDate) -> String {
    if let Some(year) = year_goals(name) {
        let monday = if year == today.year() {
            week_start(today)
        } else {
            first_monday(year).unwrap_or_else(|| week_start(today))
        };
        return goals(year, monday);
    }
    if let Some(date) = SESSION_LOG_NAME
        .captures(name)
        .and_then(|c| NaiveDate::parse_from_str(&c[1], "%Y-%m-%d").ok())
    {
        // The template's title names a coaching session; the note keeps the link's name.
        let log = session_log(date);
        let body = log.split_once('\n').map_or("", |(_, rest)| rest);
        return format!("# {name}\n{body}");
    }
    format!("# {name}\n")
}

/// The first Monday of `year`.
fn first_monday(year: i32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let offset = (7 - first.weekday().num_days_from_monday()) % 7;
    first.checked_add_days(chrono::Days::new(u64::from(offset)))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::features::test_support::{snapshot, snapshot_at};
    use crate::rules::fixes_support::testing::apply;

    /// The titles of the quick fixes at the cursor of the first note.
    fn titles_at(notes: &[(&str, &str)]) -> Vec<String> {
        let (snapshot, offset) = snapshot_at(notes);
        quick_fixes(&snapshot, offset..offset)
            .into_iter()
            .map(|a| a.title)
            .collect()
    }

    /// The first note's text after the quick fix titled `title` at the cursor.
    fn applied_at(notes: &[(&str, &str)], title: &str) -> String {
        let (snapshot, offset) = snapshot_at(notes);
        let actions = quick_fixes(&snapshot, offset..offset);
        let action = actions
            .iter()
            .find(|a| a.title == title)
            .unwrap_or_else(|| panic!("no “{title}” among {actions:#?}"));
        let [Change::Edit { edits, .. }] = action.changes.as_slice() else {
            panic!("{action:?} is not one edit");
        };
        apply(snapshot.text(), edits)
    }

    fn created_at(notes: &[(&str, &str)], title: &str) -> (PathBuf, String) {
        let (snapshot, offset) = snapshot_at(notes);
        let actions = quick_fixes(&snapshot, offset..offset);
        let action = actions
            .iter()
            .find(|a| a.title == title)
            .unwrap_or_else(|| panic!("no “{title}” among {actions:#?}"));
        match action.changes.as_slice() {
            [Change::Create { path, text }] => (path.clone(), text.clone()),
            other => panic!("{other:?} creates no note"),
        }
    }

    const CAREER: &str = "# Career\n\n## Vision\n\n**North Star (2031):** Principal engineer at a logistics company.\n\n### The Picture\n- **Life:** Living in Rotterdam, four weeks a year offline.\n- **Role:** Principal engineer who sets platform strategy.\n- **Impact:** Developer platforms that cut lead time from weeks to hours.\n- **Reach:** A respected voice on platform engineering; conference talks.\n";

    const GOALS: &str = "# 2026 Goals\n\nServes [[Career#Vision]]\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status | Vision |\n|------|---------|----------------|--------|--------|\n| G1 | Principal promotion | Packet accepted | In progress | Role |\n| G2 | Known for platform talks$0 | Two conference talks | Not started | |\n\n## Quarterly Intentions\n\n| Quarter | Intention | Focus |\n|---|---|---|\n| Q1 | *\"Prove it\"* | G1: scope summary; G2: CFP |\n\n## Weekly Review\n\n### Weekly Review — 2026-03-13\n- **The ONE thing:** the CFP.\n";

    #[test]
    fn a_cursor_on_a_goal_row_gets_that_rows_fixes() {
        assert_eq!(
            titles_at(&[("2026 Goals.md", GOALS), ("Career.md", CAREER)]),
            [
                "Link G2 to Vision: Reach",
                "Link G2 to Vision: Role",
                "Link G2 to Vision: Impact",
                "Link G2 to Vision: Life",
                "Ignore goal-not-linked here",
            ]
        );
        let (snapshot, offset) = snapshot_at(&[("2026 Goals.md", GOALS), ("Career.md", CAREER)]);
        let actions = quick_fixes(&snapshot, offset..offset);
        let first = &actions[0];
        assert_eq!(first.kind, ActionKind::QuickFix);
        assert!(first.preferred);
        let (code, range) = first.fixes.clone().unwrap();
        assert_eq!(code, "goal-not-linked");
        assert!(snapshot.text()[range].starts_with("| G2 | Known for platform talks"));
        assert!(actions[1..].iter().all(|a| !a.preferred));
    }

    #[test]
    fn a_range_that_touches_a_finding_counts() {
        let text = GOALS.replace("$0", "");
        let snapshot = snapshot(&[("2026 Goals.md", &text), ("Career.md", CAREER)]);
        let row = text.find("| G2 |").unwrap();
        assert!(!quick_fixes(&snapshot, row - 1..row).is_empty());
        assert!(quick_fixes(&snapshot, row - 2..row - 1).is_empty());
        // The whole note: every finding's fixes, each action once.
        let all = quick_fixes(&snapshot, 0..text.len());
        for (i, action) in all.iter().enumerate() {
            assert!(
                !all[..i]
                    .iter()
                    .any(|a| a.title == action.title && a.changes == action.changes),
                "{} twice",
                action.title
            );
        }
    }

    #[test]
    fn ignore_writes_the_suppression_comment_above_the_line() {
        let goals = "# 2026 Goals\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status | Vision |\n|---|---|---|---|---|\n| G1 | Principal promotion | Packet accepted | In progress | Role |\n\n## Monthly Milestones\n\n### Feb 2026\n- [x] Go template in production (G1)\n  - [ ] Demo it at the all-hands$0 (G1)\n";
        let ignored = applied_at(&[("2026 Goals.md", goals)], "Ignore overdue-milestone here");
        assert_eq!(
            ignored,
            goals.replace("$0", "").replace(
                "  - [ ] Demo",
                "  <!-- career-lsp-disable-next-line overdue-milestone -->\n  - [ ] Demo"
            )
        );
        let snapshot = snapshot(&[("2026 Goals.md", &ignored)]);
        let left = snapshot.diagnostics();
        assert!(
            !left.iter().any(|f| f.code == "overdue-milestone"),
            "{left:#?}"
        );
    }

    #[test]
    fn on_a_table_row_the_comment_follows_the_row_above() {
        let goals = GOALS.replace("$0", "");
        let with_cursor = goals.replace("| G2 |", "| G2$0 |");
        let ignored = applied_at(
            &[("2026 Goals.md", &with_cursor), ("Career.md", CAREER)],
            "Ignore goal-not-linked here",
        );
        assert_eq!(
            ignored,
            goals.replace(
                "| In progress | Role |\n",
                "| In progress | Role |<!-- career-lsp-disable-next-line goal-not-linked -->\n"
            )
        );
        let snapshot = snapshot(&[("2026 Goals.md", &ignored), ("Career.md", CAREER)]);
        let left = snapshot.diagnostics();
        assert!(
            !left.iter().any(|f| f.code == "goal-not-linked"),
            "{left:#?}"
        );
        // The first row has only the delimiter row above it: no comment can go there.
        let first = goals
            .replace(
                "| G1 | Principal promotion | Packet accepted | In progress | Role |\n",
                "",
            )
            .replace("| G2 |", "| G2$0 |");
        let titles = titles_at(&[("2026 Goals.md", &first), ("Career.md", CAREER)]);
        assert!(
            !titles.iter().any(|t| t.starts_with("Ignore")),
            "{titles:?}"
        );
    }

    #[test]
    fn a_broken_link_creates_its_note_from_the_right_template() {
        let session = "# 2026-03-14 Career Coaching Session\n\n## Open threads\n- Draft [[2027 Goals$0]] in December.\n- Follow up in [[2026-03-28 Career Coaching Session]].\n- Collect evidence in [[Promo Packet 2026]].\n- Re-read [[Career#Promotion Case]].\n- Not [[../Private/Salary]].\n";
        let notes = [
            ("2026-03-14 Career Coaching Session.md", session),
            ("Career.md", CAREER),
        ];
        let (path, text) = created_at(&notes, "Create 2027 Goals.md");
        assert_eq!(path, PathBuf::from("/vault/2027 Goals.md"));
        assert!(
            text.starts_with("# 2027 Goals\n\n→ [[Career#Vision]]\n"),
            "{text}"
        );
        assert!(text.contains("### Week of 2027-01-04\n"), "{text}");

        let at = |link: &str| {
            session
                .replace("$0", "")
                .replace(link, &format!("{link}$0"))
        };
        let follow_up = at("[[2026-03-28 Career Coaching Session]]");
        let (path, text) = created_at(
            &[(notes[0].0, &follow_up), notes[1]],
            "Create 2026-03-28 Career Coaching Session.md",
        );
        assert_eq!(
            path,
            PathBuf::from("/vault/2026-03-28 Career Coaching Session.md")
        );
        assert!(
            text.starts_with("# 2026-03-28 Career Coaching Session\n"),
            "{text}"
        );
        assert!(text.contains("## Open threads"), "{text}");

        let packet = at("[[Promo Packet 2026]]");
        assert_eq!(
            created_at(
                &[(notes[0].0, &packet), notes[1]],
                "Create Promo Packet 2026.md"
            ),
            (
                PathBuf::from("/vault/Promo Packet 2026.md"),
                "# Promo Packet 2026\n".to_string()
            )
        );
        // A missing heading is not a missing note; a path out of the folder is not created.
        for link in ["[[Career#Promotion Case]]", "[[../Private/Salary]]"] {
            let titles = titles_at(&[(notes[0].0, &at(link)), notes[1]]);
            assert!(
                !titles.iter().any(|t| t.starts_with("Create")),
                "{link}: {titles:?}"
            );
            assert!(
                titles.iter().any(|t| t == "Ignore broken-link here"),
                "{link}: {titles:?}"
            );
        }
    }

    #[test]
    fn last_years_goals_offer_this_years_note() {
        let goals = "# 2025 Goals$0\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status | Vision |\n|---|---|---|---|---|\n| G1 | Staff promotion | Promoted | Complete | Role |\n";
        let (path, text) = created_at(&[("Goals/2025 Goals.md", goals)], "Create 2026 Goals note");
        assert_eq!(path, PathBuf::from("/vault/Goals/2026 Goals.md"));
        assert!(text.starts_with("# 2026 Goals\n"), "{text}");
        assert!(text.contains("### Week of 2026-03-09\n"), "{text}");
        // Not when the note would overwrite one.
        let titles = titles_at(&[
            ("Goals/2025 Goals.md", goals),
            ("Goals/2026 Goals.md", "# Draft\n"),
        ]);
        assert!(
            !titles.iter().any(|t| t.starts_with("Create")),
            "{titles:?}"
        );
    }

    #[test]
    fn a_profile_alone_gets_nothing() {
        let profile = "# CLAUDE.md$0\n\nBuild with cargo.\n";
        assert!(titles_at(&[("CLAUDE.md", profile)]).is_empty());
        assert!(titles_at(&[("CLAUDE.md", profile), ("Career.md", CAREER)])
            .iter()
            .any(|t| t == "Add the Profile section"));
        // A root with its own career-lsp.toml is a career workspace too.
        let (text, offset) = crate::features::test_support::cursor(profile);
        let in_configured_root = crate::features::test_support::snapshot_in_root(
            &[("CLAUDE.md", &text)],
            Some("today = \"2026-03-15\"\n"),
        );
        assert!(quick_fixes(&in_configured_root, offset..offset)
            .iter()
            .any(|a| a.title == "Add the Profile section"));
    }

    #[test]
    fn edits_that_do_not_fit_the_text_are_not_offered() {
        let text = "# É\r\nb";
        let fits = |range: Range<usize>| {
            super::fits(
                text,
                &Edit {
                    range,
                    text: String::new(),
                },
            )
        };
        assert!(fits(0..4));
        assert!(!fits(3..3), "inside É");
        assert!(!fits(5..5), "between \\r and \\n");
        assert!(!fits(6..9));
        assert!(!fits(Range { start: 4, end: 2 }));
    }
}
