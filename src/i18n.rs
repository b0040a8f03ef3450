//! Localisation: Fluent bundles for every supported language, and the rendering of the desk's
//! [`Notice`]s and [`CardView`]s into Telegram HTML.
//!
//! The locale files live under `locales/<lang>/threadesk.ftl` and are compiled into the binary.
//! Every user-supplied string is escaped for HTML before it reaches a message; the locale files
//! themselves may use Telegram's HTML tags.

use fluent::concurrent::FluentBundle;
use fluent::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

use crate::desk::{CardView, Failure, Notice};
use crate::domain::{Reachability, TicketStatus};

/// The supported languages, as configured and as named in `locales/`.
pub const LANGUAGES: [&str; 6] = ["en", "pt-BR", "es", "fr", "it", "ru"];

/// The locale files, compiled in.
const SOURCES: [(&str, &str); 6] = [
    ("en", include_str!("../locales/en/threadesk.ftl")),
    ("pt-BR", include_str!("../locales/pt-BR/threadesk.ftl")),
    ("es", include_str!("../locales/es/threadesk.ftl")),
    ("fr", include_str!("../locales/fr/threadesk.ftl")),
    ("it", include_str!("../locales/it/threadesk.ftl")),
    ("ru", include_str!("../locales/ru/threadesk.ftl")),
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

/// The supported language for an IETF tag from Telegram or the settings (`pt-br` and `pt` give
/// `pt-BR`, `en-US` gives `en`), if there is one.
pub fn supported_language(tag: &str) -> Option<&'static str> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    LANGUAGES
        .into_iter()
        .find(|language| language.split('-').next() == Some(primary.as_str()))
}

/// Escapes text for Telegram's HTML parse mode.
pub fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '&' => escaped.push_str("&amp;"),
            '"' => escaped.push_str("&quot;"),
            other => escaped.push(other),
        }
    }
    escaped
}

/// All the bundles, plus the fallback and team languages.
pub struct Localizer {
    bundles: Vec<(&'static str, FluentBundle<FluentResource>)>,
    default_language: &'static str,
    team_language: &'static str,
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
            let resource = FluentResource::try_new(source.to_owned()).map_err(|(_, errors)| {
                I18nError::Syntax {
                    language,
                    reason: errors
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; "),
                }
            })?;
            let id: LanguageIdentifier = language.parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Unicode isolation marks around arguments would show up in Telegram.
            bundle.set_use_isolating(false);
            bundle
                .add_resource(resource)
                .map_err(|errors| I18nError::Syntax {
                    language,
                    reason: errors
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; "),
                })?;
            bundles.push((language, bundle));
        }
        Ok(Localizer {
            bundles,
            default_language: supported_language(default_language).unwrap_or("en"),
            team_language: supported_language(team_language).unwrap_or("en"),
        })
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

    /// The card's HTML text, in the team's language.
    pub fn card(&self, card: &CardView) -> String {
        let language = self.team_language;
        let text = |id: &str, args: &[(&str, String)]| self.text(language, id, args);
        let mut title = format!(
            "{} <b>{}</b>",
            escape_html(&card.marker),
            escape_html(&card.name)
        );
        if let Some(username) = &card.username {
            title.push_str(&format!(" @{}", escape_html(username)));
        }
        let mut lines = vec![title];
        let mut identity = format!(
            "🆔 <a href=\"tg://user?id={id}\">{id}</a>",
            id = card.customer
        );
        if let Some(tag) = &card.language {
            identity.push_str(&format!(
                " · {}",
                text("card-language", &[("language", escape_html(tag))])
            ));
        }
        lines.push(identity);
        let status = match &card.status {
            TicketStatus::Open => text("card-status-open", &[]),
            TicketStatus::Closed {
                at, by: Some(by), ..
            } => text(
                "card-status-closed",
                &[("by", escape_html(by)), ("at", at.utc_string())],
            ),
            TicketStatus::Closed { at, by: None, .. } => {
                text("card-status-closed-auto", &[("at", at.utc_string())])
            }
        };
        let priority = text(&format!("priority-{}", card.priority.0), &[]);
        lines.push(format!(
            "🎫 {} · {} · {}",
            text("card-ticket", &[("number", card.ticket.to_string())]),
            status,
            text("card-priority", &[("priority", priority)]),
        ));
        let mut details = vec![text("card-opened", &[("at", card.opened_at.utc_string())])];
        if let Some(origin) = &card.origin {
            details.push(text("card-origin", &[("origin", escape_html(origin))]));
        }
        lines.push(format!("🕓 {}", details.join(" · ")));
        let mut flags = Vec::new();
        if card.banned {
            flags.push(text("card-banned", &[]));
        }
        match card.reachability {
            Reachability::Reachable => {}
            Reachability::BlockedBot => flags.push(text("card-blocked", &[])),
            Reachability::Deactivated => flags.push(text("card-deactivated", &[])),
        }
        if !flags.is_empty() {
            lines.push(flags.join(" · "));
        }
        lines.join("\n")
    }

    /// A notice's HTML text in a language. For notices that quote user text, this is the
    /// header that precedes the quote (see [`Notice::quoted_text`]).
    pub fn notice(&self, notice: &Notice, language: &str) -> String {
        let text = |id: &str, args: &[(&str, String)]| self.text(language, id, args);
        match notice {
            Notice::CustomerSentUncopyable { kind } => {
                let kind = text(&format!("kind-{}", kind.name()), &[]);
                text("notice-uncopyable", &[("kind", kind)])
            }
            Notice::NotDelivered { failure } => text(
                "notice-not-delivered",
                &[("reason", self.failure(failure, language))],
            ),
            Notice::NotCopied { failure } => text(
                "notice-not-copied",
                &[("reason", self.failure(failure, language))],
            ),
            Notice::CustomerEdited { .. } => text("notice-customer-edited", &[]),
            Notice::TeamEdited { .. } => text("notice-team-edited", &[]),
            Notice::ThreadMissing {
                customer,
                name,
                waiting,
            } => text(
                "notice-thread-missing",
                &[
                    ("name", escape_html(name)),
                    ("customer", customer.to_string()),
                    ("waiting", waiting.to_string()),
                ],
            ),
            Notice::CustomerBlockedBot => text("notice-customer-blocked", &[]),
            Notice::CustomerReachableAgain => text("notice-customer-back", &[]),
            Notice::CustomerMessageFailed => text("notice-customer-message-failed", &[]),
            Notice::TicketOpened {
                number,
                origin: Some(origin),
            } => text(
                "notice-ticket-opened-origin",
                &[
                    ("number", number.to_string()),
                    ("origin", escape_html(origin)),
                ],
            ),
            Notice::TicketOpened {
                number,
                origin: None,
            } => text("notice-ticket-opened", &[("number", number.to_string())]),
        }
    }

    fn failure(&self, failure: &Failure, language: &str) -> String {
        match failure {
            Failure::BlockedByUser => self.text(language, "failure-blocked", &[]),
            Failure::UserDeactivated => self.text(language, "failure-deactivated", &[]),
            Failure::NotStarted => self.text(language, "failure-not-started", &[]),
            Failure::Rejected(reason) => self.text(
                language,
                "failure-rejected",
                &[("reason", escape_html(reason))],
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Priority, TicketNumber, Timestamp, UserId};

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

    #[test]
    fn telegram_language_tags_map_to_supported_languages() {
        assert_eq!(supported_language("pt-br"), Some("pt-BR"));
        assert_eq!(supported_language("pt"), Some("pt-BR"));
        assert_eq!(supported_language("en-US"), Some("en"));
        assert_eq!(supported_language("RU"), Some("ru"));
        assert_eq!(supported_language("de"), None);
        assert_eq!(supported_language(""), None);
    }

    #[test]
    fn user_supplied_text_is_escaped_in_cards() {
        let localizer = Localizer::new("en", "en").unwrap();
        let card = CardView {
            customer: UserId(42),
            name: "<b>Evil</b> & Co".into(),
            username: Some("evil".into()),
            language: Some("pt-br".into()),
            ticket: TicketNumber(3),
            origin: Some("ads".into()),
            opened_at: Timestamp(0),
            marker: "🟢".into(),
            priority: Priority(2),
            status: TicketStatus::Open,
            banned: false,
            reachability: Reachability::Reachable,
        };
        let html = localizer.card(&card);
        assert!(html.contains("&lt;b&gt;Evil&lt;/b&gt; &amp; Co"), "{html}");
        assert!(html.contains("Ticket #3"), "{html}");
        assert!(html.contains("priority: high"), "{html}");
        assert!(html.contains("origin: ads"), "{html}");
        assert!(html.contains("tg://user?id=42"), "{html}");
    }

    #[test]
    fn dates_render_in_utc() {
        assert_eq!(Timestamp(0).utc_string(), "1970-01-01 00:00 UTC");
        assert_eq!(
            Timestamp(1_795_000_000_000).utc_string(),
            "2026-11-18 11:06 UTC"
        );
    }
}
