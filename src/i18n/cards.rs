//! Card rendering: the card's HTML text and the forum topic's name, in the team's language.

use super::{Localizer, escape_html};
use crate::desk::{CardBadge, CardView};
use crate::domain::{Reachability, TicketStage, TicketStatus, utf16_len};

/// The longest forum topic name Telegram accepts, in UTF-16 code units.
const TOPIC_NAME_LIMIT: u32 = 128;

impl Localizer {
    /// The card's HTML text, in the team's language.
    pub fn card(&self, card: &CardView) -> String {
        let language = self.team_language();
        let text = |id: &str, args: &[(&str, String)]| self.text(language, id, args);
        if card.badges.contains(&CardBadge::Erased) {
            return format!("{} {}", escape_html(&card.marker), text("card-erased", &[]));
        }
        let pseudonym = self.pseudonym(card.customer, language);
        let mut title = format!(
            "{} <b>{}</b>",
            escape_html(&card.marker),
            escape_html(pseudonym.as_deref().unwrap_or(&card.name))
        );
        let mut lines = Vec::new();
        let mut identity = Vec::new();
        if pseudonym.is_none() {
            if let Some(username) = &card.username {
                title.push_str(&format!(" @{}", escape_html(username)));
            }
            identity.push(format!(
                "🆔 <a href=\"tg://user?id={id}\">{id}</a>",
                id = card.customer
            ));
        }
        lines.push(title);
        if let Some(tag) = &card.language {
            identity.push(text("card-language", &[("language", escape_html(tag))]));
        }
        if !identity.is_empty() {
            lines.push(identity.join(" · "));
        }
        let status = match (&card.status, card.stage) {
            (
                TicketStatus::Closed {
                    at, by: Some(by), ..
                },
                _,
            ) => text(
                "card-status-closed",
                &[("by", escape_html(by)), ("at", self.clock(*at))],
            ),
            (TicketStatus::Closed { at, by: None, .. }, _) => {
                text("card-status-closed-auto", &[("at", self.clock(*at))])
            }
            (TicketStatus::Open, stage) => format!(
                "{} {}",
                stage_marker(stage),
                text(
                    &format!("card-stage-{}", stage_key(stage)),
                    &[("since", self.clock(card.waiting_since))],
                )
            ),
        };
        let priority = text(&format!("priority-{}", card.priority.0), &[]);
        lines.push(format!(
            "🎫 {} · {} · {}",
            text("card-ticket", &[("number", card.ticket.to_string())]),
            status,
            text("card-priority", &[("priority", priority)]),
        ));
        if let Some(assignee) = &card.assignee {
            let line = text("card-assignee", &[("name", escape_html(assignee))]);
            lines.push(format!("👤 {line}"));
        }
        if !card.tags.is_empty() {
            let tags = card.tags.iter().map(|tag| escape_html(tag));
            lines.push(format!("🏷 {}", tags.collect::<Vec<_>>().join(", ")));
        }
        if !card.fields.is_empty() {
            let fields = card
                .fields
                .iter()
                .map(|(name, value)| format!("{}: {}", escape_html(name), escape_html(value)));
            lines.push(format!("📇 {}", fields.collect::<Vec<_>>().join(" · ")));
        }
        for badge in &card.badges {
            match badge {
                CardBadge::Rating { score } => {
                    lines.push(text("card-rating", &[("score", score.to_string())]));
                }
                CardBadge::OptedOut => lines.push(text("card-opted-out", &[])),
                CardBadge::HumanHandling => lines.push(text("card-human-handling", &[])),
                CardBadge::ImportedNotWritten => lines.push(text("imported-not-written", &[])),
                CardBadge::Erased => {}
            }
        }
        let mut details = vec![text("card-opened", &[("at", self.clock(card.opened_at))])];
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

    /// A forum topic's name for a card: the colour and stage markers, the name, the username,
    /// the id (or the pseudonym alone) and the assignee's initial, cut cleanly (on a character, with an ellipsis) to
    /// Telegram's 128 characters.
    pub fn topic_name(&self, card: &CardView) -> String {
        if card.badges.contains(&CardBadge::Erased) {
            let erased = self.text(self.team_language(), "card-erased", &[]);
            return format!("{}{erased}", card.marker);
        }
        let pseudonym = self.pseudonym(card.customer, self.team_language());
        let shown = pseudonym.as_deref().unwrap_or(&card.name);
        let mut name = format!("{}{} {shown}", card.marker, stage_marker(card.stage));
        let mut suffix = String::new();
        if pseudonym.is_none() {
            if let Some(username) = &card.username {
                name.push_str(&format!(" @{username}"));
            }
            suffix = format!(" · {}", card.customer);
        }
        if let Some(initial) = card
            .assignee
            .as_deref()
            .map(initial)
            .filter(|i| !i.is_empty())
        {
            suffix.push_str(&format!(" · 👤{initial}"));
        }
        // Telegram counts UTF-16 code units (an emoji marker counts twice).
        let budget = TOPIC_NAME_LIMIT - utf16_len(&suffix);
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
        name + &suffix
    }
}

/// The mark of a ticket's stage on cards and topic names (closed tickets have the closed
/// colour instead).
pub fn stage_marker(stage: TicketStage) -> &'static str {
    match stage {
        TicketStage::New => "🆕",
        TicketStage::WaitingForUs => "⏳",
        TicketStage::WaitingForCustomer => "💬",
        TicketStage::Closed => "",
    }
}

/// The stage's part of its locale keys.
pub fn stage_key(stage: TicketStage) -> &'static str {
    match stage {
        TicketStage::New => "new",
        TicketStage::WaitingForUs => "waiting-us",
        TicketStage::WaitingForCustomer => "waiting-customer",
        TicketStage::Closed => "closed",
    }
}

/// A name's first letter or digit, upper-cased.
fn initial(name: &str) -> String {
    name.chars()
        .find(|c| c.is_alphanumeric())
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Priority, TicketNumber, Timestamp, UserId};

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
            stage: TicketStage::WaitingForUs,
            waiting_since: Timestamp(60_000),
            assignee: Some("Maria <3".into()),
            tags: vec!["vip".into(), "stage:paid".into()],
            fields: vec![("email".into(), "a@b.c".into())],
            badges: Vec::new(),
        };
        let html = localizer.card(&card);
        assert!(html.contains("&lt;b&gt;Evil&lt;/b&gt; &amp; Co"), "{html}");
        assert!(html.contains("Ticket #3"), "{html}");
        assert!(html.contains("priority: high"), "{html}");
        assert!(html.contains("origin: ads, promo2"), "{html}");
        assert!(html.contains("tg://user?id=42"), "{html}");
        assert!(
            html.contains("⏳ waiting for us since 1970-01-01 00:01 UTC"),
            "{html}"
        );
        assert!(html.contains("👤 assigned to Maria &lt;3"), "{html}");
        assert!(html.contains("🏷 vip, stage:paid"), "{html}");
        assert!(html.contains("📇 email: a@b.c"), "{html}");
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
            stage: TicketStage::New,
            waiting_since: Timestamp(0),
            assignee: None,
            tags: Vec::new(),
            fields: Vec::new(),
            badges: Vec::new(),
        };
        assert_eq!(localizer.topic_name(&card), "🟢🆕 Ana @ana · 123456789");
        card.assignee = Some("maria".into());
        card.stage = TicketStage::WaitingForCustomer;
        assert_eq!(
            localizer.topic_name(&card),
            "🟢💬 Ana @ana · 123456789 · 👤M"
        );
        card.name = "Ж".repeat(300);
        let name = localizer.topic_name(&card);
        assert_eq!(utf16_len(&name), 128);
        assert!(name.ends_with("… · 123456789 · 👤M"), "{name}");
    }

    #[test]
    fn hidden_customers_show_as_their_pseudonym_on_cards_and_topic_names() {
        let key = crate::domain::PseudonymKey::new(&[1; 32]);
        let code = key.code(UserId(123456789));
        let localizer = Localizer::new("en", "en")
            .unwrap()
            .with_pseudonyms(Some(key));
        let card = CardView {
            customer: UserId(123456789),
            name: "Ana Lima".into(),
            username: Some("ana".into()),
            language: Some("pt-br".into()),
            ticket: TicketNumber(1),
            origins: Vec::new(),
            opened_at: Timestamp(0),
            marker: "🟢".into(),
            priority: Priority(1),
            status: TicketStatus::Open,
            muted: None,
            reachability: Reachability::Reachable,
            stage: TicketStage::New,
            waiting_since: Timestamp(0),
            assignee: None,
            tags: Vec::new(),
            fields: Vec::new(),
            badges: Vec::new(),
        };
        let html = localizer.card(&card);
        assert!(html.contains(&format!("<b>Customer {code}</b>")), "{html}");
        assert!(html.contains("language: pt-br"), "{html}");
        for hidden in ["Ana", "ana", "123456789"] {
            assert!(!html.contains(hidden), "{html}");
        }
        assert_eq!(localizer.topic_name(&card), format!("🟢🆕 Customer {code}"));
    }

    #[test]
    fn dates_render_in_utc() {
        assert_eq!(Timestamp(0).utc_string(), "1970-01-01 00:00 UTC");
        assert_eq!(
            Timestamp(1_795_000_000_000).utc_string(),
            "2026-11-18 11:06 UTC"
        );
    }

    #[test]
    fn dates_render_in_the_configured_zone() {
        let utc = Localizer::new("en", "en").unwrap();
        let at = Timestamp(1_795_000_000_000);
        assert_eq!(utc.clock(at), "2026-11-18 11:06 UTC");
        let tokyo = Localizer::new("en", "en")
            .unwrap()
            .with_zone(chrono_tz::Asia::Tokyo);
        assert_eq!(tokyo.clock(at), "2026-11-18 20:06 Asia/Tokyo");
        let lisbon = Localizer::new("en", "en")
            .unwrap()
            .with_zone(chrono_tz::Europe::Lisbon);
        assert_eq!(
            lisbon.clock(Timestamp(1_782_900_000_000)),
            "2026-07-01 11:00 Europe/Lisbon"
        );
    }
}
