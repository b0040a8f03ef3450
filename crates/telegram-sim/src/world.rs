//! The world: users, bots, chats and their messages, and the one pipeline every new message
//! goes through ([`World::post`]): id allocation, thread and topic placement, storage, update
//! delivery and follow-ups such as the automatic forward of channel posts.
//!
//! The world lives behind one mutex (see `shared.rs`); nothing here awaits.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::sync::Notify;

use super::chat::{Chat, ChatKind, Member, MemberStatus};
use super::content::{Body, Service, Stored};
use super::error::ApiError;
use super::feed::{PostedMessage, Watchers};
use super::files::FileStore;
use super::ids::{ChatId, ChatRef, MessageId, UserId};
use super::inline::InlineState;
use super::limits::RateLimiter;
use super::message::{Message, Origin};
use super::updates::UpdateQueue;
use super::{audience, render};

/// Telegram's service account that sends automatic forwards ("Telegram", 777000).
pub const TELEGRAM_USER: UserId = UserId(777_000);
/// The placeholder sender of anonymous group administrators (`@GroupAnonymousBot`).
pub const GROUP_ANONYMOUS_BOT: UserId = UserId(1_087_968_824);
/// The placeholder sender of messages sent on behalf of a channel (`@Channel_Bot`).
pub const CHANNEL_BOT: UserId = UserId(136_817_688);

/// Seconds since the Unix epoch.
pub(crate) fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs() as i64)
}

/// A person or bot account.
#[derive(Clone, Debug)]
pub(crate) struct User {
    pub id: UserId,
    pub first_name: String,
    pub last_name: Option<String>,
    pub username: Option<String>,
    pub language_code: Option<String>,
    pub is_bot: bool,
    pub deactivated: bool,
    /// Bots this user has blocked.
    pub blocked: HashSet<UserId>,
}

impl User {
    /// "First Last", as clients display a user.
    pub fn full_name(&self) -> String {
        match &self.last_name {
            Some(last) => format!("{} {last}", self.first_name),
            None => self.first_name.clone(),
        }
    }
}

/// A bot's settings (BotFather's) and state.
#[derive(Debug)]
pub(crate) struct Bot {
    pub privacy: bool,
    pub inline: bool,
    pub inline_feedback: bool,
    pub can_join_groups: bool,
    /// Command lists by (scope key, language code).
    pub commands: HashMap<(String, String), Vec<(String, String)>>,
    pub updates: UpdateQueue,
    /// The last message id given in any of the bot's private chats: Telegram numbers them from
    /// the bot's one message box, so ids never repeat across its customers.
    pub last_private_message_id: i32,
}

/// Work to do once the world's lock is released.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Followup {
    /// Create the automatic forward of a channel post in the linked group, after the delay.
    AutoForward { channel: ChatId, post: MessageId },
    /// Start (or restart) webhook delivery for a bot.
    StartWebhook { bot: UserId, generation: u64 },
}

/// World-wide settings from [`SimConfig`](super::SimConfig).
#[derive(Clone, Debug)]
pub(crate) struct WorldConfig {
    pub auto_pin_automatic_forwards: bool,
    pub inline_query_ttl: Duration,
}

/// Everything a message needs besides its chat and id.
#[derive(Clone, Debug)]
pub(crate) struct NewMessage {
    pub actor: UserId,
    pub from: Option<UserId>,
    pub sender_chat: Option<ChatId>,
    pub author_signature: Option<String>,
    pub via_bot: Option<UserId>,
    pub content: Stored,
    pub placement: Placement,
    pub forward_origin: Option<Origin>,
    pub is_automatic_forward: bool,
    pub reply_markup: Option<serde_json::Value>,
    pub media_group_id: Option<String>,
    pub protected: bool,
    /// Raw `Message` fields beyond the simulator's model.
    pub fields: Vec<(String, serde_json::Value)>,
}

impl NewMessage {
    /// A message by `actor` shown as sent by `from` (no thread, reply or extras yet).
    pub fn new(actor: UserId, from: Option<UserId>, content: Stored) -> NewMessage {
        NewMessage {
            actor,
            from,
            sender_chat: None,
            author_signature: None,
            via_bot: None,
            content,
            placement: Placement::default(),
            forward_origin: None,
            is_automatic_forward: false,
            reply_markup: None,
            media_group_id: None,
            protected: false,
            fields: Vec::new(),
        }
    }
}

/// Where a new message goes inside its chat.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Placement {
    pub reply_to: Option<MessageId>,
    pub thread: Option<MessageId>,
    pub is_topic_message: bool,
}

/// A reply request as a client makes it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ReplyRequest {
    pub message_id: MessageId,
    pub allow_sending_without_reply: bool,
}

/// The world.
pub(crate) struct World {
    pub config: WorldConfig,
    pub users: HashMap<UserId, User>,
    pub bots: HashMap<UserId, Bot>,
    tokens: HashMap<String, UserId>,
    pub chats: HashMap<ChatRef, Chat>,
    usernames: HashMap<String, ChatId>,
    pub files: FileStore,
    pub inline: InlineState,
    pub limits: RateLimiter,
    pub rng: fastrand::Rng,
    next_user: u64,
    next_bot: u64,
    next_chat: i64,
    next_media_group: u64,
    next_poll: u64,
    pub followups: Vec<Followup>,
    /// Woken on every change, for `Simulator::wait_until`.
    pub changed: Arc<Notify>,
    /// Feeds of new messages, for `Simulator::watch_messages`.
    pub watchers: Watchers,
}

impl World {
    pub fn new(config: WorldConfig, seed: u64) -> World {
        let mut world = World {
            config,
            users: HashMap::new(),
            bots: HashMap::new(),
            tokens: HashMap::new(),
            chats: HashMap::new(),
            usernames: HashMap::new(),
            files: FileStore::default(),
            inline: InlineState::default(),
            limits: RateLimiter::default(),
            rng: fastrand::Rng::with_seed(seed),
            next_user: 100_000_001,
            next_bot: 7_000_000_001,
            next_chat: 1_000_000_001,
            next_media_group: 13_000_000_000_000_001,
            next_poll: 5_000_000_000_000_001,
            followups: Vec::new(),
            changed: Arc::new(Notify::new()),
            watchers: Watchers::default(),
        };
        let service_accounts = [
            (TELEGRAM_USER, "Telegram", None, false),
            (
                GROUP_ANONYMOUS_BOT,
                "Group",
                Some("GroupAnonymousBot"),
                true,
            ),
            (CHANNEL_BOT, "Channel", Some("Channel_Bot"), true),
        ];
        for (id, name, username, is_bot) in service_accounts {
            world.users.insert(
                id,
                User {
                    id,
                    first_name: name.to_owned(),
                    last_name: None,
                    username: username.map(str::to_owned),
                    language_code: None,
                    is_bot,
                    deactivated: false,
                    blocked: HashSet::new(),
                },
            );
        }
        world
    }

    // ----- accounts -------------------------------------------------------------------------

    pub fn add_user(
        &mut self,
        first_name: String,
        last_name: Option<String>,
        username: Option<String>,
        language_code: Option<String>,
    ) -> UserId {
        let id = UserId(self.next_user);
        self.next_user += 1;
        let user = User {
            id,
            first_name,
            last_name,
            username,
            language_code,
            is_bot: false,
            deactivated: false,
            blocked: HashSet::new(),
        };
        self.users.insert(id, user);
        id
    }

    pub fn add_bot(&mut self, username: &str) -> (UserId, String) {
        let id = UserId(self.next_bot);
        self.next_bot += 1;
        let secret: String = (0..35).map(|_| self.rng.alphanumeric()).collect();
        let token = format!("{id}:{secret}");
        let first_name = username
            .trim_end_matches("_bot")
            .trim_end_matches("bot")
            .replace('_', " ");
        let first_name = if first_name.trim().is_empty() {
            username.to_owned()
        } else {
            first_name
        };
        self.users.insert(
            id,
            User {
                id,
                first_name,
                last_name: None,
                username: Some(username.to_owned()),
                language_code: None,
                is_bot: true,
                deactivated: false,
                blocked: HashSet::new(),
            },
        );
        self.bots.insert(
            id,
            Bot {
                privacy: true,
                inline: false,
                inline_feedback: false,
                can_join_groups: true,
                commands: HashMap::new(),
                updates: UpdateQueue::default(),
                last_private_message_id: 0,
            },
        );
        self.tokens.insert(token.clone(), id);
        (id, token)
    }

    pub fn bot_by_token(&self, token: &str) -> Option<UserId> {
        self.tokens.get(token).copied()
    }

    pub fn is_bot(&self, user: UserId) -> bool {
        self.users.get(&user).is_some_and(|user| user.is_bot)
    }

    pub fn display_name(&self, user: UserId) -> String {
        self.users
            .get(&user)
            .map_or_else(|| user.to_string(), User::full_name)
    }

    // ----- chats ----------------------------------------------------------------------------

    pub fn add_public_chat(&mut self, kind: ChatKind, title: &str, owner: UserId) -> ChatId {
        let id = ChatId(-1_000_000_000_000 - self.next_chat);
        self.next_chat += 1;
        let key = ChatRef::Public(id);
        let mut chat = Chat::new(key, kind, title.to_owned());
        chat.members
            .insert(owner, Member::with_status(MemberStatus::Creator));
        if self.is_bot(owner) {
            chat.bots.insert(owner);
        }
        self.chats.insert(key, chat);
        if kind == (ChatKind::Supergroup { forum: true }) {
            // Message 1 is the creation notice, so that no topic can take the General topic's id.
            let notice = NewMessage::new(
                owner,
                Some(owner),
                Stored::service(Service::SupergroupCreated),
            );
            self.store(key, notice);
        }
        id
    }

    pub fn set_username(&mut self, chat: ChatId, username: &str) {
        if let Some(record) = self.chats.get_mut(&ChatRef::Public(chat)) {
            record.username = Some(username.to_owned());
            self.usernames.insert(username.to_ascii_lowercase(), chat);
        }
    }

    pub fn chat(&self, key: ChatRef) -> Option<&Chat> {
        self.chats.get(&key)
    }

    pub fn chat_mut(&mut self, key: ChatRef) -> Option<&mut Chat> {
        self.chats.get_mut(&key)
    }

    /// The private chat of `user` with `bot`, created when the user first writes to the bot.
    pub fn ensure_private_chat(&mut self, bot: UserId, user: UserId) -> ChatRef {
        let key = ChatRef::Private { bot, user };
        if !self.chats.contains_key(&key) {
            let title = self.display_name(user);
            let mut chat = Chat::new(key, ChatKind::Private { bot, user }, title);
            chat.members
                .insert(user, Member::with_status(MemberStatus::Member));
            chat.members
                .insert(bot, Member::with_status(MemberStatus::Member));
            chat.bots.insert(bot);
            self.chats.insert(key, chat);
        }
        key
    }

    /// Resolves a Bot API `chat_id` (number or `@username`) as `bot` sees it.
    pub fn resolve_chat_id(&self, bot: UserId, value: &serde_json::Value) -> Option<ChatRef> {
        if let Some(name) = value.as_str() {
            let name = name.strip_prefix('@').unwrap_or(name).to_ascii_lowercase();
            return self.usernames.get(&name).map(|id| ChatRef::Public(*id));
        }
        let id = value.as_i64()?;
        if id > 0 {
            return Some(ChatRef::Private {
                bot,
                user: UserId(id as u64),
            });
        }
        Some(ChatRef::Public(ChatId(id)))
    }

    // ----- membership -----------------------------------------------------------------------

    /// Changes a membership and tells the bots concerned (`my_chat_member` to a bot whose own
    /// membership changed, `chat_member` to the chat's administrator bots).
    pub fn set_member(&mut self, key: ChatRef, user: UserId, member: Member, actor: UserId) {
        let is_bot = self.is_bot(user);
        let Some(chat) = self.chats.get_mut(&key) else {
            return;
        };
        let old = chat
            .members
            .get(&user)
            .cloned()
            .unwrap_or_else(|| Member::with_status(MemberStatus::Left));
        if old == member {
            return;
        }
        chat.members.insert(user, member.clone());
        if is_bot {
            chat.bots.insert(user);
        }
        audience::membership_changed(self, key, user, &old, &member, actor);
        self.touch();
    }

    // ----- messages -------------------------------------------------------------------------

    /// Decides where a message goes: the reply target must exist (unless allowed not to), a
    /// reply joins its target's comment thread or topic, and `message_thread_id` only counts
    /// in forums (where it must name a live topic other than General).
    pub fn place(
        &self,
        key: ChatRef,
        reply: Option<ReplyRequest>,
        thread_id: Option<i64>,
    ) -> Result<Placement, ApiError> {
        let chat = self.chat(key).ok_or_else(ApiError::chat_not_found)?;
        let target = match reply {
            Some(request) => match chat.message(request.message_id) {
                Some(message) => Some(message),
                None if request.allow_sending_without_reply => None,
                None => return Err(ApiError::reply_not_found()),
            },
            None => None,
        };
        if chat.is_forum() {
            if let Some(thread_id) = thread_id {
                let Some(topic) = chat.open_topic(MessageId::from_api(thread_id)) else {
                    return Err(ApiError::thread_not_found());
                };
                return Ok(Placement {
                    reply_to: Some(target.map_or(topic.id, |message| message.id)),
                    thread: Some(topic.id),
                    is_topic_message: true,
                });
            }
            return Ok(match target {
                Some(message) => Placement {
                    reply_to: Some(message.id),
                    thread: message.thread,
                    is_topic_message: message.thread.is_some(),
                },
                None => Placement::default(),
            });
        }
        Ok(match target {
            Some(message) if chat.is_supergroup() => Placement {
                reply_to: Some(message.id),
                thread: Some(message.thread.unwrap_or(message.id)),
                is_topic_message: false,
            },
            Some(message) => Placement {
                reply_to: Some(message.id),
                ..Placement::default()
            },
            None => Placement::default(),
        })
    }

    /// Stores a message without telling anyone; returns its id. A bot's private chats share
    /// one count (ids never repeat across them); channels and supergroups count from 1 each.
    pub fn store(&mut self, key: ChatRef, new: NewMessage) -> MessageId {
        let date = unix_now();
        let Some(chat) = self.chats.get_mut(&key) else {
            return MessageId(0);
        };
        let private_box = match key {
            ChatRef::Private { bot, .. } => self.bots.get_mut(&bot),
            ChatRef::Public(_) => None,
        };
        let id = match private_box {
            Some(bot) => {
                bot.last_private_message_id = bot.last_private_message_id.saturating_add(1);
                MessageId(bot.last_private_message_id)
            }
            None => chat.next_id(),
        };
        let placement = new.placement;
        if let Some(root) = placement.thread {
            if root != id {
                chat.threads.entry(root).or_default().push(id);
            }
        }
        self.watchers.announce(|| PostedMessage {
            chat: key,
            id,
            sender: new.actor,
            thread: placement.thread,
            reply_to: placement.reply_to,
            text: new.content.text.clone(),
            at: std::time::Instant::now(),
        });
        chat.push(Message {
            id,
            date,
            edit_date: None,
            actor: new.actor,
            from: new.from,
            sender_chat: new.sender_chat,
            author_signature: new.author_signature,
            via_bot: new.via_bot,
            content: new.content,
            reply_to: placement.reply_to,
            thread: placement.thread,
            is_topic_message: placement.is_topic_message,
            media_group_id: new.media_group_id,
            forward_origin: new.forward_origin,
            is_automatic_forward: new.is_automatic_forward,
            reply_markup: new.reply_markup,
            protected: new.protected,
            fields: new.fields,
            discussion_copy: None,
        });
        id
    }

    /// Posts a message: stores it, delivers it to the bots that see it, and schedules the
    /// automatic forward of a channel post into the linked discussion group.
    pub fn post(&mut self, key: ChatRef, new: NewMessage) -> MessageId {
        let id = self.store(key, new);
        audience::deliver(self, key, id, false);
        if let Some(chat) = self.chat(key) {
            let forwards = chat.is_channel()
                && chat.linked.is_some()
                && chat.message(id).is_some_and(|post| {
                    !post.has_inline_keyboard() && !matches!(post.content.body, Body::Service(_))
                });
            if forwards {
                self.followups.push(Followup::AutoForward {
                    channel: chat.id(),
                    post: id,
                });
            }
        }
        self.touch();
        id
    }

    /// Tells bots about an edited message.
    pub fn edited(&mut self, key: ChatRef, id: MessageId) {
        audience::deliver(self, key, id, true);
        self.touch();
    }

    /// Renders a message as the Bot API shows it.
    pub fn render(&self, key: ChatRef, id: MessageId) -> serde_json::Value {
        render::message_by_id(self, key, id)
    }

    /// A fresh `media_group_id`.
    pub fn new_media_group(&mut self) -> String {
        self.next_media_group += 1;
        self.next_media_group.to_string()
    }

    /// A fresh poll id.
    pub fn new_poll_id(&mut self) -> String {
        self.next_poll += 1;
        self.next_poll.to_string()
    }

    /// Wakes whoever waits for the world to change.
    pub fn touch(&self) {
        self.changed.notify_waiters();
    }
}
