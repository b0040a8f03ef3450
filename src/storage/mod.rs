//! Persistent state in sled: the desk's records, the inbox, the outbox, timers and links.
//!
//! [`Store`] owns the database; [`Ledger`] gives the desk typed access through [`Kv`], the same
//! way inside a sled transaction and in memory; [`codec`] is the only place that knows how
//! records become bytes; message links are kept in buckets (`links`); tickets of older layouts
//! are upgraded in `ticket_record`.

pub mod codec;
pub mod keys;
mod ledger;
mod links;
mod store;
mod ticket_record;
pub mod upgrade;

pub use ledger::{Change, Kv, Ledger, MemoryKv, TreeName};
pub use links::write_link;
pub use store::{Entry, StorageError, Store, TxKv};
