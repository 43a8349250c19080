//! career-lsp beside other Markdown language servers, its peers, in one run: the same
//! generated workspace, the same scripted session over stdio, one server at a time, and
//! one table with each peer's figures against career-lsp's.
//!
//! The session, for each server: start it in the workspace's folder, `initialize` (time
//! from starting the process to the answer) and `initialized`; open `Career.md` and ask
//! for its `textDocument/documentSymbol` (time from starting the process to that answer:
//! "ready", which counts the work a server defers past `initialize`). The process is
//! started several times for those two. Then, in the last process: one-character edits
//! in a Wins bullet (inserted, then deleted again), each followed by `documentSymbol`
//! (time from writing the `didChange` to the answer), with the CPU time the process spent
//! on them (`/proc/<pid>/stat`, until it is idle again) divided by their number; the same
//! edits each followed by `textDocument/diagnostic` where the server offers pulled
//! diagnostics, or by the `publishDiagnostics` for the note where it pushes them; hovers
//! on the `[[2026 Goals]]` wikilink; and the process's peak resident memory (`VmHWM`).
//! A server that answers an operation with `null` or an error shows "—" for it.
//!
//! Every server gets the same client capabilities (UTF-16 positions, pulled diagnostics
//! with refresh, hierarchical symbols, Markdown hovers) and no settings of its own, and
//! receives each edit the way it asks for it: a range for a server that syncs
//! incrementally, the whole note for one that syncs full text.
//!
//! Run with `scripts/bench-peers`, which installs the peers and passes them here:
//! `cargo bench --bench peers -- --peer rumdl=PATH --peer iwes=PATH --peer harper-ls=PATH`.
//! Without `--peer`, career-lsp runs alone. `--test` is the smoke mode: 100 notes, a few
//! edits and hovers, every step still taken; it fails when a server crashes or does not
//! answer, when career-lsp's answers are not what they should be, or when a peer's answer
//! has the wrong shape.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

#[path = "lsp_client.rs"]
mod lsp_client;
#[path = "support.rs"]
mod support;

use lsp_client::{file_uri, framed, Server, Stats, TIMEOUT};

/// How much of everything a run does.
struct Sizes {
    notes: usize,
    /// Processes started per server, for `initialize` and "ready".
    starts: usize,
    /// Edits in each series (even, so the note ends as it began).
    edits: usize,
    hovers: usize,
}

const FULL: Sizes = Sizes {
    notes: 1_000,
    starts: 5,
    edits: 200,
    hovers: 50,
};

const SMOKE: Sizes = Sizes {
    notes: 100,
    starts: 1,
    edits: 10,
    hovers: 5,
};

/// Lines of the generated Career Index, the note every session edits.
const INDEX_LINES: usize = 2_000;

/// The goal the comparison is read against: career-lsp at least this many times faster
/// than each peer on each timed operation they share.
const GOAL: f64 = 2.0;

/// A server this benchmark knows how to start and can say what it computes.
struct Known {
    name: &'static str,
    args: &'static [&'static str],
    initialize: &'static str,
    symbols: &'static str,
    diagnostics: &'static str,
    hover: &'static str,
}

static CAREER_LSP: Known = Known {
    name: "career-lsp",
    args: &["--stdio"],
    initialize: "answers at once; reads, parses and models every note in the background, \
                 the notes others depend on (Career Index, Goals notes) first, indexing \
                 them by name, kind and backlink",
    symbols: "the note's outline as a tree: the title, the sections by level, the annual goals",
    diagnostics: "the career rules over the note, with the workspace index (links, goals and \
                  sections across notes)",
    hover: "on a wikilink: the linked note's title and first lines",
};

static PEERS: [Known; 3] = [
    Known {
        name: "rumdl",
        args: &["server"],
        initialize: "reads its configuration; indexes the workspace's Markdown files in the \
                     background afterwards, for link navigation",
        symbols: "the note's headings as a tree",
        diagnostics: "its Markdown style rules (markdownlint's MD001-MD060 and its own) over \
                      the note's text",
        hover: "previews only `[text](target)` links, so on a wikilink it answers null",
    },
    Known {
        name: "iwes",
        args: &[],
        initialize: "answers at once; reads and parses every Markdown file of its working \
                     folder after `initialized`, before it takes the next message",
        symbols: "the note's headers as a tree",
        diagnostics: "none: it neither offers pulled diagnostics nor pushes any",
        hover: "on a link or wikilink: the whole linked note as Markdown",
    },
    Known {
        name: "harper-ls",
        args: &["--stdio"],
        initialize: "answers at once; its dictionary and rules load on the first document",
        symbols: "none (no documentSymbol)",
        diagnostics: "grammar, spelling and style checks of the prose, pushed after each change \
                      (no delay by default), but only of a document of at most 120,000 bytes \
                      (its default maxFileLength): a longer one, like this Career Index, gets \
                      an empty list at once, unchecked",
        hover: "none (no hover)",
    },
];

/// A server to run: what it is and the program to start.
struct Contender {
    known: &'static Known,
    program: String,
}

fn main() {
    let mut smoke = false;
    let mut contenders = vec![Contender {
        known: &CAREER_LSP,
        program: env!("CARGO_BIN_EXE_career-lsp").to_string(),
    }];
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let peer = match arg.as_str() {
            "--test" => {
                smoke = true;
                continue;
            }
            "--peer" => args.next().expect("--peer takes NAME=PATH"),
            other => match other.strip_prefix("--peer=") {
                Some(peer) => peer.to_string(),
                // `cargo bench` passes `--bench`, and perhaps a filter: nothing to do.
                None => continue,
            },
        };
        let (name, program) = peer
            .split_once('=')
            .unwrap_or_else(|| panic!("--peer takes NAME=PATH, not {peer:?}"));
        let known = PEERS.iter().find(|k| k.name == name).unwrap_or_else(|| {
            let names: Vec<&str> = PEERS.iter().map(|k| k.name).collect();
            panic!("unknown peer {name:?}; known: {}", names.join(", "))
        });
        // Absolute, since each server starts in the workspace's folder.
        let program = std::fs::canonicalize(program)
            .unwrap_or_else(|error| panic!("no {name} at {program:?}: {error}"));
        contenders.push(Contender {
            known,
            program: program.to_str().expect("a UTF-8 path").to_string(),
        });
    }
    let sizes = if smoke { &SMOKE } else { &FULL };

    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir
        .path()
        .canonicalize()
        .expect("the temporary folder has a canonical path");
    support::vault(&root, sizes.notes, INDEX_LINES);
    let text = std::fs::read_to_string(root.join("Career.md")).expect("the Career Index");
    let note = Note::new(&root, text);

    println!(
        "Peers side by side: a workspace of {} notes, Career.md of {} lines ({} bytes); \
         {} starts, {} edits per series, {} hovers per server{}",
        sizes.notes,
        note.text.lines().count(),
        note.text.len(),
        sizes.starts,
        sizes.edits,
        sizes.hovers,
        if smoke { " (smoke mode)" } else { "" }
    );
    let mut results = Vec::new();
    for contender in &contenders {
        eprintln!("running {} ({})", contender.known.name, contender.program);
        results.push(run(contender, &root, &note, sizes));
    }
    println!();
    print_table(&results);
    println!();
    print_goal(&results);
    println!();
    print_what_each_computes(&results);
}

// ---------------------------------------------------------------------------------------
// The note and the edit

/// The note every session opens and edits, where the edit goes and where the hover goes.
struct Note {
    uri: String,
    text: String,
    /// The text with the edit's character inserted.
    inserted: String,
    /// The edit's place: line and UTF-16 column.
    edit_at: (usize, usize),
    /// The hover's place: inside `[[2026 Goals]]`.
    hover_at: (usize, usize),
}

impl Note {
    fn new(root: &Path, text: String) -> Note {
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .filter(|&start| start < text.len())
            .collect();
        let position = |byte: usize| {
            let line = line_starts.partition_point(|&start| start <= byte) - 1;
            let column = text[line_starts[line]..byte].encode_utf16().count();
            (line, column)
        };
        // About halfway through the Wins, inside the word "services" after the em dash,
        // so byte and UTF-16 columns differ.
        let bullets: Vec<usize> = line_starts
            .iter()
            .copied()
            .filter(|&start| text[start..].starts_with("- **Win "))
            .collect();
        assert!(!bullets.is_empty(), "the note has Wins bullets");
        let bullet = bullets[bullets.len() / 2];
        let edit_byte = bullet
            + text[bullet..]
                .find("services")
                .expect("a Wins bullet mentions services")
            + "serv".len();
        let hover_byte = text
            .find("[[2026 Goals]]")
            .expect("the note links its Goals")
            + 4;
        let mut inserted = text.clone();
        inserted.insert(edit_byte, 'x');
        Note {
            uri: file_uri(&root.join("Career.md")),
            edit_at: position(edit_byte),
            hover_at: position(hover_byte),
            text,
            inserted,
        }
    }
}

/// How a server wants to be told of an edit (`TextDocumentSyncKind`).
#[derive(Clone, Copy, PartialEq)]
enum Sync {
    Full,
    Incremental,
}

// ---------------------------------------------------------------------------------------
// One server's session

/// What a server answered to one kind of request, as far as the table cares.
#[derive(Debug)]
enum Answer {
    /// A result to count: symbols, findings, characters of a hover.
    Some(usize),
    /// `null`, or an error (its message).
    None(String),
}

struct Session<'a> {
    server: Server,
    note: &'a Note,
    /// career-lsp: every answer must be the one it should be, not merely well-formed.
    strict: bool,
    capabilities: Value,
    server_info: String,
    sync: Sync,
    version: i64,
    /// Whether the note now holds the inserted character.
    edited: bool,
    /// The server has pushed diagnostics for the note.
    pushes: bool,
}

impl<'a> Session<'a> {
    /// Starts the server in the workspace's folder and initializes it; returns the session
    /// and the time from starting the process to the `initialize` answer.
    fn start(
        contender: &Contender,
        root: &Path,
        note: &'a Note,
    ) -> (Session<'a>, Instant, Duration) {
        let started = Instant::now();
        let server = Server::spawn(
            Command::new(&contender.program)
                .args(contender.known.args)
                .current_dir(root),
        );
        let mut session = Session {
            server,
            note,
            strict: contender.known.name == CAREER_LSP.name,
            capabilities: Value::Null,
            server_info: String::new(),
            sync: Sync::Full,
            version: 1,
            edited: false,
            pushes: false,
        };
        let root_uri = file_uri(root);
        let id = session.server.request(
            "initialize",
            json!({
                "processId": std::process::id(),
                "clientInfo": {"name": "career-lsp peers benchmark"},
                "rootUri": root_uri,
                "rootPath": root,
                "workspaceFolders": [{"uri": root_uri, "name": "vault"}],
                "capabilities": {
                    "general": {"positionEncodings": ["utf-16"]},
                    "textDocument": {
                        "synchronization": {"didSave": true},
                        "diagnostic": {"dynamicRegistration": false},
                        "publishDiagnostics": {"versionSupport": true},
                        "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                    },
                    "workspace": {
                        "diagnostics": {"refreshSupport": true},
                        "workspaceFolders": true,
                    },
                },
            }),
        );
        let answer = session.answer(id);
        let initialize = started.elapsed();
        let result = match answer {
            Ok(result) => result,
            Err(error) => panic!("{} failed to initialize: {error}", contender.known.name),
        };
        let capabilities = result["capabilities"].clone();
        assert!(capabilities.is_object(), "no capabilities in {result}");
        let sync = &capabilities["textDocumentSync"];
        session.sync = match sync.get("change").unwrap_or(sync).as_i64() {
            Some(2) => Sync::Incremental,
            _ => Sync::Full,
        };
        session.server_info = match (
            result["serverInfo"]["name"].as_str(),
            result["serverInfo"]["version"].as_str(),
        ) {
            (Some(name), Some(version)) => format!("{name} {version}"),
            (Some(name), None) => name.to_string(),
            _ => "(no serverInfo)".to_string(),
        };
        if session.strict {
            assert_eq!(result["serverInfo"]["name"], "career-lsp", "{result}");
            for provider in [
                "documentSymbolProvider",
                "diagnosticProvider",
                "hoverProvider",
            ] {
                assert!(
                    !capabilities[provider].is_null(),
                    "career-lsp does not offer {provider}: {capabilities}"
                );
            }
        }
        session.capabilities = capabilities;
        session.server.notify("initialized", json!({}));
        (session, started, initialize)
    }

    /// Shuts the server down; career-lsp must then exit with status 0.
    fn stop(self) {
        let strict = self.strict;
        let status = self.server.stop();
        assert!(
            !strict || status.success(),
            "career-lsp exited with {status} after shutdown and exit"
        );
    }

    /// The answer to request `id`: its result, or its error's message. Notes pushed
    /// diagnostics for the note on the way.
    fn answer(&mut self, id: i64) -> Result<Value, String> {
        let uri = &self.note.uri;
        let mut pushed = false;
        let message = self
            .server
            .wait_for(TIMEOUT, |message| {
                pushed |= is_publish_for(message, uri);
                message.get("method").is_none() && message.get("id") == Some(&json!(id))
            })
            .unwrap_or_else(|| panic!("no answer to request {id} within {TIMEOUT:?}"));
        self.pushes |= pushed;
        match message.get("error") {
            Some(error) => Err(format!(
                "error {}: {}",
                error["code"],
                error["message"].as_str().unwrap_or("")
            )),
            None => Ok(message["result"].clone()),
        }
    }

    /// Waits until the process has used no CPU for a while (at most ten seconds), taking
    /// its messages meanwhile, so that work left over from one step is not charged to the
    /// next.
    fn settle(&mut self) {
        let uri = &self.note.uri;
        let mut pushed = false;
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut last = self.server.cpu_time();
        let mut quiet = 0;
        while quiet < 2 && Instant::now() < deadline {
            self.server.wait_for(Duration::from_millis(100), |message| {
                pushed |= is_publish_for(message, uri);
                false
            });
            let now = self.server.cpu_time();
            quiet = if now == last { quiet + 1 } else { 0 };
            last = now;
        }
        self.pushes |= pushed;
    }

    fn open(&mut self) {
        self.server.notify(
            "textDocument/didOpen",
            json!({"textDocument": {
                "uri": self.note.uri, "languageId": "markdown", "version": self.version,
                "text": self.note.text,
            }}),
        );
    }

    /// The next edit's `didChange`, framed: the character inserted, or deleted again.
    fn edit(&mut self) -> Vec<u8> {
        self.version += 1;
        self.edited = !self.edited;
        let (line, column) = self.note.edit_at;
        let at = json!({"line": line, "character": column});
        let after = json!({"line": line, "character": column + 1});
        let change = match (self.sync, self.edited) {
            (Sync::Incremental, true) => json!({"range": {"start": at, "end": at}, "text": "x"}),
            (Sync::Incremental, false) => {
                json!({"range": {"start": at, "end": after}, "text": ""})
            }
            (Sync::Full, true) => json!({"text": self.note.inserted}),
            (Sync::Full, false) => json!({"text": self.note.text}),
        };
        framed(&json!({
            "jsonrpc": "2.0",
            "method": "textDocument/didChange",
            "params": {
                "textDocument": {"uri": self.note.uri, "version": self.version},
                "contentChanges": [change],
            },
        }))
    }

    /// Writes `before` (an edit, or nothing) and then a request; returns the time from
    /// the first byte written to the answer, and the answer.
    fn timed_request(
        &mut self,
        before: &[u8],
        method: &str,
        params: Value,
    ) -> (Duration, Result<Value, String>) {
        let id = self.server.next_id();
        let request =
            framed(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let started = Instant::now();
        self.server.write(before);
        self.server.write(&request);
        let answer = self.answer(id);
        (started.elapsed(), answer)
    }

    fn symbols(&mut self, before: &[u8]) -> (Duration, Answer) {
        let params = json!({"textDocument": {"uri": self.note.uri}});
        let (time, answer) = self.timed_request(before, "textDocument/documentSymbol", params);
        let answer = match answer {
            Ok(Value::Array(symbols)) => Answer::Some(count_symbols(&symbols)),
            Ok(Value::Null) => Answer::None("null".to_string()),
            Ok(other) => panic!("documentSymbol answered neither a list nor null: {other}"),
            Err(error) => Answer::None(error),
        };
        if self.strict {
            assert!(
                matches!(answer, Answer::Some(n) if n > 0),
                "career-lsp listed no symbols: {answer:?}"
            );
        }
        (time, answer)
    }

    fn pull_diagnostics(&mut self, before: &[u8]) -> (Duration, Answer) {
        let params = json!({"textDocument": {"uri": self.note.uri}});
        let (time, answer) = self.timed_request(before, "textDocument/diagnostic", params);
        let answer = match answer {
            Ok(report) => {
                let items = report["items"].as_array();
                match (report["kind"].as_str(), items) {
                    (Some("full"), Some(items)) => Answer::Some(items.len()),
                    (Some("unchanged"), _) => Answer::None("unchanged".to_string()),
                    _ => panic!("textDocument/diagnostic answered no report: {report}"),
                }
            }
            Err(error) => Answer::None(error),
        };
        if self.strict {
            // The generated Career Index is a clean one: a full report, findings or not.
            assert!(
                matches!(answer, Answer::Some(_)),
                "career-lsp sent no full report: {answer:?}"
            );
        }
        (time, answer)
    }

    /// Writes the edit and waits for the diagnostics the server pushes for that version
    /// (or, when it leaves the version out, for the note).
    fn pushed_diagnostics(&mut self, edit: &[u8]) -> (Duration, Answer) {
        // Drop what came before, so that only a publication after the edit counts.
        self.server.wait_for(Duration::ZERO, |_| false);
        let uri = &self.note.uri;
        let version = self.version;
        let started = Instant::now();
        self.server.write(edit);
        let published = self
            .server
            .wait_for(TIMEOUT, |message| {
                is_publish_for(message, uri)
                    && message["params"]["version"]
                        .as_i64()
                        .is_none_or(|v| v == version)
            })
            .unwrap_or_else(|| panic!("no diagnostics pushed within {TIMEOUT:?} of an edit"));
        let time = started.elapsed();
        let items = published["params"]["diagnostics"]
            .as_array()
            .unwrap_or_else(|| panic!("publishDiagnostics without diagnostics: {published}"));
        (time, Answer::Some(items.len()))
    }

    fn hover(&mut self) -> (Duration, Answer) {
        let (line, character) = self.note.hover_at;
        let params = json!({
            "textDocument": {"uri": self.note.uri},
            "position": {"line": line, "character": character},
        });
        let (time, answer) = self.timed_request(&[], "textDocument/hover", params);
        let answer = match answer {
            Ok(Value::Null) => Answer::None("null".to_string()),
            Ok(hover) => Answer::Some(
                hover_chars(&hover["contents"])
                    .unwrap_or_else(|| panic!("a hover without contents: {hover}")),
            ),
            Err(error) => Answer::None(error),
        };
        if self.strict {
            assert!(
                matches!(answer, Answer::Some(n) if n > 0),
                "career-lsp has no hover on a wikilink: {answer:?}"
            );
        }
        (time, answer)
    }
}

fn is_publish_for(message: &Value, uri: &str) -> bool {
    message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri
}

/// Symbols in a `documentSymbol` answer, nested ones included.
fn count_symbols(symbols: &[Value]) -> usize {
    symbols
        .iter()
        .map(|symbol| {
            1 + symbol["children"]
                .as_array()
                .map_or(0, |children| count_symbols(children))
        })
        .sum()
}

/// Characters of a hover's contents, in any of its three shapes.
fn hover_chars(contents: &Value) -> Option<usize> {
    match contents {
        Value::String(text) => Some(text.chars().count()),
        Value::Array(parts) => parts.iter().map(hover_chars).sum(),
        Value::Object(markup) => Some(markup.get("value")?.as_str()?.chars().count()),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------
// The run

/// A series of times; none when the server did not answer the operation.
type Series = Option<Vec<Duration>>;

struct Results {
    name: &'static str,
    known: &'static Known,
    server_info: String,
    sync: Sync,
    initialize: Vec<Duration>,
    ready: Series,
    symbols: Series,
    symbols_count: Answer,
    cpu_per_edit: Duration,
    /// "pull", "push" or none.
    diagnostics_mode: Option<&'static str>,
    diagnostics: Series,
    diagnostics_count: Answer,
    hover: Series,
    hover_chars: Answer,
    peak_rss: u64,
}

/// The times of a series whose every answer is a real one; none if any is not.
fn series(times: Vec<Duration>, answers: &[Answer]) -> Series {
    answers
        .iter()
        .all(|answer| matches!(answer, Answer::Some(_)))
        .then_some(times)
}

fn run(contender: &Contender, root: &Path, note: &Note, sizes: &Sizes) -> Results {
    // Starts: initialize, then open the note and take its symbols.
    let mut initialize = Vec::new();
    let mut ready = Vec::new();
    let mut ready_answers = Vec::new();
    let mut kept = None;
    for start in 0..sizes.starts {
        let (mut session, started, time) = Session::start(contender, root, note);
        initialize.push(time);
        session.open();
        let (_, answer) = session.symbols(&[]);
        ready.push(started.elapsed());
        ready_answers.push(answer);
        if start + 1 < sizes.starts {
            session.stop();
        } else {
            kept = Some(session);
        }
    }
    let mut session = kept.expect("at least one start");
    session.settle();

    // Edits, each followed by the note's symbols; the CPU they cost.
    let cpu_before = session.server.cpu_time();
    let mut times = Vec::new();
    let mut answers = Vec::new();
    for _ in 0..sizes.edits {
        let edit = session.edit();
        let (time, answer) = session.symbols(&edit);
        times.push(time);
        answers.push(answer);
    }
    session.settle();
    let cpu_per_edit = (session.server.cpu_time() - cpu_before) / sizes.edits as u32;
    let symbols = series(times, &answers);
    let symbols_count = answers.pop().expect("at least one edit");

    // Edits, each followed by the note's diagnostics, pulled or pushed.
    let diagnostics_mode = if !session.capabilities["diagnosticProvider"].is_null() {
        Some("pull")
    } else if session.pushes {
        Some("push")
    } else {
        None
    };
    let (diagnostics, diagnostics_count) = match diagnostics_mode {
        None => (None, Answer::None("nothing".to_string())),
        Some(mode) => {
            let mut times = Vec::new();
            let mut answers = Vec::new();
            for _ in 0..sizes.edits {
                let edit = session.edit();
                let (time, answer) = if mode == "pull" {
                    session.pull_diagnostics(&edit)
                } else {
                    session.pushed_diagnostics(&edit)
                };
                times.push(time);
                answers.push(answer);
            }
            let series = series(times, &answers);
            (series, answers.pop().expect("at least one edit"))
        }
    };
    session.settle();

    // Hovers on the wikilink.
    let mut times = Vec::new();
    let mut answers = Vec::new();
    for _ in 0..sizes.hovers {
        let (time, answer) = session.hover();
        times.push(time);
        answers.push(answer);
    }
    let hover = series(times, &answers);
    let hover_chars = answers.pop().expect("at least one hover");

    assert!(
        !session.edited,
        "an even number of edits leaves the note as it was"
    );
    let peak_rss = session.server.peak_rss();
    let (server_info, sync) = (session.server_info.clone(), session.sync);
    session.stop();
    Results {
        name: contender.known.name,
        known: contender.known,
        server_info,
        sync,
        initialize,
        ready: series(ready, &ready_answers),
        symbols,
        symbols_count,
        cpu_per_edit,
        diagnostics_mode,
        diagnostics,
        diagnostics_count,
        hover,
        hover_chars,
        peak_rss,
    }
}

// ---------------------------------------------------------------------------------------
// The report

/// Milliseconds, to three significant figures or so.
fn ms(duration: Duration) -> String {
    let ms = duration.as_secs_f64() * 1e3;
    if ms < 10.0 {
        format!("{ms:.2}")
    } else if ms < 100.0 {
        format!("{ms:.1}")
    } else {
        format!("{ms:.0}")
    }
}

/// Nearest rank.
fn p99(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    sorted[(sorted.len() * 99).div_ceil(100) - 1]
}

/// "p50 / p90 / p99" in milliseconds.
fn cell(times: &[Duration]) -> String {
    let stats = Stats::of(times);
    format!(
        "{} / {} / {}",
        ms(stats.median),
        ms(stats.p90),
        ms(p99(times))
    )
}

/// A peer's figure against career-lsp's, said from the peer's side: "2.3× slower" means
/// career-lsp is ahead.
fn ratio(peer: f64, ours: f64, worse: &str, better: &str) -> String {
    if ours <= 0.0 || peer <= 0.0 {
        return "n/a".to_string();
    }
    let (r, word) = if peer >= ours {
        (peer / ours, worse)
    } else {
        (ours / peer, better)
    };
    if r < 10.0 {
        format!("{r:.1}× {word}")
    } else {
        format!("{r:.0}× {word}")
    }
}

fn median(times: &[Duration]) -> f64 {
    Stats::of(times).median.as_secs_f64()
}

/// The timed operations, by column: name and its series.
fn timed(results: &Results) -> [(&'static str, Option<&[Duration]>); 5] {
    [
        ("initialize", Some(results.initialize.as_slice())),
        ("ready", results.ready.as_deref()),
        ("edit → symbols", results.symbols.as_deref()),
        ("edit → diagnostics", results.diagnostics.as_deref()),
        ("hover", results.hover.as_deref()),
    ]
}

fn print_table(results: &[Results]) {
    let ours = &results[0];
    println!(
        "Times in ms as p50 / p90 / p99 (n: {} starts for initialize and ready, else the \
         series' length); CPU per edit is the mean over the edit → symbols series (the \
         kernel counts CPU in 10 ms ticks); ratios compare p50s and are said of the peer \
         against career-lsp: \"2.0× slower\" means career-lsp is twice as fast.",
        ours.initialize.len()
    );
    println!();
    let mut header = vec!["server".to_string()];
    for (name, _) in timed(ours) {
        header.push(name.to_string());
        header.push("vs career-lsp".to_string());
    }
    header.extend(
        [
            "CPU per edit",
            "vs career-lsp",
            "peak RSS MB",
            "vs career-lsp",
        ]
        .map(String::from),
    );
    let mut rows = vec![header];
    for result in results {
        let baseline = std::ptr::eq(result, ours);
        let mut row = vec![result.name.to_string()];
        for ((name, times), (_, our_times)) in timed(result).into_iter().zip(timed(ours)) {
            match times {
                None => row.extend(["—".to_string(), String::new()]),
                Some(times) => {
                    let mut value = cell(times);
                    if name == "edit → diagnostics" {
                        value.push_str(&format!(" ({})", result.diagnostics_mode.unwrap_or("")));
                    }
                    row.push(value);
                    row.push(match (baseline, our_times) {
                        (true, _) => "baseline".to_string(),
                        (false, None) => "career-lsp —".to_string(),
                        (false, Some(our_times)) => {
                            ratio(median(times), median(our_times), "slower", "faster")
                        }
                    });
                }
            }
        }
        let cpu = result.cpu_per_edit.as_secs_f64();
        row.push(ms(result.cpu_per_edit));
        row.push(if baseline {
            "baseline".to_string()
        } else {
            ratio(cpu, ours.cpu_per_edit.as_secs_f64(), "more", "less")
        });
        row.push(format!("{:.0}", result.peak_rss as f64 / 1e6));
        row.push(if baseline {
            "baseline".to_string()
        } else {
            ratio(result.peak_rss as f64, ours.peak_rss as f64, "more", "less")
        });
        rows.push(row);
    }
    print_markdown(&rows);
}

fn print_markdown(rows: &[Vec<String>]) {
    let widths: Vec<usize> = (0..rows[0].len())
        .map(|column| {
            rows.iter()
                .map(|row| row[column].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |row: &[String]| {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(text, &width)| format!("{text:<width$}"))
            .collect();
        println!("| {} |", cells.join(" | "));
    };
    line(&rows[0]);
    let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
    println!("|-{}-|", rule.join("-|-"));
    for row in &rows[1..] {
        line(row);
    }
}

/// Whether career-lsp is `GOAL` times faster than each peer on each timed operation both
/// answer, in this run.
fn print_goal(results: &[Results]) {
    let ours = &results[0];
    if results.len() == 1 {
        println!("No peer given: nothing to compare (see scripts/bench-peers).");
        return;
    }
    let mut met = 0;
    let mut short = Vec::new();
    for peer in &results[1..] {
        for ((name, times), (_, our_times)) in timed(peer).into_iter().zip(timed(ours)) {
            let (Some(times), Some(our_times)) = (times, our_times) else {
                continue;
            };
            let r = median(times) / median(our_times);
            if r >= GOAL {
                met += 1;
            } else {
                short.push(format!(
                    "{name}: {} {}",
                    peer.name,
                    ratio(median(times), median(our_times), "slower", "faster")
                ));
            }
        }
    }
    println!(
        "Goal, career-lsp at least {GOAL}× faster (p50) on every timed operation it shares \
         with a peer: met on {met} of {}.",
        met + short.len()
    );
    if !short.is_empty() {
        println!("Short of it: {}.", short.join("; "));
    }
}

fn print_what_each_computes(results: &[Results]) {
    println!("What each server computes, and what it answered in this run:");
    for result in results {
        let known = result.known;
        let said = |answer: &Answer, unit: &str| match answer {
            Answer::Some(n) => format!("{n} {unit}"),
            Answer::None(why) => why.clone(),
        };
        println!();
        println!(
            "{} ({}; takes {} per edit):",
            result.name,
            result.server_info,
            match result.sync {
                Sync::Full => "the whole note",
                Sync::Incremental => "the changed range",
            }
        );
        println!("- initialize: {}.", known.initialize);
        println!(
            "- documentSymbol: {}; answered {}.",
            known.symbols,
            said(&result.symbols_count, "symbols")
        );
        println!(
            "- diagnostics{}: {}; answered {}.",
            result
                .diagnostics_mode
                .map_or(String::new(), |mode| format!(" ({mode})")),
            known.diagnostics,
            said(&result.diagnostics_count, "findings")
        );
        println!(
            "- hover: {}; answered {}.",
            known.hover,
            said(&result.hover_chars, "characters")
        );
    }
}
