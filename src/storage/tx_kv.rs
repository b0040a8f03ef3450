//! A sled transaction's view of some trees as a [`Kv`]: reads and writes on the trees the
//! transaction covers (sealed where [`seal`](super::seal) says), with the first storage failure
//! kept so the transaction can give up.

use std::cell::RefCell;
use std::collections::BTreeSet;

use sled::transaction::{TransactionalTree, UnabortableTransactionError};

use super::directory::Directory;
use super::kv::{Kv, TreeName};
use super::seal::Sealer;
use super::store_seal::{open_value, seal_value};
use crate::desk::{StateError, StateResult};
use crate::domain::UserId;

/// The keys of a tree starting with a prefix, as committed before a transaction.
pub(super) type CommittedKeys<'a> = dyn Fn(TreeName, &[u8]) -> StateResult<Vec<Vec<u8>>> + 'a;

/// A transaction's view of some trees, as a [`Kv`].
pub struct TxKv<'a> {
    pub(super) names: &'a [TreeName],
    pub(super) views: &'a [TransactionalTree],
    pub(super) sealer: &'a Sealer,
    pub(super) failure: RefCell<Option<UnabortableTransactionError>>,
    /// The database's customer directory, and how to load it.
    pub(super) directory: (&'a Directory, &'a dyn Fn() -> StateResult<()>),
    /// Customers whose record or tickets were written (their directory entries are refreshed
    /// once the transaction commits).
    pub(super) touched: RefCell<BTreeSet<UserId>>,
    /// The keys of a tree starting with a prefix, as committed before the transaction (sled's
    /// transactional view cannot be iterated).
    pub(super) committed_keys: &'a CommittedKeys<'a>,
    /// Keys this transaction wrote, so scans see them too.
    pub(super) written: RefCell<BTreeSet<(TreeName, Vec<u8>)>>,
}

impl TxKv<'_> {
    /// Whether this transaction wrote (inserted) anything into `tree` so far.
    pub fn wrote_to(&self, tree: TreeName) -> bool {
        self.written.borrow().iter().any(|(name, _)| *name == tree)
    }

    fn view(&self, tree: TreeName) -> StateResult<&TransactionalTree> {
        self.names
            .iter()
            .position(|name| *name == tree)
            .map(|index| &self.views[index])
            .ok_or_else(|| {
                StateError(format!(
                    "tree {} is not part of this transaction",
                    tree.as_str()
                ))
            })
    }

    fn record<T>(&self, result: Result<T, UnabortableTransactionError>) -> StateResult<T> {
        result.map_err(|error| {
            let message = error.to_string();
            self.failure.borrow_mut().get_or_insert(error);
            StateError(message)
        })
    }

    fn touch(&self, tree: TreeName, key: &[u8]) {
        if let Some(customer) = tree.customer_of(key) {
            self.touched.borrow_mut().insert(customer);
        }
    }

    /// A fresh, strictly increasing id.
    pub fn generate_id(&self) -> StateResult<u64> {
        let view = self
            .views
            .first()
            .ok_or_else(|| StateError("empty transaction".into()))?;
        self.record(
            view.generate_id()
                .map_err(UnabortableTransactionError::Storage),
        )
    }
}

impl Kv for TxKv<'_> {
    fn get(&self, tree: TreeName, key: &[u8]) -> StateResult<Option<Vec<u8>>> {
        let view = self.view(tree)?;
        match self.record(view.get(key))? {
            Some(value) => Ok(Some(open_value(self.sealer, tree, key, value.to_vec())?)),
            None => Ok(None),
        }
    }

    fn insert(&self, tree: TreeName, key: &[u8], value: Vec<u8>) -> StateResult<()> {
        let view = self.view(tree)?;
        let value = seal_value(self.sealer, tree, key, &value)?;
        self.touch(tree, key);
        self.written.borrow_mut().insert((tree, key.to_vec()));
        self.record(view.insert(key, value)).map(drop)
    }

    fn remove(&self, tree: TreeName, key: &[u8]) -> StateResult<()> {
        let view = self.view(tree)?;
        self.touch(tree, key);
        self.record(view.remove(key)).map(drop)
    }

    fn directory(&self) -> StateResult<Directory> {
        let (directory, load) = self.directory;
        load()?;
        Ok(directory.clone())
    }

    /// The keys committed before the transaction and those it wrote, each read through the
    /// transaction (so its own writes and removals count).
    fn scan_prefix(&self, tree: TreeName, prefix: &[u8]) -> StateResult<Vec<(Vec<u8>, Vec<u8>)>> {
        self.view(tree)?;
        let mut keys: BTreeSet<Vec<u8>> =
            (self.committed_keys)(tree, prefix)?.into_iter().collect();
        keys.extend(
            self.written
                .borrow()
                .iter()
                .filter(|(t, key)| *t == tree && key.starts_with(prefix))
                .map(|(_, key)| key.clone()),
        );
        let mut entries = Vec::with_capacity(keys.len());
        for key in keys {
            if let Some(value) = self.get(tree, &key)? {
                entries.push((key, value));
            }
        }
        Ok(entries)
    }
}
