//! The client's settings (`initializationOptions`, `didChangeConfiguration`): the server's
//! own keys are split off, the rest becomes the analysis configuration, and problems in
//! either are shown to the user.

use std::time::Duration;

use serde_json::Value;
use tower_lsp_server::ls_types::MessageType;
use tracing::warn;

use super::guard::write;
use super::server::Backend;
use crate::workspace::Config;

/// Server settings that are not part of the analysis configuration: they are taken out of
/// `initializationOptions` / `didChangeConfiguration` before the rest goes to `Config`.
const DELAY_KEYS: [&str; 3] = [
    "diagnostics-delay-ms",
    "diagnostics_delay_ms",
    "diagnosticsDelayMs",
];

impl Backend {
    /// Applies settings from the client; returns problems to show the user.
    pub(super) fn apply_settings(&self, settings: &Value) -> Vec<String> {
        let (config, problems, delay) = read_settings(settings);
        if let Some(delay) = delay {
            write(&self.shared.session).diagnostics_delay = delay;
        }
        write(&self.shared.workspace).set_config(config);
        problems
    }

    /// Shows problems with the settings as warnings, without waiting for the client.
    pub(super) fn show_later(&self, messages: Vec<String>) {
        if messages.is_empty() {
            return;
        }
        let client = self.client.clone();
        tokio::spawn(async move {
            for message in messages {
                client
                    .show_message(
                        MessageType::WARNING,
                        format!("career-lsp settings: {message}"),
                    )
                    .await;
            }
        });
    }
}

/// Splits the client's settings into the analysis configuration and server settings.
/// Returns the configuration, problems to show, and the diagnostics delay if set.
pub(super) fn read_settings(settings: &Value) -> (Config, Vec<String>, Option<Duration>) {
    let mut settings = settings
        .get("careerLsp")
        .or_else(|| settings.get("career-lsp"))
        .unwrap_or(settings)
        .clone();
    let mut messages = Vec::new();
    let mut delay = None;
    if let Some(object) = settings.as_object_mut() {
        for key in DELAY_KEYS {
            match object.remove(key) {
                None => {}
                Some(value) => match value.as_u64() {
                    Some(ms) => delay = Some(Duration::from_millis(ms)),
                    None => messages.push(format!(
                        "`{key}` must be a whole number of milliseconds, not {value}"
                    )),
                },
            }
        }
    }
    let (config, problems) = Config::from_json(&settings);
    messages.extend(problems.into_iter().map(|problem| problem.message));
    for message in &messages {
        warn!("settings: {message}");
    }
    (config, messages, delay)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn settings_split_server_keys_from_the_configuration() {
        let (config, problems, delay) = read_settings(&json!({
            "careerLsp": { "diagnosticsDelayMs": 0, "maxAnnualGoals": 5 }
        }));
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(delay, Some(Duration::ZERO));
        assert_eq!(config.rules.max_annual_goals, 5);
        let (_, problems, delay) = read_settings(&json!({ "diagnostics-delay-ms": "soon" }));
        assert_eq!(problems.len(), 1);
        assert_eq!(delay, None);
        let (config, problems, _) = read_settings(&Value::Null);
        assert_eq!((config, problems), (Config::default(), Vec::new()));
    }
}
