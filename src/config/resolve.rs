//! Resolution: the sources validated into a [`Config`], one small function per group of
//! settings (connection, storage, layout, logging, outgoing limits, Telegram calls, intake,
//! operations, languages). The desk's rules and messages are in `desk_rules.rs`.
//!
//! Groups are resolved in a fixed order, so with several mistakes the first one reported is
//! always the same.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use super::sources::toml_scalar;
use super::values::{http_url, invalid, required};
use super::{Config, ConfigError, Intake, Secret, Sources};
use crate::domain::{Layout, Limits};

impl Sources {
    /// Validates everything into a [`Config`].
    pub fn resolve(self) -> Result<Config, ConfigError> {
        let (bot_token, api_url) = self.connection()?;
        let data_dir = self.data_dir();
        let layout = self.layout()?;
        let (log, log_json) = self.logging()?;
        let cache_bytes = self.cache_bytes()?;
        let (desk, messages) = self.desk_rules()?;
        let limits = self.limits()?;
        let max_in_flight = self.max_in_flight()?;
        let worker_threads = self.worker_threads()?;
        let (team_cache_ttl, poll_timeout) = self.timeouts()?;
        let key_rotation = self.key_rotation()?;
        let intake = self.intake()?;
        let ops_listen = self.ops_listen()?;
        let default_language =
            self.language("default_language", self.file.default_language.clone())?;
        let team_language = self.language("team_language", self.file.team_language.clone())?;
        let integrations = self.integrations()?;
        let proxy = self.proxy()?;
        Ok(Config {
            bot_token,
            api_url,
            data_dir,
            layout,
            log,
            log_json,
            cache_bytes,
            desk,
            limits,
            max_in_flight,
            worker_threads,
            team_cache_ttl,
            poll_timeout,
            key_rotation,
            intake,
            ops_listen,
            default_language,
            team_language,
            messages,
            move_to_new_workspace: false,
            integrations,
            proxy,
        })
    }

    /// Only the storage settings (`data_dir`, `cache_mb`), for tools that need no token.
    pub fn storage(&self) -> Result<(PathBuf, u64), ConfigError> {
        Ok((self.data_dir(), self.cache_bytes()?))
    }

    /// The bot's token and the Bot API server.
    fn connection(&self) -> Result<(Secret, url::Url), ConfigError> {
        let bot_token = required(
            self.text("bot_token", self.file.bot_token.clone()),
            "bot_token",
        )?;
        if !looks_like_token(&bot_token) {
            return Err(invalid(
                "bot_token",
                "expected the token BotFather gave, like 123456:ABC-DEF…".into(),
            ));
        }
        let api_url_text = self
            .text("api_url", self.file.api_url.clone())
            .unwrap_or_else(|| "https://api.telegram.org".into());
        let api_url = http_url("api_url", &api_url_text, "an http(s) URL")?;
        Ok((Secret::new(bot_token), api_url))
    }

    fn data_dir(&self) -> PathBuf {
        PathBuf::from(
            self.text("data_dir", self.file.data_dir.clone())
                .unwrap_or_else(|| "threadesk-data".into()),
        )
    }

    fn cache_bytes(&self) -> Result<u64, ConfigError> {
        let cache_mb: u64 =
            self.number("cache_mb", self.file.cache_mb.as_ref().map(toml_scalar), 64)?;
        Ok(cache_mb.saturating_mul(1024 * 1024))
    }

    /// The channel (`channel_id`) or the forum (`forum_id`).
    fn layout(&self) -> Result<Layout, ConfigError> {
        let file = &self.file;
        let forum = self.choice(
            "layout",
            file.layout.clone(),
            &[("channel", false), ("forum", true)],
        )?;
        Ok(if forum {
            Layout::Forum {
                forum: self.chat_id("forum_id", file.forum_id.as_ref().map(toml_scalar))?,
            }
        } else {
            Layout::Channel {
                channel: self.chat_id("channel_id", file.channel_id.as_ref().map(toml_scalar))?,
            }
        })
    }

    /// The tracing filter, and whether logs are JSON lines.
    fn logging(&self) -> Result<(String, bool), ConfigError> {
        let log = self
            .text("log", self.file.log.clone())
            .unwrap_or_else(|| "info".into());
        let log_json = self.choice(
            "log_format",
            self.file.log_format.clone(),
            &[("text", false), ("json", true)],
        )?;
        Ok((log, log_json))
    }

    fn limits(&self) -> Result<Limits, ConfigError> {
        let file = &self.file;
        Ok(Limits {
            private_chat: self.rate("rate_private", file.rate_private.clone(), "1/1s")?,
            group: self.rate("rate_group", file.rate_group.clone(), "20/1m")?,
            global: self.rate("rate_global", file.rate_global.clone(), "30/1s")?,
        })
    }

    fn max_in_flight(&self) -> Result<usize, ConfigError> {
        let max_in_flight: usize = self.number(
            "max_in_flight",
            self.file.max_in_flight.as_ref().map(toml_scalar),
            16,
        )?;
        if max_in_flight == 0 {
            return Err(invalid("max_in_flight", "must be at least 1".into()));
        }
        Ok(max_in_flight)
    }

    /// The runtime's worker threads: one by default, which costs the least CPU per message at
    /// the rates a desk sees (BENCHMARKS.md); more only raise the throughput of a backlog.
    fn worker_threads(&self) -> Result<usize, ConfigError> {
        let workers: usize = self.number(
            "worker_threads",
            self.file.worker_threads.as_ref().map(toml_scalar),
            1,
        )?;
        if !(1..=64).contains(&workers) {
            return Err(invalid("worker_threads", "must be from 1 to 64".into()));
        }
        Ok(workers)
    }

    /// How long membership answers are trusted, and the long-polling timeout.
    fn timeouts(&self) -> Result<(Duration, Duration), ConfigError> {
        let team_cache_ttl = self.duration(
            "team_cache_ttl",
            self.file.team_cache_ttl.clone(),
            Duration::from_secs(600),
        )?;
        let poll_timeout = self.duration(
            "poll_timeout",
            self.file.poll_timeout.clone(),
            Duration::from_secs(25),
        )?;
        if poll_timeout > Duration::from_secs(50) {
            return Err(invalid("poll_timeout", "must be at most 50s".into()));
        }
        Ok((team_cache_ttl, poll_timeout))
    }

    /// How long one sealing key seals new values: from a minute to 31 days.
    fn key_rotation(&self) -> Result<Duration, ConfigError> {
        let rotation = self.duration(
            "key_rotation",
            self.file.key_rotation.clone(),
            crate::storage::seal::DEFAULT_ROTATION,
        )?;
        if rotation < Duration::from_secs(60) || rotation > Duration::from_secs(31 * 86400) {
            return Err(invalid("key_rotation", "must be between 1m and 31d".into()));
        }
        Ok(rotation)
    }

    /// Polling, or a webhook with its address and secret.
    fn intake(&self) -> Result<Intake, ConfigError> {
        let webhook = self.choice(
            "mode",
            self.file.mode.clone(),
            &[("polling", false), ("webhook", true)],
        )?;
        if webhook {
            self.webhook()
        } else {
            Ok(Intake::Polling)
        }
    }

    fn webhook(&self) -> Result<Intake, ConfigError> {
        let file = &self.file;
        let url_text = required(
            self.text("webhook_url", file.webhook_url.clone()),
            "webhook_url",
        )?;
        let url = http_url(
            "webhook_url",
            &url_text,
            "the public https URL Telegram posts to",
        )?;
        let listen = self.address(
            "webhook_listen",
            file.webhook_listen.clone(),
            "0.0.0.0:8080",
        )?;
        let secret = required(
            self.text("webhook_secret", file.webhook_secret.clone()),
            "webhook_secret",
        )?;
        let valid = (1..=256).contains(&secret.len())
            && secret
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !valid {
            return Err(invalid(
                "webhook_secret",
                "expected 1 to 256 characters from A-Z, a-z, 0-9, _ and -".into(),
            ));
        }
        Ok(Intake::Webhook {
            url,
            listen,
            secret: Secret::new(secret),
        })
    }

    /// Where `/healthz` and `/metrics` listen, or `None` for `off`.
    fn ops_listen(&self) -> Result<Option<SocketAddr>, ConfigError> {
        let file = &self.file;
        match self.text("ops_listen", file.ops_listen.clone()).as_deref() {
            Some("off") => Ok(None),
            _ => Ok(Some(self.address(
                "ops_listen",
                file.ops_listen.clone(),
                "127.0.0.1:9898",
            )?)),
        }
    }
}

fn looks_like_token(token: &str) -> bool {
    let Some((id, secret)) = token.split_once(':') else {
        return false;
    };
    !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_digit())
        && !secret.is_empty()
        && secret
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}
