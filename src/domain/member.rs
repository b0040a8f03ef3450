//! Team members as tickets record them (for example a ticket's assignee), and as the desk
//! knows them to assign tickets.

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

/// A team member the desk has seen write in the team chat, so that `/assign @username` and
/// `/assign <user id>` can name them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownMember {
    /// Their account.
    pub id: UserId,
    /// Their display name, as last seen.
    pub name: String,
    /// Their `@username` without the `@`, as last seen.
    pub username: Option<String>,
}

impl KnownMember {
    /// The member as a ticket records them.
    pub fn member(&self) -> Member {
        Member {
            id: self.id,
            name: self.name.clone(),
        }
    }
}
