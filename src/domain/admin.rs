//! Administrators of the team's channel, who get a private message when a ticket opens.

use serde::{Deserialize, Serialize};

use super::UserId;

/// An administrator of the channel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Admin {
    /// Their account.
    pub id: UserId,
    /// Their name.
    pub name: String,
    /// Whether the bot can write to them.
    pub reach: AdminReach,
}

/// Whether an administrator can receive notifications.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum AdminReach {
    /// Not tried yet.
    #[default]
    Unknown,
    /// A notification went through.
    Reachable,
    /// They never started the bot (or blocked it); skipped until they write to it.
    NotStarted,
}
