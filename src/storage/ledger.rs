//! The desk's state on top of any key-value view: typed records, keys and codec in one place.
//!
//! [`Ledger`] implements [`DeskState`] for any [`Kv`]: a sled transaction in production, a
//! [`MemoryKv`](super::MemoryKv) in unit tests. Both go through the same keys and codec.

use super::codec::{self, CodecError, Record};
use super::kv::{Kv, TreeName};
use super::{albums, broadcasts, erasure, keys, links};
use crate::desk::{DeskState, Erasure, RelayState, StateError, StateResult};
use crate::domain::{
    Admin, Broadcast, BroadcastId, CannedReply, ChatId, Customer, KnownMember, Lookup, LookupPage,
    MessageId, PendingImport, Ticket, TicketNumber, Timestamp, UserId,
};

impl From<CodecError> for StateError {
    fn from(error: CodecError) -> Self {
        StateError(error.to_string())
    }
}

impl Record for Vec<CannedReply> {}
impl Record for Vec<Admin> {}
impl Record for Vec<KnownMember> {}
impl Record for RelayState {}
impl Record for PendingImport {}

/// The `meta` key of the import waiting for Apply under an `/import` command.
fn pending_import_key(command: MessageId) -> Vec<u8> {
    [b"pending_import:".as_slice(), &command.0.to_be_bytes()].concat()
}

/// The `meta` key of the canned replies.
const CANNED_KEY: &[u8] = b"canned_replies";
/// The `meta` key of the number of open tickets.
const OPEN_TICKETS_KEY: &[u8] = b"open_tickets";
/// The `meta` key of the channel's administrators.
const ADMINS_KEY: &[u8] = b"admins";
/// The `meta` key of when a reported membership change last changed the administrators.
const ADMINS_CHANGED_KEY: &[u8] = b"admins_changed_at";
/// The `meta` key of the team members seen writing in the team chat.
const ROSTER_KEY: &[u8] = b"team_roster";
/// The meta key holding the end of the last period a weekly digest was sent for.
const DIGEST_KEY: &[u8] = b"digest_sent_until";

/// Erases what the pipeline queues for a customer (effects, timers) in a view; returns how
/// many effects and timers went.
pub type PendingEraser<K> = fn(&K, UserId) -> StateResult<(u32, u32)>;

/// Typed access to the desk's records over a [`Kv`].
pub struct Ledger<K> {
    kv: K,
    /// Erases what the pipeline queued for a customer being forgotten, when the view holds it.
    pending_eraser: Option<PendingEraser<K>>,
}

impl<K: Kv> Ledger<K> {
    /// Wraps a key-value view.
    pub fn new(kv: K) -> Ledger<K> {
        Ledger {
            kv,
            pending_eraser: None,
        }
    }

    /// Also erases, with `eraser`, what the pipeline queued for a customer being forgotten.
    pub fn erasing_pending(mut self, eraser: PendingEraser<K>) -> Ledger<K> {
        self.pending_eraser = Some(eraser);
        self
    }

    /// The underlying view.
    pub fn kv(&self) -> &K {
        &self.kv
    }

    fn read<R: Record>(&self, tree: TreeName, key: &[u8]) -> StateResult<Option<R>> {
        match self.kv.get(tree, key)? {
            Some(bytes) => Ok(Some(codec::decode(&bytes)?)),
            None => Ok(None),
        }
    }

    fn write<R: Record>(&self, tree: TreeName, key: &[u8], record: &R) -> StateResult<()> {
        self.kv.insert(tree, key, codec::encode(record)?)
    }

    fn read_user(&self, tree: TreeName, key: &[u8]) -> StateResult<Option<UserId>> {
        Ok(self
            .kv
            .get(tree, key)?
            .and_then(|bytes| keys::read_signed(&bytes))
            .map(UserId))
    }

    fn read_message(&self, tree: TreeName, key: &[u8]) -> StateResult<Option<MessageId>> {
        Ok(self
            .kv
            .get(tree, key)?
            .and_then(|bytes| read_message_id(&bytes)))
    }
}

fn read_message_id(bytes: &[u8]) -> Option<MessageId> {
    Some(MessageId(i32::from_be_bytes(
        bytes.get(..4)?.try_into().ok()?,
    )))
}

impl<K: Kv> DeskState for Ledger<K> {
    fn customer(&self, id: UserId) -> StateResult<Option<Customer>> {
        self.read(TreeName::Customers, &keys::customer(id))
    }

    fn save_customer(&mut self, customer: &Customer) -> StateResult<()> {
        self.write(TreeName::Customers, &keys::customer(customer.id), customer)
    }

    fn ticket(&self, customer: UserId, number: TicketNumber) -> StateResult<Option<Ticket>> {
        self.read(TreeName::Tickets, &keys::ticket(customer, number))
    }

    fn save_ticket(&mut self, ticket: &Ticket) -> StateResult<()> {
        self.write(
            TreeName::Tickets,
            &keys::ticket(ticket.customer, ticket.number),
            ticket,
        )
    }

    fn relay(&self, customer: UserId) -> StateResult<RelayState> {
        Ok(self
            .read(TreeName::Relay, &keys::customer(customer))?
            .unwrap_or_default())
    }

    fn save_relay(&mut self, customer: UserId, relay: &RelayState) -> StateResult<()> {
        let key = keys::customer(customer);
        if relay.is_empty() {
            self.kv.remove(TreeName::Relay, &key)
        } else {
            self.write(TreeName::Relay, &key, relay)
        }
    }

    fn customer_by_root(&self, chat: ChatId, root: MessageId) -> StateResult<Option<UserId>> {
        self.read_user(TreeName::Index, &keys::root(chat, root))
    }

    fn save_root(&mut self, chat: ChatId, root: MessageId, customer: UserId) -> StateResult<()> {
        self.kv.insert(
            TreeName::Index,
            &keys::root(chat, root),
            keys::signed(customer.0).to_vec(),
        )
    }

    fn customer_by_post(&self, chat: ChatId, post: MessageId) -> StateResult<Option<UserId>> {
        self.read_user(TreeName::Index, &keys::post(chat, post))
    }

    fn save_post(&mut self, chat: ChatId, post: MessageId, customer: UserId) -> StateResult<()> {
        self.kv.insert(
            TreeName::Index,
            &keys::post(chat, post),
            keys::signed(customer.0).to_vec(),
        )
    }

    fn unclaimed_root(&self, chat: ChatId, post: MessageId) -> StateResult<Option<MessageId>> {
        self.read_message(TreeName::Index, &keys::unclaimed_root(chat, post))
    }

    fn save_unclaimed_root(
        &mut self,
        chat: ChatId,
        post: MessageId,
        root: Option<MessageId>,
    ) -> StateResult<()> {
        let key = keys::unclaimed_root(chat, post);
        match root {
            Some(root) => self
                .kv
                .insert(TreeName::Index, &key, root.0.to_be_bytes().to_vec()),
            None => self.kv.remove(TreeName::Index, &key),
        }
    }

    fn team_side(
        &self,
        customer: UserId,
        message: MessageId,
    ) -> StateResult<Option<(ChatId, MessageId)>> {
        links::team_side(&self.kv, customer, message)
    }

    fn canned_replies(&self) -> StateResult<Vec<CannedReply>> {
        Ok(self.read(TreeName::Meta, CANNED_KEY)?.unwrap_or_default())
    }

    fn save_canned_replies(&mut self, replies: &[CannedReply]) -> StateResult<()> {
        self.write(TreeName::Meta, CANNED_KEY, &replies.to_vec())
    }

    fn open_tickets(&self) -> StateResult<i64> {
        Ok(self
            .kv
            .get(TreeName::Meta, OPEN_TICKETS_KEY)?
            .and_then(|bytes| Some(i64::from_be_bytes(bytes.get(..8)?.try_into().ok()?)))
            .unwrap_or(0))
    }

    fn count_open_tickets(&mut self, delta: i64) -> StateResult<()> {
        let count = self.open_tickets()?.saturating_add(delta).max(0);
        self.kv.insert(
            TreeName::Meta,
            OPEN_TICKETS_KEY,
            count.to_be_bytes().to_vec(),
        )
    }

    fn admins(&self) -> StateResult<Vec<Admin>> {
        Ok(self.read(TreeName::Meta, ADMINS_KEY)?.unwrap_or_default())
    }

    fn save_admins(&mut self, admins: &[Admin]) -> StateResult<()> {
        self.write(TreeName::Meta, ADMINS_KEY, &admins.to_vec())
    }

    fn admins_changed_at(&self) -> StateResult<Option<Timestamp>> {
        Ok(self
            .kv
            .get(TreeName::Meta, ADMINS_CHANGED_KEY)?
            .and_then(|bytes| keys::read_signed(&bytes))
            .map(Timestamp))
    }

    fn save_admins_changed_at(&mut self, at: Timestamp) -> StateResult<()> {
        self.kv.insert(
            TreeName::Meta,
            ADMINS_CHANGED_KEY,
            keys::signed(at.0).to_vec(),
        )
    }

    fn customer_side(
        &self,
        chat: ChatId,
        message: MessageId,
    ) -> StateResult<Option<(UserId, MessageId)>> {
        links::customer_side(&self.kv, chat, message)
    }

    fn team_roster(&self) -> StateResult<Vec<KnownMember>> {
        Ok(self.read(TreeName::Meta, ROSTER_KEY)?.unwrap_or_default())
    }

    fn save_team_roster(&mut self, roster: &[KnownMember]) -> StateResult<()> {
        self.write(TreeName::Meta, ROSTER_KEY, &roster.to_vec())
    }

    fn digest_sent_until(&self) -> StateResult<Option<Timestamp>> {
        Ok(self
            .kv
            .get(TreeName::Meta, DIGEST_KEY)?
            .and_then(|bytes| keys::read_signed(&bytes))
            .map(Timestamp))
    }

    fn save_digest_sent_until(&mut self, until: Timestamp) -> StateResult<()> {
        self.kv
            .insert(TreeName::Meta, DIGEST_KEY, keys::signed(until.0).to_vec())
    }

    fn lookup(&self, lookup: &Lookup, offset: usize, limit: usize) -> StateResult<LookupPage> {
        self.kv.directory()?.page(lookup, offset, limit)
    }

    fn broadcast(&self, id: BroadcastId) -> StateResult<Option<Broadcast>> {
        broadcasts::broadcast(&self.kv, id)
    }

    fn save_broadcast(&mut self, broadcast: &Broadcast) -> StateResult<()> {
        broadcasts::save_broadcast(&self.kv, broadcast)
    }

    fn active_broadcasts(&self) -> StateResult<Vec<BroadcastId>> {
        broadcasts::active_broadcasts(&self.kv)
    }

    fn next_broadcast_id(&mut self) -> StateResult<BroadcastId> {
        broadcasts::next_broadcast_id(&self.kv)
    }

    fn forget_customer(&mut self, customer: UserId) -> StateResult<Option<Erasure>> {
        let Some(mut erasure) = erasure::forget(&self.kv, customer)? else {
            return Ok(None);
        };
        if let Some(eraser) = self.pending_eraser {
            (erasure.queued, erasure.timers) = eraser(&self.kv, customer)?;
        }
        if erasure.open_tickets > 0 {
            self.count_open_tickets(-i64::from(erasure.open_tickets))?;
        }
        Ok(Some(erasure))
    }

    fn opted_out(&self, customer: UserId) -> StateResult<Option<Timestamp>> {
        broadcasts::opted_out(&self.kv, customer)
    }

    fn save_opt_out(&mut self, customer: UserId, at: Option<Timestamp>) -> StateResult<()> {
        broadcasts::save_opt_out(&self.kv, customer, at)
    }

    fn remember_album_item(
        &mut self,
        chat: ChatId,
        group: &str,
        message: MessageId,
    ) -> StateResult<()> {
        albums::remember_item(&self.kv, chat, group, message)
    }

    fn album_of(&self, chat: ChatId, message: MessageId) -> StateResult<Vec<MessageId>> {
        albums::album_of(&self.kv, chat, message)
    }

    fn broadcast_of_copy(
        &self,
        customer: UserId,
        message: MessageId,
    ) -> StateResult<Option<BroadcastId>> {
        broadcasts::broadcast_of_copy(&self.kv, customer, message)
    }

    fn pending_import(&self, command: MessageId) -> StateResult<Option<PendingImport>> {
        self.kv
            .get(TreeName::Meta, &pending_import_key(command))?
            .map(|bytes| codec::decode(&bytes).map_err(Into::into))
            .transpose()
    }

    fn save_pending_import(
        &mut self,
        command: MessageId,
        import: Option<&PendingImport>,
    ) -> StateResult<()> {
        let key = pending_import_key(command);
        match import {
            Some(import) => self.kv.insert(TreeName::Meta, &key, codec::encode(import)?),
            None => self.kv.remove(TreeName::Meta, &key),
        }
    }
}
