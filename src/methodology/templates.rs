//! The templates: a Career Index, a year's Goals note, a profile (`CLAUDE.md`) and a
//! session log, kept as Markdown files under `templates/`. A single section's template is
//! cut out of its note's template, so each piece of text exists once.
//!
//! The placeholders a template fills are `{year}`, `{monday}` and `{date}` (ISO dates) and
//! `{weekly_review_questions}`. Everything in square brackets is for the person to replace,
//! and counts as empty until they do.

use chrono::{Datelike, NaiveDate};

use super::questions::WEEKLY_REVIEW_QUESTIONS;
use super::sections::{match_section, NoteKind, SectionId};

const CAREER_INDEX: &str = include_str!("templates/career_index.md");
const GOALS: &str = include_str!("templates/goals.md");
const PROFILE: &str = include_str!("templates/profile.md");
const SESSION_LOG: &str = include_str!("templates/session_log.md");

/// What a week heading says when no week is known yet.
const WEEK_PLACEHOLDER: &str = "[YYYY-MM-DD]";

/// A new Career Index for `year` (the theme's year; the north star's year is left for the
/// person to choose).
pub fn career_index(year: i32) -> String {
    CAREER_INDEX.replace("{year}", &year.to_string())
}

/// A new Goals note for `year`, its weekly actions starting in the week of `monday`.
pub fn goals(year: i32, monday: NaiveDate) -> String {
    render_goals(year, &iso(monday))
}

/// A new profile (`CLAUDE.md`).
pub fn profile() -> String {
    PROFILE.to_string()
}

/// A new session log for the session held on `date`.
pub fn session_log(date: NaiveDate) -> String {
    SESSION_LOG.replace("{date}", &iso(date))
}

/// The file name the session log for `date` is saved under.
pub fn session_log_file_name(date: NaiveDate) -> String {
    format!("{} Career Coaching Session.md", iso(date))
}

/// The file name of the Goals note for `year`.
pub fn goals_file_name(year: i32) -> String {
    format!("{year} Goals.md")
}

/// The weekly review questions as a numbered list, without a trailing newline.
pub fn weekly_review_questions() -> String {
    WEEKLY_REVIEW_QUESTIONS
        .iter()
        .enumerate()
        .map(|(index, question)| format!("{}. {question}", index + 1))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A dated weekly review to add under `## Weekly Review`: a `Weekly Review — DATE` heading
/// and the four questions.
pub fn weekly_review_entry(date: NaiveDate) -> String {
    format!(
        "### Weekly Review — {}\n\n{}\n",
        iso(date),
        weekly_review_questions()
    )
}

/// The Monday of the week `date` falls in.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - chrono::Days::new(u64::from(date.weekday().num_days_from_monday()))
}

/// The block to insert for one missing or empty section: its heading and the template's
/// body for it, ending in a newline, without the `---` rule that separates sections in the
/// Career Index. A top-level section's heading is an H2, a named sub-section's an H3.
/// Weekly Actions gets a week heading with a placeholder date; see
/// [`section_template_for_week`].
pub fn section_template(id: SectionId, year: i32) -> String {
    section_block(id, year, WEEK_PLACEHOLDER)
}

/// As [`section_template`], with Weekly Actions starting in the week of `monday`.
pub fn section_template_for_week(id: SectionId, year: i32, monday: NaiveDate) -> String {
    section_block(id, year, &iso(monday))
}

fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn render_goals(year: i32, week: &str) -> String {
    GOALS
        .replace("{year}", &year.to_string())
        .replace("{monday}", week)
        .replace("{weekly_review_questions}", &weekly_review_questions())
}

fn section_block(id: SectionId, year: i32, week: &str) -> String {
    let info = id.info();
    let full = match info.note {
        NoteKind::CareerIndex => career_index(year),
        NoteKind::Goals => render_goals(year, week),
        NoteKind::Profile => profile(),
        NoteKind::SessionLog => SESSION_LOG.to_string(),
        NoteKind::Other => String::new(),
    };
    // The methodology's template lists sponsors, mentors and advisors; a mentees list has
    // the same shape as the advisors list.
    let (source, retitle) = match id {
        SectionId::Mentees => (SectionId::Advisors, Some(id.title())),
        _ => (id, None),
    };
    let Some(block) = cut_section(&full, info.note, source) else {
        // Every section is in its note's template; the tests hold this.
        return format!("## {}\n", id.title());
    };
    let level = if info.parent.is_none() { 2 } else { 3 };
    let start_level = block_level(block);
    let mut out = String::with_capacity(block.len() + 8);
    for (index, line) in block.lines().enumerate() {
        match heading(line) {
            Some((line_level, text)) => {
                let shifted = (line_level + level).saturating_sub(start_level).max(1);
                let text = if index == 0 {
                    retitle.unwrap_or(text)
                } else {
                    text
                };
                out.push_str(&"#".repeat(shifted));
                out.push(' ');
                out.push_str(text);
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// The level of a block's first heading.
fn block_level(block: &str) -> usize {
    block
        .lines()
        .next()
        .and_then(heading)
        .map_or(2, |(level, _)| level)
}

/// The text of `id`'s section in `note`: from its heading to the next heading at the same
/// level or above, or to the next top-level section (the Career Index keeps Business Impact
/// Metrics under Wins & Artifacts), with the trailing rule and blank lines taken off.
fn cut_section(note: &str, kind: NoteKind, id: SectionId) -> Option<&str> {
    let mut start: Option<(usize, usize)> = None;
    let mut offset = 0;
    for line in note.split_inclusive('\n') {
        if let Some((level, text)) = heading(line.trim_end()) {
            let section = (level > 1).then(|| match_section(kind, text)).flatten();
            match start {
                None if section == Some(id) => start = Some((offset, level)),
                Some((begin, start_level))
                    if level <= start_level || section.is_some_and(|s| s.parent().is_none()) =>
                {
                    return Some(trim_block(&note[begin..offset]));
                }
                _ => {}
            }
        }
        offset += line.len();
    }
    start.map(|(begin, _)| trim_block(&note[begin..]))
}

fn trim_block(block: &str) -> &str {
    let mut block = block.trim_end();
    while let Some(rest) = block.strip_suffix("---") {
        block = rest.trim_end();
    }
    block
}

/// An ATX heading's level and text.
fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.len() - line.trim_start_matches('#').len();
    if level == 0 || level > 6 {
        return None;
    }
    let rest = &line[level..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some((level, rest.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methodology::{core_sections, SECTIONS};

    const YEAR: i32 = 2026;

    fn monday() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 9).unwrap()
    }

    /// The sections a note's headings name, in order; the H1 is the title, not a section.
    fn sections_in(kind: NoteKind, text: &str) -> Vec<SectionId> {
        text.lines()
            .filter_map(heading)
            .filter(|(level, _)| *level > 1)
            .filter_map(|(_, text)| match_section(kind, text))
            .collect()
    }

    fn full_template(kind: NoteKind) -> String {
        match kind {
            NoteKind::CareerIndex => career_index(YEAR),
            NoteKind::Goals => goals(YEAR, monday()),
            NoteKind::Profile => profile(),
            NoteKind::SessionLog => session_log(monday()),
            NoteKind::Other => String::new(),
        }
    }

    #[test]
    fn every_template_holds_its_core_sections_in_order() {
        for kind in [
            NoteKind::CareerIndex,
            NoteKind::Goals,
            NoteKind::Profile,
            NoteKind::SessionLog,
        ] {
            let found = sections_in(kind, &full_template(kind));
            let core: Vec<_> = core_sections(kind).collect();
            let found_core: Vec<_> = found.iter().copied().filter(|s| core.contains(s)).collect();
            assert_eq!(found_core, core, "{kind:?}");
        }
    }

    #[test]
    fn the_career_index_has_the_methodologys_sub_sections() {
        let found = sections_in(NoteKind::CareerIndex, &career_index(YEAR));
        for info in SECTIONS
            .iter()
            .filter(|info| info.note == NoteKind::CareerIndex)
        {
            // The methodology's template has no mentees list; it is optional.
            if info.id != SectionId::Mentees {
                assert!(found.contains(&info.id), "{:?} is missing", info.id);
            }
        }
    }

    #[test]
    fn every_placeholder_is_filled() {
        for kind in [
            NoteKind::CareerIndex,
            NoteKind::Goals,
            NoteKind::Profile,
            NoteKind::SessionLog,
        ] {
            let text = full_template(kind);
            assert!(!text.contains('{'), "{kind:?}: {text}");
            assert!(text.ends_with('\n'));
        }
    }

    #[test]
    fn the_career_index_keeps_the_methodologys_placeholders() {
        let text = career_index(YEAR);
        assert!(text.starts_with("# Career\n"));
        assert!(text.contains("**North Star ([year]):** [One sentence]"));
        assert!(text.contains("## 2026 Theme"));
        assert!(text.contains("**→ [[2026 Goals]]** — Full cascade"));
        assert!(text.contains("### Success Criteria (Dec 2026)"));
        assert!(text.contains("| Budget | $X |"));
        assert!(text.contains("- [ ] [Task 1]"));
    }

    #[test]
    fn the_goals_template_links_the_cascade() {
        let text = goals(YEAR, monday());
        assert!(text.starts_with("# 2026 Goals\n"));
        assert!(text.contains("[[Career#Vision]]"));
        assert!(text.contains("| Goal | Outcome | Success Metric | Status | Vision |"));
        for id in ["G1", "G2", "G3"] {
            assert!(text.contains(&format!("| {id} | [")), "{id}");
        }
        for quarter in ["Q1", "Q2", "Q3", "Q4"] {
            assert!(text.contains(&format!("| {quarter} | [")), "{quarter}");
        }
        assert!(text.contains("- [ ] [Milestone] (G1)"));
        assert!(text.contains("### Week of 2026-03-09"));
        assert!(text.contains(
            "## Weekly Review\n\n1. What's the ONE thing this week that moves me toward my goals?\n"
        ));
        assert!(text.contains("4. Am I protecting time for what matters?\n"));
    }

    #[test]
    fn the_session_log_has_the_methodologys_parts() {
        let text = session_log(monday());
        assert!(text.starts_with("# 2026-03-09 Career Coaching Session\n"));
        for part in [
            "**Focus:** [focus]",
            "## Discussed",
            "## Decisions",
            "## Frameworks",
            "## Open threads",
        ] {
            assert!(text.contains(part), "{part}");
        }
        assert_eq!(
            session_log_file_name(monday()),
            "2026-03-09 Career Coaching Session.md"
        );
    }

    #[test]
    fn the_profile_has_its_title_and_sections() {
        let text = profile();
        assert!(text.starts_with("# CLAUDE.md\n"));
        assert!(text.contains("- **Timezone:** [Timezone]"));
    }

    #[test]
    fn every_section_has_a_template_of_its_own() {
        for info in SECTIONS {
            let block = section_template(info.id, YEAR);
            let mut lines = block.lines();
            let (level, text) = heading(lines.next().unwrap()).expect("starts with its heading");
            let expected_level = if info.parent.is_none() { 2 } else { 3 };
            assert_eq!(level, expected_level, "{:?}", info.id);
            assert_eq!(
                match_section(info.note, text),
                Some(info.id),
                "{:?}",
                info.id
            );
            // Nothing of the next section, and no separator.
            let others = sections_in(info.note, &block);
            assert!(
                others
                    .iter()
                    .all(|s| *s == info.id || s.parent() == Some(info.id)),
                "{:?} runs into {others:?}",
                info.id
            );
            assert!(
                !block.lines().any(|line| line.trim() == "---"),
                "{:?}",
                info.id
            );
            assert!(
                block.ends_with('\n') && !block.ends_with("\n\n"),
                "{:?}",
                info.id
            );
            assert!(!block.contains('{'), "{:?}", info.id);
            assert!(
                lines.any(|line| !line.trim().is_empty()),
                "{:?} has no body",
                info.id
            );
        }
    }

    #[test]
    fn section_templates_are_cut_from_the_full_templates() {
        assert_eq!(
            section_template(SectionId::OpenTasks, YEAR),
            "## Open Tasks\n\n- [ ] [Task 1]\n- [ ] [Task 2]\n"
        );
        assert_eq!(
            section_template(SectionId::Sponsors, YEAR),
            "### Sponsors\n| Name | Context |\n|------|---------|\n| | |\n"
        );
        assert_eq!(
            section_template(SectionId::Mentees, YEAR),
            "### Mentees\n| Name | Context |\n|------|---------|\n| | |\n"
        );
        // Business Impact sits under Wins & Artifacts in the template; on its own it is a
        // top-level section, and Wins stops where it starts.
        assert!(section_template(SectionId::BusinessImpact, YEAR)
            .starts_with("## Business Impact Metrics\n| Initiative |"));
        assert_eq!(
            section_template(SectionId::WinsAndArtifacts, YEAR),
            "## Wins & Artifacts\n\n### 2026\n- **[Win]** — [Description]\n"
        );
        let vision = section_template(SectionId::Vision, YEAR);
        assert!(vision.contains("### The Picture\n- **Life:**"));
        assert!(vision.ends_with("- **Reach:** [How you extend beyond day job]\n"));
        assert!(section_template(SectionId::AnnualTheme, YEAR).starts_with("## 2026 Theme\n"));
    }

    #[test]
    fn the_weekly_actions_template_takes_a_week() {
        assert!(section_template(SectionId::WeeklyActions, YEAR)
            .contains("### Week of [YYYY-MM-DD]\n- [ ] [Action] (G1)"));
        assert!(
            section_template_for_week(SectionId::WeeklyActions, YEAR, monday())
                .contains("### Week of 2026-03-09\n")
        );
    }

    #[test]
    fn weekly_reviews_are_dated_by_their_week() {
        let sunday = NaiveDate::from_ymd_opt(2026, 3, 15).unwrap();
        assert_eq!(week_start(sunday), monday());
        assert_eq!(week_start(monday()), monday());
        let entry = weekly_review_entry(monday());
        assert!(entry.starts_with("### Weekly Review — 2026-03-09\n\n1. "));
        assert_eq!(
            match_section(NoteKind::Goals, "Weekly Review — 2026-03-09"),
            Some(SectionId::WeeklyReview)
        );
        assert_eq!(goals_file_name(2026), "2026 Goals.md");
    }
}
