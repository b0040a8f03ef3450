//! Answers to users' queries: `answerInlineQuery` and `answerCallbackQuery`.

use serde_json::Value;

use super::Request;
use crate::error::ApiError;
use crate::inline::{CallbackAnswer, InlineAnswer, check_results};

/// `answerInlineQuery`: the query must be this bot's, unanswered and younger than
/// `SimConfig::inline_query_ttl`; results are validated and recorded.
pub(super) fn answer_inline_query(request: &mut Request<'_>) -> Result<Value, ApiError> {
    let results = request.array("results").to_vec();
    check_results(&results)?;
    let answer = InlineAnswer {
        results,
        cache_time: request.int("cache_time"),
        is_personal: request.flag("is_personal"),
        next_offset: request.str("next_offset").map(str::to_owned),
        button: request.value("button").cloned(),
    };
    let ttl = request.world.config.inline_query_ttl;
    let id = request
        .str("inline_query_id")
        .unwrap_or_default()
        .to_owned();
    let query = request
        .world
        .inline
        .queries
        .get_mut(&id)
        .filter(|query| {
            query.bot == request.bot && query.answer.is_none() && query.created.elapsed() <= ttl
        })
        .ok_or_else(ApiError::query_too_old)?;
    query.answer = Some(answer);
    request.world.touch();
    Ok(Value::Bool(true))
}

/// `answerCallbackQuery`: the query must be this bot's and unanswered.
pub(super) fn answer_callback_query(request: &mut Request<'_>) -> Result<Value, ApiError> {
    let answer = CallbackAnswer {
        text: request.str("text").map(str::to_owned),
        show_alert: request.flag("show_alert"),
        url: request.str("url").map(str::to_owned),
    };
    let id = request
        .str("callback_query_id")
        .unwrap_or_default()
        .to_owned();
    let query = request
        .world
        .inline
        .callbacks
        .get_mut(&id)
        .filter(|query| query.bot == request.bot && query.answer.is_none())
        .ok_or_else(ApiError::query_too_old)?;
    query.answer = Some(answer);
    request.world.touch();
    Ok(Value::Bool(true))
}
