//! One call of [`Desk::handle`](super::Desk::handle) in progress, and what it produced
//! ([`Output`]).

use super::{DeskSettings, DeskState, Effect, Timer};
use crate::domain::Timestamp;

/// What handling one event produced.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Output {
    /// Effects to carry out, in order.
    pub effects: Vec<Effect>,
    /// Timers to set: when, and the event to deliver then.
    pub timers: Vec<(Timestamp, Timer)>,
    /// Records for the integrations (API answers, audit lines, webhook events), stored with
    /// the state change.
    pub integrations: Vec<super::Integration>,
    /// What erasing a customer removed, when the event asked for it
    /// ([`Event::ForgetCustomer`](super::Event::ForgetCustomer)).
    pub forgotten: Option<super::Erasure>,
    /// Administrators' notifications not sent because the administrator has not started the
    /// bot (counted in `/metrics`).
    pub admin_notices_skipped: u32,
}

/// One call of [`Desk::handle`]: the state, the instant, and what has been decided so far.
pub(super) struct Turn<'a, S: DeskState + ?Sized> {
    pub(super) settings: &'a DeskSettings,
    pub(super) state: &'a mut S,
    pub(super) now: Timestamp,
    pub(super) output: Output,
}

impl<S: DeskState + ?Sized> Turn<'_, S> {
    pub(super) fn emit(&mut self, effect: Effect) {
        self.output.effects.push(effect);
    }

    pub(super) fn set_timer(&mut self, at: Timestamp, timer: Timer) {
        self.output.timers.push((at, timer));
    }
}
