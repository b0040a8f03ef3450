//! Effects that failed for good: blocked customers, missing or deleted threads, refused texts.

use super::*;

#[test]
fn a_blocked_customer_is_flagged_and_the_thread_says_so() {
    let mut world = World::new();
    world.alice_with_thread();
    let failed = Effect::CopyToCustomer {
        customer: ALICE,
        message: MessageId(601),
        reply_to: None,
    };
    let output = world.handle(Event::DeliveryFailed {
        effect: failed,
        failure: Failure::BlockedByUser,
    });
    assert_eq!(world.customer().reachability, Reachability::BlockedBot);
    assert!(
        output
            .effects
            .iter()
            .any(|e| matches!(e, Effect::EditCard { .. }))
    );
    assert!(output.effects.iter().any(|e| matches!(
        e,
        Effect::NoteInThread {
            notice: Notice::NotDelivered {
                failure: Failure::BlockedByUser
            },
            reply_to: Some(MessageId(601)),
            ..
        }
    )));
    // Later team messages are not attempted; the thread says why.
    let later = world.handle(Event::TeamMessage {
        message: in_thread(602, MessageId(500), text("hello?")),
        role: maria(),
    });
    assert!(matches!(
        &later.effects[..],
        [
            Effect::NoteInThread {
                notice: Notice::NotDelivered { .. },
                ..
            },
            Effect::EditCard { .. }
        ]
    ));
}

#[test]
fn a_missing_thread_warns_the_team_and_reposts_the_card() {
    let mut world = World::new();
    world.handle(Event::CustomerMessage(from_alice(1, text("hi"))));
    world.handle(Event::CardPosted {
        customer: ALICE,
        post: MessageId(10),
        root: None,
    });
    let output = world.handle(Event::Timer(Timer::ThreadOverdue {
        customer: ALICE,
        attempt: 1,
    }));
    assert!(matches!(
        &output.effects[0],
        Effect::NoteInTeamChat {
            notice: Notice::ThreadMissing { waiting: 1, .. }
        }
    ));
    assert!(output.effects.contains(&Effect::DeleteCard {
        customer: ALICE,
        post: MessageId(10)
    }));
    assert!(
        output
            .effects
            .iter()
            .any(|e| matches!(e, Effect::PostCard { .. }))
    );
    assert!(matches!(
        &output.timers[..],
        [(_, Timer::ThreadOverdue { attempt: 2, .. })]
    ));
    // The old post's late copy is ignored; the new post's copy releases the waiting message.
    assert!(
        world
            .handle(Event::CardForwarded {
                post: MessageId(10),
                root: MessageId(500)
            })
            .effects
            .is_empty()
    );
    world.handle(Event::CardPosted {
        customer: ALICE,
        post: MessageId(11),
        root: None,
    });
    let rooted = world.handle(Event::CardForwarded {
        post: MessageId(11),
        root: MessageId(501),
    });
    assert!(matches!(
        &rooted.effects[..],
        [Effect::CopyToThread {
            root: MessageId(501),
            message: MessageId(1),
            ..
        }]
    ));
}

#[test]
fn a_deleted_thread_requeues_lost_messages_in_order_and_posts_a_new_card() {
    let mut world = World::new();
    world.alice_with_thread();
    // Two copies were queued before the thread was deleted; they fail in order, a new message
    // arrives between the two failures.
    let lost = |id: i32| Effect::CopyToThread {
        customer: ALICE,
        root: MessageId(500),
        message: MessageId(id),
        reply_to: None,
    };
    let first = world.handle(Event::DeliveryFailed {
        effect: lost(2),
        failure: Failure::ThreadGone,
    });
    assert!(
        first
            .effects
            .iter()
            .any(|e| matches!(e, Effect::PostCard { .. }))
    );
    world.handle(Event::CustomerMessage(from_alice(4, text("four"))));
    let second = world.handle(Event::DeliveryFailed {
        effect: lost(3),
        failure: Failure::ThreadGone,
    });
    assert!(
        !second
            .effects
            .iter()
            .any(|e| matches!(e, Effect::PostCard { .. })),
        "one new card only"
    );
    let waiting: Vec<i32> = world
        .state
        .relay(ALICE)
        .unwrap()
        .waiting
        .iter()
        .map(|w| w.message.0)
        .collect();
    assert_eq!(waiting, vec![2, 3, 4]);
    world.handle(Event::CardPosted {
        customer: ALICE,
        post: MessageId(11),
        root: None,
    });
    let rooted = world.handle(Event::CardForwarded {
        post: MessageId(11),
        root: MessageId(700),
    });
    assert!(matches!(
        &rooted.effects[0],
        Effect::NoteInThread {
            notice: Notice::ThreadRecreated,
            root: MessageId(700),
            ..
        }
    ));
    let copied: Vec<i32> = rooted
        .effects
        .iter()
        .filter_map(|e| match e {
            Effect::CopyToThread { message, .. } => Some(message.0),
            _ => None,
        })
        .collect();
    assert_eq!(copied, vec![2, 3, 4]);
}

#[test]
fn a_refused_answer_is_sent_again_as_plain_text_once() {
    let mut world = World::new();
    world.alice_with_thread();
    let refused = |notice: Notice| Effect::AnswerTeam {
        customer: Some(ALICE),
        thread: Some(MessageId(500)),
        to: MessageId(700),
        notice,
    };
    let failure = Failure::Rejected("can't parse entities".into());
    let list = Notice::CannedList {
        entries: vec![("Pix".into(), "key".into())],
    };
    let output = world.handle(Event::DeliveryFailed {
        effect: refused(list.clone()),
        failure: failure.clone(),
    });
    let fallback = Notice::Unformatted {
        original: Box::new(list),
        failure: failure.clone(),
    };
    assert_eq!(output.effects, vec![refused(fallback.clone())]);
    // The fallback failing too is only logged: nothing loops.
    let output = world.handle(Event::DeliveryFailed {
        effect: refused(fallback),
        failure,
    });
    assert!(output.effects.is_empty(), "{:?}", output.effects);
}

#[test]
fn refused_notes_are_sent_again_as_plain_text() {
    let mut world = World::new();
    world.alice_with_thread();
    let failure = Failure::Rejected("message is too long".into());
    let note = Effect::NoteInThread {
        customer: ALICE,
        root: MessageId(500),
        notice: Notice::CustomerBlockedBot,
        reply_to: Some(MessageId(3)),
    };
    let output = world.handle(Event::DeliveryFailed {
        effect: note,
        failure: failure.clone(),
    });
    assert!(matches!(
        &output.effects[..],
        [Effect::NoteInThread {
            notice: Notice::Unformatted { .. },
            reply_to: Some(MessageId(3)),
            ..
        }]
    ));
    let output = world.handle(Event::DeliveryFailed {
        effect: Effect::NoteInTeamChat {
            notice: Notice::TeamHelp,
        },
        failure,
    });
    assert!(matches!(
        &output.effects[..],
        [Effect::NoteInTeamChat {
            notice: Notice::Unformatted { .. }
        }]
    ));
}

#[test]
fn an_answer_whose_topic_is_gone_is_given_in_the_general_topic() {
    let mut world = World::new();
    world.alice_with_thread();
    let answer = |thread| Effect::AnswerTeam {
        customer: Some(ALICE),
        thread,
        to: MessageId(700),
        notice: Notice::TeamHelp,
    };
    let output = world.handle(Event::DeliveryFailed {
        effect: answer(Some(MessageId(500))),
        failure: Failure::ThreadGone,
    });
    assert_eq!(output.effects, vec![answer(None)]);
}
