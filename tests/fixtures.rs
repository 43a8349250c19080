//! Data-driven rule tests. Every `fixtures/rules/<code>/<case>/` folder is a small
//! workspace; its `expected.txt` lists the findings of `<code>` (`file:line:col code`).
//! `fires-*` cases must produce at least one, `quiet-*` cases none. `fixtures/demo/` is a
//! whole workspace whose `expected.txt` lists every finding of every rule.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use career_lsp::cli::analyse;
use career_lsp::rules::CODES;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn expected(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    lines.sort();
    lines
}

/// The findings under `dir` as `relative/path:line:col code`, for `code` or for all.
fn actual(dir: &Path, code: Option<&str>) -> Vec<String> {
    let mut skipped = Vec::new();
    let reported =
        analyse(&[dir.to_path_buf()], &mut skipped).expect("the fixture folder is readable");
    let root = dir.canonicalize().unwrap();
    let mut lines: Vec<String> = reported
        .into_iter()
        .filter(|r| code.is_none_or(|c| r.code == c))
        .map(|r| {
            let relative = r
                .path
                .strip_prefix(&root)
                .unwrap_or(&r.path)
                .display()
                .to_string();
            format!("{relative}:{}:{} {}", r.line, r.column, r.code)
        })
        .collect();
    lines.sort();
    lines
}

fn diff(expected: &[String], actual: &[String]) -> String {
    let expected_set: BTreeSet<_> = expected.iter().collect();
    let actual_set: BTreeSet<_> = actual.iter().collect();
    let mut out = String::new();
    for missing in expected_set.difference(&actual_set) {
        out.push_str(&format!("    missing:  {missing}\n"));
    }
    for extra in actual_set.difference(&expected_set) {
        out.push_str(&format!("    spurious: {extra}\n"));
    }
    if out.is_empty() && expected != actual {
        out.push_str(&format!(
            "    counts differ: expected {expected:?}, got {actual:?}\n"
        ));
    }
    out
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
            .filter(|c| {
                c.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("fires-")
            })
            .count();
        let quiet = cases
            .iter()
            .filter(|c| {
                c.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("quiet-")
            })
            .count();
        assert!(
            fires >= 1 && quiet >= 1,
            "{code}: needs fires- and quiet- cases ({fires}, {quiet})"
        );
        for case in cases {
            let name = case.file_name().unwrap().to_string_lossy().to_string();
            let want = expected(&case.join("expected.txt"));
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
            let got = actual(&case, Some(code));
            if got != want {
                failures.push_str(&format!("{code}/{name}:\n{}", diff(&want, &got)));
            }
            checked += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{checked} cases checked; these differ:\n{failures}"
    );
}

#[test]
fn the_demo_shows_every_rule_and_nothing_spurious() {
    let dir = fixtures().join("demo");
    let want = expected(&dir.join("expected.txt"));
    let got = actual(&dir, None);
    assert!(got == want, "fixtures/demo differs:\n{}", diff(&want, &got));
    for code in CODES {
        assert!(
            got.iter().any(|line| line.ends_with(&format!(" {code}"))),
            "{code} never fires in the demo"
        );
    }
}
