//! The desk's rules, exercised without any server: events in, effects and timers out.
//!
//! This file holds the shared harness (a [`World`] with an in-memory state and a clock, and
//! builders of messages and events); the tests are grouped by topic:
//! - `admins`: administrators' notifications and membership changes.
//! - `canned`: canned replies and their inline offer.
//! - `commands`: team commands where they do not work, and from who may not use them.
//! - `existing_bot`: the existing bot's messages mirrored into threads.
//! - `failures`: effects that failed for good, and what the team and the customer see.
//! - `first_contact`: the first message, the card and its thread, origins and keywords.
//! - `imports`: `/import`'s preview, and Apply merging every row or none.
//! - `integrations`: writes from the HTTP API, and the events recorded for webhooks.
//! - `lobby`: `/queue`, `/mine` and `/find`, and their page buttons.
//! - `membership`: updates that wait for a membership check.
//! - `relay`: messages and edits relayed both ways.
//! - `retention`: the retention pass: what it prunes, what it never touches.
//! - `team_rules`: ticket stages, and who may use which command.
//! - `team_tools`: tags, contact fields and assignment.
//! - `tickets`: closing, reopening, priorities, bans and automatic closing.

mod admins;
mod canned;
mod commands;
mod existing_bot;
mod failures;
mod first_contact;
mod imports;
mod integrations;
mod lobby;
mod membership;
mod relay;
mod retention;
mod team_rules;
mod team_tools;
mod tickets;

use std::time::Duration;

use super::*;
use crate::domain::{
    Author, ChatId, Content, FormattedText, IncomingMessage, MediaItem, MediaKind, MessageId,
    Reachability, TicketNumber, TicketStage, UncopyableKind, UserId, Workspace,
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
