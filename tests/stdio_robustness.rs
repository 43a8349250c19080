//! The built binary over real stdio: malformed input gets an error response and the
//! session carries on; `shutdown` then `exit` ends the process with status 0; closing
//! stdin ends it too. Every wait is bounded, so a hang fails instead of hanging.

mod common;

use common::stdio::Session;
use serde_json::{json, Value};

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

#[test]
fn shutdown_and_exit_in_one_write_exit_with_status_zero() {
    let mut session = Session::start();
    session.initialize();
    let shutdown = r#"{"jsonrpc":"2.0","id":9,"method":"shutdown"}"#;
    let exit = r#"{"jsonrpc":"2.0","method":"exit"}"#;
    session.send_raw(
        format!(
            "Content-Length: {}\r\n\r\n{shutdown}Content-Length: {}\r\n\r\n{exit}",
            shutdown.len(),
            exit.len()
        )
        .as_bytes(),
    );
    let status = session.wait();
    assert_eq!(status.code(), Some(0));
}
