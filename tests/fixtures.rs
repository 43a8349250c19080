//! Data-driven rule tests. Every `fixtures/rules/<code>/<case>/` folder is a small
//! workspace; its `expected.txt` lists the findings of `<code>`. `fires-*` cases must
//! produce at least one, `quiet-*` cases none. `fixtures/demo/` is a whole workspace whose
//! `expected.txt` lists every finding of every rule.
//!
//! An `expected.txt` holds one finding a line, in the order `career-lsp check` reports them:
//!
//! ```text
//! 2026 Goals.md:11:1-11:58 warning[invalid-status] G3's status "Done" is not …
//! ```
//!
//! that is the path relative to the case folder, the start and end of the range (1-based
//! line:column, columns in characters, as `check` prints them), the severity, the code and
//! the message (a line break in a message would be written `\n`). The whole line is
//! compared, so a changed message, severity or range end fails the test: the message is the
//! product's coaching voice and the end decides the squiggle. Lines starting with `#` say
//! why the case exists; they open the file, above the findings.
//!
//! `UPDATE_EXPECT=1 cargo test --test fixtures` rewrites the findings of every
//! `expected.txt` from what the rules report today, keeping the `#` lines; the diff is then
//! reviewed like code.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use career_lsp::cli::{analyse, Reported};
use career_lsp::rules::CODES;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Whether this run rewrites the expectations instead of comparing with them.
fn updating() -> bool {
    std::env::var_os("UPDATE_EXPECT").is_some_and(|v| !v.is_empty() && v != "0")
}

/// An `expected.txt`: its leading `#` lines (kept as written) and its findings.
struct Expected {
    header: Vec<String>,
    findings: Vec<String>,
}

fn read_expected(path: &Path) -> Expected {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut header = Vec::new();
    let mut findings = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('#') || trimmed.is_empty() {
            // A comment below a finding could not be kept in its place when the file is
            // rewritten, so the format allows comments only at the top.
            assert!(
                findings.is_empty() || trimmed.is_empty(),
                "{}: `#` lines belong above the findings: {line}",
                path.display()
            );
            if findings.is_empty() {
                header.push(line.to_string());
            }
        } else {
            findings.push(trimmed.to_string());
        }
    }
    while header.last().is_some_and(|l| l.trim().is_empty()) {
        header.pop();
    }
    Expected { header, findings }
}

fn write_expected(path: &Path, header: &[String], findings: &[String]) {
    let mut text = String::new();
    for line in header.iter().chain(findings) {
        text.push_str(line);
        text.push('\n');
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// One finding as an `expected.txt` line, its path relative to `root`.
fn expectation_line(root: &Path, reported: &Reported) -> String {
    let relative = reported.path.strip_prefix(root).unwrap_or(&reported.path);
    // `/` on every platform, so the files read the same everywhere.
    let relative: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let message = reported.message.replace('\r', "\\r").replace('\n', "\\n");
    format!(
        "{}:{}:{}-{}:{} {}[{}] {}",
        relative.join("/"),
        reported.line,
        reported.column,
        reported.end_line,
        reported.end_column,
        reported.severity,
        reported.code,
        message
    )
}

/// The findings under `dir`, for `code` or for all, in the order `check` reports them.
fn actual(dir: &Path, code: Option<&str>) -> Vec<String> {
    let mut skipped = Vec::new();
    let reported =
        analyse(&[dir.to_path_buf()], &mut skipped).expect("the fixture folder is readable");
    let root = dir.canonicalize().unwrap();
    reported
        .iter()
        .filter(|r| code.is_none_or(|c| r.code == c))
        .map(|r| expectation_line(&root, r))
        .collect()
}

/// What differs between two lists of findings, line by line.
fn diff(expected: &[String], actual: &[String]) -> String {
    let mut out = String::new();
    let mut unmatched: Vec<&String> = actual.iter().collect();
    for want in expected {
        match unmatched.iter().position(|got| *got == want) {
            Some(i) => {
                unmatched.remove(i);
            }
            None => out.push_str(&format!("    missing:  {want}\n")),
        }
    }
    for extra in unmatched {
        out.push_str(&format!("    spurious: {extra}\n"));
    }
    if out.is_empty() && expected != actual {
        out.push_str("    the same findings in another order; expected:\n");
        for line in expected {
            out.push_str(&format!("      {line}\n"));
        }
    }
    out
}

/// Compares `dir`'s findings with its `expected.txt`, or rewrites the file when updating.
/// Returns the expected findings (as now written) and a description of any difference.
fn check_case(dir: &Path, code: Option<&str>) -> (Vec<String>, String) {
    let path = dir.join("expected.txt");
    let expected = read_expected(&path);
    let got = actual(dir, code);
    if updating() {
        if got != expected.findings {
            write_expected(&path, &expected.header, &got);
        }
        return (got, String::new());
    }
    let difference = if got == expected.findings {
        String::new()
    } else {
        diff(&expected.findings, &got)
    };
    (expected.findings, difference)
}

fn case_name(case: &Path) -> String {
    case.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn every_rule_fires_and_stays_quiet_on_its_fixtures() {
    let mut failures = String::new();
    let mut checked = 0;
    for code in CODES {
        let dir = fixtures().join("rules").join(code);
        let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .collect();
        cases.sort();
        let fires = cases
            .iter()
            .filter(|c| case_name(c).starts_with("fires-"))
            .count();
        let quiet = cases
            .iter()
            .filter(|c| case_name(c).starts_with("quiet-"))
            .count();
        assert!(
            fires >= 1 && quiet >= 1,
            "{code}: needs fires- and quiet- cases ({fires}, {quiet})"
        );
        for case in cases {
            let name = case_name(&case);
            let (want, difference) = check_case(&case, Some(code));
            if name.starts_with("fires-") {
                assert!(
                    !want.is_empty(),
                    "{code}/{name}: a fires- case expects findings"
                );
            } else if name.starts_with("quiet-") {
                assert!(want.is_empty(), "{code}/{name}: a quiet- case expects none");
            } else {
                panic!("{code}/{name}: case names start with fires- or quiet-");
            }
            if !difference.is_empty() {
                failures.push_str(&format!("{code}/{name}:\n{difference}"));
            }
            checked += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{checked} cases checked; these differ (UPDATE_EXPECT=1 rewrites them):\n{failures}"
    );
}

#[test]
fn the_demo_shows_every_rule_and_nothing_spurious() {
    let dir = fixtures().join("demo");
    let (want, difference) = check_case(&dir, None);
    assert!(
        difference.is_empty(),
        "fixtures/demo differs (UPDATE_EXPECT=1 rewrites it):\n{difference}"
    );
    for code in CODES {
        assert!(
            want.iter().any(|line| line.contains(&format!("[{code}] "))),
            "{code} never fires in the demo"
        );
    }
}

/// `fixtures/shapes/<case>/`: notes in the shapes people arrive with (a brag document, a
/// career plan, a self-review, a goals checklist, an OKR table, impact in bullets), each a
/// workspace whose `expected.txt` lists every finding of every rule.
#[test]
fn notes_in_the_persons_own_shape_get_exactly_their_findings() {
    let shapes = fixtures().join("shapes");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&shapes)
        .unwrap_or_else(|e| panic!("{}: {e}", shapes.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 6, "only {} shapes", cases.len());
    let mut failures = String::new();
    for case in &cases {
        let (_, difference) = check_case(case, None);
        if !difference.is_empty() {
            failures.push_str(&format!("shapes/{}:\n{difference}", case_name(case)));
        }
    }
    assert!(
        failures.is_empty(),
        "these differ (UPDATE_EXPECT=1 rewrites them):\n{failures}"
    );
}

/// Every fixture workspace: the demo, the shapes and each rule's cases.
fn every_fixture_workspace() -> Vec<PathBuf> {
    let mut workspaces = vec![fixtures().join("demo")];
    for group in ["shapes", "rules"] {
        let mut stack = vec![fixtures().join(group)];
        while let Some(dir) = stack.pop() {
            if dir.join("expected.txt").is_file() {
                workspaces.push(dir);
                continue;
            }
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                }
            }
        }
    }
    workspaces.sort();
    workspaces
}

/// A person opening a note sees a few findings that each say something, not a pile on
/// one line (SPEC §4, "Aggregation").
#[test]
fn no_line_of_any_fixture_carries_more_than_four_findings() {
    let mut crowded = Vec::new();
    let workspaces = every_fixture_workspace();
    assert!(workspaces.len() > 100, "found {}", workspaces.len());
    for dir in workspaces {
        let mut per_line: BTreeMap<(PathBuf, usize), usize> = BTreeMap::new();
        let mut skipped = Vec::new();
        for reported in analyse(std::slice::from_ref(&dir), &mut skipped).unwrap() {
            *per_line
                .entry((reported.path.clone(), reported.line))
                .or_default() += 1;
        }
        for ((path, line), count) in per_line {
            if count > 4 {
                crowded.push(format!("{}:{line}: {count} findings", path.display()));
            }
        }
    }
    assert!(crowded.is_empty(), "{}", crowded.join("\n"));
}

#[test]
fn a_changed_message_or_range_end_is_a_difference() {
    // The comparison is of whole lines: these near misses must each be reported.
    let want = vec!["a.md:1:1-1:9 warning[empty-section] Vision is empty.".to_string()];
    for near_miss in [
        "a.md:1:1-1:8 warning[empty-section] Vision is empty.",
        "a.md:1:1-2:9 warning[empty-section] Vision is empty.",
        "a.md:1:1-1:9 info[empty-section] Vision is empty.",
        "a.md:1:1-1:9 warning[empty-section] Vision is empty!",
    ] {
        let got = vec![near_miss.to_string()];
        let difference = diff(&want, &got);
        assert!(
            difference.contains("missing:") && difference.contains("spurious:"),
            "{near_miss}: {difference}"
        );
    }
    assert_eq!(diff(&want, &want), "");
}
