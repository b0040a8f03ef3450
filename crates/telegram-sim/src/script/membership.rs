//! Membership in the world: joining, promoting, titles and statuses, blocking a bot and
//! deactivating an account, each announced the way Telegram announces it; and a private chat
//! opened before the story begins.

use crate::Simulator;
use crate::chat::{AdminRights, Member, MemberStatus};
use crate::error::SimError;
use crate::ids::{ChatId, ChatRef, UserId};

use super::{BotHandle, unknown_chat};

impl Simulator {
    /// when joining or leaving).
    fn change_membership(
        &self,
        chat: ChatId,
        user: UserId,
        member: Member,
    ) -> Result<(), SimError> {
        self.shared.with_world(|world| {
            if !world.users.contains_key(&user) {
                return Err(SimError::UnknownUser(user));
            }
            let record = world.chat(chat.into()).ok_or_else(|| unknown_chat(chat))?;
            let owner = record
                .members
                .iter()
                .find(|(_, m)| m.status == MemberStatus::Creator)
                .map(|(id, _)| *id);
            let self_service = matches!(member.status, MemberStatus::Member | MemberStatus::Left)
                && !record.status(user).is_admin();
            let actor = if self_service {
                user
            } else {
                owner.unwrap_or(user)
            };
            world.set_member(chat.into(), user, member, actor);
            Ok(())
        })
    }

    /// Makes `user` (a person or a bot) a plain member.
    pub fn add_member(&self, chat: ChatId, user: UserId) -> Result<(), SimError> {
        self.change_membership(chat, user, Member::with_status(MemberStatus::Member))
    }

    /// Makes `user` an administrator with `rights`.
    pub fn promote(&self, chat: ChatId, user: UserId, rights: AdminRights) -> Result<(), SimError> {
        let title = self.shared.with_world(|world| {
            world
                .chat(chat.into())
                .and_then(|record| record.member(user))
                .and_then(|m| m.custom_title.clone())
        });
        let mut member = Member::admin(rights);
        member.custom_title = title;
        self.change_membership(chat, user, member)
    }

    /// Sets an administrator's custom title (the `author_signature` of their anonymous posts).
    pub fn set_custom_title(
        &self,
        chat: ChatId,
        user: UserId,
        title: &str,
    ) -> Result<(), SimError> {
        self.shared.with_world(|world| {
            let record = world
                .chat_mut(chat.into())
                .ok_or_else(|| unknown_chat(chat))?;
            let member = record
                .members
                .get_mut(&user)
                .filter(|member| member.status.is_admin())
                .ok_or(SimError::NotAMember {
                    user,
                    chat: chat.into(),
                })?;
            member.custom_title = Some(title.to_owned());
            Ok(())
        })
    }

    /// Sets a membership status (administrators keep their rights only as administrators).
    pub fn set_status(
        &self,
        chat: ChatId,
        user: UserId,
        status: MemberStatus,
    ) -> Result<(), SimError> {
        let member = match status {
            MemberStatus::Administrator => Member::admin(AdminRights::all()),
            other => Member::with_status(other),
        };
        self.change_membership(chat, user, member)
    }

    /// The membership status of `user` in `chat` (`left` if none).
    pub fn member_status(&self, chat: impl Into<ChatRef>, user: UserId) -> MemberStatus {
        let chat = chat.into();
        self.shared.with_world(|world| {
            world
                .chat(chat)
                .map_or(MemberStatus::Left, |record| record.status(user))
        })
    }

    /// `user` blocks (or unblocks) `bot`; the bot gets `my_chat_member` for their private chat.
    pub fn block_bot(&self, user: UserId, bot: &BotHandle, blocked: bool) -> Result<(), SimError> {
        self.shared.with_world(|world| {
            let person = world
                .users
                .get_mut(&user)
                .ok_or(SimError::UnknownUser(user))?;
            let changed = if blocked {
                person.blocked.insert(bot.user_id)
            } else {
                person.blocked.remove(&bot.user_id)
            };
            let key = bot.chat_with(user);
            if changed && world.chat(key).is_some() {
                let status = if blocked {
                    MemberStatus::Kicked
                } else {
                    MemberStatus::Member
                };
                world.set_member(key, bot.user_id, Member::with_status(status), user);
            }
            Ok(())
        })
    }

    /// `user` started `bot` at some earlier time: their private chat exists (so the bot may
    /// write first), and no update is sent. For worlds whose bot already knows its users, such
    /// as a broadcast's thousands of recipients.
    pub fn open_private_chat(&self, user: UserId, bot: &BotHandle) -> Result<(), SimError> {
        self.shared.with_world(|world| {
            if !world.users.contains_key(&user) {
                return Err(SimError::UnknownUser(user));
            }
            world.ensure_private_chat(bot.user_id, user);
            Ok(())
        })
    }

    /// Deactivates (or reactivates) a user's account.
    pub fn deactivate(&self, user: UserId, deactivated: bool) -> Result<(), SimError> {
        self.shared.with_world(|world| {
            let person = world
                .users
                .get_mut(&user)
                .ok_or(SimError::UnknownUser(user))?;
            person.deactivated = deactivated;
            Ok(())
        })
    }
}
