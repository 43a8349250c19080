//! Quick fixes over every fixture: a fix that says it resolves its finding does (applied to
//! the note, re-analysed, the finding is gone), and no fix loses text (everything outside
//! the span a fix replaces is still there, in order, and a replaced span is only ever the
//! cell, status, reference, checkbox or date the fix's title names).

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use career_lsp::features::fixes::quick_fixes;
use career_lsp::features::{Action, Change};
use career_lsp::model::text::is_placeholder;
use career_lsp::rules::{Edit, Finding};
use career_lsp::workspace::{Config, Workspace};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// The demo and every rule case: each a small workspace.
fn cases() -> Vec<PathBuf> {
    let mut cases = vec![fixtures().join("demo")];
    let rules = fixtures().join("rules");
    let mut codes: Vec<PathBuf> = std::fs::read_dir(&rules)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    codes.sort();
    for code in codes {
        let mut found: Vec<PathBuf> = std::fs::read_dir(&code)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .collect();
        found.sort();
        cases.extend(found);
    }
    cases
}

fn workspace(case: &Path) -> Workspace {
    let mut workspace = Workspace::new(Config::default());
    workspace.add_root(case.to_path_buf());
    workspace
}

fn text_of(workspace: &Workspace, path: &Path) -> String {
    workspace.document(path).unwrap().text.to_string()
}

/// A note's path from the fixtures folder.
fn display(path: &Path) -> String {
    let root = fixtures().canonicalize().unwrap();
    path.strip_prefix(&root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The edits of a fix, checked to be inside the text, on character boundaries, and apart
/// from each other (an LSP client applies them all against the same text).
fn check_edits(text: &str, edits: &[Edit], what: &str) -> Vec<Edit> {
    let mut sorted = edits.to_vec();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    for edit in &sorted {
        assert!(
            edit.range.start <= edit.range.end && edit.range.end <= text.len(),
            "{what}: {edit:?} is outside the text"
        );
        assert!(
            text.is_char_boundary(edit.range.start) && text.is_char_boundary(edit.range.end),
            "{what}: {edit:?} splits a character"
        );
    }
    for pair in sorted.windows(2) {
        assert!(
            pair[0].range.end <= pair[1].range.start && pair[0].range.start < pair[1].range.start,
            "{what}: edits overlap or insert at one place: {pair:?}"
        );
    }
    sorted
}

/// `text` with `edits` (all against `text`) applied.
fn apply(text: &str, edits: &[Edit]) -> String {
    let mut sorted = edits.to_vec();
    sorted.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    let mut out = text.to_string();
    for edit in sorted {
        out.replace_range(edit.range.clone(), &edit.text);
    }
    out
}

/// Where `offset` of the old text is in the text after `edits`.
fn map_offset(offset: usize, edits: &[Edit]) -> usize {
    let mut mapped = offset as isize;
    for edit in edits {
        let delta = edit.text.len() as isize - edit.range.len() as isize;
        if edit.range.start <= offset && offset < edit.range.end {
            mapped -= (offset - edit.range.start) as isize;
        } else if edit.range.end <= offset {
            mapped += delta;
        }
    }
    mapped as usize
}

fn same_place(finding: &Finding, code: &str, at: usize) -> bool {
    finding.code == code && finding.range.start == at
}

/// Whether `finding` is gone once `new_text` replaces the note (and `created` notes exist).
fn is_gone(
    case: &Path,
    path: &Path,
    before: &[Finding],
    finding: &Finding,
    new_text: Option<String>,
    created: &[(PathBuf, String)],
    edits: &[Edit],
) -> Result<(), String> {
    let mut fresh = workspace(case);
    if let Some(text) = new_text {
        fresh.open(path.to_path_buf(), 1, text);
    }
    // A fix's edits of other notes (the Career Index, from a session log) come as notes
    // with their new text, like the notes a fix creates.
    for (created_path, text) in created {
        fresh.open(created_path.clone(), 1, text.clone());
    }
    let after = fresh.diagnostics(path);
    let at = map_offset(finding.range.start, edits);
    let count_before = before
        .iter()
        .filter(|f| same_place(f, finding.code, finding.range.start))
        .count();
    let here: Vec<&Finding> = after
        .iter()
        .filter(|f| same_place(f, finding.code, at))
        .collect();
    if here.len() < count_before && !here.iter().any(|f| f.message == finding.message) {
        Ok(())
    } else {
        Err(format!(
            "still there: {:?}",
            here.iter().map(|f| &f.message).collect::<Vec<_>>()
        ))
    }
}

/// Every note of a case workspace, with its findings.
fn notes_with_findings(workspace: &Workspace) -> Vec<(PathBuf, Vec<Finding>)> {
    workspace
        .note_paths()
        .into_iter()
        .map(|path| {
            let findings = workspace.diagnostics(&path);
            (path, findings)
        })
        .filter(|(_, findings)| !findings.is_empty())
        .collect()
}

#[test]
fn every_resolving_fix_makes_its_finding_go_away() {
    let mut failures = Vec::new();
    let mut checked: BTreeMap<&'static str, usize> = BTreeMap::new();
    for case in cases() {
        let workspace = workspace(&case);
        for (path, findings) in notes_with_findings(&workspace) {
            let text = text_of(&workspace, &path);
            // The rules' own fixes that say they resolve.
            for finding in &findings {
                for fix in finding.fixes.iter().filter(|f| f.resolves()) {
                    let what = format!("{} {} “{}”", display(&path), finding.code, fix.title);
                    let edits = check_edits(&text, fix.edits(), &what);
                    let new_text = (!edits.is_empty()).then(|| apply(&text, &edits));
                    let mut created: Vec<(PathBuf, String)> = fix
                        .creates()
                        .map(|note| (note.path.clone(), note.text.clone()))
                        .into_iter()
                        .collect();
                    if let Some((other, other_edits)) = fix.edits_elsewhere() {
                        let other_text = text_of(&workspace, other);
                        let other_edits = check_edits(&other_text, other_edits, &what);
                        created.push((other.clone(), apply(&other_text, &other_edits)));
                    }
                    if let Err(why) =
                        is_gone(&case, &path, &findings, finding, new_text, &created, &edits)
                    {
                        failures.push(format!("{what}: {why}"));
                    }
                    *checked.entry(finding.code).or_default() += 1;
                }
            }
            // "Ignore CODE here" resolves its finding too.
            let snapshot = workspace.snapshot(&path).unwrap();
            for action in quick_fixes(&snapshot, 0..text.len()) {
                if !action.title.starts_with("Ignore ") {
                    continue;
                }
                let (code, range) = action.fixes.clone().expect("a quick fix names its finding");
                let finding = findings
                    .iter()
                    .find(|f| f.code == code && f.range == range)
                    .expect("the finding is reported");
                let what = format!("{} {code} “{}”", display(&path), action.title);
                let (edits, _, created) = changes_of(&action, &path);
                let edits = check_edits(&text, &edits, &what);
                let new_text = (!edits.is_empty()).then(|| apply(&text, &edits));
                if let Err(why) =
                    is_gone(&case, &path, &findings, finding, new_text, &created, &edits)
                {
                    failures.push(format!("{what}: {why}"));
                }
                *checked.entry(code).or_default() += 1;
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixes do not resolve their finding:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Every rule whose fixes resolve is exercised by the fixtures.
    for code in [
        "broken-link",
        "goal-not-linked",
        "invalid-status",
        "missing-section",
        "orphan-goal",
        "overdue-milestone",
        "past-goals-year",
        "stale-review",
        "unknown-goal-ref",
    ] {
        assert!(
            checked.get(code).copied().unwrap_or(0) > 1,
            "{code}: {checked:?}"
        );
    }
}

/// An action's edits of the note at `path`, and the notes it edits besides (with their
/// edits) or creates (with their text).
type Changes = (Vec<Edit>, Vec<(PathBuf, Vec<Edit>)>, Vec<(PathBuf, String)>);

fn changes_of(action: &Action, path: &Path) -> Changes {
    let mut edits = Vec::new();
    let mut elsewhere = Vec::new();
    let mut created = Vec::new();
    for change in &action.changes {
        match change {
            Change::Edit {
                path: edited,
                edits: e,
            } if edited == path => edits.extend(e.iter().cloned()),
            Change::Edit {
                path: edited,
                edits: e,
            } => elsewhere.push((edited.clone(), e.clone())),
            Change::Create { path, text } => created.push((path.clone(), text.clone())),
        }
    }
    (edits, elsewhere, created)
}

/// Whether `span` of `text` is a table row whose cells are all empty (the template's
/// `| | | |`), which a new row may take the place of.
fn is_empty_row(text: &str, span: &Range<usize>) -> bool {
    let replaced = &text[span.clone()];
    replaced.contains('|') && replaced.chars().all(|c| c == '|' || c == ' ' || c == '\t')
}

/// Whether `needle`'s characters appear in `haystack` in order.
fn is_subsequence(needle: &str, haystack: &str) -> bool {
    let mut rest = haystack.chars();
    needle.chars().all(|c| rest.any(|h| h == c))
}

/// Whether `span` is a whole table cell's text: only blanks between it and the pipes
/// around it.
fn is_whole_cell(text: &str, span: &Range<usize>) -> bool {
    let before = text[..span.start].trim_end_matches([' ', '\t']);
    let after = text[span.end..].trim_start_matches([' ', '\t']);
    before.ends_with('|') && (after.starts_with('|') || after.starts_with('\n') || after.is_empty())
}

/// Why a fix may replace `span`, or `Err` when it may not.
fn check_replacement(
    text: &str,
    code: &str,
    title: &str,
    finding: &Range<usize>,
    span: &Range<usize>,
) -> Result<(), String> {
    let replaced = &text[span.clone()];
    // Checking off a session's open threads, which sit below the heading reported.
    if code == "open-thread-dropped" && title.starts_with("Check ") {
        let box_around = span
            .start
            .checked_sub(1)
            .and_then(|start| text.get(start..span.end + 1));
        return if box_around == Some("[ ]") {
            Ok(())
        } else {
            Err(format!("replaces {replaced:?}, not the space of a `[ ]`"))
        };
    }
    // `no-quarter-intention` is found at the section's heading and fills the quarter's own
    // row, where only a cell that is still the template's placeholder may give way.
    if code == "no-quarter-intention" {
        return if title.starts_with("Add the Q")
            && is_placeholder(replaced)
            && is_whole_cell(text, span)
        {
            Ok(())
        } else {
            Err(format!(
                "replaces {replaced:?}, which is not a template placeholder"
            ))
        };
    }
    if span.start < finding.start || span.end > finding.end {
        return Err(format!("replaces {replaced:?} outside its finding"));
    }
    let ok = match code {
        "goal-not-linked" => {
            title.contains("Vision") && is_placeholder(replaced) && is_whole_cell(text, span)
        }
        "invalid-status" => title.contains("status") && is_whole_cell(text, span),
        "unknown-goal-ref" => {
            replaced.starts_with('G')
                && replaced[1..].chars().all(|c| c.is_ascii_digit())
                && title.contains(&format!("Replace {replaced} "))
        }
        "unquantified-win" | "no-contingency" => {
            title.contains("placeholder") && is_placeholder(replaced) && is_whole_cell(text, span)
        }
        "broken-link" => title.starts_with(&format!("Replace #{replaced} with #")),
        "overdue-milestone" if title == "Mark done" => replaced == "[ ]",
        "overdue-milestone" if title.starts_with("Mark done") => {
            title.contains("Status") && is_whole_cell(text, span)
        }
        "overdue-milestone" if title.starts_with("Move to next week") => {
            replaced.chars().any(|c| c.is_ascii_digit())
                && replaced.len() <= 20
                && !replaced.contains('\n')
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "replaces {replaced:?}, which its title does not name"
        ))
    }
}

#[test]
fn no_fix_loses_text() {
    let mut failures = Vec::new();
    let mut fixes = 0;
    for case in cases() {
        let workspace = workspace(&case);
        for (path, findings) in notes_with_findings(&workspace) {
            let text = text_of(&workspace, &path);
            let snapshot = workspace.snapshot(&path).unwrap();
            type Fixed = (&'static str, Range<usize>, String, Vec<Edit>);
            let mut all: Vec<Fixed> = Vec::new();
            let mut others: Vec<(String, PathBuf, Vec<Edit>)> = Vec::new();
            for finding in &findings {
                for fix in &finding.fixes {
                    all.push((
                        finding.code,
                        finding.range.clone(),
                        fix.title.clone(),
                        fix.edits().to_vec(),
                    ));
                    if let Some((other, edits)) = fix.edits_elsewhere() {
                        let what = format!("{} {} “{}”", display(&path), finding.code, fix.title);
                        others.push((what, other.clone(), edits.to_vec()));
                    }
                }
            }
            for action in quick_fixes(&snapshot, 0..text.len()) {
                let (code, range) = action.fixes.clone().unwrap();
                let (edits, elsewhere, _) = changes_of(&action, &path);
                let what = format!("{} {code} “{}”", display(&path), action.title);
                for (other, edits) in elsewhere {
                    others.push((what.clone(), other, edits));
                }
                all.push((code, range, action.title.clone(), edits));
            }
            // Another note a fix edits keeps every character; the only span it may replace
            // is an empty table row that a new row takes the place of.
            for (what, other, edits) in others {
                let other_text = text_of(&workspace, &other);
                let edits = check_edits(&other_text, &edits, &what);
                let mut kept = String::new();
                let mut from = 0;
                for edit in &edits {
                    kept.push_str(&other_text[from..edit.range.start]);
                    from = edit.range.end;
                    if !edit.range.is_empty() && !is_empty_row(&other_text, &edit.range) {
                        failures.push(format!(
                            "{what}: replaces {:?} of {}",
                            &other_text[edit.range.clone()],
                            display(&other)
                        ));
                    }
                }
                kept.push_str(&other_text[from..]);
                if !is_subsequence(&kept, &apply(&other_text, &edits)) {
                    failures.push(format!("{what}: loses text of {}", display(&other)));
                }
                fixes += 1;
            }
            for (code, range, title, edits) in all {
                let what = format!("{} {code} “{title}”", display(&path));
                let edits = check_edits(&text, &edits, &what);
                let mut kept = String::new();
                let mut from = 0;
                for edit in &edits {
                    kept.push_str(&text[from..edit.range.start]);
                    from = edit.range.end;
                    if !edit.range.is_empty() {
                        if let Err(why) =
                            check_replacement(&text, code, &title, &range, &edit.range)
                        {
                            failures.push(format!("{what}: {why}"));
                        }
                    }
                }
                kept.push_str(&text[from..]);
                let new_text = apply(&text, &edits);
                if !is_subsequence(&kept, &new_text) {
                    failures.push(format!("{what}: loses text"));
                }
                fixes += 1;
            }
        }
    }
    assert!(fixes > 100, "only {fixes} fixes on the fixtures");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Findings on the fixtures that no fix can help, and why.
const WITHOUT_A_FIX: &[(&str, &str)] = &[
    (
        "rules/broken-link/fires-missing-headings/Career.md:160 broken-link",
        "2026 Goals has no heading spelt like “Q2 Plan”",
    ),
    (
        "rules/broken-link/fires-unread-notes/Career.md:160 broken-link",
        "2025 Goals exists but is not UTF-8: only the person can save it as UTF-8",
    ),
    (
        "rules/empty-section/fires-review-prompt-only/Career.md:60 empty-section",
        "the section already holds its prompt and its template",
    ),
];

#[test]
fn every_finding_on_the_fixtures_has_a_fix() {
    let mut bare = Vec::new();
    for case in cases() {
        let workspace = workspace(&case);
        for (path, findings) in notes_with_findings(&workspace) {
            let snapshot = workspace.snapshot(&path).unwrap();
            let text = text_of(&workspace, &path);
            for finding in &findings {
                let offered = quick_fixes(&snapshot, finding.range.clone())
                    .into_iter()
                    .filter(|a| {
                        a.fixes.as_ref().is_some_and(|(code, range)| {
                            *code == finding.code && *range == finding.range
                        })
                    })
                    .filter(|a| !a.title.starts_with("Ignore "))
                    .count();
                if offered == 0 {
                    let line = text[..finding.range.start].matches('\n').count() + 1;
                    bare.push(format!("{}:{line} {}", display(&path), finding.code));
                }
            }
        }
    }
    let expected: Vec<&str> = WITHOUT_A_FIX.iter().map(|(finding, _)| *finding).collect();
    assert_eq!(bare, expected, "findings without a fix");
}

/// A copy of `case` in a temporary folder with every note's line breaks written `\r\n`.
fn crlf_copy(case: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_crlf(case, dir.path());
    dir
}

fn copy_crlf(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            std::fs::create_dir(&target).unwrap();
            copy_crlf(&path, &target);
        } else {
            let bytes = std::fs::read(&path).unwrap();
            // A note that is not UTF-8 is never read, so it is copied as it is.
            let bytes = match String::from_utf8(bytes) {
                Ok(text) if path.extension().is_some_and(|e| e == "md") => text
                    .replace("\r\n", "\n")
                    .replace('\n', "\r\n")
                    .into_bytes(),
                Ok(text) => text.into_bytes(),
                Err(error) => error.into_bytes(),
            };
            std::fs::write(&target, bytes).unwrap();
        }
    }
}

/// A note written with `\r\n` line breaks gets the same findings, the same fixes, and
/// from each fix the same text as the note written with `\n` — in its own line endings:
/// a fix never mixes `\n` into a CRLF note, and places what it inserts exactly as it
/// does in an LF note.
#[test]
fn fixes_keep_a_crlf_notes_line_endings_and_place_text_as_in_an_lf_note() {
    let mut failures = Vec::new();
    let mut compared = 0;
    for case in cases() {
        let lf = workspace(&case);
        let copy = crlf_copy(&case);
        let crlf = workspace(copy.path());
        let root = copy.path().canonicalize().unwrap();
        let case_root = case.canonicalize().unwrap();
        for (path, lf_findings) in notes_with_findings(&lf) {
            let crlf_path = root.join(path.strip_prefix(&case_root).unwrap());
            let crlf_findings = crlf.diagnostics(&crlf_path);
            let lf_text = text_of(&lf, &path);
            let crlf_text = text_of(&crlf, &crlf_path);
            let summary = |findings: &[Finding], text: &str| -> Vec<String> {
                findings
                    .iter()
                    .map(|f| {
                        let line = text[..f.range.start].matches('\n').count() + 1;
                        let titles: Vec<&str> = f.fixes.iter().map(|x| x.title.as_str()).collect();
                        format!("{line} {} {} {titles:?}", f.code, f.message)
                    })
                    .collect()
            };
            let lf_summary = summary(&lf_findings, &lf_text);
            let crlf_summary = summary(&crlf_findings, &crlf_text);
            if lf_summary != crlf_summary {
                failures.push(format!(
                    "{}: findings differ\n  LF:   {lf_summary:?}\n  CRLF: {crlf_summary:?}",
                    display(&path)
                ));
                continue;
            }
            for (lf_finding, crlf_finding) in lf_findings.iter().zip(&crlf_findings) {
                for (lf_fix, crlf_fix) in lf_finding.fixes.iter().zip(&crlf_finding.fixes) {
                    let what = format!("{} {} “{}”", display(&path), lf_finding.code, lf_fix.title);
                    let expected = apply(&lf_text, lf_fix.edits()).replace('\n', "\r\n");
                    let actual = apply(&crlf_text, crlf_fix.edits());
                    if actual != expected {
                        failures.push(format!(
                            "{what}: CRLF result differs\n  expected {expected:?}\n  actual   {actual:?}"
                        ));
                    }
                    if let (Some(lf_note), Some(crlf_note)) = (lf_fix.creates(), crlf_fix.creates())
                    {
                        assert_eq!(lf_note.path.file_name(), crlf_note.path.file_name());
                    }
                    compared += 1;
                }
            }
        }
    }
    assert!(compared > 100, "only {compared} fixes compared");
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
