//! Inlay hints: the vision pillar after each annual goal row, the time left on the current
//! quarter's row, relative dates on dated milestones and actions, `2/3 done` after
//! checkbox lists, and how complete each known section is after its heading.

use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use crate::methodology::{review_question, NoteKind};
use crate::model::goals::{Goal, GoalsNote};
use crate::model::text::{is_placeholder, VisionLink};
use crate::model::{CareerIndex, Note, Section};
use crate::syntax::BlockKind;
use crate::workspace::Snapshot;

/// What a hint says (the edge may map these to the protocol's hint kinds: the vision link
/// reads like a type, the rest like notes on the line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HintKind {
    /// The pillars an annual goal serves (`→ Role`), or `not linked`.
    VisionLink,
    /// `current quarter · 3 weeks left` on the current quarter's row.
    Quarter,
    /// `due in 3 days`, `due today`, `2 weeks overdue` on a dated milestone or action.
    DueDate,
    /// `2/3 done` after a checkbox list.
    Checklist,
    /// `empty`, `3/4 sub-sections filled` or `filled` after a known section's heading.
    SectionCompleteness,
}

/// A label shown at a byte offset of the note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlayHint {
    pub offset: usize,
    pub label: String,
    pub kind: HintKind,
    pub tooltip: Option<String>,
}

/// The hints of the snapshot's note whose offset lies in `range` (its end included, so a
/// hint at the end of the last line asked for is shown), in the order of the text.
pub fn inlay_hints(snapshot: &Snapshot, range: Range<usize>) -> Vec<InlayHint> {
    if !snapshot.is_checked() {
        return Vec::new();
    }
    let note = snapshot.note();
    let mut hints = Vec::new();
    if let Some(goals) = note.as_goals() {
        goal_hints(snapshot, goals, &mut hints);
        quarter_hints(goals, snapshot.today, &mut hints);
        due_hints(note, goals, snapshot.today, &mut hints);
    }
    checklist_hints(note, &mut hints);
    if matches!(
        note.kind,
        NoteKind::CareerIndex | NoteKind::Goals | NoteKind::Profile
    ) {
        section_hints(note, &mut hints);
    }
    hints.retain(|h| range.start <= h.offset && h.offset <= range.end);
    // Stable: hints at one offset keep the order above (an item's date before its list's count).
    hints.sort_by_key(|h| h.offset);
    hints
}

// ---------------------------------------------------------------------------------------
// Annual goals

fn goal_hints(snapshot: &Snapshot, goals: &GoalsNote, hints: &mut Vec<InlayHint>) {
    let index = snapshot.career_index();
    let picture = index.as_ref().and_then(|n| n.as_index());
    for goal in &goals.goals {
        let (label, tooltip) = vision_label(goal, picture);
        hints.push(InlayHint {
            offset: goal.row_range.end,
            label,
            kind: HintKind::VisionLink,
            tooltip,
        });
    }
}

/// `→ Role` (with the picture lines as the tooltip), or `not linked`.
fn vision_label(goal: &Goal, index: Option<&CareerIndex>) -> (String, Option<String>) {
    let mut names: Vec<String> = Vec::new();
    let mut details: Vec<String> = Vec::new();
    for link in &goal.vision_links {
        match link {
            VisionLink::Pillars(pillars) => {
                for pillar in pillars {
                    let name = pillar.name().to_string();
                    if names.contains(&name) {
                        continue;
                    }
                    if let Some(line) =
                        index.and_then(|i| i.vision.picture.iter().find(|l| l.pillar == *pillar))
                    {
                        details.push(format!("{name}: {}", line.text));
                    }
                    names.push(name);
                }
            }
            VisionLink::NorthStar => {
                if let Some(statement) = index.and_then(|i| i.vision.north_star.as_ref()) {
                    details.push(format!("North Star: {}", statement.text));
                }
                names.push(crate::methodology::NORTH_STAR.to_string());
            }
            VisionLink::Wikilink { heading, .. } => names.push(heading.trim().to_string()),
        }
    }
    if names.is_empty() {
        return (
            "not linked".to_string(),
            Some(format!(
                "{} is not linked to your vision — which part of the picture does it serve?",
                goal.label()
            )),
        );
    }
    let tooltip = (!details.is_empty()).then(|| details.join("\n"));
    (format!("→ {}", names.join(", ")), tooltip)
}

// ---------------------------------------------------------------------------------------
// Quarters and dates

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (year, month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1)?.pred_opt()
}

fn plural(n: i64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// A span of days in the largest unit that reads naturally: days under two weeks, weeks
/// under about two months, then months.
fn span(days: i64) -> String {
    if days < 14 {
        plural(days, "day")
    } else if days < 60 {
        plural(days / 7, "week")
    } else {
        plural(days / 30, "month")
    }
}

fn quarter_hints(goals: &GoalsNote, today: NaiveDate, hints: &mut Vec<InlayHint>) {
    if goals.year.is_some_and(|year| year != today.year()) {
        return;
    }
    let quarter = (today.month() - 1) / 3 + 1;
    let Some(end) = last_day_of_month(today.year(), quarter * 3) else {
        return;
    };
    let days = (end - today).num_days();
    let left = match days {
        0 => "last day".to_string(),
        1..=6 => format!("{} left", plural(days, "day")),
        _ => format!("{} left", plural(days / 7, "week")),
    };
    for row in goals
        .quarterly
        .iter()
        .filter(|row| row.quarter == Some(quarter))
    {
        hints.push(InlayHint {
            offset: row.range.end,
            label: format!("current quarter · {left}"),
            kind: HintKind::Quarter,
            tooltip: Some(format!("Q{quarter} {} ends on {end}", today.year())),
        });
    }
}

/// `due today`, `due in 3 days`, `2 weeks overdue`…
fn relative_due(due: NaiveDate, today: NaiveDate) -> String {
    let days = (due - today).num_days();
    match days {
        0 => "due today".to_string(),
        1 => "due tomorrow".to_string(),
        d if d > 0 => format!("due in {}", span(d)),
        d => format!("{} overdue", span(-d)),
    }
}

fn due_hints(note: &Note, goals: &GoalsNote, today: NaiveDate, hints: &mut Vec<InlayHint>) {
    // A past year's note is history: its open items are not late, just left behind.
    if goals.year.is_some_and(|year| year < today.year()) {
        return;
    }
    for item in goals.monthly.iter().chain(&goals.weekly) {
        let Some(due) = item.due.filter(|_| !item.done) else {
            continue;
        };
        // After the item's own text, not after its nested items.
        let offset = note
            .outline
            .blocks
            .iter()
            .find(|b| b.range == item.range && matches!(b.kind, BlockKind::ListItem(_)))
            .map_or(item.range.end, |b| b.text_range.end);
        hints.push(InlayHint {
            offset,
            label: relative_due(due, today),
            kind: HintKind::DueDate,
            tooltip: Some(format!("Due {due}")),
        });
    }
}

// ---------------------------------------------------------------------------------------
// Checkbox lists

/// A run of checkbox items at one depth of one list.
struct Run {
    depth: usize,
    done: usize,
    total: usize,
    end: usize,
}

impl Run {
    fn hint(&self) -> Option<InlayHint> {
        // One item shows its own box; a count says something from two on.
        (self.total >= 2).then(|| InlayHint {
            offset: self.end,
            label: format!("{}/{} done", self.done, self.total),
            kind: HintKind::Checklist,
            tooltip: None,
        })
    }
}

fn checklist_hints(note: &Note, hints: &mut Vec<InlayHint>) {
    let mut open: Vec<Run> = Vec::new();
    let mut previous: Option<(Option<usize>, bool)> = None;
    let close_all = |open: &mut Vec<Run>, hints: &mut Vec<InlayHint>| {
        hints.extend(open.drain(..).rev().filter_map(|run| run.hint()));
    };
    for block in &note.outline.blocks {
        let BlockKind::ListItem(item) = &block.kind else {
            close_all(&mut open, hints);
            previous = None;
            continue;
        };
        // A list does not run across a heading or in and out of a block quote.
        if previous.is_some_and(|p| p != (block.heading, block.quoted)) {
            close_all(&mut open, hints);
        }
        previous = Some((block.heading, block.quoted));
        while open.last().is_some_and(|run| run.depth > item.depth) {
            if let Some(hint) = open.pop().and_then(|run| run.hint()) {
                hints.push(hint);
            }
        }
        match item.checked {
            Some(checked) => {
                if open.last().is_none_or(|run| run.depth != item.depth) {
                    open.push(Run {
                        depth: item.depth,
                        done: 0,
                        total: 0,
                        end: block.range.end,
                    });
                }
                if let Some(run) = open.last_mut() {
                    // Template placeholders (`- [ ] [Task 1]`) are not tasks.
                    if !is_placeholder(&block.text) {
                        run.total += 1;
                        run.done += usize::from(checked);
                    }
                }
            }
            None => {
                if open.last().is_some_and(|run| run.depth == item.depth) {
                    if let Some(hint) = open.pop().and_then(|run| run.hint()) {
                        hints.push(hint);
                    }
                }
            }
        }
        // Every enclosing run now ends at or after this item.
        for run in &mut open {
            run.end = run.end.max(block.range.end);
        }
    }
    close_all(&mut open, hints);
}

// ---------------------------------------------------------------------------------------
// Section completeness

fn section_hints(note: &Note, hints: &mut Vec<InlayHint>) {
    for section in note.sections.iter() {
        let Some(id) = section.id else {
            continue;
        };
        let (label, tooltip) = if note.is_empty_section(section) {
            ("empty".to_string(), Some(review_question(id).to_string()))
        } else {
            let children: Vec<&Section> = note.known_children(section).collect();
            let empty: Vec<&str> = children
                .iter()
                .filter(|child| note.is_empty_section(child))
                .map(|child| child.title.trim())
                .collect();
            if empty.is_empty() {
                ("filled".to_string(), None)
            } else {
                (
                    format!(
                        "{}/{} sub-sections filled",
                        children.len() - empty.len(),
                        children.len()
                    ),
                    Some(format!("Still empty: {}", empty.join(", "))),
                )
            }
        };
        hints.push(InlayHint {
            offset: section.heading_range.end,
            label,
            kind: HintKind::SectionCompleteness,
            tooltip,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::test_support::snapshot;

    /// The lines of the first note that carry hints, each hint rendered as `⟨label⟩` at its
    /// offset.
    fn render(text: &str, hints: &[InlayHint]) -> String {
        let mut rendered = String::new();
        let mut at = 0;
        for hint in hints {
            rendered.push_str(&text[at..hint.offset]);
            rendered.push_str(&format!("⟨{}⟩", hint.label));
            at = hint.offset;
        }
        rendered.push_str(&text[at..]);
        rendered
            .lines()
            .filter(|line| line.contains('⟨'))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The hints of the first of `notes` (today is 2026-03-15), rendered into its hinted
    /// lines, compared with `expected`.
    #[track_caller]
    fn check_hints(notes: &[(&str, &str)], expected: &str) {
        let snapshot = snapshot(notes);
        let text = snapshot.text();
        let hints = inlay_hints(&snapshot, 0..text.len());
        assert_eq!(render(text, &hints), expected.trim_matches('\n'));
    }

    /// The hints of one kind, with their tooltips: `label | tooltip`.
    fn hints_of(notes: &[(&str, &str)], kind: HintKind) -> Vec<String> {
        let snapshot = snapshot(notes);
        inlay_hints(&snapshot, 0..snapshot.text().len())
            .into_iter()
            .filter(|h| h.kind == kind)
            .map(|h| format!("{} | {}", h.label, h.tooltip.unwrap_or_default()))
            .collect()
    }

    const CAREER: &str = "\
# Career

## Vision

**North Star (2031):** Principal engineer of a mid-size logistics tech company.

### The Picture
- **Life:** Living in Rotterdam, four weeks a year fully offline.
- **Role:** Principal engineer who sets platform strategy.
- **Impact:** Developer platforms that cut lead time from weeks to hours.
- **Reach:** [How you extend beyond day job]

## 2026 Theme

> **\"From fixer to force multiplier\"**

### Success Criteria (Dec 2026)
- [ ] Principal promotion case reviewed by the promo committee
- [ ] Golden-path templates used by 80% of new services
- [x] Jonah promoted to Senior Engineer

## Network & Influence

### Sponsors
| Name | Context |
|------|---------|
| Ruud Janssen | VP Engineering |

### Mentors
| Name | Context |
|------|---------|
| | |

## Open Tasks

- [ ] [Task 1]
- [ ] [Task 2]
";

    const GOALS: &str = "\
# 2026 Goals

## Annual Goals

| Goal | Outcome | Success Metric | Status | Vision |
|------|---------|----------------|--------|--------|
| G1 | Make the case for Principal Engineer | Promo packet submitted | In progress | Role |
| G2 | Golden paths are the default | 80% of new services on templates | In progress | Impact / Reach |
| G3 | Get better at public speaking | Two talks given | Not started | |
| G4 | Keep weekends offline | No work mail on weekends | In progress | North Star |

## Quarterly Intentions

| Quarter | Intention | Focus |
|---------|-----------|-------|
| Q1 | *\"Prove the paved road\"* | G2 |
| Q2 | *\"Take it company-wide\"* | G2, G3 |

## Monthly Milestones

### Feb 2026
- [x] Go template in production (G2)
- [ ] First blog post published (G3)

### Mar 2026
- [ ] Shipments team on templates (G2)
- [ ] Talk outline reviewed by 2026-03-18 (G3)

## Weekly Actions

### Week of 2026-03-09
- [ ] Send Ana the scope summary (G1)
- [x] Demo the Go template (G2)
";

    #[test]
    fn every_hint_of_a_goals_note() {
        check_hints(
            &[("2026 Goals.md", GOALS), ("Career.md", CAREER)],
            "\
## Annual Goals⟨filled⟩
| G1 | Make the case for Principal Engineer | Promo packet submitted | In progress | Role |⟨→ Role⟩
| G2 | Golden paths are the default | 80% of new services on templates | In progress | Impact / Reach |⟨→ Impact, Reach⟩
| G3 | Get better at public speaking | Two talks given | Not started | |⟨not linked⟩
| G4 | Keep weekends offline | No work mail on weekends | In progress | North Star |⟨→ North Star⟩
## Quarterly Intentions⟨filled⟩
| Q1 | *\"Prove the paved road\"* | G2 |⟨current quarter · 2 weeks left⟩
## Monthly Milestones⟨filled⟩
- [ ] First blog post published (G3)⟨2 weeks overdue⟩⟨1/2 done⟩
- [ ] Shipments team on templates (G2)⟨due in 2 weeks⟩
- [ ] Talk outline reviewed by 2026-03-18 (G3)⟨due in 3 days⟩⟨0/2 done⟩
## Weekly Actions⟨filled⟩
- [ ] Send Ana the scope summary (G1)⟨due today⟩
- [x] Demo the Go template (G2)⟨1/2 done⟩",
        );
    }

    #[test]
    fn goal_rows_carry_their_picture_lines() {
        assert_eq!(
            hints_of(
                &[("2026 Goals.md", GOALS), ("Career.md", CAREER)],
                HintKind::VisionLink
            ),
            [
                "→ Role | Role: Principal engineer who sets platform strategy.",
                "→ Impact, Reach | Impact: Developer platforms that cut lead time from weeks to hours.",
                "not linked | G3 is not linked to your vision — which part of the picture does it serve?",
                "→ North Star | North Star: Principal engineer of a mid-size logistics tech company.",
            ]
        );
        // Without an index the pillars are still named.
        assert_eq!(
            hints_of(&[("2026 Goals.md", GOALS)], HintKind::VisionLink)[0],
            "→ Role | "
        );
    }

    #[test]
    fn a_goal_linked_by_wikilink_or_tag() {
        let goals = "\
# 2026 Goals

## Annual Goals

| Goal | Outcome | Success Metric | Status |
|------|---------|----------------|--------|
| G1 | Principal case [[Career#Vision]] | Promo packet submitted | In progress |
| G2 | Golden paths #vision/impact | 80% of new services | In progress |
";
        check_hints(
            &[("2026 Goals.md", goals), ("Career.md", CAREER)],
            "\
## Annual Goals⟨filled⟩
| G1 | Principal case [[Career#Vision]] | Promo packet submitted | In progress |⟨→ Vision⟩
| G2 | Golden paths #vision/impact | 80% of new services | In progress |⟨→ Impact⟩",
        );
    }

    #[test]
    fn time_left_in_the_current_quarter() {
        assert_eq!(
            hints_of(&[("2026 Goals.md", GOALS)], HintKind::Quarter),
            ["current quarter · 2 weeks left | Q1 2026 ends on 2026-03-31"]
        );
        let last_week = GOALS
            .replace("| Q1 |", "| Q3 |")
            .replace("| Q2 |", "| Q1 |");
        let config_today = |date: &str| {
            let mut snapshot = snapshot(&[("2026 Goals.md", &last_week)]);
            snapshot.today = date.parse().unwrap();
            inlay_hints(&snapshot, 0..last_week.len())
                .into_iter()
                .filter(|h| h.kind == HintKind::Quarter)
                .map(|h| h.label)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            config_today("2026-03-27"),
            ["current quarter · 4 days left"]
        );
        assert_eq!(config_today("2026-03-31"), ["current quarter · last day"]);
        assert_eq!(
            config_today("2026-01-01"),
            ["current quarter · 12 weeks left"]
        );
        assert_eq!(
            config_today("2026-08-01"),
            ["current quarter · 8 weeks left"]
        );
        assert!(config_today("2026-05-01").is_empty(), "no Q2 row");
    }

    #[test]
    fn a_past_years_goals_have_no_quarter_or_dates() {
        let old = GOALS.replace("2026", "2025");
        let hints = hints_of(&[("2025 Goals.md", &old)], HintKind::Quarter);
        assert!(hints.is_empty(), "{hints:?}");
        let hints = hints_of(&[("2025 Goals.md", &old)], HintKind::DueDate);
        assert!(hints.is_empty(), "{hints:?}");
    }

    #[test]
    fn relative_dates_read_naturally() {
        let today: NaiveDate = "2026-03-15".parse().unwrap();
        let cases = [
            ("2026-03-15", "due today"),
            ("2026-03-16", "due tomorrow"),
            ("2026-03-18", "due in 3 days"),
            ("2026-03-28", "due in 13 days"),
            ("2026-03-29", "due in 2 weeks"),
            ("2026-05-31", "due in 2 months"),
            ("2026-03-14", "1 day overdue"),
            ("2026-03-05", "10 days overdue"),
            ("2026-02-28", "2 weeks overdue"),
            ("2025-12-31", "2 months overdue"),
        ];
        for (due, expected) in cases {
            assert_eq!(relative_due(due.parse().unwrap(), today), expected, "{due}");
        }
    }

    #[test]
    fn dated_milestones_in_a_table() {
        let goals = "\
# 2026 Goals

## Monthly Milestones

| Month | Milestone | Status |
|-------|-----------|--------|
| Feb | Go template in production | Done |
| Mar | Shipments team on templates | In progress |
| Apr | Promo narrative first draft | |
";
        check_hints(
            &[("2026 Goals.md", goals)],
            "\
## Monthly Milestones⟨filled⟩
| Mar | Shipments team on templates | In progress |⟨due in 2 weeks⟩
| Apr | Promo narrative first draft | |⟨due in 6 weeks⟩",
        );
    }

    #[test]
    fn checkbox_lists_and_section_completeness_in_an_index() {
        check_hints(
            &[("Career.md", CAREER)],
            "\
## Vision⟨filled⟩
### The Picture⟨filled⟩
## 2026 Theme⟨filled⟩
### Success Criteria (Dec 2026)⟨filled⟩
- [x] Jonah promoted to Senior Engineer⟨1/3 done⟩
## Network & Influence⟨1/2 sub-sections filled⟩
### Sponsors⟨filled⟩
### Mentors⟨empty⟩
## Open Tasks⟨empty⟩",
        );
    }

    #[test]
    fn completeness_tooltips_ask_the_question_or_name_what_is_empty() {
        let hints = hints_of(&[("Career.md", CAREER)], HintKind::SectionCompleteness);
        assert!(hints.contains(&"1/2 sub-sections filled | Still empty: Mentors".to_string()));
        assert!(hints.contains(
            &"empty | Who are your mentors? (People whose experience you pull advice from)"
                .to_string()
        ));
        assert!(hints.contains(&"filled | ".to_string()));
    }

    #[test]
    fn a_section_holding_only_its_own_prompt_is_empty() {
        let career = "\
# Career

## Innovation Thesis

> What do you believe about your industry that others don't?

## Growth

### Skills Inventory
| Domain | Level | Last Active | Notes |
|--------|-------|-------------|-------|
| Platform engineering | Expert | 2026 | |

### Active Development
- [ ] [Development item 1]
";
        check_hints(
            &[("Career.md", career)],
            "\
## Innovation Thesis⟨empty⟩
## Growth⟨1/2 sub-sections filled⟩
### Skills Inventory⟨filled⟩
### Active Development⟨empty⟩",
        );
    }

    #[test]
    fn nested_checkbox_lists_are_counted_per_level() {
        let career = "\
# Career

## Growth

Working on these:

- [ ] Write a platform strategy one-pager
  - [x] Outline
  - [x] First draft
  - [ ] Review with Ana
- [x] Incident commander training
- Reading, not a task
- [ ] Join a staff-plus peer group

> - [x] A quoted task
> - [ ] Another quoted task
";
        check_hints(
            &[("Career.md", career)],
            "\
## Growth⟨filled⟩
  - [ ] Review with Ana⟨2/3 done⟩
- [x] Incident commander training⟨1/2 done⟩
> - [ ] Another quoted task⟨1/2 done⟩",
        );
    }

    #[test]
    fn profiles_and_session_logs() {
        let profile = "\
# Profile

## Profile
- Elena Marchetti, Rotterdam, CET

## Things to Avoid
";
        check_hints(
            &[
                ("CLAUDE.md", profile),
                ("Career.md", "# Career\n\n## Vision\n"),
            ],
            "\
## Profile⟨filled⟩
## Things to Avoid⟨empty⟩",
        );
        // A session log gets checkbox counts but no section completeness.
        let session = "\
# 2026-02-21 Career Coaching Session

## Open Threads
- [ ] A mitigation for the acquisition risk
- [x] Which pillar the speaking goal serves
";
        check_hints(
            &[("2026-02-21 Career Coaching Session.md", session)],
            "- [x] Which pillar the speaking goal serves⟨1/2 done⟩",
        );
    }

    #[test]
    fn other_notes_have_no_hints() {
        let other = "# Reading list\n\n## Vision\n\n- [ ] One\n- [x] Two\n";
        check_hints(&[("Reading.md", other)], "");
    }

    #[test]
    fn only_hints_in_the_range() {
        let snapshot = snapshot(&[("2026 Goals.md", GOALS)]);
        let text = snapshot.text();
        let start = text.find("## Quarterly").unwrap();
        let end = text.find("## Monthly").unwrap();
        let labels: Vec<String> = inlay_hints(&snapshot, start..end)
            .into_iter()
            .map(|h| h.label)
            .collect();
        assert_eq!(labels, ["filled", "current quarter · 2 weeks left"]);
        // A hint at the very end of the range is in it.
        let row_end =
            text.find("| Q1 |").unwrap() + text[text.find("| Q1 |").unwrap()..].find('\n').unwrap();
        let labels: Vec<String> = inlay_hints(&snapshot, row_end..row_end)
            .into_iter()
            .map(|h| h.label)
            .collect();
        assert_eq!(labels, ["current quarter · 2 weeks left"]);
    }

    /// Section completeness agrees with `empty-section` on every fixture workspace: the
    /// rule fires at a heading only where the hint says `empty`, and every `empty` heading
    /// is reported, or sits under a reported one.
    #[test]
    fn empty_agrees_with_the_empty_section_rule_on_the_fixtures() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut folders = vec![root.join("demo"), root.join("demo/mentee-review")];
        let cases = std::fs::read_dir(root.join("rules/empty-section")).expect("fixtures");
        folders.extend(cases.map(|entry| entry.expect("a fixture folder").path()));
        let rule = crate::rules::rule("empty-section").expect("the rule");
        let mut checked = 0;
        for folder in folders {
            let mut notes: Vec<(String, String)> = std::fs::read_dir(&folder)
                .expect("a fixture folder")
                .map(|entry| entry.expect("a file").path())
                .filter(|path| path.extension().is_some_and(|e| e == "md"))
                .map(|path| {
                    let name = path.file_name().unwrap().to_string_lossy().to_string();
                    (name, std::fs::read_to_string(&path).expect("a note"))
                })
                .collect();
            notes.sort();
            for first in 0..notes.len() {
                let mut ordered: Vec<(&str, &str)> = notes
                    .iter()
                    .map(|(n, t)| (n.as_str(), t.as_str()))
                    .collect();
                ordered.swap(0, first);
                let snapshot = snapshot(&ordered);
                let note = snapshot.note();
                let reported: Vec<Range<usize>> = rule
                    .check(note, &snapshot.context())
                    .into_iter()
                    .map(|finding| finding.range)
                    .collect();
                let empty: Vec<Range<usize>> = inlay_hints(&snapshot, 0..snapshot.text().len())
                    .into_iter()
                    .filter(|h| h.kind == HintKind::SectionCompleteness && h.label == "empty")
                    .filter_map(|h| {
                        note.sections
                            .iter()
                            .find(|s| s.heading_range.end == h.offset)
                            .map(|s| s.heading_range.clone())
                    })
                    .collect();
                let where_ = format!("{}/{}", folder.display(), ordered[0].0);
                for range in &reported {
                    assert!(
                        empty.contains(range),
                        "{where_}: reported but not `empty` at {range:?}"
                    );
                }
                for range in &empty {
                    let section = note
                        .sections
                        .iter()
                        .find(|s| s.heading_range == *range)
                        .expect("a section");
                    let mut current = Some(section);
                    let mut covered = false;
                    while let Some(s) = current {
                        covered |= reported.contains(&s.heading_range);
                        current = s.parent.map(|p| &note.sections[p]);
                    }
                    assert!(covered, "{where_}: `empty` but not reported at {range:?}");
                }
                checked += empty.len();
            }
        }
        assert!(checked > 10, "the fixtures hold empty sections ({checked})");
    }

    #[test]
    fn hints_sit_on_character_boundaries_in_multi_byte_text() {
        let goals = "\
# 2026 Goals

## 🎯 Annual Goals

| Goal | Outcome | Success Metric | Status | Vision |
|------|---------|----------------|--------|--------|
| G1 | 晋升到首席工程师 | 评审通过 | In progress | Role 🚀 |

## Weekly Actions

### Week of 2026-03-09
- [ ] 準備する (G1) 🎤
- [x] Démo du modèle Go
";
        let snapshot = snapshot(&[("2026 Goals.md", goals)]);
        let hints = inlay_hints(&snapshot, 0..goals.len());
        assert!(hints.iter().all(|h| goals.is_char_boundary(h.offset)));
        check_hints(
            &[("2026 Goals.md", goals)],
            "\
## 🎯 Annual Goals⟨filled⟩
| G1 | 晋升到首席工程师 | 评审通过 | In progress | Role 🚀 |⟨→ Role⟩
## Weekly Actions⟨filled⟩
- [ ] 準備する (G1) 🎤⟨due today⟩
- [x] Démo du modèle Go⟨1/2 done⟩",
        );
    }

    #[test]
    fn an_agent_file_gets_hints_only_where_it_is_a_career_profile() {
        let profile = "# CLAUDE.md\n\n## Profile\n\nStaff engineer, platform.\n";
        let hints = |snapshot: &Snapshot| inlay_hints(snapshot, 0..snapshot.text().len());
        assert_eq!(hints(&snapshot(&[("CLAUDE.md", profile)])), Vec::new());
        let career = "# Career\n\n## Vision\n\nLead a platform group.\n";
        let beside_index = snapshot(&[("CLAUDE.md", profile), ("Career.md", career)]);
        assert!(hints(&beside_index).iter().any(|h| h.label == "filled"));
        let in_configured_root = crate::features::test_support::snapshot_in_root(
            &[("CLAUDE.md", profile)],
            Some("today = \"2026-03-15\"\n"),
        );
        assert!(hints(&in_configured_root)
            .iter()
            .any(|h| h.label == "filled"));
    }
}
