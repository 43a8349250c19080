//! Navigation over a small, realistic workspace: a Career Index, its 2026 Goals note and a
//! session log, with the result beside each case: symbols as an indented outline, places
//! as `file:line` with the text they cover in «».

use std::ops::Range;
use std::path::Path;

use super::*;
use crate::features::test_support::snapshot;
use crate::features::Snapshot;

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
