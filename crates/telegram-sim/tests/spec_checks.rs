//! Requirement 2 — every call is checked against the Bot API reference, including methods the product does
//! not use; unmodelled methods answer `true` or a clear 400, never a 5xx.

use serde_json::json;
use telegram_sim::spec::Spec;
use telegram_sim::{AdminRights, Content, SimConfig, Strictness, UserSpec};
use teloxide::prelude::*;

use crate::support::{client, multipart, raw, start, start_with};

#[tokio::test]
async fn an_unknown_parameter_is_refused_and_named() {
    let sim = start().await;
    let bot = sim.create_bot("any_bot");
    let (status, body) = raw(
        &sim,
        &bot.token,
        "sendDice",
        json!({"chat_id": 1, "emoji": "🎲", "colour": "red"}),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        body["description"],
        json!("Bad Request: unknown parameter \"colour\"")
    );
}

#[tokio::test]
async fn a_lenient_simulator_ignores_unknown_parameters_as_telegram_does() {
    let sim = start_with(SimConfig {
        strictness: Strictness::Lenient,
        ..SimConfig::default()
    })
    .await;
    let bot = sim.create_bot("any_bot");
    let alice = sim.create_user(UserSpec::new("Alice"));
    sim.as_user(alice)
        .in_private(&bot)
        .send(Content::text("/start"))
        .unwrap();
    let (status, body) = raw(
        &sim,
        &bot.token,
        "sendMessage",
        json!({"chat_id": alice.0, "text": "hi", "colour": "red",
               "link_preview_options": {"is_disabled": true, "colour": "red"}}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["result"]["text"], json!("hi"));
    assert_eq!(sim.private_chat(alice, &bot).texts(), ["/start", "hi"]);
    // What Telegram refuses, a lenient simulator refuses too.
    let (status, body) = raw(
        &sim,
        &bot.token,
        "banChatMember",
        json!({"chat_id": -1001, "colour": "red"}),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        body["description"],
        json!("Bad Request: parameter \"user_id\" is required")
    );
}

#[tokio::test]
async fn a_missing_required_parameter_is_refused_and_named() {
    let sim = start().await;
    let bot = sim.create_bot("any_bot");
    let (status, body) = raw(&sim, &bot.token, "banChatMember", json!({"chat_id": -1001})).await;
    assert_eq!(status, 400);
    assert_eq!(
        body["description"],
        json!("Bad Request: parameter \"user_id\" is required")
    );
    let (_, body) = raw(&sim, &bot.token, "sendMessage", json!({"text": "x"})).await;
    assert_eq!(body["description"], json!("Bad Request: chat_id is empty"));
}

#[tokio::test]
async fn a_value_of_the_wrong_type_is_refused_and_named() {
    let sim = start().await;
    let bot = sim.create_bot("any_bot");
    let (status, body) = raw(
        &sim,
        &bot.token,
        "setChatTitle",
        json!({"chat_id": -1001, "title": 42}),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        body["description"],
        json!("Bad Request: parameter \"title\" must be of type String")
    );
    let (_, body) = raw(
        &sim,
        &bot.token,
        "getUpdates",
        json!({"allowed_updates": "message"}),
    )
    .await;
    assert_eq!(
        body["description"],
        json!("Bad Request: parameter \"allowed_updates\" must be of type Array of String")
    );
}

#[tokio::test]
async fn nested_objects_and_abstract_types_are_checked_recursively() {
    let sim = start().await;
    let bot = sim.create_bot("any_bot");
    let keyboard = json!({"inline_keyboard": [[{"text": "a", "callback_data": 5}]]});
    let (_, body) = raw(
        &sim,
        &bot.token,
        "sendMessage",
        json!({"chat_id": 1, "text": "x", "reply_markup": keyboard}),
    )
    .await;
    assert_eq!(
        body["description"],
        json!(
            "Bad Request: field \"reply_markup.inline_keyboard[0][0].callback_data\" must be of type String"
        )
    );
    let media = json!([{"type": "photo", "media": "x"}, {"type": "hologram", "media": "y"}]);
    let (_, body) = raw(
        &sim,
        &bot.token,
        "sendMediaGroup",
        json!({"chat_id": 1, "media": media}),
    )
    .await;
    assert_eq!(body["ok"], json!(false));
    assert!(
        body["description"].as_str().unwrap().contains("media[1]"),
        "{body}"
    );
    let scope = json!({"type": "chat_member", "chat_id": 1});
    let (_, body) = raw(
        &sim,
        &bot.token,
        "setMyCommands",
        json!({"commands": [], "scope": scope}),
    )
    .await;
    assert_eq!(
        body["description"],
        json!("Bad Request: field \"scope.user_id\" is required")
    );
    let results = json!([{"type": "article", "id": "1", "title": "t", "input_message_content": {"text": "wrong field"}}]);
    let (_, body) = raw(
        &sim,
        &bot.token,
        "answerInlineQuery",
        json!({"inline_query_id": "1", "results": results}),
    )
    .await;
    assert!(
        body["description"]
            .as_str()
            .unwrap()
            .starts_with("Bad Request: field \"results[0].input_message_content"),
        "{body}"
    );
}

#[tokio::test]
async fn text_values_of_multipart_bodies_are_coerced_to_their_types() {
    let sim = start().await;
    let bot = sim.create_bot("any_bot");
    let alice = sim.create_user(UserSpec::new("Alice"));
    sim.as_user(alice)
        .in_private(&bot)
        .send(Content::text("hi"))
        .unwrap();
    let url = format!("{}bot{}/sendMessage", sim.url(), bot.token);
    let form = reqwest::multipart::Form::new()
        .text("chat_id", alice.to_string())
        .text("text", "typed")
        .text("protect_content", "true")
        .text("reply_parameters", r#"{"message_id": 1}"#);
    let body = multipart(&url, form).await;
    assert_eq!(
        body["result"]["has_protected_content"],
        json!(true),
        "{body}"
    );
    assert_eq!(body["result"]["reply_to_message"]["text"], json!("hi"));
    let form = reqwest::multipart::Form::new()
        .text("chat_id", alice.to_string())
        .text("text", "x")
        .text("protect_content", "maybe");
    let body = multipart(&url, form).await;
    assert_eq!(
        body["description"],
        json!("Bad Request: parameter \"protect_content\" must be of type Boolean")
    );
}

#[tokio::test]
async fn a_valid_call_of_an_unmodelled_true_method_succeeds_and_is_recorded() {
    let sim = start().await;
    let bot = sim.create_bot("any_bot");
    let (status, body) = raw(
        &sim,
        &bot.token,
        "setChatTitle",
        json!({"chat_id": -1001, "title": "New"}),
    )
    .await;
    assert_eq!((status, body), (200, json!({"ok": true, "result": true})));
    let call = sim
        .calls()
        .into_iter()
        .find(|call| call.method == "setChatTitle")
        .expect("recorded");
    assert!(call.ok);
    assert_eq!(call.params["title"], json!("New"));
    // teloxide's own payloads pass too.
    client(&sim, &bot)
        .set_my_short_description()
        .short_description("Helpdesk")
        .await
        .expect("accepted");
}

#[tokio::test]
async fn an_unmodelled_method_returning_data_is_a_clear_400_never_a_5xx() {
    let sim = start().await;
    let bot = sim.create_bot("any_bot");
    let (status, body) = raw(
        &sim,
        &bot.token,
        "getUserProfilePhotos",
        json!({"user_id": 1}),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        body["description"],
        json!("Bad Request: method is not supported by the simulator")
    );
}

#[tokio::test]
async fn every_method_of_the_reference_answers_without_a_server_error() {
    let sim = start().await;
    let bot = sim.create_bot("any_bot");
    for method in Spec::get().methods() {
        let (status, body) = raw(&sim, &bot.token, &method.name, json!({})).await;
        assert!(status < 500, "{} answered {status}: {body}", method.name);
        assert!(body["ok"].is_boolean(), "{}: {body}", method.name);
    }
}

#[tokio::test]
async fn everything_the_simulator_answers_is_valid_against_the_reference() {
    let sim = start().await;
    let bot = sim.create_bot("threadesk_bot");
    sim.set_inline_mode(&bot, true);
    let owner = sim.create_user(UserSpec::new("Olga"));
    let alice = sim.create_user(UserSpec::new("Alice").username("alice").language("pt-br"));
    let channel = sim.create_channel("Support", owner);
    let group = sim.create_forum("Support forum", owner);
    sim.link_discussion_group(channel, group).unwrap();
    for chat in [channel, group] {
        sim.promote(chat, bot.user_id, AdminRights::all()).unwrap();
    }
    sim.add_member(group, alice).unwrap();
    sim.as_user(alice)
        .in_private(&bot)
        .send(Content::photo().caption("hi"))
        .unwrap();
    let spec = Spec::get();
    let answer = |(status, body): (u16, serde_json::Value)| {
        assert_eq!(status, 200, "{body}");
        body["result"].clone()
    };
    let token = bot.token.as_str();
    let check = |type_name: &str, value: &serde_json::Value| {
        spec.check_value(type_name, value)
            .unwrap_or_else(|error| panic!("{type_name}: {error}\n{value}"));
    };
    check("User", &answer(raw(&sim, token, "getMe", json!({})).await));
    for chat in [channel.0, group.0, alice.0 as i64] {
        check(
            "ChatFullInfo",
            &answer(raw(&sim, token, "getChat", json!({"chat_id": chat})).await),
        );
    }
    for user in [owner, bot.user_id, alice] {
        check(
            "ChatMember",
            &answer(
                raw(
                    &sim,
                    token,
                    "getChatMember",
                    json!({"chat_id": group.0, "user_id": user.0}),
                )
                .await,
            ),
        );
    }
    let topic = answer(
        raw(
            &sim,
            token,
            "createForumTopic",
            json!({"chat_id": group.0, "name": "Alice"}),
        )
        .await,
    );
    check("ForumTopic", &topic);
    for sticker in answer(raw(&sim, token, "getForumTopicIconStickers", json!({})).await)
        .as_array()
        .unwrap()
    {
        check("Sticker", sticker);
    }
    let post = answer(
        raw(
            &sim,
            token,
            "sendMessage",
            json!({"chat_id": channel.0, "text": "card"}),
        )
        .await,
    );
    check("Message", &post);
    let pinned = answer(
        raw(
            &sim,
            token,
            "pinChatMessage",
            json!({"chat_id": channel.0, "message_id": post["message_id"]}),
        )
        .await,
    );
    assert_eq!(pinned, json!(true));
    check(
        "MessageId",
        &answer(
            raw(
                &sim,
                token,
                "copyMessage",
                json!({"chat_id": alice.0, "from_chat_id": alice.0, "message_id": 1}),
            )
            .await,
        ),
    );
    check(
        "WebhookInfo",
        &answer(raw(&sim, token, "getWebhookInfo", json!({})).await),
    );
    let photo = sim.private_chat(alice, &bot)[0].file_id.clone().unwrap();
    check(
        "File",
        &answer(raw(&sim, token, "getFile", json!({"file_id": photo})).await),
    );
    let keyboard = json!({"inline_keyboard": [[{"text": "ok", "callback_data": "ok"}]]});
    let prompt = answer(
        raw(
            &sim,
            token,
            "sendMessage",
            json!({"chat_id": alice.0, "text": "rate", "reply_markup": keyboard}),
        )
        .await,
    );
    sim.as_user(alice)
        .in_private(&bot)
        .press_button(
            telegram_sim::MessageId(prompt["message_id"].as_i64().unwrap() as i32),
            "ok",
        )
        .unwrap();
    sim.as_user(alice)
        .inline_query(&bot, "faq", telegram_sim::ChatKind::Sender)
        .unwrap();
    sim.as_user(alice)
        .in_chat(group)
        .topic(telegram_sim::MessageId(
            topic["message_thread_id"].as_i64().unwrap() as i32,
        ))
        .send(Content::text("in topic"))
        .unwrap();
    sim.block_bot(alice, &bot, true).unwrap();
    sim.promote(group, alice, AdminRights::all()).unwrap();
    assert!(
        sim.wait_until(crate::support::WAIT, || sim
            .discussion_copy_of(channel, telegram_sim::MessageId(1))
            .is_some())
            .await
    );
    let updates = answer(raw(&sim, token, "getUpdates", json!({"allowed_updates": []})).await);
    let updates = updates.as_array().unwrap();
    assert!(updates.len() >= 6, "{updates:?}");
    for update in updates {
        check("Update", update);
    }
}
