//! Requirement 8 — rate limits (429 with retry_after and Retry-After), fault injection, refusals of blocked,
//! deactivated and never-started users, counters.

use std::time::{Duration, Instant};

use serde_json::json;
use telegram_sim::{BotHandle, Content, Faults, Limits, Outage, Rate, Simulator, UserId, UserSpec};
use teloxide::prelude::*;
use teloxide::types::{InputFile, InputMedia, InputMediaPhoto};
use teloxide::{ApiError, RequestError};

use crate::support::{client, desk, start};

async fn customer(sim: &Simulator, bot: &BotHandle, name: &str) -> UserId {
    let user = sim.create_user(UserSpec::new(name));
    sim.as_user(user)
        .in_private(bot)
        .send(Content::text("/start"))
        .unwrap();
    user
}

#[tokio::test]
async fn a_private_chat_limit_answers_429_with_retry_after_in_body_and_header() {
    let sim = start().await;
    let handle = sim.create_bot("any_bot");
    let bot = client(&sim, &handle);
    let alice = customer(&sim, &handle, "Alice").await;
    let bob = customer(&sim, &handle, "Bob").await;
    sim.set_limits(Limits {
        private_chat: Some(Rate::per_second(1)),
        ..Limits::default()
    });
    let one = bot
        .send_message(alice, "one")
        .await
        .expect("within the limit");
    let error = bot
        .send_message(alice, "two")
        .await
        .expect_err("over the limit");
    assert!(
        matches!(error, RequestError::RetryAfter(seconds) if seconds.seconds() == 1),
        "{error:?}"
    );
    bot.send_message(bob, "another chat has its own window")
        .await
        .expect("other chat");
    let url = format!("{}bot{}/sendMessage", sim.url(), handle.token);
    let response = reqwest::Client::new()
        .post(url)
        .json(&json!({"chat_id": alice.0, "text": "three"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 429);
    assert_eq!(
        response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("1")
    );
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(
        body,
        json!({"ok": false, "error_code": 429, "description": "Too Many Requests: retry after 1", "parameters": {"retry_after": 1}})
    );
    bot.edit_message_text(alice, one.id, "edits are not limited")
        .await
        .expect("edit");
    assert_eq!(
        sim.private_chat(alice, &handle).texts(),
        ["/start", "edits are not limited"]
    );
    assert_eq!(sim.counters().too_many_requests, 2);
}

#[tokio::test]
async fn a_group_limit_counts_every_message_a_call_creates() {
    let desk = desk().await;
    let (sim, bot) = (&desk.sim, &desk.client);
    sim.set_limits(Limits {
        group: Some(Rate::per_minute(3)),
        ..Limits::default()
    });
    let photo = || InputMedia::Photo(InputMediaPhoto::new(InputFile::memory(b"p".to_vec())));
    bot.send_media_group(desk.group, [photo(), photo()])
        .await
        .expect("two of three");
    let error = bot
        .send_media_group(desk.group, [photo(), photo()])
        .await
        .expect_err("four of three");
    assert!(
        matches!(error, RequestError::RetryAfter(seconds) if (59..=60).contains(&seconds.seconds())),
        "{error:?}"
    );
    bot.send_message(desk.group, "three of three")
        .await
        .expect("fits");
    let first = sim.transcript(desk.group)[0].id;
    let error = bot
        .copy_messages(desk.group, desk.group, [first.into()])
        .await
        .expect_err("copies count too");
    assert!(matches!(error, RequestError::RetryAfter(_)), "{error:?}");
    sim.set_limits(Limits::default());
    bot.send_message(desk.group, "limits change at runtime")
        .await
        .expect("unlimited again");
}

#[tokio::test]
async fn a_global_limit_spans_all_chats_of_a_bot() {
    let sim = start().await;
    let handle = sim.create_bot("any_bot");
    let bot = client(&sim, &handle);
    let users = [
        customer(&sim, &handle, "A").await,
        customer(&sim, &handle, "B").await,
        customer(&sim, &handle, "C").await,
    ];
    sim.set_limits(Limits {
        global: Some(Rate::per_second(2)),
        ..Limits::default()
    });
    bot.send_message(users[0], "1").await.unwrap();
    bot.send_message(users[1], "2").await.unwrap();
    assert!(matches!(
        bot.send_message(users[2], "3").await,
        Err(RequestError::RetryAfter(_))
    ));
}

#[tokio::test]
async fn dropped_connections_happen_before_or_after_the_call_is_applied() {
    let sim = start().await;
    let handle = sim.create_bot("any_bot");
    let bot = client(&sim, &handle);
    let alice = customer(&sim, &handle, "Alice").await;
    sim.set_faults(Faults {
        drop_before: 1.0,
        ..Faults::none()
    });
    let error = bot
        .send_message(alice, "lost")
        .await
        .expect_err("connection dropped");
    assert!(
        matches!(error, RequestError::Network(_) | RequestError::Io(_)),
        "{error:?}"
    );
    assert_eq!(
        sim.private_chat(alice, &handle).texts(),
        ["/start"],
        "not applied"
    );
    sim.set_faults(Faults {
        drop_after: 1.0,
        ..Faults::none()
    });
    let error = bot
        .send_message(alice, "applied")
        .await
        .expect_err("answer lost");
    assert!(
        matches!(error, RequestError::Network(_) | RequestError::Io(_)),
        "{error:?}"
    );
    assert_eq!(
        sim.private_chat(alice, &handle).texts(),
        ["/start", "applied"],
        "applied"
    );
    sim.set_faults(Faults::none());
    bot.send_message(alice, "fine").await.expect("no faults");
    let counters = sim.counters();
    assert_eq!(
        (
            counters.dropped_before,
            counters.dropped_after,
            counters.faults_injected
        ),
        (1, 1, 2)
    );
}

#[tokio::test]
async fn injected_429_bursts_and_slow_answers_follow_the_configuration() {
    let sim = start().await;
    let handle = sim.create_bot("any_bot");
    let bot = client(&sim, &handle);
    let alice = customer(&sim, &handle, "Alice").await;
    sim.set_faults(Faults {
        too_many: 1.0,
        retry_after: 7,
        ..Faults::none()
    });
    let error = bot.send_message(alice, "x").await.expect_err("burst");
    assert!(
        matches!(error, RequestError::RetryAfter(seconds) if seconds.seconds() == 7),
        "{error:?}"
    );
    assert!(
        bot.get_updates().timeout(0).await.is_ok(),
        "getUpdates is spared unless configured"
    );
    sim.set_faults(Faults {
        too_many: 1.0,
        include_get_updates: true,
        ..Faults::none()
    });
    assert!(matches!(
        bot.get_updates().timeout(0).await,
        Err(RequestError::RetryAfter(_))
    ));
    sim.set_faults(Faults {
        slow: 1.0,
        slow_delay: Duration::from_millis(200),
        ..Faults::none()
    });
    let started = Instant::now();
    bot.send_message(alice, "slow").await.expect("arrives late");
    assert!(started.elapsed() >= Duration::from_millis(200));
    assert_eq!(sim.private_chat(alice, &handle).texts(), ["/start", "slow"]);
}

#[tokio::test]
async fn an_outage_fails_every_call_of_one_method_until_it_ends() {
    let sim = start().await;
    let handle = sim.create_bot("any_bot");
    let bot = client(&sim, &handle);
    let alice = customer(&sim, &handle, "Alice").await;
    sim.set_outage(
        "sendMessage",
        Some(Outage::TooManyRequests { retry_after: 3 }),
    );
    let error = bot.send_message(alice, "x").await.expect_err("refused");
    assert!(
        matches!(error, RequestError::RetryAfter(seconds) if seconds.seconds() == 3),
        "{error:?}"
    );
    assert!(bot.get_me().await.is_ok(), "other methods work");
    sim.set_outage("sendMessage", Some(Outage::DroppedConnection));
    assert!(matches!(
        bot.send_message(alice, "x").await,
        Err(RequestError::Network(_))
    ));
    sim.set_outage("getMe", Some(Outage::ServerError));
    let calls_before = sim.calls().len();
    let raw = reqwest::get(format!("{}bot{}/getMe", sim.url(), handle.token))
        .await
        .unwrap();
    assert_eq!(raw.status().as_u16(), 500);
    let body: serde_json::Value = raw.json().await.unwrap();
    assert_eq!(
        body,
        json!({"ok": false, "error_code": 500, "description": "Internal Server Error"})
    );
    assert_eq!(sim.calls().len(), calls_before + 1, "journaled");
    sim.set_outage("getMe", None);
    sim.set_outage("sendMessage", None);
    bot.send_message(alice, "through").await.unwrap();
    assert_eq!(
        sim.private_chat(alice, &handle).texts(),
        ["/start", "through"]
    );
}

#[tokio::test]
async fn the_same_seed_injects_the_same_faults() {
    let sim = start().await;
    let handle = sim.create_bot("any_bot");
    let bot = client(&sim, &handle);
    let faults = Faults {
        seed: 7,
        drop_before: 0.2,
        drop_after: 0.2,
        too_many: 0.2,
        retry_after: 1,
        ..Faults::none()
    };
    let mut runs = Vec::new();
    for _ in 0..2 {
        sim.set_faults(faults.clone());
        let mut outcomes = Vec::new();
        for _ in 0..30 {
            outcomes.push(match bot.get_me().await {
                Ok(_) => "ok",
                Err(RequestError::RetryAfter(_)) => "429",
                Err(_) => "dropped",
            });
        }
        runs.push(outcomes);
    }
    assert_eq!(runs[0], runs[1]);
    assert!(
        runs[0].contains(&"ok") && runs[0].contains(&"429") && runs[0].contains(&"dropped"),
        "{:?}",
        runs[0]
    );
}

#[tokio::test]
async fn blocked_deactivated_and_never_started_users_are_refused() {
    let sim = start().await;
    let handle = sim.create_bot("any_bot");
    let bot = client(&sim, &handle);
    let blocked = customer(&sim, &handle, "Blocked").await;
    let gone = customer(&sim, &handle, "Gone").await;
    let stranger = sim.create_user(UserSpec::new("Stranger"));
    sim.block_bot(blocked, &handle, true).unwrap();
    sim.deactivate(gone, true).unwrap();
    assert!(matches!(
        bot.send_message(blocked, "x").await,
        Err(RequestError::Api(ApiError::BotBlocked))
    ));
    assert!(matches!(
        bot.send_message(gone, "x").await,
        Err(RequestError::Api(ApiError::UserDeactivated))
    ));
    let error = bot
        .send_message(stranger, "x")
        .await
        .expect_err("never started");
    assert!(
        matches!(&error, RequestError::Api(ApiError::Unknown(t)) if t == "Forbidden: bot can't initiate conversation with a user")
    );
    let other = sim.create_bot("other_bot");
    let error = bot
        .send_message(other.user_id, "x")
        .await
        .expect_err("bots can't message bots");
    assert!(
        matches!(&error, RequestError::Api(ApiError::Unknown(t)) if t == "Forbidden: bot can't send messages to bots")
    );
}

#[tokio::test]
async fn counters_report_calls_per_method() {
    let sim = start().await;
    let handle = sim.create_bot("any_bot");
    let bot = client(&sim, &handle);
    for _ in 0..3 {
        bot.get_me().await.unwrap();
    }
    let _ = bot.send_message(UserId(1), "x").await;
    let counters = sim.counters();
    assert_eq!(counters.calls("getMe"), 3);
    assert_eq!(counters.calls("sendMessage"), 1);
    let failed = sim
        .calls()
        .into_iter()
        .find(|call| call.method == "sendMessage")
        .unwrap();
    assert_eq!((failed.ok, failed.error_code), (false, Some(400)));
    assert_eq!(failed.bot, Some(handle.user_id));
}
