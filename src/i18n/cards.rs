//! Card rendering: the card's HTML text and the forum topic's name, in the team's language.

use super::{Localizer, escape_html};
use crate::desk::CardView;
use crate::domain::{Reachability, TicketStatus, utf16_len};

/// The longest forum topic name Telegram accepts, in UTF-16 code units.
const TOPIC_NAME_LIMIT: u32 = 128;

impl Localizer {
    /// The card's HTML text, in the team's language.
    pub fn card(&self, card: &CardView) -> String {
        let language = self.team_language();
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
        };
        let html = localizer.card(&card);
        assert!(html.contains("&lt;b&gt;Evil&lt;/b&gt; &amp; Co"), "{html}");
        assert!(html.contains("Ticket #3"), "{html}");
        assert!(html.contains("priority: high"), "{html}");
        assert!(html.contains("origin: ads, promo2"), "{html}");
        assert!(html.contains("tg://user?id=42"), "{html}");
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
