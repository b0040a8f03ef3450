//! From a stored update's JSON to a desk event: parsing, classifying the chat, and telling team
//! members from outsiders.

use std::sync::Arc;

use teloxide::types::{Message, Update, UpdateKind};

use super::TeamChats;
use super::convert;
use super::directory::{TeamDirectory, counts_as_team};
use crate::desk::{Event, Role};
use crate::domain::{ChatId, UserId};
use crate::pipeline::processor::{TranslateError, Translator};

/// Translates updates for the channel layout.
pub struct UpdateTranslator {
    chats: TeamChats,
    directory: Arc<TeamDirectory>,
    token: String,
}

impl UpdateTranslator {
    /// A translator for the team's chats, checking membership through `directory`.
    pub fn new(chats: TeamChats, directory: Arc<TeamDirectory>, token: String) -> UpdateTranslator {
        UpdateTranslator {
            chats,
            directory,
            token,
        }
    }

    async fn message(
        &self,
        message: &Message,
        edited: bool,
    ) -> Result<Option<Event>, TranslateError> {
        let chat = ChatId(message.chat.id.0);
        if message.chat.is_private() {
            if message.from.as_ref().is_none_or(|user| user.is_bot) {
                return Ok(None);
            }
            let incoming = convert::incoming(message);
            return Ok(Some(if edited {
                Event::CustomerEdited(incoming)
            } else {
                Event::CustomerMessage(incoming)
            }));
        }
        if chat != self.chats.group {
            return Ok(None);
        }
        let incoming = convert::incoming(message);
        if let Some((channel, post)) = incoming.forwarded_post {
            let is_card = channel == self.chats.channel && !edited;
            return Ok(is_card.then_some(Event::CardForwarded {
                post,
                root: incoming.id,
            }));
        }
        let role = self.role(message).await?;
        Ok(Some(if edited {
            Event::TeamEdited {
                message: incoming,
                role,
            }
        } else {
            Event::TeamMessage {
                message: incoming,
                role,
            }
        }))
    }

    /// Whether the author of a team-chat message is on the team.
    async fn role(&self, message: &Message) -> Result<Role, TranslateError> {
        if let Some(sender_chat) = &message.sender_chat {
            let sender_chat = ChatId(sender_chat.id.0);
            return Ok(if sender_chat == self.chats.channel {
                Role::Channel
            } else if sender_chat == self.chats.group {
                Role::AnonymousAdmin {
                    signature: message.author_signature().map(str::to_owned),
                }
            } else {
                Role::Outsider
            });
        }
        let Some(user) = message.from.as_ref().filter(|user| !user.is_bot) else {
            return Ok(Role::Outsider);
        };
        let id = UserId(user.id.0 as i64);
        let is_team = self.directory.is_team(id).await.map_err(|error| {
            TranslateError(super::errors::redact(&error.to_string(), &self.token))
        })?;
        Ok(if is_team {
            let name = match &user.last_name {
                Some(last) => format!("{} {last}", user.first_name),
                None => user.first_name.clone(),
            };
            Role::TeamMember { id, name }
        } else {
            Role::Outsider
        })
    }
}

impl Translator for UpdateTranslator {
    async fn translate(&self, update: &[u8]) -> Result<Option<Event>, TranslateError> {
        let update: Update = match serde_json::from_slice(update) {
            Ok(update) => update,
            Err(error) => {
                tracing::warn!(%error, "an update that cannot be parsed was skipped");
                return Ok(None);
            }
        };
        match &update.kind {
            UpdateKind::Message(message) => self.message(message, false).await,
            UpdateKind::EditedMessage(message) => self.message(message, true).await,
            UpdateKind::ChatMember(change) if ChatId(change.chat.id.0) == self.chats.channel => {
                let user = UserId(change.new_chat_member.user.id.0 as i64);
                self.directory
                    .remember(user, counts_as_team(&change.new_chat_member.kind));
                Ok(None)
            }
            UpdateKind::MyChatMember(change) if change.chat.is_private() => {
                Ok(Some(Event::CustomerReachability {
                    customer: UserId(change.chat.id.0),
                    reachable: change.new_chat_member.kind.is_present(),
                }))
            }
            UpdateKind::MyChatMember(change) => {
                tracing::warn!(chat = change.chat.id.0, status = ?change.new_chat_member.kind, "the bot's membership changed");
                Ok(None)
            }
            UpdateKind::InlineQuery(query) => {
                let from = UserId(query.from.id.0 as i64);
                // Membership is cached; only someone never seen before costs one lookup. An
                // unanswered lookup counts as "not team": the answer is empty, never leaky.
                let team = match self.directory.cached(from) {
                    Some(known) => known,
                    None => self.directory.is_team(from).await.unwrap_or(false),
                };
                Ok(Some(Event::InlineQuery {
                    id: query.id.0.clone(),
                    from,
                    query: query.query.clone(),
                    team,
                }))
            }
            UpdateKind::Error(value) => {
                tracing::debug!(%value, "update of an unknown kind ignored");
                Ok(None)
            }
            _ => Ok(None),
        }
    }
}
