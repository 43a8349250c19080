//! The columns of the notes' tables and the headers each goes by: the Annual Goals table,
//! the Quarterly Intentions table, milestone tables, tables of people, Business Impact and
//! the Risk Register.
//!
//! A table's column is found by its header, in any case and with emphasis ignored (see
//! `syntax::Table::column`); the lists here are the headers, in lower case. The model,
//! the rules and the editing features all look columns up here, so a header the product
//! learns to read is added in one place.

/// A column of the Annual Goals table (`| Goal | Outcome | Success Metric | Status |
/// Vision |`), known by its meaning: an OKR table (`| Objective | Key Result | Status |`)
/// is a table of goals too.
///
/// `Goal` names two columns: the ID when its cells are IDs (`G1`), else the outcome (a
/// table that keeps no IDs numbers its goals by position). The model decides which by
/// reading the cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GoalColumn {
    /// The goal's ID (`G1`). A table that names no such column keeps the IDs in its first,
    /// when its first column's cells are IDs.
    Id,
    Outcome,
    SuccessMetric,
    Status,
    /// The part of the vision the goal serves: a pillar or the North Star.
    Vision,
}

impl GoalColumn {
    /// In the template's order.
    pub const ALL: [GoalColumn; 5] = [
        GoalColumn::Id,
        GoalColumn::Outcome,
        GoalColumn::SuccessMetric,
        GoalColumn::Status,
        GoalColumn::Vision,
    ];

    /// The headers that name the column, in lower case.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            GoalColumn::Id => &["goal", "id", "#"],
            GoalColumn::Outcome => &[
                "outcome",
                "objective",
                "objectives",
                "goal",
                "goals",
                "goal statement",
                "what",
            ],
            GoalColumn::SuccessMetric => &[
                "success metric",
                "success metrics",
                "key result",
                "key results",
                "kr",
                "krs",
                "metric",
                "metrics",
                "measure",
                "target",
                "kpi",
                "kpis",
            ],
            GoalColumn::Status => &["status", "state", "progress"],
            GoalColumn::Vision => &["vision", "serves", "pillar", "vision link"],
        }
    }
}

/// A column of the Quarterly Intentions table (`| Quarter | Intention | Focus |`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntentionColumn {
    /// `Q1`…`Q4`. A table that names no such column keeps the quarter in its first.
    Quarter,
    Intention,
    /// The goals the quarter works on, by ID.
    Focus,
}

impl IntentionColumn {
    /// In the template's order.
    pub const ALL: [IntentionColumn; 3] = [
        IntentionColumn::Quarter,
        IntentionColumn::Intention,
        IntentionColumn::Focus,
    ];

    /// The headers that name the column, in lower case.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            IntentionColumn::Quarter => &["quarter", "q"],
            IntentionColumn::Intention => &["intention", "theme"],
            IntentionColumn::Focus => &["focus", "priorities", "goals"],
        }
    }
}

/// A column of a table of monthly milestones or weekly actions (the template writes them
/// as checkboxes; some people keep them in a table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MilestoneColumn {
    /// Whether the milestone is done (see [`super::statuses::MILESTONE_DONE_MARKS`]).
    Status,
    /// When it is due: a month, a week or a date.
    Due,
}

impl MilestoneColumn {
    /// The headers that name the column, in lower case.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            MilestoneColumn::Status => &["status", "done", "✓", "state"],
            MilestoneColumn::Due => &["month", "week", "due", "date"],
        }
    }
}

/// A column of a table of people: Key Stakeholders, a Network sub-section, or one Network
/// table with a Type column (`| Name | Type | Context |`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PersonColumn {
    /// The person's name. A table that names no such column keeps names in its first.
    Name,
    /// What the person does, or how they relate to you.
    Context,
    /// Which kind of relationship a row of one Network table is: sponsor, mentor, advisor
    /// or mentee.
    Type,
}

impl PersonColumn {
    /// The headers that name the column, in lower case. `Role` and `Relationship` name the
    /// Context in a table without a Type column and the Type in one with it.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            PersonColumn::Name => &["name", "who", "person"],
            PersonColumn::Context => &["context", "role", "relationship", "notes"],
            PersonColumn::Type => &["type", "role", "relationship", "kind"],
        }
    }
}

/// A column of the Business Impact table (`| Initiative | Business Impact | Year |`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImpactColumn {
    Initiative,
    /// What the initiative changed for the business, ideally in numbers.
    BusinessImpact,
    Year,
}

impl ImpactColumn {
    /// In the template's order.
    pub const ALL: [ImpactColumn; 3] = [
        ImpactColumn::Initiative,
        ImpactColumn::BusinessImpact,
        ImpactColumn::Year,
    ];

    /// The headers that name the column, in lower case.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            ImpactColumn::Initiative => &["initiative"],
            ImpactColumn::BusinessImpact => &["business impact", "impact"],
            ImpactColumn::Year => &["year"],
        }
    }
}

/// A column of the Risk Register table (`| Risk | Likelihood | Impact | Mitigation |`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RiskColumn {
    Risk,
    Likelihood,
    Impact,
    /// What you would do if the risk came true.
    Mitigation,
}

impl RiskColumn {
    /// In the template's order.
    pub const ALL: [RiskColumn; 4] = [
        RiskColumn::Risk,
        RiskColumn::Likelihood,
        RiskColumn::Impact,
        RiskColumn::Mitigation,
    ];

    /// The headers that name the column, in lower case.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            RiskColumn::Risk => &["risk"],
            RiskColumn::Likelihood => &["likelihood", "probability"],
            RiskColumn::Impact => &["impact"],
            RiskColumn::Mitigation => &["mitigation", "contingency", "plan b"],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methodology::templates;

    /// The header cells of the first table in `template` whose header starts with `first`.
    fn header(template: &str, first: &str) -> Vec<String> {
        let line = template
            .lines()
            .find(|line| line.starts_with(&format!("| {first} |")))
            .unwrap_or_else(|| panic!("no table starting with {first}"));
        line.trim_matches('|')
            .split('|')
            .map(|cell| cell.trim().to_lowercase())
            .collect()
    }

    /// Whether `cell` (a header, in lower case) names the column with these `aliases`.
    fn names(cell: &str, aliases: &[&str]) -> bool {
        aliases.contains(&cell)
    }

    #[test]
    fn the_templates_tables_are_read_column_by_column() {
        let goals = templates::goals(2026, chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap());
        let index = templates::career_index(2026);
        let cases: [(&str, &str, Vec<&[&str]>); 4] = [
            (
                &goals,
                "Goal",
                GoalColumn::ALL.iter().map(|c| c.aliases()).collect(),
            ),
            (
                &goals,
                "Quarter",
                IntentionColumn::ALL.iter().map(|c| c.aliases()).collect(),
            ),
            (
                &index,
                "Initiative",
                ImpactColumn::ALL.iter().map(|c| c.aliases()).collect(),
            ),
            (
                &index,
                "Risk",
                RiskColumn::ALL.iter().map(|c| c.aliases()).collect(),
            ),
        ];
        for (template, first, columns) in cases {
            let header = header(template, first);
            assert_eq!(header.len(), columns.len(), "{header:?}");
            for (cell, aliases) in header.iter().zip(columns) {
                assert!(names(cell, aliases), "{cell} is not one of {aliases:?}");
            }
        }
        // Key Stakeholders (`| Name | Role | Relationship |`) and the Network's sub-sections
        // (`| Name | Context |`): a name, then what the person does or is to you.
        let stakeholders = header(&index, "Name");
        assert!(index.contains("| Name | Context |"));
        for cell in [&stakeholders[0], "name"] {
            assert!(names(cell, PersonColumn::Name.aliases()), "{cell}");
        }
        for cell in [&stakeholders[1], &stakeholders[2], "context"] {
            assert!(names(cell, PersonColumn::Context.aliases()), "{cell}");
        }
    }

    #[test]
    fn the_goal_columns_go_by_the_names_the_spec_gives_them() {
        // SPEC §1.1, "Goal table columns by meaning".
        for (column, spec) in [
            (GoalColumn::Id, &["Goal", "ID", "#"][..]),
            (GoalColumn::Outcome, &["Outcome", "Objective", "Goal"]),
            (
                GoalColumn::SuccessMetric,
                &[
                    "Success Metric",
                    "Key Result",
                    "Key Results",
                    "Metric",
                    "Measure",
                    "Target",
                    "KPI",
                ],
            ),
            (GoalColumn::Status, &["Status", "State", "Progress"]),
            (GoalColumn::Vision, &["Vision", "Serves", "Pillar"]),
        ] {
            for name in spec {
                assert!(
                    names(&name.to_lowercase(), column.aliases()),
                    "{column:?}: {name}"
                );
            }
        }
    }
}
