//! The sled database: opening it with a bounded cache, atomic multi-tree transactions and writes
//! outside them (reading outside transactions: `store_read.rs`; flushing: `store_flush.rs`).

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use sled::transaction::{ConflictableTransactionError, TransactionError, TransactionalTree};
use sled::{Db, Transactional, Tree};

use super::directory::{self, Directory};
use super::kv::{Change, Kv, TreeName, lookup_key};
use super::seal::{SealError, Sealer};
use super::store_flush::FlushState;
use super::tx_kv::TxKv;
use crate::desk::{StateError, StateResult};
use crate::domain::UserId;

/// A key and its value.
pub type Entry = (Vec<u8>, Vec<u8>);

/// The database could not be opened, read or written.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// sled reported an error (I/O, corruption, or the directory is locked by another process).
    #[error("database error: {0}")]
    Sled(#[from] sled::Error),
    /// A record could not be read or written.
    #[error("{0}")]
    State(#[from] StateError),
    /// A value could not be sealed or opened.
    #[error("{0}")]
    Seal(#[from] SealError),
}

impl From<SealError> for StateError {
    fn from(error: SealError) -> StateError {
        StateError(error.to_string())
    }
}

/// How often sled's own thread writes out its log buffer and cleans its segments. The desk's
/// durability never waits for it (see [`Store::run_flusher`]); idle, each round is a wake-up.
const SLED_FLUSH_EVERY_MS: u64 = 1_000;

/// The open database and its trees. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    pub(super) inner: Arc<Inner>,
}

pub(super) struct Inner {
    pub(super) db: Db,
    trees: Vec<Tree>,
    pub(super) sealer: Sealer,
    pub(super) flush: FlushState,
    /// Writers hold it shared; a snapshot holds it exclusively, so it sees one consistent state.
    gate: std::sync::RwLock<()>,
    /// The customer directory for the lobby's lists, loaded on first use.
    directory: Directory,
}

impl Store {
    /// Opens (or creates) the database in `path`, keeping at most `cache_bytes` of it in memory.
    pub fn open(path: &Path, cache_bytes: u64) -> Result<Store, StorageError> {
        let db = sled::Config::new()
            .path(path)
            .cache_capacity(cache_bytes)
            .flush_every_ms(Some(SLED_FLUSH_EVERY_MS))
            .mode(sled::Mode::LowSpace)
            .open()?;
        let sealer = Sealer::open(path)?;
        let trees = TreeName::ALL
            .iter()
            .map(|name| db.open_tree(name.as_str()))
            .collect::<Result<Vec<_>, _>>()?;
        let flush = FlushState::new();
        Ok(Store {
            inner: Arc::new(Inner {
                db,
                trees,
                sealer,
                flush,
                gate: std::sync::RwLock::new(()),
                directory: Directory::default(),
            }),
        })
    }

    pub(super) fn tree(&self, name: TreeName) -> &Tree {
        let index = TreeName::ALL.iter().position(|n| *n == name).unwrap_or(0);
        &self.inner.trees[index]
    }

    /// Runs `work` atomically over the given trees: either all its writes happen or none. The
    /// closure may run more than once when it conflicts with a concurrent transaction, so it
    /// must not have side effects outside the view it is given.
    pub fn transaction<T>(
        &self,
        trees: &[TreeName],
        work: impl Fn(&TxKv<'_>) -> StateResult<T>,
    ) -> Result<T, StorageError> {
        self.transaction_scanning(trees, &[], work)
    }

    /// [`Store::transaction`], where the view can also scan the `scanned` trees
    /// ([`Kv::scan_prefix`]): their keys are read just before the transaction (sled cannot
    /// iterate inside one), and each is read again through it. For rare, whole-tree work such
    /// as erasing a customer.
    pub fn transaction_scanning<T>(
        &self,
        trees: &[TreeName],
        scanned: &[TreeName],
        work: impl Fn(&TxKv<'_>) -> StateResult<T>,
    ) -> Result<T, StorageError> {
        let mut snapshot = BTreeMap::new();
        for tree in scanned {
            snapshot.insert(*tree, self.keys(*tree)?);
        }
        let _writing = self.writing();
        let handles: Vec<&Tree> = trees.iter().map(|name| self.tree(*name)).collect();
        let load = || self.load_directory();
        let touched = RefCell::new(BTreeSet::new());
        let committed_keys = |tree: TreeName, prefix: &[u8]| -> StateResult<Vec<Vec<u8>>> {
            match snapshot.get(&tree) {
                Some(keys) => Ok(keys
                    .iter()
                    .filter(|key| key.starts_with(prefix))
                    .cloned()
                    .collect()),
                None => Err(StateError(format!(
                    "tree {} cannot be scanned in this transaction",
                    tree.as_str()
                ))),
            }
        };
        let result = handles
            .as_slice()
            .transaction(|views: &Vec<TransactionalTree>| {
                let kv = TxKv {
                    names: trees,
                    views,
                    sealer: &self.inner.sealer,
                    failure: RefCell::new(None),
                    directory: (&self.inner.directory, &load),
                    touched: RefCell::new(BTreeSet::new()),
                    committed_keys: &committed_keys,
                    written: RefCell::new(BTreeSet::new()),
                };
                let result = work(&kv);
                if let Some(failure) = kv.failure.take() {
                    return Err(failure.into());
                }
                *touched.borrow_mut() = kv.touched.take();
                result.map_err(ConflictableTransactionError::Abort)
            });
        match result {
            Ok(value) => {
                self.refresh_directory(&touched.into_inner());
                Ok(value)
            }
            Err(TransactionError::Abort(error)) => Err(StorageError::State(error)),
            Err(TransactionError::Storage(error)) => Err(StorageError::Sled(error)),
        }
    }

    /// From now on `/find` matches customers' pseudonyms instead of their name, `@username`
    /// and id (`hide_customer_info`). Call before the directory is first used.
    pub fn hide_customers(&self, key: crate::domain::PseudonymKey) {
        self.inner.directory.hide_customers(key);
    }

    /// Loads the customer directory, unless it is loaded (the bot does it at start, so the
    /// first list does not wait for it).
    pub fn load_directory(&self) -> StateResult<()> {
        let directory = &self.inner.directory;
        if directory.is_loaded() {
            return Ok(());
        }
        let started = std::time::Instant::now();
        directory.load(self.tree(TreeName::Customers).iter().map(|entry| {
            let (_, record) = entry.map_err(|error| StateError(error.to_string()))?;
            directory::key_from(&record, directory.pseudonyms(), |customer, number| {
                Kv::get(
                    self,
                    TreeName::Tickets,
                    &super::keys::ticket(customer, number),
                )
            })
        }))?;
        tracing::info!(
            customers = self.len(TreeName::Customers),
            elapsed_ms = started.elapsed().as_millis(),
            "customer directory loaded"
        );
        Ok(())
    }

    /// Refreshes the directory entries of customers whose records were written.
    fn refresh_directory(&self, customers: &BTreeSet<UserId>) {
        if customers.is_empty() {
            return;
        }
        let refreshed = self.inner.directory.refresh(customers, |customer| {
            lookup_key(self, customer, self.inner.directory.pseudonyms())
        });
        if let Err(error) = refreshed {
            tracing::error!(%error, "the customer directory is reloaded on next use");
        }
    }

    fn writing(&self) -> std::sync::RwLockReadGuard<'_, ()> {
        self.inner
            .gate
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Runs `read` while no write can happen, so it sees one consistent state of every tree
    /// (for backups). Writers wait meanwhile; keep it short.
    pub fn frozen<T>(&self, read: impl FnOnce(&Store) -> T) -> T {
        let _frozen = self
            .inner
            .gate
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        read(self)
    }

    /// Writes one value outside any transaction.
    pub fn insert(&self, tree: TreeName, key: &[u8], value: &[u8]) -> Result<(), StorageError> {
        let _writing = self.writing();
        let value = self.seal_value(tree, key, value)?;
        self.tree(tree).insert(key, value)?;
        self.refresh_directory(&tree.customer_of(key).into_iter().collect());
        Ok(())
    }

    /// Deletes one value outside any transaction.
    pub fn remove(&self, tree: TreeName, key: &[u8]) -> Result<(), StorageError> {
        let _writing = self.writing();
        self.tree(tree).remove(key)?;
        self.refresh_directory(&tree.customer_of(key).into_iter().collect());
        Ok(())
    }

    /// Applies several writes to one tree atomically, outside any transaction: each key with
    /// its new value, or `None` to delete it.
    pub fn apply_batch(
        &self,
        tree: TreeName,
        writes: Vec<(Vec<u8>, Option<Vec<u8>>)>,
    ) -> Result<(), StorageError> {
        let _writing = self.writing();
        let mut batch = sled::Batch::default();
        for (key, value) in writes {
            match value {
                Some(value) => {
                    let value = self.seal_value(tree, &key, &value)?;
                    batch.insert(key, value);
                }
                None => batch.remove(key),
            }
        }
        self.tree(tree).apply_batch(batch)?;
        if matches!(tree, TreeName::Customers | TreeName::Tickets) {
            // Which customers a batch wrote is not known here: the directory is read again.
            self.inner.directory.unload();
        }
        Ok(())
    }

    /// Moves a record this build cannot read out of `tree`, into `meta` under `label:key`, so
    /// it stops blocking whoever reads `tree` in order and stays for analysis (sealed as it
    /// was, when its tree is sealed: readable until housekeeping destroys its key).
    pub fn set_aside(
        &self,
        tree: TreeName,
        key: &[u8],
        value: &[u8],
        label: &str,
    ) -> Result<(), StorageError> {
        {
            let _writing = self.writing();
            let value = self.seal_value(tree, key, value)?;
            self.tree(TreeName::Meta)
                .insert([label.as_bytes(), b":", key].concat(), value)?;
        }
        self.remove(tree, key)
    }

    /// A fresh, strictly increasing id (persisted, survives restarts).
    pub fn generate_id(&self) -> Result<u64, StorageError> {
        Ok(self.inner.db.generate_id()?)
    }

    /// Flushes synchronously (start-up, shutdown and tools).
    pub fn flush_now(&self) -> Result<(), StorageError> {
        self.inner.db.flush()?;
        Ok(())
    }

    /// Bytes the database occupies on disk.
    pub fn size_on_disk(&self) -> Result<u64, StorageError> {
        Ok(self.inner.db.size_on_disk()?)
    }

    /// The underlying database (for export and backup).
    pub fn db(&self) -> &Db {
        &self.inner.db
    }
}

/// Reads and writes outside any transaction (single-key atomicity only).
impl Kv for Store {
    fn get(&self, tree: TreeName, key: &[u8]) -> StateResult<Option<Vec<u8>>> {
        Store::get(self, tree, key).map_err(|error| StateError(error.to_string()))
    }

    fn insert(&self, tree: TreeName, key: &[u8], value: Vec<u8>) -> StateResult<()> {
        Store::insert(self, tree, key, &value).map_err(|error| StateError(error.to_string()))
    }

    fn remove(&self, tree: TreeName, key: &[u8]) -> StateResult<()> {
        Store::remove(self, tree, key).map_err(|error| StateError(error.to_string()))
    }

    fn scan_prefix(&self, tree: TreeName, prefix: &[u8]) -> StateResult<Vec<(Vec<u8>, Vec<u8>)>> {
        Store::scan_prefix(self, tree, prefix, usize::MAX)
            .map_err(|error| StateError(error.to_string()))
    }

    fn update(&self, tree: TreeName, key: &[u8], change: &mut Change<'_>) -> StateResult<()> {
        let _writing = self.writing();
        let failure = RefCell::new(None);
        // sled retries `change` until its compare-and-swap wins.
        self.tree(tree)
            .update_and_fetch(key, |current| {
                let opened = match current.map(|value| self.open_value(tree, key, value.to_vec())) {
                    Some(Ok(value)) => Some(value),
                    Some(Err(error)) => {
                        // Left as it is: the error is reported below.
                        failure.replace(Some(error));
                        return current.map(<[u8]>::to_vec);
                    }
                    None => None,
                };
                let changed = change(opened.as_deref())?;
                match self.seal_value(tree, key, &changed) {
                    Ok(sealed) => Some(sealed),
                    Err(error) => {
                        failure.replace(Some(error));
                        current.map(<[u8]>::to_vec)
                    }
                }
            })
            .map_err(|error| StateError(error.to_string()))?;
        if let Some(error) = failure.into_inner() {
            return Err(error.into());
        }
        self.refresh_directory(&tree.customer_of(key).into_iter().collect());
        Ok(())
    }

    fn directory(&self) -> StateResult<Directory> {
        self.load_directory()?;
        Ok(self.inner.directory.clone())
    }
}
