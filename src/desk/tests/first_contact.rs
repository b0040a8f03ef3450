//! A customer's first message: the card, its thread, the welcome, deep-link origins and keywords.

use super::*;

#[test]
fn a_first_message_posts_a_card_and_waits_for_the_thread() {
    let mut world = World::new();
    let output = world.handle(Event::CustomerMessage(from_alice(1, text("hello"))));
    assert!(
        matches!(&output.effects[..], [Effect::TellCustomer { notice: Notice::Welcome, .. }, Effect::PostCard { customer: ALICE, card }] if card.ticket == TicketNumber(1) && card.name == "Alice Silva")
    );
    assert!(matches!(
        &output.timers[..],
        [(
            _,
            Timer::ThreadOverdue {
                customer: ALICE,
                attempt: 1
            }
        )]
    ));
    assert_eq!(world.state.relay(ALICE).unwrap().waiting.len(), 1);
}

#[test]
fn two_messages_before_the_thread_never_post_two_cards_and_arrive_in_order() {
    let mut world = World::new();
    world.handle(Event::CustomerMessage(from_alice(1, text("one"))));
    let second = world.handle(Event::CustomerMessage(from_alice(2, text("two"))));
    assert!(second.effects.is_empty(), "{second:?}");
    let posted = world.handle(Event::CardPosted {
        customer: ALICE,
        post: MessageId(10),
        root: None,
    });
    assert_eq!(
        posted.effects,
        vec![Effect::OpenCard {
            customer: ALICE,
            post: MessageId(10),
            thread: None
        }]
    );
    let rooted = world.handle(Event::CardForwarded {
        post: MessageId(10),
        root: MessageId(500),
    });
    let copied: Vec<_> = rooted
        .effects
        .iter()
        .map(|effect| match effect {
            Effect::CopyToThread {
                message,
                root: MessageId(500),
                ..
            } => message.0,
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(copied, vec![1, 2]);
    assert!(world.state.relay(ALICE).unwrap().is_empty());
}

#[test]
fn a_thread_root_that_arrives_before_the_post_is_confirmed_is_kept() {
    let mut world = World::new();
    world.handle(Event::CustomerMessage(from_alice(1, text("one"))));
    let early = world.handle(Event::CardForwarded {
        post: MessageId(10),
        root: MessageId(500),
    });
    assert!(early.effects.is_empty());
    let posted = world.handle(Event::CardPosted {
        customer: ALICE,
        post: MessageId(10),
        root: None,
    });
    assert!(posted.effects.iter().any(|e| matches!(
        e,
        Effect::CopyToThread {
            message: MessageId(1),
            ..
        }
    )));
    assert_eq!(world.customer().card.root, Some(MessageId(500)));
}

#[test]
fn later_messages_go_straight_into_the_thread_with_their_reply_context() {
    let mut world = World::new();
    world.alice_with_thread();
    let reply = IncomingMessage {
        reply_to: Some(MessageId(1)),
        ..from_alice(2, text("about that"))
    };
    let output = world.handle(Event::CustomerMessage(reply));
    assert_eq!(
        output.effects,
        vec![Effect::CopyToThread {
            customer: ALICE,
            root: MessageId(500),
            message: MessageId(2),
            reply_to: Some(MessageId(1))
        }]
    );
}

#[test]
fn a_start_command_opens_the_ticket_with_its_origin_but_is_not_relayed() {
    let mut world = World::new();
    let output = world.handle(Event::CustomerMessage(from_alice(
        1,
        text("/start instagram_bio"),
    )));
    assert!(
        matches!(&output.effects[..], [Effect::TellCustomer { .. }, Effect::PostCard { card, .. }] if card.origins == ["instagram_bio"])
    );
    assert!(world.state.relay(ALICE).unwrap().waiting.is_empty());
}

#[test]
fn an_invalid_origin_is_ignored_silently() {
    let mut world = World::new();
    let output = world.handle(Event::CustomerMessage(from_alice(
        1,
        text("/start <script>"),
    )));
    assert!(
        matches!(&output.effects[..], [Effect::TellCustomer { .. }, Effect::PostCard { card, .. }] if card.origins.is_empty())
    );
}

#[test]
fn keywords_gate_new_tickets_but_not_open_ones() {
    let mut world = World::new();
    world.desk = Desk::new(DeskSettings {
        keywords: crate::domain::Keywords::parse(&["orçamento"]).unwrap(),
        ..settings()
    });
    assert!(
        world
            .handle(Event::CustomerMessage(from_alice(1, text("oi"))))
            .effects
            .is_empty()
    );
    assert!(
        world.state.customer(ALICE).unwrap().is_none(),
        "nothing is stored"
    );
    let activated = world.handle(Event::CustomerMessage(from_alice(2, text("um orcamento?"))));
    assert!(
        activated
            .effects
            .iter()
            .any(|e| matches!(e, Effect::PostCard { .. }))
    );
    assert_eq!(world.state.relay(ALICE).unwrap().waiting.len(), 1);
    world.handle(Event::CustomerMessage(from_alice(3, text("obrigado"))));
    assert_eq!(
        world.state.relay(ALICE).unwrap().waiting.len(),
        2,
        "an open ticket relays everything"
    );
}

#[test]
fn a_start_on_an_open_ticket_records_a_new_origin_and_never_welcomes_again() {
    let mut world = World::new();
    world.handle(Event::CustomerMessage(from_alice(1, text("/start promo1"))));
    world.thread_arrives();
    world.handle(Event::CustomerMessage(from_alice(2, text("hello"))));
    let back = world.handle(Event::CustomerMessage(from_alice(3, text("/start promo2"))));
    assert_eq!(back.effects.len(), 2, "{back:?}");
    assert!(back.effects.contains(&Effect::NoteInThread {
        customer: ALICE,
        root: MessageId(500),
        notice: Notice::CustomerCameBack {
            origin: "promo2".into()
        },
        reply_to: None,
    }));
    assert!(back.effects.iter().any(
        |e| matches!(e, Effect::EditCard { card, .. } if card.origins == ["promo1", "promo2"])
    ));
    // The same link again is noted, but the card already shows it.
    let again = world.handle(Event::CustomerMessage(from_alice(4, text("/start promo1"))));
    assert!(
        matches!(sole_notice(&again), Some(Notice::CustomerCameBack { .. })),
        "{again:?}"
    );
    let bare = world.handle(Event::CustomerMessage(from_alice(5, text("/start"))));
    assert!(bare.effects.is_empty(), "{bare:?}");
    assert_eq!(world.ticket(1).origin_names(), ["promo1", "promo2"]);
    assert!(world.state.relay(ALICE).unwrap().waiting.is_empty());

    world.desk = Desk::new(DeskSettings {
        send_still_here: true,
        ..settings()
    });
    let bare = world.handle(Event::CustomerMessage(from_alice(6, text("/start"))));
    assert_eq!(sole_notice(&bare), Some(&Notice::StillHere), "{bare:?}");
}
