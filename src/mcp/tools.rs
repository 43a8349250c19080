//! The tools: what each takes (a JSON schema, from the input types below), what it
//! returns (structured JSON and a short text for the person), and how it fails. Each tool
//! reads the vault as it is on disk now, through the features the editor uses.

use std::collections::BTreeMap;
use std::path::Path;

use rmcp::schemars::{self, JsonSchema};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::vault::Vault;
use crate::features::overview::{
    blind_spots, next_question, overview, weekly_review, BlindSpotLine, ItemLine, Overview,
    WeeklyReview,
};
use crate::features::proposal::{propose, section_named, Proposal};
use crate::methodology::{NoteKind, STEP_BACK_QUESTIONS};
use crate::rules::Severity;
use crate::workspace::Snapshot;

/// Findings shown at most, unless the caller asks for more.
const DEFAULT_LIMIT: usize = 100;

/// How a tool call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ToolError {
    /// The call itself is wrong: no such tool, arguments that do not fit its schema.
    InvalidCall(String),
    /// The tool ran and could not do what was asked (an unknown note, a path outside the
    /// notes' folder, a section that does not exist): the message is for the assistant.
    Failed(String),
}

impl From<String> for ToolError {
    fn from(message: String) -> ToolError {
        ToolError::Failed(message)
    }
}

/// A tool's result: structured, and as text.
#[derive(Debug, Clone, PartialEq)]
pub struct ToolOutput {
    pub structured: Value,
    pub text: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FolderInput {
    /// A folder under the notes' folder that has notes of its own (its own
    /// `career-lsp.toml`); the notes' folder itself when absent.
    pub folder: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteInput {
    /// The note, relative to the notes' folder (`Career.md`); the Career Index when absent.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Hint,
    Info,
    Warning,
    Error,
}

impl Level {
    fn severity(self) -> Severity {
        match self {
            Level::Hint => Severity::Hint,
            Level::Info => Severity::Info,
            Level::Warning => Severity::Warning,
            Level::Error => Severity::Error,
        }
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FindingsInput {
    /// One note, relative to the notes' folder; every note when absent.
    pub note: Option<String>,
    /// Only findings at this level or above (default: hint, i.e. all).
    pub min_severity: Option<Level>,
    /// At most this many findings (default 100); the counts cover them all.
    pub limit: Option<usize>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposeInput {
    /// The section: its heading (`Wins & Artifacts`, `Open Tasks`, `Annual Goals`) or its
    /// id (`wins`, `open-tasks`, `annual-goals`).
    pub section: String,
    /// The person's answer. For a table, cells may be separated with `|`; a win may be
    /// written `Title — what it changed`.
    pub answer: String,
    /// The note, relative to the notes' folder; by default the note the section belongs
    /// in (the Career Index, this year's Goals note, the profile).
    pub note: Option<String>,
}

/// A tool: its name, title, description and input type.
pub struct ToolSpec {
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub schema: fn() -> Value,
}

fn schema<T: JsonSchema>() -> Value {
    serde_json::to_value(schemars::schema_for!(T)).unwrap_or_else(|_| json!({"type": "object"}))
}

pub const TOOLS: &[ToolSpec] = &[
    ToolSpec {
        name: "career_overview",
        title: "Career overview",
        description: "The career at a glance: the vision (north star and picture), the year's theme, the annual goals (ID, outcome, metric, status, what they serve), the current quarter's intention, this month's milestones and this week's actions (done / due / overdue), everything overdue, and the last weekly review.",
        schema: schema::<FolderInput>,
    },
    ToolSpec {
        name: "career_findings",
        title: "Career findings",
        description: "The diagnostics career-lsp reports — empty sections, unquantified wins, goals not linked to the vision, blind spots, overdue milestones… — for one note or every note: code, severity, location, message and the coach's question.",
        schema: schema::<FindingsInput>,
    },
    ToolSpec {
        name: "next_question",
        title: "Next question",
        description: "One question at a time: the first empty section of a note (else its first missing one), what the section is for, the methodology's question for it, and what it holds now.",
        schema: schema::<NoteInput>,
    },
    ToolSpec {
        name: "blind_spot_review",
        title: "Blind spot review",
        description: "The methodology's five blind spots for a Career Index or Goals note, each applying or looking covered, with the findings that show it; and the step-back questions.",
        schema: schema::<NoteInput>,
    },
    ToolSpec {
        name: "weekly_review",
        title: "Weekly review",
        description: "The four weekly review questions with what they ask about: this week's actions, this month's milestones at risk (no action this week moves their goal), everything overdue, and the last weekly review.",
        schema: schema::<FolderInput>,
    },
    ToolSpec {
        name: "propose_section_update",
        title: "Propose a section update",
        description: "Given a section and the person's answer, the edit that puts the answer in the right place in the section's shape (a table row, a goal row, a checkbox, a win bullet under this year, a paragraph) as a unified diff and as the exact passage to replace. Nothing is written: show the diff, and apply it only once the person agrees.",
        schema: schema::<ProposeInput>,
    },
];

fn parse<T: for<'de> Deserialize<'de>>(tool: &str, arguments: Value) -> Result<T, ToolError> {
    let arguments = if arguments.is_null() {
        json!({})
    } else {
        arguments
    };
    serde_json::from_value(arguments)
        .map_err(|error| ToolError::InvalidCall(format!("{tool}: invalid arguments: {error}")))
}

/// Runs the tool `name` with `arguments` over the vault as it is now.
pub fn call(vault: &Vault, name: &str, arguments: Value) -> Result<ToolOutput, ToolError> {
    match name {
        "career_overview" => {
            let input: FolderInput = parse(name, arguments)?;
            let snapshot = vault.root_snapshot(input.folder.as_deref())?;
            let overview = overview(snapshot.notes(), snapshot.today);
            let overview = relative_overview(vault, overview);
            let text = render_overview(&overview);
            Ok(output(&overview, text))
        }
        "career_findings" => {
            let input: FindingsInput = parse(name, arguments)?;
            findings(vault, &input)
        }
        "next_question" => {
            let input: NoteInput = parse(name, arguments)?;
            let (snapshot, shown) = note_or_index(vault, input.note.as_deref())?;
            let next = next_question(snapshot.note());
            let line = next
                .as_ref()
                .and_then(|n| n.heading_range.as_ref())
                .map(|r| line_of(&snapshot, r.start).0);
            let text = match &next {
                Some(next) => {
                    let place = match (&next.heading, line) {
                        (Some(heading), Some(line)) if heading == next.section => {
                            format!("line {line}")
                        }
                        (Some(heading), Some(line)) => format!("“{heading}”, line {line}"),
                        _ => "not in the note yet".to_string(),
                    };
                    let holds = if next.holds.is_empty() {
                        String::new()
                    } else {
                        format!("\nIt holds now: {}", next.holds.join(" / "))
                    };
                    format!(
                        "{shown} — {} ({place})\nWhy: {}\nAsk: {}{holds}",
                        next.section, next.purpose, next.question
                    )
                }
                None => format!(
                    "{shown}: every section has content — time to step back (blind_spot_review)."
                ),
            };
            let structured = json!({ "note": shown, "line": line, "next": next });
            Ok(ToolOutput { structured, text })
        }
        "blind_spot_review" => {
            let input: NoteInput = parse(name, arguments)?;
            let (snapshot, shown) = note_or_index(vault, input.note.as_deref())?;
            if !matches!(
                snapshot.note().kind,
                NoteKind::CareerIndex | NoteKind::Goals
            ) {
                return Err(ToolError::Failed(format!(
                    "{shown} is a {}; the blind spot review reads a Career Index or a Goals note",
                    snapshot.note().kind.name()
                )));
            }
            let spots = blind_spots(&snapshot);
            let text = render_blind_spots(&shown, &spots);
            let structured = json!({
                "note": shown,
                "blind_spots": spots,
                "step_back_questions": STEP_BACK_QUESTIONS,
            });
            Ok(ToolOutput { structured, text })
        }
        "weekly_review" => {
            let input: FolderInput = parse(name, arguments)?;
            let snapshot = vault.root_snapshot(input.folder.as_deref())?;
            let review = weekly_review(snapshot.notes(), snapshot.today);
            let text = render_weekly_review(&review);
            Ok(output(&review, text))
        }
        "propose_section_update" => {
            let input: ProposeInput = parse(name, arguments)?;
            let proposal = proposal(vault, &input)?;
            let text = format!(
                "Proposed for {} — {} ({}, line {}). Nothing is written; apply once the person agrees:\n{}",
                proposal.note, proposal.section, proposal.shape, proposal.line, proposal.diff
            );
            Ok(output(&proposal, text))
        }
        _ => Err(ToolError::InvalidCall(format!(
            "there is no tool called {name:?}; the tools are {}",
            TOOLS.iter().map(|t| t.name).collect::<Vec<_>>().join(", ")
        ))),
    }
}

fn output<T: Serialize>(value: &T, text: String) -> ToolOutput {
    ToolOutput {
        structured: serde_json::to_value(value).unwrap_or(Value::Null),
        text,
    }
}

/// The overview with its notes' paths relative to the notes' folder.
fn relative_overview(vault: &Vault, mut overview: Overview) -> Overview {
    let shown = |path: &mut Option<String>| {
        if let Some(p) = path {
            *p = vault.shown(Path::new(p.as_str()));
        }
    };
    shown(&mut overview.career_index);
    shown(&mut overview.goals_note);
    overview
}

/// The snapshot of the note given, else of the root's Career Index; and its shown path.
fn note_or_index(vault: &Vault, note: Option<&str>) -> Result<(Snapshot, String), ToolError> {
    let path = match note {
        Some(given) => vault.note_path(given)?,
        None => {
            let root = vault.root_snapshot(None)?;
            vault.note_of_kind(&root, NoteKind::CareerIndex)?
        }
    };
    let snapshot = vault.snapshot(&path)?;
    Ok((snapshot, vault.shown(&path)))
}

/// 1-based line and column (in characters) of a byte offset of the snapshot's note.
fn line_of(snapshot: &Snapshot, offset: usize) -> (usize, usize) {
    let rope = &snapshot.document.rope;
    let offset = offset.min(rope.len_bytes());
    let line = rope.byte_to_line(offset);
    let column = rope.byte_to_char(offset) - rope.line_to_char(line);
    (line + 1, column + 1)
}

/// A finding's message split into what was found and the question it asks, when it ends
/// in one (`… — how will you measure it?`).
fn split_question(message: &str) -> (String, Option<String>) {
    match message.rsplit_once(" — ") {
        Some((found, question)) if question.trim_end().ends_with('?') => {
            (found.to_string(), Some(capitalised(question.trim())))
        }
        _ => (message.to_string(), None),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One finding as the assistant reads it: where (1-based line and column, in
/// characters), what, and the coach's question when the message asks one.
#[derive(Debug, Clone, Serialize)]
struct FindingLine {
    note: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    severity: &'static str,
    code: &'static str,
    message: String,
    question: Option<String>,
}

/// The findings of one note or of every note, at `min_severity` or above. All are
/// counted; only the first `limit` are located and returned (a vault may have thousands).
fn findings(vault: &Vault, input: &FindingsInput) -> Result<ToolOutput, ToolError> {
    let paths = match input.note.as_deref() {
        Some(given) => vec![vault.note_path(given)?],
        None => vault.workspace().note_paths(),
    };
    let floor = input.min_severity.map_or(Severity::Hint, Level::severity);
    let limit = input.limit.unwrap_or(DEFAULT_LIMIT);
    let mut shown_findings = Vec::new();
    let mut counts: BTreeMap<&'static str, usize> = ["error", "warning", "info", "hint"]
        .into_iter()
        .map(|level| (level, 0))
        .collect();
    let mut total = 0;
    for path in &paths {
        let Ok(snapshot) = vault.snapshot(path) else {
            continue;
        };
        for finding in snapshot.diagnostics() {
            if finding.severity < floor {
                continue;
            }
            total += 1;
            *counts.entry(finding.severity.name()).or_default() += 1;
            if shown_findings.len() >= limit {
                continue;
            }
            let (line, column) = line_of(&snapshot, finding.range.start);
            let (end_line, end_column) = line_of(&snapshot, finding.range.end);
            let (_, question) = split_question(&finding.message);
            shown_findings.push(FindingLine {
                note: vault.shown(path),
                line,
                column,
                end_line,
                end_column,
                severity: finding.severity.name(),
                code: finding.code,
                message: finding.message,
                question,
            });
        }
    }
    let mut text = match input.note.as_deref() {
        Some(_) if total == 0 => "No findings: the note reads well.".to_string(),
        None if total == 0 => "No findings in any note.".to_string(),
        _ => format!("{total} finding(s):"),
    };
    for f in &shown_findings {
        text.push_str(&format!(
            "\n{}:{}: {}[{}] {}",
            f.note, f.line, f.severity, f.code, f.message
        ));
    }
    if total > shown_findings.len() {
        text.push_str(&format!(
            "\n… and {} more (raise `limit`, or ask about one note).",
            total - shown_findings.len()
        ));
    }
    let structured = json!({
        "scope": input.note.as_deref().map_or("workspace", |_| "note"),
        "total": total,
        "counts": counts,
        "findings": shown_findings,
    });
    Ok(ToolOutput { structured, text })
}

fn proposal(vault: &Vault, input: &ProposeInput) -> Result<Proposal, ToolError> {
    let given = match input.note.as_deref() {
        Some(given) => Some(vault.note_path(given)?),
        None => None,
    };
    let given_snapshot = given.as_deref().map(|p| vault.snapshot(p)).transpose()?;
    let id = section_named(given_snapshot.as_ref().map(|s| s.note()), &input.section)
        .ok_or_else(|| {
            ToolError::Failed(format!(
                "there is no section called {:?} in the methodology; use a heading such as \"Wins & Artifacts\" or an id such as \"open-tasks\"",
                input.section
            ))
        })?;
    let snapshot = match given_snapshot {
        Some(snapshot) => snapshot,
        None => {
            let kind = id.info().note;
            if kind == NoteKind::SessionLog {
                return Err(ToolError::Failed(format!(
                    "{} is a section of a session log: name the log with `note`",
                    id.title()
                )));
            }
            let root = vault.root_snapshot(None)?;
            let path = vault.note_of_kind(&root, kind)?;
            vault.snapshot(&path)?
        }
    };
    let shown = vault.shown(snapshot.path());
    propose(snapshot.note(), &shown, id, &input.answer, snapshot.today).map_err(ToolError::Failed)
}

fn item(line: &ItemLine) -> String {
    let due = line
        .due
        .as_deref()
        .map_or(String::new(), |d| format!(", {d}"));
    format!("- [{}{due}] {}", line.state, line.text)
}

fn render_overview(o: &Overview) -> String {
    let mut out = Vec::new();
    match &o.career_index {
        Some(index) => out.push(format!("Career Index: {index}")),
        None => out.push("No Career Index yet.".to_string()),
    }
    if let Some(north_star) = &o.north_star {
        out.push(format!("North Star: {north_star}"));
    }
    for line in &o.pillars {
        out.push(format!("  {}: {}", line.pillar, line.text));
    }
    if !o.themes.is_empty() {
        let year = o.theme_year.map_or(String::new(), |y| format!(" ({y})"));
        out.push(format!("Theme{year}: {}", o.themes.join("; ")));
    }
    match &o.goals_note {
        Some(goals) => out.push(format!("Goals: {goals}")),
        None => out.push("No Goals note for this year yet.".to_string()),
    }
    for goal in &o.goals {
        let serves = if goal.serves.is_empty() {
            "not linked to the vision".to_string()
        } else {
            format!("serves {}", goal.serves.join(", "))
        };
        let metric = if goal.metric.is_empty() {
            "no metric".to_string()
        } else {
            goal.metric.clone()
        };
        out.push(format!(
            "  {} {} — {metric} — {} — {serves}",
            goal.id, goal.outcome, goal.status
        ));
    }
    if let Some(q) = &o.quarter {
        out.push(format!("Q{}: {} ({})", q.quarter, q.intention, q.focus));
    }
    if !o.milestones.is_empty() {
        out.push("This month's milestones:".to_string());
        out.extend(o.milestones.iter().map(item));
    }
    if !o.actions.is_empty() {
        out.push("This week's actions:".to_string());
        out.extend(o.actions.iter().map(item));
    }
    if !o.overdue.is_empty() {
        out.push("Overdue:".to_string());
        out.extend(o.overdue.iter().map(item));
    }
    out.push(match &o.last_weekly_review {
        Some(date) => format!("Last weekly review: {date}"),
        None => "No weekly review yet.".to_string(),
    });
    out.join("\n")
}

fn render_blind_spots(shown: &str, spots: &[BlindSpotLine]) -> String {
    let mut out = vec![format!("Blind spots in {shown}:")];
    for spot in spots {
        if spot.applies {
            out.push(format!(
                "- {}: applies — ask “{}”",
                spot.name, spot.question
            ));
            out.extend(spot.evidence.iter().map(|e| format!("    {e}")));
        } else {
            out.push(format!("- {}: looks covered", spot.name));
        }
    }
    out.join("\n")
}

fn render_weekly_review(review: &WeeklyReview) -> String {
    let mut out = vec![format!("Weekly review, week of {}:", review.week_of)];
    for (i, question) in review.questions.iter().enumerate() {
        out.push(format!("{}. {question}", i + 1));
    }
    if review.actions.is_empty() {
        out.push("No action planned this week.".to_string());
    } else {
        out.push("This week's actions:".to_string());
        out.extend(review.actions.iter().map(item));
    }
    if !review.milestones_at_risk.is_empty() {
        out.push("Milestones at risk:".to_string());
        out.extend(
            review
                .milestones_at_risk
                .iter()
                .map(|r| format!("- {} ({})", r.milestone.text, r.why)),
        );
    }
    if !review.overdue.is_empty() {
        out.push("Overdue:".to_string());
        out.extend(review.overdue.iter().map(item));
    }
    out.push(match &review.last_weekly_review {
        Some(date) => format!("Last weekly review: {date}"),
        None => "No weekly review yet.".to_string(),
    });
    out.join("\n")
}
