//! The desk's rules, exercised without any server: events in, effects and timers out.

use std::time::Duration;

use super::*;
use crate::domain::{
    Author, ChatId, Content, FormattedText, IncomingMessage, MediaItem, MediaKind, MessageId,
    Reachability, TicketNumber, UncopyableKind, UserId, Workspace,
};
use crate::storage::{Ledger, MemoryKv};

const ALICE: UserId = UserId(1001);
const GROUP: ChatId = ChatId(-1002);
const MARIA: UserId = UserId(2001);
const WORKSPACE: Workspace = Workspace::Channel {
    channel: ChatId(-1001),
    group: GROUP,
};

/// The rules as configured, in the channel layout with the test chats.
fn settings() -> DeskSettings {
    DeskSettings {
        workspace: WORKSPACE,
        ..DeskSettings::default()
    }
}

struct World {
    desk: Desk,
    state: Ledger<MemoryKv>,
    now: Timestamp,
}

impl World {
    fn new() -> World {
        World {
            desk: Desk::new(settings()),
            state: Ledger::new(MemoryKv::default()),
            now: Timestamp(1_000_000),
        }
    }

    /// A world whose tickets close automatically after a minute.
    fn autoclosing() -> World {
        let mut world = World::new();
        world.desk = Desk::new(DeskSettings {
            autoclose_after: Some(Duration::from_secs(60)),
            ..settings()
        });
        world
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
        self.thread_arrives();
        MessageId(500)
    }

    /// Alice's card is posted (post 10) and its thread root (500) arrives; what the root's
    /// arrival produced.
    fn thread_arrives(&mut self) -> Output {
        self.handle(Event::CardPosted {
            customer: ALICE,
            post: MessageId(10),
            root: None,
        });
        self.handle(Event::CardForwarded {
            post: MessageId(10),
            root: MessageId(500),
        })
    }

    fn customer(&self) -> crate::domain::Customer {
        self.state.customer(ALICE).unwrap().expect("alice exists")
    }

    /// One of Alice's tickets.
    fn ticket(&self, number: u32) -> crate::domain::Ticket {
        self.state
            .ticket(ALICE, TicketNumber(number))
            .unwrap()
            .expect("the ticket exists")
    }
}

/// The notice of an output made of one note in a thread or one message to the customer.
fn sole_notice(output: &Output) -> Option<&Notice> {
    match &output.effects[..] {
        [Effect::NoteInThread { notice, .. } | Effect::TellCustomer { notice, .. }] => Some(notice),
        _ => None,
    }
}

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

/// The automatic-close timer an output set.
fn autoclose_timer(output: &Output) -> Timer {
    output
        .timers
        .iter()
        .find(|(_, t)| matches!(t, Timer::AutoClose { .. }))
        .map(|(_, timer)| timer.clone())
        .expect("an automatic-close timer")
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
        reply_content: None,
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
    assert_eq!(relayed.effects.len(), 1);
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

fn command(world: &mut World, id: i32, text_: &str) -> Output {
    let root = world.customer().card.root.expect("thread exists");
    world.handle(Event::TeamMessage {
        message: in_thread(id, root, text(text_)),
        role: maria(),
    })
}

fn answers(output: &Output) -> Vec<&Notice> {
    output
        .effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::AnswerTeam { notice, .. } => Some(notice),
            _ => None,
        })
        .collect()
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
fn canned_replies_are_saved_listed_renamed_deleted_and_offered_inline_to_the_team_only() {
    let mut world = World::new();
    let root = world.alice_with_thread();
    let saved_text = Content::Text(FormattedText::plain("Atendemos das 9h às 18h."));
    let save = IncomingMessage {
        reply_to: Some(MessageId(650)),
        reply_content: Some(Box::new(saved_text)),
        ..in_thread(651, root, text("/resposta Horário"))
    };
    let output = world.handle(Event::TeamMessage {
        message: save,
        role: maria(),
    });
    assert_eq!(
        answers(&output),
        vec![&Notice::CannedSaved {
            title: "Horário".into(),
            replaced: false
        }]
    );

    // Replying to the card itself (the thread root) saves nothing.
    let on_root = IncomingMessage {
        reply_content: Some(Box::new(text("card"))),
        ..in_thread(652, root, text("/resposta x"))
    };
    let output = world.handle(Event::TeamMessage {
        message: on_root,
        role: maria(),
    });
    assert_eq!(
        answers(&output),
        vec![&Notice::Usage {
            command: CommandName::SaveCanned
        }]
    );

    let inline = world.handle(Event::InlineQuery {
        id: "q1".into(),
        from: MARIA,
        query: "horario".into(),
        team: true,
    });
    assert!(
        matches!(&inline.effects[..], [Effect::AnswerInline { results, .. }] if results.len() == 1)
    );
    let stranger = world.handle(Event::InlineQuery {
        id: "q2".into(),
        from: UserId(9),
        query: "horario".into(),
        team: false,
    });
    assert!(
        matches!(&stranger.effects[..], [Effect::AnswerInline { results, .. }] if results.is_empty())
    );

    let listed = command(&mut world, 653, "/respostas");
    assert!(
        matches!(answers(&listed)[..], [Notice::CannedList { entries }] if entries[0].0 == "Horário")
    );
    assert_eq!(
        answers(&command(
            &mut world,
            654,
            "/resposta_renomear horario = Horas"
        )),
        vec![&Notice::CannedRenamed {
            from: "Horário".into(),
            to: "Horas".into()
        }]
    );
    assert_eq!(
        answers(&command(&mut world, 655, "/resposta_apagar HORAS")),
        vec![&Notice::CannedDeleted {
            title: "Horas".into()
        }]
    );
    assert_eq!(
        answers(&command(&mut world, 656, "/resposta_apagar Horas")),
        vec![&Notice::CannedNotFound {
            title: "Horas".into()
        }]
    );
}

#[test]
fn commands_outside_a_thread_say_where_to_use_them_and_outsiders_get_nothing() {
    let mut world = World::new();
    world.alice_with_thread();
    let in_lobby = |id, text_: &str| IncomingMessage {
        thread: None,
        reply_to: None,
        ..in_thread(id, MessageId(500), text(text_))
    };
    let output = world.handle(Event::TeamMessage {
        message: in_lobby(700, "/fim"),
        role: maria(),
    });
    assert_eq!(
        answers(&output),
        vec![&Notice::WrongPlace {
            command: CommandName::Close
        }]
    );
    let output = world.handle(Event::TeamMessage {
        message: in_lobby(701, "/frobnicate"),
        role: maria(),
    });
    assert_eq!(
        answers(&output),
        vec![&Notice::UnknownCommand {
            command: "frobnicate".into()
        }]
    );
    let output = world.handle(Event::TeamMessage {
        message: in_thread(702, MessageId(500), text("/fim")),
        role: Role::Outsider,
    });
    assert!(output.effects.is_empty());
    assert!(
        world
            .state
            .ticket(ALICE, TicketNumber(1))
            .unwrap()
            .unwrap()
            .is_open()
    );
}

#[test]
fn a_customer_typing_a_team_command_gets_no_team_behaviour() {
    let mut world = World::new();
    world.alice_with_thread();
    let output = world.handle(Event::CustomerMessage(from_alice(2, text("/fim"))));
    assert!(matches!(
        &output.effects[..],
        [Effect::CopyToThread {
            message: MessageId(2),
            ..
        }]
    ));
    assert!(
        world
            .state
            .ticket(ALICE, TicketNumber(1))
            .unwrap()
            .unwrap()
            .is_open()
    );
}

#[test]
fn administrators_are_notified_once_the_thread_exists_and_skipped_when_unreachable() {
    let mut world = World::new();
    world.handle(Event::AdminsRefreshed {
        admins: vec![(MARIA, "Maria".into()), (UserId(3001), "João".into())],
    });
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
    assert_eq!(notified_when_alice_opens(&mut world), vec![UserId(3001)]);
}

#[test]
fn a_thread_whose_messages_start_waiting_hears_it_once_and_the_lobby_only_for_commands() {
    let mut world = World::new();
    let root = world.alice_with_thread();
    let output = world.handle(Event::TeamMessageHeld {
        message: in_thread(601, root, text("hello Alice")),
    });
    assert_eq!(
        output.effects,
        vec![Effect::AnswerTeam {
            customer: Some(ALICE),
            thread: Some(root),
            to: MessageId(601),
            notice: Notice::TeamMessagesWait,
        }]
    );
    let in_lobby = |id, text_: &str| IncomingMessage {
        thread: None,
        reply_to: None,
        ..in_thread(id, root, text(text_))
    };
    let chat = world.handle(Event::TeamMessageHeld {
        message: in_lobby(700, "good morning"),
    });
    assert!(chat.effects.is_empty());
    let command = world.handle(Event::TeamMessageHeld {
        message: in_lobby(701, "/respostas"),
    });
    assert!(matches!(
        &command.effects[..],
        [Effect::AnswerTeam {
            customer: None,
            notice: Notice::TeamMessagesWait,
            ..
        }]
    ));
    // Nothing was relayed or changed meanwhile.
    assert!(world.state.relay(ALICE).unwrap().is_empty());
}

#[test]
fn an_inline_query_that_cannot_be_checked_is_answered_with_an_explanation_only() {
    let mut world = World::new();
    let output = world.handle(Event::InlineQueryUnchecked {
        id: "q1".into(),
        from: MARIA,
    });
    assert_eq!(
        output.effects,
        vec![Effect::AnswerInlineUnchecked {
            query: "q1".into(),
            user: MARIA,
        }]
    );
    let pressed = world.handle(Event::CustomerMessage(from_alice(
        1,
        text(&format!("/start {MEMBERSHIP_CHECK_START}")),
    )));
    assert!(matches!(
        &pressed.effects[..],
        [Effect::TellCustomer {
            notice: Notice::MembershipUnchecked,
            ..
        }]
    ));
    assert!(world.state.customer(ALICE).unwrap().is_none(), "no ticket");
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
        1
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

#[test]
fn an_administrator_who_writes_to_the_bot_is_not_notified_of_their_own_ticket() {
    let mut world = World::new();
    world.handle(Event::AdminsRefreshed {
        admins: vec![(ALICE, "Alice".into()), (MARIA, "Maria".into())],
    });
    world.handle(Event::CustomerMessage(from_alice(1, text("a question"))));
    let rooted = world.thread_arrives();
    assert_eq!(notified_admins(&rooted), [MARIA]);
}
