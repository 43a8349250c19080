//! career-lsp: a language server and command-line checker for career-planning notes.
//!
//! Data flows one way: text → [`syntax`] → [`model`] → [`rules`] → [`lsp`] or [`cli`],
//! with [`workspace`] keeping every note current. Only [`lsp`] knows the protocol.

/// The command line: check, explain, init.
pub mod cli;
/// Editing features over byte offsets: hover, actions, completion, hints, navigation.
pub mod features;
/// The language server: framing, capabilities, handlers, position conversion.
pub mod lsp;
/// The methodology's knowledge: sections, table columns, statuses, pillars, questions,
/// definitions, blind spots, templates.
pub mod methodology;
/// Typed career notes built from the outline; placeholders; link resolution.
pub mod model;
/// The rule catalogue, what rules report, and their documentation.
pub mod rules;
/// tree-sitter-md turned into an outline with byte ranges; incremental re-parsing.
pub mod syntax;
/// Documents, the note index, roots and their configuration, the clock.
pub mod workspace;
