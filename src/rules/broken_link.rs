//! `broken-link`: a wikilink whose note or heading does not exist.
//!
//! Creating the missing note is a fix of another kind (a new file, not an edit of this
//! note) and lives with the quick fixes in `features::fixes`. A link to a heading spelt a
//! little differently from one its note has gets a fix here: the heading as the note
//! spells it.
//!
//! A link to a note that exists but was not indexed (not UTF-8, larger than
//! `max-file-size`) is not broken: it is reported at `info`, saying why the note was not
//! read, with no fix to create it.

use super::fixes_support::create_note_fix;
use super::{finding, Applicability, Context, Edit, Finding, Fix, Rule, RuleMeta, Severity};
use crate::methodology::normalize_heading;
use crate::model::links::Resolution;
use crate::model::{Note, Unreadable};
use crate::syntax::WikiLink;

pub struct BrokenLink;

impl BrokenLink {
    pub const META: RuleMeta = RuleMeta {
        code: "broken-link",
        default_severity: Severity::Warning,
        documentation: include_str!("docs/broken-link.md"),
        blind_spot: None,
    };
}

/// The edit distance between two strings, in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// Where the heading part of `link` is, when the link is written without blanks around
/// its parts (so that its parts give its layout).
fn heading_span(link: &WikiLink) -> Option<std::ops::Range<usize>> {
    let heading = link.heading.as_ref()?;
    let alias = link.alias.as_ref().map_or(0, |a| a.len() + 1);
    let embed = usize::from(link.embed);
    let expected = embed + 2 + link.target.len() + 1 + heading.len() + alias + 2;
    if expected != link.range.len() || heading.is_empty() {
        return None;
    }
    let start = link.range.start + embed + 2 + link.target.len() + 1;
    Some(start..start + heading.len())
}

/// The headings of `target` spelt within a typo or two of the one the link names, closest
/// first: one fix for each, writing the heading as the note has it.
fn heading_fixes<'a>(
    note: &'a Note,
    link: &WikiLink,
    target: &'a Note,
    context: &Context<'a>,
) -> Vec<Fix> {
    let (Some(span), Some(wanted)) = (heading_span(link), link.heading.as_deref()) else {
        return Vec::new();
    };
    // The fixes depend on the target's headings, not only on where the link leads.
    let target = context.content_of(note, target);
    let wanted_normal = normalize_heading(wanted);
    let allowed = (wanted_normal.chars().count() / 4).clamp(1, 2);
    let mut close: Vec<(usize, &str)> = target
        .outline
        .headings
        .iter()
        .map(|h| h.text.trim())
        .filter(|text| !text.is_empty() && !text.contains(['#', '|', '[', ']']))
        .map(|text| (distance(&wanted_normal, &normalize_heading(text)), text))
        .filter(|(d, _)| *d <= allowed)
        .collect();
    close.sort_by_key(|(d, _)| *d);
    close.dedup_by(|a, b| a.1 == b.1);
    close
        .into_iter()
        .take(3)
        .filter_map(|(_, heading)| {
            Fix::new(
                note,
                format!("Replace #{wanted} with #{heading}"),
                Applicability::Suggestion,
                vec![Edit {
                    range: span.clone(),
                    text: heading.to_string(),
                }],
            )
        })
        .collect()
}

/// What a link to a note that was not read says: the link is right, the tool could not
/// read the note, and what would let it.
fn not_indexed(link: &WikiLink, why: &Unreadable) -> String {
    let name = link.target.trim();
    let name = name.strip_suffix(".md").unwrap_or(name).trim();
    let remedy = match why {
        Unreadable::NotUtf8 { .. } => " — save it as UTF-8 to have it checked.",
        Unreadable::TooLarge { .. } => " — split it, or raise max-file-size in career-lsp.toml.",
        _ => ".",
    };
    format!("“{name}” is not indexed: it is {why}{remedy}")
}

impl Rule for BrokenLink {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
        let mut findings = Vec::new();
        for link in &note.outline.wikilinks {
            match context.resolve(note, link) {
                Resolution::MissingNote => {
                    if let Some((_, why)) = context.unread_note(&link.target) {
                        let mut found = finding(self, link.range.clone(), not_indexed(link, why));
                        found.severity = Severity::Info;
                        findings.push(found);
                        continue;
                    }
                    let mut found = finding(
                        self,
                        link.range.clone(),
                        format!(
                            "There is no note called “{}” yet — create it, or fix the link.",
                            link.target.trim()
                        ),
                    );
                    let target = link.target.trim();
                    let name = target.strip_suffix(".md").unwrap_or(target).trim();
                    found.fixes.extend(create_note_fix(
                        note,
                        context,
                        format!("Create {name}.md"),
                        name,
                    ));
                    findings.push(found);
                }
                Resolution::MissingHeading(target) => {
                    let mut found = finding(
                        self,
                        link.range.clone(),
                        format!(
                            "“{}” has no heading “{}” — link to one of its sections.",
                            target.stem(),
                            link.heading.as_deref().unwrap_or("").trim()
                        ),
                    );
                    found.fixes = heading_fixes(note, link, target, context);
                    findings.push(found);
                }
                _ => {}
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::distance;
    use crate::rules::fixes_support::testing::{fixed, resolves, titles};

    const CODE: &str = super::BrokenLink::META.code;

    #[test]
    fn a_misspelt_heading_is_offered_as_the_note_spells_it() {
        let session = "# 2026-02-21 Career Coaching Session\n\n## Open threads\n- Re-read [[Career#Innovation Thesys]] before the review.\n- Fill in [[Career#Promotion Case]] once it exists.\n- See [[Promo Packet 2026]].\n";
        let career = "# Career\n\n## Vision\n\n**North Star (2031):** Principal engineer.\n\n## Innovation Thesis\n\n> Platforms win by being boring.\n";
        let notes = [
            ("2026-02-21 Career Coaching Session.md", session),
            ("Career.md", career),
        ];
        assert_eq!(
            titles(&notes, CODE),
            [
                vec!["Replace #Innovation Thesys with #Innovation Thesis (resolves)"],
                vec![],
                // A missing note is created by its fix, from a title.
                vec!["Create Promo Packet 2026.md (resolves)"],
            ]
        );
        let title = "Replace #Innovation Thesys with #Innovation Thesis";
        assert_eq!(
            fixed(&notes, CODE, 0, title),
            session.replace("Thesys", "Thesis")
        );
        assert!(resolves(&notes, CODE, 0, title));
    }

    #[test]
    fn edit_distance() {
        assert_eq!(distance("innovation thesys", "innovation thesis"), 1);
        assert_eq!(distance("network", "netwrok"), 2);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("q2 plan", "quarterly intentions"), 17);
    }
}
