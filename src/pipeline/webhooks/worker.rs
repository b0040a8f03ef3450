//! The tasks that empty the queue: one moves the desk's events to the endpoints' queues, and
//! one per endpoint posts its deliveries, the first of each customer at a time, several
//! customers at once. They only read and write the queue, so a slow or dead endpoint never
//! holds up the desk.

use std::sync::Arc;
use std::time::Duration;

use futures_util::future::join_all;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use super::queue::{self, Head};
use super::signature::{self, EVENT_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER};
use crate::config::WebhookEndpoint;
use crate::pipeline::clock;
use crate::pipeline::metrics::Metrics;
use crate::storage::Store;

/// Events moved per batch.
const FAN_OUT_BATCH: usize = 500;
/// Customers whose deliveries one endpoint attempts at once.
const CONCURRENT: usize = 16;
/// Customers one pass over an endpoint's queue looks at.
const SCAN: usize = 10_000;
/// The longest an idle endpoint worker sleeps before looking again.
const IDLE: Duration = Duration::from_secs(5);

/// Moves the desk's events to the endpoints' queues until `stop`, waking their workers: at
/// start, then each time the processor says it stored some (`stored`).
pub async fn fan_out(
    store: Store,
    endpoints: Vec<WebhookEndpoint>,
    stored: Arc<Notify>,
    wakes: Vec<Arc<Notify>>,
    stop: CancellationToken,
) {
    let subscriptions: Vec<_> = endpoints
        .iter()
        .map(|endpoint| (queue::endpoint_key(&endpoint.url), endpoint.events.clone()))
        .collect();
    loop {
        let moved = {
            let store = store.clone();
            let subscriptions = subscriptions.clone();
            tokio::task::spawn_blocking(move || {
                queue::fan_out(&store, &subscriptions, FAN_OUT_BATCH)
            })
            .await
        };
        match moved {
            Ok(Ok(moved)) if moved > 0 => {
                wakes.iter().for_each(|wake| wake.notify_one());
                if moved == FAN_OUT_BATCH {
                    continue;
                }
            }
            Ok(Ok(_)) => {}
            Ok(Err(error)) => tracing::error!(%error, "cannot queue webhook events"),
            Err(error) => tracing::error!(%error, "the webhook queue task failed"),
        }
        tokio::select! {
            () = stop.cancelled() => break,
            () = stored.notified() => {}
        }
    }
    // A last pass on the way out, so events no endpoint wants do not wait for the next start.
    let last =
        tokio::task::spawn_blocking(move || queue::fan_out(&store, &subscriptions, usize::MAX))
            .await;
    if let Ok(Err(error)) = last {
        tracing::error!(%error, "cannot queue webhook events");
    }
}

/// What an endpoint worker needs.
pub struct Worker {
    /// The database.
    pub store: Store,
    /// The endpoint.
    pub endpoint: WebhookEndpoint,
    /// The HTTP client.
    pub client: reqwest::Client,
    /// How long a delivery is retried.
    pub retry_for: Duration,
    /// Counters.
    pub metrics: Arc<Metrics>,
    /// Woken when deliveries are queued.
    pub wake: Arc<Notify>,
}

impl Worker {
    /// Posts the endpoint's deliveries until `stop` (an attempt in flight then is repeated at
    /// the next start: deliveries are at least once).
    pub async fn run(self, stop: CancellationToken) {
        let key = queue::endpoint_key(&self.endpoint.url);
        let host = self.endpoint.url.host_str().unwrap_or("?").to_owned();
        tracing::info!(endpoint = %host, "webhook deliveries running");
        loop {
            let now = clock::now();
            let scanned = {
                let store = self.store.clone();
                tokio::task::spawn_blocking(move || {
                    queue::due_heads(&store, &key, now, CONCURRENT, SCAN)
                })
                .await
            };
            let (heads, next) = match scanned {
                Ok(Ok(found)) => found,
                Ok(Err(error)) => {
                    tracing::error!(%error, "cannot read the webhook queue");
                    (Vec::new(), None)
                }
                Err(_) => (Vec::new(), None),
            };
            if heads.is_empty() {
                let wait = next.map_or(IDLE, |due| {
                    Duration::from_millis((due.0 - now.0).clamp(1, IDLE.as_millis() as i64) as u64)
                });
                tokio::select! {
                    () = stop.cancelled() => return,
                    () = self.wake.notified() => {}
                    () = tokio::time::sleep(wait) => {}
                }
                continue;
            }
            let attempts = join_all(heads.into_iter().map(|head| self.attempt(head)));
            let results = tokio::select! {
                () = stop.cancelled() => return,
                results = attempts => results,
            };
            for (head, result) in results {
                self.record(&key, &host, head, result);
            }
        }
    }

    /// Posts one delivery, signed with the attempt's time.
    async fn attempt(&self, head: Head) -> (Head, Result<(), String>) {
        let body = signature::body(head.sequence, &head.pending.event);
        let timestamp = clock::now().unix_seconds();
        let signed = signature::signature(self.endpoint.secret.expose(), timestamp, &body);
        let sent = self
            .client
            .post(self.endpoint.url.clone())
            .header("content-type", "application/json")
            .header(SIGNATURE_HEADER, signed)
            .header(EVENT_ID_HEADER, signature::event_id(head.sequence))
            .header(EVENT_TYPE_HEADER, head.pending.event.kind.name())
            .header("threadesk-attempt", (head.pending.attempts + 1).to_string())
            .body(body)
            .send()
            .await;
        let result = match sent {
            Ok(response) if response.status().is_success() => Ok(()),
            Ok(response) => Err(format!("HTTP {}", response.status().as_u16())),
            Err(error) if error.is_timeout() => Err("timeout".into()),
            Err(error) if error.is_redirect() => {
                Err(format!("redirect refused: {}", error.without_url()))
            }
            Err(error) => Err(error.without_url().to_string()),
        };
        (head, result)
    }

    fn record(&self, key: &[u8; 8], host: &str, head: Head, result: Result<(), String>) {
        let sequence = head.sequence;
        let outcome = match result {
            Ok(()) => {
                self.metrics.webhook_delivered();
                queue::delivered(&self.store, &head).map(|()| false)
            }
            Err(error) => {
                self.metrics.webhook_failed();
                tracing::warn!(endpoint = %host, sequence, attempt = head.pending.attempts + 1, %error, "webhook delivery failed");
                queue::failed(&self.store, key, head, error, clock::now(), self.retry_for)
            }
        };
        match outcome {
            Ok(true) => {
                self.metrics.webhook_given_up();
                tracing::error!(endpoint = %host, sequence, "webhook delivery given up after retrying");
            }
            Ok(false) => {}
            Err(error) => tracing::error!(%error, "cannot update the webhook queue"),
        }
    }
}
