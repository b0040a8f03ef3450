//! The message feed: every message the world stores is announced, as it is stored, with the
//! instant it was created. Benchmarks use it to time relays (a customer's message and its copy
//! in the thread are both announced) and to count deliveries without reading whole chats.
//!
//! Nothing is announced while no one watches, so the feed costs nothing by default.

use std::time::Instant;

use tokio::sync::mpsc;

use super::ids::{ChatRef, MessageId, UserId};

/// A message that was just stored in the world.
#[derive(Clone, Debug, PartialEq)]
pub struct PostedMessage {
    /// The chat it is in.
    pub chat: ChatRef,
    /// Its id in that chat.
    pub id: MessageId,
    /// The account that sent it: a person, a bot, or Telegram's service account (777000) for
    /// automatic forwards.
    pub sender: UserId,
    /// The comment thread or forum topic it joined.
    pub thread: Option<MessageId>,
    /// The message it replies to.
    pub reply_to: Option<MessageId>,
    /// Its text or caption (empty for media without a caption and for service messages).
    pub text: String,
    /// When the world stored it.
    pub at: Instant,
}

/// Receives every message stored from now on; see [`Simulator::watch_messages`](super::Simulator::watch_messages).
pub type MessageFeed = mpsc::UnboundedReceiver<PostedMessage>;

/// The watchers of the world's messages.
#[derive(Debug, Default)]
pub(crate) struct Watchers {
    senders: Vec<mpsc::UnboundedSender<PostedMessage>>,
}

impl Watchers {
    /// A new feed of messages.
    pub fn subscribe(&mut self) -> MessageFeed {
        let (sender, receiver) = mpsc::unbounded_channel();
        self.senders.push(sender);
        receiver
    }

    /// Announces a message to every watcher (built only if someone watches); watchers whose
    /// feed was dropped are forgotten.
    pub fn announce(&mut self, message: impl FnOnce() -> PostedMessage) {
        if self.senders.is_empty() {
            return;
        }
        let message = message();
        self.senders
            .retain(|sender| sender.send(message.clone()).is_ok());
    }
}
