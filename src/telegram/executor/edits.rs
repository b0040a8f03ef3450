//! Edits both ways: a customer's edit applied to the message's copy in the thread, a team
//! member's edit applied to the customer's copy. The copy is found through the stored message
//! links; an edit of a message that was never copied is ignored.

use serde_json::Value;
use teloxide::payloads::EditMessageCaptionSetters;
use teloxide::prelude::*;
use teloxide::requests::HasPayload;
use teloxide::{ApiError, RequestError};

use super::{Call, TelegramExecutor, not_in_family, storage_failed};
use crate::desk::{DeskState, Effect, Failure};
use crate::domain::{Content, FormattedText, MessageId, Workspace};
use crate::pipeline::sender::{Delivered, SendError};
use crate::telegram::convert::input_media;
use crate::telegram::workspace::{chat, message};

impl TelegramExecutor {
    /// Carries out an edit effect.
    pub(super) async fn edit(&self, effect: &Effect, workspace: Workspace) -> Call<Delivered> {
        let thread_chat = workspace.thread_chat();
        match effect {
            Effect::EditThreadCopy {
                customer,
                message: source,
                content,
                ..
            } => {
                let links = self.links();
                let Some(copy) = links
                    .team_side(*customer, *source)
                    .map_err(storage_failed)?
                    .filter(|(chat, _)| *chat == thread_chat)
                    .map(|(_, copy)| copy)
                else {
                    tracing::debug!(%customer, message = %source, "edit of a message without a thread copy ignored");
                    return Ok(Delivered::default());
                };
                self.edit_copy(chat(thread_chat), copy, content).await
            }
            Effect::EditCustomerCopy {
                customer,
                message: source,
                content,
                ..
            } => {
                let links = self.links();
                let copy = links
                    .customer_side(thread_chat, *source)
                    .map_err(storage_failed)?;
                let Some((_, copy)) = copy.filter(|(owner, _)| owner == customer) else {
                    tracing::debug!(%customer, message = %source, "edit of a message the customer never got ignored");
                    return Ok(Delivered::default());
                };
                self.edit_copy(chat(customer.private_chat()), copy, content)
                    .await
            }
            other => not_in_family("edit", other),
        }
    }

    /// Applies an edit to a copy: text, media, or caption.
    pub(super) async fn edit_copy(
        &self,
        to: teloxide::types::ChatId,
        copy: MessageId,
        content: &Content,
    ) -> Call<Delivered> {
        let result = match content {
            Content::Text(text) => {
                let request = self
                    .bot
                    .edit_message_text(to, message(copy), text.text.clone());
                let slots = [(String::new(), "entities", text.entities.as_slice())];
                self.send_raw(request.payload_ref(), &slots).await
            }
            Content::Media(item) => match input_media(item) {
                Some(media) => {
                    let request = self.bot.edit_message_media(to, message(copy), media);
                    let slots = [(
                        "/media".to_owned(),
                        "caption_entities",
                        item.caption.entities.as_slice(),
                    )];
                    self.send_raw(request.payload_ref(), &slots).await
                }
                None => self.edit_caption(to, copy, &item.caption).await,
            },
            // A kind this version does not know: only its caption can be edited.
            Content::Other { caption } if !caption.is_empty() => {
                self.edit_caption(to, copy, caption).await
            }
            _ => {
                return Err(SendError::Permanent(Failure::Rejected(
                    "this kind of message cannot be edited".into(),
                )));
            }
        };
        self.unless_unchanged(result.map(drop))
    }

    async fn edit_caption(
        &self,
        to: teloxide::types::ChatId,
        copy: MessageId,
        caption: &FormattedText,
    ) -> Result<Value, RequestError> {
        let request = self
            .bot
            .edit_message_caption(to, message(copy))
            .caption(caption.text.clone());
        let slots = [(
            String::new(),
            "caption_entities",
            caption.entities.as_slice(),
        )];
        self.send_raw(request.payload_ref(), &slots).await
    }

    /// "Message is not modified" means the copy already shows what was asked.
    fn unless_unchanged(&self, result: Result<(), RequestError>) -> Call<Delivered> {
        match result {
            Ok(()) | Err(RequestError::Api(ApiError::MessageNotModified)) => {
                Ok(Delivered::default())
            }
            Err(error) => Err(self.failed(error)),
        }
    }
}
