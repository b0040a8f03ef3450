//! A broadcast's copy to one recipient: the message (or an album's items, as one album) copied
//! from the team chat into the user's private chat, without a reply and without linking it to
//! any thread.

use super::{Call, TelegramExecutor, not_in_family};
use crate::desk::Effect;
use crate::pipeline::sender::Delivered;

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
        let copies = self
            .copy_all(customer.private_chat(), *from, messages)
            .await
            .map_err(|error| self.failed(error))?;
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
