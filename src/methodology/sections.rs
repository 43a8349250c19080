//! The sections the methodology defines for each kind of note, their aliases, and how a
//! heading's text is matched to one of them.

/// What a Markdown note is, as far as the methodology is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoteKind {
    CareerIndex,
    Goals,
    SessionLog,
    Profile,
    /// Any other Markdown file: indexed for links and names, never checked.
    Other,
}

impl NoteKind {
    /// The name used in front matter (`kind: goals`) and in the configuration.
    pub fn name(self) -> &'static str {
        match self {
            NoteKind::CareerIndex => "career-index",
            NoteKind::Goals => "goals",
            NoteKind::SessionLog => "session-log",
            NoteKind::Profile => "profile",
            NoteKind::Other => "other",
        }
    }

    pub fn from_name(name: &str) -> Option<NoteKind> {
        let name = name.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        match name.as_str() {
            "career-index" | "index" | "career" => Some(NoteKind::CareerIndex),
            "goals" => Some(NoteKind::Goals),
            "session-log" | "session" => Some(NoteKind::SessionLog),
            "profile" => Some(NoteKind::Profile),
            _ => None,
        }
    }

    /// Whether the career rules look at this kind of note at all.
    pub fn is_career_note(self) -> bool {
        self != NoteKind::Other
    }
}

/// Every section the product knows, top-level and named sub-sections alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SectionId {
    // Career Index, in the template's order.
    Vision,
    ThePicture,
    AnnualTheme,
    SuccessCriteria,
    CurrentRole,
    Scope,
    KeyStakeholders,
    CurrentFocus,
    Timeline,
    Growth,
    SkillsInventory,
    ActiveDevelopment,
    InnovationThesis,
    TheBelief,
    InnovationPortfolio,
    Network,
    Sponsors,
    Mentors,
    Advisors,
    Mentees,
    ExternalVisibility,
    Targets,
    WinsAndArtifacts,
    BusinessImpact,
    RiskRegister,
    OpenTasks,
    // Goals note.
    AnnualGoals,
    QuarterlyIntentions,
    MonthlyMilestones,
    WeeklyActions,
    WeeklyReview,
    // Profile (CLAUDE.md).
    Profile,
    ProfessionalContext,
    CommunicationPreferences,
    HowToHelp,
    ThingsToAvoid,
}

/// The static facts about one section.
#[derive(Debug)]
pub struct SectionInfo {
    pub id: SectionId,
    pub note: NoteKind,
    /// The heading the templates use.
    pub title: &'static str,
    /// Normalised heading texts (see [`normalize_heading`]) that also name this section.
    pub aliases: &'static [&'static str],
    /// The section this one is a named part of, in the template.
    pub parent: Option<SectionId>,
    /// A core section must be present (`missing-section`).
    pub core: bool,
}

macro_rules! section {
    ($id:ident, $note:ident, $title:expr, [$($alias:expr),*], $parent:expr, $core:expr) => {
        SectionInfo {
            id: SectionId::$id,
            note: NoteKind::$note,
            title: $title,
            aliases: &[$($alias),*],
            parent: $parent,
            core: $core,
        }
    };
}

use SectionId as S;

/// The section table, in canonical (template) order per note kind.
pub static SECTIONS: &[SectionInfo] = &[
    section!(
        Vision,
        CareerIndex,
        "Vision",
        ["vision", "north star"],
        None,
        true
    ),
    section!(
        ThePicture,
        CareerIndex,
        "The Picture",
        ["the picture", "picture"],
        Some(S::Vision),
        false
    ),
    section!(
        AnnualTheme,
        CareerIndex,
        "Annual Theme",
        ["annual theme", "theme"],
        None,
        true
    ),
    section!(
        SuccessCriteria,
        CareerIndex,
        "Success Criteria",
        ["success criteria"],
        Some(S::AnnualTheme),
        false
    ),
    section!(
        CurrentRole,
        CareerIndex,
        "Current Role",
        ["current role", "role"],
        None,
        true
    ),
    section!(
        Scope,
        CareerIndex,
        "Scope",
        ["scope"],
        Some(S::CurrentRole),
        false
    ),
    section!(
        KeyStakeholders,
        CareerIndex,
        "Key Stakeholders",
        ["key stakeholders", "stakeholders"],
        Some(S::CurrentRole),
        false
    ),
    section!(
        CurrentFocus,
        CareerIndex,
        "Current Focus",
        ["current focus"],
        Some(S::CurrentRole),
        false
    ),
    section!(
        Timeline,
        CareerIndex,
        "Timeline",
        ["timeline", "career history"],
        None,
        true
    ),
    section!(
        Growth,
        CareerIndex,
        "Growth",
        ["growth", "skills", "development"],
        None,
        true
    ),
    section!(
        SkillsInventory,
        CareerIndex,
        "Skills Inventory",
        ["skills inventory"],
        Some(S::Growth),
        false
    ),
    section!(
        ActiveDevelopment,
        CareerIndex,
        "Active Development",
        ["active development"],
        Some(S::Growth),
        false
    ),
    section!(
        InnovationThesis,
        CareerIndex,
        "Innovation Thesis",
        ["innovation thesis", "thesis", "point of view"],
        None,
        true
    ),
    section!(
        TheBelief,
        CareerIndex,
        "The Belief",
        ["the belief", "belief"],
        Some(S::InnovationThesis),
        false
    ),
    section!(
        InnovationPortfolio,
        CareerIndex,
        "Innovation Portfolio",
        ["innovation portfolio"],
        Some(S::InnovationThesis),
        false
    ),
    section!(
        Network,
        CareerIndex,
        "Network & Influence",
        ["network", "network and influence", "relationships"],
        None,
        true
    ),
    section!(
        Sponsors,
        CareerIndex,
        "Sponsors",
        ["sponsors", "sponsor"],
        Some(S::Network),
        false
    ),
    section!(
        Mentors,
        CareerIndex,
        "Mentors",
        ["mentors", "mentor"],
        Some(S::Network),
        false
    ),
    section!(
        Advisors,
        CareerIndex,
        "Advisors",
        ["advisors", "advisor", "advisers", "adviser"],
        Some(S::Network),
        false
    ),
    section!(
        Mentees,
        CareerIndex,
        "Mentees",
        ["mentees", "mentee"],
        Some(S::Network),
        false
    ),
    section!(
        ExternalVisibility,
        CareerIndex,
        "External Visibility",
        [
            "external visibility",
            "external visibility plan",
            "visibility"
        ],
        None,
        true
    ),
    section!(
        Targets,
        CareerIndex,
        "Targets",
        ["targets"],
        Some(S::ExternalVisibility),
        false
    ),
    section!(
        WinsAndArtifacts,
        CareerIndex,
        "Wins & Artifacts",
        ["wins and artifacts", "wins", "achievements"],
        None,
        true
    ),
    section!(
        BusinessImpact,
        CareerIndex,
        "Business Impact",
        ["business impact", "business impact metrics", "impact"],
        None,
        true
    ),
    section!(
        RiskRegister,
        CareerIndex,
        "Risk Register",
        ["risk register", "risks"],
        None,
        true
    ),
    section!(
        OpenTasks,
        CareerIndex,
        "Open Tasks",
        ["open tasks", "tasks"],
        None,
        true
    ),
    section!(
        AnnualGoals,
        Goals,
        "Annual Goals",
        ["annual goals", "goals"],
        None,
        true
    ),
    section!(
        QuarterlyIntentions,
        Goals,
        "Quarterly Intentions",
        ["quarterly intentions", "quarterly"],
        None,
        true
    ),
    section!(
        MonthlyMilestones,
        Goals,
        "Monthly Milestones",
        ["monthly milestones", "milestones"],
        None,
        true
    ),
    section!(
        WeeklyActions,
        Goals,
        "Weekly Actions",
        ["weekly actions", "weekly"],
        None,
        true
    ),
    section!(
        WeeklyReview,
        Goals,
        "Weekly Review",
        ["weekly review"],
        None,
        false
    ),
    section!(Profile, Profile, "Profile", ["profile"], None, true),
    section!(
        ProfessionalContext,
        Profile,
        "Professional Context",
        ["professional context"],
        None,
        true
    ),
    section!(
        CommunicationPreferences,
        Profile,
        "Communication Preferences",
        ["communication preferences"],
        None,
        true
    ),
    section!(
        HowToHelp,
        Profile,
        "How to Help",
        ["how to help"],
        None,
        true
    ),
    section!(
        ThingsToAvoid,
        Profile,
        "Things to Avoid",
        ["things to avoid"],
        None,
        true
    ),
];

impl SectionId {
    pub fn info(self) -> &'static SectionInfo {
        // The table lists every variant exactly once, in declaration order.
        &SECTIONS[self as usize]
    }

    pub fn title(self) -> &'static str {
        self.info().title
    }

    pub fn parent(self) -> Option<SectionId> {
        self.info().parent
    }

    /// The named sub-sections the template gives this section.
    pub fn children(self) -> impl Iterator<Item = SectionId> {
        SECTIONS
            .iter()
            .filter(move |info| info.parent == Some(self))
            .map(|info| info.id)
    }
}

/// The core sections of a kind of note, in canonical order.
pub fn core_sections(kind: NoteKind) -> impl Iterator<Item = SectionId> {
    SECTIONS
        .iter()
        .filter(move |info| info.note == kind && info.core)
        .map(|info| info.id)
}

/// Normalises a heading's text for matching: emoji and punctuation dropped, parenthesised
/// asides dropped, `&` read as `and`, a leading year (or a `[Year]` placeholder) dropped,
/// case and white space folded. `"🎯 2026 Theme"` → `"theme"`,
/// `"Success Criteria (Dec 2026)"` → `"success criteria"`.
pub fn normalize_heading(text: &str) -> String {
    let mut without_asides = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => without_asides.push(c),
            _ => {}
        }
    }
    let mut words: Vec<String> = Vec::new();
    for raw in without_asides
        .split(|c: char| c.is_whitespace() || c == '/' || c == '-' || c == '—' || c == '–')
    {
        if raw == "&" || raw == "+" {
            words.push("and".to_string());
            continue;
        }
        let mut word = String::new();
        for c in raw.chars() {
            if c.is_alphanumeric() {
                word.extend(c.to_lowercase());
            } else if c == '&' {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                words.push("and".to_string());
            }
        }
        if !word.is_empty() {
            words.push(word);
        }
    }
    let is_year = |w: &str| {
        (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit())) || w == "year" || w == "yyyy"
    };
    if words.len() > 1 && is_year(&words[0]) {
        words.remove(0);
    }
    if words.len() > 1 && words.last().is_some_and(|w| is_year(w)) {
        words.pop();
    }
    words.join(" ")
}

/// The section a heading names in a note of `kind`, if any. `Weekly Review — 2026-03-09`
/// is a weekly review entry.
pub fn match_section(kind: NoteKind, heading_text: &str) -> Option<SectionId> {
    let normalized = normalize_heading(heading_text);
    if normalized.is_empty() {
        return None;
    }
    if kind == NoteKind::Goals && normalized.starts_with("weekly review") {
        return Some(SectionId::WeeklyReview);
    }
    SECTIONS
        .iter()
        .filter(|info| info.note == kind)
        .find(|info| info.aliases.contains(&normalized.as_str()))
        .map(|info| info.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_in_declaration_order() {
        for (index, info) in SECTIONS.iter().enumerate() {
            assert_eq!(info.id as usize, index, "{:?} is out of place", info.id);
        }
    }

    #[test]
    fn headings_match_through_aliases() {
        let cases = [
            (NoteKind::CareerIndex, "🎯 Vision", Some(S::Vision)),
            (NoteKind::CareerIndex, "North Star", Some(S::Vision)),
            (NoteKind::CareerIndex, "2026 Theme", Some(S::AnnualTheme)),
            (NoteKind::CareerIndex, "[Year] Theme", Some(S::AnnualTheme)),
            (
                NoteKind::CareerIndex,
                "Success Criteria (Dec 2026)",
                Some(S::SuccessCriteria),
            ),
            (
                NoteKind::CareerIndex,
                "Network & Influence",
                Some(S::Network),
            ),
            (
                NoteKind::CareerIndex,
                "NETWORK AND INFLUENCE",
                Some(S::Network),
            ),
            (
                NoteKind::CareerIndex,
                "Wins & Artifacts 🏆",
                Some(S::WinsAndArtifacts),
            ),
            (
                NoteKind::CareerIndex,
                "External Visibility Plan",
                Some(S::ExternalVisibility),
            ),
            (
                NoteKind::CareerIndex,
                "Business Impact Metrics",
                Some(S::BusinessImpact),
            ),
            (
                NoteKind::CareerIndex,
                "Point of View",
                Some(S::InnovationThesis),
            ),
            (NoteKind::CareerIndex, "Risks", Some(S::RiskRegister)),
            (NoteKind::CareerIndex, "Hobbies", None),
            (NoteKind::Goals, "2026 Goals", Some(S::AnnualGoals)),
            (
                NoteKind::Goals,
                "Weekly Review — 2026-03-09",
                Some(S::WeeklyReview),
            ),
            (NoteKind::Goals, "Milestones", Some(S::MonthlyMilestones)),
            (NoteKind::Goals, "Vision", None),
            (NoteKind::Profile, "How to help", Some(S::HowToHelp)),
        ];
        for (kind, text, expected) in cases {
            assert_eq!(match_section(kind, text), expected, "{text:?}");
        }
    }

    #[test]
    fn core_sections_follow_the_template() {
        let index: Vec<_> = core_sections(NoteKind::CareerIndex).collect();
        assert_eq!(index.len(), 12);
        assert_eq!(index[0], S::Vision);
        assert_eq!(index[11], S::OpenTasks);
        assert_eq!(core_sections(NoteKind::Goals).count(), 4);
        assert_eq!(core_sections(NoteKind::Profile).count(), 5);
    }
}
