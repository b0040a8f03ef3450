//! Stored timers: the desk asks to be reminded (album complete, thread overdue, ...), and the
//! reminder comes back through the inbox when due, even across restarts.

use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use super::{clock, inbox};
use crate::desk::{Event, StateResult, Timer};
use crate::domain::{Timestamp, UserId};
use crate::storage::codec::{self, Record};
use crate::storage::{Kv, StorageError, Store, TreeName, TxKv, keys};

/// A stored timer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct StoredTimer(Timer);

impl Record for StoredTimer {}

/// Stores a timer within a transaction that includes the timers tree.
pub fn schedule(kv: &TxKv<'_>, at: Timestamp, timer: Timer) -> StateResult<()> {
    let key = [
        keys::signed(at.0).as_slice(),
        &keys::sequence(kv.generate_id()?),
    ]
    .concat();
    kv.insert(TreeName::Timers, &key, codec::encode(&StoredTimer(timer))?)
}

/// Removes every timer set for a customer (albums, automatic close, thread checks); returns
/// how many.
pub(super) fn forget<K: Kv>(kv: &K, customer: UserId) -> StateResult<u32> {
    let mut removed = 0;
    for (key, value) in kv.scan_prefix(TreeName::Timers, &[])? {
        let Ok(StoredTimer(timer)) = codec::decode::<StoredTimer>(&value) else {
            continue;
        };
        let theirs = match timer {
            Timer::CustomerAlbum { customer: c, .. }
            | Timer::TeamAlbum { customer: c, .. }
            | Timer::AutoClose { customer: c, .. }
            | Timer::ThreadOverdue { customer: c, .. } => c == customer,
            Timer::Digest { .. } | Timer::BroadcastDue { .. } => false,
        };
        if theirs {
            kv.remove(TreeName::Timers, &key)?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Keeps the weekly digest's timer in step with the settings at start, before the desk runs:
/// one `Timer::Digest` when `next` is set (an existing one is kept, so a digest that fell due
/// while the bot was stopped still goes out), none otherwise.
pub fn ensure_digest(store: &Store, next: Option<Timestamp>) -> Result<(), StorageError> {
    let mut digests = Vec::new();
    for entry in store.iter(TreeName::Timers) {
        let (key, value) = entry?;
        if let Ok(StoredTimer(Timer::Digest { .. })) = codec::decode::<StoredTimer>(&value) {
            digests.push(key);
        }
    }
    let keep = usize::from(next.is_some());
    store.transaction(&[TreeName::Timers], |kv| {
        for key in digests.iter().skip(keep) {
            kv.remove(TreeName::Timers, key)?;
        }
        match next {
            Some(at) if digests.is_empty() => schedule(kv, at, Timer::Digest { due: at }),
            _ => Ok(()),
        }
    })
}

/// Moves due timers into the inbox until `shutdown`; `wake` signals a newly stored timer.
pub async fn run(
    store: Store,
    wake: Arc<Notify>,
    inbox_wake: Arc<Notify>,
    shutdown: CancellationToken,
) {
    loop {
        let sleep = match store.first(TreeName::Timers) {
            Ok(Some((key, value))) => {
                let due = keys::read_signed(&key).unwrap_or(0);
                let now = clock::now().0;
                if due <= now {
                    if fire(&store, &key, &value) {
                        inbox_wake.notify_one();
                        continue;
                    }
                    // Storage is failing: try again shortly rather than spin.
                    Duration::from_secs(1)
                } else {
                    Duration::from_millis(u64::try_from(due - now).unwrap_or(0))
                }
            }
            Ok(None) => Duration::from_secs(3600),
            Err(error) => {
                tracing::error!(%error, "cannot read timers");
                Duration::from_secs(1)
            }
        };
        tokio::select! {
            () = tokio::time::sleep(sleep) => {}
            () = wake.notified() => {}
            () = shutdown.cancelled() => return,
        }
    }
}

/// Moves one due timer into the inbox atomically; `false` if storage failed.
fn fire(store: &Store, key: &[u8], value: &[u8]) -> bool {
    let result = store.transaction(&[TreeName::Timers, TreeName::Inbox], |kv| {
        kv.remove(TreeName::Timers, key)?;
        match codec::decode::<StoredTimer>(value) {
            Ok(StoredTimer(timer)) => inbox::push_event(kv, Event::Timer(timer)),
            Err(error) => {
                tracing::error!(%error, "unreadable timer dropped");
                Ok(())
            }
        }
    });
    if let Err(error) = &result {
        tracing::error!(%error, "cannot fire a timer");
    }
    result.is_ok()
}
