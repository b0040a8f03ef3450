//! A broadcast's recipients: the customers of its segment, in id order, less those who never
//! get broadcasts (banned, blocked the bot, opted out); counted for the preview and walked by
//! the broadcast lane from where it stopped.

use crate::desk::{DeskState, excluded_from_broadcasts};
use crate::domain::{Customer, Segment, Timestamp, UserId};
use crate::storage::broadcasts::opted_out;
use crate::storage::{Ledger, StorageError, Store, TreeName, codec, keys};

/// Whether the customer gets the broadcast of this segment now.
pub fn receives(
    store: &Store,
    segment: &Segment,
    customer: &Customer,
    now: Timestamp,
) -> Result<bool, StorageError> {
    if excluded_from_broadcasts(customer, opted_out(store, customer.id)?.is_some()) {
        return Ok(false);
    }
    let ticket = if segment.needs_ticket() && customer.ticket.0 != 0 {
        Ledger::new(store).ticket(customer.id, customer.ticket)?
    } else {
        None
    };
    Ok(segment.matches(customer, ticket.as_ref(), now))
}

/// How many customers get the broadcast of this segment now.
pub fn count(store: &Store, segment: &Segment, now: Timestamp) -> Result<u64, StorageError> {
    let mut total = 0;
    for customer in customers_after(store, None) {
        if receives(store, segment, &customer?, now)? {
            total += 1;
        }
    }
    Ok(total)
}

/// Every customer with an id above `after` (all of them for `None`), in id order. Records this
/// build cannot read are skipped (and logged).
pub fn customers_after(
    store: &Store,
    after: Option<UserId>,
) -> impl Iterator<Item = Result<Customer, StorageError>> + '_ {
    let start = after.map_or([0u8; 8], |id| {
        keys::customer(UserId(id.0.saturating_add(1)))
    });
    store
        .range_from(TreeName::Customers, start.as_slice())
        .filter_map(|entry| match entry {
            Ok((_, value)) => match codec::decode::<Customer>(&value) {
                Ok(customer) => Some(Ok(customer)),
                Err(error) => {
                    tracing::warn!(%error, "a customer record this build cannot read is left out of a broadcast");
                    None
                }
            },
            Err(error) => Some(Err(error)),
        })
}
