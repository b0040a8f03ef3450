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
use crate::domain::{Priority, Reachability, TicketNumber, TicketStatus, fold, utf16_len};

pub use crate::domain::{LANGUAGES, supported_language};

/// The locale files, compiled in.
const SOURCES: [(&str, &str); 6] = [
    ("en", include_str!("../locales/en/threadesk.ftl")),
    ("pt-BR", include_str!("../locales/pt-BR/threadesk.ftl")),
    ("es", include_str!("../locales/es/threadesk.ftl")),
    ("fr", include_str!("../locales/fr/threadesk.ftl")),
    ("it", include_str!("../locales/it/threadesk.ftl")),
    ("ru", include_str!("../locales/ru/threadesk.ftl")),
];

/// The longest forum topic name Telegram accepts, in UTF-16 code units.
const TOPIC_NAME_LIMIT: u32 = 128;

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

/// `text` on one line: every run of whitespace becomes one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
    overrides: Overrides,
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
            overrides: Overrides::default(),
        })
    }

    /// Uses configured texts (keyed by supported language) instead of the defaults.
    pub fn with_overrides(mut self, overrides: Overrides) -> Localizer {
        self.overrides = overrides;
        self
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
        if !card.origins.is_empty() {
            let origins = card.origins.iter().map(|origin| escape_html(origin));
            let origins = origins.collect::<Vec<_>>().join(", ");
            details.push(text("card-origin", &[("origin", origins)]));
        }
        lines.push(format!("🕓 {}", details.join(" · ")));
        let mut flags = Vec::new();
        if let Some(muted) = card.muted {
            flags.push(text("card-banned", &[("muted", muted.to_string())]));
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

    /// A forum topic's name for a card: the colour marker, the name, the username and the id,
    /// cut cleanly (on a character, with an ellipsis) to Telegram's 128 characters.
    pub fn topic_name(&self, card: &CardView) -> String {
        let mut name = format!("{} {}", card.marker, card.name);
        if let Some(username) = &card.username {
            name.push_str(&format!(" @{username}"));
        }
        let id = format!(" · {}", card.customer);
        // Telegram counts UTF-16 code units (an emoji marker counts twice).
        let budget = TOPIC_NAME_LIMIT - utf16_len(&id);
        if utf16_len(&name) > budget {
            let mut cut = String::new();
            for c in name.chars() {
                if utf16_len(&cut) + c.len_utf16() as u32 + 1 > budget {
                    break;
                }
                cut.push(c);
            }
            name = cut.trim_end().to_owned() + "…";
        }
        name + &id
    }

    /// A notice's HTML text in a language. For notices that quote user text, this is the
    /// header that precedes the quote (see [`Notice::quoted_text`]).
    pub fn notice(&self, notice: &Notice, language: &str) -> String {
        let text = |id: &str, args: &[(&str, String)]| self.text(language, id, args);
        let number = |number: &TicketNumber| ("number", number.to_string());
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
                number: n,
                origin: Some(origin),
            } => text(
                "notice-ticket-opened-origin",
                &[number(n), ("origin", escape_html(origin))],
            ),
            Notice::TicketOpened {
                number: n,
                origin: None,
            } => text("notice-ticket-opened", &[number(n)]),
            Notice::TicketClosed {
                number: n,
                by: None,
                ..
            } => text("notice-ticket-closed-auto", &[number(n)]),
            Notice::TicketClosed {
                number: n,
                by: Some(by),
                note: None,
            } => text(
                "notice-ticket-closed",
                &[number(n), ("by", escape_html(by))],
            ),
            Notice::TicketClosed {
                number: n,
                by: Some(by),
                note: Some(note),
            } => text(
                "notice-ticket-closed-note",
                &[
                    number(n),
                    ("by", escape_html(by)),
                    ("note", escape_html(note)),
                ],
            ),
            Notice::TicketAlreadyClosed { number: n } => {
                text("notice-ticket-already-closed", &[number(n)])
            }
            Notice::PrioritySet { priority } => {
                let name = text(&format!("priority-{}", priority.0), &[]);
                text("notice-priority-set", &[("priority", name)])
            }
            Notice::CustomerBanned { reason: None } => text("notice-banned", &[]),
            Notice::CustomerBanned {
                reason: Some(reason),
            } => text("notice-banned-reason", &[("reason", escape_html(reason))]),
            Notice::CustomerAlreadyBanned => text("notice-already-banned", &[]),
            Notice::CustomerUnbanned { muted } => {
                text("notice-unbanned", &[("muted", muted.to_string())])
            }
            Notice::CustomerNotBanned => text("notice-not-banned", &[]),
            Notice::BannedCustomerWrote { muted } => text(
                "notice-banned-customer-wrote",
                &[("muted", muted.to_string())],
            ),
            Notice::CannedSaved { title, replaced } => {
                let id = if *replaced {
                    "canned-replaced"
                } else {
                    "canned-saved"
                };
                text(id, &[("title", escape_html(title))])
            }
            Notice::CannedDeleted { title } => {
                text("canned-deleted", &[("title", escape_html(title))])
            }
            Notice::CannedRenamed { from, to } => text(
                "canned-renamed",
                &[("from", escape_html(from)), ("to", escape_html(to))],
            ),
            Notice::CannedNotFound { title } => {
                text("canned-not-found", &[("title", escape_html(title))])
            }
            Notice::CannedTitleTaken { title } => {
                text("canned-title-taken", &[("title", escape_html(title))])
            }
            Notice::CannedUnsupported => text("canned-unsupported", &[]),
            Notice::CannedList { entries } if entries.is_empty() => text("canned-list-empty", &[]),
            Notice::CannedList { entries } => {
                let mut lines = vec![text(
                    "canned-list-header",
                    &[("count", entries.len().to_string())],
                )];
                // One line per reply: titles saved before line breaks were refused may hold some.
                lines.extend(entries.iter().map(|(title, preview)| {
                    format!(
                        "• <b>{}</b>: {}",
                        escape_html(&one_line(title)),
                        escape_html(&one_line(preview))
                    )
                }));
                lines.join("\n")
            }
            Notice::Usage { command } => {
                text(&format!("usage-{}", command.name().replace('_', "-")), &[])
            }
            Notice::WrongPlace { command } => {
                text("wrong-place", &[("command", command.name().to_owned())])
            }
            Notice::UnknownCommand { command } => {
                text("unknown-command", &[("command", escape_html(command))])
            }
            Notice::TeamHelp => text("team-help", &[]),
            Notice::NewThreadOpening { name } => {
                text("notice-new-opening", &[("name", escape_html(name))])
            }
            Notice::NewAlreadyOpen { name, link: None } => {
                text("notice-new-already-open", &[("name", escape_html(name))])
            }
            Notice::NewAlreadyOpen {
                name,
                link: Some(link),
            } => text(
                "notice-new-already-open-link",
                &[("name", escape_html(name)), ("link", escape_html(link))],
            ),
            Notice::NewImpossible { user } => {
                text("notice-new-impossible", &[("user", user.to_string())])
            }
            Notice::ThreadRecreated => text("notice-thread-recreated", &[]),
            Notice::CardDeleted => text("notice-card-deleted", &[]),
            Notice::HistoryMoved { previous, link } => {
                let mut lines = vec![if previous.is_empty() {
                    text("notice-history-moved-unknown", &[])
                } else {
                    text(
                        "notice-history-moved",
                        &[("previous", escape_html(previous))],
                    )
                }];
                if let Some(link) = link {
                    lines.push(escape_html(link));
                }
                lines.join("\n")
            }
            Notice::AdminTicketOpened {
                name,
                username,
                number: n,
                origin,
                link,
                ..
            } => {
                let mut lines = vec![text(
                    "admin-ticket-opened",
                    &[number(n), ("name", escape_html(name))],
                )];
                if let Some(username) = username {
                    lines.push(text(
                        "admin-ticket-username",
                        &[("username", escape_html(username))],
                    ));
                }
                if let Some(origin) = origin {
                    lines.push(text(
                        "admin-ticket-origin",
                        &[("origin", escape_html(origin))],
                    ));
                }
                if let Some(link) = link {
                    lines.push(text("admin-ticket-link", &[("link", escape_html(link))]));
                }
                lines.join("\n")
            }
            Notice::Welcome => self.custom(&self.overrides.start, language, "customer-welcome"),
            Notice::WelcomeBack => {
                self.custom(&self.overrides.restart, language, "customer-welcome-back")
            }
            Notice::Goodbye => self.custom(&self.overrides.end, language, "customer-goodbye"),
            Notice::YouAreBanned => {
                self.custom(&self.overrides.banned, language, "customer-banned")
            }
            Notice::CustomerHelp => text("customer-help", &[]),
            Notice::AdminNotificationsOn => text("admin-notifications-on", &[]),
            Notice::Unformatted { failure, .. } => text(
                "notice-unformatted",
                &[("reason", self.failure(failure, language))],
            ),
            Notice::TicketOpenedByTeam {
                number: n,
                by: Some(by),
            } => text(
                "notice-ticket-opened-by",
                &[number(n), ("by", escape_html(by))],
            ),
            Notice::TicketOpenedByTeam {
                number: n,
                by: None,
            } => text("notice-ticket-opened-by-team", &[number(n)]),
            Notice::CustomerCameBack { origin } => text(
                "notice-customer-came-back",
                &[("origin", escape_html(origin))],
            ),
            Notice::StillHere => {
                self.custom(&self.overrides.still_here, language, "customer-still-here")
            }
            Notice::TeamMessagesWait => text("notice-team-messages-wait", &[]),
            Notice::MembershipUnchecked => text("membership-unchecked", &[]),
        }
    }

    /// A configured text for the language (escaped), else the locale's default message.
    fn custom(&self, texts: &CustomTexts, language: &str, id: &str) -> String {
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

    fn failure(&self, failure: &Failure, language: &str) -> String {
        match failure {
            Failure::BlockedByUser => self.text(language, "failure-blocked", &[]),
            Failure::UserDeactivated => self.text(language, "failure-deactivated", &[]),
            Failure::NotStarted => self.text(language, "failure-not-started", &[]),
            Failure::ThreadGone => self.text(language, "failure-thread-gone", &[]),
            Failure::WorkspaceChanged => self.text(language, "failure-workspace-changed", &[]),
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
    fn user_supplied_text_is_escaped_in_cards() {
        let localizer = Localizer::new("en", "en").unwrap();
        let card = CardView {
            customer: UserId(42),
            name: "<b>Evil</b> & Co".into(),
            username: Some("evil".into()),
            language: Some("pt-br".into()),
            ticket: TicketNumber(3),
            origins: vec!["ads".into(), "promo2".into()],
            opened_at: Timestamp(0),
            marker: "🟢".into(),
            priority: Priority(2),
            status: TicketStatus::Open,
            muted: None,
            reachability: Reachability::Reachable,
        };
        let html = localizer.card(&card);
        assert!(html.contains("&lt;b&gt;Evil&lt;/b&gt; &amp; Co"), "{html}");
        assert!(html.contains("Ticket #3"), "{html}");
        assert!(html.contains("priority: high"), "{html}");
        assert!(html.contains("origin: ads, promo2"), "{html}");
        assert!(html.contains("tg://user?id=42"), "{html}");
    }

    #[test]
    fn every_canned_reply_is_listed_on_a_line_of_its_own() {
        let localizer = Localizer::new("en", "en").unwrap();
        let notice = Notice::CannedList {
            entries: vec![
                ("Old\ntitle <i>".into(), "first\nline".into()),
                ("Pix".into(), "a & b".into()),
            ],
        };
        let html = localizer.notice(&notice, "en");
        let lines: Vec<&str> = html.lines().collect();
        assert_eq!(
            lines[1..],
            [
                "• <b>Old title &lt;i&gt;</b>: first line",
                "• <b>Pix</b>: a &amp; b"
            ]
        );
    }

    #[test]
    fn a_refused_message_is_announced_with_telegrams_reason() {
        let localizer = Localizer::new("en", "en").unwrap();
        let notice = Notice::Unformatted {
            original: Box::new(Notice::TeamHelp),
            failure: Failure::Rejected("can't parse entities: <b>".into()),
        };
        let html = localizer.notice(&notice, "en");
        assert!(html.contains("plain text"), "{html}");
        assert!(html.contains("can't parse entities: &lt;b&gt;"), "{html}");
    }

    #[test]
    fn topic_names_are_cut_cleanly_to_128_characters() {
        let localizer = Localizer::new("en", "en").unwrap();
        let mut card = CardView {
            customer: UserId(123456789),
            name: "Ana".into(),
            username: Some("ana".into()),
            language: None,
            ticket: TicketNumber(1),
            origins: Vec::new(),
            opened_at: Timestamp(0),
            marker: "🟢".into(),
            priority: Priority(1),
            status: TicketStatus::Open,
            muted: None,
            reachability: Reachability::Reachable,
        };
        assert_eq!(localizer.topic_name(&card), "🟢 Ana @ana · 123456789");
        card.name = "Ж".repeat(300);
        let name = localizer.topic_name(&card);
        assert_eq!(utf16_len(&name), 128);
        assert!(name.ends_with("… · 123456789"), "{name}");
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
