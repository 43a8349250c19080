//! The four relationships of the Network section — sponsor, mentor, advisor and mentee —
//! with the methodology's definitions, how each differs from the others, the question that
//! fills its list, and the words that name it in a note.

use super::sections::SectionId;

/// A relationship the Network section keeps a list of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NetworkRole {
    Sponsor,
    Mentor,
    Advisor,
    Mentee,
}

impl NetworkRole {
    /// Every role, in the order the Network section lists them.
    pub const ALL: [NetworkRole; 4] = [
        NetworkRole::Sponsor,
        NetworkRole::Mentor,
        NetworkRole::Advisor,
        NetworkRole::Mentee,
    ];

    /// The role's name, singular and lower-case, as it reads in a sentence.
    pub fn name(self) -> &'static str {
        match self {
            NetworkRole::Sponsor => "sponsor",
            NetworkRole::Mentor => "mentor",
            NetworkRole::Advisor => "advisor",
            NetworkRole::Mentee => "mentee",
        }
    }

    /// What the word means. The first three are the methodology's definitions; the
    /// methodology lists mentees in the Network section without defining them.
    pub fn definition(self) -> &'static str {
        match self {
            NetworkRole::Sponsor => {
                "Advocates for you when you're not in the room; has power/influence."
            }
            NetworkRole::Mentor => "Gives advice based on experience; you pull from them.",
            NetworkRole::Advisor => "Sounding board for specific decisions; mutual exchange.",
            NetworkRole::Mentee => "Someone you develop; they pull from you.",
        }
    }

    /// How the role differs from the other three.
    pub fn differs(self) -> &'static str {
        match self {
            NetworkRole::Sponsor => {
                "A mentor or advisor talks with you; a sponsor talks about you, and spends \
                 their own influence to open doors when you're not in the room."
            }
            NetworkRole::Mentor => {
                "A mentor shares what their experience taught them, and you pull from them; \
                 a sponsor acts on your behalf, and an advisor is a two-way sounding board \
                 for one decision at a time."
            }
            NetworkRole::Advisor => {
                "An advisor is consulted on specific decisions and the exchange runs both \
                 ways; a mentor guides you from greater experience, and a sponsor advocates \
                 for you."
            }
            NetworkRole::Mentee => {
                "A mentee is mentoring seen from the other side: you share your experience \
                 and they pull from you. Unlike a sponsor or an advisor, they are someone \
                 you are developing."
            }
        }
    }

    /// The question that fills this role's list. The sponsor question is the methodology's
    /// sample question for the Network section.
    pub fn question(self) -> &'static str {
        match self {
            NetworkRole::Sponsor => {
                "Who are your sponsors? (People who advocate for you when you're not in the room)"
            }
            NetworkRole::Mentor => {
                "Who are your mentors? (People whose experience you pull advice from)"
            }
            NetworkRole::Advisor => {
                "Who are your advisors? (A sounding board for specific decisions, with give and take both ways)"
            }
            NetworkRole::Mentee => "Who are your mentees? (People you develop, who pull from you)",
        }
    }

    /// The Network sub-section that lists people in this role.
    pub fn section(self) -> SectionId {
        match self {
            NetworkRole::Sponsor => SectionId::Sponsors,
            NetworkRole::Mentor => SectionId::Mentors,
            NetworkRole::Advisor => SectionId::Advisors,
            NetworkRole::Mentee => SectionId::Mentees,
        }
    }

    /// The role whose list a Network sub-section holds.
    pub fn for_section(id: SectionId) -> Option<NetworkRole> {
        NetworkRole::ALL
            .into_iter()
            .find(|role| role.section() == id)
    }
}

/// The role a word names, in any of its forms: `Sponsors`, `sponsored`, `mentorship`,
/// `advisers`, `advisory`, `mentee's`… Case does not matter, and punctuation around the word
/// (brackets, quotes, a trailing comma or a possessive) is ignored. A mentee is never read
/// as a mentor.
pub fn network_role_for_word(word: &str) -> Option<NetworkRole> {
    let trimmed = word.trim_matches(|c: char| !c.is_alphanumeric());
    let lower = trimmed.to_lowercase();
    let stem = lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix("’s"))
        .unwrap_or(&lower);
    let role = match stem {
        "sponsor" | "sponsors" | "sponsored" | "sponsoring" | "sponsorship" | "sponsorships" => {
            NetworkRole::Sponsor
        }
        "mentor" | "mentors" | "mentored" | "mentoring" | "mentorship" | "mentorships" => {
            NetworkRole::Mentor
        }
        "advisor" | "advisors" | "adviser" | "advisers" | "advising" | "advisory" => {
            NetworkRole::Advisor
        }
        "mentee" | "mentees" => NetworkRole::Mentee,
        _ => return None,
    };
    Some(role)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_of_every_role_is_recognised() {
        let cases = [
            ("sponsor", NetworkRole::Sponsor),
            ("Sponsors", NetworkRole::Sponsor),
            ("sponsored", NetworkRole::Sponsor),
            ("SPONSORING", NetworkRole::Sponsor),
            ("sponsorship", NetworkRole::Sponsor),
            ("mentor", NetworkRole::Mentor),
            ("Mentors", NetworkRole::Mentor),
            ("mentored", NetworkRole::Mentor),
            ("mentoring", NetworkRole::Mentor),
            ("Mentorship", NetworkRole::Mentor),
            ("advisor", NetworkRole::Advisor),
            ("advisors", NetworkRole::Advisor),
            ("Adviser", NetworkRole::Advisor),
            ("advisers", NetworkRole::Advisor),
            ("advising", NetworkRole::Advisor),
            ("advisory", NetworkRole::Advisor),
            ("mentee", NetworkRole::Mentee),
            ("Mentees", NetworkRole::Mentee),
        ];
        for (word, role) in cases {
            assert_eq!(network_role_for_word(word), Some(role), "{word}");
        }
    }

    #[test]
    fn punctuation_and_possessives_are_ignored() {
        assert_eq!(
            network_role_for_word("(sponsors),"),
            Some(NetworkRole::Sponsor)
        );
        assert_eq!(network_role_for_word("mentor's"), Some(NetworkRole::Mentor));
        assert_eq!(network_role_for_word("mentee’s"), Some(NetworkRole::Mentee));
        assert_eq!(
            network_role_for_word("**Advisors**"),
            Some(NetworkRole::Advisor)
        );
    }

    #[test]
    fn a_mentee_is_not_a_mentor() {
        assert_eq!(network_role_for_word("mentee"), Some(NetworkRole::Mentee));
        assert_eq!(network_role_for_word("mentees"), Some(NetworkRole::Mentee));
        assert_ne!(network_role_for_word("mentee"), Some(NetworkRole::Mentor));
    }

    #[test]
    fn other_words_are_not_roles() {
        for word in [
            "",
            "men",
            "ment",
            "mentality",
            "advise",
            "advice",
            "spons",
            "sponsee",
            "tormentor",
            "comment",
            "Network",
        ] {
            assert_eq!(network_role_for_word(word), None, "{word}");
        }
    }

    #[test]
    fn each_role_has_its_own_section_and_text() {
        for role in NetworkRole::ALL {
            assert_eq!(NetworkRole::for_section(role.section()), Some(role));
            assert_eq!(role.section().parent(), Some(SectionId::Network));
            assert!(role.definition().ends_with('.'));
            assert!(role.question().starts_with("Who are your"));
            assert!(!role.differs().is_empty());
        }
        assert_eq!(NetworkRole::for_section(SectionId::Network), None);
    }

    #[test]
    fn the_sponsor_question_is_the_methodologys() {
        assert_eq!(
            NetworkRole::Sponsor.question(),
            "Who are your sponsors? (People who advocate for you when you're not in the room)"
        );
    }
}
