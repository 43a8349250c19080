//! The entry points of the fuzz targets under `fuzz/`, built only with the `fuzzing`
//! feature. The core's public API serves the targets as it is; this module adds the
//! server's internals they drive directly — the framing of the client's input and the
//! check of each message, a `didChange` applied as the server applies it, and the client's
//! settings — as thin wrappers with plain data in and out.

pub use crate::lsp::fuzzing::{
    check, client_settings, did_change, path, read_frames, uri, without_lone_surrogates, Checked,
    Frame, PositionEncoding, MAX_MESSAGE_BYTES,
};
