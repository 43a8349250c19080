//! Random sequences of `didChange` notifications with UTF-16 ranges — splitting surrogate
//! pairs, past the end of a line or of the text, reversed — and text with CRLF, lone CRs
//! and lone surrogates, sent as JSON through the server's message check and applied as the
//! server applies them. After each notification the server's text must equal the client's
//! (`career_lsp_fuzz::client::Buffer`, what VS Code would hold); at the end, the
//! incrementally re-parsed note must equal a full parse of its text: block tree, outline,
//! model and findings (the note's and its companions').
//!
//! The input is the note's first text, a 0 byte, then the bytes the edits are drawn from
//! (without a 0 byte, the note starts empty and the whole input draws edits).
//!
//! `CAREER_LSP_FUZZ_TOLERATE` (comma-separated: `reversed-range`, `lone-surrogate`) lets a
//! run go on past a known divergence of that kind: when the server's text differs after a
//! notification that holds one, the client's buffer is reset to the server's text.

#![no_main]

use std::sync::OnceLock;

use arbitrary::{Result, Unstructured};
use career_lsp::fuzzing::{self, PositionEncoding};
use career_lsp::syntax::SyntaxTree;
use career_lsp::workspace::Workspace;
use career_lsp_fuzz::client::{did_change_body, utf16_len, Buffer, Change, Position};
use career_lsp_fuzz::vault::{self, Role};
use libfuzzer_sys::fuzz_target;

const MAX_NOTIFICATIONS: usize = 24;

/// Pieces of inserted text: Markdown and career syntax, line breaks of every kind, and
/// characters outside the Basic Multilingual Plane.
const PIECES: &[&str] = &[
    "a",
    "é",
    "🎯",
    "日本",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "| ",
    " | ",
    "|",
    "| G1 | x |\n",
    "**",
    "*",
    "_",
    "`",
    "[[",
    "]]",
    "[[Career]]",
    "[[Career#Vision]]",
    "- [ ] ",
    "- [x] ",
    "# ",
    "## ",
    "## Vision\n",
    "## Annual Goals\n",
    "> ",
    "G3",
    "2026-03-09",
    "Week of ",
    "$3M",
    "40%",
    "---\n",
    "```\n",
    "    ",
    "1. ",
    "#tag ",
    "\u{feff}",
    "\t",
    "<!-- ",
    " -->",
    "|---|---|\n",
    "👩‍👩‍👧",
    "\u{0301}",
];

fn tolerated(kind: &str) -> bool {
    static TOLERATED: OnceLock<Vec<String>> = OnceLock::new();
    TOLERATED
        .get_or_init(|| {
            std::env::var("CAREER_LSP_FUZZ_TOLERATE")
                .unwrap_or_default()
                .split(',')
                .map(|kind| kind.trim().to_string())
                .collect()
        })
        .iter()
        .any(|k| k == kind)
}

fuzz_target!(|data: &[u8]| {
    let (text, script) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (&data[..0], data),
    };
    let text = String::from_utf8_lossy(text).into_owned();
    let _ = run(text, &mut Unstructured::new(script));
});

fn run(text: String, u: &mut Unstructured) -> Result<()> {
    let role = *u.choose(&[
        Role::Goals,
        Role::CareerIndex,
        Role::SessionLog,
        Role::Plain,
    ])?;
    let path = role.path();
    let uri = fuzzing::uri(&path).expect("an absolute path");
    let mut workspace = vault::workspace_with(role, &text);
    let mut client = Buffer::new(text);
    let mut version = 1;
    let outcome = (|| -> Result<()> {
        for _ in 0..u.int_in_range(1..=MAX_NOTIFICATIONS)? {
            let mut changes = Vec::new();
            let mut expected = client.clone();
            for _ in 0..u.int_in_range(1..=3)? {
                let change = change(u, &expected)?;
                expected.apply(&change);
                changes.push(change);
            }
            version += 1;
            let body = did_change_body(&uri, version, &changes, u.arbitrary()?);
            let result = fuzzing::did_change(&mut workspace, &body, PositionEncoding::Utf16);
            let server = workspace.document(&path).expect("open");
            if result.is_err() || *server.text != *expected.text() {
                let known: Vec<&str> = [
                    ("reversed-range", changes.iter().any(Change::is_reversed)),
                    (
                        "lone-surrogate",
                        changes.iter().any(Change::has_lone_surrogate),
                    ),
                ]
                .into_iter()
                .filter(|&(kind, present)| present && tolerated(kind))
                .map(|(kind, _)| kind)
                .collect();
                if known.is_empty() {
                    panic!(
                        "the server's text differs from the client's after {}\n\
                         server: {result:?}, {:?}\nclient: {:?}",
                        String::from_utf8_lossy(&body),
                        server.text,
                        expected.text()
                    );
                }
                expected = Buffer::new(server.text.to_string());
            }
            client = expected;
            // Now and then, analyse meanwhile: later findings may then come from the cache.
            if u.ratio(1, 4)? {
                let _ = workspace.diagnostics(&path);
                let _ = workspace.diagnostics(&Role::CareerIndex.path());
            }
        }
        Ok(())
    })();
    compare_with_a_full_parse(&workspace, role);
    outcome
}

/// One change against the client's current text.
fn change(u: &mut Unstructured, buffer: &Buffer) -> Result<Change> {
    if u.ratio(1, 16)? {
        return Ok(Change {
            range: None,
            text: new_text(u, 12)?,
        });
    }
    let start = position(u, buffer)?;
    let end = match u.int_in_range(0..=7)? {
        0..=2 => position(u, buffer)?,
        3 => start,
        4 => Position {
            line: start.line,
            character: start.character.saturating_sub(u.int_in_range(1..=4)?),
        },
        _ => Position {
            line: start.line,
            character: start.character.saturating_add(u.int_in_range(0..=8)?),
        },
    };
    let (start, end) = if u.ratio(1, 16)? {
        (end, start)
    } else {
        (start, end)
    };
    Ok(Change {
        range: Some((start, end)),
        text: new_text(u, 4)?,
    })
}

/// A position on a line of the text, or past it: inside a surrogate pair, past the line's
/// end, past the last line, far out.
fn position(u: &mut Unstructured, buffer: &Buffer) -> Result<Position> {
    let lines = buffer.lines();
    let line = match u.int_in_range(0..=9)? {
        0..=6 => u.int_in_range(0..=lines.len() - 1)?,
        7 => lines.len(),
        8 => lines.len() + u.int_in_range(1..=3)?,
        _ => u.arbitrary::<u32>()? as usize,
    };
    let content = lines
        .get(line)
        .map_or("", |&(start, end)| &buffer.text()[start..end]);
    let width = utf16_len(content);
    let character = match u.int_in_range(0..=9)? {
        0..=5 => u.int_in_range(0..=width)?,
        6 => {
            // Between the halves of a surrogate pair, when the line has one.
            let mut units = 0;
            let pairs: Vec<usize> = content
                .chars()
                .filter_map(|c| {
                    units += c.len_utf16();
                    (c.len_utf16() == 2).then_some(units - 1)
                })
                .collect();
            match pairs.is_empty() {
                true => width,
                false => *u.choose(&pairs)?,
            }
        }
        7 => width + u.int_in_range(1..=3)?,
        8 => u32::MAX as usize,
        _ => u.arbitrary::<u32>()? as usize,
    };
    Ok(Position {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        character: u32::try_from(character).unwrap_or(u32::MAX),
    })
}

/// New text in UTF-16 units: pieces of Markdown, now and then a lone surrogate or any unit.
fn new_text(u: &mut Unstructured, max_pieces: usize) -> Result<Vec<u16>> {
    let mut units = Vec::new();
    for _ in 0..u.int_in_range(0..=max_pieces)? {
        match u.int_in_range(0..=19)? {
            0 => units.push(*u.choose(&[0xD83Du16, 0xDE00, 0xDBFF, 0xDC00])?),
            1 => units.push(u.arbitrary()?),
            2 => units.extend(u.arbitrary::<&str>()?.encode_utf16()),
            _ => units.extend(u.choose(PIECES)?.encode_utf16()),
        }
    }
    Ok(units)
}

/// The note as edited equals the note parsed afresh from its text, in a vault like it.
fn compare_with_a_full_parse(incremental: &Workspace, role: Role) {
    let path = role.path();
    let document = incremental.document(&path).expect("open");
    let fresh = SyntaxTree::parse(&document.text);
    assert_eq!(
        document.syntax.block_sexp(),
        fresh.block_sexp(),
        "block tree of {:?}",
        document.text
    );
    assert_eq!(
        document.syntax.outline(),
        fresh.outline(),
        "outline of {:?}",
        document.text
    );
    let full = vault::workspace_with(role, &document.text);
    let full_document = full.document(&path).expect("open");
    assert_eq!(document.note.kind, full_document.note.kind);
    assert_eq!(
        document.note.typed, full_document.note.typed,
        "model of {:?}",
        document.text
    );
    assert_eq!(
        document.note.sections, full_document.note.sections,
        "sections of {:?}",
        document.text
    );
    for other in Role::ALL {
        assert_eq!(
            incremental.diagnostics(&other.path()),
            full.diagnostics(&other.path()),
            "findings of {} with {:?} as {role:?}",
            other.relative_path(),
            document.text
        );
    }
}
