//! Telegram's JSON, read tolerantly: updates and the answers whose content the bot needs.
//!
//! Every Bot API version adds fields, kinds of message and enum values (10.1 added the
//! `date_time` entity and rich messages), and Telegram sends them to every bot, whatever library
//! it was built with. teloxide's types refuse or misread what they do not know: a message with a
//! new entity type parses as an empty message, a new reaction type fails a whole `getChat`. So
//! the bot reads into these small types instead: only the fields it uses, every enum as text,
//! everything else ignored. Nothing is lost by that: the update is stored exactly as received,
//! and messages are relayed by `copyMessage`, which needs no understanding of the content.
//!
//! This module only reads; turning what it read into desk types is [`convert`](super::convert)'s
//! job, and sending JSON teloxide cannot express is [`raw_call`](super::raw_call)'s.
//!
//! - `members`: chat members, their status and what it means for presence, team and rights.
//! - `tests` (tests): unknown fields kept, fields of an unexpected shape read as absent.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

mod members;

pub use members::{ChatMember, ChatMemberUpdated, MemberStatus};

/// One update: its id and what it carries.
#[derive(Clone, Debug)]
pub struct Update {
    /// Telegram's `update_id`, when present.
    pub update_id: Option<i64>,
    /// What happened.
    pub kind: UpdateKind,
}

/// The kinds of update the bot acts on; all others are [`UpdateKind::Other`].
#[derive(Clone, Debug)]
pub enum UpdateKind {
    /// A new message.
    Message(Message),
    /// A new version of a message.
    EditedMessage(Message),
    /// Someone's membership in a chat the bot administers changed.
    ChatMember(ChatMemberUpdated),
    /// The bot's own membership in a chat changed.
    MyChatMember(ChatMemberUpdated),
    /// Someone typed the bot's username in inline mode.
    InlineQuery(InlineQuery),
    /// Someone pressed an inline button under one of the bot's messages.
    CallbackQuery(CallbackQuery),
    /// Any other kind, known or not, by its field name.
    Other(String),
}

/// Why an update could not be read.
#[derive(Debug, thiserror::Error)]
pub enum WireError {
    /// Not a JSON object.
    #[error("not a JSON object: {0}")]
    NotJson(#[from] serde_json::Error),
    /// A kind the bot acts on, but without a field every such update has.
    #[error("a malformed {kind}: {error}")]
    Malformed {
        /// The update kind.
        kind: &'static str,
        /// What was wrong.
        error: serde_json::Error,
    },
}

impl Update {
    /// Reads an update's JSON.
    pub fn parse(json: &[u8]) -> Result<Update, WireError> {
        let mut map: Map<String, Value> = serde_json::from_slice(json)?;
        let update_id = map.remove("update_id").and_then(|id| id.as_i64());
        let mut kinds = map.into_iter();
        let Some((name, value)) = kinds.next() else {
            return Ok(Update {
                update_id,
                kind: UpdateKind::Other(String::new()),
            });
        };
        fn read<T: DeserializeOwned>(kind: &'static str, value: Value) -> Result<T, WireError> {
            serde_json::from_value(value).map_err(|error| WireError::Malformed { kind, error })
        }
        let kind = match name.as_str() {
            "message" => UpdateKind::Message(read("message", value)?),
            "edited_message" => UpdateKind::EditedMessage(read("edited_message", value)?),
            "chat_member" => UpdateKind::ChatMember(read("chat_member", value)?),
            "my_chat_member" => UpdateKind::MyChatMember(read("my_chat_member", value)?),
            "inline_query" => UpdateKind::InlineQuery(read("inline_query", value)?),
            "callback_query" => UpdateKind::CallbackQuery(read("callback_query", value)?),
            _ => UpdateKind::Other(name),
        };
        Ok(Update { update_id, kind })
    }
}

/// A message: who, where, in reply to what, and its content (text, caption and entities read;
/// every other field kept as JSON by name).
#[derive(Clone, Debug, Deserialize)]
pub struct Message {
    /// Its id in its chat.
    pub message_id: i32,
    /// The comment thread or forum topic.
    #[serde(default, deserialize_with = "lenient")]
    pub message_thread_id: Option<i32>,
    /// The sender, if a user.
    #[serde(default, deserialize_with = "lenient")]
    pub from: Option<User>,
    /// The chat it was sent on behalf of.
    #[serde(default, deserialize_with = "lenient")]
    pub sender_chat: Option<Chat>,
    /// When it was sent, in Unix time.
    pub date: i64,
    /// Where it was sent.
    pub chat: Chat,
    /// The post author's signature, or an anonymous administrator's title.
    #[serde(default, deserialize_with = "lenient")]
    pub author_signature: Option<String>,
    /// Whether Telegram forwarded a channel post into its discussion group.
    #[serde(default, deserialize_with = "lenient_flag")]
    pub is_automatic_forward: bool,
    /// Where a forwarded message came from.
    #[serde(default, deserialize_with = "lenient")]
    pub forward_origin: Option<Origin>,
    /// The message it replies to, in the same chat.
    #[serde(default, deserialize_with = "lenient")]
    pub reply_to_message: Option<Box<Message>>,
    /// The bot whose inline mode sent it.
    #[serde(default, deserialize_with = "lenient")]
    pub via_bot: Option<User>,
    /// The album it belongs to.
    #[serde(default, deserialize_with = "lenient")]
    pub media_group_id: Option<String>,
    /// The text of a text message.
    #[serde(default, deserialize_with = "lenient")]
    pub text: Option<String>,
    /// The text's entities, as Telegram sent them.
    #[serde(default, deserialize_with = "lenient_list")]
    pub entities: Vec<Value>,
    /// The caption of a media message.
    #[serde(default, deserialize_with = "lenient")]
    pub caption: Option<String>,
    /// The caption's entities, as Telegram sent them.
    #[serde(default, deserialize_with = "lenient_list")]
    pub caption_entities: Vec<Value>,
    /// Whether the media is covered by a spoiler.
    #[serde(default, deserialize_with = "lenient_flag")]
    pub has_media_spoiler: bool,
    /// Every other field, by name: the media, service data, and whatever Telegram adds.
    #[serde(flatten)]
    pub fields: Map<String, Value>,
}

/// The fields of the service messages about forum topics.
const TOPIC_SERVICE_FIELDS: [&str; 4] = [
    "forum_topic_created",
    "forum_topic_edited",
    "forum_topic_closed",
    "forum_topic_reopened",
];

/// Whether a message (from a bot when `from_bot`) carrying the fields `has` says it carries is
/// a bot's service message about its own forum topic.
fn is_topic_service_by_bot(from_bot: bool, has: impl Fn(&str) -> bool) -> bool {
    from_bot && TOPIC_SERVICE_FIELDS.iter().any(|field| has(field))
}

/// [`Message::is_bots_topic_service`] for an update as parsed JSON (the poller's view): a new
/// message in a group that only reports the bot's own topic change.
pub fn is_bots_topic_service_update(update: &Value) -> bool {
    let Some(message) = update.get("message") else {
        return false;
    };
    let from_bot = message["from"]["is_bot"].as_bool().unwrap_or(false);
    is_topic_service_by_bot(from_bot, |name| {
        message.get(name).is_some_and(|value| !value.is_null())
    })
}

impl Message {
    /// Whether this is a bot's service message about a forum topic it created, renamed, closed
    /// or reopened (Telegram sends a bot these for its own topics).
    pub fn is_bots_topic_service(&self) -> bool {
        is_topic_service_by_bot(self.from.as_ref().is_some_and(|user| user.is_bot), |name| {
            self.field(name).is_some()
        })
    }

    /// Another field of the message, by its Bot API name.
    pub fn field(&self, name: &str) -> Option<&Value> {
        self.fields.get(name).filter(|value| !value.is_null())
    }

    /// The `file_id` of a media field (`video`, `document`, ...).
    pub fn file_id(&self, field: &str) -> Option<&str> {
        self.field(field)?.get("file_id")?.as_str()
    }

    /// The `file_id` of the largest size of a photo.
    pub fn photo_file_id(&self) -> Option<&str> {
        self.field("photo")?
            .as_array()?
            .last()?
            .get("file_id")?
            .as_str()
    }
}

/// A pressed inline button.
#[derive(Clone, Debug, Deserialize)]
pub struct CallbackQuery {
    /// The query's id, to answer with.
    pub id: String,
    /// Who pressed it.
    pub from: User,
    /// The message the button is under (possibly only its chat and id, when it is too old for
    /// Telegram to send); absent for messages sent in inline mode.
    #[serde(default, deserialize_with = "lenient")]
    pub message: Option<PressedMessage>,
    /// The button's `callback_data`.
    #[serde(default, deserialize_with = "lenient")]
    pub data: Option<String>,
}

/// The message under which a button was pressed: what both a message and an inaccessible
/// message carry.
#[derive(Clone, Debug, Deserialize)]
pub struct PressedMessage {
    /// Its id in its chat.
    pub message_id: i32,
    /// Its chat.
    pub chat: Chat,
    /// The comment thread or forum topic.
    #[serde(default, deserialize_with = "lenient")]
    pub message_thread_id: Option<i32>,
}

/// A Telegram account.
#[derive(Clone, Debug, Deserialize)]
pub struct User {
    /// The account id.
    pub id: i64,
    /// Whether it is a bot.
    #[serde(default, deserialize_with = "lenient_flag")]
    pub is_bot: bool,
    /// First name.
    #[serde(default, deserialize_with = "lenient_text")]
    pub first_name: String,
    /// Last name.
    #[serde(default, deserialize_with = "lenient")]
    pub last_name: Option<String>,
    /// `@username` without the `@`.
    #[serde(default, deserialize_with = "lenient")]
    pub username: Option<String>,
    /// The language of the user's app.
    #[serde(default, deserialize_with = "lenient")]
    pub language_code: Option<String>,
}

impl User {
    /// First and last name.
    pub fn full_name(&self) -> String {
        match &self.last_name {
            Some(last) => format!("{} {last}", self.first_name),
            None => self.first_name.clone(),
        }
    }
}

/// A chat, by id and type.
#[derive(Clone, Debug, Deserialize)]
pub struct Chat {
    /// The chat id.
    pub id: i64,
    /// `private`, `group`, `supergroup`, `channel`, or a type added later.
    #[serde(rename = "type", default, deserialize_with = "lenient_text")]
    pub kind: String,
}

impl Chat {
    /// Whether it is a private chat with a user.
    pub fn is_private(&self) -> bool {
        self.kind == "private"
    }
}

/// Where a forwarded message came from (`MessageOrigin`).
#[derive(Clone, Debug, Deserialize)]
pub struct Origin {
    /// `user`, `hidden_user`, `chat`, `channel`, or a type added later.
    #[serde(rename = "type", default, deserialize_with = "lenient_text")]
    pub kind: String,
    /// The channel, for a channel origin.
    #[serde(default, deserialize_with = "lenient")]
    pub chat: Option<Chat>,
    /// The post's id in the channel, for a channel origin.
    #[serde(default, deserialize_with = "lenient")]
    pub message_id: Option<i32>,
}

/// An inline query.
#[derive(Clone, Debug, Deserialize)]
pub struct InlineQuery {
    /// Telegram's query id.
    pub id: String,
    /// Who typed it.
    pub from: User,
    /// What they typed.
    #[serde(default, deserialize_with = "lenient_text")]
    pub query: String,
}

/// What `getChat` says about a chat, as far as the setup checks need it.
#[derive(Clone, Debug, Deserialize)]
pub struct ChatInfo {
    /// The chat id.
    pub id: i64,
    /// Its type.
    #[serde(rename = "type", default, deserialize_with = "lenient_text")]
    pub kind: String,
    /// Whether a supergroup has topics on.
    #[serde(default, deserialize_with = "lenient_flag")]
    pub is_forum: bool,
    /// A channel's discussion group, or a group's channel.
    #[serde(default, deserialize_with = "lenient")]
    pub linked_chat_id: Option<i64>,
}

/// An optional field that is absent when it does not have the expected shape.
fn lenient<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let value = Value::deserialize(deserializer)?;
    Ok(serde_json::from_value(value).ok())
}

/// A flag that is false unless it is `true`.
fn lenient_flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    Ok(lenient::<D, bool>(deserializer)?.unwrap_or(false))
}

/// A text that is empty unless it is a string.
fn lenient_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(lenient::<D, String>(deserializer)?.unwrap_or_default())
}

/// A list that is empty unless it is an array.
fn lenient_list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Value>, D::Error> {
    Ok(lenient::<D, Vec<Value>>(deserializer)?.unwrap_or_default())
}

#[cfg(test)]
mod tests;
