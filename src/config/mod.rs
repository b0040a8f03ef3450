//! Settings: a TOML file overridden by `THREADESK_*` environment variables, validated once at
//! start into a typed [`Config`].
//!
//! Raw values are read first ([`RawConfig`], every field optional) and then resolved, so every
//! problem is reported as one line naming the setting and its environment variable. The bot
//! token is a [`Secret`] and never appears in `Debug` output or logs.
//!
//! Files:
//! - `mod.rs`: the validated [`Config`] and its parts ([`Intake`], [`Secret`]).
//! - `error.rs`: [`ConfigError`], a setting missing or invalid.
//! - `sources.rs`: the raw file and the environment, and which of the two wins.
//! - `values.rs`: one setting's text read as a typed value (durations, rates, chat ids,
//!   booleans, addresses, languages, one of a few words, texts by language).
//! - `resolve.rs`: [`Sources::resolve`], one small function per group of settings (connection,
//!   layout, logging, limits, intake, operations, languages).
//! - `broadcasts.rs`: how fast broadcasts go out.
//! - `desk_rules.rs`: the desk's rules and the configured messages.
//! - `integrations.rs`: the HTTP API's tokens and limits, and the outgoing webhooks.
//! - `proxy.rs`: the parallel connection: the Bot API proxy for an existing bot.
//! - `team_rules.rs`: who may use which command, the card's fields, assignment.
//! - `reporting.rs`: the time zone, working hours, the weekly digest and customer ratings.
//! - `tests.rs`: resolution tests.

mod broadcasts;
mod desk_rules;
mod error;
mod integrations;
mod proxy;
mod reporting;
mod resolve;
mod sources;
mod team_rules;
mod values;

#[cfg(test)]
mod tests;

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::desk::DeskSettings;
use crate::domain::Limits;
use crate::i18n::Overrides;

pub use crate::domain::Layout;
pub use error::ConfigError;
pub use integrations::{Access, ApiToken, IntegrationSettings, WebhookEndpoint};
pub use proxy::ProxySettings;
pub use sources::{RawConfig, Sources, env_name};

/// A value that must never be printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret itself, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// How updates reach the bot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Intake {
    /// The bot asks Telegram with `getUpdates`.
    Polling,
    /// Telegram posts updates to the bot's HTTPS address.
    Webhook {
        /// The public URL Telegram posts to.
        url: url::Url,
        /// The local address the webhook server listens on.
        listen: SocketAddr,
        /// The value Telegram sends in `X-Telegram-Bot-Api-Secret-Token`.
        secret: Secret,
    },
}

/// Validated settings.
#[derive(Clone, Debug)]
pub struct Config {
    /// The bot's token from BotFather.
    pub bot_token: Secret,
    /// The Bot API server.
    pub api_url: url::Url,
    /// Where the database lives.
    pub data_dir: PathBuf,
    /// The workspace layout.
    pub layout: Layout,
    /// The tracing filter (`info`, `threadesk=debug`, ...).
    pub log: String,
    /// Whether logs are JSON lines instead of text.
    pub log_json: bool,
    /// The database's in-memory cache, in bytes.
    pub cache_bytes: u64,
    /// The desk's rules.
    pub desk: DeskSettings,
    /// Outgoing rate limits.
    pub limits: Limits,
    /// How many Telegram calls may be in flight at once.
    pub max_in_flight: usize,
    /// The async runtime's worker threads.
    pub worker_threads: usize,
    /// How long team membership answers are trusted before being checked again.
    pub team_cache_ttl: Duration,
    /// The long-polling timeout for `getUpdates`.
    pub poll_timeout: Duration,
    /// How long one sealing key seals new values (see `storage::seal`).
    pub key_rotation: Duration,
    /// How updates arrive.
    pub intake: Intake,
    /// Where `/healthz` and `/metrics` listen (`None`: off).
    pub ops_listen: Option<SocketAddr>,
    /// Language for customers whose app language has no translation.
    pub default_language: String,
    /// Language of everything the team sees.
    pub team_language: String,
    /// Texts configured instead of the default start, restart, end and ban messages.
    pub messages: Overrides,
    /// Whether the team moves to the configured workspace although the data directory belongs
    /// to another (`threadesk run --new-workspace`): a start-up choice, not a setting.
    pub move_to_new_workspace: bool,
    /// The HTTP API and the outgoing webhooks.
    pub integrations: IntegrationSettings,
    /// The Bot API proxy for an existing bot (`None`: no existing bot).
    pub proxy: Option<ProxySettings>,
}
