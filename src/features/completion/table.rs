//! The table cell the cursor is in, read from the lines of the table around it.

use std::ops::Range;

use super::Line;
use crate::syntax::{cell_separators, column_named, split_table_line};

/// A pipe table read from the lines around the cursor. The outline is not used for it,
/// because what is being typed is not always a table to tree-sitter-md yet: a row just
/// begun (a lone `|`) runs on into the lines below it, and a header given a new column
/// before its delimiter line is no table at all.
pub(super) struct TextTable<'a> {
    /// Where the header line starts.
    pub(super) start: usize,
    header: Vec<&'a str>,
    /// Every row below the delimiter line: where the line is, and its cells.
    pub(super) rows: Vec<(Range<usize>, Vec<&'a str>)>,
}

impl<'a> TextTable<'a> {
    /// The table whose body holds the line starting at `line_start`.
    fn around(text: &'a str, line_start: usize) -> Option<TextTable<'a>> {
        let is_table_line = |line: &str| {
            let line = line.trim();
            !line.is_empty() && line.contains('|')
        };
        let line_end = |start: usize| text[start..].find('\n').map_or(text.len(), |i| start + i);
        if !is_table_line(&text[line_start..line_end(line_start)]) {
            return None;
        }
        // Walk up to the first line of the table, then read it downwards.
        let mut start = line_start;
        while start > 0 {
            let previous = text[..start - 1].rfind('\n').map_or(0, |i| i + 1);
            if !is_table_line(&text[previous..start - 1]) {
                break;
            }
            start = previous;
        }
        let mut lines: Vec<Range<usize>> = Vec::new();
        let mut at = start;
        loop {
            let end = line_end(at);
            if !is_table_line(&text[at..end]) {
                break;
            }
            lines.push(at..end);
            if end >= text.len() {
                break;
            }
            at = end + 1;
        }
        let is_delimiter = |line: &Range<usize>| {
            let line = text[line.clone()].trim_end_matches('\r');
            line.contains('-')
                && line
                    .chars()
                    .all(|c| matches!(c, '|' | ':' | '-' | ' ' | '\t'))
        };
        // The header is the line above the delimiter row; lines above it are not the table's.
        let delimiter = (1..lines.len()).find(|&i| is_delimiter(&lines[i]))?;
        let header = &lines[delimiter - 1];
        if line_start < lines[delimiter].end {
            return None;
        }
        Some(TextTable {
            start: header.start,
            header: split_table_line(&text[header.clone()]),
            rows: lines[delimiter + 1..]
                .iter()
                .map(|line| (line.clone(), split_table_line(&text[line.clone()])))
                .collect(),
        })
    }

    /// The first column whose header is one of `names`, as the outline's tables find it.
    pub(super) fn column(&self, names: &[&str]) -> Option<usize> {
        column_named(self.header.iter().copied(), names)
    }
}

/// The table cell the cursor is in.
pub(super) struct CellAt<'a> {
    pub(super) table: TextTable<'a>,
    pub(super) column: usize,
    /// What the cell holds before the cursor, leading spaces dropped.
    pub(super) typed: &'a str,
}

impl<'a> CellAt<'a> {
    /// The cell the cursor on `line` is in, when the line is a body row of a pipe table.
    pub(super) fn at(line: &Line<'a>, text: &'a str) -> Option<CellAt<'a>> {
        let table = TextTable::around(text, line.start)?;
        let pipes: Vec<usize> = cell_separators(line.before).collect();
        let leading = line.before.trim_start().starts_with('|');
        let column = if leading {
            pipes.len().checked_sub(1)?
        } else {
            pipes.len()
        };
        let cell_start = pipes.last().map_or(0, |&i| i + 1);
        let typed = line.before[cell_start..].trim_start();
        Some(CellAt {
            table,
            column,
            typed,
        })
    }

    pub(super) fn typed_range(&self, line: &Line) -> Range<usize> {
        line.offset - self.typed.len()..line.offset
    }
}
