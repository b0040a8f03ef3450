//! The card's life: posted in the channel, copied by Telegram into the discussion group (the
//! thread root), and reposted with a warning to the team when that copy never comes.
//!
//! The post's confirmation and its automatic copy may arrive in either order, so a root whose
//! post is not known yet is kept until the post is confirmed.

use super::relay_state::WaitingMessage;
use super::{DeskState, Effect, Notice, StateResult, Timer, Turn};
use crate::domain::{Card, Customer, MessageId, Reachability, Ticket, UserId};

/// The longest wait between two reposts of a card whose thread does not appear.
const MAX_THREAD_BACKOFF: u32 = 32;

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// The bot's card was published (with its thread, in the forum layout).
    pub(super) fn on_card_posted(
        &mut self,
        customer_id: UserId,
        post: MessageId,
        root: Option<MessageId>,
    ) -> StateResult<()> {
        let Some(mut customer) = self.customer(customer_id)? else {
            return Ok(());
        };
        let workspace = self.settings.workspace;
        customer.card.workspace = Some(workspace);
        customer.card.post = Some(post);
        self.state
            .save_post(workspace.card_chat(), post, customer.id)?;
        let ticket = self.current_ticket(&customer)?;
        if let Some(ticket) = &ticket {
            if customer.card.outdated {
                customer.card.outdated = false;
                self.emit(Effect::EditCard {
                    customer: customer.id,
                    post,
                    thread: root,
                    card: self.card_view(&customer, ticket)?,
                });
            }
            // A new topic is open already; a channel post must be pinned.
            if ticket.is_open() && !workspace.is_forum() {
                self.emit(Effect::OpenCard {
                    customer: customer.id,
                    post,
                    thread: root,
                });
            }
        }
        let root = match root {
            Some(root) => Some(root),
            None => {
                let unclaimed = self.state.unclaimed_root(workspace.card_chat(), post)?;
                if unclaimed.is_some() {
                    self.state
                        .save_unclaimed_root(workspace.card_chat(), post, None)?;
                }
                unclaimed
            }
        };
        if let Some(root) = root {
            self.attach_root(&mut customer, root)?;
        }
        self.state.save_customer(&customer)
    }

    /// Publishes a customer's card (first contact, `/new`, or a thread that was deleted); in
    /// the channel layout a timer watches for its discussion copy.
    pub(super) fn publish_card(
        &mut self,
        customer: &mut Customer,
        ticket: &Ticket,
    ) -> StateResult<()> {
        customer.card.attempts += 1;
        customer.card.outdated = false;
        customer.card.workspace = Some(self.settings.workspace);
        let card = self.card_view(customer, ticket)?;
        self.emit(Effect::PostCard {
            customer: customer.id,
            card,
        });
        if !self.settings.workspace.is_forum() {
            let due = self.now.plus(self.settings.thread_timeout);
            self.set_timer(
                due,
                Timer::ThreadOverdue {
                    customer: customer.id,
                    attempt: customer.card.attempts,
                },
            );
        }
        Ok(())
    }

    /// The customer's thread was deleted (by hand, or its root): the messages that could not be
    /// relayed wait, in their order, for a new card and thread, which the team is told about.
    pub(super) fn on_thread_gone(
        &mut self,
        customer_id: UserId,
        lost: Vec<WaitingMessage>,
    ) -> StateResult<()> {
        let Some(mut customer) = self.customer(customer_id)? else {
            return Ok(());
        };
        let mut relay = self.state.relay(customer.id)?;
        relay.waiting.extend(lost);
        // Effects already queued fail one by one; message ids restore the customer's order.
        relay.waiting.sort_by_key(|waiting| waiting.message);
        relay.waiting.dedup_by_key(|waiting| waiting.message);
        if customer.card.root.is_some() {
            tracing::warn!(customer = %customer.id, "the customer's thread is gone; a new one is created");
            customer.card = Card {
                recreated: true,
                workspace: Some(self.settings.workspace),
                attempts: customer.card.attempts,
                ..Card::default()
            };
            if let Some(ticket) = self.current_ticket(&customer)? {
                self.publish_card(&mut customer, &ticket)?;
            }
        } else {
            self.post_card_in_new_workspace(&mut customer)?;
        }
        self.state.save_relay(customer.id, &relay)?;
        self.state.save_customer(&customer)
    }

    /// Telegram copied a channel post into the discussion group.
    pub(super) fn on_card_forwarded(
        &mut self,
        post: MessageId,
        root: MessageId,
    ) -> StateResult<()> {
        let channel = self.settings.workspace.card_chat();
        let Some(customer_id) = self.state.customer_by_post(channel, post)? else {
            return self.state.save_unclaimed_root(channel, post, Some(root));
        };
        let Some(mut customer) = self.customer(customer_id)? else {
            return Ok(());
        };
        if customer.card.post != Some(post) {
            // The copy of a card that was replaced meanwhile.
            return Ok(());
        }
        self.attach_root(&mut customer, root)?;
        self.state.save_customer(&customer)
    }

    fn attach_root(&mut self, customer: &mut Customer, root: MessageId) -> StateResult<()> {
        if customer.card.root.is_some() {
            return Ok(());
        }
        customer.card.workspace = Some(self.settings.workspace);
        customer.card.root = Some(root);
        self.state
            .save_root(self.settings.workspace.thread_chat(), root, customer.id)?;
        self.point_to_previous_thread(customer, root);
        if std::mem::take(&mut customer.card.recreated) {
            self.emit(Effect::NoteInThread {
                customer: customer.id,
                root,
                notice: Notice::ThreadRecreated,
                reply_to: None,
            });
        }
        self.release_waiting(customer.id, root)?;
        if let Some(ticket) = self.current_ticket(customer)? {
            self.notify_admins(customer, &ticket)?;
        }
        Ok(())
    }

    /// The card's thread did not appear in time: tell the team how to fix it and try again.
    pub(super) fn on_thread_overdue(
        &mut self,
        customer_id: UserId,
        attempt: u32,
    ) -> StateResult<()> {
        let Some(mut customer) = self.customer(customer_id)? else {
            return Ok(());
        };
        if customer.card.root.is_some()
            || customer.card.attempts != attempt
            || customer.card.awaits_new_workspace()
        {
            return Ok(());
        }
        let waiting = self.state.relay(customer.id)?.waiting.len();
        tracing::warn!(
            customer = %customer.id,
            attempt,
            waiting,
            "the card's discussion copy did not arrive: is the channel linked to the group, and is the bot an administrator there?"
        );
        self.emit(Effect::NoteInTeamChat {
            notice: Notice::ThreadMissing {
                customer: customer.id,
                name: customer.full_name(),
                waiting: u32::try_from(waiting).unwrap_or(u32::MAX),
            },
        });
        let next_attempt = match (customer.card.post.take(), self.current_ticket(&customer)?) {
            (Some(stale), Some(ticket)) => {
                self.emit(Effect::DeleteCard {
                    customer: customer.id,
                    post: stale,
                });
                self.emit(Effect::PostCard {
                    customer: customer.id,
                    card: self.card_view(&customer, &ticket)?,
                });
                customer.card.outdated = false;
                customer.card.attempts += 1;
                customer.card.attempts
            }
            // The post itself has not been confirmed yet (Telegram refuses it, or the channel
            // is rate limited): keep waiting for it rather than posting a second card.
            (post, _) => {
                customer.card.post = post;
                attempt
            }
        };
        let backoff = 2u32.saturating_pow(attempt).min(MAX_THREAD_BACKOFF);
        let due = self
            .now
            .plus(self.settings.thread_timeout.saturating_mul(backoff));
        self.set_timer(
            due,
            Timer::ThreadOverdue {
                customer: customer.id,
                attempt: next_attempt,
            },
        );
        self.state.save_customer(&customer)
    }

    /// The customer blocked or unblocked the bot.
    pub(super) fn on_customer_reachability(
        &mut self,
        customer_id: UserId,
        reachable: bool,
    ) -> StateResult<()> {
        let Some(mut customer) = self.customer(customer_id)? else {
            return Ok(());
        };
        let now_reachable = customer.reachability == Reachability::Reachable;
        if reachable == now_reachable {
            return Ok(());
        }
        customer.reachability = if reachable {
            Reachability::Reachable
        } else {
            Reachability::BlockedBot
        };
        if let Some(ticket) = self.current_ticket(&customer)? {
            self.card_changed(&mut customer, &ticket)?;
        }
        if let Some(root) = customer.card.root {
            let notice = if reachable {
                Notice::CustomerReachableAgain
            } else {
                Notice::CustomerBlockedBot
            };
            self.emit(Effect::NoteInThread {
                customer: customer.id,
                root,
                notice,
                reply_to: None,
            });
        }
        self.state.save_customer(&customer)
    }
}
