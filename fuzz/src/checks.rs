//! Checks on what the server answers: byte ranges inside the text they point into and on
//! character boundaries, and edits that apply.

use std::ops::Range;
use std::path::Path;

use career_lsp::features::{Action, Change, Location};
use career_lsp::rules::Edit;
use career_lsp::workspace::Snapshot;

/// Panics unless `range` lies inside `text`, in order, on character boundaries.
pub fn assert_range(text: &str, range: &Range<usize>, what: &str) {
    assert!(
        range.start <= range.end && range.end <= text.len(),
        "{what}: range {range:?} is not inside the text (0..{})",
        text.len()
    );
    assert!(
        text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
        "{what}: range {range:?} splits a character"
    );
}

/// Whether `at` falls between the `\r` and the `\n` of a line break.
pub fn splits_crlf(text: &str, at: usize) -> bool {
    at > 0 && text[..at].ends_with('\r') && text[at..].starts_with('\n')
}

/// `text` with `edits` applied, as a client applies the edits of one document: all ranges
/// into the original text, sorted by start, none overlapping (two inserts at one place
/// apply in order), none splitting a character or a `\r\n`. Panics on any violation.
pub fn apply_edits(text: &str, edits: &[Edit], what: &str) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|edit| (edit.range.start, edit.range.end));
    for edit in &sorted {
        assert_range(text, &edit.range, what);
        assert!(
            !splits_crlf(text, edit.range.start) && !splits_crlf(text, edit.range.end),
            "{what}: edit {:?} falls inside a \\r\\n",
            edit.range
        );
    }
    for pair in sorted.windows(2) {
        let (a, b) = (&pair[0].range, &pair[1].range);
        assert!(
            a.end <= b.start && !(a == b && !a.is_empty()),
            "{what}: edits {a:?} and {b:?} overlap"
        );
    }
    let mut result = String::with_capacity(text.len());
    let mut at = 0;
    for edit in sorted {
        result.push_str(&text[at..edit.range.start]);
        result.push_str(&edit.text);
        at = edit.range.end;
    }
    result.push_str(&text[at..]);
    result
}

/// The text an edit of `path` is computed against: a note of the snapshot, or its root's
/// `career-lsp.toml`.
pub fn edited_text<'a>(snapshot: &'a Snapshot, path: &Path) -> Option<&'a str> {
    if let Some(document) = snapshot.document_for(path) {
        return Some(&document.text);
    }
    if snapshot.config_path().as_deref() == Some(path) {
        return snapshot.config_text();
    }
    None
}

/// Every change of a code action applies: its edits to notes the snapshot holds (or the
/// root's configuration file), its new notes to paths that hold no note, and never both to
/// one path.
pub fn check_action(snapshot: &Snapshot, action: &Action) {
    let what = format!("action \"{}\"", action.title);
    for change in &action.changes {
        match change {
            Change::Edit { path, edits } => {
                let text = edited_text(snapshot, path).unwrap_or_else(|| {
                    panic!(
                        "{what} edits {}, which the workspace does not hold",
                        path.display()
                    )
                });
                apply_edits(text, edits, &what);
            }
            Change::Create { path, .. } => {
                assert!(
                    snapshot.document_for(path).is_none(),
                    "{what} creates {}, which exists",
                    path.display()
                );
                assert!(
                    !action
                        .changes
                        .iter()
                        .any(|c| matches!(c, Change::Edit { path: edited, .. } if edited == path)),
                    "{what} both creates and edits {}",
                    path.display()
                );
            }
        }
    }
    if let Some((code, range)) = &action.fixes {
        assert_range(snapshot.text(), range, &format!("{what} fixing {code}"));
    }
}

/// A location inside a note the snapshot holds.
pub fn check_location(snapshot: &Snapshot, location: &Location, what: &str) {
    let document = snapshot.document_for(&location.path).unwrap_or_else(|| {
        panic!(
            "{what} points into {}, which the workspace does not hold",
            location.path.display()
        )
    });
    assert_range(&document.text, &location.range, what);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(range: Range<usize>, text: &str) -> Edit {
        Edit {
            range,
            text: text.to_string(),
        }
    }

    #[test]
    fn edits_apply_in_order_of_their_ranges() {
        let edits = [
            edit(4..4, "a"),
            edit(0..1, "X"),
            edit(4..4, "b"),
            edit(5..6, ""),
        ];
        assert_eq!(apply_edits("0123456", &edits, "t"), "X123ab46");
    }

    #[test]
    #[should_panic(expected = "overlap")]
    fn overlapping_edits_are_refused() {
        apply_edits("0123", &[edit(0..2, ""), edit(1..3, "")], "t");
    }

    #[test]
    #[should_panic(expected = "splits a character")]
    fn an_edit_inside_a_character_is_refused() {
        apply_edits("é", &[edit(1..1, "x")], "t");
    }

    #[test]
    #[should_panic(expected = "inside a \\r\\n")]
    fn an_edit_inside_a_line_break_is_refused() {
        apply_edits("a\r\nb", &[edit(2..2, "x")], "t");
    }
}
