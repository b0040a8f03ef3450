//! Team commands typed where they do not work, and by people who may not use them.

use super::*;

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
    assert_eq!(
        answers(&output),
        vec![&Notice::CommandForTeamOnly {
            command: CommandName::Close
        }]
    );
    assert_eq!(output.effects.len(), 1);
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
