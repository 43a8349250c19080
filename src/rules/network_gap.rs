//! `network-gap`: no sponsor listed, and separately no mentor listed.

use super::evidence::{asked_by_empty_section, named_by_missing_section, names_someone_as};
use super::fixes_support::prompt_fix;
use super::{anchor, finding, Context, Finding, Rule, RuleMeta, Severity};
use crate::methodology::{NetworkRole, SectionId};
use crate::model::Note;

pub struct NetworkGap;

impl NetworkGap {
    pub const META: RuleMeta = RuleMeta {
        code: "network-gap",
        default_severity: Severity::Info,
        documentation: include_str!("docs/network-gap.md"),
        blind_spot: None,
    };
}

/// The role's question, under its own sub-heading, else under the Network heading.
fn ask(note: &Note, context: &Context, role: NetworkRole) -> Option<super::Fix> {
    let question = role.question();
    prompt_fix(
        note,
        context,
        format!("Ask: {question}"),
        question,
        &[role.section(), SectionId::Network],
    )
}

impl Rule for NetworkGap {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
        let Some(index) = note.as_index() else {
            return Vec::new();
        };
        let network = &index.network;
        let roles = [
            (
                NetworkRole::Sponsor,
                network.sponsors.is_empty(),
                &network.sponsors_heading,
                "No sponsor listed — who are your sponsors? (People who advocate for you when you're not in the room)",
                "No sponsor listed yet — who advocates for you when you're not in the room?",
            ),
            (
                NetworkRole::Mentor,
                network.mentors.is_empty(),
                &network.mentors_heading,
                "No mentor listed — whose experience do you learn from? A mentor gives advice; you pull from them.",
                "No mentor listed yet — whose experience do you learn from?",
            ),
        ];
        let mut findings = Vec::new();
        for (role, missing, heading, listed_but_empty, not_listed) in roles {
            if !missing || names_someone_as(note, role) {
                continue;
            }
            // A Network that is absent is missing-section's to name; a list that is there
            // and empty is `empty-section`'s to ask about.
            if named_by_missing_section(note, context, SectionId::Network) {
                continue;
            }
            if asked_by_empty_section(note, context, &[role.section(), SectionId::Network]) {
                continue;
            }
            // With its own list, the note says there is nobody in it; without one, the
            // note may simply not say yet, so the rule asks.
            let message = if heading.is_some() {
                listed_but_empty
            } else {
                not_listed
            };
            let at = anchor(note, &[heading.clone(), network.heading.clone()]);
            let mut found = finding(self, at, message);
            found.fixes.extend(ask(note, context, role));
            findings.push(found);
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::fixes_support::testing::{findings, fixed, titles, MISSING_SECTION_OFF};

    const CODE: &str = super::NetworkGap::META.code;

    const SPONSORS: &str =
        "Ask: Who are your sponsors? (People who advocate for you when you're not in the room)";
    const MENTORS: &str =
        "Ask: Who are your mentors? (People whose experience you pull advice from)";

    #[test]
    fn an_empty_sponsors_list_is_empty_sections_question_and_a_missing_mentor_is_asked() {
        let career = "# Career\n\n## Network & Influence\n\n### Sponsors\n| Name | Context |\n|------|---------|\n| | |\n\n### Advisors\n- Ingeborg — ex-CTO, sounding board\n";
        let notes = [("Career.md", career)];
        // The empty Sponsors table gets empty-section's question only.
        let found = findings(&notes, CODE);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].message,
            "No mentor listed yet — whose experience do you learn from?"
        );
        assert_eq!(&career[found[0].range.clone()], "## Network & Influence");
        let empty = findings(&notes, "empty-section");
        assert_eq!(&career[empty[0].range.clone()], "### Sponsors");
        assert_eq!(titles(&notes, CODE), [[MENTORS]]);
        // No Mentors list: the question goes under the Network heading.
        assert_eq!(
            fixed(&notes, CODE, 0, MENTORS),
            career.replace(
                "## Network & Influence\n",
                "## Network & Influence\n\n> Who are your mentors? (People whose experience you pull advice from)\n"
            )
        );
    }

    #[test]
    fn a_list_with_nobody_in_it_says_so_under_its_heading() {
        let career = "# Career\n\n## Network\n\n### Sponsors\nStill looking — nobody yet.\n\n### Mentors\n- Elena Marchetti — Staff Engineer, fortnightly 1:1\n";
        let notes = [("Career.md", career)];
        let found = findings(&notes, CODE);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(&career[found[0].range.clone()], "### Sponsors");
        assert!(found[0]
            .message
            .starts_with("No sponsor listed — who are your sponsors?"));
        assert_eq!(
            fixed(&notes, CODE, 0, SPONSORS),
            career.replace(
                "### Sponsors\n",
                "### Sponsors\n\n> Who are your sponsors? (People who advocate for you when you're not in the room)\n\n"
            )
        );
    }

    #[test]
    fn people_named_in_the_text_or_under_their_own_heading_count() {
        // A career plan without a Network section: the sponsor is named in a win, the
        // mentor under a top-level heading.
        let career = "# Career\n\n## Wins\n\n- Shipped the replay tool; my sponsor Ruud took it to the exec review.\n\n## Mentors\n\n- Elena Marchetti — fortnightly 1:1\n";
        assert!(findings(&[("Career.md", career)], CODE).is_empty());
        let career =
            "# Career\n\n## Wins\n\n- Shipped the replay tool.\n\nMentor: Elena Marchetti\n";
        // With missing-section on, it names the absent Network and nothing repeats it.
        assert!(findings(&[("Career.md", career)], CODE).is_empty());
        let found = findings(&[("Career.md", career), MISSING_SECTION_OFF], CODE);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].range, 0..8, "at the H1");
        assert_eq!(
            found[0].message,
            "No sponsor listed yet — who advocates for you when you're not in the room?"
        );
    }
}
