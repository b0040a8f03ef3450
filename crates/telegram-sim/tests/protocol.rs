//! Requirement 1 — protocol: URL shapes, bodies, envelopes, status codes, downloads.

use serde_json::json;
use telegram_sim::{Content, UserSpec};
use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::InputFile;
use teloxide::{ApiError, RequestError};

use crate::support::{client, drain, messages, multipart, raw, start};

#[tokio::test]
async fn a_real_teloxide_bot_gets_itself_from_the_simulator() {
    let sim = start().await;
    let handle = sim.create_bot("threadesk_bot");
    sim.set_inline_mode(&handle, true);
    let me = client(&sim, &handle).get_me().await.expect("getMe works");
    assert_eq!(me.username(), "threadesk_bot");
    assert_eq!(handle.user_id, me.id);
    assert!(me.is_bot);
    assert!(
        !me.can_read_all_group_messages,
        "privacy mode is on by default"
    );
    assert!(me.supports_inline_queries);
}

#[tokio::test]
async fn method_names_are_case_insensitive_and_get_and_post_both_work() {
    let sim = start().await;
    let bot = sim.create_bot("any_bot");
    let http = reqwest::Client::new();
    for (verb, method) in [
        ("GET", "getMe"),
        ("POST", "GETME"),
        ("GET", "getme"),
        ("POST", "GetMe"),
    ] {
        let url = format!("{}bot{}/{method}", sim.url(), bot.token);
        let request = if verb == "GET" {
            http.get(url)
        } else {
            http.post(url)
        };
        let body: serde_json::Value = request.send().await.unwrap().json().await.unwrap();
        assert_eq!(body["ok"], json!(true), "{verb} {method}");
        assert_eq!(body["result"]["username"], json!("any_bot"));
    }
}

#[tokio::test]
async fn query_strings_and_urlencoded_bodies_are_understood() {
    let sim = start().await;
    let bot = sim.create_bot("any_bot");
    let alice = sim.create_user(UserSpec::new("Alice"));
    sim.as_user(alice)
        .in_private(&bot)
        .send(Content::text("/start"))
        .unwrap();
    let http = reqwest::Client::new();
    let url = format!(
        "{}bot{}/sendMessage?chat_id={alice}&text=from%20the%20query",
        sim.url(),
        bot.token
    );
    let body: serde_json::Value = http.get(url).send().await.unwrap().json().await.unwrap();
    assert_eq!(body["result"]["text"], json!("from the query"));
    let url = format!("{}bot{}/sendMessage", sim.url(), bot.token);
    let form = [
        ("chat_id", alice.to_string()),
        ("text", "from a form".to_owned()),
        ("disable_notification", "true".to_owned()),
    ];
    let body: serde_json::Value = http
        .post(url)
        .form(&form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["ok"], json!(true), "{body}");
    assert_eq!(
        sim.private_chat(alice, &bot).texts(),
        ["/start", "from the query", "from a form"]
    );
}

#[tokio::test]
async fn multipart_uploads_referenced_by_attach_are_stored_and_downloadable() {
    let sim = start().await;
    let bot = sim.create_bot("any_bot");
    let alice = sim.create_user(UserSpec::new("Alice"));
    sim.as_user(alice)
        .in_private(&bot)
        .send(Content::text("hi"))
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("chat_id", alice.to_string())
        .text("caption", "the <b>invoice</b>")
        .text("parse_mode", "HTML")
        .text("document", "attach://invoice")
        .text(
            "reply_markup",
            r#"{"inline_keyboard":[[{"text":"ok","callback_data":"ok"}]]}"#,
        )
        .part(
            "invoice",
            reqwest::multipart::Part::bytes(b"%PDF-1.7 bytes".to_vec()).file_name("invoice.pdf"),
        );
    let url = format!("{}bot{}/sendDocument", sim.url(), bot.token);
    let body = multipart(&url, form).await;
    assert_eq!(body["ok"], json!(true), "{body}");
    let message = &body["result"];
    assert_eq!(message["document"]["file_name"], json!("invoice.pdf"));
    assert_eq!(message["caption"], json!("the invoice"));
    assert_eq!(message["caption_entities"][0]["type"], json!("bold"));
    assert_eq!(
        message["reply_markup"]["inline_keyboard"][0][0]["text"],
        json!("ok")
    );

    // Download through teloxide: it sends the file path as one segment, `/` encoded as %2F.
    let telegram = client(&sim, &bot);
    let file_id = message["document"]["file_id"].as_str().unwrap().to_owned();
    let file = telegram.get_file(file_id.into()).await.unwrap();
    assert!(file.path.contains('/'));
    let mut bytes = Vec::new();
    telegram
        .download_file(&file.path, &mut bytes)
        .await
        .expect("downloads");
    assert_eq!(bytes, b"%PDF-1.7 bytes");
    let encoded = file.path.replace('/', "%2F");
    let url = format!("{}file/bot{}/{encoded}", sim.url(), bot.token);
    let raw_bytes = reqwest::get(url).await.unwrap().bytes().await.unwrap();
    assert_eq!(&raw_bytes[..], b"%PDF-1.7 bytes");
}

#[tokio::test]
async fn a_file_part_sent_under_the_parameter_name_is_an_upload_too() {
    let sim = start().await;
    let bot = sim.create_bot("any_bot");
    let alice = sim.create_user(UserSpec::new("Alice"));
    sim.as_user(alice)
        .in_private(&bot)
        .send(Content::text("hi"))
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("chat_id", alice.to_string())
        .part(
            "photo",
            reqwest::multipart::Part::bytes(b"jpeg".to_vec()).file_name("p.jpg"),
        );
    let url = format!("{}bot{}/sendPhoto", sim.url(), bot.token);
    let body = multipart(&url, form).await;
    assert_eq!(
        body["result"]["photo"].as_array().map(Vec::len),
        Some(3),
        "{body}"
    );
    let stray = reqwest::multipart::Form::new()
        .text("chat_id", alice.to_string())
        .text("photo", "attach://one")
        .part(
            "one",
            reqwest::multipart::Part::bytes(b"1".to_vec()).file_name("1.jpg"),
        )
        .part(
            "two",
            reqwest::multipart::Part::bytes(b"2".to_vec()).file_name("2.jpg"),
        );
    let url = format!("{}bot{}/sendPhoto", sim.url(), bot.token);
    let body = multipart(&url, stray).await;
    assert_eq!(
        body["description"],
        json!("Bad Request: unknown parameter \"two\"")
    );
}

#[tokio::test]
async fn teloxide_uploads_photos_as_multipart() {
    let sim = start().await;
    let handle = sim.create_bot("any_bot");
    let alice = sim.create_user(UserSpec::new("Alice"));
    sim.as_user(alice)
        .in_private(&handle)
        .send(Content::text("hi"))
        .unwrap();
    let bot = client(&sim, &handle);
    let sent = bot
        .send_photo(
            alice,
            InputFile::memory(b"png bytes".to_vec()).file_name("shot.png"),
        )
        .caption("a screenshot")
        .await
        .expect("sendPhoto with an upload works");
    let largest = sent
        .photo()
        .and_then(|sizes| sizes.last())
        .expect("a photo");
    assert_eq!(
        sim.file_bytes(&largest.file.id.0).as_deref(),
        Some(&b"png bytes"[..])
    );
    assert_eq!(sent.caption(), Some("a screenshot"));
}

#[tokio::test]
async fn a_wrong_token_is_unauthorized_with_status_401() {
    let sim = start().await;
    let (status, body) = raw(&sim, "123:nope", "getMe", json!({})).await;
    assert_eq!(status, 401);
    assert_eq!(
        body,
        json!({"ok": false, "error_code": 401, "description": "Unauthorized"})
    );
    let error = Bot::new("123:nope")
        .set_api_url(sim.url())
        .get_me()
        .await
        .expect_err("refused");
    assert!(
        matches!(error, RequestError::Api(ApiError::InvalidToken)),
        "{error:?}"
    );
}

#[tokio::test]
async fn an_unknown_method_is_not_found_with_status_404() {
    let sim = start().await;
    let bot = sim.create_bot("any_bot");
    let (status, body) = raw(&sim, &bot.token, "sendTelepathy", json!({})).await;
    assert_eq!(status, 404);
    assert_eq!(
        body,
        json!({"ok": false, "error_code": 404, "description": "Not Found"})
    );
}

#[tokio::test]
async fn errors_answer_with_their_error_code_as_http_status() {
    let sim = start().await;
    let bot = sim.create_bot("any_bot");
    let alice = sim.create_user(UserSpec::new("Alice"));
    sim.as_user(alice)
        .in_private(&bot)
        .send(Content::text("hi"))
        .unwrap();
    sim.block_bot(alice, &bot, true).unwrap();
    let (status, body) = raw(
        &sim,
        &bot.token,
        "sendMessage",
        json!({"chat_id": alice.0, "text": "x"}),
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(
        body["description"],
        json!("Forbidden: bot was blocked by the user")
    );
    let (status, body) = raw(
        &sim,
        &bot.token,
        "sendMessage",
        json!({"chat_id": -100_123, "text": "x"}),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["description"], json!("Bad Request: chat not found"));
    let updates = drain(&client(&sim, &bot)).await;
    assert_eq!(messages(&updates).len(), 1);
}
