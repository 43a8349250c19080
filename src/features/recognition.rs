//! Headings the methodology does not recognise. On such a heading of a Career Index or a
//! Goals note, the likely sections are offered two ways: "Treat ‘<heading>’ as <Section>"
//! adds the heading to `[aliases]` in the root's `career-lsp.toml` (creating the file when
//! the root has none), and "Rename to <Section>" gives the heading the section's title.
//!
//! The likely sections are those whose titles, aliases, sub-sections, purpose and review
//! question share words with the heading, the best match first; a heading that shares no
//! word with any section gets no offer, since a guess would only be noise.

use std::ops::Range;

use super::{Action, ActionKind, Change};
use crate::methodology::{
    is_period_heading, normalize_heading, purpose, review_question, NoteKind, SectionId, ALIASABLE,
    SECTIONS,
};
use crate::model::Section;
use crate::rules::Edit;
use crate::workspace::Snapshot;

/// At most this many sections are offered for one heading.
const MAX_OFFERS: usize = 3;

/// The "Treat as" and "Rename to" actions for the unrecognised heading at `range`, the
/// likeliest section's pair first.
pub fn heading_actions(snapshot: &Snapshot, range: Range<usize>) -> Vec<Action> {
    let note = snapshot.note();
    if !snapshot.is_checked() || !matches!(note.kind, NoteKind::CareerIndex | NoteKind::Goals) {
        return Vec::new();
    }
    let Some(section) = note
        .sections
        .iter()
        .find(|s| s.heading_range.start <= range.end && range.start <= s.heading_range.end)
    else {
        return Vec::new();
    };
    let is_title = note
        .title
        .as_ref()
        .is_some_and(|(_, title)| *title == section.heading_range);
    if is_title || section.id.is_some() || is_period_heading(&section.title) {
        return Vec::new();
    }
    let heading = &note.outline.headings[section.heading];
    let enclosing = enclosing_sections(&note.sections, section);
    let mut actions = Vec::new();
    for id in likely_sections(note.kind, &section.title)
        .into_iter()
        .filter(|id| !enclosing.contains(id))
        .take(MAX_OFFERS)
    {
        actions.extend(treat_as(snapshot, &section.title, id));
        actions.push(Action {
            title: format!("Rename to {}", id.title()),
            kind: ActionKind::Refactor,
            changes: vec![Change::Edit {
                path: snapshot.path().to_path_buf(),
                edits: vec![Edit {
                    range: heading.text_range.clone(),
                    text: id.title().to_string(),
                }],
            }],
            shows: None,
            fixes: None,
            preferred: false,
        });
    }
    actions
}

/// The known sections a section sits inside: offering to make a heading the section it is
/// already in would only turn it into a group of that section.
fn enclosing_sections(sections: &[Section], section: &Section) -> Vec<SectionId> {
    let mut ids = Vec::new();
    let mut parent = section.parent;
    while let Some(index) = parent {
        ids.extend(sections[index].id);
        parent = sections[index].parent;
    }
    ids
}

/// Words that say nothing about which section a heading is.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "the", "of", "to", "in", "for", "on", "at", "with", "my", "me", "i", "im",
    "our", "we", "your", "you", "what", "where", "how", "this", "that", "is", "are", "be", "so",
    "far", "all", "new", "other", "stuff", "things", "notes", "list",
];

/// The sections a person may alias a heading to in a note of `kind`, ordered by how many
/// of the heading's words they share (a word of a title or alias counts three times a word
/// of the purpose or review question), ties in template order; those sharing none left out.
pub fn likely_sections(kind: NoteKind, heading: &str) -> Vec<SectionId> {
    let words: Vec<String> = normalize_heading(heading)
        .split(' ')
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(w))
        .map(str::to_string)
        .collect();
    let mut scored: Vec<(usize, SectionId)> = ALIASABLE
        .iter()
        .map(|(_, id)| *id)
        .filter(|id| id.info().note == kind)
        .map(|id| (score(&words, id), id))
        .filter(|(score, _)| *score > 0)
        .collect();
    // A stable sort keeps the template order among equals.
    scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    scored.into_iter().map(|(_, id)| id).collect()
}

fn score(words: &[String], id: SectionId) -> usize {
    let names: Vec<&str> = SECTIONS
        .iter()
        .filter(|info| info.id == id || info.parent == Some(id))
        .flat_map(|info| info.aliases.iter().copied().chain([info.title]))
        .collect();
    let name_words: Vec<String> = names.iter().flat_map(|n| words_of(n)).collect();
    let prose_words: Vec<String> = words_of(purpose(id))
        .into_iter()
        .chain(words_of(review_question(id)))
        .collect();
    words
        .iter()
        .map(|word| {
            if name_words.iter().any(|w| same_word(word, w)) {
                3
            } else if prose_words.iter().any(|w| same_word(word, w)) {
                1
            } else {
                0
            }
        })
        .sum()
}

fn words_of(text: &str) -> Vec<String> {
    normalize_heading(text)
        .split(' ')
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(w))
        .map(str::to_string)
        .collect()
}

/// Whether two lower-case words are one word in different forms (`risk`, `risks`;
/// `learned`, `learning`).
fn same_word(a: &str, b: &str) -> bool {
    let (a, b) = (stem(a), stem(b));
    a == b || (a.len().min(b.len()) >= 5 && (a.starts_with(b) || b.starts_with(a)))
}

fn stem(word: &str) -> &str {
    for suffix in ["ings", "ing", "ed", "es", "s"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.len() >= 3 {
                return stem;
            }
        }
    }
    word
}

/// "Treat ‘<heading>’ as <Section>": the alias added under `[aliases]` in the root's
/// `career-lsp.toml`, or that file created with it. `None` when the note has no root.
fn treat_as(snapshot: &Snapshot, heading: &str, id: SectionId) -> Option<Action> {
    let path = snapshot.config_path()?;
    let key = id.alias_key()?;
    let line = format!("{} = \"{key}\"\n", toml_string(heading.trim()));
    let change = match snapshot.config_text() {
        // A file that is there but could not be read is neither edited nor created again.
        None if snapshot.file_exists(&path) => return None,
        None => Change::Create {
            path,
            text: format!("[aliases]\n{line}"),
        },
        Some(text) => Change::Edit {
            path,
            edits: vec![alias_edit(text, &line)],
        },
    };
    Some(Action {
        title: format!("Treat ‘{}’ as {}", heading.trim(), id.title()),
        kind: ActionKind::Refactor,
        changes: vec![change],
        shows: None,
        fixes: None,
        preferred: false,
    })
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04X}", c as u32)),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// Where `line` (a `key = "value"` line) goes in a configuration file's `text`: after the
/// last entry of its `[aliases]` table, or in a new `[aliases]` table at the end.
fn alias_edit(text: &str, line: &str) -> Edit {
    let mut offset = 0;
    let mut in_aliases = false;
    // The end of the last non-blank line of the `[aliases]` table, once found.
    let mut insert_at = None;
    for raw in text.split_inclusive('\n') {
        let content = raw.split('#').next().unwrap_or("").trim();
        if content.starts_with('[') {
            in_aliases = content == "[aliases]";
            if in_aliases {
                insert_at = Some(offset + raw.len());
            }
        } else if in_aliases && !raw.trim().is_empty() {
            insert_at = Some(offset + raw.len());
        }
        offset += raw.len();
    }
    match insert_at {
        Some(at) => {
            let separator = if text[..at].ends_with('\n') { "" } else { "\n" };
            Edit {
                range: at..at,
                text: format!("{separator}{line}"),
            }
        }
        None => {
            let separator = if text.is_empty() || text.ends_with("\n\n") {
                ""
            } else if text.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            Edit {
                range: text.len()..text.len(),
                text: format!("{separator}[aliases]\n{line}"),
            }
        }
    }
}

#[cfg(test)]
mod tests;
