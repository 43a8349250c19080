//! The configuration: `career-lsp.toml`, `initializationOptions` and
//! `workspace/didChangeConfiguration` all carry the same keys. A broken configuration never
//! stops the tool: it yields the defaults plus a list of problems, each with a byte range
//! into the file when there is one.

mod cadence;
mod raw;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;

use super::read::{read_text, Links};
use crate::methodology::{normalize_heading, NoteKind, SectionAliases, SectionId, ALIASABLE};
use crate::model::Unreadable;
pub use crate::rules::RuleLevel;
use crate::rules::Settings;
use raw::{Entry, Raw};

/// The file name looked for at a workspace root (and, for `check`, in every ancestor).
pub const CONFIG_FILE_NAME: &str = "career-lsp.toml";

/// A configuration file larger than this is not read (a real one is a few hundred bytes).
pub const MAX_CONFIG_SIZE: u64 = 1024 * 1024;

/// Everything a user can configure. `Default` gives the documented defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// What the rules read: their levels and thresholds.
    pub rules: Settings,
    /// Extra file-name globs per note kind, matched against the path relative to the root.
    pub note_globs: BTreeMap<NoteKind, Vec<String>>,
    /// Files larger than this many bytes are not indexed.
    pub max_file_size: u64,
    /// Pins the clock (tests, demos). `None` means the system date.
    pub today: Option<NaiveDate>,
    /// The person's own section headings (`[aliases]`).
    pub aliases: SectionAliases,
    /// The editor shows code lenses (`code-lens = false` turns them off).
    pub code_lens: bool,
    /// The editor gets semantic tokens (`semantic-tokens = false` turns them off).
    pub semantic_tokens: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            rules: Settings::default(),
            note_globs: BTreeMap::new(),
            max_file_size: 2 * 1024 * 1024,
            today: None,
            aliases: SectionAliases::default(),
            code_lens: true,
            semantic_tokens: true,
        }
    }
}

/// A root's `career-lsp.toml` as last read from disk or edited in the editor: its text
/// (which the problems' ranges point into — an open, unsaved file's, not the disk's), the
/// configuration it gives, and its problems.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub text: Arc<str>,
    pub config: Config,
    pub problems: Vec<ConfigProblem>,
}

impl ConfigFile {
    /// Reads `text` as the configuration file at `path`.
    pub fn parse(path: PathBuf, text: &str) -> ConfigFile {
        let (config, problems) = Config::from_toml(text);
        ConfigFile {
            path,
            text: text.into(),
            config,
            problems,
        }
    }

    /// The file in `dir`, when there is one. A file that cannot be read — not UTF-8, not
    /// a regular file (a FIFO is never waited on), larger than [`MAX_CONFIG_SIZE`] — gives
    /// the defaults and a problem that says so, and a log line.
    pub fn read(dir: &Path) -> Option<ConfigFile> {
        let path = dir.join(CONFIG_FILE_NAME);
        // A configuration file kept elsewhere and linked into the folder is followed: the
        // reader still reads only a regular file, and only so much of it.
        let why = match read_text(&path, MAX_CONFIG_SIZE, Links::Follow) {
            Ok(text) => return Some(ConfigFile::parse(path, &text)),
            Err(Unreadable::Missing) => return None,
            Err(why) => why,
        };
        tracing::warn!("not reading {}: it is {why}", path.display());
        Some(ConfigFile {
            path,
            text: "".into(),
            config: Config::default(),
            problems: vec![ConfigProblem {
                message: format!("{CONFIG_FILE_NAME} is {why}; using the defaults"),
                range: None,
            }],
        })
    }
}

/// A problem found while reading a configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    pub message: String,
    /// Bytes of the configuration file, when the problem is in a file.
    pub range: Option<Range<usize>>,
}

/// The keys a configuration may hold, each in its kebab-case spelling and the snake_case
/// and camelCase ones editors' settings use.
const KEYS: &[(Key, &[&str])] = &[
    (Key::Today, &["today"]),
    (
        Key::MaxAnnualGoals,
        &["max-annual-goals", "max_annual_goals", "maxAnnualGoals"],
    ),
    (
        Key::MaxCurrentFocus,
        &["max-current-focus", "max_current_focus", "maxCurrentFocus"],
    ),
    (
        Key::MaxFileSize,
        &["max-file-size", "max_file_size", "maxFileSize"],
    ),
    (Key::CodeLens, &["code-lens", "code_lens", "codeLens"]),
    (
        Key::SemanticTokens,
        &["semantic-tokens", "semantic_tokens", "semanticTokens"],
    ),
    (Key::Cadence, &["cadence"]),
    (Key::Rules, &["rules", "severity"]),
    (Key::Notes, &["notes"]),
    (Key::Aliases, &["aliases"]),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Today,
    MaxAnnualGoals,
    MaxCurrentFocus,
    MaxFileSize,
    CodeLens,
    SemanticTokens,
    Cadence,
    Rules,
    Notes,
    Aliases,
}

fn key(name: &str) -> Option<Key> {
    KEYS.iter()
        .find(|(_, names)| names.contains(&name))
        .map(|(key, _)| *key)
}

/// The problems found while reading a configuration, each at its place in the file.
#[derive(Default)]
struct Problems(Vec<ConfigProblem>);

impl Problems {
    fn add(&mut self, message: String, range: Option<Range<usize>>) {
        self.0.push(ConfigProblem { message, range });
    }
}

impl Config {
    /// Reads `career-lsp.toml` text. Never fails: problems come back beside the defaults
    /// (or beside whatever part of the file could be read). Every key is read on its own,
    /// so every wrong value is reported, not only the first; a syntax error gives the
    /// defaults.
    pub fn from_toml(text: &str) -> (Config, Vec<ConfigProblem>) {
        match Raw::toml(text) {
            Ok(raw) => Config::from_raw(raw),
            Err(error) => (
                Config::default(),
                vec![ConfigProblem {
                    message: format!("{}; using the defaults", error.message()),
                    range: error.span(),
                }],
            ),
        }
    }

    /// Reads the same keys from JSON (`initializationOptions`, `didChangeConfiguration`).
    /// `null` gives the defaults. A `careerLsp` or `career-lsp` wrapper object is unwrapped.
    pub fn from_json(value: &serde_json::Value) -> (Config, Vec<ConfigProblem>) {
        let value = value
            .get("careerLsp")
            .or_else(|| value.get("career-lsp"))
            .unwrap_or(value);
        if value.is_null() {
            return (Config::default(), Vec::new());
        }
        Config::from_raw(Raw::Json(value))
    }

    fn from_raw(raw: Raw) -> (Config, Vec<ConfigProblem>) {
        let mut config = Config::default();
        let mut problems = Problems::default();
        let entries = match raw.entries() {
            Ok(entries) => entries,
            Err(what) => {
                problems.add(
                    format!("the settings are a {what}, not a table of keys; using the defaults"),
                    None,
                );
                return (config, problems.0);
            }
        };
        for Entry {
            key: name,
            range,
            value,
        } in entries
        {
            let Some(key) = key(&name) else {
                let names: Vec<&str> = KEYS.iter().map(|(_, names)| names[0]).collect();
                problems.add(
                    format!("unknown key `{name}`: the keys are {}", names.join(", ")),
                    range,
                );
                continue;
            };
            config.read_key(key, &name, value, &mut problems);
        }
        (config, problems.0)
    }

    /// Reads one top-level key; a wrong value is a problem and leaves the default.
    fn read_key(&mut self, key: Key, name: &str, value: Raw, problems: &mut Problems) {
        let range = value.range();
        match key {
            Key::Today => match value.get::<String>() {
                Ok(today) => match NaiveDate::parse_from_str(today.trim(), "%Y-%m-%d") {
                    Ok(date) => self.today = Some(date),
                    Err(_) => problems.add(
                        format!("`today = \"{today}\"` is not a date like 2026-03-15"),
                        range,
                    ),
                },
                Err(written) => problems.add(
                    wrong(name, "a date in quotes, like \"2026-03-15\"", &written),
                    range,
                ),
            },
            Key::MaxAnnualGoals => match value.get::<usize>() {
                Ok(max) => self.rules.max_annual_goals = max,
                Err(written) => problems.add(wrong(name, "a whole number", &written), range),
            },
            Key::MaxCurrentFocus => match value.get::<usize>() {
                Ok(max) => self.rules.max_current_focus = max,
                Err(written) => problems.add(wrong(name, "a whole number", &written), range),
            },
            Key::MaxFileSize => match value.get::<u64>() {
                Ok(0) => problems.add(
                    format!(
                        "`{name} = 0` would leave every note unread: give a size in bytes, \
                         such as 2097152 (2 MB); using the default"
                    ),
                    range,
                ),
                Ok(size) => self.max_file_size = size,
                Err(written) => {
                    problems.add(wrong(name, "a whole number of bytes", &written), range)
                }
            },
            Key::CodeLens => match value.get::<bool>() {
                Ok(on) => self.code_lens = on,
                Err(written) => problems.add(wrong(name, "true or false", &written), range),
            },
            Key::SemanticTokens => match value.get::<bool>() {
                Ok(on) => self.semantic_tokens = on,
                Err(written) => problems.add(wrong(name, "true or false", &written), range),
            },
            Key::Cadence => {
                let entries = table(name, value, problems);
                cadence::read_cadence(entries, &mut self.rules, problems);
            }
            Key::Rules => {
                for entry in table(name, value, problems) {
                    let range = entry.value.range();
                    let code = entry.key;
                    let level = match entry.value.get::<String>() {
                        Ok(level) => level,
                        Err(written) => {
                            let expected = "a level in quotes: off, hint, info, warning or error";
                            problems.add(wrong(&code, expected, &written), range);
                            continue;
                        }
                    };
                    match RuleLevel::from_name(&level) {
                        Some(level) if crate::rules::is_known_code(&code) => {
                            self.rules.levels.insert(code, level);
                        }
                        Some(_) => {
                            problems.add(format!("unknown rule `{code}` in [rules]"), entry.range)
                        }
                        None => problems.add(
                            format!(
                                "`{level}` is not a level for `{code}`: use off, hint, info, warning or error"
                            ),
                            range,
                        ),
                    }
                }
            }
            Key::Notes => {
                for entry in table(name, value, problems) {
                    let range = entry.value.range();
                    let Some(kind) = NoteKind::from_name(&entry.key) else {
                        problems.add(
                            format!(
                                "unknown note kind `{}` in [notes]: use career-index, goals, session-log or profile",
                                entry.key
                            ),
                            entry.range,
                        );
                        continue;
                    };
                    let globs = match entry.value.get::<Vec<String>>() {
                        Ok(globs) => globs,
                        Err(written) => {
                            let expected = "a list of globs in quotes, like [\"Goals/*.md\"]";
                            problems.add(wrong(&entry.key, expected, &written), range);
                            continue;
                        }
                    };
                    let mut valid = Vec::new();
                    for glob in globs {
                        match globset::Glob::new(&glob) {
                            Ok(_) => valid.push(glob),
                            Err(error) => problems.add(
                                format!("bad glob `{glob}` in [notes]: {error}"),
                                range.clone(),
                            ),
                        }
                    }
                    self.note_globs.insert(kind, valid);
                }
            }
            Key::Aliases => {
                // Read in the order of the headings, as a map would give them.
                let mut aliases = BTreeMap::new();
                for entry in table(name, value, problems) {
                    let range = entry.value.range();
                    match entry.value.get::<String>() {
                        Ok(section) => {
                            aliases.insert(entry.key, (section, entry.range));
                        }
                        Err(written) => problems.add(
                            wrong(&entry.key, "a section in quotes, like \"wins\"", &written),
                            range,
                        ),
                    }
                }
                self.aliases = read_aliases(aliases, problems);
            }
        }
    }

    /// Today's date: the pinned one, or the system's local date.
    pub fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

/// What is wrong with a value of the wrong type: "`max-annual-goals` must be a whole
/// number, not "ten"; using the default".
fn wrong(name: &str, expected: &str, written: &str) -> String {
    format!("`{name}` must be {expected}, not {written}; using the default")
}

/// The entries of a table; a value that is not a table is a problem, and gives none.
fn table<'a>(name: &str, value: Raw<'a>, problems: &mut Problems) -> Vec<Entry<'a>> {
    let range = value.range();
    let written = value.written();
    match value.entries() {
        Ok(entries) => entries,
        Err(_) => {
            problems.add(
                format!("`{name}` must be a table, not {written}; using the default"),
                range,
            );
            Vec::new()
        }
    }
}

/// `[aliases]`: each heading and the section it names.
fn read_aliases(
    entries: BTreeMap<String, (String, Option<Range<usize>>)>,
    problems: &mut Problems,
) -> SectionAliases {
    let mut aliases = Vec::new();
    for (heading, (section, range)) in entries {
        if normalize_heading(&heading).is_empty() {
            problems.add(
                format!("`\"{heading}\"` in [aliases] has no words to match a heading by"),
                range,
            );
            continue;
        }
        match SectionId::from_alias_key(&section) {
            Some(id) => aliases.push((heading, id)),
            None => {
                let keys: Vec<&str> = ALIASABLE.iter().map(|(key, _)| *key).collect();
                problems.add(
                    format!(
                        "`{section}` (for \"{heading}\") is not a section in [aliases]: use {}",
                        keys.join(", ")
                    ),
                    range,
                )
            }
        }
    }
    SectionAliases::new(aliases)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Severity;

    /// Each problem as the text it points at and its message.
    fn located<'a>(text: &'a str, problems: &'a [ConfigProblem]) -> Vec<(&'a str, &'a str)> {
        problems
            .iter()
            .map(|p| {
                let range = p.range.clone().expect("each problem is located");
                (&text[range], p.message.as_str())
            })
            .collect()
    }

    #[test]
    fn reads_every_key() {
        let (config, problems) = Config::from_toml(
            r#"
today = "2026-03-15"
max-annual-goals = 4
max-file-size = 1000
[cadence]
weekly-review-days = 14
[rules]
empty-section = "off"
unquantified-win = "error"
[notes]
goals = ["Goals/*.md"]
"#,
        );
        assert_eq!(problems, vec![]);
        assert_eq!(config.today, NaiveDate::from_ymd_opt(2026, 3, 15));
        assert_eq!(config.rules.max_annual_goals, 4);
        assert_eq!(config.max_file_size, 1000);
        assert_eq!(config.rules.weekly_review_days, 14);
        assert_eq!(
            config.rules.level("empty-section", Severity::Warning),
            RuleLevel::Off
        );
        assert_eq!(
            config.rules.level("unquantified-win", Severity::Warning),
            RuleLevel::On(Severity::Error)
        );
        assert_eq!(
            config.rules.level("network-gap", Severity::Info),
            RuleLevel::On(Severity::Info)
        );
        assert_eq!(
            config.note_globs[&NoteKind::Goals],
            vec!["Goals/*.md".to_string()]
        );
    }

    #[test]
    fn broken_toml_gives_defaults_and_a_located_problem() {
        let text = "today = \"2026-03-15\"\nmax-annual-goals = three\n";
        let (config, problems) = Config::from_toml(text);
        assert_eq!(config, Config::default());
        assert_eq!(problems.len(), 1);
        let range = problems[0]
            .range
            .clone()
            .expect("a toml syntax error has a span");
        assert!(
            text[..range.start].contains("max-annual-goals"),
            "{range:?}"
        );
    }

    #[test]
    fn bad_values_are_reported_and_the_rest_kept() {
        let (config, problems) = Config::from_toml(
            "today = \"15/03/2026\"\nmax-annual-goals = 5\n[rules]\nno-such-rule = \"off\"\nempty-section = \"loud\"\n",
        );
        assert_eq!(config.rules.max_annual_goals, 5);
        assert_eq!(config.today, None);
        assert_eq!(problems.len(), 3, "{problems:?}");
    }

    #[test]
    fn every_wrong_value_is_reported_at_its_place_and_the_rest_is_read() {
        let text = "today = 2026-03-15\nmax-annual-goals = \"ten\"\nmax-current-focus = -2\nmax-file-size = 1.5\nmax-goals = 3\n[cadence]\nweekly-review-days = \"weekly\"\n[rules]\nempty-section = 2\nnetwork-gap = \"hint\"\n[notes]\ngoals = \"Goals/*.md\"\n[aliases]\n\"Shipped\" = [\"wins\"]\n";
        let (config, problems) = Config::from_toml(text);
        let located = located(text, &problems);
        assert_eq!(
            located,
            [
                ("2026-03-15", "`today` must be a date in quotes, like \"2026-03-15\", not 2026-03-15; using the default"),
                ("\"ten\"", "`max-annual-goals` must be a whole number, not \"ten\"; using the default"),
                ("-2", "`max-current-focus` must be a whole number, not -2; using the default"),
                ("1.5", "`max-file-size` must be a whole number of bytes, not 1.5; using the default"),
                ("max-goals", "unknown key `max-goals`: the keys are today, max-annual-goals, max-current-focus, max-file-size, code-lens, semantic-tokens, cadence, rules, notes, aliases"),
                ("\"weekly\"", "`weekly-review-days` must be a whole number of days, not \"weekly\"; using the default"),
                ("2", "`empty-section` must be a level in quotes: off, hint, info, warning or error, not 2; using the default"),
                ("\"Goals/*.md\"", "`goals` must be a list of globs in quotes, like [\"Goals/*.md\"], not \"Goals/*.md\"; using the default"),
                ("[\"wins\"]", "`Shipped` must be a section in quotes, like \"wins\", not a list; using the default"),
            ]
        );
        // What was right is kept.
        assert_eq!(
            config.rules.level("network-gap", Severity::Info),
            RuleLevel::On(Severity::Hint)
        );
        let defaults = Config::default();
        assert_eq!(
            config.rules.max_annual_goals,
            defaults.rules.max_annual_goals
        );
        assert_eq!(config.max_file_size, defaults.max_file_size);

        // The editor's settings are read the same way.
        let (_, problems) = Config::from_json(&serde_json::json!({
            "maxAnnualGoals": "ten", "maxFileSize": -1, "rules": "loud", "maxGoals": 3
        }));
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages.len(), 4, "{messages:?}");
        assert!(messages
            .iter()
            .any(|m| m.contains("`rules` must be a table")));
    }

    #[test]
    fn the_cadence_is_read_in_every_spelling_and_each_wrong_value_is_located() {
        let (config, problems) = Config::from_toml(
            "[cadence]\nweekly-review-days = 14\nmonthly-milestone-grace-days = 5\nquarterly-intention-grace-days = 10\nannual-review-from = \"11-15\"\n",
        );
        assert_eq!(problems, vec![]);
        assert_eq!(config.rules.weekly_review_days, 14);
        assert_eq!(config.rules.month_milestone_grace_days, 5);
        assert_eq!(config.rules.quarter_intention_grace_days, 10);
        assert_eq!(
            config.rules.annual_review_from,
            crate::rules::MonthDay { month: 11, day: 15 }
        );
        for settings in [
            serde_json::json!({"cadence": {"monthly_milestone_grace_days": 5, "quarterly_intention_grace_days": 10, "annual_review_from": "11-15", "weekly_review_days": 14}}),
            serde_json::json!({"careerLsp": {"cadence": {"monthlyMilestoneGraceDays": 5, "quarterlyIntentionGraceDays": 10, "annualReviewFrom": "11-15", "weeklyReviewDays": 14}}}),
        ] {
            let (json, problems) = Config::from_json(&settings);
            assert_eq!(problems, vec![]);
            assert_eq!(json.rules, config.rules);
        }

        let text = "[cadence]\nmonthly-milestone-grace-days = 28\nquarterly-intention-grace-days = -1\nannual-review-from = \"02-29\"\nannual-review-from = 1201\nquarterly = 7\n";
        let (config, problems) = Config::from_toml(text);
        // A key written twice is a TOML error: read the two wrong values apart.
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(config, Config::default());
        let text = "[cadence]\nmonthly-milestone-grace-days = 28\nquarterly-intention-grace-days = -1\nannual-review-from = \"02-29\"\nannualReviewFrom = 1201\nquarterly = 7\nweekly-review-days = 7\n";
        let (config, problems) = Config::from_toml(text);
        let located = located(text, &problems);
        assert_eq!(
            located,
            [
                ("28", "`monthly-milestone-grace-days` must be between 0 and 27 days (the rule must still ask before a month ends), not 28; using the default"),
                ("-1", "`quarterly-intention-grace-days` must be between 0 and 89 days (the rule must still ask before a quarter ends), not -1; using the default"),
                ("\"02-29\"", "`annual-review-from = \"02-29\"` is not a day of the year like \"12-01\" (month-day; 29 February is not in every year); using the default"),
                ("1201", "`annualReviewFrom` must be a month and day in quotes, like \"12-01\", not 1201; using the default"),
                ("quarterly", "unknown key `quarterly` in [cadence]: the keys are weekly-review-days, monthly-milestone-grace-days, quarterly-intention-grace-days, annual-review-from"),
            ]
        );
        assert_eq!(config.rules, Settings::default());
    }

    #[test]
    fn lenses_and_tokens_are_on_unless_turned_off_in_either_spelling() {
        assert!(Config::default().code_lens && Config::default().semantic_tokens);
        let (config, problems) = Config::from_toml("code-lens = false\nsemantic-tokens = false\n");
        assert_eq!(problems, vec![]);
        assert!(!config.code_lens && !config.semantic_tokens);
        let (config, problems) =
            Config::from_json(&serde_json::json!({"codeLens": false, "semanticTokens": true}));
        assert_eq!(problems, vec![]);
        assert!(!config.code_lens && config.semantic_tokens);
        let (config, problems) = Config::from_toml("code-lens = \"no\"\n");
        assert!(config.code_lens);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].message.contains("true or false"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_max_file_size_of_zero_is_a_problem() {
        let text = "max-file-size = 0\n";
        let (config, problems) = Config::from_toml(text);
        assert_eq!(config.max_file_size, Config::default().max_file_size);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0]
                .message
                .starts_with("`max-file-size = 0` would leave every note unread"),
            "{}",
            problems[0].message
        );
        assert_eq!(problems[0].range.clone().map(|r| &text[r]), Some("0"));
        let (_, problems) = Config::from_json(&serde_json::json!({"maxFileSize": 0}));
        assert_eq!(problems.len(), 1, "{problems:?}");
    }

    #[test]
    fn unknown_keys_are_reported() {
        let (_, problems) = Config::from_toml("max-goals = 3\n");
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].message.contains("max-goals"),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn aliases_name_sections_and_a_wrong_section_is_reported() {
        let (config, problems) = Config::from_toml(
            "[aliases]\n\"Brag Document\" = \"wins\"\n\"Big Rocks\" = \"annual_goals\"\n\"Shipped\" = \"win\"\n\"🎉\" = \"wins\"\n",
        );
        assert_eq!(
            config.aliases,
            SectionAliases::new([
                ("Big Rocks".to_string(), SectionId::AnnualGoals),
                ("brag document".to_string(), SectionId::WinsAndArtifacts),
            ])
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].message.contains("`win`"),
            "{}",
            problems[0].message
        );
        assert!(problems[0].message.contains("use vision, annual-theme"));
        assert!(
            problems[1].message.contains("no words"),
            "{}",
            problems[1].message
        );
        let (json, problems) = Config::from_json(&serde_json::json!({
            "careerLsp": { "aliases": { "Brag Document": "wins", "Big Rocks": "annual-goals" } }
        }));
        assert_eq!(problems, vec![]);
        assert_eq!(json.aliases, config.aliases);
    }

    #[test]
    fn json_settings_use_the_same_keys() {
        let (config, problems) = Config::from_json(&serde_json::json!({
            "careerLsp": { "maxAnnualGoals": 2, "rules": { "network-gap": "hint" }, "today": "2026-01-02" }
        }));
        assert_eq!(problems, vec![]);
        assert_eq!(config.rules.max_annual_goals, 2);
        assert_eq!(
            config.rules.level("network-gap", Severity::Info),
            RuleLevel::On(Severity::Hint)
        );
        assert_eq!(
            Config::from_json(&serde_json::Value::Null).0,
            Config::default()
        );
        assert_eq!(
            Config::from_json(&serde_json::json!({"maxAnnualGoals": "x"}))
                .1
                .len(),
            1
        );
    }
}
