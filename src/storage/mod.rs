//! Persistent state in sled: the desk's records, the inbox, the outbox, timers and links.
//!
//! Files, from the bottom up:
//! - `albums`: the items of each album the team posted (ids only), for commands replying to one.
//! - [`broadcasts`]: broadcasts' records, opt-outs, and each recipient's delivery.
//! - [`codec`]: the only place that knows how records become bytes (versioned bincode).
//! - `erasure`: a customer erased from the trees the storage owns.
//! - [`keys`]: how keys are built, big-endian so that scans come out in order.
//! - `directory`: [`Directory`], the in-memory index of customers behind the lobby's lists.
//! - `kv`: the trees ([`TreeName`]), the key-value view [`Kv`] and its in-memory [`MemoryKv`].
//! - `links`: message links between private chats and team chats, kept in buckets.
//! - `ticket_record`: tickets as stored, and the upgrade of older ticket layouts.
//! - `ledger`: [`Ledger`], the desk's typed state over any [`Kv`], the same way inside a sled
//!   transaction and in memory.
//! - [`pseudonyms`]: the installation's pseudonym secret, and whether customers' information
//!   was hidden at the last start.
//! - `reports`: every ticket read once for a report ([`report_figures`]).
//! - [`seal`]: values that can hold a message body, sealed with keys that housekeeping
//!   destroys once nothing stored needs them.
//! - `retention`: every customer's history read for retention, and closed tickets pruned.
//! - `store`: [`Store`], the database itself and its transactions.
//! - `store_flush`: durability: flushes asked for now, within 3 ms or within 200 ms, shared.
//! - `store_read`: reading the store outside transactions: values, trees, ranges, prefixes.
//! - `store_seal`: the store's side of sealing: values sealed on the way in and opened on the
//!   way out, and housekeeping.
//! - `tx_kv`: [`TxKv`], a transaction's view of some trees as a [`Kv`].
//! - [`upgrade`]: the one-time rewrite that names the chat in every team-chat message id stored
//!   by older versions.

mod albums;
pub mod broadcasts;
pub mod codec;
mod directory;
mod erasure;
pub mod keys;
mod kv;
mod ledger;
mod links;
pub mod pseudonyms;
mod reports;
mod retention;
pub mod seal;
mod store;
mod store_flush;
mod store_read;
mod store_seal;
mod ticket_record;
mod tx_kv;
pub mod upgrade;

pub use directory::Directory;
pub use kv::{Change, Kv, MemoryKv, TreeName};
pub use ledger::Ledger;
pub use links::write_link;
pub use reports::report_figures;
pub use store::{Entry, StorageError, Store};
pub use tx_kv::TxKv;
