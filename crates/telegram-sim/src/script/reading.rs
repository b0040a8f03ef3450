//! Reading back what every chat shows: transcripts of chats, threads and topics, rendered
//! messages, pins, topics, command menus, answers to inline queries and callbacks, pending
//! updates, files, the call journal and its counters.

use std::time::Duration;

use serde_json::Value;

use crate::Simulator;
use crate::chat::TopicInfo;
use crate::feed::MessageFeed;
use crate::ids::{ChatId, ChatRef, MessageId, UserId};
use crate::inline::{CallbackAnswer, CallbackQueryId, InlineAnswer, InlineQueryId};
use crate::journal::{Call, Counters};
use crate::methods::scope_key;
use crate::shared::lock;
use crate::transcript::{self, Transcript};
use crate::world::World;

use super::BotHandle;

impl Simulator {
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
