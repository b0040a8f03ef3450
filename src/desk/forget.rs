//! Erasure: `/forget` in a customer's thread (administrators only) asks for confirmation with
//! Forget and Cancel buttons that only administrators may press; Forget deletes everything the
//! desk stores about the customer ([`DeskState::forget_customer`], within the event's one
//! transaction), draws the card as erased and says what was removed. `threadesk forget <user
//! id>` does the same through [`Event::ForgetCustomer`](super::Event::ForgetCustomer). The
//! thread's messages stay in Telegram; the person's next message starts afresh, as a new
//! customer.

use serde::{Deserialize, Serialize};

use super::commands::CommandContext;
use super::{
    Button, ButtonAnswer, ButtonPress, CardBadge, CardView, CommandName, DeskState, Effect,
    Keyboard, Notice, Permission, Reader, StateResult, Turn,
};
use crate::domain::{ButtonAction, Customer, Reachability, TicketStage, TicketStatus, UserId};

/// What erasing a customer removed, counted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Erasure {
    /// Tickets (with their statistics facts).
    pub tickets: u32,
    /// Of those, tickets that were open.
    pub open_tickets: u32,
    /// Ratings the customer gave.
    pub ratings: u32,
    /// Tags.
    pub tags: u32,
    /// Contact fields.
    pub fields: u32,
    /// Links between their private chat's messages and the thread's.
    pub links: u32,
    /// Index entries of their card and thread.
    pub threads: u32,
    /// Timers set for them (albums, automatic close, thread checks).
    pub timers: u32,
    /// Effects queued for them or about them (messages, card edits, notifications).
    pub queued: u32,
    /// Broadcast delivery records (and which broadcast their copies were).
    pub deliveries: u32,
    /// Whether their opt-out of broadcasts was stored.
    pub opted_out: bool,
    /// Whether messages waiting for their thread or album were buffered.
    pub buffered: bool,
}

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// `/forget` in a customer's thread (by an administrator): asks for confirmation.
    pub(super) fn on_forget_command(&mut self, context: &CommandContext) -> StateResult<()> {
        let Some(customer) = &context.customer else {
            return Ok(());
        };
        let button = |label, confirm| Button {
            label,
            action: ButtonAction::Forget {
                customer: customer.id,
                confirm,
            },
        };
        let message = &context.message;
        self.emit(Effect::SendButtons {
            chat: message.chat,
            customer: None,
            thread: message.thread,
            reply_to: Some(message.id),
            reader: Reader::Team,
            notice: Notice::ForgetAsk,
            keyboard: Keyboard {
                rows: vec![vec![
                    button(Notice::ForgetButton, true),
                    button(Notice::ForgetCancelButton, false),
                ]],
            },
        });
        Ok(())
    }

    /// Forget or Cancel pressed under a `/forget` confirmation: only administrators may.
    pub(super) fn on_forget_pressed(
        &mut self,
        press: &ButtonPress,
        customer: UserId,
        confirm: bool,
    ) -> StateResult<ButtonAnswer> {
        let Some((chat, message)) = press.message else {
            return Ok(ButtonAnswer::Alert(Notice::ButtonExpired));
        };
        let admin = self.state.admins()?.iter().any(|a| a.id == press.from);
        if !admin {
            return Ok(ButtonAnswer::Alert(Notice::CommandNeedsRole {
                command: CommandName::Forget,
                needs: Permission::Admins,
            }));
        }
        let notice = match confirm {
            false => Notice::ForgetCancelled,
            true => match self.forget(customer)? {
                Some(erasure) => Notice::Forgotten(erasure),
                None => Notice::ForgetNothing,
            },
        };
        self.emit(Effect::EditButtons {
            chat,
            message,
            customer: None,
            reader: Reader::Team,
            notice,
            keyboard: Keyboard::default(),
        });
        Ok(ButtonAnswer::Quiet)
    }

    /// `threadesk forget <user id>`: the customer is erased, and their thread says so.
    pub(super) fn on_forget_requested(&mut self, customer: UserId) -> StateResult<()> {
        let root = self
            .state
            .customer(customer)?
            .filter(|record| record.card.is_in(self.settings.workspace))
            .and_then(|record| record.card.root);
        if let Some(erasure) = self.forget(customer)? {
            if let Some(root) = root {
                self.emit(Effect::NoteInThread {
                    customer,
                    root,
                    notice: Notice::Forgotten(erasure.clone()),
                    reply_to: None,
                });
            }
            self.output.forgotten = Some(erasure);
        }
        Ok(())
    }

    /// Erases the customer and draws their card (in the workspace in use) as erased: closed,
    /// with nothing of them on it. `None` when the desk knows no such customer.
    fn forget(&mut self, id: UserId) -> StateResult<Option<Erasure>> {
        let Some(customer) = self.state.customer(id)? else {
            return Ok(None);
        };
        let ticket = self.current_ticket(&customer)?;
        let Some(erasure) = self.state.forget_customer(id)? else {
            return Ok(None);
        };
        let post = customer
            .card
            .post
            .filter(|_| customer.card.is_in(self.settings.workspace));
        if let (Some(post), Some(ticket)) = (post, ticket) {
            let thread = customer.card.root;
            self.emit(Effect::EditCard {
                customer: id,
                post,
                thread,
                card: self.erased_card(&customer, &ticket),
            });
            if ticket.is_open() {
                self.emit(Effect::CloseCard {
                    customer: id,
                    post,
                    thread,
                });
            }
        }
        Ok(Some(erasure))
    }

    /// A card that shows nothing of the customer, only that they were erased.
    fn erased_card(&self, customer: &Customer, ticket: &crate::domain::Ticket) -> CardView {
        let mut card = CardView::new(customer, ticket, self.settings, false);
        card.name = String::new();
        card.username = None;
        card.language = None;
        card.origins = Vec::new();
        card.marker = self.settings.closed_marker.clone();
        card.status = TicketStatus::Closed {
            at: self.now,
            by: None,
            note: None,
        };
        card.muted = None;
        card.reachability = Reachability::Reachable;
        card.stage = TicketStage::Closed;
        card.assignee = None;
        card.tags = Vec::new();
        card.fields = Vec::new();
        card.badges = vec![CardBadge::Erased];
        card
    }
}
