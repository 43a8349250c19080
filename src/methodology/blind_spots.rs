//! Phase 4 of the methodology: stepping back from a finished Career Index to find what is
//! missing. The five common blind spots and the question that surfaces each. Which rule
//! looks for a blind spot is the rule's to say (its metadata names the spot), so the
//! methodology knows no rule.

use super::questions::{
    CONTINGENCY_QUESTION, EXTERNAL_VISIBILITY_QUESTION, ONE_THEME_QUESTION, POV_QUESTION,
    QUANTIFY_IMPACT_QUESTION,
};
use super::sections::SectionId;

/// Which blind spot: what a rule names to say it looks for one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlindSpotId {
    NoClearPov,
    InternalOnlyVisibility,
    NoBusinessMetrics,
    TooManyPriorities,
    NoContingency,
}

/// A common blind spot and how to surface it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlindSpot {
    pub id: BlindSpotId,
    /// The methodology's name for it: "No clear POV".
    pub name: &'static str,
    /// The question that surfaces it, word for word.
    pub question: &'static str,
    /// The Career Index section where the answer belongs.
    pub section: SectionId,
}

/// The methodology's common blind spots, in its order.
pub static BLIND_SPOTS: [BlindSpot; 5] = [
    BlindSpot {
        id: BlindSpotId::NoClearPov,
        name: "No clear POV",
        question: POV_QUESTION,
        section: SectionId::InnovationThesis,
    },
    BlindSpot {
        id: BlindSpotId::InternalOnlyVisibility,
        name: "Internal-only visibility",
        question: EXTERNAL_VISIBILITY_QUESTION,
        section: SectionId::ExternalVisibility,
    },
    BlindSpot {
        id: BlindSpotId::NoBusinessMetrics,
        name: "No business metrics",
        question: QUANTIFY_IMPACT_QUESTION,
        section: SectionId::BusinessImpact,
    },
    BlindSpot {
        id: BlindSpotId::TooManyPriorities,
        name: "Too many priorities",
        question: ONE_THEME_QUESTION,
        section: SectionId::AnnualTheme,
    },
    BlindSpot {
        id: BlindSpotId::NoContingency,
        name: "No contingency",
        question: CONTINGENCY_QUESTION,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methodology::questions::review_question;

    #[test]
    fn every_blind_spot_has_its_own_id() {
        for (at, spot) in BLIND_SPOTS.iter().enumerate() {
            assert!(
                BLIND_SPOTS[..at].iter().all(|other| other.id != spot.id),
                "{}",
                spot.name
            );
        }
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
