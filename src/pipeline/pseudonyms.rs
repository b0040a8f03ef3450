//! Customers' information hidden or shown again: a change of `hide_customer_info` since the
//! last start redraws every open card (and, in a forum, its topic's name) through the desk.

use crate::desk::Event;
use crate::domain::{Customer, Ticket};
use crate::storage::pseudonyms::{hidden_at_last_start, record_hidden};
use crate::storage::{StorageError, Store, TreeName, codec, keys};

use super::inbox;

/// Queues a [`Event::RedrawCard`] for every customer with an open ticket when `hidden` differs
/// from the setting of the last start, and records `hidden`. Returns how many were queued.
pub fn redraw_if_changed(store: &Store, hidden: bool) -> Result<usize, StorageError> {
    if hidden_at_last_start(store)? == hidden {
        return Ok(0);
    }
    let mut open = Vec::new();
    for entry in store.iter(TreeName::Customers) {
        let (_, value) = entry?;
        let Ok(customer) = codec::decode::<Customer>(&value) else {
            continue;
        };
        let key = keys::ticket(customer.id, customer.ticket);
        let ticket = store
            .get(TreeName::Tickets, &key)?
            .and_then(|value| codec::decode::<Ticket>(&value).ok());
        if ticket.is_some_and(|ticket| ticket.is_open()) {
            open.push(customer.id);
        }
    }
    store.transaction(&[TreeName::Inbox, TreeName::Meta], |kv| {
        for customer in &open {
            inbox::push_event(
                kv,
                Event::RedrawCard {
                    customer: *customer,
                },
            )?;
        }
        record_hidden(kv, hidden)
    })?;
    Ok(open.len())
}
