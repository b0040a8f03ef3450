//! Customers: the people who write to the bot, and their card in the team's channel.

use serde::{Deserialize, Serialize};

use super::{MessageId, TicketNumber, Timestamp, UserId};

/// Someone who wrote to the bot. A customer has one card and one thread for life; tickets are
/// numbered episodes within it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    /// The customer's Telegram account (also the id of their private chat with the bot).
    pub id: UserId,
    /// First name, as last seen.
    pub first_name: String,
    /// Last name, as last seen.
    pub last_name: Option<String>,
    /// `@username` without the `@`, as last seen.
    pub username: Option<String>,
    /// Language tag of the customer's app, as last seen.
    pub language: Option<String>,
    /// When the customer first wrote.
    pub first_seen: Timestamp,
    /// The customer's card and its comment thread.
    pub card: Card,
    /// The number of the current (or last) ticket; tickets are numbered from 1.
    pub ticket: TicketNumber,
    /// Whether messages can reach the customer.
    pub reachability: Reachability,
    /// Set while the customer is banned.
    pub ban: Option<Ban>,
}

/// The customer's card: a channel post whose discussion copy is the root of the thread.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    /// The channel post, once Telegram confirmed it.
    pub post: Option<MessageId>,
    /// The post's automatic copy in the discussion group: the thread root.
    pub root: Option<MessageId>,
    /// How many times the card was posted while waiting for its thread (1 for the first post).
    pub attempts: u32,
    /// Whether the card changed while its post was on its way (it is rewritten on arrival).
    pub outdated: bool,
    /// Whether this card replaces one whose thread was deleted (the new thread says so).
    pub recreated: bool,
}

/// Whether the bot can deliver messages to the customer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reachability {
    /// Messages are delivered.
    #[default]
    Reachable,
    /// The customer blocked the bot.
    BlockedBot,
    /// The customer's account was deleted.
    Deactivated,
}

/// Why and since when a customer is banned.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ban {
    /// When the ban started.
    pub since: Timestamp,
    /// Who banned the customer (display name).
    pub by: String,
    /// The reason given, if any.
    pub reason: Option<String>,
    /// Messages received and not relayed while banned.
    pub muted_messages: u32,
    /// Whether the customer has been told once.
    pub told: bool,
}

impl Customer {
    /// The customer's full name as shown on the card.
    pub fn full_name(&self) -> String {
        match &self.last_name {
            Some(last) if !last.is_empty() => format!("{} {last}", self.first_name),
            _ => self.first_name.clone(),
        }
    }

    /// Whether the thread root is known, so messages can be relayed into the thread.
    pub fn has_thread(&self) -> bool {
        self.card.root.is_some()
    }
}
