//! Webhook management: `setWebhook`, `deleteWebhook`, `getWebhookInfo` (`getUpdates` itself
//! is asynchronous and lives in `updates.rs`).

use serde_json::Value;

use super::Request;
use crate::error::ApiError;
use crate::updates::{self, UpdateQueue, Webhook};
use crate::world::Followup;

fn queue<'a>(request: &'a mut Request<'_>) -> Result<&'a mut UpdateQueue, ApiError> {
    let bot = request.bot;
    request
        .world
        .bots
        .get_mut(&bot)
        .map(|bot| &mut bot.updates)
        .ok_or_else(ApiError::unauthorized)
}

/// `setWebhook`: HTTPS unless the host is local; an empty URL removes the webhook.
pub(super) fn set_webhook(request: &mut Request<'_>) -> Result<Value, ApiError> {
    let address = request.str("url").unwrap_or_default().trim().to_owned();
    if address.is_empty() {
        return delete_webhook(request);
    }
    let url = url::Url::parse(&address).map_err(|_| ApiError::bad_request("can't parse URL"))?;
    let local = matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
    if url.scheme() != "https" && !(local && url.scheme() == "http") {
        return Err(ApiError::bad_request(
            "bad webhook: HTTPS url must be provided for webhook",
        ));
    }
    let secret_token = request.str("secret_token").map(str::to_owned);
    if let Some(secret) = &secret_token {
        let valid = (1..=256).contains(&secret.len())
            && secret
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !valid {
            return Err(ApiError::bad_request(
                "secret token contains unallowed characters",
            ));
        }
    }
    let max_connections =
        u32::try_from(request.int("max_connections").unwrap_or(40).clamp(1, 100)).unwrap_or(40);
    let allowed = updates::string_list(request.value("allowed_updates"));
    let drop_pending = request.flag("drop_pending_updates");
    let bot = request.bot;
    let queue = queue(request)?;
    if drop_pending {
        queue.clear();
    }
    queue.set_allowed(allowed);
    let generation = queue.set_webhook(Some(Webhook {
        url: address,
        secret_token,
        max_connections,
        ..Webhook::default()
    }));
    request
        .world
        .followups
        .push(Followup::StartWebhook { bot, generation });
    Ok(Value::Bool(true))
}

/// `deleteWebhook`, optionally dropping pending updates.
pub(super) fn delete_webhook(request: &mut Request<'_>) -> Result<Value, ApiError> {
    let drop_pending = request.flag("drop_pending_updates");
    let queue = queue(request)?;
    if drop_pending {
        queue.clear();
    }
    if queue.webhook.is_some() {
        queue.set_webhook(None);
    }
    Ok(Value::Bool(true))
}

/// `getWebhookInfo`.
pub(super) fn get_webhook_info(request: &mut Request<'_>) -> Result<Value, ApiError> {
    Ok(updates::webhook_info(queue(request)?))
}
