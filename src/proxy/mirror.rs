//! The existing bot's side of a conversation, read from its calls (`intercept_external`): every
//! message Telegram says it sent or edited in a private chat (any method whose answer is a
//! message or a list of messages) and every message it deleted there becomes a desk event, stored
//! in the inbox behind the customer's own messages; the desk decides whether a thread shows it.

use serde_json::Value;

use super::params::Params;
use crate::desk::Event;
use crate::domain::{ChatId, MessageId, UserId};
use crate::telegram::{convert, wire};

/// Whether calls of `method` (lower case) may send, edit or delete messages.
pub(super) fn watches(method: &str) -> bool {
    method.starts_with("send")
        || method.starts_with("edit")
        || method.starts_with("forward")
        || method == "deletemessage"
        || method == "deletemessages"
        || method == "stopmessagelivelocation"
}

/// The desk events a successful call of `method` (lower case) answered with `answer` means.
pub(super) fn events(method: &str, params: &Params, answer: &[u8]) -> Vec<Event> {
    let Ok(answer) = serde_json::from_slice::<Value>(answer) else {
        return Vec::new();
    };
    if answer.get("ok") != Some(&Value::Bool(true)) {
        return Vec::new();
    }
    if method == "deletemessage" || method == "deletemessages" {
        return deleted(params).into_iter().collect();
    }
    let edited = method.starts_with("edit");
    let result = answer.get("result").cloned().unwrap_or(Value::Null);
    let sent = match result {
        Value::Array(items) => items,
        single @ Value::Object(_) => vec![single],
        _ => return Vec::new(),
    };
    sent.into_iter()
        .filter_map(|value| sent_message(value, edited))
        .collect()
}

fn sent_message(value: Value, edited: bool) -> Option<Event> {
    let buttons = buttons(&value);
    let message: wire::Message = serde_json::from_value(value).ok()?;
    if !message.chat.is_private() {
        return None;
    }
    Some(Event::ExistingBotMessage {
        message: convert::incoming(&message),
        buttons,
        edited,
    })
}

/// The labels of the message's inline buttons, row by row.
fn buttons(message: &Value) -> Vec<String> {
    let Some(rows) = message
        .pointer("/reply_markup/inline_keyboard")
        .and_then(Value::as_array)
    else {
        return Vec::new();
    };
    rows.iter()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(|button| button.get("text").and_then(Value::as_str))
        .map(str::to_owned)
        .collect()
}

/// `deleteMessage` / `deleteMessages` in a private chat.
fn deleted(params: &Params) -> Option<Event> {
    let chat = params.integer("chat_id").ok().flatten()?;
    // Private chats have the user's (positive) id.
    if chat <= 0 {
        return None;
    }
    let mut messages: Vec<MessageId> = params
        .integer("message_id")
        .ok()
        .flatten()
        .and_then(|id| i32::try_from(id).ok())
        .map(MessageId)
        .into_iter()
        .collect();
    if let Some(ids) = params.numbers("message_ids") {
        messages.extend(
            ids.into_iter()
                .filter_map(|id| i32::try_from(id).ok())
                .map(MessageId),
        );
    }
    (!messages.is_empty()).then_some(Event::ExistingBotDeleted {
        customer: UserId(ChatId(chat).0),
        messages,
    })
}

#[cfg(test)]
mod tests {
    use axum::body::Bytes;
    use axum::http::HeaderMap;

    use super::*;

    fn sent(chat: i64, kind: &str) -> Vec<u8> {
        serde_json::json!({"ok": true, "result": {
            "message_id": 7, "date": 1, "text": "pick",
            "chat": {"id": chat, "type": kind},
            "from": {"id": 42, "is_bot": true, "first_name": "Shop"},
            "reply_markup": {"inline_keyboard": [[{"text": "Buy", "callback_data": "b"}], [{"text": "Help", "url": "https://example.com"}]]}
        }})
        .to_string()
        .into_bytes()
    }

    #[test]
    fn a_message_sent_in_a_private_chat_becomes_an_event_with_its_button_labels() {
        let found = events("sendmessage", &Params::default(), &sent(1001, "private"));
        let [
            Event::ExistingBotMessage {
                message,
                buttons,
                edited,
            },
        ] = &found[..]
        else {
            panic!("{found:?}");
        };
        assert_eq!(message.id, MessageId(7));
        assert_eq!(buttons, &["Buy", "Help"]);
        assert!(!edited);
        let edit = events(
            "editmessagetext",
            &Params::default(),
            &sent(1001, "private"),
        );
        assert!(matches!(
            &edit[..],
            [Event::ExistingBotMessage { edited: true, .. }]
        ));
    }

    #[test]
    fn messages_outside_private_chats_and_failed_calls_are_not_the_desks() {
        assert!(events("sendmessage", &Params::default(), &sent(-100, "group")).is_empty());
        let failed = br#"{"ok":false,"error_code":400,"description":"Bad Request"}"#;
        assert!(events("sendmessage", &Params::default(), failed).is_empty());
    }

    #[tokio::test]
    async fn deletions_in_a_private_chat_name_the_messages() {
        let params = Params::read(
            Some("chat_id=1001&message_ids=[3,4]"),
            &HeaderMap::new(),
            &Bytes::new(),
        )
        .await;
        let found = events("deletemessages", &params, br#"{"ok":true,"result":true}"#);
        assert_eq!(
            found,
            [Event::ExistingBotDeleted {
                customer: UserId(1001),
                messages: vec![MessageId(3), MessageId(4)],
            }]
        );
    }
}
