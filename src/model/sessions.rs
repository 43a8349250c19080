//! Session logs (the methodology's sixth principle, "document the meta"), the Career
//! Index's `Session Logs` list, and where a session's open threads were carried.

use std::ops::Range;

use chrono::NaiveDate;

use super::index::Text;
use super::notes::NoteSet;
use super::text::is_placeholder;
use super::Note;
use crate::methodology::{NoteKind, SectionId};
use crate::syntax::{BlockKind, DateValue, WikiLink};

/// A coaching session's log: SPEC §2's date, focus, discussed, decisions, frameworks and
/// open threads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionLog {
    /// From the file name (`2026-03-15 Career Coaching Session.md`), else the note's
    /// first full date.
    pub date: Option<NaiveDate>,
    /// The value of a `**Focus:** …` line.
    pub focus: Option<Text>,
    pub discussed: Vec<Text>,
    pub decisions: Vec<Text>,
    pub frameworks: Vec<Text>,
    /// The list items under the Open threads heading (and its aliases: Open questions,
    /// Next steps, Follow-ups…).
    pub open_threads: Vec<Thread>,
    pub open_threads_heading: Option<Range<usize>>,
    /// The log's text as threads are looked for in it ([`thread_key`] of each block),
    /// one block a line.
    pub searchable: String,
}

/// One open thread of a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thread {
    pub text: String,
    /// `- [x]`: settled in this log.
    pub done: bool,
    /// The list item.
    pub range: Range<usize>,
}

/// The Career Index's `Session Logs` section: the logs it lists, by wikilink, in a table
/// (the methodology's `| Date | Focus | Output |`) or a list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionLogList {
    pub heading: Option<Range<usize>>,
    /// Every wikilink inside the section.
    pub links: Vec<WikiLink>,
}

impl SessionLogList {
    /// Whether the list names the note at `stem` (a wikilink by file stem, any case).
    pub fn lists(&self, stem: &str) -> bool {
        self.links.iter().any(|link| {
            let target = link.target.trim();
            let target = target.strip_suffix(".md").unwrap_or(target);
            let target = target.rsplit(['/', '\\']).next().unwrap_or(target);
            target.eq_ignore_ascii_case(stem)
        })
    }
}

/// A thread's text as it is looked for elsewhere: lower case, white space folded, the
/// emphasis marks and a trailing `?` or `.` dropped.
pub fn thread_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(
            word.chars()
                .filter(|c| !matches!(c, '*' | '_' | '`'))
                .flat_map(char::to_lowercase),
        );
    }
    let trimmed = key.trim_end_matches(['?', '.', '!', ' ']).len();
    key.truncate(trimmed);
    key
}

fn texts_of(note: &Note, id: SectionId) -> Vec<Text> {
    note.sections_with(id)
        .flat_map(|s| note.blocks_in(s))
        .filter(|b| {
            matches!(b.kind, BlockKind::ListItem(_) | BlockKind::Paragraph)
                && !is_placeholder(&b.text)
        })
        .map(|b| Text {
            text: b.text.clone(),
            range: b.range.clone(),
        })
        .collect()
}

/// The value of a `Focus: …` paragraph (bold or not), before the first section.
fn focus(note: &Note) -> Option<Text> {
    note.outline.blocks.iter().find_map(|b| {
        if !matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem(_)) {
            return None;
        }
        let rest = b.text.trim_start_matches(['*', '_', ' ']);
        let label = rest.get(..5)?;
        if !label.eq_ignore_ascii_case("focus") {
            return None;
        }
        let (_, value) = rest.split_once(':')?;
        let value = value.trim().trim_start_matches(['*', '_']).trim();
        (!value.is_empty() && !is_placeholder(value)).then(|| Text {
            text: value.to_string(),
            range: b.range.clone(),
        })
    })
}

pub(crate) fn session_log(note: &Note) -> SessionLog {
    let date = note
        .stem()
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .or_else(|| {
            note.outline.dates.iter().find_map(|d| match d.value {
                DateValue::Day(day) => Some(day),
                _ => None,
            })
        });
    let open_threads_heading = note
        .section(SectionId::OpenThreads)
        .map(|s| s.heading_range.clone());
    let open_threads = note
        .sections_with(SectionId::OpenThreads)
        .flat_map(|s| note.blocks_in(s))
        .filter_map(|b| match &b.kind {
            BlockKind::ListItem(item) if !is_placeholder(&b.text) => Some(Thread {
                text: b.text.trim().to_string(),
                done: item.checked == Some(true),
                range: b.range.clone(),
            }),
            _ => None,
        })
        .collect();
    let mut searchable = String::new();
    for block in &note.outline.blocks {
        searchable.push_str(&thread_key(&block.text));
        searchable.push('\n');
    }
    for heading in &note.outline.headings {
        searchable.push_str(&thread_key(&heading.text));
        searchable.push('\n');
    }
    SessionLog {
        date,
        focus: focus(note),
        discussed: texts_of(note, SectionId::Discussed),
        decisions: texts_of(note, SectionId::Decisions),
        frameworks: texts_of(note, SectionId::Frameworks),
        open_threads,
        open_threads_heading,
        searchable,
    }
}

/// The index's `Session Logs` section.
pub(crate) fn session_log_list(note: &Note) -> SessionLogList {
    let Some(section) = note.section(SectionId::SessionLogs) else {
        return SessionLogList::default();
    };
    SessionLogList {
        heading: Some(section.heading_range.clone()),
        links: note
            .outline
            .wikilinks
            .iter()
            .filter(|l| section.range.contains(&l.range.start))
            .cloned()
            .collect(),
    }
}

/// The session logs of `notes` held after `log` (by date, then path), oldest first; none
/// when `log` has no date.
pub fn later_logs<'a>(notes: &'a NoteSet, log: &Note) -> Vec<&'a Note> {
    let Some(date) = log.as_session_log().and_then(|l| l.date) else {
        return Vec::new();
    };
    let mut later: Vec<(NaiveDate, &'a Note)> = notes
        .of_kind(NoteKind::SessionLog)
        .filter_map(|n| Some((n.as_session_log()?.date?, n.as_ref())))
        .filter(|(d, n)| (*d, &n.path) > (date, &log.path))
        .collect();
    later.sort_by(|a, b| (a.0, &a.1.path).cmp(&(b.0, &b.1.path)));
    later.into_iter().map(|(_, n)| n).collect()
}

/// Where an open thread was taken up.
#[derive(Debug, Clone, Copy)]
pub enum Carried<'a> {
    /// Checked off in its own log.
    Settled,
    /// Its text is in a later session log.
    Log(&'a Note),
    /// Its text is in the Career Index's Open Tasks.
    OpenTasks(&'a Note),
}

/// Where `thread` was carried: checked off, or its text (see [`thread_key`]) found in one
/// of `later` (session logs after its own, oldest first) or in `index`'s Open Tasks.
pub fn carried<'a>(
    thread: &Thread,
    later: &[&'a Note],
    index: Option<&'a Note>,
) -> Option<Carried<'a>> {
    if thread.done {
        return Some(Carried::Settled);
    }
    let key = thread_key(&thread.text);
    if key.is_empty() {
        return Some(Carried::Settled);
    }
    if let Some(log) = later.iter().find(|log| {
        log.as_session_log()
            .is_some_and(|l| l.searchable.contains(&key))
    }) {
        return Some(Carried::Log(log));
    }
    let index_note = index?;
    index_note
        .as_index()?
        .open_tasks
        .iter()
        .any(|task| thread_key(&task.text).contains(&key))
        .then_some(Carried::OpenTasks(index_note))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_threads_key_ignores_case_emphasis_spacing_and_the_question_mark() {
        assert_eq!(
            thread_key("What is the **euro value** of the CI  overhaul?"),
            "what is the euro value of the ci overhaul"
        );
        assert_eq!(
            thread_key("Risk Register still thin."),
            "risk register still thin"
        );
        assert_eq!(thread_key("  ?  "), "");
    }
}
