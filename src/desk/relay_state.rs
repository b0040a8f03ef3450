//! What is buffered per customer on its way: messages waiting for a thread, and albums being
//! collected in either direction.

use serde::{Deserialize, Serialize};

use crate::domain::{Content, MediaItem, MessageId, Timestamp, UncopyableKind};

/// Per customer: what is buffered in either direction.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RelayState {
    /// Customer messages received before the thread existed, in order.
    pub waiting: Vec<WaitingMessage>,
    /// A customer album being collected.
    pub customer_album: Option<Album>,
    /// A team album for the customer being collected.
    pub team_album: Option<Album>,
}

impl RelayState {
    /// Whether nothing is buffered (the stored record can be removed).
    pub fn is_empty(&self) -> bool {
        self.waiting.is_empty() && self.customer_album.is_none() && self.team_album.is_none()
    }

    /// Whether a customer message is still buffered (so an edit will be picked up by the copy).
    pub fn holds_customer_message(&self, message: MessageId) -> bool {
        self.waiting
            .iter()
            .any(|waiting| waiting.message == message)
            || self
                .customer_album
                .as_ref()
                .is_some_and(|album| album.items.iter().any(|(id, _)| *id == message))
    }

    /// Whether a team message is still buffered in an album.
    pub fn holds_team_message(&self, message: MessageId) -> bool {
        self.team_album
            .as_ref()
            .is_some_and(|album| album.items.iter().any(|(id, _)| *id == message))
    }
}

/// A customer message waiting for the thread root.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WaitingMessage {
    /// Its id in the private chat.
    pub message: MessageId,
    /// How it will be relayed.
    pub relay: Relay,
    /// The private-chat message it replies to.
    pub reply_to: Option<MessageId>,
}

/// How a customer message is relayed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Relay {
    /// Copied as it is.
    Copy,
    /// Collected into an album.
    AlbumItem {
        /// The album's `media_group_id`.
        group: String,
        /// The item.
        item: MediaItem,
    },
    /// Described in a note, because Telegram will not copy it.
    Note(UncopyableKind),
    /// The existing bot's message (behind the proxy), mirrored as the bot's.
    ExistingBot {
        /// What it shows.
        content: Content,
        /// The labels of its inline buttons.
        buttons: Vec<String>,
    },
}

/// Album items collected so far.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Album {
    /// The `media_group_id` the items share.
    pub group: String,
    /// The items in order, with their message ids in the source chat.
    pub items: Vec<(MessageId, MediaItem)>,
    /// What the first item replies to.
    pub reply_to: Option<MessageId>,
    /// When the latest item arrived.
    pub last_item_at: Timestamp,
}
