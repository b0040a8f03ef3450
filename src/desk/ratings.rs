//! Customer ratings (`rating = true`): closing a ticket with the end message asks the customer
//! for a score from 1 to 5 with inline buttons; a press records it on the ticket once (a
//! different press within 24 hours of the first changes it), thanks the customer, and shows on
//! the card and in the thread. Ratings feed `/stats` and the `rating` webhook event.

use super::{
    Button, ButtonAnswer, ButtonPress, DeskState, Effect, Keyboard, Notice, Reader, StateResult,
    Turn, WebhookKind,
};
use crate::domain::{
    ButtonAction, Customer, Rating, RatingOutcome, Reachability, Ticket, TicketNumber,
};

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// The ticket just closed: the customer is asked to rate it, unless ratings are off or the
    /// customer cannot be written to.
    pub(super) fn ask_for_rating(&mut self, customer: &Customer, ticket: &Ticket) {
        let reachable = customer.reachability == Reachability::Reachable;
        if !self.settings.reports.rating || !reachable || customer.ban.is_some() {
            return;
        }
        let buttons = (1..=Rating::MAX)
            .map(|score| Button {
                label: Notice::RatingScore { score },
                action: ButtonAction::Rate {
                    ticket: ticket.number,
                    score,
                },
            })
            .collect();
        self.emit(Effect::SendButtons {
            chat: customer.id.private_chat(),
            customer: Some(customer.id),
            thread: None,
            reply_to: None,
            reader: Reader::Customer {
                language: customer.language.clone(),
            },
            notice: Notice::RatingRequest {
                number: ticket.number,
            },
            keyboard: Keyboard {
                rows: vec![buttons],
            },
        });
    }

    /// The customer pressed a rating button.
    pub(super) fn on_rating(
        &mut self,
        press: &ButtonPress,
        number: TicketNumber,
        score: u8,
    ) -> StateResult<ButtonAnswer> {
        let expired = Ok(ButtonAnswer::Alert(Notice::ButtonExpired));
        if !(1..=Rating::MAX).contains(&score) {
            return expired;
        }
        let Some(mut customer) = self.customer(press.from)? else {
            return expired;
        };
        let Some(mut ticket) = self.state.ticket(customer.id, number)? else {
            return expired;
        };
        match ticket.facts.rate(score, self.now) {
            RatingOutcome::Unchanged => return Ok(ButtonAnswer::Toast(Notice::RatingThanks)),
            RatingOutcome::TooLate => return Ok(ButtonAnswer::Alert(Notice::RatingTooLate)),
            RatingOutcome::Recorded | RatingOutcome::Changed => {}
        }
        if let Some(root) = customer.card.root {
            self.emit(Effect::NoteInThread {
                customer: customer.id,
                root,
                notice: Notice::CustomerRated { number, score },
                reply_to: None,
            });
        }
        self.webhook(
            WebhookKind::Rating,
            customer.id,
            Some(number),
            Some(score.to_string()),
            None,
        );
        if customer.ticket == number {
            self.card_changed(&mut customer, &ticket)?;
            self.save_ticket_and_customer(&ticket, &customer)?;
        } else {
            self.state.save_ticket(&ticket)?;
        }
        Ok(ButtonAnswer::Toast(Notice::RatingThanks))
    }
}
