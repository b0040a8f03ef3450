//! A stored message: who sent it (and on whose behalf), what it holds, where it sits (reply,
//! comment thread, forum topic, album) and how it was forwarded.

use serde_json::Value;

use super::content::Stored;
use super::ids::{ChatId, MessageId, UserId};

/// Where a forwarded message came from (`forward_origin`).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Origin {
    User {
        user: UserId,
        date: i64,
    },
    Chat {
        chat: ChatId,
        date: i64,
        signature: Option<String>,
    },
    Channel {
        chat: ChatId,
        message_id: MessageId,
        date: i64,
        signature: Option<String>,
    },
}

/// A message of the world.
#[derive(Clone, Debug)]
pub(crate) struct Message {
    pub id: MessageId,
    pub date: i64,
    pub edit_date: Option<i64>,
    /// The account that performed the send: a bot, a person (also behind an anonymous admin
    /// or a channel identity), or the Telegram service account for automatic forwards.
    pub actor: UserId,
    /// The rendered `from`.
    pub from: Option<UserId>,
    pub sender_chat: Option<ChatId>,
    pub author_signature: Option<String>,
    pub via_bot: Option<UserId>,
    pub content: Stored,
    /// `reply_to_message`: the explicit target, or implicitly the thread root / topic.
    pub reply_to: Option<MessageId>,
    /// `message_thread_id`: comment thread root or forum topic.
    pub thread: Option<MessageId>,
    pub is_topic_message: bool,
    pub media_group_id: Option<String>,
    pub forward_origin: Option<Origin>,
    pub is_automatic_forward: bool,
    /// An inline keyboard (`InlineKeyboardMarkup` JSON).
    pub reply_markup: Option<Value>,
    pub protected: bool,
    /// Raw `Message` fields beyond the simulator's model (never copied).
    pub fields: Vec<(String, Value)>,
    /// For a channel post: its automatic forward in the linked discussion group.
    pub discussion_copy: Option<MessageId>,
}

impl Message {
    /// Whether the message has an inline keyboard (such posts get no discussion copy).
    pub fn has_inline_keyboard(&self) -> bool {
        self.reply_markup
            .as_ref()
            .is_some_and(|markup| markup.get("inline_keyboard").is_some())
    }

    /// The text of a command (`/start`, `/help@bot`) if the message starts with one.
    pub fn command(&self) -> Option<&str> {
        let entity = self.content.entities.first()?;
        if entity.kind != "bot_command" || entity.offset != 0 {
            return None;
        }
        self.content.text.split_whitespace().next()
    }
}
