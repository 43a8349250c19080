//! End-to-end latency of a one-character edit in a 2,000-line Career Index, measured on
//! the built binary over real stdio: from just before the `didChange` is written until
//! the `textDocument/diagnostic` sent right after it is answered. In the same run, the
//! bare tree-sitter block-tree incremental parse of the same edits, in-process, gives
//! the floor. Prints the median, p90 and minimum of each series and their ratio.
//!
//! Run with `cargo bench --bench stdio_latency`.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tree_sitter::{InputEdit, Parser, Point, Tree};

#[path = "support.rs"]
mod support;

/// How long any single wait on the server may take before the run fails.
const TIMEOUT: Duration = Duration::from_secs(30);
/// Edits per series: alternately inserting one character and deleting it again.
const EDITS: usize = 250;
const NOTE_LINES: usize = 2_000;

fn main() {
    // `cargo bench` passes `--bench` (and any filter); there is nothing to configure.
    let text = support::career_index(NOTE_LINES);
    let spot = Spot::find(&text);

    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir
        .path()
        .canonicalize()
        .expect("the temporary folder has a canonical path");
    std::fs::write(root.join("Career.md"), &text).expect("the note is written");
    std::fs::write(root.join("career-lsp.toml"), "today = \"2026-03-15\"\n")
        .expect("the configuration is written");

    let server = server_series(&root, &text, &spot);
    let floor = floor_series(&text, &spot);

    println!(
        "One-character edit in a {}-line Career Index ({} bytes), line {} UTF-16 column {}:",
        text.lines().count(),
        text.len(),
        spot.line,
        spot.utf16_column
    );
    println!();
    println!(
        "{:<58} {:>5} {:>12} {:>12} {:>12}",
        "series", "n", "median", "p90", "min"
    );
    let server_stats = Stats::of(&server);
    let floor_stats = Stats::of(&floor);
    server_stats.print("career-lsp over stdio: didChange -> diagnostic response");
    floor_stats.print("tree-sitter block tree incremental parse (floor)");
    println!();
    println!(
        "ratio (median server / median floor): {:.1}x",
        server_stats.median.as_secs_f64() / floor_stats.median.as_secs_f64()
    );
}

/// Where the character goes: inside a Wins bullet's text, about halfway through the Wins.
struct Spot {
    /// Byte offset into the text.
    byte: usize,
    line: usize,
    /// Byte column, for tree-sitter.
    byte_column: usize,
    /// UTF-16 column, for the protocol.
    utf16_column: usize,
}

impl Spot {
    fn find(text: &str) -> Spot {
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .filter(|&start| start < text.len())
            .collect();
        let bullets: Vec<usize> = line_starts
            .iter()
            .copied()
            .filter(|&start| text[start..].starts_with("- **Win "))
            .collect();
        assert!(!bullets.is_empty(), "the note has Wins bullets");
        let start = bullets[bullets.len() / 2];
        let line_text = &text[start..text[start..].find('\n').map_or(text.len(), |i| start + i)];
        // Inside the word "services", after the em dash, so byte and UTF-16 columns differ.
        let byte_column = line_text
            .find("services")
            .map(|i| i + "serv".len())
            .expect("a Wins bullet mentions services");
        Spot {
            byte: start + byte_column,
            line: line_starts.binary_search(&start).expect("a line start"),
            byte_column,
            utf16_column: line_text[..byte_column].encode_utf16().count(),
        }
    }

    /// The `i`th edit: even ones insert `x`, odd ones delete it again.
    fn inserts(i: usize) -> bool {
        i.is_multiple_of(2)
    }
}

/// The floor: tree-sitter's block-tree incremental parse of the same edits, keeping each
/// new tree for the next edit as an editor would.
fn floor_series(text: &str, spot: &Spot) -> Vec<Duration> {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_md::LANGUAGE.into())
        .expect("the Markdown grammar loads");
    let mut tree: Tree = parser.parse(text, None).expect("the note parses");
    let mut inserted = text.to_string();
    inserted.insert(spot.byte, 'x');
    let at = Point::new(spot.line, spot.byte_column);
    let after = Point::new(spot.line, spot.byte_column + 1);
    let mut times = Vec::with_capacity(EDITS);
    for i in 0..EDITS {
        let (edit, new_text) = if Spot::inserts(i) {
            (
                InputEdit {
                    start_byte: spot.byte,
                    old_end_byte: spot.byte,
                    new_end_byte: spot.byte + 1,
                    start_position: at,
                    old_end_position: at,
                    new_end_position: after,
                },
                inserted.as_str(),
            )
        } else {
            (
                InputEdit {
                    start_byte: spot.byte,
                    old_end_byte: spot.byte + 1,
                    new_end_byte: spot.byte,
                    start_position: at,
                    old_end_position: after,
                    new_end_position: at,
                },
                text,
            )
        };
        let started = Instant::now();
        tree.edit(&edit);
        tree = parser
            .parse(new_text, Some(&tree))
            .expect("the edited note parses");
        times.push(started.elapsed());
    }
    assert_eq!(
        tree.root_node().end_byte(),
        text.len(),
        "the last edit restores the text"
    );
    times
}

/// The server: the built binary, one edit and one pulled diagnostic report at a time.
fn server_series(root: &Path, text: &str, spot: &Spot) -> Vec<Duration> {
    let root_uri = file_uri(root);
    let note_uri = file_uri(&root.join("Career.md"));
    let mut server = Server::start();

    let id = server.request(
        "initialize",
        json!({
            "processId": std::process::id(),
            "rootUri": root_uri,
            "capabilities": {
                "textDocument": {"diagnostic": {}},
                "general": {"positionEncodings": ["utf-16"]},
            },
            "initializationOptions": {"diagnosticsDelayMs": 0},
        }),
    );
    let response = server.response(id);
    assert_eq!(
        response["result"]["serverInfo"]["name"], "career-lsp",
        "{response}"
    );
    server.notify("initialized", json!({}));
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {
            "uri": note_uri, "languageId": "markdown", "version": 1, "text": text,
        }}),
    );
    // Warm-up: the first report after opening.
    let warm_up = server.diagnostic(&note_uri);
    check_report(&warm_up);

    let at = json!({"line": spot.line, "character": spot.utf16_column});
    let after = json!({"line": spot.line, "character": spot.utf16_column + 1});
    let mut times = Vec::with_capacity(EDITS);
    for i in 0..EDITS {
        let change = if Spot::inserts(i) {
            json!({"range": {"start": at, "end": at}, "text": "x"})
        } else {
            json!({"range": {"start": at, "end": after}, "text": ""})
        };
        let did_change = framed(&json!({
            "jsonrpc": "2.0",
            "method": "textDocument/didChange",
            "params": {
                "textDocument": {"uri": note_uri, "version": i + 2},
                "contentChanges": [change],
            },
        }));
        let id = server.next_id();
        let diagnostic = framed(&json!({
            "jsonrpc": "2.0",
            "id": id,
            "method": "textDocument/diagnostic",
            "params": {"textDocument": {"uri": note_uri}},
        }));
        let started = Instant::now();
        server.write(&did_change);
        server.write(&diagnostic);
        let response = server.response(id);
        times.push(started.elapsed());
        check_report(&response);
    }

    server.shutdown();
    times
}

/// A full report with its items: the server really analysed the note.
fn check_report(response: &Value) {
    let result = &response["result"];
    assert_eq!(result["kind"], "full", "not a full report: {response}");
    let items = result["items"]
        .as_array()
        .unwrap_or_else(|| panic!("a report without items: {response}"));
    assert!(!items.is_empty(), "the report has no findings: {response}");
}

/// A `file://` URI for an absolute path, percent-encoding everything but unreserved
/// characters and separators.
fn file_uri(path: &Path) -> String {
    let path = path.to_str().expect("a UTF-8 path").replace('\\', "/");
    let mut uri = String::from("file://");
    if !path.starts_with('/') {
        uri.push('/');
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(byte as char)
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

fn framed(message: &Value) -> Vec<u8> {
    let body = message.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    last_id: i64,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_career-lsp"))
            .arg("--stdio")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let stdin = child.stdin.take();
        let mut stdout = child.stdout.take().expect("stdout is piped");
        let mut stderr = child.stderr.take().expect("stderr is piped");
        // Drain stderr so the server never blocks on a full pipe.
        thread::spawn(move || {
            let mut sink = Vec::new();
            let _ = stderr.read_to_end(&mut sink);
        });
        let (sender, messages) = mpsc::channel();
        thread::spawn(move || {
            let mut buffer = Vec::new();
            let mut chunk = [0; 64 * 1024];
            loop {
                while let Some((body, used)) = parse_frame(&buffer) {
                    let message =
                        serde_json::from_slice(&buffer[body]).expect("the server writes JSON");
                    buffer.drain(..used);
                    if sender.send(message).is_err() {
                        return;
                    }
                }
                match stdout.read(&mut chunk) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                }
            }
        });
        Server {
            child,
            stdin,
            messages,
            last_id: 0,
        }
    }

    fn next_id(&mut self) -> i64 {
        self.last_id += 1;
        self.last_id
    }

    fn write(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).expect("the server reads its input");
        stdin.flush().expect("the server reads its input");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.write(&framed(
            &json!({"jsonrpc": "2.0", "method": method, "params": params}),
        ));
    }

    fn request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id();
        self.write(&framed(
            &json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}),
        ));
        id
    }

    fn diagnostic(&mut self, uri: &str) -> Value {
        let id = self.request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        );
        self.response(id)
    }

    /// Waits for the response to request `id`, answering any request from the server
    /// with a `null` result and skipping notifications meanwhile.
    fn response(&mut self, id: i64) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(message) => match (message.get("method"), message.get("id")) {
                    (None, Some(got)) if *got == id => {
                        assert!(
                            message.get("error").is_none(),
                            "request {id} failed: {message}"
                        );
                        return message;
                    }
                    (Some(_), Some(request_id)) => {
                        let answer =
                            framed(&json!({"jsonrpc": "2.0", "id": request_id, "result": null}));
                        self.write(&answer);
                    }
                    _ => {}
                },
                Err(RecvTimeoutError::Timeout) => {
                    panic!("no response to request {id} within {TIMEOUT:?}")
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server closed stdout before answering request {id}")
                }
            }
        }
    }

    fn shutdown(mut self) {
        let id = self.request("shutdown", Value::Null);
        self.response(id);
        self.notify("exit", Value::Null);
        self.stdin = None;
        let status = self.wait();
        assert!(
            status.success(),
            "the server exited with {status} after shutdown and exit"
        );
    }

    fn wait(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("the server's status") {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "the server did not exit within {TIMEOUT:?}"
            );
            thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Never leave a server running after a failed run.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The body's byte range and the frame's whole length, once a frame is complete.
fn parse_frame(buffer: &[u8]) -> Option<(std::ops::Range<usize>, usize)> {
    let end = buffer.windows(4).position(|w| w == b"\r\n\r\n")?;
    let header = std::str::from_utf8(&buffer[..end]).expect("ASCII headers");
    let length: usize = header
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("Content-Length")
                .then(|| value.trim().parse().expect("a numeric Content-Length"))
        })
        .unwrap_or_else(|| panic!("no Content-Length in {header:?}"));
    let start = end + 4;
    (buffer.len() >= start + length).then_some((start..start + length, start + length))
}

struct Stats {
    n: usize,
    median: Duration,
    p90: Duration,
    min: Duration,
}

impl Stats {
    fn of(times: &[Duration]) -> Stats {
        let mut sorted = times.to_vec();
        sorted.sort();
        let n = sorted.len();
        let median = if n.is_multiple_of(2) {
            (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        } else {
            sorted[n / 2]
        };
        // Nearest rank.
        let p90 = sorted[(n * 9).div_ceil(10) - 1];
        Stats {
            n,
            median,
            p90,
            min: sorted[0],
        }
    }

    fn print(&self, series: &str) {
        println!(
            "{series:<58} {:>5} {:>12} {:>12} {:>12}",
            self.n,
            micros(self.median),
            micros(self.p90),
            micros(self.min)
        );
    }
}

fn micros(duration: Duration) -> String {
    format!("{:.1} µs", duration.as_secs_f64() * 1e6)
}
