//! The world's chats: public chats and their usernames, private chats opened on first contact,
//! `chat_id` values resolved as a bot sees them, and membership changes announced to bots.

use crate::audience;
use crate::chat::{Chat, ChatKind, Member, MemberStatus};
use crate::content::{Service, Stored};
use crate::ids::{ChatId, ChatRef, UserId};

use super::{NewMessage, World};

impl World {
    pub fn add_public_chat(&mut self, kind: ChatKind, title: &str, owner: UserId) -> ChatId {
        let id = ChatId(-1_000_000_000_000 - self.next_chat);
        self.next_chat += 1;
        let key = ChatRef::Public(id);
        let mut chat = Chat::new(key, kind, title.to_owned());
        chat.members
            .insert(owner, Member::with_status(MemberStatus::Creator));
        if self.is_bot(owner) {
            chat.bots.insert(owner);
        }
        self.chats.insert(key, chat);
        if kind == (ChatKind::Supergroup { forum: true }) {
            // Message 1 is the creation notice, so that no topic can take the General topic's id.
            let notice = NewMessage::new(
                owner,
                Some(owner),
                Stored::service(Service::SupergroupCreated),
            );
            self.store(key, notice);
        }
        id
    }

    pub fn set_username(&mut self, chat: ChatId, username: &str) {
        if let Some(record) = self.chats.get_mut(&ChatRef::Public(chat)) {
            record.username = Some(username.to_owned());
            self.usernames.insert(username.to_ascii_lowercase(), chat);
        }
    }

    pub fn chat(&self, key: ChatRef) -> Option<&Chat> {
        self.chats.get(&key)
    }

    pub fn chat_mut(&mut self, key: ChatRef) -> Option<&mut Chat> {
        self.chats.get_mut(&key)
    }

    /// The private chat of `user` with `bot`, created when the user first writes to the bot.
    pub fn ensure_private_chat(&mut self, bot: UserId, user: UserId) -> ChatRef {
        let key = ChatRef::Private { bot, user };
        if !self.chats.contains_key(&key) {
            let title = self.display_name(user);
            let mut chat = Chat::new(key, ChatKind::Private { bot, user }, title);
            chat.members
                .insert(user, Member::with_status(MemberStatus::Member));
            chat.members
                .insert(bot, Member::with_status(MemberStatus::Member));
            chat.bots.insert(bot);
            self.chats.insert(key, chat);
        }
        key
    }

    /// Resolves a Bot API `chat_id` (number or `@username`) as `bot` sees it.
    pub fn resolve_chat_id(&self, bot: UserId, value: &serde_json::Value) -> Option<ChatRef> {
        if let Some(name) = value.as_str() {
            let name = name.strip_prefix('@').unwrap_or(name).to_ascii_lowercase();
            return self.usernames.get(&name).map(|id| ChatRef::Public(*id));
        }
        let id = value.as_i64()?;
        if id > 0 {
            return Some(ChatRef::Private {
                bot,
                user: UserId(id as u64),
            });
        }
        Some(ChatRef::Public(ChatId(id)))
    }

    // ----- membership -----------------------------------------------------------------------

    /// Changes a membership and tells the bots concerned (`my_chat_member` to a bot whose own
    /// membership changed, `chat_member` to the chat's administrator bots).
    pub fn set_member(&mut self, key: ChatRef, user: UserId, member: Member, actor: UserId) {
        let is_bot = self.is_bot(user);
        let Some(chat) = self.chats.get_mut(&key) else {
            return;
        };
        let old = chat
            .members
            .get(&user)
            .cloned()
            .unwrap_or_else(|| Member::with_status(MemberStatus::Left));
        if old == member {
            return;
        }
        chat.members.insert(user, member.clone());
        if is_bot {
            chat.bots.insert(user);
        }
        audience::membership_changed(self, key, user, &old, &member, actor);
        self.touch();
    }
}
