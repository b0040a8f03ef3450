//! Tickets over time: closing with `/fim`, reopening on the customer's next message, priorities
//! with `/p`, and bans with `/ban` and `/unban`.

use super::CommandName;
use super::commands::CommandContext;
use super::{BanNotice, DeskState, Effect, Notice, StateResult, Turn, WebhookKind};
use crate::domain::{
    Ban, Customer, OpenedBy, Reachability, Ticket, TicketNumber, TicketStatus, Timestamp, UserId,
};

/// The longest closing note or ban reason kept, in characters.
const MAX_NOTE_CHARS: usize = 500;

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// `/fim [note]`.
    pub(super) fn on_close_command(
        &mut self,
        context: &CommandContext,
        arguments: &str,
    ) -> StateResult<()> {
        let Some(mut customer) = context.customer.clone() else {
            return Ok(());
        };
        let Some(mut ticket) = self.current_ticket(&customer)? else {
            return Ok(());
        };
        if !ticket.is_open() {
            self.answer(
                context,
                Notice::TicketAlreadyClosed {
                    number: ticket.number,
                },
            );
            return Ok(());
        }
        let note = short_text(arguments);
        let by = Some(context.author_name());
        ticket.facts.closed_by = context.role.member();
        self.close_ticket(&mut customer, &mut ticket, by.clone(), note.clone(), true)?;
        self.answer(
            context,
            Notice::TicketClosed {
                number: ticket.number,
                by,
                note,
            },
        );
        self.save_ticket_and_customer(&ticket, &customer)
    }

    /// Closes a ticket: the card is recoloured and unpinned and, with `goodbye`, the customer
    /// gets the end message. The caller saves both records and tells the thread.
    pub(super) fn close_ticket(
        &mut self,
        customer: &mut Customer,
        ticket: &mut Ticket,
        by: Option<String>,
        note: Option<String>,
        goodbye: bool,
    ) -> StateResult<()> {
        if ticket.is_open() {
            self.state.count_open_tickets(-1)?;
        }
        let closer = by.clone();
        ticket.facts.tags_at_close = customer.tags.clone();
        ticket.status = TicketStatus::Closed {
            at: self.now,
            by,
            note,
        };
        self.webhook(
            WebhookKind::TicketClosed,
            customer.id,
            Some(ticket.number),
            None,
            closer,
        );
        self.card_changed(customer, ticket)?;
        if let Some(post) = customer.card.post {
            self.emit(Effect::CloseCard {
                thread: customer.card.root,
                customer: customer.id,
                post,
            });
        }
        if goodbye && self.settings.send_end {
            self.tell_customer(customer, Notice::Goodbye);
        }
        if goodbye {
            self.ask_for_rating(customer, ticket);
        }
        Ok(())
    }

    /// An automatic-close timer is due: the ticket closes if nothing happened in it since the
    /// timer was set and either the customer never answered the team's last message, or the
    /// customer opened it with `/start` alone and nobody wrote in it (then without the end
    /// message: there was no conversation to end).
    pub(super) fn on_autoclose_due(
        &mut self,
        customer_id: UserId,
        number: TicketNumber,
        last_activity: Timestamp,
    ) -> StateResult<()> {
        let Some(mut customer) = self.customer(customer_id)? else {
            return Ok(());
        };
        let Some(mut ticket) = self.state.ticket(customer_id, number)? else {
            return Ok(());
        };
        let untouched = ticket.is_open() && ticket.last_activity == last_activity;
        let unanswered = ticket.awaiting_customer;
        let empty = !ticket.customer_wrote && ticket.opened_by == OpenedBy::Customer;
        if !untouched || !(unanswered || empty) || customer.ticket != number {
            return Ok(());
        }
        self.close_ticket(&mut customer, &mut ticket, None, None, unanswered)?;
        if let Some(root) = customer.card.root {
            let notice = Notice::TicketClosed {
                number,
                by: None,
                note: None,
            };
            self.emit(Effect::NoteInThread {
                customer: customer.id,
                root,
                notice,
                reply_to: None,
            });
        }
        self.save_ticket_and_customer(&ticket, &customer)
    }

    /// `/new <user id>`: opens a ticket and a thread for a customer who wrote to the bot before.
    pub(super) fn on_new_command(
        &mut self,
        context: &CommandContext,
        arguments: &str,
    ) -> StateResult<()> {
        let Some(user) = arguments
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .map(UserId)
        else {
            self.answer(
                context,
                Notice::Usage {
                    command: CommandName::New,
                },
            );
            return Ok(());
        };
        let customer = self
            .state
            .customer(user)?
            .filter(|c| c.reachability == Reachability::Reachable);
        let Some(mut customer) = customer else {
            self.answer(context, Notice::NewImpossible { user });
            return Ok(());
        };
        if self
            .current_ticket(&customer)?
            .is_some_and(|ticket| ticket.is_open())
        {
            let link = customer
                .card
                .root
                .and_then(|root| self.settings.thread_link(root));
            self.answer(
                context,
                Notice::NewFor {
                    customer: customer.id,
                    name: customer.full_name(),
                    opening: false,
                    link,
                },
            );
            return Ok(());
        }
        let opened_by = OpenedBy::Team {
            name: Some(context.author_name()),
        };
        let ticket = self.open_next_ticket(&mut customer, None, opened_by, None)?;
        self.answer(
            context,
            Notice::NewFor {
                customer: customer.id,
                name: customer.full_name(),
                opening: true,
                link: None,
            },
        );
        self.save_ticket_and_customer(&ticket, &customer)
    }

    /// `/p <level>`.
    pub(super) fn on_priority_command(
        &mut self,
        context: &CommandContext,
        arguments: &str,
    ) -> StateResult<()> {
        let Some(mut customer) = context.customer.clone() else {
            return Ok(());
        };
        let Some(priority) = self.settings.parse_priority(arguments) else {
            self.answer(
                context,
                Notice::Usage {
                    command: CommandName::Priority,
                },
            );
            return Ok(());
        };
        let Some(mut ticket) = self.current_ticket(&customer)? else {
            return Ok(());
        };
        ticket.set_priority(priority, self.now);
        self.card_changed(&mut customer, &ticket)?;
        self.answer(context, Notice::PrioritySet { priority });
        self.save_ticket_and_customer(&ticket, &customer)
    }

    /// `/ban [reason]`.
    pub(super) fn on_ban_command(
        &mut self,
        context: &CommandContext,
        arguments: &str,
    ) -> StateResult<()> {
        let Some(mut customer) = context.customer.clone() else {
            return Ok(());
        };
        if customer.ban.is_some() {
            self.answer(context, Notice::CustomerAlreadyBanned);
            return Ok(());
        }
        let reason = short_text(arguments);
        customer.ban = Some(Ban {
            since: self.now,
            by: context.author_name(),
            reason: reason.clone(),
            muted_messages: 0,
            told: false,
        });
        if let Some(ticket) = self.current_ticket(&customer)? {
            self.card_changed(&mut customer, &ticket)?;
        }
        self.answer(context, Notice::CustomerBanned { reason });
        self.state.save_customer(&customer)
    }

    /// `/unban`.
    pub(super) fn on_unban_command(&mut self, context: &CommandContext) -> StateResult<()> {
        let Some(mut customer) = context.customer.clone() else {
            return Ok(());
        };
        let Some(ban) = customer.ban.take() else {
            self.answer(context, Notice::CustomerNotBanned);
            return Ok(());
        };
        if let Some(ticket) = self.current_ticket(&customer)? {
            self.card_changed(&mut customer, &ticket)?;
        }
        self.answer(
            context,
            Notice::CustomerUnbanned {
                muted: ban.muted_messages,
            },
        );
        self.state.save_customer(&customer)
    }

    /// A banned customer wrote: nothing is relayed; the customer is told once, and the thread
    /// counts or notes it.
    pub(super) fn on_banned_customer_message(
        &mut self,
        customer: &mut Customer,
    ) -> StateResult<()> {
        let Some(ban) = customer.ban.as_mut() else {
            return Ok(());
        };
        ban.muted_messages = ban.muted_messages.saturating_add(1);
        let muted = ban.muted_messages;
        let tell = !std::mem::replace(&mut ban.told, true);
        if tell {
            self.tell_customer(customer, Notice::YouAreBanned);
        }
        match self.settings.ban_notice {
            BanNotice::Counter => {
                if let Some(ticket) = self.current_ticket(customer)? {
                    self.card_changed(customer, &ticket)?;
                }
            }
            BanNotice::Note => {
                if let Some(root) = customer.card.root {
                    let notice = Notice::BannedCustomerWrote { muted };
                    self.emit(Effect::NoteInThread {
                        customer: customer.id,
                        root,
                        notice,
                        reply_to: None,
                    });
                }
            }
        }
        self.state.save_customer(customer)
    }

    /// A message from the bot to the customer, in their language.
    pub(super) fn tell_customer(&mut self, customer: &Customer, notice: Notice) {
        self.emit(Effect::TellCustomer {
            customer: customer.id,
            notice,
            language: customer.language.clone(),
            reply_to: None,
        });
    }
}

/// A trimmed free text argument, bounded, or `None` when empty.
fn short_text(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.chars().take(MAX_NOTE_CHARS).collect())
}
