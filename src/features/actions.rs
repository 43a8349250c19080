//! Code actions and commands of the coaching flow: templates, review prompts, "Ask the
//! next question", weekly reviews, the blind-spot review and session logs. Quick fixes
//! for findings live in [`super::fixes`].
//!
//! Every action inserts; none deletes what the person wrote.

use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::Datelike;

use super::{Action, ActionKind, Change};
use crate::methodology::templates;
use crate::methodology::{
    as_prompt, core_sections, review_question, NoteKind, STEP_BACK_QUESTIONS,
};
use crate::model::{Note, Section};
use crate::rules::fixes_support::{insert_section, insert_under_heading, section_block};
use crate::rules::{session_log_listing_edit, weekly_review_edit, Edit};
use crate::workspace::Snapshot;

/// The commands the server advertises (`workspace/executeCommand`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    AskNextQuestion,
    InsertReviewPrompt,
    InsertWeeklyReview,
    RunBlindSpotReview,
    StartSessionLog,
    InsertCareerIndexTemplate,
    InsertGoalsTemplate,
    InsertProfileTemplate,
}

impl Command {
    pub const ALL: [Command; 8] = [
        Command::AskNextQuestion,
        Command::InsertReviewPrompt,
        Command::InsertWeeklyReview,
        Command::RunBlindSpotReview,
        Command::StartSessionLog,
        Command::InsertCareerIndexTemplate,
        Command::InsertGoalsTemplate,
        Command::InsertProfileTemplate,
    ];

    /// The command's identifier.
    pub fn id(self) -> &'static str {
        match self {
            Command::AskNextQuestion => "career-lsp.askNextQuestion",
            Command::InsertReviewPrompt => "career-lsp.insertReviewPrompt",
            Command::InsertWeeklyReview => "career-lsp.insertWeeklyReview",
            Command::RunBlindSpotReview => "career-lsp.runBlindSpotReview",
            Command::StartSessionLog => "career-lsp.startSessionLog",
            Command::InsertCareerIndexTemplate => "career-lsp.insertCareerIndexTemplate",
            Command::InsertGoalsTemplate => "career-lsp.insertGoalsTemplate",
            Command::InsertProfileTemplate => "career-lsp.insertProfileTemplate",
        }
    }

    pub fn from_id(id: &str) -> Option<Command> {
        Command::ALL.into_iter().find(|c| c.id() == id)
    }
}

/// An edit that inserts `text` at `offset`.
fn insert(offset: usize, text: impl Into<String>) -> Edit {
    Edit {
        range: offset..offset,
        text: text.into(),
    }
}

/// Inserts `question` as a block quote right under the heading whose line is `heading`,
/// with blank lines so that it never joins the text around it.
fn prompt_under_heading(note: &Note, heading: &Range<usize>, question: &str) -> Edit {
    insert_under_heading(note, heading, &as_prompt(question))
}

/// Where appended text goes: the end of the note, after a line break.
fn append(text: &str, block: &str) -> Edit {
    let separator = if text.is_empty() || text.ends_with("\n\n") {
        ""
    } else if text.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    insert(text.len(), format!("{separator}{block}"))
}

fn edit_action(snapshot: &Snapshot, title: String, edits: Vec<Edit>) -> Action {
    Action {
        title,
        kind: ActionKind::Refactor,
        changes: vec![Change::Edit {
            path: snapshot.path().to_path_buf(),
            edits,
        }],
        shows: None,
        fixes: None,
        preferred: false,
    }
}

/// The innermost known section that contains `offset`.
fn section_at(note: &Note, offset: usize) -> Option<&Section> {
    note.sections
        .iter()
        .rev()
        .find(|s| s.id.is_some() && s.range.contains(&offset))
}

/// "Ask the next question": the first empty section's question, under its heading —
/// one question at a time. When every section has content, the first missing core
/// section's question goes at the end of the note.
pub fn ask_next_question(snapshot: &Snapshot) -> Option<Action> {
    let next = super::overview::next_question(snapshot.note())?;
    let question = next.question;
    let edit = match &next.heading_range {
        Some(heading) => prompt_under_heading(snapshot.note(), heading, question),
        None => append(
            snapshot.text(),
            &format!("## {}\n\n{}", next.section, as_prompt(question)),
        ),
    };
    Some(edit_action(
        snapshot,
        format!("Ask the next question: {question}"),
        vec![edit],
    ))
}

/// "Insert review prompt for this section": the question of the section at `offset`.
pub fn review_prompt(snapshot: &Snapshot, offset: usize) -> Option<Action> {
    let section = section_at(snapshot.note(), offset)?;
    let id = section.id?;
    Some(edit_action(
        snapshot,
        format!("Insert review prompt for {}", id.title()),
        vec![prompt_under_heading(
            snapshot.note(),
            &section.heading_range,
            review_question(id),
        )],
    ))
}

/// "Insert weekly review questions": a dated `### Weekly Review — DATE` block at the end
/// of the `## Weekly Review` section, or at the end of the note.
pub fn weekly_review(snapshot: &Snapshot) -> Action {
    let edit = weekly_review_edit(snapshot.note(), &snapshot.context());
    edit_action(
        snapshot,
        format!("Insert weekly review questions for {}", snapshot.today),
        vec![edit],
    )
}

/// "Run blind spot review": the five blind-spot questions (and the step-back questions),
/// each marked with whether it applies to this Career Index now.
pub fn blind_spot_review(snapshot: &Snapshot) -> Action {
    let mut block = format!("## Blind Spot Review — {}\n\n", snapshot.today);
    for spot in super::overview::blind_spots(snapshot) {
        let mark = if spot.applies {
            "applies"
        } else {
            "looks covered"
        };
        block.push_str(&format!(
            "- [ ] **{}** ({mark}) — {}\n",
            spot.name, spot.question
        ));
    }
    block.push_str("\nStep back:\n\n");
    for question in STEP_BACK_QUESTIONS {
        block.push_str(&format!("- {question}\n"));
    }
    edit_action(
        snapshot,
        "Run blind spot review".to_string(),
        vec![append(snapshot.text(), &block)],
    )
}

/// Where today's session log goes: beside the snapshot's note.
pub fn todays_session_log(snapshot: &Snapshot) -> PathBuf {
    let name = templates::session_log_file_name(snapshot.today);
    let folder = snapshot.path().parent().unwrap_or(Path::new(""));
    folder.join(name)
}

/// "Start a session log": creates today's session log next to the note. When that file
/// exists already — a note of the workspace, or any file on disk — "Open today's session
/// log" instead, which asks the editor to show it: a created note's template is never
/// written into a note that is there. Nothing in today's log itself.
pub fn start_session_log(snapshot: &Snapshot) -> Option<Action> {
    let path = todays_session_log(snapshot);
    let name = path.file_name()?.to_string_lossy().to_string();
    if path == snapshot.path() {
        return None;
    }
    if snapshot.file_exists(&path) {
        return Some(Action {
            title: format!("Open today's session log ({name})"),
            kind: ActionKind::Source,
            changes: Vec::new(),
            shows: Some(path),
            fixes: None,
            preferred: false,
        });
    }
    let stem = name.strip_suffix(".md").unwrap_or(&name).to_string();
    let mut changes = vec![Change::Create {
        path,
        text: templates::session_log(snapshot.today),
    }];
    changes.extend(listing_of_new_log(snapshot, &stem));
    Some(Action {
        title: format!("Start a session log ({name})"),
        kind: ActionKind::Source,
        changes,
        shows: None,
        fixes: None,
        preferred: false,
    })
}

/// The row that lists the new log `stem` in the Career Index's Session Logs, in the same
/// edit that creates it (the methodology's sixth principle: every session is listed). The
/// index is the note itself, else the one it belongs to (SPEC §3); none when there is no
/// single index or it lists the log already.
fn listing_of_new_log(snapshot: &Snapshot, stem: &str) -> Option<Change> {
    let note = snapshot.note();
    let index = if note.kind == NoteKind::CareerIndex {
        note
    } else {
        crate::model::links::career_index_for(snapshot.notes(), note)?
    };
    if index.as_index()?.session_logs.lists(stem) {
        return None;
    }
    let edit = session_log_listing_edit(index, stem, snapshot.today);
    Some(Change::Edit {
        path: index.path.clone(),
        edits: vec![edit],
    })
}

/// A template inserted at `offset` (the whole note's template).
fn template_action(snapshot: &Snapshot, title: String, template: String, offset: usize) -> Action {
    let text = snapshot.text();
    let offset = offset.min(text.len());
    let offset = (0..=offset)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    // Start on a line of its own.
    let prefix = if offset == 0 || text[..offset].ends_with("\n\n") {
        ""
    } else if text[..offset].ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    edit_action(
        snapshot,
        title,
        vec![insert(offset, format!("{prefix}{template}"))],
    )
}

/// The "Insert `<section>` template" actions for the core sections this note lacks, each
/// at its canonical position: before the next core section that is present, else at the end.
pub fn missing_section_templates(snapshot: &Snapshot) -> Vec<Action> {
    let note = snapshot.note();
    let context = snapshot.context();
    core_sections(note.kind)
        .filter(|id| !note.has_section(*id))
        .map(|id| {
            let edit = insert_section(note, id, &section_block(note, &context, id));
            edit_action(
                snapshot,
                format!("Insert {} template", id.title()),
                vec![edit],
            )
        })
        .collect()
}

/// Whether `missing-section` is on for this note: its one finding at the H1 then offers
/// every missing section (and all of them at once), so the templates are not offered again
/// at every position of the note.
fn reports_missing_sections(snapshot: &Snapshot) -> bool {
    crate::rules::missing_sections_reported(&snapshot.config.rules)
}

/// The action a command stands for, at `offset` of the snapshot's note.
pub fn command_action(snapshot: &Snapshot, command: Command, offset: usize) -> Option<Action> {
    let year = snapshot.today.year();
    match command {
        Command::AskNextQuestion => ask_next_question(snapshot),
        Command::InsertReviewPrompt => review_prompt(snapshot, offset),
        Command::InsertWeeklyReview => Some(weekly_review(snapshot)),
        Command::RunBlindSpotReview => Some(blind_spot_review(snapshot)),
        Command::StartSessionLog => start_session_log(snapshot),
        Command::InsertCareerIndexTemplate => Some(template_action(
            snapshot,
            "Insert Career Index template".into(),
            templates::career_index(year),
            offset,
        )),
        Command::InsertGoalsTemplate => Some(template_action(
            snapshot,
            format!("Insert {year} Goals template"),
            templates::goals(year, templates::week_start(snapshot.today)),
            offset,
        )),
        Command::InsertProfileTemplate => Some(template_action(
            snapshot,
            "Insert profile template".into(),
            templates::profile(),
            offset,
        )),
    }
}

/// Every coaching action available at `range`: templates for an empty note or its missing
/// sections, the person's own alias for an unrecognised heading, the section's review
/// prompt, the next question, the weekly review (Goals notes), the blind-spot review
/// (Career Index) and a new session log (or today's, opened).
pub fn actions(snapshot: &Snapshot, range: Range<usize>) -> Vec<Action> {
    let note = snapshot.note();
    let mut actions = Vec::new();
    let blank = snapshot.text().trim().is_empty();
    let year = snapshot.today.year();
    if blank || note.kind == NoteKind::Other {
        for command in [
            Command::InsertCareerIndexTemplate,
            Command::InsertGoalsTemplate,
            Command::InsertProfileTemplate,
        ] {
            actions.extend(command_action(snapshot, command, range.start));
        }
    } else if snapshot.is_checked() && !reports_missing_sections(snapshot) {
        actions.extend(missing_section_templates(snapshot));
    }
    if snapshot.is_checked() {
        actions.extend(super::recognition::heading_actions(snapshot, range.clone()));
        actions.extend(review_prompt(snapshot, range.start));
        actions.extend(ask_next_question(snapshot));
    }
    if note.kind == NoteKind::Goals
        && note
            .as_goals()
            .and_then(|g| g.year)
            .is_none_or(|y| y == year)
    {
        actions.push(weekly_review(snapshot));
    }
    if note.kind == NoteKind::CareerIndex {
        actions.push(blind_spot_review(snapshot));
    }
    actions.extend(start_session_log(snapshot));
    actions
}

#[cfg(test)]
mod tests;
