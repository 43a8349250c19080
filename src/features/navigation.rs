//! Navigation: document and workspace symbols, folding, definition, references, rename.
