//! The syntax layer: tree-sitter-md's block tree, parsed incrementally, and the inline
//! content of each block, turned into an [`Outline`](crate::syntax::Outline) with byte ranges.
//!
//! The block tree is edited and re-parsed with the old tree. Inline content is not: the
//! inline grammar's incremental trees can differ from a fresh parse, and re-parsing every
//! block's inline content costs far more than the block parse on a long note. So each
//! block's inline content is parsed on its own and cached by its exact text; after an
//! edit only the blocks whose text changed (the edit and tree-sitter's changed ranges)
//! miss the cache and are parsed afresh — every other block reuses its earlier result.
//!
//! What the inline grammar is given is bounded by a complexity budget (`budget.rs`): a
//! block with too much markup, or past what the note may spend, is read as plain text and
//! listed in [`Outline::skipped`].

mod budget;
mod fragment;
mod inline;
pub mod outline;

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use tree_sitter::{InputEdit, Node, Parser, Point, Tree};

use fragment::{Fragment, FragmentKey, Fragments, Marks};

pub use budget::{MAX_BLOCK_DELIMITERS, MAX_BLOCK_MARKS};
pub use outline::{
    cell_separators, column_named, month_number, split_table_line, Block, BlockKind, Cell,
    DateMention, DateValue, FrontMatter, Heading, InlineContent, ListItem, MarkdownLink, Markup,
    Outline, Row, SkipReason, SkippedInline, Table, Tag, WikiLink, MONTH_NAMES,
};

use budget::Budget;

struct Parsers {
    block: Parser,
    inline: Parser,
}

thread_local! {
    static PARSERS: RefCell<Option<Parsers>> = const { RefCell::new(None) };
}

fn with_parsers<T>(f: impl FnOnce(&mut Parsers) -> T) -> T {
    PARSERS.with(|cell| {
        let mut slot = cell.borrow_mut();
        let parsers = slot.get_or_insert_with(|| {
            let mut block = Parser::new();
            block
                .set_language(&tree_sitter_md::LANGUAGE.into())
                .expect("the block grammar matches the tree-sitter version");
            let mut inline = Parser::new();
            inline
                .set_language(&tree_sitter_md::INLINE_LANGUAGE.into())
                .expect("the inline grammar matches the tree-sitter version");
            Parsers { block, inline }
        });
        f(parsers)
    })
}

/// How much inline content the last parse had to parse and how much it reused.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InlineStats {
    pub parsed: usize,
    pub reused: usize,
}

/// One note's syntax: the block tree, the inline cache and the outline.
#[derive(Clone)]
pub struct SyntaxTree {
    block: Option<Tree>,
    inline_cache: HashMap<Vec<u8>, Arc<InlineContent>>,
    fragments: Fragments,
    outline: Arc<Outline>,
    stats: InlineStats,
}

impl std::fmt::Debug for SyntaxTree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyntaxTree")
            .field("stats", &self.stats)
            .finish_non_exhaustive()
    }
}

impl SyntaxTree {
    /// Parses `text` from scratch.
    pub fn parse(text: &str) -> SyntaxTree {
        let mut tree = SyntaxTree {
            block: None,
            inline_cache: HashMap::new(),
            fragments: Fragments::new(),
            outline: Arc::default(),
            stats: InlineStats::default(),
        };
        tree.reparse(text);
        tree
    }

    /// Tells the block tree about an edit, before [`reparse`](Self::reparse) with the new
    /// text. Points are (row, byte column).
    pub fn edit(&mut self, edit: &TextEdit) {
        if let Some(block) = &mut self.block {
            block.edit(&InputEdit {
                start_byte: edit.start,
                old_end_byte: edit.old_end,
                new_end_byte: edit.new_end,
                start_position: Point::new(edit.start_point.0, edit.start_point.1),
                old_end_position: Point::new(edit.old_end_point.0, edit.old_end_point.1),
                new_end_position: Point::new(edit.new_end_point.0, edit.new_end_point.1),
            });
        }
    }

    /// Re-parses after [`edit`](Self::edit)s (or from nothing), reusing the old block tree
    /// and the inline content of every block whose text did not change.
    ///
    /// A note whose block markup runs over the budget ([`budget::block_cut`]) is read up to
    /// the line where it does, and its block tree is not kept: it covers only part of the
    /// text, so the next parse starts afresh.
    pub fn reparse(&mut self, text: &str) {
        let masked = mask_empty_table_rows(text);
        let unread_from = budget::block_cut(masked.as_bytes());
        let bytes = &masked.as_bytes()[..unread_from.unwrap_or(masked.len())];
        let old = self.block.as_ref();
        let block = with_parsers(|parsers| {
            let block = parsers.block.parse(bytes, old)?;
            // Around an ERROR node, tree-sitter's error recovery from an old tree need not
            // agree with a fresh parse of the same text (it can even flip at each re-parse
            // of an unchanged note), so a tree with errors, or made from one, is parsed
            // afresh. Notes without errors, nearly all of them, stay incremental.
            let erroneous = |tree: &Tree| tree.root_node().has_error();
            if old.is_some_and(erroneous) || (old.is_some() && erroneous(&block)) {
                parsers.block.parse(bytes, None)
            } else {
                Some(block)
            }
        });
        let Some(block) = block else {
            // Only a timeout or cancellation makes tree-sitter give up; we set neither.
            tracing::warn!("the Markdown parser gave no tree; the note is read as empty");
            self.block = None;
            self.outline = Arc::default();
            return;
        };
        let mut builder = OutlineBuilder {
            text,
            old_cache: std::mem::take(&mut self.inline_cache),
            new_cache: HashMap::new(),
            old_fragments: std::mem::take(&mut self.fragments),
            new_fragments: Fragments::new(),
            outline: Outline::default(),
            stats: InlineStats::default(),
            heading: None,
            budget: Budget::for_note(text.len()),
        };
        builder.outline.unread_from = unread_from;
        builder.visit(block.root_node(), 0, false);
        builder.outline.blocks.sort_by_key(|b| b.range.start);
        // In the order of the note already; sorted so that `Outline::in_code` may bisect.
        builder.outline.code.sort_by_key(|r| r.start);
        self.inline_cache = builder.new_cache;
        self.fragments = builder.new_fragments;
        self.stats = builder.stats;
        self.outline = Arc::new(builder.outline);
        self.block = unread_from.is_none().then_some(block);
    }

    pub fn outline(&self) -> &Arc<Outline> {
        &self.outline
    }

    /// Lets go of the block tree and the inline cache, keeping the outline. The next
    /// [`reparse`](Self::reparse) parses from scratch.
    pub fn compact(&mut self) {
        self.block = None;
        self.inline_cache = HashMap::new();
        self.fragments = Fragments::new();
    }

    /// Whether the block tree is kept, so that the next re-parse is incremental.
    pub fn is_incremental(&self) -> bool {
        self.block.is_some()
    }

    /// The block tree as an S-expression (for tests comparing incremental and full parses).
    pub fn block_sexp(&self) -> String {
        self.block
            .as_ref()
            .map(|t| t.root_node().to_sexp())
            .unwrap_or_default()
    }

    pub fn inline_stats(&self) -> InlineStats {
        self.stats
    }
}

/// An edit described for tree-sitter: byte offsets and (row, byte column) points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextEdit {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
    pub start_point: (usize, usize),
    pub old_end_point: (usize, usize),
    pub new_end_point: (usize, usize),
}

impl TextEdit {
    /// The replacement of `old[start..old_end]` by `new[start..new_end]`. When a line it
    /// touches is, or becomes, a blank table row — which the block grammar sees masked
    /// (see [`mask_empty_table_rows`]) — the edit is widened to those whole lines, since
    /// the masked text changes outside the edit there. Other edits stay exact: widening an
    /// edit to the start of a line makes tree-sitter re-parse the whole list or table.
    pub fn for_replacement(
        old: &str,
        new: &str,
        start: usize,
        old_end: usize,
        new_end: usize,
    ) -> TextEdit {
        let line_start = old[..start].rfind('\n').map_or(0, |i| i + 1);
        let old_line_end = old[old_end..].find('\n').map_or(old.len(), |i| old_end + i);
        let new_line_end = new_end + (old_line_end - old_end);
        let touches_blank_row = old[line_start..old_line_end]
            .lines()
            .any(is_blank_table_row)
            || new[line_start..new_line_end]
                .lines()
                .any(is_blank_table_row);
        let (start, old_end, new_end) = if touches_blank_row {
            (line_start, old_line_end, new_line_end)
        } else {
            (start, old_end, new_end)
        };
        TextEdit {
            start,
            old_end,
            new_end,
            start_point: point_at(old, start),
            old_end_point: point_at(old, old_end),
            new_end_point: point_at(new, new_end),
        }
    }
}

/// The text the block grammar sees: a table row whose cells are all blank gets an `x` in
/// place of one space per cell. tree-sitter-md's block grammar fails on such a row below a
/// filled one — the table and every heading after it are lost (tree-sitter-markdown issue
/// 242) — and a person adding a row to a table writes exactly that. The masked text has
/// the same length and line breaks, so every range holds; the outline reads cell text from
/// the real text. Masking is decided line by line, so an edit that touches a blank row is
/// described to tree-sitter by whole lines ([`TextEdit::for_replacement`]).
pub fn mask_empty_table_rows(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.lines().any(is_blank_table_row) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut masked = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if is_blank_table_row(line) {
            let mut previous = ' ';
            for c in line.chars() {
                masked.push(if c == ' ' && previous == '|' { 'x' } else { c });
                previous = c;
            }
        } else {
            masked.push_str(line);
        }
    }
    std::borrow::Cow::Owned(masked)
}

/// A line that is a table row with every cell blank: `| | |`.
fn is_blank_table_row(line: &str) -> bool {
    let trimmed = line.trim();
    trimmed.starts_with('|')
        && trimmed.matches('|').count() >= 2
        && trimmed.chars().all(|c| c == '|' || c.is_whitespace())
}

/// The (row, byte column) of `offset` in `text`, counting `\n` as tree-sitter does.
pub fn point_at(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let row = before.iter().filter(|&&b| b == b'\n').count();
    let column = before.iter().rev().take_while(|&&b| b != b'\n').count();
    (row, column)
}

/// List items nested deeper than this are built afresh at every parse rather than kept as
/// fragments: a fragment copies everything nested in it, so keeping every level of a list
/// nested hundreds deep (tree-sitter-md nests up to 254 items) would cost its depth times
/// its size.
const MAX_KEPT_DEPTH: usize = 16;

struct OutlineBuilder<'a> {
    text: &'a str,
    old_cache: HashMap<Vec<u8>, Arc<InlineContent>>,
    new_cache: HashMap<Vec<u8>, Arc<InlineContent>>,
    old_fragments: Fragments,
    new_fragments: Fragments,
    outline: Outline,
    stats: InlineStats,
    heading: Option<usize>,
    /// What is left of the note's complexity budget, spent block after block.
    budget: Budget,
}

impl OutlineBuilder<'_> {
    fn source(&self, range: Range<usize>) -> &str {
        self.text.get(range).unwrap_or("")
    }

    /// Builds what `node` adds to the outline with `build`, or reuses what an earlier
    /// parse built from the same text ([`Fragment`]). Returns the table row `build` made,
    /// for rows.
    fn reusing(
        &mut self,
        node: Node,
        depth: usize,
        quoted: bool,
        build: impl FnOnce(&mut Self) -> Option<Row>,
    ) -> Option<Row> {
        let range = node.byte_range();
        let text = self.text;
        let source = text.get(range.clone()).unwrap_or("");
        let key = FragmentKey::new(source, node.kind_id(), depth, quoted);
        // A fragment is reused only where building the block afresh would decide the same:
        // its inline content parsed within what is left of the budget, none of it skipped
        // for want of budget.
        let budget = self.budget;
        let kept = self
            .new_fragments
            .get(&key)
            .cloned()
            .or_else(|| self.old_fragments.remove(&key))
            .filter(|fragment| fragment.is_of(source) && fragment.fits(budget));
        if let Some(fragment) = kept {
            let row = fragment.apply(
                &mut self.outline,
                &mut self.stats,
                &mut self.budget,
                range.start,
                self.heading,
            );
            self.new_fragments.insert(key, fragment);
            return row;
        }
        let marks = Marks::of(&self.outline, self.stats, self.budget);
        let row = build(self);
        let fragment = Fragment::since(
            &self.outline,
            self.stats,
            self.budget,
            &marks,
            range.start,
            source,
            row.as_ref(),
        );
        if let Some(fragment) = fragment.filter(|_| depth <= MAX_KEPT_DEPTH) {
            self.new_fragments.insert(key, Arc::new(fragment));
        }
        row
    }

    fn visit(&mut self, node: Node, list_depth: usize, quoted: bool) {
        let mut cursor = node.walk();
        let children: Vec<Node> = node.children(&mut cursor).collect();
        for child in children {
            match child.kind() {
                "minus_metadata" => self.front_matter(child),
                "section" | "document" => self.visit(child, list_depth, quoted),
                "atx_heading" | "setext_heading" => self.heading_node(child),
                "paragraph" => {
                    self.reusing(child, list_depth, quoted, |builder| {
                        builder.paragraph(child, quoted);
                        None
                    });
                }
                "list" => self.visit_list(child, list_depth, quoted),
                "block_quote" => self.visit(child, list_depth, true),
                // Its rows are reused one by one: a table is often long, and edited a row
                // at a time.
                "pipe_table" => self.table(child, quoted),
                "fenced_code_block" | "indented_code_block" => {
                    self.outline.code.push(child.byte_range());
                    self.push_block(
                        child.byte_range(),
                        BlockKind::Code,
                        quoted,
                        String::new(),
                        child.byte_range(),
                    );
                }
                "html_block" => {
                    let text = self.source(child.byte_range()).trim().to_string();
                    self.push_block(
                        child.byte_range(),
                        BlockKind::Html,
                        quoted,
                        text,
                        child.byte_range(),
                    );
                }
                "thematic_break" => self.push_block(
                    child.byte_range(),
                    BlockKind::ThematicBreak,
                    quoted,
                    String::new(),
                    child.byte_range(),
                ),
                "link_reference_definition" => self.push_block(
                    child.byte_range(),
                    BlockKind::LinkDefinition,
                    quoted,
                    String::new(),
                    child.byte_range(),
                ),
                _ => {}
            }
        }
    }

    fn visit_list(&mut self, list: Node, depth: usize, quoted: bool) {
        let mut cursor = list.walk();
        let items: Vec<Node> = list
            .children(&mut cursor)
            .filter(|n| n.kind() == "list_item")
            .collect();
        for item in items {
            self.reusing(item, depth, quoted, |builder| {
                builder.list_item(item, depth, quoted);
                None
            });
        }
    }

    fn list_item(&mut self, item: Node, depth: usize, quoted: bool) {
        let mut marker = None;
        let mut checked = None;
        let mut paragraphs = Vec::new();
        let mut nested = Vec::new();
        let mut item_cursor = item.walk();
        for child in item.children(&mut item_cursor) {
            match child.kind() {
                kind if kind.starts_with("list_marker") => marker = Some(child),
                "task_list_marker_checked" => checked = Some(true),
                "task_list_marker_unchecked" => checked = Some(false),
                "paragraph" => paragraphs.push(child),
                _ => nested.push(child),
            }
        }
        let marker_range = marker.map_or(item.start_byte()..item.start_byte(), |m| {
            let range = m.byte_range();
            let trimmed = self.source(range.clone()).trim_end().len();
            range.start..range.start + trimmed
        });
        let ordered = marker
            .is_some_and(|m| matches!(m.kind(), "list_marker_dot" | "list_marker_parenthesis"));
        let mut text = String::new();
        let mut text_range = marker_range.end..marker_range.end;
        let inlines: Vec<Node> = paragraphs
            .iter()
            .filter_map(|paragraph| {
                let mut cursor = paragraph.walk();
                let inline = paragraph
                    .children(&mut cursor)
                    .find(|c| c.kind() == "inline");
                inline
            })
            .collect();
        for (i, inline) in inlines.iter().enumerate() {
            let (part, range) = self.inline_of(*inline);
            if i == 0 {
                text_range = range.clone();
            } else {
                text.push(' ');
            }
            text_range.end = range.end;
            text.push_str(&part);
        }
        let item_range = trim_end_range(self.text, item.byte_range());
        self.push_block(
            item_range,
            BlockKind::ListItem(ListItem {
                marker_range,
                ordered,
                checked,
                depth,
            }),
            quoted,
            text,
            text_range,
        );
        for child in nested {
            match child.kind() {
                "list" => self.visit_list(child, depth + 1, quoted),
                // Code blocks, quotes and tables inside an item.
                _ => self.visit_single(child, depth + 1, quoted),
            }
        }
    }

    fn visit_single(&mut self, node: Node, depth: usize, quoted: bool) {
        match node.kind() {
            "fenced_code_block" | "indented_code_block" => {
                self.outline.code.push(node.byte_range());
                self.push_block(
                    node.byte_range(),
                    BlockKind::Code,
                    quoted,
                    String::new(),
                    node.byte_range(),
                );
            }
            "block_quote" => self.visit(node, depth, true),
            "pipe_table" => self.table(node, quoted),
            "html_block" => {
                let text = self.source(node.byte_range()).trim().to_string();
                self.push_block(
                    node.byte_range(),
                    BlockKind::Html,
                    quoted,
                    text,
                    node.byte_range(),
                );
            }
            _ => {}
        }
    }

    fn push_block(
        &mut self,
        range: Range<usize>,
        kind: BlockKind,
        quoted: bool,
        text: String,
        text_range: Range<usize>,
    ) {
        self.outline.blocks.push(Block {
            range,
            kind,
            heading: self.heading,
            quoted,
            text,
            text_range,
        });
    }

    fn front_matter(&mut self, node: Node) {
        let range = node.byte_range();
        let mut fields = Vec::new();
        let mut offset = range.start;
        for line in self.source(range.clone()).split_inclusive('\n') {
            let content = line.trim_end_matches(['\n', '\r']);
            if let Some((key, value)) = content.split_once(':') {
                let key = key.trim();
                if !key.is_empty() && !key.starts_with('#') && !key.starts_with('-') {
                    let value = value
                        .trim()
                        .trim_matches(|c| c == '"' || c == '\'')
                        .to_string();
                    fields.push((key.to_string(), value, offset..offset + content.len()));
                }
            }
            offset += line.len();
        }
        self.outline.front_matter = Some(FrontMatter { range, fields });
    }

    fn heading_node(&mut self, node: Node) {
        let mut cursor = node.walk();
        let mut level = 1u8;
        let mut content = None;
        for child in node.children(&mut cursor) {
            match child.kind() {
                "atx_h1_marker" | "setext_h1_underline" => level = 1,
                "atx_h2_marker" | "setext_h2_underline" => level = 2,
                "atx_h3_marker" => level = 3,
                "atx_h4_marker" => level = 4,
                "atx_h5_marker" => level = 5,
                "atx_h6_marker" => level = 6,
                "inline" => content = Some(child),
                "paragraph" => {
                    let mut inner = child.walk();
                    content = child.children(&mut inner).find(|c| c.kind() == "inline");
                }
                _ => {}
            }
        }
        let (text, text_range) = match content {
            Some(inline) => self.inline_of(inline),
            None => (String::new(), node.start_byte()..node.start_byte()),
        };
        // An ATX heading's closing `#`s are not part of its text.
        let text = text.trim_end_matches('#').trim_end().to_string();
        let range = trim_end_range(self.text, node.byte_range());
        self.outline.headings.push(Heading {
            level,
            range,
            text,
            text_range,
        });
        self.heading = Some(self.outline.headings.len() - 1);
    }

    fn paragraph(&mut self, node: Node, quoted: bool) {
        let mut cursor = node.walk();
        let inline = node.children(&mut cursor).find(|c| c.kind() == "inline");
        if let Some(inline) = inline {
            let (text, text_range) = self.inline_of(inline);
            let range = trim_end_range(self.text, node.byte_range());
            self.push_block(range, BlockKind::Paragraph, quoted, text, text_range);
        }
    }

    fn table(&mut self, node: Node, quoted: bool) {
        let mut cursor = node.walk();
        let mut header = None;
        let mut rows = Vec::new();
        let children: Vec<Node> = node.children(&mut cursor).collect();
        for child in children {
            match child.kind() {
                "pipe_table_header" => header = Some(self.row(child)),
                "pipe_table_row" => {
                    let row = self.reusing(child, 0, quoted, |builder| Some(builder.row(child)));
                    rows.extend(row);
                }
                _ => {}
            }
        }
        let header = header.unwrap_or(Row {
            range: node.start_byte()..node.start_byte(),
            cells: Vec::new(),
        });
        let range = trim_end_range(self.text, node.byte_range());
        let text_range = range.clone();
        self.push_block(
            range,
            BlockKind::Table(Table { header, rows }),
            quoted,
            String::new(),
            text_range,
        );
    }

    fn row(&mut self, node: Node) -> Row {
        let mut cursor = node.walk();
        let cells: Vec<Node> = node
            .children(&mut cursor)
            .filter(|c| c.kind() == "pipe_table_cell")
            .collect();
        let cells = cells
            .into_iter()
            .map(|cell| {
                self.inline_content(cell);
                let range = cell.byte_range();
                let text = self.source(range.clone()).trim().to_string();
                Cell { range, text }
            })
            .collect();
        Row {
            range: trim_end_range(self.text, node.byte_range()),
            cells,
        }
    }

    /// The text of an inline node (lines trimmed and joined with a space), and its range;
    /// records its inline content in the outline.
    fn inline_of(&mut self, inline: Node) -> (String, Range<usize>) {
        self.inline_content(inline);
        let range = inline.byte_range();
        let source = self.source(range.clone());
        let mut text = String::with_capacity(source.len());
        for (i, line) in source.lines().enumerate() {
            let line = if i == 0 {
                line.trim()
            } else {
                strip_quote_markers(line).trim()
            };
            if line.is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(line);
        }
        (text, range)
    }

    /// Parses (or reuses) the inline content of one inline-bearing node and adds it to the
    /// outline.
    fn inline_content(&mut self, node: Node) {
        let range = node.byte_range();
        // The inline grammar sees the node's text minus its named children (the block
        // continuation markers of wrapped and quoted lines), as tree-sitter-md does it.
        let mut included = Vec::new();
        let mut start = range.start;
        let mut start_point = node.start_position();
        // Most blocks have no continuation markers; the block grammar gives inline nodes
        // many anonymous punctuation children, so only walk them when there is a marker.
        let mut cursor = node.walk();
        let children = if node.named_child_count() > 0 {
            node.named_children(&mut cursor).collect()
        } else {
            Vec::new()
        };
        for child in children {
            included.push(tree_sitter::Range {
                start_byte: start,
                end_byte: child.start_byte(),
                start_point,
                end_point: child.start_position(),
            });
            start = child.end_byte();
            start_point = child.end_position();
        }
        included.push(tree_sitter::Range {
            start_byte: start,
            end_byte: range.end,
            start_point,
            end_point: node.end_position(),
        });
        let markup = Markup::count(
            self.text.as_bytes(),
            included.iter().map(|r| r.start_byte..r.end_byte),
        );
        let skip = if !markup.fits_one_block() {
            Some(SkipReason::BlockTooComplex)
        } else if !self.budget.spend(markup.units()) {
            Some(SkipReason::NoteBudgetSpent)
        } else {
            None
        };
        if let Some(why) = skip {
            // Read as plain text: what our own scan finds, nothing of the grammar's. Not
            // cached: the scan is linear, and the same text may be parsed elsewhere.
            let mut content = InlineContent::default();
            content.scan_text(self.source(range.clone()));
            self.stats.parsed += 1;
            self.outline.skipped.push(SkippedInline {
                range: range.clone(),
                markup,
                why,
            });
            self.add_inline(&content.shifted(range.start));
            return;
        }
        let mut key = Vec::with_capacity(range.len() + included.len() * 16);
        for r in &included {
            key.extend_from_slice(&(r.start_byte - range.start).to_le_bytes());
            key.extend_from_slice(&(r.end_byte - range.start).to_le_bytes());
        }
        key.push(0xff);
        key.extend_from_slice(&self.text.as_bytes()[range.clone()]);
        let content = if let Some(content) = self.new_cache.get(&key) {
            self.stats.reused += 1;
            content.clone()
        } else if let Some(content) = self.old_cache.remove(&key) {
            self.stats.reused += 1;
            self.new_cache.insert(key, content.clone());
            content
        } else {
            self.stats.parsed += 1;
            let content = Arc::new(self.parse_inline(&included, range.clone()));
            self.new_cache.insert(key, content.clone());
            content
        };
        self.add_inline(&content.shifted(range.start));
    }

    /// Adds one block's inline content, with absolute ranges, to the outline.
    fn add_inline(&mut self, content: &InlineContent) {
        self.outline.code.extend(content.code_spans.iter().cloned());
        self.outline.strong.extend(content.strong.iter().cloned());
        self.outline.links.extend(
            content
                .links
                .iter()
                .map(|(link, destination)| MarkdownLink {
                    range: link.clone(),
                    destination: self.text.get(destination.clone()).unwrap_or("").to_string(),
                }),
        );
        self.outline
            .wikilinks
            .extend(content.wikilinks.iter().cloned());
        self.outline.tags.extend(content.tags.iter().cloned());
        self.outline.dates.extend(content.dates.iter().cloned());
    }

    fn parse_inline(&self, included: &[tree_sitter::Range], range: Range<usize>) -> InlineContent {
        let bytes = self.text.as_bytes();
        let tree = with_parsers(|parsers| {
            if parsers.inline.set_included_ranges(included).is_err() {
                return None;
            }
            let tree = parsers.inline.parse(bytes, None);
            let _ = parsers.inline.set_included_ranges(&[]);
            tree
        });
        let mut content = match tree {
            Some(tree) => InlineContent::from_tree(tree.root_node(), range.start),
            None => InlineContent::default(),
        };
        content.scan_text(self.text.get(range).unwrap_or(""));
        content
    }
}

/// Drops the block-quote markers (`> `) at the start of a continuation line.
fn strip_quote_markers(line: &str) -> &str {
    let mut rest = line.trim_start();
    while let Some(stripped) = rest.strip_prefix('>') {
        rest = stripped.trim_start();
    }
    rest
}

/// `range` without trailing line breaks and spaces.
fn trim_end_range(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = text.get(range.clone()).unwrap_or("");
    range.start..range.start + slice.trim_end().len()
}

#[cfg(test)]
mod tests;
