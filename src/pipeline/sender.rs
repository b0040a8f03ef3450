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

use std::collections::HashSet;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, Semaphore, mpsc};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use super::health::Problems;
use super::inbox;
use super::limiter::{ChatClass, Limiter};
use super::metrics::Metrics;
use super::outbox::Destination;
use super::outbox::{self, Lane, OutboxItem};
use super::workspace::CurrentWorkspace;
use crate::desk::{Effect, Event, Failure};
use crate::domain::{ChatId, MessageId, UserId, Workspace};
use crate::storage::{StorageError, Store, TreeName, write_link};

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
}

impl LaneWaker {
    /// Makes sure a worker runs for each lane.
    pub fn wake(&self, lanes: impl IntoIterator<Item = Lane>) {
        for lane in lanes {
            // The dispatcher only stops at shutdown; effects stay stored for the next start.
            let _ = self.sender.send(lane);
        }
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
    } = parts;
    let (sender, receiver) = mpsc::unbounded_channel();
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
    });
    (LaneWaker { sender }, run_dispatcher(shared, receiver))
}

async fn run_dispatcher<E: Executor>(
    shared: Arc<Shared<E>>,
    mut wakes: mpsc::UnboundedReceiver<Lane>,
) {
    let mut running: HashSet<Lane> = HashSet::new();
    let mut woken_while_running: HashSet<Lane> = HashSet::new();
    let mut workers: JoinSet<Lane> = JoinSet::new();
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
        if !deliver(&shared, lane, head).await {
            return lane;
        }
    }
}

/// Carries out one effect until it succeeds or fails for good. Returns `false` when stopping.
async fn deliver<E: Executor>(
    shared: &Shared<E>,
    lane: Lane,
    (key, item): (Vec<u8>, OutboxItem),
) -> bool {
    let current = shared.workspace.get();
    let decided_in = match item.workspace {
        Some(workspace) if workspace == current || !outbox::writes_to_team_chats(lane) => workspace,
        _ => {
            // Its message ids belong to other chats: here they would name other customers'
            // messages. The desk is told, and re-relays what must reach the new thread.
            tracing::info!(
                effect = item.effect.kind(),
                decided_in = ?item.workspace,
                %current,
                "an effect for the team's chats of another workspace is not sent"
            );
            let event = Event::DeliveryFailed {
                effect: item.effect.clone(),
                failure: Failure::WorkspaceChanged,
            };
            let delivered = Delivered {
                links: Vec::new(),
                events: vec![event],
            };
            commit(shared, &key, delivered, Some(current)).await;
            return true;
        }
    };
    let (chat, class) = shared.executor.chat_of(&lane);
    let cost = message_cost(&item.effect);
    let mut backoff = Backoff::default();
    loop {
        let limited = async {
            let admission = if cost > 0 {
                Some(shared.limiter.acquire(chat, class, cost).await)
            } else {
                shared.limiter.wait_unpaused(chat, class).await;
                None
            };
            (admission, shared.in_flight.acquire().await)
        };
        let (admission, permit) = tokio::select! {
            admitted = limited => admitted,
            () = shared.stopping.cancelled() => return false,
        };
        let result = shared.executor.execute(&item.effect, decided_in).await;
        drop(permit);
        // A probe that got an answer other than 429 opens the chat's window; one refused or
        // lost is released only after the pause below is recorded.
        let answered = !matches!(
            result,
            Err(SendError::RetryAfter(_) | SendError::Transient(_))
        );
        let mut admission = match admission {
            Some(admission) if answered => {
                admission.accepted();
                None
            }
            unanswered => unanswered,
        };
        let kind = item.effect.kind();
        match result {
            Ok(delivered) => {
                if let Some(problem) = team_chat_problem(lane) {
                    shared.problems.clear(problem);
                }
                shared.metrics.effect_sent(kind, item.enqueued_at);
                commit(shared, &key, delivered, item.workspace).await;
                return true;
            }
            Err(SendError::Permanent(failure)) => {
                shared.metrics.effect_failed(kind);
                let event = Event::DeliveryFailed {
                    effect: item.effect.clone(),
                    failure,
                };
                commit(
                    shared,
                    &key,
                    Delivered {
                        links: Vec::new(),
                        events: vec![event],
                    },
                    item.workspace,
                )
                .await;
                return true;
            }
            Err(SendError::RetryAfter(wait)) => {
                shared.metrics.too_many_requests();
                tracing::debug!(effect = kind, ?wait, %chat, "rate limited by Telegram");
                shared.limiter.pause(chat, class, wait);
                drop(admission.take());
            }
            Err(SendError::Transient(reason)) => {
                drop(admission.take());
                shared.metrics.retried();
                let wait = backoff.next(Duration::from_secs(30));
                tracing::warn!(effect = kind, %reason, ?wait, "retrying");
                if !pause(shared, wait).await {
                    return false;
                }
            }
            Err(SendError::Setup(reason)) => {
                if let Some(problem) = team_chat_problem(lane) {
                    shared.problems.set(
                        problem,
                        format!(
                            "cannot write to the team's chat {chat}: {reason}; its messages wait in the outbox until the bot's access is restored"
                        ),
                    );
                }
                shared.metrics.retried();
                let wait = backoff.next(Duration::from_secs(300));
                tracing::error!(effect = kind, %reason, ?wait, "cannot deliver until the bot's rights or chats are fixed; will retry");
                if !pause(shared, wait).await {
                    return false;
                }
            }
        }
    }
}

/// The name under which a lane's destination is reported while the bot cannot write there
/// (private chats are each customer's own business, not a problem of the desk).
fn team_chat_problem(lane: Lane) -> Option<&'static str> {
    match lane.destination {
        Destination::Channel => Some("channel_access"),
        Destination::TeamChat => Some("team_chat_access"),
        Destination::Private(_) | Destination::Inline(_) => None,
    }
}

/// Sleeps unless the sender stops first. Returns `false` when stopping.
async fn pause<E>(shared: &Shared<E>, wait: Duration) -> bool {
    tokio::select! {
        () = tokio::time::sleep(wait) => true,
        () = shared.stopping.cancelled() => false,
    }
}

/// Removes the effect and stores what it produced (outcomes with the workspace the effect was
/// decided in); then asks for a flush soon.
async fn commit<E>(
    shared: &Shared<E>,
    key: &[u8],
    delivered: Delivered,
    workspace: Option<Workspace>,
) {
    let trees = [TreeName::Outbox, TreeName::Links, TreeName::Inbox];
    let has_events = !delivered.events.is_empty();
    loop {
        let result = if has_events {
            shared.store.transaction(&trees, |kv| {
                crate::storage::Kv::remove(kv, TreeName::Outbox, key)?;
                for (customer, private, team) in &delivered.links {
                    write_link(kv, *customer, *private, *team)?;
                }
                for event in &delivered.events {
                    inbox::push_outcome(kv, event.clone(), workspace)?;
                }
                Ok(())
            })
        } else {
            record_in_order(&shared.store, key, &delivered.links)
        };
        match result {
            Ok(()) => break,
            Err(error) => {
                // Storage is failing; retrying in place keeps the lane's order.
                tracing::error!(%error, "cannot record a delivered effect; retrying");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
    // Durable within a few milliseconds; usually the next flush someone needs anyway covers it.
    shared.store.request_flush_soon();
    if has_events {
        shared.inbox_wake.notify_one();
    }
}

/// Records an effect that produced no events (most relays): its links first, the effect's
/// removal last, as single writes. sled recovers a prefix of its log, so until the removal is
/// durable the effect stays queued and a crash repeats it (rewriting the links): the same window
/// every effect has. An atomic batch would cost sled two log-buffer writes, each waking its whole
/// I/O thread pool, which was about a third of the bot's CPU time per relayed message.
fn record_in_order(store: &Store, key: &[u8], links: &[NewLink]) -> Result<(), StorageError> {
    for (customer, private, team) in links {
        write_link(store, *customer, *private, *team).map_err(StorageError::State)?;
    }
    store.remove(TreeName::Outbox, key)
}

/// How many messages an effect creates, for rate limiting (edits, pins and deletions create
/// none, but still wait while their chat is paused).
fn message_cost(effect: &Effect) -> u32 {
    match effect {
        Effect::AlbumToThread { items, .. } | Effect::AlbumToCustomer { items, .. } => {
            u32::try_from(items.len()).unwrap_or(u32::MAX)
        }
        Effect::PostCard { .. }
        | Effect::CopyToThread { .. }
        | Effect::NoteInThread { .. }
        | Effect::CopyToCustomer { .. }
        | Effect::TellCustomer { .. }
        | Effect::NoteInTeamChat { .. }
        | Effect::AnswerTeam { .. }
        | Effect::NotifyAdmin { .. } => 1,
        Effect::EditCard { .. }
        | Effect::OpenCard { .. }
        | Effect::CloseCard { .. }
        | Effect::DeleteCard { .. }
        | Effect::EditThreadCopy { .. }
        | Effect::EditCustomerCopy { .. }
        | Effect::AnswerInline { .. }
        | Effect::AnswerInlineUnchecked { .. } => 0,
    }
}

/// Exponential backoff with jitter.
#[derive(Default)]
struct Backoff {
    attempts: u32,
}

impl Backoff {
    fn next(&mut self, cap: Duration) -> Duration {
        let base =
            Duration::from_millis(200).saturating_mul(2u32.saturating_pow(self.attempts.min(16)));
        self.attempts += 1;
        let capped = base.min(cap);
        capped.mul_f64(0.5 + fastrand::f64() / 2.0)
    }
}
