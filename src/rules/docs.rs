//! The documentation of every rule, one Markdown file per code under `docs/`: what the
//! rule checks, why it matters, a failing and a passing example, and its quick fixes.
//! `career-lsp explain` prints it, and hover and `codeDescription` draw on it.

/// The full documentation of the rule `code`, as Markdown.
pub fn documentation(code: &str) -> Option<&'static str> {
    let text = match code {
        "broken-link" => include_str!("docs/broken-link.md"),
        "empty-section" => include_str!("docs/empty-section.md"),
        "goal-not-linked" => include_str!("docs/goal-not-linked.md"),
        "goal-without-metric" => include_str!("docs/goal-without-metric.md"),
        "internal-only-visibility" => include_str!("docs/internal-only-visibility.md"),
        "invalid-status" => include_str!("docs/invalid-status.md"),
        "missing-section" => include_str!("docs/missing-section.md"),
        "network-gap" => include_str!("docs/network-gap.md"),
        "no-business-metrics" => include_str!("docs/no-business-metrics.md"),
        "no-clear-pov" => include_str!("docs/no-clear-pov.md"),
        "no-contingency" => include_str!("docs/no-contingency.md"),
        "orphan-goal" => include_str!("docs/orphan-goal.md"),
        "overdue-milestone" => include_str!("docs/overdue-milestone.md"),
        "past-goals-year" => include_str!("docs/past-goals-year.md"),
        "stale-review" => include_str!("docs/stale-review.md"),
        "too-many-priorities" => include_str!("docs/too-many-priorities.md"),
        "unknown-goal-ref" => include_str!("docs/unknown-goal-ref.md"),
        "unquantified-win" => include_str!("docs/unquantified-win.md"),
        _ => return None,
    };
    Some(text)
}

/// What the rule checks: the paragraph after the severity line, for hover and short help.
pub fn summary(code: &str) -> Option<&'static str> {
    let doc = documentation(code)?;
    let after_header = doc.split_once("\n\n")?.1;
    let paragraph = after_header.split("\n\n").next()?;
    Some(paragraph.trim())
}

/// The default severity the documentation states, as its name (`warning`, `info`, `error`).
pub fn documented_severity(code: &str) -> Option<&'static str> {
    let doc = documentation(code)?;
    let line = doc
        .lines()
        .find_map(|l| l.strip_prefix("Default severity: "))?;
    Some(line.split(" · ").next()?.trim())
}

/// The documentation's two examples, without their fences: a note excerpt where the rule
/// fires, and the same excerpt fixed. Rule tests can run on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleExamples {
    pub fails: &'static str,
    pub passes: &'static str,
}

pub fn examples(code: &str) -> Option<RuleExamples> {
    let doc = documentation(code)?;
    Some(RuleExamples {
        fails: fenced_after(doc, "\n## Fails\n")?,
        passes: fenced_after(doc, "\n## Passes\n")?,
    })
}

fn fenced_after<'a>(doc: &'a str, heading: &str) -> Option<&'a str> {
    let rest = &doc[doc.find(heading)? + heading.len()..];
    let body = &rest[rest.find("```markdown\n")? + "```markdown\n".len()..];
    Some(&body[..body.find("\n```")? + 1])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::CODES;

    /// SPEC §4's default severities.
    const DEFAULT_SEVERITIES: [(&str, &str); 18] = [
        ("broken-link", "warning"),
        ("empty-section", "warning"),
        ("goal-not-linked", "warning"),
        ("goal-without-metric", "warning"),
        ("internal-only-visibility", "info"),
        ("invalid-status", "warning"),
        ("missing-section", "warning"),
        ("network-gap", "info"),
        ("no-business-metrics", "info"),
        ("no-clear-pov", "info"),
        ("no-contingency", "info"),
        ("orphan-goal", "info"),
        ("overdue-milestone", "warning"),
        ("past-goals-year", "info"),
        ("stale-review", "info"),
        ("too-many-priorities", "warning"),
        ("unknown-goal-ref", "error"),
        ("unquantified-win", "warning"),
    ];

    #[test]
    fn every_code_has_documentation_in_the_same_shape() {
        for code in CODES {
            let doc = documentation(code).unwrap_or_else(|| panic!("{code} has no docs"));
            assert!(
                doc.starts_with(&format!("# {code}\nDefault severity: ")),
                "{code}"
            );
            assert!(
                doc.lines().nth(1).unwrap().contains(" · Applies to: "),
                "{code}"
            );
            let mut from = 0;
            for heading in [
                "\n## Why\n",
                "\n## Fails\n",
                "\n## Passes\n",
                "\n## Quick fixes\n",
            ] {
                let at = doc[from..]
                    .find(heading)
                    .unwrap_or_else(|| panic!("{code} lacks {heading:?} after byte {from}"));
                from += at + heading.len();
            }
            assert!(!doc[from..].trim().is_empty(), "{code} lists no quick fix");
            assert!(doc.ends_with('\n') && !doc.ends_with("\n\n"), "{code}");
        }
        assert_eq!(documentation("no-such-rule"), None);
    }

    #[test]
    fn documented_severities_are_the_defaults() {
        let codes: Vec<_> = DEFAULT_SEVERITIES.iter().map(|(code, _)| *code).collect();
        assert_eq!(codes, CODES);
        for (code, severity) in DEFAULT_SEVERITIES {
            assert_eq!(documented_severity(code), Some(severity), "{code}");
        }
    }

    #[test]
    fn every_doc_has_a_summary_and_two_different_examples() {
        for code in CODES {
            let summary = summary(code).unwrap();
            assert!(summary.starts_with("Reports "), "{code}: {summary}");
            let examples = examples(code).unwrap();
            assert!(!examples.fails.trim().is_empty(), "{code}");
            assert!(!examples.passes.trim().is_empty(), "{code}");
            assert_ne!(examples.fails, examples.passes, "{code}");
            assert!(!examples.fails.contains("```"), "{code}");
        }
        assert_eq!(
            examples("invalid-status").unwrap().passes,
            "| Goal | Outcome | Success Metric | Status | Vision |\n\
             |------|---------|----------------|--------|--------|\n\
             | G1 | Lead the platform org | Org of 40 by Q4 | In progress | Role |\n"
        );
    }
}
