//! Who sees what: which bots receive an update for a new or edited message (own messages,
//! other bots' messages, privacy mode, channel administrators) and for a membership change
//! (`my_chat_member`, `chat_member`).

use super::chat::{Chat, ChatKind, Member};
use super::content::{Body, Service};
use super::ids::{ChatRef, MessageId, UserId};
use super::message::Message;
use super::render;
use super::world::{CHANNEL_BOT, GROUP_ANONYMOUS_BOT, World};

/// Queues `message`/`channel_post` (or their `edited_` forms) for every bot that sees it.
pub(crate) fn deliver(world: &mut World, key: ChatRef, id: MessageId, edited: bool) {
    let Some(chat) = world.chat(key) else { return };
    let Some(message) = chat.message(id) else {
        return;
    };
    let recipients: Vec<UserId> = chat
        .bots
        .iter()
        .copied()
        .filter(|bot| sees(world, chat, message, *bot))
        .collect();
    if recipients.is_empty() {
        return;
    }
    let kind = match (chat.is_channel(), edited) {
        (true, false) => "channel_post",
        (true, true) => "edited_channel_post",
        (false, false) => "message",
        (false, true) => "edited_message",
    };
    let payload = render::message(world, chat, message);
    for bot in recipients {
        if let Some(bot) = world.bots.get_mut(&bot) {
            bot.updates.push(kind, payload.clone());
        }
    }
}

/// Whether `bot` receives `message` of `chat`.
fn sees(world: &World, chat: &Chat, message: &Message, bot: UserId) -> bool {
    if !chat.status(bot).is_member() {
        return false;
    }
    if message.actor == bot {
        // Outgoing messages are dropped, except a few service messages of the bot's own doing.
        return matches!(
            &message.content.body,
            Body::Service(
                Service::Pinned(_)
                    | Service::ForumTopicCreated { .. }
                    | Service::ForumTopicEdited { .. }
                    | Service::ForumTopicClosed
                    | Service::ForumTopicReopened
            )
        );
    }
    // Bots never see what other bots say; posts a bot makes as a channel are the channel's.
    let from_other_bot = message.from.is_some_and(|from| {
        world.is_bot(from) && from != GROUP_ANONYMOUS_BOT && from != CHANNEL_BOT
    });
    if from_other_bot {
        return false;
    }
    match chat.kind {
        ChatKind::Private { .. } | ChatKind::Channel => true,
        ChatKind::Supergroup { .. } => {
            let privacy = world
                .bots
                .get(&bot)
                .is_some_and(|settings| settings.privacy);
            !privacy || chat.is_admin(bot) || passes_privacy(world, chat, message, bot)
        }
    }
}

/// What a group bot in privacy mode still receives: commands (for it or for everyone), replies
/// to its own messages, its own inline results, and service messages.
fn passes_privacy(world: &World, chat: &Chat, message: &Message, bot: UserId) -> bool {
    if matches!(message.content.body, Body::Service(_)) || message.via_bot == Some(bot) {
        return true;
    }
    let replies_to_bot = message
        .reply_to
        .and_then(|target| chat.message(target))
        .is_some_and(|target| target.actor == bot && !target.is_topic_message_root());
    if replies_to_bot {
        return true;
    }
    message
        .command()
        .is_some_and(|command| match command.split_once('@') {
            Some((_, addressee)) => world
                .users
                .get(&bot)
                .and_then(|user| user.username.as_deref())
                .is_some_and(|username| username.eq_ignore_ascii_case(addressee)),
            None => true,
        })
}

impl Message {
    /// A topic's creation message is the implicit reply target of every topic message; that
    /// implicit reply does not count as replying to the topic's creator.
    fn is_topic_message_root(&self) -> bool {
        matches!(
            self.content.body,
            Body::Service(Service::ForumTopicCreated { .. })
        )
    }
}

/// Queues `my_chat_member` for a bot whose own membership changed and `chat_member` for the
/// chat's administrator bots (who get it only if they asked for it in `allowed_updates`).
pub(crate) fn membership_changed(
    world: &mut World,
    key: ChatRef,
    user: UserId,
    old: &Member,
    new: &Member,
    actor: UserId,
) {
    let Some(chat) = world.chat(key) else { return };
    let payload = render::chat_member_updated(world, chat, user, old, new, actor);
    let admins: Vec<UserId> = chat
        .bots
        .iter()
        .copied()
        .filter(|bot| {
            *bot != user && chat.is_admin(*bot) && !matches!(chat.kind, ChatKind::Private { .. })
        })
        .collect();
    if let Some(bot) = world.bots.get_mut(&user) {
        bot.updates.push("my_chat_member", payload.clone());
    }
    for admin in admins {
        if let Some(bot) = world.bots.get_mut(&admin) {
            bot.updates.push("chat_member", payload.clone());
        }
    }
}
