//! `career-lsp check [PATH…]`: the server's diagnostics, for files and folders.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;

use super::paths::{self, Target};
use crate::rules::Severity;
use crate::workspace::{Workspace, CONFIG_FILE_NAME};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// One line a finding, `file:line:col: severity[code] message`; code frames in colour
    /// when [`CheckOptions::styled`].
    Human,
    Json,
    /// A SARIF 2.1.0 log (`sarif.rs`).
    Sarif,
    /// GitHub Actions workflow commands (`github.rs`).
    Github,
}

#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    pub format: OutputFormat,
    /// Findings at or above this severity make the exit code 1.
    pub deny: Severity,
    /// The human format in colour with code frames (see [`super::human::styled`]).
    pub styled: bool,
}

/// One finding, located by line and column (1-based; columns count characters).
#[derive(Debug, Clone, Serialize)]
pub struct Reported {
    pub file: String,
    #[serde(skip)]
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub severity: &'static str,
    pub code: &'static str,
    pub message: String,
    #[serde(skip)]
    pub level: Severity,
    /// The text the finding points into, for a code frame.
    #[serde(skip)]
    pub source: Source,
}

/// The text of a note (or of `career-lsp.toml`) and a finding's byte range in it. The text
/// is shared by the note's findings.
#[derive(Clone)]
pub struct Source {
    pub text: Arc<str>,
    pub range: Range<usize>,
}

impl std::fmt::Debug for Source {
    /// The range only: a note's text would drown a failing test's message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Source({:?} of {} bytes)", self.range, self.text.len())
    }
}

/// The root a path belongs to: the nearest folder at or above it with a
/// `career-lsp.toml`, else the folder itself (or the file's folder).
pub(super) fn root_for(path: &Path) -> PathBuf {
    let start = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let mut current = Some(start.as_path());
    while let Some(dir) = current {
        if dir.join(CONFIG_FILE_NAME).is_file() {
            return dir.to_path_buf();
        }
        current = dir.parent();
    }
    start
}

/// 1-based line and column (in characters) of a byte offset.
#[cfg(test)]
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    Located::new(text).line_column(offset)
}

/// A text prepared to locate many offsets, each in time independent of the text's length:
/// a note may have thousands of findings, on one line of megabytes.
struct Located<'a> {
    text: &'a str,
    /// Where each line starts.
    line_starts: Vec<usize>,
    /// How many characters come before each block of [`Located::BLOCK`] bytes.
    chars_before_block: Vec<usize>,
}

impl<'a> Located<'a> {
    const BLOCK: usize = 1024;

    fn new(text: &'a str) -> Located<'a> {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut chars_before_block = vec![0];
        for block in text.as_bytes().chunks(Self::BLOCK) {
            let before = chars_before_block.last().copied().unwrap_or(0);
            chars_before_block.push(before + chars_in(block));
        }
        Located {
            text,
            line_starts,
            chars_before_block,
        }
    }

    /// The characters before byte `offset` (a character boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let block = offset / Self::BLOCK;
        self.chars_before_block[block]
            + chars_in(&self.text.as_bytes()[block * Self::BLOCK..offset])
    }

    fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = self.text.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line - 1];
        (
            line,
            self.chars_before(offset) - self.chars_before(line_start) + 1,
        )
    }
}

/// The characters in `bytes` (UTF-8): the bytes that do not continue a character.
fn chars_in(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .filter(|&&b| (b & 0b1100_0000) != 0b1000_0000)
        .count()
}

fn display(path: &Path, cwd: &Path) -> String {
    path.strip_prefix(cwd).unwrap_or(path).display().to_string()
}

/// Shows how far `check` is on a terminal, for workspaces large enough to wait for.
pub struct Progress {
    bar: Option<ProgressBar>,
}

/// Below this many notes, `check` is done before a progress bar would be read.
const PROGRESS_FROM: usize = 1_000;

impl Progress {
    pub fn hidden() -> Progress {
        Progress { bar: None }
    }

    /// A progress bar on standard error, when it is a terminal.
    pub fn on_terminal() -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress::hidden();
        }
        let bar = ProgressBar::hidden();
        bar.set_style(
            ProgressStyle::with_template("{msg:9} [{bar:30}] {pos}/{len} notes")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        Progress { bar: Some(bar) }
    }

    fn stage(&self, message: &'static str, done: usize, total: usize) {
        if let Some(bar) = &self.bar {
            if total >= PROGRESS_FROM && bar.is_hidden() {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            }
            bar.set_message(message);
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }
    }

    fn advance(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Analyses `paths` (files or folders; each in the workspace of its nearest
/// `career-lsp.toml`) and returns every finding: config problems first, then by file and
/// position. A path that cannot be checked, and a note that cannot be read, go to `skipped`
/// with the reason — only those asked about: a named note, or a file in a named folder.
/// An error when nothing given could be checked.
pub fn analyse(
    paths: &[PathBuf],
    skipped: &mut Vec<(PathBuf, String)>,
) -> Result<Vec<Reported>, String> {
    analyse_with_progress(paths, skipped, &Progress::hidden())
}

/// The current folder, canonical, to show paths below it relative to it.
fn current_dir() -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|d| d.canonicalize().ok())
        .unwrap_or_default()
}

/// [`analyse`], showing its progress.
pub fn analyse_with_progress(
    paths: &[PathBuf],
    skipped: &mut Vec<(PathBuf, String)>,
    progress: &Progress,
) -> Result<Vec<Reported>, String> {
    let cwd = current_dir();
    let mut targets = Vec::new();
    for path in paths {
        match paths::classify(path) {
            Ok(target) => targets.push(target),
            Err(reason) => skipped.push((path.clone(), reason)),
        }
    }
    let in_targets = |path: &Path| targets.iter().any(|t| path.starts_with(t.path()));
    // Each root is indexed only as far as checking its targets needs.
    let mut by_root: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for target in &targets {
        by_root
            .entry(root_for(target.path()))
            .or_default()
            .push(target.path().to_path_buf());
    }
    let mut workspace = Workspace::new(crate::workspace::Config::default());
    for (root, in_root) in by_root {
        let report = workspace.add_root_for(root, &in_root, &mut |done, total| {
            progress.stage("Reading", done, total)
        });
        for found in report.skipped {
            if in_targets(&found.0) && !skipped.contains(&found) {
                skipped.push(found);
            }
        }
    }
    let checked_any = targets.iter().any(|target| match target {
        Target::Folder(_) => true,
        Target::Note(path) => workspace.document(path).is_some(),
    });
    if !checked_any {
        return Err("nothing to check: no path given is a folder or a readable note".into());
    }

    let mut reported = Vec::new();
    for file in workspace.config_problems() {
        if !in_targets(&file.path) {
            continue;
        }
        let located = Located::new(&file.text);
        for problem in file.problems {
            let range = problem.range.clone().unwrap_or(0..0);
            let (line, column) = located.line_column(range.start);
            let (end_line, end_column) = located.line_column(range.end);
            reported.push(Reported {
                file: display(&file.path, &cwd),
                path: file.path.clone(),
                line,
                column,
                end_line,
                end_column,
                severity: Severity::Error.name(),
                code: "config",
                message: problem.message,
                level: Severity::Error,
                source: Source {
                    text: file.text.clone(),
                    range,
                },
            });
        }
    }
    let notes: Vec<PathBuf> = workspace
        .note_paths()
        .into_iter()
        .filter(|path| in_targets(path))
        .collect();
    progress.stage("Checking", 0, notes.len());
    let by_note: Vec<Vec<Reported>> = notes
        .par_iter()
        .map(|path| {
            let found = report_note(&workspace, path, &cwd);
            progress.advance();
            found
        })
        .collect();
    progress.finish();
    reported.extend(by_note.into_iter().flatten());
    Ok(reported)
}

/// The findings of one note, located.
fn report_note(workspace: &Workspace, path: &Path, cwd: &Path) -> Vec<Reported> {
    let Some(document) = workspace.document(path) else {
        return Vec::new();
    };
    let located = Located::new(&document.text);
    workspace
        .diagnostics(path)
        .into_iter()
        .map(|finding| {
            let (line, column) = located.line_column(finding.range.start);
            let (end_line, end_column) = located.line_column(finding.range.end);
            Reported {
                file: display(path, cwd),
                path: path.to_path_buf(),
                line,
                column,
                end_line,
                end_column,
                severity: finding.severity.name(),
                code: finding.code,
                message: finding.message,
                level: finding.severity,
                source: Source {
                    text: document.text.clone(),
                    range: finding.range,
                },
            }
        })
        .collect()
}

pub fn check(
    options: &CheckOptions,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> i32 {
    let paths = if options.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        options.paths.clone()
    };
    let mut skipped = Vec::new();
    let analysis = analyse_with_progress(&paths, &mut skipped, &Progress::on_terminal());
    let cwd = current_dir();
    for (path, reason) in &skipped {
        let _ = writeln!(err, "career-lsp: skipped {}: {reason}", display(path, &cwd));
    }
    let reported = match analysis {
        Ok(reported) => reported,
        Err(error) => {
            let _ = writeln!(err, "career-lsp: {error}");
            return 2;
        }
    };
    match options.format {
        OutputFormat::Human if options.styled => {
            let mut explained = std::collections::BTreeSet::new();
            for r in &reported {
                let first_of_its_rule = explained.insert(r.code);
                let _ = write!(out, "{}", super::human::frame(r, first_of_its_rule));
            }
            summary(&reported, err);
        }
        OutputFormat::Human => {
            for r in &reported {
                let _ = writeln!(
                    out,
                    "{}:{}:{}: {}[{}] {}",
                    r.file, r.line, r.column, r.severity, r.code, r.message
                );
            }
            summary(&reported, err);
        }
        OutputFormat::Json => {
            let _ = serde_json::to_writer_pretty(&mut *out, &reported);
            let _ = writeln!(out);
        }
        OutputFormat::Sarif => {
            let _ = serde_json::to_writer_pretty(&mut *out, &super::sarif::log(&reported, &cwd));
            let _ = writeln!(out);
        }
        OutputFormat::Github => {
            for r in &reported {
                let _ = writeln!(out, "{}", super::github::command(r, &cwd));
            }
            summary(&reported, err);
        }
    }
    if reported.iter().any(|r| r.level >= options.deny) {
        1
    } else {
        0
    }
}

/// `N finding(s) in M file(s)`, the last line on stderr.
fn summary(reported: &[Reported], err: &mut dyn std::io::Write) {
    let files: std::collections::BTreeSet<&str> =
        reported.iter().map(|r| r.file.as_str()).collect();
    let _ = writeln!(
        err,
        "{} finding(s) in {} file(s)",
        reported.len(),
        files.len()
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn columns_count_characters() {
        let text = "ab\n🎯 x\n";
        assert_eq!(super::line_column(text, 0), (1, 1));
        assert_eq!(super::line_column(text, 3), (2, 1));
        assert_eq!(super::line_column(text, 8), (2, 3));
        // Past the end, and inside a character.
        assert_eq!(super::line_column(text, 99), (3, 1));
        assert_eq!(super::line_column(text, 5), (2, 1));
    }

    #[test]
    fn columns_on_a_long_line_count_across_blocks() {
        let text = format!("x\n{}é{}", "a".repeat(2000), "b".repeat(3000));
        let located = super::Located::new(&text);
        let e = text.find('é').unwrap();
        assert_eq!(located.line_column(e), (2, 2001));
        assert_eq!(located.line_column(e + 2), (2, 2002));
        assert_eq!(located.line_column(text.len()), (2, 5002));
        for offset in [0, 1, 2, 1500, e, e + 2, 4000, text.len()] {
            let before = &text[..offset];
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            assert_eq!(
                located.line_column(offset),
                (
                    before.matches('\n').count() + 1,
                    before[line_start..].chars().count() + 1
                ),
                "{offset}"
            );
        }
    }
}
