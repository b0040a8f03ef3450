//! The scripting API, acting side: simulated people write to bots, comment in threads, post
//! in channels and topics (also as the channel or as an anonymous administrator), edit, delete,
//! pin, react, press inline buttons and use inline mode.
//!
//! Actions are checked against the world's rules and return a [`SimError`] saying why they
//! cannot happen ("user 5 is not a member of chat -100…").
//!
//! Map:
//! - `actions`: what a person does in a chat: send, send albums, edit, delete, pin, react, press
//!   buttons, choose inline results.
//! - `posting`: who a message is shown as coming from, where it goes, and the post itself.
//! - `materialize`: scripted content made into stored content (markup parsed, files made up).

mod actions;
mod materialize;
mod posting;

use std::time::Instant;

use serde_json::{Value, json};

use self::posting::check_person;
use super::error::SimError;
use super::ids::{ChatId, ChatRef, MessageId, UserId};
use super::inline::{self, InlineQuery, InlineQueryId};
use super::script::BotHandle;
use super::{Simulator, render};

/// Options of a scripted message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SendOptions {
    /// Reply to this message (a comment when it is a thread root or a comment).
    pub reply_to: Option<MessageId>,
    /// Post into this forum topic.
    pub topic: Option<MessageId>,
    /// Post on behalf of this channel (the user must administer it).
    pub as_channel: Option<ChatId>,
    /// Post as an anonymous group administrator.
    pub anonymous_admin: bool,
    /// Further Bot API `Message` fields the message carries as they are (for fields the
    /// simulator does not model, such as Bot API 10.1's `sender_tag`); copies do not carry them.
    pub fields: Vec<(String, Value)>,
}

impl SendOptions {
    /// Reply to `message`.
    pub fn reply_to(message: MessageId) -> SendOptions {
        SendOptions {
            reply_to: Some(message),
            ..SendOptions::default()
        }
    }

    /// Post into `topic`.
    pub fn topic(topic: MessageId) -> SendOptions {
        SendOptions {
            topic: Some(topic),
            ..SendOptions::default()
        }
    }
}

/// A simulated person about to act; see [`Simulator::as_user`].
#[derive(Clone, Copy)]
pub struct UserActor<'a> {
    sim: &'a Simulator,
    user: UserId,
}

/// A person acting in one chat, with the options of what they will send.
#[derive(Clone)]
pub struct ChatContext<'a> {
    sim: &'a Simulator,
    user: UserId,
    chat: ChatRef,
    options: SendOptions,
}

impl Simulator {
    /// Lets `user` act.
    pub fn as_user(&self, user: UserId) -> UserActor<'_> {
        UserActor { sim: self, user }
    }
}

impl<'a> UserActor<'a> {
    /// Acts in the private chat with `bot` (writing there opens the chat).
    pub fn in_private(self, bot: &BotHandle) -> ChatContext<'a> {
        ChatContext {
            sim: self.sim,
            user: self.user,
            chat: bot.chat_with(self.user),
            options: SendOptions::default(),
        }
    }

    /// Acts in a supergroup or channel.
    pub fn in_chat(self, chat: ChatId) -> ChatContext<'a> {
        ChatContext {
            sim: self.sim,
            user: self.user,
            chat: chat.into(),
            options: SendOptions::default(),
        }
    }

    /// Types `@bot query` in a chat of `chat_type`; the bot gets an `inline_query` update.
    pub fn inline_query(
        &self,
        bot: &BotHandle,
        query: &str,
        chat_type: inline::ChatKind,
    ) -> Result<InlineQueryId, SimError> {
        let user = self.user;
        self.sim.shared.with_world(|world| {
            check_person(world, user)?;
            let inline_on = world
                .bots
                .get(&bot.user_id)
                .is_some_and(|settings| settings.inline);
            if !inline_on {
                return Err(SimError::refused(format!(
                    "bot @{} does not support inline queries",
                    bot.username
                )));
            }
            let id = world.inline.next_id();
            world.inline.queries.insert(
                id.clone(),
                InlineQuery {
                    bot: bot.user_id,
                    from: user,
                    query: query.to_owned(),
                    created: Instant::now(),
                    answer: None,
                },
            );
            let payload = json!({
                "id": id,
                "from": render::user(world, user),
                "query": query,
                "offset": "",
                "chat_type": chat_type.as_str(),
            });
            if let Some(settings) = world.bots.get_mut(&bot.user_id) {
                settings.updates.push("inline_query", payload);
            }
            world.touch();
            Ok(InlineQueryId(id))
        })
    }
}

impl<'a> ChatContext<'a> {
    /// Replies to `message`.
    pub fn reply_to(mut self, message: MessageId) -> Self {
        self.options.reply_to = Some(message);
        self
    }

    /// Posts into forum topic `topic`.
    pub fn topic(mut self, topic: MessageId) -> Self {
        self.options.topic = Some(topic);
        self
    }

    /// Posts on behalf of `channel` (the user must administer it).
    pub fn as_channel(mut self, channel: ChatId) -> Self {
        self.options.as_channel = Some(channel);
        self
    }

    /// Posts as an anonymous group administrator.
    pub fn anonymous_admin(mut self) -> Self {
        self.options.anonymous_admin = true;
        self
    }

    /// Adds a Bot API `Message` field the simulator does not model (e.g. Bot API 10.1's
    /// `sender_tag`) to what is sent; it is checked against the reference when sending.
    pub fn with_field(mut self, name: &str, value: Value) -> Self {
        self.options.fields.push((name.to_owned(), value));
        self
    }
}
