//! `partial-analysis`: part of the note was read as plain text, over the complexity budget.
//!
//! The syntax layer decides what it reads (`syntax/budget.rs`) and lists what it skipped in
//! the outline; this rule tells the person, once per note, where and why.

use super::{finding, Applicability, Context, Edit, Finding, Fix, Rule, RuleMeta, Severity};
use crate::model::Note;
use crate::syntax::{BlockKind, Markup, SkipReason, SkippedInline, MAX_BLOCK_DELIMITERS};

pub struct PartialAnalysis;

impl PartialAnalysis {
    pub const META: RuleMeta = RuleMeta {
        code: "partial-analysis",
        default_severity: Severity::Warning,
        documentation: include_str!("docs/partial-analysis.md"),
        blind_spot: None,
    };
}

impl Rule for PartialAnalysis {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, note: &Note, _context: &Context) -> Vec<Finding> {
        if let Some(unread_from) = note.outline.unread_from {
            return vec![unread(self, note, unread_from)];
        }
        let skipped = &note.outline.skipped;
        let Some(first) = skipped.first() else {
            return Vec::new();
        };
        let (line, range) = first_line(note, first);
        let last_line = line + lines_in(note, first);
        let lines = if last_line > line {
            format!("lines {}–{}", thousands(line), thousands(last_line))
        } else {
            format!("line {}", thousands(line))
        };
        let more = skipped.len() - 1;
        let message = match first.why {
            SkipReason::BlockTooComplex => {
                let also = match more {
                    0 => String::new(),
                    1 => ", and in 1 more place below it".to_string(),
                    n => format!(", and in {} more places below it", thousands(n)),
                };
                let (hold, its) = if last_line > line {
                    ("hold", "their")
                } else {
                    ("holds", "its")
                };
                format!(
                    "Only part of this note was analysed: {lines} {hold} {}, too much markup to read, so {its} Markdown links, images, bold text and code spans were skipped{also}.",
                    what(&first.markup),
                )
            }
            SkipReason::NoteBudgetSpent => format!(
                "Only part of this note was analysed: it holds more markup than career-lsp reads in one note, so from line {} on, Markdown links, images, bold text and code spans were skipped in {} {}.",
                thousands(line),
                thousands(skipped.len()),
                if skipped.len() == 1 { "place" } else { "places" },
            ),
        };
        let mut found = finding(self, range, message);
        if more == 0 {
            found.fixes.extend(fence(note, first, &lines));
        }
        vec![found]
    }
}

/// "Put line 13 in a code block", when the skipped content is a paragraph of its own (not
/// in a list, quote or table): a code block is not read as markup, so a pasted export or
/// log keeps its text and no longer stops the analysis. The fence is longer than any run
/// of backticks in the paragraph, so nothing in it closes the block early.
fn fence(note: &Note, skipped: &SkippedInline, lines: &str) -> Option<Fix> {
    let paragraph = note.outline.blocks.iter().find(|block| {
        matches!(block.kind, BlockKind::Paragraph)
            && !block.quoted
            && block.text_range == skipped.range
    })?;
    let text = note.text.get(paragraph.range.clone())?;
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat((longest + 1).max(3));
    Fix::new(
        note,
        format!("Put {lines} in a code block"),
        Applicability::Suggestion,
        vec![
            Edit {
                range: paragraph.range.start..paragraph.range.start,
                text: format!("{fence}\n"),
            },
            Edit {
                range: paragraph.range.end..paragraph.range.end,
                text: format!("\n{fence}"),
            },
        ],
    )
}

/// The finding for a note read only up to `unread_from`, at the first line not read.
fn unread(rule: &PartialAnalysis, note: &Note, unread_from: usize) -> Finding {
    let start = unread_from.min(note.text.len());
    let line = line_of(note, start);
    let line_end = end_of_line(note, start);
    let also = match note.outline.skipped.len() {
        0 => String::new(),
        1 => "; before it, 1 place was read as plain text".to_string(),
        n => format!(
            "; before it, {} places were read as plain text",
            thousands(n)
        ),
    };
    finding(
        rule,
        start..line_end,
        format!(
            "Only part of this note was analysed: it holds more lines and block markup (list items, quotes, table cells, headings) than career-lsp reads in one note, so from line {} on it was not read{also}.",
            thousands(line)
        ),
    )
}

/// The 1-based line of byte `offset`.
fn line_of(note: &Note, offset: usize) -> usize {
    note.text.as_bytes()[..offset.min(note.text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The line number of the skipped content's start, and its range up to the end of that
/// line: where the finding points.
fn first_line(note: &Note, skipped: &SkippedInline) -> (usize, std::ops::Range<usize>) {
    let start = skipped.range.start.min(note.text.len());
    let line = line_of(note, start);
    let line_end = end_of_line(note, start);
    (line, start..line_end.min(skipped.range.end.max(start)))
}

/// Where the line holding byte `start` ends (before its line break).
fn end_of_line(note: &Note, start: usize) -> usize {
    let text = &note.text;
    text.get(start..)
        .and_then(|rest| rest.find(['\n', '\r']))
        .map_or(text.len(), |at| start + at)
}

/// How many line breaks the skipped content spans.
fn lines_in(note: &Note, skipped: &SkippedInline) -> usize {
    note.text
        .get(skipped.range.clone())
        .map_or(0, |text| text.trim_end().matches('\n').count())
}

/// What makes the markup too much, in words: its unclosed brackets, image openings,
/// brackets or emphasis delimiters, whichever make half of its delimiters (in that order),
/// else all its punctuation.
fn what(markup: &Markup) -> String {
    let half = |count: usize| count > 0 && count * 2 >= markup.delimiters;
    if markup.delimiters <= MAX_BLOCK_DELIMITERS {
        return format!("{} punctuation characters", thousands(markup.marks));
    }
    if half(markup.unclosed_brackets) {
        return counted(
            markup.unclosed_brackets,
            "unclosed bracket",
            "unclosed brackets",
        );
    }
    if half(markup.images) {
        return counted(markup.images, "image opening “![”", "image openings “![”");
    }
    if half(markup.brackets) {
        return counted(markup.brackets, "bracket", "brackets");
    }
    match markup.most_frequent_emphasis {
        Some(('*', count)) if half(count) => counted(count, "asterisk", "asterisks"),
        Some(('_', count)) if half(count) => counted(count, "underscore", "underscores"),
        Some(('~', count)) if half(count) => counted(count, "tilde", "tildes"),
        _ => counted(
            markup.delimiters,
            "bracket or emphasis mark",
            "brackets and emphasis marks",
        ),
    }
}

/// `count` and the noun that goes with it.
fn counted(count: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        thousands(count),
        if count == 1 { one } else { many }
    )
}

/// `131072` → `131,072`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::thousands;
    use crate::rules::fixes_support::testing::{findings, fixed, resolves, titles};
    use crate::syntax::MAX_BLOCK_DELIMITERS;

    const CODE: &str = super::PartialAnalysis::META.code;

    fn messages(notes: &[(&str, &str)]) -> Vec<String> {
        findings(notes, CODE)
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn a_line_of_unclosed_image_brackets_is_named_with_its_count() {
        let note = format!(
            "# Career\n\n## Vision\n\nA [[2026 Goals]] link.\n\n{}\n",
            "![".repeat(131_072)
        );
        let found = findings(&[("Career.md", &note)], CODE);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Only part of this note was analysed: line 7 holds 131,072 unclosed brackets, too much markup to read, so its Markdown links, images, bold text and code spans were skipped."
        );
        // It points at that line, and what could be read was: the link above it.
        let at = note.find("![").unwrap();
        assert_eq!(found[0].range, at..note.len() - 1);
        let snapshot = crate::features::test_support::snapshot(&[("Career.md", &note)]);
        assert_eq!(snapshot.note().outline.wikilinks.len(), 1);
    }

    #[test]
    fn other_shapes_name_what_there_is_most_of() {
        let message = |line: &str, what: &str| {
            format!("Only part of this note was analysed: line {line} holds {what}, too much markup to read, so its Markdown links, images, bold text and code spans were skipped.")
        };
        let stars = format!("# Career\n\n{}\n", "***a".repeat(1_000));
        assert_eq!(
            messages(&[("Career.md", &stars)]),
            [message("3", "3,000 asterisks")]
        );
        let images = format!(
            "# Career\n\n- {}\n- {}\n",
            "![]".repeat(1_001),
            "![]".repeat(1_001)
        );
        assert_eq!(
            messages(&[("Career.md", &images)]),
            [message("3", "1,001 image openings “![”")
                .replace("skipped.", "skipped, and in 1 more place below it.")]
        );
        // A pasted chat export: one paragraph of a thousand lines, each with a timestamp.
        let chat: String = (0..1_001)
            .map(|i| format!("[{:02}:{:02}] Ana: ok\n", i / 60 % 24, i % 60))
            .collect();
        let chat = format!("# Career\n\n## Notes\n\n{chat}");
        assert_eq!(
            messages(&[("Career.md", &chat)]),
            ["Only part of this note was analysed: lines 5–1,005 hold 2,002 brackets, too much markup to read, so their Markdown links, images, bold text and code spans were skipped."]
        );
        let mixed = format!("# Career\n\n{}\n", "*a* [b] _c_ ~d~ ".repeat(300));
        assert_eq!(
            messages(&[("Career.md", &mixed)]),
            [message("3", "2,400 brackets and emphasis marks")]
        );
        let json = format!("# Career\n\n{}\n", "{\"a\":1},".repeat(3_500));
        assert_eq!(
            messages(&[("Career.md", &json)]),
            [message("3", "21,000 punctuation characters")]
        );
    }

    #[test]
    fn many_paragraphs_of_markup_spend_the_notes_budget() {
        // Each paragraph fits in one block; together they cost more than the note may.
        let paragraph = "***a".repeat(MAX_BLOCK_DELIMITERS / 3 - 10);
        let note = format!("# Career\n\n{}\n", [paragraph.as_str(); 12].join("\n\n"));
        let found = messages(&[("Career.md", &note)]);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].starts_with("Only part of this note was analysed: it holds more markup than career-lsp reads in one note, so from line "),
            "{found:?}"
        );
        assert!(found[0].ends_with(" places."), "{found:?}");
    }

    #[test]
    fn a_note_of_a_million_list_items_is_read_up_to_the_budget() {
        let note = format!("# Career\n\n## Vision\n\n{}", "-\n".repeat(1_000_000));
        let found = findings(&[("Career.md", &note)], CODE);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Only part of this note was analysed: it holds more lines and block markup (list items, quotes, table cells, headings) than career-lsp reads in one note, so from line 250,001 on it was not read."
        );
        let snapshot = crate::features::test_support::snapshot(&[("Career.md", &note)]);
        let outline = &snapshot.note().outline;
        assert_eq!(outline.headings.len(), 2);
        assert_eq!(outline.blocks.len(), 249_996);
        assert_eq!(found[0].range.start, outline.unread_from.unwrap());
    }

    #[test]
    fn a_long_career_index_full_of_links_is_read_whole() {
        let mut note = String::from("# Career\n\n## 🎯 Vision\n\n**North Star (2031):** Lead a platform org.\n\n## Wins & Artifacts\n\n");
        for i in 0..2_000 {
            note.push_str(&format!(
                "- **Win {i}** — cut deploy time 40% for [[Project {i}]], see [the write-up](https://example.com/{i}) and ![chart](charts/{i}.png) `v{i}` #impact\n"
            ));
        }
        assert_eq!(note.lines().count(), 2_008);
        assert!(messages(&[("Career.md", &note)]).is_empty());
        let snapshot = crate::features::test_support::snapshot(&[("Career.md", &note)]);
        let outline = &snapshot.note().outline;
        assert_eq!(outline.links.len(), 4_000);
        assert_eq!(outline.wikilinks.len(), 2_000);
        assert!(outline.skipped.is_empty());
    }

    #[test]
    fn a_pasted_paragraph_can_be_put_in_a_code_block() {
        let chat: String = (0..1_001)
            .map(|i| format!("[{:02}:{:02}] Ana: ok `x` ```\n", i / 60 % 24, i % 60))
            .collect();
        let note = format!("# Career\n\n## Notes\n\n{chat}\n## Vision\n");
        let notes = [("Career.md", note.as_str())];
        assert_eq!(
            titles(&notes, CODE),
            [["Put lines 5–1,005 in a code block (resolves)"]]
        );
        let fenced = fixed(&notes, CODE, 0, "Put lines 5–1,005 in a code block");
        assert_eq!(
            fenced,
            note.replace("[00:00]", "````\n[00:00]")
                .replace("```\n\n## Vision", "```\n````\n\n## Vision")
        );
        assert!(resolves(
            &notes,
            CODE,
            0,
            "Put lines 5–1,005 in a code block"
        ));
        // Not in a list item, nor when there is more than one place.
        let items = format!("# Career\n\n- {}\n", "[".repeat(2_001));
        assert_eq!(
            titles(&[("Career.md", &items)], CODE),
            [Vec::<String>::new()]
        );
        let two = format!(
            "# Career\n\n{}\n\n{}\n",
            "[".repeat(2_001),
            "]".repeat(2_001)
        );
        assert_eq!(titles(&[("Career.md", &two)], CODE), [Vec::<String>::new()]);
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(131_072), "131,072");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
