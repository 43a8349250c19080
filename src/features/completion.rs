//! Completion: statuses, goal IDs, section headings, note names and headings, pillars, people.
