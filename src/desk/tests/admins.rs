//! Administrators' notifications: who hears of new threads, and how membership changes apply.

use super::*;

/// The administrators an output notifies.
fn notified_admins(output: &Output) -> Vec<UserId> {
    output
        .effects
        .iter()
        .filter_map(|e| match e {
            Effect::NotifyAdmin { admin, .. } => Some(*admin),
            _ => None,
        })
        .collect()
}

/// An administrator sends `/start` to the bot: from now on they can be notified.
pub(super) fn starts_the_bot(world: &mut World, admin: UserId, at: i32) {
    let start = IncomingMessage {
        author: Author::User {
            id: admin,
            first_name: "Admin".into(),
            last_name: None,
            username: None,
            language: None,
            is_bot: false,
        },
        ..message(admin.private_chat(), at, alice(), text("/start"))
    };
    world.handle(Event::CustomerMessage(start));
}

#[test]
fn administrators_are_notified_once_the_thread_exists_and_skipped_when_unreachable() {
    let mut world = World::new();
    world.handle(Event::AdminsRefreshed {
        admins: vec![
            (MARIA, "Maria".into()),
            (UserId(3001), "João".into()),
            (UserId(3002), "Lia".into()),
        ],
    });
    // Lia never started the bot: she is never tried.
    starts_the_bot(&mut world, MARIA, 1);
    starts_the_bot(&mut world, UserId(3001), 1);
    world.handle(Event::CustomerMessage(from_alice(
        1,
        text("/start instagram"),
    )));
    world.handle(Event::CardPosted {
        customer: ALICE,
        post: MessageId(10),
        root: None,
    });
    let rooted = world.handle(Event::CardForwarded {
        post: MessageId(10),
        root: MessageId(500),
    });
    assert_eq!(rooted.admin_notices_skipped, 1, "Lia, counted for /metrics");
    let notified: Vec<_> = rooted
        .effects
        .iter()
        .filter_map(|e| match e {
            Effect::NotifyAdmin {
                admin,
                notice: Notice::AdminTicketOpened { origin, .. },
            } => Some((*admin, origin.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        notified,
        vec![
            (MARIA, Some("instagram".into())),
            (UserId(3001), Some("instagram".into()))
        ]
    );
    let failed = Effect::NotifyAdmin {
        admin: UserId(3001),
        notice: Notice::TeamHelp,
    };
    world.handle(Event::DeliveryFailed {
        effect: failed,
        failure: Failure::NotStarted,
    });
    command(&mut world, 601, "/fim");
    let reopened = world.handle(Event::CustomerMessage(from_alice(2, text("again"))));
    assert_eq!(notified_admins(&reopened), [MARIA]);
}

#[test]
fn an_administrator_who_starts_the_bot_is_registered_for_notifications_without_a_ticket() {
    let mut world = World::new();
    world.handle(Event::AdminsRefreshed {
        admins: vec![(MARIA, "Maria".into())],
    });
    let start = IncomingMessage {
        author: Author::User {
            id: MARIA,
            first_name: "Maria".into(),
            last_name: None,
            username: None,
            language: None,
            is_bot: false,
        },
        ..message(MARIA.private_chat(), 1, alice(), text("/start"))
    };
    let output = world.handle(Event::CustomerMessage(start));
    assert!(matches!(
        &output.effects[..],
        [Effect::TellCustomer {
            notice: Notice::AdminNotificationsOn,
            ..
        }]
    ));
    assert!(world.state.customer(MARIA).unwrap().is_none());
    assert_eq!(
        world.state.admins().unwrap()[0].reach,
        crate::domain::AdminReach::Reachable
    );
}

/// The administrators notified when Alice's ticket opens.
fn notified_when_alice_opens(world: &mut World) -> Vec<UserId> {
    let output = world.handle(Event::CustomerMessage(from_alice(1, text("hello"))));
    let mut notified: Vec<UserId> = output
        .effects
        .iter()
        .chain(
            world
                .handle(Event::CardPosted {
                    customer: ALICE,
                    post: MessageId(10),
                    root: None,
                })
                .effects
                .iter(),
        )
        .chain(
            world
                .handle(Event::CardForwarded {
                    post: MessageId(10),
                    root: MessageId(500),
                })
                .effects
                .iter(),
        )
        .filter_map(|effect| match effect {
            Effect::NotifyAdmin { admin, .. } => Some(*admin),
            _ => None,
        })
        .collect();
    notified.sort();
    notified
}

#[test]
fn a_reported_membership_change_applies_to_notifications_at_once() {
    let mut world = World::new();
    let joao = UserId(3001);
    world.handle(Event::AdminsListed {
        admins: vec![(MARIA, "Maria".into())],
        asked_at: world.now,
    });
    world.later(1000);
    world.handle(Event::AdminChanged {
        user: MARIA,
        name: "Maria".into(),
        admin: false,
    });
    world.handle(Event::AdminChanged {
        user: joao,
        name: "João".into(),
        admin: true,
    });
    starts_the_bot(&mut world, MARIA, 1);
    starts_the_bot(&mut world, joao, 1);
    assert_eq!(notified_when_alice_opens(&mut world), vec![joao]);
}

#[test]
fn a_listing_older_than_a_reported_change_does_not_undo_it() {
    let mut world = World::new();
    let asked_at = world.now;
    world.later(1000);
    world.handle(Event::AdminChanged {
        user: MARIA,
        name: "Maria".into(),
        admin: false,
    });
    // The listing was asked for before Maria was demoted and arrives after.
    world.later(1000);
    world.handle(Event::AdminsListed {
        admins: vec![(MARIA, "Maria".into())],
        asked_at,
    });
    assert!(world.state.admins().unwrap().is_empty());
    // A listing asked for later is the truth again.
    world.handle(Event::AdminsListed {
        admins: vec![(UserId(3001), "João".into())],
        asked_at: world.now,
    });
    starts_the_bot(&mut world, UserId(3001), 1);
    assert_eq!(notified_when_alice_opens(&mut world), vec![UserId(3001)]);
}

#[test]
fn an_administrator_who_writes_to_the_bot_is_not_notified_of_their_own_ticket() {
    let mut world = World::new();
    world.handle(Event::AdminsRefreshed {
        admins: vec![(ALICE, "Alice".into()), (MARIA, "Maria".into())],
    });
    starts_the_bot(&mut world, MARIA, 1);
    world.handle(Event::CustomerMessage(from_alice(1, text("a question"))));
    let rooted = world.thread_arrives();
    assert_eq!(notified_admins(&rooted), [MARIA]);
}
