//! What the rest of a Career Index says about a blind spot whose section is absent, and
//! whether `empty-section` already asks a blind spot's question (SPEC §4: "Aggregation"
//! and the paragraph after the rule table).
//!
//! A note written in its own shape often has no Business Impact or External Visibility
//! section and still tells of a 30% cut in costs or a conference talk. A blind-spot rule
//! reads the note for such evidence before it asks, so that it never asserts what the
//! note contradicts.

use std::sync::LazyLock;

use regex::Regex;

use super::{Context, RuleLevel};
use crate::methodology::{core_sections, BlindSpotId, NetworkRole, SectionId};
use crate::model::{Note, Section};
use crate::syntax::{Block, BlockKind};

/// Whether blind spot `spot` applies to a note that lacks its section: nothing elsewhere
/// in the note answers its question. The blind-spot rules and `missing-section` (which
/// carries the blind spots of the sections it names) decide it here alike.
pub(crate) fn absent_spot_applies(note: &Note, spot: BlindSpotId) -> bool {
    match spot {
        BlindSpotId::NoBusinessMetrics => !states_money_or_share(note),
        BlindSpotId::InternalOnlyVisibility => !names_external_work(note),
        BlindSpotId::NoClearPov | BlindSpotId::NoContingency => true,
        // An absent theme is no sign of too many priorities.
        BlindSpotId::TooManyPriorities => false,
    }
}

/// Whether `missing-section` names `section` as absent: it is a core section of the
/// note's kind, the note lacks it, and the rule is on. A blind spot whose section is
/// absent then leaves the note's title to that one finding (SPEC §4, "Aggregation": one
/// finding where one thing is wrong), and `missing-section` carries the blind spot.
pub(crate) fn named_by_missing_section(note: &Note, context: &Context, section: SectionId) -> bool {
    let missing_section = super::missing_section::MissingSection::META;
    !matches!(
        context
            .settings
            .level(missing_section.code, missing_section.default_severity),
        RuleLevel::Off
    ) && core_sections(note.kind).any(|id| id == section)
        && !note.has_section(section)
}

/// Whether `empty-section` reports the first of `sections` the note has (or a section
/// around it): that section is there and empty, so `empty-section` already asks its
/// question and the blind spot stays quiet. When `empty-section` is switched off, the
/// blind spot speaks for it.
pub(crate) fn asked_by_empty_section(
    note: &Note,
    context: &Context,
    sections: &[SectionId],
) -> bool {
    let empty_section = super::empty_section::EmptySection::META;
    if matches!(
        context
            .settings
            .level(empty_section.code, empty_section.default_severity),
        RuleLevel::Off
    ) {
        return false;
    }
    sections
        .iter()
        .find_map(|id| note.section(*id))
        .is_some_and(|section| empty_here_or_around(note, section))
}

/// Whether `section` or a known section around it is empty: `empty-section` reports the
/// outermost empty one, which covers this one.
fn empty_here_or_around(note: &Note, section: &Section) -> bool {
    let mut current = Some(section);
    while let Some(s) = current {
        if s.id.is_some() && note.is_empty_section(s) {
            return true;
        }
        current = s.parent.map(|p| &note.sections[p]);
    }
    false
}

/// The known sections a block falls under, innermost first.
fn sections_of<'a>(note: &'a Note, block: &Block) -> impl Iterator<Item = SectionId> + 'a {
    let owner = block
        .heading
        .and_then(|heading| note.section_of_heading(heading));
    std::iter::successors(owner, |at| note.sections[*at].parent)
        .filter_map(|at| note.sections[at].id)
}

/// What a block says: its text, or each row of a table with its cells joined.
fn said(block: &Block) -> Vec<String> {
    match &block.kind {
        BlockKind::Table(table) => table
            .rows
            .iter()
            .map(|row| {
                row.cells
                    .iter()
                    .map(|c| c.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect(),
        BlockKind::Code | BlockKind::Html | BlockKind::LinkDefinition => Vec::new(),
        _ => vec![block.text.clone()],
    }
}

/// The person's own blocks: not the product's prompts in quotes, not a checkbox still
/// open (a plan is not yet evidence).
fn written(block: &Block) -> bool {
    let prompt = block.quoted && crate::methodology::is_known_prompt(&block.text);
    let open = matches!(&block.kind, BlockKind::ListItem(item) if item.checked == Some(false));
    !prompt && !open
}

static MONEY_OR_SHARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        [$€£¥]\s?\d
        | \d[\d.,]*\s?(k|m|bn|mm|million|billion|thousand)?\s?(usd|eur|gbp|dollars|euros|pounds)\b
        | \d[\d.,]*\s?(%|percent\b|per\ cent\b)",
    )
    .expect("valid regex")
});

/// Whether a win or an impact item states a currency amount or a percentage: evidence
/// that the person does measure their business impact.
pub(crate) fn states_money_or_share(note: &Note) -> bool {
    if let Some(index) = note.as_index() {
        let wins = index.wins.iter().map(|w| w.text.as_str());
        let impact = index.business_impact.iter().map(|r| r.impact.as_str());
        if wins.chain(impact).any(|text| MONEY_OR_SHARE.is_match(text)) {
            return true;
        }
    }
    note.outline
        .blocks
        .iter()
        .filter(|block| written(block))
        .filter(|block| {
            sections_of(note, block)
                .any(|id| matches!(id, SectionId::WinsAndArtifacts | SectionId::BusinessImpact))
        })
        .flat_map(said)
        .any(|text| MONEY_OR_SHARE.is_match(&text))
}

static EXTERNAL_WORK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(
            (lightning\ |tech\ |conference\ )?talks?\b(\ (at|on|about)\b)?
          | keynotes? | meetups? | conferences? | podcasts? | webinars? | panels?\ at
          | spoke | speaker | speaking\ at
          | published | blog\ ?posts? | blogged | articles? | newsletter
          | open[-\ ]?sourced? | open[-\ ]source\ (release|project|library|tool)
          | linkedin\ post
        )\b",
    )
    .expect("valid regex")
});

/// Whether `text` names external work: a talk, a meetup, a conference, a podcast, a
/// published article or blog post, an open-source release. "Talk to" and "talk with"
/// are conversations, not talks.
fn names_external(text: &str) -> bool {
    EXTERNAL_WORK.find_iter(text).any(|found| {
        let after = text[found.end()..].trim_start().to_lowercase();
        let word = found.as_str().to_lowercase();
        !(word.starts_with("talk") && (after.starts_with("to ") || after.starts_with("with ")))
    })
}

/// Whether a win, a timeline row or any other section names external work, outside the
/// Vision and the Annual Theme (where it is still an aspiration) and outside open
/// checkboxes (still a plan).
pub(crate) fn names_external_work(note: &Note) -> bool {
    if note
        .as_index()
        .is_some_and(|index| index.wins.iter().any(|w| names_external(&w.text)))
    {
        return true;
    }
    note.outline
        .blocks
        .iter()
        .filter(|block| written(block))
        .filter(|block| {
            !sections_of(note, block).any(|id| {
                matches!(
                    id,
                    SectionId::Vision
                        | SectionId::ThePicture
                        | SectionId::AnnualTheme
                        | SectionId::SuccessCriteria
                )
            })
        })
        .flat_map(said)
        .any(|text| names_external(&text))
}

static MY_SPONSOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?i:my\s+sponsor)s?\b(?:\s*(?:,|:|—|–|-|\bis\b|\bwas\b)\s*|\s+)\p{Lu}\p{L}+|\b(?i:sponsor)s?\s*:\s*\p{Lu}\p{L}+")
        .expect("valid regex")
});

static MY_MENTOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?i:my\s+mentor)s?\b(?:\s*(?:,|:|—|–|-|\bis\b|\bwas\b)\s*|\s+)\p{Lu}\p{L}+|\b(?i:mentor)s?\s*:\s*\p{Lu}\p{L}+")
        .expect("valid regex")
});

/// Whether the note names someone in the role outside a list of its own: "my sponsor
/// Ruud", "Mentor: Elena", or a top-level `Sponsors` / `Mentors` heading with someone
/// under it.
pub(crate) fn names_someone_as(note: &Note, role: NetworkRole) -> bool {
    let pattern = match role {
        NetworkRole::Sponsor => &MY_SPONSOR,
        NetworkRole::Mentor => &MY_MENTOR,
        _ => return false,
    };
    let listed_apart = note
        .sections_with(role.section())
        .filter(|s| !within(note, s, SectionId::Network))
        .any(|s| !note.is_empty_section(s));
    listed_apart
        || note
            .outline
            .blocks
            .iter()
            .filter(|block| written(block))
            .flat_map(said)
            .any(|text| pattern.is_match(&text))
}

/// Whether `section` lies inside a section `id`.
fn within(note: &Note, section: &Section, id: SectionId) -> bool {
    std::iter::successors(section.parent, |p| note.sections[*p].parent)
        .any(|p| note.sections[p].id == Some(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_work_is_named_and_a_conversation_is_not() {
        for text in [
            "Gave a talk at GopherCon EU on idempotent consumers",
            "Published “Paved roads, not gates” on the company blog",
            "Open-sourced our Kafka replay tool (400 stars)",
            "Spoke at the Rotterdam Go meetup",
            "Guest on the Ship It podcast",
            "Wrote a LinkedIn post about the migration",
        ] {
            assert!(names_external(text), "{text}");
        }
        for text in [
            "Talk to Sanne about the promotion case",
            "Led the CI overhaul",
            "Ran the on-call rotation for a quarter",
        ] {
            assert!(!names_external(text), "{text}");
        }
    }

    #[test]
    fn money_and_shares_are_read_and_plain_counts_are_not() {
        for text in [
            "$3M in annual revenue",
            "cut costs by 30%",
            "€300k saved",
            "40k USD",
        ] {
            assert!(MONEY_OR_SHARE.is_match(text), "{text}");
        }
        for text in ["3 teams adopted it", "in 2025", "v2 shipped"] {
            assert!(!MONEY_OR_SHARE.is_match(text), "{text}");
        }
    }

    #[test]
    fn a_sponsor_or_mentor_named_in_text() {
        for text in [
            "My sponsor Ruud pushed for it",
            "my mentor, Elena Marchetti",
            "Mentor: Elena",
        ] {
            assert!(
                MY_SPONSOR.is_match(text) || MY_MENTOR.is_match(text),
                "{text}"
            );
        }
        assert!(!MY_SPONSOR.is_match("I need a sponsor"));
        assert!(!MY_MENTOR.is_match("Find a mentor: someone senior"));
    }
}
