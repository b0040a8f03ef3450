//! Notices: notes in a thread, answers to the team, messages in the team chat, what the bot
//! tells a customer and what it tells an admin. A long notice is split into several messages;
//! a notice quoting user text keeps its entities under a plain header; a note whose reply target
//! is gone answers the thread's root instead.

use teloxide::payloads::SendMessageSetters;
use teloxide::prelude::*;
use teloxide::requests::HasPayload;
use teloxide::types::ParseMode;
use teloxide::{ApiError, RequestError};

use super::{Call, TEXT_LIMIT, TelegramExecutor, not_in_family};
use crate::desk::{Effect, Notice};
use crate::domain::{Entity, FormattedText, Workspace, split_with_header};
use crate::pipeline::sender::Delivered;
use crate::telegram::html;
use crate::telegram::workspace::{Placement, chat, no_preview, thread_id};

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

impl TelegramExecutor {
    /// Carries out a notice effect.
    pub(super) async fn notice(&self, effect: &Effect, workspace: Workspace) -> Call<Delivered> {
        let threads = chat(workspace.thread_chat());
        match effect {
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
            other => not_in_family("notice", other),
        }
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
}
