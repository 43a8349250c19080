//! `goal-not-linked`: an annual goal has no link to the vision (SPEC §3).

use super::fixes_support::{
    end_of_line_before, has_trailing_pipe, shared_words, table_of_row, write_cell, CellWrite,
};
use super::{
    every_goal_anchor, finding, Applicability, Context, Edit, Finding, Fix, Rule, RuleMeta,
    Severity,
};
use crate::methodology::{GoalColumn, Pillar, SectionId};
use crate::model::goals::Goal;
use crate::model::index::Vision;
use crate::model::links::find_heading;
use crate::model::text::VisionLink;
use crate::model::Note;
use crate::syntax::{Block, Table};

pub struct GoalNotLinked;

impl GoalNotLinked {
    pub const META: RuleMeta = RuleMeta {
        code: "goal-not-linked",
        default_severity: Severity::Warning,
        documentation: include_str!("docs/goal-not-linked.md"),
        blind_spot: None,
    };
}

/// Whether one link ties the goal to the vision of `index` (when the index is known).
fn holds(
    link: &VisionLink,
    index: Option<(&Note, &Vision)>,
    goals: &Note,
    context: &Context,
) -> bool {
    match (link, index) {
        (VisionLink::Pillars(pillars), Some((_, vision))) => pillars
            .iter()
            .any(|p| vision.picture.iter().any(|line| line.pillar == *p)),
        (VisionLink::NorthStar, Some((_, vision))) => vision.north_star.is_some(),
        (VisionLink::Wikilink { target, heading }, _) => {
            let Some(target) = context.find_note(goals, target) else {
                return false;
            };
            if index.is_some_and(|(index, _)| index.path != target.path) {
                return false;
            }
            find_heading(target, heading).is_some_and(|h| {
                target
                    .sections
                    .iter()
                    .find(|s| s.heading == h)
                    .and_then(|s| s.id)
                    .is_some_and(|id| matches!(id, SectionId::Vision | SectionId::ThePicture))
            })
        }
        (_, None) => true,
    }
}

/// A pillar a goal can be linked to: how many words the goal shares with its picture
/// line, and whether linking to it ties the goal to the vision (with a known Career
/// Index, only a pillar its picture describes does).
struct Candidate {
    pillar: Pillar,
    shared: usize,
    resolves: bool,
}

/// The pillars to offer, best match first: with a known Career Index, the pillars its
/// picture describes, ranked by the words the goal's outcome and metric share with each
/// picture line, ties in the picture's order (Life, Role, Impact, Reach); when the picture
/// describes none yet, every pillar (linking then points at a line still to write);
/// a pillar's name counts as a word of its line;
/// without a known index, every pillar. Pillars the goal already names are left out.
fn candidates(goal: &Goal, vision: Option<&Vision>) -> Vec<Candidate> {
    let goal_text = format!("{} {}", goal.outcome, goal.success_metric);
    let written = |pillar: Pillar| -> Vec<&str> {
        vision.map_or_else(Vec::new, |vision| {
            vision
                .picture
                .iter()
                .filter(|line| line.pillar == pillar)
                .map(|line| line.text.as_str())
                .collect()
        })
    };
    let any_written = vision.is_some_and(|vision| !vision.picture.is_empty());
    let mut ranked: Vec<Candidate> = Pillar::ALL
        .into_iter()
        .filter_map(|pillar| {
            let lines = written(pillar);
            let named = goal
                .vision_links
                .iter()
                .any(|link| matches!(link, VisionLink::Pillars(p) if p.contains(&pillar)));
            if named || (any_written && lines.is_empty()) {
                return None;
            }
            // A picture line is written `**Role:** …`: its pillar's name is one of its words.
            let picture = format!("{} {}", pillar.name(), lines.join(" "));
            Some(Candidate {
                pillar,
                shared: shared_words(&goal_text, &picture),
                resolves: vision.is_none() || !lines.is_empty(),
            })
        })
        .collect();
    // A stable sort keeps the picture's order among equals.
    ranked.sort_by_key(|c| std::cmp::Reverse(c.shared));
    ranked
}

/// Adds a Vision column to `table`: a header cell, a delimiter cell, and a cell in every
/// row (after empty ones for cells a short row lacks); the rows named in `values` (by their
/// index) get their value.
fn add_vision_column(
    note: &Note,
    block: &Block,
    table: &Table,
    values: &[(usize, &str)],
) -> Vec<Edit> {
    let header = &table.header;
    let columns = header.cells.len();
    let trailing = has_trailing_pipe(header);
    let mut edits = vec![Edit {
        range: header.range.end..header.range.end,
        text: if trailing { " Vision |" } else { " | Vision" }.to_string(),
    }];
    // The delimiter row ends where the line before the first row does (or the table).
    let delimiter_end = table.rows.first().map_or(block.range.end, |row| {
        end_of_line_before(note, row.range.start)
    });
    edits.push(Edit {
        range: delimiter_end..delimiter_end,
        text: if trailing { "---|" } else { "|---" }.to_string(),
    });
    for (i, row) in table.rows.iter().enumerate() {
        let cell_value = values
            .iter()
            .find(|(row, _)| *row == i)
            .map_or("", |(_, value)| value);
        let empty = columns.saturating_sub(row.cells.len());
        let cell = if cell_value.is_empty() {
            String::new()
        } else {
            format!(" {cell_value}")
        };
        let text = if has_trailing_pipe(row) {
            format!("{}{cell} |", " |".repeat(empty))
        } else {
            format!("{}{cell}", " |".repeat(empty + 1))
        };
        edits.push(Edit {
            range: row.range.end..row.range.end,
            text,
        });
    }
    edits
}

/// For a goal written as a list item: one fix per pillar, appending ` (Role)` to the item —
/// or a `#vision/role` tag when the item already ends in a pillar the picture lacks, so
/// the two stay readable apart.
fn list_fixes(note: &Note, goal: &Goal, ranked: &[Candidate], clear_winner: bool) -> Vec<Fix> {
    let Some(item) = &goal.item_text else {
        return Vec::new();
    };
    let end = item.end;
    ranked
        .iter()
        .enumerate()
        .filter_map(|(i, candidate)| {
            let name = candidate.pillar.name();
            let text = if goal.vision_links.is_empty() {
                format!(" ({name})")
            } else {
                format!(" #vision/{}", name.to_lowercase())
            };
            Fix::new(
                note,
                format!("Link {} to Vision: {name}", goal.label()),
                link_applicability(candidate.resolves, i == 0 && clear_winner),
                vec![Edit {
                    range: end..end,
                    text,
                }],
            )
        })
        .collect()
}

fn fixes(note: &Note, goal: &Goal, vision: Option<&Vision>) -> Vec<Fix> {
    let ranked = candidates(goal, vision);
    // Preferred only when one pillar clearly matches best.
    let clear_winner = match ranked.as_slice() {
        [first, second, ..] => first.shared > 0 && first.shared > second.shared,
        [first] => first.shared > 0,
        [] => false,
    };
    if goal.item_text.is_some() {
        return list_fixes(note, goal, &ranked, clear_winner);
    }
    let Some((block, table, row)) = table_of_row(note, &goal.row_range) else {
        return Vec::new();
    };
    let mut fixes = Vec::new();
    match table.column(GoalColumn::Vision.aliases()) {
        Some(column) => {
            for (i, candidate) in ranked.iter().enumerate() {
                let name = candidate.pillar.name();
                if let Some(edit) =
                    write_cell(&table.rows[row], column, name, CellWrite::Alongside(" / "))
                {
                    fixes.extend(Fix::new(
                        note,
                        format!("Link {} to Vision: {name}", goal.label()),
                        link_applicability(candidate.resolves, i == 0 && clear_winner),
                        vec![edit],
                    ));
                }
            }
        }
        None => {
            for (i, candidate) in ranked.iter().enumerate() {
                let name = candidate.pillar.name();
                fixes.extend(Fix::new(
                    note,
                    format!("Link {} to Vision: {name}", goal.label()),
                    link_applicability(candidate.resolves, i == 0 && clear_winner),
                    add_vision_column(note, block, table, &[(row, name)]),
                ));
            }
            fixes.extend(Fix::new(
                note,
                "Add a Vision column".to_string(),
                Applicability::Helps,
                add_vision_column(note, block, table, &[]),
            ));
        }
    }
    fixes
}

impl Rule for GoalNotLinked {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
        let Some(goals) = note.as_goals() else {
            return Vec::new();
        };
        let index = context.career_index_vision(note);
        let unlinked: Vec<&Goal> = goals
            .goals
            .iter()
            .filter(|goal| {
                !goal
                    .vision_links
                    .iter()
                    .any(|link| holds(link, index, note, context))
            })
            .collect();
        let vision = index.map(|(_, vision)| vision);
        if let Some(at) = every_goal_anchor(note, unlinked.len()) {
            let mut found = finding(
                self,
                at,
                format!(
                    "None of your {} goals is linked to your vision yet — which part of the picture does each one serve?",
                    unlinked.len()
                ),
            );
            found.fixes = fixes_for_all(note, &unlinked, vision);
            return vec![found];
        }
        unlinked
            .into_iter()
            .map(|goal| {
                let message = if goal.vision_links.is_empty() {
                    format!("{} is not linked to your vision — which part of the picture does it serve?", goal.label())
                } else {
                    format!(
                        "{} points at a part of your vision that isn't written yet — fill in that picture line, or link the goal to another part.",
                        goal.label()
                    )
                };
                let mut found = finding(self, goal.row_range.clone(), message);
                found.fixes = fixes(note, goal, vision);
                found
            })
            .collect()
    }
}

/// The fixes when no goal is linked: each goal linked to the pillar it matches best, in one
/// fix, and the Vision column added when the table has none. Linking all is one choice
/// the person makes (a suggestion) when every goal has a clear best pillar that its
/// picture describes; otherwise it only gives them a start to correct.
fn fixes_for_all(note: &Note, goals: &[&Goal], vision: Option<&Vision>) -> Vec<Fix> {
    let Some((block, table, _)) = goals
        .first()
        .and_then(|goal| table_of_row(note, &goal.row_range))
    else {
        return Vec::new();
    };
    let mut picks: Vec<(usize, &Goal, Candidate, bool)> = Vec::new();
    for goal in goals {
        // Goals in another table are left to the person.
        let Some((_, _, row)) =
            table_of_row(note, &goal.row_range).filter(|(other, _, _)| other.range == block.range)
        else {
            continue;
        };
        let mut ranked = candidates(goal, vision).into_iter();
        let Some(best) = ranked.next() else {
            continue;
        };
        let clear = best.shared > 0 && ranked.next().is_none_or(|next| best.shared > next.shared);
        picks.push((row, goal, best, clear));
    }
    let mut fixes = Vec::new();
    if !picks.is_empty() {
        let chosen: Vec<String> = picks
            .iter()
            .map(|(_, goal, pick, _)| format!("{}: {}", goal.label(), pick.pillar.name()))
            .collect();
        let title = format!(
            "Link each goal to its closest pillar ({})",
            chosen.join(", ")
        );
        let evident = picks.len() == goals.len()
            && picks
                .iter()
                .all(|(_, _, pick, clear)| pick.resolves && *clear);
        let applicability = if evident {
            Applicability::Suggestion
        } else {
            Applicability::Helps
        };
        let edits = match table.column(GoalColumn::Vision.aliases()) {
            Some(column) => picks
                .iter()
                .filter_map(|(row, _, pick, _)| {
                    write_cell(
                        &table.rows[*row],
                        column,
                        pick.pillar.name(),
                        CellWrite::Alongside(" / "),
                    )
                })
                .collect(),
            None => {
                let values: Vec<(usize, &str)> = picks
                    .iter()
                    .map(|(row, _, pick, _)| (*row, pick.pillar.name()))
                    .collect();
                add_vision_column(note, block, table, &values)
            }
        };
        fixes.extend(Fix::new(note, title, applicability, edits));
    }
    if table.column(GoalColumn::Vision.aliases()).is_none() {
        fixes.extend(Fix::new(
            note,
            "Add a Vision column".to_string(),
            Applicability::Helps,
            add_vision_column(note, block, table, &[]),
        ));
    }
    fixes
}

/// A link that clears the finding is the evident fix when its pillar is the clear best
/// match, and one choice among the pillars otherwise; a link to a pillar the picture does
/// not describe yet only helps.
fn link_applicability(resolves: bool, clear_winner: bool) -> Applicability {
    match (resolves, clear_winner) {
        (true, true) => Applicability::Resolves,
        (true, false) => Applicability::Suggestion,
        (false, _) => Applicability::Helps,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::fixes_support::testing::{findings, fixed, resolves, titles};

    const CODE: &str = super::GoalNotLinked::META.code;

    const CAREER: &str = "# Career\n\n## Vision\n\n**North Star (2031):** Principal engineer at a logistics company.\n\n### The Picture\n- **Life:** Living in Rotterdam, cycling to work, four weeks a year offline.\n- **Role:** Principal engineer who sets platform strategy.\n- **Impact:** Developer platforms that cut lead time from weeks to hours.\n- **Reach:** A respected voice on platform engineering; conference talks and writing.\n";

    fn goals(table: &str) -> String {
        format!("# 2026 Goals\n\nServes [[Career#Vision]]\n\n## Annual Goals\n\n{table}\n## Quarterly Intentions\n\n| Quarter | Intention | Focus |\n|---|---|---|\n| Q1 | *\"Start\"* | G1, G2 |\n")
    }

    #[test]
    fn one_fix_per_pillar_best_match_first() {
        let goals = goals("| Goal | Outcome | Success Metric | Status | Vision |\n|------|---------|----------------|--------|--------|\n| G1 | Known outside the company for platform engineering | Two conference talks delivered | In progress | |\n| G2 | Principal promotion | Packet accepted | In progress | Role |\n");
        let notes = [("2026 Goals.md", goals.as_str()), ("Career.md", CAREER)];
        assert_eq!(
            titles(&notes, CODE),
            [[
                // Four shared words: platform, engineering, conference, talk.
                "Link G1 to Vision: Reach (resolves, preferred)",
                // One each (platform): the picture's order breaks the tie.
                "Link G1 to Vision: Role (resolves)",
                "Link G1 to Vision: Impact (resolves)",
                "Link G1 to Vision: Life (resolves)",
            ]]
        );
        assert_eq!(
            fixed(&notes, CODE, 0, "Link G1 to Vision: Reach"),
            goals.replace(
                "Two conference talks delivered | In progress | |",
                "Two conference talks delivered | In progress | Reach |"
            )
        );
        for pillar in ["Life", "Role", "Impact", "Reach"] {
            assert!(resolves(
                &notes,
                CODE,
                0,
                &format!("Link G1 to Vision: {pillar}")
            ));
        }
    }

    #[test]
    fn a_placeholder_gives_way_and_written_text_stays() {
        let goals = goals("| Goal | Outcome | Success Metric | Status | Vision |\n|---|---|---|---|---|\n| G1 | Promoted to Principal | Packet accepted | In progress | [Life / Role / Impact / Reach] |\n| G2 | Golden paths are the default | 80% of new services on templates | In progress | Growth |\n| G3 | Two conference talks | Talks given | Not started | Reach |\n");
        let notes = [("2026 Goals.md", goals.as_str()), ("Career.md", CAREER)];
        assert_eq!(
            fixed(&notes, CODE, 0, "Link G1 to Vision: Role"),
            goals.replace("[Life / Role / Impact / Reach]", "Role")
        );
        assert_eq!(
            fixed(&notes, CODE, 1, "Link G2 to Vision: Impact"),
            goals.replace("| Growth |", "| Growth / Impact |")
        );
        assert!(resolves(&notes, CODE, 1, "Link G2 to Vision: Impact"));
    }

    #[test]
    fn without_a_vision_column_the_fix_adds_it() {
        let goals = goals("| Goal | Outcome | Success Metric | Status |\n|------|---------|----------------|--------|\n| G1 | Promoted to Principal | Packet accepted | In progress |\n| G2 | Golden paths are the default | 80% of new services |\n| G3 | Speak at a conference [[Career#Vision]] | One talk given | Not started |\n");
        let notes = [("2026 Goals.md", goals.as_str()), ("Career.md", CAREER)];
        assert_eq!(
            fixed(&notes, CODE, 0, "Add a Vision column"),
            goals.replace(
                "| Status |\n|------|---------|----------------|--------|\n| G1 | Promoted to Principal | Packet accepted | In progress |\n| G2 | Golden paths are the default | 80% of new services |\n| G3 | Speak at a conference [[Career#Vision]] | One talk given | Not started |\n",
                "| Status | Vision |\n|------|---------|----------------|--------|---|\n| G1 | Promoted to Principal | Packet accepted | In progress | |\n| G2 | Golden paths are the default | 80% of new services | | |\n| G3 | Speak at a conference [[Career#Vision]] | One talk given | Not started | |\n"
            )
        );
        // G2's row lacks a Status cell: it gets an empty one, then its pillar.
        assert_eq!(
            fixed(&notes, CODE, 1, "Link G2 to Vision: Impact"),
            goals.replace(
                "| Status |\n|------|---------|----------------|--------|\n| G1 | Promoted to Principal | Packet accepted | In progress |\n| G2 | Golden paths are the default | 80% of new services |\n| G3 | Speak at a conference [[Career#Vision]] | One talk given | Not started |\n",
                "| Status | Vision |\n|------|---------|----------------|--------|---|\n| G1 | Promoted to Principal | Packet accepted | In progress | |\n| G2 | Golden paths are the default | 80% of new services | | Impact |\n| G3 | Speak at a conference [[Career#Vision]] | One talk given | Not started | |\n"
            )
        );
        assert!(resolves(&notes, CODE, 1, "Link G2 to Vision: Impact"));
        assert!(!resolves(&notes, CODE, 0, "Add a Vision column"));
        let titles = titles(&notes, CODE);
        assert_eq!(titles[0].last().unwrap(), "Add a Vision column");
    }

    #[test]
    fn a_picture_still_to_write_is_offered_but_does_not_resolve() {
        let career = "# Career\n\n## Vision\n\n**North Star (2031):** [One sentence]\n\n### The Picture\n- **Life:** [What lifestyle looks like]\n";
        let goals = goals("| Goal | Outcome | Success Metric | Status | Vision |\n|---|---|---|---|---|\n| G1 | Promoted to Principal | Packet accepted | In progress | Role |\n");
        let notes = [("2026 Goals.md", goals.as_str()), ("Career.md", career)];
        // G1 already names Role; the other pillars point at lines still to write.
        assert_eq!(
            titles(&notes, CODE),
            [[
                "Link G1 to Vision: Life",
                "Link G1 to Vision: Impact",
                "Link G1 to Vision: Reach",
            ]]
        );
    }

    /// A checklist under the H1, in the person's own shape.
    const LIST: &str = "# 2026 Goals\n\n→ [[Career]]\n\n- [ ] Get promoted to Principal (Role)\n- [ ] Give two conference talks on platform engineering\n- [x] Four weeks offline #vision/life\n\n## Quarterly Intentions\n\n| Quarter | Intention | Focus |\n|---|---|---|\n| Q1 | *\"Start\"* | G1, G2, G3 |\n";

    #[test]
    fn a_goal_in_a_list_is_linked_by_naming_its_pillar_after_it() {
        let notes = [("2026 Goals.md", LIST), ("Career.md", CAREER)];
        let found = super::super::fixes_support::testing::findings(&notes, CODE);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            &LIST[found[0].range.clone()],
            "- [ ] Give two conference talks on platform engineering"
        );
        assert_eq!(
            titles(&notes, CODE),
            [[
                "Link G2 to Vision: Reach (resolves, preferred)",
                "Link G2 to Vision: Role (resolves)",
                "Link G2 to Vision: Impact (resolves)",
                "Link G2 to Vision: Life (resolves)",
            ]]
        );
        assert_eq!(
            fixed(&notes, CODE, 0, "Link G2 to Vision: Reach"),
            LIST.replace("platform engineering\n", "platform engineering (Reach)\n")
        );
        assert!(resolves(&notes, CODE, 0, "Link G2 to Vision: Reach"));
    }

    #[test]
    fn a_list_goal_naming_a_pillar_still_to_write_gets_a_tag() {
        let career = "# Career\n\n## Vision\n\n### The Picture\n- **Role:** Principal engineer who sets platform strategy.\n- **Reach:** Conference talks and writing.\n";
        let list = "# 2026 Goals\n\n- [ ] Get promoted to Principal (Role)\n- [ ] Four weeks offline (Life)\n";
        let notes = [("2026 Goals.md", list), ("Career.md", career)];
        assert_eq!(
            fixed(&notes, CODE, 0, "Link G2 to Vision: Role"),
            list.replace("(Life)\n", "(Life) #vision/role\n")
        );
        assert!(resolves(&notes, CODE, 0, "Link G2 to Vision: Role"));
    }

    #[test]
    fn when_no_goal_is_linked_one_finding_links_them_all() {
        let goals = goals("| Goal | Outcome | Success Metric | Status | Vision |\n|---|---|---|---|---|\n| G1 | Known outside the company for platform engineering | Two conference talks delivered | In progress | |\n| G2 | Principal engineer who sets platform strategy | Promotion | In progress | |\n| G3 | Four weeks offline, living well | Weeks offline | Not started | |\n");
        let notes = [("2026 Goals.md", goals.as_str()), ("Career.md", CAREER)];
        let found = findings(&notes, CODE);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(&goals[found[0].range.clone()], "## Annual Goals");
        assert_eq!(
            found[0].message,
            "None of your 3 goals is linked to your vision yet — which part of the picture does each one serve?"
        );
        let all = "Link each goal to its closest pillar (G1: Reach, G2: Role, G3: Life)";
        assert_eq!(titles(&notes, CODE), [[format!("{all} (resolves)")]]);
        assert_eq!(
            fixed(&notes, CODE, 0, all),
            goals
                .replace(
                    "| Two conference talks delivered | In progress | |",
                    "| Two conference talks delivered | In progress | Reach |"
                )
                .replace(
                    "| Promotion | In progress | |",
                    "| Promotion | In progress | Role |"
                )
                .replace(
                    "| Weeks offline | Not started | |",
                    "| Weeks offline | Not started | Life |"
                )
        );
        assert!(resolves(&notes, CODE, 0, all));
        // Without a Vision column, the column comes with every goal's pillar.
        let bare = goals
            .replace(" Vision |", "")
            .replace("|---|---|---|---|---|", "|---|---|---|---|")
            .replace(" | |\n", " |\n");
        let notes = [("2026 Goals.md", bare.as_str()), ("Career.md", CAREER)];
        assert_eq!(
            titles(&notes, CODE),
            [[
                format!("{all} (resolves)"),
                "Add a Vision column".to_string()
            ]]
        );
        let linked = fixed(&notes, CODE, 0, all);
        assert!(linked.contains("| Status | Vision |\n|---|---|---|---|---|\n| G1 | Known outside the company for platform engineering | Two conference talks delivered | In progress | Reach |\n"), "{linked}");
        assert!(resolves(&notes, CODE, 0, all));
        // A goal that matches no pillar clearly makes the fix a start, not an answer.
        let vague = goals
            .replace("Four weeks offline, living well", "Get better")
            .replace("| Weeks offline |", "| Done |");
        let notes = [("2026 Goals.md", vague.as_str()), ("Career.md", CAREER)];
        assert_eq!(
            titles(&notes, CODE),
            [["Link each goal to its closest pillar (G1: Reach, G2: Role, G3: Life)"]]
        );
    }
}
