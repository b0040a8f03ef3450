//! Retention's reads and deletions: every customer's history read in one pass over the
//! customers and the tickets, and one closed ticket deleted with its facts. Which ones go is
//! the desk's rule ([`History::verdict`]); customers go through erasure.

use std::collections::BTreeMap;

use super::codec;
use super::keys;
use super::kv::{Kv, TreeName};
use crate::desk::StateResult;
use crate::domain::{Customer, History, Standing, Ticket, TicketAge, TicketNumber, UserId};

/// Every customer's history, in customer order: each record, and each ticket (also those whose
/// record is missing). Unreadable records are left out, so they are never pruned.
pub fn histories(kv: &impl Kv) -> StateResult<Vec<History>> {
    let mut by_customer: BTreeMap<UserId, History> = BTreeMap::new();
    for (_, value) in kv.scan_prefix(TreeName::Customers, &[])? {
        if let Ok(customer) = codec::decode::<Customer>(&value) {
            history(&mut by_customer, customer.id).standing = Some(Standing::of(&customer));
        }
    }
    for (_, value) in kv.scan_prefix(TreeName::Tickets, &[])? {
        if let Ok(ticket) = codec::decode::<Ticket>(&value) {
            history(&mut by_customer, ticket.customer)
                .tickets
                .push(TicketAge::of(&ticket));
        }
    }
    Ok(by_customer.into_values().collect())
}

/// The history of `customer`, empty until filled.
fn history(by_customer: &mut BTreeMap<UserId, History>, customer: UserId) -> &mut History {
    by_customer.entry(customer).or_insert_with(|| History {
        customer,
        standing: None,
        tickets: Vec::new(),
    })
}

/// Deletes a closed ticket with its facts; `false` (and nothing deleted) when it is open or
/// not stored.
pub fn prune_ticket(kv: &impl Kv, customer: UserId, number: TicketNumber) -> StateResult<bool> {
    let key = keys::ticket(customer, number);
    let Some(value) = kv.get(TreeName::Tickets, &key)? else {
        return Ok(false);
    };
    match codec::decode::<Ticket>(&value) {
        Ok(ticket) if !ticket.is_open() => {
            kv.remove(TreeName::Tickets, &key)?;
            Ok(true)
        }
        _ => Ok(false),
    }
}
