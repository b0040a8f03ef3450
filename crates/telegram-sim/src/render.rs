//! World -> Bot API JSON: `User`, `Chat`, `ChatFullInfo`, `Message` (with its reply, origin
//! and service fields), `ChatMember`, `ChatMemberUpdated`. Every object carries the fields the
//! reference marks required, so any Bot API client can parse it.

use serde_json::{Map, Value, json};

use super::chat::{Chat, ChatKind, Member, MemberStatus};
use super::content::{Body, Service};
use super::ids::{ChatId, ChatRef, MessageId, UserId};
use super::message::{Message, Origin};
use super::world::{World, unix_now};

/// A `User` object.
pub(crate) fn user(world: &World, id: UserId) -> Value {
    let Some(user) = world.users.get(&id) else {
        return json!({"id": id.0, "is_bot": false, "first_name": "Deleted Account"});
    };
    let mut map = Map::new();
    map.insert("id".into(), json!(user.id.0));
    map.insert("is_bot".into(), json!(user.is_bot));
    map.insert("first_name".into(), json!(user.first_name));
    if let Some(last_name) = &user.last_name {
        map.insert("last_name".into(), json!(last_name));
    }
    if let Some(username) = &user.username {
        map.insert("username".into(), json!(username));
    }
    if let Some(language) = &user.language_code {
        map.insert("language_code".into(), json!(language));
    }
    Value::Object(map)
}

/// `getMe`: the bot's `User` with its capabilities.
pub(crate) fn me(world: &World, bot: UserId) -> Value {
    let mut value = user(world, bot);
    if let Some(settings) = world.bots.get(&bot) {
        value["can_join_groups"] = json!(settings.can_join_groups);
        value["can_read_all_group_messages"] = json!(!settings.privacy);
        value["supports_inline_queries"] = json!(settings.inline);
        value["can_connect_to_business"] = json!(false);
        value["has_main_web_app"] = json!(false);
    }
    value
}

/// A `Chat` object.
pub(crate) fn chat(world: &World, chat: &Chat) -> Value {
    let mut map = Map::new();
    map.insert("id".into(), json!(chat.id().0));
    match chat.kind {
        ChatKind::Private { user: person, .. } => {
            map.insert("type".into(), json!("private"));
            if let Value::Object(user) = user(world, person) {
                for key in ["first_name", "last_name", "username"] {
                    if let Some(value) = user.get(key) {
                        map.insert(key.into(), value.clone());
                    }
                }
            }
        }
        ChatKind::Channel | ChatKind::Supergroup { .. } => {
            map.insert("type".into(), json!(chat.kind_word()));
            map.insert("title".into(), json!(chat.title));
            if let Some(username) = &chat.username {
                map.insert("username".into(), json!(username));
            }
            if chat.is_forum() {
                map.insert("is_forum".into(), json!(true));
            }
        }
    }
    Value::Object(map)
}

/// A `Chat` object by id (for `sender_chat` and origins).
fn chat_by_id(world: &World, id: ChatId) -> Value {
    world.chat(ChatRef::Public(id)).map_or_else(
        || json!({"id": id.0, "type": "channel"}),
        |c| chat(world, c),
    )
}

/// `getChat`: a `ChatFullInfo`.
pub(crate) fn chat_full_info(world: &World, record: &Chat) -> Value {
    let mut value = chat(world, record);
    value["accent_color_id"] = json!(0);
    value["max_reaction_count"] = json!(11);
    value["accepted_gift_types"] = json!({
        "unlimited_gifts": false,
        "limited_gifts": false,
        "unique_gifts": false,
        "premium_subscription": false,
        "gifts_from_channels": false,
    });
    if let Some(linked) = record.linked {
        value["linked_chat_id"] = json!(linked.0);
    }
    if record.is_supergroup() {
        value["permissions"] = json!({
            "can_send_messages": true,
            "can_send_audios": true,
            "can_send_documents": true,
            "can_send_photos": true,
            "can_send_videos": true,
            "can_send_video_notes": true,
            "can_send_voice_notes": true,
            "can_send_polls": true,
            "can_send_other_messages": true,
            "can_add_web_page_previews": true,
            "can_change_info": false,
            "can_invite_users": true,
            "can_pin_messages": false,
            "can_manage_topics": false,
        });
    }
    if let Some(pinned) = record.pinned.last().and_then(|id| record.message(*id)) {
        value["pinned_message"] = render_message(world, record, pinned, false);
    }
    value
}

/// A `Message` object, with its `reply_to_message` (which itself carries no further reply).
pub(crate) fn message(world: &World, chat: &Chat, message: &Message) -> Value {
    render_message(world, chat, message, true)
}

/// A `Message` by chat and id; `null` if it does not exist.
pub(crate) fn message_by_id(world: &World, key: ChatRef, id: MessageId) -> Value {
    world
        .chat(key)
        .and_then(|record| {
            record
                .message(id)
                .map(|found| message(world, record, found))
        })
        .unwrap_or(Value::Null)
}

fn render_message(world: &World, chat_record: &Chat, message: &Message, with_reply: bool) -> Value {
    let mut map = Map::new();
    map.insert("message_id".into(), json!(message.id.0));
    if let Some(thread) = message.thread {
        map.insert("message_thread_id".into(), json!(thread.0));
    }
    if let Some(from) = message.from {
        map.insert("from".into(), user(world, from));
    }
    if let Some(sender_chat) = message.sender_chat {
        map.insert("sender_chat".into(), chat_by_id(world, sender_chat));
    }
    map.insert("date".into(), json!(message.date));
    map.insert("chat".into(), chat(world, chat_record));
    if let Some(origin) = &message.forward_origin {
        map.insert("forward_origin".into(), forward_origin(world, origin));
    }
    if message.is_topic_message {
        map.insert("is_topic_message".into(), json!(true));
    }
    if message.is_automatic_forward {
        map.insert("is_automatic_forward".into(), json!(true));
    }
    if with_reply {
        if let Some(target) = message.reply_to.and_then(|id| chat_record.message(id)) {
            map.insert(
                "reply_to_message".into(),
                render_message(world, chat_record, target, false),
            );
        }
    }
    if let Some(via_bot) = message.via_bot {
        map.insert("via_bot".into(), user(world, via_bot));
    }
    if let Some(edit_date) = message.edit_date {
        map.insert("edit_date".into(), json!(edit_date));
    }
    if message.protected {
        map.insert("has_protected_content".into(), json!(true));
    }
    if let Some(group) = &message.media_group_id {
        map.insert("media_group_id".into(), json!(group));
    }
    if let Some(signature) = &message.author_signature {
        map.insert("author_signature".into(), json!(signature));
    }
    message.content.render_into(&mut map, &|id| user(world, id));
    if let Body::Service(service) = &message.content.body {
        render_service(world, chat_record, service, &mut map);
    }
    if let Some(markup) = &message.reply_markup {
        if markup.get("inline_keyboard").is_some() {
            map.insert("reply_markup".into(), markup.clone());
        }
    }
    for (name, value) in &message.fields {
        map.entry(name.clone()).or_insert_with(|| value.clone());
    }
    Value::Object(map)
}

fn render_service(
    world: &World,
    chat_record: &Chat,
    service: &Service,
    map: &mut Map<String, Value>,
) {
    let (key, value) = match service {
        Service::Pinned(id) => {
            let pinned = match chat_record.message(*id) {
                Some(pinned) => render_message(world, chat_record, pinned, false),
                // An InaccessibleMessage: the pinned message is gone.
                None => json!({"chat": chat(world, chat_record), "message_id": id.0, "date": 0}),
            };
            ("pinned_message", pinned)
        }
        Service::ForumTopicCreated {
            name,
            icon_color,
            icon_custom_emoji_id,
        } => {
            let mut created = json!({"name": name, "icon_color": icon_color});
            if let Some(emoji) = icon_custom_emoji_id {
                created["icon_custom_emoji_id"] = json!(emoji);
            }
            ("forum_topic_created", created)
        }
        Service::ForumTopicEdited {
            name,
            icon_custom_emoji_id,
        } => {
            let mut edited = json!({});
            if let Some(name) = name {
                edited["name"] = json!(name);
            }
            if let Some(emoji) = icon_custom_emoji_id {
                edited["icon_custom_emoji_id"] = json!(emoji);
            }
            ("forum_topic_edited", edited)
        }
        Service::ForumTopicClosed => ("forum_topic_closed", json!({})),
        Service::ForumTopicReopened => ("forum_topic_reopened", json!({})),
        Service::SupergroupCreated => ("supergroup_chat_created", json!(true)),
    };
    map.insert(key.into(), value);
}

fn forward_origin(world: &World, origin: &Origin) -> Value {
    match origin {
        Origin::User { user: sender, date } => {
            json!({"type": "user", "date": date, "sender_user": user(world, *sender)})
        }
        Origin::Chat {
            chat,
            date,
            signature,
        } => {
            let mut value =
                json!({"type": "chat", "date": date, "sender_chat": chat_by_id(world, *chat)});
            if let Some(signature) = signature {
                value["author_signature"] = json!(signature);
            }
            value
        }
        Origin::Channel {
            chat,
            message_id,
            date,
            signature,
        } => {
            let mut value = json!({
                "type": "channel",
                "date": date,
                "chat": chat_by_id(world, *chat),
                "message_id": message_id.0,
            });
            if let Some(signature) = signature {
                value["author_signature"] = json!(signature);
            }
            value
        }
    }
}

/// A `ChatMember` object.
pub(crate) fn chat_member(world: &World, id: UserId, member: &Member) -> Value {
    let mut map = Map::new();
    map.insert("status".into(), json!(member.status.as_str()));
    map.insert("user".into(), user(world, id));
    match member.status {
        MemberStatus::Creator => {
            map.insert("is_anonymous".into(), json!(member.rights.is_anonymous));
        }
        MemberStatus::Administrator => {
            map.insert("can_be_edited".into(), json!(false));
            map.extend(member.rights.to_json());
        }
        MemberStatus::Restricted => {
            map.insert("is_member".into(), json!(true));
            for right in [
                "can_send_messages",
                "can_send_audios",
                "can_send_documents",
                "can_send_photos",
                "can_send_videos",
                "can_send_video_notes",
                "can_send_voice_notes",
                "can_send_polls",
                "can_send_other_messages",
                "can_add_web_page_previews",
                "can_react_to_messages",
                "can_edit_tag",
                "can_change_info",
                "can_invite_users",
                "can_pin_messages",
                "can_manage_topics",
            ] {
                map.insert(right.into(), json!(false));
            }
            map.insert("until_date".into(), json!(0));
        }
        MemberStatus::Kicked => {
            map.insert("until_date".into(), json!(0));
        }
        MemberStatus::Member | MemberStatus::Left => {}
    }
    if let Some(title) = &member.custom_title {
        if member.status.is_admin() {
            map.insert("custom_title".into(), json!(title));
        }
    }
    Value::Object(map)
}

/// A `ChatMemberUpdated` object.
pub(crate) fn chat_member_updated(
    world: &World,
    chat_record: &Chat,
    subject: UserId,
    old: &Member,
    new: &Member,
    actor: UserId,
) -> Value {
    json!({
        "chat": chat(world, chat_record),
        "from": user(world, actor),
        "date": unix_now(),
        "old_chat_member": chat_member(world, subject, old),
        "new_chat_member": chat_member(world, subject, new),
    })
}
