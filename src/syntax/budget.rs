//! The complexity budget: how much inline markup tree-sitter-md's inline grammar is given
//! to parse, per block and per note.
//!
//! The inline grammar's cost grows faster than the text on some shapes: markup that opens
//! and never closes (`![![![…`, `***a***a…`, `~~a~~a…`) keeps many parse versions alive and
//! compares whole subtrees between them, so 64 KB of `***a` takes a minute and 256 KB of
//! `![` more than a gigabyte. Normal prose costs little, and links, images and emphasis
//! cost in proportion to how many there are. So each block's markup is counted first, in
//! one pass ([`Markup::count`]), and turned into a cost ([`Markup::units`]) that grows as
//! the parse does: a block with more than [`MAX_BLOCK_MARKS`] marks, or whose cost the
//! note can no longer pay ([`Budget`]), is not given to the grammar and is read as plain
//! text — its wikilinks, tags and dates are still found, its Markdown links, images, bold
//! text and code spans are not. The outline lists what was read that way
//! ([`SkippedInline`](super::SkippedInline)).
//!
//! The decisions depend on the text alone, block after block in the order of the note, so
//! an incremental re-parse decides exactly as a full parse does.

use std::ops::Range;

/// The most brackets and emphasis delimiters (`[`, `]`, `*`, `_`, `~`) one block's inline
/// content may hold and still be parsed: far above any paragraph a person writes (500
/// links), and low enough that the worst shape below it parses in a fraction of a second.
/// These are the marks whose cost grows faster than their number.
pub const MAX_BLOCK_DELIMITERS: usize = 2_000;

/// The most punctuation characters of any kind one block may hold and still be parsed.
/// Every one is a node of the inline tree, so this bounds the tree's memory: a pasted
/// export of 70 KB fits.
pub const MAX_BLOCK_MARKS: usize = 20_000;

/// What a note may spend on inline parsing whatever its size, in [`Markup::units`].
const NOTE_BASE_UNITS: u64 = 100_000;

/// What a note may spend on top of [`NOTE_BASE_UNITS`]: one unit per this many bytes of
/// its text. Prose with a link or bold phrase per sentence costs a fifth of a unit a byte.
const BYTES_PER_UNIT: u64 = 2;

/// The cost of one image opening (`![`) beside the marks it is made of: the inline
/// grammar spends several times more on an image than on a link.
const IMAGE_UNITS: u64 = 48;

/// The most block markup a note may hold and still be read to its end by the block
/// grammar, in [`block_units`]. Every unit is a node or more of the block tree, which costs
/// about a kilobyte of memory a line: 2 MB of `-` lines (a million empty list items) would
/// take more than a gigabyte. A note of 2 MB written by a person holds a tenth of this.
pub const MAX_NOTE_BLOCK_UNITS: usize = 500_000;

/// Where the block grammar stops reading `text`: the start of the line on which its block
/// markup passes [`MAX_NOTE_BLOCK_UNITS`], or `None` when it reads it all. Block markup is
/// line breaks, `|`, `>`, list markers (`-`, `*` or `+` before a space or a line break, a
/// digit's `.` or `)`) and heading markers (`#` before a space, `#` or a line break) — at
/// most one unit a byte, so a note of that many bytes or fewer is always read whole.
pub fn block_cut(text: &[u8]) -> Option<usize> {
    if text.len() <= MAX_NOTE_BLOCK_UNITS {
        return None;
    }
    let mut units = 0usize;
    let mut line_start = 0usize;
    for (i, &byte) in text.iter().enumerate() {
        let next = text.get(i + 1).copied();
        let before_space = matches!(next, None | Some(b' ' | b'\t' | b'\n' | b'\r'));
        let unit = match byte {
            b'\n' | b'|' | b'>' => true,
            b'-' | b'*' | b'+' => before_space,
            b'#' => before_space || next == Some(b'#'),
            b'.' | b')' => i > 0 && text[i - 1].is_ascii_digit(),
            _ => false,
        };
        if unit {
            units += 1;
            if units > MAX_NOTE_BLOCK_UNITS {
                return Some(line_start);
            }
        }
        if byte == b'\n' {
            line_start = i + 1;
        }
    }
    None
}

/// A block's inline markup, counted in one pass over its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Markup {
    /// ASCII punctuation characters: every one is a token, and a node, of the inline
    /// grammar.
    pub marks: usize,
    /// Of those, brackets and emphasis delimiters: `[`, `]`, `*`, `_`, `~`.
    pub delimiters: usize,
    /// Image openings: `![`.
    pub images: usize,
    /// `[` that no later `]` closes.
    pub unclosed_brackets: usize,
    /// `[` and `]`.
    pub brackets: usize,
    /// The most frequent emphasis delimiter (`*`, `_` or `~`) and how often it occurs.
    pub most_frequent_emphasis: Option<(char, usize)>,
}

impl Markup {
    /// Counts the markup of `text` within `ranges` (absolute byte ranges of `text`, in
    /// order: a block's content without the quote markers of its lines).
    pub fn count(text: &[u8], ranges: impl IntoIterator<Item = Range<usize>>) -> Markup {
        let mut markup = Markup::default();
        let (mut stars, mut underscores, mut tildes) = (0, 0, 0);
        let mut depth = 0usize;
        let mut previous = 0u8;
        for range in ranges {
            let Some(bytes) = text.get(range) else {
                continue;
            };
            for &byte in bytes {
                if byte.is_ascii_punctuation() {
                    markup.marks += 1;
                    match byte {
                        b'[' => {
                            markup.brackets += 1;
                            depth += 1;
                            if previous == b'!' {
                                markup.images += 1;
                            }
                        }
                        b']' => {
                            markup.brackets += 1;
                            depth = depth.saturating_sub(1);
                        }
                        b'*' => stars += 1,
                        b'_' => underscores += 1,
                        b'~' => tildes += 1,
                        _ => {}
                    }
                }
                previous = byte;
            }
        }
        markup.unclosed_brackets = depth;
        markup.delimiters = markup.brackets + stars + underscores + tildes;
        // The first of equals, in this order.
        markup.most_frequent_emphasis = [('*', stars), ('_', underscores), ('~', tildes)]
            .into_iter()
            .filter(|&(_, count)| count > 0)
            .fold(
                None,
                |best: Option<(char, usize)>, (mark, count)| match best {
                    Some((_, most)) if most >= count => best,
                    _ => Some((mark, count)),
                },
            );
        markup
    }

    /// Whether one block may hold this much markup at all.
    pub fn fits_one_block(&self) -> bool {
        self.delimiters <= MAX_BLOCK_DELIMITERS && self.marks <= MAX_BLOCK_MARKS
    }

    /// What parsing the block costs, in units of about what one link's mark costs: the
    /// marks, a term growing with the square of the delimiters (the grammar's cost on
    /// emphasis and brackets that do not close), and images at their own price.
    pub fn units(&self) -> u64 {
        let delimiters = self.delimiters as u64;
        self.marks as u64 + delimiters * delimiters / 256 + IMAGE_UNITS * self.images as u64
    }
}

/// What is left of a note's budget for inline parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    left: u64,
}

impl Budget {
    /// The budget of a note of `len` bytes.
    pub fn for_note(len: usize) -> Budget {
        Budget {
            left: NOTE_BASE_UNITS + len as u64 / BYTES_PER_UNIT,
        }
    }

    pub fn left(&self) -> u64 {
        self.left
    }

    /// Spends `units` when they are left; says whether they were.
    pub fn spend(&mut self, units: u64) -> bool {
        match self.left.checked_sub(units) {
            Some(left) => {
                self.left = left;
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(text: &str) -> Markup {
        Markup::count(text.as_bytes(), std::iter::once(0..text.len()))
    }

    #[test]
    fn counts_marks_delimiters_images_and_unclosed_brackets() {
        let markup = count("See ![chart](c.png) and [[Career]] [open, **bold** _x_");
        assert_eq!(markup.marks, 18);
        assert_eq!(markup.delimiters, 13);
        assert_eq!(markup.brackets, 7);
        assert_eq!(markup.images, 1);
        assert_eq!(markup.unclosed_brackets, 1);
        assert_eq!(markup.most_frequent_emphasis, Some(('*', 4)));
        let markup = count(&"![".repeat(1000));
        assert_eq!(
            (
                markup.marks,
                markup.delimiters,
                markup.images,
                markup.unclosed_brackets
            ),
            (2000, 1000, 1000, 1000)
        );
        assert!(markup.fits_one_block());
        assert!(!count(&"[".repeat(2001)).fits_one_block());
        // Punctuation that opens nothing is cheaper: more of it fits.
        assert!(count(&"{\"a\":1},".repeat(2_000)).fits_one_block());
        assert!(!count(&"{\"a\":1},".repeat(3_500)).fits_one_block());
    }

    #[test]
    fn only_the_given_ranges_count() {
        let text = "> [a\n> b]";
        let markup = Markup::count(text.as_bytes(), [2..5, 7..9]);
        assert_eq!(markup.marks, 2);
        assert_eq!(markup.unclosed_brackets, 0);
    }

    #[test]
    fn prose_costs_little_and_unclosed_markup_much() {
        let prose = "We shipped [the dashboard](https://example.com/a) to **40 teams**, \
                     see [[Career Index]] #growth.\n"
            .repeat(20);
        let prose = count(&prose);
        assert!(prose.units() < prose.marks as u64 * 3, "{prose:?}");
        let stars = count(&"***a".repeat(500));
        assert!(stars.units() > stars.marks as u64 * 6, "{stars:?}");
    }

    #[test]
    fn the_block_grammar_stops_at_the_line_where_block_markup_runs_over() {
        // Short notes are read whole, whatever they hold.
        assert_eq!(block_cut("-\n".repeat(200_000).as_bytes()), None);
        // A million empty list items: read up to the line that passes the limit.
        let items = "-\n".repeat(1_000_000);
        assert_eq!(
            block_cut(items.as_bytes()),
            Some(MAX_NOTE_BLOCK_UNITS / 2 * 2)
        );
        let numbered = "1.\n".repeat(400_000);
        assert_eq!(
            block_cut(numbered.as_bytes()),
            Some(MAX_NOTE_BLOCK_UNITS / 2 * 3)
        );
        // Prose with hyphens, dates, tags, URLs and numbers is not block markup.
        let prose =
            "A long-term plan from 2026-03-15 #growth, see https://example.com/a.b (v2.0).\n"
                .repeat(25_000);
        assert!(prose.len() > 1_900_000);
        assert_eq!(block_cut(prose.as_bytes()), None);
        // A table of 2 MB fits.
        let table = "| G1 | Ship it | 10 teams | In progress | Role |\n".repeat(40_000);
        assert!(table.len() > 1_900_000);
        assert_eq!(block_cut(table.as_bytes()), None);
        // One line of a million `|` is not read at all.
        let row = format!("# Career\n\n{}\n", "|".repeat(1_000_000));
        assert_eq!(block_cut(row.as_bytes()), Some(10));
    }

    #[test]
    fn a_budget_spends_only_what_is_left() {
        let mut budget = Budget::for_note(0);
        assert!(budget.spend(NOTE_BASE_UNITS - 1));
        assert!(!budget.spend(2));
        assert!(budget.spend(1));
        assert_eq!(budget.left(), 0);
        assert_eq!(
            Budget::for_note(2_000_000).left(),
            NOTE_BASE_UNITS + 1_000_000
        );
    }
}
