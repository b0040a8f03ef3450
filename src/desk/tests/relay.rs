//! Messages relayed both ways: albums, reply context, what never reaches the customer, edits,
//! reply-only and the white list.

use super::*;

#[test]
fn album_items_are_collected_and_sent_together_when_no_more_arrive() {
    let mut world = World::new();
    world.alice_with_thread();
    let item = |id, file| IncomingMessage {
        media_group: Some("g1".into()),
        ..from_alice(id, photo(file))
    };
    let first = world.handle(Event::CustomerMessage(item(2, "a")));
    assert!(first.effects.is_empty());
    assert_eq!(first.timers.len(), 1);
    world.later(300);
    assert!(
        world
            .handle(Event::CustomerMessage(item(3, "b")))
            .effects
            .is_empty()
    );
    world.later(800);
    // The first timer fires while the album is still growing: it is set again.
    let early = world.handle(Event::Timer(Timer::CustomerAlbum {
        customer: ALICE,
        group: "g1".into(),
    }));
    assert!(early.effects.is_empty());
    assert_eq!(early.timers.len(), 1);
    world.later(300);
    let due = world.handle(Event::Timer(Timer::CustomerAlbum {
        customer: ALICE,
        group: "g1".into(),
    }));
    assert!(matches!(&due.effects[..], [Effect::AlbumToThread { items, .. }] if items.len() == 2));
}

#[test]
fn a_message_after_an_album_sends_the_album_first() {
    let mut world = World::new();
    world.alice_with_thread();
    for (id, file) in [(2, "a"), (3, "b")] {
        world.handle(Event::CustomerMessage(IncomingMessage {
            media_group: Some("g1".into()),
            ..from_alice(id, photo(file))
        }));
    }
    let output = world.handle(Event::CustomerMessage(from_alice(
        4,
        text("did you get them?"),
    )));
    assert!(matches!(
        &output.effects[..],
        [
            Effect::AlbumToThread { .. },
            Effect::CopyToThread {
                message: MessageId(4),
                ..
            }
        ]
    ));
}

#[test]
fn uncopyable_messages_become_a_note_in_the_thread() {
    let mut world = World::new();
    world.alice_with_thread();
    let output = world.handle(Event::CustomerMessage(from_alice(
        2,
        Content::Uncopyable(UncopyableKind::QuizPoll),
    )));
    assert!(matches!(
        &output.effects[..],
        [Effect::NoteInThread {
            notice: Notice::CustomerSentUncopyable {
                kind: UncopyableKind::QuizPoll
            },
            ..
        }]
    ));
}

#[test]
fn team_comments_reach_the_customer_keeping_reply_context() {
    let mut world = World::new();
    let root = world.alice_with_thread();
    let comment = IncomingMessage {
        reply_to: Some(MessageId(600)),
        ..in_thread(601, root, text("hello Alice"))
    };
    let output = world.handle(Event::TeamMessage {
        message: comment,
        role: maria(),
    });
    assert_eq!(
        output.effects[0],
        Effect::CopyToCustomer {
            customer: ALICE,
            message: MessageId(601),
            reply_to: Some(MessageId(600))
        }
    );
    // The team's first reply moves the ticket from new to waiting for the customer.
    assert!(matches!(
        &output.effects[1..],
        [Effect::EditCard { card, .. }] if card.stage == TicketStage::WaitingForCustomer
    ));
}

#[test]
fn outsiders_commands_and_internal_comments_never_reach_the_customer() {
    let mut world = World::new();
    let root = world.alice_with_thread();
    let outsider = world.handle(Event::TeamMessage {
        message: in_thread(601, root, text("spam")),
        role: Role::Outsider,
    });
    assert!(outsider.effects.is_empty());
    let command = world.handle(Event::TeamMessage {
        message: in_thread(602, root, text("/whatever")),
        role: maria(),
    });
    assert!(matches!(
        &command.effects[..],
        [Effect::AnswerTeam {
            notice: Notice::UnknownCommand { .. },
            ..
        }]
    ));
    for internal in ["// note to self", "/ note to self"] {
        let output = world.handle(Event::TeamMessage {
            message: in_thread(603, root, text(internal)),
            role: maria(),
        });
        assert!(output.effects.is_empty(), "{internal}");
    }
}

#[test]
fn anonymous_admins_follow_the_setting() {
    let mut world = World::new();
    let root = world.alice_with_thread();
    let anonymous = Role::AnonymousAdmin {
        signature: Some("Boss".into()),
    };
    let relayed = world.handle(Event::TeamMessage {
        message: in_thread(601, root, text("hi")),
        role: anonymous.clone(),
    });
    // The copy to the customer, and the card's new stage.
    assert_eq!(relayed.effects.len(), 2);
    world.desk = Desk::new(DeskSettings {
        anonymous_admins: AnonymousAdmins::Ignore,
        ..settings()
    });
    let ignored = world.handle(Event::TeamMessage {
        message: in_thread(602, root, text("hi")),
        role: anonymous,
    });
    assert!(ignored.effects.is_empty());
}

#[test]
fn customer_edits_follow_to_the_thread_copy_unless_still_waiting() {
    let mut world = World::new();
    world.handle(Event::CustomerMessage(from_alice(1, text("helo"))));
    let waiting = world.handle(Event::CustomerEdited(from_alice(1, text("hello"))));
    assert!(waiting.effects.is_empty());
    world.handle(Event::CardPosted {
        customer: ALICE,
        post: MessageId(10),
        root: None,
    });
    world.handle(Event::CardForwarded {
        post: MessageId(10),
        root: MessageId(500),
    });
    let edited = world.handle(Event::CustomerEdited(from_alice(1, text("hello!"))));
    assert!(matches!(
        &edited.effects[..],
        [Effect::EditThreadCopy {
            message: MessageId(1),
            ..
        }]
    ));
}

#[test]
fn reply_only_relays_explicit_replies_and_the_white_list_ignores_strangers() {
    let mut world = World::new();
    let white_list = [ALICE].into_iter().collect();
    world.desk = Desk::new(DeskSettings {
        reply_only: true,
        white_list: Some(white_list),
        ..settings()
    });
    let root = world.alice_with_thread();
    let plain = world.handle(Event::TeamMessage {
        message: in_thread(601, root, text("internal")),
        role: maria(),
    });
    assert!(plain.effects.is_empty());
    let reply = IncomingMessage {
        reply_to: Some(MessageId(600)),
        ..in_thread(602, root, text("answer"))
    };
    assert_eq!(
        world
            .handle(Event::TeamMessage {
                message: reply,
                role: maria()
            })
            .effects
            .len(),
        2,
        "the copy to the customer and the card's new stage"
    );
    let stranger = Author::User {
        id: UserId(9),
        first_name: "Eve".into(),
        last_name: None,
        username: None,
        language: None,
        is_bot: false,
    };
    let from_eve = IncomingMessage {
        author: stranger,
        ..message(ChatId(9), 1, alice(), text("hi"))
    };
    assert!(
        world
            .handle(Event::CustomerMessage(from_eve))
            .effects
            .is_empty()
    );
}
