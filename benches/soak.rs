//! A long session: 50,000 edits to the 2,000-line Career Index of a generated vault of 1,000
//! notes, over real stdio, each followed by a request for the server's copy of the note
//! (`careerLsp/documentText`), with the note's diagnostics pulled every 100 edits. The
//! edits are random — inserts and deletes at random places, in UTF-16 positions, of ASCII,
//! accented and CJK letters, emoji (surrogate pairs in UTF-16) and CRLF line breaks —
//! seeded, so every run makes the same ones.
//!
//! It prints, for each 5,000 edits, the p50 and p99 of edit → copy answered and the
//! server's resident memory (VmRSS) at the end of that stretch, and then the first and last
//! stretch side by side with their ratio. It fails when the server's copy of the note ever
//! differs from the editor's, or when the server stops answering.
//!
//! Run with `cargo bench --bench soak`; `--test` (smoke mode) makes 500 edits on a vault of
//! 100 notes.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

#[path = "lsp_client.rs"]
mod lsp_client;
#[path = "support.rs"]
mod support;

use lsp_client::{file_uri, Server};
use support::{human, percentile, thousands};

const INSERTS: [&str; 8] = ["a", "é", "日本", "🎯", "👩‍💻", " ", "\r\n", "- [ ] x"];

/// A small, seeded generator: the same edits on every run.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The LSP position (line, UTF-16 column) of a byte offset; lines end at `\n`.
fn position(text: &str, offset: usize) -> Value {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..line_start].matches('\n').count();
    let column = text[line_start..offset].encode_utf16().count();
    json!({"line": line, "character": column})
}

/// A char boundary at or before `offset` that is not between a `\r` and its `\n`.
fn boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset)
        || (offset > 0
            && text.as_bytes()[offset - 1] == b'\r'
            && text.as_bytes().get(offset) == Some(&b'\n'))
    {
        offset -= 1;
    }
    offset
}

fn vm_rss(server: &Server) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.pid()))
        .expect("the server's /proc/<pid>/status");
    let kilobytes: u64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS in /proc/<pid>/status");
    kilobytes * 1024
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

struct Stretch {
    edits: usize,
    times: Vec<Duration>,
    rss: u64,
}

fn main() {
    let smoke = std::env::args().any(|arg| arg == "--test");
    let (edits, notes, stretch) = if smoke {
        (500, 100, 100)
    } else {
        (50_000, 1_000, 5_000)
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path();
    support::vault(root, notes, 2_000);
    let path = root.join("Career.md");
    let uri = file_uri(&path);
    let mut text = std::fs::read_to_string(&path).expect("the index");
    let original_len = text.len();

    let mut server = Server::start();
    let id = server.request(
        "initialize",
        json!({"processId": null, "rootUri": file_uri(root), "capabilities": {
            "textDocument": {"diagnostic": {}},
        }}),
    );
    server.response(id);
    server.notify("initialized", json!({}));
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let first = server.diagnostic(&uri);
    assert!(first["result"]["items"].is_array(), "{first}");
    let rss_at_start = vm_rss(&server);

    let mut random = Xorshift(0x5eed_cafe);
    let mut stretches: Vec<Stretch> = Vec::new();
    let mut times = Vec::with_capacity(stretch);
    for edit in 1..=edits {
        let start = boundary(&text, random.below(text.len() + 1));
        // Bounded growth: past 2,000 bytes more than at the start, only deletes.
        let grow = text.len() < original_len + 2_000 && random.below(2) == 0;
        let (end, insert) = if grow {
            (start, INSERTS[random.below(INSERTS.len())])
        } else {
            (
                boundary(&text, (start + 1 + random.below(12)).min(text.len())),
                "",
            )
        };
        let end = end.max(start);
        let change = json!({"range": {"start": position(&text, start), "end": position(&text, end)}, "text": insert});
        text.replace_range(start..end, insert);
        let version = edit as i64 + 1;
        let began = Instant::now();
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
        let id = server.request("careerLsp/documentText", json!({"uri": uri}));
        let copy = server.response(id);
        times.push(began.elapsed());
        if copy["result"]["text"] != text.as_str() || copy["result"]["version"] != version {
            eprintln!("after edit {edit} the server's copy differs from the editor's");
            std::process::exit(1);
        }
        if edit % 100 == 0 {
            let report = server.diagnostic(&uri);
            if !report["result"]["items"].is_array() {
                eprintln!("edit {edit}: no diagnostics: {report}");
                std::process::exit(1);
            }
        }
        if edit % stretch == 0 {
            stretches.push(Stretch {
                edits: edit,
                times: std::mem::take(&mut times),
                rss: vm_rss(&server),
            });
        }
    }
    let status = server.stop();
    assert!(status.success(), "the server ended with {status:?}");

    println!(
        "career-lsp over stdio: {} edits to a 2,000-line Career Index ({} bytes) in a vault of {} notes; \
         each edit → the server's copy answered; diagnostics pulled every 100 edits.",
        thousands(edits),
        thousands(original_len),
        thousands(notes)
    );
    println!("VmRSS after opening the index: {}", megabytes(rss_at_start));
    println!();
    println!("{:>8} {:>12} {:>12} {:>10}", "edits", "p50", "p99", "VmRSS");
    for stretch in &stretches {
        println!(
            "{:>8} {:>12} {:>12} {:>10}",
            thousands(stretch.edits),
            human(percentile(&stretch.times, 50)),
            human(percentile(&stretch.times, 99)),
            megabytes(stretch.rss)
        );
    }
    let (first, last) = (&stretches[0], &stretches[stretches.len() - 1]);
    let ratio = |a: Duration, b: Duration| b.as_secs_f64() / a.as_secs_f64();
    println!();
    println!(
        "last stretch / first: p50 {:.2}×, p99 {:.2}×, VmRSS {} → {} ({:.2}×)",
        ratio(percentile(&first.times, 50), percentile(&last.times, 50)),
        ratio(percentile(&first.times, 99), percentile(&last.times, 99)),
        megabytes(first.rss),
        megabytes(last.rss),
        last.rss as f64 / first.rss as f64
    );
    println!("The server's copy equalled the editor's after every edit.");
}
