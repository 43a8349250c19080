//! `network-gap`: no sponsor listed, and separately no mentor listed.

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
        let mut findings = Vec::new();
        if network.sponsors.is_empty() {
            let at = anchor(
                note,
                &[network.sponsors_heading.clone(), network.heading.clone()],
            );
            let mut found = finding(
                self,
                at,
                "No sponsor listed — who are your sponsors? (People who advocate for you when you're not in the room)",
            );
            found.fixes.extend(ask(note, context, NetworkRole::Sponsor));
            findings.push(found);
        }
        if network.mentors.is_empty() {
            let at = anchor(
                note,
                &[network.mentors_heading.clone(), network.heading.clone()],
            );
            let mut found = finding(
                self,
                at,
                "No mentor listed — whose experience do you learn from? A mentor gives advice; you pull from them.",
            );
            found.fixes.extend(ask(note, context, NetworkRole::Mentor));
            findings.push(found);
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::fixes_support::testing::{fixed, titles};

    const CODE: &str = super::NetworkGap::META.code;

    const SPONSORS: &str =
        "Ask: Who are your sponsors? (People who advocate for you when you're not in the room)";
    const MENTORS: &str =
        "Ask: Who are your mentors? (People whose experience you pull advice from)";

    #[test]
    fn each_missing_role_gets_its_question_under_its_list() {
        let career = "# Career\n\n## Network & Influence\n\n### Sponsors\n| Name | Context |\n|------|---------|\n| | |\n\n### Advisors\n- Ingeborg — ex-CTO, sounding board\n";
        let notes = [("Career.md", career)];
        // Findings come in the note's order: the mentor gap is at the Network heading.
        assert_eq!(titles(&notes, CODE), [[MENTORS], [SPONSORS]]);
        assert_eq!(
            fixed(&notes, CODE, 1, SPONSORS),
            career.replace(
                "### Sponsors\n",
                "### Sponsors\n\n> Who are your sponsors? (People who advocate for you when you're not in the room)\n\n"
            )
        );
        // No Mentors list: the question goes under the Network heading.
        assert_eq!(
            fixed(&notes, CODE, 0, MENTORS),
            career.replace(
                "## Network & Influence\n",
                "## Network & Influence\n\n> Who are your mentors? (People whose experience you pull advice from)\n"
            )
        );
    }
}
