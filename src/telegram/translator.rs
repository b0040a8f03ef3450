//! From a stored update's JSON to a desk event: parsing and classifying ([`classify`], pure),
//! then telling team members from outsiders (the only step that may ask Telegram).
//!
//! A team-chat message whose author cannot be checked now is never taken for an outsider's: it
//! waits in its thread's queue (see [`crate::pipeline::held`]), and so does every later message
//! of that thread; an inline query gets a visible "cannot check" answer instead of results.

use std::sync::Arc;

use teloxide::types::{Message, Update, UpdateKind};

use super::TeamChats;
use super::convert;
use super::directory::{TeamDirectory, Unchecked, counts_as_team};
use crate::desk::{Event, Role};
use crate::domain::{ChatId, IncomingMessage, UserId};
use crate::pipeline::held::{Queue, Waiting};
use crate::pipeline::processor::{TranslateError, Translation, Translator};

/// What an update is, before team membership is known.
#[derive(Clone, Debug, PartialEq)]
pub enum Classified {
    /// An event that needs nothing more.
    Ready(Event),
    /// A message (or edit) in the team chat whose author's role must be resolved.
    TeamChat {
        /// The message.
        message: IncomingMessage,
        /// Whether it is an edit.
        edited: bool,
        /// Who wrote it, as far as the update tells.
        author: Author,
    },
    /// An inline query, answered according to the author's membership.
    InlineQuery {
        /// Telegram's query id.
        id: String,
        /// Who typed it.
        from: UserId,
        /// What they typed.
        query: String,
    },
    /// A membership change in the chat that defines the team.
    Membership {
        /// The member.
        user: UserId,
        /// Their display name.
        name: String,
        /// Whether they are on the team now.
        is_team: bool,
        /// Whether they are an administrator (or the creator) now; never for bots.
        admin: bool,
    },
    /// The bot's own membership of a team chat changed (its access may be gone or back).
    BotMembership {
        /// The chat.
        chat: ChatId,
    },
    /// Nothing for the desk.
    Ignored,
}

/// The author of a team-chat message, before membership is checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Author {
    /// Already decided from the update alone.
    Known(Role),
    /// A person whose membership must be checked.
    Person {
        /// Their account.
        id: UserId,
        /// Their display name.
        name: String,
    },
}

/// Parses and classifies an update's JSON without any I/O. Updates that do not parse are
/// ignored (and logged), never an error: the inbox must not stall on them.
pub fn classify(update: &[u8], chats: &TeamChats) -> Classified {
    let update: Update = match serde_json::from_slice(update) {
        Ok(update) => update,
        Err(error) => {
            tracing::warn!(%error, "an update that cannot be parsed was skipped");
            return Classified::Ignored;
        }
    };
    match &update.kind {
        UpdateKind::Message(message) => classify_message(message, false, chats),
        UpdateKind::EditedMessage(message) => classify_message(message, true, chats),
        UpdateKind::ChatMember(change) if ChatId(change.chat.id.0) == chats.membership_chat() => {
            let member = &change.new_chat_member;
            Classified::Membership {
                user: UserId(member.user.id.0 as i64),
                name: member.user.full_name(),
                is_team: counts_as_team(&member.kind),
                admin: member.kind.is_privileged() && !member.user.is_bot,
            }
        }
        UpdateKind::MyChatMember(change) if change.chat.is_private() => {
            Classified::Ready(Event::CustomerReachability {
                customer: UserId(change.chat.id.0),
                reachable: change.new_chat_member.kind.is_present(),
            })
        }
        UpdateKind::MyChatMember(change) => {
            tracing::warn!(chat = change.chat.id.0, status = ?change.new_chat_member.kind, "the bot's membership changed");
            Classified::BotMembership {
                chat: ChatId(change.chat.id.0),
            }
        }
        UpdateKind::InlineQuery(query) => Classified::InlineQuery {
            id: query.id.0.clone(),
            from: UserId(query.from.id.0 as i64),
            query: query.query.clone(),
        },
        UpdateKind::Error(value) => {
            tracing::debug!(%value, "update of an unknown kind ignored");
            Classified::Ignored
        }
        _ => Classified::Ignored,
    }
}

fn classify_message(message: &Message, edited: bool, chats: &TeamChats) -> Classified {
    if message.chat.is_private() {
        if message.from.as_ref().is_none_or(|user| user.is_bot) {
            return Classified::Ignored;
        }
        let incoming = convert::incoming(message);
        return Classified::Ready(if edited {
            Event::CustomerEdited(incoming)
        } else {
            Event::CustomerMessage(incoming)
        });
    }
    if ChatId(message.chat.id.0) != chats.group {
        return Classified::Ignored;
    }
    let incoming = convert::incoming(message);
    if let Some((channel, post)) = incoming.forwarded_post {
        let is_card = Some(channel) == chats.channel && !edited;
        return if is_card {
            Classified::Ready(Event::CardForwarded {
                post,
                root: incoming.id,
            })
        } else {
            Classified::Ignored
        };
    }
    let author = if let Some(sender_chat) = &message.sender_chat {
        let sender_chat = ChatId(sender_chat.id.0);
        Author::Known(if Some(sender_chat) == chats.channel {
            Role::Channel
        } else if sender_chat == chats.group {
            Role::AnonymousAdmin {
                signature: message.author_signature().map(str::to_owned),
            }
        } else {
            Role::Outsider
        })
    } else {
        match message.from.as_ref().filter(|user| !user.is_bot) {
            Some(user) => Author::Person {
                id: UserId(user.id.0 as i64),
                name: user.full_name(),
            },
            None => Author::Known(Role::Outsider),
        }
    };
    Classified::TeamChat {
        message: incoming,
        edited,
        author,
    }
}

/// Translates updates, checking team membership through the directory.
pub struct UpdateTranslator {
    chats: TeamChats,
    directory: Arc<TeamDirectory>,
}

impl UpdateTranslator {
    /// A translator for the team's chats, checking membership through `directory`.
    pub fn new(chats: TeamChats, directory: Arc<TeamDirectory>) -> UpdateTranslator {
        UpdateTranslator { chats, directory }
    }

    async fn role(&self, author: Author) -> Result<Role, Unchecked> {
        let (id, name) = match author {
            Author::Known(role) => return Ok(role),
            Author::Person { id, name } => (id, name),
        };
        Ok(if self.directory.is_team(id).await? {
            Role::TeamMember { id, name }
        } else {
            Role::Outsider
        })
    }
}

/// The queue a team-chat message keeps its order in: its thread, or 0 outside threads.
fn queue_of(message: &IncomingMessage) -> Queue {
    message.thread.map_or(0, |thread| i64::from(thread.0))
}

impl Translator for UpdateTranslator {
    async fn translate(
        &self,
        update: &[u8],
        waiting: &Waiting,
    ) -> Result<Translation, TranslateError> {
        let event = match classify(update, &self.chats) {
            Classified::Ready(event) => Some(event),
            Classified::TeamChat {
                message,
                edited,
                author,
            } => {
                let queue = queue_of(&message);
                if waiting.contains(queue) {
                    return Ok(Translation::Wait { queue, first: None });
                }
                match self.role(author).await {
                    Ok(role) => Some(if edited {
                        Event::TeamEdited { message, role }
                    } else {
                        Event::TeamMessage { message, role }
                    }),
                    Err(unchecked) => {
                        tracing::debug!(queue, reason = %unchecked.reason, "a team-chat message waits for its author's membership");
                        return Ok(Translation::Wait {
                            queue,
                            first: Some(Event::TeamMessageHeld { message }),
                        });
                    }
                }
            }
            Classified::InlineQuery { id, from, query } => {
                // Membership is cached; only someone never seen before costs one lookup. A
                // lookup that fails shows nothing, and says so.
                let team = match self.directory.cached(from) {
                    Some(known) => Ok(known),
                    None => self.directory.is_team(from).await,
                };
                Some(match team {
                    Ok(team) => Event::InlineQuery {
                        id,
                        from,
                        query,
                        team,
                    },
                    Err(_) => Event::InlineQueryUnchecked { id, from },
                })
            }
            Classified::Membership {
                user,
                name,
                is_team,
                admin,
            } => {
                self.directory.remember(user, is_team);
                Some(Event::AdminChanged { user, name, admin })
            }
            Classified::BotMembership { chat } => {
                if chat == self.chats.membership_chat() {
                    self.directory.access_changed();
                }
                None
            }
            Classified::Ignored => None,
        };
        Ok(Translation::Event(event))
    }
}
