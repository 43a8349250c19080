//! `career-lsp mcp` end to end: the built binary driven over real stdio (newline-delimited
//! JSON-RPC, as MCP clients speak it) on generated vaults — the Career Index (2,000 lines)
//! with its Goals note and a profile, then 1,000 and 10,000 notes. For each it prints the
//! p50 and p90 of:
//!
//! - process start → `initialize` answered → the first tool call answered (the vault is
//!   indexed when the server starts);
//! - `ping`, the round trip through the transport and the SDK: the floor every request
//!   pays, measured in the same run;
//! - each tool: `next_question`, `career_overview`, `weekly_review`,
//!   `blind_spot_review`, `propose_section_update`, `career_findings` of the Career Index,
//!   and `career_findings` of every note (`limit` 10) — each request also walks the folder
//!   for changes first;
//! - `resources/list` (every note and its model) and `resources/read` of the Career Index's
//!   model.
//!
//! Run with `cargo bench --bench mcp`; `--test` (smoke mode) uses the index alone with a
//! few iterations, calls every tool, and fails when a request fails or is answered in the
//! wrong shape.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

#[path = "support.rs"]
mod support;

use support::{human, percentile};

const INDEX_LINES: usize = 2_000;

struct Session {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
    next_id: u64,
}

impl Session {
    fn start(root: &std::path::Path) -> Session {
        let mut child = Command::new(env!("CARGO_BIN_EXE_career-lsp"))
            .args(["mcp", "--root"])
            .arg(root)
            .env("CAREER_LSP_LOG", "error")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server starts");
        let input = child.stdin.take().expect("stdin is piped");
        let output = BufReader::new(child.stdout.take().expect("stdout is piped"));
        Session {
            child,
            input,
            output,
            next_id: 1,
        }
    }

    fn send(&mut self, message: &Value) {
        writeln!(self.input, "{message}").expect("the server reads");
        self.input.flush().expect("the server reads");
    }

    /// Sends a request and waits for its answer; panics on an error answer.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let mut line = String::new();
            let read = self.output.read_line(&mut line).expect("the server writes");
            assert!(read > 0, "the server closed its output during {method}");
            let message: Value = serde_json::from_str(&line).expect("a JSON-RPC message");
            if message["id"] == json!(id) {
                assert!(message.get("error").is_none(), "{method} failed: {message}");
                return message["result"].clone();
            }
        }
    }

    fn initialize(&mut self) {
        let result = self.request(
            "initialize",
            json!({
                "protocolVersion": "2025-11-25",
                "capabilities": {},
                "clientInfo": {"name": "bench", "version": "1"}
            }),
        );
        assert_eq!(result["serverInfo"]["name"], "career-lsp");
        self.send(&json!({"jsonrpc": "2.0", "method": "notifications/initialized"}));
    }

    fn tool(&mut self, name: &str, arguments: Value) -> Value {
        let result = self.request("tools/call", json!({"name": name, "arguments": arguments}));
        assert_eq!(result["isError"], false, "{name}: {result}");
        result["structuredContent"].clone()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn time(times: &mut Vec<Duration>, work: impl FnOnce()) {
    let start = Instant::now();
    work();
    times.push(start.elapsed());
}

fn report(label: &str, times: &[Duration], floor: Duration) {
    let p50 = percentile(times, 50);
    let ratio = p50.as_secs_f64() / floor.as_secs_f64().max(1e-9);
    println!(
        "  {label:<48} p50 {:>9}  p90 {:>9}  ({ratio:.0}× ping)",
        human(p50),
        human(percentile(times, 90)),
    );
}

fn main() {
    let smoke = std::env::args().any(|arg| arg == "--test");
    let (vaults, starts, calls): (&[usize], usize, usize) = if smoke {
        (&[3], 1, 3)
    } else {
        (&[3, 1_000, 10_000], 3, 20)
    };
    for &notes in vaults {
        let dir = tempfile::tempdir().expect("a temporary folder");
        support::vault(dir.path(), notes, INDEX_LINES);
        println!(
            "career-lsp mcp on a vault of {} notes (a {}-line Career Index):",
            support::thousands(notes),
            support::thousands(INDEX_LINES)
        );

        let mut startup = Vec::new();
        for _ in 0..starts {
            time(&mut startup, || {
                let mut session = Session::start(dir.path());
                session.initialize();
                session.tool("next_question", json!({}));
            });
        }
        println!(
            "  {:<48} p50 {:>9}  p90 {:>9}",
            "start → initialize → first tool answered",
            human(percentile(&startup, 50)),
            human(percentile(&startup, 90))
        );

        let mut session = Session::start(dir.path());
        session.initialize();
        let mut ping = Vec::new();
        for _ in 0..calls {
            time(&mut ping, || {
                session.request("ping", json!({}));
            });
        }
        let floor = percentile(&ping, 50);
        report("ping (the floor)", &ping, floor);

        let tools: Vec<(&str, &str, Value)> = vec![
            ("next_question", "next_question", json!({})),
            ("career_overview", "career_overview", json!({})),
            ("weekly_review", "weekly_review", json!({})),
            ("blind_spot_review", "blind_spot_review", json!({})),
            (
                "propose_section_update",
                "propose_section_update (an open task)",
                json!({"section": "open-tasks", "answer": "Book the skip-level"}),
            ),
            (
                "career_findings",
                "career_findings of Career.md",
                json!({"note": "Career.md"}),
            ),
            (
                "career_findings",
                "career_findings of every note (limit 10)",
                json!({"limit": 10}),
            ),
        ];
        for (name, label, arguments) in tools {
            let mut times = Vec::new();
            let mut last = Value::Null;
            for _ in 0..calls {
                time(&mut times, || last = session.tool(name, arguments.clone()));
            }
            assert!(last.is_object(), "{name}: {last}");
            report(label, &times, floor);
        }
        let mut list = Vec::new();
        let mut listed = 0;
        for _ in 0..calls {
            time(&mut list, || {
                let result = session.request("resources/list", json!({}));
                listed = result["resources"].as_array().map_or(0, Vec::len);
            });
        }
        assert!(listed > 0);
        report("resources/list (first page)", &list, floor);
        let mut read = Vec::new();
        for _ in 0..calls {
            time(&mut read, || {
                let result =
                    session.request("resources/read", json!({"uri": "career://model/Career.md"}));
                assert!(result["contents"][0]["text"].as_str().is_some());
            });
        }
        report("resources/read career://model/Career.md", &read, floor);
    }
}
