//! `open-thread-dropped`: a session's open threads that no later session and no task
//! took up.

use super::fixes_support::{insert_block_at, insert_section, section_content_end};
use super::{finding, Applicability, Context, Edit, Finding, Fix, Rule, RuleMeta, Severity};
use crate::methodology::SectionId;
use crate::model::{Note, Thread};
use crate::syntax::BlockKind;

pub struct OpenThreadDropped;

impl OpenThreadDropped {
    pub const META: RuleMeta = RuleMeta {
        code: "open-thread-dropped",
        default_severity: Severity::Info,
        documentation: include_str!("docs/open-thread-dropped.md"),
        blind_spot: None,
    };
}

/// At most `max` characters of `text`, cut at a word with `…`.
fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// The Open Tasks items for `threads` of the log `stem`.
fn task_lines(threads: &[&Thread], stem: &str) -> String {
    threads
        .iter()
        .map(|t| format!("- [ ] {} (from [[{stem}]])", t.text))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The edits that check off `threads`: `[ ]` becomes `[x]`, a plain item gets `[x] `.
fn settle_edits(note: &Note, threads: &[&Thread]) -> Vec<Edit> {
    threads
        .iter()
        .filter_map(|thread| {
            let item = note
                .outline
                .blocks
                .iter()
                .find(|b| b.range == thread.range)?;
            let BlockKind::ListItem(list_item) = &item.kind else {
                return None;
            };
            let after_marker = list_item.marker_range.end;
            let rest = &note.text[after_marker..item.range.end];
            let blank = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            let at = after_marker + blank;
            Some(if note.text[at..].starts_with("[ ]") {
                Edit {
                    range: at + 1..at + 2,
                    text: "x".into(),
                }
            } else {
                let space = if blank == 0 { " " } else { "" };
                Edit {
                    range: at..at,
                    text: format!("{space}[x] "),
                }
            })
        })
        .collect()
}

/// The edit that adds `lines` to `index`'s Open Tasks: after its last item, else at the
/// end of the section, else in a new Open Tasks section.
fn carry_edit(index: &Note, lines: &str) -> Edit {
    let Some(section) = index.section(SectionId::OpenTasks) else {
        return insert_section(
            index,
            SectionId::OpenTasks,
            &format!("## Open Tasks\n\n{lines}\n"),
        );
    };
    let last_item = index
        .blocks_in(section)
        .filter(|b| matches!(b.kind, BlockKind::ListItem(_)))
        .map(|b| b.range.end)
        .max();
    match last_item {
        Some(end) => {
            // After the item's own text, before its line break.
            let end = index.text[..end].trim_end_matches(['\n', '\r']).len();
            Edit {
                range: end..end,
                text: format!("\n{lines}"),
            }
        }
        None => insert_block_at(index, section_content_end(index, section), lines),
    }
}

impl Rule for OpenThreadDropped {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, note: &Note, context: &Context) -> Vec<Finding> {
        let Some(log) = note.as_session_log() else {
            return Vec::new();
        };
        if log.open_threads.iter().all(|t| t.done) {
            return Vec::new();
        }
        // None: no log was held after this one, and its threads are open on purpose.
        let Some(carried) = context.threads_carried(note) else {
            return Vec::new();
        };
        let dropped: Vec<&Thread> = log
            .open_threads
            .iter()
            .zip(carried)
            .filter(|(_, carried)| !carried)
            .map(|(thread, _)| thread)
            .collect();
        let Some(first) = dropped.first() else {
            return Vec::new();
        };
        let message = match dropped.len() {
            1 => format!(
                "“{}” was never picked up again — carry it forward, or check it off if it's settled.",
                shortened(&first.text, 60)
            ),
            n => format!(
                "{n} open threads from this session were never picked up again — carry them forward, or check off the ones that are settled."
            ),
        };
        let at = log
            .open_threads_heading
            .clone()
            .unwrap_or_else(|| first.range.clone());
        let mut found = finding(self, at, message);
        let settle = if dropped.len() == 1 {
            "Check it off as settled"
        } else {
            "Check them off as settled"
        };
        let carry = found.fixes.len();
        // Settling is the person's call, never the evident fix.
        found.fixes.extend(Fix::new(
            note,
            settle,
            Applicability::Suggestion,
            settle_edits(note, &dropped),
        ));
        if let Some(index) = context.career_index_of(note) {
            let index = context.content_of(note, index);
            found.fixes.extend(Fix::in_other_note(
                index,
                "Carry forward to Open Tasks",
                Applicability::Resolves,
                vec![carry_edit(index, &task_lines(&dropped, note.stem()))],
            ));
            // Carrying forward comes first: settling is for threads that are done.
            let carried = found.fixes.pop();
            found.fixes.splice(carry..carry, carried);
        }
        vec![found]
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::fixes_support::testing::{apply, findings, fixed, resolves, titles};

    const CODE: &str = super::OpenThreadDropped::META.code;

    const OLD: &str = "# 2026-01-17 Career Coaching Session\n\n## Discussed\n- Buildout.\n\n## Open threads\n- What is the euro value of the CI overhaul?\n- [x] Who sponsors the promo case?\n- Risk Register still thin.\n";
    const NEW: &str = "# 2026-02-21 Career Coaching Session\n\n## Discussed\n- The contingency question: the **risk register** still thin?\n\n## Open threads\n- A mitigation for the acquisition risk.\n";
    const INDEX: &str = "# Career\n\n## Open Tasks\n\n- [ ] Draft the one-pager\n- [x] Review Jonah's notes\n\n## Session Logs\n\n| Date | Focus | Output |\n|---|---|---|\n| [[2026-01-17 Career Coaching Session]] | Buildout | Index |\n| [[2026-02-21 Career Coaching Session]] | Blind spots | Risks |\n";

    #[test]
    fn a_thread_no_later_log_and_no_task_carries_is_reported_once_and_carried() {
        let notes = [
            ("2026-01-17 Career Coaching Session.md", OLD),
            ("Career.md", INDEX),
            ("2026-02-21 Career Coaching Session.md", NEW),
        ];
        let found = findings(&notes, CODE);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].message,
            "“What is the euro value of the CI overhaul?” was never picked up again — carry it forward, or check it off if it's settled."
        );
        assert_eq!(&OLD[found[0].range.clone()], "## Open threads");
        let fix = &found[0].fixes[0];
        assert_eq!(fix.title, "Carry forward to Open Tasks");
        assert_eq!(found[0].fixes[1].title, "Check it off as settled");
        let (_, edits) = fix.edits_elsewhere().unwrap();
        let carried = apply(INDEX, edits);
        assert_eq!(
            carried,
            INDEX.replace(
                "Jonah's notes\n",
                "Jonah's notes\n- [ ] What is the euro value of the CI overhaul? (from [[2026-01-17 Career Coaching Session]])\n"
            )
        );
        // Once carried, the thread is no longer dropped.
        let after = [notes[0], ("Career.md", carried.as_str()), notes[2]];
        assert!(findings(&after, CODE).is_empty());
    }

    #[test]
    fn checking_off_settles_plain_items_and_unchecked_boxes() {
        let log = "# 2026-02-02 Session\n\n## Next steps\n\n- Ask for the staff rubric\n-   [ ] Find a sponsor\n* [x] Done already\n";
        let notes = [
            ("2026-02-02 Session.md", log),
            ("2026-02-16 Session.md", "# 2026-02-16 Session\n"),
        ];
        assert_eq!(
            titles(&notes, CODE),
            [["Check them off as settled (resolves)"]]
        );
        assert_eq!(
            fixed(&notes, CODE, 0, "Check them off as settled"),
            log.replace("- Ask", "- [x] Ask")
                .replace("[ ] Find", "[x] Find")
        );
        assert!(resolves(&notes, CODE, 0, "Check them off as settled"));
    }

    #[test]
    fn the_latest_log_and_a_log_whose_threads_are_all_carried_are_quiet() {
        let settled = OLD.replace("- What is", "- [x] What is");
        let notes = [
            ("2026-01-17 Career Coaching Session.md", settled.as_str()),
            ("Career.md", INDEX),
            ("2026-02-21 Career Coaching Session.md", NEW),
        ];
        assert!(findings(&notes, CODE).is_empty());
        let notes = [
            ("2026-02-21 Career Coaching Session.md", NEW),
            ("Career.md", INDEX),
            ("2026-01-17 Career Coaching Session.md", OLD),
        ];
        assert!(findings(&notes, CODE).is_empty());
    }

    #[test]
    fn without_an_index_it_counts_every_thread_and_offers_only_to_check_them_off() {
        let notes = [
            ("2026-01-17 Career Coaching Session.md", OLD),
            (
                "2026-02-21 Career Coaching Session.md",
                "# 2026-02-21 Career Coaching Session\n\n## Discussed\n- Other things.\n",
            ),
        ];
        let found = findings(&notes, CODE);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.starts_with("2 open threads"),
            "{}",
            found[0].message
        );
        let titles: Vec<&str> = found[0].fixes.iter().map(|f| f.title.as_str()).collect();
        assert_eq!(titles, ["Check them off as settled"]);
    }
}
