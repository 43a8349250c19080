//! The outline: a note's Markdown structure with byte ranges — front matter, headings,
//! blocks (paragraphs, list items with checkboxes, pipe tables, code, HTML), and the inline
//! facts (links, wikilinks, tags, dates) gathered from every block — and how a pipe table's
//! columns are found by header and a table line is split into cells.

use std::ops::Range;

pub use super::budget::Markup;

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
    /// The index of the first column whose header is one of `names` (see
    /// [`column_named`]).
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        column_named(
            self.header.cells.iter().map(|cell| cell.text.as_str()),
            names,
        )
    }
}

/// The index of the first of a table's `headers` that is one of `names`: in any case, with
/// emphasis and the space around it ignored. The outline's tables and tables read
/// straight from the text (a row being typed) both find their columns with it.
pub fn column_named<'a>(
    headers: impl IntoIterator<Item = &'a str>,
    names: &[&str],
) -> Option<usize> {
    headers.into_iter().position(|header| {
        let header = header.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
        names.iter().any(|name| header.eq_ignore_ascii_case(name))
    })
}

/// Where in `line` (a line of a pipe table) the pipes are that separate cells: every `|`
/// not escaped with a backslash, the ones at either end included.
pub fn cell_separators(line: &str) -> impl Iterator<Item = usize> + '_ {
    line.char_indices()
        .filter(|&(i, c)| c == '|' && !line[..i].ends_with('\\'))
        .map(|(i, _)| i)
}

/// The cells of `line`, a line of a pipe table read as text, trimmed; the pipes at either
/// end are not separators. For text the outline may not hold as a table yet: the
/// outline's own rows come from the parser.
pub fn split_table_line(line: &str) -> Vec<&str> {
    let line = line.trim();
    let line = line.strip_prefix('|').unwrap_or(line);
    let line = line.strip_suffix('|').unwrap_or(line);
    let mut cells = Vec::new();
    let mut start = 0;
    for separator in cell_separators(line) {
        cells.push(line[start..separator].trim());
        start = separator + 1;
    }
    cells.push(line[start..].trim());
    cells
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
    /// Code blocks and code spans: nothing inside them is a link, tag or date. In order,
    /// and apart from one another.
    pub code: Vec<Range<usize>>,
    pub strong: Vec<Range<usize>>,
    /// The blocks whose inline content was read as plain text, over the complexity budget
    /// (`syntax/budget.rs`), in the order of the note.
    pub skipped: Vec<SkippedInline>,
    /// Where the note stopped being read, when its block markup ran over the budget: the
    /// start of a line. Nothing from there on is in the outline.
    pub unread_from: Option<usize>,
}

/// A block's inline content read as plain text: its wikilinks, tags and dates were found,
/// its Markdown links, images, bold text and code spans were not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedInline {
    /// The inline content (a paragraph's text, a heading's, a table cell's).
    pub range: Range<usize>,
    pub markup: Markup,
    pub why: SkipReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// The block alone holds more markup than one block may.
    BlockTooComplex,
    /// The blocks before it spent what the note may spend.
    NoteBudgetSpent,
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

    /// Whether `offset` is inside code.
    pub fn in_code(&self, offset: usize) -> bool {
        let after = self.code.partition_point(|r| r.start <= offset);
        after > 0 && self.code[after - 1].contains(&offset)
    }
}
