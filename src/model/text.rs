//! Reading the words people write: template placeholders, quantified results, goal
//! references and vision pillars.

use serde::Serialize;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::methodology::{Pillar, NORTH_STAR};

mod win_reading;

pub use win_reading::{read_win, WinReading};

/// Removes bracketed placeholders (`[One sentence]`, `[[[Year] Goals]]`) from `text`;
/// keeps wikilinks and Markdown links. Returns the remaining text.
pub fn without_placeholders(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'[' {
            if text[i..].starts_with("[[") {
                // A wikilink: keep it, unless its target is itself a placeholder.
                if let Some(end) = find_wikilink_end(text, i) {
                    let inner = &text[i + 2..end - 2];
                    if !(inner.starts_with('[') && inner.contains(']')) {
                        out.push_str(&text[i..end]);
                    }
                    i = end;
                    continue;
                }
            } else if let Some(close) = matching_bracket(text, i) {
                let after = &text[close + 1..];
                let inner = &text[i + 1..close];
                let is_link = after.starts_with('(') || after.starts_with('[');
                let is_checkbox = matches!(inner, " " | "x" | "X");
                if is_link || is_checkbox {
                    out.push_str(&text[i..=close]);
                } else {
                    out.push(' ');
                }
                i = close + 1;
                continue;
            }
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

fn matching_bracket(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (offset, c) in text[open..].char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + offset);
                }
            }
            '\n' => return None,
            _ => {}
        }
    }
    None
}

fn find_wikilink_end(text: &str, open: usize) -> Option<usize> {
    // `[[[Year] Goals]]`: skip one nested bracket pair inside.
    let rest = &text[open + 2..];
    let mut depth = 0usize;
    for (offset, c) in rest.char_indices() {
        match c {
            '[' => depth += 1,
            ']' if depth > 0 => depth -= 1,
            ']' if rest[offset..].starts_with("]]") => return Some(open + 2 + offset + 2),
            '\n' => return None,
            _ => {}
        }
    }
    None
}

/// Words the templates put in place of content.
fn is_placeholder_word(word: &str) -> bool {
    let upper = word.to_ascii_uppercase();
    matches!(
        upper.as_str(),
        "X" | "$X" | "XX" | "..." | "…" | "YYYY" | "TBD" | "TODO" | "N/A" | "NA" | "?" | "$"
    ) || word.chars().all(|c| c == '.' || c == '…')
        // The Goals template labels its placeholder milestones with the goal they serve.
        || goal_id(word).is_some()
}

/// Markup, punctuation and template labels: what is left when nothing was written.
fn strip_markup(text: &str) -> String {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\*\*[^*\n]{1,60}?:\s*\*\*|__[^_\n]{1,60}?:\s*__").expect("valid regex")
    });
    let text = LABEL.replace_all(text, " ");
    text.chars()
        .map(|c| match c {
            '*' | '_' | '~' | '`' | '>' | '→' | '—' | '–' | '-' | ':' | '|' | '"' | '“' | '”'
            | '\'' | '(' | ')' | ',' | ';' | '!' | '•' => ' ',
            c => c,
        })
        .collect()
}

/// True when `text` holds nothing the person wrote: only placeholders (`[Priority 1]`,
/// `X`, `$X`, `...`, `YYYY`), markup and template labels (`**Life:**`).
pub fn is_placeholder(text: &str) -> bool {
    let remaining = strip_markup(&without_placeholders(text));
    let remaining = remaining.replace("Full cascade", " ");
    remaining.split_whitespace().all(is_placeholder_word)
}

/// A table row's cells are all empty or placeholders, except that its first cell may be
/// one of the template's own row `labels` (matched case-insensitively).
pub fn is_scaffolding_row<'a>(cells: impl IntoIterator<Item = &'a str>, labels: &[&str]) -> bool {
    cells
        .into_iter()
        .enumerate()
        .all(|(i, cell)| is_placeholder(cell) || (i == 0 && is_row_label(cell, labels)))
}

fn is_row_label(cell: &str, labels: &[&str]) -> bool {
    let cell = strip_markup(cell);
    let cell = cell.trim();
    labels.iter().any(|label| match *label {
        "G#" => goal_id(cell).is_some(),
        "Q#" => quarter_label(cell).is_some(),
        label => cell.eq_ignore_ascii_case(label),
    })
}

/// `G1` → 1 (also `**G1**`).
pub fn goal_id(text: &str) -> Option<u32> {
    let text = text
        .trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    let digits = text.strip_prefix('G').or_else(|| text.strip_prefix('g'))?;
    if digits.is_empty() || digits.len() > 3 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// `Q3` (or `Q3 2026`) → 3.
pub fn quarter_label(text: &str) -> Option<u32> {
    let text = text
        .trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    let rest = text.strip_prefix('Q').or_else(|| text.strip_prefix('q'))?;
    let digit = rest.chars().next()?.to_digit(10)?;
    let tail = &rest[1..];
    ((1..=4).contains(&digit) && (tail.is_empty() || tail.starts_with(' '))).then_some(digit)
}

static GOAL_REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bG(\d{1,3})\b").expect("valid regex"));

/// Every `G<n>` in `text`, with its range offset by `base`.
pub fn goal_refs(text: &str, base: usize) -> Vec<(u32, Range<usize>)> {
    GOAL_REF
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            Some((c[1].parse().ok()?, whole.start() + base..whole.end() + base))
        })
        .collect()
}

/// What a Vision cell names: pillars, or the North Star as a whole.
pub fn vision_cell_link(cell: &str) -> Option<VisionLink> {
    let plain = strip_markup(&without_placeholders(cell));
    let lower = plain.to_lowercase();
    if lower.contains(&NORTH_STAR.to_lowercase()) {
        return Some(VisionLink::NorthStar);
    }
    let pillars: Vec<Pillar> = plain
        .split(|c: char| !c.is_alphanumeric())
        .filter_map(Pillar::from_word)
        .collect();
    (!pillars.is_empty()).then_some(VisionLink::Pillars(pillars))
}

/// How a goal is tied to the vision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum VisionLink {
    Pillars(Vec<Pillar>),
    NorthStar,
    /// A wikilink to the index's Vision heading (checked against the index by the rule).
    Wikilink {
        target: String,
        heading: String,
    },
}

// ---------------------------------------------------------------------------------------
// Quantified results (SPEC §4.1)

static NOT_METRICS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?ix)",
        r"\[\[[^\]]*\]\]",                                   // wikilinks: names of notes
        r"|\]\([^)]*\)",                                     // Markdown link destinations
        r"|`[^`]*`",                                         // code
        r"|https?://\S+",                                    // URLs
        r"|(?-u:\b)\d{4}-\d{2}-\d{2}(?-u:\b)",                           // ISO dates
        r"|(?-u:\b)\d{1,2}/\d{1,2}/\d{2,4}(?-u:\b)",                     // other dates
        r"|(?-u:\b)(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?(?-u:\b)",
        r"|(?-u:\b)\d{1,2}(?:st|nd|rd|th)?\s+(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?-u:\b)",
        r"|(?-u:\b)[a-z]+\d+(?:/\d+)?(?-u:\b)",                          // names with digits: Money20/20, B2B, Web3
        r"|(?-u:\b)(?:soc|iso|pci|dss|iec|nist|wcag|hipaa|sox|tls|http|ipv)\s?\d+(?:\.\d+)?(?-u:\b)", // standards
        r"|(?-u:\b)[QH][1-4](?:\s*(?:FY)?'?\d{2,4})?(?-u:\b)",              // quarters and halves
        r"|(?-u:\b)FY\s?'?\d{2,4}(?-u:\b)",                              // fiscal years
        r"|(?-u:\b)(?:version|release|rev|v)\.?\s?\d+(?:\.\d+)*(?-u:\b)", // versions
        r"|(?-u:\b)v\d+(?:\.\d+)*(?-u:\b)",
        r"|(?-u:\b)(?:19|20)\d{2}s?(?-u:\b)",                            // years and decades
        r"|(?:^|\s)\#\d+(?-u:\b)|(?-u:\b)no\.\s?\d+(?-u:\b)",                  // ranks and list numbers
        // Names such as "DevOps 24 conference", inside a sentence: at its start the
        // capital is a verb's ("Give 2 conference talks").
        r"|\S\s(?-i:[A-Z])[a-zA-Z]+\s\d{1,3}\s(?:award|summit|conference|offsite|program|project|cohort)s?(?-u:\b)",
        r"|(?-u:\b)(?:team|squad|building|floor|room|level|tier|grade|phase|stage|sprint|wave|cohort|season|chapter|part|series|article|section|page|step|round|gen|generation)\s\d+(?-u:\b)",
        r"|(?-u:\b)(?:L|E|IC|M|P|T|SDE|SWE)\d(?-u:\b)",                   // job levels
        r"|(?-u:\b)\d+(?:st|nd|rd|th)(?-u:\b)",                          // ordinals
        r"|^\s*\d+[.)]\s",                                   // list numbers
    ))
    .expect("valid regex")
});

static METRIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?ix)",
        r"[$€£¥₹]\s?\d",                                                     // currency
        r"|(?-u:\b)\d[\d,.]*\s?(?:k|m|mm|bn|b)?\s?(?:usd|eur|gbp|chf|cad|aud|dollars|euros|pounds)(?-u:\b)",
        r"|\d\s?(?:%|percent(?-u:\b)|pct(?-u:\b)|pp(?-u:\b)|bps(?-u:\b)|basis\spoints(?-u:\b)|percentage\spoints(?-u:\b))", // percentages
        r"|(?-u:\b)\d+(?:\.\d+)?\s?(?:x(?-u:\b)|×)|×\s?\d",                              // multipliers
        r"|(?-u:\b)\d+-fold(?-u:\b)|(?-u:\b)(?:doubled|tripled|quadrupled|halved|two-fold|three-fold|ten-fold)(?-u:\b)",
        r"|(?-u:\b)(?:nps|enps|csat|ces|sla|slo|p50|p90|p95|p99|p999|arr|mrr|ebitda|roi|okr\sscore|score|rating|uptime|latency)\s(?:of\s|to\s|at\s|from\s)?[~≈]?\d",
        r"|(?-u:\b)\d[\d,.]*\s?(?:k|m|bn)?\+?\s?(?:ms|s|sec|secs|seconds|min|mins|minutes|h|hr|hrs|hours|days|weeks|months|years|gb|tb|mb|kb|qps|rps|tps)(?-u:\b)",
        r"|(?-u:\b)\d[\d,.]*\s?(?:k|m|bn)?\+?\s+(?:[a-z][a-z-]*\s){0,2}?(?:[a-z]{3,})", // a number and a counted noun
    ))
    .expect("valid regex")
});

/// Words that follow a number without making it a count of something.
const NOT_COUNTED: &[&str] = &[
    "and", "or", "of", "in", "on", "at", "to", "the", "for", "by", "with", "from", "into", "than",
    "was", "were", "is", "are", "via", "per",
];

/// True when `text` states a measurable result: money, a percentage, a multiplier, or a
/// number attached to a unit or a counted noun, in digits or in words ("two regions",
/// "within a week", "half the time"). Years, dates, quarters, versions, list and rank
/// numbers, and numbers inside links or names do not count.
pub fn is_quantified(text: &str) -> bool {
    // Most results are written in digits: only a text that states none is read again with
    // its spelled-out numbers as digits, which costs several passes over it.
    if states_a_number(text) {
        return true;
    }
    let spelled = win_reading::spelled_out_as_digits(text);
    spelled != text && states_a_number(&spelled)
}

/// The reading of [`is_quantified`] over digits alone.
fn states_a_number(text: &str) -> bool {
    let cleaned = NOT_METRICS.replace_all(text, " ");
    let cleaned = cleaned.replace(['*', '_', '~'], "");
    for found in METRIC.find_iter(&cleaned) {
        let matched = found.as_str();
        // A number followed only by a function word ("in", "of") is not a count.
        let after_number = matched.trim_start_matches(|c: char| !c.is_alphabetic());
        let first_word = after_number
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let is_count_only = matched.chars().next().is_some_and(|c| c.is_ascii_digit())
            && !matched.contains(['%', '$', '€', '£', '¥', '×'])
            && NOT_COUNTED.contains(&first_word.as_str());
        if !is_count_only {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_scaffolding() {
        for empty in [
            "",
            "[Priority 1]",
            "**North Star ([year]):** [One sentence]",
            "**Life:** [What lifestyle looks like]",
            "**[Win]** — [Description]",
            "X",
            "$X",
            "...",
            "**→ [[[Year] Goals]]** — Full cascade",
            "*\"[Theme in quotes]\"*",
            "YYYY",
        ] {
            assert!(is_placeholder(empty), "{empty:?} should be a placeholder");
        }
        for written in [
            "Lead platform engineering for 40 people",
            "**Life:** Four-day weeks, near the coast",
            "[[2026 Goals]]",
            "See [the deck](deck.pdf)",
            "Mentor: Priya",
        ] {
            assert!(!is_placeholder(written), "{written:?} is content");
        }
    }

    #[test]
    fn scaffolding_rows() {
        assert!(is_scaffolding_row(
            ["Direct reports", "X"],
            &["direct reports", "budget"]
        ));
        assert!(is_scaffolding_row(["G2", "...", "...", "..."], &["G#"]));
        assert!(is_scaffolding_row(["", "", ""], &[]));
        assert!(!is_scaffolding_row(
            ["Direct reports", "12"],
            &["direct reports"]
        ));
        assert!(!is_scaffolding_row(
            ["Speaking", "KubeCon EU", ""],
            &["speaking"]
        ));
    }

    #[test]
    fn goal_ids_and_refs() {
        assert_eq!(goal_id("**G12**"), Some(12));
        assert_eq!(goal_id("Goal"), None);
        let refs = goal_refs("Draft RFC (G1, G3); not 5G or G7x", 10);
        assert_eq!(refs, vec![(1, 21..23), (3, 25..27)]);
        assert_eq!(quarter_label("Q3"), Some(3));
        assert_eq!(quarter_label("Q5"), None);
    }

    #[test]
    fn vision_cells() {
        assert_eq!(
            vision_cell_link("Role"),
            Some(VisionLink::Pillars(vec![Pillar::Role]))
        );
        assert_eq!(
            vision_cell_link("**Impact** / Reach"),
            Some(VisionLink::Pillars(vec![Pillar::Impact, Pillar::Reach]))
        );
        assert_eq!(vision_cell_link("North Star"), Some(VisionLink::NorthStar));
        assert_eq!(vision_cell_link("[pillar]"), None);
        assert_eq!(vision_cell_link(""), None);
        assert_eq!(vision_cell_link("Roles"), None);
    }

    #[test]
    fn quantified_basics() {
        assert!(is_quantified("Cut cloud spend by $1.2M"));
        assert!(is_quantified("Reduced churn 35%"));
        assert!(is_quantified("Hired 12 engineers"));
        assert!(is_quantified("Doubled weekly active users"));
        assert!(!is_quantified("Shipped the 2025 roadmap"));
        assert!(!is_quantified("Released v2 of the billing API"));
        assert!(!is_quantified("Significantly improved reliability"));
        assert!(!is_quantified("Closed Q3 planning early"));
    }
}
