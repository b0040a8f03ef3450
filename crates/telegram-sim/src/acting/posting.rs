//! Posting as a person: the checks on the person, who the message is shown as coming from (the
//! user, the channel, the anonymous administrator), where it goes (reply target, live topic) and
//! the post itself through the world's one pipeline.

use crate::chat::{Chat, ChatKind, MemberStatus};
use crate::content::{Stored, check_raw_field};
use crate::error::SimError;
use crate::ids::{ChatId, ChatRef, MessageId, UserId};
use crate::script::{chat_of_kind, unknown_chat};
use crate::world::{CHANNEL_BOT, GROUP_ANONYMOUS_BOT, NewMessage, Placement, ReplyRequest, World};

use super::SendOptions;

pub(super) fn check_person(world: &World, user: UserId) -> Result<(), SimError> {
    let person = world.users.get(&user).ok_or(SimError::UnknownUser(user))?;
    if person.deactivated {
        return Err(SimError::refused(format!("user {user} is deactivated")));
    }
    Ok(())
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
pub(super) fn post_as_user(
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
