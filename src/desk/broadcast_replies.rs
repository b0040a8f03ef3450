//! Broadcasts on the customers' side: `/stop` and `/start` opt out of broadcasts and back in,
//! and a customer's reply to a broadcast copy is an ordinary message whose thread first says
//! which broadcast it answers.

use super::{DeskState, Effect, Notice, StateResult, Turn};
use crate::domain::{Customer, IncomingMessage, UserId};

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
        self.emit(Effect::TellCustomer {
            customer,
            notice,
            language,
            reply_to: None,
        });
        Ok(stop)
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
