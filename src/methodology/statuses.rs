//! The statuses a goal's Status cell takes — `Not started`, `In progress`, `Complete` —
//! with the words people write for each instead, and the marks that say a milestone in a
//! table is done.

/// A goal's status, as the methodology's Goals table tracks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GoalStatus {
    NotStarted,
    InProgress,
    Complete,
}

impl GoalStatus {
    /// In the order a goal goes through them.
    pub const ALL: [GoalStatus; 3] = [
        GoalStatus::NotStarted,
        GoalStatus::InProgress,
        GoalStatus::Complete,
    ];

    /// The status as the methodology writes it.
    pub fn name(self) -> &'static str {
        match self {
            GoalStatus::NotStarted => "Not started",
            GoalStatus::InProgress => "In progress",
            GoalStatus::Complete => "Complete",
        }
    }

    /// Phrases that mean this status wherever they appear in a cell, in lower case.
    fn synonym_phrases(self) -> &'static [&'static str] {
        match self {
            GoalStatus::NotStarted => &["not started", "not begun", "not yet"],
            GoalStatus::InProgress | GoalStatus::Complete => &[],
        }
    }

    /// Words that, written in a Status cell, most likely mean this status, in lower case.
    fn synonym_words(self) -> &'static [&'static str] {
        match self {
            GoalStatus::NotStarted => &[
                "todo", "planned", "pending", "idea", "backlog", "later", "queued",
            ],
            GoalStatus::InProgress => &[
                "wip",
                "ongoing",
                "started",
                "active",
                "underway",
                "track",
                "progressing",
                "doing",
                "blocked",
                "risk",
                "behind",
                "paused",
            ],
            GoalStatus::Complete => &[
                "done",
                "completed",
                "finished",
                "shipped",
                "achieved",
                "delivered",
                "closed",
            ],
        }
    }

    /// The status a Status cell holds, when it is one of the three: in any case, with
    /// emphasis, emoji and hyphens ignored (`**Complete** ✅`, `In-progress`).
    pub fn written_in(cell: &str) -> Option<GoalStatus> {
        let words: String = cell
            .chars()
            .map(|c| if c == '-' || c == '_' { ' ' } else { c })
            .filter(|c| c.is_alphanumeric() || c.is_whitespace())
            .collect();
        let normalized = words.split_whitespace().collect::<Vec<_>>().join(" ");
        GoalStatus::ALL
            .into_iter()
            .find(|status| status.name().eq_ignore_ascii_case(&normalized))
    }

    /// The status a cell that holds none of the three most likely means: `Done` is
    /// `Complete`, `WIP` is `In progress`, `Planned` is `Not started`.
    pub fn likely_meant_by(cell: &str) -> Option<GoalStatus> {
        let lower = cell.to_lowercase();
        if let Some(status) = GoalStatus::ALL.into_iter().find(|status| {
            status
                .synonym_phrases()
                .iter()
                .any(|phrase| lower.contains(phrase))
        }) {
            return Some(status);
        }
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        // A cell may hold words of two statuses (`Done, was blocked`): the words for work
        // finished count first, then those for work not begun, and the loosest words, for
        // work under way (`started`, `track`), last.
        [
            GoalStatus::Complete,
            GoalStatus::NotStarted,
            GoalStatus::InProgress,
        ]
        .into_iter()
        .find(|status| {
            status
                .synonym_words()
                .iter()
                .any(|word| words.contains(word))
        })
    }
}

/// What a milestone table's Status cell holds, in lower case, when the milestone is done
/// (found anywhere in the cell).
pub const MILESTONE_DONE_MARKS: [&str; 7] =
    ["done", "complete", "completed", "✅", "[x]", "yes", "✓"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methodology::templates;

    #[test]
    fn the_statuses_are_the_ones_the_goals_template_offers() {
        // The template's Status cell lists the three for the person to pick from.
        let template = templates::goals(2026, chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap());
        let names: Vec<&str> = GoalStatus::ALL.iter().map(|s| s.name()).collect();
        assert_eq!(names, ["Not started", "In progress", "Complete"]);
        assert!(
            template.contains(&format!("| [{}] |", names.join(" / "))),
            "{template}"
        );
    }

    #[test]
    fn a_status_is_read_in_any_case_with_emphasis_and_emoji_ignored() {
        for (cell, status) in [
            ("Not started", GoalStatus::NotStarted),
            ("in progress", GoalStatus::InProgress),
            ("**Complete**", GoalStatus::Complete),
            ("✅ Complete", GoalStatus::Complete),
            ("In-progress", GoalStatus::InProgress),
            ("NOT STARTED", GoalStatus::NotStarted),
        ] {
            assert_eq!(GoalStatus::written_in(cell), Some(status), "{cell}");
        }
        // What completion offers and the quick fixes write is read back as itself.
        for status in GoalStatus::ALL {
            assert_eq!(GoalStatus::written_in(status.name()), Some(status));
        }
        for other in ["", "Done", "WIP", "Blocked", "Completed", "50%"] {
            assert_eq!(GoalStatus::written_in(other), None, "{other}");
        }
    }

    #[test]
    fn written_statuses_suggest_the_status_they_mean() {
        let likely = |cell| GoalStatus::likely_meant_by(cell).map(GoalStatus::name);
        assert_eq!(likely("Done ✅"), Some("Complete"));
        assert_eq!(likely("On track"), Some("In progress"));
        assert_eq!(likely("WIP"), Some("In progress"));
        assert_eq!(likely("Planned for Q3"), Some("Not started"));
        assert_eq!(likely("Not started yet"), Some("Not started"));
        // Words of two statuses: finished work first, then work not begun.
        assert_eq!(likely("Done, was blocked"), Some("Complete"));
        assert_eq!(likely("Planned, started the RFC"), Some("Not started"));
        assert_eq!(likely("50%"), None);
        assert_eq!(likely(""), None);
    }
}
