//! Carrying out effects with Bot API calls. What differs between the channel and forum layouts
//! (cards, placing messages in a thread) is in [`workspace`](super::workspace).
//!
//! References the desk could not know (the thread copy of a customer message, the customer's
//! copy of a team message) are resolved here through the stored message links, just before the
//! call; the new links a call creates are returned for the sender to store with its completion.
//!
//! One file per family of effects:
//! - `mod.rs`: the [`TelegramExecutor`], the dispatch by family, and the raw sending shared by all.
//! - `cards.rs`: posting, editing, opening, closing and deleting a customer's card.
//! - `relay.rs`: copies and albums both ways, reply targets found through the message links.
//! - `notices.rs`: notes, answers, team-chat messages and admin notifications, split when long,
//!   sent again as plain text when Telegram refuses their formatting.
//! - `edits.rs`: edits both ways, applied to the other side's copy.
//! - `filled.rs`: team messages and canned replies sent with their variables filled.
//! - `mirror.rs`: the existing bot's messages (behind the proxy) mirrored into threads.
//! - `api_messages.rs`: texts sent through the HTTP API, their delivery recorded for the caller.
//! - `broadcasts.rs`: a broadcast's copy to one recipient (a message or an album's items).
//! - `buttons.rs`: messages with inline buttons, sent and rewritten, and answers to presses.
//! - `inline_answers.rs`: answers to inline queries (canned replies, or the membership button).
//! - `reports.rs`: statistics reports: the tickets tallied, the chart drawn, both sent.
//! - `exports.rs`: exports made from the database and sent as documents.
//! - `imports.rs`: the document of an `/import` downloaded and read, handed back to the desk.

use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;
use teloxide::RequestError;
use teloxide::prelude::*;
use teloxide::requests::Payload;
use teloxide::types::ReplyParameters;

use super::errors::{self, classify};
use super::raw_call::RawCall;
use super::workspace::message;
use crate::desk::{Effect, Failure};
use crate::domain::{ChatId, Entity, MessageId, Workspace};
use crate::i18n::Localizer;
use crate::pipeline::limiter::ChatClass;
use crate::pipeline::outbox::{Destination, Lane, writes_to_team_chats};
use crate::pipeline::sender::{Delivered, Executor, SendError};
use crate::pipeline::workspace::CurrentWorkspace;
use crate::storage::{Ledger, Store};

/// Sets a request's forum topic and reply target from a
/// [`Placement`](super::workspace::Placement).
macro_rules! placed {
    ($request:expr, $placement:expr, $optional:expr) => {{
        let placement: $crate::telegram::workspace::Placement = $placement;
        let mut request = $request;
        if let Some(thread) = placement.thread {
            request = request.message_thread_id(thread);
        }
        if let Some(target) = placement.reply_to {
            request = request.reply_parameters($crate::telegram::executor::reply_parameters(
                target, $optional,
            ));
        }
        request
    }};
}

mod api_messages;
mod broadcasts;
mod buttons;
mod cards;
mod edits;
mod exports;
mod filled;
mod imports;
mod inline_answers;
mod mirror;
mod notices;
mod relay;
mod reports;

/// Telegram's limit for message texts, in UTF-16 code units.
const TEXT_LIMIT: u32 = 4096;

/// Carries out effects in either layout.
pub struct TelegramExecutor {
    bot: Bot,
    current: CurrentWorkspace,
    store: Store,
    localizer: Arc<Localizer>,
    token: String,
}

/// The outcome of one Bot API step, failures already classified for the sender.
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

    /// Hands the effect to the function for its family.
    async fn run(&self, effect: &Effect, workspace: Workspace) -> Call<Delivered> {
        use Effect::*;
        match effect {
            PostCard { .. }
            | EditCard { .. }
            | OpenCard { .. }
            | CloseCard { .. }
            | DeleteCard { .. } => self.card(effect, workspace).await,
            CopyToThread { .. }
            | AlbumToThread { .. }
            | CopyToCustomer { .. }
            | AlbumToCustomer { .. }
            | FilledToCustomer { .. }
            | CopiesToCustomer { .. } => self.relay(effect, workspace).await,
            NoteInThread { .. }
            | NoteInTeamChat { .. }
            | AnswerTeam { .. }
            | TellCustomer { .. }
            | NotifyAdmin { .. } => self.notice(effect, workspace).await,
            EditThreadCopy { .. } | EditCustomerCopy { .. } => self.edit(effect, workspace).await,
            MirrorToThread { .. } | EditMirror { .. } => self.mirror(effect, workspace).await,
            AnswerInline { .. } | AnswerInlineUnchecked { .. } => self.answer_inline(effect).await,
            ApiMessage { .. } => self.api_message(effect).await,
            ApiFile { .. } => self.api_file(effect).await,
            SendButtons { .. } | EditButtons { .. } | AnswerButton { .. } => {
                self.buttons(effect, workspace).await
            }
            SendReport { .. } => self.report(effect, workspace).await,
            SendExport { .. } => self.export(effect, workspace).await,
            ReadImport { .. } => self.read_import(effect).await,
            BroadcastCopy { .. } => self.broadcast_copy(effect).await,
        }
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

/// Reply parameters for `target`; `optional` sends anyway if that message is gone.
fn reply_parameters(target: MessageId, optional: bool) -> ReplyParameters {
    let parameters = ReplyParameters::new(message(target));
    if optional {
        parameters.allow_sending_without_reply()
    } else {
        parameters
    }
}

/// A failure to read the stored message links: the sender tries again later.
fn storage_failed(error: crate::desk::StateError) -> SendError {
    SendError::Transient(error.to_string())
}

/// The dispatcher sent an effect to the wrong family: a bug in [`TelegramExecutor::run`],
/// reported as a failure the desk makes visible rather than a panic.
fn not_in_family(family: &str, effect: &Effect) -> Call<Delivered> {
    tracing::error!(
        effect = effect.kind(),
        family,
        "an effect reached the wrong executor family"
    );
    Err(SendError::Permanent(Failure::Rejected(format!(
        "internal error: {} is not a {family} effect",
        effect.kind()
    ))))
}
