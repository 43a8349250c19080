use crate::rules::fixes_support::testing::{findings, fixed, titles};

const CODE: &str = super::NoQuarterIntention::META.code;
const ADD: &str = "Add the Q2 intention";

const ANNUAL: &str = "# 2026 Goals\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status | Vision |\n|---|---|---|---|---|\n| G1 | Principal promotion | Packet accepted | In progress | Role |\n| G2 | Ledger v3 live | 100% of volume | Complete | Impact |\n| G3 | Known outside the company | Two talks | Not started | Reach |\n";

const MILESTONES: &str = "\n## Monthly Milestones\n\n- [ ] Talk outline reviewed (G3) Apr 2026\n";

fn on(day: &str) -> String {
    format!("today = \"{day}\"\n")
}

/// The findings' messages and the ranges' text, on `day`.
fn found_on(goals: &str, day: &str) -> Vec<(String, String)> {
    let config = on(day);
    findings(
        &[("2026 Goals.md", goals), ("career-lsp.toml", &config)],
        CODE,
    )
    .into_iter()
    .map(|f| (goals[f.range.clone()].to_string(), f.message))
    .collect()
}

fn table(rows: &str) -> String {
    format!("{ANNUAL}\n## Quarterly Intentions\n\n| Quarter | Intention | Focus |\n|---------|-----------|-------|\n{rows}{MILESTONES}")
}

#[test]
fn on_the_quarters_first_day_a_row_is_added_with_the_open_goals() {
    let goals = table("| Q1 | *\"Prove it\"* | G1: scope summary |\n");
    assert_eq!(
        found_on(&goals, "2026-04-01"),
        [(
            "## Quarterly Intentions".to_string(),
            "Q2 has started and has no intention yet — what is this quarter about?".to_string()
        )]
    );
    // The last day of the quarter before: Q1 has its intention.
    assert_eq!(found_on(&goals, "2026-03-31"), []);
    let config = on("2026-04-01");
    let notes = [
        ("2026 Goals.md", goals.as_str()),
        ("career-lsp.toml", &config),
    ];
    assert_eq!(titles(&notes, CODE), [[ADD]]);
    let after = fixed(&notes, CODE, 0, ADD);
    assert_eq!(
        after,
        goals.replace(
            "| G1: scope summary |\n",
            "| G1: scope summary |\n| Q2 | [Intention] | G1, G3 |\n"
        )
    );
    // A placeholder is not an intention: the finding stays until the person writes one.
    assert_eq!(found_on(&after, "2026-04-01").len(), 1);
    let written = after.replace("[Intention]", "*\"Go external\"*");
    assert_eq!(found_on(&written, "2026-04-01"), []);
}

#[test]
fn grace_days_let_the_quarter_start_before_it_asks() {
    let goals = table("| Q1 | *\"Prove it\"* | G1 |\n");
    let with_grace = |day: &str| {
        let config = format!("{}[cadence]\nquarterly-intention-grace-days = 1\n", on(day));
        findings(
            &[
                ("2026 Goals.md", goals.as_str()),
                ("career-lsp.toml", &config),
            ],
            CODE,
        )
        .len()
    };
    assert_eq!(with_grace("2026-04-01"), 0);
    assert_eq!(with_grace("2026-04-02"), 1);
    // The year's first quarter too, and without grace from its first day.
    let later_only = table("| Q2 | *\"Go external\"* | G3 |\n");
    assert_eq!(found_on(&later_only, "2026-01-01").len(), 1);
}

#[test]
fn an_empty_or_template_row_is_filled_where_nothing_is_written() {
    // The template's row: the intention stays for the person, the focus gets the goals.
    let goals = table("| Q1 | *\"Prove it\"* | G1 |\n| Q2 | [What this quarter is about] | [specific priorities] |\n");
    let config = on("2026-05-10");
    let notes = [
        ("2026 Goals.md", goals.as_str()),
        ("career-lsp.toml", &config),
    ];
    assert_eq!(
        fixed(&notes, CODE, 0, ADD),
        goals.replace("| [specific priorities] |", "| G1, G3 |")
    );
    // An empty intention next to a focus the person wrote: only the intention is marked.
    let goals = table("| Q2 | | G3 only |\n");
    let notes = [
        ("2026 Goals.md", goals.as_str()),
        ("career-lsp.toml", &config),
    ];
    assert_eq!(found_on(&goals, "2026-05-10").len(), 1);
    assert_eq!(
        fixed(&notes, CODE, 0, ADD),
        goals.replace("| Q2 | | G3 only |", "| Q2 | [Intention] | G3 only |")
    );
    // Nothing left to fill: the finding asks, with no fix.
    let goals = table("| Q1 | *\"Prove it\"* | G1 |\n| Q2 | [Intention] | G3 |\n");
    let notes = [
        ("2026 Goals.md", goals.as_str()),
        ("career-lsp.toml", &config),
    ];
    assert_eq!(titles(&notes, CODE), [Vec::<String>::new()]);
    // A written intention is one.
    assert_eq!(
        found_on(&table("| Q2 | *\"Go external\"* | |\n"), "2026-05-10"),
        []
    );
}

#[test]
fn intentions_written_as_a_list_or_as_headings_are_read_and_extended() {
    let config = on("2026-04-01");
    let list =
        format!("{ANNUAL}\n## Quarterly Intentions\n\n- **Q1:** \"Prove it\" (G1)\n{MILESTONES}");
    let notes = [
        ("2026 Goals.md", list.as_str()),
        ("career-lsp.toml", &config),
    ];
    assert_eq!(
        fixed(&notes, CODE, 0, ADD),
        list.replace("(G1)\n", "(G1)\n- Q2: [Intention] (G1, G3)\n")
    );
    let listed = list.replace("(G1)\n", "(G1)\n- **Q2:** \"Go external\" (G3)\n");
    assert_eq!(found_on(&listed, "2026-04-01"), []);

    let headings = format!("{ANNUAL}\n## Quarterly Intentions\n\n### Q1 — \"Prove it\"\n- G1: scope summary\n{MILESTONES}");
    let notes = [
        ("2026 Goals.md", headings.as_str()),
        ("career-lsp.toml", &config),
    ];
    assert_eq!(
        fixed(&notes, CODE, 0, ADD),
        headings.replace(
            "scope summary\n",
            "scope summary\n\n### Q2 — [Intention]\n- Focus: G1, G3\n"
        )
    );
    let headed = headings.replace("\n## Monthly", "\n### Q2 — \"Go external\"\n\n## Monthly");
    assert_eq!(found_on(&headed, "2026-04-01"), []);
    let headed = headings.replace(
        "\n## Monthly",
        "\n### Q2\nGo external with the G3 talk.\n\n## Monthly",
    );
    assert_eq!(found_on(&headed, "2026-04-01"), []);
}

#[test]
fn without_the_section_it_comes_with_its_table_where_the_template_puts_it() {
    // An empty section is empty-section's to ask about, an absent one missing-section's.
    let empty = format!("{ANNUAL}\n## Quarterly Intentions\n{MILESTONES}");
    assert_eq!(found_on(&empty, "2026-04-01"), []);
    let goals = format!("{ANNUAL}{MILESTONES}");
    assert_eq!(found_on(&goals, "2026-04-01"), []);
    // With missing-section off, this rule asks, at the H1, and brings the section.
    let config = format!("{}[rules]\nmissing-section = \"off\"\n", on("2026-04-01"));
    let notes = [
        ("2026 Goals.md", goals.as_str()),
        ("career-lsp.toml", &config),
    ];
    let found = findings(&notes, CODE);
    assert_eq!(&goals[found[0].range.clone()], "# 2026 Goals");
    assert_eq!(
        fixed(&notes, CODE, 0, ADD),
        goals.replace(
            "\n## Monthly Milestones",
            "\n## Quarterly Intentions\n\n| Quarter | Intention | Focus |\n|---------|-----------|-------|\n| Q2 | [Intention] | G1, G3 |\n\n## Monthly Milestones"
        )
    );
}

#[test]
fn only_the_current_years_note_is_asked() {
    let goals = table("| Q1 | *\"Prove it\"* | G1 |\n");
    for (name, text) in [
        ("2025 Goals.md", goals.replace("2026 Goals", "2025 Goals")),
        ("2027 Goals.md", goals.replace("2026 Goals", "2027 Goals")),
        ("Goals.md", goals.replace("# 2026 Goals", "# Goals")),
    ] {
        let config = on("2026-04-01");
        let found = findings(&[(name, text.as_str()), ("career-lsp.toml", &config)], CODE);
        assert!(found.is_empty(), "{name}: {found:#?}");
    }
}
