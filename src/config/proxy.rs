//! The parallel connection's settings: `upstream_bot` (the Bot API proxy an existing bot talks
//! to), `upstream_max_pending`, `intercept_external` and `handoff`.

use std::net::SocketAddr;

use super::sources::toml_scalar;
use super::values::invalid;
use super::{ConfigError, Sources};

/// An existing bot in front of which the desk runs, through the Bot API proxy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProxySettings {
    /// Where the proxy listens (the existing bot's API base URL points there).
    pub listen: SocketAddr,
    /// How many updates may wait for the existing bot before the oldest are dropped.
    pub max_pending: u64,
    /// Whether the existing bot's messages in customers' chats are mirrored into threads.
    pub intercept_external: bool,
    /// Whether a customer whose open ticket a team member replied in stops reaching the
    /// existing bot until the ticket closes.
    pub handoff: bool,
}

impl Sources {
    /// The proxy, when `upstream_bot` is `listen:<address>`; `None` when unset or `off`.
    pub(super) fn proxy(&self) -> Result<Option<ProxySettings>, ConfigError> {
        let file = &self.file;
        let Some(text) = self.text("upstream_bot", file.upstream_bot.clone()) else {
            return Ok(None);
        };
        let text = text.trim();
        if text == "off" {
            return Ok(None);
        }
        let listen = text
            .strip_prefix("listen:")
            .and_then(|address| address.parse().ok())
            .ok_or_else(|| {
                invalid(
                    "upstream_bot",
                    format!("expected `listen:<address>` like listen:127.0.0.1:8081, or `off`, got {text:?}"),
                )
            })?;
        let max_pending: u64 = self.number(
            "upstream_max_pending",
            file.upstream_max_pending.as_ref().map(toml_scalar),
            100_000,
        )?;
        if max_pending == 0 {
            return Err(invalid(
                "upstream_max_pending",
                "expected at least 1".into(),
            ));
        }
        Ok(Some(ProxySettings {
            listen,
            max_pending,
            intercept_external: self.boolean(
                "intercept_external",
                file.intercept_external.as_ref().map(toml_scalar),
                true,
            )?,
            handoff: self.boolean("handoff", file.handoff.as_ref().map(toml_scalar), false)?,
        }))
    }
}
