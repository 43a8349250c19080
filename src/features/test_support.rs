//! Fixtures in strings for feature tests: notes with a cursor marker `$0`.

#![allow(dead_code)] // each feature uses a different part

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::workspace::{Config, Snapshot, Workspace, CONFIG_FILE_NAME};

/// The cursor marker in fixture text.
pub const CURSOR: &str = "$0";

/// Removes the `$0` marker: the text and the marker's byte offset.
pub fn cursor(text: &str) -> (String, usize) {
    let offset = text.find(CURSOR).expect("the fixture has a $0 cursor");
    (text.replacen(CURSOR, "", 1), offset)
}

/// A workspace under `/vault` holding `notes` (name, text), with the clock pinned to
/// 2026-03-15; the snapshot is of the first note.
pub fn snapshot(notes: &[(&str, &str)]) -> Snapshot {
    snapshot_in_root(notes, None)
}

/// Like [`snapshot`], in a root whose `career-lsp.toml` holds `config_file` when given.
pub fn snapshot_in_root(notes: &[(&str, &str)], config_file: Option<&str>) -> Snapshot {
    let config = Config {
        today: NaiveDate::from_ymd_opt(2026, 3, 15),
        ..Config::default()
    };
    let mut workspace = Workspace::new(config);
    if let Some(text) = config_file {
        workspace.open(
            PathBuf::from("/vault").join(CONFIG_FILE_NAME),
            0,
            text.to_string(),
        );
    }
    for (i, (name, text)) in notes.iter().enumerate() {
        workspace.open(
            PathBuf::from("/vault").join(name),
            i as i32 + 1,
            text.to_string(),
        );
    }
    workspace
        .snapshot(&PathBuf::from("/vault").join(notes[0].0))
        .expect("the first note is open")
}

/// The first note with `$0` removed, its snapshot and the cursor offset.
pub fn snapshot_at(notes: &[(&str, &str)]) -> (Snapshot, usize) {
    let (text, offset) = cursor(notes[0].1);
    let mut owned: Vec<(&str, &str)> = notes.to_vec();
    owned[0].1 = &text;
    (snapshot(&owned), offset)
}
