//! Team-chat updates that wait for a membership check, and inline queries that cannot be checked.

use super::*;

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
