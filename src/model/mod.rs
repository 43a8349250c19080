//! The typed model: a note's kind, title, sections and the typed content of each kind of
//! career note, all with byte ranges into the note's text. Built from the syntax outline;
//! never fails — what cannot be read is simply absent.

pub mod goals;
pub mod index;
pub mod links;
pub mod notes;
pub mod other;
pub mod sessions;
pub mod text;
pub mod unreadable;

use serde::Serialize;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use regex::Regex;

use crate::methodology::{match_section_with, NoteKind, SectionAliases, SectionId};
use crate::syntax::{Block, BlockKind, Outline};

pub use goals::GoalsNote;
pub use index::CareerIndex;
pub use other::Profile;
pub use sessions::{SessionLog, SessionLogList, Thread};
pub use unreadable::Unreadable;

/// One heading of the note and the part of the note it heads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Index into [`Outline::headings`].
    pub heading: usize,
    pub level: u8,
    pub title: String,
    /// The methodology section this heading names, if any.
    pub id: Option<SectionId>,
    pub heading_range: Range<usize>,
    /// From the heading to the next heading of the same or a higher level.
    pub range: Range<usize>,
    /// The enclosing section (index into [`Note::sections`]).
    pub parent: Option<usize>,
}

/// The typed content, by kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Typed {
    CareerIndex(Box<CareerIndex>),
    Goals(GoalsNote),
    SessionLog(SessionLog),
    Profile(Profile),
    Other,
}

/// Inline suppressions: `<!-- career-lsp-disable-next-line CODE -->` and
/// `<!-- career-lsp-disable CODE -->` (rest of the file). Kept so that a finding is looked
/// up in time independent of how many comments there are: a note may hold thousands of
/// them, and of findings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suppressions {
    /// Each line a `disable-next-line` comment covers and the codes it names there, in the
    /// order of the note.
    pub next_line: Vec<(Range<usize>, SuppressedCodes)>,
    /// Where the first `disable` comment naming no code starts: every code from there on.
    pub from_all: Option<usize>,
    /// Where the first `disable` comment naming each code starts.
    pub from: std::collections::BTreeMap<String, usize>,
}

/// The codes a suppression names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SuppressedCodes {
    All,
    These(std::collections::BTreeSet<String>),
}

impl SuppressedCodes {
    fn contains(&self, code: &str) -> bool {
        match self {
            SuppressedCodes::All => true,
            SuppressedCodes::These(codes) => codes.contains(code),
        }
    }

    fn add(&mut self, code: Option<String>) {
        match (self, code) {
            (SuppressedCodes::All, _) => {}
            (this, None) => *this = SuppressedCodes::All,
            (SuppressedCodes::These(codes), Some(code)) => {
                codes.insert(code);
            }
        }
    }
}

impl Suppressions {
    pub fn suppresses(&self, code: &str, offset: usize) -> bool {
        let line = self
            .next_line
            .partition_point(|(range, _)| range.end <= offset);
        let on_line = self
            .next_line
            .get(line)
            .is_some_and(|(range, codes)| range.contains(&offset) && codes.contains(code));
        on_line
            || self.from_all.is_some_and(|start| offset >= start)
            || self.from.get(code).is_some_and(|start| offset >= *start)
    }

    /// A `disable-next-line` comment naming `code` (`None`: every code) for `line`, which
    /// is the last line added or after it.
    fn disable_line(&mut self, line: Range<usize>, code: Option<String>) {
        match self.next_line.last_mut() {
            Some((last, codes)) if *last == line => codes.add(code),
            _ => {
                let mut codes = SuppressedCodes::These(Default::default());
                codes.add(code);
                self.next_line.push((line, codes));
            }
        }
    }

    /// A `disable` comment at `start` naming `code` (`None`: every code); comments come in
    /// the order of the note, so the first for each code is the one that counts.
    fn disable_from(&mut self, code: Option<String>, start: usize) {
        match code {
            None => {
                self.from_all.get_or_insert(start);
            }
            Some(code) => {
                self.from.entry(code).or_insert(start);
            }
        }
    }
}

/// One Markdown note, analysed.
#[derive(Debug, Clone)]
pub struct Note {
    pub path: PathBuf,
    pub kind: NoteKind,
    /// The H1, when there is one.
    pub title: Option<(String, Range<usize>)>,
    pub outline: Arc<Outline>,
    pub sections: Vec<Section>,
    pub typed: Typed,
    pub suppressions: Suppressions,
    /// The text the note was built from (the same allocation as its document's).
    pub text: Arc<str>,
    /// The person's own heading aliases its sections were matched with.
    pub aliases: SectionAliases,
}

/// The facts classification needs beyond the note itself.
#[derive(Debug, Clone, Default)]
pub struct Classifier {
    /// Config globs per kind, compiled.
    pub globs: Vec<(NoteKind, globset::GlobMatcher)>,
}

impl Classifier {
    pub fn new(globs: &std::collections::BTreeMap<NoteKind, Vec<String>>) -> Classifier {
        let mut compiled = Vec::new();
        for (kind, patterns) in globs {
            for pattern in patterns {
                if let Ok(glob) = globset::GlobBuilder::new(pattern)
                    .case_insensitive(true)
                    .build()
                {
                    compiled.push((*kind, glob.compile_matcher()));
                }
            }
        }
        Classifier { globs: compiled }
    }

    /// The kind of a note (SPEC §1): front matter `kind:` > config globs > default names >
    /// the H1. `relative` is the path from the workspace root.
    pub fn classify(&self, relative: &Path, outline: &Outline) -> NoteKind {
        if let Some(kind) = outline
            .front_matter
            .as_ref()
            .and_then(|f| f.get("kind"))
            .and_then(NoteKind::from_name)
        {
            return kind;
        }
        let file_name = relative.file_name().and_then(|n| n.to_str()).unwrap_or("");
        for (kind, glob) in &self.globs {
            if glob.is_match(relative) || glob.is_match(file_name) {
                return *kind;
            }
        }
        if let Some(kind) = kind_from_file_name(file_name) {
            return kind;
        }
        if let Some(title) = outline.title() {
            let title = title.text.trim();
            if title.eq_ignore_ascii_case("career") || title.eq_ignore_ascii_case("career index") {
                return NoteKind::CareerIndex;
            }
            if year_goals(title).is_some() {
                return NoteKind::Goals;
            }
        }
        NoteKind::Other
    }
}

static SESSION_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\d{4}-\d{2}-\d{2}\s.*session.*\.md$").expect("valid regex"));

/// The kind a note's file name alone gives it (SPEC §1 default names), if any.
pub fn kind_from_file_name(name: &str) -> Option<NoteKind> {
    let lower = name.to_ascii_lowercase();
    if lower == "career.md" || lower == "career index.md" {
        return Some(NoteKind::CareerIndex);
    }
    if lower == "claude.md" || lower == "agents.md" {
        return Some(NoteKind::Profile);
    }
    if let Some(stem) = name
        .strip_suffix(".md")
        .or_else(|| name.strip_suffix(".MD"))
    {
        if year_goals(stem).is_some() {
            return Some(NoteKind::Goals);
        }
    }
    SESSION_NAME.is_match(name).then_some(NoteKind::SessionLog)
}

/// `2026 Goals` → 2026.
pub fn year_goals(text: &str) -> Option<i32> {
    let (year, rest) = text.trim().split_once(char::is_whitespace)?;
    if year.len() == 4 && rest.trim().eq_ignore_ascii_case("goals") {
        year.parse().ok()
    } else {
        None
    }
}

/// Whether a note's text may make it a Career Index or a Goals note, whatever its name: a
/// front matter (`kind:`) or a line that could be, or be part of, an H1 such as `# Career`,
/// `# Career Index` or `# 2026 Goals`. Read from the lines without parsing, and erring on
/// the side of yes, so that a note for which it is `false` gets its kind from its path
/// alone. `check` uses it to leave unread the notes nothing it checks can depend on.
pub fn text_may_give_kind(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let start = text.trim_start();
    if start.starts_with("---") || start.starts_with("+++") {
        return true;
    }
    // A lone `\r` ends a line too.
    text.split(['\n', '\r']).any(line_may_be_a_title)
}

/// Whether a line, once stripped of block quote, list and heading markers, reads as a
/// title that gives a kind, or as one line of a title set over several lines.
fn line_may_be_a_title(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    if !(lower.contains("career") || lower.contains("index") || lower.contains("goals")) {
        return false;
    }
    // A block quote's `>` needs no space after it; no title that gives a kind holds one.
    let lower = lower.replace('>', " ");
    let mut words: Vec<&str> = lower
        .split_whitespace()
        .skip_while(|word| is_marker(word))
        .collect();
    while words.last().is_some_and(|w| w.chars().all(|c| c == '#')) {
        words.pop();
    }
    // A heading's closing `#`s are not part of its text, even when not set apart.
    if let Some(last) = words.last_mut() {
        *last = last.trim_end_matches('#');
    }
    match words.as_slice() {
        ["career"] | ["career", "index"] | ["index"] | ["goals"] => true,
        [year, "goals"] => year.len() == 4,
        _ => false,
    }
}

/// A word made of Markdown's block markers: `#`, `>`, `-`, `+`, `*`, `=`, or an ordered
/// list's `1.` / `1)`, perhaps after block quote markers.
fn is_marker(word: &str) -> bool {
    if word.chars().all(|c| "#>-+*=".contains(c)) {
        return true;
    }
    let number = word.trim_start_matches('>');
    let Some(digits) = number
        .strip_suffix('.')
        .or_else(|| number.strip_suffix(')'))
    else {
        return false;
    };
    !digits.is_empty() && digits.len() <= 9 && digits.chars().all(|c| c.is_ascii_digit())
}

impl Note {
    /// Builds the model of a note of a known kind, with the methodology's aliases only.
    pub fn build(
        path: PathBuf,
        kind: NoteKind,
        text: impl Into<Arc<str>>,
        outline: Arc<Outline>,
    ) -> Note {
        Note::build_with(path, kind, text, outline, &SectionAliases::default())
    }

    /// Builds the model of a note, matching its headings with the person's own `aliases`
    /// as well as the methodology's.
    pub fn build_with(
        path: PathBuf,
        kind: NoteKind,
        text: impl Into<Arc<str>>,
        outline: Arc<Outline>,
        aliases: &SectionAliases,
    ) -> Note {
        let text: Arc<str> = text.into();
        let text = &text;
        let sections = build_sections(kind, text, &outline, aliases);
        let title = outline.title().map(|h| (h.text.clone(), h.range.clone()));
        let suppressions = find_suppressions(text, &outline);
        let mut note = Note {
            path,
            kind,
            title,
            outline,
            sections,
            typed: Typed::Other,
            suppressions,
            text: text.clone(),
            aliases: aliases.clone(),
        };
        note.typed = match kind {
            NoteKind::CareerIndex => Typed::CareerIndex(Box::new(index::build(&note, text))),
            NoteKind::Goals => Typed::Goals(goals::build(&note, text)),
            NoteKind::SessionLog => Typed::SessionLog(sessions::session_log(&note)),
            NoteKind::Profile => Typed::Profile(other::profile(&note)),
            NoteKind::Other => Typed::Other,
        };
        note
    }

    /// The file name without `.md`: what `[[wikilinks]]` name.
    pub fn stem(&self) -> &str {
        self.path.file_stem().and_then(|s| s.to_str()).unwrap_or("")
    }

    /// Where file-level findings point: the H1, else the start of the note.
    pub fn title_range(&self) -> Range<usize> {
        self.title.as_ref().map_or(0..0, |(_, range)| range.clone())
    }

    /// The first section with this id.
    pub fn section(&self, id: SectionId) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == Some(id))
    }

    /// Whether the note has `id`'s section, or what stands for it: one of its named
    /// sub-sections on its own (a top-level `## Mentors` is the Network's), or, in a Goals
    /// note, a list of goals directly under the H1 for Annual Goals (SPEC §1.1).
    pub fn has_section(&self, id: SectionId) -> bool {
        self.section(id).is_some()
            || id.children().any(|child| self.section(child).is_some())
            || (id == SectionId::AnnualGoals
                && self.as_goals().is_some_and(|goals| goals.goals_under_title))
    }

    /// The section a heading's text names in this note.
    pub fn match_heading(&self, text: &str) -> Option<SectionId> {
        match_section_with(self.kind, text, &self.aliases)
    }

    /// The index in [`Note::sections`] of the section heading `heading` opens. Sections are
    /// in the order of their headings, so it is found by bisection: a note may have
    /// thousands of them, and this is asked per block.
    pub fn section_of_heading(&self, heading: usize) -> Option<usize> {
        self.sections
            .binary_search_by_key(&heading, |s| s.heading)
            .ok()
    }

    pub fn sections_with(&self, id: SectionId) -> impl Iterator<Item = &Section> {
        self.sections.iter().filter(move |s| s.id == Some(id))
    }

    /// Blocks of a section, its sub-sections included.
    pub fn blocks_in<'a>(&'a self, section: &Section) -> impl Iterator<Item = &'a Block> {
        self.outline.section_blocks(section.heading)
    }

    /// Blocks of a section, excluding those under a nested *known* section.
    pub fn blocks_of<'a>(&'a self, section: &'a Section) -> impl Iterator<Item = &'a Block> {
        self.outline
            .section_blocks(section.heading)
            .filter(move |block| {
                let Some(heading) = block.heading else {
                    return false;
                };
                // The innermost section the block belongs to: its heading's, found at once,
                // else (a block that starts before its heading) the last one around it.
                let contains = |s: &&Section| s.range.contains(&block.range.start);
                let owner = self
                    .section_of_heading(heading)
                    .map(|at| &self.sections[at])
                    .filter(contains)
                    .or_else(|| {
                        self.sections
                            .iter()
                            .rev()
                            .find(|s| s.heading <= heading && contains(s))
                    });
                let mut current = owner;
                while let Some(s) = current {
                    if s.heading == section.heading {
                        return true;
                    }
                    if s.id.is_some() {
                        return false;
                    }
                    current = s.parent.map(|p| &self.sections[p]);
                }
                false
            })
    }

    /// The known sections directly under `section` (skipping unknown headings between).
    pub fn known_children<'a>(&'a self, section: &'a Section) -> impl Iterator<Item = &'a Section> {
        let index = self
            .sections
            .iter()
            .position(|s| s.heading == section.heading);
        self.sections.iter().filter(move |s| {
            if s.id.is_none() {
                return false;
            }
            let mut parent = s.parent;
            while let Some(p) = parent {
                if Some(p) == index {
                    return true;
                }
                if self.sections[p].id.is_some() {
                    return false;
                }
                parent = self.sections[p].parent;
            }
            false
        })
    }

    /// Whether a section holds only scaffolding or nothing: its own blocks (see
    /// [`is_scaffolding_block`]) and every known sub-section. What `empty-section` reports,
    /// the completeness hints show and "Ask the next question" looks for.
    pub fn is_empty_section(&self, section: &Section) -> bool {
        self.has_only_scaffolding(section)
            && self
                .known_children(section)
                .all(|child| self.is_empty_section(child))
    }

    /// Whether a section's own blocks (not its known sub-sections) are all scaffolding.
    pub fn has_only_scaffolding(&self, section: &Section) -> bool {
        let labels = template_row_labels(section.id);
        self.blocks_of(section)
            .all(|block| is_scaffolding_block(block, labels))
    }

    pub fn as_index(&self) -> Option<&CareerIndex> {
        match &self.typed {
            Typed::CareerIndex(index) => Some(index),
            _ => None,
        }
    }

    pub fn as_goals(&self) -> Option<&GoalsNote> {
        match &self.typed {
            Typed::Goals(goals) => Some(goals),
            _ => None,
        }
    }

    pub fn as_session_log(&self) -> Option<&SessionLog> {
        match &self.typed {
            Typed::SessionLog(log) => Some(log),
            _ => None,
        }
    }
}

fn build_sections(
    kind: NoteKind,
    text: &str,
    outline: &Outline,
    aliases: &SectionAliases,
) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let h1 = outline.headings.iter().position(|h| h.level == 1);
    for (index, heading) in outline.headings.iter().enumerate() {
        while let Some(&top) = stack.last() {
            if sections[top].level >= heading.level {
                stack.pop();
            } else {
                break;
            }
        }
        let end = outline
            .headings
            .get(outline.section_end_heading(index))
            .map_or(text.len(), |h| h.range.start);
        // The H1 is the note's title, never a section.
        let id = if Some(index) == h1 {
            None
        } else {
            match_section_with(kind, &heading.text, aliases)
        };
        // A heading that names the section it is already in (`### Q1` under Quarterly
        // Intentions, `### Writing` under External Visibility) groups that section's
        // content; it is not a second one. Dated weekly reviews are entries of their own.
        let id = id.filter(|id| {
            *id == SectionId::WeeklyReview
                || !stack.iter().any(|&open| sections[open].id == Some(*id))
        });
        sections.push(Section {
            heading: index,
            level: heading.level,
            title: heading.text.clone(),
            id,
            heading_range: heading.range.clone(),
            range: heading.range.start..end,
            parent: stack.last().copied(),
        });
        stack.push(sections.len() - 1);
    }
    sections
}

static SUPPRESSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*career-lsp-disable(-next-line)?((?:\s+[a-z][a-z-]*)*)\s*-->")
        .expect("valid regex")
});

fn find_suppressions(text: &str, outline: &Outline) -> Suppressions {
    let mut suppressions = Suppressions::default();
    for captures in SUPPRESSION.captures_iter(text) {
        let whole = captures.get(0).expect("match");
        if outline.in_code(whole.start()) {
            continue;
        }
        let codes: Vec<Option<String>> = {
            let list: Vec<_> = captures[2]
                .split_whitespace()
                .map(|c| Some(c.to_string()))
                .collect();
            if list.is_empty() {
                vec![None]
            } else {
                list
            }
        };
        if captures.get(1).is_some() {
            let line_start = text[whole.end()..]
                .find('\n')
                .map_or(text.len(), |i| whole.end() + i + 1);
            let line_end = text[line_start..]
                .find('\n')
                .map_or(text.len(), |i| line_start + i);
            for code in codes {
                suppressions.disable_line(line_start..line_end + 1, code);
            }
        } else {
            for code in codes {
                suppressions.disable_from(code, whole.start());
            }
        }
    }
    suppressions
}

/// Whether a block holds only template scaffolding (placeholders, labels, the product's
/// own review prompts, comments, rules).
pub fn is_scaffolding_block(block: &Block, row_labels: &[&str]) -> bool {
    match &block.kind {
        BlockKind::Paragraph | BlockKind::ListItem(_) => {
            text::is_placeholder(&block.text)
                || (block.quoted && crate::methodology::is_known_prompt(&block.text))
        }
        BlockKind::Table(table) => table.rows.iter().all(|row| {
            text::is_scaffolding_row(row.cells.iter().map(|c| c.text.as_str()), row_labels)
        }),
        BlockKind::Html | BlockKind::ThematicBreak | BlockKind::LinkDefinition => true,
        BlockKind::Code => false,
    }
}

/// The row labels a section's template tables carry.
pub fn template_row_labels(id: Option<SectionId>) -> &'static [&'static str] {
    match id {
        Some(SectionId::Scope) | Some(SectionId::CurrentRole) => {
            &["direct reports", "total org", "budget", "focus"]
        }
        Some(SectionId::Targets) | Some(SectionId::ExternalVisibility) => &["speaking", "writing"],
        Some(SectionId::AnnualGoals) => &["G#"],
        Some(SectionId::QuarterlyIntentions) => &["Q#"],
        _ => &[],
    }
}

#[cfg(test)]
mod tests;
