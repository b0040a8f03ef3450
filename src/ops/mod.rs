//! Operating threadesk: backups and restores, exports, the control socket that reaches a running
//! bot, and the health and metrics endpoint.
//!
//! - [`api`]: the HTTP API under `/api/v1`, served beside `/healthz` and `/metrics`.
//! - [`backup`]: a consistent, checksummed snapshot of every tree, and restoring it.
//! - [`control`]: the control socket through which `backup` and `export` reach a running bot.
//! - [`doctor`]: `threadesk doctor`, a configuration checked against Telegram and the machine.
//! - [`export`]: customers, tickets or broadcasts as CSV or JSON lines, whole or in documents.
//! - [`import`]: reading a CSV or JSON lines file of customers for `/import`.
//! - [`stats`]: `threadesk stats`, the figures of `/stats` as text or JSON, and the chart.
//! - [`http`]: the local `/healthz` and `/metrics` endpoint (served by [`crate::http_serve`]).

pub mod api;
pub mod backup;
pub mod control;
pub mod doctor;
pub mod export;
pub mod http;
pub mod import;
pub mod stats;
