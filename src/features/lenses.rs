//! Code lenses: above each annual goal, its progress down the cascade ("2/3 milestones ·
//! 4/6 weekly actions · serves Role"), which shows the goal's references when clicked;
//! above each known section of a Career Index, whether it is filled, or empty with a click
//! that asks its question; above a session log's title, where its open threads went.

use std::ops::Range;

use super::overview::{serves, this_week};
use crate::methodology::NoteKind;
use crate::model::sessions::threads_carried;
use crate::workspace::Snapshot;

/// What clicking a lens does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LensAction {
    /// Show the references of the goal whose ID is at this offset.
    ShowReferences(usize),
    /// Insert the section's review prompt (the command `career-lsp.insertReviewPrompt`)
    /// with the cursor at this offset.
    InsertReviewPrompt(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lens {
    /// The line it stands above (its start is what matters).
    pub range: Range<usize>,
    pub title: String,
    pub action: Option<LensAction>,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The lenses of the snapshot's note, in text order.
pub fn code_lenses(snapshot: &Snapshot) -> Vec<Lens> {
    let note = snapshot.note();
    match note.kind {
        NoteKind::Goals => goal_lenses(snapshot),
        NoteKind::CareerIndex => note
            .sections
            .iter()
            .filter(|s| s.id.is_some_and(|id| id.parent().is_none()))
            .map(|section| {
                let empty = note.is_empty_section(section);
                Lens {
                    range: section.heading_range.clone(),
                    title: if empty {
                        "empty — ask the question".to_string()
                    } else {
                        "filled".to_string()
                    },
                    action: empty
                        .then_some(LensAction::InsertReviewPrompt(section.heading_range.start)),
                }
            })
            .collect(),
        NoteKind::SessionLog => {
            let Some(log) = note.as_session_log() else {
                return Vec::new();
            };
            let open = log.open_threads.iter().filter(|t| !t.done).count();
            if open == 0 {
                return Vec::new();
            }
            // The latest log's threads are all still open, on purpose.
            let carried = threads_carried(snapshot.notes(), note).map_or(0, |carried| {
                log.open_threads
                    .iter()
                    .zip(carried)
                    .filter(|(thread, carried)| !thread.done && *carried)
                    .count()
            });
            let title = format!("Open threads: {carried} carried, {} open", open - carried);
            vec![Lens {
                range: note.title_range(),
                title,
                action: None,
            }]
        }
        _ => Vec::new(),
    }
}

fn goal_lenses(snapshot: &Snapshot) -> Vec<Lens> {
    let Some(goals) = snapshot.note().as_goals() else {
        return Vec::new();
    };
    let week = this_week(snapshot.today);
    goals
        .goals
        .iter()
        .map(|goal| {
            let names = |refs: &[(u32, Range<usize>)]| refs.iter().any(|(id, _)| *id == goal.id);
            let milestones: Vec<_> = goals
                .monthly
                .iter()
                .filter(|m| names(&m.goal_refs))
                .collect();
            let actions: Vec<_> = goals
                .weekly
                .iter()
                .filter(|a| names(&a.goal_refs))
                .collect();
            let this_week = actions
                .iter()
                .filter(|a| a.due.is_some_and(|d| week.contains(&d)))
                .count();
            let mut parts = vec![
                format!(
                    "{}/{}",
                    milestones.iter().filter(|m| m.done).count(),
                    plural(milestones.len(), "milestone", "milestones")
                ),
                format!(
                    "{}/{}",
                    actions.iter().filter(|a| a.done).count(),
                    plural(actions.len(), "weekly action", "weekly actions")
                ),
            ];
            if this_week > 0 {
                parts.push(format!("{this_week} this week"));
            }
            let served = serves(&goal.vision_links);
            parts.push(if served.is_empty() {
                "not linked to the vision".to_string()
            } else {
                format!("serves {}", served.join(", "))
            });
            Lens {
                range: goal.row_range.clone(),
                title: parts.join(" · "),
                action: Some(LensAction::ShowReferences(goal.id_range.start)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::test_support::snapshot;

    const GOALS: &str = "# 2026 Goals\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status | Vision |\n|------|---------|----------------|--------|--------|\n| G1 | Make the case for Principal | Promo packet submitted | In progress | Role |\n| G2 | Golden paths are the default | 80% on templates | In progress | Impact |\n| G3 | Get better at speaking | Two talks | Not started | |\n\n## Monthly Milestones\n\n### Mar 2026\n- [x] Java template in production (G2)\n- [ ] Shipments team on templates (G2)\n- [ ] Promo narrative outline (G1)\n\n## Weekly Actions\n\n### Week of 2026-03-09\n- [x] Pair with Farah (G2)\n- [ ] Send Ana the scope summary (G1)\n";

    fn titles(lenses: &[Lens], text: &str) -> Vec<String> {
        lenses
            .iter()
            .map(|l| {
                let line = text[l.range.clone()]
                    .lines()
                    .next()
                    .unwrap_or("")
                    .to_string();
                format!("{} ⟵ {}", l.title, line)
            })
            .collect()
    }

    #[test]
    fn each_goal_shows_its_progress_and_what_it_serves() {
        let snapshot = snapshot(&[("2026 Goals.md", GOALS)]);
        let lenses = code_lenses(&snapshot);
        assert_eq!(
            titles(&lenses, GOALS),
            [
                "0/1 milestone · 0/1 weekly action · 1 this week · serves Role ⟵ | G1 | Make the case for Principal | Promo packet submitted | In progress | Role |",
                "1/2 milestones · 1/1 weekly action · 1 this week · serves Impact ⟵ | G2 | Golden paths are the default | 80% on templates | In progress | Impact |",
                "0/0 milestones · 0/0 weekly actions · not linked to the vision ⟵ | G3 | Get better at speaking | Two talks | Not started | |",
            ]
        );
        // A click shows the references of the goal's ID.
        let Some(LensAction::ShowReferences(at)) = lenses[1].action else {
            panic!("{:?}", lenses[1]);
        };
        assert_eq!(&GOALS[at..at + 2], "G2");
    }

    #[test]
    fn a_career_index_section_is_filled_or_asks_its_question() {
        let text = "# Career\n\n## Vision\n\nLead platform engineering.\n\n## Risk Register\n\n| Risk | Likelihood | Impact | Mitigation |\n|---|---|---|---|\n| | | | |\n";
        let snapshot = snapshot(&[("Career.md", text)]);
        let lenses = code_lenses(&snapshot);
        assert_eq!(
            titles(&lenses, text),
            [
                "filled ⟵ ## Vision",
                "empty — ask the question ⟵ ## Risk Register"
            ]
        );
        assert_eq!(lenses[0].action, None);
        assert!(
            matches!(lenses[1].action, Some(LensAction::InsertReviewPrompt(at)) if text[at..].starts_with("## Risk"))
        );
    }

    #[test]
    fn a_session_log_says_where_its_open_threads_went() {
        let january = "# 2026-01-17 Career Coaching Session\n\n## Discussed\n- The promo case.\n\n## Decisions\n- Ask Ruud.\n\n## Open threads\n- Who could be a second sponsor?\n- What is the euro value of the CI overhaul?\n- [x] Book the skip-level\n";
        let february = "# 2026-02-21 Career Coaching Session\n\n## Discussed\n- Who could be a second sponsor: Marta, maybe.\n\n## Decisions\n- Ask Marta.\n\n## Open threads\n- None yet.\n";
        let snapshot = snapshot(&[
            ("2026-01-17 Career Coaching Session.md", january),
            ("2026-02-21 Career Coaching Session.md", february),
        ]);
        let lenses = code_lenses(&snapshot);
        assert_eq!(
            titles(&lenses, january),
            ["Open threads: 1 carried, 1 open ⟵ # 2026-01-17 Career Coaching Session"]
        );
        // Other notes have none.
        let other = snapshot_of_other();
        assert!(code_lenses(&other).is_empty());
    }

    fn snapshot_of_other() -> Snapshot {
        snapshot(&[("Ideas.md", "# Ideas\n\n- A talk on paved roads.\n")])
    }
}
