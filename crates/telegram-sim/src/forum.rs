//! Forum topics in the world: creating one (its `forum_topic_created` message's id is the topic
//! id), renaming, closing, reopening and deleting, each leaving its service message in the
//! topic. Used by the Bot API methods and by the scripting API alike.

use super::chat::TopicInfo;
use super::content::{Service, Stored};
use super::ids::{ChatId, ChatRef, MessageId, UserId};
use super::world::{NewMessage, Placement, World};

/// The six icon colours Telegram allows for new topics.
pub const ICON_COLORS: [i64; 6] = [0x6FB9F0, 0xFFD67E, 0xCB86DB, 0x8EEE98, 0xFF93B2, 0xFB6F5F];

/// The custom emoji usable as topic icons (`getForumTopicIconStickers`): id and emoji.
pub(crate) const ICON_EMOJI: [(&str, &str); 6] = [
    ("5434144690511290129", "📰"),
    ("5312536423851630001", "💡"),
    ("5312241539987020022", "🔥"),
    ("5377544228505134960", "🎉"),
    ("5418085807791545980", "⚡️"),
    ("5309965701241379366", "❓"),
];

/// Creates a topic and its `forum_topic_created` message; returns the topic id.
pub(crate) fn create(
    world: &mut World,
    forum: ChatId,
    creator: UserId,
    name: String,
    icon_color: i64,
    icon_custom_emoji_id: Option<String>,
) -> MessageId {
    let key = ChatRef::Public(forum);
    let Some(chat) = world.chat_mut(key) else {
        return MessageId(0);
    };
    let id = chat.next_id();
    chat.topics.insert(
        id,
        TopicInfo {
            id,
            name: name.clone(),
            icon_color,
            icon_custom_emoji_id: icon_custom_emoji_id.clone(),
            closed: false,
            deleted: false,
            creator,
        },
    );
    let service = Service::ForumTopicCreated {
        name,
        icon_color,
        icon_custom_emoji_id,
    };
    let mut message = NewMessage::new(creator, Some(creator), Stored::service(service));
    message.placement = Placement {
        reply_to: None,
        thread: Some(id),
        is_topic_message: true,
    };
    world.post(key, message)
}

/// Posts a topic's service message (edited, closed, reopened) inside the topic.
fn announce(world: &mut World, key: ChatRef, topic: MessageId, actor: UserId, service: Service) {
    let mut message = NewMessage::new(actor, Some(actor), Stored::service(service));
    message.placement = Placement {
        reply_to: Some(topic),
        thread: Some(topic),
        is_topic_message: true,
    };
    world.post(key, message);
}

/// Changes a topic with `apply`, then posts the service message it returns in the topic.
fn change(
    world: &mut World,
    forum: ChatId,
    topic: MessageId,
    actor: UserId,
    apply: impl FnOnce(&mut TopicInfo) -> Service,
) {
    let key = ChatRef::Public(forum);
    let Some(record) = world
        .chat_mut(key)
        .and_then(|chat| chat.topics.get_mut(&topic))
    else {
        return;
    };
    let service = apply(record);
    announce(world, key, topic, actor, service);
}

/// Renames a topic and/or changes its icon.
pub(crate) fn edit(
    world: &mut World,
    forum: ChatId,
    topic: MessageId,
    actor: UserId,
    name: Option<String>,
    icon_custom_emoji_id: Option<String>,
) {
    change(world, forum, topic, actor, |record| {
        if let Some(name) = &name {
            record.name = name.clone();
        }
        if let Some(emoji) = &icon_custom_emoji_id {
            record.icon_custom_emoji_id = Some(emoji.clone()).filter(|emoji| !emoji.is_empty());
        }
        Service::ForumTopicEdited {
            name,
            icon_custom_emoji_id,
        }
    });
}

/// Closes or reopens a topic.
pub(crate) fn set_closed(
    world: &mut World,
    forum: ChatId,
    topic: MessageId,
    actor: UserId,
    closed: bool,
) {
    change(world, forum, topic, actor, |record| {
        record.closed = closed;
        if closed {
            Service::ForumTopicClosed
        } else {
            Service::ForumTopicReopened
        }
    });
}

/// Deletes a topic with all its messages.
pub(crate) fn delete(world: &mut World, forum: ChatId, topic: MessageId) {
    let key = ChatRef::Public(forum);
    let Some(chat) = world.chat_mut(key) else {
        return;
    };
    let Some(record) = chat.topics.get_mut(&topic) else {
        return;
    };
    record.deleted = true;
    let members = chat.threads.remove(&topic).unwrap_or_default();
    for id in std::iter::once(topic).chain(members) {
        chat.delete(id);
    }
    world.touch();
}
