//! Inline mode and callback buttons: the queries simulated users make, the answers bots give
//! (validated and kept for the script to read), and what a chosen inline result turns into.

use std::collections::HashMap;
use std::time::Instant;

use serde_json::Value;

use super::content::{Body, MediaKind, Stored};
use super::error::ApiError;
use super::files::FileStore;
use super::ids::UserId;
use super::markup::{self, Formatted};

/// Identifies an inline query a simulated user made.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct InlineQueryId(pub String);

/// Identifies a callback query (a pressed inline button).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CallbackQueryId(pub String);

/// The kind of chat an inline query was typed in (`InlineQuery.chat_type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChatKind {
    /// The private chat with the bot itself.
    Sender,
    /// A private chat with someone else.
    Private,
    /// A basic group.
    Group,
    /// A supergroup.
    Supergroup,
    /// A channel.
    Channel,
}

impl ChatKind {
    /// The Bot API spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ChatKind::Sender => "sender",
            ChatKind::Private => "private",
            ChatKind::Group => "group",
            ChatKind::Supergroup => "supergroup",
            ChatKind::Channel => "channel",
        }
    }
}

/// A bot's answer to an inline query, as recorded.
#[derive(Clone, Debug, PartialEq)]
pub struct InlineAnswer {
    /// The `InlineQueryResult` objects, as sent.
    pub results: Vec<Value>,
    /// `cache_time`, if given.
    pub cache_time: Option<i64>,
    /// `is_personal`.
    pub is_personal: bool,
    /// `next_offset`, if given.
    pub next_offset: Option<String>,
    /// `button`, if given.
    pub button: Option<Value>,
}

/// A bot's answer to a callback query, as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallbackAnswer {
    /// The notification text, if any.
    pub text: Option<String>,
    /// Whether it is shown as an alert.
    pub show_alert: bool,
    /// The URL to open, if any.
    pub url: Option<String>,
}

/// An inline query waiting for (or holding) its answer.
#[derive(Clone, Debug)]
pub(crate) struct InlineQuery {
    pub bot: UserId,
    pub from: UserId,
    pub query: String,
    pub created: Instant,
    pub answer: Option<InlineAnswer>,
}

/// A callback query.
#[derive(Clone, Debug)]
pub(crate) struct CallbackQuery {
    pub bot: UserId,
    pub answer: Option<CallbackAnswer>,
}

/// Every inline and callback query of the world.
#[derive(Default)]
pub(crate) struct InlineState {
    pub queries: HashMap<String, InlineQuery>,
    pub callbacks: HashMap<String, CallbackQuery>,
    counter: u64,
}

impl InlineState {
    /// A fresh query id (Telegram's are long decimal strings).
    pub fn next_id(&mut self) -> String {
        self.counter += 1;
        format!("{}", 4_200_000_000_000_000_000_u64 + self.counter)
    }
}

/// Checks an `answerInlineQuery` result list: at most 50 results, ids of 1-64 bytes, unique.
pub(crate) fn check_results(results: &[Value]) -> Result<(), ApiError> {
    if results.len() > 50 {
        return Err(ApiError::bad_request("RESULTS_TOO_MUCH"));
    }
    let mut seen = std::collections::HashSet::new();
    for result in results {
        let id = result.get("id").and_then(Value::as_str).unwrap_or_default();
        if id.is_empty() || id.len() > 64 {
            return Err(ApiError::bad_request("RESULT_ID_INVALID"));
        }
        if !seen.insert(id) {
            return Err(ApiError::bad_request("RESULT_ID_DUPLICATE"));
        }
    }
    Ok(())
}

/// What a chosen inline result posts: its `input_message_content` if it has one, else the
/// result's own media (cached by `file_id`, or fetched from its URL) with its caption.
pub(crate) fn result_content(files: &mut FileStore, result: &Value) -> Result<Stored, ApiError> {
    let text = |key: &str| result.get(key).and_then(Value::as_str);
    if let Some(content) = result.get("input_message_content") {
        return input_message_content(content);
    }
    let kind = text("type").unwrap_or_default();
    let media = match kind {
        "gif" | "mpeg4_gif" => MediaKind::Animation,
        other => MediaKind::from_name(other)
            .ok_or_else(|| ApiError::bad_request("the result has no message content"))?,
    };
    let prefix = match kind {
        "mpeg4_gif" => "mpeg4",
        other => other,
    };
    let reference = text(&format!("{prefix}_file_id"))
        .or_else(|| text(&format!("{prefix}_url")))
        .ok_or_else(ApiError::wrong_file)?;
    let body = files.resolve(media, reference, None)?;
    let caption = formatted(result, "caption", "parse_mode", "caption_entities")?;
    Ok(Stored {
        body,
        text: caption.text,
        entities: caption.entities,
        has_spoiler: false,
    })
}

fn input_message_content(content: &Value) -> Result<Stored, ApiError> {
    let float = |key: &str| content.get(key).and_then(Value::as_f64).unwrap_or(0.0);
    let text = |key: &str| {
        content
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    if content.get("message_text").is_some() {
        let formatted = formatted(content, "message_text", "parse_mode", "entities")?;
        return Ok(Stored::text(formatted.text, formatted.entities));
    }
    let body = if content.get("phone_number").is_some() {
        Body::Contact {
            phone_number: text("phone_number"),
            first_name: text("first_name"),
            last_name: content
                .get("last_name")
                .and_then(Value::as_str)
                .map(str::to_owned),
            user_id: None,
        }
    } else if content.get("address").is_some() {
        Body::Venue {
            latitude: float("latitude"),
            longitude: float("longitude"),
            title: text("title"),
            address: text("address"),
        }
    } else if content.get("latitude").is_some() {
        Body::Location {
            latitude: float("latitude"),
            longitude: float("longitude"),
        }
    } else {
        return Err(ApiError::bad_request(
            "the result's message content is not supported by the simulator",
        ));
    };
    Ok(Stored {
        body,
        text: String::new(),
        entities: Vec::new(),
        has_spoiler: false,
    })
}

/// Reads a text with its parse mode or explicit entities from an object's fields.
fn formatted(
    object: &Value,
    text: &str,
    mode: &str,
    entities: &str,
) -> Result<Formatted, ApiError> {
    let object = object.as_object().cloned().unwrap_or_default();
    Ok(markup::trim(markup::from_fields(
        &object, text, mode, entities,
    )?))
}
