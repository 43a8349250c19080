//! Inlay hints: vision pillars, quarter progress, relative dates, checkbox counts, section completeness.
