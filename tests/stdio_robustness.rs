//! The built binary over real stdio: malformed input gets an error response and the
//! session carries on; `shutdown` then `exit` ends the process with status 0; closing
//! stdin ends it too. Every wait is bounded, so a hang fails instead of hanging.

mod common;

use std::io::{Read, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use common::parse_frame;
use serde_json::{json, Value};

const TIMEOUT: Duration = Duration::from_secs(10);

struct Session {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    /// Messages received but not yet asked for.
    backlog: Vec<Value>,
}

impl Session {
    fn start() -> Session {
        let mut child = Command::new(env!("CARGO_BIN_EXE_career-lsp"))
            .arg("--stdio")
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
        }
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    fn next_matching(&mut self, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
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

    fn response(&mut self, id: i64) -> Value {
        self.next_matching(&format!("response {id}"), |m| {
            m.get("method").is_none() && m["id"] == id
        })
    }

    fn error_with_null_id(&mut self) -> Value {
        self.next_matching("an error response with id null", |m| {
            m.get("method").is_none() && m["id"].is_null() && m.get("error").is_some()
        })
    }

    fn hover(&mut self, id: i64) -> Value {
        self.send(
            json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params": {
                "textDocument": {"uri": "file:///notes/Career.md"},
                "position": {"line": 0, "character": 0},
            }}),
        );
        self.response(id)
    }

    fn wait(mut self) -> ExitStatus {
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

    fn initialize(&mut self) {
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

#[test]
fn malformed_messages_get_errors_and_the_session_continues() {
    let mut session = Session::start();
    session.initialize();

    // A body that is not JSON.
    session.send_raw(b"Content-Length: 9\r\n\r\nnot json!");
    assert_eq!(session.error_with_null_id()["error"]["code"], -32700);
    assert_eq!(session.hover(2)["result"], Value::Null);

    // JSON that is not JSON-RPC.
    session.send_raw(b"Content-Length: 17\r\n\r\n{\"hello\":\"world\"}");
    assert_eq!(session.error_with_null_id()["error"]["code"], -32600);
    assert_eq!(session.hover(3)["result"], Value::Null);

    // A misspelt header: the message is skipped up to the next Content-Length.
    session.send_raw(b"Content-Lenght: 10\r\n\r\n{\"a\":\"bc\"}");
    assert_eq!(session.error_with_null_id()["error"]["code"], -32700);
    assert_eq!(session.hover(4)["result"], Value::Null);

    // A JSON-RPC version we do not speak, with an id to answer.
    session.send(json!({"jsonrpc": "1.0", "id": 5, "method": "textDocument/hover"}));
    assert_eq!(session.response(5)["error"]["code"], -32600);

    // A body declared larger than the limit is refused without being read into memory.
    session.send_raw(format!("Content-Length: {}\r\n\r\n", 65 * 1024 * 1024).as_bytes());
    let too_large = session.error_with_null_id();
    assert!(
        too_large["error"]["message"]
            .as_str()
            .unwrap()
            .contains("over the limit"),
        "{too_large}"
    );
    // (The skipped bytes never come; a fresh session shows the rest.)
    drop(session);

    let mut session = Session::start();
    session.initialize();
    session.send(json!({"jsonrpc": "2.0", "id": 6, "method": "careerLsp/unknown"}));
    assert_eq!(session.response(6)["error"]["code"], -32601);
    assert_eq!(session.hover(7)["result"], Value::Null);

    session.send(json!({"jsonrpc": "2.0", "id": 8, "method": "shutdown", "params": null}));
    let shutdown = session.response(8);
    assert!(shutdown.get("error").is_none(), "{shutdown}");
    assert_eq!(shutdown["result"], Value::Null);
    session.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    // The client may keep stdin open after `exit`; the server must still stop.
    let status = session.wait();
    assert!(status.success(), "{status:?}");
}

#[test]
fn closing_stdin_ends_the_server_cleanly() {
    let mut session = Session::start();
    session.initialize();
    assert_eq!(session.hover(2)["result"], Value::Null);
    session.stdin = None;
    let status = session.wait();
    assert!(status.success(), "{status:?}");
}

#[test]
fn exit_without_shutdown_exits_with_status_one() {
    let mut session = Session::start();
    session.initialize();
    session.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    let status = session.wait();
    assert_eq!(status.code(), Some(1));
}
