//! The coaching questions: one review question and one purpose per section, the weekly
//! review questions, and the prompts the quick fixes insert.
//!
//! Where the methodology gives a section a sample question (Vision, Current Role, Timeline,
//! Network, Wins) or a blind-spot question (Innovation Thesis, External Visibility, Business
//! Impact, Annual Theme, Risk Register), it is used word for word. Every other section gets
//! a question written in the same voice: one open question, asked one at a time.

use super::definitions::NetworkRole;
use super::sections::SectionId;

/// The prompt for a goal without a success metric (`goal-without-metric`).
pub const GOAL_METRIC_QUESTION: &str = "How will you measure it?";

/// The blind-spot question for wins without numbers (`unquantified-win`,
/// `no-business-metrics`).
pub const QUANTIFY_IMPACT_QUESTION: &str = "Can you quantify the $ impact of your wins?";

/// The blind-spot question for too many priorities (`too-many-priorities`).
pub const ONE_THEME_QUESTION: &str = "If this year had ONE theme, what would it be?";

/// The blind-spot question for a missing point of view (`no-clear-pov`).
pub const POV_QUESTION: &str = "What do you believe about your industry that others don't?";

/// The blind-spot question for visibility that stops at the company's walls
/// (`internal-only-visibility`).
pub const EXTERNAL_VISIBILITY_QUESTION: &str =
    "Who outside your company would recommend you for a role?";

/// The blind-spot question for a missing plan B (`no-contingency`).
pub const CONTINGENCY_QUESTION: &str = "What if your current path doesn't work out?";

/// The methodology's weekly review questions, in order.
pub const WEEKLY_REVIEW_QUESTIONS: [&str; 4] = [
    "What's the ONE thing this week that moves me toward my goals?",
    "Am I on track for this month's milestones?",
    "What's blocking me? Who can help?",
    "Am I protecting time for what matters?",
];

/// The question that fills `id`, asked the way a coach would ask it.
pub fn review_question(id: SectionId) -> &'static str {
    use SectionId as S;
    match id {
        // Career Index.
        S::Vision => "It's 5 years from now and you're fulfilled. What does that look like?",
        S::ThePicture => {
            "Five years from now, what do your life, your role, your impact and your reach look like?"
        }
        S::AnnualTheme => ONE_THEME_QUESTION,
        S::SuccessCriteria => {
            "It's December and this year went well. What three things prove it?"
        }
        S::CurrentRole => "What's your scope? Who are your key stakeholders?",
        S::Scope => "What do you own today: how many people, what budget, which area?",
        S::KeyStakeholders => {
            "Whose support does your work depend on, and where does each relationship stand?"
        }
        S::CurrentFocus => "What are the three priorities that deserve your time right now?",
        S::Timeline => "What were the key roles before this one? What did you learn in each?",
        S::Growth => "Which skills got you here, and which will get you to your vision?",
        S::SkillsInventory => "What are you genuinely good at, and when did you last use it?",
        S::ActiveDevelopment => "Which one or two skills are you deliberately building this year?",
        S::InnovationThesis => POV_QUESTION,
        S::TheBelief => "What's the bet you'd make, in one sentence, about where your industry is going?",
        S::InnovationPortfolio => {
            "What experiments are testing that belief, and what have they taught you so far?"
        }
        S::Network | S::Sponsors => NetworkRole::Sponsor.question(),
        S::Mentors => NetworkRole::Mentor.question(),
        S::Advisors => NetworkRole::Advisor.question(),
        S::Mentees => NetworkRole::Mentee.question(),
        S::ExternalVisibility => EXTERNAL_VISIBILITY_QUESTION,
        S::Targets => "Where will people outside your company hear from you this year?",
        S::WinsAndArtifacts => "What are the 2-3 biggest achievements from the past 1-2 years?",
        S::BusinessImpact => QUANTIFY_IMPACT_QUESTION,
        S::RiskRegister => CONTINGENCY_QUESTION,
        S::OpenTasks => "What's the next concrete step, and when will you take it?",
        S::SessionLogs => "Which coaching sessions have you held, and what did each produce?",
        // Goals note.
        S::AnnualGoals => "Which 2-3 outcomes this year would move you toward your vision?",
        S::QuarterlyIntentions => "What is this quarter about, in a few words?",
        S::MonthlyMilestones => "What checkpoint this month would tell you you're on track?",
        S::WeeklyActions => "What will you do this week that moves a goal forward?",
        S::WeeklyReview => "Looking back at this week: are you on track, and what needs to change?",
        // Profile.
        S::Profile => "What's your name, where are you based, and what's your timezone?",
        S::ProfessionalContext => {
            "What's your role, which industry are you in, and where does your expertise run deepest?"
        }
        S::CommunicationPreferences => {
            "How do you like to be spoken to: what tone, how much depth, which format?"
        }
        S::HowToHelp => "What kind of help would be most valuable to you right now?",
        S::ThingsToAvoid => "What are your pet peeves: what should a coach never do with you?",
        // Session log.
        S::Discussed => "What did this session go through?",
        S::Decisions => "What did you decide in this session?",
        S::Frameworks => "Which frameworks or questions did this session use?",
        S::OpenThreads => "What is still open, to pick up next time?",
    }
}

/// What `id` is for, in one short sentence. The top-level Career Index sections follow the
/// methodology's Section/Purpose table.
pub fn purpose(id: SectionId) -> &'static str {
    use SectionId as S;
    match id {
        // Career Index.
        S::Vision => "Your 5-year north star: where you're heading.",
        S::ThePicture => "What your life, role, impact and reach look like when you get there.",
        S::AnnualTheme => "One focus for this year.",
        S::SuccessCriteria => "How you'll know in December that the year's theme worked.",
        S::CurrentRole => "Your scope, your stakeholders and your current focus.",
        S::Scope => "Your direct reports, total org, budget and area of focus.",
        S::KeyStakeholders => "The people your work depends on, and how each relationship stands.",
        S::CurrentFocus => "The few priorities that get your time now.",
        S::Timeline => "Your career history: the arc.",
        S::Growth => "Your skills inventory and development plan.",
        S::SkillsInventory => "What you're good at, how good, and when you last used it.",
        S::ActiveDevelopment => "The skills you are building on purpose.",
        S::InnovationThesis => "Your point of view on your industry.",
        S::TheBelief => "Your point of view, in a sentence or two.",
        S::InnovationPortfolio => {
            "The experiments that test your belief, and what they taught you."
        }
        S::Network => "Your sponsors, mentors, advisors and mentees.",
        S::Sponsors => {
            "People with power or influence who advocate for you when you're not in the room."
        }
        S::Mentors => "People whose experience you pull advice from.",
        S::Advisors => "A sounding board for specific decisions, with mutual exchange.",
        S::Mentees => "People you develop, who pull from you.",
        S::ExternalVisibility => "Speaking, writing and brand-building beyond your company.",
        S::Targets => "The talks, writing and channels that take your work outside.",
        S::WinsAndArtifacts => "Your achievements, with proof points.",
        S::BusinessImpact => "The $$ value of your work.",
        S::RiskRegister => "Your career contingencies.",
        S::OpenTasks => "Your actionable items.",
        S::SessionLogs => "Every coaching session, with its focus and what it produced.",
        // Goals note.
        S::AnnualGoals => {
            "The year's 2-3 outcomes, each with a success metric and a link to your vision."
        }
        S::QuarterlyIntentions => "What each quarter is about.",
        S::MonthlyMilestones => "Checkpoints that show you're on track.",
        S::WeeklyActions => "What to do this week.",
        S::WeeklyReview => "A weekly check on your goals, your milestones and your time.",
        // Profile.
        S::Profile => "Your name, location and timezone.",
        S::ProfessionalContext => "Your role, industry and expertise.",
        S::CommunicationPreferences => "The tone, depth and format that work for you.",
        S::HowToHelp => "The kind of assistance that is most valuable to you.",
        S::ThingsToAvoid => "Your pet peeves and the anti-patterns to steer clear of.",
        // Session log.
        S::Discussed => "What the session went through.",
        S::Decisions => "What was decided.",
        S::Frameworks => "The frameworks and questions the session used.",
        S::OpenThreads => "What is still open, to carry into the next session or your tasks.",
    }
}

/// Whether `text` is one of the product's own questions — a review question, a weekly
/// review question, a blind-spot or step-back question — once list markers, block-quote
/// markers, emphasis and quotation marks around it are taken away. A question the product
/// inserted is scaffolding, not the person's answer.
pub fn is_product_question(text: &str) -> bool {
    let text = strip_decoration(text);
    if text.is_empty() {
        return false;
    }
    let same = |question: &str| strip_decoration(question).eq_ignore_ascii_case(text);
    super::sections::SECTIONS
        .iter()
        .any(|info| same(review_question(info.id)))
        || WEEKLY_REVIEW_QUESTIONS.iter().any(|q| same(q))
        || super::blind_spots::BLIND_SPOTS
            .iter()
            .any(|b| same(b.question))
        || super::blind_spots::STEP_BACK_QUESTIONS
            .iter()
            .any(|q| same(q))
        || same(GOAL_METRIC_QUESTION)
}

/// The question as an inserted prompt: a block quote on its own line.
pub fn as_prompt(question: &str) -> String {
    format!("> {question}\n")
}

fn strip_decoration(text: &str) -> &str {
    let mut text = text.trim();
    loop {
        let before = text;
        text = text.trim_start_matches(['>', '-', '*', '+', ' ', '\t']);
        // A numbered list marker: `1.` or `1)`.
        let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 {
            let rest = &text[digits..];
            if let Some(rest) = rest.strip_prefix(['.', ')']) {
                text = rest;
            }
        }
        text = text
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '"' | '“' | '”'));
        if text == before {
            return text;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methodology::SECTIONS;

    #[test]
    fn the_methodologys_questions_are_used_word_for_word() {
        let cases = [
            (
                SectionId::Vision,
                "It's 5 years from now and you're fulfilled. What does that look like?",
            ),
            (
                SectionId::CurrentRole,
                "What's your scope? Who are your key stakeholders?",
            ),
            (
                SectionId::Timeline,
                "What were the key roles before this one? What did you learn in each?",
            ),
            (
                SectionId::Network,
                "Who are your sponsors? (People who advocate for you when you're not in the room)",
            ),
            (
                SectionId::WinsAndArtifacts,
                "What are the 2-3 biggest achievements from the past 1-2 years?",
            ),
            (
                SectionId::InnovationThesis,
                "What do you believe about your industry that others don't?",
            ),
            (
                SectionId::ExternalVisibility,
                "Who outside your company would recommend you for a role?",
            ),
            (
                SectionId::BusinessImpact,
                "Can you quantify the $ impact of your wins?",
            ),
            (
                SectionId::AnnualTheme,
                "If this year had ONE theme, what would it be?",
            ),
            (
                SectionId::RiskRegister,
                "What if your current path doesn't work out?",
            ),
        ];
        for (id, question) in cases {
            assert_eq!(review_question(id), question, "{id:?}");
        }
    }

    #[test]
    fn every_section_has_a_short_question_and_purpose() {
        for info in SECTIONS {
            let question = review_question(info.id);
            assert!(question.contains('?'), "{:?}: {question}", info.id);
            assert!(question.len() <= 100, "{:?} is long: {question}", info.id);
            let purpose = purpose(info.id);
            assert!(purpose.ends_with('.'), "{:?}: {purpose}", info.id);
            assert!(purpose.len() <= 100, "{:?} is long: {purpose}", info.id);
        }
    }

    #[test]
    fn sections_without_a_sample_question_get_their_own() {
        // Each of these needs a question of its own, not a borrowed one.
        let own = [
            SectionId::Growth,
            SectionId::OpenTasks,
            SectionId::AnnualGoals,
            SectionId::QuarterlyIntentions,
            SectionId::MonthlyMilestones,
            SectionId::WeeklyActions,
            SectionId::Profile,
            SectionId::ProfessionalContext,
            SectionId::CommunicationPreferences,
            SectionId::HowToHelp,
            SectionId::ThingsToAvoid,
        ];
        for id in own {
            let question = review_question(id);
            let shared = SECTIONS
                .iter()
                .filter(|info| review_question(info.id) == question)
                .count();
            assert_eq!(shared, 1, "{id:?} shares its question");
        }
    }

    #[test]
    fn inserted_questions_are_recognised_as_scaffolding() {
        assert!(is_product_question(&as_prompt(GOAL_METRIC_QUESTION)));
        assert!(is_product_question(
            "> **\"If this year had ONE theme, what would it be?\"**"
        ));
        assert!(is_product_question(
            "1. What's the ONE thing this week that moves me toward my goals?"
        ));
        assert!(is_product_question(
            "- what do you believe about your industry that others don't?"
        ));
        assert!(is_product_question(review_question(SectionId::Growth)));
        assert!(!is_product_question("> Ship the platform by Q3."));
        assert!(!is_product_question(""));
        assert!(!is_product_question("> "));
    }
}
