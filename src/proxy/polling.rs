//! `getUpdates`, `setWebhook`, `deleteWebhook` and `getWebhookInfo`, answered by the proxy from
//! the updates kept for the existing bot, with Telegram's semantics:
//!
//! - an `offset` confirms every update below it (they are removed); a negative offset keeps only
//!   that many of the newest; `limit` is 1 to 100 (100 by default);
//! - `timeout` holds the call (long polling, at most 50 s) until an update arrives;
//! - `allowed_updates` is kept until changed; unwanted updates are dropped as they come up;
//! - a newer `getUpdates` ends a waiting one with 409, and `getUpdates` while a webhook is set
//!   is refused with 409, as Telegram does.

use std::time::Duration;

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};
use tokio::time::Instant;

use super::{Call, Proxy, api_error, api_result, json_response};
use crate::pipeline::upstream::{self, ExistingBotWebhook};

/// The longest long poll Telegram allows.
const MAX_TIMEOUT: Duration = Duration::from_secs(50);

/// `getUpdates`.
pub(super) async fn get_updates(proxy: &Proxy, call: &Call<'_>) -> Response {
    let store = &proxy.parts.store;
    match upstream::webhook(store) {
        Ok(Some(_)) => {
            return api_error(
                StatusCode::CONFLICT,
                "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
            );
        }
        Ok(None) => {}
        Err(error) => return storage_failure(&error),
    }
    // This call overtakes any that is still waiting.
    let mut polls = proxy.polls.subscribe();
    proxy.polls.send_modify(|generation| *generation += 1);
    polls.borrow_and_update();
    let params = call.params().await;
    let (Ok(offset), Ok(limit), Ok(timeout)) = (
        params.integer("offset"),
        params.integer("limit"),
        params.integer("timeout"),
    ) else {
        return api_error(StatusCode::BAD_REQUEST, "Bad Request: wrong parameter type");
    };
    let limit = usize::try_from(limit.unwrap_or(100).clamp(1, 100)).unwrap_or(100);
    let timeout =
        Duration::from_secs(u64::try_from(timeout.unwrap_or(0)).unwrap_or(0)).min(MAX_TIMEOUT);
    let allowed = match params.strings("allowed_updates") {
        Some(allowed) => {
            if let Err(error) = upstream::set_allowed_updates(store, &allowed) {
                return storage_failure(&error);
            }
            allowed
        }
        None => upstream::allowed_updates(store).unwrap_or_default(),
    };
    let confirmed = match offset {
        Some(offset) if offset < 0 => upstream::keep_last(store, offset.unsigned_abs()),
        Some(offset) => upstream::confirm_below(store, offset),
        None => Ok(0),
    };
    if let Err(error) = confirmed {
        return storage_failure(&error);
    }
    let from = offset.filter(|offset| *offset > 0);
    let deadline = Instant::now() + timeout;
    let mut stored = proxy.parts.stored.clone();
    loop {
        stored.borrow_and_update();
        let updates = match wanted_updates(proxy, from, limit, &allowed) {
            Ok(updates) => updates,
            Err(error) => return storage_failure(&error),
        };
        if !updates.is_empty() || Instant::now() >= deadline {
            return updates_answer(&updates);
        }
        tokio::select! {
            changed = stored.changed() => {
                if changed.is_err() {
                    return updates_answer(&[]);
                }
            }
            _ = polls.changed() => {
                return api_error(
                    StatusCode::CONFLICT,
                    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
                );
            }
            () = tokio::time::sleep_until(deadline) => {}
        }
    }
}

/// Up to `limit` waiting updates from `from` on that the existing bot wants; the unwanted ones
/// met on the way are dropped.
fn wanted_updates(
    proxy: &Proxy,
    from: Option<i64>,
    limit: usize,
    allowed: &[String],
) -> Result<Vec<Vec<u8>>, crate::storage::StorageError> {
    let store = &proxy.parts.store;
    loop {
        let batch = upstream::read(store, from, limit)?;
        let (wanted, unwanted): (Vec<_>, Vec<_>) = batch
            .into_iter()
            .partition(|(_, update)| upstream::wanted(allowed, &update.kind));
        if unwanted.is_empty() || !wanted.is_empty() {
            let ids: Vec<i64> = unwanted.iter().map(|(id, _)| *id).collect();
            upstream::remove(store, &ids)?;
            return Ok(wanted.into_iter().map(|(_, update)| update.json).collect());
        }
        let ids: Vec<i64> = unwanted.iter().map(|(id, _)| *id).collect();
        upstream::remove(store, &ids)?;
    }
}

/// `{"ok":true,"result":[...]}` with each update's JSON as stored.
fn updates_answer(updates: &[Vec<u8>]) -> Response {
    let mut body = Vec::with_capacity(updates.iter().map(Vec::len).sum::<usize>() + 32);
    body.extend_from_slice(br#"{"ok":true,"result":["#);
    for (index, update) in updates.iter().enumerate() {
        if index > 0 {
            body.push(b',');
        }
        body.extend_from_slice(update);
    }
    body.extend_from_slice(b"]}");
    json_response(StatusCode::OK, String::from_utf8_lossy(&body).into_owned())
}

/// `setWebhook`: kept here and delivered to by the proxy, never registered with Telegram.
pub(super) async fn set_webhook(proxy: &Proxy, call: &Call<'_>) -> Response {
    let params = call.params().await;
    let url = params.text("url").unwrap_or_default();
    if url.trim().is_empty() {
        return delete(
            proxy,
            params.flag("drop_pending_updates"),
            "Webhook was deleted",
        );
    }
    let valid = url::Url::parse(url.trim())
        .is_ok_and(|parsed| matches!(parsed.scheme(), "http" | "https") && parsed.host().is_some());
    if !valid {
        return api_error(
            StatusCode::BAD_REQUEST,
            "Bad Request: bad webhook: An HTTP URL must be provided for webhook",
        );
    }
    let secret_token = params
        .text("secret_token")
        .filter(|token| !token.is_empty());
    let secret_valid = secret_token.as_ref().is_none_or(|token| {
        token.len() <= 256
            && token
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    });
    if !secret_valid {
        return api_error(
            StatusCode::BAD_REQUEST,
            "Bad Request: secret token contains unallowed characters",
        );
    }
    let webhook = ExistingBotWebhook {
        url: url.trim().to_owned(),
        secret_token,
        allowed_updates: params.strings("allowed_updates").unwrap_or_default(),
        max_connections: params
            .integer("max_connections")
            .ok()
            .flatten()
            .and_then(|value| u32::try_from(value).ok()),
    };
    let store = &proxy.parts.store;
    if params.flag("drop_pending_updates") {
        if let Err(error) = upstream::drop_all(store) {
            return storage_failure(&error);
        }
    }
    if let Err(error) = upstream::set_webhook(store, Some(&webhook)) {
        return storage_failure(&error);
    }
    *super::lock(&proxy.last_error) = None;
    proxy.webhook_changed.notify_one();
    // A long poll still waiting ends, as it does at Telegram.
    proxy.polls.send_modify(|generation| *generation += 1);
    tracing::info!("the existing bot set a webhook; the proxy delivers its updates there");
    api_result(Value::Bool(true), Some("Webhook was set"))
}

/// `deleteWebhook`.
pub(super) async fn delete_webhook(proxy: &Proxy, call: &Call<'_>) -> Response {
    let params = call.params().await;
    delete(
        proxy,
        params.flag("drop_pending_updates"),
        "Webhook was deleted",
    )
}

fn delete(proxy: &Proxy, drop_pending: bool, description: &str) -> Response {
    let store = &proxy.parts.store;
    let had = upstream::webhook(store).ok().flatten().is_some();
    if drop_pending {
        if let Err(error) = upstream::drop_all(store) {
            return storage_failure(&error);
        }
    }
    if let Err(error) = upstream::set_webhook(store, None) {
        return storage_failure(&error);
    }
    proxy.webhook_changed.notify_one();
    let description = if had {
        description
    } else {
        "Webhook is already deleted"
    };
    api_result(Value::Bool(true), Some(description))
}

/// `getWebhookInfo`.
pub(super) fn webhook_info(proxy: &Proxy) -> Response {
    let store = &proxy.parts.store;
    let webhook = match upstream::webhook(store) {
        Ok(webhook) => webhook,
        Err(error) => return storage_failure(&error),
    };
    let pending = upstream::pending(store).unwrap_or(0);
    let mut info = json!({
        "url": webhook.as_ref().map(|webhook| webhook.url.clone()).unwrap_or_default(),
        "has_custom_certificate": false,
        "pending_update_count": pending,
    });
    if let Some(webhook) = webhook {
        if let Some(max) = webhook.max_connections {
            info["max_connections"] = max.into();
        }
        if !webhook.allowed_updates.is_empty() {
            info["allowed_updates"] = webhook.allowed_updates.into();
        }
        if let Some((date, message)) = super::lock(&proxy.last_error).clone() {
            info["last_error_date"] = date.into();
            info["last_error_message"] = message.into();
        }
    }
    api_result(info, None)
}

fn storage_failure(error: &crate::storage::StorageError) -> Response {
    tracing::error!(%error, "the proxy cannot read or write the updates kept for the existing bot");
    // 429 with a short wait makes every client library retry, where a 5xx might not.
    let body = json!({
        "ok": false,
        "error_code": 429,
        "description": "Too Many Requests: retry after 1",
        "parameters": {"retry_after": 1},
    });
    json_response(StatusCode::TOO_MANY_REQUESTS, body.to_string())
}
