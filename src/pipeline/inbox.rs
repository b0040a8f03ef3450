//! The inbox: updates are stored (and flushed) here before Telegram is told they arrived, and
//! internal events (outcomes of effects, due timers) join them, so nothing is processed that
//! was not first made durable.

use serde::{Deserialize, Serialize};

use crate::desk::{Event, StateResult, read_legacy_cards};
use crate::domain::Workspace;
use crate::pipeline::upstream::{self, Route};
use crate::storage::codec::{self, Record};
use crate::storage::{Kv, StorageError, Store, TreeName, TxKv, keys};

/// One entry waiting to be processed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum InboxItem {
    /// A Telegram update, exactly as received.
    Update {
        /// Telegram's `update_id`.
        update_id: i64,
        /// The update's JSON.
        json: Vec<u8>,
    },
    /// An event the bot produced itself.
    Event(Box<Event>),
    /// The outcome of an effect (a card's new post, a failure), with the workspace the effect
    /// was decided in: its message ids mean something only there.
    Outcome {
        /// The event.
        event: Box<Event>,
        /// The effect's workspace (`None` when it was stored without one).
        workspace: Option<Workspace>,
    },
}

impl Record for InboxItem {
    const VERSION: u8 = 2;

    fn upgrade(version: u8, payload: &[u8]) -> Result<Self, codec::CodecError> {
        match version {
            // Version 1 differs only in the layout of the cards that outcomes may hold.
            1 => read_legacy_cards(|| codec::decode_payload(payload)),
            _ => Err(codec::CodecError::UnknownVersion {
                record: "InboxItem",
                version,
            }),
        }
    }
}

/// The `meta` key of the next `getUpdates` offset.
const OFFSET_KEY: &[u8] = b"poll_offset";

/// An update as received, and where it goes.
#[derive(Clone, Debug, PartialEq)]
pub struct Received {
    /// Telegram's `update_id`.
    pub update_id: i64,
    /// The update's JSON.
    pub json: Vec<u8>,
    /// The desk, the existing bot behind the proxy, or both.
    pub route: Route,
}

impl Received {
    /// An update for the desk alone.
    pub fn for_desk(update_id: i64, json: Vec<u8>) -> Received {
        Received {
            update_id,
            json,
            route: Route::desk(),
        }
    }
}

/// Stores received updates in order, skipping any already stored, together with the offset
/// that confirms them: in the inbox for the desk, and for the existing bot behind the proxy
/// (see [`upstream`]). Returns how many were new. The caller flushes before confirming.
pub fn store_updates(
    store: &Store,
    updates: &[Received],
    next_offset: Option<i64>,
) -> Result<usize, StorageError> {
    // Ids are taken outside the transaction: a retried transaction must not take new ones.
    let ids = updates
        .iter()
        .map(|_| store.generate_id())
        .collect::<Result<Vec<_>, _>>()?;
    if updates
        .iter()
        .all(|update| update.route.existing_bot.is_none())
    {
        // Plain writes, each update's entry before the mark that it was seen and the offset
        // that confirms the batch last: sled recovers a prefix of its log, so a crash keeps
        // whole updates or refetches them. A transaction would cost sled two more log writes.
        return write_updates(store, updates, &ids, next_offset).map_err(StorageError::State);
    }
    let trees = [
        TreeName::Inbox,
        TreeName::Seen,
        TreeName::Meta,
        TreeName::Upstream,
    ];
    // The existing bot's queue keeps counters, which its delivery task changes too.
    store.transaction(&trees, |kv| {
        for update in updates {
            if let Some(kind) = &update.route.existing_bot
                && kv
                    .get(TreeName::Seen, &keys::signed(update.update_id))?
                    .is_none()
            {
                upstream::push(kv, update.update_id, kind, &update.json)?;
            }
        }
        write_updates(kv, updates, &ids, next_offset)
    })
}

/// Writes the updates not seen before (for the desk: into the inbox under `ids`), marks them
/// seen, then saves the offset; returns how many were new.
fn write_updates(
    kv: &impl Kv,
    updates: &[Received],
    ids: &[u64],
    next_offset: Option<i64>,
) -> StateResult<usize> {
    let mut fresh = 0;
    for (update, id) in updates.iter().zip(ids) {
        let seen_key = keys::signed(update.update_id);
        if kv.get(TreeName::Seen, &seen_key)?.is_some() {
            continue;
        }
        if update.route.desk {
            let item = InboxItem::Update {
                update_id: update.update_id,
                json: update.json.clone(),
            };
            kv.insert(TreeName::Inbox, &keys::sequence(*id), codec::encode(&item)?)?;
        }
        kv.insert(
            TreeName::Seen,
            &seen_key,
            crate::pipeline::clock::now().0.to_be_bytes().to_vec(),
        )?;
        fresh += 1;
    }
    if let Some(offset) = next_offset {
        kv.insert(TreeName::Meta, OFFSET_KEY, offset.to_be_bytes().to_vec())?;
    }
    Ok(fresh)
}

/// Adds an internal event to the inbox within a transaction that includes the inbox tree.
pub fn push_event(kv: &TxKv<'_>, event: Event) -> StateResult<()> {
    let id = kv.generate_id()?;
    kv.insert(
        TreeName::Inbox,
        &keys::sequence(id),
        codec::encode(&InboxItem::Event(Box::new(event)))?,
    )
}

/// Adds the outcome of an effect decided in `workspace` to the inbox, within a transaction
/// that includes the inbox tree.
pub fn push_outcome(kv: &TxKv<'_>, event: Event, workspace: Option<Workspace>) -> StateResult<()> {
    let id = kv.generate_id()?;
    kv.insert(
        TreeName::Inbox,
        &keys::sequence(id),
        codec::encode(&InboxItem::Outcome {
            event: Box::new(event),
            workspace,
        })?,
    )
}

/// Adds an internal event to the inbox on its own (the caller wakes the processor).
pub fn push_event_now(store: &Store, event: Event) -> Result<(), StorageError> {
    store.transaction(&[TreeName::Inbox], |kv| push_event(kv, event.clone()))
}

/// The offset to resume `getUpdates` from, if one was saved.
pub fn saved_offset(store: &Store) -> Result<Option<i64>, StorageError> {
    Ok(store
        .get(TreeName::Meta, OFFSET_KEY)?
        .and_then(|bytes| Some(i64::from_be_bytes(bytes.get(..8)?.try_into().ok()?))))
}

/// The oldest entries, up to `limit`, with their keys.
pub fn oldest(store: &Store, limit: usize) -> Result<Vec<(Vec<u8>, InboxItem)>, StorageError> {
    let mut items = Vec::new();
    for (key, value) in store.scan_prefix(TreeName::Inbox, &[], limit)? {
        match codec::decode(&value) {
            Ok(item) => items.push((key, item)),
            Err(error) => {
                // A record this build cannot read is set aside rather than blocking the inbox.
                tracing::error!(%error, "unreadable inbox entry moved aside");
                store.set_aside(TreeName::Inbox, &key, &value, "unreadable_inbox")?;
            }
        }
    }
    Ok(items)
}

/// Forgets redelivery marks older than `max_age_ms` (Telegram never redelivers after a day).
pub fn prune_seen(store: &Store, max_age_ms: i64) -> Result<usize, StorageError> {
    let cutoff = crate::pipeline::clock::now().0 - max_age_ms;
    let mut removed = 0;
    for key in store.keys(TreeName::Seen)? {
        let stale = store
            .get(TreeName::Seen, &key)?
            .and_then(|bytes| Some(i64::from_be_bytes(bytes.get(..8)?.try_into().ok()?)))
            .is_some_and(|stored_at| stored_at < cutoff);
        if stale {
            store.remove(TreeName::Seen, &key)?;
            removed += 1;
        }
    }
    Ok(removed)
}
