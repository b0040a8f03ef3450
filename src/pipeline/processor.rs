//! The processor: takes inbox entries in order, runs the desk on each and commits a batch of
//! them in one transaction (inbox entries removed, state changed, effects queued, timers set),
//! then makes the batch durable before waking the sender, so an effect is never sent unless its
//! cause is stored.

use std::collections::HashSet;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use super::inbox::{self, InboxItem};
use super::outbox::{self, Lane};
use super::sender::LaneWaker;
use super::workspace::{self, CurrentWorkspace};
use super::{clock, timers};
use crate::desk::{Desk, Event};
use crate::domain::{Timestamp, Workspace};
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
    /// The workspace in use; the desk follows it when it changes (the channel was linked to
    /// another discussion group).
    pub workspace: CurrentWorkspace,
}

impl<T: Translator> Processor<T> {
    /// Processes the inbox until `shutdown`, finishing the batch in hand first.
    pub async fn run(mut self, shutdown: CancellationToken) {
        let mut failures = Failures::default();
        loop {
            self.follow_workspace();
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
            let mut prepared = Vec::with_capacity(batch.len());
            let mut failed = None;
            for (key, item) in batch {
                if shutdown.is_cancelled() {
                    break;
                }
                match self.translate(item).await {
                    Ok(event) => prepared.push(Prepared {
                        key,
                        event,
                        now: clock::now(),
                        workspace: self.workspace.get(),
                    }),
                    Err(error) => {
                        failed = Some((key, error));
                        break;
                    }
                }
            }
            match self.commit(&prepared) {
                Ok((touched, timers)) => {
                    lanes.extend(touched);
                    timers_set |= timers;
                }
                Err(_) => {
                    // One entry spoils the batch: commit them one by one to find it.
                    for entry in prepared {
                        match self.commit(std::slice::from_ref(&entry)) {
                            Ok((touched, timers)) => {
                                lanes.extend(touched);
                                timers_set |= timers;
                            }
                            Err(error) => {
                                failed = Some((entry.key, error));
                                break;
                            }
                        }
                    }
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

    /// Uses the rules with the workspace in use, if it changed.
    fn follow_workspace(&mut self) {
        let workspace = self.workspace.get();
        if self.desk.settings().workspace != workspace {
            self.desk = self.desk.in_workspace(workspace);
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

    /// The desk event of an inbox entry (`None` for updates the desk ignores).
    async fn translate(&self, item: InboxItem) -> Result<Option<Event>, ProcessError> {
        match item {
            InboxItem::Update { json, update_id } => {
                let event = self
                    .translator
                    .translate(&json)
                    .await
                    .map_err(ProcessError::Translate)?;
                tracing::trace!(update_id, ?event, "update translated");
                Ok(event)
            }
            InboxItem::Event(event) => Ok(Some(*event)),
            InboxItem::Outcome { event, workspace } => Ok(workspace::outcome_for_desk(
                *event,
                workspace,
                self.workspace.get(),
            )),
        }
    }

    /// Runs the desk on translated entries, in order, and commits the results with the
    /// entries' removal in one transaction: all of them or none. (One transaction per batch
    /// rather than per entry: each costs sled two log-buffer writes whatever its size.)
    fn commit(&self, entries: &[Prepared]) -> Result<(Vec<Lane>, bool), ProcessError> {
        if entries.is_empty() {
            return Ok((Vec::new(), false));
        }
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
                let mut lanes = Vec::new();
                let mut timers_set = false;
                for entry in entries {
                    kv.remove(TreeName::Inbox, &entry.key)?;
                    let Some(event) = &entry.event else {
                        continue;
                    };
                    let mut ledger = Ledger::new(kv);
                    // An entry translated after the workspace changed within this batch.
                    let switched;
                    let desk = if entry.workspace == self.desk.settings().workspace {
                        &self.desk
                    } else {
                        switched = self.desk.in_workspace(entry.workspace);
                        &switched
                    };
                    let output = desk.handle(&mut ledger, event.clone(), entry.now)?;
                    timers_set |= !output.timers.is_empty();
                    for (at, timer) in output.timers {
                        timers::schedule(kv, at, timer)?;
                    }
                    for effect in output.effects {
                        lanes.push(outbox::enqueue(kv, effect, entry.now, entry.workspace)?);
                    }
                }
                Ok((lanes, timers_set))
            })
            .map_err(ProcessError::Storage)
    }
}

/// An inbox entry translated and waiting to be committed.
struct Prepared {
    /// Its inbox key.
    key: Vec<u8>,
    /// What it means to the desk.
    event: Option<Event>,
    /// When it was translated (the desk's notion of now for it).
    now: Timestamp,
    /// The workspace in use when it was translated.
    workspace: Workspace,
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

#[cfg(test)]
mod tests {
    use tokio::sync::Notify;

    use super::*;
    use crate::desk::{DeskSettings, DeskState as _, Effect};
    use crate::domain::{
        Card, ChatId, Customer, MessageId, Reachability, TicketNumber, UserId, Workspace,
    };
    use crate::pipeline::limiter::{ChatClass, Limiter, Limits};
    use crate::pipeline::metrics::Metrics;
    use crate::pipeline::sender::{self, Delivered, Executor, SendError};
    use crate::pipeline::workspace::CurrentWorkspace;
    use crate::storage::keys;

    /// Inbox entries here are internal events only.
    struct NoUpdates;

    impl Translator for NoUpdates {
        async fn translate(&self, _update: &[u8]) -> Result<Option<Event>, TranslateError> {
            Ok(None)
        }
    }

    /// The sender is never run in these tests.
    struct NoCalls;

    impl Executor for NoCalls {
        async fn execute(
            &self,
            _effect: &Effect,
            _workspace: Workspace,
        ) -> Result<Delivered, SendError> {
            Ok(Delivered::default())
        }

        fn chat_of(&self, _lane: &Lane) -> (ChatId, ChatClass) {
            (ChatId(0), ChatClass::Unlimited)
        }
    }

    fn customer(id: i64) -> Customer {
        Customer {
            id: UserId(id),
            first_name: format!("Customer {id}"),
            last_name: None,
            username: None,
            language: None,
            first_seen: Timestamp(0),
            card: Card {
                workspace: Some(DeskSettings::default().workspace),
                root: Some(MessageId(10 + id as i32)),
                ..Card::default()
            },
            ticket: TicketNumber(0),
            reachability: Reachability::Reachable,
            ban: None,
        }
    }

    #[tokio::test(start_paused = true)]
    async fn an_entry_that_keeps_failing_is_set_aside_and_the_rest_of_its_batch_is_processed() {
        let directory = tempfile::tempdir().unwrap();
        let store = Store::open(directory.path(), 1024 * 1024).unwrap();
        let _flusher =
            tokio_util::task::AbortOnDropHandle::new(tokio::spawn(store.clone().run_flusher()));
        let mut ledger = Ledger::new(&store);
        ledger.save_customer(&customer(1)).unwrap();
        ledger.save_customer(&customer(3)).unwrap();
        // Customer 2's record cannot be read, so the desk fails on every event about them.
        store
            .insert(TreeName::Customers, &keys::customer(UserId(2)), &[99])
            .unwrap();
        for id in 1..=3 {
            inbox::push_event_now(
                &store,
                Event::CustomerReachability {
                    customer: UserId(id),
                    reachable: false,
                },
            )
            .unwrap();
        }
        let (lanes, _dispatcher) = sender::dispatcher(
            sender::SenderParts {
                store: store.clone(),
                executor: NoCalls,
                limiter: Limiter::new(Limits::default()),
                max_in_flight: 1,
                inbox_wake: Arc::new(Notify::new()),
                metrics: Arc::new(Metrics::default()),
                workspace: CurrentWorkspace::new(DeskSettings::default().workspace),
            },
            CancellationToken::new(),
        );
        let processor = Processor {
            store: store.clone(),
            desk: Desk::new(DeskSettings::default()),
            translator: NoUpdates,
            lanes,
            inbox_wake: Arc::new(Notify::new()),
            timers_wake: Arc::new(Notify::new()),
            workspace: CurrentWorkspace::new(DeskSettings::default().workspace),
        };
        let shutdown = CancellationToken::new();
        let running = tokio::spawn(processor.run(shutdown.clone()));
        for _ in 0..600 {
            if store.is_empty(TreeName::Inbox) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        shutdown.cancel();
        running.await.unwrap();

        assert!(store.is_empty(TreeName::Inbox));
        let set_aside = store
            .keys(TreeName::Meta)
            .unwrap()
            .into_iter()
            .filter(|key| key.starts_with(b"failed_inbox:"))
            .count();
        assert_eq!(set_aside, 1);
        for id in [1, 3] {
            let stored = ledger.customer(UserId(id)).unwrap().unwrap();
            assert_eq!(stored.reachability, Reachability::BlockedBot);
        }
        // Each processed event queued its note in the thread.
        assert_eq!(store.len(TreeName::Outbox), 2);
    }
}
