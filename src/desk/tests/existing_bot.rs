//! The existing bot's messages (behind the proxy) mirrored into the customer's thread.

use super::*;

fn intercepting() -> World {
    let mut world = World::new();
    world.desk = Desk::new(DeskSettings {
        intercept_external: true,
        ..settings()
    });
    world
}

fn bot_message(id: i32, content: Content) -> Event {
    let bot = Author::User {
        id: UserId(42),
        first_name: "Shop".into(),
        last_name: None,
        username: Some("shop_bot".into()),
        language: None,
        is_bot: true,
    };
    Event::ExistingBotMessage {
        message: message(ALICE.private_chat(), id, bot, content),
        buttons: vec!["Buy".into()],
        edited: false,
    }
}

#[test]
fn the_existing_bots_message_is_mirrored_with_its_buttons_into_the_thread() {
    let mut world = intercepting();
    let root = world.alice_with_thread();
    let output = world.handle(bot_message(2, text("welcome")));
    assert_eq!(
        output.effects,
        [Effect::MirrorToThread {
            customer: ALICE,
            root,
            message: MessageId(2),
            reply_to: None,
            content: text("welcome"),
            buttons: vec!["Buy".into()],
        }]
    );
}

#[test]
fn before_the_thread_exists_the_mirror_waits_behind_the_customers_messages() {
    let mut world = intercepting();
    world.handle(Event::CustomerMessage(from_alice(1, text("hi"))));
    assert!(
        world
            .handle(bot_message(2, text("welcome")))
            .effects
            .is_empty()
    );
    let arrived = world.thread_arrives();
    let kinds: Vec<&str> = arrived.effects.iter().map(Effect::kind).collect();
    let copy = kinds.iter().position(|kind| *kind == "copy_to_thread");
    let mirror = kinds.iter().position(|kind| *kind == "mirror_to_thread");
    assert!(copy.is_some() && copy < mirror, "{kinds:?}");
}

#[test]
fn nothing_of_the_existing_bot_shows_for_customers_the_desk_does_not_handle() {
    let mut world = intercepting();
    assert!(
        world
            .handle(bot_message(2, text("welcome")))
            .effects
            .is_empty()
    );
    let mut quiet = World::new();
    quiet.alice_with_thread();
    assert!(
        quiet
            .handle(bot_message(2, text("welcome")))
            .effects
            .is_empty(),
        "without intercept_external"
    );
}

#[test]
fn a_deletion_by_the_existing_bot_is_noted_under_its_mirror() {
    let mut world = intercepting();
    let root = world.alice_with_thread();
    world.handle(bot_message(2, text("welcome")));
    crate::storage::write_link(
        world.state.kv(),
        ALICE,
        MessageId(2),
        (GROUP, MessageId(600)),
    )
    .unwrap();
    let output = world.handle(Event::ExistingBotDeleted {
        customer: ALICE,
        messages: vec![MessageId(2), MessageId(3)],
    });
    assert_eq!(
        output.effects,
        [Effect::NoteInThread {
            customer: ALICE,
            root,
            notice: Notice::ExistingBotDeleted,
            reply_to: Some(MessageId(600)),
        }]
    );
}
