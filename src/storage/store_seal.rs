//! The store's side of sealing (see [`seal`](super::seal)): values of sealed trees sealed on
//! the way in and opened on the way out, the key rotation, and housekeeping.

use std::collections::BTreeSet;

use super::kv::TreeName;
use super::seal::{self, Retired, SealError, Sealer};
use super::store::{Entry, StorageError, Store};

impl Store {
    /// A value as it is stored: sealed when its tree and key are.
    pub(super) fn seal_value(
        &self,
        tree: TreeName,
        key: &[u8],
        value: &[u8],
    ) -> Result<Vec<u8>, SealError> {
        seal_value(&self.inner.sealer, tree, key, value)
    }

    /// A stored value opened.
    pub(super) fn open_value(
        &self,
        tree: TreeName,
        key: &[u8],
        value: Vec<u8>,
    ) -> Result<Vec<u8>, SealError> {
        open_value(&self.inner.sealer, tree, key, value)
    }

    /// Sets how long a sealing key seals new values (`key_rotation`).
    pub fn set_key_rotation(&self, rotation: std::time::Duration) {
        self.inner.sealer.set_rotation(rotation);
    }

    /// Housekeeping of the sealed values: with writers paused, makes every write durable, then
    /// destroys every sealing key that no stored value needs (the current one too, when nothing
    /// is pending: the next value gets a new key). What sled still keeps of removed values in
    /// its log is then ciphertext without a key.
    pub fn housekeeping(&self) -> Result<Retired, StorageError> {
        self.frozen(|store| {
            store.inner.db.flush()?;
            let mut in_use = BTreeSet::new();
            for tree in seal::SEALED_TREES {
                for entry in store.tree(tree).iter().values() {
                    if let Some(id) = seal::key_id(&entry?) {
                        in_use.insert(id);
                    }
                }
            }
            Ok(store.inner.sealer.retire_unused(&in_use)?)
        })
    }

    /// Every entry of a tree as it is stored (sealed values left sealed), for checks and tools.
    pub fn raw_entries(&self, tree: TreeName) -> Vec<Entry> {
        self.tree(tree)
            .iter()
            .flatten()
            .map(|(key, value)| (key.to_vec(), value.to_vec()))
            .collect()
    }

    /// The ids of the sealing keys on disk.
    pub fn sealing_keys(&self) -> Vec<u64> {
        self.inner.sealer.key_ids()
    }
}

/// `value` as it is stored: sealed when `tree` and `key` are.
pub(super) fn seal_value(
    sealer: &Sealer,
    tree: TreeName,
    key: &[u8],
    value: &[u8],
) -> Result<Vec<u8>, SealError> {
    if seal::covers(tree, key) {
        sealer.seal(value)
    } else {
        Ok(value.to_vec())
    }
}

/// A stored value opened.
pub(super) fn open_value(
    sealer: &Sealer,
    tree: TreeName,
    key: &[u8],
    value: Vec<u8>,
) -> Result<Vec<u8>, SealError> {
    if seal::covers(tree, key) {
        sealer.unseal(value)
    } else {
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn housekeeping_keeps_the_keys_of_pending_values_and_destroys_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), 1 << 20).unwrap();
        store
            .insert(TreeName::Inbox, b"1", b"a pending body")
            .unwrap();
        store
            .insert(TreeName::Customers, b"1", b"not sealed")
            .unwrap();
        let stored = store.raw_entries(TreeName::Inbox);
        assert!(
            seal::key_id(&stored[0].1).is_some(),
            "inbox values are sealed"
        );
        assert_eq!(store.raw_entries(TreeName::Customers)[0].1, b"not sealed");
        assert_eq!(
            store.get(TreeName::Inbox, b"1").unwrap().unwrap(),
            b"a pending body"
        );

        assert_eq!(
            store.housekeeping().unwrap(),
            Retired {
                destroyed: 0,
                kept: 1
            }
        );
        store.remove(TreeName::Inbox, b"1").unwrap();
        assert_eq!(
            store.housekeeping().unwrap(),
            Retired {
                destroyed: 1,
                kept: 0
            }
        );
        assert!(store.sealing_keys().is_empty());
        drop(store);
        let reopened = Store::open(dir.path(), 1 << 20).unwrap();
        assert!(reopened.sealing_keys().is_empty());
        assert_eq!(reopened.get(TreeName::Inbox, b"1").unwrap(), None);
    }
}
