//! The updates kept for the existing bot the desk runs in front of (the Bot API proxy, see
//! `crate::proxy`): stored in the same transaction as the desk's own inbox entry, so they are
//! durable before Telegram hears they arrived, and removed only when the existing bot confirms
//! them (a `getUpdates` offset past them, or a webhook answer of 2xx).
//!
//! Ids handed to the existing bot are Telegram's `update_id`s, kept strictly increasing: an
//! update whose id is not above the last one handed out (Telegram restarts its ids after a week
//! without updates) gets the next id, written into its JSON.
//!
//! Also kept here: the existing bot's webhook (when it called `setWebhook` on the proxy) and the
//! `allowed_updates` it asked for, both surviving restarts as Telegram's do.

use serde::{Deserialize, Serialize};

use crate::desk::StateResult;
use crate::storage::codec::{self, Record};
use crate::storage::{Kv, StorageError, Store, TreeName, TxKv, keys};

/// Where a received update goes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Route {
    /// Whether the desk processes it (it enters the inbox).
    pub desk: bool,
    /// The update's kind (`message`, `callback_query`, ...) when the existing bot receives it.
    pub existing_bot: Option<String>,
}

impl Route {
    /// For the desk alone (always, without a proxy).
    pub fn desk() -> Route {
        Route {
            desk: true,
            existing_bot: None,
        }
    }
}

/// One update waiting for the existing bot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingUpdate {
    /// The update's kind, for `allowed_updates`.
    pub kind: String,
    /// The update's JSON as handed out (its `update_id` is the key's).
    pub json: Vec<u8>,
}

impl Record for PendingUpdate {}

/// The webhook the existing bot registered with the proxy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExistingBotWebhook {
    /// Where updates are posted.
    pub url: String,
    /// Sent in `X-Telegram-Bot-Api-Secret-Token`, when set.
    pub secret_token: Option<String>,
    /// The update kinds it wants (empty: Telegram's default set).
    pub allowed_updates: Vec<String>,
    /// `max_connections` as given (reported back by `getWebhookInfo`).
    pub max_connections: Option<u32>,
}

impl Record for ExistingBotWebhook {}

/// The `allowed_updates` of `getUpdates`, kept until changed as Telegram keeps them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct AllowedUpdates(Vec<String>);

impl Record for AllowedUpdates {}

const LAST_ID_KEY: &[u8] = b"upstream_last_id";
const PENDING_KEY: &[u8] = b"upstream_pending";
const WEBHOOK_KEY: &[u8] = b"upstream_webhook";
const ALLOWED_KEY: &[u8] = b"upstream_allowed";

/// Update kinds Telegram leaves out when `allowed_updates` is empty.
const NOT_BY_DEFAULT: [&str; 3] = ["chat_member", "message_reaction", "message_reaction_count"];

/// Whether an update of `kind` is wanted by a bot that asked for `allowed` (empty: the default).
pub fn wanted(allowed: &[String], kind: &str) -> bool {
    if allowed.is_empty() {
        !NOT_BY_DEFAULT.contains(&kind)
    } else {
        allowed.iter().any(|wanted| wanted == kind)
    }
}

/// Keeps an update for the existing bot, within a transaction over the upstream and meta trees.
pub fn push(kv: &TxKv<'_>, update_id: i64, kind: &str, json: &[u8]) -> StateResult<()> {
    let last = read_i64(kv.get(TreeName::Meta, LAST_ID_KEY)?);
    let id = match last {
        Some(last) if update_id <= last => last.saturating_add(1),
        _ => update_id,
    };
    let json = if id == update_id {
        json.to_vec()
    } else {
        renumber(json, id)
    };
    kv.insert(TreeName::Meta, LAST_ID_KEY, id.to_be_bytes().to_vec())?;
    kv.insert(
        TreeName::Upstream,
        &keys::signed(id),
        codec::encode(&PendingUpdate {
            kind: kind.to_owned(),
            json,
        })?,
    )?;
    let pending = read_u64(kv.get(TreeName::Meta, PENDING_KEY)?);
    kv.insert(
        TreeName::Meta,
        PENDING_KEY,
        pending.saturating_add(1).to_be_bytes().to_vec(),
    )
}

/// The update's JSON with another `update_id`.
fn renumber(json: &[u8], id: i64) -> Vec<u8> {
    match serde_json::from_slice::<serde_json::Value>(json) {
        Ok(mut value) => {
            if let Some(object) = value.as_object_mut() {
                object.insert("update_id".into(), id.into());
            }
            value.to_string().into_bytes()
        }
        Err(_) => json.to_vec(),
    }
}

/// How many updates wait for the existing bot.
pub fn pending(store: &Store) -> Result<u64, StorageError> {
    Ok(read_u64(store.get(TreeName::Meta, PENDING_KEY)?))
}

/// Up to `limit` waiting updates from id `from` on (all of them without `from`), in order.
pub fn read(
    store: &Store,
    from: Option<i64>,
    limit: usize,
) -> Result<Vec<(i64, PendingUpdate)>, StorageError> {
    let start = keys::signed(from.unwrap_or(i64::MIN));
    let mut updates = Vec::new();
    for entry in store.range_from(TreeName::Upstream, &start) {
        if updates.len() >= limit {
            break;
        }
        let (key, value) = entry?;
        let Some(id) = keys::read_signed(&key) else {
            continue;
        };
        match codec::decode::<PendingUpdate>(&value) {
            Ok(update) => updates.push((id, update)),
            Err(error) => {
                tracing::error!(%error, "an unreadable update for the existing bot moved aside");
                store.set_aside(TreeName::Upstream, &key, &value, "unreadable_upstream")?;
            }
        }
    }
    Ok(updates)
}

/// Removes the given updates (confirmed, or not wanted); returns how many were still there.
pub fn remove(store: &Store, ids: &[i64]) -> Result<u64, StorageError> {
    if ids.is_empty() {
        return Ok(0);
    }
    store.transaction(&[TreeName::Upstream, TreeName::Meta], |kv| {
        let mut removed = 0u64;
        for id in ids {
            let key = keys::signed(*id);
            if kv.get(TreeName::Upstream, &key)?.is_some() {
                kv.remove(TreeName::Upstream, &key)?;
                removed += 1;
            }
        }
        let pending = read_u64(kv.get(TreeName::Meta, PENDING_KEY)?);
        kv.insert(
            TreeName::Meta,
            PENDING_KEY,
            pending.saturating_sub(removed).to_be_bytes().to_vec(),
        )?;
        Ok(removed)
    })
}

/// Confirms every update below `offset` (`getUpdates` with that offset); returns how many.
pub fn confirm_below(store: &Store, offset: i64) -> Result<u64, StorageError> {
    let mut total = 0;
    loop {
        let ids: Vec<i64> = read(store, None, 1000)?
            .into_iter()
            .map(|(id, _)| id)
            .take_while(|id| *id < offset)
            .collect();
        if ids.is_empty() {
            return Ok(total);
        }
        total += remove(store, &ids)?;
    }
}

/// Forgets all but the last `keep` waiting updates (`getUpdates` with a negative offset, or the
/// cap on waiting updates); returns how many were forgotten.
pub fn keep_last(store: &Store, keep: u64) -> Result<u64, StorageError> {
    let waiting = pending(store)?;
    if waiting <= keep {
        return Ok(0);
    }
    let excess = usize::try_from(waiting - keep).unwrap_or(usize::MAX);
    let ids: Vec<i64> = read(store, None, excess)?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    remove(store, &ids)
}

/// Forgets every waiting update (`deleteWebhook` or `setWebhook` with `drop_pending_updates`).
pub fn drop_all(store: &Store) -> Result<u64, StorageError> {
    keep_last(store, 0)
}

/// The webhook the existing bot registered, if any.
pub fn webhook(store: &Store) -> Result<Option<ExistingBotWebhook>, StorageError> {
    store
        .get(TreeName::Meta, WEBHOOK_KEY)?
        .map(|bytes| codec::decode(&bytes))
        .transpose()
        .map_err(|error| StorageError::State(error.into()))
}

/// Registers (or, with `None`, removes) the existing bot's webhook.
pub fn set_webhook(
    store: &Store,
    webhook: Option<&ExistingBotWebhook>,
) -> Result<(), StorageError> {
    match webhook {
        Some(webhook) => {
            let bytes =
                codec::encode(webhook).map_err(|error| StorageError::State(error.into()))?;
            store.insert(TreeName::Meta, WEBHOOK_KEY, &bytes)
        }
        None => store.remove(TreeName::Meta, WEBHOOK_KEY),
    }
}

/// The `allowed_updates` the existing bot last gave `getUpdates`.
pub fn allowed_updates(store: &Store) -> Result<Vec<String>, StorageError> {
    Ok(store
        .get(TreeName::Meta, ALLOWED_KEY)?
        .and_then(|bytes| codec::decode::<AllowedUpdates>(&bytes).ok())
        .unwrap_or_default()
        .0)
}

/// Keeps the `allowed_updates` given to `getUpdates`.
pub fn set_allowed_updates(store: &Store, allowed: &[String]) -> Result<(), StorageError> {
    let bytes = codec::encode(&AllowedUpdates(allowed.to_vec()))
        .map_err(|error| StorageError::State(error.into()))?;
    store.insert(TreeName::Meta, ALLOWED_KEY, &bytes)
}

fn read_i64(bytes: Option<Vec<u8>>) -> Option<i64> {
    Some(i64::from_be_bytes(bytes?.get(..8)?.try_into().ok()?))
}

fn read_u64(bytes: Option<Vec<u8>>) -> u64 {
    bytes
        .and_then(|bytes| Some(u64::from_be_bytes(bytes.get(..8)?.try_into().ok()?)))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), 1 << 20).unwrap();
        (dir, store)
    }

    fn push_now(store: &Store, update_id: i64) {
        let json = format!(r#"{{"update_id":{update_id},"message":{{}}}}"#);
        store
            .transaction(&[TreeName::Upstream, TreeName::Meta], |kv| {
                push(kv, update_id, "message", json.as_bytes())
            })
            .unwrap();
    }

    fn ids(store: &Store) -> Vec<i64> {
        read(store, None, 100)
            .unwrap()
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    }

    #[test]
    fn updates_keep_telegrams_ids_and_wait_until_an_offset_passes_them() {
        let (_dir, store) = store();
        for id in [10, 11, 14] {
            push_now(&store, id);
        }
        assert_eq!(ids(&store), [10, 11, 14]);
        assert_eq!(pending(&store).unwrap(), 3);
        assert_eq!(confirm_below(&store, 12).unwrap(), 2);
        assert_eq!(ids(&store), [14]);
        assert_eq!(pending(&store).unwrap(), 1);
    }

    #[test]
    fn an_id_that_went_back_is_renumbered_after_the_last_one_handed_out() {
        let (_dir, store) = store();
        push_now(&store, 500);
        push_now(&store, 3);
        let updates = read(&store, Some(501), 10).unwrap();
        assert_eq!(updates.len(), 1);
        let json: serde_json::Value = serde_json::from_slice(&updates[0].1.json).unwrap();
        assert_eq!(updates[0].0, 501);
        assert_eq!(json["update_id"], 501);
    }

    #[test]
    fn keeping_the_last_few_forgets_the_oldest() {
        let (_dir, store) = store();
        for id in 1..=5 {
            push_now(&store, id);
        }
        assert_eq!(keep_last(&store, 2).unwrap(), 3);
        assert_eq!(ids(&store), [4, 5]);
        assert_eq!(drop_all(&store).unwrap(), 2);
        assert_eq!(pending(&store).unwrap(), 0);
    }

    #[test]
    fn default_allowed_updates_leave_out_what_telegram_leaves_out() {
        assert!(wanted(&[], "message"));
        assert!(!wanted(&[], "chat_member"));
        assert!(wanted(&["chat_member".into()], "chat_member"));
        assert!(!wanted(&["callback_query".into()], "message"));
    }

    #[test]
    fn the_webhook_and_allowed_updates_survive_as_stored() {
        let (_dir, store) = store();
        let registered = ExistingBotWebhook {
            url: "http://127.0.0.1:9/hook".into(),
            secret_token: Some("s".into()),
            allowed_updates: vec!["message".into()],
            max_connections: None,
        };
        set_webhook(&store, Some(&registered)).unwrap();
        set_allowed_updates(&store, &["message".into()]).unwrap();
        assert_eq!(webhook(&store).unwrap(), Some(registered));
        assert_eq!(allowed_updates(&store).unwrap(), ["message"]);
        set_webhook(&store, None).unwrap();
        assert_eq!(webhook(&store).unwrap(), None);
    }
}
