//! `unquantified-win` on real-sounding phrases (SPEC §4.1), both sides, from
//! `tests/data/unquantified_wins.toml`: each phrase goes through the whole pipeline as a
//! win bullet in a Career Index, and through the quantification check directly.

use std::path::PathBuf;

use career_lsp::model::text::is_quantified;
use career_lsp::workspace::{Config, Workspace};

#[derive(serde::Deserialize)]
struct Phrases {
    quantified: Vec<String>,
    unquantified: Vec<String>,
}

fn phrases() -> Phrases {
    let text = include_str!("data/unquantified_wins.toml");
    toml::from_str(text).expect("the phrase list is valid TOML")
}

/// The codes the rule reports for a Career Index whose Wins section has one bullet.
fn fires_on(phrase: &str) -> bool {
    let note = format!("# Career\n\n## Wins & Artifacts\n\n### 2025\n- {phrase}\n");
    let mut workspace = Workspace::new(Config::default());
    let path = PathBuf::from("/notes/Career.md");
    workspace.open(path.clone(), 1, note);
    workspace
        .diagnostics(&path)
        .iter()
        .any(|f| f.code == "unquantified-win")
}

#[test]
fn the_lists_are_long_enough() {
    let phrases = phrases();
    assert!(
        phrases.quantified.len() >= 40,
        "{}",
        phrases.quantified.len()
    );
    assert!(
        phrases.unquantified.len() >= 40,
        "{}",
        phrases.unquantified.len()
    );
}

#[test]
fn quantified_wins_stay_quiet() {
    let wrong: Vec<_> = phrases()
        .quantified
        .into_iter()
        .filter(|p| !is_quantified(p) || fires_on(p))
        .collect();
    assert!(
        wrong.is_empty(),
        "read as unquantified:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn unquantified_wins_fire() {
    let wrong: Vec<_> = phrases()
        .unquantified
        .into_iter()
        .filter(|p| is_quantified(p) || !fires_on(p))
        .collect();
    assert!(
        wrong.is_empty(),
        "read as quantified:\n{}",
        wrong.join("\n")
    );
}
