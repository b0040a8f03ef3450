//! Texts and files sent to customers through the HTTP API: sent as the bot, without formatting,
//! and the message id recorded under the delivery id for the caller to poll.

use teloxide::prelude::*;
use teloxide::types::InputFile;

use super::{Call, TelegramExecutor, not_in_family};
use crate::desk::{ApiFile, Effect, Failure};
use crate::domain::MessageId;
use crate::pipeline::sender::{Delivered, SendError};
use crate::pipeline::{clock, integrations};

impl TelegramExecutor {
    /// Carries out [`Effect::ApiMessage`].
    pub(super) async fn api_message(&self, effect: &Effect) -> Call<Delivered> {
        let Effect::ApiMessage {
            customer,
            delivery,
            text,
        } = effect
        else {
            return not_in_family("API message", effect);
        };
        let sent = self
            .bot
            .send_message(
                teloxide::types::ChatId(customer.private_chat().0),
                text.clone(),
            )
            .await
            .map_err(|error| self.failed(error))?;
        // A crash before this is recorded repeats the message, as for any effect.
        integrations::record_sent(&self.store, *delivery, MessageId(sent.id.0), clock::now())
            .map_err(|error| SendError::Transient(error.to_string()))?;
        Ok(Delivered::default())
    }
}

impl TelegramExecutor {
    /// Carries out [`Effect::ApiFile`]: a document by URL (Telegram fetches it) or uploaded from
    /// the file kept under the delivery's id, which is forgotten once it is sent.
    pub(super) async fn api_file(&self, effect: &Effect) -> Call<Delivered> {
        let Effect::ApiFile {
            customer,
            delivery,
            file,
            caption,
        } = effect
        else {
            return not_in_family("API file", effect);
        };
        let document = match file {
            ApiFile::Url(url) => match reqwest::Url::parse(url) {
                Ok(url) => InputFile::url(url),
                Err(error) => {
                    let failure = Failure::Rejected(format!("file URL: {error}"));
                    return Err(SendError::Permanent(failure));
                }
            },
            ApiFile::Upload { name, .. } => {
                let bytes = integrations::upload(&self.store, *delivery)
                    .map_err(|error| SendError::Transient(error.to_string()))?
                    .ok_or_else(|| {
                        SendError::Permanent(Failure::Rejected("the uploaded file is gone".into()))
                    })?;
                InputFile::memory(bytes).file_name(name.clone())
            }
        };
        let chat = teloxide::types::ChatId(customer.private_chat().0);
        let mut request = self.bot.send_document(chat, document);
        if !caption.is_empty() {
            request = request.caption(caption.clone());
        }
        let sent = match request.await.map_err(|error| self.failed(error)) {
            Ok(sent) => sent,
            Err(error) => {
                if matches!(error, SendError::Permanent(_)) {
                    // Never sent: the upload is not needed any more.
                    let _ = integrations::remove_upload(&self.store, *delivery);
                }
                return Err(error);
            }
        };
        // A crash before this is recorded repeats the file, as for any effect.
        integrations::record_sent(&self.store, *delivery, MessageId(sent.id.0), clock::now())
            .map_err(|error| SendError::Transient(error.to_string()))?;
        integrations::remove_upload(&self.store, *delivery)
            .map_err(|error| SendError::Transient(error.to_string()))?;
        Ok(Delivered::default())
    }
}
