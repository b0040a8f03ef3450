//! Formatted text: message entities, the `parse_mode`s (HTML, MarkdownV2, legacy Markdown), and
//! Telegram's text normalisation (UTF-16 lengths, trimmed whitespace).
//!
//! Parse errors carry Telegram's wording (`Can't find end of Bold entity at byte offset 0`,
//! `Unsupported start tag "foo" at byte offset 3`, …), prefixed with `can't parse entities: `.

use serde_json::{Map, Value, json};

use super::error::ApiError;
use super::ids::UserId;

mod html;
mod markdown;

use html::Html;
use markdown::{MarkdownV2, parse_legacy_markdown};

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

/// Telegram strips leading and trailing whitespace from texts and captions; entities move along
/// and are clipped to what remains.
pub(crate) fn trim(formatted: Formatted) -> Formatted {
    let trimmed_start = formatted.text.trim_start();
    let removed = utf16_len(&formatted.text[..formatted.text.len() - trimmed_start.len()]);
    let text = trimmed_start.trim_end().to_owned();
    let length = utf16_len(&text);
    let entities = formatted
        .entities
        .into_iter()
        .filter_map(|mut entity| {
            let start = entity.offset.saturating_sub(removed);
            let end = (entity.offset + entity.length)
                .saturating_sub(removed)
                .min(length);
            (end > start).then(|| {
                entity.offset = start;
                entity.length = end - start;
                entity
            })
        })
        .collect();
    Formatted { text, entities }
}

/// Adds the entities Telegram detects by itself: bot commands, mentions, hashtags, URLs.
pub(crate) fn detect_entities(formatted: &mut Formatted) {
    let mut found = Vec::new();
    let mut utf16 = 0;
    let chars: Vec<char> = formatted.text.chars().collect();
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        let at_word_start = index == 0 || !is_word_char(chars[index - 1]);
        let kind = match c {
            '/' if at_word_start => Some("bot_command"),
            '@' if at_word_start => Some("mention"),
            '#' if at_word_start => Some("hashtag"),
            _ => None,
        };
        if let Some(kind) = kind {
            let mut end = index + 1;
            while end < chars.len()
                && (is_word_char(chars[end]) || (kind == "bot_command" && chars[end] == '@'))
            {
                end += 1;
            }
            // Hashtags made only of digits are not highlighted.
            let digits_only =
                kind == "hashtag" && chars[index + 1..end].iter().all(char::is_ascii_digit);
            if end > index + 1 && !digits_only {
                let length: usize = chars[index..end].iter().map(|c| c.len_utf16()).sum();
                found.push(Entity::new(kind, utf16, length));
                utf16 += length;
                index = end;
                continue;
            }
        }
        if at_word_start && starts_with_url(&chars[index..]) {
            let mut end = index;
            while end < chars.len() && !chars[end].is_whitespace() {
                end += 1;
            }
            let length: usize = chars[index..end].iter().map(|c| c.len_utf16()).sum();
            found.push(Entity::new("url", utf16, length));
            utf16 += length;
            index = end;
            continue;
        }
        utf16 += c.len_utf16();
        index += 1;
    }
    // Explicit entities win where they overlap with detected ones.
    found.retain(|candidate| {
        !formatted.entities.iter().any(|entity| {
            candidate.offset < entity.offset + entity.length
                && entity.offset < candidate.offset + candidate.length
                && matches!(entity.kind.as_str(), "code" | "pre" | "text_link" | "url")
        })
    });
    formatted.entities.extend(found);
    sort_entities(&mut formatted.entities);
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn starts_with_url(chars: &[char]) -> bool {
    let prefix: String = chars.iter().take(8).collect();
    prefix.starts_with("http://") || prefix.starts_with("https://")
}

fn sort_entities(entities: &mut [Entity]) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn html(text: &str) -> Formatted {
        parse(text, Some("HTML")).expect("valid HTML")
    }

    fn html_error(text: &str) -> String {
        parse(text, Some("HTML"))
            .expect_err("invalid HTML")
            .description
    }

    fn markdown(text: &str) -> Formatted {
        parse(text, Some("MarkdownV2")).expect("valid MarkdownV2")
    }

    fn markdown_error(text: &str) -> String {
        parse(text, Some("MarkdownV2"))
            .expect_err("invalid MarkdownV2")
            .description
    }

    fn kinds(formatted: &Formatted) -> Vec<(&str, usize, usize)> {
        formatted
            .entities
            .iter()
            .map(|e| (e.kind.as_str(), e.offset, e.length))
            .collect()
    }

    #[test]
    fn html_tags_become_entities_with_utf16_offsets() {
        let parsed = html("🏟 <b>bold</b> <i>it</i> <u>u</u> <s>s</s> <code>c</code>");
        assert_eq!(parsed.text, "🏟 bold it u s c");
        assert_eq!(
            kinds(&parsed),
            vec![
                ("bold", 3, 4),
                ("italic", 8, 2),
                ("underline", 11, 1),
                ("strikethrough", 13, 1),
                ("code", 15, 1)
            ]
        );
    }

    #[test]
    fn html_escapes_links_spoilers_quotes_and_pre_blocks_are_understood() {
        let parsed = html(
            "&lt;a&gt; &amp; &quot;q&quot; <a href=\"https://t.me/x\">link</a> <tg-spoiler>s</tg-spoiler> <span class=\"tg-spoiler\">t</span>",
        );
        assert_eq!(parsed.text, "<a> & \"q\" link s t");
        assert_eq!(parsed.entities[0].kind, "text_link");
        assert_eq!(parsed.entities[0].url.as_deref(), Some("https://t.me/x"));
        assert_eq!(
            kinds(&parsed)[1..],
            [("spoiler", 15, 1), ("spoiler", 17, 1)]
        );
        let parsed =
            html("<blockquote>q</blockquote><pre><code class=\"language-rust\">fn</code></pre>");
        assert_eq!(kinds(&parsed), vec![("blockquote", 0, 1), ("pre", 1, 2)]);
        assert_eq!(parsed.entities[1].language.as_deref(), Some("rust"));
        let parsed = html("<a href=\"tg://user?id=42\">you</a>");
        assert_eq!(parsed.entities[0].kind, "text_mention");
        assert_eq!(parsed.entities[0].user, Some(UserId(42)));
    }

    #[test]
    fn broken_html_is_refused_with_telegrams_wording() {
        assert_eq!(
            html_error("<b>bold"),
            "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\""
        );
        assert_eq!(
            html_error("a <foo>x</foo>"),
            "Bad Request: can't parse entities: Unsupported start tag \"foo\" at byte offset 2"
        );
        assert_eq!(
            html_error("<i>a</em>"),
            "Bad Request: can't parse entities: Unmatched end tag at byte offset 4, expected \"</i>\", found \"</em>\""
        );
        assert_eq!(
            html_error("x</b>"),
            "Bad Request: can't parse entities: Unexpected end tag at byte offset 1"
        );
        assert_eq!(
            html_error("<b"),
            "Bad Request: can't parse entities: Unclosed start tag at byte offset 0"
        );
    }

    #[test]
    fn markdown_v2_markers_become_entities() {
        let parsed = markdown("*b* _i_ __u__ ~s~ ||sp|| `c` [l](https://t.me) \\.");
        assert_eq!(parsed.text, "b i u s sp c l .");
        assert_eq!(
            kinds(&parsed),
            vec![
                ("bold", 0, 1),
                ("italic", 2, 1),
                ("underline", 4, 1),
                ("strikethrough", 6, 1),
                ("spoiler", 8, 2),
                ("code", 11, 1),
                ("text_link", 13, 1)
            ]
        );
        let parsed = markdown("```rust\nfn main()```");
        assert_eq!(parsed.text, "fn main()");
        assert_eq!(parsed.entities[0].language.as_deref(), Some("rust"));
        let parsed = markdown(">quoted\nplain");
        assert_eq!(kinds(&parsed), vec![("blockquote", 0, 7)]);
    }

    #[test]
    fn broken_markdown_v2_is_refused_with_telegrams_wording() {
        assert_eq!(
            markdown_error("Version 1.0"),
            "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'"
        );
        assert_eq!(
            markdown_error("*unclosed"),
            "Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 0"
        );
        assert_eq!(
            markdown_error("🏟 🏟_abacaba"),
            "Bad Request: can't parse entities: Can't find end of Italic entity at byte offset 9"
        );
        assert_eq!(
            markdown_error("[a](b"),
            "Bad Request: can't parse entities: Can't find end of a URL at byte offset 4"
        );
    }

    #[test]
    fn legacy_markdown_is_understood() {
        let parsed = parse("*b* _i_ `c` [l](https://t.me)", Some("Markdown")).expect("valid");
        assert_eq!(parsed.text, "b i c l");
        assert_eq!(
            kinds(&parsed),
            vec![
                ("bold", 0, 1),
                ("italic", 2, 1),
                ("code", 4, 1),
                ("text_link", 6, 1)
            ]
        );
        let error = parse("*open", Some("Markdown")).expect_err("unclosed");
        assert_eq!(
            error.description,
            "Bad Request: can't parse entities: Can't find end of the entity starting at byte offset 0"
        );
    }

    #[test]
    fn trimming_moves_entities_along() {
        let trimmed = trim(Formatted {
            text: "  hi there \n".into(),
            entities: vec![Entity::bold(2, 2)],
        });
        assert_eq!(trimmed.text, "hi there");
        assert_eq!(kinds(&trimmed), vec![("bold", 0, 2)]);
    }

    #[test]
    fn commands_mentions_and_urls_are_detected() {
        let mut text = Formatted {
            text: "/start@bot hi @alice #tag https://x.y".into(),
            entities: vec![],
        };
        detect_entities(&mut text);
        assert_eq!(
            kinds(&text),
            vec![
                ("bot_command", 0, 10),
                ("mention", 14, 6),
                ("hashtag", 21, 4),
                ("url", 26, 11)
            ]
        );
    }

    #[test]
    fn no_input_makes_a_parser_panic() {
        let alphabet: Vec<char> = "<>/&;#x='\"ab_*~|`[]()!\\> \n\u{a0}\u{3000}🏟ñ"
            .chars()
            .collect();
        let mut rng = fastrand::Rng::with_seed(11);
        for _ in 0..20_000 {
            let length = rng.usize(0..24);
            let text: String = (0..length)
                .map(|_| alphabet[rng.usize(0..alphabet.len())])
                .collect();
            for mode in ["HTML", "MarkdownV2", "Markdown"] {
                if let Ok(parsed) = parse(&text, Some(mode)) {
                    let length = utf16_len(&parsed.text);
                    assert!(
                        parsed
                            .entities
                            .iter()
                            .all(|e| e.offset + e.length <= length),
                        "{mode} {text:?}"
                    );
                }
            }
            let mut plain = trim(Formatted {
                text: text.clone(),
                entities: vec![Entity::bold(0, length)],
            });
            detect_entities(&mut plain);
        }
    }

    #[test]
    fn lengths_are_counted_in_utf16_code_units() {
        assert_eq!(utf16_len("a🏟"), 3);
    }
}
