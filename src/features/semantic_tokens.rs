//! Semantic tokens: what a career note means, for a theme to colour — goal IDs (their own
//! ID cell a declaration), goal statuses (modified by which of the three), the vision's
//! pillars, dates of milestones and actions that are due or overdue, wikilinks' targets and
//! headings, and the product's own review prompts (as comments). Each token lies on one
//! line; they come in text order and never overlap.

use std::ops::Range;

use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

use super::navigation::goal_scope::mentions;
use crate::methodology::{is_known_prompt, GoalStatus, Pillar};
use crate::workspace::Snapshot;

/// The token types, in the legend's order; the LSP's standard names, so every theme colours
/// them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenType {
    /// A goal ID (`G1`): `variable`.
    GoalId,
    /// A goal's status: `enumMember`.
    Status,
    /// A pillar of the vision (`Role`): `type`.
    Pillar,
    /// A due date: `number`.
    Date,
    /// A wikilink's target: `namespace`.
    LinkTarget,
    /// A wikilink's heading: `property`.
    LinkHeading,
    /// One of the product's review prompts: `comment`.
    Prompt,
}

impl TokenType {
    pub const ALL: [TokenType; 7] = [
        TokenType::GoalId,
        TokenType::Status,
        TokenType::Pillar,
        TokenType::Date,
        TokenType::LinkTarget,
        TokenType::LinkHeading,
        TokenType::Prompt,
    ];

    /// The standard token type name.
    pub fn name(self) -> &'static str {
        match self {
            TokenType::GoalId => "variable",
            TokenType::Status => "enumMember",
            TokenType::Pillar => "type",
            TokenType::Date => "number",
            TokenType::LinkTarget => "namespace",
            TokenType::LinkHeading => "property",
            TokenType::Prompt => "comment",
        }
    }
}

/// The modifiers, as bits in the legend's order: `declaration` (standard), then the
/// statuses and the dates' states.
pub const MODIFIERS: [&str; 6] = [
    "declaration",
    "complete",
    "inProgress",
    "notStarted",
    "due",
    "overdue",
];
pub const DECLARATION: u32 = 1;
pub const COMPLETE: u32 = 1 << 1;
pub const IN_PROGRESS: u32 = 1 << 2;
pub const NOT_STARTED: u32 = 1 << 3;
pub const DUE: u32 = 1 << 4;
pub const OVERDUE: u32 = 1 << 5;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    pub kind: TokenType,
    pub modifiers: u32,
}

static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{4}-\d{2}-\d{2}\b").expect("a valid pattern"));

/// The tokens of the snapshot's note within `range` (the whole note for `0..len`).
pub fn semantic_tokens(snapshot: &Snapshot, range: Range<usize>) -> Vec<Token> {
    let note = snapshot.note();
    let text = &*note.text;
    let mut tokens: Vec<Token> = Vec::new();
    let mut push = |range: Range<usize>, kind: TokenType, modifiers: u32| {
        if range.start < range.end {
            tokens.push(Token {
                range,
                kind,
                modifiers,
            });
        }
    };
    for mention in mentions(&snapshot.document) {
        let modifiers = if mention.declaration { DECLARATION } else { 0 };
        push(mention.range, TokenType::GoalId, modifiers);
    }
    if let Some(goals) = note.as_goals() {
        for goal in &goals.goals {
            if let Some(status_range) = &goal.status_range {
                let modifiers = match GoalStatus::written_in(&text[status_range.clone()]) {
                    Some(GoalStatus::Complete) => COMPLETE,
                    Some(GoalStatus::InProgress) => IN_PROGRESS,
                    Some(GoalStatus::NotStarted) => NOT_STARTED,
                    None => 0,
                };
                push(
                    trimmed(text, status_range.clone()),
                    TokenType::Status,
                    modifiers,
                );
            }
            for pillar in Pillar::ALL {
                for at in words(&text[goal.row_range.clone()], pillar.name()) {
                    let start = goal.row_range.start + at;
                    push(start..start + pillar.name().len(), TokenType::Pillar, 0);
                }
            }
        }
        for item in goals.monthly.iter().chain(&goals.weekly) {
            let (Some(due), false) = (item.due, item.done) else {
                continue;
            };
            let state = if due < snapshot.today { OVERDUE } else { DUE };
            for date in ISO_DATE.find_iter(&text[item.range.clone()]) {
                if NaiveDate::parse_from_str(date.as_str(), "%Y-%m-%d").is_ok() {
                    let start = item.range.start + date.start();
                    push(start..start + date.len(), TokenType::Date, state);
                }
            }
        }
    }
    if let Some(index) = note.as_index() {
        for line in &index.vision.picture {
            let name = line.pillar.name();
            if let Some(at) = words(&text[line.range.clone()], name).into_iter().next() {
                let start = line.range.start + at;
                push(start..start + name.len(), TokenType::Pillar, 0);
            }
        }
    }
    for link in &note.outline.wikilinks {
        let inner_start = link.range.start + if link.embed { 3 } else { 2 };
        let inner_end = link.range.end.saturating_sub(2).max(inner_start);
        let inner = &text[inner_start..inner_end];
        let before_alias = inner.find('|').unwrap_or(inner.len());
        match inner[..before_alias].find('#') {
            Some(hash) => {
                push(
                    trimmed(text, inner_start..inner_start + hash),
                    TokenType::LinkTarget,
                    0,
                );
                push(
                    trimmed(text, inner_start + hash + 1..inner_start + before_alias),
                    TokenType::LinkHeading,
                    0,
                );
            }
            None => push(
                trimmed(text, inner_start..inner_start + before_alias),
                TokenType::LinkTarget,
                0,
            ),
        }
    }
    for block in &note.outline.blocks {
        if block.quoted && is_known_prompt(&block.text) {
            for line in lines_of(text, block.text_range.clone()) {
                push(line, TokenType::Prompt, 0);
            }
        }
    }
    tokens.retain(|t| t.range.start < range.end && t.range.end > range.start);
    tokens.sort_by_key(|t| (t.range.start, t.range.end));
    // One token a place: the first wins where two overlap (a goal ID in a prompt).
    let mut kept: Vec<Token> = Vec::with_capacity(tokens.len());
    for token in tokens {
        if kept
            .last()
            .is_none_or(|last| last.range.end <= token.range.start)
        {
            kept.push(token);
        }
    }
    kept
}

/// `range` without the whitespace at its ends.
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    start..end.max(start)
}

/// Where `word` stands as a whole word in `text`.
fn words(text: &str, word: &str) -> Vec<usize> {
    text.match_indices(word)
        .filter(|(at, _)| {
            let before = text[..*at].chars().next_back();
            let after = text[at + word.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .map(|(at, _)| at)
        .collect()
}

/// The parts of `range` on each line, without line breaks and blank ends.
fn lines_of(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    for (i, _) in text[range.clone()].match_indices('\n') {
        out.push(trimmed(text, start..range.start + i));
        start = range.start + i + 1;
    }
    out.push(trimmed(text, start..range.end));
    out.retain(|r| r.start < r.end);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::test_support::snapshot;

    fn render(text: &str, tokens: &[Token]) -> Vec<String> {
        tokens
            .iter()
            .map(|t| {
                let mods: Vec<&str> = MODIFIERS
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| t.modifiers & (1 << i) != 0)
                    .map(|(_, m)| *m)
                    .collect();
                format!("{} {:?} {}", &text[t.range.clone()], t.kind, mods.join("+"))
                    .trim_end()
                    .to_string()
            })
            .collect()
    }

    const GOALS: &str = "# 2026 Goals\n\nServes [[Career#Vision]]\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status | Vision |\n|------|---------|----------------|--------|--------|\n| G1 | Make the case for Principal | Promo packet | In progress | Role |\n| G2 | Speak externally | Two talks | **Complete** | Reach |\n\n## Monthly Milestones\n\n### Mar 2026\n- [ ] Promo narrative outline (G1) 2026-03-10\n- [ ] Talk submitted (G2) 2026-03-31\n- [x] Abstract written (G2) 2026-03-01\n";

    #[test]
    fn a_goals_note_has_ids_statuses_pillars_dates_and_links() {
        let snapshot = snapshot(&[
            ("2026 Goals.md", GOALS),
            ("Career.md", "# Career\n\n## Vision\n"),
        ]);
        let tokens = semantic_tokens(&snapshot, 0..GOALS.len());
        assert_eq!(
            render(GOALS, &tokens),
            [
                "Career LinkTarget",
                "Vision LinkHeading",
                "G1 GoalId declaration",
                "In progress Status inProgress",
                "Role Pillar",
                "G2 GoalId declaration",
                "**Complete** Status complete",
                "Reach Pillar",
                "G1 GoalId",
                "2026-03-10 Date overdue",
                "G2 GoalId",
                "2026-03-31 Date due",
                "G2 GoalId",
            ]
        );
        // A range asks for what lies in it.
        let at = GOALS.find("| G2 |").unwrap();
        let some = semantic_tokens(&snapshot, at..at + 10);
        assert_eq!(render(GOALS, &some), ["G2 GoalId declaration"]);
    }

    #[test]
    fn the_pictures_pillars_and_the_products_prompts_in_a_career_index() {
        let text = "# Career\n\n## Vision\n\n### The Picture\n- **Role:** Principal engineer.\n- **Reach:** A respected voice.\n\n## Network\n\n> Who are your sponsors? (People who advocate for you when you're not in the room)\n\nRuud.\n";
        let snapshot = snapshot(&[("Career.md", text)]);
        let rendered = render(text, &semantic_tokens(&snapshot, 0..text.len()));
        assert!(
            rendered.contains(&"Role Pillar".to_string()),
            "{rendered:?}"
        );
        assert!(
            rendered.contains(&"Reach Pillar".to_string()),
            "{rendered:?}"
        );
        assert!(
            rendered
                .iter()
                .any(|r| r.starts_with("Who are your sponsors?") && r.ends_with("Prompt")),
            "{rendered:?}"
        );
        // A note in its own words has no prompt token.
        assert!(!rendered.iter().any(|r| r.starts_with("Ruud")));
    }
}
