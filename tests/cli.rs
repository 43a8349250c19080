//! The command line, run as the built binary: `check` (human, JSON, SARIF and GitHub
//! formats, colour, exit codes), `explain`, `init`.

use std::path::Path;
use std::process::{Command, Output};

mod common;
#[path = "../benches/support.rs"]
mod support;

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
fn exit_codes_follow_deny_in_every_format() {
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
    let status = |args: &[&str]| run(args, dir.path()).status.code();
    for format in FORMATS {
        assert_eq!(
            status(&["check", ".", "--format", format]),
            Some(0),
            "{format}"
        );
    }
    // A broken link is a warning: 1 by default, 0 when only errors count.
    std::fs::write(
        dir.path().join("2026-03-08 Career Coaching Session.md"),
        format!("{CLEAN_LOG}- See [[Nowhere]].\n"),
    )
    .unwrap();
    for format in FORMATS {
        assert_eq!(
            status(&["check", ".", "--format", format]),
            Some(1),
            "{format}"
        );
        assert_eq!(
            status(&["check", ".", "--format", format, "--deny", "error"]),
            Some(0),
            "{format}"
        );
        assert_eq!(
            status(&["check", ".", "--format", format, "--deny", "info"]),
            Some(1),
            "{format}"
        );
        assert_eq!(
            status(&["check", "no-such-folder", "--format", format]),
            Some(2),
            "{format}"
        );
    }
    assert_eq!(status(&["check", ".", "--color", "always"]), Some(1));
    assert_eq!(status(&["check", ".", "--color", "loud"]), Some(2));
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
fn explain_cadence_names_each_key_the_config_reads_and_its_rule() {
    let output = run(&["explain", "cadence"], manifest_dir());
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("# cadence"), "{text}");
    for (key, value, rule) in [
        ("weekly-review-days", "14", "stale-review"),
        ("monthly-milestone-grace-days", "5", "no-month-milestone"),
        (
            "quarterly-intention-grace-days",
            "10",
            "no-quarter-intention",
        ),
        ("annual-review-from", "\"11-15\"", "annual-review-due"),
    ] {
        assert!(text.contains(&format!("`{key}`")), "{key}");
        assert!(text.contains(&format!("`{rule}`")), "{rule}");
        // The example's line for the key is one the configuration reads without a problem.
        let line = format!("{key} = {value}");
        assert!(text.contains(&line), "{line}");
        let (_, problems) =
            career_lsp::workspace::Config::from_toml(&format!("[cadence]\n{line}\n"));
        assert!(problems.is_empty(), "{line}: {problems:?}");
    }
    for rule in ["stale-theme", "session-not-indexed", "open-thread-dropped"] {
        assert!(text.contains(&format!("`{rule}`")), "{rule}");
    }
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

/// Runs `command` to its end and returns its output, failing the test (and killing the
/// process) if it has not ended within a generous time: a `check` that blocked on a FIFO
/// would otherwise hang the suite.
fn bounded(mut command: Command) -> Output {
    use std::io::Read;
    let mut child = command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{command:?} did not end within 30 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    Output {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

/// Runs the binary in `dir` with only the log variables of `env` set; see [`bounded`].
fn run_bounded(args: &[&str], dir: &Path, env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_career-lsp"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("CAREER_LSP_LOG")
        .env_remove("RUST_LOG")
        .envs(env.iter().copied())
        .stdin(std::process::Stdio::null());
    bounded(command)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const CLEAN_LOG: &str = "# Session\n\n## Discussed\n- The promotion case\n\n## Decisions\n- Ask Ana for a read.\n\n## Open threads\n- Who else could sponsor it?\n";

/// A folder with a clean session log and the files `check` cannot check: a text file, a
/// note that is not UTF-8 (0xE9 at offset 12), one with a NUL byte, and (on unix) a FIFO
/// named like a note.
fn folder_with_unreadable_files() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    write("career-lsp.toml", b"today = \"2026-03-15\"\n");
    write(
        "2026-03-01 Career Coaching Session.md",
        CLEAN_LOG.as_bytes(),
    );
    write("x.txt", b"not a note\n");
    write("bad.md", b"# Session\n\nCaf\xE9 with Dana\n");
    write("binary.md", b"# Session\n\0\x01\x02");
    #[cfg(unix)]
    {
        let status = Command::new("mkfifo")
            .arg(dir.path().join("pipe.md"))
            .status()
            .expect("mkfifo runs");
        assert!(status.success());
    }
    dir
}

#[test]
fn check_says_why_it_cannot_check_a_path_and_exits_2_when_nothing_is_left() {
    let dir = folder_with_unreadable_files();
    let mut cases = vec![
        ("x.txt", "career-lsp: skipped x.txt: not a Markdown note"),
        (
            "bad.md",
            "career-lsp: skipped bad.md: not UTF-8 (byte 0xE9 at offset 14)",
        ),
        (
            "binary.md",
            "career-lsp: skipped binary.md: binary (a NUL byte at offset 10)",
        ),
        (
            "gone.md",
            "career-lsp: skipped gone.md: no such file or folder",
        ),
    ];
    if cfg!(unix) {
        cases.push((
            "pipe.md",
            "career-lsp: skipped pipe.md: not a regular file (a FIFO)",
        ));
        cases.push((
            "/dev/null",
            "career-lsp: skipped /dev/null: not a regular file (a character device)",
        ));
    }
    for (path, reason) in cases {
        for format in ["human", "json"] {
            let output = run_bounded(&["check", path, "--format", format], dir.path(), &[]);
            let stderr = text(&output.stderr);
            assert_eq!(output.status.code(), Some(2), "{path}: {stderr}");
            assert!(
                stderr.starts_with(&format!("{reason}\n")),
                "{path}: {stderr}"
            );
            assert!(stderr.contains("career-lsp: nothing to check"), "{stderr}");
            assert!(!stderr.contains("finding(s)"), "{path}: {stderr}");
            assert_eq!(text(&output.stdout), "", "{path}");
        }
    }
}

#[test]
fn check_checks_the_good_paths_of_a_mix_and_names_only_what_it_was_asked_about() {
    let dir = folder_with_unreadable_files();
    // One good note: checked, and nothing is said of the other files of its folder.
    let log = "2026-03-01 Career Coaching Session.md";
    let output = run_bounded(&["check", log], dir.path(), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(text(&output.stderr), "0 finding(s) in 0 file(s)\n");

    // A mix: the good note is checked; the others are named with their reason, and the
    // exit code is the findings'.
    std::fs::write(
        dir.path().join("2026-03-08 Career Coaching Session.md"),
        format!("{CLEAN_LOG}- See [[Nowhere]].\n"),
    )
    .unwrap();
    let output = run_bounded(
        &[
            "check",
            "2026-03-08 Career Coaching Session.md",
            "x.txt",
            "bad.md",
        ],
        dir.path(),
        &[],
    );
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout)
            .starts_with("2026-03-08 Career Coaching Session.md:11:7: warning[broken-link]"),
        "{}",
        text(&output.stdout)
    );
    assert_eq!(
        text(&output.stderr),
        "career-lsp: skipped x.txt: not a Markdown note\n\
         career-lsp: skipped bad.md: not UTF-8 (byte 0xE9 at offset 14)\n\
         1 finding(s) in 1 file(s)\n"
    );

    // A note named is checked even in a folder a check of the workspace passes over.
    std::fs::create_dir(dir.path().join(".drafts")).unwrap();
    std::fs::write(
        dir.path()
            .join(".drafts/2026-03-09 Career Coaching Session.md"),
        "# Session\n\nSee [[Elsewhere]].\n",
    )
    .unwrap();
    let output = run_bounded(
        &["check", ".drafts/2026-03-09 Career Coaching Session.md"],
        dir.path(),
        &[],
    );
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).contains("[broken-link]"),
        "{}",
        text(&output.stdout)
    );

    // A folder: the files in it that were skipped are named, relative to where check runs.
    let output = run_bounded(&["check", "."], dir.path(), &[]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let stderr = text(&output.stderr);
    let mut expected = vec![
        "career-lsp: skipped bad.md: not UTF-8 (byte 0xE9 at offset 14)",
        "career-lsp: skipped binary.md: binary (a NUL byte at offset 10)",
    ];
    if cfg!(unix) {
        expected.push("career-lsp: skipped pipe.md: not a regular file (a FIFO)");
    }
    for line in expected {
        assert!(stderr.lines().any(|l| l == line), "{line}\n{stderr}");
    }
    assert!(!stderr.contains("x.txt"), "{stderr}");
}

/// The nearest folder at or above `path` with a `career-lsp.toml`, else its folder: the
/// workspace `check` reads it in.
fn root_of(path: &Path) -> std::path::PathBuf {
    let folder = path.parent().unwrap();
    folder
        .ancestors()
        .find(|dir| dir.join("career-lsp.toml").is_file())
        .unwrap_or(folder)
        .to_path_buf()
}

/// Each finding as one line, range ends included.
fn lines_of(reported: &[career_lsp::cli::Reported]) -> Vec<String> {
    reported
        .iter()
        .map(|r| {
            format!(
                "{}:{}:{}-{}:{} {}[{}] {}",
                r.file, r.line, r.column, r.end_line, r.end_column, r.severity, r.code, r.message
            )
        })
        .collect()
}

/// Checks each note of `notes` alone and compares its findings with those it gets when
/// its whole workspace is read. (A note that cannot be read, kept in the fixtures to show
/// what links to it say, has nothing to check alone.)
fn each_note_alone_as_in_its_whole_workspace(notes: &[std::path::PathBuf]) {
    let mut whole: std::collections::HashMap<std::path::PathBuf, Vec<career_lsp::cli::Reported>> =
        std::collections::HashMap::new();
    for note in notes
        .iter()
        .filter(|note| std::fs::read_to_string(note).is_ok())
    {
        let root = root_of(note);
        let everything = whole.entry(root.clone()).or_insert_with(|| {
            career_lsp::cli::analyse(std::slice::from_ref(&root), &mut Vec::new())
                .expect("readable")
        });
        let canonical = note.canonicalize().unwrap();
        let expected: Vec<career_lsp::cli::Reported> = everything
            .iter()
            .filter(|r| r.path == canonical)
            .cloned()
            .collect();
        let mut skipped = Vec::new();
        let alone = career_lsp::cli::analyse(std::slice::from_ref(note), &mut skipped)
            .unwrap_or_else(|error| panic!("{}: {error} {skipped:?}", note.display()));
        assert_eq!(
            lines_of(&alone),
            lines_of(&expected),
            "{} checked alone",
            note.display()
        );
    }
}

fn markdown_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(markdown_files(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            found.push(path);
        }
    }
    found.sort();
    found
}

#[test]
fn a_note_checked_alone_gets_the_findings_its_whole_workspace_gives_it() {
    let fixtures = markdown_files(&manifest_dir().join("fixtures"));
    assert!(fixtures.len() > 100, "{}", fixtures.len());
    each_note_alone_as_in_its_whole_workspace(&fixtures);

    // Kinds that come from the text alone, links that lead to notes read only for them,
    // and a link whose first candidate cannot be read.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    };
    write("career-lsp.toml", b"today = \"2026-03-15\"\n");
    write(
        "me.md",
        b"# Career\n\n## Vision\n\n### The Picture\n- **Role:** Staff engineer\n\n## Plan\n\nSee [[plan#Annual Goals]].\n",
    );
    write(
        "plan.md",
        b"---\nkind: goals\nyear: 2026\n---\n\n# Plan\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status | Vision |\n|---|---|---|---|---|\n| G1 | Staff promotion | Packet accepted | In progress | Role |\n| G2 | Talks | Two talks | Not started | Reach |\n",
    );
    write("old/Goals.md", b"Intro.\n\n2025\nGoals\n=====\n\nDone.\n");
    write("CLAUDE.md", b"# Profile\n\nStaff engineer.\n");
    write("a/Reading.md", b"# Caf\xE9\n");
    write("b/Reading.md", b"# Reading\n\n## Books\n");
    write(
        "2026-03-01 Career Coaching Session.md",
        b"# Session\n\n- [[Reading#Books]], [[plan#Annual Goals]], [[me#Vision]], [[Nowhere]]\n",
    );
    for i in 0..40 {
        write(
            &format!("notes/n{i}.md"),
            format!(
                "# Note {i}\n\nAbout careers and goals, see [[n{}]].\n",
                i + 1
            )
            .as_bytes(),
        );
    }
    let readable: Vec<std::path::PathBuf> = markdown_files(&root)
        .into_iter()
        .filter(|note| !note.ends_with("a/Reading.md"))
        .collect();
    each_note_alone_as_in_its_whole_workspace(&readable);

    // A generated vault, as the benchmarks make it.
    let vault = tempfile::tempdir().unwrap();
    support::vault(vault.path(), 300, 200);
    let notes = markdown_files(vault.path());
    let sample: Vec<std::path::PathBuf> = notes.iter().step_by(29).cloned().collect();
    assert!(sample.len() > 5);
    each_note_alone_as_in_its_whole_workspace(&sample);
}

#[test]
fn explain_and_init_report_errors_on_stderr() {
    let output = run_bounded(&["explain", "bogus"], manifest_dir(), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(text(&output.stdout), "");
    let stderr = text(&output.stderr);
    assert!(
        stderr.starts_with("career-lsp: no rule called `bogus`"),
        "{stderr}"
    );
    assert!(stderr.contains("empty-section"), "{stderr}");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let output = run_bounded(&["init", file.to_str().unwrap()], dir.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(text(&output.stdout), "");
    assert!(
        text(&output.stderr).starts_with("career-lsp: cannot create"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn rust_log_sets_the_logs_unless_career_lsp_log_does() {
    let dir = folder_with_unreadable_files();
    let logged = |env: &[(&str, &str)]| {
        let output = run_bounded(&["check", "."], dir.path(), env);
        text(&output.stderr)
            .lines()
            .any(|line| line.contains("INFO") && line.contains("bad.md"))
    };
    assert!(!logged(&[]));
    assert!(logged(&[("RUST_LOG", "info")]));
    assert!(logged(&[("CAREER_LSP_LOG", "info")]));
    assert!(!logged(&[("CAREER_LSP_LOG", "warn"), ("RUST_LOG", "info")]));
    assert!(logged(&[("CAREER_LSP_LOG", "info"), ("RUST_LOG", "warn")]));
}

#[test]
fn the_flags_node_style_launchers_pass_are_accepted() {
    for args in [
        &["--clientProcessId=4242"][..],
        &["--clientProcessId", "4242"],
        &["--stdio", "--clientProcessId=4242"],
        &["serve", "--clientProcessId=4242"],
        &["serve", "--stdio", "--clientProcessId", "4242"],
    ] {
        let mut session = common::stdio::Session::start_with_args(args);
        session.initialize();
        session.request_ok("shutdown", serde_json::Value::Null);
        session.notify("exit", serde_json::Value::Null);
        assert_eq!(session.wait().code(), Some(0), "{args:?}");
    }
    // A transport the server does not speak is refused, not ignored.
    let output = run_bounded(&["--node-ipc"], manifest_dir(), &[]);
    assert_eq!(output.status.code(), Some(2));
}

/// `career-lsp mcp` on a folder it cannot serve says why and exits 2, before any session.
#[test]
fn mcp_refuses_a_root_that_is_not_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("Career.md");
    std::fs::write(&file, "# Career\n").unwrap();
    let missing = dir.path().join("nowhere");
    for (root, says) in [(&missing, "cannot open"), (&file, "is not a folder")] {
        let output = run_bounded(&["mcp", "--root", root.to_str().unwrap()], dir.path(), &[]);
        assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
        assert!(
            text(&output.stderr).contains(says),
            "{}",
            text(&output.stderr)
        );
        assert!(output.stdout.is_empty());
    }
}

/// Every `--format` of `check`.
const FORMATS: [&str; 4] = ["human", "json", "sarif", "github"];

/// `check fixtures/demo --format json`'s findings: the reference the other formats are held
/// to (and `check_prints_exactly_the_demo_expectations` holds it to the fixture).
fn demo_findings() -> Vec<serde_json::Value> {
    let json = run_bounded(
        &["check", "fixtures/demo", "--format", "json"],
        manifest_dir(),
        &[],
    );
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(findings.len(), 33, "{findings:?}");
    findings
}

/// The one-line format of `findings`: `file:line:col: severity[code] message` a line.
fn one_line_format(findings: &[serde_json::Value]) -> String {
    findings
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{}: {}[{}] {}\n",
                f["file"].as_str().unwrap(),
                f["line"],
                f["column"],
                f["severity"].as_str().unwrap(),
                f["code"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn sarif_has_one_result_per_finding_with_its_rule_and_region() {
    let findings = demo_findings();
    let output = run_bounded(
        &["check", "fixtures/demo", "--format", "sarif"],
        manifest_dir(),
        &[],
    );
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    // Nothing but the log: no summary, on either stream.
    assert_eq!(text(&output.stderr), "");
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "career-lsp");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(run["columnKind"], "unicodeCodePoints");

    // Every rule of the registry, in its order, then `config`.
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut expected_ids = career_lsp::rules::CODES.to_vec();
    expected_ids.push("config");
    assert_eq!(ids, expected_ids);
    for rule in &rules[..rules.len() - 1] {
        let id = rule["id"].as_str().unwrap();
        let meta = career_lsp::rules::rule(id).unwrap().meta();
        assert_eq!(
            rule["helpUri"].as_str().unwrap(),
            career_lsp::rules::docs_url(id)
        );
        assert_eq!(rule["help"]["markdown"], meta.documentation, "{id}");
        assert_eq!(
            rule["shortDescription"]["text"],
            meta.summary_sentence().unwrap()
        );
        assert_eq!(rule["fullDescription"]["text"], meta.summary().unwrap());
    }

    // One result per finding, in the same order, with the same rule, place and message.
    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    let cwd = manifest_dir().canonicalize().unwrap();
    assert_eq!(
        percent_encoding::percent_decode_str(base)
            .decode_utf8()
            .unwrap(),
        format!("file://{}/", cwd.display())
    );
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    for (result, finding) in results.iter().zip(&findings) {
        let code = finding["code"].as_str().unwrap();
        assert_eq!(result["ruleId"], code);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], code);
        let level = match finding["severity"].as_str().unwrap() {
            "info" | "hint" => "note",
            other => other,
        };
        assert_eq!(result["level"], level, "{finding}");
        assert_eq!(result["message"]["text"], finding["message"]);
        let locations = result["locations"].as_array().unwrap();
        assert_eq!(locations.len(), 1);
        let location = &locations[0]["physicalLocation"];
        let artifact = &location["artifactLocation"];
        assert_eq!(artifact["uriBaseId"], "%SRCROOT%");
        let uri = artifact["uri"].as_str().unwrap();
        assert!(!uri.contains(' '), "{uri}");
        assert_eq!(
            percent_encoding::percent_decode_str(uri)
                .decode_utf8()
                .unwrap(),
            finding["file"].as_str().unwrap()
        );
        let region = &location["region"];
        for (sarif, json) in [
            ("startLine", "line"),
            ("startColumn", "column"),
            ("endLine", "end_line"),
            ("endColumn", "end_column"),
        ] {
            assert_eq!(region[sarif], finding[json], "{sarif} of {finding}");
        }
    }
    assert!(results.iter().any(|r| r["level"] == "note"));
    assert!(results.iter().any(
        |r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            == "fixtures/demo/2026%20Goals.md"
    ));
}

#[test]
fn sarif_reports_config_problems_under_the_config_rule() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("career-lsp.toml"),
        "today = \"2026-03-15\"\n[rules]\nempty-section = \"loud\"\n",
    )
    .unwrap();
    let output = run_bounded(&["check", ".", "--format", "sarif"], dir.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let run = &log["runs"][0];
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "config");
    assert_eq!(result["level"], "error");
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(run["tool"]["driver"]["rules"][index]["id"], "config");
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "career-lsp.toml");
    assert_eq!(location["region"]["startLine"], 3);
    assert_eq!(location["region"]["startColumn"], 17);
}

/// A workflow command's message or property as the GitHub runner wants it escaped,
/// written out here apart from the implementation.
fn github_escaped(value: &str, property: bool) -> String {
    let mut escaped = String::new();
    for c in value.chars() {
        match c {
            '%' => escaped.push_str("%25"),
            '\r' => escaped.push_str("%0D"),
            '\n' => escaped.push_str("%0A"),
            ':' if property => escaped.push_str("%3A"),
            ',' if property => escaped.push_str("%2C"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[test]
fn github_prints_one_annotation_a_finding_and_the_summary_on_stderr() {
    let findings = demo_findings();
    let output = run_bounded(
        &["check", "fixtures/demo", "--format", "github"],
        manifest_dir(),
        &[],
    );
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), findings.len(), "{stdout}");
    assert!(stdout.ends_with('\n'));
    for (line, finding) in lines.iter().zip(&findings) {
        let kind = match finding["severity"].as_str().unwrap() {
            "info" | "hint" => "notice",
            other => other,
        };
        let expected = format!(
            "::{kind} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            github_escaped(finding["file"].as_str().unwrap(), true),
            finding["line"],
            finding["column"],
            finding["end_line"],
            finding["end_column"],
            github_escaped(
                &format!("career-lsp({})", finding["code"].as_str().unwrap()),
                true
            ),
            github_escaped(finding["message"].as_str().unwrap(), false),
        );
        assert_eq!(*line, expected);
    }
    // The demo's messages hold the characters that need escaping.
    assert!(stdout.contains("%25"), "{stdout}");
    assert!(lines.iter().any(|l| l.starts_with("::notice ")));
    assert!(lines.iter().any(|l| l.starts_with("::error ")));
    assert_eq!(text(&output.stderr), summary_of(&findings));
}

/// `N finding(s) in M file(s)`, the line `check` ends with on stderr.
fn summary_of(findings: &[serde_json::Value]) -> String {
    let files: std::collections::BTreeSet<&str> = findings
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    format!("{} finding(s) in {} file(s)\n", findings.len(), files.len())
}

#[test]
fn human_output_without_colour_is_the_one_line_format_byte_for_byte() {
    let findings = demo_findings();
    let expected = one_line_format(&findings);
    for (args, env) in [
        (&["check", "fixtures/demo"][..], &[][..]),
        (&["check", "fixtures/demo", "--color", "auto"], &[]),
        (&["check", "fixtures/demo", "--color", "never"], &[]),
        (
            &["check", "fixtures/demo", "--color", "auto"],
            &[("NO_COLOR", "1")],
        ),
        (
            &["check", "fixtures/demo", "--format", "human"],
            &[("NO_COLOR", "")],
        ),
    ] {
        let output = run_bounded(args, manifest_dir(), env);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert_eq!(text(&output.stderr), summary_of(&findings), "{args:?}");
        assert!(
            output.stdout == expected.as_bytes(),
            "{args:?} {env:?}:\n{}",
            text(&output.stdout)
        );
    }
}

/// `text` without its ANSI escapes: colours (`ESC [ … m`) and hyperlinks (`ESC ] … ESC \`).
fn without_escapes(text: &str) -> String {
    let escapes = regex::Regex::new(r"\x1b\[[0-9;]*m|\x1b\][^\x1b]*\x1b\\").unwrap();
    escapes.replace_all(text, "").into_owned()
}

/// Line `line` (1-based) of the file `file`, relative to the repository.
fn source_line(file: &str, line: u64) -> String {
    let text = std::fs::read_to_string(manifest_dir().join(file)).unwrap();
    text.lines()
        .nth(line as usize - 1)
        .unwrap()
        .trim_end()
        .to_string()
}

#[test]
fn color_always_gives_colour_and_code_frames_into_a_pipe() {
    let findings = demo_findings();
    // `--color always` is the later word: `NO_COLOR` does not turn it off.
    for env in [&[][..], &[("NO_COLOR", "1")]] {
        let output = run_bounded(
            &["check", "fixtures/demo", "--color", "always"],
            manifest_dir(),
            env,
        );
        assert_eq!(output.status.code(), Some(1));
        let stdout = text(&output.stdout);
        assert!(stdout.contains("\u{1b}["), "{stdout}");
        let plain = without_escapes(&stdout);
        assert!(!plain.contains('\u{1b}'), "{plain}");
        let frames: Vec<&str> = plain.split("\n\n").filter(|f| !f.is_empty()).collect();
        assert_eq!(frames.len(), findings.len(), "{plain}");
        for (frame, finding) in frames.iter().zip(&findings) {
            let (file, line) = (finding["file"].as_str().unwrap(), &finding["line"]);
            let title = format!(
                "{}[{}]: {}",
                finding["severity"].as_str().unwrap(),
                finding["code"].as_str().unwrap(),
                finding["message"].as_str().unwrap()
            );
            assert!(frame.starts_with(&title), "{frame}");
            let origin = format!("--> {file}:{line}:{}\n", finding["column"]);
            assert!(frame.contains(&origin), "{origin}\n{frame}");
            // The frame shows the source line, numbered, and underlines it.
            let shown = format!("\n{line} | {}", source_line(file, line.as_u64().unwrap()));
            assert!(frame.contains(&shown), "{shown}\n{frame}");
            assert!(frame.contains('^'), "{frame}");
        }
        // Each rule's first finding says where its documentation is.
        assert!(plain.contains("= help: `career-lsp explain unknown-goal-ref` tells why"));
        assert_eq!(
            plain.matches("career-lsp explain unquantified-win").count(),
            1
        );
        // The summary stays on stderr, last.
        assert_eq!(text(&output.stderr), summary_of(&findings));
    }
}

/// Runs the binary in `dir` with its stdout on a pseudo-terminal and `NO_COLOR` unset but
/// for `env`; returns what it wrote there (line ends as written, not as the terminal shows
/// them) and its exit code.
#[cfg(target_os = "linux")]
fn run_on_terminal(args: &[&str], dir: &Path, env: &[(&str, &str)]) -> (String, Option<i32>) {
    use std::io::Read;
    use std::os::fd::{FromRawFd, OwnedFd};
    let (mut main, mut secondary) = (-1, -1);
    // SAFETY: openpty writes two file descriptors, which are owned from here on.
    let opened = unsafe {
        libc::openpty(
            &mut main,
            &mut secondary,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(opened, 0, "openpty: {}", std::io::Error::last_os_error());
    let (main, secondary) =
        unsafe { (OwnedFd::from_raw_fd(main), OwnedFd::from_raw_fd(secondary)) };
    let mut command = Command::new(env!("CARGO_BIN_EXE_career-lsp"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CAREER_LSP_LOG")
        .env_remove("RUST_LOG")
        .envs(env.iter().copied())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::from(secondary))
        .stderr(std::process::Stdio::piped());
    let child = command.spawn().expect("the binary runs");
    // The command holds the terminal's other end: once it is dropped and the child has
    // ended, reading the main end ends (EIO on Linux), and what was read is kept.
    drop(command);
    let reader = std::thread::spawn(move || {
        let mut written = Vec::new();
        let _ = std::fs::File::from(main).read_to_end(&mut written);
        written
    });
    let output = child.wait_with_output().expect("the binary ends");
    let written = reader.join().unwrap();
    (text(&written).replace("\r\n", "\n"), output.status.code())
}

#[cfg(target_os = "linux")]
#[test]
fn on_a_terminal_colour_is_on_unless_no_color_or_never_says_otherwise() {
    let expected = one_line_format(&demo_findings());
    let (coloured, code) = run_on_terminal(&["check", "fixtures/demo"], manifest_dir(), &[]);
    assert_eq!(code, Some(1));
    assert!(coloured.contains("\u{1b}["), "{coloured}");
    assert!(without_escapes(&coloured).contains("\n43 | "), "{coloured}");
    for (args, env) in [
        (&["check", "fixtures/demo"][..], &[("NO_COLOR", "1")][..]),
        (&["check", "fixtures/demo", "--color", "never"], &[]),
    ] {
        let (plain, code) = run_on_terminal(args, manifest_dir(), env);
        assert_eq!(code, Some(1));
        assert_eq!(plain, expected, "{args:?} {env:?}");
    }
    // An empty NO_COLOR is as if unset.
    let (coloured, _) = run_on_terminal(
        &["check", "fixtures/demo"],
        manifest_dir(),
        &[("NO_COLOR", "")],
    );
    assert!(coloured.contains("\u{1b}["), "{coloured}");
}

/// `career-lsp report` writes the demo's page to a file, its Markdown to standard output,
/// a folder below with its own configuration as its own workspace, and refuses a file.
#[test]
fn report_writes_the_page_or_markdown_and_refuses_what_is_no_folder() {
    let demo = manifest_dir().join("fixtures/demo");
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("demo.html");
    let output = run_bounded(
        &[
            "report",
            demo.to_str().unwrap(),
            "--output",
            page.to_str().unwrap(),
        ],
        dir.path(),
        &[],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
    assert!(html.contains("G1 Make the case for Principal Engineer"));
    assert!(output.stdout.is_empty());

    let output = run_bounded(&["report", "--format", "md"], &demo, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let markdown = text(&output.stdout);
    assert!(
        markdown.starts_with("# Career dashboard\n\nAs of 2026-03-15.\n"),
        "{markdown}"
    );

    // year-end/ has its own career-lsp.toml (its clock at 2 December).
    let output = run_bounded(&["report", "year-end", "--format", "md"], &demo, &[]);
    let markdown = text(&output.stdout);
    assert!(markdown.contains("As of 2026-12-02."), "{markdown}");
    assert!(markdown.contains("### 2026 Goals.md"), "{markdown}");
    assert!(!markdown.contains("Career Coaching Session"), "{markdown}");

    let output = run_bounded(&["report", "Career.md"], &demo, &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("Career.md is not a folder"));
    let empty = tempfile::tempdir().unwrap();
    let output = run_bounded(&["report"], empty.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("there are no notes"),
        "{}",
        text(&output.stderr)
    );
}
