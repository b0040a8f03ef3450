//! Texts sent to customers through the HTTP API: sent as the bot, without formatting, and the
//! message id recorded under the delivery id for the caller to poll.

use teloxide::prelude::*;

use super::{Call, TelegramExecutor, not_in_family};
use crate::desk::Effect;
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
