//! `unquantified-win` on real-sounding phrases (SPEC §4.1), both sides, from
//! `tests/data/unquantified_wins.toml`: each phrase goes through the whole pipeline as a
//! win bullet in a Career Index, and through the reading of wins directly. The last test
//! measures the rule's false-positive rate on every win and impact item of the fixtures.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use career_lsp::model::text::{is_quantified, read_win, WinReading};
use career_lsp::workspace::{Config, Workspace};
use regex::Regex;

#[derive(serde::Deserialize)]
struct Phrases {
    quantified: Vec<String>,
    unquantified: Vec<String>,
    spelled_out: Vec<String>,
    not_numbers: Vec<String>,
    recognition: Vec<String>,
    not_wins: Vec<String>,
    fixtures: FixtureLabels,
}

#[derive(serde::Deserialize)]
struct FixtureLabels {
    numbers_that_dont_count: Vec<String>,
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
    for (name, list, least) in [
        ("quantified", &phrases.quantified, 40),
        ("unquantified", &phrases.unquantified, 40),
        ("spelled_out", &phrases.spelled_out, 10),
        ("not_numbers", &phrases.not_numbers, 10),
        ("recognition", &phrases.recognition, 8),
        ("not_wins", &phrases.not_wins, 6),
    ] {
        assert!(list.len() >= least, "{name}: {} phrases", list.len());
    }
}

#[test]
fn quantified_wins_stay_quiet() {
    let phrases = phrases();
    let wrong: Vec<_> = phrases
        .quantified
        .iter()
        .chain(&phrases.spelled_out)
        .filter(|p| !is_quantified(p) || fires_on(p))
        .collect();
    assert!(
        wrong.is_empty(),
        "read as unquantified:\n{}",
        wrong
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn unquantified_wins_fire() {
    let phrases = phrases();
    let wrong: Vec<_> = phrases
        .unquantified
        .iter()
        .chain(&phrases.not_numbers)
        .filter(|p| is_quantified(p) || read_win(p) != WinReading::Unquantified || !fires_on(p))
        .collect();
    assert!(
        wrong.is_empty(),
        "read as quantified, recognition or not a win:\n{}",
        wrong
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn recognition_and_lines_that_are_not_wins_stay_quiet() {
    let phrases = phrases();
    let cases = phrases
        .recognition
        .iter()
        .map(|p| (p, WinReading::Recognition))
        .chain(phrases.not_wins.iter().map(|p| (p, WinReading::NotAWin)));
    let wrong: Vec<String> = cases
        .filter(|(p, want)| read_win(p) != *want || fires_on(p))
        .map(|(p, want)| format!("{p} (read as {:?}, not {want:?})", read_win(p)))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

// ---------------------------------------------------------------------------------------
// The false-positive rate on the fixtures (SPEC §4.1)

/// A deliberately generous reading, independent of the rule's: a digit, a percent or
/// currency sign, or a number word anywhere. Every line the rule should leave alone for
/// its numbers looks quantified to it; so do years, versions and dates, which the labels
/// in the phrase file account for.
static LOOKS_QUANTIFIED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\d|%|[$€£¥]|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve",
        r"|twenty|thirty|forty|fifty|hundred|thousand|million|dozen|half|twice|third",
        r"|doubled|tripled|quadrupled|halved)\b",
        r"|\b(?:within|in|under)\s+(?:a|an|one)\s+(?:hour|day|week|month)\b",
    ))
    .expect("valid regex")
});

/// Every fixture case: a folder holding an `expected.txt`.
fn fixture_cases(dir: &Path, out: &mut Vec<PathBuf>) {
    if dir.join("expected.txt").is_file() {
        out.push(dir.to_path_buf());
    }
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            fixture_cases(&path, out);
        }
    }
}

/// One win or impact item of a fixture, and whether the rule flags it.
struct Item {
    text: String,
    flagged: bool,
}

/// The wins and impact items of every Career Index under `case`, read with the default
/// settings (so a case that turns the rule off is still measured).
fn items_of(case: &Path) -> Vec<Item> {
    let mut items = Vec::new();
    for entry in std::fs::read_dir(case).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        // A fixture note that is not UTF-8 is one the tool never reads.
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let mut workspace = Workspace::new(Config::default());
        workspace.open(path.clone(), 1, text);
        let Some(snapshot) = workspace.snapshot(&path) else {
            continue;
        };
        let Some(index) = snapshot.note().as_index() else {
            continue;
        };
        let flagged: Vec<_> = snapshot
            .diagnostics()
            .into_iter()
            .filter(|f| f.code == "unquantified-win")
            .map(|f| f.range)
            .collect();
        let wins = index.wins.iter().map(|w| (w.text.clone(), &w.range));
        let rows = index
            .business_impact
            .iter()
            .map(|r| (r.impact.clone(), &r.range));
        for (text, range) in wins.chain(rows) {
            items.push(Item {
                flagged: flagged.contains(range),
                text,
            });
        }
    }
    items
}

#[test]
fn false_positive_rate_on_the_fixtures() {
    let labels = phrases().fixtures.numbers_that_dont_count;
    let mut cases = Vec::new();
    fixture_cases(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
        &mut cases,
    );
    // Many cases share a note; each distinct line is counted once.
    let mut items: Vec<Item> = cases.iter().flat_map(|case| items_of(case)).collect();
    items.sort_by(|a, b| (&a.text, a.flagged).cmp(&(&b.text, b.flagged)));
    items.dedup_by(|a, b| a.text == b.text && a.flagged == b.flagged);
    let is_label = |item: &Item| labels.iter().any(|l| item.text.contains(l.as_str()));
    let looks_quantified: Vec<&Item> = items
        .iter()
        .filter(|i| LOOKS_QUANTIFIED.is_match(&i.text) && !is_label(i))
        .collect();
    let false_positives: Vec<&str> = looks_quantified
        .iter()
        .filter(|i| i.flagged)
        .map(|i| i.text.as_str())
        .collect();
    println!(
        "unquantified-win on the fixtures: {} distinct wins and impact items, {} of them \
         quantified-looking, {} of those flagged: false-positive rate {:.1}%",
        items.len(),
        looks_quantified.len(),
        false_positives.len(),
        100.0 * false_positives.len() as f64 / looks_quantified.len().max(1) as f64,
    );
    assert!(
        looks_quantified.len() >= 30,
        "the fixtures should hold many quantified wins: {}",
        looks_quantified.len()
    );
    // Each is either a result the reading misses (fix the reading) or a number that is
    // not a metric (label it in the phrase file, under `[fixtures]`).
    assert!(
        false_positives.is_empty(),
        "flagged though they look quantified:\n{}",
        false_positives.join("\n")
    );
    // The labels are real: each names a line of the fixtures, and the rule flags it.
    for label in &labels {
        let lines: Vec<&Item> = items
            .iter()
            .filter(|i| i.text.contains(label.as_str()))
            .collect();
        assert!(!lines.is_empty(), "no fixture line holds {label:?}");
        assert!(lines.iter().all(|i| i.flagged), "{label:?} is not flagged");
    }
}
