//! The existing bot's side of a customer's conversation (the Bot API proxy with
//! `intercept_external`): what it sends, edits or deletes in a customer's private chat is
//! mirrored into the customer's thread, in order with the customer's own messages.
//!
//! Activation is the desk's as always: a customer the desk does not handle (white list,
//! keywords, `/new`) has no record and no thread, and nothing of the existing bot's shows;
//! once their ticket is open, the thread gets the history from then on. Messages sent before
//! the thread exists wait for it with the customer's.

use super::relay_state::{Relay, WaitingMessage};
use super::{DeskState, Effect, Notice, StateResult, Turn};
use crate::domain::{Customer, IncomingMessage, MessageId, UserId};

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// The existing bot sent (or edited) a message in a private chat.
    pub(super) fn on_existing_bot_message(
        &mut self,
        message: IncomingMessage,
        buttons: Vec<String>,
        edited: bool,
    ) -> StateResult<()> {
        let Some(customer) = self.mirrored_customer(UserId(message.chat.0))? else {
            return Ok(());
        };
        if edited {
            let Some(root) = customer.card.root else {
                return Ok(());
            };
            if self
                .state
                .relay(customer.id)?
                .holds_customer_message(message.id)
            {
                // Still waiting for the thread: the mirror will be sent as it was first.
                return Ok(());
            }
            self.emit(Effect::EditMirror {
                customer: customer.id,
                root,
                message: message.id,
                content: message.content,
                buttons,
            });
            return Ok(());
        }
        let waiting = WaitingMessage {
            message: message.id,
            relay: Relay::ExistingBot {
                content: message.content,
                buttons,
            },
            reply_to: message.reply_to,
        };
        let mut relay = self.state.relay(customer.id)?;
        match customer.card.root {
            Some(root) => self.send_to_thread(customer.id, root, &mut relay, waiting),
            None => relay.waiting.push(waiting),
        }
        self.state.save_relay(customer.id, &relay)
    }

    /// The existing bot deleted messages in a private chat: the thread says so under each
    /// mirror (the mirror itself stays, as the team's record).
    pub(super) fn on_existing_bot_deleted(
        &mut self,
        customer: UserId,
        messages: Vec<MessageId>,
    ) -> StateResult<()> {
        let Some(customer) = self.mirrored_customer(customer)? else {
            return Ok(());
        };
        let Some(root) = customer.card.root else {
            return Ok(());
        };
        let thread_chat = self.settings.workspace.thread_chat();
        for message in messages {
            let Some((chat, mirror)) = self.state.team_side(customer.id, message)? else {
                continue;
            };
            if chat != thread_chat {
                continue;
            }
            self.emit(Effect::NoteInThread {
                customer: customer.id,
                root,
                notice: Notice::ExistingBotDeleted,
                reply_to: Some(mirror),
            });
        }
        Ok(())
    }

    /// The customer whose thread mirrors the existing bot: handled by the desk, with an open
    /// ticket.
    fn mirrored_customer(&mut self, id: UserId) -> StateResult<Option<Customer>> {
        if !self.settings.intercept_external || !self.settings.handles(id) {
            return Ok(None);
        }
        let Some(customer) = self.customer(id)? else {
            return Ok(None);
        };
        if customer.ban.is_some() {
            return Ok(None);
        }
        let open = self
            .state
            .ticket(customer.id, customer.ticket)?
            .is_some_and(|ticket| ticket.is_open());
        Ok(open.then_some(customer))
    }
}
