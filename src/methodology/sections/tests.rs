//! The section table and heading matching, checked against the SPEC's alias tables.

use super::*;

#[test]
fn table_is_in_declaration_order() {
    for (index, info) in SECTIONS.iter().enumerate() {
        assert_eq!(info.id as usize, index, "{:?} is out of place", info.id);
    }
}

#[test]
fn headings_match_through_aliases() {
    let cases = [
        (NoteKind::CareerIndex, "🎯 Vision", Some(S::Vision)),
        (NoteKind::CareerIndex, "North Star", Some(S::Vision)),
        (NoteKind::CareerIndex, "2026 Theme", Some(S::AnnualTheme)),
        (NoteKind::CareerIndex, "[Year] Theme", Some(S::AnnualTheme)),
        (
            NoteKind::CareerIndex,
            "Success Criteria (Dec 2026)",
            Some(S::SuccessCriteria),
        ),
        (
            NoteKind::CareerIndex,
            "Network & Influence",
            Some(S::Network),
        ),
        (
            NoteKind::CareerIndex,
            "NETWORK AND INFLUENCE",
            Some(S::Network),
        ),
        (
            NoteKind::CareerIndex,
            "Wins & Artifacts 🏆",
            Some(S::WinsAndArtifacts),
        ),
        (
            NoteKind::CareerIndex,
            "External Visibility Plan",
            Some(S::ExternalVisibility),
        ),
        (
            NoteKind::CareerIndex,
            "Business Impact Metrics",
            Some(S::BusinessImpact),
        ),
        (
            NoteKind::CareerIndex,
            "Point of View",
            Some(S::InnovationThesis),
        ),
        (NoteKind::CareerIndex, "Risks", Some(S::RiskRegister)),
        (NoteKind::CareerIndex, "Hobbies", None),
        (NoteKind::Goals, "2026 Goals", Some(S::AnnualGoals)),
        (
            NoteKind::Goals,
            "Weekly Review — 2026-03-09",
            Some(S::WeeklyReview),
        ),
        (NoteKind::Goals, "Milestones", Some(S::MonthlyMilestones)),
        (NoteKind::Goals, "Vision", None),
        (NoteKind::Profile, "How to help", Some(S::HowToHelp)),
    ];
    for (kind, text, expected) in cases {
        assert_eq!(match_section(kind, text), expected, "{text:?}");
    }
}

#[test]
fn core_sections_follow_the_template() {
    let index: Vec<_> = core_sections(NoteKind::CareerIndex).collect();
    assert_eq!(index.len(), 12);
    assert_eq!(index[0], S::Vision);
    assert_eq!(index[11], S::OpenTasks);
    assert_eq!(core_sections(NoteKind::Goals).count(), 4);
    assert_eq!(core_sections(NoteKind::Profile).count(), 5);
}

/// Every alias of SPEC §1.1's table, in the kind of note it belongs to.
#[test]
fn the_person_shaped_aliases_match() {
    let index = [
        ("Career Vision", S::Vision),
        ("Long-Term Vision", S::Vision),
        ("Long-Term Aspiration", S::Vision),
        ("5-Year Vision", S::Vision),
        ("Where I'm Heading", S::Vision),
        ("Where I’m heading", S::Vision),
        ("About Me", S::CurrentRole),
        ("Current Position", S::CurrentRole),
        ("Current Scope", S::CurrentRole),
        ("Career Timeline", S::Timeline),
        ("Career Timeline (Mermaid Gantt Chart)", S::Timeline),
        ("Experience", S::Timeline),
        ("Work History", S::Timeline),
        ("What I Learned", S::Growth),
        ("What I learned in 2024", S::Growth),
        ("Learning", S::Growth),
        ("Skills & Learning", S::Growth),
        ("Certifications", S::Growth),
        ("What I Believe", S::InnovationThesis),
        ("Beliefs", S::InnovationThesis),
        ("POV", S::InnovationThesis),
        ("Talks", S::ExternalVisibility),
        ("Speaking", S::ExternalVisibility),
        ("Writing", S::ExternalVisibility),
        ("Talks & Writing", S::ExternalVisibility),
        ("Publications", S::ExternalVisibility),
        ("Open Source", S::ExternalVisibility),
        ("Open-Source", S::ExternalVisibility),
        ("Community", S::ExternalVisibility),
        ("Accomplishments", S::WinsAndArtifacts),
        ("My accomplishments", S::WinsAndArtifacts),
        ("Key Achievements", S::WinsAndArtifacts),
        ("Brag Document", S::WinsAndArtifacts),
        ("Brag Doc", S::WinsAndArtifacts),
        ("✨ Highlights", S::WinsAndArtifacts),
        ("2024 Accomplishments", S::WinsAndArtifacts),
        ("Results", S::BusinessImpact),
        ("Contingency", S::RiskRegister),
        ("Plan B", S::RiskRegister),
        ("Action Plan", S::OpenTasks),
        ("Action Items", S::OpenTasks),
        ("Next Steps", S::OpenTasks),
        ("To Do", S::OpenTasks),
        ("To-Do", S::OpenTasks),
        ("TODO", S::OpenTasks),
        ("Mentors", S::Mentors),
        ("Sponsors", S::Sponsors),
        ("Advisors", S::Advisors),
        ("Mentees", S::Mentees),
    ];
    for (text, expected) in index {
        assert_eq!(
            match_section(NoteKind::CareerIndex, text),
            Some(expected),
            "{text:?}"
        );
    }
    let goals = [
        ("Goals", S::AnnualGoals),
        ("Yearly Goals", S::AnnualGoals),
        ("Objectives", S::AnnualGoals),
        ("OKRs", S::AnnualGoals),
        ("2024 Resolutions", S::AnnualGoals),
        ("Q1", S::QuarterlyIntentions),
        ("Q2 2026", S::QuarterlyIntentions),
        ("2026 Q3", S::QuarterlyIntentions),
        ("Q4 (Oct–Dec)", S::QuarterlyIntentions),
    ];
    for (text, expected) in goals {
        assert_eq!(
            match_section(NoteKind::Goals, text),
            Some(expected),
            "{text:?}"
        );
    }
}

/// Aliases belong to a kind of note: a Career Index's "Goals" or "Q2" heading is no
/// section of it, and a Goals note's "Writing" or "Results" is none of the Goals note's.
#[test]
fn aliases_are_per_kind_of_note() {
    for text in ["Goals", "Objectives", "OKRs", "Q2", "Q2 2026"] {
        assert_eq!(match_section(NoteKind::CareerIndex, text), None, "{text:?}");
    }
    for text in ["Writing", "Results", "Experience", "Highlights", "About Me"] {
        assert_eq!(match_section(NoteKind::Goals, text), None, "{text:?}");
    }
    assert_eq!(match_section(NoteKind::Profile, "Learning"), None);
}

#[test]
fn a_period_is_a_group_never_a_section() {
    for text in [
        "2026",
        "March",
        "Mar 2026",
        "March 2026",
        "2026-03-09",
        "Q3 2025",
    ] {
        assert!(is_period_heading(text), "{text:?}");
        assert_eq!(match_section(NoteKind::CareerIndex, text), None, "{text:?}");
    }
    for text in ["2026", "March", "2026-03"] {
        assert_eq!(match_section(NoteKind::Goals, text), None, "{text:?}");
    }
    for text in ["2026 Goals", "Wins", "May the force", "Open Source"] {
        assert!(!is_period_heading(text), "{text:?}");
    }
}

#[test]
fn the_persons_aliases_come_first_and_only_in_their_kind_of_note() {
    let aliases = SectionAliases::new([
        ("🚀 Stuff I Shipped".to_string(), S::WinsAndArtifacts),
        ("Experience".to_string(), S::Growth),
        ("Big Rocks".to_string(), S::AnnualGoals),
    ]);
    let index = |text| match_section_with(NoteKind::CareerIndex, text, &aliases);
    assert_eq!(index("Stuff I shipped"), Some(S::WinsAndArtifacts));
    assert_eq!(index("2025 Stuff I Shipped"), Some(S::WinsAndArtifacts));
    assert_eq!(index("Experience"), Some(S::Growth));
    assert_eq!(index("Big Rocks"), None);
    assert_eq!(
        match_section_with(NoteKind::Goals, "Big rocks", &aliases),
        Some(S::AnnualGoals)
    );
    assert_eq!(
        match_section(NoteKind::CareerIndex, "Stuff I shipped"),
        None
    );
    assert!(SectionAliases::new([]).is_empty());
}

#[test]
fn alias_keys_name_the_top_level_sections() {
    assert_eq!(SectionId::from_alias_key("wins"), Some(S::WinsAndArtifacts));
    assert_eq!(
        SectionId::from_alias_key("Annual_Goals"),
        Some(S::AnnualGoals)
    );
    assert_eq!(SectionId::from_alias_key("sponsors"), None);
    assert_eq!(SectionId::from_alias_key("win"), None);
    for (key, id) in ALIASABLE {
        assert_eq!(id.alias_key(), Some(*key));
        assert!(id.parent().is_none(), "{key} is a top-level section");
    }
    assert_eq!(ALIASABLE.len(), 16);
}
