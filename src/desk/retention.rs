//! Retention (`retention_days`): a stored timer runs a pass daily (or as often as a shorter
//! retention) that deletes closed tickets closed longer ago than the retention, with their
//! facts, and erases customers left with no ticket and no activity for as long (through
//! [`DeskState::forget_customer`], as `/forget` does). Which ones go is the rule of
//! [`History::verdict`](crate::domain::History::verdict): nothing open is ever touched. Nothing
//! is sent to anyone: the threads stay in Telegram as they are.

use std::time::Duration;

use super::{DeskState, StateResult, Timer, Turn};
use crate::domain::{Timestamp, retention_interval};

/// The most customers one pass erases; a pass with more to do goes on at once in another
/// event, so no transaction grows without bound.
pub const MAX_FORGOTTEN_PER_PASS: usize = 100;
/// The most tickets one pass deletes from customers who stay (a pass goes on as above).
pub const MAX_TICKETS_PER_PASS: usize = 5_000;

/// What one pass pruned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pruned {
    /// Closed tickets deleted from customers who stay.
    pub tickets: u32,
    /// Customers erased, with every ticket of theirs.
    pub customers: u32,
    /// Tickets erased with those customers.
    pub their_tickets: u32,
}

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// The retention pass is due: prunes what is older than the retention and sets the next
    /// pass. With retention off the timer ends here.
    pub(super) fn on_retention_due(&mut self, due: Timestamp) -> StateResult<()> {
        let Some(retention) = self.settings.retention else {
            return Ok(());
        };
        let (pruned, more) = self.prune(retention)?;
        let next = match more {
            true => self.now,
            false => self.now.max(due).plus(retention_interval(retention)),
        };
        self.set_timer(next, Timer::Retention { due: next });
        tracing::info!(
            tickets = pruned.tickets + pruned.their_tickets,
            customers = pruned.customers,
            more,
            "retention pass: pruned {} closed ticket(s) and {} customer(s)",
            pruned.tickets + pruned.their_tickets,
            pruned.customers,
        );
        Ok(())
    }

    /// Prunes what closed (or was last active) longer than `retention` ago, up to the limits
    /// of one pass; whether more is left for another pass.
    fn prune(&mut self, retention: Duration) -> StateResult<(Pruned, bool)> {
        let millis = i64::try_from(retention.as_millis()).unwrap_or(i64::MAX);
        let cutoff = Timestamp(self.now.0.saturating_sub(millis));
        let mut pruned = Pruned::default();
        for history in self.state.histories()? {
            let verdict = history.verdict(cutoff);
            let full = match verdict.forget {
                true => pruned.customers as usize >= MAX_FORGOTTEN_PER_PASS,
                false => pruned.tickets as usize + verdict.tickets.len() > MAX_TICKETS_PER_PASS,
            };
            // Something is always pruned, however much one customer holds.
            if full && pruned != Pruned::default() {
                return Ok((pruned, true));
            }
            if verdict.forget {
                if let Some(erasure) = self.state.forget_customer(history.customer)? {
                    pruned.customers += 1;
                    pruned.their_tickets += erasure.tickets;
                }
            }
            for number in verdict.tickets {
                if self.state.prune_ticket(history.customer, number)? {
                    pruned.tickets += 1;
                }
            }
        }
        Ok((pruned, false))
    }
}
