//! The person's own aliases reach the notes' sections, and a configuration change rebuilds
//! the notes it affects.

use std::path::{Path, PathBuf};

use super::*;
use crate::methodology::SectionId;
use crate::model::Unreadable;

const BRAG: &str = "# Career\n\n## Stuff I Shipped\n\n- Cut the release checklist from 40 steps to 12.\n\n### 2025\n\n- Moved billing to the new queue; 0 lost events since.\n";

fn wins_heading(workspace: &Workspace, path: &Path) -> Option<String> {
    let document = workspace.document(path)?;
    document
        .note
        .section(SectionId::WinsAndArtifacts)
        .map(|s| s.title.clone())
}

#[test]
fn the_config_files_aliases_name_sections_and_an_edit_of_it_rebuilds_the_notes() {
    let mut workspace = Workspace::new(Config::default());
    let career = PathBuf::from("/vault/Career.md");
    let config = PathBuf::from("/vault").join(CONFIG_FILE_NAME);
    workspace.open(career.clone(), 1, BRAG.to_string());
    assert_eq!(wins_heading(&workspace, &career), None);

    workspace.open(
        config.clone(),
        1,
        "[aliases]\n\"Stuff I shipped\" = \"wins\"\n".to_string(),
    );
    assert_eq!(
        wins_heading(&workspace, &career).as_deref(),
        Some("Stuff I Shipped")
    );
    // The year under it groups wins; it is no section of its own.
    let document = workspace.document(&career).expect("open");
    let year = document
        .note
        .sections
        .iter()
        .find(|s| s.title == "2025")
        .expect("the year heading");
    assert_eq!(year.id, None);

    workspace
        .change(
            &config,
            2,
            vec![Edit {
                range: 0..0,
                text: "# no aliases any more\n".to_string(),
            }],
        )
        .expect("a valid edit");
    assert_eq!(
        wins_heading(&workspace, &career).as_deref(),
        Some("Stuff I Shipped"),
        "a comment changes nothing"
    );
    workspace.replace(&config, 3, "today = \"2026-03-15\"\n".to_string());
    assert_eq!(wins_heading(&workspace, &career), None);
}

#[test]
fn the_editors_settings_carry_aliases_too() {
    let mut workspace = Workspace::new(Config::default());
    let career = PathBuf::from("/vault/Career.md");
    workspace.open(career.clone(), 1, BRAG.to_string());
    let (settings, problems) = Config::from_json(&serde_json::json!({
        "careerLsp": { "aliases": { "Stuff I Shipped": "wins" } }
    }));
    assert_eq!(problems, vec![]);
    workspace.set_config(settings);
    assert_eq!(
        wins_heading(&workspace, &career).as_deref(),
        Some("Stuff I Shipped")
    );
    let snapshot = workspace.snapshot(&career).expect("open");
    assert!(
        !snapshot
            .diagnostics()
            .iter()
            .any(|f| f.code == "missing-section" && f.message.contains("Wins")),
        "{:?}",
        snapshot.diagnostics()
    );
    workspace.set_config(Config::default());
    assert_eq!(wins_heading(&workspace, &career), None);
}

/// A folder holding `files`, indexed as a root; the folder, its canonical path and the
/// workspace.
fn indexed(files: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    for (name, bytes) in files {
        std::fs::write(root.join(name), bytes).unwrap();
    }
    let mut workspace = Workspace::new(Config::default());
    workspace.add_root(root.clone());
    (dir, root, workspace)
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo {}", path.display());
}

#[test]
fn only_a_note_or_a_configuration_file_under_a_root_is_read_from_disk() {
    let (_dir, root, mut workspace) = indexed(&[("Career.md", b"# Career\n")]);
    let builder = workspace.builder();
    // Outside every root, or not a note: never opened.
    for path in [Path::new("/dev/zero"), &root.join("notes.txt")] {
        assert!(
            matches!(builder.read_from_disk(path), FromDisk::Ignored(_)),
            "{}",
            path.display()
        );
    }
    // A FIFO named like a note is opened without waiting, and not read.
    let pipe = root.join("pipe.md");
    mkfifo(&pipe);
    let read = builder.read_from_disk(&pipe);
    assert!(
        matches!(
            &read,
            FromDisk::Note(_, Err(Unreadable::NotAFile("a FIFO")))
        ),
        "{read:?}"
    );
    workspace.apply_from_disk(read);
    assert_eq!(
        workspace.unread(&pipe),
        Some(&Unreadable::NotAFile("a FIFO"))
    );
    assert!(workspace.document(&pipe).is_none());
    // Deleted, it is forgotten.
    workspace.remove(&pipe);
    assert_eq!(workspace.unread(&pipe), None);

    // A configuration file that is a FIFO gives the defaults and says why.
    let config = root.join(CONFIG_FILE_NAME);
    mkfifo(&config);
    let read = builder.read_from_disk(&config);
    workspace.apply_from_disk(read);
    let problems = workspace.config_problems();
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].problems[0].message,
        "career-lsp.toml is not a regular file (a FIFO); using the defaults"
    );
}

/// The broken-link findings of `path` (through the findings cache, checked against a
/// fresh analysis), as `severity message`.
fn broken_links(workspace: &Workspace, path: &Path) -> Vec<String> {
    let snapshot = workspace.snapshot(path).expect("indexed");
    let findings = snapshot.diagnostics();
    assert_eq!(findings, snapshot.diagnostics_uncached());
    findings
        .iter()
        .filter(|f| f.code == "broken-link")
        .map(|f| format!("{} {}", f.severity.name(), f.message))
        .collect()
}

#[test]
fn a_link_to_a_note_that_was_not_read_says_why_until_the_note_is_read() {
    const CAREER: &str = "# Career\n\n## Vision\n\nSee [[Old Notes]] and [[Later]].\n";
    let (_dir, root, mut workspace) = indexed(&[
        (CONFIG_FILE_NAME, b"today = \"2026-03-15\"\n"),
        ("Career.md", CAREER.as_bytes()),
        ("Old Notes.md", b"# Old notes\n\nCaf\xe9.\n"),
    ]);
    let career = root.join("Career.md");
    let not_utf8 = |name: &str, byte: &str, offset: usize| {
        format!(
            "info “{name}” is not indexed: it is not UTF-8 (byte {byte} at offset {offset}) — save it as UTF-8 to have it checked."
        )
    };
    let missing = "warning There is no note called “Later” yet — create it, or fix the link.";
    assert_eq!(
        broken_links(&workspace, &career),
        [not_utf8("Old Notes", "0xE9", 16), missing.to_string()]
    );

    // `Later` appears, not UTF-8 either: the link still finds no note, but says why now.
    std::fs::write(root.join("Later.md"), b"# Later\n\xff\n").unwrap();
    workspace.reload_from_disk(&root.join("Later.md"));
    assert_eq!(
        broken_links(&workspace, &career),
        [
            not_utf8("Old Notes", "0xE9", 16),
            not_utf8("Later", "0xFF", 8)
        ]
    );

    // Saved as UTF-8 and read again, the note is indexed and the link holds.
    std::fs::write(root.join("Old Notes.md"), "# Old notes\n\nCafé.\n").unwrap();
    workspace.reload_from_disk(&root.join("Old Notes.md"));
    assert_eq!(workspace.unread(&root.join("Old Notes.md")), None);
    assert_eq!(
        broken_links(&workspace, &career),
        [not_utf8("Later", "0xFF", 8)]
    );

    // Over max-file-size, it is not indexed again, and the link says so.
    std::fs::write(
        root.join(CONFIG_FILE_NAME),
        "today = \"2026-03-15\"\nmax-file-size = 16\n",
    )
    .unwrap();
    workspace.reload_from_disk(&root.join(CONFIG_FILE_NAME));
    workspace.reload_from_disk(&root.join("Old Notes.md"));
    assert_eq!(
        broken_links(&workspace, &root.join("Career.md")).first().map(String::as_str),
        Some("info “Old Notes” is not indexed: it is larger than max-file-size (16 bytes) — split it, or raise max-file-size in career-lsp.toml.")
    );
}
