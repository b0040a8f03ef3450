//! The pipeline that makes sure nothing is lost:
//! Telegram -> [`inbox`] (stored before confirmed) -> [`processor`] (desk in a transaction) ->
//! [`outbox`] (one FIFO lane per conversation) -> [`sender`] (rate limited by [`limiter`]) ->
//! Telegram, with [`timers`] feeding due reminders back into the inbox, and [`held`] keeping,
//! in order, the team-chat updates that wait for a membership check; [`health`] lists what
//! operators must fix.
//!
//! - [`clock`]: the one place that reads wall-clock time for the desk.
//! - [`erasure`]: a customer's queued effects and timers erased with them; `threadesk forget`.
//! - [`health`]: the problems operators must fix, as `/healthz` lists them.
//! - [`held`]: team-chat updates waiting, in order, for a membership check.
//! - [`housekeeping`]: sealing keys nothing needs destroyed, old redelivery marks forgotten.
//! - [`inbox`]: updates and internal events, stored before they are confirmed.
//! - [`integrations`]: API answers, deliveries and audit lines, and the webhook queue, stored.
//! - [`limiter`]: rate limits per destination chat and overall.
//! - [`metrics`]: counters and histograms in Prometheus' text format.
//! - [`outbox`]: effects waiting to be sent, one FIFO lane per conversation and destination.
//! - [`processor`]: the desk run on inbox entries, committed in one transaction per batch.
//! - [`pseudonyms`]: open cards redrawn when `hide_customer_info` changed since the last start.
//! - [`recipients`]: a broadcast's recipients: its segment less the excluded, in id order.
//! - [`sender`]: one worker per busy lane, within the limits, retrying what can be retried.
//! - [`timers`]: stored reminders that come back through the inbox when due.
//! - [`upstream`]: updates kept for the existing bot behind the Bot API proxy until it confirms
//!   them, and its webhook.
//! - [`webhooks`]: the outgoing webhooks' durable queue, signed deliveries and retries.
//! - [`workspace`]: the workspace a data directory belongs to, and the one in use.

pub mod clock;
pub mod erasure;
pub mod health;
pub mod held;
pub mod housekeeping;
pub mod inbox;
pub mod integrations;
pub mod limiter;
pub mod metrics;
pub mod outbox;
pub mod processor;
pub mod pseudonyms;
pub mod recipients;
pub mod sender;
pub mod timers;
pub mod upstream;
pub mod webhooks;
pub mod workspace;
