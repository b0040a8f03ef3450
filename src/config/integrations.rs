//! The integrations' settings: the HTTP API's tokens and limits (`api_tokens`,
//! `api_json_limit_kb`, `api_upload_limit_mb`, `api_rate_per_minute`, `api_timeout`) and the
//! outgoing webhooks (`webhooks`, `webhook_allow_private`, `webhook_timeout`,
//! `webhook_retry_for`).
//!
//! Tokens and webhooks are tables, so they come from the settings file only.

use std::time::Duration;

use serde::Deserialize;

use super::sources::toml_scalar;
use super::values::{http_url, invalid};
use super::{ConfigError, Secret, Sources};
use crate::desk::WebhookKind;

/// What an API token may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Read routes only.
    Read,
    /// Read and write routes.
    Write,
}

/// A named API token.
#[derive(Clone, Debug)]
pub struct ApiToken {
    /// Its name, audited with every write and shown in threads ("via API: <name>").
    pub name: String,
    /// The bearer token itself.
    pub secret: Secret,
    /// What it may do.
    pub access: Access,
}

/// An endpoint outgoing webhooks are posted to.
#[derive(Clone, Debug)]
pub struct WebhookEndpoint {
    /// Where.
    pub url: url::Url,
    /// Which events.
    pub events: Vec<WebhookKind>,
    /// The key deliveries are signed with.
    pub secret: Secret,
}

/// The HTTP API's and the outgoing webhooks' settings.
#[derive(Clone, Debug)]
pub struct IntegrationSettings {
    /// The API's tokens (none: the API is off).
    pub api_tokens: Vec<ApiToken>,
    /// The largest JSON body the API accepts, in bytes.
    pub json_limit: usize,
    /// The largest file upload (the whole multipart body) the API accepts, in bytes.
    pub upload_limit: usize,
    /// Requests per minute each token may make.
    pub rate_per_minute: u32,
    /// How long the API works on one request before answering 503 (or 202 for a message).
    pub api_timeout: Duration,
    /// The webhook endpoints.
    pub webhooks: Vec<WebhookEndpoint>,
    /// Whether webhooks may go to private, loopback and link-local addresses.
    pub webhook_allow_private: bool,
    /// How long one webhook call may take.
    pub webhook_timeout: Duration,
    /// How long a delivery is retried before it is given up.
    pub webhook_retry_for: Duration,
}

impl Default for IntegrationSettings {
    fn default() -> Self {
        IntegrationSettings {
            api_tokens: Vec::new(),
            json_limit: 64 * 1024,
            upload_limit: 20 * 1024 * 1024,
            rate_per_minute: 600,
            api_timeout: Duration::from_secs(10),
            webhooks: Vec::new(),
            webhook_allow_private: false,
            webhook_timeout: Duration::from_secs(10),
            webhook_retry_for: Duration::from_secs(24 * 3600),
        }
    }
}

/// `[[api_tokens]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawApiToken {
    name: String,
    token: String,
    access: String,
}

/// `[[webhooks]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawWebhook {
    url: String,
    events: Vec<String>,
    secret: String,
}

impl Sources {
    /// The integrations' settings.
    pub(super) fn integrations(&self) -> Result<IntegrationSettings, ConfigError> {
        let defaults = IntegrationSettings::default();
        let file = &self.file;
        let kb: usize = self.number(
            "api_json_limit_kb",
            file.api_json_limit_kb.as_ref().map(toml_scalar),
            64,
        )?;
        let upload_mb: usize = self.number(
            "api_upload_limit_mb",
            file.api_upload_limit_mb.as_ref().map(toml_scalar),
            20,
        )?;
        if !(1..=50).contains(&upload_mb) {
            let reason = "expected 1 to 50 (Telegram's limit for bots' uploads)".into();
            return Err(invalid("api_upload_limit_mb", reason));
        }
        let rate = self.number(
            "api_rate_per_minute",
            file.api_rate_per_minute.as_ref().map(toml_scalar),
            600,
        )?;
        if rate == 0 {
            return Err(invalid("api_rate_per_minute", "expected at least 1".into()));
        }
        Ok(IntegrationSettings {
            api_tokens: self.api_tokens()?,
            json_limit: kb.saturating_mul(1024).max(1024),
            upload_limit: upload_mb * 1024 * 1024,
            rate_per_minute: rate,
            api_timeout: self.duration(
                "api_timeout",
                file.api_timeout.clone(),
                defaults.api_timeout,
            )?,
            webhooks: self.webhooks()?,
            webhook_allow_private: self.boolean(
                "webhook_allow_private",
                file.webhook_allow_private.as_ref().map(toml_scalar),
                false,
            )?,
            webhook_timeout: self.duration(
                "webhook_timeout",
                file.webhook_timeout.clone(),
                defaults.webhook_timeout,
            )?,
            webhook_retry_for: self.duration(
                "webhook_retry_for",
                file.webhook_retry_for.clone(),
                defaults.webhook_retry_for,
            )?,
        })
    }

    fn api_tokens(&self) -> Result<Vec<ApiToken>, ConfigError> {
        let mut tokens: Vec<ApiToken> = Vec::new();
        for raw in self.file.api_tokens.iter().flatten() {
            let access = match raw.access.as_str() {
                "read" => Access::Read,
                "write" => Access::Write,
                other => {
                    let reason = format!("access must be `read` or `write`, got {other:?}");
                    return Err(invalid("api_tokens", reason));
                }
            };
            let name_ok = (1..=32).contains(&raw.name.chars().count())
                && raw
                    .name
                    .chars()
                    .all(|c| c.is_alphanumeric() || "-_. ".contains(c));
            if !name_ok {
                let reason = format!(
                    "a token's name must be 1-32 letters, digits, spaces or -_. (got {:?})",
                    raw.name
                );
                return Err(invalid("api_tokens", reason));
            }
            if raw.token.len() < 16 {
                let reason = format!("the token of {:?} must be at least 16 characters", raw.name);
                return Err(invalid("api_tokens", reason));
            }
            if tokens
                .iter()
                .any(|t| t.name == raw.name || t.secret.expose() == raw.token)
            {
                let reason = format!("two tokens share the name or the token of {:?}", raw.name);
                return Err(invalid("api_tokens", reason));
            }
            tokens.push(ApiToken {
                name: raw.name.clone(),
                secret: Secret::new(raw.token.clone()),
                access,
            });
        }
        Ok(tokens)
    }

    fn webhooks(&self) -> Result<Vec<WebhookEndpoint>, ConfigError> {
        let mut endpoints = Vec::new();
        for raw in self.file.webhooks.iter().flatten() {
            let url = http_url("webhooks", &raw.url, "an http(s) URL")?;
            let mut events = Vec::new();
            for name in &raw.events {
                let kind = WebhookKind::from_name(name).ok_or_else(|| {
                    let known: Vec<_> = WebhookKind::ALL.iter().map(|k| k.name()).collect();
                    invalid(
                        "webhooks",
                        format!("unknown event {name:?} (known: {})", known.join(", ")),
                    )
                })?;
                events.push(kind);
            }
            if events.is_empty() {
                return Err(invalid(
                    "webhooks",
                    format!("{} subscribes to no event", raw.url),
                ));
            }
            if raw.secret.len() < 16 {
                let reason = format!("the secret of {} must be at least 16 characters", raw.url);
                return Err(invalid("webhooks", reason));
            }
            endpoints.push(WebhookEndpoint {
                url,
                events,
                secret: Secret::new(raw.secret.clone()),
            });
        }
        Ok(endpoints)
    }
}
