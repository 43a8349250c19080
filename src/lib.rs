//! career-lsp: a language server and command-line checker for career-planning notes.
//!
//! Data flows one way: text → [`syntax`] → [`model`] → [`rules`] → [`lsp`] or [`cli`].

/// The language server: the protocol edge over the workspace.
pub mod lsp;
/// The methodology's knowledge: sections, questions, definitions, templates.
pub mod methodology;
/// The rule catalogue and what rules report.
pub mod rules;
/// Documents, the note index, link resolution, configuration, the clock.
pub mod workspace;
