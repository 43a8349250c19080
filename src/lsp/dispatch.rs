//! The session's dispatch: every message the client sends goes to the server from here.
//!
//! tower-lsp-server's own loop runs notifications and `$/cancelRequest` inside its pool of
//! concurrent requests, so a few requests held open (a pulled workspace report waiting for
//! a change, a request waiting for the index) left nothing to apply the `didChange` that
//! would release them, nor the cancellation, nor `shutdown`. So the service is driven here
//! instead, and by these rules:
//!
//! - messages are taken in the order the client sent them;
//! - each handler runs at once, in that order, until it first waits: a notification's
//!   handler applies its change, a request's takes its snapshot, so a request sees exactly
//!   the changes sent before it;
//! - whatever a handler waits for (the index, a change, the client's settings) it waits for
//!   on a task of its own, so no number of long-held requests can stop the messages behind
//!   them;
//! - `$/cancelRequest` for a request still running answers it with `RequestCancelled`
//!   (-32800) at once, and stops its handler;
//! - a handler that panics answers its request with an internal error naming the method,
//!   and the session goes on;
//! - until the `initialize` response has been written, what follows it is held (a client
//!   may send `initialized` and `didOpen` right behind it); `exit` and the end of the input
//!   are never held, and end the session at once, whatever is still running.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use futures::{SinkExt, StreamExt};
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::{mpsc, oneshot, watch};
use tower::Service;
use tower_lsp_server::jsonrpc::{Id, Request, Response};
use tower_lsp_server::{ClientSocket, ExitedError, LspService};
use tracing::{debug, error, warn};

use super::guard::{lock, panic_message};
use super::server::Backend;
use super::transport::{
    check, error_response, write_to_client, Checked, Frame, FrameReader, INVALID_REQUEST,
    MAX_MESSAGE_BYTES, PARSE_ERROR,
};

const REQUEST_CANCELLED: i64 = -32800;
const INTERNAL_ERROR: i64 = -32603;
/// How long the last messages may take to reach the client once the session has ended.
const FLUSH: Duration = Duration::from_secs(2);

/// How reading the client's input ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputEnd {
    /// The input was closed (or could not be read any more).
    Closed,
    /// The client sent `exit`; nothing after it is read.
    Exit,
}

/// One message from the client, or the error response owed for input that was not one.
enum Incoming {
    Message(Checked),
    Rejected(Value),
}

type Output = mpsc::Sender<Vec<u8>>;

/// The requests still running, by id, with their method.
#[derive(Clone, Default)]
struct Running(Arc<Mutex<HashMap<Id, String>>>);

impl Running {
    /// Whether the request could start: no running request has its id.
    fn start(&self, id: Id, method: &str) -> bool {
        match lock(&self.0).entry(id) {
            std::collections::hash_map::Entry::Occupied(_) => false,
            std::collections::hash_map::Entry::Vacant(entry) => {
                entry.insert(method.to_string());
                true
            }
        }
    }

    /// The request's method, if it was still running; it is not any more.
    fn finish(&self, id: &Id) -> Option<String> {
        lock(&self.0).remove(id)
    }
}

/// Runs one session of `service` over the client's byte streams. `input_ended` runs as soon
/// as the input has ended or the client sent `exit`. Returns once what the server wrote
/// until then has been delivered (or could not be, within a short time).
pub async fn run<I, O>(
    input: I,
    output: O,
    service: LspService<Backend>,
    socket: ClientSocket,
    input_ended: impl FnOnce(InputEnd),
) -> InputEnd
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (outgoing, queue) = mpsc::channel::<Vec<u8>>(64);
    let (stop_writing, stop) = oneshot::channel();
    let writer = tokio::spawn(write_to_client(output, queue, stop));
    let (server_requests, client_responses) = socket.split();
    let forwarder = tokio::spawn(forward_server_requests(server_requests, outgoing.clone()));
    let (frames, incoming) = mpsc::channel(16);
    let (ended, mut input_end) = watch::channel(None);
    let reader = tokio::spawn(read_client(input, frames, ended));

    let session = Session {
        service,
        client_responses,
        outgoing,
        running: Running::default(),
        initializing: None,
        held: VecDeque::new(),
    };
    let mut dispatch = tokio::spawn(session.run(incoming));
    // The dispatch runs each handler until it first waits; one that blocks its thread
    // instead would hold it. So once the input has ended, the session ends shortly after,
    // whether the dispatch has come round to it or not.
    let end = tokio::select! {
        finished = &mut dispatch => match finished {
            Ok((end, service)) => {
                teardown(service);
                end
            }
            Err(error) => {
                error!("the dispatch stopped: {error}");
                InputEnd::Closed
            }
        },
        end = async {
            let end = input_end.wait_for(Option::is_some).await.map(|end| *end);
            tokio::time::sleep(FLUSH).await;
            end
        } => {
            warn!("a handler has not returned; ending the session without it");
            end.ok().flatten().unwrap_or(InputEnd::Closed)
        }
    };
    input_ended(end);
    reader.abort();
    forwarder.abort();
    // The handlers still running (and their copies of the queue) are left behind: what they
    // would say comes too late. What is queued already goes out.
    let _ = stop_writing.send(());
    if tokio::time::timeout(FLUSH, writer).await.is_err() {
        warn!("could not deliver the last messages to the client");
    }
    end
}

/// The workspace of a large vault takes seconds to free, and the process is about to end:
/// that is left to a thread of its own rather than keep the client waiting.
fn teardown(service: LspService<Backend>) {
    let _ = std::thread::Builder::new()
        .name("session-teardown".into())
        .spawn(move || drop(service));
}

fn is_exit(incoming: &Incoming) -> bool {
    matches!(incoming, Incoming::Message(message) if message.method.as_deref() == Some("exit"))
}

/// Frames the client's input into checked messages, in order, until it ends; `ended` says
/// how it ended (`exit` or the end of the input) as soon as the reader sees it.
async fn read_client<I: AsyncRead + Unpin>(
    input: I,
    frames: mpsc::Sender<Incoming>,
    ended: watch::Sender<Option<InputEnd>>,
) {
    let mut reader = FrameReader::new(input, MAX_MESSAGE_BYTES);
    loop {
        let frame = match reader.next_frame().await {
            Ok(Some(frame)) => frame,
            Ok(None) => {
                ended.send_replace(Some(InputEnd::Closed));
                return;
            }
            Err(error) => {
                error!("cannot read the client's input: {error}");
                ended.send_replace(Some(InputEnd::Closed));
                return;
            }
        };
        let incoming = match frame {
            Frame::Body(body) => match check(&body) {
                Ok(message) => Incoming::Message(message),
                Err(reply) => Incoming::Rejected(reply),
            },
            Frame::BadHeader(reason) => Incoming::Rejected(error_response(
                Value::Null,
                PARSE_ERROR,
                format!("Parse error: {reason}; skipped to the next message"),
            )),
            Frame::TooLarge(length) => Incoming::Rejected(error_response(
                Value::Null,
                INVALID_REQUEST,
                format!(
                    "Invalid Request: a message of {length} bytes is over the limit of {MAX_MESSAGE_BYTES}; skipped"
                ),
            )),
        };
        let exit = is_exit(&incoming);
        if frames.send(incoming).await.is_err() {
            return;
        }
        if exit {
            ended.send_replace(Some(InputEnd::Exit));
            return;
        }
    }
}

/// Requests the server makes of the client (`workspace/configuration`, progress, …).
async fn forward_server_requests(
    mut requests: impl futures::Stream<Item = Request> + Unpin,
    outgoing: Output,
) {
    while let Some(request) = requests.next().await {
        send(&outgoing, &request).await;
    }
}

async fn send(outgoing: &Output, message: &impl serde::Serialize) {
    match serde_json::to_vec(message) {
        Ok(body) => {
            let _ = outgoing.send(body).await;
        }
        Err(error) => error!("cannot encode a message for the client: {error}"),
    }
}

struct Session<R> {
    service: LspService<Backend>,
    client_responses: R,
    outgoing: Output,
    running: Running,
    /// Resolves once the `initialize` response has been queued for the client.
    initializing: Option<oneshot::Receiver<()>>,
    held: VecDeque<Incoming>,
}

impl<R> Session<R>
where
    R: futures::Sink<Response, Error = ExitedError> + Unpin,
{
    /// Takes the client's messages until the session ends; how it ended, and the service.
    async fn run(
        mut self,
        mut incoming: mpsc::Receiver<Incoming>,
    ) -> (InputEnd, LspService<Backend>) {
        let end = loop {
            let next = match self.initializing.as_mut() {
                // Input read meanwhile is held, except `exit`, and the end of the input.
                Some(initialized) => tokio::select! {
                    _ = initialized => {
                        self.initializing = None;
                        if let Some(end) = self.release_held().await {
                            break end;
                        }
                        continue;
                    }
                    next = incoming.recv() => next,
                },
                None => incoming.recv().await,
            };
            let Some(next) = next else {
                debug!("the client's input ended");
                break InputEnd::Closed;
            };
            if self.initializing.is_some() && !is_exit(&next) {
                self.held.push_back(next);
                continue;
            }
            if let Some(end) = self.take(next).await {
                break end;
            }
        };
        (end, self.service)
    }

    async fn release_held(&mut self) -> Option<InputEnd> {
        while self.initializing.is_none() {
            let next = self.held.pop_front()?;
            if let Some(end) = self.take(next).await {
                return Some(end);
            }
        }
        None
    }

    /// Takes one message from the client; `Some` when it ends the session.
    async fn take(&mut self, incoming: Incoming) -> Option<InputEnd> {
        let message = match incoming {
            Incoming::Message(message) => message,
            Incoming::Rejected(reply) => {
                warn!(
                    "rejected a message from the client: {}",
                    reply["error"]["message"]
                );
                send(&self.outgoing, &reply).await;
                return None;
            }
        };
        let Some(method) = message.method.clone() else {
            self.take_response(&message.body).await;
            return None;
        };
        debug!("<- {method}");
        if method == "exit" {
            return Some(InputEnd::Exit);
        }
        let request: Request = match serde_json::from_slice(&message.body) {
            Ok(request) => request,
            Err(error) => {
                let id = message.request_id.clone().unwrap_or(Value::Null);
                let reply =
                    error_response(id, INVALID_REQUEST, format!("Invalid Request: {error}"));
                send(&self.outgoing, &reply).await;
                return None;
            }
        };
        if method == "$/cancelRequest" {
            self.cancel(&request);
        }
        if std::future::poll_fn(|cx| self.service.poll_ready(cx))
            .await
            .is_err()
        {
            debug!("the server has exited; {method} ignored");
            return None;
        }
        match request.id().cloned() {
            Some(id) => self.start_request(id, &method, request),
            None => self.notify(&method, request),
        }
        None
    }

    /// A response to a request the server made.
    async fn take_response(&mut self, body: &[u8]) {
        match serde_json::from_slice::<Response>(body) {
            Ok(response) => {
                if self.client_responses.send(response).await.is_err() {
                    debug!("a response from the client came after the server stopped");
                }
            }
            Err(error) => warn!("ignored a response from the client: {error}"),
        }
    }

    /// Answers a running request as cancelled, at once; tower-lsp-server then drops its
    /// handler when it handles the same notification.
    fn cancel(&self, request: &Request) {
        let Some(id) = request
            .params()
            .and_then(|params| params.get("id"))
            .and_then(|id| serde_json::from_value::<Id>(id.clone()).ok())
        else {
            return;
        };
        if let Some(method) = self.running.finish(&id) {
            debug!("{method} ({id}) cancelled");
            let reply = Response::from_error(
                id,
                tower_lsp_server::jsonrpc::Error {
                    code: REQUEST_CANCELLED.into(),
                    message: "Request cancelled".into(),
                    data: None,
                },
            );
            self.reply_later(serde_json::to_value(&reply).unwrap_or(Value::Null));
        }
    }

    /// Queues a message for the client without waiting here: the queue is bounded, and a
    /// full one must not stop the input.
    fn reply_later(&self, reply: Value) {
        let outgoing = self.outgoing.clone();
        tokio::spawn(async move { send(&outgoing, &reply).await });
    }

    fn start_request(&mut self, id: Id, method: &str, request: Request) {
        if !self.running.start(id.clone(), method) {
            // Answered here: the answer to the request running under that id is its own.
            warn!("request id {id} is already in use ({method})");
            let reply = error_response(
                serde_json::to_value(&id).unwrap_or(Value::Null),
                INVALID_REQUEST,
                format!("Invalid Request: the id {id} belongs to a request still running"),
            );
            self.reply_later(reply);
            return;
        }
        if method == "initialize" {
            let (initialized, released) = oneshot::channel();
            self.initializing = Some(released);
            self.spawn_request(id, method.to_string(), request, Some(initialized));
        } else {
            self.spawn_request(id, method.to_string(), request, None);
        }
    }

    fn spawn_request(
        &mut self,
        id: Id,
        method: String,
        request: Request,
        answered: Option<oneshot::Sender<()>>,
    ) {
        let handler = self.service.call(request);
        let outgoing = self.outgoing.clone();
        let running = self.running.clone();
        run_now_then_spawn(Box::pin(async move {
            let outcome = CatchUnwind(handler).await;
            let reply = match outcome {
                Ok(Ok(Some(response))) => Some(serde_json::to_value(&response)),
                Ok(Ok(None)) => None,
                Ok(Err(ExitedError { .. })) => None,
                Err(message) => {
                    error!("{method} failed: {message}");
                    Some(Ok(error_response(
                        serde_json::to_value(&id).unwrap_or(Value::Null),
                        INTERNAL_ERROR,
                        format!("career-lsp failed while answering {method}: {message}"),
                    )))
                }
            };
            // A request answered as cancelled meanwhile is not answered twice.
            if running.finish(&id).is_some() {
                match reply {
                    Some(Ok(reply)) => send(&outgoing, &reply).await,
                    Some(Err(error)) => error!("cannot encode the answer to {method}: {error}"),
                    None => {}
                }
            }
            if let Some(answered) = answered {
                let _ = answered.send(());
            }
        }));
    }

    fn notify(&mut self, method: &str, request: Request) {
        let handler = self.service.call(request);
        let method = method.to_string();
        run_now_then_spawn(Box::pin(async move {
            if let Err(message) = CatchUnwind(handler).await {
                error!("{method} failed: {message}");
            }
        }));
    }
}

/// Runs a handler until it first waits, here and now, and the rest of it on a task of its
/// own. So each message's handler takes its snapshot of the workspace, or makes its change,
/// in the order the client sent them: a request sees exactly the changes sent before it.
/// What it waits for afterwards (the index, a change, the client's settings) stops nothing
/// behind it.
fn run_now_then_spawn(mut task: Pin<Box<dyn Future<Output = ()> + Send>>) {
    let waker = futures::task::noop_waker();
    if task
        .as_mut()
        .poll(&mut Context::from_waker(&waker))
        .is_pending()
    {
        tokio::spawn(task);
    }
}

/// A future whose panic becomes an error carrying the panic's message.
struct CatchUnwind<F>(F);

impl<F: Future + Unpin> Future for CatchUnwind<F> {
    type Output = Result<F::Output, String>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = &mut self.0;
        match catch_unwind(AssertUnwindSafe(|| Pin::new(inner).poll(cx))) {
            Ok(Poll::Ready(output)) => Poll::Ready(Ok(output)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(panic) => Poll::Ready(Err(panic_message(panic.as_ref()))),
        }
    }
}
