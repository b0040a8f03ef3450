//! Formatted text: message entities, the `parse_mode`s (HTML, MarkdownV2, legacy Markdown), and
//! Telegram's text normalisation (UTF-16 lengths, trimmed whitespace).
//!
//! Parse errors carry Telegram's wording (`Can't find end of Bold entity at byte offset 0`,
//! `Unsupported start tag "foo" at byte offset 3`, …), prefixed with `can't parse entities: `.
//!
//! Map:
//! - `entity`: the [`Entity`] type and its Bot API JSON.
//! - `html`, `markdown`: the parse modes.
//! - `normalise`: trimming and the entities Telegram detects by itself.
//! - `tests`: the parse modes and the normalisation against Telegram's behaviour.

mod entity;
mod html;
mod markdown;
mod normalise;
#[cfg(test)]
mod tests;

use serde_json::{Map, Value};

use super::error::ApiError;
use super::ids::UserId;

pub use entity::Entity;
use html::Html;
use markdown::{MarkdownV2, parse_legacy_markdown};
pub(crate) use normalise::{detect_entities, trim};

/// A text with its entities.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Formatted {
    pub text: String,
    pub entities: Vec<Entity>,
}

/// Length of a string in UTF-16 code units, the unit of every Telegram text limit.
pub(crate) fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// Applies a `parse_mode` (empty or absent means plain text).
pub(crate) fn parse(text: &str, mode: Option<&str>) -> Result<Formatted, ApiError> {
    let result = match mode.map(str::to_ascii_lowercase).as_deref() {
        None | Some("") => Ok(Formatted {
            text: text.to_owned(),
            entities: Vec::new(),
        }),
        Some("html") => Html::parse(text),
        Some("markdownv2") => MarkdownV2::parse(text),
        Some("markdown") => parse_legacy_markdown(text),
        Some(_) => return Err(ApiError::bad_request("unsupported parse_mode")),
    };
    result
        .map(|mut formatted| {
            sort_entities(&mut formatted.entities);
            formatted
        })
        .map_err(|reason| ApiError::bad_request(format!("can't parse entities: {reason}")))
}

/// Reads a text from `object[text_key]`, formatted by its explicit entities
/// (`object[entities_key]`) or its parse mode (`object[mode_key]`).
pub(crate) fn from_fields(
    object: &Map<String, Value>,
    text_key: &str,
    mode_key: &str,
    entities_key: &str,
) -> Result<Formatted, ApiError> {
    let text = object
        .get(text_key)
        .and_then(Value::as_str)
        .unwrap_or_default();
    match object.get(entities_key).and_then(Value::as_array) {
        Some(entities) => Ok(with_entities(
            text,
            entities.iter().map(Entity::from_json).collect(),
        )),
        None => parse(text, object.get(mode_key).and_then(Value::as_str)),
    }
}

/// Builds formatted text from explicit entities: those outside the text are dropped.
pub(crate) fn with_entities(text: &str, entities: Vec<Entity>) -> Formatted {
    let length = utf16_len(text);
    let mut entities: Vec<Entity> = entities
        .into_iter()
        .filter(|entity| entity.length > 0 && entity.offset + entity.length <= length)
        .collect();
    sort_entities(&mut entities);
    Formatted {
        text: text.to_owned(),
        entities,
    }
}

pub(super) fn sort_entities(entities: &mut [Entity]) {
    entities.sort_by(|a, b| a.offset.cmp(&b.offset).then(b.length.cmp(&a.length)));
}

/// Normalises a link target the way Telegram does; `None` if it is not a usable URL.
fn check_url(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() || url.contains(char::is_whitespace) {
        return None;
    }
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("tg://")
        || lower.starts_with("mailto:")
        || lower.starts_with("tonsite://")
    {
        return Some(url.to_owned());
    }
    let host = url.split(['/', '?', '#']).next().unwrap_or_default();
    if host.contains('.') && !host.starts_with('.') && !host.ends_with('.') {
        let suffix = if url.len() == host.len() { "/" } else { "" };
        return Some(format!("http://{url}{suffix}"));
    }
    None
}

/// `tg://user?id=123` -> the user a `text_mention` points at.
fn mention_user(url: &str) -> Option<UserId> {
    let rest = url.to_ascii_lowercase();
    let rest = rest.strip_prefix("tg:")?.trim_start_matches('/');
    let query = rest
        .strip_prefix("user")?
        .trim_start_matches('/')
        .strip_prefix('?')?;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("id="))
        .and_then(|id| id.parse().ok())
        .map(UserId)
}

/// A link entity for `url`, a mention if it names a user, nothing if it is not a URL.
pub(super) fn link_entity(offset: usize, length: usize, url: &str) -> Option<Entity> {
    if let Some(user) = mention_user(url) {
        return Some(Entity {
            user: Some(user),
            ..Entity::new("text_mention", offset, length)
        });
    }
    check_url(url).map(|url| Entity::link(offset, length, &url))
}

/// An entity under construction: where it started (UTF-16 and byte offsets) and what it is.
pub(super) struct Open {
    pub(super) entity: Entity,
    pub(super) tag: String,
    pub(super) byte_offset: usize,
}

/// Accumulates output text and its UTF-16 length.
#[derive(Default)]
pub(super) struct Output {
    pub(super) text: String,
    utf16: usize,
    entities: Vec<Entity>,
}

impl Output {
    pub(super) fn push(&mut self, c: char) {
        self.text.push(c);
        self.utf16 += c.len_utf16();
    }

    pub(super) fn close(&mut self, mut open: Open) {
        open.entity.length = self.utf16 - open.entity.offset;
        if open.entity.length > 0 {
            self.entities.push(open.entity);
        }
    }

    pub(super) fn finish(self) -> Formatted {
        Formatted {
            text: self.text,
            entities: self.entities,
        }
    }
}

/// The last `units` UTF-16 code units of `text`.
pub(super) fn utf16_suffix(text: &str, units: usize) -> String {
    let mut taken = 0;
    let mut start = text.len();
    for (index, c) in text.char_indices().rev() {
        if taken >= units {
            break;
        }
        taken += c.len_utf16();
        start = index;
    }
    text[start..].to_owned()
}
