//! threadesk: a self-hosted helpdesk that lives inside Telegram.
//!
//! Customers write to one bot in a private chat; the team works in Telegram itself. In the
//! channel layout each customer has a card (a post in a private channel) whose comment thread in
//! the linked discussion group holds the customer's whole history, and team comments there
//! reach the customer as the bot.
//!
//! The flow is one-way: Telegram -> inbox -> desk -> effects -> outbox -> Telegram.
//!
//! Architecture map (one sentence per module):
//! - [`domain`]: customers, tickets, priorities, origins, messages, the workspace layout and
//!   the rates settings write, as pure types.
//! - [`desk`]: the helpdesk rules, a pure function from (state, event, now) to effects.
//! - [`storage`]: sled trees, keys and the versioned record codec.
//! - [`pipeline`]: the durable inbox, the processor, the updates waiting for a membership check,
//!   the outbox lanes, rate limits, timers and the problems reported to operators.
//! - [`telegram`]: the Bot API adapter (polling, update translation, effect execution, checks).
//! - [`i18n`]: Fluent locales and the rendering of cards and of notices (grouped by audience).
//! - [`config`]: settings from a TOML file and `THREADESK_*` variables, validated once (raw
//!   sources, resolution by group of settings, value readers).
//! - [`telemetry`]: logging setup.
//! - [`app`]: wiring and lifecycle of a running bot.
//! - [`ops`]: backups, exports, the control socket, health and metrics.
//! - [`proxy`]: the Bot API proxy an existing bot talks to: its calls forwarded to Telegram,
//!   its updates handed out from storage.
//! - [`http_serve`]: serving an HTTP router until shutdown, below both the webhook and the
//!   operations server.
//! - [`cli`]: the command line.
//! - `demo` (with the `demo` feature): `threadesk demo`, the real bot against the built-in
//!   simulator.
//! - `harness` (with the `demo` feature): the bot run against a simulated Telegram, in-process
//!   or as a child process, for the demo, the tests and the benchmarks.
//! - [`replay`]: raw updates replayed through classification, desk rules, codec and rendering
//!   without I/O (shared by the fuzz target and its corpus test).
//!
//! The Telegram simulator the tests, the demo and the benchmarks run against is its own crate,
//! `telegram-sim` (`crates/telegram-sim`); the bot uses it only for `threadesk demo`, behind the
//! default-on `demo` feature.

pub mod app;
pub mod cli;
pub mod config;
#[cfg(feature = "demo")]
pub mod demo;
pub mod desk;
pub mod domain;
#[cfg(feature = "demo")]
pub mod harness;
pub mod http_serve;
pub mod i18n;
pub mod ops;
pub mod pipeline;
pub mod proxy;
pub mod replay;
pub mod storage;
pub mod telegram;
pub mod telemetry;
