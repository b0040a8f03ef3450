//! Channel mechanics: the automatic forward of a channel post into the linked discussion group
//! (the root of the post's comment thread), its auto-pin, and edits of a post propagating to
//! that copy.

use super::content::Body;
use super::ids::{ChatId, ChatRef, MessageId};
use super::message::Origin;
use super::world::{NewMessage, TELEGRAM_USER, World, unix_now};

/// Creates the discussion copy of a channel post: sent by the Telegram service account on
/// behalf of the channel, marked `is_automatic_forward`, with a channel `forward_origin`.
pub(crate) fn auto_forward(world: &mut World, channel: ChatId, post_id: MessageId) {
    let channel_ref = ChatRef::Public(channel);
    let Some(channel_chat) = world.chat(channel_ref) else {
        return;
    };
    let Some(group) = channel_chat.linked else {
        return;
    };
    let Some(post) = channel_chat.message(post_id) else {
        return;
    };
    if post.discussion_copy.is_some() {
        return;
    }
    let mut copy = NewMessage::new(TELEGRAM_USER, Some(TELEGRAM_USER), post.content.clone());
    copy.sender_chat = Some(channel);
    copy.is_automatic_forward = true;
    copy.forward_origin = Some(Origin::Channel {
        chat: channel,
        message_id: post.id,
        date: post.date,
        signature: post.author_signature.clone(),
    });
    // Album copies stay grouped under an id of their own; appending a digit keeps it distinct
    // from every id the world's counter hands out.
    copy.media_group_id = post
        .media_group_id
        .as_ref()
        .map(|group_id| format!("{group_id}1"));
    let group_ref = ChatRef::Public(group);
    let copy_id = world.post(group_ref, copy);
    if let Some(post) = world
        .chat_mut(channel_ref)
        .and_then(|chat| chat.message_mut(post_id))
    {
        post.discussion_copy = Some(copy_id);
    }
    if world.config.auto_pin_automatic_forwards {
        if let Some(group_chat) = world.chat_mut(group_ref) {
            group_chat.pin(copy_id);
        }
    }
    world.touch();
}

/// After a channel post was edited: the discussion copy shows the new content too, and the
/// group's bots get `edited_message` for it.
pub(crate) fn propagate_edit(world: &mut World, channel: ChatId, post_id: MessageId) {
    let channel_ref = ChatRef::Public(channel);
    let Some(channel_chat) = world.chat(channel_ref) else {
        return;
    };
    let (Some(group), Some(post)) = (channel_chat.linked, channel_chat.message(post_id)) else {
        return;
    };
    let Some(copy_id) = post.discussion_copy else {
        return;
    };
    let content = post.content.clone();
    if matches!(content.body, Body::Service(_)) {
        return;
    }
    let group_ref = ChatRef::Public(group);
    let Some(copy) = world
        .chat_mut(group_ref)
        .and_then(|chat| chat.message_mut(copy_id))
    else {
        return;
    };
    copy.content = content;
    copy.edit_date = Some(unix_now());
    world.edited(group_ref, copy_id);
}
