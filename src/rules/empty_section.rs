//! `empty-section`: a known section holds only scaffolding or nothing.

use super::fixes_support::{
    ask_under, has_content, insert_block_at, insert_under_heading, section_block,
    section_content_end,
};
use super::{finding, Applicability, Context, Edit, Finding, Fix, Rule, RuleMeta, Severity};
use crate::methodology::{match_section, review_question, NoteKind, SectionId, BLIND_SPOTS};
use crate::model::{Note, Section};

pub struct EmptySection;

impl EmptySection {
    pub const META: RuleMeta = RuleMeta {
        code: "empty-section",
        default_severity: Severity::Warning,
        documentation: include_str!("docs/empty-section.md"),
        blind_spot: None,
    };
}

/// An ATX heading line's level and text.
fn heading_line(line: &str) -> Option<(usize, &str)> {
    let level = line.len() - line.trim_start_matches('#').len();
    let rest = &line[level..];
    ((1..=6).contains(&level) && (rest.is_empty() || rest.starts_with(' ')))
        .then(|| (level, rest.trim()))
}

/// A section's template split at its named sub-sections: the body before the first of
/// them, then each named sub-section's heading line and body.
struct TemplateParts {
    own: String,
    children: Vec<(SectionId, String, String)>,
}

fn template_parts(kind: NoteKind, id: SectionId, block: &str) -> TemplateParts {
    let mut parts = TemplateParts {
        own: String::new(),
        children: Vec::new(),
    };
    for line in block.split_inclusive('\n').skip(1) {
        let child = heading_line(line.trim_end())
            .and_then(|(_, text)| match_section(kind, text))
            .filter(|child| child.parent() == Some(id));
        match (child, parts.children.last_mut()) {
            (Some(child), _) => parts
                .children
                .push((child, line.to_string(), String::new())),
            (None, Some((_, _, body))) => body.push_str(line),
            (None, None) => parts.own.push_str(line),
        }
    }
    parts
}

/// Whether a template body holds anything to insert.
fn is_blank(body: &str) -> bool {
    body.trim().is_empty()
}

/// The edits that fill an empty section with its template: the template's own body under
/// the heading when the section holds nothing yet, each named sub-section's body under
/// that sub-section's heading when it holds nothing, and the sub-sections the note lacks
/// where the template puts them. Nothing already there is written twice.
fn template_edits(note: &Note, context: &Context, section: &Section, id: SectionId) -> Vec<Edit> {
    let block = section_block(note, context, id);
    let parts = template_parts(note.kind, id, &block);
    let children: Vec<&Section> = note.known_children(section).collect();
    if !has_content(note, section) && children.is_empty() {
        // Nothing under the heading at all: the whole body, in one piece.
        let body: String = block.split_inclusive('\n').skip(1).collect();
        if is_blank(&body) {
            return Vec::new();
        }
        return vec![insert_under_heading(
            note,
            &section.heading_range,
            body.trim_start_matches('\n'),
        )];
    }
    let mut edits: Vec<Edit> = Vec::new();
    if !has_content(note, section) && !is_blank(&parts.own) {
        edits.push(insert_under_heading(
            note,
            &section.heading_range,
            parts.own.trim_start_matches('\n'),
        ));
    }
    // Sub-sections the note lacks, gathered by where they go.
    let mut missing: Vec<(usize, String)> = Vec::new();
    for (child_id, heading, body) in &parts.children {
        match children.iter().find(|c| c.id == Some(*child_id)) {
            Some(child) => {
                if !has_content(note, child) && !is_blank(body) {
                    edits.push(insert_under_heading(
                        note,
                        &child.heading_range,
                        body.trim_start_matches('\n'),
                    ));
                }
            }
            None => {
                let at = children
                    .iter()
                    .find(|c| c.id.is_some_and(|other| other > *child_id))
                    .map_or_else(|| section_content_end(note, section), |c| c.range.start);
                let piece = format!("{heading}{}", body.trim_end_matches('\n'));
                match missing.iter_mut().find(|(position, _)| *position == at) {
                    Some((_, text)) => {
                        text.push_str("\n\n");
                        text.push_str(&piece);
                    }
                    None => missing.push((at, piece)),
                }
            }
        }
    }
    for (at, text) in missing {
        edits.push(insert_block_at(note, at, &text));
    }
    edits.sort_by_key(|e| e.range.start);
    edits
}

impl EmptySection {
    fn fixes(note: &Note, context: &Context, section: &Section, id: SectionId) -> Vec<Fix> {
        let mut fixes: Vec<Fix> = ask_under(
            note,
            section,
            "Insert the review prompt".to_string(),
            review_question(id),
        )
        .into_iter()
        .collect();
        let edits = template_edits(note, context, section, id);
        if !edits.is_empty() {
            fixes.extend(Fix::new(
                note,
                format!("Insert the {} template", id.title()),
                Applicability::Helps,
                edits,
            ));
        }
        fixes
    }

    fn report(&self, note: &Note, context: &Context, section: &Section, out: &mut Vec<Finding>) {
        if note.is_empty_section(section) {
            let id = section.id.expect("known sections only");
            let mut found = finding(
                self,
                section.heading_range.clone(),
                format!(
                    "{} is still empty — {}",
                    section.title.trim(),
                    review_question(id)
                ),
            );
            found.fixes = Self::fixes(note, context, section, id);
            // The blind spot whose section this is (or encloses it) asks through this
            // finding: its own rule leaves an empty section's question to this one.
            let within = std::iter::successors(Some(id), |id| id.parent());
            found.blind_spots = within
                .flat_map(|id| BLIND_SPOTS.iter().filter(move |spot| spot.section == id))
                .map(|spot| spot.id)
                .collect();
            out.push(found);
            return;
        }
        for child in note.known_children(section) {
            self.report(note, context, child, out);
        }
    }
}

impl Rule for EmptySection {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
        if !matches!(
            note.kind,
            NoteKind::CareerIndex | NoteKind::Goals | NoteKind::Profile
        ) {
            return Vec::new();
        }
        let mut findings = Vec::new();
        // Start from the known sections that no known section encloses.
        for section in &note.sections {
            // An empty Session Logs list only says no session was held yet; a log that is
            // missing from it is `session-not-indexed`'s.
            if section.id.is_none() || section.id == Some(SectionId::SessionLogs) {
                continue;
            }
            let mut parent = section.parent;
            let mut enclosed = false;
            while let Some(p) = parent {
                if note.sections[p].id.is_some() {
                    enclosed = true;
                    break;
                }
                parent = note.sections[p].parent;
            }
            if !enclosed {
                self.report(note, context, section, &mut findings);
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::fixes_support::testing::{fixed, titles};

    const CODE: &str = super::EmptySection::META.code;

    #[test]
    fn the_review_prompt_goes_right_under_the_heading() {
        let career = "# Career\n\n## Timeline\n| Years | Role | Company | Key Achievement |\n|-------|------|---------|-----------------|\n| | | | |\n";
        assert_eq!(
            titles(&[("Career.md", career)], CODE),
            [["Insert the review prompt"]]
        );
        assert_eq!(
            fixed(&[("Career.md", career)], CODE, 0, "Insert the review prompt"),
            "# Career\n\n## Timeline\n\n> What were the key roles before this one? What did you learn in each?\n\n| Years | Role | Company | Key Achievement |\n|-------|------|---------|-----------------|\n| | | | |\n"
        );
    }

    #[test]
    fn a_bare_section_gets_its_template() {
        let career = "# Career\n\n## Timeline\n\n| Years | Role | Company | Key Achievement |\n|---|---|---|---|\n| 2019–2023 | Staff Engineer | Freightline | Led the CI overhaul |\n\n## Open Tasks\n";
        assert_eq!(
            titles(&[("Career.md", career)], CODE),
            [["Insert the review prompt", "Insert the Open Tasks template"]]
        );
        assert_eq!(
            fixed(&[("Career.md", career)], CODE, 0, "Insert the Open Tasks template"),
            "# Career\n\n## Timeline\n\n| Years | Role | Company | Key Achievement |\n|---|---|---|---|\n| 2019–2023 | Staff Engineer | Freightline | Led the CI overhaul |\n\n## Open Tasks\n\n- [ ] [Task 1]\n- [ ] [Task 2]\n"
        );
        assert_eq!(
            fixed(&[("Career.md", career)], CODE, 0, "Insert the review prompt"),
            "# Career\n\n## Timeline\n\n| Years | Role | Company | Key Achievement |\n|---|---|---|---|\n| 2019–2023 | Staff Engineer | Freightline | Led the CI overhaul |\n\n## Open Tasks\n\n> What's the next concrete step, and when will you take it?\n"
        );
    }

    #[test]
    fn the_template_fills_what_is_empty_and_adds_what_is_missing() {
        // Vision has its own sub-heading, empty; the north star line is missing.
        let career = "# Career\n\n## Vision\n\n### The Picture\n\n---\n\n## Timeline\n\n| Years | Role | Company | Key Achievement |\n|---|---|---|---|\n| 2019–2023 | Staff Engineer | Freightline | Led the CI overhaul |\n";
        assert_eq!(
            fixed(&[("Career.md", career)], CODE, 0, "Insert the Vision template"),
            "# Career\n\n## Vision\n\n**North Star ([year]):** [One sentence]\n\n### The Picture\n\n- **Life:** [What lifestyle looks like]\n- **Role:** [What role looks like]\n- **Impact:** [What impact looks like]\n- **Reach:** [How you extend beyond day job]\n\n---\n\n## Timeline\n\n| Years | Role | Company | Key Achievement |\n|---|---|---|---|\n| 2019–2023 | Staff Engineer | Freightline | Led the CI overhaul |\n"
        );
        // The Network section lacks its Mentors and Advisors lists: they go after Sponsors,
        // before the rule that closes the section.
        let career = "# Career\n\n## Network & Influence\n\n### Sponsors\n| Name | Context |\n|------|---------|\n| | |\n\n---\n\n## Timeline\n\n| Years | Role | Company | Key Achievement |\n|---|---|---|---|\n| 2019–2023 | Staff Engineer | Freightline | Led the CI overhaul |\n";
        assert_eq!(
            fixed(&[("Career.md", career)], CODE, 0, "Insert the Network & Influence template"),
            "# Career\n\n## Network & Influence\n\n### Sponsors\n| Name | Context |\n|------|---------|\n| | |\n\n### Mentors\n| Name | Context |\n|------|---------|\n| | |\n\n### Advisors\n| Name | Context |\n|------|---------|\n| | |\n\n---\n\n## Timeline\n\n| Years | Role | Company | Key Achievement |\n|---|---|---|---|\n| 2019–2023 | Staff Engineer | Freightline | Led the CI overhaul |\n"
        );
    }

    #[test]
    fn nothing_is_written_twice() {
        // The prompt is there and so is the template's table: nothing left to insert.
        let career = "# Career\n\n## Timeline\n\n> What were the key roles before this one? What did you learn in each?\n\n| Years | Role | Company | Key Achievement |\n|-------|------|---------|-----------------|\n| | | | |\n";
        assert_eq!(
            titles(&[("Career.md", career)], CODE),
            [Vec::<String>::new()]
        );
    }

    #[test]
    fn a_goals_section_and_a_profile_section() {
        let goals = "# 2026 Goals\n\n## Annual Goals\n\n| Goal | Outcome | Success Metric | Status | Vision |\n|---|---|---|---|---|\n| G1 | Principal promotion | Packet accepted | In progress | Role |\n\n## Weekly Actions\n";
        assert_eq!(
            fixed(
                &[("2026 Goals.md", goals)],
                CODE,
                0,
                "Insert the Weekly Actions template"
            ),
            format!("{goals}\n### Week of 2026-03-09\n- [ ] [Action] (G1)\n")
        );
        let profile = "# CLAUDE.md\n\n## Profile\n\n- **Name:** Elena Marchetti\n\n## Things to Avoid\n\n## How to Help\n\nAsk one question at a time.\n";
        assert_eq!(
            fixed(
                &[("CLAUDE.md", profile), ("Career.md", "# Career\n")],
                CODE,
                0,
                "Insert the review prompt"
            ),
            "# CLAUDE.md\n\n## Profile\n\n- **Name:** Elena Marchetti\n\n## Things to Avoid\n\n> What are your pet peeves: what should a coach never do with you?\n\n## How to Help\n\nAsk one question at a time.\n"
        );
    }
}
