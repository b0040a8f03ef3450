//! Forum topic methods: `createForumTopic`, `editForumTopic`, `closeForumTopic`,
//! `reopenForumTopic`, `deleteForumTopic`, `getForumTopicIconStickers`.

use serde_json::{Value, json};

use super::Request;
use crate::error::ApiError;
use crate::forum::{self, ICON_COLORS, ICON_EMOJI};
use crate::ids::{ChatRef, MessageId};
use crate::markup::utf16_len;

/// Longest topic name.
const NAME_LIMIT: usize = 128;

/// The forum named by `chat_id`.
fn forum_chat(request: &Request<'_>) -> Result<ChatRef, ApiError> {
    let key = request.readable_chat("chat_id")?;
    if !request.world.chat(key).is_some_and(|chat| chat.is_forum()) {
        return Err(ApiError::bad_request("the chat is not a forum"));
    }
    Ok(key)
}

fn check_name(name: &str) -> Result<String, ApiError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ApiError::bad_request("title must be non-empty"));
    }
    if utf16_len(name) > NAME_LIMIT {
        return Err(ApiError::bad_request("topic name is too long"));
    }
    Ok(name.to_owned())
}

fn check_icon(emoji: Option<&str>) -> Result<Option<String>, ApiError> {
    match emoji {
        Some(id) if !id.is_empty() && !ICON_EMOJI.iter().any(|(known, _)| *known == id) => Err(
            ApiError::bad_request("invalid custom emoji identifier specified"),
        ),
        other => Ok(other.map(str::to_owned)),
    }
}

/// `createForumTopic`: needs `can_manage_topics`; name 1-128; one of the six icon colours.
pub(super) fn create_forum_topic(request: &mut Request<'_>) -> Result<Value, ApiError> {
    let key = forum_chat(request)?;
    if !request
        .world
        .chat(key)
        .is_some_and(|chat| chat.has_right(request.bot, "can_manage_topics"))
    {
        return Err(ApiError::bad_request("not enough rights to create a topic"));
    }
    let name = check_name(request.str("name").unwrap_or_default())?;
    let icon_color = request.int("icon_color").unwrap_or(ICON_COLORS[0]);
    if !ICON_COLORS.contains(&icon_color) {
        return Err(ApiError::bad_request("invalid icon color specified"));
    }
    let emoji = check_icon(request.str("icon_custom_emoji_id"))?;
    let id = forum::create(
        request.world,
        key.chat_id(),
        request.bot,
        name.clone(),
        icon_color,
        emoji.clone(),
    );
    let mut topic = json!({"message_thread_id": id.0, "name": name, "icon_color": icon_color});
    if let Some(emoji) = emoji {
        topic["icon_custom_emoji_id"] = json!(emoji);
    }
    Ok(topic)
}

/// `editForumTopic`, `closeForumTopic`, `reopenForumTopic`, `deleteForumTopic`: the bot needs
/// `can_manage_topics` (`can_delete_messages` to delete) unless it created the topic.
pub(super) fn change_forum_topic(request: &mut Request<'_>) -> Result<Value, ApiError> {
    let key = forum_chat(request)?;
    let id = request
        .message_id("message_thread_id")
        .unwrap_or(MessageId(0));
    let chat = request.record(key)?;
    let topic = chat
        .open_topic(id)
        .ok_or_else(|| ApiError::bad_request("TOPIC_ID_INVALID"))?
        .clone();
    let (right, refusal) = match request.method {
        "deleteForumTopic" => (
            "can_delete_messages",
            "not enough rights to delete the topic",
        ),
        "editForumTopic" => ("can_manage_topics", "not enough rights to edit the topic"),
        _ => (
            "can_manage_topics",
            "not enough rights to close or open the topic",
        ),
    };
    if topic.creator != request.bot && !chat.has_right(request.bot, right) {
        return Err(ApiError::bad_request(refusal));
    }
    let forum = key.chat_id();
    match request.method {
        "editForumTopic" => {
            let name = request.str("name").map(check_name).transpose()?;
            let emoji = check_icon(request.str("icon_custom_emoji_id"))?;
            if name.is_none() && emoji.is_none() {
                return Ok(Value::Bool(true));
            }
            let same_name = name.as_ref().is_none_or(|name| *name == topic.name);
            let same_icon = emoji
                .as_ref()
                .is_none_or(|emoji| Some(emoji) == topic.icon_custom_emoji_id.as_ref());
            if same_name && same_icon {
                return Err(ApiError::bad_request("TOPIC_NOT_MODIFIED"));
            }
            forum::edit(request.world, forum, id, request.bot, name, emoji);
        }
        "deleteForumTopic" => forum::delete(request.world, forum, id),
        method => {
            let close = method == "closeForumTopic";
            if topic.closed == close {
                return Err(ApiError::bad_request("TOPIC_NOT_MODIFIED"));
            }
            forum::set_closed(request.world, forum, id, request.bot, close);
        }
    }
    Ok(Value::Bool(true))
}

/// `getForumTopicIconStickers`.
pub(super) fn get_forum_topic_icon_stickers(_request: &mut Request<'_>) -> Result<Value, ApiError> {
    let stickers = ICON_EMOJI
        .iter()
        .enumerate()
        .map(|(index, (id, emoji))| {
            json!({
                "file_id": format!("CAACAgIAAxUAAWTopicIcon{index}"),
                "file_unique_id": format!("AgADTopicIcon{index}"),
                "type": "custom_emoji",
                "width": 100,
                "height": 100,
                "is_animated": false,
                "is_video": false,
                "emoji": emoji,
                "custom_emoji_id": id,
            })
        })
        .collect();
    Ok(Value::Array(stickers))
}
