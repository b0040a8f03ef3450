//! The integrations' records in the `integrations` tree: answers to API writes, the outcome of
//! messages sent through the API, the audit log, and webhook events waiting to be fanned out to
//! their endpoints (see [`webhooks`](super::webhooks)).
//!
//! Audit lines keep no message text (only its length); webhook events are sealed at rest.
//!
//! Keys: `A` + request id (answers), `D` + delivery id (message outcomes), `L` + sequence
//! (audit), `E` + sequence (webhook events not yet fanned out), `W` + endpoint + customer +
//! sequence (deliveries per endpoint, in order per customer), `X` + sequence (deliveries given
//! up after retrying for the configured time).

use serde::{Deserialize, Serialize};

use crate::desk::{ApiAction, ApiAnswer, AuditEntry, Integration, StateResult, WebhookEvent};
use crate::domain::{MessageId, Timestamp};
use crate::pipeline::webhooks::WebhookFeed;
use crate::storage::codec::{self, Record};
use crate::storage::{Kv, StorageError, Store, TreeName, keys};

/// Tag of an answer.
const ANSWER: u8 = b'A';
/// Tag of a delivery's outcome.
const DELIVERY: u8 = b'D';
/// Tag of an audit line.
const AUDIT: u8 = b'L';
/// Tag of a webhook event waiting to be fanned out.
pub(super) const EVENT: u8 = b'E';
/// Tag of a file uploaded through the API, kept (sealed) until it is sent.
const UPLOAD: u8 = b'U';

impl Record for ApiAnswer {}
impl Record for AuditEntry {}
impl Record for WebhookEvent {}
impl Record for DeliveryStatus {}

/// What became of a message sent through the API.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeliveryStatus {
    /// The customer has it.
    Sent {
        /// Its id in the customer's private chat.
        message: MessageId,
        /// When Telegram accepted it.
        at: Timestamp,
    },
    /// It could not be delivered.
    Failed {
        /// The failure's stable code.
        reason: String,
    },
}

/// A tag and an id as a key.
pub(super) fn key(tag: u8, id: u64) -> [u8; 9] {
    let mut key = [0u8; 9];
    key[0] = tag;
    key[1..].copy_from_slice(&keys::sequence(id));
    key
}

/// Stores the desk's records within its transaction; webhook events only of the kinds some
/// endpoint wants. Returns whether a webhook event was stored.
pub fn store(
    kv: &crate::storage::TxKv<'_>,
    records: Vec<Integration>,
    webhooks: &WebhookFeed,
) -> StateResult<bool> {
    let mut webhook_stored = false;
    for record in records {
        match record {
            Integration::Answer { request, answer } => kv.insert(
                TreeName::Integrations,
                &key(ANSWER, request),
                codec::encode(&answer)?,
            )?,
            Integration::Audit(entry) => {
                let id = kv.generate_id()?;
                kv.insert(
                    TreeName::Integrations,
                    &key(AUDIT, id),
                    codec::encode(&without_bodies(entry))?,
                )?
            }
            Integration::Webhook(event) if !webhooks.wants(event.kind) => {}
            Integration::Webhook(event) => {
                webhook_stored = true;
                let id = kv.generate_id()?;
                kv.insert(
                    TreeName::Integrations,
                    &key(EVENT, id),
                    codec::encode(&event)?,
                )?
            }
            Integration::DeliveryFailed { delivery, reason } => kv.insert(
                TreeName::Integrations,
                &key(DELIVERY, delivery),
                codec::encode(&DeliveryStatus::Failed { reason })?,
            )?,
        }
    }
    Ok(webhook_stored)
}

/// An audit line as it is kept: a message's text and a closing note are replaced by their
/// length, so the audit log holds no message body.
fn without_bodies(mut entry: AuditEntry) -> AuditEntry {
    let kept = |text: &str| format!("[not kept: {} characters]", text.chars().count());
    match &mut entry.action {
        ApiAction::SendMessage { text } | ApiAction::SendFile { caption: text, .. } => {
            *text = kept(text);
        }
        ApiAction::Close { note: Some(note) } => *note = kept(note),
        _ => {}
    }
    entry
}

/// Records that a message sent through the API reached the customer.
pub fn record_sent(
    store: &Store,
    delivery: u64,
    message: MessageId,
    at: Timestamp,
) -> Result<(), StorageError> {
    let status = DeliveryStatus::Sent { message, at };
    let bytes = codec::encode(&status).map_err(|error| StorageError::State(error.into()))?;
    store.insert(TreeName::Integrations, &key(DELIVERY, delivery), &bytes)
}

/// The desk's answer to an API write, once it is stored.
pub fn answer(store: &Store, request: u64) -> Result<Option<ApiAnswer>, StorageError> {
    read(store, &key(ANSWER, request))
}

/// What became of a message sent through the API, once known.
pub fn delivery(store: &Store, id: u64) -> Result<Option<DeliveryStatus>, StorageError> {
    read(store, &key(DELIVERY, id))
}

/// Up to `limit` audit lines after the line `after` (from the first when `None`), oldest first.
pub fn audit(
    store: &Store,
    after: Option<u64>,
    limit: usize,
) -> Result<Vec<(u64, AuditEntry)>, StorageError> {
    let start = key(AUDIT, after.map_or(0, |id| id.saturating_add(1)));
    let mut lines = Vec::new();
    for entry in store
        .db()
        .open_tree(TreeName::Integrations.as_str())?
        .range(start..)
    {
        let (key, value) = entry?;
        if key.first() != Some(&AUDIT) || lines.len() >= limit {
            break;
        }
        let id = keys::read_sequence(&key[1..]).unwrap_or(0);
        let line = codec::decode(&value).map_err(|error| StorageError::State(error.into()))?;
        lines.push((id, line));
    }
    Ok(lines)
}

fn read<R: Record>(store: &Store, key: &[u8]) -> Result<Option<R>, StorageError> {
    match store.get(TreeName::Integrations, key)? {
        Some(bytes) => Ok(Some(
            codec::decode(&bytes).map_err(|error| StorageError::State(error.into()))?,
        )),
        None => Ok(None),
    }
}

/// Keeps a file uploaded through the API until the delivery `id` sends it.
pub fn store_upload(store: &Store, id: u64, bytes: &[u8]) -> Result<(), StorageError> {
    store.insert(TreeName::Integrations, &key(UPLOAD, id), bytes)
}

/// The file uploaded for the delivery `id`, if it is still kept.
pub fn upload(store: &Store, id: u64) -> Result<Option<Vec<u8>>, StorageError> {
    store.get(TreeName::Integrations, &key(UPLOAD, id))
}

/// Forgets the file uploaded for the delivery `id` (sent, refused or failed).
pub fn remove_upload(store: &Store, id: u64) -> Result<(), StorageError> {
    store.remove(TreeName::Integrations, &key(UPLOAD, id))
}
