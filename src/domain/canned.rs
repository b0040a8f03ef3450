//! Canned replies ("respostas prontas"): saved team messages, found by title and text.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::{ChatId, FormattedText, MediaItem, MessageId, Timestamp};

/// The longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 64;

/// A saved reply the team can send through inline mode.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CannedReply {
    /// Its title, unique ignoring case and accents.
    pub title: String,
    /// What is sent.
    pub content: CannedContent,
    /// Who saved it (display name).
    pub saved_by: String,
    /// When it was saved.
    pub saved_at: Timestamp,
}

/// What a canned reply sends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CannedContent {
    /// A text with its formatting.
    Text(FormattedText),
    /// A media file (by this bot's file id) with its caption.
    Media(MediaItem),
    /// Messages of the team chat sent as copies: an album's items, or a kind of message that
    /// cannot be kept as text or one file (a poll, a location, a contact). Only `/say` sends
    /// these (inline mode cannot send several messages at once).
    Copies {
        /// The team chat they are in.
        chat: ChatId,
        /// The messages, in order.
        messages: Vec<MessageId>,
        /// The first one's text or caption, for finding it.
        text: String,
    },
}

impl CannedContent {
    /// The text or caption.
    pub fn text(&self) -> &str {
        match self {
            CannedContent::Text(text) => &text.text,
            CannedContent::Media(item) => &item.caption.text,
            CannedContent::Copies { text, .. } => text,
        }
    }
}

/// Checks a title: one line (line breaks and runs of spaces become one space), 1 to 64
/// characters.
pub fn valid_title(title: &str) -> Option<String> {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    (!title.is_empty() && title.chars().count() <= MAX_TITLE_CHARS).then_some(title)
}

/// What makes titles the same: case, accents and spacing ignored, so a title saved before
/// titles were kept on one line is still found by its words.
pub fn title_key(title: &str) -> String {
    fold(&title.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Lower-case text without accents, for matching ("Ação" matches "acao").
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The canned replies matching `query`, best first: every word of the query must appear in the
/// title or the text; title matches (and title word starts) rank above text matches. An empty
/// query lists every reply by title.
pub fn search<'a>(replies: &'a [CannedReply], query: &str, limit: usize) -> Vec<&'a CannedReply> {
    let terms: Vec<String> = fold(query).split_whitespace().map(str::to_owned).collect();
    let mut scored: Vec<(u32, &CannedReply)> = replies
        .iter()
        .filter_map(|reply| {
            let title = fold(&reply.title);
            let text = fold(reply.content.text());
            let mut score = 0;
            for term in &terms {
                let in_title = title.contains(term.as_str());
                let starts_word = title
                    .split_whitespace()
                    .any(|word| word.starts_with(term.as_str()));
                let in_text = text.contains(term.as_str());
                if !in_title && !in_text {
                    return None;
                }
                score += u32::from(in_title) * 4 + u32::from(starts_word) * 2 + u32::from(in_text);
            }
            Some((score, reply))
        })
        .collect();
    scored.sort_by(|(a_score, a), (b_score, b)| {
        b_score
            .cmp(a_score)
            .then_with(|| fold(&a.title).cmp(&fold(&b.title)))
    });
    scored
        .into_iter()
        .take(limit)
        .map(|(_, reply)| reply)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(title: &str, text: &str) -> CannedReply {
        CannedReply {
            title: title.into(),
            content: CannedContent::Text(FormattedText::plain(text)),
            saved_by: "Maria".into(),
            saved_at: Timestamp(0),
        }
    }

    #[test]
    fn accents_and_case_are_ignored() {
        assert_eq!(fold("Ação RÁPIDA"), "acao rapida");
        let replies = [reply("Horário de atendimento", "Das 9h às 18h")];
        assert_eq!(search(&replies, "HORARIO", 10).len(), 1);
        assert_eq!(search(&replies, "as 18h", 10).len(), 1);
    }

    #[test]
    fn title_matches_rank_above_text_matches() {
        let replies = [
            reply("Boleto", "segunda via do pix"),
            reply("Pix", "chave pix da empresa"),
        ];
        let found: Vec<_> = search(&replies, "pix", 10)
            .iter()
            .map(|r| r.title.as_str())
            .collect();
        assert_eq!(found, vec!["Pix", "Boleto"]);
    }

    #[test]
    fn every_term_must_match() {
        let replies = [
            reply("Entrega", "prazo de 5 dias"),
            reply("Troca", "prazo de 7 dias"),
        ];
        let found: Vec<_> = search(&replies, "prazo troca", 10)
            .iter()
            .map(|r| r.title.as_str())
            .collect();
        assert_eq!(found, vec!["Troca"]);
    }

    #[test]
    fn an_empty_query_lists_everything_by_title_up_to_the_limit() {
        let replies = [reply("b", ""), reply("a", ""), reply("c", "")];
        let found: Vec<_> = search(&replies, "  ", 2)
            .iter()
            .map(|r| r.title.as_str())
            .collect();
        assert_eq!(found, vec!["a", "b"]);
    }

    #[test]
    fn titles_are_trimmed_and_bounded() {
        assert_eq!(valid_title("  Pix  "), Some("Pix".into()));
        assert_eq!(valid_title("   "), None);
        assert_eq!(valid_title(&"é".repeat(65)), None);
    }

    #[test]
    fn titles_are_kept_on_one_line_and_matched_ignoring_spacing() {
        assert_eq!(
            valid_title("Prazo\n de  <b>entrega</b>\r\n"),
            Some("Prazo de <b>entrega</b>".into())
        );
        assert_eq!(
            title_key("Prazo\nde  Entrega"),
            title_key("prazo de entrega")
        );
    }
}
