//! The command line's own commands: `check`, `explain`, `init` and `report`. Output goes
//! to stdout, errors to stderr; the return value is the process's exit code (0 clean, 1
//! findings, 2 usage or I/O error). `check` writes its findings for people (`human.rs`),
//! as JSON, as SARIF (`sarif.rs`) or as GitHub Actions annotations (`github.rs`).

mod check;
mod github;
mod human;
mod paths;
mod report;
mod sarif;

pub use check::{analyse, check, CheckOptions, OutputFormat, Reported, Source};
pub use human::{styled, ColorChoice};
pub use report::{render_report, report_command, ReportFormat};

use std::path::Path;

use chrono::Datelike;

use crate::methodology::templates;
use crate::rules::{rule, RULES};
use crate::workspace::{Config, CONFIG_FILE_NAME};

/// What `career-lsp explain cadence` prints: the methodology's rhythm and its keys.
const CADENCE: &str = include_str!("cadence.md");

/// `career-lsp explain CODE`: the rule's documentation and examples, or `cadence`'s; an
/// unknown code is an error, with the list of rules, on `err`.
pub fn explain(code: &str, out: &mut dyn std::io::Write, err: &mut dyn std::io::Write) -> i32 {
    if code == "cadence" {
        let _ = writeln!(out, "{}", CADENCE.trim_end());
        return 0;
    }
    match rule(code) {
        Some(rule) => {
            let _ = writeln!(out, "{}", rule.meta().documentation.trim_end());
            0
        }
        None => {
            let _ = writeln!(err, "career-lsp: no rule called `{code}`. The rules are:");
            for rule in RULES {
                let meta = rule.meta();
                let (code, severity) = (meta.code, meta.default_severity.name());
                let _ = writeln!(err, "  {code:<26} {severity}");
            }
            let _ = writeln!(
                err,
                "and `career-lsp explain cadence` tells when the cadence rules ask."
            );
            2
        }
    }
}

/// `career-lsp init [DIR]`: a Career Index, this year's Goals note and a config from the
/// templates. Never overwrites: a file that exists is left as it is and reported. What it
/// did goes to `out`, what it could not do to `err`.
pub fn init(
    dir: &Path,
    today: chrono::NaiveDate,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> i32 {
    if let Err(error) = std::fs::create_dir_all(dir) {
        let _ = writeln!(err, "career-lsp: cannot create {}: {error}", dir.display());
        return 2;
    }
    let year = today.year();
    let files = [
        ("Career.md".to_string(), templates::career_index(year)),
        (
            templates::goals_file_name(year),
            templates::goals(year, templates::week_start(today)),
        ),
        (CONFIG_FILE_NAME.to_string(), default_config_text()),
    ];
    let mut status = 0;
    for (name, text) in files {
        let path = dir.join(&name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => match std::io::Write::write_all(&mut file, text.as_bytes()) {
                Ok(()) => {
                    let _ = writeln!(out, "created {}", path.display());
                }
                Err(error) => {
                    let _ = writeln!(err, "career-lsp: cannot write {}: {error}", path.display());
                    status = 2;
                }
            },
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                let _ = writeln!(out, "kept {} (it exists already)", path.display());
            }
            Err(error) => {
                let _ = writeln!(err, "career-lsp: cannot create {}: {error}", path.display());
                status = 2;
            }
        }
    }
    status
}

/// The configuration `init` writes: every key, at its default, commented.
pub fn default_config_text() -> String {
    let defaults = Config::default();
    format!(
        "# career-lsp configuration. Every key is optional; these are the defaults.\n\
         \n\
         # Pin the date the rules use (handy for demos and tests); unset means today.\n\
         # today = \"2026-03-15\"\n\
         \n\
         max-annual-goals = {}\n\
         max-current-focus = {}\n\
         # Files larger than this (bytes) are not indexed.\n\
         max-file-size = {}\n\
         # Code lenses and semantic tokens in the editor.\n\
         code-lens = {}\n\
         semantic-tokens = {}\n\
         \n\
         # The methodology's cadence: a weekly review (stale after this many days), a\n\
         # milestone each month and an intention each quarter (asked for this many days\n\
         # into the month or quarter), next year's Goals note from this day (MM-DD).\n\
         [cadence]\n\
         weekly-review-days = {}\n\
         monthly-milestone-grace-days = {}\n\
         quarterly-intention-grace-days = {}\n\
         annual-review-from = \"{}\"\n\
         \n\
         # Per-rule level: off, hint, info, warning or error.\n\
         [rules]\n\
         # network-gap = \"off\"\n\
         \n\
         # Extra file-name globs per note kind (career-index, goals, session-log, profile).\n\
         [notes]\n\
         # goals = [\"Goals/*.md\"]\n\
         \n\
         # Your own section headings: heading = section (vision, annual-theme, current-role,\n\
         # timeline, growth, innovation-thesis, network, external-visibility, wins,\n\
         # business-impact, risk-register, open-tasks, annual-goals, quarterly-intentions,\n\
         # monthly-milestones, weekly-actions).\n\
         [aliases]\n\
         # \"Brag Document\" = \"wins\"\n",
        defaults.rules.max_annual_goals,
        defaults.rules.max_current_focus,
        defaults.max_file_size,
        defaults.code_lens,
        defaults.semantic_tokens,
        defaults.rules.weekly_review_days,
        defaults.rules.month_milestone_grace_days,
        defaults.rules.quarter_intention_grace_days,
        defaults.rules.annual_review_from
    )
}

#[cfg(test)]
mod tests {
    use crate::workspace::Config;

    /// The commented configuration `init` writes reads back as the defaults, with no
    /// problem, and shows every table a person may fill in, `[aliases]` among them.
    #[test]
    fn the_written_config_reads_as_the_defaults() {
        let text = super::default_config_text();
        let (config, problems) = Config::from_toml(&text);
        assert_eq!(problems, vec![]);
        assert_eq!(config, Config::default());
        for table in ["[cadence]", "[rules]", "[notes]", "[aliases]"] {
            assert!(text.contains(&format!("\n{table}\n")), "{table}\n{text}");
        }
        let uncommented = text.replace("# \"Brag Document\"", "\"Brag Document\"");
        let (config, problems) = Config::from_toml(&uncommented);
        assert_eq!(problems, vec![]);
        assert!(!config.aliases.is_empty());
    }
}
