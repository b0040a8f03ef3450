//! Persistent state in sled: the desk's records, the inbox, the outbox, timers and links.
//!
//! [`Store`] owns the database; [`Ledger`] gives the desk typed access through [`Kv`], the same
//! way inside a sled transaction and in memory; [`codec`] is the only place that knows how
//! records become bytes.

pub mod codec;
pub mod keys;
mod ledger;
mod store;

pub use ledger::{Kv, Ledger, MemoryKv, TreeName, write_link};
pub use store::{Entry, StorageError, Store, TxKv};
