//! A client for the built binary over real stdio: the process is started with
//! `CAREER_LSP_LOG=debug`, its log (stderr) is kept for the test to read, the server's own
//! requests are answered with `null`, and every wait is bounded by [`super::TIMEOUT`], so a
//! server that hangs fails the test instead of hanging it. Dropping the session kills the
//! process.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::{parse_frame, TIMEOUT};

pub struct StdioSession {
    child: Child,
    stdin: Arc<Mutex<Option<ChildStdin>>>,
    messages: Receiver<Value>,
    /// Messages received but not yet asked for.
    backlog: Vec<Value>,
    /// Everything the server wrote to stderr so far.
    log: Arc<Mutex<Vec<u8>>>,
    next_id: i64,
}

impl StdioSession {
    /// Starts `career-lsp` with `args` in the folder `cwd`.
    pub fn start(args: &[&str], cwd: &Path) -> StdioSession {
        let mut child = Command::new(env!("CARGO_BIN_EXE_career-lsp"))
            .args(args)
            .current_dir(cwd)
            .env("CAREER_LSP_LOG", "debug")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let stdin = Arc::new(Mutex::new(child.stdin.take()));
        let mut stdout = child.stdout.take().unwrap();
        let mut stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let log_writer = log.clone();
        // Drained all along, so that the server never blocks on a full pipe.
        thread::spawn(move || {
            let mut chunk = [0; 8192];
            while let Ok(n) = stderr.read(&mut chunk) {
                if n == 0 {
                    return;
                }
                log_writer.lock().unwrap().extend_from_slice(&chunk[..n]);
            }
        });
        let (sender, messages) = mpsc::channel();
        let replies = stdin.clone();
        thread::spawn(move || {
            let mut buffer = Vec::new();
            let mut chunk = [0; 8192];
            loop {
                while let Some((body, used)) = parse_frame(&buffer) {
                    buffer.drain(..used);
                    let message: Value =
                        serde_json::from_slice(&body).expect("the server writes JSON");
                    if let (Some(_), Some(id)) = (message.get("method"), message.get("id")) {
                        let reply = json!({"jsonrpc": "2.0", "id": id, "result": null});
                        if let Some(stdin) = replies.lock().unwrap().as_mut() {
                            let _ = stdin.write_all(&frame(&reply));
                            let _ = stdin.flush();
                        }
                    }
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
        StdioSession {
            child,
            stdin,
            messages,
            backlog: Vec::new(),
            log,
            next_id: 1,
        }
    }

    /// Starts the server (`--stdio`).
    pub fn server(cwd: &Path) -> StdioSession {
        StdioSession::start(&["--stdio"], cwd)
    }

    pub fn send(&mut self, message: &Value) {
        let mut stdin = self.stdin.lock().unwrap();
        let stdin = stdin.as_mut().expect("stdin is open");
        stdin.write_all(&frame(message)).unwrap();
        stdin.flush().unwrap();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request without waiting; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Sends a request and waits for its whole response (`result` or `error`).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(id)
    }

    pub fn response(&mut self, id: i64) -> Value {
        self.next_matching(&format!("the response to request {id}"), |m| {
            m.get("method").is_none() && m["id"] == id
        })
    }

    /// `initialize` with `params` (defaults filled in), then `initialized`; the result.
    pub fn initialize(&mut self, mut params: Value) -> Value {
        let object = params.as_object_mut().expect("params are an object");
        object.entry("processId").or_insert(Value::Null);
        object.entry("rootUri").or_insert(Value::Null);
        object.entry("capabilities").or_insert(json!({}));
        let response = self.request("initialize", params);
        assert!(response.get("error").is_none(), "{response}");
        self.notify("initialized", json!({}));
        response["result"].clone()
    }

    /// The next notification with this method whose params satisfy `wanted`.
    pub fn notification_where(&mut self, method: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        self.next_matching(&format!("a matching {method} notification"), |m| {
            m["method"] == method && m.get("id").is_none() && wanted(&m["params"])
        })["params"]
            .clone()
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
                Err(RecvTimeoutError::Timeout) => panic!(
                    "no {what} within {TIMEOUT:?}; received {:?}\nlog:\n{}",
                    self.backlog,
                    self.log()
                ),
                Err(RecvTimeoutError::Disconnected) => panic!(
                    "the server closed stdout before {what}; received {:?}\nlog:\n{}",
                    self.backlog,
                    self.log()
                ),
            }
        }
    }

    /// What the server has logged so far.
    pub fn log(&self) -> String {
        String::from_utf8_lossy(&self.log.lock().unwrap()).into_owned()
    }

    /// Waits until a line of the log satisfies `wanted`; that line.
    pub fn log_line(&self, wanted: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(line) = self.log().lines().find(|line| wanted(line)) {
                return line.to_string();
            }
            assert!(
                Instant::now() < deadline,
                "no such line logged within {TIMEOUT:?}:\n{}",
                self.log()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// `shutdown`, then `exit`; the process's status.
    pub fn shutdown_and_exit(mut self) -> ExitStatus {
        let response = self.request("shutdown", Value::Null);
        assert!(response.get("error").is_none(), "{response}");
        self.notify("exit", Value::Null);
        self.wait()
    }

    /// Waits for the process to end.
    pub fn wait(&mut self) -> ExitStatus {
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
}

impl Drop for StdioSession {
    fn drop(&mut self) {
        // Never leave a server running after a failed test.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn frame(message: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(message).unwrap();
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(&body);
    frame
}
