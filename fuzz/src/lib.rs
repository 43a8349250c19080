//! What the fuzz targets share: the vault a fuzzed note is put in, the checks every answer
//! of the server must pass, and a model of the client's buffer.
//!
//! A check that fails panics with a message saying what went wrong; libFuzzer records the
//! input as a crash.

pub mod checks;
pub mod client;
pub mod vault;
