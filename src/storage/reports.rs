//! Reading every ticket for a report, one at a time, so a large desk is tallied without
//! holding it in memory.

use super::codec;
use super::{StorageError, Store, TreeName};
use crate::domain::Ticket;
use crate::stats::{Figures, ReportScope, Tally};

/// The figures of `scope`, from every stored ticket. A ticket that cannot be read is left out
/// and logged.
pub fn report_figures(store: &Store, scope: ReportScope) -> Result<Figures, StorageError> {
    let mut tally = Tally::new(scope);
    let mut unreadable = 0u64;
    for entry in store.iter(TreeName::Tickets) {
        let (_, value) = entry?;
        match codec::decode::<Ticket>(&value) {
            Ok(ticket) => tally.add(&ticket),
            Err(error) => {
                unreadable += 1;
                tracing::warn!(%error, "a ticket could not be read for a report");
            }
        }
    }
    if unreadable > 0 {
        tracing::warn!(unreadable, "tickets left out of a report");
    }
    Ok(tally.finish())
}
