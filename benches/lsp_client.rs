//! A JSON-RPC client of a language server over stdio, for the benchmarks: framing, requests
//! and notifications, waiting for a response with a timeout (answering the server's own
//! requests with `null`), and the statistics the benchmarks print.

// Each benchmark uses part of this file.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long any single wait on the server may take before the run fails.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// A `file://` URI for an absolute path, percent-encoding everything but unreserved
/// characters and separators.
pub fn file_uri(path: &Path) -> String {
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

pub fn framed(message: &Value) -> Vec<u8> {
    let body = message.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

pub struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    last_id: i64,
}

impl Server {
    /// Starts career-lsp, the binary cargo built for this benchmark.
    pub fn start() -> Server {
        Server::command(env!("CARGO_BIN_EXE_career-lsp"), &["--stdio"])
    }

    /// Starts any language server speaking JSON-RPC over its stdin and stdout.
    pub fn command(program: &str, args: &[&str]) -> Server {
        Server::spawn(Command::new(program).args(args))
    }

    /// Starts a language server from a prepared command, e.g. one given its working
    /// folder (some servers take the workspace from it rather than from `initialize`).
    pub fn spawn(command: &mut Command) -> Server {
        let mut child = command
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

    pub fn next_id(&mut self) -> i64 {
        self.last_id += 1;
        self.last_id
    }

    pub fn write(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).expect("the server reads its input");
        stdin.flush().expect("the server reads its input");
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.write(&framed(
            &json!({"jsonrpc": "2.0", "method": method, "params": params}),
        ));
    }

    pub fn request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id();
        self.write(&framed(
            &json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}),
        ));
        id
    }

    pub fn diagnostic(&mut self, uri: &str) -> Value {
        let id = self.request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        );
        self.response(id)
    }

    /// Waits for the response to request `id`, answering any request from the server
    /// with a `null` result and skipping notifications meanwhile.
    pub fn response(&mut self, id: i64) -> Value {
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

    pub fn shutdown(mut self) {
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

    pub fn wait(&mut self) -> ExitStatus {
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

/// What the benchmarks that compare servers need beyond requests and responses: any
/// message awaited (a notification, an error answer), and the process's CPU time and peak
/// memory as Linux reports them.
impl Server {
    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits up to `timeout` for the first message `wanted` accepts and returns it, or
    /// `None` when the time runs out. Every message goes through `wanted`, so a caller can
    /// note the notifications it passes over. The server's own requests are answered
    /// meanwhile: `workspace/configuration` with one `null` per item, any other with `null`.
    /// Panics when the server closes its output (it crashed or exited).
    pub fn wait_for(
        &mut self,
        timeout: Duration,
        mut wanted: impl FnMut(&Value) -> bool,
    ) -> Option<Value> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(message) => {
                    if let (Some(method), Some(id)) = (message.get("method"), message.get("id")) {
                        let result = if method == "workspace/configuration" {
                            let items = message["params"]["items"].as_array().map_or(0, Vec::len);
                            Value::Array(vec![Value::Null; items])
                        } else {
                            Value::Null
                        };
                        self.write(&framed(
                            &json!({"jsonrpc": "2.0", "id": id, "result": result}),
                        ));
                    }
                    if wanted(&message) {
                        return Some(message);
                    }
                }
                Err(RecvTimeoutError::Timeout) => return None,
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server closed stdout (exited or crashed)")
                }
            }
        }
    }

    /// Stops the server the way most clients do, `shutdown` and `exit` without `params`
    /// (some servers refuse `"params": null`), and returns its exit status. Its answer to
    /// `shutdown` may be an error: the exit status says how it ended.
    pub fn stop(mut self) -> ExitStatus {
        let id = self.next_id();
        self.write(&framed(
            &json!({"jsonrpc": "2.0", "id": id, "method": "shutdown"}),
        ));
        self.answer(id);
        self.write(&framed(&json!({"jsonrpc": "2.0", "method": "exit"})));
        self.stdin = None;
        self.wait()
    }

    /// The answer to request `id`, a result or an error, within [`TIMEOUT`].
    pub fn answer(&mut self, id: i64) -> Value {
        self.wait_for(TIMEOUT, |message| {
            message.get("method").is_none() && message.get("id") == Some(&json!(id))
        })
        .unwrap_or_else(|| panic!("no answer to request {id} within {TIMEOUT:?}"))
    }

    /// CPU time the process has used so far, user and system, all threads (those that
    /// have ended too): `utime + stime` from `/proc/<pid>/stat`, in clock ticks of 10 ms.
    pub fn cpu_time(&self) -> Duration {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid()))
            .expect("the server's /proc/<pid>/stat");
        // The command name, in parentheses, may hold spaces; the fields follow its `)`.
        let fields: Vec<&str> = stat[stat.rfind(')').expect("a command name") + 1..]
            .split_whitespace()
            .collect();
        // Fields 14 and 15 of the line, counted from the pid; `fields[0]` is field 3.
        let ticks: u64 = [11, 12]
            .iter()
            .map(|&i| fields[i].parse::<u64>().expect("a tick count"))
            .sum();
        // Linux reports these in USER_HZ, which is 100 on every architecture it supports.
        Duration::from_millis(ticks * 10)
    }

    /// The process's peak resident memory so far in bytes (`VmHWM` in
    /// `/proc/<pid>/status`).
    pub fn peak_rss(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid()))
            .expect("the server's /proc/<pid>/status");
        let kilobytes: u64 = status
            .lines()
            .find_map(|line| line.strip_prefix("VmHWM:"))
            .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("a VmHWM line in kB");
        kilobytes * 1024
    }
}

/// The body's byte range and the frame's whole length, once a frame is complete.
pub fn parse_frame(buffer: &[u8]) -> Option<(std::ops::Range<usize>, usize)> {
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

pub struct Stats {
    pub n: usize,
    pub median: Duration,
    pub p90: Duration,
    pub min: Duration,
}

impl Stats {
    pub fn of(times: &[Duration]) -> Stats {
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

    pub fn print(&self, series: &str) {
        println!(
            "{series:<58} {:>5} {:>12} {:>12} {:>12}",
            self.n,
            micros(self.median),
            micros(self.p90),
            micros(self.min)
        );
    }
}

pub fn micros(duration: Duration) -> String {
    format!("{:.1} µs", duration.as_secs_f64() * 1e6)
}
