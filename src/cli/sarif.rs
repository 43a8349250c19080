//! `check --format sarif`: the findings as a SARIF 2.1.0 log (OASIS), the format of code
//! scanning services. One run; its tool lists every rule of the registry, with its help
//! text and link, and a `config` rule for the problems of `career-lsp.toml`, so that every
//! result has its rule. Regions count lines and columns from 1, columns in Unicode code
//! points (`columnKind`), as `check` does everywhere.

use std::collections::BTreeMap;
use std::path::{Component, Path};

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;

use super::paths::slash_relative;
use super::Reported;
use crate::rules::{self, Severity, RULES};

/// The schema the log declares: the OASIS standard's, as published with its errata.
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The base of the relative URIs: the folder `check` ran in.
const SRCROOT: &str = "%SRCROOT%";

/// What a URI keeps as it is in a path segment: RFC 3986's unreserved characters. The rest
/// is percent-encoded, `:` too, so that a first segment is never read as a scheme.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

#[derive(Debug, Serialize)]
pub struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    original_uri_base_ids: BTreeMap<&'static str, ArtifactLocation>,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Debug, Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    rules: Vec<RuleDescriptor>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor {
    id: &'static str,
    short_description: Text,
    full_description: Text,
    help: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
    default_configuration: Configuration,
}

/// A message in plain text, and in Markdown when it has some.
#[derive(Debug, Serialize)]
struct Text {
    text: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    markdown: Option<&'static str>,
}

#[derive(Debug, Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message,
    locations: [Location; 1],
}

#[derive(Debug, Serialize)]
struct Message {
    text: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

/// The code of the problems of `career-lsp.toml`, which no rule of the registry reports.
pub const CONFIG_CODE: &str = "config";

/// The `config` rule, last in the log's rule list.
fn config_descriptor() -> RuleDescriptor {
    RuleDescriptor {
        id: CONFIG_CODE,
        short_description: Text {
            text: "Reports a problem in career-lsp.toml.",
            markdown: None,
        },
        full_description: Text {
            text: "Reports a problem in career-lsp.toml: a file that cannot be read or is not \
                   TOML, an unknown key, or a value that is not one the key takes. What cannot \
                   be used keeps its default.",
            markdown: None,
        },
        help: Text {
            text: "Correct the key or value at the location given. `career-lsp init` in an \
                   empty folder writes a configuration with every key at its default, \
                   commented.",
            markdown: None,
        },
        help_uri: None,
        default_configuration: Configuration { level: "error" },
    }
}

fn descriptor(rule: &dyn rules::Rule) -> RuleDescriptor {
    let meta = rule.meta();
    let summary = meta.summary().unwrap_or(meta.code);
    RuleDescriptor {
        id: meta.code,
        short_description: Text {
            text: meta.summary_sentence().unwrap_or(summary),
            markdown: None,
        },
        full_description: Text {
            text: summary,
            markdown: Some(summary),
        },
        // The documentation is Markdown written to be read as it is, so it is the text too.
        help: Text {
            text: meta.documentation,
            markdown: Some(meta.documentation),
        },
        help_uri: Some(rules::docs_url(meta.code)),
        default_configuration: Configuration {
            level: level(meta.default_severity),
        },
    }
}

/// SARIF's level of a severity: it has no `info` or `hint`, both are `note`.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// Where the rule `code` is in the log's rule list: the registry's order, then `config`.
fn rule_index(code: &str) -> Option<usize> {
    if code == CONFIG_CODE {
        return Some(RULES.len());
    }
    RULES.iter().position(|rule| rule.code() == code)
}

/// The log of `reported`, whose files are named relative to `cwd` (the folder `check` ran
/// in) when they are below it, else by their `file://` URI.
pub fn log(reported: &[Reported], cwd: &Path) -> Log {
    let mut rules: Vec<RuleDescriptor> = RULES.iter().map(|rule| descriptor(*rule)).collect();
    rules.push(config_descriptor());
    let results = reported
        .iter()
        .map(|r| SarifResult {
            rule_id: r.code,
            rule_index: rule_index(r.code),
            level: level(r.level),
            message: Message {
                text: r.message.clone(),
            },
            locations: [Location {
                physical_location: PhysicalLocation {
                    artifact_location: artifact(&r.path, cwd),
                    region: Region {
                        start_line: r.line,
                        start_column: r.column,
                        end_line: r.end_line,
                        end_column: r.end_column,
                    },
                },
            }],
        })
        .collect();
    let mut original_uri_base_ids = BTreeMap::new();
    if cwd.is_absolute() {
        let mut base = file_uri(cwd);
        if !base.ends_with('/') {
            base.push('/');
        }
        original_uri_base_ids.insert(
            SRCROOT,
            ArtifactLocation {
                uri: base,
                uri_base_id: None,
            },
        );
    }
    Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "career-lsp",
                    version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            original_uri_base_ids,
            column_kind: "unicodeCodePoints",
            results,
        }],
    }
}

/// A file below `cwd` as a relative reference from `%SRCROOT%`, else as a `file://` URI.
fn artifact(path: &Path, cwd: &Path) -> ArtifactLocation {
    match slash_relative(path, cwd) {
        Some(segments) => ArtifactLocation {
            uri: segments
                .iter()
                .map(|segment| utf8_percent_encode(segment, SEGMENT).to_string())
                .collect::<Vec<_>>()
                .join("/"),
            uri_base_id: Some(SRCROOT),
        },
        None => ArtifactLocation {
            uri: file_uri(path),
            uri_base_id: None,
        },
    }
}

/// The `file://` URI of an absolute path, each segment percent-encoded.
fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for component in path.components() {
        match component {
            // A Windows drive (`C:`) stays as it is: `file:///C:/notes`.
            Component::Prefix(prefix) => {
                uri.push('/');
                uri.push_str(&prefix.as_os_str().to_string_lossy());
            }
            Component::RootDir => {}
            other => {
                uri.push('/');
                let segment = other.as_os_str().to_string_lossy();
                uri.extend(utf8_percent_encode(&segment, SEGMENT));
            }
        }
    }
    if uri == "file://" {
        uri.push('/');
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_relative_references_below_the_current_folder_and_file_uris_elsewhere() {
        let cwd = Path::new("/home/me/career");
        let below = artifact(Path::new("/home/me/career/notes/2026 Goals: Q1%.md"), cwd);
        assert_eq!(below.uri, "notes/2026%20Goals%3A%20Q1%25.md");
        assert_eq!(below.uri_base_id, Some(SRCROOT));
        let elsewhere = artifact(Path::new("/srv/日本/Career.md"), cwd);
        assert_eq!(elsewhere.uri, "file:///srv/%E6%97%A5%E6%9C%AC/Career.md");
        assert_eq!(elsewhere.uri_base_id, None);
        assert_eq!(file_uri(Path::new("/")), "file:///");
    }

    #[test]
    fn every_rule_is_described_and_config_comes_last() {
        let log = serde_json::to_value(log(&[], Path::new("/home/me/career"))).unwrap();
        let run = &log["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), RULES.len() + 1);
        for (index, rule) in RULES.iter().enumerate() {
            assert_eq!(rules[index]["id"], rule.code());
            assert_eq!(rule_index(rule.code()), Some(index));
        }
        assert_eq!(rules[RULES.len()]["id"], "config");
        assert_eq!(rule_index("config"), Some(RULES.len()));
        let empty_section = &rules[rule_index("empty-section").unwrap()];
        assert_eq!(
            empty_section["helpUri"],
            "https://career-lsp.dev/rules/empty-section"
        );
        assert_eq!(empty_section["defaultConfiguration"]["level"], "warning");
        assert!(empty_section["shortDescription"]["text"]
            .as_str()
            .unwrap()
            .starts_with("Reports a known section that holds nothing you wrote"));
        assert!(empty_section["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("\n## Fails\n"));
        assert_eq!(
            run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
            "file:///home/me/career/"
        );
    }

    #[test]
    fn info_and_hint_are_notes() {
        assert_eq!(level(Severity::Error), "error");
        assert_eq!(level(Severity::Warning), "warning");
        assert_eq!(level(Severity::Info), "note");
        assert_eq!(level(Severity::Hint), "note");
    }
}
