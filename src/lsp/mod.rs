//! The language server: the only part of the crate that knows the protocol.
//!
//! [`serve`](crate::lsp::serve) runs a session over any pair of byte streams (stdio in production, in-memory
//! pipes in tests). Our own framing (`transport`) and dispatch drive tower-lsp-server's service; the
//! rest is split by job:
//!
//! - `dispatch`: every message from the client handed to the server: notifications at once
//!   and in order, each request on a task of its own, cancellations answered at once, a
//!   panicking handler answered with an error;
//! - `server`: the `Backend` and the state its parts share, the session's lifecycle, and the
//!   `LanguageServer` implementation, which hands each message to one of the modules below;
//! - `capabilities`: what the client and server agree on in `initialize` (the `Session`)
//!   and the capabilities the server announces;
//! - `sync`: the [`Workspace`](crate::workspace::Workspace) kept in step with the client:
//!   notes opened, edited, saved and closed, files changed on disk, new settings, each
//!   applied before its handler first awaits (save a settings change the client only
//!   announces, whose settings have to be asked for first);
//! - `indexing`: the workspace roots indexed in the background after `initialize`, with
//!   work-done progress; requests about one note wait for each root's first batch, requests
//!   about the whole workspace for all of it;
//! - `settings`: the client's settings split into server settings and the analysis
//!   configuration;
//! - `handlers`: the requests about notes (hover, completion, navigation, code actions,
//!   commands), each through one helper that takes the snapshot, converts positions, runs
//!   the feature under the panic guard and converts its answer;
//! - `diagnostics`: a note's report, the loop that pushes reports after a pause, and pulled
//!   diagnostics;
//! - `guard`: panics in the core caught and logged, poisoned locks still read;
//! - `convert`, `edits`, `navigation`: the core's byte offsets, actions and navigation
//!   results turned into protocol values and back.

mod capabilities;
mod convert;
mod diagnostics;
mod dispatch;
mod edits;
#[cfg(feature = "fuzzing")]
pub(crate) mod fuzzing;
mod guard;
mod handlers;
mod indexing;
mod navigation;
mod semantic;
mod server;
mod settings;
mod sync;
mod transport;

use tokio::io::{AsyncRead, AsyncWrite};

pub use diagnostics::DEFAULT_DIAGNOSTICS_DELAY;
pub use sync::DOCUMENT_TEXT_METHOD;
pub use transport::MAX_MESSAGE_BYTES;

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionEnd {
    /// `exit` after `shutdown`, or the input closed.
    Clean,
    /// `exit` without `shutdown` first: the protocol asks for exit status 1.
    ExitWithoutShutdown,
}

impl SessionEnd {
    pub fn exit_code(self) -> u8 {
        match self {
            SessionEnd::Clean => 0,
            SessionEnd::ExitWithoutShutdown => 1,
        }
    }
}

/// Runs the server on standard input and output until the client exits or closes stdin.
pub async fn run_stdio() -> SessionEnd {
    serve(tokio::io::stdin(), tokio::io::stdout()).await
}

/// Runs one session: reads framed JSON-RPC from `input`, writes framed JSON-RPC to
/// `output`, and returns once the client has sent `exit` or closed `input`.
pub async fn serve<I, O>(input: I, output: O) -> SessionEnd
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (service, socket, shared) = server::build();
    let closing = shared.clone();
    let end = dispatch::run(input, output, service, socket, move |_| closing.close()).await;
    match end {
        dispatch::InputEnd::Exit if !shared.shutdown_requested() => SessionEnd::ExitWithoutShutdown,
        _ => SessionEnd::Clean,
    }
}
