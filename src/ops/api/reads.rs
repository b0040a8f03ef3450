//! The read routes: customers (by segment, paged by id), a customer, their tickets, tickets
//! by filter (paged by customer and number), a delivery's status and the audit log.
//!
//! A page examines at most [`SCAN_LIMIT`] records, so a filter that matches few customers
//! answers quickly with a short page and a cursor to go on from.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use serde::Deserialize;
use utoipa::IntoParams;

use super::auth::authorize;
use super::errors::ErrorBody;
use super::ticket_filter::{TicketFilter, TicketQuery};
use super::views::{
    AuditPage, AuditView, CustomerPage, CustomerView, DeliveryView, TicketPage, TicketView,
};
use super::{ApiError, ApiState};
use crate::config::Access;
use crate::desk::{ApiAnswer, DeskState};
use crate::domain::{Customer, Segment, Ticket, UserId};
use crate::pipeline::clock;
use crate::pipeline::integrations::{self, DeliveryStatus};
use crate::storage::{Ledger, TreeName, codec, keys};

/// The most records one page examines.
pub const SCAN_LIMIT: usize = 5_000;
/// The default and largest page sizes.
const DEFAULT_LIMIT: usize = 50;
const MAX_LIMIT: usize = 500;

/// Query of `GET /customers`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CustomerQuery {
    /// A segment: terms `open`, `closed`, `tag:x`, `origin:y`, `lang:xx`, `active:Nd` joined
    /// with `+` (all must hold), alternatives separated by `,`.
    segment: Option<String>,
    /// From `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Page size, 1-500 (default 50).
    limit: Option<usize>,
}

/// Query of `GET /audit`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// The `id` of the last line already read.
    after: Option<u64>,
    /// Page size, 1-500 (default 50).
    limit: Option<usize>,
}

/// Lists customers, optionally in a segment.
#[utoipa::path(get, path = "/api/v1/customers", params(CustomerQuery), security(("token" = [])),
    responses((status = 200, body = CustomerPage), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn list_customers(
    State(state): State<ApiState>,
    headers: HeaderMap,
    query: Result<Query<CustomerQuery>, QueryRejection>,
) -> Result<Json<CustomerPage>, ApiError> {
    authorize(&state, &headers, Access::Read)?;
    let Query(query) = query.map_err(|rejection| ApiError::InvalidQuery(rejection.body_text()))?;
    let segment = query
        .segment
        .as_deref()
        // A `+` left unescaped in a URL arrives as a space.
        .map(|text| Segment::parse(&text.replace(' ', "+")))
        .transpose()
        .map_err(|error| ApiError::InvalidQuery(format!("segment: {error}")))?;
    let limit = page_size(query.limit)?;
    let after = match query.cursor.as_deref() {
        None => None,
        Some(text) => Some(text.parse::<i64>().map_err(|_| bad_cursor())?),
    };
    let store = state.store.clone();
    tokio::task::spawn_blocking(move || {
        let ledger = Ledger::new(&store);
        let tree = store
            .db()
            .open_tree(TreeName::Customers.as_str())
            .map_err(crate::storage::StorageError::from)?;
        let start = after.map_or([0u8; 8], |id| keys::signed(id.saturating_add(1)));
        let now = clock::now();
        let mut customers = Vec::new();
        let mut last = None;
        let mut examined = 0;
        for entry in tree.range(start..) {
            let (key, value) = entry.map_err(crate::storage::StorageError::from)?;
            examined += 1;
            let customer: Customer = codec::decode(&value).map_err(to_internal)?;
            last = keys::read_signed(&key);
            let ticket = current_ticket(&ledger, &customer)?;
            if segment
                .as_ref()
                .is_none_or(|segment| segment.matches(&customer, ticket.as_ref(), now))
            {
                customers.push(CustomerView::new(&customer, ticket.as_ref()));
            }
            if customers.len() >= limit || examined >= SCAN_LIMIT {
                break;
            }
        }
        let more = last.is_some_and(|id| {
            tree.range(keys::signed(id.saturating_add(1))..)
                .next()
                .is_some()
        });
        Ok(Json(CustomerPage {
            customers,
            next_cursor: last.filter(|_| more).map(|id| id.to_string()),
        }))
    })
    .await
    .map_err(|_| ApiError::Internal)?
}

/// One customer with their current ticket.
#[utoipa::path(get, path = "/api/v1/customers/{id}", params(("id" = i64, Path, description = "The customer's Telegram id")),
    security(("token" = [])), responses((status = 200, body = CustomerView), (status = 404, body = ErrorBody)))]
pub async fn get_customer(
    State(state): State<ApiState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<CustomerView>, ApiError> {
    authorize(&state, &headers, Access::Read)?;
    let ledger = Ledger::new(&state.store);
    let customer = find_customer(&ledger, &id)?;
    let ticket = current_ticket(&ledger, &customer)?;
    Ok(Json(CustomerView::new(&customer, ticket.as_ref())))
}

/// Every ticket of one customer, oldest first.
#[utoipa::path(get, path = "/api/v1/customers/{id}/tickets", params(("id" = i64, Path, description = "The customer's Telegram id")),
    security(("token" = [])), responses((status = 200, body = TicketPage), (status = 404, body = ErrorBody)))]
pub async fn customer_tickets(
    State(state): State<ApiState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<TicketPage>, ApiError> {
    authorize(&state, &headers, Access::Read)?;
    let ledger = Ledger::new(&state.store);
    let customer = find_customer(&ledger, &id)?;
    let mut tickets = Vec::new();
    for (_, value) in
        state
            .store
            .scan_prefix(TreeName::Tickets, &keys::customer(customer.id), usize::MAX)?
    {
        let ticket: Ticket = codec::decode(&value).map_err(to_internal)?;
        tickets.push(TicketView::new(&ticket));
    }
    Ok(Json(TicketPage {
        tickets,
        next_cursor: None,
    }))
}

/// Tickets by status, stage, tag, assignee, origin and period.
#[utoipa::path(get, path = "/api/v1/tickets", params(TicketQuery), security(("token" = [])),
    responses((status = 200, body = TicketPage), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn list_tickets(
    State(state): State<ApiState>,
    headers: HeaderMap,
    query: Result<Query<TicketQuery>, QueryRejection>,
) -> Result<Json<TicketPage>, ApiError> {
    authorize(&state, &headers, Access::Read)?;
    let Query(query) = query.map_err(|rejection| ApiError::InvalidQuery(rejection.body_text()))?;
    let filter = TicketFilter::new(&query)?;
    let limit = page_size(query.limit)?;
    let start = match query.cursor.as_deref() {
        None => Vec::new(),
        Some(text) => {
            let (customer, number) = text.split_once('-').ok_or_else(bad_cursor)?;
            let customer = customer.parse::<i64>().map_err(|_| bad_cursor())?;
            let number = number.parse::<u32>().map_err(|_| bad_cursor())?;
            let mut key =
                keys::ticket(UserId(customer), crate::domain::TicketNumber(number)).to_vec();
            key.push(0);
            key
        }
    };
    let store = state.store.clone();
    tokio::task::spawn_blocking(move || {
        let ledger = Ledger::new(&store);
        let tree = store
            .db()
            .open_tree(TreeName::Tickets.as_str())
            .map_err(crate::storage::StorageError::from)?;
        let mut tickets = Vec::new();
        let mut last: Option<Ticket> = None;
        let mut customer: Option<Customer> = None;
        let mut more = false;
        for (examined, entry) in tree.range(start..).enumerate() {
            if tickets.len() >= limit || examined >= SCAN_LIMIT {
                more = true;
                break;
            }
            let (_, value) = entry.map_err(crate::storage::StorageError::from)?;
            let ticket: Ticket = codec::decode(&value).map_err(to_internal)?;
            if filter.tag.is_some() && customer.as_ref().is_none_or(|c| c.id != ticket.customer) {
                customer = ledger.customer(ticket.customer)?;
            }
            if filter.matches(&ticket, customer.as_ref()) {
                tickets.push(TicketView::new(&ticket));
            }
            last = Some(ticket);
        }
        Ok(Json(TicketPage {
            tickets,
            next_cursor: last
                .filter(|_| more)
                .map(|t| format!("{}-{}", t.customer.0, t.number.0)),
        }))
    })
    .await
    .map_err(|_| ApiError::Internal)?
}

/// The status of a write or of a message sent through the API.
#[utoipa::path(get, path = "/api/v1/deliveries/{id}", params(("id" = u64, Path, description = "The delivery (request) id")),
    security(("token" = [])), responses((status = 200, body = DeliveryView), (status = 404, body = ErrorBody)))]
pub async fn get_delivery(
    State(state): State<ApiState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<DeliveryView>, ApiError> {
    authorize(&state, &headers, Access::Read)?;
    let id = id.parse::<u64>().map_err(|_| ApiError::NotFound)?;
    delivery_view(&state, id)?
        .map(Json)
        .ok_or(ApiError::NotFound)
}

/// The audit log of API writes, oldest first.
#[utoipa::path(get, path = "/api/v1/audit", params(AuditQuery), security(("token" = [])),
    responses((status = 200, body = AuditPage), (status = 401, body = ErrorBody)))]
pub async fn audit(
    State(state): State<ApiState>,
    headers: HeaderMap,
    query: Result<Query<AuditQuery>, QueryRejection>,
) -> Result<Json<AuditPage>, ApiError> {
    authorize(&state, &headers, Access::Read)?;
    let Query(query) = query.map_err(|rejection| ApiError::InvalidQuery(rejection.body_text()))?;
    let limit = page_size(query.limit)?;
    let lines = integrations::audit(&state.store, query.after, limit)?
        .iter()
        .map(|(id, entry)| AuditView::new(*id, entry))
        .collect();
    Ok(Json(AuditPage { lines }))
}

/// What is known of request `id`: its answer, and for a message, its delivery.
pub fn delivery_view(state: &ApiState, id: u64) -> Result<Option<DeliveryView>, ApiError> {
    let view = |status: &str, message_id, reason| DeliveryView {
        delivery: id,
        status: status.into(),
        message_id,
        reason,
    };
    if let Some(status) = integrations::delivery(&state.store, id)? {
        return Ok(Some(match status {
            DeliveryStatus::Sent { message, .. } => view("sent", Some(message.0), None),
            DeliveryStatus::Failed { reason } => view("failed", None, Some(reason)),
        }));
    }
    Ok(
        integrations::answer(&state.store, id)?.map(|answer| match answer {
            ApiAnswer::Queued => view("queued", None, None),
            ApiAnswer::Done { .. } => view("ok", None, None),
            ApiAnswer::Refused(refusal) => view("refused", None, Some(refusal.code().into())),
        }),
    )
}

/// The customer named by a path segment.
pub fn find_customer(
    ledger: &Ledger<&crate::storage::Store>,
    id: &str,
) -> Result<Customer, ApiError> {
    let id = id
        .parse::<i64>()
        .map_err(|_| ApiError::Refused(crate::desk::ApiRefusal::UnknownCustomer))?;
    ledger
        .customer(UserId(id))?
        .ok_or(ApiError::Refused(crate::desk::ApiRefusal::UnknownCustomer))
}

fn current_ticket(
    ledger: &Ledger<&crate::storage::Store>,
    customer: &Customer,
) -> Result<Option<Ticket>, ApiError> {
    if customer.ticket.0 == 0 {
        return Ok(None);
    }
    Ok(ledger.ticket(customer.id, customer.ticket)?)
}

fn page_size(limit: Option<usize>) -> Result<usize, ApiError> {
    match limit {
        None => Ok(DEFAULT_LIMIT),
        Some(limit) if (1..=MAX_LIMIT).contains(&limit) => Ok(limit),
        Some(_) => Err(ApiError::InvalidQuery(format!(
            "limit must be 1-{MAX_LIMIT}"
        ))),
    }
}

fn bad_cursor() -> ApiError {
    ApiError::InvalidQuery("cursor: pass next_cursor from the previous page unchanged".into())
}

fn to_internal(error: crate::storage::codec::CodecError) -> ApiError {
    tracing::error!(%error, "the API cannot read a record");
    ApiError::Internal
}
