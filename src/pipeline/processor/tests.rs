//! The processor against a real store: batches, quarantine, and threads that wait.

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
fn processor<T: Translator>(store: &Store, translator: T, held_wake: Arc<Notify>) -> Processor<T> {
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
            broadcast_per_second: 20.0,
            broadcast_note_in_thread: false,
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
        metrics: Arc::new(Metrics::default()),
        webhooks: crate::pipeline::webhooks::WebhookFeed::default(),
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
        tags: Vec::new(),
        fields: Default::default(),
    }
}

#[tokio::test(start_paused = true)]
async fn a_thread_that_cannot_be_checked_waits_in_order_while_the_others_go_on() {
    let directory = tempfile::tempdir().unwrap();
    let store = Store::open(directory.path(), 1024 * 1024).unwrap();
    let _flusher =
        tokio_util::task::AbortOnDropHandle::new(tokio::spawn(store.clone().run_flusher()));
    let updates: Vec<inbox::Received> = ["5:a", "0:b", "5:c", "7:d", "0:e", "7:f"]
        .iter()
        .zip(1..)
        .map(|(text, id)| inbox::Received::for_desk(id, text.as_bytes().to_vec()))
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
