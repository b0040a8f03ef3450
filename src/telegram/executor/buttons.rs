//! Messages with inline buttons, sent and rewritten, and the answers to pressed buttons.
//!
//! Each button's action is written into its `callback_data` ([`callback_data`]); labels are
//! notices rendered as plain text in the reader's language. A long text is split and the
//! buttons go under its last part. Rewriting a message into what it already shows, and
//! answering a press Telegram no longer waits for, succeed quietly.

use teloxide::payloads::{AnswerCallbackQuerySetters, EditMessageTextSetters, SendMessageSetters};
use teloxide::prelude::*;
use teloxide::types::{
    CallbackQueryId, InlineKeyboardButton, InlineKeyboardMarkup, ParseMode, ReplyParameters,
};
use teloxide::{ApiError, RequestError};

use super::{Call, TEXT_LIMIT, TelegramExecutor, not_in_family};
use crate::desk::{Effect, Failure, Keyboard, Notice, Reader};
use crate::domain::Workspace;
use crate::pipeline::sender::{Delivered, SendError};
use crate::telegram::callback_data;
use crate::telegram::html;
use crate::telegram::workspace::{chat, message, no_preview, thread_id};

/// Telegram's limit for the text of an answer to a pressed button, in characters.
const ANSWER_LIMIT: usize = 200;

impl TelegramExecutor {
    /// Carries out an effect of the buttons family.
    pub(super) async fn buttons(&self, effect: &Effect, workspace: Workspace) -> Call<Delivered> {
        match effect {
            Effect::SendButtons {
                chat: to,
                thread,
                reply_to,
                reader,
                notice,
                keyboard,
                ..
            } => {
                let (parts, markup) = self.render(reader, notice, keyboard)?;
                let in_team_chat = *to == workspace.thread_chat();
                let (topic, reply_to) = match workspace {
                    Workspace::Forum { .. } if in_team_chat => (thread.map(thread_id), *reply_to),
                    Workspace::Channel { .. } if in_team_chat => (None, reply_to.or(*thread)),
                    _ => (None, *reply_to),
                };
                let last = parts.len().saturating_sub(1);
                for (index, part) in parts.into_iter().enumerate() {
                    let mut request = self
                        .bot
                        .send_message(chat(*to), part)
                        .parse_mode(ParseMode::Html)
                        .link_preview_options(no_preview());
                    if let Some(topic) = topic {
                        request = request.message_thread_id(topic);
                    }
                    if let Some(target) = reply_to {
                        request = request.reply_parameters(
                            ReplyParameters::new(message(target)).allow_sending_without_reply(),
                        );
                    }
                    if index == last {
                        request = request.reply_markup(markup.clone());
                    }
                    request.await.map_err(|error| self.failed(error))?;
                }
                Ok(Delivered::default())
            }
            Effect::EditButtons {
                chat: to,
                message: id,
                reader,
                notice,
                keyboard,
                ..
            } => {
                let (parts, markup) = self.render(reader, notice, keyboard)?;
                let text = parts.into_iter().next().unwrap_or_default();
                let edit = self
                    .bot
                    .edit_message_text(chat(*to), message(*id), text)
                    .parse_mode(ParseMode::Html)
                    .link_preview_options(no_preview())
                    .reply_markup(markup)
                    .await;
                match edit {
                    Ok(_) | Err(RequestError::Api(ApiError::MessageNotModified)) => {
                        Ok(Delivered::default())
                    }
                    Err(error) => Err(self.failed(error)),
                }
            }
            Effect::AnswerButton {
                query,
                reader,
                notice,
                alert,
                ..
            } => {
                let mut request = self
                    .bot
                    .answer_callback_query(CallbackQueryId(query.clone()))
                    .show_alert(*alert);
                if let Some(notice) = notice {
                    let text = self.plain(notice, self.language(reader));
                    request = request.text(text.chars().take(ANSWER_LIMIT).collect::<String>());
                }
                match request.await {
                    // A press answered too late cannot be answered again; the spinner stops.
                    Ok(_) | Err(RequestError::Api(ApiError::InvalidQueryId)) => {
                        Ok(Delivered::default())
                    }
                    Err(error) => Err(self.failed(error)),
                }
            }
            other => not_in_family("buttons", other),
        }
    }

    /// The text, cut into messages, and the buttons, in the reader's language.
    fn render(
        &self,
        reader: &Reader,
        notice: &Notice,
        keyboard: &Keyboard,
    ) -> Call<(Vec<String>, InlineKeyboardMarkup)> {
        let language = self.language(reader);
        let markup = self.markup(keyboard, language)?;
        let html = self.localizer.notice(notice, language);
        Ok((html::split(&html, TEXT_LIMIT), markup))
    }

    /// The reader's language.
    fn language(&self, reader: &Reader) -> &str {
        match reader {
            Reader::Team => self.localizer.team_language(),
            Reader::Customer { language } => self.localizer.customer_language(language.as_deref()),
        }
    }

    /// A notice as plain text.
    fn plain(&self, notice: &Notice, language: &str) -> String {
        html::to_text(&self.localizer.notice(notice, language))
    }

    /// The keyboard as Telegram's markup; an action too long for a button fails the effect for
    /// good (a bug to fix, reported like any message that could not be sent).
    fn markup(&self, keyboard: &Keyboard, language: &str) -> Call<InlineKeyboardMarkup> {
        let mut rows = Vec::with_capacity(keyboard.rows.len());
        for row in &keyboard.rows {
            let mut buttons = Vec::with_capacity(row.len());
            for button in row {
                let data = callback_data::encode(&button.action).map_err(|error| {
                    tracing::error!(%error, "a button's action does not fit in its data");
                    SendError::Permanent(Failure::Rejected(error.to_string()))
                })?;
                buttons.push(InlineKeyboardButton::callback(
                    self.plain(&button.label, language),
                    data,
                ));
            }
            rows.push(buttons);
        }
        Ok(InlineKeyboardMarkup::new(rows))
    }
}
