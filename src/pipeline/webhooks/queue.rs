//! The webhook queue, durable in the `integrations` tree.
//!
//! The desk stores each event under `E` + sequence in the same transaction as the change that
//! produced it. [`fan_out`] copies it, atomically with its removal, to every subscribed
//! endpoint as a [`Pending`] delivery under `W` + endpoint + customer + sequence, so an
//! endpoint's deliveries for one customer sort in the order the desk decided them and only the
//! first of each customer is ever attempted ([`due_heads`]). A delivery is removed once the
//! endpoint accepts it, rescheduled with exponential backoff when it does not, and moved under
//! `X` + endpoint + sequence, without the message's text, once it has been retried for the
//! configured time. `E` and `W` entries are sealed at rest (see `storage::seal`).

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::desk::{WebhookEvent, WebhookKind};
use crate::domain::Timestamp;
use crate::pipeline::integrations::EVENT;
use crate::storage::codec::{self, Record};
use crate::storage::{StorageError, Store, TreeName, keys};

/// Tag of a delivery waiting for an endpoint.
const PENDING: u8 = b'W';
/// Tag of a delivery given up.
const GIVEN_UP: u8 = b'X';
/// The longest wait between two attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(3600);

/// A delivery waiting for its endpoint.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    /// The event.
    pub event: WebhookEvent,
    /// Attempts made so far.
    pub attempts: u32,
    /// When it may be attempted next.
    pub due: Timestamp,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
}

impl Record for Pending {}

/// One endpoint's delivery at the head of its customer's line.
#[derive(Debug)]
pub struct Head {
    /// Its key.
    pub key: Vec<u8>,
    /// The event's sequence (its id).
    pub sequence: u64,
    /// The delivery.
    pub pending: Pending,
}

/// An endpoint's key: the first 8 bytes of its URL's SHA-256, so its queue survives the
/// endpoints being reordered in the settings.
pub fn endpoint_key(url: &url::Url) -> [u8; 8] {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(url.as_str().as_bytes());
    let mut key = [0u8; 8];
    key.copy_from_slice(&digest[..8]);
    key
}

fn prefix(tag: u8, endpoint: &[u8; 8]) -> Vec<u8> {
    [&[tag][..], endpoint].concat()
}

fn pending_key(endpoint: &[u8; 8], customer: i64, sequence: u64) -> Vec<u8> {
    [
        &prefix(PENDING, endpoint)[..],
        &keys::signed(customer),
        &keys::sequence(sequence),
    ]
    .concat()
}

/// Moves up to `limit` stored events to the queues of the endpoints subscribed to them (and
/// drops those no endpoint wants). Returns how many events were moved.
pub fn fan_out(
    store: &Store,
    endpoints: &[([u8; 8], Vec<WebhookKind>)],
    limit: usize,
) -> Result<usize, StorageError> {
    let events = store.scan_prefix(TreeName::Integrations, &[EVENT], limit)?;
    if events.is_empty() {
        return Ok(0);
    }
    let mut batch = Vec::new();
    for (key, value) in &events {
        batch.push((key.clone(), None));
        let Some(sequence) = keys::read_sequence(&key[1..]) else {
            continue;
        };
        let event: WebhookEvent = match codec::decode(value) {
            Ok(event) => event,
            Err(error) => {
                tracing::error!(%error, sequence, "a webhook event cannot be read; set aside");
                store.set_aside(TreeName::Integrations, key, value, "webhook")?;
                continue;
            }
        };
        for (endpoint, kinds) in endpoints {
            if kinds.contains(&event.kind) {
                let pending = Pending {
                    event: event.clone(),
                    attempts: 0,
                    due: event.at,
                    last_error: None,
                };
                batch.push((
                    pending_key(endpoint, event.customer.0, sequence),
                    Some(encode(&pending)?),
                ));
            }
        }
    }
    store.apply_batch(TreeName::Integrations, batch)?;
    Ok(events.len())
}

/// The first delivery of each customer at `endpoint` that is due by `now` (up to `limit`, after
/// looking at up to `scan` customers), and when the earliest of the others falls due.
pub fn due_heads(
    store: &Store,
    endpoint: &[u8; 8],
    now: Timestamp,
    limit: usize,
    scan: usize,
) -> Result<(Vec<Head>, Option<Timestamp>), StorageError> {
    let prefix = prefix(PENDING, endpoint);
    let mut start = prefix.clone();
    let mut heads = Vec::new();
    let mut next: Option<Timestamp> = None;
    for _ in 0..scan {
        let Some(entry) = store.range_from(TreeName::Integrations, &start).next() else {
            break;
        };
        let (key, value) = entry?;
        if !key.starts_with(&prefix) {
            break;
        }
        let (Some(customer), Some(sequence)) = (
            keys::read_signed(&key[prefix.len()..]),
            keys::read_sequence(&key[prefix.len() + 8..]),
        ) else {
            store.set_aside(TreeName::Integrations, &key, &value, "webhook")?;
            continue;
        };
        match codec::decode::<Pending>(&value) {
            Ok(pending) if pending.due <= now => heads.push(Head {
                key,
                sequence,
                pending,
            }),
            Ok(pending) => next = Some(next.map_or(pending.due, |next| next.min(pending.due))),
            Err(error) => {
                tracing::error!(%error, sequence, "a webhook delivery cannot be read; set aside");
                store.set_aside(TreeName::Integrations, &key, &value, "webhook")?;
                continue;
            }
        }
        if heads.len() >= limit || customer == i64::MAX {
            break;
        }
        start = [&prefix[..], &keys::signed(customer + 1)].concat();
    }
    Ok((heads, next))
}

/// The endpoint accepted the delivery.
pub fn delivered(store: &Store, head: &Head) -> Result<(), StorageError> {
    store.remove(TreeName::Integrations, &head.key)
}

/// The attempt failed: retried after a backoff, or given up once the event is older than
/// `retry_for`. Returns whether it was given up.
pub fn failed(
    store: &Store,
    endpoint: &[u8; 8],
    mut head: Head,
    error: String,
    now: Timestamp,
    retry_for: Duration,
) -> Result<bool, StorageError> {
    head.pending.attempts = head.pending.attempts.saturating_add(1);
    head.pending.last_error = Some(error);
    let given_up = now.0.saturating_sub(head.pending.event.at.0) >= millis(retry_for);
    if given_up {
        let key = [
            &prefix(GIVEN_UP, endpoint)[..],
            &keys::sequence(head.sequence),
        ]
        .concat();
        // Kept for inspection, without the message's text: no body stays at rest.
        head.pending.event.text = None;
        let batch = vec![
            (head.key.clone(), None),
            (key, Some(encode(&head.pending)?)),
        ];
        store.apply_batch(TreeName::Integrations, batch)?;
    } else {
        head.pending.due = now.plus(backoff(head.pending.attempts));
        store.insert(TreeName::Integrations, &head.key, &encode(&head.pending)?)?;
    }
    Ok(given_up)
}

/// The wait after `attempts` failed attempts: 1 s, 2 s, 4 s, ... up to an hour.
pub fn backoff(attempts: u32) -> Duration {
    let exponent = attempts.saturating_sub(1).min(12);
    Duration::from_secs(1u64 << exponent).min(MAX_BACKOFF)
}

/// Deliveries waiting (events not yet fanned out included), and deliveries given up.
pub fn depth(store: &Store) -> (usize, usize) {
    let mut waiting = 0;
    let mut given_up = 0;
    for key in store
        .range_from(TreeName::Integrations, &[EVENT])
        .flatten()
        .map(|(key, _)| key)
    {
        match key.first() {
            Some(&EVENT) | Some(&PENDING) => waiting += 1,
            Some(&GIVEN_UP) => given_up += 1,
            _ => {}
        }
    }
    (waiting, given_up)
}

fn encode(pending: &Pending) -> Result<Vec<u8>, StorageError> {
    codec::encode(pending).map_err(|error| StorageError::State(error.into()))
}

fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{TicketNumber, UserId};

    fn event(customer: i64, at: i64) -> WebhookEvent {
        WebhookEvent {
            kind: WebhookKind::CustomerMessage,
            customer: UserId(customer),
            ticket: Some(TicketNumber(1)),
            at: Timestamp(at),
            text: Some("hi".into()),
            by: None,
        }
    }

    fn store_event(store: &Store, sequence: u64, event: &WebhookEvent) {
        let key = crate::pipeline::integrations::key(EVENT, sequence);
        let bytes = codec::encode(event).unwrap();
        store.insert(TreeName::Integrations, &key, &bytes).unwrap();
    }

    #[test]
    fn only_the_first_delivery_of_each_customer_is_attempted_and_a_failure_holds_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), 1 << 20).unwrap();
        let endpoint = [1u8; 8];
        let kinds = vec![WebhookKind::CustomerMessage];
        for (sequence, customer) in [(1, 5), (2, 6), (3, 5)] {
            store_event(&store, sequence, &event(customer, 1_000));
        }
        assert_eq!(fan_out(&store, &[(endpoint, kinds)], 100).unwrap(), 3);
        assert_eq!(depth(&store), (3, 0));
        let now = Timestamp(2_000);
        let (heads, _) = due_heads(&store, &endpoint, now, 10, 100).unwrap();
        let sequences: Vec<u64> = heads.iter().map(|head| head.sequence).collect();
        assert_eq!(sequences, [1, 2]);
        let mut heads = heads.into_iter();
        let first = heads.next().unwrap();
        let hour = Duration::from_secs(3600);
        assert!(!failed(&store, &endpoint, first, "HTTP 500".into(), now, hour).unwrap());
        delivered(&store, &heads.next().unwrap()).unwrap();
        // Customer 5's first delivery waits for its retry, and its second waits behind it.
        let (heads, next) = due_heads(&store, &endpoint, now, 10, 100).unwrap();
        assert!(heads.is_empty());
        assert_eq!(next, Some(Timestamp(3_000)));
        let (heads, _) = due_heads(&store, &endpoint, Timestamp(3_000), 10, 100).unwrap();
        assert_eq!(heads[0].sequence, 1);
        assert_eq!(heads[0].pending.attempts, 1);
        assert_eq!(heads[0].pending.last_error.as_deref(), Some("HTTP 500"));
    }

    #[test]
    fn a_delivery_retried_for_the_whole_period_is_given_up_and_the_next_one_goes() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), 1 << 20).unwrap();
        let endpoint = [2u8; 8];
        store_event(&store, 1, &event(5, 0));
        store_event(&store, 2, &event(5, 0));
        fan_out(
            &store,
            &[(endpoint, vec![WebhookKind::CustomerMessage])],
            100,
        )
        .unwrap();
        let late = Timestamp(3_600_000);
        let (heads, _) = due_heads(&store, &endpoint, late, 10, 100).unwrap();
        let head = heads.into_iter().next().unwrap();
        let hour = Duration::from_secs(3600);
        assert!(failed(&store, &endpoint, head, "timeout".into(), late, hour).unwrap());
        assert_eq!(depth(&store), (1, 1));
        let (heads, _) = due_heads(&store, &endpoint, late, 10, 100).unwrap();
        assert_eq!(heads[0].sequence, 2);
    }

    #[test]
    fn events_no_endpoint_wants_are_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), 1 << 20).unwrap();
        store_event(&store, 1, &event(5, 0));
        fan_out(&store, &[([3u8; 8], vec![WebhookKind::Rating])], 100).unwrap();
        assert_eq!(depth(&store), (0, 0));
    }

    #[test]
    fn the_backoff_doubles_up_to_an_hour() {
        assert_eq!(backoff(1), Duration::from_secs(1));
        assert_eq!(backoff(2), Duration::from_secs(2));
        assert_eq!(backoff(5), Duration::from_secs(16));
        assert_eq!(backoff(40), Duration::from_secs(3600));
    }
}
