//! Membership of a chat: a member's status as `ChatMember.status` spells it, administrator
//! rights as `ChatAdministratorRights` names them, and a user's membership with both.

use serde_json::{Map, Value, json};

/// A member's status, as `ChatMember.status` spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MemberStatus {
    /// The chat's owner.
    Creator,
    /// An administrator (see [`AdminRights`]).
    Administrator,
    /// An ordinary member.
    Member,
    /// A member who may not send messages.
    Restricted,
    /// Not a member.
    Left,
    /// Banned.
    Kicked,
}

impl MemberStatus {
    /// The Bot API spelling: `creator`, `administrator`, …
    pub fn as_str(self) -> &'static str {
        match self {
            MemberStatus::Creator => "creator",
            MemberStatus::Administrator => "administrator",
            MemberStatus::Member => "member",
            MemberStatus::Restricted => "restricted",
            MemberStatus::Left => "left",
            MemberStatus::Kicked => "kicked",
        }
    }

    /// Whether the status makes the user a member of the chat.
    pub fn is_member(self) -> bool {
        !matches!(self, MemberStatus::Left | MemberStatus::Kicked)
    }

    /// Creator or administrator.
    pub fn is_admin(self) -> bool {
        matches!(self, MemberStatus::Creator | MemberStatus::Administrator)
    }
}

/// Administrator rights, the fields of `ChatAdministratorRights`. Build with
/// [`AdminRights::all`] or [`AdminRights::none`] and toggle fields with struct update syntax.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct AdminRights {
    /// The administrator's presence in the chat is hidden (posts as the group).
    pub is_anonymous: bool,
    /// May see the event log, statistics, members, …
    pub can_manage_chat: bool,
    /// May delete messages of other users.
    pub can_delete_messages: bool,
    /// May manage video chats.
    pub can_manage_video_chats: bool,
    /// May restrict, ban or unban members.
    pub can_restrict_members: bool,
    /// May add new administrators.
    pub can_promote_members: bool,
    /// May change the title, photo and other settings.
    pub can_change_info: bool,
    /// May invite users.
    pub can_invite_users: bool,
    /// May post stories.
    pub can_post_stories: bool,
    /// May edit stories of others.
    pub can_edit_stories: bool,
    /// May delete stories of others.
    pub can_delete_stories: bool,
    /// Channels: may post messages.
    pub can_post_messages: bool,
    /// Channels: may edit messages of others and pin messages.
    pub can_edit_messages: bool,
    /// Groups: may pin messages.
    pub can_pin_messages: bool,
    /// Forums: may create, rename, close and reopen topics.
    pub can_manage_topics: bool,
    /// Channels: may manage direct messages.
    pub can_manage_direct_messages: bool,
    /// May manage member tags.
    pub can_manage_tags: bool,
}

/// The names of every right, in `ChatAdministratorRights` order.
pub(crate) const RIGHT_NAMES: [&str; 17] = [
    "is_anonymous",
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_post_messages",
    "can_edit_messages",
    "can_pin_messages",
    "can_manage_topics",
    "can_manage_direct_messages",
    "can_manage_tags",
];

impl AdminRights {
    /// Every right except anonymity.
    pub fn all() -> AdminRights {
        let mut rights = AdminRights::none();
        for name in RIGHT_NAMES.iter().skip(1) {
            rights.set(name, true);
        }
        rights
    }

    /// No right at all.
    pub fn none() -> AdminRights {
        AdminRights::default()
    }

    fn slot(&mut self, name: &str) -> Option<&mut bool> {
        Some(match name {
            "is_anonymous" => &mut self.is_anonymous,
            "can_manage_chat" => &mut self.can_manage_chat,
            "can_delete_messages" => &mut self.can_delete_messages,
            "can_manage_video_chats" => &mut self.can_manage_video_chats,
            "can_restrict_members" => &mut self.can_restrict_members,
            "can_promote_members" => &mut self.can_promote_members,
            "can_change_info" => &mut self.can_change_info,
            "can_invite_users" => &mut self.can_invite_users,
            "can_post_stories" => &mut self.can_post_stories,
            "can_edit_stories" => &mut self.can_edit_stories,
            "can_delete_stories" => &mut self.can_delete_stories,
            "can_post_messages" => &mut self.can_post_messages,
            "can_edit_messages" => &mut self.can_edit_messages,
            "can_pin_messages" => &mut self.can_pin_messages,
            "can_manage_topics" => &mut self.can_manage_topics,
            "can_manage_direct_messages" => &mut self.can_manage_direct_messages,
            "can_manage_tags" => &mut self.can_manage_tags,
            _ => return None,
        })
    }

    /// Sets a right by its Bot API name; unknown names are ignored.
    pub(crate) fn set(&mut self, name: &str, value: bool) {
        if let Some(slot) = self.slot(name) {
            *slot = value;
        }
    }

    /// Reads a right by its Bot API name.
    pub(crate) fn get(&self, name: &str) -> bool {
        let mut copy = *self;
        copy.slot(name).is_some_and(|slot| *slot)
    }

    /// The rights as `ChatAdministratorRights` fields.
    pub(crate) fn to_json(self) -> Map<String, Value> {
        RIGHT_NAMES
            .iter()
            .map(|name| ((*name).to_owned(), json!(self.get(name))))
            .collect()
    }
}

/// A user's membership in a chat.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Member {
    pub status: MemberStatus,
    pub rights: AdminRights,
    pub custom_title: Option<String>,
}

impl Member {
    pub fn with_status(status: MemberStatus) -> Member {
        let rights = if status == MemberStatus::Creator {
            AdminRights::all()
        } else {
            AdminRights::none()
        };
        Member {
            status,
            rights,
            custom_title: None,
        }
    }

    pub fn admin(rights: AdminRights) -> Member {
        Member {
            status: MemberStatus::Administrator,
            rights,
            custom_title: None,
        }
    }

    /// Whether the member holds a right (the creator holds them all).
    pub fn has(&self, right: &str) -> bool {
        match self.status {
            MemberStatus::Creator => true,
            MemberStatus::Administrator => self.rights.get(right),
            _ => false,
        }
    }
}
