//! The two layouts of the team's workspace, and what differs between them: where a card lives,
//! how it shows open and closed, and how a message is placed in a customer's thread.
//!
//! - Channel layout: the card is a channel post; its discussion copy is the thread root; thread
//!   messages reply to the root (or to a message in the thread); open cards are pinned.
//! - Forum layout: the card opens a forum topic (its name carries the colour marker, since a
//!   topic's icon colour is fixed) and is the topic's first message; thread messages go to the
//!   topic; closing a ticket closes the topic.

use teloxide::payloads::{
    CreateForumTopicSetters, EditForumTopicSetters, PinChatMessageSetters, SendMessageSetters,
    UnpinChatMessageSetters,
};
use teloxide::prelude::*;
use teloxide::types::{LinkPreviewOptions, ParseMode, Rgb, ThreadId};
use teloxide::{ApiError, RequestError};

use crate::desk::CardView;
use crate::domain::{ChatId, MessageId, UserId, Workspace};
use crate::i18n::Localizer;

/// The six icon colours Telegram allows for forum topics.
const TOPIC_COLORS: [u32; 6] = [0x6FB9F0, 0xFFD67E, 0xCB86DB, 0x8EEE98, 0xFF93B2, 0xFB6F5F];

/// Where a message goes inside a customer's thread.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Placement {
    /// The forum topic, in the forum layout.
    pub thread: Option<ThreadId>,
    /// The message to reply to, if any.
    pub reply_to: Option<MessageId>,
}

/// What differs between the layouts when calling Telegram (the workspace itself is a domain
/// type: [`Workspace`]).
impl Workspace {
    /// How to place a message replying to `target` in the thread with this root.
    pub fn place(self, root: MessageId, target: MessageId) -> Placement {
        match self {
            Workspace::Channel { .. } => Placement {
                thread: None,
                reply_to: Some(target),
            },
            Workspace::Forum { .. } => Placement {
                thread: Some(thread_id(root)),
                reply_to: (target != root).then_some(target),
            },
        }
    }

    /// Publishes a card; returns its message and, in the forum layout, the new topic.
    pub async fn post_card(
        self,
        bot: &Bot,
        localizer: &Localizer,
        card: &CardView,
    ) -> Result<(MessageId, Option<MessageId>), RequestError> {
        let html = localizer.card(card);
        match self {
            Workspace::Channel { channel, .. } => {
                let post = bot
                    .send_message(chat(channel), html)
                    .parse_mode(ParseMode::Html)
                    .link_preview_options(no_preview())
                    .await?;
                Ok((MessageId(post.id.0), None))
            }
            Workspace::Forum { forum } => {
                let topic = bot
                    .create_forum_topic(chat(forum), localizer.topic_name(card))
                    .icon_color(topic_color(card.customer))
                    .await?;
                let root = topic.thread_id;
                let message = bot
                    .send_message(chat(forum), html)
                    .parse_mode(ParseMode::Html)
                    .link_preview_options(no_preview())
                    .message_thread_id(root)
                    .await?;
                Ok((MessageId(message.id.0), Some(MessageId(root.0.0))))
            }
        }
    }

    /// Rewrites a card (and the topic's name).
    pub async fn edit_card(
        self,
        bot: &Bot,
        localizer: &Localizer,
        post: MessageId,
        thread: Option<MessageId>,
        card: &CardView,
    ) -> Result<(), RequestError> {
        if let (Workspace::Forum { forum }, Some(topic)) = (self, thread) {
            let renamed = bot
                .edit_forum_topic(chat(forum), thread_id(topic))
                .name(localizer.topic_name(card))
                .await;
            unchanged_is_fine(renamed.map(drop))?;
        }
        let edited = bot
            .edit_message_text(chat(self.card_chat()), message(post), localizer.card(card))
            .parse_mode(ParseMode::Html)
            .link_preview_options(no_preview())
            .await;
        unchanged_is_fine(edited.map(drop))
    }

    /// Shows the ticket as open: pins the post, or reopens the topic.
    pub async fn open_card(
        self,
        bot: &Bot,
        post: MessageId,
        thread: Option<MessageId>,
    ) -> Result<(), RequestError> {
        match (self, thread) {
            (Workspace::Channel { channel, .. }, _) => bot
                .pin_chat_message(chat(channel), message(post))
                .disable_notification(true)
                .await
                .map(drop),
            (Workspace::Forum { forum }, Some(topic)) => unchanged_is_fine(
                bot.reopen_forum_topic(chat(forum), thread_id(topic))
                    .await
                    .map(drop),
            ),
            (Workspace::Forum { .. }, None) => Ok(()),
        }
    }

    /// Shows the ticket as closed: unpins the post, or closes the topic.
    pub async fn close_card(
        self,
        bot: &Bot,
        post: MessageId,
        thread: Option<MessageId>,
    ) -> Result<(), RequestError> {
        match (self, thread) {
            (Workspace::Channel { channel, .. }, _) => bot
                .unpin_chat_message(chat(channel))
                .message_id(message(post))
                .await
                .map(drop),
            (Workspace::Forum { forum }, Some(topic)) => unchanged_is_fine(
                bot.close_forum_topic(chat(forum), thread_id(topic))
                    .await
                    .map(drop),
            ),
            (Workspace::Forum { .. }, None) => Ok(()),
        }
    }
}

/// A topic's icon colour, picked from the customer id so colours vary between topics.
fn topic_color(customer: UserId) -> Rgb {
    let rgb = TOPIC_COLORS[customer.0.rem_euclid(TOPIC_COLORS.len() as i64) as usize];
    Rgb {
        r: (rgb >> 16) as u8,
        g: (rgb >> 8) as u8,
        b: rgb as u8,
    }
}

/// "Not modified" answers mean the chat already shows what was asked.
fn unchanged_is_fine(result: Result<(), RequestError>) -> Result<(), RequestError> {
    match result {
        Err(RequestError::Api(ApiError::MessageNotModified)) => Ok(()),
        Err(RequestError::Api(ApiError::Unknown(text))) if text.contains("TOPIC_NOT_MODIFIED") => {
            Ok(())
        }
        other => other,
    }
}

/// A thread id from the message id of a topic's creation.
pub fn thread_id(root: MessageId) -> ThreadId {
    ThreadId(teloxide::types::MessageId(root.0))
}

/// A chat id as teloxide's.
pub fn chat(id: ChatId) -> teloxide::types::ChatId {
    teloxide::types::ChatId(id.0)
}

/// A message id as teloxide's.
pub fn message(id: MessageId) -> teloxide::types::MessageId {
    teloxide::types::MessageId(id.0)
}

/// Link previews off (cards and notes link to user profiles).
pub fn no_preview() -> LinkPreviewOptions {
    LinkPreviewOptions {
        is_disabled: true,
        url: None,
        prefer_small_media: false,
        prefer_large_media: false,
        show_above_text: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_colours_are_among_the_six_telegram_allows() {
        for customer in [0, 1, 5, 6, 123_456_789, -3] {
            let Rgb { r, g, b } = topic_color(UserId(customer));
            let value = (u32::from(r) << 16) | (u32::from(g) << 8) | u32::from(b);
            assert!(TOPIC_COLORS.contains(&value));
        }
    }

    #[test]
    fn forum_messages_go_to_the_topic_and_reply_only_to_real_targets() {
        let forum = Workspace::Forum {
            forum: ChatId(-100),
        };
        assert_eq!(
            forum.place(MessageId(7), MessageId(7)),
            Placement {
                thread: Some(thread_id(MessageId(7))),
                reply_to: None
            }
        );
        assert_eq!(
            forum.place(MessageId(7), MessageId(9)).reply_to,
            Some(MessageId(9))
        );
        let channel = Workspace::Channel {
            channel: ChatId(-1),
            group: ChatId(-2),
        };
        assert_eq!(
            channel.place(MessageId(7), MessageId(7)),
            Placement {
                thread: None,
                reply_to: Some(MessageId(7))
            }
        );
    }
}
