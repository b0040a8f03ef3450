//! Building the world: bots and their BotFather settings, users, channels, supergroups and
//! forums, usernames, discussion groups, and forum topics made by hand.

use crate::Simulator;
use crate::chat::{Chat, ChatKind};
use crate::error::SimError;
use crate::forum;
use crate::ids::{ChatId, MessageId, UserId};

use super::{BotHandle, UserSpec, chat_of_kind, unknown_chat};

impl Simulator {
    /// Creates a bot (privacy mode on, inline mode off, as BotFather creates them).
    pub fn create_bot(&self, username: &str) -> BotHandle {
        let (user_id, token) = self.shared.with_world(|world| world.add_bot(username));
        BotHandle {
            token,
            user_id,
            username: username.to_owned(),
        }
    }

    fn bot_setting(&self, bot: &BotHandle, change: impl FnOnce(&mut crate::world::Bot)) {
        self.shared.with_world(|world| {
            if let Some(settings) = world.bots.get_mut(&bot.user_id) {
                change(settings);
            }
        });
    }

    /// Turns group privacy mode on or off (BotFather's `/setprivacy`).
    pub fn set_privacy_mode(&self, bot: &BotHandle, on: bool) {
        self.bot_setting(bot, |settings| settings.privacy = on);
    }

    /// Turns inline mode on or off (BotFather's `/setinline`).
    pub fn set_inline_mode(&self, bot: &BotHandle, on: bool) {
        self.bot_setting(bot, |settings| settings.inline = on);
    }

    /// Turns inline feedback on or off (BotFather's `/setinlinefeedback`): whether the bot gets
    /// `chosen_inline_result` updates.
    pub fn set_inline_feedback(&self, bot: &BotHandle, on: bool) {
        self.bot_setting(bot, |settings| settings.inline_feedback = on);
    }

    /// Creates a person.
    pub fn create_user(&self, spec: UserSpec) -> UserId {
        self.shared.with_world(|world| {
            world.add_user(
                spec.first_name,
                spec.last_name,
                spec.username,
                spec.language,
            )
        })
    }

    /// Creates a channel owned by `owner`.
    pub fn create_channel(&self, title: &str, owner: UserId) -> ChatId {
        self.shared
            .with_world(|world| world.add_public_chat(ChatKind::Channel, title, owner))
    }

    /// Creates a supergroup owned by `owner`.
    pub fn create_supergroup(&self, title: &str, owner: UserId) -> ChatId {
        self.shared.with_world(|world| {
            world.add_public_chat(ChatKind::Supergroup { forum: false }, title, owner)
        })
    }

    /// Creates a forum supergroup owned by `owner`. Its message #1 is the creation notice.
    pub fn create_forum(&self, title: &str, owner: UserId) -> ChatId {
        self.shared.with_world(|world| {
            world.add_public_chat(ChatKind::Supergroup { forum: true }, title, owner)
        })
    }

    /// Gives a supergroup or channel a public @username (usable as `chat_id`).
    pub fn set_chat_username(&self, chat: ChatId, username: &str) -> Result<(), SimError> {
        self.shared.with_world(|world| {
            world.chat(chat.into()).ok_or_else(|| unknown_chat(chat))?;
            world.set_username(chat, username);
            Ok(())
        })
    }

    /// Links a channel with its discussion group. As in Telegram, a channel has one discussion
    /// group and a group discusses one channel: earlier links of either are undone.
    pub fn link_discussion_group(&self, channel: ChatId, group: ChatId) -> Result<(), SimError> {
        self.shared.with_world(|world| {
            chat_of_kind(world, channel, "a channel", Chat::is_channel)?;
            chat_of_kind(world, group, "a supergroup", Chat::is_supergroup)?;
            for chat in [channel, group] {
                let previous = world
                    .chat_mut(chat.into())
                    .and_then(|record| record.linked.take());
                if let Some(record) = previous.and_then(|partner| world.chat_mut(partner.into())) {
                    record.linked = None;
                }
            }
            for (chat, linked) in [(channel, group), (group, channel)] {
                if let Some(record) = world.chat_mut(chat.into()) {
                    record.linked = Some(linked);
                }
            }
            world.touch();
            Ok(())
        })
    }

    /// Creates a forum topic the way a person does in the app.
    pub fn create_topic_by_hand(
        &self,
        forum: ChatId,
        user: UserId,
        name: &str,
    ) -> Result<MessageId, SimError> {
        self.shared.with_world(|world| {
            let record = chat_of_kind(world, forum, "a forum", Chat::is_forum)?;
            if !record.has_right(user, "can_manage_topics") {
                return Err(SimError::MissingRight {
                    user,
                    chat: forum.into(),
                    right: "can_manage_topics",
                });
            }
            Ok(forum::create(
                world,
                forum,
                user,
                name.to_owned(),
                forum::ICON_COLORS[0],
                None,
            ))
        })
    }

    /// Deletes a forum topic (and its messages) the way an administrator does in the app.
    pub fn delete_topic_by_hand(&self, forum: ChatId, topic: MessageId) -> Result<(), SimError> {
        self.shared.with_world(|world| {
            let record = world
                .chat(forum.into())
                .ok_or_else(|| unknown_chat(forum))?;
            if record.open_topic(topic).is_none() {
                return Err(SimError::refused(format!(
                    "topic {topic} does not exist in chat {forum}"
                )));
            }
            forum::delete(world, forum, topic);
            Ok(())
        })
    }
}
