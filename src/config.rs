//! Settings: a TOML file overridden by `THREADESK_*` environment variables, validated once at
//! start into a typed [`Config`].
//!
//! Raw values are read first ([`RawConfig`], every field optional) and then resolved, so every
//! problem is reported as one line naming the setting and its environment variable. The bot
//! token is a [`Secret`] and never appears in `Debug` output or logs.

use std::collections::HashMap;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::desk::{AnonymousAdmins, BanNotice, DeskSettings};
use std::collections::BTreeSet;

use crate::domain::{ChatId, Keywords, UserId};
use crate::i18n::{CustomTexts, Overrides};
use crate::pipeline::limiter::{Limits, Rate};

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

/// A setting is missing or invalid.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The settings file could not be read.
    #[error("cannot read the settings file {path}: {reason}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// The settings file is not valid TOML or has unknown settings.
    #[error("invalid settings file {path}: {reason}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// What the parser said.
        reason: String,
    },
    /// A required setting has no value.
    #[error("setting `{name}` is required (set it in the settings file or in {env})")]
    Missing {
        /// The setting's name in the file.
        name: &'static str,
        /// Its environment variable.
        env: String,
    },
    /// A setting has a value that is not valid.
    #[error("setting `{name}` ({env}) is invalid: {reason}")]
    Invalid {
        /// The setting's name in the file.
        name: &'static str,
        /// Its environment variable.
        env: String,
        /// What is wrong, and what is expected.
        reason: String,
    },
}

/// The layout of the team's workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// A channel whose posts are customer cards, with a linked discussion group for threads.
    Channel {
        /// The channel (`channel_id`).
        channel: ChatId,
    },
    /// A forum supergroup with one topic per customer.
    Forum {
        /// The forum (`forum_id`).
        forum: ChatId,
    },
}

impl Layout {
    /// The configured chat: the channel, or the forum.
    pub fn chat(self) -> ChatId {
        match self {
            Layout::Channel { channel } => channel,
            Layout::Forum { forum } => forum,
        }
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
    /// How long team membership answers are trusted before being checked again.
    pub team_cache_ttl: Duration,
    /// The long-polling timeout for `getUpdates`.
    pub poll_timeout: Duration,
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
}

/// Settings as written in the file, before validation.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    bot_token: Option<String>,
    api_url: Option<String>,
    data_dir: Option<String>,
    layout: Option<String>,
    channel_id: Option<toml::Value>,
    forum_id: Option<toml::Value>,
    log: Option<String>,
    log_format: Option<String>,
    cache_mb: Option<toml::Value>,
    thread_timeout: Option<String>,
    album_wait: Option<String>,
    anonymous_admins: Option<String>,
    internal_prefixes: Option<Vec<String>>,
    priority_colors: Option<Vec<String>>,
    closed_color: Option<String>,
    silent_mode: Option<toml::Value>,
    rate_private: Option<String>,
    rate_group: Option<String>,
    rate_global: Option<String>,
    max_in_flight: Option<toml::Value>,
    team_cache_ttl: Option<String>,
    poll_timeout: Option<String>,
    mode: Option<String>,
    webhook_url: Option<String>,
    webhook_listen: Option<String>,
    webhook_secret: Option<String>,
    ops_listen: Option<String>,
    default_language: Option<String>,
    team_language: Option<String>,
    send_start: Option<toml::Value>,
    send_restart: Option<toml::Value>,
    send_end: Option<toml::Value>,
    ban_notice: Option<String>,
    messages: Option<RawMessages>,
    welcome: Option<toml::Value>,
    still_here: Option<toml::Value>,
    autoclose_hours: Option<toml::Value>,
    private_keywords: Option<Vec<String>>,
    white_list: Option<Vec<toml::Value>>,
    reply_only: Option<toml::Value>,
}

/// `[messages.<kind>]` tables: language tag -> text.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMessages {
    start: Option<CustomTexts>,
    restart: Option<CustomTexts>,
    end: Option<CustomTexts>,
    banned: Option<CustomTexts>,
}

/// Where settings come from: the file's values and the environment.
pub struct Sources {
    file: RawConfig,
    env: HashMap<String, String>,
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
    fn text(&self, name: &'static str, file: Option<String>) -> Option<String> {
        self.env
            .get(&env_name(name))
            .cloned()
            .or(file)
            .filter(|value| !value.trim().is_empty())
    }

    /// Only the storage settings (`data_dir`, `cache_mb`), for tools that need no token.
    pub fn storage(&self) -> Result<(PathBuf, u64), ConfigError> {
        let data_dir = PathBuf::from(
            self.text("data_dir", self.file.data_dir.clone())
                .unwrap_or_else(|| "threadesk-data".into()),
        );
        let cache_mb: u64 =
            self.number("cache_mb", self.file.cache_mb.as_ref().map(toml_scalar), 64)?;
        Ok((data_dir, cache_mb.saturating_mul(1024 * 1024)))
    }

    /// Validates everything into a [`Config`].
    pub fn resolve(self) -> Result<Config, ConfigError> {
        let file = &self.file;
        let scalar = |value: &Option<toml::Value>| value.as_ref().map(toml_scalar);

        let bot_token = required(self.text("bot_token", file.bot_token.clone()), "bot_token")?;
        if !looks_like_token(&bot_token) {
            return Err(invalid(
                "bot_token",
                "expected the token BotFather gave, like 123456:ABC-DEF…".into(),
            ));
        }
        let api_url_text = self
            .text("api_url", file.api_url.clone())
            .unwrap_or_else(|| "https://api.telegram.org".into());
        let api_url = url::Url::parse(&api_url_text)
            .ok()
            .filter(|url| matches!(url.scheme(), "http" | "https"))
            .ok_or_else(|| {
                invalid(
                    "api_url",
                    format!("expected an http(s) URL, got {api_url_text:?}"),
                )
            })?;
        let data_dir = PathBuf::from(
            self.text("data_dir", file.data_dir.clone())
                .unwrap_or_else(|| "threadesk-data".into()),
        );
        let layout = match self
            .text("layout", file.layout.clone())
            .as_deref()
            .unwrap_or("channel")
        {
            "channel" => Layout::Channel {
                channel: self.chat_id("channel_id", scalar(&file.channel_id))?,
            },
            "forum" => Layout::Forum {
                forum: self.chat_id("forum_id", scalar(&file.forum_id))?,
            },
            other => {
                return Err(invalid(
                    "layout",
                    format!("expected `channel` or `forum`, got {other:?}"),
                ));
            }
        };
        let log = self
            .text("log", file.log.clone())
            .unwrap_or_else(|| "info".into());
        let log_json = match self
            .text("log_format", file.log_format.clone())
            .as_deref()
            .unwrap_or("text")
        {
            "text" => false,
            "json" => true,
            other => {
                return Err(invalid(
                    "log_format",
                    format!("expected `text` or `json`, got {other:?}"),
                ));
            }
        };
        let cache_mb: u64 = self.number("cache_mb", scalar(&file.cache_mb), 64)?;
        let mut desk = DeskSettings::default();
        desk.thread_timeout = self.duration(
            "thread_timeout",
            file.thread_timeout.clone(),
            desk.thread_timeout,
        )?;
        desk.album_wait = self.duration("album_wait", file.album_wait.clone(), desk.album_wait)?;
        desk.anonymous_admins = match self
            .text("anonymous_admins", file.anonymous_admins.clone())
            .as_deref()
        {
            None | Some("team") => AnonymousAdmins::Team,
            Some("ignore") => AnonymousAdmins::Ignore,
            Some(other) => {
                return Err(invalid(
                    "anonymous_admins",
                    format!("expected `team` or `ignore`, got {other:?}"),
                ));
            }
        };
        if let Some(prefixes) = self.list("internal_prefixes", file.internal_prefixes.clone()) {
            desk.internal_prefixes = prefixes;
        }
        if let Some(colors) = self.list("priority_colors", file.priority_colors.clone()) {
            if colors.len() != usize::from(crate::domain::Priority::MAX) + 1 {
                return Err(invalid(
                    "priority_colors",
                    format!("expected 4 markers (levels 0 to 3), got {}", colors.len()),
                ));
            }
            desk.priority_markers = colors;
        }
        if let Some(closed) = self.text("closed_color", file.closed_color.clone()) {
            desk.closed_marker = closed;
        }
        desk.tell_customers_about_errors =
            !self.boolean("silent_mode", scalar(&file.silent_mode), false)?;
        desk.send_start = self.boolean("send_start", scalar(&file.send_start), true)?;
        desk.send_restart = self.boolean("send_restart", scalar(&file.send_restart), true)?;
        desk.send_end = self.boolean("send_end", scalar(&file.send_end), true)?;
        desk.ban_notice = match self.text("ban_notice", file.ban_notice.clone()).as_deref() {
            None | Some("counter") => BanNotice::Counter,
            Some("note") => BanNotice::Note,
            Some(other) => {
                return Err(invalid(
                    "ban_notice",
                    format!("expected `counter` or `note`, got {other:?}"),
                ));
            }
        };
        let raw_messages = file.messages.as_ref();
        let mut messages = Overrides {
            start: custom_texts(
                "messages.start",
                raw_messages.and_then(|m| m.start.as_ref()),
            )?,
            restart: custom_texts(
                "messages.restart",
                raw_messages.and_then(|m| m.restart.as_ref()),
            )?,
            end: custom_texts("messages.end", raw_messages.and_then(|m| m.end.as_ref()))?,
            banned: custom_texts(
                "messages.banned",
                raw_messages.and_then(|m| m.banned.as_ref()),
            )?,
            still_here: match &file.still_here {
                Some(toml::Value::Table(table)) => table_texts("still_here", table)?,
                _ => CustomTexts::new(),
            },
        };
        // A table of texts switches it on; the environment's `on`/`off` wins.
        let still_here = match &file.still_here {
            Some(toml::Value::Table(_)) => Some("on".to_owned()),
            other => scalar(other),
        };
        desk.send_still_here = self.boolean("still_here", still_here, false)?;
        match (
            self.env
                .get(&env_name("welcome"))
                .map(|text| toml::Value::String(text.clone())),
            file.welcome.clone(),
        ) {
            (Some(value), _) | (None, Some(value)) => match value {
                toml::Value::String(text) if text.trim() == "off" => {
                    desk.send_start = false;
                    desk.send_restart = false;
                }
                toml::Value::Table(table) => {
                    let texts = table_texts("welcome", &table)?;
                    if messages.start.is_empty() {
                        messages.start = texts.clone();
                    }
                    if messages.restart.is_empty() {
                        messages.restart = texts;
                    }
                }
                other => {
                    return Err(invalid(
                        "welcome",
                        format!("expected `off` or a table of texts by language, got {other}"),
                    ));
                }
            },
            (None, None) => {}
        }
        let autoclose_hours: f64 =
            self.number("autoclose_hours", scalar(&file.autoclose_hours), 48.0)?;
        if !autoclose_hours.is_finite() || autoclose_hours < 0.0 {
            return Err(invalid(
                "autoclose_hours",
                "expected a number of hours, 0 to switch it off".into(),
            ));
        }
        desk.autoclose_after =
            (autoclose_hours > 0.0).then(|| Duration::from_secs_f64(autoclose_hours * 3600.0));
        if let Some(groups) = self.list("private_keywords", file.private_keywords.clone()) {
            desk.keywords =
                Keywords::parse(&groups).map_err(|reason| invalid("private_keywords", reason))?;
        }
        let white_list = self.list(
            "white_list",
            file.white_list
                .as_ref()
                .map(|ids| ids.iter().map(toml_scalar).collect()),
        );
        if let Some(ids) = white_list {
            let parsed = ids
                .iter()
                .map(|id| id.trim().parse::<i64>().map(UserId))
                .collect::<Result<BTreeSet<_>, _>>()
                .map_err(|_| invalid("white_list", format!("expected user ids, got {ids:?}")))?;
            desk.white_list = (!parsed.is_empty()).then_some(parsed);
        }
        desk.reply_only = self.boolean("reply_only", scalar(&file.reply_only), false)?;
        let limits = Limits {
            private_chat: self.rate("rate_private", file.rate_private.clone(), "1/1s")?,
            group: self.rate("rate_group", file.rate_group.clone(), "20/1m")?,
            global: self.rate("rate_global", file.rate_global.clone(), "30/1s")?,
        };
        let max_in_flight: usize = self.number("max_in_flight", scalar(&file.max_in_flight), 16)?;
        if max_in_flight == 0 {
            return Err(invalid("max_in_flight", "must be at least 1".into()));
        }
        let team_cache_ttl = self.duration(
            "team_cache_ttl",
            file.team_cache_ttl.clone(),
            Duration::from_secs(600),
        )?;
        let poll_timeout = self.duration(
            "poll_timeout",
            file.poll_timeout.clone(),
            Duration::from_secs(25),
        )?;
        if poll_timeout > Duration::from_secs(50) {
            return Err(invalid("poll_timeout", "must be at most 50s".into()));
        }
        let intake = match self.text("mode", file.mode.clone()).as_deref() {
            None | Some("polling") => Intake::Polling,
            Some("webhook") => {
                let url_text = required(
                    self.text("webhook_url", file.webhook_url.clone()),
                    "webhook_url",
                )?;
                let url = url::Url::parse(&url_text)
                    .ok()
                    .filter(|url| matches!(url.scheme(), "https" | "http"))
                    .ok_or_else(|| {
                        invalid(
                            "webhook_url",
                            format!(
                                "expected the public https URL Telegram posts to, got {url_text:?}"
                            ),
                        )
                    })?;
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
                Intake::Webhook {
                    url,
                    listen,
                    secret: Secret::new(secret),
                }
            }
            Some(other) => {
                return Err(invalid(
                    "mode",
                    format!("expected `polling` or `webhook`, got {other:?}"),
                ));
            }
        };
        let ops_listen = match self.text("ops_listen", file.ops_listen.clone()).as_deref() {
            Some("off") => None,
            _ => Some(self.address("ops_listen", file.ops_listen.clone(), "127.0.0.1:9898")?),
        };
        let default_language = self.language("default_language", file.default_language.clone())?;
        let team_language = self.language("team_language", file.team_language.clone())?;
        Ok(Config {
            bot_token: Secret::new(bot_token),
            api_url,
            data_dir,
            layout,
            log,
            log_json,
            cache_bytes: cache_mb.saturating_mul(1024 * 1024),
            desk,
            limits,
            max_in_flight,
            team_cache_ttl,
            poll_timeout,
            intake,
            ops_listen,
            default_language,
            team_language,
            messages,
            move_to_new_workspace: false,
        })
    }

    fn duration(
        &self,
        name: &'static str,
        file: Option<String>,
        default: Duration,
    ) -> Result<Duration, ConfigError> {
        match self.text(name, file) {
            None => Ok(default),
            Some(text) => parse_duration(&text).ok_or_else(|| {
                invalid(
                    name,
                    format!("expected a duration like 500ms, 30s, 5m or 2h, got {text:?}"),
                )
            }),
        }
    }

    fn address(
        &self,
        name: &'static str,
        file: Option<String>,
        default: &str,
    ) -> Result<SocketAddr, ConfigError> {
        let text = self.text(name, file).unwrap_or_else(|| default.to_owned());
        text.trim().parse().map_err(|_| {
            invalid(
                name,
                format!("expected an address like 127.0.0.1:9898, got {text:?}"),
            )
        })
    }

    fn chat_id(&self, name: &'static str, file: Option<String>) -> Result<ChatId, ConfigError> {
        let text = required(self.text(name, file), name)?;
        text.trim()
            .parse::<i64>()
            .ok()
            .filter(|id| *id < -1_000_000_000_000)
            .map(ChatId)
            .ok_or_else(|| {
                invalid(
                    name,
                    format!("expected a chat id like -1001234567890, got {text:?}"),
                )
            })
    }

    fn rate(
        &self,
        name: &'static str,
        file: Option<String>,
        default: &str,
    ) -> Result<Option<Rate>, ConfigError> {
        let text = self.text(name, file).unwrap_or_else(|| default.to_owned());
        if text.trim() == "off" {
            return Ok(None);
        }
        Rate::parse(&text).map(Some).ok_or_else(|| {
            invalid(
                name,
                format!("expected `<count>/<duration>` like 20/1m, or `off`, got {text:?}"),
            )
        })
    }

    fn number<N: std::str::FromStr>(
        &self,
        name: &'static str,
        file: Option<String>,
        default: N,
    ) -> Result<N, ConfigError> {
        match self.text(name, file) {
            None => Ok(default),
            Some(text) => text
                .trim()
                .parse()
                .map_err(|_| invalid(name, format!("expected a whole number, got {text:?}"))),
        }
    }

    fn boolean(
        &self,
        name: &'static str,
        file: Option<String>,
        default: bool,
    ) -> Result<bool, ConfigError> {
        match self.text(name, file).as_deref().map(str::trim) {
            None => Ok(default),
            Some("true" | "on" | "yes" | "1") => Ok(true),
            Some("false" | "off" | "no" | "0") => Ok(false),
            Some(other) => Err(invalid(
                name,
                format!("expected true or false, got {other:?}"),
            )),
        }
    }

    fn list(&self, name: &'static str, file: Option<Vec<String>>) -> Option<Vec<String>> {
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

    fn language(&self, name: &'static str, file: Option<String>) -> Result<String, ConfigError> {
        let text = self.text(name, file).unwrap_or_else(|| "en".into());
        let tag = crate::i18n::supported_language(&text).ok_or_else(|| {
            invalid(
                name,
                format!(
                    "expected one of {}, got {text:?}",
                    crate::i18n::LANGUAGES.join(", ")
                ),
            )
        })?;
        Ok(tag.to_owned())
    }
}

/// Validates a `[messages.<kind>]` table: supported languages, non-empty texts up to 4096.
fn custom_texts(
    name: &'static str,
    texts: Option<&CustomTexts>,
) -> Result<CustomTexts, ConfigError> {
    let mut valid = CustomTexts::new();
    for (tag, text) in texts.into_iter().flatten() {
        let language =
            crate::i18n::supported_language(tag).ok_or_else(|| ConfigError::Invalid {
                name,
                env: "the settings file".into(),
                reason: format!(
                    "unknown language {tag:?}; expected one of {}",
                    crate::i18n::LANGUAGES.join(", ")
                ),
            })?;
        if text.trim().is_empty() || crate::domain::utf16_len(text) > 4096 {
            return Err(ConfigError::Invalid {
                name,
                env: "the settings file".into(),
                reason: format!("the {tag} text must have 1 to 4096 characters"),
            });
        }
        valid.insert(language.to_owned(), text.clone());
    }
    Ok(valid)
}

/// Validates a TOML table of texts by language (a setting that is either a switch or texts).
fn table_texts(name: &'static str, table: &toml::Table) -> Result<CustomTexts, ConfigError> {
    let texts: CustomTexts = table
        .iter()
        .map(|(language, text)| {
            let text = text.as_str().map(str::to_owned).unwrap_or_default();
            (language.clone(), text)
        })
        .collect();
    custom_texts(name, Some(&texts))
}

/// The environment variable of a setting.
pub fn env_name(name: &str) -> String {
    format!("THREADESK_{}", name.to_ascii_uppercase())
}

fn required(value: Option<String>, name: &'static str) -> Result<String, ConfigError> {
    value.ok_or_else(|| ConfigError::Missing {
        name,
        env: env_name(name),
    })
}

fn invalid(name: &'static str, reason: String) -> ConfigError {
    ConfigError::Invalid {
        name,
        env: env_name(name),
        reason,
    }
}

fn toml_scalar(value: &toml::Value) -> String {
    match value {
        toml::Value::String(text) => text.clone(),
        other => other.to_string(),
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

/// Parses durations like `250ms`, `30s`, `5m`, `2h` (a bare number means seconds).
pub fn parse_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let value: f64 = number
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite() && *v >= 0.0)?;
    let seconds = match unit.trim() {
        "ms" => value / 1000.0,
        "" | "s" => value,
        "m" | "min" => value * 60.0,
        "h" => value * 3600.0,
        _ => return None,
    };
    Duration::try_from_secs_f64(seconds).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(env: &[(&str, &str)]) -> Sources {
        Sources::from_parts(
            RawConfig::default(),
            env.iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    const MINIMAL: [(&str, &str); 2] = [
        ("THREADESK_BOT_TOKEN", "123:abc-DEF_9"),
        ("THREADESK_CHANNEL_ID", "-1001234567890"),
    ];

    #[test]
    fn durations_parse_with_units() {
        assert_eq!(parse_duration("250ms"), Some(Duration::from_millis(250)));
        assert_eq!(parse_duration("30s"), Some(Duration::from_secs(30)));
        assert_eq!(parse_duration("5m"), Some(Duration::from_secs(300)));
        assert_eq!(parse_duration("2"), Some(Duration::from_secs(2)));
        assert_eq!(parse_duration("soon"), None);
        assert_eq!(parse_duration("-1s"), None);
    }

    #[test]
    fn minimal_environment_gives_documented_defaults() {
        let config = sources(&MINIMAL).resolve().unwrap();
        assert_eq!(config.api_url.as_str(), "https://api.telegram.org/");
        assert_eq!(
            config.layout,
            Layout::Channel {
                channel: ChatId(-1001234567890)
            }
        );
        assert_eq!(
            config.limits.group,
            Some(Rate {
                count: 20,
                per: Duration::from_secs(60)
            })
        );
        assert_eq!(config.cache_bytes, 64 * 1024 * 1024);
        assert!(config.desk.tell_customers_about_errors);
    }

    #[test]
    fn a_missing_token_names_the_setting_and_its_variable() {
        let error = sources(&[("THREADESK_CHANNEL_ID", "-1001234567890")])
            .resolve()
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "setting `bot_token` is required (set it in the settings file or in THREADESK_BOT_TOKEN)"
        );
    }

    #[test]
    fn an_invalid_value_says_what_was_expected() {
        let mut env = MINIMAL.to_vec();
        env.push(("THREADESK_RATE_GROUP", "fast"));
        let error = sources(&env).resolve().unwrap_err().to_string();
        assert!(
            error.contains("rate_group") && error.contains("THREADESK_RATE_GROUP"),
            "{error}"
        );
    }

    #[test]
    fn the_token_never_shows_in_debug_output() {
        let config = sources(&MINIMAL).resolve().unwrap();
        let printed = format!("{config:?}");
        assert!(!printed.contains("abc-DEF_9"), "{printed}");
        assert!(printed.contains("[redacted]"));
    }

    #[test]
    fn environment_overrides_the_file() {
        let file: RawConfig =
            toml::from_str("bot_token = \"1:file\"\nchannel_id = -1009999999999\nlog = \"debug\"")
                .unwrap();
        let env = [("THREADESK_LOG".to_owned(), "warn".to_owned())]
            .into_iter()
            .collect();
        let config = Sources::from_parts(file, env).resolve().unwrap();
        assert_eq!(config.log, "warn");
        assert_eq!(config.layout.chat(), ChatId(-1009999999999));
    }

    #[test]
    fn configured_messages_are_keyed_by_supported_language() {
        let file: RawConfig = toml::from_str(
            "bot_token = \"1:a\"\nchannel_id = -1009999999999\n[messages.start]\npt-br = \"Olá!\"\nen = \"Hi!\"",
        )
        .unwrap();
        let config = Sources::from_parts(file, HashMap::new()).resolve().unwrap();
        assert_eq!(
            config.messages.start.get("pt-BR").map(String::as_str),
            Some("Olá!")
        );
        let bad: RawConfig = toml::from_str(
            "bot_token = \"1:a\"\nchannel_id = -1009999999999\n[messages.end]\nde = \"Tschüss\"",
        )
        .unwrap();
        assert!(Sources::from_parts(bad, HashMap::new()).resolve().is_err());
    }

    #[test]
    fn the_still_here_message_is_off_by_default_and_takes_a_switch_or_texts() {
        let resolve = |toml_text: &str, env: &[(&str, &str)]| {
            let file: RawConfig = toml::from_str(&format!(
                "bot_token = \"1:a\"\nchannel_id = -1009999999999\n{toml_text}"
            ))
            .unwrap();
            let env = env
                .iter()
                .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
                .collect();
            Sources::from_parts(file, env).resolve()
        };
        let config = resolve("", &[]).unwrap();
        assert!(!config.desk.send_still_here);
        assert!(
            resolve("still_here = true", &[])
                .unwrap()
                .desk
                .send_still_here
        );
        assert!(
            resolve("", &[("THREADESK_STILL_HERE", "on")])
                .unwrap()
                .desk
                .send_still_here
        );
        let texts = resolve("[still_here]\npt-br = \"Estamos aqui!\"", &[]).unwrap();
        assert!(texts.desk.send_still_here);
        assert_eq!(
            texts.messages.still_here.get("pt-BR").map(String::as_str),
            Some("Estamos aqui!")
        );
        let switched_off = resolve(
            "[still_here]\nen = \"Still here\"",
            &[("THREADESK_STILL_HERE", "off")],
        )
        .unwrap();
        assert!(!switched_off.desk.send_still_here);
        let error = resolve("still_here = \"maybe\"", &[]).unwrap_err();
        assert!(error.to_string().contains("still_here"), "{error}");
        assert!(resolve("[still_here]\nde = \"Noch da\"", &[]).is_err());
    }

    #[test]
    fn unknown_settings_in_the_file_are_rejected() {
        assert!(toml::from_str::<RawConfig>("bot_tokn = \"x\"").is_err());
    }
}
