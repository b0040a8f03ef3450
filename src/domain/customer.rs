//! Customers: the people who write to the bot, and their card in the team's channel.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{MessageId, TicketNumber, Timestamp, UserId, Workspace};

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
    /// The team's tags for the customer, in the order they were added (see `profile.rs`).
    pub tags: Vec<String>,
    /// The team's contact fields for the customer, by name.
    pub fields: BTreeMap<String, String>,
}

/// The customer's card: a channel post whose discussion copy is the root of the thread (or, in
/// the forum layout, the first message of the customer's topic).
///
/// `post` and `root` are message ids of the chats of `workspace`, and mean nothing elsewhere.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    /// The workspace the card was posted in; `None` until it is posted, or for a card of a data
    /// directory whose workspace was never recorded (it is never resolved).
    pub workspace: Option<Workspace>,
    /// The card's message (the channel post, or the card message in the topic), once Telegram
    /// confirmed it.
    pub post: Option<MessageId>,
    /// The thread root: the post's automatic copy in the discussion group, or the forum topic.
    pub root: Option<MessageId>,
    /// How many times the card was posted while waiting for its thread (1 for the first post).
    pub attempts: u32,
    /// Whether the card changed while its post was on its way (it is rewritten on arrival).
    pub outdated: bool,
    /// Whether this card replaces one whose thread was deleted (the new thread says so).
    pub recreated: bool,
    /// The thread this customer's history was in before the team moved to another workspace
    /// (the new thread says where it is).
    pub previous: Option<PreviousThread>,
}

/// A customer's card and thread in a workspace the desk no longer uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviousThread {
    /// The workspace it is in; `None` when the data directory never recorded it.
    pub workspace: Option<Workspace>,
    /// Its root (or forum topic) there, if it had one.
    pub root: Option<MessageId>,
}

impl Card {
    /// Whether the card belongs to `workspace`: posted there, or not posted anywhere yet. A
    /// card still waiting for its thread needs only its post's chat: when the channel was
    /// linked to another discussion group meanwhile, its thread appears in the new group.
    pub fn is_in(&self, workspace: Workspace) -> bool {
        match self.workspace {
            Some(posted) if posted == workspace => true,
            Some(posted) => {
                self.root.is_none()
                    && posted.channel().is_some()
                    && posted.channel() == workspace.channel()
            }
            None => self.post.is_none() && self.root.is_none(),
        }
    }

    /// The card to use in `workspace` instead of this one, which belongs to another: nothing
    /// posted yet, with a pointer to the old thread. The attempt count goes on, so timers of
    /// the old card never match the new one.
    pub fn moved_to_new_workspace(&self) -> Card {
        let previous = match (self.root, self.previous) {
            (None, Some(earlier)) => earlier,
            (root, _) => PreviousThread {
                workspace: self.workspace,
                root,
            },
        };
        Card {
            attempts: self.attempts,
            previous: Some(previous),
            ..Card::default()
        }
    }

    /// Whether the card was left behind in another workspace and no new one is on its way.
    pub fn awaits_new_workspace(&self) -> bool {
        self.previous.is_some()
            && self.workspace.is_none()
            && self.post.is_none()
            && self.root.is_none()
    }
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
