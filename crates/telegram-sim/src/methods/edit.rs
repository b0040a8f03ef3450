//! Changing and removing messages: `editMessageText`, `editMessageCaption`, `editMessageMedia`,
//! `editMessageReplyMarkup`, `deleteMessage(s)`, `setMessageReaction`.

use serde_json::Value;

use super::{Request, check_caption};
use crate::channel;
use crate::chat::Chat;
use crate::content::{Body, MediaKind};
use crate::error::ApiError;
use crate::ids::{ChatRef, MessageId};
use crate::markup;
use crate::message::Message;
use crate::world::unix_now;

/// The four `editMessage*` methods: the bot's own messages (and, in channels with
/// `can_edit_messages`, anyone's posts); an unchanged edit is refused as Telegram refuses it.
pub(super) fn edit_message(request: &mut Request<'_>) -> Result<Value, ApiError> {
    if request.value("inline_message_id").is_some() {
        return Err(ApiError::bad_request(
            "inline messages are not supported by the simulator",
        ));
    }
    let (Some(_), Some(id)) = (request.value("chat_id"), request.message_id("message_id")) else {
        return Err(ApiError::bad_request("message identifier is not specified"));
    };
    let target = request.readable_chat("chat_id")?;
    let (old_content, old_markup, is_channel) = {
        let chat = request.record(target)?;
        let message = chat
            .message(id)
            .ok_or_else(|| ApiError::bad_request("message to edit not found"))?;
        if !may_edit(chat, message, request) {
            return Err(ApiError::bad_request("message can't be edited"));
        }
        (
            message.content.clone(),
            message.reply_markup.clone(),
            chat.is_channel(),
        )
    };
    let mut content = old_content.clone();
    match request.method {
        "editMessageText" => {
            if content.body != Body::Text {
                return Err(ApiError::bad_request(
                    "there is no text in the message to edit",
                ));
            }
            let text = request.message_text()?;
            content.text = text.text;
            content.entities = text.entities;
        }
        "editMessageCaption" => {
            if !content.has_caption() {
                return Err(ApiError::bad_request(
                    "there is no caption in the message to edit",
                ));
            }
            let caption = request.caption()?;
            content.text = caption.text;
            content.entities = caption.entities;
        }
        "editMessageMedia" => {
            if content.media_kind().is_none() {
                return Err(ApiError::bad_request(
                    "there is no media in the message to edit",
                ));
            }
            let media = request
                .value("media")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            let kind = media
                .get("type")
                .and_then(Value::as_str)
                .and_then(MediaKind::from_name)
                .ok_or_else(|| {
                    ApiError::bad_request("this media type is not supported by the simulator")
                })?;
            let caption = markup::trim(markup::from_fields(
                &media,
                "caption",
                "parse_mode",
                "caption_entities",
            )?);
            check_caption(&caption)?;
            let reference = media
                .get("media")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let upload = request.upload(reference).cloned();
            content.body = request
                .world
                .files
                .resolve(kind, reference, upload.as_ref())?;
            content.text = caption.text;
            content.entities = caption.entities;
        }
        _ => {}
    }
    let markup = request.value("reply_markup").cloned();
    if content == old_content && markup == old_markup {
        return Err(ApiError::not_modified());
    }
    let Some(message) = request
        .world
        .chat_mut(target)
        .and_then(|chat| chat.message_mut(id))
    else {
        return Err(ApiError::bad_request("message to edit not found"));
    };
    message.content = content;
    message.reply_markup = markup;
    message.edit_date = Some(unix_now());
    request.world.edited(target, id);
    if is_channel {
        channel::propagate_edit(request.world, target.chat_id(), id);
    }
    Ok(request.world.render(target, id))
}

/// Own messages (posts in channels need `can_post_messages`); in channels also any post with
/// `can_edit_messages`. Service messages never.
fn may_edit(chat: &Chat, message: &Message, request: &Request<'_>) -> bool {
    if matches!(message.content.body, Body::Service(_)) {
        return false;
    }
    let own = message.actor == request.bot;
    if chat.is_channel() {
        return (own && chat.has_right(request.bot, "can_post_messages"))
            || chat.has_right(request.bot, "can_edit_messages");
    }
    own
}

/// `deleteMessage` and `deleteMessages`: own messages, anything in private chats, others'
/// messages with `can_delete_messages`. Missing ids are skipped in batches.
pub(super) fn delete_messages(request: &mut Request<'_>) -> Result<Value, ApiError> {
    let single = request.method == "deleteMessage";
    let ids: Vec<MessageId> = if single {
        request.message_id("message_id").into_iter().collect()
    } else {
        request.message_ids()?
    };
    let target = request.readable_chat("chat_id")?;
    let chat = request.record(target)?;
    let mut doomed = Vec::new();
    for id in ids {
        let Some(message) = chat.message(id) else {
            if single {
                return Err(ApiError::bad_request("message to delete not found"));
            }
            continue;
        };
        if !may_delete(chat, message, request) {
            return Err(ApiError::bad_request("message can't be deleted"));
        }
        doomed.push(id);
    }
    if doomed.is_empty() {
        return Err(ApiError::bad_request("message to delete not found"));
    }
    if let Some(chat) = request.world.chat_mut(target) {
        for id in doomed {
            chat.delete(id);
        }
    }
    request.world.touch();
    Ok(Value::Bool(true))
}

fn may_delete(chat: &Chat, message: &Message, request: &Request<'_>) -> bool {
    if matches!(chat.key, ChatRef::Private { .. }) {
        return true;
    }
    let own = message.actor == request.bot;
    let own_allowed = !chat.is_channel() || chat.has_right(request.bot, "can_post_messages");
    (own && own_allowed) || chat.has_right(request.bot, "can_delete_messages")
}

/// `setMessageReaction`: the message must exist; the reaction is accepted.
pub(super) fn set_message_reaction(request: &mut Request<'_>) -> Result<Value, ApiError> {
    let target = request.readable_chat("chat_id")?;
    let id = request.message_id("message_id").unwrap_or(MessageId(0));
    let exists = request
        .world
        .chat(target)
        .is_some_and(|chat| chat.message(id).is_some());
    if !exists {
        return Err(ApiError::bad_request("message to react not found"));
    }
    if request.array("reaction").len() > 1 {
        return Err(ApiError::bad_request("REACTIONS_TOO_MANY"));
    }
    Ok(Value::Bool(true))
}
