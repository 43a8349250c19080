//! The resources: each note (`career://note/<path>`, Markdown), its typed model
//! (`career://model/<path>`, JSON), the methodology (`career://methodology`) and each
//! rule's documentation (`career://rules/<code>`). Paths are relative to the notes' folder
//! and percent-encoded (`career://note/2026%20Goals.md`).

use crate::features::overview::note_model;
use crate::methodology::{
    purpose, review_question, NetworkRole, NoteKind, BLIND_SPOTS, SECTIONS, STEP_BACK_QUESTIONS,
    WEEKLY_REVIEW_QUESTIONS,
};
use crate::rules::RULES;

use super::vault::Vault;

pub const NOTE: &str = "career://note/";
pub const MODEL: &str = "career://model/";
pub const METHODOLOGY: &str = "career://methodology";
pub const RULE: &str = "career://rules/";

/// A resource as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub uri: String,
    pub name: String,
    pub description: String,
    pub mime_type: &'static str,
}

/// A resource as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    pub text: String,
    pub mime_type: &'static str,
}

/// Why a resource cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResourceError {
    /// No resource has this URI.
    NotFound(String),
    /// The URI is not one this server reads, or leads outside the notes' folder.
    Invalid(String),
}

/// The fixed resources, then each note and its model, in path order: the `count` from
/// `start` on, and how many there are in all. Only the page is built (a vault of 10,000
/// notes lists 20,000 resources).
pub fn list(vault: &Vault, start: usize, count: usize) -> (Vec<Listed>, usize) {
    let paths = vault.workspace().note_paths();
    let fixed = 1 + RULES.len();
    let total = fixed + 2 * paths.len();
    let end = start.saturating_add(count).min(total);
    let listed = (start.min(end)..end)
        .map(|i| match i {
            0 => Listed {
                uri: METHODOLOGY.to_string(),
                name: "methodology".to_string(),
                description: "The career-coaching methodology: the notes and their sections (purpose and question), the goal cascade, the definitions of sponsor, mentor and advisor, the blind spots and the weekly review.".to_string(),
                mime_type: "text/markdown",
            },
            i if i < fixed => {
                let code = RULES[i - 1].meta().code;
                Listed {
                    uri: format!("{RULE}{code}"),
                    name: format!("rule {code}"),
                    description: format!("What the `{code}` finding checks, why, and its examples."),
                    mime_type: "text/markdown",
                }
            }
            i => {
                let shown = vault.shown(&paths[(i - fixed) / 2]);
                let encoded = encode(&shown);
                if (i - fixed).is_multiple_of(2) {
                    Listed {
                        uri: format!("{NOTE}{encoded}"),
                        description: format!("The note {shown}, as written."),
                        name: shown,
                        mime_type: "text/markdown",
                    }
                } else {
                    Listed {
                        uri: format!("{MODEL}{encoded}"),
                        name: format!("{shown} (model)"),
                        description: format!(
                            "What career-lsp reads in {shown}: its kind, sections with their lines, and its typed content."
                        ),
                        mime_type: "application/json",
                    }
                }
            }
        })
        .collect();
    (listed, total)
}

/// Reads the resource at `uri`.
pub fn read(vault: &Vault, uri: &str) -> Result<Read, ResourceError> {
    if uri == METHODOLOGY {
        return Ok(Read {
            text: methodology(),
            mime_type: "text/markdown",
        });
    }
    if let Some(code) = uri.strip_prefix(RULE) {
        let rule = crate::rules::rule(code)
            .ok_or_else(|| ResourceError::NotFound(format!("there is no rule called {code:?}")))?;
        return Ok(Read {
            text: rule.meta().documentation.to_string(),
            mime_type: "text/markdown",
        });
    }
    let (given, as_model) = if let Some(rest) = uri.strip_prefix(NOTE) {
        (rest, false)
    } else if let Some(rest) = uri.strip_prefix(MODEL) {
        (rest, true)
    } else {
        return Err(ResourceError::Invalid(format!(
            "{uri} is not a career-lsp resource: they are {METHODOLOGY}, {RULE}<code>, {NOTE}<path> and {MODEL}<path>"
        )));
    };
    let given = decode(given).ok_or_else(|| {
        ResourceError::Invalid(format!(
            "{uri}: the path is not valid percent-encoded UTF-8"
        ))
    })?;
    // Outside the root is a wrong request; a missing note is not found.
    let inside = vault.inside(&given).map_err(ResourceError::Invalid)?;
    let path = vault
        .note_path(&vault.shown(&inside))
        .map_err(ResourceError::NotFound)?;
    let snapshot = vault.snapshot(&path).map_err(ResourceError::NotFound)?;
    if as_model {
        let model = note_model(snapshot.note(), &vault.shown(&path));
        let text = serde_json::to_string_pretty(&model).map_err(|error| {
            ResourceError::Invalid(format!(
                "{uri}: the model cannot be written as JSON: {error}"
            ))
        })?;
        Ok(Read {
            text,
            mime_type: "application/json",
        })
    } else {
        Ok(Read {
            text: snapshot.document.text.to_string(),
            mime_type: "text/markdown",
        })
    }
}

/// Percent-encodes a relative path for a URI, keeping `/` and the unreserved characters.
pub fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char);
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Decodes a percent-encoded path; `None` when the bytes are not UTF-8.
pub fn decode(encoded: &str) -> Option<String> {
    percent_encoding::percent_decode_str(encoded)
        .decode_utf8()
        .ok()
        .map(|decoded| decoded.into_owned())
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The methodology as the product encodes it, in Markdown.
pub fn methodology() -> String {
    let mut out = String::from(
        "# The career-coaching methodology\n\n\
         A repeatable framework for AI-assisted career planning. The notes: a **Career Index** \
         (the strategic picture), a yearly **Goals** note (the cascade), **session logs** and \
         the **profile** (`CLAUDE.md`, how to work with the person).\n\n\
         ## One question at a time\n\n\
         Ask question → receive answer → confirm understanding → update the file (after the \
         person agrees) → move to the next question.\n\n\
         ## The goal cascade\n\n\
         Vision (5-year) → Annual Goals (2–3 outcomes) → Quarterly Intentions → Monthly \
         Milestones → Weekly Actions. Every annual goal serves the vision; every goal has a \
         success metric; its status is Not started, In progress or Complete.\n",
    );
    for (kind, title) in [
        (NoteKind::CareerIndex, "Career Index"),
        (NoteKind::Goals, "Goals note"),
        (NoteKind::Profile, "Profile (CLAUDE.md)"),
        (NoteKind::SessionLog, "Session log"),
    ] {
        out.push_str(&format!("\n## The {title}'s sections\n\n"));
        out.push_str("| Section | Core | Purpose | Question |\n|---|---|---|---|\n");
        for info in SECTIONS.iter().filter(|info| info.note == kind) {
            let name = match info.parent {
                Some(parent) => format!("{} › {}", parent.title(), info.title),
                None => info.title.to_string(),
            };
            out.push_str(&format!(
                "| {name} | {} | {} | {} |\n",
                if info.core { "yes" } else { "" },
                purpose(info.id),
                review_question(info.id)
            ));
        }
    }
    out.push_str("\n## Definitions\n\n| Term | Meaning |\n|---|---|\n");
    for role in NetworkRole::ALL {
        out.push_str(&format!(
            "| {} | {} |\n",
            capitalised(role.name()),
            role.definition()
        ));
    }
    out.push_str("\n## Blind spots\n\nAfter completing all sections, step back and ask:\n\n");
    for question in STEP_BACK_QUESTIONS {
        out.push_str(&format!("- {question}\n"));
    }
    out.push_str(
        "\n| Blind spot | Question to surface it | Where the answer goes |\n|---|---|---|\n",
    );
    for spot in &BLIND_SPOTS {
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            spot.name,
            spot.question,
            spot.section.title()
        ));
    }
    out.push_str("\n## Weekly review\n\n");
    for (i, question) in WEEKLY_REVIEW_QUESTIONS.iter().enumerate() {
        out.push_str(&format!("{}. {question}\n", i + 1));
    }
    out.push_str(
        "\n## Cadence\n\n\
         Weekly: the review questions, task status. Monthly: check milestones. Quarterly: \
         review the intention, plan the next quarter. Annually: a full Career Index review, \
         next year's theme and goals. Document each coaching session in a session log: what \
         was discussed, decisions, frameworks, open threads.\n",
    );
    out
}
