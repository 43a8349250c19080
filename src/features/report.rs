//! The dashboard: a root's cascade, progress, Career Index at a glance and findings, as
//! plain data, rendered as a self-contained HTML page (`report/html.rs`) or as Markdown
//! (`report/markdown.rs`). `career-lsp report` writes it; the server returns it for
//! `career-lsp.showReport`.

mod html;
mod markdown;

pub use html::html;
pub use markdown::markdown;

use chrono::{Datelike, NaiveDate};

use super::overview::{blind_spots, overview, BlindSpotLine, GoalLine, Overview};
use crate::methodology::{NoteKind, SectionId, SECTIONS};
use crate::model::goals::Item;
use crate::rules::Severity;
use crate::workspace::{Snapshot, Workspace};

/// The notes of one root, as snapshots: taken under a server's lock (cheap), analysed
/// after it.
#[derive(Debug, Clone)]
pub struct RootNotes {
    /// A snapshot of one of the root's notes, for the root as a whole.
    pub root: Snapshot,
    /// Every note of the root (not of a folder below it with its own configuration), in
    /// path order.
    pub notes: Vec<Snapshot>,
    /// The root's folder: the page shows and links the notes' paths relative to it.
    pub folder: std::path::PathBuf,
}

/// The notes of the root `folder` (a folder, or a note) belongs to; `None` when it is
/// under no root or the root holds no note.
pub fn root_notes(workspace: &Workspace, folder: &std::path::Path) -> Option<RootNotes> {
    let root = workspace.snapshot_of_root(folder)?;
    // Roots come deepest first: a note's root is the first above it.
    let roots = workspace.roots();
    let root_of = |note: &std::path::Path| roots.iter().find(|r| note.starts_with(r)).cloned();
    let own = root_of(root.path())?;
    let notes = workspace
        .note_paths()
        .into_iter()
        .filter(|p| root_of(p).as_ref() == Some(&own))
        .filter_map(|p| workspace.snapshot(&p))
        .collect();
    Some(RootNotes {
        root,
        notes,
        folder: own,
    })
}

/// The report of a root's notes, their paths shown relative to its folder with `/`.
pub fn report_of(root: &RootNotes) -> Report {
    let shown = |note: &std::path::Path| {
        note.strip_prefix(&root.folder)
            .unwrap_or(note)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    };
    report(&root.root, &root.notes, &shown)
}

/// Everything the dashboard shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub today: NaiveDate,
    pub overview: Overview,
    pub goals: Vec<GoalProgress>,
    pub quarters: Vec<Quarter>,
    /// Every milestone of the year, in date order.
    pub milestones: Vec<Dated>,
    /// This week's actions.
    pub actions: Vec<Dated>,
    /// Every dated milestone and action of the year, for the timeline.
    pub timeline: Vec<Dated>,
    pub index: Option<IndexGlance>,
    pub findings: Vec<NoteFindings>,
}

/// A goal with how far it has come.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalProgress {
    pub goal: GoalLine,
    pub number: u32,
    pub milestones_done: usize,
    pub milestones: usize,
    pub actions_done: usize,
    pub actions: usize,
    /// No intention, milestone or action names it.
    pub unmoved: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quarter {
    pub quarter: u32,
    pub intention: String,
    pub focus: String,
    pub goals: Vec<u32>,
    pub current: bool,
}

/// A milestone or an action, with its date and state.
#[derive(Debug, Clone, PartialEq)]
pub struct Dated {
    pub text: String,
    pub due: Option<NaiveDate>,
    pub done: bool,
    pub overdue: bool,
    pub goals: Vec<u32>,
    /// A milestone (else an action).
    pub milestone: bool,
}

impl Dated {
    /// `done`, `overdue` or `due`.
    pub fn state(&self) -> &'static str {
        if self.done {
            "done"
        } else if self.overdue {
            "overdue"
        } else {
            "due"
        }
    }
}

/// A section of the Career Index: filled, empty or missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionState {
    pub section: &'static str,
    pub state: &'static str,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndexGlance {
    pub path: String,
    pub sections: Vec<SectionState>,
    pub wins_with_numbers: Vec<String>,
    pub wins_without_numbers: Vec<String>,
    pub blind_spots: Vec<BlindSpotLine>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteFindings {
    pub path: String,
    pub findings: Vec<ReportedFinding>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportedFinding {
    pub line: usize,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
}

fn dated(item: &Item, milestone: bool, today: NaiveDate) -> Dated {
    let mut goals: Vec<u32> = item.goal_refs.iter().map(|(id, _)| *id).collect();
    goals.dedup();
    Dated {
        text: item.text.clone(),
        due: item.due,
        done: item.done,
        overdue: !item.done && item.due.is_some_and(|d| d < today),
        goals,
        milestone,
    }
}

/// The report of the root `root` (a snapshot of any of its notes) on its `today`;
/// `shown` turns a note's path into the one the page shows and links to, `snapshots`
/// gives each of the root's notes (for their findings), in path order.
pub fn report(
    root: &Snapshot,
    snapshots: &[Snapshot],
    shown: &dyn Fn(&std::path::Path) -> String,
) -> Report {
    let today = root.today;
    let notes = root.notes();
    let mut overview = overview(notes, today);
    overview.career_index = overview
        .career_index
        .map(|p| shown(std::path::Path::new(&p)));
    overview.goals_note = overview.goals_note.map(|p| shown(std::path::Path::new(&p)));
    let goals_note = notes
        .of_kind(NoteKind::Goals)
        .find(|n| n.as_goals().is_some_and(|g| g.year == Some(today.year())));
    let goals = goals_note.and_then(|n| n.as_goals());
    let week = super::overview::this_week(today);

    let (mut milestones, actions, quarters, progress) = match goals {
        None => (Vec::new(), Vec::new(), Vec::new(), Vec::new()),
        Some(g) => {
            let milestones: Vec<Dated> = g.monthly.iter().map(|m| dated(m, true, today)).collect();
            let all_actions: Vec<Dated> = g.weekly.iter().map(|a| dated(a, false, today)).collect();
            let quarters: Vec<Quarter> = g
                .quarterly
                .iter()
                .filter_map(|q| {
                    let quarter = q.quarter?;
                    let mut goals: Vec<u32> = q.goal_refs.iter().map(|(id, _)| *id).collect();
                    goals.sort_unstable();
                    goals.dedup();
                    Some(Quarter {
                        quarter,
                        intention: q.intention.clone(),
                        focus: q.focus.clone(),
                        goals,
                        current: quarter == today.month0() / 3 + 1,
                    })
                })
                .collect();
            let progress = g
                .goals
                .iter()
                .zip(&overview.goals)
                .map(|(goal, line)| {
                    let of = |items: &[Dated]| {
                        let mine: Vec<&Dated> = items
                            .iter()
                            .filter(|i| i.goals.contains(&goal.id))
                            .collect();
                        (mine.iter().filter(|i| i.done).count(), mine.len())
                    };
                    let (milestones_done, milestone_count) = of(&milestones);
                    let (actions_done, action_count) = of(&all_actions);
                    let in_quarter = quarters.iter().any(|q| q.goals.contains(&goal.id));
                    GoalProgress {
                        goal: line.clone(),
                        number: goal.id,
                        milestones_done,
                        milestones: milestone_count,
                        actions_done,
                        actions: action_count,
                        unmoved: milestone_count == 0 && action_count == 0 && !in_quarter,
                    }
                })
                .collect();
            let actions = all_actions
                .into_iter()
                .filter(|a| a.due.is_some_and(|d| week.contains(&d)))
                .collect();
            (milestones, actions, quarters, progress)
        }
    };
    milestones.sort_by_key(|m| m.due);
    let mut timeline: Vec<Dated> = match goals {
        None => Vec::new(),
        Some(g) => g
            .monthly
            .iter()
            .map(|m| dated(m, true, today))
            .chain(g.weekly.iter().map(|a| dated(a, false, today)))
            .filter(|d| d.due.is_some_and(|due| due.year() == today.year()))
            .collect(),
    };
    timeline.sort_by_key(|d| d.due);

    let index = notes
        .of_kind(NoteKind::CareerIndex)
        .next()
        .and_then(|note| snapshots.iter().find(|s| s.path() == note.path))
        .map(|snapshot| index_glance(snapshot, shown));

    let findings = snapshots
        .iter()
        .filter_map(|snapshot| {
            let found = snapshot.diagnostics();
            if found.is_empty() {
                return None;
            }
            let rope = &snapshot.document.rope;
            let mut findings: Vec<ReportedFinding> = found
                .into_iter()
                .map(|f| ReportedFinding {
                    line: rope.byte_to_line(f.range.start.min(rope.len_bytes())) + 1,
                    severity: f.severity,
                    code: f.code,
                    message: f.message,
                })
                .collect();
            findings.sort_by_key(|f| f.line);
            Some(NoteFindings {
                path: shown(snapshot.path()),
                findings,
            })
        })
        .collect();

    Report {
        today,
        overview,
        goals: progress,
        quarters,
        milestones,
        actions,
        timeline,
        index,
        findings,
    }
}

/// The Career Index's top-level sections, wins and blind spots.
fn index_glance(snapshot: &Snapshot, shown: &dyn Fn(&std::path::Path) -> String) -> IndexGlance {
    let note = snapshot.note();
    let sections = SECTIONS
        .iter()
        .filter(|info| info.note == NoteKind::CareerIndex && info.parent.is_none())
        .filter(|info| info.id != SectionId::SessionLogs)
        .map(|info| {
            let state = match note.section(info.id) {
                None => "missing",
                Some(section) if note.is_empty_section(section) => "empty",
                Some(_) => "filled",
            };
            SectionState {
                section: info.title,
                state,
            }
        })
        .collect();
    let findings = snapshot.diagnostics();
    let unquantified: Vec<std::ops::Range<usize>> = findings
        .iter()
        .filter(|f| f.code == "unquantified-win")
        .map(|f| f.range.clone())
        .collect();
    let (mut with, mut without) = (Vec::new(), Vec::new());
    if let Some(index) = note.as_index() {
        for win in &index.wins {
            let title = if win.title.is_empty() {
                win.text.clone()
            } else {
                win.title.clone()
            };
            let flagged = unquantified.iter().any(|r| {
                r.start >= win.range.start && r.start < win.range.end.max(win.range.start + 1)
            });
            if flagged {
                without.push(title);
            } else {
                with.push(title);
            }
        }
    }
    IndexGlance {
        path: shown(snapshot.path()),
        sections,
        wins_with_numbers: with,
        wins_without_numbers: without,
        blind_spots: blind_spots(snapshot),
    }
}

#[cfg(test)]
mod tests;
