//! What a chat shows, for tests to assert on: a [`Transcript`] of [`Entry`] lines (sender,
//! kind, text, reply, thread, album, edits, forwards, pins) with a readable `Display`.

use std::fmt;
use std::ops::Deref;

use super::chat::Chat;
use super::content::{Body, Service};
use super::ids::{ChatId, MessageId, UserId};
use super::markup::Entity;
use super::message::{Message, Origin};
use super::world::World;

/// One message as a chat shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The message id.
    pub id: MessageId,
    /// The `from` user shown (a placeholder bot for anonymous admins and channel identities).
    pub from: Option<UserId>,
    /// The chat the message was sent on behalf of (channel, anonymous group, auto-forward).
    pub sender_chat: Option<ChatId>,
    /// The name a client displays for the sender.
    pub author: String,
    /// The bot an inline result was sent through.
    pub via_bot: Option<UserId>,
    /// `text`, `photo`, `video`, …, `service`.
    pub kind: &'static str,
    /// The text or caption, if any.
    pub text: Option<String>,
    /// The entities of the text or caption.
    pub entities: Vec<Entity>,
    /// The message replied to (explicitly, or implicitly the thread root or topic).
    pub reply_to: Option<MessageId>,
    /// The comment thread or forum topic.
    pub thread_id: Option<MessageId>,
    /// The album.
    pub media_group_id: Option<String>,
    /// Whether the message was edited.
    pub edited: bool,
    /// Whether it is the automatic forward of a channel post.
    pub is_automatic_forward: bool,
    /// Where a forward came from, e.g. `channel -1001000000001 #3` or `user 100000001`.
    pub forward_origin: Option<String>,
    /// The main file (largest photo size).
    pub file_id: Option<String>,
    /// Whether the message is pinned.
    pub pinned: bool,
    /// For service messages, what happened (`pinned #5`, `topic created "Billing"`, …).
    pub service: Option<String>,
}

/// The messages of a chat, thread or topic, in id order. Dereferences to `[Entry]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Transcript {
    entries: Vec<Entry>,
}

impl Transcript {
    /// The texts and captions, in order (messages without one are skipped).
    pub fn texts(&self) -> Vec<&str> {
        self.entries
            .iter()
            .filter_map(|entry| entry.text.as_deref())
            .collect()
    }

    /// The first message whose text or caption contains `text`.
    pub fn find(&self, text: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|entry| entry.text.as_deref().is_some_and(|own| own.contains(text)))
    }

    /// The message with this id.
    pub fn get_id(&self, id: MessageId) -> Option<&Entry> {
        self.entries.iter().find(|entry| entry.id == id)
    }
}

impl From<Vec<Entry>> for Transcript {
    /// A transcript of chosen entries (for example a thread without its service messages).
    fn from(entries: Vec<Entry>) -> Self {
        Transcript { entries }
    }
}

impl Deref for Transcript {
    type Target = [Entry];

    fn deref(&self) -> &[Entry] {
        &self.entries
    }
}

impl<'a> IntoIterator for &'a Transcript {
    type Item = &'a Entry;
    type IntoIter = std::slice::Iter<'a, Entry>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter()
    }
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{} {}", self.id, self.author)?;
        if let Some(reply) = self.reply_to {
            write!(f, " ↩#{reply}")?;
        }
        f.write_str(":")?;
        if let Some(text) = self.text.as_deref().or(self.service.as_deref()) {
            write!(f, " {text}")?;
        }
        if self.kind != "text" {
            write!(f, " [{}]", self.kind)?;
        }
        if let Some(origin) = &self.forward_origin {
            write!(f, " (forwarded from {origin})")?;
        }
        if self.edited {
            f.write_str(" (edited)")?;
        }
        if self.pinned {
            f.write_str(" 📌")?;
        }
        Ok(())
    }
}

impl fmt::Display for Transcript {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for entry in &self.entries {
            writeln!(f, "{entry}")?;
        }
        Ok(())
    }
}

/// Builds the transcript of some messages of `chat`.
pub(crate) fn build<'a>(
    world: &World,
    chat: &Chat,
    messages: impl Iterator<Item = &'a Message>,
) -> Transcript {
    Transcript {
        entries: messages
            .map(|message| entry(world, chat, message))
            .collect(),
    }
}

fn entry(world: &World, chat: &Chat, message: &Message) -> Entry {
    let chat_title = |id: ChatId| {
        world
            .chat(id.into())
            .map_or_else(|| id.to_string(), |chat| chat.title.clone())
    };
    let author = match (message.sender_chat, message.from) {
        (Some(sender_chat), _) => chat_title(sender_chat),
        (None, Some(from)) => world.display_name(from),
        (None, None) => world.display_name(message.actor),
    };
    let content = &message.content;
    let has_text =
        matches!(content.body, Body::Text) || (content.has_caption() && !content.text.is_empty());
    Entry {
        id: message.id,
        from: message.from,
        sender_chat: message.sender_chat,
        author,
        via_bot: message.via_bot,
        kind: content.kind(),
        text: has_text.then(|| content.text.clone()),
        entities: content.entities.clone(),
        reply_to: message.reply_to,
        thread_id: message.thread,
        media_group_id: message.media_group_id.clone(),
        edited: message.edit_date.is_some(),
        is_automatic_forward: message.is_automatic_forward,
        forward_origin: message.forward_origin.as_ref().map(|origin| match origin {
            Origin::User { user, .. } => format!("user {user}"),
            Origin::Chat { chat, .. } => format!("chat {chat}"),
            Origin::Channel {
                chat, message_id, ..
            } => format!("channel {chat} #{message_id}"),
        }),
        file_id: content.file().map(|file| file.file_id.clone()),
        pinned: chat.pinned.contains(&message.id),
        service: match &content.body {
            Body::Service(service) => Some(describe(service)),
            _ => None,
        },
    }
}

fn describe(service: &Service) -> String {
    match service {
        Service::Pinned(id) => format!("pinned #{id}"),
        Service::ForumTopicCreated { name, .. } => format!("topic created \"{name}\""),
        Service::ForumTopicEdited {
            name: Some(name), ..
        } => format!("topic renamed \"{name}\""),
        Service::ForumTopicEdited { .. } => "topic icon changed".to_owned(),
        Service::ForumTopicClosed => "topic closed".to_owned(),
        Service::ForumTopicReopened => "topic reopened".to_owned(),
        Service::SupergroupCreated => "group created".to_owned(),
    }
}
