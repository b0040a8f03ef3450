//! From a stored update's JSON to a desk event: parsing (tolerantly, see [`wire`]) and
//! classifying ([`classify`], pure), then telling team members from outsiders (the only step
//! that may ask Telegram).
//!
//! A team-chat message whose author cannot be checked now is never taken for an outsider's: it
//! waits in its thread's queue (see [`crate::pipeline::held`]), and so does every later message
//! of that thread; an inline query gets a visible "cannot check" answer instead of results.

use std::sync::Arc;

use super::directory::{TeamDirectory, Unchecked};
use super::wire::{self, UpdateKind};
use super::{callback_data, convert, rights};
use crate::desk::{ButtonPress, Event, Role};
use crate::domain::{ButtonAudience, ChatId, IncomingMessage, MessageId, UserId, Workspace};
use crate::pipeline::held::{Queue, Waiting};
use crate::pipeline::processor::{TranslateError, Translation, Translator};
use crate::pipeline::workspace::CurrentWorkspace;
use crate::storage::Store;

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
    /// A pressed inline button, answered according to the presser's membership when its action
    /// is for the team (the press's `team` is filled in then).
    ButtonPressed(ButtonPress),
    /// Telegram's automatic forward of one of the channel's posts arrived from a group other
    /// than the discussion group in use: the channel was linked to that group.
    Relinked {
        /// The channel's discussion group now.
        group: ChatId,
        /// The forwarded post.
        post: MessageId,
        /// Its copy in the new group: a thread root there.
        root: MessageId,
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

/// Parses and classifies an update's JSON without any I/O. Whatever Telegram added after this
/// version is ignored, never an error ([`wire`]); updates that do not parse at all are ignored
/// (and logged): the inbox must not stall on them.
pub fn classify(update: &[u8], chats: &Workspace) -> Classified {
    let update = match wire::Update::parse(update) {
        Ok(update) => update,
        Err(error) => {
            tracing::warn!(%error, "an update that cannot be parsed was skipped");
            return Classified::Ignored;
        }
    };
    match &update.kind {
        UpdateKind::Message(message) => classify_message(message, false, chats),
        UpdateKind::EditedMessage(message) => classify_message(message, true, chats),
        UpdateKind::ChatMember(change) if ChatId(change.chat.id) == chats.membership_chat() => {
            let member = &change.new_chat_member;
            let is_team = member.counts_as_team().unwrap_or_else(|| {
                tracing::warn!(
                    user = member.user.id,
                    status = %member.status,
                    "a member of the team chat has a status this version does not know; they count as outside the team"
                );
                false
            });
            Classified::Membership {
                user: UserId(member.user.id),
                name: member.user.full_name(),
                is_team,
                admin: member.is_administrator() && !member.user.is_bot,
            }
        }
        UpdateKind::MyChatMember(change) if change.chat.is_private() => {
            match change.new_chat_member.is_present() {
                Some(reachable) => Classified::Ready(Event::CustomerReachability {
                    customer: UserId(change.chat.id),
                    reachable,
                }),
                None => {
                    tracing::debug!(chat = change.chat.id, status = %change.new_chat_member.status, "unknown membership status in a private chat ignored");
                    Classified::Ignored
                }
            }
        }
        UpdateKind::MyChatMember(change) => {
            rights::log_change(chats, ChatId(change.chat.id), &change.new_chat_member);
            Classified::BotMembership {
                chat: ChatId(change.chat.id),
            }
        }
        UpdateKind::InlineQuery(query) => Classified::InlineQuery {
            id: query.id.clone(),
            from: UserId(query.from.id),
            query: query.query.clone(),
        },
        UpdateKind::CallbackQuery(query) => Classified::ButtonPressed(ButtonPress {
            query: query.id.clone(),
            from: UserId(query.from.id),
            name: query.from.full_name(),
            team: None,
            message: query
                .message
                .as_ref()
                .map(|message| (ChatId(message.chat.id), MessageId(message.message_id))),
            thread: query
                .message
                .as_ref()
                .and_then(|message| message.message_thread_id)
                .map(MessageId),
            action: query.data.as_deref().and_then(callback_data::decode),
        }),
        UpdateKind::ChatMember(_) => Classified::Ignored,
        UpdateKind::Other(kind) => {
            tracing::debug!(kind = %kind, "update of a kind the desk does not use ignored");
            Classified::Ignored
        }
    }
}

fn classify_message(message: &wire::Message, edited: bool, chats: &Workspace) -> Classified {
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
    if ChatId(message.chat.id) != chats.thread_chat() {
        return relinked(message, edited, chats).unwrap_or(Classified::Ignored);
    }
    if message.is_bots_topic_service() {
        // Telegram sends the bot its own topic changes back: nothing for the desk.
        return Classified::Ignored;
    }
    let incoming = convert::incoming(message);
    if let Some((channel, post)) = incoming.forwarded_post {
        let is_card = Some(channel) == chats.channel() && !edited;
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
        let sender_chat = ChatId(sender_chat.id);
        Author::Known(if Some(sender_chat) == chats.channel() {
            Role::Channel
        } else if sender_chat == chats.thread_chat() {
            Role::AnonymousAdmin {
                signature: message.author_signature.clone(),
            }
        } else {
            Role::Outsider
        })
    } else {
        match message.from.as_ref().filter(|user| !user.is_bot) {
            Some(user) => Author::Person {
                id: UserId(user.id),
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

/// Only the channel's linked discussion group receives Telegram's automatic forwards of its
/// posts (`is_automatic_forward` cannot be set by people), so one arriving from another
/// supergroup means the channel was linked to it.
fn relinked(message: &wire::Message, edited: bool, chats: &Workspace) -> Option<Classified> {
    let channel = chats.channel()?;
    if edited || message.chat.kind != "supergroup" {
        return None;
    }
    let incoming = convert::incoming(message);
    let (from, post) = incoming.forwarded_post?;
    (from == channel).then_some(Classified::Relinked {
        group: ChatId(message.chat.id),
        post,
        root: incoming.id,
    })
}

/// Translates updates, checking team membership through the directory.
pub struct UpdateTranslator {
    workspace: CurrentWorkspace,
    store: Store,
    directory: Arc<TeamDirectory>,
}

impl UpdateTranslator {
    /// A translator for the team's chats in use, checking membership through `directory`; it
    /// records in `store` a discussion group the channel was linked to.
    pub fn new(
        workspace: CurrentWorkspace,
        store: Store,
        directory: Arc<TeamDirectory>,
    ) -> UpdateTranslator {
        UpdateTranslator {
            workspace,
            store,
            directory,
        }
    }

    /// The channel was linked to another discussion group: its threads are used from now on,
    /// never mixed with the old group's (each customer gets a new card there).
    fn follow_relink(&self, group: ChatId) -> Result<(), TranslateError> {
        let Workspace::Channel {
            channel,
            group: previous,
        } = self.workspace.get()
        else {
            return Ok(());
        };
        tracing::warn!(
            %channel,
            %previous,
            %group,
            "the channel is linked to another discussion group: threads continue there, and each customer gets a new card on their next message"
        );
        self.workspace
            .switch(&self.store, Workspace::Channel { channel, group })
            .map_err(|error| {
                TranslateError(format!("cannot record the new discussion group: {error}"))
            })
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
        let chats = self.workspace.get();
        let event = match classify(update, &chats) {
            Classified::Ready(event) => Some(event),
            Classified::Relinked { group, post, root } => {
                self.follow_relink(group)?;
                Some(Event::CardForwarded { post, root })
            }
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
            Classified::ButtonPressed(mut press) => {
                // Membership only matters for team buttons; an unreadable button is answered
                // the same to everyone.
                let for_team = press
                    .action
                    .as_ref()
                    .is_some_and(|action| action.audience() == ButtonAudience::Team);
                press.team = if for_team {
                    match self.directory.cached(press.from) {
                        Some(known) => Some(known),
                        None => self.directory.is_team(press.from).await.ok(),
                    }
                } else {
                    self.directory.cached(press.from)
                };
                Some(Event::ButtonPressed(press))
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
                if chat == chats.membership_chat() {
                    self.directory.access_changed();
                }
                None
            }
            Classified::Ignored => None,
        };
        Ok(Translation::Event(event))
    }
}
