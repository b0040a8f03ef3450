//! Team messages and canned replies sent with their variables filled: a text with its
//! formatting, a media file by its file id with the filled caption, or a copy of a team-chat
//! media message whose caption is replaced.

use serde_json::Value;
use teloxide::RequestError;
use teloxide::payloads::setters::*;
use teloxide::prelude::*;
use teloxide::requests::HasPayload;
use teloxide::types::{FileId, InputFile, ReplyParameters};

use super::TelegramExecutor;
use crate::domain::{Content, FormattedText, MediaKind, MessageId, UserId};
use crate::telegram::workspace::{chat, message};

impl TelegramExecutor {
    /// Sends `content` (already filled) to the customer, or copies `copy_from` with the
    /// content's caption; the answer is Telegram's, as JSON.
    pub(super) async fn send_filled(
        &self,
        customer: UserId,
        team_chat: teloxide::types::ChatId,
        content: &Content,
        copy_from: Option<MessageId>,
        reply: Option<ReplyParameters>,
    ) -> Result<Value, RequestError> {
        let private = chat(customer.private_chat());
        let empty = FormattedText::default();
        let caption = match content {
            Content::Text(text) => text,
            Content::Media(item) => &item.caption,
            _ => &empty,
        };
        let caption_slots = [(
            String::new(),
            "caption_entities",
            caption.entities.as_slice(),
        )];
        macro_rules! captioned {
            ($request:expr) => {{
                let mut request = $request.caption(caption.text.clone());
                if let Some(reply) = reply.clone() {
                    request = request.reply_parameters(reply);
                }
                self.send_raw(request.payload_ref(), &caption_slots).await
            }};
        }
        if let Some(source) = copy_from {
            return captioned!(self.bot.copy_message(private, team_chat, message(source)));
        }
        let item = match content {
            Content::Media(item) => item,
            _ => {
                let mut request = self.bot.send_message(private, caption.text.clone());
                if let Some(reply) = reply {
                    request = request.reply_parameters(reply);
                }
                let slots = [(String::new(), "entities", caption.entities.as_slice())];
                return self.send_raw(request.payload_ref(), &slots).await;
            }
        };
        let file = InputFile::file_id(FileId(item.file_id.clone()));
        match item.kind {
            MediaKind::Photo => captioned!(self.bot.send_photo(private, file)),
            MediaKind::Video => captioned!(self.bot.send_video(private, file)),
            MediaKind::Animation => captioned!(self.bot.send_animation(private, file)),
            MediaKind::Document => captioned!(self.bot.send_document(private, file)),
            MediaKind::Audio => captioned!(self.bot.send_audio(private, file)),
            MediaKind::Voice => captioned!(self.bot.send_voice(private, file)),
            MediaKind::VideoNote | MediaKind::Sticker => {
                let no_caption: [(String, &str, &[crate::domain::Entity]); 0] = [];
                if item.kind == MediaKind::Sticker {
                    let mut request = self.bot.send_sticker(private, file);
                    if let Some(reply) = reply {
                        request = request.reply_parameters(reply);
                    }
                    return self.send_raw(request.payload_ref(), &no_caption).await;
                }
                let mut request = self.bot.send_video_note(private, file);
                if let Some(reply) = reply {
                    request = request.reply_parameters(reply);
                }
                self.send_raw(request.payload_ref(), &no_caption).await
            }
        }
    }
}
