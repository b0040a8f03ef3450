//! Erasure's side in the pipeline: what it queued for a customer (effects, timers) goes with
//! the rest of what is stored about them, and `threadesk forget` runs through the desk in one
//! transaction like any event.

use crate::desk::{Desk, Erasure, Event, StateResult};
use crate::domain::{Timestamp, UserId};
use crate::storage::{Kv, Ledger, StorageError, Store, TreeName};

use super::outbox::{self, Lane};
use super::processor::DESK_TREES;
use super::sender::LaneWaker;
use super::workspace::CurrentWorkspace;
use super::{clock, timers};

/// The trees erasing a customer scans (their keys are read before its transaction).
pub const SCANNED: [TreeName; 6] = [
    TreeName::Tickets,
    TreeName::Index,
    TreeName::Links,
    TreeName::Outbox,
    TreeName::Timers,
    TreeName::Deliveries,
];

/// What `threadesk forget` needs from a running bot: its desk, the workspace in use, and the
/// sender's lanes to wake for the effects.
#[derive(Clone)]
pub struct Forgetter {
    /// The desk's rules.
    pub desk: Desk,
    /// The workspace in use.
    pub workspace: CurrentWorkspace,
    /// Wakes the lanes that got effects.
    pub lanes: LaneWaker,
}

impl Forgetter {
    /// Erases a customer now, makes it durable and sends the effects on their way.
    pub fn forget(&self, store: &Store, customer: UserId) -> Result<Option<Erasure>, StorageError> {
        let desk = self.desk.in_workspace(self.workspace.get());
        let (erasure, lanes) = forget_now(store, &desk, customer, clock::now())?;
        store.flush_now()?;
        self.lanes.wake(lanes);
        Ok(erasure)
    }
}

/// What erasing a customer removed, in a line for the command line.
pub fn summary(customer: UserId, erasure: &Erasure) -> String {
    format!(
        "customer {customer} forgotten: their record, {} ticket(s) with their statistics and {} \
         rating(s), {} tag(s), {} field(s), {} message link(s), {} card and thread reference(s), \
         {} timer(s), {} queued effect(s), {} broadcast record(s) removed; the thread's messages \
         stay in Telegram",
        erasure.tickets,
        erasure.ratings,
        erasure.tags,
        erasure.fields,
        erasure.links,
        erasure.threads,
        erasure.timers,
        erasure.queued + u32::from(erasure.buffered),
        erasure.deliveries + u32::from(erasure.opted_out),
    )
}

/// Removes the effects queued for a customer or about them, and their timers; returns how
/// many of each. The hook the desk's state erases a customer's pending work with.
pub fn forget_pending<K: Kv>(kv: &K, customer: UserId) -> StateResult<(u32, u32)> {
    Ok((outbox::forget(kv, customer)?, timers::forget(kv, customer)?))
}

/// Erases a customer as `threadesk forget` asks: the desk's event in one transaction, its
/// effects (the card drawn as erased, a note in the thread) queued. Returns what was removed
/// (`None`: no such customer) and the lanes to wake.
pub fn forget_now(
    store: &Store,
    desk: &Desk,
    customer: UserId,
    now: Timestamp,
) -> Result<(Option<Erasure>, Vec<Lane>), StorageError> {
    let workspace = desk.settings().workspace;
    store.transaction_scanning(&DESK_TREES, &SCANNED, |kv| {
        let mut ledger = Ledger::new(kv).erasing_pending(forget_pending);
        let output = desk.handle(&mut ledger, Event::ForgetCustomer { customer }, now)?;
        let mut lanes = Vec::new();
        for effect in output.effects {
            lanes.push(outbox::enqueue(kv, effect, now, workspace)?);
        }
        Ok((output.forgotten, lanes))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::{DeskState, Effect, Timer};
    use crate::domain::{
        BroadcastId, Card, ChatId, Customer, MessageId, OpenedBy, Reachability, Ticket,
        TicketNumber,
    };
    use crate::storage::broadcasts::{self, Delivery};
    use crate::storage::{codec, keys, write_link};

    const ANA: UserId = UserId(4242);
    const BIA: UserId = UserId(4243);
    const GROUP: ChatId = ChatId(-1002);

    fn customer(id: UserId) -> Customer {
        Customer {
            id,
            first_name: "Someone".into(),
            last_name: None,
            username: None,
            language: None,
            first_seen: Timestamp(0),
            card: Card::default(),
            ticket: TicketNumber(1),
            reachability: Reachability::Reachable,
            ban: None,
            tags: vec!["vip".into()],
            fields: [("plan".to_owned(), "pro".to_owned())].into(),
        }
    }

    /// Everything a customer can have stored, in every tree that keys or names them.
    fn store_everything(kv: &crate::storage::TxKv<'_>, id: UserId, offset: i32) -> StateResult<()> {
        let mut ledger = Ledger::new(kv);
        ledger.save_customer(&customer(id))?;
        let ticket = Ticket::open(id, TicketNumber(1), Timestamp(0), None, OpenedBy::Customer);
        ledger.save_ticket(&ticket)?;
        ledger.count_open_tickets(1)?;
        kv.insert(TreeName::Relay, &keys::customer(id), vec![1, 2, 3])?;
        ledger.save_root(GROUP, MessageId(100 + offset), id)?;
        ledger.save_post(ChatId(-1001), MessageId(200 + offset), id)?;
        // Both customers' thread messages share a team-chat bucket.
        write_link(kv, id, MessageId(5), (GROUP, MessageId(10 + offset)))?;
        ledger.save_opt_out(id, Some(Timestamp(1)))?;
        kv.insert(
            TreeName::Deliveries,
            &broadcasts::delivery_key(BroadcastId(1), id),
            codec::encode(&Delivery::InFlight)?,
        )?;
        kv.insert(
            TreeName::Deliveries,
            &broadcasts::copy_key(id, MessageId(6)),
            BroadcastId(1).0.to_be_bytes().to_vec(),
        )?;
        let effect = Effect::CloseCard {
            customer: id,
            post: MessageId(200 + offset),
            thread: None,
        };
        outbox::enqueue(
            kv,
            effect,
            Timestamp(0),
            crate::domain::Workspace::Forum { forum: GROUP },
        )?;
        timers::schedule(
            kv,
            Timestamp(9),
            Timer::ThreadOverdue {
                customer: id,
                attempt: 1,
            },
        )?;
        Ok(())
    }

    #[test]
    fn forgetting_a_customer_empties_every_tree_of_them_and_only_of_them() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), 1 << 20).unwrap();
        store
            .transaction(&DESK_TREES, |kv| {
                store_everything(kv, ANA, 0)?;
                store_everything(kv, BIA, 1)
            })
            .unwrap();

        let erasure = store
            .transaction_scanning(&DESK_TREES, &SCANNED, |kv| {
                Ledger::new(kv)
                    .erasing_pending(forget_pending)
                    .forget_customer(ANA)
            })
            .unwrap()
            .expect("Ana was stored");
        assert_eq!(
            (
                erasure.tickets,
                erasure.open_tickets,
                erasure.tags,
                erasure.fields
            ),
            (1, 1, 1, 1)
        );
        assert_eq!((erasure.links, erasure.threads), (1, 2));
        assert_eq!((erasure.queued, erasure.timers), (1, 1));
        assert_eq!(erasure.deliveries, 2);
        assert!(erasure.opted_out && erasure.buffered);

        let ledger = Ledger::new(&store);
        assert!(ledger.customer(ANA).unwrap().is_none());
        assert!(ledger.ticket(ANA, TicketNumber(1)).unwrap().is_none());
        assert!(ledger.relay(ANA).unwrap().is_empty());
        assert!(
            ledger
                .customer_by_root(GROUP, MessageId(100))
                .unwrap()
                .is_none()
        );
        assert!(
            ledger
                .customer_by_post(ChatId(-1001), MessageId(200))
                .unwrap()
                .is_none()
        );
        assert!(ledger.team_side(ANA, MessageId(5)).unwrap().is_none());
        assert!(
            ledger
                .customer_side(GROUP, MessageId(10))
                .unwrap()
                .is_none()
        );
        assert!(ledger.opted_out(ANA).unwrap().is_none());
        assert!(
            ledger
                .broadcast_of_copy(ANA, MessageId(6))
                .unwrap()
                .is_none()
        );
        assert_eq!(ledger.open_tickets().unwrap(), 1);
        // No key names Ana any more (the outbox's and the timers' included); Bia keeps
        // everything.
        let ana = keys::signed(ANA.0);
        for tree in TreeName::ALL {
            for entry in store.iter(tree) {
                let (key, _) = entry.unwrap();
                assert!(
                    !key.windows(8).any(|w| w == ana),
                    "{} names Ana",
                    tree.as_str()
                );
            }
        }
        assert_eq!(store.len(TreeName::Outbox), 1);
        assert_eq!(store.len(TreeName::Timers), 1);
        assert!(ledger.customer(BIA).unwrap().is_some());
        assert_eq!(
            ledger.customer_side(GROUP, MessageId(11)).unwrap(),
            Some((BIA, MessageId(5)))
        );
        assert_eq!(
            ledger.team_side(BIA, MessageId(5)).unwrap(),
            Some((GROUP, MessageId(11)))
        );
        assert!(ledger.opted_out(BIA).unwrap().is_some());
        assert_eq!(
            ledger.broadcast_of_copy(BIA, MessageId(6)).unwrap(),
            Some(BroadcastId(1))
        );
    }
}
