//! Webhook intake: Telegram posts each update to the bot's public HTTPS address; the update is
//! stored and flushed to the inbox before the answer is 200, so Telegram retries anything the
//! bot did not keep.
//!
//! Requests without the configured secret token get 403; bodies over the size limit get 413;
//! malformed JSON gets 400 and a log line. TLS is expected to end at a reverse proxy (nginx,
//! Caddy) in front of the listen address.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use teloxide::payloads::SetWebhookSetters;
use teloxide::prelude::*;
use teloxide::types::AllowedUpdate;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use super::errors::redact;
use super::routing::Router as UpdateRouter;
use crate::pipeline::inbox;
use crate::pipeline::metrics::Metrics;
use crate::storage::Store;

/// The largest update body accepted.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The header Telegram uses for the secret token.
const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

/// What the webhook handler needs.
#[derive(Clone)]
struct Receiver {
    store: Store,
    router: UpdateRouter,
    secret: Arc<str>,
    inbox_wake: Arc<Notify>,
    metrics: Arc<Metrics>,
}

/// Registers the webhook with Telegram.
pub async fn register(
    bot: &Bot,
    url: &url::Url,
    secret: &str,
    token: &str,
    router: &UpdateRouter,
) -> Result<(), String> {
    let allowed = router
        .allowed_updates()
        .iter()
        .filter_map(|kind| allowed_update(kind))
        .collect::<Vec<_>>();
    bot.set_webhook(url.clone())
        .secret_token(secret.to_owned())
        .allowed_updates(allowed)
        .await
        .map(drop)
        .map_err(|error| {
            format!(
                "Telegram refused the webhook {url}: {}",
                redact(&error.to_string(), token)
            )
        })
}

fn allowed_update(kind: &str) -> Option<AllowedUpdate> {
    serde_json::from_value(serde_json::Value::String(kind.to_owned())).ok()
}

/// The webhook's routes (any path: the public URL's path is decided by the reverse proxy).
pub fn router(
    store: Store,
    router: UpdateRouter,
    secret: &str,
    inbox_wake: Arc<Notify>,
    metrics: Arc<Metrics>,
) -> Router {
    let receiver = Receiver {
        store,
        router,
        secret: Arc::from(secret),
        inbox_wake,
        metrics,
    };
    Router::new()
        .route("/", post(receive))
        .route("/{*path}", post(receive))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(receiver)
}

/// Serves the webhook until `shutdown`.
pub async fn serve(listener: tokio::net::TcpListener, router: Router, shutdown: CancellationToken) {
    if let Ok(address) = listener.local_addr() {
        tracing::info!(%address, "webhook listening");
    }
    crate::http_serve::serve(listener, router, shutdown).await;
}

async fn receive(State(receiver): State<Receiver>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let given = headers
        .get(SECRET_HEADER)
        .map(|value| value.as_bytes())
        .unwrap_or_default();
    if !constant_time_equal(given, receiver.secret.as_bytes()) {
        tracing::warn!("webhook request without the right secret token refused");
        return StatusCode::FORBIDDEN;
    }
    let update_id = match serde_json::from_slice::<serde_json::Value>(&body) {
        Ok(update) => update.get("update_id").and_then(serde_json::Value::as_i64),
        Err(error) => {
            tracing::warn!(%error, "malformed webhook body refused");
            return StatusCode::BAD_REQUEST;
        }
    };
    let Some(update_id) = update_id else {
        tracing::warn!("webhook body without update_id refused");
        return StatusCode::BAD_REQUEST;
    };
    let received = inbox::Received {
        update_id,
        route: receiver.router.route(&body),
        json: body.to_vec(),
    };
    match inbox::store_updates(&receiver.store, &[received], None) {
        Ok(stored) => {
            // Durable before Telegram hears 200.
            receiver.store.flush().await;
            receiver.router.stored();
            receiver.metrics.updates_received(stored);
            receiver.inbox_wake.notify_one();
            StatusCode::OK
        }
        Err(error) => {
            // Telegram will deliver it again.
            tracing::error!(%error, "cannot store a webhook update");
            StatusCode::SERVICE_UNAVAILABLE
        }
    }
}

fn constant_time_equal(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .fold(0u8, |difference, (x, y)| difference | (x ^ y))
            == 0
}

/// Watches Telegram's view of the webhook and says clearly when it cannot reach the bot.
pub async fn watch(bot: Bot, url: url::Url, token: String, shutdown: CancellationToken) {
    let mut wait = Duration::from_secs(5);
    let mut reported = None;
    loop {
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            () = shutdown.cancelled() => return,
        }
        wait = Duration::from_secs(60);
        match bot.get_webhook_info().await {
            Ok(info) => {
                let error = info.last_error_message.clone();
                if error.is_some() && error != reported {
                    tracing::error!(
                        %url,
                        error = error.as_deref().unwrap_or_default(),
                        pending = info.pending_update_count,
                        "Telegram cannot deliver updates to the webhook URL: check that it is public, HTTPS, and forwarded to webhook_listen"
                    );
                }
                reported = error;
            }
            Err(error) => {
                tracing::warn!(error = %redact(&error.to_string(), &token), "getWebhookInfo failed")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::constant_time_equal;

    #[test]
    fn secrets_compare_exactly() {
        assert!(constant_time_equal(b"abc", b"abc"));
        assert!(!constant_time_equal(b"abc", b"abd"));
        assert!(!constant_time_equal(b"abc", b"abcd"));
        assert!(!constant_time_equal(b"", b"abc"));
    }
}
