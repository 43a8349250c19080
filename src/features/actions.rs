//! Code actions: quick fixes for findings, templates, review prompts and the coaching flow.
