//! Finding work in the lobby (the group's main chat, or the forum's General topic): `/queue`,
//! `/mine` and `/find` answer with links to the threads, pages turn with buttons (for the team
//! only), refused commands change nothing, and customers see none of it.

use serde_json::Value;
use telegram_sim::{CallbackAnswer, Content, MessageId, UserId};

use crate::support::{Harness, both_layouts};
use crate::tags_and_fields::bot_texts;

/// A team member types `text` in the lobby; the bot's answer (its id and text).
async fn in_lobby(desk: &Harness, member: UserId, text: &str) -> (MessageId, String) {
    let sent = desk
        .sim
        .as_user(member)
        .in_chat(desk.group)
        .send(Content::text(text))
        .expect("the member can write in the lobby");
    let text = desk.answer_to(sent).await;
    let answer = desk
        .sim
        .transcript(desk.group)
        .iter()
        .find(|entry| entry.reply_to == Some(sent) && entry.from == Some(desk.bot.user_id))
        .map(|entry| entry.id)
        .expect("answered");
    (answer, text)
}

/// The links of a message in the team chat.
fn links(desk: &Harness, message: MessageId) -> Vec<String> {
    desk.sim
        .transcript(desk.group)
        .get_id(message)
        .map(|entry| {
            entry
                .entities
                .iter()
                .filter_map(|entity| entity.url.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// The buttons under a message in the team chat: label and callback data.
pub(crate) fn buttons(desk: &Harness, message: MessageId) -> Vec<(String, String)> {
    let json = desk
        .sim
        .message_json(desk.group, message)
        .unwrap_or(Value::Null);
    json["reply_markup"]["inline_keyboard"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_array)
        .flatten()
        .map(|button| {
            let text = button["text"].as_str().unwrap_or_default().to_owned();
            let data = button["callback_data"].as_str().unwrap_or_default();
            (text, data.to_owned())
        })
        .collect()
}

/// `user` presses the button with `data` under the lobby list `message`; the bot's answer.
pub(crate) async fn press(
    desk: &Harness,
    user: UserId,
    message: MessageId,
    data: &str,
) -> CallbackAnswer {
    let query = desk
        .sim
        .as_user(user)
        .in_chat(desk.group)
        .press_button(message, data)
        .expect("pressed");
    desk.eventually("the press is answered", || {
        desk.sim.callback_answer(&query).is_some()
    })
    .await;
    desk.sim.callback_answer(&query).expect("answered")
}

/// The text of a message in the team chat now.
pub(crate) fn text_of(desk: &Harness, message: MessageId) -> String {
    desk.sim
        .transcript(desk.group)
        .get_id(message)
        .and_then(|entry| entry.text.clone())
        .unwrap_or_default()
}

async fn the_lobby_lists_the_queue_mine_and_found_customers_with_links(forum: bool) {
    let desk = Harness::start_layout(forum, &[]).await;
    let alicia = desk.customer("Alícia", "en");
    desk.say(alicia, "my order is late");
    desk.thread_len(alicia, 1).await;
    let bob = desk.customer("Bob", "en");
    desk.say(bob, "hello?");
    desk.thread_len(bob, 1).await;
    let welcomes = (bot_texts(&desk, alicia), bot_texts(&desk, bob));

    // Both wait for us, the oldest first, each with a link to their thread.
    let (queue, text) = in_lobby(&desk, desk.maria, "/queue").await;
    assert!(text.starts_with("📥 Waiting for us: 2"), "{text}");
    let (first, second) = (
        text.find("Alícia").expect("Alícia is listed"),
        text.find("Bob").expect("Bob is listed"),
    );
    assert!(first < second, "oldest first: {text}");
    assert!(text.contains("Ticket #1 · new for 0 min"), "{text}");
    let urls = links(&desk, queue);
    assert_eq!(urls.len(), 2, "{urls:?}");
    assert!(urls.iter().all(|link| link.starts_with("https://t.me/c/")));
    assert!(buttons(&desk, queue).is_empty(), "one page, no buttons");

    // Replying to Alícia takes her out of the queue; Bob is tagged, given a field, assigned.
    desk.comment(desk.maria, alicia, None, Content::text("On its way!"))
        .await;
    desk.eventually("the customer gets the reply", || {
        bot_texts(&desk, alicia).len() > welcomes.0.len()
    })
    .await;
    desk.command(desk.maria, bob, "/mark vip").await;
    desk.command(desk.maria, bob, "/set email bob@example.com")
        .await;
    desk.command(desk.joao, bob, "/assign").await;
    let (_, text) = in_lobby(&desk, desk.maria, "/queue").await;
    assert!(text.starts_with("📥 Waiting for us: 1"), "{text}");
    assert!(text.contains("Bob") && !text.contains("Alícia"), "{text}");
    assert!(text.contains("assigned to João"), "{text}");

    // Found by tag, field value, id and name, ignoring case and accents.
    for query in ["VIP", "example.COM", &bob.0.to_string()] {
        let (_, text) = in_lobby(&desk, desk.maria, &format!("/find {query}")).await;
        assert!(
            text.contains(": 1 found") && text.contains("Bob"),
            "{query}: {text}"
        );
    }
    let (found, text) = in_lobby(&desk, desk.maria, "/find alicia").await;
    assert!(text.contains("Alícia") && !text.contains("Bob"), "{text}");
    assert!(text.contains("waiting for the customer for"), "{text}");
    assert_eq!(links(&desk, found).len(), 1);
    let (_, text) = in_lobby(&desk, desk.maria, "/find nobody").await;
    assert_eq!(text, "🔎 Nobody matches “nobody”.");

    // Mine: João's, not Maria's.
    let (_, text) = in_lobby(&desk, desk.joao, "/mine").await;
    assert!(
        text.starts_with("🙋 Your open tickets: 1") && text.contains("Bob"),
        "{text}"
    );
    let (_, text) = in_lobby(&desk, desk.maria, "/mine").await;
    assert_eq!(text, "🙋 No open ticket is assigned to you.");

    // Refused: in a thread, bad arguments, outsiders; nothing is listed.
    let wrong = desk.command(desk.maria, bob, "/queue").await;
    assert!(wrong.contains("works in the group's main chat"), "{wrong}");
    for (typed, usage) in [("/find", "Usage: /find"), ("/queue all", "Usage: /queue")] {
        let (_, text) = in_lobby(&desk, desk.maria, typed).await;
        assert!(text.starts_with(usage), "{typed}: {text}");
    }
    if !forum {
        let (_, text) = in_lobby(&desk, desk.outsider, "/find bob").await;
        assert!(text.contains("is a team command"), "{text}");
    }

    // The customers saw none of it.
    assert_eq!(bot_texts(&desk, bob), welcomes.1);
    let to_alicia = bot_texts(&desk, alicia);
    assert_eq!(to_alicia.len(), welcomes.0.len() + 1, "{to_alicia:?}");
    assert!(
        to_alicia
            .iter()
            .all(|text| !text.contains("🔎") && !text.contains("📥"))
    );
}

both_layouts!(the_lobby_lists_the_queue_mine_and_found_customers_with_links);

async fn long_lists_turn_their_pages_with_buttons_for_the_team_only(forum: bool) {
    let desk = Harness::start_layout(forum, &[]).await;
    let customers: Vec<UserId> = (1..=21)
        .map(|n| {
            let customer = desk.customer(&format!("Pager {n:02}"), "en");
            desk.say(customer, "hi");
            customer
        })
        .collect();
    let mut listed = (MessageId(0), String::new());
    for _ in 0..100 {
        listed = in_lobby(&desk, desk.maria, "/find pager").await;
        if listed.1.contains("21 found") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let (list, text) = listed;
    assert!(text.starts_with("🔎 pager: 21 found"), "{text}");
    assert!(
        text.contains("20. Pager 20") && !text.contains("Pager 21"),
        "{text}"
    );
    assert!(text.ends_with("Page 1 of 2"), "{text}");
    let [(label, next)] = buttons(&desk, list).try_into().expect("one button");
    assert_eq!(label, "Next ▶");

    let answer = press(&desk, desk.joao, list, &next).await;
    assert_eq!(answer.text, None, "{answer:?}");
    desk.eventually("the list shows page 2", || {
        text_of(&desk, list).contains("21. Pager 21")
    })
    .await;
    let page = text_of(&desk, list);
    assert!(
        !page.contains("Pager 01") && page.ends_with("Page 2 of 2"),
        "{page}"
    );
    let [(label, previous)] = buttons(&desk, list).try_into().expect("one button");
    assert_eq!(label, "◀ Previous");

    if !forum {
        let refused = press(&desk, desk.outsider, list, &previous).await;
        assert!(refused.show_alert, "{refused:?}");
        assert!(text_of(&desk, list).contains("Page 2 of 2"), "unchanged");
    }
    press(&desk, desk.maria, list, &previous).await;
    desk.eventually("the list shows page 1 again", || {
        text_of(&desk, list).contains("1. Pager 01")
    })
    .await;
    for customer in customers {
        assert!(
            bot_texts(&desk, customer)
                .iter()
                .all(|text| !text.contains("Pager")),
            "the customer sees no list"
        );
    }
}

both_layouts!(long_lists_turn_their_pages_with_buttons_for_the_team_only);
