//! Carrying out effects with Bot API calls. What differs between the channel and forum layouts
//! (cards, placing messages in a thread) is in [`workspace`](super::workspace).
//!
//! References the desk could not know (the thread copy of a customer message, the customer's
//! copy of a team message) are resolved here through the stored message links, just before the
//! call; the new links a call creates are returned for the sender to store with its completion.

use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;
use teloxide::payloads::{
    AnswerInlineQuerySetters, CopyMessageSetters, CopyMessagesSetters, EditMessageCaptionSetters,
    SendMediaGroupSetters, SendMessageSetters,
};
use teloxide::prelude::*;
use teloxide::requests::{HasPayload, Payload};
use teloxide::types::{
    InlineQueryId, InlineQueryResultsButton, InlineQueryResultsButtonKind, InputMedia, ParseMode,
    ReplyParameters,
};
use teloxide::{ApiError, RequestError};

use super::convert::input_media;
use super::errors::{self, classify};
use super::raw_call::{RawCall, message_ids};
use super::workspace::{Placement, chat, message, no_preview, thread_id};
use super::{html, inline};
use crate::desk::{DeskState, Effect, Event, Failure, MEMBERSHIP_CHECK_START, Notice};
use crate::domain::{
    ChatId, Content, Entity, FormattedText, MediaItem, MessageId, UserId, Workspace,
    split_with_header,
};
use crate::i18n::Localizer;
use crate::pipeline::limiter::ChatClass;
use crate::pipeline::outbox::{Destination, Lane, writes_to_team_chats};
use crate::pipeline::sender::{Delivered, Executor, SendError};
use crate::pipeline::workspace::CurrentWorkspace;
use crate::storage::{Ledger, Store};

/// Telegram's limit for message texts, in UTF-16 code units.
const TEXT_LIMIT: u32 = 4096;

/// Sets a request's forum topic and reply target from a [`Placement`].
macro_rules! placed {
    ($request:expr, $placement:expr, $optional:expr) => {{
        let placement: Placement = $placement;
        let mut request = $request;
        if let Some(thread) = placement.thread {
            request = request.message_thread_id(thread);
        }
        if let Some(target) = placement.reply_to {
            request = request.reply_parameters(reply_parameters(target, $optional));
        }
        request
    }};
}

/// Carries out effects in either layout.
pub struct TelegramExecutor {
    bot: Bot,
    current: CurrentWorkspace,
    store: Store,
    localizer: Arc<Localizer>,
    token: String,
}

type Call<T> = Result<T, SendError>;

impl TelegramExecutor {
    /// An executor writing to the team's chats with `bot`.
    pub fn new(
        bot: Bot,
        current: CurrentWorkspace,
        store: Store,
        localizer: Arc<Localizer>,
        token: String,
    ) -> TelegramExecutor {
        TelegramExecutor {
            bot,
            current,
            store,
            localizer,
            token,
        }
    }

    fn failed(&self, error: RequestError) -> SendError {
        classify(&error, &self.token)
    }

    fn links(&self) -> Ledger<&Store> {
        Ledger::new(&self.store)
    }

    async fn run(&self, effect: &Effect, workspace: Workspace) -> Call<Delivered> {
        let thread_chat = workspace.thread_chat();
        let threads = chat(thread_chat);
        match effect {
            Effect::PostCard { customer, card } => {
                let (post, root) = workspace
                    .post_card(&self.bot, &self.localizer, card)
                    .await
                    .map_err(|error| self.failed(error))?;
                let event = Event::CardPosted {
                    customer: *customer,
                    post,
                    root,
                };
                Ok(Delivered {
                    links: Vec::new(),
                    events: vec![event],
                })
            }
            Effect::EditCard {
                post, thread, card, ..
            } => workspace
                .edit_card(&self.bot, &self.localizer, *post, *thread, card)
                .await
                .map(|()| Delivered::default())
                .map_err(|error| self.failed(error)),
            Effect::OpenCard { post, thread, .. } => workspace
                .open_card(&self.bot, *post, *thread)
                .await
                .map(|()| Delivered::default())
                .map_err(|error| self.failed(error)),
            Effect::CloseCard { post, thread, .. } => workspace
                .close_card(&self.bot, *post, *thread)
                .await
                .map(|()| Delivered::default())
                .map_err(|error| self.failed(error)),
            Effect::DeleteCard { post, .. } => {
                match self
                    .bot
                    .delete_message(chat(workspace.card_chat()), message(*post))
                    .await
                {
                    Ok(_)
                    | Err(RequestError::Api(
                        ApiError::MessageToDeleteNotFound | ApiError::MessageCantBeDeleted,
                    )) => Ok(Delivered::default()),
                    Err(error) => Err(self.failed(error)),
                }
            }
            Effect::CopyToThread {
                customer,
                root,
                message: source,
                reply_to,
            } => {
                let target = self.thread_target(thread_chat, *customer, *root, *reply_to)?;
                let copy = self
                    .copy_into_thread(workspace, *customer, *source, *root, target)
                    .await?;
                Ok(linked(*customer, *source, (thread_chat, copy)))
            }
            Effect::AlbumToThread {
                customer,
                root,
                items,
                reply_to,
            } => {
                let target = self.thread_target(thread_chat, *customer, *root, *reply_to)?;
                let sent = self
                    .album_into_thread(workspace, *customer, items, *root, target)
                    .await?;
                let links = items
                    .iter()
                    .zip(sent)
                    .map(|((source, _), copy)| (*customer, *source, (thread_chat, copy)))
                    .collect();
                Ok(Delivered {
                    links,
                    events: Vec::new(),
                })
            }
            Effect::NoteInThread {
                root,
                notice,
                reply_to,
                ..
            } => {
                let language = self.localizer.team_language();
                let reply = Reply {
                    to: workspace.place(*root, reply_to.unwrap_or(*root)),
                    optional: false,
                    fallback: Some(workspace.place(*root, *root)),
                };
                self.send_notice(threads, notice, language, reply).await
            }
            Effect::NoteInTeamChat { notice } => {
                self.send_notice(
                    threads,
                    notice,
                    self.localizer.team_language(),
                    Reply::default(),
                )
                .await
            }
            Effect::CopyToCustomer {
                customer,
                message: source,
                reply_to,
            } => {
                let target = self.customer_target(thread_chat, *customer, *reply_to)?;
                let mut request =
                    self.bot
                        .copy_message(chat(customer.private_chat()), threads, message(*source));
                if let Some(target) = target {
                    request = request.reply_parameters(reply_parameters(target, true));
                }
                let copy = request.await.map_err(|error| self.failed(error))?;
                Ok(linked(*customer, MessageId(copy.0), (thread_chat, *source)))
            }
            Effect::AlbumToCustomer {
                customer,
                items,
                reply_to,
            } => {
                let target = self.customer_target(thread_chat, *customer, *reply_to)?;
                let private = chat(customer.private_chat());
                let sent = match target {
                    Some(target) => self.album(private, items, target, true).await,
                    None => self.album_without_reply(private, items).await,
                }
                .map_err(|error| self.failed(error))?;
                let links = items
                    .iter()
                    .zip(sent)
                    .map(|((source, _), copy)| (*customer, copy, (thread_chat, *source)))
                    .collect();
                Ok(Delivered {
                    links,
                    events: Vec::new(),
                })
            }
            Effect::TellCustomer {
                customer,
                notice,
                language,
                reply_to,
            } => {
                let language = self.localizer.customer_language(language.as_deref());
                let reply = Reply {
                    to: Placement {
                        thread: None,
                        reply_to: *reply_to,
                    },
                    optional: true,
                    fallback: None,
                };
                self.send_notice(chat(customer.private_chat()), notice, language, reply)
                    .await
            }
            Effect::AnswerTeam {
                to, thread, notice, ..
            } => {
                let language = self.localizer.team_language();
                let thread = match workspace {
                    Workspace::Forum { .. } => thread.map(thread_id),
                    Workspace::Channel { .. } => None,
                };
                let reply = Reply {
                    to: Placement {
                        thread,
                        reply_to: Some(*to),
                    },
                    optional: true,
                    fallback: None,
                };
                self.send_notice(threads, notice, language, reply).await
            }
            Effect::NotifyAdmin { admin, notice } => {
                let language = self.localizer.team_language();
                self.send_notice(
                    chat(admin.private_chat()),
                    notice,
                    language,
                    Reply::default(),
                )
                .await
            }
            Effect::AnswerInline { query, results, .. } => {
                let request = self
                    .bot
                    .answer_inline_query(InlineQueryId(query.clone()), inline::results(results))
                    .cache_time(0)
                    .is_personal(true);
                let answer = self
                    .send_raw(request.payload_ref(), &inline::entities(results))
                    .await;
                match answer {
                    Ok(_) => Ok(Delivered::default()),
                    // An answer that came too late cannot be retried; the user types again.
                    Err(RequestError::Api(ApiError::InvalidQueryId)) => Ok(Delivered::default()),
                    Err(error) => Err(self.failed(error)),
                }
            }
            Effect::AnswerInlineUnchecked { query, .. } => {
                let text = self.localizer.text(
                    self.localizer.team_language(),
                    "inline-membership-unchecked",
                    &[],
                );
                let answer = self
                    .bot
                    .answer_inline_query(InlineQueryId(query.clone()), Vec::new())
                    .cache_time(0)
                    .is_personal(true)
                    .button(InlineQueryResultsButton {
                        text,
                        kind: InlineQueryResultsButtonKind::StartParameter(
                            MEMBERSHIP_CHECK_START.to_owned(),
                        ),
                    })
                    .await;
                match answer {
                    Ok(_) => Ok(Delivered::default()),
                    Err(RequestError::Api(ApiError::InvalidQueryId)) => Ok(Delivered::default()),
                    Err(error) => Err(self.failed(error)),
                }
            }
            Effect::EditThreadCopy {
                customer,
                message: source,
                content,
                ..
            } => {
                let links = self.links();
                let Some(copy) = links
                    .team_side(*customer, *source)
                    .map_err(storage_failed)?
                    .filter(|(chat, _)| *chat == thread_chat)
                    .map(|(_, copy)| copy)
                else {
                    tracing::debug!(%customer, message = %source, "edit of a message without a thread copy ignored");
                    return Ok(Delivered::default());
                };
                self.edit(threads, copy, content).await
            }
            Effect::EditCustomerCopy {
                customer,
                message: source,
                content,
                ..
            } => {
                let links = self.links();
                let copy = links
                    .customer_side(thread_chat, *source)
                    .map_err(storage_failed)?;
                let Some((_, copy)) = copy.filter(|(owner, _)| owner == customer) else {
                    tracing::debug!(%customer, message = %source, "edit of a message the customer never got ignored");
                    return Ok(Delivered::default());
                };
                self.edit(chat(customer.private_chat()), copy, content)
                    .await
            }
        }
    }

    /// The thread message a relayed customer message should reply to.
    fn thread_target(
        &self,
        thread_chat: ChatId,
        customer: UserId,
        root: MessageId,
        reply_to: Option<MessageId>,
    ) -> Call<MessageId> {
        let Some(reply_to) = reply_to else {
            return Ok(root);
        };
        Ok(self
            .links()
            .team_side(customer, reply_to)
            .map_err(storage_failed)?
            .filter(|(chat, _)| *chat == thread_chat)
            .map_or(root, |(_, team)| team))
    }

    /// The private-chat message a relayed team message should reply to.
    fn customer_target(
        &self,
        thread_chat: ChatId,
        customer: UserId,
        reply_to: Option<MessageId>,
    ) -> Call<Option<MessageId>> {
        let Some(reply_to) = reply_to else {
            return Ok(None);
        };
        let side = self
            .links()
            .customer_side(thread_chat, reply_to)
            .map_err(storage_failed)?;
        Ok(side
            .filter(|(owner, _)| *owner == customer)
            .map(|(_, message)| message))
    }

    /// Copies a customer message into the thread, replying to `target` (or, if that message
    /// is gone, to the root). A missing root or topic means the thread itself is gone.
    async fn copy_into_thread(
        &self,
        workspace: Workspace,
        customer: UserId,
        source: MessageId,
        root: MessageId,
        target: MessageId,
    ) -> Call<MessageId> {
        let attempt = |target: MessageId| {
            let request = self.bot.copy_message(
                chat(workspace.thread_chat()),
                chat(customer.private_chat()),
                message(source),
            );
            placed!(request, workspace.place(root, target), false)
        };
        let mut result = attempt(target).await;
        if target != root && is_missing_reply(&result) {
            result = attempt(root).await;
        }
        result
            .map(|copy| MessageId(copy.0))
            .map_err(|error| self.thread_failure(error))
    }

    /// Sends a customer album into the thread: as an album replying to `target` in the channel
    /// layout, copied into the topic in the forum layout.
    async fn album_into_thread(
        &self,
        workspace: Workspace,
        customer: UserId,
        items: &[(MessageId, MediaItem)],
        root: MessageId,
        target: MessageId,
    ) -> Call<Vec<MessageId>> {
        let to = chat(workspace.thread_chat());
        let result = match workspace {
            Workspace::Forum { .. } => {
                let ids: Vec<_> = items.iter().map(|(id, _)| message(*id)).collect();
                let mut request = self
                    .bot
                    .copy_messages(to, chat(customer.private_chat()), ids);
                if let Some(thread) = workspace.place(root, root).thread {
                    request = request.message_thread_id(thread);
                }
                request
                    .await
                    .map(|copies| copies.iter().map(|copy| MessageId(copy.0)).collect())
            }
            Workspace::Channel { .. } => {
                let mut result = self.album(to, items, target, false).await;
                if target != root && is_missing_reply(&result) {
                    result = self.album(to, items, root, false).await;
                }
                result
            }
        };
        result.map_err(|error| self.thread_failure(error))
    }

    /// Classifies a failure to write into a thread: a missing root means the thread is gone.
    fn thread_failure(&self, error: RequestError) -> SendError {
        if matches!(error, RequestError::Api(ApiError::MessageToReplyNotFound)) {
            return SendError::Permanent(Failure::ThreadGone);
        }
        self.failed(error)
    }

    async fn album(
        &self,
        to: teloxide::types::ChatId,
        items: &[(MessageId, MediaItem)],
        reply_to: MessageId,
        without_reply_if_missing: bool,
    ) -> Result<Vec<MessageId>, RequestError> {
        self.send_album(
            to,
            items,
            Some(reply_parameters(reply_to, without_reply_if_missing)),
        )
        .await
    }

    async fn album_without_reply(
        &self,
        to: teloxide::types::ChatId,
        items: &[(MessageId, MediaItem)],
    ) -> Result<Vec<MessageId>, RequestError> {
        self.send_album(to, items, None).await
    }

    /// `sendMediaGroup` with every caption's entities; returns the new messages' ids.
    async fn send_album(
        &self,
        to: teloxide::types::ChatId,
        items: &[(MessageId, MediaItem)],
        reply: Option<ReplyParameters>,
    ) -> Result<Vec<MessageId>, RequestError> {
        let sendable: Vec<(InputMedia, &MediaItem)> = items
            .iter()
            .filter_map(|(_, item)| input_media(item).map(|media| (media, item)))
            .collect();
        let mut request = self
            .bot
            .send_media_group(to, sendable.iter().map(|(media, _)| media.clone()));
        if let Some(reply) = reply {
            request = request.reply_parameters(reply);
        }
        let captions: Vec<(String, &str, &[Entity])> = sendable
            .iter()
            .enumerate()
            .map(|(index, (_, item))| {
                (
                    format!("/media/{index}"),
                    "caption_entities",
                    item.caption.entities.as_slice(),
                )
            })
            .collect();
        let sent = self.send_raw(request.payload_ref(), &captions).await?;
        Ok(message_ids(&sent))
    }

    /// Sends a request built with teloxide after writing `entities` into its JSON (object
    /// pointer, key, entities), so that entity types newer than teloxide go out unchanged.
    async fn send_raw<P: Payload + Serialize + 'static>(
        &self,
        payload: &P,
        entities: &[(String, &str, &[Entity])],
    ) -> Result<Value, RequestError> {
        let mut call = RawCall::new(payload)?;
        for (pointer, key, list) in entities {
            call = call.entities(pointer, key, list);
        }
        call.send(&self.bot).await
    }

    /// Sends a notice, split if too long. Notices quoting user text are sent with its entities
    /// under a plain header; a notice Telegram refused is sent again as plain text.
    async fn send_notice(
        &self,
        to: teloxide::types::ChatId,
        notice: &Notice,
        language: &str,
        reply: Reply,
    ) -> Call<Delivered> {
        let header = self.localizer.notice(notice, language);
        let body = match notice {
            Notice::Unformatted { original, .. } => Some(self.plain_notice(original, language)),
            _ => notice.quoted_text().cloned(),
        };
        let parts: Vec<(String, Option<Vec<Entity>>)> = match body {
            Some(body) => {
                let header = FormattedText::plain(format!("{}\n", html::to_text(&header)));
                split_with_header(&header, &body, TEXT_LIMIT)
                    .into_iter()
                    .map(|part| (part.text, Some(part.entities)))
                    .collect()
            }
            None => html::split(&header, TEXT_LIMIT)
                .into_iter()
                .map(|part| (part, None))
                .collect(),
        };
        let mut placement = reply.to;
        for (text, entities) in parts {
            loop {
                let request = self
                    .bot
                    .send_message(to, text.clone())
                    .link_preview_options(no_preview());
                let result = match &entities {
                    // Quoted text keeps its entities, every type included.
                    Some(entities) => {
                        let request = placed!(request, placement, reply.optional);
                        let slots = [(String::new(), "entities", entities.as_slice())];
                        self.send_raw(request.payload_ref(), &slots).await.map(drop)
                    }
                    None => {
                        let request = request.parse_mode(ParseMode::Html);
                        placed!(request, placement, reply.optional).await.map(drop)
                    }
                };
                match result {
                    Ok(()) => break,
                    // The message the note answers is gone: answer the thread's root instead.
                    Err(RequestError::Api(ApiError::MessageToReplyNotFound))
                        if reply.fallback.is_some_and(|fallback| fallback != placement) =>
                    {
                        placement = reply.fallback.unwrap_or(placement);
                    }
                    Err(error) => return Err(self.failed(error)),
                }
            }
        }
        Ok(Delivered::default())
    }

    /// A notice as plain text, without any formatting: what the reader would have seen.
    fn plain_notice(&self, notice: &Notice, language: &str) -> FormattedText {
        let mut text = html::to_text(&self.localizer.notice(notice, language));
        if let Some(quoted) = notice.quoted_text() {
            text.push('\n');
            text.push_str(&quoted.text);
        }
        FormattedText::plain(text)
    }

    /// Applies an edit to a copy: text, media, or caption.
    async fn edit(
        &self,
        to: teloxide::types::ChatId,
        copy: MessageId,
        content: &Content,
    ) -> Call<Delivered> {
        let result = match content {
            Content::Text(text) => {
                let request = self
                    .bot
                    .edit_message_text(to, message(copy), text.text.clone());
                let slots = [(String::new(), "entities", text.entities.as_slice())];
                self.send_raw(request.payload_ref(), &slots).await
            }
            Content::Media(item) => match input_media(item) {
                Some(media) => {
                    let request = self.bot.edit_message_media(to, message(copy), media);
                    let slots = [(
                        "/media".to_owned(),
                        "caption_entities",
                        item.caption.entities.as_slice(),
                    )];
                    self.send_raw(request.payload_ref(), &slots).await
                }
                None => self.edit_caption(to, copy, &item.caption).await,
            },
            // A kind this version does not know: only its caption can be edited.
            Content::Other { caption } if !caption.is_empty() => {
                self.edit_caption(to, copy, caption).await
            }
            _ => {
                return Err(SendError::Permanent(Failure::Rejected(
                    "this kind of message cannot be edited".into(),
                )));
            }
        };
        self.unless_unchanged(result.map(drop))
    }

    async fn edit_caption(
        &self,
        to: teloxide::types::ChatId,
        copy: MessageId,
        caption: &FormattedText,
    ) -> Result<Value, RequestError> {
        let request = self
            .bot
            .edit_message_caption(to, message(copy))
            .caption(caption.text.clone());
        let slots = [(
            String::new(),
            "caption_entities",
            caption.entities.as_slice(),
        )];
        self.send_raw(request.payload_ref(), &slots).await
    }

    /// "Message is not modified" means the copy already shows what was asked.
    fn unless_unchanged(&self, result: Result<(), RequestError>) -> Call<Delivered> {
        match result {
            Ok(()) | Err(RequestError::Api(ApiError::MessageNotModified)) => {
                Ok(Delivered::default())
            }
            Err(error) => Err(self.failed(error)),
        }
    }
}

impl Executor for TelegramExecutor {
    async fn execute(&self, effect: &Effect, workspace: Workspace) -> Result<Delivered, SendError> {
        let result = self.run(effect, workspace).await;
        if writes_to_team_chats(Lane::of(effect)) {
            result.map_err(errors::in_team_chat)
        } else {
            result
        }
    }

    fn chat_of(&self, lane: &Lane) -> (ChatId, ChatClass) {
        let workspace = self.current.get();
        match lane.destination {
            Destination::Channel => (workspace.card_chat(), ChatClass::Group),
            Destination::TeamChat => (workspace.thread_chat(), ChatClass::Group),
            Destination::Private(user) => (user.private_chat(), ChatClass::Private),
            Destination::Inline(user) => (user.private_chat(), ChatClass::Unlimited),
        }
    }
}

/// Where a notice goes.
#[derive(Clone, Copy, Default)]
struct Reply {
    /// The topic and the message to reply to.
    to: Placement,
    /// Whether to send anyway if that message is gone.
    optional: bool,
    /// Where to send instead if that message is gone.
    fallback: Option<Placement>,
}

fn reply_parameters(target: MessageId, optional: bool) -> ReplyParameters {
    let parameters = ReplyParameters::new(message(target));
    if optional {
        parameters.allow_sending_without_reply()
    } else {
        parameters
    }
}

fn linked(customer: UserId, private: MessageId, team: (ChatId, MessageId)) -> Delivered {
    Delivered {
        links: vec![(customer, private, team)],
        events: Vec::new(),
    }
}

fn is_missing_reply<T>(result: &Result<T, RequestError>) -> bool {
    matches!(
        result,
        Err(RequestError::Api(ApiError::MessageToReplyNotFound))
    )
}

fn storage_failed(error: crate::desk::StateError) -> SendError {
    SendError::Transient(error.to_string())
}
