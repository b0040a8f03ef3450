//! Broadcasts on the customers' side: `/stop` and `/start` opt out of broadcasts and back in,
//! with `broadcast_note_in_thread` each recipient's thread notes the broadcast, and a customer's
//! reply to a broadcast copy is an ordinary message whose thread first says
//! which broadcast it answers.

use super::{DeskState, Effect, Notice, StateResult, Turn};
use crate::domain::{BroadcastId, Customer, IncomingMessage, UserId};

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// `/stop` and `/start` from a customer: opting out of broadcasts and back in. Returns
    /// whether the message was `/stop` (and so is handled).
    pub(super) fn on_opt_command(
        &mut self,
        customer: UserId,
        command: Option<&str>,
        language: Option<String>,
    ) -> StateResult<bool> {
        let stop = command == Some("stop");
        let opted_out = self.state.opted_out(customer)?.is_some();
        let notice = match (stop, opted_out, command == Some("start")) {
            (true, _, _) => Notice::OptedOut,
            (false, true, true) => Notice::OptedIn,
            _ => return Ok(false),
        };
        let at = stop.then_some(self.now);
        self.state.save_opt_out(customer, at)?;
        if stop != opted_out {
            self.opt_out_changed(customer)?;
        }
        self.emit(Effect::TellCustomer {
            customer,
            notice,
            language,
            reply_to: None,
        });
        Ok(stop)
    }

    /// Shows a changed opt-out on the customer's posted card (a card still being posted is
    /// shows it from its next change on).
    fn opt_out_changed(&mut self, id: UserId) -> StateResult<()> {
        let Some(mut customer) = self.state.customer(id)? else {
            return Ok(());
        };
        if customer.card.post.is_none() {
            return Ok(());
        }
        match self.current_ticket(&customer)? {
            Some(ticket) => self.card_changed(&mut customer, &ticket),
            None => Ok(()),
        }
    }

    /// The broadcast lane reached these customers: each thread gets one note with a link to
    /// the broadcast's message (customers without a thread get none: the broadcast opens none).
    pub(super) fn on_broadcast_delivered(
        &mut self,
        id: BroadcastId,
        customers: Vec<UserId>,
    ) -> StateResult<()> {
        if !self.settings.broadcast_note_in_thread {
            return Ok(());
        }
        let link = match self.state.broadcast(id)? {
            Some(broadcast) if broadcast.chat == self.settings.workspace.thread_chat() => broadcast
                .messages
                .first()
                .and_then(|message| self.settings.workspace.lobby_message_link(*message)),
            _ => None,
        };
        for customer in customers {
            let Some(customer) = self.state.customer(customer)? else {
                continue;
            };
            let Some(root) = customer.card.root else {
                continue;
            };
            self.emit(Effect::NoteInThread {
                customer: customer.id,
                root,
                notice: Notice::BroadcastReached {
                    id,
                    link: link.clone(),
                },
                reply_to: None,
            });
        }
        Ok(())
    }

    /// A customer's message replying to a broadcast copy: the thread says which broadcast it
    /// answers, just before the message (when the thread exists; a first thread shows the
    /// message alone).
    pub(super) fn note_broadcast_reply(
        &mut self,
        customer: &Customer,
        message: &IncomingMessage,
    ) -> StateResult<()> {
        let (Some(to), Some(root)) = (message.reply_to, customer.card.root) else {
            return Ok(());
        };
        if let Some(id) = self.state.broadcast_of_copy(customer.id, to)? {
            self.emit(Effect::NoteInThread {
                customer: customer.id,
                root,
                notice: Notice::AnswersBroadcast { id },
                reply_to: None,
            });
        }
        Ok(())
    }
}
