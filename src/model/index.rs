//! The Career Index: vision, theme, role, timeline, growth, thesis, network, visibility,
//! wins, business impact, risks and open tasks (SPEC §2).

use serde::Serialize;
use std::ops::Range;

use super::text::{is_placeholder, is_scaffolding_row};
use super::{is_scaffolding_block, template_row_labels, Note, Section};
use crate::methodology::{ImpactColumn, PersonColumn, Pillar, RiskColumn, SectionId, NORTH_STAR};
use crate::syntax::{Block, BlockKind, DateValue, Table};

/// A piece of text the person wrote, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    pub text: String,
    #[serde(skip)]
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Checkbox {
    pub text: String,
    pub done: bool,
    #[serde(skip)]
    pub range: Range<usize>,
}

/// A table row read by column name; cells the table lacks are empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableRow {
    #[serde(skip)]
    pub range: Range<usize>,
    pub cells: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PictureLine {
    pub pillar: Pillar,
    pub text: String,
    #[serde(skip)]
    pub range: Range<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Vision {
    #[serde(skip)]
    pub heading: Option<Range<usize>>,
    pub north_star: Option<Text>,
    pub year: Option<i32>,
    pub picture: Vec<PictureLine>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Theme {
    #[serde(skip)]
    pub heading: Option<Range<usize>>,
    pub year: Option<i32>,
    /// The themes stated: each quoted phrase, or the whole quote when nothing is quoted.
    pub themes: Vec<Text>,
    pub success_criteria: Vec<Checkbox>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub name: String,
    pub context: String,
    #[serde(skip)]
    pub range: Range<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CurrentRole {
    pub scope: Vec<TableRow>,
    pub stakeholders: Vec<Person>,
    pub focus: Vec<Text>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Network {
    #[serde(skip)]
    pub heading: Option<Range<usize>>,
    #[serde(skip)]
    pub sponsors_heading: Option<Range<usize>>,
    #[serde(skip)]
    pub mentors_heading: Option<Range<usize>>,
    pub sponsors: Vec<Person>,
    pub mentors: Vec<Person>,
    pub advisors: Vec<Person>,
    pub mentees: Vec<Person>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VisibilityTarget {
    pub channel: String,
    pub target: String,
    pub status: String,
    pub internal: bool,
    #[serde(skip)]
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Win {
    pub year: Option<i32>,
    pub title: String,
    pub description: String,
    /// The whole item, nested details included.
    pub text: String,
    /// The item's marker to its end.
    #[serde(skip)]
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImpactRow {
    pub initiative: String,
    pub impact: String,
    pub year: String,
    #[serde(skip)]
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Risk {
    pub risk: String,
    pub likelihood: String,
    pub impact: String,
    pub mitigation: String,
    #[serde(skip)]
    pub range: Range<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CareerIndex {
    pub tagline: Option<Text>,
    pub vision: Vision,
    pub theme: Theme,
    pub current_role: CurrentRole,
    pub timeline: Vec<TableRow>,
    pub skills: Vec<TableRow>,
    pub development: Vec<Checkbox>,
    /// The Innovation Thesis belief: what the person wrote under The Belief (or directly
    /// under the thesis heading when there is no Belief sub-heading).
    pub belief: Option<Text>,
    pub experiments: Vec<TableRow>,
    pub network: Network,
    #[serde(skip)]
    pub visibility_heading: Option<Range<usize>>,
    pub visibility: Vec<VisibilityTarget>,
    pub wins: Vec<Win>,
    #[serde(skip)]
    pub business_impact_heading: Option<Range<usize>>,
    pub business_impact: Vec<ImpactRow>,
    #[serde(skip)]
    pub risks_heading: Option<Range<usize>>,
    pub risks: Vec<Risk>,
    pub open_tasks: Vec<Checkbox>,
    /// The `Session Logs` section: the logs it lists.
    pub session_logs: super::SessionLogList,
}

/// Tables in a set of blocks.
fn tables<'a>(blocks: impl Iterator<Item = &'a Block>) -> impl Iterator<Item = &'a Table> {
    blocks.filter_map(|b| match &b.kind {
        BlockKind::Table(t) => Some(t),
        _ => None,
    })
}

/// The rows of `table` that are not scaffolding, with cells picked by column names (the
/// n-th name list picks the n-th cell; a missing column gives an empty cell; `None` for a
/// name list means "the column at this position").
pub(crate) fn read_rows(table: &Table, columns: &[&[&str]], labels: &[&str]) -> Vec<TableRow> {
    let indices: Vec<Option<usize>> = columns
        .iter()
        .enumerate()
        .map(|(position, names)| {
            table.column(names).or(if table.header.cells.is_empty() {
                Some(position)
            } else {
                None
            })
        })
        .collect();
    table
        .rows
        .iter()
        .filter(|row| !is_scaffolding_row(row.cells.iter().map(|c| c.text.as_str()), labels))
        .map(|row| TableRow {
            range: row.range.clone(),
            cells: indices
                .iter()
                .map(|i| {
                    i.and_then(|i| row.cell(i))
                        .map(|c| c.text.clone())
                        .unwrap_or_default()
                })
                .collect(),
        })
        .collect()
}

fn checkboxes<'a>(blocks: impl Iterator<Item = &'a Block>) -> Vec<Checkbox> {
    blocks
        .filter_map(|b| match &b.kind {
            BlockKind::ListItem(item) if item.checked.is_some() && !is_placeholder(&b.text) => {
                Some(Checkbox {
                    text: b.text.clone(),
                    done: item.checked == Some(true),
                    range: b.range.clone(),
                })
            }
            _ => None,
        })
        .collect()
}

fn people<'a>(blocks: impl Iterator<Item = &'a Block>) -> Vec<Person> {
    let mut people = Vec::new();
    for block in blocks {
        match &block.kind {
            BlockKind::Table(table) => {
                for row in read_rows(
                    table,
                    &[
                        PersonColumn::Name.aliases(),
                        PersonColumn::Context.aliases(),
                    ],
                    &[],
                ) {
                    if !is_placeholder(&row.cells[0]) {
                        people.push(Person {
                            name: clean(&row.cells[0]),
                            context: row.cells[1].clone(),
                            range: row.range,
                        });
                    }
                }
            }
            BlockKind::ListItem(_) if !is_placeholder(&block.text) => {
                let (name, context) = split_name(&block.text);
                people.push(Person {
                    name,
                    context,
                    range: block.range.clone(),
                });
            }
            _ => {}
        }
    }
    people
}

/// `**Priya Raman** — VP Eng` → ("Priya Raman", "VP Eng").
fn split_name(text: &str) -> (String, String) {
    for separator in [" — ", " – ", " - ", ": ", " (", ", "] {
        if let Some((name, rest)) = text.split_once(separator) {
            return (clean(name), rest.trim_end_matches(')').trim().to_string());
        }
    }
    (clean(text), String::new())
}

/// Drops emphasis and link brackets around a name.
pub(crate) fn clean(text: &str) -> String {
    text.trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c == '[' || c == ']' || c.is_whitespace())
        .to_string()
}

fn first_written<'a>(blocks: impl Iterator<Item = &'a Block>) -> Option<Text> {
    let texts: Vec<&Block> = blocks
        .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem(_)))
        .filter(|b| !is_scaffolding_block(b, &[]))
        .collect();
    let first = texts.first()?;
    let last = texts.last()?;
    Some(Text {
        text: texts
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        range: first.range.start..last.range.end,
    })
}

pub(crate) fn build(note: &Note, text: &str) -> CareerIndex {
    let _ = text;
    let mut index = CareerIndex::default();
    let outline = &note.outline;

    // Tagline: the first block quote before the first section.
    let first_section = note
        .sections
        .iter()
        .find(|s| s.id.is_some())
        .map_or(usize::MAX, |s| s.range.start);
    index.tagline = outline
        .blocks
        .iter()
        .find(|b| b.quoted && b.range.start < first_section && !is_placeholder(&b.text))
        .map(|b| Text {
            text: b.text.clone(),
            range: b.range.clone(),
        });

    let section = |id| note.section(id);

    if let Some(vision) = section(SectionId::Vision) {
        index.vision.heading = Some(vision.heading_range.clone());
        let north_star = NORTH_STAR.to_lowercase();
        for block in note.blocks_in(vision) {
            let lower = block.text.to_lowercase();
            let stripped = lower.trim_start_matches(['*', '_', ' ']);
            if stripped.starts_with(&north_star) && index.vision.north_star.is_none() {
                let statement = block
                    .text
                    .split_once(':')
                    .map_or("", |(_, rest)| rest)
                    .trim()
                    .trim_start_matches(['*', '_'])
                    .trim();
                if !is_placeholder(statement) {
                    index.vision.north_star = Some(Text {
                        text: statement.to_string(),
                        range: block.range.clone(),
                    });
                }
                index.vision.year = outline
                    .dates
                    .iter()
                    .find(|d| block.range.contains(&d.range.start))
                    .map(|d| match d.value {
                        DateValue::Day(day) | DateValue::WeekOf(day) => {
                            chrono::Datelike::year(&day)
                        }
                        DateValue::Month { year, .. } | DateValue::Quarter { year, .. } => year,
                    })
                    .or_else(|| four_digit_year(&block.text));
            }
            if matches!(block.kind, BlockKind::ListItem(_) | BlockKind::Paragraph) {
                if let Some((label, rest)) = block.text.split_once(':') {
                    let label = label
                        .trim()
                        .trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
                    let rest = rest.trim().trim_start_matches(['*', '_']).trim();
                    if let Some(pillar) = Pillar::from_word(label) {
                        if !is_placeholder(rest) {
                            index.vision.picture.push(PictureLine {
                                pillar,
                                text: rest.to_string(),
                                range: block.range.clone(),
                            });
                        }
                    }
                }
            }
        }
    }

    // A Career Index kept across years may hold last year's theme below this year's: the
    // theme is the latest one, a heading without a year counting as current; among equals,
    // the first.
    let theme = note.sections_with(SectionId::AnnualTheme).max_by_key(|s| {
        let year = four_digit_year(&s.title).unwrap_or(i32::MAX);
        (year, std::cmp::Reverse(s.range.start))
    });
    if let Some(theme) = theme {
        index.theme.heading = Some(theme.heading_range.clone());
        index.theme.year = four_digit_year(&theme.title);
        for block in note.blocks_of(theme) {
            if !block.quoted || is_scaffolding_block(block, &[]) {
                continue;
            }
            let quoted = quoted_phrases(&block.text);
            if quoted.is_empty() {
                index.theme.themes.push(Text {
                    text: block.text.clone(),
                    range: block.range.clone(),
                });
            } else {
                for phrase in quoted {
                    if !is_placeholder(&phrase) {
                        index.theme.themes.push(Text {
                            text: phrase,
                            range: block.range.clone(),
                        });
                    }
                }
            }
        }
        if let Some(criteria) = note
            .known_children(theme)
            .find(|s| s.id == Some(SectionId::SuccessCriteria))
        {
            index.theme.success_criteria = checkboxes(note.blocks_in(criteria));
        }
    }

    if let Some(scope) = section(SectionId::Scope) {
        for table in tables(note.blocks_in(scope)) {
            index.current_role.scope.extend(read_rows(
                table,
                &[&["dimension"], &["value"]],
                template_row_labels(Some(SectionId::Scope)),
            ));
        }
    }
    if let Some(stakeholders) = section(SectionId::KeyStakeholders) {
        index.current_role.stakeholders = people(note.blocks_in(stakeholders));
    }
    if let Some(focus) = section(SectionId::CurrentFocus) {
        index.current_role.focus = note
            .blocks_in(focus)
            .filter(|b| {
                matches!(&b.kind, BlockKind::ListItem(item) if item.depth == 0)
                    && !is_placeholder(&b.text)
            })
            .map(|b| Text {
                text: b.text.clone(),
                range: b.range.clone(),
            })
            .collect();
    }
    if let Some(timeline) = section(SectionId::Timeline) {
        for table in tables(note.blocks_in(timeline)) {
            index.timeline.extend(read_rows(
                table,
                &[
                    &["years", "year", "when"],
                    &["role"],
                    &["company", "org"],
                    &["key achievement", "achievement"],
                ],
                &[],
            ));
        }
    }
    if let Some(skills) = section(SectionId::SkillsInventory) {
        for table in tables(note.blocks_in(skills)) {
            index.skills.extend(read_rows(
                table,
                &[
                    &["domain", "skill"],
                    &["level"],
                    &["last active"],
                    &["notes"],
                ],
                &[],
            ));
        }
    }
    if let Some(development) = section(SectionId::ActiveDevelopment) {
        index.development = checkboxes(note.blocks_in(development));
    }
    if let Some(thesis) = section(SectionId::InnovationThesis) {
        let belief_section = note
            .known_children(thesis)
            .find(|s| s.id == Some(SectionId::TheBelief));
        index.belief = match belief_section {
            Some(belief) => first_written(note.blocks_in(belief)),
            None => first_written(note.blocks_of(thesis)),
        };
        if let Some(portfolio) = note
            .known_children(thesis)
            .find(|s| s.id == Some(SectionId::InnovationPortfolio))
        {
            for table in tables(note.blocks_in(portfolio)) {
                index.experiments.extend(read_rows(
                    table,
                    &[&["experiment"], &["hypothesis"], &["status"], &["learning"]],
                    &[],
                ));
            }
        }
    }

    build_network(note, &mut index.network);

    if let Some(visibility) = section(SectionId::ExternalVisibility) {
        index.visibility_heading = Some(visibility.heading_range.clone());
        read_visibility_list(note, visibility, &mut index.visibility);
        for table in tables(note.blocks_in(visibility)) {
            for row in read_rows(
                table,
                &[&["channel"], &["target"], &["status"]],
                template_row_labels(Some(SectionId::Targets)),
            ) {
                let internal = row
                    .cells
                    .iter()
                    .any(|c| c.to_lowercase().contains("internal"));
                index.visibility.push(VisibilityTarget {
                    channel: row.cells[0].clone(),
                    target: row.cells[1].clone(),
                    status: row.cells[2].clone(),
                    internal,
                    range: row.range,
                });
            }
        }
    }

    for wins in note.sections_with(SectionId::WinsAndArtifacts) {
        read_wins(note, wins, &mut index.wins);
    }

    if let Some(impact) = section(SectionId::BusinessImpact) {
        index.business_impact_heading = Some(impact.heading_range.clone());
        for table in tables(note.blocks_of(impact)) {
            for row in read_rows(table, &ImpactColumn::ALL.map(ImpactColumn::aliases), &[]) {
                index.business_impact.push(ImpactRow {
                    initiative: row.cells[0].clone(),
                    impact: row.cells[1].clone(),
                    year: row.cells[2].clone(),
                    range: row.range,
                });
            }
        }
        if index.business_impact.is_empty() {
            read_impact_prose(note, impact, &mut index.business_impact);
        }
    }

    if let Some(risks) = section(SectionId::RiskRegister) {
        index.risks_heading = Some(risks.heading_range.clone());
        for table in tables(note.blocks_in(risks)) {
            for row in read_rows(table, &RiskColumn::ALL.map(RiskColumn::aliases), &[]) {
                index.risks.push(Risk {
                    risk: row.cells[0].clone(),
                    likelihood: row.cells[1].clone(),
                    impact: row.cells[2].clone(),
                    mitigation: row.cells[3].clone(),
                    range: row.range,
                });
            }
        }
        for block in note.blocks_in(risks) {
            if matches!(&block.kind, BlockKind::ListItem(item) if item.depth == 0)
                && !is_placeholder(&block.text)
            {
                let (risk, mitigation) = match split_mitigation(&block.text) {
                    Some((risk, mitigation)) => (risk.to_string(), mitigation.to_string()),
                    None => (block.text.clone(), String::new()),
                };
                index.risks.push(Risk {
                    risk,
                    likelihood: String::new(),
                    impact: String::new(),
                    mitigation,
                    range: block.range.clone(),
                });
            }
        }
    }
    if let Some(tasks) = section(SectionId::OpenTasks) {
        index.open_tasks = checkboxes(note.blocks_in(tasks));
    }
    index.session_logs = super::sessions::session_log_list(note);
    index
}

fn build_network(note: &Note, network: &mut Network) {
    let network_section = note.section(SectionId::Network);
    network.heading = network_section.map(|s| s.heading_range.clone());
    // Without a Network heading, a `## Mentors` or `## Sponsors` of its own is the Network's.
    let children: Vec<&Section> = match network_section {
        Some(section) => note.known_children(section).collect(),
        None => note
            .sections
            .iter()
            .filter(|s| s.id.and_then(SectionId::parent) == Some(SectionId::Network))
            .collect(),
    };
    for child in children {
        let listed = people(note.blocks_in(child));
        match child.id {
            Some(SectionId::Sponsors) => {
                network.sponsors_heading = Some(child.heading_range.clone());
                network.sponsors.extend(listed);
            }
            Some(SectionId::Mentors) => {
                network.mentors_heading = Some(child.heading_range.clone());
                network.mentors.extend(listed);
            }
            Some(SectionId::Advisors) => network.advisors.extend(listed),
            Some(SectionId::Mentees) => network.mentees.extend(listed),
            _ => {}
        }
    }
    let Some(section) = network_section else {
        return;
    };
    // A single table with a type column (`| Name | Type | Context |`) instead of sub-headings.
    for block in note.blocks_of(section) {
        let BlockKind::Table(table) = &block.kind else {
            continue;
        };
        let Some(type_column) = table.column(PersonColumn::Type.aliases()) else {
            continue;
        };
        let name_column = table.column(PersonColumn::Name.aliases()).unwrap_or(0);
        // Role and Relationship name the Type here, so only the other names are context.
        let context_names: Vec<&str> = PersonColumn::Context
            .aliases()
            .iter()
            .filter(|name| !PersonColumn::Type.aliases().contains(name))
            .copied()
            .collect();
        let context_column = table.column(&context_names);
        for row in &table.rows {
            let cell = |i: Option<usize>| {
                i.and_then(|i| row.cell(i))
                    .map(|c| c.text.clone())
                    .unwrap_or_default()
            };
            let name = cell(Some(name_column));
            if is_placeholder(&name) {
                continue;
            }
            let person = Person {
                name: clean(&name),
                context: cell(context_column),
                range: row.range.clone(),
            };
            let kind = cell(Some(type_column)).to_lowercase();
            if kind.contains("mentee") {
                network.mentees.push(person);
            } else if kind.contains("sponsor") {
                network.sponsors.push(person);
            } else if kind.contains("mentor") {
                network.mentors.push(person);
            } else if kind.contains("advis") {
                network.advisors.push(person);
            }
        }
    }
}

/// One win or impact written as prose: a top-level list item with its nested items, or a
/// paragraph.
struct Entry {
    year: Option<i32>,
    /// The item's or paragraph's own text.
    own: String,
    /// With nested items' text joined on.
    full: String,
    range: Range<usize>,
}

/// What a section holds written as prose (SPEC §1.1, "Wins written as prose"): each
/// top-level list item (bulleted or numbered) is an entry; a group — the section's own
/// text, or the text under one of its sub-headings such as `### 2026` — that holds no
/// list has each paragraph as an entry, while in a group with a list the paragraphs are
/// introductions. A line ending in `:` introduces and is never an entry; nor is a line
/// that only names a year or a month.
fn prose_entries(note: &Note, section: &Section) -> Vec<Entry> {
    let blocks: Vec<&Block> = note.blocks_of(section).collect();
    let groups_with_lists: Vec<Option<usize>> = blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::ListItem(_)))
        .map(|b| b.heading)
        .collect();
    let year_of = |block: &Block| {
        block
            .heading
            .and_then(|h| four_digit_year(&note.outline.headings[h].text))
            .or_else(|| four_digit_year(&block.text))
    };
    let mut entries = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let block = blocks[i];
        i += 1;
        match &block.kind {
            BlockKind::ListItem(item) if item.depth == 0 => {
                let mut full = block.text.clone();
                let mut range = block.range.clone();
                while i < blocks.len() {
                    match &blocks[i].kind {
                        BlockKind::ListItem(nested) if nested.depth > 0 => {
                            full.push(' ');
                            full.push_str(&blocks[i].text);
                            range.end = range.end.max(blocks[i].range.end);
                            i += 1;
                        }
                        _ => break,
                    }
                }
                // `- 1. Led the migration` is a bullet holding a numbered item: its text
                // is the nested item's.
                let full = full.trim().to_string();
                if is_placeholder(&full) || full.ends_with(':') {
                    continue;
                }
                entries.push(Entry {
                    year: year_of(block),
                    own: block.text.clone(),
                    full,
                    range,
                });
            }
            BlockKind::Paragraph if !groups_with_lists.contains(&block.heading) => {
                let text = block.text.trim();
                if is_scaffolding_block(block, &[])
                    || text.ends_with(':')
                    || names_only_a_date(text)
                {
                    continue;
                }
                entries.push(Entry {
                    year: year_of(block),
                    own: block.text.clone(),
                    full: text.to_string(),
                    range: block.range.clone(),
                });
            }
            _ => {}
        }
    }
    entries
}

/// A line that only names a period — a year, a month, a quarter or a half (`**2024**`,
/// `March:`, `Jan 2025`, `Q3`, `2025 H2`): a group label.
fn names_only_a_date(text: &str) -> bool {
    let plain = text
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let is_period = |w: &str| {
        (w.len() == 4 && four_digit_year(w).is_some())
            || crate::syntax::MONTH_NAMES
                .iter()
                .any(|m| *m == w || (w.len() == 3 && m.starts_with(w)))
            || matches!(w, "q1" | "q2" | "q3" | "q4" | "h1" | "h2")
    };
    let words: Vec<&str> = plain.split_whitespace().collect();
    (1..=2).contains(&words.len()) && words.iter().all(|w| is_period(w))
}

/// `**Title** — what happened` → ("Title", "what happened"); without a dash, no title.
fn title_and_description(text: &str) -> (String, String) {
    match text.split_once(" — ").or_else(|| text.split_once(" - ")) {
        Some((title, description)) => (clean(title), description.trim().to_string()),
        None => (String::new(), text.to_string()),
    }
}

fn read_wins(note: &Note, wins: &Section, out: &mut Vec<Win>) {
    for entry in prose_entries(note, wins) {
        let (title, description) = title_and_description(&entry.own);
        out.push(Win {
            year: entry.year,
            title,
            description,
            text: entry.full,
            range: entry.range,
        });
    }
}

/// Business Impact written as bullets or paragraphs: each an impact row whose impact is
/// its text.
fn read_impact_prose(note: &Note, impact: &Section, out: &mut Vec<ImpactRow>) {
    for entry in prose_entries(note, impact) {
        let (initiative, _) = title_and_description(&entry.own);
        out.push(ImpactRow {
            initiative,
            impact: entry.full,
            year: entry.year.map(|y| y.to_string()).unwrap_or_default(),
            range: entry.range,
        });
    }
}

/// External Visibility written as a list: each top-level item a target, active unless it
/// is an unchecked checkbox or says it is planned, an idea or not started. Its status is
/// what the item says, in the words a Status cell would use.
fn read_visibility_list(note: &Note, section: &Section, out: &mut Vec<VisibilityTarget>) {
    for block in note.blocks_in(section) {
        let BlockKind::ListItem(item) = &block.kind else {
            continue;
        };
        if item.depth != 0 || is_scaffolding_block(block, &[]) || block.text.ends_with(':') {
            continue;
        }
        let lower = block.text.to_lowercase();
        let says = |word: &str| {
            lower.match_indices(word).any(|(at, _)| {
                let before = lower[..at].chars().next_back();
                let after = lower[at + word.len()..].chars().next();
                before.is_none_or(|c| !c.is_alphanumeric())
                    && after.is_none_or(|c| !c.is_alphanumeric())
            })
        };
        let status = match item.checked {
            Some(true) => "Done",
            Some(false) => "Not started",
            None if says("not started") => "Not started",
            None if says("planned") => "Planned",
            None if says("idea") => "Idea",
            None => "Active",
        };
        out.push(VisibilityTarget {
            channel: String::new(),
            target: block.text.clone(),
            status: status.to_string(),
            internal: says("internal"),
            range: block.range.clone(),
        });
    }
}

/// Phrases inside quotation marks.
fn quoted_phrases(text: &str) -> Vec<String> {
    let mut phrases = Vec::new();
    let mut current: Option<String> = None;
    for c in text.chars() {
        match (c, current.as_mut()) {
            ('"' | '“', None) => current = Some(String::new()),
            ('"' | '”', Some(_)) => {
                if let Some(phrase) = current.take() {
                    if !phrase.trim().is_empty() {
                        phrases.push(phrase.trim().to_string());
                    }
                }
            }
            (c, Some(phrase)) => phrase.push(c),
            _ => {}
        }
    }
    phrases
}

/// A risk written as a bullet and its mitigation: after an arrow (`→`), or after a label
/// such as `mitigation:`, `Mitigation —` or `plan:`, in any case.
fn split_mitigation(text: &str) -> Option<(&str, &str)> {
    if let Some((risk, mitigation)) = text.split_once('→') {
        return Some((risk.trim(), mitigation.trim()));
    }
    let lower = text.to_lowercase();
    for label in ["mitigation", "plan b", "plan", "fallback"] {
        let Some(at) = lower.find(label) else {
            continue;
        };
        // `to_lowercase` keeps byte offsets for the ASCII labels and what precedes them
        // only when the text before is unchanged in length; check before slicing.
        if lower.len() != text.len() || !text.is_char_boundary(at) {
            continue;
        }
        let after = text[at + label.len()..].trim_start();
        let Some(mitigation) = after
            .strip_prefix(':')
            .or_else(|| after.strip_prefix('—'))
            .or_else(|| after.strip_prefix('–'))
        else {
            continue;
        };
        let risk = text[..at]
            .trim_end()
            .trim_end_matches(['—', '–', '-', ';', ',']);
        return Some((risk.trim(), mitigation.trim()));
    }
    None
}

fn four_digit_year(text: &str) -> Option<i32> {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
        .and_then(|w| w.parse().ok())
}

#[cfg(test)]
mod tests;
