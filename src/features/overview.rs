//! The career at a glance, as data: the vision, the year's theme, the annual goals, the
//! current quarter's intention, this month's milestones, this week's actions and the last
//! weekly review — what an assistant needs before it asks its next question. Plain data
//! that serialises to JSON; the front ends render it.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::methodology::templates::week_start;
use crate::methodology::{
    core_sections, purpose, review_question, NoteKind, BLIND_SPOTS, WEEKLY_REVIEW_QUESTIONS,
};
use crate::model::goals::Item;
use crate::model::notes::NoteSet;
use crate::model::text::VisionLink;
use crate::model::{Note, Typed};
use crate::workspace::Snapshot;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overview {
    /// The Career Index's path, when the root has one.
    pub career_index: Option<String>,
    pub north_star: Option<String>,
    /// The picture's lines: `Role`, `VP of Platform`.
    pub pillars: Vec<PillarLine>,
    /// The current theme's year and phrases.
    pub theme_year: Option<i32>,
    pub themes: Vec<String>,
    /// The current year's Goals note's path, when there is one.
    pub goals_note: Option<String>,
    pub goals: Vec<GoalLine>,
    pub quarter: Option<QuarterLine>,
    /// This month's milestones.
    pub milestones: Vec<ItemLine>,
    /// This week's actions.
    pub actions: Vec<ItemLine>,
    /// Every milestone and action, of any month or week, past its date and not done.
    pub overdue: Vec<ItemLine>,
    pub last_weekly_review: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PillarLine {
    pub pillar: &'static str,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoalLine {
    pub id: String,
    pub outcome: String,
    pub metric: String,
    pub status: String,
    /// The pillars the goal names (`Role`), `North Star`, or the heading it links to.
    pub serves: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuarterLine {
    pub quarter: u32,
    pub intention: String,
    pub focus: String,
}

/// A milestone or an action: its text, whether it is done, when it is due (ISO), and
/// `done`, `due` or `overdue` as of today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemLine {
    pub text: String,
    pub due: Option<String>,
    pub state: &'static str,
    /// The goals it names (`G2`).
    pub goals: Vec<String>,
}

fn item_line(item: &Item, today: NaiveDate) -> ItemLine {
    let state = match item.due {
        _ if item.done => "done",
        Some(due) if due < today => "overdue",
        _ => "due",
    };
    let mut goals: Vec<String> = item
        .goal_refs
        .iter()
        .map(|(id, _)| format!("G{id}"))
        .collect();
    goals.dedup();
    ItemLine {
        text: item.text.clone(),
        due: item.due.map(|d| d.to_string()),
        state,
        goals,
    }
}

/// What a goal's vision links name: its pillars (`Role`), `North Star`, or the heading it
/// links to.
pub(crate) fn serves(links: &[VisionLink]) -> Vec<String> {
    links
        .iter()
        .flat_map(|link| match link {
            VisionLink::Pillars(pillars) => pillars.iter().map(|p| p.name().to_string()).collect(),
            VisionLink::NorthStar => vec!["North Star".to_string()],
            VisionLink::Wikilink { target, heading } => vec![format!("[[{target}#{heading}]]")],
        })
        .collect()
}

/// Monday to Sunday of the week `today` falls in.
pub fn this_week(today: NaiveDate) -> std::ops::RangeInclusive<NaiveDate> {
    let monday = week_start(today);
    monday..=monday + chrono::Duration::days(6)
}

/// The overview of a root's notes on `today`: its first Career Index (in path order) and
/// its Goals note for today's year.
pub fn overview(notes: &NoteSet, today: NaiveDate) -> Overview {
    let index_note = notes.of_kind(NoteKind::CareerIndex).next();
    let index = index_note.and_then(|n| n.as_index());
    let goals_note = notes
        .of_kind(NoteKind::Goals)
        .find(|n| n.as_goals().is_some_and(|g| g.year == Some(today.year())));
    let goals = goals_note.and_then(|n| n.as_goals());
    let quarter = (today.month0() / 3) + 1;
    let week = this_week(today);
    let in_month = |d: &NaiveDate| d.year() == today.year() && d.month() == today.month();
    Overview {
        career_index: index_note.map(|n| n.path.display().to_string()),
        north_star: index.and_then(|i| i.vision.north_star.as_ref().map(|t| t.text.clone())),
        pillars: index.map_or_else(Vec::new, |i| {
            i.vision
                .picture
                .iter()
                .map(|line| PillarLine {
                    pillar: line.pillar.name(),
                    text: line.text.clone(),
                })
                .collect()
        }),
        theme_year: index.and_then(|i| i.theme.year),
        themes: index.map_or_else(Vec::new, |i| {
            i.theme.themes.iter().map(|t| t.text.clone()).collect()
        }),
        goals_note: goals_note.map(|n| n.path.display().to_string()),
        goals: goals.map_or_else(Vec::new, |g| {
            g.goals
                .iter()
                .map(|goal| GoalLine {
                    id: goal.label(),
                    outcome: goal.outcome.clone(),
                    metric: goal.success_metric.clone(),
                    status: goal.status.clone(),
                    serves: serves(&goal.vision_links),
                })
                .collect()
        }),
        quarter: goals.and_then(|g| {
            g.quarterly
                .iter()
                .find(|row| row.quarter == Some(quarter))
                .map(|row| QuarterLine {
                    quarter,
                    intention: row.intention.clone(),
                    focus: row.focus.clone(),
                })
        }),
        milestones: goals.map_or_else(Vec::new, |g| {
            g.monthly
                .iter()
                .filter(|m| m.due.as_ref().is_some_and(in_month))
                .map(|m| item_line(m, today))
                .collect()
        }),
        actions: goals.map_or_else(Vec::new, |g| {
            g.weekly
                .iter()
                .filter(|a| a.due.is_some_and(|d| week.contains(&d)))
                .map(|a| item_line(a, today))
                .collect()
        }),
        overdue: goals.map_or_else(Vec::new, |g| {
            g.monthly
                .iter()
                .chain(&g.weekly)
                .filter(|i| !i.done && i.due.is_some_and(|d| d < today))
                .map(|i| item_line(i, today))
                .collect()
        }),
        last_weekly_review: goals.and_then(|g| {
            g.reviews
                .iter()
                .map(|(date, _)| *date)
                .filter(|d| *d <= today)
                .max()
                .map(|d| d.to_string())
        }),
    }
}

/// A note's typed model, for a reader that cannot see its Markdown: its kind, title and
/// sections (with the line each heading is on), and what the methodology reads in it — the
/// vision, goals, milestones, wins, threads… — without byte ranges.
#[derive(Debug, Clone, Serialize)]
pub struct NoteModel<'a> {
    pub path: String,
    pub kind: &'static str,
    pub title: Option<&'a str>,
    pub sections: Vec<SectionLine<'a>>,
    pub model: &'a Typed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionLine<'a> {
    /// The heading as written.
    pub heading: &'a str,
    /// The methodology's section it is, when it is one.
    pub section: Option<&'static str>,
    pub level: u8,
    /// 1-based.
    pub line: usize,
}

/// The model of `note`, its path shown as `shown_path`.
pub fn note_model<'a>(note: &'a Note, shown_path: &str) -> NoteModel<'a> {
    let line_starts: Vec<usize> = note.text.match_indices('\n').map(|(i, _)| i).collect();
    let line = |offset: usize| line_starts.partition_point(|&i| i < offset) + 1;
    NoteModel {
        path: shown_path.to_string(),
        kind: note.kind.name(),
        title: note.title.as_ref().map(|(t, _)| t.as_str()),
        sections: note
            .sections
            .iter()
            .map(|s| SectionLine {
                heading: s.title.trim(),
                section: s.id.map(|id| id.title()),
                level: s.level,
                line: line(s.heading_range.start),
            })
            .collect(),
        model: &note.typed,
    }
}

/// The methodology's weekly review, prepared: its four questions with what they ask
/// about — this week's actions, this month's milestones at risk, everything overdue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeeklyReview {
    /// The Monday of this week (ISO).
    pub week_of: String,
    pub questions: Vec<&'static str>,
    pub actions: Vec<ItemLine>,
    pub milestones_at_risk: Vec<AtRisk>,
    pub overdue: Vec<ItemLine>,
    pub last_weekly_review: Option<String>,
}

/// A milestone of this month, not done, that no action of this week moves forward.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AtRisk {
    pub milestone: ItemLine,
    pub why: String,
}

/// The weekly review of a root's notes on `today`. A milestone of this month is at risk
/// when it is not done and no action this week names one of its goals (or, for a
/// milestone that names none, when this week has no action at all).
pub fn weekly_review(notes: &NoteSet, today: NaiveDate) -> WeeklyReview {
    let overview = overview(notes, today);
    let moved = |goal: &String| overview.actions.iter().any(|a| a.goals.contains(goal));
    let milestones_at_risk = overview
        .milestones
        .iter()
        .filter(|m| m.state == "due")
        .filter_map(|m| {
            let why = if m.goals.is_empty() {
                if !overview.actions.is_empty() {
                    return None;
                }
                "no action is planned this week".to_string()
            } else {
                if m.goals.iter().any(moved) {
                    return None;
                }
                format!("no action this week moves {}", m.goals.join(" or "))
            };
            let due = m
                .due
                .as_deref()
                .map_or(String::new(), |d| format!("due {d}; "));
            Some(AtRisk {
                milestone: m.clone(),
                why: format!("{due}{why}"),
            })
        })
        .collect();
    WeeklyReview {
        week_of: week_start(today).to_string(),
        questions: WEEKLY_REVIEW_QUESTIONS.to_vec(),
        actions: overview.actions,
        milestones_at_risk,
        overdue: overview.overdue,
        last_weekly_review: overview.last_weekly_review,
    }
}

/// The next question to ask about a note — one question at a time: its first empty known
/// section (an empty sub-section of a section that has content), else its first missing
/// core section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextQuestion {
    /// The section's title in the methodology (`Innovation Portfolio`).
    pub section: &'static str,
    /// The heading as the note writes it; `None` when the section is missing.
    pub heading: Option<String>,
    /// Bytes of the heading in the note, to place the answer.
    #[serde(skip)]
    pub heading_range: Option<std::ops::Range<usize>>,
    pub purpose: &'static str,
    pub question: &'static str,
    /// What the section holds now, a block a line: nothing, or the template's scaffolding.
    pub holds: Vec<String>,
}

pub fn next_question(note: &Note) -> Option<NextQuestion> {
    let first_empty = note.sections.iter().find(|s| {
        s.id.is_some()
            && note.is_empty_section(s)
            && !s.parent.is_some_and(|p| {
                note.sections[p].id.is_some() && note.is_empty_section(&note.sections[p])
            })
    });
    if let Some(section) = first_empty {
        let id = section.id?;
        return Some(NextQuestion {
            section: id.title(),
            heading: Some(section.title.trim().to_string()),
            heading_range: Some(section.heading_range.clone()),
            purpose: purpose(id),
            question: review_question(id),
            holds: note
                .blocks_in(section)
                .map(|b| b.text.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect(),
        });
    }
    let missing = core_sections(note.kind).find(|id| !note.has_section(*id))?;
    Some(NextQuestion {
        section: missing.title(),
        heading: None,
        heading_range: None,
        purpose: purpose(missing),
        question: review_question(missing),
        holds: Vec::new(),
    })
}

/// One of the methodology's blind spots, as it stands for a note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlindSpotLine {
    pub name: &'static str,
    pub question: &'static str,
    /// Whether a finding raises it: its own rule's, or the `empty-section` or
    /// `missing-section` finding that asks for it where its section is empty or absent.
    pub applies: bool,
    /// Those findings, as `code: message`.
    pub evidence: Vec<String>,
}

/// The five blind spots for the snapshot's note (a Career Index or a Goals note; for any
/// other note none applies), in the methodology's order.
pub fn blind_spots(snapshot: &Snapshot) -> Vec<BlindSpotLine> {
    let note = snapshot.note();
    let findings = if matches!(note.kind, NoteKind::CareerIndex | NoteKind::Goals) {
        snapshot.diagnostics()
    } else {
        Vec::new()
    };
    BLIND_SPOTS
        .iter()
        .map(|spot| {
            let evidence: Vec<String> = findings
                .iter()
                .filter(|f| f.blind_spots.contains(&spot.id))
                .map(|f| format!("{}: {}", f.code, f.message))
                .collect();
            BlindSpotLine {
                name: spot.name,
                question: spot.question,
                applies: !evidence.is_empty(),
                evidence,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::{Config, Workspace};

    /// The demo workspace's root notes, as the server indexes them.
    fn demo() -> (Workspace, NaiveDate) {
        let today = NaiveDate::from_ymd_opt(2026, 3, 15).unwrap();
        let mut workspace = Workspace::new(Config::default());
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo");
        workspace.add_root(root);
        (workspace, today)
    }

    /// The demo's note whose path ends with `end`, as the server would see it open.
    fn snapshot_of(workspace: &Workspace, end: &str) -> crate::workspace::Snapshot {
        let path = workspace
            .note_paths()
            .into_iter()
            .find(|p| p.ends_with(end))
            .unwrap_or_else(|| panic!("no note {end}"));
        workspace.snapshot(&path).unwrap()
    }

    #[test]
    fn the_demo_at_a_glance() {
        let (workspace, today) = demo();
        let snapshot = snapshot_of(&workspace, "fixtures/demo/Career.md");
        let overview = overview(snapshot.notes(), today);
        // It serialises for the assistant.
        let json = serde_json::to_value(&overview).unwrap();
        assert_eq!(json["goals"][0]["id"], "G1");
        assert!(overview
            .career_index
            .as_deref()
            .unwrap()
            .ends_with("Career.md"));
        assert!(overview.north_star.is_some());
        assert_eq!(overview.theme_year, Some(2026));
        let goals: Vec<(&str, &[String])> = overview
            .goals
            .iter()
            .map(|g| (g.id.as_str(), g.serves.as_slice()))
            .collect();
        assert_eq!(goals.len(), 4, "{goals:?}");
        assert_eq!(goals[0].0, "G1");
        assert!(!goals[0].1.is_empty(), "G1 serves the vision: {goals:?}");
        assert!(goals[3].1.is_empty(), "G4 is not linked: {goals:?}");
        assert_eq!(overview.quarter.as_ref().map(|q| q.quarter), Some(1));
        let overdue: Vec<(&str, Option<&str>)> = overview
            .overdue
            .iter()
            .map(|i| (i.text.as_str(), i.due.as_deref()))
            .collect();
        assert_eq!(
            overdue,
            [
                (
                    "First blog post published on the engineering blog (G3)",
                    Some("2026-02-28")
                ),
                (
                    "Send Ana the scope summary for the promo case (G1)",
                    Some("2026-03-08")
                )
            ]
        );
        assert_eq!(overview.milestones.len(), 2);
        assert!(overview
            .milestones
            .iter()
            .all(|m| m.due.as_deref().is_some_and(|d| d.starts_with("2026-03"))));
        assert_eq!(overview.last_weekly_review.as_deref(), Some("2026-03-02"));
    }

    #[test]
    fn the_next_question_is_the_first_empty_section_else_the_first_missing_one() {
        let (workspace, _) = demo();
        let snapshot = snapshot_of(&workspace, "fixtures/demo/Career.md");
        let next = next_question(snapshot.note()).unwrap();
        assert_eq!(next.section, "Innovation Portfolio");
        assert_eq!(
            next.question,
            "What experiments are testing that belief, and what have they taught you so far?"
        );
        assert!(next.heading.is_some() && next.purpose.ends_with('.'));
        let json = serde_json::to_value(&next).unwrap();
        assert!(json.get("heading_range").is_none(), "{json}");

        let snapshot = snapshot_of(&workspace, "fixtures/demo/CLAUDE.md");
        let next = next_question(snapshot.note()).unwrap();
        assert_eq!((next.section, next.heading), ("Things to Avoid", None));
    }

    #[test]
    fn the_blind_spots_of_a_career_index_with_their_evidence() {
        let (workspace, _) = demo();
        let spots = |end: &str| {
            blind_spots(&snapshot_of(&workspace, end))
                .into_iter()
                .map(|s| (s.name, s.applies, s.evidence.len()))
                .collect::<Vec<_>>()
        };
        // The mentee's index misses four of five; its own finding is the evidence of each.
        let mentee = spots("mentee-review/Career.md");
        assert_eq!(mentee.len(), 5);
        let covered: Vec<&str> = mentee
            .iter()
            .filter(|(_, applies, _)| !applies)
            .map(|(name, _, _)| *name)
            .collect();
        assert_eq!(covered, ["Too many priorities"], "{mentee:?}");
        assert!(mentee
            .iter()
            .all(|(_, applies, evidence)| *applies == (*evidence > 0)));
        // The demo's index: only its risk without a mitigation (no contingency) and the
        // empty Innovation Portfolio (no clear POV) apply.
        let demo: Vec<&str> = spots("fixtures/demo/Career.md")
            .into_iter()
            .filter(|(_, applies, _)| *applies)
            .map(|(name, _, _)| name)
            .collect();
        assert_eq!(demo.len(), 2, "{demo:?}");
        // A session log has none.
        let log = spots("2026-01-17 Career Coaching Session.md");
        assert!(log.iter().all(|(_, applies, _)| !applies));
    }

    #[test]
    fn the_demos_weekly_review_puts_this_months_milestones_at_risk() {
        let (workspace, today) = demo();
        let snapshot = snapshot_of(&workspace, "fixtures/demo/Career.md");
        let review = weekly_review(snapshot.notes(), today);
        assert_eq!(review.week_of, "2026-03-09");
        assert_eq!(review.questions.len(), 4);
        assert!(review.questions[0].contains("ONE thing"));
        // Nothing is planned for the week of 9 March, so both March milestones are at risk.
        assert!(review.actions.is_empty());
        let at_risk: Vec<(&str, &str)> = review
            .milestones_at_risk
            .iter()
            .map(|r| (r.milestone.text.as_str(), r.why.as_str()))
            .collect();
        assert_eq!(
            at_risk,
            [
                (
                    "Shipments team's first three services on templates (G2)",
                    "due 2026-03-31; no action this week moves G2"
                ),
                (
                    "Talk outline reviewed by Ingeborg (G3)",
                    "due 2026-03-31; no action this week moves G3"
                )
            ]
        );
        assert_eq!(review.overdue.len(), 2);
        // On 4 March the week's actions name G1 and G2: the G2 milestone is not at risk.
        let review = weekly_review(
            snapshot.notes(),
            NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
        );
        let at_risk: Vec<&[String]> = review
            .milestones_at_risk
            .iter()
            .map(|r| r.milestone.goals.as_slice())
            .collect();
        assert_eq!(at_risk, [["G3".to_string()]]);
    }

    #[test]
    fn a_notes_model_reads_as_json_without_byte_ranges() {
        let (workspace, _) = demo();
        let snapshot = snapshot_of(&workspace, "fixtures/demo/2026 Goals.md");
        let json = serde_json::to_value(note_model(snapshot.note(), "2026 Goals.md")).unwrap();
        assert_eq!(json["kind"], "goals");
        assert_eq!(json["model"]["kind"], "goals");
        assert_eq!(json["model"]["year"], 2026);
        assert_eq!(
            json["model"]["goals"][1]["outcome"],
            snapshot.note().as_goals().unwrap().goals[1].outcome
        );
        assert_eq!(json["model"]["monthly"][3]["due"], "2026-02-28");
        let annual = json["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["section"] == "Annual Goals")
            .unwrap();
        assert_eq!(annual["line"], 5, "{annual}");
        fn ranges(value: &serde_json::Value) -> usize {
            match value {
                serde_json::Value::Object(map) => map
                    .iter()
                    .map(|(k, v)| usize::from(k.contains("range")) + ranges(v))
                    .sum(),
                serde_json::Value::Array(items) => items.iter().map(ranges).sum(),
                _ => 0,
            }
        }
        assert_eq!(ranges(&json), 0, "{json:#}");
        let index = snapshot_of(&workspace, "fixtures/demo/Career.md");
        let json = serde_json::to_value(note_model(index.note(), "Career.md")).unwrap();
        assert_eq!(json["model"]["kind"], "career-index");
        assert_eq!(json["model"]["vision"]["picture"][0]["pillar"], "Life");
        assert_eq!(ranges(&json), 0);
    }

    #[test]
    fn a_root_without_notes_has_an_empty_overview() {
        let overview = overview(
            &NoteSet::new(),
            NaiveDate::from_ymd_opt(2026, 3, 15).unwrap(),
        );
        assert_eq!(overview.career_index, None);
        assert!(overview.goals.is_empty() && overview.milestones.is_empty());
        assert_eq!(overview.quarter, None);
    }
}
