//! Erasing a customer from the trees the storage owns, within the caller's transaction: their
//! record, tickets (with the facts statistics are tallied from, ratings included), buffered
//! relays, the index entries of their card and thread, message links, and broadcast opt-out
//! and deliveries. Timers and queued effects are the pipeline's; the [`Ledger`](super::Ledger)
//! erases them through the hook it is given.

use super::codec;
use super::keys;
use super::kv::{Kv, TreeName};
use super::{broadcasts, links};
use crate::desk::{Erasure, StateResult};
use crate::domain::{Customer, Ticket, UserId};

/// The index tags whose entries name a customer: thread roots and card posts.
const CUSTOMER_INDEX_TAGS: [u8; 2] = [b'R', b'P'];
/// The index tag of a thread root waiting for its post.
const UNCLAIMED_TAG: u8 = b'U';

/// Removes what the storage keeps about `customer`; `None` when no record is stored.
pub fn forget(kv: &impl Kv, customer: UserId) -> StateResult<Option<Erasure>> {
    let key = keys::customer(customer);
    let Some(record) = kv.get(TreeName::Customers, &key)? else {
        return Ok(None);
    };
    let mut erasure = Erasure::default();
    if let Ok(record) = codec::decode::<Customer>(&record) {
        erasure.tags = record.tags.len() as u32;
        erasure.fields = record.fields.len() as u32;
    }
    kv.remove(TreeName::Customers, &key)?;
    for (ticket_key, value) in kv.scan_prefix(TreeName::Tickets, &key)? {
        if let Ok(ticket) = codec::decode::<Ticket>(&value) {
            erasure.ratings += u32::from(ticket.facts.rating.is_some());
            erasure.open_tickets += u32::from(ticket.is_open());
        }
        kv.remove(TreeName::Tickets, &ticket_key)?;
        erasure.tickets += 1;
    }
    if kv.get(TreeName::Relay, &key)?.is_some() {
        kv.remove(TreeName::Relay, &key)?;
        erasure.buffered = true;
    }
    for tag in CUSTOMER_INDEX_TAGS {
        for (index_key, value) in kv.scan_prefix(TreeName::Index, &[tag])? {
            if value.as_slice() != key.as_slice() {
                continue;
            }
            kv.remove(TreeName::Index, &index_key)?;
            if tag == b'P' {
                let mut unclaimed = index_key.clone();
                unclaimed[0] = UNCLAIMED_TAG;
                kv.remove(TreeName::Index, &unclaimed)?;
            }
            erasure.threads += 1;
        }
    }
    erasure.links = links::forget(kv, customer)?;
    let (opted_out, deliveries) = broadcasts::forget(kv, customer)?;
    erasure.opted_out = opted_out;
    erasure.deliveries = deliveries;
    Ok(Some(erasure))
}
