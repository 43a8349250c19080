//! Re-analysis after a one-character edit in a 2,000-line Career Index: the bare
//! tree-sitter block-tree incremental parse (the floor), our incremental pipeline (rope,
//! block tree, inline content of changed blocks, outline, model), the same with the
//! diagnostics, and a full parse for comparison.

use std::path::PathBuf;

use career_lsp::rules::Edit;
use career_lsp::syntax::SyntaxTree;
use career_lsp::workspace::{Config, Workspace};
use criterion::{criterion_group, criterion_main, Criterion};
use tree_sitter::{InputEdit, Parser, Point};

#[path = "support.rs"]
mod support;

fn benches(c: &mut Criterion) {
    let text = support::career_index(2_000);
    // Inside a Wins bullet four fifths of the way down, as the stdio benchmark does.
    let from = (0..=text.len() * 4 / 5)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let at = from + text[from..].find("services").expect("a Wins bullet") + 2;
    let mut group = c.benchmark_group("one-character edit, 2,000-line Career Index");

    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_md::LANGUAGE.into())
        .unwrap();
    let base_tree = parser.parse(&text, None).unwrap();
    let mut edited = text.clone();
    edited.insert(at, 'x');
    let row = text[..at].matches('\n').count();
    let column = at - text[..at].rfind('\n').map_or(0, |i| i + 1);
    // As an editor does: the tree of each parse is edited for the next one (insert the
    // character, then delete it again).
    let mut tree = base_tree;
    let mut inserted = false;
    group.bench_function("block tree incremental parse (floor)", |b| {
        b.iter(|| {
            let (old_end, new_end, new_text) = if inserted {
                (at + 1, at, &text)
            } else {
                (at, at + 1, &edited)
            };
            tree.edit(&InputEdit {
                start_byte: at,
                old_end_byte: old_end,
                new_end_byte: new_end,
                start_position: Point::new(row, column),
                old_end_position: Point::new(row, column + old_end - at),
                new_end_position: Point::new(row, column + new_end - at),
            });
            tree = parser.parse(new_text, Some(&tree)).unwrap();
            inserted = !inserted;
        })
    });

    let path = PathBuf::from("/bench/Career.md");
    let mut workspace = Workspace::new(Config::default());
    workspace.open(path.clone(), 0, text.clone());
    // One edit per iteration, inserting the character and deleting it in turn, as the
    // floor does.
    let mut version = 0;
    let mut next_edit = move || {
        version += 1;
        let edit = if version % 2 == 1 {
            Edit {
                range: at..at,
                text: "x".into(),
            }
        } else {
            Edit {
                range: at..at + 1,
                text: String::new(),
            }
        };
        (version, edit)
    };
    group.bench_function("incremental re-analysis (edit + model)", |b| {
        b.iter(|| {
            let (version, edit) = next_edit();
            workspace.change(&path, version, vec![edit]).unwrap();
        })
    });
    group.bench_function("incremental re-analysis + diagnostics", |b| {
        b.iter(|| {
            let (version, edit) = next_edit();
            workspace.change(&path, version, vec![edit]).unwrap();
            workspace.diagnostics(&path)
        })
    });
    group.bench_function("full parse (syntax only)", |b| {
        b.iter(|| SyntaxTree::parse(&edited))
    });
    group.finish();
}

criterion_group! {
    name = reparse;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(4));
    targets = benches
}
criterion_main!(reparse);
