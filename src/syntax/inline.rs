//! Inline content: what tree-sitter-md's inline grammar finds in one block (code spans,
//! Markdown links, strong emphasis), plus what the grammar has no node for and we scan for
//! ourselves outside code — wikilinks, embeds, `#tags` — and dates.

use serde::Serialize;
use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use tree_sitter::Node;

/// The inline facts of one block, with byte ranges relative to the block's start so that
/// the same text anywhere in the note can share one parse.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InlineContent {
    pub code_spans: Vec<Range<usize>>,
    /// `[text](destination)`: the whole link and its destination.
    pub links: Vec<(Range<usize>, Range<usize>)>,
    pub strong: Vec<Range<usize>>,
    pub wikilinks: Vec<WikiLink>,
    pub tags: Vec<Tag>,
    pub dates: Vec<DateMention>,
}

impl InlineContent {
    /// Collects the facts from an inline tree whose node ranges are absolute; `base` is the
    /// block's start.
    pub(crate) fn from_tree(root: Node, base: usize) -> InlineContent {
        let mut content = InlineContent::default();
        let mut cursor = root.walk();
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            let range = node.start_byte() - base..node.end_byte() - base;
            match node.kind() {
                "code_span" => {
                    content.code_spans.push(range);
                    continue;
                }
                "inline_link" | "image" => {
                    if let Some(destination) = node
                        .children(&mut cursor)
                        .find(|child| child.kind() == "link_destination")
                    {
                        content.links.push((
                            range.clone(),
                            destination.start_byte() - base..destination.end_byte() - base,
                        ));
                    }
                }
                "strong_emphasis" => content.strong.push(range),
                _ => {}
            }
            stack.extend(node.children(&mut cursor));
        }
        content.code_spans.sort_by_key(|r| r.start);
        content.links.sort_by_key(|(r, _)| r.start);
        content.strong.sort_by_key(|r| r.start);
        content
    }

    /// Adds what the grammar has no node for, scanned from the block's `text` (which
    /// starts at the block's start) outside code spans and link destinations.
    pub(crate) fn scan_text(&mut self, text: &str) {
        let mut excluded = self.code_spans.clone();
        excluded.extend(
            self.links
                .iter()
                .map(|(_, destination)| destination.clone()),
        );
        excluded.sort_by_key(|r| r.start);
        scan(
            text,
            0,
            &excluded,
            &mut self.wikilinks,
            &mut self.tags,
            &mut self.dates,
        );
    }

    pub(crate) fn shifted(&self, by: usize) -> InlineContent {
        let shift = |r: &Range<usize>| r.start + by..r.end + by;
        InlineContent {
            code_spans: self.code_spans.iter().map(shift).collect(),
            links: self
                .links
                .iter()
                .map(|(a, b)| (shift(a), shift(b)))
                .collect(),
            strong: self.strong.iter().map(shift).collect(),
            wikilinks: self
                .wikilinks
                .iter()
                .map(|link| WikiLink {
                    range: shift(&link.range),
                    ..link.clone()
                })
                .collect(),
            tags: self
                .tags
                .iter()
                .map(|tag| Tag {
                    range: shift(&tag.range),
                    ..tag.clone()
                })
                .collect(),
            dates: self
                .dates
                .iter()
                .map(|date| DateMention {
                    range: shift(&date.range),
                    value: date.value,
                })
                .collect(),
        }
    }
}

/// `[[target#heading|alias]]`, or `![[target]]` when `embed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WikiLink {
    /// From `[[` (or `![[`) to `]]`.
    #[serde(skip)]
    pub range: Range<usize>,
    pub target: String,
    pub heading: Option<String>,
    pub alias: Option<String>,
    pub embed: bool,
}

/// `[text](destination)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownLink {
    pub range: Range<usize>,
    pub destination: String,
}

/// `#tag` or `#nested/tag`, without the `#`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub range: Range<usize>,
    pub name: String,
}

/// A date as people write them in career notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateValue {
    Day(NaiveDate),
    /// `Week of 2026-03-09`: the week starting on that day.
    WeekOf(NaiveDate),
    Month {
        year: i32,
        month: u32,
    },
    Quarter {
        year: i32,
        quarter: u32,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub range: Range<usize>,
    pub value: DateValue,
}

/// The months' names, January first (the methodology's list).
pub use crate::methodology::MONTH_NAMES;

/// The month (1–12) a word starts with, by its first three letters (`Sept.` → 9).
pub fn month_number(word: &str) -> Option<u32> {
    let word = word.trim().to_ascii_lowercase();
    let prefix = word.get(..3)?;
    MONTH_NAMES
        .iter()
        .position(|m| m.starts_with(prefix))
        .map(|i| i as u32 + 1)
}

/// True when `range` overlaps any of `excluded` (in order and apart from one another, so
/// the one to look at is found by bisection: a block may hold thousands).
fn overlaps(range: &Range<usize>, excluded: &[Range<usize>]) -> bool {
    let first_ending_after = excluded.partition_point(|e| e.end <= range.start);
    excluded
        .get(first_ending_after)
        .is_some_and(|e| e.start < range.end)
}

static WIKILINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(!?)\[\[([^\[\]\n]*(?:\[[^\[\]\n]*\][^\[\]\n]*)*)\]\]").expect("valid regex")
});
static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[\s(,;])#([\p{L}_][\p{L}\p{N}_/-]*)").expect("valid regex"));
static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(week of\s+)?(\d{4})-(\d{2})-(\d{2})\b").expect("valid regex")
});
static MONTH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{4})\b")
        .expect("valid regex")
});
static QUARTER_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bQ([1-4])\s+(\d{4})\b").expect("valid regex"));

/// Scans `text` (which starts at byte `base` of the note) for wikilinks, tags and dates,
/// outside the `excluded` ranges (code spans, link destinations), which are absolute, in
/// order and apart from one another.
pub(crate) fn scan(
    text: &str,
    base: usize,
    excluded: &[Range<usize>],
    wikilinks: &mut Vec<WikiLink>,
    tags: &mut Vec<Tag>,
    dates: &mut Vec<DateMention>,
) {
    let mut link_ranges = Vec::new();
    for captures in WIKILINK.captures_iter(text) {
        let whole = captures.get(0).expect("match");
        let range = whole.start() + base..whole.end() + base;
        if overlaps(&range, excluded) {
            continue;
        }
        let inner = captures.get(2).map_or("", |m| m.as_str());
        let (target_and_heading, alias) = match inner.split_once('|') {
            Some((left, alias)) => (left, Some(alias.trim().to_string())),
            None => (inner, None),
        };
        let (target, heading) = match target_and_heading.split_once('#') {
            Some((target, heading)) => (target, Some(heading.trim().to_string())),
            None => (target_and_heading, None),
        };
        link_ranges.push(range.clone());
        wikilinks.push(WikiLink {
            range,
            target: target.trim().to_string(),
            heading,
            alias,
            embed: !captures.get(1).map_or("", |m| m.as_str()).is_empty(),
        });
    }
    for captures in TAG.captures_iter(text) {
        let name = captures.get(1).expect("group");
        let range = name.start() - 1 + base..name.end() + base;
        if overlaps(&range, excluded) || overlaps(&range, &link_ranges) {
            continue;
        }
        let trimmed = name.as_str().trim_end_matches(['/', '-']);
        tags.push(Tag {
            range: range.start..range.start + 1 + trimmed.len(),
            name: trimmed.to_string(),
        });
    }
    let mut date_ranges: Vec<Range<usize>> = Vec::new();
    for captures in ISO_DATE.captures_iter(text) {
        let whole = captures.get(0).expect("match");
        let range = whole.start() + base..whole.end() + base;
        let number = |i: usize| captures.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let (Some(year), Some(month), Some(day)) = (number(2), number(3), number(4)) else {
            continue;
        };
        let Some(date) = NaiveDate::from_ymd_opt(year as i32, month, day) else {
            continue;
        };
        if overlaps(&range, excluded) {
            continue;
        }
        let value = if captures.get(1).is_some() {
            DateValue::WeekOf(date)
        } else {
            DateValue::Day(date)
        };
        date_ranges.push(range.clone());
        dates.push(DateMention { range, value });
    }
    for captures in MONTH_DATE.captures_iter(text) {
        let whole = captures.get(0).expect("match");
        let range = whole.start() + base..whole.end() + base;
        let word = captures[0].to_ascii_lowercase();
        let month = month_number(&word);
        let word_part = captures[0]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches('.')
            .to_ascii_lowercase();
        let is_month_word = word_part.len() <= 4 || MONTH_NAMES.contains(&word_part.as_str());
        let (Some(month), Ok(year)) = (month, captures[2].parse::<i32>()) else {
            continue;
        };
        if !is_month_word || overlaps(&range, excluded) || overlaps(&range, &date_ranges) {
            continue;
        }
        dates.push(DateMention {
            range,
            value: DateValue::Month { year, month },
        });
    }
    for captures in QUARTER_DATE.captures_iter(text) {
        let whole = captures.get(0).expect("match");
        let range = whole.start() + base..whole.end() + base;
        let (Ok(quarter), Ok(year)) = (captures[1].parse::<u32>(), captures[2].parse::<i32>())
        else {
            continue;
        };
        if overlaps(&range, excluded) {
            continue;
        }
        dates.push(DateMention {
            range,
            value: DateValue::Quarter { year, quarter },
        });
    }
    dates.sort_by_key(|d| d.range.start);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_all(text: &str) -> (Vec<WikiLink>, Vec<Tag>, Vec<DateMention>) {
        let (mut links, mut tags, mut dates) = (Vec::new(), Vec::new(), Vec::new());
        scan(text, 0, &[], &mut links, &mut tags, &mut dates);
        (links, tags, dates)
    }

    #[test]
    fn wikilinks_with_headings_aliases_and_embeds() {
        let (links, _, _) = scan_all(
            "See [[Career Index#🎯 Vision|my vision]] and ![[chart.png]] or [[2026 Goals]].",
        );
        assert_eq!(links.len(), 3);
        assert_eq!(links[0].target, "Career Index");
        assert_eq!(links[0].heading.as_deref(), Some("🎯 Vision"));
        assert_eq!(links[0].alias.as_deref(), Some("my vision"));
        assert!(links[1].embed);
        assert_eq!(links[2].target, "2026 Goals");
        assert_eq!(
            &"See [[Career Index#🎯 Vision|my vision]]"[links[0].range.clone()],
            "[[Career Index#🎯 Vision|my vision]]"
        );
    }

    #[test]
    fn template_placeholder_link_keeps_its_brackets() {
        let (links, _, _) = scan_all("**→ [[[Year] Goals]]** — Full cascade");
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].target, "[Year] Goals");
    }

    #[test]
    fn tags_need_a_boundary_and_a_letter() {
        let (_, tags, _) =
            scan_all("#vision/role and (#growth) but not issue#12, #1 or [[Note#Heading]]");
        let names: Vec<_> = tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["vision/role", "growth"]);
    }

    #[test]
    fn dates_in_every_form() {
        let (_, _, dates) = scan_all("Due 2026-03-15, Week of 2026-03-09, Mar 2026, September 2025, Q3 2026, not 2026-13-01 or Marsh 2026");
        let values: Vec<_> = dates.iter().map(|d| d.value).collect();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            values,
            [
                DateValue::Day(day(2026, 3, 15)),
                DateValue::WeekOf(day(2026, 3, 9)),
                DateValue::Month {
                    year: 2026,
                    month: 3
                },
                DateValue::Month {
                    year: 2025,
                    month: 9
                },
                DateValue::Quarter {
                    year: 2026,
                    quarter: 3
                },
            ]
        );
    }

    #[test]
    fn excluded_ranges_hide_links_and_tags() {
        let text = "`[[Not a link]] #nottag` [[Real]]";
        let (mut links, mut tags, mut dates) = (Vec::new(), Vec::new(), Vec::new());
        let excluded = [Range {
            start: 100,
            end: 124,
        }];
        scan(text, 100, &excluded, &mut links, &mut tags, &mut dates);
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].range, 125..133);
        assert!(tags.is_empty());
    }
}
