//! Operating threadesk: backups and restores, exports, the control socket that reaches a running
//! bot, and the health and metrics endpoint.
//!
//! - [`backup`]: a consistent, checksummed snapshot of every tree, and restoring it.
//! - [`control`]: the control socket through which `backup` and `export` reach a running bot.
//! - [`demo`]: `threadesk demo`, the real bot against the built-in simulator.
//! - [`doctor`]: `threadesk doctor`, a configuration checked against Telegram and the machine.
//! - [`export`]: customers and their tickets as CSV or JSON lines.
//! - [`harness`]: the bot against a simulated Telegram, in-process or as a child process.
//! - [`http`]: the local `/healthz` and `/metrics` endpoint (served by [`crate::http_serve`]).

pub mod backup;
pub mod control;
#[cfg(feature = "demo")]
pub mod demo;
pub mod doctor;
pub mod export;
#[cfg(feature = "demo")]
pub mod harness;
pub mod http;
