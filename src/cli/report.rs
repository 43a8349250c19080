//! `career-lsp report [PATH] [--output FILE] [--format html|md]`: the dashboard of the
//! workspace at PATH (its nearest `career-lsp.toml`, else the folder itself).

use std::path::Path;

use crate::features::report::{html, markdown, report_of, root_notes};
use crate::workspace::{Config, Workspace};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Html,
    Markdown,
}

/// The dashboard of the root `path` belongs to, as text; an error in words when the path
/// is no folder or the folder has no notes.
pub fn render_report(path: &Path, format: ReportFormat) -> Result<String, String> {
    if !path.is_dir() {
        return Err(format!("{} is not a folder", path.display()));
    }
    let root = super::check::root_for(path);
    let root = root.canonicalize().unwrap_or(root);
    let mut workspace = Workspace::new(Config::default());
    workspace.add_root(root);
    let folder = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let Some(notes) = root_notes(&workspace, &folder) else {
        return Err(format!(
            "there are no notes in {} yet — `career-lsp init` writes a Career Index and this year's Goals note",
            path.display()
        ));
    };
    let data = report_of(&notes);
    Ok(match format {
        ReportFormat::Html => html(&data),
        ReportFormat::Markdown => markdown(&data),
    })
}

/// `career-lsp report`: writes the page to `output` (else to `out`); what went wrong to
/// `err`. Exit code 0, or 2.
pub fn report_command(
    path: &Path,
    output: Option<&Path>,
    format: ReportFormat,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> i32 {
    let text = match render_report(path, format) {
        Ok(text) => text,
        Err(error) => {
            let _ = writeln!(err, "career-lsp: {error}");
            return 2;
        }
    };
    match output {
        Some(file) => match std::fs::write(file, text) {
            Ok(()) => {
                let _ = writeln!(err, "wrote {}", file.display());
                0
            }
            Err(error) => {
                let _ = writeln!(err, "career-lsp: cannot write {}: {error}", file.display());
                2
            }
        },
        None => {
            let _ = out.write_all(text.as_bytes());
            0
        }
    }
}
