//! The stored state the desk reads and changes, as a trait the storage layer implements.
//!
//! The desk only sees this interface; in production it is a sled transaction, in unit tests an
//! in-memory map. Implementations must make a whole `handle` call atomic.

use std::fmt;

use super::RelayState;
use crate::domain::{
    Admin, Broadcast, BroadcastId, CannedReply, ChatId, Customer, KnownMember, Lookup, LookupPage,
    MessageId, PendingImport, Ticket, TicketNumber, Timestamp, UserId,
};

/// Storage failed; the event is left in the inbox and retried.
#[derive(Debug)]
pub struct StateError(pub String);

impl fmt::Display for StateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "state unavailable: {}", self.0)
    }
}

impl std::error::Error for StateError {}

/// Shorthand for results of state access.
pub type StateResult<T> = Result<T, StateError>;

/// Reading and writing what the desk remembers.
pub trait DeskState {
    /// The customer with this account, if they ever wrote.
    fn customer(&self, id: UserId) -> StateResult<Option<Customer>>;
    /// Stores a customer.
    fn save_customer(&mut self, customer: &Customer) -> StateResult<()>;

    /// One of a customer's tickets.
    fn ticket(&self, customer: UserId, number: TicketNumber) -> StateResult<Option<Ticket>>;
    /// Stores a ticket.
    fn save_ticket(&mut self, ticket: &Ticket) -> StateResult<()>;

    /// What is waiting to be relayed for a customer (empty when nothing is).
    fn relay(&self, customer: UserId) -> StateResult<RelayState>;
    /// Stores what is waiting to be relayed for a customer.
    fn save_relay(&mut self, customer: UserId, relay: &RelayState) -> StateResult<()>;

    /// The customer whose thread has this root (or forum topic) in this team chat.
    fn customer_by_root(&self, chat: ChatId, root: MessageId) -> StateResult<Option<UserId>>;
    /// Remembers whose thread a root of a team chat is.
    fn save_root(&mut self, chat: ChatId, root: MessageId, customer: UserId) -> StateResult<()>;

    /// The customer whose card is this post of the card chat (channel or forum).
    fn customer_by_post(&self, chat: ChatId, post: MessageId) -> StateResult<Option<UserId>>;
    /// Remembers whose card a post of the card chat is.
    fn save_post(&mut self, chat: ChatId, post: MessageId, customer: UserId) -> StateResult<()>;

    /// A thread root that arrived before its post (in the channel `chat`) was known to be a
    /// card.
    fn unclaimed_root(&self, chat: ChatId, post: MessageId) -> StateResult<Option<MessageId>>;
    /// Keeps a thread root until its post is known (`None` forgets it).
    fn save_unclaimed_root(
        &mut self,
        chat: ChatId,
        post: MessageId,
        root: Option<MessageId>,
    ) -> StateResult<()>;

    /// The team-chat message (with its chat) linked to a message in a customer's private chat.
    fn team_side(
        &self,
        customer: UserId,
        message: MessageId,
    ) -> StateResult<Option<(ChatId, MessageId)>>;
    /// The customer and private-chat message linked to a message of a team chat.
    fn customer_side(
        &self,
        chat: ChatId,
        message: MessageId,
    ) -> StateResult<Option<(UserId, MessageId)>>;

    /// Every canned reply, in the order they were saved.
    fn canned_replies(&self) -> StateResult<Vec<CannedReply>>;
    /// Stores the canned replies.
    fn save_canned_replies(&mut self, replies: &[CannedReply]) -> StateResult<()>;

    /// How many tickets are open (kept up to date as tickets open and close).
    fn open_tickets(&self) -> StateResult<i64>;
    /// Adds `delta` to the number of open tickets.
    fn count_open_tickets(&mut self, delta: i64) -> StateResult<()>;

    /// The channel's administrators as last seen.
    fn admins(&self) -> StateResult<Vec<Admin>>;
    /// Stores the administrators.
    fn save_admins(&mut self, admins: &[Admin]) -> StateResult<()>;
    /// When a membership change Telegram reported last changed the administrators.
    fn admins_changed_at(&self) -> StateResult<Option<Timestamp>>;
    /// Records when a reported membership change changed the administrators.
    fn save_admins_changed_at(&mut self, at: Timestamp) -> StateResult<()>;

    /// The team members seen writing in the team chat, least recently seen first.
    fn team_roster(&self) -> StateResult<Vec<KnownMember>>;
    /// Stores the team members seen.
    fn save_team_roster(&mut self, roster: &[KnownMember]) -> StateResult<()>;

    /// The end of the last period a weekly digest was sent for.
    fn digest_sent_until(&self) -> StateResult<Option<Timestamp>>;
    /// Records that the digest for the period ending at `until` went out.
    fn save_digest_sent_until(&mut self, until: Timestamp) -> StateResult<()>;
    /// One page of a lobby list (`offset` entries skipped, at most `limit`), from an index
    /// kept by the storage; it reflects what was stored before this event.
    fn lookup(&self, lookup: &Lookup, offset: usize, limit: usize) -> StateResult<LookupPage>;
    /// A broadcast's record.
    fn broadcast(&self, id: BroadcastId) -> StateResult<Option<Broadcast>>;
    /// Stores a broadcast's record (and whether it is active).
    fn save_broadcast(&mut self, broadcast: &Broadcast) -> StateResult<()>;
    /// The broadcasts neither done nor cancelled, oldest first.
    fn active_broadcasts(&self) -> StateResult<Vec<BroadcastId>>;
    /// A number for a new broadcast.
    fn next_broadcast_id(&mut self) -> StateResult<BroadcastId>;
    /// Deletes everything stored about a customer (record, tickets with their facts and
    /// ratings, thread index entries, message links, buffered relays, broadcast opt-out and
    /// deliveries, and, where the storage queues them, their timers and queued effects) and
    /// says what was removed; `None` when no such customer is stored.
    fn forget_customer(&mut self, customer: UserId) -> StateResult<Option<super::Erasure>>;
    /// When the customer opted out of broadcasts, if they did.
    fn opted_out(&self, customer: UserId) -> StateResult<Option<Timestamp>>;
    /// Records that the customer opted out (`Some`) or back in (`None`).
    fn save_opt_out(&mut self, customer: UserId, at: Option<Timestamp>) -> StateResult<()>;
    /// Records that a team-chat message is an item of an album (`media_group_id`).
    fn remember_album_item(
        &mut self,
        chat: ChatId,
        group: &str,
        message: MessageId,
    ) -> StateResult<()>;
    /// Every item of the album a team-chat message belongs to, in order (empty: none).
    fn album_of(&self, chat: ChatId, message: MessageId) -> StateResult<Vec<MessageId>>;
    /// The broadcast a message the bot sent in the customer's chat belongs to, if any.
    fn broadcast_of_copy(
        &self,
        customer: UserId,
        message: MessageId,
    ) -> StateResult<Option<BroadcastId>>;
    /// The import shown for the `/import` command `command` (in the team chat), while it waits
    /// for Apply or Cancel.
    fn pending_import(&self, command: MessageId) -> StateResult<Option<PendingImport>>;
    /// Stores an import waiting for Apply (`None` forgets it).
    fn save_pending_import(
        &mut self,
        command: MessageId,
        import: Option<&PendingImport>,
    ) -> StateResult<()>;
}
