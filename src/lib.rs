//! career-lsp: a language server and command-line checker for career-planning notes.
//!
//! Data flows one way: text → [`syntax`] → [`model`] → [`rules`] → [`lsp`] or [`cli`].

/// The command line: check, explain, init.
pub mod cli;
/// The methodology's knowledge: sections, questions, definitions, templates.
pub mod methodology;
/// Typed career notes built from the outline; link resolution.
pub mod model;
/// The rule catalogue and what rules report.
pub mod rules;
/// tree-sitter-md turned into an outline with byte ranges; incremental re-parsing.
pub mod syntax;
/// Documents, the note index, link resolution, configuration, the clock.
pub mod workspace;
