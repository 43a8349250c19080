//! The built binary as an editor runs it: a client over its real stdin and stdout. Every
//! wait is bounded, so a server that hangs fails the test instead of hanging it. Requests
//! the server sends are kept for inspection, not answered, unless a test answers them.

use std::io::{Read, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::parse_frame;

/// The longest any single wait may take.
pub const TIMEOUT: Duration = Duration::from_secs(10);

pub struct Session {
    pub child: Child,
    pub stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    /// Messages received but not yet asked for.
    backlog: Vec<Value>,
    next_id: i64,
}

impl Session {
    /// The server with `--stdio`, logging at debug level.
    pub fn start() -> Session {
        Session::start_with(&["--stdio"])
    }

    /// The server with these arguments, logging at debug level.
    pub fn start_with(args: &[&str]) -> Session {
        let mut child = Command::new(env!("CARGO_BIN_EXE_career-lsp"))
            .args(args)
            .env("CAREER_LSP_LOG", "debug")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let stdin = child.stdin.take();
        let mut stdout = child.stdout.take().unwrap();
        let mut stderr = child.stderr.take().unwrap();
        // Drain stderr so the server never blocks on a full pipe.
        thread::spawn(move || {
            let mut sink = Vec::new();
            let _ = stderr.read_to_end(&mut sink);
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
            next_id: 1000,
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

    pub fn next_matching(&mut self, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
        if let Some(index) = self.backlog.iter().position(&matches) {
            return self.backlog.remove(index);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(message) if matches(&message) => return message,
                Ok(message) => self.backlog.push(message),
                Err(RecvTimeoutError::Timeout) => {
                    panic!("no {what} within {TIMEOUT:?}; received {:?}", self.backlog)
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!(
                        "the server closed stdout before {what}; received {:?}",
                        self.backlog
                    )
                }
            }
        }
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

    pub fn wait(mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit within {TIMEOUT:?}");
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its whole response (`result` or `error`).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
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

    /// `initialize` with `params` (`processId`, `rootUri` and `capabilities` filled in
    /// when absent), then `initialized`; returns the result.
    pub fn initialize_with(&mut self, mut params: Value) -> Value {
        let object = params.as_object_mut().expect("params are an object");
        object.entry("processId").or_insert(Value::Null);
        object.entry("rootUri").or_insert(Value::Null);
        object.entry("capabilities").or_insert(json!({}));
        let result = self.request_ok("initialize", params);
        self.notify("initialized", json!({}));
        result
    }

    pub fn initialize(&mut self) {
        self.send(
            json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
                "processId": null, "rootUri": null, "capabilities": {},
            }}),
        );
        let response = self.response(1);
        assert_eq!(
            response["result"]["serverInfo"]["name"], "career-lsp",
            "{response}"
        );
        self.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Never leave a server running after a failed test.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
