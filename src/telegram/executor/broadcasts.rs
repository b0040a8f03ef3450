//! A broadcast's copy to one recipient: the message (or an album's items, as one album) copied
//! from the team chat into the user's private chat, without a reply and without linking it to
//! any thread.

use teloxide::prelude::*;

use super::{Call, TelegramExecutor, not_in_family};
use crate::desk::Effect;
use crate::domain::MessageId;
use crate::pipeline::sender::Delivered;
use crate::telegram::workspace::{chat, message};

impl TelegramExecutor {
    /// Carries out a [`Effect::BroadcastCopy`]. The copies are returned as links (recipient,
    /// copy, (team chat, source)) for the broadcast lane to record which broadcast each copy
    /// belongs to; they are not message links of a conversation.
    pub(super) async fn broadcast_copy(&self, effect: &Effect) -> Call<Delivered> {
        let Effect::BroadcastCopy {
            customer,
            chat: from,
            messages,
            ..
        } = effect
        else {
            return not_in_family("broadcasts", effect);
        };
        let to = chat(customer.private_chat());
        let copies: Vec<MessageId> = match messages.as_slice() {
            [single] => {
                let copy = self
                    .bot
                    .copy_message(to, chat(*from), message(*single))
                    .await
                    .map_err(|error| self.failed(error))?;
                vec![MessageId(copy.0)]
            }
            items => self
                .bot
                .copy_messages(to, chat(*from), items.iter().map(|id| message(*id)))
                .await
                .map_err(|error| self.failed(error))?
                .iter()
                .map(|copy| MessageId(copy.0))
                .collect(),
        };
        let links = messages
            .iter()
            .zip(copies)
            .map(|(source, copy)| (*customer, copy, (*from, *source)))
            .collect();
        Ok(Delivered {
            links,
            events: Vec::new(),
        })
    }
}
