//! Indexing a workspace folder: `.gitignore` respected, symlinks not followed, files that
//! are too large, not UTF-8 or not regular files skipped with a reason (and remembered, so
//! that a link to one can say why), nested configs making roots of their own.

use std::path::PathBuf;

use career_lsp::model::Unreadable;
use career_lsp::workspace::{Config, Workspace};

#[test]
fn indexing_skips_what_it_must_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("Secret.md"), "# Secret\n").unwrap();

    std::fs::write(root.join("Career.md"), "# Career\n\n## Vision\n\nLead.\n").unwrap();
    std::fs::write(root.join(".gitignore"), "private/\n").unwrap();
    std::fs::create_dir(root.join("private")).unwrap();
    std::fs::write(root.join("private/2026 Goals.md"), "# 2026 Goals\n").unwrap();
    std::fs::write(root.join("Big.md"), "x".repeat(4_000)).unwrap();
    std::fs::write(root.join("Latin1.md"), b"# Caf\xe9\n").unwrap();
    std::fs::write(root.join("Binary.md"), b"# Bin\0ary\n").unwrap();
    std::fs::write(root.join("notes.txt"), "not markdown").unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(root.join("pipe.md"))
        .status()
        .unwrap();
    assert!(fifo.success());
    std::os::unix::fs::symlink(outside.path(), root.join("linked")).unwrap();
    std::os::unix::fs::symlink(root.join("Career.md"), root.join("Alias.md")).unwrap();
    std::fs::write(root.join("career-lsp.toml"), "max-file-size = 1000\n").unwrap();
    std::fs::create_dir(root.join("mentee")).unwrap();
    std::fs::write(root.join("mentee/career-lsp.toml"), "").unwrap();
    std::fs::write(root.join("mentee/Career.md"), "# Career\n").unwrap();

    let mut workspace = Workspace::new(Config::default());
    let report = workspace.add_root(root.clone());
    let indexed: Vec<PathBuf> = workspace.note_paths();
    assert_eq!(
        indexed,
        vec![root.join("Career.md"), root.join("mentee/Career.md")]
    );
    let mut skipped: Vec<(String, String)> = report
        .skipped
        .iter()
        .map(|(p, why)| {
            (
                p.file_name().unwrap().to_string_lossy().to_string(),
                why.clone(),
            )
        })
        .collect();
    skipped.sort();
    let names: Vec<&str> = skipped.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Alias.md",
            "Big.md",
            "Binary.md",
            "Latin1.md",
            "linked",
            "pipe.md"
        ],
        "{skipped:?}"
    );
    assert!(skipped[0].1.contains("symbolic link"), "{skipped:?}");
    assert!(skipped[1].1.contains("max-file-size"), "{skipped:?}");
    assert!(skipped[3].1.contains("UTF-8"), "{skipped:?}");
    assert!(skipped[5].1.contains("FIFO"), "{skipped:?}");
    // The notes passed over are known, with the reason; the folder link is no note.
    assert_eq!(
        workspace.unread(&root.join("Latin1.md")),
        Some(&Unreadable::NotUtf8 {
            byte: 0xE9,
            offset: 5
        })
    );
    assert_eq!(
        workspace.unread(&root.join("pipe.md")),
        Some(&Unreadable::NotAFile("a FIFO"))
    );
    assert_eq!(workspace.unread(&root.join("linked")), None);

    // The nested folder is a root of its own: the outer Career Index is not its index.
    assert_eq!(
        workspace
            .snapshot(&root.join("mentee/Career.md"))
            .expect("indexed")
            .notes()
            .len(),
        1
    );
    assert_eq!(
        workspace
            .snapshot(&root.join("Career.md"))
            .expect("indexed")
            .notes()
            .len(),
        1
    );
    assert_eq!(workspace.roots().len(), 2);
}
