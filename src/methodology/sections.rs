//! The sections the methodology defines for each kind of note, their aliases, and how a
//! heading's text is matched to one of them.

use std::collections::BTreeMap;
use std::sync::Arc;

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
    SessionLogs,
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
    // Session log.
    Discussed,
    Decisions,
    Frameworks,
    OpenThreads,
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
        [
            "vision",
            "north star",
            "career vision",
            "long term vision",
            "long term aspiration",
            "5 year vision",
            "where im heading"
        ],
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
        [
            "current role",
            "role",
            "about me",
            "current position",
            "current scope"
        ],
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
        [
            "timeline",
            "career history",
            "career timeline",
            "experience",
            "work history"
        ],
        None,
        true
    ),
    section!(
        Growth,
        CareerIndex,
        "Growth",
        [
            "growth",
            "skills",
            "development",
            "what i learned",
            "learning",
            "skills and learning",
            "certifications"
        ],
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
        [
            "innovation thesis",
            "thesis",
            "point of view",
            "what i believe",
            "beliefs",
            "pov"
        ],
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
            "visibility",
            "talks",
            "speaking",
            "writing",
            "talks and writing",
            "publications",
            "open source",
            "community"
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
        [
            "wins and artifacts",
            "wins",
            "achievements",
            "accomplishments",
            "my accomplishments",
            "key achievements",
            "brag document",
            "brag doc",
            "highlights"
        ],
        None,
        true
    ),
    section!(
        BusinessImpact,
        CareerIndex,
        "Business Impact",
        [
            "business impact",
            "business impact metrics",
            "impact",
            "results"
        ],
        None,
        true
    ),
    section!(
        RiskRegister,
        CareerIndex,
        "Risk Register",
        ["risk register", "risks", "contingency", "plan b"],
        None,
        true
    ),
    section!(
        OpenTasks,
        CareerIndex,
        "Open Tasks",
        [
            "open tasks",
            "tasks",
            "action plan",
            "action items",
            "next steps",
            "to do",
            "todo"
        ],
        None,
        true
    ),
    section!(
        SessionLogs,
        CareerIndex,
        "Session Logs",
        [
            "session logs",
            "session log",
            "sessions",
            "coaching sessions",
            "coaching log",
            "coaching sessions log"
        ],
        None,
        false
    ),
    section!(
        AnnualGoals,
        Goals,
        "Annual Goals",
        [
            "annual goals",
            "goals",
            "yearly goals",
            "objectives",
            "okrs",
            "resolutions"
        ],
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
    section!(
        Discussed,
        SessionLog,
        "Discussed",
        [
            "discussed",
            "discussion",
            "what we discussed",
            "topics",
            "topics discussed"
        ],
        None,
        true
    ),
    section!(
        Decisions,
        SessionLog,
        "Decisions",
        ["decisions", "decisions made", "decided", "what we decided"],
        None,
        true
    ),
    section!(
        Frameworks,
        SessionLog,
        "Frameworks",
        ["frameworks", "frameworks used", "tools used", "models used"],
        None,
        false
    ),
    section!(
        OpenThreads,
        SessionLog,
        "Open threads",
        [
            "open threads",
            "open questions",
            "threads",
            "follow ups",
            "follow up",
            "to follow up",
            "next steps",
            "next time",
            "action items"
        ],
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
/// a trailing year (with its `in`/`for`/`of`) dropped, case and white space folded.
/// `"🎯 2026 Theme"` → `"theme"`,
/// `"Success Criteria (Dec 2026)"` → `"success criteria"`.
pub fn normalize_heading(text: &str) -> String {
    let mut words = heading_words(text);
    if words.len() > 1 && is_year(&words[0]) {
        words.remove(0);
    }
    if words.len() > 1 && words.last().is_some_and(|w| is_year(w)) {
        words.pop();
        // "What I learned in 2024", "Goals for 2025": the year's preposition goes with it.
        if words.len() > 1
            && words
                .last()
                .is_some_and(|w| matches!(w.as_str(), "in" | "for" | "of"))
        {
            words.pop();
        }
    }
    words.join(" ")
}

/// The words of a heading, lower-cased, without asides, emoji and punctuation (`&` and `+`
/// read as `and`).
fn heading_words(text: &str) -> Vec<String> {
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
    words
}

fn is_year(word: &str) -> bool {
    (word.len() == 4 && word.chars().all(|c| c.is_ascii_digit()))
        || word == "year"
        || word == "yyyy"
}

/// `q1` … `q4`.
fn is_quarter(word: &str) -> bool {
    matches!(word, "q1" | "q2" | "q3" | "q4")
}

/// The months' names, January first: a heading that is only a month is a period.
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn is_month(word: &str) -> bool {
    MONTH_NAMES
        .iter()
        .any(|m| word == *m || (word.len() == 3 && m.starts_with(word)) || word == "sept")
}

/// Whether a heading only names a period — a year, a month, a quarter or a date (`### 2026`,
/// `### March`, `### Q3 2025`, `### 2026-03-09`). Such a heading groups what its section
/// holds by time; it is never a section of its own (except that a quarter names the
/// Quarterly Intentions of a Goals note).
pub fn is_period_heading(text: &str) -> bool {
    let words = heading_words(text);
    !words.is_empty()
        && words.iter().all(|w| {
            is_year(w) || is_month(w) || is_quarter(w) || w.chars().all(|c| c.is_ascii_digit())
        })
}

/// The person's own aliases (`[aliases]` in the configuration): normalised heading texts
/// mapped to sections. Checked before the methodology's aliases, and only in the kind of
/// note the section belongs to. Cheap to clone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SectionAliases(Option<Arc<BTreeMap<String, SectionId>>>);

impl SectionAliases {
    /// The aliases from (heading text, section) pairs; heading texts are normalised here.
    pub fn new(pairs: impl IntoIterator<Item = (String, SectionId)>) -> SectionAliases {
        let map: BTreeMap<String, SectionId> = pairs
            .into_iter()
            .map(|(heading, id)| (normalize_heading(&heading), id))
            .filter(|(heading, _)| !heading.is_empty())
            .collect();
        SectionAliases((!map.is_empty()).then(|| Arc::new(map)))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// The section a normalised heading text names for a note of `kind`.
    fn get(&self, kind: NoteKind, normalized: &str) -> Option<SectionId> {
        let id = *self.0.as_ref()?.get(normalized)?;
        (id.info().note == kind).then_some(id)
    }
}

/// The sections a person may alias a heading to, with the ids the configuration names them
/// by (SPEC §1.1): the top-level sections of a Career Index and the core sections of a
/// Goals note.
pub static ALIASABLE: &[(&str, SectionId)] = &[
    ("vision", S::Vision),
    ("annual-theme", S::AnnualTheme),
    ("current-role", S::CurrentRole),
    ("timeline", S::Timeline),
    ("growth", S::Growth),
    ("innovation-thesis", S::InnovationThesis),
    ("network", S::Network),
    ("external-visibility", S::ExternalVisibility),
    ("wins", S::WinsAndArtifacts),
    ("business-impact", S::BusinessImpact),
    ("risk-register", S::RiskRegister),
    ("open-tasks", S::OpenTasks),
    ("annual-goals", S::AnnualGoals),
    ("quarterly-intentions", S::QuarterlyIntentions),
    ("monthly-milestones", S::MonthlyMilestones),
    ("weekly-actions", S::WeeklyActions),
];

impl SectionId {
    /// The id `[aliases]` names this section by, when a heading may be aliased to it.
    pub fn alias_key(self) -> Option<&'static str> {
        ALIASABLE
            .iter()
            .find(|(_, id)| *id == self)
            .map(|(key, _)| *key)
    }

    /// The section an `[aliases]` value names (`wins`, `Annual_Goals`), if any.
    pub fn from_alias_key(key: &str) -> Option<SectionId> {
        let key = key.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        ALIASABLE.iter().find(|(k, _)| *k == key).map(|(_, id)| *id)
    }
}

/// The section a heading names in a note of `kind`, if any. `Weekly Review — 2026-03-09`
/// is a weekly review entry.
pub fn match_section(kind: NoteKind, heading_text: &str) -> Option<SectionId> {
    match_section_with(kind, heading_text, &SectionAliases::default())
}

/// Like [`match_section`], with the person's own aliases, which come first.
pub fn match_section_with(
    kind: NoteKind,
    heading_text: &str,
    aliases: &SectionAliases,
) -> Option<SectionId> {
    let normalized = normalize_heading(heading_text);
    if normalized.is_empty() {
        return None;
    }
    if let Some(id) = aliases.get(kind, &normalized) {
        return Some(id);
    }
    if kind == NoteKind::Goals && normalized.starts_with("weekly review") {
        return Some(SectionId::WeeklyReview);
    }
    if is_period_heading(heading_text) {
        // `## Q2` or `## Q2 2026` in a Goals note is that quarter's intentions.
        let quarter = heading_words(heading_text).iter().any(|w| is_quarter(w));
        return (kind == NoteKind::Goals && quarter).then_some(SectionId::QuarterlyIntentions);
    }
    SECTIONS
        .iter()
        .filter(|info| info.note == kind)
        .find(|info| info.aliases.contains(&normalized.as_str()))
        .map(|info| info.id)
}

#[cfg(test)]
mod tests;
