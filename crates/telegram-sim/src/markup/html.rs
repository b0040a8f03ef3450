//! Telegram's HTML parse mode: `b`, `strong`, `i`, `em`, `u`, `ins`, `s`, `strike`, `del`,
//! `a`, `code`, `pre`, `span class="tg-spoiler"`, `tg-spoiler`, `tg-emoji`, `blockquote`, and the
//! `&lt; &gt; &amp; &quot;` and numeric escapes.

use super::{Entity, Formatted, Open, Output, link_entity, utf16_suffix};

/// Telegram's HTML parse mode.
pub(super) struct Html<'a> {
    source: &'a str,
    position: usize,
    output: Output,
    stack: Vec<Open>,
}

impl<'a> Html<'a> {
    pub(super) fn parse(source: &'a str) -> Result<Formatted, String> {
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
