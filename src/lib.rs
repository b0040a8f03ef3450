//! threadesk: a self-hosted helpdesk that lives inside Telegram.
//!
//! Architecture map (one sentence per module):
//! - [`sim`]: a faithful, in-process fake of the Telegram Bot API (spec-checked HTTP server, world
//!   model, scripting API) used by the tests, the demo and the benchmarks.

pub mod sim;
