//! Tickets ("atendimentos"): numbered episodes in a customer's thread, with status and priority.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Member, Origin, TicketFacts, Timestamp, UserId};

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

/// Where a ticket stands, derived from the conversation: who has to act next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TicketStage {
    /// Open, and the team has not replied yet.
    New,
    /// Open, and the customer spoke last.
    WaitingForUs,
    /// Open, and the team spoke last.
    WaitingForCustomer,
    /// Closed.
    Closed,
}

impl TicketStage {
    /// Whether the team has to act next.
    pub fn waits_for_team(self) -> bool {
        matches!(self, TicketStage::New | TicketStage::WaitingForUs)
    }
}

/// Who opened a ticket.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum OpenedBy {
    /// The customer, by writing to the bot.
    #[default]
    Customer,
    /// The team: `/new`, or a comment to a customer whose ticket was closed.
    Team {
        /// The team member's display name, when they have one.
        name: Option<String>,
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
    /// The deep-link origins the customer came through while it was open, in order, each once
    /// (at most [`Ticket::MAX_ORIGINS`]).
    pub origins: Vec<Origin>,
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
    /// Who opened it.
    pub opened_by: OpenedBy,
    /// Whether the customer sent a message (other than `/start`) while it was open: a ticket
    /// opened by a bare `/start` and left empty closes automatically.
    pub customer_wrote: bool,
    /// The team member in charge, if one was assigned.
    pub assignee: Option<Member>,
    /// When the team first replied in this ticket (`None`: the ticket is new).
    pub team_replied_at: Option<Timestamp>,
    /// Since when the ticket waits in its current stage (for us, or for the customer).
    pub waiting_since: Timestamp,
    /// When the assignee was last told that the customer wrote.
    pub assignee_pinged_at: Option<Timestamp>,
    /// How it went, for statistics.
    pub facts: TicketFacts,
}

impl Ticket {
    /// The most origins a ticket keeps (the card shows them all).
    pub const MAX_ORIGINS: usize = 16;

    /// A freshly opened ticket.
    pub fn open(
        customer: UserId,
        number: TicketNumber,
        now: Timestamp,
        origin: Option<Origin>,
        opened_by: OpenedBy,
    ) -> Ticket {
        Ticket {
            customer,
            number,
            opened_at: now,
            origins: origin.into_iter().collect(),
            priority: Priority::NORMAL,
            status: TicketStatus::Open,
            last_activity: now,
            awaiting_customer: false,
            tags: Vec::new(),
            opened_by,
            customer_wrote: false,
            assignee: None,
            team_replied_at: None,
            waiting_since: now,
            assignee_pinged_at: None,
            facts: TicketFacts::default(),
        }
    }

    /// Where the ticket stands.
    pub fn stage(&self) -> TicketStage {
        if !self.is_open() {
            TicketStage::Closed
        } else if self.team_replied_at.is_none() {
            TicketStage::New
        } else if self.awaiting_customer {
            TicketStage::WaitingForCustomer
        } else {
            TicketStage::WaitingForUs
        }
    }

    /// Records a message relayed at `now` (from the team when `from_team`): the ticket's
    /// activity, who is waiting, and since when. Returns whether its stage changed.
    pub fn record_message(&mut self, from_team: bool, now: Timestamp) -> bool {
        let before = self.stage();
        if from_team && self.team_replied_at.is_none() {
            self.team_replied_at = Some(now);
        }
        if from_team != self.awaiting_customer {
            self.waiting_since = now;
        }
        self.awaiting_customer = from_team;
        self.last_activity = now;
        self.stage() != before
    }

    /// Sets the priority at `now`, remembering the change; `false` when it was that already.
    pub fn set_priority(&mut self, priority: Priority, now: Timestamp) -> bool {
        if self.priority == priority {
            return false;
        }
        self.priority = priority;
        self.facts.priority_changed(now, priority);
        true
    }

    /// How long the team took to reply first, in milliseconds.
    pub fn first_response_ms(&self) -> Option<i64> {
        Some(self.facts.first_reply()?.at.0 - self.opened_at.0)
    }

    /// When it closed.
    pub fn closed_at(&self) -> Option<Timestamp> {
        match self.status {
            TicketStatus::Closed { at, .. } => Some(at),
            TicketStatus::Open => None,
        }
    }

    /// Whether the ticket is open.
    pub fn is_open(&self) -> bool {
        matches!(self.status, TicketStatus::Open)
    }

    /// Records an origin the customer came back through; `false` when it is known already or
    /// the ticket holds [`Ticket::MAX_ORIGINS`].
    pub fn add_origin(&mut self, origin: Origin) -> bool {
        if self.origins.contains(&origin) || self.origins.len() >= Self::MAX_ORIGINS {
            return false;
        }
        self.origins.push(origin);
        true
    }

    /// The origins as text, in order.
    pub fn origin_names(&self) -> Vec<String> {
        self.origins.iter().map(ToString::to_string).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ticket_keeps_each_origin_once_in_order_and_a_bounded_number_of_them() {
        let origin = |name: &str| Origin::parse(name).unwrap();
        let mut ticket = Ticket::open(
            UserId(1),
            TicketNumber(1),
            Timestamp(0),
            Some(origin("promo1")),
            OpenedBy::Customer,
        );
        assert!(ticket.add_origin(origin("promo2")));
        assert!(!ticket.add_origin(origin("promo1")));
        assert_eq!(ticket.origin_names(), ["promo1", "promo2"]);
        for n in 0..100 {
            ticket.add_origin(origin(&format!("link{n}")));
        }
        assert_eq!(ticket.origins.len(), Ticket::MAX_ORIGINS);
        assert_eq!(ticket.origin_names()[..2], ["promo1", "promo2"]);
    }
}
