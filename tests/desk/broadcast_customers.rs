//! Broadcasts as customers and the team's cards see them: `/stop` shows on the card until
//! `/start`, a customer's reply to a broadcast opens a ticket whose thread names the
//! broadcast, a note lands in each recipient's thread only with `broadcast_note_in_thread`, a
//! schedule is read and shown in the configured time zone, and an album goes out as one album.

use chrono::{Duration, Utc};
use telegram_sim::{Content, MessageId, UserId};

use crate::broadcasts::{
    bot_answer, copies, customers, lobby_post, press, reply_in_lobby, text_of,
};
use crate::support::Harness;

/// `text` goes out to everyone from the lobby, and the report comes back.
async fn broadcast_to_all(desk: &Harness, text: &str) {
    let news = lobby_post(desk, desk.maria, text);
    let command = reply_in_lobby(desk, desk.maria, news, "/send all");
    let (preview, _) = bot_answer(desk, command).await;
    press(desk, desk.maria, preview, "Send").await;
    desk.eventually("the report", || text_of(desk, preview).contains("finished"))
        .await;
}

/// The bot's copy of `text` in a customer's private chat.
fn copy_of(desk: &Harness, customer: UserId, text: &str) -> MessageId {
    desk.private(customer)
        .iter()
        .find(|e| e.from == Some(desk.bot.user_id) && e.text.as_deref() == Some(text))
        .map(|e| e.id)
        .expect("the customer got the broadcast")
}

async fn opted_out_on_the_card(forum: bool) {
    let desk = Harness::start_layout(forum, &[]).await;
    let ana = customers(&desk, &[("Ana", "en")]).await[0];
    let card = desk.card(ana).await;
    assert!(!desk.card_text_of(card).contains("opted out"));
    desk.say(ana, "/stop");
    desk.eventually("the card shows the opt-out", || {
        desk.card_text_of(card).contains("opted out of broadcasts")
    })
    .await;
    desk.say(ana, "/start");
    desk.eventually("the card no longer shows it", || {
        !desk.card_text_of(card).contains("opted out")
    })
    .await;
}

#[tokio::test]
async fn the_card_shows_a_customer_who_opted_out_in_the_discussion_group() {
    opted_out_on_the_card(false).await;
}

#[tokio::test]
async fn the_card_shows_a_customer_who_opted_out_in_the_forum() {
    opted_out_on_the_card(true).await;
}

async fn reply_opens_a_ticket(forum: bool) {
    let desk = Harness::start_layout(forum, &[]).await;
    let ana = customers(&desk, &[("Ana", "en")]).await[0];
    desk.command(desk.maria, ana, "/fim").await;
    broadcast_to_all(&desk, "We are closed on Friday").await;
    let root = desk.root(ana).await;
    let before = desk.thread_at(root).len();
    assert!(
        desk.thread_at(root)
            .find("We are closed on Friday")
            .is_none(),
        "a broadcast puts no copy in the thread by default"
    );
    let copy = copy_of(&desk, ana, "We are closed on Friday");
    desk.sim
        .as_user(ana)
        .in_private(&desk.bot)
        .reply_to(copy)
        .send(Content::text("Saturday then?"))
        .expect("the customer replies");
    desk.eventually("the reply reaches the thread", || {
        desk.thread_at(root).find("Saturday then?").is_some()
    })
    .await;
    let thread = desk.thread_at(root);
    let texts: Vec<String> = thread
        .iter()
        .skip(before)
        .filter_map(|e| e.text.clone())
        .collect();
    let note = texts
        .iter()
        .position(|t| t.contains("In reply to broadcast #1"));
    let reply = texts.iter().position(|t| t.contains("Saturday then?"));
    assert!(
        matches!((note, reply), (Some(n), Some(r)) if n < r),
        "the thread names the broadcast before the reply: {texts:?}"
    );
    let card = desk.card_text(ana).await;
    assert!(
        card.contains("Ticket #2"),
        "the reply opened a ticket: {card}"
    );
}

#[tokio::test]
async fn a_reply_to_a_broadcast_opens_a_ticket_that_names_it_in_the_discussion_group() {
    reply_opens_a_ticket(false).await;
}

#[tokio::test]
async fn a_reply_to_a_broadcast_opens_a_ticket_that_names_it_in_the_forum() {
    reply_opens_a_ticket(true).await;
}

async fn note_in_thread(forum: bool) {
    let desk =
        Harness::start_layout(forum, &[("THREADESK_BROADCAST_NOTE_IN_THREAD", "true")]).await;
    let people = customers(&desk, &[("Ana", "en"), ("Bob", "en"), ("Quiet", "en")]).await;
    desk.say(people[2], "/stop");
    desk.eventually("the opt-out is confirmed", || {
        desk.private(people[2])
            .iter()
            .any(|e| e.text.as_deref().is_some_and(|t| t.contains("/start")))
    })
    .await;
    broadcast_to_all(&desk, "New prices from Monday").await;
    for customer in &people[..2] {
        assert_eq!(copies(&desk, *customer, "New prices from Monday"), 1);
        let root = desk.root(*customer).await;
        desk.eventually("one note in the recipient's thread", || {
            let thread = desk.thread_at(root);
            let notes = thread
                .iter()
                .filter(|e| {
                    e.text
                        .as_deref()
                        .is_some_and(|t| t.contains("Broadcast #1 reached this customer"))
                })
                .count();
            notes == 1
        })
        .await;
    }
    let root = desk.root(people[2]).await;
    assert!(
        desk.thread_at(root).find("Broadcast #1").is_none(),
        "no note where the broadcast did not go"
    );
}

#[tokio::test]
async fn with_broadcast_note_in_thread_each_recipients_thread_gets_one_note_in_the_discussion_group()
 {
    note_in_thread(false).await;
}

#[tokio::test]
async fn with_broadcast_note_in_thread_each_recipients_thread_gets_one_note_in_the_forum() {
    note_in_thread(true).await;
}

async fn schedule_in_zone(forum: bool) {
    let desk = Harness::start_layout(forum, &[("THREADESK_TIMEZONE", "Asia/Tokyo")]).await;
    customers(&desk, &[("Ana", "en")]).await;
    let day = (Utc::now() + Duration::days(2))
        .format("%Y-%m-%d")
        .to_string();
    let news = lobby_post(&desk, desk.maria, "Holiday hours");
    let command = reply_in_lobby(
        &desk,
        desk.maria,
        news,
        &format!("/send all at {day} 09:00"),
    );
    let (preview, text) = bot_answer(&desk, command).await;
    let shown = format!("{day} 09:00 Asia/Tokyo");
    assert!(text.contains(&shown), "read and shown in the zone: {text}");
    press(&desk, desk.maria, preview, "Send").await;
    let list = lobby_post(&desk, desk.joao, "/broadcasts");
    let (_, text) = bot_answer(&desk, list).await;
    assert!(text.contains(&shown), "{text}");
}

#[tokio::test]
async fn a_schedule_is_read_and_shown_in_the_configured_time_zone_in_the_discussion_group() {
    schedule_in_zone(false).await;
}

#[tokio::test]
async fn a_schedule_is_read_and_shown_in_the_configured_time_zone_in_the_forum() {
    schedule_in_zone(true).await;
}

async fn album_broadcast(forum: bool) {
    let desk = Harness::start_layout(forum, &[]).await;
    let people = customers(&desk, &[("Ana", "en"), ("Bob", "en")]).await;
    let album = desk
        .sim
        .as_user(desk.maria)
        .in_chat(desk.group)
        .send_album(vec![
            Content::photo().caption("New menu, page 1"),
            Content::photo().caption("page 2"),
        ])
        .expect("the album is posted in the lobby");
    // Replying to the album's second item sends the whole album.
    let command = reply_in_lobby(&desk, desk.maria, album[1], "/send all");
    let (preview, text) = bot_answer(&desk, command).await;
    assert!(text.contains("2 customer"), "{text}");
    press(&desk, desk.maria, preview, "Send").await;
    desk.eventually("the report", || {
        text_of(&desk, preview).contains("finished")
    })
    .await;
    for customer in people {
        let chat = desk.private(customer);
        let copies: Vec<_> = chat
            .iter()
            .filter(|e| e.from == Some(desk.bot.user_id) && e.kind == "photo")
            .collect();
        assert_eq!(copies.len(), 2, "both items, once:\n{chat}");
        assert_eq!(copies[0].text.as_deref(), Some("New menu, page 1"));
        assert_eq!(copies[1].text.as_deref(), Some("page 2"));
        assert!(
            copies[0].media_group_id.is_some()
                && copies[0].media_group_id == copies[1].media_group_id,
            "they arrive as one album:\n{chat}"
        );
    }
}

#[tokio::test]
async fn a_broadcast_of_an_album_arrives_as_one_album_in_the_discussion_group() {
    album_broadcast(false).await;
}

#[tokio::test]
async fn a_broadcast_of_an_album_arrives_as_one_album_in_the_forum() {
    album_broadcast(true).await;
}
