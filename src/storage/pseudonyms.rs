//! The installation's pseudonym secret (drawn once, kept in `meta`), and the
//! `hide_customer_info` setting the bot last ran with, so a change is noticed at start.

use ring::rand::{SecureRandom, SystemRandom};

use super::kv::{Kv, TreeName};
use super::store::{StorageError, Store};
use crate::desk::StateError;
use crate::domain::PseudonymKey;

/// The `meta` key of the pseudonym secret.
const SECRET_KEY: &[u8] = b"pseudonym_secret";
/// The `meta` key of the `hide_customer_info` setting of the last start.
const HIDDEN_KEY: &[u8] = b"hide_customer_info";

/// The installation's pseudonym key: the stored secret, or a new random one stored now.
pub fn pseudonym_key(store: &Store) -> Result<PseudonymKey, StorageError> {
    let mut fresh = [0u8; PseudonymKey::SECRET_LEN];
    SystemRandom::new()
        .fill(&mut fresh)
        .map_err(|_| StorageError::State(StateError("no randomness for a secret".into())))?;
    let secret = store.transaction(&[TreeName::Meta], |kv| {
        match kv.get(TreeName::Meta, SECRET_KEY)? {
            Some(secret) if secret.len() == PseudonymKey::SECRET_LEN => Ok(secret),
            _ => {
                kv.insert(TreeName::Meta, SECRET_KEY, fresh.to_vec())?;
                Ok(fresh.to_vec())
            }
        }
    })?;
    Ok(PseudonymKey::new(&secret))
}

/// Whether the bot last started with customers' information hidden (`false` if never).
pub fn hidden_at_last_start(store: &Store) -> Result<bool, StorageError> {
    Ok(store
        .get(TreeName::Meta, HIDDEN_KEY)?
        .is_some_and(|value| value.first() == Some(&1)))
}

/// Records the `hide_customer_info` setting of this start, within a transaction that
/// includes the `meta` tree.
pub fn record_hidden(kv: &impl Kv, hidden: bool) -> Result<(), StateError> {
    kv.insert(TreeName::Meta, HIDDEN_KEY, vec![u8::from(hidden)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::UserId;

    #[test]
    fn the_secret_is_drawn_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), 1 << 20).unwrap();
        let first = pseudonym_key(&store).unwrap().code(UserId(42));
        assert_eq!(pseudonym_key(&store).unwrap().code(UserId(42)), first);
        let other_dir = tempfile::tempdir().unwrap();
        let other = Store::open(other_dir.path(), 1 << 20).unwrap();
        assert_ne!(pseudonym_key(&other).unwrap().code(UserId(42)), first);
        assert!(!hidden_at_last_start(&store).unwrap());
        store
            .transaction(&[TreeName::Meta], |kv| record_hidden(kv, true))
            .unwrap();
        assert!(hidden_at_last_start(&store).unwrap());
    }
}
