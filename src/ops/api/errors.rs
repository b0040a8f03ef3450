//! The API's errors: a status and a JSON body `{"error": {"code": ..., "message": ...}}` whose
//! `code` is stable for callers to match on, and whose message says what to fix.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::desk::ApiRefusal;

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No token, or not a known one.
    #[error("a valid API token is required: Authorization: Bearer <token>")]
    Unauthorized,
    /// A read token on a write route.
    #[error("this token may only read")]
    Forbidden,
    /// The token used up its requests per minute.
    #[error("too many requests for this token; retry in {0} seconds")]
    RateLimited(u64),
    /// The body is not JSON.
    #[error("the body is not valid JSON: {0}")]
    MalformedJson(String),
    /// The JSON does not have the expected shape (unknown fields, wrong types, missing fields).
    #[error("the body does not match the expected shape: {0}")]
    InvalidBody(String),
    /// A value is out of range or badly formed.
    #[error("invalid {0}")]
    InvalidValue(String),
    /// The body is larger than allowed.
    #[error("the body is larger than {0} bytes")]
    BodyTooLarge(usize),
    /// The JSON body needs `Content-Type: application/json`.
    #[error("send the body as Content-Type: application/json")]
    UnsupportedMediaType,
    /// A query parameter is wrong.
    #[error("invalid query: {0}")]
    InvalidQuery(String),
    /// No such route or record.
    #[error("not found")]
    NotFound,
    /// The desk refused the write; nothing changed.
    #[error("{}", refusal_message(.0))]
    Refused(ApiRefusal),
    /// A message sent through the API could not be delivered (its code says why).
    #[error("the message could not be delivered: {0}")]
    Undelivered(&'static str),
    /// The request took longer than allowed.
    #[error("the request took too long")]
    Timeout,
    /// The database failed.
    #[error("internal error; see the bot's log")]
    Internal,
}

/// The JSON error body.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// What went wrong.
    pub error: ErrorDetail,
}

/// The code and message of an error.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable, machine-readable (`unauthorized`, `unknown_customer`, ...).
    pub code: String,
    /// For people.
    pub message: String,
}

impl ApiError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Unauthorized => "unauthorized",
            ApiError::Forbidden => "forbidden",
            ApiError::RateLimited(_) => "rate_limited",
            ApiError::MalformedJson(_) => "malformed_json",
            ApiError::InvalidBody(_) => "invalid_body",
            ApiError::InvalidValue(_) => "invalid_value",
            ApiError::BodyTooLarge(_) => "body_too_large",
            ApiError::UnsupportedMediaType => "unsupported_media_type",
            ApiError::InvalidQuery(_) => "invalid_query",
            ApiError::NotFound => "not_found",
            ApiError::Refused(refusal) => refusal.code(),
            ApiError::Undelivered(code) => code,
            ApiError::Timeout => "timeout",
            ApiError::Internal => "internal",
        }
    }

    fn status(&self) -> StatusCode {
        match self {
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden => StatusCode::FORBIDDEN,
            ApiError::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::MalformedJson(_) | ApiError::InvalidQuery(_) => StatusCode::BAD_REQUEST,
            ApiError::InvalidBody(_) | ApiError::InvalidValue(_) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            ApiError::BodyTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::Refused(ApiRefusal::UnknownCustomer) => StatusCode::NOT_FOUND,
            ApiError::Refused(
                ApiRefusal::InvalidTag(_)
                | ApiRefusal::InvalidField(_)
                | ApiRefusal::InvalidPriority,
            ) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Refused(_) | ApiError::Undelivered(_) => StatusCode::CONFLICT,
            ApiError::Timeout => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

fn refusal_message(refusal: &ApiRefusal) -> String {
    match refusal {
        ApiRefusal::UnknownCustomer => "no customer with this id has written to the bot".into(),
        ApiRefusal::CustomerBlocked => {
            "the customer blocked the bot or deleted their account".into()
        }
        ApiRefusal::CustomerBanned => "the customer is banned".into(),
        ApiRefusal::NoTicket => "the customer has no ticket yet".into(),
        ApiRefusal::TicketAlreadyClosed => "the customer's ticket is closed already".into(),
        ApiRefusal::TicketAlreadyOpen => "the customer's ticket is open already".into(),
        ApiRefusal::InvalidTag(tag) => format!(
            "invalid tag {tag:?}: 1-32 letters, digits, _, - or : (or the customer has too many tags)"
        ),
        ApiRefusal::InvalidField(why) => format!("invalid field {why}"),
        ApiRefusal::InvalidPriority => "priority level must be from 0 to 3".into(),
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code().to_owned(),
                message: self.to_string(),
            },
        };
        let mut response = (self.status(), Json(body)).into_response();
        if let ApiError::RateLimited(seconds) = self {
            if let Ok(value) = seconds.to_string().parse() {
                response.headers_mut().insert("retry-after", value);
            }
        }
        response
    }
}

impl From<crate::storage::StorageError> for ApiError {
    fn from(error: crate::storage::StorageError) -> Self {
        tracing::error!(%error, "the API cannot read the database");
        ApiError::Internal
    }
}

impl From<crate::desk::StateError> for ApiError {
    fn from(error: crate::desk::StateError) -> Self {
        tracing::error!(%error, "the API cannot read the database");
        ApiError::Internal
    }
}
