//! The command line, run as the built binary: `check` (human and JSON, exit codes),
//! `explain`, `init`.

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_career-lsp"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn check_the_demo_in_both_formats() {
    let human = run(&["check", "fixtures/demo"], manifest_dir());
    assert_eq!(
        human.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&human.stderr)
    );
    let human = String::from_utf8(human.stdout).unwrap();
    let json = run(
        &["check", "fixtures/demo", "--format", "json"],
        manifest_dir(),
    );
    assert_eq!(json.status.code(), Some(1));
    let json: Vec<serde_json::Value> = serde_json::from_slice(&json.stdout).unwrap();

    let from_json: Vec<String> = json
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{}: {}[{}] {}",
                f["file"].as_str().unwrap(),
                f["line"],
                f["column"],
                f["severity"].as_str().unwrap(),
                f["code"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            )
        })
        .collect();
    let from_human: Vec<&str> = human.lines().collect();
    assert_eq!(from_human, from_json);
    assert!(
        from_human
            .iter()
            .any(|l| l.starts_with("fixtures/demo/2026 Goals.md:43:52: error[unknown-goal-ref]")),
        "{human}"
    );
}

/// `fixtures/demo/expected.txt` (see tests/fixtures.rs for its format) as parts:
/// path, start line, start column, end line, end column, and `severity[code] message`.
fn demo_expectations() -> Vec<(String, usize, usize, usize, usize, String)> {
    let path = manifest_dir().join("fixtures/demo/expected.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let line_format =
        regex::Regex::new(r"^(.+?):(\d+):(\d+)-(\d+):(\d+) (\S+\[\S+\] .*)$").unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let parts = line_format
                .captures(l)
                .unwrap_or_else(|| panic!("not an expectation: {l}"));
            let number = |i: usize| parts[i].parse::<usize>().unwrap();
            (
                parts[1].to_string(),
                number(2),
                number(3),
                number(4),
                number(5),
                parts[6].to_string(),
            )
        })
        .collect()
}

#[test]
fn check_prints_exactly_the_demo_expectations() {
    // Every line `check fixtures/demo` prints is a finding the fixture pins, in order, so
    // no message reaches a user without a test having read it.
    let expected = demo_expectations();
    assert!(expected.len() > 10, "{expected:?}");
    let human = run(&["check", "fixtures/demo"], manifest_dir());
    let stdout = String::from_utf8(human.stdout).unwrap();
    let printed: Vec<&str> = stdout.lines().collect();
    let want: Vec<String> = expected
        .iter()
        .map(|(file, line, column, _, _, rest)| {
            format!("fixtures/demo/{file}:{line}:{column}: {rest}")
        })
        .collect();
    assert!(printed == want, "{}", differences(&printed, &want));
    let files: std::collections::BTreeSet<&str> = expected.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(
        String::from_utf8(human.stderr).unwrap(),
        format!("{} finding(s) in {} file(s)\n", expected.len(), files.len())
    );

    // The JSON output carries the same findings with their range ends.
    let json = run(
        &["check", "fixtures/demo", "--format", "json"],
        manifest_dir(),
    );
    let json: Vec<serde_json::Value> = serde_json::from_slice(&json.stdout).unwrap();
    let from_json: Vec<String> = json
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{}-{}:{} {}[{}] {}",
                f["file"].as_str().unwrap(),
                f["line"],
                f["column"],
                f["end_line"],
                f["end_column"],
                f["severity"].as_str().unwrap(),
                f["code"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            )
        })
        .collect();
    let want: Vec<String> = expected
        .iter()
        .map(|(file, line, column, end_line, end_column, rest)| {
            format!("fixtures/demo/{file}:{line}:{column}-{end_line}:{end_column} {rest}")
        })
        .collect();
    let from_json: Vec<&str> = from_json.iter().map(String::as_str).collect();
    assert!(from_json == want, "{}", differences(&from_json, &want));
}

/// The lines that differ, for a failure message that can be read.
fn differences(got: &[&str], want: &[String]) -> String {
    let mut out = String::from("check's output differs from fixtures/demo/expected.txt:\n");
    for line in want {
        if !got.contains(&line.as_str()) {
            out.push_str(&format!("  expected, not printed: {line}\n"));
        }
    }
    for line in got {
        if !want.iter().any(|w| w == line) {
            out.push_str(&format!("  printed, not expected: {line}\n"));
        }
    }
    out.push_str(&format!(
        "  ({} printed, {} expected; order counts too)\n",
        got.len(),
        want.len()
    ));
    out
}

#[test]
fn exit_codes_follow_deny() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("career-lsp.toml"),
        "today = \"2026-03-15\"\n",
    )
    .unwrap();
    // A session log with nothing wrong in it: clean.
    std::fs::write(
        dir.path().join("2026-03-01 Career Coaching Session.md"),
        "# Session\n\n## Discussed\n- The promotion case\n",
    )
    .unwrap();
    assert_eq!(run(&["check", "."], dir.path()).status.code(), Some(0));
    // A broken link is a warning: 1 by default, 0 when only errors count.
    std::fs::write(
        dir.path().join("2026-03-08 Career Coaching Session.md"),
        "# Session\n\nSee [[Nowhere]].\n",
    )
    .unwrap();
    assert_eq!(run(&["check", "."], dir.path()).status.code(), Some(1));
    assert_eq!(
        run(&["check", ".", "--deny", "error"], dir.path())
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run(&["check", "no-such-folder"], dir.path()).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["check", "--deny", "loud"], dir.path()).status.code(),
        Some(2)
    );
}

#[test]
fn a_broken_config_is_reported_by_check() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("career-lsp.toml"),
        "today = \"2026-03-15\"\n[rules]\nempty-section = \"loud\"\n",
    )
    .unwrap();
    let output = run(&["check", "."], dir.path());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        // Located at the wrong value.
        stdout.starts_with("career-lsp.toml:3:17: error[config] `loud` is not a level"),
        "{stdout}"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn explain_prints_every_rule_and_refuses_unknown_codes() {
    for code in career_lsp::rules::CODES {
        let output = run(&["explain", code], manifest_dir());
        assert_eq!(output.status.code(), Some(0));
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(text.starts_with(&format!("# {code}")), "{text}");
        assert!(
            text.contains("## Fails") && text.contains("## Passes"),
            "{code}"
        );
    }
    assert_eq!(
        run(&["explain", "no-such-rule"], manifest_dir())
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn init_writes_the_templates_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("career-lsp.toml"),
        "today = \"2026-03-15\"\n",
    )
    .unwrap();
    let output = run(&["init", "."], dir.path());
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let career = std::fs::read_to_string(dir.path().join("Career.md")).unwrap();
    assert!(career.starts_with("# Career"));
    assert!(std::fs::read_to_string(dir.path().join("2026 Goals.md"))
        .unwrap()
        .starts_with("# 2026 Goals"));
    // The config that was there is kept as it was.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("career-lsp.toml")).unwrap(),
        "today = \"2026-03-15\"\n"
    );
    std::fs::write(dir.path().join("Career.md"), "# Career\n\nmine\n").unwrap();
    run(&["init", "."], dir.path());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("Career.md")).unwrap(),
        "# Career\n\nmine\n"
    );

    // What init writes is read back as the right kinds, every core section present.
    let fresh = tempfile::tempdir().unwrap();
    run(&["init", "."], fresh.path());
    let output = run(&["check", ".", "--format", "json"], fresh.path());
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert!(
        !findings.iter().any(|f| f["code"] == "missing-section"),
        "{findings:?}"
    );
    assert!(
        findings.iter().any(|f| f["code"] == "empty-section"),
        "{findings:?}"
    );
}
