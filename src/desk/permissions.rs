//! Who may use which team command: team members are the members of the team's chat (the
//! channel, or the forum), administrators are its administrators. The `permissions` setting
//! names, per command, which of the two may use it; outsiders may use none.

use serde::{Deserialize, Serialize};

use super::{AnonymousAdmins, CommandName, DeskState, Role, StateResult, Turn};

/// Who may use a team command.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Permission {
    /// Every team member (the default).
    #[default]
    Members,
    /// Only the administrators of the team's chat.
    Admins,
}

impl Permission {
    /// The setting's word for it.
    pub fn name(self) -> &'static str {
        match self {
            Permission::Members => "members",
            Permission::Admins => "admins",
        }
    }
}

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// Whether the author of a team chat message is on the team: may reach customers and use
    /// team commands.
    pub(super) fn may_act(&self, role: &Role) -> bool {
        match role {
            Role::TeamMember { .. } | Role::Channel => true,
            Role::AnonymousAdmin { .. } => self.settings.anonymous_admins == AnonymousAdmins::Team,
            Role::Outsider => false,
        }
    }

    /// Whether the author is an administrator of the team's chat. Posting as the channel and
    /// writing as an anonymous administrator are only open to administrators.
    pub(super) fn is_admin(&self, role: &Role) -> StateResult<bool> {
        Ok(match role {
            Role::TeamMember { id, .. } => self.state.admins()?.iter().any(|admin| admin.id == *id),
            Role::Channel => true,
            Role::AnonymousAdmin { .. } => self.may_act(role),
            Role::Outsider => false,
        })
    }

    /// The permission a command needs, when the author lacks it.
    pub(super) fn missing_permission(
        &self,
        command: CommandName,
        role: &Role,
    ) -> StateResult<Option<Permission>> {
        let needed = self.settings.permission(command);
        let granted = match needed {
            Permission::Members => self.may_act(role),
            Permission::Admins => self.is_admin(role)?,
        };
        Ok((!granted).then_some(needed))
    }
}
