//! The server's input on arbitrary bytes: the `Content-Length` framing (`FrameReader`) and
//! the check of each message (`check`). Two kinds of input, by the first byte:
//!
//! - raw bytes, read whole and in pieces of varying size: never a panic, the same frames
//!   however the input is cut (below the header limit, where cutting cannot matter), and
//!   every body either a JSON-RPC message passed on unchanged in meaning or an error
//!   response with a valid id;
//! - well-framed messages with garbage between them (garbage that names no
//!   `Content-Length`): the reader resynchronises, so every message arrives, in order,
//!   except perhaps the one right after each run of garbage, whose header the garbage
//!   may have swallowed.

#![no_main]

use arbitrary::{Result, Unstructured};
use career_lsp::fuzzing::{check, read_frames, without_lone_surrogates, Frame};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// The reader's limit on a header block (`transport::MAX_HEADER_BYTES`): below it, how the
/// input is cut into reads cannot change the frames.
const HEADER_LIMIT: usize = 8 * 1024;
/// The body limit the reader is given here: small, so that the skipping of oversized
/// bodies is reached.
const BODY_LIMIT: usize = 4096;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode & 1 == 0 {
        raw(mode >> 1, rest);
    } else {
        let _ = resynchronisation(&mut Unstructured::new(rest));
    }
});

/// `data` cut into pieces whose sizes cycle through a pattern taken from `seed`.
fn pieces(data: &[u8], seed: u8) -> Vec<&[u8]> {
    let sizes = [1 + usize::from(seed % 7), 1, 3 + usize::from(seed % 31), 2];
    let mut pieces = Vec::new();
    let mut rest = data;
    let mut i = 0;
    while !rest.is_empty() {
        let (piece, tail) = rest.split_at(sizes[i % sizes.len()].min(rest.len()));
        pieces.push(piece);
        rest = tail;
        i += 1;
    }
    pieces
}

fn raw(seed: u8, data: &[u8]) {
    let whole = read_frames(&[data], BODY_LIMIT).expect("reading memory never fails");
    let cut = read_frames(&pieces(data, seed), BODY_LIMIT).expect("reading memory never fails");
    if data.len() <= HEADER_LIMIT {
        assert_eq!(whole, cut, "the frames depend on how the input is cut");
    }
    for frame in whole.iter().chain(&cut) {
        match frame {
            Frame::Body(body) => check_body(body),
            Frame::TooLarge(length) => assert!(*length > BODY_LIMIT),
            Frame::BadHeader(reason) => assert!(!reason.is_empty()),
        }
    }
}

fn is_valid_id(id: &Value) -> bool {
    match id {
        Value::Null | Value::String(_) => true,
        Value::Number(number) => number.is_i64(),
        _ => false,
    }
}

/// A body becomes a message that means what it said, or an error response to send back.
fn check_body(body: &[u8]) {
    match check(body) {
        Ok(checked) => {
            // Half of a surrogate pair (`"\ud83d"`, as JavaScript writes it) is not Unicode;
            // the message means the same with U+FFFD in its place.
            let original: Value = serde_json::from_slice(body)
                .or_else(|error| match without_lone_surrogates(body) {
                    Some(mended) => serde_json::from_slice(&mended),
                    None => Err(error),
                })
                .expect("a checked body is JSON");
            let passed: Value =
                serde_json::from_slice(&checked.body).expect("the body passed on is JSON");
            assert_eq!(original, passed, "the message changed on its way");
            let message = passed.as_object().expect("a message is an object");
            assert_eq!(message.get("jsonrpc"), Some(&Value::from("2.0")));
            assert_eq!(
                checked.method.as_deref(),
                message.get("method").and_then(Value::as_str)
            );
            if let Some(id) = &checked.request_id {
                assert!(checked.method.is_some(), "a request id without a method");
                assert!(is_valid_id(id), "request id {id}");
                assert_eq!(Some(id), message.get("id"));
            }
            if checked.method.is_none() {
                assert!(
                    message.get("id").is_some_and(is_valid_id),
                    "a response without an id"
                );
            }
        }
        Err(reply) => {
            let encoded = serde_json::to_vec(&reply).expect("an error response encodes");
            let reply: Value = serde_json::from_slice(&encoded).expect("and decodes");
            assert_eq!(reply["jsonrpc"], "2.0", "{reply}");
            assert!(is_valid_id(&reply["id"]), "error response id: {reply}");
            assert!(reply["error"]["code"].is_i64(), "{reply}");
            assert!(reply["error"]["message"].is_string(), "{reply}");
            assert!(reply.get("result").is_none(), "{reply}");
            // When the message had a valid id, the error answers it.
            if let Ok(Value::Object(message)) = serde_json::from_slice::<Value>(body) {
                if let Some(id) = message.get("id").filter(|id| is_valid_id(id)) {
                    if message.get("jsonrpc") == Some(&Value::from("2.0")) {
                        assert_eq!(&reply["id"], id, "the error answers another id: {reply}");
                    }
                }
            }
        }
    }
}

/// Message bodies of a session, none naming `Content-Length`.
const MESSAGES: &[&str] = &[
    r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
    r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
    r##"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///vault/Career.md","languageId":"markdown","version":1,"text":"# Career\r\n\r\n## Vision\n🎯"}}}"##,
    r#"{"jsonrpc":"2.0","id":"h","method":"textDocument/hover","params":{"textDocument":{"uri":"file:///vault/Career.md"},"position":{"line":0,"character":2}}}"#,
    r#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"h"}}"#,
    r#"{"jsonrpc":"2.0","id":7,"result":null}"#,
    r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#,
    r#"{"jsonrpc":"2.0","method":"exit"}"#,
    "{}",
    "",
];

fn frame(body: &[u8], style: u8) -> Vec<u8> {
    let header = match style % 4 {
        0 => format!("Content-Length: {}\r\n\r\n", body.len()),
        1 => format!("content-length:{}\r\n\r\n", body.len()),
        2 => format!(
            "Content-Length: {}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n",
            body.len()
        ),
        _ => format!("CONTENT-LENGTH: {}\n\n", body.len()),
    };
    let mut framed = header.into_bytes();
    framed.extend_from_slice(body);
    framed
}

/// Garbage that cannot be read as naming a `Content-Length`.
fn garbage(bytes: &[u8]) -> Vec<u8> {
    let mut garbage = bytes.to_vec();
    while let Some(at) = garbage
        .windows(14)
        .position(|w| w.eq_ignore_ascii_case(b"content-length"))
    {
        garbage[at] = b'x';
    }
    garbage
}

fn resynchronisation(u: &mut Unstructured) -> Result<()> {
    let seed: u8 = u.arbitrary()?;
    let mut input = Vec::new();
    // The bodies sent, each with whether it may be lost (right after garbage).
    let mut sent: Vec<(Vec<u8>, bool)> = Vec::new();
    // Garbage pieces in a row are made harmless together: two of them could otherwise
    // join into a header (`…Content-Len` then `gth: 49`) whose body is garbage too.
    let mut pending: Vec<u8> = Vec::new();
    for _ in 0..u.int_in_range(1..=12)? {
        if u.ratio(1, 3)? {
            let bytes: &[u8] = u.arbitrary()?;
            pending.extend_from_slice(bytes);
        } else {
            let body = u.choose(MESSAGES)?.as_bytes();
            let junk = garbage(&pending);
            pending.clear();
            input.extend_from_slice(&junk);
            input.extend_from_slice(&frame(body, u.arbitrary()?));
            sent.push((body.to_vec(), !junk.is_empty()));
        }
    }
    input.extend_from_slice(&garbage(&pending));
    for frames in [
        read_frames(&[&input], BODY_LIMIT),
        read_frames(&pieces(&input, seed), BODY_LIMIT),
    ] {
        let frames = frames.expect("reading memory never fails");
        let mut bodies = Vec::new();
        for frame in &frames {
            match frame {
                Frame::Body(body) => bodies.push(body.as_slice()),
                Frame::BadHeader(_) => {}
                Frame::TooLarge(length) => panic!("no body of {length} bytes was sent"),
            }
        }
        assert!(
            arrived_in_order(&sent, &bodies),
            "sent {:?}, read {:?}, from {:?}",
            sent,
            bodies,
            String::from_utf8_lossy(&input)
        );
    }
    Ok(())
}

/// Whether `read` is `sent` in order, less some of the bodies that may be lost. (Bodies
/// repeat, so which one was lost is not known: any way of matching will do.)
fn arrived_in_order(sent: &[(Vec<u8>, bool)], read: &[&[u8]]) -> bool {
    match (sent.split_first(), read.split_first()) {
        (None, None) => true,
        (None, Some(_)) => false,
        (Some(((_, may_be_lost), rest)), None) => *may_be_lost && arrived_in_order(rest, read),
        (Some(((body, may_be_lost), rest)), Some((first, others))) => {
            (body == first && arrived_in_order(rest, others))
                || (*may_be_lost && arrived_in_order(rest, read))
        }
    }
}
