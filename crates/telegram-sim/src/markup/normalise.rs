//! What Telegram does to every text by itself: leading and trailing whitespace trimmed (entities
//! move along) and bot commands, mentions, hashtags and URLs detected.

use super::{Entity, Formatted, sort_entities, utf16_len};

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
