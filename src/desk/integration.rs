//! What integrations learn from the desk: answers to API requests, the audit log of API writes,
//! and the events outgoing webhooks deliver ([`Integration`]).
//!
//! The desk returns them in [`Output::integrations`](super::Output) and the pipeline stores them
//! in the same transaction as the state change that produced them, so an answer is never given
//! for a change that was not kept, and a webhook event is never lost or invented.

use serde::{Deserialize, Serialize};

use super::api::{ApiAction, ApiAnswer};
use super::{DeskState, Turn};
use crate::domain::{TicketNumber, Timestamp, UserId};

/// One record for the integrations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Integration {
    /// The answer to an API request.
    Answer {
        /// The request's id.
        request: u64,
        /// What happened.
        answer: ApiAnswer,
    },
    /// A line of the audit log of API writes.
    Audit(AuditEntry),
    /// An event for the outgoing webhooks.
    Webhook(WebhookEvent),
    /// A message sent through the API failed for good.
    DeliveryFailed {
        /// The delivery (the request's id).
        delivery: u64,
        /// Why, in words.
        reason: String,
    },
}

/// Who wrote what through the API, and what came of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// The request's id.
    pub request: u64,
    /// The name of the token used.
    pub token: String,
    /// When the desk handled it.
    pub at: Timestamp,
    /// The customer it concerned.
    pub customer: UserId,
    /// What was asked.
    pub action: ApiAction,
    /// The answer's stable code (`ok`, `queued`, or the refusal's code).
    pub outcome: String,
}

/// What happened, for a webhook.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WebhookKind {
    /// A ticket opened.
    TicketOpened,
    /// A ticket closed.
    TicketClosed,
    /// A customer's message reached the desk.
    CustomerMessage,
    /// The team (or an API caller) sent the customer a message.
    TeamMessage,
    /// A customer rated a ticket.
    Rating,
}

impl WebhookKind {
    /// Every kind.
    pub const ALL: [WebhookKind; 5] = [
        WebhookKind::TicketOpened,
        WebhookKind::TicketClosed,
        WebhookKind::CustomerMessage,
        WebhookKind::TeamMessage,
        WebhookKind::Rating,
    ];

    /// The name subscriptions use (`ticket.opened`, ...).
    pub fn name(self) -> &'static str {
        match self {
            WebhookKind::TicketOpened => "ticket.opened",
            WebhookKind::TicketClosed => "ticket.closed",
            WebhookKind::CustomerMessage => "message.customer",
            WebhookKind::TeamMessage => "message.team",
            WebhookKind::Rating => "rating",
        }
    }

    /// The kind with this name.
    pub fn from_name(name: &str) -> Option<WebhookKind> {
        Self::ALL.into_iter().find(|kind| kind.name() == name)
    }
}

/// An event for the outgoing webhooks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WebhookEvent {
    /// What happened.
    pub kind: WebhookKind,
    /// The customer.
    pub customer: UserId,
    /// The ticket, when the event concerns one.
    pub ticket: Option<TicketNumber>,
    /// When.
    pub at: Timestamp,
    /// The message's text or caption, for messages.
    pub text: Option<String>,
    /// Who did it (a team member's name, `API: <token>`), when known.
    pub by: Option<String>,
}

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// Records something for the integrations.
    pub(super) fn integrate(&mut self, record: Integration) {
        self.output.integrations.push(record);
    }

    /// Records an event for the outgoing webhooks.
    pub(super) fn webhook(
        &mut self,
        kind: WebhookKind,
        customer: UserId,
        ticket: Option<TicketNumber>,
        text: Option<String>,
        by: Option<String>,
    ) {
        let event = WebhookEvent {
            kind,
            customer,
            ticket,
            at: self.now,
            text,
            by,
        };
        self.integrate(Integration::Webhook(event));
    }
}
