//! Tags and funnels (`/mark`) and contact fields (`/set`, `/unset`, `/info`): what the thread
//! answers, what the card shows, and that the customer sees none of it; refused commands
//! (from outsiders, with bad arguments, in the wrong place) change nothing.

use telegram_sim::{Content, UserId};

use crate::support::{Harness, both_layouts};

/// Texts the bot sent to someone's private chat.
pub fn bot_texts(desk: &Harness, user: UserId) -> Vec<String> {
    desk.private(user)
        .iter()
        .filter(|entry| entry.from == Some(desk.bot.user_id))
        .filter_map(|entry| entry.text.clone())
        .collect()
}

/// An outsider types a team command in the customer's thread: they are told it is for the
/// team. (In the forum layout everyone who can write in the forum is on the team: no-op.)
pub async fn outsider_is_refused(desk: &Harness, customer: UserId, text: &str) {
    if desk.forum {
        return;
    }
    let answer = desk.command(desk.outsider, customer, text).await;
    assert!(answer.contains("is a team command"), "{answer}");
}

/// Waits until the customer's card shows `expected`; returns its text.
pub async fn card_shows(desk: &Harness, customer: UserId, expected: &str) -> String {
    let card = desk.card(customer).await;
    desk.eventually(&format!("the card shows {expected:?}"), || {
        desk.card_text_of(card).contains(expected)
    })
    .await;
    desk.card_text_of(card)
}

/// A team member types `text` in the lobby (the group's main chat, or the General topic);
/// returns the bot's answer.
pub async fn in_lobby(desk: &Harness, member: UserId, text: &str) -> String {
    let sent = desk
        .sim
        .as_user(member)
        .in_chat(desk.group)
        .send(Content::text(text))
        .expect("the member can write");
    desk.answer_to(sent).await
}

async fn tags_are_added_replaced_by_key_removed_and_listed(forum: bool) {
    let desk = Harness::start_layout(forum, &[]).await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello");
    desk.thread_len(alice, 1).await;
    let welcome = bot_texts(&desk, alice);

    let none = desk.command(desk.maria, alice, "/mark").await;
    assert!(none.contains("No tags yet"), "{none}");
    let added = desk
        .command(desk.maria, alice, "/mark vip stage:lead")
        .await;
    assert_eq!(added, "🏷 Tags: vip, stage:lead");
    card_shows(&desk, alice, "🏷 vip, stage:lead").await;
    let funnel = desk.command(desk.joao, alice, "/mark stage:paid").await;
    assert_eq!(funnel, "🏷 Tags: vip, stage:paid");
    card_shows(&desk, alice, "🏷 vip, stage:paid").await;
    let removed = desk.command(desk.maria, alice, "/mark -vip").await;
    assert_eq!(removed, "🏷 Tags: stage:paid");
    let card = card_shows(&desk, alice, "🏷 stage:paid").await;
    assert!(!card.contains("vip"), "{card}");
    assert_eq!(
        desk.command(desk.maria, alice, "/mark").await,
        "🏷 Tags: stage:paid"
    );

    // Refused: a bad tag (all or nothing), an outsider, the wrong place.
    let bad = desk.command(desk.maria, alice, "/mark refund a/b").await;
    assert!(bad.starts_with("“a/b” is not a valid tag"), "{bad}");
    assert!(bad.contains("Usage: /mark"), "{bad}");
    outsider_is_refused(&desk, alice, "/mark hacked").await;
    let lobby = in_lobby(&desk, desk.maria, "/mark lobby").await;
    assert!(
        lobby.contains("works inside a customer's conversation"),
        "{lobby}"
    );
    let card = desk.card_text(alice).await;
    for absent in ["refund", "hacked", "lobby"] {
        assert!(!card.contains(absent), "{absent}: {card}");
    }
    assert_eq!(
        desk.command(desk.maria, alice, "/mark").await,
        "🏷 Tags: stage:paid"
    );

    // Tags belong to the customer: they survive the ticket.
    desk.command(desk.maria, alice, "/fim").await;
    desk.say(alice, "back again");
    card_shows(&desk, alice, "Ticket #2").await;
    card_shows(&desk, alice, "🏷 stage:paid").await;
    desk.eventually("the customer is welcomed back", || {
        bot_texts(&desk, alice).len() == welcome.len() + 2
    })
    .await;

    // The customer saw none of it: only the welcome, the end message and the welcome back.
    let received = bot_texts(&desk, alice);
    assert_eq!(received[..welcome.len()], welcome[..]);
    assert!(
        received
            .iter()
            .all(|text| !text.contains("stage") && !text.contains("vip") && !text.contains("🏷")),
        "{received:?}"
    );
    assert_eq!(received.len(), welcome.len() + 2, "{received:?}");
}

both_layouts!(tags_are_added_replaced_by_key_removed_and_listed);

async fn fields_are_set_shown_on_the_card_and_summed_up_by_info(forum: bool) {
    let desk = Harness::start_layout(forum, &[("THREADESK_CARD_FIELDS", "email,plan")]).await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "/start promo1");
    desk.say(alice, "hello");
    desk.thread_len(alice, 1).await;
    let welcome = bot_texts(&desk, alice);

    let set = desk
        .command(desk.maria, alice, "/set email alice@example.com")
        .await;
    assert_eq!(set, "📇 email set to “alice@example.com”.");
    card_shows(&desk, alice, "📇 email: alice@example.com").await;
    desk.command(desk.maria, alice, "/set plan pro yearly")
        .await;
    card_shows(
        &desk,
        alice,
        "📇 email: alice@example.com · plan: pro yearly",
    )
    .await;
    let note = desk
        .command(desk.maria, alice, "/set note likes cats")
        .await;
    assert!(note.contains("note set to"), "{note}");
    desk.command(desk.maria, alice, "/mark vip").await;

    // Refused: bad names and values, a missing value, an outsider; nothing changes.
    let bad = desk.command(desk.maria, alice, "/set E-mail x").await;
    assert!(bad.contains("not a valid field name"), "{bad}");
    assert!(bad.contains("Usage: /set"), "{bad}");
    let long = format!("/set plan {}", "x".repeat(257));
    let too_long = desk.command(desk.maria, alice, &long).await;
    assert!(too_long.contains("1 to 256 characters"), "{too_long}");
    let usage = desk.command(desk.maria, alice, "/set plan").await;
    assert!(usage.starts_with("Usage: /set"), "{usage}");
    outsider_is_refused(&desk, alice, "/set plan free").await;
    let lobby = in_lobby(&desk, desk.maria, "/info").await;
    assert!(
        lobby.contains("works inside a customer's conversation"),
        "{lobby}"
    );

    let info = desk.command(desk.joao, alice, "/info").await;
    for expected in [
        "Alice",
        "first contact",
        "1 ticket(s) · current #1, new",
        "origins: promo1",
        "🏷 vip",
        "📇 email: alice@example.com",
        "📇 note: likes cats",
        "📇 plan: pro yearly",
    ] {
        assert!(info.contains(expected), "{expected}: {info}");
    }

    let unset = desk.command(desk.maria, alice, "/unset email").await;
    assert_eq!(unset, "📇 email removed.");
    let card = card_shows(&desk, alice, "📇 plan: pro yearly").await;
    assert!(
        !card.contains("email") && !card.contains("likes cats"),
        "{card}"
    );
    let again = desk.command(desk.maria, alice, "/unset email").await;
    assert!(again.contains("has no field email"), "{again}");

    assert_eq!(
        bot_texts(&desk, alice),
        welcome,
        "the customer saw none of it"
    );
}

both_layouts!(fields_are_set_shown_on_the_card_and_summed_up_by_info);
