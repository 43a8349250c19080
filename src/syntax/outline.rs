//! The outline: a note's Markdown structure with byte ranges — front matter, headings,
//! blocks (paragraphs, list items with checkboxes, pipe tables, code, HTML), and the inline
//! facts (links, wikilinks, tags, dates) gathered from every block.

use std::ops::Range;

pub use super::inline::{
    month_number, DateMention, DateValue, InlineContent, MarkdownLink, Tag, WikiLink, MONTH_NAMES,
};

/// `---`-fenced front matter, read as flat `key: value` pairs (all the notes use).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FrontMatter {
    pub range: Range<usize>,
    pub fields: Vec<(String, String, Range<usize>)>,
}

impl FrontMatter {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v, _)| v.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    /// The heading's line(s), without the line break.
    pub range: Range<usize>,
    /// The heading's text, trimmed, markers removed.
    pub text: String,
    pub text_range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    pub marker_range: Range<usize>,
    pub ordered: bool,
    /// `Some(true)` for `- [x]`, `Some(false)` for `- [ ]`, `None` for a plain item.
    pub checked: Option<bool>,
    /// 0 for a top-level item.
    pub depth: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub range: Range<usize>,
    /// The cell's source, trimmed.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub range: Range<usize>,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn cell(&self, index: usize) -> Option<&Cell> {
        self.cells.get(index)
    }

    /// The text of the cell in `column`, empty when there is no such column or cell.
    pub fn cell_text(&self, column: Option<usize>) -> String {
        column
            .and_then(|c| self.cell(c))
            .map(|c| c.text.clone())
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub header: Row,
    pub rows: Vec<Row>,
}

impl Table {
    /// The index of the first column whose header matches one of `names`
    /// (case-insensitive, emphasis ignored).
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.header.cells.iter().position(|cell| {
            let header = cell
                .text
                .trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
            names.iter().any(|name| header.eq_ignore_ascii_case(name))
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    ListItem(ListItem),
    Table(Table),
    Code,
    Html,
    ThematicBreak,
    LinkDefinition,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub range: Range<usize>,
    pub kind: BlockKind,
    /// The index in [`Outline::headings`] of the heading this block falls under.
    pub heading: Option<usize>,
    /// Inside a block quote.
    pub quoted: bool,
    /// The block's own text: wrapped lines joined with a space, quote markers and
    /// indentation removed; a list item's text excludes its nested items; empty for tables.
    pub text: String,
    pub text_range: Range<usize>,
}

/// The whole outline of a note.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outline {
    pub front_matter: Option<FrontMatter>,
    pub headings: Vec<Heading>,
    pub blocks: Vec<Block>,
    pub wikilinks: Vec<WikiLink>,
    pub links: Vec<MarkdownLink>,
    pub tags: Vec<Tag>,
    pub dates: Vec<DateMention>,
    /// Code blocks and code spans: nothing inside them is a link, tag or date.
    pub code: Vec<Range<usize>>,
    pub strong: Vec<Range<usize>>,
}

impl Outline {
    /// The first level-1 heading: the note's title.
    pub fn title(&self) -> Option<&Heading> {
        self.headings.iter().find(|h| h.level == 1)
    }

    /// The blocks under heading `index` up to the next heading of the same or a higher
    /// level (so sub-sections are included).
    pub fn section_blocks(&self, index: usize) -> impl Iterator<Item = &Block> {
        let end = self.section_end_heading(index);
        self.blocks
            .iter()
            .filter(move |b| b.heading.is_some_and(|h| h >= index && h < end))
    }

    /// The blocks directly under heading `index`, before any sub-heading.
    pub fn own_blocks(&self, index: usize) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(move |b| b.heading == Some(index))
    }

    /// The index of the heading that ends the section started by heading `index`
    /// (`headings.len()` when it runs to the end of the note).
    pub fn section_end_heading(&self, index: usize) -> usize {
        let level = self.headings[index].level;
        self.headings
            .iter()
            .enumerate()
            .skip(index + 1)
            .find(|(_, h)| h.level <= level)
            .map_or(self.headings.len(), |(i, _)| i)
    }

    /// The headings nested under heading `index` (all depths).
    pub fn sub_headings(&self, index: usize) -> Range<usize> {
        index + 1..self.section_end_heading(index)
    }

    /// Whether `offset` is inside code.
    pub fn in_code(&self, offset: usize) -> bool {
        self.code.iter().any(|r| r.contains(&offset))
    }
}
