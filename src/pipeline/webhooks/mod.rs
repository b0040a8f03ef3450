//! Outgoing webhooks: the desk's events posted, signed, to the configured endpoints from a
//! durable queue, in order per customer, at least once, retried with backoff.
//!
//! - `queue.rs`: the queue in the `integrations` tree: fan-out, heads per customer, retries.
//! - `signature.rs`: the JSON body and its HMAC-SHA256 signature.
//! - `client.rs`: the HTTP client: timeouts, and redirects only to public `http(s)` URLs.
//! - `worker.rs`: the fan-out task and one delivery task per endpoint.

mod client;
mod queue;
mod signature;
mod worker;

use std::sync::Arc;

use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use crate::config::{IntegrationSettings, WebhookEndpoint};
use crate::desk::WebhookKind;
use crate::pipeline::metrics::Metrics;
use crate::storage::Store;

pub use client::is_private;
pub use queue::depth;
pub use signature::{EVENT_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER, signature};

/// How the desk's events reach the queue: the processor stores only the kinds some endpoint
/// subscribes to (with none configured, nothing is stored and nothing wakes), and wakes the
/// fan-out when it stored some.
#[derive(Clone, Debug, Default)]
pub struct WebhookFeed {
    kinds: Arc<[WebhookKind]>,
    wake: Arc<Notify>,
}

impl WebhookFeed {
    /// The feed for these endpoints.
    pub fn new(endpoints: &[WebhookEndpoint]) -> WebhookFeed {
        let mut kinds: Vec<WebhookKind> = endpoints
            .iter()
            .flat_map(|endpoint| endpoint.events.iter().copied())
            .collect();
        kinds.sort_by_key(|kind| kind.name());
        kinds.dedup();
        WebhookFeed {
            kinds: kinds.into(),
            wake: Arc::new(Notify::new()),
        }
    }

    /// Whether some endpoint wants events of `kind`.
    pub fn wants(&self, kind: WebhookKind) -> bool {
        self.kinds.contains(&kind)
    }

    /// New events are stored (and durable): the fan-out moves them.
    pub fn stored(&self) {
        self.wake.notify_one();
    }
}

/// Runs the queue until `stop`: the fan-out, and a worker per endpoint. Runs without endpoints
/// too, dropping events stored while endpoints were configured.
pub async fn run(
    store: Store,
    settings: IntegrationSettings,
    feed: WebhookFeed,
    metrics: Arc<Metrics>,
    stop: CancellationToken,
) -> anyhow::Result<()> {
    let client = client::client(settings.webhook_timeout, settings.webhook_allow_private)?;
    let mut tasks = Vec::new();
    let mut wakes = Vec::new();
    for endpoint in &settings.webhooks {
        let wake = Arc::new(Notify::new());
        wakes.push(Arc::clone(&wake));
        let worker = worker::Worker {
            store: store.clone(),
            endpoint: endpoint.clone(),
            client: client.clone(),
            retry_for: settings.webhook_retry_for,
            metrics: Arc::clone(&metrics),
            wake,
        };
        tasks.push(tokio::spawn(worker.run(stop.clone())));
    }
    worker::fan_out(store, settings.webhooks, feed.wake, wakes, stop).await;
    for task in tasks {
        let _ = task.await;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Secret;

    #[test]
    fn only_the_kinds_some_endpoint_subscribes_to_are_kept() {
        let endpoint = |events: Vec<WebhookKind>| WebhookEndpoint {
            url: "https://crm.example.com/hook".parse().unwrap(),
            events,
            secret: Secret::new("a long random secret"),
        };
        let none = WebhookFeed::new(&[]);
        assert!(WebhookKind::ALL.iter().all(|kind| !none.wants(*kind)));
        let feed = WebhookFeed::new(&[
            endpoint(vec![WebhookKind::TicketOpened]),
            endpoint(vec![WebhookKind::Rating, WebhookKind::TicketOpened]),
        ]);
        let wanted: Vec<WebhookKind> = WebhookKind::ALL
            .into_iter()
            .filter(|kind| feed.wants(*kind))
            .collect();
        assert_eq!(wanted, [WebhookKind::TicketOpened, WebhookKind::Rating]);
    }
}
