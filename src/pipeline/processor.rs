//! The processor: takes inbox entries in order, runs the desk on each and commits a batch of
//! them in one transaction (inbox entries removed, state changed, effects queued, timers set),
//! then makes the batch durable before waking the sender, so an effect is never sent unless its
//! cause is stored.
//!
//! An update that cannot be understood yet (its author's membership cannot be checked) moves to
//! its thread's queue in [`held`] in the same transaction, and the rest of the inbox goes on;
//! the queues are released, in order, when the translator can check again.

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
use super::outbox::{self, Lane};
use super::sender::LaneWaker;
use super::workspace::{self, CurrentWorkspace};
use super::{clock, timers};
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
            let mut lanes = HashSet::new();
            let mut timers_set = false;
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
                Ok((touched, timers)) => {
                    lanes.extend(touched);
                    timers_set |= timers;
                }
                Err(_) => {
                    // One entry spoils the batch: commit them one by one to find it.
                    for entry in prepared {
                        match self.commit(std::slice::from_ref(&entry), TreeName::Inbox) {
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
            self.finish(lanes, timers_set).await;
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

    /// Makes what was committed durable, then wakes the sender's lanes and the timers.
    async fn finish(&self, lanes: HashSet<Lane>, timers_set: bool) {
        self.store.flush().await;
        self.lanes.wake(lanes);
        if timers_set {
            self.timers_wake.notify_one();
        }
    }

    /// The waiting queues as stored (retrying while storage fails).
    async fn load_waiting(&self, shutdown: &CancellationToken) -> Waiting {
        loop {
            match Waiting::load(&self.store) {
                Ok(waiting) => return waiting,
                Err(error) => {
                    tracing::error!(%error, "cannot read the waiting updates");
                    if shutdown.is_cancelled() {
                        return Waiting::default();
                    }
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    }

    /// Releases waiting updates, each queue in order, until one still cannot be understood
    /// (then the cause is shared by all, so the others are not tried either).
    async fn release(&self, waiting: &mut Waiting, shutdown: &CancellationToken) {
        let threads = waiting.len();
        let mut released = 0usize;
        let none = Waiting::default();
        'queues: for queue in waiting.queues() {
            loop {
                if shutdown.is_cancelled() {
                    break 'queues;
                }
                let (key, item) = match held::head(&self.store, queue) {
                    Ok(Some(head)) => head,
                    Ok(None) => {
                        waiting.remove(queue);
                        break;
                    }
                    Err(error) => {
                        tracing::error!(%error, "cannot read the waiting updates");
                        break 'queues;
                    }
                };
                let event = match self.translate(&item, &none).await {
                    Ok(Translation::Event(event)) => event,
                    Ok(Translation::Wait { .. }) | Err(_) => break 'queues,
                };
                let entry = Prepared {
                    key,
                    action: Action::Process(event),
                    now: clock::now(),
                    workspace: self.workspace.get(),
                };
                match self.commit(std::slice::from_ref(&entry), TreeName::Held) {
                    Ok((lanes, timers_set)) => {
                        released += 1;
                        self.finish(lanes.into_iter().collect(), timers_set).await;
                    }
                    Err(error) => {
                        tracing::error!(%error, "a waiting update could not be processed; it keeps waiting");
                        break 'queues;
                    }
                }
            }
        }
        if released > 0 {
            tracing::info!(
                released,
                threads,
                still_waiting = waiting.len(),
                "waiting team-chat messages were released in order"
            );
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
    fn commit(
        &self,
        entries: &[Prepared],
        source: TreeName,
    ) -> Result<(Vec<Lane>, bool), ProcessError> {
        if entries.is_empty() {
            return Ok((Vec::new(), false));
        }
        let trees = [
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
        ];
        self.store
            .transaction(&trees, |kv| {
                let mut lanes = Vec::new();
                let mut timers_set = false;
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

#[cfg(test)]
mod tests {
    use tokio::sync::Notify;

    use super::*;
    use crate::desk::{DeskSettings, DeskState as _, Effect};
    use crate::domain::{Card, ChatId, Customer, MessageId, Reachability, TicketNumber, UserId};
    use crate::pipeline::limiter::{ChatClass, Limiter, Limits};
    use crate::pipeline::metrics::Metrics;
    use crate::pipeline::sender::{self, Delivered, Executor, SendError};
    use crate::storage::keys;

    /// Inbox entries here are internal events only.
    struct NoUpdates;

    impl Translator for NoUpdates {
        async fn translate(
            &self,
            _update: &[u8],
            _waiting: &Waiting,
        ) -> Result<Translation, TranslateError> {
            Ok(Translation::Event(None))
        }
    }

    /// Updates are `thread:name`; authors of threads other than 0 can be checked only while
    /// `checks_work` is set. Records the names it could translate, in order.
    #[derive(Default)]
    struct Threads {
        checks_work: std::sync::atomic::AtomicBool,
        translated: std::sync::Mutex<Vec<String>>,
    }

    impl Translator for Arc<Threads> {
        async fn translate(
            &self,
            update: &[u8],
            waiting: &Waiting,
        ) -> Result<Translation, TranslateError> {
            let text = String::from_utf8_lossy(update);
            let (thread, name) = text.split_once(':').unwrap();
            let queue: Queue = thread.parse().unwrap();
            if waiting.contains(queue) {
                return Ok(Translation::Wait { queue, first: None });
            }
            if queue != 0 && !self.checks_work.load(std::sync::atomic::Ordering::SeqCst) {
                // Any event with a visible effect stands for the note to the thread.
                let first = Event::InlineQueryUnchecked {
                    id: name.to_owned(),
                    from: UserId(1),
                };
                return Ok(Translation::Wait {
                    queue,
                    first: Some(first),
                });
            }
            self.translated.lock().unwrap().push(name.to_owned());
            Ok(Translation::Event(None))
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

    /// A processor of `store` with `translator`, and a sender that is never run.
    fn processor<T: Translator>(
        store: &Store,
        translator: T,
        held_wake: Arc<Notify>,
    ) -> Processor<T> {
        let workspace = CurrentWorkspace::new(DeskSettings::default().workspace);
        let (lanes, _dispatcher) = sender::dispatcher(
            sender::SenderParts {
                store: store.clone(),
                executor: NoCalls,
                limiter: Limiter::new(Limits::default()),
                max_in_flight: 1,
                inbox_wake: Arc::new(Notify::new()),
                metrics: Arc::new(Metrics::default()),
                workspace: workspace.clone(),
                problems: Arc::default(),
            },
            CancellationToken::new(),
        );
        Processor {
            store: store.clone(),
            desk: Desk::new(DeskSettings::default()),
            translator,
            lanes,
            inbox_wake: Arc::new(Notify::new()),
            timers_wake: Arc::new(Notify::new()),
            held_wake,
            workspace,
        }
    }

    /// Waits (in paused time) until `tree` is empty.
    async fn until_empty(store: &Store, tree: TreeName) {
        for _ in 0..600 {
            if store.is_empty(tree) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
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
    async fn a_thread_that_cannot_be_checked_waits_in_order_while_the_others_go_on() {
        let directory = tempfile::tempdir().unwrap();
        let store = Store::open(directory.path(), 1024 * 1024).unwrap();
        let _flusher =
            tokio_util::task::AbortOnDropHandle::new(tokio::spawn(store.clone().run_flusher()));
        let updates: Vec<(i64, Vec<u8>)> = ["5:a", "0:b", "5:c", "7:d", "0:e", "7:f"]
            .iter()
            .zip(1..)
            .map(|(text, id)| (id, text.as_bytes().to_vec()))
            .collect();
        inbox::store_updates(&store, &updates, None).unwrap();
        let threads = Arc::new(Threads::default());
        let held_wake = Arc::new(Notify::new());
        let processor = processor(&store, Arc::clone(&threads), Arc::clone(&held_wake));
        let shutdown = CancellationToken::new();
        let running = tokio::spawn(processor.run(shutdown.clone()));
        let translated = || threads.translated.lock().unwrap().clone();
        until_empty(&store, TreeName::Inbox).await;
        assert_eq!(translated(), ["b", "e"]);
        assert_eq!(store.len(TreeName::Held), 4);
        // Each waiting thread told the desk once.
        assert_eq!(store.len(TreeName::Outbox), 2);

        threads
            .checks_work
            .store(true, std::sync::atomic::Ordering::SeqCst);
        held_wake.notify_one();
        until_empty(&store, TreeName::Held).await;
        shutdown.cancel();
        running.await.unwrap();
        assert!(store.is_empty(TreeName::Held));
        assert_eq!(translated(), ["b", "e", "a", "c", "d", "f"]);
        assert_eq!(store.len(TreeName::Outbox), 2, "and only once");
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
        let processor = processor(&store, NoUpdates, Arc::new(Notify::new()));
        let shutdown = CancellationToken::new();
        let running = tokio::spawn(processor.run(shutdown.clone()));
        until_empty(&store, TreeName::Inbox).await;
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
