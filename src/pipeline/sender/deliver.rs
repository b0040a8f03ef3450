//! One effect carried out: the workspace check, the rate limits, the call, retries with
//! backoff, and the record of its completion (links and outcomes stored, the effect removed).

use std::time::Duration;

use super::{Delivered, Executor, NewLink, SendError, Shared};
use crate::desk::{Effect, Event, Failure};
use crate::domain::Workspace;
use crate::pipeline::inbox;
use crate::pipeline::outbox::{self, Destination, Lane, OutboxItem};
use crate::storage::{StorageError, Store, TreeName, write_link};

/// Carries out one effect until it succeeds or fails for good. Returns `false` when stopping.
pub(super) async fn deliver<E: Executor>(
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
    if refused_before(shared, &item) {
        // Telegram refused this administrator a notice after this one was queued: the desk
        // knows (from that refusal) and no longer notifies them; this one would fail the same.
        shared.metrics.admin_notices_skipped(1);
        commit(shared, &key, Delivered::default(), item.workspace).await;
        return true;
    }
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
            Ok(mut delivered) => {
                if matches!(item.effect, Effect::BroadcastCopy { .. }) {
                    // A test copy belongs to no conversation.
                    delivered.links.clear();
                }
                if let Some(problem) = team_chat_problem(lane) {
                    shared.problems.clear(problem);
                }
                shared.metrics.effect_sent(kind, item.enqueued_at);
                commit(shared, &key, delivered, item.workspace).await;
                return true;
            }
            Err(SendError::Permanent(failure)) => {
                shared.metrics.effect_failed(kind);
                note_unreachable_admin(shared, &item.effect, &failure);
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

/// Whether `item` is a notice to an administrator whom Telegram refused a notice queued no
/// earlier than this one.
fn refused_before<E>(shared: &Shared<E>, item: &OutboxItem) -> bool {
    let Effect::NotifyAdmin { admin, .. } = &item.effect else {
        return false;
    };
    let refused = shared
        .unreachable_admins
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    refused
        .get(admin)
        .is_some_and(|queued| item.enqueued_at <= *queued)
}

/// Remembers that an administrator cannot receive notices, when Telegram said so: the notices
/// already queued for them are not sent (each would be refused the same way).
fn note_unreachable_admin<E>(shared: &Shared<E>, effect: &Effect, failure: &Failure) {
    let Effect::NotifyAdmin { admin, .. } = effect else {
        return;
    };
    if matches!(
        failure,
        Failure::NotStarted | Failure::BlockedByUser | Failure::UserDeactivated
    ) {
        shared
            .unreachable_admins
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(*admin, crate::pipeline::clock::now());
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
/// decided in); then asks for a flush.
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
                // An effect erased meanwhile (its customer forgotten) leaves no links behind.
                let erased = crate::storage::Kv::get(kv, TreeName::Outbox, key)?.is_none();
                crate::storage::Kv::remove(kv, TreeName::Outbox, key)?;
                for (customer, private, team) in delivered.links.iter().filter(|_| !erased) {
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
    // Nobody waits for this record: lost in a crash, the effect is sent again. The next flush
    // someone needs (the processor's, before it acts on the outcomes) usually covers it.
    shared.store.request_flush_later();
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
    // An effect erased meanwhile (its customer forgotten) leaves no links behind.
    if !links.is_empty() && !store.contains(TreeName::Outbox, key)? {
        return Ok(());
    }
    for (customer, private, team) in links {
        write_link(store, *customer, *private, *team).map_err(StorageError::State)?;
    }
    store.remove(TreeName::Outbox, key)
}

/// How many messages an effect creates, for rate limiting (edits, pins and deletions create
/// none, but still wait while their chat is paused).
pub(super) fn message_cost(effect: &Effect) -> u32 {
    match effect {
        Effect::AlbumToThread { items, .. } | Effect::AlbumToCustomer { items, .. } => {
            u32::try_from(items.len()).unwrap_or(u32::MAX)
        }
        Effect::BroadcastCopy { messages, .. } | Effect::CopiesToCustomer { messages, .. } => {
            u32::try_from(messages.len()).unwrap_or(u32::MAX)
        }
        Effect::PostCard { .. }
        | Effect::CopyToThread { .. }
        | Effect::NoteInThread { .. }
        | Effect::CopyToCustomer { .. }
        | Effect::FilledToCustomer { .. }
        | Effect::TellCustomer { .. }
        | Effect::NoteInTeamChat { .. }
        | Effect::AnswerTeam { .. }
        | Effect::NotifyAdmin { .. }
        | Effect::ApiMessage { .. }
        | Effect::ApiFile { .. }
        | Effect::MirrorToThread { .. }
        | Effect::SendButtons { .. } => 1,
        // The chart, then its figures.
        Effect::SendReport { .. } => 2,
        // Usually one document; a longer export takes a few.
        Effect::SendExport { .. } => 1,
        Effect::EditCard { .. }
        | Effect::OpenCard { .. }
        | Effect::CloseCard { .. }
        | Effect::DeleteCard { .. }
        | Effect::EditThreadCopy { .. }
        | Effect::EditMirror { .. }
        | Effect::EditCustomerCopy { .. }
        | Effect::AnswerInline { .. }
        | Effect::AnswerInlineUnchecked { .. }
        | Effect::EditButtons { .. }
        | Effect::ReadImport { .. }
        | Effect::AnswerButton { .. } => 0,
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
