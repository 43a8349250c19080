//! Session logs (the methodology's sixth principle, "document the meta"), the Career
//! Index's `Session Logs` list, and where a session's open threads were carried.

use serde::Serialize;
use std::ops::Range;

use chrono::NaiveDate;

use super::index::Text;
use super::notes::NoteSet;
use super::text::is_placeholder;
use super::Note;
use crate::methodology::SectionId;
use crate::syntax::{BlockKind, DateValue, WikiLink};

/// A coaching session's log: SPEC §2's date, focus, discussed, decisions, frameworks and
/// open threads.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
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
    #[serde(skip)]
    pub open_threads_heading: Option<Range<usize>>,
    /// The log's text as threads are looked for in it: the [`thread_key`] of each block
    /// and heading, one a line, with a space either side.
    #[serde(skip)]
    pub searchable: String,
}

/// One open thread of a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Thread {
    pub text: String,
    /// `- [x]`: settled in this log.
    pub done: bool,
    /// The list item.
    #[serde(skip)]
    pub range: Range<usize>,
}

/// The Career Index's `Session Logs` section: the logs it lists, by wikilink, in a table
/// (the methodology's `| Date | Focus | Output |`) or a list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SessionLogList {
    #[serde(skip)]
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

/// A thread's text as it is looked for elsewhere: its words (runs of letters and digits),
/// in lower case, one space apart — so case, punctuation, emphasis and spacing do not
/// count, and a match is of whole words ("risk" is not found in "risky").
pub fn thread_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// `key` as it is looked for in a [`SessionLog::searchable`] text, whose lines start and
/// end with a space: with a space either side, so only whole words match.
pub(crate) fn padded(key: &str) -> String {
    format!(" {key} ")
}

/// The paragraphs and list items the person wrote in the sections `id` names (placeholders
/// left out).
pub(crate) fn section_texts(note: &Note, id: SectionId) -> Vec<Text> {
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
    let texts = note.outline.blocks.iter().map(|b| b.text.as_str());
    for text in texts.chain(note.outline.headings.iter().map(|h| h.text.as_str())) {
        searchable.push_str(&padded(&thread_key(text)));
        searchable.push('\n');
    }
    SessionLog {
        date,
        focus: focus(note),
        discussed: section_texts(note, SectionId::Discussed),
        decisions: section_texts(note, SectionId::Decisions),
        frameworks: section_texts(note, SectionId::Frameworks),
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

/// Where `thread`, an open thread of `log`, was carried: checked off, or its words (see
/// [`thread_key`]) found in a later session log of `notes` or in `index`'s Open Tasks.
pub fn carried<'a>(
    thread: &Thread,
    log: &Note,
    notes: &'a NoteSet,
    index: Option<&'a Note>,
) -> Option<Carried<'a>> {
    if thread.done {
        return Some(Carried::Settled);
    }
    let key = thread_key(&thread.text);
    if key.is_empty() {
        return Some(Carried::Settled);
    }
    if let Some(later) = notes.session_carrier(log, &key) {
        return Some(Carried::Log(later));
    }
    let index_note = index?;
    index_note
        .as_index()?
        .open_tasks
        .iter()
        .any(|task| padded(&thread_key(&task.text)).contains(&padded(&key)))
        .then_some(Carried::OpenTasks(index_note))
}

/// For each open thread of `log`, whether it was carried (see [`carried`]), its Career
/// Index found as SPEC §3 says; `None` when no session log was held after it (its
/// threads are open on purpose), it has no date, or every thread is checked off.
pub fn threads_carried(notes: &NoteSet, log: &Note) -> Option<Vec<bool>> {
    let threads = &log.as_session_log()?.open_threads;
    if threads.iter().all(|t| t.done) || !notes.has_later_session(log) {
        return None;
    }
    let index = super::links::career_index_for(notes, log);
    Some(
        threads
            .iter()
            .map(|t| carried(t, log, notes, index).is_some())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

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
        assert_eq!(thread_key("one-page vision: v2.0!"), "one page vision v2 0");
    }

    #[test]
    fn a_session_log_is_read_for_its_date_focus_parts_and_threads() {
        let text = "# 2026-02-21 Career Coaching Session\n\n**Focus:** Blind spot review\n\n## What we discussed\n- The contingency question.\n- [Placeholder]\n\n## Decisions made\n- Quantify the CI overhaul.\n\n## Frameworks\n- Blind spot analysis.\n\n## Next steps\n- [ ] A mitigation for the acquisition risk\n- [x] Which pillar?\n  - a nested thread\n\nA paragraph is not a thread.\n";
        let note = log("2026-02-21 Career Coaching Session", text);
        let read = note.as_session_log().unwrap();
        assert_eq!(read.date, NaiveDate::from_ymd_opt(2026, 2, 21));
        assert_eq!(read.focus.as_ref().unwrap().text, "Blind spot review");
        let texts = |t: &[Text]| t.iter().map(|t| t.text.clone()).collect::<Vec<_>>();
        assert_eq!(texts(&read.discussed), ["The contingency question."]);
        assert_eq!(texts(&read.decisions), ["Quantify the CI overhaul."]);
        assert_eq!(texts(&read.frameworks), ["Blind spot analysis."]);
        let threads: Vec<(&str, bool)> = read
            .open_threads
            .iter()
            .map(|t| (t.text.as_str(), t.done))
            .collect();
        assert_eq!(
            threads,
            [
                ("A mitigation for the acquisition risk", false),
                ("Which pillar?", true),
                ("a nested thread", false)
            ]
        );
        assert_eq!(
            &text[read.open_threads_heading.clone().unwrap()],
            "## Next steps"
        );
        // Without a dated file name, the first full date in the note.
        let undated = log(
            "coaching/march",
            "# March check-in\n\nHeld on 2026-03-02.\n",
        );
        assert_eq!(
            undated.as_session_log().unwrap().date,
            NaiveDate::from_ymd_opt(2026, 3, 2)
        );
    }

    fn log(name: &str, text: &str) -> Arc<Note> {
        let syntax = crate::syntax::SyntaxTree::parse(text);
        Arc::new(Note::build(
            PathBuf::from(format!("/vault/{name}.md")),
            crate::methodology::NoteKind::SessionLog,
            text,
            syntax.outline().clone(),
        ))
    }

    #[test]
    fn a_thread_is_found_as_whole_words_in_the_earliest_later_log() {
        let logs = [
            log(
                "2026-01-10 Session",
                "# Jan\n\n## Open threads\n- Risk\n- The promo case?\n",
            ),
            log(
                "2026-02-10 Session",
                "# Feb\n\n- Risky bets; the PROMO case, again.\n",
            ),
            log(
                "2026-03-10 Session",
                "# Mar\n\n- Risk, still.\n- The promo case.\n",
            ),
            log("2026-04-10 Session", "# Apr\n"),
        ];
        let notes: NoteSet = logs.iter().cloned().collect();
        let stem = |n: Option<&Arc<Note>>| n.map(|n| n.stem().to_string());
        assert_eq!(
            stem(notes.session_carrier(&logs[0], "the promo case")),
            Some("2026-02-10 Session".into())
        );
        // "Risky" is not "Risk".
        assert_eq!(
            stem(notes.session_carrier(&logs[0], "risk")),
            Some("2026-03-10 Session".into())
        );
        assert_eq!(stem(notes.session_carrier(&logs[2], "risk")), None);
        assert_eq!(
            stem(notes.session_carrier(&logs[0], "nobody said this")),
            None
        );
        assert!(notes.has_later_session(&logs[2]) && !notes.has_later_session(&logs[3]));
    }
}
