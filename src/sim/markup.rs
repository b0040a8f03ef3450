//! Formatted text: message entities, the `parse_mode`s (HTML, MarkdownV2, legacy Markdown), and
//! Telegram's text normalisation (UTF-16 lengths, trimmed whitespace).
//!
//! Parse errors carry Telegram's wording (`Can't find end of Bold entity at byte offset 0`,
//! `Unsupported start tag "foo" at byte offset 3`, …), prefixed with `can't parse entities: `.

use serde_json::{Map, Value, json};

use super::error::ApiError;
use super::ids::UserId;

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
fn link_entity(offset: usize, length: usize, url: &str) -> Option<Entity> {
    if let Some(user) = mention_user(url) {
        return Some(Entity {
            user: Some(user),
            ..Entity::new("text_mention", offset, length)
        });
    }
    check_url(url).map(|url| Entity::link(offset, length, &url))
}

/// An entity under construction: where it started (UTF-16 and byte offsets) and what it is.
struct Open {
    entity: Entity,
    tag: String,
    byte_offset: usize,
}

/// Accumulates output text and its UTF-16 length.
#[derive(Default)]
struct Output {
    text: String,
    utf16: usize,
    entities: Vec<Entity>,
}

impl Output {
    fn push(&mut self, c: char) {
        self.text.push(c);
        self.utf16 += c.len_utf16();
    }

    fn close(&mut self, mut open: Open) {
        open.entity.length = self.utf16 - open.entity.offset;
        if open.entity.length > 0 {
            self.entities.push(open.entity);
        }
    }

    fn finish(self) -> Formatted {
        Formatted {
            text: self.text,
            entities: self.entities,
        }
    }
}

/// Telegram's HTML parse mode.
struct Html<'a> {
    source: &'a str,
    position: usize,
    output: Output,
    stack: Vec<Open>,
}

impl<'a> Html<'a> {
    fn parse(source: &'a str) -> Result<Formatted, String> {
        let mut parser = Html {
            source,
            position: 0,
            output: Output::default(),
            stack: Vec::new(),
        };
        while let Some(c) = parser.peek() {
            match c {
                '&' => {
                    let decoded = parser.entity();
                    parser.output.push(decoded);
                }
                '<' => parser.tag()?,
                _ => {
                    parser.output.push(c);
                    parser.position += c.len_utf8();
                }
            }
        }
        if let Some(open) = parser.stack.last() {
            return Err(format!(
                "Can't find end tag corresponding to start tag \"{}\"",
                open.tag
            ));
        }
        Ok(merge_pre_code(parser.output.finish()))
    }

    fn peek(&self) -> Option<char> {
        self.source[self.position..].chars().next()
    }

    fn rest(&self) -> &'a str {
        &self.source[self.position..]
    }

    /// Decodes `&lt;`, `&gt;`, `&amp;`, `&quot;` and numeric references; anything else is a
    /// literal ampersand.
    fn entity(&mut self) -> char {
        let rest = self.rest();
        let body: String = rest[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
            .take(10)
            .collect();
        let decoded = match body.as_str() {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            numeric if numeric.starts_with('#') => {
                let digits = &numeric[1..];
                let code = match digits.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => digits.parse().ok(),
                };
                code.filter(|code| *code != 0).and_then(char::from_u32)
            }
            _ => None,
        };
        match decoded {
            Some(c) => {
                self.position += 1 + body.len();
                if self.rest().starts_with(';') {
                    self.position += 1;
                }
                c
            }
            None => {
                self.position += 1;
                '&'
            }
        }
    }

    fn skip_spaces(&mut self) {
        while let Some(c) = self.peek().filter(|c| c.is_whitespace()) {
            self.position += c.len_utf8();
        }
    }

    fn tag(&mut self) -> Result<(), String> {
        let start = self.position;
        self.position += 1;
        if self.rest().starts_with('/') {
            return self.end_tag(start);
        }
        let name = self.name();
        if self.peek().is_none() {
            return Err(format!("Unclosed start tag at byte offset {start}"));
        }
        let name = name.to_ascii_lowercase();
        const SUPPORTED: &[&str] = &[
            "b",
            "strong",
            "i",
            "em",
            "u",
            "ins",
            "s",
            "strike",
            "del",
            "a",
            "code",
            "pre",
            "span",
            "tg-spoiler",
            "tg-emoji",
            "blockquote",
        ];
        if !SUPPORTED.contains(&name.as_str()) {
            return Err(format!(
                "Unsupported start tag \"{name}\" at byte offset {start}"
            ));
        }
        let attributes = self.attributes(&name, start)?;
        let attribute = |key: &str| {
            attributes
                .iter()
                .find(|(name, _)| name == key)
                .map(|(_, value)| value.clone())
        };
        let offset = self.output.utf16;
        let entity = match name.as_str() {
            "b" | "strong" => Entity::bold(offset, 0),
            "i" | "em" => Entity::italic(offset, 0),
            "u" | "ins" => Entity::new("underline", offset, 0),
            "s" | "strike" | "del" => Entity::new("strikethrough", offset, 0),
            "tg-spoiler" => Entity::new("spoiler", offset, 0),
            "span" => {
                if attribute("class").as_deref() != Some("tg-spoiler") {
                    return Err(format!(
                        "Tag \"span\" must have class \"tg-spoiler\" at byte offset {start}"
                    ));
                }
                Entity::new("spoiler", offset, 0)
            }
            "a" => Entity {
                url: attribute("href"),
                ..Entity::new("text_link", offset, 0)
            },
            "code" => Entity {
                language: attribute("class")
                    .and_then(|class| class.strip_prefix("language-").map(str::to_owned))
                    .filter(|language| !language.is_empty()),
                ..Entity::new("code", offset, 0)
            },
            "pre" => Entity::new("pre", offset, 0),
            "tg-emoji" => Entity {
                custom_emoji_id: attribute("emoji-id"),
                ..Entity::new("custom_emoji", offset, 0)
            },
            _ => {
                let expandable = attributes.iter().any(|(key, _)| key == "expandable");
                let kind = if expandable {
                    "expandable_blockquote"
                } else {
                    "blockquote"
                };
                Entity::new(kind, offset, 0)
            }
        };
        self.stack.push(Open {
            entity,
            tag: name,
            byte_offset: start,
        });
        Ok(())
    }

    fn name(&mut self) -> &'a str {
        let rest = self.rest();
        let length = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        self.position += length;
        &rest[..length]
    }

    /// Reads `key=value` pairs up to and including `>`.
    fn attributes(&mut self, tag: &str, start: usize) -> Result<Vec<(String, String)>, String> {
        let mut attributes = Vec::new();
        loop {
            self.skip_spaces();
            match self.peek() {
                None => return Err(format!("Unclosed start tag at byte offset {start}")),
                Some('>') => {
                    self.position += 1;
                    return Ok(attributes);
                }
                Some('/') if self.rest().starts_with("/>") => {
                    self.position += 2;
                    return Ok(attributes);
                }
                _ => {}
            }
            let rest = self.rest();
            let length = rest
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>')
                .unwrap_or(rest.len());
            let key = rest[..length].to_ascii_lowercase();
            self.position += length;
            if key.is_empty() {
                return Err(format!(
                    "Empty attribute name in the tag \"{tag}\" at byte offset {start}"
                ));
            }
            self.skip_spaces();
            if self.peek() != Some('=') {
                if tag == "blockquote" && key == "expandable" {
                    attributes.push((key, String::new()));
                    continue;
                }
                return Err(format!(
                    "Expected equal sign in declaration of an attribute of the tag \"{tag}\" at \
                     byte offset {start}"
                ));
            }
            self.position += 1;
            self.skip_spaces();
            let value = match self.peek() {
                None => {
                    return Err(format!(
                        "Unclosed start tag \"{tag}\" at byte offset {start}"
                    ));
                }
                Some(quote @ ('"' | '\'')) => {
                    self.position += 1;
                    let mut value = String::new();
                    loop {
                        match self.peek() {
                            None => {
                                return Err(format!("Unclosed start tag at byte offset {start}"));
                            }
                            Some(c) if c == quote => {
                                self.position += 1;
                                break;
                            }
                            Some('&') => value.push(self.entity()),
                            Some(c) => {
                                value.push(c);
                                self.position += c.len_utf8();
                            }
                        }
                    }
                    value
                }
                Some(_) => {
                    let token_start = self.position;
                    let rest = self.rest();
                    let length = rest
                        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
                        .unwrap_or(rest.len());
                    self.position += length;
                    if !self.peek().is_some_and(|c| c.is_whitespace() || c == '>') {
                        return Err(format!(
                            "Unexpected end of name token at byte offset {token_start}"
                        ));
                    }
                    rest[..length].to_ascii_lowercase()
                }
            };
            attributes.push((key, value));
        }
    }

    fn end_tag(&mut self, start: usize) -> Result<(), String> {
        self.position += 1;
        let name = self.name().to_ascii_lowercase();
        self.skip_spaces();
        if self.peek() != Some('>') {
            if self.peek().is_none() && name.is_empty() {
                return Err(format!("Unexpected end tag at byte offset {start}"));
            }
            return Err(format!("Unclosed end tag at byte offset {start}"));
        }
        self.position += 1;
        let Some(open) = self.stack.pop() else {
            return Err(format!("Unexpected end tag at byte offset {start}"));
        };
        if !name.is_empty() && name != open.tag {
            return Err(format!(
                "Unmatched end tag at byte offset {start}, expected \"</{}>\", found \"</{name}>\"",
                open.tag
            ));
        }
        let mut open = open;
        if open.entity.kind == "text_link" {
            let target = match open.entity.url.take() {
                Some(url) => url,
                None => utf16_suffix(&self.output.text, self.output.utf16 - open.entity.offset),
            };
            let length = self.output.utf16 - open.entity.offset;
            if let Some(entity) = link_entity(open.entity.offset, length, &target) {
                self.output.entities.push(entity);
            }
            return Ok(());
        }
        self.output.close(open);
        Ok(())
    }
}

/// The last `units` UTF-16 code units of `text`.
fn utf16_suffix(text: &str, units: usize) -> String {
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

/// `<pre><code class="language-x">` is one `pre` entity with a language.
fn merge_pre_code(mut formatted: Formatted) -> Formatted {
    let languages: Vec<(usize, usize, String)> = formatted
        .entities
        .iter()
        .filter(|entity| entity.kind == "code")
        .filter_map(|entity| {
            entity
                .language
                .clone()
                .map(|language| (entity.offset, entity.length, language))
        })
        .collect();
    for (offset, length, language) in languages {
        let has_pre = formatted.entities.iter().any(|entity| {
            entity.kind == "pre"
                && entity.offset <= offset
                && offset + length <= entity.offset + entity.length
        });
        if has_pre {
            formatted.entities.retain(|entity| {
                !(entity.kind == "code" && entity.offset == offset && entity.length == length)
            });
            if let Some(pre) = formatted.entities.iter_mut().find(|entity| {
                entity.kind == "pre"
                    && entity.offset <= offset
                    && offset + length <= entity.offset + entity.length
            }) {
                pre.language = Some(language);
            }
        }
    }
    for entity in &mut formatted.entities {
        if entity.kind == "code" {
            entity.language = None;
        }
    }
    formatted
}

/// Telegram's MarkdownV2 parse mode.
struct MarkdownV2<'a> {
    source: &'a str,
    position: usize,
    output: Output,
    stack: Vec<Open>,
    quote: Option<Open>,
}

/// Characters that must be escaped with `\` outside code.
const RESERVED: &str = "_*[]()~`>#+-=|{}.!";

impl<'a> MarkdownV2<'a> {
    fn parse(source: &'a str) -> Result<Formatted, String> {
        let mut parser = MarkdownV2 {
            source,
            position: 0,
            output: Output::default(),
            stack: Vec::new(),
            quote: None,
        };
        parser.run()?;
        if !parser.stack.is_empty() {
            return Err(unterminated(parser.stack.last()));
        }
        if let Some(quote) = parser.quote.take() {
            parser.output.close(quote);
        }
        Ok(parser.output.finish())
    }

    fn rest(&self) -> &'a str {
        &self.source[self.position..]
    }

    fn in_code(&self) -> bool {
        self.stack
            .last()
            .is_some_and(|open| matches!(open.entity.kind.as_str(), "code" | "pre"))
    }

    fn run(&mut self) -> Result<(), String> {
        while let Some(c) = self.rest().chars().next() {
            let start = self.position;
            let at_line_start = start == 0 || self.source[..start].ends_with('\n');
            if at_line_start && !self.in_code() {
                self.line_start(c);
                if c == '>' {
                    continue;
                }
            }
            if c == '\\' {
                self.escape();
                continue;
            }
            if self.in_code() {
                self.code_char(c);
                continue;
            }
            match c {
                '*' => self.toggle("bold", 1)?,
                '~' => self.toggle("strikethrough", 1)?,
                '_' if self.rest().starts_with("__") => self.toggle("underline", 2)?,
                '_' => self.toggle("italic", 1)?,
                '|' if self.rest().starts_with("||") => self.toggle("spoiler", 2)?,
                '`' if self.rest().starts_with("```") => self.open_pre(),
                '`' => {
                    self.position += 1;
                    self.push_open("code", "`", start);
                }
                '[' => {
                    self.position += 1;
                    self.push_open("text_link", "[", start);
                }
                '!' if self.rest().starts_with("![") => {
                    self.position += 2;
                    self.push_open("custom_emoji", "![", start);
                }
                ']' if self
                    .stack
                    .last()
                    .is_some_and(|open| open.tag == "[" || open.tag == "![") =>
                {
                    self.close_link()?
                }
                c if RESERVED.contains(c) => {
                    return Err(format!(
                        "Character '{c}' is reserved and must be escaped with the preceding '\\'"
                    ));
                }
                c => {
                    self.output.push(c);
                    self.position += c.len_utf8();
                }
            }
        }
        Ok(())
    }

    /// `>` at the start of a line opens (or continues) a block quote; a line without it ends one.
    fn line_start(&mut self, c: char) {
        if c == '>' {
            self.position += 1;
            if self.quote.is_none() {
                let entity = Entity::new("blockquote", self.output.utf16, 0);
                self.quote = Some(Open {
                    entity,
                    tag: ">".into(),
                    byte_offset: self.position - 1,
                });
            }
        } else if let Some(quote) = self.quote.take() {
            self.output.close(quote);
        }
    }

    fn escape(&mut self) {
        let next = self.rest()[1..].chars().next();
        match next {
            Some(escaped) if (escaped as u32) < 126 && escaped != '\n' => {
                self.output.push(escaped);
                self.position += 1 + escaped.len_utf8();
            }
            _ => {
                self.output.push('\\');
                self.position += 1;
            }
        }
    }

    fn code_char(&mut self, c: char) {
        let Some(open) = self.stack.last() else {
            return;
        };
        let closes = if open.tag == "```" {
            self.rest().starts_with("```")
        } else {
            c == '`'
        };
        if closes {
            self.position += open.tag.len();
            if let Some(open) = self.stack.pop() {
                self.output.close(open);
            }
        } else {
            self.output.push(c);
            self.position += c.len_utf8();
        }
    }

    fn push_open(&mut self, kind: &str, tag: &str, byte_offset: usize) {
        let entity = Entity::new(kind, self.output.utf16, 0);
        self.stack.push(Open {
            entity,
            tag: tag.into(),
            byte_offset,
        });
    }

    /// A two-sided marker (`*`, `_`, `__`, `~`, `||`): close if it is the innermost open
    /// entity, open otherwise. Closing across another open entity leaves that inner entity
    /// without an end, which is what Telegram reports.
    fn toggle(&mut self, kind: &str, width: usize) -> Result<(), String> {
        let start = self.position;
        self.position += width;
        match self.stack.iter().rposition(|open| open.entity.kind == kind) {
            Some(index) if index + 1 == self.stack.len() => {
                if let Some(open) = self.stack.pop() {
                    self.output.close(open);
                }
                Ok(())
            }
            Some(_) => Err(unterminated(self.stack.last())),
            None => {
                let tag = &self.source[start..start + width];
                self.push_open(kind, tag, start);
                Ok(())
            }
        }
    }

    fn open_pre(&mut self) {
        let start = self.position;
        self.position += 3;
        let rest = self.rest();
        let language_end = rest
            .find(|c: char| c.is_whitespace() || c == '`')
            .unwrap_or(rest.len());
        let mut language = None;
        if language_end > 0 && language_end < rest.len() && !rest[language_end..].starts_with('`') {
            language = Some(rest[..language_end].to_owned());
            self.position += language_end;
        }
        if self.rest().starts_with("\r\n") {
            self.position += 2;
        } else if self.rest().starts_with('\n') || self.rest().starts_with('\r') {
            self.position += 1;
        }
        let entity = Entity {
            language,
            ..Entity::new("pre", self.output.utf16, 0)
        };
        self.stack.push(Open {
            entity,
            tag: "```".into(),
            byte_offset: start,
        });
    }

    /// `]` of `[text](url)` or `![emoji](tg://emoji?id=…)`.
    fn close_link(&mut self) -> Result<(), String> {
        self.position += 1;
        let Some(mut open) = self.stack.pop() else {
            return Ok(());
        };
        let length = self.output.utf16 - open.entity.offset;
        let url = if self.rest().starts_with('(') {
            self.position += 1;
            let url_start = self.position;
            let mut url = String::new();
            loop {
                let Some(c) = self.rest().chars().next() else {
                    return Err(format!(
                        "Can't find end of a URL at byte offset {url_start}"
                    ));
                };
                self.position += c.len_utf8();
                match c {
                    ')' => break,
                    '\\' => {
                        if let Some(escaped) = self.rest().chars().next() {
                            url.push(escaped);
                            self.position += escaped.len_utf8();
                        }
                    }
                    c => url.push(c),
                }
            }
            url
        } else if open.tag == "![" {
            return Err("Custom emoji entity must contain a tg://emoji URL".to_owned());
        } else {
            utf16_suffix(&self.output.text, length)
        };
        if open.tag == "![" {
            let id = url
                .split(['?', '&'])
                .find_map(|part| part.strip_prefix("id="))
                .map(str::to_owned);
            let Some(id) = id else {
                return Err("Custom emoji URL must have an emoji identifier".to_owned());
            };
            open.entity.custom_emoji_id = Some(id);
            self.output.close(open);
            return Ok(());
        }
        if let Some(entity) = link_entity(open.entity.offset, length, &url) {
            self.output.entities.push(entity);
        }
        Ok(())
    }
}

/// `Can't find end of Bold entity at byte offset 0`.
fn unterminated(open: Option<&Open>) -> String {
    let (name, offset) = open.map_or(("TextUrl", 0), |open| (entity_name(open), open.byte_offset));
    format!("Can't find end of {name} entity at byte offset {offset}")
}

/// The name Telegram uses for an entity in "Can't find end of … entity" errors.
fn entity_name(open: &Open) -> &'static str {
    match open.entity.kind.as_str() {
        "bold" => "Bold",
        "italic" => "Italic",
        "underline" => "Underline",
        "strikethrough" => "Strikethrough",
        "spoiler" => "Spoiler",
        "code" => "Code",
        "pre" if open.entity.language.is_some() => "PreCode",
        "pre" => "Pre",
        "custom_emoji" => "CustomEmoji",
        _ => "TextUrl",
    }
}

/// The legacy `Markdown` mode: `*bold*`, `_italic_`, `` `code` ``, ```` ```pre``` ````,
/// `[text](url)`; `\` escapes the four markers.
fn parse_legacy_markdown(source: &str) -> Result<Formatted, String> {
    let mut output = Output::default();
    let mut rest = source;
    let mut position = 0;
    while let Some(c) = rest.chars().next() {
        if c == '\\' && rest[1..].starts_with(['_', '*', '`', '[']) {
            let escaped = rest[1..].chars().next().unwrap_or('\\');
            output.push(escaped);
            rest = &rest[2..];
            position += 2;
            continue;
        }
        if !matches!(c, '_' | '*' | '`' | '[') {
            output.push(c);
            rest = &rest[c.len_utf8()..];
            position += c.len_utf8();
            continue;
        }
        let begin = position;
        let is_pre = rest.starts_with("```");
        let (open_width, end_marker) = match c {
            '[' => (1, "]"),
            '`' if is_pre => (3, "```"),
            '_' => (1, "_"),
            '*' => (1, "*"),
            _ => (1, "`"),
        };
        let body_start = &rest[open_width..];
        let Some(end) = body_start.find(end_marker) else {
            return Err(format!(
                "Can't find end of the entity starting at byte offset {begin}"
            ));
        };
        let mut body = &body_start[..end];
        let mut after = &body_start[end + end_marker.len()..];
        let mut language = None;
        if is_pre {
            if let Some(newline) = body.find('\n') {
                let first = &body[..newline];
                if !first.is_empty() && !first.contains(char::is_whitespace) {
                    language = Some(first.to_owned());
                }
                body = &body[newline + 1..];
            }
        }
        let offset = output.utf16;
        for c in body.chars() {
            output.push(c);
        }
        let length = output.utf16 - offset;
        let entity = match c {
            '[' => {
                let mut url = body.to_owned();
                if let Some(target) = after.strip_prefix('(') {
                    if let Some(close) = target.find(')') {
                        url = target[..close].to_owned();
                        after = &target[close + 1..];
                    }
                }
                link_entity(offset, length, &url)
            }
            '_' => Some(Entity::italic(offset, length)),
            '*' => Some(Entity::bold(offset, length)),
            _ if is_pre => Some(Entity {
                language,
                ..Entity::new("pre", offset, length)
            }),
            _ => Some(Entity::new("code", offset, length)),
        };
        if let Some(entity) = entity.filter(|entity| entity.length > 0) {
            output.entities.push(entity);
        }
        position += rest.len() - after.len();
        rest = after;
    }
    Ok(output.finish())
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
