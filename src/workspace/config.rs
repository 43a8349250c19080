//! The configuration: `career-lsp.toml`, `initializationOptions` and
//! `workspace/didChangeConfiguration` all carry the same keys. A broken configuration never
//! stops the tool: it yields the defaults plus a list of problems, each with a byte range
//! into the file when there is one.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Deserialize;

use super::read::{read_text, Links};
use crate::methodology::{normalize_heading, NoteKind, SectionAliases, SectionId, ALIASABLE};
pub use crate::rules::RuleLevel;
use crate::model::Unreadable;
use crate::rules::Settings;

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
}

impl Default for Config {
    fn default() -> Self {
        Config {
            rules: Settings::default(),
            note_globs: BTreeMap::new(),
            max_file_size: 2 * 1024 * 1024,
            today: None,
            aliases: SectionAliases::default(),
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

/// The raw shape shared by TOML and JSON. Keys are kebab-case; snake_case and camelCase
/// spellings are accepted too, since editors' settings use them.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawConfig {
    #[serde(alias = "severity")]
    rules: BTreeMap<String, String>,
    notes: BTreeMap<String, Vec<String>>,
    #[serde(alias = "max_annual_goals", alias = "maxAnnualGoals")]
    #[serde(rename = "max-annual-goals")]
    max_annual_goals: Option<usize>,
    #[serde(
        rename = "max-current-focus",
        alias = "max_current_focus",
        alias = "maxCurrentFocus"
    )]
    max_current_focus: Option<usize>,
    #[serde(
        rename = "max-file-size",
        alias = "max_file_size",
        alias = "maxFileSize"
    )]
    max_file_size: Option<u64>,
    cadence: RawCadence,
    today: Option<String>,
    aliases: BTreeMap<String, String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawCadence {
    #[serde(
        rename = "weekly-review-days",
        alias = "weekly_review_days",
        alias = "weeklyReviewDays"
    )]
    weekly_review_days: Option<i64>,
}

impl Config {
    /// Reads `career-lsp.toml` text. Never fails: problems come back beside the defaults
    /// (or beside whatever part of the file could be read).
    pub fn from_toml(text: &str) -> (Config, Vec<ConfigProblem>) {
        match toml::from_str::<RawConfig>(text) {
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
        match RawConfig::deserialize(value) {
            Ok(raw) => Config::from_raw(raw),
            Err(error) => (
                Config::default(),
                vec![ConfigProblem {
                    message: format!("{error}; using the defaults"),
                    range: None,
                }],
            ),
        }
    }

    fn from_raw(raw: RawConfig) -> (Config, Vec<ConfigProblem>) {
        let mut config = Config::default();
        let mut problems = Vec::new();
        let mut problem = |message: String| {
            problems.push(ConfigProblem {
                message,
                range: None,
            })
        };
        for (code, level) in raw.rules {
            match RuleLevel::from_name(&level) {
                Some(level) if crate::rules::is_known_code(&code) => {
                    config.rules.levels.insert(code, level);
                }
                Some(_) => problem(format!("unknown rule `{code}` in [rules]")),
                None => problem(format!(
                    "`{level}` is not a level for `{code}`: use off, hint, info, warning or error"
                )),
            }
        }
        for (kind, globs) in raw.notes {
            match NoteKind::from_name(&kind) {
                Some(kind) => {
                    let mut valid = Vec::new();
                    for glob in globs {
                        match globset::Glob::new(&glob) {
                            Ok(_) => valid.push(glob),
                            Err(error) => problem(format!("bad glob `{glob}` in [notes]: {error}")),
                        }
                    }
                    config.note_globs.insert(kind, valid);
                }
                None => problem(format!(
                    "unknown note kind `{kind}` in [notes]: use career-index, goals, session-log or profile"
                )),
            }
        }
        let mut aliases = Vec::new();
        for (heading, section) in raw.aliases {
            if normalize_heading(&heading).is_empty() {
                problem(format!(
                    "`\"{heading}\"` in [aliases] has no words to match a heading by"
                ));
                continue;
            }
            match SectionId::from_alias_key(&section) {
                Some(id) => aliases.push((heading, id)),
                None => {
                    let keys: Vec<&str> = ALIASABLE.iter().map(|(key, _)| *key).collect();
                    problem(format!(
                        "`{section}` (for \"{heading}\") is not a section in [aliases]: use {}",
                        keys.join(", ")
                    ))
                }
            }
        }
        config.aliases = SectionAliases::new(aliases);
        if let Some(max) = raw.max_annual_goals {
            config.rules.max_annual_goals = max;
        }
        if let Some(max) = raw.max_current_focus {
            config.rules.max_current_focus = max;
        }
        if let Some(size) = raw.max_file_size {
            config.max_file_size = size;
        }
        if let Some(days) = raw.cadence.weekly_review_days {
            if days > 0 {
                config.rules.weekly_review_days = days;
            } else {
                problem(format!("weekly-review-days must be at least 1, not {days}"));
            }
        }
        if let Some(today) = raw.today {
            match NaiveDate::parse_from_str(today.trim(), "%Y-%m-%d") {
                Ok(date) => config.today = Some(date),
                Err(_) => problem(format!(
                    "`today = \"{today}\"` is not a date like 2026-03-15"
                )),
            }
        }
        (config, problems)
    }

    /// Today's date: the pinned one, or the system's local date.
    pub fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Severity;

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
