//! Durability for [`Store`]: writers ask for their writes to be on disk now, within 3 ms
//! (group commit) or within 200 ms (writes nobody waits for), and one task flushes for all the
//! requests made meanwhile, sleeping while nothing is asked.

use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::{Notify, watch};

use super::Store;

/// Coalesces flush requests: many writers asking for durability share one `fsync`.
pub(super) struct FlushState {
    /// Tickets handed out; a flush that starts after a ticket was taken covers its writes.
    requested: AtomicU64,
    /// Asks for a flush now.
    wake: Notify,
    /// Asks for a flush within `GROUP_COMMIT_WINDOW`.
    soon: Notify,
    /// Asks for a flush within `LAZY_WINDOW`.
    later: Notify,
    /// The highest ticket known to be on disk.
    completed: watch::Sender<u64>,
}

/// How long a write that asked for durability "soon" may wait for a flush someone else asks
/// for (group commit). The poller's batches are made durable this way: the processor's own
/// flush, a moment later, usually covers them, which saves an `fsync` each.
const GROUP_COMMIT_WINDOW: std::time::Duration = std::time::Duration::from_millis(3);

/// How long a write nobody waits for may stay off disk, unless a flush someone needs covers it
/// sooner (the record of a delivered effect: lost in a crash, the effect is sent again).
const LAZY_WINDOW: std::time::Duration = std::time::Duration::from_millis(200);

impl FlushState {
    pub(super) fn new() -> FlushState {
        let (completed, _) = watch::channel(0);
        FlushState {
            requested: AtomicU64::new(0),
            wake: Notify::new(),
            soon: Notify::new(),
            later: Notify::new(),
            completed,
        }
    }
}

impl Store {
    /// Waits until every write made before this call is on disk. Concurrent callers share
    /// flushes; needs [`Store::run_flusher`] running.
    pub async fn flush(&self) {
        let ticket = self.request_flush();
        self.flushed(ticket).await;
    }

    /// Asks for a flush now without waiting for it; returns the ticket to wait for.
    pub fn request_flush(&self) -> u64 {
        self.ask_for_flush(&self.inner.flush.wake)
    }

    /// Asks for every write made before this call to be on disk within 3 ms (sooner if
    /// another writer asks for a flush meanwhile: group commit), without waiting for it;
    /// returns the ticket to wait for.
    pub fn request_flush_soon(&self) -> u64 {
        self.ask_for_flush(&self.inner.flush.soon)
    }

    /// Asks for every write made before this call to be on disk within 200 ms, or with the
    /// next flush someone needs, whichever comes first. For writes nobody waits for.
    pub fn request_flush_later(&self) {
        self.ask_for_flush(&self.inner.flush.later);
    }

    /// Takes a ticket for the writes made so far and tells the flusher through `urgency`.
    fn ask_for_flush(&self, urgency: &Notify) -> u64 {
        let ticket = self.inner.flush.requested.fetch_add(1, Ordering::SeqCst) + 1;
        urgency.notify_one();
        ticket
    }

    /// Starts the flush that pending requests wait for now, rather than at the end of their
    /// window (their writer is waiting, and no other flush is coming to cover it).
    pub fn flush_pending_now(&self) {
        let flush = &self.inner.flush;
        if flush.requested.load(Ordering::SeqCst) > *flush.completed.borrow() {
            flush.wake.notify_one();
        }
    }

    /// Waits until the writes of a ticket are on disk.
    pub async fn flushed(&self, ticket: u64) {
        let mut completed = self.inner.flush.completed.subscribe();
        // The sender lives as long as the store, so this only fails if the store is gone.
        let _ = completed.wait_for(|done| *done >= ticket).await;
    }

    /// Flushes whenever asked, one `fsync` for all requests made meanwhile (requests made with
    /// [`Store::request_flush_soon`] wait up to 3 ms for company, those made with
    /// [`Store::request_flush_later`] up to 200 ms). Sleeps while nothing is asked. Runs until
    /// dropped.
    pub async fn run_flusher(self) {
        let flush = &self.inner.flush;
        // When the requests not yet covered must be on disk.
        let mut due: Option<tokio::time::Instant> = None;
        loop {
            let now = tokio::time::Instant::now();
            let by = |window| Some(due.map_or(now + window, |due| due.min(now + window)));
            tokio::select! {
                biased;
                () = flush.wake.notified() => {}
                () = flush.soon.notified() => {
                    due = by(GROUP_COMMIT_WINDOW);
                    continue;
                }
                () = flush.later.notified() => {
                    due = by(LAZY_WINDOW);
                    continue;
                }
                () = tokio::time::sleep_until(due.unwrap_or(now)), if due.is_some() => {}
            }
            due = None;
            let target = flush.requested.load(Ordering::SeqCst);
            if target <= *flush.completed.borrow() {
                // A wake-up left over from requests an earlier flush already covered.
                continue;
            }
            // sled's `flush_async` hands the flush to sled's own thread pool, whose every job
            // wakes all its idle threads; with flushes per relayed message that was a large part
            // of the bot's CPU time. A tokio blocking thread waits for the flush instead.
            let db = self.inner.db.clone();
            let flushed = tokio::task::spawn_blocking(move || db.flush())
                .await
                .unwrap_or_else(|error| {
                    Err(sled::Error::ReportableBug(format!(
                        "the flush task failed: {error}"
                    )))
                });
            if let Err(error) = flushed {
                tracing::error!(%error, "flushing the database failed; retrying");
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                flush.wake.notify_one();
                continue;
            }
            flush.completed.send_replace(target);
        }
    }
}
