//! Folding ranges: front matter, sections, tables, lists and list items, code blocks and
//! multi-line comments.

use std::ops::Range;

use super::symbols::trimmed;
use crate::syntax::BlockKind;
use crate::workspace::Snapshot;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoldKind {
    /// A section, table, list, list item or code block.
    Region,
    /// An HTML comment (`<!-- … -->`).
    Comment,
    /// The `---`-fenced front matter.
    FrontMatter,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fold {
    /// From the start of the first line folded to the end of the last (trailing blank
    /// lines excluded).
    pub range: Range<usize>,
    pub kind: FoldKind,
}

/// Every fold of the note that spans more than one line, in text order (outer before
/// inner when two start together). A section folds from its heading to its last
/// non-blank line; a list folds as a whole, and an item with nested items or wrapped lines
/// folds on its own.
pub fn folding_ranges(snapshot: &Snapshot) -> Vec<Fold> {
    let note = snapshot.note();
    let text = snapshot.text();
    let outline = &note.outline;
    let mut folds: Vec<Fold> = Vec::new();
    if let Some(front_matter) = &outline.front_matter {
        folds.push(Fold {
            range: trimmed(text, front_matter.range.clone()),
            kind: FoldKind::FrontMatter,
        });
    }
    for section in &note.sections {
        folds.push(Fold {
            range: trimmed(text, section.range.clone()),
            kind: FoldKind::Region,
        });
    }
    // Consecutive list items at the same depth, with nothing but white space (or quote
    // markers) between them, are one list; an item's range holds its nested items.
    let mut lists: Vec<(usize, Range<usize>)> = Vec::new();
    for block in &outline.blocks {
        match &block.kind {
            BlockKind::Table(_) | BlockKind::Code => folds.push(Fold {
                range: trimmed(text, block.range.clone()),
                kind: FoldKind::Region,
            }),
            BlockKind::Html if block.text.starts_with("<!--") => folds.push(Fold {
                range: trimmed(text, block.range.clone()),
                kind: FoldKind::Comment,
            }),
            BlockKind::ListItem(item) => {
                folds.push(Fold {
                    range: block.range.clone(),
                    kind: FoldKind::Region,
                });
                let continues = lists.iter_mut().rev().find(|(depth, list)| {
                    *depth == item.depth
                        && text
                            .get(list.end..block.range.start)
                            .is_some_and(|between| {
                                between
                                    .trim_matches(|c: char| c.is_whitespace() || c == '>')
                                    .is_empty()
                            })
                });
                match continues {
                    Some((_, list)) => list.end = block.range.end,
                    None => lists.push((item.depth, block.range.clone())),
                }
            }
            _ => {}
        }
    }
    folds.extend(lists.into_iter().map(|(_, range)| Fold {
        range,
        kind: FoldKind::Region,
    }));
    folds.retain(|fold| {
        text.get(fold.range.clone())
            .is_some_and(|folded| folded.contains('\n'))
    });
    folds.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end)));
    folds.dedup_by(|later, earlier| later.range == earlier.range);
    folds
}
