//! What the outline builder made of one block — a paragraph, a list item, a table or a
//! table row — kept between parses and reused when the block's text is unchanged, wherever
//! the block has moved. An edit then rebuilds the blocks it touched, not the whole note.
//!
//! A fragment's ranges are relative to the start of its block. Everything the builder adds
//! for a block depends only on the block's text, its list depth and whether it is quoted —
//! the key — except the heading it falls under, which is set again on reuse. A block that
//! adds a heading of its own (a quoted heading inside a list item) is never kept.
//!
//! The complexity budget (`budget.rs`) is spent block after block, so a fragment also
//! records what it spent, and is reused only where that much is left and none of its
//! content was skipped for want of budget — where building it afresh would decide the same.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use super::budget::Budget;
use super::outline::{
    Block, BlockKind, Cell, DateMention, ListItem, MarkdownLink, Outline, Row, SkipReason,
    SkippedInline, Table, Tag, WikiLink,
};
use super::InlineStats;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct FragmentKey {
    hash: u64,
    len: usize,
    kind: u16,
    depth: usize,
    quoted: bool,
}

impl FragmentKey {
    pub(super) fn new(source: &str, kind: u16, depth: usize, quoted: bool) -> FragmentKey {
        FragmentKey {
            hash: hash(source.as_bytes()),
            len: source.len(),
            kind,
            depth,
            quoted,
        }
    }
}

#[derive(Debug, Default)]
pub(super) struct Fragment {
    /// The block's text: a reuse checks it, so a hash collision cannot mislead.
    source: Box<str>,
    blocks: Vec<Block>,
    wikilinks: Vec<WikiLink>,
    links: Vec<MarkdownLink>,
    tags: Vec<Tag>,
    dates: Vec<DateMention>,
    code: Vec<Range<usize>>,
    strong: Vec<Range<usize>>,
    skipped: Vec<SkippedInline>,
    /// A table row's own value.
    pub row: Option<Row>,
    /// How many inline nodes the block holds.
    inline_nodes: usize,
    /// What parsing its inline content spent of the note's budget.
    units: u64,
}

pub(super) type Fragments = HashMap<FragmentKey, Arc<Fragment>>;

/// Where the outline stood before a block was built.
#[derive(Debug, Clone, Copy)]
pub(super) struct Marks {
    headings: usize,
    blocks: usize,
    wikilinks: usize,
    links: usize,
    tags: usize,
    dates: usize,
    code: usize,
    strong: usize,
    skipped: usize,
    inline_nodes: usize,
    budget_left: u64,
}

impl Marks {
    pub(super) fn of(outline: &Outline, stats: InlineStats, budget: Budget) -> Marks {
        Marks {
            headings: outline.headings.len(),
            blocks: outline.blocks.len(),
            wikilinks: outline.wikilinks.len(),
            links: outline.links.len(),
            tags: outline.tags.len(),
            dates: outline.dates.len(),
            code: outline.code.len(),
            strong: outline.strong.len(),
            skipped: outline.skipped.len(),
            inline_nodes: stats.parsed + stats.reused,
            budget_left: budget.left(),
        }
    }
}

impl Fragment {
    /// What was added to `outline` since `marks` for the block at `start` with `source`;
    /// `None` when the block added a heading, or when the budget ran out in it (what it
    /// holds then depends on the blocks before it).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn since(
        outline: &Outline,
        stats: InlineStats,
        budget: Budget,
        marks: &Marks,
        start: usize,
        source: &str,
        row: Option<&Row>,
    ) -> Option<Fragment> {
        if outline.headings.len() != marks.headings {
            return None;
        }
        let skipped = &outline.skipped[marks.skipped..];
        if skipped.iter().any(|s| s.why == SkipReason::NoteBudgetSpent) {
            return None;
        }
        let to_relative = |r: &Range<usize>| moved(r, start, 0);
        Some(Fragment {
            source: source.into(),
            blocks: outline.blocks[marks.blocks..]
                .iter()
                .map(|b| moved_block(b, start, 0))
                .collect(),
            wikilinks: outline.wikilinks[marks.wikilinks..]
                .iter()
                .map(|l| WikiLink {
                    range: to_relative(&l.range),
                    ..l.clone()
                })
                .collect(),
            links: outline.links[marks.links..]
                .iter()
                .map(|l| MarkdownLink {
                    range: to_relative(&l.range),
                    destination: l.destination.clone(),
                })
                .collect(),
            tags: outline.tags[marks.tags..]
                .iter()
                .map(|t| Tag {
                    range: to_relative(&t.range),
                    name: t.name.clone(),
                })
                .collect(),
            dates: outline.dates[marks.dates..]
                .iter()
                .map(|d| DateMention {
                    range: to_relative(&d.range),
                    value: d.value,
                })
                .collect(),
            code: outline.code[marks.code..].iter().map(to_relative).collect(),
            strong: outline.strong[marks.strong..]
                .iter()
                .map(to_relative)
                .collect(),
            skipped: skipped
                .iter()
                .map(|s| SkippedInline {
                    range: to_relative(&s.range),
                    ..s.clone()
                })
                .collect(),
            row: row.map(|r| moved_row(r, start, 0)),
            inline_nodes: stats.parsed + stats.reused - marks.inline_nodes,
            units: marks.budget_left - budget.left(),
        })
    }

    /// Whether building the block afresh with `budget` left would parse what the fragment
    /// parsed.
    pub(super) fn fits(&self, budget: Budget) -> bool {
        self.units <= budget.left()
    }

    /// Whether the fragment was made from `source`.
    pub(super) fn is_of(&self, source: &str) -> bool {
        *self.source == *source
    }

    /// Adds the fragment to `outline` for its block now at `start`, under `heading`;
    /// returns the row it holds (moved), counts its inline nodes as reused and spends what
    /// it spent when it was built.
    pub(super) fn apply(
        &self,
        outline: &mut Outline,
        stats: &mut InlineStats,
        budget: &mut Budget,
        start: usize,
        heading: Option<usize>,
    ) -> Option<Row> {
        let to_absolute = |r: &Range<usize>| moved(r, 0, start);
        outline.blocks.extend(self.blocks.iter().map(|b| Block {
            heading,
            ..moved_block(b, 0, start)
        }));
        outline
            .wikilinks
            .extend(self.wikilinks.iter().map(|l| WikiLink {
                range: to_absolute(&l.range),
                ..l.clone()
            }));
        outline
            .links
            .extend(self.links.iter().map(|l| MarkdownLink {
                range: to_absolute(&l.range),
                destination: l.destination.clone(),
            }));
        outline.tags.extend(self.tags.iter().map(|t| Tag {
            range: to_absolute(&t.range),
            name: t.name.clone(),
        }));
        outline.dates.extend(self.dates.iter().map(|d| DateMention {
            range: to_absolute(&d.range),
            value: d.value,
        }));
        outline.code.extend(self.code.iter().map(to_absolute));
        outline.strong.extend(self.strong.iter().map(to_absolute));
        outline
            .skipped
            .extend(self.skipped.iter().map(|s| SkippedInline {
                range: to_absolute(&s.range),
                ..s.clone()
            }));
        stats.reused += self.inline_nodes;
        let spent = budget.spend(self.units);
        debug_assert!(spent, "a fragment is applied only where it fits");
        self.row.as_ref().map(|r| moved_row(r, 0, start))
    }
}

fn moved(range: &Range<usize>, from: usize, to: usize) -> Range<usize> {
    range.start - from + to..range.end - from + to
}

fn moved_row(row: &Row, from: usize, to: usize) -> Row {
    Row {
        range: moved(&row.range, from, to),
        cells: row
            .cells
            .iter()
            .map(|cell| Cell {
                range: moved(&cell.range, from, to),
                text: cell.text.clone(),
            })
            .collect(),
    }
}

fn moved_block(block: &Block, from: usize, to: usize) -> Block {
    let kind = match &block.kind {
        BlockKind::ListItem(item) => BlockKind::ListItem(ListItem {
            marker_range: moved(&item.marker_range, from, to),
            ..item.clone()
        }),
        BlockKind::Table(table) => BlockKind::Table(Table {
            header: moved_row(&table.header, from, to),
            rows: table.rows.iter().map(|r| moved_row(r, from, to)).collect(),
        }),
        other => other.clone(),
    };
    Block {
        range: moved(&block.range, from, to),
        kind,
        heading: block.heading,
        quoted: block.quoted,
        text: block.text.clone(),
        text_range: moved(&block.text_range, from, to),
    }
}

/// A fast 64-bit hash of a block's text (FxHash's mixing, eight bytes at a time).
fn hash(bytes: &[u8]) -> u64 {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mix = |h: u64, word: u64| (h.rotate_left(5) ^ word).wrapping_mul(SEED);
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        h = mix(
            h,
            u64::from_le_bytes(chunk.try_into().expect("eight bytes")),
        );
    }
    let mut last = [0u8; 8];
    last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    mix(h, u64::from_le_bytes(last))
}
