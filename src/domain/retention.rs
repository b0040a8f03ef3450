//! Retention (`retention_days`): which closed tickets and which customers are old enough to
//! prune. A ticket goes once it has been closed for longer than the retention; a customer goes
//! with everything stored about them once no ticket of theirs is left and they have not been
//! active for that long. Open tickets, customers with an open ticket and banned customers are
//! never touched, and a customer who stays keeps their last ticket, so ticket numbers go on
//! from it and are never reused.

use std::time::Duration;

use super::{Customer, Ticket, TicketNumber, Timestamp, UserId};

/// How often the pass runs: daily, or as often as the retention when it is shorter.
pub fn retention_interval(retention: Duration) -> Duration {
    retention.min(Duration::from_secs(24 * 3600))
}

/// What the pass reads of a ticket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TicketAge {
    /// Its number.
    pub number: TicketNumber,
    /// When it was closed (`None`: open).
    pub closed_at: Option<Timestamp>,
    /// When it was opened or last saw a message, whichever is later.
    pub last_activity: Timestamp,
}

impl TicketAge {
    /// What the pass needs of `ticket`.
    pub fn of(ticket: &Ticket) -> TicketAge {
        TicketAge {
            number: ticket.number,
            closed_at: ticket.closed_at(),
            last_activity: ticket.last_activity.max(ticket.opened_at),
        }
    }
}

/// What the pass reads of a customer's record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Standing {
    /// When they first wrote (or were imported).
    pub first_seen: Timestamp,
    /// Their current (or last) ticket's number.
    pub current: TicketNumber,
    /// Whether a ban is in force.
    pub banned: bool,
}

impl Standing {
    /// What the pass needs of `customer`.
    pub fn of(customer: &Customer) -> Standing {
        Standing {
            first_seen: customer.first_seen,
            current: customer.ticket,
            banned: customer.ban.is_some(),
        }
    }
}

/// A customer's history as the pass reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct History {
    /// The customer.
    pub customer: UserId,
    /// Their record (`None`: only tickets are stored).
    pub standing: Option<Standing>,
    /// Their tickets.
    pub tickets: Vec<TicketAge>,
}

/// What the pass removes of one customer's history.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Verdict {
    /// The tickets to delete (with their facts), when the customer stays.
    pub tickets: Vec<TicketNumber>,
    /// Whether the customer goes, with everything stored about them.
    pub forget: bool,
}

impl History {
    /// Whether this history was last active before `cutoff`: its record's first sight and
    /// every ticket's opening, last message and closing.
    fn idle_since_before(&self, cutoff: Timestamp) -> bool {
        let first_seen = self.standing.map(|standing| standing.first_seen);
        let latest = self
            .tickets
            .iter()
            .flat_map(|ticket| [Some(ticket.last_activity), ticket.closed_at])
            .chain([first_seen])
            .flatten()
            .max();
        latest.is_none_or(|latest| latest < cutoff)
    }

    /// What goes, for a pass that prunes what closed (or was last active) before `cutoff`.
    pub fn verdict(&self, cutoff: Timestamp) -> Verdict {
        let expired =
            |ticket: &TicketAge| ticket.closed_at.is_some_and(|closed_at| closed_at < cutoff);
        if self.tickets.iter().any(|ticket| ticket.closed_at.is_none()) {
            // An open ticket: nothing of this customer is touched.
            return Verdict::default();
        }
        let banned = self.standing.is_some_and(|standing| standing.banned);
        let all_expired = self.tickets.iter().all(expired);
        if all_expired && !banned && self.idle_since_before(cutoff) && self.standing.is_some() {
            return Verdict {
                tickets: Vec::new(),
                forget: true,
            };
        }
        let current = self.standing.map(|standing| standing.current);
        Verdict {
            tickets: self
                .tickets
                .iter()
                .filter(|ticket| expired(ticket) && Some(ticket.number) != current)
                .map(|ticket| ticket.number)
                .collect(),
            forget: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CUTOFF: Timestamp = Timestamp(1_000);

    fn closed(number: u32, at: i64) -> TicketAge {
        TicketAge {
            number: TicketNumber(number),
            closed_at: Some(Timestamp(at)),
            last_activity: Timestamp(at - 10),
        }
    }

    fn open(number: u32, last_activity: i64) -> TicketAge {
        TicketAge {
            number: TicketNumber(number),
            closed_at: None,
            last_activity: Timestamp(last_activity),
        }
    }

    fn history(current: u32, first_seen: i64, tickets: Vec<TicketAge>) -> History {
        History {
            customer: UserId(7),
            standing: Some(Standing {
                first_seen: Timestamp(first_seen),
                current: TicketNumber(current),
                banned: false,
            }),
            tickets,
        }
    }

    #[test]
    fn a_customer_whose_only_ticket_closed_before_the_cutoff_goes_entirely() {
        let verdict = history(1, 0, vec![closed(1, 999)]).verdict(CUTOFF);
        assert_eq!(
            verdict,
            Verdict {
                tickets: vec![],
                forget: true
            }
        );
    }

    #[test]
    fn a_ticket_closed_exactly_at_the_cutoff_is_kept() {
        let verdict = history(1, 0, vec![closed(1, 1_000)]).verdict(CUTOFF);
        assert_eq!(verdict, Verdict::default());
    }

    #[test]
    fn an_open_ticket_protects_the_customer_and_every_ticket_of_theirs() {
        let verdict = history(3, 0, vec![closed(1, 5), closed(2, 6), open(3, 7)]).verdict(CUTOFF);
        assert_eq!(verdict, Verdict::default());
    }

    #[test]
    fn old_tickets_go_and_the_customer_stays_while_a_newer_ticket_is_left() {
        let verdict =
            history(3, 0, vec![closed(1, 5), closed(2, 999), closed(3, 2_000)]).verdict(CUTOFF);
        assert_eq!(
            verdict,
            Verdict {
                tickets: vec![TicketNumber(1), TicketNumber(2)],
                forget: false
            }
        );
    }

    #[test]
    fn a_staying_customer_keeps_their_last_ticket_so_numbers_go_on_from_it() {
        // Banned: the customer stays, and so does ticket 2, however old.
        let mut banned = history(2, 0, vec![closed(1, 5), closed(2, 6)]);
        if let Some(standing) = banned.standing.as_mut() {
            standing.banned = true;
        }
        assert_eq!(
            banned.verdict(CUTOFF),
            Verdict {
                tickets: vec![TicketNumber(1)],
                forget: false
            }
        );
    }

    #[test]
    fn a_customer_without_tickets_goes_only_once_idle_for_the_whole_retention() {
        let imported_long_ago = history(0, 999, vec![]);
        assert!(imported_long_ago.verdict(CUTOFF).forget);
        let imported_lately = history(0, 1_000, vec![]);
        assert_eq!(imported_lately.verdict(CUTOFF), Verdict::default());
    }

    #[test]
    fn activity_after_the_cutoff_keeps_a_customer_whose_tickets_all_expired() {
        // First seen after the cutoff (a record written again since), tickets old.
        let verdict = history(2, 1_500, vec![closed(1, 5), closed(2, 6)]).verdict(CUTOFF);
        assert_eq!(
            verdict,
            Verdict {
                tickets: vec![TicketNumber(1)],
                forget: false
            }
        );
    }

    #[test]
    fn tickets_without_a_customer_record_go_once_closed_before_the_cutoff() {
        let orphan = History {
            customer: UserId(8),
            standing: None,
            tickets: vec![closed(1, 5)],
        };
        assert_eq!(
            orphan.verdict(CUTOFF),
            Verdict {
                tickets: vec![TicketNumber(1)],
                forget: false
            }
        );
        let recent = History {
            tickets: vec![closed(1, 5), closed(2, 1_200)],
            ..orphan
        };
        assert_eq!(
            recent.verdict(CUTOFF),
            Verdict {
                tickets: vec![TicketNumber(1)],
                forget: false
            }
        );
    }

    #[test]
    fn the_pass_runs_daily_or_as_often_as_a_shorter_retention() {
        let day = Duration::from_secs(86_400);
        assert_eq!(retention_interval(day * 30), day);
        assert_eq!(
            retention_interval(Duration::from_secs(5)),
            Duration::from_secs(5)
        );
    }
}
