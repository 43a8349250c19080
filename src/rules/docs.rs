//! What is read from a rule's documentation, one Markdown file per code under `docs/`: what
//! the rule checks, why it matters, a failing and a passing example, and its quick fixes.
//! The file belongs to the rule's declaration ([`RuleMeta::documentation`]);
//! `career-lsp explain` prints it, and the summary and examples are taken from it here.

use super::RuleMeta;

/// Where the rules' documentation is published; a rule's page is its code appended.
const DOCS_URL: &str = "https://career-lsp.dev/rules/";

/// The address of the published documentation of the rule `code` (the editor's link on a
/// diagnostic, the help link of a SARIF rule).
pub fn docs_url(code: &str) -> String {
    format!("{DOCS_URL}{code}")
}

impl RuleMeta {
    /// What the rule checks: the paragraph after the severity line.
    pub fn summary(&self) -> Option<&'static str> {
        let after_header = self.documentation.split_once("\n\n")?.1;
        let paragraph = after_header.split("\n\n").next()?;
        Some(paragraph.trim())
    }

    /// The first sentence of the summary: the README's rule table, SARIF's short
    /// description.
    pub fn summary_sentence(&self) -> Option<&'static str> {
        let summary = self.summary()?;
        Some(
            summary
                .find(". ")
                .map_or(summary, |end| &summary[..end + 1]),
        )
    }

    /// The default severity the documentation states, as its name (`warning`, `info`,
    /// `error`); a test holds it equal to [`RuleMeta::default_severity`].
    pub fn documented_severity(&self) -> Option<&'static str> {
        let line = self.severity_line()?;
        Some(line.split(" · ").next()?.trim())
    }

    /// The notes the rule looks at, as the documentation words it: `Goals note`,
    /// `Career Index, Goals note, profile`.
    pub fn applies_to(&self) -> Option<&'static str> {
        let line = self.severity_line()?;
        Some(line.split_once(" · Applies to: ")?.1.trim())
    }

    /// The documentation's two examples, without their fences.
    pub fn examples(&self) -> Option<RuleExamples> {
        Some(RuleExamples {
            fails: fenced_after(self.documentation, "\n## Fails\n")?,
            passes: fenced_after(self.documentation, "\n## Passes\n")?,
        })
    }

    /// The line after the title: `Default severity: warning · Applies to: Goals note`.
    fn severity_line(&self) -> Option<&'static str> {
        self.documentation
            .lines()
            .find_map(|l| l.strip_prefix("Default severity: "))
    }
}

/// A note excerpt where the rule fires, and the same excerpt fixed. Rule tests can run on
/// them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleExamples {
    pub fails: &'static str,
    pub passes: &'static str,
}

fn fenced_after<'a>(doc: &'a str, heading: &str) -> Option<&'a str> {
    let rest = &doc[doc.find(heading)? + heading.len()..];
    let body = &rest[rest.find("```markdown\n")? + "```markdown\n".len()..];
    Some(&body[..body.find("\n```")? + 1])
}

#[cfg(test)]
mod tests {
    use crate::rules::{rule, RULES};

    #[test]
    fn every_rule_has_documentation_in_the_same_shape() {
        for rule in RULES {
            let (code, doc) = (rule.code(), rule.meta().documentation);
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
    }

    #[test]
    fn every_doc_has_a_summary_and_two_different_examples() {
        for rule in RULES {
            let (code, meta) = (rule.code(), rule.meta());
            let summary = meta.summary().unwrap();
            assert!(summary.starts_with("Reports "), "{code}: {summary}");
            let examples = meta.examples().unwrap();
            assert!(!examples.fails.trim().is_empty(), "{code}");
            assert!(!examples.passes.trim().is_empty(), "{code}");
            assert_ne!(examples.fails, examples.passes, "{code}");
            assert!(!examples.fails.contains("```"), "{code}");
        }
        let invalid_status = rule("invalid-status").unwrap().meta();
        assert_eq!(
            invalid_status.examples().unwrap().passes,
            "| Goal | Outcome | Success Metric | Status | Vision |\n\
             |------|---------|----------------|--------|--------|\n\
             | G1 | Lead the platform org | Org of 40 by Q4 | In progress | Role |\n"
        );
        assert_eq!(invalid_status.applies_to(), Some("Goals note"));
        assert_eq!(invalid_status.documented_severity(), Some("warning"));
    }

    /// The README's rule table, rendered from the registry: one row per rule, in the
    /// registry's order, with the first sentence of its summary.
    fn readme_table() -> String {
        let mut table =
            String::from("| code | default | applies to | what it checks |\n|---|---|---|---|\n");
        for rule in RULES {
            let meta = rule.meta();
            let first_sentence = meta.summary_sentence().unwrap_or_default();
            table.push_str(&format!(
                "| [`{code}`](src/rules/docs/{code}.md) | {severity} | {applies_to} | {first_sentence} |\n",
                code = meta.code,
                severity = meta.default_severity.name(),
                applies_to = meta.applies_to().unwrap_or_default(),
            ));
        }
        table
    }

    #[test]
    fn the_vs_code_extension_has_a_severity_setting_for_every_rule() {
        let manifest = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/editors/vscode/package.json"
        ))
        .expect("the extension's package.json");
        let manifest: serde_json::Value = serde_json::from_str(&manifest).expect("JSON");
        let rules = &manifest["contributes"]["configuration"]["properties"]["careerLsp.rules"]
            ["properties"];
        let offered: Vec<&str> = rules
            .as_object()
            .expect("careerLsp.rules lists the rules")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(offered, super::super::CODES);
    }

    #[test]
    fn the_readme_rule_table_is_the_registrys() {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
            .expect("README.md");
        let rules = &readme[readme.find("\n## Rules\n").expect("a Rules section")..];
        let start = rules.find("\n| code |").expect("a rule table") + 1;
        let table: String = rules[start..]
            .lines()
            .take_while(|line| line.starts_with('|'))
            .map(|line| format!("{line}\n"))
            .collect();
        let expected = readme_table();
        assert!(
            table == expected,
            "README.md's rule table differs from the registry; the table should read:\n\n{expected}"
        );
    }
}
