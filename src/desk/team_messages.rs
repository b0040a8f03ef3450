//! Team messages and edits in a customer's thread, relayed to the customer as the bot.
//!
//! Only the team reaches customers: outsiders' messages (and, when so configured, anonymous
//! administrators') stay in the thread. Commands and internal comments are never relayed. A
//! comment to a customer whose ticket is closed opens their next ticket.

use super::commands::{CommandContext, author_name};
use super::relay_state::RelayState;
use super::{DeskState, Effect, Failure, Notice, Role, StateResult, Timer, Turn, WebhookKind};
use crate::domain::{
    Content, Customer, IncomingMessage, MessageId, OpenedBy, Reachability, Ticket, UserId,
};

/// What goes to the customer for a team message.
pub(super) enum Outgoing<'a> {
    /// The message itself, copied (an album's items are collected first).
    Relay(&'a IncomingMessage),
    /// A filled canned reply ([`Effect::FilledToCustomer`]).
    Filled(Box<Effect>),
}

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// A message in the team chat: a command, or a comment relayed to the customer when a team
    /// member wrote it in a customer's thread.
    pub(super) fn on_team_message(
        &mut self,
        message: IncomingMessage,
        role: Role,
    ) -> StateResult<()> {
        if self.addressed_elsewhere(&message) {
            return Ok(());
        }
        self.remember_team_member(&message, &role)?;
        if let (Some(group), true) = (&message.media_group, self.may_act(&role)) {
            self.state
                .remember_album_item(message.chat, group, message.id)?;
        }
        // Outsiders' commands are refused with an answer; their other messages stay put.
        if !self.may_act(&role) && message.command().is_none() {
            tracing::debug!(message = %message.id, "message from outside the team stays in the team chat");
            return Ok(());
        }
        let customer = self.thread_customer(&message)?;
        if let Some((name, arguments)) = message.command() {
            let arguments = arguments.to_owned();
            return self.on_team_command(
                CommandContext {
                    message,
                    role,
                    customer,
                },
                &name,
                &arguments,
            );
        }
        let Some(mut customer) = customer else {
            return Ok(());
        };
        if !self.may_act(&role) {
            return Ok(());
        }
        if self.settings.is_internal_comment(message.text()) {
            return Ok(());
        }
        // With reply-only, a comment that does not reply to a message stays internal.
        let explicit_reply = message.reply_to.is_some() && message.reply_to != message.thread;
        if self.settings.reply_only && !explicit_reply {
            return Ok(());
        }
        let Some((ticket, reopen)) = self.ticket_for_team_reply(&mut customer, &role, &message)?
        else {
            return Ok(());
        };
        let outgoing = match self.filled_team_message(&message, &customer, &ticket, &role) {
            Some(effect) => Outgoing::Filled(Box::new(effect)),
            None => Outgoing::Relay(&message),
        };
        self.reach_customer(&customer, message.id, outgoing)?;
        self.team_replied(customer, ticket, &role, message.text().to_owned(), reopen)
    }

    /// The ticket a team message to the customer belongs to, and whether it opened now:
    /// writing to a customer after their ticket closed starts a conversation, so the next
    /// ticket opens, quietly (the customer only gets the message, administrators nothing).
    pub(super) fn ticket_for_team_reply(
        &mut self,
        customer: &mut Customer,
        role: &Role,
        message: &IncomingMessage,
    ) -> StateResult<Option<(Ticket, bool)>> {
        let Some(ticket) = self.current_ticket(customer)? else {
            return Ok(None);
        };
        let reopen = !ticket.is_open() && customer.reachability == Reachability::Reachable;
        if !reopen {
            return Ok(Some((ticket, false)));
        }
        let opened_by = OpenedBy::Team {
            name: Some(author_name(role, message)),
        };
        let ticket = self.open_next_ticket(customer, None, opened_by, Some(message.id))?;
        Ok(Some((ticket, true)))
    }

    /// Sends the customer a team message (relayed as it is, or filled); a customer who blocked
    /// the bot or deleted their account gets nothing, and the thread says so.
    pub(super) fn reach_customer(
        &mut self,
        customer: &Customer,
        team_message: MessageId,
        outgoing: Outgoing<'_>,
    ) -> StateResult<()> {
        match customer.reachability {
            Reachability::Reachable => {
                let mut relay = self.state.relay(customer.id)?;
                match outgoing {
                    Outgoing::Relay(message) => {
                        self.relay_from_team(customer.id, &mut relay, message);
                    }
                    Outgoing::Filled(effect) => {
                        self.flush_team_album(customer.id, &mut relay);
                        self.emit(*effect);
                    }
                }
                self.state.save_relay(customer.id, &relay)?;
            }
            Reachability::BlockedBot | Reachability::Deactivated => {
                let failure = match customer.reachability {
                    Reachability::Deactivated => Failure::UserDeactivated,
                    _ => Failure::BlockedByUser,
                };
                if let Some(root) = customer.card.root {
                    self.emit(Effect::NoteInThread {
                        customer: customer.id,
                        root,
                        notice: Notice::NotDelivered { failure },
                        reply_to: Some(team_message),
                    });
                }
            }
        }
        Ok(())
    }

    /// What a team message to the customer changes: the ticket's stage and facts, the
    /// webhook, the card and the automatic close.
    pub(super) fn team_replied(
        &mut self,
        mut customer: Customer,
        mut ticket: Ticket,
        role: &Role,
        text: String,
        reopen: bool,
    ) -> StateResult<()> {
        let stage_changed = ticket.record_message(true, self.now);
        ticket.facts.team_reply(self.now, role.member());
        let by = role.display_name();
        self.webhook(
            WebhookKind::TeamMessage,
            customer.id,
            Some(ticket.number),
            Some(text),
            by,
        );
        if stage_changed {
            self.card_changed(&mut customer, &ticket)?;
        }
        if let Some(after) = self.settings.autoclose_after.filter(|_| ticket.is_open()) {
            let timer = Timer::AutoClose {
                customer: customer.id,
                ticket: ticket.number,
                last_activity: self.now,
            };
            self.set_timer(self.now.plus(after), timer);
        }
        if reopen || stage_changed {
            return self.save_ticket_and_customer(&ticket, &customer);
        }
        self.state.save_ticket(&ticket)
    }

    /// The first message of a thread that waits for its author's membership to be checked:
    /// the thread hears, once, that its messages wait and will go out in order. Messages that
    /// would change nothing anyway (outside customers' threads, except commands) say nothing.
    pub(super) fn on_team_message_held(&mut self, message: IncomingMessage) -> StateResult<()> {
        if self.addressed_elsewhere(&message) {
            return Ok(());
        }
        let customer = self.thread_customer(&message)?;
        if customer.is_none() && message.command().is_none() {
            return Ok(());
        }
        self.emit(Effect::AnswerTeam {
            customer: customer.map(|customer| customer.id),
            thread: message.thread,
            to: message.id,
            notice: Notice::TeamMessagesWait,
        });
        Ok(())
    }

    /// A team member edited a message: the customer's copy follows.
    pub(super) fn on_team_edit(&mut self, message: IncomingMessage, role: Role) -> StateResult<()> {
        if !self.may_act(&role) {
            return Ok(());
        }
        let Some(customer) = self.thread_customer(&message)? else {
            return Ok(());
        };
        if message.command().is_some() || self.settings.is_internal_comment(message.text()) {
            return Ok(());
        }
        if self
            .state
            .relay(customer.id)?
            .holds_team_message(message.id)
        {
            return Ok(());
        }
        self.emit(Effect::EditCustomerCopy {
            customer: customer.id,
            message: message.id,
            content: message.content,
            language: customer.language.clone(),
        });
        Ok(())
    }

    /// A team album stopped growing: send it to the customer.
    pub(super) fn on_team_album_due(&mut self, customer: UserId, group: &str) -> StateResult<()> {
        let mut relay = self.state.relay(customer)?;
        let timer = Timer::TeamAlbum {
            customer,
            group: group.to_owned(),
        };
        if !self.album_complete(relay.team_album.as_ref(), group, timer) {
            return Ok(());
        }
        self.flush_team_album(customer, &mut relay);
        self.state.save_relay(customer, &relay)
    }

    /// Whether the message is a command for another bot (`/cmd@otherbot`).
    fn addressed_elsewhere(&self, message: &IncomingMessage) -> bool {
        match (message.command_addressee(), &self.settings.bot_username) {
            (Some(addressee), Some(me)) => !addressee.eq_ignore_ascii_case(me),
            _ => false,
        }
    }

    /// The customer whose thread the message is in, if it is in one.
    fn thread_customer(&mut self, message: &IncomingMessage) -> StateResult<Option<Customer>> {
        let Some(thread) = message.thread else {
            return Ok(None);
        };
        if message.chat != self.settings.workspace.thread_chat() {
            return Ok(None);
        }
        let Some(customer) = self.state.customer_by_root(message.chat, thread)? else {
            return Ok(None);
        };
        // The index and the card must agree: a thread of a card set aside is nobody's now.
        Ok(self
            .customer(customer)?
            .filter(|customer| customer.card.root == Some(thread)))
    }

    fn relay_from_team(
        &mut self,
        customer: UserId,
        relay: &mut RelayState,
        message: &IncomingMessage,
    ) {
        let album_item = match (&message.content, &message.media_group) {
            (Content::Media(item), Some(group)) if item.kind.is_input_media() => {
                Some((group, item))
            }
            _ => None,
        };
        let Some((group, item)) = album_item else {
            self.flush_team_album(customer, relay);
            self.emit(Effect::CopyToCustomer {
                customer,
                message: message.id,
                reply_to: message.reply_to,
            });
            return;
        };
        if relay
            .team_album
            .as_ref()
            .is_some_and(|album| &album.group != group)
        {
            self.flush_team_album(customer, relay);
        }
        let timer = Timer::TeamAlbum {
            customer,
            group: group.clone(),
        };
        let mut slot = relay.team_album.take();
        self.collect_album_item(
            &mut slot,
            group,
            (message.id, item.clone()),
            message.reply_to,
            timer,
        );
        relay.team_album = slot;
    }

    pub(super) fn flush_team_album(&mut self, customer: UserId, relay: &mut RelayState) {
        let Some(album) = relay.team_album.take() else {
            return;
        };
        let effect = match <[(MessageId, _); 1]>::try_from(album.items) {
            Ok([(message, _)]) => Effect::CopyToCustomer {
                customer,
                message,
                reply_to: album.reply_to,
            },
            Err(items) => Effect::AlbumToCustomer {
                customer,
                items,
                reply_to: album.reply_to,
            },
        };
        self.emit(effect);
    }
}
