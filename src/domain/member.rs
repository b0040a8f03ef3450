//! Team members as tickets record them (for example a ticket's assignee).

use serde::{Deserialize, Serialize};

use super::UserId;

/// A team member: their account and the name they had when recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Their account.
    pub id: UserId,
    /// Their display name.
    pub name: String,
}
