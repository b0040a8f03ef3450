//! Messages as the desk sees them: who wrote, where, what kind, what it replies to.
//!
//! The relay copies messages by id, so the desk keeps only what its rules need: the text (for
//! commands, keywords and edits), the media file ids (to rebuild albums and canned replies) and
//! the reply and thread references.

use serde::{Deserialize, Serialize};

use super::{ChatId, FormattedText, MessageId, UserId};

/// A message received by the bot, in a private chat or in the team's chat.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IncomingMessage {
    /// The chat it was sent in.
    pub chat: ChatId,
    /// Its id in that chat.
    pub id: MessageId,
    /// When Telegram says it was sent, in seconds since the epoch.
    pub date: i64,
    /// Who sent it.
    pub author: Author,
    /// What it contains.
    pub content: Content,
    /// The message it explicitly or implicitly replies to, in the same chat.
    pub reply_to: Option<MessageId>,
    /// The content of that message, when Telegram included it.
    pub reply_content: Option<Box<Content>>,
    /// The comment thread or forum topic it belongs to (`message_thread_id`).
    pub thread: Option<MessageId>,
    /// Set for items of an album; items of one album share it.
    pub media_group: Option<String>,
    /// Set when the message was sent through a bot's inline mode.
    pub via_bot: Option<UserId>,
    /// For Telegram's automatic forward of a channel post into its discussion group: the
    /// channel and the post's id there.
    pub forwarded_post: Option<(ChatId, MessageId)>,
}

/// Who sent a message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Author {
    /// A person (or a bot) with a user account.
    User {
        /// The account id.
        id: UserId,
        /// First name as shown by Telegram.
        first_name: String,
        /// Last name, if any.
        last_name: Option<String>,
        /// `@username` without the `@`, if any.
        username: Option<String>,
        /// The IETF language tag of the user's app, if Telegram sent it.
        language: Option<String>,
        /// Whether the account is a bot.
        is_bot: bool,
    },
    /// A message sent on behalf of a chat: a channel, or a group by an anonymous administrator.
    Chat {
        /// The chat the message is signed with.
        id: ChatId,
        /// The administrator's custom title, for anonymous group administrators.
        signature: Option<String>,
    },
}

impl Author {
    /// The user id, when a user (not a chat) sent the message.
    pub fn user_id(&self) -> Option<UserId> {
        match self {
            Author::User { id, .. } => Some(*id),
            Author::Chat { .. } => None,
        }
    }

    /// A short human name: the user's full name, or the signature of an anonymous sender.
    pub fn display_name(&self) -> String {
        match self {
            Author::User {
                first_name,
                last_name: Some(last),
                ..
            } => format!("{first_name} {last}"),
            Author::User { first_name, .. } => first_name.clone(),
            Author::Chat {
                signature: Some(signature),
                ..
            } => signature.clone(),
            Author::Chat { id, .. } => id.to_string(),
        }
    }
}

/// The kinds of media that have a file and can be grouped into albums or sent by file id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[allow(missing_docs)] // Telegram's own media types.
pub enum MediaKind {
    Photo,
    Video,
    Animation,
    Document,
    Audio,
    Voice,
    VideoNote,
    Sticker,
}

impl MediaKind {
    /// Whether `editMessageMedia` and `sendMediaGroup` accept this kind.
    pub fn is_input_media(self) -> bool {
        matches!(
            self,
            MediaKind::Photo
                | MediaKind::Video
                | MediaKind::Animation
                | MediaKind::Document
                | MediaKind::Audio
        )
    }

    /// The stable lower-case name used in notes, logs and exports.
    pub fn name(self) -> &'static str {
        match self {
            MediaKind::Photo => "photo",
            MediaKind::Video => "video",
            MediaKind::Animation => "animation",
            MediaKind::Document => "document",
            MediaKind::Audio => "audio",
            MediaKind::Voice => "voice",
            MediaKind::VideoNote => "video_note",
            MediaKind::Sticker => "sticker",
        }
    }
}

/// Messages Telegram refuses to copy, which the relay describes in a note instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[allow(missing_docs)] // Telegram's own message kinds.
pub enum UncopyableKind {
    QuizPoll,
    Invoice,
    PaidMedia,
    Giveaway,
    Game,
    Service,
    /// No longer produced (messages of unknown kinds are copied); kept so stored notes decode.
    Unsupported,
}

impl UncopyableKind {
    /// The stable lower-case name used to pick the localised description.
    pub fn name(self) -> &'static str {
        match self {
            UncopyableKind::QuizPoll => "quiz",
            UncopyableKind::Invoice => "invoice",
            UncopyableKind::PaidMedia => "paid-media",
            UncopyableKind::Giveaway => "giveaway",
            UncopyableKind::Game => "game",
            UncopyableKind::Service => "service",
            UncopyableKind::Unsupported => "unsupported",
        }
    }
}

/// One media file with its caption: an album item, or the content of a canned reply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaItem {
    /// The kind of media.
    pub kind: MediaKind,
    /// The file id, valid for this bot.
    pub file_id: String,
    /// The caption, possibly empty.
    pub caption: FormattedText,
    /// Whether the media is covered by a spoiler.
    pub has_spoiler: bool,
}

/// What a message contains.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Content {
    /// Text with formatting.
    Text(FormattedText),
    /// A photo, video, document, voice note and so on, with its caption.
    Media(MediaItem),
    /// A point on the map.
    Location,
    /// A place with a name and address.
    Venue,
    /// A shared contact.
    Contact,
    /// A regular poll.
    Poll,
    /// An animated emoji with a random value.
    Dice,
    /// A story shared into the chat.
    Story,
    /// Something Telegram will not copy; the relay writes a note instead.
    Uncopyable(UncopyableKind),
    /// A kind of message this version does not know (Telegram adds kinds in new Bot API
    /// versions): relayed by copying, which needs no understanding of it.
    Other {
        /// Its caption, if it has one.
        caption: FormattedText,
    },
}

impl Content {
    /// The text or caption, when there is one.
    pub fn text(&self) -> Option<&FormattedText> {
        match self {
            Content::Text(text) => Some(text),
            Content::Media(item) if !item.caption.is_empty() => Some(&item.caption),
            Content::Other { caption } if !caption.is_empty() => Some(caption),
            _ => None,
        }
    }

    /// The media item, when the message has one.
    pub fn media(&self) -> Option<&MediaItem> {
        match self {
            Content::Media(item) => Some(item),
            _ => None,
        }
    }
}

impl IncomingMessage {
    /// The text or caption, or the empty string.
    pub fn text(&self) -> &str {
        self.content.text().map_or("", |text| text.text.as_str())
    }

    /// The bot command this message starts with, lower-cased, without the slash and without a
    /// `@botname` suffix, and the rest of the text trimmed.
    pub fn command(&self) -> Option<(String, &str)> {
        let text = match &self.content {
            Content::Text(text) => text.text.as_str(),
            _ => return None,
        };
        let rest = text.strip_prefix('/')?;
        let (word, arguments) = match rest.find(char::is_whitespace) {
            Some(at) => (&rest[..at], rest[at..].trim()),
            None => (rest, ""),
        };
        let name = word.split('@').next().unwrap_or_default();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        Some((name.to_ascii_lowercase(), arguments))
    }
}

impl IncomingMessage {
    /// For a command written `/name@bot`, the bot it is addressed to.
    pub fn command_addressee(&self) -> Option<&str> {
        let Content::Text(text) = &self.content else {
            return None;
        };
        let word = text
            .text
            .strip_prefix('/')?
            .split(char::is_whitespace)
            .next()?;
        word.split_once('@').map(|(_, bot)| bot)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_message(text: &str) -> IncomingMessage {
        IncomingMessage {
            chat: ChatId(1),
            id: MessageId(1),
            date: 0,
            author: Author::Chat {
                id: ChatId(1),
                signature: None,
            },
            content: Content::Text(FormattedText::plain(text)),
            reply_to: None,
            reply_content: None,
            thread: None,
            media_group: None,
            via_bot: None,
            forwarded_post: None,
        }
    }

    #[test]
    fn commands_are_recognised_with_arguments_and_bot_suffix() {
        let message = text_message("/Fim@threadesk_bot  resolved, thanks ");
        assert_eq!(
            message.command(),
            Some(("fim".to_owned(), "resolved, thanks"))
        );
        assert_eq!(text_message("/p").command(), Some(("p".to_owned(), "")));
    }

    #[test]
    fn slashes_that_are_not_commands_are_plain_text() {
        assert_eq!(text_message("/ internal note").command(), None);
        assert_eq!(text_message("// internal").command(), None);
        assert_eq!(text_message("a/b").command(), None);
    }
}
