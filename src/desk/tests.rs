//! The desk's rules, exercised without any server: events in, effects and timers out.

use std::time::Duration;

use super::*;
use crate::domain::{
    Author, ChatId, Content, FormattedText, IncomingMessage, MediaItem, MediaKind, MessageId,
    Reachability, TicketNumber, UncopyableKind, UserId,
};
use crate::storage::{Ledger, MemoryKv};

const ALICE: UserId = UserId(1001);
const GROUP: ChatId = ChatId(-1002);
const MARIA: UserId = UserId(2001);

struct World {
    desk: Desk,
    state: Ledger<MemoryKv>,
    now: Timestamp,
}

impl World {
    fn new() -> World {
        World {
            desk: Desk::new(DeskSettings::default()),
            state: Ledger::new(MemoryKv::default()),
            now: Timestamp(1_000_000),
        }
    }

    fn handle(&mut self, event: Event) -> Output {
        self.desk
            .handle(&mut self.state, event, self.now)
            .expect("in-memory state never fails")
    }

    fn later(&mut self, millis: u64) {
        self.now = self.now.plus(Duration::from_millis(millis));
    }

    /// Alice's first message, the card posted and its thread root arrived.
    fn alice_with_thread(&mut self) -> MessageId {
        self.handle(Event::CustomerMessage(from_alice(1, text("hi"))));
        self.handle(Event::CardPosted {
            customer: ALICE,
            post: MessageId(10),
        });
        self.handle(Event::CardForwarded {
            post: MessageId(10),
            root: MessageId(500),
        });
        MessageId(500)
    }

    fn customer(&self) -> crate::domain::Customer {
        self.state.customer(ALICE).unwrap().expect("alice exists")
    }
}

fn text(text: &str) -> Content {
    Content::Text(FormattedText::plain(text))
}

fn photo(file: &str) -> Content {
    Content::Media(MediaItem {
        kind: MediaKind::Photo,
        file_id: file.into(),
        caption: FormattedText::default(),
        has_spoiler: false,
    })
}

fn message(chat: ChatId, id: i32, author: Author, content: Content) -> IncomingMessage {
    IncomingMessage {
        chat,
        id: MessageId(id),
        date: 0,
        author,
        content,
        reply_to: None,
        thread: None,
        media_group: None,
        via_bot: None,
        forwarded_post: None,
    }
}

fn alice() -> Author {
    Author::User {
        id: ALICE,
        first_name: "Alice".into(),
        last_name: Some("Silva".into()),
        username: Some("alice".into()),
        language: Some("pt-br".into()),
        is_bot: false,
    }
}

fn from_alice(id: i32, content: Content) -> IncomingMessage {
    message(ALICE.private_chat(), id, alice(), content)
}

fn in_thread(id: i32, root: MessageId, content: Content) -> IncomingMessage {
    let author = Author::User {
        id: MARIA,
        first_name: "Maria".into(),
        last_name: None,
        username: None,
        language: None,
        is_bot: false,
    };
    IncomingMessage {
        thread: Some(root),
        reply_to: Some(root),
        ..message(GROUP, id, author, content)
    }
}

fn maria() -> Role {
    Role::TeamMember {
        id: MARIA,
        name: "Maria".into(),
    }
}

#[test]
fn a_first_message_posts_a_card_and_waits_for_the_thread() {
    let mut world = World::new();
    let output = world.handle(Event::CustomerMessage(from_alice(1, text("hello"))));
    assert!(
        matches!(&output.effects[..], [Effect::PostCard { customer: ALICE, card }] if card.ticket == TicketNumber(1) && card.name == "Alice Silva")
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
    });
    assert_eq!(
        posted.effects,
        vec![Effect::PinCard {
            customer: ALICE,
            post: MessageId(10)
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
        output.effects,
        vec![Effect::CopyToCustomer {
            customer: ALICE,
            message: MessageId(601),
            reply_to: Some(MessageId(600))
        }]
    );
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
    assert!(command.effects.is_empty());
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
    assert_eq!(relayed.effects.len(), 1);
    world.desk = Desk::new(DeskSettings {
        anonymous_admins: AnonymousAdmins::Ignore,
        ..DeskSettings::default()
    });
    let ignored = world.handle(Event::TeamMessage {
        message: in_thread(602, root, text("hi")),
        role: anonymous,
    });
    assert!(ignored.effects.is_empty());
}

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
        [Effect::NoteInThread {
            notice: Notice::NotDelivered { .. },
            ..
        }]
    ));
}

#[test]
fn a_missing_thread_warns_the_team_and_reposts_the_card() {
    let mut world = World::new();
    world.handle(Event::CustomerMessage(from_alice(1, text("hi"))));
    world.handle(Event::CardPosted {
        customer: ALICE,
        post: MessageId(10),
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
fn customer_edits_follow_to_the_thread_copy_unless_still_waiting() {
    let mut world = World::new();
    world.handle(Event::CustomerMessage(from_alice(1, text("helo"))));
    let waiting = world.handle(Event::CustomerEdited(from_alice(1, text("hello"))));
    assert!(waiting.effects.is_empty());
    world.handle(Event::CardPosted {
        customer: ALICE,
        post: MessageId(10),
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
fn a_start_command_opens_the_ticket_with_its_origin_but_is_not_relayed() {
    let mut world = World::new();
    let output = world.handle(Event::CustomerMessage(from_alice(
        1,
        text("/start instagram_bio"),
    )));
    assert!(
        matches!(&output.effects[..], [Effect::PostCard { card, .. }] if card.origin.as_deref() == Some("instagram_bio"))
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
        matches!(&output.effects[..], [Effect::PostCard { card, .. }] if card.origin.is_none())
    );
}
