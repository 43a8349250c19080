//! Outline and incremental re-parse tests on small notes.

use super::*;

const NOTE: &str = "---\nkind: goals\nyear: 2026\n---\n# 2026 Goals\n\n→ [[Career#Vision|vision]] `[[not]]` #vision/role\n\n## Annual Goals\n\n| Goal | Outcome | Status |\n|------|---------|--------|\n| G1 | Ship *it* [[Career]] | In progress |\n\n- [ ] item one\n  wrapped line\n- [x] done G2\n  - nested Q3 2026\n\n> [Your POV]\n> second line\n\n### Week of 2026-03-09\n1. numbered\n\n```\n[[in code]] #incode\n```\n";

#[test]
fn outline_of_a_goals_note() {
    let tree = SyntaxTree::parse(NOTE);
    let outline = tree.outline();
    assert_eq!(
        outline.front_matter.as_ref().and_then(|f| f.get("kind")),
        Some("goals")
    );
    let headings: Vec<_> = outline
        .headings
        .iter()
        .map(|h| (h.level, h.text.as_str()))
        .collect();
    assert_eq!(
        headings,
        [
            (1, "2026 Goals"),
            (2, "Annual Goals"),
            (3, "Week of 2026-03-09")
        ]
    );
    assert_eq!(&NOTE[outline.headings[1].range.clone()], "## Annual Goals");

    let targets: Vec<_> = outline
        .wikilinks
        .iter()
        .map(|l| l.target.as_str())
        .collect();
    assert_eq!(targets, ["Career", "Career"]);
    assert_eq!(outline.wikilinks[0].heading.as_deref(), Some("Vision"));
    assert_eq!(
        outline
            .tags
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>(),
        ["vision/role"]
    );

    let table = outline
        .blocks
        .iter()
        .find_map(|b| match &b.kind {
            BlockKind::Table(t) => Some(t),
            _ => None,
        })
        .expect("a table");
    assert_eq!(table.column(&["status"]), Some(2));
    assert_eq!(table.rows[0].cells[1].text, "Ship *it* [[Career]]");
    assert_eq!(
        &NOTE[table.rows[0].range.clone()],
        "| G1 | Ship *it* [[Career]] | In progress |"
    );

    let items: Vec<_> = outline
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::ListItem(item) => {
                Some((b.text.as_str(), item.checked, item.depth, item.ordered))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        items,
        [
            ("item one wrapped line", Some(false), 0, false),
            ("done G2", Some(true), 0, false),
            ("nested Q3 2026", None, 1, false),
            ("numbered", None, 0, true),
        ]
    );
    let quote = outline.blocks.iter().find(|b| b.quoted).expect("a quote");
    assert_eq!(quote.text, "[Your POV] second line");
    assert!(outline.dates.iter().any(|d| d.value
        == DateValue::Quarter {
            year: 2026,
            quarter: 3
        }));
    assert!(outline.in_code(NOTE.find("[[in code]]").unwrap()));
    let last_block = outline.blocks.last().unwrap();
    assert_eq!(last_block.heading, Some(2));
}

fn apply(text: &str, tree: &mut SyntaxTree, range: Range<usize>, insert: &str) -> String {
    let mut new_text = String::with_capacity(text.len() + insert.len());
    new_text.push_str(&text[..range.start]);
    new_text.push_str(insert);
    new_text.push_str(&text[range.end..]);
    tree.edit(&TextEdit::for_replacement(
        text,
        &new_text,
        range.start,
        range.end,
        range.start + insert.len(),
    ));
    tree.reparse(&new_text);
    new_text
}

#[test]
fn an_edit_reparses_only_the_changed_block_inline() {
    let mut tree = SyntaxTree::parse(NOTE);
    let at = NOTE.find("Ship").unwrap();
    let text = apply(NOTE, &mut tree, at..at, "**Really** ");
    let fresh = SyntaxTree::parse(&text);
    assert_eq!(tree.outline(), fresh.outline());
    assert_eq!(tree.block_sexp(), fresh.block_sexp());
    let stats = tree.inline_stats();
    assert_eq!(stats.parsed, 1, "{stats:?}");
    assert!(stats.reused > 5, "{stats:?}");
}

#[test]
fn binary_and_odd_text_parses() {
    for text in [
        "",
        "\0\0\u{1}",
        "# \n#\n|",
        "| a |\n|---|\n| [[x | y]] |",
        "> - [ ] \n>",
        &"a".repeat(100_000),
    ] {
        let tree = SyntaxTree::parse(text);
        let _ = tree.outline();
    }
}

#[test]
fn code_spans_in_list_items_hide_wikilinks() {
    let text = "Look `[[a]]` here\n\n- item `[[b]]` x\n- [ ] task `[[c]]` and [[d]]\n";
    let tree = SyntaxTree::parse(text);
    let targets: Vec<_> = tree
        .outline()
        .wikilinks
        .iter()
        .map(|l| l.target.as_str())
        .collect();
    assert_eq!(targets, ["d"]);
    assert_eq!(tree.outline().code.len(), 3);
}

#[test]
fn a_blank_row_below_a_filled_one_keeps_the_table_and_what_follows() {
    let text = "# Career\n\n### Key Stakeholders\n| Name | Role |\n|------|------|\n| Ana | CTO |\n| | |\n\n## Timeline\n\nText\n";
    let tree = SyntaxTree::parse(text);
    assert!(
        !tree.block_sexp().contains("ERROR"),
        "{}",
        tree.block_sexp()
    );
    let headings: Vec<_> = tree
        .outline()
        .headings
        .iter()
        .map(|h| h.text.as_str())
        .collect();
    assert_eq!(headings, ["Career", "Key Stakeholders", "Timeline"]);
    let table = tree.outline().blocks.iter().find_map(|b| match &b.kind {
        BlockKind::Table(t) => Some(t),
        _ => None,
    });
    let table = table.expect("the table is kept");
    assert_eq!(table.rows.len(), 2);
    assert_eq!(
        table.rows[1]
            .cells
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>(),
        ["", ""]
    );
}

#[test]
fn typing_into_a_blank_row_reparses_like_a_full_parse() {
    let mut text =
        "| Name | Role |\n|------|------|\n| Ana | CTO |\n| | |\n\n## Timeline\n".to_string();
    let mut tree = SyntaxTree::parse(&text);
    let at = text.find("| | |").unwrap() + 2;
    text = apply(&text, &mut tree, at..at, "B");
    assert_eq!(tree.block_sexp(), SyntaxTree::parse(&text).block_sexp());
    assert_eq!(tree.outline(), SyntaxTree::parse(&text).outline());
    text = apply(&text, &mut tree, at..at + 1, "");
    assert_eq!(tree.outline(), SyntaxTree::parse(&text).outline());
    assert!(!tree.block_sexp().contains("ERROR"));
}

#[test]
fn a_table_line_read_as_text_splits_at_unescaped_pipes() {
    assert_eq!(
        split_table_line("| G1 | Ship *it* | In progress |"),
        ["G1", "Ship *it*", "In progress"]
    );
    // Without the outer pipes, with an escaped pipe, half typed.
    assert_eq!(split_table_line("G1 | a \\| b"), ["G1", "a \\| b"]);
    assert_eq!(split_table_line("| G1 | in pr"), ["G1", "in pr"]);
    assert_eq!(split_table_line("| | |"), ["", ""]);
    assert_eq!(cell_separators("| a \\| b | c").collect::<Vec<_>>(), [0, 9]);
}

#[test]
fn a_column_is_found_by_any_of_its_names_in_any_case_and_emphasis() {
    let headers = ["**Goal**", " Outcome ", "_Status_", "Vision"];
    assert_eq!(column_named(headers, &["status"]), Some(2));
    assert_eq!(column_named(headers, &["serves", "vision"]), Some(3));
    assert_eq!(column_named(headers, &["goal"]), Some(0));
    assert_eq!(column_named(headers, &["metric"]), None);
    // The outline's tables find their columns the same way.
    let tree = SyntaxTree::parse(
        "| **Goal** | Outcome | _Status_ | Vision |\n|---|---|---|---|\n| G1 | a | b | c |\n",
    );
    let table = tree
        .outline()
        .blocks
        .iter()
        .find_map(|b| match &b.kind {
            BlockKind::Table(t) => Some(t),
            _ => None,
        })
        .expect("a table");
    for names in [
        &["status"][..],
        &["serves", "vision"],
        &["goal"],
        &["metric"],
    ] {
        assert_eq!(
            table.column(names),
            column_named(headers, names),
            "{names:?}"
        );
    }
}
