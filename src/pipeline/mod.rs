//! The pipeline that makes sure nothing is lost:
//! Telegram -> [`inbox`] (stored before confirmed) -> [`processor`] (desk in a transaction) ->
//! [`outbox`] (one FIFO lane per conversation) -> [`sender`] (rate limited by [`limiter`]) ->
//! Telegram, with [`timers`] feeding due reminders back into the inbox, and [`held`] keeping,
//! in order, the team-chat updates that wait for a membership check; [`health`] lists what
//! operators must fix.

pub mod clock;
pub mod health;
pub mod held;
pub mod inbox;
pub mod limiter;
pub mod metrics;
pub mod outbox;
pub mod processor;
pub mod sender;
pub mod timers;
pub mod workspace;
