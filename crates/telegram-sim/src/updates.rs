//! Per-bot update queues and their two ways out: `getUpdates` long polling (with Telegram's
//! offset, limit, timeout and `allowed_updates` semantics, and the 409 for a second poller) and
//! webhook delivery (in order, with the secret-token header, retried until the bot answers 2xx).

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value, json};
use tokio::sync::Notify;

use super::error::ApiError;
use super::ids::UserId;
use super::shared::Shared;
use super::world::{World, unix_now};

/// Update kinds Telegram only sends when a bot asks for them explicitly.
const OPT_IN_KINDS: [&str; 3] = ["chat_member", "message_reaction", "message_reaction_count"];

/// One queued update.
#[derive(Clone, Debug)]
pub(crate) struct Update {
    pub id: u32,
    pub kind: &'static str,
    pub payload: Value,
}

impl Update {
    fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("update_id".into(), json!(self.id));
        map.insert(self.kind.into(), self.payload.clone());
        Value::Object(map)
    }
}

/// A bot's webhook settings and delivery health.
#[derive(Clone, Debug, Default)]
pub(crate) struct Webhook {
    pub url: String,
    pub secret_token: Option<String>,
    pub max_connections: u32,
    /// Bumped on every change; a delivery task stops when it no longer matches.
    pub generation: u64,
    pub last_error_date: Option<i64>,
    pub last_error_message: Option<String>,
}

/// The updates waiting for one bot.
#[derive(Debug)]
pub(crate) struct UpdateQueue {
    next_id: u32,
    pending: VecDeque<Update>,
    /// The kinds the bot asked for; `None` means Telegram's default (all but the opt-in ones).
    allowed: Option<Vec<String>>,
    pub webhook: Option<Webhook>,
    webhook_generation: u64,
    /// Bumped by every `getUpdates`, so an older waiting poller knows it was superseded.
    poller: u64,
    pub notify: Arc<Notify>,
}

impl Default for UpdateQueue {
    fn default() -> Self {
        UpdateQueue {
            next_id: 100_000_001,
            pending: VecDeque::new(),
            allowed: None,
            webhook: None,
            webhook_generation: 0,
            poller: 0,
            notify: Arc::new(Notify::new()),
        }
    }
}

impl UpdateQueue {
    fn allows(&self, kind: &str) -> bool {
        match &self.allowed {
            Some(kinds) if !kinds.is_empty() => kinds.iter().any(|allowed| allowed == kind),
            _ => !OPT_IN_KINDS.contains(&kind),
        }
    }

    /// Queues an update if the bot wants this kind; returns whether it was queued.
    pub fn push(&mut self, kind: &'static str, payload: Value) -> bool {
        if !self.allows(kind) {
            return false;
        }
        let id = self.next_id;
        self.next_id = self.next_id.wrapping_add(1);
        self.pending.push_back(Update { id, kind, payload });
        self.notify.notify_waiters();
        true
    }

    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// Forgets every update (`drop_pending_updates`).
    pub fn clear(&mut self) {
        self.pending.clear();
    }

    /// Confirms by offset: a positive offset forgets every earlier update; a negative one keeps
    /// only the last `-offset` updates.
    fn confirm(&mut self, offset: i64) {
        if offset > 0 {
            while self
                .pending
                .front()
                .is_some_and(|update| i64::from(update.id) < offset)
            {
                self.pending.pop_front();
            }
        } else if offset < 0 {
            let keep = usize::try_from(offset.unsigned_abs()).unwrap_or(usize::MAX);
            while self.pending.len() > keep {
                self.pending.pop_front();
            }
        }
    }

    fn take(&self, limit: usize) -> Vec<Value> {
        self.pending
            .iter()
            .take(limit)
            .map(Update::to_json)
            .collect()
    }

    pub fn set_allowed(&mut self, allowed: Option<Vec<String>>) {
        if allowed.is_some() {
            self.allowed = allowed;
        }
    }

    pub fn allowed(&self) -> Option<&[String]> {
        self.allowed.as_deref()
    }

    /// Installs or removes the webhook; returns the new generation.
    pub fn set_webhook(&mut self, webhook: Option<Webhook>) -> u64 {
        self.webhook_generation += 1;
        self.webhook = webhook.map(|mut webhook| {
            webhook.generation = self.webhook_generation;
            webhook
        });
        self.notify.notify_waiters();
        self.webhook_generation
    }
}

/// The parameters of one `getUpdates` call.
#[derive(Clone, Debug, Default)]
pub(crate) struct Poll {
    pub offset: Option<i64>,
    pub limit: Option<i64>,
    pub timeout: Option<i64>,
    pub allowed_updates: Option<Vec<String>>,
}

impl Poll {
    pub fn from_params(params: &Map<String, Value>) -> Poll {
        Poll {
            offset: params.get("offset").and_then(Value::as_i64),
            limit: params.get("limit").and_then(Value::as_i64),
            timeout: params.get("timeout").and_then(Value::as_i64),
            allowed_updates: string_list(params.get("allowed_updates")),
        }
    }
}

/// An `allowed_updates` parameter as a list of kinds.
pub(crate) fn string_list(value: Option<&Value>) -> Option<Vec<String>> {
    let items = value?.as_array()?;
    Some(
        items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
    )
}

/// `getUpdates`: confirm by offset, then answer at once if anything is pending, else wait up to
/// the timeout (capped by `SimConfig::max_long_poll`) for the first update to arrive.
pub(crate) async fn get_updates(
    shared: &Arc<Shared>,
    bot: UserId,
    poll: Poll,
) -> Result<Value, ApiError> {
    let limit = usize::try_from(poll.limit.unwrap_or(100).clamp(1, 100)).unwrap_or(100);
    let timeout = Duration::from_secs(u64::try_from(poll.timeout.unwrap_or(0)).unwrap_or(0))
        .min(shared.config.max_long_poll);
    let deadline = tokio::time::Instant::now() + timeout;
    let (notify, generation) = shared.with_world(|world| {
        let queue = queue_mut(world, bot)?;
        if queue.webhook.is_some() {
            return Err(ApiError::conflict(
                "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
            ));
        }
        queue.poller += 1;
        queue.notify.notify_waiters();
        queue.set_allowed(poll.allowed_updates.clone());
        if let Some(offset) = poll.offset {
            queue.confirm(offset);
        }
        Ok((queue.notify.clone(), queue.poller))
    })?;
    loop {
        let notified = notify.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        let batch = shared.with_world(|world| {
            let queue = queue_mut(world, bot)?;
            if queue.poller != generation {
                return Err(ApiError::conflict(
                    "terminated by other getUpdates request; make sure that only one bot instance is running",
                ));
            }
            Ok(queue.take(limit))
        })?;
        if !batch.is_empty() || tokio::time::Instant::now() >= deadline {
            return Ok(Value::Array(batch));
        }
        if tokio::time::timeout_at(deadline, notified).await.is_err() {
            return Ok(Value::Array(Vec::new()));
        }
    }
}

fn queue_mut(world: &mut World, bot: UserId) -> Result<&mut UpdateQueue, ApiError> {
    world
        .bots
        .get_mut(&bot)
        .map(|bot| &mut bot.updates)
        .ok_or_else(ApiError::unauthorized)
}

/// Delivers a bot's updates to its webhook (the one installed as `generation`), one at a time
/// and in order, until that webhook is removed or replaced. A failed delivery is retried with a
/// short, growing backoff.
pub(crate) async fn run_webhook(shared: Arc<Shared>, bot: UserId, generation: u64) {
    let mut backoff = shared.config.webhook_retry_backoff;
    loop {
        let next = shared.with_world(|world| {
            let queue = &world.bots.get(&bot)?.updates;
            let webhook = queue
                .webhook
                .clone()
                .filter(|hook| hook.generation == generation)?;
            Some((
                webhook,
                queue.pending.front().cloned(),
                queue.notify.clone(),
            ))
        });
        let Some((webhook, update, notify)) = next else {
            return;
        };
        let Some(update) = update else {
            let notified = notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            // Re-check once registered, so an update queued meanwhile is not missed.
            let idle = shared.with_world(|world| {
                world.bots.get(&bot).is_some_and(|settings| {
                    let queue = &settings.updates;
                    queue.pending.is_empty()
                        && queue.webhook.as_ref().map(|hook| hook.generation) == Some(generation)
                })
            });
            if idle {
                notified.await;
            }
            continue;
        };
        let outcome = post_update(&shared.http, &webhook, &update).await;
        let current =
            shared.with_world(|world| record_delivery(world, bot, generation, update.id, &outcome));
        if !current {
            return;
        }
        if outcome.is_ok() {
            backoff = shared.config.webhook_retry_backoff;
        } else {
            tokio::time::sleep(backoff).await;
            backoff = (backoff * 2).min(Duration::from_secs(1));
        }
    }
}

/// POSTs one update; the error is what `getWebhookInfo` reports.
async fn post_update(
    http: &reqwest::Client,
    webhook: &Webhook,
    update: &Update,
) -> Result<(), String> {
    let mut request = http.post(&webhook.url).json(&update.to_json());
    if let Some(secret) = &webhook.secret_token {
        request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
    }
    match request.send().await {
        Ok(response) if response.status().is_success() => Ok(()),
        Ok(response) => Err(format!(
            "Wrong response from the webhook: {}",
            response.status()
        )),
        Err(error) if error.is_connect() => Err("Connection refused".to_owned()),
        Err(error) => Err(format!("Failed to deliver the update: {error}")),
    }
}

/// Confirms a delivered update or records the failure; false once the webhook changed.
fn record_delivery(
    world: &mut World,
    bot: UserId,
    generation: u64,
    update: u32,
    outcome: &Result<(), String>,
) -> bool {
    let Some(queue) = world
        .bots
        .get_mut(&bot)
        .map(|settings| &mut settings.updates)
    else {
        return false;
    };
    let Some(hook) = queue
        .webhook
        .as_mut()
        .filter(|hook| hook.generation == generation)
    else {
        return false;
    };
    match outcome {
        Ok(()) => {
            if queue
                .pending
                .front()
                .is_some_and(|front| front.id == update)
            {
                queue.pending.pop_front();
            }
        }
        Err(message) => {
            hook.last_error_date = Some(unix_now());
            hook.last_error_message = Some(message.clone());
        }
    }
    world.touch();
    true
}

/// `getWebhookInfo`.
pub(crate) fn webhook_info(queue: &UpdateQueue) -> Value {
    let mut info = json!({
        "url": "",
        "has_custom_certificate": false,
        "pending_update_count": queue.pending(),
    });
    if let Some(webhook) = &queue.webhook {
        info["url"] = json!(webhook.url);
        info["max_connections"] = json!(webhook.max_connections);
        if let Some(date) = webhook.last_error_date {
            info["last_error_date"] = json!(date);
        }
        if let Some(message) = &webhook.last_error_message {
            info["last_error_message"] = json!(message);
        }
        if let Some(allowed) = queue.allowed() {
            info["allowed_updates"] = json!(allowed);
        }
    }
    info
}
