//! Answers to inline queries: the canned replies a team member may insert, or, while their
//! membership is unchecked, a button that starts the check in the private chat.

use teloxide::payloads::AnswerInlineQuerySetters;
use teloxide::prelude::*;
use teloxide::requests::HasPayload;
use teloxide::types::{InlineQueryId, InlineQueryResultsButton, InlineQueryResultsButtonKind};
use teloxide::{ApiError, RequestError};

use super::{Call, TelegramExecutor, not_in_family};
use crate::desk::{Effect, MEMBERSHIP_CHECK_START};
use crate::pipeline::sender::Delivered;
use crate::telegram::inline;

impl TelegramExecutor {
    /// Carries out an answer to an inline query.
    pub(super) async fn answer_inline(&self, effect: &Effect) -> Call<Delivered> {
        match effect {
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
            other => not_in_family("inline answer", other),
        }
    }
}
