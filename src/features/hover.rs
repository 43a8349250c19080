//! Hover: what the thing under the cursor means, in the methodology and in the person's own
//! notes — a network role (sponsor, mentor, advisor, mentee, in any form), a section
//! heading, a goal ID, a vision pillar, or a wikilink.
//!
//! Hovers are Markdown; [`to_plain_text`] turns one into plain text for clients that only
//! take that.

use std::ops::Range;
use std::sync::Arc;

use crate::methodology::{
    network_role_for_word, purpose, review_question, GoalColumn, NetworkRole, Pillar, SectionId,
    WEEKLY_REVIEW_QUESTIONS,
};
use crate::model::goals::Goal;
use crate::model::index::{CareerIndex, Person};
use crate::model::links::{find_unread, resolve, Resolution};
use crate::model::text::{goal_refs, VisionLink};
use crate::model::{Note, Section, SessionLog};
use crate::syntax::{BlockKind, WikiLink};
use crate::workspace::Snapshot;

/// What to show for the thing under the cursor, and the range it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    pub range: Range<usize>,
    pub markdown: String,
}

/// How many non-empty lines of a linked note (or section) a wikilink hover shows.
const EXCERPT_LINES: usize = 12;

/// The hover at byte `offset` of the snapshot's note, if the cursor is on something the
/// product can explain. Nothing inside code or front matter gets a hover.
pub fn hover(snapshot: &Snapshot, offset: usize) -> Option<Hover> {
    let text = snapshot.text();
    let note = snapshot.note();
    if offset > text.len() || !text.is_char_boundary(offset) {
        return None;
    }
    let outline = &note.outline;
    if outline.in_code(offset)
        || outline
            .front_matter
            .as_ref()
            .is_some_and(|f| f.range.contains(&offset))
    {
        return None;
    }
    if let Some(link) = wikilink_at(note, offset) {
        return wikilink_hover(snapshot, link);
    }
    if !snapshot.is_checked() {
        return None;
    }
    let word = word_at(text, offset).filter(|w| !outline.in_code(w.start) && !in_url(snapshot, w));
    if let Some(found) = goal_hover(snapshot, offset) {
        return Some(found);
    }
    if let Some(found) = pillar_hover(snapshot, offset, word.clone()) {
        return Some(found);
    }
    if let Some(word) = word {
        if let Some(role) = network_role_for_word(&text[word.clone()]) {
            return Some(role_hover(snapshot, role, word));
        }
    }
    section_hover(snapshot, offset)
}

// ---------------------------------------------------------------------------------------
// Finding what is under the cursor

/// Whether `offset` touches `range`: inside it or right at its end (a cursor just after a
/// word is still on it).
fn touches(range: &Range<usize>, offset: usize) -> bool {
    range.start <= offset && offset <= range.end
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’'
}

/// The word at `offset` (letters, digits and apostrophes), preferring the word that starts
/// at the cursor over the one that ends there. Apostrophes around the word are left out.
fn word_at(text: &str, offset: usize) -> Option<Range<usize>> {
    let after = text[offset..].chars().next().filter(|c| is_word_char(*c));
    let before = text[..offset]
        .chars()
        .next_back()
        .filter(|c| is_word_char(*c));
    if after.is_none() && before.is_none() {
        return None;
    }
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word_char(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = text[offset..]
        .char_indices()
        .find(|(_, c)| !is_word_char(*c))
        .map_or(text.len(), |(i, _)| offset + i);
    let word = &text[start..end];
    let trimmed_start = start + (word.len() - word.trim_start_matches(['\'', '’']).len());
    let trimmed_end = start + word.trim_end_matches(['\'', '’']).len();
    (trimmed_start < trimmed_end).then_some(trimmed_start..trimmed_end)
}

/// Whether `word` is part of a URL or a Markdown link's destination.
fn in_url(snapshot: &Snapshot, word: &Range<usize>) -> bool {
    let text = snapshot.text();
    let in_destination = snapshot.note().outline.links.iter().any(|link| {
        link.range.contains(&word.start)
            && text
                .get(link.range.clone())
                .and_then(|source| source.find("]("))
                .is_some_and(|at| word.start > link.range.start + at)
    });
    let token_start = text[..word.start]
        .char_indices()
        .rfind(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let token_end = text[word.end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| word.end + i);
    in_destination || text[token_start..token_end].contains("://")
}

fn wikilink_at(note: &Note, offset: usize) -> Option<&WikiLink> {
    let links = &note.outline.wikilinks;
    links
        .iter()
        .find(|l| l.range.contains(&offset))
        .or_else(|| links.iter().find(|l| touches(&l.range, offset)))
}

// ---------------------------------------------------------------------------------------
// Network roles

fn people(index: &CareerIndex, role: NetworkRole) -> &[Person] {
    let network = &index.network;
    match role {
        NetworkRole::Sponsor => &network.sponsors,
        NetworkRole::Mentor => &network.mentors,
        NetworkRole::Advisor => &network.advisors,
        NetworkRole::Mentee => &network.mentees,
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Who the Career Index lists in `role`: a heading line and one bullet per person.
fn listed(snapshot: &Snapshot, role: NetworkRole) -> String {
    let plural = format!("{}s", role.name());
    let Some(index_note) = snapshot.career_index().cloned() else {
        return format!("No Career Index in this workspace yet, so no {plural} are listed.");
    };
    let Some(index) = index_note.as_index() else {
        return String::new();
    };
    let listed = people(index, role);
    let mut out = format!("Your {plural} in *{}*:", index_note.stem());
    if listed.is_empty() {
        out.push_str(" Nobody listed yet.");
        return out;
    }
    out.push('\n');
    for person in listed {
        out.push_str(&format!("\n- **{}**", person.name));
        if !person.context.trim().is_empty() {
            out.push_str(&format!(" — {}", person.context.trim()));
        }
    }
    out
}

fn role_hover(snapshot: &Snapshot, role: NetworkRole, range: Range<usize>) -> Hover {
    let markdown = format!(
        "**{}** — {}\n\n{}\n\n> {}\n\n{}",
        capitalised(role.name()),
        role.definition(),
        role.differs(),
        role.question(),
        listed(snapshot, role)
    );
    Hover { range, markdown }
}

/// The Network heading: what the section is for, its question, and who is in each list.
fn network_hover(snapshot: &Snapshot, range: Range<usize>) -> Hover {
    let mut markdown = format!(
        "**{}** — {}\n\n> {}\n\n",
        SectionId::Network.title(),
        purpose(SectionId::Network),
        review_question(SectionId::Network)
    );
    match snapshot.career_index().cloned() {
        Some(index_note) => {
            if let Some(index) = index_note.as_index() {
                markdown.push_str(&format!("In *{}*:\n", index_note.stem()));
                for role in NetworkRole::ALL {
                    let names: Vec<&str> = people(index, role)
                        .iter()
                        .map(|p| p.name.as_str())
                        .collect();
                    let names = if names.is_empty() {
                        "nobody listed yet".to_string()
                    } else {
                        names.join(", ")
                    };
                    markdown.push_str(&format!(
                        "\n- **{}:** {names}",
                        capitalised(&format!("{}s", role.name()))
                    ));
                }
            }
        }
        None => markdown.push_str("No Career Index in this workspace yet."),
    }
    Hover { range, markdown }
}

// ---------------------------------------------------------------------------------------
// Section headings

fn section_hover(snapshot: &Snapshot, offset: usize) -> Option<Hover> {
    let note = snapshot.note();
    let section: &Section = note
        .sections
        .iter()
        .find(|s| s.id.is_some() && touches(&s.heading_range, offset))?;
    let id = section.id?;
    let range = section.heading_range.clone();
    if id == SectionId::Network {
        return Some(network_hover(snapshot, range));
    }
    if let Some(role) = NetworkRole::for_section(id) {
        return Some(role_hover(snapshot, role, range));
    }
    let mut markdown = format!(
        "**{}** — {}\n\n> {}",
        id.title(),
        purpose(id),
        review_question(id)
    );
    if id == SectionId::WeeklyReview {
        markdown.push_str("\n\nThe weekly review questions:\n");
        for (i, question) in WEEKLY_REVIEW_QUESTIONS.iter().enumerate() {
            markdown.push_str(&format!("\n{}. {question}", i + 1));
        }
    }
    Some(Hover { range, markdown })
}

// ---------------------------------------------------------------------------------------
// Goal IDs

/// The goal ID under the cursor in a Goals note, outside code and wikilinks.
fn goal_ref_at(note: &Note, text: &str, offset: usize) -> Option<(u32, Range<usize>)> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let refs = goal_refs(&text[line_start..line_end], line_start);
    let usable = |r: &Range<usize>| {
        !note.outline.in_code(r.start)
            && !note
                .outline
                .wikilinks
                .iter()
                .any(|l| l.range.contains(&r.start))
    };
    refs.iter()
        .find(|(_, r)| r.contains(&offset) && usable(r))
        .or_else(|| refs.iter().find(|(_, r)| touches(r, offset) && usable(r)))
        .cloned()
}

/// One line on how a goal is tied to the vision, with the picture line when it is known.
fn vision_lines(goal: &Goal, index: Option<&Note>) -> Vec<String> {
    let picture = index.and_then(|n| n.as_index());
    let mut lines = Vec::new();
    for link in &goal.vision_links {
        match link {
            VisionLink::Pillars(pillars) => {
                for pillar in pillars {
                    lines.push(pillar_line(*pillar, index));
                }
            }
            VisionLink::NorthStar => {
                let statement = picture
                    .and_then(|i| i.vision.north_star.as_ref())
                    .map_or(String::new(), |s| format!(" — {}", s.text));
                lines.push(format!("**North Star**{statement}"));
            }
            VisionLink::Wikilink { target, heading } => {
                let statement = picture
                    .filter(|_| index.is_some_and(|n| n.stem().eq_ignore_ascii_case(target)))
                    .and_then(|i| i.vision.north_star.as_ref())
                    .map_or(String::new(), |s| format!(" — {}", s.text));
                lines.push(format!("[[{target}#{heading}]]{statement}"));
            }
        }
    }
    lines
}

/// `**Role** — <the picture line>`, or a note that the line is not written yet.
fn pillar_line(pillar: Pillar, index: Option<&Note>) -> String {
    let name = pillar.name();
    match index.and_then(|n| n.as_index()) {
        Some(career) => match career.vision.picture.iter().find(|l| l.pillar == pillar) {
            Some(line) => format!("**{name}** — {}", line.text),
            None => format!("**{name}** (the picture has no {name} line yet)"),
        },
        None => format!("**{name}**"),
    }
}

fn goal_hover(snapshot: &Snapshot, offset: usize) -> Option<Hover> {
    let note = snapshot.note();
    let goals = note.as_goals()?;
    let (id, range) = goal_ref_at(note, snapshot.text(), offset)?;
    let Some(goal) = goals.goals.iter().find(|g| g.id == id) else {
        let known: Vec<String> = goals.goals.iter().map(Goal::label).collect();
        let known = if known.is_empty() {
            "The Annual Goals table has no goals yet.".to_string()
        } else {
            format!("This year's goals: {}.", known.join(", "))
        };
        return Some(Hover {
            range,
            markdown: format!("**G{id}** is not one of your annual goals. {known}"),
        });
    };
    let index = snapshot.career_index().cloned();
    let or_dash = |s: &str| {
        if s.trim().is_empty() {
            "—".to_string()
        } else {
            s.trim().to_string()
        }
    };
    let outcome = if goal.outcome.trim().is_empty() {
        String::new()
    } else {
        format!(" — {}", goal.outcome.trim())
    };
    let mut markdown = format!(
        "**{}**{outcome}\n\n- **Success metric:** {}\n- **Status:** {}",
        goal.label(),
        or_dash(&goal.success_metric),
        or_dash(&goal.status)
    );
    let vision = vision_lines(goal, index.as_deref());
    match vision.as_slice() {
        [] => markdown.push_str(
            "\n- **Vision:** not linked to your vision — which part of the picture does it serve?",
        ),
        [one] => markdown.push_str(&format!("\n- **Vision:** {one}")),
        many => {
            markdown.push_str("\n- **Vision:**");
            for line in many {
                markdown.push_str(&format!("\n  - {line}"));
            }
        }
    }
    Some(Hover { range, markdown })
}

// ---------------------------------------------------------------------------------------
// Vision pillars

/// A pillar named in a Goals note's Vision column or `#vision/…` tag, or the label of a
/// picture line in the Career Index.
fn pillar_at(
    snapshot: &Snapshot,
    offset: usize,
    word: Option<Range<usize>>,
) -> Option<(Pillar, Range<usize>)> {
    let note = snapshot.note();
    let text = snapshot.text();
    if note.as_goals().is_some() {
        if let Some(tag) = note.outline.tags.iter().find(|t| touches(&t.range, offset)) {
            let pillar = tag
                .name
                .to_lowercase()
                .strip_prefix("vision/")
                .and_then(Pillar::from_word)?;
            return Some((pillar, tag.range.clone()));
        }
        let word = word?;
        let pillar = Pillar::from_word(&text[word.clone()])?;
        let in_vision_cell = note
            .sections_with(SectionId::AnnualGoals)
            .flat_map(|s| note.blocks_in(s))
            .any(|block| {
                let BlockKind::Table(table) = &block.kind else {
                    return false;
                };
                let Some(column) = table.column(GoalColumn::Vision.aliases()) else {
                    return false;
                };
                table
                    .rows
                    .iter()
                    .filter_map(|row| row.cell(column))
                    .any(|cell| cell.range.contains(&word.start))
            });
        return in_vision_cell.then_some((pillar, word));
    }
    let index = note.as_index()?;
    let word = word?;
    let pillar = Pillar::from_word(&text[word.clone()])?;
    let line = index
        .vision
        .picture
        .iter()
        .find(|l| l.pillar == pillar && l.range.contains(&word.start))?;
    let label_end = text[line.range.clone()]
        .find(':')
        .map_or(line.range.end, |i| line.range.start + i);
    (word.start < label_end).then_some((pillar, word))
}

/// The goals (of this Goals note, or of the Goals notes that belong to the index) that
/// serve `pillar`.
fn goals_serving(snapshot: &Snapshot, index: Option<&Arc<Note>>, pillar: Pillar) -> Vec<String> {
    let current = snapshot.note();
    let goals_notes: Vec<&Arc<Note>> = snapshot
        .notes()
        .iter()
        .filter(|n| n.as_goals().is_some())
        .filter(|n| {
            n.path == current.path
                || index.is_some_and(|index| {
                    snapshot
                        .career_index_of(n)
                        .is_some_and(|found| found.path == index.path)
                })
        })
        .collect();
    let mut lines = Vec::new();
    for goals_note in &goals_notes {
        let Some(goals) = goals_note.as_goals() else {
            continue;
        };
        for goal in &goals.goals {
            let serves = goal.vision_links.iter().any(
                |link| matches!(link, VisionLink::Pillars(pillars) if pillars.contains(&pillar)),
            );
            if !serves {
                continue;
            }
            let mut line = format!("- **{}**", goal.label());
            if goals_note.path != current.path {
                line.push_str(&format!(" ({})", goals_note.stem()));
            }
            if !goal.outcome.trim().is_empty() {
                line.push_str(&format!(" — {}", goal.outcome.trim()));
            }
            lines.push(line);
        }
    }
    lines
}

fn pillar_hover(snapshot: &Snapshot, offset: usize, word: Option<Range<usize>>) -> Option<Hover> {
    let (pillar, range) = pillar_at(snapshot, offset, word)?;
    let index = snapshot.career_index().cloned();
    let name = pillar.name();
    let mut markdown = format!("**{name}** — a pillar of your vision\n\n");
    match index.as_ref().and_then(|n| n.as_index().map(|i| (n, i))) {
        Some((index_note, career)) => {
            match career.vision.picture.iter().find(|l| l.pillar == pillar) {
                Some(line) => markdown.push_str(&format!(
                    "> {}\n\n— The Picture, in *{}*",
                    line.text,
                    index_note.stem()
                )),
                None => markdown.push_str(&format!(
                    "The Picture in *{}* has no {name} line yet — what does your {} look like in five years?",
                    index_note.stem(),
                    name.to_lowercase()
                )),
            }
        }
        None => markdown.push_str(
            "No Career Index in this workspace yet, so there is no picture line to show.",
        ),
    }
    let serving = goals_serving(snapshot, index.as_ref(), pillar);
    if !serving.is_empty() {
        markdown.push_str("\n\nGoals serving it:\n\n");
        markdown.push_str(&serving.join("\n"));
    }
    Some(Hover { range, markdown })
}

// ---------------------------------------------------------------------------------------
// Wikilinks

fn is_thematic_break(line: &str) -> bool {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    compact.len() >= 3
        && ['-', '*', '_']
            .iter()
            .any(|marker| compact.chars().all(|c| c == *marker))
}

/// Up to [`EXCERPT_LINES`] non-empty lines of `text[range]`: runs of blank lines folded to
/// one, rules between blocks dropped, an unclosed code fence closed, and `…` when cut short.
fn excerpt(text: &str, range: Range<usize>) -> String {
    let source = text.get(range).unwrap_or("");
    let mut lines: Vec<&str> = Vec::new();
    let mut counted = 0;
    let mut truncated = false;
    let mut previous_blank = true;
    for line in source.lines() {
        let blank = line.trim().is_empty();
        if blank {
            if !previous_blank {
                lines.push("");
            }
            previous_blank = true;
            continue;
        }
        // A rule after a blank line is a break between blocks, not a setext underline.
        if previous_blank && is_thematic_break(line) {
            continue;
        }
        if counted == EXCERPT_LINES {
            truncated = true;
            break;
        }
        lines.push(line);
        counted += 1;
        previous_blank = false;
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    let fences = lines
        .iter()
        .filter(|l| {
            let t = l.trim_start();
            t.starts_with("```") || t.starts_with("~~~")
        })
        .count();
    let mut out = lines.join("\n");
    if fences % 2 == 1 {
        out.push_str("\n```");
    }
    if truncated {
        out.push_str("\n\n…");
    }
    out
}

/// What a link to a session log shows: when the session was held, its focus, its
/// decisions, and how many of its threads are still open.
fn session_summary(log: &SessionLog) -> String {
    let mut out = match log.date {
        Some(date) => format!("**Session of {}**", date.format("%-d %B %Y")),
        None => "**Session** (no date)".to_string(),
    };
    if let Some(focus) = &log.focus {
        out.push_str(&format!(" — {}", focus.text));
    }
    if log.decisions.is_empty() {
        out.push_str("\n\nNo decisions written down.");
    } else {
        out.push_str("\n\n**Decisions**\n");
        for decision in &log.decisions {
            out.push_str(&format!("\n- {}", decision.text));
        }
    }
    let open = log.open_threads.iter().filter(|t| !t.done).count();
    match open {
        0 => {}
        1 => out.push_str("\n\n1 open thread."),
        n => out.push_str(&format!("\n\n{n} open threads.")),
    }
    out
}

fn wikilink_hover(snapshot: &Snapshot, link: &WikiLink) -> Option<Hover> {
    let notes = snapshot.notes();
    let note = snapshot.note();
    let markdown = match resolve(notes, note, link) {
        Resolution::Note(target) if target.as_session_log().is_some() => {
            session_summary(target.as_session_log()?)
        }
        Resolution::Note(target) => {
            let document = snapshot.document_for(&target.path)?;
            let start = target
                .outline
                .front_matter
                .as_ref()
                .map_or(0, |f| f.range.end);
            let shown = excerpt(&document.text, start..document.text.len());
            if shown.is_empty() {
                format!("*{}* is empty.", target.stem())
            } else {
                shown
            }
        }
        Resolution::Heading(target, heading) => {
            let document = snapshot.document_for(&target.path)?;
            let outline = &target.outline;
            let start = outline.headings[heading].range.start;
            let end = outline
                .headings
                .get(outline.section_end_heading(heading))
                .map_or(document.text.len(), |h| h.range.start);
            excerpt(&document.text, start..end)
        }
        Resolution::MissingNote => match find_unread(notes, &link.target) {
            Some((_, why)) => format!("**{}** is not indexed: it is {why}.", link.target.trim()),
            None => format!("No note called **{}** yet.", link.target.trim()),
        },
        Resolution::MissingHeading(target) => format!(
            "*{}* has no heading **{}**.",
            target.stem(),
            link.heading.as_deref().unwrap_or("").trim()
        ),
        Resolution::NotChecked if link.embed => return None,
        Resolution::NotChecked => {
            "A placeholder from the template: replace it with a link to your own note.".to_string()
        }
    };
    Some(Hover {
        range: link.range.clone(),
        markdown,
    })
}

// ---------------------------------------------------------------------------------------
// Plain text

/// The hover's Markdown as plain text, for clients that only take plain text: heading and
/// block-quote markers, emphasis, code-span backticks, code fences and escapes removed;
/// `[text](url)` read as `text (url)`. Lists, wikilinks and line structure are kept.
pub fn to_plain_text(markdown: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut in_fence = false;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(line.to_string());
            continue;
        }
        let mut rest = line;
        loop {
            let stripped = rest.trim_start();
            match stripped.strip_prefix('>') {
                Some(inner) => rest = inner.strip_prefix(' ').unwrap_or(inner),
                None => break,
            }
        }
        let stripped = rest.trim_start();
        let hashes = stripped.len() - stripped.trim_start_matches('#').len();
        if (1..=6).contains(&hashes) {
            let after = &stripped[hashes..];
            if after.is_empty() || after.starts_with(' ') {
                rest = after.trim_start();
            }
        }
        out.push(plain_inline(rest));
    }
    out.join("\n")
}

/// Inline Markdown to plain text (one line).
fn plain_inline(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    // A bullet `* item` at the start of the line stays a bullet.
    let indent = chars.iter().take_while(|c| c.is_whitespace()).count();
    let bullet_at =
        (chars.get(indent) == Some(&'*') && chars.get(indent + 1) == Some(&' ')).then_some(indent);
    while i < chars.len() {
        let c = chars[i];
        let previous = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        match c {
            '\\' if next.is_some_and(|n| n.is_ascii_punctuation()) => {
                out.push(next.unwrap_or(c));
                i += 2;
                continue;
            }
            '`' => {}
            '*' if Some(i) == bullet_at => out.push(c),
            '*' => {}
            '_' => {
                let inside_word = previous.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric);
                if inside_word {
                    out.push(c);
                }
            }
            '[' if previous != Some('[') && next != Some('[') => {
                // `[text](url)` → `text (url)`.
                let rest: String = chars[i..].iter().collect();
                if let Some(close) = rest.find("](") {
                    if let Some(end) = rest[close + 2..].find(')') {
                        let label = &rest[1..close];
                        let url = &rest[close + 2..close + 2 + end];
                        out.push_str(&plain_inline(label));
                        out.push_str(&format!(" ({url})"));
                        i += rest[..close + 2 + end + 1].chars().count();
                        continue;
                    }
                }
                out.push(c);
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests;
