//! The scripting API, acting side: simulated people write to bots, comment in threads, post
//! in channels and topics (also as the channel or as an anonymous administrator), edit, delete,
//! pin, react, press inline buttons and use inline mode.
//!
//! Actions are checked against the world's rules and return a [`SimError`] saying why they
//! cannot happen ("user 5 is not a member of chat -100…").

use std::time::Instant;

use serde_json::{Value, json};

use super::chat::{Chat, ChatKind, MemberStatus};
use super::content::{Body, Content, Draft, MediaKind, PollData, Source, Stored, check_raw_field};
use super::error::SimError;
use super::files::NewFile;
use super::ids::{ChatId, ChatRef, MessageId, UserId};
use super::inline::{self, CallbackQuery, CallbackQueryId, InlineQuery, InlineQueryId};
use super::markup::{self, Formatted};
use super::message::Message;
use super::methods::roll;
use super::script::{BotHandle, chat_of_kind, unknown_chat};
use super::world::{
    CHANNEL_BOT, GROUP_ANONYMOUS_BOT, NewMessage, Placement, ReplyRequest, World, unix_now,
};
use super::{Simulator, channel, render};

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
            let service = Stored::service(super::content::Service::Pinned(id));
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

impl Body {
    fn is_media(&self) -> bool {
        matches!(self, Body::Photo(_) | Body::File(..))
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

fn check_person(world: &World, user: UserId) -> Result<(), SimError> {
    let person = world.users.get(&user).ok_or(SimError::UnknownUser(user))?;
    if person.deactivated {
        return Err(SimError::refused(format!("user {user} is deactivated")));
    }
    Ok(())
}

/// Turns scripted content into stored content: parses the markup, makes up or looks up files,
/// rolls dice.
fn materialize(world: &mut World, content: &Content) -> Result<Stored, SimError> {
    let formatted = match content.parse_mode.as_deref() {
        Some(mode) => markup::parse(&content.text, Some(mode))
            .map_err(|error| SimError::refused(error.description))?,
        None => markup::with_entities(&content.text, content.entities.clone()),
    };
    let mut formatted = markup::trim(formatted);
    markup::detect_entities(&mut formatted);
    let body = match &content.draft {
        Draft::Text => {
            check_length(&formatted, 4096, "a message text")?;
            if formatted.text.is_empty() {
                return Err(SimError::refused("a message text can't be empty"));
            }
            Body::Text
        }
        Draft::Media(kind, source) => {
            check_length(&formatted, 1024, "a caption")?;
            media_body(world, *kind, source)?
        }
        Draft::Poll {
            question,
            options,
            correct_option,
        } => Body::Poll(PollData {
            id: world.new_poll_id(),
            question: question.clone(),
            options: options.clone(),
            quiz: correct_option.is_some(),
            correct_option: *correct_option,
            anonymous: true,
            multiple_answers: false,
            closed: false,
        }),
        Draft::Dice { emoji } => {
            let value = roll(&mut world.rng, emoji)
                .ok_or_else(|| SimError::refused(format!("{emoji} is no dice emoji")))?;
            Body::Dice {
                emoji: emoji.clone(),
                value,
            }
        }
        Draft::Ready(Body::Field { name, value }) => {
            check_raw_field(name, value).map_err(SimError::refused)?;
            Body::Field {
                name: name.clone(),
                value: value.clone(),
            }
        }
        Draft::Ready(body) => body.clone(),
    };
    let keeps_text = body == Body::Text
        || matches!(&body, Body::Photo(_))
        || matches!(&body, Body::File(kind, _) if kind.has_caption());
    let Formatted { text, entities } = if keeps_text {
        formatted
    } else {
        Formatted::default()
    };
    Ok(Stored {
        body,
        text,
        entities,
        has_spoiler: content.spoiler,
    })
}

fn check_length(formatted: &Formatted, limit: usize, what: &str) -> Result<(), SimError> {
    if markup::utf16_len(&formatted.text) > limit {
        return Err(SimError::refused(format!(
            "{what} can't be longer than {limit} characters"
        )));
    }
    Ok(())
}

fn media_body(world: &mut World, kind: MediaKind, source: &Source) -> Result<Body, SimError> {
    match source {
        Source::Existing(file_id) => world
            .files
            .resolve(kind, file_id, None)
            .map_err(|error| SimError::refused(error.description)),
        Source::New { file_name, bytes } => Ok(if kind == MediaKind::Photo {
            Body::Photo(world.files.create_photo(bytes.clone()))
        } else {
            Body::File(
                kind,
                world.files.create(NewFile {
                    kind,
                    bytes: bytes.clone(),
                    file_name: file_name.clone(),
                    mime_type: None,
                }),
            )
        }),
    }
}

/// Who a scripted message is shown as coming from, after checking the user may post so.
struct Identity {
    from: Option<UserId>,
    sender_chat: Option<ChatId>,
    author_signature: Option<String>,
}

fn identity(
    world: &World,
    user: UserId,
    key: ChatRef,
    options: &SendOptions,
) -> Result<Identity, SimError> {
    let record = world.chat(key).ok_or_else(|| unknown_chat(key))?;
    let person = Identity {
        from: Some(user),
        sender_chat: None,
        author_signature: None,
    };
    if let Some(channel) = options.as_channel {
        let channel_chat = chat_of_kind(world, channel, "a channel", Chat::is_channel)?;
        if !channel_chat.is_admin(user) {
            return Err(SimError::MissingRight {
                user,
                chat: channel.into(),
                right: "administrator",
            });
        }
        return Ok(Identity {
            from: Some(CHANNEL_BOT),
            sender_chat: Some(channel),
            author_signature: None,
        });
    }
    if options.anonymous_admin {
        let member = record
            .member(user)
            .filter(|member| member.status.is_admin());
        let member = member.ok_or(SimError::MissingRight {
            user,
            chat: key,
            right: "administrator",
        })?;
        return Ok(Identity {
            from: Some(GROUP_ANONYMOUS_BOT),
            sender_chat: Some(key.chat_id()),
            author_signature: member.custom_title.clone(),
        });
    }
    match record.kind {
        ChatKind::Private { user: owner, .. } if owner == user => Ok(person),
        ChatKind::Private { .. } => Err(SimError::NotAMember { user, chat: key }),
        ChatKind::Channel => {
            if !record.has_right(user, "can_post_messages") {
                return Err(SimError::MissingRight {
                    user,
                    chat: key,
                    right: "can_post_messages",
                });
            }
            Ok(Identity {
                from: None,
                sender_chat: Some(key.chat_id()),
                author_signature: None,
            })
        }
        ChatKind::Supergroup { .. } => match record.status(user) {
            MemberStatus::Restricted | MemberStatus::Kicked => Err(SimError::refused(format!(
                "user {user} may not write in chat {key}"
            ))),
            status if status.is_member() => Ok(person),
            // Anyone may comment on a channel post in its discussion group.
            _ if record.linked.is_some() && options.reply_to.is_some() => Ok(person),
            _ => Err(SimError::NotAMember { user, chat: key }),
        },
    }
}

/// Posts a message as a person, after the world's checks; `extra` adjusts the message.
fn post_as_user(
    world: &mut World,
    user: UserId,
    key: ChatRef,
    options: &SendOptions,
    content: Stored,
    extra: impl FnOnce(&mut NewMessage),
) -> Result<MessageId, SimError> {
    check_person(world, user)?;
    if let ChatRef::Private { bot, user: owner } = key {
        if owner != user {
            return Err(SimError::NotAMember { user, chat: key });
        }
        if !world.bots.contains_key(&bot) {
            return Err(SimError::UnknownUser(bot));
        }
        if world
            .users
            .get(&user)
            .is_some_and(|person| person.blocked.contains(&bot))
        {
            return Err(SimError::refused(format!(
                "user {user} has blocked bot {bot}; unblock it first"
            )));
        }
        world.ensure_private_chat(bot, user);
    }
    let identity = identity(world, user, key, options)?;
    let placement = placement(world, user, key, options)?;
    for (name, value) in &options.fields {
        check_raw_field(name, value).map_err(SimError::refused)?;
    }
    let mut message = NewMessage::new(user, identity.from, content);
    message.fields.clone_from(&options.fields);
    message.sender_chat = identity.sender_chat;
    message.author_signature = identity.author_signature;
    message.placement = placement;
    extra(&mut message);
    Ok(world.post(key, message))
}

/// Where a scripted message goes: the reply target must exist, the topic must be live, and a
/// closed topic takes messages only from administrators who manage topics.
fn placement(
    world: &World,
    user: UserId,
    key: ChatRef,
    options: &SendOptions,
) -> Result<Placement, SimError> {
    let record = world.chat(key).ok_or_else(|| unknown_chat(key))?;
    if let Some(target) = options.reply_to {
        record.message(target).ok_or(SimError::UnknownMessage {
            chat: key,
            message: target,
        })?;
    }
    if let Some(topic) = options.topic {
        let live = record.is_forum() && record.open_topic(topic).is_some();
        if !live {
            return Err(SimError::refused(format!(
                "topic {topic} does not exist in chat {key}"
            )));
        }
    }
    let reply = options.reply_to.map(|message_id| ReplyRequest {
        message_id,
        allow_sending_without_reply: false,
    });
    let placement = world
        .place(key, reply, options.topic.map(|topic| i64::from(topic.0)))
        .map_err(|error| SimError::refused(error.description))?;
    if let Some(topic) = placement
        .thread
        .and_then(|thread| record.open_topic(thread))
    {
        if topic.closed && !record.has_right(user, "can_manage_topics") {
            return Err(SimError::refused(format!(
                "topic {} is closed; only administrators may post in it",
                topic.id
            )));
        }
    }
    Ok(placement)
}
