//! Phase 4 of the methodology: stepping back from a finished Career Index to find what is
//! missing. The five common blind spots, the question that surfaces each, and the rule that
//! looks for it.

use super::questions::{
    CONTINGENCY_QUESTION, EXTERNAL_VISIBILITY_QUESTION, ONE_THEME_QUESTION, POV_QUESTION,
    QUANTIFY_IMPACT_QUESTION,
};
use super::sections::SectionId;

/// A common blind spot and how to surface it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlindSpot {
    /// The methodology's name for it: "No clear POV".
    pub name: &'static str,
    /// The question that surfaces it, word for word.
    pub question: &'static str,
    /// The rule that reports it, when one does.
    pub rule_code: Option<&'static str>,
    /// The Career Index section where the answer belongs.
    pub section: SectionId,
}

/// The methodology's common blind spots, in its order.
pub static BLIND_SPOTS: [BlindSpot; 5] = [
    BlindSpot {
        name: "No clear POV",
        question: POV_QUESTION,
        rule_code: Some("no-clear-pov"),
        section: SectionId::InnovationThesis,
    },
    BlindSpot {
        name: "Internal-only visibility",
        question: EXTERNAL_VISIBILITY_QUESTION,
        rule_code: Some("internal-only-visibility"),
        section: SectionId::ExternalVisibility,
    },
    BlindSpot {
        name: "No business metrics",
        question: QUANTIFY_IMPACT_QUESTION,
        rule_code: Some("no-business-metrics"),
        section: SectionId::BusinessImpact,
    },
    BlindSpot {
        name: "Too many priorities",
        question: ONE_THEME_QUESTION,
        rule_code: Some("too-many-priorities"),
        section: SectionId::AnnualTheme,
    },
    BlindSpot {
        name: "No contingency",
        question: CONTINGENCY_QUESTION,
        rule_code: Some("no-contingency"),
        section: SectionId::RiskRegister,
    },
];

/// The questions to ask after completing every section, word for word. The second keeps the
/// methodology's `[your focus area]` placeholder for the person to fill in.
pub static STEP_BACK_QUESTIONS: [&str; 3] = [
    "What's missing that should be front and center?",
    "What would a coach specializing in [your focus area] add?",
    "What are the gaps between where I am and where I want to be?",
];

/// The blind spot a rule reports, by the rule's code.
pub fn blind_spot_for_code(code: &str) -> Option<&'static BlindSpot> {
    BLIND_SPOTS.iter().find(|spot| spot.rule_code == Some(code))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methodology::questions::review_question;
    use crate::rules::is_known_code;

    #[test]
    fn every_blind_spot_names_a_known_rule() {
        for spot in &BLIND_SPOTS {
            let code = spot.rule_code.expect("each blind spot has a rule");
            assert!(is_known_code(code), "{code}");
            assert_eq!(blind_spot_for_code(code), Some(spot));
        }
        assert_eq!(blind_spot_for_code("empty-section"), None);
    }

    #[test]
    fn the_question_is_the_sections_review_question() {
        for spot in &BLIND_SPOTS {
            assert_eq!(
                review_question(spot.section),
                spot.question,
                "{}",
                spot.name
            );
        }
    }

    #[test]
    fn the_methodologys_words_are_kept() {
        assert_eq!(BLIND_SPOTS[0].name, "No clear POV");
        assert_eq!(
            BLIND_SPOTS[3].question,
            "If this year had ONE theme, what would it be?"
        );
        assert_eq!(
            STEP_BACK_QUESTIONS[0],
            "What's missing that should be front and center?"
        );
    }
}
