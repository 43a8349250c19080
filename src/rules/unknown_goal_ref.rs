//! `unknown-goal-ref`: a reference like `G7` to a goal that does not exist.

use super::{finding, Applicability, Context, Edit, Finding, Fix, Rule, RuleMeta, Severity};
use crate::model::Note;

pub struct UnknownGoalRef;

impl UnknownGoalRef {
    pub const META: RuleMeta = RuleMeta {
        code: "unknown-goal-ref",
        default_severity: Severity::Error,
        documentation: include_str!("docs/unknown-goal-ref.md"),
        blind_spot: None,
    };
}

impl Rule for UnknownGoalRef {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, note: &Note, _context: &Context) -> Vec<Finding> {
        let Some(goals) = note.as_goals() else {
            return Vec::new();
        };
        let known: Vec<String> = goals.goals.iter().map(|g| g.label()).collect();
        goals
            .references
            .iter()
            .filter(|(id, _)| !goals.goals.iter().any(|g| g.id == *id) && !goals.template_ids.contains(id))
            .map(|(id, range)| {
                let message = if known.is_empty() {
                    format!("G{id} refers to an annual goal, but there are none yet — add it to Annual Goals first.")
                } else {
                    format!("There is no G{id} among your annual goals ({}) — which goal did you mean?", known.join(", "))
                };
                let mut found = finding(self, range.clone(), message);
                found.fixes = known
                    .iter()
                    .enumerate()
                    .filter(|(i, label)| !known[..*i].contains(label))
                    .filter_map(|(_, label)| Fix::new(note, format!("Replace G{id} with {label}"), Applicability::Suggestion, vec![Edit {
                            range: range.clone(),
                            text: label.clone(),
                        }]))
                    .collect();
                found
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::fixes_support::testing::{fixed, resolves, titles};

    const CODE: &str = super::UnknownGoalRef::META.code;

    const GOALS: &str = "# 2026 Goals\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status | Vision |\n|---|---|---|---|---|\n| G1 | Principal promotion | Packet accepted | In progress | Role |\n| G2 | Golden paths | 80% of new services | In progress | Impact |\n\n## Weekly Actions\n\n### Week of 2026-03-09\n- [ ] Book the speaking coach (G5)\n";

    #[test]
    fn each_existing_goal_replaces_the_reference() {
        let notes = [("2026 Goals.md", GOALS)];
        assert_eq!(
            titles(&notes, CODE),
            [[
                "Replace G5 with G1 (resolves)",
                "Replace G5 with G2 (resolves)"
            ]]
        );
        assert_eq!(
            fixed(&notes, CODE, 0, "Replace G5 with G2"),
            GOALS.replace("(G5)", "(G2)")
        );
        assert!(resolves(&notes, CODE, 0, "Replace G5 with G1"));
    }

    #[test]
    fn list_goals_are_known_by_their_ids_and_their_positions() {
        let goals = "# 2026 Goals\n\n## Annual Goals\n\n- **G1:** Principal promotion (Role)\n- Golden paths are the default (Impact)\n\n## Weekly Actions\n\n### Week of 2026-03-09\n- [ ] Draft the narrative (G1)\n- [ ] Pair with the platform team (G2)\n- [ ] Book the speaking coach (G3)\n";
        let notes = [("2026 Goals.md", goals)];
        let found = crate::rules::fixes_support::testing::findings(&notes, CODE);
        assert_eq!(
            found
                .iter()
                .map(|f| &goals[f.range.clone()])
                .collect::<Vec<_>>(),
            ["G3"]
        );
        assert_eq!(
            titles(&notes, CODE),
            [[
                "Replace G3 with G1 (resolves)",
                "Replace G3 with G2 (resolves)"
            ]]
        );
    }
}
