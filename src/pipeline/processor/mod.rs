//! The processor: takes inbox entries in order, runs the desk on each and commits a batch of
//! them in one transaction (inbox entries removed, state changed, effects queued, timers set),
//! then makes the batch durable before waking the sender, so an effect is never sent unless its
//! cause is stored.
//!
//! An update that cannot be understood yet (its author's membership cannot be checked) moves to
//! its thread's queue in [`held`] in the same transaction, and the rest of the inbox goes on;
//! the queues are released, in order, when the translator can check again (`release`).
//!
//! Files: `mod.rs` (the run loop, translating and committing a batch), `release.rs` (the
//! waiting queues released in order), `tests.rs`.

use std::collections::HashSet;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use futures_util::FutureExt as _;
use tokio::sync::Notify;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use super::held::{self, Queue, Waiting};
use super::inbox::{self, InboxItem};
use super::metrics::Metrics;
use super::outbox::{self, Lane};
use super::sender::LaneWaker;
use super::webhooks::WebhookFeed;
use super::workspace::{self, CurrentWorkspace};
use super::{clock, erasure, integrations, timers};
use crate::desk::{Desk, Event};
use crate::domain::{Timestamp, Workspace};
use crate::storage::{Kv, Ledger, StorageError, Store, TreeName};

/// How many inbox entries are processed between two flushes.
const BATCH: usize = 256;

/// Waiting queues are tried again at least this often, even without a sign that checks work.
const RELEASE_EVERY: Duration = Duration::from_secs(30);

/// Translating an update needs information that is unavailable right now and the update has no
/// queue to wait in; it stays at the head of the inbox and is retried.
#[derive(Debug)]
pub struct TranslateError(pub String);

/// What a stored update means now.
#[derive(Clone, Debug, PartialEq)]
pub enum Translation {
    /// The desk event (`None`: nothing for the desk).
    Event(Option<Event>),
    /// The update must wait in `queue`: its thread already waits, or its author cannot be
    /// checked now.
    Wait {
        /// The queue (thread) it keeps its order in.
        queue: Queue,
        /// For an update that starts the wait of its queue, the event telling the desk so.
        first: Option<Event>,
    },
}

/// Turns a stored Telegram update into a desk event (or nothing, for updates the desk ignores).
pub trait Translator: Send + Sync + 'static {
    /// Translates one update's JSON. An update whose queue is in `waiting` must wait behind it.
    fn translate(
        &self,
        update: &[u8],
        waiting: &Waiting,
    ) -> impl Future<Output = Result<Translation, TranslateError>> + Send;
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
    /// Signalled when waiting updates may be understood now (membership checks work again).
    pub held_wake: Arc<Notify>,
    /// The workspace in use; the desk follows it when it changes (the channel was linked to
    /// another discussion group).
    pub workspace: CurrentWorkspace,
    /// Counters for `/metrics`.
    pub metrics: Arc<Metrics>,
    /// Which webhook events are kept, and the fan-out's wake-up.
    pub webhooks: WebhookFeed,
}

impl<T: Translator> Processor<T> {
    /// Processes the inbox until `shutdown`, finishing the batch in hand first.
    pub async fn run(mut self, shutdown: CancellationToken) {
        let mut failures = Failures::default();
        let mut waiting = self.load_waiting(&shutdown).await;
        // Whatever waited before a restart is tried at once.
        let mut release_at = Instant::now();
        loop {
            self.follow_workspace();
            if self.held_wake.notified().now_or_never().is_some() {
                release_at = Instant::now();
            }
            if !waiting.is_empty() && Instant::now() >= release_at {
                self.release(&mut waiting, &shutdown).await;
                release_at = Instant::now() + RELEASE_EVERY;
            }
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
                    () = self.held_wake.notified() => {
                        release_at = Instant::now();
                        continue;
                    }
                    () = tokio::time::sleep_until(release_at), if !waiting.is_empty() => continue,
                    () = shutdown.cancelled() => return,
                }
            }
            let mut committed = Committed::default();
            let mut prepared = Vec::with_capacity(batch.len());
            let mut failed = None;
            for (key, item) in batch {
                if shutdown.is_cancelled() {
                    break;
                }
                match self.translate(&item, &waiting).await {
                    Ok(Translation::Event(event)) => prepared.push(Prepared {
                        key,
                        action: Action::Process(event),
                        now: clock::now(),
                        workspace: self.workspace.get(),
                    }),
                    Ok(Translation::Wait { queue, first }) => {
                        if first.is_some() {
                            tracing::info!(
                                queue,
                                "a thread's team-chat messages wait for a membership check"
                            );
                        }
                        waiting.insert(queue);
                        prepared.push(Prepared {
                            key,
                            action: Action::Wait { queue, item, first },
                            now: clock::now(),
                            workspace: self.workspace.get(),
                        });
                    }
                    Err(error) => {
                        failed = Some((key, error));
                        break;
                    }
                }
            }
            match self.commit(&prepared, TreeName::Inbox) {
                Ok(batch) => committed.add(batch),
                Err(_) => {
                    // One entry spoils the batch: commit them one by one to find it.
                    for entry in prepared {
                        match self.commit(std::slice::from_ref(&entry), TreeName::Inbox) {
                            Ok(one) => committed.add(one),
                            Err(error) => {
                                failed = Some((entry.key, error));
                                break;
                            }
                        }
                    }
                    // Queues counted as waiting for entries that stayed in the inbox are not.
                    waiting = self.load_waiting(&shutdown).await;
                }
            }
            if let Some((key, error)) = failed {
                let attempts = failures.count(&key);
                if matches!(error, ProcessError::Storage(StorageError::State(_)))
                    && attempts >= MAX_ATTEMPTS
                {
                    tracing::error!(%error, "an inbox entry keeps failing; it is set aside in the meta tree");
                    self.quarantine(&key);
                } else {
                    let wait = Duration::from_millis(200).saturating_mul(attempts.min(50));
                    tracing::error!(%error, attempts, ?wait, "processing an inbox entry failed; it stays in the inbox");
                    tokio::time::sleep(wait).await;
                }
            }
            self.finish(committed).await;
            if shutdown.is_cancelled() {
                return;
            }
        }
    }

    /// Uses the rules with the workspace in use, if it changed.
    fn follow_workspace(&mut self) {
        let workspace = self.workspace.get();
        if self.desk.settings().workspace != workspace {
            self.desk = self.desk.in_workspace(workspace);
        }
    }

    /// Makes what was committed durable, then wakes the sender's lanes, the timers and the
    /// webhooks' fan-out.
    async fn finish(&self, committed: Committed) {
        if committed.wrote {
            self.store.flush().await;
        } else {
            // The poller waits for its batch to be durable before it fetches the next one, and
            // counted on this flush to cover it.
            self.store.flush_pending_now();
        }
        self.lanes.wake(committed.lanes);
        if committed.timers_set {
            self.timers_wake.notify_one();
        }
        if committed.webhooks {
            self.webhooks.stored();
        }
        if committed.broadcasts {
            self.lanes.wake_broadcasts();
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

    /// What an inbox (or waiting) entry means now.
    async fn translate(
        &self,
        item: &InboxItem,
        waiting: &Waiting,
    ) -> Result<Translation, ProcessError> {
        match item {
            InboxItem::Update { json, update_id } => {
                let translation = self
                    .translator
                    .translate(json, waiting)
                    .await
                    .map_err(ProcessError::Translate)?;
                tracing::trace!(update_id, ?translation, "update translated");
                Ok(translation)
            }
            InboxItem::Event(event) => Ok(Translation::Event(Some((**event).clone()))),
            InboxItem::Outcome { event, workspace } => Ok(Translation::Event(
                workspace::outcome_for_desk((**event).clone(), *workspace, self.workspace.get()),
            )),
        }
    }

    /// Runs the desk on translated entries, in order, and commits the results with the
    /// entries' removal from `source` (the inbox, or the waiting updates) in one transaction:
    /// all of them or none. (One transaction per batch rather than per entry: each costs sled
    /// two log-buffer writes whatever its size.) Entries that must wait move to their queue.
    fn commit(&self, entries: &[Prepared], source: TreeName) -> Result<Committed, ProcessError> {
        if entries.is_empty() {
            return Ok(Committed::default());
        }
        let nothing_to_do = entries
            .iter()
            .all(|entry| matches!(entry.action, Action::Process(None)));
        if nothing_to_do {
            // Updates the desk ignores (such as the service message of the bot's own topic
            // edit): removing them needs no transaction and no flush; a removal lost in a crash
            // only means the update is ignored again.
            for entry in entries {
                self.store
                    .remove(source, &entry.key)
                    .map_err(ProcessError::Storage)?;
            }
            return Ok(Committed::default());
        }
        let erasing = entries.iter().any(|entry| match &entry.action {
            Action::Process(event) => event.as_ref().is_some_and(Event::may_erase),
            Action::Wait { .. } => false,
        });
        let scanned: &[TreeName] = if erasing { &erasure::SCANNED } else { &[] };
        // Counted once the transaction commits (its closure may run again on a conflict).
        let skipped = std::cell::Cell::new(0u32);
        let committed = self
            .store
            .transaction_scanning(&DESK_TREES, scanned, |kv| {
                skipped.set(0);
                let mut committed = Committed {
                    wrote: true,
                    ..Committed::default()
                };
                for entry in entries {
                    kv.remove(source, &entry.key)?;
                    let event = match &entry.action {
                        Action::Process(event) => event.as_ref(),
                        Action::Wait { queue, item, first } => {
                            held::hold(kv, *queue, &entry.key, item)?;
                            first.as_ref()
                        }
                    };
                    let Some(event) = event else {
                        continue;
                    };
                    let mut ledger = Ledger::new(kv).erasing_pending(erasure::forget_pending);
                    // An entry translated after the workspace changed within this batch.
                    let switched;
                    let desk = if entry.workspace == self.desk.settings().workspace {
                        &self.desk
                    } else {
                        switched = self.desk.in_workspace(entry.workspace);
                        &switched
                    };
                    let output = desk.handle(&mut ledger, event.clone(), entry.now)?;
                    skipped.set(skipped.get() + output.admin_notices_skipped);
                    committed.timers_set |= !output.timers.is_empty();
                    for (at, timer) in output.timers {
                        timers::schedule(kv, at, timer)?;
                    }
                    for effect in output.effects {
                        let lane = outbox::enqueue(kv, effect, entry.now, entry.workspace)?;
                        committed.lanes.insert(lane);
                    }
                    committed.webhooks |=
                        integrations::store(kv, output.integrations, &self.webhooks)?;
                }
                committed.broadcasts = kv.wrote_to(TreeName::Broadcasts);
                Ok(committed)
            })
            .map_err(ProcessError::Storage)?;
        if skipped.get() > 0 {
            self.metrics.admin_notices_skipped(skipped.get());
        }
        Ok(committed)
    }
}

/// What committed entries asked for once they are durable.
#[derive(Default)]
struct Committed {
    /// The sender's lanes with new effects.
    lanes: HashSet<Lane>,
    /// Timers were set.
    timers_set: bool,
    /// Webhook events were stored.
    webhooks: bool,
    /// A broadcast was recorded or changed.
    broadcasts: bool,
    /// Anything besides removing ignored entries was written (it must be flushed).
    wrote: bool,
}

impl Committed {
    fn add(&mut self, other: Committed) {
        self.lanes.extend(other.lanes);
        self.timers_set |= other.timers_set;
        self.webhooks |= other.webhooks;
        self.broadcasts |= other.broadcasts;
        self.wrote |= other.wrote;
    }
}

/// The trees the desk's transactions cover: everything an event may change.
pub const DESK_TREES: [TreeName; 13] = [
    TreeName::Inbox,
    TreeName::Held,
    TreeName::Customers,
    TreeName::Tickets,
    TreeName::Relay,
    TreeName::Index,
    TreeName::Links,
    TreeName::Outbox,
    TreeName::Timers,
    TreeName::Meta,
    TreeName::Integrations,
    TreeName::Broadcasts,
    TreeName::Deliveries,
];

/// An entry translated and waiting to be committed.
struct Prepared {
    /// Its key where it is stored (the inbox, or the waiting updates).
    key: Vec<u8>,
    /// What to do with it.
    action: Action,
    /// When it was translated (the desk's notion of now for it).
    now: Timestamp,
    /// The workspace in use when it was translated.
    workspace: Workspace,
}

/// What committing an entry does.
enum Action {
    /// Runs the desk on its event (if any).
    Process(Option<Event>),
    /// Moves it to the end of its queue of waiting updates.
    Wait {
        /// The queue.
        queue: Queue,
        /// The entry, as stored.
        item: InboxItem,
        /// The event telling the desk that the queue starts waiting, for its first entry.
        first: Option<Event>,
    },
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

mod release;
#[cfg(test)]
mod tests;
