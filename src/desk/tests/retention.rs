//! Retention: the pass prunes old closed tickets and idle customers, never anything open, and
//! sets the next pass.

use super::*;
use crate::domain::{Card, Customer};

const DAY: Duration = Duration::from_secs(86_400);

/// A world that keeps closed tickets for a day.
fn retaining() -> World {
    let mut world = World::new();
    world.desk = Desk::new(DeskSettings {
        retention: Some(DAY),
        autoclose_after: None,
        ..settings()
    });
    world
}

/// The pass, due now; the next pass it set.
fn pass(world: &mut World) -> Timestamp {
    let output = world.handle(Event::Timer(Timer::Retention { due: world.now }));
    let next: Vec<_> = output
        .timers
        .iter()
        .filter(|(_, timer)| matches!(timer, Timer::Retention { .. }))
        .collect();
    assert_eq!(next.len(), 1, "{output:?}");
    assert!(output.effects.is_empty(), "nothing is sent: {output:?}");
    next[0].0
}

#[test]
fn an_old_closed_ticket_goes_a_recent_one_stays_and_numbers_go_on() {
    let mut world = retaining();
    world.alice_with_thread();
    command(&mut world, 601, "/fim");
    world.later(DAY.as_millis() as u64);
    world.handle(Event::CustomerMessage(from_alice(2, text("again"))));
    command(&mut world, 602, "/fim");
    world.later(1_000);

    let next = pass(&mut world);
    assert_eq!(next, world.now.plus(DAY));
    assert!(
        world
            .state
            .ticket(ALICE, TicketNumber(1))
            .unwrap()
            .is_none()
    );
    assert!(
        world
            .state
            .ticket(ALICE, TicketNumber(2))
            .unwrap()
            .is_some()
    );
    assert_eq!(world.customer().ticket, TicketNumber(2));

    // Alice writes again: ticket 3, never a reused number.
    world.handle(Event::CustomerMessage(from_alice(3, text("one more"))));
    assert_eq!(world.customer().ticket, TicketNumber(3));
    assert!(world.ticket(3).is_open());
}

#[test]
fn a_customer_with_nothing_left_goes_and_starts_afresh() {
    let mut world = retaining();
    world.alice_with_thread();
    command(&mut world, 601, "/fim");
    world.later(DAY.as_millis() as u64);
    pass(&mut world);
    assert!(
        world.state.customer(ALICE).unwrap().is_some(),
        "a day, not more"
    );

    world.later(1);
    pass(&mut world);
    assert!(world.state.customer(ALICE).unwrap().is_none());
    assert!(
        world
            .state
            .ticket(ALICE, TicketNumber(1))
            .unwrap()
            .is_none()
    );
    assert!(
        world
            .state
            .customer_by_root(GROUP, MessageId(500))
            .unwrap()
            .is_none()
    );

    let output = world.handle(Event::CustomerMessage(from_alice(2, text("hello again"))));
    assert!(
        output
            .effects
            .iter()
            .any(|effect| matches!(effect, Effect::PostCard { .. })),
        "a new card: {output:?}"
    );
    assert_eq!(world.customer().ticket, TicketNumber(1));
}

#[test]
fn a_customer_with_an_open_ticket_is_never_touched() {
    let mut world = retaining();
    world.alice_with_thread();
    command(&mut world, 601, "/fim");
    world.later(1_000);
    world.handle(Event::CustomerMessage(from_alice(2, text("again"))));
    world.later(30 * DAY.as_millis() as u64);
    pass(&mut world);
    assert!(world.ticket(2).is_open());
    assert!(
        world
            .state
            .ticket(ALICE, TicketNumber(1))
            .unwrap()
            .is_some()
    );
    assert_eq!(world.state.open_tickets().unwrap(), 1);
}

#[test]
fn with_retention_off_the_pass_prunes_nothing_and_ends() {
    let mut world = World::new();
    world.desk = Desk::new(DeskSettings {
        autoclose_after: None,
        ..settings()
    });
    world.alice_with_thread();
    command(&mut world, 601, "/fim");
    world.later(400 * DAY.as_millis() as u64);
    let output = world.handle(Event::Timer(Timer::Retention { due: world.now }));
    assert!(output.timers.is_empty() && output.effects.is_empty());
    assert!(
        world
            .state
            .ticket(ALICE, TicketNumber(1))
            .unwrap()
            .is_some()
    );
}

#[test]
fn a_pass_with_many_customers_to_erase_goes_on_at_once_in_another_event() {
    let mut world = retaining();
    let count = super::super::retention::MAX_FORGOTTEN_PER_PASS as i64 + 5;
    for index in 0..count {
        let customer = Customer {
            id: UserId(10_000 + index),
            first_name: "Imported".into(),
            last_name: None,
            username: None,
            language: None,
            first_seen: world.now,
            card: Card::default(),
            ticket: TicketNumber(0),
            reachability: Reachability::Reachable,
            ban: None,
            tags: Vec::new(),
            fields: Default::default(),
        };
        world.state.save_customer(&customer).unwrap();
    }
    world.later(DAY.as_millis() as u64 + 1);
    assert_eq!(pass(&mut world), world.now, "more to do: at once");
    assert!(
        world
            .state
            .customer(UserId(10_000 + count - 1))
            .unwrap()
            .is_some()
    );
    assert_eq!(pass(&mut world), world.now.plus(DAY), "done: tomorrow");
    for index in 0..count {
        assert!(
            world
                .state
                .customer(UserId(10_000 + index))
                .unwrap()
                .is_none()
        );
    }
}
