//! Loading: the Fluent bundle of every supported language (the locale files are compiled in),
//! the texts the operator configured instead of the defaults, and the formatting of one
//! message by id.

use fluent::concurrent::FluentBundle;
use fluent::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

use super::escape_html;
use crate::domain::{
    LANGUAGES, Priority, PseudonymKey, Timestamp, UserId, fold, supported_language,
};

/// The locale files, compiled in.
const SOURCES: [(&str, &str); 6] = [
    ("en", include_str!("../../locales/en/threadesk.ftl")),
    ("pt-BR", include_str!("../../locales/pt-BR/threadesk.ftl")),
    ("es", include_str!("../../locales/es/threadesk.ftl")),
    ("fr", include_str!("../../locales/fr/threadesk.ftl")),
    ("it", include_str!("../../locales/it/threadesk.ftl")),
    ("ru", include_str!("../../locales/ru/threadesk.ftl")),
];

/// A locale file is broken.
#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    /// The file has syntax errors.
    #[error("locales/{language}/threadesk.ftl does not parse: {reason}")]
    Syntax {
        /// The language.
        language: &'static str,
        /// The parser's complaint.
        reason: String,
    },
}

fn syntax_error(language: &'static str, errors: &[impl ToString]) -> I18nError {
    let reason = errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ");
    I18nError::Syntax { language, reason }
}

/// Configured texts by language (plain text; escaped when sent).
pub type CustomTexts = std::collections::BTreeMap<String, String>;

/// Texts the operator configured instead of the locales' defaults.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overrides {
    /// The start message.
    pub start: CustomTexts,
    /// The restart message.
    pub restart: CustomTexts,
    /// The end message.
    pub end: CustomTexts,
    /// The message a banned customer gets once.
    pub banned: CustomTexts,
    /// The "we are still here" message for a `/start` on an open ticket.
    pub still_here: CustomTexts,
}

/// All the bundles, plus the fallback and team languages and the configured texts.
pub struct Localizer {
    bundles: Vec<(&'static str, FluentBundle<FluentResource>)>,
    default_language: &'static str,
    team_language: &'static str,
    /// The team's time zone: times in texts are shown in it.
    zone: chrono_tz::Tz,
    /// The configured texts, read by the notice renderers.
    pub(super) overrides: Overrides,
    /// When set (`hide_customer_info`), customers show as pseudonyms derived with this key.
    pub(super) pseudonyms: Option<PseudonymKey>,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer")
            .field("default_language", &self.default_language)
            .field("team_language", &self.team_language)
            .finish_non_exhaustive()
    }
}

impl Localizer {
    /// Loads every locale; `default_language` is for customers whose language is not supported.
    pub fn new(default_language: &str, team_language: &str) -> Result<Localizer, I18nError> {
        let mut bundles = Vec::new();
        for (language, source) in SOURCES {
            let resource = FluentResource::try_new(source.to_owned())
                .map_err(|(_, errors)| syntax_error(language, &errors))?;
            let id: LanguageIdentifier = language.parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Unicode isolation marks around arguments would show up in Telegram.
            bundle.set_use_isolating(false);
            bundle
                .add_resource(resource)
                .map_err(|errors| syntax_error(language, &errors))?;
            bundles.push((language, bundle));
        }
        Ok(Localizer {
            bundles,
            default_language: supported_language(default_language).unwrap_or("en"),
            team_language: supported_language(team_language).unwrap_or("en"),
            zone: chrono_tz::UTC,
            overrides: Overrides::default(),
            pseudonyms: None,
        })
    }

    /// Uses configured texts (keyed by supported language) instead of the defaults.
    pub fn with_overrides(mut self, overrides: Overrides) -> Localizer {
        self.overrides = overrides;
        self
    }

    /// Shows customers as pseudonyms derived with `key` instead of their name, `@username`
    /// and id (`hide_customer_info`).
    pub fn with_pseudonyms(mut self, key: Option<PseudonymKey>) -> Localizer {
        self.pseudonyms = key;
        self
    }

    /// A customer's pseudonym (`Customer 7F3A9C`) in `language`, when customers are hidden.
    pub fn pseudonym(&self, customer: UserId, language: &str) -> Option<String> {
        let key = self.pseudonyms.as_ref()?;
        Some(self.text(
            language,
            "customer-pseudonym",
            &[("code", key.code(customer))],
        ))
    }

    /// How a customer is named in `language`: their pseudonym when customers are hidden, else
    /// `name`.
    pub fn customer_name(&self, customer: UserId, name: &str, language: &str) -> String {
        self.pseudonym(customer, language)
            .unwrap_or_else(|| name.to_owned())
    }

    /// The key pseudonyms are derived with, when customers are hidden (exports name them so).
    pub fn pseudonym_key(&self) -> Option<&PseudonymKey> {
        self.pseudonyms.as_ref()
    }

    /// Whether customers show as pseudonyms.
    pub fn hides_customers(&self) -> bool {
        self.pseudonyms.is_some()
    }

    /// Shows times in texts in `zone` (the `timezone` setting) instead of UTC.
    pub fn with_zone(mut self, zone: chrono_tz::Tz) -> Localizer {
        self.zone = zone;
        self
    }

    /// `at` as the team reads it: `2026-12-24 09:00 UTC`, or in the configured zone
    /// `2026-12-24 09:00 Europe/Lisbon`.
    pub fn clock(&self, at: Timestamp) -> String {
        if self.zone == chrono_tz::UTC {
            return at.utc_string();
        }
        let local = crate::stats::local_time(at, self.zone);
        format!("{} {}", local.format("%Y-%m-%d %H:%M"), self.zone.name())
    }

    /// The language used for a customer whose app reports `tag`.
    pub fn customer_language(&self, tag: Option<&str>) -> &'static str {
        tag.and_then(supported_language)
            .unwrap_or(self.default_language)
    }

    /// The team's language.
    pub fn team_language(&self) -> &'static str {
        self.team_language
    }

    /// The message ids a language defines (for tests and checks).
    pub fn message_ids(&self, language: &str) -> Vec<String> {
        let source = SOURCES
            .iter()
            .find(|(l, _)| *l == language)
            .map_or("", |(_, s)| *s);
        source
            .lines()
            .filter_map(|line| {
                let (id, _) = line.split_once(" =")?;
                (!id.starts_with([' ', '#']) && !id.is_empty()).then(|| id.trim().to_owned())
            })
            .collect()
    }

    /// Formats a message in a language, falling back to English for a missing id.
    pub fn text(&self, language: &str, id: &str, args: &[(&str, String)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        for candidate in [language, "en"] {
            let Some((_, bundle)) = self.bundles.iter().find(|(l, _)| *l == candidate) else {
                continue;
            };
            if let Some(pattern) = bundle.get_message(id).and_then(|message| message.value()) {
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
                if !errors.is_empty() {
                    tracing::warn!(
                        id,
                        language = candidate,
                        ?errors,
                        "locale message has errors"
                    );
                }
                return text.into_owned();
            }
        }
        tracing::error!(id, language, "locale message missing");
        id.to_owned()
    }

    /// A configured text for the language (escaped), else the locale's default message.
    pub(super) fn custom(&self, texts: &CustomTexts, language: &str, id: &str) -> String {
        match texts
            .get(language)
            .or_else(|| texts.get(self.default_language))
        {
            Some(text) => escape_html(text),
            None => self.text(language, id, &[]),
        }
    }

    /// The names `/p` accepts for each level, in every language, folded for matching.
    pub fn priority_names(&self) -> Vec<(String, Priority)> {
        let mut names = Vec::new();
        for language in LANGUAGES {
            for level in 0..=Priority::MAX {
                let name = fold(&self.text(language, &format!("priority-{level}"), &[]));
                if !names.iter().any(|(existing, _)| *existing == name) {
                    names.push((name, Priority(level)));
                }
            }
        }
        names
    }

    /// A command's description for the menus, in a language.
    pub fn command_description(&self, language: &str, command: &str) -> String {
        self.text(
            language,
            &format!("command-{}", command.replace('_', "-")),
            &[],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_parses_and_defines_every_message() {
        let localizer = Localizer::new("en", "en").expect("locales parse");
        let english = localizer.message_ids("en");
        assert!(english.len() > 20);
        for language in LANGUAGES {
            let ids = localizer.message_ids(language);
            let missing: Vec<_> = english.iter().filter(|id| !ids.contains(id)).collect();
            assert!(missing.is_empty(), "{language} lacks {missing:?}");
            let extra: Vec<_> = ids.iter().filter(|id| !english.contains(id)).collect();
            assert!(extra.is_empty(), "{language} has unknown ids {extra:?}");
        }
    }
}
