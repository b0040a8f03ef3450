//! The write routes (messages are in `messages.rs`). Each validates its body, stores an [`ApiRequest`] in the inbox and waits
//! for the desk's answer: the desk changes the records, queues the effects and answers in one
//! transaction, so nothing here edits a record. A write the desk has not answered within
//! `api_timeout` answers 202 with the id to poll.

use std::time::Duration;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use super::auth::authorize;
use super::body;
use super::errors::ErrorBody;
use super::views::{
    AssigneeBody, CloseBody, DeliveryView, EmptyBody, FieldsBody, PriorityBody, TagsBody,
    WriteResult,
};
use super::{ApiError, ApiState};
use crate::config::Access;
use crate::desk::{ApiAction, ApiAnswer, ApiRequest, Event};
use crate::domain::{Member, UserId};
use crate::pipeline::{inbox, integrations};

/// How often a waiting write looks for the desk's answer.
pub(super) const POLL: Duration = Duration::from_millis(5);

/// Closes the customer's current ticket (the customer gets the end message, as with `/close`).
#[utoipa::path(post, path = "/api/v1/customers/{id}/close", request_body = CloseBody,
    params(("id" = i64, Path, description = "The customer's Telegram id")), security(("token" = [])),
    responses((status = 200, body = WriteResult), (status = 404, body = ErrorBody), (status = 409, description = "Closed already, or no ticket", body = ErrorBody)))]
pub async fn close(
    State(state): State<ApiState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    bytes: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let (token, customer, body) = prepare::<CloseBody>(&state, &headers, &id, bytes)?;
    let action = ApiAction::Close { note: body.note };
    write(&state, token, customer, action).await
}

/// Opens the customer's next ticket when the current one is closed (as `/new` does).
#[utoipa::path(post, path = "/api/v1/customers/{id}/reopen", request_body = EmptyBody,
    params(("id" = i64, Path, description = "The customer's Telegram id")), security(("token" = [])),
    responses((status = 200, body = WriteResult), (status = 404, body = ErrorBody), (status = 409, description = "Open already, or the customer blocked the bot", body = ErrorBody)))]
pub async fn reopen(
    State(state): State<ApiState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    bytes: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let (token, customer, EmptyBody {}) = prepare::<EmptyBody>(&state, &headers, &id, bytes)?;
    write(&state, token, customer, ApiAction::Reopen).await
}

/// Sets the current ticket's priority (as `/p`).
#[utoipa::path(put, path = "/api/v1/customers/{id}/priority", request_body = PriorityBody,
    params(("id" = i64, Path, description = "The customer's Telegram id")), security(("token" = [])),
    responses((status = 200, body = WriteResult), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn priority(
    State(state): State<ApiState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    bytes: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let (token, customer, body) = prepare::<PriorityBody>(&state, &headers, &id, bytes)?;
    let action = ApiAction::SetPriority { level: body.level };
    write(&state, token, customer, action).await
}

/// Adds and removes the customer's tags (all or nothing).
#[utoipa::path(post, path = "/api/v1/customers/{id}/tags", request_body = TagsBody,
    params(("id" = i64, Path, description = "The customer's Telegram id")), security(("token" = [])),
    responses((status = 200, body = WriteResult), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn tags(
    State(state): State<ApiState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    bytes: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let (token, customer, body) = prepare::<TagsBody>(&state, &headers, &id, bytes)?;
    let action = ApiAction::Tags {
        add: body.add,
        remove: body.remove,
    };
    write(&state, token, customer, action).await
}

/// Assigns the current ticket to a team member, or unassigns it (`null`).
#[utoipa::path(put, path = "/api/v1/customers/{id}/assignee", request_body = AssigneeBody,
    params(("id" = i64, Path, description = "The customer's Telegram id")), security(("token" = [])),
    responses((status = 200, body = WriteResult), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn assignee(
    State(state): State<ApiState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    bytes: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let (token, customer, body) = prepare::<AssigneeBody>(&state, &headers, &id, bytes)?;
    let assignee = match body.assignee {
        None => None,
        Some(member) => {
            let name = member.name.trim();
            if member.id <= 0 || name.is_empty() || name.chars().count() > 64 {
                return Err(ApiError::InvalidValue(
                    "assignee: a positive account id and a name of 1-64 characters".into(),
                ));
            }
            Some(Member {
                id: UserId(member.id),
                name: name.to_owned(),
            })
        }
    };
    write(&state, token, customer, ApiAction::Assign { assignee }).await
}

/// Sets and clears the customer's contact fields (all or nothing).
#[utoipa::path(post, path = "/api/v1/customers/{id}/fields", request_body = FieldsBody,
    params(("id" = i64, Path, description = "The customer's Telegram id")), security(("token" = [])),
    responses((status = 200, body = WriteResult), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn fields(
    State(state): State<ApiState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    bytes: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let (token, customer, body) = prepare::<FieldsBody>(&state, &headers, &id, bytes)?;
    let action = ApiAction::Fields {
        set: body.set,
        clear: body.clear,
    };
    write(&state, token, customer, action).await
}

/// Checks the token (write access), the customer id and the body.
pub(super) fn prepare<T: DeserializeOwned>(
    state: &ApiState,
    headers: &HeaderMap,
    id: &str,
    bytes: Result<Bytes, BytesRejection>,
) -> Result<(String, UserId, T), ApiError> {
    let caller = authorize(state, headers, Access::Write)?;
    let customer = id
        .parse::<i64>()
        .map(UserId)
        .map_err(|_| ApiError::Refused(crate::desk::ApiRefusal::UnknownCustomer))?;
    let body = body::parse(headers, bytes, state.settings.json_limit)?;
    Ok((caller.name, customer, body))
}

/// Submits a write other than a message and answers with the desk's decision.
async fn write(
    state: &ApiState,
    token: String,
    customer: UserId,
    action: ApiAction,
) -> Result<Response, ApiError> {
    let id = state.store.generate_id()?;
    let (request, answer) = submit(state, token, customer, action, id).await?;
    match answer {
        Some(ApiAnswer::Done { ticket }) => Ok(Json(WriteResult {
            status: "ok".into(),
            request,
            ticket: ticket.map(|number| number.0),
        })
        .into_response()),
        Some(ApiAnswer::Refused(refusal)) => Err(ApiError::Refused(refusal)),
        Some(ApiAnswer::Queued) | None => {
            let view = DeliveryView {
                delivery: request,
                status: "accepted".into(),
                message_id: None,
                reason: None,
            };
            Ok((StatusCode::ACCEPTED, Json(view)).into_response())
        }
    }
}

/// Stores the request in the inbox, wakes the desk and waits (up to `api_timeout`) for its
/// answer, made durable before it is returned.
pub(super) async fn submit(
    state: &ApiState,
    token: String,
    customer: UserId,
    action: ApiAction,
    id: u64,
) -> Result<(u64, Option<ApiAnswer>), ApiError> {
    let request = ApiRequest {
        id,
        token,
        customer,
        action,
    };
    inbox::push_event_now(&state.store, Event::Api(request))?;
    state.store.flush().await;
    state.inbox_wake.notify_one();
    let deadline = tokio::time::Instant::now() + state.settings.api_timeout;
    loop {
        if let Some(answer) = integrations::answer(&state.store, id)? {
            // The answer is only given once the change it describes is on disk.
            state.store.flush().await;
            return Ok((id, Some(answer)));
        }
        if tokio::time::Instant::now() >= deadline {
            return Ok((id, None));
        }
        tokio::time::sleep(POLL).await;
    }
}
