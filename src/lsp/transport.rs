//! The wire: our own framing of the client's byte stream, and the one writer to the client.
//!
//! tower-lsp-server reads its input with tokio-util's `FramedRead`, which ends the stream on
//! the first frame it cannot decode, so one malformed message would stop the server with
//! exit status 0. So the client's bytes are framed and checked here: a bad header, a body
//! that is not JSON, or JSON that is not a JSON-RPC 2.0 message gets an error response, and
//! reading resumes at the next message. What passes goes to the dispatch (`dispatch`);
//! everything for the client goes through a single writer task, so two messages never
//! interleave on the wire.

use serde_json::{json, Map, Value};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::{mpsc, oneshot};
use tracing::{debug, error, warn};

/// The largest message body accepted from the client; larger ones are skipped.
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;
/// A header block longer than this is garbage.
const MAX_HEADER_BYTES: usize = 8 * 1024;
const READ_CHUNK: usize = 64 * 1024;
const CONTENT_LENGTH: &[u8] = b"content-length:";

pub const PARSE_ERROR: i64 = -32700;
pub const INVALID_REQUEST: i64 = -32600;
const METHOD_NOT_FOUND: i64 = -32601;

/// One unit of input: a body, or a reason the framing was broken.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A complete body, not yet checked.
    Body(Vec<u8>),
    /// The headers could not be read; reading resumes at the next `Content-Length:`.
    BadHeader(String),
    /// The declared body is over the limit; its bytes are skipped.
    TooLarge(usize),
}

/// Reads `Content-Length`-framed messages from a byte stream, recovering from bad framing.
pub struct FrameReader<R> {
    reader: R,
    buffer: Vec<u8>,
    limit: usize,
    /// Bytes of an oversized body still to throw away.
    discard: usize,
    /// After a bad header: throw bytes away up to the next `Content-Length:`.
    resynchronising: bool,
}

enum Headers {
    Incomplete,
    Complete { consumed: usize, length: usize },
    Bad { consumed: usize, reason: String },
}

impl<R: AsyncRead + Unpin> FrameReader<R> {
    pub fn new(reader: R, limit: usize) -> FrameReader<R> {
        FrameReader {
            reader,
            buffer: Vec::new(),
            limit,
            discard: 0,
            resynchronising: false,
        }
    }

    /// The next frame, or `None` once the input has ended.
    pub async fn next_frame(&mut self) -> std::io::Result<Option<Frame>> {
        loop {
            if self.discard > 0 {
                let n = self.discard.min(self.buffer.len());
                self.buffer.drain(..n);
                self.discard -= n;
                if self.discard > 0 {
                    if !self.fill(self.discard.min(READ_CHUNK)).await? {
                        return Ok(None);
                    }
                    continue;
                }
            }
            if self.resynchronising {
                if let Some(at) = find_ignoring_case(&self.buffer, CONTENT_LENGTH) {
                    self.buffer.drain(..at);
                    self.resynchronising = false;
                } else {
                    // Keep a tail that could be the start of a split `Content-Length:`.
                    let cut = self.buffer.len().saturating_sub(CONTENT_LENGTH.len() - 1);
                    self.buffer.drain(..cut);
                    if !self.fill(READ_CHUNK).await? {
                        return Ok(None);
                    }
                    continue;
                }
            }
            // Blank lines between messages are tolerated.
            let blank = self
                .buffer
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
            self.buffer.drain(..blank);

            match parse_headers(&self.buffer) {
                Headers::Incomplete if self.buffer.len() > MAX_HEADER_BYTES => {
                    // No blank line anywhere in the buffer, so no message starts in it
                    // except, perhaps, one whose `Content-Length:` is split at its end.
                    let cut = self.buffer.len() - (CONTENT_LENGTH.len() - 1);
                    self.buffer.drain(..cut);
                    self.resynchronising = true;
                    return Ok(Some(Frame::BadHeader(
                        "the header block is too long".to_string(),
                    )));
                }
                Headers::Incomplete => {
                    if !self.fill(READ_CHUNK).await? {
                        return Ok(None);
                    }
                }
                Headers::Bad { consumed, reason } => {
                    self.buffer.drain(..consumed);
                    self.resynchronising = true;
                    return Ok(Some(Frame::BadHeader(reason)));
                }
                Headers::Complete { consumed, length } if length > self.limit => {
                    self.buffer.drain(..consumed);
                    self.discard = length;
                    return Ok(Some(Frame::TooLarge(length)));
                }
                Headers::Complete { consumed, length } => {
                    let end = consumed + length;
                    while self.buffer.len() < end {
                        let missing = end - self.buffer.len();
                        if !self.fill(missing).await? {
                            return Ok(None);
                        }
                    }
                    let body = self.buffer[consumed..end].to_vec();
                    self.buffer.drain(..end);
                    return Ok(Some(Frame::Body(body)));
                }
            }
        }
    }

    /// Reads more input; `false` at the end of the input.
    async fn fill(&mut self, wanted: usize) -> std::io::Result<bool> {
        self.buffer.reserve(wanted.clamp(1, READ_CHUNK));
        let read = self.reader.read_buf(&mut self.buffer).await?;
        if read == 0 && !self.buffer.is_empty() && self.discard == 0 && !self.resynchronising {
            warn!(
                "the input ended inside a message ({} bytes left unread)",
                self.buffer.len()
            );
        }
        Ok(read > 0)
    }
}

fn parse_headers(buffer: &[u8]) -> Headers {
    let mut position = 0;
    let mut length = None;
    loop {
        let Some(newline) = buffer[position..].iter().position(|&b| b == b'\n') else {
            return Headers::Incomplete;
        };
        let next = position + newline + 1;
        let line = buffer[position..position + newline]
            .strip_suffix(b"\r")
            .unwrap_or(&buffer[position..position + newline]);
        if line.is_empty() {
            return match length {
                Some(length) => Headers::Complete {
                    consumed: next,
                    length,
                },
                None => Headers::Bad {
                    consumed: next,
                    reason: "missing Content-Length header".to_string(),
                },
            };
        }
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            return Headers::Bad {
                consumed: next,
                reason: format!("not a header line: {}", snippet(line)),
            };
        };
        let name = line[..colon].trim_ascii();
        let value = line[colon + 1..].trim_ascii();
        if name.eq_ignore_ascii_case(b"content-length") {
            if value.is_empty() || !value.iter().all(u8::is_ascii_digit) {
                return Headers::Bad {
                    consumed: next,
                    reason: format!("Content-Length is not a number: {}", snippet(value)),
                };
            }
            // All digits: a number too big for usize is simply too large.
            let declared = std::str::from_utf8(value)
                .ok()
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(usize::MAX);
            if length.is_some_and(|previous| previous != declared) {
                return Headers::Bad {
                    consumed: next,
                    reason: "two different Content-Length headers".to_string(),
                };
            }
            length = Some(declared);
        } else if !name.eq_ignore_ascii_case(b"content-type") {
            debug!("ignoring header {}", snippet(name));
        }
        position = next;
    }
}

fn find_ignoring_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

/// A short printable excerpt of raw input for a log line or an error message.
fn snippet(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut excerpt: String = text.chars().take(40).collect();
    if excerpt.len() < text.len() {
        excerpt.push('…');
    }
    format!("{excerpt:?}")
}

/// A message that passed the checks, re-serialised for tower-lsp-server (which rejects,
/// for example, a duplicated key that `serde_json::Value` tolerates).
#[derive(Debug)]
pub struct Checked {
    pub method: Option<String>,
    /// The id of a request (`None` for a notification or a response).
    pub request_id: Option<Value>,
    pub body: Vec<u8>,
}

/// Checks that a body is one JSON-RPC 2.0 message; otherwise the error response to send.
pub fn check(body: &[u8]) -> Result<Checked, Value> {
    let value: Value = serde_json::from_slice(body)
        .or_else(|error| match without_lone_surrogates(body) {
            Some(mended) => serde_json::from_slice(&mended),
            None => Err(error),
        })
        .map_err(|e| error_response(Value::Null, PARSE_ERROR, format!("Parse error: {e}")))?;
    let Value::Object(message) = &value else {
        return Err(invalid(
            Value::Null,
            "a message must be a JSON object (batches are not supported)",
        ));
    };
    let id = match message.get("id") {
        None => None,
        Some(id) if is_valid_id(id) => Some(id.clone()),
        Some(_) => {
            return Err(invalid(
                Value::Null,
                "`id` must be an integer, a string or null",
            ))
        }
    };
    let reply_id = id.clone().unwrap_or(Value::Null);
    if message.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return Err(invalid(reply_id, "`jsonrpc` must be \"2.0\""));
    }
    let method = match message.get("method") {
        Some(Value::String(method)) => Some(method.clone()),
        Some(_) => return Err(invalid(reply_id, "`method` must be a string")),
        None => None,
    };
    let has_result = message.contains_key("result");
    let has_error = message.contains_key("error");
    match &method {
        Some(_) if has_result || has_error => {
            return Err(invalid(
                reply_id,
                "a request or notification cannot carry `result` or `error`",
            ))
        }
        // The protocol asks for MethodNotFound on unknown `$/` requests; tower-lsp-server
        // answers none of them, which would leave the client waiting.
        Some(method) if id.is_some() && method.starts_with("$/") => {
            return Err(error_response(
                reply_id,
                METHOD_NOT_FOUND,
                format!("Method not found: {method}"),
            ))
        }
        Some(_) => {}
        None if id.is_none() => {
            return Err(invalid(
                Value::Null,
                "a message needs a `method`, or an `id` and a `result` or `error`",
            ))
        }
        None => match (has_result, message.get("error")) {
            (true, None) => {}
            (false, Some(error)) if is_valid_error(error) => {}
            (false, Some(_)) => {
                return Err(invalid(
                    reply_id,
                    "`error` must have an integer `code` and a string `message`",
                ))
            }
            (true, Some(_)) => {
                return Err(invalid(
                    reply_id,
                    "a response cannot carry both `result` and `error`",
                ))
            }
            (false, None) => {
                return Err(invalid(
                    reply_id,
                    "a message needs a `method`, or a `result` or `error`",
                ))
            }
        },
    }
    let body = serde_json::to_vec(&value).map_err(|e| {
        error_response(
            reply_id,
            PARSE_ERROR,
            format!("cannot re-encode message: {e}"),
        )
    })?;
    let request_id = method.as_ref().and(id);
    Ok(Checked {
        method,
        request_id,
        body,
    })
}

/// The body with each `\uXXXX` escape of a lone surrogate written as U+FFFD, or `None` when
/// it has none.
///
/// JavaScript strings may hold half of a surrogate pair (an editor splitting an emoji
/// across two changes), and `JSON.stringify` writes it as such an escape, which is not
/// Unicode and which serde_json refuses. Dropping the whole message would leave the note
/// differing from the editor's for good; U+FFFD takes one UTF-16 unit, like the half it
/// stands for, so the positions of later changes still land where the editor put them.
pub fn without_lone_surrogates(body: &[u8]) -> Option<Vec<u8>> {
    fn unit_at(body: &[u8], at: usize) -> Option<u16> {
        let escape = body.get(at..at + 6)?;
        if escape[0] != b'\\' || escape[1] != b'u' {
            return None;
        }
        u16::from_str_radix(std::str::from_utf8(&escape[2..]).ok()?, 16).ok()
    }
    let is_high = |unit: u16| (0xD800..0xDC00).contains(&unit);
    let is_low = |unit: u16| (0xDC00..0xE000).contains(&unit);
    let mut mended = Vec::with_capacity(body.len());
    let mut changed = false;
    let mut at = 0;
    while at < body.len() {
        if body[at] != b'\\' {
            mended.push(body[at]);
            at += 1;
            continue;
        }
        match unit_at(body, at) {
            Some(high) if is_high(high) && unit_at(body, at + 6).is_some_and(is_low) => {
                mended.extend_from_slice(&body[at..at + 12]);
                at += 12;
            }
            Some(unit) if is_high(unit) || is_low(unit) => {
                mended.extend_from_slice(b"\\ufffd");
                changed = true;
                at += 6;
            }
            // Any other escape, `\\` included, is copied whole.
            _ => {
                mended.extend_from_slice(&body[at..(at + 2).min(body.len())]);
                at += 2;
            }
        }
    }
    changed.then_some(mended)
}

fn is_valid_id(id: &Value) -> bool {
    match id {
        Value::Null | Value::String(_) => true,
        Value::Number(number) => number.is_i64(),
        _ => false,
    }
}

fn is_valid_error(error: &Value) -> bool {
    error.get("code").is_some_and(Value::is_i64)
        && error.get("message").is_some_and(Value::is_string)
}

fn invalid(id: Value, why: &str) -> Value {
    error_response(id, INVALID_REQUEST, format!("Invalid Request: {why}"))
}

pub fn error_response(id: Value, code: i64, message: String) -> Value {
    let mut error = Map::new();
    error.insert("code".into(), code.into());
    error.insert("message".into(), message.into());
    json!({"jsonrpc": "2.0", "id": id, "error": error})
}

/// The only task that writes to the client: writes what is queued until the queue closes
/// or `stop` fires, and then what was queued before it.
pub async fn write_to_client<O: AsyncWrite + Unpin>(
    mut output: O,
    mut queue: mpsc::Receiver<Vec<u8>>,
    mut stop: oneshot::Receiver<()>,
) {
    let mut broken = false;
    loop {
        let body = tokio::select! {
            biased;
            body = queue.recv() => body,
            _ = &mut stop => {
                queue.close();
                queue.recv().await
            }
        };
        let Some(body) = body else { break };
        if broken {
            continue; // keep draining so nothing upstream blocks
        }
        if let Err(error) = write_frame(&mut output, &body).await {
            error!("cannot write to the client: {error}; dropping further output");
            broken = true;
        }
    }
    if !broken {
        let _ = output.shutdown().await;
    }
}

async fn write_frame<W: AsyncWrite + Unpin>(writer: &mut W, body: &[u8]) -> std::io::Result<()> {
    let header = format!("Content-Length: {}\r\n\r\n", body.len());
    writer.write_all(header.as_bytes()).await?;
    writer.write_all(body).await?;
    writer.flush().await
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn frames_of(input: &[u8]) -> Vec<Frame> {
        let mut reader = FrameReader::new(input, 100);
        let mut frames = Vec::new();
        while let Some(frame) = reader.next_frame().await.unwrap() {
            frames.push(frame);
        }
        frames
    }

    fn body(text: &str) -> Frame {
        Frame::Body(text.as_bytes().to_vec())
    }

    #[tokio::test]
    async fn reads_frames_with_any_header_case_and_content_type() {
        let input = b"Content-Length: 2\r\n\r\n{}content-length:3\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n[1]CONTENT-LENGTH: 1\r\n\r\n1";
        assert_eq!(
            frames_of(input).await,
            vec![body("{}"), body("[1]"), body("1")]
        );
    }

    #[tokio::test]
    async fn frames_split_across_reads_are_reassembled() {
        let message = b"Content-Length: 12\r\n\r\n{\"a\":\"\xF0\x9F\x8E\xAF\"}";
        let (mut client, server) = tokio::io::duplex(4);
        let writer = tokio::spawn(async move {
            for byte in message.iter().chain(message.iter()) {
                client.write_all(&[*byte]).await.unwrap();
            }
        });
        let mut reader = FrameReader::new(server, 100);
        let expected = Frame::Body(message[22..].to_vec());
        assert_eq!(reader.next_frame().await.unwrap(), Some(expected));
        assert!(matches!(
            reader.next_frame().await.unwrap(),
            Some(Frame::Body(_))
        ));
        writer.await.unwrap();
        assert_eq!(reader.next_frame().await.unwrap(), None);
    }

    #[tokio::test]
    async fn bad_headers_resynchronise_on_the_next_content_length() {
        let input = b"Content-Lenght: 10\r\n\r\n{\"a\":\"bc\"}Content-Length: 2\r\n\r\n{}\
garbage without a colon\r\n\r\nxyzContent-Length: abc\r\n\r\n12Content-Length: 2\r\n\r\n[]";
        let frames = frames_of(input).await;
        assert_eq!(frames.len(), 5, "{frames:?}");
        assert!(matches!(&frames[0], Frame::BadHeader(r) if r.contains("missing Content-Length")));
        assert_eq!(frames[1], body("{}"));
        assert!(matches!(&frames[2], Frame::BadHeader(r) if r.contains("not a header")));
        assert!(matches!(&frames[3], Frame::BadHeader(r) if r.contains("not a number")));
        assert_eq!(frames[4], body("[]"));
    }

    #[tokio::test]
    async fn oversized_bodies_are_skipped() {
        let big = "x".repeat(150);
        let input = format!("Content-Length: 150\r\n\r\n{big}Content-Length: 99999999999999999999999\r\n\r\nContent-Length: 2\r\n\r\n{{}}");
        let frames = frames_of(input.as_bytes()).await;
        assert_eq!(frames[0], Frame::TooLarge(150));
        assert_eq!(frames[1], Frame::TooLarge(usize::MAX));
        // The absurd length swallows the rest of the input, as a truthful one would.
        assert_eq!(frames.len(), 2);
    }

    #[tokio::test]
    async fn an_endless_header_is_rejected() {
        let mut input = b"Content-Length: 2\r\n".repeat(1000);
        input.extend_from_slice(b"X-Filler: 1");
        let frames = frames_of(&input).await;
        assert_eq!(frames.len(), 1, "{frames:?}");
        assert!(matches!(&frames[0], Frame::BadHeader(r) if r.contains("too long")));
    }

    fn rejection(body: &str) -> Value {
        check(body.as_bytes()).expect_err(body)
    }

    #[test]
    fn checks_json_rpc_messages() {
        for good in [
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#,
            r#"{"jsonrpc":"2.0","id":"a","method":"shutdown","params":null}"#,
            r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
            r#"{"jsonrpc":"2.0","id":3,"result":null}"#,
            r#"{"jsonrpc":"2.0","id":3,"error":{"code":-1,"message":"no"}}"#,
            r#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#,
        ] {
            assert!(check(good.as_bytes()).is_ok(), "{good}");
        }
        let parse = rejection("not json");
        assert_eq!(parse["error"]["code"], -32700);
        assert_eq!(parse["id"], Value::Null);
        for (bad, id) in [
            (r#"[1,2]"#, Value::Null),
            (r#"{"hello":"world"}"#, Value::Null),
            (r#"{"jsonrpc":"1.0","id":7,"method":"x"}"#, json!(7)),
            (r#"{"id":"s","method":"x"}"#, json!("s")),
            (r#"{"jsonrpc":"2.0","id":true,"method":"x"}"#, Value::Null),
            (r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#, Value::Null),
            (r#"{"jsonrpc":"2.0","id":2,"method":7}"#, json!(2)),
            (r#"{"jsonrpc":"2.0","id":2}"#, json!(2)),
            (r#"{"jsonrpc":"2.0"}"#, Value::Null),
            (
                r#"{"jsonrpc":"2.0","id":2,"result":1,"error":{}}"#,
                json!(2),
            ),
            (r#"{"jsonrpc":"2.0","id":2,"error":{"code":"x"}}"#, json!(2)),
            (
                r#"{"jsonrpc":"2.0","id":2,"method":"m","result":1}"#,
                json!(2),
            ),
        ] {
            let reply = rejection(bad);
            assert_eq!(reply["error"]["code"], -32600, "{bad}");
            assert_eq!(reply["id"], id, "{bad}");
        }
        let dollar = rejection(r#"{"jsonrpc":"2.0","id":4,"method":"$/unknown"}"#);
        assert_eq!(dollar["error"]["code"], -32601);
        assert_eq!(dollar["id"], 4);
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        let body = br#"{"jsonrpc":"2.0","method":"m","params":{"a":"x\ud83d","b":"\ude00y","c":"\ud83d\ude00","d":"\\ud83d"}}"#;
        let checked = check(body).expect("accepted");
        let value: Value = serde_json::from_slice(&checked.body).unwrap();
        assert_eq!(value["params"]["a"], "x\u{fffd}");
        assert_eq!(value["params"]["b"], "\u{fffd}y");
        assert_eq!(value["params"]["c"], "😀");
        assert_eq!(value["params"]["d"], "\\ud83d");
        assert_eq!(without_lone_surrogates(br#"{"c":"\ud83d\ude00"}"#), None);
        // A truncated escape at the very end is left for the parser to refuse.
        assert!(check(br#"{"jsonrpc":"2.0","method":"m","params":"\ud8"#).is_err());
    }

    #[test]
    fn duplicated_keys_are_normalised() {
        let checked =
            check(br#"{"jsonrpc":"2.0","jsonrpc":"2.0","method":"initialized","params":{}}"#)
                .unwrap();
        let value: Value = serde_json::from_slice(&checked.body).unwrap();
        assert_eq!(
            value,
            json!({"jsonrpc":"2.0","method":"initialized","params":{}})
        );
    }
}
