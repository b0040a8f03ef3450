//! Requirement 7 — updates: getUpdates offsets, limits, long polling, the second poller, allowed_updates,
//! webhooks, inline queries, callback queries, membership updates, a real teloxide dispatcher.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http::{HeaderMap, StatusCode};
use serde_json::{Value, json};
use telegram_sim::{AdminRights, ChatKind, Content, SimConfig, UserSpec};
use teloxide::prelude::*;
use teloxide::types::{
    AllowedUpdate, ChatMemberKind, InlineKeyboardButton, InlineKeyboardMarkup, InlineQueryResult,
    InlineQueryResultArticle, InlineQueryResultCachedPhoto, InputMessageContent,
    InputMessageContentText, ParseMode, UpdateKind,
};
use teloxide::{ApiError, RequestError};

use crate::support::{WAIT, client, desk, drain, kinds, messages, raw, start, start_with};

fn conflict(error: RequestError) -> String {
    match error {
        RequestError::Api(ApiError::TerminatedByOtherGetUpdates) => "terminated".into(),
        RequestError::Api(ApiError::Unknown(text)) => text,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

#[tokio::test]
async fn an_update_is_confirmed_only_when_a_later_offset_is_requested() {
    let sim = start().await;
    let handle = sim.create_bot("any_bot");
    let bot = client(&sim, &handle);
    let alice = sim.create_user(UserSpec::new("Alice"));
    let in_private = sim.as_user(alice).in_private(&handle);
    for text in ["one", "two", "three"] {
        in_private.send(Content::text(text)).unwrap();
    }
    let first = bot.get_updates().await.unwrap();
    assert_eq!(first.len(), 3);
    assert_eq!(
        bot.get_updates().await.unwrap().len(),
        3,
        "unconfirmed updates are delivered again"
    );
    let second_id = first[1].id.0 as i32;
    let rest = bot.get_updates().offset(second_id).await.unwrap();
    assert_eq!(rest.len(), 2, "an offset confirms only the earlier updates");
    assert_eq!(bot.get_updates().limit(1).await.unwrap()[0].id, first[1].id);
    let last = bot.get_updates().offset(-1).await.unwrap();
    assert_eq!(last.len(), 1, "a negative offset keeps the last updates");
    assert_eq!(last[0].id, first[2].id);
    assert_eq!(
        bot.get_updates()
            .offset(first[2].id.0 as i32 + 1)
            .await
            .unwrap()
            .len(),
        0
    );
    assert_eq!(sim.pending_updates(&handle), 0);
}

#[tokio::test]
async fn a_long_poll_answers_as_soon_as_an_update_arrives_and_is_capped() {
    let sim = start_with(SimConfig {
        max_long_poll: Duration::from_millis(300),
        ..SimConfig::default()
    })
    .await;
    let handle = sim.create_bot("any_bot");
    let bot = client(&sim, &handle);
    let started = Instant::now();
    assert!(bot.get_updates().timeout(10).await.unwrap().is_empty());
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(280) && waited < Duration::from_secs(2),
        "{waited:?}"
    );

    let sim = start().await;
    let handle = sim.create_bot("any_bot");
    let bot = client(&sim, &handle);
    let alice = sim.create_user(UserSpec::new("Alice"));
    let poll = tokio::spawn(async move { (Instant::now(), bot.get_updates().timeout(10).await) });
    tokio::time::sleep(Duration::from_millis(100)).await;
    sim.as_user(alice)
        .in_private(&handle)
        .send(Content::text("wake up"))
        .unwrap();
    let (started, result) = poll.await.unwrap();
    assert_eq!(result.unwrap().len(), 1);
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn a_second_poller_terminates_the_first_with_a_conflict() {
    let sim = start().await;
    let handle = sim.create_bot("any_bot");
    let first = client(&sim, &handle);
    let second = client(&sim, &handle);
    let waiting = tokio::spawn(async move { first.get_updates().timeout(5).await });
    tokio::time::sleep(Duration::from_millis(250)).await;
    let started = Instant::now();
    let _ = second.get_updates().timeout(0).await.unwrap();
    let error = waiting
        .await
        .unwrap()
        .expect_err("the first poller is terminated");
    assert_eq!(conflict(error), "terminated");
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[tokio::test]
async fn allowed_updates_are_remembered_and_chat_member_updates_need_opt_in() {
    let desk = desk().await;
    let (sim, bot) = (&desk.sim, &desk.client);
    let maria = sim.create_user(UserSpec::new("Maria"));
    sim.add_member(desk.group, maria).unwrap();
    assert!(
        drain(bot).await.is_empty(),
        "chat_member updates are opt-in"
    );
    bot.get_updates()
        .allowed_updates([AllowedUpdate::Message, AllowedUpdate::ChatMember])
        .timeout(0)
        .await
        .unwrap();
    sim.promote(desk.group, maria, AdminRights::all()).unwrap();
    sim.as_user(maria)
        .in_chat(desk.group)
        .send(Content::text("hi"))
        .unwrap();
    let updates = drain(bot).await;
    assert_eq!(kinds(&updates), ["chat_member", "message"]);
    match &updates[0].kind {
        UpdateKind::ChatMember(change) => {
            assert!(matches!(
                change.old_chat_member.kind,
                ChatMemberKind::Member(_)
            ));
            assert!(matches!(
                change.new_chat_member.kind,
                ChatMemberKind::Administrator(_)
            ));
            assert_eq!(desk.owner, change.from.id);
        }
        other => panic!("unexpected {other:?}"),
    }
    sim.as_user(maria)
        .in_chat(desk.group)
        .send(Content::text("reacted"))
        .unwrap();
    let id = sim.transcript(desk.group).last().unwrap().id;
    sim.as_user(maria)
        .in_chat(desk.group)
        .react(id, "👍")
        .unwrap();
    assert_eq!(
        kinds(&drain(bot).await),
        ["message"],
        "message_reaction was not asked for"
    );
    bot.get_updates()
        .allowed_updates([AllowedUpdate::MessageReaction])
        .timeout(0)
        .await
        .unwrap();
    sim.as_user(maria)
        .in_chat(desk.group)
        .react(id, "🔥")
        .unwrap();
    assert_eq!(kinds(&drain(bot).await), ["message_reaction"]);
}

#[tokio::test]
async fn blocking_and_unblocking_the_bot_send_my_chat_member() {
    let sim = start().await;
    let handle = sim.create_bot("any_bot");
    let bot = client(&sim, &handle);
    let alice = sim.create_user(UserSpec::new("Alice"));
    sim.as_user(alice)
        .in_private(&handle)
        .send(Content::text("hi"))
        .unwrap();
    drain(&bot).await;
    sim.block_bot(alice, &handle, true).unwrap();
    let updates = drain(&bot).await;
    match &updates[0].kind {
        UpdateKind::MyChatMember(change) => {
            assert!(matches!(
                change.new_chat_member.kind,
                ChatMemberKind::Banned(_)
            ));
            assert_eq!(telegram_sim::ChatId::from(alice), change.chat.id);
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(matches!(
        bot.send_message(alice, "x").await,
        Err(RequestError::Api(ApiError::BotBlocked))
    ));
    sim.block_bot(alice, &handle, false).unwrap();
    assert_eq!(kinds(&drain(&bot).await), ["my_chat_member"]);
    bot.send_message(alice, "welcome back")
        .await
        .expect("unblocked");
}

/// Updates a webhook endpoint received, with the secret-token header of each.
type Received = Arc<Mutex<Vec<(Option<String>, Value)>>>;

/// A webhook endpoint that fails its first `failures` deliveries, then records the rest.
async fn receiver(failures: usize) -> (String, Received) {
    let received: Received = Arc::default();
    let attempts = Arc::new(Mutex::new(0_usize));
    let log = Arc::clone(&received);
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(
            move |headers: HeaderMap, axum::Json(update): axum::Json<Value>| {
                let (log, attempts) = (Arc::clone(&log), Arc::clone(&attempts));
                async move {
                    let mut attempts = attempts.lock().unwrap();
                    *attempts += 1;
                    if *attempts <= failures {
                        return StatusCode::INTERNAL_SERVER_ERROR;
                    }
                    let secret = headers
                        .get("X-Telegram-Bot-Api-Secret-Token")
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_owned);
                    log.lock().unwrap().push((secret, update));
                    StatusCode::OK
                }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{address}/hook"), received)
}

#[tokio::test]
async fn a_webhook_gets_every_update_in_order_with_the_secret_and_retries_until_2xx() {
    let sim = start().await;
    let handle = sim.create_bot("any_bot");
    let bot = client(&sim, &handle);
    let alice = sim.create_user(UserSpec::new("Alice"));
    let (url, received) = receiver(2).await;
    bot.set_webhook(url.parse().unwrap())
        .secret_token("s3cr3t".to_owned())
        .await
        .expect("sets the webhook");
    let error = bot.get_updates().await.expect_err("webhook active");
    assert_eq!(
        conflict(error),
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
    );
    for text in ["one", "two", "three"] {
        sim.as_user(alice)
            .in_private(&handle)
            .send(Content::text(text))
            .unwrap();
    }
    assert!(
        sim.wait_until(WAIT, || received.lock().unwrap().len() == 3)
            .await,
        "delivered after retries"
    );
    let received = received.lock().unwrap().clone();
    let texts: Vec<&str> = received
        .iter()
        .map(|(_, update)| update["message"]["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["one", "two", "three"]);
    assert!(
        received
            .iter()
            .all(|(secret, _)| secret.as_deref() == Some("s3cr3t"))
    );
    let info = bot.get_webhook_info().await.expect("webhook info");
    assert_eq!(info.url.map(|u| u.to_string()), Some(url.clone()));
    assert_eq!(info.pending_update_count, 0);
    assert!(
        info.last_error_message
            .is_some_and(|message| message.contains("500"))
    );
    bot.delete_webhook().await.expect("deletes");
    assert_eq!(bot.get_webhook_info().await.unwrap().url, None);
    bot.get_updates()
        .timeout(0)
        .await
        .expect("polling works again");
}

#[tokio::test]
async fn set_webhook_wants_https_except_locally_and_can_drop_pending_updates() {
    let sim = start().await;
    let handle = sim.create_bot("any_bot");
    let bot = client(&sim, &handle);
    let error = bot
        .set_webhook("http://example.com/hook".parse().unwrap())
        .await
        .expect_err("plain http");
    assert!(
        matches!(error, RequestError::Api(ApiError::WebhookRequireHttps)),
        "{error:?}"
    );
    let alice = sim.create_user(UserSpec::new("Alice"));
    sim.as_user(alice)
        .in_private(&handle)
        .send(Content::text("old"))
        .unwrap();
    let (status, _) = raw(
        &sim,
        &handle.token,
        "deleteWebhook",
        json!({"drop_pending_updates": true}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(sim.pending_updates(&handle), 0);
}

#[tokio::test]
async fn a_teloxide_dispatcher_polls_and_answers_through_the_simulator() {
    let sim = start_with(SimConfig {
        max_long_poll: Duration::from_millis(200),
        ..SimConfig::default()
    })
    .await;
    let handle = sim.create_bot("echo_bot");
    let alice = sim.create_user(UserSpec::new("Alice"));
    let handler = Update::filter_message().endpoint(|bot: Bot, message: Message| async move {
        bot.send_message(
            message.chat.id,
            format!("echo: {}", message.text().unwrap_or_default()),
        )
        .await?;
        respond(())
    });
    let mut dispatcher = Dispatcher::builder(client(&sim, &handle), handler).build();
    let shutdown = dispatcher.shutdown_token();
    let running = tokio::spawn(async move { dispatcher.dispatch().await });
    sim.as_user(alice)
        .in_private(&handle)
        .send(Content::text("ping"))
        .unwrap();
    assert!(
        sim.wait_until(WAIT, || sim.private_chat(alice, &handle).len() == 2)
            .await
    );
    assert_eq!(
        sim.private_chat(alice, &handle).texts(),
        ["ping", "echo: ping"]
    );
    if let Ok(stopped) = shutdown.shutdown() {
        stopped.await;
    }
    running.await.unwrap();
    let counters = sim.counters();
    assert!(counters.calls("getMe") >= 1 && counters.calls("getUpdates") >= 1);
}

#[tokio::test]
async fn inline_queries_are_answered_recorded_and_their_results_chosen() {
    let desk = desk().await;
    let (sim, bot) = (&desk.sim, &desk.client);
    sim.set_inline_mode(&desk.bot, true);
    sim.set_inline_feedback(&desk.bot, true);
    let maria = sim.create_user(UserSpec::new("Maria"));
    sim.add_member(desk.group, maria).unwrap();
    sim.as_user(maria)
        .in_private(&desk.bot)
        .send(Content::photo())
        .unwrap();
    let photo_id = messages(&drain(bot).await)[0]
        .photo()
        .unwrap()
        .last()
        .unwrap()
        .file
        .id
        .clone();
    let post = bot.send_message(desk.channel, "card").await.unwrap();
    let root = crate::support::copy_of(sim, desk.channel, post.id.into()).await;
    drain(bot).await;

    let query = sim
        .as_user(maria)
        .inline_query(&desk.bot, "terms", ChatKind::Supergroup)
        .unwrap();
    let updates = drain(bot).await;
    let inline = match &updates[0].kind {
        UpdateKind::InlineQuery(inline) => inline.clone(),
        other => panic!("unexpected {other:?}"),
    };
    assert_eq!(inline.query, "terms");
    assert_eq!(
        inline.chat_type,
        Some(teloxide::types::ChatType::Supergroup)
    );
    let article = InlineQueryResultArticle::new(
        "terms",
        "Terms",
        InputMessageContent::Text(
            InputMessageContentText::new("Read the <b>terms</b>").parse_mode(ParseMode::Html),
        ),
    );
    let cached = InlineQueryResultCachedPhoto::new("photo", photo_id).caption("as promised");
    bot.answer_inline_query(
        inline.id.clone(),
        [
            InlineQueryResult::Article(article),
            InlineQueryResult::CachedPhoto(cached),
        ],
    )
    .cache_time(0)
    .is_personal(true)
    .await
    .expect("answers");
    let answer = sim.inline_answer(&query).expect("recorded");
    assert_eq!(
        (answer.results.len(), answer.cache_time, answer.is_personal),
        (2, Some(0), true)
    );

    let chosen = sim
        .as_user(maria)
        .in_chat(desk.group)
        .reply_to(root)
        .choose_inline_result(&query, "terms")
        .unwrap();
    let entry = sim.thread(desk.group, root).last().cloned().unwrap();
    assert_eq!(
        (entry.id, entry.via_bot, entry.text.as_deref()),
        (chosen, Some(desk.bot.user_id), Some("Read the terms"))
    );
    assert_eq!(entry.entities[0].kind, "bold");
    sim.as_user(maria)
        .in_chat(desk.group)
        .reply_to(root)
        .choose_inline_result(&query, "photo")
        .unwrap();
    let entry = sim.thread(desk.group, root).last().cloned().unwrap();
    assert_eq!(
        (entry.kind, entry.text.as_deref()),
        ("photo", Some("as promised"))
    );
    let updates = drain(bot).await;
    assert_eq!(
        kinds(&updates),
        [
            "message",
            "chosen_inline_result",
            "message",
            "chosen_inline_result"
        ]
    );
    assert_eq!(
        messages(&updates)[0].via_bot.as_ref().map(|b| b.id),
        Some(desk.bot.user_id.into())
    );
}

#[tokio::test]
async fn late_unknown_and_oversized_inline_answers_are_refused() {
    let sim = start_with(SimConfig {
        inline_query_ttl: Duration::from_millis(50),
        ..SimConfig::default()
    })
    .await;
    let handle = sim.create_bot("any_bot");
    let bot = client(&sim, &handle);
    let alice = sim.create_user(UserSpec::new("Alice"));
    assert!(
        sim.as_user(alice)
            .inline_query(&handle, "x", ChatKind::Sender)
            .is_err(),
        "inline mode is off"
    );
    sim.set_inline_mode(&handle, true);
    let query = sim
        .as_user(alice)
        .inline_query(&handle, "x", ChatKind::Sender)
        .unwrap();
    let article = |id: &str| {
        InlineQueryResult::Article(InlineQueryResultArticle::new(
            id,
            "t",
            InputMessageContent::Text(InputMessageContentText::new("x")),
        ))
    };
    let too_many: Vec<InlineQueryResult> = (0..51).map(|i| article(&i.to_string())).collect();
    let error = bot
        .answer_inline_query(teloxide::types::InlineQueryId(query.0.clone()), too_many)
        .await
        .expect_err("51 results");
    assert!(
        matches!(
            error,
            RequestError::Api(ApiError::TooMuchInlineQueryResults)
        ),
        "{error:?}"
    );
    let error = bot
        .answer_inline_query(
            teloxide::types::InlineQueryId(query.0.clone()),
            [article("same"), article("same")],
        )
        .await
        .expect_err("duplicates");
    assert!(
        matches!(&error, RequestError::Api(ApiError::Unknown(text)) if text == "Bad Request: RESULT_ID_DUPLICATE")
    );
    let long_id = "x".repeat(65);
    let error = bot
        .answer_inline_query(
            teloxide::types::InlineQueryId(query.0.clone()),
            [article(&long_id)],
        )
        .await
        .expect_err("id longer than 64 bytes");
    assert!(
        matches!(&error, RequestError::Api(ApiError::Unknown(text)) if text == "Bad Request: RESULT_ID_INVALID")
    );
    tokio::time::sleep(Duration::from_millis(80)).await;
    let too_old =
        "Bad Request: query is too old and response timeout expired or query ID is invalid";
    let error = bot
        .answer_inline_query(
            teloxide::types::InlineQueryId(query.0.clone()),
            [article("a")],
        )
        .await
        .expect_err("too late");
    assert!(
        matches!(&error, RequestError::Api(ApiError::Unknown(text)) if text == too_old),
        "{error:?}"
    );
    let error = bot
        .answer_inline_query(teloxide::types::InlineQueryId("42".into()), [article("a")])
        .await
        .expect_err("unknown");
    assert!(
        matches!(&error, RequestError::Api(ApiError::Unknown(text)) if text == too_old),
        "{error:?}"
    );
}

#[tokio::test]
async fn pressing_an_inline_button_sends_a_callback_query_the_bot_answers() {
    let sim = start().await;
    let handle = sim.create_bot("any_bot");
    let bot = client(&sim, &handle);
    let alice = sim.create_user(UserSpec::new("Alice"));
    sim.as_user(alice)
        .in_private(&handle)
        .send(Content::text("hi"))
        .unwrap();
    let keyboard =
        InlineKeyboardMarkup::new([[InlineKeyboardButton::callback("Rate 5", "rate:5")]]);
    let prompt = bot
        .send_message(alice, "How did we do?")
        .reply_markup(keyboard)
        .await
        .unwrap();
    drain(&bot).await;
    assert!(
        sim.as_user(alice)
            .in_private(&handle)
            .press_button(prompt.id.into(), "rate:1")
            .is_err()
    );
    let query = sim
        .as_user(alice)
        .in_private(&handle)
        .press_button(prompt.id.into(), "rate:5")
        .unwrap();
    let updates = drain(&bot).await;
    let callback = match &updates[0].kind {
        UpdateKind::CallbackQuery(callback) => callback.clone(),
        other => panic!("unexpected {other:?}"),
    };
    assert_eq!(callback.data.as_deref(), Some("rate:5"));
    assert_eq!(callback.regular_message().map(|m| m.id), Some(prompt.id));
    bot.answer_callback_query(callback.id.clone())
        .text("Thanks!")
        .await
        .expect("answers");
    assert_eq!(
        sim.callback_answer(&query).and_then(|a| a.text),
        Some("Thanks!".to_owned())
    );
    assert!(
        bot.answer_callback_query(callback.id).await.is_err(),
        "answered once"
    );
}

#[tokio::test]
async fn replacing_a_webhook_moves_delivery_to_the_new_url() {
    let sim = start().await;
    let handle = sim.create_bot("any_bot");
    let bot = client(&sim, &handle);
    let alice = sim.create_user(UserSpec::new("Alice"));
    let (old_url, old) = receiver(0).await;
    let (new_url, new) = receiver(0).await;
    bot.set_webhook(old_url.parse().unwrap()).await.unwrap();
    sim.as_user(alice)
        .in_private(&handle)
        .send(Content::text("first"))
        .unwrap();
    assert!(
        sim.wait_until(WAIT, || old.lock().unwrap().len() == 1)
            .await
    );
    bot.set_webhook(new_url.parse().unwrap()).await.unwrap();
    for text in ["second", "third"] {
        sim.as_user(alice)
            .in_private(&handle)
            .send(Content::text(text))
            .unwrap();
    }
    assert!(
        sim.wait_until(WAIT, || new.lock().unwrap().len() == 2)
            .await
    );
    assert_eq!(old.lock().unwrap().len(), 1);
    let texts: Vec<String> = new
        .lock()
        .unwrap()
        .iter()
        .map(|(_, u)| u["message"]["text"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(texts, ["second", "third"]);
}
