//! Navigation over a small, realistic workspace: a Career Index, its 2026 Goals note and a
//! session log. Each test puts the cursor `$0` in the first note and shows the result
//! beside it: symbols as an indented outline, places as `file:line` with the text they
//! cover in «», renames as the lines they change.

use std::ops::Range;
use std::path::Path;

use super::*;
use crate::features::test_support::{snapshot, snapshot_at};
use crate::features::Location;
use crate::workspace::Snapshot;

const CAREER: &str = "# Career

> Platform engineer who makes two hundred developers faster.

## 🎯 Vision

**North Star (2031):** Principal engineer at a mid-size logistics company.

### The Picture
- **Role:** Principal engineer who sets platform strategy.
- **Reach:** A respected voice on platform engineering in Europe.

## 2026 Theme

> **\"From fixer to force multiplier\"** → [[2026 Goals]]

## Network & Influence

### Sponsors
| Name | Context |
|------|---------|
| Ruud Janssen | VP Engineering |
";

const GOALS: &str = "# 2026 Goals

Serves [[Career#Vision]]

## Annual Goals

| Goal | Outcome | Success Metric | Status | Vision |
|------|---------|----------------|--------|--------|
| G1 | Make the case for Principal Engineer | Promo packet submitted | In progress | Role |
| G2 | Golden paths are the default | 80% of new services on templates | In progress | Impact |
| G3 | Known outside Freightline | One talk, three blog posts | Not started | Reach |

## Quarterly Intentions

| Quarter | Intention | Focus |
|---------|-----------|-------|
| Q1 | *\"Prove the paved road\"* | G2: Java and Go templates; G1: agree the bar with Ana |
| Q2 | *\"Tell the story\"* | G3: conference talk |

## Monthly Milestones

### Mar 2026
- [ ] Shipments team's first services on templates (G2)
- [ ] Promo narrative outline (G1)

## Weekly Actions

### Week of 2026-03-09
- [x] Pair with Farah on the template release (G2)
- [ ] Send Ana the scope summary for the promo case (G1)
";

const SESSION: &str = "# 2026-03-10 Career Coaching Session

## Discussed
- Reviewed [[2026 Goals#Annual Goals]]: G1 needs a second sponsor endorsement.
- Checked the picture in [[Career#🎯 Vision]] and the [[Career]] theme.

## Decisions
- Ask Ruud to endorse G1 before the September cycle.
";

const SESSION_NAME: &str = "2026-03-10 Career Coaching Session.md";

/// The workspace with the cursor in `first` (its name and text with `$0`).
fn workspace_at<'a>(first: (&'a str, &'a str)) -> (Snapshot, usize) {
    let mut notes = vec![first];
    for note in [
        ("Career.md", CAREER),
        ("2026 Goals.md", GOALS),
        (SESSION_NAME, SESSION),
    ] {
        if note.0 != first.0 {
            notes.push(note);
        }
    }
    snapshot_at(&notes)
}

/// `GOALS` with the cursor put before the `nth` (from 0) occurrence of `needle`.
fn cursor_in(text: &str, needle: &str, nth: usize) -> String {
    let (at, _) = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} occurs {} times", nth + 1));
    format!("{}$0{}", &text[..at], &text[at..])
}

fn text_of<'a>(snapshot: &'a Snapshot, path: &Path) -> &'a str {
    if path == snapshot.path() {
        return snapshot.text();
    }
    &snapshot
        .document_for(path)
        .expect("a note of the workspace")
        .text
}

fn line_number(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

/// `file:line: the line, with the range in «»` (a range over several lines shows them all).
fn render_range(snapshot: &Snapshot, path: &Path, range: &Range<usize>) -> String {
    let text = text_of(snapshot, path);
    let start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[range.end..]
        .find('\n')
        .map_or(text.len(), |i| range.end + i);
    let file = path.file_name().unwrap().to_string_lossy();
    format!(
        "{file}:{}: {}«{}»{}",
        line_number(text, range.start),
        &text[start..range.start],
        &text[range.clone()],
        &text[range.end..end]
    )
}

fn render_locations(snapshot: &Snapshot, locations: &[Location]) -> String {
    if locations.is_empty() {
        return "(none)".to_string();
    }
    locations
        .iter()
        .map(|l| render_range(snapshot, &l.path, &l.range))
        .collect::<Vec<_>>()
        .join("\n")
}

#[track_caller]
fn assert_rendered(actual: &str, expected: &str) {
    let expected: Vec<&str> = expected.trim().lines().map(str::trim).collect();
    assert_eq!(actual, expected.join("\n"), "\n{actual}\n");
}

// ---------------------------------------------------------------------------------------
// Document symbols

/// One line per symbol, a `·` per level of depth: kind, name, `(detail)`, the lines it
/// spans and the text it selects.
fn render_symbols(text: &str, symbols: &[Symbol], depth: usize, out: &mut Vec<String>) {
    for symbol in symbols {
        assert!(
            symbol.range.start <= symbol.selection_range.start
                && symbol.selection_range.end <= symbol.range.end,
            "{} selects inside its range",
            symbol.name
        );
        for child in &symbol.children {
            assert!(
                symbol.range.start <= child.range.start && child.range.end <= symbol.range.end,
                "{} holds {}",
                symbol.name,
                child.name
            );
        }
        let detail = symbol
            .detail
            .as_ref()
            .map(|d| format!(" ({d})"))
            .unwrap_or_default();
        out.push(format!(
            "{}{:?} {}{detail} L{}-{} «{}»",
            "· ".repeat(depth),
            symbol.kind,
            symbol.name,
            line_number(text, symbol.range.start),
            line_number(text, symbol.range.end),
            &text[symbol.selection_range.clone()]
        ));
        render_symbols(text, &symbol.children, depth + 1, out);
    }
}

#[track_caller]
fn check_document_symbols(name: &str, text: &str, expected: &str) {
    let snapshot = snapshot(&[(name, text)]);
    let mut lines = Vec::new();
    render_symbols(text, &document_symbols(&snapshot), 0, &mut lines);
    assert_rendered(&lines.join("\n"), expected);
}

#[test]
fn document_symbols_nest_sections_under_the_title_and_goals_under_annual_goals() {
    check_document_symbols(
        "2026 Goals.md",
        GOALS,
        "Note 2026 Goals (Goals) L1-30 «2026 Goals»
         · Section Annual Goals L5-11 «Annual Goals»
         · · Goal G1 — Make the case for Principal Engineer (In progress · Role) L9-9 «G1»
         · · Goal G2 — Golden paths are the default (In progress · Impact) L10-10 «G2»
         · · Goal G3 — Known outside Freightline (Not started · Reach) L11-11 «G3»
         · Section Quarterly Intentions L13-18 «Quarterly Intentions»
         · Section Monthly Milestones L20-24 «Monthly Milestones»
         · · Section Mar 2026 L22-24 «Mar 2026»
         · Section Weekly Actions L26-30 «Weekly Actions»
         · · Section Week of 2026-03-09 L28-30 «Week of 2026-03-09»",
    );
}

#[test]
fn document_symbols_name_the_section_an_alias_heading_stands_for() {
    check_document_symbols(
        "Career.md",
        CAREER,
        "Note Career (Career Index) L1-22 «Career»
         · Section 🎯 Vision L5-11 «🎯 Vision»
         · · Section The Picture L9-11 «The Picture»
         · Section 2026 Theme (Annual Theme) L13-15 «2026 Theme»
         · Section Network & Influence L17-22 «Network & Influence»
         · · Section Sponsors L19-22 «Sponsors»",
    );
}

#[test]
fn document_symbols_without_a_title_start_at_the_top_level() {
    // Front matter names the kind; the note has no H1 and a heading being typed.
    check_document_symbols(
        "goals.md",
        "---\nkind: goals\nyear: 2026\n---\n\n## Annual Goals\n\n| Goal | Outcome | Status |\n|---|---|---|\n| G1 | Ship the paved road | In progress |\n\n## \n",
        "Section Annual Goals L6-10 «Annual Goals»
         · Goal G1 — Ship the paved road (In progress) L10-10 «G1»
         Section ## L12-12 «##»",
    );
}

#[test]
fn symbols_ending_in_whitespace_select_and_hold_only_what_lies_inside_them() {
    // A symbol's range leaves out trailing whitespace, so its selection must too: VS Code
    // refuses an outline whose selection reaches past its range (found by fuzzing).
    check_document_symbols("notes.md", "\n# y ", "Note y L2-2 «y»");
    check_document_symbols(
        "2026 Goals.md",
        "# 2026 Goals\t\r\n\r\n## Annual Goals  \r\n\r\n##  ",
        "Note 2026 Goals (Goals) L1-5 «2026 Goals»
         · Section Annual Goals L3-3 «Annual Goals»
         · Section ## L5-5 «##»",
    );
    // A goal's row likewise: its symbol lies inside its section's.
    check_document_symbols(
        "2026 Goals.md",
        "#\n- u ",
        "Note # (Goals) L1-2 «#»
         · Goal G1 — u L2-2 «»",
    );
    let snapshot = snapshot(&[("notes.md", "# Notes\n\n## Later ")]);
    for (_, symbol) in workspace_symbols(&snapshot, "") {
        assert!(
            symbol.range.start <= symbol.selection_range.start
                && symbol.selection_range.end <= symbol.range.end,
            "{symbol:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Workspace symbols

#[track_caller]
fn check_workspace_symbols(query: &str, expected: &str) {
    let snapshot = snapshot(&[
        ("Career.md", CAREER),
        ("2026 Goals.md", GOALS),
        (SESSION_NAME, SESSION),
    ]);
    let lines: Vec<String> = workspace_symbols(&snapshot, query)
        .into_iter()
        .map(|(path, symbol)| {
            assert!(symbol.children.is_empty(), "workspace symbols are flat");
            let detail = symbol.detail.unwrap_or_default();
            let selected = render_range(&snapshot, &path, &symbol.selection_range);
            format!("{:?} {} ({detail}) {selected}", symbol.kind, symbol.name)
        })
        .collect();
    assert_rendered(&lines.join("\n"), expected);
}

#[test]
fn workspace_symbols_match_the_query_as_a_subsequence_best_first() {
    // Starts with the query, then contains it, then holds its letters in order.
    check_workspace_symbols(
        "the",
        "Section The Picture (Career) Career.md:9: ### «The Picture»
         Goal G1 — Make the case for Principal Engineer (2026 Goals) 2026 Goals.md:9: | «G1» | Make the case for Principal Engineer | Promo packet submitted | In progress | Role |
         Goal G2 — Golden paths are the default (2026 Goals) 2026 Goals.md:10: | «G2» | Golden paths are the default | 80% of new services on templates | In progress | Impact |
         Section 2026 Theme (Career) Career.md:13: ## «2026 Theme»
         Goal G3 — Known outside Freightline (2026 Goals) 2026 Goals.md:11: | «G3» | Known outside Freightline | One talk, three blog posts | Not started | Reach |
         Section Monthly Milestones (2026 Goals) 2026 Goals.md:20: ## «Monthly Milestones»",
    );
    check_workspace_symbols(
        "2026 goals",
        "Note 2026 Goals (Goals) 2026 Goals.md:1: «# 2026 Goals»",
    );
    check_workspace_symbols(
        "wkac",
        "Section Weekly Actions (2026 Goals) 2026 Goals.md:26: ## «Weekly Actions»",
    );
    check_workspace_symbols(
        "SPONSOR",
        "Section Sponsors (Career) Career.md:19: ### «Sponsors»",
    );
    check_workspace_symbols("promotion committee", "");
}

#[test]
fn workspace_symbols_with_an_empty_query_list_everything() {
    let snapshot = snapshot(&[
        ("Career.md", CAREER),
        ("2026 Goals.md", GOALS),
        (SESSION_NAME, SESSION),
    ]);
    let names: Vec<String> = workspace_symbols(&snapshot, "")
        .into_iter()
        .map(|(path, s)| {
            let file = path.file_name().unwrap().to_string_lossy().to_string();
            format!("{:?} {} in {file}", s.kind, s.name)
        })
        .collect();
    assert_rendered(
        &names.join("\n"),
        "Note 2026 Goals in 2026 Goals.md
         Section Annual Goals in 2026 Goals.md
         Goal G1 — Make the case for Principal Engineer in 2026 Goals.md
         Goal G2 — Golden paths are the default in 2026 Goals.md
         Goal G3 — Known outside Freightline in 2026 Goals.md
         Section Quarterly Intentions in 2026 Goals.md
         Section Monthly Milestones in 2026 Goals.md
         Section Mar 2026 in 2026 Goals.md
         Section Weekly Actions in 2026 Goals.md
         Section Week of 2026-03-09 in 2026 Goals.md
         Note 2026-03-10 Career Coaching Session in 2026-03-10 Career Coaching Session.md
         Section Discussed in 2026-03-10 Career Coaching Session.md
         Section Decisions in 2026-03-10 Career Coaching Session.md
         Note Career in Career.md
         Section 🎯 Vision in Career.md
         Section The Picture in Career.md
         Section 2026 Theme in Career.md
         Section Network & Influence in Career.md
         Section Sponsors in Career.md",
    );
}

// ---------------------------------------------------------------------------------------
// Folding

#[track_caller]
fn check_folding(text: &str, expected: &str) {
    let snapshot = snapshot(&[("2026 Goals.md", text)]);
    let lines: Vec<String> = folding_ranges(&snapshot)
        .into_iter()
        .map(|fold| {
            let first = text[fold.range.start..].lines().next().unwrap_or("");
            format!(
                "{:?} L{}-{}: {first}",
                fold.kind,
                line_number(text, fold.range.start),
                line_number(text, fold.range.end)
            )
        })
        .collect();
    assert_rendered(&lines.join("\n"), expected);
}

#[test]
fn folding_ranges_for_front_matter_sections_tables_lists_code_and_comments() {
    let text = "---
kind: goals
year: 2026
---

# 2026 Goals

## Annual Goals

| Goal | Outcome | Status |
|------|---------|--------|
| G1 | Make the case for Principal Engineer | In progress |

<!--
Drafts of G4, not yet agreed.
-->

## Weekly Actions

- [ ] Send Ana the scope summary (G1)
  - with the numbers from the CI overhaul
  - and the incident review
- [x] Pair with Farah on the template release
- [ ] One line only

```text
G1 promo packet: September cycle
```
";
    check_folding(
        text,
        "FrontMatter L1-4: ---
         Region L6-28: # 2026 Goals
         Region L8-16: ## Annual Goals
         Region L10-12: | Goal | Outcome | Status |
         Comment L14-16: <!--
         Region L18-28: ## Weekly Actions
         Region L20-24: - [ ] Send Ana the scope summary (G1)
         Region L20-22: - [ ] Send Ana the scope summary (G1)
         Region L21-22: - with the numbers from the CI overhaul
         Region L26-28: ```text",
    );
}

// ---------------------------------------------------------------------------------------
// Definition

#[track_caller]
fn check_definition(first: (&str, &str), expected: &str) {
    let (snapshot, offset) = workspace_at(first);
    assert_rendered(
        &render_locations(&snapshot, &definition(&snapshot, offset)),
        expected,
    );
}

#[test]
fn definition_of_a_goal_id_in_a_weekly_action_is_its_row() {
    check_definition(
        ("2026 Goals.md", &cursor_in(GOALS, "G1)\n", 1)),
        "2026 Goals.md:9: «| G1 | Make the case for Principal Engineer | Promo packet submitted | In progress | Role |»",
    );
    // Also from the end of the ID, from the quarterly Focus cell, and from the ID cell.
    check_definition(
        ("2026 Goals.md", &cursor_in(GOALS, ": agree the bar", 0)),
        "2026 Goals.md:9: «| G1 | Make the case for Principal Engineer | Promo packet submitted | In progress | Role |»",
    );
    check_definition(
        ("2026 Goals.md", &cursor_in(GOALS, "G3 | Known", 0)),
        "2026 Goals.md:11: «| G3 | Known outside Freightline | One talk, three blog posts | Not started | Reach |»",
    );
}

#[test]
fn definition_of_a_goal_id_in_a_note_linking_to_the_goals_note() {
    check_definition(
        (SESSION_NAME, &cursor_in(SESSION, "G1 before", 0)),
        "2026 Goals.md:9: «| G1 | Make the case for Principal Engineer | Promo packet submitted | In progress | Role |»",
    );
}

#[test]
fn definition_of_a_wikilink_is_its_heading_or_its_note() {
    check_definition(
        ("2026 Goals.md", &cursor_in(GOALS, "Career#Vision", 0)),
        "Career.md:5: «## 🎯 Vision»",
    );
    check_definition(
        (SESSION_NAME, &cursor_in(SESSION, "2026 Goals#", 0)),
        "2026 Goals.md:5: «## Annual Goals»",
    );
    check_definition(
        ("Career.md", &cursor_in(CAREER, "Goals]]", 0)),
        "2026 Goals.md:1: «»# 2026 Goals",
    );
}

#[test]
fn no_definition_for_prose_broken_links_or_unknown_goals() {
    check_definition(("2026 Goals.md", &cursor_in(GOALS, "Farah", 0)), "(none)");
    let broken = "# 2026 Goals\n\nSee [[Promo Pa$0cket]] and [[Career#Hobbies]].\n";
    check_definition(("2026 Goals.md", broken), "(none)");
    let unknown = format!("{GOALS}- [ ] Book the speaking coach (G$07)\n");
    check_definition(("2026 Goals.md", &unknown), "(none)");
}

// ---------------------------------------------------------------------------------------
// References

#[track_caller]
fn check_references(first: (&str, &str), include_declaration: bool, expected: &str) {
    let (snapshot, offset) = workspace_at(first);
    assert_rendered(
        &render_locations(
            &snapshot,
            &references(&snapshot, offset, include_declaration),
        ),
        expected,
    );
}

#[test]
fn references_of_a_goal_across_the_goals_note_and_notes_linking_to_it() {
    check_references(
        ("2026 Goals.md", &cursor_in(GOALS, "G1 | Make", 0)),
        true,
        "2026 Goals.md:9: «| G1 | Make the case for Principal Engineer | Promo packet submitted | In progress | Role |»
         2026 Goals.md:17: | Q1 | *\"Prove the paved road\"* | G2: Java and Go templates; «G1»: agree the bar with Ana |
         2026 Goals.md:24: - [ ] Promo narrative outline («G1»)
         2026 Goals.md:30: - [ ] Send Ana the scope summary for the promo case («G1»)
         2026-03-10 Career Coaching Session.md:4: - Reviewed [[2026 Goals#Annual Goals]]: «G1» needs a second sponsor endorsement.
         2026-03-10 Career Coaching Session.md:8: - Ask Ruud to endorse «G1» before the September cycle.",
    );
    check_references(
        (SESSION_NAME, &cursor_in(SESSION, "G1 before", 0)),
        false,
        "2026 Goals.md:17: | Q1 | *\"Prove the paved road\"* | G2: Java and Go templates; «G1»: agree the bar with Ana |
         2026 Goals.md:24: - [ ] Promo narrative outline («G1»)
         2026 Goals.md:30: - [ ] Send Ana the scope summary for the promo case («G1»)
         2026-03-10 Career Coaching Session.md:4: - Reviewed [[2026 Goals#Annual Goals]]: «G1» needs a second sponsor endorsement.
         2026-03-10 Career Coaching Session.md:8: - Ask Ruud to endorse «G1» before the September cycle.",
    );
}

#[test]
fn references_of_a_goal_mentioned_in_nested_items_are_listed_once() {
    let goals =
        format!("{GOALS}- [ ] Draft the promo narrative\n  - [ ] Ask Ingeborg to review it (G3)\n");
    check_references(
        ("2026 Goals.md", &cursor_in(&goals, "G3 | Known", 0)),
        false,
        "2026 Goals.md:18: | Q2 | *\"Tell the story\"* | «G3»: conference talk |
         2026 Goals.md:32:   - [ ] Ask Ingeborg to review it («G3»)",
    );
}

#[test]
fn references_of_a_heading_are_the_wikilinks_resolving_to_it() {
    // On the heading itself; `[[Career#Vision]]` and `[[Career#🎯 Vision]]` both resolve.
    check_references(
        ("Career.md", &cursor_in(CAREER, "Vision\n", 0)),
        true,
        "2026 Goals.md:3: Serves «[[Career#Vision]]»
         2026-03-10 Career Coaching Session.md:5: - Checked the picture in «[[Career#🎯 Vision]]» and the [[Career]] theme.
         Career.md:5: «## 🎯 Vision»",
    );
    // On a wikilink to the heading.
    check_references(
        (SESSION_NAME, &cursor_in(SESSION, "Annual Goals]]", 0)),
        false,
        "2026-03-10 Career Coaching Session.md:4: - Reviewed «[[2026 Goals#Annual Goals]]»: G1 needs a second sponsor endorsement.",
    );
}

#[test]
fn references_of_a_note_include_links_to_its_headings() {
    // On the title.
    check_references(
        ("Career.md", &cursor_in(CAREER, "Career\n", 0)),
        false,
        "2026 Goals.md:3: Serves «[[Career#Vision]]»
         2026-03-10 Career Coaching Session.md:5: - Checked the picture in «[[Career#🎯 Vision]]» and the [[Career]] theme.
         2026-03-10 Career Coaching Session.md:5: - Checked the picture in [[Career#🎯 Vision]] and the «[[Career]]» theme.",
    );
    // On a wikilink to the note, with the note's title as its declaration.
    check_references(
        ("Career.md", &cursor_in(CAREER, "2026 Goals]]", 0)),
        true,
        "2026 Goals.md:1: «# 2026 Goals»
         2026-03-10 Career Coaching Session.md:4: - Reviewed «[[2026 Goals#Annual Goals]]»: G1 needs a second sponsor endorsement.
         Career.md:15: > **\"From fixer to force multiplier\"** → «[[2026 Goals]]»",
    );
    check_references(
        ("Career.md", &cursor_in(CAREER, "Platform engineer", 0)),
        true,
        "(none)",
    );
}

// ---------------------------------------------------------------------------------------
// Rename

#[track_caller]
fn check_prepare_rename(first: (&str, &str), expected: &str) {
    let (snapshot, offset) = workspace_at(first);
    let actual = match prepare_rename(&snapshot, offset) {
        Some((range, text)) => {
            assert_eq!(snapshot.text()[range.clone()], text);
            render_range(&snapshot, snapshot.path(), &range)
        }
        None => "(not renamable)".to_string(),
    };
    assert_rendered(&actual, expected);
}

/// Applies the rename and shows every changed line, or the refusal.
#[track_caller]
fn check_rename(first: (&str, &str), new_name: &str, expected: &str) {
    let (snapshot, offset) = workspace_at(first);
    let actual = match rename(&snapshot, offset, new_name) {
        Err(message) => format!("refused: {message}"),
        Ok(changes) => {
            let mut lines = Vec::new();
            for (path, mut edits) in changes {
                let before = text_of(&snapshot, &path);
                let mut after = before.to_string();
                edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
                for edit in edits {
                    after.replace_range(edit.range, &edit.text);
                }
                let file = path.file_name().unwrap().to_string_lossy();
                for (number, (old, new)) in before.lines().zip(after.lines()).enumerate() {
                    if old != new {
                        lines.push(format!("{file}:{}: {new}", number + 1));
                    }
                }
            }
            lines.join("\n")
        }
    };
    assert_rendered(&actual, expected);
}

#[test]
fn prepare_rename_accepts_goal_ids_only() {
    check_prepare_rename(
        ("2026 Goals.md", &cursor_in(GOALS, "G2 | Golden", 0)),
        "2026 Goals.md:10: | «G2» | Golden paths are the default | 80% of new services on templates | In progress | Impact |",
    );
    check_prepare_rename(
        ("2026 Goals.md", &cursor_in(GOALS, "G2)\n- [ ] Promo", 0)),
        "2026 Goals.md:23: - [ ] Shipments team's first services on templates («G2»)",
    );
    check_prepare_rename(
        (SESSION_NAME, &cursor_in(SESSION, "G1 needs", 0)),
        "2026-03-10 Career Coaching Session.md:4: - Reviewed [[2026 Goals#Annual Goals]]: «G1» needs a second sponsor endorsement.",
    );
    // A heading, a wikilink, prose, a reference to a goal that does not exist.
    check_prepare_rename(
        ("2026 Goals.md", &cursor_in(GOALS, "Annual Goals\n", 0)),
        "(not renamable)",
    );
    check_prepare_rename(
        ("2026 Goals.md", &cursor_in(GOALS, "Career#Vision", 0)),
        "(not renamable)",
    );
    check_prepare_rename(
        ("2026 Goals.md", &cursor_in(GOALS, "Farah", 0)),
        "(not renamable)",
    );
    let unknown = format!("{GOALS}- [ ] Book the speaking coach (G$07)\n");
    check_prepare_rename(("2026 Goals.md", &unknown), "(not renamable)");
}

#[test]
fn rename_a_goal_across_the_goals_note_and_the_notes_linking_to_it() {
    check_rename(
        ("2026 Goals.md", &cursor_in(GOALS, "G1)\n", 1)),
        "G4",
        "2026 Goals.md:9: | G4 | Make the case for Principal Engineer | Promo packet submitted | In progress | Role |
         2026 Goals.md:17: | Q1 | *\"Prove the paved road\"* | G2: Java and Go templates; G4: agree the bar with Ana |
         2026 Goals.md:24: - [ ] Promo narrative outline (G4)
         2026 Goals.md:30: - [ ] Send Ana the scope summary for the promo case (G4)
         2026-03-10 Career Coaching Session.md:4: - Reviewed [[2026 Goals#Annual Goals]]: G4 needs a second sponsor endorsement.
         2026-03-10 Career Coaching Session.md:8: - Ask Ruud to endorse G4 before the September cycle.",
    );
    // Emphasis around the ID cell stays; only the ID changes.
    let bold = GOALS.replace("| G3 |", "| **G3** |");
    check_rename(
        ("2026 Goals.md", &cursor_in(&bold, "G3: conference", 0)),
        "G7",
        "2026 Goals.md:11: | **G7** | Known outside Freightline | One talk, three blog posts | Not started | Reach |
         2026 Goals.md:18: | Q2 | *\"Tell the story\"* | G7: conference talk |",
    );
}

#[test]
fn rename_leaves_notes_that_link_to_two_goals_notes_alone() {
    let session = "# 2026-03-10 Career Coaching Session\n\n- Compared [[2025 Goals]] with [[2026 Goals]]: G1 carried over.\n";
    let (snapshot, offset) = snapshot_at(&[
        ("2026 Goals.md", &cursor_in(GOALS, "G1 | Make", 0)),
        (SESSION_NAME, session),
        (
            "2025 Goals.md",
            "# 2025 Goals\n\n## Annual Goals\n\n| Goal | Outcome |\n|---|---|\n| G1 | Lead the Kubernetes migration |\n",
        ),
    ]);
    let changes = rename(&snapshot, offset, "G4").expect("renamable");
    let files: Vec<String> = changes
        .iter()
        .map(|(path, edits)| {
            let file = path.file_name().unwrap().to_string_lossy();
            format!("{file} ×{}", edits.len())
        })
        .collect();
    assert_eq!(files, ["2026 Goals.md ×4"]);
}

#[test]
fn rename_refuses_what_is_not_a_free_goal_id() {
    let on_g1 = ("2026 Goals.md", cursor_in(GOALS, "G1 | Make", 0));
    let on_g1 = (on_g1.0, on_g1.1.as_str());
    check_rename(
        on_g1,
        "Goal 4",
        "refused: “Goal 4” is not a goal ID — use G followed by a number, like G5.",
    );
    check_rename(
        on_g1,
        "**G4**",
        "refused: “**G4**” is not a goal ID — use G followed by a number, like G5.",
    );
    check_rename(
        on_g1,
        "G2",
        "refused: G2 is already a goal — pick an ID no other goal uses.",
    );
    check_rename(on_g1, "G1", "");
    check_rename(
        ("2026 Goals.md", &cursor_in(GOALS, "Farah", 0)),
        "G4",
        "refused: Only goal IDs like G1 can be renamed here.",
    );
    let unknown = format!("{GOALS}- [ ] Book the speaking coach (G$07)\n");
    check_rename(
        ("2026 Goals.md", &unknown),
        "G4",
        "refused: There is no G7 among the annual goals to rename — add its row first.",
    );
}

// ---------------------------------------------------------------------------------------
// Robustness

/// Every navigation and completion request at every offset of the demo workspace (char
/// boundaries or not) answers without panicking, and every place it names is inside its
/// note's text.
#[test]
fn every_request_answers_at_every_offset_of_the_demo() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo");
    let mut notes: Vec<(String, String)> = std::fs::read_dir(&demo)
        .expect("the demo workspace")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            (name, std::fs::read_to_string(&path).expect("a note"))
        })
        .collect();
    notes.sort();
    for first in 0..notes.len() {
        let mut ordered: Vec<(&str, &str)> = vec![(&notes[first].0, &notes[first].1)];
        ordered.extend(
            notes
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != first)
                .map(|(_, (name, text))| (name.as_str(), text.as_str())),
        );
        let snapshot = snapshot(&ordered);
        let in_bounds = |locations: &[Location]| {
            locations.iter().all(|l| {
                let text = text_of(&snapshot, &l.path);
                l.range.start <= l.range.end && l.range.end <= text.len()
            })
        };
        let _ = document_symbols(&snapshot);
        let _ = folding_ranges(&snapshot);
        for offset in 0..=snapshot.text().len() + 1 {
            for item in crate::features::completion::complete(&snapshot, offset) {
                assert!(item.replace.end == offset, "{item:?}");
            }
            assert!(in_bounds(&definition(&snapshot, offset)));
            assert!(in_bounds(&references(&snapshot, offset, true)));
            if let Some((range, _)) = prepare_rename(&snapshot, offset) {
                assert!(range.end <= snapshot.text().len());
                assert!(rename(&snapshot, offset, "G9").is_ok());
            }
        }
    }
}

/// Emoji and CJK text around links, goals and headings: byte offsets inside a character
/// get an empty answer, never a panic.
#[test]
fn offsets_inside_characters_are_answered_safely() {
    let goals = "# 2026 Goals 🎯\n\n## 🏁 Annual Goals\n\n| Goal | Outcome | Status |\n|---|---|---|\n| G1 | 晋升 Principal 🚀 | In progress |\n\n## 每周 Weekly Actions 📅\n- [ ] 准备 [[Career#🎯 Vision]] (G1) ✅\n";
    let snapshot = snapshot(&[("2026 Goals.md", goals), ("Career.md", CAREER)]);
    for offset in 0..=goals.len() {
        let _ = crate::features::completion::complete(&snapshot, offset);
        let _ = definition(&snapshot, offset);
        let _ = references(&snapshot, offset, true);
        let _ = prepare_rename(&snapshot, offset);
    }
    let at = goals.find("(G1)").unwrap() + 1;
    assert_eq!(
        render_locations(&snapshot, &definition(&snapshot, at)),
        "2026 Goals.md:7: «| G1 | 晋升 Principal 🚀 | In progress |»"
    );
}

#[test]
fn a_vault_of_many_notes_answers_the_best_symbols_up_to_the_cap() {
    // Every note has a title and two sections: three symbols a note.
    let texts: Vec<(String, String)> = (0..MAX_WORKSPACE_SYMBOLS / 2)
        .map(|i| {
            (
                format!("log/Note {i:04}.md"),
                format!("# Note {i}\n\n## Decisions\n\n- One.\n\n## Open Threads\n\n- Two.\n"),
            )
        })
        .collect();
    let mut notes: Vec<(&str, &str)> = texts
        .iter()
        .map(|(path, text)| (path.as_str(), text.as_str()))
        .collect();
    notes.insert(0, ("Career.md", CAREER));
    let snapshot = snapshot(&notes);
    let all = workspace_symbols(&snapshot, "");
    assert_eq!(all.len(), MAX_WORKSPACE_SYMBOLS);
    // A query's best matches come first, whatever the cap leaves out.
    let threads = workspace_symbols(&snapshot, "open");
    assert_eq!(threads.len(), MAX_WORKSPACE_SYMBOLS / 2);
    assert!(threads.iter().all(|(_, s)| s.name == "Open Threads"));
    let sponsors = workspace_symbols(&snapshot, "sponsors");
    assert_eq!(sponsors[0].1.name, "Sponsors");
}

// ---------------------------------------------------------------------------------------
// Document highlights and links

fn render_highlights(snapshot: &Snapshot, highlights: &[Highlight]) -> String {
    if highlights.is_empty() {
        return "(none)".to_string();
    }
    highlights
        .iter()
        .map(|h| {
            format!(
                "{:?} {}",
                h.kind,
                render_range(snapshot, snapshot.path(), &h.range)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_goal_id_highlights_its_row_written_and_every_reference_read() {
    let text = cursor_in(GOALS, "G1: agree", 0);
    let (snapshot, offset) = workspace_at(("2026 Goals.md", &text));
    assert_rendered(
        &render_highlights(&snapshot, &document_highlights(&snapshot, offset)),
        "
        Write 2026 Goals.md:9: | «G1» | Make the case for Principal Engineer | Promo packet submitted | In progress | Role |
        Read 2026 Goals.md:17: | Q1 | *\"Prove the paved road\"* | G2: Java and Go templates; «G1»: agree the bar with Ana |
        Read 2026 Goals.md:24: - [ ] Promo narrative outline («G1»)
        Read 2026 Goals.md:30: - [ ] Send Ana the scope summary for the promo case («G1»)
        ",
    );
}

#[test]
fn a_wikilink_highlights_every_link_to_the_same_target_and_nothing_else() {
    let text = cursor_in(SESSION, "[[Career#🎯", 0);
    let (snapshot, offset) = workspace_at((SESSION_NAME, &text));
    assert_rendered(
        &render_highlights(&snapshot, &document_highlights(&snapshot, offset)),
        "Text 2026-03-10 Career Coaching Session.md:5: - Checked the picture in «[[Career#🎯 Vision]]» and the [[Career]] theme.",
    );
    // On plain text: nothing.
    let text = cursor_in(SESSION, "Ask Ruud", 0);
    let (snapshot, offset) = workspace_at((SESSION_NAME, &text));
    assert!(document_highlights(&snapshot, offset).is_empty());
}

#[test]
fn links_that_resolve_lead_to_their_note_or_headings_line_and_broken_ones_are_none() {
    let text = format!(
        "{SESSION}\n## Open threads\n- See [the goals](2026%20Goals.md#annual-goals), [[No Such Note]], [the web](https://example.com) and [the index](./Career.md).\n$0"
    );
    let (snapshot, _) = workspace_at((SESSION_NAME, &text));
    let links: Vec<String> = document_links(&snapshot)
        .iter()
        .map(|l| {
            format!(
                "{} -> {}{}",
                &snapshot.text()[l.range.clone()],
                l.target.file_name().unwrap().to_string_lossy(),
                l.line.map_or(String::new(), |line| format!(" line {line}"))
            )
        })
        .collect();
    assert_eq!(
        links,
        [
            "[[2026 Goals#Annual Goals]] -> 2026 Goals.md line 4",
            "[[Career#🎯 Vision]] -> Career.md line 4",
            "[[Career]] -> Career.md",
            "[the goals](2026%20Goals.md#annual-goals) -> 2026 Goals.md line 4",
            "[the index](./Career.md) -> Career.md",
        ]
    );
}
