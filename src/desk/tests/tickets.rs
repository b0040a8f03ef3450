//! Tickets over time: closing, reopening, priorities, bans and automatic closing.

use super::*;

/// The automatic-close timer an output set.
fn autoclose_timer(output: &Output) -> Timer {
    output
        .timers
        .iter()
        .find(|(_, t)| matches!(t, Timer::AutoClose { .. }))
        .map(|(_, timer)| timer.clone())
        .expect("an automatic-close timer")
}

#[test]
fn closing_a_ticket_recolours_unpins_and_says_goodbye() {
    let mut world = World::new();
    world.alice_with_thread();
    let output = command(&mut world, 601, "/fim resolved by phone");
    assert!(output.effects.iter().any(|e| matches!(e, Effect::EditCard { card, .. } if matches!(card.status, crate::domain::TicketStatus::Closed { .. }) && card.marker == "⚪")));
    assert!(output.effects.contains(&Effect::CloseCard {
        customer: ALICE,
        post: MessageId(10),
        thread: Some(MessageId(500))
    }));
    assert!(output.effects.iter().any(|e| matches!(
        e,
        Effect::TellCustomer {
            notice: Notice::Goodbye,
            ..
        }
    )));
    assert_eq!(
        answers(&output),
        vec![&Notice::TicketClosed {
            number: TicketNumber(1),
            by: Some("Maria".into()),
            note: Some("resolved by phone".into())
        }]
    );
    let again = command(&mut world, 602, "/fim");
    assert_eq!(
        answers(&again),
        vec![&Notice::TicketAlreadyClosed {
            number: TicketNumber(1)
        }]
    );
}

#[test]
fn the_next_message_after_closing_opens_the_next_ticket_in_the_same_thread() {
    let mut world = World::new();
    world.alice_with_thread();
    world.handle(Event::AdminsRefreshed {
        admins: vec![(MARIA, "Maria".into())],
    });
    super::admins::starts_the_bot(&mut world, MARIA, 1);
    command(&mut world, 601, "/fim");
    let output = world.handle(Event::CustomerMessage(from_alice(5, text("me again"))));
    assert!(
        output
            .effects
            .iter()
            .any(|e| matches!(e, Effect::EditCard { card, .. } if card.ticket == TicketNumber(2)))
    );
    assert!(output.effects.contains(&Effect::OpenCard {
        customer: ALICE,
        post: MessageId(10),
        thread: Some(MessageId(500))
    }));
    assert!(output.effects.iter().any(|e| matches!(
        e,
        Effect::NoteInThread {
            notice: Notice::TicketOpened {
                number: TicketNumber(2),
                ..
            },
            ..
        }
    )));
    assert!(output.effects.iter().any(|e| matches!(
        e,
        Effect::TellCustomer {
            notice: Notice::WelcomeBack,
            ..
        }
    )));
    assert!(output.effects.iter().any(|e| matches!(
        e,
        Effect::NotifyAdmin {
            admin: MARIA,
            notice: Notice::AdminTicketOpened {
                number: TicketNumber(2),
                ..
            }
        }
    )));
    assert!(output.effects.iter().any(|e| matches!(
        e,
        Effect::CopyToThread {
            message: MessageId(5),
            root: MessageId(500),
            ..
        }
    )));
    assert_eq!(world.customer().card.root, Some(MessageId(500)));
}

#[test]
fn priorities_accept_levels_and_localised_names() {
    let mut world = World::new();
    world.desk = Desk::new(DeskSettings {
        priority_names: vec![
            ("baixa".into(), crate::domain::Priority(0)),
            ("urgente".into(), crate::domain::Priority(3)),
        ],
        ..settings()
    });
    world.alice_with_thread();
    let output = command(&mut world, 601, "/p Urgente");
    assert_eq!(
        answers(&output),
        vec![&Notice::PrioritySet {
            priority: crate::domain::Priority(3)
        }]
    );
    assert!(
        output
            .effects
            .iter()
            .any(|e| matches!(e, Effect::EditCard { card, .. } if card.marker == "🔴"))
    );
    assert_eq!(
        answers(&command(&mut world, 602, "/p 0")),
        vec![&Notice::PrioritySet {
            priority: crate::domain::Priority(0)
        }]
    );
    assert_eq!(
        answers(&command(&mut world, 603, "/p 7")),
        vec![&Notice::Usage {
            command: CommandName::Priority
        }]
    );
    assert_eq!(
        answers(&command(&mut world, 604, "/p")),
        vec![&Notice::Usage {
            command: CommandName::Priority
        }]
    );
}

#[test]
fn a_banned_customer_is_not_relayed_and_is_told_once() {
    let mut world = World::new();
    world.alice_with_thread();
    assert_eq!(
        answers(&command(&mut world, 601, "/ban spam")),
        vec![&Notice::CustomerBanned {
            reason: Some("spam".into())
        }]
    );
    let first = world.handle(Event::CustomerMessage(from_alice(2, text("buy now"))));
    assert!(
        !first
            .effects
            .iter()
            .any(|e| matches!(e, Effect::CopyToThread { .. }))
    );
    assert!(first.effects.iter().any(|e| matches!(
        e,
        Effect::TellCustomer {
            notice: Notice::YouAreBanned,
            ..
        }
    )));
    assert!(
        first
            .effects
            .iter()
            .any(|e| matches!(e, Effect::EditCard { card, .. } if card.muted == Some(1)))
    );
    let second = world.handle(Event::CustomerMessage(from_alice(3, text("buy now!!"))));
    assert!(
        !second
            .effects
            .iter()
            .any(|e| matches!(e, Effect::TellCustomer { .. }))
    );
    assert_eq!(
        answers(&command(&mut world, 602, "/unban")),
        vec![&Notice::CustomerUnbanned { muted: 2 }]
    );
    let after = world.handle(Event::CustomerMessage(from_alice(4, text("sorry"))));
    assert!(after.effects.iter().any(|e| matches!(
        e,
        Effect::CopyToThread {
            message: MessageId(4),
            ..
        }
    )));
}

#[test]
fn an_autoclose_timer_closes_only_an_untouched_ticket() {
    let mut world = World::autoclosing();
    let root = world.alice_with_thread();
    let answered = world.handle(Event::TeamMessage {
        message: in_thread(601, root, text("done?")),
        role: maria(),
    });
    let (_, timer) = answered
        .timers
        .iter()
        .find(|(_, t)| matches!(t, Timer::AutoClose { .. }))
        .cloned()
        .unwrap();
    // The customer answers: the timer is stale.
    world.later(1000);
    world.handle(Event::CustomerMessage(from_alice(2, text("not yet"))));
    world.later(60_000);
    assert!(world.handle(Event::Timer(timer.clone())).effects.is_empty());
    // The team answers again and nobody replies: the new timer closes the ticket.
    let answered = world.handle(Event::TeamMessage {
        message: in_thread(602, root, text("now?")),
        role: maria(),
    });
    let (_, timer) = answered
        .timers
        .iter()
        .find(|(_, t)| matches!(t, Timer::AutoClose { .. }))
        .cloned()
        .unwrap();
    world.later(60_000);
    let closed = world.handle(Event::Timer(timer));
    assert!(closed.effects.iter().any(|e| matches!(
        e,
        Effect::NoteInThread {
            notice: Notice::TicketClosed { by: None, .. },
            ..
        }
    )));
    assert!(
        !world
            .state
            .ticket(ALICE, TicketNumber(1))
            .unwrap()
            .unwrap()
            .is_open()
    );
}

#[test]
fn a_team_comment_after_closing_opens_the_next_ticket_without_greeting_or_notifying() {
    let mut world = World::new();
    let root = world.alice_with_thread();
    world.handle(Event::AdminsRefreshed {
        admins: vec![(UserId(3001), "João".into())],
    });
    command(&mut world, 601, "/fim");
    // Internal comments and commands open nothing.
    let internal = world.handle(Event::TeamMessage {
        message: in_thread(602, root, text("// she may write again")),
        role: maria(),
    });
    assert!(internal.effects.is_empty(), "{internal:?}");
    command(&mut world, 603, "/p 2");
    assert_eq!(world.customer().ticket, TicketNumber(1));

    let output = world.handle(Event::TeamMessage {
        message: in_thread(604, root, text("did it work?")),
        role: maria(),
    });
    assert!(
        output
            .effects
            .iter()
            .any(|e| matches!(e, Effect::EditCard { card, .. }
            if card.ticket == TicketNumber(2) && card.status == crate::domain::TicketStatus::Open)),
        "{output:?}"
    );
    assert!(output.effects.contains(&Effect::OpenCard {
        customer: ALICE,
        post: MessageId(10),
        thread: Some(root),
    }));
    let divider = Effect::NoteInThread {
        customer: ALICE,
        root,
        notice: Notice::TicketOpenedByTeam {
            number: TicketNumber(2),
            by: Some("Maria".into()),
        },
        reply_to: Some(MessageId(604)),
    };
    let copy = Effect::CopyToCustomer {
        customer: ALICE,
        message: MessageId(604),
        reply_to: Some(root),
    };
    let at = |effect: &Effect| output.effects.iter().position(|e| e == effect);
    assert!(at(&divider).unwrap() < at(&copy).unwrap(), "{output:?}");
    assert!(
        !output
            .effects
            .iter()
            .any(|e| matches!(e, Effect::TellCustomer { .. } | Effect::NotifyAdmin { .. })),
        "{output:?}"
    );
    assert!(
        output.timers.iter().any(
            |(_, t)| matches!(t, Timer::AutoClose { ticket, .. } if *ticket == TicketNumber(2))
        )
    );
    let ticket = world.state.ticket(ALICE, TicketNumber(2)).unwrap().unwrap();
    assert!(ticket.is_open() && ticket.awaiting_customer);
    assert_eq!(
        ticket.opened_by,
        crate::domain::OpenedBy::Team {
            name: Some("Maria".into())
        }
    );
    assert_eq!(world.state.open_tickets().unwrap(), 1);
}

#[test]
fn a_team_comment_to_an_unreachable_customer_after_closing_opens_nothing() {
    let mut world = World::new();
    let root = world.alice_with_thread();
    command(&mut world, 601, "/fim");
    world.handle(Event::CustomerReachability {
        customer: ALICE,
        reachable: false,
    });
    let output = world.handle(Event::TeamMessage {
        message: in_thread(602, root, text("hello?")),
        role: maria(),
    });
    assert!(
        matches!(sole_notice(&output), Some(Notice::NotDelivered { .. })),
        "{output:?}"
    );
    assert_eq!(world.customer().ticket, TicketNumber(1));
}

#[test]
fn a_ticket_opened_by_a_bare_start_closes_unless_someone_writes_and_without_an_end_message() {
    let mut world = World::autoclosing();
    let opened = world.handle(Event::CustomerMessage(from_alice(1, text("/start"))));
    let due = world.now.plus(Duration::from_secs(60));
    assert!(opened.timers.contains(&(due, autoclose_timer(&opened))));
    let timer = autoclose_timer(&opened);
    world.thread_arrives();
    world.later(60_000);
    let closed = world.handle(Event::Timer(timer));
    assert!(closed.effects.contains(&Effect::CloseCard {
        customer: ALICE,
        post: MessageId(10),
        thread: Some(MessageId(500)),
    }));
    assert!(
        !closed
            .effects
            .iter()
            .any(|e| matches!(e, Effect::TellCustomer { .. })),
        "no end message: {closed:?}"
    );
    assert!(!world.ticket(1).is_open());

    // Ticket #2 opens with /start too, but the customer writes: it stays open.
    let opened = world.handle(Event::CustomerMessage(from_alice(2, text("/start"))));
    world.handle(Event::CustomerMessage(from_alice(3, text("a question"))));
    world.later(60_000);
    let timer = autoclose_timer(&opened);
    assert!(world.handle(Event::Timer(timer)).effects.is_empty());
    assert!(world.ticket(2).is_open());
}
