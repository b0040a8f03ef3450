//! Where settings come from: the TOML file's raw values and the `THREADESK_*` environment, and
//! which of the two wins (the environment).

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use super::ConfigError;
use crate::i18n::CustomTexts;

/// Settings as written in the file, before validation.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    pub(super) bot_token: Option<String>,
    pub(super) api_url: Option<String>,
    pub(super) data_dir: Option<String>,
    pub(super) layout: Option<String>,
    pub(super) channel_id: Option<toml::Value>,
    pub(super) forum_id: Option<toml::Value>,
    pub(super) log: Option<String>,
    pub(super) log_format: Option<String>,
    pub(super) cache_mb: Option<toml::Value>,
    pub(super) thread_timeout: Option<String>,
    pub(super) album_wait: Option<String>,
    pub(super) anonymous_admins: Option<String>,
    pub(super) internal_prefixes: Option<Vec<String>>,
    pub(super) priority_colors: Option<Vec<String>>,
    pub(super) closed_color: Option<String>,
    pub(super) silent_mode: Option<toml::Value>,
    pub(super) rate_private: Option<String>,
    pub(super) rate_group: Option<String>,
    pub(super) rate_global: Option<String>,
    pub(super) max_in_flight: Option<toml::Value>,
    pub(super) worker_threads: Option<toml::Value>,
    pub(super) team_cache_ttl: Option<String>,
    pub(super) poll_timeout: Option<String>,
    pub(super) key_rotation: Option<String>,
    pub(super) mode: Option<String>,
    pub(super) webhook_url: Option<String>,
    pub(super) webhook_listen: Option<String>,
    pub(super) webhook_secret: Option<String>,
    pub(super) ops_listen: Option<String>,
    pub(super) default_language: Option<String>,
    pub(super) team_language: Option<String>,
    pub(super) send_start: Option<toml::Value>,
    pub(super) send_restart: Option<toml::Value>,
    pub(super) send_end: Option<toml::Value>,
    pub(super) ban_notice: Option<String>,
    pub(super) messages: Option<RawMessages>,
    pub(super) welcome: Option<toml::Value>,
    pub(super) still_here: Option<toml::Value>,
    pub(super) autoclose_hours: Option<toml::Value>,
    pub(super) retention_days: Option<toml::Value>,
    pub(super) private_keywords: Option<Vec<String>>,
    pub(super) white_list: Option<Vec<toml::Value>>,
    pub(super) reply_only: Option<toml::Value>,
    pub(super) permissions: Option<std::collections::BTreeMap<String, String>>,
    pub(super) card_fields: Option<Vec<String>>,
    pub(super) hide_customer_info: Option<toml::Value>,
    pub(super) assignee_ping_minutes: Option<toml::Value>,
    pub(super) sticky_assignee: Option<toml::Value>,
    pub(super) broadcast_rate: Option<String>,
    pub(super) broadcast_note_in_thread: Option<toml::Value>,
    pub(super) export_part_kb: Option<toml::Value>,
    pub(super) api_tokens: Option<Vec<super::integrations::RawApiToken>>,
    pub(super) api_json_limit_kb: Option<toml::Value>,
    pub(super) api_upload_limit_mb: Option<toml::Value>,
    pub(super) api_rate_per_minute: Option<toml::Value>,
    pub(super) api_timeout: Option<String>,
    pub(super) webhooks: Option<Vec<super::integrations::RawWebhook>>,
    pub(super) webhook_allow_private: Option<toml::Value>,
    pub(super) webhook_timeout: Option<String>,
    pub(super) webhook_retry_for: Option<String>,
    pub(super) timezone: Option<String>,
    pub(super) working_hours: Option<String>,
    pub(super) digest: Option<String>,
    pub(super) rating: Option<toml::Value>,
    pub(super) upstream_bot: Option<String>,
    pub(super) upstream_max_pending: Option<toml::Value>,
    pub(super) intercept_external: Option<toml::Value>,
    pub(super) handoff: Option<toml::Value>,
}

/// `[messages.<kind>]` tables: language tag -> text.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMessages {
    pub(super) start: Option<CustomTexts>,
    pub(super) restart: Option<CustomTexts>,
    pub(super) end: Option<CustomTexts>,
    pub(super) banned: Option<CustomTexts>,
}

/// Where settings come from: the file's values and the environment.
pub struct Sources {
    pub(super) file: RawConfig,
    pub(super) env: HashMap<String, String>,
}

impl Sources {
    /// Reads the settings file (if given) and the process environment.
    pub fn load(path: Option<&Path>) -> Result<Sources, ConfigError> {
        let file = match path {
            Some(path) => {
                let text =
                    std::fs::read_to_string(path).map_err(|error| ConfigError::Unreadable {
                        path: path.to_owned(),
                        reason: error.to_string(),
                    })?;
                toml::from_str(&text).map_err(|error| ConfigError::Syntax {
                    path: path.to_owned(),
                    reason: error.message().to_owned(),
                })?
            }
            None => RawConfig::default(),
        };
        Ok(Sources {
            file,
            env: std::env::vars()
                .filter(|(key, _)| key.starts_with("THREADESK_"))
                .collect(),
        })
    }

    /// Settings from explicit values (tests, the demo).
    pub fn from_parts(file: RawConfig, env: HashMap<String, String>) -> Sources {
        Sources { file, env }
    }

    /// The value of a setting: the environment wins over the file.
    pub(super) fn text(&self, name: &'static str, file: Option<String>) -> Option<String> {
        self.env
            .get(&env_name(name))
            .cloned()
            .or(file)
            .filter(|value| !value.trim().is_empty())
    }

    /// A list setting: the environment's comma-separated items win over the file's array.
    pub(super) fn list(
        &self,
        name: &'static str,
        file: Option<Vec<String>>,
    ) -> Option<Vec<String>> {
        match self.env.get(&env_name(name)) {
            Some(text) => Some(
                text.split(',')
                    .map(str::to_owned)
                    .filter(|item| !item.is_empty())
                    .collect(),
            ),
            None => file,
        }
    }
}

/// The environment variable of a setting.
pub fn env_name(name: &str) -> String {
    format!("THREADESK_{}", name.to_ascii_uppercase())
}

/// A TOML scalar as the text an environment variable would hold (strings unquoted).
pub(super) fn toml_scalar(value: &toml::Value) -> String {
    match value {
        toml::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}
