//! Hostile but valid input, end to end: texts and captions at Telegram's limits, entities at
//! the edges, right-to-left and zero-width text, update kinds the bot does not know, chats it
//! does not serve, commands with absurd arguments and a customer sending 1,000 messages in a
//! second. The bot relays what it should, exactly, and keeps working.

use std::time::Duration;

use telegram_sim::{Content, Entity, UserSpec};

use crate::support::{Harness, WAIT};

/// Entities in Telegram's order (by offset, longer first), for comparison.
fn sorted(mut entities: Vec<Entity>) -> Vec<Entity> {
    entities.sort_by(|a, b| (a.offset, b.length, &a.kind).cmp(&(b.offset, a.length, &b.kind)));
    entities
}

/// `count` characters, each one UTF-16 unit, ending in a recognisable tail.
fn text_of(count: usize, tail: &str) -> String {
    let mut text = "x".repeat(count - tail.chars().count());
    text.push_str(tail);
    text
}

#[tokio::test]
async fn texts_and_captions_at_the_limit_with_entities_at_the_edges_arrive_intact_both_ways() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello");
    desk.thread_len(alice, 1).await;
    let longest = text_of(4096, "END");
    let entities = vec![
        Entity::new("bold", 0, 1),
        Entity::new("italic", 4095, 1),
        Entity::new("underline", 0, 4096),
    ];
    desk.send(alice, Content::text(&longest).entities(entities.clone()));
    let caption = text_of(1024, "CAP");
    desk.send(
        alice,
        Content::photo()
            .caption(&caption)
            .entities(vec![Entity::new("code", 1023, 1)]),
    );
    // A surrogate pair closing the text: 4094 units plus one emoji of two units.
    let emoji_tail = format!("{}😀", "y".repeat(4094));
    desk.send(
        alice,
        Content::text(&emoji_tail).entities(vec![Entity::new("spoiler", 4094, 2)]),
    );
    let thread = desk.thread_len(alice, 4).await;
    let copy = thread.find("xEND").expect("the 4096-character text");
    assert_eq!(copy.text.as_deref(), Some(longest.as_str()));
    assert_eq!(sorted(copy.entities.clone()), sorted(entities));
    let photo = thread.find("xCAP").expect("the caption at the limit");
    assert_eq!(photo.text.as_deref(), Some(caption.as_str()));
    assert_eq!(photo.entities, vec![Entity::new("code", 1023, 1)]);
    let emoji = thread.find("😀").expect("the emoji-tailed text");
    assert_eq!(emoji.text.as_deref(), Some(emoji_tail.as_str()));
    assert_eq!(emoji.entities, vec![Entity::new("spoiler", 4094, 2)]);

    let answer = text_of(4096, "ANS");
    desk.comment(
        desk.maria,
        alice,
        None,
        Content::text(&answer).entities(vec![Entity::new("bold", 4093, 3)]),
    )
    .await;
    desk.eventually("the longest answer reaches Alice", || {
        desk.private(alice).find("xANS").is_some()
    })
    .await;
    let private = desk.private(alice);
    let received = private.find("xANS").unwrap();
    assert_eq!(received.text.as_deref(), Some(answer.as_str()));
    assert_eq!(received.entities, vec![Entity::new("bold", 4093, 3)]);
    refused_calls(&desk);
}

#[tokio::test]
async fn an_edit_at_the_limit_replaces_the_thread_copy_with_its_entities() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    let original = desk.say(alice, "short");
    desk.thread_len(alice, 1).await;
    let edited = text_of(4096, "EDIT");
    desk.sim
        .as_user(alice)
        .in_private(&desk.bot)
        .edit(
            original,
            Content::text(&edited).entities(vec![Entity::new("strikethrough", 4092, 4)]),
        )
        .unwrap();
    let root = desk.root(alice).await;
    desk.eventually("the thread copy is edited", || {
        desk.sim.thread(desk.group, root).find("xEDIT").is_some()
    })
    .await;
    let thread = desk.sim.thread(desk.group, root);
    let copy = thread.find("xEDIT").unwrap();
    assert_eq!(copy.text.as_deref(), Some(edited.as_str()));
    assert_eq!(copy.entities, vec![Entity::new("strikethrough", 4092, 4)]);
    refused_calls(&desk);
}

#[tokio::test]
async fn right_to_left_and_zero_width_names_and_texts_pass_unchanged() {
    let desk = Harness::start().await;
    // An override that would flip the card's layout, joiners and a byte-order mark.
    let name = "\u{202e}evilA\u{200b}\u{200d}\u{feff}";
    let customer = desk.sim.create_user(
        UserSpec::new(name)
            .last_name("مريم")
            .username("rtl_customer")
            .language("ar"),
    );
    let texts = [
        "שלום, ההזמנה שלי לא הגיעה",
        "\u{200f}مرحبا\u{200e} 123 <b>not bold</b> &amp;",
        "\u{200b}\u{200c}\u{200d}\u{2060}",
        "👩\u{200d}👩\u{200d}👧\u{200d}👦 family",
    ];
    for text in texts {
        desk.say(customer, text);
    }
    let thread = desk.thread_len(customer, texts.len()).await;
    let relayed: Vec<&str> = thread.texts()[1..].to_vec();
    assert_eq!(relayed, texts);
    let card = desk.card_text(customer).await;
    assert!(card.contains(name), "the name is shown as given: {card}");
    assert!(card.contains("@rtl_customer"), "{card}");
    desk.comment(
        desk.maria,
        customer,
        None,
        Content::text("\u{202b}רגע\u{202c} ok"),
    )
    .await;
    desk.eventually("the answer arrives", || {
        desk.private(customer).find("ok").is_some()
    })
    .await;
    assert_eq!(
        desk.private(customer).find("ok").unwrap().text.as_deref(),
        Some("\u{202b}רגע\u{202c} ok")
    );
    refused_calls(&desk);
}

#[tokio::test]
async fn commands_with_absurd_arguments_are_answered_or_ignored_and_change_nothing_they_should_not()
{
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello");
    let thread = desk.thread_len(alice, 1).await;
    let saved_from = thread.find("hello").unwrap().id;
    let huge = "9".repeat(4000);
    let long_name = "n".repeat(2000);
    let absurd = [
        format!("/p {huge}"),
        "/p -1".to_owned(),
        "/p 255".to_owned(),
        "/p \u{202e}urgent\u{200b}".to_owned(),
        format!("/{}", "z".repeat(4000)),
        "/resposta_renomear = = =".to_owned(),
        format!("/resposta_renomear {long_name} = {long_name}"),
        format!("/resposta_apagar {long_name}"),
        "/unban \u{0}\u{7f}".to_owned(),
        "/p@some_other_bot 3".to_owned(),
        "/respostas@threadesk_bot extra words".to_owned(),
    ];
    for text in &absurd {
        desk.comment(desk.maria, alice, None, Content::text(text))
            .await;
    }
    // Saving with a title at the limit, replying to the customer's message.
    let root = desk.root(alice).await;
    let save = desk
        .sim
        .as_user(desk.maria)
        .in_chat(desk.group)
        .reply_to(saved_from)
        .send(Content::text(format!("/resposta {long_name}")))
        .unwrap();
    let answer = desk.answer_to(save).await;
    assert!(!answer.is_empty());
    let probe = desk.command(desk.maria, alice, "/help").await;
    assert!(probe.contains("/resposta"), "{probe}");
    let list = desk.command(desk.maria, alice, "/respostas").await;
    assert!(!list.is_empty());
    let card = desk.card_text(alice).await;
    assert!(card.contains("open"), "{card}");
    let private = desk.private(alice);
    for text in &absurd {
        assert!(
            private.find(text).is_none(),
            "a command reached the customer: {text}"
        );
    }
    // Every command addressed to this bot was answered, by a call Telegram accepted.
    let thread = desk.sim.thread(desk.group, root);
    for entry in thread.iter().filter(|entry| {
        entry.from == Some(desk.maria)
            && entry
                .text
                .as_deref()
                .is_some_and(|text| text.starts_with('/'))
    }) {
        let text = entry.text.as_deref().unwrap_or_default();
        let answered = thread.iter().any(|answer| {
            answer.reply_to == Some(entry.id) && answer.from == Some(desk.bot.user_id)
        });
        assert_eq!(
            answered,
            !text.contains("@some_other_bot"),
            "{text:.40}…\n{thread}"
        );
    }
    refused_calls(&desk);
    desk.say(alice, "after the commands");
    desk.eventually("the bot still relays", || {
        desk.sim
            .thread(desk.group, root)
            .find("after the commands")
            .is_some()
    })
    .await;
}

#[tokio::test]
async fn a_customer_sending_a_thousand_messages_in_a_second_gets_all_of_them_relayed_in_order() {
    let desk = Harness::start().await;
    let flood = desk.customer("Flood", "en");
    let calm = desk.customer("Calm", "en");
    desk.say(calm, "calm hello");
    desk.thread_len(calm, 1).await;
    let started = tokio::time::Instant::now();
    let expected: Vec<String> = (0..1000).map(|n| format!("flood {n}")).collect();
    for text in &expected {
        desk.say(flood, text);
    }
    let sending = started.elapsed();
    assert!(sending < Duration::from_secs(1), "sent in {sending:?}");
    // Another customer is not stuck behind the flood.
    desk.say(calm, "calm again");
    let root = desk.root(flood).await;
    let drained = desk
        .sim
        .wait_until(Duration::from_secs(120), || {
            desk.sim.thread(desk.group, root).len() > expected.len()
        })
        .await;
    assert!(drained, "the flood drains");
    let relayed: Vec<String> = desk
        .sim
        .thread(desk.group, root)
        .texts()
        .into_iter()
        .filter(|text| text.starts_with("flood "))
        .map(str::to_owned)
        .collect();
    assert_eq!(relayed, expected, "all 1,000, once each, in order");
    assert!(desk.sim.transcript(desk.group).find("calm again").is_some());
    let _ = WAIT;
}

/// Fails if Telegram refused any of the bot's calls, except polling (an administrator who never
/// started the bot, the owner in these tests, is never tried).
fn refused_calls(desk: &Harness) {
    let refused: Vec<_> = desk
        .sim
        .calls()
        .into_iter()
        .filter(|call| !call.ok && call.method != "getUpdates")
        .map(|call| {
            format!(
                "{} {:?} {:.200}",
                call.method, call.description, call.params
            )
        })
        .collect();
    assert!(refused.is_empty(), "refused calls: {refused:#?}");
}

#[tokio::test]
async fn unknown_update_kinds_and_malformed_updates_are_acknowledged_and_skipped() {
    let (desk, url) = Harness::start_webhook("k").await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "before");
    desk.thread_len(alice, 1).await;
    let group = desk.group.0;
    let updates = [
        // A kind from a future Bot API version.
        serde_json::json!({"update_id": 900_001, "some_future_kind": {"anything": [1, 2, 3]}}),
        // Known to the Bot API, not asked for by the bot.
        serde_json::json!({"update_id": 900_002, "message_reaction_count": {"chat": {"id": group, "type": "supergroup", "title": "x"}, "message_id": 1, "date": 0, "reactions": []}}),
        // A message whose fields have the wrong types.
        serde_json::json!({"update_id": 900_003, "message": {"message_id": "one", "date": [], "chat": 5}}),
        // A message from a group the bot does not serve.
        serde_json::json!({"update_id": 900_004, "message": {"message_id": 1, "date": 0, "chat": {"id": -77, "type": "group", "title": "elsewhere"}, "from": {"id": 5, "is_bot": false, "first_name": "E"}, "text": "/fim"}}),
        // No update at all.
        serde_json::json!({"update_id": 900_005}),
    ];
    let client = reqwest::Client::new();
    for update in &updates {
        let status = client
            .post(&url)
            .header("X-Telegram-Bot-Api-Secret-Token", "k")
            .json(update)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
        assert_eq!(status, 200, "{update}");
    }
    desk.say(alice, "after");
    let thread = desk.thread_len(alice, 2).await;
    assert_eq!(thread.texts()[1..], ["before", "after"]);
}

#[tokio::test]
async fn deep_links_with_absurd_payloads_open_a_plain_ticket() {
    let desk = Harness::start().await;
    let payloads = [
        "a".repeat(4000),
        "a".repeat(65),
        "../../etc/passwd".to_owned(),
        "\u{202e}ads\u{200b}".to_owned(),
        "<b>x</b>".to_owned(),
    ];
    for (index, payload) in payloads.iter().enumerate() {
        let customer = desk.customer(&format!("Linked{index}"), "en");
        desk.say(customer, &format!("/start {payload}"));
        desk.say(customer, "first question");
        let thread = desk.thread_len(customer, 1).await;
        assert_eq!(thread.texts()[1..], ["first question"], "{payload:.20}");
        let card = desk.card_text(customer).await;
        assert!(!card.contains("origin"), "{payload:.20}: {card}");
    }
    // At the limit, 64 characters of the allowed alphabet, the origin is kept.
    let limit = "A-z_9".repeat(13)[..64].to_owned();
    let customer = desk.customer("LinkedAtLimit", "en");
    desk.say(customer, &format!("/start {limit}"));
    desk.say(customer, "hello");
    desk.thread_len(customer, 1).await;
    let card = desk.card_text(customer).await;
    assert!(card.contains(&format!("origin: {limit}")), "{card}");
    refused_calls(&desk);
}
