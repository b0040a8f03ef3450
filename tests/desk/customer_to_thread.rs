//! Customer -> thread: every kind of message is copied into the card's thread, with formatting,
//! reply context and albums kept; what Telegram cannot copy becomes a note.

use telegram_sim::{Content, Entity};

use crate::support::{EVERY_KIND, Harness, every_kind_of_message};

#[tokio::test]
async fn every_kind_of_message_reaches_the_thread_in_order() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    let mut sent = vec![Content::text("bold and plain").entities(vec![Entity::bold(0, 4)])];
    sent.extend(every_kind_of_message());
    let count = sent.len();
    for content in sent {
        desk.send(alice, content);
    }
    let thread = desk.thread_len(alice, count).await;
    let kinds: Vec<&str> = thread.iter().skip(1).map(|entry| entry.kind).collect();
    assert_eq!(kinds[0], "text", "{thread}");
    assert_eq!(kinds[1..], EVERY_KIND, "{thread}");
    let first = &thread[1];
    assert_eq!(first.text.as_deref(), Some("bold and plain"));
    assert_eq!(
        first.entities,
        vec![Entity::bold(0, 4)],
        "formatting is kept"
    );
    assert_eq!(thread[2].text.as_deref(), Some("the photo"));
    assert!(
        thread
            .iter()
            .skip(1)
            .all(|entry| entry.from == Some(desk.bot.user_id)),
        "copies are the bot's"
    );
}

#[tokio::test]
async fn a_reply_to_an_earlier_message_replies_to_its_copy_in_the_thread() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    let first = desk.say(alice, "my order is 123");
    desk.thread_len(alice, 1).await;
    desk.sim
        .as_user(alice)
        .in_private(&desk.bot)
        .reply_to(first)
        .send(Content::text("any news?"))
        .unwrap();
    let thread = desk.thread_len(alice, 2).await;
    let copy_of_first = thread.find("my order is 123").unwrap().id;
    assert_eq!(
        thread.find("any news?").unwrap().reply_to,
        Some(copy_of_first)
    );
    assert_eq!(
        thread.find("my order is 123").unwrap().reply_to,
        Some(thread[0].id),
        "others reply to the root"
    );
}

#[tokio::test]
async fn an_album_arrives_as_an_album() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "photos of the damage:");
    desk.thread_len(alice, 1).await;
    desk.sim
        .as_user(alice)
        .in_private(&desk.bot)
        .send_album(vec![
            Content::photo().caption("front"),
            Content::photo(),
            Content::video(),
        ])
        .unwrap();
    desk.say(alice, "that's all");
    let thread = desk.thread_len(alice, 5).await;
    let album: Vec<_> = thread.iter().skip(2).take(3).collect();
    let group = album[0].media_group_id.clone();
    assert!(group.is_some(), "{thread}");
    assert!(
        album.iter().all(|entry| entry.media_group_id == group),
        "one album:\n{thread}"
    );
    assert_eq!(album[0].text.as_deref(), Some("front"));
    assert_eq!(
        thread.last().unwrap().text.as_deref(),
        Some("that's all"),
        "order kept"
    );
}

#[tokio::test]
async fn what_telegram_cannot_copy_becomes_a_note_in_the_thread() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    desk.send(alice, Content::quiz("2+2?", &["3", "4"], 1));
    desk.say(alice, "and this");
    let thread = desk.thread_len(alice, 2).await;
    let note = thread[1].text.as_deref().unwrap_or_default();
    assert!(
        note.contains("quiz") && note.contains("does not let bots copy"),
        "{thread}"
    );
    assert_eq!(thread[2].text.as_deref(), Some("and this"));
}
