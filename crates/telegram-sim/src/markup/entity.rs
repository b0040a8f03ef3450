//! A message entity: a formatted span of a text, with offsets in UTF-16 code units, and its
//! Bot API JSON.

use serde_json::{Map, Value, json};

use crate::ids::UserId;

/// A message entity: a formatted span of a text, with offsets in UTF-16 code units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// The Bot API entity type: `bold`, `italic`, `text_link`, `bot_command`, …
    pub kind: String,
    /// Start, in UTF-16 code units.
    pub offset: usize,
    /// Length, in UTF-16 code units.
    pub length: usize,
    /// The target of a `text_link`.
    pub url: Option<String>,
    /// The user of a `text_mention`.
    pub user: Option<UserId>,
    /// The language of a `pre` block.
    pub language: Option<String>,
    /// The custom emoji of a `custom_emoji`.
    pub custom_emoji_id: Option<String>,
    /// The moment a `date_time` shows (Bot API 10.1), in Unix time.
    pub unix_time: Option<i64>,
    /// How a `date_time` is formatted (Bot API 10.1).
    pub date_time_format: Option<String>,
}

impl Entity {
    /// An entity of the given type over `offset..offset + length` (UTF-16 units).
    pub fn new(kind: &str, offset: usize, length: usize) -> Entity {
        Entity {
            kind: kind.to_owned(),
            offset,
            length,
            url: None,
            user: None,
            language: None,
            custom_emoji_id: None,
            unix_time: None,
            date_time_format: None,
        }
    }

    /// A `bold` entity.
    pub fn bold(offset: usize, length: usize) -> Entity {
        Entity::new("bold", offset, length)
    }

    /// An `italic` entity.
    pub fn italic(offset: usize, length: usize) -> Entity {
        Entity::new("italic", offset, length)
    }

    /// A `text_link` entity pointing at `url`.
    pub fn link(offset: usize, length: usize, url: &str) -> Entity {
        Entity {
            url: Some(url.to_owned()),
            ..Entity::new("text_link", offset, length)
        }
    }

    /// A `date_time` entity (Bot API 10.1): the text shows `unix_time`, formatted by `format`
    /// for each reader.
    pub fn date_time(offset: usize, length: usize, unix_time: i64, format: &str) -> Entity {
        Entity {
            unix_time: Some(unix_time),
            date_time_format: Some(format.to_owned()),
            ..Entity::new("date_time", offset, length)
        }
    }

    /// The Bot API `MessageEntity` JSON.
    pub fn to_json(&self, render_user: impl Fn(UserId) -> Value) -> Value {
        let mut map = Map::new();
        map.insert("type".into(), json!(self.kind));
        map.insert("offset".into(), json!(self.offset));
        map.insert("length".into(), json!(self.length));
        if let Some(url) = &self.url {
            map.insert("url".into(), json!(url));
        }
        if let Some(user) = self.user {
            map.insert("user".into(), render_user(user));
        }
        if let Some(language) = &self.language {
            map.insert("language".into(), json!(language));
        }
        if let Some(id) = &self.custom_emoji_id {
            map.insert("custom_emoji_id".into(), json!(id));
        }
        if let Some(unix_time) = self.unix_time {
            map.insert("unix_time".into(), json!(unix_time));
        }
        if let Some(format) = &self.date_time_format {
            map.insert("date_time_format".into(), json!(format));
        }
        Value::Object(map)
    }

    /// Reads a spec-validated `MessageEntity` object.
    pub(crate) fn from_json(value: &Value) -> Entity {
        let number = |key: &str| {
            value
                .get(key)
                .and_then(Value::as_u64)
                .and_then(|n| usize::try_from(n).ok())
        };
        let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
        Entity {
            kind: text("type").unwrap_or_default(),
            offset: number("offset").unwrap_or(0),
            length: number("length").unwrap_or(0),
            url: text("url"),
            user: value
                .pointer("/user/id")
                .and_then(Value::as_u64)
                .map(UserId),
            language: text("language"),
            custom_emoji_id: text("custom_emoji_id"),
            unix_time: value.get("unix_time").and_then(Value::as_i64),
            date_time_format: text("date_time_format"),
        }
    }
}
