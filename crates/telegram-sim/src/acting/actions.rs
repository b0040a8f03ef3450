//! What a person does in a chat: send (one message or an album), edit, delete, pin, react,
//! press inline buttons and choose inline results, each checked against the world's rules.

use serde_json::{Value, json};

use crate::content::{Body, Content, Stored};
use crate::error::SimError;
use crate::ids::{ChatRef, MessageId, UserId};
use crate::inline::{self, CallbackQuery, CallbackQueryId, InlineQueryId};
use crate::message::Message;
use crate::script::unknown_chat;
use crate::world::unix_now;
use crate::{channel, render};

use super::materialize::materialize;
use super::posting::post_as_user;
use super::{ChatContext, SendOptions};

impl<'a> ChatContext<'a> {
    /// Sends a message; bots that see it get an update.
    pub fn send(&self, content: Content) -> Result<MessageId, SimError> {
        self.send_with(content, self.options.clone())
    }

    /// Sends a message with explicit options.
    pub fn send_with(&self, content: Content, options: SendOptions) -> Result<MessageId, SimError> {
        self.sim.shared.with_world(|world| {
            let stored = materialize(world, &content)?;
            post_as_user(world, self.user, self.chat, &options, stored, |_| {})
        })
    }

    /// Sends an album: every item shares a fresh `media_group_id`; one update per item.
    pub fn send_album(&self, items: Vec<Content>) -> Result<Vec<MessageId>, SimError> {
        if !(2..=10).contains(&items.len()) {
            return Err(SimError::refused("an album holds 2 to 10 items"));
        }
        self.sim.shared.with_world(|world| {
            let group = world.new_media_group();
            let mut ids = Vec::with_capacity(items.len());
            for item in &items {
                let stored = materialize(world, item)?;
                let group = group.clone();
                ids.push(post_as_user(
                    world,
                    self.user,
                    self.chat,
                    &self.options,
                    stored,
                    move |message| {
                        message.media_group_id = Some(group);
                    },
                )?);
            }
            Ok(ids)
        })
    }

    /// Edits one of the user's messages: a text replaces the text (or a caption), media
    /// replaces the media. Bots get `edited_message` / `edited_channel_post`.
    pub fn edit(&self, id: MessageId, content: Content) -> Result<(), SimError> {
        let (user, key) = (self.user, self.chat);
        self.sim.shared.with_world(|world| {
            let replacement = materialize(world, &content)?;
            let record = world.chat(key).ok_or_else(|| unknown_chat(key))?;
            let message = record.message(id).ok_or(SimError::UnknownMessage {
                chat: key,
                message: id,
            })?;
            let allowed = message.actor == user
                || (record.is_channel() && record.has_right(user, "can_edit_messages"));
            if !allowed {
                return Err(SimError::refused(format!(
                    "user {user} may not edit message {id} of chat {key}"
                )));
            }
            let mut content = message.content.clone();
            let has_text = content.has_caption() || content.body == Body::Text;
            if replacement.body == Body::Text && has_text {
                content.text = replacement.text;
                content.entities = replacement.entities;
            } else if replacement.body.is_media() && content.has_caption() {
                content = replacement;
            } else {
                return Err(SimError::refused(format!(
                    "message {id} can't be edited that way"
                )));
            }
            let is_channel = record.is_channel();
            if let Some(message) = world.chat_mut(key).and_then(|chat| chat.message_mut(id)) {
                message.content = content;
                message.edit_date = Some(unix_now());
            }
            world.edited(key, id);
            if is_channel {
                channel::propagate_edit(world, key.chat_id(), id);
            }
            Ok(())
        })
    }

    /// Deletes a message (own messages; anyone's for administrators who may delete).
    pub fn delete(&self, id: MessageId) -> Result<(), SimError> {
        let (user, key) = (self.user, self.chat);
        self.sim.shared.with_world(|world| {
            let record = world.chat_mut(key).ok_or_else(|| unknown_chat(key))?;
            let message = record.message(id).ok_or(SimError::UnknownMessage {
                chat: key,
                message: id,
            })?;
            if message.actor != user && !record.has_right(user, "can_delete_messages") {
                return Err(SimError::MissingRight {
                    user,
                    chat: key,
                    right: "can_delete_messages",
                });
            }
            record.delete(id);
            world.touch();
            Ok(())
        })
    }

    /// Pins a message as an administrator (or in a private chat); a `pinned_message` service
    /// message follows.
    pub fn pin(&self, id: MessageId) -> Result<(), SimError> {
        let (user, key) = (self.user, self.chat);
        self.sim.shared.with_world(|world| {
            let record = world.chat_mut(key).ok_or_else(|| unknown_chat(key))?;
            record.message(id).ok_or(SimError::UnknownMessage {
                chat: key,
                message: id,
            })?;
            let right = if record.is_channel() {
                "can_edit_messages"
            } else {
                "can_pin_messages"
            };
            if !matches!(key, ChatRef::Private { .. }) && !record.has_right(user, right) {
                return Err(SimError::MissingRight {
                    user,
                    chat: key,
                    right,
                });
            }
            record.pin(id);
            let service = Stored::service(crate::content::Service::Pinned(id));
            post_as_user(world, user, key, &SendOptions::default(), service, |_| {})?;
            Ok(())
        })
    }

    /// Reacts to a message with an emoji; bots that asked for `message_reaction` get it.
    pub fn react(&self, id: MessageId, emoji: &str) -> Result<(), SimError> {
        let (user, key) = (self.user, self.chat);
        self.sim.shared.with_world(|world| {
            let record = world.chat(key).ok_or_else(|| unknown_chat(key))?;
            record.message(id).ok_or(SimError::UnknownMessage {
                chat: key,
                message: id,
            })?;
            let payload = json!({
                "chat": render::chat(world, record),
                "message_id": id.0,
                "user": render::user(world, user),
                "date": unix_now(),
                "old_reaction": [],
                "new_reaction": [{"type": "emoji", "emoji": emoji}],
            });
            let private = matches!(key, ChatRef::Private { .. });
            let bots: Vec<UserId> = record
                .bots
                .iter()
                .copied()
                .filter(|bot| private || record.is_admin(*bot))
                .collect();
            for bot in bots {
                if let Some(settings) = world.bots.get_mut(&bot) {
                    settings.updates.push("message_reaction", payload.clone());
                }
            }
            world.touch();
            Ok(())
        })
    }

    /// Presses the inline button with `callback_data` under a bot's message; the bot gets a
    /// `callback_query` update.
    pub fn press_button(&self, id: MessageId, data: &str) -> Result<CallbackQueryId, SimError> {
        let (user, key) = (self.user, self.chat);
        self.sim.shared.with_world(|world| {
            let query_id = world.inline.next_id();
            let record = world.chat(key).ok_or_else(|| unknown_chat(key))?;
            let message = record.message(id).ok_or(SimError::UnknownMessage {
                chat: key,
                message: id,
            })?;
            if !has_button(message, data) {
                return Err(SimError::refused(format!(
                    "message {id} has no button with callback data {data:?}"
                )));
            }
            let bot = message.actor;
            let payload = json!({
                "id": query_id,
                "from": render::user(world, user),
                "message": render::message(world, record, message),
                "chat_instance": key.chat_id().to_string(),
                "data": data,
            });
            world
                .inline
                .callbacks
                .insert(query_id.clone(), CallbackQuery { bot, answer: None });
            if let Some(settings) = world.bots.get_mut(&bot) {
                settings.updates.push("callback_query", payload);
            }
            world.touch();
            Ok(CallbackQueryId(query_id))
        })
    }

    /// Chooses a result of an answered inline query: the result's content is sent here by the
    /// user `via_bot`; with inline feedback on, the bot gets `chosen_inline_result`.
    pub fn choose_inline_result(
        &self,
        query: &InlineQueryId,
        result_id: &str,
    ) -> Result<MessageId, SimError> {
        let (user, key) = (self.user, self.chat);
        self.sim.shared.with_world(|world| {
            let record = world.inline.queries.get(&query.0).ok_or_else(|| SimError::refused("no such inline query"))?;
            if record.from != user {
                return Err(SimError::refused(format!("inline query {} was made by another user", query.0)));
            }
            let (bot, text) = (record.bot, record.query.clone());
            let answer = record.answer.as_ref().ok_or_else(|| SimError::refused("the bot has not answered yet"))?;
            let result = answer
                .results
                .iter()
                .find(|result| result.get("id").and_then(Value::as_str) == Some(result_id))
                .cloned()
                .ok_or_else(|| SimError::refused(format!("the answer has no result {result_id:?}")))?;
            let content = inline::result_content(&mut world.files, &result).map_err(|error| SimError::refused(error.description))?;
            let markup = result.get("reply_markup").cloned();
            let id = post_as_user(world, user, key, &self.options, content, |message| {
                message.via_bot = Some(bot);
                message.reply_markup = markup;
            })?;
            if world.bots.get(&bot).is_some_and(|settings| settings.inline_feedback) {
                let payload = json!({"result_id": result_id, "from": render::user(world, user), "query": text});
                if let Some(settings) = world.bots.get_mut(&bot) {
                    settings.updates.push("chosen_inline_result", payload);
                }
            }
            Ok(id)
        })
    }
}

fn has_button(message: &Message, data: &str) -> bool {
    let rows = message
        .reply_markup
        .as_ref()
        .and_then(|markup| markup.get("inline_keyboard"))
        .and_then(Value::as_array);
    rows.into_iter()
        .flatten()
        .filter_map(Value::as_array)
        .flatten()
        .any(|button| button.get("callback_data").and_then(Value::as_str) == Some(data))
}
