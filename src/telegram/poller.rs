//! Long polling that never loses an update: each batch is stored and flushed before the next
//! `getUpdates` call confirms it to Telegram (the processor may already be working on it).
//!
//! teloxide's stock polling confirms a batch before its handlers finish (a crash then loses
//! updates), so the updates are fetched here as raw JSON with a small payload of our own and
//! handed to the inbox exactly as Telegram sent them.

use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use teloxide::prelude::*;
use teloxide::requests::{JsonRequest, Payload};
use teloxide::{ApiError, RequestError};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use super::routing::Router;
use crate::pipeline::inbox;
use crate::pipeline::metrics::Metrics;
use crate::storage::Store;

/// The update kinds the bot asks for (`chat_member` must be named to be delivered).
pub const ALLOWED_UPDATES: [&str; 9] = [
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "inline_query",
    "chosen_inline_result",
    "my_chat_member",
    "chat_member",
    "callback_query",
];

/// `getUpdates`, answered as JSON values (stored exactly as received).
#[derive(Serialize)]
struct GetRawUpdates {
    #[serde(skip_serializing_if = "Option::is_none")]
    offset: Option<i64>,
    limit: u8,
    timeout: u32,
    allowed_updates: Vec<&'static str>,
}

impl Payload for GetRawUpdates {
    // Raw values cannot be used here: teloxide parses answers through an untagged enum.
    type Output = Vec<serde_json::Value>;
    const NAME: &'static str = "GetUpdates";

    fn timeout_hint(&self) -> Option<Duration> {
        Some(Duration::from_secs(u64::from(self.timeout)))
    }
}

/// Polls until `shutdown`, storing every update before confirming it.
#[allow(clippy::too_many_arguments)]
pub async fn run(
    bot: Bot,
    store: Store,
    router: Router,
    poll_timeout: Duration,
    inbox_wake: Arc<Notify>,
    metrics: Arc<Metrics>,
    token: String,
    shutdown: CancellationToken,
) {
    let mut offset = match inbox::saved_offset(&store) {
        Ok(offset) => offset,
        Err(error) => {
            tracing::error!(%error, "cannot read the saved polling offset; starting from Telegram's");
            None
        }
    };
    let mut failures = 0u32;
    loop {
        let request = JsonRequest::new(
            bot.clone(),
            GetRawUpdates {
                offset,
                limit: 100,
                timeout: u32::try_from(poll_timeout.as_secs()).unwrap_or(25),
                allowed_updates: router.allowed_updates(),
            },
        );
        let result = tokio::select! {
            result = request.send() => result,
            () = shutdown.cancelled() => return,
        };
        let wait = match result {
            Ok(updates) => {
                failures = 0;
                if updates.is_empty() {
                    metrics.telegram_answered();
                    continue;
                }
                match store_batch(&store, &router, &updates) {
                    Ok((stored, next, 0)) => {
                        // Nothing anyone needs (the bot's own topic changes): fetched again
                        // after a crash and ignored again, so nothing waits for the disk.
                        store.request_flush_later();
                        metrics.updates_received(stored);
                        offset = Some(next);
                        continue;
                    }
                    Ok((stored, next, _)) => {
                        // Durable before the next call confirms the batch to Telegram. The
                        // processor may start at once: it flushes before anything is sent, and
                        // that flush usually makes this batch durable too (group commit).
                        let durable = store.request_flush_soon();
                        inbox_wake.notify_one();
                        store.flushed(durable).await;
                        router.stored();
                        metrics.updates_received(stored);
                        offset = Some(next);
                        continue;
                    }
                    Err(error) => {
                        tracing::error!(%error, "cannot store updates; they will be fetched again");
                        Duration::from_secs(1)
                    }
                }
            }
            Err(RequestError::RetryAfter(seconds)) => seconds.duration(),
            Err(RequestError::Api(ApiError::TerminatedByOtherGetUpdates)) => {
                tracing::error!(
                    "another process is polling with this bot's token; only one may run"
                );
                Duration::from_secs(5)
            }
            Err(RequestError::Api(ApiError::CantGetUpdates)) => {
                tracing::error!(
                    "a webhook is set for this bot; polling resumes once it is removed"
                );
                Duration::from_secs(5)
            }
            Err(error) => {
                failures += 1;
                let wait = Duration::from_millis(250)
                    .saturating_mul(2u32.saturating_pow(failures.min(7)))
                    .min(Duration::from_secs(30));
                tracing::warn!(error = %super::errors::redact(&error.to_string(), &token), ?wait, "getUpdates failed; retrying");
                wait
            }
        };
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            () = shutdown.cancelled() => return,
        }
    }
}

/// Stores a batch; returns how many were new, the offset that confirms the batch, and how many
/// were kept for the desk or the existing bot (the bot's own topic changes are for neither).
fn store_batch(
    store: &Store,
    router: &Router,
    updates: &[serde_json::Value],
) -> Result<(usize, i64, usize), crate::storage::StorageError> {
    let mut parsed = Vec::with_capacity(updates.len());
    let mut highest = i64::MIN;
    for update in updates {
        match update.get("update_id").and_then(serde_json::Value::as_i64) {
            Some(update_id) if super::wire::is_bots_topic_service_update(update) => {
                highest = highest.max(update_id);
            }
            Some(update_id) => {
                highest = highest.max(update_id);
                let json = update.to_string().into_bytes();
                parsed.push(inbox::Received {
                    update_id,
                    route: router.route(&json),
                    json,
                });
            }
            None => tracing::warn!("an update without update_id was skipped"),
        }
    }
    let next = highest.saturating_add(1);
    let kept = parsed.len();
    let stored = inbox::store_updates(store, &parsed, Some(next))?;
    Ok((stored, next, kept))
}
