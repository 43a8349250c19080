//! The configuration on arbitrary text: `career-lsp.toml` (`Config::from_toml`,
//! `ConfigFile`, and the file open in the editor beside notes the rules then check with
//! it) and JSON settings (`Config::from_json`, and the client-settings path of the server,
//! which takes its own keys out first). Never a panic; problems point into the file; a
//! file without problems gives the configuration its JSON form gives.

#![no_main]

use std::path::Path;

use career_lsp::fuzzing::client_settings;
use career_lsp::workspace::{Config, ConfigFile, CONFIG_FILE_NAME};
use career_lsp_fuzz::checks::assert_range;
use career_lsp_fuzz::vault::{self, Role};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    toml_file(&text);
    if let Ok(value) = serde_json::from_str::<Value>(&text) {
        json_settings(&value);
    }
});

fn toml_file(text: &str) {
    let (config, problems) = Config::from_toml(text);
    for problem in &problems {
        assert!(!problem.message.is_empty());
        if let Some(range) = &problem.range {
            assert!(
                range.start <= range.end && range.end <= text.len(),
                "problem range {range:?} of {text:?} ({})",
                problem.message
            );
        }
    }
    assert!(config.rules.weekly_review_days >= 1);
    let file = ConfigFile::parse(Path::new(vault::ROOT).join(CONFIG_FILE_NAME), text);
    assert_eq!((&file.config, &file.problems), (&config, &problems));

    // The same keys as JSON give the same configuration.
    if problems.is_empty() {
        if let Ok(value) = toml::from_str::<toml::Value>(text) {
            let (from_json, json_problems) = Config::from_json(&to_json(value));
            let messages: Vec<&str> = json_problems.iter().map(|p| p.message.as_str()).collect();
            assert_eq!(messages, Vec::<&str>::new(), "the JSON form of {text:?}");
            assert_eq!(from_json, config, "the JSON form of {text:?}");
        }
    }

    // The file open in the editor, in a vault whose notes the rules check with it.
    let mut workspace = vault::workspace_with(Role::Goals, Role::Goals.companion_text());
    workspace.open(
        Path::new(vault::ROOT).join(CONFIG_FILE_NAME),
        1,
        text.to_string(),
    );
    for role in [Role::CareerIndex, Role::Goals, Role::SessionLog] {
        let snapshot = workspace.snapshot(&role.path()).expect("open");
        for finding in snapshot.diagnostics() {
            assert_range(snapshot.text(), &finding.range, finding.code);
        }
        let _ = career_lsp::features::inlay_hints::inlay_hints(&snapshot, 0..snapshot.text().len());
    }
    for file in workspace.config_problems() {
        for problem in &file.problems {
            if let Some(range) = &problem.range {
                assert!(range.start <= range.end && range.end <= file.text.len());
            }
        }
    }
}

/// A TOML value as the JSON a client would send for it.
fn to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(to_json).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .into_iter()
                .map(|(key, value)| (key, to_json(value)))
                .collect(),
        ),
    }
}

fn json_settings(value: &Value) {
    let (config, problems) = Config::from_json(value);
    assert!(config.rules.weekly_review_days >= 1);
    assert!(problems.iter().all(|p| !p.message.is_empty()));
    let (settings_config, messages, _delay) = client_settings(value);
    assert!(messages.iter().all(|m| !m.is_empty()));
    // Without the server's own keys, the settings are the configuration.
    let delay_keys = [
        "diagnostics-delay-ms",
        "diagnostics_delay_ms",
        "diagnosticsDelayMs",
    ];
    let inner = value
        .get("careerLsp")
        .or_else(|| value.get("career-lsp"))
        .unwrap_or(value);
    let has_delay_key = inner
        .as_object()
        .is_some_and(|object| delay_keys.iter().any(|key| object.contains_key(*key)));
    if !has_delay_key {
        assert_eq!(settings_config, config, "the settings {value}");
        assert_eq!(messages.len(), problems.len(), "the settings {value}");
    }
    // Settings wrapped in the `careerLsp` section read the same.
    if value.is_object() && value.get("careerLsp").is_none() && value.get("career-lsp").is_none() {
        let wrapped = serde_json::json!({ "careerLsp": value });
        assert_eq!(Config::from_json(&wrapped).0, config);
    }
}
