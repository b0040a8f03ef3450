//! Inline buttons: every press is answered, and a button this version cannot read (sent by an
//! earlier version, or carrying an action it does not know) answers "this button has expired"
//! in the presser's language and changes nothing, in the team chat of both layouts and in a
//! customer's private chat.

use serde_json::{Value, json};
use telegram_sim::{CallbackAnswer, CallbackQueryId, ChatRef, MessageId, UserId};

use crate::support::Harness;

/// Data an earlier version of the bot might have put in a button.
const LEGACY_DATA: &str = "close:42";
/// The current format's version byte followed by an action this version does not know (as a
/// newer version would write it).
const NEWER_ACTION_DATA: &str = "AfkA";

/// The bot (as an earlier version of itself) sends a message with one button carrying `data`.
async fn bot_sends_button(desk: &Harness, chat: i64, data: &str) -> MessageId {
    let url = format!("{}bot{}/sendMessage", desk.sim.url(), desk.bot.token);
    let body = json!({
        "chat_id": chat,
        "text": "Pick one",
        "reply_markup": {"inline_keyboard": [[{"text": "Go", "callback_data": data}]]},
    });
    let answer: Value = reqwest::Client::new()
        .post(url)
        .json(&body)
        .send()
        .await
        .expect("the simulator answers")
        .json()
        .await
        .expect("a JSON answer");
    let id = answer["result"]["message_id"].as_i64().expect("sent");
    MessageId(i32::try_from(id).expect("a message id"))
}

/// `user` presses the button with `data` under `message` in `chat`; the bot's answer.
async fn press(
    desk: &Harness,
    user: UserId,
    chat: ChatRef,
    message: MessageId,
    data: &str,
) -> CallbackAnswer {
    let actor = desk.sim.as_user(user);
    let context = match chat {
        ChatRef::Private { .. } => actor.in_private(&desk.bot),
        _ => actor.in_chat(desk.group),
    };
    let query: CallbackQueryId = context.press_button(message, data).expect("pressed");
    desk.eventually("the press is answered", || {
        desk.sim.callback_answer(&query).is_some()
    })
    .await;
    desk.sim.callback_answer(&query).expect("answered")
}

async fn unreadable_buttons_expire_in_the_team_chat(forum: bool) {
    let desk = Harness::start_layout(forum, &[]).await;
    for data in [LEGACY_DATA, NEWER_ACTION_DATA] {
        let message = bot_sends_button(&desk, desk.group.0, data).await;
        let before = desk.sim.transcript(desk.group).texts().len();
        for user in [desk.maria, desk.outsider] {
            let answer = press(&desk, user, desk.group.into(), message, data).await;
            assert!(answer.show_alert, "an alert for {data:?}");
            let text = answer.text.unwrap_or_default();
            assert!(text.contains("expired"), "{text:?}");
        }
        assert_eq!(
            desk.sim.transcript(desk.group).texts().len(),
            before,
            "a refused press changes nothing in the team chat"
        );
    }
}

#[tokio::test]
async fn an_unreadable_button_in_the_discussion_group_answers_that_it_has_expired() {
    unreadable_buttons_expire_in_the_team_chat(false).await;
}

#[tokio::test]
async fn an_unreadable_button_in_the_forum_answers_that_it_has_expired() {
    unreadable_buttons_expire_in_the_team_chat(true).await;
}

#[tokio::test]
async fn a_customer_pressing_an_unreadable_button_is_answered_in_their_language() {
    let desk = Harness::start_layout(false, &[]).await;
    let ana = desk.customer("Ana", "pt-br");
    desk.say(ana, "Oi");
    desk.thread_len(ana, 1).await;
    let message = bot_sends_button(
        &desk,
        i64::try_from(ana.0).expect("a user id"),
        NEWER_ACTION_DATA,
    )
    .await;
    let before = desk.private(ana).texts().len();
    let answer = press(
        &desk,
        ana,
        desk.bot.chat_with(ana),
        message,
        NEWER_ACTION_DATA,
    )
    .await;
    assert!(answer.show_alert);
    assert_eq!(
        answer.text.as_deref(),
        Some("Este botão expirou. Peça de novo para receber um atual.")
    );
    assert_eq!(desk.private(ana).texts().len(), before);
}
