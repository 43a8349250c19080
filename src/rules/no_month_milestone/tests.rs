use crate::rules::fixes_support::testing::{findings, fixed, titles};

const CODE: &str = super::NoMonthMilestone::META.code;

const ANNUAL: &str = "# 2026 Goals\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status | Vision |\n|---|---|---|---|---|\n| G1 | Principal promotion | Packet accepted | In progress | Role |\n";

fn config(day: &str, extra: &str) -> String {
    format!("today = \"{day}\"\n{extra}")
}

fn found_on(goals: &str, day: &str) -> Vec<(String, String)> {
    let config = config(day, "");
    findings(
        &[("2026 Goals.md", goals), ("career-lsp.toml", &config)],
        CODE,
    )
    .into_iter()
    .map(|f| (goals[f.range.clone()].to_string(), f.message))
    .collect()
}

fn fixed_on(goals: &str, day: &str, title: &str) -> String {
    let config = config(day, "");
    let notes = [
        ("2026 Goals.md", goals),
        ("career-lsp.toml", config.as_str()),
    ];
    assert_eq!(titles(&notes, CODE), [[title]]);
    fixed(&notes, CODE, 0, title)
}

#[test]
fn a_month_heading_goes_in_order_among_the_others() {
    let goals = format!("{ANNUAL}\n## Monthly Milestones\n\n### Mar 2026\n- [ ] Dual-write live (G1)\n\n### Jun 2026\n- [ ] Cut over settlement (G1)\n\n## Weekly Actions\n");
    assert_eq!(
        found_on(&goals, "2026-05-01"),
        [(
            "## Monthly Milestones".to_string(),
            "No milestone for May yet — what will be done by the end of the month?".to_string()
        )]
    );
    assert_eq!(found_on(&goals, "2026-03-31"), []);
    let after = fixed_on(&goals, "2026-05-01", "Add a milestone for May");
    assert_eq!(
        after,
        goals.replace(
            "### Jun 2026",
            "### May 2026\n- [ ] [Milestone]\n\n### Jun 2026"
        )
    );
    // The placeholder is not a milestone yet; a written one is.
    assert_eq!(found_on(&after, "2026-05-01").len(), 1);
    let written = after.replace("[Milestone]", "Promo narrative reviewed (G1)");
    assert_eq!(found_on(&written, "2026-05-01"), []);
    // After the last month, at the section's end.
    let after = fixed_on(&goals, "2026-07-20", "Add a milestone for July");
    assert_eq!(
        after,
        goals.replace(
            "(G1)\n\n## Weekly",
            "(G1)\n\n### Jul 2026\n- [ ] [Milestone]\n\n## Weekly"
        )
    );
}

#[test]
fn milestones_dated_in_the_month_in_any_shape_count() {
    for milestones in [
        "- [ ] Promo narrative drafted (G1) — May 2026\n",
        "- [x] 2026-05-20 talk outline reviewed (G1)\n",
        "- [ ] May: promo narrative drafted (G1)\n",
        "- [ ] **May** — promo narrative drafted\n",
        "- May\n  - [ ] Promo narrative drafted (G1)\n",
        "### May\n- [ ] Promo narrative drafted (G1)\n",
        "| Month | Milestone | Status |\n|---|---|---|\n| May | Promo narrative drafted | |\n",
    ] {
        let goals = format!("{ANNUAL}\n## Monthly Milestones\n\n{milestones}");
        assert_eq!(found_on(&goals, "2026-05-31"), [], "{milestones}");
        assert_eq!(found_on(&goals, "2026-06-01").len(), 1, "{milestones}");
    }
}

#[test]
fn a_list_gets_an_item_and_a_table_a_row() {
    let list = format!("{ANNUAL}\n## Monthly Milestones\n\n- [ ] March: dual-write live (G1)\n");
    assert_eq!(
        fixed_on(&list, "2026-05-02", "Add a milestone for May"),
        format!("{list}- [ ] May: [Milestone]\n")
    );
    let table = format!("{ANNUAL}\n## Monthly Milestones\n\n| Month | Milestone | Status |\n|---|---|---|\n| March | Dual-write live | ✅ |\n");
    assert_eq!(
        fixed_on(&table, "2026-05-02", "Add a milestone for May"),
        format!("{table}| May | [Milestone] | |\n")
    );
    // An absent or empty section is missing-section's or empty-section's to ask about…
    let without = format!("{ANNUAL}\n## Weekly Actions\n");
    assert_eq!(found_on(&without, "2026-05-02"), []);
    let empty = format!("{ANNUAL}\n## Monthly Milestones\n\n## Weekly Actions\n");
    assert_eq!(found_on(&empty, "2026-05-02"), []);
    // …unless they are off: then this rule asks, at the H1, and brings the section.
    let off = config("2026-05-02", "[rules]\nmissing-section = \"off\"\n");
    let notes = [
        ("2026 Goals.md", without.as_str()),
        ("career-lsp.toml", off.as_str()),
    ];
    let found = findings(&notes, CODE);
    assert_eq!(&without[found[0].range.clone()], "# 2026 Goals");
    assert_eq!(
        fixed(&notes, CODE, 0, "Add a milestone for May"),
        without.replace(
            "\n## Weekly",
            "\n## Monthly Milestones\n\n- [ ] May: [Milestone]\n\n## Weekly"
        )
    );
}

#[test]
fn grace_days_and_other_years() {
    let goals = format!("{ANNUAL}\n## Monthly Milestones\n\n- [ ] March: dual-write live (G1)\n");
    let on = |day: &str, grace: u32| {
        let config = config(
            day,
            &format!("[cadence]\nmonthly-milestone-grace-days = {grace}\n"),
        );
        findings(
            &[
                ("2026 Goals.md", goals.as_str()),
                ("career-lsp.toml", &config),
            ],
            CODE,
        )
        .len()
    };
    assert_eq!(on("2026-05-01", 0), 1);
    assert_eq!(on("2026-05-07", 7), 0);
    assert_eq!(on("2026-05-08", 7), 1);
    for (name, text) in [
        ("2025 Goals.md", goals.replace("2026 Goals", "2025 Goals")),
        ("Goals.md", goals.replace("# 2026 Goals", "# Goals")),
    ] {
        let config = config("2026-05-02", "");
        assert!(findings(&[(name, text.as_str()), ("career-lsp.toml", &config)], CODE).is_empty());
    }
}
