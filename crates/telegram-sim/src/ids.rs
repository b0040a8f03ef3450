//! Identifier newtypes of the simulated world: users, chats, messages, and the references the
//! scripting API uses to name a chat. Conversions into teloxide's types let tests pass them to a
//! real `Bot` directly.

use std::fmt;

/// A Telegram user (or bot) identifier. Private chats with a bot share this number as chat id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UserId(pub u64);

/// A chat identifier: positive for private chats, `-100…` for supergroups and channels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ChatId(pub i64);

/// A message identifier, unique and increasing within one chat: channels and supergroups count
/// from 1 each, while a bot's private chats share one count (ids never repeat across them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MessageId(pub i32);

/// Names one chat of the world for the scripting API.
///
/// Supergroups and channels are named by their [`ChatId`]. A private chat is the conversation of
/// one user with one bot, so it needs both: two bots talking to the same user see two different
/// chats that share the same id (the user's).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChatRef {
    /// A supergroup or channel.
    Public(ChatId),
    /// The private chat of `user` with `bot`.
    Private {
        /// The bot's user id.
        bot: UserId,
        /// The human's user id.
        user: UserId,
    },
}

impl MessageId {
    /// A message id from a Bot API integer; ids outside the 32-bit range name no message.
    pub(crate) fn from_api(id: i64) -> MessageId {
        MessageId(i32::try_from(id).unwrap_or(0))
    }
}

impl ChatRef {
    /// The chat id a bot uses for this chat in the Bot API.
    pub fn chat_id(self) -> ChatId {
        match self {
            ChatRef::Public(id) => id,
            ChatRef::Private { user, .. } => ChatId::from(user),
        }
    }
}

impl From<ChatId> for ChatRef {
    fn from(id: ChatId) -> Self {
        ChatRef::Public(id)
    }
}

impl From<UserId> for ChatId {
    fn from(user: UserId) -> Self {
        // User ids are far below i64::MAX; saturate instead of wrapping for safety.
        ChatId(i64::try_from(user.0).unwrap_or(i64::MAX))
    }
}

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Display for ChatId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Display for MessageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Display for ChatRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChatRef::Public(id) => id.fmt(f),
            ChatRef::Private { bot, user } => write!(f, "{user} (private chat with bot {bot})"),
        }
    }
}

impl From<UserId> for teloxide::types::UserId {
    fn from(id: UserId) -> Self {
        teloxide::types::UserId(id.0)
    }
}

impl From<ChatId> for teloxide::types::ChatId {
    fn from(id: ChatId) -> Self {
        teloxide::types::ChatId(id.0)
    }
}

impl From<ChatId> for teloxide::types::Recipient {
    fn from(id: ChatId) -> Self {
        teloxide::types::Recipient::Id(id.into())
    }
}

impl From<UserId> for teloxide::types::Recipient {
    fn from(id: UserId) -> Self {
        teloxide::types::Recipient::Id(ChatId::from(id).into())
    }
}

impl From<MessageId> for teloxide::types::MessageId {
    fn from(id: MessageId) -> Self {
        teloxide::types::MessageId(id.0)
    }
}

impl From<teloxide::types::MessageId> for MessageId {
    fn from(id: teloxide::types::MessageId) -> Self {
        MessageId(id.0)
    }
}

impl From<MessageId> for teloxide::types::ThreadId {
    fn from(id: MessageId) -> Self {
        teloxide::types::ThreadId(id.into())
    }
}

impl PartialEq<teloxide::types::MessageId> for MessageId {
    fn eq(&self, other: &teloxide::types::MessageId) -> bool {
        self.0 == other.0
    }
}

impl PartialEq<teloxide::types::ChatId> for ChatId {
    fn eq(&self, other: &teloxide::types::ChatId) -> bool {
        self.0 == other.0
    }
}

impl PartialEq<teloxide::types::UserId> for UserId {
    fn eq(&self, other: &teloxide::types::UserId) -> bool {
        self.0 == other.0
    }
}
