//! The parts of the protocol layer the fuzz targets drive, with plain data in and out:
//! the framing of the client's input, the check of each message, a `didChange` applied as
//! the server applies it, and the client's settings. Built only with the `fuzzing` feature;
//! [`crate::fuzzing`] re-exports it.

use std::future::Future;
use std::path::PathBuf;
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncRead, ReadBuf};
use tower_lsp_server::ls_types::DidChangeTextDocumentParams;

pub use super::convert::PositionEncoding;
use super::convert::{from_proto, to_proto};
pub use super::transport::{check, without_lone_surrogates, Checked, Frame, MAX_MESSAGE_BYTES};
use crate::workspace::{Config, Workspace};

/// Input delivered in the given chunks, each read returning at most the rest of one chunk;
/// it never waits.
struct Chunks<'a> {
    chunks: &'a [&'a [u8]],
    /// The chunk being read, and how far.
    at: (usize, usize),
}

impl AsyncRead for Chunks<'_> {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        while let Some(chunk) = self.chunks.get(self.at.0) {
            let rest = &chunk[self.at.1..];
            if rest.is_empty() {
                self.at = (self.at.0 + 1, 0);
                continue;
            }
            let n = rest.len().min(buf.remaining());
            buf.put_slice(&rest[..n]);
            self.at.1 += n;
            break;
        }
        Poll::Ready(Ok(()))
    }
}

/// Every frame the server's reader makes of `chunks` (its input, arriving in those pieces),
/// with bodies over `limit` bytes skipped.
pub fn read_frames(chunks: &[&[u8]], limit: usize) -> std::io::Result<Vec<Frame>> {
    let mut reader = super::transport::FrameReader::new(Chunks { chunks, at: (0, 0) }, limit);
    let mut context = Context::from_waker(Waker::noop());
    let mut frames = Vec::new();
    loop {
        let next = pin!(reader.next_frame()).poll(&mut context);
        match next {
            Poll::Ready(Ok(Some(frame))) => frames.push(frame),
            Poll::Ready(Ok(None)) => return Ok(frames),
            Poll::Ready(Err(error)) => return Err(error),
            Poll::Pending => unreachable!("the frame reader waited on input that never waits"),
        }
    }
}

/// Applies the body of a `textDocument/didChange` message to `workspace` as the server
/// does (`sync::did_change`): the message is checked, its params decoded, each change's
/// range converted against the text as the changes before it left it, and the edits
/// applied together. The error says why the server would drop the notification.
pub fn did_change(
    workspace: &mut Workspace,
    body: &[u8],
    encoding: PositionEncoding,
) -> Result<(), String> {
    let checked = check(body).map_err(|reply| reply["error"]["message"].to_string())?;
    if checked.method.as_deref() != Some("textDocument/didChange") {
        return Err(format!("not a didChange: {:?}", checked.method));
    }
    let message: Value = serde_json::from_slice(&checked.body).map_err(|e| e.to_string())?;
    let params: DidChangeTextDocumentParams =
        serde_json::from_value(message.get("params").cloned().unwrap_or(Value::Null))
            .map_err(|e| format!("bad params: {e}"))?;
    let path = from_proto::path(&params.text_document.uri).ok_or("not a file URI")?;
    let document = workspace.document(&path).ok_or("not open")?;
    let mut rope = document.rope.clone();
    let edits = params
        .content_changes
        .into_iter()
        .map(|change| super::sync::apply_change(&mut rope, change, encoding))
        .collect();
    workspace.change(&path, params.text_document.version, edits)
}

/// The `file://` URI the server gives a path.
pub fn uri(path: &std::path::Path) -> Option<String> {
    to_proto::uri(path).map(|uri| uri.as_str().to_string())
}

/// The path of a `file://` URI, as the server reads it.
pub fn path(uri: &str) -> Option<PathBuf> {
    from_proto::path(&uri.parse().ok()?)
}

/// The client's settings (`initializationOptions`, `didChangeConfiguration`) as the server
/// reads them: the analysis configuration, the problems it shows, the diagnostics delay.
pub fn client_settings(settings: &Value) -> (Config, Vec<String>, Option<Duration>) {
    super::settings::read_settings(settings)
}
