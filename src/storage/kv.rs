//! The key-value view the storage is written against: the trees of the database ([`TreeName`]),
//! the [`Kv`] trait a sled transaction, the [`Store`](super::Store) itself and the in-memory
//! [`MemoryKv`] implement, and the [`Change`] of one value.
//!
//! It sits below [`Ledger`](super::Ledger) and the message links, so both build on it without
//! importing each other.

use std::cell::RefCell;
use std::collections::BTreeMap;

use std::collections::BTreeSet;

use super::directory::{self, Directory};
use super::keys;
use crate::desk::StateResult;
use crate::domain::{LookupKey, PseudonymKey, UserId};

/// The trees (tables) of the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TreeName {
    /// Customers by account id.
    Customers,
    /// Tickets by customer and number.
    Tickets,
    /// Buffered relays by customer.
    Relay,
    /// Thread roots and card posts to customers.
    Index,
    /// Message links between private chats and the team chat.
    Links,
    /// Received updates and internal events waiting to be processed.
    Inbox,
    /// Effects waiting to be sent, by lane.
    Outbox,
    /// Timers by due time.
    Timers,
    /// Update ids already stored, to drop redeliveries.
    Seen,
    /// Team membership cache.
    Team,
    /// Miscellaneous single values (polling offset, ...).
    Meta,
    /// Team-chat updates waiting for their author's membership to be checked, by thread.
    Held,
    /// API answers and deliveries, the audit log of API writes, and the webhook queue.
    Integrations,
    /// Updates kept for the existing bot behind the Bot API proxy, until it confirms them.
    Upstream,
    /// Broadcasts: their records, the active ones, and customers who opted out.
    Broadcasts,
    /// Each broadcast's deliveries, one per recipient, and its progress.
    Deliveries,
}

impl TreeName {
    /// Every tree, in a fixed order.
    pub const ALL: [TreeName; 16] = [
        TreeName::Customers,
        TreeName::Tickets,
        TreeName::Relay,
        TreeName::Index,
        TreeName::Links,
        TreeName::Inbox,
        TreeName::Outbox,
        TreeName::Timers,
        TreeName::Seen,
        TreeName::Team,
        TreeName::Meta,
        TreeName::Held,
        TreeName::Integrations,
        TreeName::Upstream,
        TreeName::Broadcasts,
        TreeName::Deliveries,
    ];

    /// The tree's name on disk.
    pub fn as_str(self) -> &'static str {
        match self {
            TreeName::Customers => "customers",
            TreeName::Tickets => "tickets",
            TreeName::Relay => "relay",
            TreeName::Index => "index",
            TreeName::Links => "links",
            TreeName::Inbox => "inbox",
            TreeName::Outbox => "outbox",
            TreeName::Timers => "timers",
            TreeName::Seen => "seen",
            TreeName::Team => "team",
            TreeName::Meta => "meta",
            TreeName::Held => "held",
            TreeName::Integrations => "integrations",
            TreeName::Upstream => "upstream",
            TreeName::Broadcasts => "broadcasts",
            TreeName::Deliveries => "deliveries",
        }
    }

    /// The customer a key of this tree belongs to, for the trees the customer directory
    /// follows (customers and their tickets).
    pub fn customer_of(self, key: &[u8]) -> Option<UserId> {
        match self {
            TreeName::Customers | TreeName::Tickets => keys::read_signed(key).map(UserId),
            _ => None,
        }
    }
}

/// A change of one value: given the current value (if any), the new one (`None` deletes it).
/// It may be called more than once, when another writer got there first.
pub type Change<'a> = dyn FnMut(Option<&[u8]>) -> Option<Vec<u8>> + 'a;

/// A key-value view over the trees, possibly transactional.
pub trait Kv {
    /// Reads a value.
    fn get(&self, tree: TreeName, key: &[u8]) -> StateResult<Option<Vec<u8>>>;
    /// Writes a value.
    fn insert(&self, tree: TreeName, key: &[u8], value: Vec<u8>) -> StateResult<()>;
    /// Deletes a value.
    fn remove(&self, tree: TreeName, key: &[u8]) -> StateResult<()>;
    /// Replaces a value by what `change` makes of it, atomically. The provided version reads
    /// then writes, which is atomic inside a transaction or without concurrent writers; views
    /// shared between threads outside transactions override it.
    fn update(&self, tree: TreeName, key: &[u8], change: &mut Change<'_>) -> StateResult<()> {
        let current = self.get(tree, key)?;
        match change(current.as_deref()) {
            Some(value) => self.insert(tree, key, value),
            None => self.remove(tree, key),
        }
    }
    /// The customer directory (see [`Directory`]), loaded: inside a transaction it holds what
    /// was committed before the transaction.
    fn directory(&self) -> StateResult<Directory>;
    /// Every entry of `tree` whose key starts with `prefix`, in key order, as this view sees
    /// them (inside a transaction: with the transaction's own writes). For rare, whole-tree
    /// work such as erasing a customer, not for hot paths.
    fn scan_prefix(&self, tree: TreeName, prefix: &[u8]) -> StateResult<Vec<(Vec<u8>, Vec<u8>)>>;
}

/// A customer's directory key as `kv` stores it now (`None`: no record).
pub(super) fn lookup_key(
    kv: &(impl Kv + ?Sized),
    customer: UserId,
    pseudonyms: Option<&PseudonymKey>,
) -> StateResult<Option<LookupKey>> {
    let Some(record) = kv.get(TreeName::Customers, &keys::customer(customer))? else {
        return Ok(None);
    };
    let (_, key) = directory::key_from(&record, pseudonyms, |customer, number| {
        kv.get(TreeName::Tickets, &keys::ticket(customer, number))
    })?;
    Ok(Some(key))
}

impl<T: Kv + ?Sized> Kv for &T {
    fn get(&self, tree: TreeName, key: &[u8]) -> StateResult<Option<Vec<u8>>> {
        (**self).get(tree, key)
    }

    fn insert(&self, tree: TreeName, key: &[u8], value: Vec<u8>) -> StateResult<()> {
        (**self).insert(tree, key, value)
    }

    fn remove(&self, tree: TreeName, key: &[u8]) -> StateResult<()> {
        (**self).remove(tree, key)
    }

    fn update(&self, tree: TreeName, key: &[u8], change: &mut Change<'_>) -> StateResult<()> {
        (**self).update(tree, key, change)
    }

    fn directory(&self) -> StateResult<Directory> {
        (**self).directory()
    }

    fn scan_prefix(&self, tree: TreeName, prefix: &[u8]) -> StateResult<Vec<(Vec<u8>, Vec<u8>)>> {
        (**self).scan_prefix(tree, prefix)
    }
}

/// A tree and a key.
type MemoryKey = (TreeName, Vec<u8>);

/// An in-memory [`Kv`] for unit tests and tools.
#[derive(Debug, Default)]
pub struct MemoryKv {
    trees: RefCell<BTreeMap<MemoryKey, Vec<u8>>>,
}

impl MemoryKv {
    /// Every key of a tree, in order.
    pub fn keys(&self, tree: TreeName) -> Vec<Vec<u8>> {
        self.trees
            .borrow()
            .keys()
            .filter(|(t, _)| *t == tree)
            .map(|(_, key)| key.clone())
            .collect()
    }
}

impl Kv for MemoryKv {
    fn get(&self, tree: TreeName, key: &[u8]) -> StateResult<Option<Vec<u8>>> {
        Ok(self.trees.borrow().get(&(tree, key.to_vec())).cloned())
    }

    fn insert(&self, tree: TreeName, key: &[u8], value: Vec<u8>) -> StateResult<()> {
        self.trees.borrow_mut().insert((tree, key.to_vec()), value);
        Ok(())
    }

    fn remove(&self, tree: TreeName, key: &[u8]) -> StateResult<()> {
        self.trees.borrow_mut().remove(&(tree, key.to_vec()));
        Ok(())
    }

    /// Built afresh on every call: in-memory views are small.
    fn directory(&self) -> StateResult<Directory> {
        let directory = Directory::default();
        let customers: BTreeSet<UserId> = self
            .keys(TreeName::Customers)
            .iter()
            .filter_map(|key| TreeName::Customers.customer_of(key))
            .collect();
        directory.load(customers.into_iter().filter_map(|customer| {
            lookup_key(self, customer, None)
                .transpose()
                .map(|key| key.map(|key| (customer, key)))
        }))?;
        Ok(directory)
    }

    fn scan_prefix(&self, tree: TreeName, prefix: &[u8]) -> StateResult<Vec<(Vec<u8>, Vec<u8>)>> {
        Ok(self
            .trees
            .borrow()
            .iter()
            .filter(|((t, key), _)| *t == tree && key.starts_with(prefix))
            .map(|((_, key), value)| (key.clone(), value.clone()))
            .collect())
    }
}
