//! What the demo reads back and shows: each customer's card, its thread in the discussion
//! group, their private chat with the bot, the bot's answers to commands, and the final report.

use std::fmt::Write as _;

use telegram_sim::{MessageId, Transcript, UserId};

use super::World;

impl World {
    pub(super) fn answer_to(&self, message: MessageId) -> Option<String> {
        self.sim
            .transcript(self.group)
            .iter()
            .find(|entry| entry.reply_to == Some(message) && entry.from == Some(self.bot.user_id))
            .and_then(|entry| entry.text.clone())
    }

    pub(super) fn card(&self, customer: UserId) -> Option<MessageId> {
        let marker = customer.0.to_string();
        self.sim
            .transcript(self.channel)
            .iter()
            .find(|entry| {
                entry.service.is_none()
                    && entry
                        .text
                        .as_deref()
                        .is_some_and(|text| text.contains(&marker))
            })
            .map(|entry| entry.id)
    }

    pub(super) fn card_text(&self, customer: UserId) -> Option<String> {
        let card = self.card(customer)?;
        self.sim.transcript(self.channel).get_id(card)?.text.clone()
    }

    pub(super) fn root(&self, customer: UserId) -> Option<MessageId> {
        self.sim
            .discussion_copy_of(self.channel, self.card(customer)?)
    }

    pub(super) fn thread(&self, customer: UserId) -> Transcript {
        self.root(customer)
            .map(|root| self.sim.thread(self.group, root))
            .unwrap_or_default()
    }

    pub(super) fn private(&self, customer: UserId) -> Transcript {
        self.sim.private_chat(customer, &self.bot)
    }

    /// The steps played and what every side saw.
    pub(super) fn report(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "threadesk demo: the real bot against the built-in Telegram simulator\n"
        );
        let _ = writeln!(out, "Steps:\n{}", self.log.borrow());
        let sections = [
            (
                "Alice's private chat with the bot",
                self.private(self.alice),
            ),
            ("Bob's private chat with the bot", self.private(self.bob)),
            (
                "The team's channel: one card per customer",
                self.sim.transcript(self.channel),
            ),
            (
                "Alice's card thread in the discussion group",
                self.thread(self.alice),
            ),
            (
                "Bob's card thread in the discussion group",
                self.thread(self.bob),
            ),
        ];
        for (title, transcript) in sections {
            let _ = writeln!(out, "── {title} ──");
            for entry in transcript.iter() {
                let _ = writeln!(out, "{}", indent(&entry.to_string()));
            }
            out.push('\n');
        }
        out
    }
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|line| format!("  {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}
