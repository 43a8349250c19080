//! Arbitrary bytes as a note of each kind — Career Index, Goals note, session log, profile
//! beside a Career Index, plain note — in a small vault: parsed, modelled, checked by every
//! rule, and asked every feature at positions taken from the text. Every range answered
//! must lie in its text, every fix and action must apply. The bytes are also read from
//! disk as a note, as the workspace reader reads any file: a note that is not UTF-8 is
//! skipped, one that is keeps its exact text.
//!
//! An editor holds text, so the note opened in the editor is the bytes read as UTF-8 with
//! invalid sequences replaced.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use career_lsp::features::actions::{self, Command};
use career_lsp::features::{completion, fixes, hover, inlay_hints, navigation, recognition};
use career_lsp::workspace::{Snapshot, Workspace};
use career_lsp_fuzz::checks::{
    apply_edits, assert_range, check_action, check_location, splits_crlf,
};
use career_lsp_fuzz::vault::{self, Role};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let positions = positions(&text);
    for role in Role::ALL {
        let workspace = vault::workspace_with(role, &text);
        let snapshot = workspace.snapshot(&role.path()).expect("the note is open");
        exercise(&snapshot, &positions);
        // Other notes read this one: the Career Index its links and goals, the Goals note
        // the Career Index's vision. Check the one that reads it most.
        let reader = match role {
            Role::CareerIndex => Role::Goals,
            _ => Role::CareerIndex,
        };
        check_findings(&workspace.snapshot(&reader.path()).expect("indexed"));
    }
    read_from_disk(data);
});

/// Where the features are asked: the ends of the note and places where something starts
/// (a link, a table cell, a heading, a goal ID, a date, a list item), each on a character
/// boundary and never inside a `\r\n`, as a client's position always is.
fn positions(text: &str) -> Vec<usize> {
    let mut found = vec![0, text.len(), text.len() / 2];
    for needle in ["[[", "|", "# ", "G", "- [", "20"] {
        if let Some(at) = text.rfind(needle) {
            found.push(at + needle.len());
        }
    }
    let mut positions: Vec<usize> = found
        .into_iter()
        .map(|mut at| {
            at = at.min(text.len());
            while !text.is_char_boundary(at) || splits_crlf(text, at) {
                at -= 1;
            }
            at
        })
        .collect();
    positions.sort_unstable();
    positions.dedup();
    positions
}

fn check_findings(snapshot: &Snapshot) {
    let text = snapshot.text();
    for finding in snapshot.diagnostics() {
        let what = format!("finding {} ({})", finding.code, finding.message);
        assert_range(text, &finding.range, &what);
        for fix in &finding.fixes {
            let what = format!("fix \"{}\" of {what}", fix.title);
            if !fix.edits().is_empty() {
                apply_edits(text, fix.edits(), &what);
            }
            if let Some(created) = fix.creates() {
                assert!(
                    snapshot.document_for(&created.path).is_none(),
                    "{what} creates {}, which exists",
                    created.path.display()
                );
            }
        }
    }
}

fn exercise(snapshot: &Snapshot, positions: &[usize]) {
    let text = snapshot.text();
    let whole = 0..text.len();
    check_findings(snapshot);

    for symbol in navigation::document_symbols(snapshot) {
        check_symbol(text, &symbol);
    }
    for fold in navigation::folding_ranges(snapshot) {
        assert_range(text, &fold.range, "fold");
        assert!(
            text[fold.range.clone()].contains(['\n', '\r']),
            "fold {:?} spans one line",
            fold.range
        );
    }
    let query: String = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .take(3)
        .collect();
    for (path, symbol) in navigation::workspace_symbols(snapshot, &query) {
        let document = snapshot.document_for(&path).expect("a note of the root");
        check_symbol(&document.text, &symbol);
    }

    // A selection between two of the positions, and the whole note.
    let between = positions[positions.len() / 2]..positions[positions.len() - 1];
    for range in [whole.clone(), between.clone()] {
        for hint in inlay_hints::inlay_hints(snapshot, range.clone()) {
            assert!(
                range.start <= hint.offset && hint.offset <= range.end,
                "hint at {} outside the range {range:?} asked for",
                hint.offset
            );
            assert_range(text, &(hint.offset..hint.offset), "inlay hint");
        }
        // Code actions as the server computes them: quick fixes, then the coaching actions.
        for action in fixes::quick_fixes(snapshot, range.clone())
            .iter()
            .chain(&actions::actions(snapshot, range.clone()))
            .chain(&recognition::heading_actions(snapshot, range.clone()))
        {
            check_action(snapshot, action);
        }
    }
    // Every command, at the start and in the middle of the note.
    for at in [0, between.start] {
        for command in Command::ALL {
            if let Some(action) = actions::command_action(snapshot, command, at) {
                check_action(snapshot, &action);
            }
        }
    }

    for &at in positions {
        if let Some(found) = hover::hover(snapshot, at) {
            assert_range(text, &found.range, "hover");
            let _ = hover::to_plain_text(&found.markdown);
        }
        for item in completion::complete(snapshot, at) {
            assert_range(text, &item.replace, "completion");
            assert_eq!(
                item.replace.end, at,
                "completion \"{}\" replaces {:?}, which does not end at the cursor",
                item.label, item.replace
            );
        }
        for location in navigation::definition(snapshot, at) {
            check_location(snapshot, &location, "definition");
        }
        for include in [false, true] {
            for location in navigation::references(snapshot, at, include) {
                check_location(snapshot, &location, "reference");
            }
        }
        if let Some((range, name)) = navigation::prepare_rename(snapshot, at) {
            assert_range(text, &range, "rename range");
            assert_eq!(text[range].to_string(), name, "the name to rename");
            for new_name in ["G9", &name, "x"] {
                if let Ok(changes) = navigation::rename(snapshot, at, new_name) {
                    for (path, edits) in changes {
                        let document = snapshot.document_for(&path).unwrap_or_else(|| {
                            panic!("rename edits {}, which is not held", path.display())
                        });
                        apply_edits(&document.text, &edits, "rename");
                    }
                }
            }
        }
    }
}

fn check_symbol(text: &str, symbol: &navigation::Symbol) {
    let what = format!("symbol \"{}\"", symbol.name);
    assert_range(text, &symbol.range, &what);
    assert_range(text, &symbol.selection_range, &what);
    assert!(
        symbol.range.start <= symbol.selection_range.start
            && symbol.selection_range.end <= symbol.range.end,
        "{what}: selection {:?} outside its range {:?}",
        symbol.selection_range,
        symbol.range
    );
    for child in &symbol.children {
        assert!(
            symbol.range.start <= child.range.start && child.range.end <= symbol.range.end,
            "{what} does not hold its child \"{}\"",
            child.name
        );
        check_symbol(text, child);
    }
}

/// A folder on disk with a Career Index that links to `Raw note.md`, whose bytes are the
/// input's, indexed as the server indexes a workspace folder.
fn read_from_disk(data: &[u8]) {
    static FOLDER: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, root) = FOLDER.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path().canonicalize().expect("a real path");
        std::fs::write(
            root.join("Career.md"),
            "# Career\n\n## Vision\n\nSee [[Raw note]] and [[Raw note#Goals]].\n",
        )
        .expect("written");
        (dir, root)
    });
    let path = root.join("Raw note.md");
    std::fs::write(&path, data).expect("written");
    let mut workspace = Workspace::new(vault::config());
    workspace.add_root(root.clone());
    let readable = std::str::from_utf8(data).is_ok() && !data.contains(&0);
    match workspace.document(&path) {
        Some(document) => {
            assert!(readable, "a note that is not UTF-8 text was indexed");
            assert_eq!(
                document.text.as_bytes(),
                data,
                "the note's text was altered"
            );
            check_findings(&workspace.snapshot(&path).expect("indexed"));
        }
        None => assert!(!readable, "a UTF-8 note was not indexed"),
    }
    check_findings(
        &workspace
            .snapshot(&root.join("Career.md"))
            .expect("the Career Index is indexed"),
    );
}
