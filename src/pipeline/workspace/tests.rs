//! Opening a data directory for a workspace, upgrading one of version 1, and outcomes of
//! another workspace.

use super::*;
use crate::domain::{ChatId, MessageId, UserId};

const OLD: Workspace = Workspace::Channel {
    channel: ChatId(-1001),
    group: ChatId(-1002),
};
const NEW: Workspace = Workspace::Forum {
    forum: ChatId(-1003),
};

fn store() -> (tempfile::TempDir, Store) {
    let directory = tempfile::tempdir().unwrap();
    let store = Store::open(directory.path(), 1024 * 1024).unwrap();
    (directory, store)
}

#[test]
fn another_workspace_is_refused_unless_the_move_is_asked_for() {
    let (_directory, store) = store();
    assert_eq!(open(&store, OLD, false).unwrap(), Opening::Fresh);
    assert_eq!(open(&store, OLD, false).unwrap(), Opening::Same);
    let error = open(&store, NEW, false).unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("channel -1001 with discussion group -1002"),
        "{message}"
    );
    assert!(message.contains("forum -1003"), "{message}");
    assert!(message.contains("--new-workspace"), "{message}");
    assert_eq!(recorded(&store).unwrap(), Some(OLD));
    assert_eq!(
        open(&store, NEW, true).unwrap(),
        Opening::Moved {
            previous: Some(OLD)
        }
    );
    assert_eq!(recorded(&store).unwrap(), Some(NEW));
}

/// Records exactly as version 1 (3bc8a93) wrote them, printed by that version's own code:
/// customer 100000005 whose card is post 2 with thread root 3; links private 3 <-> team 7
/// and private 4 <-> team 70; a queued copy of team message 70 replying to team message 7.
mod written_by_version_1 {
    pub const CUSTOMER: &[u8] = &[
        1, 252, 10, 194, 235, 11, 3, 65, 110, 97, 1, 4, 76, 105, 109, 97, 1, 3, 97, 110, 97, 1, 5,
        112, 116, 45, 98, 114, 253, 0, 208, 202, 159, 23, 3, 0, 0, 1, 4, 1, 6, 1, 0, 0, 2, 0, 0,
    ];
    pub const ROOT_KEY: &[u8] = &[114, 128, 0, 0, 3];
    pub const POST_KEY: &[u8] = &[112, 128, 0, 0, 2];
    pub const LINKS: [(&[u8], &[u8]); 3] = [
        (
            &[67, 128, 0, 0, 0, 5, 245, 225, 5, 128, 0, 0, 0],
            &[1, 3, 0, 0, 0, 7, 4, 0, 0, 0, 70],
        ),
        (
            &[84, 128, 0, 0, 0],
            &[1, 7, 128, 0, 0, 0, 5, 245, 225, 5, 0, 0, 0, 3],
        ),
        (
            &[84, 128, 0, 0, 1],
            &[1, 6, 128, 0, 0, 0, 5, 245, 225, 5, 0, 0, 0, 4],
        ),
    ];
    pub const OUTBOX: &[u8] = &[
        1, 8, 252, 10, 194, 235, 11, 140, 1, 14, 253, 232, 211, 202, 159, 23, 3, 0, 0,
    ];
}

#[test]
fn a_data_directory_of_version_1_is_adopted_by_the_workspace_it_was_used_with() {
    use crate::desk::DeskState as _;
    use crate::storage::{Ledger, keys};
    use written_by_version_1 as v1;

    let (_directory, store) = store();
    let ana = UserId(100_000_005);
    let customer_ref = keys::signed(ana.0);
    store
        .insert(TreeName::Customers, &keys::customer(ana), v1::CUSTOMER)
        .unwrap();
    store
        .insert(TreeName::Index, v1::ROOT_KEY, &customer_ref)
        .unwrap();
    store
        .insert(TreeName::Index, v1::POST_KEY, &customer_ref)
        .unwrap();
    for (key, value) in v1::LINKS {
        store.insert(TreeName::Links, key, value).unwrap();
    }
    let lane_key = [0u8; 25];
    store
        .insert(TreeName::Outbox, &lane_key, v1::OUTBOX)
        .unwrap();

    let Opening::Adopted(adopted) = open(&store, OLD, false).unwrap() else {
        panic!("the data directory is adopted");
    };
    assert_eq!(
        adopted,
        Adopted {
            cards: 1,
            index: 2,
            links: 3
        }
    );
    assert_eq!(recorded(&store).unwrap(), Some(OLD));
    assert!(!upgrade::has_legacy_references(&store).unwrap());

    let ledger = Ledger::new(&store);
    let customer = ledger.customer(ana).unwrap().unwrap();
    assert_eq!(customer.full_name(), "Ana Lima");
    assert_eq!(customer.card.workspace, Some(OLD));
    assert_eq!(customer.card.post, Some(MessageId(2)));
    assert_eq!(customer.card.root, Some(MessageId(3)));
    let (channel, group) = (OLD.card_chat(), OLD.thread_chat());
    assert_eq!(
        ledger.customer_by_root(group, MessageId(3)).unwrap(),
        Some(ana)
    );
    assert_eq!(
        ledger.customer_by_post(channel, MessageId(2)).unwrap(),
        Some(ana)
    );
    assert_eq!(
        ledger.team_side(ana, MessageId(3)).unwrap(),
        Some((group, MessageId(7)))
    );
    assert_eq!(
        ledger.customer_side(group, MessageId(70)).unwrap(),
        Some((ana, MessageId(4)))
    );
    // Nothing resolves in another chat.
    assert_eq!(
        ledger
            .customer_side(NEW.thread_chat(), MessageId(70))
            .unwrap(),
        None
    );
    assert_eq!(
        ledger
            .customer_by_root(NEW.thread_chat(), MessageId(3))
            .unwrap(),
        None
    );

    let queued: OutboxItem =
        codec::decode(&store.get(TreeName::Outbox, &lane_key).unwrap().unwrap()).unwrap();
    assert_eq!(queued.workspace, Some(OLD));
    assert_eq!(
        queued.effect,
        Effect::CopyToCustomer {
            customer: ana,
            message: MessageId(70),
            reply_to: Some(MessageId(7)),
        }
    );
    // The next start is an ordinary one.
    assert_eq!(open(&store, OLD, false).unwrap(), Opening::Same);
}

#[test]
fn a_data_directory_of_version_1_told_to_move_resolves_none_of_its_old_references() {
    use crate::desk::DeskState as _;
    use crate::storage::{Ledger, keys};
    use written_by_version_1 as v1;

    let (_directory, store) = store();
    let ana = UserId(100_000_005);
    store
        .insert(TreeName::Customers, &keys::customer(ana), v1::CUSTOMER)
        .unwrap();
    store
        .insert(TreeName::Index, v1::ROOT_KEY, &keys::signed(ana.0))
        .unwrap();
    assert_eq!(
        open(&store, NEW, true).unwrap(),
        Opening::Moved { previous: None }
    );
    let ledger = Ledger::new(&store);
    let card = ledger.customer(ana).unwrap().unwrap().card;
    assert!(
        !card.is_in(NEW),
        "the old card is not used in the new workspace"
    );
    assert_eq!(
        ledger
            .customer_by_root(NEW.thread_chat(), MessageId(3))
            .unwrap(),
        None
    );
}

#[test]
fn a_channel_linked_to_another_group_is_accepted() {
    let (_directory, store) = store();
    open(&store, OLD, false).unwrap();
    let relinked = Workspace::Channel {
        channel: ChatId(-1001),
        group: ChatId(-1009),
    };
    assert_eq!(
        open(&store, relinked, false).unwrap(),
        Opening::Relinked { previous: OLD }
    );
    assert_eq!(recorded(&store).unwrap(), Some(relinked));
}

#[test]
fn outcomes_of_another_workspace_keep_only_what_is_true_here() {
    let customer = UserId(7);
    let posted = Event::CardPosted {
        customer,
        post: MessageId(3),
        root: None,
    };
    assert_eq!(
        outcome_for_desk(posted.clone(), Some(NEW), NEW),
        Some(posted.clone())
    );
    assert_eq!(outcome_for_desk(posted, Some(OLD), NEW), None);
    let copy = Effect::CopyToThread {
        customer,
        root: MessageId(3),
        message: MessageId(9),
        reply_to: None,
    };
    assert_eq!(
        outcome_for_desk(
            Event::DeliveryFailed {
                effect: copy.clone(),
                failure: Failure::Rejected("chat not found".into()),
            },
            Some(OLD),
            NEW
        ),
        Some(Event::DeliveryFailed {
            effect: copy,
            failure: Failure::WorkspaceChanged
        })
    );
    let reply = Effect::CopyToCustomer {
        customer,
        message: MessageId(4),
        reply_to: None,
    };
    assert_eq!(
        outcome_for_desk(
            Event::DeliveryFailed {
                effect: reply.clone(),
                failure: Failure::BlockedByUser,
            },
            None,
            NEW
        ),
        Some(Event::CustomerReachability {
            customer,
            reachable: false
        })
    );
    assert_eq!(
        outcome_for_desk(
            Event::DeliveryFailed {
                effect: reply,
                failure: Failure::Rejected("message to copy not found".into()),
            },
            Some(OLD),
            NEW
        ),
        None
    );
}
