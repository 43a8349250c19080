//! End-to-end latency of a one-character edit in a 2,000-line Career Index, measured on
//! the built binary over real stdio: from just before the `didChange` is written until
//! the `textDocument/diagnostic` sent right after it is answered. In the same run, the
//! bare tree-sitter block-tree incremental parse of the same edits, in-process, gives
//! the floor. Prints the median, p90 and minimum of each series and their ratio.
//!
//! Run with `cargo bench --bench stdio_latency`.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tree_sitter::{InputEdit, Parser, Point, Tree};

#[path = "lsp_client.rs"]
mod lsp_client;
#[path = "support.rs"]
mod support;

use lsp_client::{file_uri, framed, Server, Stats};

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
