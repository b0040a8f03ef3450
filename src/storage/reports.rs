//! Reading every ticket for a report, one at a time, so a large desk is tallied without
//! holding it in memory. The tickets are read in two halves of the key space on two threads
//! (a small VPS has two cores more often than one), whose tallies merge.

use super::codec;
use super::{StorageError, Store, TreeName};
use crate::domain::Ticket;
use crate::stats::{Figures, ReportScope, Tally};

/// The figures of `scope`, from every stored ticket. A ticket that cannot be read is left out
/// and logged.
pub fn report_figures(store: &Store, scope: ReportScope) -> Result<Figures, StorageError> {
    let split = middle_key(store)?;
    let (first, second) = std::thread::scope(|threads| {
        let first_half = scope.clone();
        let first = threads.spawn(|| tally(store, first_half, Vec::new(), split.clone()));
        let second = match &split {
            Some(split) => tally(store, scope, split.clone(), None),
            None => Ok((Tally::new(scope), 0)),
        };
        (first.join(), second)
    });
    let (mut tallied, mut unreadable) = match first {
        Ok(result) => result?,
        Err(_) => {
            let stopped = crate::desk::StateError("a report's reader stopped".into());
            return Err(StorageError::State(stopped));
        }
    };
    let (second, more_unreadable) = second?;
    tallied.merge(second);
    unreadable += more_unreadable;
    if unreadable > 0 {
        tracing::warn!(unreadable, "tickets left out of a report");
    }
    Ok(tallied.finish())
}

/// A key halfway between the first and the last ticket's (by the customer id they start with),
/// or `None` when there is nothing to split.
fn middle_key(store: &Store) -> Result<Option<Vec<u8>>, StorageError> {
    let prefix = |key: &[u8]| -> u64 {
        let mut bytes = [0u8; 8];
        let len = key.len().min(8);
        bytes[..len].copy_from_slice(&key[..len]);
        u64::from_be_bytes(bytes)
    };
    let (Some((first, _)), Some((last, _))) = (
        store.first(TreeName::Tickets)?,
        store.last(TreeName::Tickets)?,
    ) else {
        return Ok(None);
    };
    let (low, high) = (prefix(&first), prefix(&last));
    if high <= low.saturating_add(1) {
        return Ok(None);
    }
    Ok(Some((low + (high - low) / 2).to_be_bytes().to_vec()))
}

/// Tallies the tickets with keys from `from` up to (not including) `to`; also how many could
/// not be read.
fn tally(
    store: &Store,
    scope: ReportScope,
    from: Vec<u8>,
    to: Option<Vec<u8>>,
) -> Result<(Tally, u64), StorageError> {
    let mut tally = Tally::new(scope);
    let mut unreadable = 0u64;
    for entry in store.range_from(TreeName::Tickets, &from) {
        let (key, value) = entry?;
        if to.as_ref().is_some_and(|to| key >= *to) {
            break;
        }
        match codec::decode::<Ticket>(&value) {
            Ok(ticket) => tally.add(&ticket),
            Err(error) => {
                unreadable += 1;
                tracing::warn!(%error, "a ticket could not be read for a report");
            }
        }
    }
    Ok((tally, unreadable))
}
