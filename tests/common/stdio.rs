//! The built binary over real stdio, for the tests that need the real process: its exit,
//! its log on stderr, its environment. Every wait is bounded, so a server that hangs fails
//! the test instead of hanging it.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::parse_frame;

pub const TIMEOUT: Duration = Duration::from_secs(10);

pub struct Session {
    pub child: Child,
    pub stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    /// Messages received but not yet asked for.
    backlog: Vec<Value>,
    log: Receiver<String>,
    /// Log lines read so far.
    pub log_lines: Vec<String>,
    /// The id of the next request sent without one of the caller's.
    next_id: i64,
}

impl Session {
    pub fn start() -> Session {
        Session::start_with(&[])
    }

    /// Starts the server with these environment variables set (beside a debug log).
    pub fn start_with(env: &[(&str, &str)]) -> Session {
        Session::launch(&["--stdio"], env, None)
    }

    /// Starts the server with these arguments (in place of `--stdio`).
    pub fn start_with_args(args: &[&str]) -> Session {
        Session::launch(args, &[], None)
    }

    /// Starts the server in the folder `cwd`.
    pub fn start_in(cwd: &Path) -> Session {
        Session::launch(&["--stdio"], &[], Some(cwd))
    }

    fn launch(args: &[&str], env: &[(&str, &str)], cwd: Option<&Path>) -> Session {
        let mut command = Command::new(env!("CARGO_BIN_EXE_career-lsp"));
        if let Some(cwd) = cwd {
            command.current_dir(cwd);
        }
        command
            .args(args)
            .env("CAREER_LSP_LOG", "debug")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (name, value) in env {
            command.env(name, value);
        }
        let mut child = command.spawn().expect("the binary starts");
        let stdin = child.stdin.take();
        let mut stdout = child.stdout.take().unwrap();
        let stderr = child.stderr.take().unwrap();
        // Read stderr all along, so the server never blocks on a full pipe.
        let (log_sender, log) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { return };
                if log_sender.send(line).is_err() {
                    return;
                }
            }
        });
        let (sender, messages) = mpsc::channel();
        thread::spawn(move || {
            let mut buffer = Vec::new();
            let mut chunk = [0; 8192];
            loop {
                while let Some((body, used)) = parse_frame(&buffer) {
                    buffer.drain(..used);
                    let message = serde_json::from_slice(&body).expect("the server writes JSON");
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
        Session {
            child,
            stdin,
            messages,
            backlog: Vec::new(),
            log,
            log_lines: Vec::new(),
            next_id: 1_000_000,
        }
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    pub fn send(&mut self, message: Value) {
        let body = message.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    /// Sends a request with the caller's id, without waiting.
    pub fn request_with_id(&mut self, id: i64, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
    }

    /// Sends a request without waiting; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.request_with_id(id, method, params);
        id
    }

    /// Sends a request and waits for its whole response (`result` or `error`).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(id)
    }

    /// Sends a request and returns its result; fails the test on an error response.
    pub fn request_ok(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params);
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// The next request the server sent with this method (not answered).
    pub fn server_request(&mut self, method: &str) -> Value {
        self.next_matching(&format!("a {method} request from the server"), |m| {
            m["method"] == method && m.get("id").is_some()
        })
    }

    /// The params of the next notification with this method whose params satisfy `wanted`.
    pub fn notification_where(&mut self, method: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        self.next_matching(&format!("a matching {method} notification"), |m| {
            m["method"] == method && m.get("id").is_none() && wanted(&m["params"])
        })["params"]
            .clone()
    }

    /// Every message that arrives within `wait` and matches, without failing on none.
    pub fn collect_for(&mut self, wait: Duration, matches: impl Fn(&Value) -> bool) -> Vec<Value> {
        let deadline = Instant::now() + wait;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(message) => self.backlog.push(message),
                Err(_) => break,
            }
        }
        let (found, rest) = self.backlog.drain(..).partition(|m| matches(m));
        self.backlog = rest;
        found
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    pub fn next_matching(&mut self, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
        self.next_matching_within(what, TIMEOUT, matches)
            .unwrap_or_else(|| panic!("no {what} within {TIMEOUT:?}; received {:?}", self.backlog))
    }

    /// The next message that `matches`, if one comes within `wait`.
    pub fn next_matching_within(
        &mut self,
        what: &str,
        wait: Duration,
        matches: impl Fn(&Value) -> bool,
    ) -> Option<Value> {
        if let Some(index) = self.backlog.iter().position(&matches) {
            return Some(self.backlog.remove(index));
        }
        let deadline = Instant::now() + wait;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(message) if matches(&message) => return Some(message),
                Ok(message) => self.backlog.push(message),
                Err(RecvTimeoutError::Timeout) => return None,
                Err(RecvTimeoutError::Disconnected) => {
                    panic!(
                        "the server closed stdout before {what}; received {:?}",
                        self.backlog
                    )
                }
            }
        }
    }

    /// Every message received so far and not yet asked for.
    pub fn received(&mut self) -> &[Value] {
        while let Ok(message) = self.messages.try_recv() {
            self.backlog.push(message);
        }
        &self.backlog
    }

    pub fn response(&mut self, id: i64) -> Value {
        self.next_matching(&format!("response {id}"), |m| {
            m.get("method").is_none() && m["id"] == id
        })
    }

    pub fn error_with_null_id(&mut self) -> Value {
        self.next_matching("an error response with id null", |m| {
            m.get("method").is_none() && m["id"].is_null() && m.get("error").is_some()
        })
    }

    pub fn hover(&mut self, id: i64) -> Value {
        self.send(
            json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params": {
                "textDocument": {"uri": "file:///notes/Career.md"},
                "position": {"line": 0, "character": 0},
            }}),
        );
        self.response(id)
    }

    /// Answers every request the server has made of the client so far with `result`;
    /// how many there were.
    pub fn answer_server_requests(&mut self, result: Value) -> usize {
        self.received();
        let (requests, rest): (Vec<Value>, Vec<Value>) = std::mem::take(&mut self.backlog)
            .into_iter()
            .partition(|m| m.get("method").is_some() && m.get("id").is_some());
        self.backlog = rest;
        for request in &requests {
            self.send(json!({"jsonrpc": "2.0", "id": request["id"], "result": result}));
        }
        requests.len()
    }

    /// The response to request `id`, answering the server's own requests meanwhile.
    pub fn response_answering(&mut self, id: i64, result: Value) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            self.answer_server_requests(result.clone());
            let matches = |m: &Value| m.get("method").is_none() && m["id"] == id;
            if let Some(response) =
                self.next_matching_within("a response", Duration::from_millis(50), matches)
            {
                return response;
            }
            assert!(
                Instant::now() < deadline,
                "no response {id} within {TIMEOUT:?}"
            );
        }
    }

    /// Waits for a line of the server's log that satisfies `wanted`, and returns it.
    pub fn log_line(&mut self, wanted: impl Fn(&str) -> bool) -> String {
        if let Some(line) = self.log_lines.iter().find(|line| wanted(line)) {
            return line.clone();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.log.recv_timeout(left) {
                Ok(line) => {
                    self.log_lines.push(line.clone());
                    if wanted(&line) {
                        return line;
                    }
                }
                Err(_) => panic!(
                    "no such log line within {TIMEOUT:?}; the log:\n{}",
                    self.log_lines.join("\n")
                ),
            }
        }
    }

    /// `shutdown`, then `exit`; the process's status.
    pub fn shutdown_and_exit(mut self) -> ExitStatus {
        let response = self.request("shutdown", Value::Null);
        assert!(response.get("error").is_none(), "{response}");
        self.notify("exit", Value::Null);
        self.wait()
    }

    /// Waits for the process to end; fails after `TIMEOUT`.
    pub fn wait(&mut self) -> ExitStatus {
        self.wait_within(TIMEOUT)
            .unwrap_or_else(|| panic!("the server did not exit within {TIMEOUT:?}"))
    }

    /// The exit status, if the process ends within `wait` (it is killed otherwise).
    pub fn wait_within(&mut self, wait: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + wait;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                return None;
            }
            thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn initialize(&mut self) {
        self.initialize_with(json!({"processId": null, "rootUri": null, "capabilities": {}}));
    }

    /// `initialize` with these parameters (`processId`, `rootUri` and `capabilities`
    /// filled in when absent), then `initialized`; the `initialize` result.
    pub fn initialize_with(&mut self, mut params: Value) -> Value {
        let object = params.as_object_mut().expect("params are an object");
        object.entry("processId").or_insert(Value::Null);
        object.entry("rootUri").or_insert(Value::Null);
        object.entry("capabilities").or_insert(json!({}));
        let response = self.request("initialize", params);
        assert_eq!(
            response["result"]["serverInfo"]["name"], "career-lsp",
            "{response}"
        );
        self.notify("initialized", json!({}));
        response["result"].clone()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Never leave a server running after a failed test.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
