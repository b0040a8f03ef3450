//! The forum layout: one topic per customer, named after them with a status marker; the same
//! relay, commands and failures as the channel layout; the General topic as the lobby.

use telegram_sim::{Content, ICON_COLORS};

use crate::support::Harness;

#[tokio::test]
async fn a_first_message_creates_a_named_topic_with_the_card_then_the_message() {
    let desk = Harness::start_forum(&[]).await;
    let alice = desk.customer("Alice", "pt-br");
    desk.say(alice, "/start ads");
    desk.say(alice, "Olá!");
    let thread = desk.thread_len(alice, 1).await;
    let topic = desk.topic_of(alice).unwrap();
    assert_eq!(topic.name, format!("🟢🆕 Alice @alice · {}", alice.0));
    assert!(
        ICON_COLORS.contains(&topic.icon_color),
        "{}",
        topic.icon_color
    );
    let card = thread[0].text.clone().unwrap();
    assert!(
        card.contains("Ticket #1")
            && card.contains("origin: ads")
            && card.contains("language: pt-br"),
        "{card}"
    );
    assert_eq!(thread[1].text.as_deref(), Some("Olá!"));
}

#[tokio::test]
async fn messages_relay_both_ways_with_albums_edits_and_reply_context() {
    let desk = Harness::start_forum(&[]).await;
    let alice = desk.customer("Alice", "en");
    let question = desk.say(alice, "my parcel?");
    let thread = desk.thread_len(alice, 1).await;
    let copy = thread.find("my parcel?").unwrap().id;
    let root = desk.root(alice).await;
    desk.sim
        .as_user(desk.maria)
        .in_chat(desk.group)
        .topic(root)
        .reply_to(copy)
        .send(Content::text("on its way"))
        .unwrap();
    desk.eventually("the answer replies to Alice's message", || {
        desk.private(alice)
            .find("on its way")
            .is_some_and(|e| e.reply_to == Some(question))
    })
    .await;
    desk.sim
        .as_user(alice)
        .in_private(&desk.bot)
        .send_album(vec![Content::photo().caption("box"), Content::photo()])
        .unwrap();
    let thread = desk.thread_len(alice, 4).await;
    let album: Vec<_> = thread.iter().filter(|e| e.kind == "photo").collect();
    assert_eq!(album.len(), 2, "{thread}");
    assert!(
        album[0].media_group_id.is_some() && album[0].media_group_id == album[1].media_group_id,
        "one album"
    );
    desk.sim
        .as_user(alice)
        .in_private(&desk.bot)
        .edit(question, Content::text("my parcel #42?"))
        .unwrap();
    desk.eventually("the edit follows", || {
        desk.thread_at(root).find("#42").is_some()
    })
    .await;
    assert!(
        desk.thread_at(root)
            .iter()
            .all(|e| e.thread_id == Some(root)),
        "everything stays in the topic"
    );
}

#[tokio::test]
async fn priority_and_closing_show_in_the_topic_name_and_the_next_message_reopens_it() {
    let desk = Harness::start_forum(&[]).await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "help");
    desk.thread_len(alice, 1).await;
    assert_eq!(
        desk.command(desk.maria, alice, "/p 3").await,
        "Priority set to urgent."
    );
    desk.eventually("the topic is red", || {
        desk.topic_of(alice)
            .is_some_and(|t| t.name.starts_with("🔴"))
    })
    .await;
    desk.command(desk.maria, alice, "/fim").await;
    desk.eventually("the topic is closed and grey", || {
        desk.topic_of(alice)
            .is_some_and(|t| t.closed && t.name.starts_with("⚪"))
    })
    .await;
    desk.say(alice, "again");
    desk.eventually("the topic reopens for ticket 2", || {
        desk.topic_of(alice)
            .is_some_and(|t| !t.closed && t.name.starts_with("🟢"))
    })
    .await;
    let thread = desk.thread_len(alice, 5).await;
    assert!(
        thread.find("Ticket #2 opened").is_some() && thread.find("again").is_some(),
        "{thread}"
    );
}

#[tokio::test]
async fn a_topic_deleted_by_hand_is_recreated_with_a_note_and_nothing_is_lost() {
    let desk = Harness::start_forum(&[]).await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "first");
    desk.thread_len(alice, 1).await;
    let old = desk.root(alice).await;
    desk.sim.delete_topic_by_hand(desk.group, old).unwrap();
    desk.say(alice, "second");
    desk.say(alice, "third");
    desk.eventually("a new topic", || {
        desk.topic_of(alice).is_some_and(|t| t.id != old)
    })
    .await;
    let thread = desk.thread_len(alice, 3).await;
    assert!(
        thread[1]
            .text
            .as_deref()
            .is_some_and(|t| t.contains("previous thread was deleted")),
        "{thread}"
    );
    assert_eq!(thread.texts()[2..], ["second", "third"]);
}

#[tokio::test]
async fn the_general_topic_is_the_lobby_for_new_and_says_where_thread_commands_go() {
    let desk = Harness::start_forum(&[]).await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hi");
    desk.thread_len(alice, 1).await;
    desk.command(desk.maria, alice, "/fim").await;
    let lobby = |text: &str| {
        desk.sim
            .as_user(desk.maria)
            .in_chat(desk.group)
            .send(Content::text(text))
            .unwrap()
    };

    let opened = lobby(&format!("/new {}", alice.0));
    assert!(
        desk.answer_to(opened)
            .await
            .contains("Opening a thread for Alice")
    );
    desk.eventually("Alice's topic reopens", || {
        desk.topic_of(alice).is_some_and(|t| !t.closed)
    })
    .await;
    let again = lobby(&format!("/new {}", alice.0));
    assert!(
        desk.answer_to(again)
            .await
            .contains("already has an open ticket")
    );

    let stranger = lobby("/new 4242");
    assert!(
        desk.answer_to(stranger)
            .await
            .contains("never wrote to the bot")
    );
    let usage = lobby("/new someone");
    assert!(desk.answer_to(usage).await.starts_with("Usage: /new"));
    let wrong = lobby("/p 2");
    assert!(desk.answer_to(wrong).await.contains("forum topic"));

    // The team writes first in the reopened topic: it reaches Alice.
    let root = desk.root(alice).await;
    desk.sim
        .as_user(desk.maria)
        .in_chat(desk.group)
        .topic(root)
        .send(Content::text("we have news for you"))
        .unwrap();
    desk.eventually("Alice gets it", || {
        desk.private(alice).find("we have news").is_some()
    })
    .await;
}

#[tokio::test]
async fn long_names_are_cut_to_telegrams_128_units_cleanly() {
    let desk = Harness::start_forum(&[]).await;
    let long = "Maximiliano".repeat(20);
    let customer = desk.customer(&long, "en");
    desk.say(customer, "hello");
    desk.thread_len(customer, 1).await;
    let name = desk.topic_of(customer).unwrap().name;
    assert_eq!(name.encode_utf16().count(), 128, "{name}");
    assert!(
        name.contains('…') && name.ends_with(&customer.0.to_string()),
        "{name}"
    );
}
