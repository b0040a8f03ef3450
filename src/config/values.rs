//! One setting's text read as a typed value: durations, rates, whole numbers, booleans,
//! addresses, chat ids, languages, one of a few words, and texts by language.
//!
//! Every reader names the setting in its error and says what was expected; the pure parsers
//! behind them (durations, rates) live in [`crate::domain`].

use std::net::SocketAddr;
use std::time::Duration;

use super::{ConfigError, Sources, env_name};
use crate::domain::{ChatId, LANGUAGES, Rate, parse_duration, supported_language};
use crate::i18n::CustomTexts;

impl Sources {
    /// A setting that takes one of a few words, each standing for a value; unset, the first.
    pub(super) fn choice<T: Copy>(
        &self,
        name: &'static str,
        file: Option<String>,
        options: &[(&str, T)],
    ) -> Result<T, ConfigError> {
        let Some(text) = self.text(name, file) else {
            return Ok(options[0].1);
        };
        let chosen = options.iter().find(|(word, _)| *word == text);
        chosen.map(|(_, value)| *value).ok_or_else(|| {
            let words: Vec<String> = options
                .iter()
                .map(|(word, _)| format!("`{word}`"))
                .collect();
            invalid(name, format!("expected {}, got {text:?}", either(&words)))
        })
    }

    pub(super) fn duration(
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

    pub(super) fn address(
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

    pub(super) fn chat_id(
        &self,
        name: &'static str,
        file: Option<String>,
    ) -> Result<ChatId, ConfigError> {
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

    pub(super) fn rate(
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

    pub(super) fn number<N: std::str::FromStr>(
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

    pub(super) fn boolean(
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

    pub(super) fn language(
        &self,
        name: &'static str,
        file: Option<String>,
    ) -> Result<String, ConfigError> {
        let text = self.text(name, file).unwrap_or_else(|| "en".into());
        let tag = supported_language(&text).ok_or_else(|| {
            invalid(
                name,
                format!("expected one of {}, got {text:?}", LANGUAGES.join(", ")),
            )
        })?;
        Ok(tag.to_owned())
    }
}

/// Validates a `[messages.<kind>]` table: supported languages, non-empty texts up to 4096.
pub(super) fn custom_texts(
    name: &'static str,
    texts: Option<&CustomTexts>,
) -> Result<CustomTexts, ConfigError> {
    let mut valid = CustomTexts::new();
    for (tag, text) in texts.into_iter().flatten() {
        let language = supported_language(tag).ok_or_else(|| ConfigError::Invalid {
            name,
            env: "the settings file".into(),
            reason: format!(
                "unknown language {tag:?}; expected one of {}",
                LANGUAGES.join(", ")
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
pub(super) fn table_texts(
    name: &'static str,
    table: &toml::Table,
) -> Result<CustomTexts, ConfigError> {
    let texts: CustomTexts = table
        .iter()
        .map(|(language, text)| {
            let text = text.as_str().map(str::to_owned).unwrap_or_default();
            (language.clone(), text)
        })
        .collect();
    custom_texts(name, Some(&texts))
}

/// An http(s) URL; otherwise the error says what was `expected`.
pub(super) fn http_url(
    name: &'static str,
    text: &str,
    expected: &str,
) -> Result<url::Url, ConfigError> {
    url::Url::parse(text)
        .ok()
        .filter(|url| matches!(url.scheme(), "http" | "https"))
        .ok_or_else(|| invalid(name, format!("expected {expected}, got {text:?}")))
}

/// `a`, `a or b`, `a, b or c`.
fn either(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// The value of a required setting, or the error naming it and its variable.
pub(super) fn required(value: Option<String>, name: &'static str) -> Result<String, ConfigError> {
    value.ok_or_else(|| ConfigError::Missing {
        name,
        env: env_name(name),
    })
}

/// A setting's value is invalid, for `reason`.
pub(super) fn invalid(name: &'static str, reason: String) -> ConfigError {
    ConfigError::Invalid {
        name,
        env: env_name(name),
        reason,
    }
}
