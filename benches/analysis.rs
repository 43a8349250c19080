//! The analysis in process, through the library's public API, by note size and by
//! workspace size.
//!
//! By note size (a Career Index of 100, 1,000 and 10,000 lines beside its Goals note and a
//! profile): the floor — tree-sitter-md's bare block-tree parse, full and incremental —
//! then our full parse, our incremental reparse (block tree and outline), our incremental
//! edit (`Workspace::change`: rope, tree, outline, model), the model alone, the rules
//! (run afresh, and the findings kept from the last analysis), and each editing feature at
//! a realistic place.
//!
//! By workspace size (100, 1,000 and 10,000 notes, with a 2,000-line Career Index):
//! indexing, the rules on every note one by one (what `check` does, without its threads)
//! and every note's kept diagnostics (a workspace report), a snapshot, workspace symbols,
//! references and wikilink completion across the notes, and a one-character edit in
//! `Career.md` and in a session log, each followed by that note's diagnostics.
//!
//! By shape (16, 64 and 256 KB): a Career Index of normal prose beside notes of the shapes
//! that cost a Markdown parser most — runs of `[`, `![`, `[[`, `]`, unclosed emphasis,
//! backticks, `<`, `&`, deep quotes and lists, a table row of many columns, lines of `|`,
//! one long line, many headings, many links — each analysed whole (`Workspace::open` and
//! its diagnostics). Their time over the normal note's of the same size, and over their
//! own at 16 KB, shows whether any grows faster than its size.
//!
//! Run with `cargo bench --bench analysis`; one size with a filter, e.g.
//! `cargo bench --bench analysis -- "workspace of 1,000 notes"`. With `--test` (smoke
//! mode) only the smallest note and workspace are built, and each benchmark runs once.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use career_lsp::features::{actions, completion, fixes, hover, inlay_hints, navigation};
use career_lsp::methodology::NoteKind;
use career_lsp::model::Note;
use career_lsp::rules::{check_note, Edit};
use career_lsp::syntax::{SyntaxTree, TextEdit};
use career_lsp::workspace::{Config, Snapshot, Workspace};
use criterion::measurement::WallTime;
use criterion::{criterion_group, BatchSize, BenchmarkGroup, Criterion, SamplingMode};
use tree_sitter::{InputEdit, Parser, Point, Tree};

#[path = "support.rs"]
mod support;

use support::{human, percentile, Spot};

const NOTE_LINES: [usize; 3] = [100, 1_000, 10_000];
const SHAPE_KB: [usize; 3] = [16, 64, 256];
/// The shape every other is compared with.
const NORMAL_SHAPE: &str = "normal prose";
const WORKSPACE_NOTES: [usize; 3] = [100, 1_000, 10_000];
/// The Career Index of the generated workspaces.
const INDEX_LINES: usize = 2_000;

/// Smoke mode: criterion's `--test` runs each benchmark once; the sizes shrink to the
/// smallest so that the run takes seconds.
fn smoke() -> bool {
    std::env::args().any(|arg| arg == "--test")
}

fn sizes(all: &[usize]) -> &[usize] {
    if smoke() {
        &all[..1]
    } else {
        all
    }
}

/// A generated workspace on disk, indexed, with `Career.md` open as an editor has it.
struct Vault {
    // Kept for its `Drop`, which deletes the folder.
    _dir: tempfile::TempDir,
    root: PathBuf,
    workspace: Workspace,
    index: PathBuf,
    index_text: String,
}

impl Vault {
    fn new(notes: usize, index_lines: usize) -> Vault {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir
            .path()
            .canonicalize()
            .expect("the temporary folder has a canonical path");
        support::vault(&root, notes, index_lines);
        let mut workspace = Workspace::new(Config::default());
        let report = workspace.add_root(root.clone());
        assert_eq!(report.indexed, notes, "every generated note is indexed");
        let index = root.join("Career.md");
        let index_text = std::fs::read_to_string(&index).expect("the index is written");
        workspace.open(index.clone(), 1, index_text.clone());
        Vault {
            _dir: dir,
            root,
            workspace,
            index,
            index_text,
        }
    }

    fn snapshot(&self, path: &Path) -> Snapshot {
        self.workspace.snapshot(path).expect("the note is indexed")
    }
}

/// One character typed and undone at `spot` of the open note at `path`, one edit per call.
struct Typing {
    path: PathBuf,
    spot: Spot,
    version: i32,
}

impl Typing {
    fn new(path: PathBuf, spot: Spot) -> Typing {
        Typing {
            path,
            spot,
            version: 1,
        }
    }

    fn next(&mut self, workspace: &mut Workspace) {
        let (range, text) = support::typed(self.spot, self.version as usize - 1);
        self.version += 1;
        workspace
            .change(
                &self.path,
                self.version,
                vec![Edit {
                    range,
                    text: text.into(),
                }],
            )
            .expect("a valid edit");
    }
}

fn configure(group: &mut BenchmarkGroup<'_, WallTime>, samples: usize, seconds: u64) {
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(samples)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(seconds));
}

fn by_note_size(c: &mut Criterion) {
    for &lines in sizes(&NOTE_LINES) {
        let mut vault = Vault::new(3, lines);
        let text = vault.index_text.clone();
        let mut group = c.benchmark_group(format!("note of {} lines", support::thousands(lines)));
        configure(&mut group, 20, if lines >= 10_000 { 4 } else { 2 });

        floor(&mut group, &text);

        group.bench_function("our full parse (SyntaxTree::parse)", |b| {
            b.iter(|| SyntaxTree::parse(black_box(&text)))
        });

        let spot = Spot::in_wins(&text);
        let mut inserted = text.clone();
        inserted.insert(spot.byte, 'x');
        let mut syntax = SyntaxTree::parse(&text);
        let mut i = 0usize;
        group.bench_function(
            "our incremental reparse (SyntaxTree::edit + reparse)",
            |b| {
                b.iter(|| {
                    let edit = if i.is_multiple_of(2) {
                        TextEdit::for_replacement(
                            &text,
                            &inserted,
                            spot.byte,
                            spot.byte,
                            spot.byte + 1,
                        )
                    } else {
                        TextEdit::for_replacement(
                            &inserted,
                            &text,
                            spot.byte,
                            spot.byte + 1,
                            spot.byte,
                        )
                    };
                    syntax.edit(&edit);
                    syntax.reparse(if i.is_multiple_of(2) {
                        &inserted
                    } else {
                        &text
                    });
                    i += 1;
                })
            },
        );

        // No snapshot holds the document while it is edited, as in the server between
        // keystrokes: the tree is then edited in place rather than copied first.
        let mut typing = Typing::new(vault.index.clone(), spot);
        group.bench_function("our incremental edit (Workspace::change)", |b| {
            b.iter(|| typing.next(&mut vault.workspace))
        });
        if typing.version % 2 == 0 {
            // Leave the text as it was, for the positions below.
            typing.next(&mut vault.workspace);
        }
        let snapshot = vault.snapshot(&vault.index);
        assert_eq!(snapshot.text(), text, "the edits cancel out");

        let syntax = SyntaxTree::parse(&text);
        let shared: Arc<str> = text.as_str().into();
        let aliases = Config::default().aliases;
        group.bench_function("model alone (Note::build_with)", |b| {
            b.iter(|| {
                Note::build_with(
                    vault.index.clone(),
                    NoteKind::CareerIndex,
                    shared.clone(),
                    syntax.outline().clone(),
                    &aliases,
                )
            })
        });

        group.bench_function("rules (every rule, no cache)", |b| {
            b.iter(|| check_note(snapshot.note(), &snapshot.context()))
        });
        group.bench_function("diagnostics kept from the last analysis", |b| {
            b.iter(|| snapshot.diagnostics())
        });

        features(&mut group, &snapshot);
        group.finish();
    }
}

/// The floor: tree-sitter-md's block tree alone, parsed from scratch and re-parsed after
/// the one-character edit the workspace benchmark makes (the tree edited between parses,
/// as an editor's would be).
fn floor(group: &mut BenchmarkGroup<'_, WallTime>, text: &str) {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_md::LANGUAGE.into())
        .expect("the Markdown grammar loads");
    group.bench_function("floor: tree-sitter-md full parse", |b| {
        b.iter(|| {
            parser
                .parse(black_box(text), None)
                .expect("the note parses")
        })
    });

    let spot = Spot::in_wins(text);
    let mut inserted = text.to_string();
    inserted.insert(spot.byte, 'x');
    let at = Point::new(spot.line, spot.byte_column);
    let after = Point::new(spot.line, spot.byte_column + 1);
    let mut tree: Tree = parser.parse(text, None).expect("the note parses");
    let mut i = 0usize;
    group.bench_function("floor: tree-sitter-md incremental parse", |b| {
        b.iter(|| {
            let (edit, new_text) = if i.is_multiple_of(2) {
                (
                    InputEdit {
                        start_byte: spot.byte,
                        old_end_byte: spot.byte,
                        new_end_byte: spot.byte + 1,
                        start_position: at,
                        old_end_position: at,
                        new_end_position: after,
                    },
                    inserted.as_str(),
                )
            } else {
                (
                    InputEdit {
                        start_byte: spot.byte,
                        old_end_byte: spot.byte + 1,
                        new_end_byte: spot.byte,
                        start_position: at,
                        old_end_position: after,
                        new_end_position: at,
                    },
                    text,
                )
            };
            i += 1;
            tree.edit(&edit);
            tree = parser
                .parse(new_text, Some(&tree))
                .expect("the edited note parses");
        })
    });
}

/// Each editing feature on the Career Index, where a person would use it.
fn features(group: &mut BenchmarkGroup<'_, WallTime>, snapshot: &Snapshot) {
    let text = snapshot.text();
    let sponsors = Spot::in_first(text, "### Sponsors", "### Spon".len()).byte;
    let in_link = Spot::in_first(text, "[[2026 Goals]]", "[[2026 Go".len()).byte;
    let vision = Spot::in_first(text, "## 🎯 Vision", "## 🎯 Vis".len()).byte;
    let wins = Spot::in_wins(text);
    // The lines an editor window shows around the Wins bullet being edited.
    let screen = {
        let lines: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let first = wins.line.saturating_sub(25);
        let last = (wins.line + 25).min(lines.len() - 1);
        lines[first]..lines[last]
    };

    assert!(
        hover::hover(snapshot, sponsors).is_some(),
        "a hover on Sponsors"
    );
    group.bench_function("hover (Sponsors heading)", |b| {
        b.iter(|| hover::hover(snapshot, black_box(sponsors)))
    });
    assert!(
        !completion::complete(snapshot, in_link).is_empty(),
        "completions in [[2026 Go"
    );
    group.bench_function("completion (in [[2026 Go…]])", |b| {
        b.iter(|| completion::complete(snapshot, black_box(in_link)))
    });
    group.bench_function("inlay hints (a screen around the edit)", |b| {
        b.iter(|| inlay_hints::inlay_hints(snapshot, black_box(screen.clone())))
    });
    assert!(!navigation::document_symbols(snapshot).is_empty());
    group.bench_function("document symbols", |b| {
        b.iter(|| navigation::document_symbols(snapshot))
    });
    group.bench_function("folding ranges", |b| {
        b.iter(|| navigation::folding_ranges(snapshot))
    });
    // What a client asks for at every cursor move: the quick fixes and the coaching
    // actions at the cursor, as the server's handler combines them.
    group.bench_function("code actions (cursor in a Wins bullet)", |b| {
        b.iter(|| {
            let range = wins.byte..wins.byte;
            let mut found = fixes::quick_fixes_for(snapshot, range.clone(), &[]);
            found.extend(actions::actions(snapshot, range));
            found
        })
    });
    assert_eq!(navigation::definition(snapshot, in_link).len(), 1);
    group.bench_function("goto definition ([[2026 Goals]])", |b| {
        b.iter(|| navigation::definition(snapshot, black_box(in_link)))
    });
    group.bench_function("references (Vision heading)", |b| {
        b.iter(|| navigation::references(snapshot, black_box(vision), true))
    });
}

fn by_workspace_size(c: &mut Criterion) {
    for &notes in sizes(&WORKSPACE_NOTES) {
        let mut vault = Vault::new(notes, INDEX_LINES);
        let mut group =
            c.benchmark_group(format!("workspace of {} notes", support::thousands(notes)));
        let seconds = if notes >= 10_000 {
            10
        } else if notes >= 1_000 {
            5
        } else {
            2
        };
        configure(&mut group, 10, seconds);

        let root = vault.root.clone();
        group.bench_function("index (Workspace::add_root)", |b| {
            b.iter_batched(
                || Workspace::new(Config::default()),
                |mut workspace| {
                    let report = workspace.add_root(root.clone());
                    assert_eq!(report.indexed, notes);
                    workspace
                },
                BatchSize::PerIteration,
            )
        });

        let paths = vault.workspace.note_paths();
        group.bench_function("rules on every note, one by one, no cache", |b| {
            b.iter(|| {
                paths
                    .iter()
                    .filter_map(|path| vault.workspace.snapshot(path))
                    .filter(|snapshot| snapshot.is_checked())
                    .map(|snapshot| check_note(snapshot.note(), &snapshot.context()).len())
                    .sum::<usize>()
            })
        });
        group.bench_function(
            "diagnostics of every note, kept (a workspace report)",
            |b| {
                b.iter(|| {
                    paths
                        .iter()
                        .map(|path| vault.workspace.diagnostics(path).len())
                        .sum::<usize>()
                })
            },
        );

        group.bench_function("snapshot of Career.md", |b| {
            b.iter(|| vault.workspace.snapshot(&vault.index))
        });

        let snapshot = vault.snapshot(&vault.index);
        let text = snapshot.text();
        let in_link = Spot::in_first(text, "[[2026 Goals]]", "[[2026 Go".len()).byte;
        let vision = Spot::in_first(text, "## 🎯 Vision", "## 🎯 Vis".len()).byte;
        assert!(
            navigation::workspace_symbols(&snapshot, "").len()
                > notes.min(navigation::MAX_WORKSPACE_SYMBOLS - 1)
        );
        group.bench_function("workspace symbols (query \"\")", |b| {
            b.iter(|| navigation::workspace_symbols(&snapshot, black_box("")))
        });
        group.bench_function("references (Vision heading)", |b| {
            b.iter(|| navigation::references(&snapshot, black_box(vision), true))
        });
        group.bench_function("completion (in [[2026 Go…]])", |b| {
            b.iter(|| completion::complete(&snapshot, black_box(in_link)))
        });
        drop(snapshot);

        // The edit and that note's findings, as the server computes them for the client
        // after each keystroke. Should not grow with the workspace.
        let mut typing = Typing::new(vault.index.clone(), Spot::in_wins(&vault.index_text));
        group.bench_function("edit Career.md + its diagnostics", |b| {
            b.iter(|| {
                typing.next(&mut vault.workspace);
                vault.workspace.diagnostics(&vault.index)
            })
        });

        let log = vault.root.join(support::session_log_path(notes / 2));
        let log_text = std::fs::read_to_string(&log).expect("the session log is written");
        vault.workspace.open(log.clone(), 1, log_text.clone());
        let mut typing = Typing::new(
            log.clone(),
            Spot::in_first(&log_text, "sponsor conversation", "spon".len()),
        );
        group.bench_function("edit a session log + its diagnostics", |b| {
            b.iter(|| {
                typing.next(&mut vault.workspace);
                vault.workspace.diagnostics(&log)
            })
        });
        group.finish();
    }
}

/// A Career Index of about `kb` kilobytes in each shape: the title, then `unit` repeated.
fn shapes(kb: usize) -> Vec<(&'static str, String)> {
    let size = kb << 10;
    let fill = |unit: &str| unit.repeat(size.div_ceil(unit.len()));
    let numbered = |line: &dyn Fn(usize) -> String| {
        let mut text = String::with_capacity(size + 100);
        let mut i = 0;
        while text.len() < size {
            text.push_str(&line(i));
            i += 1;
        }
        text
    };
    let deep_list = numbered(&|i| format!("{}- item\n", "  ".repeat(i % 40)));
    let shapes = [
        (
            NORMAL_SHAPE,
            numbered(&|i| {
                format!("Shipped the **platform** for team {i}, see [[Project {i}]] and [notes](n{i}.md).\n\n")
            }),
        ),
        ("[", fill("[")),
        ("![", fill("![")),
        ("[[", fill("[[")),
        ("]", fill("]")),
        ("***a (unclosed emphasis)", fill("***a")),
        ("_a", fill("_a")),
        ("`", fill("`")),
        ("<", fill("<")),
        ("&", fill("&")),
        ("> nested quotes", fill(">") + " x"),
        ("nested list items", deep_list),
        (
            "one table row of many columns",
            format!("| a | b |\n|---|---|\n{}", fill("| x ")),
        ),
        ("lines of |", fill("|\n")),
        ("one long line", fill("word ")),
        (
            "many headings",
            numbered(&|i| format!("## Heading {i}\n\ntext\n\n")),
        ),
        ("many links", numbered(&|i| format!("- [[Note {i}]]\n"))),
    ];
    shapes
        .into_iter()
        .map(|(name, body)| (name, format!("# Career\n\n{body}\n")))
        .collect()
}

fn by_shape(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("Career.md");
    for &kb in sizes(&SHAPE_KB) {
        let mut group = c.benchmark_group(format!("note shapes of {kb} KB"));
        configure(&mut group, 10, if kb >= 256 { 3 } else { 1 });
        for (name, text) in shapes(kb) {
            group.bench_function(name, |b| {
                b.iter(|| {
                    let mut workspace = Workspace::new(Config::default());
                    workspace.open(path.clone(), 1, text.clone());
                    workspace.diagnostics(&path).len()
                })
            });
        }
        group.finish();
    }
}

criterion_group!(benches, by_note_size, by_workspace_size, by_shape);

fn main() {
    let started = SystemTime::now();
    benches();
    Criterion::default().configure_from_args().final_summary();
    if !smoke() {
        summary(started);
    }
}

// ---------------------------------------------------------------------------------------
// The summary

/// One benchmark of this run, read back from criterion's files.
struct Measured {
    group: String,
    name: String,
    /// The time of one iteration in each sample, sorted.
    times: Vec<Duration>,
    written: SystemTime,
}

/// Prints the p50, p90 and p99 of every benchmark this run measured (criterion prints
/// means), with two ratios: against the floor of the same note size (our parses, against
/// tree-sitter-md's parse of the same kind; a note shape, against the normal prose of the
/// same size), and against the same benchmark in the smallest size of this run (what must
/// stay flat as notes or workspaces grow, or grow with them).
fn summary(started: SystemTime) {
    let mut measured = read_measurements(started);
    if measured.is_empty() {
        return;
    }
    measured.sort_by_key(|m| m.written);
    let p50 = |m: &Measured| percentile(&m.times, 50);
    let smallest = |m: &Measured| {
        measured
            .iter()
            .filter(|other| other.name == m.name && kind(&other.group) == kind(&m.group))
            .min_by_key(|other| size(&other.group))
            .filter(|other| other.group != m.group)
    };
    let floor_of = |m: &Measured| {
        let floor = if m.group.starts_with("note shapes") {
            NORMAL_SHAPE
        } else if m.name.contains("incremental") {
            "floor: tree-sitter-md incremental parse"
        } else if m.name.contains("full parse") {
            "floor: tree-sitter-md full parse"
        } else {
            return None;
        };
        measured
            .iter()
            .find(|other| other.group == m.group && other.name == floor && other.name != m.name)
    };
    let ratio = |of: Duration, to: Option<&Measured>| {
        to.map_or(String::new(), |to| {
            format!("{:.1}×", of.as_secs_f64() / p50(to).as_secs_f64())
        })
    };
    let mut group = "";
    for m in &measured {
        if m.group != group {
            group = &m.group;
            println!();
            println!("{group}");
            println!(
                "{:<54} {:>3} {:>11} {:>11} {:>11} {:>8} {:>10}",
                "benchmark", "n", "p50", "p90", "p99", "÷ floor", "÷ smallest"
            );
        }
        println!(
            "{:<54} {:>3} {:>11} {:>11} {:>11} {:>8} {:>10}",
            m.name,
            m.times.len(),
            human(p50(m)),
            human(percentile(&m.times, 90)),
            human(percentile(&m.times, 99)),
            ratio(p50(m), floor_of(m)),
            ratio(p50(m), smallest(m)),
        );
    }
}

/// The benchmarks whose samples criterion wrote since `started`.
fn read_measurements(started: SystemTime) -> Vec<Measured> {
    let home = std::env::var_os("CRITERION_HOME")
        .map(PathBuf::from)
        .or_else(|| {
            // The benchmark runs from <target>/release/deps/.
            let exe = std::env::current_exe().ok()?;
            Some(exe.parent()?.parent()?.parent()?.join("criterion"))
        });
    let Some(home) = home else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let entries = |dir: &Path| -> Vec<PathBuf> {
        std::fs::read_dir(dir)
            .map(|entries| entries.flatten().map(|e| e.path()).collect())
            .unwrap_or_default()
    };
    for group_dir in entries(&home) {
        for bench_dir in entries(&group_dir) {
            let new = bench_dir.join("new");
            let Ok(written) = std::fs::metadata(new.join("sample.json")).and_then(|m| m.modified())
            else {
                continue;
            };
            if written < started {
                continue;
            }
            let read = |name: &str| -> Option<serde_json::Value> {
                serde_json::from_str(&std::fs::read_to_string(new.join(name)).ok()?).ok()
            };
            let (Some(benchmark), Some(sample)) = (read("benchmark.json"), read("sample.json"))
            else {
                continue;
            };
            let numbers = |key: &str| -> Vec<f64> {
                sample[key]
                    .as_array()
                    .map(|values| values.iter().filter_map(|v| v.as_f64()).collect())
                    .unwrap_or_default()
            };
            let mut times: Vec<Duration> = numbers("times")
                .iter()
                .zip(numbers("iters"))
                .map(|(nanos, iters)| Duration::from_secs_f64(nanos / iters / 1e9))
                .collect();
            if times.is_empty() {
                continue;
            }
            times.sort();
            found.push(Measured {
                group: benchmark["group_id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                name: benchmark["function_id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                times,
                written,
            });
        }
    }
    found
}

/// "workspace of 1,000 notes" → "workspace of  notes": groups of one kind.
fn kind(group: &str) -> String {
    group
        .chars()
        .filter(|c| !c.is_ascii_digit() && *c != ',')
        .collect()
}

/// "workspace of 1,000 notes" → 1000.
fn size(group: &str) -> usize {
    group
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or(0)
}
