//! The sender: one worker per busy lane carries out effects in order, within the rate limits,
//! retrying what can be retried and reporting what cannot.
//!
//! A worker takes the head of its lane, waits for its destination's rate limit, calls Telegram
//! through the [`Executor`], and records the completion: the effect removed, message links and
//! outcome events stored, in one transaction when there are events for the desk, otherwise as
//! ordered single writes with the removal last (sled recovers a prefix of its log). A crash
//! between Telegram's answer and that record repeats the effect on restart; that window is one
//! call long (plus the few milliseconds a completion may wait to share a flush) and nothing is
//! ever skipped.
//!
//! Files: `mod.rs` (the dispatcher and one worker per lane), `deliver.rs` (one effect carried
//! out: limits, retries, the workspace check, and recording its completion), `broadcast.rs`
//! (the broadcast lane, at the lowest priority, each recipient's delivery recorded).

use std::collections::HashSet;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, Semaphore, mpsc};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use super::health::Problems;
use super::limiter::{ChatClass, Limiter};
use super::metrics::Metrics;
use super::outbox::{self, Lane};
use super::workspace::CurrentWorkspace;
use crate::desk::{Effect, Event, Failure};
use crate::domain::{ChatId, MessageId, Timestamp, UserId, Workspace};
use crate::storage::Store;

/// A new link between a customer's private-chat message and a message of a team chat:
/// (customer, private message, (team chat, team message)).
pub type NewLink = (UserId, MessageId, (ChatId, MessageId));

/// What a successful effect produced.
#[derive(Debug, Default)]
pub struct Delivered {
    /// New links between customers' private-chat messages and team-chat messages.
    pub links: Vec<NewLink>,
    /// Events for the desk (for example the id of a new card post).
    pub events: Vec<Event>,
}

/// Why an effect did not go through.
#[derive(Debug)]
pub enum SendError {
    /// Telegram asked to wait before writing to this chat again.
    RetryAfter(Duration),
    /// A network problem or a server hiccup: retried with backoff.
    Transient(String),
    /// The bot lacks a right or a chat is misconfigured: retried slowly, and logged loudly,
    /// until an administrator fixes it.
    Setup(String),
    /// Retrying will not help; the desk is told.
    Permanent(Failure),
}

/// Carries out effects against Telegram.
pub trait Executor: Send + Sync + 'static {
    /// Performs one effect, decided in `workspace`: the effect's message ids of team chats are
    /// ids of that workspace's chats.
    fn execute(
        &self,
        effect: &Effect,
        workspace: Workspace,
    ) -> impl Future<Output = Result<Delivered, SendError>> + Send;

    /// The chat a lane writes to, and its kind, for rate limiting.
    fn chat_of(&self, lane: &Lane) -> (ChatId, ChatClass);
}

/// Handle to wake lanes that got new effects.
#[derive(Clone)]
pub struct LaneWaker {
    sender: mpsc::UnboundedSender<Lane>,
    broadcasts: Arc<Notify>,
}

impl LaneWaker {
    /// Makes sure a worker runs for each lane.
    pub fn wake(&self, lanes: impl IntoIterator<Item = Lane>) {
        for lane in lanes {
            // The dispatcher only stops at shutdown; effects stay stored for the next start.
            let _ = self.sender.send(lane);
        }
    }

    /// Tells the broadcast lane that a broadcast was recorded or changed.
    pub fn wake_broadcasts(&self) {
        self.broadcasts.notify_one();
    }
}

/// Everything workers share.
struct Shared<E> {
    store: Store,
    executor: E,
    limiter: Limiter,
    in_flight: Semaphore,
    inbox_wake: Arc<Notify>,
    metrics: Arc<Metrics>,
    stopping: CancellationToken,
    workspace: CurrentWorkspace,
    problems: Arc<Problems>,
    broadcast_per_second: f64,
    broadcast_note_in_thread: bool,
    /// Signalled when a broadcast was recorded or changed.
    broadcast_wake: Arc<Notify>,
    /// Administrators Telegram refused notifications for (they never started the bot, blocked
    /// it or are gone), with when: notices queued for them before that are not sent.
    unreachable_admins: std::sync::Mutex<std::collections::HashMap<UserId, Timestamp>>,
}

/// What the sender works with.
pub struct SenderParts<E> {
    /// The database.
    pub store: Store,
    /// Carries out effects.
    pub executor: E,
    /// Rate limits.
    pub limiter: Limiter,
    /// At most this many calls at once.
    pub max_in_flight: usize,
    /// Woken when outcomes are stored in the inbox.
    pub inbox_wake: Arc<Notify>,
    /// Counters.
    pub metrics: Arc<Metrics>,
    /// The workspace in use: effects for the team's chats decided in another are not sent.
    pub workspace: CurrentWorkspace,
    /// Where a team chat the bot cannot write to is reported (it clears once a call succeeds).
    pub problems: Arc<Problems>,
    /// Messages per second broadcasts go out at (`broadcast_rate`), within the global limit.
    pub broadcast_per_second: f64,
    /// Whether the desk hears who each broadcast reached, for a note in their threads.
    pub broadcast_note_in_thread: bool,
}

/// Creates the waker and the dispatcher future that runs lane workers until `shutdown`.
pub fn dispatcher<E: Executor>(
    parts: SenderParts<E>,
    shutdown: CancellationToken,
) -> (LaneWaker, impl Future<Output = ()> + Send) {
    let SenderParts {
        store,
        executor,
        limiter,
        max_in_flight,
        inbox_wake,
        metrics,
        workspace,
        problems,
        broadcast_per_second,
        broadcast_note_in_thread,
    } = parts;
    let (sender, receiver) = mpsc::unbounded_channel();
    let broadcast_wake = Arc::new(Notify::new());
    let shared = Arc::new(Shared {
        store,
        executor,
        limiter,
        in_flight: Semaphore::new(max_in_flight.max(1)),
        inbox_wake,
        metrics,
        stopping: shutdown,
        workspace,
        problems,
        broadcast_per_second,
        broadcast_note_in_thread,
        broadcast_wake: Arc::clone(&broadcast_wake),
        unreachable_admins: std::sync::Mutex::default(),
    });
    let waker = LaneWaker {
        sender,
        broadcasts: broadcast_wake,
    };
    (waker, run_dispatcher(shared, receiver))
}

async fn run_dispatcher<E: Executor>(
    shared: Arc<Shared<E>>,
    mut wakes: mpsc::UnboundedReceiver<Lane>,
) {
    let mut running: HashSet<Lane> = HashSet::new();
    let mut woken_while_running: HashSet<Lane> = HashSet::new();
    let mut workers: JoinSet<Lane> = JoinSet::new();
    // Aborted with the dispatcher (a crash, or a test's kill), like the lane workers.
    let broadcasts =
        tokio_util::task::AbortOnDropHandle::new(tokio::spawn(broadcast::run(Arc::clone(&shared))));
    match outbox::pending_lanes(&shared.store) {
        Ok(lanes) => {
            for lane in lanes {
                running.insert(lane);
                workers.spawn(run_lane(Arc::clone(&shared), lane));
            }
        }
        Err(error) => tracing::error!(%error, "cannot list pending effects"),
    }
    loop {
        tokio::select! {
            wake = wakes.recv(), if !shared.stopping.is_cancelled() => {
                let Some(lane) = wake else { break };
                if running.contains(&lane) {
                    woken_while_running.insert(lane);
                } else {
                    running.insert(lane);
                    workers.spawn(run_lane(Arc::clone(&shared), lane));
                }
            }
            Some(finished) = workers.join_next() => {
                let lane = match finished {
                    Ok(lane) => lane,
                    Err(error) => {
                        tracing::error!(%error, "a lane worker stopped unexpectedly");
                        continue;
                    }
                };
                running.remove(&lane);
                if woken_while_running.remove(&lane) && !shared.stopping.is_cancelled() {
                    running.insert(lane);
                    workers.spawn(run_lane(Arc::clone(&shared), lane));
                }
            }
            () = shared.stopping.cancelled(), if workers.is_empty() => break,
        }
    }
    if let Err(error) = broadcasts.await {
        tracing::error!(%error, "the broadcast lane stopped unexpectedly");
    }
}

/// Runs a lane's effects in order until it is empty or the sender stops.
async fn run_lane<E: Executor>(shared: Arc<Shared<E>>, lane: Lane) -> Lane {
    loop {
        if shared.stopping.is_cancelled() {
            return lane;
        }
        let head = match outbox::head(&shared.store, lane) {
            Ok(Some(head)) => head,
            Ok(None) => return lane,
            Err(error) => {
                tracing::error!(%error, "cannot read the outbox");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        if !deliver::deliver(&shared, lane, head).await {
            return lane;
        }
    }
}

mod broadcast;
mod deliver;
