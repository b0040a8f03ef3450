//! The scripting API, world-building and reading side: create users, bots, channels, groups
//! and forums, set membership and rights, and read back what every chat shows (transcripts,
//! rendered messages, pins, topics, command menus, the call journal). Acting in the world is
//! in `acting/`.
//!
//! Map:
//! - `building`: bots, users, channels, groups, forums, usernames, discussion groups, topics.
//! - `membership`: joining, rights, titles, statuses, blocked bots, deactivated accounts.
//! - `reading`: what chats show, and the journal of calls.

mod building;
mod membership;
mod reading;

use super::chat::Chat;
use super::error::SimError;
use super::ids::{ChatId, ChatRef, UserId};
use super::world::World;

/// Who a new simulated user is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserSpec {
    first_name: String,
    last_name: Option<String>,
    username: Option<String>,
    language: Option<String>,
}

impl UserSpec {
    /// A user with this first name.
    pub fn new(first_name: &str) -> UserSpec {
        UserSpec {
            first_name: first_name.to_owned(),
            last_name: None,
            username: None,
            language: None,
        }
    }

    /// Sets the last name.
    pub fn last_name(mut self, last_name: &str) -> UserSpec {
        self.last_name = Some(last_name.to_owned());
        self
    }

    /// Sets the @username (without the `@`).
    pub fn username(mut self, username: &str) -> UserSpec {
        self.username = Some(username.to_owned());
        self
    }

    /// Sets the IETF language tag of the user's client, e.g. `pt-br`.
    pub fn language(mut self, language: &str) -> UserSpec {
        self.language = Some(language.to_owned());
        self
    }
}

/// A bot of the world: give `token` to a Bot API client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BotHandle {
    /// The bot token, `<id>:<secret>`.
    pub token: String,
    /// The bot's user id.
    pub user_id: UserId,
    /// The bot's @username (without the `@`).
    pub username: String,
}

impl BotHandle {
    /// The private chat of `user` with this bot.
    pub fn chat_with(&self, user: UserId) -> ChatRef {
        ChatRef::Private {
            bot: self.user_id,
            user,
        }
    }
}

/// The chat `id`, which must exist and pass `is` (`expected` names the kind, e.g. "a channel").
pub(crate) fn chat_of_kind<'w>(
    world: &'w World,
    id: ChatId,
    expected: &'static str,
    is: fn(&Chat) -> bool,
) -> Result<&'w Chat, SimError> {
    let chat = world.chat(id.into()).ok_or_else(|| unknown_chat(id))?;
    if is(chat) {
        Ok(chat)
    } else {
        Err(SimError::WrongChatKind { chat: id, expected })
    }
}

pub(crate) fn unknown_chat(chat: impl Into<ChatRef>) -> SimError {
    SimError::UnknownChat(chat.into())
}
