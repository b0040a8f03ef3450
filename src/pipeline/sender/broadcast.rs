//! The broadcast lane: the sender's lowest-priority lane, one recipient at a time.
//!
//! It counts new broadcasts' recipients for their preview, and sends running ones: customers in
//! id order from where it stopped, at most `broadcast_rate` a second, each send taking a global
//! slot only when no other lane waits for one ([`Limiter::acquire_background`]). A 429 pauses
//! the whole lane for its `retry_after`.
//!
//! Exactly once: before each call the recipient's delivery is written as in flight and made
//! durable; after it, the outcome. A recipient with any delivery record is never sent to
//! again, so a crash repeats nothing; a delivery found still in flight at start is counted as
//! uncertain (the one window where the copy may or may not have gone out). Progress goes to
//! the desk as events, at most every [`REPORT_EVERY`] and at the end.
//!
//! [`Limiter::acquire_background`]: super::super::limiter::Limiter::acquire_background

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

use super::{Executor, SendError, Shared};
use crate::desk::{BroadcastReport, Effect, Event, Failure, failure_code};
use crate::domain::{
    Broadcast, BroadcastCounts, BroadcastId, BroadcastStatus, MessageId, Segment, UserId,
};
use crate::pipeline::limiter::ChatClass;
use crate::pipeline::{clock, inbox, recipients};
use crate::storage::broadcasts::{self, Delivery, Progress};
use crate::storage::{StorageError, Store, TreeName, codec, keys};

/// How often the lane looks for work when it has none and nobody told it of a change (the
/// processor does, whenever it writes a broadcast).
const IDLE_POLL: Duration = Duration::from_secs(60);
/// How often at most the desk hears of a running broadcast's progress.
pub const REPORT_EVERY: Duration = Duration::from_secs(5);
/// How often the lane rereads a running broadcast's status (to see Pause and Cancel).
const STATUS_EVERY: Duration = Duration::from_millis(250);
/// Network errors tolerated for one recipient before the copy counts as failed.
const MAX_ATTEMPTS: u32 = 5;
/// Customers read from the database at a time.
const CHUNK: usize = 256;
/// Failure reasons kept in a broadcast's counts.
const MAX_REASONS: usize = 5;

/// What became of one recipient.
enum Outcome {
    Sent(Vec<MessageId>),
    Blocked,
    Failed(String),
    /// The sender is stopping; nothing was sent.
    Stopped,
}

/// Runs the lane until the sender stops.
pub(super) async fn run<E: Executor>(shared: Arc<Shared<E>>) {
    let mut counted: HashSet<BroadcastId> = HashSet::new();
    loop {
        if shared.stopping.is_cancelled() {
            return;
        }
        let worked = match next(&shared, &mut counted) {
            Ok(Some(broadcast)) => match send(&shared, &broadcast).await {
                Ok(sent) => sent,
                Err(error) => {
                    tracing::error!(%error, id = %broadcast.id, "the broadcast lane cannot read or write its records; retrying");
                    false
                }
            },
            Ok(None) => false,
            Err(error) => {
                tracing::error!(%error, "the broadcast lane cannot read the broadcasts");
                false
            }
        };
        if !worked {
            tokio::select! {
                () = tokio::time::sleep(IDLE_POLL) => {}
                () = shared.broadcast_wake.notified() => {}
                () = shared.stopping.cancelled() => return,
            }
        }
    }
}

/// Counts the recipients of broadcasts waiting for their preview; returns the first running
/// broadcast, if any.
fn next<E>(
    shared: &Shared<E>,
    counted: &mut HashSet<BroadcastId>,
) -> Result<Option<Broadcast>, StorageError> {
    let store = &shared.store;
    for id in broadcasts::active_broadcasts(store)? {
        let Some(broadcast) = broadcasts::broadcast(store, id)? else {
            continue;
        };
        match broadcast.status {
            BroadcastStatus::Counting if counted.insert(id) => {
                let total = match Segment::parse(&broadcast.segment) {
                    Ok(segment) => recipients::count(store, &segment, clock::now())?,
                    Err(_) => 0,
                };
                inbox::push_event_now(store, Event::BroadcastCounted { id, total })?;
                shared.inbox_wake.notify_one();
            }
            BroadcastStatus::Running => return Ok(Some(broadcast)),
            _ => {}
        }
    }
    Ok(None)
}

/// Sends a running broadcast until it is done, paused, cancelled or the sender stops. Returns
/// whether there was anything to do (a finished broadcast waits for the desk to hear of it).
async fn send<E: Executor>(
    shared: &Shared<E>,
    broadcast: &Broadcast,
) -> Result<bool, StorageError> {
    let store = &shared.store;
    let id = broadcast.id;
    let segment = Segment::parse(&broadcast.segment).ok();
    let mut progress = broadcasts::progress(store, id)?;
    if progress.finished {
        return Ok(false);
    }
    if !progress.counted {
        progress.counts.total = match &segment {
            Some(segment) => recipients::count(store, segment, clock::now())?,
            None => 0,
        };
        progress.counted = true;
    }
    if let Some(user) = progress.in_flight.take() {
        if broadcasts::delivery(store, id, user)? == Some(Delivery::InFlight) {
            tracing::warn!(%id, customer = %user, "a broadcast copy was on its way when the bot stopped: counted as uncertain, not sent again");
            progress.counts.uncertain += 1;
            write(store, id, user, &Delivery::Uncertain, &progress)?;
        }
    }
    save_progress(store, id, &progress)?;
    let interval = Duration::from_secs_f64(1.0 / shared.broadcast_per_second.max(0.001));
    let mut next_send = Instant::now();
    let mut last_report = Instant::now();
    let mut last_status = Instant::now();
    let mut blocked = Vec::new();
    let mut delivered = Vec::new();
    let Some(segment) = segment else {
        return finish(shared, id, &mut progress, blocked);
    };
    let mut examined = 0u32;
    loop {
        // A chunk at a time: no database iterator is held across a wait.
        let chunk = recipients::customers_after(store, progress.cursor)
            .take(CHUNK)
            .collect::<Result<Vec<_>, _>>()?;
        if chunk.is_empty() {
            break;
        }
        for customer in chunk {
            if shared.stopping.is_cancelled() || !still_running(store, id, &mut last_status)? {
                save_progress(store, id, &progress)?;
                return Ok(true);
            }
            progress.cursor = Some(customer.id);
            examined += 1;
            if examined % 256 == 0 {
                save_progress(store, id, &progress)?;
                // Other tasks run meanwhile, however few of these customers are recipients.
                tokio::task::yield_now().await;
            }
            let eligible = recipients::receives(store, &segment, &customer, clock::now())?;
            if !eligible || broadcasts::delivery(store, id, customer.id)?.is_some() {
                continue;
            }
            tokio::select! {
                () = tokio::time::sleep_until(next_send) => {}
                () = shared.stopping.cancelled() => {
                    save_progress(store, id, &progress)?;
                    return Ok(true);
                }
            }
            next_send = (next_send + interval).max(Instant::now());
            progress.in_flight = Some(customer.id);
            write(store, id, customer.id, &Delivery::InFlight, &progress)?;
            store.flush().await;
            let outcome = deliver(shared, broadcast, customer.id).await;
            progress.in_flight = None;
            let delivery = match outcome {
                Outcome::Sent(copies) => {
                    progress.counts.sent += 1;
                    remember_copies(store, id, customer.id, &copies)?;
                    if shared.broadcast_note_in_thread {
                        delivered.push(customer.id);
                    }
                    Delivery::Sent(copies)
                }
                Outcome::Blocked => {
                    progress.counts.blocked += 1;
                    blocked.push(customer.id);
                    Delivery::Blocked
                }
                Outcome::Failed(reason) => {
                    progress.counts.failed += 1;
                    count_reason(&mut progress.counts, &reason);
                    Delivery::Failed(reason)
                }
                Outcome::Stopped => {
                    // Nothing went out: the recipient is tried again at the next start.
                    store.remove(
                        TreeName::Deliveries,
                        &broadcasts::delivery_key(id, customer.id),
                    )?;
                    save_progress(store, id, &progress)?;
                    return Ok(true);
                }
            };
            write(store, id, customer.id, &delivery, &progress)?;
            store.request_flush_soon();
            if last_report.elapsed() >= REPORT_EVERY {
                last_report = Instant::now();
                tell_delivered(shared, id, &mut delivered)?;
                report(shared, id, &progress, false, std::mem::take(&mut blocked))?;
            }
        }
    }
    tell_delivered(shared, id, &mut delivered)?;
    finish(shared, id, &mut progress, blocked)
}

/// Every recipient was tried: recorded, and the desk told (once: the lane does not take the
/// broadcast up again).
fn finish<E>(
    shared: &Shared<E>,
    id: BroadcastId,
    progress: &mut Progress,
    blocked: Vec<UserId>,
) -> Result<bool, StorageError> {
    progress.finished = true;
    let event = report_event(id, progress, true, blocked);
    shared
        .store
        .transaction(&[TreeName::Deliveries, TreeName::Inbox], |kv| {
            let bytes = codec::encode(&*progress)?;
            crate::storage::Kv::insert(
                kv,
                TreeName::Deliveries,
                &broadcasts::progress_key(id),
                bytes,
            )?;
            inbox::push_event(kv, event.clone())
        })?;
    shared.inbox_wake.notify_one();
    Ok(true)
}

/// One recipient's copy, retried through 429s and network errors.
async fn deliver<E: Executor>(shared: &Shared<E>, broadcast: &Broadcast, to: UserId) -> Outcome {
    let effect = Effect::BroadcastCopy {
        customer: to,
        chat: broadcast.chat,
        messages: broadcast.messages.clone(),
        test: None,
    };
    let chat = to.private_chat();
    let cost = super::deliver::message_cost(&effect);
    let mut attempts = 0;
    loop {
        let limited = async {
            let admission = shared
                .limiter
                .acquire_background(chat, ChatClass::Private, cost)
                .await;
            (admission, shared.in_flight.acquire().await)
        };
        let (admission, permit) = tokio::select! {
            admitted = limited => admitted,
            () = shared.stopping.cancelled() => return Outcome::Stopped,
        };
        let result = shared
            .executor
            .execute(&effect, shared.workspace.get())
            .await;
        drop(permit);
        let wait = match result {
            Ok(delivered) => {
                admission.accepted();
                shared.metrics.effect_sent("broadcast_copy", clock::now());
                let copies = delivered.links.iter().map(|(_, copy, _)| *copy).collect();
                return Outcome::Sent(copies);
            }
            Err(SendError::Permanent(failure)) => {
                admission.accepted();
                shared.metrics.effect_failed("broadcast_copy");
                return match failure {
                    Failure::BlockedByUser | Failure::UserDeactivated => Outcome::Blocked,
                    Failure::Rejected(reason) => Outcome::Failed(reason),
                    other => Outcome::Failed(failure_code(&other).to_owned()),
                };
            }
            Err(SendError::RetryAfter(wait)) => {
                shared.metrics.too_many_requests();
                shared.limiter.pause(chat, ChatClass::Private, wait);
                drop(admission);
                wait
            }
            Err(SendError::Transient(reason) | SendError::Setup(reason)) => {
                drop(admission);
                shared.metrics.retried();
                attempts += 1;
                if attempts >= MAX_ATTEMPTS {
                    return Outcome::Failed(reason);
                }
                Duration::from_millis(250 * 2u64.pow(attempts))
            }
        };
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            () = shared.stopping.cancelled() => return Outcome::Stopped,
        }
    }
}

/// Whether the broadcast is still running (its record reread at most every [`STATUS_EVERY`]).
fn still_running(store: &Store, id: BroadcastId, last: &mut Instant) -> Result<bool, StorageError> {
    if last.elapsed() < STATUS_EVERY {
        return Ok(true);
    }
    *last = Instant::now();
    Ok(broadcasts::broadcast(store, id)?
        .is_some_and(|broadcast| broadcast.status == BroadcastStatus::Running))
}

/// Writes a recipient's delivery and the broadcast's progress together.
fn write(
    store: &Store,
    id: BroadcastId,
    customer: UserId,
    delivery: &Delivery,
    progress: &Progress,
) -> Result<(), StorageError> {
    let batch = vec![
        (
            broadcasts::delivery_key(id, customer).to_vec(),
            Some(codec::encode(delivery).map_err(into_storage)?),
        ),
        (
            broadcasts::progress_key(id).to_vec(),
            Some(codec::encode(progress).map_err(into_storage)?),
        ),
    ];
    store.apply_batch(TreeName::Deliveries, batch)
}

fn save_progress(store: &Store, id: BroadcastId, progress: &Progress) -> Result<(), StorageError> {
    let bytes = codec::encode(progress).map_err(into_storage)?;
    store.insert(TreeName::Deliveries, &broadcasts::progress_key(id), &bytes)
}

/// Remembers which broadcast each copy belongs to, for replies to it.
fn remember_copies(
    store: &Store,
    id: BroadcastId,
    customer: UserId,
    copies: &[MessageId],
) -> Result<(), StorageError> {
    for copy in copies {
        let key = broadcasts::copy_key(customer, *copy);
        store.insert(TreeName::Deliveries, &key, &keys::sequence(id.0))?;
    }
    Ok(())
}

fn count_reason(counts: &mut BroadcastCounts, reason: &str) {
    let known = counts.reasons.len();
    match counts.reasons.iter_mut().find(|(known, _)| known == reason) {
        Some((_, count)) => *count += 1,
        None if known < MAX_REASONS => counts.reasons.push((reason.to_owned(), 1)),
        None => {}
    }
    counts
        .reasons
        .sort_by_key(|reason| std::cmp::Reverse(reason.1));
}

/// Tells the desk who the broadcast reached since the last report (only collected with
/// `broadcast_note_in_thread`).
fn tell_delivered<E>(
    shared: &Shared<E>,
    id: BroadcastId,
    delivered: &mut Vec<UserId>,
) -> Result<(), StorageError> {
    if delivered.is_empty() {
        return Ok(());
    }
    let customers = std::mem::take(delivered);
    inbox::push_event_now(&shared.store, Event::BroadcastDelivered { id, customers })?;
    shared.inbox_wake.notify_one();
    Ok(())
}

/// Tells the desk how the broadcast stands.
fn report<E>(
    shared: &Shared<E>,
    id: BroadcastId,
    progress: &Progress,
    finished: bool,
    blocked: Vec<UserId>,
) -> Result<(), StorageError> {
    let event = report_event(id, progress, finished, blocked);
    inbox::push_event_now(&shared.store, event)?;
    shared.inbox_wake.notify_one();
    Ok(())
}

fn report_event(
    id: BroadcastId,
    progress: &Progress,
    finished: bool,
    blocked: Vec<UserId>,
) -> Event {
    Event::BroadcastProgress(BroadcastReport {
        id,
        counts: progress.counts.clone(),
        finished,
        blocked,
    })
}

fn into_storage(error: codec::CodecError) -> StorageError {
    StorageError::State(error.into())
}
