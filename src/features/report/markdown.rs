//! The dashboard as Markdown, to paste into a note: the same content as the page, with
//! the cascade as a nested list and the timeline as a list by month.

use std::fmt::Write;

use chrono::Datelike;

use super::{Dated, Report};
use crate::methodology::Pillar;

/// A table cell's text: pipes escaped, on one line.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn dated_line(item: &Dated) -> String {
    let due = item.due.map_or(String::new(), |d| format!(", {d}"));
    let mark = if item.done { "x" } else { " " };
    format!("- [{mark}] {} ({}{due})", item.text, item.state())
}

/// A link to a note, relative to the notes' folder, as `path:line`.
fn link(path: &str, line: usize) -> String {
    format!("[{path}:{line}](<{path}>)")
}

pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let o = &report.overview;
    let _ = writeln!(out, "# Career dashboard\n\nAs of {}.\n", report.today);
    if let Some(north_star) = &o.north_star {
        let _ = writeln!(out, "**North Star:** {north_star}\n");
    }
    if !o.themes.is_empty() {
        let year = o.theme_year.map_or(String::new(), |y| format!("{y} "));
        let _ = writeln!(out, "**{year}Theme:** {}\n", o.themes.join(" · "));
    }

    out.push_str("## The cascade\n\n");
    if report.goals.is_empty() {
        out.push_str("No annual goals for this year yet.\n\n");
    }
    for pillar in Pillar::ALL {
        let text = o
            .pillars
            .iter()
            .find(|line| line.pillar == pillar.name())
            .map_or("—", |line| line.text.as_str());
        let _ = writeln!(out, "- **{}:** {text}", pillar.name());
        for goal in report
            .goals
            .iter()
            .filter(|g| g.goal.serves.iter().any(|s| s == pillar.name()))
        {
            let _ = writeln!(out, "  - {}", goal_line(goal));
        }
    }
    let unlinked: Vec<&super::GoalProgress> = report
        .goals
        .iter()
        .filter(|g| g.goal.serves.is_empty())
        .collect();
    let other: Vec<&super::GoalProgress> = report
        .goals
        .iter()
        .filter(|g| {
            !g.goal.serves.is_empty()
                && !g
                    .goal
                    .serves
                    .iter()
                    .any(|s| Pillar::ALL.iter().any(|p| p.name() == s))
        })
        .collect();
    if !other.is_empty() {
        out.push_str("- **The vision as a whole:**\n");
        for goal in other {
            let _ = writeln!(out, "  - {}", goal_line(goal));
        }
    }
    if !unlinked.is_empty() {
        out.push_str("- **Not linked to the vision:**\n");
        for goal in unlinked {
            let _ = writeln!(out, "  - {}", goal_line(goal));
        }
    }
    out.push('\n');
    if !report.quarters.is_empty() {
        out.push_str("| Quarter | Intention | Focus | Goals |\n|---|---|---|---|\n");
        for q in &report.quarters {
            let now = if q.current { " (now)" } else { "" };
            let goals: Vec<String> = q.goals.iter().map(|g| format!("G{g}")).collect();
            let _ = writeln!(
                out,
                "| Q{}{now} | {} | {} | {} |",
                q.quarter,
                cell(&q.intention),
                cell(&q.focus),
                goals.join(", ")
            );
        }
        out.push('\n');
    }
    out.push_str("### Milestones\n\n");
    if report.milestones.is_empty() {
        out.push_str("None yet.\n");
    }
    for m in &report.milestones {
        let _ = writeln!(out, "{}", dated_line(m));
    }
    out.push_str("\n### This week\n\n");
    if report.actions.is_empty() {
        out.push_str("No action planned this week.\n");
    }
    for a in &report.actions {
        let _ = writeln!(out, "{}", dated_line(a));
    }

    out.push_str("\n## Progress\n\n");
    if !report.goals.is_empty() {
        out.push_str("| Goal | Status | Milestones done | Actions done |\n|---|---|---|---|\n");
        for g in &report.goals {
            let _ = writeln!(
                out,
                "| {} {} | {} | {} / {} | {} / {} |",
                g.goal.id,
                cell(&g.goal.outcome),
                cell(&g.goal.status),
                g.milestones_done,
                g.milestones,
                g.actions_done,
                g.actions
            );
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "### {} so far and ahead (today: {})\n",
        report.today.year(),
        report.today
    );
    let mut month = 0;
    for item in &report.timeline {
        let Some(due) = item.due else { continue };
        if due.month() != month {
            month = due.month();
            let _ = writeln!(out, "- **{}**", due.format("%B"));
        }
        let kind = if item.milestone {
            "milestone"
        } else {
            "action"
        };
        let _ = writeln!(out, "  - {due} {kind}: {} ({})", item.text, item.state());
    }
    if report.timeline.is_empty() {
        out.push_str("Nothing dated this year yet.\n");
    }

    if let Some(index) = &report.index {
        let _ = writeln!(out, "\n## The Career Index at a glance\n\n{}\n", index.path);
        out.push_str("| Section | State |\n|---|---|\n");
        for s in &index.sections {
            let _ = writeln!(out, "| {} | {} |", cell(s.section), s.state);
        }
        let _ = writeln!(
            out,
            "\nWins with a number: {}. Without one: {}.",
            index.wins_with_numbers.len(),
            index.wins_without_numbers.len()
        );
        for win in &index.wins_without_numbers {
            let _ = writeln!(out, "- {win} — what did it change, in numbers?");
        }
        out.push_str("\n**Blind spots:**\n\n");
        for spot in &index.blind_spots {
            if spot.applies {
                let _ = writeln!(out, "- {} — applies: {}", spot.name, spot.question);
            } else {
                let _ = writeln!(out, "- {} — looks covered", spot.name);
            }
        }
    }

    out.push_str("\n## Findings\n\n");
    if report.findings.is_empty() {
        out.push_str("No findings: the notes read well.\n");
    }
    for note in &report.findings {
        let _ = writeln!(out, "### {}\n", note.path);
        for f in &note.findings {
            let _ = writeln!(
                out,
                "- {} {} `{}` {}",
                link(&note.path, f.line),
                f.severity.name(),
                f.code,
                f.message
            );
        }
        out.push('\n');
    }
    out
}

fn goal_line(goal: &super::GoalProgress) -> String {
    let g = &goal.goal;
    let metric = if g.metric.is_empty() {
        "no metric"
    } else {
        g.metric.as_str()
    };
    let mut line = format!(
        "{} {} — {metric} — {} (milestones {}/{}, actions {}/{})",
        g.id,
        g.outcome,
        g.status,
        goal.milestones_done,
        goal.milestones,
        goal.actions_done,
        goal.actions
    );
    if goal.unmoved {
        line.push_str(" — nothing moves it forward");
    }
    line
}
