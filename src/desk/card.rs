//! What a customer's card shows, assembled from the customer and their current ticket.

use serde::{Deserialize, Serialize};

use super::DeskSettings;
use crate::domain::{
    Customer, Priority, Reachability, Ticket, TicketNumber, TicketStatus, Timestamp, UserId,
};

/// Everything the card in the channel displays. Rendering (language, markup) happens at the edge.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardView {
    /// The customer's account id (the card links to it).
    pub customer: UserId,
    /// Full name.
    pub name: String,
    /// `@username` without the `@`.
    pub username: Option<String>,
    /// The customer's app language.
    pub language: Option<String>,
    /// The current ticket's number.
    pub ticket: TicketNumber,
    /// The deep-link origins the customer came through during the current ticket, in order.
    /// (Encoded like the single `Option<String>` origin of earlier builds when it holds at most
    /// one, so cards queued by them still decode.)
    pub origins: Vec<String>,
    /// When the current ticket opened.
    pub opened_at: Timestamp,
    /// The colour marker: the priority's colour while open, the closed colour once closed.
    pub marker: String,
    /// The current ticket's priority.
    pub priority: Priority,
    /// Open or closed, with who closed it and when.
    pub status: TicketStatus,
    /// Set while the customer is banned: how many of their messages were muted.
    pub muted: Option<u32>,
    /// Whether the customer can be reached.
    pub reachability: Reachability,
}

impl CardView {
    /// The card for a customer and their current ticket.
    pub fn new(customer: &Customer, ticket: &Ticket, settings: &DeskSettings) -> CardView {
        let marker = match ticket.status {
            TicketStatus::Open => settings.priority_marker(ticket.priority).to_owned(),
            TicketStatus::Closed { .. } => settings.closed_marker.clone(),
        };
        CardView {
            customer: customer.id,
            name: customer.full_name(),
            username: customer.username.clone(),
            language: customer.language.clone(),
            ticket: ticket.number,
            origins: ticket.origin_names(),
            opened_at: ticket.opened_at,
            marker,
            priority: ticket.priority,
            status: ticket.status.clone(),
            muted: customer.ban.as_ref().map(|ban| ban.muted_messages),
            reachability: customer.reachability,
        }
    }
}
