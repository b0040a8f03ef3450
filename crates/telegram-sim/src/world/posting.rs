//! The one pipeline every new message goes through: placement (reply target, comment thread,
//! topic), id allocation and storage, update delivery and follow-ups; then edits, renders and
//! fresh ids for albums and polls.

use crate::content::{Body, Stored};
use crate::error::ApiError;
use crate::feed::PostedMessage;
use crate::ids::{ChatId, ChatRef, MessageId, UserId};
use crate::message::{Message, Origin};
use crate::{audience, render};

use super::{Followup, World, unix_now};

/// Everything a message needs besides its chat and id.
#[derive(Clone, Debug)]
pub(crate) struct NewMessage {
    pub actor: UserId,
    pub from: Option<UserId>,
    pub sender_chat: Option<ChatId>,
    pub author_signature: Option<String>,
    pub via_bot: Option<UserId>,
    pub content: Stored,
    pub placement: Placement,
    pub forward_origin: Option<Origin>,
    pub is_automatic_forward: bool,
    pub reply_markup: Option<serde_json::Value>,
    pub media_group_id: Option<String>,
    pub protected: bool,
    /// Raw `Message` fields beyond the simulator's model.
    pub fields: Vec<(String, serde_json::Value)>,
}

impl NewMessage {
    /// A message by `actor` shown as sent by `from` (no thread, reply or extras yet).
    pub fn new(actor: UserId, from: Option<UserId>, content: Stored) -> NewMessage {
        NewMessage {
            actor,
            from,
            sender_chat: None,
            author_signature: None,
            via_bot: None,
            content,
            placement: Placement::default(),
            forward_origin: None,
            is_automatic_forward: false,
            reply_markup: None,
            media_group_id: None,
            protected: false,
            fields: Vec::new(),
        }
    }
}

/// Where a new message goes inside its chat.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Placement {
    pub reply_to: Option<MessageId>,
    pub thread: Option<MessageId>,
    pub is_topic_message: bool,
}

/// A reply request as a client makes it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ReplyRequest {
    pub message_id: MessageId,
    pub allow_sending_without_reply: bool,
}

impl World {
    /// Decides where a message goes: the reply target must exist (unless allowed not to), a
    /// reply joins its target's comment thread or topic, and `message_thread_id` only counts
    /// in forums (where it must name a live topic other than General).
    pub fn place(
        &self,
        key: ChatRef,
        reply: Option<ReplyRequest>,
        thread_id: Option<i64>,
    ) -> Result<Placement, ApiError> {
        let chat = self.chat(key).ok_or_else(ApiError::chat_not_found)?;
        let target = match reply {
            Some(request) => match chat.message(request.message_id) {
                Some(message) => Some(message),
                None if request.allow_sending_without_reply => None,
                None => return Err(ApiError::reply_not_found()),
            },
            None => None,
        };
        if chat.is_forum() {
            if let Some(thread_id) = thread_id {
                let Some(topic) = chat.open_topic(MessageId::from_api(thread_id)) else {
                    return Err(ApiError::thread_not_found());
                };
                return Ok(Placement {
                    reply_to: Some(target.map_or(topic.id, |message| message.id)),
                    thread: Some(topic.id),
                    is_topic_message: true,
                });
            }
            return Ok(match target {
                Some(message) => Placement {
                    reply_to: Some(message.id),
                    thread: message.thread,
                    is_topic_message: message.thread.is_some(),
                },
                None => Placement::default(),
            });
        }
        Ok(match target {
            Some(message) if chat.is_supergroup() => Placement {
                reply_to: Some(message.id),
                thread: Some(message.thread.unwrap_or(message.id)),
                is_topic_message: false,
            },
            Some(message) => Placement {
                reply_to: Some(message.id),
                ..Placement::default()
            },
            None => Placement::default(),
        })
    }

    /// Stores a message without telling anyone; returns its id. A bot's private chats share
    /// one count (ids never repeat across them); channels and supergroups count from 1 each.
    pub fn store(&mut self, key: ChatRef, new: NewMessage) -> MessageId {
        let date = unix_now();
        let Some(chat) = self.chats.get_mut(&key) else {
            return MessageId(0);
        };
        let private_box = match key {
            ChatRef::Private { bot, .. } => self.bots.get_mut(&bot),
            ChatRef::Public(_) => None,
        };
        let id = match private_box {
            Some(bot) => {
                bot.last_private_message_id = bot.last_private_message_id.saturating_add(1);
                MessageId(bot.last_private_message_id)
            }
            None => chat.next_id(),
        };
        let placement = new.placement;
        if let Some(root) = placement.thread {
            if root != id {
                chat.threads.entry(root).or_default().push(id);
            }
        }
        self.watchers.announce(|| PostedMessage {
            chat: key,
            id,
            sender: new.actor,
            thread: placement.thread,
            reply_to: placement.reply_to,
            text: new.content.text.clone(),
            at: std::time::Instant::now(),
        });
        chat.push(Message {
            id,
            date,
            edit_date: None,
            actor: new.actor,
            from: new.from,
            sender_chat: new.sender_chat,
            author_signature: new.author_signature,
            via_bot: new.via_bot,
            content: new.content,
            reply_to: placement.reply_to,
            thread: placement.thread,
            is_topic_message: placement.is_topic_message,
            media_group_id: new.media_group_id,
            forward_origin: new.forward_origin,
            is_automatic_forward: new.is_automatic_forward,
            reply_markup: new.reply_markup,
            protected: new.protected,
            fields: new.fields,
            discussion_copy: None,
        });
        id
    }

    /// Posts a message: stores it, delivers it to the bots that see it, and schedules the
    /// automatic forward of a channel post into the linked discussion group.
    pub fn post(&mut self, key: ChatRef, new: NewMessage) -> MessageId {
        let id = self.store(key, new);
        audience::deliver(self, key, id, false);
        if let Some(chat) = self.chat(key) {
            let forwards = chat.is_channel()
                && chat.linked.is_some()
                && chat.message(id).is_some_and(|post| {
                    !post.has_inline_keyboard() && !matches!(post.content.body, Body::Service(_))
                });
            if forwards {
                self.followups.push(Followup::AutoForward {
                    channel: chat.id(),
                    post: id,
                });
            }
        }
        self.touch();
        id
    }

    /// Tells bots about an edited message.
    pub fn edited(&mut self, key: ChatRef, id: MessageId) {
        audience::deliver(self, key, id, true);
        self.touch();
    }

    /// Renders a message as the Bot API shows it.
    pub fn render(&self, key: ChatRef, id: MessageId) -> serde_json::Value {
        render::message_by_id(self, key, id)
    }

    /// A fresh `media_group_id`.
    pub fn new_media_group(&mut self) -> String {
        self.next_media_group += 1;
        self.next_media_group.to_string()
    }

    /// A fresh poll id.
    pub fn new_poll_id(&mut self) -> String {
        self.next_poll += 1;
        self.next_poll.to_string()
    }

    /// Wakes whoever waits for the world to change.
    pub fn touch(&self) {
        self.changed.notify_waiters();
    }
}
