//! The world: users, bots, chats and their messages, and the one pipeline every new message
//! goes through ([`World::post`]): id allocation, thread and topic placement, storage, update
//! delivery and follow-ups such as the automatic forward of channel posts.
//!
//! The world lives behind one mutex (see `shared.rs`); nothing here awaits.
//!
//! Map:
//! - `chats`: public and private chats, `chat_id` resolution and membership changes.
//! - `posting`: the pipeline of a new message (placement, ids, storage, delivery), edits, renders.

mod chats;
mod posting;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::sync::Notify;

use super::chat::Chat;
use super::feed::Watchers;
use super::files::FileStore;
use super::ids::{ChatId, ChatRef, MessageId, UserId};
use super::inline::InlineState;
use super::limits::RateLimiter;
use super::updates::UpdateQueue;

pub(crate) use self::posting::{NewMessage, Placement, ReplyRequest};

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
}
