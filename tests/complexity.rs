//! Notes whose shape would make the analysis cost far more than their size — a pasted
//! line of `![`, unclosed emphasis, a million empty list items, thousands of headings, of
//! broken links or of suppression comments — checked by the real binary under an address-space limit. `check` must
//! answer within a generous liveness timeout, without running out of memory, and say what
//! it could not read. (Before the complexity budget, 256 KB of `![` took 1.4 GB.)

use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Long enough for a debug build on a busy machine; a quadratic analysis of these notes
/// takes minutes.
const LIVENESS: Duration = Duration::from_secs(60);

const MB: u64 = 1 << 20;

struct Checked {
    status: i32,
    stdout: String,
    stderr: String,
}

/// `career-lsp check Career.md` on a note holding `text`, its address space limited to
/// `address_space` bytes; panics when it does not finish within [`LIVENESS`].
fn check_limited(text: &str, address_space: u64) -> Checked {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Career.md"), text).unwrap();
    let stdout = std::fs::File::create(dir.path().join("stdout")).unwrap();
    let stderr = std::fs::File::create(dir.path().join("stderr")).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_career-lsp"));
    command
        .args(["check", "Career.md"])
        .current_dir(dir.path())
        // One malloc arena: the address space the process reserves then follows what it
        // uses, not how many of its threads happened to allocate at once.
        .env("MALLOC_ARENA_MAX", "1")
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr);
    // SAFETY: between fork and exec the closure only calls setrlimit, which is
    // async-signal-safe, and allocates nothing.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: address_space,
                rlim_max: address_space,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = command.spawn().expect("the binary starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > LIVENESS {
            let _ = child.kill();
            let _ = child.wait();
            panic!("check did not finish within {LIVENESS:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    Checked {
        status: status
            .code()
            .unwrap_or_else(|| panic!("killed by a signal: {status}")),
        stdout: read("stdout"),
        stderr: read("stderr"),
    }
}

/// The note's findings of `code`, as `check` prints them.
fn lines_of<'a>(checked: &'a Checked, code: &str) -> Vec<&'a str> {
    let tag = format!("[{code}] ");
    checked
        .stdout
        .lines()
        .filter(|line| line.contains(&tag))
        .collect()
}

fn assert_checked(checked: &Checked) {
    // 1: findings were reported (warnings), as for any note with findings.
    assert_eq!(
        checked.status, 1,
        "stdout:\n{}\nstderr:\n{}",
        checked.stdout, checked.stderr
    );
}

#[test]
fn a_256_kb_line_of_image_openings_is_checked_in_bounded_memory() {
    let note = format!(
        "# Career\n\n## Vision\n\nSee [[2026 Goals]].\n\n{}\n",
        "![".repeat(131_072)
    );
    assert_eq!(note.len() / 1024, 256);
    let checked = check_limited(&note, 400 * MB);
    assert_checked(&checked);
    assert_eq!(
        lines_of(&checked, "partial-analysis"),
        ["Career.md:7:1: warning[partial-analysis] Only part of this note was analysed: line 7 holds 131,072 unclosed brackets, too much markup to read, so its Markdown links, images, bold text and code spans were skipped."]
    );
    // What could be read was: the link above that line.
    assert_eq!(
        lines_of(&checked, "broken-link").len(),
        1,
        "{}",
        checked.stdout
    );
}

#[test]
fn a_paragraph_of_unclosed_emphasis_is_checked_promptly() {
    let note = format!("# Career\n\n{}\n", "***a".repeat(65_536));
    let checked = check_limited(&note, 400 * MB);
    assert_checked(&checked);
    assert_eq!(
        lines_of(&checked, "partial-analysis"),
        ["Career.md:3:1: warning[partial-analysis] Only part of this note was analysed: line 3 holds 196,608 asterisks, too much markup to read, so its Markdown links, images, bold text and code spans were skipped."]
    );
}

#[test]
fn a_million_empty_list_items_are_read_up_to_the_budget() {
    // 2 MB, within the default `max-file-size`. Read whole, its block tree alone took
    // 1.3 GB; read up to the budget, the process stays near 330 MB in a debug build.
    let note = format!("# Career\n\n{}", "-\n".repeat(1_000_000));
    assert!(note.len() < 2 * MB as usize);
    let checked = check_limited(&note, 600 * MB);
    assert_checked(&checked);
    assert_eq!(
        lines_of(&checked, "partial-analysis"),
        ["Career.md:250001:1: warning[partial-analysis] Only part of this note was analysed: it holds more lines and block markup (list items, quotes, table cells, headings) than career-lsp reads in one note, so from line 250,001 on it was not read."]
    );
}

#[test]
fn a_list_nested_as_deep_as_markdown_goes_is_checked_in_bounded_memory() {
    // 254 levels of list items on one line of 480 KB: each level kept a copy of all the
    // levels inside it, 320 MB in all; the innermost item's text is read as plain text.
    let note = format!("# Career\n\n{}x\n", "- ".repeat(240_000));
    let checked = check_limited(&note, 250 * MB);
    assert_checked(&checked);
    assert_eq!(
        lines_of(&checked, "partial-analysis"),
        ["Career.md:3:509: warning[partial-analysis] Only part of this note was analysed: line 3 holds 239,746 punctuation characters, too much markup to read, so its Markdown links, images, bold text and code spans were skipped."]
    );
}

#[test]
fn thousands_of_headings_are_checked_promptly() {
    let mut note = String::from("# Career\n\n");
    for i in 0..12_000 {
        note.push_str(&format!("## Heading {i}\n\ntext\n\n"));
    }
    let checked = check_limited(&note, 400 * MB);
    assert_checked(&checked);
    assert_eq!(lines_of(&checked, "missing-section").len(), 1);
    assert!(lines_of(&checked, "partial-analysis").is_empty());
}

#[test]
fn a_hundred_thousand_broken_links_are_located_promptly() {
    // One a line, each a finding: located by counting the lines before it, 131,000
    // findings took more than five minutes.
    let note = format!("# Career\n\n{}", "- [[x]]\n".repeat(131_000));
    let checked = check_limited(&note, 800 * MB);
    assert_checked(&checked);
    let links = lines_of(&checked, "broken-link");
    assert_eq!(links.len(), 131_000);
    assert!(
        links[130_999].starts_with("Career.md:131002:3: warning[broken-link]"),
        "{}",
        links[130_999]
    );
    assert!(lines_of(&checked, "partial-analysis").is_empty());
}

#[test]
fn thousands_of_suppression_comments_are_looked_up_promptly() {
    // 20,000 comments naming 20 codes each, then 60,000 findings: each finding was
    // compared with every code of every comment (30 s in a release build).
    let codes = "a b c d e f g h i j k l m n o p q r s t";
    let note = format!(
        "# Career\n\n{}{}",
        format!("<!-- career-lsp-disable {codes} -->\n").repeat(20_000),
        "- [[x]]\n".repeat(60_000)
    );
    let checked = check_limited(&note, 800 * MB);
    assert_checked(&checked);
    assert_eq!(lines_of(&checked, "broken-link").len(), 60_000);
}
