//! Opening tickets and keeping the card in step: the customer's current ticket or their next
//! one, the card published for a first ticket or reopened with a divider in the thread for a
//! later one, and the card rewritten after any change.

use super::{CardView, DeskState, Effect, Notice, StateResult, Turn, WebhookKind};
use crate::domain::{Customer, MessageId, OpenedBy, Origin, Ticket, TicketFacts, TicketNumber};

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// The customer's open ticket, and whether it was just opened.
    pub(super) fn current_or_new_ticket(
        &mut self,
        customer: &mut Customer,
        origin: Option<Origin>,
    ) -> StateResult<(Ticket, bool)> {
        if let Some(ticket) = self.current_ticket(customer)? {
            if ticket.is_open() {
                return Ok((ticket, false));
            }
        }
        let ticket = self.open_next_ticket(customer, origin, OpenedBy::Customer, None)?;
        Ok((ticket, true))
    }

    /// Opens the customer's next ticket: the first one publishes the card, later ones reopen it
    /// with a divider in the thread (answering `cause`, the team message that opened it, if
    /// any). A ticket the customer opens greets them with the start or restart message, and
    /// administrators hear of it once the thread exists; one the team opens does neither.
    pub(super) fn open_next_ticket(
        &mut self,
        customer: &mut Customer,
        origin: Option<Origin>,
        opened_by: OpenedBy,
        cause: Option<MessageId>,
    ) -> StateResult<Ticket> {
        let number = TicketNumber(customer.ticket.0 + 1);
        customer.ticket = number;
        let mut ticket = Ticket::open(customer.id, number, self.now, origin, opened_by);
        let previous = TicketNumber(number.0 - 1);
        if let Some(mut previous) = self.state.ticket(customer.id, previous)? {
            if self.settings.sticky_assignee {
                ticket.assignee = previous.assignee.clone();
            }
            let came_back_soon = previous
                .closed_at()
                .is_some_and(|closed| self.now.0 - closed.0 <= TicketFacts::REOPEN_WINDOW_MS);
            if came_back_soon && previous.facts.reopened_at.is_none() {
                previous.facts.reopened_at = Some(self.now);
                self.state.save_ticket(&previous)?;
            }
        }
        self.state.count_open_tickets(1)?;
        let by = match &ticket.opened_by {
            OpenedBy::Team { name } => name.clone(),
            OpenedBy::Customer => None,
        };
        self.webhook(
            WebhookKind::TicketOpened,
            customer.id,
            Some(number),
            None,
            by,
        );
        let by_customer = ticket.opened_by == OpenedBy::Customer;
        let never_published = customer.card.post.is_none()
            && customer.card.root.is_none()
            && customer.card.attempts == 0;
        if never_published {
            if by_customer && self.settings.send_start {
                self.tell_customer(customer, Notice::Welcome);
            }
            self.publish_card(customer, &ticket)?;
        } else {
            self.reopen_card(customer, &ticket, cause)?;
            if by_customer && self.settings.send_restart {
                self.tell_customer(customer, Notice::WelcomeBack);
            }
            if customer.card.root.is_some() {
                self.notify_admins(customer, &ticket)?;
            }
        }
        Ok(ticket)
    }

    fn reopen_card(
        &mut self,
        customer: &mut Customer,
        ticket: &Ticket,
        cause: Option<MessageId>,
    ) -> StateResult<()> {
        self.card_changed(customer, ticket)?;
        if let Some(post) = customer.card.post {
            self.emit(Effect::OpenCard {
                customer: customer.id,
                post,
                thread: customer.card.root,
            });
        }
        if let Some(root) = customer.card.root {
            let notice = match &ticket.opened_by {
                OpenedBy::Customer => Notice::TicketOpened {
                    number: ticket.number,
                    origin: ticket.origins.first().map(ToString::to_string),
                },
                OpenedBy::Team { name } => Notice::TicketOpenedByTeam {
                    number: ticket.number,
                    by: name.clone(),
                },
            };
            self.emit(Effect::NoteInThread {
                customer: customer.id,
                root,
                notice,
                reply_to: cause,
            });
        }
        Ok(())
    }

    /// Rewrites the card; a card still being posted is marked outdated and rewritten once
    /// Telegram confirms the post.
    pub(super) fn card_changed(
        &mut self,
        customer: &mut Customer,
        ticket: &Ticket,
    ) -> StateResult<()> {
        match customer.card.post {
            Some(post) => {
                let card = self.card_view(customer, ticket)?;
                self.emit(Effect::EditCard {
                    customer: customer.id,
                    post,
                    thread: customer.card.root,
                    card,
                });
            }
            None => customer.card.outdated = true,
        }
        Ok(())
    }

    /// The card of a customer and their current ticket, as it reads now.
    pub(super) fn card_view(&self, customer: &Customer, ticket: &Ticket) -> StateResult<CardView> {
        let opted_out = self.state.opted_out(customer.id)?.is_some();
        Ok(CardView::new(customer, ticket, self.settings, opted_out))
    }

    /// Draws a customer's card again, when it is in the workspace in use and its ticket open.
    pub(super) fn on_redraw_card(&mut self, customer: crate::domain::UserId) -> StateResult<()> {
        let Some(mut customer) = self.state.customer(customer)? else {
            return Ok(());
        };
        if !customer.card.is_in(self.settings.workspace) {
            return Ok(());
        }
        match self.current_ticket(&customer)? {
            Some(ticket) if ticket.is_open() => {
                self.card_changed(&mut customer, &ticket)?;
                self.state.save_customer(&customer)
            }
            _ => Ok(()),
        }
    }

    /// Whether a (possibly unknown) customer has an open ticket.
    pub(super) fn has_open_ticket(&self, customer: Option<&Customer>) -> StateResult<bool> {
        match customer {
            Some(customer) => Ok(self
                .current_ticket(customer)?
                .is_some_and(|ticket| ticket.is_open())),
            None => Ok(false),
        }
    }

    /// The current ticket of a customer who has one.
    pub(super) fn current_ticket(&self, customer: &Customer) -> StateResult<Option<Ticket>> {
        if customer.ticket.0 == 0 {
            return Ok(None);
        }
        self.state.ticket(customer.id, customer.ticket)
    }

    /// Stores a ticket and its customer after a change to both.
    pub(super) fn save_ticket_and_customer(
        &mut self,
        ticket: &Ticket,
        customer: &Customer,
    ) -> StateResult<()> {
        self.state.save_ticket(ticket)?;
        self.state.save_customer(customer)
    }
}
