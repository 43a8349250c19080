//! Quick fixes: the fixes of the findings at a range, and "Ignore CODE here".
//!
//! The rules attach their fixes to their findings (edits to the note the finding is in,
//! and notes to create); this module offers them for a range of the note as code actions,
//! and adds the suppression comment of SPEC §6 for every finding.

use std::ops::Range;

use super::{Action, ActionKind, Change};
use crate::model::Note;
use crate::rules::fixes_support::has_trailing_pipe;
use crate::rules::{Applicability, Edit, Finding, Fix};
use crate::syntax::BlockKind;
use crate::workspace::Snapshot;

/// The quick fixes for the findings of the snapshot's note whose range meets `range` (a
/// cursor inside a finding, or touching its ends, counts): each finding's own fixes, then
/// "Ignore CODE here". Identical actions offered for several findings appear once.
/// File-level findings (at the H1, else the start of the note) are offered only when the
/// range lies on that line: a selection that merely reaches it does not get them.
pub fn quick_fixes(snapshot: &Snapshot, range: Range<usize>) -> Vec<Action> {
    quick_fixes_for(snapshot, range, &[])
}

/// As [`quick_fixes`], for a request that names the diagnostics it wants fixed (`asked`:
/// each one's code and byte range, in the request's order). Their fixes come first, in
/// that order, wherever they are; the fixes of the other findings at `range` follow.
pub fn quick_fixes_for(
    snapshot: &Snapshot,
    range: Range<usize>,
    asked: &[(String, Range<usize>)],
) -> Vec<Action> {
    let findings = snapshot.diagnostics();
    let note = snapshot.note();
    let title = note.title_range();
    let on_title_line = {
        let (start, end) = line_around(snapshot.text(), title.start);
        start <= range.start && range.end <= end
    };
    let mut chosen: Vec<&Finding> = Vec::new();
    for (code, at) in asked {
        for finding in findings
            .iter()
            .filter(|f| f.code == code.as_str() && f.range == *at)
        {
            if !chosen.iter().any(|c| std::ptr::eq(*c, finding)) {
                chosen.push(finding);
            }
        }
    }
    // A file-level finding is about the whole note: offered where its line is, not at
    // every request that happens to touch the note's first line.
    let here = findings.iter().filter(|f| {
        f.range.start <= range.end
            && range.start <= f.range.end
            && (f.range != title || on_title_line)
    });
    for finding in here {
        if !chosen.iter().any(|c| std::ptr::eq(*c, finding)) {
            chosen.push(finding);
        }
    }
    let mut actions: Vec<Action> = Vec::new();
    for finding in chosen {
        let offered = finding
            .fixes
            .iter()
            .filter_map(|fix| fix_action(snapshot, finding, fix))
            .chain(ignore_action(snapshot, finding));
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

/// The start and the end (after its line break, so that a whole-line selection counts)
/// of the line that holds `offset`.
fn line_around(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..]
        .find('\n')
        .map_or(text.len(), |i| offset + i + 1);
    (start, end)
}

/// A rule's fix as a code action: its edits to the note, and the note it creates. `None`
/// for a fix that would create a file that exists (on disk, if not as a note): a new note
/// is never written over, nor its text inserted into another.
fn fix_action(snapshot: &Snapshot, finding: &Finding, fix: &Fix) -> Option<Action> {
    if fix
        .creates()
        .is_some_and(|note| snapshot.file_exists(&note.path))
    {
        return None;
    }
    let mut changes = Vec::new();
    if !fix.edits().is_empty() {
        changes.push(Change::Edit {
            path: snapshot.path().to_path_buf(),
            edits: fix.edits().to_vec(),
        });
    }
    if let Some((path, edits)) = fix.edits_elsewhere() {
        changes.push(Change::Edit {
            path: path.clone(),
            edits: edits.to_vec(),
        });
    }
    if let Some(note) = fix.creates() {
        changes.push(Change::Create {
            path: note.path.clone(),
            text: note.text.clone(),
        });
    }
    Some(Action {
        title: fix.title.clone(),
        kind: ActionKind::QuickFix,
        changes,
        shows: None,
        fixes: Some((finding.code, finding.range.clone())),
        preferred: fix.is_preferred(),
    })
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
    let fix = Fix::new(
        note,
        format!("Ignore {} here", finding.code),
        Applicability::Suggestion,
        vec![edit],
    )?;
    fix_action(snapshot, finding, &fix)
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

    /// A brag document in its own shape: several file-level findings at the H1, and a win
    /// with no number further down.
    const BRAG: &str = "# Career\n\n## Vision\n\n**North Star (2030):** Staff engineer on a logistics platform.\n\n## Current Role\n\nSenior engineer, shipments.\n\n## Timeline\n\n| Years | Role | Company | Key Achievement |\n|---|---|---|---|\n| 2021– | Senior Engineer | Freightline | Led the ingestion rewrite |\n\n## Growth\n\n- Kafka, idempotent consumers\n\n## Network\n\n### Sponsors\n- Ruud Janssen — VP Engineering\n\n### Mentors\n- Elena Marchetti — Staff Engineer\n\n## Wins\n\n- Improved the reliability of the ingestion pipeline$0\n\n## Open Tasks\n\n- [ ] Ask Ruud about the staff promotion\n";

    #[test]
    fn file_level_fixes_stay_on_the_title_line_unless_asked_for() {
        let at_win = titles_at(&[("Career.md", BRAG)]);
        assert!(
            at_win.iter().any(|t| t == "Ignore unquantified-win here"),
            "{at_win:?}"
        );
        assert!(
            !at_win
                .iter()
                .any(|t| t == "Add all missing sections" || t == "Ignore missing-section here"),
            "{at_win:?}"
        );
        // On the H1 line, they are all there.
        let text = BRAG.replace("$0", "");
        let snapshot = snapshot(&[("Career.md", &text)]);
        let on_title: Vec<String> = quick_fixes(&snapshot, 3..3)
            .into_iter()
            .map(|a| a.title)
            .collect();
        for title in ["Add all missing sections", "Ignore missing-section here"] {
            assert!(on_title.iter().any(|t| t == title), "{title}: {on_title:?}");
        }
        // A selection of the whole note reaches the H1 but is not on its line.
        let everything: Vec<String> = quick_fixes(&snapshot, 0..text.len())
            .into_iter()
            .map(|a| a.title)
            .collect();
        assert!(
            !everything.iter().any(|t| t == "Add all missing sections"),
            "{everything:?}"
        );
        assert!(
            everything
                .iter()
                .any(|t| t == "Ignore unquantified-win here"),
            "{everything:?}"
        );
    }

    #[test]
    fn the_fixes_asked_for_come_first_in_the_order_asked() {
        let (snapshot, offset) = snapshot_at(&[("Career.md", BRAG)]);
        let findings = snapshot.diagnostics();
        let asked_for = |code: &str| {
            let found = findings
                .iter()
                .find(|f| f.code == code)
                .unwrap_or_else(|| panic!("no {code} in {findings:#?}"));
            (code.to_string(), found.range.clone())
        };
        let (missing, win) = (asked_for("missing-section"), asked_for("unquantified-win"));
        let codes_for = |asked: &[(String, Range<usize>)]| -> Vec<&'static str> {
            quick_fixes_for(&snapshot, offset..offset, asked)
                .iter()
                .map(|a| a.fixes.as_ref().unwrap().0)
                .collect()
        };
        // The cursor is on the win; asked for the title's finding first, its fixes lead.
        let codes = codes_for(&[missing.clone(), win.clone()]);
        let first_win = codes.iter().position(|c| *c == "unquantified-win").unwrap();
        assert!(first_win > 0, "{codes:?}");
        assert!(
            codes[..first_win].iter().all(|c| *c == "missing-section")
                && codes[first_win..].iter().all(|c| *c == "unquantified-win"),
            "{codes:?}"
        );
        let actions = quick_fixes_for(&snapshot, offset..offset, &[missing.clone(), win.clone()]);
        assert_eq!(actions[0].title, "Add all missing sections");
        // Asked the other way round, the other order.
        let codes = codes_for(&[win.clone(), missing.clone()]);
        let first_missing = codes.iter().position(|c| *c == "missing-section").unwrap();
        assert!(
            codes[..first_missing]
                .iter()
                .all(|c| *c == "unquantified-win")
                && codes[first_missing..]
                    .iter()
                    .all(|c| *c == "missing-section"),
            "{codes:?}"
        );
        // Asked once, offered once, though the cursor is on it too.
        let on_title = quick_fixes_for(&snapshot, 3..3, std::slice::from_ref(&missing));
        let titles: Vec<&str> = on_title.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(
            titles
                .iter()
                .filter(|t| **t == "Add all missing sections")
                .count(),
            1,
            "{titles:?}"
        );
        assert_eq!(on_title[0].fixes.as_ref().unwrap().0, "missing-section");
    }
}
