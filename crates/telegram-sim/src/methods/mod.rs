//! The Bot API methods the simulator models, one file per area, and the context they share: a
//! validated call ([`Request`]) with accessors, chat access rules (who may read or write
//! where, with Telegram's refusals), formatted text, placement and rate limiting.
//!
//! Every handler is synchronous and runs under the world's lock. Methods without a handler
//! answer `true` when the reference says they "return True on success", and a clear 400
//! otherwise.
//!
//! Map:
//! - `messages`: sending (text, media, locations, polls, dice, invoices, albums, chat actions).
//! - `copies`: copies and forwards, one or many.
//! - `edit`: edits, deletions and reactions of messages.
//! - `chats`: chats, pins and members: reading them, changing rights, leaving, banning.
//! - `forum`: forum topics.
//! - `commands`: command menus and their scopes.
//! - `inline`: answers to inline queries and callback queries.
//! - `webhooks`: `setWebhook`, `deleteWebhook`, `getWebhookInfo`.
//! - `misc`: `getMe`, `getFile`, `logOut`, `close`.

mod chats;
mod commands;
mod copies;
mod edit;
mod forum;
mod inline;
mod messages;
mod misc;
mod webhooks;

pub(crate) use commands::scope_key;
pub(crate) use messages::roll;

use std::collections::HashMap;
use std::time::Instant;

use serde_json::{Map, Value};

use super::chat::{Chat, MemberStatus};
use super::content::Stored;
use super::error::ApiError;
use super::files::Upload;
use super::ids::{ChatRef, MessageId, UserId};
use super::markup::{self, Formatted};
use super::spec::Method;
use super::world::{NewMessage, Placement, ReplyRequest, World};

/// Longest message text, in UTF-16 code units after entity parsing.
const TEXT_LIMIT: usize = 4096;
/// Longest caption, in UTF-16 code units after entity parsing.
const CAPTION_LIMIT: usize = 1024;

/// A validated call of one bot, with the world to act on.
pub(crate) struct Request<'a> {
    pub world: &'a mut World,
    pub bot: UserId,
    /// The method name as the reference spells it.
    pub method: &'a str,
    pub params: &'a Map<String, Value>,
    pub uploads: &'a HashMap<String, Upload>,
}

type Handler = fn(&mut Request<'_>) -> Result<Value, ApiError>;

/// The handler of a modelled method.
fn handler(method: &str) -> Option<Handler> {
    Some(match method {
        "getMe" => misc::get_me,
        "getFile" => misc::get_file,
        "logOut" | "close" => misc::accept,
        "setWebhook" => webhooks::set_webhook,
        "deleteWebhook" => webhooks::delete_webhook,
        "getWebhookInfo" => webhooks::get_webhook_info,
        "sendMessage" => messages::send_message,
        "sendPhoto" | "sendVideo" | "sendAnimation" | "sendDocument" | "sendAudio"
        | "sendVoice" | "sendVideoNote" | "sendSticker" => messages::send_media,
        "sendLocation" | "sendVenue" | "sendContact" | "sendPoll" | "sendDice" | "sendInvoice" => {
            messages::send_other
        }
        "sendMediaGroup" => messages::send_media_group,
        "copyMessage" | "forwardMessage" => copies::copy_or_forward_one,
        "copyMessages" | "forwardMessages" => copies::copy_or_forward_many,
        "sendChatAction" => messages::send_chat_action,
        "editMessageText"
        | "editMessageCaption"
        | "editMessageMedia"
        | "editMessageReplyMarkup" => edit::edit_message,
        "deleteMessage" | "deleteMessages" => edit::delete_messages,
        "setMessageReaction" => edit::set_message_reaction,
        "getChat" => chats::get_chat,
        "getChatMember" => chats::get_chat_member,
        "getChatAdministrators" => chats::get_chat_administrators,
        "getChatMemberCount" => chats::get_chat_member_count,
        "pinChatMessage" => chats::pin_chat_message,
        "unpinChatMessage" | "unpinAllChatMessages" => chats::unpin_chat_messages,
        "banChatMember" | "unbanChatMember" | "promoteChatMember" | "leaveChat" => {
            chats::change_member
        }
        "createForumTopic" => forum::create_forum_topic,
        "editForumTopic" | "closeForumTopic" | "reopenForumTopic" | "deleteForumTopic" => {
            forum::change_forum_topic
        }
        "getForumTopicIconStickers" => forum::get_forum_topic_icon_stickers,
        "answerInlineQuery" => inline::answer_inline_query,
        "answerCallbackQuery" => inline::answer_callback_query,
        "setMyCommands" | "getMyCommands" | "deleteMyCommands" => commands::my_commands,
        _ => return None,
    })
}

/// Runs a validated call.
pub(crate) fn dispatch(request: &mut Request<'_>, method: &Method) -> Result<Value, ApiError> {
    match handler(request.method) {
        Some(handler) => handler(request),
        None if method.returns_true_on_success => Ok(Value::Bool(true)),
        None => Err(ApiError::unsupported_method()),
    }
}

impl Request<'_> {
    // ----- parameters -----------------------------------------------------------------------

    fn value(&self, name: &str) -> Option<&Value> {
        self.params.get(name)
    }

    fn str(&self, name: &str) -> Option<&str> {
        self.value(name).and_then(Value::as_str)
    }

    fn int(&self, name: &str) -> Option<i64> {
        self.value(name).and_then(Value::as_i64)
    }

    fn flag(&self, name: &str) -> bool {
        self.value(name).and_then(Value::as_bool).unwrap_or(false)
    }

    fn array(&self, name: &str) -> &[Value] {
        self.value(name)
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// A message id parameter.
    fn message_id(&self, name: &str) -> Option<MessageId> {
        self.int(name).map(MessageId::from_api)
    }

    /// `message_ids`: 1-100 ids.
    fn message_ids(&self) -> Result<Vec<MessageId>, ApiError> {
        let ids = self.array("message_ids");
        if ids.is_empty() || ids.len() > 100 {
            return Err(ApiError::bad_request(
                "message_ids must contain 1-100 message identifiers",
            ));
        }
        Ok(ids
            .iter()
            .filter_map(Value::as_i64)
            .map(MessageId::from_api)
            .collect())
    }

    /// The part an `attach://<part>` reference names.
    fn upload(&self, reference: &str) -> Option<&Upload> {
        reference
            .strip_prefix("attach://")
            .and_then(|part| self.uploads.get(part))
    }

    // ----- chats ----------------------------------------------------------------------------

    /// The chat behind a resolved key.
    fn record(&self, key: ChatRef) -> Result<&Chat, ApiError> {
        self.world.chat(key).ok_or_else(ApiError::chat_not_found)
    }

    /// Resolves a chat parameter to an existing chat (or a private chat's known user).
    fn chat_ref(&self, name: &str) -> Result<ChatRef, ApiError> {
        let value = self
            .value(name)
            .ok_or_else(|| ApiError::bad_request("chat_id is empty"))?;
        let key = self
            .world
            .resolve_chat_id(self.bot, value)
            .ok_or_else(ApiError::chat_not_found)?;
        let exists = match key {
            ChatRef::Private { user, .. } => self.world.users.contains_key(&user),
            ChatRef::Public(_) => self.world.chat(key).is_some(),
        };
        if exists {
            Ok(key)
        } else {
            Err(ApiError::chat_not_found())
        }
    }

    /// A chat the bot may read: a private chat the user opened, or a group or channel the bot
    /// is a member of.
    fn readable_chat(&self, name: &str) -> Result<ChatRef, ApiError> {
        let key = self.chat_ref(name)?;
        let Some(chat) = self.world.chat(key) else {
            return Err(ApiError::chat_not_found());
        };
        if let ChatRef::Public(_) = key {
            match chat.status(self.bot) {
                MemberStatus::Kicked => {
                    return Err(ApiError::forbidden(format!(
                        "bot was kicked from the {} chat",
                        chat.kind_word()
                    )));
                }
                status if !status.is_member() => {
                    return Err(ApiError::forbidden(format!(
                        "bot is not a member of the {} chat",
                        chat.kind_word()
                    )));
                }
                _ => {}
            }
        }
        Ok(key)
    }

    /// A chat the bot may send to, with Telegram's refusals (blocked, deactivated, never
    /// started, not a member, no posting right in a channel, restricted in a group).
    fn writable_chat(&self, name: &str) -> Result<ChatRef, ApiError> {
        let key = self.chat_ref(name)?;
        if let ChatRef::Private { user, .. } = key {
            let person = self
                .world
                .users
                .get(&user)
                .ok_or_else(ApiError::chat_not_found)?;
            if person.is_bot {
                return Err(ApiError::forbidden("bot can't send messages to bots"));
            }
            if person.deactivated {
                return Err(ApiError::forbidden("user is deactivated"));
            }
            if person.blocked.contains(&self.bot) {
                return Err(ApiError::forbidden("bot was blocked by the user"));
            }
            if self.world.chat(key).is_none() {
                return Err(ApiError::forbidden(
                    "bot can't initiate conversation with a user",
                ));
            }
            return Ok(key);
        }
        let key = self.readable_chat(name)?;
        let chat = self.record(key)?;
        if chat.is_channel() && !chat.has_right(self.bot, "can_post_messages") {
            return Err(ApiError::bad_request(
                "need administrator rights in the channel chat",
            ));
        }
        if chat.status(self.bot) == MemberStatus::Restricted {
            return Err(ApiError::bad_request(
                "not enough rights to send text messages to the chat",
            ));
        }
        Ok(key)
    }

    // ----- message options ------------------------------------------------------------------

    /// `reply_parameters` (or the legacy `reply_to_message_id`).
    fn reply_request(&self, target: ChatRef) -> Result<Option<ReplyRequest>, ApiError> {
        if let Some(parameters) = self.value("reply_parameters") {
            if let Some(chat_id) = parameters.get("chat_id") {
                if self.world.resolve_chat_id(self.bot, chat_id) != Some(target) {
                    return Err(ApiError::bad_request(
                        "replies to messages of other chats are not supported by the simulator",
                    ));
                }
            }
            let id = parameters
                .get("message_id")
                .and_then(Value::as_i64)
                .unwrap_or(0);
            return Ok(Some(ReplyRequest {
                message_id: MessageId::from_api(id),
                allow_sending_without_reply: parameters
                    .get("allow_sending_without_reply")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
            }));
        }
        Ok(self
            .message_id("reply_to_message_id")
            .map(|message_id| ReplyRequest {
                message_id,
                allow_sending_without_reply: self.flag("allow_sending_without_reply"),
            }))
    }

    /// Where a new message of this call goes; closed topics refuse bots without
    /// `can_manage_topics`.
    fn placement(&self, target: ChatRef) -> Result<Placement, ApiError> {
        let placement = self.world.place(
            target,
            self.reply_request(target)?,
            self.int("message_thread_id"),
        )?;
        if let (Some(topic), Some(chat)) = (placement.thread, self.world.chat(target)) {
            let closed = chat.open_topic(topic).is_some_and(|topic| topic.closed);
            if closed && !chat.has_right(self.bot, "can_manage_topics") {
                return Err(ApiError::bad_request("TOPIC_CLOSED"));
            }
        }
        Ok(placement)
    }

    /// A text from `text_key`, formatted by `mode_key` or `entities_key`, trimmed, with the
    /// entities Telegram detects by itself.
    fn formatted(
        &self,
        text_key: &str,
        mode_key: &str,
        entities_key: &str,
    ) -> Result<Formatted, ApiError> {
        let formatted = markup::from_fields(self.params, text_key, mode_key, entities_key)?;
        let mut formatted = markup::trim(formatted);
        markup::detect_entities(&mut formatted);
        Ok(formatted)
    }

    /// A message text: 1-4096 UTF-16 code units after parsing.
    fn message_text(&self) -> Result<Formatted, ApiError> {
        let text = self.formatted("text", "parse_mode", "entities")?;
        check_text(&text)?;
        Ok(text)
    }

    /// A caption: up to 1024 UTF-16 code units after parsing.
    fn caption(&self) -> Result<Formatted, ApiError> {
        let caption = self.formatted("caption", "parse_mode", "caption_entities")?;
        check_caption(&caption)?;
        Ok(caption)
    }

    /// Counts `count` new messages against the rate limits.
    fn admit(&mut self, target: ChatRef, count: usize) -> Result<(), ApiError> {
        self.world
            .limits
            .admit(self.bot, target, count, Instant::now())
            .map_err(ApiError::too_many_requests)
    }

    /// A message of this bot into `target`: in channels it is shown as the channel's post.
    fn outgoing(&self, target: ChatRef, content: Stored, placement: Placement) -> NewMessage {
        let is_channel = self
            .world
            .chat(target)
            .is_some_and(|chat| chat.is_channel());
        let mut message = NewMessage::new(self.bot, (!is_channel).then_some(self.bot), content);
        if is_channel {
            message.sender_chat = Some(target.chat_id());
        }
        message.placement = placement;
        message.reply_markup = self.value("reply_markup").cloned();
        message.protected = self.flag("protect_content");
        message
    }

    /// Sends one message built from this call's common options; returns the `Message`.
    fn send_one(&mut self, target: ChatRef, content: Stored) -> Result<Value, ApiError> {
        let placement = self.placement(target)?;
        self.admit(target, 1)?;
        let message = self.outgoing(target, content, placement);
        let id = self.world.post(target, message);
        Ok(self.world.render(target, id))
    }
}

/// Text limits: `message text is empty`, `message is too long`.
fn check_text(text: &Formatted) -> Result<(), ApiError> {
    if text.text.is_empty() {
        return Err(ApiError::bad_request("message text is empty"));
    }
    if markup::utf16_len(&text.text) > TEXT_LIMIT {
        return Err(ApiError::bad_request("message is too long"));
    }
    Ok(())
}

/// Caption limit: `message caption is too long`.
fn check_caption(caption: &Formatted) -> Result<(), ApiError> {
    if markup::utf16_len(&caption.text) > CAPTION_LIMIT {
        return Err(ApiError::bad_request("message caption is too long"));
    }
    Ok(())
}
