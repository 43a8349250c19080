//! The dashboard of the demo: everything the cascade holds appears, the page is well
//! formed and fetches nothing, the Markdown form is kept as a snapshot.

use std::path::Path;

use super::*;
use crate::workspace::{Config, Workspace};

fn demo_report() -> Report {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/demo")
        .canonicalize()
        .unwrap();
    let mut workspace = Workspace::new(Config::default());
    workspace.add_root(root.clone());
    report_of(&root_notes(&workspace, &root).expect("the demo has notes"))
}

/// The tags of an HTML page, checked to nest: every element closed in order, void
/// elements never closed. The page escapes every `<` of its text, so a tag is `<…>`.
fn check_well_formed(page: &str) -> Result<usize, String> {
    const VOID: &[&str] = &["meta", "br", "hr", "img", "input", "link"];
    // SVG's own empty elements are written `<…/>`.
    let tag = regex::Regex::new(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^<>]*?)(/?)>").unwrap();
    let mut open: Vec<String> = Vec::new();
    let mut count = 0;
    let body = page.strip_prefix("<!DOCTYPE html>\n").ok_or("no doctype")?;
    let mut last = 0;
    for m in tag.captures_iter(body) {
        let whole = m.get(0).unwrap();
        let between = &body[last..whole.start()];
        if between.contains('<') || between.contains('>') {
            return Err(format!("a stray angle bracket in {between:?}"));
        }
        last = whole.end();
        count += 1;
        let name = m[2].to_ascii_lowercase();
        let (closing, self_closing) = (&m[1] == "/", &m[4] == "/");
        if closing {
            match open.pop() {
                Some(top) if top == name => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
        } else if !self_closing && !VOID.contains(&name.as_str()) {
            open.push(name);
        }
    }
    if open.is_empty() {
        Ok(count)
    } else {
        Err(format!("left open: {open:?}"))
    }
}

#[test]
fn the_page_shows_every_goal_milestone_and_pillar_of_the_demo() {
    let report = demo_report();
    let page = html(&report);
    assert!(check_well_formed(&page).unwrap() > 200);
    assert_eq!(report.goals.len(), 4);
    for goal in &report.goals {
        // In the box (cut to fit) and, whole, in its tooltip and the progress table.
        let whole = escape_for_test(&format!("{} {}", goal.goal.id, goal.goal.outcome));
        assert!(page.contains(&whole), "{whole}");
    }
    for milestone in &report.milestones {
        assert!(
            page.contains(&escape_for_test(&milestone.text)),
            "{}",
            milestone.text
        );
    }
    assert_eq!(report.milestones.len(), 7);
    for pillar in ["Life", "Role", "Impact", "Reach"] {
        assert!(page.contains(&format!(">{pillar}</text>")), "{pillar}");
    }
    // G4 serves nothing and nothing moves it: marked so.
    let g4 = report.goals.iter().find(|g| g.number == 4).unwrap();
    assert!(g4.unmoved && g4.goal.serves.is_empty());
    assert!(page.contains("class=\"box goal unlinked\""));
    assert!(page.contains("not linked · nothing moves it"));
    // Links: G1 serves Role, and the Q1 intention moves G1 and G2.
    assert_eq!(page.matches("class=\"link serves\"").count(), 3);
    assert!(page.matches("class=\"link moves\"").count() >= 9);
    // Progress and the year.
    let g2 = report.goals.iter().find(|g| g.number == 2).unwrap();
    assert_eq!((g2.milestones_done, g2.milestones), (2, 3));
    assert!(page.contains("class=\"today\""));
    assert!(report.timeline.iter().any(|d| d.overdue));
    // The index at a glance and the findings, each linking to its note.
    let index = report.index.as_ref().unwrap();
    assert_eq!(index.wins_without_numbers, ["On-call culture"]);
    assert!(
        index.sections.iter().all(|s| s.state == "filled"),
        "{:?}",
        index.sections
    );
    assert!(page.contains("<a href=\"2026%20Goals.md\">2026 Goals.md:31</a>"));
    // The demo's folders with their own configuration are reports of their own.
    assert!(report
        .findings
        .iter()
        .all(|n| !n.path.starts_with("year-end/")));
}

#[test]
fn the_page_fetches_nothing_from_the_network() {
    let page = html(&demo_report());
    for attribute in ["src=", "href=", "url("] {
        for (at, _) in page.match_indices(attribute) {
            let value = &page[at..(at + 60).min(page.len())];
            assert!(
                !value.contains("http://") && !value.contains("https://"),
                "{value}"
            );
        }
    }
    assert!(!page.contains("<script"));
    assert!(!page.contains("@import") && !page.contains("@font-face"));
}

#[test]
fn the_checker_of_well_formed_pages_can_fail() {
    assert!(check_well_formed("<!DOCTYPE html>\n<html><body><p>x</body></html>").is_err());
    assert!(check_well_formed("<!DOCTYPE html>\n<html><p>a < b</p></html>").is_err());
    assert!(check_well_formed(
        "<!DOCTYPE html>\n<html><meta charset=\"x\"><svg><rect/></svg></html>"
    )
    .is_ok());
}

#[test]
fn text_from_the_notes_is_escaped() {
    let mut report = demo_report();
    report.overview.north_star = Some("<script>alert(1)</script> & \"more\"".to_string());
    let page = html(&report);
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;"));
    check_well_formed(&page).unwrap();
}

#[test]
fn the_markdown_form_of_the_demo() {
    insta::assert_snapshot!(markdown(&demo_report()));
}

fn escape_for_test(text: &str) -> String {
    html::escape(text)
}
