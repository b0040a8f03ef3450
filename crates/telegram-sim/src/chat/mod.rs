//! One chat of the world: its kind, members with their status and administrator rights, its
//! message store (O(1) append and lookup by id), pins, comment threads and forum topics.
//!
//! Map:
//! - `members`: member statuses, administrator rights and a user's membership.

mod members;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::ids::{ChatId, ChatRef, MessageId, UserId};
use super::message::Message;

pub use self::members::{AdminRights, MemberStatus};
pub(crate) use self::members::{Member, RIGHT_NAMES};

/// What kind of chat it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ChatKind {
    Private { bot: UserId, user: UserId },
    Channel,
    Supergroup { forum: bool },
}

/// A forum topic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopicInfo {
    /// The topic id (`message_thread_id`), the id of its `forum_topic_created` message.
    pub id: MessageId,
    /// The name.
    pub name: String,
    /// The icon colour (RGB).
    pub icon_color: i64,
    /// The custom emoji icon, if any.
    pub icon_custom_emoji_id: Option<String>,
    /// Whether the topic is closed.
    pub closed: bool,
    /// Whether the topic was deleted.
    pub deleted: bool,
    /// Who created it (creators manage their own topics without `can_manage_topics`).
    pub creator: UserId,
}

/// One message id of a chat and its message, until deleted.
#[derive(Debug)]
struct Slot {
    id: MessageId,
    message: Option<Message>,
}

/// A chat of the world.
#[derive(Debug)]
pub(crate) struct Chat {
    pub key: ChatRef,
    pub kind: ChatKind,
    pub title: String,
    pub username: Option<String>,
    pub members: HashMap<UserId, Member>,
    /// Bots with any membership record, the candidates for updates.
    pub bots: BTreeSet<UserId>,
    /// The linked discussion group of a channel, or the channel of a discussion group.
    pub linked: Option<ChatId>,
    /// Messages in id order, `None` once deleted. Ids increase but need not be dense: a bot's
    /// private chats share its one counter (see [`World::store`](super::world::World::store)).
    messages: Vec<Slot>,
    /// Pinned messages, oldest pin first.
    pub pinned: Vec<MessageId>,
    /// Comment threads (root id) and forum topics (topic id) to their messages, in order.
    pub threads: HashMap<MessageId, Vec<MessageId>>,
    pub topics: BTreeMap<MessageId, TopicInfo>,
}

impl Chat {
    pub fn new(key: ChatRef, kind: ChatKind, title: String) -> Chat {
        Chat {
            key,
            kind,
            title,
            username: None,
            members: HashMap::new(),
            bots: BTreeSet::new(),
            linked: None,
            messages: Vec::new(),
            pinned: Vec::new(),
            threads: HashMap::new(),
            topics: BTreeMap::new(),
        }
    }

    pub fn id(&self) -> ChatId {
        self.key.chat_id()
    }

    pub fn is_channel(&self) -> bool {
        self.kind == ChatKind::Channel
    }

    pub fn is_forum(&self) -> bool {
        self.kind == ChatKind::Supergroup { forum: true }
    }

    pub fn is_supergroup(&self) -> bool {
        matches!(self.kind, ChatKind::Supergroup { .. })
    }

    /// `channel` or `supergroup`, as Telegram's error texts name chat kinds.
    pub fn kind_word(&self) -> &'static str {
        match self.kind {
            ChatKind::Channel => "channel",
            ChatKind::Supergroup { .. } => "supergroup",
            ChatKind::Private { .. } => "private",
        }
    }

    pub fn member(&self, user: UserId) -> Option<&Member> {
        self.members.get(&user)
    }

    pub fn status(&self, user: UserId) -> MemberStatus {
        self.members
            .get(&user)
            .map_or(MemberStatus::Left, |member| member.status)
    }

    pub fn is_admin(&self, user: UserId) -> bool {
        self.status(user).is_admin()
    }

    pub fn has_right(&self, user: UserId, right: &str) -> bool {
        self.members
            .get(&user)
            .is_some_and(|member| member.has(right))
    }

    /// The id the next message of this chat's own count gets: one after the last (channels
    /// and groups count from 1 each).
    pub fn next_id(&self) -> MessageId {
        self.messages
            .last()
            .map_or(MessageId(1), |last| MessageId(last.id.0.saturating_add(1)))
    }

    /// Stores a message; its id is above every id the chat holds.
    pub fn push(&mut self, message: Message) {
        self.messages.push(Slot {
            id: message.id,
            message: Some(message),
        });
    }

    /// Where message `id` sits: at `id - 1` when the chat counts its own ids (O(1)), else
    /// found by binary search (a bot's private chats, whose ids come from one counter).
    fn slot(&self, id: MessageId) -> Option<usize> {
        let dense = usize::try_from(id.0).ok()?.checked_sub(1)?;
        if self.messages.get(dense).is_some_and(|slot| slot.id == id) {
            return Some(dense);
        }
        self.messages.binary_search_by_key(&id, |slot| slot.id).ok()
    }

    pub fn message(&self, id: MessageId) -> Option<&Message> {
        self.messages.get(self.slot(id)?)?.message.as_ref()
    }

    pub fn message_mut(&mut self, id: MessageId) -> Option<&mut Message> {
        let slot = self.slot(id)?;
        self.messages.get_mut(slot)?.message.as_mut()
    }

    /// Deletes a message; returns whether it existed.
    pub fn delete(&mut self, id: MessageId) -> bool {
        let Some(slot) = self.slot(id) else {
            return false;
        };
        let existed = self
            .messages
            .get_mut(slot)
            .and_then(|slot| slot.message.take())
            .is_some();
        if existed {
            self.pinned.retain(|pinned| *pinned != id);
        }
        existed
    }

    /// Every live message, in id order.
    pub fn messages(&self) -> impl Iterator<Item = &Message> {
        self.messages
            .iter()
            .filter_map(|slot| slot.message.as_ref())
    }

    /// The live messages of a thread or topic, root first.
    pub fn thread_messages(&self, root: MessageId) -> Vec<&Message> {
        let members = self
            .threads
            .get(&root)
            .map(Vec::as_slice)
            .unwrap_or_default();
        std::iter::once(root)
            .chain(members.iter().copied())
            .filter_map(|id| self.message(id))
            .collect()
    }

    /// A live (not deleted) topic.
    pub fn open_topic(&self, id: MessageId) -> Option<&TopicInfo> {
        self.topics.get(&id).filter(|topic| !topic.deleted)
    }

    pub fn pin(&mut self, id: MessageId) {
        self.pinned.retain(|pinned| *pinned != id);
        self.pinned.push(id);
    }
}
