//! The protocol stays at the edge: only `src/lsp/` and `src/main.rs` may name the protocol
//! crates. Everything else works on plain data and byte offsets.

use std::fs;
use std::path::{Path, PathBuf};

const PROTOCOL_NAMES: &[&str] = &["lsp_types", "ls_types", "tower_lsp_server"];

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn protocol_types_appear_only_under_src_lsp_and_main() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 3, "found only {files:?}");
    let mut offenders = Vec::new();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap();
        if relative.starts_with("lsp") || relative == Path::new("main.rs") {
            continue;
        }
        let text = fs::read_to_string(&file).unwrap();
        for (number, line) in text.lines().enumerate() {
            for name in PROTOCOL_NAMES {
                if line.contains(name) {
                    offenders.push(format!("src/{}:{}: {name}", relative.display(), number + 1));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "protocol types outside src/lsp/:\n{}",
        offenders.join("\n")
    );
}
