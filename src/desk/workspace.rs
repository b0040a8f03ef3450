//! Customers whose card belongs to another workspace: the team moved to another channel or
//! forum (or the channel was linked to another discussion group).
//!
//! A card's post and thread root are message ids of its own workspace's chats; in any other
//! workspace the same ids name other customers' messages. So a card of another workspace is
//! never used: when such a customer is loaded, their card is set aside (remembering where the
//! old thread is), and their next message posts a new card in the workspace in use, whose
//! thread starts with a note saying where the earlier history is.

use super::{DeskState, Effect, Notice, StateResult, Turn};
use crate::domain::{Customer, MessageId, UserId};

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// The customer with this account, with a card that belongs to the workspace in use (a
    /// card of another workspace is set aside, and the change stored at once).
    pub(super) fn customer(&mut self, id: UserId) -> StateResult<Option<Customer>> {
        let Some(mut customer) = self.state.customer(id)? else {
            return Ok(None);
        };
        if !customer.card.is_in(self.settings.workspace) {
            tracing::info!(
                customer = %id,
                previous = ?customer.card.workspace,
                "the customer's card belongs to another workspace; a new one is posted on their next message"
            );
            customer.card = customer.card.moved_to_new_workspace();
            self.state.save_customer(&customer)?;
        }
        Ok(Some(customer))
    }

    /// Posts a new card for a customer whose card was left in another workspace, when they
    /// have a ticket to show.
    pub(super) fn post_card_in_new_workspace(
        &mut self,
        customer: &mut Customer,
    ) -> StateResult<()> {
        if !customer.card.awaits_new_workspace() {
            return Ok(());
        }
        if let Some(ticket) = self.current_ticket(customer)? {
            self.publish_card(customer, &ticket)?;
        }
        Ok(())
    }

    /// In a customer's first thread of this workspace: where the earlier history is.
    pub(super) fn point_to_previous_thread(&mut self, customer: &mut Customer, root: MessageId) {
        let Some(previous) = customer.card.previous.take() else {
            return;
        };
        let (description, link) = match previous.workspace {
            Some(workspace) => (
                workspace.to_string(),
                previous.root.and_then(|old| workspace.thread_link(old)),
            ),
            None => (String::new(), None),
        };
        self.emit(Effect::NoteInThread {
            customer: customer.id,
            root,
            notice: Notice::HistoryMoved {
                previous: description,
                link,
            },
            reply_to: None,
        });
    }

    /// The message of the thread chat in use linked to a customer's private-chat message, if
    /// any (a link into another chat is ignored).
    pub(super) fn thread_side(
        &self,
        customer: UserId,
        message: MessageId,
    ) -> StateResult<Option<MessageId>> {
        let thread_chat = self.settings.workspace.thread_chat();
        Ok(self
            .state
            .team_side(customer, message)?
            .filter(|(chat, _)| *chat == thread_chat)
            .map(|(_, team)| team))
    }
}
