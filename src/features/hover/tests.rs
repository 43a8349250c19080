//! Hover tests: fixture notes with a `$0` cursor in the first note, and beside each the
//! text the hover covers and what its Markdown must say.

use super::{hover, to_plain_text};
use crate::features::test_support::snapshot_at;

const CAREER: &str = "\
# Career

> Platform engineer who makes two hundred developers faster without them noticing.

## Vision

**North Star (2031):** Principal engineer of a mid-size logistics tech company.

### The Picture
- **Life:** Living in Rotterdam, four weeks a year fully offline.
- **Role:** Principal engineer who sets platform strategy and grows the next staff engineers.
- **Impact:** Developer platforms that cut lead time from weeks to hours.

## 2026 Theme

> **\"From fixer to force multiplier\"**

**→ [[2026 Goals]]** — Full cascade

## Network & Influence

### Sponsors
| Name | Context |
|------|---------|
| Ruud Janssen | VP Engineering; put me on the architecture review board |

### Mentors
| Name | Context |
|------|---------|
| Ingeborg Vos | Principal Engineer at a Dutch bank; monthly call |

### Advisors
| Name | Context |
|------|---------|
| | |

## Open Tasks

- [ ] Ask Ingeborg to review my promo narrative
";

const GOALS: &str = "\
# 2026 Goals

Serves [[Career#Vision]]

## Annual Goals

| Goal | Outcome | Success Metric | Status | Vision |
|------|---------|----------------|--------|--------|
| G1 | Make the case for Principal Engineer | Promo packet submitted with two sponsor endorsements | In progress | Role |
| G2 | Golden paths are the default | 80% of new services created from templates | In progress | Impact / Reach |
| G3 | Get better at public speaking | | Not started | |

## Quarterly Intentions

| Quarter | Intention | Focus |
|---------|-----------|-------|
| Q1 | *\"Prove the paved road\"* | G2: templates for Java and Go services |

## Weekly Actions

### Week of 2026-03-09
- [ ] Send Ana the scope summary for the promo case (G1) #vision/role
- [ ] Try `G2` in a code span
";

const SESSION: &str = "\
# 2026-02-21 Career Coaching Session

## Discussed
- Ruud offered to keep sponsoring the promo case.
- Looked for an adviser outside Freightline; see [[Career#Risk Register]].
- Started collecting evidence in [[Promo Packet 2026]].
- Reviewed [[Career#Network]] and [[2026 Goals]].
";

/// Hovers at the `$0` in the first of `notes` and checks that the hover covers `hovered`
/// and that its Markdown contains each of `expected`.
#[track_caller]
fn check_hover(notes: &[(&str, &str)], hovered: &str, expected: &[&str]) {
    let (snapshot, offset) = snapshot_at(notes);
    let Some(found) = hover(&snapshot, offset) else {
        panic!("no hover at the cursor");
    };
    assert_eq!(
        &snapshot.text()[found.range.clone()],
        hovered,
        "the hover's range\n{}",
        found.markdown
    );
    for part in expected {
        assert!(
            found.markdown.contains(part),
            "the hover lacks {part:?}:\n{}",
            found.markdown
        );
    }
}

/// Checks that the hover's Markdown does not contain `absent`.
#[track_caller]
fn check_hover_lacks(notes: &[(&str, &str)], absent: &[&str]) {
    let (snapshot, offset) = snapshot_at(notes);
    let found = hover(&snapshot, offset).expect("a hover at the cursor");
    for part in absent {
        assert!(
            !found.markdown.contains(part),
            "the hover has {part:?}:\n{}",
            found.markdown
        );
    }
}

#[track_caller]
fn check_no_hover(notes: &[(&str, &str)]) {
    let (snapshot, offset) = snapshot_at(notes);
    if let Some(found) = hover(&snapshot, offset) {
        panic!(
            "unexpected hover over {:?}:\n{}",
            &snapshot.text()[found.range.clone()],
            found.markdown
        );
    }
}

fn with_cursor(text: &str, before: &str) -> String {
    assert!(text.contains(before), "the fixture has {before:?}");
    text.replacen(before, &format!("$0{before}"), 1)
}

// ---------------------------------------------------------------------------------------
// Network roles

#[test]
fn sponsoring_in_a_session_log_shows_the_definition_and_the_sponsors() {
    let session = with_cursor(SESSION, "sponsoring the");
    check_hover(
        &[
            ("2026-02-21 Career Coaching Session.md", &session),
            ("Career.md", CAREER),
            ("2026 Goals.md", GOALS),
        ],
        "sponsoring",
        &[
            "**Sponsor** — Advocates for you when you're not in the room; has power/influence.",
            "a sponsor talks about you",
            "> Who are your sponsors? (People who advocate for you when you're not in the room)",
            "Your sponsors in *Career*:",
            "- **Ruud Janssen** — VP Engineering; put me on the architecture review board",
        ],
    );
}

#[test]
fn adviser_is_an_advisor_and_nobody_is_listed_yet() {
    let session = SESSION.replacen("adviser", "advi$0ser", 1);
    check_hover(
        &[
            ("2026-02-21 Career Coaching Session.md", &session),
            ("Career.md", CAREER),
        ],
        "adviser",
        &[
            "**Advisor** — Sounding board for specific decisions; mutual exchange.",
            "> Who are your advisors?",
            "Your advisors in *Career*: Nobody listed yet.",
        ],
    );
}

#[test]
fn mentoring_is_a_mentor_at_the_end_of_the_word_too() {
    let session = SESSION.replacen(
        "Ruud offered to keep sponsoring",
        "Asked Ingeborg about mentoring$0, and Ruud about sponsoring",
        1,
    );
    check_hover(
        &[
            ("2026-02-21 Career Coaching Session.md", &session),
            ("Career.md", CAREER),
        ],
        "mentoring",
        &[
            "**Mentor** — Gives advice based on experience; you pull from them.",
            "- **Ingeborg Vos** — Principal Engineer at a Dutch bank; monthly call",
        ],
    );
}

#[test]
fn a_mentee_is_defined_and_not_read_as_a_mentor() {
    let career = CAREER.replacen(
        "## Open Tasks",
        "## Open Tasks\n\n- [ ] Find a first Mente$0e for the staff-plus programme\n",
        1,
    );
    check_hover(
        &[("Career.md", &career)],
        "Mentee",
        &[
            "**Mentee** — Someone you develop; they pull from you.",
            "Your mentees in *Career*: Nobody listed yet.",
        ],
    );
    check_hover_lacks(&[("Career.md", &career)], &["**Mentor**"]);
}

#[test]
fn a_role_in_a_goals_note_table_cell() {
    let goals = with_cursor(GOALS, "sponsor endorsements");
    check_hover(
        &[("2026 Goals.md", &goals), ("Career.md", CAREER)],
        "sponsor",
        &["**Sponsor**", "Ruud Janssen"],
    );
}

#[test]
fn a_network_sub_heading_shows_its_role() {
    let career = CAREER.replacen("### Mentors", "##$0# Mentors", 1);
    check_hover(
        &[("Career.md", &career)],
        "### Mentors",
        &[
            "**Mentor** — Gives advice based on experience",
            "> Who are your mentors?",
            "- **Ingeborg Vos**",
        ],
    );
    let career = CAREER.replacen("### Sponsors", "### Spon$0sors", 1);
    check_hover(
        &[("Career.md", &career)],
        "Sponsors",
        &["**Sponsor**", "- **Ruud Janssen**"],
    );
}

#[test]
fn the_network_heading_shows_every_list() {
    let career = with_cursor(CAREER, "Network & Influence");
    check_hover(
        &[("Career.md", &career)],
        "## Network & Influence",
        &[
            "**Network & Influence** — Your sponsors, mentors, advisors and mentees.",
            "> Who are your sponsors?",
            "- **Sponsors:** Ruud Janssen",
            "- **Mentors:** Ingeborg Vos",
            "- **Advisors:** nobody listed yet",
            "- **Mentees:** nobody listed yet",
        ],
    );
}

#[test]
fn a_role_without_a_career_index() {
    let session = with_cursor(SESSION, "sponsoring the");
    check_hover(
        &[("2026-02-21 Career Coaching Session.md", &session)],
        "sponsoring",
        &["**Sponsor**", "No Career Index in this workspace yet"],
    );
}

// ---------------------------------------------------------------------------------------
// Section headings

#[test]
fn a_section_heading_shows_its_purpose_and_question() {
    let goals = with_cursor(GOALS, "Annual Goals\n");
    check_hover(
        &[("2026 Goals.md", &goals)],
        "## Annual Goals",
        &[
            "**Annual Goals** — The year's 2-3 outcomes",
            "> Which 2-3 outcomes this year would move you toward your vision?",
        ],
    );
    let career = with_cursor(CAREER, "2026 Theme");
    check_hover(
        &[("Career.md", &career)],
        "## 2026 Theme",
        &[
            "**Annual Theme** — One focus for this year.",
            "> If this year had ONE theme, what would it be?",
        ],
    );
}

#[test]
fn a_sub_section_heading_uses_its_own_question() {
    let career = with_cursor(CAREER, "### The Picture");
    check_hover(
        &[("Career.md", &career)],
        "### The Picture",
        &["**The Picture** — What your life, role, impact and reach look like"],
    );
}

#[test]
fn a_weekly_review_heading_lists_the_weekly_questions() {
    let goals = format!("{GOALS}\n## Weekly $0Review\n");
    check_hover(
        &[("2026 Goals.md", &goals)],
        "## Weekly Review",
        &[
            "**Weekly Review**",
            "1. What's the ONE thing this week that moves me toward my goals?",
            "4. Am I protecting time for what matters?",
        ],
    );
}

#[test]
fn an_unknown_heading_has_no_hover() {
    let session = with_cursor(
        &format!("{SESSION}\n## Homework\n- Read the book.\n"),
        "Homework",
    );
    check_no_hover(&[("2026-02-21 Career Coaching Session.md", &session)]);
    let career = format!("{CAREER}\n## Reading $0List\n");
    check_no_hover(&[("Career.md", &career)]);
}

// ---------------------------------------------------------------------------------------
// Goal IDs

#[test]
fn a_goal_id_in_its_own_cell_shows_the_row_and_the_picture_line() {
    let goals = GOALS.replacen("| G1 |", "| $0G1 |", 1);
    check_hover(
        &[("2026 Goals.md", &goals), ("Career.md", CAREER)],
        "G1",
        &[
            "**G1** — Make the case for Principal Engineer",
            "- **Success metric:** Promo packet submitted with two sponsor endorsements",
            "- **Status:** In progress",
            "- **Vision:** **Role** — Principal engineer who sets platform strategy",
        ],
    );
}

#[test]
fn a_goal_reference_in_a_weekly_action() {
    let goals = GOALS.replacen("(G1)", "(G1$0)", 1);
    check_hover(
        &[("2026 Goals.md", &goals), ("Career.md", CAREER)],
        "G1",
        &["**G1** — Make the case for Principal Engineer"],
    );
}

#[test]
fn a_goal_serving_two_pillars_lists_both_picture_lines() {
    let goals = GOALS.replacen(
        "| Focus |\n|---------|-----------|-------|\n| Q1 | *\"Prove the paved road\"* | G2",
        "| Focus |\n|---------|-----------|-------|\n| Q1 | *\"Prove the paved road\"* | $0G2",
        1,
    );
    check_hover(
        &[("2026 Goals.md", &goals), ("Career.md", CAREER)],
        "G2",
        &[
            "- **Vision:**\n  - **Impact** — Developer platforms that cut lead time",
            "  - **Reach** (the picture has no Reach line yet)",
        ],
    );
}

#[test]
fn an_unlinked_goal_says_so() {
    let goals = GOALS.replacen("| G3 |", "| G3$0 |", 1);
    check_hover(
        &[("2026 Goals.md", &goals), ("Career.md", CAREER)],
        "G3",
        &[
            "**G3** — Get better at public speaking",
            "- **Success metric:** —",
            "- **Vision:** not linked to your vision",
        ],
    );
}

#[test]
fn an_unknown_goal_id_names_the_goals_there_are() {
    let goals = GOALS.replacen("(G1)", "(G1, $0G7)", 1);
    check_hover(
        &[("2026 Goals.md", &goals)],
        "G7",
        &["**G7** is not one of your annual goals. This year's goals: G1, G2, G3."],
    );
}

#[test]
fn a_goal_id_outside_a_goals_note_has_no_hover() {
    let session = SESSION.replacen("promo case", "promo case (G1$0)", 1);
    check_no_hover(&[
        ("2026-02-21 Career Coaching Session.md", &session),
        ("2026 Goals.md", GOALS),
    ]);
}

// ---------------------------------------------------------------------------------------
// Vision pillars

#[test]
fn a_pillar_in_the_vision_column_shows_the_picture_line() {
    let goals = GOALS.replacen("| Role |", "| Ro$0le |", 1);
    check_hover(
        &[("2026 Goals.md", &goals), ("Career.md", CAREER)],
        "Role",
        &[
            "**Role** — a pillar of your vision",
            "> Principal engineer who sets platform strategy and grows the next staff engineers.",
            "— The Picture, in *Career*",
            "Goals serving it:\n\n- **G1** — Make the case for Principal Engineer",
        ],
    );
}

#[test]
fn a_vision_tag_names_a_pillar() {
    let goals = GOALS.replacen("#vision/role", "#vision/$0role", 1);
    check_hover(
        &[("2026 Goals.md", &goals), ("Career.md", CAREER)],
        "#vision/role",
        &["**Role** — a pillar of your vision", "> Principal engineer"],
    );
}

#[test]
fn a_pillar_without_a_picture_line() {
    let goals = GOALS.replacen("Impact / Reach", "Impact / $0Reach", 1);
    check_hover(
        &[("2026 Goals.md", &goals), ("Career.md", CAREER)],
        "Reach",
        &[
            "The Picture in *Career* has no Reach line yet",
            "- **G2** — Golden paths are the default",
        ],
    );
}

#[test]
fn a_picture_label_in_the_index_shows_the_goals_serving_it() {
    let career = CAREER.replacen("**Impact:**", "**Imp$0act:**", 1);
    check_hover(
        &[("Career.md", &career), ("2026 Goals.md", GOALS)],
        "Impact",
        &[
            "> Developer platforms that cut lead time from weeks to hours.",
            "- **G2** (2026 Goals) — Golden paths are the default",
        ],
    );
}

#[test]
fn pillar_words_elsewhere_are_plain_words() {
    // In the picture line's text, not its label.
    let career = CAREER.replacen("grows the next", "grows the $0next", 1);
    check_no_hover(&[("Career.md", &career)]);
    // In the Outcome column, not the Vision column.
    let goals = GOALS.replacen("Golden paths", "Golden $0paths", 1);
    check_no_hover(&[("2026 Goals.md", &goals)]);
    let goals = GOALS.replacen("| Get better", "| Get better Role$0", 1);
    check_no_hover(&[("2026 Goals.md", &goals)]);
}

// ---------------------------------------------------------------------------------------
// Wikilinks

#[test]
fn a_wikilink_shows_the_start_of_its_note() {
    let session = SESSION.replacen("[[2026 Goals]]", "[[2026 $0Goals]]", 1);
    let (snapshot, offset) = snapshot_at(&[
        ("2026-02-21 Career Coaching Session.md", &session),
        ("2026 Goals.md", GOALS),
    ]);
    let found = hover(&snapshot, offset).expect("a hover");
    assert_eq!(&snapshot.text()[found.range.clone()], "[[2026 Goals]]");
    let lines: Vec<&str> = found.markdown.lines().collect();
    assert_eq!(
        lines[..4],
        ["# 2026 Goals", "", "Serves [[Career#Vision]]", ""]
    );
    assert_eq!(
        found
            .markdown
            .lines()
            .filter(|l| !l.trim().is_empty())
            .count(),
        12 + 1,
        "twelve lines and an ellipsis:\n{}",
        found.markdown
    );
    assert!(found.markdown.ends_with("\n\n…"), "{}", found.markdown);
}

#[test]
fn a_link_to_a_session_log_shows_its_date_focus_and_decisions() {
    let index = "# Career\n\n## Session Logs\n\n| Date | Focus | Output |\n|---|---|---|\n| [[2026-02-21 Career $0Coaching Session]] | Blind spots | Risks |\n";
    let log = "# 2026-02-21 Career Coaching Session\n\n**Focus:** Blind spot review\n\n## Decisions\n- Quantify the CI overhaul in hours first.\n- Ask Ruud for a mid-year read.\n\n## Open threads\n- [x] Who sponsors the case?\n- A mitigation for the acquisition risk.\n";
    let notes = [
        ("Career.md", index),
        ("2026-02-21 Career Coaching Session.md", log),
    ];
    let (snapshot, offset) = snapshot_at(&notes);
    let found = hover(&snapshot, offset).expect("a hover");
    assert_eq!(
        found.markdown,
        "**Session of 21 February 2026** — Blind spot review\n\n**Decisions**\n\n- Quantify the CI overhaul in hours first.\n- Ask Ruud for a mid-year read.\n\n1 open thread."
    );
    // A log without focus or decisions says so rather than showing its raw text.
    let bare = "# Notes from coaching\n\nWe talked.\n";
    let notes = [
        ("Career.md", index),
        ("2026-02-21 Career Coaching Session.md", bare),
    ];
    check_hover(
        &notes,
        "[[2026-02-21 Career Coaching Session]]",
        &["**Session of 21 February 2026**\n\nNo decisions written down."],
    );
}

#[test]
fn a_heading_link_shows_that_section() {
    let session = with_cursor(SESSION, "Career#Network");
    check_hover(
        &[
            ("2026-02-21 Career Coaching Session.md", &session),
            ("Career.md", CAREER),
        ],
        "[[Career#Network]]",
        &[
            "## Network & Influence\n\n### Sponsors\n| Name | Context |",
            "| Ruud Janssen |",
            "### Advisors",
        ],
    );
    check_hover_lacks(
        &[
            ("2026-02-21 Career Coaching Session.md", &session),
            ("Career.md", CAREER),
        ],
        &["Open Tasks", "## Vision"],
    );
}

#[test]
fn a_broken_wikilink_says_the_note_does_not_exist() {
    let session = with_cursor(SESSION, "Promo Packet");
    check_hover(
        &[
            ("2026-02-21 Career Coaching Session.md", &session),
            ("Career.md", CAREER),
        ],
        "[[Promo Packet 2026]]",
        &["No note called **Promo Packet 2026** yet."],
    );
}

#[test]
fn a_link_to_a_note_that_was_not_read_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("Career.md"), "# Career\n\nSee [[Old Notes]].\n").unwrap();
    std::fs::write(root.join("Old Notes.md"), b"# Caf\xe9\n").unwrap();
    let mut workspace = crate::workspace::Workspace::new(crate::workspace::Config::default());
    workspace.add_root(root.clone());
    let snapshot = workspace
        .snapshot(&root.join("Career.md"))
        .expect("indexed");
    let offset = snapshot.text().find("Old Notes").expect("the link");
    let found = hover(&snapshot, offset).expect("a hover on the link");
    assert_eq!(
        found.markdown,
        "**Old Notes** is not indexed: it is not UTF-8 (byte 0xE9 at offset 5)."
    );
}

#[test]
fn a_link_to_a_missing_heading() {
    let session = with_cursor(SESSION, "Career#Risk");
    check_hover(
        &[
            ("2026-02-21 Career Coaching Session.md", &session),
            ("Career.md", CAREER),
        ],
        "[[Career#Risk Register]]",
        &["*Career* has no heading **Risk Register**."],
    );
}

#[test]
fn a_template_placeholder_link() {
    let career = CAREER.replacen("[[2026 Goals]]", "[[[Year] $0Goals]]", 1);
    check_hover(
        &[("Career.md", &career)],
        "[[[Year] Goals]]",
        &["A placeholder from the template"],
    );
}

#[test]
fn a_wikilink_in_any_markdown_note() {
    let other = "# Reading list\n\n- Revisit [[Ca$0reer]] after the offsite\n";
    check_hover(
        &[("Reading.md", other), ("Career.md", CAREER)],
        "[[Career]]",
        &["# Career\n\n> Platform engineer"],
    );
}

// ---------------------------------------------------------------------------------------
// No hover

#[test]
fn plain_words_have_no_hover() {
    let session = with_cursor(SESSION, "offered");
    check_no_hover(&[("2026-02-21 Career Coaching Session.md", &session)]);
    let session = SESSION.replacen("- Ruud", "-$0 Ruud", 1);
    check_no_hover(&[("2026-02-21 Career Coaching Session.md", &session)]);
}

#[test]
fn nothing_inside_code_has_a_hover() {
    let goals = GOALS.replacen("`G2`", "`G$02`", 1);
    check_no_hover(&[("2026 Goals.md", &goals)]);
    let session = format!("{SESSION}\n```\nmentor: [[Career]]\n$0sponsor\n```\n");
    check_no_hover(&[
        ("2026-02-21 Career Coaching Session.md", &session),
        ("Career.md", CAREER),
    ]);
    let session = SESSION.replacen("sponsoring", "`sponsoring$0`", 1);
    check_no_hover(&[("2026-02-21 Career Coaching Session.md", &session)]);
}

#[test]
fn role_words_in_urls_and_other_notes_have_no_hover() {
    let session = SESSION.replacen(
        "- Ruud",
        "- Read [the post](https://example.com/mentor$0ing) and https://example.com/spon",
        1,
    );
    check_no_hover(&[("2026-02-21 Career Coaching Session.md", &session)]);
    let other = "# Team notes\n\nOur mentoring$0 programme starts in May.\n";
    check_no_hover(&[("Team notes.md", other)]);
}

#[test]
fn front_matter_has_no_hover() {
    let career = format!("---\nkind: career-index\nowner: mentor$0\n---\n{CAREER}");
    check_no_hover(&[("Index.md", &career)]);
}

#[test]
fn offsets_past_the_end_have_no_hover() {
    let (snapshot, _) = snapshot_at(&[("Career.md", &format!("{CAREER}$0"))]);
    assert_eq!(hover(&snapshot, CAREER.len() + 10), None);
}

// ---------------------------------------------------------------------------------------
// Plain text

#[test]
fn plain_text_drops_the_markup() {
    let markdown = "\
## Network & Influence

**Sponsor** — Advocates for you; *has* power/influence.

> Who are your sponsors? (People who advocate for you)

- **Ruud Janssen** — VP_Engineering, `G1`, [blog](https://example.com)
* a bullet
> > nested \\*quote\\*

```
kept **as is**
```";
    assert_eq!(
        to_plain_text(markdown),
        "\
Network & Influence

Sponsor — Advocates for you; has power/influence.

Who are your sponsors? (People who advocate for you)

- Ruud Janssen — VP_Engineering, G1, blog (https://example.com)
* a bullet
nested *quote*

kept **as is**"
    );
}

#[test]
fn plain_text_of_a_real_hover() {
    let session = with_cursor(SESSION, "sponsoring the");
    let (snapshot, offset) = snapshot_at(&[
        ("2026-02-21 Career Coaching Session.md", &session),
        ("Career.md", CAREER),
    ]);
    let found = hover(&snapshot, offset).expect("a hover");
    let plain = to_plain_text(&found.markdown);
    assert!(plain.starts_with("Sponsor — Advocates for you"), "{plain}");
    assert!(plain.contains("\nWho are your sponsors?"), "{plain}");
    assert!(plain.contains("- Ruud Janssen — VP Engineering"), "{plain}");
    assert!(!plain.contains("**") && !plain.contains("> "), "{plain}");
}

#[test]
fn every_offset_of_every_demo_note_is_safe() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo");
    let mut notes: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("the demo workspace")
        .map(|entry| entry.expect("a file").path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            (name, std::fs::read_to_string(&path).expect("a note"))
        })
        .collect();
    // Multi-byte text: emoji, CJK, a no-break space before a role word.
    notes.push((
        "2026-03-01 Career Session.md".to_string(),
        "# 🎯 会議\n\n- 🚀 Met my\u{a0}mentor 田中 — [[Career#🎯 Vision]] G1\u{a0}G2\n".to_string(),
    ));
    let mut hovers = 0;
    for first in 0..notes.len() {
        let mut ordered: Vec<(&str, &str)> = notes
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        ordered.swap(0, first);
        let snapshot = crate::features::test_support::snapshot(&ordered);
        let text = snapshot.text();
        for offset in 0..=text.len() + 1 {
            if let Some(found) = hover(&snapshot, offset) {
                assert!(found.range.start <= offset && offset <= found.range.end);
                assert!(text.get(found.range.clone()).is_some());
                let _ = to_plain_text(&found.markdown);
                hovers += 1;
            }
        }
    }
    assert!(hovers > 100, "{hovers} hovers");
}
