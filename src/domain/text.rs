//! Formatted text (a string plus Telegram's entities) and the rules for fitting it into messages.
//!
//! Telegram measures text, captions and entity offsets in UTF-16 code units, so every length
//! here does too. Text that would exceed a limit is split into several parts on line or word
//! boundaries between entities, never truncated; an entity longer than a part is cut along with
//! the text.

use serde::{Deserialize, Serialize};

/// A piece of text with its formatting, as Telegram represents it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormattedText {
    /// The plain text.
    pub text: String,
    /// Formatting spans over `text`, in UTF-16 code units.
    pub entities: Vec<Entity>,
}

/// One formatting span.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// What the span means.
    pub kind: EntityKind,
    /// Start, in UTF-16 code units from the start of the text.
    pub offset: u32,
    /// Length, in UTF-16 code units.
    pub length: u32,
}

/// The kinds of formatting Telegram knows. New variants go last (stored records name them by
/// position).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[allow(missing_docs)] // The names are Telegram's own entity types.
pub enum EntityKind {
    Mention,
    Hashtag,
    Cashtag,
    BotCommand,
    Url,
    Email,
    PhoneNumber,
    Bold,
    Italic,
    Underline,
    Strikethrough,
    Spoiler,
    Blockquote,
    ExpandableBlockquote,
    Code,
    Pre {
        language: Option<String>,
    },
    TextLink {
        url: String,
    },
    TextMention {
        user_id: i64,
    },
    CustomEmoji {
        custom_emoji_id: String,
    },
    /// A type this version does not know (Telegram adds some in new Bot API versions, such as
    /// 10.1's `date_time`): Telegram's JSON object, kept whole and sent back as it came (with
    /// the [`Entity`]'s own offset and length).
    Unknown {
        json: String,
    },
}

impl EntityKind {
    /// Whether cutting the span in two would change what it means: a link, a mention, an
    /// address or a custom emoji cut in half no longer works.
    fn stays_whole(&self) -> bool {
        matches!(
            self,
            EntityKind::Mention
                | EntityKind::Hashtag
                | EntityKind::Cashtag
                | EntityKind::BotCommand
                | EntityKind::Url
                | EntityKind::Email
                | EntityKind::PhoneNumber
                | EntityKind::TextLink { .. }
                | EntityKind::TextMention { .. }
                | EntityKind::CustomEmoji { .. }
        )
    }
}

/// The length of `text` in UTF-16 code units, the unit of Telegram's limits.
pub fn utf16_len(text: &str) -> u32 {
    let units: usize = text.chars().map(char::len_utf16).sum();
    u32::try_from(units).unwrap_or(u32::MAX)
}

impl FormattedText {
    /// Plain text without formatting.
    pub fn plain(text: impl Into<String>) -> FormattedText {
        FormattedText {
            text: text.into(),
            entities: Vec::new(),
        }
    }

    /// Whether there is no text at all.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Length in UTF-16 code units.
    pub fn utf16_len(&self) -> u32 {
        utf16_len(&self.text)
    }

    /// This text followed by `other`, with `other`'s entities shifted accordingly.
    pub fn concat(mut self, other: &FormattedText) -> FormattedText {
        let shift = self.utf16_len();
        self.text.push_str(&other.text);
        self.entities
            .extend(other.entities.iter().map(|entity| Entity {
                offset: entity.offset.saturating_add(shift),
                ..entity.clone()
            }));
        self
    }

    /// How good a place to cut the text is `units` (just after `previous`): higher is better.
    fn cut_rank(&self, units: u32, previous: char) -> u8 {
        let inside = |entity: &&Entity| {
            entity.offset < units && units < entity.offset.saturating_add(entity.length)
        };
        let in_any = self.entities.iter().any(|entity| inside(&entity));
        let in_whole = self
            .entities
            .iter()
            .filter(inside)
            .any(|entity| entity.kind.stays_whole());
        let line = previous == '\n';
        let space = previous.is_whitespace();
        match (in_any, in_whole) {
            (false, _) if line => 6,
            (false, _) if space => 5,
            (true, false) if line => 4,
            (true, false) if space => 3,
            (_, false) => 2,
            (_, true) if space => 1,
            (_, true) => 0,
        }
    }

    /// The part of this text between two UTF-16 positions that fall on character boundaries,
    /// with the entities that overlap it cut to fit.
    fn slice(&self, start: u32, end: u32, byte_start: usize, byte_end: usize) -> FormattedText {
        let entities = self
            .entities
            .iter()
            .filter_map(|entity| {
                let from = entity.offset.max(start);
                let to = entity.offset.saturating_add(entity.length).min(end);
                (from < to).then(|| Entity {
                    kind: entity.kind.clone(),
                    offset: from - start,
                    length: to - from,
                })
            })
            .collect();
        FormattedText {
            text: self.text[byte_start..byte_end].to_owned(),
            entities,
        }
    }
}

/// Fits `header` followed by `body` into messages of at most `limit` UTF-16 units each.
///
/// The first part starts with the header; when the whole does not fit, the body continues in
/// further parts, cut at the last line break (else the last space, else anywhere on a character
/// boundary) before the limit, outside the body's entities when possible and never inside a
/// link, mention or custom emoji unless one alone is longer than a part. Nothing is dropped: concatenating the parts' texts gives back the
/// header and the body. A header longer than the limit is itself split.
pub fn split_with_header(
    header: &FormattedText,
    body: &FormattedText,
    limit: u32,
) -> Vec<FormattedText> {
    let limit = limit.max(1);
    if header.utf16_len() >= limit {
        let mut parts = split_with_header(&FormattedText::default(), header, limit);
        parts.extend(split_with_header(&FormattedText::default(), body, limit));
        parts.retain(|part| !part.is_empty());
        return parts;
    }
    let mut parts = Vec::new();
    let mut budget = limit - header.utf16_len();
    let mut first = true;
    // Walk the body's characters once, remembering UTF-16 and byte positions of candidates.
    let mut start_units = 0u32;
    let mut start_byte = 0usize;
    let chars: Vec<(usize, char)> = body.text.char_indices().collect();
    let mut index = 0usize;
    loop {
        let remaining = body.utf16_len() - start_units;
        if remaining <= budget {
            let rest = body.slice(start_units, body.utf16_len(), start_byte, body.text.len());
            parts.push(if first {
                header.clone().concat(&rest)
            } else {
                rest
            });
            break;
        }
        // Find the cut: the furthest character boundary within the budget, preferring breaks
        // outside every entity, then breaks outside entities that must stay whole (links,
        // mentions, custom emoji, ...), then any boundary outside those.
        let mut units = start_units;
        let mut best: Option<(u8, (u32, usize, usize))> = None;
        while index < chars.len() {
            let (_, ch) = chars[index];
            let width = u32::try_from(ch.len_utf16()).unwrap_or(2);
            if units + width - start_units > budget {
                break;
            }
            units += width;
            index += 1;
            let next_byte = chars.get(index).map_or(body.text.len(), |(b, _)| *b);
            let rank = body.cut_rank(units, ch);
            if best.is_none_or(|(best_rank, _)| rank >= best_rank) {
                best = Some((rank, (units, next_byte, index)));
            }
        }
        let (cut_units, cut_byte, cut_index) = match best {
            Some((_, cut)) => cut,
            // Not even one character fits in this part: give it a part of its own.
            None => {
                let (_, ch) = chars[index];
                let next_byte = chars.get(index + 1).map_or(body.text.len(), |(b, _)| *b);
                (
                    start_units + u32::try_from(ch.len_utf16()).unwrap_or(2),
                    next_byte,
                    index + 1,
                )
            }
        };
        let piece = body.slice(start_units, cut_units, start_byte, cut_byte);
        parts.push(if first {
            header.clone().concat(&piece)
        } else {
            piece
        });
        first = false;
        budget = limit;
        start_units = cut_units;
        start_byte = cut_byte;
        index = cut_index;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bold(offset: u32, length: u32) -> Entity {
        Entity {
            kind: EntityKind::Bold,
            offset,
            length,
        }
    }

    #[test]
    fn utf16_length_counts_astral_characters_twice() {
        assert_eq!(utf16_len("a😀é"), 4);
    }

    #[test]
    fn text_that_fits_is_one_part_with_the_header_and_shifted_entities() {
        let header = FormattedText {
            text: "Hi: ".into(),
            entities: vec![bold(0, 3)],
        };
        let body = FormattedText {
            text: "hello".into(),
            entities: vec![bold(1, 2)],
        };
        let parts = split_with_header(&header, &body, 4096);
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].text, "Hi: hello");
        assert_eq!(parts[0].entities, vec![bold(0, 3), bold(5, 2)]);
    }

    #[test]
    fn long_text_is_split_at_line_breaks_and_nothing_is_lost() {
        let line = "x".repeat(30);
        let body = FormattedText::plain(format!("{line}\n{line}\n{line}"));
        let header = FormattedText::plain("H\n");
        let parts = split_with_header(&header, &body, 40);
        assert!(parts.len() >= 3, "{parts:?}");
        assert!(parts.iter().all(|p| p.utf16_len() <= 40));
        let joined: String = parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(joined, format!("H\n{}", body.text));
        assert!(parts[0].text.starts_with("H\n"));
    }

    #[test]
    fn an_entity_crossing_a_cut_is_split_into_both_parts() {
        let body = FormattedText {
            text: "aaaa bbbb".into(),
            entities: vec![bold(2, 5)],
        };
        let parts = split_with_header(&FormattedText::default(), &body, 5);
        assert_eq!(parts[0].text, "aaaa ");
        assert_eq!(parts[0].entities, vec![bold(2, 3)]);
        assert_eq!(parts[1].text, "bbbb");
        assert_eq!(parts[1].entities, vec![bold(0, 2)]);
    }

    #[test]
    fn a_cut_falls_before_a_link_rather_than_inside_it() {
        let body = FormattedText {
            text: "intro then link words here".into(),
            entities: vec![Entity {
                kind: EntityKind::TextLink {
                    url: "https://example.com".into(),
                },
                offset: 11,
                length: 15,
            }],
        };
        let parts = split_with_header(&FormattedText::default(), &body, 20);
        assert_eq!(parts[0].text, "intro then ");
        assert!(parts[0].entities.is_empty());
        assert_eq!(parts[1].text, "link words here");
        assert_eq!(parts[1].entities.len(), 1);
        assert_eq!(
            (parts[1].entities[0].offset, parts[1].entities[0].length),
            (0, 15)
        );
    }

    #[test]
    fn a_line_break_outside_formatting_wins_over_one_inside() {
        let body = FormattedText {
            text: "one\ntwo three\nfour".into(),
            entities: vec![bold(8, 10)],
        };
        let parts = split_with_header(&FormattedText::default(), &body, 16);
        assert_eq!(parts[0].text, "one\n");
        assert_eq!(parts[1].text, "two three\nfour");
        assert_eq!(parts[1].entities, vec![bold(4, 10)]);
    }

    #[test]
    fn surrogate_pairs_are_never_cut_in_half() {
        let body = FormattedText::plain("😀😀😀");
        let parts = split_with_header(&FormattedText::default(), &body, 3);
        assert_eq!(
            parts.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(),
            vec!["😀", "😀", "😀"]
        );
    }

    #[test]
    fn a_limit_smaller_than_one_character_still_makes_progress() {
        let body = FormattedText::plain("😀a");
        let parts = split_with_header(&FormattedText::default(), &body, 1);
        let joined: String = parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(joined, "😀a");
    }

    #[test]
    fn a_header_longer_than_the_limit_is_split_too() {
        let header = FormattedText::plain("abcdef");
        let body = FormattedText::plain("gh");
        let parts = split_with_header(&header, &body, 4);
        let joined: String = parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(joined, "abcdefgh");
        assert!(parts.iter().all(|p| p.utf16_len() <= 4));
    }
}
