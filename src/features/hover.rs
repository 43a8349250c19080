//! Hover: network roles, section headings, goal IDs, pillars, wikilinks.
