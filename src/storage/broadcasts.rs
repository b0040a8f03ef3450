//! Broadcasts as stored: the desk's records in the `broadcasts` tree (each broadcast, the list
//! of active ones, the next number, customers who opted out) and the broadcast lane's in the
//! `deliveries` tree (one [`Delivery`] per recipient, each broadcast's [`Progress`], and which
//! broadcast a customer's copy belongs to).
//!
//! A delivery is written before its Telegram call ([`Delivery::InFlight`], made durable) and
//! rewritten with the outcome after it, so a recipient with any delivery record is never sent
//! the broadcast again; one still in flight after a crash is counted as uncertain.

use serde::{Deserialize, Serialize};

use super::codec::{self, Record};
use super::keys;
use super::kv::{Kv, TreeName};
use crate::desk::StateResult;
use crate::domain::{Broadcast, BroadcastCounts, BroadcastId, MessageId, Timestamp, UserId};

impl Record for Broadcast {}
impl Record for Vec<BroadcastId> {}
impl Record for Delivery {}
impl Record for Progress {}

/// The key of the list of active broadcasts.
const ACTIVE_KEY: &[u8] = b"A";
/// The key of the next broadcast number.
const NEXT_KEY: &[u8] = b"N";

/// The key of a broadcast's record.
fn record_key(id: BroadcastId) -> [u8; 9] {
    tagged(b'B', id)
}

/// The key of a customer's opt-out.
fn opt_out_key(customer: UserId) -> [u8; 9] {
    let mut key = [0u8; 9];
    key[0] = b'O';
    key[1..].copy_from_slice(&keys::signed(customer.0));
    key
}

fn tagged(tag: u8, id: BroadcastId) -> [u8; 9] {
    let mut key = [0u8; 9];
    key[0] = tag;
    key[1..].copy_from_slice(&keys::sequence(id.0));
    key
}

/// A broadcast's record.
pub fn broadcast(kv: &impl Kv, id: BroadcastId) -> StateResult<Option<Broadcast>> {
    kv.get(TreeName::Broadcasts, &record_key(id))?
        .map(|bytes| codec::decode(&bytes).map_err(Into::into))
        .transpose()
}

/// Stores a broadcast's record, and keeps the list of active broadcasts up to date.
pub fn save_broadcast(kv: &impl Kv, broadcast: &Broadcast) -> StateResult<()> {
    kv.insert(
        TreeName::Broadcasts,
        &record_key(broadcast.id),
        codec::encode(broadcast)?,
    )?;
    let mut active = active_broadcasts(kv)?;
    let listed = active.contains(&broadcast.id);
    if broadcast.status.is_active() != listed {
        active.retain(|id| *id != broadcast.id);
        if broadcast.status.is_active() {
            active.push(broadcast.id);
        }
        kv.insert(TreeName::Broadcasts, ACTIVE_KEY, codec::encode(&active)?)?;
    }
    Ok(())
}

/// The broadcasts not done nor cancelled, oldest first.
pub fn active_broadcasts(kv: &impl Kv) -> StateResult<Vec<BroadcastId>> {
    Ok(match kv.get(TreeName::Broadcasts, ACTIVE_KEY)? {
        Some(bytes) => codec::decode(&bytes)?,
        None => Vec::new(),
    })
}

/// A number for a new broadcast.
pub fn next_broadcast_id(kv: &impl Kv) -> StateResult<BroadcastId> {
    let next = kv
        .get(TreeName::Broadcasts, NEXT_KEY)?
        .and_then(|bytes| keys::read_sequence(&bytes))
        .unwrap_or(1);
    kv.insert(
        TreeName::Broadcasts,
        NEXT_KEY,
        keys::sequence(next + 1).to_vec(),
    )?;
    Ok(BroadcastId(next))
}

/// When the customer opted out of broadcasts, if they did.
pub fn opted_out(kv: &impl Kv, customer: UserId) -> StateResult<Option<Timestamp>> {
    Ok(kv
        .get(TreeName::Broadcasts, &opt_out_key(customer))?
        .and_then(|bytes| keys::read_signed(&bytes))
        .map(Timestamp))
}

/// Records that the customer opted out (`Some`) or back in (`None`).
pub fn save_opt_out(kv: &impl Kv, customer: UserId, at: Option<Timestamp>) -> StateResult<()> {
    let key = opt_out_key(customer);
    match at {
        Some(at) => kv.insert(TreeName::Broadcasts, &key, keys::signed(at.0).to_vec()),
        None => kv.remove(TreeName::Broadcasts, &key),
    }
}

/// What happened to one recipient's copy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Delivery {
    /// Its call is on its way (or the bot stopped during it).
    InFlight,
    /// Delivered: the copies' ids in the customer's chat.
    Sent(Vec<MessageId>),
    /// The customer has blocked the bot (or deleted their account).
    Blocked,
    /// Refused for good, and why.
    Failed(String),
    /// The bot stopped while the call was on its way: sent or not, it is not sent again.
    Uncertain,
}

/// How far a running broadcast got.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// The last customer examined (customers go in id order).
    pub cursor: Option<UserId>,
    /// The recipient whose call is on its way, if any.
    pub in_flight: Option<UserId>,
    /// Whether the recipients were counted for the start.
    pub counted: bool,
    /// Whether every recipient was tried (and the desk told).
    pub finished: bool,
    /// What it achieved so far.
    pub counts: BroadcastCounts,
}

/// Removes a customer's opt-out, their delivery records and the record of which broadcast
/// their copies were. Returns whether they had opted out and how many records went.
pub fn forget(kv: &impl Kv, customer: UserId) -> StateResult<(bool, u32)> {
    let opt_out = opt_out_key(customer);
    let opted_out = kv.get(TreeName::Broadcasts, &opt_out)?.is_some();
    if opted_out {
        kv.remove(TreeName::Broadcasts, &opt_out)?;
    }
    let theirs = keys::signed(customer.0);
    let mut removed = 0;
    for (key, _) in kv.scan_prefix(TreeName::Deliveries, b"D")? {
        if key.len() == 17 && key[9..] == theirs {
            kv.remove(TreeName::Deliveries, &key)?;
            removed += 1;
        }
    }
    for (key, _) in kv.scan_prefix(TreeName::Deliveries, &copy_key(customer, MessageId(0))[..9])? {
        kv.remove(TreeName::Deliveries, &key)?;
        removed += 1;
    }
    Ok((opted_out, removed))
}

/// The key of a recipient's delivery.
pub fn delivery_key(id: BroadcastId, customer: UserId) -> [u8; 17] {
    let mut key = [0u8; 17];
    key[..9].copy_from_slice(&tagged(b'D', id));
    key[9..].copy_from_slice(&keys::signed(customer.0));
    key
}

/// The key of a broadcast's progress.
pub fn progress_key(id: BroadcastId) -> [u8; 9] {
    tagged(b'P', id)
}

/// The key that names the broadcast a customer's copy belongs to.
pub fn copy_key(customer: UserId, message: MessageId) -> [u8; 13] {
    let mut key = [0u8; 13];
    key[0] = b'C';
    key[1..9].copy_from_slice(&keys::signed(customer.0));
    key[9..].copy_from_slice(&message.0.to_be_bytes());
    key
}

/// A recipient's delivery, if the broadcast tried them.
pub fn delivery(kv: &impl Kv, id: BroadcastId, customer: UserId) -> StateResult<Option<Delivery>> {
    kv.get(TreeName::Deliveries, &delivery_key(id, customer))?
        .map(|bytes| codec::decode(&bytes).map_err(Into::into))
        .transpose()
}

/// A broadcast's progress (nothing yet when it never ran).
pub fn progress(kv: &impl Kv, id: BroadcastId) -> StateResult<Progress> {
    Ok(match kv.get(TreeName::Deliveries, &progress_key(id))? {
        Some(bytes) => codec::decode(&bytes)?,
        None => Progress::default(),
    })
}

/// The broadcast a customer's message copy belongs to, if it is one.
pub fn broadcast_of_copy(
    kv: &impl Kv,
    customer: UserId,
    message: MessageId,
) -> StateResult<Option<BroadcastId>> {
    Ok(kv
        .get(TreeName::Deliveries, &copy_key(customer, message))?
        .and_then(|bytes| keys::read_sequence(&bytes))
        .map(BroadcastId))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{BroadcastStatus, ChatId};
    use crate::storage::MemoryKv;

    fn record(id: u64, status: BroadcastStatus) -> Broadcast {
        Broadcast {
            id: BroadcastId(id),
            author: "Maria".into(),
            author_id: Some(UserId(5)),
            created_at: Timestamp(1),
            chat: ChatId(-100),
            messages: vec![MessageId(7)],
            command: MessageId(8),
            segment: "all".into(),
            at: None,
            status,
            preview: None,
            counts: BroadcastCounts::default(),
            started_at: None,
            finished_at: None,
        }
    }

    #[test]
    fn active_broadcasts_follow_their_status() {
        let kv = MemoryKv::default();
        assert_eq!(next_broadcast_id(&kv).unwrap(), BroadcastId(1));
        assert_eq!(next_broadcast_id(&kv).unwrap(), BroadcastId(2));
        save_broadcast(&kv, &record(1, BroadcastStatus::Running)).unwrap();
        save_broadcast(&kv, &record(2, BroadcastStatus::Draft)).unwrap();
        assert_eq!(
            active_broadcasts(&kv).unwrap(),
            [BroadcastId(1), BroadcastId(2)]
        );
        save_broadcast(&kv, &record(1, BroadcastStatus::Done)).unwrap();
        assert_eq!(active_broadcasts(&kv).unwrap(), [BroadcastId(2)]);
        assert_eq!(
            broadcast(&kv, BroadcastId(1)).unwrap().unwrap().status,
            BroadcastStatus::Done
        );
    }

    #[test]
    fn opting_out_and_back_in() {
        let kv = MemoryKv::default();
        assert_eq!(opted_out(&kv, UserId(9)).unwrap(), None);
        save_opt_out(&kv, UserId(9), Some(Timestamp(3))).unwrap();
        assert_eq!(opted_out(&kv, UserId(9)).unwrap(), Some(Timestamp(3)));
        save_opt_out(&kv, UserId(9), None).unwrap();
        assert_eq!(opted_out(&kv, UserId(9)).unwrap(), None);
    }
}
