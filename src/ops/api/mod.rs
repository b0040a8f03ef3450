//! The HTTP API under `/api/v1`, served beside `/healthz` and `/metrics` when `api_tokens` are
//! configured: customers and tickets to read, and writes that go through the desk like the
//! team's commands (never by editing records here).
//!
//! Files:
//! - `mod.rs`: the router, its state, and the per-request timeout.
//! - `auth.rs`: bearer tokens compared in constant time, read and write access, rate limits.
//! - `errors.rs`: [`ApiError`], the JSON error with a stable `code`.
//! - `body.rs`: JSON bodies: size limit, malformed JSON, unknown fields and wrong types.
//! - `views.rs`: customers, tickets and answers as the API shows them.
//! - `reads.rs`: the read routes (customers by segment, tickets by filter, deliveries, audit).
//! - `ticket_filter.rs`: the query of `GET /tickets` and the filter it makes.
//! - `messages.rs`: messages to customers: texts, and files by URL or upload.
//! - `writes.rs`: the other write routes, handed to the desk through the inbox and answered by it.
//! - `openapi.rs`: the OpenAPI document generated from the routes and views.

mod auth;
mod body;
mod errors;
mod messages;
mod openapi;
mod reads;
mod ticket_filter;
mod views;
mod writes;

use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use tokio::sync::Notify;

use crate::config::IntegrationSettings;
use crate::storage::Store;

pub use errors::ApiError;

/// What the API's routes use.
#[derive(Clone)]
pub struct ApiState {
    /// The database (read directly; writes go through the inbox).
    pub store: Store,
    /// Wakes the processor when a write is stored in the inbox.
    pub inbox_wake: Arc<Notify>,
    /// Tokens, limits and timeouts.
    pub settings: Arc<IntegrationSettings>,
    /// Per-token request budgets.
    pub budgets: Arc<auth::Budgets>,
}

impl ApiState {
    /// The API's state over this database and settings.
    pub fn new(store: Store, inbox_wake: Arc<Notify>, settings: IntegrationSettings) -> ApiState {
        ApiState {
            store,
            inbox_wake,
            budgets: Arc::new(auth::Budgets::new(settings.rate_per_minute)),
            settings: Arc::new(settings),
        }
    }
}

/// The API's routes, under `/api/v1`.
pub fn router(state: ApiState) -> Router {
    let json_limit = state.settings.json_limit;
    // Messages may carry an upload; their JSON bodies are held to `json_limit` when read.
    let upload_limit = state.settings.upload_limit.max(json_limit);
    let routes = Router::new()
        .route("/customers", get(reads::list_customers))
        .route("/customers/{id}", get(reads::get_customer))
        .route("/customers/{id}/tickets", get(reads::customer_tickets))
        .route("/tickets", get(reads::list_tickets))
        .route("/deliveries/{id}", get(reads::get_delivery))
        .route("/audit", get(reads::audit))
        .route(
            "/customers/{id}/messages",
            post(messages::send_message).layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route("/customers/{id}/close", post(writes::close))
        .route("/customers/{id}/reopen", post(writes::reopen))
        .route("/customers/{id}/priority", put(writes::priority))
        .route("/customers/{id}/tags", post(writes::tags))
        .route("/customers/{id}/assignee", put(writes::assignee))
        .route("/customers/{id}/fields", post(writes::fields))
        .route("/openapi.json", get(openapi::document))
        .fallback(|| async { ApiError::NotFound.into_response() })
        .layer(DefaultBodyLimit::max(json_limit))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            within_timeout,
        ))
        .with_state(state);
    Router::new().nest("/api/v1", routes)
}

/// Answers 503 `timeout` when a request takes longer than `api_timeout` (plus a margin for
/// writes, which answer 202 themselves when the desk is slow).
async fn within_timeout(State(state): State<ApiState>, request: Request, next: Next) -> Response {
    let limit = state.settings.api_timeout + std::time::Duration::from_secs(2);
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::Timeout.into_response(),
    }
}
