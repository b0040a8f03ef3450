//! Tickets ("atendimentos"): numbered episodes in a customer's thread, with status and priority.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Origin, Timestamp, UserId};

/// A ticket's number within its customer's thread, counted from 1.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct TicketNumber(pub u32);

impl fmt::Display for TicketNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// How urgent a ticket is. Invisible to the customer; shown as the card's colour.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Priority(pub u8);

impl Priority {
    /// The highest level; levels run from 0 (low) to this.
    pub const MAX: u8 = 3;
    /// The level of a new ticket.
    pub const NORMAL: Priority = Priority(1);

    /// A level from its number, when it is in range.
    pub fn from_level(level: u8) -> Option<Priority> {
        (level <= Self::MAX).then_some(Priority(level))
    }
}

/// Whether a ticket is being worked on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TicketStatus {
    /// Open: the card is pinned and coloured by priority.
    Open,
    /// Closed with `/fim` or automatically.
    Closed {
        /// When it was closed.
        at: Timestamp,
        /// Who closed it (display name), or `None` when it closed automatically.
        by: Option<String>,
        /// The closing note, if one was given.
        note: Option<String>,
    },
}

/// One ticket of one customer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ticket {
    /// The customer the ticket belongs to.
    pub customer: UserId,
    /// Its number in the customer's thread.
    pub number: TicketNumber,
    /// When it was opened.
    pub opened_at: Timestamp,
    /// The deep-link origin the customer arrived with, if any.
    pub origin: Option<Origin>,
    /// Its priority.
    pub priority: Priority,
    /// Open or closed.
    pub status: TicketStatus,
    /// When the last message in either direction was relayed.
    pub last_activity: Timestamp,
    /// Whether the last relayed message came from the team (for automatic closing).
    pub awaiting_customer: bool,
    /// Labels the team attached.
    pub tags: Vec<String>,
}

impl Ticket {
    /// A freshly opened ticket.
    pub fn open(
        customer: UserId,
        number: TicketNumber,
        now: Timestamp,
        origin: Option<Origin>,
    ) -> Ticket {
        Ticket {
            customer,
            number,
            opened_at: now,
            origin,
            priority: Priority::NORMAL,
            status: TicketStatus::Open,
            last_activity: now,
            awaiting_customer: false,
            tags: Vec::new(),
        }
    }

    /// Whether the ticket is open.
    pub fn is_open(&self) -> bool {
        matches!(self.status, TicketStatus::Open)
    }
}
