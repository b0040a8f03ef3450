//! Inline buttons: messages that carry them, presses, and the answer every press gets.
//!
//! The desk sends buttons with [`Effect::SendButtons`] (or rewrites a message and its buttons
//! with [`Effect::EditButtons`]); each button holds a [`ButtonAction`]. A press arrives as
//! [`Event::ButtonPressed`](super::Event::ButtonPressed) through the inbox like every other
//! update and is dispatched here: first who may press it ([`ButtonAudience`]), then the
//! action's handler. Every press is answered exactly once ([`Effect::AnswerButton`]): quietly,
//! with a toast, or with an alert. Data this version cannot read, and a button pressed where it
//! does not belong, answer "this button has expired"; someone outside the team pressing a team
//! button is told it is for the team. Nothing is changed by a refused press.
//!
//! Adding an action: a variant of [`ButtonAction`] and an arm in [`Turn::on_button_action`]
//! returning the [`ButtonAnswer`].

use serde::{Deserialize, Serialize};

use super::{DeskState, Effect, Failure, Notice, StateResult, Turn};
use crate::domain::{ButtonAction, ButtonAudience, ChatId, MessageId, UserId};

/// Buttons under a message, in rows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Keyboard {
    /// The rows, top to bottom, each left to right.
    pub rows: Vec<Vec<Button>>,
}

/// One button: what it says and what pressing it does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Button {
    /// Its label, rendered in the reader's language as plain text.
    pub label: Notice,
    /// What pressing it asks the desk to do.
    pub action: ButtonAction,
}

/// Who reads a message with buttons (and the answers to its presses): the language it is in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reader {
    /// The team, in the team's language.
    Team,
    /// A customer, in their language when known.
    Customer {
        /// The customer's language.
        language: Option<String>,
    },
}

/// A pressed button, as the desk hears it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ButtonPress {
    /// Telegram's callback query id, to answer with.
    pub query: String,
    /// Who pressed it.
    pub from: UserId,
    /// Their display name.
    pub name: String,
    /// Whether they are on the team: `None` when that could not be checked now.
    pub team: Option<bool>,
    /// The message the button is under (its chat and id); `None` for a message sent in inline
    /// mode, which the desk never gives buttons.
    pub message: Option<(ChatId, MessageId)>,
    /// The forum topic or comment thread the message is in, if any.
    pub thread: Option<MessageId>,
    /// What the button asks for; `None` when its data cannot be read by this version.
    pub action: Option<ButtonAction>,
}

/// How a press is answered.
#[derive(Clone, Debug, PartialEq)]
pub enum ButtonAnswer {
    /// No text: the button just stops spinning.
    Quiet,
    /// A short notification at the top of the chat.
    Toast(Notice),
    /// A dialog the presser must close.
    Alert(Notice),
}

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// A button was pressed: checked, handled, and answered once.
    pub(super) fn on_button_pressed(&mut self, press: ButtonPress) -> StateResult<()> {
        let answer = match (&press.action, press.message) {
            (Some(action), Some(message)) => match self.button_refusal(&press, action, message) {
                Some(refusal) => refusal,
                None => self.on_button_action(&press, action.clone())?,
            },
            _ => ButtonAnswer::Alert(Notice::ButtonExpired),
        };
        let reader = if press.team == Some(true) {
            Reader::Team
        } else {
            let language = self.state.customer(press.from)?.and_then(|c| c.language);
            Reader::Customer { language }
        };
        let (notice, alert) = match answer {
            ButtonAnswer::Quiet => (None, false),
            ButtonAnswer::Toast(notice) => (Some(notice), false),
            ButtonAnswer::Alert(notice) => (Some(notice), true),
        };
        self.emit(Effect::AnswerButton {
            query: press.query,
            user: press.from,
            reader,
            notice,
            alert,
        });
        Ok(())
    }

    /// Why the presser may not use this button here, as the answer they get; `None` if they may.
    fn button_refusal(
        &self,
        press: &ButtonPress,
        action: &ButtonAction,
        (chat, _): (ChatId, MessageId),
    ) -> Option<ButtonAnswer> {
        match action.audience() {
            ButtonAudience::Team if chat != self.settings.workspace.thread_chat() => {
                Some(ButtonAnswer::Alert(Notice::ButtonExpired))
            }
            ButtonAudience::Team => match press.team {
                Some(true) => None,
                Some(false) => Some(ButtonAnswer::Alert(Notice::ButtonForTeamOnly)),
                None => Some(ButtonAnswer::Alert(Notice::ButtonMembershipUnchecked)),
            },
            ButtonAudience::ChatOwner if chat != press.from.private_chat() => {
                Some(ButtonAnswer::Alert(Notice::ButtonExpired))
            }
            ButtonAudience::ChatOwner => None,
        }
    }

    /// The action's handler: one arm per [`ButtonAction`], each returning the press's answer.
    fn on_button_action(
        &mut self,
        press: &ButtonPress,
        action: ButtonAction,
    ) -> StateResult<ButtonAnswer> {
        match action {
            ButtonAction::LobbyPage { lookup, page } => {
                self.on_lobby_page_pressed(press, lookup, page)
            }
            ButtonAction::BroadcastSend(_)
            | ButtonAction::BroadcastCancel(_)
            | ButtonAction::BroadcastPause(_)
            | ButtonAction::BroadcastResume(_) => {
                self.on_broadcast_button(&action, press.message.map(|(_, message)| message))
            }
            ButtonAction::Rate { ticket, score } => self.on_rating(press, ticket, score),
            ButtonAction::ImportApply(command) => self.on_import_button(press, command, true),
            ButtonAction::ImportCancel(command) => self.on_import_button(press, command, false),
            ButtonAction::Forget { customer, confirm } => {
                self.on_forget_pressed(press, customer, confirm)
            }
        }
    }

    /// A message with buttons could not be sent. In the team chat its text is sent again
    /// without buttons (as plain text if Telegram refused it, outside the topic if the topic is
    /// gone), so whoever asked sees what it said; a customer's is handled as any message that
    /// did not reach them.
    pub(super) fn on_buttons_not_sent(
        &mut self,
        chat: ChatId,
        customer: Option<UserId>,
        (thread, reply_to): (Option<MessageId>, Option<MessageId>),
        notice: Notice,
        failure: Failure,
    ) -> StateResult<()> {
        if chat != self.settings.workspace.thread_chat() {
            return match customer.filter(|customer| customer.private_chat() == chat) {
                Some(customer) => self.customer_missed(customer, failure, None),
                None => Ok(()),
            };
        }
        let topic_gone = failure == Failure::ThreadGone;
        let notice = match failure {
            Failure::ThreadGone => notice,
            Failure::Rejected(_) => Notice::Unformatted {
                original: Box::new(notice),
                failure,
            },
            _ => return Ok(()),
        };
        self.emit(match reply_to {
            Some(to) => Effect::AnswerTeam {
                customer,
                thread: thread.filter(|_| !topic_gone),
                to,
                notice,
            },
            None => Effect::NoteInTeamChat { notice },
        });
        Ok(())
    }
}
