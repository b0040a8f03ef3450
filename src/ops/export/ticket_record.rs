//! One ticket as exported, with the facts `/stats` counts (when and by whom it was opened, first
//! answered and closed, replies, the customer's messages, reopening, tags at closing, rating),
//! so a spreadsheet can redo every figure. Never a message's text.

use serde::Serialize;

use super::iso;
use crate::domain::{OpenedBy, Ticket, TicketStatus};

/// The ticket columns of a CSV ticket export, after the customer's.
pub(super) const TICKET_COLUMNS: [&str; 19] = [
    "ticket",
    "origin",
    "status",
    "priority",
    "opened_at",
    "closed_at",
    "closed_by",
    "tags",
    "opened_by",
    "first_reply_at",
    "first_reply_by",
    "first_response_seconds",
    "resolution_seconds",
    "team_replies",
    "customer_messages",
    "closed_automatically",
    "reopened_at",
    "tags_at_close",
    "rating",
];

/// One ticket, as exported.
#[derive(Debug, Serialize)]
pub(super) struct TicketRecord {
    number: u32,
    /// The first deep-link origin (where the ticket came from).
    origin: Option<String>,
    /// Every origin the customer came through while it was open, in order.
    origins: Vec<String>,
    status: &'static str,
    priority: u8,
    opened_at: String,
    closed_at: Option<String>,
    closed_by: Option<String>,
    /// The customer's tags (tags belong to the customer and outlive tickets).
    tags: Vec<String>,
    /// `customer`, or `team` (`/new`, or a comment after a closing).
    opened_by: &'static str,
    first_reply_at: Option<String>,
    first_reply_by: Option<String>,
    /// From opening to the first team reply, in whole seconds (all hours).
    first_response_seconds: Option<i64>,
    /// From opening to closing, in whole seconds (all hours).
    resolution_seconds: Option<i64>,
    team_replies: u32,
    customer_messages: u32,
    /// Closed by the automatic close rather than by a team member.
    closed_automatically: bool,
    /// When the customer came back within a day of a closing, reopening it.
    reopened_at: Option<String>,
    tags_at_close: Vec<String>,
    /// The customer's 1-5 rating.
    rating: Option<u8>,
}

impl TicketRecord {
    /// The ticket with the customer's current `tags`.
    pub(super) fn of(ticket: &Ticket, tags: &[String]) -> TicketRecord {
        let (status, closed, closed_by) = match &ticket.status {
            TicketStatus::Open => ("open", None, None),
            TicketStatus::Closed { at, by, .. } => ("closed", Some(*at), by.clone()),
        };
        let facts = &ticket.facts;
        let first = facts.first_reply();
        let seconds = |to: crate::domain::Timestamp| (to.0 - ticket.opened_at.0) / 1000;
        TicketRecord {
            number: ticket.number.0,
            origin: ticket.origins.first().map(ToString::to_string),
            origins: ticket.origin_names(),
            status,
            priority: ticket.priority.0,
            opened_at: iso(ticket.opened_at),
            closed_at: closed.map(iso),
            closed_automatically: closed.is_some() && closed_by.is_none(),
            closed_by,
            tags: tags.to_vec(),
            opened_by: match ticket.opened_by {
                OpenedBy::Customer => "customer",
                OpenedBy::Team { .. } => "team",
            },
            first_reply_at: first.map(|reply| iso(reply.at)),
            first_reply_by: first.and_then(|reply| reply.by.as_ref().map(|m| m.name.clone())),
            first_response_seconds: first.map(|reply| seconds(reply.at)),
            resolution_seconds: closed.map(seconds),
            team_replies: facts.reply_count(),
            customer_messages: facts.customer_messages,
            reopened_at: facts.reopened_at.map(iso),
            tags_at_close: facts.tags_at_close.clone(),
            rating: facts.rating.map(|rating| rating.score),
        }
    }

    /// The ticket's CSV cells, in [`TICKET_COLUMNS`] order (lists joined with `;`).
    pub(super) fn csv_cells(&self) -> Vec<String> {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        let number = |value: Option<i64>| value.map(|v| v.to_string()).unwrap_or_default();
        vec![
            self.number.to_string(),
            self.origins.join(";"),
            self.status.to_owned(),
            self.priority.to_string(),
            self.opened_at.clone(),
            text(&self.closed_at),
            text(&self.closed_by),
            self.tags.join(";"),
            self.opened_by.to_owned(),
            text(&self.first_reply_at),
            text(&self.first_reply_by),
            number(self.first_response_seconds),
            number(self.resolution_seconds),
            self.team_replies.to_string(),
            self.customer_messages.to_string(),
            self.closed_automatically.to_string(),
            text(&self.reopened_at),
            self.tags_at_close.join(";"),
            self.rating.map(|r| r.to_string()).unwrap_or_default(),
        ]
    }
}
