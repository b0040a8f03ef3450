//! Operating threadesk: backups and restores, exports, the control socket that reaches a running
//! bot, and the health and metrics endpoint.

pub mod backup;
pub mod control;
#[cfg(feature = "demo")]
pub mod demo;
pub mod doctor;
pub mod export;
pub mod http;
pub mod serve;
