//! Telegram's MarkdownV2 parse mode (with its reserved characters and block quotes) and the
//! legacy Markdown mode.

use super::{Entity, Formatted, Open, Output, link_entity, utf16_suffix};

/// Telegram's MarkdownV2 parse mode.
pub(super) struct MarkdownV2<'a> {
    source: &'a str,
    position: usize,
    output: Output,
    stack: Vec<Open>,
    quote: Option<Open>,
}

/// Characters that must be escaped with `\` outside code.
const RESERVED: &str = "_*[]()~`>#+-=|{}.!";

impl<'a> MarkdownV2<'a> {
    pub(super) fn parse(source: &'a str) -> Result<Formatted, String> {
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
pub(super) fn parse_legacy_markdown(source: &str) -> Result<Formatted, String> {
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
