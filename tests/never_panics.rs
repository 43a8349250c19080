//! Parsing and analysing arbitrary text never panics.

use std::path::PathBuf;

use career_lsp::workspace::{Config, Workspace};
use proptest::prelude::*;

fn analyse(name: &str, text: &str) {
    let mut workspace = Workspace::new(Config::default());
    let path = PathBuf::from(format!("/notes/{name}"));
    workspace.open(path.clone(), 1, text.to_string());
    workspace.open(PathBuf::from("/notes/Career.md"), 1, text.to_string());
    let _ = workspace.diagnostics(&path);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_unicode(text in any::<String>()) {
        analyse("2026 Goals.md", &text);
        analyse("Career.md", &text);
    }

    #[test]
    fn markdown_shaped_noise(text in "([#|>*_`\\[\\]()!\\-: \n\r\tG1Q2$%xé🎯日]|2026-03-15|\\[\\[|\\]\\]|## Vision\n|\\| G1 \\|){0,200}") {
        analyse("2026 Goals.md", &text);
        analyse("Career.md", &text);
        analyse("CLAUDE.md", &text);
    }
}

#[test]
fn huge_lines_and_binary_bytes() {
    analyse("Career.md", &"| a ".repeat(20_000));
    analyse(
        "Career.md",
        &format!("# Career\n\n{}\n", "x".repeat(1_000_000)),
    );
    analyse(
        "2026 Goals.md",
        "\0\u{1}\u{7f}\u{feff}# 2026 Goals\n| G1 |\0|\n",
    );
}
