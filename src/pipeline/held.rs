//! Updates that wait: a team-chat message whose author's membership cannot be checked right
//! now (the bot lost access to the team's chat, Telegram failing) is neither dropped nor
//! allowed to block the inbox. It moves, in the same transaction that takes it out of the
//! inbox, to the `held` tree, in a queue per thread; later messages of a waiting thread join
//! the queue behind it, so a thread's order never changes, while other threads and customers
//! go on. The processor releases the queues, oldest first, once checks work again.
//!
//! Keys are the queue (8 sortable bytes) followed by the entry's inbox key, so each queue
//! reads in the order the updates arrived. This module owns the `held` tree and nothing else.

use std::collections::BTreeSet;

use super::inbox::InboxItem;
use crate::desk::StateResult;
use crate::storage::codec;
use crate::storage::{Kv, StorageError, Store, TreeName, TxKv, keys};

/// A queue of waiting updates: the thread (forum topic or thread root) they belong to, or 0
/// for messages outside any thread.
pub type Queue = i64;

/// The queues that hold updates, kept in memory by the processor (and rebuilt from the tree
/// at start), so an update whose thread waits can join it without asking Telegram anything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Waiting {
    queues: BTreeSet<Queue>,
}

impl Waiting {
    /// The queues stored in the `held` tree.
    pub fn load(store: &Store) -> Result<Waiting, StorageError> {
        let mut queues = BTreeSet::new();
        for key in store.keys(TreeName::Held)? {
            if let Some(queue) = key.get(..8).and_then(keys::read_signed) {
                queues.insert(queue);
            }
        }
        Ok(Waiting { queues })
    }

    /// Whether updates of `queue` wait.
    pub fn contains(&self, queue: Queue) -> bool {
        self.queues.contains(&queue)
    }

    /// Whether nothing waits.
    pub fn is_empty(&self) -> bool {
        self.queues.is_empty()
    }

    /// How many threads wait.
    pub fn len(&self) -> usize {
        self.queues.len()
    }

    /// Notes that `queue` holds updates.
    pub fn insert(&mut self, queue: Queue) {
        self.queues.insert(queue);
    }

    /// Notes that `queue` is empty.
    pub fn remove(&mut self, queue: Queue) {
        self.queues.remove(&queue);
    }

    /// The queues, in order.
    pub fn queues(&self) -> Vec<Queue> {
        self.queues.iter().copied().collect()
    }
}

/// The `held` key of an update of `queue` that had `inbox_key` in the inbox.
pub fn key(queue: Queue, inbox_key: &[u8]) -> Vec<u8> {
    [keys::signed(queue).as_slice(), inbox_key].concat()
}

/// Stores an update at the end of its queue (within the transaction that removes it from the
/// inbox).
pub fn hold(kv: &TxKv<'_>, queue: Queue, inbox_key: &[u8], item: &InboxItem) -> StateResult<()> {
    kv.insert(TreeName::Held, &key(queue, inbox_key), codec::encode(item)?)
}

/// The first update of `queue`, with its `held` key.
pub fn head(store: &Store, queue: Queue) -> Result<Option<(Vec<u8>, InboxItem)>, StorageError> {
    let prefix = keys::signed(queue);
    loop {
        let Some((key, value)) = store
            .scan_prefix(TreeName::Held, &prefix, 1)?
            .into_iter()
            .next()
        else {
            return Ok(None);
        };
        match codec::decode(&value) {
            Ok(item) => return Ok(Some((key, item))),
            Err(error) => {
                // A record this build cannot read is set aside rather than blocking its thread.
                tracing::error!(%error, "unreadable waiting update moved aside");
                store.set_aside(TreeName::Held, &key, &value, "unreadable_held")?;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::Event;
    use crate::domain::UserId;

    fn item(customer: i64) -> InboxItem {
        InboxItem::Event(Box::new(Event::CustomerReachability {
            customer: UserId(customer),
            reachable: true,
        }))
    }

    #[test]
    fn queues_read_back_in_arrival_order_and_survive_a_reload() {
        let directory = tempfile::tempdir().unwrap();
        let store = Store::open(directory.path(), 1024 * 1024).unwrap();
        store
            .transaction(&[TreeName::Held], |kv| {
                hold(kv, 7, &keys::sequence(30), &item(3))?;
                hold(kv, 7, &keys::sequence(10), &item(1))?;
                hold(kv, 0, &keys::sequence(20), &item(2))
            })
            .unwrap();
        let waiting = Waiting::load(&store).unwrap();
        assert_eq!(waiting.queues(), [0, 7]);
        let (first, head_item) = head(&store, 7).unwrap().unwrap();
        assert_eq!(head_item, item(1));
        store.remove(TreeName::Held, &first).unwrap();
        assert_eq!(head(&store, 7).unwrap().unwrap().1, item(3));
        assert_eq!(head(&store, 5).unwrap(), None);
    }
}
