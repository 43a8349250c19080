//! career-lsp: a language server and command-line checker for career-planning notes.
//!
//! Data flows one way: text → [`syntax`] → [`model`] → [`rules`] → [`lsp`] or [`cli`].

/// The methodology's knowledge: sections, questions, definitions, templates.
pub mod methodology;
