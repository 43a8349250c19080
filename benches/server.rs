//! The language server end to end: the built binary driven over real stdio, on generated
//! workspaces — the Career Index (2,000 lines) with its Goals note and a profile, then
//! 1,000 and 10,000 notes — and `career-lsp check` on workspaces of 100, 1,000 and 10,000
//! notes. For each workspace it prints the p50, p90 and p99 of:
//!
//! - process start → `initialize` answered (the server indexes the workspace in the
//!   background), and `initialize` answered → the first pulled diagnostics of the open
//!   `Career.md` (`initialized`, `didOpen`, `textDocument/diagnostic`): workspace ready;
//! - a one-character edit in a Wins bullet → `textDocument/diagnostic` answered, for a
//!   client that pulls diagnostics;
//! - the same edit → `textDocument/publishDiagnostics` for that version, in a second
//!   session whose client does not pull, with the server's `diagnosticsDelayMs` setting at
//!   0 (its default debounce is 150 ms);
//! - hover on the Sponsors heading and completion inside `[[2026 Goals]]`;
//! - `workspace/diagnostic` and `workspace/symbol` (query "") once each;
//!
//! then the server's memory after the series (VmHWM, VmRSS), and for `check` its wall
//! time and peak RSS (from `wait4`). In the same run, tree-sitter-md's bare incremental
//! block-tree parse of the same edit, in process, gives the floor the edits are compared
//! with.
//!
//! Run with `cargo bench --bench server`; `cargo bench --bench server -- check` (or
//! `sessions`) runs one part. `--test` (smoke mode) uses the index alone and
//! 100 notes with a few iterations, exercises every operation, and fails when a request
//! fails, times out or is answered in the wrong shape.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tree_sitter::{InputEdit, Parser, Point, Tree};

#[path = "lsp_client.rs"]
mod lsp_client;
#[path = "support.rs"]
mod support;

use lsp_client::{file_uri, framed, Server};
use support::{human, percentile, Spot};

/// The Career Index of every generated workspace.
const INDEX_LINES: usize = 2_000;
/// The smallest workspace: the Career Index, its Goals note and a profile.
const INDEX_ALONE: &str = "the index, its Goals note and a profile";
/// How long a workspace-wide request or an `initialize` over many notes may take.
const SLOW_TIMEOUT: Duration = Duration::from_secs(600);

/// How much of everything to do.
struct Plan {
    smoke: bool,
    /// Workspaces for the sessions: (label, notes).
    sessions: Vec<(&'static str, usize)>,
    /// Workspaces for `check`.
    checks: Vec<usize>,
    /// Edits per series, and hovers and completions.
    edits: usize,
    requests: usize,
    /// Server starts (or `check` runs) per workspace: at least the first number, then more
    /// until the budget is spent or the second number is reached.
    runs: (usize, usize),
    budget: Duration,
}

impl Plan {
    fn new(smoke: bool) -> Plan {
        if smoke {
            Plan {
                smoke,
                sessions: vec![(INDEX_ALONE, 3), ("100 notes", 100)],
                checks: vec![3, 100],
                edits: 10,
                requests: 10,
                runs: (2, 2),
                budget: Duration::from_secs(10),
            }
        } else {
            Plan {
                smoke,
                sessions: vec![
                    (INDEX_ALONE, 3),
                    ("1,000 notes", 1_000),
                    ("10,000 notes", 10_000),
                ],
                checks: vec![100, 1_000, 10_000],
                edits: 250,
                requests: 100,
                runs: (3, 20),
                budget: Duration::from_secs(30),
            }
        }
    }

    /// Whether to run once more after `done` runs that took `spent` in all: at least the
    /// minimum unless the runs are very slow, then more while the budget lasts.
    fn again(&self, done: usize, spent: Duration) -> bool {
        let (least, most) = self.runs;
        done == 0
            || (done < least && spent < self.budget * 4)
            || (done < most && spent < self.budget)
    }
}

fn main() {
    // `cargo bench` passes `--bench`; `--test` asks for the smoke run. Other words choose
    // the parts to run, `check` or `sessions` (both when none is given).
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let plan = Plan::new(arguments.iter().any(|arg| arg == "--test"));
    let parts: Vec<&str> = arguments
        .iter()
        .filter(|arg| !arg.starts_with('-'))
        .map(String::as_str)
        .collect();
    let wanted = |part: &str| parts.is_empty() || parts.contains(&part);

    // First, while this process is small: Linux carries a process's peak memory into the
    // children it starts (through `vfork` and `exec`), so a child's peak reads at least
    // as high as this process's own.
    if wanted("check") {
        check_series(&plan);
    }
    if wanted("sessions") {
        sessions(&plan);
    }
}

fn sessions(plan: &Plan) {
    let index = support::career_index(INDEX_LINES);
    let spot = Spot::in_wins(&index);
    let floor = floor_series(&index, spot, plan.edits.max(250));
    println!();
    println!(
        "career-lsp over stdio{}. The edit: one character typed and deleted in turn in a Wins \
         bullet of a {}-line Career Index ({} bytes), line {} UTF-16 column {}.",
        if plan.smoke { " (smoke run)" } else { "" },
        support::thousands(index.lines().count()),
        index.len(),
        spot.line,
        spot.utf16_column,
    );

    for &(label, notes) in &plan.sessions {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir
            .path()
            .canonicalize()
            .expect("the temporary folder has a canonical path");
        support::vault(&root, notes, INDEX_LINES);
        let mut table = Table::new(format!("Workspace: {label}"));
        pulling_session(plan, &root, notes, spot, &mut table);
        pushing_session(plan, &root, spot, &mut table);
        table.row("floor: tree-sitter-md incremental parse", &floor, false);
        table.print(&floor);
    }
}

// ---------------------------------------------------------------------------------------
// Sessions

/// The capabilities of a client that pulls diagnostics (and re-pulls when asked, without
/// which the server pushes), or of one that only takes them pushed.
fn capabilities(pull: bool) -> Value {
    let mut capabilities = json!({
        "general": {"positionEncodings": ["utf-16"]},
        "textDocument": {
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "completion": {"completionItem": {"snippetSupport": false}},
            "publishDiagnostics": {"versionSupport": true},
        },
        "workspace": {"symbol": {}},
    });
    if pull {
        capabilities["textDocument"]["diagnostic"] = json!({});
        capabilities["workspace"]["diagnostics"] = json!({"refreshSupport": true});
    }
    capabilities
}

/// A server started on `root` and initialized; the time from the process's start to the
/// `initialize` answer.
fn start(root: &Path, pull: bool) -> (Server, Duration) {
    let started = Instant::now();
    let mut server = Server::start();
    let id = server.request(
        "initialize",
        json!({
            "processId": std::process::id(),
            "rootUri": file_uri(root),
            "workspaceFolders": [{"uri": file_uri(root), "name": "vault"}],
            "capabilities": capabilities(pull),
            "initializationOptions": {"diagnosticsDelayMs": 0},
        }),
    );
    let response = response_within(&mut server, id, SLOW_TIMEOUT);
    let elapsed = started.elapsed();
    assert_eq!(
        response["result"]["serverInfo"]["name"], "career-lsp",
        "{response}"
    );
    (server, elapsed)
}

fn open(server: &mut Server, uri: &str, text: &str) {
    server.notify("initialized", json!({}));
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": text,
        }}),
    );
}

/// The `didChange` of the `i`th edit (version `i + 2`: the note opened as version 1).
fn did_change(uri: &str, spot: Spot, i: usize) -> Vec<u8> {
    let at = json!({"line": spot.line, "character": spot.utf16_column});
    let after = json!({"line": spot.line, "character": spot.utf16_column + 1});
    let (range, text) = support::typed(spot, i);
    let end = if range.is_empty() { &at } else { &after };
    framed(&json!({
        "jsonrpc": "2.0",
        "method": "textDocument/didChange",
        "params": {
            "textDocument": {"uri": uri, "version": i + 2},
            "contentChanges": [{"range": {"start": at, "end": end}, "text": text}],
        },
    }))
}

/// The session of a client that pulls diagnostics: starts (several, for the startup
/// times), edits with a pull after each, hovers, completions, the workspace-wide requests
/// and the memory at the end.
fn pulling_session(plan: &Plan, root: &Path, notes: usize, spot: Spot, table: &mut Table) {
    let index_path = root.join("Career.md");
    let text = std::fs::read_to_string(&index_path).expect("the index is written");
    let uri = file_uri(&index_path);

    let (mut starts, mut ready) = (Vec::new(), Vec::new());
    let mut spent = Duration::ZERO;
    let server = loop {
        let began = Instant::now();
        let (mut server, initialized) = start(root, true);
        let answered = Instant::now();
        open(&mut server, &uri, &text);
        let id = server.request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        );
        let report = response_within(&mut server, id, SLOW_TIMEOUT);
        ready.push(answered.elapsed());
        check_report(&report);
        starts.push(initialized);
        spent += began.elapsed();
        if !plan.again(starts.len(), spent) {
            break server;
        }
        server.shutdown();
    };
    let mut server = server;
    table.row("start → initialize answered", &starts, false);
    table.row(
        "initialize → Career.md diagnostics (workspace ready)",
        &ready,
        false,
    );

    let mut edits = Vec::with_capacity(plan.edits);
    for i in 0..plan.edits {
        let change = did_change(&uri, spot, i);
        let id = server.next_id();
        let pull = framed(&json!({
            "jsonrpc": "2.0", "id": id, "method": "textDocument/diagnostic",
            "params": {"textDocument": {"uri": uri}},
        }));
        let started = Instant::now();
        server.write(&change);
        server.write(&pull);
        let response = server.response(id);
        edits.push(started.elapsed());
        check_report(&response);
    }
    table.row("edit → textDocument/diagnostic (pull)", &edits, true);
    if plan.edits % 2 == 1 {
        // Undo the last insertion, so that the positions below hold.
        server.write(&did_change(&uri, spot, plan.edits));
    }

    let sponsors = Spot::in_first(&text, "### Sponsors", "### Spon".len());
    let hovers = timed(plan.requests, || {
        let response = request(
            &mut server,
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": position(sponsors)}),
        );
        let contents = &response["result"]["contents"];
        assert!(
            contents["value"].as_str().is_some_and(|v| !v.is_empty()),
            "a hover with contents: {response}"
        );
    });
    table.row("hover (Sponsors heading)", &hovers, false);

    let in_link = Spot::in_first(&text, "[[2026 Goals]]", "[[2026 Go".len());
    let completions = timed(plan.requests, || {
        let response = request(
            &mut server,
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": position(in_link)}),
        );
        let result = &response["result"];
        let items = result
            .as_array()
            .or_else(|| result["items"].as_array())
            .unwrap_or_else(|| panic!("completion items: {response}"));
        assert!(
            items.iter().any(|item| item["label"] == "2026 Goals"),
            "the Goals note among the completions: {response}"
        );
    });
    table.row("completion (in [[2026 Go…]])", &completions, false);

    let started = Instant::now();
    let id = server.request("workspace/diagnostic", json!({"previousResultIds": []}));
    let response = response_within(&mut server, id, SLOW_TIMEOUT);
    let workspace_diagnostic = started.elapsed();
    let reports = response["result"]["items"]
        .as_array()
        .unwrap_or_else(|| panic!("a workspace report: {response}"))
        .len();
    assert!(
        reports >= notes,
        "a report for each of the {notes} notes, not {reports}"
    );
    table.row(
        &format!("workspace/diagnostic ({reports} reports)"),
        &[workspace_diagnostic],
        false,
    );

    let started = Instant::now();
    let id = server.request("workspace/symbol", json!({"query": ""}));
    let response = response_within(&mut server, id, SLOW_TIMEOUT);
    let workspace_symbol = started.elapsed();
    let symbols = response["result"]
        .as_array()
        .unwrap_or_else(|| panic!("workspace symbols: {response}"))
        .len();
    // A symbol for each note and more, up to the server's cap of 1,000 an answer.
    assert!(
        symbols > notes.min(999),
        "a symbol for each note and more: {symbols}"
    );
    table.row(
        &format!("workspace/symbol \"\" ({symbols} symbols)"),
        &[workspace_symbol],
        false,
    );

    table.memory("pulling session", memory(server.pid()));
    server.shutdown();
}

/// The session of a client that takes diagnostics pushed: each edit waits for the
/// `publishDiagnostics` of its version.
fn pushing_session(plan: &Plan, root: &Path, spot: Spot, table: &mut Table) {
    let index_path = root.join("Career.md");
    let text = std::fs::read_to_string(&index_path).expect("the index is written");
    let uri = file_uri(&index_path);
    let (mut server, _) = start(root, false);
    open(&mut server, &uri, &text);
    published(&mut server, &uri, 1, SLOW_TIMEOUT);

    let mut edits = Vec::with_capacity(plan.edits);
    for i in 0..plan.edits {
        let change = did_change(&uri, spot, i);
        let started = Instant::now();
        server.write(&change);
        published(&mut server, &uri, i + 2, lsp_client::TIMEOUT);
        edits.push(started.elapsed());
    }
    table.row(
        "edit → publishDiagnostics of that version (push)",
        &edits,
        true,
    );
    table.memory("pushing session", memory(server.pid()));
    server.shutdown();
}

/// Waits for the diagnostics of `uri` at `version` to be pushed.
fn published(server: &mut Server, uri: &str, version: usize, timeout: Duration) -> Value {
    let message = server
        .wait_for(timeout, |message| {
            message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
                && message["params"]["version"] == version
        })
        .unwrap_or_else(|| {
            panic!("no diagnostics pushed for version {version} of {uri} within {timeout:?}")
        });
    assert!(
        message["params"]["diagnostics"].is_array(),
        "pushed diagnostics: {message}"
    );
    message
}

/// The answer to request `id` within `timeout`; a failure or no answer fails the run.
fn response_within(server: &mut Server, id: i64, timeout: Duration) -> Value {
    let response = server
        .wait_for(timeout, |message| {
            message.get("method").is_none() && message["id"] == id
        })
        .unwrap_or_else(|| panic!("no response to request {id} within {timeout:?}"));
    assert!(
        response.get("error").is_none(),
        "request {id} failed: {response}"
    );
    response
}

fn request(server: &mut Server, method: &str, params: Value) -> Value {
    let id = server.request(method, params);
    server.response(id)
}

fn position(spot: Spot) -> Value {
    json!({"line": spot.line, "character": spot.utf16_column})
}

/// A full report with its list of findings: the server analysed the note.
fn check_report(response: &Value) {
    let result = &response["result"];
    assert_eq!(result["kind"], "full", "not a full report: {response}");
    assert!(
        result["items"].is_array(),
        "a report without items: {response}"
    );
}

fn timed(times: usize, mut operation: impl FnMut()) -> Vec<Duration> {
    (0..times)
        .map(|_| {
            let started = Instant::now();
            operation();
            started.elapsed()
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// The floor

/// tree-sitter-md's block-tree incremental parse of the same edits, in process, keeping
/// each new tree for the next edit as an editor would.
fn floor_series(text: &str, spot: Spot, edits: usize) -> Vec<Duration> {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_md::LANGUAGE.into())
        .expect("the Markdown grammar loads");
    let mut tree: Tree = parser.parse(text, None).expect("the note parses");
    let mut inserted = text.to_string();
    inserted.insert(spot.byte, 'x');
    let at = Point::new(spot.line, spot.byte_column);
    let after = Point::new(spot.line, spot.byte_column + 1);
    let mut times = Vec::with_capacity(edits);
    for i in 0..edits {
        let (range, _) = support::typed(spot, i);
        let (old_end, new_end, new_text) = if range.is_empty() {
            (at, after, inserted.as_str())
        } else {
            (after, at, text)
        };
        let edit = InputEdit {
            start_byte: spot.byte,
            old_end_byte: spot.byte + usize::from(!range.is_empty()),
            new_end_byte: spot.byte + usize::from(range.is_empty()),
            start_position: at,
            old_end_position: old_end,
            new_end_position: new_end,
        };
        let started = Instant::now();
        tree.edit(&edit);
        tree = parser
            .parse(new_text, Some(&tree))
            .expect("the edited note parses");
        times.push(started.elapsed());
    }
    let expected = if edits.is_multiple_of(2) {
        text
    } else {
        &inserted
    };
    assert_eq!(
        tree.root_node().end_byte(),
        expected.len(),
        "the edits leave the text as expected"
    );
    times
}

// ---------------------------------------------------------------------------------------
// `check`

/// `career-lsp check <workspace>`: wall time and peak RSS by workspace size.
fn check_series(plan: &Plan) {
    let (own_peak, _) = memory(std::process::id());
    println!(
        "career-lsp check <workspace> (Career Index of {} lines); a peak RSS reads at least \
         this benchmark's own, {}:",
        support::thousands(INDEX_LINES),
        megabytes(own_peak)
    );
    println!(
        "{:<14} {:>4} {:>11} {:>11} {:>11} {:>14} {:>10}",
        "notes", "n", "p50", "p90", "p99", "peak RSS p50", "findings"
    );
    for &notes in &plan.checks {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir
            .path()
            .canonicalize()
            .expect("the temporary folder has a canonical path");
        support::vault(&root, notes, INDEX_LINES);
        let (mut times, mut peaks) = (Vec::new(), Vec::new());
        let mut findings = String::new();
        let mut spent = Duration::ZERO;
        while plan.again(times.len(), spent) {
            let run = check(&root, dir.path());
            spent += run.wall;
            times.push(run.wall);
            peaks.push(run.peak_rss);
            findings = run.summary;
        }
        peaks.sort();
        println!(
            "{:<14} {:>4} {:>11} {:>11} {:>11} {:>14} {:>10}",
            support::thousands(notes),
            times.len(),
            human(percentile(&times, 50)),
            human(percentile(&times, 90)),
            human(percentile(&times, 99)),
            megabytes(peaks[peaks.len() / 2]),
            findings,
        );
    }
}

struct CheckRun {
    wall: Duration,
    /// Bytes.
    peak_rss: u64,
    /// How many findings `check` reported.
    summary: String,
}

/// One `check` of `root`, its summary line written to a file in `scratch`.
fn check(root: &Path, scratch: &Path) -> CheckRun {
    let summary_path = scratch.join("check-summary.txt");
    let summary_file = std::fs::File::create(&summary_path).expect("a file for the summary");
    let started = Instant::now();
    // `wait4` below reaps the child, which `Child::wait` cannot do with its resource usage.
    #[allow(clippy::zombie_processes)]
    let child = Command::new(env!("CARGO_BIN_EXE_career-lsp"))
        .arg("check")
        .arg(root)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(summary_file)
        .spawn()
        .expect("career-lsp check starts");
    let (status, peak_rss) = wait4(child.id());
    let wall = started.elapsed();
    let summary = std::fs::read_to_string(&summary_path).expect("the summary is written");
    // 0: no findings at the denied level; 1: some. Anything else is a failure.
    assert!(
        status == Some(0) || status == Some(1),
        "career-lsp check {} ended with {status:?}: {summary}",
        root.display()
    );
    let count = summary
        .lines()
        .find_map(|line| line.split_once(" finding(s) in "))
        .map(|(count, _)| count.trim().to_string())
        .unwrap_or_else(|| panic!("no summary from career-lsp check: {summary}"));
    CheckRun {
        wall,
        peak_rss,
        summary: count,
    }
}

/// Waits for the child `pid` to end: its exit status (`None` when a signal ended it) and
/// its peak resident memory in bytes, from the kernel's resource usage.
fn wait4(pid: u32) -> (Option<i32>, u64) {
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain data; all zeroes is a valid value, which `wait4` fills in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet waited for; both pointers are valid.
    let waited = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(
        waited,
        pid as libc::pid_t,
        "wait4: {}",
        std::io::Error::last_os_error()
    );
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    // Linux gives `ru_maxrss` in kilobytes.
    (code, usage.ru_maxrss as u64 * 1024)
}

// ---------------------------------------------------------------------------------------
// Memory and printing

/// (VmHWM, VmRSS) of a process, in bytes: its peak and current resident memory.
fn memory(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .expect("/proc/<pid>/status of a running process");
    let field = |name: &str| -> u64 {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
            .map(|kilobytes: u64| kilobytes * 1024)
            .unwrap_or_else(|| panic!("{name} in /proc/{pid}/status"))
    };
    (field("VmHWM:"), field("VmRSS:"))
}

/// One workspace's figures, printed as a table.
struct Table {
    title: String,
    /// (operation, times, compare with the floor).
    rows: Vec<(String, Vec<Duration>, bool)>,
    memory: Vec<(&'static str, (u64, u64))>,
}

impl Table {
    fn new(title: String) -> Table {
        Table {
            title,
            rows: Vec::new(),
            memory: Vec::new(),
        }
    }

    fn row(&mut self, operation: &str, times: &[Duration], against_floor: bool) {
        self.rows
            .push((operation.to_string(), times.to_vec(), against_floor));
    }

    fn memory(&mut self, session: &'static str, memory: (u64, u64)) {
        self.memory.push((session, memory));
    }

    fn print(&self, floor: &[Duration]) {
        let floor_p50 = percentile(floor, 50).as_secs_f64();
        println!();
        println!("{}", self.title);
        println!(
            "{:<54} {:>5} {:>11} {:>11} {:>11} {:>12}",
            "operation", "n", "p50", "p90", "p99", "p50 / floor"
        );
        for (operation, times, against_floor) in &self.rows {
            let p50 = percentile(times, 50);
            let ratio = if *against_floor {
                format!("{:.0}×", p50.as_secs_f64() / floor_p50)
            } else {
                String::new()
            };
            println!(
                "{operation:<54} {:>5} {:>11} {:>11} {:>11} {ratio:>12}",
                times.len(),
                human(p50),
                human(percentile(times, 90)),
                human(percentile(times, 99)),
            );
        }
        for (session, (peak, resident)) in &self.memory {
            println!(
                "memory after the {session}: peak {} (VmHWM), now {} (VmRSS)",
                megabytes(*peak),
                megabytes(*resident)
            );
        }
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}
