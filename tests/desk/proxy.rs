//! The parallel connection: an existing bot (a real teloxide `Bot` whose API URL is the desk's
//! Bot API proxy) keeps working while the desk receives every update from Telegram: its calls
//! are forwarded, customers' messages reach both, team chats stay the desk's, its own buttons
//! are answered by it alone, and only the desk's token is served.

use std::time::Duration;

use telegram_sim::Content;

use crate::existing_bot::ExistingBot;
use crate::support::{Harness, WAIT, both_layouts, free_port};

/// The desk running with the proxy on a free port, and the proxy's URL.
pub async fn desk_with_proxy(extra: &[(&str, &str)]) -> (Harness, String) {
    desk_with_proxy_in(false, extra).await
}

/// The same in either layout.
async fn desk_with_proxy_in(forum: bool, extra: &[(&str, &str)]) -> (Harness, String) {
    let port = free_port();
    let listen = format!("listen:127.0.0.1:{port}");
    let mut settings = vec![("THREADESK_UPSTREAM_BOT", listen.as_str())];
    settings.extend_from_slice(extra);
    let desk = Harness::start_layout(forum, &settings).await;
    let url = format!("http://127.0.0.1:{port}");
    wait_for_proxy(&url, &desk.bot.token).await;
    (desk, url)
}

async fn wait_for_proxy(url: &str, token: &str) {
    let client = reqwest::Client::new();
    for _ in 0..200 {
        let answer = client.get(format!("{url}/bot{token}/getMe")).send().await;
        if answer.is_ok_and(|answer| answer.status().is_success()) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the proxy did not start");
}

#[tokio::test]
async fn the_existing_bot_answers_through_the_proxy_while_the_desk_mirrors_the_customer() {
    let (desk, url) = desk_with_proxy(&[]).await;
    let existing = ExistingBot::start(&desk.bot.token, &url);
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello");
    desk.eventually("the existing bot's answer reaches the customer", || {
        desk.private(alice).find("echo: hello").is_some()
    })
    .await;
    let thread = desk.thread_len(alice, 1).await;
    assert!(thread.find("hello").is_some(), "{thread}");

    desk.comment(desk.maria, alice, None, Content::text("a human is here"))
        .await;
    desk.eventually("the team's reply reaches the customer", || {
        desk.private(alice).find("a human is here").is_some()
    })
    .await;
    desk.say(alice, "thanks");
    desk.eventually("the existing bot gets the next message", || {
        existing.seen().contains(&"message:thanks".to_owned())
    })
    .await;
    assert_eq!(
        existing.seen(),
        ["message:hello", "message:thanks"],
        "team chat messages are the desk's alone"
    );
}

#[tokio::test]
async fn presses_of_the_existing_bots_buttons_are_answered_by_it_alone() {
    let (desk, url) = desk_with_proxy(&[]).await;
    let existing = ExistingBot::start(&desk.bot.token, &url);
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "menu");
    desk.eventually("the menu reaches the customer", || {
        desk.private(alice).find("Our menu").is_some()
    })
    .await;
    let menu = desk.private(alice).find("Our menu").unwrap().id;
    let press = desk
        .sim
        .as_user(alice)
        .in_private(&desk.bot)
        .press_button(menu, "buy:socks")
        .expect("the button can be pressed");
    desk.eventually("the existing bot answers the press", || {
        desk.sim.callback_answer(&press).is_some()
    })
    .await;
    let answer = desk.sim.callback_answer(&press).unwrap();
    assert_eq!(answer.text.as_deref(), Some("socks are on their way"));
    assert!(existing.seen().contains(&"callback:buy:socks".to_owned()));
}

#[tokio::test]
async fn only_the_desks_token_is_served_and_a_second_poller_is_refused_with_409() {
    let (desk, url) = desk_with_proxy(&[]).await;
    let client = reqwest::Client::new();
    let wrong = client
        .get(format!("{url}/bot123:wrong/getMe"))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 403);

    let token = &desk.bot.token;
    let first = client
        .get(format!("{url}/bot{token}/getUpdates?timeout=5"))
        .send();
    let first = tokio::spawn(first);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let second = client
        .get(format!("{url}/bot{token}/getUpdates?timeout=0"))
        .send()
        .await
        .unwrap();
    assert_eq!(second.status(), 200);
    let first = tokio::time::timeout(WAIT, first)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!(first.status(), 409, "the earlier long poll is ended");

    // A form and a query string are forwarded as they are.
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hi");
    let chat = alice.0.to_string();
    let sent: serde_json::Value = client
        .post(format!("{url}/bot{token}/sendmessage"))
        .form(&[("chat_id", chat.as_str()), ("text", "sent as a form")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(sent["ok"], true, "{sent}");
    let me: serde_json::Value = client
        .get(format!("{url}/bot{token}/getMe?"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["result"]["username"], "threadesk_bot", "{me}");
    assert!(desk.private(alice).find("sent as a form").is_some());
    let unknown: serde_json::Value = client
        .get(format!("{url}/bot{token}/noSuchMethod?x=1"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        unknown["ok"], false,
        "Telegram's answer comes back: {unknown}"
    );
}

#[tokio::test]
async fn updates_wait_for_the_existing_bot_until_an_offset_confirms_them() {
    let (desk, url) = desk_with_proxy(&[]).await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "one");
    desk.say(alice, "two");
    desk.thread_len(alice, 2).await;
    let client = reqwest::Client::new();
    let token = &desk.bot.token;
    let updates = |query: String| {
        let request = client.get(format!("{url}/bot{token}/getUpdates?{query}"));
        async move {
            let answer: serde_json::Value = request.send().await.unwrap().json().await.unwrap();
            answer["result"].as_array().cloned().unwrap_or_default()
        }
    };
    let texts = |batch: &[serde_json::Value]| -> Vec<String> {
        batch
            .iter()
            .filter_map(|update| update["message"]["text"].as_str().map(str::to_owned))
            .collect()
    };
    let all = updates("timeout=1".into()).await;
    assert_eq!(texts(&all), ["one", "two"]);
    let again = updates("limit=1".into()).await;
    assert_eq!(
        texts(&again),
        ["one"],
        "nothing is confirmed without an offset"
    );
    let second_id = all[1]["update_id"].as_i64().unwrap();
    let rest = updates(format!("offset={second_id}")).await;
    assert_eq!(texts(&rest), ["two"]);
    let none = updates(format!(
        "offset={}&allowed_updates=[\"callback_query\"]",
        second_id + 1
    ))
    .await;
    assert!(none.is_empty());
    desk.say(alice, "three");
    let filtered = updates(format!("offset={}&timeout=1", second_id + 1)).await;
    assert!(filtered.is_empty(), "allowed_updates is kept: {filtered:?}");
}

/// A webhook endpoint of the existing bot: refuses the first delivery, then records the
/// updates' texts with the secret token they came with.
async fn webhook_endpoint() -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use std::sync::{Arc, Mutex};

    use axum::http::{HeaderMap, StatusCode};

    let received: Arc<Mutex<Vec<String>>> = Arc::default();
    let refused_once = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let seen = Arc::clone(&received);
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |headers: HeaderMap, body: axum::body::Bytes| {
            let seen = Arc::clone(&seen);
            let refused_once = Arc::clone(&refused_once);
            async move {
                if !refused_once.swap(true, std::sync::atomic::Ordering::SeqCst) {
                    return StatusCode::INTERNAL_SERVER_ERROR;
                }
                let update: serde_json::Value = serde_json::from_slice(&body).unwrap();
                let secret = headers
                    .get("x-telegram-bot-api-secret-token")
                    .and_then(|value| value.to_str().ok())
                    .unwrap_or_default()
                    .to_owned();
                let text = update["message"]["text"].as_str().unwrap_or_default();
                seen.lock().unwrap().push(format!("{secret}:{text}"));
                StatusCode::OK
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, received)
}

#[tokio::test]
async fn a_webhook_set_on_the_proxy_gets_every_update_retried_and_is_never_registered_with_telegram()
 {
    let (desk, url) = desk_with_proxy(&[]).await;
    let (hook, received) = webhook_endpoint().await;
    let client = reqwest::Client::new();
    let token = &desk.bot.token;
    let set: serde_json::Value = client
        .post(format!("{url}/bot{token}/setWebhook"))
        .json(&serde_json::json!({"url": hook, "secret_token": "s3cret"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(set["result"], true, "{set}");
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "first");
    desk.say(alice, "second");
    desk.eventually("both updates reach the webhook", || {
        received.lock().unwrap().len() >= 2
    })
    .await;
    assert_eq!(
        *received.lock().unwrap(),
        ["s3cret:first", "s3cret:second"],
        "in order, the refused one again"
    );
    let polled = client
        .get(format!("{url}/bot{token}/getUpdates"))
        .send()
        .await
        .unwrap();
    assert_eq!(polled.status(), 409, "no polling while a webhook is set");
    let info: serde_json::Value = client
        .get(format!("{url}/bot{token}/getWebhookInfo"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(info["result"]["url"], hook.as_str());
    assert_eq!(info["result"]["pending_update_count"], 0);
    let at_telegram: serde_json::Value = client
        .get(format!("{}bot{token}/getWebhookInfo", desk.sim.url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(at_telegram["result"]["url"], "", "{at_telegram}");
    desk.thread_len(alice, 2).await;
}

async fn the_existing_bots_messages_are_mirrored_into_the_thread_in_order(forum: bool) {
    let (desk, url) = desk_with_proxy_in(forum, &[]).await;
    let _existing = ExistingBot::start(&desk.bot.token, &url);
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello");
    let thread = desk.thread_len(alice, 2).await;
    let texts: Vec<&str> = thread
        .iter()
        .skip(1)
        .filter_map(|entry| entry.text.as_deref())
        .collect();
    assert_eq!(texts, ["hello", "🤖 bot: echo: hello"], "{thread}");
    desk.say(alice, "menu");
    let thread = desk.thread_len(alice, 4).await;
    let menu = thread.find("🤖 bot: Our menu\n[Buy socks]");
    assert!(menu.is_some(), "buttons are listed as text: {thread}");

    // A reply to the mirror replies to the existing bot's message in the customer's chat.
    let mirror = menu.unwrap().id;
    desk.comment(
        desk.maria,
        alice,
        Some(mirror),
        Content::text("I can help with socks"),
    )
    .await;
    desk.eventually("the reply reaches the customer", || {
        desk.private(alice).find("I can help with socks").is_some()
    })
    .await;
    let private = desk.private(alice);
    let original = private.find("Our menu").unwrap().id;
    assert_eq!(
        private.find("I can help with socks").unwrap().reply_to,
        Some(original),
        "{private}"
    );
}

both_layouts!(the_existing_bots_messages_are_mirrored_into_the_thread_in_order);

#[tokio::test]
async fn customers_the_desk_does_not_handle_see_only_the_existing_bot() {
    let (desk, url) = desk_with_proxy(&[("THREADESK_PRIVATE_KEYWORDS", "human")]).await;
    let existing = ExistingBot::start(&desk.bot.token, &url);
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello");
    desk.eventually("the existing bot answers", || {
        desk.private(alice).find("echo: hello").is_some()
    })
    .await;
    desk.say(alice, "I want a human");
    let thread = desk.thread_len(alice, 2).await;
    let texts: Vec<&str> = thread
        .iter()
        .skip(1)
        .filter_map(|entry| entry.text.as_deref())
        .collect();
    assert_eq!(
        texts,
        ["I want a human", "🤖 bot: echo: I want a human"],
        "the thread starts at activation: {thread}"
    );
    assert!(existing.seen().contains(&"message:hello".to_owned()));
}

#[tokio::test]
async fn with_handoff_the_existing_bot_stops_hearing_the_customer_once_the_team_replied() {
    let (desk, url) = desk_with_proxy(&[("THREADESK_HANDOFF", "true")]).await;
    let existing = ExistingBot::start(&desk.bot.token, &url);
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello");
    desk.thread_len(alice, 2).await;
    desk.comment(desk.maria, alice, None, Content::text("Maria here"))
        .await;
    desk.eventually("the team's reply reaches the customer", || {
        desk.private(alice).find("Maria here").is_some()
    })
    .await;
    desk.say(alice, "thanks Maria");
    let thread = desk.thread_len(alice, 4).await;
    assert!(thread.find("thanks Maria").is_some(), "{thread}");
    assert_eq!(
        existing.seen(),
        ["message:hello"],
        "the existing bot is muted"
    );
    assert!(desk.private(alice).find("echo: thanks Maria").is_none());
    let card = desk.card(alice).await;
    let text = desk.card_text_of(card);
    assert!(text.contains("human handling"), "{text}");

    desk.command(desk.maria, alice, "/fim").await;
    desk.eventually("the customer hears the ticket closed", || {
        desk.private(alice).find("has been closed").is_some()
    })
    .await;
    desk.say(alice, "back again");
    desk.eventually("the existing bot hears the customer again", || {
        existing.seen().contains(&"message:back again".to_owned())
    })
    .await;
    desk.eventually(
        "the new ticket's card shows the bot answering again",
        || {
            let text = desk.card_text_of(card);
            text.contains("#2") && !text.contains("human handling")
        },
    )
    .await;
}
