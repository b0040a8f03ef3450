//! The lobby's lists: what `/queue`, `/mine` and `/find` answer, where they work, and their
//! page buttons.

use super::*;
use crate::domain::{ButtonAction, Lookup};

/// A command typed in the lobby (the group's main chat) by Maria.
fn in_lobby(world: &mut World, id: i32, text_: &str) -> Output {
    let author = Author::User {
        id: MARIA,
        first_name: "Maria".into(),
        last_name: None,
        username: None,
        language: None,
        is_bot: false,
    };
    world.handle(Event::TeamMessage {
        message: message(GROUP, id, author, text(text_)),
        role: maria(),
    })
}

/// The list a lobby command was answered with, and its buttons' actions.
fn listed(output: &Output) -> (Vec<String>, u32, Vec<ButtonAction>) {
    let [
        Effect::SendButtons {
            notice: Notice::LobbyList { rows, total, .. },
            keyboard,
            ..
        },
    ] = output.effects.as_slice()
    else {
        panic!("one list expected: {:?}", output.effects);
    };
    let names = rows.iter().map(|row| row.name.clone()).collect();
    let actions = keyboard
        .rows
        .iter()
        .flatten()
        .map(|button| button.action.clone())
        .collect();
    (names, *total, actions)
}

#[test]
fn the_queue_lists_tickets_waiting_for_us_and_finds_customers_by_tag() {
    let mut world = World::new();
    world.alice_with_thread();
    let (names, total, buttons) = listed(&in_lobby(&mut world, 700, "/queue"));
    assert_eq!((names, total), (vec!["Alice Silva".to_owned()], 1));
    assert!(buttons.is_empty(), "one page needs no buttons");
    command(&mut world, 601, "/mark VIP");
    let (names, _, _) = listed(&in_lobby(&mut world, 701, "/find vip"));
    assert_eq!(names, ["Alice Silva"]);
    let (names, total, _) = listed(&in_lobby(&mut world, 702, "/find vip bob"));
    assert_eq!((names.len(), total), (0, 0));
    // A reply from the team takes the ticket out of the queue.
    let root = world.customer().card.root.expect("a thread");
    world.handle(Event::TeamMessage {
        message: in_thread(602, root, text("hello!")),
        role: maria(),
    });
    let (_, total, _) = listed(&in_lobby(&mut world, 703, "/queue"));
    assert_eq!(total, 0);
    command(&mut world, 603, "/assign");
    let (names, _, _) = listed(&in_lobby(&mut world, 704, "/mine"));
    assert_eq!(names, ["Alice Silva"]);
}

#[test]
fn lobby_lists_refuse_threads_and_bad_arguments() {
    let mut world = World::new();
    world.alice_with_thread();
    let in_thread = command(&mut world, 601, "/queue");
    assert_eq!(
        answers(&in_thread),
        vec![&Notice::WrongPlace {
            command: CommandName::Queue
        }]
    );
    for (id, typed, command) in [
        (700, "/find", CommandName::Find),
        (701, "/find  @ ", CommandName::Find),
        (702, "/queue now", CommandName::Queue),
        (703, "/mine all", CommandName::Mine),
    ] {
        let refused = in_lobby(&mut world, id, typed);
        assert_eq!(
            answers(&refused),
            vec![&Notice::Usage { command }],
            "{typed}"
        );
    }
    let long = format!("/find {}", "a".repeat(41));
    assert_eq!(
        answers(&in_lobby(&mut world, 704, &long)),
        vec![&Notice::Usage {
            command: CommandName::Find
        }]
    );
}

#[test]
fn a_page_button_shows_its_page_to_the_team_only() {
    let mut world = World::new();
    let lookup = Lookup::Find("alice".into());
    let press = |team: Option<bool>| ButtonPress {
        query: "q1".into(),
        from: MARIA,
        name: "Maria".into(),
        team,
        message: Some((GROUP, MessageId(900))),
        thread: None,
        action: Some(ButtonAction::LobbyPage {
            lookup: lookup.clone(),
            page: 3,
        }),
    };
    world.alice_with_thread();
    let pressed = world.handle(Event::ButtonPressed(press(Some(true))));
    // Page 3 is gone (one entry): the last page is shown instead.
    let [
        Effect::EditButtons {
            message,
            notice: Notice::LobbyList { page, total, .. },
            ..
        },
        Effect::AnswerButton { notice: None, .. },
    ] = pressed.effects.as_slice()
    else {
        panic!("{:?}", pressed.effects);
    };
    assert_eq!((*message, *page, *total), (MessageId(900), 0, 1));
    let outsider = world.handle(Event::ButtonPressed(press(Some(false))));
    assert!(matches!(
        outsider.effects.as_slice(),
        [Effect::AnswerButton {
            notice: Some(Notice::ButtonForTeamOnly),
            alert: true,
            ..
        }]
    ));
}
