//! The existing bot's webhook fed (when it called `setWebhook` on the proxy), and the cap on
//! the updates waiting for it.
//!
//! Updates are posted one at a time, in order, with the webhook's secret token in
//! `X-Telegram-Bot-Api-Secret-Token`; an update is removed only once the existing bot answered
//! 2xx, and retried (with a growing pause, reported by `getWebhookInfo`) until then. A method
//! call in the webhook's answer (`{"method": ...}`) is carried out, as Telegram does.
//!
//! Past `upstream_max_pending` waiting updates (an existing bot that never confirms), the
//! oldest are dropped, counted in `threadesk_upstream_dropped_total` and logged.

use std::sync::Arc;
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::Proxy;
use crate::pipeline::upstream::{self, ExistingBotWebhook, PendingUpdate};

/// How long one delivery may take.
const DELIVERY_TIMEOUT: Duration = Duration::from_secs(10);

/// The first pause after a failed delivery; it doubles up to [`MAX_PAUSE`].
const FIRST_PAUSE: Duration = Duration::from_millis(250);

/// The longest pause between two attempts.
const MAX_PAUSE: Duration = Duration::from_secs(30);

/// Delivers to the existing bot's webhook and keeps the waiting updates within the cap, until
/// `shutdown`.
pub async fn run(proxy: Arc<Proxy>, shutdown: CancellationToken) {
    let store = proxy.parts.store.clone();
    let mut stored = proxy.parts.stored.clone();
    let mut pause = FIRST_PAUSE;
    loop {
        stored.borrow_and_update();
        enforce_cap(&proxy);
        let next = match upstream::webhook(&store) {
            Ok(Some(webhook)) => upstream::read(&store, None, 1)
                .map(|mut updates| updates.pop().map(|update| (webhook, update))),
            Ok(None) => Ok(None),
            Err(error) => Err(error),
        };
        let wait = match next {
            Ok(Some((webhook, (id, update)))) => {
                if deliver(&proxy, &webhook, id, &update).await {
                    pause = FIRST_PAUSE;
                    continue;
                }
                let wait = pause;
                pause = (pause * 2).min(MAX_PAUSE);
                Some(wait)
            }
            Ok(None) => None,
            Err(error) => {
                tracing::error!(%error, "cannot read the updates kept for the existing bot");
                Some(Duration::from_secs(1))
            }
        };
        tokio::select! {
            changed = stored.changed(), if wait.is_none() => {
                if changed.is_err() {
                    return;
                }
            }
            () = tokio::time::sleep(wait.unwrap_or_default()), if wait.is_some() => {}
            () = proxy.webhook_changed.notified() => pause = FIRST_PAUSE,
            () = shutdown.cancelled() => return,
        }
    }
}

/// Drops the oldest waiting updates past the cap.
fn enforce_cap(proxy: &Proxy) {
    match upstream::keep_last(&proxy.parts.store, proxy.parts.max_pending) {
        Ok(0) => {}
        Ok(dropped) => {
            proxy.parts.metrics.upstream_dropped(dropped);
            tracing::warn!(
                dropped,
                cap = proxy.parts.max_pending,
                "the existing bot does not confirm its updates: the oldest were dropped (upstream_max_pending)"
            );
        }
        Err(error) => tracing::error!(%error, "cannot drop the updates over upstream_max_pending"),
    }
}

/// Posts one update; whether it is done with (delivered, or not wanted).
async fn deliver(
    proxy: &Proxy,
    webhook: &ExistingBotWebhook,
    id: i64,
    update: &PendingUpdate,
) -> bool {
    let store = &proxy.parts.store;
    if !upstream::wanted(&webhook.allowed_updates, &update.kind) {
        return upstream::remove(store, &[id]).is_ok();
    }
    let mut request = proxy
        .client
        .post(&webhook.url)
        .timeout(DELIVERY_TIMEOUT)
        .header(axum::http::header::CONTENT_TYPE, "application/json")
        .body(update.json.clone());
    if let Some(secret) = &webhook.secret_token {
        request = request.header("X-Telegram-Bot-Api-Secret-Token", secret.as_str());
    }
    let failure = match request.send().await {
        Ok(answer) if answer.status().is_success() => {
            let body = answer.bytes().await.unwrap_or_default();
            if let Err(error) = upstream::remove(store, &[id]) {
                tracing::error!(%error, "cannot mark an update delivered to the existing bot");
                return false;
            }
            carry_out_answer(proxy, &body).await;
            return true;
        }
        Ok(answer) => format!("Wrong response from the webhook: {}", answer.status()),
        Err(error) if error.is_timeout() => "Timeout expired".to_owned(),
        Err(error) if error.is_connect() => "Connection refused".to_owned(),
        Err(error) => error.without_url().to_string(),
    };
    tracing::warn!(%failure, "the existing bot's webhook did not take an update; retrying");
    *super::lock(&proxy.last_error) = Some((crate::pipeline::clock::now().0 / 1000, failure));
    false
}

/// A webhook may answer with a method call (`{"method":"sendMessage",...}`): it is made.
async fn carry_out_answer(proxy: &Proxy, body: &[u8]) {
    let Ok(serde_json::Value::Object(mut call)) = serde_json::from_slice(body) else {
        return;
    };
    let Some(serde_json::Value::String(method)) = call.remove("method") else {
        return;
    };
    if !method.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return;
    }
    let base = proxy.parts.api_url.as_str().trim_end_matches('/');
    let url = format!("{base}/bot{}/{method}", proxy.parts.token);
    if let Err(error) = proxy.client.post(url).json(&call).send().await {
        tracing::warn!(error = %error.without_url(), %method, "the method in the webhook's answer failed");
    }
}
