//! Chat members as Telegram reports them: membership changes, a member's status, and what
//! that status means for presence, the team and administrator rights.

use serde::Deserialize;
use serde_json::{Map, Value};

use super::{Chat, User, lenient_text};

/// A membership change (`ChatMemberUpdated`).
#[derive(Clone, Debug, Deserialize)]
pub struct ChatMemberUpdated {
    /// The chat.
    pub chat: Chat,
    /// The member now.
    pub new_chat_member: ChatMember,
}

/// A chat member: status, user, and the rest (rights, restrictions) by field name.
#[derive(Clone, Debug, Deserialize)]
pub struct ChatMember {
    /// `creator`, `administrator`, `member`, `restricted`, `left`, `kicked`, or a status added
    /// later.
    #[serde(default, deserialize_with = "lenient_text")]
    pub status: String,
    /// Who.
    pub user: User,
    /// Rights, restrictions and whatever Telegram adds, by name.
    #[serde(flatten)]
    pub fields: Map<String, Value>,
}

/// A member's status, as far as the bot understands it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberStatus {
    /// `creator`.
    Owner,
    /// `administrator`.
    Administrator,
    /// `member`.
    Member,
    /// `restricted` (a member or not, see `is_member`).
    Restricted,
    /// `left`.
    Left,
    /// `kicked`.
    Banned,
    /// A status this version does not know.
    Unknown,
}

impl ChatMember {
    /// The status, parsed.
    pub fn status(&self) -> MemberStatus {
        match self.status.as_str() {
            "creator" => MemberStatus::Owner,
            "administrator" => MemberStatus::Administrator,
            "member" => MemberStatus::Member,
            "restricted" => MemberStatus::Restricted,
            "left" => MemberStatus::Left,
            "kicked" => MemberStatus::Banned,
            _ => MemberStatus::Unknown,
        }
    }

    fn flag(&self, name: &str) -> Option<bool> {
        self.fields.get(name).and_then(Value::as_bool)
    }

    /// Whether the user is in the chat; `None` for a status this version does not know and
    /// that does not say.
    pub fn is_present(&self) -> Option<bool> {
        match self.status() {
            MemberStatus::Owner | MemberStatus::Administrator | MemberStatus::Member => Some(true),
            MemberStatus::Restricted => Some(self.flag("is_member").unwrap_or(false)),
            MemberStatus::Left | MemberStatus::Banned => Some(false),
            MemberStatus::Unknown => self.flag("is_member"),
        }
    }

    /// Whether the user counts as team in the chat that defines the team: its creator,
    /// administrators and members (not restricted ones). `None` for an unknown status.
    pub fn counts_as_team(&self) -> Option<bool> {
        match self.status() {
            MemberStatus::Owner | MemberStatus::Administrator | MemberStatus::Member => Some(true),
            MemberStatus::Restricted | MemberStatus::Left | MemberStatus::Banned => Some(false),
            MemberStatus::Unknown => None,
        }
    }

    /// Whether the user is the chat's creator or one of its administrators.
    pub fn is_administrator(&self) -> bool {
        matches!(
            self.status(),
            MemberStatus::Owner | MemberStatus::Administrator
        )
    }

    /// Whether the user holds an administrator right (`can_post_messages`, ...): the creator
    /// holds them all.
    pub fn may(&self, right: &str) -> bool {
        match self.status() {
            MemberStatus::Owner => true,
            MemberStatus::Administrator => self.flag(right).unwrap_or(false),
            _ => false,
        }
    }
}
