//! career-lsp: a language server and command-line checker for career-planning notes.
//!
//! Data flows one way, each layer using only those before it (`tests/layering.rs` holds
//! the order):
//!
//! text → [`syntax`] (an outline with byte ranges) → [`model`] (typed notes) → [`rules`]
//! (findings with their fixes) → [`workspace`] (every note kept current; a [`Snapshot`] of
//! a note and its root is the one way to ask for findings and cross-note facts) →
//! [`features`] (hover, actions, completion, hints, navigation, over a snapshot) → a front
//! end: [`lsp`], [`cli`] or [`mcp`].
//!
//! [`methodology`] is the knowledge every layer draws on. Only [`lsp`] knows the Language
//! Server Protocol and only [`mcp`] the Model Context Protocol; everything before them
//! speaks byte offsets and plain data.
//!
//! [`Snapshot`]: workspace::Snapshot

/// The command line: check, explain, init.
pub mod cli;
/// Editing features over a snapshot and byte offsets: hover, actions, completion, hints,
/// navigation.
pub mod features;
/// The entry points of the fuzz targets (`fuzz/`): thin wrappers around internals of the
/// server that the targets drive directly. Built only with the `fuzzing` feature.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
/// The language server: framing, capabilities, document sync, handlers, diagnostics,
/// position conversion.
pub mod lsp;
/// The Model Context Protocol server for AI assistants: tools, resources and prompts over
/// the career model.
pub mod mcp;
/// The methodology's knowledge: sections, table columns, statuses, pillars, questions,
/// definitions, blind spots, templates.
pub mod methodology;
/// Typed career notes built from the outline; placeholders; link resolution.
pub mod model;
/// The rule catalogue: each rule's declaration and check, what rules report (findings and
/// fixes), the rules' settings, and their documentation.
pub mod rules;
/// tree-sitter-md turned into an outline with byte ranges; incremental re-parsing.
pub mod syntax;
/// Documents, roots and their configuration, the clock, and snapshots: a note with the
/// notes of its root, taken at one moment, which rules and features read.
pub mod workspace;
