//! The prompts, which clients offer as slash commands: a coaching session (the
//! methodology's Phase 3), a blind spot analysis (Phase 4), the goal cascade (Phase 5) and
//! the weekly review (Phase 6). Each is one message that sets the method, the person's own
//! ways of working from the profile (communication preferences, things to avoid), and
//! where the notes stand now — read from the same model as the tools.

use std::collections::BTreeMap;

use chrono::Datelike;

use super::tools::{call, ToolError};
use super::vault::Vault;
use crate::methodology::templates::weekly_review_entry;
use crate::methodology::{review_question, NoteKind, SectionId};
use crate::workspace::Snapshot;

/// A prompt: its name, title, description and arguments (name, description, required).
pub struct PromptSpec {
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub arguments: &'static [(&'static str, &'static str, bool)],
}

const NOTE_ARGUMENT: (&str, &str, bool) = (
    "note",
    "The note to work on, relative to the notes' folder (default: the Career Index).",
    false,
);

pub const PROMPTS: &[PromptSpec] = &[
    PromptSpec {
        name: "coaching-session",
        title: "Coaching session",
        description: "Fill in the notes one question at a time: ask, confirm, propose the update, move on — as the profile asks to be coached.",
        arguments: &[NOTE_ARGUMENT],
    },
    PromptSpec {
        name: "blind-spot-analysis",
        title: "Blind spot analysis",
        description: "Step back from the completed Career Index and find what is missing: the five blind spots, with the evidence in the notes.",
        arguments: &[NOTE_ARGUMENT],
    },
    PromptSpec {
        name: "goal-cascade",
        title: "Goal cascade",
        description: "Turn the vision into this year's goals, the quarter's intention, this month's milestones and this week's actions, closing the gaps in the cascade.",
        arguments: &[],
    },
    PromptSpec {
        name: "weekly-review",
        title: "Weekly review",
        description: "The four weekly questions, with this week's actions, the milestones at risk and what is overdue; then the review entry for the Goals note.",
        arguments: &[],
    },
];

/// A prompt's text (a single user message) and description.
pub fn render(
    vault: &Vault,
    name: &str,
    arguments: &BTreeMap<String, String>,
) -> Result<(String, String), ToolError> {
    let spec = PROMPTS.iter().find(|p| p.name == name).ok_or_else(|| {
        ToolError::InvalidCall(format!(
            "there is no prompt called {name:?}; the prompts are {}",
            PROMPTS
                .iter()
                .map(|p| p.name)
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })?;
    if let Some(unknown) = arguments
        .keys()
        .find(|k| !spec.arguments.iter().any(|(n, _, _)| n == k))
    {
        return Err(ToolError::InvalidCall(format!(
            "the prompt {name} takes no argument {unknown:?}"
        )));
    }
    let root = vault.root_snapshot(None).ok();
    let today = vault.today();
    let note = arguments.get("note").map(String::as_str);
    let note_args = match note {
        Some(note) => serde_json::json!({ "note": note }),
        None => serde_json::json!({}),
    };
    let profile = profile_block(vault, root.as_ref());
    let text = match name {
        "coaching-session" => {
            let start = match call(vault, "next_question", note_args) {
                Ok(next) => next.text,
                // A first session, in an empty folder: the Career Index starts with Vision.
                Err(ToolError::Failed(why)) if note.is_none() && root.is_none() => format!(
                    "{why}. Start the Career Index with its first section, Vision: {} Offer to                      write the templates (`career-lsp init` in the notes' folder) or to create                      Career.md with me.",
                    review_question(SectionId::Vision)
                ),
                Err(error) => return Err(error),
            };
            format!(
                "You are my career coach. Work through my notes with the methodology's coaching \
                 conversation: one question at a time.\n\n\
                 1. Ask one question (start with the one below), then wait for my answer.\n\
                 2. Confirm what you understood in a sentence or two.\n\
                 3. Propose the update with the `propose_section_update` tool and show me the diff. \
                 Apply it only after I agree.\n\
                 4. Move on with `next_question`.\n\n\
                 Where we start:\n{}\n\n{profile}\n\n\
                 When I use the words sponsor, mentor or advisor, hold me to their meaning (the \
                 `career://methodology` resource defines them).",
                start
            )
        }
        "blind-spot-analysis" => {
            let spots = call(vault, "blind_spot_review", note_args)?;
            format!(
                "Step back from my Career Index and critique it, as the methodology's blind spot \
                 analysis does. First ask me the step-back questions — what's missing that should \
                 be front and center, what would a coach specialising in my focus area add, what \
                 are the gaps between where I am and where I want to be — one at a time. Then take \
                 the blind spots that apply, one at a time: ask the question that surfaces it, \
                 wait for my answer, and propose where it goes with `propose_section_update`.\n\n\
                 Where the notes stand:\n{}\n\n{profile}",
                spots.text
            )
        }
        "goal-cascade" => {
            let overview = call(vault, "career_overview", serde_json::json!({}))?;
            let gaps = call(
                vault,
                "career_findings",
                serde_json::json!({ "min_severity": "info", "limit": usize::MAX }),
            )?;
            let cascade_codes = [
                "goal-not-linked",
                "goal-without-metric",
                "orphan-goal",
                "too-many-priorities",
                "unknown-goal-ref",
                "invalid-status",
                "no-quarter-intention",
                "no-month-milestone",
                "overdue-milestone",
                "past-goals-year",
                "annual-review-due",
            ];
            let gaps: Vec<String> = gaps.structured["findings"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .filter(|f| cascade_codes.contains(&f["code"].as_str().unwrap_or("")))
                .map(|f| {
                    format!(
                        "- {}:{} [{}] {}",
                        f["note"].as_str().unwrap_or(""),
                        f["line"],
                        f["code"].as_str().unwrap_or(""),
                        f["message"].as_str().unwrap_or("")
                    )
                })
                .collect();
            let gaps = if gaps.is_empty() {
                "The cascade has no gaps career-lsp can see.".to_string()
            } else {
                format!("Gaps in the cascade:\n{}", gaps.join("\n"))
            };
            format!(
                "Help me turn my vision into executable goals, following the methodology's goal \
                 cascade: Vision (5-year) → Annual Goals (2–3 outcomes, each with a success metric \
                 and serving the vision) → Quarterly Intentions → Monthly Milestones → Weekly \
                 Actions. Work from the top down, one gap at a time: ask, confirm, and propose \
                 each change with `propose_section_update` (goal rows, the quarter's intention, \
                 milestones, actions); apply it only after I agree.\n\n\
                 Where the cascade stands:\n{}\n\n{gaps}\n\n{profile}",
                overview.text
            )
        }
        "weekly-review" => {
            let review = call(vault, "weekly_review", serde_json::json!({}))?;
            let entry = weekly_review_entry(today);
            format!(
                "Run my weekly review. Ask the four questions one at a time, using what my notes \
                 say about this week, and wait for each answer. Then propose a dated entry for the \
                 Weekly Review section of my Goals note ({} Goals) in this shape, and update the \
                 status of this week's actions — showing me each change before it is made:\n\n\
                 ```markdown\n{}```\n\n{}\n\n{profile}",
                today.year(),
                entry,
                review.text
            )
        }
        _ => unreachable!("every prompt of PROMPTS is rendered"),
    };
    Ok((spec.description.to_string(), text))
}

/// The profile's communication preferences and things to avoid, for a prompt; what to
/// do when the profile does not say.
fn profile_block(vault: &Vault, root: Option<&Snapshot>) -> String {
    let profile = root
        .and_then(|root| vault.note_of_kind(root, NoteKind::Profile).ok())
        .and_then(|path| vault.snapshot(&path).ok());
    let Some(snapshot) = profile else {
        return "There is no profile (CLAUDE.md) yet: ask me early how I like to be coached, \
                and what a coach should never do with me."
            .to_string();
    };
    let crate::model::Typed::Profile(profile) = &snapshot.note().typed else {
        return String::new();
    };
    let list = |items: &[crate::model::index::Text]| {
        items
            .iter()
            .map(|t| format!("- {}", t.text))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let shown = vault.shown(snapshot.path());
    let mut out = Vec::new();
    if profile.communication_preferences.is_empty() {
        out.push(format!(
            "{shown} states no communication preferences: ask me how I like to be coached."
        ));
    } else {
        out.push(format!(
            "How I like to be coached ({shown}, Communication Preferences):\n{}",
            list(&profile.communication_preferences)
        ));
    }
    if !profile.how_to_help.is_empty() {
        out.push(format!("How to help me:\n{}", list(&profile.how_to_help)));
    }
    if profile.things_to_avoid.is_empty() {
        out.push(format!(
            "{shown} lists no things to avoid yet: at a natural moment, ask what a coach should never do with me."
        ));
    } else {
        out.push(format!(
            "Never do these (Things to Avoid):\n{}",
            list(&profile.things_to_avoid)
        ));
    }
    out.join("\n\n")
}
