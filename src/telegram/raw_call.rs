//! Bot API calls whose JSON says more than teloxide's types can: a request built with teloxide,
//! then adjusted as JSON before it is sent (to carry message entities of types newer than
//! teloxide, such as Bot API 10.1's `date_time`), and answered as plain JSON (read with
//! [`wire`](super::wire) where the answer matters).

use std::marker::PhantomData;
use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use teloxide::payloads::{GetChat, GetChatMember};
use teloxide::requests::{JsonRequest, Payload, Request};
use teloxide::{Bot, RequestError};

use super::convert::entities_json;
use super::wire::{ChatInfo, ChatMember};
use crate::domain::{ChatId, Entity, UserId};

/// A teloxide request as adjustable JSON, sent under the same method name.
pub struct RawCall<P> {
    body: Value,
    method: PhantomData<fn() -> P>,
}

impl<P: Payload + Serialize + 'static> RawCall<P> {
    /// The call `payload` describes.
    pub fn new(payload: &P) -> Result<RawCall<P>, RequestError> {
        let body = serde_json::to_value(payload).map_err(|error| RequestError::InvalidJson {
            source: Arc::new(error),
            raw: String::new().into(),
        })?;
        Ok(RawCall {
            body,
            method: PhantomData,
        })
    }

    /// Sets `key` of the object at `pointer` (a JSON pointer, `""` for the request itself) to
    /// these entities, every type included; removes it when there are none.
    pub fn entities(mut self, pointer: &str, key: &str, entities: &[Entity]) -> RawCall<P> {
        if let Some(object) = self
            .body
            .pointer_mut(pointer)
            .and_then(Value::as_object_mut)
        {
            set_entities(object, key, entities);
        }
        self
    }

    /// Sends the call; the answer is Telegram's `result` as JSON.
    pub async fn send(self, bot: &Bot) -> Result<Value, RequestError> {
        JsonRequest::new(bot.clone(), self).send().await
    }

    /// Sends the call and reads the answer as `T` (one of the tolerant [`wire`](super::wire) types).
    pub async fn read<T: DeserializeOwned>(self, bot: &Bot) -> Result<T, RequestError> {
        let answer = self.send(bot).await?;
        serde_json::from_value(answer.clone()).map_err(|error| RequestError::InvalidJson {
            source: Arc::new(error),
            raw: answer.to_string().into(),
        })
    }
}

/// `getChatMember`, read tolerantly: a status or a right newer than teloxide is no error.
pub async fn get_chat_member(
    bot: &Bot,
    chat: ChatId,
    user: UserId,
) -> Result<ChatMember, RequestError> {
    let Ok(user) = u64::try_from(user.0) else {
        return Err(RequestError::Api(teloxide::ApiError::UserNotFound));
    };
    RawCall::new(&GetChatMember::new(
        teloxide::types::ChatId(chat.0),
        teloxide::types::UserId(user),
    ))?
    .read(bot)
    .await
}

/// `getChat`, read tolerantly: a reaction type or any field newer than teloxide is no error.
pub async fn get_chat(bot: &Bot, chat: ChatId) -> Result<ChatInfo, RequestError> {
    RawCall::new(&GetChat::new(teloxide::types::ChatId(chat.0)))?
        .read(bot)
        .await
}

fn set_entities(object: &mut Map<String, Value>, key: &str, entities: &[Entity]) {
    if entities.is_empty() {
        object.remove(key);
    } else {
        object.insert(key.to_owned(), entities_json(entities));
    }
}

impl<P: Payload> Payload for RawCall<P> {
    type Output = Value;
    const NAME: &'static str = P::NAME;
}

impl<P> Serialize for RawCall<P> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.body.serialize(serializer)
    }
}

/// The message ids in an answer that is a `Message` or a list of them.
pub fn message_ids(answer: &Value) -> Vec<crate::domain::MessageId> {
    let id = |message: &Value| {
        message
            .get("message_id")
            .and_then(Value::as_i64)
            .and_then(|id| i32::try_from(id).ok())
            .map(crate::domain::MessageId)
    };
    match answer {
        Value::Array(messages) => messages.iter().filter_map(id).collect(),
        message => id(message).into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use teloxide::payloads::EditMessageText;
    use teloxide::types::{ChatId, MessageId};

    use super::*;
    use crate::domain::EntityKind;

    #[test]
    fn entities_of_any_type_are_written_into_the_request() {
        let payload = EditMessageText::new(ChatId(5), MessageId(7), "at 10:00");
        let date_time = Entity {
            kind: EntityKind::Unknown {
                json: r#"{"type":"date_time","offset":0,"length":1,"unix_time":1781258400,"date_time_format":"t"}"#.into(),
            },
            offset: 3,
            length: 5,
        };
        let call = RawCall::new(&payload)
            .unwrap()
            .entities("", "entities", &[date_time]);
        assert_eq!(
            call.body["entities"],
            serde_json::json!([{"type": "date_time", "offset": 3, "length": 5, "unix_time": 1781258400, "date_time_format": "t"}])
        );
        assert_eq!(call.body["text"], "at 10:00");
        let empty = RawCall::new(&payload)
            .unwrap()
            .entities("", "entities", &[]);
        assert!(empty.body.get("entities").is_none());
        assert_eq!(
            <RawCall<EditMessageText> as Payload>::NAME,
            "EditMessageText"
        );
    }

    #[test]
    fn message_ids_are_read_from_one_message_or_a_list() {
        let one = serde_json::json!({"message_id": 4, "date": 1});
        let list = serde_json::json!([{"message_id": 4}, {"message_id": 5}]);
        assert_eq!(message_ids(&one), vec![crate::domain::MessageId(4)]);
        assert_eq!(message_ids(&list).len(), 2);
        assert!(message_ids(&serde_json::json!(true)).is_empty());
    }
}
