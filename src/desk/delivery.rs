//! Effects that failed for good become visible: a note in the thread, a flag on the card, and
//! (unless the desk is silent) a word to the customer; a message for the team that Telegram
//! refused is sent again as plain text. Nothing is dropped without a trace.

use super::relay_state::{Relay, WaitingMessage};
use super::{DeskState, Effect, Failure, Notice, StateResult, Turn};
use crate::domain::{Content, FormattedText, MessageId, Reachability, UserId};

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// An effect failed for a reason retrying will not fix.
    pub(super) fn on_delivery_failed(
        &mut self,
        effect: Effect,
        failure: Failure,
    ) -> StateResult<()> {
        if failure == Failure::NotStarted {
            tracing::debug!(
                effect = effect.kind(),
                "the recipient never started the bot"
            );
        } else {
            tracing::warn!(effect = effect.kind(), ?failure, "effect failed for good");
        }
        match effect {
            Effect::CopyToCustomer {
                customer, message, ..
            }
            | Effect::FilledToCustomer {
                customer, message, ..
            }
            | Effect::CopiesToCustomer {
                customer, message, ..
            } => self.customer_missed(customer, failure, Some(message)),
            Effect::AlbumToCustomer {
                customer, items, ..
            } => {
                let first = items.first().map(|(message, _)| *message);
                self.customer_missed(customer, failure, first)
            }
            Effect::TellCustomer { customer, .. } => self.customer_missed(customer, failure, None),
            Effect::BroadcastCopy {
                test: Some(command),
                ..
            } => {
                self.emit(Effect::AnswerTeam {
                    customer: None,
                    thread: None,
                    to: command,
                    notice: Notice::BroadcastTestFailed { failure },
                });
                Ok(())
            }
            Effect::ApiMessage {
                customer, delivery, ..
            }
            | Effect::ApiFile {
                customer, delivery, ..
            } => self.on_api_message_failed(customer, delivery, failure),
            Effect::EditCustomerCopy {
                customer,
                message,
                content,
                language,
            } => match (&failure, edited_text(&content)) {
                (Failure::Rejected(_), Some(text)) => {
                    let reply_to = self
                        .state
                        .customer_side(self.settings.workspace.thread_chat(), message)?
                        .map(|(_, private)| private);
                    self.emit(Effect::TellCustomer {
                        customer,
                        notice: Notice::TeamEdited { text },
                        language,
                        reply_to,
                    });
                    Ok(())
                }
                _ => self.customer_missed(customer, failure, Some(message)),
            },
            Effect::CopyToThread {
                customer,
                message,
                reply_to,
                ..
            } if failure.thread_lost() => {
                let lost = WaitingMessage {
                    message,
                    relay: Relay::Copy,
                    reply_to,
                };
                self.on_thread_gone(customer, vec![lost])
            }
            Effect::AlbumToThread {
                customer,
                items,
                reply_to,
                ..
            } if failure.thread_lost() => {
                let group = format!("resent-{}", items.first().map_or(0, |(id, _)| id.0));
                let lost = items
                    .into_iter()
                    .map(|(message, item)| WaitingMessage {
                        message,
                        relay: Relay::AlbumItem {
                            group: group.clone(),
                            item,
                        },
                        reply_to,
                    })
                    .collect();
                self.on_thread_gone(customer, lost)
            }
            Effect::CopyToThread { customer, root, .. }
            | Effect::AlbumToThread { customer, root, .. } => {
                self.emit(Effect::NoteInThread {
                    customer,
                    root,
                    notice: Notice::NotCopied { failure },
                    reply_to: None,
                });
                if self.settings.tell_customers_about_errors {
                    let language = self.customer(customer)?.and_then(|c| c.language);
                    self.emit(Effect::TellCustomer {
                        customer,
                        notice: Notice::CustomerMessageFailed,
                        language,
                        reply_to: None,
                    });
                }
                Ok(())
            }
            Effect::EditThreadCopy {
                customer,
                root,
                message,
                content,
            } => {
                if let Some(text) = edited_text(&content) {
                    let reply_to = self.thread_side(customer, message)?;
                    self.emit(Effect::NoteInThread {
                        customer,
                        root,
                        notice: Notice::CustomerEdited { text },
                        reply_to,
                    });
                }
                Ok(())
            }
            Effect::MirrorToThread {
                customer,
                message,
                reply_to,
                content,
                buttons,
                ..
            } if failure.thread_lost() => {
                let lost = WaitingMessage {
                    message,
                    relay: Relay::ExistingBot { content, buttons },
                    reply_to,
                };
                self.on_thread_gone(customer, vec![lost])
            }
            Effect::MirrorToThread { customer, root, .. } => {
                self.emit(Effect::NoteInThread {
                    customer,
                    root,
                    notice: Notice::NotCopied { failure },
                    reply_to: None,
                });
                Ok(())
            }
            // The mirror keeps what it showed; the edit is the existing bot's, told to no one.
            Effect::EditMirror { .. } => Ok(()),
            Effect::NotifyAdmin { admin, .. } => self.on_admin_unreachable(admin, &failure),
            Effect::SendReport { target, .. } => self.on_report_failed(target, failure),
            Effect::SendExport { thread, to, .. } => {
                self.on_export_failed(thread, to, failure);
                Ok(())
            }
            Effect::ReadImport { thread, to, .. } => {
                self.on_import_unreadable(thread, to, failure);
                Ok(())
            }
            Effect::AnswerTeam {
                customer,
                thread: Some(_),
                to,
                notice,
            } if failure == Failure::ThreadGone => {
                // The topic the command was typed in is gone: answer in the General topic.
                self.emit(Effect::AnswerTeam {
                    customer,
                    thread: None,
                    to,
                    notice,
                });
                Ok(())
            }
            effect @ (Effect::AnswerTeam { .. }
            | Effect::NoteInThread { .. }
            | Effect::NoteInTeamChat { .. }) => {
                if let Some(again) = unformatted(effect, failure) {
                    self.emit(again);
                }
                Ok(())
            }
            Effect::EditCard { customer, post, .. }
            | Effect::OpenCard { customer, post, .. }
            | Effect::CloseCard { customer, post, .. }
                if card_message_gone(&failure) =>
            {
                self.on_card_message_gone(customer, post)
            }
            Effect::SendButtons {
                chat,
                customer,
                thread,
                reply_to,
                notice,
                ..
            } => self.on_buttons_not_sent(chat, customer, (thread, reply_to), notice, failure),
            // Card changes that fail are logged above; reporting them with another message
            // could fail the same way and loop.
            Effect::EditButtons { .. }
            | Effect::AnswerButton { .. }
            | Effect::AnswerInline { .. }
            | Effect::AnswerInlineUnchecked { .. }
            | Effect::PostCard { .. }
            | Effect::EditCard { .. }
            | Effect::OpenCard { .. }
            | Effect::CloseCard { .. }
            | Effect::DeleteCard { .. } => Ok(()),
            // Broadcast copies go through the broadcast lane, which counts their failures.
            Effect::BroadcastCopy { test: None, .. } => Ok(()),
        }
    }

    /// The card's message was deleted by hand (Telegram tells bots nothing of deletions; the
    /// next change of the card finds out): the thread goes on without a card, and says so once.
    fn on_card_message_gone(&mut self, customer_id: UserId, post: MessageId) -> StateResult<()> {
        let Some(mut customer) = self.customer(customer_id)? else {
            return Ok(());
        };
        if customer.card.post != Some(post) {
            return Ok(());
        }
        tracing::warn!(customer = %customer.id, %post, "the customer's card was deleted; the thread goes on without it");
        customer.card.post = None;
        if let Some(root) = customer.card.root {
            self.emit(Effect::NoteInThread {
                customer: customer.id,
                root,
                notice: Notice::CardDeleted,
                reply_to: None,
            });
        }
        self.state.save_customer(&customer)
    }

    /// A message for the customer was not delivered: flag them if they are gone, and say so in
    /// the thread (replying to the team message that did not arrive).
    pub(super) fn customer_missed(
        &mut self,
        customer_id: UserId,
        failure: Failure,
        team_message: Option<crate::domain::MessageId>,
    ) -> StateResult<()> {
        let Some(mut customer) = self.customer(customer_id)? else {
            return Ok(());
        };
        let reachability = match failure {
            Failure::BlockedByUser => Some(Reachability::BlockedBot),
            Failure::UserDeactivated => Some(Reachability::Deactivated),
            Failure::NotStarted
            | Failure::ThreadGone
            | Failure::WorkspaceChanged
            | Failure::Rejected(_) => None,
        };
        if let Some(reachability) = reachability.filter(|r| *r != customer.reachability) {
            customer.reachability = reachability;
            if let Some(ticket) = self.current_ticket(&customer)? {
                self.card_changed(&mut customer, &ticket)?;
            }
            self.state.save_customer(&customer)?;
        }
        if let Some(root) = customer.card.root {
            self.emit(Effect::NoteInThread {
                customer: customer.id,
                root,
                notice: Notice::NotDelivered { failure },
                reply_to: team_message,
            });
        }
        Ok(())
    }
}

/// A message for the team that Telegram refused, to send again as plain text under a warning;
/// sent once, so a fallback that fails too is only logged and nothing loops.
fn unformatted(mut effect: Effect, failure: Failure) -> Option<Effect> {
    let (Effect::AnswerTeam { notice, .. }
    | Effect::NoteInThread { notice, .. }
    | Effect::NoteInTeamChat { notice }) = &mut effect
    else {
        return None;
    };
    if matches!(notice, Notice::Unformatted { .. }) || !matches!(failure, Failure::Rejected(_)) {
        return None;
    }
    *notice = Notice::Unformatted {
        original: Box::new(notice.clone()),
        failure,
    };
    Some(effect)
}

/// Whether Telegram refused a change of the card because its message no longer exists.
fn card_message_gone(failure: &Failure) -> bool {
    let Failure::Rejected(reason) = failure else {
        return false;
    };
    let reason = reason.to_ascii_lowercase();
    [
        "message to edit not found",
        "message to pin not found",
        "message to unpin not found",
    ]
    .iter()
    .any(|phrase| reason.contains(phrase))
}

/// The text an edit set, for the fallback note when the copy could not be edited.
fn edited_text(content: &Content) -> Option<FormattedText> {
    content.text().cloned()
}
