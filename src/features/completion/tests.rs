//! Completion tests: notes with a `$0` cursor in the first, and beside each the cursor's
//! line with the text an item replaces in «», then the items offered there.

use super::*;
use crate::features::test_support::snapshot_at;

/// The cursor's line with the replaced text in «», then one line per item in the order
/// an editor lists them: kind, label, ` — detail`, and `⇒ insert` when it differs.
fn render(notes: &[(&str, &str)]) -> String {
    let (snapshot, offset) = snapshot_at(notes);
    let mut items = complete(&snapshot, offset);
    if items.is_empty() {
        return "(none)".to_string();
    }
    items.sort_by(|a, b| (&a.sort_text, &a.label).cmp(&(&b.sort_text, &b.label)));
    let text = snapshot.text();
    let replace = items[0].replace.clone();
    assert!(
        items.iter().all(|i| i.replace == replace),
        "every item replaces the same text"
    );
    let line_start = text[..replace.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[replace.end..]
        .find('\n')
        .map_or(text.len(), |i| replace.end + i);
    let mut out = format!(
        "{}«{}»{}",
        &text[line_start..replace.start],
        &text[replace.clone()],
        &text[replace.end..line_end]
    );
    for item in items {
        out.push_str(&format!("\n{:?} {}", item.kind, item.label));
        if let Some(detail) = &item.detail {
            out.push_str(&format!(" — {detail}"));
        }
        if item.insert_text != item.label {
            out.push_str(&format!(" ⇒ {}", item.insert_text));
        }
    }
    out
}

#[track_caller]
fn check_completion(notes: &[(&str, &str)], expected: &str) {
    let actual = render(notes);
    let expected: Vec<&str> = expected.trim().lines().map(str::trim).collect();
    assert_eq!(actual, expected.join("\n"), "\n{actual}\n");
}

const CAREER: &str = "# Career

## Vision

**North Star (2031):** Principal engineer or CTO of a mid-size logistics company.

### The Picture
- **Life:** Living in Rotterdam, four weeks a year offline.
- **Role:** Principal engineer who sets platform strategy.
- **Impact:** Platforms that cut lead time from weeks to hours.

## 2026 Theme

> **\"From fixer to force multiplier\"** → [[2026 Goals]]

## Network & Influence

### Sponsors
| Name | Context |
|------|---------|
| Ruud Janssen | VP Engineering |

### Mentors
- **Ingeborg Vos** — Principal Engineer at a Dutch bank

### Mentees
| Name | Context |
|------|---------|
| Jonah Okafor | Engineer on the shipments team |
";

const GOALS: &str = "# 2026 Goals

Serves [[Career#Vision]]

## Annual Goals

| Goal | Outcome | Success Metric | Status | Vision |
|------|---------|----------------|--------|--------|
| G1 | Make the case for Principal Engineer | Promo packet submitted | In progress | Role |
| G2 | Golden paths are the default | 80% of new services on templates | In progress | Impact |
| G3 | Known outside Freightline | One talk, three blog posts | Not started | Reach |
";

#[test]
fn statuses_in_the_status_column() {
    let goals = "# 2026 Goals

## Annual Goals

| Goal | Outcome | Success Metric | Status | Vision |
|------|---------|----------------|--------|--------|
| G1 | Make the case for Principal Engineer | Promo packet submitted | $0 | Role |
";
    check_completion(
        &[("2026 Goals.md", goals)],
        "| G1 | Make the case for Principal Engineer | Promo packet submitted | «» | Role |
             Value Not started
             Value In progress
             Value Complete",
    );
    // Partly typed, in any case; the row may still be unfinished.
    let typing = "# 2026 Goals

## Annual Goals

| Goal | Outcome | Success Metric | Status |
|------|---------|----------------|--------|
| G1 | Make the case for Principal Engineer | Promo packet submitted | in pr$0
";
    check_completion(
        &[("2026 Goals.md", typing)],
        "| G1 | Make the case for Principal Engineer | Promo packet submitted | «in pr»
             Value In progress",
    );
}

#[test]
fn pillars_in_the_vision_column_with_the_picture() {
    let goals = "# 2026 Goals

Serves [[Career#Vision]]

## Annual Goals

| Goal | Outcome | Success Metric | Status | Vision |
|------|---------|----------------|--------|--------|
| G1 | Make the case for Principal Engineer | Promo packet submitted | In progress | $0 |
";
    check_completion(
        &[("2026 Goals.md", goals), ("Career.md", CAREER)],
        "| G1 | Make the case for Principal Engineer | Promo packet submitted | In progress | «» |
             Pillar Life — Living in Rotterdam, four weeks a year offline.
             Pillar Role — Principal engineer who sets platform strategy.
             Pillar Impact — Platforms that cut lead time from weeks to hours.
             Pillar Reach
             Pillar North Star — Principal engineer or CTO of a mid-size logistics company.",
    );
    // Without a Career Index the pillars come without their picture.
    let typing = "# 2026 Goals

## Annual Goals

| Goal | Outcome | Success Metric | Status | Vision |
|------|---------|----------------|--------|--------|
| G1 | Make the case for Principal Engineer | Promo packet submitted | In progress | Ro$0
";
    check_completion(
        &[("2026 Goals.md", typing)],
        "| G1 | Make the case for Principal Engineer | Promo packet submitted | In progress | «Ro»
             Pillar Role",
    );
    // A Vision column added to the header before the delimiter line: no table to the
    // parser yet, but one to complete in.
    let new_column = "# 2026 Goals

## Annual Goals

| Goal | Outcome | Status | Vision |
|------|---------|--------|
| G1 | Make the case for Principal Engineer | In progress | Ro$0
";
    check_completion(
        &[("2026 Goals.md", new_column)],
        "| G1 | Make the case for Principal Engineer | In progress | «Ro»
         Pillar Role",
    );
    // A second pillar after a separator.
    let second = typing.replace("| Ro$0", "| Role / imp$0");
    check_completion(
            &[("2026 Goals.md", &second)],
            "| G1 | Make the case for Principal Engineer | Promo packet submitted | In progress | Role / «imp»
             Pillar Impact",
        );
}

#[test]
fn goal_ids_where_a_goal_is_referenced() {
    let weekly = format!("{GOALS}\n## Weekly Actions\n\n### Week of 2026-03-09\n- [ ] Send Ana the scope summary (G$0\n");
    check_completion(
        &[("2026 Goals.md", &weekly)],
        "- [ ] Send Ana the scope summary («G»
             Reference G1 — Make the case for Principal Engineer
             Reference G2 — Golden paths are the default
             Reference G3 — Known outside Freightline",
    );
    let milestone = format!(
        "{GOALS}\n## Monthly Milestones\n\n### Mar 2026\n- [ ] Promo narrative first draft G1$0\n"
    );
    check_completion(
        &[("2026 Goals.md", &milestone)],
        "- [ ] Promo narrative first draft «G1»
             Reference G1 — Make the case for Principal Engineer",
    );
    // The Focus column of the quarterly table takes goal IDs before anything is typed.
    let focus = format!("{GOALS}\n## Quarterly Intentions\n\n| Quarter | Intention | Focus |\n|---|---|---|\n| Q2 | *\"Tell the story\"* | G3: conference talk; $0 |\n");
    check_completion(
        &[("2026 Goals.md", &focus)],
        "| Q2 | *\"Tell the story\"* | G3: conference talk; «» |
             Reference G1 — Make the case for Principal Engineer
             Reference G2 — Golden paths are the default
             Reference G3 — Known outside Freightline",
    );
    // A note that links to its Goals note uses that note's IDs.
    let session = "# 2026-03-10 Career Coaching Session

## Discussed
- Reviewed [[2026 Goals]]: G2$0 needs a second team on templates
";
    check_completion(
        &[
            ("2026-03-10 Career Coaching Session.md", session),
            ("2026 Goals.md", GOALS),
        ],
        "- Reviewed [[2026 Goals]]: «G2» needs a second team on templates
             Reference G2 — Golden paths are the default",
    );
}

#[test]
fn no_goal_ids_where_none_is_being_typed() {
    // A word that only starts with G.
    let prose = format!("{GOALS}\n## Weekly Actions\n\n- [ ] Go$0\n");
    check_completion(&[("2026 Goals.md", &prose)], "(none)");
    // The ID column: a new goal's ID is the person's to choose.
    let id_cell = GOALS.replace("| G3 | Known", "| G$0 | Known");
    check_completion(&[("2026 Goals.md", &id_cell)], "(none)");
    // A note that links to no Goals note has no goals to offer.
    let session = "# 2026-03-10 Career Coaching Session\n\n## Discussed\n- G$0\n";
    check_completion(
        &[
            ("2026-03-10 Career Coaching Session.md", session),
            ("2026 Goals.md", GOALS),
        ],
        "(none)",
    );
}

#[test]
fn missing_core_sections_after_a_heading_marker() {
    let goals = format!("{GOALS}\n## $0\n\n## Weekly Actions\n");
    check_completion(
        &[("2026 Goals.md", &goals)],
        "## «»
             Section Quarterly Intentions — What each quarter is about.
             Section Monthly Milestones — Checkpoints that show you're on track.",
    );
    let index = "# Career\n\n## Vision\n\n## Growth\n\n### Net$0\n";
    check_completion(
        &[("Career.md", index)],
        "### «Net»
             Section Network & Influence — Your sponsors, mentors, advisors and mentees.",
    );
    // The heading being typed counts as missing until it is finished.
    let typed = "# Career\n\n## Vision$0\n";
    check_completion(
        &[("Career.md", typed)],
        "## «Vision»
             Section Vision — Your 5-year north star: where you're heading.",
    );
}

#[test]
fn no_sections_where_a_heading_is_not_being_started() {
    // The title, a marker without its space, a note kind without core sections.
    check_completion(&[("Career.md", "# $0\n")], "(none)");
    check_completion(&[("Career.md", "# Career\n\n##$0\n")], "(none)");
    check_completion(
        &[("Reading list.md", "# Reading list\n\n## $0\n")],
        "(none)",
    );
}

#[test]
fn a_session_log_is_offered_the_parts_it_lacks() {
    check_completion(
        &[(
            "2026-03-10 Career Coaching Session.md",
            "# 2026-03-10 Career Coaching Session\n\n## Discussed\n- Promo.\n\n## $0\n",
        )],
        "## «»
             Section Decisions — What was decided.
             Section Open threads — What is still open, to carry into the next session or your tasks.",
    );
}

#[test]
fn note_names_after_double_brackets() {
    let session = "# 2026-03-10 Career Coaching Session\n\nSee [[$0\n";
    let others = [
        ("Career.md", CAREER),
        ("2026 Goals.md", GOALS),
        ("Reading list.md", "# Reading list\n"),
    ];
    let notes = |first: &'static str| {
        let mut notes = vec![("2026-03-10 Career Coaching Session.md", first)];
        notes.extend(others);
        notes
    };
    check_completion(
        &notes(session),
        "See [[«»
             Note 2026 Goals — Goals ⇒ 2026 Goals]]
             Note Career — Career Index ⇒ Career]]
             Note Reading list ⇒ Reading list]]",
    );
    // Partly typed, with the closing brackets already there.
    check_completion(
        &notes("# 2026-03-10 Career Coaching Session\n\nSee [[car$0]] for the vision\n"),
        "See [[«car»]] for the vision
             Note Career — Career Index",
    );
}

#[test]
fn headings_after_a_note_name_and_a_hash() {
    let goals = "# 2026 Goals\n\nServes [[Career#$0\n";
    check_completion(
        &[("2026 Goals.md", goals), ("Career.md", CAREER)],
        "Serves [[Career#«»
             Heading Vision ⇒ Vision]]
             Heading The Picture — Vision ⇒ The Picture]]
             Heading 2026 Theme ⇒ 2026 Theme]]
             Heading Network & Influence ⇒ Network & Influence]]
             Heading Sponsors — Network & Influence ⇒ Sponsors]]
             Heading Mentors — Network & Influence ⇒ Mentors]]
             Heading Mentees — Network & Influence ⇒ Mentees]]",
    );
    let typing = "# 2026 Goals\n\nServes [[career#men$0]]\n";
    check_completion(
        &[("2026 Goals.md", typing), ("Career.md", CAREER)],
        "Serves [[career#«men»]]
             Heading Mentors — Network & Influence
             Heading Mentees — Network & Influence",
    );
    // `[[#` is this note's own headings.
    let own = format!("{GOALS}\n## Weekly Actions\n\n- [ ] Update [[#An$0\n");
    check_completion(
        &[("2026 Goals.md", &own)],
        "- [ ] Update [[#«An»
             Heading Annual Goals ⇒ Annual Goals]]
             Heading Weekly Actions ⇒ Weekly Actions]]",
    );
}

#[test]
fn nothing_inside_a_wikilink_that_cannot_be_completed() {
    let notes = |text: &'static str| [("2026 Goals.md", text), ("Career.md", CAREER)];
    // An alias, an unknown note, a template placeholder.
    check_completion(&notes("# 2026 Goals\n\n[[Career|my in$0\n"), "(none)");
    check_completion(&notes("# 2026 Goals\n\n[[Nowhere#$0\n"), "(none)");
    check_completion(&notes("# 2026 Goals\n\n[[[Ye$0\n"), "(none)");
    // A closed link before the cursor is not an open one.
    check_completion(&notes("# 2026 Goals\n\n[[Career]] and $0\n"), "(none)");
}

#[test]
fn people_from_the_network_in_the_stakeholder_table() {
    let index = "# Career

## Current Role

### Key Stakeholders
| Name | Role | Relationship |
|------|------|--------------|
| Ruud Janssen | VP Engineering | Sponsor; monthly skip-level |
| $0 | | |

## Network & Influence

### Sponsors
| Name | Context |
|------|---------|
| Ruud Janssen | VP Engineering |

### Mentors
- **Ingeborg Vos** — Principal Engineer at a Dutch bank

### Advisors
| Name | Context |
|------|---------|
| Marco Bellini | |

### Mentees
| Name | Context |
|------|---------|
| Jonah Okafor | Engineer on the shipments team |
";
    check_completion(
        &[("Career.md", index)],
        "| «» | | |
             Person Ingeborg Vos — Mentor — Principal Engineer at a Dutch bank
             Person Marco Bellini — Advisor
             Person Jonah Okafor — Mentee — Engineer on the shipments team",
    );
    let typing = index.replace("| $0 | | |", "| jon$0");
    check_completion(
        &[("Career.md", &typing)],
        "| «jon»
             Person Jonah Okafor — Mentee — Engineer on the shipments team",
    );
    // A row just begun: the sections below it are still read.
    let begun = index.replace("| $0 | | |", "|$0");
    check_completion(
        &[("Career.md", &begun)],
        "|«»
         Person Ingeborg Vos — Mentor — Principal Engineer at a Dutch bank
         Person Marco Bellini — Advisor
         Person Jonah Okafor — Mentee — Engineer on the shipments team",
    );
    // A new row above a filled one: who is listed below it is not offered again.
    let above = index.replace(
            "| Ruud Janssen | VP Engineering | Sponsor; monthly skip-level |\n| $0 | | |",
            "| Ruud Janssen | VP Engineering | Sponsor; monthly skip-level |\n| $0 | | |\n| Jonah Okafor | Engineer | Mentee |",
        );
    check_completion(
        &[("Career.md", &above)],
        "| «» | | |
             Person Ingeborg Vos — Mentor — Principal Engineer at a Dutch bank
             Person Marco Bellini — Advisor",
    );
    // Only the Name column.
    let role = index.replace("| $0 | | |", "| Ana Lima | $0 | |");
    check_completion(&[("Career.md", &role)], "(none)");
}

#[test]
fn nothing_in_code_headers_or_prose() {
    let code = format!("{GOALS}\n```\n## $0\n```\n");
    check_completion(&[("2026 Goals.md", &code)], "(none)");
    let header = GOALS.replace("| Status | Vision |", "| Status | $0Vision |");
    check_completion(&[("2026 Goals.md", &header)], "(none)");
    let delimiter = GOALS.replace("|--------|--------|\n", "|--------|---$0-----|\n");
    check_completion(&[("2026 Goals.md", &delimiter)], "(none)");
    let outcome = GOALS.replace("| Golden paths", "| Gold$0en paths");
    check_completion(&[("2026 Goals.md", &outcome)], "(none)");
    check_completion(
        &[("Career.md", "# Career\n\nA platform engineer who $0\n")],
        "(none)",
    );
}
