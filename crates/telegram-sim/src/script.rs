//! The scripting API, world-building and reading side: create users, bots, channels, groups
//! and forums, set membership and rights, and read back what every chat shows (transcripts,
//! rendered messages, pins, topics, command menus, the call journal). Acting in the world is
//! in `acting.rs`.

use std::time::Duration;

use serde_json::Value;

use super::Simulator;
use super::chat::{AdminRights, Chat, ChatKind, Member, MemberStatus, TopicInfo};
use super::error::SimError;
use super::feed::MessageFeed;
use super::forum;
use super::ids::{ChatId, ChatRef, MessageId, UserId};
use super::inline::{CallbackAnswer, CallbackQueryId, InlineAnswer, InlineQueryId};
use super::journal::{Call, Counters};
use super::methods::scope_key;
use super::shared::lock;
use super::transcript::{self, Transcript};
use super::world::World;
/// Who a new simulated user is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserSpec {
    first_name: String,
    last_name: Option<String>,
    username: Option<String>,
    language: Option<String>,
}

impl UserSpec {
    /// A user with this first name.
    pub fn new(first_name: &str) -> UserSpec {
        UserSpec {
            first_name: first_name.to_owned(),
            last_name: None,
            username: None,
            language: None,
        }
    }

    /// Sets the last name.
    pub fn last_name(mut self, last_name: &str) -> UserSpec {
        self.last_name = Some(last_name.to_owned());
        self
    }

    /// Sets the @username (without the `@`).
    pub fn username(mut self, username: &str) -> UserSpec {
        self.username = Some(username.to_owned());
        self
    }

    /// Sets the IETF language tag of the user's client, e.g. `pt-br`.
    pub fn language(mut self, language: &str) -> UserSpec {
        self.language = Some(language.to_owned());
        self
    }
}

/// A bot of the world: give `token` to a Bot API client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BotHandle {
    /// The bot token, `<id>:<secret>`.
    pub token: String,
    /// The bot's user id.
    pub user_id: UserId,
    /// The bot's @username (without the `@`).
    pub username: String,
}

impl BotHandle {
    /// The private chat of `user` with this bot.
    pub fn chat_with(&self, user: UserId) -> ChatRef {
        ChatRef::Private {
            bot: self.user_id,
            user,
        }
    }
}

/// The chat `id`, which must exist and pass `is` (`expected` names the kind, e.g. "a channel").
pub(crate) fn chat_of_kind<'w>(
    world: &'w World,
    id: ChatId,
    expected: &'static str,
    is: fn(&Chat) -> bool,
) -> Result<&'w Chat, SimError> {
    let chat = world.chat(id.into()).ok_or_else(|| unknown_chat(id))?;
    if is(chat) {
        Ok(chat)
    } else {
        Err(SimError::WrongChatKind { chat: id, expected })
    }
}

pub(crate) fn unknown_chat(chat: impl Into<ChatRef>) -> SimError {
    SimError::UnknownChat(chat.into())
}

impl Simulator {
    // ----- building the world ---------------------------------------------------------------

    /// Creates a bot (privacy mode on, inline mode off, as BotFather creates them).
    pub fn create_bot(&self, username: &str) -> BotHandle {
        let (user_id, token) = self.shared.with_world(|world| world.add_bot(username));
        BotHandle {
            token,
            user_id,
            username: username.to_owned(),
        }
    }

    fn bot_setting(&self, bot: &BotHandle, change: impl FnOnce(&mut super::world::Bot)) {
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

    /// Changes a membership; the chat's owner is shown as having done it (the user themself
    /// when joining or leaving).
    fn change_membership(
        &self,
        chat: ChatId,
        user: UserId,
        member: Member,
    ) -> Result<(), SimError> {
        self.shared.with_world(|world| {
            if !world.users.contains_key(&user) {
                return Err(SimError::UnknownUser(user));
            }
            let record = world.chat(chat.into()).ok_or_else(|| unknown_chat(chat))?;
            let owner = record
                .members
                .iter()
                .find(|(_, m)| m.status == MemberStatus::Creator)
                .map(|(id, _)| *id);
            let self_service = matches!(member.status, MemberStatus::Member | MemberStatus::Left)
                && !record.status(user).is_admin();
            let actor = if self_service {
                user
            } else {
                owner.unwrap_or(user)
            };
            world.set_member(chat.into(), user, member, actor);
            Ok(())
        })
    }

    /// Makes `user` (a person or a bot) a plain member.
    pub fn add_member(&self, chat: ChatId, user: UserId) -> Result<(), SimError> {
        self.change_membership(chat, user, Member::with_status(MemberStatus::Member))
    }

    /// Makes `user` an administrator with `rights`.
    pub fn promote(&self, chat: ChatId, user: UserId, rights: AdminRights) -> Result<(), SimError> {
        let title = self.shared.with_world(|world| {
            world
                .chat(chat.into())
                .and_then(|record| record.member(user))
                .and_then(|m| m.custom_title.clone())
        });
        let mut member = Member::admin(rights);
        member.custom_title = title;
        self.change_membership(chat, user, member)
    }

    /// Sets an administrator's custom title (the `author_signature` of their anonymous posts).
    pub fn set_custom_title(
        &self,
        chat: ChatId,
        user: UserId,
        title: &str,
    ) -> Result<(), SimError> {
        self.shared.with_world(|world| {
            let record = world
                .chat_mut(chat.into())
                .ok_or_else(|| unknown_chat(chat))?;
            let member = record
                .members
                .get_mut(&user)
                .filter(|member| member.status.is_admin())
                .ok_or(SimError::NotAMember {
                    user,
                    chat: chat.into(),
                })?;
            member.custom_title = Some(title.to_owned());
            Ok(())
        })
    }

    /// Sets a membership status (administrators keep their rights only as administrators).
    pub fn set_status(
        &self,
        chat: ChatId,
        user: UserId,
        status: MemberStatus,
    ) -> Result<(), SimError> {
        let member = match status {
            MemberStatus::Administrator => Member::admin(AdminRights::all()),
            other => Member::with_status(other),
        };
        self.change_membership(chat, user, member)
    }

    /// The membership status of `user` in `chat` (`left` if none).
    pub fn member_status(&self, chat: impl Into<ChatRef>, user: UserId) -> MemberStatus {
        let chat = chat.into();
        self.shared.with_world(|world| {
            world
                .chat(chat)
                .map_or(MemberStatus::Left, |record| record.status(user))
        })
    }

    /// `user` blocks (or unblocks) `bot`; the bot gets `my_chat_member` for their private chat.
    pub fn block_bot(&self, user: UserId, bot: &BotHandle, blocked: bool) -> Result<(), SimError> {
        self.shared.with_world(|world| {
            let person = world
                .users
                .get_mut(&user)
                .ok_or(SimError::UnknownUser(user))?;
            let changed = if blocked {
                person.blocked.insert(bot.user_id)
            } else {
                person.blocked.remove(&bot.user_id)
            };
            let key = bot.chat_with(user);
            if changed && world.chat(key).is_some() {
                let status = if blocked {
                    MemberStatus::Kicked
                } else {
                    MemberStatus::Member
                };
                world.set_member(key, bot.user_id, Member::with_status(status), user);
            }
            Ok(())
        })
    }

    /// Deactivates (or reactivates) a user's account.
    pub fn deactivate(&self, user: UserId, deactivated: bool) -> Result<(), SimError> {
        self.shared.with_world(|world| {
            let person = world
                .users
                .get_mut(&user)
                .ok_or(SimError::UnknownUser(user))?;
            person.deactivated = deactivated;
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

    // ----- reading back ---------------------------------------------------------------------

    fn read<R>(&self, f: impl FnOnce(&World) -> R) -> R {
        self.shared.with_world(|world| f(world))
    }

    /// Every message of a chat, in id order.
    pub fn transcript(&self, chat: impl Into<ChatRef>) -> Transcript {
        let chat = chat.into();
        self.read(|world| {
            world
                .chat(chat)
                .map(|record| transcript::build(world, record, record.messages()))
                .unwrap_or_default()
        })
    }

    /// A comment thread: its root and every message in it.
    pub fn thread(&self, group: ChatId, root: MessageId) -> Transcript {
        self.read(|world| {
            world
                .chat(group.into())
                .map(|record| {
                    transcript::build(world, record, record.thread_messages(root).into_iter())
                })
                .unwrap_or_default()
        })
    }

    /// A forum topic: its creation message and every message in it.
    pub fn topic(&self, forum: ChatId, topic: MessageId) -> Transcript {
        self.thread(forum, topic)
    }

    /// The private chat of `user` with `bot`.
    pub fn private_chat(&self, user: UserId, bot: &BotHandle) -> Transcript {
        self.transcript(bot.chat_with(user))
    }

    /// A message exactly as the Bot API renders it.
    pub fn message_json(&self, chat: impl Into<ChatRef>, id: MessageId) -> Option<Value> {
        let chat = chat.into();
        self.read(|world| Some(world.render(chat, id)).filter(|value| !value.is_null()))
    }

    /// The automatic forward of a channel post in the linked discussion group.
    pub fn discussion_copy_of(&self, channel: ChatId, post: MessageId) -> Option<MessageId> {
        self.read(|world| world.chat(channel.into())?.message(post)?.discussion_copy)
    }

    /// The pinned messages of a chat, oldest pin first.
    pub fn pinned(&self, chat: impl Into<ChatRef>) -> Vec<MessageId> {
        let chat = chat.into();
        self.read(|world| {
            world
                .chat(chat)
                .map(|record| record.pinned.clone())
                .unwrap_or_default()
        })
    }

    /// The topics of a forum (deleted ones included), by id.
    pub fn topics(&self, forum: ChatId) -> Vec<TopicInfo> {
        self.read(|world| {
            world
                .chat(forum.into())
                .map(|record| record.topics.values().cloned().collect())
                .unwrap_or_default()
        })
    }

    /// The command list a bot set for a `BotCommandScope` (JSON) and language (`None` for all
    /// languages); `None` if it set none.
    pub fn my_commands(
        &self,
        bot: &BotHandle,
        scope: Value,
        language: Option<&str>,
    ) -> Option<Vec<(String, String)>> {
        self.read(|world| {
            let key = scope_key(world, bot.user_id, Some(&scope)).ok()?;
            let settings = world.bots.get(&bot.user_id)?;
            settings
                .commands
                .get(&(key, language.unwrap_or_default().to_owned()))
                .cloned()
        })
    }

    /// A bot's answer to an inline query, once it answered.
    pub fn inline_answer(&self, query: &InlineQueryId) -> Option<InlineAnswer> {
        self.read(|world| world.inline.queries.get(&query.0)?.answer.clone())
    }

    /// A bot's answer to a pressed button, once it answered.
    pub fn callback_answer(&self, query: &CallbackQueryId) -> Option<CallbackAnswer> {
        self.read(|world| world.inline.callbacks.get(&query.0)?.answer.clone())
    }

    /// Updates waiting for a bot (not yet confirmed or delivered).
    pub fn pending_updates(&self, bot: &BotHandle) -> usize {
        self.read(|world| {
            world
                .bots
                .get(&bot.user_id)
                .map_or(0, |settings| settings.updates.pending())
        })
    }

    /// The bytes of a file, by `file_id`.
    pub fn file_bytes(&self, file_id: &str) -> Option<Vec<u8>> {
        self.read(|world| world.files.get(file_id).map(|file| file.bytes.to_vec()))
    }

    /// The journal of Bot API calls (the most recent `SimConfig::call_log_capacity`).
    pub fn calls(&self) -> Vec<Call> {
        lock(&self.shared.journal).calls()
    }

    /// A feed of every message stored from now on (in any chat, by anyone, bots' sends and
    /// automatic forwards included), each with the instant it was created. Dropping the feed
    /// stops it.
    pub fn watch_messages(&self) -> MessageFeed {
        self.shared.with_world(|world| world.watchers.subscribe())
    }

    /// Calls per method, 429s issued, faults injected.
    pub fn counters(&self) -> Counters {
        lock(&self.shared.journal).counters.clone()
    }

    /// Waits until `condition` holds (re-checked whenever the world changes), at most
    /// `timeout`; returns whether it held.
    pub async fn wait_until(&self, timeout: Duration, mut condition: impl FnMut() -> bool) -> bool {
        let deadline = tokio::time::Instant::now() + timeout;
        let changed = self.shared.with_world(|world| world.changed.clone());
        loop {
            let notified = changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if condition() {
                return true;
            }
            let now = tokio::time::Instant::now();
            if now >= deadline {
                return false;
            }
            // Re-check at least every 20 ms in case the condition depends on outside state.
            let wake = deadline.min(now + Duration::from_millis(20));
            let _ = tokio::time::timeout_at(wake, notified).await;
        }
    }
}
