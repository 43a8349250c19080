//! `check --format github`: one GitHub Actions workflow command a finding
//! (`::warning file=…,line=…::message`), which the Actions runner turns into an annotation
//! on the file's line in the run and in the pull request's diff.

use std::path::Path;

use super::paths::slash_relative;
use super::Reported;
use crate::rules::Severity;

/// The workflow command of a finding: `error`, `warning`, or `notice` for info and hint. Its
/// file is named relative to `cwd` when it is below it (the runner reads paths from the
/// repository's root, where a workflow step runs), else as `check` shows it.
pub fn command(reported: &Reported, cwd: &Path) -> String {
    let kind = match reported.level {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "notice",
    };
    let file = slash_relative(&reported.path, cwd)
        .map(|segments| segments.join("/"))
        .unwrap_or_else(|| reported.file.clone());
    format!(
        "::{kind} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        escape_property(&file),
        reported.line,
        reported.column,
        reported.end_line,
        reported.end_column,
        escape_property(&format!("career-lsp({})", reported.code)),
        escape_data(&reported.message)
    )
}

/// A command's message, escaped as the runner reads it (`@actions/core`'s `escapeData`).
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command's property value: its message escapes, and the `:` and `,` that end a value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use super::*;
    use crate::cli::check::Source;

    fn reported(path: &str, level: Severity, message: &str) -> Reported {
        Reported {
            file: path.to_string(),
            path: PathBuf::from(path),
            line: 3,
            column: 5,
            end_line: 4,
            end_column: 1,
            severity: level.name(),
            code: "broken-link",
            message: message.to_string(),
            level,
            source: Source {
                text: Arc::from(""),
                range: 0..0,
            },
        }
    }

    #[test]
    fn messages_and_properties_are_escaped() {
        let message = "100% sure: a, b\r\nnext line";
        assert_eq!(escape_data(message), "100%25 sure: a, b%0D%0Anext line");
        assert_eq!(
            escape_property(message),
            "100%25 sure%3A a%2C b%0D%0Anext line"
        );
        let cwd = Path::new("/repo");
        let line = command(
            &reported("/repo/notes/Q1: a, b%.md", Severity::Warning, message),
            cwd,
        );
        assert_eq!(
            line,
            "::warning file=notes/Q1%3A a%2C b%25.md,line=3,col=5,endLine=4,endColumn=1,\
             title=career-lsp(broken-link)::100%25 sure: a, b%0D%0Anext line"
        );
        assert!(!line.contains('\n'));
    }

    #[test]
    fn info_and_hint_are_notices_and_files_elsewhere_keep_their_path() {
        let cwd = Path::new("/repo");
        for (level, kind) in [
            (Severity::Error, "::error "),
            (Severity::Warning, "::warning "),
            (Severity::Info, "::notice "),
            (Severity::Hint, "::notice "),
        ] {
            let line = command(&reported("/elsewhere/Career.md", level, "m"), cwd);
            assert!(line.starts_with(kind), "{line}");
            assert!(line.contains(" file=/elsewhere/Career.md,"), "{line}");
        }
    }
}
