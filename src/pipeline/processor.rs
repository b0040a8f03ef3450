//! The processor: takes inbox entries in order, runs the desk on each inside one transaction
//! (inbox entry removed, state changed, effects queued, timers set), then makes the batch
//! durable before waking the sender, so an effect is never sent unless its cause is stored.

use std::collections::HashSet;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use super::inbox::{self, InboxItem};
use super::outbox::{self, Lane};
use super::sender::LaneWaker;
use super::{clock, timers};
use crate::desk::{Desk, Event};
use crate::storage::{Kv, Ledger, StorageError, Store, TreeName};

/// How many inbox entries are processed between two flushes.
const BATCH: usize = 256;

/// Translating an update needs information that is unavailable right now (for example
/// Telegram did not answer a membership question); the update stays in the inbox.
#[derive(Debug)]
pub struct TranslateError(pub String);

/// Turns a stored Telegram update into a desk event (or nothing, for updates the desk ignores).
pub trait Translator: Send + Sync + 'static {
    /// Translates one update's JSON.
    fn translate(
        &self,
        update: &[u8],
    ) -> impl Future<Output = Result<Option<Event>, TranslateError>> + Send;
}

/// What the processor needs.
pub struct Processor<T> {
    /// The database.
    pub store: Store,
    /// The rules.
    pub desk: Desk,
    /// Update parsing.
    pub translator: T,
    /// Wakes the sender's lanes.
    pub lanes: LaneWaker,
    /// Signalled when the inbox gets entries.
    pub inbox_wake: Arc<Notify>,
    /// Signalled when timers are stored.
    pub timers_wake: Arc<Notify>,
}

impl<T: Translator> Processor<T> {
    /// Processes the inbox until `shutdown`, finishing the batch in hand first.
    pub async fn run(self, shutdown: CancellationToken) {
        let mut failures = Failures::default();
        loop {
            let batch = match inbox::oldest(&self.store, BATCH) {
                Ok(batch) => batch,
                Err(error) => {
                    tracing::error!(%error, "cannot read the inbox");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                }
            };
            if batch.is_empty() {
                tokio::select! {
                    () = self.inbox_wake.notified() => continue,
                    () = shutdown.cancelled() => return,
                }
            }
            let mut lanes = HashSet::new();
            let mut timers_set = false;
            for (key, item) in batch {
                if shutdown.is_cancelled() {
                    break;
                }
                match self.process(&key, item).await {
                    Ok((touched, timers)) => {
                        lanes.extend(touched);
                        timers_set |= timers;
                    }
                    Err(error) => {
                        let attempts = failures.count(&key);
                        if matches!(error, ProcessError::Storage(StorageError::State(_)))
                            && attempts >= MAX_ATTEMPTS
                        {
                            tracing::error!(%error, "an inbox entry keeps failing; it is set aside in the meta tree");
                            self.quarantine(&key);
                            continue;
                        }
                        let wait = Duration::from_millis(200).saturating_mul(attempts.min(50));
                        tracing::error!(%error, attempts, ?wait, "processing an inbox entry failed; it stays in the inbox");
                        tokio::time::sleep(wait).await;
                        break;
                    }
                }
            }
            self.store.flush().await;
            self.lanes.wake(lanes);
            if timers_set {
                self.timers_wake.notify_one();
            }
            if shutdown.is_cancelled() {
                return;
            }
        }
    }

    /// Moves an entry that cannot be processed out of the inbox, keeping its bytes for analysis.
    fn quarantine(&self, key: &[u8]) {
        let moved = self.store.get(TreeName::Inbox, key).and_then(|value| {
            if let Some(value) = value {
                self.store.insert(
                    TreeName::Meta,
                    &[b"failed_inbox:".as_slice(), key].concat(),
                    &value,
                )?;
            }
            self.store.remove(TreeName::Inbox, key)
        });
        if let Err(error) = moved {
            tracing::error!(%error, "cannot set the failing inbox entry aside");
        }
    }

    /// Runs the desk on one entry and commits the result with the entry's removal.
    async fn process(
        &self,
        key: &[u8],
        item: InboxItem,
    ) -> Result<(Vec<Lane>, bool), ProcessError> {
        let event = match item {
            InboxItem::Update { json, update_id } => {
                let event = self
                    .translator
                    .translate(&json)
                    .await
                    .map_err(ProcessError::Translate)?;
                tracing::trace!(update_id, ?event, "update translated");
                event
            }
            InboxItem::Event(event) => Some(*event),
        };
        let now = clock::now();
        let trees = [
            TreeName::Inbox,
            TreeName::Customers,
            TreeName::Tickets,
            TreeName::Relay,
            TreeName::Index,
            TreeName::Links,
            TreeName::Outbox,
            TreeName::Timers,
            TreeName::Meta,
        ];
        self.store
            .transaction(&trees, |kv| {
                kv.remove(TreeName::Inbox, key)?;
                let Some(event) = &event else {
                    return Ok((Vec::new(), false));
                };
                let mut ledger = Ledger::new(kv);
                let output = self.desk.handle(&mut ledger, event.clone(), now)?;
                let timers_set = !output.timers.is_empty();
                for (at, timer) in output.timers {
                    timers::schedule(kv, at, timer)?;
                }
                let lanes = output
                    .effects
                    .into_iter()
                    .map(|effect| outbox::enqueue(kv, effect, now))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok((lanes, timers_set))
            })
            .map_err(ProcessError::Storage)
    }
}

/// An entry whose processing fails this many times in a row for a reason other than an
/// unreachable Telegram is set aside, so one bad record cannot stop the desk.
const MAX_ATTEMPTS: u32 = 5;

/// Consecutive failures of the entry at the head of the inbox.
#[derive(Default)]
struct Failures {
    key: Vec<u8>,
    count: u32,
}

impl Failures {
    /// Counts one more failure of `key` and returns how many in a row.
    fn count(&mut self, key: &[u8]) -> u32 {
        if self.key != key {
            self.key = key.to_vec();
            self.count = 0;
        }
        self.count += 1;
        self.count
    }
}

/// An inbox entry could not be processed now.
#[derive(Debug, thiserror::Error)]
enum ProcessError {
    /// The update could not be translated yet.
    #[error("translating the update failed: {}", .0.0)]
    Translate(TranslateError),
    /// Storage failed.
    #[error(transparent)]
    Storage(StorageError),
}
