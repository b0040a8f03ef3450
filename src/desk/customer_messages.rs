//! Customer messages and edits: first contact, new tickets (opened in `opening`),
//! and relaying into the thread.

use super::relay_state::{Relay, RelayState, WaitingMessage};
use super::{DeskState, Effect, Notice, StateResult, Timer, Turn, WebhookKind};
use crate::domain::{
    AdminReach, Author, Card, Content, Customer, IncomingMessage, MessageId, OpenedBy, Origin,
    Reachability, Ticket, TicketNumber, UserId,
};

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// A message from a customer: opens a ticket if none is open, then relays it.
    pub(super) fn on_customer_message(&mut self, message: IncomingMessage) -> StateResult<()> {
        let Author::User {
            id,
            is_bot: false,
            language,
            ..
        } = &message.author
        else {
            return Ok(());
        };
        let command = message.command();
        let command_name = command.as_ref().map(|(name, _)| name.as_str());
        let is_start = command_name == Some("start");
        let origin = command
            .as_ref()
            .filter(|_| is_start)
            .and_then(|(_, argument)| Origin::parse(argument));
        let existing = self.customer(*id)?;

        // The button of an inline answer given while membership could not be checked: explain.
        if is_start
            && command.as_ref().map(|(_, argument)| argument.trim())
                == Some(super::MEMBERSHIP_CHECK_START)
        {
            self.emit(Effect::TellCustomer {
                customer: *id,
                notice: Notice::MembershipUnchecked,
                language: language.clone(),
                reply_to: None,
            });
            return Ok(());
        }

        // An administrator who writes to the bot can be notified from now on; their plain
        // `/start` only registers them.
        if self.set_admin_reach(*id, AdminReach::Reachable)?
            && existing.is_none()
            && is_start
            && origin.is_none()
        {
            self.emit(Effect::TellCustomer {
                customer: *id,
                notice: Notice::AdminNotificationsOn,
                language: language.clone(),
                reply_to: None,
            });
            return Ok(());
        }
        if !self.settings.handles(*id) {
            tracing::debug!(customer = %id, "not on the white list: ignored");
            return Ok(());
        }
        if !self.settings.keywords.is_empty() && !self.has_open_ticket(existing.as_ref())? {
            // Until a message matches, another bot flow has the conversation: stay silent.
            if !self.settings.keywords.matches(message.text()) {
                return Ok(());
            }
        }
        if command_name == Some("help") {
            let language = existing
                .as_ref()
                .and_then(|c| c.language.clone())
                .or_else(|| language.clone());
            self.emit(Effect::TellCustomer {
                customer: *id,
                notice: Notice::CustomerHelp,
                language,
                reply_to: None,
            });
            return Ok(());
        }

        let known_language = existing.as_ref().and_then(|c| c.language.clone());
        if self.on_opt_command(*id, command_name, known_language.or(language.clone()))? {
            return Ok(());
        }
        let mut customer = existing.unwrap_or_else(|| self.new_customer(&message.author));
        refresh_profile(&mut customer, &message.author);
        if customer.ban.is_some() {
            return self.on_banned_customer_message(&mut customer);
        }
        let was_unreachable = customer.reachability != Reachability::Reachable;
        customer.reachability = Reachability::Reachable;

        let (mut ticket, opened) = self.current_or_new_ticket(&mut customer, origin.clone())?;
        if customer.card.awaits_new_workspace() {
            self.publish_card(&mut customer, &ticket)?;
        }
        let mut card_outdated = was_unreachable && !opened;
        match (is_start, opened) {
            (true, true) => self.watch_empty_ticket(&ticket),
            (true, false) => card_outdated |= self.on_start_again(&customer, &mut ticket, origin),
            (false, _) => {
                card_outdated |= ticket.record_message(false, self.now);
                ticket.facts.customer_message();
                let text = Some(message.text().to_owned());
                let number = Some(ticket.number);
                self.webhook(
                    WebhookKind::CustomerMessage,
                    customer.id,
                    number,
                    text,
                    None,
                );
                // An imported customer's first word: the card stops saying they never wrote.
                card_outdated |= !ticket.customer_wrote
                    && ticket.number.0 == 1
                    && matches!(ticket.opened_by, OpenedBy::Team { .. });
                ticket.customer_wrote = true;
                self.ping_assignee(&customer, &mut ticket)?;
                self.note_broadcast_reply(&customer, &message)?;
                let mut relay = self.state.relay(customer.id)?;
                self.relay_from_customer(&customer, &mut relay, &message);
                self.state.save_relay(customer.id, &relay)?;
            }
        }
        if card_outdated {
            self.card_changed(&mut customer, &ticket)?;
        }
        self.save_ticket_and_customer(&ticket, &customer)?;
        Ok(())
    }

    /// `/start` while the ticket is open: nothing is relayed and the customer is not welcomed
    /// again. A deep-link origin is recorded on the ticket and noted in the thread; the customer
    /// hears that the team is still there, when so configured. Returns whether the card changed.
    fn on_start_again(
        &mut self,
        customer: &Customer,
        ticket: &mut Ticket,
        origin: Option<Origin>,
    ) -> bool {
        if self.settings.send_still_here {
            self.tell_customer(customer, Notice::StillHere);
        }
        let Some(origin) = origin else {
            return false;
        };
        // Before the thread exists the card alone shows it (the note would have nowhere to go).
        if let Some(root) = customer.card.root {
            self.emit(Effect::NoteInThread {
                customer: customer.id,
                root,
                notice: Notice::CustomerCameBack {
                    origin: origin.to_string(),
                },
                reply_to: None,
            });
        }
        ticket.add_origin(origin)
    }

    /// A ticket opened by `/start` alone closes after the automatic-close delay if nobody
    /// writes in it (see [`Turn::on_autoclose_due`]).
    fn watch_empty_ticket(&mut self, ticket: &Ticket) {
        if let Some(after) = self.settings.autoclose_after {
            let timer = Timer::AutoClose {
                customer: ticket.customer,
                ticket: ticket.number,
                last_activity: ticket.last_activity,
            };
            self.set_timer(self.now.plus(after), timer);
        }
    }

    /// A customer edited a message: the thread copy follows, unless the message is still
    /// buffered (its copy will carry the edit).
    pub(super) fn on_customer_edit(&mut self, message: IncomingMessage) -> StateResult<()> {
        let Some(customer_id) = message
            .author
            .user_id()
            .filter(|id| self.settings.handles(*id))
        else {
            return Ok(());
        };
        let Some(customer) = self.customer(customer_id)? else {
            return Ok(());
        };
        let Some(root) = customer.card.root else {
            return Ok(());
        };
        if self
            .state
            .relay(customer.id)?
            .holds_customer_message(message.id)
        {
            return Ok(());
        }
        self.emit(Effect::EditThreadCopy {
            customer: customer.id,
            root,
            message: message.id,
            content: message.content,
        });
        Ok(())
    }

    /// An album item stopped arriving: send the customer's album if it is complete.
    pub(super) fn on_customer_album_due(
        &mut self,
        customer_id: UserId,
        group: &str,
    ) -> StateResult<()> {
        let Some(customer) = self.customer(customer_id)? else {
            return Ok(());
        };
        let mut relay = self.state.relay(customer_id)?;
        let timer = Timer::CustomerAlbum {
            customer: customer_id,
            group: group.to_owned(),
        };
        if let (true, Some(root)) = (
            self.album_complete(relay.customer_album.as_ref(), group, timer),
            customer.card.root,
        ) {
            self.flush_customer_album(customer_id, root, &mut relay);
            self.state.save_relay(customer_id, &relay)?;
        }
        Ok(())
    }

    /// Relays (or buffers) one customer message.
    fn relay_from_customer(
        &mut self,
        customer: &Customer,
        relay: &mut RelayState,
        message: &IncomingMessage,
    ) {
        let waiting = WaitingMessage {
            message: message.id,
            relay: classify(message),
            reply_to: message.reply_to,
        };
        match customer.card.root {
            Some(root) => self.send_to_thread(customer.id, root, relay, waiting),
            None => relay.waiting.push(waiting),
        }
    }

    /// Sends everything that waited for the thread, in order.
    pub(super) fn release_waiting(&mut self, customer: UserId, root: MessageId) -> StateResult<()> {
        let mut relay = self.state.relay(customer)?;
        for waiting in std::mem::take(&mut relay.waiting) {
            self.send_to_thread(customer, root, &mut relay, waiting);
        }
        self.state.save_relay(customer, &relay)
    }

    pub(super) fn send_to_thread(
        &mut self,
        customer: UserId,
        root: MessageId,
        relay: &mut RelayState,
        waiting: WaitingMessage,
    ) {
        match waiting.relay {
            Relay::AlbumItem { group, item } => {
                if relay
                    .customer_album
                    .as_ref()
                    .is_some_and(|album| album.group != group)
                {
                    self.flush_customer_album(customer, root, relay);
                }
                let timer = Timer::CustomerAlbum {
                    customer,
                    group: group.clone(),
                };
                let mut slot = relay.customer_album.take();
                self.collect_album_item(
                    &mut slot,
                    &group,
                    (waiting.message, item),
                    waiting.reply_to,
                    timer,
                );
                relay.customer_album = slot;
            }
            Relay::Copy => {
                self.flush_customer_album(customer, root, relay);
                self.emit(Effect::CopyToThread {
                    customer,
                    root,
                    message: waiting.message,
                    reply_to: waiting.reply_to,
                });
            }
            Relay::ExistingBot { content, buttons } => {
                self.flush_customer_album(customer, root, relay);
                self.emit(Effect::MirrorToThread {
                    customer,
                    root,
                    message: waiting.message,
                    reply_to: waiting.reply_to,
                    content,
                    buttons,
                });
            }
            Relay::Note(kind) => {
                self.flush_customer_album(customer, root, relay);
                self.emit(Effect::NoteInThread {
                    customer,
                    root,
                    notice: Notice::CustomerSentUncopyable { kind },
                    reply_to: None,
                });
            }
        }
    }

    fn flush_customer_album(&mut self, customer: UserId, root: MessageId, relay: &mut RelayState) {
        let Some(album) = relay.customer_album.take() else {
            return;
        };
        let effect = match <[_; 1]>::try_from(album.items) {
            Ok([(message, _)]) => Effect::CopyToThread {
                customer,
                root,
                message,
                reply_to: album.reply_to,
            },
            Err(items) => Effect::AlbumToThread {
                customer,
                root,
                items,
                reply_to: album.reply_to,
            },
        };
        self.emit(effect);
    }

    fn new_customer(&self, author: &Author) -> Customer {
        let id = author.user_id().unwrap_or(UserId(0));
        Customer {
            id,
            first_name: String::new(),
            last_name: None,
            username: None,
            language: None,
            first_seen: self.now,
            card: Card::default(),
            ticket: TicketNumber(0),
            reachability: Reachability::Reachable,
            ban: None,
            tags: Vec::new(),
            fields: Default::default(),
        }
    }
}

/// How a customer message is relayed into the thread.
fn classify(message: &IncomingMessage) -> Relay {
    match (&message.content, &message.media_group) {
        (Content::Uncopyable(kind), _) => Relay::Note(*kind),
        (Content::Media(item), Some(group)) if item.kind.is_input_media() => Relay::AlbumItem {
            group: group.clone(),
            item: item.clone(),
        },
        _ => Relay::Copy,
    }
}

fn refresh_profile(customer: &mut Customer, author: &Author) {
    if let Author::User {
        first_name,
        last_name,
        username,
        language,
        ..
    } = author
    {
        customer.first_name.clone_from(first_name);
        customer.last_name.clone_from(last_name);
        customer.username.clone_from(username);
        if language.is_some() {
            customer.language.clone_from(language);
        }
    }
}
