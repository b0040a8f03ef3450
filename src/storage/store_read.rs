//! Reading the store outside transactions: single values, whole trees, ranges and prefixes in
//! key order (lazily, without copying a tree into memory), their first and last entries, and
//! sizes. Values of sealed trees come back opened.

use super::kv::TreeName;
use super::store::{Entry, StorageError, Store};

impl Store {
    /// Every entry of a tree, in key order, without copying the whole tree into memory.
    pub fn iter(&self, tree: TreeName) -> impl Iterator<Item = Result<Entry, StorageError>> + '_ {
        self.tree(tree)
            .iter()
            .map(move |entry| self.opened(tree, entry))
    }

    /// Reads one value outside any transaction.
    pub fn get(&self, tree: TreeName, key: &[u8]) -> Result<Option<Vec<u8>>, StorageError> {
        match self.tree(tree).get(key)? {
            Some(value) => Ok(Some(self.open_value(tree, key, value.to_vec())?)),
            None => Ok(None),
        }
    }

    /// Entries from `start` on, in key order, read lazily.
    pub fn range_from(
        &self,
        tree: TreeName,
        start: &[u8],
    ) -> impl Iterator<Item = Result<Entry, StorageError>> + use<'_> {
        self.tree(tree)
            .range(start.to_vec()..)
            .map(move |entry| self.opened(tree, entry))
    }

    /// Whether a tree holds a key (without reading its value).
    pub fn contains(&self, tree: TreeName, key: &[u8]) -> Result<bool, StorageError> {
        Ok(self.tree(tree).contains_key(key)?)
    }

    /// Up to `limit` entries whose key starts with `prefix`, in key order.
    pub fn scan_prefix(
        &self,
        tree: TreeName,
        prefix: &[u8],
        limit: usize,
    ) -> Result<Vec<Entry>, StorageError> {
        self.tree(tree)
            .scan_prefix(prefix)
            .take(limit)
            .map(|entry| self.opened(tree, entry))
            .collect()
    }

    /// The first entry of a tree (the smallest key), if any.
    pub fn first(&self, tree: TreeName) -> Result<Option<Entry>, StorageError> {
        self.tree(tree)
            .first()
            .transpose()
            .map(|entry| self.opened(tree, entry))
            .transpose()
    }

    /// The last entry of a tree (the largest key), if any.
    pub fn last(&self, tree: TreeName) -> Result<Option<Entry>, StorageError> {
        self.tree(tree)
            .last()
            .transpose()
            .map(|entry| self.opened(tree, entry))
            .transpose()
    }

    /// An entry as sled gave it, opened.
    pub(super) fn opened(
        &self,
        tree: TreeName,
        entry: sled::Result<(sled::IVec, sled::IVec)>,
    ) -> Result<Entry, StorageError> {
        let (key, value) = entry?;
        let value = self.open_value(tree, &key, value.to_vec())?;
        Ok((key.to_vec(), value))
    }

    /// Every key of a tree, in order (for start-up scans of small trees).
    pub fn keys(&self, tree: TreeName) -> Result<Vec<Vec<u8>>, StorageError> {
        self.tree(tree)
            .iter()
            .keys()
            .map(|key| key.map(|k| k.to_vec()).map_err(StorageError::from))
            .collect()
    }

    /// Number of entries in a tree (walks the tree: for metrics and tools, not hot paths).
    pub fn len(&self, tree: TreeName) -> usize {
        self.tree(tree).len()
    }

    /// Whether the tree holds no entries.
    pub fn is_empty(&self, tree: TreeName) -> bool {
        self.tree(tree).is_empty()
    }
}
