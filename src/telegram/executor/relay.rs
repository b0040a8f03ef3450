//! Relaying messages both ways: a customer's message or album copied into their thread, a team
//! message or album copied to the customer. Reply targets are found through the stored message
//! links; a reply target that is gone falls back to the thread's root.

use teloxide::payloads::{CopyMessageSetters, CopyMessagesSetters, SendMediaGroupSetters};
use teloxide::prelude::*;
use teloxide::requests::HasPayload;
use teloxide::types::{InputMedia, ReplyParameters};
use teloxide::{ApiError, RequestError};

use super::{Call, TelegramExecutor, not_in_family, reply_parameters, storage_failed};
use crate::desk::{DeskState, Effect, Failure};
use crate::domain::{ChatId, Entity, MediaItem, MessageId, UserId, Workspace};
use crate::pipeline::sender::{Delivered, SendError};
use crate::telegram::convert::input_media;
use crate::telegram::raw_call::message_ids;
use crate::telegram::workspace::{chat, message};

impl TelegramExecutor {
    /// Carries out a relay effect.
    pub(super) async fn relay(&self, effect: &Effect, workspace: Workspace) -> Call<Delivered> {
        let thread_chat = workspace.thread_chat();
        let threads = chat(thread_chat);
        match effect {
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
            Effect::FilledToCustomer {
                customer,
                message: source,
                content,
                copy_from,
                reply_to,
            } => {
                let target = self.customer_target(thread_chat, *customer, *reply_to)?;
                let reply = target.map(|target| reply_parameters(target, true));
                let sent = self
                    .send_filled(*customer, threads, content, *copy_from, reply)
                    .await
                    .map_err(|error| self.failed(error))?;
                let sent = message_ids(&sent)
                    .first()
                    .copied()
                    .ok_or_else(|| SendError::Transient("Telegram sent no message id".into()))?;
                Ok(linked(*customer, sent, (thread_chat, *source)))
            }
            Effect::CopiesToCustomer {
                customer,
                message: source,
                chat: from,
                messages,
            } => {
                let copies = self
                    .copy_all(customer.private_chat(), *from, messages)
                    .await
                    .map_err(|error| self.failed(error))?;
                let links = copies
                    .into_iter()
                    .map(|copy| (*customer, copy, (thread_chat, *source)))
                    .collect();
                Ok(Delivered {
                    links,
                    events: Vec::new(),
                })
            }
            other => not_in_family("relay", other),
        }
    }

    /// Copies messages of `from` into `to`: one with `copyMessage`, several (an album stays
    /// one) with `copyMessages`; the copies' ids, in order.
    pub(super) async fn copy_all(
        &self,
        to: ChatId,
        from: ChatId,
        messages: &[MessageId],
    ) -> Result<Vec<MessageId>, RequestError> {
        Ok(match messages {
            [single] => {
                let copy = self
                    .bot
                    .copy_message(chat(to), chat(from), message(*single))
                    .await?;
                vec![MessageId(copy.0)]
            }
            items => self
                .bot
                .copy_messages(chat(to), chat(from), items.iter().map(|id| message(*id)))
                .await?
                .iter()
                .map(|copy| MessageId(copy.0))
                .collect(),
        })
    }

    /// The thread message a relayed customer message should reply to.
    pub(super) fn thread_target(
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
    pub(super) fn thread_failure(&self, error: RequestError) -> SendError {
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
}

pub(super) fn linked(customer: UserId, private: MessageId, team: (ChatId, MessageId)) -> Delivered {
    Delivered {
        links: vec![(customer, private, team)],
        events: Vec::new(),
    }
}

pub(super) fn is_missing_reply<T>(result: &Result<T, RequestError>) -> bool {
    matches!(
        result,
        Err(RequestError::Api(ApiError::MessageToReplyNotFound))
    )
}
