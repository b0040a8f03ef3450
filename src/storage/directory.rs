//! The customer directory: an in-memory index of every customer that answers the lobby's lists
//! (`/queue`, `/mine`, `/find`) without reading the database.
//!
//! It keeps, per customer, the folded text `/find` searches and where their open ticket stands
//! ([`LookupKey`]), plus the open tickets waiting for the team in waiting order. A page of a list
//! is a set of customer ids and a total; the records shown are read afterwards, a page at a
//! time. At 100,000 customers the index takes a few tens of megabytes and a `/find` scans it in
//! milliseconds (see BENCHMARKS.md).
//!
//! The [`Store`](super::Store) loads it on first use (the bot warms it up at start) and keeps it
//! current: every committed write to a customer or a ticket refreshes that customer's entry
//! from the committed records, under the index's lock, so the index never holds what a
//! transaction that rolled back wrote. Inside a transaction a list sees what was committed
//! before it.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, OnceLock, RwLock, RwLockReadGuard, RwLockWriteGuard};

use super::codec;
use crate::desk::{StateError, StateResult};
use crate::domain::{
    Customer, Lookup, LookupKey, LookupPage, PseudonymKey, Ticket, TicketNumber, Timestamp, UserId,
};

/// The index, shared; empty and unloaded until [`Directory::load`].
#[derive(Clone, Debug, Default)]
pub struct Directory {
    index: Arc<RwLock<Option<Index>>>,
    /// Set when customers are hidden: `/find` matches pseudonyms, not names.
    pseudonyms: Arc<OnceLock<PseudonymKey>>,
}

/// The loaded index.
#[derive(Debug, Default)]
struct Index {
    /// Every customer's key.
    keys: HashMap<UserId, LookupKey>,
    /// Open tickets waiting for the team, oldest first.
    waiting: BTreeSet<(Timestamp, UserId)>,
}

impl Directory {
    /// From now on customers are found by their pseudonym, not by name, `@username` or id
    /// (`hide_customer_info`); an index loaded before is loaded again.
    pub fn hide_customers(&self, key: PseudonymKey) {
        if self.pseudonyms.set(key).is_ok() {
            self.unload();
        }
    }

    /// The key pseudonyms are derived with, when customers are hidden.
    pub fn pseudonyms(&self) -> Option<&PseudonymKey> {
        self.pseudonyms.get()
    }

    /// Whether the index is loaded (and kept current).
    pub fn is_loaded(&self) -> bool {
        self.read().is_some()
    }

    /// Loads the index from every customer's key, unless it is loaded already.
    pub fn load(
        &self,
        entries: impl IntoIterator<Item = StateResult<(UserId, LookupKey)>>,
    ) -> StateResult<()> {
        let mut index = self.write();
        if index.is_some() {
            return Ok(());
        }
        let mut loaded = Index::default();
        for entry in entries {
            let (customer, key) = entry?;
            loaded.put(customer, Some(key));
        }
        *index = Some(loaded);
        Ok(())
    }

    /// Reads these customers' keys again with `key_of` (`None`: no record); nothing while
    /// unloaded. A failure unloads the index: a stale index is worse than a reload.
    pub fn refresh(
        &self,
        customers: &BTreeSet<UserId>,
        mut key_of: impl FnMut(UserId) -> StateResult<Option<LookupKey>>,
    ) -> StateResult<()> {
        let mut guard = self.write();
        let Some(index) = guard.as_mut() else {
            return Ok(());
        };
        for customer in customers {
            match key_of(*customer) {
                Ok(key) => index.put(*customer, key),
                Err(error) => {
                    *guard = None;
                    return Err(error);
                }
            }
        }
        Ok(())
    }

    /// Forgets the index; the next use loads it again.
    pub fn unload(&self) {
        *self.write() = None;
    }

    /// One page of a list.
    pub fn page(&self, lookup: &Lookup, offset: usize, limit: usize) -> StateResult<LookupPage> {
        let guard = self.read();
        let index = guard
            .as_ref()
            .ok_or_else(|| StateError("the customer directory is not loaded".into()))?;
        Ok(match lookup {
            Lookup::Queue => index.queue(offset, limit),
            Lookup::Mine(member) => index.mine(*member, offset, limit),
            Lookup::Find(query) => index.find(query, offset, limit),
        })
    }

    fn read(&self) -> RwLockReadGuard<'_, Option<Index>> {
        self.index
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn write(&self) -> RwLockWriteGuard<'_, Option<Index>> {
        self.index
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A customer's key from their stored record, reading their current ticket with `ticket`.
pub fn key_from(
    customer: &[u8],
    pseudonyms: Option<&PseudonymKey>,
    ticket: impl FnOnce(UserId, TicketNumber) -> StateResult<Option<Vec<u8>>>,
) -> StateResult<(UserId, LookupKey)> {
    let customer: Customer = codec::decode(customer)?;
    let ticket: Option<Ticket> = match ticket(customer.id, customer.ticket)? {
        Some(bytes) => Some(codec::decode(&bytes)?),
        None => None,
    };
    Ok((
        customer.id,
        LookupKey::of(&customer, ticket.as_ref(), pseudonyms),
    ))
}

impl Index {
    /// Replaces a customer's entry (`None` removes it).
    fn put(&mut self, customer: UserId, key: Option<LookupKey>) {
        if let Some(old) = self.keys.remove(&customer)
            && let Some(open) = old.open.filter(|open| open.waits_for_team)
        {
            self.waiting.remove(&(open.waiting_since, customer));
        }
        let Some(key) = key else {
            return;
        };
        if let Some(open) = key.open.filter(|open| open.waits_for_team) {
            self.waiting.insert((open.waiting_since, customer));
        }
        self.keys.insert(customer, key);
    }

    fn queue(&self, offset: usize, limit: usize) -> LookupPage {
        LookupPage {
            customers: self
                .waiting
                .iter()
                .skip(offset)
                .take(limit)
                .map(|(_, customer)| *customer)
                .collect(),
            total: self.waiting.len(),
        }
    }

    /// A member's open tickets: waiting for the team first, then the others, oldest first.
    fn mine(&self, member: UserId, offset: usize, limit: usize) -> LookupPage {
        let mut found: Vec<(bool, Timestamp, UserId)> = self
            .keys
            .iter()
            .filter_map(|(customer, key)| {
                let open = key.open.filter(|open| open.assignee == Some(member))?;
                Some((!open.waits_for_team, open.waiting_since, *customer))
            })
            .collect();
        found.sort_unstable();
        LookupPage {
            total: found.len(),
            customers: found
                .into_iter()
                .skip(offset)
                .take(limit)
                .map(|(_, _, customer)| customer)
                .collect(),
        }
    }

    /// Customers matching a folded query, by name (then id).
    fn find(&self, query: &str, offset: usize, limit: usize) -> LookupPage {
        let mut found: Vec<(&str, UserId)> = self
            .keys
            .iter()
            .filter(|(_, key)| key.matches(query))
            .map(|(customer, key)| (&*key.text, *customer))
            .collect();
        let total = found.len();
        let end = offset.saturating_add(limit).min(total);
        // Only the entries up to the page's end need to be in order.
        if end < total && end > 0 {
            found.select_nth_unstable(end - 1);
            found.truncate(end);
        }
        found.sort_unstable();
        LookupPage {
            total,
            customers: found
                .into_iter()
                .skip(offset)
                .take(limit)
                .map(|(_, customer)| customer)
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::OpenTicket;

    fn key(text: &str, open: Option<(i64, bool, Option<i64>)>) -> Option<LookupKey> {
        Some(LookupKey {
            text: text.into(),
            open: open.map(|(since, waits_for_team, assignee)| OpenTicket {
                waiting_since: Timestamp(since),
                waits_for_team,
                assignee: assignee.map(UserId),
            }),
        })
    }

    fn index() -> Index {
        let mut index = Index::default();
        index.put(UserId(1), key("carla\n1", Some((30, true, None))));
        index.put(UserId(2), key("ana\n2\nvip", Some((10, true, Some(9)))));
        index.put(UserId(3), key("bruno\n3\nvip", Some((5, false, Some(9)))));
        index.put(UserId(4), key("anabela\n4", None));
        index
    }

    fn ids(page: LookupPage) -> (Vec<i64>, usize) {
        (page.customers.iter().map(|c| c.0).collect(), page.total)
    }

    #[test]
    fn the_queue_holds_tickets_waiting_for_the_team_oldest_first() {
        let mut index = index();
        assert_eq!(ids(index.queue(0, 20)), (vec![2, 1], 2));
        // The team replied to Ana: she leaves the queue; Bruno wrote: he joins it.
        index.put(UserId(2), key("ana\n2", Some((40, false, Some(9)))));
        index.put(UserId(3), key("bruno\n3", Some((41, true, Some(9)))));
        assert_eq!(ids(index.queue(0, 20)), (vec![1, 3], 2));
        index.put(UserId(1), None);
        assert_eq!(ids(index.queue(0, 20)), (vec![3], 1));
    }

    #[test]
    fn mine_lists_what_waits_for_the_team_first() {
        let index = index();
        assert_eq!(ids(index.mine(UserId(9), 0, 20)), (vec![2, 3], 2));
        assert_eq!(ids(index.mine(UserId(8), 0, 20)), (vec![], 0));
    }

    #[test]
    fn found_customers_are_paged_in_name_order() {
        let index = index();
        assert_eq!(ids(index.find("an", 0, 20)), (vec![2, 4], 2));
        assert_eq!(ids(index.find("an", 1, 1)), (vec![4], 2));
        assert_eq!(ids(index.find("an", 0, 1)), (vec![2], 2));
        assert_eq!(ids(index.find("vip", 0, 20)), (vec![2, 3], 2));
        assert_eq!(ids(index.find("an vip", 0, 20)), (vec![2], 1));
        assert_eq!(ids(index.find("zed", 0, 20)), (vec![], 0));
    }
}
